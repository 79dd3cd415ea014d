# SPDX-License-Identifier: GPL-2.0
#
# histograms: every latency histogram counted each event it times since
# the module was (last) loaded: direct reclaim and memcg and node reclaim
# once per end event whose entry it saw (the *_reclaim_untimed counters
# count the others: a task already in reclaim at load), kswapd once per sleep that followed a wake (the first
# sleep after load may belong to a run that started before it).
# unload: rmmod succeeds, the views go, and the kernel logged no warning,
# bug or oops at any point of the run.

# The counters, the histograms and the reclaim view at one quiet instant:
# the counters read before and after the rest, until they agree, with
# proactive compaction frozen (lib.sh).  No quiet instant is a failure.
h=$MMS_TMP/final.histograms
c=$MMS_TMP/final.counters
mkdir -p "$h"
proactive_freeze
quiet=
for i in 1 2 3 4 5 6 7 8 9 10; do
	cat "$MMS_DEBUGFS/counters" >"$c"
	for f in "$MMS_DEBUGFS"/histograms/*; do
		cat "$f" >"$h/${f##*/}"
	done
	cat "$MMS_DEBUGFS/reclaim" >"$MMS_TMP/final.reclaim"
	cat "$MMS_DEBUGFS/counters" | cmp -s - "$c" && { quiet=1; break; }
	sleep 1
done
[ -n "$quiet" ] || fail unload-quiet "the counters kept moving for 10 s"
hc() { awk '$1 == "count" { print $2 }' "$h/$1"; }
lost=$(val "$c" taskctx_lost)
# An exit whose entry was not seen (the task was in reclaim when the module
# loaded, or its entry was lost: taskctx_lost) is counted, not timed.
dut=$(val "$c" direct_reclaim_untimed)
mut=$(val "$c" memcg_reclaim_untimed)
nut=$(val "$c" node_reclaim_untimed)
dr=$(hc direct_reclaim)
mr=$(hc memcg_reclaim)
nr=$(hc node_reclaim)
kr=$(hc kswapd_run)
sleeps=$(val "$c" kswapd_sleep)
note "histogram counts: direct_reclaim $dr (ends $(val "$c" direct_reclaim_end), untimed $dut, lost $lost), memcg $mr (untimed $mut), node $nr (untimed $nut), kswapd_run $kr (sleeps $sleeps)"
head -n 8 "$h/direct_reclaim" | sed 's/^/  /'
why=
[ "$dr" -eq $(( $(val "$c" direct_reclaim_end) - dut )) ] || why="$why direct_reclaim;"
[ "$mr" -eq $(( $(val "$c" memcg_reclaim_end) + $(val "$c" memcg_softlimit_reclaim_end) - mut )) ] ||
	why="$why memcg_reclaim;"
[ "$nr" -eq $(( $(val "$c" node_reclaim_end) - nut )) ] || why="$why node_reclaim;"
[ "$kr" -le "$sleeps" ] && [ "$kr" -ge $((sleeps - 1)) ] || why="$why kswapd_run;"
if [ -z "$MMSCOPE_SCENARIOS" ]; then
	# The full run drives direct reclaim; a partial one may not.
	[ "$dr" -gt 0 ] || why="$why no direct reclaim timed;"
fi
[ -z "$why" ] && pass histogram-counts || fail histogram-counts "$why"

# By order, per node, shrinker calls.
hsum() { cat "$@" | awk '$1 == "count" { c += $2 } END { print c + 0 }'; }
why=
o=$(hsum "$h"/direct_reclaim_order*)
[ "$o" -eq "$dr" ] || why="$why direct_reclaim_order* $o != direct_reclaim $dr;"
k=$(hsum "$h"/kswapd_run_node*)
[ "$k" -eq "$kr" ] || why="$why kswapd_run_node* $k != kswapd_run $kr;"
sc=$(hc shrinker_call)
ends=$(val "$c" shrink_slab_end)
nested=$(val "$c" shrinker_nested)
sut=$(val "$c" shrinker_untimed)
note "shrinker_call $sc, shrink_slab_end $ends, nested $nested, untimed $sut"
if [ "$lost" -eq 0 ]; then
	[ "$sc" -eq $((ends - nested - sut)) ] || why="$why shrinker_call $sc != ends - nested - untimed;"
fi
# Throttling: no check here.  The throttle_* histograms and the reclaim
# view's "throttled" lines are both filled by mms_throttled() from the one
# event's arguments, so comparing them could not fail; an independent
# witness would have to trace mm_vmscan_throttled from the module's load,
# scenarios ago.  The count of the event is compared with bpftrace's in
# every bpf_compare window (the "throttled" pair), where reclaim throttles.
[ -z "$why" ] && pass histogram-breakdowns || fail histogram-breakdowns "$why"

# The shrinker table adds up to the totals, read at one quiet instant.
quiet=
for i in 1 2 3 4 5 6 7 8 9 10; do
	cat "$MMS_DEBUGFS/counters" >"$c"
	cat "$MMS_DEBUGFS/shrinkers" >"$MMS_TMP/shrinkers"
	cat "$MMS_DEBUGFS/vmstat" >"$MMS_TMP/final.vmstat"
	cat "$MMS_DEBUGFS/counters" | cmp -s - "$c" && { quiet=1; break; }
	sleep 1
done
proactive_thaw
[ -n "$quiet" ] || fail unload-quiet-shrinkers "the counters kept moving for 10 s"
set -- $(awk '!/^#/ { c += $1; s += $3 } END { print c + 0, s + 0 }' "$MMS_TMP/shrinkers")
vs=$(val "$MMS_TMP/final.vmstat" slabs_scanned)
note "shrinkers: calls $1 (shrink_slab $(val "$c" shrink_slab)), scanned $2 (slabs_scanned $vs)"
head -n 6 "$MMS_TMP/shrinkers" | sed 's/^/  /'
if [ "$(val "$c" shrinkers_lost)" -eq 0 ] && [ "$1" -eq "$(val "$c" shrink_slab)" ] &&
   [ "$2" -eq "$vs" ]; then
	pass shrinkers-table
else
	fail shrinkers-table "calls $1 scanned $2 vs shrink_slab $(val "$c" shrink_slab) slabs_scanned $vs"
fi

if mms_unload && [ ! -e "$MMS_DEBUGFS" ]; then
	pass unload
else
	fail unload "rmmod failed or $MMS_DEBUGFS remains"
fi
bad=$(dmesg | grep -E 'WARNING:|BUG:|Oops|general protection|Unable to handle' |
      head -n 5)
if [ -z "$bad" ]; then
	pass dmesg-clean
else
	fail dmesg-clean "$bad"
fi
