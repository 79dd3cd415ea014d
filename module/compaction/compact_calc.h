/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure logic of mmscope's compaction figures: the keys its counters are
 * filed under and the names views show.  Plain values in, plain values
 * out, so that kunit/compaction_kunit.c can test every case.
 */
#ifndef _MMSCOPE_COMPACT_LOGIC_H
#define _MMSCOPE_COMPACT_LOGIC_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/compaction.h>

#include "core/orders.h"

/* Statuses of &enum compact_result, COMPACT_NOT_SUITABLE_ZONE to _SUCCESS. */
#define MMS_CP_NR_STATUS	(COMPACT_SUCCESS + 1)

/*
 * Orders a compaction run is filed under: slot 0 is order -1 (a whole-zone
 * run: /proc/sys/vm/compact_memory, a node's "compact" file, proactive
 * compaction), slot 1 + N is order N: every order the buddy allocator has
 * (0-10 with 4 KiB pages, 0-11 with 16 KiB, 0-13 with 64 KiB on arm64)
 * has a slot of its own.
 */
#define MMS_CP_NR_ORDERS	(MMS_NR_PAGE_ORDERS + 1)

/**
 * enum mms_cp_trigger - what started a compaction run
 * @MMS_CT_DIRECT: direct compaction by an allocating task
 *	(try_to_compact_pages(); the task's capture_control is set)
 * @MMS_CT_KCOMPACTD: kcompactd, woken for an order (kcompactd_do_work())
 * @MMS_CT_PROACTIVE: kcompactd's proactive compaction
 *	(compaction_proactiveness), a whole-zone run not preceded by a wake
 * @MMS_CT_MANUAL: a whole-zone run asked for by a write to
 *	/proc/sys/vm/compact_memory or /sys/devices/system/node/nodeN/compact
 * @MMS_NR_CT: number of triggers
 */
enum mms_cp_trigger {
	MMS_CT_DIRECT,
	MMS_CT_KCOMPACTD,
	MMS_CT_PROACTIVE,
	MMS_CT_MANUAL,
	MMS_NR_CT
};

/**
 * mms_cp_order_idx() - the order slot a compaction order is filed under
 * @order: the order, -1 for whole-zone runs
 *
 * Return: 0 for negative orders, else min(@order + 1, MMS_CP_NR_ORDERS - 1).
 */
static inline unsigned int mms_cp_order_idx(int order)
{
	if (order < 0)
		return 0;
	if (order >= MMS_CP_NR_ORDERS - 1)
		return MMS_CP_NR_ORDERS - 1;
	return order + 1;
}

/**
 * mms_cp_status_idx() - the slot a compact_result value is filed under
 * @status: a value of &enum compact_result, as tracepoints pass it
 *
 * Return: @status, or COMPACT_NOT_SUITABLE_ZONE's slot for values this
 * kernel's headers do not know (never out of bounds).
 */
static inline unsigned int mms_cp_status_idx(int status)
{
	if (status < 0 || status >= MMS_CP_NR_STATUS)
		return COMPACT_NOT_SUITABLE_ZONE;
	return status;
}

/**
 * mms_cp_is_kcompactd() - whether a task is a kcompactd thread
 * @comm: its command name
 * @flags: its task flags
 *
 * kcompactd threads are kernel threads named "kcompactd<node>"; a user
 * task cannot rename a kernel thread.
 *
 * Return: true for a kcompactd thread.
 */
static inline bool mms_cp_is_kcompactd(const char *comm, unsigned int flags)
{
	return (flags & PF_KTHREAD) && !strncmp(comm, "kcompactd", 9) &&
	       comm[9] >= '0' && comm[9] <= '9';
}

/**
 * mms_cp_classify() - what started a compaction run, at its begin event
 * @capturing: the task's capture_control is set, which
 *	compact_zone_order() does around direct compaction only
 * @kcompactd: the task is a kcompactd thread
 * @woken: that kcompactd is between a kcompactd_wake and its next
 *	kcompactd_sleep event (kcompactd_do_work())
 *
 * Return: the trigger.
 */
static inline enum mms_cp_trigger mms_cp_classify(bool capturing,
						  bool kcompactd, bool woken)
{
	if (capturing)
		return MMS_CT_DIRECT;
	if (kcompactd)
		return woken ? MMS_CT_KCOMPACTD : MMS_CT_PROACTIVE;
	return MMS_CT_MANUAL;
}

/**
 * mms_cp_daemon_counts() - whether a run's scanning is also counted in
 *	/proc/vmstat's compact_daemon_*_scanned
 * @trigger: the run's trigger
 * @proactive_counted: the kernel counts proactive runs there too (6.9+,
 *	where proactive compaction goes through compact_node(); older
 *	kernels' proactive_compact_node() counts no compact_daemon_* figure)
 *
 * Return: true if the run counts.
 */
static inline bool mms_cp_daemon_counts(enum mms_cp_trigger trigger,
					bool proactive_counted)
{
	return trigger == MMS_CT_KCOMPACTD ||
	       (trigger == MMS_CT_PROACTIVE && proactive_counted);
}

/**
 * mms_cp_pageblock_bit() - a pageblock's first bit in its section's
 *	pageblock_flags bitmap (SPARSEMEM), as get_pfnblock_flags_mask()
 *	finds it
 * @pfn: any page frame of the block
 * @pages_per_section: PAGES_PER_SECTION
 * @pb_order: pageblock_order
 * @bits_per_block: NR_PAGEBLOCK_BITS
 *
 * Return: the bit index.
 */
static inline unsigned long mms_cp_pageblock_bit(unsigned long pfn,
						 unsigned long pages_per_section,
						 unsigned int pb_order,
						 unsigned int bits_per_block)
{
	return ((pfn & (pages_per_section - 1)) >> pb_order) * bits_per_block;
}

/**
 * mms_cp_migrate_failed() - pages a migrate_pages() batch failed to move
 * @nr_migratepages: pages the batch tried to migrate
 * @nr_succeeded: pages it migrated
 *
 * Return: the difference, or 0 if the kernel reported more successes than
 * pages (which would be a kernel bug, not a reason to wrap around).
 */
static inline unsigned int mms_cp_migrate_failed(unsigned int nr_migratepages,
						 unsigned int nr_succeeded)
{
	return nr_migratepages > nr_succeeded ? nr_migratepages - nr_succeeded : 0;
}

/**
 * enum mms_cp_run_end - how a compaction run ended, as its histograms file it
 * @MMS_CRE_SUCCESS: COMPACT_SUCCESS: a page of the order is free (or, for
 *	proactive runs, the fragmentation score is under its low mark)
 * @MMS_CRE_COMPLETE: COMPACT_COMPLETE: the scanners met over the whole zone
 * @MMS_CRE_PARTIAL_SKIPPED: COMPACT_PARTIAL_SKIPPED: they met over part of it
 * @MMS_CRE_CONTENDED: COMPACT_CONTENDED: stopped for a signal, lock
 *	contention, need_resched() or a failed isolation
 * @MMS_CRE_OTHER: any other status (none is known to end a run)
 * @MMS_CP_NR_RUN_END: number of them
 */
enum mms_cp_run_end {
	MMS_CRE_SUCCESS,
	MMS_CRE_COMPLETE,
	MMS_CRE_PARTIAL_SKIPPED,
	MMS_CRE_CONTENDED,
	MMS_CRE_OTHER,
	MMS_CP_NR_RUN_END
};

/**
 * mms_cp_run_end_idx() - the run-end slot of a status
 * @status: the status mm_compaction_end passed
 *
 * Return: its &enum mms_cp_run_end.
 */
static inline enum mms_cp_run_end mms_cp_run_end_idx(int status)
{
	switch (status) {
	case COMPACT_SUCCESS:
		return MMS_CRE_SUCCESS;
	case COMPACT_COMPLETE:
		return MMS_CRE_COMPLETE;
	case COMPACT_PARTIAL_SKIPPED:
		return MMS_CRE_PARTIAL_SKIPPED;
	case COMPACT_CONTENDED:
		return MMS_CRE_CONTENDED;
	default:
		return MMS_CRE_OTHER;
	}
}

/**
 * enum mms_cp_event - compaction events counted one by one, for comparison
 *	with another tracer's counts of the same tracepoints
 * @MMS_CPE_ISOLATE_MIGRATEPAGES: mm_compaction_isolate_migratepages
 * @MMS_CPE_ISOLATE_FREEPAGES: mm_compaction_isolate_freepages
 * @MMS_CPE_FAST_ISOLATE_FREEPAGES: mm_compaction_fast_isolate_freepages
 * @MMS_CPE_MIGRATEPAGES: mm_compaction_migratepages
 * @MMS_CPE_FINISHED: mm_compaction_finished
 * @MMS_CPE_SUITABLE: mm_compaction_suitable
 * @MMS_CPE_DEFERRED: mm_compaction_deferred
 * @MMS_CPE_DEFER_COMPACTION: mm_compaction_defer_compaction
 * @MMS_CPE_DEFER_RESET: mm_compaction_defer_reset
 * @MMS_CPE_KCOMPACTD_SLEEP: mm_compaction_kcompactd_sleep
 * @MMS_CPE_WAKEUP_KCOMPACTD: mm_compaction_wakeup_kcompactd
 * @MMS_CPE_EXTFRAG: kmem:mm_page_alloc_extfrag
 * @MMS_CPE_COMPACT_RETRY: oom:compact_retry
 * @MMS_NR_CP_EV: number of them
 *
 * mm_compaction_begin, _end, _try_to_compact_pages and _kcompactd_wake
 * have counters of their own (compact_begin, compact_end, direct_compact,
 * kcompactd_wake).
 */
enum mms_cp_event {
	MMS_CPE_ISOLATE_MIGRATEPAGES,
	MMS_CPE_ISOLATE_FREEPAGES,
	MMS_CPE_FAST_ISOLATE_FREEPAGES,
	MMS_CPE_MIGRATEPAGES,
	MMS_CPE_FINISHED,
	MMS_CPE_SUITABLE,
	MMS_CPE_DEFERRED,
	MMS_CPE_DEFER_COMPACTION,
	MMS_CPE_DEFER_RESET,
	MMS_CPE_KCOMPACTD_SLEEP,
	MMS_CPE_WAKEUP_KCOMPACTD,
	MMS_CPE_EXTFRAG,
	MMS_CPE_COMPACT_RETRY,
	MMS_NR_CP_EV
};

extern const char * const mms_cp_status_names[MMS_CP_NR_STATUS];
extern const char * const mms_cp_trigger_names[MMS_NR_CT];

#endif /* _MMSCOPE_COMPACT_LOGIC_H */
