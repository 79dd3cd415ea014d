// SPDX-License-Identifier: GPL-2.0
/*
 * vmscan:mm_vmscan_lru_isolate with an isolate_mode_t argument (6.1);
 * "mm/vmscan: remove isolate_mode from mm_vmscan_lru_isolate" dropped it.
 */
#include <trace/events/vmscan.h>

static void probe(void *data, int highest_zoneidx, int order,
		  unsigned long nr_requested, unsigned long nr_scanned,
		  unsigned long nr_skipped, unsigned long nr_taken,
		  isolate_mode_t isolate_mode, int lru)
{
}

static void __used mms_conftest(void)
{
	check_trace_callback_type_mm_vmscan_lru_isolate(probe);
}
