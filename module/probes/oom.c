// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers for oom tracepoints, and kprobes on the OOM killer's decision.
 *
 * oom:mark_victim changed prototype inside a stable series: (int pid) in
 * 6.1.0, (struct task_struct *, uid_t) from 6.1.192 and 6.12 on.  The
 * conftest compiled against the target's headers says which one it has.
 *
 * No tracepoint shows the decision itself, so kprobes do (see
 * oom_record.c): out_of_memory() (a kretprobe: entry and verdict),
 * oom_evaluate_task() (every task looked at), oom_badness() (a kretprobe:
 * the task, then the points the kernel gave it), oom_kill_process() (the
 * choice) and exit_oom_victim() (the victim letting go of its mm).
 * oom_evaluate_task() and oom_kill_process() are static: a kernel that
 * inlined them degrades those probes alone, and the record then lacks the
 * tasks skipped before oom_badness() and the selection time.
 */
#include <linux/kprobes.h>
#include <linux/oom.h>
#include <linux/ptrace.h>
#include <trace/events/oom.h>

#include "oom/oom_record.h"
#include "stream/stream.h"
#include "generated/conftest.h"
#include "core/counters.h"
#include "probes/probe.h"

#if defined(MMS_HAVE_TP_MARK_VICTIM_TASK_UID)
static void mms_mark_victim(void *data, struct task_struct *task, uid_t uid)
{
	mms_count(MMS_OOM_MARK_VICTIM);
	mms_stream(OOM_VICTIM, .victim_pid = task_pid_nr(task),
		   .victim_uid = uid);
	mms_oom_victim(task, task->pid, uid);
}

MMS_TP_CHECK(mark_victim, mms_mark_victim)
#define MMS_MARK_VICTIM	MMS_TP_PROBE(mark_victim, mms_mark_victim)
#elif defined(MMS_HAVE_TP_MARK_VICTIM_PID)
static void mms_mark_victim(void *data, int pid)
{
	mms_count(MMS_OOM_MARK_VICTIM);
	mms_stream(OOM_VICTIM, .victim_pid = pid, .victim_uid = ~0U);
	mms_oom_victim(NULL, pid, (u32)-1);
}

MMS_TP_CHECK(mark_victim, mms_mark_victim)
#define MMS_MARK_VICTIM	MMS_TP_PROBE(mark_victim, mms_mark_victim)
#else
#define MMS_MARK_VICTIM							\
	MMS_TP_ABSENT(mark_victim, "no known prototype in this kernel's headers")
#endif

static void mms_oom_score_adj_update(void *data, struct task_struct *task)
{
	mms_count(MMS_OOM_SCORE_ADJ_UPDATE);
}

MMS_TP_CHECK(oom_score_adj_update, mms_oom_score_adj_update)

static void mms_reclaim_retry_zone(void *data, struct zoneref *zoneref,
				   int order, unsigned long reclaimable,
				   unsigned long available,
				   unsigned long min_wmark,
				   int no_progress_loops, bool wmark_check)
{
	mms_count(MMS_OOM_RECLAIM_RETRY_ZONE);
	mms_oom_retry_zone(zoneref, order, reclaimable, available, min_wmark,
			   no_progress_loops, wmark_check);
}

MMS_TP_CHECK(reclaim_retry_zone, mms_reclaim_retry_zone)

/* The reaper's events all pass only the victim's pid. */
#define MMS_REAPER_HANDLER(tpname, counter, ev)				\
static void mms_##tpname(void *data, int pid)				\
{									\
	mms_count(counter);						\
	mms_oom_reaper_event(pid, ev);					\
}									\
MMS_TP_CHECK(tpname, mms_##tpname)

MMS_REAPER_HANDLER(wake_reaper, MMS_OOM_WAKE_REAPER, MMS_REAP_WAKE)
MMS_REAPER_HANDLER(start_task_reaping, MMS_OOM_START_REAPING, MMS_REAP_START)
MMS_REAPER_HANDLER(finish_task_reaping, MMS_OOM_FINISH_REAPING,
		   MMS_REAP_FINISH)
MMS_REAPER_HANDLER(skip_task_reaping, MMS_OOM_SKIP_REAPING, MMS_REAP_SKIP)

static struct mms_tp_probe mms_oom_probes[] = {
	MMS_MARK_VICTIM,
	MMS_TP_PROBE(oom_score_adj_update, mms_oom_score_adj_update),
	MMS_TP_PROBE(reclaim_retry_zone, mms_reclaim_retry_zone),
	MMS_TP_PROBE(wake_reaper, mms_wake_reaper),
	MMS_TP_PROBE(start_task_reaping, mms_start_task_reaping),
	MMS_TP_PROBE(finish_task_reaping, mms_finish_task_reaping),
	MMS_TP_PROBE(skip_task_reaping, mms_skip_task_reaping),
};

/* bool out_of_memory(struct oom_control *oc) */
static int mms_out_of_memory_entry(struct kretprobe_instance *ri,
				   struct pt_regs *regs)
{
	struct oom_control *oc = (void *)regs_get_kernel_argument(regs, 0);

	*(struct oom_control **)ri->data = oc;
	return mms_oom_begin(oc) ? 0 : 1;
}

static int mms_out_of_memory_ret(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	mms_oom_end(*(struct oom_control **)ri->data);
	return 0;
}

/* static int oom_evaluate_task(struct task_struct *task, void *arg) */
static int mms_oom_evaluate_task(struct kprobe *kp, struct pt_regs *regs)
{
	mms_oom_evaluate((void *)regs_get_kernel_argument(regs, 0));
	return 0;
}

/* long oom_badness(struct task_struct *p, unsigned long totalpages) */
static int mms_oom_badness_entry(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	return mms_oom_badness_enter((void *)regs_get_kernel_argument(regs, 0),
				     regs_get_kernel_argument(regs, 1)) ? 0 : 1;
}

static int mms_oom_badness_ret(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	mms_oom_badness_exit((long)regs_return_value(regs));
	return 0;
}

/* static void oom_kill_process(struct oom_control *oc, const char *message) */
static int mms_oom_kill_process(struct kprobe *kp, struct pt_regs *regs)
{
	mms_oom_kill_enter((void *)regs_get_kernel_argument(regs, 0),
			   (const char *)regs_get_kernel_argument(regs, 1));
	return 0;
}

/* void exit_oom_victim(void): the victim, its mm released */
static int mms_exit_oom_victim(struct kprobe *kp, struct pt_regs *regs)
{
	mms_oom_reaper_event(current->pid, MMS_REAP_VICTIM_EXIT);
	return 0;
}

static struct mms_kp_probe mms_oom_kprobes[] = {
	MMS_KPROBE(oom_evaluate_task, mms_oom_evaluate_task),
	MMS_KPROBE(oom_kill_process, mms_oom_kill_process),
	MMS_KPROBE(exit_oom_victim, mms_exit_oom_victim),
};

/* maxactive 0: the kernel default, max(10, 2 * NR_CPUS). */
static struct mms_krp_probe mms_oom_kretprobes[] = {
	MMS_KRETPROBE(out_of_memory, mms_out_of_memory_entry,
		      mms_out_of_memory_ret, struct oom_control *, 0),
	MMS_KRETPROBE(oom_badness, mms_oom_badness_entry, mms_oom_badness_ret,
		      char, 0),
};

struct mms_probe_group mms_oom_group = {
	.system = "oom",
	.tps = mms_oom_probes,
	.nr_tps = ARRAY_SIZE(mms_oom_probes),
	.kps = mms_oom_kprobes,
	.nr_kps = ARRAY_SIZE(mms_oom_kprobes),
	.krps = mms_oom_kretprobes,
	.nr_krps = ARRAY_SIZE(mms_oom_kretprobes),
};
