# SPDX-License-Identifier: GPL-2.0
#
# fixtures: print every file of the module's debugfs directory on the
# console, one "MMSCOPE-FIXTURE path|line" line per line, for
# tests/fixtures/capture.sh to turn into host test fixtures.  Runs only
# when named (MMSCOPE_SCENARIOS="... fixtures"), never in a full run.

case " $MMSCOPE_SCENARIOS " in
*" fixtures "*)	;;
*)		return 0 ;;
esac
mms_load || { fail fixtures "module not loaded"; return 0; }
(cd "$MMS_DEBUGFS" && find . -type f | sort) | while read -r f; do
	f=${f#./}
	# A blank line or a kernel message cannot split a prefixed line.
	sed "s|^|MMSCOPE-FIXTURE $f\\||" "$MMS_DEBUGFS/$f"
done
for f in vmstat; do
	sed "s|^|MMSCOPE-FIXTURE proc/$f\\||" "/proc/$f"
done
pass fixtures
