/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope's compaction figures: per-CPU counters by zone, order and
 * trigger, and the compaction runs in progress, by task.
 *
 *   probes_compaction.c   handlers: count with the mms_cp_*() helpers
 *   compaction_stats.c    the per-CPU storage and the run table
 *   view_compaction.c     debugfs "compaction"
 */
#ifndef _MMSCOPE_COMPACTION_STATS_H
#define _MMSCOPE_COMPACTION_STATS_H

#include <linux/mmzone.h>
#include <linux/percpu.h>
#include <linux/types.h>

#include "compaction/compact_calc.h"

/**
 * enum mms_cp_run_field - what compaction runs did, by zone, order, trigger
 * @MMS_CRF_RUNS: runs that ended (mm_compaction_end)
 * @MMS_CRF_MIGRATE_SCANNED: pages the migration scanner scanned: the
 *	kernel's own run total (cc->total_migrate_scanned at
 *	mm_compaction_end) while the struct compact_control layout is in
 *	use (cc_layout.c), else the sum of mm_compaction_isolate_migratepages
 *	nr_scanned
 * @MMS_CRF_FREE_SCANNED: pages the free scanner scanned: the kernel's own
 *	run total, else the sum of mm_compaction_isolate_freepages and, where
 *	the kernel has it, mm_compaction_fast_isolate_freepages nr_scanned
 * @MMS_CRF_MIGRATE_ISOLATED: pages isolated for migration (nr_taken)
 * @MMS_CRF_FREE_ISOLATED: free pages isolated as migration targets
 * @MMS_CRF_MIGRATED: pages migrated (mm_compaction_migratepages)
 * @MMS_CRF_MIGRATE_FAILED: pages that failed to migrate
 * @MMS_CP_NR_RUN_FIELDS: number of fields
 */
enum mms_cp_run_field {
	MMS_CRF_RUNS,
	MMS_CRF_MIGRATE_SCANNED,
	MMS_CRF_FREE_SCANNED,
	MMS_CRF_MIGRATE_ISOLATED,
	MMS_CRF_FREE_ISOLATED,
	MMS_CRF_MIGRATED,
	MMS_CRF_MIGRATE_FAILED,
	MMS_CP_NR_RUN_FIELDS
};

/**
 * enum mms_cp_defer - deferral events, by zone and order
 * @MMS_CPD_DEFERRED: compaction skipped as deferred (mm_compaction_deferred)
 * @MMS_CPD_DEFER: compaction deferred after a failure
 *	(mm_compaction_defer_compaction)
 * @MMS_CPD_RESET: deferral reset after a success
 *	(mm_compaction_defer_reset)
 * @MMS_CP_NR_DEFER: number of them
 */
enum mms_cp_defer {
	MMS_CPD_DEFERRED,
	MMS_CPD_DEFER,
	MMS_CPD_RESET,
	MMS_CP_NR_DEFER
};

/**
 * enum mms_cp_direct - direct compaction outcomes, by order
 * @MMS_CPX_ATTEMPTS: try_to_compact_pages() calls that passed its GFP
 *	check (mm_compaction_try_to_compact_pages)
 * @MMS_CPX_STALLS: try_to_compact_pages() returns other than
 *	COMPACT_SKIPPED: what /proc/vmstat counts as compact_stall
 * @MMS_CPX_SKIPPED: try_to_compact_pages() returns of COMPACT_SKIPPED
 * @MMS_CPX_SUCCESS: __alloc_pages_direct_compact() stalls that returned a
 *	page (compact_success)
 * @MMS_CPX_FAIL: those that returned none (compact_fail)
 * @MMS_CP_NR_DIRECT: number of them
 */
enum mms_cp_direct {
	MMS_CPX_ATTEMPTS,
	MMS_CPX_STALLS,
	MMS_CPX_SKIPPED,
	MMS_CPX_SUCCESS,
	MMS_CPX_FAIL,
	MMS_CP_NR_DIRECT
};

/**
 * enum mms_cp_global - compaction figures with no zone or order
 * @MMS_CPG_BEGIN: runs begun (mm_compaction_begin)
 * @MMS_CPG_END: runs ended (mm_compaction_end)
 * @MMS_CPG_DAEMON_WAKE: kcompactd wake-ups (mm_compaction_kcompactd_wake):
 *	compact_daemon_wake
 * @MMS_CPG_KCOMPACTD_SLEEP: mm_compaction_kcompactd_sleep events
 * @MMS_CPG_WAKEUP_KCOMPACTD: requests to wake kcompactd
 *	(mm_compaction_wakeup_kcompactd)
 * @MMS_CPG_OUT_MIGRATE_SCANNED: migrate-scanner pages scanned outside any
 *	compaction run (alloc_contig_range(): CMA, gigantic pages), which
 *	/proc/vmstat does not count as compact_migrate_scanned
 * @MMS_CPG_OUT_FREE_SCANNED: free-scanner pages scanned outside any run
 * @MMS_CPG_OUT_ISOLATED: pages isolated outside any run, which
 *	/proc/vmstat does count in compact_isolated
 * @MMS_CPG_RUN_LOST: runs not tracked because the run table was full
 *	(their events are counted as outside any run)
 * @MMS_CPG_EXTFRAG: mm_page_alloc_extfrag events
 * @MMS_CPG_PROACTIVE_NODE: proactive_compact_node() calls (kernels before
 *	6.9; later ones have no such function)
 * @MMS_CPG_EV_MIGRATE_SCANNED: nr_scanned of the migrate-scanner events
 *	inside runs, whatever the run figures come from
 * @MMS_CPG_EV_FREE_SCANNED: nr_scanned of the free-scanner events inside
 *	runs
 * @MMS_CP_NR_GLOBAL: number of them
 */
enum mms_cp_global {
	MMS_CPG_BEGIN,
	MMS_CPG_END,
	MMS_CPG_DAEMON_WAKE,
	MMS_CPG_KCOMPACTD_SLEEP,
	MMS_CPG_WAKEUP_KCOMPACTD,
	MMS_CPG_OUT_MIGRATE_SCANNED,
	MMS_CPG_OUT_FREE_SCANNED,
	MMS_CPG_OUT_ISOLATED,
	MMS_CPG_RUN_LOST,
	MMS_CPG_EXTFRAG,
	MMS_CPG_PROACTIVE_NODE,
	MMS_CPG_EV_MIGRATE_SCANNED,
	MMS_CPG_EV_FREE_SCANNED,
	MMS_CP_NR_GLOBAL
};

/* Migratetypes the extfrag matrix keeps apart; larger ones share the last. */
#define MMS_CP_NR_MT	MIGRATE_TYPES

/**
 * struct mms_cp_run_cpu - one CPU's share of the per-run figures
 * @run: by zone index, order slot (mms_cp_order_idx()), trigger and
 *	&enum mms_cp_run_field
 *
 * A per-CPU allocation of its own: with struct mms_cp_cpu it would pass
 * alloc_percpu()'s limit (PCPU_MIN_UNIT_SIZE) on kernels with more than
 * eleven page orders (16 KiB and 64 KiB pages).
 */
struct mms_cp_run_cpu {
	unsigned long run[MAX_NR_ZONES][MMS_CP_NR_ORDERS][MMS_NR_CT]
			 [MMS_CP_NR_RUN_FIELDS];
};

/**
 * struct mms_cp_cpu - one CPU's share of the other compaction figures
 * @end: runs by zone, order slot and the status they ended with
 * @suitable: mm_compaction_suitable verdicts by zone, order, status
 * @finished: mm_compaction_finished verdicts by zone, order, status
 * @defer: deferral events by zone, order and &enum mms_cp_defer
 * @direct: direct compaction by order slot and &enum mms_cp_direct
 * @retry: oom:compact_retry verdicts by order slot, the compact_result
 *	the allocator saw, and the verdict (0 give up, 1 retry)
 * @extfrag: mm_page_alloc_extfrag fallbacks by allocation migratetype,
 *	fallback migratetype and whether the pageblock changed owner
 * @g: &enum mms_cp_global figures
 *
 * Every member is an array of unsigned long, summed as one array.
 */
struct mms_cp_cpu {
	unsigned long end[MAX_NR_ZONES][MMS_CP_NR_ORDERS][MMS_CP_NR_STATUS];
	unsigned long suitable[MAX_NR_ZONES][MMS_CP_NR_ORDERS][MMS_CP_NR_STATUS];
	unsigned long finished[MAX_NR_ZONES][MMS_CP_NR_ORDERS][MMS_CP_NR_STATUS];
	unsigned long defer[MAX_NR_ZONES][MMS_CP_NR_ORDERS][MMS_CP_NR_DEFER];
	unsigned long direct[MMS_CP_NR_ORDERS][MMS_CP_NR_DIRECT];
	unsigned long retry[MMS_CP_NR_ORDERS][MMS_CP_NR_STATUS][2];
	unsigned long extfrag[MMS_CP_NR_MT][MMS_CP_NR_MT][2];
	unsigned long g[MMS_CP_NR_GLOBAL];
};

/**
 * struct mms_cp_sum - every CPU's compaction figures, summed
 * @r: the per-run figures
 * @c: the others
 */
struct mms_cp_sum {
	struct mms_cp_run_cpu r;
	struct mms_cp_cpu c;
};

extern struct mms_cp_cpu __percpu *mms_cp_pcpu;
extern struct mms_cp_run_cpu __percpu *mms_cp_run_pcpu;

/**
 * struct mms_cp_run - a compaction run in progress, in its task's slot
 * @task: the task running it, or %NULL for a free slot
 * @begin_ns: mms_dur_now() at mm_compaction_begin
 * @order: the run's order, from its first mm_compaction_finished event
 *	(which precedes any isolation); -1 for whole-zone runs
 * @zid: the zone's index
 * @trigger: &enum mms_cp_trigger
 * @pending: pages isolated for migration and not yet reported by a
 *	mm_compaction_migratepages event, for kernels whose event does not
 *	say how many pages it tried
 *
 * Runs do not nest: compact_zone() runs one zone at a time in its task.
 */
struct mms_cp_run {
	struct task_struct *task;
	u64 begin_ns;
	int order;
	u8 zid;
	u8 trigger;
	unsigned int pending;
};

struct mms_cp_run *mms_cp_run_begin(unsigned int zid,
				    enum mms_cp_trigger trigger);
struct mms_cp_run *mms_cp_run_find(void);
void mms_cp_run_put(struct mms_cp_run *r);

int mms_compaction_init(void);
void mms_compaction_exit(void);
void mms_cp_snapshot(struct mms_cp_sum *sum);

/* Add @n to a run figure of run @r: callable from any context. */
static __always_inline void mms_cp_run_add(const struct mms_cp_run *r,
					   enum mms_cp_run_field f,
					   unsigned long n)
{
	this_cpu_add(mms_cp_run_pcpu->run[r->zid][mms_cp_order_idx(r->order)]
					 [r->trigger][f], n);
}

/* Count a global figure: callable from any context. */
static __always_inline void mms_cp_count(enum mms_cp_global g,
					 unsigned long n)
{
	this_cpu_add(mms_cp_pcpu->g[g], n);
}

#endif /* _MMSCOPE_COMPACTION_STATS_H */
