# SPDX-License-Identifier: GPL-2.0
#
# stress: run by run.sh after the scenarios when MMSCOPE_STRESS is "short"
# (make check) or "full" (make check-stress).  Sizes, full / short:
#
#  stress-storm        insmod/rmmod cycles (200 / 3) under reclaim,
#                      compaction and memcg-OOM pressure, while readers hold
#                      /dev/mmscope open, poll it, map it and read every
#                      view; rmmod while a reader holds the device is
#                      refused ("in use") and the module keeps working;
#                      the readers stop before each rmmod, which must then
#                      leave no device, view or module.  No BUG, WARNING,
#                      Oops, lockup, hung task, leak or refcount report.
#  stress-concurrency  mmsread multi (60 s x 4 threads / 10 s x 3) under
#                      pressure: no unexpected errno, no torn record, and
#                      produced = delivered + lost + pending on every CPU,
#                      in every snapshot and at the end.
#  stress-fuzz         mmsread fuzz (1,000,000 / 20,000 operations, with
#                      preads of every view at random offsets and
#                      lengths): every error a documented errno.
#  stress-hotplug      every CPU that can go offline, offlined and onlined
#                      (50 / 5 rounds) under pressure with a slow reader
#                      of 16-slot rings in overwrite mode: after every
#                      change no figure of the counters view went
#                      backwards; at the end every CPU's accounting
#                      holds, records were lost and each loss is counted
#                      (overwritten = the reader's seq gaps).
#  stress-permissions  with debugfs remounted 0755, nobody opens neither
#                      the device nor any view; no view, read as root,
#                      nor mmscope's kernel log, shows a raw kernel address.
#  stress-faults       with /proc/self/fail-nth (fault injection, the debug
#                      kernel), insmod failing at its 1st, 2nd, ... fault
#                      leaves nothing behind; a second insmod while the
#                      device is held fails EEXIST and changes nothing;
#                      a bad parameter leaves nothing behind.
#  stress-*-selftest   each check above fails when it should: a fuzz run
#                      that may not see EFAULT, a fabricated decrease of a
#                      counter, a fabricated raw address.
#
# Figures go on "note" lines beside each result (the console log).
# MMSCOPE_STRESS_CYCLES, MMSCOPE_STRESS_FUZZ and MMSCOPE_STRESS_SEED, in
# the guest's environment, override the cycles, operations and seed.

d=$MMS_TMP/stress
mkdir -p "$d"
dev=/dev/mmscope

case $MMSCOPE_STRESS in
full)
	ST_CYCLES=${MMSCOPE_STRESS_CYCLES:-200}
	ST_MULTI_S=60 ST_MULTI_T=4
	ST_FUZZ=${MMSCOPE_STRESS_FUZZ:-1000000}
	ST_ROUNDS=50
	;;
*)
	# 3 cycles, not 10: a cycle under this pressure takes about 12 s
	# (insmod and rmmod 5 s each) on 2 emulated CPUs.
	ST_CYCLES=${MMSCOPE_STRESS_CYCLES:-3}
	ST_MULTI_S=10 ST_MULTI_T=3
	ST_FUZZ=${MMSCOPE_STRESS_FUZZ:-20000}
	ST_ROUNDS=5
	;;
esac
# A seed per run, printed, so that a failing fuzz can be repeated.
ST_SEED=${MMSCOPE_STRESS_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
[ -n "$ST_SEED" ] || ST_SEED=$(date +%s)
note "stress $MMSCOPE_STRESS: $ST_CYCLES cycles, multi ${ST_MULTI_S} s x $ST_MULTI_T," \
     "fuzz $ST_FUZZ ops (seed $ST_SEED), $ST_ROUNDS hotplug rounds"

# verdict TEST WHY: pass TEST when WHY is empty, else fail it with WHY.
st_verdict() {
	if [ -z "$2" ]; then
		pass "$1"
	else
		fail "$1" "$2"
	fi
}

# in_use ERR: rmmod's message for a module in use (busybox rmmod asks
# with O_NONBLOCK: EWOULDBLOCK).
st_in_use() {
	case $1 in
	*'in use'*|*[Bb]usy*|*'Resource temporarily unavailable'*) return 0 ;;
	esac
	return 1
}

# st_trouble: kernel log lines since the last `dmesg -c` that report a
# bug, warning, lockup, hung task, leak or refcount error.
st_trouble() {
	dmesg | grep -v MMSCOPE-RESULT |
		grep -E 'BUG|WARNING|Oops|lockup|hung_task|blocked for more than|leak|refcount' |
		head -n 3
}

# st_leftovers: what a module that is not loaded must not leave.
st_leftovers() {
	local l=
	[ -e "$dev" ] && l="$l $dev"
	[ -e "$MMS_DEBUGFS" ] && l="$l $MMS_DEBUGFS"
	grep -q '^mmscope ' /proc/modules && l="$l module"
	echo "$l"
}

# ---- background pressure ---------------------------------------------------
# Anonymous hogs into the OOM killer, page cache on the scratch disk, a
# fragmenter, and (with cgroup v2) a hog in a 16 MiB memcg: memcg OOM.
# Each is a loop that ends when $d/stop-pressure exists.
ram=$(mem_total_mib)
ST_PIDS=
st_loop() {
	(echo 1000 >/proc/self/oom_score_adj
	 while [ ! -e "$d/stop-pressure" ]; do
		"$@" >/dev/null 2>&1
		sleep 0.2
	 done) &
	ST_PIDS="$ST_PIDS $!"
}
pressure_start() {
	local cg=/sys/fs/cgroup
	rm -f "$d/stop-pressure"
	ST_PIDS=
	st_loop hog $((ram * 2))
	if [ -n "$MMSCOPE_SCRATCH" ]; then
		# A file as large as RAM, read again and again.
		[ -s "$MMSCOPE_SCRATCH/stress-cache" ] ||
			dd if=/dev/zero of="$MMSCOPE_SCRATCH/stress-cache" bs=1M \
				count="$ram" conv=fsync 2>/dev/null
		st_loop pagecache "$MMSCOPE_SCRATCH/stress-cache" 1
		st_loop fragment "$MMSCOPE_SCRATCH/stress-frag" $((ram / 4)) $((ram / 4)) $((ram / 4))
	fi
	if grep -qw memory "$cg/cgroup.controllers" 2>/dev/null; then
		echo +memory >"$cg/cgroup.subtree_control" 2>/dev/null
		mkdir -p "$cg/mms-stress"
		echo 16M >"$cg/mms-stress/memory.max"
		st_loop sh -c "echo \$\$ >$cg/mms-stress/cgroup.procs && exec hog 64"
	fi
}
pressure_stop() {
	local p
	touch "$d/stop-pressure"
	killall hog pagecache fragment 2>/dev/null
	for p in $ST_PIDS; do
		wait "$p" 2>/dev/null
	done
	ST_PIDS=
	rmdir /sys/fs/cgroup/mms-stress 2>/dev/null
	rm -f "$MMSCOPE_SCRATCH/stress-frag" 2>/dev/null
}

# ---- readers of a loaded module ------------------------------------------------
# readers_start: a poller, a blocked reader, a loop of mappings and a
# loop over every view; readers_stop ends them all and waits.
readers_start() {
	rm -f "$d/stop-readers"
	mmsread follow >/dev/null 2>&1 &
	RD_FOLLOW=$!
	mmsread follow -p >/dev/null 2>&1 &
	RD_POLL=$!
	(while [ ! -e "$d/stop-readers" ]; do
		mmsread mmap >/dev/null 2>&1
		cat $(find "$MMS_DEBUGFS" -type f) >/dev/null 2>&1
	 done) &
	RD_LOOP=$!
	for p in $RD_FOLLOW $RD_POLL $RD_LOOP; do
		echo -1000 >/proc/$p/oom_score_adj 2>/dev/null
	done
}
readers_stop() {
	touch "$d/stop-readers"
	kill -TERM $RD_FOLLOW $RD_POLL 2>/dev/null
	wait $RD_FOLLOW $RD_POLL $RD_LOOP 2>/dev/null
}

# cs: centiseconds since boot.
cs() { awk '{ print int($1 * 100) }' /proc/uptime; }

# ==== storm =====================================================================
st_storm() {
	local i=0 why= err busy=0 t0 ti=0 ts=0 tr=0 c0
	mms_unload
	dmesg -c >/dev/null
	c0=$(cs)
	pressure_start
	note "stress-storm: pressure started in $(( ($(cs) - c0) / 100 )) s"
	t0=$(date +%s)
	while [ $i -lt "$ST_CYCLES" ]; do
		c0=$(cs)
		if ! insmod "$MMS_KO" 2>"$d/insmod.err"; then
			why="cycle $i: insmod: $(cat "$d/insmod.err")"
			break
		fi
		ti=$((ti + $(cs) - c0))
		readers_start
		sleep 0.3
		# Every cycle: rmmod while the readers hold the device.
		if rmmod mmscope 2>"$d/rmmod.err"; then
			why="cycle $i: rmmod succeeded while readers held the device"
			readers_stop
			break
		fi
		err=$(cat "$d/rmmod.err")
		if ! st_in_use "$err"; then
			why="cycle $i: rmmod refused, but not as in use: $err"
			readers_stop
			break
		fi
		busy=$((busy + 1))
		if ! mmsread config >/dev/null 2>&1 || [ ! -r "$MMS_DEBUGFS/counters" ]; then
			why="cycle $i: module unusable after a refused rmmod"
			readers_stop
			break
		fi
		c0=$(cs)
		readers_stop
		ts=$((ts + $(cs) - c0))
		c0=$(cs)
		if ! rmmod mmscope 2>"$d/rmmod.err"; then
			why="cycle $i: rmmod after the readers stopped: $(cat "$d/rmmod.err")"
			break
		fi
		tr=$((tr + $(cs) - c0))
		err=$(st_leftovers)
		if [ -n "$err" ]; then
			why="cycle $i: left behind after rmmod:$err"
			break
		fi
		i=$((i + 1))
	done
	pressure_stop
	note "stress-storm: $i of $ST_CYCLES insmod/rmmod cycles survived in $(( $(date +%s) - t0 )) s," \
	     "$busy rmmods refused as in use while readers held the device;" \
	     "$(dmesg | grep -c 'Killed process') OOM kills in the kernel log;" \
	     "insmod $((ti / 100)) s, stopping readers $((ts / 100)) s, rmmod $((tr / 100)) s in all"
	[ -n "$why" ] || why=$(st_trouble)
	[ -n "$why" ] || why=$(st_leftovers | sed 's/^./left behind: &/')
	if [ -z "$why" ] && [ -e /sys/kernel/debug/kmemleak ]; then
		echo scan >/sys/kernel/debug/kmemleak
		sleep 6
		echo scan >/sys/kernel/debug/kmemleak
		grep -q '^unreferenced object' /sys/kernel/debug/kmemleak &&
			why="kmemleak: $(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak) unreferenced objects"
	fi
	st_verdict stress-storm "$why"
	mms_unload
}

# ==== concurrency ===============================================================
st_concurrency() {
	local why=
	mms_load || { fail stress-concurrency "insmod failed"; return; }
	dmesg -c >/dev/null
	pressure_start
	mmsread multi "$ST_MULTI_S" "$ST_MULTI_T" "$ST_SEED" >"$d/multi" 2>&1
	rc=$?
	pressure_stop
	mmsread ctl stop
	mmsread stats >"$d/multi.stats"
	note "stress-concurrency: $ST_MULTI_S s x $ST_MULTI_T threads: $(grep '^op \|^records_read\|^unexpected\|^identity' "$d/multi" | xargs)"
	sed 's/^/  /' "$d/multi.stats"
	[ $rc -eq 0 ] || why="mmsread multi: status $rc: $(grep 'unexpected\|bad\|broken\|mmsread:' "$d/multi" | head -n 5 | xargs);"
	grep -q '^unexpected 0$' "$d/multi" || why="$why unexpected errnos;"
	grep -q '^identity exact$' "$d/multi.stats" || why="$why identity broken at the end;"
	[ "$(val "$d/multi" records_read)" -gt 0 ] 2>/dev/null || why="$why no record read;"
	why="$why$(st_trouble)"
	st_verdict stress-concurrency "$why"
	mmsread ctl stop reset resize 4096 mode discard mask default start
}

# ==== fuzz ======================================================================
st_fuzz() {
	local why= rc t0
	mms_load || { fail stress-fuzz "insmod failed"; return; }
	dmesg -c >/dev/null
	# Records to read: a hog into the OOM killer, over and over.
	pressure_start
	t0=$(date +%s)
	mmsread fuzz "$ST_FUZZ" "$ST_SEED" "$MMS_DEBUGFS" >"$d/fuzz" 2>&1
	rc=$?
	pressure_stop
	sed 's/^/  /' "$d/fuzz"
	note "stress-fuzz: $ST_FUZZ operations in $(( $(date +%s) - t0 )) s, seed $ST_SEED," \
	     "$(grep '^unexpected' "$d/fuzz")"
	[ $rc -eq 0 ] || why="status $rc (repeat: mmsread fuzz $ST_FUZZ $ST_SEED $MMS_DEBUGFS): $(grep '^unexpected op' "$d/fuzz" | head -n 3 | xargs);"
	grep -q '^unexpected 0$' "$d/fuzz" || why="$why unexpected errnos;"
	[ "$(val "$d/fuzz" operations)" = "$ST_FUZZ" ] || why="$why did not finish;"
	mmsread stats >"$d/fuzz.stats" 2>&1
	grep -q '^identity exact$' "$d/fuzz.stats" || why="$why identity broken;"
	why="$why$(st_trouble)"
	st_verdict stress-fuzz "$why"

	# The fuzzer can fail: forbidden EFAULT, which bad pointers get.
	MMSCOPE_FUZZ_DROP=14 mmsread fuzz 2000 "$ST_SEED" >"$d/fuzz.self" 2>&1
	rc=$?
	note "stress-fuzz-selftest: with EFAULT forbidden: status $rc, $(grep '^unexpected [0-9]' "$d/fuzz.self")"
	if [ $rc -ne 0 ] && ! grep -q '^unexpected 0$' "$d/fuzz.self"; then
		pass stress-fuzz-selftest
	else
		fail stress-fuzz-selftest "a fuzz run that may not see EFAULT passed"
	fi
	mmsread ctl stop reset resize 4096 mode discard mask default start
}

# ==== hotplug ===================================================================
# mono_check BEFORE AFTER: the names of counters that went backwards.
mono_check() {
	awk 'NR == FNR { if ($2 ~ /^[0-9]+$/) b[$1] = $2; next }
	     ($1 in b) && $2 ~ /^[0-9]+$/ && $2 + 0 < b[$1] + 0 { printf " %s:%s<%s", $1, $2, b[$1] }' \
		"$1" "$2"
}

# hp_set CPU 0|1 WORD: take CPU offline or online, then no counter may
# be below the last reading ($prev); on failure sets why.
hp_set() {
	if ! echo "$2" >/sys/devices/system/cpu/cpu$1/online; then
		why="round $r: cpu$1 would not go $3;"
		return 1
	fi
	cat "$MMS_DEBUGFS/counters" >"$cur"
	back=$(mono_check "$prev" "$cur")
	if [ -n "$back" ]; then
		why="round $r, cpu$1 $3: went backwards:$back;"
		return 1
	fi
	mv "$cur" "$prev"
}

st_hotplug() {
	local cpus= c n why= r=0 prev=$d/hp.prev cur=$d/hp.cur back t0 gaps reader
	for c in /sys/devices/system/cpu/cpu[0-9]*; do
		[ -e "$c/online" ] && cpus="$cpus ${c##*/cpu}"
	done
	n=$(grep -c '^processor' /proc/cpuinfo)
	if [ -z "$cpus" ]; then
		if [ ! -e /sys/devices/system/cpu/cpu0 ] || [ "$n" -lt 2 ]; then
			absent stress-hotplug "the guest has $n CPU: boot it with --smp 2"
		else
			skip stress-hotplug "no CPU can go offline (CONFIG_HOTPLUG_CPU not set in this kernel)"
		fi
		return
	fi
	# The monotonic check must see a fabricated decrease.
	mms_load || { fail stress-hotplug "insmod failed"; return; }
	cat "$MMS_DEBUGFS/counters" >"$prev"
	awk '$2 ~ /^[0-9]+$/ && $2 > 0 && !done { $2 = $2 - 1; done = 1 } 1' "$prev" >"$cur"
	back=$(mono_check "$prev" "$cur")
	note "stress-hotplug-selftest: a counter decreased by one is seen as:$back"
	[ -n "$back" ] && pass stress-hotplug-selftest ||
		fail stress-hotplug-selftest "a fabricated decrease went unseen"

	dmesg -c >/dev/null
	mmsread ctl stop reset resize 16 mode overwrite mask default start
	mmsread follow -d 20000 -b 256 >"$d/hp.reader" 2>&1 &
	reader=$!
	echo -1000 >/proc/$reader/oom_score_adj
	pressure_start
	t0=$(date +%s)
	cat "$MMS_DEBUGFS/counters" >"$prev"
	while [ $r -lt "$ST_ROUNDS" ] && [ -z "$why" ]; do
		for c in $cpus; do
			# Every view read while the CPU is offline, too.
			hp_set "$c" 0 offline || break
			cat $(find "$MMS_DEBUGFS" -type f) >/dev/null 2>&1
			hp_set "$c" 1 online || break
		done
		r=$((r + 1))
	done
	pressure_stop
	for c in $cpus; do
		echo 1 >/sys/devices/system/cpu/cpu$c/online 2>/dev/null
	done
	mmsread ctl stop
	kill -TERM $reader
	wait $reader
	mmsread stats >"$d/hp.stats"
	sed 's/^/  /' "$d/hp.stats"
	gaps=$(awk '$1 == "cpu" { s += $6 } END { print s + 0 }' "$d/hp.reader")
	note "stress-hotplug: $r of $ST_ROUNDS rounds over CPUs$cpus in $(( $(date +%s) - t0 )) s;" \
	     "produced $(val "$d/hp.stats" produced), delivered $(val "$d/hp.stats" delivered)," \
	     "lost $(val "$d/hp.stats" lost) (overwritten $(val "$d/hp.stats" overwritten), reader's seq gaps $gaps)," \
	     "pending $(val "$d/hp.stats" pending)"
	grep -q '^identity exact$' "$d/hp.stats" || why="$why produced != delivered + lost + pending;"
	[ "$(val "$d/hp.stats" overwritten)" = "$gaps" ] ||
		why="$why overwritten $(val "$d/hp.stats" overwritten) != the reader's seq gaps $gaps;"
	[ "$(val "$d/hp.stats" lost)" -gt 0 ] || why="$why no loss to account for;"
	[ "$(val "$d/hp.stats" pending)" -eq 0 ] || why="$why pending after the drain;"
	[ "$(val "$d/hp.reader" bad)" = 0 ] || why="$why torn records;"
	why="$why$(st_trouble)"
	st_verdict stress-hotplug "$why"
	mmsread ctl stop reset resize 4096 mode discard mask default start
}

# ==== permissions ===============================================================
# raw_addrs FILE...: lines that show what looks like a kernel address:
# ffff followed by 12 hex digits, or 0x and 12 or more hex digits.
raw_addrs() {
	grep -HiE '(^|[^0-9a-z])(0x)?ffff[0-9a-f]{12}([^0-9a-z]|$)|0x[0-9a-f]{12,}' "$@" | head -n 3
}

st_permissions() {
	local why= f n dmode out
	mms_load || { fail stress-permissions "insmod failed"; return; }
	# As nobody (setuid(65534) in mmsread: busybox su would need NSS,
	# which a static busybox lacks): the device, and every view with
	# debugfs opened to everyone.
	mmsread caps >"$d/perm.caps" 2>&1 || why="$why $(grep FAIL "$d/perm.caps" | xargs);"
	dmode=$(stat -c %a /sys/kernel/debug)
	mount -o remount,mode=0755 /sys/kernel/debug
	mmsread privacy "$MMS_DEBUGFS" >"$d/perm.views" 2>&1 ||
		why="$why $(grep FAIL "$d/perm.views" | head -n 5 | xargs);"
	mount -o remount,mode="$dmode" /sys/kernel/debug
	n=$(grep -c 'ok unprivileged-open' "$d/perm.views")
	[ "$n" -eq "$(find "$MMS_DEBUGFS" -type f | wc -l)" ] ||
		why="$why $n views refused of $(find "$MMS_DEBUGFS" -type f | wc -l);"
	# Every view, read by root: no raw kernel address; nor in the log.
	mkdir -p "$d/views"
	for f in $(find "$MMS_DEBUGFS" -type f); do
		cat "$f" >"$d/views/$(echo "${f#"$MMS_DEBUGFS"/}" | tr / _)" 2>/dev/null
	done
	dmesg | grep -i mmscope | grep -v MMSCOPE-RESULT >"$d/views/dmesg"
	out=$(raw_addrs "$d"/views/*)
	[ -z "$out" ] || why="$why raw kernel addresses: $out;"
	note "stress-permissions: nobody refused $dev ($(grep '^ok open-as-nobody' "$d/perm.caps"))" \
	     "and $n views under debugfs mode 0755 (EACCES);" \
	     "$(ls "$d/views" | wc -l) outputs read as root, no raw address"
	st_verdict stress-permissions "$why"
	# The address check sees one.
	echo "shrinker ffff888003a1c000 count 3" >"$d/fabricated"
	if [ -n "$(raw_addrs "$d/fabricated")" ]; then
		pass stress-permissions-selftest
	else
		fail stress-permissions-selftest "a fabricated raw address went unseen"
	fi
}

# ==== faults ====================================================================
st_faults() {
	local why= n=1 out refs refs2 injected=0
	# A second insmod while loaded and the device held: EEXIST, nothing
	# changes; a bad parameter then leaves nothing behind.
	mms_load || { fail stress-faults "insmod failed"; return; }
	exec 3<"$dev"
	refs=$(cat /sys/module/mmscope/refcnt)
	mmsread config >"$d/config.before"
	for p in oom_records=0 stream_slots=3 ""; do
		if insmod "$MMS_KO" $p 2>"$d/insmod2.err"; then
			why="$why a second insmod ($p) succeeded;"
		elif ! grep -q 'exists' "$d/insmod2.err"; then
			why="$why second insmod ($p): $(cat "$d/insmod2.err"), not EEXIST;"
		fi
	done
	refs2=$(cat /sys/module/mmscope/refcnt)
	mmsread config >"$d/config.after"
	[ "$refs" = "$refs2" ] || why="$why refcnt $refs -> $refs2;"
	cmp -s "$d/config.before" "$d/config.after" || why="$why configuration changed;"
	exec 3<&-
	mms_unload
	if insmod "$MMS_KO" oom_records=0 2>/dev/null; then
		why="$why insmod oom_records=0 succeeded;"
		mms_unload
	fi
	out=$(st_leftovers)
	[ -z "$out" ] || why="$why a failed load left:$out;"
	st_verdict stress-faults-params "$why"

	if [ ! -e /proc/self/fail-nth ]; then
		skip stress-faults "CONFIG_FAULT_INJECTION not set in this kernel (no /proc/self/fail-nth)"
		return
	fi
	why=
	dmesg -c >/dev/null
	# insmod with its n-th fault-capable call failing, n = 1, 2, ...,
	# until a load injects nothing.
	while [ $n -lt 5000 ]; do
		out=$(mmsread failnth "$n" "$MMS_KO")
		case $out in
		*'injected 0'*)
			mms_unload
			break ;;
		esac
		injected=$((injected + 1))
		if grep -q '^mmscope ' /proc/modules; then
			# The failure was absorbed: a working module.
			mmsread config >/dev/null 2>&1 || why="$why n=$n: loaded but unusable;"
			mms_unload || why="$why n=$n: rmmod failed;"
		else
			l=$(st_leftovers)
			[ -z "$l" ] || { why="$why n=$n ($out): left$l;"; break; }
		fi
		n=$((n + 1))
	done
	note "stress-faults: $injected loads with an injected fault (n = 1 .. $((n - 1))), then a clean load"
	why="$why$(st_trouble)"
	st_verdict stress-faults "$why"
}

st_storm
st_concurrency
st_fuzz
st_hotplug
st_permissions
st_faults
mms_unload
rm -f "$MMSCOPE_SCRATCH/stress-cache" 2>/dev/null
