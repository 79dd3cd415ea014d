/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Watermarks: the state machine of every zone against its watermarks
 * (zones/wmark_state.c) and the history of watermark changes
 * (zones/wmark_events.c); their views are in views/view_zones.c.
 */
#ifndef _MMS_ZONES_WMARK_H
#define _MMS_ZONES_WMARK_H

#include <linux/mmzone.h>
#include <linux/types.h>

#include "core/hist.h"
#include "zones/zone_calc.h"

/* Zones recorded per event, node by node: 16 covers 3 nodes of 5 zones. */
#define MMS_WMARK_ZONES	16
/* Events kept; older ones are dropped, and counted. */
#define MMS_WMARK_EVENTS	16

/**
 * struct mms_wmark_levels - what one zone's watermarks are derived into
 * @wmark: watermarks without boost
 * @boost: watermark_boost
 * @managed: managed pages, the formula's input
 * @protection: lowmem_reserve[]
 */
struct mms_wmark_levels {
	unsigned long wmark[NR_WMARK];
	unsigned long boost;
	unsigned long managed;
	long protection[MAX_NR_ZONES];
};

/**
 * struct mms_wmark_snap - every zone's levels and the sysctls, at one moment
 * @nr: zones recorded
 * @truncated: more zones exist than MMS_WMARK_ZONES
 * @nid: each zone's node
 * @zid: each zone's index
 * @z: each zone's levels
 * @min_free_kbytes: vm.min_free_kbytes, or -1 if not known yet
 * @scale_factor: vm.watermark_scale_factor, or -1 if not known yet
 * @ratio: vm.lowmem_reserve_ratio, or -1s if not known yet
 * @lowmem_pages: the formula's denominator, with movable counted as
 *	lowmem ([1]) and not ([0])
 */
struct mms_wmark_snap {
	unsigned int nr;
	bool truncated;
	u16 nid[MMS_WMARK_ZONES];
	u8 zid[MMS_WMARK_ZONES];
	struct mms_wmark_levels z[MMS_WMARK_ZONES];
	int min_free_kbytes;
	int scale_factor;
	int ratio[MAX_NR_ZONES];
	unsigned long lowmem_pages[2];
};

/**
 * struct mms_wmark_event - one change of watermarks
 * @seq: event number since load, from 1
 * @time_ns: ktime_get_ns() at its end
 * @cause: the sysctl written, or "setup_per_zone_wmarks"
 * @old: the state before
 * @new: the state after
 */
struct mms_wmark_event {
	u64 seq;
	u64 time_ns;
	const char *cause;
	struct mms_wmark_snap old;
	struct mms_wmark_snap new;
};

/**
 * enum mms_wmark_margin_id - the margin histograms
 * @MMS_M_KSWAPD_ABOVE: kswapd wakes with pages to spare above low
 * @MMS_M_KSWAPD_BELOW: kswapd wakes with pages short of low
 * @MMS_M_DIRECT_ABOVE: direct reclaim entries with pages to spare above min
 * @MMS_M_DIRECT_BELOW: direct reclaim entries with pages short of min
 * @MMS_NR_MARGINS: number of histograms
 */
enum mms_wmark_margin_id {
	MMS_M_KSWAPD_ABOVE,
	MMS_M_KSWAPD_BELOW,
	MMS_M_DIRECT_ABOVE,
	MMS_M_DIRECT_BELOW,
	MMS_NR_MARGINS
};

/* wmark_events.c: the sysctls the kernel derives watermarks from. */
int mms_wmark_min_free_kbytes(void);
int mms_wmark_scale_factor(void);
int mms_wmark_events_init(void);
void mms_wmark_events_exit(void);
u64 mms_wmark_events_total(void);
bool mms_wmark_event_copy(u64 seq, struct mms_wmark_event *e);
struct seq_file;
void mms_wmark_probes_show(struct seq_file *m);

/* wmark_state.c: the watermark state machine. */
int mms_wmark_state_init(void);
void mms_wmark_state_exit(void);
bool mms_wmark_state_zone_read(struct zone *zone, struct mms_wmark_state_acct *a,
			       u64 time[MMS_NR_WMARK_STATES], u64 *elapsed);
bool mms_wmark_state_node_counts(int nid, long *kswapd_wakes, long *direct);
long mms_wmark_state_sampling(unsigned int *period_ms);
const char *mms_wmark_margin_snapshot(enum mms_wmark_margin_id i, struct mms_hist_snap *s);

#endif /* _MMS_ZONES_WMARK_H */
