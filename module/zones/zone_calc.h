/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure zone arithmetic: the kernel's own formulas for watermarks,
 * fragmentation and unusable-space indices and the proactive-compaction
 * score, and the watermark state machine's bookkeeping.  Every function
 * takes plain values, touches no kernel state and is tested by
 * kunit/zone_kunit.c.
 *
 * The formulas are those of mm/page_alloc.c (__setup_per_zone_wmarks()),
 * mm/vmstat.c (fill_contig_page_info(), __fragmentation_index(),
 * unusable_free_index(), extfrag_for_order()) and mm/compaction.c
 * (fragmentation_score_zone_weighted()), identical in 6.1.192 and
 * 6.12.117.
 */
#ifndef _MMSCOPE_ZONE_MATH_H
#define _MMSCOPE_ZONE_MATH_H

#include <linux/types.h>

/**
 * struct mms_contig_info - a zone's free blocks seen from one order
 * @free_pages: free base pages
 * @free_blocks_total: free blocks of any order
 * @free_blocks_suitable: free blocks of the order asked for, counting a
 *	bigger block as the blocks of that order it holds
 *
 * As the kernel's struct contig_page_info (private to mm/vmstat.c).
 */
struct mms_contig_info {
	u64 free_pages;
	u64 free_blocks_total;
	u64 free_blocks_suitable;
};

void mms_contig_info(const unsigned long *nr_free, unsigned int nr_orders,
		     unsigned int suitable_order, struct mms_contig_info *info);
int mms_frag_index(unsigned int order, const struct mms_contig_info *info);
int mms_unusable_index(unsigned int order, const struct mms_contig_info *info);
unsigned int mms_extfrag_for_order(unsigned int order,
				   const struct mms_contig_info *info);
unsigned int mms_frag_score_weighted(unsigned long zone_present,
				     unsigned int extfrag,
				     unsigned long node_present);

/**
 * struct mms_wmark_decomp - how the kernel derived one zone's watermarks
 * @pages_min: min_free_kbytes in pages (min_free_kbytes >> (PAGE_SHIFT - 10))
 * @share: the zone's share of @pages_min, by managed pages among lowmem
 *	zones: pages_min * managed / lowmem_pages
 * @quarter: @share / 4, the gap on small machines
 * @scaled: managed * watermark_scale_factor / 10000, as mult_frac()
 * @gap: max(@quarter, @scaled): low - min = high - low = promo - high
 * @scale_branch: true when @scaled won (strictly greater), false when the
 *	min/4 branch did (ties are the min/4 branch: the kernel's max_t()
 *	returns its first argument then, and the value is the same)
 * @capped: the zone is not lowmem (highmem, or movable on kernels that
 *	leave movable out of lowmem): its min is managed / 1024 clamped to
 *	[SWAP_CLUSTER_MAX, 128], not @share
 * @min: the min watermark the formula gives, without boost
 * @low: @min + @gap
 * @high: @low + @gap
 * @promo: @high + @gap
 */
struct mms_wmark_decomp {
	u64 pages_min;
	u64 share;
	u64 quarter;
	u64 scaled;
	u64 gap;
	bool scale_branch;
	bool capped;
	u64 min;
	u64 low;
	u64 high;
	u64 promo;
};

void mms_wmark_decompose(unsigned long min_free_kbytes, unsigned int page_shift,
			 unsigned long lowmem_pages, unsigned long managed,
			 unsigned int scale_factor, bool lowmem,
			 struct mms_wmark_decomp *d);

/**
 * enum mms_wmark_state - where a zone's free pages are against its watermarks
 * @MMS_WS_HIGH: above high (free > high): kswapd has nothing to do
 * @MMS_WS_LOW_HIGH: low < free <= high: kswapd, once awake, keeps going
 * @MMS_WS_MIN_LOW: min < free <= low: allocations wake kswapd
 * @MMS_WS_MIN: free <= min: allocations enter direct reclaim
 * @MMS_NR_WMARK_STATES: number of states
 *
 * The bounds follow __zone_watermark_ok(), which fails when
 * free <= mark: a zone at exactly its low watermark is below low.
 * Watermarks include the boost, as the kernel's accessors do.
 */
enum mms_wmark_state {
	MMS_WS_HIGH,
	MMS_WS_LOW_HIGH,
	MMS_WS_MIN_LOW,
	MMS_WS_MIN,
	MMS_NR_WMARK_STATES
};

enum mms_wmark_state mms_wmark_state_of(long free, unsigned long min, unsigned long low,
					unsigned long high);

/**
 * struct mms_wmark_state_acct - time a zone spent in each watermark state
 * @start: when accounting started
 * @since: when the current state was entered (or last accounted)
 * @state: the current state
 * @time: nanoseconds spent in each state, up to @since
 * @trans: transitions, [from][to]
 *
 * Each update adds (now - @since) to @time[@state] and sets @since to now,
 * so sum(@time) == @since - @start at every moment, exactly, by
 * construction; a reader adds the open interval (now - @since) to the
 * current state and gets times summing to now - @start.
 */
struct mms_wmark_state_acct {
	u64 start;
	u64 since;
	u32 state;
	u64 time[MMS_NR_WMARK_STATES];
	u64 trans[MMS_NR_WMARK_STATES][MMS_NR_WMARK_STATES];
};

void mms_wmark_state_start(struct mms_wmark_state_acct *a, u64 now, enum mms_wmark_state s);
bool mms_wmark_state_update(struct mms_wmark_state_acct *a, u64 now, enum mms_wmark_state s);
void mms_wmark_state_read(const struct mms_wmark_state_acct *a, u64 now,
			  u64 time[MMS_NR_WMARK_STATES], u64 *elapsed);

#endif /* _MMSCOPE_ZONE_MATH_H */
