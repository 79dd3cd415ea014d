// SPDX-License-Identifier: GPL-2.0
/*
 * Snapshots of every zone: watermarks, sizes, free pages, protection, LRU
 * sizes, free blocks per order and per migratetype, and the node's
 * proactive-compaction fragmentation score.
 *
 * Zones are reached through NODE_DATA() (node_data[], exported on x86_64
 * and arm64) over the online node mask (node_states[], exported):
 * for_each_online_pgdat() and next_zone() are not exported to modules.
 *
 * Free blocks per migratetype exist only as list lengths: the kernel keeps
 * nr_free per order, not per order and migratetype, so the lists must be
 * walked, under zone->lock, which the allocator takes on every refill of
 * a per-CPU list.  /proc/pagetypeinfo walks each list under the lock up to
 * 100000 entries.  mms_zone_count_free() holds the lock for one list at a
 * time and at most MMS_BUDDY_SHORT entries; the one list of an order that
 * is longer (on a big machine, order-0 Movable) is not walked but derived
 * as nr_free of the order less the other lists' lengths, because every
 * free block of an order is on exactly one of its lists.  Only when two or
 * more lists of one order exceed the short bound does it fall back to
 * walking them up to pagetypeinfo's bound, and it says so.  At quiescence
 * nothing moves between the lock holds, so every figure is exact.
 *
 * Pageblocks per migratetype (pagetypeinfo's "Number of blocks type") are
 * counted without zone->lock, which pagetypeinfo holds, interrupts off,
 * for the whole zone: each block's type is one read of one word of the
 * pageblock bitmap, as the allocator's own lock-free readers do.  A block
 * changes type only when a fallback steals it or isolation marks it, so
 * at quiescence the counts are exact.
 */
#include <linux/list.h>
#include <linux/memcontrol.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>

#include "zones/zones.h"

/* Entries walked per hold of zone->lock, normally. */
#define MMS_BUDDY_SHORT		1024
/* /proc/pagetypeinfo's bound, used only when two lists exceed the short. */
#define MMS_BUDDY_LONG_MAX	100000

/* As the kernel's migratetype_names[], which is not exported. */
const char * const mms_migratetype_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE]	= "Unmovable",
	[MIGRATE_MOVABLE]	= "Movable",
	[MIGRATE_RECLAIMABLE]	= "Reclaimable",
	[MIGRATE_HIGHATOMIC]	= "HighAtomic",
#ifdef CONFIG_CMA
	[MIGRATE_CMA]		= "CMA",
#endif
#ifdef CONFIG_MEMORY_ISOLATION
	[MIGRATE_ISOLATE]	= "Isolate",
#endif
};

/* As /proc/zoneinfo names them. */
const char * const mms_zone_lru_names[MMS_NR_ZONE_LRU] = {
	[NR_ZONE_INACTIVE_ANON - NR_ZONE_LRU_BASE]	= "nr_zone_inactive_anon",
	[NR_ZONE_ACTIVE_ANON - NR_ZONE_LRU_BASE]	= "nr_zone_active_anon",
	[NR_ZONE_INACTIVE_FILE - NR_ZONE_LRU_BASE]	= "nr_zone_inactive_file",
	[NR_ZONE_ACTIVE_FILE - NR_ZONE_LRU_BASE]	= "nr_zone_active_file",
	[NR_ZONE_UNEVICTABLE - NR_ZONE_LRU_BASE]	= "nr_zone_unevictable",
};

/**
 * mms_next_zone() - the zone after @zone, in node then zone order, over
 *	every zone of every online node, populated or not
 * @zone: a zone, or %NULL for the first
 *
 * As the kernel's next_zone(), which is not exported.
 *
 * Return: the next zone, or %NULL after the last.
 */
struct zone *mms_next_zone(struct zone *zone)
{
	int nid;

	if (zone) {
		struct pglist_data *pgdat = zone->zone_pgdat;

		if (zone + 1 < pgdat->node_zones + MAX_NR_ZONES)
			return zone + 1;
		nid = next_online_node(pgdat->node_id);
	} else {
		nid = first_online_node;
	}
	return nid < MAX_NUMNODES ? NODE_DATA(nid)->node_zones : NULL;
}

/**
 * mms_first_zone() - the first zone of the first online node
 *
 * Return: the zone.
 */
struct zone *mms_first_zone(void)
{
	return mms_next_zone(NULL);
}

/**
 * mms_zone_snap() - read one zone's state
 * @zone: the zone
 * @s: filled in
 *
 * Context: any; takes no lock (see &struct mms_zone_snap).
 */
void mms_zone_snap(struct zone *zone, struct mms_zone_snap *s)
{
	int i;

	s->nid = zone_to_nid(zone);
	s->zid = zone_idx(zone);
	s->populated = populated_zone(zone);
	s->free = zone_page_state(zone, NR_FREE_PAGES);
	s->boost = READ_ONCE(zone->watermark_boost);
	for (i = 0; i < NR_WMARK; i++)
		s->wmark[i] = READ_ONCE(zone->_watermark[i]);
	s->managed = zone_managed_pages(zone);
	s->present = READ_ONCE(zone->present_pages);
	s->spanned = READ_ONCE(zone->spanned_pages);
	s->cma = zone_cma_pages(zone);
	for (i = 0; i < MAX_NR_ZONES; i++)
		s->protection[i] = READ_ONCE(zone->lowmem_reserve[i]);
	for (i = 0; i < MMS_NR_ZONE_LRU; i++)
		s->lru[i] = zone_page_state(zone, NR_ZONE_LRU_BASE + i);
	for (i = 0; i < MMS_NR_PAGE_ORDERS; i++)
		s->nr_free[i] = mms_nr_free(zone, i);
}

/* Length of one free list, walking at most @cap entries under zone->lock. */
static unsigned long mms_free_list_len(struct zone *zone,
				       const struct list_head *head,
				       unsigned long cap, bool *capped)
{
	const struct list_head *pos;
	unsigned long flags, n = 0;

	*capped = false;
	spin_lock_irqsave(&zone->lock, flags);
	list_for_each(pos, head) {
		if (++n >= cap) {
			*capped = true;
			break;
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	cond_resched();
	return n;
}

/* One order's lists: see the comment at the top of this file. */
static void mms_count_order(struct zone *zone, unsigned int order,
			    struct mms_buddy_counts *b)
{
	struct free_area *area = &zone->free_area[order];
	unsigned long others = 0;
	int mt, ncapped = 0, big = -1;
	bool capped;

	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		b->count[order][mt] = mms_free_list_len(zone, &area->free_list[mt],
							MMS_BUDDY_SHORT,
							&capped);
		b->how[order][mt] = MMS_BUDDY_COUNTED;
		if (capped) {
			ncapped++;
			big = mt;
		} else {
			others += b->count[order][mt];
		}
	}
	if (ncapped == 1) {
		unsigned long nr = mms_nr_free(zone, order);

		/* Lists moved between lock holds: keep the bound we saw. */
		b->count[order][big] = max(nr > others ? nr - others : 0,
					   (unsigned long)MMS_BUDDY_SHORT);
		b->how[order][big] = MMS_BUDDY_DERIVED;
		return;
	}
	for (mt = 0; ncapped > 1 && mt < MIGRATE_TYPES; mt++) {
		if (b->count[order][mt] < MMS_BUDDY_SHORT)
			continue;
		b->count[order][mt] = mms_free_list_len(zone, &area->free_list[mt],
							MMS_BUDDY_LONG_MAX,
							&capped);
		b->how[order][mt] = capped ? MMS_BUDDY_OVERFLOW : MMS_BUDDY_LONG;
		b->long_walks++;
	}
}

/**
 * mms_zone_count_free() - count a zone's free blocks per order and
 *	migratetype
 * @zone: a populated zone
 * @b: filled in
 *
 * Context: process context; takes and drops zone->lock once per list,
 * with interrupts off for at most MMS_BUDDY_SHORT list entries (see the
 * comment at the top of this file), and may sleep between lists.
 */
void mms_zone_count_free(struct zone *zone, struct mms_buddy_counts *b)
{
	unsigned int order;

	memset(b, 0, sizeof(*b));
	for (order = 0; order < MMS_NR_PAGE_ORDERS; order++)
		b->nr_free[order] = mms_nr_free(zone, order);
	for (order = 0; order < MMS_NR_PAGE_ORDERS; order++)
		mms_count_order(zone, order, b);
}

/*
 * A pageblock's migratetype, as get_pfnblock_flags_mask(), which is not
 * exported, reads it: NR_PAGEBLOCK_BITS per block in the section's (or,
 * without SPARSEMEM, the zone's) bitmap, the migratetype in the low bits.
 */
static unsigned int mms_pageblock_migratetype(struct zone *zone,
					      unsigned long pfn)
{
	unsigned long *bitmap, bitidx, word;

#ifdef CONFIG_SPARSEMEM
	bitmap = section_to_usemap(__pfn_to_section(pfn));
	bitidx = pfn & (PAGES_PER_SECTION - 1);
#else
	bitmap = zone->pageblock_flags;
	bitidx = pfn - round_down(zone->zone_start_pfn, pageblock_nr_pages);
#endif
	bitidx = (bitidx >> pageblock_order) * NR_PAGEBLOCK_BITS;
	word = READ_ONCE(bitmap[bitidx / BITS_PER_LONG]);
	return (word >> (bitidx % BITS_PER_LONG)) & MIGRATETYPE_MASK;
}

/* Pageblocks between two chances to reschedule. */
#define MMS_BLOCKS_BATCH	1024

/**
 * mms_zone_count_blocks() - count a zone's pageblocks per migratetype
 * @zone: a populated zone
 * @b: filled in
 *
 * As pagetypeinfo_showblockcount_print(): every pageblock-aligned step
 * from the zone's start, online and of this zone, by its migratetype.
 *
 * Context: process context; takes no lock, and may sleep.
 */
void mms_zone_count_blocks(struct zone *zone, struct mms_block_counts *b)
{
	unsigned long pfn, end = zone_end_pfn(zone);
	unsigned int mt;

	memset(b, 0, sizeof(*b));
	for (pfn = zone->zone_start_pfn; pfn < end; pfn += pageblock_nr_pages) {
		struct page *page = pfn_to_online_page(pfn);

		if (!page || page_zone(page) != zone)
			continue;
		mt = mms_pageblock_migratetype(zone, pfn);
		if (mt < MIGRATE_TYPES)
			b->count[mt]++;
		if (!(++b->walked % MMS_BLOCKS_BATCH))
			cond_resched();
	}
}

/**
 * mms_node_frag_score() - a node's proactive-compaction fragmentation
 *	score, as fragmentation_score_node() computes it (and exports
 *	nowhere)
 * @nid: an online node
 *
 * Return: the score, 0 to 100: the external fragmentation at the
 * compaction order of each populated zone, weighted by its share of the
 * node's present pages.  kcompactd compacts proactively while it exceeds
 * the high threshold derived from vm.compaction_proactiveness.
 */
unsigned int mms_node_frag_score(int nid)
{
	struct pglist_data *pgdat = NODE_DATA(nid);
	unsigned long nr_free[MMS_NR_PAGE_ORDERS];
	struct mms_contig_info info;
	unsigned int score = 0, o;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!populated_zone(zone))
			continue;
		for (o = 0; o < MMS_NR_PAGE_ORDERS; o++)
			nr_free[o] = mms_nr_free(zone, o);
		mms_contig_info(nr_free, MMS_NR_PAGE_ORDERS,
				MMS_COMPACTION_HPAGE_ORDER, &info);
		score += mms_frag_score_weighted(zone->present_pages,
			mms_extfrag_for_order(MMS_COMPACTION_HPAGE_ORDER, &info),
			pgdat->node_present_pages);
	}
	return score;
}

/**
 * mms_lru_gen_state() - whether the multi-gen LRU runs on a node
 * @nid: an online node
 *
 * lru_gen_enabled() tests a static key that is not exported; the kernel
 * also keeps the state in every lruvec (lrugen.enabled, set for every
 * memcg's lruvec by lru_gen_change_state()), so the reader's own memcg's
 * lruvec tells.  Under the multi-gen LRU, "active" in the NR_ZONE_* LRU
 * sizes means the two youngest generations, "inactive" the older ones.
 *
 * Context: process context.
 * Return: 1 on, 0 off, -1 when the kernel has no multi-gen LRU.
 */
int mms_lru_gen_state(int nid)
{
#ifdef CONFIG_LRU_GEN
	struct lruvec *lruvec = &NODE_DATA(nid)->__lruvec;
	int on;
#ifdef CONFIG_MEMCG
	struct mem_cgroup *memcg = NULL;

	if (!mem_cgroup_disabled()) {
		memcg = get_mem_cgroup_from_mm(current->mm);
		if (!memcg)
			return -1;
		lruvec = &memcg->nodeinfo[nid]->lruvec;
	}
	on = READ_ONCE(lruvec->lrugen.enabled);
	mem_cgroup_put(memcg);
#else
	on = READ_ONCE(lruvec->lrugen.enabled);
#endif
	return on;
#else
	return -1;
#endif
}

/**
 * mms_zone_is_lowmem() - whether __setup_per_zone_wmarks() counts a zone
 *	as lowmem
 * @zid: the zone index
 * @movable_lowmem: whether ZONE_MOVABLE counts as lowmem: it did until
 *	6.6 (6.1 counts it, 6.12 does not), and no header tells, so
 *	callers try both where a movable zone has pages and keep the rule
 *	that the kernel's levels agree with
 *
 * Return: true for lowmem.
 */
bool mms_zone_is_lowmem(int zid, bool movable_lowmem)
{
	if (is_highmem_idx(zid))
		return false;
	return movable_lowmem || zid != ZONE_MOVABLE;
}

/**
 * mms_lowmem_pages() - managed pages of every lowmem zone of every node
 * @movable_lowmem: as for mms_zone_is_lowmem()
 *
 * Return: the denominator of each zone's share of min_free_kbytes.
 */
unsigned long mms_lowmem_pages(bool movable_lowmem)
{
	unsigned long sum = 0;
	struct zone *zone;

	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone))
		if (mms_zone_is_lowmem(zone_idx(zone), movable_lowmem))
			sum += zone_managed_pages(zone);
	return sum;
}
