# SPDX-License-Identifier: GPL-2.0
#
# Shared by the fake apt-cache, apt-get and dpkg of tests/host/archive.sh:
# a Debian archive faked from $FAKE_APT/archive ("NAME ARCH VERSION
# [DEPENDS,...]" lines) and apt's state in $FAKE_APT (foreign: the
# architectures added; lists: those apt-get update has fetched lists for;
# offline: present when the network is unreachable; log: every call).
echo "${0##*/} $*" >>"$FAKE_APT/log"
HOST_ARCH=amd64

# served: the archive's lines of the architectures apt has lists for.
served() {
	[ -f "$FAKE_APT/lists" ] || return 0
	awk 'NR == FNR { l[$1] = 1; next } ($2 in l) || $2 == "all"' \
		"$FAKE_APT/lists" "$FAKE_APT/archive"
}
