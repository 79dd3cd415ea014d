# SPDX-License-Identifier: GPL-2.0
#
# oom-anon: an anonymous hog twice the size of RAM, no swap, ends in an OOM
# kill.  Compared with /proc/vmstat over the same window:
#
#  allocstall_<zone>   exactly equal: both count every pass of global direct
#                      reclaim, retries included.
#  oom_mark_victim     equal to oom_kill: one victim, killed by the OOM
#                      killer (the kernel also marks a victim without
#                      counting a kill when out_of_memory() finds the
#                      allocating task already exiting: not the case here).
#  direct_reclaim      the mm_vmscan_direct_reclaim_begin count, which is
#                      not allocstall: do_try_to_free_pages() counts
#                      allocstall once per pass and retries a pass that
#                      reclaimed nothing (6.8+: a full memcg walk; all
#                      kernels: forced deactivation, memcg low), up to
#                      3 retries for one begin.  So
#                      direct_reclaim <= allocstall <= 4 * direct_reclaim,
#                      and on 6.8+ every begin whose end reports 0 pages
#                      retried at least once:
#                      allocstall - direct_reclaim >= direct_reclaim_none.
#
# bpftrace, attached before the window and out of the OOM killer's reach,
# counts every vmscan tracepoint mmscope counts, and oom:mark_victim: each
# count must equal mmscope's over the same window (lib.sh: bpf_snap).  The
# kernel's hist triggers split the window by key: throttling by reason,
# kswapd wakes by zone and order, shrinkers by function (hist_keyed).

mms_load || { fail oom-anon "module not loaded"; return 0; }
d=$MMS_TMP/oom-anon
rec0=$(oom_records_total)
bpf=oomanon
pairs="$MMS_BPF_VMSCAN oom_mark_victim=oom:mark_victim"
# shellcheck disable=SC2046
if ! bpf_start $bpf $(bpf_tps "$pairs"); then
	absent oom-anon-bpftrace "$MMS_BPF_WHY"
	bpf=
fi
keyed=1
hist_on || { hist_absent oom-anon-keyed; keyed=; }
bpf_snap "$bpf" "$d.before"
size=$(( $(mem_total_mib) * 2 ))
note "hog: ${size} MiB against $(mem_total_mib) MiB of RAM"
hog "$size" >"$d.hog" 2>&1
rc=$?
sleep 1
bpf_snap "$bpf" "$d.after"
hist_off
[ -z "$keyed" ] || hist_keyed "$d.before" "$d.after" oom-anon-keyed "wakeup_kswapd shrinker"
rec1=$(oom_records_total)
if [ -n "$bpf" ]; then
	bpf_stop $bpf
	bpf_compare $bpf "$d.before" "$d.after" oom-anon-bpftrace "$pairs" \
		"$MMS_BPF_GLOBAL oom_mark_victim"
fi

b=$d.before
a=$d.after
ok=1
for z in $(awk '/^allocstall_/ { print $1 }' "$a.m" | sort -u); do
	km=$(delta "$b.m" "$a.m" "$z")
	kv=$(delta "$b.v" "$a.v" "$z")
	note "$z: mmscope $km, /proc/vmstat $kv"
	[ "$km" -eq "$kv" ] || ok=0
done
stall=$(( $(sum_prefix "$a.v" allocstall_) - $(sum_prefix "$b.v" allocstall_) ))
begin=$(delta "$b.m" "$a.m" direct_reclaim)
end=$(delta "$b.m" "$a.m" direct_reclaim_end)
none=$(delta "$b.m" "$a.m" direct_reclaim_none)
victims=$(delta "$b.m" "$a.m" oom_mark_victim)
kills=$(delta "$b.v" "$a.v" oom_kill)
note "direct_reclaim $begin (ended $end, $none reclaiming nothing), allocstall $stall"
note "oom_mark_victim $victims, /proc/vmstat oom_kill $kills, hog exit $rc"

if [ "$ok" -eq 1 ]; then
	pass oom-anon-allocstall
else
	fail oom-anon-allocstall "allocstall_<zone> differ from /proc/vmstat"
fi

why=
[ "$begin" -ge 1 ] || why="$why no direct reclaim;"
[ "$begin" -eq "$end" ] || why="$why begin $begin != end $end;"
[ "$stall" -ge "$begin" ] && [ "$stall" -le $((4 * begin)) ] ||
	why="$why allocstall $stall outside [$begin, $((4 * begin))];"
if kver_ge 6 8 && [ $((stall - begin)) -lt "$none" ]; then
	why="$why retries $((stall - begin)) < zero-reclaim passes $none;"
fi
[ -z "$why" ] && pass oom-anon-direct-reclaim || fail oom-anon-direct-reclaim "$why"

# 137 = 128 + SIGKILL: the OOM killer's signal.
if [ "$kills" -ge 1 ] && [ "$victims" -eq "$kills" ] && [ "$rc" -eq 137 ] &&
   dmesg | grep -q 'Killed process [0-9]* (hog)'; then
	pass oom-anon-kill
else
	fail oom-anon-kill "oom_kill $kills, oom_mark_victim $victims, hog exit $rc"
fi

# One OOM record per kill (debugfs oom, see 25-oom-forensics.sh), each
# ranked: oom_evaluate_task() is not inlined into select_bad_process().
unranked=$(grep '^summary ' "$MMS_DEBUGFS/oom" | kv unranked)
if [ -n "$rec0" ] && [ $((rec1 - rec0)) -eq "$kills" ] && [ "$unranked" = 0 ]; then
	pass oom-anon-records
else
	fail oom-anon-records "oom records $rec0 -> $rec1, oom_kill delta $kills, unranked ${unranked:-missing}"
fi
