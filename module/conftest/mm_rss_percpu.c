// SPDX-License-Identifier: GPL-2.0
/*
 * An mm's rss counters are percpu_counters, mm->rss_stat[] ("mm: convert
 * mm's rss stats into percpu_counter", 6.2); before, atomics in a
 * struct mm_rss_stat.  The KUnit suites fill fake mms either way.
 */
#include <linux/mm_types.h>
#include <linux/percpu_counter.h>

static struct percpu_counter * __used mms_conftest(struct mm_struct *mm)
{
	return &mm->rss_stat[MM_ANONPAGES];
}
