# SPDX-License-Identifier: GPL-2.0
#
# oom-policies: the two other ways into the OOM killer are recorded too.
#
#  oom-sysrq              SysRq f (echo f >/proc/sysrq-trigger) asks the
#                         OOM killer for a kill with no allocation failing:
#                         the record has order=-1, the held hog (the
#                         biggest task) as victim, no retry lines, and one
#                         record per oom_kill
#  oom-allocating-task    with vm.oom_kill_allocating_task=1 the kernel
#                         kills the allocating task without a selection:
#                         the record has policy=allocating_task, the
#                         allocating hog as trigger and victim, and no
#                         candidate evaluated

mms_load || { fail oom-policies "module not loaded"; return 0; }
d=$MMS_TMP/oom-policies
mkdir -p "$d"
mem=$(mem_total_mib)

# one_record: print the records since $rec0 into $d/rec and set $hdr to the
# first one's header; add to $why unless exactly one record and one kill.
one_record() {
	rec1=$(oom_records_total)
	kill1=$(vmstat_val oom_kill)
	cat "$MMS_DEBUGFS/oom" >"$d/oom"
	oom_record "$d/oom" "$rec0" "$rec1" | tee "$d/rec"
	[ $((rec1 - rec0)) -eq 1 ] && [ $((kill1 - kill0)) -eq 1 ] ||
		why="$why records $((rec1 - rec0)), oom_kill $((kill1 - kill0));"
	hdr=$(head -n 1 "$d/rec")
}

if [ -w /proc/sysrq-trigger ]; then
	hog $((mem * 30 / 100)) --hold >"$d/h" 2>&1 &
	H=$!
	why=
	if wait_grep "$d/h" holding; then
		rec0=$(oom_records_total)
		kill0=$(vmstat_val oom_kill)
		echo f >/proc/sysrq-trigger
		wait $H
		rc=$?
		one_record
		[ "$(echo "$hdr" | kv order)" = -1 ] || why="$why order not -1;"
		[ "$(echo "$hdr" | kv victim_pid)" = "$H" ] || why="$why victim not the hog $H;"
		[ "$(echo "$hdr" | kv no_progress_loops)" = - ] || why="$why retry lines;"
		[ "$rc" -eq 137 ] || why="$why hog exit $rc;"
	else
		why="hog did not settle"
		kill -9 $H
	fi
	[ -z "$why" ] && pass oom-sysrq || fail oom-sysrq "$why"
else
	skip oom-sysrq "no /proc/sysrq-trigger"
fi

why=
old=$(cat /proc/sys/vm/oom_kill_allocating_task)
echo 1 >/proc/sys/vm/oom_kill_allocating_task
rec0=$(oom_records_total)
kill0=$(vmstat_val oom_kill)
hog $((mem * 2)) >"$d/a" 2>&1 &
A=$!
wait $A
rc=$?
echo "$old" >/proc/sys/vm/oom_kill_allocating_task
one_record
[ "$(echo "$hdr" | kv policy)" = allocating_task ] || why="$why policy not allocating_task;"
[ "$(echo "$hdr" | kv trigger_pid)" = "$A" ] || why="$why trigger not the hog $A;"
[ "$(echo "$hdr" | kv victim_pid)" = "$A" ] || why="$why victim not the hog $A;"
[ "$(echo "$hdr" | kv evaluated)" = 0 ] || why="$why tasks evaluated;"
[ "$(echo "$hdr" | kv victim_points)" = - ] || why="$why victim_points without a selection;"
[ "$rc" -eq 137 ] || why="$why hog exit $rc;"
[ -z "$why" ] && pass oom-allocating-task || fail oom-allocating-task "$why"
