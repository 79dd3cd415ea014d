# SPDX-License-Identifier: GPL-2.0
#
# swap: anonymous pressure with zram swap: a hog of 1.5x RAM fits in RAM
# plus swap, so reclaim swaps anonymous pages out instead of killing.
# Every figure of mmscope's vmstat view must equal /proc/vmstat's delta,
# and every vmscan event count bpftrace's count of the same tracepoint;
# the throttling, kswapd wake and shrinker splits the kernel's hist
# triggers' (hist_keyed).

mms_load || { fail swap "module not loaded"; return 0; }
d=$MMS_TMP/swap
zram_swap $(( $(mem_total_mib) * 2 )) swap || return 0
size=$(( $(mem_total_mib) * 3 / 2 ))
bpf=swap
# shellcheck disable=SC2046
if ! bpf_start $bpf $(bpf_tps "$MMS_BPF_VMSCAN"); then
	absent swap-bpftrace "$MMS_BPF_WHY"
	bpf=
fi
keyed=1
hist_on || { hist_absent swap-keyed; keyed=; }
bpf_snap "$bpf" "$d.0"
note "hog: $size MiB with $(( $(mem_total_mib) * 2 )) MiB of zram swap"
hog "$size" >/dev/null 2>&1
rc=$?
bpf_snap "$bpf" "$d.1"
hist_off
[ -z "$keyed" ] || hist_keyed "$d.0" "$d.1" swap-keyed "wakeup_kswapd shrinker"
if [ -n "$bpf" ]; then
	bpf_stop $bpf
	# Swapping out is writing anonymous pages: write_folio.
	bpf_compare $bpf "$d.0" "$d.1" swap-bpftrace "" "$MMS_BPF_GLOBAL write_folio"
fi
zram_swap_off
compare_vmstat "$d.0" "$d.1" swap-vmstat
anon=$(delta "$d.0.m" "$d.1.m" pgsteal_anon)
if [ "$rc" -eq 0 ] && [ "$anon" -gt 0 ]; then
	pass swap-anon-reclaimed
else
	fail swap-anon-reclaimed "hog exit $rc, pgsteal_anon $anon"
fi
