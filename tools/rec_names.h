/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The record types' names, as the mmscope command prints them: one table
 * for the command and the guest's stream reader (tests/workloads/mmsread.c).
 */
#ifndef MMSCOPE_REC_NAMES_H
#define MMSCOPE_REC_NAMES_H

#include <linux/mmscope.h>

static const char *const mms_rec_names[MMSCOPE_REC_NR] = {
	[MMSCOPE_REC_DIRECT_RECLAIM_BEGIN]	= "direct_reclaim_begin",
	[MMSCOPE_REC_DIRECT_RECLAIM_END]	= "direct_reclaim_end",
	[MMSCOPE_REC_MEMCG_RECLAIM_BEGIN]	= "memcg_reclaim_begin",
	[MMSCOPE_REC_MEMCG_RECLAIM_END]		= "memcg_reclaim_end",
	[MMSCOPE_REC_MEMCG_SOFTLIMIT_BEGIN]	= "memcg_softlimit_begin",
	[MMSCOPE_REC_MEMCG_SOFTLIMIT_END]	= "memcg_softlimit_end",
	[MMSCOPE_REC_NODE_RECLAIM_BEGIN]	= "node_reclaim_begin",
	[MMSCOPE_REC_NODE_RECLAIM_END]		= "node_reclaim_end",
	[MMSCOPE_REC_WAKEUP_KSWAPD]		= "wakeup_kswapd",
	[MMSCOPE_REC_KSWAPD_WAKE]		= "kswapd_wake",
	[MMSCOPE_REC_KSWAPD_SLEEP]		= "kswapd_sleep",
	[MMSCOPE_REC_LRU_ISOLATE]		= "lru_isolate",
	[MMSCOPE_REC_LRU_SHRINK_INACTIVE]	= "lru_shrink_inactive",
	[MMSCOPE_REC_LRU_SHRINK_ACTIVE]		= "lru_shrink_active",
	[MMSCOPE_REC_THROTTLED]			= "throttled",
	[MMSCOPE_REC_COMPACT_TRY]		= "compact_try",
	[MMSCOPE_REC_COMPACT_STALL]		= "compact_stall",
	[MMSCOPE_REC_COMPACT_BEGIN]		= "compact_begin",
	[MMSCOPE_REC_COMPACT_END]		= "compact_end",
	[MMSCOPE_REC_KCOMPACTD_WAKE]		= "kcompactd_wake",
	[MMSCOPE_REC_KCOMPACTD_SLEEP]		= "kcompactd_sleep",
	[MMSCOPE_REC_EXTFRAG]			= "extfrag",
	[MMSCOPE_REC_OOM_KILL]			= "oom_kill",
	[MMSCOPE_REC_OOM_VICTIM]		= "oom_victim",
	[MMSCOPE_REC_WMARK]			= "wmark",
	[MMSCOPE_REC_EPISODE]			= "episode",
};

#endif /* MMSCOPE_REC_NAMES_H */
