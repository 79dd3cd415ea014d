# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the host tests: their result lines.  ok NAME prints
# "PASS  host: NAME", ko NAME WHY "FAIL  host: NAME: WHY", and absent NAME
# WHY says that what a test needs has not been set up: a FAIL under make
# check (MMSCOPE_STRICT=1, which sets everything up first), else a SKIP.
# A script whose names share a prefix sets host_prefix (tool.sh: tool-).

ok() { echo "PASS  host: ${host_prefix:-}$1"; }
ko() { echo "FAIL  host: ${host_prefix:-}$1: $2"; }
absent() {
	if [ "${MMSCOPE_STRICT:-0}" = 1 ]; then
		ko "$1" "$2"
	else
		echo "SKIP  host: ${host_prefix:-}$1: $2"
	fi
}

# with_busybox NAME HOST APPLET: the tools a test runs its guest code
# under, in the array "tools": HOST, and busybox's APPLET (what the guest
# runs) where the host has busybox; without it, NAME-busybox is absent.
with_busybox() {
	tools=("$2")
	if command -v busybox >/dev/null; then
		tools+=("busybox $3")
	else
		absent "$1-busybox" "no busybox on this host (scripts/host-deps.sh)"
	fi
}
