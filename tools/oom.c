// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope oom [--last N]: the last N OOM kills (default 1) from the
 * module's "oom" view, explained: who asked for memory and how, what led
 * to the kill (the allocator's last retry round), what the kernel
 * measured against, the ranking with each task's badness broken down into
 * its terms, the victim and what became of it.
 *
 * The view's format (Documentation/admin-guide.rst): a "summary" line,
 * then per record a "record" line of key=value pairs, indented "retry"
 * and "compact_retry" lines, an indented header line starting with
 * "rank", indented candidate rows in those columns, a blank line.
 */
#include <stdlib.h>
#include <string.h>

#include "mms.h"
#include "opts.h"

#define MMS_OOM_MAX_ROWS	4096

/**
 * struct mms_oom_rec - one record of the view
 * @rec: its "record" line
 * @retry: its retry and compact_retry lines (a zone each; the module's
 *	targets have up to three populated zones, more are skipped)
 * @nretry: how many
 * @hdr: its column header line ("rank pid ...")
 * @rows: its candidate rows
 * @nrows: how many
 */
struct mms_oom_rec {
	struct mms_line rec;
	struct mms_line retry[4];
	int nretry;
	struct mms_line hdr;
	struct mms_line *rows;
	int nrows;
};

/* A candidate row's cell in column @col, or "-". */
static const char *mms_cell(const struct mms_oom_rec *r, int row, const char *col)
{
	const struct mms_line *l = &r->rows[row];
	int i;

	/* The header's first word is "rank", its type; rows' too. */
	if (!strcmp(col, "rank"))
		return l->type;
	for (i = 0; i < r->hdr.ntok && i < l->ntok; i++)
		if (!strcmp(r->hdr.tok[i], col))
			return l->tok[i];
	return "-";
}

static const char *get(const struct mms_line *l, const char *k)
{
	const char *v = mms_line_get(l, k);

	return v ? v : "-";
}

/*
 * A task name for the terminal: control bytes (which a task can put in
 * its own comm) become '?', as ps shows them.  In one of @n static
 * buffers, so that a printf can take several.
 */
static const char *mms_comm(const char *s)
{
	static char buf[4][64];
	static int n;
	char *b = buf[n++ % 4];
	size_t i;

	for (i = 0; s[i] && i < sizeof(buf[0]) - 1; i++)
		b[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	b[i] = '\0';
	return b;
}

static void mms_oom_text(const struct mms_oom_rec *r)
{
	const struct mms_line *l = &r->rec;
	int i;

	printf("OOM kill, record %s, at %s (uptime %s s)\n", get(l, "id"),
	       get(l, "time"), get(l, "uptime"));
	printf("  Asked: %s (pid %s, oom_score_adj %s) for order %s, gfp %s (%s)\n",
	       mms_comm(get(l, "trigger_comm")), get(l, "trigger_pid"),
	       get(l, "trigger_oom_score_adj"), get(l, "order"), get(l, "gfp"),
	       get(l, "gfp_flags"));
	printf("  Measured: constraint %s%s%s, against %s pages (RAM + swap, or the memcg's limit)\n",
	       get(l, "constraint"), strcmp(get(l, "memcg"), "-") ? ", memcg " : "",
	       strcmp(get(l, "memcg"), "-") ? get(l, "memcg") : "",
	       get(l, "totalpages"));
	printf("  What led to it: %s reclaim passes in a row that freed nothing (no_progress_loops)\n",
	       get(l, "no_progress_loops"));
	for (i = 0; i < r->nretry; i++) {
		const struct mms_line *t = &r->retry[i];

		if (!strcmp(t->type, "retry"))
			printf("    last retry round, node %s zone %s: available %s pages against min watermark %s, reclaimable %s: %s\n",
			       get(t, "node"), get(t, "zone"), get(t, "available"),
			       get(t, "min_wmark"), get(t, "reclaimable"),
			       !strcmp(get(t, "wmark_check"), "1") ?
			       "would pass, asked for another try" :
			       "fails the check");
		else
			printf("    compaction retry: order %s, priority %s, result %s, retries %s of %s\n",
			       get(t, "order"), get(t, "priority"), get(t, "result"),
			       get(t, "retries"), get(t, "max_retries"));
	}
	printf("  Ranking: %s tasks evaluated, %s candidates (%s dropped), %s kernel threads skipped\n",
	       get(l, "evaluated"), get(l, "candidates"),
	       get(l, "candidates_dropped"), get(l, "kthreads_skipped"));
	printf("    %4s %7s %-16s %9s = %9s + %8s + %9s + %8s + %8s + %9s %6s %9s  %s\n",
	       "rank", "pid", "comm", "points", "rss_anon", "rss_file",
	       "rss_shmem", "swapents", "pgtables", "adj_term", "adj",
	       "oom_score", "state");
	for (i = 0; i < r->nrows; i++)
		printf("    %4s %7s %-16s %9s = %9s + %8s + %9s + %8s + %8s + %9s %6s %9s  %s\n",
		       mms_cell(r, i, "rank"), mms_cell(r, i, "pid"),
		       mms_comm(mms_cell(r, i, "comm")), mms_cell(r, i, "points"),
		       mms_cell(r, i, "rss_anon"), mms_cell(r, i, "rss_file"),
		       mms_cell(r, i, "rss_shmem"), mms_cell(r, i, "swapents"),
		       mms_cell(r, i, "pgtables"), mms_cell(r, i, "adj_term"),
		       mms_cell(r, i, "oom_score_adj"), mms_cell(r, i, "oom_score"),
		       mms_cell(r, i, "state"));
	printf("    points = rss_anon + rss_file + rss_shmem + swapents + pgtables + adj_term,\n"
	       "    adj_term = oom_score_adj * totalpages / 1000; rank 1 is the victim\n");
	printf("  Victim: %s (pid %s), %s points, oom_score %s; kills %s, policy %s\n",
	       mms_comm(get(l, "victim_comm")), get(l, "victim_pid"), get(l, "victim_points"),
	       get(l, "victim_oom_score"), get(l, "kills"), get(l, "policy"));
	printf("  Took: %s us to choose, %s us in all; afterwards: reaper %s, victim exited %s ms after the kill\n\n",
	       get(l, "select_us"), get(l, "decision_us"), get(l, "reaper"),
	       get(l, "victim_exit_ms"));
}

static void mms_oom_json(struct mms_json *j, const struct mms_oom_rec *r)
{
	int i, k;

	mms_json_obj(j, NULL);
	for (i = 0; i < r->rec.nf; i++)
		mms_json_value(j, r->rec.key[i], r->rec.val[i]);
	mms_json_arr(j, "retries");
	for (i = 0; i < r->nretry; i++) {
		mms_json_obj(j, NULL);
		mms_json_str(j, "type", r->retry[i].type);
		for (k = 0; k < r->retry[i].nf; k++)
			mms_json_value(j, r->retry[i].key[k], r->retry[i].val[k]);
		mms_json_end_obj(j);
	}
	mms_json_end_arr(j);
	mms_json_arr(j, "ranking");
	for (i = 0; i < r->nrows; i++) {
		mms_json_obj(j, NULL);
		mms_json_value(j, "rank", r->rows[i].type);
		for (k = 0; k < r->hdr.ntok && k < r->rows[i].ntok; k++) {
			if (!strcmp(r->hdr.tok[k], "comm") ||
			    !strcmp(r->hdr.tok[k], "state"))
				mms_json_str(j, r->hdr.tok[k], r->rows[i].tok[k]);
			else
				mms_json_value(j, r->hdr.tok[k], r->rows[i].tok[k]);
		}
		mms_json_end_obj(j);
	}
	mms_json_end_arr(j);
	mms_json_end_obj(j);
}

static const struct option mms_oom_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ "last", required_argument, NULL, 'n' },
	{ 0 }
};

/**
 * struct mms_oom_view - the oom view, parsed
 * @summary: its summary line
 * @recs: its records, oldest first
 * @nrec: how many
 * @cap: room in @recs
 */
struct mms_oom_view {
	struct mms_line summary;
	struct mms_oom_rec *recs;
	int nrec;
	int cap;
};

/* Options: --last N into @last.  0, or MMS_EXIT_USAGE. */
static int mms_oom_args(int argc, char **argv, unsigned long *last)
{
	int c;

	while ((c = getopt_long(argc, argv, MMS_COMMON_SHORTOPTS "n:",
				mms_oom_opts, NULL)) != -1) {
		if (c == 'n') {
			if (!mms_parse_uint(optarg, 1024, last)) {
				mms_usage_error("oom: --last takes 1 to 1024, not '%s'",
						optarg);
				return MMS_EXIT_USAGE;
			}
		} else if (mms_common_opt(c, optarg, argv)) {
			return MMS_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		mms_usage_error("oom: unexpected '%s'", argv[optind]);
		return MMS_EXIT_USAGE;
	}
	return 0;
}

/* A new record, from its "record" line.  False when out of memory. */
static bool mms_oom_new_rec(struct mms_oom_view *v, const struct mms_line *l)
{
	if (v->nrec == v->cap) {
		int cap = v->cap ? v->cap * 2 : 8;
		struct mms_oom_rec *n = realloc(v->recs, (size_t)cap * sizeof(*n));

		if (!n)
			return false;
		v->recs = n;
		v->cap = cap;
	}
	memset(&v->recs[v->nrec], 0, sizeof(v->recs[v->nrec]));
	v->recs[v->nrec++].rec = *l;
	return true;
}

/* One line of the view, into @v.  False when out of memory. */
static bool mms_oom_add_line(struct mms_oom_view *v, const struct mms_line *l)
{
	struct mms_oom_rec *r = v->nrec ? &v->recs[v->nrec - 1] : NULL;
	struct mms_line *nr;

	if (!strcmp(l->type, "summary") && !l->indent) {
		v->summary = *l;
	} else if (!strcmp(l->type, "record") && !l->indent) {
		return mms_oom_new_rec(v, l);
	} else if (r && l->indent && (!strcmp(l->type, "retry") ||
				      !strcmp(l->type, "compact_retry"))) {
		if (r->nretry < 4)
			r->retry[r->nretry++] = *l;
	} else if (r && l->indent && !strcmp(l->type, "rank")) {
		r->hdr = *l;
	} else if (r && l->indent && r->hdr.ntok && l->ntok &&
		   r->nrows < MMS_OOM_MAX_ROWS) {
		nr = realloc(r->rows, (size_t)(r->nrows + 1) * sizeof(*nr));
		if (!nr)
			return false;
		r->rows = nr;
		r->rows[r->nrows++] = *l;
	}
	/* Anything else: a line from a newer module, skipped. */
	return true;
}

/* The last @last records of @v (or the summary), as text or JSON. */
static void mms_oom_print(const struct mms_oom_view *v, unsigned long last)
{
	/* Records come oldest first: show the last N. */
	int i = v->nrec > (int)last ? v->nrec - (int)last : 0, c;
	struct mms_json j;

	if (!mms_env.json) {
		if (!v->nrec)
			printf("No OOM kill since mmscope was loaded (%s decisions without a kill).\n",
			       get(&v->summary, "decisions_without_kill"));
		for (; i < v->nrec; i++)
			mms_oom_text(&v->recs[i]);
		return;
	}
	mms_json_init(&j, stdout);
	mms_json_obj(&j, NULL);
	mms_json_obj(&j, "summary");
	for (c = 0; c < v->summary.nf; c++)
		mms_json_value(&j, v->summary.key[c], v->summary.val[c]);
	mms_json_end_obj(&j);
	mms_json_arr(&j, "records");
	for (; i < v->nrec; i++)
		mms_oom_json(&j, &v->recs[i]);
	mms_json_end_arr(&j);
	mms_json_end_obj(&j);
	mms_json_done(&j);
}

static void mms_oom_view_free(struct mms_oom_view *v)
{
	int i;

	for (i = 0; v->recs && i < v->nrec; i++)
		free(v->recs[i].rows);
	free(v->recs);
}

int mms_cmd_oom(int argc, char **argv)
{
	struct mms_oom_view v = { .summary = { .type = "" } };
	unsigned long last = 1;
	int ret = MMS_EXIT_ERR;
	char *text, *p, *line;

	if (mms_oom_args(argc, argv, &last))
		return MMS_EXIT_USAGE;
	if (!mms_source_open())
		return MMS_EXIT_ERR;
	if (!mms_source_has("oom"))
		return mms_unsupported("oom", "oom");
	text = mms_source_read("oom");
	if (!text)
		return MMS_EXIT_ERR;
	p = text;
	while ((line = mms_next_line(&p))) {
		struct mms_line l;

		mms_line_parse(line, &l);
		if (!mms_oom_add_line(&v, &l)) {
			mms_err("out of memory");
			goto free_view;
		}
	}
	if (!v.summary.nf && !v.nrec) {
		mms_err("%s/oom has no summary line: use the mmscope command built with the module",
			mms_env.debugfs);
		goto free_view;
	}
	mms_oom_print(&v, last);
	ret = MMS_EXIT_OK;
free_view:
	mms_oom_view_free(&v);
	free(text);
	return ret;
}
