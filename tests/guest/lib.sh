# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest scenario scripts (busybox sh).  Sourced by run.sh.

MMS_DEBUGFS=/sys/kernel/debug/mmscope
MMS_KO=${MMS_KO:-/mmscope/mmscope.ko}
MMS_TMP=${MMS_TMP:-/tmp/mmscope-test}
mkdir -p "$MMS_TMP"

# One result line, written in one go so kernel messages cannot split it.
result() {
	printf '\nMMSCOPE-RESULT %s\n' "$*"
}
# result_marker LINE: a marker line for the host, in one write as well.
result_marker() {
	printf '\n%s\n' "$*"
}
# sample NAME CMD...: CMD's output, marked for the host as the README's
# sample NAME (scripts/readme-samples.sh takes it from the console log).
sample() {
	local name=$1
	shift
	result_marker "MMSCOPE-SAMPLE-BEGIN $name"
	"$@"
	result_marker "MMSCOPE-SAMPLE-END $name"
}
pass() { result PASS "$1"; }
fail() {
	local name=$1
	shift
	result FAIL "$name $*"
}
skip() {
	local name=$1
	shift
	result SKIP "$name $*"
}
# absent NAME WHY: what the test needs from the rig (a witness such as
# bpftrace, a scratch disk, a driver of the Debian kernel) is missing.
# Not something the kernel lacks, so under MMSCOPE_STRICT=1 (make check,
# CI) a FAIL; a SKIP only in a developer's partial run.  Use skip for what
# the kernel truly lacks, naming it.
absent() {
	local name=$1
	shift
	if [ "${MMSCOPE_STRICT:-0}" = 1 ]; then
		result FAIL "$name (witness or set-up missing) $*"
	else
		result SKIP "$name $*"
	fi
}
# Commentary beside results, for the console log.
note() { echo "  $*"; }
# protect PID: out of the OOM killer's reach, a witness or a reader that
# must outlive the hog it watches.
protect() { echo -1000 >"/proc/$1/oom_score_adj"; }

# snap_vmstat FILE / snap_mms FILE: "name value" lines.
# Node statistics (nr_vmscan_write) reach /proc/vmstat from per-CPU
# deltas only every second or so: stat_refresh folds them in now.
snap_vmstat() {
	echo 1 >/proc/sys/vm/stat_refresh 2>/dev/null
	cat /proc/vmstat >"$1"
}

# snap_views FILE: FILE.n, every node's vmstat, FILE.r, mmscope's
# reclaim matrix, FILE.s, its shrinkers, and while hist_on's triggers are
# on, FILE.k, the kernel's histograms, beside snap_quiet's FILE.m and
# FILE.v.
snap_views() {
	snap_nodes "$1.n"
	cat "$MMS_DEBUGFS/reclaim" >"$1.r"
	cat "$MMS_DEBUGFS/shrinkers" >"$1.s"
	[ -z "$MMS_HIST_ON" ] || hist_snap "$1.k"
}

# snap_nodes FILE: every node's vmstat, names prefixed "nodeN_".
snap_nodes() {
	local n
	for n in /sys/devices/system/node/node[0-9]*; do
		[ -r "$n/vmstat" ] && sed "s/^/${n##*/}_/" "$n/vmstat"
	done >"$1"
}
snap_mms() { cat "$MMS_DEBUGFS/counters" "$MMS_DEBUGFS/vmstat" >"$1"; }

# snap_hists FILE: the count, sum, min and max of each histogram bpftrace
# times, as "HIST_count N", "HIST_sum NS", "HIST_min NS" and "HIST_max
# NS", and its table's rows as "HIST_row LO HI COUNT".
snap_hists() {
	local p h f
	for p in $MMS_BPF_TIMED; do
		h=${p%%=*}
		f=$MMS_DEBUGFS/histograms/$h
		[ -r "$f" ] || f=$(ls "$f"_* 2>/dev/null)
		[ -n "$f" ] || continue
		# shellcheck disable=SC2086
		# min_ns and max_ns over the files that counted something
		# (an empty one shows 0 for both).
		awk -v h="$h" '$1 == "count" { n += $2; c = $2 } $1 == "sum_ns" { s += $2 }
			$1 == "min_ns" && c && (mn == "" || $2 < mn) { mn = $2 }
			$1 == "max_ns" && c && $2 > mx + 0 { mx = $2 }
			$2 == "->" && $4 == ":" { print h "_row", $1, $3, $5 }
			END { print h "_count", n + 0; print h "_sum", s + 0
				print h "_min", mn + 0; print h "_max", mx + 0 }' $f
	done >"$1"
}

# val FILE NAME: a value from a "name value" snapshot (empty if absent).
val() { awk -v n="$2" '$1 == n { print $2; exit }' "$1"; }

# delta BEFORE AFTER NAME
delta() { echo $(( $(val "$2" "$3") - $(val "$1" "$3") )); }

# sum_prefix FILE PREFIX: sum of every value whose name starts with PREFIX.
sum_prefix() {
	awk -v p="$2" 'index($1, p) == 1 { s += $2 } END { print s + 0 }' "$1"
}

# proactive_freeze / proactive_thaw: while vm.compaction_proactiveness is
# set, kcompactd wakes every 500 ms, whether or not it compacts, and its
# counters (kcompactd_sleep, ...) move: no read of the views is then sure
# to see a still system, however short.  Freeze sets it to 0 (saying so)
# and lets the timeout already pending expire; thaw restores it.  Nothing
# else moves the views of an idle guest.
MMS_PROACTIVE=
proactive_freeze() {
	local v
	v=$(cat /proc/sys/vm/compaction_proactiveness 2>/dev/null) || return 0
	[ "$v" = 0 ] && return 0
	MMS_PROACTIVE=$v
	echo 0 >/proc/sys/vm/compaction_proactiveness
	note "froze proactive compaction (vm.compaction_proactiveness $v -> 0) for a quiet read"
	sleep 1
}
proactive_thaw() {
	[ -n "$MMS_PROACTIVE" ] || return 0
	echo "$MMS_PROACTIVE" >/proc/sys/vm/compaction_proactiveness
	MMS_PROACTIVE=
}

# Take both snapshots of a quiet system: retry until neither moved while
# they were read, so the two are of the same instant.  Proactive
# compaction is frozen meanwhile.  $MMS_SNAP_HOOK, when set, is called
# with FILE inside the bracket (here and in bpf_snap): more views to
# keep, or a mark in the trace buffer, at the same instant.
snap_quiet() {
	proactive_freeze
	snap_quiet_frozen "$@"
	local rc=$?
	proactive_thaw
	return $rc
}
snap_quiet_frozen() {
	local i=0
	while [ $i -lt 20 ]; do
		snap_mms "$1.m1"
		snap_vmstat "$1.v"
		snap_views "$1"
		[ -z "${MMS_SNAP_HOOK:-}" ] || $MMS_SNAP_HOOK "$1"
		snap_mms "$1.m2"
		if cmp -s "$1.m1" "$1.m2"; then
			mv "$1.m1" "$1.m"
			rm -f "$1.m2"
			return 0
		fi
		i=$((i + 1))
		sleep 1
	done
	mv "$1.m2" "$1.m"
	note "snap_quiet: counters kept moving for 20 s"
	return 1
}

# mms_load [PARAM=VALUE...]: load the module as modprobe does with the
# packages' /etc/modprobe.d/mmscope.conf, with this kernel's layout from
# its BTF (mmscope modparams: nothing on a kernel without BTF).
mms_load() {
	[ -d "$MMS_DEBUGFS" ] && return 0
	insmod "$MMS_KO" $(mmscope modparams 2>/dev/null) "$@"
}

mms_unload() {
	[ -d "$MMS_DEBUGFS" ] || return 0
	rmmod mmscope
}

# kver_ge MAJOR MINOR: the running kernel is at least MAJOR.MINOR.  Only
# tests use this, to say which kernel behaviour they expect; the module
# itself detects features, never versions.
kver_ge() {
	local v maj min
	v=$(uname -r)
	maj=${v%%.*}
	min=${v#*.}
	min=${min%%[.-]*}
	[ "$maj" -gt "$1" ] || { [ "$maj" -eq "$1" ] && [ "$min" -ge "$2" ]; }
}

# mem_total_mib: MemTotal in MiB.
mem_total_mib() { awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo; }

# page_bytes: the kernel's page size (4096, or 16384 on a 16k kernel).
page_bytes() { awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps; }

# zram_swap MIB TEST...: swap on /dev/zram0 of MIB MiB (uncompressed).
# Without zram in the guest, each TEST is reported absent; when it cannot
# be set up, failed; either way it returns 1.  zram_swap_off undoes it.
zram_swap() {
	local mib=$1 t
	shift
	if [ ! -e /sys/block/zram0 ] && ! modprobe zram 2>/dev/null &&
	   [ ! -e /sys/block/zram0 ]; then
		for t in "$@"; do absent "$t" "no zram in this guest"; done
		return 1
	fi
	if ! echo "${mib}M" >/sys/block/zram0/disksize ||
	   ! mkswap /dev/zram0 >/dev/null || ! swapon /dev/zram0; then
		for t in "$@"; do fail "$t" "cannot set up $mib MiB of zram swap"; done
		return 1
	fi
}
zram_swap_off() {
	swapoff /dev/zram0
	echo 1 >/sys/block/zram0/reset
}

# node_field SNAP NODE FIELD: FIELD of the reclaim matrix, summed over the
# rows of NODE ("node0", ..., or "nodeless") in snapshot SNAP.r.
node_field() {
	awk -v node="$2" -v f="$3" '
		/^# reclaimer/ { for (i = 1; i <= NF; i++) if ($i == f) c = i }
		$1 == node && c { s += $c }
		END { print s + 0 }' "$1.r"
}

# compare_nodes BEFORE AFTER: per node, the pages reclaim wrote must move
# as the node's own nr_vmscan_write did, and no reclaim may be filed under
# an unknown node.  Prints the differences, nothing when all agree.
compare_nodes() {
	local b=$1 a=$2 n km kv f
	for n in $(awk '$1 ~ /^node[0-9]+_nr_vmscan_write$/ { sub(/_.*/, "", $1); print $1 }' "$a.n"); do
		km=$(( $(node_field "$a" "$n" written) - $(node_field "$b" "$n" written) ))
		kv=$(delta "$b.n" "$a.n" "${n}_nr_vmscan_write")
		note "$n nr_vmscan_write: mmscope $km, node vmstat $kv" >&2
		[ "$km" -eq "$kv" ] || printf ' %s_nr_vmscan_write:%s!=%s' "$n" "$km" "$kv"
	done
	for f in scanned reclaimed; do
		km=$(( $(node_field "$a" nodeless $f) - $(node_field "$b" nodeless $f) ))
		[ "$km" -eq 0 ] || printf ' nodeless_%s:%s' "$f" "$km"
	done
}

# compare_vmstat BEFORE AFTER TEST: every figure of mmscope's vmstat view
# must move exactly as /proc/vmstat's figure of the same name did.  Prints
# each comparison; fails TEST on any difference, passes it otherwise.
compare_vmstat() {
	local b=$1 a=$2 test=$3 n km kv bad= names
	names=$(awk '{ print $1 }' "$MMS_DEBUGFS/vmstat")
	for n in $names; do
		if [ "$(val "$a.m" "$n")" = unavailable ]; then
			bad="$bad $n:unavailable"
			continue
		fi
		km=$(delta "$b.m" "$a.m" "$n")
		kv=$(delta "$b.v" "$a.v" "$n")
		note "$n: mmscope $km, /proc/vmstat $kv"
		[ "$km" -eq "$kv" ] || bad="$bad $n:$km!=$kv"
	done
	bad="$bad$(compare_nodes "$b" "$a")"
	if [ -z "$bad" ]; then
		pass "$test"
	else
		fail "$test" "differ:$bad"
	fi
}

# rmx_sum FILE FIELD: FIELD of the reclaim view's matrix (FILE, a copy of
# debugfs "reclaim"; the lines before the per-node ones) summed over
# reclaimers and LRU types.
rmx_sum() {
	awk -v f="$2" '
		/^# reclaimer / { for (i = 4; i <= NF; i++) if ($i == f) c = i - 1; on = 1; next }
		/^# per node/ { exit }
		on && c && NF > c && $1 !~ /^#/ { s += $c }
		END { print s + 0 }' "$1"
}

# compare_lru BEFORE AFTER TEST: the reclaim matrix's active-list figures
# against /proc/vmstat over a window of snap_quiet (or bpf_snap) snapshots:
# refill_scanned is pgrefill and deactivated is pgdeactivate, exactly
# (shrink_active_list() counts both from what its events report, and
# nothing else in these windows deactivates a page), and they must have
# moved.  The multi-gen LRU has no active lists: it counts pgrefill in
# sort_folio(), which no event reports, so there the pair is a SKIP.
compare_lru() {
	local b=$1 a=$2 test=$3 ctl=/sys/kernel/mm/lru_gen/enabled p km kv bad= moved=0
	if [ -r "$ctl" ] && [ "$(cat "$ctl")" != 0x0000 ]; then
		skip "$test" "the multi-gen LRU is on ($(cat "$ctl")): it has no active lists and counts pgrefill in sort_folio(), which no event reports"
		return 0
	fi
	for p in refill_scanned:pgrefill deactivated:pgdeactivate; do
		km=$(( $(rmx_sum "$a.r" "${p%%:*}") - $(rmx_sum "$b.r" "${p%%:*}") ))
		kv=$(delta "$b.v" "$a.v" "${p#*:}")
		note "${p%%:*}: mmscope $km, /proc/vmstat ${p#*:} $kv"
		[ "$km" -eq "$kv" ] || bad="$bad ${p%%:*}:$km!=$kv"
		[ "$kv" -gt 0 ] && moved=$((moved + 1))
	done
	if [ -n "$bad" ]; then
		fail "$test" "differ:$bad"
	elif [ $moved -lt 2 ]; then
		fail "$test" "pgrefill or pgdeactivate did not move: no active list was shrunk"
	else
		pass "$test"
	fi
}

# hot_file FILE: write FILE and read it three times, so that its pages
# are on the active file list (the second access activates a page) when
# the caller's streaming read makes reclaim shrink that list.  It is three
# fifths of MemAvailable (as much as the disk holds): more than what the
# stream leaves on the inactive list, so that reclaim finds the inactive
# list low and deactivates (inactive_is_low()).
hot_file() {
	local mib disk
	mib=$(awk '/^MemAvailable:/ { print int($2 / 1024 * 3 / 5) }' /proc/meminfo)
	disk=$(df -m "$(dirname "$1")" | awk 'NR == 2 { print $4 - 16 }')
	[ "$mib" -le "$disk" ] || mib=$disk
	note "hot file: $mib MiB made active"
	dd if=/dev/zero of="$1" bs=1M count="$mib" 2>/dev/null
	cat "$1" "$1" "$1" >/dev/null
}

# kv KEY: the value of KEY in the "KEY=VALUE ..." line on stdin.
kv() {
	awk -v k="$1" '{ for (i = 1; i <= NF; i++) { n = index($i, "=")
		if (n && substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }'
}

# ---- tracefs ----------------------------------------------------------
# The kernel's own trace buffer, as a witness beside bpftrace: one
# recording at a time, started by trace_on and ended by trace_off.
MMS_TRACEFS=/sys/kernel/tracing
MMS_TRACE_EVENTS=
MMS_TRACE_KB=
MMS_TRACE_CLOCK=
MMS_TRACE_LOST=0

# trace_on KB CLOCK SYS:EVENT...: an empty buffer of KB KiB per CPU
# recording those events (each one this kernel has) with trace_clock
# CLOCK ("global" reads local_clock(), the clock of the stream's ts_ns).
# Fails if tracefs cannot be written.
trace_on() {
	local T=$MMS_TRACEFS e
	[ -d "$T/events" ] || mount -t tracefs tracefs "$T" 2>/dev/null
	[ -w "$T/tracing_on" ] || return 1
	echo 0 >"$T/tracing_on"
	echo >"$T/trace"
	MMS_TRACE_KB=$(cat "$T/buffer_size_kb")
	MMS_TRACE_KB=${MMS_TRACE_KB%% *}
	MMS_TRACE_CLOCK=$(sed 's/.*\[\(.*\)\].*/\1/' "$T/trace_clock")
	echo "$1" >"$T/buffer_size_kb"
	echo "$2" >"$T/trace_clock"
	shift 2
	MMS_TRACE_EVENTS=
	for e in "$@"; do
		[ -d "$T/events/${e%%:*}/${e#*:}" ] || continue
		echo 1 >"$T/events/${e%%:*}/${e#*:}/enable"
		MMS_TRACE_EVENTS="$MMS_TRACE_EVENTS $e"
	done
	echo 1 >"$T/tracing_on"
}

# trace_has SYS:EVENT: whether trace_on is recording it.
trace_has() {
	case " $MMS_TRACE_EVENTS " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# trace_mark TEXT: a line in the trace at this instant.
trace_mark() { echo "$1" >"$MMS_TRACEFS/trace_marker"; }

# trace_off FILE: stop, copy the trace to FILE, and put tracefs back as
# trace_on found it.  MMS_TRACE_LOST: the events the buffer overran by
# (a witness that lost events is no witness).
trace_off() {
	local T=$MMS_TRACEFS e
	echo 0 >"$T/tracing_on"
	MMS_TRACE_LOST=$(cat "$T"/per_cpu/cpu*/stats |
		awk '$1 == "overrun:" { s += $2 } END { print s + 0 }')
	cp "$T/trace" "$1"
	for e in $MMS_TRACE_EVENTS; do
		echo 0 >"$T/events/${e%%:*}/${e#*:}/enable"
	done
	echo >"$T/trace"
	[ -z "$MMS_TRACE_KB" ] || echo "$MMS_TRACE_KB" >"$T/buffer_size_kb"
	[ -z "$MMS_TRACE_CLOCK" ] || echo "$MMS_TRACE_CLOCK" >"$T/trace_clock"
	echo 1 >"$T/tracing_on"
	MMS_TRACE_EVENTS=
}

# The distribution check of bpf_durations (its own file, so that the host
# tests can feed it altered inputs).
MMS_AWK_BUCKETS=$(cd "${here:-.}" && pwd)/buckets.awk

# MMS_AWK_TRACE: awk functions for reading tracefs' lines, to prepend to
# a program.  tr_field(NAME, MISSING): the value of NAME=value in the
# line, MISSING if it has none.  tr_parse(): split "comm-pid [cpu] flags
# secs.usecs: event: fields" into TR_COMM, TR_PID, TR_CPU, TR_TS (ns) and
# TR_EV; 0 for a line that is not an event (comments, lost-event notes).
# tr_feedback(STATUS): what oom:compact_retry prints as compaction_result
# for an enum compact_result name (compact_result_to_feedback(): complete
# is failed, success progress, the rest withdrawn).
MMS_AWK_TRACE='
function tr_feedback(st) {
	return st == "complete" ? "failed" : st == "success" ? "progress" : "withdrawn"
}
function tr_field(name, missing,   i) {
	for (i = 1; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	return missing
}
function tr_parse(   i, c, t) {
	for (c = 1; c <= NF; c++)
		if ($c ~ /^\[[0-9]+\]$/)
			break
	if (c < 2 || c > NF)
		return 0
	for (i = c + 1; i < NF; i++)
		if ($i ~ /^[0-9]+\.[0-9]+:$/)
			break
	if (i >= NF)
		return 0
	TR_CPU = substr($c, 2, length($c) - 2) + 0
	TR_PID = $(c - 1)
	sub(/.*-/, "", TR_PID)
	TR_COMM = $0
	sub(/^ */, "", TR_COMM)
	TR_COMM = substr(TR_COMM, 1, index(TR_COMM, "-" TR_PID " ") - 1)
	split(substr($i, 1, length($i) - 1), t, ".")
	# busybox awk reads "000200" as octal.
	sub(/^0+/, "", t[2])
	TR_TS = t[1] * 1000000000 + t[2] * 1000
	TR_EV = $(i + 1)
	sub(/:$/, "", TR_EV)
	return 1
}
'

# trace_cut TRACE BEGIN END: TRACE's lines between the last trace_mark
# line containing BEGIN and the last containing END (a snapshot that had
# to retry marked each try).
trace_cut() {
	awk -v b="$2" -v a="$3" '
		index($0, b) { n = 0; last = 0; on = 1; next }
		index($0, a) { last = n; next }
		on { keep[++n] = $0 }
		END { for (i = 1; i <= last; i++) print keep[i] }' "$1"
}

# stream-times' bound for 70% of pairs: 100 us, over four times the largest
# 80th percentile measured (22 us, ts_ns on debian-6.1-amd64).
MMS_STREAM_TIME_TOL_NS=${MMS_STREAM_TIME_TOL_NS:-100000}

# times_reader_start PREFIX TYPES: the stream, reset, records only TYPES
# (record names), in discard mode, into PREFIX.out, read by a cat in the
# background; then the trace's "mmscope-times begin" mark (trace_on must
# be on).  times_reader_stop PREFIX: the "end" mark, a second for the last
# records to reach the reader (the stream flushes every 50 ms), the
# reader stopped, and the stream back to its default mask.
times_reader_start() {
	# shellcheck disable=SC2086
	mmsread ctl stop reset mode discard mask "$(printf '%s,' $2 | sed 's/,$//')" start
	cat /dev/mmscope >"$1.out" &
	MMS_TIMES_PID=$!
	protect "$MMS_TIMES_PID"
	sleep 1
	trace_mark "mmscope-times begin"
}
times_reader_stop() {
	trace_mark "mmscope-times end"
	sleep 1
	kill "$MMS_TIMES_PID"
	wait "$MMS_TIMES_PID" 2>/dev/null
	mmsread ctl stop reset mask default start
}

# stream_times TEST PREFIX TYPES: the stream's records of TYPES (record
# names) in PREFIX.out, against the lines of their tracepoints in
# PREFIX.trace (trace_clock local) between the marks "mmscope-times begin"
# and "mmscope-times end".  Records and lines pair up by type, CPU and
# task, exactly as many of each; ts_ns minus the line's timestamp is one
# constant (the median: on x86 local_clock() adds __sched_clock_offset;
# on arm64 it must be within MMS_STREAM_TIME_TOL_NS of 0); an end's
# duration_ns is the time between its task's begin and end lines, a
# kswapd_sleep's run_ns the time since kswapd's first wake after its last
# sleep.  Of each type, at most one pair plus 30% may be off by over
# MMS_STREAM_TIME_TOL_NS, or show a duration of 0 ("not known") where the
# trace saw both ends, and none may be off by over one TCG switch
# (MMS_BPF_DUR_SWITCH_NS): see Documentation/testing.rst,
# "Durations".  The stream must have lost nothing, the trace too.
stream_times() {
	local test=$1 p=$2 types why= out lost off arm=0
	# shellcheck disable=SC2086
	types=$(printf '%s|' $3)
	types=${types%|}
	mmsread parse "$p.out" "$p.times" >"$p.all"
	[ "$(val "$p.all" bad)" -eq 0 ] || why="$why torn records;"
	lost=$(awk '$1 == "cpu" && $6 > 0' "$p.all")
	[ -z "$lost" ] || why="$why records lost: $lost;"
	[ "$MMS_TRACE_LOST" -eq 0 ] || why="$why the trace overran by $MMS_TRACE_LOST;"
	awk -v types="^($types)\$" "$MMS_AWK_TRACE"'
	# A trace line: its CPU, task, timestamp (ns) and event.
	FNR == NR {
		if (!tr_parse())
			next
		ts = TR_TS
		ev = TR_EV
		cpu = TR_CPU
		pid = TR_PID
		if (ev == "tracing_mark_write") {
			if (index($0, "mmscope-times begin")) { on = 1; mb = ts }
			if (index($0, "mmscope-times end")) { on = 0; me = ts }
			next
		}
		if (!on)
			next
		sub(/^mm_vmscan_/, "", ev)
		sub(/^mm_compaction_/, "compact_", ev)
		sub(/^memcg_softlimit_reclaim_/, "memcg_softlimit_", ev)
		if (ev !~ types)
			next
		k = ev " " cpu " " pid
		n = ++tn[k]
		T[k, n] = ts
		keys[k] = 1
		# A kswapd run: from its first wake after it slept.
		if (ev == "kswapd_wake") {
			if (!(pid in W))
				W[pid] = ts
		} else if (ev == "kswapd_sleep") {
			if (pid in W)
				TD[k, n] = ts - W[pid]
			delete W[pid]
		} else if (ev ~ /_begin$/) {
			B[ev, pid] = ts
		} else if (ev ~ /_end$/) {
			bk = ev
			sub(/_end$/, "_begin", bk)
			if ((bk, pid) in B)
				TD[k, n] = ts - B[bk, pid]
			delete B[bk, pid]
		}
		next
	}
	# A record: type cpu pid ts_ns duration_ns.
	$4 >= mb && $4 <= me && ($1 " " $2 " " $3) in keys && $1 ~ types {
		k = $1 " " $2 " " $3
		n = ++rn[k]
		R[k, n] = $4
		RD[k, n] = $5
	}
	# Records of the traced types whose key the trace never saw.
	$4 >= mb && $4 <= me && !(($1 " " $2 " " $3) in keys) && $1 ~ types {
		extra++
		if (extra <= 3)
			bad = bad " record " $0 " has no trace line;"
	}
	END {
		for (k in keys) {
			if (tn[k] != rn[k]) {
				print "bad " k ": tracefs " tn[k] ", records " rn[k] + 0 ";"
				continue
			}
			for (n = 1; n <= tn[k]; n++)
				printf "pair %s %d %.0f %.0f %s %s\n", k, n, T[k, n], R[k, n],
					RD[k, n], (k, n) in TD ? TD[k, n] : "-"
		}
		printf "window %.0f\n", (me - mb) / 1000000
		print "bad" bad
	}' "$p.trace" "$p.times" >"$p.pairs"
	# The trace's clock and local_clock() differ by a constant on x86
	# (__sched_clock_offset): the median difference.
	off=$(awk '$1 == "pair" { printf "%.0f\n", $7 - $6 }' "$p.pairs" | sort -n |
		awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }')
	# The distribution of each difference: 50th, 80th and 95th percentile.
	st_pct() {
		awk -v off="$off" -v c="$1" '$1 == "pair" && $8 != "-" && $9 != "-" || c == "ts" && $1 == "pair" {
			d = c == "ts" ? $7 - $6 - off : $8 - $9
			printf "%.0f\n", d < 0 ? -d : d
		}' "$p.pairs" | sort -n |
			awk '{ v[NR] = $1 } END { if (NR) printf "p50 %d p80 %d p95 %d us", v[int(NR * .5) + 1] / 1000, v[int(NR * .8) + 1] / 1000, v[int(NR * .95) + 1] / 1000 }'
	}
	note "$test: |ts_ns - trace - offset| $(st_pct ts); |duration_ns - trace| $(st_pct dur)"
	[ "$MMSCOPE_ARCH" != arm64 ] || arm=1
	out=$(awk -v off="$off" -v tol="$MMS_STREAM_TIME_TOL_NS" -v sw="$MMS_BPF_DUR_SWITCH_NS" \
		-v pct=30 -v arm=$arm '
	function abs(x) { return x < 0 ? -x : x }
	# tally(C, T, D): difference D of column C ("ts" or "dur") for a
	# record of type T: counted, the largest kept, and true if over the
	# switch bound.
	function tally(c, t, d) {
		num[c]++
		tnum[c, t]++
		if (abs(d) > abs(mx[c]))
			mx[c] = d
		if (abs(d) > tol) {
			over[c]++
			tover[c, t]++
		}
		return abs(d) > sw
	}
	# Per type, at most one pair plus pct% of them may be over tol: a
	# type with few events (kswapd runs) must not hide in the others.
	function over_pct(c, t) { return tover[c, t] > 1 + int(tnum[c, t] * pct / 100) }
	$1 == "bad" { bad = bad substr($0, 4) }
	$1 == "window" { win = $2 }
	$1 != "pair" { next }
	{
		k = $2 " " $3 " " $4
		t = $2
		types[t] = 1
		n = $5
		d = $7 - $6 - off
		if (tally("ts", t, d))
			bad = bad " " k " #" n ": ts_ns off by " d " ns;"
		if ($8 == "-" || $9 == "-")
			next
		# "0 if not known", for an event whose two ends the trace saw:
		# none may be, the clock of durations being one for all CPUs.
		if ($8 == 0 && $9 > 0)
			tzero[t]++
		if (tally("dur", t, $8 - $9))
			bad = bad " " k " #" n ": duration_ns " $8 ", trace " $9 ";"
	}
	END {
		printf "pairs %d offset %.0f max_ts_diff %.0f over %d durations %d max_duration_diff %.0f over %d window %d ms\n",
			num["ts"], off, mx["ts"], over["ts"], num["dur"], mx["dur"], over["dur"], win
		if (!num["ts"] || !num["dur"])
			bad = bad " no record and trace line paired, or no duration;"
		for (t in types) {
			printf "type %s: %d pairs, %d over; %d durations, %d over, %d zero\n",
				t, tnum["ts", t], tover["ts", t], tnum["dur", t], tover["dur", t], tzero[t]
			if (over_pct("ts", t))
				bad = bad " " t " ts_ns: " tover["ts", t] " of " tnum["ts", t] " off by over " tol " ns;"
			if (over_pct("dur", t))
				bad = bad " " t " duration_ns: " tover["dur", t] " of " tnum["dur", t] " off by over " tol " ns;"
			if (tzero[t])
				bad = bad " " t " duration_ns: " tzero[t] " of " tnum["dur", t] " 0 (not known) where the trace saw both ends;"
		}
		if (arm && abs(off) > tol)
			bad = bad " ts_ns " off " ns from the trace clock (local_clock() on arm64);"
		print "bad" bad
	}' "$p.pairs")
	echo "$out" | grep -v '^bad' | sed "s/^/  $test: /"
	why="$why$(echo "$out" | sed -n 's/^bad//p')"
	[ -z "$why" ] && pass "$test" || fail "$test" "${why# }"
}

# ---- the kernel's histogram triggers ----------------------------------
# A witness for keyed splits that neither bpftrace (0.17 here cannot read
# a tracepoint's args) nor the trace's text (mm_vmscan_wakeup_kswapd does
# not print its zid) gives: a hist trigger makes the kernel itself count
# an event's calls (hitcount) and sum its fields, by key, exactly, with
# nothing written to the trace buffer.  While they are on, every snapshot
# (snap_views FILE) keeps them in FILE.k beside mmscope's views, inside
# the same quiet bracket.
#
#   hist_on            a trigger per MMS_HISTS line ("SYS:EVENT KEYS
#                      VALS"); fails, with the reason in MMS_HIST_WHY,
#                      on a kernel without CONFIG_HIST_TRIGGERS
#   hist_off           remove them
#   hist_snap FILE     "SYS:EVENT KEY=VALUE... hitcount N FIELD N..."
#                      per entry (a symbol's spaces as "~"), and
#                      "dropped SYS:EVENT N" (entries the table refused)
#   hist_keyed BEFORE AFTER TEST [MOVERS]
#                      the reclaim view's throttled and wakeup_kswapd rows
#                      and the shrinkers view, key by key, against the
#                      histograms' deltas
MMS_HISTS="vmscan:mm_vmscan_wakeup_kswapd zid,order -
vmscan:mm_vmscan_throttled reason usec_delayed
vmscan:mm_shrink_slab_start shrink.sym total_scan
vmscan:mm_shrink_slab_end shrink.sym retval"
MMS_HIST_ON=
MMS_HIST_WHY=

# hist_absent TEST: hist_on failed: a SKIP if the kernel lacks hist
# triggers, else a FAIL with the reason.
hist_absent() {
	case $MMS_HIST_WHY in
	*CONFIG_HIST_TRIGGERS*) skip "$1" "$MMS_HIST_WHY" ;;
	*) fail "$1" "$MMS_HIST_WHY" ;;
	esac
}

# hist_spec KEYS VALS: the trigger's text.
hist_spec() {
	local v=hitcount
	[ "$2" = - ] || v="$v,$2"
	echo "hist:keys=$1:vals=$v"
}

hist_on() {
	local e k v f
	MMS_HIST_WHY=
	MMS_HIST_ON=
	[ -d "$MMS_TRACEFS/events" ] || mount -t tracefs tracefs "$MMS_TRACEFS" 2>/dev/null
	while read -r e k v; do
		f=$MMS_TRACEFS/events/${e%%:*}/${e#*:}
		[ -d "$f" ] || { note "hist_on: no tracepoint $e in this kernel"; continue; }
		if [ ! -e "$f/hist" ]; then
			MMS_HIST_WHY="no $f/hist: a kernel without CONFIG_HIST_TRIGGERS"
			hist_off
			return 1
		fi
		if ! hist_spec "$k" "$v" >>"$f/trigger"; then
			MMS_HIST_WHY="$e refused the trigger $(hist_spec "$k" "$v"): $(tail -n 2 "$MMS_TRACEFS/error_log" 2>/dev/null | tr '\n' ' ')"
			hist_off
			return 1
		fi
		MMS_HIST_ON="$MMS_HIST_ON$e $k $v
"
	done <<-END
	$MMS_HISTS
	END
}

hist_off() {
	local e k v
	while read -r e k v; do
		[ -n "$e" ] || continue
		echo "!$(hist_spec "$k" "$v")" \
			>>"$MMS_TRACEFS/events/${e%%:*}/${e#*:}/trigger"
	done <<-END
	$MMS_HIST_ON
	END
	MMS_HIST_ON=
}

# hist_snap FILE: an entry is "{ K: V, K: V } hitcount: N  F: N"; a .sym
# key's value is "[address] symbol", padded.
hist_snap() {
	local e k v
	while read -r e k v; do
		[ -n "$e" ] || continue
		awk -v e="$e" '
		/^\{/ {
			o = index($0, " }")
			n = split(substr($0, 3, o - 3), kv, ", ")
			line = e
			for (i = 1; i <= n; i++) {
				c = index(kv[i], ":")
				val = substr(kv[i], c + 1)
				sub(/^ *(\[[0-9a-f]*\] *)?/, "", val)
				sub(/ *$/, "", val)
				gsub(/ /, "~", val)
				line = line " " substr(kv[i], 1, c - 1) "=" val
			}
			rest = substr($0, o + 2)
			gsub(/:/, "", rest)
			print line " " rest
		}
		/^ *Dropped:/ { print "dropped", e, $2 }' \
			"$MMS_TRACEFS/events/${e%%:*}/${e#*:}/hist"
	done <<-END >"$1"
	$MMS_HIST_ON
	END
}

# hist_keyed BEFORE AFTER TEST [MOVERS]: over the window, each key of
# the reclaim view's "throttled REASON events usecs" (reason as the
# kernel's enum vmscan_throttle_state), "wakeup_kswapd ZONE ORDER count"
# (orders from MMS_NR_ORDERS - 1 up folded into it, as the module does)
# and the shrinkers view's calls, to_scan and freed by function must
# equal the histograms' (hitcount and usec_delayed of
# mm_vmscan_throttled by its reason field, which holds 1 << reason;
# hitcount of mm_vmscan_wakeup_kswapd by zid and order; hitcount and
# total_scan of mm_shrink_slab_start and retval of mm_shrink_slab_end by
# shrink).  MOVERS, of "throttled wakeup_kswapd
# shrinker", must have moved; a family at 0 = 0 elsewhere is noted.
MMS_NR_ORDERS=16
hist_keyed() {
	local b=$1 a=$2 test=$3 movers=${4:-} out f bad
	out=$MMS_TMP/hist-keyed
	awk -v no=$MMS_NR_ORDERS '
	BEGIN {
		split("writeback isolated noprogress congested", tn, " ")
		for (i in tn) tr[tn[i]] = i - 1
	}
	function kget(name,   i) {
		for (i = 2; i <= NF; i++)
			if (index($i, name "=") == 1)
				return substr($i, length(name) + 2)
		return "?"
	}
	function vget(name,   i) {
		for (i = 2; i < NF; i++)
			if ($i == name)
				return $(i + 1)
		return 0
	}
	# BEFORE.r, AFTER.r, BEFORE.s, AFTER.s, BEFORE.k, AFTER.k
	FNR == 1 {
		for (file = 1; file < ARGC; file++)
			if (ARGV[file] == FILENAME)
				break
		sign = file % 2 ? -1 : 1
	}
	file <= 2 && $1 == "throttled" && NF == 4 {
		m["throttled " tr[$2] " events"] += sign * $3
		m["throttled " tr[$2] " usecs"] += sign * $4
	}
	file <= 2 && $1 == "wakeup_kswapd" && NF == 4 {
		m["wakeup_kswapd " $2 " " $3] += sign * $4
	}
	(file == 3 || file == 4) && FNR > 1 && NF >= 6 {
		s = $6
		for (i = 7; i <= NF; i++)
			s = s "~" $i
		m["shrinker " s " calls"] += sign * $1
		m["shrinker " s " to_scan"] += sign * $2
		m["shrinker " s " freed"] += sign * $4
	}
	file >= 5 && $1 == "dropped" { dropped += $3 }
	file >= 5 && $1 == "vmscan:mm_vmscan_throttled" {
		# The event stores 1 << reason (show_throttle_flags()).
		v = kget("reason") + 0
		p = 1
		for (r = 0; p < v; r++)
			p *= 2
		k = "throttled " (p == v ? r : "flags=" v)
		t[k " events"] += sign * vget("hitcount")
		t[k " usecs"] += sign * vget("usec_delayed")
	}
	file >= 5 && $1 == "vmscan:mm_vmscan_wakeup_kswapd" {
		o = kget("order") + 0
		if (o >= no)
			o = no - 1
		t["wakeup_kswapd " kget("zid") + 0 " " o] += sign * vget("hitcount")
	}
	file >= 5 && $1 == "vmscan:mm_shrink_slab_start" {
		k = "shrinker " kget("shrink")
		t[k " calls"] += sign * vget("hitcount")
		t[k " to_scan"] += sign * vget("total_scan")
	}
	file >= 5 && $1 == "vmscan:mm_shrink_slab_end" {
		t["shrinker " kget("shrink") " freed"] += sign * vget("retval")
	}
	END {
		for (k in t) m[k] += 0
		for (k in m) {
			split(k, w, " ")
			n[w[1]]++
			if (m[k] != t[k] + 0)
				printf "bad %s: mmscope %d, kernel %d\n", k, m[k], t[k]
			if (m[k] != 0 || t[k] != 0)
				moved[w[1]] = 1
		}
		for (f in n)
			printf "family %s %d %d\n", f, n[f], moved[f] + 0
		printf "dropped %d\n", dropped
	}' "$b.r" "$a.r" "$b.s" "$a.s" "$b.k" "$a.k" >"$out"
	note "$test: $(awk '$1 == "family" { printf "%s%s %d keys%s", s, $2, $3, $4 ? "" : " (0 = 0)"; s = ", " }' "$out") compared with the kernel's hist triggers"
	bad=$(awk '$1 == "bad" { sub(/^bad /, ""); printf " %s;", $0 }' "$out")
	for f in $movers; do
		awk -v f="$f" '$1 == "family" && $2 == f && $4 { ok = 1 } END { exit !ok }' "$out" ||
			bad="$bad $f did not move;"
	done
	[ "$(awk '$1 == "dropped" { print $2 }' "$out")" = 0 ] ||
		bad="$bad the kernel's histograms dropped entries;"
	if [ -n "$bad" ]; then
		fail "$test" "${bad# }"
	else
		pass "$test"
	fi
}

# oom_records_total: records the debugfs "oom" file has published since load.
oom_records_total() { grep '^summary ' "$MMS_DEBUGFS/oom" | kv records; }

# oom_record FILE ID [END]: the blocks (header to blank line) of record ID,
# or of records ID to END - 1, from a copy of the debugfs "oom" file.
oom_record() {
	awk -v first="$2" -v end="${3:-$(($2 + 1))}" '
		$1 == "record" { id = substr($2, 4) + 0; on = (id >= first && id < end) }
		on && NF == 0 { on = 0 }
		on' "$1"
}

# wait_grep FILE PATTERN: wait until FILE has a line matching PATTERN, for
# at most 60 s.
wait_grep() {
	local i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 60 ] || return 1
		sleep 1
	done
}

# oom_dump_tasks DMESG PID: the kernel's own task dump (vm.oom_dump_tasks)
# in the OOM report that ends with "Killed process PID (", one task a line:
# "pid rss rss_anon rss_file rss_shmem pgtables_bytes swapents
# oom_score_adj", "-" for a column this kernel does not print (6.1 prints
# rss only, 6.12 also its split).
oom_dump_tasks() {
	awk -v victim="$2" '
	# A printk timestamp, where the kernel has CONFIG_PRINTK_TIME.
	{ sub(/^\[ *[0-9]+\.[0-9]+\] */, "") }
	/^Tasks state / { n = 0; next }
	/^\[  pid  \]/ {
		sub(/^\[  pid  \]/, "pid")
		nc = split($0, col, " ")
		for (c in idx) delete idx[c]
		for (c = 1; c <= nc; c++) idx[col[c]] = c
		next
	}
	/^\[ *[0-9]+\]/ { sub(/^\[ */, ""); sub(/\]/, ""); row[++n] = $0; next }
	index($0, "Killed process " victim " (") {
		split("pid rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj", want, " ")
		for (i = 1; i <= n; i++) {
			split(row[i], f, " ")
			line = ""
			for (w = 1; w <= 8; w++)
				line = line (w > 1 ? " " : "") (want[w] in idx ? f[idx[want[w]]] : "-")
			print line
		}
		exit
	}' "$1"
}

# vmstat_val NAME: a /proc/vmstat figure.
vmstat_val() { awk -v n="$1" '$1 == n { print $2 }' /proc/vmstat; }
# --- bpftrace as an independent witness ---------------------------------
#
# Debian's bpftrace runs chrooted in a read-only ext4 image labelled
# mmscope-bpftrace (scripts/bpftrace-image.sh), never from a network share:
# under pressure its file pages are reclaimed and re-read.
#
#   bpf_start NAME SYS:EVENT...   count each tracepoint; returns once every
#                                 probe is attached, or 1 with the reason
#                                 in $MMS_BPF_WHY (report it as a SKIP)
#   bpf_snap NAME FILE            snap_quiet's FILE.m and FILE.v, plus a
#                                 mark in bpftrace's count at the same
#                                 quiet instant (FILE.epoch)
#   bpf_stop NAME                 end bpftrace; its counts by tracepoint
#                                 and epoch are in $MMS_TMP/bpf-NAME.counts
#   bpf_count NAME BEFORE AFTER SYS:EVENT
#                                 events between the two bpf_snap marks
#   bpf_compare NAME BEFORE AFTER TEST [COUNTER=SYS:EVENT...]
#                                 each mmscope counter's delta must equal
#                                 bpftrace's count of its tracepoint
#
# The window: bpftrace counts into @c[probe, epoch]; a mark (a throwaway
# shell named $MMS_BPF_MARK writes its own oom_score_adj, which fires
# oom:oom_score_adj_update) increments the epoch inside the kernel, so the
# split is exact.  (Filters use comm, not args: Debian's bpftrace 0.17
# segfaults, here, on any program that reads a tracepoint's args.)  bpf_snap reads mmscope's counters before and after its
# mark and retries until they are equal: no event fired between the
# snapshot and the mark.  Events while bpftrace attaches or detaches fall
# outside every window.
MMS_BPF_ROOT=/bpftrace
MMS_BPF_MARK=mmscope-mark
MMS_BPF_DUMP=mmscope-dump
MMS_BPF_WHY=

# The mmscope counters that count one tracepoint each, as bpf_compare's
# default pairs.
MMS_BPF_VMSCAN="direct_reclaim=vmscan:mm_vmscan_direct_reclaim_begin
direct_reclaim_end=vmscan:mm_vmscan_direct_reclaim_end
kswapd_wake=vmscan:mm_vmscan_kswapd_wake
kswapd_sleep=vmscan:mm_vmscan_kswapd_sleep
wakeup_kswapd=vmscan:mm_vmscan_wakeup_kswapd
lru_isolate=vmscan:mm_vmscan_lru_isolate
lru_shrink_inactive=vmscan:mm_vmscan_lru_shrink_inactive
lru_shrink_active=vmscan:mm_vmscan_lru_shrink_active
write_folio=vmscan:mm_vmscan_write_folio
shrink_slab=vmscan:mm_shrink_slab_start
shrink_slab_end=vmscan:mm_shrink_slab_end
memcg_reclaim=vmscan:mm_vmscan_memcg_reclaim_begin
memcg_reclaim_end=vmscan:mm_vmscan_memcg_reclaim_end
memcg_softlimit_reclaim=vmscan:mm_vmscan_memcg_softlimit_reclaim_begin
memcg_softlimit_reclaim_end=vmscan:mm_vmscan_memcg_softlimit_reclaim_end
node_reclaim=vmscan:mm_vmscan_node_reclaim_begin
node_reclaim_end=vmscan:mm_vmscan_node_reclaim_end
throttled=vmscan:mm_vmscan_throttled"

# What global reclaim under a hog of more than RAM moves on every kernel:
# bpf_compare's MOVERS for such a window.
MMS_BPF_GLOBAL="direct_reclaim direct_reclaim_end wakeup_kswapd kswapd_wake kswapd_sleep lru_isolate lru_shrink_inactive shrink_slab shrink_slab_end"

# bpf_tps PAIRS: the tracepoints of COUNTER=SYS:EVENT pairs.
bpf_tps() {
	local p
	for p in $1; do
		echo "${p#*=}"
	done
}

# bpf_mount: mount the image and what bpftrace needs inside it, once.
bpf_mount() {
	local dev m
	if ! grep -q " $MMS_BPF_ROOT " /proc/mounts; then
		dev=$(findfs LABEL=mmscope-bpftrace 2>/dev/null) ||
			{ MMS_BPF_WHY="no disk labelled mmscope-bpftrace attached"; return 1; }
		mkdir -p $MMS_BPF_ROOT
		mount -t ext4 -o ro "$dev" $MMS_BPF_ROOT ||
			{ MMS_BPF_WHY="cannot mount $dev"; return 1; }
	fi
	[ -x $MMS_BPF_ROOT/usr/bin/bpftrace ] ||
		{ MMS_BPF_WHY="no usr/bin/bpftrace in the image"; return 1; }
	[ -e /sys/kernel/tracing/events/oom/oom_score_adj_update ] ||
		{ MMS_BPF_WHY="no oom:oom_score_adj_update tracepoint for marks"; return 1; }
	for m in proc:proc sysfs:sys devtmpfs:dev tmpfs:tmp \
		 debugfs:sys/kernel/debug tracefs:sys/kernel/tracing; do
		grep -q " $MMS_BPF_ROOT/${m#*:} " /proc/mounts && continue
		mount -t "${m%%:*}" "${m%%:*}" "$MMS_BPF_ROOT/${m#*:}" ||
			{ MMS_BPF_WHY="cannot mount ${m%%:*} in $MMS_BPF_ROOT"; return 1; }
	done
}

# bpf_signal COMM: fire oom:oom_score_adj_update from a shell named COMM.
bpf_signal() {
	sh -c "echo -n $1 >/proc/self/comm && echo 0 >/proc/self/oom_score_adj"
}
bpf_mark_once() { bpf_signal $MMS_BPF_MARK; }

# bpf_mark NAME: one mark; bpftrace's epoch becomes one more.
bpf_mark() {
	bpf_mark_once
	eval "MMS_BPF_EPOCH_$1=\$((MMS_BPF_EPOCH_$1 + 1))"
}

# The histograms that bpftrace times too, as HISTOGRAM=BEGIN/END/FROM:
# the same begin and end events mmscope times them between, in the same
# thread (kswapd's and kcompactd's events fire in the node's thread:
# kcompactd_do_work() reports the wake, the loop's top the sleep), FROM
# "each" begin, "first": a kswapd run lasts from its first wake after sleeping
# (a wake while it runs starts nothing) to its sleep, or "nest": a
# shrinker call that reaches shrinkers again is one call, timed from its
# outer start to its outer end.  A HISTOGRAM with no file of that name is
# the sum of those named HISTOGRAM_* (compact_run: one per end status).
# (Not keyed by args->nid: bpftrace 0.17 dies of SIGSEGV on any use of
# it here.)
MMS_BPF_TIMED="direct_reclaim=vmscan:mm_vmscan_direct_reclaim_begin/vmscan:mm_vmscan_direct_reclaim_end/each
memcg_reclaim=vmscan:mm_vmscan_memcg_reclaim_begin/vmscan:mm_vmscan_memcg_reclaim_end/each
node_reclaim=vmscan:mm_vmscan_node_reclaim_begin/vmscan:mm_vmscan_node_reclaim_end/each
kswapd_run=vmscan:mm_vmscan_kswapd_wake/vmscan:mm_vmscan_kswapd_sleep/first
shrinker_call=vmscan:mm_shrink_slab_start/vmscan:mm_shrink_slab_end/nest
compact_run=compaction:mm_compaction_begin/compaction:mm_compaction_end/each
kcompactd_run=compaction:mm_compaction_kcompactd_wake/compaction:mm_compaction_kcompactd_sleep/each"

# Per event, bpftrace's duration may differ from mmscope's by what runs
# between the two clock reads at each end: the rest of mmscope's handler,
# which runs first (it attached first), and bpftrace's entry.  Measured
# under QEMU TCG on debian-6.12-amd64: bpftrace's direct reclaim 98 us
# longer per event (mmscope's end handler writes the stream record and
# updates the watermark state after its read), kswapd runs 24 us.  The
# bound allows 1 ms per event (Documentation/testing.rst, "Durations"),
# and once per window one TCG kick period, 100 ms: single-threaded TCG
# runs both vCPUs on one host thread, switching at most every 100 ms
# (TCG_KICK_PERIOD), while the guest's clock runs on, so a switch between
# the two handlers stretches one read by up to that (seen once: a kswapd
# run 3.8 ms longer to bpftrace on debian-6.1-amd64).
MMS_BPF_DUR_TOL_NS=${MMS_BPF_DUR_TOL_NS:-1000000}
MMS_BPF_DUR_SWITCH_NS=${MMS_BPF_DUR_SWITCH_NS:-100000000}

# bpf_durations_prog "SYS:EVENT...": MMS_BPF_DPROG, the bpftrace blocks
# that count and time each MMS_BPF_TIMED pair whose two tracepoints are
# listed (count and sum by histogram and epoch), MMS_BPF_DPRINT, the dump
# of their maps, MMS_BPF_DTIMED, those histograms' names, and
# MMS_BPF_DTPS, the tracepoints these blocks count.
bpf_durations_prog() {
	local p h b e
	MMS_BPF_DPROG=
	MMS_BPF_DPRINT=
	MMS_BPF_DTIMED=
	MMS_BPF_DTPS=
	local k f g t ends= begins=
	for p in $MMS_BPF_TIMED; do
		h=${p%%=*}
		p=${p#*=}
		b=${p%%/*}
		p=${p#*/}
		e=${p%%/*}
		k=${p#*/}
		case " $1 " in *" $b "*) ;; *) continue ;; esac
		case " $1 " in *" $e "*) ;; *) continue ;; esac
		t="@t_$h[tid]"
		f="$t = nsecs;"
		g="\$d = nsecs - $t; delete($t);
		@dn[\"$h\", @e] = count(); @ds[\"$h\", @e] = sum(\$d);
		@dmi[\"$h\", @e] = min(\$d / 1024); @dmx[\"$h\", @e] = max(\$d / 1024);
		@dh[\"$h\", @e] = hist(\$d / 1024);"
		case $k in
		first)	f="if ($t == 0) { $f }" ;;
		nest)	f="if ($t) { @n_$h[tid] = @n_$h[tid] + 1; } else { $f }"
			g="if (@n_$h[tid]) { @n_$h[tid] = @n_$h[tid] - 1; } else { $g }" ;;
		esac
		MMS_BPF_DTIMED="$MMS_BPF_DTIMED $h"
		MMS_BPF_DTPS="$MMS_BPF_DTPS $b $e"
		# Ends before begins: bpftrace attaches in program order, and
		# a call in progress while only its begin was attached would
		# leave its thread's entry set for good (seen: a shrinker call
		# of kswapd's made every later one "nested", 155 fewer timed).
		ends="$ends
tracepoint:$e {
	@c[probe, @e] = count();
	if ($t) {
		$g
	}
}"
		begins="$begins
tracepoint:$b { @c[probe, @e] = count(); $f }"
	done
	MMS_BPF_DPROG="$ends$begins"
	[ -n "$MMS_BPF_DPROG" ] &&
		MMS_BPF_DPRINT=" print(@dn); print(@ds); print(@dmi); print(@dmx); print(@dh);"
	return 0
}

# kswapd_wait_asleep: wait until every kswapd thread has been in its long
# sleep (kswapd_try_to_sleep() in schedule(), not in the HZ/10
# schedule_timeout() before it, nor asleep inside reclaim) at some instant
# since the call; 1 if that did not happen in 60 s, with the threads left
# in $MMS_KSWAPD_AWAKE.
kswapd_wait_asleep() {
	local f c st i=0
	while [ $i -lt 60 ]; do
		MMS_KSWAPD_AWAKE=
		for f in /proc/[0-9]*/comm; do
			read -r c <"$f" 2>/dev/null || continue
			case $c in kswapd[0-9]*) ;; *) continue ;; esac
			# Asleep, its stack's top frame kswapd_try_to_sleep() or
			# kswapd() (6.1 inlines the one into the other).
			st=$(awk '{ print $3 }' "${f%/comm}/stat" 2>/dev/null)
			[ "$st" = S ] || { MMS_KSWAPD_AWAKE="$MMS_KSWAPD_AWAKE $c"; continue; }
			st=$(head -n 1 "${f%/comm}/stack" 2>/dev/null)
			case $st in
			*"] kswapd_try_to_sleep+"* | *"] kswapd+"*) ;;
			*) MMS_KSWAPD_AWAKE="$MMS_KSWAPD_AWAKE $c" ;;
			esac
		done
		[ -z "$MMS_KSWAPD_AWAKE" ] && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}

# bpf_kswapd_settle OUT: a kswapd run that began before bpftrace attached
# would be timed from a later wake: wait until every kswapd thread has
# been in its long sleep since (kswapd_wait_asleep).  Runs that end before
# the first window are never compared.  If none is seen in 60 s, kswapd
# runs are not compared (OUT.timed loses kswapd_run).
bpf_kswapd_settle() {
	kswapd_wait_asleep && return 0
	note "bpf_start: kswapd never in its long sleep in 60 s (awake:$MMS_KSWAPD_AWAKE): kswapd runs not timed against bpftrace"
	sed -i 's/ kswapd_run//' "$1.timed"
}

bpf_start() {
	local name=$1 tp tps= prog out i=0 t0 e e2
	shift
	MMS_BPF_WHY=
	bpf_mount || return 1
	for tp in "$@"; do
		if [ ! -d "/sys/kernel/tracing/events/${tp%%:*}/${tp#*:}" ]; then
			note "bpf_start: no tracepoint $tp in this kernel: not counted"
			continue
		fi
		tps="$tps $tp"
	done
	[ -n "$tps" ] || { MMS_BPF_WHY="none of the tracepoints exists"; return 1; }
	# The timed pairs count in their own blocks: bpftrace 0.17 fails to
	# load ("unreachable insn") a tracepoint that two blocks probe.
	bpf_durations_prog "$tps"
	prog=
	for tp in $tps; do
		case " $MMS_BPF_DTPS " in *" $tp "*) continue ;; esac
		prog="$prog${prog:+,
}tracepoint:$tp"
	done
	# The mark probe comes last: bpftrace attaches in program order, so
	# once a mark counts, every probe is attached.
	prog="${prog:+$prog { @c[probe, @e] = count(); }}
$MMS_BPF_DPROG
tracepoint:oom:oom_score_adj_update /comm == \"$MMS_BPF_DUMP\"/ {
	printf(\"dump-begin\\n\"); print(@c);$MMS_BPF_DPRINT printf(\"dump-end\\n\");
}
tracepoint:oom:oom_score_adj_update /comm == \"$MMS_BPF_MARK\"/ {
	@e = @e + 1; printf(\"mark %d\\n\", @e);
}"
	out=$MMS_TMP/bpf-$name
	echo "$prog" >"$out.bt"
	echo "$MMS_BPF_DTIMED" >"$out.timed"
	rm -f "$out.counts"
	: >"$out.out"
	t0=$(date +%s)
	# Out of the OOM killer's reach: a witness must outlive the victim.
	(echo -1000 >/proc/self/oom_score_adj
	 exec chroot $MMS_BPF_ROOT /usr/bin/bpftrace -B line -e "$prog") \
		>"$out.out" 2>&1 &
	eval "MMS_BPF_PID_$name=$!"
	eval "MMS_BPF_EPOCH_$name=0"
	# Mark until a mark shows in the output: then all probes are attached.
	while ! grep -q '^mark ' "$out.out"; do
		if ! kill -0 "$(eval echo "\$MMS_BPF_PID_$name")" 2>/dev/null; then
			wait "$(eval echo "\$MMS_BPF_PID_$name")"
			e=$?
			[ $e -gt 128 ] && e="$e, signal $((e - 128))"
			MMS_BPF_WHY="bpftrace exited (status $e): $(tail -n 3 "$out.out" | tr '\n' ' ')"
			return 1
		fi
		if [ $i -ge 300 ]; then
			MMS_BPF_WHY="bpftrace not attached after 300 s"
			bpf_stop "$name"
			return 1
		fi
		bpf_mark_once
		sleep 1
		i=$((i + 1))
	done
	# Marks before attachment did not count: the epoch is the last one
	# printed, once no more are on their way.
	e=
	while :; do
		sleep 1
		e2=$(awk '$1 == "mark" { e = $2 } END { print e }' "$out.out")
		[ "$e2" = "$e" ] && break
		e=$e2
	done
	eval "MMS_BPF_EPOCH_$name=$e"
	case " $MMS_BPF_DTIMED " in
	*" kswapd_run "*) bpf_kswapd_settle "$out" ;;
	esac
	# Its peak is what it took from the scenario's RAM: a guest too small
	# for it loses a task to the OOM killer before the window opens.
	note "bpf_start $name: $(grep -c tracepoint: "$out.bt") tracepoints attached in $(( $(date +%s) - t0 )) s;" \
		"bpftrace $(awk '/^VmHWM:/ { hwm = $2 } /^VmRSS:/ { rss = $2 }
			END { printf "peak %d KiB, now %d KiB", hwm, rss }' \
			"/proc/$(eval echo "\$MMS_BPF_PID_$name")/status" 2>/dev/null)," \
		"MemAvailable $(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo) KiB"
}

# bpf_snap NAME FILE: a quiet snapshot (see snap_quiet) around a mark.
bpf_snap() {
	local i=0
	if [ -z "$(eval echo "\${MMS_BPF_PID_$1:-}")" ]; then
		snap_quiet "$2"
		return
	fi
	while [ $i -lt 20 ]; do
		# Proactive compaction wakes kcompactd every 500 ms while a
		# node is fragmented (on the debug kernel, always): frozen
		# from the second try on, as snap_quiet does.
		[ $i -ne 1 ] || proactive_freeze
		snap_mms "$2.m1"
		snap_vmstat "$2.v"
		snap_views "$2"
		snap_hists "$2.h"
		[ -z "${MMS_SNAP_HOOK:-}" ] || $MMS_SNAP_HOOK "$2"
		bpf_mark "$1"
		snap_mms "$2.m2"
		# The mark itself is an oom_score_adj_update event.
		if [ "$(grep -v '^oom_score_adj_update ' "$2.m1")" = \
		     "$(grep -v '^oom_score_adj_update ' "$2.m2")" ]; then
			proactive_thaw
			mv "$2.m1" "$2.m"
			rm -f "$2.m2"
			eval "echo \$MMS_BPF_EPOCH_$1" >"$2.epoch"
			return 0
		fi
		i=$((i + 1))
		sleep 1
	done
	proactive_thaw
	note "bpf_snap: counters kept moving for 20 s; in the last try:" \
	     "$(awk 'NR == FNR { v[$1] = $2; next }
		$1 != "oom_score_adj_update" && ($1 in v) && v[$1] != $2 {
			printf " %s +%d", $1, $2 - v[$1] }' "$2.m1" "$2.m2")"
	mv "$2.m2" "$2.m"
	rm -f "$2.m1"
	echo -1 >"$2.epoch"
	return 1
}

# bpf_stop NAME: a dump signal makes bpftrace print its counts while it
# runs (epochs after the last mark do not matter); then SIGINT ends it.
bpf_stop() {
	local name=$1 pid i=0 out=$MMS_TMP/bpf-$1
	pid=$(eval echo "\${MMS_BPF_PID_$name:-}")
	[ -n "$pid" ] || return 1
	bpf_signal $MMS_BPF_DUMP
	while ! grep -q '^dump-end$' "$out.out" && [ $i -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	grep -q '^dump-end$' "$out.out" || note "bpf_stop $name: bpftrace printed no counts in 60 s"
	kill -INT "$pid" 2>/dev/null
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		note "bpf_stop $name: bpftrace still running 60 s after SIGINT: killed;" \
		     "$(grep -E '^(State|SigIgn|SigCgt)' /proc/"$pid"/status | xargs)" \
		     "wchan $(cat /proc/"$pid"/wchan 2>/dev/null)"
		cat /proc/"$pid"/stack 2>/dev/null | head -n 12
		tail -n 5 "$out.out"
		kill -9 "$pid"
	fi
	wait "$pid" 2>/dev/null
	eval "MMS_BPF_PID_$name="
	# "@c[tracepoint:SYS:EVENT, EPOCH]: COUNT" -> "SYS:EVENT EPOCH COUNT",
	# from the dump only.
	sed -n '/^dump-begin$/,/^dump-end$/s/^@c\[tracepoint:\([^,]*\), \([0-9]*\)\]: \([0-9]*\)$/\1 \2 \3/p' \
		"$out.out" >"$out.counts"
	# "@dn[HIST, EPOCH]: N" -> "dn HIST EPOCH N"; @ds likewise.
	sed -n '/^dump-begin$/,/^dump-end$/s/^@\(d[ns]\)\[\([a-z_]*\), \([0-9]*\)\]: \([0-9]*\)$/\1 \2 \3 \4/p' \
		"$out.out" >"$out.durs"
	# "@dmi[HIST, EPOCH]: N" (the least) and @dmx (the most) likewise,
	# N in units of 1024 ns turned into ns (the low end of the unit).
	# bpftrace 0.17's min() of a duration over 2^32 ns printed 0 (seen:
	# kswapd runs of 6.36 s and 6.76 s), as its hist() misfiled them.
	sed -n '/^dump-begin$/,/^dump-end$/s/^@\(dm[ix]\)\[\([a-z_]*\), \([0-9]*\)\]: \([0-9]*\)$/\1 \2 \3 \4/p' \
		"$out.out" | awk '{ printf "%s %s %s %.0f\n", $1, $2, $3, $4 * 1024 }' >>"$out.durs"
	# "@dh[HIST, EPOCH]:" then "[LOW, HIGH)  COUNT |@@|" lines (LOW with
	# a K, M or G suffix: powers of 1024; "[0]" and "[1]" alone) ->
	# "dh HIST EPOCH LOW COUNT", LOW in ns.  The hist is of ns / 1024:
	# bpftrace 0.17's hist() put values over 2^32 in its [2G, 4G) bucket
	# (seen: kswapd runs of 6.44 s and 8.05 s), so it is given values
	# below 2^31 for durations up to 2^41 ns (36 min); d / 1024 is in
	# [2^k, 2^(k+1)) exactly when d is in [2^(k+10), 2^(k+11)), and [0]
	# holds d below 1024.
	awk '$0 == "dump-begin" { on = 1; next } $0 == "dump-end" { on = 0 }
		!on { next }
		/^@dh\[/ { k = $0; sub(/^@dh\[/, "", k); sub(/\]:.*$/, "", k)
			split(k, f, ", "); hh = f[1]; ep = f[2]; next }
		/^@/ { hh = ""; next }
		hh != "" && /^\[/ {
			lo = $1; gsub(/[][,)]/, "", lo)
			c = $1 ~ /]$/ ? $2 : $3
			mul = 1
			if (lo ~ /K$/) mul = 1024
			if (lo ~ /M$/) mul = 1048576
			if (lo ~ /G$/) mul = 1073741824
			sub(/[KMG]$/, "", lo)
			printf "dh %s %s %.0f %s\n", hh, ep, lo * mul * 1024, c
		}' "$out.out" >>"$out.durs"
}

# bpf_count NAME BEFORE AFTER SYS:EVENT: events in [BEFORE's mark, AFTER's).
bpf_count() {
	awk -v tp="$4" -v b="$(cat "$2.epoch")" -v a="$(cat "$3.epoch")" \
		'$1 == tp && $2 >= b && $2 < a { s += $3 } END { print s + 0 }' \
		"$MMS_TMP/bpf-$1.counts"
}

# bpf_minmax HIST BEFORE.h AFTER.h DURS EPOCH0 EPOCH1: HIST's min_ns and
# max_ns after the window against what they were before it and what
# bpftrace saw in it (@dmi, @dmx of epochs [EPOCH0, EPOCH1), kept in
# units of 1024 ns: at most 1023 ns short).  Both are
# since the module's load, so after the window they must be the before's
# value or the window's, whichever is further out: min(before, window)
# and max(before, window).  Each event's two durations differ by at most
# MMS_BPF_DUR_TOL_NS, and so do the two minima or maxima of the same
# events, but for an event a vCPU switch between the two handlers
# stretched: it is often the longest of a window of short ones, and the
# least of a window of one (seen: one kswapd run of 6.52 s, 6.1 ms longer
# to mmscope).  So both may be off by up to MMS_BPF_DUR_SWITCH_NS, and
# say so when off by more than MMS_BPF_DUR_TOL_NS.  Prints "ok: ..." or
# "bad: ...".
bpf_minmax() {
	awk -v h="$1" -v b="$5" -v a="$6" -v tol="$MMS_BPF_DUR_TOL_NS" \
		-v sw="$MMS_BPF_DUR_SWITCH_NS" '
	function abs(x) { return x < 0 ? -x : x }
	FILENAME == ARGV[1] { v0[$1] = $2; next }
	FILENAME == ARGV[2] { v1[$1] = $2; next }
	$2 == h && $3 >= b + 0 && $3 < a + 0 {
		if ($1 == "dn")
			n += $4
		if ($1 == "dmi" && (!("mi" in w) || $4 < w["mi"]))
			w["mi"] = $4
		if ($1 == "dmx" && (!("mx" in w) || $4 > w["mx"]))
			w["mx"] = $4
	}
	END {
		c0 = v0[h "_count"] + 0
		mi0 = v0[h "_min"] + 0
		mx0 = v0[h "_max"] + 0
		mi1 = v1[h "_min"] + 0
		mx1 = v1[h "_max"] + 0
		if (!n) {
			# Nothing in the window: nothing may have moved.
			if (mi1 != mi0 || mx1 != mx0)
				printf "bad: min %.0f -> %.0f, max %.0f -> %.0f with nothing timed\n", mi0, mi1, mx0, mx1
			else
				printf "ok: min %.0f, max %.0f, nothing timed\n", mi1, mx1
			exit
		}
		emi = w["mi"]
		emx = w["mx"]
		if (c0 && mi0 < emi)
			emi = mi0
		if (c0 && mx0 > emx)
			emx = mx0
		out = sprintf("min_ns %.0f (was %.0f; bpftrace %.0f), max_ns %.0f (was %.0f; bpftrace %.0f)",
			mi1, mi0, w["mi"], mx1, mx0, w["mx"])
		why = ""
		if (abs(mi1 - emi) > sw)
			why = why sprintf(" min_ns %.0f, expected %.0f;", mi1, emi)
		if (abs(mx1 - emx) > sw)
			why = why sprintf(" max_ns %.0f, expected %.0f;", mx1, emx)
		if (why != "")
			print "bad:" why " " out
		else if (abs(mi1 - emi) > tol || abs(mx1 - emx) > tol)
			print "ok: " out "; off by over " tol " ns: a stretched event"
		else
			print "ok: " out
	}' "$2" "$3" "$4"
}

# bpf_durations NAME BEFORE AFTER TEST: each histogram bpftrace timed,
# over the window: mmscope's count equals bpftrace's, its sum differs
# from bpftrace's by at most MMS_BPF_DUR_TOL_NS per event and
# MMS_BPF_DUR_SWITCH_NS once, its buckets agree with bpftrace's hist()
# within the same per-event bound (buckets.awk), and its min_ns and
# max_ns with bpftrace's min() and max() (bpf_minmax).  Fails TEST if
# none was timed at all in the window.
bpf_durations() {
	local name=$1 b=$2 a=$3 test=$4 h n=0 kn kd mn md diff bad= bk mm
	local d=$MMS_TMP/bpf-$name.durs eb ea
	eb=$(cat "$b.epoch")
	ea=$(cat "$a.epoch")
	for h in $(cat "$MMS_TMP/bpf-$name.timed"); do
		grep -q "^${h}_count " "$b.h" 2>/dev/null || continue
		kn=$(awk -v h="$h" -v b="$eb" -v a="$ea" '$1 == "dn" && $2 == h &&
			$3 >= b && $3 < a { s += $4 } END { print s + 0 }' "$d")
		kd=$(awk -v h="$h" -v b="$eb" -v a="$ea" '$1 == "ds" && $2 == h &&
			$3 >= b && $3 < a { s += $4 } END { print s + 0 }' "$d")
		mn=$(delta "$b.h" "$a.h" "${h}_count")
		md=$(delta "$b.h" "$a.h" "${h}_sum")
		diff=$((md - kd))
		note "$h: mmscope $mn timed, $md ns; bpftrace $kn, $kd ns; difference $diff ns$([ "$mn" -gt 0 ] && echo ", $((diff / mn)) ns per event")"
		[ "$mn" = "$kn" ] || bad="$bad $h count $mn!=$kn;"
		[ "${diff#-}" -le $((mn * MMS_BPF_DUR_TOL_NS + MMS_BPF_DUR_SWITCH_NS)) ] ||
			bad="$bad $h sum off by $diff ns over $mn events;"
		# The least and the most: see bpf_minmax.
		mm=$(bpf_minmax "$h" "$b.h" "$a.h" "$d" "$eb" "$ea")
		case $mm in
		ok:*)	note "$h: ${mm#ok: }" ;;
		*)	bad="$bad $h ${mm#bad: };" ;;
		esac
		# The distribution: the table's rows against bpftrace's hist().
		bk=$(awk -v h="$h" -v b="$eb" -v a="$ea" -v tol="$MMS_BPF_DUR_TOL_NS" \
			-f "$MMS_AWK_BUCKETS" "$b.h" "$a.h" "$d")
		case $bk in
		ok:*)	note "$h: buckets ${bk#ok: }" ;;
		*)	bad="$bad $h buckets: $(echo "$bk" | sed 's/^bad //' | tr '\n' ';')" ;;
		esac
		n=$((n + kn))
	done
	if [ -n "$bad" ]; then
		fail "$test" "${bad# }"
	elif [ "$n" -eq 0 ]; then
		note "$test: no reclaim timed in this window"
	else
		pass "$test"
	fi
}

# bpf_unmovable COUNTER: why COUNTER's tracepoint cannot fire in this
# guest, whatever a scenario does; empty if it can.
bpf_unmovable() {
	local v
	case $1 in
	node_reclaim*)
		# get_page_from_freelist() calls node_reclaim() only when
		# vm.zone_reclaim_mode is set, which the kernel does on its
		# own only for nodes at more than RECLAIM_DISTANCE.
		v=$(cat /proc/sys/vm/zone_reclaim_mode 2>/dev/null) ||
			{ echo "no vm.zone_reclaim_mode (kernel without NUMA)"; return; }
		[ "$v" = 0 ] && echo "vm.zone_reclaim_mode is 0 on this" \
			"$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)-node guest"
		;;
	memcg_softlimit_reclaim*)
		# Soft limit reclaim walks the tree of cgroups over their v1
		# memory.soft_limit_in_bytes; cgroup v2 has no soft limit.
		v=$(awk '$1 == "memory" { print $2 }' /proc/cgroups)
		[ "${v:-0}" = 0 ] &&
			echo "no cgroup v1 memory controller (cgroup v2 has no soft limit)"
		;;
	esac
	return 0
}

# bpf_compare NAME BEFORE AFTER TEST [PAIRS [MOVERS]]: PAIRS defaults to
# $MMS_BPF_VMSCAN.  Fails TEST on any difference, on a window whose marks
# were not quiet, or when a counter of MOVERS (the counters the scenario
# exists to move) did not move; without MOVERS, when bpftrace counted
# nothing at all.  A pair at 0 = 0 shows nothing: if its tracepoint
# cannot fire in this guest (bpf_unmovable) it is reported as a SKIP of
# TEST-unmovable, else noted as not exercised.
bpf_compare() {
	local name=$1 b=$2 a=$3 test=$4 pairs=${5:-$MMS_BPF_VMSCAN} movers=$6
	local p c tp km kb bad= total=0 why unmovable= idle= still=
	if [ "$(cat "$b.epoch")" -lt 0 ] || [ "$(cat "$a.epoch")" -lt 0 ]; then
		fail "$test" "no quiet instant for a window mark"
		return
	fi
	for p in $pairs; do
		c=${p%%=*}
		tp=${p#*=}
		if [ ! -d "/sys/kernel/tracing/events/${tp%%:*}/${tp#*:}" ]; then
			case " $movers " in
			*" $c "*) unmovable="$unmovable$c	no tracepoint $tp
" ;;
			esac
			continue
		fi
		km=$(delta "$b.m" "$a.m" "$c")
		kb=$(bpf_count "$name" "$b" "$a" "$tp")
		note "$c: mmscope $km, bpftrace $kb ($tp)"
		[ "$km" = "$kb" ] || bad="$bad $c:$km!=$kb"
		total=$((total + kb))
		[ "$kb" -eq 0 ] && [ "$km" = 0 ] || continue
		case " $movers " in
		*" $c "*) still="$still $c"; continue ;;
		esac
		why=$(bpf_unmovable "$c")
		if [ -n "$why" ]; then
			unmovable="$unmovable$c	$why
"
		else
			idle="$idle $c"
		fi
	done
	[ -z "$idle" ] || note "$test: not exercised in this window (0 = 0 shows nothing):$idle"
	if [ -n "$bad$still" ]; then
		why="${bad:+differ from bpftrace:$bad;}${still:+ did not move:$still}"
		fail "$test" "${why# }"
	elif [ "$total" -eq 0 ]; then
		fail "$test" "bpftrace counted no event in the window"
	else
		pass "$test"
	fi
	bpf_durations "$name" "$b" "$a" "$test-durations"
	# "COUNTER<tab>WHY" lines, one SKIP naming each reason once.
	[ -z "$unmovable" ] || skip "$test-unmovable" "cannot fire here: $(printf %s "$unmovable" |
		awk -F '\t' '!($2 in r) { o[++n] = $2 } { r[$2] = r[$2] " " $1 }
			END { for (i = 1; i <= n; i++)
				printf "%s%s: %s", (i > 1 ? "; " : ""), substr(r[o[i]], 2), o[i] }')"
}
