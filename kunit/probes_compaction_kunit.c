// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for mmscope's compaction probes (module/probes/compaction.c),
 * driven with synthetic arguments: each handler is found in
 * mms_compaction_group by the event or function it is attached to and
 * called as the kernel would call it, so the table's binding is tested
 * too.  Nothing is attached to the kernel; the suite owns the counters,
 * histograms and compaction matrices it reads.
 *
 * The zones and pfns are real (a page the test allocates): the handlers
 * find a run's zone from its pfn and a pageblock's migratetype from the
 * section's bitmap.  The compact_control the kernel passes is private to
 * mm/: the suite passes NULL, except to the layout case, which passes an
 * array of longs and tells the module where its two totals are.
 */
struct compact_control;
struct kmem_cache;
#include <trace/events/compaction.h>
#include <trace/events/kmem.h>
#include <trace/events/oom.h>

#include <kunit/test.h>
#include <linux/compaction.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>

#include "compaction/cc_layout.h"
#include "compaction/compact_stats.h"
#include "core/duration.h"
#include "core/counters.h"
#include "core/hist_table.h"
#include "generated/conftest.h"
#include "mms_kunit.h"
#include "oom/oom_record.h"
#include "probes/probe.h"

/* What the handlers write: compact_retry feeds the OOM layer too. */
#define MMS_CP_TEST_STATE	(MMS_TS_HISTS | MMS_TS_COMPACTION | MMS_TS_OOM)

#ifdef CONFIG_COMPACTION

typedef void (*mms_test_try_t)(void *data, int order, gfp_t gfp, int prio);
typedef void (*mms_test_begin_t)(void *data, struct compact_control *cc,
				 unsigned long zone_start,
				 unsigned long zone_end, bool sync);
typedef void (*mms_test_end_t)(void *data, struct compact_control *cc,
			       unsigned long zone_start,
			       unsigned long zone_end, bool sync, int status);
typedef void (*mms_test_isolate_t)(void *data, unsigned long start_pfn,
				   unsigned long end_pfn,
				   unsigned long nr_scanned,
				   unsigned long nr_taken);
typedef void (*mms_test_verdict_t)(void *data, struct zone *zone, int order,
				   int ret);
typedef void (*mms_test_defer_t)(void *data, struct zone *zone, int order);
typedef void (*mms_test_kcd_t)(void *data, int nid, int order,
			       enum zone_type highest_zoneidx);
typedef void (*mms_test_kcd_sleep_t)(void *data, int nid);
typedef void (*mms_test_extfrag_t)(void *data, struct page *page,
				   int alloc_order, int fallback_order,
				   int alloc_migratetype,
				   int fallback_migratetype);
typedef void (*mms_test_retry_t)(void *data, int order,
				 enum compact_priority priority,
				 enum compact_result result, int retries,
				 int max_retries, bool ret);

#if defined(MMS_HAVE_TP_COMPACTION_MIGRATEPAGES_NR)
typedef void (*mms_test_migrate_t)(void *data, unsigned int nr_migratepages,
				   unsigned int nr_succeeded);
/* A batch of @nr pages that moved @ok: the event says both. */
#define MMS_TEST_MIGRATE(f, nr, ok)	MMS_TEST_CALL(f, nr, ok)
#elif defined(MMS_HAVE_TP_COMPACTION_MIGRATEPAGES_CC)
typedef void (*mms_test_migrate_t)(void *data, struct compact_control *cc,
				   unsigned int nr_succeeded);
/* The batch size comes from the run's isolations, not from the event. */
#define MMS_TEST_MIGRATE(f, nr, ok)					\
	do {								\
		(void)(nr);						\
		MMS_TEST_CALL(f, NULL, ok);				\
	} while (0)
#endif

/* The handler of tracepoint @name of the compaction group, as @type. */
#define MMS_CP_TP(test, name, type)					\
	MMS_TEST_TP(test, &mms_compaction_group, name, type)

/* The compaction matrices summed now over every CPU. */
static struct mms_cp_sum *mms_cp_test_snap(struct kunit *test)
{
	struct mms_cp_sum *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	mms_cp_snapshot(s);
	return s;
}

KUNIT_DEFINE_ACTION_WRAPPER(mms_cp_test_free_page, __free_page,
			    struct page *);

/* A page of a real zone, freed at the end of the test. */
static struct page *mms_cp_test_page(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);

	int ret;

	KUNIT_ASSERT_NOT_NULL(test, page);
	ret = kunit_add_action_or_reset(test, mms_cp_test_free_page, page);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return page;
}

/* Every event of the group has a handler or says why not. */
static void mms_cp_probes_test_table(struct kunit *test)
{
	const struct mms_probe_group *g = &mms_compaction_group;
	unsigned int i;

	KUNIT_EXPECT_STREQ(test, g->system, "compaction");
	KUNIT_EXPECT_GE(test, g->nr_tps, 16);
	for (i = 0; i < g->nr_tps; i++) {
		KUNIT_EXPECT_TRUE_MSG(test, g->tps[i].func || g->tps[i].reason,
				      "%s: no handler and no reason",
				      g->tps[i].name);
		KUNIT_EXPECT_EQ(test, g->tps[i].state, MMS_PROBE_MISSING);
	}
	for (i = 0; i < g->nr_krps; i++) {
		KUNIT_EXPECT_NOT_NULL(test, g->krps[i].handler);
		KUNIT_EXPECT_GT(test, g->krps[i].data_size, 0);
	}
	/* oom:compact_retry is this group's, and only this group's. */
	KUNIT_EXPECT_NOT_NULL(test, mms_test_tp(test, g, "compact_retry"));
	for (i = 0; i < mms_oom_group.nr_tps; i++)
		KUNIT_EXPECT_STRNEQ(test, mms_oom_group.tps[i].name,
				    "compact_retry");
	KUNIT_EXPECT_NOT_NULL(test, mms_test_krp(test, &mms_compaction_group,
						 "try_to_compact_pages"));
	KUNIT_EXPECT_NOT_NULL(test, mms_test_kp(test, &mms_compaction_group,
						"proactive_compact_node"));
}

/* try_to_compact_pages: an attempt, by order. */
static void mms_cp_probes_test_try(struct kunit *test)
{
	mms_test_try_t f = MMS_CP_TP(test, mm_compaction_try_to_compact_pages,
				     mms_test_try_t);
	struct mms_cp_sum *s;

	MMS_TEST_CALL(f, 3, GFP_KERNEL, 1);
	MMS_TEST_CALL(f, 3, GFP_KERNEL, 2);
	MMS_TEST_CALL(f, 20, GFP_KERNEL, 2);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_DIRECT_COMPACT], 3);
	KUNIT_EXPECT_EQ(test, s->c.direct[mms_cp_order_idx(3)][MMS_CPX_ATTEMPTS], 2);
	/* Orders past the last slot share it. */
	KUNIT_EXPECT_EQ(test, s->c.direct[MMS_CP_NR_ORDERS - 1][MMS_CPX_ATTEMPTS], 1);
	KUNIT_EXPECT_EQ(test, s->c.direct[mms_cp_order_idx(3)][MMS_CPX_STALLS], 0);
}

/*
 * One run, begin to end: filed under the zone of its pfn, the order of its
 * first finished event and the trigger of its task (a kernel thread that
 * is not kcompactd and does not capture: a manual run); its isolations and
 * its migration batch add to it; its end files the status and the time.
 */
static void mms_cp_probes_test_run(struct kunit *test)
{
	mms_test_begin_t begin = MMS_CP_TP(test, mm_compaction_begin,
					   mms_test_begin_t);
	mms_test_end_t end = MMS_CP_TP(test, mm_compaction_end, mms_test_end_t);
	mms_test_verdict_t finished = MMS_CP_TP(test, mm_compaction_finished,
						mms_test_verdict_t);
	mms_test_isolate_t migrate = MMS_CP_TP(test,
			mm_compaction_isolate_migratepages, mms_test_isolate_t);
	mms_test_isolate_t free = MMS_CP_TP(test,
			mm_compaction_isolate_freepages, mms_test_isolate_t);
	mms_test_migrate_t batch = MMS_CP_TP(test, mm_compaction_migratepages,
					     mms_test_migrate_t);
	struct page *page = mms_cp_test_page(test);
	unsigned long pfn = page_to_pfn(page);
	unsigned int zid = page_zonenum(page), o = mms_cp_order_idx(2);
	unsigned long *run = NULL;
	struct mms_cp_run *r;
	struct mms_cp_sum *s;
	struct mms_hist_snap *h;
	u64 t0, t1;

	t0 = mms_dur_now();
	MMS_TEST_CALL(begin, NULL, pfn, pfn + 512, true);
	r = mms_cp_run_find();
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, r->zid, zid);
	KUNIT_EXPECT_EQ(test, r->order, -1);
	KUNIT_EXPECT_EQ(test, r->trigger, MMS_CT_MANUAL);
	MMS_TEST_CALL(finished, page_zone(page), 2, COMPACT_CONTINUE);
	KUNIT_EXPECT_EQ(test, r->order, 2);
	MMS_TEST_CALL(migrate, pfn, pfn + 32, 32, 8);
	MMS_TEST_CALL(free, pfn, pfn + 64, 64, 8);
	KUNIT_EXPECT_EQ(test, r->pending, 8);
	MMS_TEST_MIGRATE(batch, 8, 6);
	KUNIT_EXPECT_EQ(test, r->pending, 0);
	MMS_TEST_CALL(end, NULL, pfn, pfn + 512, true, COMPACT_SUCCESS);
	t1 = mms_dur_now();
	KUNIT_EXPECT_NULL(test, mms_cp_run_find());

	s = mms_cp_test_snap(test);
	run = s->r.run[zid][o][MMS_CT_MANUAL];
	KUNIT_EXPECT_EQ(test, run[MMS_CRF_RUNS], 1);
	KUNIT_EXPECT_EQ(test, run[MMS_CRF_MIGRATE_SCANNED], 32);
	KUNIT_EXPECT_EQ(test, run[MMS_CRF_MIGRATE_ISOLATED], 8);
	KUNIT_EXPECT_EQ(test, run[MMS_CRF_FREE_SCANNED], 64);
	/* No __isolate_free_page kretprobe is live: the event counts. */
	KUNIT_EXPECT_EQ(test, run[MMS_CRF_FREE_ISOLATED], 8);
	KUNIT_EXPECT_EQ(test, run[MMS_CRF_MIGRATED], 6);
	KUNIT_EXPECT_EQ(test, run[MMS_CRF_MIGRATE_FAILED], 2);
	KUNIT_EXPECT_EQ(test, s->c.end[zid][o][COMPACT_SUCCESS], 1);
	KUNIT_EXPECT_EQ(test, s->c.finished[zid][o][COMPACT_CONTINUE], 1);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_BEGIN], 1);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_END], 1);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_RUN_LOST], 0);
	/* Nothing of the run is counted as outside one. */
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_OUT_MIGRATE_SCANNED], 0);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_OUT_ISOLATED], 0);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_COMPACT_BEGIN], 1);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_COMPACT_END], 1);
	h = mms_test_hist(test, MMS_H_COMPACT_RUN_FIRST + MMS_CRE_SUCCESS);
	KUNIT_EXPECT_EQ(test, h->count, 1);
	KUNIT_EXPECT_LE(test, h->max, t1 - t0);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_COMPACT_RUN_FIRST +
					    MMS_CRE_COMPLETE)->count, 0);
}

/*
 * A begin whose pfn is no page's starts no run; an end with no run (the
 * module loaded mid-run) is counted but files nothing.
 */
static void mms_cp_probes_test_unmatched(struct kunit *test)
{
	mms_test_begin_t begin = MMS_CP_TP(test, mm_compaction_begin,
					   mms_test_begin_t);
	mms_test_end_t end = MMS_CP_TP(test, mm_compaction_end, mms_test_end_t);
	struct mms_cp_sum *s;
	unsigned int z, o;
	unsigned long ends = 0;

	MMS_TEST_CALL(begin, NULL, ULONG_MAX - 1, ULONG_MAX, false);
	KUNIT_EXPECT_NULL(test, mms_cp_run_find());
	MMS_TEST_CALL(end, NULL, ULONG_MAX - 1, ULONG_MAX, false,
		      COMPACT_COMPLETE);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_BEGIN], 1);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_END], 1);
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < MMS_CP_NR_ORDERS; o++)
			ends += s->c.end[z][o][COMPACT_COMPLETE];
	KUNIT_EXPECT_EQ(test, ends, 0);
	KUNIT_EXPECT_EQ(test, mms_test_hist(test, MMS_H_COMPACT_RUN_FIRST +
					    MMS_CRE_COMPLETE)->count, 0);
}

/*
 * Isolation outside any run comes from alloc_contig_range(): its scans are
 * kept apart (compact_*_scanned leaves them out), its isolations counted.
 */
static void mms_cp_probes_test_outside_run(struct kunit *test)
{
	mms_test_isolate_t migrate = MMS_CP_TP(test,
			mm_compaction_isolate_migratepages, mms_test_isolate_t);
	mms_test_isolate_t free = MMS_CP_TP(test,
			mm_compaction_isolate_freepages, mms_test_isolate_t);
	struct mms_cpu_counters *c;
	struct mms_cp_sum *s;

	MMS_TEST_CALL(migrate, 0, 512, 100, 10);
	MMS_TEST_CALL(free, 0, 512, 200, 20);
	MMS_TEST_CALL(free, 0, 512, 50, 0);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_OUT_MIGRATE_SCANNED], 100);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_OUT_FREE_SCANNED], 250);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_OUT_ISOLATED], 30);
	c = mms_test_counters(test);
	KUNIT_EXPECT_EQ(test, c->v[MMS_CP_EV_FIRST + MMS_CPE_ISOLATE_MIGRATEPAGES], 1);
	KUNIT_EXPECT_EQ(test, c->v[MMS_CP_EV_FIRST + MMS_CPE_ISOLATE_FREEPAGES], 2);
}

/* The verdicts by zone, order and status; deferral by zone and order. */
static void mms_cp_probes_test_verdicts(struct kunit *test)
{
	mms_test_verdict_t suitable = MMS_CP_TP(test, mm_compaction_suitable,
						mms_test_verdict_t);
	mms_test_verdict_t finished = MMS_CP_TP(test, mm_compaction_finished,
						mms_test_verdict_t);
	mms_test_defer_t deferred = MMS_CP_TP(test, mm_compaction_deferred,
					      mms_test_defer_t);
	mms_test_defer_t defer = MMS_CP_TP(test, mm_compaction_defer_compaction,
					   mms_test_defer_t);
	mms_test_defer_t reset = MMS_CP_TP(test, mm_compaction_defer_reset,
					   mms_test_defer_t);
	struct page *page = mms_cp_test_page(test);
	struct zone *zone = page_zone(page);
	unsigned int z = zone_idx(zone), o = mms_cp_order_idx(4);
	struct mms_cp_sum *s;

	MMS_TEST_CALL(suitable, zone, 4, COMPACT_SKIPPED);
	MMS_TEST_CALL(suitable, zone, 4, COMPACT_CONTINUE);
	MMS_TEST_CALL(suitable, zone, 4, COMPACT_CONTINUE);
	/* A status this kernel does not know is filed as not suitable. */
	MMS_TEST_CALL(suitable, zone, 4, 1000);
	MMS_TEST_CALL(finished, zone, -1, COMPACT_SUCCESS);
	MMS_TEST_CALL(deferred, zone, 4);
	MMS_TEST_CALL(defer, zone, 4);
	MMS_TEST_CALL(defer, zone, 4);
	MMS_TEST_CALL(reset, zone, 4);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->c.suitable[z][o][COMPACT_SKIPPED], 1);
	KUNIT_EXPECT_EQ(test, s->c.suitable[z][o][COMPACT_CONTINUE], 2);
	KUNIT_EXPECT_EQ(test, s->c.suitable[z][o][COMPACT_NOT_SUITABLE_ZONE], 1);
	KUNIT_EXPECT_EQ(test, s->c.finished[z][0][COMPACT_SUCCESS], 1);
	KUNIT_EXPECT_EQ(test, s->c.defer[z][o][MMS_CPD_DEFERRED], 1);
	KUNIT_EXPECT_EQ(test, s->c.defer[z][o][MMS_CPD_DEFER], 2);
	KUNIT_EXPECT_EQ(test, s->c.defer[z][o][MMS_CPD_RESET], 1);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_CP_EV_FIRST +
							 MMS_CPE_SUITABLE], 4);
}

/*
 * kcompactd: a wake opens a run that its sleep times; a sleep with no
 * wake before it (loaded while kcompactd worked) is counted, not timed.
 */
static void mms_cp_probes_test_kcompactd(struct kunit *test)
{
	mms_test_kcd_t wake = MMS_CP_TP(test, mm_compaction_kcompactd_wake,
					mms_test_kcd_t);
	mms_test_kcd_t wakeup = MMS_CP_TP(test, mm_compaction_wakeup_kcompactd,
					  mms_test_kcd_t);
	mms_test_kcd_sleep_t sleep = MMS_CP_TP(test,
			mm_compaction_kcompactd_sleep, mms_test_kcd_sleep_t);
	struct mms_cp_sum *s;
	struct mms_hist_snap *h;
	u64 t0, t1;

	MMS_TEST_CALL(wakeup, 0, 3, ZONE_NORMAL);
	t0 = mms_dur_now();
	MMS_TEST_CALL(wake, 0, 3, ZONE_NORMAL);
	MMS_TEST_CALL(sleep, 0);
	t1 = mms_dur_now();
	MMS_TEST_CALL(sleep, 0);
	/* Node ids out of range are counted and ignored. */
	MMS_TEST_CALL(wake, -1, 3, ZONE_NORMAL);
	MMS_TEST_CALL(sleep, MAX_NUMNODES);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_WAKEUP_KCOMPACTD], 1);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_DAEMON_WAKE], 2);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_KCOMPACTD_SLEEP], 3);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_KCOMPACTD_WAKE], 2);
	h = mms_test_hist(test, MMS_H_KCOMPACTD_RUN);
	KUNIT_EXPECT_EQ(test, h->count, 1);
	KUNIT_EXPECT_LE(test, h->max, t1 - t0);
}

/*
 * kmem:mm_page_alloc_extfrag: by allocation and fallback migratetype, and
 * whether the block is now the allocation's.  A block has one
 * migratetype, read from its section's bitmap: of the same page offered
 * as each migratetype in turn, exactly one finds the block its own.
 */
static void mms_cp_probes_test_extfrag(struct kunit *test)
{
	mms_test_extfrag_t f = MMS_CP_TP(test, mm_page_alloc_extfrag,
					 mms_test_extfrag_t);
	struct page *page = mms_cp_test_page(test);
	unsigned long owned = 0, all = 0;
	struct mms_cp_sum *s;
	int mt, fb;

	if (!IS_ENABLED(CONFIG_SPARSEMEM))
		kunit_skip(test, "pageblock bitmap outside sections (!SPARSEMEM)");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		MMS_TEST_CALL(f, page, 0, pageblock_order, mt,
			      mt ? 0 : MIGRATE_MOVABLE);
	s = mms_cp_test_snap(test);
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		for (fb = 0; fb < MIGRATE_TYPES; fb++) {
			owned += s->c.extfrag[mt][fb][1];
			all += s->c.extfrag[mt][fb][0] + s->c.extfrag[mt][fb][1];
		}
	}
	KUNIT_EXPECT_EQ(test, owned, 1);
	KUNIT_EXPECT_EQ(test, all, MIGRATE_TYPES);
	KUNIT_EXPECT_EQ(test, s->c.extfrag[MIGRATE_MOVABLE][0][0] +
			      s->c.extfrag[MIGRATE_MOVABLE][0][1], 1);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_EXTFRAG], MIGRATE_TYPES);
}

/*
 * oom:compact_retry: the verdict by order and result here, and the
 * allocating task's retry history in the OOM layer: the one handler feeds
 * both.
 */
static void mms_cp_probes_test_compact_retry(struct kunit *test)
{
	mms_test_retry_t f = MMS_CP_TP(test, compact_retry, mms_test_retry_t);
	unsigned int o = mms_cp_order_idx(3);
	struct mms_cp_sum *s;

	MMS_TEST_CALL(f, 3, COMPACT_PRIO_ASYNC, COMPACT_SKIPPED, 0, 16, true);
	MMS_TEST_CALL(f, 3, COMPACT_PRIO_SYNC_LIGHT, COMPACT_COMPLETE, 1, 16,
		      true);
	MMS_TEST_CALL(f, 3, COMPACT_PRIO_SYNC_FULL, COMPACT_COMPLETE, 16, 16,
		      false);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->c.retry[o][COMPACT_SKIPPED][1], 1);
	KUNIT_EXPECT_EQ(test, s->c.retry[o][COMPACT_COMPLETE][1], 1);
	KUNIT_EXPECT_EQ(test, s->c.retry[o][COMPACT_COMPLETE][0], 1);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_OOM_COMPACT_RETRY], 3);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_CP_EV_FIRST +
						MMS_CPE_COMPACT_RETRY], 3);
	KUNIT_EXPECT_EQ(test, mms_oom_retry_lost(), 0);
}

/*
 * try_to_compact_pages(): a return other than COMPACT_SKIPPED is a
 * compact_stall, timed from entry; COMPACT_SKIPPED is counted apart.
 */
static void mms_cp_probes_test_stall(struct kunit *test)
{
	struct mms_krp_probe *p = mms_test_krp(test, &mms_compaction_group,
					       "try_to_compact_pages");
	struct kretprobe_instance *ri = mms_test_kri(test, p);
	struct pt_regs *regs;
	struct mms_hist_snap *h;
	struct mms_cp_sum *s;
	unsigned int o = mms_cp_order_idx(5);
	u64 t0, t1;

	/* (gfp, order, alloc_flags, ac, prio, capture) */
	regs = MMS_TEST_REGS(test, (__force unsigned long)GFP_KERNEL, 5, 0, 0,
			     COMPACT_PRIO_ASYNC, 0);
	KUNIT_EXPECT_EQ(test, mms_test_krp_entry(p, ri, regs), 0);
	mms_test_krp_return(p, ri, COMPACT_SKIPPED);
	t0 = mms_dur_now();
	KUNIT_EXPECT_EQ(test, mms_test_krp_entry(p, ri, regs), 0);
	mms_test_krp_return(p, ri, COMPACT_COMPLETE);
	t1 = mms_dur_now();
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->c.direct[o][MMS_CPX_SKIPPED], 1);
	KUNIT_EXPECT_EQ(test, s->c.direct[o][MMS_CPX_STALLS], 1);
	h = mms_test_hist(test, MMS_H_DIRECT_COMPACT);
	KUNIT_EXPECT_EQ(test, h->count, 1);
	KUNIT_EXPECT_LE(test, h->max, t1 - t0);
}

/*
 * __alloc_pages_direct_compact(): after a stall, compact_success if it
 * returned a page, compact_fail if not; nothing after COMPACT_SKIPPED;
 * order 0 returns at once and its return is not even seen.
 */
static void mms_cp_probes_test_success_fail(struct kunit *test)
{
	struct mms_krp_probe *p = mms_test_krp(test, &mms_compaction_group,
					       "__alloc_pages_direct_compact");
	struct kretprobe_instance *ri = mms_test_kri(test, p);
	enum compact_result result = COMPACT_SKIPPED;
	unsigned long res = (unsigned long)&result;
	unsigned int o = mms_cp_order_idx(2);
	struct mms_cp_sum *s;
	struct pt_regs *regs;

	/* (gfp, order, alloc_flags, ac, prio, &compact_result) */
	regs = MMS_TEST_REGS(test, 0, 0, 0, 0, 0, res);
	KUNIT_EXPECT_NE(test, mms_test_krp_entry(p, ri, regs), 0);
	regs = MMS_TEST_REGS(test, 0, 2, 0, 0, 0, res);
	KUNIT_EXPECT_EQ(test, mms_test_krp_entry(p, ri, regs), 0);
	mms_test_krp_return(p, ri, 1);
	result = COMPACT_COMPLETE;
	mms_test_krp_return(p, ri, 0);
	mms_test_krp_return(p, ri, 0);
	result = COMPACT_SUCCESS;
	mms_test_krp_return(p, ri, (unsigned long)ri);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->c.direct[o][MMS_CPX_FAIL], 2);
	KUNIT_EXPECT_EQ(test, s->c.direct[o][MMS_CPX_SUCCESS], 1);
	KUNIT_EXPECT_EQ(test, s->c.direct[mms_cp_order_idx(0)][MMS_CPX_FAIL] +
			      s->c.direct[mms_cp_order_idx(0)][MMS_CPX_SUCCESS], 0);
}

/* proactive_compact_node(): its calls, which tell the kernel apart. */
static void mms_cp_probes_test_proactive(struct kunit *test)
{
	struct mms_kp_probe *p = mms_test_kp(test, &mms_compaction_group,
					     "proactive_compact_node");
	struct pt_regs *regs = MMS_TEST_REGS(test, 0);

	mms_test_kp_call(p, regs);
	mms_test_kp_call(p, regs);
	KUNIT_EXPECT_EQ(test, mms_cp_test_snap(test)->c.g[MMS_CPG_PROACTIVE_NODE], 2);
}

/*
 * With a struct compact_control layout, a run's scans are the kernel's own
 * totals read at mm_compaction_end, not its events' nr_scanned (which
 * still add up in events_*_scanned).  A total that is not 0 at
 * mm_compaction_begin rejects the layout for good: the scans come from
 * the events again.  Offsets that cannot be a long's are refused.
 */
static void mms_cp_probes_test_cc_layout(struct kunit *test)
{
	mms_test_begin_t begin = MMS_CP_TP(test, mm_compaction_begin,
					   mms_test_begin_t);
	mms_test_end_t end = MMS_CP_TP(test, mm_compaction_end, mms_test_end_t);
	mms_test_isolate_t migrate = MMS_CP_TP(test,
			mm_compaction_isolate_migratepages, mms_test_isolate_t);
	mms_test_isolate_t free = MMS_CP_TP(test,
			mm_compaction_isolate_freepages, mms_test_isolate_t);
	struct page *page = mms_cp_test_page(test);
	unsigned long pfn = page_to_pfn(page), fake[8] = { 0 };
	struct compact_control *cc = (struct compact_control *)fake;
	unsigned int zid = page_zonenum(page), o = mms_cp_order_idx(-1);
	const int l = sizeof(long);
	struct mms_cp_sum *s;

	KUNIT_EXPECT_EQ(test, mms_cc_layout_state(), MMS_CC_LAYOUT_NONE);
	KUNIT_EXPECT_EQ(test, mms_cc_layout_set(3, l), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_cc_layout_set(l, l), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_cc_layout_set(-1, l), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_cc_layout_set(4096, l), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_cc_layout_state(), MMS_CC_LAYOUT_NONE);
	KUNIT_ASSERT_EQ(test, mms_cc_layout_set(2 * l, 3 * l), 0);
	KUNIT_EXPECT_EQ(test, mms_cc_layout_state(), MMS_CC_LAYOUT_USED);

	MMS_TEST_CALL(begin, cc, pfn, pfn + 512, true);
	MMS_TEST_CALL(migrate, pfn, pfn + 32, 32, 0);
	MMS_TEST_CALL(free, pfn, pfn + 64, 64, 0);
	fake[2] = 100;		/* the fast searches scanned with no event */
	fake[3] = 70;
	MMS_TEST_CALL(end, cc, pfn, pfn + 512, true, COMPACT_COMPLETE);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->r.run[zid][o][MMS_CT_MANUAL]
				    [MMS_CRF_MIGRATE_SCANNED], 100);
	KUNIT_EXPECT_EQ(test, s->r.run[zid][o][MMS_CT_MANUAL]
				    [MMS_CRF_FREE_SCANNED], 70);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_EV_MIGRATE_SCANNED], 32);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_EV_FREE_SCANNED], 64);
	KUNIT_EXPECT_EQ(test, mms_cc_layout_state(), MMS_CC_LAYOUT_USED);

	/* compact_zone() zeroes both before the event: these offsets lie. */
	fake[2] = 5;
	MMS_TEST_CALL(begin, cc, pfn, pfn + 512, true);
	KUNIT_EXPECT_EQ(test, mms_cc_layout_state(), MMS_CC_LAYOUT_REJECTED);
	MMS_TEST_CALL(migrate, pfn, pfn + 16, 16, 0);
	fake[2] = 1000;
	MMS_TEST_CALL(end, cc, pfn, pfn + 512, true, COMPACT_COMPLETE);
	s = mms_cp_test_snap(test);
	KUNIT_EXPECT_EQ(test, s->r.run[zid][o][MMS_CT_MANUAL]
				    [MMS_CRF_MIGRATE_SCANNED], 116);
	KUNIT_EXPECT_EQ(test, s->c.g[MMS_CPG_EV_MIGRATE_SCANNED], 48);
	/* Back to no layout (each case's init does so too). */
	KUNIT_EXPECT_EQ(test, mms_cc_layout_set(-1, -1), 0);
}

static struct kunit_case mms_cp_probes_test_cases[] = {
	KUNIT_CASE(mms_cp_probes_test_table),
	KUNIT_CASE(mms_cp_probes_test_cc_layout),
	KUNIT_CASE(mms_cp_probes_test_try),
	KUNIT_CASE(mms_cp_probes_test_run),
	KUNIT_CASE(mms_cp_probes_test_unmatched),
	KUNIT_CASE(mms_cp_probes_test_outside_run),
	KUNIT_CASE(mms_cp_probes_test_verdicts),
	KUNIT_CASE(mms_cp_probes_test_kcompactd),
	KUNIT_CASE(mms_cp_probes_test_extfrag),
	KUNIT_CASE(mms_cp_probes_test_compact_retry),
	KUNIT_CASE(mms_cp_probes_test_stall),
	KUNIT_CASE(mms_cp_probes_test_success_fail),
	KUNIT_CASE(mms_cp_probes_test_proactive),
	{}
};
#else /* !CONFIG_COMPACTION */
static void mms_cp_probes_test_none(struct kunit *test)
{
	kunit_skip(test, "kernel built without CONFIG_COMPACTION");
}

static struct kunit_case mms_cp_probes_test_cases[] = {
	KUNIT_CASE(mms_cp_probes_test_none),
	{}
};
#endif /* CONFIG_COMPACTION */

static int mms_cp_probes_test_init(struct kunit *test)
{
	return mms_test_state_init(MMS_CP_TEST_STATE);
}

static void mms_cp_probes_test_exit(struct kunit *test)
{
	mms_test_state_exit(MMS_CP_TEST_STATE);
}

static struct kunit_suite mms_cp_probes_test_suite = {
	.name = "mmscope_probes_compaction",
	.init = mms_cp_probes_test_init,
	.exit = mms_cp_probes_test_exit,
	.test_cases = mms_cp_probes_test_cases,
};

kunit_test_suite(mms_cp_probes_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's compaction probes");
