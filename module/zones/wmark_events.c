// SPDX-License-Identifier: GPL-2.0
/*
 * Watermark change events: when vm.min_free_kbytes,
 * vm.watermark_scale_factor or vm.lowmem_reserve_ratio is written, or the
 * kernel recomputes watermarks by itself (khugepaged raising
 * min_free_kbytes, memory hotplug), record every zone's levels before and
 * after.
 *
 * A kretprobe on each sysctl's handler (min_free_kbytes_sysctl_handler,
 * watermark_scale_factor_sysctl_handler,
 * lowmem_reserve_ratio_sysctl_handler) snapshots the zones on entry of a
 * write and again on its successful return; one on setup_per_zone_wmarks()
 * does the same for recomputations no sysctl write caused.  Each probe is
 * optional and degrades alone.
 *
 * The handlers run for reads too, and their first argument is the
 * sysctl's struct ctl_table, whose ->data points at the kernel's own
 * variable (min_free_kbytes and watermark_scale_factor are not exported;
 * the latter is static in 6.12).  The entry handler keeps that pointer,
 * so the values are known from the first access on; at load the module
 * reads each sysctl once, as the kernel itself reads and writes sysctl
 * files for "sysctl.*" boot parameters (process_sysctl_arg()), so that
 * they are known from the start.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/sysctl.h>
#include <linux/timekeeping.h>

#include "stream/stream.h"
#include "zones/wmark.h"
#include "zones/zones.h"
#include "probes/probe.h"

static DEFINE_RAW_SPINLOCK(mms_wmark_lock);
static struct mms_wmark_event mms_wmark_ring[MMS_WMARK_EVENTS];
static u64 mms_wmark_seq;

/* The kernel's variables, once a handler has shown us them. */
static int *mms_wmark_mfk_ptr;
static int *mms_wmark_wsf_ptr;
static int *mms_wmark_ratio_ptr;
/* The task inside a sysctl write, whose nested recomputation is its own. */
static struct task_struct *mms_wmark_writer;

static int mms_wmark_read_int(int * const *pp)
{
	int *p = READ_ONCE(*pp);

	return p ? READ_ONCE(*p) : -1;
}

/**
 * mms_wmark_min_free_kbytes() - vm.min_free_kbytes
 *
 * Return: its value, or -1 while no access has shown where it is.
 */
int mms_wmark_min_free_kbytes(void)
{
	return mms_wmark_read_int(&mms_wmark_mfk_ptr);
}

/**
 * mms_wmark_scale_factor() - vm.watermark_scale_factor
 *
 * Return: its value, or -1 while no access has shown where it is.
 */
int mms_wmark_scale_factor(void)
{
	return mms_wmark_read_int(&mms_wmark_wsf_ptr);
}

/* Every zone's levels and the sysctls now: any context, no lock. */
static void mms_wmark_snap_read(struct mms_wmark_snap *st)
{
	int *ratio = READ_ONCE(mms_wmark_ratio_ptr);
	struct zone *zone;
	int i;

	st->nr = 0;
	st->truncated = false;
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		struct mms_wmark_levels *l;

		if (st->nr == MMS_WMARK_ZONES) {
			st->truncated = true;
			break;
		}
		l = &st->z[st->nr];
		st->nid[st->nr] = zone_to_nid(zone);
		st->zid[st->nr] = zone_idx(zone);
		for (i = 0; i < NR_WMARK; i++)
			l->wmark[i] = READ_ONCE(zone->_watermark[i]);
		l->boost = READ_ONCE(zone->watermark_boost);
		l->managed = zone_managed_pages(zone);
		for (i = 0; i < MAX_NR_ZONES; i++)
			l->protection[i] = READ_ONCE(zone->lowmem_reserve[i]);
		st->nr++;
	}
	st->min_free_kbytes = mms_wmark_min_free_kbytes();
	st->scale_factor = mms_wmark_scale_factor();
	for (i = 0; i < MAX_NR_ZONES; i++)
		st->ratio[i] = ratio ? READ_ONCE(ratio[i]) : -1;
	st->lowmem_pages[0] = mms_lowmem_pages(false);
	st->lowmem_pages[1] = mms_lowmem_pages(true);
}

/* Per-instance data: the state before the change. */
struct mms_wmark_inst {
	struct mms_wmark_snap old;
};

static void mms_wmark_record(const char *cause, const struct mms_wmark_snap *old)
{
	struct mms_wmark_event *e;
	unsigned long flags;
	unsigned int i;

	raw_spin_lock_irqsave(&mms_wmark_lock, flags);
	e = &mms_wmark_ring[mms_wmark_seq % MMS_WMARK_EVENTS];
	e->seq = ++mms_wmark_seq;
	e->cause = cause;
	e->old = *old;
	mms_wmark_snap_read(&e->new);
	e->time_ns = ktime_get_ns();
	/* The zones are read in the same order before and after. */
	for (i = 0; i < e->new.nr && i < e->old.nr; i++)
		mms_stream_wmark(e->new.nid[i], e->new.zid[i],
				 e->old.z[i].wmark, e->old.z[i].boost,
				 e->new.z[i].wmark, e->new.z[i].boost);
	raw_spin_unlock_irqrestore(&mms_wmark_lock, flags);
}

/*
 * Entry of a sysctl handler: learn where the variable is; on a write,
 * snapshot the zones before it.  Returning nonzero skips the return probe.
 */
static int mms_wmark_sysctl_entry(struct kretprobe_instance *ri,
				  struct pt_regs *regs, int **where)
{
	const struct ctl_table *table =
		(const struct ctl_table *)regs_get_kernel_argument(regs, 0);
	int write = regs_get_kernel_argument(regs, 1);
	struct mms_wmark_inst *inst = (struct mms_wmark_inst *)ri->data;

	if (!table)
		return 1;
	WRITE_ONCE(*where, (int *)table->data);
	if (!write)
		return 1;
	WRITE_ONCE(mms_wmark_writer, current);
	mms_wmark_snap_read(&inst->old);
	return 0;
}

static void mms_wmark_sysctl_ret(struct kretprobe_instance *ri,
				 struct pt_regs *regs, const char *cause)
{
	struct mms_wmark_inst *inst = (struct mms_wmark_inst *)ri->data;

	if (READ_ONCE(mms_wmark_writer) == current)
		WRITE_ONCE(mms_wmark_writer, NULL);
	/* A failed write (bad value) changed nothing. */
	if (regs_return_value(regs))
		return;
	mms_wmark_record(cause, &inst->old);
}

static int mms_wmark_mfk_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return mms_wmark_sysctl_entry(ri, regs, &mms_wmark_mfk_ptr);
}

static int mms_wmark_mfk_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	mms_wmark_sysctl_ret(ri, regs, "min_free_kbytes");
	return 0;
}

static int mms_wmark_wsf_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return mms_wmark_sysctl_entry(ri, regs, &mms_wmark_wsf_ptr);
}

static int mms_wmark_wsf_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	mms_wmark_sysctl_ret(ri, regs, "watermark_scale_factor");
	return 0;
}

static int mms_wmark_ratio_entry(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	return mms_wmark_sysctl_entry(ri, regs, &mms_wmark_ratio_ptr);
}

static int mms_wmark_ratio_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	mms_wmark_sysctl_ret(ri, regs, "lowmem_reserve_ratio");
	return 0;
}

/* setup_per_zone_wmarks() called by anything but a sysctl write we saw. */
static int mms_wmark_setup_entry(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	struct mms_wmark_inst *inst = (struct mms_wmark_inst *)ri->data;

	if (READ_ONCE(mms_wmark_writer) == current)
		return 1;
	mms_wmark_snap_read(&inst->old);
	return 0;
}

static int mms_wmark_setup_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct mms_wmark_inst *inst = (struct mms_wmark_inst *)ri->data;

	mms_wmark_record("setup_per_zone_wmarks", &inst->old);
	return 0;
}

/**
 * struct mms_wmark_probe - one optional kretprobe
 * @symbol: the probed function
 * @sysctl: the sysctl whose handler it is, read once at load; or %NULL
 * @krp: the kretprobe
 * @state: what became of it
 * @err: register_kretprobe()'s error
 * @reason: why it is not attached
 */
struct mms_wmark_probe {
	const char *symbol;
	const char *sysctl;
	struct kretprobe krp;
	enum mms_probe_state state;
	int err;
	const char *reason;
};

#define MMS_WMARK_PROBE(sym, ctl, entry, ret) {				\
	.symbol = #sym, .sysctl = (ctl),				\
	.krp = { .entry_handler = (entry), .handler = (ret),		\
		 .data_size = sizeof(struct mms_wmark_inst),		\
		 .maxactive = 4 } }

static struct mms_wmark_probe mms_wmark_probes[] = {
	MMS_WMARK_PROBE(min_free_kbytes_sysctl_handler,
			"/proc/sys/vm/min_free_kbytes",
		     mms_wmark_mfk_entry, mms_wmark_mfk_ret),
	MMS_WMARK_PROBE(watermark_scale_factor_sysctl_handler,
			"/proc/sys/vm/watermark_scale_factor",
		     mms_wmark_wsf_entry, mms_wmark_wsf_ret),
	MMS_WMARK_PROBE(lowmem_reserve_ratio_sysctl_handler,
			"/proc/sys/vm/lowmem_reserve_ratio",
		     mms_wmark_ratio_entry, mms_wmark_ratio_ret),
	MMS_WMARK_PROBE(setup_per_zone_wmarks, NULL,
			mms_wmark_setup_entry, mms_wmark_setup_ret),
};

/* Read a sysctl once, so that its handler shows where its variable is. */
static void mms_wmark_prime(const char *path)
{
	struct file *f;
	char buf[64];
	loff_t pos = 0;

	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return;
	kernel_read(f, buf, sizeof(buf), &pos);
	filp_close(f, NULL);
}

/**
 * mms_wmark_events_init() - attach the watermark probes and learn the sysctls
 *
 * Context: process context (module init).
 * Return: 0; a probe that cannot attach degrades alone.
 */
int mms_wmark_events_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mms_wmark_probes); i++) {
		struct mms_wmark_probe *p = &mms_wmark_probes[i];

		p->state = MMS_PROBE_MISSING;
		if (mms_probe_is_disabled(p->symbol)) {
			p->reason = "disabled";
			continue;
		}
		p->krp.kp.symbol_name = p->symbol;
		p->err = register_kretprobe(&p->krp);
		p->state = !p->err ? MMS_PROBE_ATTACHED :
			   p->err == -ENOENT ? MMS_PROBE_MISSING :
			   MMS_PROBE_FAILED;
		p->reason = !p->err ? "-" : p->err == -ENOENT ?
			    "no_such_symbol" : "register_kretprobe_failed";
	}
	for (i = 0; i < ARRAY_SIZE(mms_wmark_probes); i++)
		if (mms_wmark_probes[i].state == MMS_PROBE_ATTACHED &&
		    mms_wmark_probes[i].sysctl)
			mms_wmark_prime(mms_wmark_probes[i].sysctl);
	return 0;
}

/**
 * mms_wmark_events_exit() - detach the watermark probes
 *
 * Returns once no handler runs.
 *
 * Context: process context.
 */
void mms_wmark_events_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mms_wmark_probes); i++)
		if (mms_wmark_probes[i].state == MMS_PROBE_ATTACHED) {
			unregister_kretprobe(&mms_wmark_probes[i].krp);
			mms_wmark_probes[i].state = MMS_PROBE_MISSING;
			mms_wmark_probes[i].reason = "detached";
		}
}

/**
 * mms_wmark_probes_show() - the watermark probes' states, one line each
 * @m: where to print
 */
void mms_wmark_probes_show(struct seq_file *m)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mms_wmark_probes); i++) {
		const struct mms_wmark_probe *p = &mms_wmark_probes[i];

		seq_printf(m, "probe symbol=%s kind=kretprobe state=%s reason=%s err=%d nmissed=%d\n",
			   p->symbol, mms_probe_state_name(p->state), p->reason,
			   p->err,
			   p->state == MMS_PROBE_ATTACHED ? p->krp.nmissed : 0);
	}
}

/**
 * mms_wmark_events_total() - watermark changes recorded since load
 *
 * Return: the number of the last one; the ring keeps the last
 * %MMS_WMARK_EVENTS of them.
 */
u64 mms_wmark_events_total(void)
{
	unsigned long flags;
	u64 seq;

	raw_spin_lock_irqsave(&mms_wmark_lock, flags);
	seq = mms_wmark_seq;
	raw_spin_unlock_irqrestore(&mms_wmark_lock, flags);
	return seq;
}

/**
 * mms_wmark_event_copy() - copy watermark change number @seq
 * @seq: its number, from 1
 * @e: filled with it
 *
 * Context: any but NMI.
 * Return: false if the ring no longer (or does not yet) hold it.
 */
bool mms_wmark_event_copy(u64 seq, struct mms_wmark_event *e)
{
	unsigned long flags;

	if (!seq)
		return false;
	raw_spin_lock_irqsave(&mms_wmark_lock, flags);
	*e = mms_wmark_ring[(seq - 1) % MMS_WMARK_EVENTS];
	raw_spin_unlock_irqrestore(&mms_wmark_lock, flags);
	return e->seq == seq;
}
