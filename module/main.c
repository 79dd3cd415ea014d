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

#include "mmscope.h"
#include "oom_record.h"
#include "zones.h"

static int __init mmscope_init(void)
{
	int ret;

	ret = mms_counters_init();
	if (ret)
		return ret;
	ret = mms_hists_init();
	if (ret)
		goto free_counters;
	ret = mms_wstate_init();
	if (ret)
		goto free_hists;
	ret = mms_oom_records_init();
	if (ret)
		goto exit_wstate;
	mms_probes_attach();
	mms_wm_events_init();
	/* The probe table is final now: the views may show it. */
	mms_debugfs_init();
	pr_info("version %s loaded\n", MMSCOPE_VERSION);
	return 0;

exit_wstate:
	mms_wstate_exit();
free_hists:
	mms_hists_free();
free_counters:
	mms_counters_exit();
	return ret;
}

static void __exit mmscope_exit(void)
{
	mms_debugfs_exit();
	mms_wm_events_exit();
	mms_probes_detach();
	mms_oom_records_free();
	mms_wstate_exit();
	mms_hists_free();
	mms_counters_exit();
}

module_init(mmscope_init);
module_exit(mmscope_exit);

MODULE_DESCRIPTION("mmscope: reclaim, compaction and OOM observability");
MODULE_AUTHOR("The mmscope authors");
MODULE_LICENSE("GPL");
MODULE_VERSION(MMSCOPE_VERSION);
