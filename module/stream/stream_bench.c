// SPDX-License-Identifier: GPL-2.0
/*
 * A load-time self-benchmark of the event stream's buffer against the
 * kernel's own ring buffer (kernel/trace/ring_buffer.c), which is what
 * chose the design (Documentation/design.rst).  Off unless the module is
 * loaded with stream_bench=N:
 *
 *   insmod mmscope.ko stream_bench=200000
 *
 * times, on the loading CPU with preemption disabled in runs of 1024:
 * N tests of a masked-off type (what every probe pays when nobody
 * records), N writes of an 80-byte record (a 48-byte LRU payload) into a
 * private ring of ours in overwrite mode and N ring_buffer_write()s of
 * the same 80 bytes into a kernel ring buffer of the same size, also in
 * overwrite mode, then the reads of what each kept.  The live rings are
 * not touched.  Results go to the kernel log, in ns per event.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/math64.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/ring_buffer.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>

#include "stream/stream.h"
#include "stream/stream_core.h"

static unsigned int stream_bench;
module_param(stream_bench, uint, 0444);
MODULE_PARM_DESC(stream_bench,
		 "at load, time N event-stream writes against the kernel's ring buffer (0: off)");

#define MMS_BENCH_SLOTS	4096
#define MMS_BENCH_RUN	1024

/* ns per event for @n events in @ns. */
static u64 mms_bench_per(u64 ns, u64 n)
{
	return n ? div64_u64(ns, n) : 0;
}

static u64 mms_bench_masked(unsigned int n)
{
	unsigned int i, hits = 0;
	u64 t0 = local_clock();

	for (i = 0; i < n; i++)
		if (mms_stream_enabled(MMSCOPE_REC_NONE))
			hits++;
	return local_clock() - t0 + hits;	/* hits is 0: keeps the loop */
}

static u64 mms_bench_own(unsigned int n, u64 *read_ns, u64 *nread)
{
	struct mmscope_rec_lru_isolate p = { .nr_requested = 32 };
	struct mms_ring *r;
	u8 *buf;
	u64 t = 0, ns = 0;
	unsigned int i;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	buf = kmalloc(MMSCOPE_SLOT_SIZE, GFP_KERNEL);
	if (!r || !buf || mms_ring_alloc(r, MMS_BENCH_SLOTS, 0))
		goto free;
	for (i = 0; i < n; i++) {
		if (!(i % MMS_BENCH_RUN)) {
			if (i)
				preempt_enable();
			cond_resched();
			preempt_disable();
			t = local_clock();
		}
		p.nr_taken = i;
		mms_ring_write(r, true, MMSCOPE_REC_LRU_ISOLATE, &p, sizeof(p));
		if (i % MMS_BENCH_RUN == MMS_BENCH_RUN - 1 || i == n - 1)
			ns += local_clock() - t;
	}
	if (n)
		preempt_enable();
	*nread = 0;
	t = local_clock();
	while (mms_ring_peek(r, buf) > 0) {
		mms_ring_consume(r);
		(*nread)++;
	}
	*read_ns = local_clock() - t;
	mms_ring_free(r);
free:
	kfree(buf);
	kfree(r);
	return ns;
}

static u64 mms_bench_kernel(unsigned int n, u64 *read_ns, u64 *nread)
{
	struct {
		struct mmscope_rec_header h;
		struct mmscope_rec_lru_isolate p;
	} rec = { .h.size = sizeof(rec), .p.nr_requested = 32 };
	struct trace_buffer *tb;
	unsigned long lost;
	u64 t = 0, ns = 0, ts;
	unsigned int i;
	int cpu;

	tb = ring_buffer_alloc((unsigned long)MMS_BENCH_SLOTS * MMSCOPE_SLOT_SIZE,
			       RB_FL_OVERWRITE);
	if (!tb)
		return 0;
	for (i = 0; i < n; i++) {
		if (!(i % MMS_BENCH_RUN)) {
			if (i)
				preempt_enable();
			cond_resched();
			preempt_disable();
			t = local_clock();
		}
		/* What mms_ring_write() fills in, built here first. */
		rec.h.ts_ns = local_clock();
		rec.h.cpu = raw_smp_processor_id();
		rec.h.pid = task_pid_nr(current);
		rec.h.type = MMSCOPE_REC_LRU_ISOLATE;
		rec.p.nr_taken = i;
		ring_buffer_write(tb, sizeof(rec), &rec);
		if (i % MMS_BENCH_RUN == MMS_BENCH_RUN - 1 || i == n - 1)
			ns += local_clock() - t;
	}
	if (n)
		preempt_enable();
	*nread = 0;
	t = local_clock();
	for_each_online_cpu(cpu)
		while (ring_buffer_consume(tb, cpu, &ts, &lost))
			(*nread)++;
	*read_ns = local_clock() - t;
	ring_buffer_free(tb);
	return ns;
}

/**
 * mms_stream_bench() - run the self-benchmark if stream_bench= asks
 *
 * Context: module load, process context.
 */
void mms_stream_bench(void)
{
	u64 own_w, own_r, own_n, k_w, k_r, k_n, masked;
	unsigned int n = stream_bench;

	if (!n)
		return;
	masked = mms_bench_masked(n);
	own_w = mms_bench_own(n, &own_r, &own_n);
	k_w = mms_bench_kernel(n, &k_r, &k_n);
	pr_info("stream bench: %u events: masked-off %llu ns, own ring write %llu ns, kernel ring_buffer_write %llu ns; read: own %llu ns (%llu kept), kernel %llu ns (%llu kept)\n",
		n, mms_bench_per(masked, n), mms_bench_per(own_w, n),
		mms_bench_per(k_w, n), mms_bench_per(own_r, own_n), own_n,
		mms_bench_per(k_r, k_n), k_n);
}
