// SPDX-License-Identifier: GPL-2.0
/*
 * compaction:mm_compaction_migratepages(struct compact_control *cc,
 * unsigned int nr_succeeded), as in 6.1.
 */
struct compact_control;
#include <trace/events/compaction.h>

static void probe(void *data, struct compact_control *cc,
		  unsigned int nr_succeeded)
{
}

static void __used mms_conftest(void)
{
	check_trace_callback_type_mm_compaction_migratepages(probe);
}
