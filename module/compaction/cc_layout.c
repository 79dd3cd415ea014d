// SPDX-License-Identifier: GPL-2.0
/*
 * The scans of a compaction run, as the kernel counts them.
 *
 * compact_zone() sums what its migration and free scanners scan in
 * cc->total_migrate_scanned and cc->total_free_scanned, adds both to
 * COMPACTMIGRATE_SCANNED and COMPACTFREE_SCANNED (kcompactd, and proactive
 * compaction since 6.9, add them to the daemon counters too) and then
 * fires mm_compaction_end(cc, ...).  Read there, they are exactly what
 * /proc/vmstat counts for the run, fast_find_migrateblock()'s and 6.1's
 * fast_isolate_freepages()' scans included, which no event reports.
 *
 * struct compact_control is private to mm/ (mm/internal.h, not in headers
 * packages).  Its layout is in the kernel's BTF, which user space reads
 * (mmscope modparams) and passes as the two byte offsets below.  Without
 * them the module sums the isolation events' nr_scanned instead, which
 * misses those scans, and the views name those figures *_events.
 *
 * Checked as the module goes: compact_zone() zeroes both totals before
 * mm_compaction_begin, so a total read there that is not 0 means the
 * offsets are wrong.  The module then stops reading them, for good, and
 * the views say so.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmstat.h>

#include "compaction/cc_layout.h"

/* Larger than struct compact_control has ever been. */
#define MMS_CC_MAX_OFFSET	4096

static int cc_migrate_scanned_offset = -1;
module_param(cc_migrate_scanned_offset, int, 0444);
MODULE_PARM_DESC(cc_migrate_scanned_offset,
		 "byte offset of total_migrate_scanned in struct compact_control, from BTF (mmscope modparams); -1: unknown");

static int cc_free_scanned_offset = -1;
module_param(cc_free_scanned_offset, int, 0444);
MODULE_PARM_DESC(cc_free_scanned_offset,
		 "byte offset of total_free_scanned in struct compact_control, from BTF (mmscope modparams); -1: unknown");

/* The offsets in use, set before the probes attach. */
static int mms_cc_migrate_off = -1, mms_cc_free_off = -1;
static atomic_t mms_cc_state = ATOMIC_INIT(MMS_CC_LAYOUT_NONE);
static unsigned long mms_cc_kernel_base[MMS_CC_NR_KERNEL];

const char * const mms_cc_kernel_names[MMS_CC_NR_KERNEL] = {
	[MMS_CCK_MIGRATE_SCANNED]	 = "compact_migrate_scanned",
	[MMS_CCK_FREE_SCANNED]		 = "compact_free_scanned",
	[MMS_CCK_DAEMON_MIGRATE_SCANNED] = "compact_daemon_migrate_scanned",
	[MMS_CCK_DAEMON_FREE_SCANNED]	 = "compact_daemon_free_scanned",
};

#if defined(CONFIG_VM_EVENT_COUNTERS) && defined(CONFIG_COMPACTION)
static const enum vm_event_item mms_cc_kernel_items[MMS_CC_NR_KERNEL] = {
	[MMS_CCK_MIGRATE_SCANNED]	 = COMPACTMIGRATE_SCANNED,
	[MMS_CCK_FREE_SCANNED]		 = COMPACTFREE_SCANNED,
	[MMS_CCK_DAEMON_MIGRATE_SCANNED] = KCOMPACTD_MIGRATE_SCANNED,
	[MMS_CCK_DAEMON_FREE_SCANNED]	 = KCOMPACTD_FREE_SCANNED,
};

/* The kernel's counters now, summed as /proc/vmstat sums them. */
static void mms_cc_kernel_now(unsigned long *v)
{
	int cpu, i;

	memset(v, 0, MMS_CC_NR_KERNEL * sizeof(*v));
	for_each_possible_cpu(cpu)
		for (i = 0; i < MMS_CC_NR_KERNEL; i++)
			v[i] += per_cpu(vm_event_states, cpu)
					.event[mms_cc_kernel_items[i]];
}

/**
 * mms_cc_kernel_scanned() - the kernel's own scan counters since load
 * @v: filled, by &enum mms_cc_kernel
 *
 * What the views show beside their event sums when the layout is not in
 * use, so that the gap is in plain sight.
 *
 * Context: any; reads every CPU's vm_event_states without a lock, as
 * /proc/vmstat does.
 * Return: true; false if this kernel keeps no such counters.
 */
bool mms_cc_kernel_scanned(unsigned long *v)
{
	int i;

	mms_cc_kernel_now(v);
	for (i = 0; i < MMS_CC_NR_KERNEL; i++)
		v[i] -= mms_cc_kernel_base[i];
	return true;
}
#else
static void mms_cc_kernel_now(unsigned long *v)
{
}

bool mms_cc_kernel_scanned(unsigned long *v)
{
	return false;
}
#endif

static bool mms_cc_offset_valid(int off)
{
	return off >= 0 && off <= MMS_CC_MAX_OFFSET - (int)sizeof(long) &&
	       !(off % sizeof(long));
}

/**
 * mms_cc_layout_set() - use a struct compact_control layout
 * @migrate: byte offset of total_migrate_scanned, or -1
 * @free: byte offset of total_free_scanned, or -1
 *
 * Context: before any probe is attached (load, or a test's setup).
 * Return: 0 if both are valid, or both -1 (no layout: the scans then come
 * from events); -EINVAL otherwise.
 */
int mms_cc_layout_set(int migrate, int free)
{
	if (migrate == -1 && free == -1) {
		atomic_set(&mms_cc_state, MMS_CC_LAYOUT_NONE);
		return 0;
	}
	if (!mms_cc_offset_valid(migrate) || !mms_cc_offset_valid(free) ||
	    migrate == free)
		return -EINVAL;
	mms_cc_migrate_off = migrate;
	mms_cc_free_off = free;
	atomic_set(&mms_cc_state, MMS_CC_LAYOUT_USED);
	return 0;
}

/**
 * mms_cc_layout_init() - check the offsets given at load
 *
 * Return: 0 if both are given and valid, or both are unknown (-1);
 * -EINVAL otherwise, which fails the load.
 */
int mms_cc_layout_init(void)
{
	int m = cc_migrate_scanned_offset, f = cc_free_scanned_offset;
	int ret;

	mms_cc_kernel_now(mms_cc_kernel_base);
	ret = mms_cc_layout_set(m, f);
	if (ret)
		pr_err("mmscope: cc_migrate_scanned_offset=%d cc_free_scanned_offset=%d: both must be -1, or distinct multiples of %zu below %d (mmscope modparams prints them)\n",
		       m, f, sizeof(long), MMS_CC_MAX_OFFSET);
	return ret;
}

/**
 * mms_cc_layout_state() - whether the kernel's run totals are read
 *
 * Return: &enum mms_cc_layout_state.
 */
enum mms_cc_layout_state mms_cc_layout_state(void)
{
	return atomic_read(&mms_cc_state);
}

static void mms_cc_reject(void)
{
	atomic_cmpxchg(&mms_cc_state, MMS_CC_LAYOUT_USED,
		       MMS_CC_LAYOUT_REJECTED);
}

/**
 * mms_cc_scanned() - a run's scan totals, as compact_zone() keeps them
 * @cc: mm_compaction_begin's or mm_compaction_end's compact_control
 * @migrate: set to its total_migrate_scanned
 * @free: set to its total_free_scanned
 *
 * Context: any; reads with get_kernel_nofault(), does not sleep.
 * Return: true if the layout is in use and both were read.
 */
bool mms_cc_scanned(const struct compact_control *cc, unsigned long *migrate,
		    unsigned long *free)
{
	const char *base = (const char *)cc;

	if (atomic_read(&mms_cc_state) != MMS_CC_LAYOUT_USED || !cc)
		return false;
	if (get_kernel_nofault(*migrate, (const unsigned long *)
			       (base + mms_cc_migrate_off)) ||
	    get_kernel_nofault(*free, (const unsigned long *)
			       (base + mms_cc_free_off))) {
		mms_cc_reject();
		return false;
	}
	return true;
}

/**
 * mms_cc_layout_check_begin() - check the layout at mm_compaction_begin
 * @cc: the event's compact_control, whose totals compact_zone() has just
 *	zeroed
 *
 * Context: any; does not sleep.
 */
void mms_cc_layout_check_begin(const struct compact_control *cc)
{
	unsigned long m, f;

	if (mms_cc_scanned(cc, &m, &f) && (m || f))
		mms_cc_reject();
}
