# SPDX-License-Identifier: GPL-2.0
#
# stream-bench: a measurement, not a test, run only when named
# (make test SCENARIOS="stream-bench"): reload the module with
# stream_bench=200000, which times the event stream's writes and reads
# against the kernel's own ring buffer (module/stream_bench.c) and logs
# ns per event.  Documentation/design.rst quotes its figures.

case " $MMSCOPE_SCENARIOS " in
*" stream-bench "*) ;;
*) return 0 ;;
esac
mms_unload
dmesg -c >/dev/null
for i in 1 2 3; do
	mms_load stream_bench=200000 || { fail stream-bench "insmod failed"; return 0; }
	mms_unload
done
line=$(dmesg | grep 'stream bench:')
echo "$line" | sed 's/^/  /'
if [ "$(echo "$line" | grep -c 'stream bench:')" -eq 3 ]; then
	pass stream-bench
else
	fail stream-bench "no bench line in dmesg"
fi
mms_load
