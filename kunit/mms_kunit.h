/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites share: snapshots of the module's figures,
 * allocated for the test's lifetime, lookups in a probe group's table, and
 * calling a handler as its tracepoint would.  One copy here, in place of a
 * copy per suite.
 */
#ifndef _MMS_KUNIT_H
#define _MMS_KUNIT_H

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/preempt.h>
#include <linux/ptrace.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compaction/compact_stats.h"
#include "core/counters.h"
#include "core/hist_table.h"
#include "core/reclaim.h"
#include "oom/oom_record.h"
#include "probes/probe.h"

/* The counters summed now over every CPU: suites start each test at zero. */
static inline struct mms_cpu_counters *mms_test_counters(struct kunit *test)
{
	struct mms_cpu_counters *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	mms_counters_snapshot(s);
	return s;
}

/* The reclaim matrix summed now, every node: the total row. */
static inline struct mms_reclaim_node *mms_test_reclaim(struct kunit *test)
{
	struct mms_reclaim_node *rows, *t;

	rows = kunit_kcalloc(test, mms_reclaim_rows(), sizeof(*rows),
			     GFP_KERNEL);
	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rows);
	KUNIT_ASSERT_NOT_NULL(test, t);
	mms_reclaim_snapshot(rows, t);
	return t;
}

/* A snapshot of histogram @h now. */
static inline struct mms_hist_snap *mms_test_hist_of(struct kunit *test,
						     const struct mms_hist *h)
{
	struct mms_hist_snap *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	mms_hist_snapshot(h, s);
	return s;
}

/* A snapshot of the module's histogram @id now. */
static inline struct mms_hist_snap *mms_test_hist(struct kunit *test,
						  enum mms_hist_id id)
{
	return mms_test_hist_of(test, &mms_hists[id]);
}

/*
 * The handler of tracepoint @name in group @g; the test is skipped if this
 * kernel has no handler for it (the table says why).
 */
static inline void *mms_test_tp(struct kunit *test,
				const struct mms_probe_group *g,
				const char *name)
{
	unsigned int i;

	for (i = 0; i < g->nr_tps; i++) {
		const struct mms_tp_probe *p = &g->tps[i];

		if (strcmp(p->name, name))
			continue;
		if (!p->func)
			kunit_skip(test, "%s: %s", name, p->reason);
		return p->func;
	}
	KUNIT_ASSERT_TRUE_MSG(test, false, "no probe for %s", name);
	return NULL;
}

/* The kprobe on @symbol in group @g. */
static inline struct mms_kp_probe *mms_test_kp(struct kunit *test,
					       struct mms_probe_group *g,
					       const char *symbol)
{
	unsigned int i;

	for (i = 0; i < g->nr_kps; i++)
		if (!strcmp(g->kps[i].symbol, symbol))
			return &g->kps[i];
	KUNIT_ASSERT_TRUE_MSG(test, false, "no kprobe on %s", symbol);
	return NULL;
}

/* The kretprobe on @symbol in group @g. */
static inline struct mms_krp_probe *mms_test_krp(struct kunit *test,
						 struct mms_probe_group *g,
						 const char *symbol)
{
	unsigned int i;

	for (i = 0; i < g->nr_krps; i++)
		if (!strcmp(g->krps[i].symbol, symbol))
			return &g->krps[i];
	KUNIT_ASSERT_TRUE_MSG(test, false, "no kretprobe on %s", symbol);
	return NULL;
}

/*
 * The handler attached to tracepoint @name in group @g, as type @type,
 * which must be the tracepoint's own (checked at build time).
 */
#define MMS_TEST_TP(test, g, name, type)				\
	({								\
		check_trace_callback_type_##name((type)NULL);		\
		(type)mms_test_tp(test, g, #name);			\
	})

/*
 * Call a tracepoint handler as a tracepoint does: with preemption off
 * (DEBUG_ATOMIC_SLEEP catches a handler that could sleep) and its data
 * pointer, which mmscope registers as NULL.
 */
#define MMS_TEST_CALL(fn, ...)						\
	do {								\
		preempt_disable();					\
		fn(NULL, ##__VA_ARGS__);				\
		preempt_enable();					\
	} while (0)

/*
 * Registers as a probed function's entry sees them, holding its first
 * @n arguments @args in this architecture's argument registers: what
 * regs_get_kernel_argument() reads back in the handlers.  The test is
 * skipped where the suite does not know the registers.
 */
static inline struct pt_regs *mms_test_regs(struct kunit *test,
					    const unsigned long *args,
					    unsigned int n)
{
	struct pt_regs *regs = kunit_kzalloc(test, sizeof(*regs), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, regs);
#if defined(CONFIG_X86_64)
	KUNIT_ASSERT_LE(test, n, 6);
	regs->di = n > 0 ? args[0] : 0;
	regs->si = n > 1 ? args[1] : 0;
	regs->dx = n > 2 ? args[2] : 0;
	regs->cx = n > 3 ? args[3] : 0;
	regs->r8 = n > 4 ? args[4] : 0;
	regs->r9 = n > 5 ? args[5] : 0;
#elif defined(CONFIG_ARM64)
	KUNIT_ASSERT_LE(test, n, 8);
	for (i = 0; i < n; i++)
		regs->regs[i] = args[i];
#else
	kunit_skip(test, "argument registers of this architecture unknown");
#endif
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_EQ(test, regs_get_kernel_argument(regs, i), args[i]);
	return regs;
}

/* mms_test_regs() for the arguments listed. */
#define MMS_TEST_REGS(test, ...)					\
	mms_test_regs(test, (const unsigned long[]){ __VA_ARGS__ },	\
		      ARRAY_SIZE(((const unsigned long[]){ __VA_ARGS__ })))

/* Call kprobe @p's handler as a kprobe hit does: preemption off. */
static inline void mms_test_kp_call(struct mms_kp_probe *p,
				    struct pt_regs *regs)
{
	preempt_disable();
	p->handler(&p->kp, regs);
	preempt_enable();
}

/* A kretprobe instance of @p, with room for its handlers' data. */
static inline struct kretprobe_instance *
mms_test_kri(struct kunit *test, const struct mms_krp_probe *p)
{
	struct kretprobe_instance *ri;

	ri = kunit_kzalloc(test, sizeof(*ri) + p->data_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ri);
	return ri;
}

/*
 * Call kretprobe @p's entry handler on @ri with @regs, preemption off.
 * Return: the entry handler's verdict (nonzero: the return is not seen).
 */
static inline int mms_test_krp_entry(struct mms_krp_probe *p,
				     struct kretprobe_instance *ri,
				     struct pt_regs *regs)
{
	int ret;

	preempt_disable();
	ret = p->entry(ri, regs);
	preempt_enable();
	return ret;
}

/* Call kretprobe @p's return handler on @ri, the function returning @rc. */
static inline void mms_test_krp_return(struct mms_krp_probe *p,
				       struct kretprobe_instance *ri,
				       unsigned long rc)
{
	struct pt_regs regs = {};

	regs_set_return_value(&regs, rc);
	preempt_disable();
	p->handler(ri, &regs);
	preempt_enable();
}

/* What a suite's handlers write, beyond the counters: mms_test_state_init(). */
#define MMS_TS_HISTS		BIT(0)
#define MMS_TS_COMPACTION	BIT(1)
#define MMS_TS_OOM		BIT(2)

/* Free the counters and the state @what holds (MMS_TS_* bits). */
static inline void mms_test_state_exit(unsigned int what)
{
	if (what & MMS_TS_OOM)
		mms_oom_records_exit();
	if (what & MMS_TS_COMPACTION)
		mms_compaction_exit();
	if (what & MMS_TS_HISTS)
		mms_hists_exit();
	mms_counters_exit();
}

/*
 * Set up the counters and the state @what names (MMS_TS_* bits), fresh,
 * as a probe suite's .init: the handlers under test write there.
 */
static inline int mms_test_state_init(unsigned int what)
{
	unsigned int done = 0;
	int ret = mms_counters_init();

	if (ret)
		return ret;
	if (what & MMS_TS_HISTS) {
		ret = mms_hists_init();
		if (ret)
			goto free_done;
		done |= MMS_TS_HISTS;
	}
	if (what & MMS_TS_COMPACTION) {
		ret = mms_compaction_init();
		if (ret)
			goto free_done;
		done |= MMS_TS_COMPACTION;
	}
	if (what & MMS_TS_OOM) {
		ret = mms_oom_records_init();
		if (ret)
			goto free_done;
	}
	return 0;

free_done:
	mms_test_state_exit(done);
	return ret;
}

/* Suite init and exit for suites that use the counters alone. */
static inline int mms_test_counters_init(struct kunit *test)
{
	return mms_counters_init();
}

static inline void mms_test_counters_exit(struct kunit *test)
{
	mms_counters_exit();
}

#endif /* _MMS_KUNIT_H */
