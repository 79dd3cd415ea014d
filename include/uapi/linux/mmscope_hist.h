/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mmscope latency histograms: the bucket layout and the arithmetic on it,
 * shared verbatim by the module and by tools, so that a tool reading a raw
 * bucket array computes exactly the percentiles the module shows.
 *
 * Everything here is static inline and uses only the __u32/__u64 of
 * <linux/types.h>: no libgcc, no 64-bit division helper, no kernel header.
 *
 * Layout (log2 buckets with linear sub-buckets, as in HdrHistogram), with
 * S = MMSCOPE_HIST_SUB_BITS = 3:
 *
 *   - values 0 .. 2^(S+1) - 1 (0 .. 15 ns) each have a bucket of their own,
 *     so bucket i holds exactly the value i;
 *   - above that, every power of two [2^k, 2^(k+1)) is split into 2^S = 8
 *     equal sub-buckets of width 2^(k-S);
 *   - values from MMSCOPE_HIST_LIMIT = 2^40 ns (about 18.3 minutes) up to
 *     2^64 - 1 all go to the last bucket, MMSCOPE_HIST_OVERFLOW: counted, never
 *     lost, but without resolution.
 *
 * A bucket's width is at most 1/2^S = 12.5% of its lower bound (0 below
 * 16 ns, where buckets are exact), so any value estimated to lie in the
 * right bucket, as the percentiles below are, is within 12.5% of the true
 * value: |estimate - v| < v / 8.
 */
#ifndef _UAPI_LINUX_MMSCOPE_HIST_H
#define _UAPI_LINUX_MMSCOPE_HIST_H

#include <linux/const.h>
#include <linux/types.h>

/* Linear sub-buckets per power of two, as a power of two. */
#define MMSCOPE_HIST_SUB_BITS	3
#define MMSCOPE_HIST_SUB_COUNT	_BITUL(MMSCOPE_HIST_SUB_BITS)

/* Values from 2^MMSCOPE_HIST_MAX_SHIFT ns up go to the overflow bucket. */
#define MMSCOPE_HIST_MAX_SHIFT	40
#define MMSCOPE_HIST_LIMIT		_BITULL(MMSCOPE_HIST_MAX_SHIFT)

/* The overflow bucket, last of all: [MMSCOPE_HIST_LIMIT, 2^64 - 1]. */
#define MMSCOPE_HIST_OVERFLOW	\
	((MMSCOPE_HIST_MAX_SHIFT - MMSCOPE_HIST_SUB_BITS + 1) << MMSCOPE_HIST_SUB_BITS)
#define MMSCOPE_HIST_NR_BUCKETS	(MMSCOPE_HIST_OVERFLOW + 1)

/* The largest value: the inclusive upper bound of the overflow bucket. */
#define MMSCOPE_HIST_VALUE_MAX	(~(__u64)0)

/* Percentiles are asked for in thousandths of a percent: p99.9 = 99900. */
#define MMSCOPE_HIST_PER_100000	100000U

/**
 * mmscope_hist_fls64() - position of the most significant set bit
 * @v: any value
 *
 * Return: 0 for 0, else 1 + floor(log2(@v)), as the kernel's fls64().
 */
static __inline__ unsigned int mmscope_hist_fls64(__u64 v)
{
	return v ? 64 - (unsigned int)__builtin_clzll(v) : 0;
}

/**
 * mmscope_hist_div64_slow() - 64-bit division by shift and subtract
 * @n: dividend
 * @d: divisor, not 0
 *
 * For 32-bit builds, where a plain '/' on 64-bit operands needs a libgcc
 * helper the kernel does not have.  Only ever run at read time.
 *
 * Return: @n / @d, rounded down.
 */
static __inline__ __u64 mmscope_hist_div64_slow(__u64 n, __u64 d)
{
	__u64 q = 0, r = 0;
	int bit;

	for (bit = 63; bit >= 0; bit--) {
		r = (r << 1) | ((n >> bit) & 1);
		if (r >= d) {
			r -= d;
			q |= (__u64)1 << bit;
		}
	}
	return q;
}

/**
 * mmscope_hist_div64() - 64-bit division wherever it is compiled
 * @n: dividend
 * @d: divisor, not 0
 *
 * Return: @n / @d, rounded down.
 */
static __inline__ __u64 mmscope_hist_div64(__u64 n, __u64 d)
{
#if defined(__SIZEOF_LONG__) && __SIZEOF_LONG__ == 8
	return n / d;
#else
	return mmscope_hist_div64_slow(n, d);
#endif
}

/**
 * mmscope_hist_bucket() - the bucket a value is counted in
 * @v: the value, in nanoseconds
 *
 * Monotonic: a larger value never goes to a smaller bucket.
 *
 * Return: the bucket's index, 0 .. %MMSCOPE_HIST_OVERFLOW.
 */
static __inline__ unsigned int mmscope_hist_bucket(__u64 v)
{
	unsigned int k;

	if (v < MMSCOPE_HIST_SUB_COUNT)	/* masked: no truncating cast */
		return (unsigned int)(v & (MMSCOPE_HIST_SUB_COUNT - 1));
	if (v >= MMSCOPE_HIST_LIMIT)
		return MMSCOPE_HIST_OVERFLOW;
	k = mmscope_hist_fls64(v) - 1;	/* 2^k <= v < 2^(k+1), k >= S */
	return ((k - MMSCOPE_HIST_SUB_BITS + 1) << MMSCOPE_HIST_SUB_BITS) +
	       (unsigned int)((v >> (k - MMSCOPE_HIST_SUB_BITS)) &
			      (MMSCOPE_HIST_SUB_COUNT - 1));
}

/**
 * mmscope_hist_bucket_min() - the smallest value a bucket holds
 * @i: the bucket's index, 0 .. %MMSCOPE_HIST_OVERFLOW
 *
 * Return: the bucket's inclusive lower bound, in nanoseconds.
 */
static __inline__ __u64 mmscope_hist_bucket_min(unsigned int i)
{
	unsigned int group = i >> MMSCOPE_HIST_SUB_BITS;
	__u64 sub = i & (MMSCOPE_HIST_SUB_COUNT - 1);

	if (group == 0)
		return i;
	return (MMSCOPE_HIST_SUB_COUNT + sub) << (group - 1);
}

/**
 * mmscope_hist_bucket_max() - the largest value a bucket holds
 * @i: the bucket's index, 0 .. %MMSCOPE_HIST_OVERFLOW
 *
 * Return: the bucket's inclusive upper bound, in nanoseconds:
 * %MMSCOPE_HIST_VALUE_MAX for the overflow bucket.
 */
static __inline__ __u64 mmscope_hist_bucket_max(unsigned int i)
{
	if (i >= MMSCOPE_HIST_OVERFLOW)
		return MMSCOPE_HIST_VALUE_MAX;
	return mmscope_hist_bucket_min(i + 1) - 1;
}

/**
 * mmscope_hist_rank() - how many values lie at or below a percentile
 * @count: number of values, at least 1
 * @per_100000: the percentile in thousandths of a percent, at most
 *	%MMSCOPE_HIST_PER_100000
 *
 * Return: ceil(@count * @per_100000 / 100000), at least 1 and at most
 * @count: the 1-based rank, in ascending order, of the percentile's value.
 * Exact for every @count, without overflow.
 */
static __inline__ __u64 mmscope_hist_rank(__u64 count, __u32 per_100000)
{
	__u64 q = mmscope_hist_div64(count, MMSCOPE_HIST_PER_100000);
	__u64 r = count - q * MMSCOPE_HIST_PER_100000;
	__u64 rank;

	if (per_100000 > MMSCOPE_HIST_PER_100000)
		per_100000 = MMSCOPE_HIST_PER_100000;
	rank = q * per_100000 +
	       mmscope_hist_div64(r * per_100000 + MMSCOPE_HIST_PER_100000 - 1,
				  MMSCOPE_HIST_PER_100000);
	return rank ? rank : 1;
}

/**
 * mmscope_hist_percentile_buckets() - a percentile of a histogram
 * @buckets: the count of each bucket, indexed as mmscope_hist_bucket() says
 * @nr: number of entries of @buckets, normally %MMSCOPE_HIST_NR_BUCKETS
 * @per_100000: the percentile in thousandths of a percent: 50000 for the
 *	median, 99900 for p99.9; values above 100000 mean 100000
 * @min: the smallest value recorded, or 0 if unknown
 * @max: the largest value recorded, or %MMSCOPE_HIST_VALUE_MAX if unknown
 *
 * The percentile's value is the one of rank mmscope_hist_rank() in ascending
 * order.  Within its bucket [lo, hi], of width w = hi - lo + 1, holding n
 * values of which it is the r-th, the values are taken as spread evenly
 * and the estimate is lo + max(0, floor(w * r / n) - 1): the upper edge of
 * the r-th of n equal slices of the bucket.  It is always inside the
 * bucket, so within 12.5% of the true value, and exact in the exact
 * buckets below 16 ns.  In the overflow bucket, which has no useful upper
 * edge, the estimate is @max.  The estimate is finally clamped to
 * [@min, @max], which makes it exact when every value is the same and for
 * the 0th and 100th percentiles.
 *
 * Return: the estimate in nanoseconds, or 0 if the histogram is empty.
 */
static __inline__ __u64 mmscope_hist_percentile_buckets(const __u64 *buckets,
							unsigned int nr,
						    __u32 per_100000,
						    __u64 min, __u64 max)
{
	__u64 count = 0, rank, seen = 0, lo, w, n, r, v;
	unsigned int i;

	if (nr > MMSCOPE_HIST_NR_BUCKETS)
		nr = MMSCOPE_HIST_NR_BUCKETS;
	for (i = 0; i < nr; i++)
		count += buckets[i];
	if (!count)
		return 0;
	rank = mmscope_hist_rank(count, per_100000);

	for (i = 0; i < nr; i++) {
		if (rank - seen <= buckets[i])
			break;
		seen += buckets[i];
	}
	if (i == nr)			/* not reached: rank <= count */
		i = nr - 1;
	n = buckets[i];
	r = rank - seen;		/* 1 .. n */
	lo = mmscope_hist_bucket_min(i);

	if (i >= MMSCOPE_HIST_OVERFLOW) {
		v = max > lo ? max : lo;
	} else {
		w = mmscope_hist_bucket_max(i) - lo + 1;	/* at most 2^36 */
		/* Keep w * r below 2^63: r <= n < 2^27. */
		while (n >= ((__u64)1 << 27)) {
			n >>= 1;
			r >>= 1;
		}
		v = mmscope_hist_div64(w * r, n ? n : 1);
		v = lo + (v ? v - 1 : 0);
	}
	if (v < min)
		v = min;
	if (v > max)
		v = max;
	return v;
}

#endif /* _UAPI_LINUX_MMSCOPE_HIST_H */
