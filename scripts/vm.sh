#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm.sh TARGET --initrd FILE [options]: boot TARGET's kernel with an
# initramfs from scripts/mkinitramfs.sh in QEMU (software emulation only),
# keep the whole serial console in a log, and judge the run by the markers
# that the guest's /init prints (see scripts/guest-init.sh):
#
#   pass     the guest printed MMSCOPE-GUEST-END and no MMSCOPE-RESULT FAIL
#   fail     a FAIL line, or no end marker: the guest died (panic, QEMU
#            exited) or hung (timeout).  The console's tail is printed.
#
# A guest that dies or hangs before MMSCOPE-GUEST-START (that is, before any
# test ran) is retried once, loudly; never after tests started.
#
# Exit status: 0 on pass, 1 on fail, 2 on bad usage.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat >&2 <<EOF
usage: vm.sh TARGET --initrd FILE [options]
  --initrd FILE         initramfs (scripts/mkinitramfs.sh)
  --timeout SECONDS     whole run, boot included (default 600)
  --boot-timeout SECS   until MMSCOPE-GUEST-START (default 180)
  --log FILE            serial console log (default build/TARGET/vm.log)
  --mem SIZE            guest RAM, QEMU syntax (default 512M)
  --smp N               guest CPUs (default 2)
  --numa N              N NUMA nodes: RAM split evenly, CPU i on node
                        i % N (distances QEMU's defaults: 10 local, 20)
  --disk IMG            attach IMG read-write as the next virtio disk
                        (/dev/vda, /dev/vdb, ...); repeatable
  --disk-ro IMG         the same, read-only
  --env NAME=VALUE      put NAME=VALUE in the guest's environment (via the
                        kernel command line: no spaces); repeatable
  --append ARGS         more kernel command line arguments
  --cpu MODEL           QEMU CPU model (default: max on amd64,
                        cortex-a57 on arm64, cortex-a76 for a 16k-page
                        arm64 kernel)
  --qemu-arg ARG        one more QEMU argument, as is; repeatable
  -v, --verbose         also stream the console to stdout
targets: $(target_names | xargs)
EOF
	exit 2
}

[ $# -ge 1 ] || usage
case $1 in -*) usage ;; esac
TARGET=$1
shift
INITRD=
TIMEOUT=600
BOOT_TIMEOUT=180
LOG=
MEM=512M
SMP=2
NUMA=1
DISKS=()
APPEND=()
CPU=
EXTRA=()
VERBOSE=0
while [ $# -gt 0 ]; do
	case $1 in
	-v|--verbose)	VERBOSE=1; shift; continue ;;
	-h|--help)	usage ;;
	esac
	[ $# -ge 2 ] || usage
	case $1 in
	--initrd)	INITRD=$2 ;;
	--timeout)	TIMEOUT=$2 ;;
	--boot-timeout)	BOOT_TIMEOUT=$2 ;;
	--log)		LOG=$2 ;;
	--mem)		MEM=$2 ;;
	--smp)		SMP=$2 ;;
	--numa)		NUMA=$2 ;;
	--disk)		DISKS+=("rw:$2") ;;
	--disk-ro)	DISKS+=("ro:$2") ;;
	--env)
		[[ $2 =~ ^[A-Za-z_][A-Za-z0-9_]*=[^[:space:]\"]*$ ]] ||
			die "--env $2: want NAME=VALUE, with no spaces or quotes"
		APPEND+=("$2") ;;
	--append)	APPEND+=("$2") ;;
	--cpu)		CPU=$2 ;;
	--qemu-arg)	EXTRA+=("$2") ;;
	*)		usage ;;
	esac
	shift 2
done

target_load "$TARGET"
[ -n "$INITRD" ] || usage
[ -f "$INITRD" ] || die "--initrd $INITRD: no such file"
[ -f "$T_DIR/vmlinuz" ] || die "$T_NAME is not fetched: scripts/fetch-target.sh $T_NAME"
[[ $TIMEOUT =~ ^[0-9]+$ && $BOOT_TIMEOUT =~ ^[0-9]+$ ]] || die "timeouts are whole seconds"
[ "$BOOT_TIMEOUT" -le "$TIMEOUT" ] || BOOT_TIMEOUT=$TIMEOUT
LOG=${LOG:-$MMSCOPE_TOP/build/$T_NAME/vm.log}
mkdir -p "$(dirname "$LOG")"

# QEMU splits option values at commas; a literal comma is doubled.
qesc() {
	echo "${1//,/,,}"
}

if [ "$NUMA" != 1 ]; then
	[[ $NUMA =~ ^[2-8]$ ]] || die "--numa $NUMA: 2 to 8 nodes"
	[[ $MEM =~ ^[0-9]+M$ ]] || die "--numa wants --mem in MiB (NNNM), not $MEM"
	[ "$SMP" -ge "$NUMA" ] || die "--numa $NUMA: wants at least as many CPUs (--smp $SMP)"
	per=$(( ${MEM%M} / NUMA ))
	MEM=$((per * NUMA))M
	# A socket per CPU: CPUs of one socket on two nodes make the x86
	# scheduler warn (topology_sane(): "llc-sibling ... not on the same
	# node").
	SMP="$SMP,sockets=$SMP,cores=1,threads=1"
fi

# Both reach /init in 2-3 s of guest time under TCG.  amd64: -cpu max has
# SSE4.2 (crc32c-intel loads) but 5-level paging is turned off, as it is on
# nearly all real machines.  Single-threaded TCG: multi-threaded TCG was
# seen to break while the kernel patches its own text (static keys, which
# every tracepoint enable and module load flips).
case $T_ARCH in
amd64)
	QEMU_ARGS=(-M q35 -cpu "${CPU:-max,la57=off}")
	CONSOLE=ttyS0
	;;
arm64)
	# A 16k-page kernel needs the 16K translation granule, which the
	# Cortex-A57 lacks (the kernel stops before its first line): the
	# Cortex-A76 has all three.
	case $T_FLAVOUR in
	*16k*)	QEMU_ARGS=(-M virt -cpu "${CPU:-cortex-a76}") ;;
	*)	QEMU_ARGS=(-M virt -cpu "${CPU:-cortex-a57}") ;;
	esac
	CONSOLE=ttyAMA0
	;;
esac
QEMU_ARGS+=(-accel tcg,thread=single -m "$MEM" -smp "$SMP"
	    -nodefaults -no-user-config -display none -no-reboot
	    -kernel "$T_DIR/vmlinuz" -initrd "$INITRD"
	    -chardev "file,id=con,path=$(qesc "$LOG"),append=on" -serial chardev:con)
# NUMA: one RAM backend per node (QEMU 7.2 no longer takes "mem=" for
# current machine types), CPUs dealt out round-robin.
if [ "$NUMA" != 1 ]; then
	for ((i = 0; i < NUMA; i++)); do
		cpus=()
		for ((c = i; c < ${SMP%%,*}; c += NUMA)); do cpus+=("cpus=$c"); done
		QEMU_ARGS+=(-object "memory-backend-ram,id=ram$i,size=${per}M"
			    -numa "node,nodeid=$i,$(IFS=,; echo "${cpus[*]}"),memdev=ram$i")
	done
fi
n=0
for d in "${DISKS[@]}"; do
	img=${d#*:}
	[ -f "$img" ] || die "disk $img: no such file"
	ro=
	[ "${d%%:*}" = ro ] && ro=,readonly=on
	QEMU_ARGS+=(-drive "file=$(qesc "$img"),format=raw,if=none,id=disk$n$ro"
		    -device "virtio-blk-pci,drive=disk$n")
	n=$((n + 1))
done
# panic=-1: a panic reboots at once, and -no-reboot turns that into QEMU's
# exit.  loglevel=5 keeps warnings, errors and oopses on the console and
# leaves out the chatter.
CMDLINE="console=$CONSOLE panic=-1 loglevel=5${APPEND[*]:+ ${APPEND[*]}}"
QEMU_ARGS+=(-append "$CMDLINE" "${EXTRA[@]}")

# Times are kept in microseconds: $EPOCHREALTIME without its point.
usecs() {
	echo $(( ${EPOCHREALTIME/[.,]/} - $1 ))
}
secs() {
	printf '%d.%d' $(($1 / 1000000)) $(($1 / 100000 % 10))
}

QPID=
TAILPID=
cleanup() {
	[ -z "$TAILPID" ] || kill "$TAILPID" 2>/dev/null || true
	[ -z "$QPID" ] || kill -9 "$QPID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'echo "vm: $T_NAME: interrupted: QEMU stopped"; exit 130' INT TERM

# stop_qemu: ask QEMU to quit, then insist.
stop_qemu() {
	local _
	kill -TERM "$QPID" 2>/dev/null || return 0
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$QPID" 2>/dev/null || return 0
		sleep 0.5
	done
	kill -KILL "$QPID" 2>/dev/null || true
}

has() {
	grep -aq -- "$1" "$LOG" 2>/dev/null
}

# shquote ARG...: the arguments as one shell-readable line.
shquote() {
	local a out=()
	for a in "$@"; do
		[[ $a =~ ^[A-Za-z0-9_,./:=+@%-]+$ ]] || a="'${a//\'/\'\\\'\'}'"
		out+=("$a")
	done
	echo "${out[*]}"
}

# boot_once: one QEMU run.  Sets STARTED, ENDED, HOW (why it stopped) and
# the times T_START, T_END, T_EXIT in microseconds since QEMU was started.
boot_once() {
	local t0 el
	STARTED=0 ENDED=0 HOW='' T_START=0 T_END=0 T_EXIT=0
	# A header makes the log self-describing (results.sh reads the target
	# from it); QEMU's own messages are appended to the same file.
	{
		echo "MMSCOPE-VM target=$T_NAME kernel=$T_KREL attempt=$1"
		echo "MMSCOPE-VM qemu: $T_QEMU $(shquote "${QEMU_ARGS[@]}")"
	} >"$LOG"
	if [ $VERBOSE = 1 ]; then
		tail -n +1 -F "$LOG" 2>/dev/null &
		TAILPID=$!
	fi
	t0=${EPOCHREALTIME/[.,]/}
	"$T_QEMU" "${QEMU_ARGS[@]}" </dev/null >>"$LOG" 2>&1 &
	QPID=$!
	while kill -0 "$QPID" 2>/dev/null; do
		sleep 0.5
		el=$(( ${EPOCHREALTIME/[.,]/} - t0 ))
		if [ $STARTED = 0 ] && has MMSCOPE-GUEST-START; then
			STARTED=1 T_START=$el
		fi
		if [ $STARTED = 1 ] && [ $ENDED = 0 ] && has MMSCOPE-GUEST-END; then
			ENDED=1 T_END=$el
		fi
		if [ $ENDED = 1 ]; then
			# poweroff is immediate; do not wait long for a stuck one.
			if [ $((el - T_END)) -gt 30000000 ]; then
				HOW="QEMU still running 30 s after the end marker: killed"
				stop_qemu
			fi
		elif [ $STARTED = 0 ] && [ $el -ge $((BOOT_TIMEOUT * 1000000)) ]; then
			HOW="hung: no MMSCOPE-GUEST-START within $BOOT_TIMEOUT s"
			stop_qemu
		elif [ $el -ge $((TIMEOUT * 1000000)) ]; then
			HOW="hung: no MMSCOPE-GUEST-END within $TIMEOUT s"
			stop_qemu
		fi
	done
	local rc=0
	wait "$QPID" || rc=$?
	QPID=
	T_EXIT=$(usecs "$t0")
	# Catch markers printed in the last half second.
	[ $STARTED = 1 ] || ! has MMSCOPE-GUEST-START || STARTED=1
	[ $ENDED = 1 ] || ! has MMSCOPE-GUEST-END || ENDED=1 T_END=$T_EXIT
	if [ -z "$HOW" ] && [ $ENDED = 0 ]; then
		HOW="died: QEMU exited (status $rc) without MMSCOPE-GUEST-END"
		has 'Kernel panic' && HOW="died: kernel panic (QEMU exit status $rc)"
	fi
	if [ -n "$TAILPID" ]; then
		sleep 0.3
		kill "$TAILPID" 2>/dev/null || true
		wait "$TAILPID" 2>/dev/null || true
		TAILPID=
	fi
}

echo "vm: $T_NAME: booting $T_KREL (log $LOG, timeout ${TIMEOUT} s)"
boot_once 1
if [ $STARTED = 0 ]; then
	mv "$LOG" "$LOG.attempt1"
	echo "vm: $T_NAME: guest $HOW; console tail:"
	tail -n 40 "$LOG.attempt1" | tr -d '\r' | sed 's/^/  | /'
	echo "vm: retrying: guest died before tests started (first log kept as $LOG.attempt1)"
	boot_once 2
fi

# at FLAG T: "at T s" if FLAG is 1, else "never"
at() {
	[ "$1" = 1 ] && echo "at $(secs "$2") s" || echo never
}
echo "vm: $T_NAME: tests started $(at "$STARTED" "$T_START"), ended $(at "$ENDED" "$T_END")," \
     "QEMU exited at $(secs "$T_EXIT") s (wall times from QEMU's start)"
status=0
if [ $ENDED = 0 ]; then
	echo "vm: $T_NAME: FAILED: guest $HOW; console tail:"
	tail -n 40 "$LOG" | tr -d '\r' | sed 's/^/  | /'
	status=1
elif [ -n "$HOW" ]; then
	echo "vm: $T_NAME: warning: $HOW"
fi
"$MMSCOPE_TOP/scripts/results.sh" "$LOG" || status=1
exit $status
