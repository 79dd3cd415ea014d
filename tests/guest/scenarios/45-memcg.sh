# SPDX-License-Identifier: GPL-2.0
#
# memcg: a cgroup v2 memory.max of 32 MiB forces memcg reclaim while a task
# in it writes a 96 MiB file (dirty pages) and then reads it back (clean
# page cache), with the rest of the guest's memory free, so no global
# reclaim runs.  On 6.12 the read phase runs again with the multi-gen LRU
# off.  In each phase:
#  - mmscope's memcg row of the reclaim matrix (scanned, reclaimed, summed
#    over LRU types) equals the cgroup's memory.stat pgscan and pgsteal
#    deltas exactly (the kernel files memcg limit reclaim under the
#    cgroup's pgscan_direct; no other reclaim touched it);
#  - every figure of mmscope's vmstat view equals /proc/vmstat's delta:
#    pgscan_kswapd/direct stay put (the kernel leaves memcg reclaim out of
#    them) while pgscan_anon/file and pgsteal_anon/file count it;
#  - bpftrace, counting the same vmscan tracepoints over the same windows,
#    agrees with every mmscope event counter;
#  - memcg-*-stream-times: the stream's memcg_reclaim_begin and _end
#    records of the phase, against tracefs' lines of the same tracepoints:
#    as many per CPU and task, ts_ns and each end's duration_ns within the
#    bounds of stream_times (tests/guest/lib.sh).

if [ -z "$MMSCOPE_SCRATCH" ]; then
	absent memcg "no scratch disk attached"
	return 0
fi
cgroot=/sys/fs/cgroup
grep -q "^cgroup2 $cgroot " /proc/mounts ||
	mount -t cgroup2 none "$cgroot" 2>/dev/null
if ! grep -qw memory "$cgroot/cgroup.controllers" 2>/dev/null; then
	skip memcg "no cgroup v2 memory controller"
	return 0
fi
mms_load || { fail memcg "module not loaded"; return 0; }
echo +memory >"$cgroot/cgroup.subtree_control"
cg=$cgroot/mms-reclaim
rmdir "$cg" 2>/dev/null
mkdir "$cg"
echo 32M >"$cg/memory.max"
d=$MMS_TMP/memcg
f=$MMSCOPE_SCRATCH/memcg

# memcg_row SNAP FIELD: a field of the memcg rows of the reclaim matrix,
# summed over anon and file.
memcg_row() {
	awk -v f="$2" '
		/^# reclaimer/ { for (i = 1; i <= NF; i++) if ($i == f) c = i - 1 }
		$1 == "memcg" && c { s += $c }
		END { print s + 0 }' "$1"
}

# memcg_snap NAME: quiet snapshots of mmscope, /proc/vmstat, the matrix and
# the cgroup's memory.stat.  memory.stat is flushed at most every 2 s.
memcg_snap() {
	sleep 3
	bpf_snap "$bpf" "$1"
	cat "$cg/memory.stat" >"$1.s"
}

# The stream's memcg reclaim records, timed against tracefs.
memcg_tps="vmscan:mm_vmscan_memcg_reclaim_begin vmscan:mm_vmscan_memcg_reclaim_end"
memcg_types="memcg_reclaim_begin memcg_reclaim_end"

# memcg_phase NAME COMMAND...: run COMMAND in the cgroup and compare.
memcg_phase() {
	local name=$1 bad= k s n tr= rc
	shift
	# Global reclaim must stay out of the window: start with the page
	# cache of earlier scenarios dropped, so that the node stays above
	# its watermarks (after the pagecache scenario alone, kswapd once
	# scanned 3 pages during a phase).
	# The trace's buffers are allocated first, before the caches are
	# dropped: allocated inside the window (4 MiB per CPU), they once
	# took the node below its low watermark and kswapd scanned 3 pages
	# (debian-6.1-arm64).
	# shellcheck disable=SC2086
	trace_on 1024 local $memcg_tps && tr=1
	sync
	echo 1 >/proc/sys/vm/drop_caches
	memcg_snap "$d.$name.0"
	[ -z "$tr" ] || times_reader_start "$d.$name" "$memcg_types"
	note "$name: running $* in $cg"
	sh -c 'echo $$ >"$1/cgroup.procs"; shift; exec timeout 300 "$@"' \
		sh "$cg" "$@"
	rc=$?
	if [ -n "$tr" ]; then
		times_reader_stop "$d.$name"
		trace_off "$d.$name.trace"
	fi
	if [ $rc -ne 0 ]; then
		fail "memcg-$name" "workload failed or did not finish in 300 s: $(grep -E 'oom|max' "$cg/memory.events" | xargs)"
		return 1
	fi
	note "$name: done"
	if [ -n "$tr" ]; then
		stream_times "memcg-$name-stream-times" "$d.$name" "$memcg_types"
	else
		fail "memcg-$name-stream-times" "tracefs not writable"
	fi
	memcg_snap "$d.$name.1"
	compare_vmstat "$d.$name.0" "$d.$name.1" "memcg-$name-vmstat"
	for n in pgscan_kswapd pgscan_direct; do
		k=$(delta "$d.$name.0.v" "$d.$name.1.v" $n)
		[ "$k" -eq 0 ] || bad="$bad global $n moved by $k;"
	done
	k=$(( $(memcg_row "$d.$name.1.r" scanned) - $(memcg_row "$d.$name.0.r" scanned) ))
	s=$(delta "$d.$name.0.s" "$d.$name.1.s" pgscan)
	note "$name: memcg scanned: mmscope $k, memory.stat pgscan $s"
	[ "$k" -eq "$s" ] || bad="$bad scanned $k!=$s;"
	[ "$k" -gt 0 ] || bad="$bad no memcg reclaim;"
	k=$(( $(memcg_row "$d.$name.1.r" reclaimed) - $(memcg_row "$d.$name.0.r" reclaimed) ))
	s=$(delta "$d.$name.0.s" "$d.$name.1.s" pgsteal)
	note "$name: memcg reclaimed: mmscope $k, memory.stat pgsteal $s"
	[ "$k" -eq "$s" ] || bad="$bad reclaimed $k!=$s;"
	note "$name: memcg_reclaim events $(delta "$d.$name.0.m" "$d.$name.1.m" memcg_reclaim)"
	phases="$phases $name"
	if [ -z "$bad" ]; then
		pass "memcg-$name-matrix"
	else
		fail "memcg-$name-matrix" "$bad"
	fi
}

bpf=memcg
if ! bpf_start $bpf $(bpf_tps "$MMS_BPF_VMSCAN"); then
	absent memcg-bpftrace "$MMS_BPF_WHY"
	bpf=
fi
phases=

echo 3 >/proc/sys/vm/drop_caches
memcg_phase dirty dd if=/dev/zero of="$f" bs=1M count=96 conv=fsync
echo 3 >/proc/sys/vm/drop_caches
ctl=/sys/kernel/mm/lru_gen/enabled
if [ -w "$ctl" ] && [ "$(cat "$ctl")" != 0x0000 ]; then
	was=$(cat "$ctl")
	echo n >"$ctl"
	memcg_phase clean-classic-lru pagecache "$f" 2
	echo "$was" >"$ctl"
	echo 3 >/proc/sys/vm/drop_caches
fi
memcg_phase clean pagecache "$f" 2
if [ -n "$bpf" ]; then
	bpf_stop $bpf
	for p in $phases; do
		bpf_compare $bpf "$d.$p.0" "$d.$p.1" "memcg-$p-bpftrace" "" \
			"memcg_reclaim memcg_reclaim_end lru_isolate lru_shrink_inactive"
	done
fi
rm -f "$f"
rmdir "$cg"
