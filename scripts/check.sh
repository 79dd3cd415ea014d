#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [TARGET...]: everything `make check` and CI run, for every
# target of scripts/targets.conf unless TARGETs are named
# (MMSCOPE_KERNELS=newest, make check TARGETS=newest: the newest kernel of
# each target's series that the archive serves, instead of the recorded):
#
#   0. fetch the targets (once; then from the cache), the bpftrace images
#      of their architectures and the KUnit kernel's source (kunit.py):
#      everything a later step needs, before any step that needs it
#   1. host unit tests of the scripts (tests/host/run.sh)
#   2. checkpatch.pl --no-tree -f on the module and the UAPI header
#   3. per target: build with W=1 and sparse (C=2); any warning fails
#   4. the KUnit suites in a KUnit kernel built here (scripts/kunit.sh;
#      full runs only)
#   5. per target: one QEMU boot running every guest scenario, then the
#      short stress suites (tests/guest/stress.sh: MMSCOPE_STRESS=short;
#      MMSCOPE_STRESS=none leaves them out, =full is make check-stress's)
#
# Every test prints "PASS  name" or "FAIL  name: why"; the last line is
# "N passed, N failed" (", N skipped" when some were).  Exit status 0 iff
# nothing failed.  A witness that cannot run is not a pass: a target that
# cannot be fetched, built or booted, a missing bpftrace image, and a
# scenario that did not run to its end are each a FAIL with the reason
# (the guest runs with MMSCOPE_STRICT=1).  SKIP is left for what a kernel
# lacks, and the skips are listed again before the last lines, with the
# kernels that ran.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$(target_names | xargs)"
for t in "${targets[@]}"; do target_load "$t"; done

# MMSCOPE_CHECK_OUT: where the logs go (scripts/check-repeat.sh keeps one
# folder a round); MMSCOPE_CHECK_SCENARIOS_ONLY=1 leaves out the host tests
# and checkpatch, which do not vary between rounds.
out=${MMSCOPE_CHECK_OUT:-$MMSCOPE_TOP/build/check}
rm -rf "$out"
mkdir -p "$out"
results=$out/results.txt
: >"$results"
start=$(date +%s)

report() {		# report LINE...: print and keep result lines
	tee -a "$results"
}
stage() { echo "== $* ($(( $(date +%s) - start )) s)"; }

stage "fetch ${targets[*]}"
fetched=()
for t in "${targets[@]}"; do
	if "$MMSCOPE_TOP/scripts/fetch-target.sh" "$t" >"$out/fetch-$t.log" 2>&1; then
		grep '^fetch: ' "$out/fetch-$t.log"
		fetched+=("$t")
	else
		grep -v '^Get:\|^Fetched' "$out/fetch-$t.log" | tail -n 5
		echo "FAIL  fetch: $t: $(tail -n 1 "$out/fetch-$t.log")" | report
	fi
done

# bpftrace, the guest's independent witness, on a read-only disk image per
# arch (cached).  Without it the bpftrace tests of that arch fail.
stage "bpftrace images"
declare -A bpfimg=()
for t in "${targets[@]}"; do
	target_load "$t"
	[ -n "${bpfimg[$T_ARCH]:-}" ] && continue
	if img=$("$MMSCOPE_TOP/scripts/bpftrace-image.sh" "$T_ARCH" 2>"$out/bpftrace-$T_ARCH.log"); then
		bpfimg[$T_ARCH]=$img
	else
		tail -n 5 "$out/bpftrace-$T_ARCH.log"
		echo "FAIL  bpftrace-image: $T_ARCH: $(tail -n 1 "$out/bpftrace-$T_ARCH.log")" | report
		bpfimg[$T_ARCH]=none
	fi
done

# kunit.py, which the host tests use to parse KTAP, comes with the KUnit
# kernel's source.
stage "kunit source"
"$MMSCOPE_TOP/scripts/kunit-kernel.sh" --source kunit-6.12-amd64 >"$out/kunit-source.log" 2>&1 ||
	echo "FAIL  kunit-source: $(tail -n 1 "$out/kunit-source.log")" | report
grep '^kunit-kernel: ' "$out/kunit-source.log"

if [ "${MMSCOPE_CHECK_SCENARIOS_ONLY:-0}" != 1 ]; then
	stage "host unit tests"
	MMSCOPE_STRICT=1 "$MMSCOPE_TOP/tests/host/run.sh" 2>&1 | report

	stage "checkpatch"
	if "$MMSCOPE_TOP/scripts/checkpatch.sh" >"$out/checkpatch.txt" 2>&1; then
		echo "PASS  checkpatch" | report
	else
		cat "$out/checkpatch.txt"
		echo "FAIL  checkpatch: see above" | report
	fi
fi

built=()
for t in "${fetched[@]}"; do
	stage "build $t (W=1, sparse)"
	log=$out/build-$t.log
	if "$MMSCOPE_TOP/scripts/build-target.sh" "$t" C=2 >"$log" 2>&1 &&
	   ! grep -E 'warning:|error:' "$log" >/dev/null; then
		echo "PASS  build: $t" | report
		built+=("$t")
	else
		grep -E 'warning:|error:|die|cannot' "$log" | head -n 20
		echo "FAIL  build: $t: see $log" | report
	fi
done

# scenario_names: the guest scenarios this run asks for, as tests/guest/
# run.sh names them: all, or MMSCOPE_SCENARIOS's.
scenario_names() {
	if [ -n "${MMSCOPE_SCENARIOS:-}" ]; then
		echo "$MMSCOPE_SCENARIOS" | tr -s ' ,' '  '
		return 0
	fi
	local f n
	for f in "$MMSCOPE_TOP"/tests/guest/scenarios/*.sh; do
		n=$(basename "$f" .sh)
		printf '%s ' "${n#[0-9][0-9]-}"
	done
}

# The stress suites after the scenarios (tests/guest/run.sh), with their
# own end marker.
stress=${MMSCOPE_STRESS-short}
case $stress in
short|full)	stress_env=(--env "MMSCOPE_STRESS=$stress") ;;
none|'')	stress_env=() ;;
*)		die "MMSCOPE_STRESS=$stress: short, full or none" ;;
esac
expected_ends() {
	scenario_names
	[ ${#stress_env[@]} -eq 0 ] || printf 'stress '
}

# MMSCOPE_SCENARIOS="a b" (make test SCENARIOS=...) runs only those.
scen=()
if [ -n "${MMSCOPE_SCENARIOS:-}" ]; then
	scen=(--env "MMSCOPE_SCENARIOS=$(echo "$MMSCOPE_SCENARIOS" |
		tr -s ' ,' ',,' | sed 's/^,//; s/,$//')")
fi

# The KUnit suites, in a KUnit kernel built here (make kunit): in a full
# run, not in one of named targets (make test).
if [ $# -eq 0 ]; then
	stage "kunit"
	"$MMSCOPE_TOP/scripts/kunit.sh" >"$out/kunit.txt" 2>&1
	grep -v '^PASS \|^FAIL \|^SKIP \|passed, .* failed' "$out/kunit.txt"
	grep '^PASS \|^FAIL \|^SKIP ' "$out/kunit.txt" | report >/dev/null
	grep '^FAIL ' "$out/kunit.txt"
fi

logs=()
for t in "${built[@]}"; do
	stage "scenarios on $t"
	target_load "$t"
	b=$MMSCOPE_TOP/build/$t
	"$MMSCOPE_TOP/scripts/mkinitramfs.sh" "$t" "$b/check.cpio.gz" \
		--module "$b/module/mmscope.ko" --tests "$MMSCOPE_TOP/tests/guest" \
		>"$out/initramfs-$t.log" 2>&1 ||
		{ echo "FAIL  initramfs: $t: see $out/initramfs-$t.log" | report; continue; }
	mkdir -p "$out/$t"
	# A fresh scratch disk for page-cache and dirty-page scenarios.
	rm -f "$b/scratch.img"
	truncate -s 2G "$b/scratch.img"
	mkfs.ext4 -q -F -L mmscope-scratch "$b/scratch.img"
	bpf=()
	[ "${bpfimg[$T_ARCH]}" = none ] || bpf=(--disk-ro "${bpfimg[$T_ARCH]}")
	"$MMSCOPE_TOP/scripts/vm.sh" "$t" --initrd "$b/check.cpio.gz" \
		--mem 256M --timeout 1200 --disk "$b/scratch.img" "${bpf[@]}" "${scen[@]}" \
		--env MMSCOPE_STRICT=1 "${stress_env[@]}" \
		--log "$out/$t/console.log" 2>&1 |
		grep -v '^PASS \|^FAIL \|^SKIP \|passed, .* failed' || true
	rm -f "$b/scratch.img"
	logs+=("$out/$t/console.log")
done
if [ ${#logs[@]} -gt 0 ]; then
	"$MMSCOPE_TOP/scripts/results.sh" --scenarios "$(expected_ends)" "${logs[@]}" 2>&1 |
		grep -v 'passed, .* failed' | report
fi
# A target that never booted ran none of its tests: say so, whatever the
# reason was (a FAIL above already gives it).
for t in "${targets[@]}"; do
	[ -f "$out/$t/console.log" ] ||
		echo "FAIL  scenarios: $t: not run (not fetched, built or packed: see above)" | report
done

stage "done"
if grep -q '^SKIP ' "$results"; then
	echo "skipped (what each kernel lacks):"
	grep '^SKIP ' "$results" | sed 's/^SKIP  /  /'
fi
kernels=()
for t in "${targets[@]}"; do
	target_load "$t"
	kernels+=("$t $(target_kernel)")
done
echo "kernels ($MMSCOPE_KERNELS): $(printf '%s; ' "${kernels[@]}" | sed 's/; $//')"
summarize "$results"
