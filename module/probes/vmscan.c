// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers for the vmscan tracepoints: kswapd, direct, memcg and node
 * reclaim, the LRU lists, shrinkers and throttling.
 *
 * Every handler runs in the reclaim path it observes: it only bumps per-CPU
 * counters and, at reclaim entry and exit, claims or frees its task's slot
 * in the lock-free task table (no sleeping, no allocation, no locks, no
 * printk).
 */
#include <linux/gfp.h>
#include <linux/kprobes.h>
#include <linux/minmax.h>
#include <linux/page-flags.h>
#include <linux/nodemask.h>
#include <linux/ptrace.h>
#include <linux/swap.h>
#include <trace/events/vmscan.h>

#include "core/duration.h"
#include "core/hist.h"
#include "stream/stream.h"
#include "generated/conftest.h"
#include "core/counters.h"
#include "core/reclaim.h"
#include "core/shrinkers.h"
#include "core/taskctx.h"
#include "core/hist_table.h"
#include "probes/probe.h"
#include "zones/wmark.h"

/*
 * The multi-gen LRU (6.12) reports its isolation with the classic event
 * and nr_requested = MAX_LRU_BATCH (<linux/mmzone.h>, with CONFIG_LRU_GEN);
 * the classic LRU never asks for more than SWAP_CLUSTER_MAX at a time.
 */
#ifdef MAX_LRU_BATCH
#define MMS_LRU_GEN_BATCH	MAX_LRU_BATCH
static_assert(SWAP_CLUSTER_MAX < MMS_LRU_GEN_BATCH);
#else
#define MMS_LRU_GEN_BATCH	ULONG_MAX	/* no multi-gen LRU: never */
#endif

static void mms_reclaim_enter(enum mms_reclaimer kind, int order)
{
	mms_taskctx_enter(MMS_CTX_RECLAIM, kind, order);
}

static_assert((int)MMSCOPE_RECLAIMER_KSWAPD == MMS_RC_KSWAPD);
static_assert((int)MMSCOPE_RECLAIMER_DIRECT == MMS_RC_DIRECT);
static_assert((int)MMSCOPE_RECLAIMER_KHUGEPAGED == MMS_RC_KHUGEPAGED);
static_assert((int)MMSCOPE_RECLAIMER_MEMCG == MMS_RC_MEMCG);
static_assert((int)MMSCOPE_RECLAIMER_NODE == MMS_RC_NODE);

/*
 * Record how long current spent in the reclaim of slot @c, and forget it.
 * Direct reclaim is timed by order too.  @end, the exit's record, gets
 * the same duration and the entry's order.
 */
static void mms_reclaim_exit_slot(struct mms_taskctx *c, enum mms_hist_id h,
				  struct mmscope_rec_reclaim *end)
{
	u64 ns;

	if (!c) {
		/* Begun before the module loaded, or its entry was lost. */
		mms_count(h == MMS_H_DIRECT_RECLAIM ? MMS_DIRECT_UNTIMED :
			  h == MMS_H_MEMCG_RECLAIM ? MMS_MEMCG_UNTIMED :
			  MMS_NODE_UNTIMED);
		return;
	}
	ns = mms_dur_since(c->start_ns);
	mms_hist_record(&mms_hists[h], ns);
	if (h == MMS_H_DIRECT_RECLAIM)
		mms_hist_record(&mms_hists[MMS_H_DIRECT_ORDER_FIRST +
					   min_t(u32, c->order, MMS_HIST_MAX_ORDER)],
				ns);
	end->duration_ns = ns;
	end->order = c->order;
	mms_taskctx_exit(c);
}

/* The end of current's direct, memcg or node reclaim. */
static void mms_reclaim_exit(enum mms_hist_id h, struct mmscope_rec_reclaim *end)
{
	struct mms_taskctx *c = mms_taskctx_find(MMS_CTX_RECLAIM);
	struct mms_taskctx *n;

	/* A soft-limit reclaim inside it cannot outlive it. */
	if (c && c->nested) {
		n = mms_taskctx_find(MMS_CTX_NESTED);
		if (n)
			mms_taskctx_exit(n);
	}
	mms_reclaim_exit_slot(c, h, end);
}

/* A reclaim exit's record, before mms_reclaim_exit() times it. */
#define MMS_RECLAIM_END_REC(nr, rc)					\
	{ .nr_reclaimed = (nr), .order = -1, .nid = -1, .reclaimer = (rc) }

/*
 * When each node's kswapd first woke since it last slept: kswapd can be
 * woken again while it runs, and a run lasts until it sleeps.  Only that
 * node's kswapd thread writes its slot.
 */
static u64 mms_kswapd_start[MAX_NUMNODES];

/*
 * Each node's kswapd thread, as it shows itself (at its wakes and as it
 * enters shrink_node()), so that its LRU events, which carry no node, are
 * filed under the one node it serves.
 */
static struct task_struct *mms_kswapd_task[MAX_NUMNODES];

/*
 * The node current reclaims from, as far as known: kswapd's own, or the one
 * a direct, memcg or node reclaimer last entered shrink_node() for.
 */
static int mms_current_nid(void)
{
	struct mms_taskctx *c;
	int nid;

	if (current->flags & PF_KSWAPD) {
		for (nid = 0; nid < nr_node_ids; nid++)
			if (READ_ONCE(mms_kswapd_task[nid]) == current)
				return nid;
		return NUMA_NO_NODE;
	}
	c = mms_taskctx_reclaim();
	return c ? c->nid : NUMA_NO_NODE;
}

static void mms_direct_reclaim_begin(void *data, int order, gfp_t gfp_flags)
{
	mms_count(MMS_DIRECT_RECLAIM);
	mms_stream(DIRECT_RECLAIM_BEGIN, .order = order, .nid = -1,
		   .gfp = (__force u32)gfp_flags,
		   .reclaimer = mms_current_reclaimer());
	/* khugepaged's direct reclaim stays khugepaged's. */
	mms_reclaim_enter(mms_current_reclaimer(), order);
	mms_wmark_state_on_direct_begin(gfp_flags);
}

MMS_TP_CHECK(mm_vmscan_direct_reclaim_begin, mms_direct_reclaim_begin)

static void mms_direct_reclaim_end(void *data, unsigned long nr_reclaimed)
{
	struct mmscope_rec_reclaim end =
		MMS_RECLAIM_END_REC(nr_reclaimed, mms_current_reclaimer());

	mms_count(MMS_DIRECT_RECLAIM_END);
	mms_count_add(MMS_DIRECT_RECLAIMED, nr_reclaimed);
	if (!nr_reclaimed)
		mms_count(MMS_DIRECT_RECLAIM_NONE);
	mms_reclaim_exit(MMS_H_DIRECT_RECLAIM, &end);
	mms_stream_put(DIRECT_RECLAIM_END, &end);
	mms_wmark_state_on_direct_end();
}

MMS_TP_CHECK(mm_vmscan_direct_reclaim_end, mms_direct_reclaim_end)

#ifdef CONFIG_MEMCG
static void mms_memcg_reclaim_begin(void *data, int order, gfp_t gfp_flags)
{
	mms_count(MMS_MEMCG_RECLAIM);
	mms_stream(MEMCG_RECLAIM_BEGIN, .order = order, .nid = -1,
		   .gfp = (__force u32)gfp_flags,
		   .reclaimer = MMSCOPE_RECLAIMER_MEMCG);
	mms_reclaim_enter(MMS_RC_MEMCG, order);
}

static void mms_memcg_reclaim_end(void *data, unsigned long nr_reclaimed)
{
	struct mmscope_rec_reclaim end =
		MMS_RECLAIM_END_REC(nr_reclaimed, MMSCOPE_RECLAIMER_MEMCG);

	mms_count(MMS_MEMCG_RECLAIM_END);
	mms_count_add(MMS_MEMCG_RECLAIMED, nr_reclaimed);
	mms_reclaim_exit(MMS_H_MEMCG_RECLAIM, &end);
	mms_stream_put(MEMCG_RECLAIM_END, &end);
}

/*
 * Cgroup v1 soft-limit reclaim runs from kswapd, and from shrink_zones()
 * inside direct reclaim: there it takes a nested slot, and the direct
 * reclaim's own slot stays open for its end.
 */
static void mms_memcg_softlimit_begin(void *data, int order, gfp_t gfp_flags)
{
	struct mms_taskctx *outer = mms_taskctx_find(MMS_CTX_RECLAIM);

	mms_count(MMS_MEMCG_SOFTLIMIT);
	mms_stream(MEMCG_SOFTLIMIT_BEGIN, .order = order, .nid = -1,
		   .gfp = (__force u32)gfp_flags,
		   .reclaimer = MMSCOPE_RECLAIMER_MEMCG);
	if (outer) {
		outer->nested = 1;
		mms_taskctx_enter(MMS_CTX_NESTED, MMS_RC_MEMCG, order);
	} else {
		mms_reclaim_enter(MMS_RC_MEMCG, order);
	}
}

static void mms_memcg_softlimit_end(void *data, unsigned long nr_reclaimed)
{
	struct mmscope_rec_reclaim end =
		MMS_RECLAIM_END_REC(nr_reclaimed, MMSCOPE_RECLAIMER_MEMCG);
	struct mms_taskctx *c = mms_taskctx_find(MMS_CTX_RECLAIM);

	mms_count(MMS_MEMCG_SOFTLIMIT_END);
	if (c && c->nested) {
		c->nested = 0;
		c = mms_taskctx_find(MMS_CTX_NESTED);
	}
	mms_reclaim_exit_slot(c, MMS_H_MEMCG_RECLAIM, &end);
	mms_stream_put(MEMCG_SOFTLIMIT_END, &end);
}

MMS_TP_CHECK(mm_vmscan_memcg_reclaim_begin, mms_memcg_reclaim_begin)
MMS_TP_CHECK(mm_vmscan_memcg_reclaim_end, mms_memcg_reclaim_end)
MMS_TP_CHECK(mm_vmscan_memcg_softlimit_reclaim_begin, mms_memcg_softlimit_begin)
MMS_TP_CHECK(mm_vmscan_memcg_softlimit_reclaim_end, mms_memcg_softlimit_end)
#endif /* CONFIG_MEMCG */

static void mms_node_reclaim_begin(void *data, int nid, int order,
				   gfp_t gfp_flags)
{
	mms_count(MMS_NODE_RECLAIM);
	mms_stream(NODE_RECLAIM_BEGIN, .order = order, .nid = nid,
		   .gfp = (__force u32)gfp_flags,
		   .reclaimer = MMSCOPE_RECLAIMER_NODE);
	mms_reclaim_enter(MMS_RC_NODE, order);
}

MMS_TP_CHECK(mm_vmscan_node_reclaim_begin, mms_node_reclaim_begin)

static void mms_node_reclaim_end(void *data, unsigned long nr_reclaimed)
{
	struct mmscope_rec_reclaim end =
		MMS_RECLAIM_END_REC(nr_reclaimed, MMSCOPE_RECLAIMER_NODE);

	mms_count(MMS_NODE_RECLAIM_END);
	mms_count_add(MMS_NODE_RECLAIMED, nr_reclaimed);
	mms_reclaim_exit(MMS_H_NODE_RECLAIM, &end);
	mms_stream_put(NODE_RECLAIM_END, &end);
}

MMS_TP_CHECK(mm_vmscan_node_reclaim_end, mms_node_reclaim_end)

static void mms_wakeup_kswapd(void *data, int nid, int zid, int order,
			      gfp_t gfp_flags)
{
	mms_count(MMS_WAKEUP_KSWAPD);
	mms_stream(WAKEUP_KSWAPD, .nid = nid, .zid = zid, .order = order,
		   .gfp = (__force u32)gfp_flags);
	if (zid >= 0 && zid < MAX_NR_ZONES && order >= 0)
		this_cpu_inc(mms_pcpu_counters->wakeup_kswapd[zid]
			     [min(order, MMS_NR_ORDERS - 1)]);
	mms_wmark_state_on_wakeup_kswapd(nid);
}

MMS_TP_CHECK(mm_vmscan_wakeup_kswapd, mms_wakeup_kswapd)

static void mms_kswapd_wake(void *data, int nid, int zid, int order)
{
	mms_count(MMS_KSWAPD_WAKE);
	mms_stream(KSWAPD_WAKE, .nid = nid, .zid = zid, .order = order);
	if (nid >= 0 && nid < MAX_NUMNODES) {
		WRITE_ONCE(mms_kswapd_task[nid], current);
		if (!mms_kswapd_start[nid])
			mms_kswapd_start[nid] = mms_dur_now();
	}
	mms_wmark_state_on_kswapd_wake(nid, zid);
}

MMS_TP_CHECK(mm_vmscan_kswapd_wake, mms_kswapd_wake)

/*
 * Time node @nid's kswapd run, from its first wake after sleeping.
 * Return: its length, 0 if its wake was not seen.
 */
static u64 mms_kswapd_run_end(int nid)
{
	u64 ns;

	if (nid < 0 || nid >= MAX_NUMNODES || !mms_kswapd_start[nid])
		return 0;
	ns = mms_dur_since(mms_kswapd_start[nid]);
	mms_hist_record(&mms_hists[MMS_H_KSWAPD_RUN], ns);
	mms_hist_record(&mms_hists[MMS_H_KSWAPD_NODE_FIRST +
				   min(nid, MMS_HIST_NODES - 1)], ns);
	mms_kswapd_start[nid] = 0;
	return ns;
}

static void mms_kswapd_sleep(void *data, int nid)
{
	u64 run_ns;

	mms_count(MMS_KSWAPD_SLEEP);
	run_ns = mms_kswapd_run_end(nid);
	mms_stream(KSWAPD_SLEEP, .nid = nid, .zid = -1, .order = -1,
		   .run_ns = run_ns);
	mms_wmark_state_on_kswapd_sleep(nid);
}

MMS_TP_CHECK(mm_vmscan_kswapd_sleep, mms_kswapd_sleep)

/*
 * pgscan_* is counted right after isolation, even when shrink_inactive_list()
 * then returns early for having taken nothing (and skips its own event), so
 * scans are counted here, never from mm_vmscan_lru_shrink_inactive.
 * Isolation from an active list is pgrefill, not a scan.
 */
static void mms_lru_isolate_common(int highest_zoneidx, int order,
				   unsigned long nr_requested,
				   unsigned long nr_scanned,
				   unsigned long nr_skipped,
				   unsigned long nr_taken, int lru)
{
	enum mms_reclaimer rc = mms_current_reclaimer();
	int nid = mms_current_nid();
	int file = !!(lru & LRU_FILE);

	mms_count(MMS_LRU_ISOLATE);
	mms_stream(LRU_ISOLATE, .nr_requested = nr_requested,
		   .nr_scanned = nr_scanned, .nr_skipped = nr_skipped,
		   .nr_taken = nr_taken, .highest_zoneidx = highest_zoneidx,
		   .order = order, .lru = lru, .reclaimer = rc);
	if (lru & LRU_ACTIVE) {
		mms_reclaim_add(rc, nid, file, MMS_RF_REFILL_SCANNED, nr_scanned);
		return;
	}
	if (nr_requested == MMS_LRU_GEN_BATCH) {
		/* scan_folios() counts what it isolated as scanned. */
		mms_count(MMS_LRU_ISOLATE_LRU_GEN);
		nr_scanned = nr_taken;
	}
	mms_reclaim_add(rc, nid, file, MMS_RF_SCANNED, nr_scanned);
	mms_reclaim_add(rc, nid, file, MMS_RF_TAKEN, nr_taken);
	mms_reclaim_add(rc, nid, file, MMS_RF_SKIPPED, nr_skipped);
}

#if defined(MMS_HAVE_TP_LRU_ISOLATE_MODE)
static void mms_lru_isolate(void *data, int highest_zoneidx, int order,
			    unsigned long nr_requested,
			    unsigned long nr_scanned, unsigned long nr_skipped,
			    unsigned long nr_taken, isolate_mode_t isolate_mode,
			    int lru)
{
	mms_lru_isolate_common(highest_zoneidx, order, nr_requested,
			       nr_scanned, nr_skipped, nr_taken, lru);
}

MMS_TP_CHECK(mm_vmscan_lru_isolate, mms_lru_isolate)
#define MMS_LRU_ISOLATE_PROBE	MMS_TP_PROBE(mm_vmscan_lru_isolate, mms_lru_isolate)
#elif defined(MMS_HAVE_TP_LRU_ISOLATE_NOMODE)
static void mms_lru_isolate(void *data, int highest_zoneidx, int order,
			    unsigned long nr_requested,
			    unsigned long nr_scanned, unsigned long nr_skipped,
			    unsigned long nr_taken, int lru)
{
	mms_lru_isolate_common(highest_zoneidx, order, nr_requested,
			       nr_scanned, nr_skipped, nr_taken, lru);
}

MMS_TP_CHECK(mm_vmscan_lru_isolate, mms_lru_isolate)
#define MMS_LRU_ISOLATE_PROBE	MMS_TP_PROBE(mm_vmscan_lru_isolate, mms_lru_isolate)
#else
#define MMS_LRU_ISOLATE_PROBE						\
	MMS_TP_ABSENT(mm_vmscan_lru_isolate,				\
		      "no known prototype in this kernel's headers")
#endif

/* @file is 0 or 1 from the classic LRU, an LRU index (0 or 2) from lru_gen. */
static void mms_lru_shrink_inactive(void *data, int nid,
				    unsigned long nr_scanned,
				    unsigned long nr_reclaimed,
				    struct reclaim_stat *stat, int priority,
				    int file)
{
	enum mms_reclaimer rc = mms_current_reclaimer();

	file = !!file;
	mms_count(MMS_LRU_SHRINK_INACTIVE);
	mms_stream(LRU_SHRINK_INACTIVE, .nr_scanned = nr_scanned,
		   .nr_reclaimed = nr_reclaimed, .nr_dirty = stat->nr_dirty,
		   .nr_writeback = stat->nr_writeback,
		   .nr_congested = stat->nr_congested,
		   .nr_immediate = stat->nr_immediate,
		   .nr_activate_anon = stat->nr_activate[0],
		   .nr_activate_file = stat->nr_activate[1],
		   .nr_ref_keep = stat->nr_ref_keep,
		   .nr_unmap_fail = stat->nr_unmap_fail, .nid = nid,
		   .priority = priority, .file = file, .reclaimer = rc);
	mms_reclaim_add(rc, nid, file, MMS_RF_RECLAIMED, nr_reclaimed);
	mms_reclaim_add(rc, nid, file, MMS_RF_DIRTY, stat->nr_dirty);
	mms_reclaim_add(rc, nid, file, MMS_RF_WRITEBACK, stat->nr_writeback);
	mms_reclaim_add(rc, nid, file, MMS_RF_CONGESTED, stat->nr_congested);
	mms_reclaim_add(rc, nid, file, MMS_RF_IMMEDIATE, stat->nr_immediate);
	mms_reclaim_add(rc, nid, file, MMS_RF_ACTIVATED,
			stat->nr_activate[0] + stat->nr_activate[1]);
	mms_reclaim_add(rc, nid, file, MMS_RF_REF_KEEP, stat->nr_ref_keep);
	mms_reclaim_add(rc, nid, file, MMS_RF_UNMAP_FAIL, stat->nr_unmap_fail);
}

MMS_TP_CHECK(mm_vmscan_lru_shrink_inactive, mms_lru_shrink_inactive)

static void mms_lru_shrink_active(void *data, int nid, unsigned long nr_taken,
				  unsigned long nr_active,
				  unsigned long nr_deactivated,
				  unsigned long nr_referenced, int priority,
				  int file)
{
	enum mms_reclaimer rc = mms_current_reclaimer();

	file = !!file;
	mms_count(MMS_LRU_SHRINK_ACTIVE);
	mms_stream(LRU_SHRINK_ACTIVE, .nr_taken = nr_taken,
		   .nr_active = nr_active, .nr_deactivated = nr_deactivated,
		   .nr_referenced = nr_referenced, .nid = nid,
		   .priority = priority, .file = file, .reclaimer = rc);
	mms_reclaim_add(rc, nid, file, MMS_RF_DEACTIVATED, nr_deactivated);
	mms_reclaim_add(rc, nid, file, MMS_RF_REFERENCED, nr_referenced);
}

MMS_TP_CHECK(mm_vmscan_lru_shrink_active, mms_lru_shrink_active)

static void mms_write_folio(void *data, struct folio *folio)
{
	mms_count(MMS_WRITE_FOLIO);
	mms_reclaim_add(mms_current_reclaimer(), folio_nid(folio),
			!folio_test_swapbacked(folio), MMS_RF_WRITTEN,
			folio_nr_pages(folio));
}

MMS_TP_CHECK(mm_vmscan_write_folio, mms_write_folio)

static void mms_shrink_slab_start(void *data, struct shrinker *shr,
				  struct shrink_control *sc,
				  long nr_objects_to_shrink,
				  unsigned long cache_items,
				  unsigned long long delta,
				  unsigned long total_scan, int priority)
{
	struct mms_taskctx *c = mms_taskctx_find(MMS_CTX_SHRINKER);

	mms_count(MMS_SHRINK_SLAB);
	mms_count_add(MMS_SLAB_SCANNED, total_scan);
	mms_shrinker_start(shr, total_scan);
	/* A shrinker that allocates can reach reclaim and shrinkers again. */
	if (c)
		c->depth++;
	else
		mms_taskctx_enter(MMS_CTX_SHRINKER, MMS_RC_DIRECT, 0);
}

MMS_TP_CHECK(mm_shrink_slab_start, mms_shrink_slab_start)

static void mms_shrink_slab_end(void *data, struct shrinker *shr, int nid,
				int shrinker_retval, long unused_scan_cnt,
				long new_scan_cnt, long total_scan)
{
	struct mms_taskctx *c = mms_taskctx_find(MMS_CTX_SHRINKER);
	unsigned long freed = max(shrinker_retval, 0);
	u64 ns = 0;

	mms_count(MMS_SHRINK_SLAB_END);
	if (!c) {
		/*
		 * Started before the probes attached (or its entry was lost):
		 * its start's to_scan was never added, so neither is what is
		 * left of it, nor what it freed.  Counted, not timed.
		 */
		mms_count(MMS_SHRINKER_UNTIMED);
		return;
	}
	mms_count_add(MMS_SLAB_FREED, freed);
	/* total_scan is what is left; it is negative if a shrinker overscanned. */
	mms_count_add(MMS_SLAB_LEFT, (unsigned long)total_scan);
	if (c->depth) {
		c->depth--;
		mms_count(MMS_SHRINKER_NESTED);
	} else {
		ns = mms_dur_since(c->start_ns);
		mms_hist_record(&mms_hists[MMS_H_SHRINKER_CALL], ns);
		mms_taskctx_exit(c);
	}
	mms_shrinker_end(shr, freed, (unsigned long)total_scan, ns);
}

MMS_TP_CHECK(mm_shrink_slab_end, mms_shrink_slab_end)

static void mms_throttled(void *data, int nid, int usec_timeout,
			  int usec_delayed, int reason)
{
	mms_count(MMS_THROTTLED);
	mms_stream(THROTTLED, .nid = nid, .reason = reason,
		   .usec_timeout = usec_timeout, .usec_delayed = usec_delayed);
	if (reason < 0 || reason >= NR_VMSCAN_THROTTLE)
		return;
	this_cpu_inc(mms_pcpu_counters->throttled[reason]);
	if (usec_delayed > 0)
		this_cpu_add(mms_pcpu_counters->throttled_usecs[reason],
			     usec_delayed);
	mms_hist_record(&mms_hists[MMS_H_THROTTLE_FIRST + reason],
			(u64)max(usec_delayed, 0) * NSEC_PER_USEC);
}

MMS_TP_CHECK(mm_vmscan_throttled, mms_throttled)

/*
 * allocstall_<zone>: /proc/vmstat counts one at the top of every pass of
 * do_try_to_free_pages() for global reclaim, and again at each of its
 * retries (6.8+ retries a pass that reclaimed nothing with a full memcg
 * walk), which mm_vmscan_direct_reclaim_begin does not see.  The first thing
 * every pass does is vmpressure_prio(gfp, sc->target_mem_cgroup, priority)
 * at the initial priority, DEF_PRIORITY for every global reclaimer
 * (try_to_free_pages(), shrink_all_memory()); a NULL memcg is exactly the
 * kernel's !cgroup_reclaim() test.  The kernel files the event under
 * sc->reclaim_idx = gfp_zone(gfp); vmpressure_prio() sees the gfp after
 * current_gfp_context(), which differs in zone only for PF_MEMALLOC_PIN
 * tasks: then the total is still exact and the zone may not be.
 */
static int mms_vmpressure_prio(struct kprobe *kp, struct pt_regs *regs)
{
	gfp_t gfp = (__force gfp_t)regs_get_kernel_argument(regs, 0);
	unsigned long memcg = regs_get_kernel_argument(regs, 1);
	int prio = (int)regs_get_kernel_argument(regs, 2);
	enum zone_type zid;

	if (memcg || prio != DEF_PRIORITY)
		return 0;
	zid = gfp_zone(gfp);
	if (zid <= ZONE_MOVABLE)
		mms_count(MMS_ALLOCSTALL_FIRST + zid);
	return 0;
}

/*
 * evict_folios() runs only when the multi-gen LRU reclaims.  On kernels
 * whose multi-gen LRU fires no LRU events (6.1), a count here with no
 * lru_isolate_lru_gen events says the per-LRU figures are incomplete.
 */
static int mms_evict_folios(struct kprobe *kp, struct pt_regs *regs)
{
	mms_count(MMS_LRU_GEN_EVICT);
	return 0;
}

/*
 * shrink_node(pgdat, sc) is where every reclaimer turns to one node: it
 * tells the LRU events that follow, which carry no node, whose they are.
 */
static int mms_shrink_node(struct kprobe *kp, struct pt_regs *regs)
{
	struct pglist_data *pgdat =
		(struct pglist_data *)regs_get_kernel_argument(regs, 0);
	struct mms_taskctx *c;
	int nid = pgdat->node_id;

	if (current->flags & PF_KSWAPD) {
		if (nid >= 0 && nid < MAX_NUMNODES)
			WRITE_ONCE(mms_kswapd_task[nid], current);
		return 0;
	}
	c = mms_taskctx_reclaim();
	if (c)
		c->nid = nid;
	return 0;
}

static struct mms_kp_probe mms_vmscan_kprobes[] = {
	MMS_KPROBE(vmpressure_prio, mms_vmpressure_prio),
	MMS_KPROBE(evict_folios, mms_evict_folios),
	MMS_KPROBE(shrink_node, mms_shrink_node),
};

#define MMS_NO_MEMCG	"kernel built without CONFIG_MEMCG"

static struct mms_tp_probe mms_vmscan_probes[] = {
	MMS_TP_PROBE(mm_vmscan_kswapd_sleep, mms_kswapd_sleep),
	MMS_TP_PROBE(mm_vmscan_kswapd_wake, mms_kswapd_wake),
	MMS_TP_PROBE(mm_vmscan_wakeup_kswapd, mms_wakeup_kswapd),
	MMS_TP_BEGIN(mm_vmscan_direct_reclaim_begin, mms_direct_reclaim_begin,
		     mm_vmscan_direct_reclaim_end),
	MMS_TP_PROBE(mm_vmscan_direct_reclaim_end, mms_direct_reclaim_end),
#ifdef CONFIG_MEMCG
	MMS_TP_BEGIN(mm_vmscan_memcg_reclaim_begin, mms_memcg_reclaim_begin,
		     mm_vmscan_memcg_reclaim_end),
	MMS_TP_PROBE(mm_vmscan_memcg_reclaim_end, mms_memcg_reclaim_end),
	MMS_TP_BEGIN(mm_vmscan_memcg_softlimit_reclaim_begin,
		     mms_memcg_softlimit_begin,
		     mm_vmscan_memcg_softlimit_reclaim_end),
	MMS_TP_PROBE(mm_vmscan_memcg_softlimit_reclaim_end,
		     mms_memcg_softlimit_end),
#else
	MMS_TP_ABSENT(mm_vmscan_memcg_reclaim_begin, MMS_NO_MEMCG),
	MMS_TP_ABSENT(mm_vmscan_memcg_reclaim_end, MMS_NO_MEMCG),
	MMS_TP_ABSENT(mm_vmscan_memcg_softlimit_reclaim_begin, MMS_NO_MEMCG),
	MMS_TP_ABSENT(mm_vmscan_memcg_softlimit_reclaim_end, MMS_NO_MEMCG),
#endif
	MMS_TP_BEGIN(mm_shrink_slab_start, mms_shrink_slab_start,
		     mm_shrink_slab_end),
	MMS_TP_PROBE(mm_shrink_slab_end, mms_shrink_slab_end),
	MMS_LRU_ISOLATE_PROBE,
	MMS_TP_PROBE(mm_vmscan_write_folio, mms_write_folio),
	MMS_TP_PROBE(mm_vmscan_lru_shrink_inactive, mms_lru_shrink_inactive),
	MMS_TP_PROBE(mm_vmscan_lru_shrink_active, mms_lru_shrink_active),
	MMS_TP_BEGIN(mm_vmscan_node_reclaim_begin, mms_node_reclaim_begin,
		     mm_vmscan_node_reclaim_end),
	MMS_TP_PROBE(mm_vmscan_node_reclaim_end, mms_node_reclaim_end),
	MMS_TP_PROBE(mm_vmscan_throttled, mms_throttled),
};

struct mms_probe_group mms_vmscan_group = {
	.system = "vmscan",
	.tps = mms_vmscan_probes,
	.nr_tps = ARRAY_SIZE(mms_vmscan_probes),
	.kps = mms_vmscan_kprobes,
	.nr_kps = ARRAY_SIZE(mms_vmscan_kprobes),
};
