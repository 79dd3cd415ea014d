/* SPDX-License-Identifier: GPL-2.0 */
/*
 * OOM forensics: the records, and the pure arithmetic on them.
 *
 * Everything here takes plain values, so that kunit/oom_kunit.c can test
 * it: the badness formula of oom_badness(), the normalisation that
 * /proc/PID/oom_score applies to it, the ranking of candidates, the cap on
 * candidates kept per record, and which retry events form the allocator's
 * last round.  oom_calc.c links into the module and into the KUnit suite.
 */
#ifndef _MMSCOPE_OOM_CALC_H
#define _MMSCOPE_OOM_CALC_H

#include <linux/sched.h>
#include <linux/types.h>

/**
 * struct mms_oom_figures - what oom_badness() adds up for one task, in pages
 * @anon: MM_ANONPAGES
 * @file: MM_FILEPAGES
 * @shmem: MM_SHMEMPAGES (rss is @anon + @file + @shmem, as get_mm_rss())
 * @swapents: MM_SWAPENTS, swap entries
 * @pgtables: page-table pages, mm_pgtables_bytes() / PAGE_SIZE
 */
struct mms_oom_figures {
	unsigned long anon;
	unsigned long file;
	unsigned long shmem;
	unsigned long swapents;
	unsigned long pgtables;
};

/**
 * enum mms_oom_cand_state - what the OOM killer made of one task
 * @MMS_OOM_CAND_SCORED: oom_badness() returned points
 * @MMS_OOM_CAND_ORIGIN: oom_task_origin() (swapoff, ksm): chosen with
 *	LONG_MAX points, no badness computed
 * @MMS_OOM_CAND_ADJ_MIN: skipped, oom_score_adj is -1000
 * @MMS_OOM_CAND_EXITING: skipped, no thread has an mm any more
 * @MMS_OOM_CAND_REAPED: skipped, its mm has MMF_OOM_SKIP (reaped, or
 *	exit_mmap() is done with it)
 * @MMS_OOM_CAND_VFORK: skipped, in the middle of vfork()
 * @MMS_OOM_CAND_UNKILLABLE: skipped, init (kernel threads are only counted)
 * @MMS_OOM_CAND_VICTIM_DONE: skipped, an earlier victim already reaped
 * @MMS_OOM_CAND_VICTIM_EXITING: an earlier victim still exiting: the kernel
 *	aborts the selection and kills nobody
 * @MMS_OOM_CAND_INELIGIBLE: skipped, no memory on the nodes the
 *	allocation may use (cpuset or memory policy)
 * @MMS_OOM_CAND_UNKNOWN: oom_badness() returned LONG_MIN for a reason not
 *	seen (the task's lock was busy when its figures were read)
 * @MMS_OOM_CAND_NR_STATES: number of states
 */
enum mms_oom_cand_state {
	MMS_OOM_CAND_SCORED,
	MMS_OOM_CAND_ORIGIN,
	MMS_OOM_CAND_ADJ_MIN,
	MMS_OOM_CAND_EXITING,
	MMS_OOM_CAND_REAPED,
	MMS_OOM_CAND_VFORK,
	MMS_OOM_CAND_UNKILLABLE,
	MMS_OOM_CAND_VICTIM_DONE,
	MMS_OOM_CAND_VICTIM_EXITING,
	MMS_OOM_CAND_INELIGIBLE,
	MMS_OOM_CAND_UNKNOWN,
	MMS_OOM_CAND_NR_STATES
};

/**
 * struct mms_oom_cand - one task the OOM killer evaluated
 * @points: what oom_badness() returned (LONG_MAX for an origin task,
 *	LONG_MIN when skipped)
 * @fig: its figures, read under its task lock just before oom_badness()
 *	read them; valid when @have_fig
 * @pid: the task's pid, as oom_badness() was passed it
 * @tgid: its thread group id
 * @eval: its place in the kernel's evaluation order, from 0
 * @adj: its oom_score_adj
 * @state: &enum mms_oom_cand_state
 * @have_fig: @fig and @adj were read
 * @comm: its comm
 */
struct mms_oom_cand {
	long points;
	struct mms_oom_figures fig;
	pid_t pid;
	pid_t tgid;
	u32 eval;
	s16 adj;
	u8 state;
	u8 have_fig;
	char comm[TASK_COMM_LEN];
};

/**
 * struct mms_oom_retry_ev - one oom:reclaim_retry_zone event: the page
 *	allocator's verdict on one zone in should_reclaim_retry()
 * @ts_ns: local_clock() when it fired
 * @reclaimable: pages reclaim might still free in the zone
 * @available: @reclaimable plus free pages
 * @min_wmark: the zone's min watermark
 * @node: node id
 * @zone: zone index
 * @order: the allocation's order
 * @no_progress_loops: reclaim passes in a row that freed nothing
 * @wmark_check: whether @available would meet the watermark (retry)
 */
struct mms_oom_retry_ev {
	u64 ts_ns;
	unsigned long reclaimable;
	unsigned long available;
	unsigned long min_wmark;
	int node;
	int zone;
	int order;
	int no_progress_loops;
	bool wmark_check;
};

/**
 * struct mms_oom_compact_ev - one oom:compact_retry event
 * @ts_ns: local_clock() when it fired
 * @order: the allocation's order
 * @priority: enum compact_priority
 * @result: enum compact_result (raw, not the tracepoint's feedback map)
 * @retries: compaction retries so far
 * @max_retries: the limit
 * @retry: should_compact_retry()'s verdict
 */
struct mms_oom_compact_ev {
	u64 ts_ns;
	int order;
	int priority;
	int result;
	int retries;
	int max_retries;
	bool retry;
};

long mms_oom_adj_term(long adj, unsigned long totalpages);
unsigned long mms_oom_rss(const struct mms_oom_figures *f);
long mms_oom_badness(const struct mms_oom_figures *f, long adj,
		     unsigned long totalpages);
unsigned long mms_oom_proc_score(long points, unsigned long totalpages);
bool mms_oom_cand_has_points(const struct mms_oom_cand *c);
bool mms_oom_cand_before(const struct mms_oom_cand *a,
			 const struct mms_oom_cand *b);
void mms_oom_rank(struct mms_oom_cand *c, unsigned int n);
unsigned int mms_oom_cand_keep(struct mms_oom_cand *c, unsigned int n,
			       unsigned int cap, const struct mms_oom_cand *new,
			       unsigned int *dropped);
unsigned int mms_oom_retry_last_round(const struct mms_oom_retry_ev *ev,
				      unsigned int n);
const char *mms_oom_constraint_name(unsigned int constraint);
const char *mms_oom_cand_state_name(unsigned int state);

#endif /* _MMSCOPE_OOM_CALC_H */
