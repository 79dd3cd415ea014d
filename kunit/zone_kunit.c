// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for mmscope's zone arithmetic (module/zones/zone_calc.c): the
 * kernel's watermark, fragmentation and compaction-score formulas, and the
 * watermark state machine's accounting.  Expected values are worked by
 * hand from the kernel's code, or taken from a guest (marked).
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "zones/zone_calc.h"

/*
 * Free blocks of a zone, orders 0..3:
 *
 *   order      0    1    2    3
 *   nr_free   10    5    0    2     free pages 10 + 10 + 0 + 16 = 36
 *                                   free blocks 17
 */
static const unsigned long mms_zone_test_free[] = { 10, 5, 0, 2 };

static void mms_zone_test_contig_info(struct kunit *test)
{
	struct mms_contig_info info;

	mms_contig_info(mms_zone_test_free, 4, 0, &info);
	KUNIT_EXPECT_EQ(test, info.free_pages, 36);
	KUNIT_EXPECT_EQ(test, info.free_blocks_total, 17);
	/* At order 0 every page is a suitable block. */
	KUNIT_EXPECT_EQ(test, info.free_blocks_suitable, 36);
	/* A block of order 3 holds two of order 2. */
	mms_contig_info(mms_zone_test_free, 4, 2, &info);
	KUNIT_EXPECT_EQ(test, info.free_blocks_suitable, 4);
	mms_contig_info(mms_zone_test_free, 4, 3, &info);
	KUNIT_EXPECT_EQ(test, info.free_blocks_suitable, 2);
}

static void mms_zone_test_frag_index(struct kunit *test)
{
	/* Only order 0 and 1: 8 + 4 * 2 = 16 pages in 12 blocks. */
	static const unsigned long frag[] = { 8, 4, 0, 0 };
	static const unsigned long none[] = { 0, 0, 0, 0 };
	struct mms_contig_info info;

	/* A suitable block exists: -1000, whatever the rest. */
	mms_contig_info(mms_zone_test_free, 4, 3, &info);
	KUNIT_EXPECT_EQ(test, mms_frag_index(3, &info), -1000);
	/* 1000 - (1000 + 16 * 1000 / 4) / 12 = 1000 - 416 = 584 */
	mms_contig_info(frag, 4, 2, &info);
	KUNIT_EXPECT_EQ(test, mms_frag_index(2, &info), 584);
	/* 1000 - (1000 + 16000 / 8) / 12 = 1000 - 250 = 750 */
	mms_contig_info(frag, 4, 3, &info);
	KUNIT_EXPECT_EQ(test, mms_frag_index(3, &info), 750);
	/* Nothing free at all: 0 (lack of memory), not fragmentation. */
	mms_contig_info(none, 4, 2, &info);
	KUNIT_EXPECT_EQ(test, mms_frag_index(2, &info), 0);
}

static void mms_zone_test_unusable_index(struct kunit *test)
{
	static const unsigned long none[] = { 0, 0, 0, 0 };
	struct mms_contig_info info;

	mms_contig_info(mms_zone_test_free, 4, 0, &info);
	KUNIT_EXPECT_EQ(test, mms_unusable_index(0, &info), 0);
	/* (36 - 4 * 4) * 1000 / 36 = 555 */
	mms_contig_info(mms_zone_test_free, 4, 2, &info);
	KUNIT_EXPECT_EQ(test, mms_unusable_index(2, &info), 555);
	/* extfrag_for_order: the same in percent, 2000 / 36 = 55 */
	KUNIT_EXPECT_EQ(test, mms_extfrag_for_order(2, &info), 55);
	/* (36 - 2 * 8) * 1000 / 36 = 555 again */
	mms_contig_info(mms_zone_test_free, 4, 3, &info);
	KUNIT_EXPECT_EQ(test, mms_unusable_index(3, &info), 555);
	/* Nothing free: the kernel calls all of it unusable, extfrag 0. */
	mms_contig_info(none, 4, 1, &info);
	KUNIT_EXPECT_EQ(test, mms_unusable_index(1, &info), 1000);
	KUNIT_EXPECT_EQ(test, mms_extfrag_for_order(1, &info), 0);
}

static void mms_zone_test_frag_score(struct kunit *test)
{
	/* 60000 * 55 / 64001 = 51.56: truncated, as div64_ul() does. */
	KUNIT_EXPECT_EQ(test, mms_frag_score_weighted(60000, 55, 64000), 51);
	/* A small zone barely counts: 4000 * 100 / 64001 = 6. */
	KUNIT_EXPECT_EQ(test, mms_frag_score_weighted(4000, 100, 64000), 6);
	KUNIT_EXPECT_EQ(test, mms_frag_score_weighted(0, 100, 0), 0);
	/* A node of one zone: at most 99, never 100, by the + 1. */
	KUNIT_EXPECT_EQ(test, mms_frag_score_weighted(65536, 100, 65536), 99);
}

/*
 * Watermarks of a 256 MiB x86_64 guest (debian-6.12-amd64): DMA 3976 and
 * DMA32 60024 managed pages, so 64000 lowmem pages.
 */
struct mms_wmark_case {
	const char *name;
	unsigned long mfk, lowmem, managed;
	unsigned int wsf;
	bool lowmem_zone;
	u64 share, gap, min, low, high, promo;
	bool scale_branch;
};

static const struct mms_wmark_case mms_wmark_cases[] = {
	/* 512 * 60024 / 64000 = 480; 480 / 4 = 120 > 60024 * 10 / 10000 = 60 */
	{ "dma32 min/4", 2048, 64000, 60024, 10, true,
	  480, 120, 480, 600, 720, 840, false },
	/* 60024 * 300 / 10000 = 1800 (mult_frac: 6 * 300 + 24 * 300 / 10000) */
	{ "dma32 scale factor", 2048, 64000, 60024, 300, true,
	  480, 1800, 480, 2280, 4080, 5880, true },
	/* 512 * 3976 / 64000 = 31; 31 / 4 = 7 > 3976 * 10 / 10000 = 3 */
	{ "dma min/4", 2048, 64000, 3976, 10, true,
	  31, 7, 31, 38, 45, 52, false },
	/* highmem or movable: min is managed / 1024 clamped to [32, 128] */
	{ "capped", 2048, 64000, 60024, 10, false,
	  480, 120, 58, 178, 298, 418, false },
	{ "capped floor", 2048, 64000, 1000, 10, false,
	  8, 2, 32, 34, 36, 38, false },
	/* A tie is the min/4 branch: 40000 * 100 / 10000 = 400 = 1600 / 4 */
	{ "tie", 6400, 40000, 40000, 100, true,
	  1600, 400, 1600, 2000, 2400, 2800, false },
};

static void mms_zone_test_wmark_decompose(struct kunit *test)
{
	struct mms_wmark_decomp d;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mms_wmark_cases); i++) {
		const struct mms_wmark_case *c = &mms_wmark_cases[i];

		mms_wmark_decompose(c->mfk, 12, c->lowmem, c->managed, c->wsf,
				    c->lowmem_zone, &d);
		KUNIT_EXPECT_EQ_MSG(test, d.share, c->share, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, d.gap, c->gap, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, d.min, c->min, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, d.low, c->low, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, d.high, c->high, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, d.promo, c->promo, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, d.scale_branch, c->scale_branch,
				    "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, d.capped, !c->lowmem_zone, "%s",
				    c->name);
		KUNIT_EXPECT_EQ_MSG(test, d.gap, max(d.quarter, d.scaled),
				    "%s", c->name);
	}
	/* 64 KiB pages: 2048 KiB is 32 pages. */
	mms_wmark_decompose(2048, 16, 100, 100, 10, true, &d);
	KUNIT_EXPECT_EQ(test, d.pages_min, 32);
}

/*
 *   free:  ... min | min+1 ... low | low+1 ... high | high+1 ...
 *   state: BELOW   |   MIN_LOW     |   LOW_HIGH     |  HIGH
 */
static void mms_zone_test_wstate_bounds(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mms_wmark_state_of(-5, 10, 20, 30), MMS_WS_MIN);
	KUNIT_EXPECT_EQ(test, mms_wmark_state_of(0, 10, 20, 30), MMS_WS_MIN);
	KUNIT_EXPECT_EQ(test, mms_wmark_state_of(10, 10, 20, 30), MMS_WS_MIN);
	KUNIT_EXPECT_EQ(test, mms_wmark_state_of(11, 10, 20, 30), MMS_WS_MIN_LOW);
	KUNIT_EXPECT_EQ(test, mms_wmark_state_of(20, 10, 20, 30), MMS_WS_MIN_LOW);
	KUNIT_EXPECT_EQ(test, mms_wmark_state_of(21, 10, 20, 30), MMS_WS_LOW_HIGH);
	KUNIT_EXPECT_EQ(test, mms_wmark_state_of(30, 10, 20, 30), MMS_WS_LOW_HIGH);
	KUNIT_EXPECT_EQ(test, mms_wmark_state_of(31, 10, 20, 30), MMS_WS_HIGH);
}

static void mms_zone_test_wstate_acct(struct kunit *test)
{
	u64 time[MMS_NR_WMARK_STATES], elapsed;
	struct mms_wmark_state_acct a;

	mms_wmark_state_start(&a, 100, MMS_WS_HIGH);
	KUNIT_EXPECT_FALSE(test, mms_wmark_state_update(&a, 120, MMS_WS_HIGH));
	KUNIT_EXPECT_TRUE(test, mms_wmark_state_update(&a, 150, MMS_WS_MIN_LOW));
	/* A clock read on another CPU, behind: no time, but the transition. */
	KUNIT_EXPECT_TRUE(test, mms_wmark_state_update(&a, 140, MMS_WS_MIN));
	mms_wmark_state_read(&a, 200, time, &elapsed);
	KUNIT_EXPECT_EQ(test, time[MMS_WS_HIGH], 50);
	KUNIT_EXPECT_EQ(test, time[MMS_WS_LOW_HIGH], 0);
	KUNIT_EXPECT_EQ(test, time[MMS_WS_MIN_LOW], 0);
	KUNIT_EXPECT_EQ(test, time[MMS_WS_MIN], 50);
	KUNIT_EXPECT_EQ(test, elapsed, 100);
	KUNIT_EXPECT_EQ(test, a.trans[MMS_WS_HIGH][MMS_WS_MIN_LOW], 1);
	KUNIT_EXPECT_EQ(test, a.trans[MMS_WS_MIN_LOW][MMS_WS_MIN], 1);
	/* A read behind the last update sees the time up to it. */
	mms_wmark_state_read(&a, 10, time, &elapsed);
	KUNIT_EXPECT_EQ(test, elapsed, 50);
}

/* Times add up to the elapsed time after any sequence of updates. */
static void mms_zone_test_wstate_sum(struct kunit *test)
{
	u64 time[MMS_NR_WMARK_STATES], elapsed, now = 1000, sum;
	struct mms_wmark_state_acct a;
	u32 x = 12345;
	unsigned int i, s;

	mms_wmark_state_start(&a, now, MMS_WS_HIGH);
	for (i = 0; i < 1000; i++) {
		x = x * 1103515245 + 12345;
		now += x >> 20;
		/* Sometimes behind, as another CPU's clock can be. */
		mms_wmark_state_update(&a, now - ((x & 7) ? 0 : (x >> 22)),
				       (x >> 8) % MMS_NR_WMARK_STATES);
		mms_wmark_state_read(&a, now + (x & 0xff), time, &elapsed);
		for (sum = 0, s = 0; s < MMS_NR_WMARK_STATES; s++)
			sum += time[s];
		KUNIT_ASSERT_EQ(test, sum, elapsed);
	}
}

static struct kunit_case mms_zone_test_cases[] = {
	KUNIT_CASE(mms_zone_test_contig_info),
	KUNIT_CASE(mms_zone_test_frag_index),
	KUNIT_CASE(mms_zone_test_unusable_index),
	KUNIT_CASE(mms_zone_test_frag_score),
	KUNIT_CASE(mms_zone_test_wmark_decompose),
	KUNIT_CASE(mms_zone_test_wstate_bounds),
	KUNIT_CASE(mms_zone_test_wstate_acct),
	KUNIT_CASE(mms_zone_test_wstate_sum),
	{}
};

static struct kunit_suite mms_zone_test_suite = {
	.name = "mmscope_zone",
	.test_cases = mms_zone_test_cases,
};

kunit_test_suite(mms_zone_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's zone arithmetic");
