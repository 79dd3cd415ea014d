#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-target.sh TARGET...: download a target's kernel image, headers,
# kbuild tools and the guest's busybox with `apt-get download`, and extract
# them into $MMSCOPE_CACHE/targets/TARGET/root.  Nothing is installed on the
# host.  Which packages, and at which versions, is chosen from what the
# archive serves now (scripts/archive.sh), said on the output and kept in
# the target's "resolved" file.  Idempotent: a target fetched for the
# release and version targets.conf records is used as it is, without
# asking the archive, so it works offline.  With MMSCOPE_KERNELS=newest
# (make check TARGETS=newest) the archive is asked every time, and the
# cached kernel is kept while it is still the newest or the archive cannot
# be asked.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/archive.sh"

[ $# -gt 0 ] || die "usage: fetch-target.sh TARGET... (targets: $(target_names | xargs))"

DEBS=$MMSCOPE_CACHE/debs
mkdir -p "$DEBS"

ensure_foreign_arch() {
	local arch=$1
	[ "$arch" = "$(dpkg --print-architecture)" ] && return 0
	dpkg --print-foreign-architectures | grep -qx "$arch" && return 0
	[ "$(id -u)" = 0 ] || die "$arch packages need: dpkg --add-architecture $arch && apt-get update"
	echo "fetch: adding the $arch architecture to apt (dpkg --add-architecture $arch)"
	dpkg --add-architecture "$arch"
	apt-get update -qq || die "$T_NAME: apt-get update failed: apt has no lists of $arch packages"
}

UPDATED=0
# apt_update_once: refresh apt's lists, once a run (root only).
apt_update_once() {
	[ $UPDATED = 0 ] && [ "$(id -u)" = 0 ] || return 1
	UPDATED=1
	echo "fetch: refreshing apt's lists (apt-get update)"
	apt-get update -qq
}

# resolve: archive_resolve for the loaded target, in its mode; sets R_*.
resolve() {
	archive_resolve "$MMSCOPE_KERNELS" "$T_ARCH" "$T_SERIES" "$T_FLAVOUR" \
		"$T_PREF_ABI" "$T_PREF_VER"
}

# resolved_file: the resolved file's lines for the R_* just chosen.
resolved_file() {
	echo "krel $R_KREL"
	echo "abi $R_ABI"
	echo "image $R_IMAGE"
	echo "headers $R_HEADERS"
	echo "common $R_COMMON"
	echo "kbuild $R_KBUILD"
	[ -z "$R_NOTES" ] || sed 's/^/note /' <<<"$R_NOTES"
}

# download: every .deb of the chosen packages into DEBS_LIST, or status 1.
download() {
	local host
	host=$(dpkg --print-architecture)
	DEBS_LIST=()
	DEBS_LIST+=("$(deb_get "${R_IMAGE% *}:$T_ARCH" "${R_IMAGE#* }")") || return 1
	DEBS_LIST+=("$(deb_get "${R_HEADERS% *}:$T_ARCH" "${R_HEADERS#* }")") || return 1
	DEBS_LIST+=("$(deb_get "${R_COMMON% *}:$T_ARCH" "${R_COMMON#* }")") || return 1
	# kbuild holds host programs (fixdep, modpost): always the host's arch.
	DEBS_LIST+=("$(deb_get "${R_KBUILD% *}:$host" "${R_KBUILD#* }")") || return 1
	DEBS_LIST+=("$(deb_get "busybox-static:$T_ARCH")") || return 1
}

fetch_one() {
	target_load "$1"
	if [ "$T_KIND" = local ]; then
		# Built, not fetched.
		"$MMSCOPE_TOP/scripts/kunit-kernel.sh" "$T_NAME"
		return 0
	fi
	if target_cached && [ "$MMSCOPE_KERNELS" != newest ]; then
		echo "fetch: $T_NAME cached: $(target_kernel)"
		return 0
	fi
	[ "$T_ARCH" = "$(dpkg --print-architecture)" ] || ensure_foreign_arch "$T_ARCH"
	if ! resolve; then
		if target_cached; then
			echo "fetch: $T_NAME: cannot ask the archive ($R_NOTES): keeping the cached $(target_kernel)"
			return 0
		fi
		apt_update_once && resolve ||
			die "$T_NAME: $R_NOTES"
	fi
	if target_cached && [ "$(resolved_file)" = "$(cat "$T_DIR/resolved")" ]; then
		echo "fetch: $T_NAME cached, the newest of series $T_SERIES: $(target_kernel)"
		return 0
	fi
	echo "fetch: $T_NAME: ${R_IMAGE% *} ${R_IMAGE#* }"
	[ -z "$R_NOTES" ] || sed "s/^/fetch: $T_NAME: /" <<<"$R_NOTES"
	# Lists older than the archive name versions it no longer serves:
	# refresh them and choose again, once.
	if ! (download) >/dev/null 2>&1; then
		apt_update_once && resolve || true
		[ -z "$R_NOTES" ] || sed "s/^/fetch: $T_NAME: (lists refreshed) /" <<<"$R_NOTES"
	fi
	if ! download; then
		if target_cached; then
			echo "fetch: $T_NAME: cannot download ${R_IMAGE% *} ${R_IMAGE#* }: keeping the cached $(target_kernel)"
			return 0
		fi
		die "$T_NAME: cannot download its packages (see above)"
	fi

	rm -rf "$T_DIR"
	mkdir -p "$T_ROOT"
	local d
	for d in "${DEBS_LIST[@]}"; do
		dpkg-deb -x "$d" "$T_ROOT"
	done
	resolved_file >"$T_DIR/resolved"
	target_load "$T_NAME"

	# The flavour's Makefile includes the common one by absolute path.
	[ -f "$T_KDIR/Makefile" ] || die "$T_NAME: no headers at $T_KDIR"
	sed -i "s|include /usr/src/|include $T_ROOT/usr/src/|" "$T_KDIR/Makefile"
	# scripts/ and tools/ link to /usr/lib/linux-kbuild-*: point them
	# into the extracted tree.
	local l t common=${R_COMMON% *}
	for l in "$T_KDIR"/scripts "$T_KDIR"/tools \
		 "$T_ROOT"/usr/src/"$common"/scripts "$T_ROOT"/usr/src/"$common"/tools; do
		[ -L "$l" ] || continue
		t=$(readlink "$l")
		case $t in
		/*) ln -sfn "$T_ROOT$t" "$l" ;;
		esac
	done
	[ -e "$T_KDIR/scripts/basic/fixdep" ] ||
		[ -e "$T_KDIR/scripts/mod/modpost" ] ||
		die "$T_NAME: kbuild tools not found under $T_KDIR/scripts"
	local vmlinuz
	vmlinuz=$(ls "$T_ROOT"/boot/vmlinuz-* 2>/dev/null | head -n1)
	[ -n "$vmlinuz" ] || die "$T_NAME: no kernel image in the image package"
	ln -sfn "${vmlinuz#"$T_DIR"/}" "$T_DIR/vmlinuz"
	depmod -b "$T_ROOT" "$T_KREL"
	target_want >"$T_DIR/.complete"
	echo "fetch: $T_NAME ready: $(target_kernel), KDIR=$T_KDIR"
}

for t in "$@"; do
	fetch_one "$t"
done
