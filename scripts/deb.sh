#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deb.sh [OUT]: build the Debian packages (debian/: mmscope-dkms and
# mmscope-tools) with `dpkg-buildpackage -us -uc -b` from the tree as it
# is: git's files, committed or not (all but what .gitignore ignores),
# else every file but build/.  The tree is copied into OUT/src first, so
# nothing is written into it; OUT (default build/deb) gets the .deb,
# .buildinfo and .changes files, the source package (.dsc and .tar.xz, for
# lintian) and build.log.  Prints the .deb paths.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:-$MMSCOPE_TOP/build/deb}
for t in dpkg-buildpackage dh dh_dkms; do
	command -v "$t" >/dev/null ||
		die "no $t: run scripts/host-deps.sh (packages dpkg-dev debhelper dh-dkms)"
done
ver=$(dpkg-parsechangelog -l "$MMSCOPE_TOP/debian/changelog" -S Version)
src=$out/src/mmscope-$ver
rm -rf "$out"
mkdir -p "$src"
cd "$MMSCOPE_TOP"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z -c -o --exclude-standard |
		while IFS= read -r -d '' f; do
			# Deleted, not yet committed: not part of the tree.
			if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
		done | cpio -0 -pdm --quiet "$src"
else
	tar -c --exclude=./build . | tar -x -C "$src"
fi

# The source package too (from the clean copy, before the build), so that
# lintian sees debian/control's source paragraph and debian/copyright.
if ! (cd "$src" && dpkg-source -b . && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	die "dpkg-buildpackage failed: see $out/build.log"
fi
mv "$out"/src/*.deb "$out"/src/*.buildinfo "$out"/src/*.changes \
	"$out"/src/*.dsc "$out"/src/*.tar.* "$out"/
rm -rf "$out/src"
ls "$out"/*.deb
