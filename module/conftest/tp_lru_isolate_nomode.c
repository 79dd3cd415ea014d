// SPDX-License-Identifier: GPL-2.0
/* vmscan:mm_vmscan_lru_isolate without isolate_mode (6.12) */
#include <trace/events/vmscan.h>

static void probe(void *data, int highest_zoneidx, int order,
		  unsigned long nr_requested, unsigned long nr_scanned,
		  unsigned long nr_skipped, unsigned long nr_taken,
		  int lru)
{
}

static void __used mms_conftest(void)
{
	check_trace_callback_type_mm_vmscan_lru_isolate(probe);
}
