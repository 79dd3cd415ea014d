# SPDX-License-Identifier: GPL-2.0
#
# kmemleak: on a kernel with kmemleak (the debug kernel of make check-debug;
# not Debian's, where this scenario does nothing), after every other
# scenario: no unreferenced object, anywhere in the kernel, from boot to
# now.  kmemleak reports an object once two scans, at least its minimum
# age (5 s) apart, found no pointer to it.

k=/sys/kernel/debug/kmemleak
[ -e "$k" ] || return 0
if ! echo scan >"$k" 2>/dev/null; then
	fail kmemleak "kmemleak is off: $(dmesg | grep kmemleak | tail -n 3)"
	return 0
fi
sleep 6
echo scan >"$k"
leaks=$(grep -c '^unreferenced object' "$k")
if [ "$leaks" -eq 0 ]; then
	pass kmemleak
else
	cat "$k" | head -n 60
	fail kmemleak "$leaks unreferenced objects: $(grep -m 1 -A 12 '^unreferenced object' "$k" |
		grep -m 3 '\[<' | sed 's/.*\] //' | xargs)"
fi
