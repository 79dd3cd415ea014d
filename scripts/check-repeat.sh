#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-repeat.sh N [TARGET...]: boot each TARGET (default: every target)
# N times, running the whole scenario suite in each boot (scripts/check.sh
# without host tests and checkpatch; MMSCOPE_SCENARIOS narrows it), and
# report every result whose verdict was not the same in all N rounds: a
# check whose verdict depends on chance is a defect to fix at its cause.
#
# Prints each round's summary, then "VARIES  name: v1 v2 ..." for each
# result that differed (or was missing from a round), then one line
#   N passed, N failed
# where a result passes if it passed in every round.  Logs are in
# build/check-repeat/ROUND/.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] && [[ $1 =~ ^[1-9][0-9]*$ ]] ||
	die "usage: check-repeat.sh N [TARGET...] (targets: $(target_names | xargs))"
n=$1
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$(target_names | xargs)"
top=$MMSCOPE_TOP/build/check-repeat
rm -rf "$top"
mkdir -p "$top"

for r in $(seq 1 "$n"); do
	echo "== round $r of $n: ${targets[*]}"
	MMSCOPE_CHECK_OUT=$top/$r MMSCOPE_CHECK_SCENARIOS_ONLY=1 \
		"$MMSCOPE_TOP/scripts/check.sh" "${targets[@]}" >"$top/round-$r.log" 2>&1
	echo "round $r: $(tail -n 1 "$top/round-$r.log")"
	# "VERDICT name" a line, the reason dropped: it may quote figures.
	grep -E '^(PASS|FAIL|SKIP)  ' "$top/$r/results.txt" |
		sed -E 's/^(PASS|FAIL|SKIP)  (.*)$/\1 \2/; s/^(FAIL|SKIP) ([^:]*: [^:]*):.*/\1 \2/' |
		sort -k2 >"$top/verdicts-$r"
done

awk -v n="$n" '
	{
		r = FILENAME; sub(/.*verdicts-/, "", r)
		v = $1; $1 = ""; name = substr($0, 2)
		seen[name]; verdict[name, r] = v
	}
	END {
		for (name in seen) {
			line = ""; same = 1; first = verdict[name, 1]
			for (r = 1; r <= n; r++) {
				x = ((name, r) in verdict) ? verdict[name, r] : "missing"
				line = line " " x
				if (x != first) same = 0
			}
			if (!same) { printf "VARIES  %s:%s\n", name, line; f++ }
			else if (first == "PASS") p++
			else if (first == "FAIL") { printf "FAIL  %s: in every round\n", name; f++ }
		}
		printf "%d passed, %d failed\n", p, f
		exit f > 0
	}' "$top"/verdicts-*
