#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/buckets.awk, the guest's check of a histogram's buckets
# against bpftrace's hist(), on inputs made here, under each awk the
# guest or the host may run it with (busybox's, the host's mawk): it
# passes the distribution a real run gives and fails each way a module
# could misfile a duration.  Prints "PASS  host: buckets-NAME" lines.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/host/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prog=$top/tests/guest/buckets.awk
tol=1000000

# A window of direct reclaim: before, 3 events of 50-60 us; in the window
# 2 of 1.5 ms, 4 of 3.1 ms, 3 of 40 ms (mmscope's table rows in usecs).
cat >"$tmp/b.h" <<'X'
direct_reclaim_row 50 51 3
direct_reclaim_count 3
X
cat >"$tmp/a.h" <<'X'
direct_reclaim_row 50 51 3
direct_reclaim_row 1474 1638 2
direct_reclaim_row 3031 3276 4
direct_reclaim_row 39321 42597 3
direct_reclaim_count 12
X
# bpftrace: epoch 1 is the window; its durations some 100 us longer.
# Epoch 0 (before) and 2 (after) are outside it.
cat >"$tmp/durs" <<'X'
dh direct_reclaim 0 32768 3
dh direct_reclaim 1 1048576 2
dh direct_reclaim 1 2097152 4
dh direct_reclaim 1 33554432 3
dh direct_reclaim 2 4194304 9
dh kswapd_run 1 1024 7
X
run() {	# run AWK DURS [BEFORE AFTER]: the check's output
	$1 -v h=direct_reclaim -v b=1 -v a=2 -v tol=$tol -f "$prog" \
		"${3:-$tmp/b.h}" "${4:-$tmp/a.h}" "$2"
}
with_busybox buckets awk awk
for a in "${tools[@]}"; do
	n=buckets-${a%% *}
	out=$(run "$a" "$tmp/durs" 2>&1)
	case $out in
	"ok: 9 events, within bounds at 32 powers of two (0 off by over tol, 1 allowed); "*" narrowed "[1-9]*) ok "$n-agree" ;;
	*) ko "$n-agree" "$out" ;;
	esac
	# Misfiled: every duration 8 times too long (a unit slip), two of
	# the 40 ms events as 16-32 ms, and the window's edges ignored (the
	# 9 events of epoch 2 counted).
	awk '$3 == 1 { $4 = $4 / 8 } { print }' "$tmp/durs" >"$tmp/d1"
	sed 's/^dh direct_reclaim 1 33554432 3$/dh direct_reclaim 1 33554432 1\ndh direct_reclaim 1 16777216 2/' \
		"$tmp/durs" >"$tmp/d2"
	sed 's/^dh direct_reclaim 2 /dh direct_reclaim 1 /' "$tmp/durs" >"$tmp/d3"
	for d in d1 d2 d3; do
		out=$(run "$a" "$tmp/$d" 2>&1)
		case $out in
		bad\ *) ok "$n-fails-$d" ;;
		*) ko "$n-fails-$d" "passed altered input $d: $out" ;;
		esac
	done
	# One event off by more than tol (a TCG switch) passes; two do not.
	sed 's/^dh direct_reclaim 1 33554432 3$/dh direct_reclaim 1 33554432 2\ndh direct_reclaim 1 16777216 1/' \
		"$tmp/durs" >"$tmp/d4"
	sed 's/^dh direct_reclaim 1 2097152 4$/dh direct_reclaim 1 2097152 2\ndh direct_reclaim 1 8388608 2/' \
		"$tmp/durs" >"$tmp/d5"
	out=$(run "$a" "$tmp/d4" 2>&1)
	case $out in ok:*) ok "$n-one-switch" ;; *) ko "$n-one-switch" "$out" ;; esac
	out=$(run "$a" "$tmp/d5" 2>&1)
	case $out in bad\ *) ok "$n-two-off" ;; *) ko "$n-two-off" "$out" ;; esac
	# 2000 events of 3.1 ms: 21 off by over tol pass (1 + 2000 / 100),
	# 22 do not.
	echo "direct_reclaim_row 3031 3276 2000" >"$tmp/big.h"
	printf 'dh direct_reclaim 1 2097152 1979\ndh direct_reclaim 1 8388608 21\n' >"$tmp/d6"
	printf 'dh direct_reclaim 1 2097152 1978\ndh direct_reclaim 1 8388608 22\n' >"$tmp/d7"
	out=$(run "$a" "$tmp/d6" /dev/null "$tmp/big.h" 2>&1)
	case $out in "ok: 2000 events"*"(21 off by over tol, 21 allowed)"*) ok "$n-per-cent" ;;
	*) ko "$n-per-cent" "$out" ;; esac
	out=$(run "$a" "$tmp/d7" /dev/null "$tmp/big.h" 2>&1)
	case $out in bad\ *) ok "$n-over-per-cent" ;; *) ko "$n-over-per-cent" "$out" ;; esac
done
