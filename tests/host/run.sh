#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host unit tests of mmscope's scripts: each prints "PASS  name" or
# "FAIL  name: why".  Run by scripts/check.sh; needs no kernel and no VM.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "PASS  host: $1"; }
ko() { echo "FAIL  host: $1: $2"; }
# absent NAME WHY: what a test needs has not been set up; a FAIL under
# make check (MMSCOPE_STRICT=1, which sets everything up first).
absent() {
	if [ "${MMSCOPE_STRICT:-0}" = 1 ]; then
		ko "$1" "$2"
	else
		echo "SKIP  host: $1: $2"
	fi
}

# An unknown target is refused with exit status 2 and the list of targets.
out=$("$top/scripts/build-target.sh" no-such-target 2>&1)
rc=$?
if [ $rc -eq 2 ] && grep -q "unknown target 'no-such-target'" <<<"$out" &&
   grep -q debian-6.12-arm64 <<<"$out"; then
	ok unknown-target
else
	ko unknown-target "rc $rc, output: $out"
fi

# A target of scripts/stress-targets.conf loads by name, and make check's
# list (target_names) leaves it out.
out=$(bash -c ". '$top/scripts/lib.sh' && target_load debian-6.12-rt-amd64 &&
	echo \"\$T_ARCH \$T_FLAVOUR \$T_KIND\" && target_names" 2>&1)
if [ "$(head -n 1 <<<"$out")" = "amd64 rt-amd64 debian" ] &&
   ! tail -n +2 <<<"$out" | grep -q rt-amd64; then
	ok stress-target
else
	ko stress-target "output: $out"
fi

# make TARGET=bogus says the same through the Makefile.
out=$(make -s -C "$top" TARGET=no-such-target module 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q "known targets" <<<"$out"; then
	ok make-unknown-target
else
	ko make-unknown-target "rc $rc, output: $out"
fi

# results.sh: counts passes, failures and skips, and a log that lacks the
# end marker (a guest that died) as one more failure.
mkdir -p "$tmp/t1" "$tmp/t2"
printf '%s\n' 'MMSCOPE-GUEST-START target=t1 kernel=x' \
	'[    3.1] MMSCOPE-RESULT PASS a' 'noise MMSCOPE-RESULT FAIL b it broke' \
	'MMSCOPE-RESULT SKIP c no disk' 'MMSCOPE-GUEST-END' >"$tmp/t1/console.log"
printf '%s\n' 'MMSCOPE-GUEST-START target=t2 kernel=x' \
	'MMSCOPE-RESULT PASS d' 'Kernel panic - not syncing' >"$tmp/t2/console.log"
out=$("$top/scripts/results.sh" "$tmp/t1/console.log" "$tmp/t2/console.log" 2>&1)
rc=$?
if [ $rc -eq 1 ] && [ "$(tail -n 1 <<<"$out")" = "2 passed, 2 failed, 1 skipped" ]; then
	ok results-rollup
else
	ko results-rollup "rc $rc, output: $out"
fi

# conftest.sh says "no" for a test that does not compile and "yes" for one
# that does, against a real target's headers when one is cached.
. "$top/scripts/lib.sh"
target_load debian-6.12-amd64
if [ -f "$T_DIR/.complete" ]; then
	mkdir -p "$tmp/ct/conftest"
	printf '%s\n' '#include <linux/types.h>' 'static int __used x;' >"$tmp/ct/conftest/yes_thing.c"
	printf '%s\n' '#include <linux/no_such_header.h>' >"$tmp/ct/conftest/no_thing.c"
	# shellcheck disable=SC2046
	"$top/scripts/conftest.sh" "$tmp/ct" $(target_make_args) >/dev/null 2>&1
	h=$tmp/ct/generated/conftest.h
	if grep -q '^#define MMS_HAVE_YES_THING 1' "$h" 2>/dev/null &&
	   ! grep -q '^#define MMS_HAVE_NO_THING' "$h"; then
		ok conftest
	else
		ko conftest "$(cat "$h" 2>&1)"
	fi
else
	absent conftest "debian-6.12-amd64 not fetched"
fi

# Targets from an archive that moves, against a faked archive.
"$top/tests/host/archive.sh"

# The histogram math shared by the module and tools (exact edge cases and
# percentiles), compiled for the host.
"$top/tests/host/hist_math.sh"
"$top/tests/host/uapi_layout.sh"

# kunit-results.sh: every KUnit case is a result, a failed case fails, and
# a suite missing from the plan (the guest crashed) is one more failure;
# with the kernel's own kunit.py, once make kunit has extracted it.
if ls "$MMSCOPE_CACHE"/kunit/linux-source-*/tools/testing/kunit/kunit.py >/dev/null 2>&1; then
	mkdir -p "$tmp/ku"
	printf '%s\n' 'MMSCOPE-VM target=kt' 'boot' '[    1.000000] KTAP version 1' \
		'[    1.000000] 1..2' '[    1.100000]     KTAP version 1' \
		'[    1.100000]     # Subtest: s1' '[    1.100000]     1..2' \
		'[    1.100000]     ok 1 a' '[    1.100000]     # b: EXPECTATION FAILED at x.c:3' \
		'[    1.100000]     not ok 2 b' '[    1.200000] not ok 1 s1' \
		'[    1.300000] Oops: 0000 [#1] PREEMPT SMP' >"$tmp/ku/console.log"
	out=$("$top/scripts/kunit-results.sh" "$tmp/ku/console.log" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && grep -q '^PASS  kt: kunit: s1.a$' <<<"$out" &&
	   grep -q '^FAIL  kt: kunit: s1.b: FAIL$' <<<"$out" &&
	   [ "$(tail -n 1 <<<"$out")" = "1 passed, 2 failed" ]; then
		ok kunit-results
	else
		ko kunit-results "rc $rc, output: $out"
	fi
else
	absent kunit-results "no kunit.py yet (scripts/kunit-kernel.sh --source extracts it)"
fi

# The mmscope command (tools/): unit tests of its parsing and JSON, and
# every subcommand against the views a guest recorded (tests/fixtures/).
"$top/tests/host/tool.sh"
# A kernel built here (scripts/local-targets.conf) loads as a target of its
# own kind, builds against its build folder, and is listed beside the
# Debian targets when a name is unknown.
if (target_load debug-6.12-amd64
    [ "$T_KIND" = local ] && [ "$T_KDIR" = "$MMSCOPE_CACHE/kunit/build-debug-x86_64" ] &&
    [ "$T_SRCTARGET" = debian-6.12-amd64 ] && [ "$T_CONFIGS" = ".kunitconfig debug.config" ] &&
    [ "$(target_make_args)" = "-C $T_KDIR ARCH=x86_64" ]) &&
   grep -q 'kunit-6.12-amd64 (built here' <<<"$("$top/scripts/build-target.sh" no-such-target 2>&1)"; then
	ok local-target
else
	ko local-target "$(target_load debug-6.12-amd64; echo "$T_KIND $T_KDIR $T_CONFIGS $(target_make_args)")"
fi
