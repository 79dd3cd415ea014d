/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pressure episodes: one record that stitches what the kernel did about
 * one shortage of memory, from its first sign to its end.
 *
 *   idle --(wakeup_kswapd | kswapd wake | direct reclaim | compaction
 *           stall)--> open <------(any of those)------+
 *                       |  --(OOM kill)---------------|-------> idle
 *                       |                             |
 *                       +--(no kswapd awake, no task  |
 *                           in direct reclaim)--> recovering
 *                                                     |
 *                              (MMS_EP_GRACE_NS without any: recovered,
 *                               at the moment recovery began) --> idle
 *
 * The grace period is needed because neither a kswapd going to sleep nor
 * the last direct reclaimer leaving says the shortage is over: kswapd
 * also sleeps when it gives up (kswapd_failures), and an allocator that
 * got nothing leaves reclaim only to retry it, or to call the OOM killer,
 * a moment later.  A periodic tick (MMS_EP_TICK) closes a recovered
 * episode when nothing else happens.
 * Whether each node's kswapd is awake and how many tasks are in direct
 * reclaim is followed across episodes.  The logic takes plain values and
 * keeps no lock: the caller serialises (stream.c), and KUnit drives
 * it directly.
 */
#ifndef _MMSCOPE_EPISODE_H
#define _MMSCOPE_EPISODE_H

#include <linux/types.h>

#include <linux/mmscope.h>

#define MMS_EP_TASKS	16	/* tasks followed per episode */
#define MMS_EP_CGROUPS	8	/* cgroups followed per episode */
#define MMS_EP_NODES	64	/* nodes from 63 up share the last bit */
#define MMS_EP_GRACE_NS	1000000000ULL	/* quiet time that is recovery */

/**
 * enum mms_ep_event - what the episode tracker is told
 * @MMS_EP_WAKEUP_KSWAPD: an allocation woke a node's kswapd
 * @MMS_EP_KSWAPD_WAKE: a node's kswapd started a run
 * @MMS_EP_KSWAPD_SLEEP: a node's kswapd went to sleep
 * @MMS_EP_DIRECT_BEGIN: a task entered direct reclaim
 * @MMS_EP_DIRECT_END: a task left it
 * @MMS_EP_COMPACT_STALL: a direct compaction attempt ended
 * @MMS_EP_OOM: the OOM killer chose a victim
 * @MMS_EP_TICK: time passed (closes a recovered episode)
 */
enum mms_ep_event {
	MMS_EP_WAKEUP_KSWAPD,
	MMS_EP_KSWAPD_WAKE,
	MMS_EP_KSWAPD_SLEEP,
	MMS_EP_DIRECT_BEGIN,
	MMS_EP_DIRECT_END,
	MMS_EP_COMPACT_STALL,
	MMS_EP_OOM,
	MMS_EP_TICK,
};

/**
 * struct mms_ep_input - one event, as plain values
 * @event: &enum mms_ep_event
 * @rec_type: the &enum mmscope_rec_type it came from
 * @ts_ns: when
 * @duration_ns: DIRECT_END, COMPACT_STALL: how long; KSWAPD_SLEEP: the run
 * @cgroup_id: DIRECT_END: the task's cgroup v2 id, 0 if none
 * @nid: the node, for the kswapd events
 * @pid: the task (DIRECT_END), the victim (OOM)
 * @comm: DIRECT_END: the task's comm
 */
struct mms_ep_input {
	enum mms_ep_event event;
	u32 rec_type;
	u64 ts_ns;
	u64 duration_ns;
	u64 cgroup_id;
	int nid;
	int pid;
	const char *comm;
};

/**
 * struct mms_episode - the tracker's state
 * @awake: nodes whose kswapd is awake or asked to wake, one bit each
 * @inflight: tasks in direct reclaim
 * @active: an episode is open
 * @recovering: it is, since @recover_ns: no kswapd awake, no task in
 *	direct reclaim
 * @recover_ns: when recovery began
 * @rec: the open episode's figures, built as it goes
 * @tasks: the tasks that stalled in it
 * @cgroups: the cgroups whose tasks stalled in it
 */
struct mms_episode {
	u64 awake;
	u32 inflight;
	bool active;
	bool recovering;
	u64 recover_ns;
	struct mmscope_rec_episode rec;
	struct mmscope_episode_task tasks[MMS_EP_TASKS];
	struct mmscope_episode_cgroup cgroups[MMS_EP_CGROUPS];
};

void mms_episode_init(struct mms_episode *ep);
bool mms_episode_feed(struct mms_episode *ep, const struct mms_ep_input *in,
		      struct mmscope_rec_episode *out);

#endif /* _MMSCOPE_EPISODE_H */
