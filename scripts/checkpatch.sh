#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh [FILE...]: run the kernel's checkpatch.pl --no-tree -f on
# every C source and header of the module (or on FILEs).  checkpatch.pl
# and its data files come from Debian's linux-source package, extracted
# once into the cache; headers packages do not ship them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SRC_PKG=linux-source-6.12
SRC_VER=6.12.117-1~deb12u1
dir=$MMSCOPE_CACHE/checkpatch
if [ ! -x "$dir/checkpatch.pl" ]; then
	mkdir -p "$MMSCOPE_CACHE/debs" "$dir"
	deb=$(ls "$MMSCOPE_CACHE/debs/${SRC_PKG}_"*.deb 2>/dev/null | head -n1 || true)
	if [ -z "$deb" ]; then
		(cd "$MMSCOPE_CACHE/debs" && apt-get download -q "$SRC_PKG=$SRC_VER") ||
			die "cannot download package '$SRC_PKG=$SRC_VER'"
		deb=$(ls "$MMSCOPE_CACHE/debs/${SRC_PKG}_"*.deb | head -n1)
	fi
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
		tar -xJ -C "$dir" --strip-components=2 --wildcards \
			'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
			'*/scripts/const_structs.checkpatch'
	[ -x "$dir/checkpatch.pl" ] || die "checkpatch.pl not found in $deb"
fi

cd "$MMSCOPE_TOP"
# The record lists are X-macros, which checkpatch.pl takes for expressions
# that want parentheses, and their expanders use some of an entry's
# arguments and may end in a member's semicolon: that file alone goes
# without the macro-shape rules.
xmacro=include/uapi/linux/mmscope_records.h
if [ $# -eq 0 ]; then
	set -- module/*/*.[ch] include/uapi/linux/*.h kunit/*.[ch]
fi
plain=() lists=()
for f in "$@"; do
	if [ "$f" = "$xmacro" ]; then lists+=("$f"); else plain+=("$f"); fi
done
# spelling.txt and const_structs.checkpatch are read from beside the script.
run_checkpatch() {
	"$dir/checkpatch.pl" --no-tree --strict --quiet --show-types \
		--ignore FILE_PATH_CHANGES"${1:+,$1}" -f "${@:2}"
}
rc=0
[ ${#plain[@]} -eq 0 ] || run_checkpatch "" "${plain[@]}" || rc=1
[ ${#lists[@]} -eq 0 ] ||
	run_checkpatch COMPLEX_MACRO,MACRO_ARG_REUSE,MACRO_ARG_UNUSED,TRAILING_SEMICOLON "${lists[@]}" || rc=1
exit $rc
