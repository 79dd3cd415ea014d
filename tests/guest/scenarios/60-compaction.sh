# SPDX-License-Identifier: GPL-2.0
#
# compaction: fragment memory (tests/workloads/fragment.c: page cache
# interleaved with long-lived anonymous pages, every other anonymous page
# then freed), and compact it four ways, each a phase:
#
#   daemon     THP faults with defrag=defer, which wake kswapd and kcompactd
#              (first: direct compaction's deferrals would skip its runs)
#   direct     THP faults with transparent_hugepage/defrag=always
#   manual     echo 1 >/proc/sys/vm/compact_memory
#   proactive  compaction_proactiveness=100 until kcompactd compacted
#
# A kernel without THP (PREEMPT_RT: TRANSPARENT_HUGEPAGE depends on
# !PREEMPT_RT) still compacts: there the daemon and direct phases ask for
# hugetlb pages instead (vm.nr_hugepages), each an order-9 allocation that
# compacts directly and, failing, wakes kswapd for order 9, given back at
# once.
#
# In each phase every figure of the compaction view named as in /proc/vmstat
# must move exactly as /proc/vmstat's did, except where the kernel counts
# scanning that no event shows (Documentation/admin-guide.rst,
# "Compaction"): fast_find_migrateblock() in runs of order > 3, and before
# 6.x's mm_compaction_fast_isolate_freepages event fast_isolate_freepages().
# There the documented relation must hold exactly instead.  The direct
# compaction histogram must count one stall per compact_stall, kcompactd's
# one run per compact_daemon_wake, and the run histograms every run.
# The kernel's trace buffer (tracefs) and bpftrace count every event
# mmscope counts over the four phases; their counts must equal mmscope's.
# The view's keyed rows (end status; suitable and finished by zone, order
# and verdict; compact_retry by order, result and verdict) must equal the
# trace's fields key by key (compaction-tracefs-keyed).

mms_load || { fail compaction "module not loaded"; return 0; }
if [ -z "$MMSCOPE_SCRATCH" ]; then
	absent compaction "no scratch disk attached"
	return 0
fi
C=$MMS_DEBUGFS/compaction
H=$MMS_DEBUGFS/histograms
d=$MMS_TMP/cp

# mms_load passed this kernel's struct compact_control layout, read from
# its BTF: the scan figures are then the kernel's own run totals.
if [ ! -r /sys/kernel/btf/vmlinux ]; then
	skip compaction-scanned-source "no /sys/kernel/btf/vmlinux (kernel built without CONFIG_DEBUG_INFO_BTF)"
elif [ "$(val "$C" scanned_from_kernel)" = 1 ]; then
	pass compaction-scanned-source
else
	fail compaction-scanned-source "scanned_from_kernel $(val "$C" scanned_from_kernel), not 1, with $(cat /sys/module/mmscope/parameters/cc_*_offset | xargs)"
fi
thp=/sys/kernel/mm/transparent_hugepage
f=$MMSCOPE_SCRATCH/fragment
hugetlb=/proc/sys/vm/nr_hugepages
if [ ! -r "$C" ]; then
	fail compaction "no $C"
	return 0
fi
if [ ! -d "$thp" ] && [ ! -w "$hugetlb" ]; then
	absent compaction "neither CONFIG_TRANSPARENT_HUGEPAGE nor CONFIG_HUGETLB_PAGE: nothing asks for order 9"
	return 0
fi
[ -d "$thp" ] || note "no CONFIG_TRANSPARENT_HUGEPAGE: the daemon and direct phases ask for hugetlb pages"

# Settings this scenario changes, restored at the end.
if [ -d "$thp" ]; then
	old_enabled=$(sed 's/.*\[\(.*\)\].*/\1/' "$thp/enabled")
	old_defrag=$(sed 's/.*\[\(.*\)\].*/\1/' "$thp/defrag")
	echo always >"$thp/enabled"
fi
old_proactive=$(cat /proc/sys/vm/compaction_proactiveness)
# No proactive compaction but in its phase: it would run at any time.
echo 0 >/proc/sys/vm/compaction_proactiveness
# kcompactd's last 500 ms timeout ends with one more kcompactd_sleep.
sleep 2

# The kernel's own trace buffer as a second witness: every event mmscope
# counts, enabled in tracefs for the whole scenario, must have fired as
# often as mmscope counted it, and its nr_scanned/nr_taken/nr_migrated/
# nr_failed/change_ownership fields must add up to mmscope's figures.
tw_pairs="compact_begin=compaction:mm_compaction_begin
compact_end=compaction:mm_compaction_end
direct_compact=compaction:mm_compaction_try_to_compact_pages
kcompactd_wake=compaction:mm_compaction_kcompactd_wake
compact_isolate_migratepages=compaction:mm_compaction_isolate_migratepages
compact_isolate_freepages=compaction:mm_compaction_isolate_freepages
compact_fast_isolate_freepages=compaction:mm_compaction_fast_isolate_freepages
compact_migratepages=compaction:mm_compaction_migratepages
compact_finished=compaction:mm_compaction_finished
compact_suitable=compaction:mm_compaction_suitable
compact_deferred=compaction:mm_compaction_deferred
compact_defer_compaction=compaction:mm_compaction_defer_compaction
compact_defer_reset=compaction:mm_compaction_defer_reset
kcompactd_sleep=compaction:mm_compaction_kcompactd_sleep
wakeup_kcompactd=compaction:mm_compaction_wakeup_kcompactd
page_alloc_extfrag=kmem:mm_page_alloc_extfrag
compact_retry=oom:compact_retry"
tw=
# shellcheck disable=SC2046
trace_on 4096 local $(bpf_tps "$tw_pairs") && tw=1

# The kernel has the fast free-scanner event: free figures are exact.
fastfree=$(awk '$2 == "mm_compaction_fast_isolate_freepages" && $4 == "attached"' \
	"$MMS_DEBUGFS/probes" | wc -l)
# Or, without it, the kretprobe on __isolate_free_page(): isolation is exact.
ifp=$(awk '$2 == "__isolate_free_page" && $4 == "attached"' \
	"$MMS_DEBUGFS/probes" | wc -l)

hcount() { awk '$1 == "count" { print $2 }' "$H/$1"; }

# cp_snap PREFIX: the compaction view and histogram counts (PREFIX.m) and
# /proc/vmstat (PREFIX.v) at one quiet instant.
cp_snap_m() {
	# The view's retry rows ("compact_retry ORDER RESULT ...") renamed:
	# they would shadow the counter of that name.
	sed 's/^compact_retry /compact_retry_row /' "$C"
	cat "$MMS_DEBUGFS/counters"
	for h in direct_compact kcompactd_run compact_run_success \
		 compact_run_complete compact_run_partial_skipped \
		 compact_run_contended compact_run_other; do
		echo "hist_$h $(hcount "$h")"
	done
	# Order > 3 passes of the compaction loop: each may run a fast search.
	awk '$1 == "finished" && $3 > 3 &&
	     ($4 == "continue" || $4 == "no_suitable_page") { n += $5 }
	     END { print "fast_passes", n + 0 }' "$C"
}
cp_snap() {
	local i=0
	while [ $i -lt 60 ]; do
		cp_snap_m >"$1.m1"
		snap_vmstat "$1.v"
		# Marks this instant in the trace buffer: if nothing moved
		# between the two reads, the mark splits the events exactly.
		[ -n "$tw" ] && trace_mark "mmscope-snap $1 end"
		cp_snap_m >"$1.m2"
		if cmp -s "$1.m1" "$1.m2"; then
			mv "$1.m1" "$1.m"
			return 0
		fi
		i=$((i + 1))
		sleep 1
	done
	mv "$1.m2" "$1.m"
	note "cp_snap: compaction kept running for 60 s"
	return 1
}

# cp_compare BEFORE AFTER PHASE: compare every vmstat-named figure.  The
# scan figures are the kernel's own run totals when the module was loaded
# with this kernel's struct compact_control layout (scanned_from_kernel 1,
# see mms_load): then exact for every run.  Loaded without it, they are
# sums of events, named *_events, which miss the fast searches' scans.
cp_compare() {
	local b=$1 a=$2 phase=$3 n km kv bad= fast bound src sfx=
	src=$(val "$a.m" scanned_from_kernel)
	[ "$src" = 1 ] || sfx=_events
	fast=$(( $(delta "$b.m" "$a.m" runs_direct) + $(delta "$b.m" "$a.m" runs_kcompactd) ))
	# fast_find_migrateblock() counts at most freelist_scan_limit() + 1
	# free-list entries per pass: limit = COMPACT_CLUSTER_MAX + 1 = 33, and
	# its "if (nr_scanned++ >= limit)" counts the entry that stops it.
	bound=$(( 34 * $(delta "$b.m" "$a.m" fast_passes) ))
	for n in compact_stall compact_fail compact_success compact_daemon_wake \
		 compact_migrate_scanned compact_daemon_migrate_scanned \
		 compact_free_scanned compact_daemon_free_scanned compact_isolated; do
		case $n in
		*_scanned)
			km=$(delta "$b.m" "$a.m" "$n$sfx") ;;
		*)
			km=$(delta "$b.m" "$a.m" "$n") ;;
		esac
		kv=$(delta "$b.v" "$a.v" "$n")
		case $n in
		*migrate_scanned)
			exact=$([ "$fast" -eq 0 ] || [ -z "$sfx" ] && echo 1 || echo 0) ;;
		*free_scanned)
			exact=$([ "$fast" -eq 0 ] || [ -z "$sfx" ] || [ "$fastfree" -gt 0 ] &&
				echo 1 || echo 0) ;;
		compact_isolated)
			exact=$([ "$fast" -eq 0 ] || [ "$fastfree" -gt 0 ] ||
				[ "$ifp" -gt 0 ] && echo 1 || echo 0) ;;
		*)
			exact=1 ;;
		esac
		if [ "$exact" = 1 ]; then
			note "$phase $n: mmscope $km, /proc/vmstat $kv"
			[ "$km" -eq "$kv" ] || bad="$bad $n:$km!=$kv"
		else
			note "$phase $n$sfx: mmscope $km <= /proc/vmstat $kv (unseen fast-search scans $((kv - km)), bound ${bound:-?} for migrate)"
			[ "$km" -le "$kv" ] || bad="$bad $n:$km>$kv"
			case $n in
			*migrate_scanned)
				[ $((kv - km)) -le "$bound" ] ||
					bad="$bad $n:$kv-$km>$bound" ;;
			esac
		fi
	done
	if [ -z "$sfx" ]; then
		# What the events alone would have said: never more.
		for n in migrate free; do
			km=$(delta "$b.m" "$a.m" "events_${n}_scanned")
			kv=$(delta "$b.m" "$a.m" "compact_${n}_scanned")
			note "$phase ${n} scans with no event (fast searches): $((kv - km)) of $kv"
			[ "$km" -le "$kv" ] || bad="$bad events_${n}_scanned:$km>$kv"
		done
	fi
	km=$(delta "$b.m" "$a.m" hist_direct_compact)
	kv=$(delta "$b.v" "$a.v" compact_stall)
	note "$phase histogram direct_compact count +$km, compact_stall +$kv"
	[ "$km" -eq "$kv" ] || bad="$bad hist_direct_compact:$km!=$kv"
	km=$(delta "$b.m" "$a.m" hist_kcompactd_run)
	kv=$(delta "$b.v" "$a.v" compact_daemon_wake)
	note "$phase histogram kcompactd_run count +$km, compact_daemon_wake +$kv"
	[ "$km" -eq "$kv" ] || bad="$bad hist_kcompactd_run:$km!=$kv"
	km=0
	for h in success complete partial_skipped contended other; do
		km=$((km + $(delta "$b.m" "$a.m" "hist_compact_run_$h")))
	done
	kv=$(delta "$b.m" "$a.m" compact_end)
	note "$phase compact_run histograms +$km, compact_end +$kv, runs: direct +$(delta "$b.m" "$a.m" runs_direct) kcompactd +$(delta "$b.m" "$a.m" runs_kcompactd) proactive +$(delta "$b.m" "$a.m" runs_proactive) manual +$(delta "$b.m" "$a.m" runs_manual)"
	[ "$km" -eq "$kv" ] || bad="$bad hist_compact_run:$km!=$kv"
	if [ -z "$bad" ]; then
		pass "compaction-$phase"
	else
		fail "compaction-$phase" "differ:$bad"
	fi
}

# tw_keyed BEFORE AFTER: the view's keyed rows against the fields of the
# events in $d.trace, key by key: "end" by status (mm_compaction_end has
# neither zone nor order), "suitable" and "finished" by zone, order and
# ret, and the retry rows by order, the kernel's feedback for the result
# (compact_result_to_feedback(): complete is failed, success progress,
# the rest withdrawn) and should_retry, and "extfrag" by the allocation's
# and the fallback's migratetype and change_ownership.  A key either side
# lacks counts 0.
tw_keyed() {
	local b=$1 a=$2 diffs
	awk "$MMS_AWK_TRACE"'
	function field(name) { return tr_field(name, "?") }
	FILENAME == ARGV[1] || FILENAME == ARGV[2] {
		sign = FILENAME == ARGV[1] ? -1 : 1
		if ($1 == "end" && NF == 5)
			m["end " $4] += sign * $5
		else if (($1 == "suitable" || $1 == "finished") && NF == 5)
			m[$1 " " $2 " " $3 " " $4] += sign * $5
		else if ($1 == "extfrag" && NF == 5) {
			m["extfrag " $2 " " $3 " change_ownership=0"] += sign * $4
			m["extfrag " $2 " " $3 " change_ownership=1"] += sign * $5
		} else if ($1 == "compact_retry_row" && NF == 5) {
			m["retry " $2 " " tr_feedback($3) " should_retry=0"] += sign * $4
			m["retry " $2 " " tr_feedback($3) " should_retry=1"] += sign * $5
		}
		next
	}
	/ mm_compaction_end: / { t["end " field("status")]++ }
	/ mm_compaction_suitable: | mm_compaction_finished: / {
		e = index($0, " mm_compaction_suitable: ") ? "suitable" : "finished"
		t[e " " field("zone") " " field("order") " " field("ret")]++
		ord[field("order")] = 1
	}
	/ mm_page_alloc_extfrag: / {
		t["extfrag " field("alloc_migratetype") " " field("fallback_migratetype") " change_ownership=" field("change_ownership")]++
	}
	/ compact_retry: / {
		t["retry " field("order") " " field("compaction_result") " should_retry=" field("should_retry")]++
	}
	END {
		for (k in t) m[k] += 0
		for (k in m) {
			n++
			if (m[k] != t[k] + 0)
				printf " %s: mmscope %d, tracefs %d;", k, m[k], t[k]
		}
		printf "\n%d\n", n
		for (i = -1; i < 32; i++)
			if (i in ord)
				printf " %d", i
		printf "\n"
	}' "$b.m" "$a.m" "$d.trace" >"$d.keyed"
	diffs=$(sed -n 1p "$d.keyed")
	note "tracefs keyed: $(sed -n 2p "$d.keyed") keys of end, suitable, finished, compact_retry and extfrag compared; suitable/finished orders:$(sed -n 3p "$d.keyed")"
	if [ "$(sed -n 2p "$d.keyed")" -eq 0 ]; then
		fail compaction-tracefs-keyed "no keyed row and no event: nothing compared"
	elif [ -n "$diffs" ]; then
		fail compaction-tracefs-keyed "differ:$diffs"
	else
		pass compaction-tracefs-keyed
	fi
}

# tw_check BEFORE AFTER: the trace buffer against mmscope over the scenario.
tw_check() {
	local b=$1 a=$2 p n e km kt bad= lost
	trace_off "$d.trace.all"
	if [ "$MMS_TRACE_LOST" -ne 0 ]; then
		fail compaction-tracefs "the trace buffer overran by $MMS_TRACE_LOST events"
		return
	fi
	trace_cut "$d.trace.all" "mmscope-snap $b end" "mmscope-snap $a end" >"$d.trace"
	for p in $tw_pairs; do
		n=${p%%=*}
		e=${p#*=}
		trace_has "$e" || continue
		km=$(delta "$b.m" "$a.m" "$n")
		kt=$(grep -c " ${e#*:}: " "$d.trace")
		note "tracefs $e: $kt, mmscope $n +$km"
		[ "$km" -eq "$kt" ] || bad="$bad $n:$km!=$kt"
	done
	# Field sums: isolation (inside and outside runs), migration, owners.
	tsum() { awk -v e=" $1: " -v f="$2" "$MMS_AWK_TRACE"'
		index($0, e) { s += tr_field(f, 0) } END { print s + 0 }' "$d.trace"; }
	msum() { awk -v c="$2" '$1 == "run" { s += $(c) } END { print s + 0 }' "$1"; }
	for p in "compaction:mm_compaction_isolate_migratepages nr_scanned - outside_run_migrate_scanned events_migrate_scanned" \
		 "compaction:mm_compaction_isolate_migratepages nr_taken 8 -" \
		 "compaction:mm_compaction_migratepages nr_migrated 10 -" \
		 "compaction:mm_compaction_migratepages nr_failed 11 -"; do
		set -- $p
		kt=$(tsum "${1#*:}" "$2")
		km=0
		[ "$3" = - ] || km=$(( $(msum "$a.m" "$3") - $(msum "$b.m" "$3") ))
		for n in ${4#-} ${5:-}; do
			km=$((km + $(delta "$b.m" "$a.m" "$n")))
		done
		note "tracefs ${1#*:} sum($2): $kt, mmscope $km"
		[ "$km" -eq "$kt" ] || bad="$bad ${1#*:}.$2:$km!=$kt"
	done
	for o in 0 1; do
		kt=$(grep " mm_page_alloc_extfrag: " "$d.trace" | grep -c "change_ownership=$o")
		km=$(( $(awk -v c=$((4 + o)) '$1 == "extfrag" && NF == 5 { s += $(c) } END { print s + 0 }' "$a.m") -
		       $(awk -v c=$((4 + o)) '$1 == "extfrag" && NF == 5 { s += $(c) } END { print s + 0 }' "$b.m") ))
		note "tracefs extfrag change_ownership=$o: $kt, mmscope $km"
		[ "$km" -eq "$kt" ] || bad="$bad extfrag_owner$o:$km!=$kt"
	done
	if [ -z "$bad" ]; then
		pass compaction-tracefs
	else
		fail compaction-tracefs "differ:$bad"
	fi
	tw_keyed "$b" "$a"
}

# cp_require BEFORE AFTER PHASE FIGURE: the phase did what it is for.
cp_require() {
	local n
	n=$(delta "$1.m" "$2.m" "$4")
	if [ "$n" -gt 0 ]; then
		pass "compaction-$3-active"
	else
		fail "compaction-$3-active" "$4 did not move: the workload did not compact"
	fi
}

# bpftrace counts the same tracepoints over the same four phases.  It
# starts first: the workload is sized by what memory it leaves free.
bpf=compaction
# shellcheck disable=SC2046
if ! bpf_start $bpf $(bpf_tps "$tw_pairs"); then
	absent compaction-bpftrace "$MMS_BPF_WHY"
	bpf=
fi

free_mib=$(awk '/^MemFree:/ { print int($2 / 1024) }' /proc/meminfo)
anon=$((free_mib * 2 / 5))
file=$((free_mib * 2 / 5))
huge=$(( $(mem_total_mib) / 5 ))
note "fragment: $anon MiB anonymous, $file MiB page cache, $huge MiB of THP faults (MemFree $free_mib MiB)"

# fragment_hold PREFIX [THP_MIB [ANON_MIB FILE_MIB]]: fragment and hold
# it, in the background.
fragment_hold() {
	fragment "$f" "${3:-$anon}" "${4:-$file}" "${2:-0}" hold </dev/null >"$1.out" 2>&1 &
	hold_pid=$!
	local i=0
	while ! grep -q holding "$1.out" && [ $i -lt 120 ]; do
		sleep 1
		i=$((i + 1))
	done
	cat "$1.out" | sed 's/^/  /'
}
fragment_release() {
	kill "$hold_pid" 2>/dev/null
	wait "$hold_pid" 2>/dev/null
}

# hugetlb_ask MIB: ask for MIB of hugetlb pages, one order-9 allocation
# each, and give back what was got.
hugetlb_ask() {
	local want=$(($1 / 2)) got
	echo "$want" >"$hugetlb"
	got=$(cat "$hugetlb")
	echo 0 >"$hugetlb"
	note "hugetlb: got $got of $want pages"
}

# huge_hold PREFIX: fragment and hold it, with THP faults or hugetlb pages.
huge_hold() {
	if [ -d "$thp" ]; then
		fragment_hold "$1" "$huge"
	else
		fragment_hold "$1"
		hugetlb_ask "$huge"
	fi
}

# daemon: THP faults that fail wake kswapd for order 9, which wakes
# kcompactd when it goes back to sleep; keep the memory fragmented until
# kcompactd has woken.  Whether kswapd wakes it is kswapd's choice (it was
# seen not to within 60 s in 1 of 6 runs): fragment and hold again, up to
# 4 rounds of 30 s, and fail if kcompactd never woke.
[ -d "$thp" ] && echo defer >"$thp/defrag"
cp_snap "$d.2"
[ -n "$bpf" ] && bpf_snap $bpf "$d.b0"
round=0
while [ $round -lt 4 ]; do
	round=$((round + 1))
	huge_hold "$d.hold0.$round"
	i=0
	while [ $i -lt 30 ] &&
	      [ "$(val /proc/vmstat compact_daemon_wake)" -le "$(val "$d.2.v" compact_daemon_wake)" ]; do
		sleep 1
		i=$((i + 1))
	done
	fragment_release
	[ "$(val /proc/vmstat compact_daemon_wake)" -gt "$(val "$d.2.v" compact_daemon_wake)" ] && break
done
note "daemon: kcompactd woke in round $round of 4"
cp_snap "$d.3"
cp_compare "$d.2" "$d.3" daemon
if [ "$(delta "$d.2.v" "$d.3.v" compact_daemon_wake)" -gt 0 ]; then
	cp_require "$d.2" "$d.3" daemon compact_daemon_wake
else
	fail compaction-daemon-active "kswapd did not wake kcompactd in 4 rounds of fragmenting and holding for 30 s"
fi
# direct
cp_snap "$d.0"
if [ -d "$thp" ]; then
	echo always >"$thp/defrag"
	fragment "$f" "$anon" "$file" "$huge" 2>&1 | sed 's/^/  /'
else
	# Anonymous pages only (no swap here: they stay), every other one
	# freed, over nine tenths of what is free now (the daemon phase's
	# hugetlb pages came back as whole blocks): reclaiming page cache
	# would free whole blocks too, and hugetlb would take those without
	# compacting.
	mf=$(awk '/^MemFree:/ { print int($2 / 1024) }' /proc/meminfo)
	note "direct: fragmenting $((mf * 9 / 10)) MiB of anonymous memory (MemFree $mf MiB)"
	fragment_hold "$d.hold3" 0 $((mf * 9 / 10)) 0
	hugetlb_ask "$huge"
	fragment_release
fi
cp_snap "$d.1"
cp_compare "$d.0" "$d.1" direct
cp_require "$d.0" "$d.1" direct compact_stall

# manual
fragment_hold "$d.hold1"
cp_snap "$d.4"
echo 1 >/proc/sys/vm/compact_memory
cp_snap "$d.5"
fragment_release
cp_compare "$d.4" "$d.5" manual
cp_require "$d.4" "$d.5" manual runs_manual

# proactive
fragment_hold "$d.hold2"
cp_snap "$d.6"
echo 100 >/proc/sys/vm/compaction_proactiveness
i=0
while [ $i -lt 60 ] &&
      [ "$(val "$C" runs_proactive)" -le "$(val "$d.6.m" runs_proactive)" ]; do
	sleep 1
	i=$((i + 1))
done
echo 0 >/proc/sys/vm/compaction_proactiveness
# kcompactd's last 500 ms timeout ends with one more kcompactd_sleep.
sleep 2
cp_snap "$d.7"
[ -n "$bpf" ] && bpf_snap $bpf "$d.b1"
fragment_release
cp_compare "$d.6" "$d.7" proactive
cp_require "$d.6" "$d.7" proactive runs_proactive

if [ -n "$tw" ]; then
	tw_check "$d.2" "$d.7"
else
	skip compaction-tracefs "no tracefs"
	skip compaction-tracefs-keyed "no tracefs"
fi

if [ -n "$bpf" ]; then
	bpf_stop $bpf
	bpf_compare $bpf "$d.b0" "$d.b1" compaction-bpftrace "$tw_pairs" \
		"compact_begin compact_end direct_compact kcompactd_wake compact_suitable compact_finished compact_isolate_migratepages compact_isolate_freepages compact_migratepages"
fi

# No kretprobe call was missed, or the stall figures would be short.
missed=$(awk '$1 ~ /^kretprobe_missed_/ && $2 != 0' "$C")
if [ -z "$missed" ]; then
	pass compaction-kretprobes
else
	fail compaction-kretprobes "missed: $missed"
fi

# A wrong layout: free_pfn, never 0 when a run begins, given for
# total_migrate_scanned.  The module must notice at the first run, fall
# back to the events, name the figures so, and show the kernel's own
# counters since load beside them, equal to /proc/vmstat's.
cp_layout_rejected() {
	local why= n km kv off bad err tw=
	if ! err=$(rmmod mmscope 2>&1); then
		fail compaction-layout-rejected "rmmod: $err"
		return
	fi
	# An offset that is no long's: refused, the load fails.
	if insmod "$MMS_KO" cc_migrate_scanned_offset=3 cc_free_scanned_offset=8 2>"$d.err"; then
		rmmod mmscope
		why="$why insmod with offset 3 succeeded;"
	elif ! grep -q 'Invalid' "$d.err"; then
		why="$why insmod with offset 3: $(cat "$d.err"), not EINVAL;"
	fi
	off=$(mmscope modparams -O compact_control.free_pfn | cut -d' ' -f1)
	bad=$(mmscope modparams | sed "s/cc_migrate_scanned_offset=[0-9]*/cc_migrate_scanned_offset=$off/")
	if ! err=$(insmod "$MMS_KO" $bad 2>&1); then
		fail compaction-layout-rejected "insmod $bad: $err"
		mms_load
		return
	fi
	[ "$(val "$C" scanned_from_kernel)" = 1 ] ||
		why="$why scanned_from_kernel $(val "$C" scanned_from_kernel) before any run;"
	cp_snap "$d.8"
	echo 1 >/proc/sys/vm/compact_memory
	cp_snap "$d.9"
	[ "$(val "$d.9.m" scanned_from_kernel)" = 0 ] &&
	[ "$(val "$d.9.m" cc_layout_rejected)" = 1 ] ||
		why="$why scanned_from_kernel $(val "$d.9.m" scanned_from_kernel) cc_layout_rejected $(val "$d.9.m" cc_layout_rejected) after $(delta "$d.8.m" "$d.9.m" runs_manual) runs with $bad;"
	[ "$(delta "$d.8.m" "$d.9.m" runs_manual)" -gt 0 ] || why="$why no manual run;"
	grep -q '^compact_migrate_scanned ' "$d.9.m" &&
		why="$why compact_migrate_scanned still named as the kernel's;"
	for n in compact_migrate_scanned compact_free_scanned \
		 compact_daemon_migrate_scanned compact_daemon_free_scanned; do
		km=$(delta "$d.8.m" "$d.9.m" "kernel_$n")
		kv=$(delta "$d.8.v" "$d.9.v" "$n")
		note "layout-rejected kernel_$n +$km, /proc/vmstat $n +$kv, ${n}_events $(val "$d.9.m" "${n}_events")"
		[ "$km" -eq "$kv" ] || why="$why kernel_$n:$km!=$kv;"
		grep -q "^${n}_events " "$d.9.m" || why="$why no ${n}_events line;"
	done
	for n in migrate free; do
		km=$(delta "$d.8.m" "$d.9.m" "events_${n}_scanned")
		kv=$(delta "$d.8.v" "$d.9.v" "compact_${n}_scanned")
		[ "$km" -le "$kv" ] || why="$why events_${n}_scanned $km above the kernel's $kv;"
	done
	[ "$(delta "$d.8.v" "$d.9.v" compact_migrate_scanned)" -gt 0 ] ||
		why="$why compact_migrate_scanned did not move;"
	rmmod mmscope
	mms_load
	if [ -z "$why" ]; then
		pass compaction-layout-rejected
	else
		fail compaction-layout-rejected "$why"
	fi
}
if [ "$(val "$C" scanned_from_kernel)" = 1 ]; then
	fragment_hold "$d.hold3"
	cp_layout_rejected
	fragment_release
fi

rm -f "$f"
if [ -d "$thp" ]; then
	echo "$old_defrag" >"$thp/defrag"
	echo "$old_enabled" >"$thp/enabled"
fi
echo "$old_proactive" >/proc/sys/vm/compaction_proactiveness
sed "s/^/  /" "$C"
