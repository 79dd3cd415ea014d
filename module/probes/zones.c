// SPDX-License-Identifier: GPL-2.0
/*
 * The "zones" probe group: kretprobes on the handlers of the sysctls the
 * kernel derives watermarks from, and on setup_per_zone_wmarks(), which
 * feed the watermark change history of zones/wmark_events.c.
 *
 * The sysctl handlers run for reads too.  Their first argument is the
 * sysctl's struct ctl_table, whose ->data points at the kernel's own
 * variable (min_free_kbytes and watermark_scale_factor are not exported;
 * the latter is static in 6.12): the entry handler hands it over, so the
 * values are known from the first access on.  Each sysctl's probe has a
 * post-attach hook that reads it once, as the kernel itself reads and
 * writes sysctl files for "sysctl.*" boot parameters (process_sysctl_arg()),
 * so that they are known from the load on.
 */
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/sysctl.h>

#include "probes/probe.h"
#include "zones/wmark.h"

/* Per-instance data: the state before the change. */
struct mms_wmark_inst {
	struct mms_wmark_snap old;
};

/*
 * Entry of a sysctl handler: learn where the variable is; on a write,
 * snapshot the zones before it.  Returning nonzero skips the return probe.
 */
static int mms_wmark_sysctl_entry(struct kretprobe_instance *ri,
				  struct pt_regs *regs,
				  enum mms_wmark_sysctl which)
{
	const struct ctl_table *table =
		(const struct ctl_table *)regs_get_kernel_argument(regs, 0);
	int write = regs_get_kernel_argument(regs, 1);
	struct mms_wmark_inst *inst = (struct mms_wmark_inst *)ri->data;

	if (!table)
		return 1;
	mms_wmark_sysctl_seen(which, (int *)table->data);
	if (!write)
		return 1;
	mms_wmark_write_begin(&inst->old);
	return 0;
}

static void mms_wmark_sysctl_ret(struct kretprobe_instance *ri,
				 struct pt_regs *regs, const char *cause)
{
	struct mms_wmark_inst *inst = (struct mms_wmark_inst *)ri->data;

	mms_wmark_write_end();
	/* A failed write (bad value) changed nothing. */
	if (regs_return_value(regs))
		return;
	mms_wmark_record(cause, &inst->old);
}

static int mms_wmark_mfk_entry(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	return mms_wmark_sysctl_entry(ri, regs, MMS_WMARK_MFK);
}

static int mms_wmark_mfk_ret(struct kretprobe_instance *ri,
			     struct pt_regs *regs)
{
	mms_wmark_sysctl_ret(ri, regs, "min_free_kbytes");
	return 0;
}

static int mms_wmark_wsf_entry(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	return mms_wmark_sysctl_entry(ri, regs, MMS_WMARK_WSF);
}

static int mms_wmark_wsf_ret(struct kretprobe_instance *ri,
			     struct pt_regs *regs)
{
	mms_wmark_sysctl_ret(ri, regs, "watermark_scale_factor");
	return 0;
}

static int mms_wmark_ratio_entry(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	return mms_wmark_sysctl_entry(ri, regs, MMS_WMARK_RATIO);
}

static int mms_wmark_ratio_ret(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	mms_wmark_sysctl_ret(ri, regs, "lowmem_reserve_ratio");
	return 0;
}

/* setup_per_zone_wmarks() called by anything but a sysctl write we saw. */
static int mms_wmark_setup_entry(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	struct mms_wmark_inst *inst = (struct mms_wmark_inst *)ri->data;

	if (mms_wmark_in_write())
		return 1;
	mms_wmark_snap_read(&inst->old);
	return 0;
}

static int mms_wmark_setup_ret(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	struct mms_wmark_inst *inst = (struct mms_wmark_inst *)ri->data;

	mms_wmark_record("setup_per_zone_wmarks", &inst->old);
	return 0;
}

static struct mms_krp_probe mms_zones_krps[] = {
	MMS_KRETPROBE_HOOK(min_free_kbytes_sysctl_handler,
			   mms_wmark_mfk_entry, mms_wmark_mfk_ret,
			   struct mms_wmark_inst, 4,
			   mms_wmark_prime, "/proc/sys/vm/min_free_kbytes"),
	MMS_KRETPROBE_HOOK(watermark_scale_factor_sysctl_handler,
			   mms_wmark_wsf_entry, mms_wmark_wsf_ret,
			   struct mms_wmark_inst, 4,
			   mms_wmark_prime,
			   "/proc/sys/vm/watermark_scale_factor"),
	MMS_KRETPROBE_HOOK(lowmem_reserve_ratio_sysctl_handler,
			   mms_wmark_ratio_entry, mms_wmark_ratio_ret,
			   struct mms_wmark_inst, 4,
			   mms_wmark_prime,
			   "/proc/sys/vm/lowmem_reserve_ratio"),
	MMS_KRETPROBE(setup_per_zone_wmarks, mms_wmark_setup_entry,
		      mms_wmark_setup_ret, struct mms_wmark_inst, 4),
};

struct mms_probe_group mms_zones_group = {
	.system = "zones",
	.krps = mms_zones_krps,
	.nr_krps = ARRAY_SIZE(mms_zones_krps),
};
