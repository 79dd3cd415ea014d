# SPDX-License-Identifier: GPL-2.0
#
# oom-reaper: a victim that cannot exit is reaped, and its record says so.
#
# V (20% of RAM, oom_score_adj 1000) writes to a file on the scratch ext4
# disk once a second; the filesystem is then frozen, so V sleeps
# uninterruptibly in its write and SIGKILL cannot end it.  D allocates twice
# RAM.  The OOM killer kills V, which stays; 2 s later (OOM_REAPER_DELAY)
# the OOM reaper frees V's anonymous memory; D goes on and is killed next,
# with V, reaped, skipped.  Then the filesystem is thawed and V exits.
#
#  oom-reaper         V's record says reaper=reaped, with at least one
#                     reaping attempt, woken at least 1.9 s after the kill,
#                     as dmesg's "oom_reaper: reaped process V" witnesses;
#                     after the thaw its victim_exit_ms is later than the
#                     reaper's wake; the next record lists V as
#                     skipped:victim_reaped; and records equal /proc/vmstat
#                     oom_kill's delta

if [ -z "$MMSCOPE_SCRATCH" ]; then
	absent oom-reaper "no scratch disk attached"
	return 0
fi
mms_load || { fail oom-reaper "module not loaded"; return 0; }
d=$MMS_TMP/oom-reaper
mkdir -p "$d"
mem=$(mem_total_mib)

(echo 1000 >/proc/self/oom_score_adj
 exec hog $((mem * 20 / 100)) --then-write "$MMSCOPE_SCRATCH/oom-reaper") >"$d/v" 2>&1 &
V=$!
if ! wait_grep "$d/v" holding; then
	fail oom-reaper "V did not settle: $(cat "$d/v")"
	kill -9 $V
	return 0
fi
sync
fsfreeze --freeze "$MMSCOPE_SCRATCH"
i=0
while [ "$(awk '{ print $3 }' /proc/$V/stat)" != D ] && [ $i -lt 10 ]; do
	i=$((i + 1))
	sleep 1
done
state=$(awk '{ print $3 }' /proc/$V/stat)
note "V=$V state $state after the freeze"
if [ "$state" != D ]; then
	fail oom-reaper "V is not in uninterruptible sleep on the frozen disk"
	fsfreeze --unfreeze "$MMSCOPE_SCRATCH"
	kill -9 $V
	return 0
fi

rec0=$(oom_records_total)
kill0=$(vmstat_val oom_kill)
hog $((mem * 2)) >"$d/d" 2>&1 &
D=$!
wait $D
rcD=$?
sleep 1
fsfreeze --unfreeze "$MMSCOPE_SCRATCH"
wait $V
rcV=$?
sleep 1
cat "$MMS_DEBUGFS/oom" >"$d/oom"
rec1=$(oom_records_total)
kill1=$(vmstat_val oom_kill)
rm -f "$MMSCOPE_SCRATCH/oom-reaper"

nrec=$((rec1 - rec0))
nkill=$((kill1 - kill0))
note "records $nrec, /proc/vmstat oom_kill $nkill, exit V $rcV D $rcD"
grep '^summary' "$d/oom"
oom_record "$d/oom" "$rec0" "$rec1"

why=
[ "$nrec" -eq "$nkill" ] || why="$why records $nrec != oom_kill $nkill;"
hv=$(oom_record "$d/oom" "$rec0" | head -n 1)
[ "$(echo "$hv" | kv victim_pid)" = "$V" ] || why="$why first victim not V $V;"
[ "$(echo "$hv" | kv reaper)" = reaped ] || why="$why reaper $(echo "$hv" | kv reaper);"
dmesg | grep -q "oom_reaper: reaped process $V (" || why="$why dmesg has no reaped process $V;"
[ "$(echo "$hv" | kv reap_attempts)" -ge 1 ] 2>/dev/null || why="$why no reaping attempt;"
wake=$(echo "$hv" | kv reaper_wake_ms)
exit_ms=$(echo "$hv" | kv victim_exit_ms)
[ "$wake" != - ] && [ "$wake" -ge 1900 ] || why="$why reaper woken at $wake ms;"
[ "$exit_ms" != - ] && [ "$wake" != - ] && [ "$exit_ms" -gt "$wake" ] ||
	why="$why victim exit at $exit_ms ms, reaper at $wake ms;"
[ "$rcV" -eq 137 ] || why="$why V exit $rcV;"
if [ "$nrec" -ge 2 ]; then
	oom_record "$d/oom" $((rec0 + 1)) |
		awk -v v="$V" '$2 == v && $13 == "skipped:victim_reaped"' | grep -q . ||
		why="$why second record does not list V as skipped:victim_reaped;"
else
	why="$why only $nrec records;"
fi
[ -z "$why" ] && pass oom-reaper || fail oom-reaper "$why"
