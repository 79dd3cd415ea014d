// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only debugfs views under /sys/kernel/debug/mmscope/.
 *
 * These are for people; tools read the versioned ABI of <linux/mmscope.h>.
 * Every file is a seq_file, so reads at any offset and of any size work.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/utsname.h>

#include <linux/mmscope.h>
#include "oom/oom_record.h"
#include "core/version.h"
#include "core/counters.h"
#include "probes/probe.h"
#include "views/views.h"

static struct dentry *mms_debugfs_root;

static int mms_version_show(struct seq_file *m, void *v)
{
	seq_printf(m, "mmscope %s\nabi %d.%d\nkernel %s\n", MMSCOPE_VERSION,
		   MMSCOPE_ABI_MAJOR, MMSCOPE_ABI_MINOR, init_utsname()->release);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_version);

/*
 * One probe's row.  @missed counts the hits the probe's handler did not
 * run for: a kprobe's recursion, a kretprobe's instances all in use; a
 * tracepoint never misses, so "-".
 */
static void mms_probe_show_one(struct seq_file *m, const char *system,
			       const char *name, const char *kind,
			       enum mms_probe_state state, long missed,
			       const char *reason, int err)
{
	seq_printf(m, "%-11s %-40s %-10s %-9s ", system, name, kind,
		   mms_probe_state_name(state));
	if (missed < 0)
		seq_printf(m, "%-8s ", "-");
	else
		seq_printf(m, "%-8ld ", missed);
	if (state == MMS_PROBE_FAILED)
		seq_printf(m, "%s: %d\n", reason, err);
	else
		seq_printf(m, "%s\n", reason ?: "-");
}

static int mms_probes_show(struct seq_file *m, void *v)
{
	unsigned int g, i;

	seq_printf(m, "%-11s %-40s %-10s %-9s %-8s %s\n", "# system", "event",
		   "kind", "state", "missed", "reason");
	for (g = 0; g < mms_nr_probe_groups; g++) {
		const struct mms_probe_group *grp = mms_probe_groups[g];

		for (i = 0; i < grp->nr_tps; i++) {
			const struct mms_tp_probe *p = &grp->tps[i];

			mms_probe_show_one(m, grp->system, p->name,
					   "tracepoint", p->state, -1,
					   p->reason, p->err);
		}
		for (i = 0; i < grp->nr_kps; i++) {
			const struct mms_kp_probe *k = &grp->kps[i];
			bool on = k->state == MMS_PROBE_ATTACHED;

			mms_probe_show_one(m, grp->system, k->symbol, "kprobe",
					   k->state, on ? k->kp.nmissed : 0,
					   k->reason, k->err);
		}
		for (i = 0; i < grp->nr_krps; i++) {
			const struct mms_krp_probe *k = &grp->krps[i];
			bool on = k->state == MMS_PROBE_ATTACHED;

			/* The return probe's own kprobe misses count too. */
			mms_probe_show_one(m, grp->system, k->symbol,
					   "kretprobe", k->state,
					   on ? k->krp.nmissed +
						k->krp.kp.nmissed : 0,
					   k->reason, k->err);
		}
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_probes);

static int mms_counters_show(struct seq_file *m, void *v)
{
	struct mms_cpu_counters *sum;
	int i;

	/* Sum once, so the whole file is one snapshot. */
	sum = kmalloc(sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return -ENOMEM;
	mms_counters_snapshot(sum);
	for (i = 0; i < MMS_NR_COUNTERS; i++)
		if (mms_counter_names[i])	/* zones this kernel lacks */
			seq_printf(m, "%s %lu\n", mms_counter_names[i],
				   sum->v[i]);
	kfree(sum);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_counters);

/**
 * mms_debugfs_init() - create /sys/kernel/debug/mmscope/
 *
 * debugfs failures are not fatal and, as debugfs asks, not checked: the
 * module keeps counting without its views.
 */
void mms_debugfs_init(void)
{
	mms_debugfs_root = debugfs_create_dir("mmscope", NULL);
	debugfs_create_file("version", 0400, mms_debugfs_root, NULL,
			    &mms_version_fops);
	debugfs_create_file("probes", 0400, mms_debugfs_root, NULL,
			    &mms_probes_fops);
	debugfs_create_file("counters", 0400, mms_debugfs_root, NULL,
			    &mms_counters_fops);
	mms_reclaim_debugfs_init(mms_debugfs_root);
	mms_shrinkers_debugfs_init(mms_debugfs_root);
	mms_zones_debugfs_init(mms_debugfs_root);
	mms_hists_debugfs_init(mms_debugfs_root);
	mms_compaction_debugfs_init(mms_debugfs_root);
	mms_oom_debugfs_init(mms_debugfs_root);
}

/**
 * mms_debugfs_exit() - remove /sys/kernel/debug/mmscope/
 *
 * Returns once no reader is inside any of its files.
 */
void mms_debugfs_exit(void)
{
	debugfs_remove_recursive(mms_debugfs_root);
	mms_debugfs_root = NULL;
}
