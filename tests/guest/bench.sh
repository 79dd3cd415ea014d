# SPDX-License-Identifier: GPL-2.0
#
# bench: the cost of mmscope's probes, in one boot (make bench; run.sh runs
# this instead of the scenarios when MMSCOPE_SCENARIOS is "bench").  Never
# a pass/fail test: it prints "mmscope-bench:" lines that scripts/bench.sh
# turns into a table.
#
#  tracepoint   tpbench fires oom:oom_score_adj_update in a tight loop
#               (one pwrite of /proc/self/oom_score_adj per event), with
#               the module unloaded, loaded, and loaded with that one probe
#               disabled; the three interleaved, 3 passes, each the best
#               of 5 rounds.  Cost per event = loaded - unloaded.
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

# --- tracepoint: oom_score_adj_update --------------------------------------
out "tracepoint oom:oom_score_adj_update, $N events per round, best of 5 rounds"
for pass in 1 2 3; do
	for c in unloaded loaded disabled=oom_score_adj_update; do
		config "$c"
		[ -d "$MMS_DEBUGFS" ] && before=$(val "$MMS_DEBUGFS/counters" oom_score_adj_update)
		ns=$(tpbench "$N" 5 | awk '$2 == "min" { print $3 }')
		ev=0
		[ -d "$MMS_DEBUGFS" ] &&
			ev=$(( $(val "$MMS_DEBUGFS/counters" oom_score_adj_update) - before ))
		name=$c
		[ "$c" = unloaded ] || [ "$c" = loaded ] || name=disabled
		out "tp $name pass=$pass ns_per_write=$ns writes=$((N * 5)) events_counted=$ev"
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
