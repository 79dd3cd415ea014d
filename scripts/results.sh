#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# results.sh [--scenarios "NAME..."] LOG...: the verdicts in serial
# console logs of scripts/vm.sh.
#
# Prints one line per MMSCOPE-RESULT line, then exactly one summary line:
#   N passed, N failed[, N skipped]
# A log without MMSCOPE-GUEST-END (the guest died or hung) counts as one
# more failure.  With --scenarios, each named scenario that did not print
# its MMSCOPE-SCENARIO-END in a log (tests/guest/run.sh) is one more: a
# scenario that did not run is not a pass.  Kernel trouble (WARNING, BUG, Oops, ...) is not looked for
# here: the guest's /init reports it as a FAIL of "kernel-log", having read
# /dev/kmsg, which the console loglevel cannot hide.
# Exit status: 0 if nothing failed, else 1.
#
# Result lines are found anywhere in a console line: the guest sends them
# through printk, which puts a timestamp, or the tail of some other output,
# before them.
set -euo pipefail

expect=
if [ "${1:-}" = --scenarios ]; then
	expect=$2
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: results.sh [--scenarios \"NAME...\"] LOG..." >&2; exit 2; }

passed=0 failed=0 skipped=0
for log in "$@"; do
	if [ ! -f "$log" ]; then
		echo "FAIL  $log: no such log"
		failed=$((failed + 1))
		continue
	fi
	counts=$(tr -d '\r' <"$log" | awk -v target="$log" -v expect="$expect" '
		# The target: from vm.sh header, then from the guest itself.
		/^MMSCOPE-VM target=/ && !started {
			target = substr($2, 8)
			next
		}
		/^MMSCOPE-VM / { next }
		/MMSCOPE-GUEST-START/ {
			started = 1
			if (match($0, /target=[^ ]+/))
				target = substr($0, RSTART + 7, RLENGTH - 7)
		}
		/MMSCOPE-GUEST-END/ { ended = 1 }
		/MMSCOPE-SCENARIO-END / {
			done[substr($0, index($0, "MMSCOPE-SCENARIO-END ") + 21)] = 1
		}
		/MMSCOPE-RESULT (PASS|FAIL|SKIP)( |$)/ {
			s = substr($0, index($0, "MMSCOPE-RESULT ") + 15)
			verdict = substr(s, 1, 4)
			s = substr(s, 6)
			test = s; why = ""
			if ((i = index(s, " ")) > 0) {
				test = substr(s, 1, i - 1)
				why = substr(s, i + 1)
			}
			if (test == "")
				test = "(unnamed)"
			why = why == "" ? "" : ": " why
			if (verdict == "PASS") {
				p++
				printf "PASS  %s: %s\n", target, test
			} else if (verdict == "FAIL") {
				f++
				printf "FAIL  %s: %s%s\n", target, test, why
			} else {
				s_++
				printf "SKIP  %s: %s%s\n", target, test, why
			}
		}
		END {
			n = split(expect, want, " ")
			for (i = 1; i <= n; i++) {
				if (want[i] in done)
					continue
				f++
				printf "FAIL  %s: scenario-%s: did not run to its end\n", target, want[i]
			}
			if (!ended) {
				f++
				printf "FAIL  %s: guest died or hung%s\n", target,
				       started ? " (no MMSCOPE-GUEST-END)" : " before its tests started"
			}
			printf "COUNTS %d %d %d\n", p, f, s_
		}')
	sed '$d' <<<"$counts"
	read -r _ p f s <<<"$(tail -n 1 <<<"$counts")"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

summary="$passed passed, $failed failed"
[ $skipped -eq 0 ] || summary="$summary, $skipped skipped"
echo "$summary"
[ $failed -eq 0 ]
