#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit-results.sh LOG...: the KUnit results in serial console logs of
# scripts/vm.sh (make kunit, make check-debug), as the kernel's own
# tools/testing/kunit/kunit.py parse reads their KTAP report.
#
# Prints one line per test case, "PASS  <target>: kunit: <suite>.<case>"
# (FAIL, SKIP likewise; a parameterised case's parameters are cases of their
# own), then exactly one summary line:
#   N passed, N failed[, N skipped]
# A report that kunit.py parse judges failed where no case did (a crash in
# the middle of a suite, a suite missing from the plan, no report at all)
# counts as one more failure, with kunit.py's own words.  kunit.py's
# readable output is kept in LOG.kunit.txt, its JSON in LOG.kunit.json.
# Exit status: 0 if nothing failed, else 1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || { echo "usage: kunit-results.sh LOG..." >&2; exit 2; }
kunit_py=$(ls -d "$MMSCOPE_CACHE"/kunit/linux-source-*/tools/testing/kunit/kunit.py 2>/dev/null |
	   tail -n 1)
[ -n "$kunit_py" ] || die "no kunit.py under $MMSCOPE_CACHE/kunit: run scripts/kunit-kernel.sh first"

out=$(mktemp)
ktap=$(mktemp)
trap 'rm -f "$out" "$ktap"' EXIT
for log in "$@"; do
	target=$(awk '/^MMSCOPE-VM target=/ { print substr($2, 8); exit }' "$log" 2>/dev/null)
	target=${target:-$log}
	if [ ! -f "$log" ]; then
		echo "FAIL  $target: kunit: no console log $log"
		continue
	fi
	rc=0
	# From a file, not a pipe: kunit.py stops reading after the last
	# suite, and a writer with more to give (make check-debug's log goes
	# on with every scenario) then dies of SIGPIPE, which pipefail made
	# a failed report (status 141 with all 105 cases passed).
	tr -d '\r' <"$log" >"$ktap"
	python3 "$kunit_py" parse --json="$log.kunit.json" "$ktap" \
		>"$log.kunit.txt" 2>&1 || rc=$?
	python3 - "$log.kunit.json" "$target" "$rc" "$log.kunit.txt" <<'PY'
import json, re, sys

path, target, rc, txt = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
failed = 0

def walk(group, prefix):
    global failed
    for case in group.get("test_cases", []):
        name = prefix + (case["name"] or "(missing)")
        verdict = {"PASS": "PASS", "SKIP": "SKIP"}.get(case["status"], "FAIL")
        why = "" if verdict == "PASS" else ": " + case["status"]
        failed += verdict == "FAIL"
        print(f"{verdict}  {target}: kunit: {name}{why}")
    for sub in group.get("sub_groups", []):
        walk(sub, prefix + (sub["name"] + "." if sub["name"] else ""))

try:
    with open(path) as f:
        walk(json.load(f), "")
except (OSError, ValueError) as e:
    print(f"FAIL  {target}: kunit: no result from kunit.py parse ({e})")
    failed += 1
if rc != 0 and failed == 0:
    # kunit.py's reasons: its error lines, without colour codes.
    with open(txt, errors="replace") as f:
        errs = [re.sub(r"\x1b\[[0-9;]*m", "", l).strip() for l in f
                if "ERROR" in l or "crashed" in l.lower() or "could not" in l.lower()]
    why = "; ".join(dict.fromkeys(e.split("] ", 1)[-1] for e in errs)) or "see " + txt
    print(f"FAIL  {target}: kunit: report: {why[:300]}")
PY
done >"$out"
cat "$out"
summarize "$out"
