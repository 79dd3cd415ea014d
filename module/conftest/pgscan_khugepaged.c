// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/vmstat has pgscan_khugepaged and pgsteal_khugepaged: reclaim by
 * khugepaged is counted apart from direct reclaim ("mm: vmscan: split
 * khugepaged stats from direct reclaim stats", 6.3).
 */
#include <linux/vm_event_item.h>

static int __used mms_conftest = PGSCAN_KHUGEPAGED + PGSTEAL_KHUGEPAGED;
