// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for mmscope's OOM probes (module/probes/oom.c) and the
 * records they build (module/oom/oom_record.c, oom_retry.c), driven as the
 * OOM killer drives them: out_of_memory()'s kretprobe opens a decision,
 * oom_evaluate_task()'s kprobe and oom_badness()'s kretprobe see each
 * task, oom_kill_process()'s kprobe the choice, oom:mark_victim the kill,
 * and out_of_memory()'s return publishes the record.  Each handler is found
 * in mms_oom_group by what it is attached to.
 *
 * The tasks are fakes: a task_struct, signal_struct and mm_struct that
 * this suite fills with what the handlers read (pid, comm, flags,
 * oom_score_adj, the thread list, the mm's counters and flags).  A kill is
 * what the kernel's own oom_kill count says: the suite raises it by one
 * around the decision's return, and lowers it again after.
 */
#include <linux/mm.h>
#include <linux/compaction.h>
#include <trace/events/oom.h>

#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/oom.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/vmstat.h>

#include "compaction/compact_stats.h"
#include "core/counters.h"
#include "generated/conftest.h"
#include "mms_kunit.h"
#include "oom/oom_record.h"
#include "probes/probe.h"

typedef void (*mms_test_pid_t)(void *data, int pid);
typedef void (*mms_test_task_t)(void *data, struct task_struct *task);
typedef void (*mms_test_retry_zone_t)(void *data, struct zoneref *zoneref,
				      int order, unsigned long reclaimable,
				      unsigned long available,
				      unsigned long min_wmark,
				      int no_progress_loops, bool wmark_check);
#if defined(MMS_HAVE_TP_MARK_VICTIM_TASK_UID)
typedef void (*mms_test_victim_t)(void *data, struct task_struct *task,
				  uid_t uid);
#define MMS_TEST_MARK_VICTIM(f, p)	MMS_TEST_CALL(f, p, 1000)
#elif defined(MMS_HAVE_TP_MARK_VICTIM_PID)
typedef void (*mms_test_victim_t)(void *data, int pid);
#define MMS_TEST_MARK_VICTIM(f, p)	MMS_TEST_CALL(f, (p)->pid)
#endif

#define MMS_OOM_TP(test, name, type)					\
	MMS_TEST_TP(test, &mms_oom_group, name, type)

/* The figures every fake task with an mm has, in pages. */
#define MMS_T_ANON	1000
#define MMS_T_FILE	10
#define MMS_T_SHMEM	5
#define MMS_T_SWAP	100
#define MMS_T_PGTABLES	3
#define MMS_T_TOTAL	100000UL

/* Set a counter of a fake mm, where get_mm_counter() reads it. */
static void mms_oom_test_rss(struct mm_struct *mm, int member, long v)
{
#ifdef MMS_HAVE_MM_RSS_PERCPU
	mm->rss_stat[member].count = v;
#else
	atomic_long_set(&mm->rss_stat.count[member], v);
#endif
}

/*
 * A fake user task of one thread: @pid, @comm and @adj, with an mm holding
 * the MMS_T_* figures if @with_mm.
 */
static struct task_struct *mms_oom_test_task(struct kunit *test, pid_t pid,
					     const char *comm, short adj,
					     bool with_mm)
{
	struct task_struct *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct signal_struct *sig = kunit_kzalloc(test, sizeof(*sig),
						  GFP_KERNEL);
	struct mm_struct *mm = kunit_kzalloc(test, sizeof(*mm), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_NOT_NULL(test, sig);
	KUNIT_ASSERT_NOT_NULL(test, mm);
	t->pid = pid;
	t->tgid = pid;
	strscpy(t->comm, comm, sizeof(t->comm));
	spin_lock_init(&t->alloc_lock);
	rcu_assign_pointer(t->real_cred, current_real_cred());
	t->signal = sig;
	sig->oom_score_adj = adj;
	INIT_LIST_HEAD(&sig->thread_head);
	list_add_tail_rcu(&t->thread_node, &sig->thread_head);
	if (!with_mm)
		return t;
	mms_oom_test_rss(mm, MM_ANONPAGES, MMS_T_ANON);
	mms_oom_test_rss(mm, MM_FILEPAGES, MMS_T_FILE);
	mms_oom_test_rss(mm, MM_SHMEMPAGES, MMS_T_SHMEM);
	mms_oom_test_rss(mm, MM_SWAPENTS, MMS_T_SWAP);
	atomic_long_set(&mm->pgtables_bytes, MMS_T_PGTABLES * PAGE_SIZE);
	t->mm = mm;
	return t;
}

/**
 * struct mms_oom_test_dec - a decision the suite drives
 * @oc: its oom_control, as out_of_memory() is passed it
 * @oom: the out_of_memory() kretprobe
 * @ri: its instance
 * @id: the id its record gets if it is published
 */
struct mms_oom_test_dec {
	struct oom_control oc;
	struct mms_krp_probe *oom;
	struct kretprobe_instance *ri;
	u64 id;
};

static u64 mms_oom_test_published(void)
{
	struct mms_oom_stats s;

	mms_oom_get_stats(&s);
	return s.published;
}

/* out_of_memory() entry: a global OOM of order @order. */
static struct mms_oom_test_dec *mms_oom_test_begin(struct kunit *test,
						   int order)
{
	struct mms_oom_test_dec *d = kunit_kzalloc(test, sizeof(*d),
						   GFP_KERNEL);
	/* gfp_mask and order are const: the kernel sets them once. */
	const struct oom_control oc = { .gfp_mask = GFP_KERNEL,
					.order = order,
					.totalpages = MMS_T_TOTAL };
	struct pt_regs *regs;

	KUNIT_ASSERT_NOT_NULL(test, d);
	memcpy(&d->oc, &oc, sizeof(oc));
	d->oom = mms_test_krp(test, &mms_oom_group, "out_of_memory");
	d->ri = mms_test_kri(test, d->oom);
	d->id = mms_oom_test_published();
	regs = MMS_TEST_REGS(test, (unsigned long)&d->oc);
	KUNIT_ASSERT_EQ(test, mms_test_krp_entry(d->oom, d->ri, regs), 0);
	return d;
}

/*
 * out_of_memory() return; if @killed, the kernel's oom_kill count rose
 * during the decision (and is put back after it).
 */
static void mms_oom_test_end(struct mms_oom_test_dec *d, bool killed)
{
	if (killed)
		count_vm_event(OOM_KILL);
	mms_test_krp_return(d->oom, d->ri, killed);
	if (killed)
		count_vm_events(OOM_KILL, -1);
}

/* oom_evaluate_task(@p): one task looked at. */
static void mms_oom_test_evaluate(struct kunit *test, struct task_struct *p)
{
	mms_test_kp_call(mms_test_kp(test, &mms_oom_group, "oom_evaluate_task"),
			 MMS_TEST_REGS(test, (unsigned long)p));
}

/*
 * oom_badness(@p, MMS_T_TOTAL) returning @points.
 * Return: whether its return was seen (the entry handler said so).
 */
static bool mms_oom_test_badness(struct kunit *test, struct task_struct *p,
				 long points)
{
	struct mms_krp_probe *b = mms_test_krp(test, &mms_oom_group,
					       "oom_badness");
	struct kretprobe_instance *ri = mms_test_kri(test, b);

	if (mms_test_krp_entry(b, ri, MMS_TEST_REGS(test, (unsigned long)p,
						    MMS_T_TOTAL)))
		return false;
	mms_test_krp_return(b, ri, (unsigned long)points);
	return true;
}

/* oom_kill_process(oc, @message) with @p chosen at @points. */
static void mms_oom_test_kill(struct kunit *test, struct mms_oom_test_dec *d,
			      struct task_struct *p, long points,
			      const char *message)
{
	d->oc.chosen = p;
	d->oc.chosen_points = points;
	d->oc.constraint = CONSTRAINT_NONE;
	mms_test_kp_call(mms_test_kp(test, &mms_oom_group, "oom_kill_process"),
			 MMS_TEST_REGS(test, (unsigned long)&d->oc,
				       (unsigned long)message));
}

/* A copy of the published record @id. */
static struct mms_oom_record *mms_oom_test_record(struct kunit *test, u64 id)
{
	struct mms_oom_record *rec = kunit_kzalloc(test, mms_oom_record_size(),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_ASSERT_TRUE(test, mms_oom_record_copy(id, rec));
	return rec;
}

/* The candidate row of @pid in @rec, or NULL. */
static const struct mms_oom_cand *mms_oom_test_cand(const struct mms_oom_record *rec,
						    pid_t pid)
{
	unsigned int i;

	for (i = 0; i < rec->nr_cands; i++)
		if (rec->cand[i].pid == pid)
			return &rec->cand[i];
	return NULL;
}

static void mms_oom_probes_test_table(struct kunit *test)
{
	const struct mms_probe_group *g = &mms_oom_group;
	unsigned int i;

	KUNIT_EXPECT_STREQ(test, g->system, "oom");
	for (i = 0; i < g->nr_tps; i++)
		KUNIT_EXPECT_TRUE_MSG(test, g->tps[i].func || g->tps[i].reason,
				      "%s: no handler and no reason",
				      g->tps[i].name);
	KUNIT_EXPECT_NOT_NULL(test, mms_test_tp(test, g, "mark_victim"));
	KUNIT_EXPECT_EQ(test, mms_test_krp(test, &mms_oom_group,
					   "out_of_memory")->data_size,
			sizeof(struct oom_control *));
	KUNIT_EXPECT_NOT_NULL(test, mms_test_krp(test, &mms_oom_group,
						 "oom_badness")->entry);
	KUNIT_EXPECT_NOT_NULL(test, mms_test_kp(test, &mms_oom_group,
						"exit_oom_victim"));
}

/*
 * A kill, as the kernel decides it: every task evaluated, the two with an
 * mm scored, the higher chosen and marked.  The record ranks them, with
 * the figures oom_badness() read and the points it returned, and names
 * the trigger, the choice and the victim.
 */
static void mms_oom_probes_test_kill(struct kunit *test)
{
	mms_test_victim_t victim = MMS_OOM_TP(test, mark_victim,
					      mms_test_victim_t);
	struct task_struct *hog = mms_oom_test_task(test, 4101, "hog", 500, true);
	struct task_struct *low = mms_oom_test_task(test, 4102, "low", 0, true);
	struct mms_oom_test_dec *d = mms_oom_test_begin(test, 0);
	const struct mms_oom_cand *c;
	struct mms_oom_record *rec;

	mms_oom_test_evaluate(test, low);
	KUNIT_EXPECT_TRUE(test, mms_oom_test_badness(test, low, 1118));
	mms_oom_test_evaluate(test, hog);
	KUNIT_EXPECT_TRUE(test, mms_oom_test_badness(test, hog, 51118));
	mms_oom_test_kill(test, d, hog, 51118, "Out of memory");
	MMS_TEST_MARK_VICTIM(victim, hog);
	mms_oom_test_end(d, true);

	KUNIT_ASSERT_EQ(test, mms_oom_test_published(), d->id + 1);
	rec = mms_oom_test_record(test, d->id);
	KUNIT_EXPECT_EQ(test, rec->id, d->id);
	KUNIT_EXPECT_EQ(test, rec->kills, 1);
	KUNIT_EXPECT_EQ(test, rec->trigger_pid, current->pid);
	KUNIT_EXPECT_EQ(test, rec->order, 0);
	KUNIT_EXPECT_EQ(test, rec->evaluated, 2);
	KUNIT_EXPECT_EQ(test, rec->nr_cands, 2);
	KUNIT_EXPECT_TRUE(test, rec->have_select);
	KUNIT_EXPECT_FALSE(test, rec->allocating_task);
	KUNIT_EXPECT_EQ(test, rec->totalpages, MMS_T_TOTAL);
	KUNIT_EXPECT_EQ(test, rec->chosen_points, 51118);
	KUNIT_EXPECT_EQ(test, rec->chosen_pid, 4101);
	KUNIT_EXPECT_STREQ(test, rec->chosen_comm, "hog");
	KUNIT_EXPECT_EQ(test, rec->victim_pid, 4101);
	KUNIT_EXPECT_STREQ(test, rec->victim_comm, "hog");
	KUNIT_EXPECT_EQ(test, rec->marked, 1);
	KUNIT_EXPECT_LE(test, rec->start_ns, rec->select_ns);
	KUNIT_EXPECT_LE(test, rec->select_ns, rec->end_ns);
	/* Rank 1 is the choice; the figures are what oom_badness() read. */
	c = &rec->cand[0];
	KUNIT_EXPECT_EQ(test, c->pid, 4101);
	KUNIT_EXPECT_EQ(test, c->points, 51118);
	KUNIT_EXPECT_EQ(test, c->state, MMS_OOM_CAND_SCORED);
	KUNIT_EXPECT_EQ(test, c->adj, 500);
	KUNIT_EXPECT_EQ(test, c->eval, 1);
	KUNIT_EXPECT_TRUE(test, c->have_fig);
	KUNIT_EXPECT_EQ(test, c->fig.anon, MMS_T_ANON);
	KUNIT_EXPECT_EQ(test, c->fig.file, MMS_T_FILE);
	KUNIT_EXPECT_EQ(test, c->fig.shmem, MMS_T_SHMEM);
	KUNIT_EXPECT_EQ(test, c->fig.swapents, MMS_T_SWAP);
	KUNIT_EXPECT_EQ(test, c->fig.pgtables, MMS_T_PGTABLES);
	/* The kernel's formula, from the figures read, gives its points. */
	KUNIT_EXPECT_EQ(test, mms_oom_badness(&c->fig, c->adj, MMS_T_TOTAL),
			c->points);
	KUNIT_EXPECT_EQ(test, rec->cand[1].pid, 4102);
	KUNIT_EXPECT_EQ(test, rec->cand[1].points, 1118);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_OOM_MARK_VICTIM], 1);
}

/*
 * A decision that killed nobody (the kernel's oom_kill did not rise) is
 * counted, not published; one that overlaps the decision in progress is
 * counted as busy and not recorded.
 */
static void mms_oom_probes_test_no_kill_busy(struct kunit *test)
{
	struct mms_oom_test_dec *d = mms_oom_test_begin(test, 3);
	struct mms_krp_probe *oom = mms_test_krp(test, &mms_oom_group,
						 "out_of_memory");
	struct kretprobe_instance *ri = mms_test_kri(test, oom);
	struct oom_control oc = { .gfp_mask = GFP_KERNEL };
	struct mms_oom_stats s;
	struct pt_regs *regs = MMS_TEST_REGS(test, (unsigned long)&oc);

	KUNIT_EXPECT_NE(test, mms_test_krp_entry(oom, ri, regs), 0);
	mms_oom_test_end(d, false);
	mms_oom_get_stats(&s);
	KUNIT_EXPECT_EQ(test, s.published, d->id);
	KUNIT_EXPECT_EQ(test, s.decisions, 2);
	KUNIT_EXPECT_EQ(test, s.busy, 1);
	KUNIT_EXPECT_EQ(test, s.no_kill, 1);
	/* The decision is over: the next one is recorded. */
	d = mms_oom_test_begin(test, 0);
	mms_oom_test_end(d, true);
	KUNIT_EXPECT_EQ(test, mms_oom_test_published(), d->id + 1);
}

/*
 * What each task evaluated became: kernel threads only counted; init
 * unkillable; an earlier victim still exiting, or already reaped; a task
 * at oom_score_adj -1000, one whose mm was reaped, one with no mm left;
 * and an origin task, chosen at once.
 */
static void mms_oom_probes_test_states(struct kunit *test)
{
	struct task_struct *kt = mms_oom_test_task(test, 4200, "kthread", 0, false);
	struct task_struct *init = mms_oom_test_task(test, 1, "init", 0, true);
	struct task_struct *vx = mms_oom_test_task(test, 4201, "victim", 0, true);
	struct task_struct *vd = mms_oom_test_task(test, 4202, "reaped_victim", 0, true);
	struct task_struct *min = mms_oom_test_task(test, 4203, "adjmin", OOM_SCORE_ADJ_MIN, true);
	struct task_struct *rp = mms_oom_test_task(test, 4204, "mmreaped", 0, true);
	struct task_struct *ex = mms_oom_test_task(test, 4205, "exiting", 0, false);
	struct task_struct *org = mms_oom_test_task(test, 4206, "swapoff", 0, true);
	static const struct {
		pid_t pid;
		u8 state;
	} want[] = {
		{ 1, MMS_OOM_CAND_UNKILLABLE },
		{ 4202, MMS_OOM_CAND_VICTIM_DONE },
		{ 4201, MMS_OOM_CAND_VICTIM_EXITING },
		{ 4203, MMS_OOM_CAND_ADJ_MIN },
		{ 4204, MMS_OOM_CAND_REAPED },
		{ 4205, MMS_OOM_CAND_EXITING },
	};
	struct mm_struct *vd_mm = vd->mm;
	struct mms_oom_test_dec *d;
	struct mms_oom_record *rec;
	unsigned int i;

	kt->flags |= PF_KTHREAD;
	vx->signal->oom_mm = vx->mm;
	set_bit(MMF_OOM_SKIP, &vd_mm->flags);
	vd->signal->oom_mm = vd_mm;
	set_bit(MMF_OOM_SKIP, &rp->mm->flags);
	org->signal->oom_flag_origin = true;

	d = mms_oom_test_begin(test, 0);
	mms_oom_test_evaluate(test, kt);
	mms_oom_test_evaluate(test, init);
	mms_oom_test_evaluate(test, vd);
	mms_oom_test_evaluate(test, vx);
	mms_oom_test_evaluate(test, min);
	mms_oom_test_badness(test, min, LONG_MIN);
	mms_oom_test_evaluate(test, rp);
	mms_oom_test_badness(test, rp, LONG_MIN);
	mms_oom_test_evaluate(test, ex);
	mms_oom_test_badness(test, ex, LONG_MIN);
	mms_oom_test_evaluate(test, org);
	mms_oom_test_kill(test, d, org, LONG_MAX, "Out of memory");
	mms_oom_test_end(d, true);

	rec = mms_oom_test_record(test, d->id);
	KUNIT_EXPECT_EQ(test, rec->evaluated, 8);
	KUNIT_EXPECT_EQ(test, rec->kthreads, 1);
	KUNIT_ASSERT_EQ(test, rec->nr_cands, 7);
	KUNIT_EXPECT_NULL(test, mms_oom_test_cand(rec, 4200));
	/* The origin task ranks first, and its figures were never read. */
	KUNIT_EXPECT_EQ(test, rec->cand[0].pid, 4206);
	KUNIT_EXPECT_EQ(test, rec->cand[0].state, MMS_OOM_CAND_ORIGIN);
	KUNIT_EXPECT_EQ(test, rec->cand[0].points, LONG_MAX);
	KUNIT_EXPECT_FALSE(test, rec->cand[0].have_fig);
	/* The others follow in the order they were evaluated. */
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		KUNIT_EXPECT_EQ(test, rec->cand[i + 1].pid, want[i].pid);
		KUNIT_EXPECT_EQ_MSG(test, rec->cand[i + 1].state, want[i].state,
				    "pid %d", want[i].pid);
	}
}

/*
 * A task that reached oom_badness() passed oom_evaluate_task()'s checks:
 * if its figures cannot be read (its lock busy) and the kernel gives it
 * no points, its state is unknown, never "skipped:nodes", and the busy
 * lock is counted.  Without the oom_evaluate_task() probe, oom_badness()
 * opens the candidate itself.
 */
static void mms_oom_probes_test_badness_only(struct kunit *test)
{
	struct task_struct *busy = mms_oom_test_task(test, 4301, "busy", 0, true);
	struct task_struct *noeval = mms_oom_test_task(test, 4302, "noeval", 0, true);
	struct mms_oom_test_dec *d = mms_oom_test_begin(test, 0);
	const struct mms_oom_cand *c;
	struct mms_oom_record *rec;
	struct mms_oom_stats s;

	struct mms_krp_probe *b = mms_test_krp(test, &mms_oom_group,
					       "oom_badness");
	struct kretprobe_instance *ri = mms_test_kri(test, b);
	struct pt_regs *regs = MMS_TEST_REGS(test, (unsigned long)busy,
					     MMS_T_TOTAL);
	int skip;

	mms_oom_test_evaluate(test, busy);
	spin_lock(&busy->alloc_lock);
	skip = mms_test_krp_entry(b, ri, regs);
	spin_unlock(&busy->alloc_lock);
	KUNIT_EXPECT_EQ(test, skip, 0);
	mms_test_krp_return(b, ri, (unsigned long)LONG_MIN);
	mms_oom_test_badness(test, noeval, 1300);
	mms_oom_test_kill(test, d, noeval, 1300, "Out of memory");
	mms_oom_test_end(d, true);

	rec = mms_oom_test_record(test, d->id);
	KUNIT_EXPECT_EQ(test, rec->nr_cands, 2);
	c = mms_oom_test_cand(rec, 4301);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->state, MMS_OOM_CAND_UNKNOWN);
	KUNIT_EXPECT_FALSE(test, c->have_fig);
	c = mms_oom_test_cand(rec, 4302);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->state, MMS_OOM_CAND_SCORED);
	KUNIT_EXPECT_EQ(test, c->fig.anon, MMS_T_ANON);
	KUNIT_EXPECT_EQ(test, rec->cand[0].pid, 4302);
	mms_oom_get_stats(&s);
	KUNIT_EXPECT_EQ(test, s.fig_busy, 1);
}

/*
 * oom_badness() outside a decision (reading /proc/PID/oom_score calls it)
 * records nothing: its return handler is not even run.
 */
static void mms_oom_probes_test_not_owner(struct kunit *test)
{
	struct task_struct *p = mms_oom_test_task(test, 4401, "reader", 0, true);
	struct mms_oom_stats s;

	KUNIT_EXPECT_FALSE(test, mms_oom_test_badness(test, p, 42));
	mms_oom_get_stats(&s);
	KUNIT_EXPECT_EQ(test, s.decisions, 0);
	KUNIT_EXPECT_EQ(test, s.fig_busy, 0);
}

/*
 * The allocating task's last retry round, reported before it called the
 * OOM killer, goes into its record: the zones of the last
 * should_reclaim_retry() round and the last compaction verdict (that
 * event is the compaction group's).
 */
static void mms_oom_probes_test_retry(struct kunit *test)
{
	mms_test_retry_zone_t zone_ev = MMS_OOM_TP(test, reclaim_retry_zone,
						   mms_test_retry_zone_t);
	struct page *page = alloc_page(GFP_KERNEL);
	struct zoneref z1, z2;
	struct mms_oom_test_dec *d;
	struct mms_oom_record *rec;
	int loops;

	KUNIT_ASSERT_NOT_NULL(test, page);
	z1.zone = page_zone(page);
	z1.zone_idx = 1;
	z2.zone = page_zone(page);
	z2.zone_idx = 2;
	__free_page(page);
	for (loops = 1; loops <= 2; loops++) {
		MMS_TEST_CALL(zone_ev, &z1, 0, 10, 20, 30, loops, false);
		MMS_TEST_CALL(zone_ev, &z2, 0, 11, 21, 31, loops, false);
	}
#ifdef CONFIG_COMPACTION
	{
		void (*retry)(void *data, int order,
			      enum compact_priority priority,
			      enum compact_result result, int retries,
			      int max_retries, bool ret);

		retry = MMS_TEST_TP(test, &mms_compaction_group, compact_retry,
				    typeof(retry));
		MMS_TEST_CALL(retry, 0, COMPACT_PRIO_ASYNC, COMPACT_SKIPPED,
			      2, 16, false);
	}
#endif
	d = mms_oom_test_begin(test, 0);
	mms_oom_test_end(d, true);
	rec = mms_oom_test_record(test, d->id);
	KUNIT_ASSERT_EQ(test, rec->nr_retry, 2);
	KUNIT_EXPECT_EQ(test, rec->retry[0].zone, 1);
	KUNIT_EXPECT_EQ(test, rec->retry[1].zone, 2);
	KUNIT_EXPECT_EQ(test, rec->retry[1].no_progress_loops, 2);
	KUNIT_EXPECT_EQ(test, rec->retry[1].reclaimable, 11);
	KUNIT_EXPECT_EQ(test, rec->retry[1].min_wmark, 31);
	KUNIT_EXPECT_EQ(test, rec->retry[0].node, zone_to_nid(z1.zone));
	KUNIT_EXPECT_EQ(test, rec->have_compact,
			IS_ENABLED(CONFIG_COMPACTION));
	if (IS_ENABLED(CONFIG_COMPACTION)) {
		KUNIT_EXPECT_EQ(test, rec->compact.retries, 2);
		KUNIT_EXPECT_EQ(test, rec->compact.result, COMPACT_SKIPPED);
	}
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_OOM_RECLAIM_RETRY_ZONE], 4);
}

/*
 * After the record: the reaper's events and the victim's exit are filed
 * under the victim's pid in its record.  The victim here has current's
 * pid, since exit_oom_victim() runs in the victim.
 */
static void mms_oom_probes_test_reaper(struct kunit *test)
{
	mms_test_victim_t victim = MMS_OOM_TP(test, mark_victim,
					      mms_test_victim_t);
	mms_test_pid_t wake = MMS_OOM_TP(test, wake_reaper, mms_test_pid_t);
	mms_test_pid_t start = MMS_OOM_TP(test, start_task_reaping,
					  mms_test_pid_t);
	mms_test_pid_t finish = MMS_OOM_TP(test, finish_task_reaping,
					   mms_test_pid_t);
	mms_test_pid_t skip = MMS_OOM_TP(test, skip_task_reaping,
					 mms_test_pid_t);
	struct task_struct *v = mms_oom_test_task(test, current->pid, "victim",
						  0, true);
	struct mms_oom_test_dec *d = mms_oom_test_begin(test, 0);
	struct mms_oom_record *rec;

	mms_oom_test_evaluate(test, v);
	mms_oom_test_badness(test, v, 1200);
	mms_oom_test_kill(test, d, v, 1200, "Memory cgroup out of memory");
	MMS_TEST_MARK_VICTIM(victim, v);
	mms_oom_test_end(d, true);
	MMS_TEST_CALL(wake, current->pid);
	MMS_TEST_CALL(start, current->pid);
	MMS_TEST_CALL(skip, current->pid);
	MMS_TEST_CALL(start, current->pid);
	MMS_TEST_CALL(finish, current->pid);
	/* Another pid's events are not this record's. */
	MMS_TEST_CALL(finish, current->pid + 1);
	mms_test_kp_call(mms_test_kp(test, &mms_oom_group, "exit_oom_victim"),
			 MMS_TEST_REGS(test, 0));

	rec = mms_oom_test_record(test, d->id);
	KUNIT_EXPECT_EQ(test, rec->victim_pid, current->pid);
	KUNIT_EXPECT_EQ(test, rec->reaper.starts, 2);
	KUNIT_EXPECT_EQ(test, rec->reaper.skips, 1);
	KUNIT_EXPECT_EQ(test, rec->reaper.finishes, 1);
	KUNIT_EXPECT_NE(test, rec->reaper.wake_ns, 0);
	KUNIT_EXPECT_LE(test, rec->reaper.wake_ns, rec->reaper.start_ns);
	KUNIT_EXPECT_LE(test, rec->reaper.start_ns, rec->reaper.finish_ns);
	KUNIT_EXPECT_LE(test, rec->reaper.finish_ns, rec->reaper.exit_ns);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_OOM_WAKE_REAPER], 1);
	KUNIT_EXPECT_EQ(test, mms_test_counters(test)->v[MMS_OOM_FINISH_REAPING], 2);
}

static int mms_oom_probes_test_init(struct kunit *test)
{
	return mms_test_state_init(MMS_TS_COMPACTION | MMS_TS_OOM);
}

static void mms_oom_probes_test_exit(struct kunit *test)
{
	mms_test_state_exit(MMS_TS_COMPACTION | MMS_TS_OOM);
}

static struct kunit_case mms_oom_probes_test_cases[] = {
	KUNIT_CASE(mms_oom_probes_test_table),
	KUNIT_CASE(mms_oom_probes_test_kill),
	KUNIT_CASE(mms_oom_probes_test_no_kill_busy),
	KUNIT_CASE(mms_oom_probes_test_states),
	KUNIT_CASE(mms_oom_probes_test_badness_only),
	KUNIT_CASE(mms_oom_probes_test_not_owner),
	KUNIT_CASE(mms_oom_probes_test_retry),
	KUNIT_CASE(mms_oom_probes_test_reaper),
	{}
};

static struct kunit_suite mms_oom_probes_test_suite = {
	.name = "mmscope_probes_oom",
	.init = mms_oom_probes_test_init,
	.exit = mms_oom_probes_test_exit,
	.test_cases = mms_oom_probes_test_cases,
};

kunit_test_suite(mms_oom_probes_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's OOM probes and records");
