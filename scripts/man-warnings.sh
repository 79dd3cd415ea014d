#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# man-warnings.sh [PAGE...]: format each man page (default: tools/*.8)
# as man(1) does for an 80-column terminal, with every groff warning on
# (man --warnings=w), the way lintian checks a package's pages.  Any
# warning fails; exit status 0 iff there was none.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

command -v man >/dev/null || die "no man: scripts/host-deps.sh installs man-db"
[ $# -gt 0 ] || set -- "$MMSCOPE_TOP"/tools/*.8
rc=0
for page in "$@"; do
	[ -f "$page" ] || die "$page: no such file"
	# -Z: troff's output, not the terminal's; -E UTF-8 -Tutf8 as lintian.
	warn=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
		man --warnings=w -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null) || {
		warn=${warn:-man exited with status $?}
	}
	if [ -n "$warn" ]; then
		echo "$warn" | sed "s|^|$page: |" >&2
		rc=1
	fi
done
exit $rc
