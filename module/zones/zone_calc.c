// SPDX-License-Identifier: GPL-2.0
/*
 * Pure zone arithmetic: see zone_math.h.
 */
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "zones/zone_calc.h"

/* SWAP_CLUSTER_MAX, from <linux/swap.h>, without pulling that in. */
#define MMS_SWAP_CLUSTER_MAX	32UL

/**
 * mms_contig_info() - count a zone's free blocks as fill_contig_page_info()
 * @nr_free: free blocks at each order (free_area[order].nr_free)
 * @nr_orders: number of orders in @nr_free
 * @suitable_order: the order asked for
 * @info: filled in
 */
void mms_contig_info(const unsigned long *nr_free, unsigned int nr_orders,
		     unsigned int suitable_order, struct mms_contig_info *info)
{
	unsigned int order;

	memset(info, 0, sizeof(*info));
	for (order = 0; order < nr_orders; order++) {
		u64 blocks = nr_free[order];

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable +=
				blocks << (order - suitable_order);
	}
}

/**
 * mms_frag_index() - the fragmentation index, as __fragmentation_index()
 * @order: the order asked for
 * @info: the zone's free blocks, from mms_contig_info() at @order
 *
 * Return: the index times 1000: -1000 when a block of @order is free (an
 * allocation would succeed), 0 with no free block at all, otherwise
 * between 0 (failure from lack of memory) and 1000 (from fragmentation).
 */
int mms_frag_index(unsigned int order, const struct mms_contig_info *info)
{
	u64 requested = 1ULL << order;

	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;
	return 1000 - (int)div64_u64(1000 + div64_u64(info->free_pages * 1000ULL,
						      requested),
				     info->free_blocks_total);
}

/**
 * mms_unusable_index() - the unusable free space index, as
 *	unusable_free_index()
 * @order: the order asked for
 * @info: the zone's free blocks, from mms_contig_info() at @order
 *
 * Return: thousandths of the free pages that are in blocks smaller than
 * @order; 1000 when nothing is free, as the kernel has it.
 */
int mms_unusable_index(unsigned int order, const struct mms_contig_info *info)
{
	if (!info->free_pages)
		return 1000;
	return div64_u64((info->free_pages -
			  (info->free_blocks_suitable << order)) * 1000ULL,
			 info->free_pages);
}

/**
 * mms_extfrag_for_order() - external fragmentation in percent, as
 *	extfrag_for_order()
 * @order: the order asked for
 * @info: the zone's free blocks, from mms_contig_info() at @order
 *
 * Return: percent of free pages in blocks smaller than @order; 0 when
 * nothing is free (unlike the unusable index).
 */
unsigned int mms_extfrag_for_order(unsigned int order,
				   const struct mms_contig_info *info)
{
	if (!info->free_pages)
		return 0;
	return div64_u64((info->free_pages -
			  (info->free_blocks_suitable << order)) * 100,
			 info->free_pages);
}

/**
 * mms_frag_score_weighted() - one zone's part of its node's proactive
 *	compaction score, as fragmentation_score_zone_weighted()
 * @zone_present: the zone's present pages
 * @extfrag: mms_extfrag_for_order() at the compaction order
 * @node_present: the node's present pages
 *
 * The node's score (fragmentation_score_node()) is the sum of this over
 * its populated zones.
 *
 * Return: the weighted score, 0 to 100.
 */
unsigned int mms_frag_score_weighted(unsigned long zone_present,
				     unsigned int extfrag,
				     unsigned long node_present)
{
	return div64_u64((u64)zone_present * extfrag, (u64)node_present + 1);
}

/* mult_frac(x, n, d) of <linux/math.h>, which keeps x * n from overflowing. */
static u64 mms_mult_frac(u64 x, u64 n, u64 d)
{
	u64 q = div64_u64(x, d);
	u64 r = x - q * d;

	return q * n + div64_u64(r * n, d);
}

/**
 * mms_wmark_decompose() - a zone's watermarks as __setup_per_zone_wmarks()
 *	derives them
 * @min_free_kbytes: vm.min_free_kbytes
 * @page_shift: PAGE_SHIFT
 * @lowmem_pages: managed pages of every lowmem zone of every node
 * @managed: the zone's managed pages
 * @scale_factor: vm.watermark_scale_factor
 * @lowmem: whether the zone counts as lowmem (not highmem; and, where the
 *	kernel says so, not movable)
 * @d: filled in
 */
void mms_wmark_decompose(unsigned long min_free_kbytes, unsigned int page_shift,
			 unsigned long lowmem_pages, unsigned long managed,
			 unsigned int scale_factor, bool lowmem,
			 struct mms_wmark_decomp *d)
{
	memset(d, 0, sizeof(*d));
	d->pages_min = min_free_kbytes >> (page_shift - 10);
	if (lowmem_pages)
		d->share = div64_u64(d->pages_min * managed, lowmem_pages);
	d->capped = !lowmem;
	if (lowmem)
		d->min = d->share;
	else
		d->min = clamp(managed / 1024, MMS_SWAP_CLUSTER_MAX, 128UL);
	d->quarter = d->share >> 2;
	d->scaled = mms_mult_frac(managed, scale_factor, 10000);
	d->scale_branch = d->scaled > d->quarter;
	d->gap = max(d->quarter, d->scaled);
	d->low = d->min + d->gap;
	d->high = d->low + d->gap;
	d->promo = d->high + d->gap;
}

/**
 * mms_wmark_state_of() - the watermark state of @free pages
 * @free: free pages (signed: a racy sum can dip below zero)
 * @min: min watermark, boost included
 * @low: low watermark, boost included
 * @high: high watermark, boost included
 *
 * Return: the state (see &enum mms_wmark_state for the bounds).
 */
enum mms_wmark_state mms_wmark_state_of(long free, unsigned long min, unsigned long low,
					unsigned long high)
{
	if (free <= 0 || free <= (long)min)
		return MMS_WS_MIN;
	if (free <= (long)low)
		return MMS_WS_MIN_LOW;
	if (free <= (long)high)
		return MMS_WS_LOW_HIGH;
	return MMS_WS_HIGH;
}

/**
 * mms_wmark_state_start() - start accounting in state @s at @now
 * @a: the accounting
 * @now: a monotonic clock, in nanoseconds
 * @s: the state now
 */
void mms_wmark_state_start(struct mms_wmark_state_acct *a, u64 now, enum mms_wmark_state s)
{
	memset(a, 0, sizeof(*a));
	a->start = now;
	a->since = now;
	a->state = s;
}

/**
 * mms_wmark_state_update() - account the time since the last update to the
 *	state the zone was in, and enter @s
 * @a: the accounting
 * @now: the clock; a value before the last update (clocks read on
 *	different CPUs) counts as the last update's time, so time never
 *	runs backwards
 * @s: the state now
 *
 * Return: whether the state changed.
 */
bool mms_wmark_state_update(struct mms_wmark_state_acct *a, u64 now, enum mms_wmark_state s)
{
	bool changed = a->state != s;

	if (now > a->since) {
		a->time[a->state] += now - a->since;
		a->since = now;
	}
	if (changed) {
		a->trans[a->state][s]++;
		a->state = s;
	}
	return changed;
}

/**
 * mms_wmark_state_read() - the time in each state up to @now
 * @a: the accounting
 * @now: the clock (as for mms_wmark_state_update())
 * @time: filled with nanoseconds per state, the open interval included
 * @elapsed: set to the time since accounting started: always exactly the
 *	sum of @time
 */
void mms_wmark_state_read(const struct mms_wmark_state_acct *a, u64 now,
			  u64 time[MMS_NR_WMARK_STATES], u64 *elapsed)
{
	unsigned int i;

	if (now < a->since)
		now = a->since;
	for (i = 0; i < MMS_NR_WMARK_STATES; i++)
		time[i] = a->time[i];
	time[a->state] += now - a->since;
	*elapsed = now - a->start;
}
