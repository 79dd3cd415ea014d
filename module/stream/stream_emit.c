// SPDX-License-Identifier: GPL-2.0
/*
 * The event stream's records of the existing probes: each helper builds
 * one record from a tracepoint's arguments and emits it.  The probes call
 * them through the inline wrappers of stream.h, which test
 * mms_stream_enabled() first, so a type nobody wants costs one branch.
 *
 * Context: the probes' own (tracepoints of reclaim and compaction): no
 * sleeping, no allocation, no lock.
 */
#include <linux/minmax.h>
#include <linux/nodemask.h>
#include <linux/sched/clock.h>
#include <linux/swap.h>

#include "stream/stream.h"
#include "core/reclaim.h"
#include "core/taskctx.h"

static_assert((int)MMSCOPE_RECLAIMER_KSWAPD == MMS_RC_KSWAPD);
static_assert((int)MMSCOPE_RECLAIMER_DIRECT == MMS_RC_DIRECT);
static_assert((int)MMSCOPE_RECLAIMER_KHUGEPAGED == MMS_RC_KHUGEPAGED);
static_assert((int)MMSCOPE_RECLAIMER_MEMCG == MMS_RC_MEMCG);
static_assert((int)MMSCOPE_RECLAIMER_NODE == MMS_RC_NODE);

/* When each node's kswapd first woke since it last slept; 0 if not seen. */
static u64 mms_stream_kswapd_start[MAX_NUMNODES];

static u32 mms_stream_reclaimer(unsigned int type)
{
	switch (type) {
	case MMSCOPE_REC_MEMCG_RECLAIM_BEGIN:
	case MMSCOPE_REC_MEMCG_RECLAIM_END:
	case MMSCOPE_REC_MEMCG_SOFTLIMIT_BEGIN:
	case MMSCOPE_REC_MEMCG_SOFTLIMIT_END:
		return MMSCOPE_RECLAIMER_MEMCG;
	case MMSCOPE_REC_NODE_RECLAIM_BEGIN:
	case MMSCOPE_REC_NODE_RECLAIM_END:
		return MMSCOPE_RECLAIMER_NODE;
	default:
		return mms_current_reclaimer();
	}
}

/**
 * __mms_stream_reclaim_begin() - a reclaim entry: direct, memcg, soft limit or node
 * @type: its MMSCOPE_REC_*_BEGIN
 * @order: the allocation order
 * @gfp: the allocation's gfp flags
 * @nid: the node for node reclaim, else -1
 */
void __mms_stream_reclaim_begin(unsigned int type, int order, gfp_t gfp,
				int nid)
{
	struct mmscope_rec_reclaim r = {
		.gfp = (__force u32)gfp,
		.order = order,
		.nid = nid,
		.reclaimer = mms_stream_reclaimer(type),
	};

	mms_emit(type, &r, sizeof(r));
}

/**
 * __mms_stream_reclaim_end() - a reclaim exit, timed from current's entry
 * @type: its MMSCOPE_REC_*_END
 * @nr_reclaimed: pages the kernel reports reclaimed
 *
 * Context: before the probe frees current's reclaim context.
 */
void __mms_stream_reclaim_end(unsigned int type, unsigned long nr_reclaimed)
{
	struct mms_taskctx *c = mms_taskctx_find(MMS_CTX_RECLAIM);
	struct mmscope_rec_reclaim r = {
		.nr_reclaimed = nr_reclaimed,
		.order = -1,
		.nid = -1,
		.reclaimer = mms_stream_reclaimer(type),
	};

	if (c) {
		s64 d = (s64)(local_clock() - c->start_ns);

		r.duration_ns = d > 0 ? d : 0;
		r.order = c->order;
	}
	mms_emit(type, &r, sizeof(r));
}

/**
 * __mms_stream_kswapd() - wakeup_kswapd, a kswapd wake or sleep
 * @type: MMSCOPE_REC_WAKEUP_KSWAPD, _KSWAPD_WAKE or _KSWAPD_SLEEP
 * @nid: the node
 * @zid: the highest zone index asked for, -1 for a sleep
 * @order: the order asked for, -1 for a sleep
 * @gfp: the waking allocation's gfp flags, else 0
 */
void __mms_stream_kswapd(unsigned int type, int nid, int zid, int order,
			 gfp_t gfp)
{
	struct mmscope_rec_kswapd r = {
		.nid = nid,
		.zid = zid,
		.order = order,
		.gfp = (__force u32)gfp,
	};
	bool node_ok = nid >= 0 && nid < MAX_NUMNODES;

	/* Only that node's kswapd writes its slot. */
	if (type == MMSCOPE_REC_KSWAPD_WAKE && node_ok &&
	    !mms_stream_kswapd_start[nid])
		mms_stream_kswapd_start[nid] = local_clock();
	if (type == MMSCOPE_REC_KSWAPD_SLEEP && node_ok &&
	    mms_stream_kswapd_start[nid]) {
		s64 d = (s64)(local_clock() - mms_stream_kswapd_start[nid]);

		r.run_ns = d > 0 ? d : 0;
		mms_stream_kswapd_start[nid] = 0;
	}
	mms_emit(type, &r, sizeof(r));
}

/**
 * __mms_stream_lru_isolate() - an LRU isolation batch (mm_vmscan_lru_isolate)
 * @highest_zoneidx: highest eligible zone
 * @order: the reclaim order
 * @nr_requested: pages asked for
 * @nr_scanned: pages scanned
 * @nr_skipped: pages skipped
 * @nr_taken: pages isolated
 * @lru: the LRU list
 */
void __mms_stream_lru_isolate(int highest_zoneidx, int order,
			      unsigned long nr_requested,
			      unsigned long nr_scanned,
			      unsigned long nr_skipped,
			      unsigned long nr_taken, int lru)
{
	struct mmscope_rec_lru_isolate r = {
		.nr_requested = nr_requested,
		.nr_scanned = nr_scanned,
		.nr_skipped = nr_skipped,
		.nr_taken = nr_taken,
		.highest_zoneidx = highest_zoneidx,
		.order = order,
		.lru = lru,
		.reclaimer = mms_current_reclaimer(),
	};

	mms_emit(MMSCOPE_REC_LRU_ISOLATE, &r, sizeof(r));
}

/**
 * __mms_stream_lru_shrink_inactive() - a shrink_inactive_list() batch
 * @nid: the node
 * @nr_scanned: pages scanned
 * @nr_reclaimed: pages reclaimed
 * @stat: what shrink_folio_list() met
 * @priority: the reclaim priority
 * @file: nonzero for the file LRU
 */
void __mms_stream_lru_shrink_inactive(int nid, unsigned long nr_scanned,
				      unsigned long nr_reclaimed,
				      const struct reclaim_stat *stat,
				      int priority, int file)
{
	struct mmscope_rec_lru_shrink_inactive r = {
		.nr_scanned = nr_scanned,
		.nr_reclaimed = nr_reclaimed,
		.nr_dirty = stat->nr_dirty,
		.nr_writeback = stat->nr_writeback,
		.nr_congested = stat->nr_congested,
		.nr_immediate = stat->nr_immediate,
		.nr_activate_anon = stat->nr_activate[0],
		.nr_activate_file = stat->nr_activate[1],
		.nr_ref_keep = stat->nr_ref_keep,
		.nr_unmap_fail = stat->nr_unmap_fail,
		.nid = nid,
		.priority = priority,
		.file = !!file,
		.reclaimer = mms_current_reclaimer(),
	};

	mms_emit(MMSCOPE_REC_LRU_SHRINK_INACTIVE, &r, sizeof(r));
}

/**
 * __mms_stream_lru_shrink_active() - a shrink_active_list() batch
 * @nid: the node
 * @nr_taken: pages isolated
 * @nr_active: pages kept active
 * @nr_deactivated: pages deactivated
 * @nr_referenced: referenced pages met
 * @priority: the reclaim priority
 * @file: nonzero for the file LRU
 */
void __mms_stream_lru_shrink_active(int nid, unsigned long nr_taken,
				    unsigned long nr_active,
				    unsigned long nr_deactivated,
				    unsigned long nr_referenced, int priority,
				    int file)
{
	struct mmscope_rec_lru_shrink_active r = {
		.nr_taken = nr_taken,
		.nr_active = nr_active,
		.nr_deactivated = nr_deactivated,
		.nr_referenced = nr_referenced,
		.nid = nid,
		.priority = priority,
		.file = !!file,
		.reclaimer = mms_current_reclaimer(),
	};

	mms_emit(MMSCOPE_REC_LRU_SHRINK_ACTIVE, &r, sizeof(r));
}

/**
 * __mms_stream_throttled() - reclaim throttling (mm_vmscan_throttled)
 * @nid: the node
 * @usec_timeout: the timeout asked for
 * @usec_delayed: the time throttled
 * @reason: VMSCAN_THROTTLE_*
 */
void __mms_stream_throttled(int nid, int usec_timeout, int usec_delayed,
			    int reason)
{
	struct mmscope_rec_throttled r = {
		.nid = nid,
		.reason = reason,
		.usec_timeout = usec_timeout,
		.usec_delayed = usec_delayed,
	};

	mms_emit(MMSCOPE_REC_THROTTLED, &r, sizeof(r));
}

/**
 * __mms_stream_compact_try() - a direct compaction attempt begins
 * @order: the allocation order
 * @gfp: its gfp flags
 * @prio: the compaction priority
 */
void __mms_stream_compact_try(int order, gfp_t gfp, int prio)
{
	struct mmscope_rec_compact_stall r = {
		.order = order,
		.prio = prio,
		.gfp = (__force u32)gfp,
		.result = -1,
	};

	mms_emit(MMSCOPE_REC_COMPACT_TRY, &r, sizeof(r));
}

/**
 * __mms_stream_compact_run() - a per-zone compaction run begins or ends
 * @type: MMSCOPE_REC_COMPACT_BEGIN or _END
 * @zone_start: the zone's first pfn
 * @zone_end: its end pfn
 * @sync: synchronous compaction
 * @status: the result for _END, -1 for _BEGIN
 */
void __mms_stream_compact_run(unsigned int type, unsigned long zone_start,
			      unsigned long zone_end, bool sync, int status)
{
	struct mmscope_rec_compact_run r = {
		.zone_start = zone_start,
		.zone_end = zone_end,
		.sync = sync,
		.status = status,
		.nid = -1,
		.zid = -1,
	};

	mms_emit(type, &r, sizeof(r));
}

/**
 * __mms_stream_kcompactd() - kcompactd wakes or sleeps
 * @type: MMSCOPE_REC_KCOMPACTD_WAKE or _SLEEP
 * @nid: the node
 * @order: the order asked for, -1 for a sleep
 * @highest_zoneidx: the highest zone asked for, -1 for a sleep
 */
void __mms_stream_kcompactd(unsigned int type, int nid, int order,
			    int highest_zoneidx)
{
	struct mmscope_rec_kcompactd r = {
		.nid = nid,
		.order = order,
		.highest_zoneidx = highest_zoneidx,
	};

	mms_emit(type, &r, sizeof(r));
}

/**
 * __mms_stream_oom_victim() - the OOM killer marked a victim
 * @pid: the victim
 * @uid: its uid, ~0 if unknown
 */
void __mms_stream_oom_victim(int pid, u32 uid)
{
	struct mmscope_rec_oom_victim r = {
		.victim_pid = pid,
		.victim_uid = uid,
	};

	mms_emit(MMSCOPE_REC_OOM_VICTIM, &r, sizeof(r));
}

/**
 * __mms_stream_compact_stall() - a direct compaction attempt ended
 * @order: the allocation order
 * @prio: the compaction priority
 * @gfp: the allocation's gfp flags
 * @result: what try_to_compact_pages() returned
 * @duration_ns: how long it ran
 */
void __mms_stream_compact_stall(int order, int prio, u32 gfp, int result,
				u64 duration_ns)
{
	struct mmscope_rec_compact_stall r = {
		.duration_ns = duration_ns,
		.order = order,
		.prio = prio,
		.gfp = gfp,
		.result = result,
	};

	mms_emit(MMSCOPE_REC_COMPACT_STALL, &r, sizeof(r));
}

/**
 * __mms_stream_extfrag() - an allocation fell back to another migratetype
 * @pfn: the first pfn of the page taken
 * @alloc_order: the order asked for
 * @fallback_order: the order of the block fallen back to
 * @alloc_mt: the migratetype asked for
 * @fallback_mt: the migratetype fallen back to
 * @change_ownership: whether the block now belongs to @alloc_mt
 */
void __mms_stream_extfrag(unsigned long pfn, int alloc_order,
			  int fallback_order, int alloc_mt, int fallback_mt,
			  bool change_ownership)
{
	struct mmscope_rec_extfrag r = {
		.pfn = pfn,
		.alloc_order = alloc_order,
		.fallback_order = fallback_order,
		.alloc_migratetype = alloc_mt,
		.fallback_migratetype = fallback_mt,
		.change_ownership = change_ownership,
	};

	mms_emit(MMSCOPE_REC_EXTFRAG, &r, sizeof(r));
}

/**
 * __mms_stream_wmark() - one zone's watermarks changed
 * @nid: its node
 * @zid: its zone index
 * @old_wmark: its min, low and high before (without boost)
 * @old_boost: its boost before
 * @wmark: its min, low and high after
 * @boost: its boost after
 */
void __mms_stream_wmark(int nid, int zid, const unsigned long *old_wmark,
			unsigned long old_boost, const unsigned long *wmark,
			unsigned long boost)
{
	struct mmscope_rec_wmark r = {
		.min = wmark[WMARK_MIN],
		.low = wmark[WMARK_LOW],
		.high = wmark[WMARK_HIGH],
		.boost = boost,
		.old_min = old_wmark[WMARK_MIN],
		.old_low = old_wmark[WMARK_LOW],
		.old_high = old_wmark[WMARK_HIGH],
		.old_boost = old_boost,
		.nid = nid,
		.zid = zid,
	};

	mms_emit(MMSCOPE_REC_WMARK, &r, sizeof(r));
}
