// SPDX-License-Identifier: GPL-2.0
/*
 * The watermark state machine: for every zone, the time spent above high,
 * between low and high, between min and low and at or below min, the
 * transitions between those states, and the free-minus-watermark margin
 * at every kswapd wake and every direct reclaim entry.
 *
 * When is the state read?  Free pages change on every allocation and
 * free; following them exactly would mean probing kmem:mm_page_alloc and
 * mm_page_free, hundreds of thousands of events a second under pressure,
 * for a figure that needs far less.  Instead the state is re-read:
 *
 *  - at the reclaim events that matter for it and are cheap: every
 *    wakeup_kswapd request, kswapd wake and sleep, and direct reclaim
 *    entry and exit (mm_vmscan_*, whose one handler each, in
 *    probes/vmscan.c, calls mms_wmark_state_on_*()), for the node
 *    concerned;
 *  - and every wmark_sample_ms milliseconds (default 100) by a timer, for
 *    every node, so that a zone that drifts across a watermark with no
 *    reclaim event is seen too.
 *
 * The error is in *when* a transition is seen: at most one sampling period
 * late, or less when a reclaim event comes first; a round trip across a
 * watermark entirely between two reads is missed.  Time is never lost:
 * each read charges the time since the previous one to the state the zone
 * was in (mms_wmark_state_update()), under the zone's own lock and with one
 * clock, so the times add up to the elapsed time exactly, by construction.
 * Updates use a trylock: an update that finds another in progress for the
 * same zone leaves it to that one (counted as "contended").
 *
 * Margins can be negative, and mms_hist records unsigned values, so each
 * margin goes to one of two histograms, "above" (margin >= 0: pages to
 * spare) or "below" (margin < 0: pages short, as a positive number).
 */
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/topology.h>

#include "core/hist.h"
#include "zones/wmark.h"
#include "zones/zones.h"

static unsigned int wmark_sample_ms = 100;
module_param(wmark_sample_ms, uint, 0444);
MODULE_PARM_DESC(wmark_sample_ms,
		 "watermark state sampling period in ms (0: reclaim events only)");

/**
 * struct mms_wmark_zone - one zone's state machine
 * @lock: serialises updates and reads of @acct
 * @started: the zone was populated at load, so it is followed
 * @acct: the accounting
 */
struct mms_wmark_zone {
	raw_spinlock_t lock;
	bool started;
	struct mms_wmark_state_acct acct;
};

static struct mms_wmark_zone *mms_wmark_zones;
static atomic_long_t mms_wmark_state_contended;
static atomic_long_t *mms_kswapd_wakes;		/* per node */
static atomic_long_t *mms_direct_entries;	/* per node */
static struct timer_list mms_wmark_state_timer;
static bool mms_wmark_state_stopping;

static struct mms_hist mms_wmark_margin_hists[MMS_NR_MARGINS];
static const char * const mms_wmark_margin_names[MMS_NR_MARGINS] = {
	[MMS_M_KSWAPD_ABOVE]	= "kswapd_wake_above_low",
	[MMS_M_KSWAPD_BELOW]	= "kswapd_wake_below_low",
	[MMS_M_DIRECT_ABOVE]	= "direct_reclaim_above_min",
	[MMS_M_DIRECT_BELOW]	= "direct_reclaim_below_min",
};

static struct mms_wmark_zone *mms_wmark_zone_of(int nid, int zid)
{
	if (!mms_wmark_zones || nid < 0 || nid >= nr_node_ids || zid < 0 ||
	    zid >= MAX_NR_ZONES)
		return NULL;
	return &mms_wmark_zones[nid * MAX_NR_ZONES + zid];
}

static enum mms_wmark_state mms_wmark_zone_state(struct zone *zone)
{
	return mms_wmark_state_of(zone_page_state(zone, NR_FREE_PAGES),
			     min_wmark_pages(zone), low_wmark_pages(zone),
			     high_wmark_pages(zone));
}

/* Re-read one zone's state: any context but NMI; never spins. */
static void mms_wmark_zone_update(struct zone *zone)
{
	struct mms_wmark_zone *w = mms_wmark_zone_of(zone_to_nid(zone), zone_idx(zone));
	enum mms_wmark_state s;
	unsigned long flags;

	if (!w || !w->started)
		return;
	s = mms_wmark_zone_state(zone);
	if (!raw_spin_trylock_irqsave(&w->lock, flags)) {
		atomic_long_inc(&mms_wmark_state_contended);
		return;
	}
	mms_wmark_state_update(&w->acct, ktime_get_mono_fast_ns(), s);
	raw_spin_unlock_irqrestore(&w->lock, flags);
}

static void mms_wmark_node_update(int nid)
{
	struct pglist_data *pgdat;
	int z;

	if (nid < 0 || nid >= nr_node_ids || !node_online(nid))
		return;
	pgdat = NODE_DATA(nid);
	for (z = 0; z < MAX_NR_ZONES; z++)
		mms_wmark_zone_update(&pgdat->node_zones[z]);
}

/*
 * The margin of the zone with the most room, among those an allocation
 * for @zid may use on @nid, against watermark @w plus the protection that
 * zone keeps from such allocations: what the allocator's watermark check
 * compares.  Order is not considered: free pages of any order count.
 */
static void mms_wmark_record_margin(int nid, int zid, enum zone_watermarks w,
				    enum mms_wmark_margin_id above)
{
	struct pglist_data *pgdat;
	long best = LONG_MIN;
	int z;

	if (nid < 0 || nid >= nr_node_ids || !node_online(nid))
		return;
	zid = clamp(zid, 0, MAX_NR_ZONES - 1);
	pgdat = NODE_DATA(nid);
	for (z = 0; z <= zid; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		long m;

		if (!populated_zone(zone))
			continue;
		m = (long)zone_page_state(zone, NR_FREE_PAGES) -
		    (long)(wmark_pages(zone, w) + zone->lowmem_reserve[zid]);
		best = max(best, m);
	}
	if (best == LONG_MIN)
		return;
	if (best >= 0)
		mms_hist_record(&mms_wmark_margin_hists[above], best);
	else
		mms_hist_record(&mms_wmark_margin_hists[above + 1], -best);
}

/**
 * mms_wmark_state_on_wakeup_kswapd() - re-read a node at mm_vmscan_wakeup_kswapd
 * @nid: the node
 *
 * Called by the tracepoint's one handler (probes/vmscan.c), as are the
 * four below for theirs.
 *
 * Context: a probe handler: any but NMI; never spins.
 */
void mms_wmark_state_on_wakeup_kswapd(int nid)
{
	mms_wmark_node_update(nid);
}

/**
 * mms_wmark_state_on_kswapd_wake() - at mm_vmscan_kswapd_wake: re-read the
 *	node, count the wake and record the margin against low
 * @nid: the node
 * @zid: the highest zone kswapd balances
 *
 * Context: a probe handler: any but NMI; never spins.
 */
void mms_wmark_state_on_kswapd_wake(int nid, int zid)
{
	mms_wmark_node_update(nid);
	if (nid >= 0 && nid < nr_node_ids && mms_kswapd_wakes)
		atomic_long_inc(&mms_kswapd_wakes[nid]);
	mms_wmark_record_margin(nid, zid, WMARK_LOW, MMS_M_KSWAPD_ABOVE);
}

/**
 * mms_wmark_state_on_kswapd_sleep() - re-read a node at mm_vmscan_kswapd_sleep
 * @nid: the node
 *
 * Context: a probe handler: any but NMI; never spins.
 */
void mms_wmark_state_on_kswapd_sleep(int nid)
{
	mms_wmark_node_update(nid);
}

/**
 * mms_wmark_state_on_direct_begin() - at mm_vmscan_direct_reclaim_begin:
 *	re-read this node, count the entry and record the margin against min
 * @gfp_flags: the allocation's flags, for its highest zone
 *
 * Context: a probe handler: any but NMI; never spins.
 */
void mms_wmark_state_on_direct_begin(gfp_t gfp_flags)
{
	int nid = numa_node_id();

	mms_wmark_node_update(nid);
	if (mms_direct_entries)
		atomic_long_inc(&mms_direct_entries[nid]);
	mms_wmark_record_margin(nid, gfp_zone(gfp_flags), WMARK_MIN,
				MMS_M_DIRECT_ABOVE);
}

/**
 * mms_wmark_state_on_direct_end() - re-read this node at
 *	mm_vmscan_direct_reclaim_end
 *
 * Context: a probe handler: any but NMI; never spins.
 */
void mms_wmark_state_on_direct_end(void)
{
	mms_wmark_node_update(numa_node_id());
}

static void mms_wmark_state_arm(void)
{
	mod_timer(&mms_wmark_state_timer,
		  jiffies + max(msecs_to_jiffies(wmark_sample_ms), 1UL));
}

static void mms_wmark_state_tick(struct timer_list *t)
{
	int nid;

	for_each_online_node(nid)
		mms_wmark_node_update(nid);
	if (!READ_ONCE(mms_wmark_state_stopping))
		mms_wmark_state_arm();
}

static void mms_wmark_state_free_arrays(void)
{
	kfree(mms_direct_entries);
	kfree(mms_kswapd_wakes);
	kfree(mms_wmark_zones);
	mms_direct_entries = NULL;
	mms_kswapd_wakes = NULL;
	mms_wmark_zones = NULL;
}

/**
 * mms_wmark_state_init() - start every populated zone's state machine, and the
 *	sampling timer
 *
 * Context: process context, before the probes attach.
 * Return: 0, or -ENOMEM with nothing left allocated.
 */
int mms_wmark_state_init(void)
{
	unsigned int i;
	struct zone *zone;
	int ret = -ENOMEM;

	mms_wmark_zones = kcalloc(nr_node_ids * MAX_NR_ZONES, sizeof(*mms_wmark_zones),
				  GFP_KERNEL);
	mms_kswapd_wakes = kcalloc(nr_node_ids, sizeof(atomic_long_t),
				   GFP_KERNEL);
	mms_direct_entries = kcalloc(nr_node_ids, sizeof(atomic_long_t),
				     GFP_KERNEL);
	if (!mms_wmark_zones || !mms_kswapd_wakes || !mms_direct_entries)
		goto free_arrays;
	for (i = 0; i < MMS_NR_MARGINS; i++) {
		ret = mms_hist_init(&mms_wmark_margin_hists[i], mms_wmark_margin_names[i]);
		if (ret)
			goto free_hists;
	}
	for (i = 0; i < nr_node_ids * MAX_NR_ZONES; i++)
		raw_spin_lock_init(&mms_wmark_zones[i].lock);
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		struct mms_wmark_zone *w = mms_wmark_zone_of(zone_to_nid(zone),
						   zone_idx(zone));

		if (!populated_zone(zone))
			continue;
		mms_wmark_state_start(&w->acct, ktime_get_mono_fast_ns(),
				      mms_wmark_zone_state(zone));
		w->started = true;
	}
	WRITE_ONCE(mms_wmark_state_stopping, false);
	timer_setup(&mms_wmark_state_timer, mms_wmark_state_tick, 0);
	if (wmark_sample_ms)
		mms_wmark_state_arm();
	return 0;

free_hists:
	while (i-- > 0)
		mms_hist_free(&mms_wmark_margin_hists[i]);
free_arrays:
	mms_wmark_state_free_arrays();
	return ret;
}

/**
 * mms_wmark_state_exit() - stop the timer and free the state machines
 *
 * Context: process context, once the probes are detached.
 */
void mms_wmark_state_exit(void)
{
	unsigned int i;

	WRITE_ONCE(mms_wmark_state_stopping, true);
	timer_delete_sync(&mms_wmark_state_timer);
	for (i = 0; i < MMS_NR_MARGINS; i++)
		mms_hist_free(&mms_wmark_margin_hists[i]);
	mms_wmark_state_free_arrays();
}

/**
 * mms_wmark_state_zone_read() - one followed zone's state machine, now
 * @zone: the zone
 * @a: filled with its accounting
 * @time: filled with the time in each state, the open interval included
 * @elapsed: filled with the time since accounting started
 *
 * Re-reads the zone first, so that a quiet zone shows its state now.
 *
 * Context: process context.
 * Return: false if the zone is not followed (nothing filled).
 */
bool mms_wmark_state_zone_read(struct zone *zone, struct mms_wmark_state_acct *a,
			       u64 time[MMS_NR_WMARK_STATES], u64 *elapsed)
{
	struct mms_wmark_zone *w = mms_wmark_zone_of(zone_to_nid(zone), zone_idx(zone));
	unsigned long flags;

	if (!w || !w->started)
		return false;
	mms_wmark_zone_update(zone);
	raw_spin_lock_irqsave(&w->lock, flags);
	*a = w->acct;
	mms_wmark_state_read(a, ktime_get_mono_fast_ns(), time, elapsed);
	raw_spin_unlock_irqrestore(&w->lock, flags);
	return true;
}

/**
 * mms_wmark_state_node_counts() - a node's kswapd wakes and direct reclaim
 *	entries seen by the state machine
 * @nid: the node
 * @kswapd_wakes: filled with its kswapd wakes
 * @direct: filled with its direct reclaim entries
 *
 * Return: false if the state machine is not running (nothing filled).
 */
bool mms_wmark_state_node_counts(int nid, long *kswapd_wakes, long *direct)
{
	if (!mms_wmark_zones || nid < 0 || nid >= nr_node_ids)
		return false;
	*kswapd_wakes = atomic_long_read(&mms_kswapd_wakes[nid]);
	*direct = atomic_long_read(&mms_direct_entries[nid]);
	return true;
}

/**
 * mms_wmark_state_sampling() - the sampling period and the contended updates
 * @period_ms: filled with wmark_sample_ms
 *
 * Return: updates that found another in progress (left to it).
 */
long mms_wmark_state_sampling(unsigned int *period_ms)
{
	*period_ms = wmark_sample_ms;
	return atomic_long_read(&mms_wmark_state_contended);
}

/**
 * mms_wmark_margin_snapshot() - one margin histogram
 * @i: which (&enum mms_wmark_margin_id)
 * @s: filled with its snapshot, in pages
 *
 * Return: its name.
 */
const char *mms_wmark_margin_snapshot(enum mms_wmark_margin_id i, struct mms_hist_snap *s)
{
	mms_hist_snapshot(&mms_wmark_margin_hists[i], s);
	return mms_wmark_margin_names[i];
}
