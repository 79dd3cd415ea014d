// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers for vmscan tracepoints: kswapd and direct reclaim.
 *
 * Every handler runs in the reclaim path it observes: it only bumps per-CPU
 * counters (no sleeping, no allocation, no locks, no printk).
 */
#include <linux/gfp.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <trace/events/vmscan.h>

#include "mmscope.h"

static void mms_direct_reclaim_begin(void *data, int order, gfp_t gfp_flags)
{
	mms_count(MMS_DIRECT_RECLAIM);
}

MMS_TP_CHECK(mm_vmscan_direct_reclaim_begin, mms_direct_reclaim_begin)

static void mms_direct_reclaim_end(void *data, unsigned long nr_reclaimed)
{
	mms_count(MMS_DIRECT_RECLAIM_END);
	mms_count_add(MMS_DIRECT_RECLAIMED, nr_reclaimed);
	if (!nr_reclaimed)
		mms_count(MMS_DIRECT_RECLAIM_NONE);
}

MMS_TP_CHECK(mm_vmscan_direct_reclaim_end, mms_direct_reclaim_end)

static void mms_wakeup_kswapd(void *data, int nid, int zid, int order,
			      gfp_t gfp_flags)
{
	mms_count(MMS_WAKEUP_KSWAPD);
}

MMS_TP_CHECK(mm_vmscan_wakeup_kswapd, mms_wakeup_kswapd)

static void mms_kswapd_wake(void *data, int nid, int zid, int order)
{
	mms_count(MMS_KSWAPD_WAKE);
}

MMS_TP_CHECK(mm_vmscan_kswapd_wake, mms_kswapd_wake)

static void mms_kswapd_sleep(void *data, int nid)
{
	mms_count(MMS_KSWAPD_SLEEP);
}

MMS_TP_CHECK(mm_vmscan_kswapd_sleep, mms_kswapd_sleep)

/*
 * allocstall_<zone>: /proc/vmstat counts one at the top of every pass of
 * do_try_to_free_pages() for global reclaim, and again at each of its
 * retries (6.8+ retries a pass that reclaimed nothing with a full memcg
 * walk), which mm_vmscan_direct_reclaim_begin does not see.  The first thing
 * every pass does is vmpressure_prio(gfp, sc->target_mem_cgroup, priority)
 * at the initial priority, DEF_PRIORITY for every global reclaimer
 * (try_to_free_pages(), shrink_all_memory()); a NULL memcg is exactly the
 * kernel's !cgroup_reclaim() test.  The kernel files the event under
 * sc->reclaim_idx = gfp_zone(gfp); vmpressure_prio() sees the gfp after
 * current_gfp_context(), which differs in zone only for PF_MEMALLOC_PIN
 * tasks: then the total is still exact and the zone may not be.
 */
static int mms_vmpressure_prio(struct kprobe *kp, struct pt_regs *regs)
{
	gfp_t gfp = (__force gfp_t)regs_get_kernel_argument(regs, 0);
	unsigned long memcg = regs_get_kernel_argument(regs, 1);
	int prio = (int)regs_get_kernel_argument(regs, 2);
	enum zone_type zid;

	if (memcg || prio != DEF_PRIORITY)
		return 0;
	zid = gfp_zone(gfp);
	if (zid <= ZONE_MOVABLE)
		mms_count(MMS_ALLOCSTALL_FIRST + zid);
	return 0;
}

static struct mms_kp_probe mms_vmscan_kprobes[] = {
	MMS_KPROBE(vmpressure_prio, mms_vmpressure_prio),
};

static struct mms_tp_probe mms_vmscan_probes[] = {
	MMS_TP_PROBE(mm_vmscan_direct_reclaim_begin, mms_direct_reclaim_begin),
	MMS_TP_PROBE(mm_vmscan_direct_reclaim_end, mms_direct_reclaim_end),
	MMS_TP_PROBE(mm_vmscan_wakeup_kswapd, mms_wakeup_kswapd),
	MMS_TP_PROBE(mm_vmscan_kswapd_wake, mms_kswapd_wake),
	MMS_TP_PROBE(mm_vmscan_kswapd_sleep, mms_kswapd_sleep),
};

struct mms_probe_group mms_vmscan_group = {
	.system = "vmscan",
	.tps = mms_vmscan_probes,
	.nr_tps = ARRAY_SIZE(mms_vmscan_probes),
	.kps = mms_vmscan_kprobes,
	.nr_kps = ARRAY_SIZE(mms_vmscan_kprobes),
};
