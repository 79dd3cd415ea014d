# SPDX-License-Identifier: GPL-2.0
#
# oom-memcg: an OOM inside a memory cgroup is recorded as such.
#
# A hog of 64 MiB runs in a cgroup whose memory.max is 32 MiB (no swap), so
# the memcg's limit, not the machine, runs out.
#
#  oom-memcg   the new record has constraint=memcg, memcg= the cgroup's
#              path, totalpages = memory.max in pages (mem_cgroup_get_max()
#              with no swap), and the hog as victim; the cgroup's
#              memory.events oom_kill delta equals the number of records
#              naming it, and /proc/vmstat oom_kill's delta the number of
#              all new records
#  oom-stream  the event stream (/dev/mmscope, read with cat as loaded)
#              carried one MMSCOPE_REC_OOM_KILL record per new OOM record

mms_load || { fail oom-memcg "module not loaded"; return 0; }
cg=/sys/fs/cgroup
name=mmscope-oom-memcg
if ! grep -qw memory "$cg/cgroup.controllers" 2>/dev/null; then
	skip oom-memcg "no cgroup v2 memory controller"
	return 0
fi
echo +memory >"$cg/cgroup.subtree_control"
mkdir -p "$cg/$name"
echo $((32 * 1024 * 1024)) >"$cg/$name/memory.max"
page=$(awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps)
d=$MMS_TMP/oom-memcg
mkdir -p "$d"

stream=
if [ -c /dev/mmscope ]; then
	# Drop what earlier scenarios left in the rings.
	mmsread ctl reset >/dev/null
	cat /dev/mmscope >"$d/stream" &
	stream=$!
	protect "$stream"
fi
ev0=$(awk '$1 == "oom_kill" { print $2 }' "$cg/$name/memory.events")
rec0=$(oom_records_total)
kill0=$(vmstat_val oom_kill)
sh -c "echo \$\$ >$cg/$name/cgroup.procs && exec hog 64" >"$d/hog" 2>&1 &
H=$!
wait $H
rc=$?
sleep 1
cat "$MMS_DEBUGFS/oom" >"$d/oom"
rec1=$(oom_records_total)
kill1=$(vmstat_val oom_kill)
ev1=$(awk '$1 == "oom_kill" { print $2 }' "$cg/$name/memory.events")
i=0
while ! rmdir "$cg/$name" 2>/dev/null && [ $i -lt 10 ]; do
	i=$((i + 1))
	sleep 1
done

nrec=$((rec1 - rec0))
nkill=$((kill1 - kill0))
nev=$((ev1 - ev0))
ncg=0
why=
id=$rec0
while [ "$id" -lt "$rec1" ]; do
	oom_record "$d/oom" "$id"
	hdr=$(oom_record "$d/oom" "$id" | head -n 1)
	if [ "$(echo "$hdr" | kv memcg)" = "/$name" ]; then
		ncg=$((ncg + 1))
		[ "$(echo "$hdr" | kv constraint)" = memcg ] || why="$why record $id constraint;"
		[ "$(echo "$hdr" | kv victim_pid)" = "$H" ] || why="$why record $id victim not the hog $H;"
		tp=$(echo "$hdr" | kv totalpages)
		[ "$tp" = $((32 * 1024 * 1024 / page)) ] || why="$why record $id totalpages $tp;"
		[ "$(echo "$hdr" | kv memcg_id)" != 0 ] || why="$why record $id memcg_id 0;"
	fi
	id=$((id + 1))
done
note "records $nrec ($ncg naming /$name), memory.events oom_kill $nev, /proc/vmstat oom_kill $nkill, hog exit $rc"
[ "$ncg" -ge 1 ] || why="$why no record names /$name;"
[ "$ncg" -eq "$nev" ] || why="$why records naming the memcg $ncg != memory.events oom_kill $nev;"
[ "$nrec" -eq "$nkill" ] || why="$why records $nrec != /proc/vmstat oom_kill $nkill;"
[ "$rc" -eq 137 ] || why="$why hog exit $rc;"
[ -z "$why" ] && pass oom-memcg || fail oom-memcg "$why"

if [ -n "$stream" ]; then
	sleep 1		# the readers' wake-up tick
	kill "$stream"
	wait "$stream" 2>/dev/null
	got=$(mmsread parse "$d/stream" | awk '$1 == "type" && $2 == "oom_kill" { print $3 }')
	note "event stream: ${got:-no} oom_kill records"
	[ "${got:-0}" -eq "$nrec" ] && pass oom-stream ||
		fail oom-stream "stream oom_kill records ${got:-none} != $nrec"
else
	absent oom-stream "no /dev/mmscope"
fi
