# SPDX-License-Identifier: GPL-2.0
#
# The demo (make demo): load mmscope, push the guest into memory pressure
# until the OOM killer acts, and print what mmscope saw beside what the
# kernel's /proc/vmstat says.  Sourced by run.sh with lib.sh loaded.

mms_load || { fail demo "insmod failed"; return 0; }
d=$MMS_TMP/demo
snap_quiet "$d.before"
size=$(( $(mem_total_mib) * 3 / 2 ))
echo
echo "MMSCOPE-DEMO-BEGIN"
echo "mmscope $(awk '$1 == "mmscope" { print $2 }' "$MMS_DEBUGFS/version") on $(uname -r) ($(uname -m)), $(mem_total_mib) MiB of RAM, no swap"
echo "probes: $(awk 'NR > 1 && $4 == "attached"' "$MMS_DEBUGFS/probes" | wc -l) attached of $(awk 'NR > 1' "$MMS_DEBUGFS/probes" | wc -l)"
echo "workload: an anonymous hog of $size MiB, until the OOM killer ends it"
hog "$size" >/dev/null 2>&1
sleep 1
snap_quiet "$d.after"
b=$d.before
a=$d.after

row() { printf '%-34s %10s %14s\n' "$@"; }
echo
row "event" "mmscope" "/proc/vmstat"
row "-----" "-------" "------------"
for z in $(awk '/^allocstall_/ { print $1 }' "$a.m" | sort -u); do
	row "$z" "$(delta "$b.m" "$a.m" "$z")" "$(delta "$b.v" "$a.v" "$z")"
done
row "OOM victims (oom_kill)" "$(delta "$b.m" "$a.m" oom_mark_victim)" "$(delta "$b.v" "$a.v" oom_kill)"
row "direct reclaim entries" "$(delta "$b.m" "$a.m" direct_reclaim)" "-"
row "  of which reclaimed nothing" "$(delta "$b.m" "$a.m" direct_reclaim_none)" "-"
row "  pages reclaimed" "$(delta "$b.m" "$a.m" direct_reclaimed)" "-"
row "wakeup_kswapd calls" "$(delta "$b.m" "$a.m" wakeup_kswapd)" "-"
row "kswapd wakes / sleeps" "$(delta "$b.m" "$a.m" kswapd_wake) / $(delta "$b.m" "$a.m" kswapd_sleep)" "-"
row "direct compaction attempts" "$(delta "$b.m" "$a.m" direct_compact)" "-"
echo
echo "allocstall counts every pass of direct reclaim, retries included;"
echo "'direct reclaim entries' counts mm_vmscan_direct_reclaim_begin, once per"
echo "entry: a pass that reclaims nothing can be retried (always since 6.8),"
echo "so allocstall can exceed the entries.  mmscope counts both, exactly."
echo "$(dmesg | grep -o 'Killed process [0-9]* ([a-z]*)' | tail -n 1) -- dmesg"
echo "MMSCOPE-DEMO-END"
ok=1
for z in $(awk '/^allocstall_/ { print $1 }' "$a.m" | sort -u); do
	[ "$(delta "$b.m" "$a.m" "$z")" -eq "$(delta "$b.v" "$a.v" "$z")" ] || ok=0
done
[ "$(delta "$b.m" "$a.m" oom_mark_victim)" -eq "$(delta "$b.v" "$a.v" oom_kill)" ] || ok=0
[ "$(delta "$b.v" "$a.v" oom_kill)" -ge 1 ] || ok=0
[ $ok -eq 1 ] && pass demo || fail demo "mmscope and /proc/vmstat disagree"
mms_unload
