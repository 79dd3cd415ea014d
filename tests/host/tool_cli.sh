#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tool_cli.sh MMSCOPE: the mmscope command tried as a user would, against
# a copy of a fixture's views that the test changes under it: intervals
# across a module reload and an unload, '-' for standard input and output,
# what each odd input is called, formats that cannot be mixed, exact
# Prometheus bounds, RFC 3339 times, escaped task names.
#
# Intervals are 2 s and every change is made 1 s away from any snapshot
# (stat and hist take theirs at start + k * INTERVAL), so a loaded host
# has a whole second of slack either way.
#
# Prints "PASS  host: tool-..." or "FAIL  host: tool-...: why" per test.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
mms=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx=$top/tests/fixtures/debian-6.12-amd64

host_prefix=tool-
. "$top/tests/host/lib.sh"

# setv DIR NAME VALUE: set figure NAME of DIR's vmstat view.
setv() { sed -i "s/^$2 .*/$2 $3/" "$1/vmstat"; }

# stat across a reload: the interval that spans it is a RESTART line, not
# figures, and the Average is that of the intervals shown; %vmeff stays
# at most 100 when an interval steals more than it scans.
d=$tmp/reload
cp -r "$fx" "$d"
setv "$d" pgscan_kswapd 1000
setv "$d" pgsteal_kswapd 1000
"$mms" -d "$d" stat 2 3 >"$tmp/st.txt" 2>"$tmp/st.err" &
pid=$!
sleep 1				# t=1: interval 1 scans 100, steals 300
setv "$d" pgscan_kswapd 1100
setv "$d" pgsteal_kswapd 1300
sleep 2				# t=3: reloaded: the counters start again
setv "$d" pgscan_kswapd 10
setv "$d" pgsteal_kswapd 10
sleep 2				# t=5: interval 3 scans 400, steals 200
setv "$d" pgscan_kswapd 410
setv "$d" pgsteal_kswapd 210
wait $pid
rc=$?
bad=
[ $rc -eq 0 ] || bad="rc $rc: $(cat "$tmp/st.err")"
rows=$(grep -c '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] ' "$tmp/st.txt")
restart=$(grep -c 'RESTART' "$tmp/st.txt")
[ "$rows" -eq 3 ] && [ "$restart" -eq 1 ] || bad="$bad rows $rows restart $restart"
# sar's columns: label pgscank/s pgscand/s pgsteal/s %vmeff ...
awk '$2 == "mmscope" && $3 == "RESTART" { r = NR } END { exit !(r == 3) }' "$tmp/st.txt" ||
	bad="$bad restart-not-second-interval"
# near A B: A is B within 1% (an interval lasts 2 s and a little more).
near() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b * 0.99 && a <= b * 1.01) }'; }
set -- $(awk 'NR == 2 { print $2, $4, $5 }' "$tmp/st.txt")
near "${1:-x}" 50 && near "${2:-x}" 150 && [ "${3:-}" = 100.00 ] ||
	bad="$bad first-interval:'$*'"
# Average: (100 + 400) scanned and (300 + 200) stolen over 4 s.
set -- $(awk '$1 == "Average:" { print $2, $4, $5 }' "$tmp/st.txt")
near "${1:-x}" 125 && near "${2:-x}" 125 && [ "${3:-}" = 100.00 ] ||
	bad="$bad average:'$*'"
[ -z "$bad" ] && ok "stat-reload" || ko "stat-reload" "$bad $(tr '\n' '|' <"$tmp/st.txt")"

# JSON: the same, a "restart" line, RFC 3339 times in UTC that a date
# parser reads back to within a minute of now.
cp -r "$fx" "$tmp/reload-json"
d=$tmp/reload-json
setv "$d" pgscan_kswapd 1000
"$mms" -d "$d" --json stat 2 2 >"$tmp/st.json" 2>"$tmp/st.err" &
pid=$!
sleep 1
setv "$d" pgscan_kswapd 5
wait $pid
bad=$(python3 -c '
import json, sys, datetime
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
types = [l["type"] for l in lines]
if types != ["restart", "interval", "average"]:
    print("types", types)
now = datetime.datetime.now(datetime.timezone.utc)
for l in lines:
    t = datetime.datetime.strptime(l["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    if abs((now - t).total_seconds()) > 60:
        print("time", l["time"])
' "$tmp/st.json" 2>&1)
[ -z "$bad" ] && ok "stat-json-restart-rfc3339" || ko "stat-json-restart-rfc3339" "$bad"

# Unloaded during stat: an error line, exit 1, and still the Average of
# the interval shown.
cp -r "$fx" "$tmp/unload"
d=$tmp/unload
"$mms" -d "$d" stat 2 3 >"$tmp/st.txt" 2>"$tmp/st.err" &
pid=$!
sleep 3
rm -rf "$d"
wait $pid
rc=$?
if [ $rc -eq 1 ] && [ "$(grep -c '^[0-9][0-9]:' "$tmp/st.txt")" -eq 1 ] &&
   grep -q '^Average:' "$tmp/st.txt" && [ "$(wc -l <"$tmp/st.err")" -eq 1 ]; then
	ok "stat-unload-average"
else
	ko "stat-unload-average" "rc $rc out $(tr '\n' '|' <"$tmp/st.txt") err $(cat "$tmp/st.err")"
fi

# A malformed figure is shown as '-' and said once, not read as 0.
cp -r "$fx" "$tmp/malformed"
d=$tmp/malformed
setv "$d" allocstall_movable 12x
out=$("$mms" -d "$d" stat 2>"$tmp/err")
if [ "$(awk '$1 == "total" { print $6 }' <<<"$out")" = - ] &&
   [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "'allocstall_movable' is not a number" "$tmp/err"; then
	ok "malformed-figure"
else
	ko "malformed-figure" "out $out err $(cat "$tmp/err")"
fi

# hist INTERVAL COUNT: what each interval added; a count that went back
# is a RESTART.
cp -r "$fx" "$tmp/hist"
d=$tmp/hist
h=$d/histograms/direct_reclaim
"$mms" -d "$d" hist direct_reclaim 2 2 >"$tmp/h.txt" 2>"$tmp/h.err" &
pid=$!
sleep 1
# One more value in the first row of the table, and the count with it.
awk 'BEGIN { done = 0 }
     /^count / { $2 = $2 + 1 }
     !done && /^ *[0-9.]+ -> [0-9.]+ *: *[0-9]+/ { sub(/: *[0-9]+/, ": " ($5 + 1)); done = 1 }
     { print }' "$h" >"$h.new" && cat "$h.new" >"$h"
sleep 2
sed -i 's/^count .*/count 1/' "$h"
wait $pid
rc=$?
if [ $rc -eq 0 ] && grep -q '^direct_reclaim: count 1 in 2\.' "$tmp/h.txt" &&
   grep -q '^direct_reclaim: RESTART' "$tmp/h.txt"; then
	ok "hist-intervals"
else
	ko "hist-intervals" "rc $rc out $(tr '\n' '|' <"$tmp/h.txt") err $(cat "$tmp/h.err")"
fi

# stat's Average has the latency percentiles of the intervals it
# averages: here one interval timed one pass, the other none.
cp -r "$fx" "$tmp/avglat"
d=$tmp/avglat
"$mms" -d "$d" stat 2 2 >"$tmp/al.txt" 2>"$tmp/al.err" &
pid=$!
sleep 1
h=$d/histograms/direct_reclaim
awk 'BEGIN { done = 0 }
     /^count / { $2 = $2 + 1 }
     !done && /^ *[0-9.]+ -> [0-9.]+ *: *[0-9]+/ { sub(/: *[0-9]+/, ": " ($5 + 1)); done = 1 }
     { print }' "$h" >"$h.new" && cat "$h.new" >"$h"
wait $pid
first=$(awk 'NR == 2 { print $9, $10 }' "$tmp/al.txt")
avg=$(awk '$1 == "Average:" { print $9, $10 }' "$tmp/al.txt")
if [ -n "$first" ] && [ "$first" = "$avg" ] && [ "${avg%% *}" != 0.0 ] && [ "${avg%% *}" != - ]; then
	ok "stat-average-latency"
else
	ko "stat-average-latency" "interval '$first' average '$avg': $(tr '\n' '|' <"$tmp/al.txt")"
fi

# hist --json without NAME: a JSON list of the histograms.
out=$("$mms" -d "$fx" --json hist)
if python3 -c 'import json, sys; l = json.loads(sys.argv[1]); assert "direct_reclaim" in l and all(isinstance(x, str) for x in l)' "$out" 2>/dev/null; then
	ok "hist-json-list"
else
	ko "hist-json-list" "$out"
fi

# Prometheus bounds: exactly 2^k ns, in seconds, for every k.
bad=$("$mms" -d "$fx" export --prometheus | python3 -c '
import sys, re
from decimal import Decimal
seen = set()
for line in sys.stdin:
    m = re.match(r"mmscope_direct_reclaim_seconds_bucket\{le=\"([^\"]+)\"\}", line)
    if not m or m.group(1) == "+Inf":
        continue
    ns = Decimal(m.group(1)) * 10**9
    if ns != ns.to_integral_value() or int(ns) & (int(ns) - 1):
        print("inexact", m.group(1))
    seen.add(int(ns))
want = {1 << k for k in range(10, 41)}
if seen != want:
    print("bounds", sorted(want - seen)[:3], sorted(seen - want)[:3])
' 2>&1)
[ -z "$bad" ] && ok "export-le-exact" || ko "export-le-exact" "$bad"

# mmscope_build_info: the command's and the module's versions.  (The
# output is kept first: under pipefail, grep -q ending the pipe early
# would fail it with the writer's SIGPIPE.)
out=$("$mms" -d "$fx" export --prometheus)
if grep -q '^mmscope_build_info{version="[0-9.]*",module_version="0.1.0",abi="0.2",kernel="6.12.117+deb12-amd64"} 1$' <<<"$out"; then
	ok "export-build-info"
else
	ko "export-build-info" "$(grep build_info <<<"$out")"
fi

# Errors, each one line naming the right thing, with its exit status.
expect() {		# expect NAME RC PATTERN CMD...
	local name=$1 want=$2 pat=$3 rc
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ $rc -eq "$want" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	   grep -q -- "$pat" "$tmp/err"; then
		ok "error: $name"
	else
		ko "error: $name" "rc $rc (want $want), stderr: $(cat "$tmp/err")"
	fi
}
expect export-prom-om 2 "not both --prometheus and --openmetrics" \
	"$mms" -d "$fx" export --prometheus --openmetrics
expect export-json-prom 2 "not both --json and --prometheus" \
	"$mms" -d "$fx" --json export --prometheus
expect oom-last-noarg 2 "option '--last' is unknown or lacks its argument" \
	"$mms" -d "$fx" oom --last
expect debugfs-is-file 1 "is not a directory" "$mms" -d /etc/hostname stat
: >"$tmp/empty.mms"
expect report-empty 1 "is empty: not a recording" "$mms" report "$tmp/empty.mms"
printf 'hello, this is not a recording\n' >"$tmp/text.mms"
expect report-not-recording 1 "is not an mmscope recording" "$mms" report "$tmp/text.mms"
expect report-stdin-empty 1 "standard input is empty" "$mms" report -
expect hist-bad-interval 2 "INTERVAL must be" "$mms" -d "$fx" hist direct_reclaim 0

# '-': record to standard output, report from standard input, as perf
# does; no file named '-' appears.
(cd "$tmp" && "$mms" -d "$fx" record -o - 1 1 2>"$tmp/rec.err" |
	"$mms" report - >"$tmp/rep.txt" 2>"$tmp/rep.err")
if [ ! -e "$tmp/-" ] && [ -s "$tmp/rep.txt" ] && [ ! -s "$tmp/rep.err" ] &&
   grep -q 'standard output' "$tmp/rec.err" &&
   cmp -s <("$mms" -d "$fx" record -o "$tmp/r.mms" 1 1 2>/dev/null; "$mms" report "$tmp/r.mms" | grep -c .) \
	  <(grep -c . "$tmp/rep.txt"); then
	ok "record-report-pipe"
else
	ko "record-report-pipe" "rec: $(cat "$tmp/rec.err") rep: $(cat "$tmp/rep.err") lines $(wc -l <"$tmp/rep.txt")"
fi

# oom text: control bytes of a task name shown as '?', as ps does.
cp -r "$fx" "$tmp/oomcomm"
d=$tmp/oomcomm
sed -i "s/victim_comm=[^ ]*/victim_comm=ev$(printf '\033')[2Jil/" "$d/oom"
out=$("$mms" -d "$d" oom)
if grep -q 'Victim: ev?\[2Jil' <<<"$out" && ! grep -q "$(printf '\033')" <<<"$out"; then
	ok "oom-comm-escaped"
else
	ko "oom-comm-escaped" "$(grep Victim <<<"$out" | cat -v)"
fi

# --version: the command's ABI, then the module's.
out=$("$mms" -d "$fx" --version)
if [ "$(sed -n 2p <<<"$out")" = "module: mmscope 0.1.0, ABI 0.2" ]; then
	ok "version-module"
else
	ko "version-module" "$out"
fi

# Prometheus's own linter and the OpenMetrics reference parser read the
# exports of every fixture (Debian's prometheus, python3-prometheus-client;
# Debian's python3, whatever python3 comes first on PATH).
for fxd in "$top"/tests/fixtures/*/; do
	fxd=${fxd%/}
	[ -f "$fxd/version" ] || continue
	t=$(basename "$fxd")
	if command -v promtool >/dev/null; then
		"$mms" -d "$fxd" export --prometheus >"$tmp/p.prom"
		if out=$(promtool check metrics <"$tmp/p.prom" 2>&1) && [ -z "$out" ]; then
			ok "promtool: $t ($(grep -vc '^#' "$tmp/p.prom") samples)"
		else
			ko "promtool: $t" "$out"
		fi
	else
		absent "promtool: $t" "no promtool (Debian package prometheus)"
	fi
	if /usr/bin/python3 -c 'import prometheus_client' 2>/dev/null; then
		"$mms" -d "$fxd" export --openmetrics >"$tmp/p.om"
		if out=$(/usr/bin/python3 -c '
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
fams = list(text_string_to_metric_families(open(sys.argv[1]).read()))
n = sum(len(f.samples) for f in fams)
want = sum(1 for l in open(sys.argv[1]) if l.strip() and not l.startswith("#"))
if n != want:
    sys.exit("parsed %d samples of %d" % (n, want))
' "$tmp/p.om" 2>&1); then
			ok "openmetrics-parser: $t"
		else
			ko "openmetrics-parser: $t" "$(tail -n 1 <<<"$out")"
		fi
	else
		absent "openmetrics-parser: $t" "no python3-prometheus-client in /usr/bin/python3"
	fi
done
