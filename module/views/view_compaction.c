// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs view of compaction: /sys/kernel/debug/mmscope/compaction.
 *
 * First the figures /proc/vmstat also has, under its names (see
 * Documentation/admin-guide.rst for which are exact on which kernel), then
 * every matrix by zone, order and trigger.  Orders print as the kernel
 * passes them: -1 for whole-zone runs; the last order slot holds that
 * order and above.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "compaction/cc_layout.h"
#include "compaction/compact_stats.h"
#include "probes/probe.h"
#include "views/views.h"

static const char * const mms_cp_zone_names[MAX_NR_ZONES] = {
#ifdef CONFIG_ZONE_DMA
	[ZONE_DMA]	= "DMA",
#endif
#ifdef CONFIG_ZONE_DMA32
	[ZONE_DMA32]	= "DMA32",
#endif
	[ZONE_NORMAL]	= "Normal",
#ifdef CONFIG_HIGHMEM
	[ZONE_HIGHMEM]	= "HighMem",
#endif
	[ZONE_MOVABLE]	= "Movable",
#ifdef CONFIG_ZONE_DEVICE
	[ZONE_DEVICE]	= "Device",
#endif
};

static const char * const mms_cp_run_field_names[MMS_CP_NR_RUN_FIELDS] = {
	[MMS_CRF_RUNS]			= "runs",
	[MMS_CRF_MIGRATE_SCANNED]	= "migrate_scanned",
	[MMS_CRF_FREE_SCANNED]		= "free_scanned",
	[MMS_CRF_MIGRATE_ISOLATED]	= "migrate_isolated",
	[MMS_CRF_FREE_ISOLATED]		= "free_isolated",
	[MMS_CRF_MIGRATED]		= "migrated",
	[MMS_CRF_MIGRATE_FAILED]	= "migrate_failed",
};

static const char * const mms_cp_direct_names[MMS_CP_NR_DIRECT] = {
	[MMS_CPX_ATTEMPTS]	= "attempts",
	[MMS_CPX_STALLS]	= "stalls",
	[MMS_CPX_SKIPPED]	= "skipped",
	[MMS_CPX_SUCCESS]	= "success",
	[MMS_CPX_FAIL]		= "fail",
};

static const char * const mms_cp_defer_names[MMS_CP_NR_DEFER] = {
	[MMS_CPD_DEFERRED]	= "deferred",
	[MMS_CPD_DEFER]		= "defer_compaction",
	[MMS_CPD_RESET]		= "defer_reset",
};

static const char * const mms_cp_global_names[MMS_CP_NR_GLOBAL] = {
	[MMS_CPG_BEGIN]			= "compact_begin",
	[MMS_CPG_END]			= "compact_end",
	[MMS_CPG_DAEMON_WAKE]		= "kcompactd_wake",
	[MMS_CPG_KCOMPACTD_SLEEP]	= "kcompactd_sleep",
	[MMS_CPG_WAKEUP_KCOMPACTD]	= "wakeup_kcompactd",
	[MMS_CPG_OUT_MIGRATE_SCANNED]	= "outside_run_migrate_scanned",
	[MMS_CPG_OUT_FREE_SCANNED]	= "outside_run_free_scanned",
	[MMS_CPG_OUT_ISOLATED]		= "outside_run_isolated",
	[MMS_CPG_RUN_LOST]		= "runs_lost",
	[MMS_CPG_EXTFRAG]		= "extfrag",
	[MMS_CPG_PROACTIVE_NODE]	= "proactive_compact_node",
	[MMS_CPG_EV_MIGRATE_SCANNED]	= "events_migrate_scanned",
	[MMS_CPG_EV_FREE_SCANNED]	= "events_free_scanned",
};

/* A zone's name; zones this kernel lacks never count anything. */
static const char *mms_cp_zone_name(int z)
{
	return mms_cp_zone_names[z] ?: "?";
}

/* The order an order slot stands for, as the kernel passes it. */
static int mms_cp_slot_order(int o)
{
	return o - 1;
}

/* Sum of one run field over zones and orders, for the triggers in @mask. */
static unsigned long mms_cp_run_sum(const struct mms_cp_sum *s,
				    unsigned int mask, enum mms_cp_run_field f)
{
	unsigned long sum = 0;
	int z, o, t;

	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < MMS_CP_NR_ORDERS; o++)
			for (t = 0; t < MMS_NR_CT; t++)
				if (mask & BIT(t))
					sum += s->r.run[z][o][t][f];
	return sum;
}

static unsigned long mms_cp_direct_sum(const struct mms_cp_sum *s,
				       enum mms_cp_direct d)
{
	unsigned long sum = 0;
	int o;

	for (o = 0; o < MMS_CP_NR_ORDERS; o++)
		sum += s->c.direct[o][d];
	return sum;
}

/* The group's probes, by what they are. */
static const struct mms_kp_probe *mms_cp_kprobe(const char *symbol)
{
	unsigned int i;

	for (i = 0; i < mms_compaction_group.nr_kps; i++)
		if (!strcmp(mms_compaction_group.kps[i].symbol, symbol))
			return &mms_compaction_group.kps[i];
	return NULL;
}

/*
 * Whether this kernel counts proactive runs in compact_daemon_*_scanned:
 * those that have no proactive_compact_node() (6.9+) do.
 */
static bool mms_cp_proactive_counted(void)
{
	const struct mms_kp_probe *k = mms_cp_kprobe("proactive_compact_node");

	return !k || (k->state != MMS_PROBE_ATTACHED && k->err == -ENOENT);
}

#define MMS_CP_ALL_TRIGGERS	(BIT(MMS_NR_CT) - 1)

/*
 * The scan figures under /proc/vmstat's names when they are the kernel's
 * own totals; otherwise, as sums of events that miss the fast searches'
 * scans, under those names with "_events" appended (the kernel's own
 * counters since load follow in the other figures, as kernel_*).
 */
static void mms_cp_show_scanned(struct seq_file *m, const struct mms_cp_sum *s,
				unsigned int daemon, bool kernel)
{
	static const struct {
		enum mms_cc_kernel k;
		enum mms_cp_run_field f;
		bool daemon;
	} figs[] = {
		{ MMS_CCK_MIGRATE_SCANNED, MMS_CRF_MIGRATE_SCANNED, false },
		{ MMS_CCK_FREE_SCANNED, MMS_CRF_FREE_SCANNED, false },
		{ MMS_CCK_DAEMON_MIGRATE_SCANNED, MMS_CRF_MIGRATE_SCANNED, true },
		{ MMS_CCK_DAEMON_FREE_SCANNED, MMS_CRF_FREE_SCANNED, true },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(figs); i++) {
		unsigned int mask = figs[i].daemon ? daemon :
						     MMS_CP_ALL_TRIGGERS;

		seq_printf(m, "%s%s %lu\n", mms_cc_kernel_names[figs[i].k],
			   kernel ? "" : "_events",
			   mms_cp_run_sum(s, mask, figs[i].f));
	}
}

/* The kernel's own scan counters since load, whatever the figures are. */
static void mms_cp_show_kernel_scanned(struct seq_file *m)
{
	unsigned long kv[MMS_CC_NR_KERNEL];
	int i;

	if (!mms_cc_kernel_scanned(kv))
		return;
	for (i = 0; i < MMS_CC_NR_KERNEL; i++)
		seq_printf(m, "kernel_%s %lu\n", mms_cc_kernel_names[i], kv[i]);
}

static void mms_cp_show_vmstat(struct seq_file *m, const struct mms_cp_sum *s,
			       enum mms_cc_layout_state layout)
{
	unsigned int daemon = BIT(MMS_CT_KCOMPACTD);
	bool kernel = layout == MMS_CC_LAYOUT_USED;

	if (mms_cp_proactive_counted())
		daemon |= BIT(MMS_CT_PROACTIVE);
	mms_cp_show_scanned(m, s, daemon, kernel);
	seq_printf(m, "compact_isolated %lu\n",
		   mms_cp_run_sum(s, MMS_CP_ALL_TRIGGERS,
				  MMS_CRF_MIGRATE_ISOLATED) +
		   mms_cp_run_sum(s, MMS_CP_ALL_TRIGGERS,
				  MMS_CRF_FREE_ISOLATED) +
		   s->c.g[MMS_CPG_OUT_ISOLATED]);
	seq_printf(m, "compact_stall %lu\n",
		   mms_cp_direct_sum(s, MMS_CPX_STALLS));
	seq_printf(m, "compact_fail %lu\n", mms_cp_direct_sum(s, MMS_CPX_FAIL));
	seq_printf(m, "compact_success %lu\n",
		   mms_cp_direct_sum(s, MMS_CPX_SUCCESS));
	seq_printf(m, "compact_daemon_wake %lu\n", s->c.g[MMS_CPG_DAEMON_WAKE]);
}

static void mms_cp_show_misc(struct seq_file *m, const struct mms_cp_sum *s,
			     enum mms_cc_layout_state layout)
{
	unsigned int i;
	int t;

	seq_puts(m, "\n# other figures\n");
	for (i = 0; i < MMS_CP_NR_GLOBAL; i++)
		seq_printf(m, "%s %lu\n", mms_cp_global_names[i], s->c.g[i]);
	for (t = 0; t < MMS_NR_CT; t++)
		seq_printf(m, "runs_%s %lu\n", mms_cp_trigger_names[t],
			   mms_cp_run_sum(s, BIT(t), MMS_CRF_RUNS));
	seq_printf(m, "proactive_in_daemon_figures %d\n",
		   mms_cp_proactive_counted());
	/* Numbers only: every line of the file is "name value". */
	seq_printf(m, "scanned_from_kernel %d\n",
		   layout == MMS_CC_LAYOUT_USED);
	seq_printf(m, "cc_layout_rejected %d\n",
		   layout == MMS_CC_LAYOUT_REJECTED);
	mms_cp_show_kernel_scanned(m);
	for (i = 0; i < mms_compaction_group.nr_krps; i++) {
		const struct mms_krp_probe *k = &mms_compaction_group.krps[i];

		seq_printf(m, "kretprobe_missed_%s %d\n", k->symbol,
			   k->state == MMS_PROBE_ATTACHED ? k->krp.nmissed : 0);
	}
}

static void mms_cp_show_runs(struct seq_file *m, const struct mms_cp_sum *s,
			     enum mms_cc_layout_state layout)
{
	bool kernel = layout == MMS_CC_LAYOUT_USED;
	int z, o, t, f;

	seq_puts(m, "\n# run: zone order trigger");
	for (f = 0; f < MMS_CP_NR_RUN_FIELDS; f++)
		seq_printf(m, " %s%s", mms_cp_run_field_names[f],
			   !kernel && (f == MMS_CRF_MIGRATE_SCANNED ||
				       f == MMS_CRF_FREE_SCANNED) ?
			   "_events" : "");
	seq_putc(m, '\n');
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < MMS_CP_NR_ORDERS; o++)
			for (t = 0; t < MMS_NR_CT; t++) {
				const unsigned long *v = s->r.run[z][o][t];

				if (!memchr_inv(v, 0, sizeof(s->r.run[z][o][t])))
					continue;
				seq_printf(m, "run %s %d %s",
					   mms_cp_zone_name(z),
					   mms_cp_slot_order(o),
					   mms_cp_trigger_names[t]);
				for (f = 0; f < MMS_CP_NR_RUN_FIELDS; f++)
					seq_printf(m, " %lu", v[f]);
				seq_putc(m, '\n');
			}
}

/* One zone x order x status matrix, nonzero cells only. */
static void mms_cp_show_status(struct seq_file *m, const char *what,
			       const unsigned long (*v)[MMS_CP_NR_ORDERS]
							[MMS_CP_NR_STATUS])
{
	int z, o, st;

	seq_printf(m, "\n# %s: zone order status count\n", what);
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < MMS_CP_NR_ORDERS; o++)
			for (st = 0; st < MMS_CP_NR_STATUS; st++)
				if (v[z][o][st])
					seq_printf(m, "%s %s %d %s %lu\n", what,
						   mms_cp_zone_name(z),
						   mms_cp_slot_order(o),
						   mms_cp_status_names[st],
						   v[z][o][st]);
}

static void mms_cp_show_defer(struct seq_file *m, const struct mms_cp_sum *s)
{
	int z, o, d;

	seq_puts(m, "\n# defer: zone order");
	for (d = 0; d < MMS_CP_NR_DEFER; d++)
		seq_printf(m, " %s", mms_cp_defer_names[d]);
	seq_putc(m, '\n');
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < MMS_CP_NR_ORDERS; o++) {
			if (!memchr_inv(s->c.defer[z][o], 0,
					sizeof(s->c.defer[z][o])))
				continue;
			seq_printf(m, "defer %s %d", mms_cp_zone_name(z),
				   mms_cp_slot_order(o));
			for (d = 0; d < MMS_CP_NR_DEFER; d++)
				seq_printf(m, " %lu", s->c.defer[z][o][d]);
			seq_putc(m, '\n');
		}
}

static void mms_cp_show_direct(struct seq_file *m, const struct mms_cp_sum *s)
{
	int o, d, st;

	seq_puts(m, "\n# direct: order");
	for (d = 0; d < MMS_CP_NR_DIRECT; d++)
		seq_printf(m, " %s", mms_cp_direct_names[d]);
	seq_putc(m, '\n');
	for (o = 0; o < MMS_CP_NR_ORDERS; o++) {
		if (!memchr_inv(s->c.direct[o], 0, sizeof(s->c.direct[o])))
			continue;
		seq_printf(m, "direct %d", mms_cp_slot_order(o));
		for (d = 0; d < MMS_CP_NR_DIRECT; d++)
			seq_printf(m, " %lu", s->c.direct[o][d]);
		seq_putc(m, '\n');
	}
	seq_puts(m, "\n# compact_retry: order result give_up retry\n");
	for (o = 0; o < MMS_CP_NR_ORDERS; o++)
		for (st = 0; st < MMS_CP_NR_STATUS; st++)
			if (s->c.retry[o][st][0] || s->c.retry[o][st][1])
				seq_printf(m, "compact_retry %d %s %lu %lu\n",
					   mms_cp_slot_order(o),
					   mms_cp_status_names[st],
					   s->c.retry[o][st][0],
					   s->c.retry[o][st][1]);
}

static void mms_cp_show_extfrag(struct seq_file *m, const struct mms_cp_sum *s)
{
	int a, f;

	seq_puts(m, "\n# extfrag: alloc_migratetype fallback_migratetype kept_owner changed_owner\n");
	for (a = 0; a < MMS_CP_NR_MT; a++)
		for (f = 0; f < MMS_CP_NR_MT; f++)
			if (s->c.extfrag[a][f][0] || s->c.extfrag[a][f][1])
				seq_printf(m, "extfrag %d %d %lu %lu\n", a, f,
					   s->c.extfrag[a][f][0],
					   s->c.extfrag[a][f][1]);
}

static int mms_compaction_show(struct seq_file *m, void *v)
{
	/* Sum once, so the whole file is one snapshot. */
	struct mms_cp_sum *s = kmalloc(sizeof(*s), GFP_KERNEL);
	enum mms_cc_layout_state layout;

	if (!s)
		return -ENOMEM;
	/* The layout's state once, so that names and values agree. */
	layout = mms_cc_layout_state();
	mms_cp_snapshot(s);
	mms_cp_show_vmstat(m, s, layout);
	mms_cp_show_misc(m, s, layout);
	mms_cp_show_runs(m, s, layout);
	mms_cp_show_status(m, "end", s->c.end);
	mms_cp_show_status(m, "suitable", s->c.suitable);
	mms_cp_show_status(m, "finished", s->c.finished);
	mms_cp_show_defer(m, s);
	mms_cp_show_direct(m, s);
	mms_cp_show_extfrag(m, s);
	kfree(s);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_compaction);

/**
 * mms_compaction_debugfs_init() - create the compaction view
 * @dir: the module's debugfs directory
 */
void mms_compaction_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("compaction", 0400, dir, NULL,
			    &mms_compaction_fops);
}
