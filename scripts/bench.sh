#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh [TARGET]: the cost per event of mmscope's probes (make bench).
# Builds the module for TARGET, boots it once under QEMU and runs
# tests/guest/bench.sh there: a tracepoint fired in a tight loop, and a
# reclaim-heavy hog, each with the module unloaded, loaded, and loaded
# with the probes in question disabled.  Prints a table of times, ratios
# to "unloaded" and nanoseconds per event.  Never pass/fail: under TCG
# every absolute figure is inflated, ratios are what to compare.
# MMSCOPE_BENCH_N sets the writes per round (default 20000).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

target_load "${1:-debian-6.12-amd64}"
out=$MMSCOPE_TOP/build/$T_NAME
mkdir -p "$out"
"$MMSCOPE_TOP/scripts/build-target.sh" "$T_NAME" >"$out/bench.build.log" 2>&1 ||
	{ cat "$out/bench.build.log"; die "build for $T_NAME failed"; }
"$MMSCOPE_TOP/scripts/mkinitramfs.sh" "$T_NAME" "$out/bench.cpio.gz" \
	--module "$out/module/mmscope.ko" --tests "$MMSCOPE_TOP/tests/guest" >/dev/null
echo "bench: $T_NAME ($T_KREL) under QEMU TCG, 256 MiB, 2 CPUs; a few minutes"
rc=0
"$MMSCOPE_TOP/scripts/vm.sh" "$T_NAME" --initrd "$out/bench.cpio.gz" \
	--mem 256M --timeout 1500 --log "$out/bench.log" \
	--env "MMSCOPE_SCENARIOS=bench" \
	${MMSCOPE_BENCH_N:+--env "MMSCOPE_BENCH_N=$MMSCOPE_BENCH_N"} \
	>"$out/bench.vm.txt" 2>&1 || rc=$?
[ $rc -eq 0 ] || { cat "$out/bench.vm.txt"; die "the bench run failed; console log: $out/bench.log"; }

tr -d '\r' <"$out/bench.log" | sed -n 's/^mmscope-bench: //p' >"$out/bench.txt"
grep -v '^tp \|^reclaim [a-z=]* pass=' "$out/bench.txt" | sed 's/^/# /'
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
