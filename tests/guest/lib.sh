# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest scenario scripts (busybox sh).  Sourced by run.sh.

MMS_DEBUGFS=/sys/kernel/debug/mmscope
MMS_KO=${MMS_KO:-/mmscope/mmscope.ko}
MMS_TMP=${MMS_TMP:-/tmp/mmscope-test}
mkdir -p "$MMS_TMP"

# One result line, written in one go so kernel messages cannot split it.
result() {
	printf '\nMMSCOPE-RESULT %s\n' "$*"
}
pass() { result PASS "$1"; }
fail() {
	local name=$1
	shift
	result FAIL "$name $*"
}
skip() {
	local name=$1
	shift
	result SKIP "$name $*"
}
# Commentary beside results, for the console log.
note() { echo "  $*"; }

# snap_vmstat FILE / snap_mms FILE: "name value" lines.
snap_vmstat() { cat /proc/vmstat >"$1"; }
snap_mms() { cat "$MMS_DEBUGFS/counters" "$MMS_DEBUGFS/vmstat" >"$1"; }

# val FILE NAME: a value from a "name value" snapshot (empty if absent).
val() { awk -v n="$2" '$1 == n { print $2; exit }' "$1"; }

# delta BEFORE AFTER NAME
delta() { echo $(( $(val "$2" "$3") - $(val "$1" "$3") )); }

# sum_prefix FILE PREFIX: sum of every value whose name starts with PREFIX.
sum_prefix() {
	awk -v p="$2" 'index($1, p) == 1 { s += $2 } END { print s + 0 }' "$1"
}

# Take both snapshots of a quiet system: retry until neither moved while
# they were read, so the two are of the same instant.
snap_quiet() {
	local i=0
	while [ $i -lt 20 ]; do
		snap_mms "$1.m1"
		snap_vmstat "$1.v"
		snap_mms "$1.m2"
		if cmp -s "$1.m1" "$1.m2"; then
			mv "$1.m1" "$1.m"
			rm -f "$1.m2"
			return 0
		fi
		i=$((i + 1))
		sleep 1
	done
	mv "$1.m2" "$1.m"
	note "snap_quiet: counters kept moving for 20 s"
	return 1
}

mms_load() {
	[ -d "$MMS_DEBUGFS" ] && return 0
	insmod "$MMS_KO" "$@"
}

mms_unload() {
	[ -d "$MMS_DEBUGFS" ] || return 0
	rmmod mmscope
}

# kver_ge MAJOR MINOR: the running kernel is at least MAJOR.MINOR.  Only
# tests use this, to say which kernel behaviour they expect; the module
# itself detects features, never versions.
kver_ge() {
	local v maj min
	v=$(uname -r)
	maj=${v%%.*}
	min=${v#*.}
	min=${min%%[.-]*}
	[ "$maj" -gt "$1" ] || { [ "$maj" -eq "$1" ] && [ "$min" -ge "$2" ]; }
}

# mem_total_mib: MemTotal in MiB.
mem_total_mib() { awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo; }

# compare_vmstat BEFORE AFTER TEST: every figure of mmscope's vmstat view
# must move exactly as /proc/vmstat's figure of the same name did.  Prints
# each comparison; fails TEST on any difference, passes it otherwise.
compare_vmstat() {
	local b=$1 a=$2 test=$3 n km kv bad= names
	names=$(awk '{ print $1 }' "$MMS_DEBUGFS/vmstat")
	for n in $names; do
		if [ "$(val "$a.m" "$n")" = unavailable ]; then
			bad="$bad $n:unavailable"
			continue
		fi
		km=$(delta "$b.m" "$a.m" "$n")
		kv=$(delta "$b.v" "$a.v" "$n")
		note "$n: mmscope $km, /proc/vmstat $kv"
		[ "$km" -eq "$kv" ] || bad="$bad $n:$km!=$kv"
	done
	if [ -z "$bad" ]; then
		pass "$test"
	else
		fail "$test" "differ:$bad"
	fi
}

# kv KEY: the value of KEY in the "KEY=VALUE ..." line on stdin.
kv() {
	awk -v k="$1" '{ for (i = 1; i <= NF; i++) { n = index($i, "=")
		if (n && substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }'
}

# oom_records_total: records the debugfs "oom" file has published since load.
oom_records_total() { grep '^summary ' "$MMS_DEBUGFS/oom" | kv records; }

# oom_record FILE ID [END]: the blocks (header to blank line) of record ID,
# or of records ID to END - 1, from a copy of the debugfs "oom" file.
oom_record() {
	awk -v first="$2" -v end="${3:-$(($2 + 1))}" '
		$1 == "record" { id = substr($2, 4) + 0; on = (id >= first && id < end) }
		on && NF == 0 { on = 0 }
		on' "$1"
}

# wait_grep FILE PATTERN: wait until FILE has a line matching PATTERN, for
# at most 60 s.
wait_grep() {
	local i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 60 ] || return 1
		sleep 1
	done
}

# oom_dump_tasks DMESG PID: the kernel's own task dump (vm.oom_dump_tasks)
# in the OOM report that ends with "Killed process PID (", one task a line:
# "pid rss rss_anon rss_file rss_shmem pgtables_bytes swapents
# oom_score_adj", "-" for a column this kernel does not print (6.1 prints
# rss only, 6.12 also its split).
oom_dump_tasks() {
	awk -v victim="$2" '
	{ sub(/^\[[^]]*\] */, "") }
	/^Tasks state / { n = 0; next }
	/^\[  pid  \]/ {
		sub(/^\[  pid  \]/, "pid")
		nc = split($0, col, " ")
		for (c in idx) delete idx[c]
		for (c = 1; c <= nc; c++) idx[col[c]] = c
		next
	}
	/^\[ *[0-9]+\]/ { sub(/^\[ */, ""); sub(/\]/, ""); row[++n] = $0; next }
	index($0, "Killed process " victim " (") {
		split("pid rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj", want, " ")
		for (i = 1; i <= n; i++) {
			split(row[i], f, " ")
			line = ""
			for (w = 1; w <= 8; w++)
				line = line (w > 1 ? " " : "") (want[w] in idx ? f[idx[want[w]]] : "-")
			print line
		}
		exit
	}' "$1"
}

# vmstat_val NAME: a /proc/vmstat figure.
vmstat_val() { awk -v n="$1" '$1 == n { print $2 }' /proc/vmstat; }
