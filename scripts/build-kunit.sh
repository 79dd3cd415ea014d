#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kunit.sh TARGET [MAKE_VAR=VALUE...]: build mmscope_kunit.ko, the
# module's KUnit suites, for TARGET, a kernel with CONFIG_KUNIT (a target of
# scripts/local-targets.conf; Debian's kernels have no KUnit).
#
# First build-target.sh builds mmscope.ko for TARGET in build/TARGET/module/
# (with its conftest header).  Then build/TARGET/kunit/ gets links to every
# source of module/'s folders (core/, probes/, ...), every kunit/*_kunit.c,
# kunit/*.h and kunit/Kbuild, and the module folder's generated/:
# kunit/Kbuild builds one test module of all the suites with the module's
# own objects (module/Kbuild's list less core/main.o),
# with W=1, against TARGET's build folder.  Nothing is copied: a suite file
# added to kunit/ is built and run from then on.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: build-kunit.sh TARGET [VAR=VALUE...] (targets: $(local_target_names | xargs))"
target_load "$1"
shift
"$MMSCOPE_TOP/scripts/build-target.sh" "$T_NAME" "$@"
target_load "$T_NAME"		# the release is known once it is built
grep -qx 'CONFIG_KUNIT=[ym]' "$T_KDIR/.config" 2>/dev/null ||
	die "$T_NAME: its kernel has no CONFIG_KUNIT: build the suites for a target of scripts/local-targets.conf"

out=$MMSCOPE_TOP/build/$T_NAME/kunit
mkdir -p "$out"
find "$out" -path "$out/generated" -prune -o -type l -print0 | xargs -0r rm -f
rm -f "$out/generated"
mms_link_tree "$MMSCOPE_TOP/module" "$out"
rm -f "$out/Kbuild"
for f in "$MMSCOPE_TOP"/kunit/*_kunit.c "$MMSCOPE_TOP"/kunit/*.h "$MMSCOPE_TOP"/kunit/Kbuild; do
	[ -e "$f" ] && ln -s "$f" "$out/"
done
ln -s ../module/generated "$out/generated"

# shellcheck disable=SC2046
make $(target_make_args) M="$out" W=1 "$@" modules
echo "build: $out/mmscope_kunit.ko ($T_NAME): the suites of $(ls "$MMSCOPE_TOP"/kunit/*_kunit.c | wc -l) files"
