#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh [TARGET]: fetch a target kernel if needed, build mmscope for it,
# boot it in QEMU (nothing is loaded into this machine's kernel), drive
# memory pressure until the OOM killer acts, and print what mmscope saw
# beside what /proc/vmstat says.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

target_load "${1:-debian-6.12-amd64}"
out=$MMSCOPE_TOP/build/$T_NAME
mkdir -p "$out"
"$MMSCOPE_TOP/scripts/build-target.sh" "$T_NAME" >"$out.build.log" 2>&1 ||
	{ cat "$out.build.log"; die "build for $T_NAME failed"; }
"$MMSCOPE_TOP/scripts/mkinitramfs.sh" "$T_NAME" "$out/demo.cpio.gz" \
	--module "$out/module/mmscope.ko" --tests "$MMSCOPE_TOP/tests/guest" >/dev/null
echo "demo: booting $T_NAME ($T_KREL) under QEMU; well under a minute"
rc=0
"$MMSCOPE_TOP/scripts/vm.sh" "$T_NAME" --initrd "$out/demo.cpio.gz" \
	--mem 256M --timeout 600 --log "$out/demo.log" \
	--env MMSCOPE_SCENARIOS=demo >"$out/demo.vm.txt" 2>&1 || rc=$?
tr -d '\r' <"$out/demo.log" | sed -n '/MMSCOPE-DEMO-BEGIN/,/MMSCOPE-DEMO-END/p' |
	grep -v 'MMSCOPE-DEMO-' | grep -v '^\[ *[0-9.]*\] ' || true
if [ $rc -ne 0 ]; then
	cat "$out/demo.vm.txt"
	die "the demo failed; console log: $out/demo.log"
fi
echo
echo "demo: console log in $out/demo.log"
