#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-target.sh TARGET [MAKE_VAR=VALUE...]: build mmscope.ko for a target
# of scripts/targets.conf (fetching it first if needed) in build/TARGET/,
# cross-compiling where the target's arch is not the host's.  W=1 always.
# The sources are linked, not copied, into build/TARGET/ so that every
# target keeps its own objects and generated conftest header.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: build-target.sh TARGET [VAR=VALUE...] (targets: $(target_names | xargs))"
target_load "$1"
shift
if ! target_cached; then
	"$MMSCOPE_TOP/scripts/fetch-target.sh" "$T_NAME"
	# The kernel fetched may not be the one recorded (archive.sh).
	target_load "$T_NAME"
fi

out=$MMSCOPE_TOP/build/$T_NAME
mkdir -p "$out/module"
ln -sfn ../../include "$out/include"
# Refresh the links: sources may have been added, moved or removed.
find "$out/module" -path "$out/module/generated" -prune -o -type l -print0 |
	xargs -0r rm -f
mms_link_tree "$MMSCOPE_TOP/module" "$out/module"

# shellcheck disable=SC2046
"$MMSCOPE_TOP/scripts/conftest.sh" "$out/module" $(target_make_args)
# shellcheck disable=SC2046
make $(target_make_args) M="$out/module" W=1 "$@" modules
echo "build: $out/module/mmscope.ko ($T_NAME)"
