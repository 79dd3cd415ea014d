#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stream_times (tests/guest/lib.sh), the guest's check of the stream's
# per-record ts_ns, duration_ns and kswapd run_ns against tracefs' lines
# of the same tracepoints, on inputs made here, under bash and busybox sh:
# it passes what a real run gives (records a constant offset from the
# trace clock, a few pairs stretched by a vCPU switch) and fails each way
# a module could get a record wrong.  Prints "PASS  host: stream-times-*"
# lines.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/host/lib.sh"
tmp=$(mktemp -d)
[ -z "${ST_KEEP:-}" ] || echo "keeping $tmp"
[ -n "${ST_KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

# A window of 40 direct reclaims (pids 100 and 101 on CPUs 0 and 1), each
# 2 ms long and 1 ms apart, one of 12 ms, two kswapd runs (pid 30,
# CPU 1), woken twice each, and six compaction runs of 50 us (pid 40, CPU
# 0); then what mmscope recorded of them: ts_ns 5 ms
# after the trace's clock (x86's __sched_clock_offset), each 7 us later
# than tracefs' line.  Fields of each case: the altered record lines.
mk_trace() {
	awk 'BEGIN {
		line(0, "sh", 50, 99000000, "tracing_mark_write: mmscope-times begin")
		t = 100000000
		for (i = 0; i < 40; i++) {
			pid = 100 + i % 2
			d = i == 17 ? 12000 : 2000
			line(i % 2, "dd", pid, t, "mm_vmscan_direct_reclaim_begin: order=0 gfp_flags=GFP_KERNEL")
			line(i % 2, "dd", pid, t + d, "mm_vmscan_direct_reclaim_end: nr_reclaimed=32")
			t += 1000 + d
		}
		k = 100000000
		for (r = 0; r < 2; r++) {
			line(1, "kswapd0", 30, k, "mm_vmscan_kswapd_wake: nid=0 order=0")
			line(1, "kswapd0", 30, k + 3000, "mm_vmscan_kswapd_wake: nid=0 order=0")
			line(1, "kswapd0", 30, k + 20000, "mm_vmscan_kswapd_sleep: nid=0")
			k += 30000
		}
		# Six compaction runs of kcompactd (pid 40, CPU 0), 50 us each.
		for (i = 0; i < 6; i++) {
			line(0, "kcompactd0", 40, 150000000 + i * 1000, "mm_compaction_begin: zone_start=0x1000")
			line(0, "kcompactd0", 40, 150000050 + i * 1000, "mm_compaction_end: zone_start=0x1000 status=complete")
		}
		line(0, "sh", 50, 200000000, "tracing_mark_write: mmscope-times end")
	}
	# A line as tracefs prints it: task-pid [cpu] flags secs.usecs: event
	function line(cpu, comm, pid, us, what) {
		printf "%16s-%-7d [%03d] ..... %d.%06d: %s\n", comm, pid, cpu,
			int(us / 1000000), us % 1000000, what
	}' >"$tmp/st.trace"
}
mk_times() {
	awk '{
		if (!index($0, ": mm_vmscan_") && !index($0, ": mm_compaction_"))
			next
		for (c = 1; c <= NF; c++)
			if ($c ~ /^\[[0-9]+\]$/)
				break
		cpu = substr($c, 2, length($c) - 2) + 0
		pid = $(c - 1)
		sub(/.*-/, "", pid)
		split(substr($(c + 2), 1, length($(c + 2)) - 1), t, ".")
		ns = t[1] * 1000000000 + t[2] * 1000 + 5000000 + 7000
		ev = $(c + 3)
		sub(/^mm_vmscan_/, "", ev)
		sub(/^mm_compaction_/, "compact_", ev)
		sub(/:$/, "", ev)
		dur = "-"
		if (ev ~ /_begin$/)
			B[pid] = ns
		if (ev ~ /_end$/)
			dur = ns - B[pid]
		if (ev == "kswapd_wake" && !(pid in W))
			W[pid] = ns
		if (ev == "kswapd_sleep") {
			dur = ns - W[pid]
			delete W[pid]
		}
		printf "%s %d %d %.0f %s\n", ev, cpu, pid, ns, dur
	}' "$tmp/st.trace"
	# A record of a type not asked for, and one outside the window.
	echo "wakeup_kswapd 0 100 100500000 -"
	echo "direct_reclaim_end 0 100 300000000 200000"
}
mk_trace
mk_times >"$tmp/good.times"

# The guest's lib.sh, its mmsread replaced by one that "parses" the
# case's records (the file named by ST_TIMES) and reports nothing lost.
cat >"$tmp/run.sh" <<'X'
MMS_TMP=$1/lib
here=$2/tests/guest
. "$2/tests/guest/lib.sh"
mmsread() {
	cp "$ST_TIMES" "$3"
	echo "bad 0"
	echo "cpu 0 produced 10 lost ${ST_LOST:-0}"
}
MMS_TRACE_LOST=${ST_TRACE_LOST:-0}
MMSCOPE_ARCH=${ST_ARCH:-amd64}
stream_times "$3" "$1/st" "direct_reclaim_begin direct_reclaim_end
kswapd_wake kswapd_sleep compact_begin compact_end"
X
with_busybox stream-times bash sh
# check SHELL NAME TIMES [VAR=VALUE...]: the check's result line.
check() {
	local sh=$1 name=$2 times=$3
	shift 3
	env ST_TIMES="$times" "$@" $sh "$tmp/run.sh" "$tmp" "$top" "$name" 2>&1 |
		tee "$tmp/$name.log" | sed -n 's/^MMSCOPE-RESULT //p'
}
alter() {	# alter NAME AWK-PROGRAM: good.times through the program
	awk "$2" "$tmp/good.times" >"$tmp/$1.times"
}
# Every direct reclaim 25% longer (0.5 ms, over the 100 us bound).
alter long '$1 == "direct_reclaim_end" { $5 = int($5 * 1.25) } { print }'
# One record missing.
alter missing '!($1 == "direct_reclaim_begin" && $3 == 101 && !seen++) { print }'
# Both kswapd runs measured from their second wake (a kswapd type with
# few events must not hide among the direct reclaims).
alter kswapd '$1 == "kswapd_sleep" { $5 -= 3000000 } { print }'
# Every compaction run's duration_ns 0, "not known" (runs of 50 us: within
# the 100 us bound), as every COMPACT_END record was until this check.
alter zero '$1 == "compact_end" { $5 = 0 } { print }'
# One direct reclaim of 42 0 ns, as a task that moved to another CPU got
# when durations were taken on local_clock(): not one may be.
alter onezero '$1 == "direct_reclaim_end" && !seen++ { $5 = 0 } { print }'
# One record's ts_ns stretched past a vCPU switch (100 ms).
alter ts '$1 == "direct_reclaim_end" && !seen++ { $4 += 150000000 } { print }'
# Six of 42 durations (14%) 1 ms off, as a vCPU switch can make them:
# passes (up to 30% may be over 100 us).
alter switch '$1 == "direct_reclaim_end" && n++ < 6 { $5 += 1000000 } { print }'
# A third of the durations 1 ms off: fails.
alter many '$1 == "direct_reclaim_end" && n++ < 14 { $5 += 1000000 } { print }'
for s in "${tools[@]}"; do
	n=stream-times-${s%% *}
	out=$(check "$s" st-good "$tmp/good.times")
	case $out in
	"PASS st-good") ok "$n-agree" ;;
	*) ko "$n-agree" "$out $(grep 'st-good: pairs' "$tmp/st-good.log")" ;;
	esac
	out=$(check "$s" st-switch "$tmp/switch.times")
	case $out in
	"PASS st-switch") ok "$n-switch" ;;
	*) ko "$n-switch" "$out" ;;
	esac
	for c in long missing kswapd zero onezero ts many; do
		out=$(check "$s" "st-$c" "$tmp/$c.times")
		case $out in
		"FAIL st-$c "*) ok "$n-fails-$c" ;;
		*) ko "$n-fails-$c" "passed altered records ($c): $out" ;;
		esac
	done
	out=$(check "$s" st-lost "$tmp/good.times" ST_LOST=3)
	case $out in
	"FAIL st-lost records lost"*) ok "$n-fails-lost" ;;
	*) ko "$n-fails-lost" "$out" ;;
	esac
	out=$(check "$s" st-arm "$tmp/good.times" ST_ARCH=arm64)
	case $out in
	"FAIL st-arm "*"from the trace clock"*) ok "$n-fails-arm-offset" ;;
	*) ko "$n-fails-arm-offset" "$out" ;;
	esac
done
