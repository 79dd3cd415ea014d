# SPDX-License-Identifier: GPL-2.0
#
# oom-forensics: every OOM kill has a record in debugfs "oom" that explains
# it, checked against the kernel's own witnesses.
#
# Three hogs hold memory, locked so that reclaim cannot change their
# figures: A (10% of RAM, oom_score_adj 0), B (12%, +500) and C (20%,
# -1000).  A fourth, D, allocates twice RAM until the OOM killer acts.
# B's adj term (500 * totalpages / 1000) makes it the first victim; D is
# the next.
#
#  oom-forensics-victims   every new record's victim is a task dmesg says
#                          was "Killed process PID", B first, and the
#                          number of records equals the number of those
#                          lines and /proc/vmstat oom_kill's delta
#  oom-forensics-ranking   in every record, each ranked candidate's points
#                          equal rss_anon + rss_file + rss_shmem + swapents
#                          + pgtables + oom_score_adj * (totalpages / 1000)
#                          recomputed from its own figures, the ranking is
#                          in non-increasing points, rank 1 is the victim,
#                          and C is listed as skipped:oom_score_adj_min
#  oom-forensics-figures   every task of the kernel's own OOM report
#                          (vm.oom_dump_tasks, in dmesg) is among the
#                          record's candidates, and for the four hogs the
#                          record's rss (and on 6.12 its anon/file/shmem
#                          split), page tables, swap entries and
#                          oom_score_adj equal the report's
#  oom-forensics-score     B's points, through /proc's normalisation
#                          (1000 + points * 1000 / totalpages) * 2 / 3,
#                          equal /proc/B/oom_score read before D started;
#                          A's row likewise; /proc/C/oom_score is 0
#  oom-forensics-retry     the first record holds the trigger's last
#                          reclaim_retry_zone round, which either failed
#                          every zone or reached no_progress_loops 16 (the
#                          next call gives up without reporting)
#  oom-forensics-retry-trace
#                          those lines, and its compact_retry line, equal
#                          the trigger's last oom:reclaim_retry_zone and
#                          oom:compact_retry lines in the trace before the
#                          oom:mark_victim of its kill
#  oom-forensics-swap      with 16 MiB of zram swap, half of it filled by
#                          a sleeping hog's pages (paged out with
#                          MADV_PAGEOUT): its swap entries (nonzero) and
#                          every other figure of its row, and the
#                          victim's, equal the kernel's task dump

mms_load || { fail oom-forensics "module not loaded"; return 0; }
[ -r "$MMS_DEBUGFS/oom" ] || { fail oom-forensics "no debugfs oom file"; return 0; }
d=$MMS_TMP/oom-forensics
mkdir -p "$d"

mem=$(mem_total_mib)
a_mib=$((mem * 10 / 100))
b_mib=$((mem * 12 / 100))
c_mib=$((mem * 20 / 100))
(echo 0 >/proc/self/oom_score_adj; exec hog "$a_mib" --hold --mlock) >"$d/a" 2>&1 &
A=$!
(echo 500 >/proc/self/oom_score_adj; exec hog "$b_mib" --hold --mlock) >"$d/b" 2>&1 &
B=$!
(echo -1000 >/proc/self/oom_score_adj; exec hog "$c_mib" --hold --mlock) >"$d/c" 2>&1 &
C=$!
if ! wait_grep "$d/a" holding || ! wait_grep "$d/b" holding || ! wait_grep "$d/c" holding; then
	fail oom-forensics "hogs did not settle: $(cat "$d/a" "$d/b" "$d/c")"
	kill -9 $A $B $C 2>/dev/null
	return 0
fi
note "A=$A (${a_mib} MiB, adj 0) B=$B (${b_mib} MiB, adj 500) C=$C (${c_mib} MiB, adj -1000)"

rec0=$(oom_records_total)
kill0=$(vmstat_val oom_kill)
dm0=$(dmesg | grep -c 'Killed process')
# Read just before the pressure starts: the locked hogs keep these figures.
sA=$(cat /proc/$A/oom_score)
sB=$(cat /proc/$B/oom_score)
sC=$(cat /proc/$C/oom_score)
note "oom_score before: A $sA, B $sB, C $sC"

# The allocator's retry verdicts and the kills, in the kernel's trace.
tr=
trace_on 4096 local oom:reclaim_retry_zone oom:compact_retry oom:mark_victim && tr=1
hog $((mem * 2)) >"$d/d" 2>&1 &
D=$!
wait $D
rcD=$?
wait $B
rcB=$?
# The reaper is woken 2 s after a kill, if the victim has not exited.
sleep 3
[ -z "$tr" ] || trace_off "$d/trace"
cat "$MMS_DEBUGFS/oom" >"$d/oom"
rec1=$(oom_records_total)
kill1=$(vmstat_val oom_kill)
dmesg >"$d/dmesg"
dm1=$(grep -c 'Killed process' "$d/dmesg")
kill -9 $A $C 2>/dev/null
wait $A $C 2>/dev/null

nrec=$((rec1 - rec0))
nkill=$((kill1 - kill0))
ndm=$((dm1 - dm0))
note "records $nrec, /proc/vmstat oom_kill $nkill, dmesg Killed process $ndm, exit B $rcB D $rcD"
oom_record "$d/oom" "$rec0" "$rec1"

# Victims: the kernel's witnesses.
why=
[ "$nrec" -ge 1 ] || why="$why no record;"
[ "$nrec" -eq "$nkill" ] || why="$why records $nrec != oom_kill $nkill;"
[ "$nrec" -eq "$ndm" ] || why="$why records $nrec != dmesg kills $ndm;"
[ "$rcB" -eq 137 ] || why="$why B exit $rcB;"
id=$rec0
while [ "$id" -lt "$rec1" ]; do
	hdr=$(oom_record "$d/oom" "$id" | head -n 1)
	v=$(echo "$hdr" | kv victim_pid)
	grep -q "Killed process $v (" "$d/dmesg" || why="$why record $id victim $v not in dmesg;"
	[ "$(echo "$hdr" | kv kills)" = 1 ] || why="$why record $id kills != 1;"
	if [ "$id" -eq "$rec0" ] && [ "$v" != "$B" ]; then
		why="$why first victim $v, not B $B;"
	fi
	id=$((id + 1))
done
[ -z "$why" ] && pass oom-forensics-victims || fail oom-forensics-victims "$why"

# Ranking: recomputed from each candidate's own figures.
why=
id=$rec0
while [ "$id" -lt "$rec1" ]; do
	oom_record "$d/oom" "$id" >"$d/rec"
	hdr=$(head -n 1 "$d/rec")
	tp=$(echo "$hdr" | kv totalpages)
	v=$(echo "$hdr" | kv victim_pid)
	vp=$(echo "$hdr" | kv victim_points)
	bad=$(awk -v tp="$tp" -v v="$v" -v vp="$vp" -v id="$id" '
		$1 == "rank" { on = 1; next }
		!on || $1 == "-" { next }
		{
			unit = int(tp / 1000)
			if ($10 != $4 * unit)
				printf "record %s pid %s adj_term %s != %s*%d; ", id, $2, $10, $4, unit
			sum = $5 + $6 + $7 + $8 + $9 + $10
			if (sum != $11)
				printf "record %s pid %s points %s != recomputed %d; ", id, $2, $11, sum
			if (n && $11 > prev)
				printf "record %s rank %s above rank %d; ", id, $1, n
			if ($1 != n + 1)
				printf "record %s rank %s after %d; ", id, $1, n
			if (!n && ($2 != v || $11 != vp))
				printf "record %s rank 1 is %s/%s, victim %s/%s; ", id, $2, $11, v, vp
			prev = $11; n++
		}
		END { if (!n) printf "record %s ranks nobody; ", id }' "$d/rec")
	why="$why$bad"
	awk -v c="$C" '$2 == c && $13 == "skipped:oom_score_adj_min"' "$d/rec" | grep -q . ||
		why="$why record $id lacks C as skipped:oom_score_adj_min;"
	id=$((id + 1))
done
[ -z "$why" ] && pass oom-forensics-ranking || fail oom-forensics-ranking "$why"

# Figures: the kernel's own report of the same decision.
page=$(awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps)
# fig_diff ID DUMP REC PIDS: what differs between the kernel's task dump
# DUMP (oom_dump_tasks) and record ID's rows in REC: a dumped task that is
# no candidate, and for each of PIDS, its rss (on 6.12 its split), page
# tables, swap entries and oom_score_adj.
fig_diff() {
	awk -v id="$1" -v page="$page" -v pids=" $4 " '
		NR == FNR { dump[$1] = $0; next }
		$1 == "rank" { on = 1; next }
		on && $4 != "-" { cand[$2] = $0 }
		END {
			for (p in dump) {
				if (!(p in cand)) {
					printf "record %s: dumped task %s not a candidate; ", id, p
					continue
				}
				if (!index(pids, " " p " "))
					continue
				split(dump[p], k, " "); split(cand[p], m, " ")
				if (k[2] != m[5] + m[6] + m[7] || k[6] != m[9] * page ||
				    k[7] != m[8] || k[8] != m[4] ||
				    (k[3] != "-" && (k[3] != m[5] || k[4] != m[6] || k[5] != m[7])))
					printf "record %s pid %s: dump [%s] record [%s]; ", id, p, dump[p], cand[p]
			}
		}' "$2" "$3"
}
# fig_records OOM DMESG FROM TO PIDS: fig_diff for records FROM to TO - 1
# of OOM (a copy of the oom file) against the task dumps in DMESG, for
# PIDS and each record's victim; keeps $d/rec.ID and $d/dump.ID.
fig_records() {
	local id=$3 v
	while [ "$id" -lt "$4" ]; do
		oom_record "$1" "$id" >"$d/rec.$id"
		v=$(head -n 1 "$d/rec.$id" | kv victim_pid)
		oom_dump_tasks "$2" "$v" >"$d/dump.$id"
		[ -s "$d/dump.$id" ] || printf ' record %s: no task dump in dmesg;' "$id"
		fig_diff "$id" "$d/dump.$id" "$d/rec.$id" "$5 $v"
		note "record $id: $(wc -l <"$d/dump.$id") tasks in the kernel's report" >&2
		id=$((id + 1))
	done
}
why=$(fig_records "$d/oom" "$d/dmesg" "$rec0" "$rec1" "$A $B $C $D")
[ -z "$why" ] && pass oom-forensics-figures || fail oom-forensics-figures "$why"

# oom_score: the victim's points through /proc's normalisation.
why=
oom_record "$d/oom" "$rec0" >"$d/rec"
hdr=$(head -n 1 "$d/rec")
tp=$(echo "$hdr" | kv totalpages)
vp=$(echo "$hdr" | kv victim_points)
[ "$(echo "$hdr" | kv constraint)" = none ] || why="$why constraint not none;"
if [ -n "$vp" ] && [ -n "$tp" ]; then
	score=$(( (1000 + vp * 1000 / tp) * 2 / 3 ))
	note "B: points $vp of $tp pages -> oom_score $score, /proc said $sB"
	[ "$score" -eq "$sB" ] || why="$why B oom_score $score != /proc $sB;"
	[ "$(echo "$hdr" | kv victim_oom_score)" = "$sB" ] || why="$why header victim_oom_score;"
else
	why="$why no victim_points/totalpages;"
fi
rowA=$(awk -v a="$A" '$2 == a && $1 != "rank"' "$d/rec")
[ "$(echo "$rowA" | awk '{ print $12 }')" = "$sA" ] ||
	why="$why A row oom_score '$(echo "$rowA" | awk '{ print $12 }')' != /proc $sA;"
[ "$sC" -eq 0 ] || why="$why /proc/C/oom_score $sC != 0;"
[ -z "$why" ] && pass oom-forensics-score || fail oom-forensics-score "$why"

# Retry history of the first record's trigger.
why=
retries=$(grep -c '^  retry ' "$d/rec")
loops=$(grep '^  retry ' "$d/rec" | tail -n 1 | kv no_progress_loops)
passed=$(grep '^  retry ' "$d/rec" | grep -c 'wmark_check=1')
[ "$retries" -ge 1 ] || why="$why no retry events;"
[ "$(echo "$hdr" | kv no_progress_loops)" = "${loops:--}" ] || why="$why header loops;"
if [ "$retries" -ge 1 ] && [ "$passed" -gt 0 ] && [ "$loops" -lt 16 ]; then
	why="$why a zone passed at no_progress_loops $loops, yet OOM;"
fi
[ -z "$why" ] && pass oom-forensics-retry || fail oom-forensics-retry "$why"

# The same history in the trace: the trigger's reclaim_retry_zone lines
# before its mark_victim line (the kill it triggered) end in the record's
# retry lines, field by field, and the line before them, if any, is of
# another round (another order or no_progress_loops, or a zone the
# round reports already).  Its last compact_retry line before the kill,
# if any, is the record's compact_retry (result as the kernel's feedback).
retry_trace() {
	local rec=$1 trig vic
	trig=$(head -n 1 "$rec" | kv trigger_pid)
	vic=$(head -n 1 "$rec" | kv victim_pid)
	awk -v trig="$trig" -v vic="$vic" "$MMS_AWK_TRACE"'
	# A retry line, of the record or of the trace, by its fields.
	function rline(   s) {
		s = "node=" tr_field("node", "?") " zone=" tr_field("zone", "?")
		s = s " order=" tr_field("order", "?") " reclaimable=" tr_field("reclaimable", "?")
		s = s " available=" tr_field("available", "?") " min_wmark=" tr_field("min_wmark", "?")
		return s " no_progress_loops=" tr_field("no_progress_loops", "?") " wmark_check=" tr_field("wmark_check", "?")
	}
	FILENAME == ARGV[1] {
		if ($1 == "retry")
			rec[++nr] = rline()
		if ($1 == "compact_retry")
			rc = tr_field("order", "?") " " tr_feedback(tr_field("result", "?")) " " tr_field("retries", "?") " " tr_field("max_retries", "?") " " tr_field("retry", "?")
		next
	}
	done || !tr_parse() || TR_PID != trig { next }
	TR_EV == "mark_victim" && tr_field("pid", "") == vic { done = 1; next }
	TR_EV == "reclaim_retry_zone" {
		tl[++nt] = rline()
		to[nt] = tr_field("order", "?") " " tr_field("no_progress_loops", "?")
		tz[nt] = tr_field("node", "?") " " tr_field("zone", "?")
	}
	TR_EV == "compact_retry" {
		tc = tr_field("order", "?") " " tr_field("compaction_result", "?") " " tr_field("retries", "?") " " tr_field("max_retries", "?") " " tr_field("should_retry", "?")
	}
	END {
		if (!done) { printf "no mark_victim pid=%s from trigger %s in the trace;", vic, trig; exit }
		if (nr == 0) { printf "the record has no retry line;"; exit }
		if (nt < nr) { printf "the trace has %d retry lines of %s, the record %d;", nt, trig, nr; exit }
		for (i = 1; i <= nr; i++)
			if (rec[i] != tl[nt - nr + i])
				printf "retry %d: record \"%s\", trace \"%s\";", i, rec[i], tl[nt - nr + i]
		p = nt - nr
		if (p > 0 && to[p] == to[nt]) {
			for (i = p + 1; i <= nt; i++)
				if (tz[i] == tz[p])
					break
			if (i > nt)
				printf "the line before the round (%s) is of the same round;", tl[p]
		}
		if (rc != tc)
			printf "compact_retry: record \"%s\", trace \"%s\";", rc, tc
		printf "\n%d %d\n", nr, nt
	}' "$rec" "$d/trace"
}
if [ -z "$tr" ]; then
	fail oom-forensics-retry-trace "tracefs not writable"
elif [ "$MMS_TRACE_LOST" -ne 0 ]; then
	fail oom-forensics-retry-trace "the trace buffer overran by $MMS_TRACE_LOST events"
else
	oom_record "$d/oom" "$rec0" >"$d/rec"
	retry_trace "$d/rec" >"$d/retry-trace"
	why=$(sed -n 1p "$d/retry-trace")
	note "retry lines: record $(sed -n 2p "$d/retry-trace" | awk '{ print $1 }'), trigger's in the trace before its kill $(sed -n 2p "$d/retry-trace" | awk '{ print $2 }')"
	[ -z "$why" ] && pass oom-forensics-retry-trace || fail oom-forensics-retry-trace "$why"
fi

# Swap entries: zram swap of 16 MiB, then a hog S of a third of RAM,
# touched once, its first 8 MiB paged out to swap at once
# (MADV_PAGEOUT: left to reclaim, S's pages were seen not to reach swap
# before D's filled it, on the debug kernel), and left asleep; then D of
# twice RAM.  Reclaim fills the rest of the swap, and the OOM killer acts
# with the swap full, so no task's swap entries move while it decides.
# In each new record, the rows of S and of the victim (D, asleep in its
# allocation) must equal the kernel's task dump as above, and S must hold
# swap entries in the first.
zram_swap 16 oom-forensics-swap || return 0
s_mib=$((mem / 3))
(echo 0 >/proc/self/oom_score_adj; exec hog "$s_mib" --pageout 8 --hold) >"$d/s" 2>&1 &
S=$!
why=
if wait_grep "$d/s" holding; then
	note "S ($S): $(grep VmSwap /proc/$S/status | xargs) after MADV_PAGEOUT of 8 MiB"
	rec0=$(oom_records_total)
	hog $((mem * 2)) >"$d/d2" 2>&1
	sleep 3
	cat "$MMS_DEBUGFS/oom" >"$d/oom2"
	rec1=$(oom_records_total)
	dmesg >"$d/dmesg2"
	[ "$rec1" -gt "$rec0" ] || why="no OOM record;"
else
	why="S did not settle: $(cat "$d/s")"
	rec0=0
	rec1=0
fi
kill -9 "$S" 2>/dev/null
wait "$S" 2>/dev/null
zram_swap_off
why="$why$(fig_records "$d/oom2" "$d/dmesg2" "$rec0" "$rec1" "$S")"
if [ "$rec1" -gt "$rec0" ]; then
	se=$(awk -v s="$S" '$1 == s { print $7 }' "$d/dump.$rec0")
	note "record $rec0: S's swap entries ${se:-none} in the kernel's dump," \
	     "$(awk -v s="$S" '$1 != "rank" && $2 == s { print $8 }' "$d/rec.$rec0") in the record"
	[ "${se:-0}" -gt 0 ] || why="$why record $rec0: S has no swap entry in the dump;"
fi
[ -z "$why" ] && pass oom-forensics-swap || fail oom-forensics-swap "$why"
