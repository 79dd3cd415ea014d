// SPDX-License-Identifier: GPL-2.0
/*
 * Per-shrinker statistics: calls, objects asked to scan, scanned and
 * freed, and time spent, for each shrinker function.
 *
 * Shrinkers are keyed by their scan_objects() function, which names them
 * (the kernel's shrinker->name exists only with CONFIG_SHRINKER_DEBUG):
 * every superblock's shrinker is super_cache_scan(), so all superblocks
 * share one row.  Keying by function also keeps the table small and free
 * of pointers to shrinkers that may since have been freed.
 *
 * The table is fixed, allocated with the module: a row is claimed with
 * cmpxchg() the first time its function is seen and never freed, so the
 * probes take no lock.  Figures are per-CPU and summed on read.  Calls of
 * shrinkers beyond the table's capacity are counted as shrinkers_lost.
 */
#include <linux/debugfs.h>
#include <linux/percpu.h>
#include <linux/shrinker.h>
#include <linux/string.h>

#include "core/counters.h"
#include "core/shrinkers.h"

#define MMS_SHRINKER_FIELDS	\
	(sizeof(struct mms_shrinker_stat) / sizeof(unsigned long))

static void *mms_shrinker_fn[MMS_NR_SHRINKERS];
static struct mms_shrinker_stat __percpu *mms_shrinker_stats;

/*
 * The row of scan function @fn, claimed if new; -1 when the table is full.
 * Rows are claimed in order and never freed, so a search can stop at the
 * first free row.
 */
static int mms_shrinker_row(void *fn)
{
	int i;

	for (i = 0; i < MMS_NR_SHRINKERS; i++) {
		void *cur = READ_ONCE(mms_shrinker_fn[i]);

		if (cur == fn)
			return i;
		if (!cur) {
			cur = cmpxchg(&mms_shrinker_fn[i], NULL, fn);
			if (!cur || cur == fn)
				return i;
		}
	}
	mms_count(MMS_SHRINKERS_LOST);
	return -1;
}

/* @shr's per-CPU row, or %NULL when there is none. */
static struct mms_shrinker_stat __percpu *mms_shrinker_of(struct shrinker *shr)
{
	int i;

	if (!mms_shrinker_stats)
		return NULL;
	i = mms_shrinker_row(shr->scan_objects);
	return i < 0 ? NULL : mms_shrinker_stats + i;
}

/**
 * mms_shrinker_start() - count a shrinker's turn as it starts
 * @shr: the shrinker, live for the duration of the call
 * @to_scan: the objects it is asked to scan
 *
 * Context: any reclaim context; lock-free.
 */
void mms_shrinker_start(struct shrinker *shr, unsigned long to_scan)
{
	struct mms_shrinker_stat __percpu *st = mms_shrinker_of(shr);

	if (!st)
		return;
	this_cpu_inc(st->calls);
	this_cpu_add(st->to_scan, to_scan);
}

/**
 * mms_shrinker_end() - count a shrinker's turn as it ends
 * @shr: the shrinker
 * @freed: objects it freed
 * @left: objects left unscanned
 * @ns: the turn's duration, 0 if it was not timed
 *
 * Context: any reclaim context; lock-free.
 */
void mms_shrinker_end(struct shrinker *shr, unsigned long freed,
		      unsigned long left, u64 ns)
{
	struct mms_shrinker_stat __percpu *st = mms_shrinker_of(shr);

	if (!st)
		return;
	this_cpu_add(st->freed, freed);
	this_cpu_add(st->left, left);
	this_cpu_add(st->ns, ns);
}

/**
 * mms_shrinkers_init() - allocate the per-CPU table
 *
 * Return: 0 or -ENOMEM.
 */
int mms_shrinkers_init(void)
{
	memset(mms_shrinker_fn, 0, sizeof(mms_shrinker_fn));
	mms_shrinker_stats =
		__alloc_percpu(sizeof(struct mms_shrinker_stat) * MMS_NR_SHRINKERS,
			       __alignof__(struct mms_shrinker_stat));
	return mms_shrinker_stats ? 0 : -ENOMEM;
}

/**
 * mms_shrinkers_exit() - free it
 *
 * Context: only once no probe can run any more.
 */
void mms_shrinkers_exit(void)
{
	free_percpu(mms_shrinker_stats);
	mms_shrinker_stats = NULL;
}

/* Row @i summed over every CPU into @sum. */
static void mms_shrinker_sum(int i, struct mms_shrinker_stat *sum)
{
	unsigned long *d = (unsigned long *)sum;
	int cpu, f;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const unsigned long *s =
			(void *)(per_cpu_ptr(mms_shrinker_stats, cpu) + i);

		for (f = 0; f < MMS_SHRINKER_FIELDS; f++)
			d[f] += READ_ONCE(s[f]);
	}
}

/**
 * mms_shrinker_stat_at() - the figures of table row @i
 * @i: the row, from 0
 * @st: filled with them, summed over every CPU, if the row is in use
 *
 * Return: the row's shrinker function (its scan_objects()), or %NULL for
 * a row not in use, which ends the table.
 */
void *mms_shrinker_stat_at(int i, struct mms_shrinker_stat *st)
{
	void *fn;

	if (i < 0 || i >= MMS_NR_SHRINKERS)
		return NULL;
	fn = READ_ONCE(mms_shrinker_fn[i]);
	if (fn)
		mms_shrinker_sum(i, st);
	return fn;
}

/**
 * mms_shrinker_stat_of() - the figures of shrinker function @fn
 * @fn: its scan_objects()
 * @st: filled with them, summed over every CPU
 *
 * Return: whether @fn has a row.
 */
bool mms_shrinker_stat_of(void *fn, struct mms_shrinker_stat *st)
{
	int i;

	for (i = 0; i < MMS_NR_SHRINKERS; i++) {
		void *cur = READ_ONCE(mms_shrinker_fn[i]);

		if (!cur)
			break;
		if (cur == fn) {
			mms_shrinker_sum(i, st);
			return true;
		}
	}
	return false;
}
