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

/**
 * enum mms_wmark_sysctl - the sysctls watermarks are derived from
 * @MMS_WMARK_MFK: vm.min_free_kbytes
 * @MMS_WMARK_WSF: vm.watermark_scale_factor
 * @MMS_WMARK_RATIO: vm.lowmem_reserve_ratio
 * @MMS_WMARK_NR_SYSCTLS: number of sysctls
 */
enum mms_wmark_sysctl {
	MMS_WMARK_MFK,
	MMS_WMARK_WSF,
	MMS_WMARK_RATIO,
	MMS_WMARK_NR_SYSCTLS
};

/* wmark_events.c: watermark changes, fed by the probes of probes/zones.c. */
int mms_wmark_min_free_kbytes(void);
int mms_wmark_scale_factor(void);
void mms_wmark_snap_read(struct mms_wmark_snap *st);
void mms_wmark_record(const char *cause, const struct mms_wmark_snap *old);
void mms_wmark_sysctl_seen(enum mms_wmark_sysctl which, int *data);
void mms_wmark_write_begin(struct mms_wmark_snap *old);
void mms_wmark_write_end(void);
bool mms_wmark_in_write(void);
void mms_wmark_prime(const void *path);
u64 mms_wmark_events_total(void);
bool mms_wmark_event_copy(u64 seq, struct mms_wmark_event *e);

/* wmark_state.c: the watermark state machine. */
int mms_wmark_state_init(void);
void mms_wmark_state_exit(void);
void mms_wmark_state_on_wakeup_kswapd(int nid);
void mms_wmark_state_on_kswapd_wake(int nid, int zid);
void mms_wmark_state_on_kswapd_sleep(int nid);
void mms_wmark_state_on_direct_begin(gfp_t gfp_flags);
void mms_wmark_state_on_direct_end(void);
bool mms_wmark_state_zone_read(struct zone *zone, struct mms_wmark_state_acct *a,
			       u64 time[MMS_NR_WMARK_STATES], u64 *elapsed);
bool mms_wmark_state_node_counts(int nid, long *kswapd_wakes, long *direct);
long mms_wmark_state_sampling(unsigned int *period_ms);
const char *mms_wmark_margin_snapshot(enum mms_wmark_margin_id i, struct mms_hist_snap *s);

#endif /* _MMS_ZONES_WMARK_H */
