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
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core/counters.h"
#include "core/hist_table.h"
#include "core/reclaim.h"
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
