// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for mmscope's table of tasks in reclaim (module/core/taskctx.c):
 * a task's slot holds what it entered as, only that task finds it, a full
 * neighbourhood loses the entry and counts it, and the reclaimer a task
 * is follows the kernel's rules (kswapd, khugepaged, memcg, direct).
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core/counters.h"
#include "core/duration.h"
#include "core/reclaim.h"
#include "core/taskctx.h"
#include "mms_kunit.h"

/* Slots a task may take from its hash on: MMS_TASKCTX_PROBES. */
#define MMS_TASKCTX_TEST_REACH	32

/* Frees a slot a failed test left claimed: any task may do that. */
KUNIT_DEFINE_ACTION_WRAPPER(mms_taskctx_test_release, mms_taskctx_exit,
			    struct mms_taskctx *);

/* A reclaim slot, freed at the end of the test. */
static struct mms_taskctx *mms_taskctx_test_enter(struct kunit *test,
						  enum mms_reclaimer kind,
						  int order)
{
	struct mms_taskctx *c = mms_taskctx_enter(MMS_CTX_RECLAIM, kind, order);
	int ret;

	if (c) {
		ret = kunit_add_action_or_reset(test, mms_taskctx_test_release, c);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	return c;
}

static unsigned long mms_taskctx_test_lost(struct kunit *test)
{
	struct mms_cpu_counters *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	mms_counters_snapshot(s);
	return s->v[MMS_TASKCTX_LOST];
}

static void mms_taskctx_test_enter_find_exit(struct kunit *test)
{
	struct mms_taskctx *c;
	u64 t0, t1;

	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));
	t0 = mms_dur_now();
	c = mms_taskctx_test_enter(test, MMS_RC_NODE, 4);
	t1 = mms_dur_now();
	KUNIT_ASSERT_NOT_NULL(test, c);

	KUNIT_EXPECT_PTR_EQ(test, c->task, current);
	KUNIT_EXPECT_EQ(test, c->kind, MMS_RC_NODE);
	KUNIT_EXPECT_EQ(test, c->order, 4);
	KUNIT_EXPECT_GE(test, c->start_ns, t0);
	KUNIT_EXPECT_LE(test, c->start_ns, t1);
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_find(MMS_CTX_RECLAIM), c);

	mms_taskctx_exit(c);
	KUNIT_EXPECT_NULL(test, c->task);
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));
	KUNIT_EXPECT_EQ(test, mms_taskctx_test_lost(test), 0);
}

/*
 * Every slot within reach of a task's hash taken: the next entry gets no
 * slot and is counted lost, once; freeing one makes room again.  Entering
 * repeatedly as one task fills exactly its own reach.
 */
static void mms_taskctx_test_full_is_lost(struct kunit *test)
{
	struct mms_taskctx **c;
	unsigned int i, j;

	c = kunit_kcalloc(test, MMS_TASKCTX_TEST_REACH, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	for (i = 0; i < MMS_TASKCTX_TEST_REACH; i++) {
		c[i] = mms_taskctx_test_enter(test, MMS_RC_MEMCG, i);
		KUNIT_ASSERT_NOT_NULL_MSG(test, c[i], "entry %u", i);
		for (j = 0; j < i; j++)
			KUNIT_ASSERT_PTR_NE(test, c[i], c[j]);
	}
	KUNIT_EXPECT_EQ(test, mms_taskctx_test_lost(test), 0);

	KUNIT_EXPECT_NULL(test, mms_taskctx_enter(MMS_CTX_RECLAIM, MMS_RC_MEMCG, 0));
	KUNIT_EXPECT_EQ(test, mms_taskctx_test_lost(test), 1);
	KUNIT_EXPECT_NULL(test, mms_taskctx_enter(MMS_CTX_RECLAIM, MMS_RC_NODE, 0));
	KUNIT_EXPECT_EQ(test, mms_taskctx_test_lost(test), 2);

	/* The first slot from the hash is found first. */
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_find(MMS_CTX_RECLAIM), c[0]);
	mms_taskctx_exit(c[5]);
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_test_enter(test, MMS_RC_NODE, 9),
			    c[5]);
	KUNIT_EXPECT_EQ(test, c[5]->kind, MMS_RC_NODE);
	KUNIT_EXPECT_EQ(test, c[5]->order, 9);
	for (i = 0; i < MMS_TASKCTX_TEST_REACH; i++)
		mms_taskctx_exit(c[i]);
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));
	KUNIT_EXPECT_EQ(test, mms_taskctx_test_lost(test), 2);
}

/*
 * A slot is a task's by pointer and pid: one left by a task whose
 * task_struct current reuses (a pid that is not current's) is not
 * current's, and current takes it over, counted stale, as it enters.
 */
static void mms_taskctx_test_reused_task(struct kunit *test)
{
	struct mms_cpu_counters *s;
	struct mms_taskctx *c;

	c = mms_taskctx_test_enter(test, MMS_RC_MEMCG, 1);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->pid, current->pid);
	c->pid = current->pid + 1;	/* the exited task's */
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_DIRECT);

	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_enter(MMS_CTX_RECLAIM,
						    MMS_RC_NODE, 2), c);
	KUNIT_EXPECT_EQ(test, c->pid, current->pid);
	KUNIT_EXPECT_EQ(test, c->kind, MMS_RC_NODE);
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_find(MMS_CTX_RECLAIM), c);
	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	mms_counters_snapshot(s);
	KUNIT_EXPECT_EQ(test, s->v[MMS_TASKCTX_STALE], 1);
	KUNIT_EXPECT_EQ(test, s->v[MMS_TASKCTX_LOST], 0);
	mms_taskctx_exit(c);
}

/**
 * struct mms_taskctx_test_thread - a kernel thread that looks at the table
 * @name: its name (its comm)
 * @enter: whether it enters reclaim, as %MMS_RC_NODE
 * @task: the thread
 * @entered: completed once @slot and @seen are set
 * @done: completed to let it free its slot and end
 * @slot: the slot it entered, if it did
 * @seen: the reclaimer it was, then
 */
struct mms_taskctx_test_thread {
	const char *name;
	bool enter;
	struct task_struct *task;
	struct completion entered;
	struct completion done;
	struct mms_taskctx *slot;
	enum mms_reclaimer seen;
};

static int mms_taskctx_test_thread_fn(void *arg)
{
	struct mms_taskctx_test_thread *o = arg;

	if (o->enter)
		o->slot = mms_taskctx_enter(MMS_CTX_RECLAIM, MMS_RC_NODE, 1);
	o->seen = mms_current_reclaimer();
	complete(&o->entered);
	wait_for_completion(&o->done);
	if (o->slot)
		mms_taskctx_exit(o->slot);
	return 0;
}

static void mms_taskctx_test_thread_stop(void *arg)
{
	struct mms_taskctx_test_thread *o = arg;

	complete(&o->done);
	kthread_stop(o->task);
	put_task_struct(o->task);
}

/* Start a thread and wait until it has looked; it ends with the test. */
static struct mms_taskctx_test_thread *
mms_taskctx_test_thread(struct kunit *test, const char *name, bool enter)
{
	struct mms_taskctx_test_thread *o;
	int ret;

	o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, o);
	o->name = name;
	o->enter = enter;
	init_completion(&o->entered);
	init_completion(&o->done);
	o->task = kthread_create(mms_taskctx_test_thread_fn, o, "%s", name);
	KUNIT_ASSERT_FALSE(test, IS_ERR(o->task));
	get_task_struct(o->task);
	wake_up_process(o->task);
	wait_for_completion(&o->entered);
	ret = kunit_add_action_or_reset(test, mms_taskctx_test_thread_stop, o);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return o;
}

/* Another task's slot is its own: current neither finds nor uses it. */
static void mms_taskctx_test_per_task(struct kunit *test)
{
	struct mms_taskctx_test_thread *o;
	struct mms_taskctx *c;

	o = mms_taskctx_test_thread(test, "mms_taskctx_test", true);
	KUNIT_EXPECT_NOT_NULL(test, o->slot);
	KUNIT_EXPECT_EQ(test, o->seen, MMS_RC_NODE);
	KUNIT_EXPECT_NULL(test, mms_taskctx_find(MMS_CTX_RECLAIM));
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_DIRECT);

	c = mms_taskctx_test_enter(test, MMS_RC_MEMCG, 0);
	KUNIT_EXPECT_NOT_NULL(test, c);
	KUNIT_EXPECT_PTR_NE(test, c, o->slot);
	KUNIT_EXPECT_PTR_EQ(test, mms_taskctx_find(MMS_CTX_RECLAIM), c);
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_MEMCG);
	if (c)
		mms_taskctx_exit(c);
	KUNIT_EXPECT_PTR_EQ(test, READ_ONCE(o->slot->task), o->task);
}

/*
 * Who is reclaiming, as the kernel files pages: a slot first (kswapd does
 * memcg soft-limit reclaim), then kswapd, then the kernel thread named
 * khugepaged, else direct.
 */
static void mms_taskctx_test_reclaimer(struct kunit *test)
{
	unsigned int flags = current->flags;
	struct mms_taskctx *c;

	/* The test runs in a kernel thread of its own. */
	KUNIT_ASSERT_TRUE(test, current->flags & PF_KTHREAD);
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_DIRECT);

	current->flags |= PF_KSWAPD;
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_KSWAPD);
	c = mms_taskctx_test_enter(test, MMS_RC_MEMCG, 0);
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_MEMCG);
	if (c)
		mms_taskctx_exit(c);
	KUNIT_EXPECT_EQ(test, mms_current_reclaimer(), MMS_RC_KSWAPD);
	current->flags = flags;

	KUNIT_EXPECT_EQ(test, mms_taskctx_test_thread(test, "khugepaged",
						      false)->seen,
			MMS_RC_KHUGEPAGED);
	KUNIT_EXPECT_EQ(test, mms_taskctx_test_thread(test, "khugepaged2",
						      false)->seen,
			MMS_RC_DIRECT);
	/* A slot outranks the name, too. */
	KUNIT_EXPECT_EQ(test, mms_taskctx_test_thread(test, "khugepaged",
						      true)->seen,
			MMS_RC_NODE);
}

static struct kunit_case mms_taskctx_test_cases[] = {
	KUNIT_CASE(mms_taskctx_test_enter_find_exit),
	KUNIT_CASE(mms_taskctx_test_full_is_lost),
	KUNIT_CASE(mms_taskctx_test_reused_task),
	KUNIT_CASE(mms_taskctx_test_per_task),
	KUNIT_CASE(mms_taskctx_test_reclaimer),
	{}
};

static struct kunit_suite mms_taskctx_test_suite = {
	.name = "mmscope_taskctx",
	.init = mms_test_counters_init,
	.exit = mms_test_counters_exit,
	.test_cases = mms_taskctx_test_cases,
};

kunit_test_suite(mms_taskctx_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's table of tasks in reclaim");
