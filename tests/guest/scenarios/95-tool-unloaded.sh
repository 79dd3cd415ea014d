# SPDX-License-Identifier: GPL-2.0
#
# tool-unloaded: after 90-unload, the mmscope command says in one line
# that the module is not loaded and how to load it, exit status 1.

if [ -d /sys/kernel/debug/mmscope ]; then
	skip tool-unloaded "the module is loaded (run after unload)"
	return 0
fi
mmscope stat >/tmp/tool-unloaded.out 2>/tmp/tool-unloaded.err
rc=$?
note "mmscope stat: exit $rc: $(cat /tmp/tool-unloaded.err)"
if [ $rc -eq 1 ] && [ "$(wc -l </tmp/tool-unloaded.err)" -eq 1 ] &&
   grep -q "the mmscope module is not loaded: load it with 'modprobe mmscope'" /tmp/tool-unloaded.err; then
	pass tool-unloaded
else
	fail tool-unloaded "rc $rc: $(cat /tmp/tool-unloaded.err)"
fi
