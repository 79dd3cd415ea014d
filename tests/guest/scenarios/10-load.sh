# SPDX-License-Identifier: GPL-2.0
#
# load: the module loads, its views exist, and every probe attaches (each
# event and function probed exists in all of scripts/targets.conf's kernels).
# Then a load with probes disabled by parameter shows the degraded path:
# the load succeeds, debugfs gives each probe's reason, the rest count on.

if ! mms_load disable=mark_victim,vmpressure_prio; then
	fail load-degraded "insmod with disable= failed"
else
	bad=$(awk '$2 == "mark_victim" || $2 == "vmpressure_prio"' "$MMS_DEBUGFS/probes" |
	      grep -vc 'missing.*disabled by the disable= module parameter')
	live=$(awk 'NR > 1 && $4 == "attached"' "$MMS_DEBUGFS/probes" | wc -l)
	if [ "$bad" -eq 0 ] && [ "$live" -gt 0 ]; then
		pass load-degraded
	else
		fail load-degraded "probes file: $(cat "$MMS_DEBUGFS/probes")"
	fi
	mms_unload
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
