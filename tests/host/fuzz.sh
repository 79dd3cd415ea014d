#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fuzz.sh [SECONDS]: fuzz "mmscope report" (the record file decoder and
# every output format) with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer, for SECONDS (default 60), starting from a
# corpus of valid files (tests/host/recgen.c).  `make fuzz` runs it; it is
# not part of `make check`.  Crashes are kept in build/fuzz/.  Prints
# "PASS  fuzz: ..." or "FAIL  fuzz: ..."; exits 0 only on success.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
out=$top/build/fuzz
cc=${CLANG:-clang}
mkdir -p "$out/corpus" "$out/crashes"

if ! command -v "$cc" >/dev/null; then
	echo "FAIL  fuzz: no $cc: install clang (scripts/host-deps.sh lists it)"
	exit 1
fi
src=(decode.c fields.c perfetto.c report.c json.c parse.c stat.c source.c)
flags=(-g -O1 -std=gnu11 -I"$top/include/uapi" -I"$top/tools"
       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
# stat.c and source.c come along for mms_stat_figures(); their entry
# points and the debugfs reads are never called.
if ! "$cc" "${flags[@]}" -o "$out/fuzz_report" "$top/tests/host/fuzz_report.c" \
	"$top/tests/host/tool_stubs.c" \
	"${src[@]/#/$top/tools/}" -lm 2>"$out/build.log"; then
	echo "FAIL  fuzz: does not build: $(head -n 5 "$out/build.log")"
	exit 1
fi
gcc -O2 -std=gnu11 -I"$top/include/uapi" -I"$top/tools" -o "$out/recgen" \
	"$top/tests/host/recgen.c" || { echo "FAIL  fuzz: recgen does not build"; exit 1; }
"$out/recgen" "$out/corpus/seed-full.mms"
head -c 600 "$out/corpus/seed-full.mms" >"$out/corpus/seed-cut.mms"
[ -f "$top/tests/fixtures/record-views.mms" ] &&
	cp "$top/tests/fixtures/record-views.mms" "$out/corpus/seed-views.mms"

"$out/fuzz_report" -max_total_time="$secs" -max_len=8192 -timeout=10 \
	-artifact_prefix="$out/crashes/" "$out/corpus" >"$out/fuzz.log" 2>&1
rc=$?
stats=$(grep -E '^Done [0-9]+ runs|#[0-9]+.*DONE' "$out/fuzz.log" | tail -n 2 | xargs)
if [ $rc -eq 0 ]; then
	echo "PASS  fuzz: report: ${secs} s, $stats"
else
	echo "FAIL  fuzz: report: exit $rc, see $out/fuzz.log and $out/crashes/"
	grep -m 5 -E 'ERROR|SUMMARY' "$out/fuzz.log"
	exit 1
fi
