// SPDX-License-Identifier: GPL-2.0
/*
 * Storage of mmscope's compaction figures.
 *
 * Counters: one struct mms_cp_run_cpu and one struct mms_cp_cpu per CPU,
 * written with this_cpu operations only, summed over every possible CPU
 * on read, like the module's other counters (counters.c).
 *
 * Runs: compaction events between mm_compaction_begin and
 * mm_compaction_end say neither the zone nor the order nor who compacts,
 * so mm_compaction_begin files the run under its task in a fixed table,
 * allocated with the module (compaction is no time to allocate).  A task
 * claims a free slot near its hash with cmpxchg(), only that task touches
 * the slot until mm_compaction_end frees it, and compact_zone() does not
 * nest, so no lock is needed.  A run that finds no free slot is counted as
 * lost, and its events as outside any run.
 */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "compaction/cc_layout.h"
#include "compaction/compact_stats.h"
#include "core/counters.h"
#include "core/duration.h"

struct mms_cp_cpu __percpu *mms_cp_pcpu;
struct mms_cp_run_cpu __percpu *mms_cp_run_pcpu;

#define MMS_CP_RUN_BITS		8
#define MMS_CP_RUN_SLOTS	BIT(MMS_CP_RUN_BITS)
#define MMS_CP_RUN_PROBES	16	/* slots tried from the hash on */

static struct mms_cp_run mms_cp_runs[MMS_CP_RUN_SLOTS];

static struct mms_cp_run *mms_cp_slot(unsigned int h, unsigned int i)
{
	return &mms_cp_runs[(h + i) & (MMS_CP_RUN_SLOTS - 1)];
}

/**
 * mms_cp_run_begin() - file a run under current
 * @zid: the zone's index
 * @trigger: what started the run
 *
 * Context: any task context; lock-free, does not sleep.
 * Return: the run's slot, or %NULL if none was free (counted as lost).
 */
struct mms_cp_run *mms_cp_run_begin(unsigned int zid,
				    enum mms_cp_trigger trigger)
{
	unsigned int h = hash_ptr(current, MMS_CP_RUN_BITS), i;

	for (i = 0; i < MMS_CP_RUN_PROBES; i++) {
		struct mms_cp_run *r = mms_cp_slot(h, i);

		if (!cmpxchg(&r->task, NULL, current)) {
			r->begin_ns = mms_dur_now();
			r->order = -1;
			r->zid = zid;
			r->trigger = trigger;
			r->pending = 0;
			return r;
		}
	}
	mms_cp_count(MMS_CPG_RUN_LOST, 1);
	return NULL;
}

/**
 * mms_cp_run_find() - current's run in progress
 *
 * Context: any task context; lock-free.
 * Return: the run's slot, or %NULL.
 */
struct mms_cp_run *mms_cp_run_find(void)
{
	unsigned int h = hash_ptr(current, MMS_CP_RUN_BITS), i;

	if (!in_task())
		return NULL;
	for (i = 0; i < MMS_CP_RUN_PROBES; i++) {
		struct mms_cp_run *r = mms_cp_slot(h, i);

		if (READ_ONCE(r->task) == current)
			return r;
	}
	return NULL;
}

/**
 * mms_cp_run_put() - free a run's slot
 * @r: the slot from mms_cp_run_begin() or mms_cp_run_find()
 *
 * Context: the task that owns @r; lock-free.
 */
void mms_cp_run_put(struct mms_cp_run *r)
{
	/* The slot's fields are written before another task may claim it. */
	smp_store_release(&r->task, NULL);
}

/**
 * mms_cp_snapshot() - sum every CPU's compaction figures
 * @sum: filled with the sums
 *
 * Context: any; takes no lock.
 */
void mms_cp_snapshot(struct mms_cp_sum *sum)
{
	BUILD_BUG_ON(sizeof(sum->r) % sizeof(unsigned long));
	BUILD_BUG_ON(sizeof(sum->c) % sizeof(unsigned long));
	mms_percpu_sum(&sum->r, mms_cp_run_pcpu, sizeof(sum->r));
	mms_percpu_sum(&sum->c, mms_cp_pcpu, sizeof(sum->c));
}

/**
 * mms_compaction_init() - allocate the compaction figures, zeroed
 *
 * Return: 0, -EINVAL for a bad struct compact_control layout, or -ENOMEM.
 */
int mms_compaction_init(void)
{
	int ret = mms_cc_layout_init();

	if (ret)
		return ret;
	/* alloc_percpu() refuses more, with a warning, at run time. */
	BUILD_BUG_ON(sizeof(struct mms_cp_run_cpu) > PCPU_MIN_UNIT_SIZE);
	BUILD_BUG_ON(sizeof(struct mms_cp_cpu) > PCPU_MIN_UNIT_SIZE);
	memset(mms_cp_runs, 0, sizeof(mms_cp_runs));
	mms_cp_run_pcpu = alloc_percpu(struct mms_cp_run_cpu);
	if (!mms_cp_run_pcpu)
		return -ENOMEM;
	mms_cp_pcpu = alloc_percpu(struct mms_cp_cpu);
	if (!mms_cp_pcpu)
		goto free_runs;
	return 0;

free_runs:
	free_percpu(mms_cp_run_pcpu);
	mms_cp_run_pcpu = NULL;
	return -ENOMEM;
}

/**
 * mms_compaction_exit() - free the compaction figures
 *
 * Context: only once no probe can run any more.
 */
void mms_compaction_exit(void)
{
	free_percpu(mms_cp_pcpu);
	mms_cp_pcpu = NULL;
	free_percpu(mms_cp_run_pcpu);
	mms_cp_run_pcpu = NULL;
}
