#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# update-targets.sh: rewrite the release and version columns of
# scripts/targets.conf to the newest kernel of each target's series that
# Debian's archive serves now (scripts/archive.sh), after `apt-get update`
# when run as root.  Prints what changed; changes nothing else.  Then run
# `make check`, and commit targets.conf with its results.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/archive.sh"

if [ "$(id -u)" = 0 ]; then
	apt-get update -qq || echo "update-targets: apt-get update failed: using apt's current lists" >&2
fi
conf=$MMSCOPE_TARGETS_CONF
new=$(mktemp)
trap 'rm -f "$new"' EXIT
changed=0
while IFS= read -r line; do
	case $line in
	'#'*|'')
		echo "$line"
		continue
		;;
	esac
	read -r name arch series flavour abi ver <<<"$line"
	archive_resolve newest "$arch" "$series" "$flavour" "$abi" "$ver" ||
		die "$name: $R_NOTES"
	v=${R_IMAGE#* }
	if [ "$R_ABI $v" != "$abi $ver" ]; then
		echo "update-targets: $name: $abi $ver -> $R_ABI $v" >&2
		changed=$((changed + 1))
	fi
	printf '%-21s %-6s %-7s %-8s %-16s %s\n' "$name" "$arch" "$series" "$flavour" "$R_ABI" "$v"
done <"$conf" >"$new"
cat "$new" >"$conf"
echo "update-targets: $changed of $(target_names | wc -l) targets changed in $conf" >&2
