#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-target.sh TARGET [options] [-- vm.sh options]: fetch TARGET if needed,
# build the workloads and the initramfs, boot it with a fresh scratch disk
# and print the results.  The console log is build/TARGET/console.log.
# Exit status: that of scripts/vm.sh (0 when every test passed).
#
# The module is $MODULE, or --module, or build/TARGET/module/mmscope.ko;
# when that file does not exist the guest runs without it
# (MMSCOPE_MODULE is empty there).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	cat >&2 <<EOF
usage: run-target.sh TARGET [options] [-- vm.sh options]
  --scenarios LIST  scenarios to run, comma-separated (guest: \$MMSCOPE_SCENARIOS,
                    space-separated); default: all
  --module KO       module to test (default \$MODULE or
                    build/TARGET/module/mmscope.ko)
  --tests DIR       guest test folder with run.sh (default tests/guest)
  --kunit KO        KUnit test module for the kunit scenario
                    (scripts/build-kunit.sh; kernels with CONFIG_KUNIT)
  --timeout S       whole run (default 600)
  --mem SIZE        guest RAM (default 512M)
  --smp N           guest CPUs (default 2)
  --numa N          N NUMA nodes (vm.sh --numa)
  --scratch SIZE    scratch ext4 disk, mounted at /scratch (default 512M;
                    0 for none)
  -v, --verbose     stream the guest console
targets: $(target_names | xargs)
EOF
	exit 2
}

[ $# -ge 1 ] || usage
case $1 in -*) usage ;; esac
TARGET=$1
shift
SCENARIOS=
TESTS=$MMSCOPE_TOP/tests/guest
SCRATCH=512M
VM_ARGS=()
MOD=${MODULE:-}
KUNIT=()
while [ $# -gt 0 ]; do
	case $1 in
	-v|--verbose)	VM_ARGS+=(-v); shift; continue ;;
	--)		shift; VM_ARGS+=("$@"); break ;;
	-h|--help)	usage ;;
	esac
	[ $# -ge 2 ] || usage
	case $1 in
	--scenarios)	SCENARIOS=$2 ;;
	--module)	MOD=$2 ;;
	--tests)	TESTS=$2 ;;
	--kunit)	KUNIT=(--kunit "$2") ;;
	--timeout|--mem|--smp|--numa)
			VM_ARGS+=("$1" "$2") ;;
	--scratch)	SCRATCH=$2 ;;
	*)		usage ;;
	esac
	shift 2
done

target_load "$TARGET"
OUT=$MMSCOPE_TOP/build/$T_NAME
MOD=${MOD:-$OUT/module/mmscope.ko}
mkdir -p "$OUT"

if ! target_cached; then
	"$MMSCOPE_TOP/scripts/fetch-target.sh" "$T_NAME"
	# The kernel fetched may not be the one recorded (archive.sh).
	target_load "$T_NAME"
fi
"$MMSCOPE_TOP/scripts/mkinitramfs.sh" "$T_NAME" "$OUT/initramfs.cpio.gz" \
	--module "$MOD" --tests "$TESTS" "${KUNIT[@]}"

if [ -n "$SCENARIOS" ]; then
	SCENARIOS=$(echo "$SCENARIOS" | tr -s ' ,' ',,' | sed 's/^,//; s/,$//')
	VM_ARGS+=(--env "MMSCOPE_SCENARIOS=$SCENARIOS")
fi
if [ "$SCRATCH" != 0 ]; then
	# Fresh each run, so no test sees another run's leftovers.  Inode
	# tables are written here, not by ext4's lazy init in the guest,
	# which would add I/O to every scenario.
	rm -f "$OUT/scratch.img"
	truncate -s "$SCRATCH" "$OUT/scratch.img"
	mkfs.ext4 -q -F -L mmscope-scratch -E lazy_itable_init=0,lazy_journal_init=0 \
		"$OUT/scratch.img"
	VM_ARGS=(--disk "$OUT/scratch.img" "${VM_ARGS[@]}")
fi

# bpftrace, the guest's witness, on a read-only disk (tests SKIP without it).
if img=$("$MMSCOPE_TOP/scripts/bpftrace-image.sh" "$T_ARCH"); then
	VM_ARGS=(--disk-ro "$img" "${VM_ARGS[@]}")
else
	echo "run-target: no bpftrace image for $T_ARCH: bpftrace tests will SKIP" >&2
fi

rc=0
"$MMSCOPE_TOP/scripts/vm.sh" "$T_NAME" --initrd "$OUT/initramfs.cpio.gz" \
	--log "$OUT/console.log" "${VM_ARGS[@]}" || rc=$?
rm -f "$OUT/scratch.img"
exit $rc
