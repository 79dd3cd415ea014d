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
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysctl.h>
#include <linux/timekeeping.h>

#include "stream/stream.h"
#include "zones/zones.h"
#include "probes/probe.h"

/* Zones recorded per event, node by node: 16 covers 3 nodes of 5 zones. */
#define MMS_WM_ZONES	16
/* Events kept; older ones are dropped, and counted. */
#define MMS_WM_EVENTS	16

/**
 * struct mms_wm_levels - what one zone's watermarks are derived into
 * @wmark: watermarks without boost
 * @boost: watermark_boost
 * @managed: managed pages, the formula's input
 * @protection: lowmem_reserve[]
 */
struct mms_wm_levels {
	unsigned long wmark[NR_WMARK];
	unsigned long boost;
	unsigned long managed;
	long protection[MAX_NR_ZONES];
};

/**
 * struct mms_wm_state - every zone's levels and the sysctls, at one moment
 * @nr: zones recorded
 * @truncated: more zones exist than MMS_WM_ZONES
 * @nid: each zone's node
 * @zid: each zone's index
 * @z: each zone's levels
 * @min_free_kbytes: vm.min_free_kbytes, or -1 if not known yet
 * @scale_factor: vm.watermark_scale_factor, or -1 if not known yet
 * @ratio: vm.lowmem_reserve_ratio, or -1s if not known yet
 * @lowmem_pages: the formula's denominator, with movable counted as
 *	lowmem ([1]) and not ([0])
 */
struct mms_wm_state {
	unsigned int nr;
	bool truncated;
	u16 nid[MMS_WM_ZONES];
	u8 zid[MMS_WM_ZONES];
	struct mms_wm_levels z[MMS_WM_ZONES];
	int min_free_kbytes;
	int scale_factor;
	int ratio[MAX_NR_ZONES];
	unsigned long lowmem_pages[2];
};

/**
 * struct mms_wm_event - one change of watermarks
 * @seq: event number since load, from 1
 * @time_ns: ktime_get_ns() at its end
 * @cause: the sysctl written, or "setup_per_zone_wmarks"
 * @old: the state before
 * @new: the state after
 */
struct mms_wm_event {
	u64 seq;
	u64 time_ns;
	const char *cause;
	struct mms_wm_state old;
	struct mms_wm_state new;
};

static DEFINE_RAW_SPINLOCK(mms_wm_lock);
static struct mms_wm_event mms_wm_ring[MMS_WM_EVENTS];
static u64 mms_wm_seq;

/* The kernel's variables, once a handler has shown us them. */
static int *mms_wm_mfk_ptr;
static int *mms_wm_wsf_ptr;
static int *mms_wm_ratio_ptr;
/* The task inside a sysctl write, whose nested recomputation is its own. */
static struct task_struct *mms_wm_writer;

static int mms_wm_read_int(int * const *pp)
{
	int *p = READ_ONCE(*pp);

	return p ? READ_ONCE(*p) : -1;
}

/**
 * mms_wm_min_free_kbytes() - vm.min_free_kbytes
 *
 * Return: its value, or -1 while no access has shown where it is.
 */
int mms_wm_min_free_kbytes(void)
{
	return mms_wm_read_int(&mms_wm_mfk_ptr);
}

/**
 * mms_wm_scale_factor() - vm.watermark_scale_factor
 *
 * Return: its value, or -1 while no access has shown where it is.
 */
int mms_wm_scale_factor(void)
{
	return mms_wm_read_int(&mms_wm_wsf_ptr);
}

/* Every zone's levels and the sysctls now: any context, no lock. */
static void mms_wm_state_read(struct mms_wm_state *st)
{
	int *ratio = READ_ONCE(mms_wm_ratio_ptr);
	struct zone *zone;
	int i;

	st->nr = 0;
	st->truncated = false;
	for (zone = mms_first_zone(); zone; zone = mms_next_zone(zone)) {
		struct mms_wm_levels *l;

		if (st->nr == MMS_WM_ZONES) {
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
	st->min_free_kbytes = mms_wm_min_free_kbytes();
	st->scale_factor = mms_wm_scale_factor();
	for (i = 0; i < MAX_NR_ZONES; i++)
		st->ratio[i] = ratio ? READ_ONCE(ratio[i]) : -1;
	st->lowmem_pages[0] = mms_lowmem_pages(false);
	st->lowmem_pages[1] = mms_lowmem_pages(true);
}

/* Per-instance data: the state before the change. */
struct mms_wm_inst {
	struct mms_wm_state old;
};

static void mms_wm_record(const char *cause, const struct mms_wm_state *old)
{
	struct mms_wm_event *e;
	unsigned long flags;
	unsigned int i;

	raw_spin_lock_irqsave(&mms_wm_lock, flags);
	e = &mms_wm_ring[mms_wm_seq % MMS_WM_EVENTS];
	e->seq = ++mms_wm_seq;
	e->cause = cause;
	e->old = *old;
	mms_wm_state_read(&e->new);
	e->time_ns = ktime_get_ns();
	/* The zones are read in the same order before and after. */
	for (i = 0; i < e->new.nr && i < e->old.nr; i++)
		mms_stream_wmark(e->new.nid[i], e->new.zid[i],
				 e->old.z[i].wmark, e->old.z[i].boost,
				 e->new.z[i].wmark, e->new.z[i].boost);
	raw_spin_unlock_irqrestore(&mms_wm_lock, flags);
}

/*
 * Entry of a sysctl handler: learn where the variable is; on a write,
 * snapshot the zones before it.  Returning nonzero skips the return probe.
 */
static int mms_wm_sysctl_entry(struct kretprobe_instance *ri,
			       struct pt_regs *regs, int **where)
{
	const struct ctl_table *table =
		(const struct ctl_table *)regs_get_kernel_argument(regs, 0);
	int write = regs_get_kernel_argument(regs, 1);
	struct mms_wm_inst *inst = (struct mms_wm_inst *)ri->data;

	if (!table)
		return 1;
	WRITE_ONCE(*where, (int *)table->data);
	if (!write)
		return 1;
	WRITE_ONCE(mms_wm_writer, current);
	mms_wm_state_read(&inst->old);
	return 0;
}

static void mms_wm_sysctl_ret(struct kretprobe_instance *ri,
			      struct pt_regs *regs, const char *cause)
{
	struct mms_wm_inst *inst = (struct mms_wm_inst *)ri->data;

	if (READ_ONCE(mms_wm_writer) == current)
		WRITE_ONCE(mms_wm_writer, NULL);
	/* A failed write (bad value) changed nothing. */
	if (regs_return_value(regs))
		return;
	mms_wm_record(cause, &inst->old);
}

static int mms_wm_mfk_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return mms_wm_sysctl_entry(ri, regs, &mms_wm_mfk_ptr);
}

static int mms_wm_mfk_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	mms_wm_sysctl_ret(ri, regs, "min_free_kbytes");
	return 0;
}

static int mms_wm_wsf_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return mms_wm_sysctl_entry(ri, regs, &mms_wm_wsf_ptr);
}

static int mms_wm_wsf_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	mms_wm_sysctl_ret(ri, regs, "watermark_scale_factor");
	return 0;
}

static int mms_wm_ratio_entry(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	return mms_wm_sysctl_entry(ri, regs, &mms_wm_ratio_ptr);
}

static int mms_wm_ratio_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	mms_wm_sysctl_ret(ri, regs, "lowmem_reserve_ratio");
	return 0;
}

/* setup_per_zone_wmarks() called by anything but a sysctl write we saw. */
static int mms_wm_setup_entry(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	struct mms_wm_inst *inst = (struct mms_wm_inst *)ri->data;

	if (READ_ONCE(mms_wm_writer) == current)
		return 1;
	mms_wm_state_read(&inst->old);
	return 0;
}

static int mms_wm_setup_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct mms_wm_inst *inst = (struct mms_wm_inst *)ri->data;

	mms_wm_record("setup_per_zone_wmarks", &inst->old);
	return 0;
}

/**
 * struct mms_wm_probe - one optional kretprobe
 * @symbol: the probed function
 * @sysctl: the sysctl whose handler it is, read once at load; or %NULL
 * @krp: the kretprobe
 * @state: what became of it
 * @err: register_kretprobe()'s error
 * @reason: why it is not attached
 */
struct mms_wm_probe {
	const char *symbol;
	const char *sysctl;
	struct kretprobe krp;
	enum mms_probe_state state;
	int err;
	const char *reason;
};

#define MMS_WM_PROBE(sym, ctl, entry, ret) {				\
	.symbol = #sym, .sysctl = (ctl),				\
	.krp = { .entry_handler = (entry), .handler = (ret),		\
		 .data_size = sizeof(struct mms_wm_inst),		\
		 .maxactive = 4 } }

static struct mms_wm_probe mms_wm_probes[] = {
	MMS_WM_PROBE(min_free_kbytes_sysctl_handler,
		     "/proc/sys/vm/min_free_kbytes",
		     mms_wm_mfk_entry, mms_wm_mfk_ret),
	MMS_WM_PROBE(watermark_scale_factor_sysctl_handler,
		     "/proc/sys/vm/watermark_scale_factor",
		     mms_wm_wsf_entry, mms_wm_wsf_ret),
	MMS_WM_PROBE(lowmem_reserve_ratio_sysctl_handler,
		     "/proc/sys/vm/lowmem_reserve_ratio",
		     mms_wm_ratio_entry, mms_wm_ratio_ret),
	MMS_WM_PROBE(setup_per_zone_wmarks, NULL,
		     mms_wm_setup_entry, mms_wm_setup_ret),
};

/* Read a sysctl once, so that its handler shows where its variable is. */
static void mms_wm_prime(const char *path)
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
 * mms_wm_events_init() - attach the watermark probes and learn the sysctls
 *
 * Context: process context (module init).
 * Return: 0; a probe that cannot attach degrades alone.
 */
int mms_wm_events_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mms_wm_probes); i++) {
		struct mms_wm_probe *p = &mms_wm_probes[i];

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
	for (i = 0; i < ARRAY_SIZE(mms_wm_probes); i++)
		if (mms_wm_probes[i].state == MMS_PROBE_ATTACHED &&
		    mms_wm_probes[i].sysctl)
			mms_wm_prime(mms_wm_probes[i].sysctl);
	return 0;
}

/**
 * mms_wm_events_exit() - detach the watermark probes
 *
 * Returns once no handler runs.
 *
 * Context: process context.
 */
void mms_wm_events_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mms_wm_probes); i++)
		if (mms_wm_probes[i].state == MMS_PROBE_ATTACHED) {
			unregister_kretprobe(&mms_wm_probes[i].krp);
			mms_wm_probes[i].state = MMS_PROBE_MISSING;
			mms_wm_probes[i].reason = "detached";
		}
}

/**
 * mms_wm_probes_show() - the watermark probes' states, one line each
 * @m: where to print
 */
void mms_wm_probes_show(struct seq_file *m)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mms_wm_probes); i++) {
		const struct mms_wm_probe *p = &mms_wm_probes[i];

		seq_printf(m, "probe symbol=%s kind=kretprobe state=%s reason=%s err=%d nmissed=%d\n",
			   p->symbol, mms_probe_state_name(p->state), p->reason,
			   p->err,
			   p->state == MMS_PROBE_ATTACHED ? p->krp.nmissed : 0);
	}
}

static void mms_wm_show_protection(struct seq_file *m, const char *name,
				   const long *prot)
{
	int i;

	seq_printf(m, " %s=", name);
	for (i = 0; i < MAX_NR_ZONES; i++)
		seq_printf(m, "%s%ld", i ? "," : "", prot[i]);
}

static void mms_wm_show_ratio(struct seq_file *m, const char *name,
			      const int *ratio)
{
	int i;

	seq_printf(m, " %s=", name);
	for (i = 0; i < MAX_NR_ZONES; i++)
		seq_printf(m, "%s%d", i ? "," : "", ratio[i]);
}

static void mms_wm_show_levels(struct seq_file *m, const char *pfx,
			       const struct mms_wm_levels *l)
{
	seq_printf(m, " %s_min=%lu %s_low=%lu %s_high=%lu %s_promo=%lu %s_boost=%lu %s_managed=%lu",
		   pfx, l->wmark[WMARK_MIN], pfx, l->wmark[WMARK_LOW],
		   pfx, l->wmark[WMARK_HIGH], pfx, l->wmark[WMARK_PROMO],
		   pfx, l->boost, pfx, l->managed);
}

/* The rule for movable zones that the new levels agree with. */
static bool mms_wm_movable_rule(const struct mms_wm_state *st)
{
	struct mms_wmark_decomp d;
	unsigned int i;

	for (i = 0; i < st->nr; i++) {
		if (st->zid[i] != ZONE_MOVABLE || !st->z[i].managed)
			continue;
		mms_wmark_decompose(st->min_free_kbytes, PAGE_SHIFT,
				    st->lowmem_pages[1], st->z[i].managed,
				    st->scale_factor,
				    mms_zone_is_lowmem(st->zid[i], true), &d);
		return d.min == st->z[i].wmark[WMARK_MIN];
	}
	return false;
}

static void mms_wm_show_event(struct seq_file *m, const struct mms_wm_event *e)
{
	const struct mms_wm_state *o = &e->old, *n = &e->new;
	bool movable_lowmem = mms_wm_movable_rule(n);
	struct mms_wmark_decomp d;
	unsigned int i;

	seq_printf(m, "event seq=%llu time_ns=%llu cause=%s old_min_free_kbytes=%d new_min_free_kbytes=%d old_watermark_scale_factor=%d new_watermark_scale_factor=%d",
		   e->seq, e->time_ns, e->cause, o->min_free_kbytes,
		   n->min_free_kbytes, o->scale_factor, n->scale_factor);
	mms_wm_show_ratio(m, "old_lowmem_reserve_ratio", o->ratio);
	mms_wm_show_ratio(m, "new_lowmem_reserve_ratio", n->ratio);
	seq_printf(m, " zones=%u truncated=%d\n", n->nr, n->truncated);
	for (i = 0; i < n->nr && i < o->nr; i++) {
		bool lowmem = mms_zone_is_lowmem(n->zid[i], movable_lowmem);

		seq_printf(m, "change seq=%llu node=%u zone=%s", e->seq,
			   n->nid[i], NODE_DATA(n->nid[i])->node_zones[n->zid[i]].name);
		mms_wm_show_levels(m, "old", &o->z[i]);
		mms_wm_show_levels(m, "new", &n->z[i]);
		mms_wm_show_protection(m, "old_protection", o->z[i].protection);
		mms_wm_show_protection(m, "new_protection", n->z[i].protection);
		if (n->min_free_kbytes < 0 || n->scale_factor < 0 ||
		    !n->z[i].managed) {
			seq_puts(m, " formula=unknown\n");
			continue;
		}
		mms_wmark_decompose(n->min_free_kbytes, PAGE_SHIFT,
				    n->lowmem_pages[movable_lowmem],
				    n->z[i].managed, n->scale_factor, lowmem,
				    &d);
		seq_printf(m, " lowmem_pages=%lu share=%llu quarter=%llu scaled=%llu gap=%llu branch=%s capped=%d formula_min=%llu formula_low=%llu formula_high=%llu formula_promo=%llu formula=%s\n",
			   n->lowmem_pages[movable_lowmem], d.share, d.quarter,
			   d.scaled, d.gap,
			   d.scale_branch ? "scale_factor" : "min/4", d.capped,
			   d.min, d.low, d.high, d.promo,
			   d.min == n->z[i].wmark[WMARK_MIN] &&
			   d.low == n->z[i].wmark[WMARK_LOW] &&
			   d.high == n->z[i].wmark[WMARK_HIGH] &&
			   d.promo == n->z[i].wmark[WMARK_PROMO] ?
			   "match" : "mismatch");
	}
}

/**
 * mms_wm_events_show() - the change history, oldest first
 * @m: where to print
 *
 * Context: process context.
 */
void mms_wm_events_show(struct seq_file *m)
{
	struct mms_wm_event *e;
	unsigned long flags;
	u64 seq, first, s;

	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return;
	raw_spin_lock_irqsave(&mms_wm_lock, flags);
	seq = mms_wm_seq;
	raw_spin_unlock_irqrestore(&mms_wm_lock, flags);
	first = seq > MMS_WM_EVENTS ? seq - MMS_WM_EVENTS + 1 : 1;
	seq_printf(m, "events total=%llu shown=%llu dropped=%llu\n", seq,
		   seq - first + 1, first - 1);
	for (s = first; s <= seq; s++) {
		raw_spin_lock_irqsave(&mms_wm_lock, flags);
		*e = mms_wm_ring[(s - 1) % MMS_WM_EVENTS];
		raw_spin_unlock_irqrestore(&mms_wm_lock, flags);
		/* Overwritten while we printed the ones before. */
		if (e->seq != s)
			continue;
		mms_wm_show_event(m, e);
	}
	kfree(e);
}
