#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The event stream ABI, <linux/mmscope.h>, stands alone as userspace C89
# and has one frozen layout (tests/host/uapi_layout_test.c) with no
# implicit padding, for the host compiler and, where installed, the arm64
# cross compiler.  Prints "PASS  host: uapi-layout" or "FAIL  ...".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ko() { echo "FAIL  host: uapi-layout: $1"; exit 1; }

printf '#include <linux/mmscope.h>\nint main(void) { return MMSCOPE_ABI_MAJOR; }\n' \
	>"$tmp/c89.c"
out=$(gcc -std=c89 -pedantic -Wall -Wextra -Werror -I"$top/include/uapi" \
	-c -o "$tmp/c89.o" "$tmp/c89.c" 2>&1) || ko "header is not clean C89: $out"
for cc in gcc aarch64-linux-gnu-gcc; do
	command -v "$cc" >/dev/null || continue
	out=$("$cc" -std=gnu11 -Wall -Wextra -Wpadded -Werror \
		-I"$top/include/uapi" -c -o "$tmp/layout.o" \
		"$top/tests/host/uapi_layout_test.c" 2>&1) ||
		ko "$cc: $out"
done
echo "PASS  host: uapi-layout"
