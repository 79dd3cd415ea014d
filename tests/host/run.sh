#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host unit tests of mmscope's scripts: each prints "PASS  name" or
# "FAIL  name: why".  Run by scripts/check.sh; needs no kernel and no VM.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$top/tests/host/lib.sh"

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
# The guest's check of histogram buckets against bpftrace's hist().
"$top/tests/host/buckets.sh"
# The guest's check of the stream's per-record times against tracefs.
"$top/tests/host/stream-times.sh"
# ... and of histograms' min and max against bpftrace's.
"$top/tests/host/minmax.sh"
"$top/tests/host/uapi_layout.sh"

# The docs checks (scripts/htmldocs.sh, scripts/man-warnings.sh) fail on a
# broken page, header or man page.
"$top/tests/host/docs.sh"

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
	# A passing report followed by 700 KiB more of console (make
	# check-debug's log runs on with every scenario): kunit.py stops
	# reading after the last suite, which once made a failed report.
	{
		printf '%s\n' 'MMSCOPE-VM target=kt' '[    1.000000] KTAP version 1' \
			'[    1.000000] 1..1' '[    1.100000]     KTAP version 1' \
			'[    1.100000]     # Subtest: s1' '[    1.100000]     1..1' \
			'[    1.100000]     ok 1 a' '[    1.200000] ok 1 s1'
		seq 1 20000 | sed 's/^/[    9.000000] scenario line /'
	} >"$tmp/ku/long.log"
	out=$("$top/scripts/kunit-results.sh" "$tmp/ku/long.log" 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && [ "$(tail -n 1 <<<"$out")" = "1 passed, 0 failed" ]; then
		ok kunit-results-long-log
	else
		ko kunit-results-long-log "rc $rc, output: $(tail -n 3 <<<"$out")"
	fi
else
	absent kunit-results "no kunit.py yet (scripts/kunit-kernel.sh --source extracts it)"
fi

# readme-samples.sh: README blocks after "<!-- sample: NAME -->" are taken
# from a console log's marked outputs (--update) and checked for their
# shape (--check): a probe count that changed fails, figures do not.
mkdir -p "$tmp/rs"
printf '%s\n' 'boot' 'MMSCOPE-DEMO-BEGIN' 'mmscope 0.1.0 on 6.12 (x86_64), 212 MiB of RAM, no swap' \
	'[    5.123456] some kernel line' 'probes: 58 attached of 59' 'allocstall_movable 70 70' \
	'MMSCOPE-DEMO-END' '' 'MMSCOPE-SAMPLE-BEGIN hist' 'direct_reclaim: count 35, avg 4.0 us' \
	'  usecs : count' '' 'MMSCOPE-SAMPLE-END hist' >"$tmp/rs/console.log"
printf '%s\n' '# x' '<!-- sample: demo -->' '```' 'mmscope 0.1.0 on 6.12 (x86_64), 212 MiB of RAM, no swap' \
	'probes: 12 attached of 12' '```' 'text' '<!-- sample: hist -->' '```' \
	'direct_reclaim: count 9, avg 1.5 us' '```' 'end' >"$tmp/rs/README.md"
out1=$(MMSCOPE_README=$tmp/rs/README.md "$top/scripts/readme-samples.sh" --check "$tmp/rs/console.log" 2>&1)
rc1=$?
MMSCOPE_README=$tmp/rs/README.md "$top/scripts/readme-samples.sh" --update "$tmp/rs/console.log" >/dev/null 2>&1
out2=$(MMSCOPE_README=$tmp/rs/README.md "$top/scripts/readme-samples.sh" --check "$tmp/rs/console.log" 2>&1)
rc2=$?
if [ $rc1 -eq 1 ] && grep -q '^FAIL  readme-sample: demo: ' <<<"$out1" &&
   grep -q '^PASS  readme-sample: hist$' <<<"$out1" && [ $rc2 -eq 0 ] &&
   [ "$(grep -c '^PASS' <<<"$out2")" -eq 2 ] &&
   grep -q '^probes: 58 attached of 59$' "$tmp/rs/README.md" &&
   ! grep -q 'kernel line\|count 9' "$tmp/rs/README.md" &&
   [ "$(tail -n 1 "$tmp/rs/README.md")" = end ]; then
	ok readme-samples
else
	ko readme-samples "check: rc $rc1 $out1; after update: rc $rc2 $out2; $(tr '\n' '|' <"$tmp/rs/README.md")"
fi

# The mmscope command (tools/): unit tests of its parsing and JSON, and
# every subcommand against the views a guest recorded (tests/fixtures/).
"$top/tests/host/tool.sh"
# Its bash completion (tools/mmscope.bash-completion).
"$top/tests/host/completion.sh"
# What the Debian packages ship beside them (debian/, tools/systemd/).
"$top/tests/host/packaging.sh"
# `mmscope modparams` reads layouts from BTF as pahole does.
"$top/tests/host/btf.sh"
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
