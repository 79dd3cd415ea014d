// SPDX-License-Identifier: GPL-2.0
/*
 * compaction:mm_compaction_fast_isolate_freepages, added with "mm,
 * compaction: add a tracepoint for fast_isolate_freepages" (6.x); before
 * it, fast_isolate_freepages() scanned and isolated without an event.
 */
struct compact_control;
#include <trace/events/compaction.h>

static void probe(void *data, unsigned long start_pfn, unsigned long end_pfn,
		  unsigned long nr_scanned, unsigned long nr_taken)
{
}

static void __used mms_conftest(void)
{
	check_trace_callback_type_mm_compaction_fast_isolate_freepages(probe);
}
