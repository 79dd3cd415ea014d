/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mmscope: memory-pressure observability for Linux.
 *
 * The user-visible ABI of the mmscope module, shared verbatim by the module
 * and by tools/.  Every structure uses fixed-width types and explicit
 * padding; no kernel pointer ever crosses this boundary.
 */
#ifndef _UAPI_LINUX_MMSCOPE_H
#define _UAPI_LINUX_MMSCOPE_H

#include <linux/types.h>

/*
 * The ABI version: the major changes when an existing layout or meaning
 * changes, the minor when something is only added.
 */
#define MMSCOPE_ABI_MAJOR	0
#define MMSCOPE_ABI_MINOR	1

/* Where the module's read-only debugfs views live. */
#define MMSCOPE_DEBUGFS_DIR	"/sys/kernel/debug/mmscope"

#endif /* _UAPI_LINUX_MMSCOPE_H */
