#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Compile and run tests/host/hist_math_test.c, the host test of the shared
# histogram arithmetic of <linux/mmscope_hist.h>, with the host's gcc.
# Prints "PASS  host: hist-math" or "FAIL  host: hist-math: why"; exits 0
# only on success.  Needs no kernel.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-gcc}

ko() { echo "FAIL  host: hist-math: $1"; exit 1; }

# The header must stand alone as userspace C89, as uapi headers do.
printf '#include <linux/mmscope_hist.h>\nint main(void) { return (int)mmscope_hist_bucket(1); }\n' \
	>"$tmp/c89.c"
out=$("$cc" -std=c89 -pedantic -Wall -Wextra -Werror -I"$top/include/uapi" \
	-o "$tmp/c89" "$tmp/c89.c" 2>&1) || ko "header is not clean C89: $out"

out=$("$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -I"$top/include/uapi" \
	-o "$tmp/hist_math_test" "$top/tests/host/hist_math_test.c" 2>&1) ||
	ko "does not compile: $out"
"$tmp/hist_math_test"
