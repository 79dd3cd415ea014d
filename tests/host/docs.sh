#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The docs checks of make check fail on what they are there to catch, and
# pass what they should.  scripts/htmldocs.sh on a small tree of its own
# (Documentation/conf.py and sphinx/ copied, one page, one header): clean,
# then a section title glued to a paragraph, a paragraph glued to a
# literal block, and a struct member without a description, which
# kernel-doc -Wall and the kernel-doc directive each report.  scripts/man-warnings.sh on the real page and on a copy with an
# undefined macro.  Prints "PASS  host: docs-..." or "FAIL  ...".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/scripts/lib.sh"
. "$top/tests/host/lib.sh"

# man-warnings: the real page passes, a page with an undefined macro fails
# and names it.
if ! command -v man >/dev/null; then
	absent docs-man-warnings "no man (scripts/host-deps.sh installs man-db)"
else
	sed '/^\.SH DESCRIPTION/a .NOSUCHMACRO x' "$top/tools/mmscope.8" >"$tmp/bad.8"
	good=$("$top/scripts/man-warnings.sh" 2>&1)
	grc=$?
	bad=$("$top/scripts/man-warnings.sh" "$tmp/bad.8" 2>&1)
	brc=$?
	if [ $grc -eq 0 ] && [ -z "$good" ] && [ $brc -ne 0 ] &&
	   grep -q "bad.8: .*macro 'NOSUCHMACRO' not defined" <<<"$bad"; then
		ok docs-man-warnings
	else
		ko docs-man-warnings "real page: rc $grc, $good; broken page: rc $brc, $bad"
	fi
fi

# htmldocs: only with the kernel's source already extracted (scripts/
# kunit-kernel.sh --source, make check's set-up): no download here.
if ! command -v sphinx-build >/dev/null; then
	absent docs-htmldocs "no sphinx-build (scripts/host-deps.sh installs python3-sphinx)"
elif ! ls "$MMSCOPE_CACHE"/kunit/linux-source-*/scripts/kernel-doc >/dev/null 2>&1; then
	absent docs-htmldocs "no scripts/kernel-doc yet (scripts/kunit-kernel.sh --source extracts it)"
else
	t=$tmp/tree
	mkdir -p "$t/Documentation" "$t/include/uapi/linux"
	cp -r "$top/Documentation/conf.py" "$top/Documentation/sphinx" "$t/Documentation/"
	printf '%s\n' '.. SPDX-License-Identifier: GPL-2.0' '' '=====' 'Title' '=====' '' \
		'Some text.' '' 'Section' '=======' '' '.. kernel-doc:: include/uapi/linux/t.h' \
		>"$t/Documentation/index.rst"
	printf '%s\n' '/**' ' * struct t_s - a structure' ' * @a: the first' ' * @b: the second' \
		' */' 'struct t_s {' '	int a;' '	int b;' '};' >"$t/include/uapi/linux/t.h"
	run() { "$top/scripts/htmldocs.sh" "$t/Documentation" "$tmp/html" 2>&1; }
	out1=$(run)
	rc1=$?
	grep -q 't_s' "$tmp/html/index.html" 2>/dev/null
	doc1=$?
	# A title glued to the paragraph before it (no error to docutils) ...
	sed -i '/^Some text\.$/{n;d}' "$t/Documentation/index.rst"
	out2=$(run)
	rc2=$?
	sed -i 's/^Some text\.$/Some text.\n/' "$t/Documentation/index.rst"
	# ... and a paragraph glued to a literal block (a docutils warning).
	cp "$t/Documentation/index.rst" "$t/index.rst.good"
	sed -i 's/^Some text\.$/Some text::\n\n  literal\nglued./' "$t/Documentation/index.rst"
	out5=$(run)
	rc5=$?
	mv "$t/index.rst.good" "$t/Documentation/index.rst"
	# A member without a description: the -Wall pass fails first ...
	sed -i '/@b: /d' "$t/include/uapi/linux/t.h"
	out3=$(run)
	rc3=$?
	# ... and the directive, for a header the -Wall pass does not read.
	mkdir -p "$t/other"
	mv "$t/include/uapi/linux/t.h" "$t/other/t.h"
	sed -i 's|include/uapi/linux/t.h|other/t.h|' "$t/Documentation/index.rst"
	out4=$(run)
	rc4=$?
	if [ $rc1 -ne 0 ] || [ $doc1 -ne 0 ]; then
		ko docs-htmldocs "a clean tree: rc $rc1, $out1"
	elif [ $rc2 -eq 0 ] || ! grep -q 'index.rst:8: section title glued' <<<"$out2"; then
		ko docs-htmldocs "a title glued to a paragraph: rc $rc2, $out2"
	elif [ $rc5 -eq 0 ] || ! grep -q 'index.rst:[0-9]*: WARNING: Literal block ends' <<<"$out5"; then
		ko docs-htmldocs "a paragraph glued to a literal block: rc $rc5, $out5"
	elif [ $rc3 -eq 0 ] || ! grep -q "t.h:.*'b' not described" <<<"$out3"; then
		ko docs-htmldocs "kernel-doc -Wall, a member without a description: rc $rc3, $out3"
	elif [ $rc4 -eq 0 ] || ! grep -q "other/t.h:[0-9]*: WARNING: kernel-doc: .*'b' not described" <<<"$out4"; then
		ko docs-htmldocs "the directive, a member without a description: rc $rc4, $out4"
	else
		ok docs-htmldocs
	fi
fi
