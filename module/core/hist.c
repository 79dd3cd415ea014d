// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU latency histograms.
 *
 * Recording is three or four this_cpu operations on the recording CPU's
 * copy: no lock, no atomic shared between CPUs, no allocation, nothing a
 * probe in reclaim could contend on or recurse into, and safe against
 * preemption, interrupts and NMIs by construction.  (On 64-bit kernels,
 * that is: 32-bit ones do this_cpu operations on u64 with interrupts off,
 * which NMIs ignore.  mmscope's targets are all 64-bit.)
 *
 * A reader sums every possible CPU's copy, so values survive CPU offline.
 * The sum is exact once recording has stopped and otherwise trails the
 * writers by whatever is in flight; since the count is not kept but is the
 * sum of the buckets, a snapshot's count always matches its buckets.
 */
#include <linux/cpumask.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "core/hist.h"

/*
 * A min or max update retries its cmpxchg when something else changed the
 * value between its read and its cmpxchg: an interrupt or NMI recording on
 * the same CPU, or a migration to another CPU.  Nesting is at most task,
 * softirq, hardirq and NMI deep, so a few tries suffice; the bound keeps an
 * NMI from ever spinning.  Exhausting it, which needs that many interleaved
 * writers or migrations in a row, leaves that one min or max unrecorded on
 * that CPU; the value is still counted in its bucket and in the sum.
 */
#define MMS_HIST_CMPXCHG_TRIES	8

/**
 * mms_hist_init() - allocate a histogram's per-CPU data, empty
 * @h: the histogram
 * @name: a name for views to show; not copied, so it must outlive @h
 *
 * Context: process context; may sleep.
 * Return: 0, or -ENOMEM.
 */
int mms_hist_init(struct mms_hist *h, const char *name)
{
	struct mms_hist_cpu __percpu *pcpu;
	int cpu;

	h->name = name;
	pcpu = alloc_percpu(struct mms_hist_cpu);
	if (!pcpu) {
		h->pcpu = NULL;
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu)
		per_cpu_ptr(pcpu, cpu)->min = U64_MAX;
	h->pcpu = pcpu;
	return 0;
}

/**
 * mms_hist_free() - free a histogram's per-CPU data
 * @h: the histogram; may be one whose mms_hist_init() failed
 *
 * Context: process context, once nothing can call mms_hist_record() on @h
 * any more (probes detached and their callers gone, for instance after
 * tracepoint_synchronize_unregister()).
 */
void mms_hist_free(struct mms_hist *h)
{
	free_percpu(h->pcpu);
	h->pcpu = NULL;
}

/**
 * mms_hist_record() - record one value
 * @h: the histogram
 * @ns: the value, in nanoseconds; 2^40 ns and more go to the overflow
 *	bucket, counted all the same
 *
 * Does nothing if @h was never initialised or its mms_hist_init() failed,
 * so a module can carry on without a histogram it could not allocate.
 *
 * Context: any, including NMI and preemptible code; takes no lock, does
 * not allocate and does not print.
 */
void mms_hist_record(struct mms_hist *h, u64 ns)
{
	struct mms_hist_cpu __percpu *pcpu = h->pcpu;
	u64 old, prev;
	int i;

	if (unlikely(!pcpu))
		return;

	this_cpu_inc(pcpu->buckets[mmscope_hist_bucket(ns)]);
	this_cpu_add(pcpu->sum, ns);

	old = this_cpu_read(pcpu->min);
	for (i = 0; i < MMS_HIST_CMPXCHG_TRIES && ns < old; i++) {
		prev = this_cpu_cmpxchg(pcpu->min, old, ns);
		if (prev == old)
			break;
		old = prev;
	}

	old = this_cpu_read(pcpu->max);
	for (i = 0; i < MMS_HIST_CMPXCHG_TRIES && ns > old; i++) {
		prev = this_cpu_cmpxchg(pcpu->max, old, ns);
		if (prev == old)
			break;
		old = prev;
	}
}

/**
 * mms_hist_snap_range() - the first and last non-empty buckets of a snapshot
 * @s: the snapshot
 * @first: filled with the first non-empty bucket
 * @last: filled with the last non-empty bucket
 *
 * Context: any.
 * Return: false if every bucket is empty (@first and @last untouched).
 */
bool mms_hist_snap_range(const struct mms_hist_snap *s, unsigned int *first,
			 unsigned int *last)
{
	unsigned int i;

	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS && !s->buckets[i]; i++)
		;
	if (i == MMSCOPE_HIST_NR_BUCKETS)
		return false;
	*first = i;
	for (i = MMSCOPE_HIST_NR_BUCKETS - 1; !s->buckets[i]; i--)
		;
	*last = i;
	return true;
}

/*
 * Recompute a snapshot's count from its buckets and make min and max agree
 * with them: a value whose recording is in flight can be in its bucket
 * before it is in min or max, and an empty snapshot has min and max 0.
 */
static void mms_hist_snap_fixup(struct mms_hist_snap *s)
{
	unsigned int i, first, last;

	s->count = 0;
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++)
		s->count += s->buckets[i];
	if (!mms_hist_snap_range(s, &first, &last)) {
		s->min = 0;
		s->max = 0;
		return;
	}
	if (s->min > mmscope_hist_bucket_max(first))
		s->min = mmscope_hist_bucket_min(first);
	if (s->max < mmscope_hist_bucket_min(last))
		s->max = mmscope_hist_bucket_min(last);
}

/**
 * mms_hist_snapshot() - sum every CPU's share of a histogram
 * @h: the histogram
 * @s: the snapshot to fill
 *
 * A histogram that was never initialised, or whose mms_hist_init() failed,
 * reads as empty.
 *
 * Context: any; takes no lock.
 */
void mms_hist_snapshot(const struct mms_hist *h, struct mms_hist_snap *s)
{
	u64 min = U64_MAX, max = 0;
	unsigned int i;
	int cpu;

	memset(s, 0, sizeof(*s));
	if (!h->pcpu)
		return;
	for_each_possible_cpu(cpu) {
		const struct mms_hist_cpu *c = per_cpu_ptr(h->pcpu, cpu);

		for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++)
			s->buckets[i] += READ_ONCE(c->buckets[i]);
		s->sum += READ_ONCE(c->sum);
		min = min(min, READ_ONCE(c->min));
		max = max(max, READ_ONCE(c->max));
	}
	s->min = min;
	s->max = max;
	mms_hist_snap_fixup(s);
}

/**
 * mms_hist_snap_sub() - what was recorded between two snapshots
 * @a: the later snapshot, which becomes the difference
 * @baseline: the earlier snapshot, of the same histogram
 *
 * This is how a histogram is "reset": keep a baseline snapshot and show
 * later ones less it.  Count, sum and buckets become those of the values
 * recorded in between.  Minimum and maximum cannot be taken apart that way,
 * so @a keeps its own, those since mms_hist_init(), which still bound the
 * values in between; they become 0 if nothing was recorded in between.
 *
 * Context: any.
 */
void mms_hist_snap_sub(struct mms_hist_snap *a,
		       const struct mms_hist_snap *baseline)
{
	unsigned int i;

	/* Buckets only grow: a negative difference is a baseline misused. */
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++)
		a->buckets[i] = a->buckets[i] > baseline->buckets[i] ?
				a->buckets[i] - baseline->buckets[i] : 0;
	a->sum -= baseline->sum;	/* modulo 2^64, as it is kept */
	mms_hist_snap_fixup(a);
}

/**
 * mms_hist_percentile() - a percentile of a snapshot
 * @s: the snapshot
 * @per_100000: the percentile in thousandths of a percent: 50000 for p50,
 *	99900 for p99.9; above 100000 means 100000
 *
 * As mmscope_hist_percentile_buckets() computes it, so as tools do: linear
 * interpolation inside the value's bucket, clamped to [min, max].
 *
 * Context: any.
 * Return: the percentile in nanoseconds, within 12.5% of the true value;
 * 0 for an empty snapshot.
 */
u64 mms_hist_percentile(const struct mms_hist_snap *s, unsigned int per_100000)
{
	if (!s->count)
		return 0;
	return mmscope_hist_percentile_buckets(s->buckets, MMSCOPE_HIST_NR_BUCKETS,
					   min(per_100000, MMSCOPE_HIST_PER_100000),
					   s->min, s->max);
}
