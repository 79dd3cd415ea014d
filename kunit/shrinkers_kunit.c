// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for mmscope's per-shrinker table (module/core/shrinkers.c) and
 * the task table's classes (module/core/taskctx.c): a shrinker function gets
 * one row however many shrinkers share it, a full table counts what it
 * cannot hold, and a task's reclaim and shrinker slots are found apart.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/shrinker.h>
#include <linux/slab.h>

#include "core/counters.h"
#include "core/reclaim.h"
#include "core/shrinkers.h"
#include "core/taskctx.h"
#include "mms_kunit.h"

static unsigned long mms_shrinkers_test_scan_a(struct shrinker *s,
					       struct shrink_control *sc)
{
	return 0;
}

static unsigned long mms_shrinkers_test_scan_b(struct shrinker *s,
					       struct shrink_control *sc)
{
	return 0;
}

static unsigned long mms_shrinkers_test_counter(struct kunit *test,
						enum mms_counter c)
{
	return mms_test_counters(test)->v[c];
}

/* Two shrinkers of one function share its row; another function has its own. */
static void mms_shrinkers_test_rows(struct kunit *test)
{
	struct shrinker a1 = { .scan_objects = mms_shrinkers_test_scan_a };
	struct shrinker a2 = { .scan_objects = mms_shrinkers_test_scan_a };
	struct shrinker b = { .scan_objects = mms_shrinkers_test_scan_b };
	struct mms_shrinker_stat st;

	mms_shrinker_start(&a1, 100);
	mms_shrinker_end(&a1, 7, 20, 1000);
	mms_shrinker_start(&a2, 50);
	mms_shrinker_end(&a2, 3, 0, 500);
	mms_shrinker_start(&b, 9);
	/* Overscanned: total_scan went below zero, and wraps back on sum. */
	mms_shrinker_end(&b, 1, (unsigned long)-2L, 0);

	KUNIT_ASSERT_TRUE(test, mms_shrinker_stat_of(mms_shrinkers_test_scan_a, &st));
	KUNIT_EXPECT_EQ(test, st.calls, 2);
	KUNIT_EXPECT_EQ(test, st.to_scan, 150);
	KUNIT_EXPECT_EQ(test, st.to_scan - st.left, 130);
	KUNIT_EXPECT_EQ(test, st.freed, 10);
	KUNIT_EXPECT_EQ(test, st.ns, 1500);
	KUNIT_ASSERT_TRUE(test, mms_shrinker_stat_of(mms_shrinkers_test_scan_b, &st));
	KUNIT_EXPECT_EQ(test, st.calls, 1);
	KUNIT_EXPECT_EQ(test, st.to_scan - st.left, 11);
	KUNIT_EXPECT_EQ(test, mms_shrinkers_test_counter(test, MMS_SHRINKERS_LOST), 0);
}

/* Stand-ins for that many shrinker functions: rows are keyed by address. */
static char mms_shrinkers_test_fns[MMS_NR_SHRINKERS + 3];

/* Functions beyond the table are counted as lost, never misfiled. */
static void mms_shrinkers_test_full(struct kunit *test)
{
	char *base = mms_shrinkers_test_fns;
	struct mms_shrinker_stat st;
	struct shrinker s = {};
	int i;

	for (i = 0; i < MMS_NR_SHRINKERS + 3; i++) {
		s.scan_objects = (void *)(base + i);
		mms_shrinker_start(&s, 1);
	}
	KUNIT_EXPECT_EQ(test, mms_shrinkers_test_counter(test, MMS_SHRINKERS_LOST), 3);
	KUNIT_EXPECT_TRUE(test, mms_shrinker_stat_of(base + MMS_NR_SHRINKERS - 1, &st));
	KUNIT_EXPECT_EQ(test, st.calls, 1);
	KUNIT_EXPECT_FALSE(test, mms_shrinker_stat_of(base + MMS_NR_SHRINKERS, &st));
}

/* A task's reclaim slot and shrinker slot are found by class. */
static void mms_shrinkers_test_classes(struct kunit *test)
{
	struct mms_taskctx *r, *s;

	r = mms_taskctx_enter(MMS_CTX_RECLAIM, MMS_RC_MEMCG, 3);
	KUNIT_ASSERT_NOT_NULL(test, r);
	s = mms_taskctx_enter(MMS_CTX_SHRINKER, MMS_RC_DIRECT, 0);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_find(MMS_CTX_RECLAIM), r);
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_find(MMS_CTX_SHRINKER), s);
	KUNIT_EXPECT_EQ(test, r->nid, NUMA_NO_NODE);
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_MEMCG);
	mms_taskctx_exit(s);
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_SHRINKER));
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_find(MMS_CTX_RECLAIM), r);
	mms_taskctx_exit(r);
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));
}

static int mms_shrinkers_test_init(struct kunit *test)
{
	int ret = mms_counters_init();

	if (ret)
		return ret;
	ret = mms_shrinkers_init();
	if (ret)
		mms_counters_exit();
	return ret;
}

static void mms_shrinkers_test_exit(struct kunit *test)
{
	mms_shrinkers_exit();
	mms_counters_exit();
}

static struct kunit_case mms_shrinkers_test_cases[] = {
	KUNIT_CASE(mms_shrinkers_test_rows),
	KUNIT_CASE(mms_shrinkers_test_full),
	KUNIT_CASE(mms_shrinkers_test_classes),
	{}
};

static struct kunit_suite mms_shrinkers_test_suite = {
	.name = "mmscope_shrinkers",
	.init = mms_shrinkers_test_init,
	.exit = mms_shrinkers_test_exit,
	.test_cases = mms_shrinkers_test_cases,
};

kunit_test_suite(mms_shrinkers_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's per-shrinker table");
