# SPDX-License-Identifier: GPL-2.0
#
# pagecache and dirty: on the scratch ext4 disk, write a file of 1.5x RAM
# (reclaim meets dirty and writeback pages), then drop caches and read it
# back twice (clean page-cache pressure).  Every figure of mmscope's vmstat
# view (pgscan_*, pgsteal_*, allocstall_*) must equal /proc/vmstat's delta
# exactly over each phase, and the reclaim matrix must show the dirty and
# file pages it met.  In the read phase a hot file is made active first,
# and the matrix's refill_scanned and deactivated must equal pgrefill and
# pgdeactivate (compare_lru; a SKIP under the multi-gen LRU).  bpftrace
# counts every vmscan tracepoint mmscope counts, over both phases: each
# count must equal mmscope's; the kernel's hist triggers split the same
# window by key: throttling by reason, kswapd wakes by zone and order,
# shrinker calls, objects asked and freed by function (hist_keyed).

if [ -z "$MMSCOPE_SCRATCH" ]; then
	absent pagecache "no scratch disk attached"
	return 0
fi
mms_load || { fail pagecache "module not loaded"; return 0; }
d=$MMS_TMP/pc
size=$(( $(mem_total_mib) * 3 / 2 ))
f=$MMSCOPE_SCRATCH/big

bpf=pagecache
# shellcheck disable=SC2046
if ! bpf_start $bpf $(bpf_tps "$MMS_BPF_VMSCAN"); then
	absent pagecache-bpftrace "$MMS_BPF_WHY"
	bpf=
fi
keyed=1
hist_on || { hist_absent pagecache-keyed; keyed=; }
bpf_snap "$bpf" "$d.0"
note "dirty: writing $size MiB"
dd if=/dev/zero of="$f" bs=1M count="$size" 2>/dev/null
sync
snap_quiet "$d.1"
compare_vmstat "$d.0" "$d.1" dirty-vmstat
written=$(awk '$1 == "kswapd" || $1 == "direct" { d += $7 + $8 } END { print d + 0 }' \
	"$MMS_DEBUGFS/reclaim")
note "dirty+writeback pages met by reclaim: $written"

echo 3 >/proc/sys/vm/drop_caches
snap_quiet "$d.2"
hot=$MMSCOPE_SCRATCH/hot
hot_file "$hot"
note "pagecache: reading $size MiB twice"
cat "$f" >/dev/null
cat "$f" >/dev/null
bpf_snap "$bpf" "$d.3"
hist_off
[ -z "$keyed" ] || hist_keyed "$d.0" "$d.3" pagecache-keyed "wakeup_kswapd shrinker"
if [ -n "$bpf" ]; then
	bpf_stop $bpf
	bpf_compare $bpf "$d.0" "$d.3" pagecache-bpftrace "" "$MMS_BPF_GLOBAL"
fi
compare_vmstat "$d.2" "$d.3" pagecache-vmstat
compare_lru "$d.2" "$d.3" pagecache-lru
scanned=$(( $(delta "$d.2.m" "$d.3.m" pgscan_file) ))
if [ "$scanned" -gt 0 ]; then
	pass pagecache-reclaimed
else
	fail pagecache-reclaimed "reading $size MiB scanned no file pages"
fi
rm -f "$f" "$hot"
