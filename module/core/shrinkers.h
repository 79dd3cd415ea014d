/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-shrinker figures, by shrinker function (core/shrinkers.c).
 */
#ifndef _MMS_CORE_SHRINKERS_H
#define _MMS_CORE_SHRINKERS_H

#include <linux/types.h>

struct shrinker;

#define MMS_NR_SHRINKERS	64

/**
 * struct mms_shrinker_stat - one shrinker function's figures on one CPU
 * @calls: do_shrink_slab() turns that got as far as scanning
 * @to_scan: objects it was asked to scan (total_scan at start)
 * @left: objects left unscanned at the end (total_scan at end)
 * @freed: objects it reported freed
 * @ns: nanoseconds spent in timed calls
 *
 * Every member is an unsigned long, so a row sums as an array.
 */
struct mms_shrinker_stat {
	unsigned long calls;
	unsigned long to_scan;
	unsigned long left;
	unsigned long freed;
	unsigned long ns;
};

int mms_shrinkers_init(void);
void mms_shrinkers_exit(void);
void mms_shrinker_start(struct shrinker *shr, unsigned long to_scan);
void mms_shrinker_end(struct shrinker *shr, unsigned long freed,
		      unsigned long left, u64 ns);
bool mms_shrinker_stat_of(void *fn, struct mms_shrinker_stat *st);
void *mms_shrinker_stat_at(int i, struct mms_shrinker_stat *st);

#endif /* _MMS_CORE_SHRINKERS_H */
