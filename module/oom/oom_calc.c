// SPDX-License-Identifier: GPL-2.0
/*
 * OOM forensics: pure arithmetic, shared with kunit/oom_kunit.c.
 *
 * The formulas are those of mm/oom_kill.c and fs/proc/base.c, identical in
 * 6.1.192 and 6.12.117:
 *
 *   oom_badness()     points = rss + swap entries + page-table pages
 *                            + oom_score_adj * (totalpages / 1000)
 *                     (rss = anon + file + shmem, get_mm_rss())
 *   proc_oom_score()  oom_score = (1000 + points * 1000 / totalpages) * 2 / 3
 *                     with totalpages = RAM + swap, 0 for a skipped task
 *
 * and the selection rule of oom_evaluate_task(): a task replaces the one
 * chosen so far unless its points are lower, so among equals the task
 * evaluated last wins.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/oom.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "oom/oom_calc.h"

/**
 * mms_oom_adj_term() - oom_score_adj in pages, as oom_badness() adds it
 * @adj: oom_score_adj, -1000..1000
 * @totalpages: the pages the OOM killer measures against
 *
 * Return: @adj * (@totalpages / 1000); the division comes first, as in
 * the kernel, so a totalpages below 1000 makes the term 0.
 */
long mms_oom_adj_term(long adj, unsigned long totalpages)
{
	return adj * (long)(totalpages / 1000);
}

/**
 * mms_oom_rss() - resident pages, as get_mm_rss() adds them
 * @f: the task's figures
 *
 * Return: anon + file + shmem pages.
 */
unsigned long mms_oom_rss(const struct mms_oom_figures *f)
{
	return f->anon + f->file + f->shmem;
}

/**
 * mms_oom_badness() - the points oom_badness() gives a task it does not skip
 * @f: the task's figures
 * @adj: its oom_score_adj
 * @totalpages: the pages the OOM killer measures against
 *
 * Return: rss + swap entries + page-table pages + the adj term.
 */
long mms_oom_badness(const struct mms_oom_figures *f, long adj,
		     unsigned long totalpages)
{
	long points = mms_oom_rss(f) + f->swapents + f->pgtables;

	return points + mms_oom_adj_term(adj, totalpages);
}

/**
 * mms_oom_proc_score() - /proc/PID/oom_score for a badness
 * @points: oom_badness()'s result, LONG_MIN for a skipped task
 * @totalpages: RAM + swap pages, as proc_oom_score() passes
 *
 * The arithmetic is the kernel's, signed and truncating toward zero, and
 * the result is converted to unsigned long as the kernel's is.
 *
 * Return: the value /proc/PID/oom_score shows, 0 for a skipped task.
 */
unsigned long mms_oom_proc_score(long points, unsigned long totalpages)
{
	if (points == LONG_MIN || !totalpages)
		return 0;
	return (1000 + points * 1000 / (long)totalpages) * 2 / 3;
}

/**
 * mms_oom_cand_has_points() - whether the selection compared this task
 * @c: the candidate
 *
 * Return: true for a scored or origin task.
 */
bool mms_oom_cand_has_points(const struct mms_oom_cand *c)
{
	return c->state == MMS_OOM_CAND_SCORED ||
	       c->state == MMS_OOM_CAND_ORIGIN;
}

/**
 * mms_oom_cand_before() - the ranking order
 * @a: a candidate
 * @b: another
 *
 * Tasks with points come first, highest first, and among equal points the
 * one evaluated later first, since the kernel keeps the last of equals:
 * rank 1 is the task select_bad_process() chose.  Skipped tasks follow in
 * evaluation order.
 *
 * Return: true if @a ranks before @b.
 */
bool mms_oom_cand_before(const struct mms_oom_cand *a,
			 const struct mms_oom_cand *b)
{
	bool pa = mms_oom_cand_has_points(a), pb = mms_oom_cand_has_points(b);

	if (pa != pb)
		return pa;
	if (!pa)
		return a->eval < b->eval;
	if (a->points != b->points)
		return a->points > b->points;
	return a->eval > b->eval;
}

static int mms_oom_cand_cmp(const void *a, const void *b)
{
	if (mms_oom_cand_before(a, b))
		return -1;
	return mms_oom_cand_before(b, a) ? 1 : 0;
}

/**
 * mms_oom_rank() - sort candidates into ranking order
 * @c: the candidates
 * @n: how many
 *
 * Context: any; sort() neither sleeps nor allocates.
 */
void mms_oom_rank(struct mms_oom_cand *c, unsigned int n)
{
	sort(c, n, sizeof(*c), mms_oom_cand_cmp, NULL);
}

/* Restore the heap below c[@i]: each entry ranks after neither child. */
static void mms_oom_heap_down(struct mms_oom_cand *c, unsigned int n,
			      unsigned int i)
{
	for (;;) {
		unsigned int l = 2 * i + 1, r = l + 1, w = i;

		if (l < n && mms_oom_cand_before(&c[w], &c[l]))
			w = l;
		if (r < n && mms_oom_cand_before(&c[w], &c[r]))
			w = r;
		if (w == i)
			return;
		swap(c[i], c[w]);
		i = w;
	}
}

/**
 * mms_oom_cand_keep() - add a candidate to a record's bounded list
 * @c: the list, room for @cap
 * @n: entries in use
 * @cap: room
 * @new: the candidate to add
 * @dropped: incremented for each candidate not kept; zero until the list
 *	first overflows
 *
 * While there is room @new is appended.  When the list is full the
 * candidate that ranks last (among the kept ones and @new) is dropped, so
 * the list always holds the top of the ranking.  From its first overflow
 * on, the list is a heap with the last-ranked entry first, so that each
 * candidate costs O(log @cap), not a scan, under oom_lock; mms_oom_rank()
 * sorts it before it is shown.
 *
 * Return: the new number of entries.
 */
unsigned int mms_oom_cand_keep(struct mms_oom_cand *c, unsigned int n,
			       unsigned int cap, const struct mms_oom_cand *new,
			       unsigned int *dropped)
{
	unsigned int i;

	if (n < cap) {
		c[n] = *new;
		return n + 1;
	}
	if (!cap) {
		(*dropped)++;
		return 0;
	}
	if (!(*dropped)++)
		for (i = n / 2; i-- > 0;)
			mms_oom_heap_down(c, n, i);
	if (mms_oom_cand_before(new, &c[0])) {
		c[0] = *new;
		mms_oom_heap_down(c, n, 0);
	}
	return n;
}

/**
 * mms_oom_retry_last_round() - how many of the newest retry events form the
 *	allocator's last should_reclaim_retry() round
 * @ev: events, oldest first
 * @n: how many
 *
 * One round reports zones in zonelist order, each once, with one order and
 * one no_progress_loops, and stops at the first zone that passes.  Walking
 * back from the newest event, the round ends at a zone seen already, or at
 * a change of order or of no_progress_loops.
 *
 * Return: the number of events, counted from the newest, in the last round.
 */
unsigned int mms_oom_retry_last_round(const struct mms_oom_retry_ev *ev,
				      unsigned int n)
{
	unsigned int k, j;

	if (!n)
		return 0;
	for (k = 1; k < n; k++) {
		const struct mms_oom_retry_ev *e = &ev[n - 1 - k];

		if (e->order != ev[n - 1].order ||
		    e->no_progress_loops != ev[n - 1].no_progress_loops)
			return k;
		for (j = 0; j < k; j++)
			if (ev[n - 1 - j].node == e->node &&
			    ev[n - 1 - j].zone == e->zone)
				return k;
	}
	return n;
}

/**
 * mms_oom_constraint_name() - the name of an &enum oom_constraint
 * @constraint: the constraint
 *
 * Return: "none", "cpuset", "mempolicy", "memcg" or "unknown".
 */
const char *mms_oom_constraint_name(unsigned int constraint)
{
	switch (constraint) {
	case CONSTRAINT_NONE:
		return "none";
	case CONSTRAINT_CPUSET:
		return "cpuset";
	case CONSTRAINT_MEMORY_POLICY:
		return "mempolicy";
	case CONSTRAINT_MEMCG:
		return "memcg";
	default:
		return "unknown";
	}
}

static const char * const mms_oom_cand_state_names[MMS_OOM_CAND_NR_STATES] = {
	[MMS_OOM_CAND_SCORED]		= "scored",
	[MMS_OOM_CAND_ORIGIN]		= "origin",
	[MMS_OOM_CAND_ADJ_MIN]		= "skipped:oom_score_adj_min",
	[MMS_OOM_CAND_EXITING]		= "skipped:exiting",
	[MMS_OOM_CAND_REAPED]		= "skipped:reaped",
	[MMS_OOM_CAND_VFORK]		= "skipped:vfork",
	[MMS_OOM_CAND_UNKILLABLE]	= "skipped:unkillable",
	[MMS_OOM_CAND_VICTIM_DONE]	= "skipped:victim_reaped",
	[MMS_OOM_CAND_VICTIM_EXITING]	= "abort:victim_exiting",
	[MMS_OOM_CAND_INELIGIBLE]	= "skipped:nodes",
	[MMS_OOM_CAND_UNKNOWN]		= "skipped:unknown",
};

/**
 * mms_oom_cand_state_name() - the name of an &enum mms_oom_cand_state
 * @state: the state
 *
 * Return: a word without spaces, "scored", "origin", "skipped:REASON" or
 * "abort:REASON".
 */
const char *mms_oom_cand_state_name(unsigned int state)
{
	if (state >= MMS_OOM_CAND_NR_STATES)
		return "unknown";
	return mms_oom_cand_state_names[state];
}
