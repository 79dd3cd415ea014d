// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for mmscope's vmscan probes (module/probes_vmscan.c), driven
 * with synthetic arguments: each handler is called the way the kernel
 * would call it, found in mms_vmscan_group by the name of the event it is
 * attached to, so the table's binding is tested too.  Nothing is attached
 * to the kernel; the suite owns the counters and histograms it reads.
 *
 * The handler types below are checked against the kernel's own TP_PROTO
 * (check_trace_callback_type_<event>()), as the handlers themselves are.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <trace/events/vmscan.h>

#include "core/duration.h"
#include "core/hist.h"
#include "generated/conftest.h"
#include "mms_kunit.h"
#include "core/counters.h"
#include "core/reclaim.h"
#include "core/taskctx.h"
#include "core/hist_table.h"
#include "probes/probe.h"

typedef void (*mms_test_order_gfp_t)(void *data, int order, gfp_t gfp);
typedef void (*mms_test_nr_t)(void *data, unsigned long nr_reclaimed);
typedef void (*mms_test_node_begin_t)(void *data, int nid, int order,
				      gfp_t gfp);
typedef void (*mms_test_wakeup_t)(void *data, int nid, int zid, int order,
				  gfp_t gfp);
typedef void (*mms_test_kswapd_wake_t)(void *data, int nid, int zid,
				       int order);
typedef void (*mms_test_kswapd_sleep_t)(void *data, int nid);
typedef void (*mms_test_shrink_inactive_t)(void *data, int nid,
					   unsigned long nr_scanned,
					   unsigned long nr_reclaimed,
					   struct reclaim_stat *stat,
					   int priority, int file);
typedef void (*mms_test_shrink_active_t)(void *data, int nid,
					 unsigned long nr_taken,
					 unsigned long nr_active,
					 unsigned long nr_deactivated,
					 unsigned long nr_referenced,
					 int priority, int file);
typedef void (*mms_test_write_folio_t)(void *data, struct folio *folio);
typedef void (*mms_test_slab_start_t)(void *data, struct shrinker *shr,
				      struct shrink_control *sc,
				      long nr_objects_to_shrink,
				      unsigned long cache_items,
				      unsigned long long delta,
				      unsigned long total_scan, int priority);
typedef void (*mms_test_slab_end_t)(void *data, struct shrinker *shr,
				    int nid, int shrinker_retval,
				    long unused_scan_cnt, long new_scan_cnt,
				    long total_scan);
typedef void (*mms_test_throttled_t)(void *data, int nid, int usec_timeout,
				     int usec_delayed, int reason);
#if defined(MMS_HAVE_TP_LRU_ISOLATE_MODE)
typedef void (*mms_test_isolate_t)(void *data, int highest_zoneidx,
				   int order, unsigned long nr_requested,
				   unsigned long nr_scanned,
				   unsigned long nr_skipped,
				   unsigned long nr_taken,
				   isolate_mode_t isolate_mode, int lru);
#define MMS_TEST_ISOLATE(f, req, scanned, skipped, taken, lru)		\
	MMS_TEST_CALL(f, ZONE_NORMAL, 0, req, scanned, skipped, taken, 0, lru)
#elif defined(MMS_HAVE_TP_LRU_ISOLATE_NOMODE)
typedef void (*mms_test_isolate_t)(void *data, int highest_zoneidx,
				   int order, unsigned long nr_requested,
				   unsigned long nr_scanned,
				   unsigned long nr_skipped,
				   unsigned long nr_taken, int lru);
#define MMS_TEST_ISOLATE(f, req, scanned, skipped, taken, lru)		\
	MMS_TEST_CALL(f, ZONE_NORMAL, 0, req, scanned, skipped, taken, lru)
#endif

/* The handler of tracepoint @name of the vmscan group, as type @type. */
#define MMS_VMSCAN_TP(test, name, type)					\
	MMS_TEST_TP(test, &mms_vmscan_group, name, type)

KUNIT_DEFINE_ACTION_WRAPPER(mms_vmscan_test_release, mms_taskctx_exit,
			    struct mms_taskctx *);

/*
 * current's slot in the task table, freed at the end of the test if a
 * failed assertion left it claimed: the table outlives the test.
 */
static struct mms_taskctx *mms_vmscan_test_slot(struct kunit *test)
{
	struct mms_taskctx *c = mms_taskctx_find(MMS_CTX_RECLAIM);
	int ret;

	if (c) {
		ret = kunit_add_action_or_reset(test, mms_vmscan_test_release, c);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	return c;
}

/* Every event of the group has a handler, or says why not; once each. */
static void mms_vmscan_test_table(struct kunit *test)
{
	const struct mms_probe_group *g = &mms_vmscan_group;
	unsigned int i, j;

	KUNIT_EXPECT_STREQ(test, g->system, "vmscan");
	KUNIT_EXPECT_GE(test, g->nr_tps, 18);
	for (i = 0; i < g->nr_tps; i++) {
		KUNIT_EXPECT_NOT_NULL(test, g->tps[i].name);
		KUNIT_EXPECT_TRUE_MSG(test, g->tps[i].func || g->tps[i].reason,
				      "%s: no handler and no reason",
				      g->tps[i].name);
		KUNIT_EXPECT_EQ(test, g->tps[i].state, MMS_PROBE_MISSING);
		KUNIT_EXPECT_NULL(test, g->tps[i].tp);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, g->tps[i].name, g->tps[j].name);
	}
	for (i = 0; i < g->nr_kps; i++)
		KUNIT_EXPECT_NOT_NULL(test, g->kps[i].handler);
	/* The suite tests the lot: this kernel must know every prototype. */
	KUNIT_EXPECT_NOT_NULL(test, mms_test_tp(test, &mms_vmscan_group, "mm_vmscan_lru_isolate"));
}

/*
 * One path per event: across every group of the registry, no tracepoint
 * and no probed function has two entries (each is routed through one
 * handler, which calls whatever else follows the event).
 */
static void mms_probes_test_once_each(struct kunit *test)
{
	const char *names[128];
	unsigned int n = 0, g, i, j;

	for (g = 0; g < mms_nr_probe_groups; g++) {
		const struct mms_probe_group *grp = mms_probe_groups[g];

		for (i = 0; i < grp->nr_tps && n < ARRAY_SIZE(names); i++)
			names[n++] = grp->tps[i].name;
		for (i = 0; i < grp->nr_kps && n < ARRAY_SIZE(names); i++)
			names[n++] = grp->kps[i].symbol;
		for (i = 0; i < grp->nr_krps && n < ARRAY_SIZE(names); i++)
			names[n++] = grp->krps[i].symbol;
	}
	KUNIT_ASSERT_LT(test, n, ARRAY_SIZE(names));
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, names[i], names[j]);
}

/*
 * Direct reclaim: begin takes a slot as the reclaimer current is, end
 * counts and times it and frees the slot; an end that reclaimed nothing
 * counts as none.
 */
static void mms_vmscan_test_direct_reclaim(struct kunit *test)
{
	mms_test_order_gfp_t begin = MMS_VMSCAN_TP(test, mm_vmscan_direct_reclaim_begin,
						 mms_test_order_gfp_t);
	mms_test_nr_t end = MMS_VMSCAN_TP(test, mm_vmscan_direct_reclaim_end,
					mms_test_nr_t);
	struct mms_cpu_counters *s;
	struct mms_taskctx *c;
	struct mms_hist_snap *h;
	u64 t0, t1;

	t0 = mms_dur_now();
	MMS_TEST_CALL(begin, 3, GFP_KERNEL);
	c = mms_vmscan_test_slot(test);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->kind, MMS_RC_DIRECT);
	KUNIT_EXPECT_EQ(test, c->order, 3);
	MMS_TEST_CALL(end, 0);
	t1 = mms_dur_now();
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));

	MMS_TEST_CALL(begin, 0, GFP_KERNEL);
	mms_vmscan_test_slot(test);
	MMS_TEST_CALL(end, 32);

	s = mms_test_counters(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_RECLAIM], 2);
	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_RECLAIM_END], 2);
	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_RECLAIM_NONE], 1);
	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_RECLAIMED], 32);
	KUNIT_EXPECT_EQ(test, s->v[MMS_TASKCTX_LOST], 0);
	h = mms_test_hist(test, MMS_H_DIRECT_RECLAIM);
	KUNIT_EXPECT_EQ(test, h->count, 2);
	KUNIT_EXPECT_LE(test, h->max, t1 - t0);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_MEMCG_RECLAIM)->count, 0);

	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_UNTIMED], 0);

	/* An end with no begin seen (loaded mid-reclaim): counted, not timed. */
	MMS_TEST_CALL(end, 5);
	s = mms_test_counters(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_UNTIMED], 1);
	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_RECLAIM_END], 3);
	KUNIT_EXPECT_EQ(test, s->v[MMS_DIRECT_RECLAIMED], 37);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_DIRECT_RECLAIM)->count, 2);
}

/*
 * The LRU events between begin and end are filed under the reclaimer that
 * began: here memcg reclaim, then kswapd's soft-limit reclaim (memcg, not
 * kswapd, as the kernel files it), then kswapd itself.
 */
static void mms_vmscan_test_memcg_reclaim(struct kunit *test)
{
#ifdef CONFIG_MEMCG
	mms_test_order_gfp_t begin = MMS_VMSCAN_TP(test, mm_vmscan_memcg_reclaim_begin,
						 mms_test_order_gfp_t);
	mms_test_nr_t end = MMS_VMSCAN_TP(test, mm_vmscan_memcg_reclaim_end,
					mms_test_nr_t);
	mms_test_order_gfp_t sbegin =
		MMS_VMSCAN_TP(test, mm_vmscan_memcg_softlimit_reclaim_begin,
			      mms_test_order_gfp_t);
	mms_test_nr_t send = MMS_VMSCAN_TP(test, mm_vmscan_memcg_softlimit_reclaim_end,
					 mms_test_nr_t);
	mms_test_isolate_t isolate = MMS_VMSCAN_TP(test, mm_vmscan_lru_isolate,
						 mms_test_isolate_t);
	unsigned int flags = current->flags;
	struct mms_cpu_counters *s;
	struct mms_reclaim_node *rt;
	struct mms_taskctx *c;

	MMS_TEST_CALL(begin, 0, GFP_KERNEL);
	c = mms_vmscan_test_slot(test);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->kind, MMS_RC_MEMCG);
	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 40, 0, 30, LRU_INACTIVE_FILE);
	MMS_TEST_CALL(end, 7);

	current->flags |= PF_KSWAPD;
	MMS_TEST_CALL(sbegin, 0, GFP_KERNEL);
	mms_vmscan_test_slot(test);
	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 5, 0, 5, LRU_INACTIVE_ANON);
	MMS_TEST_CALL(send, 3);
	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 9, 0, 8, LRU_INACTIVE_ANON);
	current->flags = flags;

	s = mms_test_counters(test);
	rt = mms_test_reclaim(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_MEMCG_RECLAIM], 1);
	KUNIT_EXPECT_EQ(test, s->v[MMS_MEMCG_RECLAIM_END], 1);
	KUNIT_EXPECT_EQ(test, s->v[MMS_MEMCG_SOFTLIMIT], 1);
	KUNIT_EXPECT_EQ(test, s->v[MMS_MEMCG_SOFTLIMIT_END], 1);
	/* Soft-limit reclaim's pages are not memcg_reclaimed's. */
	KUNIT_EXPECT_EQ(test, s->v[MMS_MEMCG_RECLAIMED], 7);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_MEMCG][1][MMS_RF_SCANNED], 40);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_MEMCG][1][MMS_RF_TAKEN], 30);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_MEMCG][0][MMS_RF_SCANNED], 5);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_KSWAPD][0][MMS_RF_SCANNED], 9);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_DIRECT][0][MMS_RF_SCANNED], 0);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_MEMCG_RECLAIM)->count, 2);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_DIRECT_RECLAIM)->count, 0);
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));
#else
	kunit_skip(test, "kernel built without CONFIG_MEMCG");
#endif
}

/*
 * Cgroup v1 soft-limit reclaim inside direct reclaim (shrink_zones()):
 * the LRU events between its begin and end are memcg's, its end closes
 * its own slot and times it as memcg reclaim, and the direct reclaim
 * goes on under its own slot, until its end times it as direct.
 */
static void mms_vmscan_test_softlimit_in_direct(struct kunit *test)
{
#ifdef CONFIG_MEMCG
	mms_test_order_gfp_t dbegin = MMS_VMSCAN_TP(test, mm_vmscan_direct_reclaim_begin,
						  mms_test_order_gfp_t);
	mms_test_nr_t dend = MMS_VMSCAN_TP(test, mm_vmscan_direct_reclaim_end,
					 mms_test_nr_t);
	mms_test_order_gfp_t sbegin =
		MMS_VMSCAN_TP(test, mm_vmscan_memcg_softlimit_reclaim_begin,
			      mms_test_order_gfp_t);
	mms_test_nr_t send = MMS_VMSCAN_TP(test, mm_vmscan_memcg_softlimit_reclaim_end,
					 mms_test_nr_t);
	mms_test_isolate_t isolate = MMS_VMSCAN_TP(test, mm_vmscan_lru_isolate,
						 mms_test_isolate_t);
	struct mms_reclaim_node *rt;
	struct mms_taskctx *c, *n;

	MMS_TEST_CALL(dbegin, 2, GFP_KERNEL);
	c = mms_vmscan_test_slot(test);
	KUNIT_ASSERT_NOT_NULL(test, c);
	MMS_TEST_CALL(sbegin, 0, GFP_KERNEL);
	n = mms_taskctx_find(MMS_CTX_NESTED);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_EXPECT_PTR_NE(test, n, c);
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_reclaim(), n);
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_MEMCG);
	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 6, 0, 6, LRU_INACTIVE_FILE);
	MMS_TEST_CALL(send, 4);
	/* The direct reclaim's slot is still open, and its own again. */
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_NESTED));
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_find(MMS_CTX_RECLAIM), c);
	KUNIT_EXPECT_EQ(test, c->kind, MMS_RC_DIRECT);
	KUNIT_EXPECT_EQ(test, c->order, 2);
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_DIRECT);
	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 11, 0, 10, LRU_INACTIVE_FILE);
	MMS_TEST_CALL(dend, 9);
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));

	rt = mms_test_reclaim(test);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_MEMCG][1][MMS_RF_SCANNED], 6);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_DIRECT][1][MMS_RF_SCANNED], 11);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_MEMCG_RECLAIM)->count, 1);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_DIRECT_RECLAIM)->count, 1);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_TASKCTX_LOST], 0);
#else
	kunit_skip(test, "kernel built without CONFIG_MEMCG");
#endif
}

static void mms_vmscan_test_node_reclaim(struct kunit *test)
{
	mms_test_node_begin_t begin = MMS_VMSCAN_TP(test, mm_vmscan_node_reclaim_begin,
						  mms_test_node_begin_t);
	mms_test_nr_t end = MMS_VMSCAN_TP(test, mm_vmscan_node_reclaim_end,
					mms_test_nr_t);
	mms_test_shrink_active_t active = MMS_VMSCAN_TP(test, mm_vmscan_lru_shrink_active,
						      mms_test_shrink_active_t);
	struct mms_cpu_counters *s;
	struct mms_reclaim_node *rt;
	struct mms_taskctx *c;

	MMS_TEST_CALL(begin, 0, 2, GFP_KERNEL);
	c = mms_vmscan_test_slot(test);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->kind, MMS_RC_NODE);
	KUNIT_EXPECT_EQ(test, c->order, 2);
	MMS_TEST_CALL(active, 0, 32, 20, 12, 6, DEF_PRIORITY, 1);
	MMS_TEST_CALL(end, 9);

	s = mms_test_counters(test);
	rt = mms_test_reclaim(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_NODE_RECLAIM], 1);
	KUNIT_EXPECT_EQ(test, s->v[MMS_NODE_RECLAIM_END], 1);
	KUNIT_EXPECT_EQ(test, s->v[MMS_NODE_RECLAIMED], 9);
	KUNIT_EXPECT_EQ(test, s->v[MMS_LRU_SHRINK_ACTIVE], 1);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_NODE][1][MMS_RF_DEACTIVATED], 12);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_NODE][1][MMS_RF_REFERENCED], 6);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_NODE_RECLAIM)->count, 1);
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));
}

/* wakeup_kswapd by zone and order; orders past the last share its slot. */
static void mms_vmscan_test_wakeup_kswapd(struct kunit *test)
{
	mms_test_wakeup_t wakeup = MMS_VMSCAN_TP(test, mm_vmscan_wakeup_kswapd,
					       mms_test_wakeup_t);
	struct mms_cpu_counters *s;
	unsigned long sum = 0;
	int z, o;

	MMS_TEST_CALL(wakeup, 0, ZONE_NORMAL, 0, GFP_KERNEL);
	MMS_TEST_CALL(wakeup, 0, ZONE_NORMAL, 3, GFP_KERNEL);
	MMS_TEST_CALL(wakeup, 0, ZONE_MOVABLE, MMS_NR_ORDERS - 1, GFP_KERNEL);
	MMS_TEST_CALL(wakeup, 0, ZONE_MOVABLE, MMS_NR_ORDERS + 4, GFP_KERNEL);
	/* Nonsense is counted in the total only. */
	MMS_TEST_CALL(wakeup, 0, -1, 0, GFP_KERNEL);
	MMS_TEST_CALL(wakeup, 0, MAX_NR_ZONES, 0, GFP_KERNEL);
	MMS_TEST_CALL(wakeup, 0, ZONE_NORMAL, -1, GFP_KERNEL);

	s = mms_test_counters(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_WAKEUP_KSWAPD], 7);
	KUNIT_EXPECT_EQ(test, s->wakeup_kswapd[ZONE_NORMAL][0], 1);
	KUNIT_EXPECT_EQ(test, s->wakeup_kswapd[ZONE_NORMAL][3], 1);
	KUNIT_EXPECT_EQ(test, s->wakeup_kswapd[ZONE_MOVABLE][MMS_NR_ORDERS - 1], 2);
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < MMS_NR_ORDERS; o++)
			sum += s->wakeup_kswapd[z][o];
	KUNIT_EXPECT_EQ(test, sum, 4);
}

/*
 * A kswapd run is timed from its first wake since it slept to its next
 * sleep: a wake while it runs does not restart the clock, a sleep with no
 * wake seen times nothing, and each node has its own run.
 */
static void mms_vmscan_test_kswapd_run(struct kunit *test)
{
	mms_test_kswapd_wake_t wake = MMS_VMSCAN_TP(test, mm_vmscan_kswapd_wake,
						  mms_test_kswapd_wake_t);
	mms_test_kswapd_sleep_t sleep = MMS_VMSCAN_TP(test, mm_vmscan_kswapd_sleep,
						    mms_test_kswapd_sleep_t);
	struct mms_cpu_counters *s;
	struct mms_hist_snap *h;
	u64 t0, t1, t2, t3;

	/* An earlier test's run, if any, ends untimed-for here. */
	MMS_TEST_CALL(sleep, 0);
	MMS_TEST_CALL(sleep, 1);
	mms_hist_free(&mms_hists[MMS_H_KSWAPD_RUN]);
	KUNIT_ASSERT_EQ(test, mms_hist_init(&mms_hists[MMS_H_KSWAPD_RUN], "test"), 0);

	/* Preemption off: nothing but the wait lies between the marks. */
	preempt_disable();
	t0 = mms_dur_now();
	MMS_TEST_CALL(wake, 0, ZONE_NORMAL, 0);
	t1 = mms_dur_now();
	while (mms_dur_now() - t1 < 100 * NSEC_PER_USEC)
		cpu_relax();
	MMS_TEST_CALL(wake, 0, ZONE_NORMAL, 2);
	t2 = mms_dur_now();
	MMS_TEST_CALL(sleep, 0);
	t3 = mms_dur_now();
	preempt_enable();
	h = mms_test_hist(test, MMS_H_KSWAPD_RUN);
	KUNIT_EXPECT_EQ(test, h->count, 1);
	/* From the first wake: not restarted by the second. */
	KUNIT_EXPECT_GE(test, h->max, t2 - t1);
	KUNIT_EXPECT_LE(test, h->max, t3 - t0);

	MMS_TEST_CALL(sleep, 0);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_KSWAPD_RUN)->count, 1);

	if (MAX_NUMNODES > 1) {
		MMS_TEST_CALL(wake, 1, ZONE_NORMAL, 0);
		MMS_TEST_CALL(wake, 0, ZONE_NORMAL, 0);
		MMS_TEST_CALL(sleep, 1);
		KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_KSWAPD_RUN)->count, 2);
		MMS_TEST_CALL(sleep, 0);
		KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_KSWAPD_RUN)->count, 3);
	}
	/* Nodes that cannot exist are counted, never indexed. */
	MMS_TEST_CALL(wake, -1, ZONE_NORMAL, 0);
	MMS_TEST_CALL(wake, MAX_NUMNODES, ZONE_NORMAL, 0);
	MMS_TEST_CALL(sleep, -1);
	MMS_TEST_CALL(sleep, MAX_NUMNODES);

	s = mms_test_counters(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_KSWAPD_WAKE], MAX_NUMNODES > 1 ? 6 : 4);
	KUNIT_EXPECT_EQ(test, s->v[MMS_KSWAPD_SLEEP], MAX_NUMNODES > 1 ? 8 : 6);
}

/*
 * Isolation: from an inactive list it is pgscan (nr_scanned), from an
 * active one pgrefill; the multi-gen LRU's (nr_requested MAX_LRU_BATCH)
 * counts what it took as scanned, as scan_folios() does.
 */
static void mms_vmscan_test_lru_isolate(struct kunit *test)
{
	mms_test_isolate_t isolate = MMS_VMSCAN_TP(test, mm_vmscan_lru_isolate,
						 mms_test_isolate_t);
	unsigned long (*r)[MMS_NR_RF];
	struct mms_cpu_counters *s;
	struct mms_reclaim_node *rt;

	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 40, 3, 30, LRU_INACTIVE_FILE);
	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 16, 0, 16, LRU_INACTIVE_ANON);
	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 64, 1, 50, LRU_ACTIVE_FILE);
	MMS_TEST_ISOLATE(isolate, SWAP_CLUSTER_MAX, 8, 0, 8, LRU_ACTIVE_ANON);

	s = mms_test_counters(test);
	rt = mms_test_reclaim(test);
	r = rt->v[MMS_RC_DIRECT];
	KUNIT_EXPECT_EQ(test, s->v[MMS_LRU_ISOLATE], 4);
	KUNIT_EXPECT_EQ(test, s->v[MMS_LRU_ISOLATE_LRU_GEN], 0);
	KUNIT_EXPECT_EQ(test, r[1][MMS_RF_SCANNED], 40);
	KUNIT_EXPECT_EQ(test, r[1][MMS_RF_TAKEN], 30);
	KUNIT_EXPECT_EQ(test, r[1][MMS_RF_SKIPPED], 3);
	KUNIT_EXPECT_EQ(test, r[0][MMS_RF_SCANNED], 16);
	KUNIT_EXPECT_EQ(test, r[0][MMS_RF_TAKEN], 16);
	KUNIT_EXPECT_EQ(test, r[1][MMS_RF_REFILL_SCANNED], 64);
	KUNIT_EXPECT_EQ(test, r[0][MMS_RF_REFILL_SCANNED], 8);

#ifdef MAX_LRU_BATCH
	MMS_TEST_ISOLATE(isolate, MAX_LRU_BATCH, 100, 0, 60, LRU_INACTIVE_FILE);
	s = mms_test_counters(test);
	rt = mms_test_reclaim(test);
	r = rt->v[MMS_RC_DIRECT];
	KUNIT_EXPECT_EQ(test, s->v[MMS_LRU_ISOLATE], 5);
	KUNIT_EXPECT_EQ(test, s->v[MMS_LRU_ISOLATE_LRU_GEN], 1);
	KUNIT_EXPECT_EQ(test, r[1][MMS_RF_SCANNED], 40 + 60);
	KUNIT_EXPECT_EQ(test, r[1][MMS_RF_TAKEN], 30 + 60);
#endif
}

/* shrink_folio_list()'s statistics, field by field; file as 0/1 or 0/2. */
static void mms_vmscan_test_shrink_inactive(struct kunit *test)
{
	mms_test_shrink_inactive_t inactive =
		MMS_VMSCAN_TP(test, mm_vmscan_lru_shrink_inactive,
			      mms_test_shrink_inactive_t);
	struct reclaim_stat stat = {
		.nr_dirty = 1, .nr_unqueued_dirty = 100, .nr_congested = 2,
		.nr_writeback = 3, .nr_immediate = 4, .nr_pageout = 100,
		.nr_activate = { 5, 6 }, .nr_ref_keep = 7, .nr_unmap_fail = 8,
	};
	unsigned long *f, *a;
	struct mms_cpu_counters *s;
	struct mms_reclaim_node *rt;

	MMS_TEST_CALL(inactive, 0, 32, 20, &stat, DEF_PRIORITY, 1);
	MMS_TEST_CALL(inactive, 0, 32, 10, &stat, DEF_PRIORITY, 2);
	MMS_TEST_CALL(inactive, 0, 32, 4, &stat, DEF_PRIORITY, 0);

	s = mms_test_counters(test);
	rt = mms_test_reclaim(test);
	f = rt->v[MMS_RC_DIRECT][1];
	a = rt->v[MMS_RC_DIRECT][0];
	KUNIT_EXPECT_EQ(test, s->v[MMS_LRU_SHRINK_INACTIVE], 3);
	KUNIT_EXPECT_EQ(test, f[MMS_RF_RECLAIMED], 30);
	KUNIT_EXPECT_EQ(test, f[MMS_RF_DIRTY], 2);
	KUNIT_EXPECT_EQ(test, f[MMS_RF_CONGESTED], 4);
	KUNIT_EXPECT_EQ(test, f[MMS_RF_WRITEBACK], 6);
	KUNIT_EXPECT_EQ(test, f[MMS_RF_IMMEDIATE], 8);
	KUNIT_EXPECT_EQ(test, f[MMS_RF_ACTIVATED], 22);
	KUNIT_EXPECT_EQ(test, f[MMS_RF_REF_KEEP], 14);
	KUNIT_EXPECT_EQ(test, f[MMS_RF_UNMAP_FAIL], 16);
	KUNIT_EXPECT_EQ(test, a[MMS_RF_RECLAIMED], 4);
	KUNIT_EXPECT_EQ(test, a[MMS_RF_ACTIVATED], 11);
	/* Scans are isolation's to count, never this event's. */
	KUNIT_EXPECT_EQ(test, f[MMS_RF_SCANNED] + a[MMS_RF_SCANNED], 0);
}

/* Pages written by reclaim, of the folio's size, anon if swap-backed. */
static void mms_vmscan_test_write_folio(struct kunit *test)
{
	mms_test_write_folio_t write = MMS_VMSCAN_TP(test, mm_vmscan_write_folio,
						   mms_test_write_folio_t);
	struct mms_cpu_counters *s;
	struct mms_reclaim_node *rt;
	struct folio *folio;

	folio = folio_alloc(GFP_KERNEL, 2);
	if (!folio)
		kunit_skip(test, "no order-2 folio");
	MMS_TEST_CALL(write, folio);
	folio_set_swapbacked(folio);
	MMS_TEST_CALL(write, folio);
	MMS_TEST_CALL(write, folio);
	folio_clear_swapbacked(folio);
	folio_put(folio);

	s = mms_test_counters(test);
	rt = mms_test_reclaim(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_WRITE_FOLIO], 3);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_DIRECT][1][MMS_RF_WRITTEN], 4);
	KUNIT_EXPECT_EQ(test, rt->v[MMS_RC_DIRECT][0][MMS_RF_WRITTEN], 8);
}

/* Objects shrinkers were asked to scan, and freed (never a negative). */
static void mms_vmscan_test_shrink_slab(struct kunit *test)
{
	mms_test_slab_start_t start = MMS_VMSCAN_TP(test, mm_shrink_slab_start,
						  mms_test_slab_start_t);
	mms_test_slab_end_t end = MMS_VMSCAN_TP(test, mm_shrink_slab_end,
					      mms_test_slab_end_t);
	struct mms_cpu_counters *s;

	MMS_TEST_CALL(start, NULL, NULL, 1000, 5000, 100, 128, DEF_PRIORITY);
	MMS_TEST_CALL(end, NULL, 0, 100, 0, 0, 128);
	MMS_TEST_CALL(start, NULL, NULL, 10, 50, 1, 0, DEF_PRIORITY);
	MMS_TEST_CALL(end, NULL, 0, -1, 0, 0, 0);	/* SHRINK_STOP, as an int */
	MMS_TEST_CALL(end, NULL, 0, 0, 0, 0, 0);

	s = mms_test_counters(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_SHRINK_SLAB], 2);
	KUNIT_EXPECT_EQ(test, s->v[MMS_SHRINK_SLAB_END], 3);
	KUNIT_EXPECT_EQ(test, s->v[MMS_SLAB_SCANNED], 128);
	KUNIT_EXPECT_EQ(test, s->v[MMS_SLAB_FREED], 100);
}

/* Throttling by reason, and the time actually spent. */
static void mms_vmscan_test_throttled(struct kunit *test)
{
	mms_test_throttled_t throttled = MMS_VMSCAN_TP(test, mm_vmscan_throttled,
						     mms_test_throttled_t);
	struct mms_cpu_counters *s;

	MMS_TEST_CALL(throttled, 0, 100000, 2500, VMSCAN_THROTTLE_WRITEBACK);
	MMS_TEST_CALL(throttled, 0, 100000, 0, VMSCAN_THROTTLE_WRITEBACK);
	MMS_TEST_CALL(throttled, 0, 1000, 700, NR_VMSCAN_THROTTLE - 1);
	MMS_TEST_CALL(throttled, 0, 1000, 700, -1);
	MMS_TEST_CALL(throttled, 0, 1000, 700, NR_VMSCAN_THROTTLE);

	s = mms_test_counters(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_THROTTLED], 5);
	KUNIT_EXPECT_EQ(test, s->throttled[VMSCAN_THROTTLE_WRITEBACK], 2);
	KUNIT_EXPECT_EQ(test, s->throttled_usecs[VMSCAN_THROTTLE_WRITEBACK], 2500);
	KUNIT_EXPECT_EQ(test, s->throttled[NR_VMSCAN_THROTTLE - 1], 1);
	KUNIT_EXPECT_EQ(test, s->throttled_usecs[NR_VMSCAN_THROTTLE - 1], 700);
}

/* A kprobe's pt_regs, holding the probed function's first arguments. */
static bool mms_vmscan_test_regs(struct pt_regs *regs, unsigned long a0,
				 unsigned long a1, unsigned long a2)
{
	memset(regs, 0, sizeof(*regs));
#if defined(CONFIG_X86_64)
	regs->di = a0;
	regs->si = a1;
	regs->dx = a2;
#elif defined(CONFIG_ARM64)
	regs->regs[0] = a0;
	regs->regs[1] = a1;
	regs->regs[2] = a2;
#else
	return false;
#endif
	return regs_get_kernel_argument(regs, 0) == a0 &&
	       regs_get_kernel_argument(regs, 1) == a1 &&
	       regs_get_kernel_argument(regs, 2) == a2;
}

/* vmpressure_prio(gfp, memcg, prio): a global pass at DEF_PRIORITY. */
static void mms_vmscan_test_vmpressure_prio(struct kunit *test)
{
	struct mms_kp_probe *kp = mms_test_kp(test, &mms_vmscan_group, "vmpressure_prio");
	struct pt_regs *regs = kunit_kzalloc(test, sizeof(*regs), GFP_KERNEL);
	struct mms_cpu_counters *s;
	unsigned long stalls = 0;
	int i, ret;

	KUNIT_ASSERT_NOT_NULL(test, regs);
	if (!mms_vmscan_test_regs(regs, 0, 0, 0))
		kunit_skip(test, "no pt_regs layout for this arch here");

#define MMS_TEST_PRIO(gfp, memcg, prio)					\
	do {								\
		mms_vmscan_test_regs(regs, (__force unsigned long)(gfp),	\
				     (memcg), (prio));			\
		preempt_disable();					\
		ret = kp->handler(&kp->kp, regs);			\
		preempt_enable();					\
		KUNIT_EXPECT_EQ(test, ret, 0);				\
	} while (0)

	MMS_TEST_PRIO(GFP_KERNEL, 0, DEF_PRIORITY);
	MMS_TEST_PRIO(GFP_KERNEL, 0, DEF_PRIORITY);
	MMS_TEST_PRIO(GFP_HIGHUSER_MOVABLE, 0, DEF_PRIORITY);
#ifdef CONFIG_ZONE_DMA32
	MMS_TEST_PRIO(GFP_DMA32, 0, DEF_PRIORITY);
#endif
	/* memcg reclaim, and the lower priorities of a pass: not stalls. */
	MMS_TEST_PRIO(GFP_KERNEL, 0xffff888000001000UL, DEF_PRIORITY);
	MMS_TEST_PRIO(GFP_KERNEL, 0, DEF_PRIORITY - 1);
	MMS_TEST_PRIO(GFP_KERNEL, 0, 0);
#undef MMS_TEST_PRIO

	s = mms_test_counters(test);
	KUNIT_EXPECT_EQ(test, s->v[MMS_ALLOCSTALL_FIRST + ZONE_NORMAL], 2);
	KUNIT_EXPECT_EQ(test, s->v[MMS_ALLOCSTALL_FIRST + ZONE_MOVABLE], 1);
#ifdef CONFIG_ZONE_DMA32
	KUNIT_EXPECT_EQ(test, s->v[MMS_ALLOCSTALL_FIRST + ZONE_DMA32], 1);
#endif
	for (i = MMS_ALLOCSTALL_FIRST; i <= MMS_ALLOCSTALL_LAST; i++)
		stalls += s->v[i];
	KUNIT_EXPECT_EQ(test, stalls, IS_ENABLED(CONFIG_ZONE_DMA32) ? 4 : 3);
}

static void mms_vmscan_test_evict_folios(struct kunit *test)
{
	struct mms_kp_probe *kp = mms_test_kp(test, &mms_vmscan_group, "evict_folios");
	struct pt_regs *regs = MMS_TEST_REGS(test, 0);

	mms_test_kp_call(kp, regs);
	mms_test_kp_call(kp, regs);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_LRU_GEN_EVICT], 2);
}

static int mms_vmscan_test_init(struct kunit *test)
{
	return mms_test_state_init(MMS_TS_HISTS);
}

static void mms_vmscan_test_exit(struct kunit *test)
{
	mms_test_state_exit(MMS_TS_HISTS);
}

static struct kunit_case mms_vmscan_test_cases[] = {
	KUNIT_CASE(mms_vmscan_test_table),
	KUNIT_CASE(mms_probes_test_once_each),
	KUNIT_CASE(mms_vmscan_test_direct_reclaim),
	KUNIT_CASE(mms_vmscan_test_memcg_reclaim),
	KUNIT_CASE(mms_vmscan_test_softlimit_in_direct),
	KUNIT_CASE(mms_vmscan_test_node_reclaim),
	KUNIT_CASE(mms_vmscan_test_wakeup_kswapd),
	KUNIT_CASE(mms_vmscan_test_kswapd_run),
	KUNIT_CASE(mms_vmscan_test_lru_isolate),
	KUNIT_CASE(mms_vmscan_test_shrink_inactive),
	KUNIT_CASE(mms_vmscan_test_write_folio),
	KUNIT_CASE(mms_vmscan_test_shrink_slab),
	KUNIT_CASE(mms_vmscan_test_throttled),
	KUNIT_CASE(mms_vmscan_test_vmpressure_prio),
	KUNIT_CASE(mms_vmscan_test_evict_folios),
	{}
};

static struct kunit_suite mms_vmscan_test_suite = {
	.name = "mmscope_probes_vmscan",
	.init = mms_vmscan_test_init,
	.exit = mms_vmscan_test_exit,
	.test_cases = mms_vmscan_test_cases,
};

kunit_test_suite(mms_vmscan_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's vmscan probes");
