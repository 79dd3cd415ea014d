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
 * X(TYPE, name, payload, FIELDS): enum mmscope_rec_type's
 * MMSCOPE_REC_<TYPE>, the type's name as tools print it, its payload
 * (struct mmscope_rec_<payload> of <linux/mmscope.h>) and its field list
 * MMSCOPE_FIELDS_<FIELDS>(F, p) below.  The enum, the module's emitter
 * (mms_stream() of module/stream/stream.h, which checks the payload's
 * type), the tools' names, their decoder and their text, JSON and
 * Perfetto output are all derived from here: a new type is a line here
 * (at the end: the numbers are ABI), its payload structure and field
 * list, and the one mms_stream() call of the probe that produces it.
 *
 * TYPE: what it reports
 * DIRECT_RECLAIM_BEGIN: mm_vmscan_direct_reclaim_begin
 * DIRECT_RECLAIM_END: mm_vmscan_direct_reclaim_end
 * MEMCG_RECLAIM_BEGIN: mm_vmscan_memcg_reclaim_begin
 * MEMCG_RECLAIM_END: mm_vmscan_memcg_reclaim_end
 * MEMCG_SOFTLIMIT_BEGIN: mm_vmscan_memcg_softlimit_reclaim_begin
 * MEMCG_SOFTLIMIT_END: mm_vmscan_memcg_softlimit_reclaim_end
 * NODE_RECLAIM_BEGIN: mm_vmscan_node_reclaim_begin
 * NODE_RECLAIM_END: mm_vmscan_node_reclaim_end
 * WAKEUP_KSWAPD: mm_vmscan_wakeup_kswapd
 * KSWAPD_WAKE: mm_vmscan_kswapd_wake
 * KSWAPD_SLEEP: mm_vmscan_kswapd_sleep
 * LRU_ISOLATE: mm_vmscan_lru_isolate
 * LRU_SHRINK_INACTIVE: mm_vmscan_lru_shrink_inactive
 * LRU_SHRINK_ACTIVE: mm_vmscan_lru_shrink_active
 * THROTTLED: mm_vmscan_throttled
 * COMPACT_TRY: mm_compaction_try_to_compact_pages
 * COMPACT_STALL: a direct compaction attempt ended
 * COMPACT_BEGIN: mm_compaction_begin
 * COMPACT_END: mm_compaction_end
 * KCOMPACTD_WAKE: mm_compaction_kcompactd_wake
 * KCOMPACTD_SLEEP: mm_compaction_kcompactd_sleep
 * EXTFRAG: mm_page_alloc_extfrag
 * OOM_KILL: a summary of one OOM kill
 * OOM_VICTIM: oom:mark_victim
 * WMARK: a zone's watermarks changed
 * EPISODE: one pressure episode, stitched
 */
#define MMSCOPE_RECORDS(X)									\
	X(DIRECT_RECLAIM_BEGIN, direct_reclaim_begin, reclaim, RECLAIM_BEGIN)			\
	X(DIRECT_RECLAIM_END, direct_reclaim_end, reclaim, RECLAIM_END)				\
	X(MEMCG_RECLAIM_BEGIN, memcg_reclaim_begin, reclaim, RECLAIM_BEGIN)			\
	X(MEMCG_RECLAIM_END, memcg_reclaim_end, reclaim, RECLAIM_END)				\
	X(MEMCG_SOFTLIMIT_BEGIN, memcg_softlimit_begin, reclaim, RECLAIM_BEGIN)			\
	X(MEMCG_SOFTLIMIT_END, memcg_softlimit_end, reclaim, RECLAIM_END)			\
	X(NODE_RECLAIM_BEGIN, node_reclaim_begin, reclaim, RECLAIM_BEGIN)			\
	X(NODE_RECLAIM_END, node_reclaim_end, reclaim, RECLAIM_END)				\
	X(WAKEUP_KSWAPD, wakeup_kswapd, kswapd, WAKEUP_KSWAPD)					\
	X(KSWAPD_WAKE, kswapd_wake, kswapd, KSWAPD_WAKE)					\
	X(KSWAPD_SLEEP, kswapd_sleep, kswapd, KSWAPD_SLEEP)					\
	X(LRU_ISOLATE, lru_isolate, lru_isolate, LRU_ISOLATE)					\
	X(LRU_SHRINK_INACTIVE, lru_shrink_inactive, lru_shrink_inactive, SHRINK_INACTIVE)	\
	X(LRU_SHRINK_ACTIVE, lru_shrink_active, lru_shrink_active, SHRINK_ACTIVE)		\
	X(THROTTLED, throttled, throttled, THROTTLED)						\
	X(COMPACT_TRY, compact_try, compact_stall, COMPACT_STALL)				\
	X(COMPACT_STALL, compact_stall, compact_stall, COMPACT_STALL)				\
	X(COMPACT_BEGIN, compact_begin, compact_run, COMPACT_RUN)				\
	X(COMPACT_END, compact_end, compact_run, COMPACT_RUN)					\
	X(KCOMPACTD_WAKE, kcompactd_wake, kcompactd, KCOMPACTD)					\
	X(KCOMPACTD_SLEEP, kcompactd_sleep, kcompactd, KCOMPACTD)				\
	X(EXTFRAG, extfrag, extfrag, EXTFRAG)							\
	X(OOM_KILL, oom_kill, oom_kill, OOM_KILL)						\
	X(OOM_VICTIM, oom_victim, oom_victim, OOM_VICTIM)					\
	X(WMARK, wmark, wmark, WMARK)								\
	X(EPISODE, episode, episode, EPISODE)

/* enum mmscope_rec_type's entry of a type, for <linux/mmscope.h>. */
#define MMSCOPE_REC_ENUM_ENTRY(type, name, payload, fields)	MMSCOPE_REC_##type,

/*
 * A member rec_<TYPE> that points to the type's payload structure: a
 * structure of them maps each type to its payload for typeof() (the
 * module checks each producer's payload with one).
 */
#define MMSCOPE_REC_PAYLOAD_MEMBER(type, name, payload, fields)		\
	struct mmscope_rec_##payload *rec_##type;

/*
 * MMSCOPE_FIELDS_<FIELDS>(F, p) - the fields a record shows, in the order
 * tools print them: F(p, field, KIND), where p is the payload that
 * MMSCOPE_RECORDS() names for the type and KIND how the field reads: DEC
 * (a number, of its own C type's sign), HEX (a number in hex), STR (a
 * NUL-padded char array), RECLAIMER (&enum mmscope_reclaimer, by name),
 * OUTCOME (&enum mmscope_episode_outcome, by name), TASKS (the episode's top tasks:
 * top<N>_pid, top<N>_comm and top<N>_stall_ns of each with a pid).
 * A field a record type leaves unset is simply not listed for it.
 */
#define MMSCOPE_FIELDS_RECLAIM_BEGIN(F, p)				\
	F(p, order, DEC) F(p, gfp, HEX) F(p, nid, DEC)			\
	F(p, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_RECLAIM_END(F, p)				\
	F(p, nr_reclaimed, DEC) F(p, duration_ns, DEC)			\
	F(p, order, DEC) F(p, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_KSWAPD(F, p)					\
	F(p, nid, DEC) F(p, zid, DEC) F(p, order, DEC)
#define MMSCOPE_FIELDS_WAKEUP_KSWAPD(F, p)				\
	MMSCOPE_FIELDS_KSWAPD(F, p) F(p, gfp, HEX)
#define MMSCOPE_FIELDS_KSWAPD_WAKE(F, p)	MMSCOPE_FIELDS_KSWAPD(F, p)
#define MMSCOPE_FIELDS_KSWAPD_SLEEP(F, p)				\
	MMSCOPE_FIELDS_KSWAPD(F, p) F(p, run_ns, DEC)
#define MMSCOPE_FIELDS_LRU_ISOLATE(F, p)				\
	F(p, nr_requested, DEC) F(p, nr_scanned, DEC)			\
	F(p, nr_skipped, DEC) F(p, nr_taken, DEC) F(p, lru, DEC)	\
	F(p, order, DEC) F(p, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_SHRINK_INACTIVE(F, p)				\
	F(p, nr_scanned, DEC) F(p, nr_reclaimed, DEC)			\
	F(p, nr_dirty, DEC) F(p, nr_writeback, DEC)			\
	F(p, nr_congested, DEC) F(p, nr_immediate, DEC)			\
	F(p, nr_activate_anon, DEC) F(p, nr_activate_file, DEC)		\
	F(p, nr_ref_keep, DEC) F(p, nr_unmap_fail, DEC) F(p, nid, DEC)	\
	F(p, priority, DEC) F(p, file, DEC) F(p, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_SHRINK_ACTIVE(F, p)				\
	F(p, nr_taken, DEC) F(p, nr_active, DEC)			\
	F(p, nr_deactivated, DEC) F(p, nr_referenced, DEC)		\
	F(p, nid, DEC) F(p, priority, DEC) F(p, file, DEC)		\
	F(p, reclaimer, RECLAIMER)
#define MMSCOPE_FIELDS_THROTTLED(F, p)					\
	F(p, nid, DEC) F(p, reason, DEC) F(p, usec_timeout, DEC)	\
	F(p, usec_delayed, DEC)
#define MMSCOPE_FIELDS_COMPACT_STALL(F, p)				\
	F(p, order, DEC) F(p, prio, DEC) F(p, gfp, HEX)			\
	F(p, result, DEC) F(p, duration_ns, DEC)
#define MMSCOPE_FIELDS_COMPACT_RUN(F, p)				\
	F(p, zone_start, HEX) F(p, zone_end, HEX) F(p, sync, DEC)	\
	F(p, status, DEC) F(p, nid, DEC) F(p, zid, DEC)			\
	F(p, duration_ns, DEC)
#define MMSCOPE_FIELDS_KCOMPACTD(F, p)					\
	F(p, nid, DEC) F(p, order, DEC) F(p, highest_zoneidx, DEC)
#define MMSCOPE_FIELDS_EXTFRAG(F, p)					\
	F(p, pfn, HEX) F(p, alloc_order, DEC)				\
	F(p, fallback_order, DEC) F(p, alloc_migratetype, DEC)		\
	F(p, fallback_migratetype, DEC) F(p, change_ownership, DEC)
#define MMSCOPE_FIELDS_OOM_KILL(F, p)					\
	F(p, victim_pid, DEC) F(p, victim_comm, STR) F(p, points, DEC)	\
	F(p, totalpages, DEC) F(p, victim_rss, DEC)			\
	F(p, victim_swap, DEC) F(p, victim_pgtables, DEC)		\
	F(p, victim_oom_score_adj, DEC) F(p, victim_uid, DEC)		\
	F(p, trigger_pid, DEC) F(p, trigger_comm, STR)			\
	F(p, constraint, DEC) F(p, gfp, HEX) F(p, order, DEC)		\
	F(p, nr_candidates, DEC) F(p, memcg_id, DEC)			\
	F(p, decision_ns, DEC)
#define MMSCOPE_FIELDS_OOM_VICTIM(F, p)					\
	F(p, victim_pid, DEC) F(p, victim_uid, DEC)
#define MMSCOPE_FIELDS_WMARK(F, p)					\
	F(p, nid, DEC) F(p, zid, DEC) F(p, min, DEC) F(p, low, DEC)	\
	F(p, high, DEC) F(p, boost, DEC) F(p, old_min, DEC)		\
	F(p, old_low, DEC) F(p, old_high, DEC) F(p, old_boost, DEC)
#define MMSCOPE_FIELDS_EPISODE(F, p)					\
	F(p, duration_ns, DEC) F(p, outcome, OUTCOME)			\
	F(p, kswapd_run_ns, DEC) F(p, direct_stall_ns, DEC)		\
	F(p, compact_stall_ns, DEC) F(p, nr_direct_stalls, DEC)		\
	F(p, nr_retries, DEC) F(p, nr_compact_stalls, DEC)		\
	F(p, nr_tasks, DEC) F(p, oom_victim_pid, DEC)			\
	F(p, tasks, TASKS)

#endif /* _UAPI_LINUX_MMSCOPE_RECORDS_H */
