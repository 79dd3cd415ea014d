// SPDX-License-Identifier: GPL-2.0
/*
 * OOM forensics: the page allocator's retry history, per task.
 *
 * Before the slow path gives up and calls the OOM killer, it asks
 * should_reclaim_retry(), which reports its verdict on each zone as
 * oom:reclaim_retry_zone, and for order > 0 should_compact_retry(), which
 * reports oom:compact_retry.  Both fire in the allocating task, so the
 * task that triggers an OOM has just reported why it stopped retrying:
 * its last events are kept here and copied into its OOM record.
 *
 * One note on what the record can show: the last should_reclaim_retry()
 * call, the one that gives up because no_progress_loops exceeded
 * MAX_RECLAIM_RETRIES (16), returns before reporting any zone, so the last
 * round reported is that of the call before it.
 *
 * A fixed table, hashed by task: a task takes the slot it owns near its
 * hash, or the least recently written one, under a per-slot lock taken
 * with trylock only (a busy slot costs the event, counted as lost).
 */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/hash.h>
#include <linux/mmzone.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "oom/oom_record.h"

#define MMS_RETRY_BITS		7
#define MMS_RETRY_SLOTS		BIT(MMS_RETRY_BITS)
#define MMS_RETRY_PROBES	4

/**
 * struct mms_retry_slot - one task's recent retry events
 * @lock: taken with trylock only
 * @task: the owner, compared and never dereferenced
 * @pid: the owner's pid, so that a reused task_struct is not mistaken
 * @last_ns: local_clock() of the newest event
 * @n: events written, @ev[n % MMS_OOM_RETRY_EVENTS] is the next
 * @have_compact: @compact is set
 * @ev: a ring of reclaim_retry_zone events
 * @compact: the last compact_retry event
 */
struct mms_retry_slot {
	raw_spinlock_t lock;
	struct task_struct *task;
	pid_t pid;
	u64 last_ns;
	unsigned int n;
	bool have_compact;
	struct mms_oom_retry_ev ev[MMS_OOM_RETRY_EVENTS];
	struct mms_oom_compact_ev compact;
};

static struct mms_retry_slot *mms_retry_table;
static atomic_long_t mms_retry_lost_count;

/**
 * mms_oom_retry_init() - allocate the table
 *
 * Return: 0 or -ENOMEM.
 */
int mms_oom_retry_init(void)
{
	unsigned int i;

	mms_retry_table = kcalloc(MMS_RETRY_SLOTS, sizeof(*mms_retry_table),
				  GFP_KERNEL);
	if (!mms_retry_table)
		return -ENOMEM;
	for (i = 0; i < MMS_RETRY_SLOTS; i++)
		raw_spin_lock_init(&mms_retry_table[i].lock);
	atomic_long_set(&mms_retry_lost_count, 0);
	return 0;
}

/**
 * mms_oom_retry_exit() - free the table, once no probe can run
 */
void mms_oom_retry_exit(void)
{
	kfree(mms_retry_table);
	mms_retry_table = NULL;
}

/**
 * mms_oom_retry_lost() - events not kept because a slot was busy
 *
 * Return: the count since load.
 */
unsigned long mms_oom_retry_lost(void)
{
	return atomic_long_read(&mms_retry_lost_count);
}

static struct mms_retry_slot *mms_retry_slot_at(unsigned int h, unsigned int i)
{
	return &mms_retry_table[(h + i) & (MMS_RETRY_SLOTS - 1)];
}

/* Current's slot near its hash, else the least recently written one. */
static struct mms_retry_slot *mms_retry_pick(void)
{
	unsigned int h = hash_ptr(current, MMS_RETRY_BITS), i;
	struct mms_retry_slot *s, *pick = NULL;

	for (i = 0; i < MMS_RETRY_PROBES; i++) {
		s = mms_retry_slot_at(h, i);
		if (READ_ONCE(s->task) == current &&
		    READ_ONCE(s->pid) == current->pid)
			return s;
		if (!pick || READ_ONCE(s->last_ns) < READ_ONCE(pick->last_ns))
			pick = s;
	}
	return pick;
}

/* Make the locked slot @s current's, emptied if it was another task's. */
static void mms_retry_claim(struct mms_retry_slot *s)
{
	if (s->task != current || s->pid != current->pid) {
		s->task = current;
		s->pid = current->pid;
		s->n = 0;
		s->have_compact = false;
	}
	s->last_ns = local_clock();
}

/* Keep one event, @ev or @c, in current's slot. */
static void mms_retry_store(const struct mms_oom_retry_ev *ev,
			    const struct mms_oom_compact_ev *c)
{
	struct mms_retry_slot *s;
	unsigned long flags;

	if (!mms_retry_table)
		return;
	s = mms_retry_pick();
	if (!raw_spin_trylock_irqsave(&s->lock, flags)) {
		atomic_long_inc(&mms_retry_lost_count);
		return;
	}
	mms_retry_claim(s);
	if (ev) {
		s->ev[s->n % MMS_OOM_RETRY_EVENTS] = *ev;
		s->ev[s->n++ % MMS_OOM_RETRY_EVENTS].ts_ns = s->last_ns;
	} else {
		s->compact = *c;
		s->compact.ts_ns = s->last_ns;
		s->have_compact = true;
	}
	raw_spin_unlock_irqrestore(&s->lock, flags);
}

/**
 * mms_oom_retry_zone() - oom:reclaim_retry_zone, in the allocating task
 * @z: the zone's zonelist entry
 * @order: the allocation's order
 * @reclaimable: pages reclaim might still free in the zone
 * @available: @reclaimable plus free pages
 * @min_wmark: the zone's min watermark
 * @no_progress_loops: reclaim passes in a row that freed nothing
 * @wmark_check: whether the zone would meet its watermark
 *
 * Context: tracepoint handler; does not sleep or spin.
 */
void mms_oom_retry_zone(struct zoneref *z, int order,
			unsigned long reclaimable, unsigned long available,
			unsigned long min_wmark, int no_progress_loops,
			bool wmark_check)
{
	struct mms_oom_retry_ev e = {
		.node = zonelist_node_idx(z),
		.zone = zonelist_zone_idx(z),
		.order = order,
		.reclaimable = reclaimable,
		.available = available,
		.min_wmark = min_wmark,
		.no_progress_loops = no_progress_loops,
		.wmark_check = wmark_check,
	};

	mms_retry_store(&e, NULL);
}

/**
 * mms_oom_compact_retry() - oom:compact_retry, in the allocating task
 * @order: the allocation's order
 * @priority: enum compact_priority
 * @result: enum compact_result (the raw value, not the tracepoint's
 *	feedback mapping)
 * @retries: compaction retries so far
 * @max_retries: the limit
 * @retry: should_compact_retry()'s verdict
 *
 * Context: tracepoint handler; does not sleep or spin.
 */
void mms_oom_compact_retry(int order, int priority, int result, int retries,
			   int max_retries, bool retry)
{
	struct mms_oom_compact_ev c = {
		.order = order,
		.priority = priority,
		.result = result,
		.retries = retries,
		.max_retries = max_retries,
		.retry = retry,
	};

	mms_retry_store(NULL, &c);
}

/**
 * mms_oom_retry_take() - copy current's last retry round into its record
 * @rec: the record of the OOM current triggers
 *
 * Context: out_of_memory() entry, kprobe handler.
 */
void mms_oom_retry_take(struct mms_oom_record *rec)
{
	struct mms_oom_retry_ev ev[MMS_OOM_RETRY_EVENTS];
	unsigned int n = 0, k;
	struct mms_retry_slot *s;
	unsigned long flags;

	if (!mms_retry_table)
		return;
	s = mms_retry_pick();
	if (READ_ONCE(s->task) != current ||
	    !raw_spin_trylock_irqsave(&s->lock, flags))
		goto out;
	if (s->task == current && s->pid == current->pid) {
		/* Oldest first. */
		n = min_t(unsigned int, s->n, MMS_OOM_RETRY_EVENTS);
		for (k = 0; k < n; k++)
			ev[k] = s->ev[(s->n - n + k) % MMS_OOM_RETRY_EVENTS];
		rec->have_compact = s->have_compact;
		rec->compact = s->compact;
	}
	raw_spin_unlock_irqrestore(&s->lock, flags);
out:
	k = mms_oom_retry_last_round(ev, n);
	memcpy(rec->retry, ev + n - k, k * sizeof(*ev));
	rec->nr_retry = k;
}
