#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packaging.sh: host tests of what the Debian packages ship beside the
# module and the command (the packages themselves are built, linted and
# put through DKMS by scripts/check.sh's "packages" stage):
#
#  - one version everywhere: debian/changelog, dkms.conf, the module, the
#    command and its man page
#  - debian/mmscope-dkms.mmscope.modprobe (/etc/modprobe.d/mmscope.conf)
#    is all comments and documents every module_param of module/
#  - tools/mmscope-textfile writes the metrics atomically, readable by
#    node_exporter, and removes them when the export fails
#  - the systemd units pass systemd-analyze verify
#
# Prints "PASS  host: pkg-..." or "FAIL  host: pkg-...: why" per test.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "PASS  host: pkg-$1"; }
ko() { echo "FAIL  host: pkg-$1: $2"; }
absent() {
	if [ "${MMSCOPE_STRICT:-0}" = 1 ]; then
		ko "$1" "$2"
	else
		echo "SKIP  host: pkg-$1: $2"
	fi
}

# One version everywhere.
vers=$(
	echo "debian/changelog $(dpkg-parsechangelog -l "$top/debian/changelog" -S Version 2>/dev/null)"
	echo "dkms.conf $(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")"
	echo "module/core/version.h $(sed -n 's/^#define MMSCOPE_VERSION[[:space:]]*"\(.*\)"$/\1/p' "$top/module/core/version.h")"
	echo "tools/mms.h $(sed -n 's/^#define MMS_TOOL_VERSION[[:space:]]*"\(.*\)"$/\1/p' "$top/tools/mms.h")"
	echo "tools/mmscope.8 $(sed -n 's/^\.TH .*"mmscope \([^"]*\)".*/\1/p' "$top/tools/mmscope.8")"
)
if [ "$(awk '{ print $2 }' <<<"$vers" | sort -u | wc -l)" = 1 ] &&
   [ "$(awk 'NF == 2' <<<"$vers" | wc -l)" = 5 ]; then
	ok version
else
	ko version "versions differ or are missing: $(tr '\n' ';' <<<"$vers")"
fi

# The modprobe file: comments, one "#options mmscope NAME=" line for each
# parameter of the module, and the one install line that passes the
# kernel's layout from `mmscope modparams`.
conf=$top/debian/mmscope-dkms.mmscope.modprobe
params=$(grep -rhoE 'module_param(_named)?\([a-z0-9_]+' "$top/module" | sed 's/.*(//' | sort -u)
why=
[ -n "$params" ] || why="no module_param found in module/"
inst='install mmscope /sbin/modprobe --ignore-install mmscope $(/usr/sbin/mmscope modparams 2>/dev/null) $CMDLINE_OPTS'
bad=$(grep -nvE '^(#.*)?$' "$conf" | grep -vF ":$inst" | head -n 1)
[ "$(grep -cxF "$inst" "$conf")" = 1 ] || why="no single line '$inst'"
[ -z "$bad" ] || why="not a comment: $bad"
for p in $params; do
	grep -qE "^#options mmscope( [a-z0-9_]+=[^ ]*)* $p=" "$conf" ||
		why="${why:+$why; }no '#options mmscope $p=' line"
done
for p in $(sed -n 's/^#options mmscope //p' "$conf" | tr ' ' '\n' | sed 's/=.*//' | sort -u); do
	grep -qx "$p" <<<"$params" || why="${why:+$why; }'$p' is not a parameter of the module"
done
if [ -z "$why" ]; then
	ok modprobe-conf
else
	ko modprobe-conf "$why"
fi

# The textfile writer, with the command reading a guest's views.
if ! out=$(make -s -C "$top/tools" OUT="$tmp/build" 2>&1); then
	ko textfile "cannot build the command: $out"
else
	tf() {
		MMSCOPE=$tmp/build/mmscope MMSCOPE_DEBUGFS=$1 \
			"$top/tools/mmscope-textfile" "$tmp/tf" 2>"$tmp/tf.err"
	}
	mkdir -p "$tmp/tf"
	why=
	umask 077
	if ! tf "$top/tests/fixtures/debian-6.12-amd64"; then
		why="failed: $(cat "$tmp/tf.err")"
	elif ! grep -q '^mmscope_vmstat_allocstall_movable_total ' "$tmp/tf/mmscope.prom"; then
		why="no mmscope_vmstat_allocstall_movable_total in $(head -c 300 "$tmp/tf/mmscope.prom")"
	elif [ "$(stat -c %a "$tmp/tf/mmscope.prom")" != 644 ]; then
		why="mode $(stat -c %a "$tmp/tf/mmscope.prom"), which node_exporter's user cannot read"
	elif [ "$(ls -A "$tmp/tf")" != mmscope.prom ]; then
		why="left behind: $(ls -A "$tmp/tf" | tr "\n" " ")"
	elif tf "$tmp/no-such-views"; then
		why="a failed export succeeded"
	elif [ -e "$tmp/tf/mmscope.prom" ] || [ -n "$(ls -A "$tmp/tf")" ]; then
		why="a failed export left: $(ls -A "$tmp/tf" | tr "\n" " ")"
	elif MMSCOPE=$tmp/build/mmscope "$top/tools/mmscope-textfile" "$tmp/no-dir" 2>"$tmp/tf.err" ||
	     ! grep -q 'no folder' "$tmp/tf.err"; then
		why="a missing folder: $(cat "$tmp/tf.err")"
	fi
	umask 022
	if [ -z "$why" ]; then
		ok textfile
	else
		ko textfile "$why"
	fi
fi

# The units, with the writer at its place in this tree.
if command -v systemd-analyze >/dev/null; then
	mkdir -p "$tmp/units"
	for u in "$top"/tools/systemd/*.service "$top"/tools/systemd/*.timer; do
		sed "s|/usr/libexec/mmscope/mmscope-textfile|$top/tools/mmscope-textfile|" \
			"$u" >"$tmp/units/${u##*/}"
	done
	if out=$(cd "$tmp/units" && systemd-analyze verify --man=no ./* 2>&1) && [ -z "$out" ]; then
		ok systemd-units
	else
		ko systemd-units "$out"
	fi
else
	absent systemd-units "no systemd-analyze (Debian package systemd)"
fi
