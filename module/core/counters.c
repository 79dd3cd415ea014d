// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU event counters.
 *
 * Each CPU increments its own copy with this_cpu operations: no lock, no
 * atomic shared between CPUs, nothing a probe in reclaim could contend on.
 * A reader sums every possible CPU's copy, so counts survive CPU offline.
 * The sum is exact once the events have stopped, and otherwise trails the
 * writers by whatever is in flight, like /proc/vmstat's event counters.
 */
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/string.h>

#include "core/counters.h"
#include "core/reclaim.h"

struct mms_cpu_counters __percpu *mms_pcpu_counters;
struct mms_reclaim_node __percpu *mms_pcpu_reclaim;

/* Named as /proc/vmstat names them where they mean the same. */
const char * const mms_counter_names[MMS_NR_COUNTERS] = {
#ifdef CONFIG_ZONE_DMA
	[MMS_ALLOCSTALL_FIRST + ZONE_DMA]	= "allocstall_dma",
#endif
#ifdef CONFIG_ZONE_DMA32
	[MMS_ALLOCSTALL_FIRST + ZONE_DMA32]	= "allocstall_dma32",
#endif
	[MMS_ALLOCSTALL_FIRST + ZONE_NORMAL]	= "allocstall_normal",
#ifdef CONFIG_HIGHMEM
	[MMS_ALLOCSTALL_FIRST + ZONE_HIGHMEM]	= "allocstall_high",
#endif
	[MMS_ALLOCSTALL_FIRST + ZONE_MOVABLE]	= "allocstall_movable",
	[MMS_DIRECT_RECLAIM]		= "direct_reclaim",
	[MMS_DIRECT_RECLAIM_END]	= "direct_reclaim_end",
	[MMS_DIRECT_RECLAIM_NONE]	= "direct_reclaim_none",
	[MMS_DIRECT_RECLAIMED]		= "direct_reclaimed",
	[MMS_WAKEUP_KSWAPD]		= "wakeup_kswapd",
	[MMS_KSWAPD_WAKE]		= "kswapd_wake",
	[MMS_KSWAPD_SLEEP]		= "kswapd_sleep",
	[MMS_DIRECT_COMPACT]		= "direct_compact",
	[MMS_COMPACT_BEGIN]		= "compact_begin",
	[MMS_COMPACT_END]		= "compact_end",
	[MMS_KCOMPACTD_WAKE]		= "kcompactd_wake",
	[MMS_OOM_MARK_VICTIM]		= "oom_mark_victim",
	[MMS_OOM_SCORE_ADJ_UPDATE]	= "oom_score_adj_update",
	[MMS_OOM_RECLAIM_RETRY_ZONE]	= "oom_reclaim_retry_zone",
	[MMS_OOM_COMPACT_RETRY]		= "oom_compact_retry",
	[MMS_OOM_WAKE_REAPER]		= "oom_wake_reaper",
	[MMS_OOM_START_REAPING]		= "oom_start_task_reaping",
	[MMS_OOM_FINISH_REAPING]	= "oom_finish_task_reaping",
	[MMS_OOM_SKIP_REAPING]		= "oom_skip_task_reaping",
	[MMS_MEMCG_RECLAIM]		= "memcg_reclaim",
	[MMS_MEMCG_RECLAIM_END]		= "memcg_reclaim_end",
	[MMS_MEMCG_RECLAIMED]		= "memcg_reclaimed",
	[MMS_MEMCG_SOFTLIMIT]		= "memcg_softlimit_reclaim",
	[MMS_MEMCG_SOFTLIMIT_END]	= "memcg_softlimit_reclaim_end",
	[MMS_NODE_RECLAIM]		= "node_reclaim",
	[MMS_NODE_RECLAIM_END]		= "node_reclaim_end",
	[MMS_NODE_RECLAIMED]		= "node_reclaimed",
	[MMS_LRU_ISOLATE]		= "lru_isolate",
	[MMS_LRU_ISOLATE_LRU_GEN]	= "lru_isolate_lru_gen",
	[MMS_LRU_SHRINK_INACTIVE]	= "lru_shrink_inactive",
	[MMS_LRU_SHRINK_ACTIVE]		= "lru_shrink_active",
	[MMS_WRITE_FOLIO]		= "write_folio",
	[MMS_SHRINK_SLAB]		= "shrink_slab",
	[MMS_SHRINK_SLAB_END]		= "shrink_slab_end",
	[MMS_SLAB_SCANNED]		= "slab_to_scan",
	[MMS_SLAB_LEFT]			= "slab_left",
	[MMS_SLAB_FREED]		= "slab_freed",
	[MMS_THROTTLED]			= "throttled",
	[MMS_LRU_GEN_EVICT]		= "lru_gen_evict",
	[MMS_SHRINKER_NESTED]		= "shrinker_nested",
	[MMS_SHRINKERS_LOST]		= "shrinkers_lost",
	[MMS_TASKCTX_LOST]		= "taskctx_lost",
	[MMS_TASKCTX_STALE]		= "taskctx_stale",
	[MMS_DIRECT_UNTIMED]		= "direct_reclaim_untimed",
	[MMS_MEMCG_UNTIMED]		= "memcg_reclaim_untimed",
	[MMS_NODE_UNTIMED]		= "node_reclaim_untimed",
	[MMS_SHRINKER_UNTIMED]		= "shrinker_untimed",
	[MMS_CP_EV_FIRST + MMS_CPE_ISOLATE_MIGRATEPAGES] =
		"compact_isolate_migratepages",
	[MMS_CP_EV_FIRST + MMS_CPE_ISOLATE_FREEPAGES] =
		"compact_isolate_freepages",
	[MMS_CP_EV_FIRST + MMS_CPE_FAST_ISOLATE_FREEPAGES] =
		"compact_fast_isolate_freepages",
	[MMS_CP_EV_FIRST + MMS_CPE_MIGRATEPAGES] = "compact_migratepages",
	[MMS_CP_EV_FIRST + MMS_CPE_FINISHED]	= "compact_finished",
	[MMS_CP_EV_FIRST + MMS_CPE_SUITABLE]	= "compact_suitable",
	[MMS_CP_EV_FIRST + MMS_CPE_DEFERRED]	= "compact_deferred",
	[MMS_CP_EV_FIRST + MMS_CPE_DEFER_COMPACTION] = "compact_defer_compaction",
	[MMS_CP_EV_FIRST + MMS_CPE_DEFER_RESET]	= "compact_defer_reset",
	[MMS_CP_EV_FIRST + MMS_CPE_KCOMPACTD_SLEEP] = "kcompactd_sleep",
	[MMS_CP_EV_FIRST + MMS_CPE_WAKEUP_KCOMPACTD] = "wakeup_kcompactd",
	[MMS_CP_EV_FIRST + MMS_CPE_EXTFRAG]	= "page_alloc_extfrag",
	[MMS_CP_EV_FIRST + MMS_CPE_COMPACT_RETRY] = "compact_retry",
};

/**
 * mms_counters_init() - allocate the per-CPU counters, zeroed
 *
 * Return: 0, or -ENOMEM.
 */
int mms_counters_init(void)
{
	mms_pcpu_counters = alloc_percpu(struct mms_cpu_counters);
	if (!mms_pcpu_counters)
		return -ENOMEM;
	mms_pcpu_reclaim =
		__alloc_percpu(sizeof(struct mms_reclaim_node) * mms_reclaim_rows(),
			       __alignof__(struct mms_reclaim_node));
	if (!mms_pcpu_reclaim)
		goto free_counters;
	return 0;

free_counters:
	free_percpu(mms_pcpu_counters);
	mms_pcpu_counters = NULL;
	return -ENOMEM;
}

/**
 * mms_counters_exit() - free the per-CPU counters
 *
 * Context: only once no probe can run any more.
 */
void mms_counters_exit(void)
{
	free_percpu(mms_pcpu_reclaim);
	mms_pcpu_reclaim = NULL;
	free_percpu(mms_pcpu_counters);
	mms_pcpu_counters = NULL;
}

/**
 * mms_counters_snapshot() - sum every CPU's counters
 * @sum: filled with the sums
 *
 * Context: any; takes no lock.
 */
void mms_counters_snapshot(struct mms_cpu_counters *sum)
{
	BUILD_BUG_ON(sizeof(*sum) % sizeof(unsigned long));
	mms_percpu_sum(sum, mms_pcpu_counters, sizeof(*sum));
}

/**
 * mms_percpu_sum() - sum every possible CPU's copy of an array of
 *	unsigned long
 * @sum: filled with the sums
 * @pcpu: the per-CPU copies
 * @size: bytes of one copy, a multiple of sizeof(unsigned long)
 *
 * Context: any; takes no lock.
 */
void mms_percpu_sum(void *sum, const void __percpu *pcpu, size_t size)
{
	const size_t n = size / sizeof(unsigned long);
	unsigned long *d = sum;
	int cpu;
	size_t i;

	memset(sum, 0, size);
	for_each_possible_cpu(cpu) {
		const unsigned long *c = per_cpu_ptr(pcpu, cpu);

		for (i = 0; i < n; i++)
			d[i] += READ_ONCE(c[i]);
	}
}

/**
 * mms_reclaim_snapshot() - sum every CPU's per-node reclaim matrix
 * @rows: filled with mms_reclaim_rows() sums, one per node and "unknown"
 * @total: filled with the sum of those
 *
 * Context: any; takes no lock.
 */
void mms_reclaim_snapshot(struct mms_reclaim_node *rows,
			  struct mms_reclaim_node *total)
{
	const size_t n = sizeof(*total) / sizeof(unsigned long);
	unsigned int r, nr = mms_reclaim_rows();
	unsigned long *t = (unsigned long *)total;
	int cpu;
	size_t i;

	memset(rows, 0, sizeof(*rows) * nr);
	memset(total, 0, sizeof(*total));
	for_each_possible_cpu(cpu) {
		const struct mms_reclaim_node *c =
			per_cpu_ptr(mms_pcpu_reclaim, cpu);

		for (r = 0; r < nr; r++) {
			const unsigned long *src = (const unsigned long *)&c[r];
			unsigned long *d = (unsigned long *)&rows[r];

			for (i = 0; i < n; i++) {
				unsigned long x = READ_ONCE(src[i]);

				d[i] += x;
				t[i] += x;
			}
		}
	}
}
