# SPDX-License-Identifier: GPL-2.0
#
# unload: rmmod succeeds, the views go, and the kernel logged no warning,
# bug or oops at any point of the run.

if mms_unload && [ ! -e "$MMS_DEBUGFS" ]; then
	pass unload
else
	fail unload "rmmod failed or $MMS_DEBUGFS remains"
fi
bad=$(dmesg | grep -E 'WARNING:|BUG:|Oops|general protection|Unable to handle' |
      head -n 5)
if [ -z "$bad" ]; then
	pass dmesg-clean
else
	fail dmesg-clean "$bad"
fi
