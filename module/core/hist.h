/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope latency histograms: per-CPU, lock-free to record into from any
 * context, summed into a snapshot at read time.
 *
 * The bucket layout and the percentile arithmetic are those of
 * <linux/mmscope_hist.h>, which tools share: 8 linear sub-buckets per power
 * of two, exact below 16 ns, at most 12.5% wide, and an overflow bucket for
 * 2^40 ns (about 18.3 minutes) and above.
 *
 *   mms_hist_init()        process context: allocates the per-CPU data
 *   mms_hist_record()      any context, NMI included
 *   mms_hist_snapshot()    any context: sums every possible CPU
 *   mms_hist_snap_sub()    a snapshot less an earlier one: "reset"
 *   mms_hist_percentile()  p50, p99.9, ... of a snapshot
 *   mms_hist_snap_range()  its first and last non-empty buckets
 *   mms_hist_free()        once nothing can record any more
 */
#ifndef _MMSCOPE_HIST_H
#define _MMSCOPE_HIST_H

#include <linux/percpu.h>
#include <linux/types.h>

#include <linux/mmscope_hist.h>

/**
 * struct mms_hist_cpu - one CPU's share of a histogram
 * @buckets: values counted in each bucket, indexed by mmscope_hist_bucket()
 * @sum: sum of the values recorded, in nanoseconds, modulo 2^64
 * @min: smallest value recorded; U64_MAX before the first
 * @max: largest value recorded; 0 before the first
 *
 * Only the owning CPU writes its copy, with this_cpu operations, which are
 * safe against preemption, interrupts and NMIs.  There is no count: the
 * count is the sum of @buckets, so it always agrees with them.
 */
struct mms_hist_cpu {
	u64 buckets[MMSCOPE_HIST_NR_BUCKETS];
	u64 sum;
	u64 min;
	u64 max;
};

/**
 * struct mms_hist - a latency histogram
 * @pcpu: every CPU's share; %NULL before mms_hist_init() succeeds and after
 *	mms_hist_free()
 * @name: a name for views to show, not copied
 */
struct mms_hist {
	struct mms_hist_cpu __percpu *pcpu;
	const char *name;
};

/**
 * struct mms_hist_snap - a histogram summed over every CPU at one time
 * @count: number of values: always the sum of @buckets
 * @sum: sum of the values, in nanoseconds, modulo 2^64
 * @min: smallest value recorded since mms_hist_init(); 0 if @count is 0
 * @max: largest value recorded since mms_hist_init(); 0 if @count is 0
 * @buckets: values counted in each bucket, indexed by mmscope_hist_bucket()
 *
 * About 2.4 KiB: too big for the stack, so callers allocate it (kmalloc()
 * in a debugfs show function, for instance).
 */
struct mms_hist_snap {
	u64 count;
	u64 sum;
	u64 min;
	u64 max;
	u64 buckets[MMSCOPE_HIST_NR_BUCKETS];
};

int mms_hist_init(struct mms_hist *h, const char *name);
void mms_hist_free(struct mms_hist *h);
void mms_hist_record(struct mms_hist *h, u64 ns);
void mms_hist_snapshot(const struct mms_hist *h, struct mms_hist_snap *s);
void mms_hist_snap_sub(struct mms_hist_snap *a,
		       const struct mms_hist_snap *baseline);
u64 mms_hist_percentile(const struct mms_hist_snap *s,
			unsigned int per_100000);
bool mms_hist_snap_range(const struct mms_hist_snap *s, unsigned int *first,
			 unsigned int *last);

#endif /* _MMSCOPE_HIST_H */
