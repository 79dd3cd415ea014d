#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-stress.sh [TARGET...]: the stress suites at full size
# (tests/guest/stress.sh, MMSCOPE_STRESS=full: 200 insmod/rmmod cycles
# under pressure, mmsread multi 60 s x 4 threads, 1,000,000 fuzzed
# operations, 50 CPU hotplug rounds, permissions, fault injection), one
# QEMU boot per target with two CPUs.  Default targets: debian-6.12-amd64,
# debian-6.1-amd64 and debian-6.12-rt-amd64 (PREEMPT_RT, from
# scripts/stress-targets.conf), which also runs every scenario first, as
# make check does for its targets; with MMSCOPE_STRESS_ARM64=1 the arm64
# targets as well.  make check-stress [TARGETS="a b"].
# MMSCOPE_STRESS_CYCLES, MMSCOPE_STRESS_FUZZ, MMSCOPE_STRESS_SEED in the
# environment set the storm's cycles, the fuzzer's operations and its seed.
#
# Prints "PASS  ..."/"FAIL  ..." lines, the time taken, and ends with
# "N passed, N failed"; exit status 0 iff nothing failed.  A target that
# cannot be fetched, built or booted, and a boot that did not reach the
# stress suites' end marker, are failures.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=(debian-6.12-amd64 debian-6.1-amd64 debian-6.12-rt-amd64)
	[ "${MMSCOPE_STRESS_ARM64:-0}" != 1 ] ||
		targets+=(debian-6.12-arm64 debian-6.1-arm64)
fi
for t in "${targets[@]}"; do target_load "$t"; done

out=${MMSCOPE_CHECK_OUT:-$MMSCOPE_TOP/build/check-stress}
rm -rf "$out"
mkdir -p "$out"
results=$out/results.txt
: >"$results"
start=$(date +%s)
report() { tee -a "$results"; }
stage() { echo "== $* ($(( $(date +%s) - start )) s)"; }

# every_scenario TARGET: the PREEMPT_RT flavour runs the whole scenario
# suite before the stress suites; the others only the stress suites.
every_scenario() {
	target_load "$1"
	case $T_FLAVOUR in
	rt-*)	return 0 ;;
	esac
	return 1
}

declare -A bpfimg=()
for t in "${targets[@]}"; do
	stage "$t: fetch, build"
	target_load "$t"
	log=$out/build-$t.log
	if ! { "$MMSCOPE_TOP/scripts/fetch-target.sh" "$t" &&
	       "$MMSCOPE_TOP/scripts/build-target.sh" "$t"; } >"$log" 2>&1 ||
	   grep -E 'warning:|error:' "$log" >/dev/null; then
		grep -E 'warning:|error:|die|cannot' "$log" | head -n 20
		echo "FAIL  stress: $t: not fetched or built: see $log" | report
		continue
	fi
	target_load "$t"
	b=$MMSCOPE_TOP/build/$t
	"$MMSCOPE_TOP/scripts/mkinitramfs.sh" "$t" "$b/stress.cpio.gz" \
		--module "$b/module/mmscope.ko" --tests "$MMSCOPE_TOP/tests/guest" \
		>"$out/initramfs-$t.log" 2>&1 ||
		{ echo "FAIL  stress: $t: initramfs: see $out/initramfs-$t.log" | report; continue; }
	args=(--env MMSCOPE_STRICT=1 --env MMSCOPE_STRESS=full --smp 2 --mem 256M)
	# Sizes and seed given on the host reach the guest (tests/guest/stress.sh).
	for v in MMSCOPE_STRESS_CYCLES MMSCOPE_STRESS_FUZZ MMSCOPE_STRESS_SEED; do
		[ -z "${!v:-}" ] || args+=(--env "$v=${!v}")
	done
	expect=stress
	if every_scenario "$t"; then
		# The scenarios' witness, bpftrace, on its disk image.
		if [ -z "${bpfimg[$T_ARCH]:-}" ]; then
			bpfimg[$T_ARCH]=$("$MMSCOPE_TOP/scripts/bpftrace-image.sh" "$T_ARCH" \
				2>"$out/bpftrace-$T_ARCH.log") || {
				echo "FAIL  bpftrace-image: $T_ARCH: $(tail -n 1 "$out/bpftrace-$T_ARCH.log")" | report
				bpfimg[$T_ARCH]=none
			}
		fi
		[ "${bpfimg[$T_ARCH]}" = none ] || args+=(--disk-ro "${bpfimg[$T_ARCH]}")
		args+=(--timeout 5400)
		for f in "$MMSCOPE_TOP"/tests/guest/scenarios/*.sh; do
			f=$(basename "$f" .sh)
			expect="$expect ${f#[0-9][0-9]-}"
		done
	else
		# No scenario is named "stress": only the stress suites run.
		args+=(--env MMSCOPE_SCENARIOS=stress --timeout 3600)
	fi
	rm -f "$b/scratch.img"
	truncate -s 2G "$b/scratch.img"
	mkfs.ext4 -q -F -L mmscope-scratch "$b/scratch.img"
	mkdir -p "$out/$t"
	stage "$t: boot (MMSCOPE_STRESS=full, results expected from: $expect)"
	t0=$(date +%s)
	"$MMSCOPE_TOP/scripts/vm.sh" "$t" --initrd "$b/stress.cpio.gz" \
		--disk "$b/scratch.img" "${args[@]}" --log "$out/$t/console.log" 2>&1 |
		grep -v '^PASS \|^FAIL \|^SKIP \|passed, .* failed' || true
	rm -f "$b/scratch.img"
	echo "$t: $(( $(date +%s) - t0 )) s"
	# The figures, from the suites' notes.
	tr -d '\r' <"$out/$t/console.log" | grep -a '^  stress-' | sed "s/^  /  $t: /"
	"$MMSCOPE_TOP/scripts/results.sh" --scenarios "$expect" "$out/$t/console.log" 2>&1 |
		grep -v 'passed, .* failed' | report
done

stage "done"
if grep -q '^SKIP ' "$results"; then
	echo "skipped (what each kernel lacks):"
	grep '^SKIP ' "$results" | sed 's/^SKIP  /  /'
fi
echo "check-stress took $(( $(date +%s) - start )) s"
summarize "$results"
