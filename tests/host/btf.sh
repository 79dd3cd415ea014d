#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# btf.sh: `mmscope modparams` reads struct layouts from BTF as pahole (the
# dwarves package) reads them from the same file: the BTF of the 6.12
# targets' headers packages (their vmlinux's .BTF section; 6.1's headers
# ship none) and the host kernel's /sys/kernel/btf/vmlinux.  Then what it
# says of a file that is not BTF, of a cut one, and of a member that does
# not exist.
#
# Prints "PASS  host: btf-..." or "FAIL  host: btf-...: why".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

host_prefix=btf-
. "$top/tests/host/lib.sh"
. "$top/scripts/lib.sh"

if ! out=$(make -s -C "$top/tools" OUT="$tmp/build" 2>&1); then
	ko build "$out"
	exit 0
fi
mms=$tmp/build/mmscope
if ! command -v pahole >/dev/null; then
	absent layouts "no pahole (Debian package dwarves)"
	exit 0
fi

# pahole_off FILE STRUCT MEMBER: the member's byte offset, as pahole says.
pahole_off() {
	pahole -C "$2" "$1" 2>/dev/null |
		awk -v m="$3;" '$0 ~ /;/ { for (i = 1; i < NF; i++) if ($i == m) { print $(i + 2); exit } }'
}

# compare NAME BTF PAHOLE_INPUT: modparams and --offsetof against pahole.
compare() {
	local name=$1 btf=$2 ref=$3 why= sm m want got
	want="cc_migrate_scanned_offset=$(pahole_off "$ref" compact_control total_migrate_scanned)"
	want="$want cc_free_scanned_offset=$(pahole_off "$ref" compact_control total_free_scanned)"
	got=$("$mms" modparams --btf "$btf" 2>&1)
	[ "$got" = "$want" ] || why="modparams '$got', pahole '$want';"
	for sm in compact_control.free_pfn compact_control.zone task_struct.pid \
		  zone.watermark_boost; do
		m=$(pahole_off "$ref" "${sm%%.*}" "${sm#*.}")
		got=$("$mms" modparams --btf "$btf" -O "$sm" 2>&1 | cut -d' ' -f1)
		[ -n "$m" ] && [ "$got" = "$m" ] || why="$why $sm: '$got', pahole '$m';"
	done
	if [ -z "$why" ]; then
		ok "$name"
	else
		ko "$name" "$why"
	fi
}

n=0
for t in debian-6.12-amd64 debian-6.12-arm64; do
	(target_load "$t" && [ -f "$T_KDIR/vmlinux" ] && echo "$T_KDIR/vmlinux") \
		>"$tmp/vmlinux.path" 2>/dev/null || true
	v=$(cat "$tmp/vmlinux.path")
	if [ -z "$v" ]; then
		absent "layout-$t" "target $t not fetched (scripts/fetch-target.sh $t)"
		continue
	fi
	oc=objcopy
	[ "$t" = debian-6.12-arm64 ] && oc=aarch64-linux-gnu-objcopy
	if ! "$oc" -O binary --only-section=.BTF "$v" "$tmp/$t.btf" 2>"$tmp/oc.err" ||
	   [ ! -s "$tmp/$t.btf" ]; then
		ko "layout-$t" "no .BTF section in $v: $(cat "$tmp/oc.err")"
		continue
	fi
	compare "layout-$t" "$tmp/$t.btf" "$v"
	n=$((n + 1))
done
if [ -r /sys/kernel/btf/vmlinux ]; then
	compare layout-host /sys/kernel/btf/vmlinux /sys/kernel/btf/vmlinux
else
	echo "SKIP  host: btf-layout-host: this host's kernel has no /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF)"
fi

# What is not BTF, or not all of it, or lacks the member.
why=
b=$(ls "$tmp"/*.btf 2>/dev/null | head -n 1)
"$mms" modparams --btf /etc/passwd >/dev/null 2>"$tmp/e1"
[ $? -eq 1 ] && grep -q 'not BTF' "$tmp/e1" || why="$why /etc/passwd: $(cat "$tmp/e1");"
"$mms" modparams --btf "$tmp/none" >/dev/null 2>"$tmp/e2"
[ $? -eq 1 ] && grep -q 'No such file' "$tmp/e2" || why="$why missing file: $(cat "$tmp/e2");"
if [ -n "$b" ]; then
	head -c $(( $(stat -c %s "$b") / 2 )) "$b" >"$tmp/cut.btf"
	"$mms" modparams --btf "$tmp/cut.btf" >/dev/null 2>"$tmp/e3"
	[ $? -eq 1 ] && grep -q 'not BTF' "$tmp/e3" || why="$why cut BTF: $(cat "$tmp/e3");"
	"$mms" modparams --btf "$b" -O compact_control.no_such >/dev/null 2>"$tmp/e4"
	[ $? -eq 1 ] && grep -q 'no such member' "$tmp/e4" || why="$why no member: $(cat "$tmp/e4");"
	"$mms" modparams --btf "$b" -O no_such_struct.x >/dev/null 2>"$tmp/e5"
	[ $? -eq 1 ] && grep -q 'no such struct' "$tmp/e5" || why="$why no struct: $(cat "$tmp/e5");"
else
	why="$why no target BTF to cut;"
fi
"$mms" modparams -O nodot >/dev/null 2>"$tmp/e6"
[ $? -eq 2 ] || why="$why -O nodot: not a usage error;"
if [ -z "$why" ]; then
	ok errors
else
	ko errors "$why"
fi
