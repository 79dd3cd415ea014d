// SPDX-License-Identifier: GPL-2.0
/*
 * OOM forensics: build one record per OOM kill, from the decision itself.
 *
 * The kernel decides in out_of_memory(), with oom_lock held, so decisions
 * never overlap: whoever calls it owns "the decision in progress" (claimed
 * with cmpxchg(), so an overlap would be counted, never mixed in).  Within
 * it, every oom_evaluate_task() call opens a candidate, oom_badness()'s
 * entry reads the task's figures and its return gives the points the
 * kernel computed; oom_kill_process() says which task was chosen and
 * oom:mark_victim which was killed.  At out_of_memory()'s return the
 * record is published if the kernel's own OOM_KILL count rose: a decision
 * that killed nobody is only counted.
 *
 * The ring holds oom_records published records plus the one being
 * written, all allocated at load: OOM is the worst moment to allocate.
 * Record id K lives in slot K % (oom_records + 1), so the slot being
 * written is never one a reader may copy; readers and the reaper's later
 * updates take mms_oom_lock, which nothing else takes and which is never
 * held across a call out of this file.
 *
 * Reading another task's mm: oom_badness() itself reads it under
 * task_lock() of the thread find_lock_task_mm() finds.  The entry handler
 * does the same walk with spin_trylock() instead: it runs with preemption
 * disabled, and a lock it cannot take at once (someone in get_task_comm(),
 * an exiting thread) costs that candidate its figures, counted as
 * fig_busy, never a wait.  On PREEMPT_RT, where the lock is an rtmutex,
 * a trylock from task context is still allowed (it never sleeps, and
 * lockdep exempts trylocks from its wait-context check); a handler that
 * runs outside task context does not try at all.  The kernel's own points
 * still come from the return handler.  (A kretprobe on find_lock_task_mm()
 * cannot stand in: GCC inlines it into oom_badness() in Debian's kernels.)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/oom.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/sched/clock.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>

#include "oom/oom_record.h"
#include "stream/stream.h"

static unsigned int oom_records = 8;
module_param(oom_records, uint, 0444);
MODULE_PARM_DESC(oom_records, "OOM kill records kept (1-1024, default 8)");

static unsigned int oom_candidates = 64;
module_param(oom_candidates, uint, 0444);
MODULE_PARM_DESC(oom_candidates,
		 "candidates kept per OOM record, the top of the ranking (1-4096, default 64)");

#define MMS_OOM_MAX_RECORDS	1024
#define MMS_OOM_MAX_CANDIDATES	4096

/* The ring: oom_records + 1 slots of mms_oom_slot_size bytes. */
static void *mms_oom_ring;
static size_t mms_oom_slot_size;
static u64 mms_oom_published;
static DEFINE_RAW_SPINLOCK(mms_oom_lock);

static atomic_long_t mms_oom_decisions, mms_oom_no_kill, mms_oom_busy,
	mms_oom_fig_busy, mms_oom_unranked;

/*
 * The decision in progress.  Only its owner, the task in out_of_memory(),
 * touches the rest of it.
 */
static struct task_struct *mms_oom_owner;
static struct {
	struct mms_oom_record *rec;
	struct mms_oom_cand stage;
	struct task_struct *stage_task;
	bool staged;
	unsigned long kills_before;
} mms_oom_cur;

static struct mms_oom_record *mms_oom_slot(u64 id)
{
	return mms_oom_ring + (id % (oom_records + 1)) * mms_oom_slot_size;
}

/**
 * mms_oom_record_size() - bytes of one record, candidates included
 *
 * Return: the size, for a reader's copy.
 */
size_t mms_oom_record_size(void)
{
	return mms_oom_slot_size;
}

/**
 * mms_oom_records_init() - allocate the ring
 *
 * Context: module init.
 * Return: 0, -EINVAL for a parameter out of range, or -ENOMEM.
 */
int mms_oom_records_init(void)
{
	if (!oom_records || oom_records > MMS_OOM_MAX_RECORDS ||
	    !oom_candidates || oom_candidates > MMS_OOM_MAX_CANDIDATES) {
		pr_err("oom_records must be 1-%d and oom_candidates 1-%d\n",
		       MMS_OOM_MAX_RECORDS, MMS_OOM_MAX_CANDIDATES);
		return -EINVAL;
	}
	/* A fresh ring: no record, no decision, nothing counted yet. */
	mms_oom_published = 0;
	mms_oom_owner = NULL;
	memset(&mms_oom_cur, 0, sizeof(mms_oom_cur));
	atomic_long_set(&mms_oom_decisions, 0);
	atomic_long_set(&mms_oom_no_kill, 0);
	atomic_long_set(&mms_oom_busy, 0);
	atomic_long_set(&mms_oom_fig_busy, 0);
	atomic_long_set(&mms_oom_unranked, 0);
	mms_oom_slot_size = ALIGN(struct_size_t(struct mms_oom_record, cand,
						oom_candidates), 8);
	mms_oom_ring = vzalloc(array_size(oom_records + 1, mms_oom_slot_size));
	if (!mms_oom_ring)
		return -ENOMEM;
	if (mms_oom_retry_init()) {
		vfree(mms_oom_ring);
		mms_oom_ring = NULL;
		return -ENOMEM;
	}
	return 0;
}

/**
 * mms_oom_records_exit() - free the ring, once no probe can run
 */
void mms_oom_records_exit(void)
{
	mms_oom_retry_exit();
	vfree(mms_oom_ring);
	mms_oom_ring = NULL;
}

/* The kernel's OOM_KILL count, /proc/vmstat oom_kill, summed as it sums. */
static unsigned long mms_oom_kill_count(void)
{
	unsigned long sum = 0;
#ifdef CONFIG_VM_EVENT_COUNTERS
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(vm_event_states, cpu).event[OOM_KILL];
#endif
	return sum;
}

static bool mms_oom_mine(void)
{
	return READ_ONCE(mms_oom_owner) == current && mms_oom_cur.rec;
}

static void mms_oom_comm(char *dst, const struct task_struct *p)
{
	/* As the trace events copy it: a racy but bounded read. */
	memcpy(dst, p->comm, TASK_COMM_LEN);
	dst[TASK_COMM_LEN - 1] = '\0';
}

static void mms_oom_memcg(struct mms_oom_record *rec, struct mem_cgroup *memcg)
{
#ifdef CONFIG_MEMCG
	struct cgroup *cgrp = memcg->css.cgroup;

	/*
	 * The id only: its path is resolved when the record is read, as
	 * cgroup_path() takes kernfs_rename_lock, which sleeps on
	 * PREEMPT_RT, and this runs with preemption off.
	 */
	rec->memcg_id = cgroup_id(cgrp);
#endif
}

/**
 * mms_oom_begin() - out_of_memory() entry: open a record
 * @oc: its oom_control
 *
 * Context: the allocating task, oom_lock held, kprobe handler.
 * Return: true if current now owns the decision (mms_oom_end() must follow).
 */
bool mms_oom_begin(struct oom_control *oc)
{
	struct mms_oom_record *rec;

	atomic_long_inc(&mms_oom_decisions);
	if (!mms_oom_ring || cmpxchg(&mms_oom_owner, NULL, current)) {
		atomic_long_inc(&mms_oom_busy);
		return false;
	}
	/* Only a later publication makes this slot visible to readers. */
	rec = mms_oom_slot(mms_oom_published);
	memset(rec, 0, offsetof(struct mms_oom_record, cand));
	rec->start_ns = local_clock();
	rec->real_ns = ktime_get_real_ns();
	rec->gfp = oc->gfp_mask;
	rec->order = oc->order;
	rec->victim_uid = (u32)-1;
	rec->trigger_pid = current->pid;
	rec->trigger_adj = current->signal->oom_score_adj;
	mms_oom_comm(rec->trigger_comm, current);
	if (oc->memcg)
		mms_oom_memcg(rec, oc->memcg);
	else
		mms_oom_retry_take(rec);

	mms_oom_cur.staged = false;
	mms_oom_cur.kills_before = mms_oom_kill_count();
	WRITE_ONCE(mms_oom_cur.rec, rec);
	return true;
}

/* The staged candidate is final: keep it if it ranks high enough. */
static void mms_oom_commit(void)
{
	struct mms_oom_record *rec = mms_oom_cur.rec;

	if (!mms_oom_cur.staged)
		return;
	mms_oom_cur.staged = false;
	rec->nr_cands = mms_oom_cand_keep(rec->cand, rec->nr_cands,
					  oom_candidates, &mms_oom_cur.stage,
					  &rec->cands_dropped);
}

static void mms_oom_stage(struct task_struct *p, enum mms_oom_cand_state st)
{
	struct mms_oom_cand *c = &mms_oom_cur.stage;

	mms_oom_commit();
	memset(c, 0, sizeof(*c));
	c->points = LONG_MIN;
	c->pid = p->pid;
	c->tgid = p->tgid;
	c->eval = mms_oom_cur.rec->evaluated++;
	c->state = st;
	mms_oom_comm(c->comm, p);
	mms_oom_cur.stage_task = p;
	mms_oom_cur.staged = true;
}

/**
 * mms_oom_evaluate() - oom_evaluate_task() entry: one task looked at
 * @p: the task
 *
 * Classifies what oom_evaluate_task() does before any oom_badness() call;
 * a task that then reaches oom_badness() is reclassified there.
 *
 * Context: the OOM killer, kprobe handler.
 */
void mms_oom_evaluate(struct task_struct *p)
{
	enum mms_oom_cand_state st = MMS_OOM_CAND_INELIGIBLE;
	struct mm_struct *oom_mm;

	if (!mms_oom_mine())
		return;
	if (p->flags & PF_KTHREAD) {
		mms_oom_commit();
		mms_oom_cur.rec->evaluated++;
		mms_oom_cur.rec->kthreads++;
		return;
	}
	oom_mm = READ_ONCE(p->signal->oom_mm);
	if (is_global_init(p))
		st = MMS_OOM_CAND_UNKILLABLE;
	else if (oom_mm)	/* tsk_is_oom_victim() */
		st = test_bit(MMF_OOM_SKIP, &oom_mm->flags) ?
		     MMS_OOM_CAND_VICTIM_DONE : MMS_OOM_CAND_VICTIM_EXITING;
	else if (oom_task_origin(p))
		st = MMS_OOM_CAND_ORIGIN;
	mms_oom_stage(p, st);
	if (st == MMS_OOM_CAND_ORIGIN)
		mms_oom_cur.stage.points = LONG_MAX;
}

/*
 * Read one thread's figures if it has the mm, as oom_badness() does after
 * find_lock_task_mm(), but never waiting for the lock.
 * Return: 1 read, 0 no mm, -EBUSY lock busy.
 */
static int mms_oom_read_thread(struct task_struct *t, struct mms_oom_cand *c)
{
	struct mm_struct *mm;

	if (!spin_trylock(&t->alloc_lock))
		return -EBUSY;
	mm = t->mm;
	if (!mm) {
		spin_unlock(&t->alloc_lock);
		return 0;
	}
	c->adj = t->signal->oom_score_adj;
	c->fig.anon = get_mm_counter(mm, MM_ANONPAGES);
	c->fig.file = get_mm_counter(mm, MM_FILEPAGES);
	c->fig.shmem = get_mm_counter(mm, MM_SHMEMPAGES);
	c->fig.swapents = get_mm_counter(mm, MM_SWAPENTS);
	c->fig.pgtables = mm_pgtables_bytes(mm) / PAGE_SIZE;
	c->have_fig = 1;
	if (c->adj == OOM_SCORE_ADJ_MIN)
		c->state = MMS_OOM_CAND_ADJ_MIN;
	else if (test_bit(MMF_OOM_SKIP, &mm->flags))
		c->state = MMS_OOM_CAND_REAPED;
	else if (in_vfork(t))
		c->state = MMS_OOM_CAND_VFORK;
	else
		c->state = MMS_OOM_CAND_SCORED;
	spin_unlock(&t->alloc_lock);
	return 1;
}

/**
 * mms_oom_badness_enter() - oom_badness() entry: read the task's figures
 * @p: the task oom_badness() was passed
 * @totalpages: what it measures against
 *
 * Context: any task calling oom_badness() (reading /proc/PID/oom_score
 * does too); only the owner of the decision in progress records.
 * Return: true if the return handler must run.
 */
bool mms_oom_badness_enter(struct task_struct *p, unsigned long totalpages)
{
	struct mms_oom_cand *c = &mms_oom_cur.stage;
	struct task_struct *t;
	int got = 0;

	if (!mms_oom_mine())
		return false;
	/* Without the oom_evaluate_task probe, oom_badness() opens it. */
	if (!mms_oom_cur.staged || mms_oom_cur.stage_task != p)
		mms_oom_stage(p, MMS_OOM_CAND_UNKNOWN);
	/*
	 * It passed oom_evaluate_task()'s checks (the nodes among them):
	 * what it is now comes from its figures or the kernel's points.
	 */
	c->state = MMS_OOM_CAND_UNKNOWN;
	mms_oom_cur.rec->totalpages = totalpages;
	if (is_global_init(p) || (p->flags & PF_KTHREAD)) {
		c->state = MMS_OOM_CAND_UNKILLABLE;
		return true;
	}
	/*
	 * On PREEMPT_RT task_lock() is a sleeping lock: its trylock is
	 * allowed in task context only, which an ftrace-based probe at the
	 * function's entry is, and a breakpoint-based one (x86 enters int3
	 * as an NMI) is not.
	 */
	if (IS_ENABLED(CONFIG_PREEMPT_RT) && !in_task()) {
		atomic_long_inc(&mms_oom_fig_busy);
		return true;
	}
	rcu_read_lock();
	for_each_thread(p, t) {
		got = mms_oom_read_thread(t, c);
		if (got > 0)
			break;
	}
	rcu_read_unlock();
	if (got == 0)
		c->state = MMS_OOM_CAND_EXITING;
	else if (got < 0)
		atomic_long_inc(&mms_oom_fig_busy);
	return true;
}

/**
 * mms_oom_badness_exit() - oom_badness() return: the kernel's points
 * @points: its return value
 *
 * Context: the owner of the decision, kretprobe handler.
 */
void mms_oom_badness_exit(long points)
{
	struct mms_oom_cand *c = &mms_oom_cur.stage;

	if (!mms_oom_mine() || !mms_oom_cur.staged)
		return;
	c->points = points;
	if (points != LONG_MIN)
		c->state = MMS_OOM_CAND_SCORED;
	else if (c->state == MMS_OOM_CAND_SCORED)
		c->state = MMS_OOM_CAND_UNKNOWN;	/* changed under us */
}

/**
 * mms_oom_kill_enter() - oom_kill_process() entry: the victim is chosen
 * @oc: the oom_control, with constraint, totalpages and chosen set
 * @message: the kernel's reason, as dmesg prints it
 *
 * Context: the owner of the decision, kprobe handler.
 */
void mms_oom_kill_enter(struct oom_control *oc, const char *message)
{
	struct mms_oom_record *rec = mms_oom_cur.rec;
	struct task_struct *p = oc->chosen;

	if (!mms_oom_mine())
		return;
	mms_oom_commit();
	rec->select_ns = local_clock();
	rec->have_select = true;
	rec->constraint = oc->constraint;
	rec->totalpages = oc->totalpages;
	rec->chosen_points = oc->chosen_points;
	rec->allocating_task = message && strstr(message, "allocating_task");
	if (p) {
		rec->chosen_pid = p->pid;
		mms_oom_comm(rec->chosen_comm, p);
		rcu_read_lock();
		rec->victim_uid = from_kuid(&init_user_ns, task_uid(p));
		rcu_read_unlock();
	}
}

/**
 * mms_oom_victim() - oom:mark_victim
 * @p: the task marked, or %NULL where the tracepoint passes only a pid
 * @pid: its pid
 * @uid: its uid, (u32)-1 if not known
 *
 * Context: the OOM killer (the owner), tracepoint handler.
 */
void mms_oom_victim(struct task_struct *p, pid_t pid, u32 uid)
{
	struct mms_oom_record *rec = mms_oom_cur.rec;

	if (!mms_oom_mine())
		return;
	if (!rec->marked++) {
		rec->victim_pid = pid;
		if (uid != (u32)-1)
			rec->victim_uid = uid;
		if (p)
			mms_oom_comm(rec->victim_comm, p);
		else if (pid == rec->chosen_pid)
			memcpy(rec->victim_comm, rec->chosen_comm,
			       TASK_COMM_LEN);
	}
}

/**
 * mms_oom_end() - out_of_memory() return: publish the record of a kill
 * @oc: its oom_control
 *
 * Context: the owner of the decision, kretprobe handler.
 */
void mms_oom_end(struct oom_control *oc)
{
	struct mms_oom_record *rec = mms_oom_cur.rec;
	unsigned long flags;

	if (!mms_oom_mine())
		return;
	mms_oom_commit();
	rec->end_ns = local_clock();
	rec->kills = mms_oom_kill_count() - mms_oom_cur.kills_before;
	if (!rec->have_select) {	/* no oom_kill_process probe */
		rec->constraint = oc->constraint;
		rec->totalpages = oc->totalpages;
		rec->chosen_points = oc->chosen_points;
	}
	if (!rec->kills) {
		atomic_long_inc(&mms_oom_no_kill);
	} else {
		/*
		 * A kill chosen by select_bad_process() (not a memcg's, not
		 * oom_kill_allocating_task's) with no task evaluated: the
		 * oom_evaluate_task kprobe is attached but does not fire for
		 * global OOM, inlined into select_bad_process() by this
		 * kernel's compiler.  Counted, and shown as "unranked".
		 */
		if (!rec->memcg_id && !rec->allocating_task && !rec->evaluated)
			atomic_long_inc(&mms_oom_unranked);
		mms_oom_rank(rec->cand, rec->nr_cands);
		raw_spin_lock_irqsave(&mms_oom_lock, flags);
		rec->id = mms_oom_published;
		/* Readers copy under the lock: the record is whole now. */
		mms_oom_published++;
		raw_spin_unlock_irqrestore(&mms_oom_lock, flags);
		mms_oom_record_done(rec);
	}
	WRITE_ONCE(mms_oom_cur.rec, NULL);
	/* The next owner's cmpxchg() sees this decision's writes done. */
	smp_store_release(&mms_oom_owner, NULL);
}

/* The newest published record whose victim is @pid; mms_oom_lock held. */
static struct mms_oom_record *mms_oom_find_victim(pid_t pid)
{
	struct mms_oom_record *cur = READ_ONCE(mms_oom_cur.rec);
	u64 id = mms_oom_published, oldest;

	/* A victim may exit before its decision is even published. */
	if (cur && READ_ONCE(cur->victim_pid) == pid)
		return cur;
	oldest = id > oom_records ? id - oom_records : 0;
	while (id-- > oldest) {
		struct mms_oom_record *rec = mms_oom_slot(id);

		if (rec->victim_pid == pid)
			return rec;
	}
	return NULL;
}

/**
 * mms_oom_reaper_event() - what became of a victim after its record
 * @pid: the victim's pid, as the reaper's tracepoints give it
 * @ev: which event
 *
 * Context: the reaper's timer (softirq), the oom_reaper thread, or the
 * victim exiting; takes mms_oom_lock with interrupts saved.
 */
void mms_oom_reaper_event(pid_t pid, enum mms_oom_reaper_ev ev)
{
	struct mms_oom_record *rec;
	struct mms_oom_reaper *r;
	unsigned long flags;
	u64 now = local_clock();

	if (!mms_oom_ring)
		return;
	raw_spin_lock_irqsave(&mms_oom_lock, flags);
	rec = mms_oom_find_victim(pid);
	if (rec) {
		r = &rec->reaper;
		switch (ev) {
		case MMS_REAP_WAKE:
			r->wake_ns = now;
			break;
		case MMS_REAP_START:
			if (!r->starts++)
				r->start_ns = now;
			break;
		case MMS_REAP_FINISH:
			r->finishes++;
			r->finish_ns = now;
			break;
		case MMS_REAP_SKIP:
			r->skips++;
			break;
		case MMS_REAP_VICTIM_EXIT:
			if (!r->exit_ns)
				r->exit_ns = now;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&mms_oom_lock, flags);
}

/**
 * mms_oom_record_copy() - copy a published record
 * @id: its id
 * @dst: room for mms_oom_record_size() bytes
 *
 * The record, up to oom_candidates candidates, is copied without the lock
 * (a copy of hundreds of KiB with interrupts off would stall the CPU): a
 * published record changes no more but for its reaper figures, and its
 * slot is reused only by the record oom_records + 1 after it, which
 * cannot begin before this one has left the window.  So a copy followed
 * by a check that @id is still kept is whole; the reaper figures are then
 * copied under the lock.
 *
 * Context: process context; takes mms_oom_lock with interrupts saved.
 * Return: false if @id is not (or no longer) among the records kept.
 */
bool mms_oom_record_copy(u64 id, struct mms_oom_record *dst)
{
	struct mms_oom_record *src = mms_oom_slot(id);
	unsigned long flags;
	u64 published;
	bool ok;

	raw_spin_lock_irqsave(&mms_oom_lock, flags);
	published = mms_oom_published;
	raw_spin_unlock_irqrestore(&mms_oom_lock, flags);
	if (id >= published || id + oom_records < published)
		return false;
	memcpy(dst, src, mms_oom_slot_size);
	/* The copy is done before the window is checked again. */
	smp_rmb();
	raw_spin_lock_irqsave(&mms_oom_lock, flags);
	ok = id + oom_records >= mms_oom_published;
	if (ok)
		dst->reaper = src->reaper;
	raw_spin_unlock_irqrestore(&mms_oom_lock, flags);
	return ok;
}

/**
 * mms_oom_get_stats() - the recorder's counts
 * @s: filled in
 */
void mms_oom_get_stats(struct mms_oom_stats *s)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&mms_oom_lock, flags);
	s->published = mms_oom_published;
	raw_spin_unlock_irqrestore(&mms_oom_lock, flags);
	s->decisions = atomic_long_read(&mms_oom_decisions);
	s->no_kill = atomic_long_read(&mms_oom_no_kill);
	s->busy = atomic_long_read(&mms_oom_busy);
	s->fig_busy = atomic_long_read(&mms_oom_fig_busy);
	s->unranked = atomic_long_read(&mms_oom_unranked);
	s->retry_lost = mms_oom_retry_lost();
	s->capacity = oom_records;
	s->cand_cap = oom_candidates;
}

/* The candidate row of the victim, if it was kept. */
static const struct mms_oom_cand *
mms_oom_victim_cand(const struct mms_oom_record *rec)
{
	pid_t pid = rec->have_select ? rec->chosen_pid : rec->victim_pid;
	unsigned int i;

	for (i = 0; i < rec->nr_cands; i++)
		if (rec->cand[i].pid == pid && rec->cand[i].have_fig)
			return &rec->cand[i];
	return NULL;
}

/**
 * mms_oom_record_done() - a record was published: emit its summary on the
 *	event stream (/dev/mmscope) as MMSCOPE_REC_OOM_KILL
 * @rec: the record, complete but for its reaper figures
 *
 * Context: the OOM killer, kretprobe handler: mms_emit() neither sleeps
 * nor allocates.
 */
void mms_oom_record_done(const struct mms_oom_record *rec)
{
	const struct mms_oom_cand *v;
	struct mmscope_rec_oom_kill r;

	if (!mms_stream_enabled(MMSCOPE_REC_OOM_KILL))
		return;
	memset(&r, 0, sizeof(r));
	r.totalpages = rec->totalpages;
	r.points = rec->allocating_task ? 0 : rec->chosen_points;
	v = mms_oom_victim_cand(rec);
	if (v) {
		r.victim_rss = mms_oom_rss(&v->fig);
		r.victim_swap = v->fig.swapents;
		r.victim_pgtables = v->fig.pgtables;
		r.victim_oom_score_adj = v->adj;
	}
	if (rec->have_select)
		r.decision_ns = rec->select_ns - rec->start_ns;
	r.memcg_id = rec->memcg_id;
	r.trigger_pid = rec->trigger_pid;
	r.victim_pid = rec->victim_pid;
	r.victim_uid = rec->victim_uid;
	r.constraint = rec->constraint;
	r.gfp = (__force u32)rec->gfp;
	r.order = rec->order;
	r.nr_candidates = rec->nr_cands + rec->cands_dropped;
	memcpy(r.trigger_comm, rec->trigger_comm, sizeof(r.trigger_comm));
	memcpy(r.victim_comm, rec->victim_comm, sizeof(r.victim_comm));
	mms_stream_put(OOM_KILL, &r);
}
