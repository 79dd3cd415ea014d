// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs "oom": the OOM kill records, newest last.
 *
 * The format is regular so that tools may read it, and documented in
 * Documentation/admin-guide.rst:
 *
 *   summary KEY=VALUE...              once, first
 *   (blank line)
 *   record KEY=VALUE...               one per record, then, indented:
 *     retry KEY=VALUE...              the trigger's last retry round
 *     compact_retry KEY=VALUE...      its last compaction retry verdict
 *     rank pid tgid ... state comm    the candidates' column names
 *     1 130 130 ... scored hog        one line per candidate, ranked
 *   (blank line)
 *
 * Values never contain spaces ("-" is "not known"); comm and the memcg
 * path show any character that is not printable or is a space as '?'.
 */
#include <linux/cgroup.h>
#include <linux/debugfs.h>
#include <linux/limits.h>
#include <linux/mmzone.h>
#include <linux/sched.h>
#include <linux/compaction.h>
#include <linux/oom.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "oom/oom_record.h"
#include "views/views.h"

/* Print @s with spaces and unprintable characters as '?'. */
static void mms_oom_put_word(struct seq_file *m, const char *s, size_t len)
{
	size_t i;

	if (!len || !*s) {
		seq_putc(m, '-');
		return;
	}
	for (i = 0; i < len && s[i]; i++)
		seq_putc(m, isgraph(s[i]) ? s[i] : '?');
}

/*
 * The path of the cgroup v2 with id @id, resolved as the record is read
 * (the probe records the id only): "-" for none (global OOM), "?" for a
 * cgroup removed since, or not on the v2 hierarchy.
 */
static void mms_oom_put_memcg(struct seq_file *m, u64 id)
{
#ifdef CONFIG_CGROUPS
	char path[128];
	struct cgroup *cgrp;

	if (!id) {
		seq_putc(m, '-');
		return;
	}
	cgrp = cgroup_get_from_id(id);
	if (IS_ERR_OR_NULL(cgrp)) {
		seq_putc(m, '?');
		return;
	}
	if (cgroup_path(cgrp, path, sizeof(path)) < 0)
		strscpy(path, "?", sizeof(path));
	cgroup_put(cgrp);
	mms_oom_put_word(m, path, sizeof(path));
#else
	seq_putc(m, '-');
#endif
}

static void mms_oom_put_ns_delta(struct seq_file *m, const char *key,
				 u64 from, u64 to, u64 unit)
{
	if (from && to && to >= from)
		seq_printf(m, " %s=%llu", key, div64_u64(to - from, unit));
	else
		seq_printf(m, " %s=-", key);
}

static const char *mms_oom_zone_name(int node, int zone)
{
	if (node < 0 || node >= MAX_NUMNODES || !node_online(node) ||
	    zone < 0 || zone >= MAX_NR_ZONES)
		return "?";
	return NODE_DATA(node)->node_zones[zone].name;
}

static const char *mms_oom_compact_prio_name(int prio)
{
	switch (prio) {
	case COMPACT_PRIO_SYNC_FULL:
		return "sync_full";
	case COMPACT_PRIO_SYNC_LIGHT:
		return "sync_light";
	case COMPACT_PRIO_ASYNC:
		return "async";
	default:
		return "?";
	}
}

static const char *mms_oom_compact_result_name(int result)
{
	switch (result) {
	case COMPACT_NOT_SUITABLE_ZONE:
		return "not_suitable_zone";
	case COMPACT_SKIPPED:
		return "skipped";
	case COMPACT_DEFERRED:
		return "deferred";
	case COMPACT_NO_SUITABLE_PAGE:
		return "no_suitable_page";
	case COMPACT_CONTINUE:
		return "continue";
	case COMPACT_COMPLETE:
		return "complete";
	case COMPACT_PARTIAL_SKIPPED:
		return "partial_skipped";
	case COMPACT_CONTENDED:
		return "contended";
	case COMPACT_SUCCESS:
		return "success";
	default:
		return "?";
	}
}

/* The reaper's outcome, as far as its events tell. */
static const char *mms_oom_reaper_outcome(const struct mms_oom_reaper *r)
{
	if (r->finishes)
		return "reaped";
	if (r->skips)
		return "skipped";
	if (r->exit_ns)
		return "not_needed";
	return "pending";
}

static void mms_oom_show_header(struct seq_file *m,
				const struct mms_oom_record *rec)
{
	const struct mms_oom_reaper *r = &rec->reaper;
	u64 kill_ns = rec->have_select ? rec->select_ns : rec->end_ns;
	time64_t secs;
	s32 nsec;

	secs = div_s64_rem(rec->real_ns, NSEC_PER_SEC, &nsec);
	seq_printf(m, "record id=%llu time=%ptT.%06dZ uptime=%llu.%06llu",
		   rec->id, &secs, (int)(nsec / NSEC_PER_USEC),
		   div_u64(rec->start_ns, NSEC_PER_SEC),
		   div_u64(rec->start_ns % NSEC_PER_SEC, NSEC_PER_USEC));
	seq_printf(m, " trigger_pid=%d trigger_comm=", rec->trigger_pid);
	mms_oom_put_word(m, rec->trigger_comm, TASK_COMM_LEN);
	seq_printf(m, " trigger_oom_score_adj=%d gfp=%#x gfp_flags=%pGg order=%d",
		   rec->trigger_adj, (__force unsigned int)rec->gfp, &rec->gfp,
		   rec->order);
	seq_printf(m, " constraint=%s memcg_id=%llu memcg=",
		   mms_oom_constraint_name(rec->constraint), rec->memcg_id);
	mms_oom_put_memcg(m, rec->memcg_id);
	seq_printf(m, " totalpages=%lu victim_pid=%d victim_comm=",
		   rec->totalpages, rec->victim_pid);
	mms_oom_put_word(m, rec->victim_comm, TASK_COMM_LEN);
	if (rec->victim_uid == (u32)-1)
		seq_puts(m, " victim_uid=-");
	else
		seq_printf(m, " victim_uid=%u", rec->victim_uid);
	/* oom_kill_allocating_task chooses without computing points. */
	if (rec->allocating_task)
		seq_puts(m, " victim_points=-");
	else
		seq_printf(m, " victim_points=%ld", rec->chosen_points);
	if (rec->constraint == CONSTRAINT_NONE && !rec->allocating_task)
		seq_printf(m, " victim_oom_score=%lu",
			   mms_oom_proc_score(rec->chosen_points,
					      rec->totalpages));
	else
		seq_puts(m, " victim_oom_score=-");
	if (rec->have_select)
		seq_printf(m, " chosen_pid=%d", rec->chosen_pid);
	else
		seq_puts(m, " chosen_pid=-");
	seq_printf(m, " kills=%lu marked=%u policy=%s", rec->kills, rec->marked,
		   rec->allocating_task ? "allocating_task" : "select");
	seq_printf(m, " evaluated=%u candidates=%u candidates_dropped=%u kthreads_skipped=%u",
		   rec->evaluated, rec->nr_cands, rec->cands_dropped,
		   rec->kthreads);
	if (rec->nr_retry)
		seq_printf(m, " no_progress_loops=%d",
			   rec->retry[rec->nr_retry - 1].no_progress_loops);
	else
		seq_puts(m, " no_progress_loops=-");
	if (rec->have_select)
		mms_oom_put_ns_delta(m, "select_us", rec->start_ns,
				     rec->select_ns, NSEC_PER_USEC);
	else
		seq_puts(m, " select_us=-");
	mms_oom_put_ns_delta(m, "decision_us", rec->start_ns, rec->end_ns,
			     NSEC_PER_USEC);
	seq_printf(m, " reaper=%s", mms_oom_reaper_outcome(r));
	mms_oom_put_ns_delta(m, "reaper_wake_ms", kill_ns, r->wake_ns,
			     NSEC_PER_MSEC);
	mms_oom_put_ns_delta(m, "reap_us", r->start_ns, r->finish_ns,
			     NSEC_PER_USEC);
	seq_printf(m, " reap_attempts=%u reap_skips=%u", r->starts, r->skips);
	mms_oom_put_ns_delta(m, "victim_exit_ms", kill_ns, r->exit_ns,
			     NSEC_PER_MSEC);
	seq_putc(m, '\n');
}

static void mms_oom_show_retry(struct seq_file *m,
			       const struct mms_oom_record *rec)
{
	unsigned int i;

	for (i = 0; i < rec->nr_retry; i++) {
		const struct mms_oom_retry_ev *e = &rec->retry[i];

		seq_printf(m, "  retry node=%d zone=%s order=%d reclaimable=%lu available=%lu min_wmark=%lu no_progress_loops=%d wmark_check=%d",
			   e->node, mms_oom_zone_name(e->node, e->zone),
			   e->order, e->reclaimable, e->available,
			   e->min_wmark, e->no_progress_loops, e->wmark_check);
		mms_oom_put_ns_delta(m, "age_us", e->ts_ns, rec->start_ns,
				     NSEC_PER_USEC);
		seq_putc(m, '\n');
	}
	if (rec->have_compact) {
		const struct mms_oom_compact_ev *c = &rec->compact;

		seq_printf(m, "  compact_retry order=%d priority=%s result=%s retries=%d max_retries=%d retry=%d",
			   c->order, mms_oom_compact_prio_name(c->priority),
			   mms_oom_compact_result_name(c->result), c->retries,
			   c->max_retries, c->retry);
		mms_oom_put_ns_delta(m, "age_us", c->ts_ns, rec->start_ns,
				     NSEC_PER_USEC);
		seq_putc(m, '\n');
	}
}

static void mms_oom_show_cand(struct seq_file *m,
			      const struct mms_oom_record *rec,
			      const struct mms_oom_cand *c, unsigned int rank)
{
	const struct mms_oom_figures *f = &c->fig;
	bool pts = mms_oom_cand_has_points(c);

	if (pts)
		seq_printf(m, "  %u", rank);
	else
		seq_puts(m, "  -");
	seq_printf(m, " %d %d", c->pid, c->tgid);
	if (c->have_fig)
		seq_printf(m, " %d %lu %lu %lu %lu %lu %ld", c->adj, f->anon,
			   f->file, f->shmem, f->swapents, f->pgtables,
			   mms_oom_adj_term(c->adj, rec->totalpages));
	else
		seq_puts(m, " - - - - - - -");
	if (pts)
		seq_printf(m, " %ld", c->points);
	else
		seq_puts(m, " -");
	if (c->state == MMS_OOM_CAND_SCORED &&
	    rec->constraint == CONSTRAINT_NONE)
		seq_printf(m, " %lu",
			   mms_oom_proc_score(c->points, rec->totalpages));
	else
		seq_puts(m, " -");
	seq_printf(m, " %s ", mms_oom_cand_state_name(c->state));
	mms_oom_put_word(m, c->comm, TASK_COMM_LEN);
	seq_putc(m, '\n');
}

static void mms_oom_show_record(struct seq_file *m,
				const struct mms_oom_record *rec)
{
	unsigned int i, rank = 0;

	mms_oom_show_header(m, rec);
	mms_oom_show_retry(m, rec);
	seq_puts(m, "  rank pid tgid oom_score_adj rss_anon rss_file rss_shmem swapents pgtables adj_term points oom_score state comm\n");
	for (i = 0; i < rec->nr_cands; i++) {
		if (mms_oom_cand_has_points(&rec->cand[i]))
			rank++;
		mms_oom_show_cand(m, rec, &rec->cand[i], rank);
	}
	seq_putc(m, '\n');
}

/**
 * struct mms_oom_iter - one open file's walk over the records
 * @rec: a copy of the record being shown, mms_oom_record_size() bytes
 * @st: the recorder's counts when the walk began (the summary)
 * @first: the oldest record kept then
 */
struct mms_oom_iter {
	struct mms_oom_record *rec;
	struct mms_oom_stats st;
	u64 first;
};

/*
 * Position 0 is the summary, position k the k-th record kept when the
 * walk began: one record per ->show(), so that at the parameters' maxima
 * (1024 records of 4096 candidates) no single buffer holds them all.
 */
static void *mms_oom_seq_start(struct seq_file *m, loff_t *pos)
{
	struct mms_oom_iter *it = m->private;

	if (!*pos) {
		mms_oom_get_stats(&it->st);
		it->first = it->st.published > it->st.capacity ?
			    it->st.published - it->st.capacity : 0;
	}
	if (*pos > it->st.published - it->first)
		return NULL;
	return it;
}

static void *mms_oom_seq_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return mms_oom_seq_start(m, pos);
}

static void mms_oom_seq_stop(struct seq_file *m, void *v)
{
}

static int mms_oom_seq_show(struct seq_file *m, void *v)
{
	struct mms_oom_iter *it = v;
	const struct mms_oom_stats *st = &it->st;
	u64 id;

	if (!m->index) {
		seq_printf(m, "summary records=%llu shown=%llu oom_records=%u oom_candidates=%u decisions=%lu decisions_without_kill=%lu decisions_overlapping=%lu figures_busy=%lu retry_events_lost=%lu unranked=%lu\n\n",
			   st->published, st->published - it->first,
			   st->capacity, st->cand_cap, st->decisions,
			   st->no_kill, st->busy, st->fig_busy,
			   st->retry_lost, st->unranked);
		return 0;
	}
	id = it->first + m->index - 1;
	/* Overwritten since the summary: newer ones follow. */
	if (mms_oom_record_copy(id, it->rec))
		mms_oom_show_record(m, it->rec);
	return 0;
}

static const struct seq_operations mms_oom_seq_ops = {
	.start = mms_oom_seq_start,
	.next = mms_oom_seq_next,
	.stop = mms_oom_seq_stop,
	.show = mms_oom_seq_show,
};

static int mms_oom_open(struct inode *inode, struct file *file)
{
	struct mms_oom_iter *it;

	it = __seq_open_private(file, &mms_oom_seq_ops, sizeof(*it));
	if (!it)
		return -ENOMEM;
	it->rec = kvmalloc(mms_oom_record_size(), GFP_KERNEL);
	if (!it->rec) {
		seq_release_private(inode, file);
		return -ENOMEM;
	}
	return 0;
}

static int mms_oom_release(struct inode *inode, struct file *file)
{
	struct mms_oom_iter *it = ((struct seq_file *)file->private_data)->private;

	kvfree(it->rec);
	return seq_release_private(inode, file);
}

static const struct file_operations mms_oom_fops = {
	.owner = THIS_MODULE,
	.open = mms_oom_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = mms_oom_release,
};

/**
 * mms_oom_debugfs_init() - create debugfs "oom"
 * @dir: mmscope's debugfs directory
 */
void mms_oom_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("oom", 0400, dir, NULL, &mms_oom_fops);
}
