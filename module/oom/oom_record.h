/* SPDX-License-Identifier: GPL-2.0 */
/*
 * OOM forensics: one record per OOM kill, kept in a ring allocated at load.
 *
 *   probes_oom.c    kprobes on the decision path and the oom tracepoints
 *        |  mms_oom_begin() ... mms_oom_end(), mms_oom_reaper_event()
 *        v
 *   oom_record.c    builds the record of the decision in progress, then
 *        |          publishes it into the ring
 *        |  mms_oom_record_copy()
 *        v
 *   view_oom.c      debugfs "oom"
 *
 *   oom_retry.c     the page allocator's last retry verdicts, per task,
 *                   taken into the record of the task that triggers an OOM
 *   oom_calc.c      the arithmetic (badness, oom_score, ranking)
 */
#ifndef _MMSCOPE_OOM_RECORD_H
#define _MMSCOPE_OOM_RECORD_H

#include <linux/types.h>

#include "oom/oom_calc.h"

struct dentry;
struct oom_control;
struct zoneref;

/* Retry events kept per task, and at most in one record. */
#define MMS_OOM_RETRY_EVENTS	8
/* Room for the memcg's path, NUL included; longer paths are cut. */

/**
 * struct mms_oom_reaper - what became of the victim after the kill
 * @wake_ns: local_clock() at oom:wake_reaper, 0 if not seen
 * @start_ns: at the first oom:start_task_reaping, 0 if not seen
 * @finish_ns: at the last oom:finish_task_reaping, 0 if not seen
 * @exit_ns: when the victim released its mm (exit_oom_victim()), 0 if not
 *	seen
 * @starts: oom:start_task_reaping events
 * @finishes: oom:finish_task_reaping events
 * @skips: oom:skip_task_reaping events (mmap_lock busy, or the mm was
 *	already done with)
 */
struct mms_oom_reaper {
	u64 wake_ns;
	u64 start_ns;
	u64 finish_ns;
	u64 exit_ns;
	u32 starts;
	u32 finishes;
	u32 skips;
};

/**
 * struct mms_oom_record - one OOM kill, explained
 * @id: records published before this one since load
 * @start_ns: local_clock() at out_of_memory() entry (dmesg's clock)
 * @select_ns: at oom_kill_process() entry: the victim was chosen
 * @end_ns: at out_of_memory() return
 * @real_ns: wall-clock time at out_of_memory() entry
 * @totalpages: the pages badness was measured against (RAM + swap, a
 *	cpuset's or policy's nodes + swap, or the memcg's limit)
 * @chosen_points: the victim's points (oc->chosen_points)
 * @memcg_id: the cgroup id of the memcg out of memory, 0 if global
 * @kills: tasks killed: the rise of the kernel's own OOM_KILL count
 *	(/proc/vmstat oom_kill) across the decision
 * @gfp: the failed allocation's gfp mask
 * @order: its order (-1 for sysrq)
 * @constraint: &enum oom_constraint
 * @trigger_pid: the task that invoked the OOM killer
 * @trigger_adj: its oom_score_adj
 * @chosen_pid: the task selected (oc->chosen)
 * @victim_pid: the first task marked as victim (oom:mark_victim): the
 *	task of dmesg's "Killed process PID"
 * @victim_uid: its uid, (u32)-1 if unknown
 * @marked: oom:mark_victim events during the decision
 * @evaluated: tasks oom_evaluate_task() looked at, kernel threads included
 * @nr_cands: entries of @cand in use
 * @cands_dropped: candidates not kept for want of room (oom_candidates)
 * @kthreads: kernel threads skipped as unkillable (counted, not listed)
 * @nr_retry: entries of @retry in use: the trigger's last
 *	should_reclaim_retry() round, oldest first
 * @have_compact: @compact holds the trigger's last oom:compact_retry
 * @have_select: oom_kill_process() was seen (@select_ns, @chosen_pid)
 * @allocating_task: the victim was the allocating task, chosen by the
 *	oom_kill_allocating_task sysctl without a selection
 * @retry: the retry round
 * @compact: the last compaction retry verdict
 * @reaper: the reaper's outcome, filled in after publication
 * @trigger_comm: the trigger's comm
 * @chosen_comm: the chosen task's comm
 * @victim_comm: the victim's comm
 * @cand: the candidates, in ranking order once published
 */
struct mms_oom_record {
	u64 id;
	u64 start_ns;
	u64 select_ns;
	u64 end_ns;
	s64 real_ns;
	unsigned long totalpages;
	long chosen_points;
	u64 memcg_id;
	unsigned long kills;
	gfp_t gfp;
	int order;
	u32 constraint;
	pid_t trigger_pid;
	s16 trigger_adj;
	pid_t chosen_pid;
	pid_t victim_pid;
	u32 victim_uid;
	u32 marked;
	u32 evaluated;
	u32 nr_cands;
	u32 cands_dropped;
	u32 kthreads;
	u32 nr_retry;
	bool have_compact;
	bool have_select;
	bool allocating_task;
	struct mms_oom_retry_ev retry[MMS_OOM_RETRY_EVENTS];
	struct mms_oom_compact_ev compact;
	struct mms_oom_reaper reaper;
	char trigger_comm[TASK_COMM_LEN];
	char chosen_comm[TASK_COMM_LEN];
	char victim_comm[TASK_COMM_LEN];
	struct mms_oom_cand cand[];
};

/**
 * struct mms_oom_stats - the recorder's own counts, since load
 * @published: records published (kills explained)
 * @decisions: out_of_memory() calls seen
 * @no_kill: decisions that killed nobody (a victim still exiting, the
 *	allocating task itself exiting, a notifier freed memory, ...)
 * @busy: decisions not recorded because another was in progress
 * @fig_busy: candidates whose figures were not read: their task lock was
 *	busy, or (PREEMPT_RT) the probe ran outside task context
 * @retry_lost: retry events not kept, their task's slot being busy
 * @unranked: global OOM kills recorded with no task evaluated: the
 *	oom_evaluate_task kprobe does not fire there (inlined)
 * @capacity: oom_records
 * @cand_cap: oom_candidates
 */
struct mms_oom_stats {
	u64 published;
	unsigned long decisions;
	unsigned long no_kill;
	unsigned long busy;
	unsigned long fig_busy;
	unsigned long retry_lost;
	unsigned long unranked;
	unsigned int capacity;
	unsigned int cand_cap;
};

/* Reaper events, as the oom tracepoints of the same names. */
enum mms_oom_reaper_ev {
	MMS_REAP_WAKE,
	MMS_REAP_START,
	MMS_REAP_FINISH,
	MMS_REAP_SKIP,
	MMS_REAP_VICTIM_EXIT,
};

int mms_oom_records_init(void);
void mms_oom_records_exit(void);

bool mms_oom_begin(struct oom_control *oc);
void mms_oom_end(struct oom_control *oc);
void mms_oom_evaluate(struct task_struct *p);
bool mms_oom_badness_enter(struct task_struct *p, unsigned long totalpages);
void mms_oom_badness_exit(long points);
void mms_oom_kill_enter(struct oom_control *oc, const char *message);
void mms_oom_victim(struct task_struct *p, pid_t pid, u32 uid);
void mms_oom_reaper_event(pid_t pid, enum mms_oom_reaper_ev ev);
void mms_oom_record_done(const struct mms_oom_record *rec);

size_t mms_oom_record_size(void);
bool mms_oom_record_copy(u64 id, struct mms_oom_record *dst);
void mms_oom_get_stats(struct mms_oom_stats *s);

int mms_oom_retry_init(void);
void mms_oom_retry_exit(void);
void mms_oom_retry_zone(struct zoneref *z, int order,
			unsigned long reclaimable, unsigned long available,
			unsigned long min_wmark, int no_progress_loops,
			bool wmark_check);
void mms_oom_compact_retry(int order, int priority, int result, int retries,
			   int max_retries, bool retry);
void mms_oom_retry_take(struct mms_oom_record *rec);
unsigned long mms_oom_retry_lost(void);

#endif /* _MMSCOPE_OOM_RECORD_H */
