// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the pure logic of mmscope's compaction figures
 * (module/compaction/compact_calc.h and module/compaction/compact_calc.c): the keys counters
 * are filed under, the trigger of a run, and the names views show.  Built
 * with module/compaction/compact_calc.c linked in.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/pageblock-flags.h>
#include <linux/string.h>

#include "compaction/compact_calc.h"

/*
 *   order   -1   0   1 ... 9  10  11  1000
 *   slot     0   1   2 ... 10 11  11  11
 */

/* mms_cp_is_kcompactd() on a comm buffer as the kernel's: TASK_COMM_LEN. */
static bool mms_cp_test_kcd(const char *name, unsigned int flags)
{
	char comm[TASK_COMM_LEN] = {};

	strscpy(comm, name, sizeof(comm));
	return mms_cp_is_kcompactd(comm, flags);
}

static void mms_cp_test_order_idx(struct kunit *test)
{
	int o;

	KUNIT_EXPECT_EQ(test, mms_cp_order_idx(-1), 0);
	KUNIT_EXPECT_EQ(test, mms_cp_order_idx(-2), 0);
	for (o = 0; o < MMS_CP_NR_ORDERS - 1; o++)
		KUNIT_EXPECT_EQ(test, mms_cp_order_idx(o), o + 1);
	KUNIT_EXPECT_EQ(test, mms_cp_order_idx(MMS_CP_NR_ORDERS - 1),
			MMS_CP_NR_ORDERS - 1);
	KUNIT_EXPECT_EQ(test, mms_cp_order_idx(1000), MMS_CP_NR_ORDERS - 1);
	/* THP's order has a slot of its own. */
	KUNIT_EXPECT_LT(test, mms_cp_order_idx(9), MMS_CP_NR_ORDERS - 1);
	/*
	 * So has every order this kernel's buddy allocator has (0-10 with
	 * 4 KiB pages, 0-11 with 16 KiB): none is filed as another.
	 */
	KUNIT_EXPECT_GE(test, MMS_NR_PAGE_ORDERS, 11);
	for (o = 0; o < MMS_NR_PAGE_ORDERS; o++)
		KUNIT_EXPECT_EQ(test, (int)mms_cp_order_idx(o) - 1, o);
}

static void mms_cp_test_status_idx(struct kunit *test)
{
	int st;

	for (st = 0; st < MMS_CP_NR_STATUS; st++)
		KUNIT_EXPECT_EQ(test, mms_cp_status_idx(st), st);
	KUNIT_EXPECT_EQ(test, mms_cp_status_idx(-1), COMPACT_NOT_SUITABLE_ZONE);
	KUNIT_EXPECT_EQ(test, mms_cp_status_idx(MMS_CP_NR_STATUS),
			COMPACT_NOT_SUITABLE_ZONE);
}

/* Every status and trigger has a distinct name, as the kernel prints it. */
static void mms_cp_test_names(struct kunit *test)
{
	int i, j;

	for (i = 0; i < MMS_CP_NR_STATUS; i++) {
		KUNIT_ASSERT_NOT_NULL(test, mms_cp_status_names[i]);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, mms_cp_status_names[i],
					    mms_cp_status_names[j]);
	}
	KUNIT_EXPECT_STREQ(test, mms_cp_status_names[COMPACT_SUCCESS], "success");
	KUNIT_EXPECT_STREQ(test, mms_cp_status_names[COMPACT_SKIPPED], "skipped");
	KUNIT_EXPECT_STREQ(test, mms_cp_status_names[COMPACT_PARTIAL_SKIPPED],
			   "partial_skipped");
	for (i = 0; i < MMS_NR_CT; i++)
		KUNIT_ASSERT_NOT_NULL(test, mms_cp_trigger_names[i]);
}

static void mms_cp_test_run_end_idx(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mms_cp_run_end_idx(COMPACT_SUCCESS), MMS_CRE_SUCCESS);
	KUNIT_EXPECT_EQ(test, mms_cp_run_end_idx(COMPACT_COMPLETE),
			MMS_CRE_COMPLETE);
	KUNIT_EXPECT_EQ(test, mms_cp_run_end_idx(COMPACT_PARTIAL_SKIPPED),
			MMS_CRE_PARTIAL_SKIPPED);
	KUNIT_EXPECT_EQ(test, mms_cp_run_end_idx(COMPACT_CONTENDED),
			MMS_CRE_CONTENDED);
	KUNIT_EXPECT_EQ(test, mms_cp_run_end_idx(COMPACT_CONTINUE), MMS_CRE_OTHER);
	KUNIT_EXPECT_EQ(test, mms_cp_run_end_idx(-1), MMS_CRE_OTHER);
	KUNIT_EXPECT_EQ(test, mms_cp_run_end_idx(1000), MMS_CRE_OTHER);
}

static void mms_cp_test_is_kcompactd(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, mms_cp_test_kcd("kcompactd0", PF_KTHREAD));
	KUNIT_EXPECT_TRUE(test, mms_cp_test_kcd("kcompactd12", PF_KTHREAD));
	/* A user task may call itself anything. */
	KUNIT_EXPECT_FALSE(test, mms_cp_test_kcd("kcompactd0", 0));
	KUNIT_EXPECT_FALSE(test, mms_cp_test_kcd("kcompactd", PF_KTHREAD));
	KUNIT_EXPECT_FALSE(test, mms_cp_test_kcd("kcompactdx", PF_KTHREAD));
	KUNIT_EXPECT_FALSE(test, mms_cp_test_kcd("kswapd0", PF_KTHREAD));
	KUNIT_EXPECT_FALSE(test, mms_cp_test_kcd("", PF_KTHREAD));
}

/*
 *   capturing  kcompactd  woken   trigger
 *   yes        -          -       direct
 *   no         yes        yes     kcompactd
 *   no         yes        no      proactive
 *   no         no         -       manual
 */
static void mms_cp_test_classify(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mms_cp_classify(true, false, false), MMS_CT_DIRECT);
	KUNIT_EXPECT_EQ(test, mms_cp_classify(true, true, true), MMS_CT_DIRECT);
	KUNIT_EXPECT_EQ(test, mms_cp_classify(false, true, true),
			MMS_CT_KCOMPACTD);
	KUNIT_EXPECT_EQ(test, mms_cp_classify(false, true, false),
			MMS_CT_PROACTIVE);
	KUNIT_EXPECT_EQ(test, mms_cp_classify(false, false, false),
			MMS_CT_MANUAL);
	KUNIT_EXPECT_EQ(test, mms_cp_classify(false, false, true), MMS_CT_MANUAL);
}

static void mms_cp_test_daemon_counts(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, mms_cp_daemon_counts(MMS_CT_KCOMPACTD, false));
	KUNIT_EXPECT_TRUE(test, mms_cp_daemon_counts(MMS_CT_KCOMPACTD, true));
	KUNIT_EXPECT_FALSE(test, mms_cp_daemon_counts(MMS_CT_PROACTIVE, false));
	KUNIT_EXPECT_TRUE(test, mms_cp_daemon_counts(MMS_CT_PROACTIVE, true));
	KUNIT_EXPECT_FALSE(test, mms_cp_daemon_counts(MMS_CT_DIRECT, true));
	KUNIT_EXPECT_FALSE(test, mms_cp_daemon_counts(MMS_CT_MANUAL, true));
}

/*
 * x86_64 and arm64 with 4 KiB pages: 128 MiB sections (32768 pages),
 * order-9 pageblocks, 4 bits per block.
 *
 *   pfn      0    511  512  32767  32768  32768+512
 *   bit      0    0    4    252    0      4
 */
static void mms_cp_test_pageblock_bit(struct kunit *test)
{
	const unsigned long pps = 32768;

	KUNIT_EXPECT_EQ(test, mms_cp_pageblock_bit(0, pps, 9, 4), 0);
	KUNIT_EXPECT_EQ(test, mms_cp_pageblock_bit(511, pps, 9, 4), 0);
	KUNIT_EXPECT_EQ(test, mms_cp_pageblock_bit(512, pps, 9, 4), 4);
	KUNIT_EXPECT_EQ(test, mms_cp_pageblock_bit(32767, pps, 9, 4), 252);
	KUNIT_EXPECT_EQ(test, mms_cp_pageblock_bit(32768, pps, 9, 4), 0);
	KUNIT_EXPECT_EQ(test, mms_cp_pageblock_bit(32768 + 512, pps, 9, 4), 4);
	/* The running kernel's own layout: the second block's bits follow. */
	if (pageblock_nr_pages < PAGES_PER_SECTION)
		KUNIT_EXPECT_EQ(test,
				mms_cp_pageblock_bit(pageblock_nr_pages,
						     PAGES_PER_SECTION,
						     pageblock_order,
						     NR_PAGEBLOCK_BITS),
				NR_PAGEBLOCK_BITS);
}

static void mms_cp_test_migrate_failed(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mms_cp_migrate_failed(32, 32), 0);
	KUNIT_EXPECT_EQ(test, mms_cp_migrate_failed(32, 30), 2);
	KUNIT_EXPECT_EQ(test, mms_cp_migrate_failed(0, 0), 0);
	/* Never wraps around. */
	KUNIT_EXPECT_EQ(test, mms_cp_migrate_failed(3, 5), 0);
}

static struct kunit_case mms_cp_test_cases[] = {
	KUNIT_CASE(mms_cp_test_order_idx),
	KUNIT_CASE(mms_cp_test_status_idx),
	KUNIT_CASE(mms_cp_test_names),
	KUNIT_CASE(mms_cp_test_run_end_idx),
	KUNIT_CASE(mms_cp_test_is_kcompactd),
	KUNIT_CASE(mms_cp_test_classify),
	KUNIT_CASE(mms_cp_test_daemon_counts),
	KUNIT_CASE(mms_cp_test_pageblock_bit),
	KUNIT_CASE(mms_cp_test_migrate_failed),
	{}
};

static struct kunit_suite mms_cp_test_suite = {
	.name = "mmscope_compaction",
	.test_cases = mms_cp_test_cases,
};

kunit_test_suite(mms_cp_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's compaction keys");
