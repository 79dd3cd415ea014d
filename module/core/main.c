// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope: memory-pressure observability for Linux.
 *
 * Counts reclaim, compaction and OOM events from the kernel's own
 * tracepoints in per-CPU counters and shows them under
 * /sys/kernel/debug/mmscope/.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include "core/counters.h"
#include "core/hist_table.h"
#include "core/shrinkers.h"
#include "core/version.h"
#include "compaction/compact_stats.h"
#include "oom/oom_record.h"
#include "probes/probe.h"
#include "stream/stream.h"
#include "views/views.h"
#include "zones/wmark.h"

static int __init mmscope_init(void)
{
	int ret;

	ret = mms_counters_init();
	if (ret)
		return ret;
	ret = mms_hists_init();
	if (ret)
		goto free_counters;
	ret = mms_shrinkers_init();
	if (ret)
		goto free_hists;
	ret = mms_compaction_init();
	if (ret)
		goto free_shrinkers;
	ret = mms_stream_init();
	if (ret)
		goto exit_compaction;
	ret = mms_oom_records_init();
	if (ret)
		goto exit_stream;
	ret = mms_wmark_state_init();
	if (ret)
		goto free_oom_records;
	mms_probes_attach();
	/* The probe table is final now: the views may show it. */
	mms_debugfs_init();
	/*
	 * Last: a file of /dev/mmscope may be opened as soon as it exists,
	 * and must then find everything set up.
	 */
	ret = mms_stream_dev_init();
	if (ret)
		goto detach_probes;
	pr_info("version %s loaded\n", MMSCOPE_VERSION);
	return 0;

detach_probes:
	mms_debugfs_exit();
	mms_probes_detach();
	mms_wmark_state_exit();
free_oom_records:
	mms_oom_records_exit();
exit_stream:
	mms_stream_exit();
exit_compaction:
	mms_compaction_exit();
free_shrinkers:
	mms_shrinkers_exit();
free_hists:
	mms_hists_exit();
free_counters:
	mms_counters_exit();
	return ret;
}

static void __exit mmscope_exit(void)
{
	mms_stream_dev_exit();
	mms_debugfs_exit();
	mms_probes_detach();
	mms_wmark_state_exit();
	mms_oom_records_exit();
	mms_stream_exit();
	mms_compaction_exit();
	mms_shrinkers_exit();
	mms_hists_exit();
	mms_counters_exit();
}

module_init(mmscope_init);
module_exit(mmscope_exit);

MODULE_DESCRIPTION("mmscope: reclaim, compaction and OOM observability");
MODULE_AUTHOR("The mmscope authors");
MODULE_LICENSE("GPL");
MODULE_VERSION(MMSCOPE_VERSION);
