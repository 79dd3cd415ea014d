# SPDX-License-Identifier: GPL-2.0
#
# histograms: every latency histogram counted each event it times since
# the module was (last) loaded: direct reclaim and memcg and node reclaim
# once per end event, kswapd once per sleep that followed a wake (the first
# sleep after load may belong to a run that started before it).
# unload: rmmod succeeds, the views go, and the kernel logged no warning,
# bug or oops at any point of the run.

h=$MMS_DEBUGFS/histograms
c=$MMS_TMP/final.counters
cat "$MMS_DEBUGFS/counters" >"$c"
hc() { awk '$1 == "count" { print $2 }' "$h/$1"; }
lost=$(val "$c" taskctx_lost)
dr=$(hc direct_reclaim)
mr=$(hc memcg_reclaim)
nr=$(hc node_reclaim)
kr=$(hc kswapd_run)
sleeps=$(val "$c" kswapd_sleep)
note "histogram counts: direct_reclaim $dr (ends $(val "$c" direct_reclaim_end), lost $lost), memcg $mr, node $nr, kswapd_run $kr (sleeps $sleeps)"
head -n 8 "$h/direct_reclaim" | sed 's/^/  /'
why=
[ "$dr" -eq $(( $(val "$c" direct_reclaim_end) - lost )) ] || why="$why direct_reclaim;"
[ "$mr" -eq $(( $(val "$c" memcg_reclaim_end) + $(val "$c" memcg_softlimit_reclaim_end) )) ] ||
	why="$why memcg_reclaim;"
[ "$nr" -eq "$(val "$c" node_reclaim_end)" ] || why="$why node_reclaim;"
[ "$kr" -le "$sleeps" ] && [ "$kr" -ge $((sleeps - 1)) ] || why="$why kswapd_run;"
if [ -z "$MMSCOPE_SCENARIOS" ]; then
	# The full run drives direct reclaim; a partial one may not.
	[ "$dr" -gt 0 ] || why="$why no direct reclaim timed;"
fi
[ -z "$why" ] && pass histogram-counts || fail histogram-counts "$why"

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
