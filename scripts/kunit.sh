#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh [--debug] [TARGET...]: run mmscope's KUnit suites (kunit/) in
# QEMU on kernels built here (scripts/local-targets.conf):
#
#   make kunit        TARGET kunit-6.12-amd64: the suites alone
#   make check-debug  --debug, TARGET debug-6.12-amd64: the debug kernel
#                     (KASAN, lockdep, UBSAN, kmemleak...) runs the suites,
#                     then every scenario of tests/guest with mmscope.ko
#
# For each target: build its kernel (scripts/kunit-kernel.sh; cached),
# mmscope.ko and mmscope_kunit.ko against it (scripts/build-kunit.sh; any
# compiler warning fails), boot it once (scripts/run-target.sh), and judge
# the console log: the guest's own results (kunit-load, kernel-log: any
# WARNING, BUG, KASAN or UBSAN report, ...) by scripts/results.sh, and each
# KUnit test case, from the KTAP report, by kunit.py parse
# (scripts/kunit-results.sh).  Logs are in build/kunit/TARGET/.
#
# Every test prints "PASS  name" or "FAIL  name: why"; the last line is
# "N passed, N failed" (", N skipped" when some were).  Exit status 0 iff
# nothing failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

DEBUG=0
if [ "${1:-}" = --debug ]; then
	DEBUG=1
	shift
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=(kunit-6.12-amd64)
	[ $DEBUG = 0 ] || targets=(debug-6.12-amd64)
fi
for t in "${targets[@]}"; do
	target_load "$t"
	[ "$T_KIND" = local ] || die "$t: not a kernel built here (scripts/local-targets.conf)"
done

results=$(mktemp)
trap 'rm -f "$results"' EXIT
start=$(date +%s)
report() { tee -a "$results"; }
stage() { echo "== $* ($(( $(date +%s) - start )) s)"; }

for t in "${targets[@]}"; do
	target_load "$t"
	out=$MMSCOPE_TOP/build/kunit/$t
	rm -rf "$out"
	mkdir -p "$out"

	stage "kernel $t"
	t0=$(date +%s)
	if ! "$MMSCOPE_TOP/scripts/kunit-kernel.sh" "$t" >"$out/kernel.log" 2>&1; then
		tail -n 30 "$out/kernel.log"
		echo "FAIL  $t: kernel build: see $out/kernel.log" | report
		continue
	fi
	tail -n 1 "$out/kernel.log"
	echo "kunit: $t: kernel ready in $(( $(date +%s) - t0 )) s"

	stage "build mmscope.ko and mmscope_kunit.ko for $t (W=1, sparse)"
	if "$MMSCOPE_TOP/scripts/build-kunit.sh" "$t" C=2 >"$out/build.log" 2>&1 &&
	   ! grep -E 'warning:|error:' "$out/build.log" >/dev/null; then
		tail -n 1 "$out/build.log"
		echo "PASS  $t: build" | report
	else
		grep -E 'warning:|error:|die|cannot' "$out/build.log" | head -n 20
		echo "FAIL  $t: build: see $out/build.log" | report
		continue
	fi

	stage "boot $t"
	target_load "$t"
	b=$MMSCOPE_TOP/build/$t
	run=(--kunit "$b/kunit/mmscope_kunit.ko")
	if [ $DEBUG = 1 ]; then
		# Every scenario, with the module; KASAN and lockdep make the
		# guest several times slower than the Debian kernels.
		# As in make check, a witness that cannot run (bpftrace) fails.
		# 512 MiB, not make check's 256: KASAN's shadow takes an eighth,
		# bpftrace (LLVM) ~90 MiB and kmemleak's pool 37 MiB.  The memcg
		# scenario's "no global reclaim" failed at 256 MiB (global
		# pgscan moved by 18292 pages), and again at 384 once the pool
		# grew from 40000 to 160000 objects (77 MiB left available
		# after bpftrace started; global pgscan_kswapd moved by 14342).
		run+=(--module "$b/module/mmscope.ko" --mem 512M --scratch 2G
		      --timeout 5400 -- --boot-timeout 900
		      --env MMSCOPE_STRICT=1)
	else
		run+=(--scenarios kunit --scratch 0 --timeout 900 --
		      --boot-timeout 600)
	fi
	"$MMSCOPE_TOP/scripts/run-target.sh" "$t" "${run[@]}" >"$out/vm.txt" 2>&1
	grep '^vm: ' "$out/vm.txt"
	cp "$b/console.log" "$out/console.log"
	# The guest's results come with vm.sh's output; the KUnit cases
	# from the console.
	grep '^PASS \|^FAIL \|^SKIP ' "$out/vm.txt" | report
	"$MMSCOPE_TOP/scripts/kunit-results.sh" "$out/console.log" |
		grep '^PASS \|^FAIL \|^SKIP ' | report
	grep -h 'Testing complete' "$out/console.log.kunit.txt" | sed 's/^\[[^]]*\] /kunit.py: /'
done

stage "done"
summarize "$results"
