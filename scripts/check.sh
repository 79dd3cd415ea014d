#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [TARGET...]: everything `make check` and CI run, for every
# target of scripts/targets.conf unless TARGETs are named:
#
#   0. fetch the targets (once; then from the cache)
#   1. host unit tests of the scripts (tests/host/run.sh)
#   2. checkpatch.pl --no-tree -f on the module and the UAPI header
#   3. per target: build with W=1 and sparse (C=2); any warning fails
#   4. per target: one QEMU boot running every guest scenario
#
# Every test prints "PASS  name" or "FAIL  name: why"; the last line is
# "N passed, N failed" (", N skipped" when some were).  Exit status 0 iff
# nothing failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$(target_names | xargs)"
for t in "${targets[@]}"; do target_load "$t"; done

out=$MMSCOPE_TOP/build/check
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
"$MMSCOPE_TOP/scripts/fetch-target.sh" "${targets[@]}" 2>&1 | grep -v '^Get:\|^Fetched' ||
	true

# bpftrace, the guest's independent witness, on a read-only disk image per
# arch (cached; without it the bpftrace tests report SKIP).
stage "bpftrace images"
declare -A bpfimg=()
for t in "${targets[@]}"; do
	target_load "$t"
	[ -n "${bpfimg[$T_ARCH]:-}" ] && continue
	if img=$("$MMSCOPE_TOP/scripts/bpftrace-image.sh" "$T_ARCH" 2>"$out/bpftrace-$T_ARCH.log"); then
		bpfimg[$T_ARCH]=$img
	else
		tail -n 5 "$out/bpftrace-$T_ARCH.log"
		echo "check: no bpftrace image for $T_ARCH: its bpftrace tests will SKIP"
		bpfimg[$T_ARCH]=none
	fi
done

stage "host unit tests"
"$MMSCOPE_TOP/tests/host/run.sh" 2>&1 | report

stage "checkpatch"
if "$MMSCOPE_TOP/scripts/checkpatch.sh" >"$out/checkpatch.txt" 2>&1; then
	echo "PASS  checkpatch" | report
else
	cat "$out/checkpatch.txt"
	echo "FAIL  checkpatch: see above" | report
fi

built=()
for t in "${targets[@]}"; do
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

# MMSCOPE_SCENARIOS="a b" (make test SCENARIOS=...) runs only those.
scen=()
if [ -n "${MMSCOPE_SCENARIOS:-}" ]; then
	scen=(--env "MMSCOPE_SCENARIOS=$(echo "$MMSCOPE_SCENARIOS" |
		tr -s ' ,' ',,' | sed 's/^,//; s/,$//')")
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
		--mem 256M --timeout 900 --disk "$b/scratch.img" "${bpf[@]}" "${scen[@]}" \
		--log "$out/$t/console.log" 2>&1 |
		grep -v '^PASS \|^FAIL \|^SKIP \|passed, .* failed' || true
	rm -f "$b/scratch.img"
	logs+=("$out/$t/console.log")
done
if [ ${#logs[@]} -gt 0 ]; then
	"$MMSCOPE_TOP/scripts/results.sh" "${logs[@]}" 2>&1 |
		grep -v 'passed, .* failed' | report
fi

stage "done"
awk '
	/^PASS / { p++ } /^FAIL / { f++ } /^SKIP / { s++ }
	END {
		line = sprintf("%d passed, %d failed", p, f)
		if (s) line = line sprintf(", %d skipped", s)
		print line
		exit f > 0
	}' "$results"
