#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# htmldocs.sh [SRCDIR [OUTDIR]]: build the documentation (make htmldocs),
# SRCDIR (default Documentation/) into OUTDIR (default build/htmldocs),
# with warnings as errors:
#
#   1. the kernel's scripts/kernel-doc, from Debian's linux-source-6.12 as
#      scripts/kunit-kernel.sh --source extracts it into
#      $MMSCOPE_CACHE/kunit/ (extracted first when it is not there yet)
#   2. kernel-doc -none -Wall on every header of include/uapi/linux/ and
#      module/ of the tree SRCDIR belongs to: any diagnostic fails
#   3. no section title glued to the paragraph before it in SRCDIR's
#      .rst files: docutils takes such a title for text, silently
#   4. sphinx-build -W --keep-going -b html, whose kernel-doc directive
#      (Documentation/sphinx/mmscope_kerneldoc.py) runs that kernel-doc
#
# Exit status 0 iff all of it ran with no warning.  The last line says
# what failed, or where the HTML is.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=$(cd "${1:-$MMSCOPE_TOP/Documentation}" && pwd)
dest=${2:-$MMSCOPE_TOP/build/htmldocs}
tree=$(dirname "$src")

command -v sphinx-build >/dev/null || die "no sphinx-build: scripts/host-deps.sh installs python3-sphinx"

# The source tree's place comes from kunit-kernel.sh itself ("kunit-kernel:
# source <package> in <dir>"): no network when it is already extracted.
log=$("$MMSCOPE_TOP/scripts/kunit-kernel.sh" --source kunit-6.12-amd64 2>&1) || {
	echo "$log" >&2
	die "cannot extract the kernel source that scripts/kernel-doc comes from"
}
ksrc=$(sed -n 's/^kunit-kernel: source .* in //p' <<<"$log" | tail -n 1)
KERNELDOC=$ksrc/scripts/kernel-doc
[ -f "$KERNELDOC" ] || die "no scripts/kernel-doc in '$ksrc'"
export KERNELDOC

# Every header's kernel-doc comments, those no page pulls in included.
shopt -s nullglob
headers=("$tree"/include/uapi/linux/*.h "$tree"/module/*/*.h)
shopt -u nullglob
if [ ${#headers[@]} -gt 0 ]; then
	diag=$(cd "$tree" && perl "$KERNELDOC" -none -Wall "${headers[@]#"$tree"/}" 2>&1) || true
	if [ -n "$diag" ]; then
		echo "$diag" >&2
		die "kernel-doc -Wall: $(wc -l <<<"$diag") diagnostics in the headers"
	fi
fi

# A section title glued to the paragraph before it is no error to
# docutils: the title and its underline become lines of that paragraph.
glued=$(python3 - "$src" <<'PY'
import os, re, sys
underline = re.compile(r'([=\-`:\'"~^_*+#<>])\1{2,}$')
for dirpath, dirnames, files in sorted(os.walk(sys.argv[1])):
    for name in sorted(f for f in files if f.endswith('.rst')):
        path = os.path.join(dirpath, name)
        lines = open(path, encoding='utf-8').read().split('\n')
        for i in range(2, len(lines)):
            u, title, before = lines[i], lines[i - 1], lines[i - 2]
            if (underline.match(u) and title.strip() and title[0] != ' ' and
                    len(u) >= len(title.rstrip()) and before.strip() and
                    not underline.match(before)):
                print('%s:%d: section title glued to the paragraph before it '
                      '(a blank line is missing): %s' % (path, i, title))
PY
)
if [ -n "$glued" ]; then
	echo "$glued" >&2
	die "section titles that docutils takes for text"
fi

rm -rf "$dest"
mkdir -p "$dest"
# The doctrees beside the HTML, so that OUTDIR holds every file of a build.
sphinx-build -q -W --keep-going -d "$dest/.doctrees" -b html "$src" "$dest" ||
	die "sphinx-build: warnings (errors under -W) above"
echo "htmldocs: $dest/index.html"
