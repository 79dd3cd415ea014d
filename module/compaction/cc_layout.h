/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the kernel's private struct compact_control keeps the per-run
 * scan totals that /proc/vmstat's compact_*_scanned add up, as the module
 * was told at load (mmscope modparams reads it from the kernel's BTF).
 */
#ifndef _MMSCOPE_CC_LAYOUT_H
#define _MMSCOPE_CC_LAYOUT_H

#include <linux/types.h>

struct compact_control;

/**
 * enum mms_cc_layout_state - whether the run totals are read
 * @MMS_CC_LAYOUT_NONE: no offsets given: the scans come from events
 * @MMS_CC_LAYOUT_USED: offsets given and consistent so far: the scans
 *	are the kernel's own totals
 * @MMS_CC_LAYOUT_REJECTED: offsets given, then found wrong (a total not 0
 *	at mm_compaction_begin, or unreadable): the scans come from events
 */
enum mms_cc_layout_state {
	MMS_CC_LAYOUT_NONE,
	MMS_CC_LAYOUT_USED,
	MMS_CC_LAYOUT_REJECTED,
};

/**
 * enum mms_cc_kernel - /proc/vmstat's scan counters, as the kernel keeps them
 * @MMS_CCK_MIGRATE_SCANNED: compact_migrate_scanned
 * @MMS_CCK_FREE_SCANNED: compact_free_scanned
 * @MMS_CCK_DAEMON_MIGRATE_SCANNED: compact_daemon_migrate_scanned
 * @MMS_CCK_DAEMON_FREE_SCANNED: compact_daemon_free_scanned
 * @MMS_CC_NR_KERNEL: number of them
 */
enum mms_cc_kernel {
	MMS_CCK_MIGRATE_SCANNED,
	MMS_CCK_FREE_SCANNED,
	MMS_CCK_DAEMON_MIGRATE_SCANNED,
	MMS_CCK_DAEMON_FREE_SCANNED,
	MMS_CC_NR_KERNEL
};

extern const char * const mms_cc_kernel_names[MMS_CC_NR_KERNEL];

int mms_cc_layout_init(void);
int mms_cc_layout_set(int migrate, int free);
bool mms_cc_kernel_scanned(unsigned long *v);
enum mms_cc_layout_state mms_cc_layout_state(void);
void mms_cc_layout_check_begin(const struct compact_control *cc);
bool mms_cc_scanned(const struct compact_control *cc, unsigned long *migrate,
		    unsigned long *free);

#endif /* _MMSCOPE_CC_LAYOUT_H */
