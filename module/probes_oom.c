// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers for oom tracepoints.
 *
 * oom:mark_victim changed prototype inside a stable series: (int pid) in
 * 6.1.0, (struct task_struct *, uid_t) from 6.1.192 and 6.12 on.  The
 * conftest compiled against the target's headers says which one it has.
 */
#include <trace/events/oom.h>

#include "mmscope.h"
#include "stream.h"
#include "generated/conftest.h"

#if defined(MMS_HAVE_TP_MARK_VICTIM_TASK_UID)
static void mms_mark_victim(void *data, struct task_struct *task, uid_t uid)
{
	mms_count(MMS_OOM_MARK_VICTIM);
	mms_stream_oom_victim(task_pid_nr(task), uid);
}

MMS_TP_CHECK(mark_victim, mms_mark_victim)
#define MMS_MARK_VICTIM	MMS_TP_PROBE(mark_victim, mms_mark_victim)
#elif defined(MMS_HAVE_TP_MARK_VICTIM_PID)
static void mms_mark_victim(void *data, int pid)
{
	mms_count(MMS_OOM_MARK_VICTIM);
	mms_stream_oom_victim(pid, ~0U);
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

static struct mms_tp_probe mms_oom_probes[] = {
	MMS_MARK_VICTIM,
	MMS_TP_PROBE(oom_score_adj_update, mms_oom_score_adj_update),
};

struct mms_probe_group mms_oom_group = {
	.system = "oom",
	.tps = mms_oom_probes,
	.nr_tps = ARRAY_SIZE(mms_oom_probes),
};
