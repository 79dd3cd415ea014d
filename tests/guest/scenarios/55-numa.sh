# SPDX-License-Identifier: GPL-2.0
#
# numa: node reclaim and the per-node figures, in a two-node guest.
# scripts/check.sh boots one target of each architecture a second time
# with two NUMA nodes (vm.sh --numa 2) to run this scenario alone; in a
# one-node guest it has nothing to do and says so.  Three windows, each
# between two bpf_snap marks, with tracefs recording the same events:
#
#  zone1  vm.zone_reclaim_mode=1 (RECLAIM_ZONE): a file of 1.5x the larger
#         node read on CPU 0.  Its page cache comes from node 0, and once node
#         0 is below its low watermark the allocator reclaims node 0
#         (node_reclaim()) before it falls back to node 1.
#  zone4  vm.zone_reclaim_mode=4 (RECLAIM_UNMAP, which may unmap mapped
#         pages): the same read on CPU 1, so node 1 is reclaimed.
#  bind   vm.zone_reclaim_mode=0: a hog of 1.5x node 1 bound to node 1
#         (mbind MPOL_BIND), run on CPU 0, into zram swap: kswapd1 and
#         direct reclaim of node 1, entered from a CPU of node 0.
#
# The zone windows run on the classic LRU: the multi-gen LRU's
# lru_gen_shrink_node() scans nothing for a reclaim that may not both
# write and unmap, so node reclaim with modes 1 and 4 fires its events and
# reclaims nothing (seen on 6.12: 40,795 node reclaims, 0 pages).  Each
# window's after-snapshot is taken with zone_reclaim_mode back at 0: a
# node below its low watermark makes every allocation on it a node
# reclaim, so no instant would be quiet; and with every kswapd back in its
# long sleep, so that the kswapd runs the window started end in it.
#
# In each window:
#  - every vmscan counter equals bpftrace's count of its tracepoint, and
#    the counters the window exists for moved (node_reclaim and its end
#    in zone1 and zone4; kswapd and direct reclaim in bind); node reclaim
#    durations against bpftrace's timing of the same pairs;
#  - every vmstat figure equals /proc/vmstat's delta, and each node's
#    nr_vmscan_write its node vmstat's;
#  - numa-*-matrix: the reclaim matrix per node, reclaimer and LRU type
#    (pages reclaimed) equals the sums of nr_reclaimed of tracefs'
#    mm_vmscan_lru_shrink_inactive lines by their nid, the type in their
#    flags, and the reclaimer: kswapd for kswapd threads, else direct,
#    memcg or node by the begin/end events of the same thread around
#    them.  The node the window is for must show reclaim by its
#    reclaimer (node, or direct in bind);
#  - the wmark_state view's per-node lines: kswapd_wakes equals the count
#    of mm_vmscan_kswapd_wake lines by nid, and direct_reclaims the count
#    of mm_vmscan_direct_reclaim_begin lines by the node of the CPU they
#    ran on (the entering CPU's node, which is not the node reclaimed in
#    bind: Documentation/admin-guide.rst, wmark_state); each histogram
#    kswapd_run_nodeN counted the node's mm_vmscan_kswapd_sleep lines.
#  - numa-stream-times: the stream's node_reclaim_begin and _end records
#    over both zone windows, against the trace's lines of the same
#    tracepoints: as many per CPU and task, ts_ns and each end's
#    duration_ns within the bounds of stream_times (tests/guest/lib.sh).

nodes=$(ls -d /sys/devices/system/node/node[0-9]* 2>/dev/null | wc -l)
if [ "$nodes" -lt 2 ]; then
	# The two-node boot exists for this scenario: there, one node means
	# QEMU's -numa options did not reach the kernel, and is a failure.
	case ${MMSCOPE_BOOT:-} in
	numa*) fail numa "boot $MMSCOPE_BOOT has $nodes node(s), not 2" ;;
	*) note "numa: $nodes node(s) in this guest: the two-node boot runs this scenario" ;;
	esac
	return 0
fi
if [ -z "$MMSCOPE_SCRATCH" ]; then
	fail numa "no scratch disk attached"
	return 0
fi
mms_load || { fail numa "module not loaded"; return 0; }
d=$MMS_TMP/numa
f=$MMSCOPE_SCRATCH/numa
for n in 0 1; do
	note "node$n: cpus $(cat /sys/devices/system/node/node$n/cpulist)," \
	     "$(awk '/MemTotal/ { print int($4 / 1024) }' /sys/devices/system/node/node$n/meminfo) MiB," \
	     "distances $(cat /sys/devices/system/node/node$n/distance)"
done
node_mib() { awk '/MemTotal/ { print int($4 / 1024) }' "/sys/devices/system/node/node$1/meminfo"; }

# The events the matrix and the per-node wakes are checked against.
numa_tps="vmscan:mm_vmscan_lru_shrink_inactive vmscan:mm_vmscan_kswapd_wake
vmscan:mm_vmscan_kswapd_sleep
vmscan:mm_vmscan_direct_reclaim_begin vmscan:mm_vmscan_direct_reclaim_end
vmscan:mm_vmscan_memcg_reclaim_begin vmscan:mm_vmscan_memcg_reclaim_end
vmscan:mm_vmscan_node_reclaim_begin vmscan:mm_vmscan_node_reclaim_end"
# shellcheck disable=SC2086
trace_on 8192 local $numa_tps || { fail numa "tracefs not writable"; return 0; }

# bpf_snap's hook: the wmark_state view, and a mark in the trace buffer
# at the same quiet instant (the last mark of a snapshot that retried).
numa_snap_hook() {
	local h
	{
		cat "$MMS_DEBUGFS/wmark_state"
		for h in "$MMS_DEBUGFS"/histograms/kswapd_run_node[0-9]*; do
			echo "khist ${h##*_node} $(awk '$1 == "count" { print $2 }' "$h")"
		done
	} >"$1.w"
	trace_mark "mmscope-snap $1 end"
}
MMS_SNAP_HOOK=numa_snap_hook

zram_swap $(( $(mem_total_mib) * 2 )) numa || return 0
# 1.5 times the larger node: more than either holds.
size=$(node_mib 0)
[ "$(node_mib 1)" -le "$size" ] || size=$(node_mib 1)
size=$((size * 3 / 2))
dd if=/dev/zero of="$f" bs=1M count="$size" 2>/dev/null
sync

bpf=numa
# shellcheck disable=SC2046
if ! bpf_start $bpf $(bpf_tps "$MMS_BPF_VMSCAN"); then
	fail numa-bpftrace "$MMS_BPF_WHY"
	bpf=
fi
ctl=/sys/kernel/mm/lru_gen/enabled
lrugen=
if [ -w "$ctl" ] && [ "$(cat "$ctl")" != 0x0000 ]; then
	lrugen=$(cat "$ctl")
	echo n >"$ctl"
	note "the multi-gen LRU ($lrugen) off for the zone windows"
fi
# numa_read MODE CPU BEFORE AFTER: the file read on CPU with
# zone_reclaim_mode MODE, between two snapshots.
numa_read() {
	echo 3 >/proc/sys/vm/drop_caches
	echo "$1" >/proc/sys/vm/zone_reclaim_mode
	bpf_snap "$bpf" "$3"
	note "zone$1: zone_reclaim_mode $1, a $size MiB file read on CPU $2"
	taskset -c "$2" cat "$f" >/dev/null
	echo 0 >/proc/sys/vm/zone_reclaim_mode
	numa_settle
	bpf_snap "$bpf" "$4"
}
# numa_settle: every kswapd run the window started ends in it.
numa_settle() {
	kswapd_wait_asleep || note "kswapd still awake after 60 s:$MMS_KSWAPD_AWAKE"
}
# The stream's node reclaim records of both zone windows, timed against
# the trace.
numa_types="node_reclaim_begin node_reclaim_end"
times_reader_start "$d" "$numa_types"
numa_read 1 0 "$d.0" "$d.1"
numa_read 4 1 "$d.2" "$d.3"
times_reader_stop "$d"
[ -z "$lrugen" ] || echo "$lrugen" >"$ctl"
echo 3 >/proc/sys/vm/drop_caches
bpf_snap "$bpf" "$d.4"
hsize=$(( $(node_mib 1) * 3 / 2 ))
note "bind: zone_reclaim_mode 0, a $hsize MiB hog bound to node 1, on CPU 0"
out=$(taskset -c 0 hog "$hsize" --node 1 2>&1)
rc=$?
note "hog exit $rc: $(echo "$out" | tail -n 1)"
numa_settle
bpf_snap "$bpf" "$d.5"
MMS_SNAP_HOOK=
trace_off "$d.trace"
lost=$MMS_TRACE_LOST
zram_swap_off
rm -f "$f"

[ -n "$bpf" ] && bpf_stop $bpf

# numa_trace BEFORE AFTER: the trace's lines between the last marks of
# the two snapshots (a snapshot that retried marked each try).
numa_trace() { trace_cut "$d.trace" "mmscope-snap $1 end" "mmscope-snap $2 end"; }

# numa_matrix BEFORE AFTER: "node reclaimer lru" keys whose reclaimed
# pages differ between the matrix's per-node rows and the window's trace
# ($d.window), as " key: mmscope N, tracefs M;"; then a line with the
# number of keys; then "key pages" lines, the trace's.  LRU type:
# RECLAIM_WB_FILE in the flags.
numa_matrix() {
	awk "$MMS_AWK_TRACE"'
	FILENAME == ARGV[1] || FILENAME == ARGV[2] {
		sign = FILENAME == ARGV[1] ? -1 : 1
		if (/^# per node/) { on = 1; next }
		if (/^# reclaimer/) {
			for (i = 1; i <= NF; i++) if ($i == "reclaimed") c = i - 1
			next
		}
		if (/^# /) { on = 0; next }
		if (on && $1 ~ /^node/ && c && NF > c)
			m[$1 " " $2 " " $3] += sign * $(c + 1)
		next
	}
	!tr_parse() { next }
	{ pid = TR_PID; comm = TR_COMM }
	/ mm_vmscan_direct_reclaim_begin: / { ctx[pid] = "direct" }
	/ mm_vmscan_memcg_reclaim_begin: / { ctx[pid] = "memcg" }
	/ mm_vmscan_node_reclaim_begin: / { ctx[pid] = "node" }
	/ mm_vmscan_(direct|memcg|node)_reclaim_end: / { ctx[pid] = "" }
	/ mm_vmscan_lru_shrink_inactive: / {
		rc = comm ~ /^kswapd[0-9]/ ? "kswapd" : ctx[pid]
		if (rc == "")
			rc = "unattributed"
		t[sprintf("node%s %s %s", tr_field("nid"), rc,
			  index(tr_field("flags"), "RECLAIM_WB_FILE") ? "file" : "anon")] += tr_field("nr_reclaimed")
	}
	END {
		for (k in t) m[k] += 0
		for (k in m) {
			keys++
			tv = (k in t) ? t[k] : 0
			if (m[k] != tv)
				printf " %s: mmscope %d, tracefs %d;", k, m[k], tv
		}
		printf "\n%d\n", keys
		for (k in t) print k, t[k]
	}' "$1.r" "$2.r" "$d.window"
}

# numa_pernode BEFORE AFTER: per node, the wnode lines' kswapd_wakes and
# direct_reclaims deltas against the window's mm_vmscan_kswapd_wake lines
# by nid and mm_vmscan_direct_reclaim_begin lines by their CPU's node, and
# the count of histogram kswapd_run_nodeN against mm_vmscan_kswapd_sleep
# lines by nid (a run is counted when it ends; every kswapd was asleep
# at load), as "nodeN FIELD mmscope tracefs" lines.
numa_pernode() {
	local n c
	for n in /sys/devices/system/node/node[0-9]*; do
		for c in $(cpulist_expand "$(cat "$n/cpulist")"); do
			echo "cpu $c ${n##*/node}"
		done
	done >"$d.cpunode"
	awk '
	FILENAME == ARGV[1] { node[$2] = $3; next }
	FILENAME == ARGV[2] || FILENAME == ARGV[3] {
		sign = FILENAME == ARGV[2] ? -1 : 1
		if ($1 == "khist") {
			h[$2] += sign * $3
			next
		}
		if ($1 != "wnode") next
		for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		w[f["node"]] += sign * f["kswapd_wakes"]
		r[f["node"]] += sign * f["direct_reclaims"]
		next
	}
	/ mm_vmscan_kswapd_wake: / && match($0, /nid=[0-9]+/) {
		tw[substr($0, RSTART + 4, RLENGTH - 4)]++
	}
	/ mm_vmscan_kswapd_sleep: / && match($0, /nid=[0-9]+/) {
		ts[substr($0, RSTART + 4, RLENGTH - 4)]++
	}
	/ mm_vmscan_direct_reclaim_begin: / && match($0, /\[[0-9]+\]/) {
		tr[node[substr($0, RSTART + 1, RLENGTH - 2) + 0]]++
	}
	END {
		for (k in w) {
			printf "node%s kswapd_wakes %d %d\n", k, w[k], tw[k] + 0
			printf "node%s direct_reclaims %d %d\n", k, r[k], tr[k] + 0
			printf "node%s kswapd_run_count %d %d\n", k, h[k], ts[k] + 0
		}
	}' "$d.cpunode" "$1.w" "$2.w" "$d.window"
}

# cpulist_expand LIST: "0-2,5" as "0 1 2 5".
cpulist_expand() {
	echo "$1" | tr ',' '\n' | awk -F- '{ for (i = $1; i <= ($2 == "" ? $1 : $2); i++) printf "%d ", i }'
}

# numa_window NAME BEFORE AFTER NODE RECLAIMER MOVERS: the checks of one
# window, which exists for RECLAIMER's reclaim of NODE.
numa_window() {
	local name=$1 b=$2 a=$3 node=$4 rc=$5 movers=$6 out diffs bad= pn pairs
	# Soft limit reclaim needs cgroup v1 (the main boot's SKIPs say so),
	# and node reclaim is off (zone_reclaim_mode 0) in bind: not compared.
	pairs=$(echo "$MMS_BPF_VMSCAN" | grep -v '^memcg_softlimit')
	[ "$rc" = node ] || pairs=$(echo "$pairs" | grep -v '^node_reclaim')
	if [ -n "$bpf" ]; then
		bpf_compare $bpf "$b" "$a" "numa-$name-bpftrace" "$pairs" "$movers"
	fi
	compare_vmstat "$b" "$a" "numa-$name-vmstat"
	if [ "$lost" -ne 0 ]; then
		fail "numa-$name-matrix" "the trace buffer overran by $lost events"
		return
	fi
	numa_trace "$b" "$a" >"$d.window"
	out=$(numa_matrix "$b" "$a")
	diffs=$(echo "$out" | sed -n 1p)
	note "$name: $(echo "$out" | sed -n 2p) keys of node, reclaimer and LRU type compared; the trace's: $(echo "$out" | sed -n '3,$p' | sort | tr '\n' ';')"
	[ -z "$diffs" ] || bad="$bad differ:$diffs"
	echo "$out" | sed -n '3,$p' | awk -v k="node$node $rc" 'index($0, k) == 1 && $4 > 0 { ok = 1 } END { exit !ok }' ||
		bad="$bad no $rc reclaim of node$node;"
	pn=$(numa_pernode "$b" "$a")
	note "$name per node (mmscope, tracefs): $(echo "$pn" | sort | tr '\n' ';')"
	bad="$bad$(echo "$pn" | awk '$3 != $4 { printf " %s %s %d != %d;", $1, $2, $3, $4 }')"
	if [ -z "$bad" ]; then
		pass "numa-$name-matrix"
	else
		fail "numa-$name-matrix" "${bad# }"
	fi
}

stream_times numa-stream-times "$d" "$numa_types"
numa_window zone1 "$d.0" "$d.1" 0 node "node_reclaim node_reclaim_end"
numa_window zone4 "$d.2" "$d.3" 1 node "node_reclaim node_reclaim_end"
numa_window bind "$d.4" "$d.5" 1 direct "kswapd_wake kswapd_sleep direct_reclaim direct_reclaim_end"
