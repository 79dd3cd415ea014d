// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers for compaction: every compaction tracepoint, the external
 * fragmentation event kmem:mm_page_alloc_extfrag, the allocator's
 * oom:compact_retry verdicts, and kretprobes where no event says what
 * /proc/vmstat counts.
 *
 * mm_compaction_begin/end (and in 6.1 mm_compaction_migratepages) pass a
 * struct compact_control, which is private to mm/ (mm/internal.h, not
 * shipped in headers packages): handlers use only the scalar arguments
 * and never dereference it, except to read the run's two scan totals at
 * the offsets BTF gave at load (cc_layout.c).  What the run is (zone,
 * order, trigger) comes
 * from public state instead: the zone from the begin event's pfn, the
 * order from the run's first mm_compaction_finished event, the trigger
 * from the task (see mms_cp_classify()).
 */
/*
 * Private to mm/ (the kernel includes mm/internal.h before this header):
 * declared here, passed through, never dereferenced.
 */
struct compact_control;
/* 6.1's kmem.h uses it before any header it includes declares it. */
struct kmem_cache;
#include <trace/events/compaction.h>
#include <trace/events/kmem.h>
#include <trace/events/oom.h>

#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/pageblock-flags.h>
#include <linux/ptrace.h>
#include <linux/sched.h>

#include "compaction/cc_layout.h"
#include "compaction/compact_stats.h"
#include "core/duration.h"
#include "generated/conftest.h"
#include "stream/stream.h"
#include "core/counters.h"
#include "oom/oom_record.h"
#include "core/hist_table.h"
#include "probes/probe.h"

#ifdef CONFIG_COMPACTION

/* Calls of try_to_compact_pages() that may sleep inside it at once. */
#define MMS_CP_MAXACTIVE	256

/*
 * When each node's kcompactd last woke for an order (kcompactd_do_work()),
 * or 0 while it sleeps or compacts proactively.  Only that node's
 * kcompactd writes its slot.
 */
static u64 mms_kcompactd_start[MAX_NUMNODES];

/* The zone a pfn belongs to, as an index, or -1. */
static int mms_cp_pfn_zone(unsigned long pfn, int *nid)
{
	struct page *page;

	if (!pfn_valid(pfn))
		return -1;
	page = pfn_to_page(pfn);
	*nid = page_to_nid(page);
	return page_zonenum(page);
}

/* Count one firing of a compaction event. */
static void mms_cp_event(enum mms_cp_event e)
{
	mms_count(MMS_CP_EV_FIRST + e);
}

static bool mms_cp_current_is_kcompactd(void)
{
	return mms_cp_is_kcompactd(current->comm, current->flags);
}

static void mms_try_to_compact_pages(void *data, int order, gfp_t gfp_mask,
				     int prio)
{
	mms_count(MMS_DIRECT_COMPACT);
	mms_stream(COMPACT_TRY, .order = order, .prio = prio,
		   .gfp = (__force u32)gfp_mask, .result = -1);
	this_cpu_inc(mms_cp_pcpu->direct[mms_cp_order_idx(order)]
				[MMS_CPX_ATTEMPTS]);
}

MMS_TP_CHECK(mm_compaction_try_to_compact_pages, mms_try_to_compact_pages)

static void mms_compaction_begin(void *data, struct compact_control *cc,
				 unsigned long zone_start,
				 unsigned long zone_end, bool sync)
{
	int nid = 0, zid = mms_cp_pfn_zone(zone_start, &nid);
	bool kcd = mms_cp_current_is_kcompactd();
	bool woken = kcd && nid < MAX_NUMNODES && mms_kcompactd_start[nid];

	mms_count(MMS_COMPACT_BEGIN);
	mms_stream(COMPACT_BEGIN, .zone_start = zone_start,
		   .zone_end = zone_end, .sync = sync, .status = -1,
		   .nid = zid < 0 ? -1 : nid, .zid = zid);
	mms_cp_count(MMS_CPG_BEGIN, 1);
	mms_cc_layout_check_begin(cc);
	if (zid < 0 || !in_task())
		return;
	mms_cp_run_begin(zid, mms_cp_classify(current->capture_control, kcd,
					      woken));
}

MMS_TP_CHECK(mm_compaction_begin, mms_compaction_begin)

static void mms_compaction_end(void *data, struct compact_control *cc,
			       unsigned long zone_start,
			       unsigned long zone_end, bool sync, int status)
{
	struct mms_cp_run *r = mms_cp_run_find();
	unsigned int s = mms_cp_status_idx(status);
	unsigned long migrate, free;
	int nid = 0, zid = mms_cp_pfn_zone(zone_start, &nid);
	u64 ns = r ? mms_dur_since(r->begin_ns) : 0;

	mms_count(MMS_COMPACT_END);
	mms_stream(COMPACT_END, .zone_start = zone_start, .zone_end = zone_end,
		   .duration_ns = ns, .sync = sync, .status = status,
		   .nid = zid < 0 ? -1 : nid, .zid = zid);
	mms_cp_count(MMS_CPG_END, 1);
	if (!r)
		return;
	mms_cp_run_add(r, MMS_CRF_RUNS, 1);
	if (mms_cc_scanned(cc, &migrate, &free)) {
		mms_cp_run_add(r, MMS_CRF_MIGRATE_SCANNED, migrate);
		mms_cp_run_add(r, MMS_CRF_FREE_SCANNED, free);
	}
	this_cpu_inc(mms_cp_pcpu->end[r->zid][mms_cp_order_idx(r->order)][s]);
	mms_hist_record(&mms_hists[MMS_H_COMPACT_RUN_FIRST +
				   mms_cp_run_end_idx(status)], ns);
	mms_cp_run_put(r);
}

MMS_TP_CHECK(mm_compaction_end, mms_compaction_end)

#ifdef MMS_HAVE_TP_COMPACTION_FAST_ISOLATE
static bool mms_cp_free_by_kretprobe(void)
{
	return false;
}
#else
/* The __isolate_free_page() kretprobe's index in mms_compaction_krps. */
#define MMS_CP_IFP	2

/*
 * This kernel's fast_isolate_freepages() isolates free pages without an
 * event.  Every free page a run isolates, fast or not, goes through
 * __isolate_free_page(), which returns how many it took: when its
 * kretprobe is live, count free isolation there, not from the events.
 */
static bool mms_cp_free_by_kretprobe(void)
{
	return READ_ONCE(mms_compaction_group.krps[MMS_CP_IFP].state) ==
	       MMS_PROBE_ATTACHED;
}

static int mms_ifp_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	unsigned long n = regs_return_value(regs);
	struct mms_cp_run *r;

	if (!n)
		return 0;
	r = mms_cp_run_find();
	if (r)
		mms_cp_run_add(r, MMS_CRF_FREE_ISOLATED, n);
	return 0;
}
#endif

/*
 * The isolation events: inside a run they are the run's; outside any run
 * they come from alloc_contig_range() (CMA, gigantic pages), whose scans
 * /proc/vmstat leaves out of compact_*_scanned but whose isolations it
 * counts in compact_isolated.
 */
static void mms_cp_isolated(bool migrate, unsigned long nr_scanned,
			    unsigned long nr_taken)
{
	struct mms_cp_run *r = mms_cp_run_find();
	bool by_events;

	if (!r) {
		mms_cp_count(migrate ? MMS_CPG_OUT_MIGRATE_SCANNED :
				       MMS_CPG_OUT_FREE_SCANNED, nr_scanned);
		mms_cp_count(MMS_CPG_OUT_ISOLATED, nr_taken);
		return;
	}
	/* With the layout, mm_compaction_end adds the kernel's totals. */
	by_events = mms_cc_layout_state() != MMS_CC_LAYOUT_USED;
	mms_cp_count(migrate ? MMS_CPG_EV_MIGRATE_SCANNED :
			       MMS_CPG_EV_FREE_SCANNED, nr_scanned);
	if (migrate) {
		if (by_events)
			mms_cp_run_add(r, MMS_CRF_MIGRATE_SCANNED, nr_scanned);
		mms_cp_run_add(r, MMS_CRF_MIGRATE_ISOLATED, nr_taken);
		r->pending += nr_taken;
	} else {
		if (by_events)
			mms_cp_run_add(r, MMS_CRF_FREE_SCANNED, nr_scanned);
		if (!mms_cp_free_by_kretprobe())
			mms_cp_run_add(r, MMS_CRF_FREE_ISOLATED, nr_taken);
	}
}

static void mms_isolate_migratepages(void *data, unsigned long start_pfn,
				     unsigned long end_pfn,
				     unsigned long nr_scanned,
				     unsigned long nr_taken)
{
	mms_cp_event(MMS_CPE_ISOLATE_MIGRATEPAGES);
	mms_cp_isolated(true, nr_scanned, nr_taken);
}

MMS_TP_CHECK(mm_compaction_isolate_migratepages, mms_isolate_migratepages)

static void mms_isolate_freepages(void *data, unsigned long start_pfn,
				  unsigned long end_pfn,
				  unsigned long nr_scanned,
				  unsigned long nr_taken)
{
	mms_cp_event(MMS_CPE_ISOLATE_FREEPAGES);
	mms_cp_isolated(false, nr_scanned, nr_taken);
}

MMS_TP_CHECK(mm_compaction_isolate_freepages, mms_isolate_freepages)

#ifdef MMS_HAVE_TP_COMPACTION_FAST_ISOLATE
static void mms_fast_isolate_freepages(void *data, unsigned long start_pfn,
				       unsigned long end_pfn,
				       unsigned long nr_scanned,
				       unsigned long nr_taken)
{
	mms_cp_event(MMS_CPE_FAST_ISOLATE_FREEPAGES);
	mms_cp_isolated(false, nr_scanned, nr_taken);
}

MMS_TP_CHECK(mm_compaction_fast_isolate_freepages, mms_fast_isolate_freepages)
#define MMS_TP_FAST_ISOLATE						\
	MMS_TP_PROBE(mm_compaction_fast_isolate_freepages,		\
		     mms_fast_isolate_freepages)
#else
#define MMS_TP_FAST_ISOLATE						\
	MMS_TP_ABSENT(mm_compaction_fast_isolate_freepages,		\
		      MMS_REASON_NOT_IN_KERNEL)
#endif

/* A migrate_pages() batch of @nr pages moved @ok of them. */
static void mms_cp_migrated(unsigned int nr, unsigned int ok)
{
	struct mms_cp_run *r = mms_cp_run_find();

	mms_cp_event(MMS_CPE_MIGRATEPAGES);
	if (!r)
		return;
	mms_cp_run_add(r, MMS_CRF_MIGRATED, ok);
	mms_cp_run_add(r, MMS_CRF_MIGRATE_FAILED, mms_cp_migrate_failed(nr, ok));
	r->pending = 0;
}

#if defined(MMS_HAVE_TP_COMPACTION_MIGRATEPAGES_NR)
static void mms_migratepages(void *data, unsigned int nr_migratepages,
			     unsigned int nr_succeeded)
{
	mms_cp_migrated(nr_migratepages, nr_succeeded);
}

#define MMS_TP_MIGRATEPAGES						\
	MMS_TP_PROBE(mm_compaction_migratepages, mms_migratepages)
MMS_TP_CHECK(mm_compaction_migratepages, mms_migratepages)
#elif defined(MMS_HAVE_TP_COMPACTION_MIGRATEPAGES_CC)
/*
 * The batch is every page isolated for migration since the last batch of
 * the run: its isolate_migratepages events' nr_taken, kept in the run.
 */
static void mms_migratepages(void *data, struct compact_control *cc,
			     unsigned int nr_succeeded)
{
	struct mms_cp_run *r = mms_cp_run_find();

	mms_cp_migrated(r ? r->pending : 0, nr_succeeded);
}

#define MMS_TP_MIGRATEPAGES						\
	MMS_TP_PROBE(mm_compaction_migratepages, mms_migratepages)
MMS_TP_CHECK(mm_compaction_migratepages, mms_migratepages)
#else
#define MMS_TP_MIGRATEPAGES						\
	MMS_TP_ABSENT(mm_compaction_migratepages,			\
		      "no known prototype in this kernel's headers")
#endif

/*
 * mm_compaction_finished and _suitable: the verdict for a zone and order.
 * The first finished event of a run comes before any isolation, and gives
 * the run its order.
 */
static void mms_compaction_finished(void *data, struct zone *zone, int order,
				    int ret)
{
	struct mms_cp_run *r = mms_cp_run_find();

	mms_cp_event(MMS_CPE_FINISHED);
	this_cpu_inc(mms_cp_pcpu->finished[zone_idx(zone)]
				[mms_cp_order_idx(order)]
				[mms_cp_status_idx(ret)]);
	if (r)
		r->order = order;
}

MMS_TP_CHECK(mm_compaction_finished, mms_compaction_finished)

static void mms_compaction_suitable(void *data, struct zone *zone, int order,
				    int ret)
{
	mms_cp_event(MMS_CPE_SUITABLE);
	this_cpu_inc(mms_cp_pcpu->suitable[zone_idx(zone)]
				[mms_cp_order_idx(order)]
				[mms_cp_status_idx(ret)]);
}

MMS_TP_CHECK(mm_compaction_suitable, mms_compaction_suitable)

static void mms_cp_defer(struct zone *zone, int order, enum mms_cp_defer d,
			 enum mms_cp_event e)
{
	mms_cp_event(e);
	this_cpu_inc(mms_cp_pcpu->defer[zone_idx(zone)]
				[mms_cp_order_idx(order)][d]);
}

static void mms_compaction_deferred(void *data, struct zone *zone, int order)
{
	mms_cp_defer(zone, order, MMS_CPD_DEFERRED, MMS_CPE_DEFERRED);
}

MMS_TP_CHECK(mm_compaction_deferred, mms_compaction_deferred)

static void mms_defer_compaction(void *data, struct zone *zone, int order)
{
	mms_cp_defer(zone, order, MMS_CPD_DEFER, MMS_CPE_DEFER_COMPACTION);
}

MMS_TP_CHECK(mm_compaction_defer_compaction, mms_defer_compaction)

static void mms_defer_reset(void *data, struct zone *zone, int order)
{
	mms_cp_defer(zone, order, MMS_CPD_RESET, MMS_CPE_DEFER_RESET);
}

MMS_TP_CHECK(mm_compaction_defer_reset, mms_defer_reset)

static void mms_wakeup_kcompactd(void *data, int nid, int order,
				 enum zone_type highest_zoneidx)
{
	mms_cp_event(MMS_CPE_WAKEUP_KCOMPACTD);
	mms_cp_count(MMS_CPG_WAKEUP_KCOMPACTD, 1);
}

MMS_TP_CHECK(mm_compaction_wakeup_kcompactd, mms_wakeup_kcompactd)

/* Fired by kcompactd_do_work(), just where compact_daemon_wake counts. */
static void mms_kcompactd_wake(void *data, int nid, int order,
			       enum zone_type highest_zoneidx)
{
	mms_count(MMS_KCOMPACTD_WAKE);
	mms_stream(KCOMPACTD_WAKE, .nid = nid, .order = order,
		   .highest_zoneidx = highest_zoneidx);
	mms_cp_count(MMS_CPG_DAEMON_WAKE, 1);
	if (nid >= 0 && nid < MAX_NUMNODES)
		mms_kcompactd_start[nid] = mms_dur_now() ?: 1;
}

MMS_TP_CHECK(mm_compaction_kcompactd_wake, mms_kcompactd_wake)

static void mms_kcompactd_sleep(void *data, int nid)
{
	mms_cp_event(MMS_CPE_KCOMPACTD_SLEEP);
	mms_cp_count(MMS_CPG_KCOMPACTD_SLEEP, 1);
	mms_stream(KCOMPACTD_SLEEP, .nid = nid, .order = -1,
		   .highest_zoneidx = -1);
	if (nid < 0 || nid >= MAX_NUMNODES || !mms_kcompactd_start[nid])
		return;
	mms_hist_record(&mms_hists[MMS_H_KCOMPACTD_RUN],
			mms_dur_since(mms_kcompactd_start[nid]));
	mms_kcompactd_start[nid] = 0;
}

MMS_TP_CHECK(mm_compaction_kcompactd_sleep, mms_kcompactd_sleep)

/*
 * The migratetype of @page's pageblock, read as get_pageblock_migratetype()
 * does (that function is not exported): from the section's pageblock_flags
 * bitmap.  The allocator fires mm_page_alloc_extfrag under the zone lock,
 * after it has (or has not) changed the block's owner, so this says what
 * the event's change_ownership field says.
 */
static int mms_cp_pageblock_mt(struct page *page)
{
#ifdef CONFIG_SPARSEMEM
	unsigned long pfn = page_to_pfn(page);
	struct mem_section *ms = __pfn_to_section(pfn);
	unsigned long bit, word;

	if (!ms || !ms->usage)
		return -1;
	bit = mms_cp_pageblock_bit(pfn, PAGES_PER_SECTION, pageblock_order,
				   NR_PAGEBLOCK_BITS);
	word = READ_ONCE(section_to_usemap(ms)[bit / BITS_PER_LONG]);
	return (word >> (bit % BITS_PER_LONG)) & MIGRATETYPE_MASK;
#else
	return -1;
#endif
}

static unsigned int mms_cp_mt_idx(int mt)
{
	return mt < 0 ? 0 : min_t(unsigned int, mt, MMS_CP_NR_MT - 1);
}

static void mms_page_alloc_extfrag(void *data, struct page *page,
				   int alloc_order, int fallback_order,
				   int alloc_migratetype,
				   int fallback_migratetype)
{
	bool owned = mms_cp_pageblock_mt(page) == alloc_migratetype;

	mms_cp_event(MMS_CPE_EXTFRAG);
	mms_cp_count(MMS_CPG_EXTFRAG, 1);
	this_cpu_inc(mms_cp_pcpu->extfrag[mms_cp_mt_idx(alloc_migratetype)]
				[mms_cp_mt_idx(fallback_migratetype)][owned]);
	mms_stream(EXTFRAG, .pfn = page_to_pfn(page),
		   .alloc_order = alloc_order, .fallback_order = fallback_order,
		   .alloc_migratetype = alloc_migratetype,
		   .fallback_migratetype = fallback_migratetype,
		   .change_ownership = owned);
}

MMS_TP_CHECK(mm_page_alloc_extfrag, mms_page_alloc_extfrag)

/*
 * oom:compact_retry: the retry verdicts by order and result here, and the
 * OOM layer's count and retry history (oom/oom_retry.c), from this one
 * handler: the event is registered once, in this group.
 */
static void mms_compact_retry(void *data, int order,
			      enum compact_priority priority,
			      enum compact_result result, int retries,
			      int max_retries, bool ret)
{
	mms_cp_event(MMS_CPE_COMPACT_RETRY);
	this_cpu_inc(mms_cp_pcpu->retry[mms_cp_order_idx(order)]
				[mms_cp_status_idx(result)][!!ret]);
	mms_count(MMS_OOM_COMPACT_RETRY);
	mms_oom_compact_retry(order, priority, result, retries, max_retries,
			      ret);
}

MMS_TP_CHECK(compact_retry, mms_compact_retry)

/*
 * try_to_compact_pages(): /proc/vmstat counts a compact_stall for each
 * return other than COMPACT_SKIPPED (in __alloc_pages_direct_compact(), its
 * only caller); the stall lasts from entry to return.
 */
struct mms_cp_ttcp {
	u64 start_ns;
	int order;
	int prio;
	u32 gfp;
};

static int mms_ttcp_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct mms_cp_ttcp *d = (struct mms_cp_ttcp *)ri->data;

	/* try_to_compact_pages(gfp, order, alloc_flags, ac, prio, capture) */
	d->gfp = (u32)regs_get_kernel_argument(regs, 0);
	d->order = (int)regs_get_kernel_argument(regs, 1);
	d->prio = (int)regs_get_kernel_argument(regs, 4);
	d->start_ns = mms_dur_now();
	return 0;
}

static int mms_ttcp_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct mms_cp_ttcp *d = (struct mms_cp_ttcp *)ri->data;
	int ret = (int)regs_return_value(regs);
	unsigned int o = mms_cp_order_idx(d->order);

	u64 ns;

	if (ret == COMPACT_SKIPPED) {
		this_cpu_inc(mms_cp_pcpu->direct[o][MMS_CPX_SKIPPED]);
		return 0;
	}
	this_cpu_inc(mms_cp_pcpu->direct[o][MMS_CPX_STALLS]);
	ns = mms_dur_since(d->start_ns);
	mms_hist_record(&mms_hists[MMS_H_DIRECT_COMPACT], ns);
	mms_stream(COMPACT_STALL, .duration_ns = ns, .order = d->order,
		   .prio = d->prio, .gfp = d->gfp, .result = ret);
	return 0;
}

/*
 * __alloc_pages_direct_compact(gfp, order, alloc_flags, ac, prio,
 * &compact_result): after a stall it counts compact_success if it returns
 * a page and compact_fail if not.
 */
struct mms_cp_adc {
	enum compact_result *result;
	int order;
};

static int mms_adc_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct mms_cp_adc *d = (struct mms_cp_adc *)ri->data;

	d->order = (int)regs_get_kernel_argument(regs, 1);
	d->result = (enum compact_result *)regs_get_kernel_argument(regs, 5);
	/* Order 0 returns at once, counting nothing: skip its return. */
	return d->order ? 0 : 1;
}

static int mms_adc_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct mms_cp_adc *d = (struct mms_cp_adc *)ri->data;
	unsigned int o = mms_cp_order_idx(d->order);

	if (READ_ONCE(*d->result) == COMPACT_SKIPPED)
		return 0;
	this_cpu_inc(mms_cp_pcpu->direct[o][regs_return_value(regs) ?
					    MMS_CPX_SUCCESS : MMS_CPX_FAIL]);
	return 0;
}

/*
 * proactive_compact_node(): kernels that have it (before 6.9) run
 * proactive compaction there and count none of it in compact_daemon_*;
 * later kernels run it through compact_node() and count it.  The kprobe
 * counts its calls, and its presence tells the view which kernel this is.
 */
static int mms_proactive_node(struct kprobe *p, struct pt_regs *regs)
{
	mms_cp_count(MMS_CPG_PROACTIVE_NODE, 1);
	return 0;
}

static struct mms_tp_probe mms_compaction_probes[] = {
	MMS_TP_PROBE(mm_compaction_isolate_migratepages, mms_isolate_migratepages),
	MMS_TP_PROBE(mm_compaction_isolate_freepages, mms_isolate_freepages),
	MMS_TP_FAST_ISOLATE,
	MMS_TP_MIGRATEPAGES,
	MMS_TP_BEGIN(mm_compaction_begin, mms_compaction_begin,
		     mm_compaction_end),
	MMS_TP_PROBE(mm_compaction_end, mms_compaction_end),
	MMS_TP_PROBE(mm_compaction_try_to_compact_pages, mms_try_to_compact_pages),
	MMS_TP_PROBE(mm_compaction_finished, mms_compaction_finished),
	MMS_TP_PROBE(mm_compaction_suitable, mms_compaction_suitable),
	MMS_TP_PROBE(mm_compaction_deferred, mms_compaction_deferred),
	MMS_TP_PROBE(mm_compaction_defer_compaction, mms_defer_compaction),
	MMS_TP_PROBE(mm_compaction_defer_reset, mms_defer_reset),
	MMS_TP_PROBE(mm_compaction_kcompactd_sleep, mms_kcompactd_sleep),
	MMS_TP_PROBE(mm_compaction_wakeup_kcompactd, mms_wakeup_kcompactd),
	MMS_TP_PROBE(mm_compaction_kcompactd_wake, mms_kcompactd_wake),
	MMS_TP_PROBE(mm_page_alloc_extfrag, mms_page_alloc_extfrag),
	MMS_TP_PROBE(compact_retry, mms_compact_retry),
};

static struct mms_kp_probe mms_compaction_kprobes[] = {
	MMS_KPROBE(proactive_compact_node, mms_proactive_node),
};

static struct mms_krp_probe mms_compaction_krps[] = {
	MMS_KRETPROBE(try_to_compact_pages, mms_ttcp_entry, mms_ttcp_return,
		      struct mms_cp_ttcp, MMS_CP_MAXACTIVE),
	MMS_KRETPROBE(__alloc_pages_direct_compact, mms_adc_entry,
		      mms_adc_return, struct mms_cp_adc, MMS_CP_MAXACTIVE),
#ifndef MMS_HAVE_TP_COMPACTION_FAST_ISOLATE
	/* At MMS_CP_IFP.  Called under the zone lock: never sleeps inside. */
	MMS_KRETPROBE(__isolate_free_page, NULL, mms_ifp_return, char,
		      MMS_CP_MAXACTIVE),
#endif
};

#else /* !CONFIG_COMPACTION */
#define MMS_NO_COMPACTION "kernel built without CONFIG_COMPACTION"
static struct mms_tp_probe mms_compaction_probes[] = {
	MMS_TP_ABSENT(mm_compaction_try_to_compact_pages, MMS_NO_COMPACTION),
	MMS_TP_ABSENT(mm_compaction_begin, MMS_NO_COMPACTION),
	MMS_TP_ABSENT(mm_compaction_end, MMS_NO_COMPACTION),
	MMS_TP_ABSENT(mm_compaction_kcompactd_wake, MMS_NO_COMPACTION),
};

static struct mms_kp_probe mms_compaction_kprobes[0];
static struct mms_krp_probe mms_compaction_krps[0];
#endif /* CONFIG_COMPACTION */

struct mms_probe_group mms_compaction_group = {
	.system = "compaction",
	.tps = mms_compaction_probes,
	.nr_tps = ARRAY_SIZE(mms_compaction_probes),
	.kps = mms_compaction_kprobes,
	.nr_kps = ARRAY_SIZE(mms_compaction_kprobes),
	.krps = mms_compaction_krps,
	.nr_krps = ARRAY_SIZE(mms_compaction_krps),
};
