/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Zone state: snapshots of every zone (zones.c), the watermark state
 * machine (wmark_state.c), watermark change events (wmark_events.c) and
 * their debugfs views (view_zones.c).
 */
#ifndef _MMSCOPE_ZONES_H
#define _MMSCOPE_ZONES_H

#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/types.h>

#include "core/orders.h"
#include "zones/zone_calc.h"

/* The order whose fragmentation proactive compaction watches. */
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
#define MMS_COMPACTION_HPAGE_ORDER	HPAGE_PMD_ORDER
#elif defined(CONFIG_HUGETLBFS)
#define MMS_COMPACTION_HPAGE_ORDER	HUGETLB_PAGE_ORDER
#else
#define MMS_COMPACTION_HPAGE_ORDER	(PMD_SHIFT - PAGE_SHIFT)
#endif

/* The LRU lists, in the order of NR_ZONE_INACTIVE_ANON and on. */
#define MMS_NR_ZONE_LRU		(NR_ZONE_UNEVICTABLE - NR_ZONE_LRU_BASE + 1)

/* Free blocks of one order. */
static inline unsigned long mms_nr_free(struct zone *zone, unsigned int order)
{
	/*
	 * One word, written under zone->lock and read without it, as
	 * /proc/buddyinfo and fill_contig_page_info() read it: exact at
	 * that moment, and at quiescence.
	 */
	return data_race(READ_ONCE(zone->free_area[order].nr_free));
}

/**
 * struct mms_zone_snap - one zone's state, read at one moment
 * @nid: node
 * @zid: zone index
 * @populated: the zone has present pages
 * @free: NR_FREE_PAGES, as /proc/zoneinfo's "pages free"
 * @boost: watermark_boost
 * @wmark: watermarks without boost, by &enum zone_watermarks
 * @managed: managed pages
 * @present: present pages
 * @spanned: spanned pages
 * @cma: CMA pages
 * @protection: lowmem_reserve[]
 * @lru: NR_ZONE_INACTIVE_ANON to NR_ZONE_UNEVICTABLE
 * @nr_free: free blocks per order (free_area[].nr_free)
 *
 * Every field is read without zone->lock, as /proc/zoneinfo and
 * /proc/buddyinfo read them: each is one word, so each is exact at that
 * moment, and at quiescence all of them are.
 */
struct mms_zone_snap {
	int nid;
	int zid;
	bool populated;
	unsigned long free;
	unsigned long boost;
	unsigned long wmark[NR_WMARK];
	unsigned long managed;
	unsigned long present;
	unsigned long spanned;
	unsigned long cma;
	long protection[MAX_NR_ZONES];
	unsigned long lru[MMS_NR_ZONE_LRU];
	unsigned long nr_free[MMS_NR_PAGE_ORDERS];
};

/**
 * enum mms_buddy_how - how one free-list length was obtained
 * @MMS_BUDDY_COUNTED: walked, under zone->lock, within the short bound
 * @MMS_BUDDY_DERIVED: the order's nr_free less the other lists' lengths
 * @MMS_BUDDY_LONG: walked within the long bound, which /proc/pagetypeinfo
 *	also uses, because two or more lists of the order exceeded the short
 * @MMS_BUDDY_OVERFLOW: longer than the long bound: a lower bound, as
 *	/proc/pagetypeinfo's ">100000"
 */
enum mms_buddy_how {
	MMS_BUDDY_COUNTED,
	MMS_BUDDY_DERIVED,
	MMS_BUDDY_LONG,
	MMS_BUDDY_OVERFLOW,
};

/**
 * struct mms_buddy_counts - a zone's free lists, per order and migratetype
 * @nr_free: free blocks per order (free_area[].nr_free), read lock-free
 * @count: free blocks per order and migratetype
 * @how: how each @count was obtained (&enum mms_buddy_how)
 * @long_walks: lists walked within the long bound
 */
struct mms_buddy_counts {
	unsigned long nr_free[MMS_NR_PAGE_ORDERS];
	unsigned long count[MMS_NR_PAGE_ORDERS][MIGRATE_TYPES];
	u8 how[MMS_NR_PAGE_ORDERS][MIGRATE_TYPES];
	unsigned int long_walks;
};

/**
 * struct mms_block_counts - a zone's pageblocks per migratetype, as
 *	/proc/pagetypeinfo's "Number of blocks type" table counts them
 * @count: pageblocks per migratetype
 * @walked: pageblocks counted (online, and of this zone)
 */
struct mms_block_counts {
	unsigned long count[MIGRATE_TYPES];
	unsigned long walked;
};

extern const char * const mms_migratetype_names[MIGRATE_TYPES];
extern const char * const mms_zone_lru_names[MMS_NR_ZONE_LRU];

struct zone *mms_first_zone(void);
struct zone *mms_next_zone(struct zone *zone);
void mms_zone_snap(struct zone *zone, struct mms_zone_snap *s);
void mms_zone_count_free(struct zone *zone, struct mms_buddy_counts *b);
void mms_zone_count_blocks(struct zone *zone, struct mms_block_counts *b);
unsigned int mms_node_frag_score(int nid);
int mms_lru_gen_state(int nid);
bool mms_zone_is_lowmem(int zid, bool movable_lowmem);
unsigned long mms_lowmem_pages(bool movable_lowmem);

#endif /* _MMSCOPE_ZONES_H */
