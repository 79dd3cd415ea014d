// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs views of zone state, one record per line, each line a record
 * type followed by name=value fields:
 *
 *   zones          "zone", "decomp" and "node" records: levels, sizes,
 *                  LRU sizes, the watermark decomposition, the node's
 *                  fragmentation score
 *   buddy          "buddy" records: free blocks per order and migratetype;
 *                  "pageblocks" records: pageblocks per migratetype
 *   frag           "frag" records per order, "fragscore" per node
 *   watermarks     the change history: "probe", "events", "event" and
 *                  "change" records
 *   wmark_state    "state" per zone, "wnode" per node, "wsampling"
 *   wmark_margins  "margin" and "bucket" records
 *
 * Documentation/admin-guide.rst describes every field.
 */
#include <linux/debugfs.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "core/hist.h"
#include "probes/probe.h"
#include "zones/wmark.h"
#include "zones/zones.h"
#include "views/views.h"

static const char * const mms_lru_gen_names[] = { "absent", "off", "on" };

static void mms_show_zone(struct seq_file *m, struct zone *zone,
			  const struct mms_zone_snap *s)
{
	int i;

	seq_printf(m, "zone node=%d zone=%s populated=%d free=%lu boost=%lu min=%lu low=%lu high=%lu promo=%lu min_base=%lu low_base=%lu high_base=%lu promo_base=%lu spanned=%lu present=%lu managed=%lu cma=%lu protection=",
		   s->nid, zone->name, s->populated, s->free, s->boost,
		   s->wmark[WMARK_MIN] + s->boost, s->wmark[WMARK_LOW] + s->boost,
		   s->wmark[WMARK_HIGH] + s->boost,
		   s->wmark[WMARK_PROMO] + s->boost, s->wmark[WMARK_MIN],
		   s->wmark[WMARK_LOW], s->wmark[WMARK_HIGH],
		   s->wmark[WMARK_PROMO], s->spanned, s->present, s->managed,
		   s->cma);
	for (i = 0; i < MAX_NR_ZONES; i++)
		seq_printf(m, "%s%ld", i ? "," : "", s->protection[i]);
	for (i = 0; i < MMS_NR_ZONE_LRU; i++)
		seq_printf(m, " %s=%lu", mms_zone_lru_names[i], s->lru[i]);
	seq_putc(m, '\n');
}

/*
 * The decomposition with today's inputs.  The kernel computed the levels
 * with the managed pages of that moment: if pages were freed to the buddy
 * allocator since (initrd and __init memory at boot, a balloon), the
 * formula with today's managed pages differs, and says "mismatch".
 */
static void mms_show_decomp(struct seq_file *m, struct zone *zone,
			    const struct mms_zone_snap *s, int mfk, int wsf,
			    bool movable_lowmem, unsigned long lowmem_pages)
{
	struct mms_wmark_decomp d;

	seq_printf(m, "decomp node=%d zone=%s min_free_kbytes=%d watermark_scale_factor=%d",
		   s->nid, zone->name, mfk, wsf);
	if (mfk < 0 || wsf < 0) {
		seq_puts(m, " formula=unknown\n");
		return;
	}
	mms_wmark_decompose(mfk, PAGE_SHIFT, lowmem_pages, s->managed, wsf,
			    mms_zone_is_lowmem(s->zid, movable_lowmem), &d);
	seq_printf(m, " pages_min=%llu lowmem_pages=%lu share=%llu quarter=%llu scaled=%llu gap=%llu branch=%s capped=%d formula_min=%llu formula_low=%llu formula_high=%llu formula_promo=%llu formula=%s\n",
		   d.pages_min, lowmem_pages, d.share, d.quarter, d.scaled,
		   d.gap, d.scale_branch ? "scale_factor" : "min/4", d.capped,
		   d.min, d.low, d.high, d.promo,
		   d.min == s->wmark[WMARK_MIN] &&
		   d.low == s->wmark[WMARK_LOW] &&
		   d.high == s->wmark[WMARK_HIGH] &&
		   d.promo == s->wmark[WMARK_PROMO] ? "match" : "mismatch");
}

/* Whether the kernel's levels count ZONE_MOVABLE as lowmem (see zones.c). */
static bool mms_movable_lowmem(int mfk, int wsf)
{
	struct mms_wmark_decomp d;
	struct zone *zone;

	if (mfk < 0 || wsf < 0)
		return false;
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		if (zone_idx(zone) != ZONE_MOVABLE || !zone_managed_pages(zone))
			continue;
		mms_wmark_decompose(mfk, PAGE_SHIFT, mms_lowmem_pages(true),
				    zone_managed_pages(zone), wsf, true, &d);
		return d.min == zone->_watermark[WMARK_MIN];
	}
	return false;
}

static int mms_zones_show(struct seq_file *m, void *v)
{
	int mfk = mms_wmark_min_free_kbytes(), wsf = mms_wmark_scale_factor();
	bool movable_lowmem = mms_movable_lowmem(mfk, wsf);
	unsigned long lowmem_pages = mms_lowmem_pages(movable_lowmem);
	struct mms_zone_snap s;
	struct zone *zone;
	int nid;

	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		mms_zone_snap(zone, &s);
		mms_show_zone(m, zone, &s);
		if (s.managed)
			mms_show_decomp(m, zone, &s, mfk, wsf, movable_lowmem,
					lowmem_pages);
	}
	for_each_online_node(nid)
		seq_printf(m, "node node=%d present=%lu spanned=%lu frag_score=%u frag_score_order=%u lru_gen=%s\n",
			   nid, NODE_DATA(nid)->node_present_pages,
			   NODE_DATA(nid)->node_spanned_pages,
			   mms_node_frag_score(nid), MMS_COMPACTION_HPAGE_ORDER,
			   mms_lru_gen_names[mms_lru_gen_state(nid) + 1]);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_zones);

static const char mms_buddy_how_chars[] = {
	[MMS_BUDDY_COUNTED]	= 'c',
	[MMS_BUDDY_DERIVED]	= 'd',
	[MMS_BUDDY_LONG]	= 'l',
	[MMS_BUDDY_OVERFLOW]	= '>',
};

static int mms_buddy_show(struct seq_file *m, void *v)
{
	struct mms_block_counts blocks;
	struct mms_buddy_counts *b;
	struct zone *zone;
	unsigned int o;
	int nid, mt, ret = 0;

	b = kmalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		nid = zone_to_nid(zone);
		if (!populated_zone(zone))
			continue;
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		mms_zone_count_free(zone, b);
		for (o = 0; o < MMS_NR_PAGE_ORDERS; o++) {
			unsigned long sum = 0;

			seq_printf(m, "buddy node=%d zone=%s order=%u nr_free=%lu",
				   nid, zone->name, o, b->nr_free[o]);
			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				seq_printf(m, " %s=%lu", mms_migratetype_names[mt],
					   b->count[o][mt]);
				sum += b->count[o][mt];
			}
			seq_printf(m, " sum=%lu how=", sum);
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				seq_putc(m, mms_buddy_how_chars[b->how[o][mt]]);
			seq_putc(m, '\n');
		}
		seq_printf(m, "buddywalk node=%d zone=%s long_walks=%u\n", nid,
			   zone->name, b->long_walks);
		mms_zone_count_blocks(zone, &blocks);
		seq_printf(m, "pageblocks node=%d zone=%s", nid, zone->name);
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_printf(m, " %s=%lu", mms_migratetype_names[mt],
				   blocks.count[mt]);
		seq_printf(m, " blocks=%lu\n", blocks.walked);
	}
	kfree(b);
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(mms_buddy);

/* An index in thousandths, as /proc and debugfs extfrag print it. */
static void mms_show_milli(struct seq_file *m, const char *name, int v)
{
	seq_printf(m, " %s=%d.%03d", name, v / 1000, abs(v % 1000));
}

static int mms_frag_show(struct seq_file *m, void *v)
{
	struct mms_contig_info info;
	struct mms_zone_snap s;
	struct zone *zone;
	unsigned int o;
	int nid;

	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		nid = zone_to_nid(zone);
		if (!populated_zone(zone))
			continue;
		/* One read of nr_free for every order's figures. */
		mms_zone_snap(zone, &s);
		for (o = 0; o < MMS_NR_PAGE_ORDERS; o++) {
			mms_contig_info(s.nr_free, MMS_NR_PAGE_ORDERS, o, &info);
			seq_printf(m, "frag node=%d zone=%s order=%u free_pages=%llu free_blocks=%llu suitable_blocks=%llu",
				   nid, zone->name, o, info.free_pages,
				   info.free_blocks_total,
				   info.free_blocks_suitable);
			mms_show_milli(m, "fragmentation_index",
				       mms_frag_index(o, &info));
			mms_show_milli(m, "unusable_index",
				       mms_unusable_index(o, &info));
			seq_printf(m, " extfrag_percent=%u\n",
				   mms_extfrag_for_order(o, &info));
		}
	}
	for_each_online_node(nid)
		seq_printf(m, "fragscore node=%d order=%u score=%u\n", nid,
			   MMS_COMPACTION_HPAGE_ORDER, mms_node_frag_score(nid));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_frag);

static void mms_wmark_show_protection(struct seq_file *m, const char *name,
				      const long *prot)
{
	int i;

	seq_printf(m, " %s=", name);
	for (i = 0; i < MAX_NR_ZONES; i++)
		seq_printf(m, "%s%ld", i ? "," : "", prot[i]);
}

static void mms_wmark_show_ratio(struct seq_file *m, const char *name,
				 const int *ratio)
{
	int i;

	seq_printf(m, " %s=", name);
	for (i = 0; i < MAX_NR_ZONES; i++)
		seq_printf(m, "%s%d", i ? "," : "", ratio[i]);
}

static void mms_wmark_show_levels(struct seq_file *m, const char *pfx,
				  const struct mms_wmark_levels *l)
{
	seq_printf(m, " %s_min=%lu %s_low=%lu %s_high=%lu %s_promo=%lu %s_boost=%lu %s_managed=%lu",
		   pfx, l->wmark[WMARK_MIN], pfx, l->wmark[WMARK_LOW],
		   pfx, l->wmark[WMARK_HIGH], pfx, l->wmark[WMARK_PROMO],
		   pfx, l->boost, pfx, l->managed);
}

/* The rule for movable zones that the new levels agree with. */
static bool mms_wmark_movable_rule(const struct mms_wmark_snap *st)
{
	struct mms_wmark_decomp d;
	unsigned int i;

	for (i = 0; i < st->nr; i++) {
		if (st->zid[i] != ZONE_MOVABLE || !st->z[i].managed)
			continue;
		mms_wmark_decompose(st->min_free_kbytes, PAGE_SHIFT,
				    st->lowmem_pages[1], st->z[i].managed,
				    st->scale_factor,
				    mms_zone_is_lowmem(st->zid[i], true), &d);
		return d.min == st->z[i].wmark[WMARK_MIN];
	}
	return false;
}

static void mms_wmark_show_event(struct seq_file *m, const struct mms_wmark_event *e)
{
	const struct mms_wmark_snap *o = &e->old, *n = &e->new;
	bool movable_lowmem = mms_wmark_movable_rule(n);
	struct mms_wmark_decomp d;
	unsigned int i;

	seq_printf(m, "event seq=%llu time_ns=%llu cause=%s old_min_free_kbytes=%d new_min_free_kbytes=%d old_watermark_scale_factor=%d new_watermark_scale_factor=%d",
		   e->seq, e->time_ns, e->cause, o->min_free_kbytes,
		   n->min_free_kbytes, o->scale_factor, n->scale_factor);
	mms_wmark_show_ratio(m, "old_lowmem_reserve_ratio", o->ratio);
	mms_wmark_show_ratio(m, "new_lowmem_reserve_ratio", n->ratio);
	seq_printf(m, " zones=%u truncated=%d\n", n->nr, n->truncated);
	for (i = 0; i < n->nr && i < o->nr; i++) {
		bool lowmem = mms_zone_is_lowmem(n->zid[i], movable_lowmem);

		seq_printf(m, "change seq=%llu node=%u zone=%s", e->seq,
			   n->nid[i], NODE_DATA(n->nid[i])->node_zones[n->zid[i]].name);
		mms_wmark_show_levels(m, "old", &o->z[i]);
		mms_wmark_show_levels(m, "new", &n->z[i]);
		mms_wmark_show_protection(m, "old_protection", o->z[i].protection);
		mms_wmark_show_protection(m, "new_protection", n->z[i].protection);
		if (n->min_free_kbytes < 0 || n->scale_factor < 0 ||
		    !n->z[i].managed) {
			seq_puts(m, " formula=unknown\n");
			continue;
		}
		mms_wmark_decompose(n->min_free_kbytes, PAGE_SHIFT,
				    n->lowmem_pages[movable_lowmem],
				    n->z[i].managed, n->scale_factor, lowmem,
				    &d);
		seq_printf(m, " lowmem_pages=%lu share=%llu quarter=%llu scaled=%llu gap=%llu branch=%s capped=%d formula_min=%llu formula_low=%llu formula_high=%llu formula_promo=%llu formula=%s\n",
			   n->lowmem_pages[movable_lowmem], d.share, d.quarter,
			   d.scaled, d.gap,
			   d.scale_branch ? "scale_factor" : "min/4", d.capped,
			   d.min, d.low, d.high, d.promo,
			   d.min == n->z[i].wmark[WMARK_MIN] &&
			   d.low == n->z[i].wmark[WMARK_LOW] &&
			   d.high == n->z[i].wmark[WMARK_HIGH] &&
			   d.promo == n->z[i].wmark[WMARK_PROMO] ?
			   "match" : "mismatch");
	}
}

/* The change history, oldest first. */
static void mms_wmark_events_show(struct seq_file *m)
{
	struct mms_wmark_event *e;
	u64 seq, first, s;

	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return;
	seq = mms_wmark_events_total();
	first = seq > MMS_WMARK_EVENTS ? seq - MMS_WMARK_EVENTS + 1 : 1;
	seq_printf(m, "events total=%llu shown=%llu dropped=%llu\n", seq,
		   seq - first + 1, first - 1);
	for (s = first; s <= seq; s++) {
		/* Overwritten while we printed the ones before. */
		if (!mms_wmark_event_copy(s, e))
			continue;
		mms_wmark_show_event(m, e);
	}
	kfree(e);
}

static const char * const mms_wmark_state_names[MMS_NR_WMARK_STATES] = {
	[MMS_WS_HIGH]		= "above_high",
	[MMS_WS_LOW_HIGH]	= "low_high",
	[MMS_WS_MIN_LOW]	= "min_low",
	[MMS_WS_MIN]		= "below_min",
};

static void mms_wmark_state_show_zone(struct seq_file *m, struct zone *zone)
{
	u64 time[MMS_NR_WMARK_STATES], elapsed;
	struct mms_wmark_state_acct a;
	int i, j;

	if (!mms_wmark_state_zone_read(zone, &a, time, &elapsed))
		return;
	seq_printf(m, "state node=%d zone=%s state=%s elapsed_ns=%llu",
		   zone_to_nid(zone), zone->name, mms_wmark_state_names[a.state],
		   elapsed);
	for (i = 0; i < MMS_NR_WMARK_STATES; i++)
		seq_printf(m, " %s_ns=%llu", mms_wmark_state_names[i], time[i]);
	seq_printf(m, " below_low_ns=%llu",
		   time[MMS_WS_MIN_LOW] + time[MMS_WS_MIN]);
	for (i = 0; i < MMS_NR_WMARK_STATES; i++)
		for (j = 0; j < MMS_NR_WMARK_STATES; j++)
			if (i != j)
				seq_printf(m, " %s_to_%s=%llu",
					   mms_wmark_state_names[i],
					   mms_wmark_state_names[j], a.trans[i][j]);
	seq_putc(m, '\n');
}

/*
 * The reason of a watermark probe as this view has always named it: one
 * word, for "key=value" lines.
 */
static const char *mms_wmark_probe_reason(const struct mms_krp_probe *k)
{
	if (k->state == MMS_PROBE_ATTACHED)
		return "-";
	if (k->reason == mms_probe_reason_disabled)
		return "disabled";
	if (k->reason == mms_probe_reason_no_symbol)
		return "no_such_symbol";
	if (k->state == MMS_PROBE_FAILED)
		return "register_kretprobe_failed";
	return "detached";
}

/* The watermark probes' states, one line each, from the registry. */
static void mms_wmark_probes_show(struct seq_file *m)
{
	const struct mms_probe_group *g = &mms_zones_group;
	unsigned int i;

	for (i = 0; i < g->nr_krps; i++) {
		const struct mms_krp_probe *k = &g->krps[i];

		seq_printf(m, "probe symbol=%s kind=kretprobe state=%s reason=%s err=%d nmissed=%d\n",
			   k->symbol, mms_probe_state_name(k->state),
			   mms_wmark_probe_reason(k), k->err,
			   k->state == MMS_PROBE_ATTACHED ? k->krp.nmissed : 0);
	}
}

static int mms_watermarks_show(struct seq_file *m, void *v)
{
	mms_wmark_probes_show(m);
	mms_wmark_events_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_watermarks);

/*
 * Every followed zone's state machine, one line each, then one line per
 * node and the sampling.
 */
static int mms_wmark_state_show(struct seq_file *m, void *v)
{
	long kswapd_wakes, direct, contended;
	unsigned int period_ms;
	struct zone *zone;
	int nid;

	if (!mms_wmark_state_node_counts(first_online_node, &kswapd_wakes, &direct))
		return 0;
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone))
		mms_wmark_state_show_zone(m, zone);
	for_each_online_node(nid)
		if (mms_wmark_state_node_counts(nid, &kswapd_wakes, &direct))
			seq_printf(m, "wnode node=%d kswapd_wakes=%ld direct_reclaims=%ld\n",
				   nid, kswapd_wakes, direct);
	contended = mms_wmark_state_sampling(&period_ms);
	seq_printf(m, "wsampling period_ms=%u contended=%ld\n", period_ms,
		   contended);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_wmark_state);

/*
 * The margin histograms, one summary line each and one line per non-empty
 * bucket, in pages.
 */
static int mms_wmark_margins_show(struct seq_file *m, void *v)
{
	struct mms_hist_snap *s;
	const char *name;
	unsigned int i, b;

	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return 0;
	for (i = 0; i < MMS_NR_MARGINS; i++) {
		name = mms_wmark_margin_snapshot(i, s);
		seq_printf(m, "margin hist=%s count=%llu sum_pages=%llu min_pages=%llu max_pages=%llu p50_pages=%llu p90_pages=%llu p99_pages=%llu\n",
			   name, s->count, s->sum, s->min, s->max,
			   mms_hist_percentile(s, 50000),
			   mms_hist_percentile(s, 90000),
			   mms_hist_percentile(s, 99000));
		for (b = 0; b < MMSCOPE_HIST_NR_BUCKETS; b++)
			if (s->buckets[b])
				seq_printf(m, "bucket hist=%s lo_pages=%llu hi_pages=%llu count=%llu\n",
					   name, (u64)mmscope_hist_bucket_min(b),
					   (u64)mmscope_hist_bucket_max(b),
					   s->buckets[b]);
	}
	kfree(s);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_wmark_margins);

/**
 * mms_zones_debugfs_init() - create the zone views
 * @dir: the module's debugfs directory
 */
void mms_zones_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("zones", 0400, dir, NULL, &mms_zones_fops);
	debugfs_create_file("buddy", 0400, dir, NULL, &mms_buddy_fops);
	debugfs_create_file("frag", 0400, dir, NULL, &mms_frag_fops);
	debugfs_create_file("watermarks", 0400, dir, NULL,
			    &mms_watermarks_fops);
	debugfs_create_file("wmark_state", 0400, dir, NULL,
			    &mms_wmark_state_fops);
	debugfs_create_file("wmark_margins", 0400, dir, NULL,
			    &mms_wmark_margins_fops);
}
