#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh [TARGET]: the cost per event of mmscope's probes (make bench).
# Builds the module for TARGET, boots it once under QEMU and runs
# tests/guest/bench.sh there: a tracepoint fired in a tight loop under six
# arms (nothing, mmscope, bpftrace count() and hist(), ftrace with and
# without a reader), rounds in shuffled order; and a reclaim-heavy hog
# with the module unloaded, loaded, and loaded with the vmscan probes
# disabled.  Prints tables of medians and spreads, ratios to "unloaded",
# and nanoseconds per event, against bpftrace's and ftrace's.  Never
# pass/fail: under TCG every absolute figure is inflated, ratios are what
# to compare.  MMSCOPE_BENCH_N sets the writes per round (default 20000),
# MMSCOPE_BENCH_ROUNDS the rounds of the tracepoint arms (default 10).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

target_load "${1:-debian-6.12-amd64}"
out=$MMSCOPE_TOP/build/$T_NAME
mkdir -p "$out"
"$MMSCOPE_TOP/scripts/build-target.sh" "$T_NAME" >"$out/bench.build.log" 2>&1 ||
	{ cat "$out/bench.build.log"; die "build for $T_NAME failed"; }
"$MMSCOPE_TOP/scripts/mkinitramfs.sh" "$T_NAME" "$out/bench.cpio.gz" \
	--module "$out/module/mmscope.ko" --tests "$MMSCOPE_TOP/tests/guest" >/dev/null
# bpftrace, for its arms, from the target's own packages (cached).
bpf=()
if img=$("$MMSCOPE_TOP/scripts/bpftrace-image.sh" "$T_ARCH" 2>"$out/bench.bpftrace.log"); then
	bpf=(--disk-ro "$img")
else
	echo "bench: no bpftrace image ($(tail -n 1 "$out/bench.bpftrace.log")): its arms are left out"
fi
echo "bench: $T_NAME ($T_KREL) under QEMU TCG, 256 MiB, 2 CPUs; some 10 minutes"
rc=0
"$MMSCOPE_TOP/scripts/vm.sh" "$T_NAME" --initrd "$out/bench.cpio.gz" \
	--mem 256M --timeout 2400 --log "$out/bench.log" "${bpf[@]}" \
	--env "MMSCOPE_SCENARIOS=bench" \
	${MMSCOPE_BENCH_N:+--env "MMSCOPE_BENCH_N=$MMSCOPE_BENCH_N"} \
	${MMSCOPE_BENCH_ROUNDS:+--env "MMSCOPE_BENCH_ROUNDS=$MMSCOPE_BENCH_ROUNDS"} \
	>"$out/bench.vm.txt" 2>&1 || rc=$?
[ $rc -eq 0 ] || { cat "$out/bench.vm.txt"; die "the bench run failed; console log: $out/bench.log"; }

tr -d '\r' <"$out/bench.log" | sed -n 's/^mmscope-bench: //p' >"$out/bench.txt"
grep -v '^tp [a-z-]* round=\|^reclaim [a-z=]* pass=' "$out/bench.txt" | sed 's/^/# /'
# "tp ARM round=N ns_per_write=NS": per arm, the median of the rounds and
# the interquartile range (25th to 75th percentile, as a fraction of the
# median: the noise), the median's ratio to "unloaded", the cost per
# event (median - unloaded's median), and that cost against bpftrace's
# count() and ftrace's.
awk '
	function pct(k, q,   i, j, t, n, pos, lo) {
		n = cnt[k]
		for (i = 1; i <= n; i++)
			v[i] = val[k, i]
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		pos = 1 + (n - 1) * q
		lo = int(pos)
		return lo >= n ? v[n] : v[lo] + (v[lo + 1] - v[lo]) * (pos - lo)
	}
	$1 == "tp" && $3 ~ /^round=/ {
		split($4, f, "=")
		if (!($2 in cnt))
			arms[++na] = $2
		val[$2, ++cnt[$2]] = f[2]
	}
	END {
		if (!na)
			exit
		# The arms in a fixed order, then any other.
		n = split("unloaded mmscope bpftrace-count bpftrace-hist ftrace ftrace-reader", known, " ")
		na2 = 0
		for (i = 1; i <= n; i++)
			if (known[i] in cnt)
				sorted[++na2] = known[i]
		for (i = 1; i <= na; i++) {
			for (j = 1; j <= n && known[j] != arms[i]; j++)
				;
			if (j > n)
				sorted[++na2] = arms[i]
		}
		for (i = 1; i <= na; i++)
			arms[i] = sorted[i]
		for (i = 1; i <= na; i++)
			med[arms[i]] = pct(arms[i], 0.5)
		base = med["unloaded"]
		printf "%-15s %6s %10s %7s %7s %9s %10s %10s %s\n", "arm (tp)", "rounds",
		       "ns/write", "IQR", "ratio", "ns/event", "/bpftrace", "/ftrace",
		       "above noise"
		ub = pct("unloaded", 0.75) - pct("unloaded", 0.25)
		for (i = 1; i <= na; i++) {
			a = arms[i]
			c = med[a] - base
			# The cost is told apart from the noise when it exceeds
			# the interquartile ranges of both arms together.
			sp = pct(a, 0.75) - pct(a, 0.25) + ub
			above = a == "unloaded" ? "-" : c > sp ? "yes" : "no"
			cb = "unloaded" in med && "bpftrace-count" in med ? med["bpftrace-count"] - base : 0
			cf = "unloaded" in med && "ftrace" in med ? med["ftrace"] - base : 0
			printf "%-15s %6d %10.0f %6.1f%% %7.3f %9s %10s %10s %s\n", a, cnt[a], med[a],
			       100 * (pct(a, 0.75) - pct(a, 0.25)) / med[a], med[a] / base,
			       a == "unloaded" ? "-" : sprintf("%.0f", c),
			       a == "unloaded" || cb <= 0 ? "-" : sprintf("%.2f", c / cb),
			       a == "unloaded" || cf <= 0 ? "-" : sprintf("%.2f", c / cf), above
		}
	}' "$out/bench.txt"
echo
# "KIND CONFIG pass=N key=value ...": the best time of the passes per
# configuration, the spread (worst / best: the noise), the ratio of best
# times to "unloaded"; for "loaded", the events it counted and
# (loaded - unloaded) / events.
awk '
	($1 == "tp" || $1 == "reclaim") && $3 ~ /^pass=/ && $2 != "warmup" {
		delete f
		for (i = 3; i <= NF; i++) { split($i, a, "="); f[a[1]] = a[2] }
		# Whole runs in ns: tp gives ns per write, reclaim ms per run.
		t = $1 == "tp" ? f["ns_per_write"] * f["writes"] : f["ms"] * 1e6
		k = $1 SUBSEP $2
		if (t > worst[k]) worst[k] = t
		if (!(k in best) || t < best[k]) {
			best[k] = t
			evs[k] = f["events_counted"]
			unit[k] = $1 == "tp" ? f["ns_per_write"] " ns/write" : f["ms"] " ms"
		}
		if (!(k in seen)) { seen[k] = 1; order[++n] = k }
	}
	END {
		printf "%-8s %-9s %16s %7s %7s %9s %9s\n", "workload", "config",
		       "time (best)", "spread", "ratio", "events", "ns/event"
		for (i = 1; i <= n; i++) {
			split(order[i], p, SUBSEP)
			base = best[p[1] SUBSEP "unloaded"]
			nse = "-"
			if (p[2] == "loaded" && evs[order[i]] > 0)
				nse = sprintf("%.0f", (best[order[i]] - base) / evs[order[i]])
			if (nse + 0 < 0)
				nse = "noise"
			printf "%-8s %-9s %16s %7.2f %7.3f %9s %9s\n", p[1], p[2], unit[order[i]],
			       worst[order[i]] / best[order[i]], best[order[i]] / base,
			       p[2] == "unloaded" ? "-" : evs[order[i]], nse
		}
	}' "$out/bench.txt"
echo "bench: raw lines in $out/bench.txt, console in $out/bench.log"
