#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dkms-check.sh [--deb FILE] [TARGET...]: DKMS proven on the host for each
# target (default: every target of scripts/targets.conf), loading nothing
# and writing nothing to the host's /usr/src, /var/lib/dkms or
# /lib/modules.  The module source that the mmscope-dkms package ships
# (FILE, default build/deb/mmscope-dkms_*_all.deb: make deb) is added,
# built and installed by the host's own dkms, its trees (--sourcetree,
# --dkmstree, --installtree) in a temporary folder, against the target's
# Debian headers from the cache (cross-compiled for arm64: the headers'
# .kernelvariables choose the compiler from DEB_BUILD_ARCH and
# DEB_HOST_ARCH, as for any out-of-tree build here).  Then:
#   - DKMS's make.log shows the conftests ran, against those headers, and
#     decided as they do in the rig's own build (build-target.sh)
#   - mmscope.ko's vermagic is the target kernel's, its machine the target's
#   - it is installed in updates/dkms, modprobe finds it there, and depmod
#     resolves every symbol it needs against the kernel's Module.symvers,
#     symbol versions (CRCs) included
# Prints "PASS  dkms: TARGET" or "FAIL  dkms: TARGET: why" for each target
# and keeps the logs in build/dkms-check/TARGET/; status 1 if any failed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

deb=
if [ "${1:-}" = --deb ]; then
	deb=$2
	shift 2
fi
if [ -z "$deb" ]; then
	deb=$(ls "$MMSCOPE_TOP"/build/deb/mmscope-dkms_*_all.deb 2>/dev/null | head -n 1 || true)
	[ -n "$deb" ] || die "no build/deb/mmscope-dkms_*_all.deb: make deb first, or --deb FILE"
fi
[ -f "$deb" ] || die "no package $deb"
command -v dkms >/dev/null || die "no dkms: run scripts/host-deps.sh (package dkms)"
# DKMS builds as on a user's machine: nothing of a calling make may reach
# the package's Makefile (make test TARGET=NAME passes TARGET down through
# MAKEFLAGS, and the top Makefile then builds for that target instead).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES TARGET TARGETS KDIR
targets=("$@")
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$(target_names | xargs)"

logs=$MMSCOPE_TOP/build/dkms-check
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp/pkg"
ver=$(dpkg-deb -f "$deb" Version)
ver=${ver%%-*}
[ -f "$tmp/pkg/usr/src/mmscope-$ver/dkms.conf" ] ||
	die "$deb has no /usr/src/mmscope-$ver/dkms.conf"
host=$(dpkg --print-architecture)

# check_target: the proof for the loaded target, in $work; prints the
# reason of the first failure and returns 1, or returns 0.
check_target() {
	local arch=${T_GNU%%-*} dk=(--sourcetree "$tmp/pkg/usr/src"
		--dkmstree "$work/dkms" --installtree "$work/root/lib/modules")
	local base=$work/dkms/mmscope/$ver/$T_KREL/$arch ko vm
	mkdir -p "$work/dkms" "$work/root/lib/modules/$T_KREL" "$work/bin"
	# dkms strips the module with the host's strip: the target's strip
	# is what a machine of that arch runs.
	ln -s "$(command -v "${T_CROSS}strip")" "$work/bin/strip"
	if ! dkms add -m mmscope -v "$ver" "${dk[@]}" >"$work/dkms.log" 2>&1; then
		echo "dkms add failed: $(tail -n 1 "$work/dkms.log")"
		return 1
	fi
	if ! PATH=$work/bin:$PATH DEB_BUILD_ARCH=$host DEB_HOST_ARCH=$T_ARCH \
	     DEB_HOST_GNU_TYPE=$T_GNU \
	     dkms install -m mmscope -v "$ver" -k "$T_KREL" -a "$arch" \
		--kernelsourcedir "$T_KDIR" --no-depmod -j "$(nproc)" "${dk[@]}" \
		>>"$work/dkms.log" 2>&1; then
		cp "$work/dkms/mmscope/$ver/build/make.log" "$out/make.log" 2>/dev/null || true
		grep -E 'error|Error' "$out/make.log" 2>/dev/null | head -n 5 >&2 || true
		echo "dkms build/install failed: see $out/dkms.log and $out/make.log"
		return 1
	fi
	cp "$base/log/make.log" "$out/make.log"
	if ! grep -q "^conftest: [0-9]* of [0-9]* features against $T_KDIR:" "$out/make.log"; then
		echo "no conftest line against $T_KDIR in DKMS's make.log"
		return 1
	fi
	# The same decisions as the rig's own build (build-target.sh) makes
	# against these headers: DKMS's environment changed no test's answer.
	mms_link_tree "$MMSCOPE_TOP/module" "$work/ct/module"
	# shellcheck disable=SC2046
	"$MMSCOPE_TOP/scripts/conftest.sh" "$work/ct/module" $(target_make_args) \
		>"$out/conftest-rig.txt" 2>&1 || true
	if [ "$(sed -n 's/^conftest: .*: have/have/p' "$out/make.log")" != \
	     "$(sed -n 's/^conftest: .*: have/have/p' "$out/conftest-rig.txt")" ]; then
		echo "DKMS's conftests decided otherwise than build-target.sh's:" \
			"$(grep -h '^conftest: ' "$out/make.log" "$out/conftest-rig.txt" | sed 's/.*: have/have/' | xargs)"
		return 1
	fi
	ko=$work/root/lib/modules/$T_KREL/updates/dkms/mmscope.ko
	[ -f "$ko" ] || { echo "not installed as $ko"; return 1; }
	vm=$(modinfo -F vermagic "$ko")
	if [ "${vm%% *}" != "$T_KREL" ]; then
		echo "vermagic '$vm', not $T_KREL's"
		return 1
	fi
	case $T_ARCH:$(LC_ALL=C readelf -h "$ko" | sed -n 's/^ *Machine: *//p') in
	amd64:*X86-64* | arm64:AArch64) ;;
	*)
		echo "$ko is for $(LC_ALL=C readelf -h "$ko" | sed -n 's/^ *Machine: *//p'), not $T_ARCH"
		return 1
		;;
	esac
	# The kernel's own lists, for depmod; its modules are not needed
	# (mmscope depends on none).
	cp "$T_MODDIR"/modules.{order,builtin,builtin.modinfo} "$work/root/lib/modules/$T_KREL/"
	if ! depmod -b "$work/root" -e -E "$T_KDIR/Module.symvers" "$T_KREL" \
		>"$out/depmod.log" 2>&1 || [ -s "$out/depmod.log" ]; then
		echo "depmod against $T_KDIR/Module.symvers: $(head -n 3 "$out/depmod.log" | xargs)"
		return 1
	fi
	if ! modprobe -d "$work/root" -S "$T_KREL" --show-depends mmscope 2>&1 |
	     grep -q "updates/dkms/mmscope.ko"; then
		echo "modprobe does not find mmscope in updates/dkms"
		return 1
	fi
	echo "$T_KREL: vermagic '$vm', $(grep '^conftest: ' "$out/make.log" | cut -d: -f2 | sed 's/ against .*//;s/^ //')"
}

failed=0
for t in "${targets[@]}"; do
	target_load "$t"
	if ! target_cached; then
		"$MMSCOPE_TOP/scripts/fetch-target.sh" "$T_NAME" >/dev/null
		target_load "$T_NAME"
	fi
	out=$logs/$T_NAME
	rm -rf "$out"
	mkdir -p "$out"
	work=$tmp/$T_NAME
	if why=$(check_target); then
		echo "dkms: $T_NAME: $why"
		echo "PASS  dkms: $T_NAME"
	else
		cp "$work/dkms.log" "$out/" 2>/dev/null || true
		echo "FAIL  dkms: $T_NAME: $why"
		failed=1
	fi
done
exit $failed
