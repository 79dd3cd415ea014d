# SPDX-License-Identifier: GPL-2.0
#
# zones: zone state against the kernel's own files.
#
#  zones-snapshot     at quiescence every figure of "zones", "buddy" and
#                     "frag" equals /proc/zoneinfo, /proc/buddyinfo,
#                     /proc/pagetypeinfo (free lists and pageblocks per
#                     migratetype) and debugfs extfrag/extfrag_index
#                     and extfrag/unusable_index, field for field; the
#                     node's fragmentation score equals the kernel's
#                     formula recomputed here from buddyinfo and zoneinfo.
#  zones-wmark-*      writing vm.min_free_kbytes, vm.watermark_scale_factor
#                     and vm.lowmem_reserve_ratio gives a change event whose
#                     new levels equal zoneinfo's, and whose decomposition
#                     equals the formula recomputed here from zoneinfo's
#                     managed pages and the sysctls.
#  zones-wstate       under an anonymous hog driven to an OOM kill, every
#                     zone's elapsed time, and the sum of its state times,
#                     is the time the guest's own clock (/proc/uptime)
#                     measured from the load to the read, within its
#                     10 ms resolution; time below low is nonzero on a
#                     node whose kswapd woke, and each margin histogram
#                     counted every kswapd wake and direct reclaim entry.

D=$MMS_DEBUGFS
X=/sys/kernel/debug/extfrag
z=$MMS_TMP/zones
mms_load || { fail zones "module not loaded"; return 0; }

# Our records as "NID ZONE key value" lines; $1 is the record type.
kv_norm() {
	awk -v type="$1" '$1 == type {
		n = ""; zn = ""
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == "node") n = kv[2]
			else if (kv[1] == "zone") zn = kv[2]
		}
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] != "node" && kv[1] != "zone")
				print n, zn, kv[1], kv[2]
		}
	}'
}

# /proc/zoneinfo as "NID ZONE key value".
zoneinfo_norm() {
	awk '
	/^Node [0-9]+, zone/ { n = $2; sub(",", "", n); zn = $4; inz = 1; next }
	/^  pagesets/ { inz = 0 }
	inz && /^  pages free/ { print n, zn, "free", $3; next }
	inz && /^        (boost|min|low|high|promo|spanned|present|managed|cma) / {
		print n, zn, $1, $2; next }
	inz && /protection:/ {
		s = $0; sub(/.*\(/, "", s); sub(/\).*/, "", s); gsub(/ /, "", s)
		print n, zn, "protection", s; next }
	inz && /^      nr_zone_(inactive_anon|active_anon|inactive_file|active_file|unevictable) / {
		print n, zn, $1, $2 }'
}

# /proc/buddyinfo, /proc/pagetypeinfo and extfrag files as
# "NID ZONE key value", key being nr_free.ORDER, TYPE.ORDER or NAME.ORDER.
buddyinfo_norm() {
	awk '/^Node/ { n = $2; sub(",", "", n)
		for (i = 5; i <= NF; i++) print n, $4, "nr_free." (i - 5), $i }'
}
pagetypeinfo_norm() {
	awk '/^Node .*, type / { n = $2; sub(",", "", n); zn = $4; sub(",", "", zn)
		for (i = 7; i <= NF; i++) print n, zn, $6 "." (i - 7), $i }'
}
# pagetypeinfo's "Number of blocks type" table as "NID ZONE blocks.TYPE N".
blocks_norm() {
	awk '/^Number of blocks type/ { for (i = 5; i <= NF; i++) t[i] = $i; on = 1; next }
		on && /^Node/ { n = $2; sub(",", "", n)
			for (i = 5; i <= NF; i++) print n, $4, "blocks." t[i], $i; next }
		{ on = 0 }'
}
extfrag_norm() {
	awk -v name="$1" '/^Node/ { n = $2; sub(",", "", n)
		for (i = 5; i <= NF; i++) print n, $4, name "." (i - 5), $i }'
}
# Our buddy and frag records, keyed by order like the above.
ours_by_order() {
	kv_norm "$1" | awk '$3 == "order" { o = $4; next }
		{ print $1, $2, $3 "." o, $4 }'
}

# compare OURS THEIRS KEYREGEX: every line of OURS whose key matches has
# its value in THEIRS; prints "compared mismatches missing" and the first
# differences to $z.diff.
compare_norm() {
	awk -v re="$3" '
	NR == FNR { v[$1 " " $2 " " $3] = $4; next }
	$3 ~ re {
		k = $1 " " $2 " " $3
		if (!(k in v)) { miss++; if (miss < 5) print "missing " k > "/dev/stderr"; next }
		n++
		if (v[k] != $4) { bad++; if (bad < 10) print "differ " k ": ours " $4 ", kernel " v[k] > "/dev/stderr" }
	}
	END { print n + 0, bad + 0, miss + 0 }' "$2" "$1"
}

# 1. Quiescent snapshots.  bracket OUT KERNELFILES -- OURFILES: one cat
#    reads the kernel's files, ours, and the kernel's again; kept when both
#    copies of the kernel's figures agree.  The reader must not move what
#    it reads:
#     - its output goes to a FIFO's pipe buffer, drained only once it is
#       done, so no page-cache page is written (or marked accessed) and no
#       reader runs alongside;
#     - it first reads our files once: busybox cat copies debugfs files
#       (which cannot splice) through a heap buffer, whose first use
#       faults in about 9 anon pages, past the per-CPU vmstat threshold
#       of 8 on these guests, which moved nr_zone_active_anon inside
#       every bracket until the buffer was warmed up first (measured);
#     - then it reads stat_refresh, which folds every CPU's pending
#       counter deltas (on read as on write), so that the periodic fold
#       does not land inside the bracket.
#    OUT.kN and OUT.oN are the Nth kernel and our file.
bracket() {
	local out=$1 k= o= i=0 n tries=0 f
	shift
	while [ "$1" != -- ]; do k="$k $1"; shift; done
	shift
	o="$*"
	set --
	for f in $o /proc/sys/vm/stat_refresh $k $o $k; do
		i=$((i + 1))
		echo "@@@ $i" >"$out.m$i"
		set -- "$@" "$out.m$i" "$f"
	done
	echo "@@@ end" >"$out.mend"
	set -- "$@" "$out.mend"
	n=$(echo $k | wc -w)
	nw=$(echo $o | wc -w)
	rm -f "$out.pipe"
	mkfifo "$out.pipe"
	# A pipe holds 16 buffers of a page by default, and every write or
	# splice of cat's takes at least one, whole pages for a file of more
	# than a page (a two-node guest's files took more than 16, and the
	# cat waited for a reader forever): pipesz makes it 1 MiB, 256
	# buffers.  Past a quarter of that, say so rather than risk it.
	if [ $# -gt 64 ] || [ $(($(cat "$@" | wc -c))) -gt 262144 ]; then
		note "$out: too much for a pipe"
		return 1
	fi
	while [ $tries -lt 20 ]; do
		tries=$((tries + 1))
		exec 3<>"$out.pipe"
		pipesz "$out.pipe" 1048576 >/dev/null ||
			{ exec 3>&-; note "$out: cannot size the pipe"; return 1; }
		exec 4<"$out.pipe"
		cat "$@" >&3
		exec 3>&-
		cat <&4 >"$out.all"
		exec 4<&-
		rm -f "$out".f*
		awk -v p="$out.f" '/^@@@ / { close(f); f = p $2; next }
			f { print > f }' "$out.all"
		diffs=
		i=0
		for f in $k; do
			i=$((i + 1))
			a=$out.f$((i + 1 + nw))
			b=$out.f$((i + 1 + nw + n + nw))
			if [ "$f" = /proc/zoneinfo ]; then
				zoneinfo_norm <"$a" >"$a.n"
				zoneinfo_norm <"$b" >"$b.n"
				a=$a.n
				b=$b.n
			fi
			cmp -s "$a" "$b" || diffs="$diffs $f: $(diff "$a" "$b" | grep '^[-+][0-9N]' | head -n 4 | xargs)"
		done
		[ -z "$diffs" ] && break
		note "$out try $tries at $(cut -d' ' -f1 /proc/uptime): moved:$diffs"
	done
	i=0
	for f in $k; do
		i=$((i + 1))
		cp "$out.f$((i + 1 + nw))" "$out.k$i"
	done
	i=0
	for f in $o; do
		i=$((i + 1))
		cp "$out.f$((i + 1 + nw + n))" "$out.o$i"
	done
	note "$out: quiescent after $tries tries"
	[ -z "$diffs" ]
}

stable=1
bracket "$z.zi" /proc/zoneinfo -- "$D/zones" || stable=0
bracket "$z.bu" /proc/buddyinfo /proc/pagetypeinfo -- "$D/buddy" || stable=0
bracket "$z.fr" $X/extfrag_index $X/unusable_index -- "$D/frag" || stable=0
cp "$z.zi.k1" "$z.f1"
cp "$z.bu.k1" "$z.f2"
cp "$z.bu.k2" "$z.f3"
cp "$z.fr.k1" "$z.f4"
cp "$z.fr.k2" "$z.f5"
cp "$z.zi.o1" "$z.f6"
cp "$z.bu.o1" "$z.f7"
cp "$z.fr.o1" "$z.f8"
zoneinfo_norm <"$z.f1" >"$z.zi"
buddyinfo_norm <"$z.f2" >"$z.bi"
pagetypeinfo_norm <"$z.f3" >"$z.pt"
blocks_norm <"$z.f3" >"$z.pb"
{ extfrag_norm fragmentation_index <"$z.f4"; extfrag_norm unusable_index <"$z.f5"; } >"$z.ef"
kv_norm zone <"$z.f6" >"$z.oz"
ours_by_order buddy <"$z.f7" >"$z.ob"
kv_norm pageblocks <"$z.f7" | awk '{ print $1, $2, "blocks." $3, $4 }' >"$z.opb"
ours_by_order frag <"$z.f8" >"$z.of"

grep -h ' order=9 ' "$z.f7" "$z.f8" | sed 's/^/  /'
why=
r=$(compare_norm "$z.oz" "$z.zi" '^(free|boost|min|low|high|spanned|present|managed|cma|protection)$' 2>"$z.diff1")
note "zoneinfo levels and sizes: compared/differ/missing $r"
set -- $r
[ "$1" -ge 20 ] && [ "$2" -eq 0 ] && [ "$3" -eq 0 ] || why="$why zoneinfo($r: $(head -n 3 "$z.diff1" | xargs));"
# zoneinfo prints no LRU sizes for unpopulated zones.
r=$(compare_norm "$z.oz" "$z.zi" '^nr_zone_' 2>>"$z.diff1")
note "zoneinfo LRU sizes: compared/differ/missing $r"
set -- $r
[ "$1" -ge 5 ] && [ "$2" -eq 0 ] || why="$why zoneinfo LRU($r: $(head -n 3 "$z.diff1" | xargs));"
# promo only where zoneinfo prints it (6.12); unpopulated zones have no LRU lines.
grep -q '^        promo ' "$z.f1" && {
	r=$(compare_norm "$z.oz" "$z.zi" '^promo$' 2>>"$z.diff1")
	set -- $r
	[ "$2" -eq 0 ] && [ "$3" -eq 0 ] || why="$why promo($r);"
}
r=$(compare_norm "$z.ob" "$z.bi" '^nr_free\.' 2>"$z.diff2")
note "buddyinfo: compared/differ/missing $r"
set -- $r
[ "$1" -ge 11 ] && [ "$2" -eq 0 ] && [ "$3" -eq 0 ] || why="$why buddyinfo($r: $(head -n 3 "$z.diff2" | xargs));"
# Every type pagetypeinfo prints, against ours.
r=$(compare_norm "$z.pt" "$z.ob" '.' 2>"$z.diff3")
note "pagetypeinfo: compared/differ/missing $r"
set -- $r
[ "$1" -ge 44 ] && [ "$2" -eq 0 ] && [ "$3" -eq 0 ] || why="$why pagetypeinfo($r: $(head -n 3 "$z.diff3" | xargs));"
# Pageblocks per migratetype: every figure of the kernel's table, and
# each zone's types add up to the blocks counted.
r=$(compare_norm "$z.pb" "$z.opb" '^blocks\.' 2>"$z.diff3b")
note "pagetypeinfo pageblocks: compared/differ/missing $r"
set -- $r
# A figure for every type of every zone we list.
want=$(( $(grep -c '^pageblocks ' "$z.f7") * $(awk '/^Number of blocks type/ { print NF - 4; exit }' "$z.f3") ))
[ "$1" -eq "$want" ] && [ "$want" -gt 0 ] && [ "$2" -eq 0 ] && [ "$3" -eq 0 ] || why="$why pageblocks($r, want $want: $(head -n 3 "$z.diff3b" | xargs));"
bad=$(awk '$1 == "pageblocks" { s = 0; w = -1
	for (i = 4; i <= NF; i++) { split($i, kv, "=")
		if (kv[1] == "blocks") w = kv[2]; else s += kv[2] }
	if (s != w || w <= 0) print }' "$z.f7" | wc -l)
[ "$bad" -eq 0 ] || why="$why pageblocks sums differ from blocks on $bad lines;"
grep -h '^pageblocks ' "$z.f7" | sed 's/^/  /'
r=$(compare_norm "$z.ef" "$z.of" '.' 2>"$z.diff4")
note "extfrag: compared/differ/missing $r"
set -- $r
[ "$1" -ge 22 ] && [ "$2" -eq 0 ] && [ "$3" -eq 0 ] || why="$why extfrag($r: $(head -n 3 "$z.diff4" | xargs));"
# Each order's free lists add up to its nr_free.
bad=$(awk '$1 == "buddy" { nf = ""; s = ""
	for (i = 2; i <= NF; i++) { split($i, kv, "=")
		if (kv[1] == "nr_free") nf = kv[2]; if (kv[1] == "sum") s = kv[2] }
	if (nf != s) print }' "$z.f7" | wc -l)
[ "$bad" -eq 0 ] || why="$why buddy sums differ from nr_free on $bad lines;"
# The node's proactive-compaction score, recomputed from the kernel's files:
# sum over populated zones of present * extfrag(hp) / (node_present + 1),
# where extfrag(hp) in percent is the unusable index at hp (in thousandths,
# from the same bracket) divided by 10, both floors of the same fraction.
hp=$(awk '$1 == "fragscore" { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "order") print kv[2] } exit }' "$z.f8")
want=$(awk -v hp="$hp" '
	NR == FNR { if ($3 == "present") { pr[$1 " " $2] = $4; np[$1] += $4 } next }
	$3 == "unusable_index." hp { split($4, a, ".")
		# "0.057": busybox awk reads "057" as octal.
		sub(/^0+/, "", a[2])
		e = int((a[1] * 1000 + a[2]) / 10)
		sc[$1] += int(pr[$1 " " $2] * e / (np[$1] + 1)) }
	END { for (n in sc) print n, sc[n] }' "$z.zi" "$z.ef" | sort)
got=$(awk '$1 == "fragscore" { n = ""; s = ""
	for (i = 2; i <= NF; i++) { split($i, kv, "=")
		if (kv[1] == "node") n = kv[2]; if (kv[1] == "score") s = kv[2] }
	print n, s }' "$z.f8" | sort)
note "fragmentation score: ours '$got', recomputed '$want'"
grep -h '^fragscore\|^node ' "$z.f8" "$z.f6" | sed 's/^/  /'
grep "unusable_index\.$hp " "$z.ef" | sed 's/^/  /'
grep ' present ' "$z.zi" | sed 's/^/  /'
[ -n "$got" ] && [ "$got" = "$want" ] || why="$why frag score '$got' != '$want';"
[ "$stable" -eq 1 ] || why="$why never quiescent;"
[ -z "$why" ] && pass zones-snapshot || fail zones-snapshot "$why"

# 2. Watermark changes.  wmark_check TEST CAUSE: the last event has CAUSE,
#    and each zone's new levels and decomposition match zoneinfo and the
#    formula computed here.
wmark_check() {
	local test=$1 cause=$2 ev mfk wsf
	cat /proc/zoneinfo >"$z.wzi"
	cat "$D/watermarks" >"$z.wm"
	mfk=$(cat /proc/sys/vm/min_free_kbytes)
	wsf=$(cat /proc/sys/vm/watermark_scale_factor)
	ev=$(awk '$1 == "event" { l = $0 } END { print l }' "$z.wm")
	case $ev in
	*" cause=$cause "*"new_min_free_kbytes=$mfk "*"new_watermark_scale_factor=$wsf "*) ;;
	*) fail "$test" "last event '$ev' (want cause=$cause, $mfk, $wsf)"; return ;;
	esac
	seq=$(echo "$ev" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "seq") print kv[2] } }')
	zoneinfo_norm <"$z.wzi" >"$z.wzn"
	# Our change records for this event, with zoneinfo's values and the
	# formula: min = mfk/4 * managed / lowmem (lowmem: every zone here),
	# gap = max(min/4, managed * wsf / 10000), low, high, promo on top.
	awk -v seq="$seq" -v mfk="$mfk" -v wsf="$wsf" -v ps="$(page_bytes)" '
	NR == FNR { zi[$1 " " $2 " " $3] = $4; if ($3 == "managed") lm += $4; next }
	$1 == "change" {
		delete f
		for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		if (f["seq"] != seq) next
		k = f["node"] " " f["zone"]
		m = f["new_managed"]
		if (m == 0) next
		n++
		pm = int(mfk / (ps / 1024))
		mn = int(pm * m / lm); q = int(mn / 4)
		sc = int(m / 10000) * wsf + int((m % 10000) * wsf / 10000)
		gap = q > sc ? q : sc
		br = sc > q ? "scale_factor" : "min/4"
		b = zi[k " boost"]
		bad = ""
		if (f["new_min"] != zi[k " min"] - b) bad = bad " min " f["new_min"] "/" zi[k " min"] - b
		if (f["new_low"] != zi[k " low"] - b) bad = bad " low"
		if (f["new_high"] != zi[k " high"] - b) bad = bad " high"
		if ((k " promo") in zi && f["new_promo"] != zi[k " promo"] - b) bad = bad " promo"
		if (f["new_protection"] != zi[k " protection"]) bad = bad " protection"
		if (f["new_managed"] != zi[k " managed"]) bad = bad " managed"
		if (f["share"] != mn || f["gap"] != gap || f["branch"] != br) bad = bad " decomposition " f["share"] "/" mn " " f["gap"] "/" gap " " f["branch"] "/" br
		if (f["new_min"] != mn || f["new_low"] != mn + gap || f["new_high"] != mn + 2 * gap || f["new_promo"] != mn + 3 * gap) bad = bad " formula"
		if (f["formula"] != "match") bad = bad " formula=" f["formula"]
		if (bad != "") { nbad++; print k ":" bad > "/dev/stderr" }
		print "  " k " min " f["new_min"] " low " f["new_low"] " high " f["new_high"] " share " f["share"] " gap " f["gap"] " branch " f["branch"] > "/dev/stderr"
	}
	END { print n + 0, nbad + 0 }' "$z.wzn" "$z.wm" >"$z.wr" 2>"$z.wdiff"
	sed 's/^/  /' "$z.wdiff"
	set -- $(cat "$z.wr")
	if [ "$1" -ge 1 ] && [ "$2" -eq 0 ]; then
		pass "$test"
	else
		fail "$test" "$1 zones, $2 wrong: $(grep -v '^  ' "$z.wdiff" | head -n 3 | xargs)"
	fi
}

# For the record (and Documentation/): the decomposition as it stands.
grep -E '^(zone|decomp|node) ' "$D/zones" | grep -v 'populated=0' | sed 's/^/  /'
mfk0=$(cat /proc/sys/vm/min_free_kbytes)
wsf0=$(cat /proc/sys/vm/watermark_scale_factor)
lrr0=$(cat /proc/sys/vm/lowmem_reserve_ratio)
note "min_free_kbytes $mfk0, watermark_scale_factor $wsf0, lowmem_reserve_ratio $lrr0"
grep '^probe ' "$D/watermarks" | sed 's/^/  /'
echo $((mfk0 * 2)) >/proc/sys/vm/min_free_kbytes
wmark_check zones-wmark-min-free-kbytes min_free_kbytes
# 300 = 3%: the scale factor wins over min/4 in the big zone.
echo 300 >/proc/sys/vm/watermark_scale_factor
wmark_check zones-wmark-scale-factor watermark_scale_factor
echo "$mfk0" >/proc/sys/vm/min_free_kbytes
echo "$wsf0" >/proc/sys/vm/watermark_scale_factor
wmark_check zones-wmark-restored watermark_scale_factor
# lowmem_reserve_ratio: halve every nonzero ratio, check protection, restore.
# One write: a sysctl ignores writes that do not start at offset 0.
lrr1=$(echo "$lrr0" | awk '{ for (i = 1; i <= NF; i++) printf "%d ", ($i > 1 ? int($i / 2) : $i); print "" }')
echo "$lrr1" >/proc/sys/vm/lowmem_reserve_ratio
cat /proc/zoneinfo >"$z.lzi"
zoneinfo_norm <"$z.lzi" | awk '$3 == "protection"' >"$z.lzn"
ev=$(awk '$1 == "event" { l = $0 } END { print l }' "$D/watermarks")
r=$(awk -v ev="$ev" 'BEGIN { split(ev, a, " "); for (i in a) { split(a[i], kv, "="); if (kv[1] == "seq") seq = kv[2] } }
	NR == FNR { p[$1 " " $2] = $4; next }
	$1 == "change" { delete f; for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		if (f["seq"] != seq) next; n++
		if (f["new_protection"] != p[f["node"] " " f["zone"]]) bad++
		if (f["new_protection"] != f["old_protection"]) changed++
		if (f["old_protection"] ~ /[1-9]/) protected++ }
	END { print n + 0, bad + 0, changed + 0, protected + 0 }' "$z.lzn" "$D/watermarks")
echo "$lrr0" >/proc/sys/vm/lowmem_reserve_ratio
note "lowmem_reserve_ratio event: zones/wrong/changed/protected before $r"
set -- $r
# With all memory in one zone (arm64 guests: DMA), every protection is 0
# whatever the ratios; otherwise halving them must change some.
case $ev in
*" cause=lowmem_reserve_ratio "*) [ "$1" -ge 2 ] && [ "$2" -eq 0 ] &&
	{ [ "$4" -eq 0 ] || [ "$3" -ge 1 ]; } &&
	pass zones-wmark-lowmem-reserve || fail zones-wmark-lowmem-reserve "$r: $ev" ;;
*) fail zones-wmark-lowmem-reserve "last event '$ev'" ;;
esac
# Reads at odd offsets of a file that does not move.
full=$(cat "$D/watermarks" | wc -c)
part=$(dd if="$D/watermarks" bs=7 skip=3 2>/dev/null | wc -c)
[ $((part)) -eq $((full - 21)) ] && pass zones-odd-offset || fail zones-odd-offset "$part of $full bytes from offset 21"

# Each watermark probe degrades alone: without the scale factor's, a write
# of it records nothing, one of min_free_kbytes still does.
mms_unload
if mms_load disable=watermark_scale_factor_sysctl_handler; then
	echo 20 >/proc/sys/vm/watermark_scale_factor
	echo "$wsf0" >/proc/sys/vm/watermark_scale_factor
	n1=$(grep -c '^event .*cause=watermark_scale_factor ' "$D/watermarks")
	echo "$mfk0" >/proc/sys/vm/min_free_kbytes
	n2=$(grep -c '^event .*cause=min_free_kbytes ' "$D/watermarks")
	st=$(grep '^probe symbol=watermark_scale_factor_sysctl_handler ' "$D/watermarks")
	note "degraded: $st; scale-factor events $n1, min_free_kbytes events $n2"
	case $st in
	*" state=missing reason=disabled "*) [ "$n1" -eq 0 ] && [ "$n2" -eq 1 ] &&
		pass zones-wmark-degraded || fail zones-wmark-degraded "events $n1 $n2" ;;
	*) fail zones-wmark-degraded "$st" ;;
	esac
else
	fail zones-wmark-degraded "insmod with disable= failed"
fi

# 3. The state machine under pressure, from a fresh load.  The module
# takes its accounting's start during insmod and its "now" while
# wmark_state is read; the guest's clock, read around both, brackets
# what elapsed must be.  /proc/uptime (CLOCK_BOOTTIME, which a guest that
# never suspends keeps equal to the module's CLOCK_MONOTONIC) truncates
# to 10 ms: an instant t it shows as u is in [u, u + 0.01 s).
uptime_ms() { awk '{ split($1, s, "."); print s[1] * 1000 + s[2] * 10 }' /proc/uptime; }
# A node whose kswapd failed MAX_RECLAIM_RETRIES times (zoneinfo's
# node_unreclaimable, after an earlier OOM with nothing left to reclaim)
# is not woken again until some reclaim makes progress there: seen after
# oom-forensics, "kswapd never woke".  Reading a file larger than the
# free memory makes direct reclaim take page cache, which revives it.
i=0
while grep -q 'node_unreclaimable: *1' /proc/zoneinfo && [ $i -lt 5 ] &&
      [ -n "$MMSCOPE_SCRATCH" ]; do
	[ $i -gt 0 ] || note "a node is unreclaimable: page-cache reads until it is not"
	[ -f "$MMSCOPE_SCRATCH/revive" ] ||
		dd if=/dev/zero of="$MMSCOPE_SCRATCH/revive" bs=1M count=$(( $(mem_total_mib) * 3 / 2 )) 2>/dev/null
	cat "$MMSCOPE_SCRATCH/revive" >/dev/null
	i=$((i + 1))
done
[ -z "$MMSCOPE_SCRATCH" ] || rm -f "$MMSCOPE_SCRATCH/revive"
mms_unload
t0=$(uptime_ms)
mms_load || { fail zones-wstate "module not loaded"; return 0; }
t1=$(uptime_ms)
size=$(( $(mem_total_mib) * 2 ))
note "hog: ${size} MiB against $(mem_total_mib) MiB of RAM"
hog "$size" >/dev/null 2>&1
sleep 1
t2=$(uptime_ms)
cat "$D/wmark_state" >"$z.ws"
t3=$(uptime_ms)
# elapsed in (t2 - (t1 + 10), (t3 + 10) - t0) ms, whole ms rounded out.
lo=$(( (t2 - t1 - 10) * 1000000 ))
hi=$(( (t3 - t0 + 10) * 1000000 ))
note "guest clock: load in [$t0, $t1 + 10) ms, read in [$t2, $t3 + 10) ms: elapsed must be in [$lo, $hi] ns"
cat "$D/wmark_margins" >"$z.wmg"
cat "$D/counters" >"$z.cnt"
sed 's/^/  /' "$z.ws"
grep '^margin' "$z.wmg" | sed 's/^/  /'
# A node with CMA pages (Debian's arm64 kernels reserve 64 MiB): an
# unmovable allocation does not count free CMA pages, so it can wake
# kswapd, or enter direct reclaim, while the zone's free pages are above
# low (seen on debian-6.1-arm64: 51 wakes, no time below low).  There
# time below low is not required.
cma=$(awk '$1 == "zone" { n = ""; c = 0
	for (i = 2; i <= NF; i++) { split($i, kv, "=")
		if (kv[1] == "node") n = kv[2]; else if (kv[1] == "cma") c = kv[2] }
	if (c > 0) print n }' "$D/zones" | sort -u | xargs)
[ -z "$cma" ] || note "CMA pages on node(s) $cma: time below low not required there"
why=$(awk -v lo="$lo" -v hi="$hi" -v cma=" $cma " 'BEGIN { lo += 0; hi += 0 }
	{ delete f; for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
	$1 == "state" { n++
		s = f["above_high_ns"] + f["low_high_ns"] + f["min_low_ns"] + f["below_min_ns"]
		e = f["elapsed_ns"] + 0
		if (e < lo || e > hi)
			printf " %s/%s: elapsed %.0f ns, guest clock [%.0f, %.0f];", f["node"], f["zone"], e, lo, hi
		if (s < lo || s > hi)
			printf " %s/%s: state times add up to %.0f ns, guest clock [%.0f, %.0f];", f["node"], f["zone"], s, lo, hi
		below[f["node"]] += f["below_low_ns"] }
	$1 == "wnode" && f["kswapd_wakes"] > 0 && below[f["node"]] <= 0 &&
	    !index(cma, " " f["node"] " ") {
		printf " node %s: kswapd woke %d times, no time below low;", f["node"], f["kswapd_wakes"] }
	$1 == "wnode" { wakes += f["kswapd_wakes"]; direct += f["direct_reclaims"] }
	END { if (!n) printf " no zone followed;"; print ""
	      print wakes + 0, direct + 0 > "/dev/stderr" }' "$z.ws" 2>"$z.wsn")
set -- $(cat "$z.wsn")
wakes=$1
direct=$2
mk=$(awk '$1 == "margin" && $2 ~ /hist=kswapd_wake/ { split($3, kv, "="); s += kv[2] } END { print s + 0 }' "$z.wmg")
md=$(awk '$1 == "margin" && $2 ~ /hist=direct_reclaim/ { split($3, kv, "="); s += kv[2] } END { print s + 0 }' "$z.wmg")
cw=$(val "$z.cnt" kswapd_wake)
cdr=$(val "$z.cnt" direct_reclaim)
note "kswapd wakes $wakes (counters $cw, margins $mk), direct reclaims $direct (counters $cdr, margins $md)"
[ "$wakes" -ge 1 ] || why="$why kswapd never woke;"
[ "$wakes" -eq "$cw" ] && [ "$mk" -eq "$wakes" ] || why="$why kswapd wake counts differ;"
[ "$direct" -eq "$cdr" ] && [ "$md" -eq "$direct" ] || why="$why direct reclaim counts differ;"
[ -z "$(echo "$why" | tr -d ' ')" ] && pass zones-wstate || fail zones-wstate "$why"
