# SPDX-License-Identifier: GPL-2.0
#
# Shared by mmscope's host scripts: the cache location and target lookup.
# Source it; it defines variables and functions only.

MMSCOPE_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MMSCOPE_CACHE=${MMSCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mmscope}
MMSCOPE_TARGETS_CONF=$MMSCOPE_TOP/scripts/targets.conf
MMSCOPE_LOCAL_CONF=$MMSCOPE_TOP/scripts/local-targets.conf
MMSCOPE_STRESS_CONF=$MMSCOPE_TOP/scripts/stress-targets.conf

die() {
	echo "${0##*/}: $*" >&2
	exit 1
}

# All target names, in file order.
target_names() {
	awk '!/^#/ && NF { print $1 }' "$MMSCOPE_TARGETS_CONF"
}

# summarize [FILE...]: the "N passed, N failed[, N skipped]" line of the
# "PASS ", "FAIL " and "SKIP " lines of FILEs (or stdin); status 1 if any
# failed.
summarize() {
	awk '
		/^PASS / { p++ } /^FAIL / { f++ } /^SKIP / { s++ }
		END {
			line = sprintf("%d passed, %d failed", p, f)
			if (s) line = line sprintf(", %d skipped", s)
			print line
			exit f > 0
		}' "$@"
}

# Names of the targets only make check-stress tests
# (scripts/stress-targets.conf), in file order.
stress_target_names() {
	[ -f "$MMSCOPE_STRESS_CONF" ] || return 0
	awk '!/^#/ && NF { print $1 }' "$MMSCOPE_STRESS_CONF"
}

# Names of the kernels built here (scripts/local-targets.conf), in file order.
local_target_names() {
	[ -f "$MMSCOPE_LOCAL_CONF" ] || return 0
	awk '!/^#/ && NF { print $1 }' "$MMSCOPE_LOCAL_CONF"
}

# MMSCOPE_KERNELS: "recorded" (default) tests the kernels targets.conf
# records (or what the archive serves in their place: scripts/archive.sh);
# "newest" the newest kernel of each target's series, cached apart.
MMSCOPE_KERNELS=${MMSCOPE_KERNELS:-recorded}

# target_load NAME: set T_NAME T_ARCH T_SERIES T_FLAVOUR T_PREF_ABI
# T_PREF_VER (targets.conf's line), T_KREL and T_VER (the kernel fetched:
# from the cache's "resolved" file once fetched, else the recorded one)
# and the derived paths, or die listing the known targets.  T_KIND is
# "debian" for a target of scripts/targets.conf; "local" for a kernel of
# scripts/local-targets.conf, built by scripts/kunit-kernel.sh from Debian's
# linux-source (T_BUILD: its build folder, T_CONFIGS: its config fragments,
# T_SRCTARGET: the Debian target whose source version and busybox it uses).
target_load() {
	local line
	line=$(awk -v t="$1" '!/^#/ && $1 == t' "$MMSCOPE_TARGETS_CONF")
	# A target of scripts/stress-targets.conf is a Debian target too.
	[ -n "$line" ] || [ ! -f "$MMSCOPE_STRESS_CONF" ] ||
		line=$(awk -v t="$1" '!/^#/ && $1 == t' "$MMSCOPE_STRESS_CONF")
	if [ -z "$line" ] && [ -f "$MMSCOPE_LOCAL_CONF" ]; then
		line=$(awk -v t="$1" '!/^#/ && $1 == t' "$MMSCOPE_LOCAL_CONF")
		[ -z "$line" ] || { local_target_load "$line"; return 0; }
	fi
	if [ -z "$line" ]; then
		echo "${0##*/}: unknown target '$1'; known targets:" >&2
		target_names | sed 's/^/  /' >&2
		stress_target_names | sed 's/^/  /; s/$/ (make check-stress only)/' >&2
		local_target_names | sed 's/^/  /; s/$/ (built here: make kunit)/' >&2
		exit 2
	fi
	read -r T_NAME T_ARCH T_SERIES T_FLAVOUR T_PREF_ABI T_PREF_VER <<<"$line"
	T_KIND=debian
	case $MMSCOPE_KERNELS in
	recorded)	T_DIR=$MMSCOPE_CACHE/targets/$T_NAME ;;
	newest)		T_DIR=$MMSCOPE_CACHE/targets/newest/$T_NAME ;;
	*)		die "MMSCOPE_KERNELS is '$MMSCOPE_KERNELS': recorded or newest" ;;
	esac
	T_ROOT=$T_DIR/root
	T_KREL=$(target_resolved krel)
	T_VER=$(target_resolved image | cut -d' ' -f2)
	[ -n "$T_KREL" ] || T_KREL=$T_PREF_ABI-$T_FLAVOUR
	[ -n "$T_VER" ] || T_VER=$T_PREF_VER
	T_KDIR=$T_ROOT/usr/src/linux-headers-$T_KREL
	T_MODDIR=$T_ROOT/lib/modules/$T_KREL
	target_arch
}

# target_want: what the loaded Debian target's cache must have been
# fetched for (its .complete file holds it).
target_want() {
	if [ "$MMSCOPE_KERNELS" = newest ]; then
		echo newest
	else
		echo "recorded $T_PREF_ABI $T_PREF_VER"
	fi
}

# target_cached: the loaded target is fetched, for what it wants.
target_cached() {
	[ "$T_KIND" = local ] && { [ -f "$T_DIR/.complete" ]; return; }
	[ "$(cat "$T_DIR/.complete" 2>/dev/null)" = "$(target_want)" ]
}

# target_resolved KEY: a value of the loaded target's resolved file
# (written by fetch-target.sh: krel, abi, image, headers, common, kbuild
# "NAME VERSION", note lines), empty when not fetched.
target_resolved() {
	[ -f "$T_DIR/resolved" ] || return 0
	awk -v k="$1" '$1 == k { sub(/^[^ ]+ /, ""); print }' "$T_DIR/resolved"
}

# target_kernel: "ABI (VERSION[, PACKAGE VERSION...])" of the loaded
# target as fetched: the packages whose version is not the image's are
# named (kbuild 6.1.192-3 beside an image of 6.1.192-2).
target_kernel() {
	[ -f "$T_DIR/resolved" ] || { echo "not fetched"; return 0; }
	awk '
		$1 == "abi" { abi = $2 }
		$1 == "image" { v = $3 }
		$1 ~ /^(headers|common|kbuild)$/ { k[$1] = $3 }
		END {
			s = abi " (" v
			if (k["headers"] != v) s = s ", headers " k["headers"]
			if (k["common"] != v) s = s ", common " k["common"]
			if (k["kbuild"] != v) s = s ", kbuild " k["kbuild"]
			print s ")"
		}' "$T_DIR/resolved"
}

# local_target_load LINE: target_load for a line of local-targets.conf.
# T_KREL is known once the kernel is built (until then "unbuilt").
local_target_load() {
	read -r T_NAME T_ARCH T_SRCTARGET T_BUILD T_CONFIGS <<<"$1"
	T_KIND=local
	T_VER= T_SERIES= T_FLAVOUR= T_PREF_ABI= T_PREF_VER=
	T_DIR=$MMSCOPE_CACHE/kunit/$T_NAME
	T_ROOT=$T_DIR/root
	T_KDIR=$MMSCOPE_CACHE/kunit/$T_BUILD
	T_KREL=$(cat "$T_KDIR/include/config/kernel.release" 2>/dev/null || echo unbuilt)
	T_MODDIR=$T_ROOT/lib/modules/$T_KREL
	target_arch
}

# target_arch: the arch-derived T_ variables of the loaded target.
target_arch() {
	case $T_ARCH in
	amd64)
		T_KARCH=x86_64
		T_CROSS=
		T_GNU=x86_64-linux-gnu
		T_QEMU=qemu-system-x86_64
		;;
	arm64)
		T_KARCH=arm64
		T_CROSS=aarch64-linux-gnu-
		T_GNU=aarch64-linux-gnu
		T_QEMU=qemu-system-aarch64
		;;
	*)
		die "target $T_NAME: unsupported arch $T_ARCH"
		;;
	esac
}

# make arguments that build an external module for the loaded target.
target_make_args() {
	local host
	if [ "$T_KIND" = local ]; then
		echo "-C $T_KDIR ARCH=$T_KARCH${T_CROSS:+ CROSS_COMPILE=$T_CROSS}"
		return 0
	fi
	host=$(dpkg --print-architecture)
	echo "-C $T_KDIR ARCH=$T_KARCH DEB_BUILD_ARCH=$host DEB_HOST_ARCH=$T_ARCH" \
	     "DEB_HOST_GNU_TYPE=$T_GNU${T_CROSS:+ CROSS_COMPILE=$T_CROSS}"
}

# deb_download NAME[:ARCH][=VERSION]: apt-get download into the current
# folder, errors in .err.  apt knows an Architecture: all package (the
# common headers) by its bare name only ("NAME:arm64" is not found on an
# amd64 host): an arch-qualified name not found is asked again bare, and
# kept only if it is an all package.
deb_download() {
	local bare=${1%%:*}
	case $1 in *=*) bare=$bare=${1#*=} ;; esac
	apt-get download -q "$1" >&2 2>.err && return 0
	[ "$bare" != "$1" ] || return 1
	grep -q "^E: Version .* was not found\|^E: Unable to locate package" .err || return 1
	apt-cache show "$bare" 2>/dev/null | grep -q '^Architecture: all$' || return 1
	apt-get download -q "$bare" >&2 2>>.err
}

# deb_get PACKAGE[:ARCH] [VERSION]: print the path of the .deb cached in
# $MMSCOPE_CACHE/debs, downloading it first if needed.
deb_get() {
	local pkg=${1%%:*} arch ver=${2:-} f DEBS=$MMSCOPE_CACHE/debs
	arch=$( [ "$1" != "$pkg" ] && echo "${1#*:}" || dpkg --print-architecture)
	if [ -n "$ver" ]; then
		f=$(ls "$DEBS/${pkg}_${ver//:/%3a}_"{"$arch",all}.deb 2>/dev/null | head -n1 || true)
	else
		f=$(ls "$DEBS/${pkg}_"*"_"{"$arch",all}.deb 2>/dev/null | head -n1 || true)
	fi
	if [ -z "$f" ]; then
		mkdir -p "$DEBS"
		local spec=$1${ver:+=$ver}
		if ! (cd "$DEBS" && deb_download "$spec" ||
		      { [ "$(id -u)" = 0 ] && apt-get update -qq &&
			deb_download "$spec"; }); then
			cat "$DEBS/.err" >&2
			die "cannot download package '$spec' (is Debian's archive reachable, and does 'apt-cache policy ${1}' list version '${ver:-any}'? for arm64: dpkg --add-architecture arm64 && apt-get update)"
		fi
		f=$(ls -t "$DEBS/${pkg}_"*"_"{"$arch",all}.deb 2>/dev/null | head -n1 || true)
		[ -n "$f" ] || die "package '$spec' downloaded but no .deb found in $DEBS"
	fi
	echo "$f"
}

# mms_link_tree SRC DST: mirror SRC's folders in DST and link every C
# source, header and Kbuild of them there (SRC/generated/ excepted), so
# that kbuild writes its objects beside the links, never into SRC.
mms_link_tree() {
	local src=$1 dst=$2 f rel
	while IFS= read -r -d '' f; do
		rel=${f#"$src"/}
		mkdir -p "$dst/$(dirname "$rel")"
		ln -sfn "$f" "$dst/$rel"
	done < <(find "$src" -path "$src/generated" -prune -o -type f \
		\( -name '*.[ch]' -o -name Kbuild \) -print0)
}
