# SPDX-License-Identifier: GPL-2.0
#
# bench: the cost of mmscope's probes, in one boot (make bench; run.sh runs
# this instead of the scenarios when MMSCOPE_SCENARIOS is "bench").  Never
# a pass/fail test: it prints "mmscope-bench:" lines that scripts/bench.sh
# turns into a table.
#
#  tracepoint   tpbench fires oom:oom_score_adj_update in a tight loop
#               (one pwrite of /proc/self/oom_score_adj per event) under
#               each of six arms: nothing attached (unloaded); mmscope
#               (its probe counts it in a per-CPU counter); bpftrace
#               counting it into a per-CPU map (bpftrace-count); bpftrace
#               keeping a hist() of the time since the thread's previous
#               event, a map lookup, update and hist as mmscope's timed
#               pairs do (bpftrace-hist); ftrace recording it into its ring
#               buffer (ftrace), and the same with a trace_pipe_raw reader
#               per CPU draining it (ftrace-reader).  MMSCOPE_BENCH_ROUNDS
#               rounds (default 10), each running every arm once in an
#               order shuffled per round (seeded by the round: the same
#               every run); an arm is attached, warmed up (a tenth of a
#               round's writes), measured, and detached.
#  reclaim      a hog of 1.5x RAM into zram swap, timed whole, unloaded,
#               loaded, and loaded with every vmscan probe disabled; the
#               events are the loaded run's vmscan event counts.  One
#               unreported warm-up run first (zram's first use is slow),
#               then 3 interleaved passes.
#
# Under TCG every figure is inflated many times over; compare ratios.

N=${MMSCOPE_BENCH_N:-20000}
out() { echo "mmscope-bench: $*"; }

# Silence the console: kernel messages would split the lines.
dmesg -n 1 2>/dev/null

# now_cs: centiseconds since boot.
now_cs() { awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime; }

# config NAME: put the module in the state NAME (unloaded, loaded, or
# disabled=LIST).
config() {
	mms_unload
	case $1 in
	unloaded)	;;
	loaded)		mms_load ;;
	*)		mms_load "disable=${1#disabled=}" ;;
	esac
}

# --- tracepoint: oom_score_adj_update, six arms ---------------------------
R=${MMSCOPE_BENCH_ROUNDS:-10}
TP=oom:oom_score_adj_update
T=$MMS_TRACEFS
out "clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
arms="unloaded mmscope ftrace ftrace-reader"
if bpf_mount; then
	arms="$arms bpftrace-count bpftrace-hist"
else
	out "tp bpftrace arms skipped: $MMS_BPF_WHY"
fi
[ -d "$T/events" ] || mount -t tracefs tracefs "$T" 2>/dev/null

# arm_on ARM / arm_off ARM: attach and detach what ARM measures.
arm_on() {
	local prog c
	mms_unload
	case $1 in
	mmscope)
		mms_load ;;
	bpftrace-count|bpftrace-hist)
		if [ "$1" = bpftrace-count ]; then
			prog="tracepoint:$TP { @c = count(); }"
		else
			prog="tracepoint:$TP { if (@t[tid]) { @h = hist(nsecs - @t[tid]); } @t[tid] = nsecs; }"
		fi
		# BEGIN runs once every probe is attached.
		(cd / && exec chroot $MMS_BPF_ROOT /usr/bin/bpftrace -e \
			"BEGIN { printf(\"ready\\n\"); } $prog") >"$MMS_TMP/bench.bpf" 2>&1 &
		ARM_PID=$!
		c=0
		while ! grep -q '^ready' "$MMS_TMP/bench.bpf" && [ $c -lt 300 ]; do
			sleep 1
			c=$((c + 1))
		done ;;
	ftrace|ftrace-reader)
		echo 0 >"$T/tracing_on"
		echo >"$T/trace"
		echo 1 >"$T/events/${TP%%:*}/${TP#*:}/enable"
		echo 1 >"$T/tracing_on"
		ARM_PID=
		if [ "$1" = ftrace-reader ]; then
			for c in "$T"/per_cpu/cpu*; do
				cat "$c/trace_pipe_raw" >/dev/null &
				ARM_PID="$ARM_PID $!"
			done
		fi ;;
	esac
}
arm_off() {
	local p
	case $1 in
	bpftrace-*)
		kill -INT "$ARM_PID" 2>/dev/null
		wait "$ARM_PID" 2>/dev/null ;;
	ftrace*)
		for p in $ARM_PID; do
			kill "$p" 2>/dev/null
			wait "$p" 2>/dev/null
		done
		echo 0 >"$T/events/${TP%%:*}/${TP#*:}/enable"
		echo >"$T/trace" ;;
	esac
	mms_unload
}

out "tracepoint $TP, $N events per round, $R rounds of arms:$(echo " $arms")"
for r in $(seq "$R"); do
	order=$(echo $arms | tr ' ' '\n' |
		awk -v s="$r" 'BEGIN { srand(s) } { printf "%.9f %s\n", rand(), $0 }' |
		sort -n | cut -d' ' -f2)
	for a in $order; do
		arm_on "$a"
		tpbench $((N / 10)) 1 >/dev/null
		ns=$(tpbench "$N" 1 | awk '$2 == "min" { print $3 }')
		out "tp $a round=$r ns_per_write=$ns"
		arm_off "$a"
	done
done

# --- reclaim: anonymous hog into zram ------------------------------------
if [ ! -e /sys/block/zram0 ] && ! modprobe zram 2>/dev/null &&
   [ ! -e /sys/block/zram0 ]; then
	out "reclaim skipped: no zram"
	config unloaded
	return 0
fi
# Every vmscan probe, as the module names them.
mms_load
vmscan=$(awk '$1 == "vmscan" { print $2 }' "$MMS_DEBUGFS/probes" | paste -sd, -)
mms_unload
mib=$(mem_total_mib)
size=$((mib * 3 / 2))
out "reclaim hog $size MiB into $((mib * 2)) MiB of zram swap"
events="direct_reclaim direct_reclaim_end wakeup_kswapd kswapd_wake kswapd_sleep
	lru_isolate lru_shrink_inactive lru_shrink_active write_folio shrink_slab
	shrink_slab_end throttled memcg_reclaim memcg_reclaim_end"
for pass in 0 1 2 3; do
	for c in unloaded loaded "disabled=$vmscan"; do
		[ $pass -gt 0 ] || [ "$c" = unloaded ] || continue
		config "$c"
		echo $((mib * 2))M >/sys/block/zram0/disksize
		mkswap /dev/zram0 >/dev/null && swapon /dev/zram0
		[ -d "$MMS_DEBUGFS" ] && cat "$MMS_DEBUGFS/counters" >"$MMS_TMP/bench.0"
		t0=$(now_cs)
		hog "$size" >/dev/null 2>&1
		t1=$(now_cs)
		ev=0
		if [ -d "$MMS_DEBUGFS" ]; then
			cat "$MMS_DEBUGFS/counters" >"$MMS_TMP/bench.1"
			for e in $events; do
				ev=$((ev + $(delta "$MMS_TMP/bench.0" "$MMS_TMP/bench.1" "$e")))
			done
		fi
		swapoff /dev/zram0
		echo 1 >/sys/block/zram0/reset
		name=$c
		[ "$c" = unloaded ] || [ "$c" = loaded ] || name=disabled
		[ $pass -gt 0 ] || name=warmup
		out "reclaim $name pass=$pass ms=$(( (t1 - t0) * 10 )) events_counted=$ev"
	done
done
config unloaded
