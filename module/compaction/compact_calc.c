// SPDX-License-Identifier: GPL-2.0
/*
 * Names of mmscope's compaction keys, as the kernel's own tracepoints
 * print them (include/trace/events/mmflags.h, COMPACTION_STATUS).
 */
#include "compaction/compact_calc.h"

const char * const mms_cp_status_names[MMS_CP_NR_STATUS] = {
	[COMPACT_NOT_SUITABLE_ZONE]	= "not_suitable_zone",
	[COMPACT_SKIPPED]		= "skipped",
	[COMPACT_DEFERRED]		= "deferred",
	[COMPACT_NO_SUITABLE_PAGE]	= "no_suitable_page",
	[COMPACT_CONTINUE]		= "continue",
	[COMPACT_COMPLETE]		= "complete",
	[COMPACT_PARTIAL_SKIPPED]	= "partial_skipped",
	[COMPACT_CONTENDED]		= "contended",
	[COMPACT_SUCCESS]		= "success",
};

const char * const mms_cp_trigger_names[MMS_NR_CT] = {
	[MMS_CT_DIRECT]		= "direct",
	[MMS_CT_KCOMPACTD]	= "kcompactd",
	[MMS_CT_PROACTIVE]	= "proactive",
	[MMS_CT_MANUAL]		= "manual",
};
