#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# completion.sh: host tests of tools/mmscope.bash-completion under Debian's
# bash-completion: commands, each command's options, and the histogram
# names of `mmscope hist` from the module's views (a guest's, in
# tests/fixtures/), and, when the views cannot be read, the names of
# module/core/hist_table.c.
#
# Prints "PASS  host: completion-..." or "FAIL  host: completion-...: why".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "PASS  host: completion-$1"; }
ko() { echo "FAIL  host: completion-$1: $2"; }
bc=/usr/share/bash-completion/bash_completion
if [ ! -f "$bc" ]; then
	if [ "${MMSCOPE_STRICT:-0}" = 1 ]; then
		ko all "no $bc (Debian package bash-completion)"
	else
		echo "SKIP  host: completion-all: no $bc (Debian package bash-completion)"
	fi
	exit 0
fi

# The command on PATH, as the completion runs it.
mkdir -p "$tmp/bin"
if ! out=$(make -s -C "$top/tools" OUT="$tmp/build" 2>&1); then
	ko build "$out"
	exit 0
fi
ln -s "$tmp/build/mmscope" "$tmp/bin/mmscope"

# complete LINE: what the completion offers at the end of LINE, sorted, on
# one line.
complete() {
	PATH=$tmp/bin:$PATH bash -c '
		. "$1" && . "$2" || exit 1
		COMP_LINE=$3
		COMP_POINT=${#COMP_LINE}
		read -r -a COMP_WORDS <<<"$COMP_LINE"
		[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		_mmscope mmscope "$cur" "$prev"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$bc" \
		"$top/tools/mmscope.bash-completion" "$1" 2>&1 | sort | xargs
}

# expect NAME LINE WANT: LINE completes to exactly WANT.
expect() {
	local got
	got=$(complete "$2")
	if [ "$got" = "$3" ]; then
		ok "$1"
	else
		ko "$1" "'$2' offered '$got', not '$3'"
	fi
}

fix=$top/tests/fixtures/debian-6.12-amd64
expect commands 'mmscope ' 'export frag hist modparams oom record report stat zones'
expect command-prefix 'mmscope -j st' 'stat'
expect global-options 'mmscope --j' '--json'
expect hist-options 'mmscope hist --m' '--msecs'
expect export-options 'mmscope export --p' '--prometheus'
expect oom-last 'mmscope oom --last ' ''
expect modparams-options 'mmscope modparams --o' '--offsetof'
expect debugfs-folders "mmscope --debugfs $top/tests/fixt" "$top/tests/fixtures"
expect hist-names "mmscope -d $fix hist " "$(ls "$fix/histograms" | sort | xargs)"
expect hist-names-after-options "mmscope --debugfs=$fix hist -m ks" 'kswapd_run kswapd_run_node0'
expect hist-one-name "mmscope -d $fix hist kswapd_run " ''
# The names the module's table has, when no view can be read: the
# completion's list of them is this release's.
want=$(sed -n 's/.*\][[:space:]]*=[[:space:]]*"\([a-z0-9_]*\)",*$/\1/p; s/^[[:space:]]*"\([a-z0-9_]*\)",$/\1/p' \
	"$top/module/core/hist_table.c" | sort | xargs)
if [ "$(wc -w <<<"$want")" -lt 30 ]; then
	ko hist-names-known "read only $(wc -w <<<"$want") names from module/core/hist_table.c"
else
	expect hist-names-known "mmscope -d $tmp/none hist " "$want"
fi
touch "$tmp/rec.mms"
expect record-output "mmscope record -o $tmp/rec." "$tmp/rec.mms"
