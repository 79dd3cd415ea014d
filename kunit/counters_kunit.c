// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for mmscope's per-CPU counters (module/core/counters.c and the
 * mms_count*() helpers of module/core/counters.h): what every CPU counts, from
 * any context, is summed exactly, member by member, into one snapshot.
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "core/counters.h"
#include "core/reclaim.h"
#include "mms_kunit.h"

/* How many of the snapshot's values, in every member, are nonzero. */
static unsigned int mms_counters_test_nonzero(const struct mms_cpu_counters *s)
{
	const unsigned long *v = (const unsigned long *)s;
	unsigned int i, n = 0;

	for (i = 0; i < sizeof(*s) / sizeof(*v); i++)
		n += v[i] != 0;
	return n;
}

static void mms_counters_test_start_zeroed(struct kunit *test)
{
	struct mms_cpu_counters *s = mms_test_counters(test);

	KUNIT_EXPECT_EQ(test, mms_counters_test_nonzero(s), 0);
}

static void mms_counters_test_count_here(struct kunit *test)
{
	struct mms_cpu_counters *s;
	struct mms_reclaim_node *rt;
	int i;

	for (i = 0; i < 1000; i++)
		mms_count(MMS_DIRECT_RECLAIM);
	mms_count_add(MMS_DIRECT_RECLAIMED, 123456);
	mms_count_add(MMS_DIRECT_RECLAIMED, 0);
	mms_reclaim_add(MMS_RC_MEMCG, 0, 0, MMS_RF_SCANNED, 7);
	/* Any nonzero file is the file LRU (lru_gen passes an LRU index). */
	mms_reclaim_add(MMS_RC_MEMCG, 0, 2, MMS_RF_SCANNED, 11);
	/* A node this machine cannot have is filed as unknown, not lost. */
	mms_reclaim_add(MMS_RC_MEMCG, NUMA_NO_NODE, 1, MMS_RF_SCANNED, 13);
	s = mms_test_counters(test);
	rt = mms_test_reclaim(test);

	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_RECLAIM], 1000);
	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_RECLAIMED], 123456);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_MEMCG][0][MMS_RF_SCANNED], 7);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_MEMCG][1][MMS_RF_SCANNED], 24);
	KUNIT_EXPECT_EQ(test, mms_counters_test_nonzero(s), 2);
}

/*
 * Every possible CPU's copy counts, offline ones included: values put
 * straight into each copy, in every member, are summed member by member.
 * CPU n adds n + 1 to the first and last element of every array.
 */
static void mms_counters_test_sum_every_cpu(struct kunit *test)
{
	unsigned long want = 0, nr = 0;
	struct mms_cpu_counters *s;
	struct mms_reclaim_node *rt;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct mms_cpu_counters *c = per_cpu_ptr(mms_pcpu_counters, cpu);
		struct mms_reclaim_node *r = per_cpu_ptr(mms_pcpu_reclaim, cpu);

		c->v[0] += cpu + 1;
		c->v[MMS_NR_COUNTERS - 1] += cpu + 1;

		/* The first node's first value and the unknown row's last. */
		r[0].v[0][0][0] += cpu + 1;
		r[mms_reclaim_rows() - 1].v[MMS_NR_RECLAIMERS - 1]
			[MMS_NR_LRU_TYPES - 1][MMS_NR_RF - 1] += cpu + 1;
		c->wakeup_kswapd[0][0] += cpu + 1;
		c->wakeup_kswapd[MAX_NR_ZONES - 1][MMS_NR_ORDERS - 1] += cpu + 1;
		c->throttled[0] += cpu + 1;
		c->throttled[NR_VMSCAN_THROTTLE - 1] += cpu + 1;
		c->throttled_usecs[0] += cpu + 1;
		c->throttled_usecs[NR_VMSCAN_THROTTLE - 1] += cpu + 1;
		want += cpu + 1;
		nr++;
	}
	s = mms_test_counters(test);
	rt = mms_test_reclaim(test);

	KUNIT_EXPECT_EQ(test, nr, num_possible_cpus());
	KUNIT_EXPECT_EQ(test, s->v[0], want);
	KUNIT_EXPECT_EQ(test, s->v[MMS_NR_COUNTERS - 1], want);
	KUNIT_EXPECT_EQ(test, rt->v[0][0][0], want);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_NR_RECLAIMERS - 1]
				     [MMS_NR_LRU_TYPES - 1][MMS_NR_RF - 1], want);
	KUNIT_EXPECT_EQ(test, s->wakeup_kswapd[0][0], want);
	KUNIT_EXPECT_EQ(test, s->wakeup_kswapd[MAX_NR_ZONES - 1]
					    [MMS_NR_ORDERS - 1], want);
	KUNIT_EXPECT_EQ(test, s->throttled[0], want);
	KUNIT_EXPECT_EQ(test, s->throttled[NR_VMSCAN_THROTTLE - 1], want);
	KUNIT_EXPECT_EQ(test, s->throttled_usecs[0], want);
	KUNIT_EXPECT_EQ(test, s->throttled_usecs[NR_VMSCAN_THROTTLE - 1], want);
	/* Nothing else moved: the members do not overlap. */
	KUNIT_EXPECT_EQ(test, mms_counters_test_nonzero(s), 8);
}

/* Interrupt context on each CPU, as a probe in an interrupt would be. */
static void mms_counters_test_ipi(void *unused)
{
	mms_count(MMS_WAKEUP_KSWAPD);
	mms_count_add(MMS_SLAB_SCANNED, smp_processor_id() + 1);
}

static void mms_counters_test_count_on_each_cpu(struct kunit *test)
{
	unsigned long want = 0, nr = 0;
	struct mms_cpu_counters *s;
	int cpu;

	cpus_read_lock();
	on_each_cpu(mms_counters_test_ipi, NULL, 1);
	for_each_online_cpu(cpu) {
		want += cpu + 1;
		nr++;
	}
	cpus_read_unlock();
	s = mms_test_counters(test);

	KUNIT_EXPECT_EQ(test, s->v[MMS_WAKEUP_KSWAPD], nr);
	KUNIT_EXPECT_EQ(test, s->v[MMS_SLAB_SCANNED], want);
	for_each_possible_cpu(cpu) {
		const struct mms_cpu_counters *c =
			per_cpu_ptr(mms_pcpu_counters, cpu);

		KUNIT_EXPECT_EQ_MSG(test, c->v[MMS_WAKEUP_KSWAPD],
				    cpu_online(cpu) ? 1UL : 0UL, "cpu %d", cpu);
	}
}

/* A snapshot is a sum, not a move: two in a row agree. */
static void mms_counters_test_snapshot_idempotent(struct kunit *test)
{
	struct mms_cpu_counters *a, *b;

	mms_count(MMS_KSWAPD_WAKE);
	mms_reclaim_add(MMS_RC_KSWAPD, 0, 1, MMS_RF_RECLAIMED, 32);
	a = mms_test_counters(test);
	b = mms_test_counters(test);

	KUNIT_EXPECT_EQ(test, memcmp(a, b, sizeof(*a)), 0);
	KUNIT_EXPECT_EQ(test, b->v[MMS_KSWAPD_WAKE], 1);
}

/* Every counter is named, once, as /proc/vmstat names its own. */
static void mms_counters_test_names(struct kunit *test)
{
	unsigned int i, j;
	const char *n;

	for (i = 0; i < MMS_NR_COUNTERS; i++) {
		n = mms_counter_names[i];
		if (i >= MMS_ALLOCSTALL_FIRST && i <= MMS_ALLOCSTALL_LAST) {
			/* Zones this kernel has no config for are unnamed. */
			if (n)
				KUNIT_EXPECT_TRUE_MSG(test,
						      str_has_prefix(n, "allocstall_"),
						      "counter %u: %s", i, n);
			continue;
		}
		KUNIT_EXPECT_NOT_NULL_MSG(test, n, "counter %u has no name", i);
		if (!n)
			continue;
		KUNIT_EXPECT_GT(test, strlen(n), 0);
		KUNIT_EXPECT_EQ_MSG(test, strcspn(n, " \t\n"), strlen(n),
				    "'%s' has a blank", n);
		for (j = 0; j < i; j++)
			if (mms_counter_names[j])
				KUNIT_EXPECT_STRNEQ(test, n, mms_counter_names[j]);
	}
	KUNIT_EXPECT_STREQ(test, mms_counter_names[MMS_ALLOCSTALL_FIRST + ZONE_NORMAL],
			   "allocstall_normal");
	KUNIT_EXPECT_STREQ(test, mms_counter_names[MMS_ALLOCSTALL_FIRST + ZONE_MOVABLE],
			   "allocstall_movable");
#ifdef CONFIG_ZONE_DMA32
	KUNIT_EXPECT_STREQ(test, mms_counter_names[MMS_ALLOCSTALL_FIRST + ZONE_DMA32],
			   "allocstall_dma32");
#endif
}

static struct kunit_case mms_counters_test_cases[] = {
	KUNIT_CASE(mms_counters_test_start_zeroed),
	KUNIT_CASE(mms_counters_test_count_here),
	KUNIT_CASE(mms_counters_test_sum_every_cpu),
	KUNIT_CASE(mms_counters_test_count_on_each_cpu),
	KUNIT_CASE(mms_counters_test_snapshot_idempotent),
	KUNIT_CASE(mms_counters_test_names),
	{}
};

static struct kunit_suite mms_counters_test_suite = {
	.name = "mmscope_counters",
	.init = mms_test_counters_init,
	.exit = mms_test_counters_exit,
	.test_cases = mms_counters_test_cases,
};

kunit_test_suite(mms_counters_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's per-CPU counters");
