// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for mmscope's latency histograms (module/core/hist.c and
 * <linux/mmscope_hist.h>).  Built with module/core/hist.c linked in and
 * include/uapi on the include path, as the module itself is.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "core/hist.h"
#include "views/views.h"

/* Values where the layout changes, in ascending order. */
static void mms_hist_test_edges(u64 *edges, unsigned int *n)
{
	unsigned int k;

	*n = 0;
	edges[(*n)++] = 0;
	for (k = 0; k < 64; k++) {
		if (k >= 2)
			edges[(*n)++] = BIT_ULL(k) - 1;
		edges[(*n)++] = BIT_ULL(k);
		if (k >= 1)
			edges[(*n)++] = BIT_ULL(k) + 1;
	}
	edges[(*n)++] = U64_MAX - 1;
	edges[(*n)++] = U64_MAX;
}

static void mms_hist_test_bucket_edges(struct kunit *test)
{
	u64 *edges = kunit_kcalloc(test, 4 * 64, sizeof(*edges), GFP_KERNEL);
	unsigned int n, i, b, prev = 0;

	KUNIT_ASSERT_NOT_NULL(test, edges);
	mms_hist_test_edges(edges, &n);
	for (i = 0; i < n; i++) {
		b = mmscope_hist_bucket(edges[i]);
		KUNIT_EXPECT_LE(test, b, MMSCOPE_HIST_OVERFLOW);
		KUNIT_EXPECT_LE_MSG(test, mmscope_hist_bucket_min(b), edges[i],
				    "value %llu bucket %u", edges[i], b);
		KUNIT_EXPECT_GE_MSG(test, mmscope_hist_bucket_max(b), edges[i],
				    "value %llu bucket %u", edges[i], b);
		KUNIT_EXPECT_GE_MSG(test, b, prev, "value %llu", edges[i]);
		KUNIT_EXPECT_EQ(test, edges[i] >= MMSCOPE_HIST_LIMIT,
				b == MMSCOPE_HIST_OVERFLOW);
		prev = b;
	}

	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(0), 0);
	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(1), 1);
	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(MMSCOPE_HIST_SUB_COUNT - 1),
			MMSCOPE_HIST_SUB_COUNT - 1);
	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(MMSCOPE_HIST_SUB_COUNT),
			MMSCOPE_HIST_SUB_COUNT);
	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(MMSCOPE_HIST_LIMIT - 1),
			MMSCOPE_HIST_OVERFLOW - 1);
	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(MMSCOPE_HIST_LIMIT),
			MMSCOPE_HIST_OVERFLOW);
	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(U64_MAX), MMSCOPE_HIST_OVERFLOW);
}

static void mms_hist_test_buckets_tile(struct kunit *test)
{
	unsigned int i;
	u64 lo, hi;

	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket_min(0), 0);
	KUNIT_EXPECT_EQ(test, mmscope_hist_bucket_max(MMSCOPE_HIST_OVERFLOW), U64_MAX);
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		lo = mmscope_hist_bucket_min(i);
		hi = mmscope_hist_bucket_max(i);
		KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(lo), i);
		KUNIT_EXPECT_EQ(test, mmscope_hist_bucket(hi), i);
		if (i + 1 < MMSCOPE_HIST_NR_BUCKETS)
			KUNIT_EXPECT_EQ(test, hi + 1, mmscope_hist_bucket_min(i + 1));
		/* At most 12.5% wide; exact below 2^(S+1). */
		if (i < 2 * MMSCOPE_HIST_SUB_COUNT)
			KUNIT_EXPECT_EQ(test, lo, hi);
		else if (i < MMSCOPE_HIST_OVERFLOW)
			KUNIT_EXPECT_LE(test, (hi - lo + 1) * MMSCOPE_HIST_SUB_COUNT,
					lo);
	}
}

/* A snapshot of @n values, each @times times, without a histogram. */
static struct mms_hist_snap *mms_hist_test_snap(struct kunit *test,
						const u64 *v, unsigned int n,
						u64 times)
{
	struct mms_hist_snap *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->min = U64_MAX;
	for (i = 0; i < n; i++) {
		s->buckets[mmscope_hist_bucket(v[i])] += times;
		s->count += times;
		s->sum += v[i] * times;
		s->min = min(s->min, v[i]);
		s->max = max(s->max, v[i]);
	}
	return s;
}

/* @est is in the bucket of @truth, so within 12.5% of it. */
static void mms_hist_expect_close(struct kunit *test, u64 est, u64 truth)
{
	KUNIT_EXPECT_EQ_MSG(test, mmscope_hist_bucket(est), mmscope_hist_bucket(truth),
			    "%llu for %llu", est, truth);
}

static void mms_hist_test_percentile_empty(struct kunit *test)
{
	struct mms_hist_snap *s = mms_hist_test_snap(test, NULL, 0, 0);

	s->min = 0;
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 50000), 0);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 100000), 0);
}

static void mms_hist_test_percentile_all_equal(struct kunit *test)
{
	static const u64 v = 1000;
	struct mms_hist_snap *s = mms_hist_test_snap(test, &v, 1, 1000);

	/* Clamped to [min, max], which are both 1000. */
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 0), 1000);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 50000), 1000);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 90000), 1000);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 99000), 1000);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 99900), 1000);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 100000), 1000);
}

static void mms_hist_test_percentile_uniform(struct kunit *test)
{
	u64 *v = kunit_kcalloc(test, 1000, sizeof(*v), GFP_KERNEL);
	struct mms_hist_snap *s;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, v);
	for (i = 0; i < 1000; i++)
		v[i] = i + 1;
	s = mms_hist_test_snap(test, v, 1000, 1);

	mms_hist_expect_close(test, mms_hist_percentile(s, 50000), 500);
	mms_hist_expect_close(test, mms_hist_percentile(s, 90000), 900);
	mms_hist_expect_close(test, mms_hist_percentile(s, 99000), 990);
	mms_hist_expect_close(test, mms_hist_percentile(s, 99900), 999);
	/* Evenly filled buckets interpolate exactly. */
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 50000), 500);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 0), 1);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 100000), 1000);
	for (i = 1; i <= 100000; i += 97)
		mms_hist_expect_close(test, mms_hist_percentile(s, i),
				      mmscope_hist_rank(1000, i));
}

static void mms_hist_test_percentile_outlier(struct kunit *test)
{
	static const u64 v[] = { 100 };
	struct mms_hist_snap *s = mms_hist_test_snap(test, v, 1, 999);

	s->buckets[mmscope_hist_bucket(NSEC_PER_SEC)]++;
	s->count++;
	s->max = NSEC_PER_SEC;
	mms_hist_expect_close(test, mms_hist_percentile(s, 50000), 100);
	mms_hist_expect_close(test, mms_hist_percentile(s, 99000), 100);
	mms_hist_expect_close(test, mms_hist_percentile(s, 99900), 100);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 99950), NSEC_PER_SEC);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 100000), NSEC_PER_SEC);
}

static void mms_hist_test_overflow_counted(struct kunit *test)
{
	struct mms_hist_snap *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct mms_hist h;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, mms_hist_init(&h, "test"), 0);
	mms_hist_record(&h, 10);
	mms_hist_record(&h, MMSCOPE_HIST_LIMIT);
	mms_hist_record(&h, U64_MAX);
	mms_hist_snapshot(&h, s);
	mms_hist_free(&h);

	KUNIT_EXPECT_EQ(test, s->count, 3);
	KUNIT_EXPECT_EQ(test, s->buckets[MMSCOPE_HIST_OVERFLOW], 2);
	KUNIT_EXPECT_EQ(test, s->max, U64_MAX);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 50000), U64_MAX);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 10000), 10);
}

/*
 * Values recorded on this CPU, plus one put straight into every possible
 * CPU's share, as if recorded there: the snapshot sums them all.
 */
static void mms_hist_test_snapshot_sums_cpus(struct kunit *test)
{
	struct mms_hist_snap *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	u64 count = 3, sum = 100 + 200 + 5000, v;
	struct mms_hist h;
	unsigned int i;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, mms_hist_init(&h, "test"), 0);
	mms_hist_record(&h, 100);
	mms_hist_record(&h, 200);
	mms_hist_record(&h, 5000);
	for_each_possible_cpu(cpu) {
		struct mms_hist_cpu *c = per_cpu_ptr(h.pcpu, cpu);

		v = 1000 + cpu % 1000;
		WRITE_ONCE(c->buckets[mmscope_hist_bucket(v)],
			   c->buckets[mmscope_hist_bucket(v)] + 1);
		WRITE_ONCE(c->sum, c->sum + v);
		WRITE_ONCE(c->min, min(c->min, v));
		WRITE_ONCE(c->max, max(c->max, v));
		count++;
		sum += v;
	}
	mms_hist_snapshot(&h, s);
	mms_hist_free(&h);

	KUNIT_EXPECT_EQ(test, s->count, count);
	KUNIT_EXPECT_EQ(test, s->sum, sum);
	KUNIT_EXPECT_EQ(test, s->min, 100);
	KUNIT_EXPECT_EQ(test, s->max, 5000);
	for (v = 0, i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++)
		v += s->buckets[i];
	KUNIT_EXPECT_EQ(test, v, count);
	KUNIT_EXPECT_EQ(test, s->buckets[mmscope_hist_bucket(100)], 1);
	KUNIT_EXPECT_EQ(test, s->buckets[mmscope_hist_bucket(5000)], 1);
}

static void mms_hist_test_snap_sub_baseline(struct kunit *test)
{
	struct mms_hist_snap *base = kunit_kzalloc(test, sizeof(*base),
						   GFP_KERNEL);
	struct mms_hist_snap *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct mms_hist h;

	KUNIT_ASSERT_NOT_NULL(test, base);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, mms_hist_init(&h, "test"), 0);
	mms_hist_record(&h, 10);
	mms_hist_record(&h, 1000000);
	mms_hist_snapshot(&h, base);

	/* Nothing since the baseline: empty, min and max 0. */
	mms_hist_snapshot(&h, s);
	mms_hist_snap_sub(s, base);
	KUNIT_EXPECT_EQ(test, s->count, 0);
	KUNIT_EXPECT_EQ(test, s->sum, 0);
	KUNIT_EXPECT_EQ(test, s->min, 0);
	KUNIT_EXPECT_EQ(test, s->max, 0);
	KUNIT_EXPECT_EQ(test, mms_hist_percentile(s, 50000), 0);

	mms_hist_record(&h, 500);
	mms_hist_record(&h, 600);
	mms_hist_snapshot(&h, s);
	mms_hist_free(&h);
	mms_hist_snap_sub(s, base);
	KUNIT_EXPECT_EQ(test, s->count, 2);
	KUNIT_EXPECT_EQ(test, s->sum, 1100);
	KUNIT_EXPECT_EQ(test, s->buckets[mmscope_hist_bucket(10)], 0);
	KUNIT_EXPECT_EQ(test, s->buckets[mmscope_hist_bucket(1000000)], 0);
	KUNIT_EXPECT_EQ(test, s->buckets[mmscope_hist_bucket(500)], 1);
	KUNIT_EXPECT_EQ(test, s->buckets[mmscope_hist_bucket(600)], 1);
	/* min and max are those since mms_hist_init(). */
	KUNIT_EXPECT_EQ(test, s->min, 10);
	KUNIT_EXPECT_EQ(test, s->max, 1000000);
	mms_hist_expect_close(test, mms_hist_percentile(s, 50000), 500);
	mms_hist_expect_close(test, mms_hist_percentile(s, 100000), 600);
}

static void mms_hist_test_uninitialised(struct kunit *test)
{
	struct mms_hist_snap *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct mms_hist h = {};

	KUNIT_ASSERT_NOT_NULL(test, s);
	mms_hist_record(&h, 1000);
	mms_hist_snapshot(&h, s);
	KUNIT_EXPECT_EQ(test, s->count, 0);
	KUNIT_EXPECT_EQ(test, s->sum, 0);
	mms_hist_free(&h);
}

static void mms_hist_test_seq_show(struct kunit *test)
{
	static const char summary[] =
		"count 3\nsum_ns 6000\nmin_ns 1000\nmax_ns 3000\np50_ns ";
	static const char header[] =
		"     usecs               : count    distribution\n";
	static const char * const rows[] = {
		"         0 -> 1          : 1        |",
		"         1 -> 2          : 1        |",
		"         2 -> 3          : 1        |",
	};
	static const char bar[] =
		"|****************************************|\n";
	static const u64 v[] = { 1000, 2000, 3000 };
	struct mms_hist_snap *s = mms_hist_test_snap(test, v, 3, 1);
	struct seq_file m = { .size = PAGE_SIZE };
	unsigned int i;
	char *line;

	m.buf = kunit_kzalloc(test, m.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m.buf);
	mms_hist_seq_show(&m, s, "usecs");
	KUNIT_ASSERT_LT(test, m.count, m.size);
	m.buf[m.count] = '\0';

	KUNIT_EXPECT_TRUE(test, str_has_prefix(m.buf, summary));
	KUNIT_EXPECT_NOT_NULL(test, strstr(m.buf, "\np99.9_ns 3000\n\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(m.buf, header));
	/*
	 * Rows merge the buckets that start in the same microsecond:
	 * 1000 is in [960, 1023], 2000 in [1024, 2047], 3000 in
	 * [2048, 3071].  One value a row, so every bar is full.
	 */
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		line = strstr(m.buf, rows[i]);
		KUNIT_EXPECT_NOT_NULL_MSG(test, line, "%s", m.buf);
		if (line)
			KUNIT_EXPECT_PTR_EQ(test, strstr(line, bar),
					    line + strlen(rows[i]) - 1);
	}
}

static struct kunit_case mms_hist_test_cases[] = {
	KUNIT_CASE(mms_hist_test_bucket_edges),
	KUNIT_CASE(mms_hist_test_buckets_tile),
	KUNIT_CASE(mms_hist_test_percentile_empty),
	KUNIT_CASE(mms_hist_test_percentile_all_equal),
	KUNIT_CASE(mms_hist_test_percentile_uniform),
	KUNIT_CASE(mms_hist_test_percentile_outlier),
	KUNIT_CASE(mms_hist_test_overflow_counted),
	KUNIT_CASE(mms_hist_test_snapshot_sums_cpus),
	KUNIT_CASE(mms_hist_test_snap_sub_baseline),
	KUNIT_CASE(mms_hist_test_uninitialised),
	KUNIT_CASE(mms_hist_test_seq_show),
	{}
};

static struct kunit_suite mms_hist_test_suite = {
	.name = "mmscope_hist",
	.test_cases = mms_hist_test_cases,
};

kunit_test_suite(mms_hist_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's latency histograms");
