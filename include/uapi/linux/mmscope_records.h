/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mmscope: the event stream's record types, each described once, for
 * <linux/mmscope.h> (which derives enum mmscope_rec_type from the list)
 * and for tools (which derive the types' names, their decoder and their
 * text, JSON and Perfetto fields).  Part of the user ABI.
 *
 * These are X-macro lists: checkpatch.pl reads them as expressions that
 * want parentheses, so scripts/checkpatch.sh checks this file without
 * the macro-shape rules, and everything else with them.
 */
#ifndef _UAPI_LINUX_MMSCOPE_RECORDS_H
#define _UAPI_LINUX_MMSCOPE_RECORDS_H

/*
 * MMSCOPE_RECORDS(X) - every record type, once, in ABI order.
 *
 * X(TYPE, name, FIELDS): enum mmscope_rec_type's MMSCOPE_REC_<TYPE>, the
 * type's name as tools print it, and its field list
 * MMSCOPE_FIELDS_<FIELDS>(F), below the payload structures in <linux/mmscope.h>.  The enum,
 * the tools' names, their decoder and their text, JSON and Perfetto
 * output are all derived from here: a new type is a line here (at the
 * end: the numbers are ABI), its payload structure and field list, and
 * the probe that produces it.
 *
 * TYPE: what it reports (payload structure)
 * DIRECT_RECLAIM_BEGIN: mm_vmscan_direct_reclaim_begin (mmscope_rec_reclaim)
 * DIRECT_RECLAIM_END: mm_vmscan_direct_reclaim_end
 * MEMCG_RECLAIM_BEGIN: mm_vmscan_memcg_reclaim_begin
 * MEMCG_RECLAIM_END: mm_vmscan_memcg_reclaim_end
 * MEMCG_SOFTLIMIT_BEGIN: mm_vmscan_memcg_softlimit_reclaim_begin
 * MEMCG_SOFTLIMIT_END: mm_vmscan_memcg_softlimit_reclaim_end
 * NODE_RECLAIM_BEGIN: mm_vmscan_node_reclaim_begin
 * NODE_RECLAIM_END: mm_vmscan_node_reclaim_end
 * WAKEUP_KSWAPD: mm_vmscan_wakeup_kswapd (mmscope_rec_kswapd)
 * KSWAPD_WAKE: mm_vmscan_kswapd_wake
 * KSWAPD_SLEEP: mm_vmscan_kswapd_sleep
 * LRU_ISOLATE: mm_vmscan_lru_isolate (mmscope_rec_lru_isolate)
 * LRU_SHRINK_INACTIVE: mm_vmscan_lru_shrink_inactive
 *	(mmscope_rec_lru_shrink_inactive)
 * LRU_SHRINK_ACTIVE: mm_vmscan_lru_shrink_active
 *	(mmscope_rec_lru_shrink_active)
 * THROTTLED: mm_vmscan_throttled (mmscope_rec_throttled)
 * COMPACT_TRY: mm_compaction_try_to_compact_pages
 *	(mmscope_rec_compact_stall, result and duration unset)
 * COMPACT_STALL: a direct compaction attempt ended (mmscope_rec_compact_stall)
 * COMPACT_BEGIN: mm_compaction_begin (mmscope_rec_compact_run)
 * COMPACT_END: mm_compaction_end
 * KCOMPACTD_WAKE: mm_compaction_kcompactd_wake (mmscope_rec_kcompactd)
 * KCOMPACTD_SLEEP: mm_compaction_kcompactd_sleep
 * EXTFRAG: mm_page_alloc_extfrag (mmscope_rec_extfrag)
 * OOM_KILL: a summary of one OOM kill (mmscope_rec_oom_kill)
 * OOM_VICTIM: oom:mark_victim (mmscope_rec_oom_victim)
 * WMARK: a zone's watermarks changed (mmscope_rec_wmark)
 * EPISODE: one pressure episode, stitched (mmscope_rec_episode)
 */
#define MMSCOPE_RECORDS(X)						\
	X(DIRECT_RECLAIM_BEGIN,	direct_reclaim_begin,	RECLAIM_BEGIN)	\
	X(DIRECT_RECLAIM_END,	direct_reclaim_end,	RECLAIM_END)	\
	X(MEMCG_RECLAIM_BEGIN,	memcg_reclaim_begin,	RECLAIM_BEGIN)	\
	X(MEMCG_RECLAIM_END,	memcg_reclaim_end,	RECLAIM_END)	\
	X(MEMCG_SOFTLIMIT_BEGIN, memcg_softlimit_begin,	RECLAIM_BEGIN)	\
	X(MEMCG_SOFTLIMIT_END,	memcg_softlimit_end,	RECLAIM_END)	\
	X(NODE_RECLAIM_BEGIN,	node_reclaim_begin,	RECLAIM_BEGIN)	\
	X(NODE_RECLAIM_END,	node_reclaim_end,	RECLAIM_END)	\
	X(WAKEUP_KSWAPD,	wakeup_kswapd,		WAKEUP_KSWAPD)	\
	X(KSWAPD_WAKE,		kswapd_wake,		KSWAPD_WAKE)	\
	X(KSWAPD_SLEEP,		kswapd_sleep,		KSWAPD_SLEEP)	\
	X(LRU_ISOLATE,		lru_isolate,		LRU_ISOLATE)	\
	X(LRU_SHRINK_INACTIVE,	lru_shrink_inactive,	SHRINK_INACTIVE) \
	X(LRU_SHRINK_ACTIVE,	lru_shrink_active,	SHRINK_ACTIVE)	\
	X(THROTTLED,		throttled,		THROTTLED)	\
	X(COMPACT_TRY,		compact_try,		COMPACT_STALL)	\
	X(COMPACT_STALL,	compact_stall,		COMPACT_STALL)	\
	X(COMPACT_BEGIN,	compact_begin,		COMPACT_RUN)	\
	X(COMPACT_END,		compact_end,		COMPACT_RUN)	\
	X(KCOMPACTD_WAKE,	kcompactd_wake,		KCOMPACTD)	\
	X(KCOMPACTD_SLEEP,	kcompactd_sleep,	KCOMPACTD)	\
	X(EXTFRAG,		extfrag,		EXTFRAG)	\
	X(OOM_KILL,		oom_kill,		OOM_KILL)	\
	X(OOM_VICTIM,		oom_victim,		OOM_VICTIM)	\
	X(WMARK,		wmark,			WMARK)		\
	X(EPISODE,		episode,		EPISODE)

/* enum mmscope_rec_type's entry of a type, for <linux/mmscope.h>. */
#define MMSCOPE_REC_ENUM_ENTRY(type, name, fields)	MMSCOPE_REC_##type,

/*
 * MMSCOPE_FIELDS_<FIELDS>(F) - the fields a record shows, in the order
 * tools print them: F(payload, field, KIND), where payload names struct
 * mmscope_rec_<payload> and KIND how the field reads: DEC (a number, of
 * its own C type's sign), HEX (a number in hex), STR (a NUL-padded char
 * array), RECLAIMER (&enum mmscope_reclaimer, by name), OUTCOME (&enum
 * mmscope_episode_outcome, by name), TASKS (the episode's top tasks:
 * top<N>_pid, top<N>_comm and top<N>_stall_ns of each with a pid).
 * A field a record type leaves unset is simply not listed for it.
 */
#define MMSCOPE_FIELDS_RECLAIM_BEGIN(F)					\
	F(reclaim, order, DEC) F(reclaim, gfp, HEX) F(reclaim, nid, DEC)	\
	F(reclaim, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_RECLAIM_END(F)					\
	F(reclaim, nr_reclaimed, DEC) F(reclaim, duration_ns, DEC)	\
	F(reclaim, order, DEC) F(reclaim, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_KSWAPD(F)						\
	F(kswapd, nid, DEC) F(kswapd, zid, DEC) F(kswapd, order, DEC)
#define MMSCOPE_FIELDS_WAKEUP_KSWAPD(F)					\
	MMSCOPE_FIELDS_KSWAPD(F) F(kswapd, gfp, HEX)
#define MMSCOPE_FIELDS_KSWAPD_WAKE(F)	MMSCOPE_FIELDS_KSWAPD(F)
#define MMSCOPE_FIELDS_KSWAPD_SLEEP(F)					\
	MMSCOPE_FIELDS_KSWAPD(F) F(kswapd, run_ns, DEC)
#define MMSCOPE_FIELDS_LRU_ISOLATE(F)					\
	F(lru_isolate, nr_requested, DEC) F(lru_isolate, nr_scanned, DEC) \
	F(lru_isolate, nr_skipped, DEC) F(lru_isolate, nr_taken, DEC)	\
	F(lru_isolate, lru, DEC) F(lru_isolate, order, DEC)		\
	F(lru_isolate, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_SHRINK_INACTIVE(F)				\
	F(lru_shrink_inactive, nr_scanned, DEC)				\
	F(lru_shrink_inactive, nr_reclaimed, DEC)			\
	F(lru_shrink_inactive, nr_dirty, DEC)				\
	F(lru_shrink_inactive, nr_writeback, DEC)			\
	F(lru_shrink_inactive, nr_congested, DEC)			\
	F(lru_shrink_inactive, nr_immediate, DEC)			\
	F(lru_shrink_inactive, nr_activate_anon, DEC)			\
	F(lru_shrink_inactive, nr_activate_file, DEC)			\
	F(lru_shrink_inactive, nr_ref_keep, DEC)			\
	F(lru_shrink_inactive, nr_unmap_fail, DEC)			\
	F(lru_shrink_inactive, nid, DEC)				\
	F(lru_shrink_inactive, priority, DEC)				\
	F(lru_shrink_inactive, file, DEC)				\
	F(lru_shrink_inactive, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_SHRINK_ACTIVE(F)					\
	F(lru_shrink_active, nr_taken, DEC)				\
	F(lru_shrink_active, nr_active, DEC)				\
	F(lru_shrink_active, nr_deactivated, DEC)			\
	F(lru_shrink_active, nr_referenced, DEC)			\
	F(lru_shrink_active, nid, DEC)					\
	F(lru_shrink_active, priority, DEC)				\
	F(lru_shrink_active, file, DEC)					\
	F(lru_shrink_active, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_THROTTLED(F)					\
	F(throttled, nid, DEC) F(throttled, reason, DEC)		\
	F(throttled, usec_timeout, DEC) F(throttled, usec_delayed, DEC)
#define MMSCOPE_FIELDS_COMPACT_STALL(F)					\
	F(compact_stall, order, DEC) F(compact_stall, prio, DEC)	\
	F(compact_stall, gfp, HEX) F(compact_stall, result, DEC)	\
	F(compact_stall, duration_ns, DEC)
#define MMSCOPE_FIELDS_COMPACT_RUN(F)					\
	F(compact_run, zone_start, HEX) F(compact_run, zone_end, HEX)	\
	F(compact_run, sync, DEC) F(compact_run, status, DEC)		\
	F(compact_run, nid, DEC) F(compact_run, zid, DEC)		\
	F(compact_run, duration_ns, DEC)
#define MMSCOPE_FIELDS_KCOMPACTD(F)					\
	F(kcompactd, nid, DEC) F(kcompactd, order, DEC)			\
	F(kcompactd, highest_zoneidx, DEC)
#define MMSCOPE_FIELDS_EXTFRAG(F)					\
	F(extfrag, pfn, HEX) F(extfrag, alloc_order, DEC)		\
	F(extfrag, fallback_order, DEC)					\
	F(extfrag, alloc_migratetype, DEC)				\
	F(extfrag, fallback_migratetype, DEC)				\
	F(extfrag, change_ownership, DEC)
#define MMSCOPE_FIELDS_OOM_KILL(F)					\
	F(oom_kill, victim_pid, DEC) F(oom_kill, victim_comm, STR)	\
	F(oom_kill, points, DEC) F(oom_kill, totalpages, DEC)		\
	F(oom_kill, victim_rss, DEC) F(oom_kill, victim_swap, DEC)	\
	F(oom_kill, victim_pgtables, DEC)				\
	F(oom_kill, victim_oom_score_adj, DEC)				\
	F(oom_kill, victim_uid, DEC) F(oom_kill, trigger_pid, DEC)	\
	F(oom_kill, trigger_comm, STR) F(oom_kill, constraint, DEC)	\
	F(oom_kill, gfp, HEX) F(oom_kill, order, DEC)			\
	F(oom_kill, nr_candidates, DEC) F(oom_kill, memcg_id, DEC)	\
	F(oom_kill, decision_ns, DEC)
#define MMSCOPE_FIELDS_OOM_VICTIM(F)					\
	F(oom_victim, victim_pid, DEC) F(oom_victim, victim_uid, DEC)
#define MMSCOPE_FIELDS_WMARK(F)						\
	F(wmark, nid, DEC) F(wmark, zid, DEC) F(wmark, min, DEC)	\
	F(wmark, low, DEC) F(wmark, high, DEC) F(wmark, boost, DEC)	\
	F(wmark, old_min, DEC) F(wmark, old_low, DEC)			\
	F(wmark, old_high, DEC) F(wmark, old_boost, DEC)
#define MMSCOPE_FIELDS_EPISODE(F)					\
	F(episode, duration_ns, DEC) F(episode, outcome, OUTCOME)	\
	F(episode, kswapd_run_ns, DEC) F(episode, direct_stall_ns, DEC)	\
	F(episode, compact_stall_ns, DEC)				\
	F(episode, nr_direct_stalls, DEC) F(episode, nr_retries, DEC)	\
	F(episode, nr_compact_stalls, DEC) F(episode, nr_tasks, DEC)	\
	F(episode, oom_victim_pid, DEC) F(episode, tasks, TASKS)

#endif /* _UAPI_LINUX_MMSCOPE_RECORDS_H */
