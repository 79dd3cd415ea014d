# SPDX-License-Identifier: GPL-2.0
#
# stream: the event stream on /dev/mmscope, read by tests/workloads/mmsread
# (and by cat) while an anonymous hog of twice RAM ends in an OOM kill.
#
#  stream-device     /dev/mmscope is a 0600 character device; ABI and
#                    configuration as loaded: default mask, running
#  stream-caps       open without CAP_PERFMON/CAP_SYS_ADMIN: EPERM;
#                    as nobody: EACCES (mode 0600)
#  stream-debugfs-private  with debugfs remounted mode 0755, nobody can
#                    open any file of the views (each is 0400)
#  stream-cat        with no configuration, `cat /dev/mmscope` under
#                    pressure yields whole records of default types only,
#                    among them the OOM victim that dmesg names, and an
#                    episode ending in that OOM kill
#  stream-episode-recovered  `cat /dev/mmscope` while a hog of 1.5x RAM
#                    swaps into zram and exits, between two quiet
#                    instants 2 s from any event: every episode recorded
#                    in between recovered (no OOM kill), and their totals
#                    equal the kernel's counters over the window: direct
#                    reclaim stalls allocstall_*, kswapd wakes pageoutrun,
#                    compaction stalls compact_stall; and mmscope's:
#                    wakeup_kswapd and kswapd runs their counters, stall
#                    and kswapd run times the sums of the direct_reclaim
#                    and kswapd_run histograms (which bpftrace witnesses)
#  stream-times      in the same window, tracefs records the timed
#                    events (trace_clock local, sched_clock()): the
#                    records of direct reclaim, kswapd and compaction
#                    runs and the trace lines pair up by event, CPU and
#                    task, exactly as many of each; ts_ns minus the
#                    line's timestamp is one constant (the median; on
#                    x86 local_clock() adds __sched_clock_offset, on
#                    arm64 it must be within 100 us of 0), and each
#                    direct_reclaim_end's and compact_end's duration_ns
#                    is the time between the task's begin and end
#                    lines, each kswapd_sleep's run_ns the time since
#                    kswapd's first wake line after it slept: at least 70% of pairs within
#                    MMS_STREAM_TIME_TOL_NS (100 us), every one within
#                    one TCG switch (MMS_BPF_DUR_SWITCH_NS).  Measured:
#                    80% within 4-22 us (ts) and 12-21 us (durations),
#                    3-9% off by up to 51 ms: mmscope's probe runs first
#                    and wakes the reader, whose IPI lets QEMU switch
#                    vCPUs before tracefs' probe reads its clock
#                    (Documentation/testing.rst)
#  stream-mmap       a read-only mapping of CPU 0's ring shows its layout
#                    and, once compact_memory was written from CPU 0, the
#                    records it made: head > 0, bracketed by CPU 0's
#                    produced - discarded (ioctl) before and after, every
#                    record below head committed but for those a record
#                    made during the scan overwrote; stream-mmap-stopped:
#                    with recording stopped, the same check fails
#  stream-counts     two concurrent readers (one blocking in read(), one
#                    in poll()), every type a probe also counts: together
#                    they receive as many records of each type as
#                    mmscope's counters counted while recording (exactly,
#                    unless an event fell at the very start or stop of
#                    recording: then within the counters' moves just
#                    inside and just outside it), as many OOM victims as
#                    /proc/vmstat oom_kill, no record twice, nothing lost
#  stream-read-capped  one read() with a 1 MiB buffer while at least 1700
#                    records (over 64 KiB) are pending returns whole
#                    records, within a slot of MMSCOPE_READ_MAX bytes, and
#                    leaves the rest pending
#  stream-overwrite  a slow reader (stopped while hogs run until a CPU
#                    overflows, then one record every 0.1 s) of 16-slot
#                    rings in overwrite mode: losses, and per CPU
#                    produced = delivered + lost exactly, produced equal
#                    to the counters (as above), delivered equal to what the
#                    reader got, overwritten equal to its seq gaps
#  stream-discard    the same in discard mode, with a reader that reads
#                    only after the workload: discarded = the rest
#  stream-errors     every bad ioctl, read and mmap gets its errno and
#                    changes nothing, stopped (resize while mapped: EBUSY)
#                    and while recording (resize: EBUSY); a private
#                    mapping cannot be mprotect()ed writable (EACCES), a
#                    forked child has no mapping (SIGSEGV)
#  stream-resize-race  a poller and a blocked reader while another thread
#                    stops, resizes and restarts the stream 300 times: no
#                    oops, warning or KASAN report
#  stream-eagain     O_NONBLOCK read of an empty stream: EAGAIN
#  stream-rmmod-busy rmmod with the device open is refused, the module
#                    keeps working

mms_load || { fail stream "module not loaded"; return 0; }
dev=/dev/mmscope
d=$MMS_TMP/stream
mkdir -p "$d"
ram=$(mem_total_mib)
size=$((ram * 2))

# follow OUT [ARGS]: start a blocking reader; wait until it has opened.
follow() {
	local out=$1 i=0
	shift
	mmsread follow "$@" >"$out" 2>&1 &
	FOLLOW_PID=$!
	protect "$FOLLOW_PID"
	while ! grep -q '^following' "$out" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# stop_reader PID: SIGTERM it, which makes it drain and report; a reader
# that does not end within 60 s is killed and reported.
stop_reader() {
	local i=0
	kill -TERM "$1"
	while kill -0 "$1" 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$1" 2>/dev/null; then
		kill -KILL "$1"
		fail stream-reader-exit "reader $1 ignored SIGTERM for 60 s"
	fi
	wait "$1"
}

# hog_oom: the hog of twice RAM, until the OOM killer ends it.
hog_oom() { hog "$size" >/dev/null 2>&1; }

# window_start NAME / window_end NAME: snapshot the counters of a quiet
# system around a recording window: NAME.b before recording starts and
# NAME.b2 after, NAME.a before it stops and NAME.a2 after.  What was
# recorded lies between the counters' moves from b2 to a and from b to a2,
# which are equal, and the count exact, when nothing happened at either
# edge (noted otherwise).
window_start() {
	snap_quiet "$d/$1.b"
	mmsread ctl start
	snap_mms "$d/$1.b2.m"
	cmp -s "$d/$1.b.m" "$d/$1.b2.m" || note "$1: counters moved as recording started"
}
window_end() {
	snap_quiet "$d/$1.a"
	mmsread ctl stop
	snap_mms "$d/$1.a2.m"
	cmp -s "$d/$1.a.m" "$d/$1.a2.m" || note "$1: counters moved as recording stopped"
}

# in_window NAME COUNTERS N: N lies within what COUNTERS (summed) moved in
# window NAME; prints "lo hi".
in_window() {
	local w=$d/$1 c lo=0 hi=0
	for c in $2; do
		lo=$((lo + $(delta "$w.b2.m" "$w.a.m" "$c")))
		hi=$((hi + $(delta "$w.b.m" "$w.a2.m" "$c")))
	done
	echo "$lo $hi"
	[ "$3" -ge "$lo" ] && [ "$3" -le "$hi" ]
}

# overflowed: some CPU produced more records than its ring holds.
overflowed() {
	mmsread stats | awk -v n="$1" '$1 == "cpu" && $4 > n { f = 1 } END { exit !f }'
}

# hog_until_overflow SLOTS: OOM hogs, at most 5, until some CPU has
# produced more than SLOTS records.
hog_until_overflow() {
	local i=0
	while [ $i -lt 5 ] && ! overflowed "$1"; do
		hog_oom
		i=$((i + 1))
	done
}

# Every type whose probe also counts, with its counter.
pairs="direct_reclaim_begin:direct_reclaim direct_reclaim_end:direct_reclaim_end
memcg_reclaim_begin:memcg_reclaim memcg_reclaim_end:memcg_reclaim_end
memcg_softlimit_begin:memcg_softlimit_reclaim
memcg_softlimit_end:memcg_softlimit_reclaim_end
node_reclaim_begin:node_reclaim node_reclaim_end:node_reclaim_end
wakeup_kswapd:wakeup_kswapd kswapd_wake:kswapd_wake kswapd_sleep:kswapd_sleep
lru_isolate:lru_isolate lru_shrink_inactive:lru_shrink_inactive
lru_shrink_active:lru_shrink_active throttled:throttled
compact_try:direct_compact compact_begin:compact_begin compact_end:compact_end
kcompactd_wake:kcompactd_wake oom_victim:oom_mark_victim"
counted_types=$(for p in $pairs; do printf '%s,' "${p%%:*}"; done)
counted_types=${counted_types%,}

# ----------------------------------------------------------------------
mode=$(ls -l "$dev" 2>/dev/null | cut -c1-10)
mmsread config >"$d/config"
cat "$d/config" | sed 's/^/  /'
if [ "$mode" = crw------- ] && grep -q '^abi 0\.2$' "$d/config" &&
   grep -q '^running 1$' "$d/config" &&
   [ "$(val "$d/config" mask)" = "$(val "$d/config" default_mask)" ]; then
	pass stream-device
else
	fail stream-device "mode $mode, config: $(xargs <"$d/config")"
fi

# Recording now: a resize must wait for a stop.
mmsread errors >"$d/errors.running"
rc=$?
sed 's/^/  /' "$d/errors.running"
if [ $rc -eq 0 ] && ! grep -q FAIL "$d/errors.running" &&
   grep -q '^ok resize-while-running' "$d/errors.running"; then
	pass stream-errors-running
else
	fail stream-errors-running "$(grep FAIL "$d/errors.running" | xargs)"
fi

mmsread caps >"$d/caps"
rc=$?
sed 's/^/  /' "$d/caps"
if [ $rc -eq 0 ] && ! grep -q FAIL "$d/caps" && [ "$(grep -c '^ok' "$d/caps")" -eq 2 ]; then
	pass stream-caps
else
	fail stream-caps "$(grep FAIL "$d/caps" | xargs)"
fi

# debugfs opened to everyone (mode 0755): nobody still reads no view.
dmode=$(stat -c %a /sys/kernel/debug)
mount -o remount,mode=0755 /sys/kernel/debug
mmsread privacy "$MMS_DEBUGFS" >"$d/privacy"
rc=$?
mount -o remount,mode="$dmode" /sys/kernel/debug
note "debugfs was mode $dmode; $(head -n 1 "$d/privacy") tried as nobody under mode 0755"
if [ $rc -eq 0 ] && ! grep -q FAIL "$d/privacy" &&
   [ "$(grep -c 'ok unprivileged-open' "$d/privacy")" -gt 10 ]; then
	pass stream-debugfs-private
else
	fail stream-debugfs-private "rc $rc: $(grep FAIL "$d/privacy" | head -n 5 | xargs)"
fi

# ---- cat, as loaded -----------------------------------------------------
mmsread ctl reset
cat "$dev" >"$d/cat.out" &
catpid=$!
protect "$catpid"
dmesg -c >/dev/null
hog_oom
sleep 1		# the readers' wake-up tick
kill "$catpid"
wait "$catpid" 2>/dev/null
mmsread parse "$d/cat.out" >"$d/cat.tally"
victim=$(dmesg | sed -n 's/.*Killed process \([0-9]*\) (hog).*/\1/p' | tail -n 1)
why=
[ "$(val "$d/cat.tally" records)" -gt 0 ] || why="$why no records;"
[ "$(val "$d/cat.tally" bad)" -eq 0 ] || why="$why torn records;"
for t in lru_isolate lru_shrink_inactive lru_shrink_active wakeup_kswapd \
	 compact_try extfrag; do
	[ "$(awk -v t="$t" '$1 == "type" && $2 == t { print $3 }' "$d/cat.tally")" -eq 0 ] ||
		why="$why high-rate $t recorded by default;"
done
grep -q "^type direct_reclaim_begin [1-9]" "$d/cat.tally" || why="$why no direct reclaim;"
grep -q "^type oom_victim 1$" "$d/cat.tally" || why="$why not one oom_victim;"
grep -q "^episode outcome 2 .* oom_victim $victim\$" "$d/cat.tally" ||
	why="$why no episode ending in the OOM kill of $victim;"
grep '^episode\|^records\|^type .* [1-9]' "$d/cat.tally" | sed 's/^/  /'
[ -z "$why" ] && pass stream-cat || fail stream-cat "$why"

# ---- a recovered episode -------------------------------------------------
# ep_quiet NAME: a quiet instant with no event an episode follows for
# 2 s before it (an open episode recovers after 1 s and the tick closes
# it), so that every episode closed before it ended before it: NAME.m,
# NAME.v and NAME.h.  (Other counters may move: kcompactd, slab.)
ep_events() {
	grep -E '^(direct_reclaim|direct_reclaim_end|wakeup_kswapd|kswapd_wake|kswapd_sleep|direct_compact|oom_mark_victim) ' "$1"
}
ep_quiet() {
	local i=0
	while [ $i -lt 10 ]; do
		snap_quiet "$1.0"
		sleep 2
		snap_quiet "$1"
		snap_hists "$1.h"
		[ "$(ep_events "$1.0.m")" = "$(ep_events "$1.m")" ] && return 0
		i=$((i + 1))
	done
	note "ep_quiet: episode events in every 2 s of 10 tries: $(ep_events "$1.0.m" | xargs) -> $(ep_events "$1.m" | xargs)"
	return 1
}
st_tps="vmscan:mm_vmscan_direct_reclaim_begin vmscan:mm_vmscan_direct_reclaim_end
vmscan:mm_vmscan_kswapd_wake vmscan:mm_vmscan_kswapd_sleep
compaction:mm_compaction_begin compaction:mm_compaction_end"
st_types="direct_reclaim_begin direct_reclaim_end kswapd_wake kswapd_sleep
compact_begin compact_end"
if zram_swap $((ram * 2)) stream-episode-recovered; then
	mmsread ctl reset
	tr=
	# shellcheck disable=SC2086
	trace_on 2048 local $st_tps && tr=1
	cat "$dev" >"$d/ep.out" &
	catpid=$!
	protect "$catpid"
	why=
	ep_quiet "$d/ep.b" || why="$why no quiet start;"
	[ -z "$tr" ] || trace_mark "mmscope-times begin"
	# The records before the window: all delivered by now.
	off=$(stat -c %s "$d/ep.out")
	hog $((ram * 3 / 2)) >/dev/null 2>&1 || why="$why hog exit $?;"
	ep_quiet "$d/ep.a" || why="$why no quiet end;"
	[ -z "$tr" ] || trace_mark "mmscope-times end"
	kill "$catpid"
	wait "$catpid" 2>/dev/null
	[ -z "$tr" ] || trace_off "$d/ep.trace"
	zram_swap_off
	tail -c +$((off + 1)) "$d/ep.out" >"$d/ep.win"
	mmsread parse "$d/ep.win" >"$d/ep.tally"
	grep '^episode' "$d/ep.tally" | sed 's/^/  /'
	sumf() { awk -v t="$1" -v f="$2" '$1 == t { for (i = 2; i < NF; i++) if ($i == f) s += $(i + 1) } END { print s + 0 }' "$d/ep.tally"; }
	dv() { delta "$d/ep.b.$1" "$d/ep.a.$1" "$2"; }
	n=$(grep -c '^episode ' "$d/ep.tally")
	[ "$n" -gt 0 ] || why="$why no episode;"
	[ "$(grep '^episode ' "$d/ep.tally" | grep -vc '^episode outcome 1 ')" -eq 0 ] ||
		why="$why an episode that did not recover;"
	[ "$(val "$d/ep.tally" bad)" -eq 0 ] || why="$why torn records;"
	[ "$(dv v oom_kill)" -eq 0 ] || why="$why an OOM kill;"
	as=$(( $(sum_prefix "$d/ep.a.v" allocstall_) - $(sum_prefix "$d/ep.b.v" allocstall_) ))
	for p in "episode stalls $as allocstall_*" \
		 "episode_totals kswapd_wakes $(dv v pageoutrun) pageoutrun" \
		 "episode_totals compact_stalls $(dv v compact_stall) compact_stall" \
		 "episode wakeups $(dv m wakeup_kswapd) wakeup_kswapd" \
		 "episode kswapd_runs $(dv m kswapd_sleep) kswapd_sleep" \
		 "episode_totals direct_stall_ns $(dv h direct_reclaim_sum) direct_reclaim.sum_ns" \
		 "episode_totals kswapd_run_ns $(dv h kswapd_run_sum) kswapd_run.sum_ns"; do
		set -- $p
		km=$(sumf "$1" "$2")
		note "episodes' $2: $km, $4 $3"
		[ "$km" -eq "$3" ] || why="$why $2 $km != $4 $3;"
	done
	[ "$(sumf episode stalls)" -gt 0 ] || why="$why no direct reclaim stall;"
	[ -z "$why" ] && pass stream-episode-recovered || fail stream-episode-recovered "$n episodes:$why"
	if [ -n "$tr" ]; then
		stream_times stream-times "$d/ep" "$st_types"
	else
		fail stream-times "tracefs not writable"
	fi
fi

# ---- mmap -----------------------------------------------------------------
# mmap_why FILE: what is wrong with an "mmsread mmap" run that wrote 1 to
# compact_memory on CPU 0 (nothing if all is right).  The ioctl's counts,
# taken around the trigger, bracket the ring's head (head = produced -
# discarded, per CPU); every record below head was committed when head
# was read (writers run with preemption off, and the reader was on CPU 0);
# a record produced during the scan can reuse the slot of one the scan
# has yet to reach.
mmap_why() {
	awk '{ v[$1] = $2 } END {
		p0 = v["produced_before"]; d0 = v["discarded_before"]
		p1 = v["produced_after"]; d1 = v["discarded_after"]
		h0 = v["head_before"]; h = v["head"]; h2 = v["head_after"]
		n = v["nr_slots"]; vis = v["visible"]
		if (p1 <= p0) printf " nothing produced on CPU 0 (produced %d -> %d);", p0, p1
		if (h <= 0) printf " ring head 0;"
		if (!(p0 - d0 <= h0 && h0 <= h && h <= p1 - d1))
			printf " head %d -> %d outside the stats (%d -> %d);", h0, h, p0 - d0, p1 - d1
		m = h < n ? h : n
		if (vis > m || vis < m - (h2 - h))
			printf " %d records visible of %d (%d produced during the scan);", vis, m, h2 - h
	}' "$1"
}
cm=/proc/sys/vm/compact_memory
if [ -w $cm ]; then
	# From an empty ring: head counts only what follows.
	mmsread ctl reset
	mmsread mmap $cm >"$d/mmap"
	rc=$?
	sed 's/^/  /' "$d/mmap"
	why=$(mmap_why "$d/mmap")
	[ $rc -eq 0 ] || why="mmsread status $rc (layout);$why"
	[ -z "$why" ] && pass stream-mmap || fail stream-mmap "$why"
	# The same run with recording stopped must fail the same check: a
	# ring that shows nothing is no evidence.
	mmsread ctl stop reset
	mmsread mmap $cm >"$d/mmap.stopped"
	mmsread ctl start
	why=$(mmap_why "$d/mmap.stopped")
	note "stopped: $why"
	case $why in
	*"nothing produced"*"ring head 0"*) pass stream-mmap-stopped ;;
	*) fail stream-mmap-stopped "the check accepts a stopped stream: $(xargs <"$d/mmap.stopped")" ;;
	esac
else
	skip stream-mmap "no $cm (kernel without CONFIG_COMPACTION)"
fi

# ---- two readers, exact counts per type ---------------------------------
mmsread ctl stop reset resize 16384 mode discard mask "$counted_types,episode"
window_start counts
follow "$d/r1" -S "$d/r1.seq"
r1=$FOLLOW_PID
follow "$d/r2" -p -S "$d/r2.seq"
r2=$FOLLOW_PID
hog_oom
window_end counts
stop_reader "$r1"
stop_reader "$r2"
mmsread stats >"$d/counts.stats"
why=
got() { awk -v t="$1" '$1 == "type" && $2 == t { s += $3 } END { print s + 0 }' "$d/r1" "$d/r2"; }
for pair in $pairs; do
	t=${pair%%:*}
	c=${pair#*:}
	n=$(got "$t")
	if range=$(in_window counts "$c" "$n"); then
		note "$t: records $n, counter $c moved ${range% *}..${range#* }"
	else
		why="$why $t:$n not in ${range% *}..${range#* };"
	fi
done
kills=$(delta "$d/counts.b.v" "$d/counts.a.v" oom_kill)
[ "$(got oom_victim)" -eq "$kills" ] && [ "$kills" -ge 1 ] ||
	why="$why oom_victim $(got oom_victim) vs /proc/vmstat oom_kill $kills;"
[ "$(got direct_reclaim_begin)" -gt 0 ] || why="$why no direct reclaim recorded;"
recs=$(( $(val "$d/r1" records) + $(val "$d/r2" records) ))
dups=$(cat "$d/r1.seq" "$d/r2.seq" | sort | uniq -d | wc -l)
note "readers: $(val "$d/r1" records) + $(val "$d/r2" records) records, $dups duplicates"
sed 's/^/  /' "$d/counts.stats"
[ "$dups" -eq 0 ] || why="$why $dups records read twice;"
[ "$recs" -eq "$(val "$d/counts.stats" delivered)" ] ||
	why="$why read $recs != delivered $(val "$d/counts.stats" delivered);"
[ "$(val "$d/counts.stats" lost)" -eq 0 ] || why="$why lost $(val "$d/counts.stats" lost);"
[ "$(val "$d/counts.stats" pending)" -eq 0 ] || why="$why pending after drain;"
grep -q '^identity exact$' "$d/counts.stats" || why="$why identity broken;"
[ "$(val "$d/r1" bad)" -eq 0 ] && [ "$(val "$d/r2" bad)" -eq 0 ] || why="$why torn records;"
[ -z "$why" ] && pass stream-counts || fail stream-counts "$why"

# ---- one read() returns at most MMSCOPE_READ_MAX bytes ------------------
# Every type recorded, nobody reading, hogs until at least 1700 records
# are pending (a record is at least 40 bytes: more than 64 KiB), then
# one read() with a 1 MiB buffer: whole records, the cap's worth, no more,
# and records left for the next read.
mmsread ctl stop reset resize 4096 mode discard mask all start
i=0
while [ $i -lt 8 ] && [ "$(mmsread stats | val - pending)" -lt 1700 ]; do
	hog_oom
	i=$((i + 1))
done
mmsread ctl stop
mmsread bigread >"$d/bigread.out"
rc=$?
grep -v '^episode' "$d/bigread.out" >"$d/bigread"
note "bigread after $i hogs: $(xargs <"$d/bigread")"
# Slower guests (arm64 under emulation) may not reach 64 KiB pending in
# 8 hogs: then the read must have taken every pending record, whole.
if [ $rc -eq 0 ] && { [ "$(val "$d/bigread" left)" -gt 0 ] ||
   [ "$(val "$d/bigread" records)" -eq "$(val "$d/bigread" pending)" ]; }; then
	pass stream-read-capped
else
	fail stream-read-capped "rc $rc: $(xargs <"$d/bigread")"
fi
mmsread drain >/dev/null

# ---- slow readers: losses, exact identity -------------------------------
# check_losses NAME READER-OUTPUT: the accounting after a lossy run, of
# every counted type: produced must be what the counters counted.
check_losses() {
	local name=$1 out=$2 s=$d/$1.stats why= p gaps counters= range
	mmsread stats >"$s"
	sed 's/^/  /' "$s"
	for p in $pairs; do
		counters="$counters ${p#*:}"
	done
	gaps=$(awk '$1 == "cpu" { s += $6 } END { print s + 0 }' "$out")
	range=$(in_window "$name" "$counters" "$(val "$s" produced)") ||
		why="$why produced $(val "$s" produced) not in counters' ${range% *}..${range#* };"
	note "$name: counters ${range% *}..${range#* }, reader got $(val "$out" records), seq gaps $gaps"
	grep -q '^identity exact$' "$s" || why="$why identity broken;"
	[ "$(val "$s" delivered)" -eq "$(val "$out" records)" ] ||
		why="$why delivered $(val "$s" delivered) != read $(val "$out" records);"
	[ "$(val "$s" overwritten)" -eq "$gaps" ] ||
		why="$why overwritten $(val "$s" overwritten) != seq gaps $gaps;"
	[ "$(val "$s" lost)" -gt 0 ] || why="$why no loss;"
	[ "$(val "$s" pending)" -eq 0 ] || why="$why pending after drain;"
	[ "$(val "$out" bad)" -eq 0 ] || why="$why torn records;"
	LOSS_WHY=$why
}

# A reader of one record per 0.1 s, stopped outright while the hog runs
# (so that some CPU surely produces more than its 16 slots), reading on
# as the rings keep being overwritten after it resumes.
mmsread ctl reset resize 16 mode overwrite mask "$counted_types"
window_start overwrite
follow "$d/slow" -d 100000 -b 256
slow=$FOLLOW_PID
kill -STOP "$slow"
hog_until_overflow 16
kill -CONT "$slow"
hog_oom
window_end overwrite
stop_reader "$slow"
check_losses overwrite "$d/slow"
[ "$(val "$d/overwrite.stats" discarded)" -eq 0 ] || LOSS_WHY="$LOSS_WHY discards in overwrite mode;"
[ -z "$LOSS_WHY" ] && pass stream-overwrite || fail stream-overwrite "$LOSS_WHY"

mmsread ctl reset mode discard
window_start discard
hog_until_overflow 16
window_end discard
# The ring is full and nobody reads: bad input must change nothing.
mmsread errors >"$d/errors"
rc=$?
sed 's/^/  /' "$d/errors"
if [ $rc -eq 0 ] && ! grep -q FAIL "$d/errors" && grep -q '^ok read-bad-pointer' "$d/errors" &&
   grep -q '^ok resize-while-mapped' "$d/errors"; then
	pass stream-errors
else
	fail stream-errors "$(grep FAIL "$d/errors" | xargs)"
fi
mmsread drain >"$d/late"
check_losses discard "$d/late"
[ "$(val "$d/discard.stats" overwritten)" -eq 0 ] || LOSS_WHY="$LOSS_WHY overwrites in discard mode;"
[ -z "$LOSS_WHY" ] && pass stream-discard || fail stream-discard "$LOSS_WHY"

# ---- poll and a blocked read while the rings are resized -------------------
# The rings are swapped and freed under pollers that take no mutex: the
# old ones go only after an RCU grace period (KASAN on the debug kernel
# would see a freed ring used).
mmsread ctl stop reset mode discard mask default
dmesg -c >/dev/null
mmsread race 300 >"$d/race" 2>&1
rc=$?
note "resize race: $(xargs <"$d/race")"
if [ $rc -eq 0 ] && grep -q '^rounds 300$' "$d/race" &&
   ! dmesg | grep -qi 'BUG:\|KASAN\|Oops\|WARNING:'; then
	pass stream-resize-race
else
	fail stream-resize-race "rc $rc: $(xargs <"$d/race") $(dmesg | grep -i 'BUG:\|KASAN\|Oops\|WARNING:' | head -n 3 | xargs)"
fi
mmsread ctl stop reset resize 4096 mode discard mask default
mmsread drain >/dev/null

# ---- empty and non-blocking -------------------------------------------------
mmsread drain >/dev/null
if mmsread eagain >"$d/eagain"; then
	pass stream-eagain
else
	fail stream-eagain "$(cat "$d/eagain")"
fi

# ---- rmmod while open ---------------------------------------------------
exec 3<"$dev"
if rmmod mmscope 2>"$d/rmmod.err"; then
	fail stream-rmmod-busy "rmmod succeeded with $dev open"
	exec 3<&-
	mms_load
else
	exec 3<&-
	if mmsread config >/dev/null; then
		pass stream-rmmod-busy
	else
		fail stream-rmmod-busy "device unusable after a refused rmmod"
	fi
fi
note "rmmod with the device open: $(cat "$d/rmmod.err")"

# Leave the stream as loaded for the scenarios after this one.
mmsread ctl stop reset resize 4096 mode discard mask default start
