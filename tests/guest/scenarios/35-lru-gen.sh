# SPDX-License-Identifier: GPL-2.0
#
# lru-gen: page-cache pressure with the multi-gen LRU in the state this
# kernel does not default to (6.1: on; 6.12: off), then restored.
#  - Where the multi-gen LRU fires the LRU events (6.12) or is off, every
#    figure of mmscope's vmstat view equals /proc/vmstat's delta.
#  - Where it reclaims without firing them (6.1), mmscope must say its
#    per-LRU figures are "unavailable", never show a number.
#  - With the classic LRU, the active-list figures equal pgrefill and
#    pgdeactivate (compare_lru, after a hot file was made active).

ctl=/sys/kernel/mm/lru_gen/enabled
if [ ! -w "$ctl" ]; then
	skip lru-gen "no $ctl: this kernel has no CONFIG_LRU_GEN"
	return 0
fi
if [ -z "$MMSCOPE_SCRATCH" ]; then
	absent lru-gen "no scratch disk attached"
	return 0
fi
was=$(cat "$ctl")
case $was in
0x0000) echo y >"$ctl"; state=on ;;
*) echo n >"$ctl"; state=off ;;
esac
note "multi-gen LRU was $was, now $state ($(cat "$ctl"))"
# A fresh module, so that its lru_gen_evict count is this phase's alone.
mms_unload
mms_load || { fail lru-gen "module not loaded"; echo "$was" >"$ctl"; return 0; }
d=$MMS_TMP/lrugen
f=$MMSCOPE_SCRATCH/lrugen
size=$(( $(mem_total_mib) * 3 / 2 ))
dd if=/dev/zero of="$f" bs=1M count="$size" 2>/dev/null
sync
echo 3 >/proc/sys/vm/drop_caches
snap_quiet "$d.0"
hot_file "$MMSCOPE_SCRATCH/lrugen-hot"
cat "$f" >/dev/null
cat "$f" >/dev/null
# With the classic LRU, compare_lru needs the active file list shrunk,
# which reclaim does only when it sees refaults or a low inactive list
# (once on 6.12-arm64, two passes did neither): up to three more rounds
# of the hot file and a pass, until pgdeactivate moves.
i=0
while [ "$state" = off ] && [ $i -lt 3 ] &&
      [ "$(awk '$1 == "pgdeactivate" { print $2 }' /proc/vmstat)" = "$(val "$d.0.v" pgdeactivate)" ]; do
	note "no active list shrunk yet: the hot file and the big one again"
	cat "$MMSCOPE_SCRATCH/lrugen-hot" "$MMSCOPE_SCRATCH/lrugen-hot" >/dev/null
	cat "$f" >/dev/null
	i=$((i + 1))
done
snap_quiet "$d.1"
rm -f "$f" "$MMSCOPE_SCRATCH/lrugen-hot"
evict=$(val "$d.1.m" lru_gen_evict)
gen_events=$(val "$d.1.m" lru_isolate_lru_gen)
note "lru_gen_evict $evict, lru_isolate_lru_gen $gen_events"
if [ "$state" = on ] && [ "$evict" -gt 0 ] && [ "$gen_events" -eq 0 ]; then
	bad=$(grep -E '^(pgscan|pgsteal)_' "$MMS_DEBUGFS/vmstat" | grep -vc ' unavailable$')
	if [ "$bad" -eq 0 ]; then
		pass lru-gen-unavailable
	else
		fail lru-gen-unavailable "figures shown as numbers: $(cat "$MMS_DEBUGFS/vmstat" | xargs)"
	fi
else
	compare_vmstat "$d.0" "$d.1" "lru-gen-$state-vmstat"
	compare_lru "$d.0" "$d.1" "lru-gen-$state-lru"
fi
echo "$was" >"$ctl"
mms_unload
mms_load
