// SPDX-License-Identifier: GPL-2.0
/*
 * compaction:mm_compaction_migratepages(unsigned int nr_migratepages,
 * unsigned int nr_succeeded): since "mm/compaction: remove compact_control
 * from mm_compaction_migratepages"; before, it passed the private
 * struct compact_control and the number of pages tried was not a scalar.
 */
struct compact_control;
#include <trace/events/compaction.h>

static void probe(void *data, unsigned int nr_migratepages,
		  unsigned int nr_succeeded)
{
}

static void __used mms_conftest(void)
{
	check_trace_callback_type_mm_compaction_migratepages(probe);
}
