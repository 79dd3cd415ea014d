#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# readme-samples.sh --update|--check [CONSOLE_LOG]: the README's sample
# outputs, taken from a real run.
#
# Each sample in README.md is a fenced block right after a line
# "<!-- sample: NAME -->".  A guest run prints the same outputs between
# "MMSCOPE-SAMPLE-BEGIN NAME" and "MMSCOPE-SAMPLE-END NAME" (tests/guest/
# lib.sh: sample), and the demo between MMSCOPE-DEMO-BEGIN and -END (as
# sample "demo"), on the console that CONSOLE_LOG recorded (default: the
# last make check's, on the README's target).
#
#   --update  replace every sample block with the run's output
#             (make readme-samples)
#   --check   one result line per sample: whether the README's block has
#             the shape of the run's output (its first line with numbers
#             masked; for the demo, the version and probe lines exactly;
#             for zones, the same zones), so that a changed output format
#             or probe count fails make check until the README is
#             regenerated.  Figures that vary between runs are not
#             compared.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-}
case $mode in
--update|--check) ;;
*) echo "usage: readme-samples.sh --update|--check [CONSOLE_LOG]" >&2; exit 2 ;;
esac
log=${2:-$MMSCOPE_TOP/build/check/debian-6.12-amd64/console.log}
readme=${MMSCOPE_README:-$MMSCOPE_TOP/README.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_sample NAME: the run's output for sample NAME, without the kernel's
# console lines or the blank lines the markers bring.
run_sample() {
	local b="MMSCOPE-SAMPLE-BEGIN $1" e="MMSCOPE-SAMPLE-END $1"

	if [ "$1" = demo ]; then
		b=MMSCOPE-DEMO-BEGIN
		e=MMSCOPE-DEMO-END
	fi
	tr -d '\r' <"$log" | awk -v b="$b" -v e="$e" '
		$0 == b { on = 1; n = 0; next }
		$0 == e { on = 0; done = 1 }
		on && !done && !/^\[ *[0-9]+\.[0-9]+\] / { line[++n] = $0 }
		END {
			s = 1
			while (s <= n && line[s] == "") s++
			while (n >= s && line[n] == "") n--
			for (i = s; i <= n; i++) print line[i]
		}'
}

# readme_sample NAME: the README's block for sample NAME.
readme_sample() {
	awk -v m="<!-- sample: $1 -->" '
		$0 == m { want = 1; next }
		want == 1 && /^```/ { want = 2; next }
		want == 2 && /^```/ { exit }
		want == 2 { print }' "$readme"
}

# shape NAME: what --check compares of a sample (stdin).
shape() {
	case $1 in
	demo)	grep -E '^(mmscope .* on |probes: )' || true ;;
	zones)	grep -oE '^node [0-9]+ zone [A-Za-z0-9]+' || true ;;
	*)	head -n 1 | sed -E 's/[0-9]+(\.[0-9]+)?/N/g; s/ +/ /g' ;;
	esac
}

names=$(sed -n 's/^<!-- sample: \([a-z0-9-]*\) -->$/\1/p' "$readme")
[ -n "$names" ] || die "$readme has no '<!-- sample: NAME -->' line"
if [ ! -f "$log" ]; then
	[ "$mode" = --check ] || die "no console log at $log: run make check (or make test) first"
	for n in $names; do
		echo "FAIL  readme-sample: $n: no console log at $log"
	done
	exit 1
fi

rc=0
for n in $names; do
	run_sample "$n" >"$tmp/run"
	if [ ! -s "$tmp/run" ]; then
		[ "$mode" = --update ] && die "sample $n is not in $log"
		echo "FAIL  readme-sample: $n: not in $log"
		rc=1
		continue
	fi
	if [ "$mode" = --update ]; then
		awk -v m="<!-- sample: $n -->" -v f="$tmp/run" '
			$0 == m { print; state = 1; next }
			state == 1 && /^```/ { print; while ((getline l < f) > 0) print l; state = 2; next }
			state == 2 && /^```/ { print; state = 0; next }
			state == 2 { next }
			{ print }' "$readme" >"$tmp/readme"
		cat "$tmp/readme" >"$readme"
		echo "readme-samples: $n: $(wc -l <"$tmp/run") lines"
		continue
	fi
	readme_sample "$n" | shape "$n" >"$tmp/want"
	shape "$n" <"$tmp/run" >"$tmp/got"
	if [ -s "$tmp/got" ] && cmp -s "$tmp/want" "$tmp/got"; then
		echo "PASS  readme-sample: $n"
	else
		echo "FAIL  readme-sample: $n: README has '$(tr '\n' '|' <"$tmp/want")', the run '$(tr '\n' '|' <"$tmp/got")': make readme-samples"
		rc=1
	fi
done
exit $rc
