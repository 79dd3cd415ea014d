// SPDX-License-Identifier: GPL-2.0
/*
 * Watermark change events: when vm.min_free_kbytes,
 * vm.watermark_scale_factor or vm.lowmem_reserve_ratio is written, or the
 * kernel recomputes watermarks by itself (khugepaged raising
 * min_free_kbytes, memory hotplug), record every zone's levels before and
 * after.
 *
 * A kretprobe on each sysctl's handler (min_free_kbytes_sysctl_handler,
 * watermark_scale_factor_sysctl_handler,
 * lowmem_reserve_ratio_sysctl_handler) snapshots the zones on entry of a
 * write and again on its successful return; one on setup_per_zone_wmarks()
 * does the same for recomputations no sysctl write caused.  The probes
 * are the "zones" group of the registry (probes/zones.c), each optional
 * and degrading alone; this file keeps what they record.
 *
 * The handlers run for reads too, and their first argument is the
 * sysctl's struct ctl_table, whose ->data points at the kernel's own
 * variable (min_free_kbytes and watermark_scale_factor are not exported;
 * the latter is static in 6.12).  The entry handler keeps that pointer,
 * so the values are known from the first access on; at load the module
 * reads each sysctl once, as the kernel itself reads and writes sysctl
 * files for "sysctl.*" boot parameters (process_sysctl_arg()), so that
 * they are known from the start.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>

#include "stream/stream.h"
#include "zones/wmark.h"
#include "zones/zones.h"

static DEFINE_RAW_SPINLOCK(mms_wmark_lock);
static struct mms_wmark_event mms_wmark_ring[MMS_WMARK_EVENTS];
static u64 mms_wmark_seq;

/* The kernel's variables, once a handler has shown us them. */
static int *mms_wmark_sysctl_ptr[MMS_WMARK_NR_SYSCTLS];
/* The task inside a sysctl write, whose nested recomputation is its own. */
static struct task_struct *mms_wmark_writer;

static int mms_wmark_read_int(int * const *pp)
{
	int *p = READ_ONCE(*pp);

	return p ? READ_ONCE(*p) : -1;
}

/**
 * mms_wmark_min_free_kbytes() - vm.min_free_kbytes
 *
 * Return: its value, or -1 while no access has shown where it is.
 */
int mms_wmark_min_free_kbytes(void)
{
	return mms_wmark_read_int(&mms_wmark_sysctl_ptr[MMS_WMARK_MFK]);
}

/**
 * mms_wmark_scale_factor() - vm.watermark_scale_factor
 *
 * Return: its value, or -1 while no access has shown where it is.
 */
int mms_wmark_scale_factor(void)
{
	return mms_wmark_read_int(&mms_wmark_sysctl_ptr[MMS_WMARK_WSF]);
}

/**
 * mms_wmark_snap_read() - every zone's levels and the sysctls, now
 * @st: filled with them
 *
 * Context: any; takes no lock.
 */
void mms_wmark_snap_read(struct mms_wmark_snap *st)
{
	int *ratio = READ_ONCE(mms_wmark_sysctl_ptr[MMS_WMARK_RATIO]);
	struct zone *zone;
	int i;

	st->nr = 0;
	st->truncated = false;
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		struct mms_wmark_levels *l;

		if (st->nr == MMS_WMARK_ZONES) {
			st->truncated = true;
			break;
		}
		l = &st->z[st->nr];
		st->nid[st->nr] = zone_to_nid(zone);
		st->zid[st->nr] = zone_idx(zone);
		for (i = 0; i < NR_WMARK; i++)
			l->wmark[i] = READ_ONCE(zone->_watermark[i]);
		l->boost = READ_ONCE(zone->watermark_boost);
		l->managed = zone_managed_pages(zone);
		for (i = 0; i < MAX_NR_ZONES; i++)
			l->protection[i] = READ_ONCE(zone->lowmem_reserve[i]);
		st->nr++;
	}
	st->min_free_kbytes = mms_wmark_min_free_kbytes();
	st->scale_factor = mms_wmark_scale_factor();
	for (i = 0; i < MAX_NR_ZONES; i++)
		st->ratio[i] = ratio ? READ_ONCE(ratio[i]) : -1;
	st->lowmem_pages[0] = mms_lowmem_pages(false);
	st->lowmem_pages[1] = mms_lowmem_pages(true);
}

/* The stream's record of zone @i of @e: its watermarks before and after. */
static void mms_wmark_emit(const struct mms_wmark_event *e, unsigned int i)
{
	const unsigned long *was = e->old.z[i].wmark, *now = e->new.z[i].wmark;

	mms_stream(WMARK, .nid = e->new.nid[i], .zid = e->new.zid[i],
		   .min = now[WMARK_MIN], .low = now[WMARK_LOW],
		   .high = now[WMARK_HIGH], .boost = e->new.z[i].boost,
		   .old_min = was[WMARK_MIN], .old_low = was[WMARK_LOW],
		   .old_high = was[WMARK_HIGH], .old_boost = e->old.z[i].boost);
}

/**
 * mms_wmark_record() - record a change of watermarks
 * @cause: the sysctl written, or "setup_per_zone_wmarks"; must be static
 * @old: the state before it
 *
 * Reads the state after, and sends a WMARK record per zone to the stream.
 *
 * Context: any but NMI (a kretprobe handler).
 */
void mms_wmark_record(const char *cause, const struct mms_wmark_snap *old)
{
	struct mms_wmark_event *e;
	unsigned long flags;
	unsigned int i;

	raw_spin_lock_irqsave(&mms_wmark_lock, flags);
	e = &mms_wmark_ring[mms_wmark_seq % MMS_WMARK_EVENTS];
	e->seq = ++mms_wmark_seq;
	e->cause = cause;
	e->old = *old;
	mms_wmark_snap_read(&e->new);
	e->time_ns = ktime_get_ns();
	/* The zones are read in the same order before and after. */
	for (i = 0; i < e->new.nr && i < e->old.nr; i++)
		mms_wmark_emit(e, i);
	raw_spin_unlock_irqrestore(&mms_wmark_lock, flags);
}

/**
 * mms_wmark_sysctl_seen() - learn where a sysctl's variable is
 * @which: the sysctl
 * @data: its ctl_table's ->data, as its handler was called with
 *
 * Context: any (a kretprobe entry handler).
 */
void mms_wmark_sysctl_seen(enum mms_wmark_sysctl which, int *data)
{
	if (which < MMS_WMARK_NR_SYSCTLS)
		WRITE_ONCE(mms_wmark_sysctl_ptr[which], data);
}

/**
 * mms_wmark_write_begin() - a sysctl write starts: snapshot the zones
 * @old: filled with the state before it
 *
 * Until mms_wmark_write_end(), a recomputation by the same task is the
 * write's own (mms_wmark_in_write()).
 *
 * Context: any but NMI (a kretprobe entry handler).
 */
void mms_wmark_write_begin(struct mms_wmark_snap *old)
{
	WRITE_ONCE(mms_wmark_writer, current);
	mms_wmark_snap_read(old);
}

/**
 * mms_wmark_write_end() - the current task's sysctl write returned
 *
 * Context: any but NMI (a kretprobe return handler).
 */
void mms_wmark_write_end(void)
{
	if (READ_ONCE(mms_wmark_writer) == current)
		WRITE_ONCE(mms_wmark_writer, NULL);
}

/**
 * mms_wmark_in_write() - whether the current task is inside a sysctl write
 *
 * Return: true between mms_wmark_write_begin() and mms_wmark_write_end().
 */
bool mms_wmark_in_write(void)
{
	return READ_ONCE(mms_wmark_writer) == current;
}

/**
 * mms_wmark_prime() - read a sysctl once, so that its handler shows where
 *	its variable is
 * @path: the sysctl's file under /proc/sys, a string
 *
 * The post-attach hook of the sysctl handlers' probes.
 *
 * Context: process context; sleeps.
 */
void mms_wmark_prime(const void *path)
{
	struct file *f;
	char buf[64];
	loff_t pos = 0;

	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return;
	kernel_read(f, buf, sizeof(buf), &pos);
	filp_close(f, NULL);
}

/**
 * mms_wmark_events_total() - watermark changes recorded since load
 *
 * Return: the number of the last one; the ring keeps the last
 * %MMS_WMARK_EVENTS of them.
 */
u64 mms_wmark_events_total(void)
{
	unsigned long flags;
	u64 seq;

	raw_spin_lock_irqsave(&mms_wmark_lock, flags);
	seq = mms_wmark_seq;
	raw_spin_unlock_irqrestore(&mms_wmark_lock, flags);
	return seq;
}

/**
 * mms_wmark_event_copy() - copy watermark change number @seq
 * @seq: its number, from 1
 * @e: filled with it
 *
 * Context: any but NMI.
 * Return: false if the ring no longer (or does not yet) hold it.
 */
bool mms_wmark_event_copy(u64 seq, struct mms_wmark_event *e)
{
	unsigned long flags;

	if (!seq)
		return false;
	raw_spin_lock_irqsave(&mms_wmark_lock, flags);
	*e = mms_wmark_ring[(seq - 1) % MMS_WMARK_EVENTS];
	raw_spin_unlock_irqrestore(&mms_wmark_lock, flags);
	return e->seq == seq;
}
