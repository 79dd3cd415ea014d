# SPDX-License-Identifier: GPL-2.0
#
# What Debian's archive serves now, asked of apt's local lists (apt-cache:
# no network), and the choice of a target's packages from it.  Source it
# after lib.sh; it defines functions only.
#
# Debian's security archive serves only the newest revision of a package,
# and an ABI bump renames the kernel packages, so a target records the
# release and version it prefers, and archive_resolve takes, in order:
#
#   1. the recorded version, while the archive serves it;
#   2. else the newest revision of the same upstream release
#      (6.1.192-2 gone: 6.1.192-3);
#   3. else, for the image only, the newest release (ABI) of the series
#      (6.1.0-56 gone: 6.1.0-57), whose packages then follow it.
#
# In "newest" mode step 3 comes first: the newest kernel of the series.
# Every choice that is not step 1 is said, with its reason, in R_NOTES.

# archive_load NAME...: ask the archive, in one apt-cache call (each takes
# a second or more), which versions it serves of each NAME, for every
# architecture; archive_versions answers from what was loaded.
ARCHIVE_SERVED=
archive_load() {
	ARCHIVE_SERVED=$(apt-cache madison "$@" 2>/dev/null |
		awk -F'|' '{
			gsub(/ /, "", $1); gsub(/ /, "", $2); sub(/:.*/, "", $1)
			n = split($3, w, " ")
			print $1, $2, w[n - 1]
		}')
}

# archive_versions PACKAGE ARCH: the versions loaded for PACKAGE on ARCH
# (an Architecture: all package is listed under every arch), newest first.
archive_versions() {
	awk -v p="$1" -v a="$2" '$1 == p && $3 == a { print $2 }' <<<"$ARCHIVE_SERVED" |
		sort -u | archive_sort_versions
}

# archive_sort_versions: stdin's Debian versions, one a line, newest first.
archive_sort_versions() {
	local v out=()
	while read -r v; do
		[ -n "$v" ] || continue
		local i=0
		while [ $i -lt ${#out[@]} ] &&
		      dpkg --compare-versions "${out[$i]}" ge "$v"; do
			i=$((i + 1))
		done
		out=("${out[@]:0:$i}" "$v" "${out[@]:$i}")
	done
	[ ${#out[@]} -eq 0 ] || printf '%s\n' "${out[@]}"
}

# archive_upstream VERSION: the upstream release of a Debian version
# (6.1.192-2 and 6.1.192-3 are both 6.1.192).
archive_upstream() {
	local v=${1#*:}
	echo "${v%-*}"
}

# archive_pick PACKAGE ARCH VERSION: print the version to take (rules 1
# and 2 above) and, on a second line, why when it is not VERSION.  Status
# 1 when the archive serves neither.
archive_pick() {
	local pkg=$1 arch=$2 want=$3 vs v
	vs=$(archive_versions "$pkg" "$arch")
	if grep -qxF -- "$want" <<<"$vs"; then
		echo "$want"
		return 0
	fi
	while read -r v; do
		[ -n "$v" ] || continue
		if [ "$(archive_upstream "$v")" = "$(archive_upstream "$want")" ]; then
			echo "$v"
			echo "$pkg $want is no longer served: took $v, the newest revision of $(archive_upstream "$want")"
			return 0
		fi
	done <<<"$vs"
	return 1
}

# archive_releases SERIES FLAVOUR ARCH: set ARCHIVE_RELEASES to "VERSION
# ABI" of every release of the series the archive serves an image of,
# newest first, having loaded
# (archive_load) each release's image, headers, common headers and kbuild
# packages.  The ABI is the part of the image's name between linux-image-
# and -FLAVOUR-unsigned: 6.1.0-57 (series 6.1), 6.12.118+deb12 (series
# 6.12); other flavours (rt-amd64 beside amd64) do not match.
archive_releases() {
	local series=$1 flavour=$2 arch=$3 re names abi n
	re="^linux-image-(${series//./\\.}(\\.[0-9]+)*(-[0-9]+)?(\\+deb[0-9]+)?)-${flavour}-unsigned\$"
	ARCHIVE_RELEASES=
	names=$(apt-cache pkgnames "linux-image-$series" 2>/dev/null | grep -E "$re")
	[ -n "$names" ] || return 0
	local all=()
	for n in $names; do
		abi=${n#linux-image-}
		abi=${abi%-"$flavour"-unsigned}
		all+=("$n" "linux-headers-$abi-$flavour" "linux-headers-$abi-common"
		      "linux-headers-$abi-common-${flavour%%-*}" "linux-kbuild-$abi")
	done
	archive_load "${all[@]}" "linux-kbuild-$series"
	ARCHIVE_RELEASES=$(for n in $names; do
		abi=${n#linux-image-}
		abi=${abi%-"$flavour"-unsigned}
		n=$(archive_versions "$n" "$arch" | head -n 1)
		[ -z "$n" ] || echo "$n $abi"
	done | archive_sort_pairs)
}

# archive_sort_pairs: stdin's "VERSION REST" lines, newest VERSION first.
archive_sort_pairs() {
	local line v rest out=()
	while read -r v rest; do
		local i=0
		while [ $i -lt ${#out[@]} ] &&
		      dpkg --compare-versions "${out[$i]%% *}" ge "$v"; do
			i=$((i + 1))
		done
		out=("${out[@]:0:$i}" "$v $rest" "${out[@]:$i}")
	done
	[ ${#out[@]} -eq 0 ] || printf '%s\n' "${out[@]}"
}

# archive_depends PACKAGE ARCH VERSION: the names of the packages that
# PACKAGE=VERSION depends on (alternatives included), one a line.
archive_depends() {
	apt-cache show "$1:$2=$3" 2>/dev/null |
		awk '/^Depends:/ {
			sub(/^Depends: */, "")
			n = split($0, d, /[,|] */)
			for (i = 1; i <= n; i++) {
				split(d[i], w, " ")
				sub(/:.*/, "", w[1])
				print w[1]
			}
			exit
		}'
}

# archive_resolve MODE ARCH SERIES FLAVOUR ABI VERSION: choose a target's
# packages (MODE: recorded or newest).  Sets R_ABI R_KREL R_IMAGE R_HEADERS
# R_COMMON R_KBUILD (each "NAME VERSION") and R_NOTES (the reasons, one a
# line).  Status 1, with the reason in R_NOTES, when no kernel of the
# series can be had.
archive_resolve() {
	local mode=$1 arch=$2 series=$3 flavour=$4 abi=$5 ver=$6 host rel pick
	local v name deps
	host=$(dpkg --print-architecture)
	R_NOTES=
	R_ABI= R_KREL= R_IMAGE= R_HEADERS= R_COMMON= R_KBUILD=

	archive_releases "$series" "$flavour" "$arch"
	rel=$ARCHIVE_RELEASES
	if [ -z "$rel" ]; then
		R_NOTES="the archive serves no linux-image-$series*-$flavour-unsigned for $arch (apt-get update? for arm64: dpkg --add-architecture arm64)"
		return 1
	fi
	if [ "$mode" = newest ]; then
		read -r v abi <<<"$(head -n 1 <<<"$rel")"
		R_NOTES="newest of series $series: $abi ($v)"
		ver=$v
	fi
	name=linux-image-$abi-$flavour-unsigned
	if ! pick=$(archive_pick "$name" "$arch" "$ver"); then
		read -r v rel <<<"$(head -n 1 <<<"$rel")"
		R_NOTES="$name $ver is no longer served, nor any revision of $(archive_upstream "$ver"): took release $rel ($v), the newest of series $series"
		abi=$rel ver=$v
		name=linux-image-$abi-$flavour-unsigned
		pick=$v
	fi
	R_ABI=$abi
	R_KREL=$abi-$flavour
	R_IMAGE="$name $(head -n 1 <<<"$pick")"
	archive_note "$(sed -n 2p <<<"$pick")"
	ver=${R_IMAGE#* }

	name=linux-headers-$abi-$flavour
	pick=$(archive_pick "$name" "$arch" "$ver") ||
		{ R_NOTES="$R_NOTES${R_NOTES:+$'\n'}no $name of release $(archive_upstream "$ver") is served"; return 1; }
	R_HEADERS="$name $(head -n 1 <<<"$pick")"
	archive_note "$(sed -n 2p <<<"$pick")"
	ver=${R_HEADERS#* }

	# The headers name their common headers (= version) and their kbuild
	# tools, the host's arch: host programs (fixdep, modpost).
	deps=$(archive_depends "${R_HEADERS% *}" "$arch" "$ver")
	name=$(grep -m1 '^linux-headers-' <<<"$deps" || echo "linux-headers-$abi-common")
	pick=$(archive_pick "$name" "$arch" "$ver") ||
		{ R_NOTES="$R_NOTES${R_NOTES:+$'\n'}no $name of release $(archive_upstream "$ver") is served"; return 1; }
	R_COMMON="$name $(head -n 1 <<<"$pick")"
	archive_note "$(sed -n 2p <<<"$pick")"

	name=$(grep -m1 '^linux-kbuild-' <<<"$deps" || echo "linux-kbuild-$series")
	pick=$(archive_pick "$name" "$host" "$ver") ||
		{ R_NOTES="$R_NOTES${R_NOTES:+$'\n'}no $name of release $(archive_upstream "$ver") is served for $host"; return 1; }
	R_KBUILD="$name $(head -n 1 <<<"$pick")"
	archive_note "$(sed -n 2p <<<"$pick")"
	return 0
}

# archive_note LINE: add a non-empty reason to R_NOTES.
archive_note() {
	[ -n "$1" ] || return 0
	R_NOTES="$R_NOTES${R_NOTES:+$'\n'}$1"
}
