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
 *    entry and exit (mm_vmscan_*), for the node concerned;
 *  - and every wmark_sample_ms milliseconds (default 100) by a timer, for
 *    every node, so that a zone that drifts across a watermark with no
 *    reclaim event is seen too.
 *
 * The error is in *when* a transition is seen: at most one sampling period
 * late, or less when a reclaim event comes first; a round trip across a
 * watermark entirely between two reads is missed.  Time is never lost:
 * each read charges the time since the previous one to the state the zone
 * was in (mms_wstate_update()), under the zone's own lock and with one
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
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/topology.h>
#include <trace/events/vmscan.h>

#include "core/hist.h"
#include "zones/zones.h"
#include "probes/probe.h"

static unsigned int wmark_sample_ms = 100;
module_param(wmark_sample_ms, uint, 0444);
MODULE_PARM_DESC(wmark_sample_ms,
		 "watermark state sampling period in ms (0: reclaim events only)");

/**
 * struct mms_wzone - one zone's state machine
 * @lock: serialises updates and reads of @acct
 * @started: the zone was populated at load, so it is followed
 * @acct: the accounting
 */
struct mms_wzone {
	raw_spinlock_t lock;
	bool started;
	struct mms_wstate_acct acct;
};

static struct mms_wzone *mms_wzones;
static atomic_long_t mms_wstate_contended;
static atomic_long_t *mms_kswapd_wakes;		/* per node */
static atomic_long_t *mms_direct_entries;	/* per node */
static struct timer_list mms_wstate_timer;
static bool mms_wstate_stopping;

/**
 * enum mms_margin_id - the margin histograms
 * @MMS_M_KSWAPD_ABOVE: kswapd wakes with pages to spare above low
 * @MMS_M_KSWAPD_BELOW: kswapd wakes with pages short of low
 * @MMS_M_DIRECT_ABOVE: direct reclaim entries with pages to spare above min
 * @MMS_M_DIRECT_BELOW: direct reclaim entries with pages short of min
 * @MMS_NR_MARGINS: number of histograms
 */
enum mms_margin_id {
	MMS_M_KSWAPD_ABOVE,
	MMS_M_KSWAPD_BELOW,
	MMS_M_DIRECT_ABOVE,
	MMS_M_DIRECT_BELOW,
	MMS_NR_MARGINS
};

static struct mms_hist mms_margins[MMS_NR_MARGINS];
static const char * const mms_margin_names[MMS_NR_MARGINS] = {
	[MMS_M_KSWAPD_ABOVE]	= "kswapd_wake_above_low",
	[MMS_M_KSWAPD_BELOW]	= "kswapd_wake_below_low",
	[MMS_M_DIRECT_ABOVE]	= "direct_reclaim_above_min",
	[MMS_M_DIRECT_BELOW]	= "direct_reclaim_below_min",
};

static const char * const mms_wstate_names[MMS_NR_WSTATES] = {
	[MMS_WS_HIGH]		= "above_high",
	[MMS_WS_LOW_HIGH]	= "low_high",
	[MMS_WS_MIN_LOW]	= "min_low",
	[MMS_WS_MIN]		= "below_min",
};

static struct mms_wzone *mms_wzone_of(int nid, int zid)
{
	if (!mms_wzones || nid < 0 || nid >= nr_node_ids || zid < 0 ||
	    zid >= MAX_NR_ZONES)
		return NULL;
	return &mms_wzones[nid * MAX_NR_ZONES + zid];
}

static enum mms_wstate mms_zone_wstate(struct zone *zone)
{
	return mms_wstate_of(zone_page_state(zone, NR_FREE_PAGES),
			     min_wmark_pages(zone), low_wmark_pages(zone),
			     high_wmark_pages(zone));
}

/* Re-read one zone's state: any context but NMI; never spins. */
static void mms_wzone_update(struct zone *zone)
{
	struct mms_wzone *w = mms_wzone_of(zone_to_nid(zone), zone_idx(zone));
	enum mms_wstate s;
	unsigned long flags;

	if (!w || !w->started)
		return;
	s = mms_zone_wstate(zone);
	if (!raw_spin_trylock_irqsave(&w->lock, flags)) {
		atomic_long_inc(&mms_wstate_contended);
		return;
	}
	mms_wstate_update(&w->acct, ktime_get_mono_fast_ns(), s);
	raw_spin_unlock_irqrestore(&w->lock, flags);
}

static void mms_wnode_update(int nid)
{
	struct pglist_data *pgdat;
	int z;

	if (nid < 0 || nid >= nr_node_ids || !node_online(nid))
		return;
	pgdat = NODE_DATA(nid);
	for (z = 0; z < MAX_NR_ZONES; z++)
		mms_wzone_update(&pgdat->node_zones[z]);
}

/*
 * The margin of the zone with the most room, among those an allocation
 * for @zid may use on @nid, against watermark @w plus the protection that
 * zone keeps from such allocations: what the allocator's watermark check
 * compares.  Order is not considered: free pages of any order count.
 */
static void mms_record_margin(int nid, int zid, enum zone_watermarks w,
			      enum mms_margin_id above)
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
		mms_hist_record(&mms_margins[above], best);
	else
		mms_hist_record(&mms_margins[above + 1], -best);
}

static void mms_ws_wakeup_kswapd(void *data, int nid, int zid, int order,
				 gfp_t gfp_flags)
{
	mms_wnode_update(nid);
}

MMS_TP_CHECK(mm_vmscan_wakeup_kswapd, mms_ws_wakeup_kswapd)

static void mms_ws_kswapd_wake(void *data, int nid, int zid, int order)
{
	mms_wnode_update(nid);
	if (nid >= 0 && nid < nr_node_ids && mms_kswapd_wakes)
		atomic_long_inc(&mms_kswapd_wakes[nid]);
	mms_record_margin(nid, zid, WMARK_LOW, MMS_M_KSWAPD_ABOVE);
}

MMS_TP_CHECK(mm_vmscan_kswapd_wake, mms_ws_kswapd_wake)

static void mms_ws_kswapd_sleep(void *data, int nid)
{
	mms_wnode_update(nid);
}

MMS_TP_CHECK(mm_vmscan_kswapd_sleep, mms_ws_kswapd_sleep)

static void mms_ws_direct_begin(void *data, int order, gfp_t gfp_flags)
{
	int nid = numa_node_id();

	mms_wnode_update(nid);
	if (mms_direct_entries)
		atomic_long_inc(&mms_direct_entries[nid]);
	mms_record_margin(nid, gfp_zone(gfp_flags), WMARK_MIN,
			  MMS_M_DIRECT_ABOVE);
}

MMS_TP_CHECK(mm_vmscan_direct_reclaim_begin, mms_ws_direct_begin)

static void mms_ws_direct_end(void *data, unsigned long nr_reclaimed)
{
	mms_wnode_update(numa_node_id());
}

MMS_TP_CHECK(mm_vmscan_direct_reclaim_end, mms_ws_direct_end)

static struct mms_tp_probe mms_zones_probes[] = {
	MMS_TP_PROBE(mm_vmscan_wakeup_kswapd, mms_ws_wakeup_kswapd),
	MMS_TP_PROBE(mm_vmscan_kswapd_wake, mms_ws_kswapd_wake),
	MMS_TP_PROBE(mm_vmscan_kswapd_sleep, mms_ws_kswapd_sleep),
	MMS_TP_PROBE(mm_vmscan_direct_reclaim_begin, mms_ws_direct_begin),
	MMS_TP_PROBE(mm_vmscan_direct_reclaim_end, mms_ws_direct_end),
};

struct mms_probe_group mms_zones_group = {
	.system = "zones",
	.tps = mms_zones_probes,
	.nr_tps = ARRAY_SIZE(mms_zones_probes),
};

static void mms_wstate_arm(void)
{
	mod_timer(&mms_wstate_timer,
		  jiffies + max(msecs_to_jiffies(wmark_sample_ms), 1UL));
}

static void mms_wstate_tick(struct timer_list *t)
{
	int nid;

	for_each_online_node(nid)
		mms_wnode_update(nid);
	if (!READ_ONCE(mms_wstate_stopping))
		mms_wstate_arm();
}

static void mms_wstate_free_arrays(void)
{
	kfree(mms_direct_entries);
	kfree(mms_kswapd_wakes);
	kfree(mms_wzones);
	mms_direct_entries = NULL;
	mms_kswapd_wakes = NULL;
	mms_wzones = NULL;
}

/**
 * mms_wstate_init() - start every populated zone's state machine, and the
 *	sampling timer
 *
 * Context: process context, before the probes attach.
 * Return: 0, or -ENOMEM with nothing left allocated.
 */
int mms_wstate_init(void)
{
	unsigned int i;
	struct zone *zone;
	int ret = -ENOMEM;

	mms_wzones = kcalloc(nr_node_ids * MAX_NR_ZONES, sizeof(*mms_wzones),
			     GFP_KERNEL);
	mms_kswapd_wakes = kcalloc(nr_node_ids, sizeof(atomic_long_t),
				   GFP_KERNEL);
	mms_direct_entries = kcalloc(nr_node_ids, sizeof(atomic_long_t),
				     GFP_KERNEL);
	if (!mms_wzones || !mms_kswapd_wakes || !mms_direct_entries)
		goto free_arrays;
	for (i = 0; i < MMS_NR_MARGINS; i++) {
		ret = mms_hist_init(&mms_margins[i], mms_margin_names[i]);
		if (ret)
			goto free_hists;
	}
	for (i = 0; i < nr_node_ids * MAX_NR_ZONES; i++)
		raw_spin_lock_init(&mms_wzones[i].lock);
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		struct mms_wzone *w = mms_wzone_of(zone_to_nid(zone),
						   zone_idx(zone));

		if (!populated_zone(zone))
			continue;
		mms_wstate_start(&w->acct, ktime_get_mono_fast_ns(),
				 mms_zone_wstate(zone));
		w->started = true;
	}
	WRITE_ONCE(mms_wstate_stopping, false);
	timer_setup(&mms_wstate_timer, mms_wstate_tick, 0);
	if (wmark_sample_ms)
		mms_wstate_arm();
	return 0;

free_hists:
	while (i-- > 0)
		mms_hist_free(&mms_margins[i]);
free_arrays:
	mms_wstate_free_arrays();
	return ret;
}

/**
 * mms_wstate_exit() - stop the timer and free the state machines
 *
 * Context: process context, once the probes are detached.
 */
void mms_wstate_exit(void)
{
	unsigned int i;

	WRITE_ONCE(mms_wstate_stopping, true);
	timer_delete_sync(&mms_wstate_timer);
	for (i = 0; i < MMS_NR_MARGINS; i++)
		mms_hist_free(&mms_margins[i]);
	mms_wstate_free_arrays();
}

/**
 * mms_wstate_show() - every followed zone's state machine, one line each,
 *	then one line per node
 * @m: where to print
 *
 * Context: process context.
 */
void mms_wstate_show(struct seq_file *m)
{
	u64 time[MMS_NR_WSTATES], elapsed;
	struct mms_wstate_acct a;
	unsigned long flags;
	struct zone *zone;
	int nid, i, j;

	if (!mms_wzones)
		return;
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		struct mms_wzone *w = mms_wzone_of(zone_to_nid(zone),
						   zone_idx(zone));

		if (!w->started)
			continue;
		/* Re-read first, so a quiet zone shows its state now. */
		mms_wzone_update(zone);
		raw_spin_lock_irqsave(&w->lock, flags);
		a = w->acct;
		mms_wstate_read(&a, ktime_get_mono_fast_ns(), time, &elapsed);
		raw_spin_unlock_irqrestore(&w->lock, flags);
		seq_printf(m, "state node=%d zone=%s state=%s elapsed_ns=%llu",
			   zone_to_nid(zone), zone->name,
			   mms_wstate_names[a.state], elapsed);
		for (i = 0; i < MMS_NR_WSTATES; i++)
			seq_printf(m, " %s_ns=%llu", mms_wstate_names[i], time[i]);
		seq_printf(m, " below_low_ns=%llu",
			   time[MMS_WS_MIN_LOW] + time[MMS_WS_MIN]);
		for (i = 0; i < MMS_NR_WSTATES; i++)
			for (j = 0; j < MMS_NR_WSTATES; j++)
				if (i != j)
					seq_printf(m, " %s_to_%s=%llu",
						   mms_wstate_names[i],
						   mms_wstate_names[j],
						   a.trans[i][j]);
		seq_putc(m, '\n');
	}
	for_each_online_node(nid)
		seq_printf(m, "wnode node=%d kswapd_wakes=%ld direct_reclaims=%ld\n",
			   nid, atomic_long_read(&mms_kswapd_wakes[nid]),
			   atomic_long_read(&mms_direct_entries[nid]));
	seq_printf(m, "wsampling period_ms=%u contended=%ld\n", wmark_sample_ms,
		   atomic_long_read(&mms_wstate_contended));
}

/**
 * mms_wmargin_show() - the margin histograms, one summary line each and
 *	one line per non-empty bucket, in pages
 * @m: where to print
 *
 * Context: process context.
 */
void mms_wmargin_show(struct seq_file *m)
{
	struct mms_hist_snap *s;
	unsigned int i, b;

	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return;
	for (i = 0; i < MMS_NR_MARGINS; i++) {
		mms_hist_snapshot(&mms_margins[i], s);
		seq_printf(m, "margin hist=%s count=%llu sum_pages=%llu min_pages=%llu max_pages=%llu p50_pages=%llu p90_pages=%llu p99_pages=%llu\n",
			   mms_margin_names[i], s->count, s->sum, s->min, s->max,
			   mms_hist_percentile(s, 50000),
			   mms_hist_percentile(s, 90000),
			   mms_hist_percentile(s, 99000));
		for (b = 0; b < MMS_HIST_NR_BUCKETS; b++)
			if (s->buckets[b])
				seq_printf(m, "bucket hist=%s lo_pages=%llu hi_pages=%llu count=%llu\n",
					   mms_margin_names[i],
					   (u64)mms_hist_bucket_min(b),
					   (u64)mms_hist_bucket_max(b),
					   s->buckets[b]);
	}
	kfree(s);
}
