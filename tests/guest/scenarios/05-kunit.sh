# SPDX-License-Identifier: GPL-2.0
#
# kunit: load mmscope_kunit.ko, the module's KUnit suites (kunit/), where
# the image has one: make kunit and make check-debug boot kernels built with
# CONFIG_KUNIT and put it in /mmscope/kunit/; Debian's kernels have no
# KUnit, and there this scenario does nothing.  The suites run while the
# module loads and the kernel prints their KTAP report on the console, where
# the host reads it with kunit.py parse (scripts/kunit-results.sh): every
# test case is a result there.  Here: the load and the unload.

ko=/mmscope/kunit/mmscope_kunit.ko
[ -f "$ko" ] || return 0

# The report's header gives the plan, one test per suite; a suite that
# does not report (a crash) is a failure.  KUnit prints at KERN_INFO: let
# everything reach the console meanwhile.
dmesg -n 8
insmod "$ko"
rc=$?
dmesg -n 4
if [ $rc -ne 0 ]; then
	fail kunit-load "insmod mmscope_kunit.ko: status $rc: $(dmesg | tail -n 5)"
	return 0
fi
pass kunit-load
if rmmod mmscope_kunit; then
	pass kunit-unload
else
	fail kunit-unload "rmmod mmscope_kunit failed"
fi
