# SPDX-License-Identifier: GPL-2.0
#
# buckets.awk: one histogram's distribution over a window, mmscope's
# against bpftrace's.  Run as
#
#   awk -v h=HIST -v b=EPOCH0 -v a=EPOCH1 -v tol=NS -f buckets.awk \
#       BEFORE.h AFTER.h DURS
#
# BEFORE.h and AFTER.h hold snap_hists' "HIST_row LO HI COUNT" lines: the
# rows of the histogram's debugfs table (usecs: every value of the row is
# in [LO * 1000, (HI + 1) * 1000) ns).  DURS holds bpf_stop's
# "dh HIST EPOCH LOW COUNT" lines: bpftrace's hist() of the same begin/end
# pairs, power-of-two buckets [LOW, 2 * LOW) ns from LOW 1024 (LOW 0 is
# [0, 1024)), by epoch; the window is epochs [b, a).  The powers of two
# compared are those bounds, 2^10 to 2^41 ns.
#
# Each event's two durations differ by at most tol ns (the per-event
# bound of the sum check), so at every power of two X, bpftrace's count
# of durations below X is at least mmscope's count of rows wholly below
# X - tol and at most its count of rows that begin below X + tol.  Some
# events are off by more: an interrupt or a TCG vCPU switch between the
# two probes stretches one read (seen: 5 of 9,673 shrinker calls more
# than 1 ms apart, 2 of 1,768 in another window: up to 0.11%, and they
# come at random, so a window of 1,768 may have 4 or 5).  The bounds are
# widened by one event and one per hundred: a misfiling of most events
# fails, one of fewer than 1% may not.  Both sides must hold as many events.
# Prints "ok: ..." with the number of events, of powers of two, of
# events shown off by over tol, of those that split bpftrace's events
# (some below, some above) and of those where mmscope's bounds were
# narrower than all or none; or, for each power of two out of bounds,
# "bad X: bpftrace B, mmscope [L, U]".
# busybox awk and mawk: no ^ operator, no comma in a for's init.

(FILENAME == ARGV[1] || FILENAME == ARGV[2]) && $1 == h "_row" {
	m[$2] += (FILENAME == ARGV[1] ? -1 : 1) * $4
	if ($3 > hi[$2] + 0)
		hi[$2] = $3
	next
}
FILENAME == ARGV[3] && $1 == "dh" && $2 == h && $3 >= b + 0 && $3 < a + 0 {
	bp[$4] += $5
}
END {
	tm = 0
	for (lo in m)
		tm += m[lo]
	tb = 0
	for (l in bp)
		tb += bp[l]
	allow = 1 + int(tm / 100)
	excess = 0
	n = 0
	nsplit = 0
	narrowed = 0
	out = ""
	x = 1024
	for (k = 10; k <= 41; k++) {
		B = 0
		for (l in bp)
			if (l + 0 < x)
				B += bp[l]
		L = 0
		U = 0
		for (lo in m) {
			if ((hi[lo] + 1) * 1000 <= x - tol)
				L += m[lo]
			if (lo * 1000 < x + tol)
				U += m[lo]
		}
		n++
		if (B > 0 && B < tm) {
			nsplit++
			if (L - 1 > 0 || U + 1 < tm)
				narrowed++
		}
		# Events that must be off by more than tol to explain X.
		e = L - B > B - U ? L - B : B - U
		at = sprintf("%.0f: bpftrace %d, mmscope [%d, %d]", x, B, L, U)
		if (e > excess) {
			excess = e
			worst = at
		}
		if (e > allow)
			out = out "bad " at "\n"
		x *= 2
	}
	if (tb != tm)
		out = out sprintf("bad total: bpftrace's hist %d events, mmscope's rows %d\n", tb, tm)
	# Where events were off, the inputs, to tell why.
	if (excess > 0) {
		worst = worst "; bpftrace's buckets"
		for (l in bp)
			if (bp[l] != 0)
				worst = worst sprintf(" %.0f:%d", l, bp[l])
		worst = worst "; mmscope's rows"
		for (lo in m)
			if (m[lo] != 0)
				worst = worst sprintf(" %s-%s:%d", lo, hi[lo], m[lo])
	}
	if (out != "")
		printf "%s", out
	else
		printf "ok: %d events, within bounds at %d powers of two (%d off by over tol, %d allowed); %d split the events, the bounds narrowed %d of those%s\n", tm, n, excess, allow, nsplit, narrowed, excess ? "; most off at " worst : ""
}
