// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers for compaction tracepoints.
 *
 * mm_compaction_begin/end pass a struct compact_control, which is private
 * to mm/ (mm/internal.h, not shipped in headers packages): handlers use only
 * the scalar arguments and never dereference it.
 */
/*
 * Private to mm/ (the kernel includes mm/internal.h before this header):
 * declared here, passed through, never dereferenced.
 */
struct compact_control;
#include <trace/events/compaction.h>

#include "mmscope.h"
#include "stream.h"

#ifdef CONFIG_COMPACTION
static void mms_try_to_compact_pages(void *data, int order, gfp_t gfp_mask,
				     int prio)
{
	mms_count(MMS_DIRECT_COMPACT);
	mms_stream_compact_try(order, gfp_mask, prio);
}

MMS_TP_CHECK(mm_compaction_try_to_compact_pages, mms_try_to_compact_pages)

static void mms_compaction_begin(void *data, struct compact_control *cc,
				 unsigned long zone_start,
				 unsigned long zone_end, bool sync)
{
	mms_count(MMS_COMPACT_BEGIN);
	mms_stream_compact_run(MMSCOPE_REC_COMPACT_BEGIN, zone_start, zone_end, sync, -1);
}

MMS_TP_CHECK(mm_compaction_begin, mms_compaction_begin)

static void mms_compaction_end(void *data, struct compact_control *cc,
			       unsigned long zone_start,
			       unsigned long zone_end, bool sync, int status)
{
	mms_count(MMS_COMPACT_END);
	mms_stream_compact_run(MMSCOPE_REC_COMPACT_END, zone_start, zone_end, sync, status);
}

MMS_TP_CHECK(mm_compaction_end, mms_compaction_end)

static void mms_kcompactd_wake(void *data, int nid, int order,
			       enum zone_type highest_zoneidx)
{
	mms_count(MMS_KCOMPACTD_WAKE);
	mms_stream_kcompactd(MMSCOPE_REC_KCOMPACTD_WAKE, nid, order, highest_zoneidx);
}

MMS_TP_CHECK(mm_compaction_kcompactd_wake, mms_kcompactd_wake)

static struct mms_tp_probe mms_compaction_probes[] = {
	MMS_TP_PROBE(mm_compaction_try_to_compact_pages, mms_try_to_compact_pages),
	MMS_TP_PROBE(mm_compaction_begin, mms_compaction_begin),
	MMS_TP_PROBE(mm_compaction_end, mms_compaction_end),
	MMS_TP_PROBE(mm_compaction_kcompactd_wake, mms_kcompactd_wake),
};
#else /* !CONFIG_COMPACTION */
#define MMS_NO_COMPACTION "kernel built without CONFIG_COMPACTION"
static struct mms_tp_probe mms_compaction_probes[] = {
	MMS_TP_ABSENT(mm_compaction_try_to_compact_pages, MMS_NO_COMPACTION),
	MMS_TP_ABSENT(mm_compaction_begin, MMS_NO_COMPACTION),
	MMS_TP_ABSENT(mm_compaction_end, MMS_NO_COMPACTION),
	MMS_TP_ABSENT(mm_compaction_kcompactd_wake, MMS_NO_COMPACTION),
};
#endif /* CONFIG_COMPACTION */

struct mms_probe_group mms_compaction_group = {
	.system = "compaction",
	.tps = mms_compaction_probes,
	.nr_tps = ARRAY_SIZE(mms_compaction_probes),
};
