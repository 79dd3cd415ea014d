#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bpf_minmax (tests/guest/lib.sh), the guest's check of a histogram's
# min_ns and max_ns against bpftrace's min() and max() of the same
# events, on inputs made here, under bash and busybox sh: it passes what
# a module that keeps them right shows, and fails each way one could keep
# them wrong.  Prints "PASS  host: minmax-*" lines.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/host/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Before the window: 5 direct reclaims since the load, 300 ms to 350 ms.
# In it (epochs 1 and 2): 4 of 150 ms to 500 ms and 2 of 160 ms to 600
# ms, as bpftrace timed them; epoch 0 (before) had one of 1 ms, epoch 3
# (after) one of 900 ms.  Both bounds allow a stretched event (100 ms),
# so the wrong values below are further off than that.
printf '%s\n' "direct_reclaim_count 5" "direct_reclaim_min 300000000" \
	"direct_reclaim_max 350000000" >"$tmp/b.h"
cat >"$tmp/durs" <<'X'
dn direct_reclaim 0 1
dmi direct_reclaim 0 1000000
dmx direct_reclaim 0 1000000
dn direct_reclaim 1 4
dmi direct_reclaim 1 150000000
dmx direct_reclaim 1 500000000
dn direct_reclaim 2 2
dmi direct_reclaim 2 160000000
dmx direct_reclaim 2 600000000
dn direct_reclaim 3 1
dmi direct_reclaim 3 900000000
dmx direct_reclaim 3 900000000
X
# after NAME COUNT MIN MAX: an after-snapshot.
after() {
	printf '%s\n' "direct_reclaim_count $2" "direct_reclaim_min $3" \
		"direct_reclaim_max $4" >"$tmp/$1.h"
}
after good 11 150000040 600000100	# each a few us longer, as measured
after stretched 11 150000040 620000000	# the longest stretched by 20 ms
after min-stuck 11 300000000 600000100	# min kept from before
after max-stuck 11 150000040 350000000	# max kept from before
after min-edge 11 1000000 600000100	# epoch 0's event counted
after max-edge 11 150000040 900000000	# epoch 3's
after min-zero 11 0 600000100		# min never set
# The same window for a histogram empty before it, and one with nothing
# in the window.
printf '%s\n' "direct_reclaim_count 0" "direct_reclaim_min 0" \
	"direct_reclaim_max 0" >"$tmp/e.h"
after e-good 6 150000040 600000100
after e-zero 6 0 600000100
after idle-moved 5 290000000 350000000
cp "$tmp/b.h" "$tmp/idle.h"

cat >"$tmp/run.sh" <<'X'
MMS_TMP=$1/lib
here=$2/tests/guest
. "$2/tests/guest/lib.sh"
bpf_minmax direct_reclaim "$3" "$4" "$1/durs" "$5" "$6"
X
with_busybox minmax bash sh
for s in "${tools[@]}"; do
	n=minmax-${s%% *}
	# expect NAME VERDICT BEFORE AFTER [EPOCH0 EPOCH1]
	expect() {
		local out
		out=$($s "$tmp/run.sh" "$tmp" "$top" "$tmp/$3.h" "$tmp/$4.h" \
			"${5:-1}" "${6:-3}" 2>&1)
		case $out in
		"$2:"*) ok "$n-$1" ;;
		*) ko "$n-$1" "expected $2: $out" ;;
		esac
	}
	expect agree ok b good
	expect stretched ok b stretched
	expect min-stuck bad b min-stuck
	expect max-stuck bad b max-stuck
	expect min-edge bad b min-edge
	expect max-edge bad b max-edge
	expect min-zero bad b min-zero
	expect empty-before ok e e-good
	expect empty-before-zero bad e e-zero
	expect idle ok b idle 4 5
	expect idle-moved bad b idle-moved 4 5
done
