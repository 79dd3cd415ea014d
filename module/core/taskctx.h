/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What each task in reclaim is doing, while it does it (core/taskctx.c).
 */
#ifndef _MMS_CORE_TASKCTX_H
#define _MMS_CORE_TASKCTX_H

#include <linux/types.h>

#include "core/reclaim.h"

struct task_struct;

/**
 * enum mms_ctx_class - what a task-table slot records
 * @MMS_CTX_RECLAIM: the task is in direct, memcg or node reclaim
 * @MMS_CTX_SHRINKER: the task is in a shrinker call (do_shrink_slab())
 * @MMS_CTX_NESTED: the task is in cgroup v1 soft-limit reclaim, which
 *	shrink_zones() runs from inside direct reclaim: it takes a slot of
 *	its own, so that its end does not close the direct reclaim's
 */
enum mms_ctx_class {
	MMS_CTX_RECLAIM,
	MMS_CTX_SHRINKER,
	MMS_CTX_NESTED,
};

/**
 * struct mms_taskctx - what one task is doing in reclaim, while it does it
 * @task: the task, or %NULL for a free slot
 * @pid: the task's pid: a task_struct freed and reused for another task
 *	does not inherit the slot
 * @start_ns: mms_dur_now() when it entered
 * @cls: what the slot records (&enum mms_ctx_class)
 * @kind: for %MMS_CTX_RECLAIM, the reclaimer it is (&enum mms_reclaimer)
 * @order: the order it reclaims for
 * @nid: the node it reclaims from now (set as it enters shrink_node()),
 *	or %NUMA_NO_NODE before that
 * @depth: entries of the same class nested inside the one timed
 * @nested: for %MMS_CTX_RECLAIM, a soft-limit reclaim began inside it and
 *	has not ended: the task's %MMS_CTX_NESTED slot, if it got one, is
 *	the reclaim now running
 */
struct mms_taskctx {
	struct task_struct *task;
	pid_t pid;
	u64 start_ns;
	u8 cls;
	u8 kind;
	u8 order;
	u8 depth;
	u8 nested;
	int nid;
};

struct mms_taskctx *mms_taskctx_enter(enum mms_ctx_class cls,
				      enum mms_reclaimer kind, int order);
struct mms_taskctx *mms_taskctx_find(enum mms_ctx_class cls);
void mms_taskctx_exit(struct mms_taskctx *ctx);
struct mms_taskctx *mms_taskctx_reclaim(void);

#endif /* _MMS_CORE_TASKCTX_H */
