// SPDX-License-Identifier: GPL-2.0
/*
 * Pressure episodes: the state machine of episode.h, on plain values.
 */
#include <linux/bits.h>
#include <linux/minmax.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "stream/episode.h"

/**
 * mms_episode_init() - no episode open, no kswapd awake, no reclaimer
 * @ep: the tracker
 */
void mms_episode_init(struct mms_episode *ep)
{
	memset(ep, 0, sizeof(*ep));
}

static u64 mms_ep_node_bit(int nid)
{
	return BIT_ULL(clamp(nid, 0, MMS_EP_NODES - 1));
}

static void mms_ep_open(struct mms_episode *ep, const struct mms_ep_input *in)
{
	if (ep->active)
		return;
	ep->active = true;
	ep->recovering = false;
	memset(&ep->rec, 0, sizeof(ep->rec));
	memset(ep->tasks, 0, sizeof(ep->tasks));
	memset(ep->cgroups, 0, sizeof(ep->cgroups));
	ep->rec.start_ns = in->ts_ns;
	ep->rec.first_type = in->rec_type;
}

/*
 * Find @pid's entry, or make one: a free one, else the one that stalled
 * least (a task that stalled less than any followed one is then known
 * only by the totals).  Return: the entry, and whether it is new.
 */
static struct mmscope_episode_task *
mms_ep_task(struct mms_episode *ep, int pid, bool *fresh)
{
	struct mmscope_episode_task *least = NULL;
	unsigned int i;

	*fresh = false;
	for (i = 0; i < MMS_EP_TASKS; i++)
		if (ep->tasks[i].nr_stalls && ep->tasks[i].pid == pid)
			return &ep->tasks[i];
	for (i = 0; i < MMS_EP_TASKS; i++) {
		struct mmscope_episode_task *t = &ep->tasks[i];

		if (!t->nr_stalls) {
			least = t;
			break;
		}
		if (!least || t->stall_ns < least->stall_ns)
			least = t;
	}
	*fresh = true;
	memset(least, 0, sizeof(*least));
	least->pid = pid;
	return least;
}

static struct mmscope_episode_cgroup *
mms_ep_cgroup(struct mms_episode *ep, u64 id)
{
	struct mmscope_episode_cgroup *least = NULL;
	unsigned int i;

	for (i = 0; i < MMS_EP_CGROUPS; i++)
		if (ep->cgroups[i].cgroup_id == id)
			return &ep->cgroups[i];
	for (i = 0; i < MMS_EP_CGROUPS; i++) {
		struct mmscope_episode_cgroup *c = &ep->cgroups[i];

		if (!c->cgroup_id) {
			least = c;
			break;
		}
		if (!least || c->stall_ns < least->stall_ns)
			least = c;
	}
	least->cgroup_id = id;
	least->stall_ns = 0;
	return least;
}

static void mms_ep_direct_end(struct mms_episode *ep,
			      const struct mms_ep_input *in)
{
	struct mmscope_episode_task *t;
	bool fresh;

	ep->rec.nr_direct_stalls++;
	ep->rec.direct_stall_ns += in->duration_ns;
	t = mms_ep_task(ep, in->pid, &fresh);
	if (fresh) {
		ep->rec.nr_tasks++;
		if (in->comm)
			strscpy(t->comm, in->comm, sizeof(t->comm));
	} else {
		ep->rec.nr_retries++;
	}
	t->nr_stalls++;
	t->stall_ns += in->duration_ns;
	if (in->cgroup_id)
		mms_ep_cgroup(ep, in->cgroup_id)->stall_ns += in->duration_ns;
}

static int mms_ep_task_cmp(const void *a, const void *b)
{
	const struct mmscope_episode_task *x = a, *y = b;

	if (!x->nr_stalls != !y->nr_stalls)
		return x->nr_stalls ? -1 : 1;
	if (x->stall_ns != y->stall_ns)
		return x->stall_ns > y->stall_ns ? -1 : 1;
	return x->pid - y->pid;
}

static int mms_ep_cgroup_cmp(const void *a, const void *b)
{
	const struct mmscope_episode_cgroup *x = a, *y = b;

	if (!x->cgroup_id != !y->cgroup_id)
		return x->cgroup_id ? -1 : 1;
	if (x->stall_ns != y->stall_ns)
		return x->stall_ns > y->stall_ns ? -1 : 1;
	return x->cgroup_id < y->cgroup_id ? -1 : x->cgroup_id > y->cgroup_id;
}

/* Close the open episode, ended at @end_ns, into @out. */
static void mms_ep_close(struct mms_episode *ep, u64 end_ns, u32 outcome,
			 struct mmscope_rec_episode *out)
{
	s64 d = (s64)(end_ns - ep->rec.start_ns);

	ep->active = false;
	ep->recovering = false;
	ep->rec.outcome = outcome;
	ep->rec.duration_ns = d > 0 ? d : 0;
	sort(ep->tasks, MMS_EP_TASKS, sizeof(ep->tasks[0]), mms_ep_task_cmp,
	     NULL);
	sort(ep->cgroups, MMS_EP_CGROUPS, sizeof(ep->cgroups[0]),
	     mms_ep_cgroup_cmp, NULL);
	memcpy(ep->rec.tasks, ep->tasks, sizeof(ep->rec.tasks));
	memcpy(ep->rec.cgroups, ep->cgroups, sizeof(ep->rec.cgroups));
	*out = ep->rec;
}

/* Whether the open episode has been recovering for the grace period. */
static bool mms_ep_recovered(const struct mms_episode *ep, u64 now)
{
	return ep->active && ep->recovering &&
	       (s64)(now - ep->recover_ns) >= (s64)MMS_EP_GRACE_NS;
}

/**
 * mms_episode_feed() - tell the tracker one event
 * @ep: the tracker
 * @in: the event
 * @out: filled with the episode's record when this event ends one
 *
 * An episode that has been recovering for %MMS_EP_GRACE_NS closes as
 * recovered, at the moment recovery began, on the first event (a tick
 * included) that comes after the grace period; the event then counts
 * towards the next episode.
 *
 * Context: the caller serialises calls on @ep.
 * Return: true if an episode ended and @out holds it.
 */
bool mms_episode_feed(struct mms_episode *ep, const struct mms_ep_input *in,
		      struct mmscope_rec_episode *out)
{
	bool closed = false;

	if (mms_ep_recovered(ep, in->ts_ns)) {
		mms_ep_close(ep, ep->recover_ns, MMSCOPE_EPISODE_RECOVERED, out);
		closed = true;
	}
	switch (in->event) {
	case MMS_EP_WAKEUP_KSWAPD:
		ep->awake |= mms_ep_node_bit(in->nid);
		mms_ep_open(ep, in);
		ep->rec.nr_wakeup_kswapd++;
		break;
	case MMS_EP_KSWAPD_WAKE:
		ep->awake |= mms_ep_node_bit(in->nid);
		mms_ep_open(ep, in);
		ep->rec.nr_kswapd_wakes++;
		break;
	case MMS_EP_DIRECT_BEGIN:
		ep->inflight++;
		mms_ep_open(ep, in);
		break;
	case MMS_EP_KSWAPD_SLEEP:
		ep->awake &= ~mms_ep_node_bit(in->nid);
		if (ep->active) {
			ep->rec.nr_kswapd_runs++;
			ep->rec.kswapd_run_ns += in->duration_ns;
		}
		break;
	case MMS_EP_DIRECT_END:
		/* An exit whose entry came before we looked is not ours. */
		if (!ep->inflight)
			break;
		ep->inflight--;
		if (ep->active)
			mms_ep_direct_end(ep, in);
		break;
	case MMS_EP_COMPACT_STALL:
		mms_ep_open(ep, in);
		ep->rec.nr_compact_stalls++;
		ep->rec.compact_stall_ns += in->duration_ns;
		break;
	case MMS_EP_OOM:
		if (!ep->active)
			break;
		ep->rec.oom_victim_pid = in->pid;
		mms_ep_close(ep, in->ts_ns, MMSCOPE_EPISODE_OOM, out);
		return true;	/* none was closed above: this one was open */
	case MMS_EP_TICK:
	default:
		break;
	}
	if (!ep->active)
		return closed;
	/* Recovering while no kswapd is awake and no task reclaims. */
	if (ep->awake || ep->inflight) {
		ep->recovering = false;
	} else if (!ep->recovering) {
		ep->recovering = true;
		ep->recover_ns = in->ts_ns;
	}
	return closed;
}
