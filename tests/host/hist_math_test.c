// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of <linux/mmscope_hist.h>: the histogram bucket layout and
 * percentile arithmetic the module and tools share.  Needs no kernel.
 *
 * Prints "PASS  host: hist-math", or "FAIL  host: hist-math: why" for the
 * first failure, and exits 0 only on success.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mmscope_hist.h>

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL  host: hist-math: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(1);
}

#define CHECK(cond, fmt, ...)						\
	do {								\
		if (!(cond))						\
			fail("line %d: %s: " fmt, __LINE__, #cond,	\
			     ##__VA_ARGS__);				\
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static __u64 buckets[MMSCOPE_HIST_NR_BUCKETS];
static __u64 rec_min, rec_max;

static void reset(void)
{
	memset(buckets, 0, sizeof(buckets));
	rec_min = MMSCOPE_HIST_VALUE_MAX;
	rec_max = 0;
}

static void record(__u64 v, __u64 times)
{
	buckets[mmscope_hist_bucket(v)] += times;
	if (v < rec_min)
		rec_min = v;
	if (v > rec_max)
		rec_max = v;
}

static __u64 pct(__u32 p)
{
	return mmscope_hist_percentile_buckets(buckets, MMSCOPE_HIST_NR_BUCKETS, p,
					   rec_min, rec_max);
}

/* Without min/max, as a tool that has only the buckets would ask. */
static __u64 pct_raw(__u32 p)
{
	return mmscope_hist_percentile_buckets(buckets, MMSCOPE_HIST_NR_BUCKETS, p, 0,
					   MMSCOPE_HIST_VALUE_MAX);
}

/* @v is in its bucket, and the bucket is no wider than 1/8 of its start. */
static void check_value(__u64 v)
{
	unsigned int i = mmscope_hist_bucket(v);

	CHECK(i <= MMSCOPE_HIST_OVERFLOW, "v %llu -> %u", (unsigned long long)v, i);
	CHECK(mmscope_hist_bucket_min(i) <= v && v <= mmscope_hist_bucket_max(i),
	      "v %llu in bucket %u [%llu, %llu]", (unsigned long long)v, i,
	      (unsigned long long)mmscope_hist_bucket_min(i),
	      (unsigned long long)mmscope_hist_bucket_max(i));
	CHECK((v >= MMSCOPE_HIST_LIMIT) == (i == MMSCOPE_HIST_OVERFLOW),
	      "v %llu bucket %u", (unsigned long long)v, i);
}

static void test_layout(void)
{
	__u64 edges[4 * 64 + 8], prev_v = 0, x = 88172645463325252ULL;
	unsigned int n = 0, i, k, prev_i = 0;

	CHECK(MMSCOPE_HIST_SUB_COUNT == 8, "%lu", MMSCOPE_HIST_SUB_COUNT);
	CHECK(MMSCOPE_HIST_OVERFLOW == 304, "%d", MMSCOPE_HIST_OVERFLOW);
	CHECK(MMSCOPE_HIST_LIMIT == 1ULL << 40, "");

	/* The edge values, ascending: 0, 1, 2^S - 1, 2^S, 2^k +- 1, max. */
	edges[n++] = 0;
	for (k = 0; k < 64; k++) {
		__u64 p = 1ULL << k;

		if (k >= 2)
			edges[n++] = p - 1;
		edges[n++] = p;
		if (k >= 1)
			edges[n++] = p + 1;
	}
	edges[n++] = MMSCOPE_HIST_VALUE_MAX - 1;
	edges[n++] = MMSCOPE_HIST_VALUE_MAX;
	for (i = 0; i < n; i++) {
		check_value(edges[i]);
		if (i) {
			CHECK(edges[i] >= prev_v, "edges not ascending at %u", i);
			CHECK(mmscope_hist_bucket(edges[i]) >= prev_i,
			      "not monotonic: %llu -> %u after %llu -> %u",
			      (unsigned long long)edges[i],
			      mmscope_hist_bucket(edges[i]),
			      (unsigned long long)prev_v, prev_i);
		}
		prev_v = edges[i];
		prev_i = mmscope_hist_bucket(edges[i]);
	}

	CHECK(mmscope_hist_bucket(0) == 0, "");
	CHECK(mmscope_hist_bucket(1) == 1, "");
	CHECK(mmscope_hist_bucket(7) == 7, "");
	CHECK(mmscope_hist_bucket(8) == 8, "");
	CHECK(mmscope_hist_bucket(15) == 15, "");
	CHECK(mmscope_hist_bucket(16) == 16 && mmscope_hist_bucket(17) == 16, "");
	CHECK(mmscope_hist_bucket(18) == 17, "");
	CHECK(mmscope_hist_bucket(MMSCOPE_HIST_LIMIT - 1) == MMSCOPE_HIST_OVERFLOW - 1, "");
	CHECK(mmscope_hist_bucket(MMSCOPE_HIST_LIMIT) == MMSCOPE_HIST_OVERFLOW, "");
	CHECK(mmscope_hist_bucket(MMSCOPE_HIST_VALUE_MAX) == MMSCOPE_HIST_OVERFLOW, "");

	/* Buckets tile [0, 2^64): contiguous, each one's bounds its own. */
	CHECK(mmscope_hist_bucket_min(0) == 0, "");
	CHECK(mmscope_hist_bucket_max(MMSCOPE_HIST_OVERFLOW) == MMSCOPE_HIST_VALUE_MAX, "");
	CHECK(mmscope_hist_bucket_min(MMSCOPE_HIST_OVERFLOW) == MMSCOPE_HIST_LIMIT, "");
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		__u64 lo = mmscope_hist_bucket_min(i), hi = mmscope_hist_bucket_max(i);

		CHECK(lo <= hi, "bucket %u", i);
		CHECK(mmscope_hist_bucket(lo) == i && mmscope_hist_bucket(hi) == i,
		      "bucket %u [%llu, %llu]", i, (unsigned long long)lo,
		      (unsigned long long)hi);
		if (i < 2 * MMSCOPE_HIST_SUB_COUNT)
			CHECK(lo == i && hi == i, "bucket %u not exact", i);
		else if (i < MMSCOPE_HIST_OVERFLOW)
			CHECK((hi - lo + 1) * MMSCOPE_HIST_SUB_COUNT <= lo,
			      "bucket %u [%llu, %llu] wider than 12.5%%", i,
			      (unsigned long long)lo, (unsigned long long)hi);
		if (i + 1 < MMSCOPE_HIST_NR_BUCKETS)
			CHECK(hi + 1 == mmscope_hist_bucket_min(i + 1),
			      "gap after bucket %u", i);
	}

	/* Every value to 2^20, and pseudo-random ones of every magnitude. */
	prev_i = 0;
	for (prev_v = 0; prev_v < (1U << 20); prev_v++) {
		check_value(prev_v);
		CHECK(mmscope_hist_bucket(prev_v) >= prev_i, "v %llu",
		      (unsigned long long)prev_v);
		prev_i = mmscope_hist_bucket(prev_v);
	}
	for (i = 0; i < 1000000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		check_value(x >> (i % 64));
	}
}

static void test_div(void)
{
	__u64 x = 0x9e3779b97f4a7c15ULL, n, d;
	unsigned int i;

	for (i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = x;
		d = (x * 2654435761ULL) >> (i % 64);
		if (!d)
			d = 1;
		CHECK(mmscope_hist_div64_slow(n, d) == n / d, "%llu / %llu",
		      (unsigned long long)n, (unsigned long long)d);
		CHECK(mmscope_hist_div64(n, d) == n / d, "");
	}
	CHECK(mmscope_hist_div64_slow(MMSCOPE_HIST_VALUE_MAX, 1) == MMSCOPE_HIST_VALUE_MAX,
	      "");
	CHECK(mmscope_hist_div64_slow(5, 7) == 0, "");
}

static void test_rank(void)
{
	CHECK(mmscope_hist_rank(1, 0) == 1, "");
	CHECK(mmscope_hist_rank(1, 50000) == 1, "");
	CHECK(mmscope_hist_rank(1, 100000) == 1, "");
	CHECK(mmscope_hist_rank(1000, 50000) == 500, "");
	CHECK(mmscope_hist_rank(1000, 99900) == 999, "");
	CHECK(mmscope_hist_rank(1000, 99950) == 1000, "");	/* rounds up */
	CHECK(mmscope_hist_rank(1000, 100000) == 1000, "");
	CHECK(mmscope_hist_rank(1000, 200000) == 1000, "");
	CHECK(mmscope_hist_rank(3, 50000) == 2, "");
	/* No overflow at the very top. */
	CHECK(mmscope_hist_rank(MMSCOPE_HIST_VALUE_MAX, 100000) == MMSCOPE_HIST_VALUE_MAX,
	      "");
	CHECK(mmscope_hist_rank(MMSCOPE_HIST_VALUE_MAX, 50000) ==
	      MMSCOPE_HIST_VALUE_MAX / 2 + 1, "%llu",
	      (unsigned long long)mmscope_hist_rank(MMSCOPE_HIST_VALUE_MAX, 50000));
}

/* The estimate is in the same bucket as the true value of its rank. */
static void check_close(__u64 est, __u64 truth, const char *what)
{
	CHECK(mmscope_hist_bucket(est) == mmscope_hist_bucket(truth),
	      "%s: %llu for %llu", what, (unsigned long long)est,
	      (unsigned long long)truth);
	CHECK(est <= truth + truth / 8 && est + truth / 8 >= truth,
	      "%s: %llu for %llu", what, (unsigned long long)est,
	      (unsigned long long)truth);
}

static void test_percentiles(void)
{
	static const __u32 ps[] = { 0, 1000, 50000, 90000, 99000, 99900,
				    100000 };
	unsigned int i;
	__u64 v;

	/* Empty. */
	reset();
	CHECK(mmscope_hist_percentile_buckets(buckets, MMSCOPE_HIST_NR_BUCKETS, 50000,
					  0, 0) == 0, "");

	/* All equal: exact with min/max, within the bucket without. */
	reset();
	record(1000, 1000);
	for (i = 0; i < ARRAY_SIZE(ps); i++) {
		CHECK(pct(ps[i]) == 1000, "p %u: %llu", ps[i],
		      (unsigned long long)pct(ps[i]));
		check_close(pct_raw(ps[i]), 1000, "all-equal raw");
	}
	CHECK(pct_raw(50000) == 991, "%llu", (unsigned long long)pct_raw(50000));

	/* Exact buckets are exact. */
	reset();
	for (v = 0; v < 16; v++)
		record(v, 1);
	for (v = 1; v <= 16; v++)
		CHECK(pct_raw(v * 100000 / 16) == v - 1, "v %llu: %llu",
		      (unsigned long long)v,
		      (unsigned long long)pct_raw(v * 100000 / 16));

	/* Uniform 1..1000. */
	reset();
	for (v = 1; v <= 1000; v++)
		record(v, 1);
	check_close(pct(50000), 500, "uniform p50");
	check_close(pct(90000), 900, "uniform p90");
	check_close(pct(99000), 990, "uniform p99");
	check_close(pct(99900), 999, "uniform p99.9");
	CHECK(pct(50000) == 500, "p50 %llu", (unsigned long long)pct(50000));
	CHECK(pct(99900) == 1000, "p99.9 %llu", (unsigned long long)pct(99900));
	CHECK(pct(100000) == 1000, "");
	CHECK(pct(0) == 1, "");
	for (i = 1; i <= 100000; i += 7)
		check_close(pct(i), mmscope_hist_rank(1000, i), "uniform any");

	/* A single outlier shows only at the top. */
	reset();
	record(100, 999);
	record(1000000000, 1);
	check_close(pct(50000), 100, "outlier p50");
	check_close(pct(99000), 100, "outlier p99");
	check_close(pct(99900), 100, "outlier p99.9");
	CHECK(pct(99000) == 102, "%llu", (unsigned long long)pct(99000));
	CHECK(pct(99950) == 1000000000, "");
	CHECK(pct(100000) == 1000000000, "");
	check_close(pct_raw(100000), 1000000000, "outlier raw");

	/* Overflow: counted, and its percentile is the max, or unknown. */
	reset();
	record(10, 1);
	record(MMSCOPE_HIST_LIMIT + 5, 1);
	record(3 * MMSCOPE_HIST_LIMIT, 1);
	CHECK(buckets[MMSCOPE_HIST_OVERFLOW] == 2, "");
	CHECK(pct(50000) == 3 * MMSCOPE_HIST_LIMIT, "");
	CHECK(pct(10000) == 10, "");
	CHECK(pct_raw(100000) == MMSCOPE_HIST_VALUE_MAX, "");

	/* Huge counts in one bucket: no overflow, still inside it. */
	reset();
	record(1ULL << 39, 1ULL << 62);
	record((1ULL << 40) - 1, 1ULL << 62);
	for (i = 0; i <= 100000; i += 997) {
		v = pct_raw(i);
		CHECK(v >= 1ULL << 39 && v < 1ULL << 40, "p %u: %llu", i,
		      (unsigned long long)v);
	}
	CHECK(pct_raw(100000) == (1ULL << 40) - 1, "");

	/* A short array is a histogram of its first buckets. */
	reset();
	record(3, 2);
	CHECK(mmscope_hist_percentile_buckets(buckets, 4, 50000, 0,
					  MMSCOPE_HIST_VALUE_MAX) == 3, "");
}

int main(void)
{
	test_layout();
	test_div();
	test_rank();
	test_percentiles();
	printf("PASS  host: hist-math\n");
	return 0;
}
