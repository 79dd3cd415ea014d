/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's latency histograms, by id (core/hist_table.c); their
 * views are views/view_hists.c.
 */
#ifndef _MMS_CORE_HIST_TABLE_H
#define _MMS_CORE_HIST_TABLE_H

#include <linux/mmzone.h>

#include "core/hist.h"
#include "compaction/compact_calc.h"

/* Direct reclaim is timed by order up to this one; higher orders share it. */
#define MMS_HIST_MAX_ORDER	10
/* kswapd runs are timed per node below this one; higher nodes share it. */
#define MMS_HIST_NODES		4

/**
 * enum mms_hist_id - the latency histograms
 * @MMS_H_DIRECT_RECLAIM: direct reclaim, begin to end
 * @MMS_H_MEMCG_RECLAIM: memcg reclaim, begin to end (soft limit included)
 * @MMS_H_NODE_RECLAIM: node reclaim, begin to end
 * @MMS_H_KSWAPD_RUN: kswapd, from its first wake after sleeping to its
 *	next sleep, every node
 * @MMS_H_SHRINKER_CALL: one shrinker's turn in do_shrink_slab(), from
 *	mm_shrink_slab_start to mm_shrink_slab_end
 * @MMS_H_DIRECT_ORDER_FIRST: direct reclaim for order 0 ...
 * @MMS_H_DIRECT_ORDER_LAST: ... to %MMS_HIST_MAX_ORDER and above
 * @MMS_H_KSWAPD_NODE_FIRST: kswapd runs of node 0 ...
 * @MMS_H_KSWAPD_NODE_LAST: ... to node %MMS_HIST_NODES - 1 and above
 * @MMS_H_THROTTLE_FIRST: reclaim throttling delays (usec_delayed of
 *	mm_vmscan_throttled), one per &enum vmscan_throttle_state ...
 * @MMS_H_THROTTLE_LAST: ... to the last reason
 * @MMS_H_DIRECT_COMPACT: direct compaction stalls: try_to_compact_pages()
 *	calls that did not return COMPACT_SKIPPED (one per compact_stall)
 * @MMS_H_KCOMPACTD_RUN: kcompactd, from each mm_compaction_kcompactd_wake
 *	to its next mm_compaction_kcompactd_sleep
 * @MMS_H_COMPACT_RUN_FIRST: per-zone compaction runs, mm_compaction_begin
 *	to mm_compaction_end, one histogram per status the run ended with
 *	(&enum mms_cp_run_end, from mms_cp_run_end_idx())
 * @MMS_H_COMPACT_RUN_LAST: the last of them
 * @MMS_NR_HISTS: number of histograms
 */
enum mms_hist_id {
	MMS_H_DIRECT_RECLAIM,
	MMS_H_MEMCG_RECLAIM,
	MMS_H_NODE_RECLAIM,
	MMS_H_KSWAPD_RUN,
	MMS_H_SHRINKER_CALL,
	MMS_H_DIRECT_ORDER_FIRST,
	MMS_H_DIRECT_ORDER_LAST = MMS_H_DIRECT_ORDER_FIRST + MMS_HIST_MAX_ORDER,
	MMS_H_KSWAPD_NODE_FIRST,
	MMS_H_KSWAPD_NODE_LAST = MMS_H_KSWAPD_NODE_FIRST + MMS_HIST_NODES - 1,
	MMS_H_THROTTLE_FIRST,
	MMS_H_THROTTLE_LAST = MMS_H_THROTTLE_FIRST + NR_VMSCAN_THROTTLE - 1,
	MMS_H_DIRECT_COMPACT,
	MMS_H_KCOMPACTD_RUN,
	MMS_H_COMPACT_RUN_FIRST,
	MMS_H_COMPACT_RUN_LAST = MMS_H_COMPACT_RUN_FIRST + MMS_CP_NR_RUN_END - 1,
	MMS_NR_HISTS
};

extern struct mms_hist mms_hists[MMS_NR_HISTS];
extern const char * const mms_hist_names[MMS_NR_HISTS];
int mms_hists_init(void);
void mms_hists_exit(void);

#endif /* _MMS_CORE_HIST_TABLE_H */
