// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs views of reclaim: "vmstat" (figures named and counted as in
 * /proc/vmstat) and "reclaim" (the whole reclaimer x LRU type matrix).
 */
#include <linux/debugfs.h>
#include <linux/kallsyms.h>
#include <linux/seq_file.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "generated/conftest.h"
#include "core/counters.h"
#include "core/reclaim.h"
#include "core/shrinkers.h"
#include "views/views.h"

static const char * const mms_reclaimer_names[MMS_NR_RECLAIMERS] = {
	[MMS_RC_KSWAPD]		= "kswapd",
	[MMS_RC_DIRECT]		= "direct",
	[MMS_RC_KHUGEPAGED]	= "khugepaged",
	[MMS_RC_MEMCG]		= "memcg",
	[MMS_RC_NODE]		= "node",
};

static const char * const mms_rf_names[MMS_NR_RF] = {
	[MMS_RF_SCANNED]	= "scanned",
	[MMS_RF_RECLAIMED]	= "reclaimed",
	[MMS_RF_TAKEN]		= "taken",
	[MMS_RF_SKIPPED]	= "skipped",
	[MMS_RF_DIRTY]		= "dirty",
	[MMS_RF_WRITEBACK]	= "writeback",
	[MMS_RF_CONGESTED]	= "congested",
	[MMS_RF_IMMEDIATE]	= "immediate",
	[MMS_RF_ACTIVATED]	= "activated",
	[MMS_RF_REF_KEEP]	= "ref_keep",
	[MMS_RF_UNMAP_FAIL]	= "unmap_fail",
	[MMS_RF_REFILL_SCANNED]	= "refill_scanned",
	[MMS_RF_DEACTIVATED]	= "deactivated",
	[MMS_RF_REFERENCED]	= "referenced",
	[MMS_RF_WRITTEN]	= "written",
};

static const char * const mms_throttle_names[NR_VMSCAN_THROTTLE] = {
	[VMSCAN_THROTTLE_WRITEBACK]	= "writeback",
	[VMSCAN_THROTTLE_ISOLATED]	= "isolated",
	[VMSCAN_THROTTLE_NOPROGRESS]	= "noprogress",
	[VMSCAN_THROTTLE_CONGESTED]	= "congested",
};

/**
 * struct mms_reclaim_snap - what the reclaim views show, summed over CPUs
 * @c: the counters
 * @total: the reclaim matrix, every node
 * @rows: the reclaim matrix per node, and last for an unknown node
 */
struct mms_reclaim_snap {
	struct mms_cpu_counters c;
	struct mms_reclaim_node total;
	struct mms_reclaim_node rows[];
};

static struct mms_reclaim_snap *mms_snapshot_alloc(void)
{
	struct mms_reclaim_snap *s;

	s = kmalloc(struct_size(s, rows, mms_reclaim_rows()), GFP_KERNEL);
	if (!s)
		return NULL;
	mms_counters_snapshot(&s->c);
	mms_reclaim_snapshot(s->rows, &s->total);
	return s;
}

/* One field summed over LRU types for the reclaimers in @mask. */
static unsigned long mms_rf_sum(const struct mms_reclaim_snap *s,
				unsigned int mask, int file,
				enum mms_reclaim_field f)
{
	unsigned long sum = 0;
	int rc, t;

	for (rc = 0; rc < MMS_NR_RECLAIMERS; rc++) {
		if (!(mask & BIT(rc)))
			continue;
		for (t = 0; t < MMS_NR_LRU_TYPES; t++)
			if (file < 0 || file == t)
				sum += s->total.v[rc][t][f];
	}
	return sum;
}

#define MMS_ALL_RECLAIMERS	(BIT(MMS_NR_RECLAIMERS) - 1)
/* Memcg reclaim is left out of pgscan/pgsteal_<reclaimer>, as the kernel does. */
#ifdef MMS_HAVE_PGSCAN_KHUGEPAGED
#define MMS_DIRECT_MASK		(BIT(MMS_RC_DIRECT) | BIT(MMS_RC_NODE))
#else
#define MMS_DIRECT_MASK		(BIT(MMS_RC_DIRECT) | BIT(MMS_RC_NODE) | \
				 BIT(MMS_RC_KHUGEPAGED))
#endif

/*
 * Under the multi-gen LRU of kernels whose eviction fires no LRU events
 * (6.1), the per-LRU figures miss its work: say so rather than show a
 * number that looks right.
 */
static bool mms_lru_figures_incomplete(const struct mms_reclaim_snap *s)
{
	return s->c.v[MMS_LRU_GEN_EVICT] && !s->c.v[MMS_LRU_ISOLATE_LRU_GEN];
}

static void mms_show_rf(struct seq_file *m, const struct mms_reclaim_snap *s,
			const char *name, unsigned int mask, int file,
			enum mms_reclaim_field f)
{
	if (mms_lru_figures_incomplete(s))
		seq_printf(m, "%s unavailable\n", name);
	else
		seq_printf(m, "%s %lu\n", name, mms_rf_sum(s, mask, file, f));
}

static int mms_vmstat_show(struct seq_file *m, void *v)
{
	struct mms_reclaim_snap *s = mms_snapshot_alloc();
	int i;

	if (!s)
		return -ENOMEM;
	for (i = MMS_ALLOCSTALL_FIRST; i <= MMS_ALLOCSTALL_LAST; i++)
		if (mms_counter_names[i])
			seq_printf(m, "%s %lu\n", mms_counter_names[i], s->c.v[i]);
	mms_show_rf(m, s, "pgscan_kswapd", BIT(MMS_RC_KSWAPD), -1, MMS_RF_SCANNED);
	mms_show_rf(m, s, "pgscan_direct", MMS_DIRECT_MASK, -1, MMS_RF_SCANNED);
#ifdef MMS_HAVE_PGSCAN_KHUGEPAGED
	mms_show_rf(m, s, "pgscan_khugepaged", BIT(MMS_RC_KHUGEPAGED), -1,
		    MMS_RF_SCANNED);
#endif
	mms_show_rf(m, s, "pgsteal_kswapd", BIT(MMS_RC_KSWAPD), -1,
		    MMS_RF_RECLAIMED);
	mms_show_rf(m, s, "pgsteal_direct", MMS_DIRECT_MASK, -1,
		    MMS_RF_RECLAIMED);
#ifdef MMS_HAVE_PGSCAN_KHUGEPAGED
	mms_show_rf(m, s, "pgsteal_khugepaged", BIT(MMS_RC_KHUGEPAGED), -1,
		    MMS_RF_RECLAIMED);
#endif
	mms_show_rf(m, s, "pgscan_anon", MMS_ALL_RECLAIMERS, 0, MMS_RF_SCANNED);
	mms_show_rf(m, s, "pgscan_file", MMS_ALL_RECLAIMERS, 1, MMS_RF_SCANNED);
	mms_show_rf(m, s, "pgsteal_anon", MMS_ALL_RECLAIMERS, 0,
		    MMS_RF_RECLAIMED);
	mms_show_rf(m, s, "pgsteal_file", MMS_ALL_RECLAIMERS, 1,
		    MMS_RF_RECLAIMED);
	/*
	 * Both are counted where their events fire, whatever the LRU: pages
	 * reclaim wrote (node stat NR_VMSCAN_WRITE, in pageout()) and shrinker
	 * objects scanned (SLABS_SCANNED, in do_shrink_slab(): asked minus left).
	 */
	seq_printf(m, "nr_vmscan_write %lu\n",
		   mms_rf_sum(s, MMS_ALL_RECLAIMERS, -1, MMS_RF_WRITTEN));
	seq_printf(m, "slabs_scanned %lu\n",
		   s->c.v[MMS_SLAB_SCANNED] - s->c.v[MMS_SLAB_LEFT]);
	kfree(s);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_vmstat);

static int mms_reclaim_show(struct seq_file *m, void *v)
{
	struct mms_reclaim_snap *s = mms_snapshot_alloc();
	unsigned int r;
	int rc, t, f, z, o;

	if (!s)
		return -ENOMEM;
	if (mms_lru_figures_incomplete(s))
		seq_puts(m, "# multi-gen LRU eviction seen without LRU events: per-LRU figures are incomplete\n");
	seq_printf(m, "%-11s %-5s", "# reclaimer", "lru");
	for (f = 0; f < MMS_NR_RF; f++)
		seq_printf(m, " %s", mms_rf_names[f]);
	seq_putc(m, '\n');
	for (rc = 0; rc < MMS_NR_RECLAIMERS; rc++)
		for (t = 0; t < MMS_NR_LRU_TYPES; t++) {
			seq_printf(m, "%-11s %-5s", mms_reclaimer_names[rc],
				   t ? "file" : "anon");
			for (f = 0; f < MMS_NR_RF; f++)
				seq_printf(m, " %lu", s->total.v[rc][t][f]);
			seq_putc(m, '\n');
		}
	seq_puts(m, "\n# per node: node reclaimer lru, then the fields above (node \"nodeless\": node not known)\n");
	for (r = 0; r < mms_reclaim_rows(); r++)
		for (rc = 0; rc < MMS_NR_RECLAIMERS; rc++)
			for (t = 0; t < MMS_NR_LRU_TYPES; t++) {
				const unsigned long *v = s->rows[r].v[rc][t];

				if (!memchr_inv(v, 0, sizeof(s->rows[r].v[rc][t])))
					continue;
				if (r < nr_node_ids)
					seq_printf(m, "node%u", r);
				else
					seq_puts(m, "nodeless");
				seq_printf(m, " %s %s", mms_reclaimer_names[rc],
					   t ? "file" : "anon");
				for (f = 0; f < MMS_NR_RF; f++)
					seq_printf(m, " %lu", v[f]);
				seq_putc(m, '\n');
			}
	seq_puts(m, "\n# throttled: reason events usecs\n");
	for (t = 0; t < NR_VMSCAN_THROTTLE; t++)
		seq_printf(m, "throttled %s %lu %lu\n", mms_throttle_names[t],
			   s->c.throttled[t], s->c.throttled_usecs[t]);
	seq_puts(m, "\n# wakeup_kswapd: zone_index order count (last order is that and above)\n");
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < MMS_NR_ORDERS; o++)
			if (s->c.wakeup_kswapd[z][o])
				seq_printf(m, "wakeup_kswapd %d %d %lu\n", z, o,
					   s->c.wakeup_kswapd[z][o]);
	kfree(s);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_reclaim);

/**
 * mms_reclaim_debugfs_init() - create the reclaim views
 * @dir: the module's debugfs directory
 */
void mms_reclaim_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("vmstat", 0400, dir, NULL, &mms_vmstat_fops);
	debugfs_create_file("reclaim", 0400, dir, NULL, &mms_reclaim_fops);
}

static int mms_shrinkers_show(struct seq_file *m, void *v)
{
	char name[KSYM_SYMBOL_LEN];
	struct mms_shrinker_stat st;
	void *fn;
	int i;

	/* The name goes last: a module's function reads "name [module]". */
	seq_puts(m, "# calls to_scan scanned freed ns shrinker\n");
	for (i = 0; (fn = mms_shrinker_stat_at(i, &st)); i++) {
		/*
		 * A function kallsyms no longer knows (its module was
		 * unloaded) would print as its raw address: never show one.
		 */
		snprintf(name, sizeof(name), "%ps", fn);
		if (!strncmp(name, "0x", 2))
			strscpy(name, "[unloaded]", sizeof(name));
		seq_printf(m, "%lu %lu %lu %lu %lu %s\n", st.calls,
			   st.to_scan, st.to_scan - st.left, st.freed, st.ns,
			   name);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_shrinkers);

/**
 * mms_shrinkers_debugfs_init() - create the "shrinkers" view
 * @dir: the module's debugfs directory
 */
void mms_shrinkers_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("shrinkers", 0400, dir, NULL, &mms_shrinkers_fops);
}
