# SPDX-License-Identifier: GPL-2.0
#
# tool: every subcommand of the mmscope command against the live module,
# its numbers checked against the debugfs files it reads, read at the same
# time (before and after, on a quiet system, until the two agree):
#
#  tool-stat-interval  "stat 1" during a hog that ends in an OOM kill:
#                      each interval's deltas are its totals less the
#                      previous ones, they add up to the average line's, and
#                      the first and last totals lie between debugfs read
#                      before and after; the intervals saw reclaim
#  tool-stat-totals    "stat" (totals) equals the vmstat and counters views
#                      column by column: pgscand = pgscan_direct (+
#                      pgscan_khugepaged), pgsteal = pgsteal_kswapd +
#                      pgsteal_direct (+ khugepaged), stalls = the sum of
#                      allocstall_*, oom_kills = oom_mark_victim,
#                      compact_stalls = the compaction view's compact_stall
#  tool-hist           "hist direct_reclaim": count, p50 equal the file's;
#                      the log2 slots add up to the count
#  tool-export         "export --prometheus": every vmstat figure, every
#                      counter, each histogram's _count and +Inf bucket
#                      equal the files'
#  tool-errors         debugfs unmounted, permission denied, bad
#                      arguments: exit status and one line (module not
#                      loaded: 95-tool-unloaded.sh)
#  tool-record         "record -o FILE 1" during a hog, stopped by SIGTERM,
#                      then "report": the file decodes whole, a snapshot
#                      per interval and one at the start; with
#                      the event stream (/dev/mmscope), every record the
#                      module delivered is in the file, and the OOM
#                      victim
#  tool-zones          "zones": each populated zone's min, low, high and
#                      managed pages equal /proc/zoneinfo's, and it has
#                      its decomposition
#  tool-frag           "frag": a row per frag line of the view, with the
#                      buddy view's nr_free; order 0 is never unusable
#  tool-oom            "oom --last 1" after the hogs: the victim is the
#                      one dmesg names, ranked first, and every scored
#                      candidate's points are the sum of its terms
#  tool-unsupported    zones, frag, oom: "not supported by this module
#                      version" where the module lacks their views

mms_load || { fail tool "module not loaded"; return 0; }
if ! command -v mmscope >/dev/null; then
	fail tool "no mmscope binary in /mmscope/bin"
	return 0
fi
d=$MMS_TMP/tool
mkdir -p "$d"

# jnum LINE KEY: the number after "KEY": in a JSON line ("" if none).
jnum() {
	printf '%s\n' "$1" | sed -n "s/.*\"$2\": \\([0-9][0-9]*\\).*/\\1/p"
}
# verdict TEST: pass TEST if $bad is empty, else fail it with $bad.
verdict() {
	if [ -z "$bad" ]; then
		pass "$1"
	else
		fail "$1" "$bad"
	fi
}
# jtop FILE KEY: a top-level number of an indented JSON document.
jtop() { sed -n "s/^  \"$2\": \([0-9][0-9]*\).*/\1/p" "$1"; }
# dbg FILE NAME: a figure of a debugfs "name value" file.
dbg() { awk -v n="$2" '$1 == n { print $2; exit }' "$1"; }
# snap_views DIR: copy the views the tool reads.
snap_views() {
	mkdir -p "$1"
	cat "$MMS_DEBUGFS/vmstat" >"$1/vmstat"
	cat "$MMS_DEBUGFS/counters" >"$1/counters"
	cat "$MMS_DEBUGFS/histograms/direct_reclaim" >"$1/hist"
	# stat's compact_stalls only: kcompactd's runs move the rest of the
	# view where the node is fragmented.
	grep '^compact_stall ' "$MMS_DEBUGFS/compaction" >"$1/compaction" 2>/dev/null
	# Every histogram, for export.
	mkdir -p "$1/hists"
	for f in "$MMS_DEBUGFS"/histograms/*; do
		cat "$f" >"$1/hists/${f##*/}"
	done
}
# same_files A B: every file of folder A is in B, the same.
same_files() {
	local f
	for f in "$1"/*; do
		cmp -s "$f" "$2/${f##*/}" || return 1
	done
}
# quiet_run DIR CMD...: run CMD (output in DIR/out) between two snapshots
# of the views, again until they agree: the tool read that same state.
quiet_run() {
	local dir=$1 i=0
	shift
	while [ $i -lt 20 ]; do
		snap_views "$dir/b"
		"$@" >"$dir/out" 2>"$dir/err"
		echo $? >"$dir/rc"
		snap_views "$dir/a"
		if cmp -s "$dir/b/vmstat" "$dir/a/vmstat" &&
		   cmp -s "$dir/b/counters" "$dir/a/counters" &&
		   cmp -s "$dir/b/hist" "$dir/a/hist" &&
		   cmp -s "$dir/b/compaction" "$dir/a/compaction" &&
		   same_files "$dir/b/hists" "$dir/a/hists"; then
			return 0
		fi
		i=$((i + 1))
		sleep 1
	done
	note "quiet_run: the views kept moving for 20 s"
	return 1
}
# sum of figures of a views snapshot, by name (absent ones count 0)
vsum() {
	local f=$1 s=0 n v
	shift
	for n in "$@"; do
		v=$(dbg "$f" "$n")
		s=$((s + ${v:-0}))
	done
	echo $s
}

# --- stat over intervals, under pressure ---
snap_views "$d/s0"
size=$(( $(mem_total_mib) * 2 ))
# The tool first, so that its first snapshot precedes the hog's pressure.
# It runs until told to stop (SIGTERM: it ends with the average line).
mmscope --json stat 1 >"$d/stat.jsonl" 2>"$d/stat.err" &
statpid=$!
sleep 1
hog "$size" >"$d/hog.out" 2>&1
sleep 2
kill -TERM $statpid
wait $statpid
rc=$?
snap_views "$d/s1"
mmscope stat 1 1 >/dev/null 2>&1	# text mode runs too
bad=
[ $rc -eq 0 ] || bad="$bad exit:$rc:$(cat "$d/stat.err")"
nint=$(grep -c '"type": "interval"' "$d/stat.jsonl")
[ "$nint" -ge 3 ] || bad="$bad intervals:$nint"
avg=$(grep '"type": "average"' "$d/stat.jsonl")
# column = figures it sums
cols="pgscank=pgscan_kswapd pgscand=pgscan_direct+pgscan_khugepaged
pgsteal=pgsteal_kswapd+pgsteal_direct+pgsteal_khugepaged
oom_kills=oom_mark_victim"
seen=0
for c in $cols; do
	key=${c%%=*}
	figs=$(echo "${c#*=}" | tr + ' ')
	prev=
	sum=0
	while read -r line; do
		t=0
		for n in $figs; do
			v=$(jnum "$line" "$n")
			t=$((t + ${v:-0}))
		done
		dv=$(jnum "$line" "$key")
		if [ -n "$prev" ] && [ "$((t - prev))" != "$dv" ]; then
			bad="$bad $key:delta:$dv!=$((t - prev))"
		fi
		[ -n "$prev" ] || first_t=$((t - dv))
		prev=$t
		sum=$((sum + dv))
	done <<EOF
$(grep '"type": "interval"' "$d/stat.jsonl")
EOF
	[ "$sum" = "$(jnum "$avg" "$key")" ] || bad="$bad $key:average:$sum!=$(jnum "$avg" "$key")"
	before=$(vsum "$d/s0/vmstat" $figs)
	after=$(vsum "$d/s1/vmstat" $figs)
	if [ "$key" = oom_kills ]; then
		before=$(vsum "$d/s0/counters" $figs)
		after=$(vsum "$d/s1/counters" $figs)
	fi
	if [ "$first_t" -lt "$before" ] || [ "$prev" -gt "$after" ]; then
		bad="$bad $key:range:$before<=$first_t..$prev<=$after"
	fi
	seen=$((seen + sum))
	note "stat intervals: $key sums to $sum (debugfs moved $((after - before)))"
done
[ "$seen" -gt 0 ] || bad="$bad no-reclaim-seen"
verdict tool-stat-interval

# --- stat totals, hist, export on a quiet system ---
# Each tool run is bracketed by two equal snapshots of every view it
# reads, histograms included, with kcompactd's proactive wakes frozen
# (lib.sh: proactive_freeze): the tool read that same state.
proactive_freeze
echo "mmscope stat 1 2 (text, quiet):"
mmscope stat 1 2

bad=
quiet_run "$d/t" mmscope --json stat || bad="$bad not-quiet"
line=$(cat "$d/t/out")
[ "$(cat "$d/t/rc")" = 0 ] || bad="$bad exit:$(cat "$d/t/rc"):$(cat "$d/t/err")"
v=$d/t/a/vmstat
k=$d/t/a/counters
stalls=$(awk '/^allocstall_/ { s += $2 } END { print s + 0 }' "$v")
# compact_stall (as /proc/vmstat counts it) when the compaction view has
# it; direct_compact counts every attempt, deferred or skipped ones too.
cstall=$(dbg "$d/t/a/compaction" compact_stall)
[ -n "$cstall" ] || cstall=$(dbg "$k" direct_compact)
for c in "pgscank $(vsum "$v" pgscan_kswapd)" \
	 "pgscand $(vsum "$v" pgscan_direct pgscan_khugepaged)" \
	 "pgsteal $(vsum "$v" pgsteal_kswapd pgsteal_direct pgsteal_khugepaged)" \
	 "stalls $stalls" "oom_kills $(dbg "$k" oom_mark_victim)" \
	 "compact_stalls $cstall" \
	 "direct_reclaims $(dbg "$d/t/a/hist" count)"; do
	set -- $c
	got=$(jnum "$line" "$1")
	note "stat totals: $1 tool $got, debugfs $2"
	[ "$got" = "$2" ] || bad="$bad $1:$got!=$2"
done
[ "$stalls" -gt 0 ] || bad="$bad no-stalls-after-hog"
verdict tool-stat-totals
mmscope stat

bad=
quiet_run "$d/h" mmscope --json hist direct_reclaim || bad="$bad not-quiet"
h=$d/h/a/hist
out=$(tr -d '\n' <"$d/h/out")
[ "$(cat "$d/h/rc")" = 0 ] || bad="$bad exit:$(cat "$d/h/rc"):$(cat "$d/h/err")"
for n in count sum_ns max_ns p50_ns p99_ns; do
	got=$(jtop "$d/h/out" "$n")
	[ "$got" = "$(dbg "$h" "$n")" ] || bad="$bad $n:$got!=$(dbg "$h" "$n")"
done
# The log2 slots' counts add up to the count.
slots=$(printf '%s\n' "$out" | sed 's/"rows".*//' | grep -o '"count": [0-9]*' |
	sed 1d | awk '{ s += $2 } END { print s + 0 }')
[ "$slots" = "$(dbg "$h" count)" ] || bad="$bad slots:$slots!=$(dbg "$h" count)"
[ "$(dbg "$h" count)" -gt 0 ] || bad="$bad no-direct-reclaim-timed"
verdict tool-hist
sample hist mmscope hist direct_reclaim

bad=
quiet_run "$d/e" mmscope export --prometheus || bad="$bad not-quiet"
p=$d/e/out
[ "$(cat "$d/e/rc")" = 0 ] || bad="$bad exit:$(cat "$d/e/rc"):$(cat "$d/e/err")"
n=0
while read -r name value; do
	[ "$value" = unavailable ] && continue
	got=$(awk -v m="mmscope_vmstat_${name}_total" '$1 == m { print $2 }' "$p")
	[ "$got" = "$value" ] || bad="$bad $name:$got!=$value"
	n=$((n + 1))
done <"$d/e/a/vmstat"
while read -r name value; do
	got=$(awk -v m="mmscope_events_total{event=\"$name\"}" '$1 == m { print $2 }' "$p")
	[ "$got" = "$value" ] || bad="$bad $name:$got!=$value"
	n=$((n + 1))
done <"$d/e/a/counters"
# The histograms of the same bracket: equal, count and +Inf bucket.
for hf in "$d/e/a/hists"/*; do
	hn=$(basename "$hf")
	want=$(dbg "$hf" count)
	[ "$(awk -v m="mmscope_${hn}_seconds_count" '$1 == m { print $2 }' "$p")" = "$want" ] ||
		bad="$bad ${hn}_count"
	[ "$(awk -v m="mmscope_${hn}_seconds_bucket{le=\"+Inf\"}" '$1 == m { print $2 }' "$p")" = "$want" ] ||
		bad="$bad ${hn}_inf"
	n=$((n + 2))
done
note "export: $n samples compared"
grep -q '^# TYPE mmscope_vmstat_allocstall_normal_total counter$' "$p" ||
	bad="$bad no-TYPE-line"
verdict tool-export
proactive_thaw

# --- record and report ---
bad=
rm -f "$d/rec.mms"
mmscope record -o "$d/rec.mms" 1 2>"$d/rec.err" &
recpid=$!
mmscope stat 1 >"$d/stat.txt" 2>&1 &	# for the console: a real example
txtpid=$!
sleep 1
hog "$size" >"$d/hog2.out" 2>&1
sleep 1
kill -TERM $recpid $txtpid
wait $recpid || bad="record-exit:$(cat "$d/rec.err")"
mmscope --json report "$d/rec.mms" >"$d/rep.jsonl" 2>"$d/rep.err" ||
	bad="$bad report-exit:$(cat "$d/rep.err")"
sum=$(tail -n 1 "$d/rep.jsonl")
note "report: $sum"
printf '%s\n' "$sum" | grep -q '"complete": true' || bad="$bad not-complete"
nint=$(grep -c '"type": "interval"' "$d/rep.jsonl")
[ "$nint" -ge 2 ] && [ "$(jnum "$sum" snapshots)" = $((nint + 1)) ] ||
	bad="$bad snapshots:$(jnum "$sum" snapshots),intervals:$nint"
if [ -c /dev/mmscope ]; then
	# Every record the module delivered while recording (its own
	# accounting, read at both ends) is in the file, and nothing else.
	delivered=$(jnum "$sum" delivered)
	events=$(jnum "$sum" events)
	note "stream: produced $(jnum "$sum" produced), delivered $delivered, lost $(jnum "$sum" lost), in the file $events"
	[ -n "$delivered" ] && [ "$events" = "$delivered" ] ||
		bad="$bad events:$events!=delivered:$delivered"
	# The kill is in the stream: oom:mark_victim's record at least.
	grep -q '"type": "oom_victim"' "$d/rep.jsonl" || bad="$bad no-oom_victim-record"
else
	grep -q 'recording its views only' "$d/rec.err" || bad="$bad no-views-only-note"
fi
mmscope report --perfetto "$d/rec.mms" >"$d/rec.json" 2>"$d/pf.err" ||
	bad="$bad perfetto-exit:$(cat "$d/pf.err")"
tail -c 64 "$d/rec.json" | grep -q '"displayTimeUnit": "ms"' || bad="$bad perfetto-end"
wait $txtpid
verdict tool-record
echo "mmscope stat 1 (text, during a hog of $size MiB):"
sample stat cat "$d/stat.txt"
mmscope report "$d/rec.mms" | tail -n 12

# --- zones, frag, oom, where the module has them ---
if [ -e "$MMS_DEBUGFS/zones" ]; then
	bad=
	mmscope --json zones >"$d/zones.json" 2>"$d/z.err" || bad="exit:$(cat "$d/z.err")"
	tr -d '\n' <"$d/zones.json" | sed 's/}, *{/}\n{/g' | grep '"zone": "' >"$d/zones.lines"
	nz=0
	while read -r zl; do
		zn=$(printf '%s\n' "$zl" | sed -n 's/.*"zone": "\([A-Za-z0-9]*\)".*/\1/p')
		node=$(jnum "$zl" node)
		# /proc/zoneinfo: "Node 0, zone   DMA32" then "min N" "low N" "high N" "managed N"
		zi=$(awk -v n="$node" -v z="$zn" '
			/^Node/ { cur = ($2 == n "," && $4 == z) }
			cur && ($1 == "min" || $1 == "low" || $1 == "high" || $1 == "managed") && NF == 2 { printf "%s=%s ", $1, $2 }
		' /proc/zoneinfo)
		for k in min low high managed; do
			want=$(printf '%s\n' "$zi" | tr ' ' '\n' | sed -n "s/^$k=//p")
			got=$(jnum "$zl" "$k")
			[ -n "$want" ] && [ "$got" = "$want" ] || bad="$bad $zn:$k:$got!=$want"
		done
		printf '%s\n' "$zl" | grep -q '"formula": "' || bad="$bad $zn:no-decomposition"
		nz=$((nz + 1))
	done <"$d/zones.lines"
	[ "$nz" -gt 0 ] || bad="$bad no-zones"
	note "zones: $nz zones compared with /proc/zoneinfo"
	verdict tool-zones
	echo "mmscope zones:"
	sample zones mmscope zones
fi
if [ -e "$MMS_DEBUGFS/frag" ]; then
	bad=
	mmscope --json frag >"$d/frag.json" 2>"$d/f.err" || bad="exit:$(cat "$d/f.err")"
	rows=$(grep -c '"order": ' "$d/frag.json")
	want=$(grep -c '^frag ' "$MMS_DEBUGFS/frag")
	[ "$rows" = "$want" ] || bad="$bad rows:$rows!=$want"
	[ "$(grep -c '"nr_free": ' "$d/frag.json")" = "$want" ] || bad="$bad nr_free"
	tr -d '\n' <"$d/frag.json" | sed 's/}, *{/}\n{/g' | grep '"order": 0,' |
		grep -v '"unusable_index": "0.000"' | grep -q . && bad="$bad order0-unusable"
	verdict tool-frag
	mmscope frag | head -n 14
fi
if [ -e "$MMS_DEBUGFS/oom" ]; then
	bad=
	mmscope --json oom --last 1 >"$d/oom.json" 2>"$d/o.err" || bad="exit:$(cat "$d/o.err")"
	killed=$(dmesg | sed -n 's/.*Killed process \([0-9]*\) .*/\1/p' | tail -n 1)
	victim=$(sed -n 's/^      "victim_pid": \([0-9]*\),*$/\1/p' "$d/oom.json" | head -n 1)
	[ -n "$killed" ] && [ "$victim" = "$killed" ] || bad="$bad victim:$victim!=dmesg:$killed"
	# The ranking: rank 1 is the victim; points = the sum of the terms.
	tr -d '\n' <"$d/oom.json" | sed 's/"ranking"/\n/' | tail -n 1 |
		sed 's/}, *{/}\n{/g' >"$d/oom.rows"
	first=$(head -n 1 "$d/oom.rows")
	[ "$(jnum "$first" rank)" = 1 ] && [ "$(jnum "$first" pid)" = "$victim" ] ||
		bad="$bad rank1:$(jnum "$first" pid)"
	while read -r row; do
		printf '%s\n' "$row" | grep -q '"state": "scored"' || continue
		t=0
		for k in rss_anon rss_file rss_shmem swapents pgtables; do
			t=$((t + $(jnum "$row" $k)))
		done
		adj=$(printf '%s\n' "$row" | sed -n 's/.*"adj_term": \(-*[0-9]*\).*/\1/p')
		[ $((t + adj)) = "$(jnum "$row" points)" ] || bad="$bad points:$(jnum "$row" pid)"
	done <"$d/oom.rows"
	verdict tool-oom
	echo "mmscope oom:"
	sample oom mmscope oom
fi

# --- what this module version lacks ---
bad=
for c in zones frag oom; do
	[ -e "$MMS_DEBUGFS/$c" ] && continue	# a module that has it
	mmscope $c >"$d/u.out" 2>"$d/u.err"
	rc=$?
	if [ $rc -ne 1 ] || [ "$(wc -l <"$d/u.err")" -ne 1 ] ||
	   ! grep -q 'not supported by this module version' "$d/u.err"; then
		bad="$bad $c:rc=$rc:$(cat "$d/u.err")"
	fi
done
verdict tool-unsupported

# --- errors: one line, what to do, exit status 1 (2 for usage) ---
bad=
# expect_err RC PATTERN CMD...
expect_err() {
	local want=$1 pat=$2 rc
	shift 2
	"$@" >"$d/x.out" 2>"$d/x.err"
	rc=$?
	note "$*: exit $rc: $(cat "$d/x.err")"
	if [ $rc -ne "$want" ] || [ "$(wc -l <"$d/x.err")" -ne 1 ] ||
	   ! grep -q "$pat" "$d/x.err"; then
		bad="$bad [$*]:rc=$rc:$(head -c 200 "$d/x.err")"
	fi
}
expect_err 2 "INTERVAL must be" mmscope stat 0
expect_err 2 "unknown command" mmscope frobnicate
expect_err 1 "no histogram 'nope'" mmscope hist nope
expect_err 1 "does not exist" mmscope --debugfs /nonexistent stat
mkdir -p /etc
if grep -q '^nobody:' /etc/passwd 2>/dev/null ||
   echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd; then
	expect_err 1 "permission denied" su nobody -s /bin/sh -c "mmscope stat"
fi
umount /sys/kernel/debug &&
	expect_err 1 "debugfs is not mounted" mmscope stat
mount -t debugfs none /sys/kernel/debug
[ -d "$MMS_DEBUGFS" ] || bad="$bad debugfs-not-back"
# "module not loaded" is 95-tool-unloaded.sh's: unloading here would
# reset what later scenarios count on.
verdict tool-errors
