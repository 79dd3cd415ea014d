/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The buddy allocator's number of orders, which the page size sets: 11
 * with 4 KiB pages (orders 0-10), 12 with 16 KiB pages on arm64.
 */
#ifndef _MMSCOPE_ORDERS_H
#define _MMSCOPE_ORDERS_H

#include <linux/mmzone.h>

/* 6.8+ names the number NR_PAGE_ORDERS; before, MAX_ORDER was it. */
#ifdef NR_PAGE_ORDERS
#define MMS_NR_PAGE_ORDERS	NR_PAGE_ORDERS
#else
#define MMS_NR_PAGE_ORDERS	MAX_ORDER
#endif

#endif /* _MMSCOPE_ORDERS_H */
