#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest test driver: runs scenarios/*.sh in order, or those named in
# $MMSCOPE_SCENARIOS (space-separated names without number or .sh, e.g.
# "load oom-anon unload"), or demo.sh alone when that is "demo".  Each
# scenario prints MMSCOPE-RESULT lines.  With MMSCOPE_STRESS=short|full,
# stress.sh runs after them.
here=$(dirname "$0")
. "$here/lib.sh"

# Keep the console for results: printk at warning level and below goes to
# dmesg only (the scenarios read dmesg themselves).
dmesg -n 4 2>/dev/null

selected() {
	[ -z "$MMSCOPE_SCENARIOS" ] && return 0
	for s in $MMSCOPE_SCENARIOS; do
		[ "$s" = "$1" ] && return 0
	done
	return 1
}

if [ "$MMSCOPE_SCENARIOS" = demo ]; then
	. "$here/demo.sh"
	exit 0
fi
if [ "$MMSCOPE_SCENARIOS" = bench ]; then
	. "$here/bench.sh"
	exit 0
fi

for f in "$here"/scenarios/*.sh; do
	name=$(basename "$f" .sh)
	name=${name#[0-9][0-9]-}
	selected "$name" || continue
	echo "== scenario $name"
	# A subshell: one scenario's exit cannot end the run.
	(. "$f")
	# On a kernel with kmemleak (make check-debug): the scenario after
	# which it turned itself off, once (its metadata pool ran dry under
	# an OOM; the kmemleak scenario then fails, and the kernel's message
	# has often left the log by then).  Any command but "clear" fails
	# with EPERM once kmemleak is off; "stack=on" is its default.
	if [ -z "${kml_off:-}" ] && [ -e /sys/kernel/debug/kmemleak ] &&
	   ! echo stack=on >/sys/kernel/debug/kmemleak 2>/dev/null; then
		kml_off=$name
		# Its cause comes before "Kernel memory leak detector disabled".
		note "kmemleak turned itself off during scenario $name: $(dmesg | grep -i kmemleak | tail -n 5 | xargs)"
	fi
	# The host (scripts/results.sh --scenarios) counts a scenario that
	# never got here, the guest having died or hung in it, as not run.
	result_marker "MMSCOPE-SCENARIO-END $name"
done

# MMSCOPE_DEMO=1 (scripts/check.sh, on the README's target): the demo
# after the scenarios, so that its output is a real run's, for the
# README's sample (scripts/readme-samples.sh).
if [ "${MMSCOPE_DEMO:-0}" = 1 ]; then
	echo "== scenario demo"
	(. "$here/demo.sh")
	result_marker "MMSCOPE-SCENARIO-END demo"
fi

# MMSCOPE_STRESS=short|full: the stress suites (stress.sh), after every
# scenario; the host expects their end marker as a scenario's.
case ${MMSCOPE_STRESS:-} in
short|full)
	echo "== stress $MMSCOPE_STRESS"
	(. "$here/stress.sh")
	result_marker "MMSCOPE-SCENARIO-END stress"
	;;
esac
