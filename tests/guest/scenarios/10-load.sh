# SPDX-License-Identifier: GPL-2.0
#
# load: the module loads, its views exist, and every probe attaches (each
# event and function probed exists in all of scripts/targets.conf's kernels).
# Then a load with probes disabled by parameter shows the degraded path:
# the load succeeds, debugfs gives each probe's reason, the rest count on,
# and a begin event is never attached without its end (load-pairs).

# A begin event and its end attach together or not at all: disabling one
# leaves the other unattached too, with that reason.
if ! mms_load disable=mark_victim,vmpressure_prio,mm_vmscan_direct_reclaim_end,mm_shrink_slab_start; then
	fail load-degraded "insmod with disable= failed"
else
	P=$MMS_DEBUGFS/probes
	bad=$(awk '$2 == "mark_victim" || $2 == "vmpressure_prio" ||
		   $2 == "mm_vmscan_direct_reclaim_end" || $2 == "mm_shrink_slab_start"' "$P" |
	      grep -vc 'missing.*disabled by the disable= module parameter')
	live=$(awk 'NR > 1 && $4 == "attached"' "$P" | wc -l)
	if [ "$bad" -eq 0 ] && [ "$live" -gt 0 ]; then
		pass load-degraded
	else
		fail load-degraded "probes file: $(cat "$P")"
	fi
	if awk '$2 == "mm_vmscan_direct_reclaim_begin"' "$P" | grep -q 'missing.*its end event is not' &&
	   awk '$2 == "mm_shrink_slab_end"' "$P" | grep -q 'missing.*its begin event is not' &&
	   awk '$2 == "mm_vmscan_memcg_reclaim_begin"' "$P" | grep -q ' attached '; then
		pass load-pairs
	else
		fail load-pairs "$(grep 'direct_reclaim\|shrink_slab\|memcg_reclaim_begin' "$P" | xargs)"
	fi
	mms_unload
fi

# A load that fails (a parameter out of range, found after the stream's
# rings are allocated) leaves nothing behind: no device, no views, no
# module, and the next load works.
if insmod "$MMS_KO" oom_records=0 2>"$MMS_TMP/insmod.err"; then
	fail load-bad-param "insmod with oom_records=0 succeeded"
	mms_unload
elif [ -e /dev/mmscope ] || [ -d "$MMS_DEBUGFS" ] || grep -q '^mmscope ' /proc/modules; then
	fail load-bad-param "left behind: $(ls -d /dev/mmscope "$MMS_DEBUGFS" 2>/dev/null | xargs) $(grep '^mmscope ' /proc/modules)"
else
	pass load-bad-param
	note "insmod oom_records=0: $(cat "$MMS_TMP/insmod.err"); dmesg: $(dmesg | grep 'mmscope:' | tail -n 1)"
fi

if ! mms_load; then
	fail load "insmod $MMS_KO failed: $(dmesg | tail -n 5)"
	return 0
fi
missing=
for f in version probes counters; do
	[ -r "$MMS_DEBUGFS/$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
	fail load "debugfs files missing:$missing"
	return 0
fi
if ! grep -q "^kernel $(uname -r)\$" "$MMS_DEBUGFS/version" ||
   ! grep -q '^abi [0-9]*\.[0-9]*$' "$MMS_DEBUGFS/version"; then
	fail load "bad version file: $(cat "$MMS_DEBUGFS/version")"
	return 0
fi
cat "$MMS_DEBUGFS/probes"
# Probes of events or functions that only some kernels have: the kernel's
# headers lacked the event ("absent in this kernel"), or (for kprobes) the
# function is gone; mmscope reads their absence as a capability.
#   mm_compaction_fast_isolate_freepages  6.x+ only (not in 6.1)
#   proactive_compact_node                before 6.9 only
notattached=$(awk 'NR > 1 && $4 != "attached" &&
		   !($2 == "mm_compaction_fast_isolate_freepages" && /absent in this kernel/) &&
		   !($2 == "proactive_compact_node" && /no such symbol/) { print $2 }' \
	"$MMS_DEBUGFS/probes" | xargs)
nprobes=$(awk 'NR > 1' "$MMS_DEBUGFS/probes" | wc -l)
if [ -n "$notattached" ] || [ "$nprobes" -lt 10 ]; then
	fail load "$nprobes probes, not attached: ${notattached:-none}"
else
	pass load
fi

# Each kprobe and kretprobe shows its missed hits (a number); a
# tracepoint, which cannot miss, shows "-".
badmissed=$(awk 'NR > 1 && (($3 == "tracepoint" && $5 != "-") ||
			    ($3 != "tracepoint" && $5 !~ /^[0-9]+$/)) { print $2 }' \
	"$MMS_DEBUGFS/probes" | xargs)
nk=$(awk 'NR > 1 && $3 ~ /probe$/' "$MMS_DEBUGFS/probes" | wc -l)
if [ -z "$badmissed" ] && [ "$nk" -gt 0 ]; then
	pass load-missed-column
else
	fail load-missed-column "$nk kprobes; no missed count for: ${badmissed:-none}"
fi

# The views are root's alone (0400), whatever mode debugfs is mounted
# with; tests/workloads/mmsread privacy tries them as nobody (70-stream).
modes=$(find "$MMS_DEBUGFS" -type f | while read -r f; do
	m=$(stat -c %a "$f")
	[ "$m" = 400 ] || echo "${f#"$MMS_DEBUGFS"/}:$m"
done | xargs)
nfiles=$(find "$MMS_DEBUGFS" -type f | wc -l)
if [ -z "$modes" ] && [ "$nfiles" -gt 10 ]; then
	pass load-modes
else
	fail load-modes "$nfiles files; not 0400: ${modes:-none}"
fi
