#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# tool_views.py CHECK FIXTURE OUTPUT...: whether what an mmscope
# subcommand printed (OUTPUT, its text or JSON) shows the figures of the
# views a guest recorded (FIXTURE, tests/fixtures/TARGET/), every figure
# of every view the subcommand reads.  tests/host/tool.sh runs the
# subcommands; this compares.  Prints what differs and exits 1, or
# exits 0 silently.
#
#   stat FX TEXT JSON         stat's totals: every column, text and JSON
#   hist FX NAME TEXT JSON    hist NAME: summary, slots, rows
#   export FX PROM JSON       export --prometheus and --json: every figure
#                             of vmstat and counters, every histogram, the
#                             version view
#   zones FX TEXT JSON        every populated zone's levels and decomposition
#   frag FX TEXT              every frag row beside buddy's nr_free
#   oom FX TEXT JSON          every record (the last 8): victim, points, ranking
#   record FX FILE N          a views-only recording holds N snapshots of
#                             the vmstat and counters views, byte for byte
import json
import os
import re
import sys

bad = []


def fail(what):
    bad.append(what)


def view(fx, name):
    with open(os.path.join(fx, name)) as f:
        return f.read()


def kv(fx, name):
    """A "name value" view, up to its first blank line."""
    out = {}
    for line in view(fx, name).splitlines():
        if not line.strip():
            break
        k, v = line.split()
        out[k] = v
    return out


def records(fx, name, rtype):
    """The "TYPE key=value ..." records of a zone-state view."""
    out = []
    for line in view(fx, name).splitlines():
        t = line.split()
        if t and t[0] == rtype:
            out.append(dict(x.split("=", 1) for x in t[1:]))
    return out


def us(ns):
    return "%.1f" % (int(ns) / 1e3)


def hists(fx):
    d = os.path.join(fx, "histograms")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def check_stat(fx, text, js):
    vm, cnt = kv(fx, "vmstat"), kv(fx, "counters")
    h = kv(fx, "histograms/direct_reclaim")
    num = lambda d, *ks: sum(int(d.get(k, 0)) for k in ks)
    cstall = (kv(fx, "compaction")["compact_stall"]
              if os.path.exists(os.path.join(fx, "compaction")) else cnt["direct_compact"])
    want = {
        "pgscank": num(vm, "pgscan_kswapd"),
        "pgscand": num(vm, "pgscan_direct", "pgscan_khugepaged"),
        "pgsteal": num(vm, "pgsteal_kswapd", "pgsteal_direct", "pgsteal_khugepaged"),
        "stalls": sum(int(v) for k, v in vm.items() if k.startswith("allocstall_")),
        "compact_stalls": int(cstall),
        "oom_kills": int(cnt["oom_mark_victim"]),
    }
    j = json.loads(open(js).read().splitlines()[0])
    for k, v in want.items():
        if j.get(k) != v:
            fail("json %s %s != %s" % (k, j.get(k), v))
    for k in ("p50_ns", "p99_ns"):
        if j.get("stall_" + k) != int(h[k]):
            fail("json stall_%s %s != %s" % (k, j.get("stall_" + k), h[k]))
    rows = [l.split() for l in open(text) if l.startswith("total ")]
    if len(rows) != 1:
        fail("text: %d total rows" % len(rows))
        return
    r = rows[0]
    cols = [("pgscank", 1), ("pgscand", 2), ("pgsteal", 3), ("stalls", 5),
            ("compact_stalls", 6), ("oom_kills", 7)]
    for k, i in cols:
        if r[i] != str(want[k]):
            fail("text %s %s != %s" % (k, r[i], want[k]))
    if r[8] != us(h["p50_ns"]) or r[9] != us(h["p99_ns"]):
        fail("text p50/p99 %s %s != %s %s" % (r[8], r[9], us(h["p50_ns"]), us(h["p99_ns"])))


def hist_table(fx, name):
    """The view's table rows: (low, high, count)."""
    rows = []
    for line in view(fx, "histograms/" + name).splitlines():
        m = re.match(r"^ *(\d+) -> (\d+) *: (\d+) ", line)
        if m:
            rows.append(tuple(int(x) for x in m.groups()))
    return rows


HIST_KEYS = ("count", "sum_ns", "min_ns", "max_ns", "p50_ns", "p90_ns", "p99_ns", "p99.9_ns")


def check_hist(fx, name, text, js):
    h = kv(fx, "histograms/" + name)
    n = int(h["count"])
    d = json.load(open(js))
    if d.get("name") != name:
        fail("json name %s" % d.get("name"))
    for k in HIST_KEYS:
        if d.get(k) != int(h[k]):
            fail("json %s %s != %s" % (k, d.get(k), h[k]))
    for part in ("log2", "rows"):
        s = sum(x["count"] for x in d.get(part, []))
        if s != n:
            fail("json %s add up to %d, not count %d" % (part, s, n))
    if sum(c for _, _, c in hist_table(fx, name)) != n:
        fail("the view's own rows do not add up to its count")
    lines = open(text).read().splitlines()
    head = "%s: count %d" % (name, n)
    if n:
        head += ", avg %.1f us, p50 %s us, p99 %s us, max %s us" % (
            int(h["sum_ns"]) / n / 1e3, us(h["p50_ns"]), us(h["p99_ns"]), us(h["max_ns"]))
    if not lines or lines[0] != head:
        fail("text head %r != %r" % (lines[0] if lines else "", head))
    s = 0
    for line in lines[2:]:
        m = re.match(r"^ *\d+ -> \d+ *: (\d+) ", line)
        s += int(m.group(1)) if m else 0
    if s != n:
        fail("text rows add up to %d, not %d" % (s, n))


def check_export(fx, prom, js):
    p = {}
    for line in open(prom):
        if line.startswith("#") or not line.strip():
            continue
        k, v = line.rsplit(" ", 1)
        p[k] = v.strip()
    j = json.load(open(js))
    vm, cnt, ver = kv(fx, "vmstat"), kv(fx, "counters"), kv(fx, "version")
    for k, v in vm.items():
        if v == "unavailable":
            continue
        if p.get("mmscope_vmstat_%s_total" % k) != v:
            fail("prom vmstat %s" % k)
        if str(j["vmstat"].get(k)) != v:
            fail("json vmstat %s" % k)
    for k, v in cnt.items():
        if p.get('mmscope_events_total{event="%s"}' % k) != v:
            fail("prom counter %s" % k)
        if str(j["counters"].get(k)) != v:
            fail("json counter %s" % k)
    info = [k for k in p if k.startswith("mmscope_build_info{")]
    want = 'module_version="%s",abi="%s",kernel="%s"' % (ver["mmscope"], ver["abi"], ver["kernel"])
    if len(info) != 1 or want not in info[0]:
        fail("build_info %s lacks %s" % (info, want))
    names = hists(fx)
    if sorted(j["histograms"]) != names:
        fail("json histograms %s != %s" % (sorted(j["histograms"]), names))
    for name in names:
        h = kv(fx, "histograms/" + name)
        n, fam = int(h["count"]), "mmscope_%s_seconds" % name
        for k in HIST_KEYS:
            if j["histograms"].get(name, {}).get(k) != int(h[k]):
                fail("json %s %s" % (name, k))
        if p.get(fam + "_count") != str(n) or p.get(fam + '_bucket{le="+Inf"}') != str(n):
            fail("prom %s count" % name)
        if p.get(fam + "_sum") != "%.9f" % (int(h["sum_ns"]) / 1e9):
            fail("prom %s sum %s != %s" % (name, p.get(fam + "_sum"), h["sum_ns"]))
        # No bucket below the least value holds any; every bucket from
        # twice the greatest holds all.
        for k, v in p.items():
            m = re.match(r'^%s_bucket\{le="([0-9.]+)"\}$' % fam, k)
            if not m:
                continue
            le = round(float(m.group(1)) * 1e9)
            if n and le < int(h["min_ns"]) and v != "0":
                fail("prom %s bucket le=%s ns: %s below min_ns %s" % (name, le, v, h["min_ns"]))
            if le >= 2 * int(h["max_ns"]) and v != str(n):
                fail("prom %s bucket le=%s ns: %s, not all %d above max_ns %s" % (name, le, v, n, h["max_ns"]))


def check_zones(fx, text, js):
    zones = [z for z in records(fx, "zones", "zone") if int(z["managed"])]
    decomp = {(d["node"], d["zone"]): d for d in records(fx, "zones", "decomp")}
    jz = {(str(z["node"]), z["zone"]): z for z in json.load(open(js))["zones"]}
    txt = open(text).read()
    if not zones:
        fail("no populated zone in the view")
    for z in zones:
        key = (z["node"], z["zone"])
        dj = jz.get(key, {}).get("decomposition", {})
        for k, v in decomp[key].items():
            if str(dj.get(k)) != v:
                fail("json %s %s decomposition %s %s != %s" % (key + (k, dj.get(k), v)))
        head = "node %s zone %-8s free %s pages of %s managed: " % (z["node"], z["zone"], z["free"], z["managed"])
        levels = "    min %s, low %s, high %s pages" % (z["min"], z["low"], z["high"])
        if int(z["boost"]):
            levels += ": the kernel's %s, %s, %s raised by watermark_boost %s" % (
                z["min_base"], z["low_base"], z["high_base"], z["boost"])
        d = decomp[key]
        terms = ["    min = min_free_kbytes %s -> %s pages over all lowmem zones (%s pages), this zone's share by managed pages: %s"
                 % (d["min_free_kbytes"], d["pages_min"], d["lowmem_pages"], d["share"]),
                 "    gap = max(min/4 = %s, managed * watermark_scale_factor %s / 10000 = %s) = %s (%s)"
                 % (d["quarter"], d["watermark_scale_factor"], d["scaled"], d["gap"], d["branch"])]
        for want in [head, levels + "\n"] + terms:
            if ("\n" + want) not in ("\n" + txt):
                fail("text lacks %r" % want)


def check_frag(fx, text):
    buddy = {(b["node"], b["zone"], b["order"]): b["nr_free"] for b in records(fx, "buddy", "buddy")}
    rows, zone = {}, None
    for line in open(text):
        m = re.match(r"^node (\S+) zone (\S+)$", line)
        if m:
            zone = m.groups()
            continue
        t = line.split()
        if zone and len(t) == 6 and t[0].isdigit():
            rows[zone + (t[0],)] = t[1:]
    view_rows = records(fx, "frag", "frag")
    if not view_rows or len(rows) != len(view_rows):
        fail("text has %d rows, the view %d" % (len(rows), len(view_rows)))
    for f in view_rows:
        key = (f["node"], f["zone"], f["order"])
        want = [buddy.get(key, "-"), f["free_pages"], f["suitable_blocks"],
                f["fragmentation_index"], f["unusable_index"]]
        if rows.get(key) != want:
            fail("text %s: %s != %s" % (key, rows.get(key), want))


def check_oom(fx, text, js):
    recs = records(fx, "oom", "record")[-8:]
    jr = {r["id"]: r for r in json.load(open(js))["records"]}
    txt = open(text).read()
    if not recs:
        fail("no record in the view")
    # A candidate line: rank pid tgid adj rss_anon ... state comm.
    ranks = {}
    cur = None
    for line in view(fx, "oom").splitlines():
        t = line.split()
        if t and t[0] == "record":
            cur = dict(x.split("=", 1) for x in t[1:])["id"]
            ranks[cur] = []
        elif cur is not None and len(t) == 14 and t[0] != "rank":
            ranks[cur].append(t)
    for r in recs:
        j = jr.get(int(r["id"]))
        if j is None:
            fail("json lacks record %s" % r["id"])
            continue
        for k in ("victim_pid", "victim_points", "victim_oom_score", "totalpages",
                  "evaluated", "candidates", "kthreads_skipped", "no_progress_loops"):
            if str(j.get(k)) != r[k]:
                fail("json record %s %s %s != %s" % (r["id"], k, j.get(k), r[k]))
        jrank = [(str(c["pid"]), str(c["points"]), c["state"]) for c in j["ranking"]]
        vrank = [(c[1], c[10], c[12]) for c in ranks[r["id"]]]
        if [x for x in jrank if x[2] == "scored"] != [x for x in vrank if x[2] == "scored"]:
            fail("json record %s ranking %s != %s" % (r["id"], jrank, vrank))
        for want in ("OOM kill, record %s, at %s (uptime %s s)" % (r["id"], r["time"], r["uptime"]),
                     "  Victim: %s (pid %s), %s points, oom_score %s; kills %s, policy %s"
                     % (r["victim_comm"], r["victim_pid"], r["victim_points"], r["victim_oom_score"],
                        r["kills"], r["policy"])):
            if want not in txt:
                fail("text lacks %r" % want)
        for c in ranks[r["id"]]:
            if c[12] != "scored":
                continue
            row = r"^ +%s +%s +%s +%s = +%s \+ +%s \+ +%s \+ +%s \+ +%s \+ +%s +%s +%s +scored$" % (
                c[0], c[1], re.escape(c[13][:19]), c[10], c[4], c[5], c[6], c[7], c[8], c[9], c[3], c[11])
            if not re.search(row, txt, re.M):
                fail("text lacks record %s's candidate %s %s" % (r["id"], c[1], c[13]))


def check_record(fx, path, n):
    data = open(path, "rb").read()
    snap = (view(fx, "vmstat") + view(fx, "counters")).encode()
    if data.count(snap) != int(n):
        fail("%d copies of vmstat + counters, not %s" % (data.count(snap), n))


CHECKS = {"stat": check_stat, "hist": check_hist, "export": check_export,
          "zones": check_zones, "frag": check_frag, "oom": check_oom,
          "record": check_record}

if __name__ == "__main__":
    try:
        CHECKS[sys.argv[1]](*sys.argv[2:])
    except (KeyError, IndexError, ValueError, OSError) as e:
        fail("%s: %r" % (type(e).__name__, e))
    if bad:
        print("; ".join(bad[:6]) + (" (and %d more)" % (len(bad) - 6) if len(bad) > 6 else ""))
        sys.exit(1)
