// SPDX-License-Identifier: GPL-2.0
/*
 * The latency histograms as text: /sys/kernel/debug/mmscope/histograms/,
 * one file per histogram of core/hist_table.c, each printed by
 * mms_hist_seq_show(), which other views use for theirs too.
 */
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/nodemask.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "core/hist.h"
#include "core/hist_table.h"
#include "views/views.h"

/* The table's bars, as in libbpf-tools. */
#define MMS_HIST_BAR_WIDTH	40

static const struct {
	const char *name;
	u64 div;
} mms_hist_units[] = {
	{ "nsecs", 1 },
	{ "usecs", NSEC_PER_USEC },
	{ "msecs", NSEC_PER_MSEC },
};

/*
 * One row of the table from bucket @i on: the buckets whose lower bounds
 * are the same whole number of units, merged.  Fills the row's range, as
 * floor(value / unit), and count; returns the bucket after the row.
 */
static unsigned int mms_hist_row(const struct mms_hist_snap *s, unsigned int i,
				 unsigned int last, u64 div, u64 *lo, u64 *hi,
				 u64 *count)
{
	*lo = div64_u64(mmscope_hist_bucket_min(i), div);
	*count = 0;
	do {
		*count += s->buckets[i++];
	} while (i <= last && div64_u64(mmscope_hist_bucket_min(i), div) == *lo);
	*hi = div64_u64(mmscope_hist_bucket_max(i - 1), div);
	return i;
}

static const char mms_hist_stars[MMS_HIST_BAR_WIDTH + 1] =
	"****************************************";

static void mms_hist_print_row(struct seq_file *m, int width, u64 lo, u64 hi,
			       u64 count, int stars)
{
	seq_printf(m, "%*llu -> %-*llu : %-8llu |%.*s%*s|\n", width, lo, width,
		   hi, count, stars, mms_hist_stars,
		   MMS_HIST_BAR_WIDTH - stars, "");
}

/**
 * mms_hist_seq_show() - print a snapshot: summary, then a table
 * @m: where to print
 * @s: the snapshot
 * @unit: the table's unit: "nsecs", "usecs" or "msecs"; %NULL or anything
 *	else means "nsecs"
 *
 * First, for tools, one "name value" line each, always in nanoseconds::
 *
 *	count N
 *	sum_ns N
 *	min_ns N
 *	max_ns N
 *	p50_ns N
 *	p90_ns N
 *	p99_ns N
 *	p99.9_ns N
 *
 * then, after an empty line, for people, a table in the style of
 * libbpf-tools' histograms from the first to the last non-empty bucket,
 * its unit in its header.  Each row merges the buckets that start at the
 * same whole number of units, and shows the range of floor(value / unit)
 * over them, so neighbouring rows can share an endpoint; its bar is
 * scaled to the largest row's count.  A run of two or more empty rows is
 * shown as one "..." line, so that an outlier costs one row, not dozens.
 *
 * Context: process context (seq_file show).
 */
void mms_hist_seq_show(struct seq_file *m, const struct mms_hist_snap *s,
		       const char *unit)
{
	unsigned int first, last, i, u = 0, shift = 0, empty = 0;
	u64 lo, hi, count, row_max = 0, div, empty_lo = 0, empty_hi = 0;
	int width, stars;

	seq_printf(m, "count %llu\nsum_ns %llu\nmin_ns %llu\nmax_ns %llu\n",
		   s->count, s->sum, s->min, s->max);
	seq_printf(m, "p50_ns %llu\np90_ns %llu\np99_ns %llu\np99.9_ns %llu\n",
		   mms_hist_percentile(s, 50000), mms_hist_percentile(s, 90000),
		   mms_hist_percentile(s, 99000), mms_hist_percentile(s, 99900));

	for (i = 0; unit && i < ARRAY_SIZE(mms_hist_units); i++)
		if (!strcmp(unit, mms_hist_units[i].name))
			u = i;
	div = mms_hist_units[u].div;

	if (!mms_hist_snap_range(s, &first, &last)) {
		seq_printf(m, "\n%5s%-19s : count    distribution\n", "",
			   mms_hist_units[u].name);
		return;
	}

	for (i = first; i <= last; ) {
		i = mms_hist_row(s, i, last, div, &lo, &hi, &count);
		row_max = max(row_max, count);
	}
	/* Keep count * MMS_HIST_BAR_WIDTH from overflowing. */
	while ((row_max >> shift) > U64_MAX / MMS_HIST_BAR_WIDTH)
		shift++;

	width = div64_u64(mmscope_hist_bucket_max(last), div) < 10000000000ULL ?
		10 : 20;
	seq_printf(m, "\n%*s%-*s : count    distribution\n",
		   width == 10 ? 5 : 15, "", width == 10 ? 19 : 29,
		   mms_hist_units[u].name);
	for (i = first; i <= last; ) {
		i = mms_hist_row(s, i, last, div, &lo, &hi, &count);
		if (!count) {
			/* Keep a lone empty row; elide longer runs. */
			if (!empty++) {
				empty_lo = lo;
				empty_hi = hi;
			}
			continue;
		}
		if (empty == 1)
			mms_hist_print_row(m, width, empty_lo, empty_hi, 0, 0);
		else if (empty)
			seq_printf(m, "%*s...\n", width, "");
		empty = 0;
		stars = div64_u64((count >> shift) * MMS_HIST_BAR_WIDTH,
				  row_max >> shift);
		mms_hist_print_row(m, width, lo, hi, count, stars);
	}
}

static int mms_hist_file_show(struct seq_file *m, void *v)
{
	struct mms_hist *h = m->private;
	struct mms_hist_snap *s;

	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	mms_hist_snapshot(h, s);
	mms_hist_seq_show(m, s, "usecs");
	kfree(s);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mms_hist_file);

/**
 * mms_hists_debugfs_init() - create histograms/ and a file per histogram
 * @dir: the module's debugfs directory
 */
void mms_hists_debugfs_init(struct dentry *dir)
{
	struct dentry *hdir = debugfs_create_dir("histograms", dir);
	int i;

	for (i = 0; i < MMS_NR_HISTS; i++) {
		/* No file for a node this machine can never have. */
		if (i > MMS_H_KSWAPD_NODE_FIRST && i <= MMS_H_KSWAPD_NODE_LAST &&
		    i - MMS_H_KSWAPD_NODE_FIRST >= nr_node_ids)
			continue;
		debugfs_create_file(mms_hist_names[i], 0400, hdir,
				    &mms_hists[i], &mms_hist_file_fops);
	}
}
