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
#   2. checkpatch.pl --no-tree -f on the module and the UAPI header; the
#      documentation (scripts/htmldocs.sh: Sphinx and kernel-doc, warnings
#      as errors) and the man page (scripts/man-warnings.sh); the
#      Debian packages (scripts/deb.sh), lintian on them, and DKMS building
#      the package's source for one target of each arch, on the host
#      (scripts/dkms-check.sh)
#   3. per target: build with W=1 and sparse (C=2); any warning fails
#   4. the KUnit suites in a KUnit kernel built here (scripts/kunit.sh;
#      full runs only)
#   5. per target: one QEMU boot running every guest scenario, then the
#      short stress suites (tests/guest/stress.sh: MMSCOPE_STRESS=short;
#      MMSCOPE_STRESS=none leaves them out, =full is make check-stress's)
#   6. per arch, one target booted again with two NUMA nodes for the
#      numa and zones scenarios (MMSCOPE_NUMA_TARGETS: which)
#   7. a kernel of another page size (full runs: Debian's arm64-16k
#      flavour; MMSCOPE_PAGESIZE_TARGETS names others, or adds them to
#      named targets), fetched, built and booted for the scenarios whose
#      figures depend on the page size and the number of page orders
#      (MMSCOPE_PAGESIZE_SCENARIOS)
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
# The page-size targets (scripts/stress-targets.conf): a full run's
# default, or MMSCOPE_PAGESIZE_TARGETS's in any run.
pagesz=()
if [ $# -eq 0 ] || [ -n "${MMSCOPE_PAGESIZE_TARGETS+set}" ]; then
	read -r -a pagesz <<<"${MMSCOPE_PAGESIZE_TARGETS-debian-6.12-arm64-16k}"
fi
for t in "${targets[@]}" "${pagesz[@]}"; do target_load "$t"; done
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

# SCENARIOS names as tests/guest/run.sh takes them (NN-NAME.sh without
# number and suffix): a name that is no scenario is refused at once.
all_scenarios=" $(MMSCOPE_SCENARIOS='' scenario_names)"
for n in $(scenario_names); do
	[[ $all_scenarios == *" $n "* ]] ||
		die "SCENARIOS: no scenario '$n'; the names:$all_scenarios"
done

# The page-size boot's scenarios: those that count in pages or by order
# (free areas and watermarks, OOM badness, the tool's views), of those
# this run asks for.  None: no page-size target.  Not compaction: on a
# 16 KiB kernel (32 MiB THP) its workload does not yet make kswapd wake
# kcompactd, or a THP fault compact, every time (3 runs: one passed, one
# failed compaction-daemon-active, one compaction-direct-active); it runs
# by name (make test TARGET=debian-6.12-arm64-16k SCENARIOS=compaction).
pagesz_scen=
for n in ${MMSCOPE_PAGESIZE_SCENARIOS:-load oom-anon oom-forensics zones tool unload}; do
	[[ $all_scenarios == *" $n "* ]] ||
		die "MMSCOPE_PAGESIZE_SCENARIOS: no scenario '$n'"
	[[ " $(scenario_names) " == *" $n "* ]] && pagesz_scen="$pagesz_scen $n"
done
[ -n "$pagesz_scen" ] || pagesz=()
# is_pagesz T: whether T is a page-size target of this run.
is_pagesz() { [[ " ${pagesz[*]} " == *" $1 "* ]]; }

# MMSCOPE_CHECK_OUT: where the logs go (scripts/check-repeat.sh keeps one
# folder a round); MMSCOPE_CHECK_SCENARIOS_ONLY=1 leaves out the host tests,
# checkpatch and the docs, which do not vary between rounds.
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

# packages_check: build the Debian packages, lint them, and have the
# host's DKMS build the package's source for one fetched target of each
# arch (MMSCOPE_DKMS_TARGETS's first, where fetched).
packages_check() {
	local deb=$MMSCOPE_TOP/build/deb t a dk=() arches=()
	if ! "$MMSCOPE_TOP/scripts/deb.sh" >"$out/deb.log" 2>&1; then
		tail -n 20 "$out/deb.log"
		echo "FAIL  deb: $(tail -n 1 "$out/deb.log")" | report
		return 0
	fi
	echo "PASS  deb" | report
	# Debian's own dkms packages (v4l2loopback-dkms, acpi-call-dkms) have
	# no tag at all, pedantic ones included: neither may these.
	if lintian --fail-on error,warning,info,pedantic -I --pedantic \
		"$deb"/mmscope_*.dsc "$deb"/mmscope_*.changes >"$out/lintian.txt" 2>&1; then
		echo "PASS  lintian" | report
	else
		grep -v 'root privileges' "$out/lintian.txt" | head -n 20
		echo "FAIL  lintian: $(grep -cv 'root privileges' "$out/lintian.txt") lines: see $out/lintian.txt" | report
	fi
	for t in ${MMSCOPE_DKMS_TARGETS:-debian-6.12-amd64 debian-6.1-arm64} "${fetched[@]}"; do
		[[ " ${fetched[*]} " == *" $t "* ]] || continue
		a=$(target_load "$t"; echo "$T_ARCH")
		[[ " ${arches[*]} " == *" $a "* ]] && continue
		arches+=("$a")
		dk+=("$t")
	done
	[ ${#dk[@]} -gt 0 ] || return 0
	"$MMSCOPE_TOP/scripts/dkms-check.sh" "${dk[@]}" >"$out/dkms-check.txt" 2>&1
	grep -v '^PASS \|^FAIL ' "$out/dkms-check.txt"
	grep '^PASS \|^FAIL ' "$out/dkms-check.txt" | report
	# A check that died before its result line (dkms-check.sh's die).
	for t in "${dk[@]}"; do
		grep -q "^\(PASS\|FAIL\)  dkms: $t\(:\|\$\)" "$out/dkms-check.txt" ||
			echo "FAIL  dkms: $t: $(tail -n 1 "$out/dkms-check.txt")" | report
	done
}

stage "fetch ${targets[*]}${pagesz[*]:+ ${pagesz[*]}}"
fetched=()
for t in "${targets[@]}" "${pagesz[@]}"; do
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
for t in "${targets[@]}" "${pagesz[@]}"; do
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

	stage "htmldocs"
	if "$MMSCOPE_TOP/scripts/htmldocs.sh" "$MMSCOPE_TOP/Documentation" "$out/htmldocs" \
		>"$out/htmldocs.log" 2>&1; then
		echo "PASS  htmldocs" | report
	else
		head -n 30 "$out/htmldocs.log"
		echo "FAIL  htmldocs: $(tail -n 1 "$out/htmldocs.log")" | report
	fi

	stage "man-warnings"
	if "$MMSCOPE_TOP/scripts/man-warnings.sh" >"$out/man-warnings.log" 2>&1; then
		echo "PASS  man-warnings" | report
	else
		head -n 20 "$out/man-warnings.log"
		echo "FAIL  man-warnings: $(head -n 1 "$out/man-warnings.log")" | report
	fi

	stage "packages: deb, lintian, host DKMS"
	packages_check
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

# boot T LOG VM-ARGS...: boot target T's check initramfs with a fresh
# scratch disk (page-cache and dirty-page scenarios) and the bpftrace image
# of its arch, the console in LOG; the verdicts are read from LOG later.
boot() {
	local t=$1 log=$2 b bpf=()
	shift 2
	target_load "$t"
	b=$MMSCOPE_TOP/build/$t
	mkdir -p "$(dirname "$log")"
	rm -f "$b/scratch.img"
	truncate -s 2G "$b/scratch.img"
	mkfs.ext4 -q -F -L mmscope-scratch "$b/scratch.img"
	[ "${bpfimg[$T_ARCH]}" = none ] || bpf=(--disk-ro "${bpfimg[$T_ARCH]}")
	"$MMSCOPE_TOP/scripts/vm.sh" "$t" --initrd "$b/check.cpio.gz" \
		--mem 256M --disk "$b/scratch.img" "${bpf[@]}" \
		--env MMSCOPE_STRICT=1 "$@" --log "$log" 2>&1 |
		grep -v '^PASS \|^FAIL \|^SKIP \|passed, .* failed' || true
	rm -f "$b/scratch.img"
}

# The README's sample outputs come from this target's run (make
# readme-samples); a full run checks that they still have its shape.
readme_target=debian-6.12-amd64
logs=()
pagesz_logs=()
packed=()
for t in "${built[@]}"; do
	if is_pagesz "$t"; then
		stage "page-size scenarios on $t:$pagesz_scen"
	else
		stage "scenarios on $t"
	fi
	b=$MMSCOPE_TOP/build/$t
	"$MMSCOPE_TOP/scripts/mkinitramfs.sh" "$t" "$b/check.cpio.gz" \
		--module "$b/module/mmscope.ko" --tests "$MMSCOPE_TOP/tests/guest" \
		>"$out/initramfs-$t.log" 2>&1 ||
		{ echo "FAIL  initramfs: $t: see $out/initramfs-$t.log" | report; continue; }
	if is_pagesz "$t"; then
		# 384 MiB: at 256, with bpftrace (-1000) at 100 MiB as on
		# 4 KiB kernels, oom-anon's hog was killed at 49 MiB (4 KiB:
		# 126 MiB), and once the OOM killer took run.sh instead.
		boot "$t" "$out/$t/console.log" --timeout 900 --mem 384M \
			--env "MMSCOPE_SCENARIOS=$(echo $pagesz_scen | tr ' ' ,)"
		pagesz_logs+=("$out/$t/console.log")
		continue
	fi
	packed+=("$t")
	# The README's target also runs the demo, for the README's samples.
	demo=()
	[ "$t" != "$readme_target" ] || [ -n "${MMSCOPE_SCENARIOS:-}" ] ||
		demo=(--env MMSCOPE_DEMO=1)
	boot "$t" "$out/$t/console.log" --timeout 1200 "${scen[@]}" "${demo[@]}" "${stress_env[@]}"
	logs+=("$out/$t/console.log")
done
if [ ${#logs[@]} -gt 0 ]; then
	"$MMSCOPE_TOP/scripts/results.sh" --scenarios "$(expected_ends)" "${logs[@]}" 2>&1 |
		grep -v 'passed, .* failed' | report
fi

# The two-node boot: the numa scenario, which a one-node guest passes
# over, and zones again, for a second node's zone state.  One target of
# each arch booted above, the first of MMSCOPE_NUMA_TARGETS (by default
# debian-6.12-amd64 debian-6.1-arm64: both kernels) that is of that arch,
# with the initramfs of its scenario boot and the RAM split between two
# nodes of one CPU each; about a minute a target.  Its results are named
# TARGET-numa2.
numa_scen=
for n in zones numa; do
	[[ " $(scenario_names) " == *" $n "* ]] && numa_scen="$numa_scen $n"
done
numa=()
if [[ $numa_scen == *" numa"* ]]; then
	for t in ${MMSCOPE_NUMA_TARGETS:-debian-6.12-amd64 debian-6.1-arm64} "${packed[@]}"; do
		[[ " ${packed[*]} " == *" $t "* ]] || continue
		a=$(target_load "$t"; echo "$T_ARCH")
		[[ " ${numa[*]} " == *" $a:"* ]] || numa+=("$a:$t")
	done
fi
numa_logs=()
for t in "${numa[@]}"; do
	t=${t#*:}
	stage "numa on $t (two nodes)"
	boot "$t" "$out/$t-numa2/console.log" --numa 2 --timeout 900 \
		--env MMSCOPE_BOOT=numa2 --env "MMSCOPE_SCENARIOS=$(echo $numa_scen | tr ' ' ,)"
	numa_logs+=("$out/$t-numa2/console.log")
done
if [ ${#numa_logs[@]} -gt 0 ]; then
	"$MMSCOPE_TOP/scripts/results.sh" --scenarios "$numa_scen" "${numa_logs[@]}" 2>&1 |
		grep -v 'passed, .* failed' | report
fi
if [ ${#pagesz_logs[@]} -gt 0 ]; then
	"$MMSCOPE_TOP/scripts/results.sh" --scenarios "$pagesz_scen" "${pagesz_logs[@]}" 2>&1 |
		grep -v 'passed, .* failed' | report
fi
if [ -z "${MMSCOPE_SCENARIOS:-}" ] && [ -f "$out/$readme_target/console.log" ]; then
	"$MMSCOPE_TOP/scripts/readme-samples.sh" --check "$out/$readme_target/console.log" |
		report
fi
# A target that never booted ran none of its tests: say so, whatever the
# reason was (a FAIL above already gives it).
for t in "${targets[@]}" "${pagesz[@]}"; do
	[ -f "$out/$t/console.log" ] ||
		echo "FAIL  scenarios: $t: not run (not fetched, built or packed: see above)" | report
done

stage "done"
if grep -q '^SKIP ' "$results"; then
	echo "skipped (what each kernel lacks):"
	grep '^SKIP ' "$results" | sed 's/^SKIP  /  /'
fi
kernels=()
for t in "${targets[@]}" "${pagesz[@]}"; do
	target_load "$t"
	kernels+=("$t $(target_kernel)")
done
echo "kernels ($MMSCOPE_KERNELS): $(printf '%s; ' "${kernels[@]}" | sed 's/; $//')"
summarize "$results"
