/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The debugfs views under /sys/kernel/debug/mmscope/: views/debugfs.c
 * makes the folder and calls each view file's init.
 *
 * These are for people; tools read the versioned ABI of <linux/mmscope.h>.
 */
#ifndef _MMS_VIEWS_VIEWS_H
#define _MMS_VIEWS_VIEWS_H

struct dentry;
struct seq_file;
struct mms_hist_snap;

void mms_debugfs_init(void);
void mms_debugfs_exit(void);

void mms_hists_debugfs_init(struct dentry *dir);
void mms_hist_seq_show(struct seq_file *m, const struct mms_hist_snap *s,
		       const char *unit);
void mms_reclaim_debugfs_init(struct dentry *dir);
void mms_shrinkers_debugfs_init(struct dentry *dir);
void mms_compaction_debugfs_init(struct dentry *dir);
void mms_zones_debugfs_init(struct dentry *dir);
void mms_oom_debugfs_init(struct dentry *dir);

#endif /* _MMS_VIEWS_VIEWS_H */
