// SPDX-License-Identifier: GPL-2.0
/*
 * The module's latency histograms, by id (core/hist_table.h); their views
 * are views/view_hists.c.
 */
#include <linux/build_bug.h>
#include <linux/nodemask.h>

#include "core/hist.h"
#include "core/hist_table.h"

struct mms_hist mms_hists[MMS_NR_HISTS];

const char * const mms_hist_names[MMS_NR_HISTS] = {
	[MMS_H_DIRECT_RECLAIM]	= "direct_reclaim",
	[MMS_H_MEMCG_RECLAIM]	= "memcg_reclaim",
	[MMS_H_NODE_RECLAIM]	= "node_reclaim",
	[MMS_H_KSWAPD_RUN]	= "kswapd_run",
	[MMS_H_SHRINKER_CALL]	= "shrinker_call",
	[MMS_H_DIRECT_ORDER_FIRST + 0]	= "direct_reclaim_order0",
	[MMS_H_DIRECT_ORDER_FIRST + 1]	= "direct_reclaim_order1",
	[MMS_H_DIRECT_ORDER_FIRST + 2]	= "direct_reclaim_order2",
	[MMS_H_DIRECT_ORDER_FIRST + 3]	= "direct_reclaim_order3",
	[MMS_H_DIRECT_ORDER_FIRST + 4]	= "direct_reclaim_order4",
	[MMS_H_DIRECT_ORDER_FIRST + 5]	= "direct_reclaim_order5",
	[MMS_H_DIRECT_ORDER_FIRST + 6]	= "direct_reclaim_order6",
	[MMS_H_DIRECT_ORDER_FIRST + 7]	= "direct_reclaim_order7",
	[MMS_H_DIRECT_ORDER_FIRST + 8]	= "direct_reclaim_order8",
	[MMS_H_DIRECT_ORDER_FIRST + 9]	= "direct_reclaim_order9",
	[MMS_H_DIRECT_ORDER_FIRST + 10]	= "direct_reclaim_order10",
	[MMS_H_KSWAPD_NODE_FIRST + 0]	= "kswapd_run_node0",
	[MMS_H_KSWAPD_NODE_FIRST + 1]	= "kswapd_run_node1",
	[MMS_H_KSWAPD_NODE_FIRST + 2]	= "kswapd_run_node2",
	[MMS_H_KSWAPD_NODE_FIRST + 3]	= "kswapd_run_node3",
	[MMS_H_THROTTLE_FIRST + VMSCAN_THROTTLE_WRITEBACK] = "throttle_writeback",
	[MMS_H_THROTTLE_FIRST + VMSCAN_THROTTLE_ISOLATED] = "throttle_isolated",
	[MMS_H_THROTTLE_FIRST + VMSCAN_THROTTLE_NOPROGRESS] = "throttle_noprogress",
	[MMS_H_THROTTLE_FIRST + VMSCAN_THROTTLE_CONGESTED] = "throttle_congested",
	[MMS_H_DIRECT_COMPACT]	= "direct_compact",
	[MMS_H_KCOMPACTD_RUN]	= "kcompactd_run",
	[MMS_H_COMPACT_RUN_FIRST + MMS_CRE_SUCCESS]	= "compact_run_success",
	[MMS_H_COMPACT_RUN_FIRST + MMS_CRE_COMPLETE]	= "compact_run_complete",
	[MMS_H_COMPACT_RUN_FIRST + MMS_CRE_PARTIAL_SKIPPED] =
		"compact_run_partial_skipped",
	[MMS_H_COMPACT_RUN_FIRST + MMS_CRE_CONTENDED]	= "compact_run_contended",
	[MMS_H_COMPACT_RUN_FIRST + MMS_CRE_OTHER]	= "compact_run_other",
};

static_assert(MMS_HIST_MAX_ORDER == 10 && MMS_HIST_NODES == 4,
	      "name every histogram above");

/**
 * mms_hists_init() - allocate every histogram
 *
 * Return: 0, or -ENOMEM with nothing left allocated.
 */
int mms_hists_init(void)
{
	int i, ret;

	for (i = 0; i < MMS_NR_HISTS; i++) {
		ret = mms_hist_init(&mms_hists[i], mms_hist_names[i]);
		if (ret)
			goto free_hists;
	}
	return 0;

free_hists:
	while (--i >= 0)
		mms_hist_free(&mms_hists[i]);
	return ret;
}

/**
 * mms_hists_exit() - free every histogram
 *
 * Context: only once no probe can run any more.
 */
void mms_hists_exit(void)
{
	int i;

	for (i = 0; i < MMS_NR_HISTS; i++)
		mms_hist_free(&mms_hists[i]);
}
