# SPDX-License-Identifier: GPL-2.0
#
# robust: bad input and unkind users.
#
#  robust-offsets      every readable file under debugfs mmscope/ read at
#                      odd offsets and sizes (dd bs=1 skip=odd, small and
#                      huge blocks) gives exactly the bytes of a whole read
#                      taken in the same quiet state; reading past the end
#                      gives 0 bytes.  A file that changes between two whole
#                      reads with nothing running (a live figure) is read in
#                      7-byte pieces in one open instead: seq_file must give
#                      one consistent copy, with the same line names.
#  robust-readonly     writing to any read-only file fails with EACCES,
#                      EPERM or EINVAL (root may open it for writing: the
#                      file then has no write method).
#  robust-readers      three readers loop over counters, vmstat and the
#                      histograms while a hog drives reclaim into zram swap:
#                      every counter and histogram count/sum only grows.
#  robust-rmmod-open   rmmod while a reader holds counters open: fails with
#                      "in use" (EBUSY/EWOULDBLOCK) or succeeds, never worse;
#                      the open file then reads or fails cleanly.
#  robust-rmmod-busy   rmmod while the hog still drives reclaim and readers
#                      loop: every failed attempt says "in use", one
#                      succeeds, views go; insmod again counts the reclaim
#                      still going on.  kwatch (the guest's /init) fails the
#                      run on any oops or warning.

mms_load || { fail robust "module not loaded"; return 0; }
d=$MMS_TMP/robust
mkdir -p "$d"

# verdict TEST WHY: pass TEST when WHY is empty, else fail it with WHY.
verdict() {
	if [ -z "$2" ]; then
		pass "$1"
	else
		fail "$1" "$2"
	fi
}

# in_use ERR: ERR is rmmod's message for a module still in use (busybox
# rmmod asks with O_NONBLOCK: EWOULDBLOCK).
in_use() {
	case $1 in
	*'in use'*|*[Bb]usy*|*'Resource temporarily unavailable'*) return 0 ;;
	esac
	return 1
}

# rd FILE SKIP COUNT [BS]: COUNT blocks of BS (default 1) bytes from block
# SKIP of FILE.
rd() {
	dd if="$1" bs="${4:-1}" skip="$2" count="$3" 2>/dev/null
}

# check_offsets FILE WHOLE: partial reads of FILE against the copy WHOLE.
# Prints the first difference, nothing when all match.
check_offsets() {
	local f=$1 w=$2 n s c b half
	n=$(wc -c <"$w")
	half=$((n / 2 | 1))
	# bs=1 one byte at a time through the whole file, in one open.
	rd "$f" 0 $((n + 8)) | cmp -s - "$w" || { echo "byte-by-byte read"; return; }
	for s in 1 3 7 $half $((n - 1)); do
		[ "$s" -ge 0 ] || continue
		for c in 1 5 33 4097; do
			rd "$w" "$s" "$c" >"$d/exp"
			rd "$f" "$s" "$c" | cmp -s - "$d/exp" ||
				{ echo "skip=$s count=$c bs=1"; return; }
		done
	done
	# Odd block sizes and a block larger than any file.
	for b in 7 13 511 1000000; do
		for s in 0 1 3; do
			rd "$w" "$s" 3 "$b" >"$d/exp"
			rd "$f" "$s" 3 "$b" | cmp -s - "$d/exp" ||
				{ echo "skip=$s count=3 bs=$b"; return; }
		done
	done
	# Past the end: nothing, and no error.
	for s in "$n" $((n + 1)) $((n + 4096)); do
		c=$(rd "$f" "$s" 16 | wc -c)
		[ "$c" -eq 0 ] || { echo "skip=$s past the end gave $c bytes"; return; }
	done
}

files=$(find "$MMS_DEBUGFS" -type f | sort)
nf=0
bad=
volatile=
for f in $files; do
	m=$(stat -c %a "$f")
	case ${m%??} in
	*[4567]) ;;
	*) continue ;;		# not meant to be read
	esac
	nf=$((nf + 1))
	rel=${f#"$MMS_DEBUGFS"/}
	w=$d/whole
	# Pass at the first try in which the file held still and every
	# partial read matched; a file that moved in some try (zones' free
	# pages move with any allocation) and never passed is a live figure.
	i=0
	moved=
	stable_why=
	while [ $i -lt 5 ]; do
		cat "$f" >"$w.1"
		why=$(check_offsets "$f" "$w.1")
		cat "$f" >"$w.2"
		if ! cmp -s "$w.1" "$w.2"; then
			moved=1
		elif [ -z "$why" ]; then
			break
		else
			stable_why=$why
		fi
		i=$((i + 1))
	done
	[ $i -lt 5 ] && continue
	# Never seen to move between whole reads, yet no try passed: if a
	# byte-by-byte read has every line's name right, only values moved.
	if [ -z "$moved" ]; then
		rd "$f" 0 100000 >"$w.4"
		! cmp -s "$w.4" "$w.1" &&
		[ "$(awk '{ print $1 }' "$w.4")" = "$(awk '{ print $1 }' "$w.1")" ] &&
			moved=1
	fi
	if [ -z "$moved" ]; then
		bad="$bad $rel($stable_why)"
		continue
	fi
	# A live figure: one open, 7-byte reads, one consistent copy.
	volatile="$volatile $rel"
	rd "$f" 0 100000 7 >"$w.3"
	[ "$(awk '{ print $1 }' "$w.3")" = "$(awk '{ print $1 }' "$w.2")" ] ||
		bad="$bad $rel(7-byte reads give other lines)"
done
note "read $nf files at odd offsets; live ones read in pieces:${volatile:- none}"
[ "$nf" -ge 5 ] || bad="only $nf readable files under $MMS_DEBUGFS"
verdict robust-offsets "${bad:+differ from a whole read:$bad}"

bad=
nw=0
for f in $files; do
	case $(stat -c %a "$f") in
	*[2367]*) continue ;;	# writable by design
	esac
	nw=$((nw + 1))
	rel=${f#"$MMS_DEBUGFS"/}
	for how in '>>' '>'; do
		if err=$(eval "echo 1 $how \"\$f\"" 2>&1); then
			bad="$bad $rel($how succeeded)"
			continue
		fi
		case $err in
		*'Permission denied'*|*'Operation not permitted'*|*'Invalid argument'*) ;;
		*)	bad="$bad $rel($how: $err)" ;;
		esac
	done
done
note "write to $nw read-only files, e.g.: $( (echo 1 >>"$MMS_DEBUGFS/counters") 2>&1)"
[ "$nw" -gt 0 ] || bad="no read-only file"
verdict robust-readonly "$bad"

# --- readers and rmmod under pressure ---------------------------------
mib=$(mem_total_mib)
zram_swap $((mib * 2)) robust-readers robust-rmmod-open robust-rmmod-busy || return 0

# The hog thrashes zram in a small guest, where the OOM killer may take
# it despite free swap (seen once on 6.12-amd64): a loop starts it again,
# so reclaim goes on until $d/hogstop exists, and counts its restarts.
rm -f "$d/hogstop" "$d/hog.out"
keep_hog() {
	while [ ! -e "$d/hogstop" ]; do
		hog $((mib * 3 / 2)) --touch-forever >>"$d/hog.out" 2>&1
		echo "hog ended: $?" >>"$d/hog.out"
	done
}
keep_hog &
hogpid=$!

# reader N: loop over the views until $d/stop exists, 150 rounds at most.
reader() {
	local i=0 h
	while [ ! -e "$d/stop" ] && [ $i -lt 150 ]; do
		{
			echo "round $i"
			cat "$MMS_DEBUGFS/counters" "$MMS_DEBUGFS/vmstat"
			for h in "$MMS_DEBUGFS"/histograms/*; do
				awk -v h="${h##*/}" '$1 == "count" || $1 == "sum_ns" {
					print h "." $1, $2 }' "$h"
			done
		} >>"$d/reader.$1" 2>&1
		i=$((i + 1))
	done
}
rm -f "$d/stop" "$d"/reader.*
snap_vmstat "$d.v0"
for r in 1 2 3; do
	reader $r &
	eval "rpid$r=$!"
done
# Let reclaim run: until direct reclaim is seen, at most 60 s.
i=0
while [ $i -lt 60 ]; do
	sleep 1
	snap_vmstat "$d.v1"
	[ "$(sum_prefix "$d.v1" allocstall_)" -gt "$(sum_prefix "$d.v0" allocstall_)" ] && break
	i=$((i + 1))
done
sleep 3
touch "$d/stop"
wait "$rpid1" "$rpid2" "$rpid3"
scanned=$(( $(sum_prefix "$d.v1" pgscan_) - $(sum_prefix "$d.v0" pgscan_) ))
# Every "name value" line must not go down from one round to the next.
why=$(for r in 1 2 3; do
	awk -v r="$r" '
		$1 == "round" { rounds++; next }
		NF != 2 || $2 !~ /^[0-9]+$/ { next }
		($1 in last) && $2 < last[$1] {
			printf "reader %d round %d: %s %s < %s; ", r, rounds, $1, $2, last[$1]
			bad++
		}
		{ last[$1] = $2 }
		/No such|rror/ { printf "reader %d: %s; ", r, $0 }
		END { if (rounds < 2) printf "reader %d: %d rounds; ", r, rounds }
	' "$d/reader.$r"
done)
note "readers: $(grep -c '^round' "$d/reader.1") $(grep -c '^round' "$d/reader.2") $(grep -c '^round' "$d/reader.3") rounds; pgscan +$scanned meanwhile"
[ "$scanned" -gt 0 ] || why="$why the hog drove no reclaim"
verdict robust-readers "$why"

# rmmod with counters held open, the hog still reclaiming.
exec 3<"$MMS_DEBUGFS/counters"
err=$(rmmod mmscope 2>&1)
rc=$?
if [ $rc -eq 0 ]; then
	after=$(cat <&3 2>&1)
	note "rmmod with counters open: succeeded; the open file then read: ${after:-nothing}"
	case $after in
	*[0-9]*)	bad="reading after rmmod gave figures: $after" ;;
	*)		bad= ;;
	esac
else
	note "rmmod with counters open: $err"
	bad=
	in_use "$err" || bad="rmmod failed otherwise: $err"
	head -n 2 <&3 >"$d/held" || bad="$bad; the held file no longer reads"
fi
exec 3<&-
verdict robust-rmmod-open "$bad"

# rmmod while readers loop and the hog reclaims: retry "in use" failures.
rm -f "$d/stop" "$d"/reader.*
for r in 1 2; do
	reader $r &
	eval "rpid$r=$!"
done
snap_vmstat "$d.v2"
tries=0
bad=
while [ -d "$MMS_DEBUGFS" ] && [ $tries -lt 50 ]; do
	tries=$((tries + 1))
	err=$(rmmod mmscope 2>&1) && break
	in_use "$err" || bad="$bad rmmod: $err;"
done
snap_vmstat "$d.v3"
kill -0 "$hogpid" 2>/dev/null || bad="$bad the hog loop was gone by rmmod;"
touch "$d/stop"
wait "$rpid1" "$rpid2"
[ ! -d "$MMS_DEBUGFS" ] || bad="$bad rmmod never succeeded in $tries tries;"
moved=$(( $(sum_prefix "$d.v3" pgscan_) - $(sum_prefix "$d.v2" pgscan_) ))
note "rmmod under reclaim: $tries tries, pgscan +$moved meanwhile"
[ "$moved" -gt 0 ] || bad="$bad no reclaim during the rmmod attempts;"
# The module loads again and counts the reclaim still running.
if ! mms_load; then
	bad="$bad insmod after rmmod failed;"
else
	i=0
	while [ "$(val "$MMS_DEBUGFS/counters" direct_reclaim)" -eq 0 ] && [ $i -lt 20 ]; do
		sleep 1
		i=$((i + 1))
	done
	# The running hog may have settled where kswapd keeps up with it
	# (seen once on 6.12-arm64: 60 s without a stall).  A second hog
	# takes more than RAM and swap hold together, so it ends in an OOM
	# kill, and the allocator stalls in direct reclaim before any.
	if [ "$(val "$MMS_DEBUGFS/counters" direct_reclaim)" -eq 0 ]; then
		note "reloaded: no direct reclaim in 20 s from the running hog; a second hog of $((mib * 2)) MiB"
		hog $((mib * 2)) >/dev/null 2>&1
	fi
	[ "$(val "$MMS_DEBUGFS/counters" direct_reclaim)" -gt 0 ] ||
		bad="$bad reloaded module counted no direct reclaim;"
fi
ends=$(grep '^hog ended' "$d/hog.out" | sort | uniq -c | tr -s ' \n' '  ')
[ -z "$ends" ] || note "the hog ended and was started again:$ends"
touch "$d/hogstop"
# A hog started between the loop's test and the touch: kill it too.
i=0
while [ $i -lt 5 ] && killall hog 2>/dev/null; do
	sleep 1
	i=$((i + 1))
done
wait "$hogpid" 2>/dev/null
zram_swap_off
oops=$(dmesg | grep -E 'WARNING:|BUG:|Oops|general protection|Unable to handle' | head -n 3)
[ -z "$oops" ] || bad="$bad kernel: $oops"
verdict robust-rmmod-busy "$bad"
