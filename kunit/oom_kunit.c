// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the arithmetic of mmscope's OOM records
 * (module/oom/oom_calc.c): oom_badness()'s formula, /proc/PID/oom_score's
 * normalisation, the ranking, the cap on candidates and the retry round.
 * Built with module/oom/oom_calc.c linked in.
 *
 * The figures of the first cases are those of a real record, taken in a
 * debian-6.12-amd64 guest (256 MiB, no swap, totalpages 54380): three
 * locked hogs at oom_score_adj 500, 0 and -1000, and a fourth allocating.
 * /proc/PID/oom_score read before the OOM said 1078 for the first and 734
 * for the hog at 0.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/oom.h>
#include <linux/string.h>

#include "oom/oom_calc.h"

#define GUEST_TOTALPAGES	54380UL

static const struct mms_oom_figures guest_b = { .anon = 6464, .shmem = 136,
						.pgtables = 23 };
static const struct mms_oom_figures guest_a = { .anon = 5408, .shmem = 136,
						.pgtables = 21 };
static const struct mms_oom_figures guest_c = { .anon = 10784, .shmem = 136,
						.pgtables = 31 };

static void mms_oom_test_badness_formula(struct kunit *test)
{
	struct mms_oom_figures f = { .anon = 100, .file = 20, .shmem = 3,
				     .swapents = 4000, .pgtables = 5 };

	KUNIT_EXPECT_EQ(test, mms_oom_rss(&f), 123UL);
	/* Swap entries and page tables count, not only rss. */
	KUNIT_EXPECT_EQ(test, mms_oom_badness(&f, 0, 10000), 4128L);
	KUNIT_EXPECT_EQ(test, mms_oom_badness(&guest_b, 500, GUEST_TOTALPAGES),
			33623L);
	KUNIT_EXPECT_EQ(test, mms_oom_badness(&guest_a, 0, GUEST_TOTALPAGES),
			5565L);
	KUNIT_EXPECT_EQ(test, mms_oom_badness(&guest_c, -1000, GUEST_TOTALPAGES),
			10951L - 54000L);
}

static void mms_oom_test_adj_term_truncates(struct kunit *test)
{
	/* totalpages / 1000 first, as the kernel does. */
	KUNIT_EXPECT_EQ(test, mms_oom_adj_term(500, GUEST_TOTALPAGES), 27000L);
	KUNIT_EXPECT_EQ(test, mms_oom_adj_term(-1000, GUEST_TOTALPAGES),
			-54000L);
	KUNIT_EXPECT_EQ(test, mms_oom_adj_term(1000, 999), 0L);
	KUNIT_EXPECT_EQ(test, mms_oom_adj_term(-1, 1999), -1L);
	KUNIT_EXPECT_EQ(test, mms_oom_adj_term(0, ULONG_MAX), 0L);
}

static void mms_oom_test_proc_score(struct kunit *test)
{
	/* What /proc/PID/oom_score said in the guest. */
	KUNIT_EXPECT_EQ(test, mms_oom_proc_score(33623, GUEST_TOTALPAGES),
			1078UL);
	KUNIT_EXPECT_EQ(test, mms_oom_proc_score(5565, GUEST_TOTALPAGES),
			734UL);
	/* A skipped task reads 0; so does an empty totalpages. */
	KUNIT_EXPECT_EQ(test, mms_oom_proc_score(LONG_MIN, GUEST_TOTALPAGES),
			0UL);
	KUNIT_EXPECT_EQ(test, mms_oom_proc_score(5, 0), 0UL);
	/* Signed division truncates toward zero: -1.5 becomes -1, not -2. */
	KUNIT_EXPECT_EQ(test, mms_oom_proc_score(-3, 2000), 666UL);
	KUNIT_EXPECT_EQ(test, mms_oom_proc_score(-4, 2000), 665UL);
	KUNIT_EXPECT_EQ(test, mms_oom_proc_score(-43049, GUEST_TOTALPAGES),
			139UL);
	/* The whole of totalpages is 2000 * 2 / 3. */
	KUNIT_EXPECT_EQ(test, mms_oom_proc_score(GUEST_TOTALPAGES,
						 GUEST_TOTALPAGES), 1333UL);
}

static struct mms_oom_cand mms_oom_test_cand(pid_t pid, u32 eval, long points,
					     enum mms_oom_cand_state st)
{
	struct mms_oom_cand c = { .pid = pid, .tgid = pid, .eval = eval,
				  .points = points, .state = st };

	return c;
}

static void mms_oom_test_rank_order(struct kunit *test)
{
	/*
	 * eval  pid  points     state
	 *   0     1  -          unkillable
	 *   1    10  500        scored
	 *   2    11  900        scored
	 *   3    12  -          adj -1000
	 *   4    13  500        scored      ties with pid 10: evaluated later,
	 *                                   so the kernel would keep it
	 *   5    14  LONG_MAX   origin
	 */
	struct mms_oom_cand c[] = {
		mms_oom_test_cand(1, 0, LONG_MIN, MMS_OOM_CAND_UNKILLABLE),
		mms_oom_test_cand(10, 1, 500, MMS_OOM_CAND_SCORED),
		mms_oom_test_cand(11, 2, 900, MMS_OOM_CAND_SCORED),
		mms_oom_test_cand(12, 3, LONG_MIN, MMS_OOM_CAND_ADJ_MIN),
		mms_oom_test_cand(13, 4, 500, MMS_OOM_CAND_SCORED),
		mms_oom_test_cand(14, 5, LONG_MAX, MMS_OOM_CAND_ORIGIN),
	};
	static const pid_t want[] = { 14, 11, 13, 10, 1, 12 };
	unsigned int i;

	mms_oom_rank(c, ARRAY_SIZE(c));
	for (i = 0; i < ARRAY_SIZE(c); i++)
		KUNIT_EXPECT_EQ_MSG(test, c[i].pid, want[i], "rank %u", i + 1);
	KUNIT_EXPECT_FALSE(test, mms_oom_cand_before(&c[2], &c[2]));
}

static void mms_oom_test_keep_top(struct kunit *test)
{
	struct mms_oom_cand c[3], n;
	unsigned int len = 0, dropped = 0, i;
	static const long points[] = { 50, 10, 70, 30, 60 };

	for (i = 0; i < ARRAY_SIZE(points); i++) {
		n = mms_oom_test_cand(100 + i, i, points[i],
				      MMS_OOM_CAND_SCORED);
		len = mms_oom_cand_keep(c, len, ARRAY_SIZE(c), &n, &dropped);
	}
	KUNIT_EXPECT_EQ(test, len, 3U);
	KUNIT_EXPECT_EQ(test, dropped, 2U);
	mms_oom_rank(c, len);
	KUNIT_EXPECT_EQ(test, c[0].points, 70L);
	KUNIT_EXPECT_EQ(test, c[1].points, 60L);
	KUNIT_EXPECT_EQ(test, c[2].points, 50L);

	/* A skipped task never displaces a scored one. */
	n = mms_oom_test_cand(200, 9, LONG_MIN, MMS_OOM_CAND_ADJ_MIN);
	len = mms_oom_cand_keep(c, len, ARRAY_SIZE(c), &n, &dropped);
	KUNIT_EXPECT_EQ(test, len, 3U);
	KUNIT_EXPECT_EQ(test, dropped, 3U);
	for (i = 0; i < len; i++)
		KUNIT_EXPECT_NE(test, c[i].pid, 200);
}

/*
 * 4096 candidates, with ties and skipped tasks mixed in, into a list of
 * 64: what is kept, once ranked, is exactly the top 64 of ranking all
 * 4096 (the heap the full list becomes drops the last-ranked each time).
 */
static void mms_oom_test_keep_many(struct kunit *test)
{
	const unsigned int total = 4096, cap = 64;
	struct mms_oom_cand *all, *kept, n;
	unsigned int len = 0, dropped = 0, i;
	u32 x = 12345;

	all = kunit_kcalloc(test, total, sizeof(*all), GFP_KERNEL);
	kept = kunit_kcalloc(test, cap, sizeof(*kept), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, all);
	KUNIT_ASSERT_NOT_NULL(test, kept);
	for (i = 0; i < total; i++) {
		x = x * 1103515245 + 12345;
		if ((x >> 16) % 7 == 0)
			n = mms_oom_test_cand(1000 + i, i, LONG_MIN,
					      MMS_OOM_CAND_ADJ_MIN);
		else
			n = mms_oom_test_cand(1000 + i, i, (x >> 16) % 500,
					      MMS_OOM_CAND_SCORED);
		all[i] = n;
		len = mms_oom_cand_keep(kept, len, cap, &n, &dropped);
	}
	KUNIT_EXPECT_EQ(test, len, cap);
	KUNIT_EXPECT_EQ(test, dropped, total - cap);
	mms_oom_rank(all, total);
	mms_oom_rank(kept, len);
	for (i = 0; i < cap; i++)
		KUNIT_EXPECT_EQ_MSG(test, kept[i].pid, all[i].pid, "rank %u", i + 1);
}

static struct mms_oom_retry_ev mms_oom_test_ev(int zone, int order, int loops,
					       bool pass)
{
	struct mms_oom_retry_ev e = { .zone = zone, .order = order,
				      .no_progress_loops = loops,
				      .wmark_check = pass };

	return e;
}

static void mms_oom_test_retry_round(struct kunit *test)
{
	/*
	 * Zonelist Normal(2), DMA32(1), DMA(0).  Round at loops 3 fails all
	 * three zones; round at loops 4 passes DMA32 and stops there.
	 */
	struct mms_oom_retry_ev ev[] = {
		mms_oom_test_ev(2, 0, 3, false),
		mms_oom_test_ev(1, 0, 3, false),
		mms_oom_test_ev(0, 0, 3, false),
		mms_oom_test_ev(2, 0, 4, false),
		mms_oom_test_ev(1, 0, 4, true),
	};
	/* Rounds with progress all report no_progress_loops 0. */
	struct mms_oom_retry_ev same[] = {
		mms_oom_test_ev(1, 0, 0, true),
		mms_oom_test_ev(2, 0, 0, false),
		mms_oom_test_ev(1, 0, 0, true),
	};
	struct mms_oom_retry_ev orders[] = {
		mms_oom_test_ev(0, 3, 1, false),
		mms_oom_test_ev(1, 0, 1, false),
	};

	KUNIT_EXPECT_EQ(test, mms_oom_retry_last_round(ev, ARRAY_SIZE(ev)), 2U);
	KUNIT_EXPECT_EQ(test, mms_oom_retry_last_round(ev, 3), 3U);
	KUNIT_EXPECT_EQ(test, mms_oom_retry_last_round(ev, 1), 1U);
	KUNIT_EXPECT_EQ(test, mms_oom_retry_last_round(ev, 0), 0U);
	KUNIT_EXPECT_EQ(test, mms_oom_retry_last_round(same, ARRAY_SIZE(same)),
			2U);
	KUNIT_EXPECT_EQ(test,
			mms_oom_retry_last_round(orders, ARRAY_SIZE(orders)),
			1U);
}

static void mms_oom_test_names(struct kunit *test)
{
	unsigned int i;

	KUNIT_EXPECT_STREQ(test, mms_oom_constraint_name(CONSTRAINT_NONE),
			   "none");
	KUNIT_EXPECT_STREQ(test, mms_oom_constraint_name(CONSTRAINT_MEMCG),
			   "memcg");
	KUNIT_EXPECT_STREQ(test, mms_oom_constraint_name(99), "unknown");
	/* Every state has a one-word name: the view's columns rely on it. */
	for (i = 0; i <= MMS_OOM_CAND_NR_STATES; i++) {
		const char *s = mms_oom_cand_state_name(i);

		KUNIT_ASSERT_NOT_NULL(test, s);
		KUNIT_EXPECT_GT(test, strlen(s), 0UL);
		KUNIT_EXPECT_NULL(test, strchr(s, ' '));
	}
}

static struct kunit_case mms_oom_test_cases[] = {
	KUNIT_CASE(mms_oom_test_badness_formula),
	KUNIT_CASE(mms_oom_test_adj_term_truncates),
	KUNIT_CASE(mms_oom_test_proc_score),
	KUNIT_CASE(mms_oom_test_rank_order),
	KUNIT_CASE(mms_oom_test_keep_top),
	KUNIT_CASE(mms_oom_test_keep_many),
	KUNIT_CASE(mms_oom_test_retry_round),
	KUNIT_CASE(mms_oom_test_names),
	{}
};

static struct kunit_suite mms_oom_test_suite = {
	.name = "mmscope_oom",
	.test_cases = mms_oom_test_cases,
};

kunit_test_suite(mms_oom_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's OOM records");
