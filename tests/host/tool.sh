#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tool.sh [MMSCOPE]: host tests of the mmscope command (tools/).
#
#  - tools/parse.c and tools/json.c: unit tests (tool_unit_test.c)
#  - every subcommand that reads views (stat, hist, export, zones, frag,
#    oom, record) against the debugfs views a guest recorded
#    (tests/fixtures/TARGET/, from tests/fixtures/capture.sh), every view
#    it reads: each figure it prints, in text and JSON, is the fixture's
#    (tool_views.py), hist and export cover every histogram, its JSON
#    parses, its Prometheus text is well formed
#  - each error: exit status and one line saying what to do
#
# Prints "PASS  host: tool-..." or "FAIL  host: tool-...: why" per test.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-gcc}

host_prefix=tool-
. "$top/tests/host/lib.sh"

mms=${1:-}
if [ -z "$mms" ]; then
	if ! out=$(make -s -C "$top/tools" OUT="$tmp/build" 2>&1); then
		ko build "$out"
		exit 1
	fi
	mms=$tmp/build/mmscope
fi
ok build

if out=$("$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -I"$top/include/uapi" \
	-I"$top/tools" -o "$tmp/unit" "$top/tests/host/tool_unit_test.c" \
	"$top/tools/parse.c" "$top/tools/json.c" -lm 2>&1); then
	"$tmp/unit"
else
	ko unit "does not compile: $out"
fi

# json_ok FILE: FILE is one JSON document, or JSON Lines with -l.
json_ok() {
	python3 -c '
import json, sys
lines = sys.argv[2] == "-l"
text = open(sys.argv[1]).read()
docs = [l for l in text.splitlines() if l] if lines else [text]
for d in docs:
    json.loads(d)
' "$1" "${2:--}" 2>&1
}

# jget FILE KEY...: a value from a JSON document (first line for JSON Lines).
jget() {
	python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).read().splitlines()[0] if sys.argv[2] == "-l" else open(sys.argv[1]).read())
for k in sys.argv[3:]:
    d = d[k]
print("null" if d is None else d)
' "$@"
}

fig() { awk -v n="$2" '$1 == n { print $2; exit }' "$1"; }
# views CHECK FIXTURE OUTPUT...: what tool_views.py finds wrong, if anything.
views() { python3 "$top/tests/host/tool_views.py" "$@"; }
# result NAME PROBLEMS: PASS if PROBLEMS is only blanks.
result() {
	if [ -z "${2// /}" ]; then
		ok "$1"
	else
		ko "$1" "$(sed 's/^ *//' <<<"$2")"
	fi
}

nfix=0
for fx in "$top"/tests/fixtures/*/; do
	fx=${fx%/}
	[ -f "$fx/version" ] || continue
	t=$(basename "$fx")
	nfix=$((nfix + 1))

	# Every subcommand that reads views, against every view it reads:
	# each figure it prints, text and JSON, is the fixture's
	# (tool_views.py compares), and its output has the documented form.
	#
	# stat: totals from vmstat, counters, compaction and
	# histograms/direct_reclaim, column by column.
	bad=
	"$mms" -d "$fx" --json stat >"$tmp/stat.json" 2>"$tmp/err" || bad="exit $?: $(cat "$tmp/err")"
	err=$(json_ok "$tmp/stat.json" -l) || bad="$bad invalid JSON: $err"
	"$mms" -d "$fx" stat >"$tmp/stat.txt" 2>&1
	grep -q '^ *pgscank *pgscand *pgsteal *%vmeff *stalls *cstalls *oomkill *p50(us) *p99(us)$' "$tmp/stat.txt" ||
		bad="$bad text-header"
	bad="$bad $(views stat "$fx" "$tmp/stat.txt" "$tmp/stat.json")"
	result "stat-totals: $t" "$bad"

	# hist: every histogram of the fixture, its summary and slots; log2
	# slots as libbpf-tools print them.
	bad=
	for hf in "$fx"/histograms/*; do
		hn=$(basename "$hf")
		"$mms" -d "$fx" hist --json "$hn" >"$tmp/hist.json" 2>"$tmp/err" ||
			bad="$bad $hn: exit $?: $(cat "$tmp/err")"
		err=$(json_ok "$tmp/hist.json") || bad="$bad $hn: invalid JSON: $err"
		"$mms" -d "$fx" hist "$hn" >"$tmp/hist.txt"
		# Every row: "low -> high : count |40 columns|", low/high 2^i - 1 bounds.
		awk 'NR == 2 && !/^     usecs               : count    distribution$/ { print "header"; exit }
		     NR > 2 {
			bar = $0; sub(/^[^|]*\|/, "", bar)
			if (!match($0, /^ *[0-9]+ -> [0-9]+ *: [0-9]+ *\|[* ]*\|$/) ||
			    length(bar) != 41) { print "row " NR; exit }
			if ($3 + 1 != 2 ^ (NR - 2)) { print "bound " NR; exit }
		     }' "$tmp/hist.txt" | grep . && bad="$bad $hn: text-format"
		err=$(views hist "$fx" "$hn" "$tmp/hist.txt" "$tmp/hist.json") || bad="$bad $hn: $err"
	done
	[ "$(fig "$fx/histograms/direct_reclaim" count)" -gt 0 ] || bad="$bad direct_reclaim-empty"
	result "hist: $t: every histogram" "$bad"

	# export: every figure of vmstat, counters, version and every
	# histogram; well-formed families; cumulative buckets.
	bad=
	"$mms" -d "$fx" export --prometheus >"$tmp/prom" 2>"$tmp/err" || bad="exit $?: $(cat "$tmp/err")"
	# Text format 0.0.4: each sample's family was declared by TYPE
	# (histograms: name_bucket/_sum/_count); buckets never decrease and
	# +Inf equals _count.
	awk '
		/^# TYPE / { type[$3] = $4; next }
		/^#/ { next }
		{
			name = $1; sub(/\{.*/, "", name)
			fam = name
			if (!(fam in type)) { sub(/_(bucket|sum|count)$/, "", fam) }
			if (!(fam in type)) { print "undeclared " name; exit }
			if (name ~ /_bucket$/) {
				if (fam == last && $2 < prev) { print "decreasing " $0; exit }
				last = fam; prev = $2
				if ($1 ~ /le="\+Inf"/) inf[fam] = $2
			}
			if (name ~ /_count$/ && type[fam] == "histogram" && inf[fam] != $2) {
				print "count " fam; exit
			}
		}' "$tmp/prom" | grep . && bad="$bad format"
	"$mms" -d "$fx" export --openmetrics >"$tmp/om"
	[ "$(tail -n 1 "$tmp/om")" = "# EOF" ] || bad="$bad no-EOF"
	grep -q '^# TYPE mmscope_vmstat_allocstall_normal counter$' "$tmp/om" || bad="$bad om-family"
	grep -q '^# TYPE mmscope_vmstat_allocstall_normal_total counter$' "$tmp/prom" || bad="$bad prom-family"
	"$mms" -d "$fx" export --json >"$tmp/exp.json" || bad="$bad json-exit"
	err=$(json_ok "$tmp/exp.json") || bad="$bad invalid JSON: $err"
	bad="$bad $(views export "$fx" "$tmp/prom" "$tmp/exp.json")"
	result "export: $t" "$bad"

	# zones, frag, oom, from fixtures that have their views.
	if [ -f "$fx/zones" ]; then
		bad=
		"$mms" -d "$fx" --json zones >"$tmp/z.json" 2>"$tmp/err" || bad="exit $?: $(cat "$tmp/err")"
		python3 -c '
import json, sys
zones = json.load(open(sys.argv[1]))["zones"]
view = {}
for line in open(sys.argv[2]):
    t = line.split()
    if t and t[0] == "zone":
        f = dict(x.split("=", 1) for x in t[1:])
        if int(f["managed"]):
            view[(f["node"], f["zone"])] = f
assert len(zones) == len(view), (len(zones), len(view))
for z in zones:
    f = view[(str(z["node"]), z["zone"])]
    for k in ("free", "min", "low", "high", "managed", "boost"):
        assert z[k] == int(f[k]), (z["zone"], k)
    assert "decomposition" in z and z["decomposition"]["formula"] in ("match", "mismatch")
' "$tmp/z.json" "$fx/zones" 2>"$tmp/err" || bad="$bad $(tail -n 1 "$tmp/err")"
		"$mms" -d "$fx" zones >"$tmp/z.txt" || bad="$bad text-exit"
		grep -q '^    0 |[#mlh> ]*| [0-9]*$' "$tmp/z.txt" || bad="$bad no-ladder"
		bad="$bad $(views zones "$fx" "$tmp/z.txt" "$tmp/z.json")"
		result "zones: $t" "$bad"
	fi
	if [ -f "$fx/frag" ]; then
		bad=
		"$mms" -d "$fx" --json frag >"$tmp/f.json" 2>"$tmp/err" || bad="exit $?: $(cat "$tmp/err")"
		python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))["frag"]
view = [dict(x.split("=", 1) for x in l.split()[1:]) for l in open(sys.argv[2]) if l.startswith("frag ")]
buddy = {(f["node"], f["zone"], f["order"]): f["nr_free"] for f in
         (dict(x.split("=", 1) for x in l.split()[1:]) for l in open(sys.argv[3]) if l.startswith("buddy "))}
assert len(rows) == len(view) > 0
for r, f in zip(rows, view):
    assert r["fragmentation_index"] == f["fragmentation_index"] and r["unusable_index"] == f["unusable_index"], r
    assert r["nr_free"] == int(buddy[(f["node"], f["zone"], f["order"])]), r
' "$tmp/f.json" "$fx/frag" "$fx/buddy" 2>"$tmp/err" || bad="$bad $(tail -n 1 "$tmp/err")"
		"$mms" -d "$fx" frag >"$tmp/f.txt" || bad="$bad text-exit"
		bad="$bad $(views frag "$fx" "$tmp/f.txt")"
		result "frag: $t" "$bad"
	fi
	if [ -f "$fx/oom" ]; then
		bad=
		"$mms" -d "$fx" --json oom --last 8 >"$tmp/o.json" 2>"$tmp/err" || bad="exit $?: $(cat "$tmp/err")"
		python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
recs = [dict(x.split("=", 1) for x in l.split()[1:]) for l in open(sys.argv[2]) if l.startswith("record ")]
assert len(d["records"]) == min(8, len(recs)) and recs, (len(d["records"]), len(recs))
for r in d["records"]:
    v = [x for x in recs if x["id"] == str(r["id"])][0]
    assert str(r["victim_pid"]) == v["victim_pid"] and str(r["totalpages"]) == v["totalpages"]
    rank = r["ranking"]
    assert rank[0]["rank"] == 1 and rank[0]["pid"] == r["victim_pid"], rank[0]
    for c in rank:
        if c["state"] == "scored":
            assert c["points"] == sum(c[k] for k in ("rss_anon", "rss_file", "rss_shmem", "swapents", "pgtables", "adj_term")), c
' "$tmp/o.json" "$fx/oom" 2>"$tmp/err" || bad="$bad $(tail -n 1 "$tmp/err")"
		"$mms" -d "$fx" oom --last 8 >"$tmp/o.txt" || bad="$bad text-exit"
		grep -q '^  Victim: ' "$tmp/o.txt" || bad="$bad text"
		bad="$bad $(views oom "$fx" "$tmp/o.txt" "$tmp/o.json")"
		result "oom: $t" "$bad"
	fi

	# record (no /dev/mmscope on the host: views only): three snapshots,
	# each holding the vmstat and counters views as read, and report
	# reads them back.
	bad=
	"$mms" -d "$fx" record -o "$tmp/views.mms" 1 2 2>"$tmp/err" || bad="exit $?: $(cat "$tmp/err")"
	grep -q 'recording its views only' "$tmp/err" || bad="$bad no-views-only-note"
	"$mms" --json report "$tmp/views.mms" >"$tmp/views.json" || bad="$bad report-exit"
	[ "$(tail -n 1 "$tmp/views.json" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["snapshots"])')" = 3 ] ||
		bad="$bad snapshots"
	bad="$bad $(views record "$fx" "$tmp/views.mms" 3)"
	result "record: $t: views" "$bad"
done
[ "$nfix" -gt 0 ] || ko fixtures "no fixtures in tests/fixtures"

# Errors: each is one line on stderr and the documented exit status.
fx=$(find "$top/tests/fixtures" -mindepth 1 -maxdepth 1 -type d | sort | head -n 1)
expect() {		# expect NAME RC PATTERN CMD...
	local name=$1 want=$2 pat=$3 rc
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq "$want" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	   grep -q -- "$pat" "$tmp/err"; then
		ok "error: $name"
	else
		ko "error: $name" "rc $rc (want $want), stderr: $(cat "$tmp/err")"
	fi
}
cp -r "$fx" "$tmp/abi"
sed -i 's/^abi .*/abi 9.0/' "$tmp/abi/version"
expect abi-mismatch 1 "ABI version mismatch: the module speaks ABI 9.0" "$mms" -d "$tmp/abi" stat
cp -r "$fx" "$tmp/noabi"
sed -i '/^abi /d' "$tmp/noabi/version"
expect no-abi-line 1 "has no 'abi MAJOR.MINOR' line" "$mms" -d "$tmp/noabi" stat
mkdir -p "$tmp/empty"
expect not-mmscope 1 "not an mmscope debugfs directory" "$mms" -d "$tmp/empty" stat
expect missing-dir 1 "does not exist" "$mms" -d "$tmp/nope" stat
cp -r "$fx" "$tmp/badhist"
printf 'count 3\n\n   furlongs : count    distribution\n' >"$tmp/badhist/histograms/direct_reclaim"
expect corrupt-hist 1 "unknown unit" "$mms" -d "$tmp/badhist" hist direct_reclaim
expect corrupt-hist-stat 1 "unknown unit" "$mms" -d "$tmp/badhist" stat
expect no-such-hist 1 "no histogram 'nope'" "$mms" -d "$fx" hist nope
expect hist-slash 2 "not a histogram name" "$mms" -d "$fx" hist ../version
expect bad-interval 2 "INTERVAL must be" "$mms" -d "$fx" stat 1x
expect bad-count 2 "COUNT must be" "$mms" -d "$fx" stat 1 0
expect extra-arg 2 "unexpected" "$mms" -d "$fx" stat 1 1 1
expect unknown-cmd 2 "unknown command 'frob'" "$mms" frob
expect unknown-opt 2 "option '--frob' is unknown" "$mms" --frob stat
expect unknown-short-opt 2 "option '-x' is unknown" "$mms" stat -x
expect missing-optarg 2 "option '-d' is unknown or lacks its argument" "$mms" stat -d
expect export-format 2 "say --prometheus" "$mms" -d "$fx" export
expect export-two-formats 2 "one format at a time" "$mms" -d "$fx" export --json --prometheus
cp -r "$fx" "$tmp/old"
rm -f "$tmp/old/zones" "$tmp/old/frag" "$tmp/old/oom"
for c in zones frag oom; do
	expect "unsupported-$c" 1 "not supported by this module version" "$mms" -d "$tmp/old" $c
done
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	cp -r "$fx" "$tmp/root-only"
	chmod 700 "$tmp/root-only"
	chmod 755 "$tmp"
	expect permission 1 "permission denied reading $tmp/root-only" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$mms" -d "$tmp/root-only" stat
else
	absent "error: permission" "needs root and setpriv"
fi

# "unavailable" figures: '-' in text, null in JSON, left out of export.
cp -r "$fx" "$tmp/unav"
sed -i 's/^pgscan_kswapd .*/pgscan_kswapd unavailable/' "$tmp/unav/vmstat"
bad=
"$mms" -d "$tmp/unav" --json stat >"$tmp/u.json" || bad="exit"
[ "$(jget "$tmp/u.json" -l pgscank)" = null ] || bad="$bad json"
[ "$(jget "$tmp/u.json" -l vmeff_pct)" = null ] || bad="$bad vmeff"
[ "$("$mms" -d "$tmp/unav" stat | awk '$1 == "total" { print $2 }')" = - ] || bad="$bad text"
grep -q pgscan_kswapd <<<"$("$mms" -d "$tmp/unav" export --prometheus)" && bad="$bad export"
[ -z "$bad" ] && ok unavailable || ko unavailable "$bad"

# --help has examples; --version the ABI.
if "$mms" --help | grep -q '^Examples:' && "$mms" --version | grep -q 'ABI [0-9]*\.[0-9]*$'; then
	ok help
else
	ko help "no Examples: section or no ABI in --version"
fi

# Each command's --help is its own: its usage line, then every option.
bad=
for c in stat hist export record report zones frag oom; do
	out=$("$mms" "$c" --help) || bad="$bad $c(rc)"
	grep -q "^Usage: mmscope $c " <<<"$out" || bad="$bad $c(usage)"
	grep -q -- '--debugfs DIR' <<<"$out" || bad="$bad $c(options)"
done
[ -z "$bad" ] && ok help-per-command || ko help-per-command "$bad"

# record and report.  A file with every stream record type (recgen.c):
# report decodes each with its values, in text, JSON and Perfetto.
bad=
if ! "$cc" -O2 -std=gnu11 -Wall -Wextra -Werror -I"$top/include/uapi" -I"$top/tools" \
	-o "$tmp/recgen" "$top/tests/host/recgen.c" 2>"$tmp/err"; then
	ko "report: recgen" "$(cat "$tmp/err")"
else
	"$tmp/recgen" "$tmp/all.mms"
	"$mms" report "$tmp/all.mms" >"$tmp/rep.txt" 2>"$tmp/err" || bad="exit $?: $(cat "$tmp/err")"
	for want in 'direct_reclaim_end    nr_reclaimed=32 duration_ns=2500000' \
		    'kswapd_sleep          nid=0 zid=-1 order=-1 run_ns=7000000' \
		    'oom_kill              victim_pid=77 victim_comm="hog\"q\\" points=60123 totalpages=65536' \
		    'episode               duration_ns=600000000 outcome="oom"' \
		    'interval 1.000 s: pgscank/s=200.00 pgscand/s=40.00 pgsteal/s=180.00 stalls/s=3.00' \
		    '28 records (2 of types this mmscope does not know, skipped), 2 view snapshots; the module produced 25 records, delivered 23 and lost 2'; do
		grep -qF -- "$want" "$tmp/rep.txt" || bad="$bad missing:[$want]"
	done
	"$mms" --json report "$tmp/all.mms" >"$tmp/rep.json" || bad="$bad json-exit"
	err=$(json_ok "$tmp/rep.json" -l) || bad="$bad invalid JSON: $err"
	python3 -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
s = lines[-1]
assert s["type"] == "summary" and s["events"] == 28 and s["skipped"] == 2, s
assert s["lost"] == 2 and s["produced"] == 25 and s["complete"] is True, s
assert len(s["per_type"]) == 26 and set(s["per_type"].values()) == {1}, s
k = [l for l in lines if l["type"] == "oom_kill"][0]
assert k["victim_comm"] == "hog\"q\\" and k["points"] == 60123, k
' "$tmp/rep.json" 2>"$tmp/err" || bad="$bad json: $(tail -n 1 "$tmp/err")"
	"$mms" report --perfetto "$tmp/all.mms" >"$tmp/rep.pf" || bad="$bad perfetto-exit"
	python3 -c '
import json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
dr = [e for e in ev if e["ph"] == "X" and e["name"] == "direct reclaim"]
# one slice on the task track, one on its CPU track, 2.5 ms long, ending
# at the record: 200.002 ms after the start
assert sorted((e["pid"], e["tid"]) for e in dr) == [(1900000000, 77), (2100000000, 2100000002)], dr
assert all(abs(e["dur"] - 2500) < 1e-6 and abs(e["ts"] + e["dur"] - 200002) < 1e-3 for e in dr), dr
# every slice type, each with the duration its own field gives
x = {e["name"] for e in ev if e["ph"] == "X"}
assert x == {"direct reclaim", "memcg reclaim", "node reclaim", "kswapd run",
             "reclaim throttled", "direct compaction", "compaction run",
             "pressure episode"}, x
for e in ev:
    if e["ph"] != "X" or e["name"] == "pressure episode":
        continue
    a = e["args"]
    want = (a["usec_delayed"] if e["name"] == "reclaim throttled" else
            a["run_ns"] / 1e3 if e["name"] == "kswapd run" else
            a["duration_ns"] / 1e3)
    assert want > 0 and abs(e["dur"] - want) < 1e-6, e
# entries whose exit carries the duration are not shown
hidden = {"direct_reclaim_begin", "memcg_reclaim_begin", "memcg_softlimit_begin",
          "node_reclaim_begin", "compact_begin", "compact_try"}
assert not [e for e in ev if e["name"] in hidden], hidden
oom = [e for e in ev if e["name"] == "OOM kill"]
assert len(oom) == 1 and oom[0]["ph"] == "i" and oom[0]["s"] == "g", oom
assert oom[0]["args"]["victim_comm"] == "hog\"q\\"
c = [e for e in ev if e["ph"] == "C"]
assert len(c) == 1 and c[0]["args"]["pgscank_per_s"] == 200 and c[0]["args"]["oom_kills_per_s"] == 1, c
names = {e["args"]["name"] for e in ev if e["ph"] == "M"}
assert {"CPU 0", "CPU 1", "mmscope: CPUs", "mmscope: system", "mmscope: tasks",
        "hog\"q\\ 77", "pid 30"} <= names, names
for e in ev:
    assert isinstance(e["ts"], (int, float)) and isinstance(e["pid"], int) and isinstance(e["tid"], int)
' "$tmp/rep.pf" 2>"$tmp/err" || bad="$bad perfetto: $(tail -n 1 "$tmp/err")"
	[ -z "$bad" ] && ok "report: every record type" || ko "report: every record type" "$bad"

	# Perfetto: slices of one track nest, also when tasks that slept in
	# reclaim overlap on one CPU (recgen overlap): the one that would
	# cross another goes to the CPU's second lane, "CPU 0 (2)"; each task
	# has its own named track in the "mmscope: tasks" process.
	"$tmp/recgen" "$tmp/ov.mms" overlap
	if "$mms" report --perfetto "$tmp/ov.mms" >"$tmp/ov.pf" 2>"$tmp/err" &&
	   out=$(python3 -c '
import json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
x = [e for e in ev if e["ph"] == "X"]
tracks = {}
for e in x:
    tracks.setdefault((e["pid"], e["tid"]), []).append((e["ts"], e["ts"] + e["dur"]))
for k, sl in tracks.items():
    sl.sort(key=lambda s: (s[0], -s[1]))
    for i, a in enumerate(sl):
        for b in sl[i + 1:]:
            if b[0] < a[1] and b[1] > a[1] + 1e-6:
                sys.exit("track %s: %s and %s overlap without nesting" % (k, a, b))
cpu = sorted((e["tid"], round(e["ts"]), round(e["ts"] + e["dur"])) for e in x if e["pid"] == 2100000000)
want = sorted([(2100000001, 2000, 10000), (2100000001 + 4096, 6000, 12000),
               (2100000001, 11000, 12500), (2100000001, 0, 13000)])
if cpu != want:
    sys.exit("CPU lanes %s, want %s" % (cpu, want))
names = {(e["pid"], e["tid"]): e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "thread_name"}
for p in (10, 20, 30, 40):
    if names.get((1900000000, p)) != "pid %d" % p:
        sys.exit("task %d track named %r" % (p, names.get((1900000000, p))))
if names.get((2100000000, 2100000001 + 4096)) != "CPU 0 (2)":
    sys.exit("lane 2 named %r" % names.get((2100000000, 2100000001 + 4096)))
' "$tmp/ov.pf" 2>&1); then
		ok "report: perfetto tracks nest"
	else
		ko "report: perfetto tracks nest" "$out $(cat "$tmp/err")"
	fi

	# The decoder in process, against every truncation and 3000
	# corruptions (report_test.c), with sanitizers where gcc has them.
	san="-fsanitize=address,undefined -fno-sanitize-recover=all"
	echo 'int main(void) { return 0; }' >"$tmp/san.c"
	"$cc" $san -o "$tmp/san" "$tmp/san.c" 2>/dev/null && "$tmp/san" || san=
	rsrc=(decode.c fields.c perfetto.c report.c json.c parse.c stat.c source.c)
	if "$cc" -g -O1 -std=gnu11 -Wall -Wextra -Werror $san -I"$top/include/uapi" \
		-I"$top/tools" -o "$tmp/report_test" "$top/tests/host/report_test.c" \
		"$top/tests/host/tool_stubs.c" "${rsrc[@]/#/$top/tools/}" -lm 2>"$tmp/err"; then
		"$tmp/report_test" "$tmp/all.mms"
	else
		ko report-decoder "does not compile: $(head -n 5 "$tmp/err")"
	fi

	# From the command line: one line, exit 1; the trace so far is valid.
	bad=
	for n in 0 7 63 64 100 1000 $(($(stat -c %s "$tmp/all.mms") - 16)); do
		head -c "$n" "$tmp/all.mms" >"$tmp/cut.mms"
		"$mms" report "$tmp/cut.mms" >/dev/null 2>"$tmp/err"
		rc=$?
		want='is truncated at byte [0-9]*: '
		[ "$n" -gt 0 ] || want='is empty: not a recording'
		if [ $rc -ne 1 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
		   ! grep -q "$want" "$tmp/err"; then
			bad="$bad cut@$n:rc=$rc:$(head -c 200 "$tmp/err")"
		fi
		"$mms" report --perfetto "$tmp/cut.mms" >"$tmp/cut.pf" 2>/dev/null
		[ $n -lt 64 ] || json_ok "$tmp/cut.pf" >/dev/null || bad="$bad cut@$n:perfetto-json"
	done
	printf 'MMSCOPE\nxx' >"$tmp/cut.mms"
	"$mms" report "$tmp/cut.mms" >/dev/null 2>"$tmp/err"
	grep -q 'truncated at byte 0: the file ends inside its header' "$tmp/err" ||
		bad="$bad header-cut"
	[ -z "$bad" ] && ok "report: truncated files" || ko "report: truncated" "$bad"
fi
expect report-not-a-file 1 "is not an mmscope recording" "$mms" report "$fx/vmstat"
expect report-missing 1 "cannot open" "$mms" report "$tmp/none.mms"
expect record-no-output 2 "say where, with -o FILE" "$mms" -d "$fx" record

# node_exporter's textfile collector reads export --prometheus (when
# prometheus-node-exporter is installed): no scrape error, counters typed
# as counters, histograms as histograms, values as written.
ne=$(command -v prometheus-node-exporter || command -v node_exporter || true)
if [ -n "$ne" ] && command -v curl >/dev/null; then
	bad=
	mkdir -p "$tmp/textfile"
	"$mms" -d "$fx" export --prometheus >"$tmp/textfile/mmscope.prom"
	port=$((20000 + $$ % 20000))
	"$ne" --collector.disable-defaults --collector.textfile \
		--collector.textfile.directory="$tmp/textfile" \
		--web.listen-address=127.0.0.1:$port >"$tmp/ne.log" 2>&1 &
	nepid=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		curl -sf "127.0.0.1:$port/metrics" >"$tmp/metrics" 2>/dev/null && break
		sleep 0.5
	done
	kill $nepid 2>/dev/null
	wait $nepid 2>/dev/null
	grep -q '^node_textfile_scrape_error 0$' "$tmp/metrics" || bad="$bad scrape-error"
	grep -q '^# TYPE mmscope_vmstat_allocstall_movable_total counter$' "$tmp/metrics" || bad="$bad counter-type"
	grep -q '^# TYPE mmscope_direct_reclaim_seconds histogram$' "$tmp/metrics" || bad="$bad histogram-type"
	[ "$(awk '$1 == "mmscope_direct_reclaim_seconds_count" { print $2 }' "$tmp/metrics")" = \
	  "$(fig "$fx/histograms/direct_reclaim" count)" ] || bad="$bad histogram-count"
	[ "$(awk '$1 == "mmscope_vmstat_allocstall_movable_total" { print $2 }' "$tmp/metrics")" = \
	  "$(fig "$fx/vmstat" allocstall_movable)" ] || bad="$bad counter-value"
	[ -z "$bad" ] && ok "export: node_exporter $("$ne" --version 2>&1 | awk 'NR == 1 { print $3 }') reads it" ||
		ko "export: node_exporter" "$bad"
else
	absent "export: node_exporter" "prometheus-node-exporter is not installed"
fi

# The command tried as a user would: reloads and unloads under stat and
# hist, '-' files, odd inputs, mixed formats (tool_cli.sh).
"$top/tests/host/tool_cli.sh" "$mms"
