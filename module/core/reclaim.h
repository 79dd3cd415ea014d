/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reclaim matrix: what each reclaimer did to each LRU type of each
 * node, in per-CPU rows summed on read (core/counters.c).
 */
#ifndef _MMS_CORE_RECLAIM_H
#define _MMS_CORE_RECLAIM_H

#include <linux/nodemask.h>
#include <linux/percpu.h>
#include <linux/types.h>

/**
 * enum mms_reclaimer - who is reclaiming, as the kernel tells reclaimers apart
 * @MMS_RC_KSWAPD: kswapd (current_is_kswapd())
 * @MMS_RC_DIRECT: global direct reclaim by an allocating task
 * @MMS_RC_KHUGEPAGED: direct reclaim by khugepaged, which /proc/vmstat
 *	counts apart from other direct reclaim where it has
 *	pgscan_khugepaged (6.3+), and as direct reclaim before
 * @MMS_RC_MEMCG: memcg reclaim (memory.max/high, memory.reclaim, soft
 *	limit), which the kernel leaves out of pgscan/pgsteal_<reclaimer>
 * @MMS_RC_NODE: node reclaim (zone_reclaim_mode)
 * @MMS_NR_RECLAIMERS: number of reclaimers
 */
enum mms_reclaimer {
	MMS_RC_KSWAPD,
	MMS_RC_DIRECT,
	MMS_RC_KHUGEPAGED,
	MMS_RC_MEMCG,
	MMS_RC_NODE,
	MMS_NR_RECLAIMERS
};

/**
 * enum mms_reclaim_field - what reclaim did to one LRU type
 * @MMS_RF_SCANNED: pages scanned as the kernel counts pgscan_*: the
 *	inactive-list isolation's nr_scanned, or under the multi-gen LRU
 *	(6.12) its nr_taken, which is what scan_folios() counts
 * @MMS_RF_RECLAIMED: pages reclaimed (pgsteal_*)
 * @MMS_RF_TAKEN: pages isolated from inactive lists
 * @MMS_RF_SKIPPED: pages skipped for being in an ineligible zone
 * @MMS_RF_DIRTY: dirty pages met by shrink_folio_list()
 * @MMS_RF_WRITEBACK: pages under writeback met by it
 * @MMS_RF_CONGESTED: dirty or writeback pages on a congested device
 * @MMS_RF_IMMEDIATE: pages under writeback marked for immediate reclaim
 * @MMS_RF_ACTIVATED: pages moved back to the active list
 * @MMS_RF_REF_KEEP: referenced pages kept on the inactive list
 * @MMS_RF_UNMAP_FAIL: pages that could not be unmapped
 * @MMS_RF_REFILL_SCANNED: pages scanned on active lists (pgrefill)
 * @MMS_RF_DEACTIVATED: pages moved from active to inactive lists
 * @MMS_RF_REFERENCED: referenced pages found on active lists
 * @MMS_RF_WRITTEN: pages written out by reclaim (mm_vmscan_write_folio)
 * @MMS_NR_RF: number of fields
 */
enum mms_reclaim_field {
	MMS_RF_SCANNED,
	MMS_RF_RECLAIMED,
	MMS_RF_TAKEN,
	MMS_RF_SKIPPED,
	MMS_RF_DIRTY,
	MMS_RF_WRITEBACK,
	MMS_RF_CONGESTED,
	MMS_RF_IMMEDIATE,
	MMS_RF_ACTIVATED,
	MMS_RF_REF_KEEP,
	MMS_RF_UNMAP_FAIL,
	MMS_RF_REFILL_SCANNED,
	MMS_RF_DEACTIVATED,
	MMS_RF_REFERENCED,
	MMS_RF_WRITTEN,
	MMS_NR_RF
};

/* LRU types: index 0 anon, 1 file, as the kernel's ANON_AND_FILE arrays. */
#define MMS_NR_LRU_TYPES	2

/**
 * struct mms_reclaim_node - one node's reclaim matrix on one CPU
 * @v: what reclaim did, by reclaimer x LRU type x field
 *
 * The per-CPU array has a row per possible node (nr_node_ids) and one
 * more, last, for reclaim whose node is not known (an LRU event of a task
 * that has not entered shrink_node() where the kprobe on it is missing).
 */
struct mms_reclaim_node {
	unsigned long v[MMS_NR_RECLAIMERS][MMS_NR_LRU_TYPES][MMS_NR_RF];
};

extern struct mms_reclaim_node __percpu *mms_pcpu_reclaim;

/* Rows of the per-node reclaim matrix: every possible node, and "unknown". */
static inline unsigned int mms_reclaim_rows(void)
{
	return nr_node_ids + 1;
}

/*
 * Add @n to node @nid's reclaim matrix (NUMA_NO_NODE: unknown): callable
 * from any context, including NMI.
 */
static __always_inline void mms_reclaim_add(enum mms_reclaimer rc, int nid,
					    int file, enum mms_reclaim_field f,
					    unsigned long n)
{
	unsigned int row = (unsigned int)nid < nr_node_ids ? nid : nr_node_ids;

	this_cpu_add(mms_pcpu_reclaim[row].v[rc][!!file][f], n);
}

void mms_reclaim_snapshot(struct mms_reclaim_node *rows,
			  struct mms_reclaim_node *total);

enum mms_reclaimer mms_current_reclaimer(void);

#endif /* _MMS_CORE_RECLAIM_H */
