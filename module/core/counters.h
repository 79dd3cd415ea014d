/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-CPU event counters (core/counters.c): probes count with
 * mms_count(), views sum every CPU with mms_counters_snapshot().
 */
#ifndef _MMS_CORE_COUNTERS_H
#define _MMS_CORE_COUNTERS_H

#include <linux/mmzone.h>
#include <linux/percpu.h>
#include <linux/types.h>

#include "compaction/compact_calc.h"

/**
 * enum mms_counter - events mmscope counts
 * @MMS_ALLOCSTALL_FIRST: first of the allocstall_<zone> counters, one per
 *	zone up to ZONE_MOVABLE in &enum zone_type order: passes of global
 *	direct reclaim, counted exactly where /proc/vmstat counts them
 * @MMS_ALLOCSTALL_LAST: last of them (allocstall_movable)
 * @MMS_DIRECT_RECLAIM: direct reclaim entries (mm_vmscan_direct_reclaim_begin)
 * @MMS_DIRECT_RECLAIM_END: direct reclaim exits (mm_vmscan_direct_reclaim_end)
 * @MMS_DIRECT_RECLAIM_NONE: direct reclaim exits that reclaimed nothing
 * @MMS_DIRECT_RECLAIMED: pages direct reclaim reports reclaimed
 * @MMS_WAKEUP_KSWAPD: requests to wake kswapd (mm_vmscan_wakeup_kswapd)
 * @MMS_KSWAPD_WAKE: kswapd wake-ups (mm_vmscan_kswapd_wake)
 * @MMS_KSWAPD_SLEEP: kswapd going to sleep (mm_vmscan_kswapd_sleep)
 * @MMS_DIRECT_COMPACT: direct compaction attempts
 *	(mm_compaction_try_to_compact_pages)
 * @MMS_COMPACT_BEGIN: per-zone compaction runs started (mm_compaction_begin)
 * @MMS_COMPACT_END: per-zone compaction runs ended (mm_compaction_end)
 * @MMS_KCOMPACTD_WAKE: kcompactd wake-ups (mm_compaction_kcompactd_wake)
 * @MMS_OOM_MARK_VICTIM: tasks the OOM killer marked as victims (mark_victim)
 * @MMS_OOM_SCORE_ADJ_UPDATE: oom_score_adj writes (oom_score_adj_update)
 * @MMS_OOM_RECLAIM_RETRY_ZONE: per-zone reclaim retry verdicts of the page
 *	allocator (oom:reclaim_retry_zone)
 * @MMS_OOM_COMPACT_RETRY: compaction retry verdicts (oom:compact_retry)
 * @MMS_OOM_WAKE_REAPER: victims handed to the OOM reaper (oom:wake_reaper)
 * @MMS_OOM_START_REAPING: reaping attempts (oom:start_task_reaping)
 * @MMS_OOM_FINISH_REAPING: reaping passes done (oom:finish_task_reaping)
 * @MMS_OOM_SKIP_REAPING: reaping attempts skipped (oom:skip_task_reaping)
 * @MMS_MEMCG_RECLAIM: memcg reclaim entries (mm_vmscan_memcg_reclaim_begin)
 * @MMS_MEMCG_RECLAIM_END: memcg reclaim exits
 * @MMS_MEMCG_RECLAIMED: pages memcg reclaim reports reclaimed
 * @MMS_MEMCG_SOFTLIMIT: memcg soft-limit reclaim entries
 * @MMS_MEMCG_SOFTLIMIT_END: memcg soft-limit reclaim exits
 * @MMS_NODE_RECLAIM: node reclaim entries (mm_vmscan_node_reclaim_begin)
 * @MMS_NODE_RECLAIM_END: node reclaim exits
 * @MMS_NODE_RECLAIMED: pages node reclaim reports reclaimed
 * @MMS_LRU_ISOLATE: mm_vmscan_lru_isolate events
 * @MMS_LRU_ISOLATE_LRU_GEN: those from the multi-gen LRU (6.12)
 * @MMS_LRU_SHRINK_INACTIVE: mm_vmscan_lru_shrink_inactive events
 * @MMS_LRU_SHRINK_ACTIVE: mm_vmscan_lru_shrink_active events
 * @MMS_WRITE_FOLIO: mm_vmscan_write_folio events
 * @MMS_SHRINK_SLAB: mm_shrink_slab_start events (shrinker calls)
 * @MMS_SHRINK_SLAB_END: mm_shrink_slab_end events
 * @MMS_SLAB_SCANNED: objects shrinkers were asked to scan (total_scan of
 *	mm_shrink_slab_start)
 * @MMS_SLAB_LEFT: objects left unscanned (total_scan of mm_shrink_slab_end):
 *	slabs_scanned is what was asked minus what was left
 * @MMS_SLAB_FREED: objects shrinkers report freed (their return value)
 * @MMS_THROTTLED: mm_vmscan_throttled events
 * @MMS_LRU_GEN_EVICT: multi-gen LRU eviction passes (kprobe on
 *	evict_folios()); nonzero means the multi-gen LRU reclaims
 * @MMS_SHRINKER_NESTED: shrinker calls nested in another on the same task
 *	(counted, not timed)
 * @MMS_SHRINKERS_LOST: shrinker calls of shrinkers beyond the per-shrinker
 *	table's capacity (counted in the totals only)
 * @MMS_TASKCTX_LOST: reclaim entries not tracked because every slot of
 *	the task table was in use (their reclaimer may be misfiled)
 * @MMS_TASKCTX_STALE: task-table slots taken over from a task that
 *	exited without its end event, by the task reusing its task_struct
 * @MMS_DIRECT_UNTIMED: direct reclaim exits whose entry was not seen (the
 *	task was in reclaim when the module loaded, or its entry was lost):
 *	counted, not timed, so the direct_reclaim histogram's count is
 *	direct_reclaim_end minus this, exactly
 * @MMS_MEMCG_UNTIMED: the same for memcg and soft-limit reclaim exits
 *	(the memcg_reclaim histogram)
 * @MMS_NODE_UNTIMED: the same for node reclaim exits
 * @MMS_SHRINKER_UNTIMED: the same for shrinker calls (mm_shrink_slab_end
 *	without its start: the shrinker_call histogram's count is
 *	shrink_slab_end minus shrinker_nested minus this)
 * @MMS_CP_EV_FIRST: first of the compaction event counters, one per
 *	event of &enum mms_cp_event, each counted once per firing (the
 *	figures themselves are in debugfs "compaction")
 * @MMS_CP_EV_LAST: last of them
 * @MMS_NR_COUNTERS: number of counters
 */
enum mms_counter {
	MMS_ALLOCSTALL_FIRST,
	MMS_ALLOCSTALL_LAST = MMS_ALLOCSTALL_FIRST + ZONE_MOVABLE,
	MMS_DIRECT_RECLAIM,
	MMS_DIRECT_RECLAIM_END,
	MMS_DIRECT_RECLAIM_NONE,
	MMS_DIRECT_RECLAIMED,
	MMS_WAKEUP_KSWAPD,
	MMS_KSWAPD_WAKE,
	MMS_KSWAPD_SLEEP,
	MMS_DIRECT_COMPACT,
	MMS_COMPACT_BEGIN,
	MMS_COMPACT_END,
	MMS_KCOMPACTD_WAKE,
	MMS_OOM_MARK_VICTIM,
	MMS_OOM_SCORE_ADJ_UPDATE,
	MMS_OOM_RECLAIM_RETRY_ZONE,
	MMS_OOM_COMPACT_RETRY,
	MMS_OOM_WAKE_REAPER,
	MMS_OOM_START_REAPING,
	MMS_OOM_FINISH_REAPING,
	MMS_OOM_SKIP_REAPING,
	MMS_MEMCG_RECLAIM,
	MMS_MEMCG_RECLAIM_END,
	MMS_MEMCG_RECLAIMED,
	MMS_MEMCG_SOFTLIMIT,
	MMS_MEMCG_SOFTLIMIT_END,
	MMS_NODE_RECLAIM,
	MMS_NODE_RECLAIM_END,
	MMS_NODE_RECLAIMED,
	MMS_LRU_ISOLATE,
	MMS_LRU_ISOLATE_LRU_GEN,
	MMS_LRU_SHRINK_INACTIVE,
	MMS_LRU_SHRINK_ACTIVE,
	MMS_WRITE_FOLIO,
	MMS_SHRINK_SLAB,
	MMS_SHRINK_SLAB_END,
	MMS_SLAB_SCANNED,
	MMS_SLAB_LEFT,
	MMS_SLAB_FREED,
	MMS_THROTTLED,
	MMS_LRU_GEN_EVICT,
	MMS_SHRINKER_NESTED,
	MMS_SHRINKERS_LOST,
	MMS_TASKCTX_LOST,
	MMS_TASKCTX_STALE,
	MMS_DIRECT_UNTIMED,
	MMS_MEMCG_UNTIMED,
	MMS_NODE_UNTIMED,
	MMS_SHRINKER_UNTIMED,
	MMS_CP_EV_FIRST,
	MMS_CP_EV_LAST = MMS_CP_EV_FIRST + MMS_NR_CP_EV - 1,
	MMS_NR_COUNTERS
};

/* Orders tracked one by one; higher orders share the last slot. */
#define MMS_NR_ORDERS		16

/**
 * struct mms_cpu_counters - one CPU's share of every counter
 * @v: event counts, indexed by &enum mms_counter
 * @wakeup_kswapd: wakeup_kswapd requests by zone index and order
 * @throttled: reclaim throttling events by reason (VMSCAN_THROTTLE_*)
 * @throttled_usecs: microseconds throttled, by reason
 *
 * Only the owning CPU writes its copy, with this_cpu operations, which are
 * safe against preemption, interrupts and NMIs; readers sum all copies.
 * Every member is an array of unsigned long, so the whole structure sums
 * as one array (see mms_counters_snapshot()).
 */
struct mms_cpu_counters {
	unsigned long v[MMS_NR_COUNTERS];
	unsigned long wakeup_kswapd[MAX_NR_ZONES][MMS_NR_ORDERS];
	unsigned long throttled[NR_VMSCAN_THROTTLE];
	unsigned long throttled_usecs[NR_VMSCAN_THROTTLE];
};

extern struct mms_cpu_counters __percpu *mms_pcpu_counters;
extern const char * const mms_counter_names[MMS_NR_COUNTERS];

/* Count one event: callable from any context, including NMI. */
static __always_inline void mms_count(enum mms_counter c)
{
	this_cpu_inc(mms_pcpu_counters->v[c]);
}

/* Add @n to a counter: callable from any context, including NMI. */
static __always_inline void mms_count_add(enum mms_counter c, unsigned long n)
{
	this_cpu_add(mms_pcpu_counters->v[c], n);
}

int mms_counters_init(void);
void mms_counters_exit(void);
void mms_counters_snapshot(struct mms_cpu_counters *sum);
void mms_percpu_sum(void *sum, const void __percpu *pcpu, size_t size);

#endif /* _MMS_CORE_COUNTERS_H */
