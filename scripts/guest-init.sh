#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of mmscope's test initramfs (built by scripts/mkinitramfs.sh).
#
# Protocol, read from the serial console by scripts/vm.sh and results.sh:
#   MMSCOPE-GUEST-START target=<name> kernel=<uname -r>
#   MMSCOPE-RESULT PASS <test>
#   MMSCOPE-RESULT FAIL <test> <why>
#   MMSCOPE-RESULT SKIP <test> <why>
#   MMSCOPE-GUEST-END
# then sync and power off.
#
# /mmscope/tests/run.sh runs in /mmscope with stdin from /dev/null and
# these variables exported:
#   MMSCOPE_TARGET     target name, e.g. debian-6.12-arm64, with -BOOT
#                      after it for MMSCOPE_BOOT=BOOT (debian-6.12-arm64-numa2)
#   MMSCOPE_ARCH       amd64 or arm64
#   MMSCOPE_MODULE     /mmscope/mmscope.ko, or empty if the image has none
#   MMSCOPE_SCRATCH    /scratch if a disk labelled mmscope-scratch was
#                      attached and mounted there, else empty
#   MMSCOPE_SCENARIOS  space-separated list from the kernel command line
#                      (MMSCOPE_SCENARIOS=a,b), empty for "all"
#   PATH               starts with /mmscope/bin (hog, pagecache, dirty)
# Its stdout and stderr reach the console through a relay that sends every
# line holding "MMSCOPE-RESULT" to /dev/kmsg: printk writes each record to
# the console whole, so kernel messages cannot split a result line, as they
# can split ordinary tty output.  Other lines go to the console as they are,
# through the tty, which drains later: in the log they may come a few lines
# after result lines printed after them.  Result lines are thus also in
# dmesg (as "MMSCOPE-RESULT ..."), other output is not.
# A nonzero exit status of run.sh is reported as a FAIL of test "run.sh";
# processes it leaves behind are killed, and listed, before the end marker.
# Kernel WARNINGs, BUGs, Oopses, lockups, stalls and hung tasks, from boot to
# the end, are reported as a FAIL of test "kernel-log" (found by kwatch on
# /dev/kmsg, whatever the console loglevel), unless the kernel command line
# has MMSCOPE_KERNEL_CHECK=0 (vm.sh --env MMSCOPE_KERNEL_CHECK=0).

/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/mmscope/bin:/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root

mount -t devtmpfs devtmpfs /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1

mnt() {
	mkdir -p "$3"
	mount -t "$1" "$2" "$3" || echo "init: cannot mount $1 on $3"
}
mnt proc proc /proc
mnt sysfs sysfs /sys
mnt debugfs debugfs /sys/kernel/debug
mnt tracefs tracefs /sys/kernel/tracing
mnt cgroup2 cgroup2 /sys/fs/cgroup
mnt tmpfs tmpfs /tmp
mnt tmpfs tmpfs /dev/shm

# Userspace writes to /dev/kmsg are rate-limited by default.
echo on >/proc/sys/kernel/printk_devkmsg

# say LINE: print LINE on the console as one printk record.  Level 0
# (emerg), because only that passes every console loglevel a test may set:
# `dmesg -n 1` and `dmesg -D` still show it.  If /dev/kmsg fails, use the
# tty, on a line of its own.
say() {
	echo "<0>$*" 2>/dev/null >/dev/kmsg || printf '\n%s\n' "$*"
}

while read -r ko; do
	case $ko in
	''|'#'*) continue ;;
	esac
	# Failures are not fatal: crc32c-intel, say, needs SSE4.2.
	err=$(insmod "$ko" 2>&1) || echo "init: insmod ${ko##*/} failed (ignored): $err"
done </mmscope/kmods.list

. /mmscope/env
# MMSCOPE_BOOT (kernel command line): a second boot of the same target
# with another machine (numa2: two NUMA nodes) names its results apart.
MMSCOPE_TARGET=$MMSCOPE_TARGET${MMSCOPE_BOOT:+-$MMSCOPE_BOOT}
MMSCOPE_MODULE=
[ -f /mmscope/mmscope.ko ] && MMSCOPE_MODULE=/mmscope/mmscope.ko
MMSCOPE_SCRATCH=
dev=$(findfs LABEL=mmscope-scratch 2>/dev/null) &&
	mkdir -p /scratch && mount -t ext4 "$dev" /scratch && MMSCOPE_SCRATCH=/scratch
# The kernel hands unknown NAME=VALUE parameters to init's environment.
MMSCOPE_SCENARIOS=$(echo "${MMSCOPE_SCENARIOS:-}" | tr , ' ')
export MMSCOPE_TARGET MMSCOPE_ARCH MMSCOPE_MODULE MMSCOPE_SCRATCH MMSCOPE_SCENARIOS
export MMSCOPE_BOOT=${MMSCOPE_BOOT:-}

# relay: copy run.sh's output to the console, result lines via printk.
# It must outlive any OOM kill: it is small, but so may be a victim.
relay() {
	echo -1000 >/proc/self/oom_score_adj
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		*MMSCOPE-GUEST-*)
			echo "init: (a line of run.sh holding a guest marker was dropped)" ;;
		*MMSCOPE-RESULT*)
			say "MMSCOPE-RESULT${line#*MMSCOPE-RESULT}" ;;
		*MMSCOPE-SCENARIO-END*)
			say "MMSCOPE-SCENARIO-END${line#*MMSCOPE-SCENARIO-END}" ;;
		*)
			echo "$line" ;;
		esac
	done
}

# Kernel trouble (WARNING, BUG, Oops, ...) fails the run even when no test
# looked for it and the console loglevel hid it: kwatch follows /dev/kmsg.
ktrouble=/tmp/.mmscope-kernel-trouble
kpid=
if command -v kwatch >/dev/null; then
	: >$ktrouble
	kwatch $ktrouble &
	kpid=$!
	echo -1000 >/proc/$kpid/oom_score_adj
else
	echo "init: no kwatch in /mmscope/bin: the kernel log is not checked"
fi

say "MMSCOPE-GUEST-START target=$MMSCOPE_TARGET kernel=$(uname -r)"
cd /mmscope || say "init: no /mmscope"
if [ -f /mmscope/tests/run.sh ]; then
	fifo=/tmp/.mmscope-relay
	mkfifo $fifo
	relay <$fifo &
	rpid=$!
	# In the foreground, as a shell's child (a background one would
	# ignore SIGINT), with its pid kept: a SIGKILL is most often the OOM
	# killer's, and then the kernel's line names it.
	sh -c 'echo $$ >/tmp/.mmscope-run.pid; exec sh /mmscope/tests/run.sh' \
		>$fifo 2>&1 </dev/null
	rc=$?
	why=
	[ $rc -ne 137 ] || why=$(dmesg | grep -m 1 "Killed process $(cat /tmp/.mmscope-run.pid) (" |
		sed 's/^\[[^]]*\] */: /')
	# Processes run.sh left behind would hold the relay open for ever.
	left=
	for d in /proc/[0-9]*; do
		p=${d#/proc/}
		[ "$p" = 1 ] || [ "$p" = "$rpid" ] || [ "$p" = "$kpid" ] && continue
		cmd=
		read -r cmd <"$d/cmdline" 2>/dev/null	# empty for kernel threads
		[ -n "$cmd" ] || continue
		cmd=$(tr '\0' ' ' <"$d/cmdline")
		kill -9 "$p" 2>/dev/null && left="$left $p(${cmd% })"
	done
	[ -z "$left" ] || echo "init: killed processes left by run.sh:$left"
	wait $rpid
	[ $rc -eq 0 ] || say "MMSCOPE-RESULT FAIL run.sh exited with status $rc$why"
else
	say "MMSCOPE-RESULT FAIL run.sh /mmscope/tests/run.sh is missing"
fi
if [ -n "$kpid" ]; then
	kill -TERM $kpid
	wait $kpid
	grep '^kwatch:' $ktrouble && echo "init: the kernel log check may have missed reports"
	n=$(grep -vc '^kwatch:' $ktrouble)
	if [ "$n" -gt 0 ]; then
		echo "init: the kernel reported trouble:"
		grep -v '^kwatch:' $ktrouble | head -n 20
		first=$(grep -v '^kwatch:' $ktrouble | head -n 1)
		if [ "${MMSCOPE_KERNEL_CHECK:-1}" = 0 ]; then
			echo "init: MMSCOPE_KERNEL_CHECK=0: not counted as a failure"
		else
			say "MMSCOPE-RESULT FAIL kernel-log $n report(s), first: ${first#*] }"
		fi
	fi
fi
say "MMSCOPE-GUEST-END"
sync
# Without ACPI (the KUnit kernels), x86 cannot power off and halts; a
# reboot ends QEMU as well, since vm.sh runs it with -no-reboot.
if [ "$(uname -m)" = x86_64 ] && [ ! -d /sys/firmware/acpi ]; then
	reboot -f
fi
poweroff -f
# Not reached unless poweroff failed: the panic of a dying init ends
# the VM as well, since vm.sh boots with panic=-1 and -no-reboot.
sleep 5
echo o >/proc/sysrq-trigger
