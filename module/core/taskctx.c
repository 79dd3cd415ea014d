// SPDX-License-Identifier: GPL-2.0
/*
 * Which tasks are in reclaim, and as what.
 *
 * The LRU events (mm_vmscan_lru_isolate and friends) do not say who is
 * reclaiming, and the kernel files their pages differently for kswapd,
 * direct reclaim, khugepaged and memcg reclaim.  kswapd and khugepaged are
 * known from the task itself; memcg and node reclaim are known only from
 * their begin and end events, so those record the task here, with the
 * time it entered, for the events in between and for latency.
 *
 * A fixed table, allocated with the module: reclaim is the worst moment to
 * allocate.  A task claims a free slot near its hash with cmpxchg() and
 * only that task touches the slot until it frees it, so no lock is needed.
 * A task holds at most one slot of each class: reclaim does not nest
 * (PF_MEMALLOC stops it) but for cgroup v1 soft-limit reclaim, which
 * shrink_zones() runs inside direct reclaim and which takes a slot of its
 * own class (MMS_CTX_NESTED); a shrinker call that nests in another (a
 * shrinker allocating from drop_caches) only raises the outer slot's
 * depth.  A slot is the task's by pointer and pid: a task_struct freed
 * and reused does not inherit its predecessor's slot, and takes it over
 * (counted as stale) when it first enters.  Slots are not left behind by
 * a missed end: probes/registry.c attaches a begin event only with its
 * end, and the end first.  When every slot in reach is taken the entry is
 * counted as lost.
 */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/hash.h>
#include <linux/minmax.h>
#include <linux/numa.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "core/counters.h"
#include "core/duration.h"
#include "core/reclaim.h"
#include "core/taskctx.h"

#define MMS_TASKCTX_BITS	10
#define MMS_TASKCTX_SLOTS	BIT(MMS_TASKCTX_BITS)
#define MMS_TASKCTX_PROBES	32	/* slots tried from the hash on */

static struct mms_taskctx mms_taskctx[MMS_TASKCTX_SLOTS];

static unsigned int mms_taskctx_hash(const struct task_struct *t)
{
	return hash_ptr((void *)t, MMS_TASKCTX_BITS);
}

static void mms_taskctx_fill(struct mms_taskctx *c, enum mms_ctx_class cls,
			     enum mms_reclaimer kind, int order)
{
	c->pid = current->pid;
	c->start_ns = mms_dur_now();
	c->cls = cls;
	c->kind = kind;
	c->order = clamp_t(int, order, 0, U8_MAX);
	c->depth = 0;
	c->nested = 0;
	c->nid = NUMA_NO_NODE;
}

/**
 * mms_taskctx_enter() - record that current entered reclaim or a shrinker
 * @cls: what it entered
 * @kind: for %MMS_CTX_RECLAIM, the reclaimer current is now
 * @order: the allocation order it reclaims for
 *
 * Context: any task context; lock-free, does not sleep.
 * Return: the slot, or %NULL if none was free (counted as lost).
 */
struct mms_taskctx *mms_taskctx_enter(enum mms_ctx_class cls,
				      enum mms_reclaimer kind, int order)
{
	unsigned int h = mms_taskctx_hash(current), i;
	struct mms_taskctx *c;

	for (i = 0; i < MMS_TASKCTX_PROBES; i++) {
		c = &mms_taskctx[(h + i) & (MMS_TASKCTX_SLOTS - 1)];
		/*
		 * A slot left by a task whose task_struct current now
		 * reuses: only current can free it, so current takes it.
		 */
		if (READ_ONCE(c->task) == current && c->pid != current->pid) {
			mms_count(MMS_TASKCTX_STALE);
			mms_taskctx_fill(c, cls, kind, order);
			return c;
		}
		if (!cmpxchg(&c->task, NULL, current)) {
			mms_taskctx_fill(c, cls, kind, order);
			return c;
		}
	}
	mms_count(MMS_TASKCTX_LOST);
	return NULL;
}

/**
 * mms_taskctx_find() - current's slot of class @cls, if it has one
 * @cls: the class
 *
 * Context: any task context; lock-free.
 * Return: the slot, or %NULL.
 */
struct mms_taskctx *mms_taskctx_find(enum mms_ctx_class cls)
{
	unsigned int h = mms_taskctx_hash(current), i;

	for (i = 0; i < MMS_TASKCTX_PROBES; i++) {
		struct mms_taskctx *c =
			&mms_taskctx[(h + i) & (MMS_TASKCTX_SLOTS - 1)];

		if (READ_ONCE(c->task) == current && c->cls == cls &&
		    c->pid == current->pid)
			return c;
	}
	return NULL;
}

/**
 * mms_taskctx_reclaim() - the reclaim current is running now, if any
 *
 * The soft-limit reclaim nested in current's direct reclaim while it
 * runs, else current's direct, memcg or node reclaim.
 *
 * Context: any task context; lock-free.
 * Return: the slot, or %NULL.
 */
struct mms_taskctx *mms_taskctx_reclaim(void)
{
	struct mms_taskctx *c = mms_taskctx_find(MMS_CTX_RECLAIM);
	struct mms_taskctx *n;

	if (c && c->nested) {
		n = mms_taskctx_find(MMS_CTX_NESTED);
		if (n)
			return n;
	}
	return c;
}

/**
 * mms_taskctx_exit() - free current's slot
 * @ctx: the slot from mms_taskctx_enter() or mms_taskctx_find()
 *
 * Context: any task context; lock-free.
 */
void mms_taskctx_exit(struct mms_taskctx *ctx)
{
	/* The slot's fields are written before another task may claim it. */
	smp_store_release(&ctx->task, NULL);
}

/**
 * mms_current_reclaimer() - which reclaimer current is, as the kernel would
 *	file its pages
 *
 * Context: task context, from a reclaim event.
 * Return: the reclaimer.
 */
enum mms_reclaimer mms_current_reclaimer(void)
{
	struct mms_taskctx *c = mms_taskctx_reclaim();

	/* Memcg reclaim first: kswapd does soft-limit reclaim, too. */
	if (c)
		return c->kind;
	if (current->flags & PF_KSWAPD)
		return MMS_RC_KSWAPD;
	if ((current->flags & PF_KTHREAD) && !strcmp(current->comm, "khugepaged"))
		return MMS_RC_KHUGEPAGED;
	return MMS_RC_DIRECT;
}
