// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope stat [INTERVAL [COUNT]]: reclaim rates per interval in the
 * manner of sar -B, with the interval's direct reclaim latency.
 *
 * Each column is a sum of figures that never overlap, so nothing is
 * counted twice: pgscank is pgscan_kswapd; pgscand is pgscan_direct plus
 * pgscan_khugepaged where the kernel counts khugepaged apart (6.3+; before,
 * pgscan_direct includes it); pgsteal is pgsteal_kswapd + pgsteal_direct
 * (+ pgsteal_khugepaged), never adding pgsteal_anon/file, which count the
 * same pages again by LRU type (and memcg reclaim besides).  stalls sums
 * allocstall_<zone>, each pass of direct reclaim counted once in the zone
 * it was for.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mms.h"
#include "opts.h"

/**
 * struct mms_col - one column of stat
 * @key: its JSON name
 * @hdr: its header
 * @names: the figures it sums; a name ending in '*' is a prefix
 * @alt: the figures it sums when the module has none of @names
 */
struct mms_col {
	const char *key;
	const char *hdr;
	const char *names[4];
	const char *alt[2];
};

enum {
	COL_PGSCANK, COL_PGSCAND, COL_PGSTEAL, COL_STALLS, COL_COMPACT,
	COL_OOM, NR_COLS
};

/* Sized by mms.h's count, so the two cannot disagree unnoticed. */
static const struct mms_col mms_cols[MMS_STAT_NR_COLS] = {
	[COL_PGSCANK] = { "pgscank", "pgscank/s", { "pgscan_kswapd" } },
	[COL_PGSCAND] = { "pgscand", "pgscand/s",
			  { "pgscan_direct", "pgscan_khugepaged" } },
	[COL_PGSTEAL] = { "pgsteal", "pgsteal/s",
			  { "pgsteal_kswapd", "pgsteal_direct",
			    "pgsteal_khugepaged" } },
	[COL_STALLS] = { "stalls", "stalls/s", { "allocstall_*" } },
	/* compact_stall (the compaction view); older modules: attempts. */
	[COL_COMPACT] = { "compact_stalls", "cstalls/s", { "compact_stall" },
			  { "direct_compact" } },
	[COL_OOM] = { "oom_kills", "oomkill", { "oom_kill" },
		      { "oom_mark_victim" } },
};

/**
 * struct mms_snap - what stat reads at one instant
 * @kv: the vmstat and counters views (and compaction's when present)
 * @hist: the direct_reclaim histogram
 * @have_hist: whether the module has it
 * @when: CLOCK_MONOTONIC, in seconds
 * @wall: the wall clock
 */
struct mms_snap {
	struct mms_kvset kv;
	struct mms_hist hist;
	bool have_hist;
	double when;
	time_t wall;
};

/* Column value: false if any figure it sums is unavailable or absent. */
static bool mms_col_value(const struct mms_kvset *kv, const struct mms_col *c,
			  uint64_t *out)
{
	const char *const *names = c->names;
	bool any = false, avail = true;
	uint64_t sum = 0;
	int pass, i;
	size_t k;

	for (pass = 0; pass < 2 && !any; pass++, names = c->alt) {
		for (i = 0; i < 4 && (pass ? i < 2 : 1) && names[i]; i++) {
			size_t len = strlen(names[i]);
			bool prefix = names[i][len - 1] == '*';

			for (k = 0; k < kv->n; k++) {
				const struct mms_kv *e = &kv->kv[k];

				if (prefix ? strncmp(e->name, names[i], len - 1) :
					     strcmp(e->name, names[i]))
					continue;
				any = true;
				if (!e->avail)
					avail = false;
				sum += e->value;
			}
		}
	}
	*out = sum;
	return any && avail;
}

void mms_stat_figures(const struct mms_kvset *kv, uint64_t *v, bool *avail)
{
	int c;

	for (c = 0; c < NR_COLS; c++)
		avail[c] = mms_col_value(kv, &mms_cols[c], &v[c]);
}

const char *mms_stat_column(int c)
{
	return c >= 0 && c < NR_COLS ? mms_cols[c].key : NULL;
}

static bool mms_snap_take(struct mms_snap *s)
{
	static const char *const views[] = { "vmstat", "counters", "compaction" };
	const char *why;
	size_t i;
	char *text;

	memset(s, 0, sizeof(*s));
	s->when = mms_now();
	s->wall = time(NULL);
	for (i = 0; i < ARRAY_SIZE(views); i++) {
		if (i == 2 && !mms_source_has(views[i]))
			continue;
		if (mms_source_read_kv(views[i], &s->kv))
			return false;
	}
	if (!mms_source_has("histograms/direct_reclaim"))
		return true;
	text = mms_source_read("histograms/direct_reclaim");
	if (!text)
		return false;
	if (mms_hist_parse(&s->hist, text, &why)) {
		mms_err("%s/histograms/direct_reclaim: %s: use the mmscope command built with the module",
			mms_env.debugfs, why);
		free(text);
		return false;
	}
	free(text);
	s->have_hist = true;
	return true;
}

/**
 * struct mms_row - one line of stat
 * @avail: per column, whether its figures were available
 * @v: per column, the count (an interval's delta, or a total)
 * @secs: the interval's length, 0 for totals
 * @reclaims: direct reclaim passes timed in the interval
 * @p50_ns: their median, if @have_lat
 * @p99_ns: their 99th percentile, if @have_lat
 * @have_lat: whether a latency was timed
 */
struct mms_row {
	bool avail[NR_COLS];
	uint64_t v[NR_COLS];
	double secs;
	uint64_t reclaims, p50_ns, p99_ns;
	bool have_lat;
};

/* The latency figures of @r from the rows of @h (an interval's). */
static void mms_row_lat(struct mms_row *r, const struct mms_hist *h)
{
	r->reclaims = h->table_sum;
	r->have_lat = h->table_sum > 0;
	r->p50_ns = mms_hist_rows_percentile(h, 50000);
	r->p99_ns = mms_hist_rows_percentile(h, 99000);
}

/*
 * Whether the module's counters went back between @a and @b: it was
 * reloaded (or its figures reset) in between.  Counters only grow while
 * it stays loaded, so any figure lower at @b than at @a says so.
 */
static bool mms_snap_reset(const struct mms_snap *a, const struct mms_snap *b)
{
	size_t k;

	for (k = 0; k < b->kv.n; k++) {
		const struct mms_kv *e = &b->kv.kv[k];
		const struct mms_kv *o = mms_kv_find(&a->kv, e->name);

		if (o && o->avail && e->avail && e->value < o->value)
			return true;
	}
	return a->have_hist && b->have_hist && b->hist.count < a->hist.count;
}

/*
 * The row for [@a, @b]; @a NULL means totals at @b.  An interval's
 * histogram delta is added to @acc when given.  The caller has checked
 * that no reset lies between @a and @b.
 */
static void mms_row_make(struct mms_row *r, const struct mms_snap *a,
			 const struct mms_snap *b, struct mms_hist *acc)
{
	struct mms_hist *h;
	int c;

	memset(r, 0, sizeof(*r));
	for (c = 0; c < NR_COLS; c++) {
		uint64_t va = 0, vb;

		r->avail[c] = mms_col_value(&b->kv, &mms_cols[c], &vb) &&
			      (!a || mms_col_value(&a->kv, &mms_cols[c], &va));
		r->v[c] = vb >= va ? vb - va : 0;
	}
	if (a)
		r->secs = b->when - a->when;
	if (!b->have_hist)
		return;
	if (!a) {
		r->reclaims = b->hist.count;
		r->have_lat = b->hist.count > 0;
		r->p50_ns = b->hist.p50_ns;
		r->p99_ns = b->hist.p99_ns;
		return;
	}
	if (!a->have_hist)
		return;
	h = malloc(sizeof(*h));
	if (!h)
		return;
	*h = b->hist;
	mms_hist_sub(h, &a->hist);
	mms_row_lat(r, h);
	if (acc)
		mms_hist_add(acc, h);
	free(h);
}

/* Add interval row @r to the run's sum @sum (the Average's figures). */
static void mms_row_add(struct mms_row *sum, const struct mms_row *r,
			bool first)
{
	int c;

	for (c = 0; c < NR_COLS; c++) {
		sum->avail[c] = (first || sum->avail[c]) && r->avail[c];
		sum->v[c] += r->v[c];
	}
	sum->secs += r->secs;
}

static const char mms_hdr_fmt[] = "%-8s %9s %9s %9s %7s %9s %9s %7s %9s %9s\n";

static void mms_print_header(bool totals)
{
	if (totals)
		printf(mms_hdr_fmt, "", "pgscank", "pgscand", "pgsteal",
		       "%vmeff", "stalls", "cstalls", "oomkill", "p50(us)",
		       "p99(us)");
	else
		printf(mms_hdr_fmt, "", mms_cols[COL_PGSCANK].hdr,
		       mms_cols[COL_PGSCAND].hdr, mms_cols[COL_PGSTEAL].hdr,
		       "%vmeff", mms_cols[COL_STALLS].hdr,
		       mms_cols[COL_COMPACT].hdr, mms_cols[COL_OOM].hdr,
		       "p50(us)", "p99(us)");
}

/*
 * %vmeff as sar has it: pages stolen per page scanned, in percent.  The
 * kernel counts a page scanned when reclaim isolates it and stolen when
 * the pass that took it ends, so an interval can steal pages the one
 * before it scanned; as sar does, the figure never exceeds 100.
 */
static bool mms_vmeff(const struct mms_row *r, double *pct)
{
	uint64_t scanned = r->v[COL_PGSCANK] + r->v[COL_PGSCAND];

	if (!r->avail[COL_PGSCANK] || !r->avail[COL_PGSCAND] ||
	    !r->avail[COL_PGSTEAL])
		return false;
	*pct = scanned ? 100.0 * (double)r->v[COL_PGSTEAL] / (double)scanned : 0;
	if (*pct > 100)
		*pct = 100;
	return true;
}

static void mms_print_row(const char *label, const struct mms_row *r)
{
	char cell[NR_COLS + 3][32];
	double pct;
	int c;

	for (c = 0; c < NR_COLS; c++) {
		if (!r->avail[c])
			snprintf(cell[c], sizeof(cell[c]), "-");
		else if (c == COL_OOM || !r->secs)
			snprintf(cell[c], sizeof(cell[c]), "%llu",
				 (unsigned long long)r->v[c]);
		else
			snprintf(cell[c], sizeof(cell[c]), "%.2f",
				 (double)r->v[c] / r->secs);
	}
	if (mms_vmeff(r, &pct))
		snprintf(cell[NR_COLS], sizeof(cell[0]), "%.2f", pct);
	else
		snprintf(cell[NR_COLS], sizeof(cell[0]), "-");
	if (r->have_lat) {
		snprintf(cell[NR_COLS + 1], sizeof(cell[0]), "%.1f",
			 r->p50_ns / 1000.0);
		snprintf(cell[NR_COLS + 2], sizeof(cell[0]), "%.1f",
			 r->p99_ns / 1000.0);
	} else {
		snprintf(cell[NR_COLS + 1], sizeof(cell[0]), "-");
		snprintf(cell[NR_COLS + 2], sizeof(cell[0]), "-");
	}
	printf(mms_hdr_fmt, label, cell[COL_PGSCANK], cell[COL_PGSCAND],
	       cell[COL_PGSTEAL], cell[NR_COLS], cell[COL_STALLS],
	       cell[COL_COMPACT], cell[COL_OOM], cell[NR_COLS + 1],
	       cell[NR_COLS + 2]);
}

/* The figures the columns are made of, as read at @s. */
static void mms_json_totals(struct mms_json *j, const struct mms_snap *s)
{
	size_t k;
	int c, i;

	mms_json_obj(j, "totals");
	for (k = 0; k < s->kv.n; k++) {
		const struct mms_kv *e = &s->kv.kv[k];
		bool used = false;

		for (c = 0; c < NR_COLS && !used; c++)
			for (i = 0; i < 4 && !used; i++) {
				const char *n = i < 4 ? mms_cols[c].names[i] : NULL;
				const char *alt = i < 2 ? mms_cols[c].alt[i] : NULL;

				if (n && (n[strlen(n) - 1] == '*' ?
					  !strncmp(e->name, n, strlen(n) - 1) :
					  !strcmp(e->name, n)))
					used = true;
				if (alt && !strcmp(e->name, alt))
					used = true;
			}
		if (!used)
			continue;
		if (e->avail)
			mms_json_u64(j, e->name, e->value);
		else
			mms_json_null(j, e->name);
	}
	if (s->have_hist)
		mms_json_u64(j, "direct_reclaim_count", s->hist.count);
	mms_json_end_obj(j);
}

/* @t as RFC 3339 in UTC ("2026-12-06T07:30:00Z"), which jq's dates read. */
static const char *mms_rfc3339(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

static void mms_json_row(const struct mms_row *r, const struct mms_snap *b,
			 const char *what)
{
	struct mms_json j;
	char tbuf[32];
	double pct;
	int c;

	mms_json_init(&j, stdout);
	j.compact = true;
	mms_json_obj(&j, NULL);
	mms_json_str(&j, "type", what);
	mms_json_str(&j, "time", mms_rfc3339(b->wall, tbuf, sizeof(tbuf)));
	if (r->secs)
		mms_json_double(&j, "interval_s", r->secs);
	for (c = 0; c < NR_COLS; c++) {
		char key[48];

		if (!r->avail[c]) {
			mms_json_null(&j, mms_cols[c].key);
			continue;
		}
		mms_json_u64(&j, mms_cols[c].key, r->v[c]);
		if (r->secs && c != COL_OOM) {
			snprintf(key, sizeof(key), "%s_per_s", mms_cols[c].key);
			mms_json_double(&j, key, (double)r->v[c] / r->secs);
		}
	}
	if (mms_vmeff(r, &pct))
		mms_json_double(&j, "vmeff_pct", pct);
	else
		mms_json_null(&j, "vmeff_pct");
	mms_json_u64(&j, "direct_reclaims", r->reclaims);
	if (r->have_lat) {
		mms_json_u64(&j, "stall_p50_ns", r->p50_ns);
		mms_json_u64(&j, "stall_p99_ns", r->p99_ns);
	} else {
		mms_json_null(&j, "stall_p50_ns");
		mms_json_null(&j, "stall_p99_ns");
	}
	mms_json_totals(&j, b);
	mms_json_end_obj(&j);
	mms_json_done(&j);
	fflush(stdout);
}

/* stat --json's line for an interval that spans a reload. */
static void mms_json_restart(const struct mms_snap *b)
{
	struct mms_json j;
	char tbuf[32];

	mms_json_init(&j, stdout);
	j.compact = true;
	mms_json_obj(&j, NULL);
	mms_json_str(&j, "type", "restart");
	mms_json_str(&j, "time", mms_rfc3339(b->wall, tbuf, sizeof(tbuf)));
	mms_json_end_obj(&j);
	mms_json_done(&j);
	fflush(stdout);
}

static void mms_snap_free(struct mms_snap *s)
{
	mms_kv_free(&s->kv);
}

static const struct option mms_stat_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ 0 }
};

int mms_cmd_stat(int argc, char **argv)
{
	unsigned long interval = 0, count = 0, n, shown = 0;
	struct mms_snap *s = NULL, *first, *last;
	struct mms_row r, sum = { 0 };
	int c, ret = MMS_EXIT_ERR;
	struct mms_hist *acc = NULL;
	char tbuf[16];

	while ((c = getopt_long(argc, argv, MMS_COMMON_SHORTOPTS,
				mms_stat_opts, NULL)) != -1)
		if (mms_common_opt(c, optarg, argv))
			return MMS_EXIT_USAGE;
	if (optind < argc && !mms_parse_uint(argv[optind++], 86400, &interval)) {
		mms_usage_error("stat: INTERVAL must be a whole number of seconds, 1 to 86400, not '%s'",
				argv[optind - 1]);
		return MMS_EXIT_USAGE;
	}
	if (optind < argc && !mms_parse_uint(argv[optind++], 1UL << 31, &count)) {
		mms_usage_error("stat: COUNT must be a positive whole number, not '%s'",
				argv[optind - 1]);
		return MMS_EXIT_USAGE;
	}
	if (optind < argc) {
		mms_usage_error("stat: unexpected '%s'", argv[optind]);
		return MMS_EXIT_USAGE;
	}
	if (!mms_source_open())
		return MMS_EXIT_ERR;

	/* The first snapshot, and the two latest in turn. */
	s = calloc(3, sizeof(*s));
	acc = calloc(1, sizeof(*acc));
	if (!s || !acc) {
		mms_err("out of memory");
		goto free_snaps;
	}
	first = &s[2];
	last = first;
	if (!mms_snap_take(first))
		goto free_snaps;
	if (!interval) {
		mms_row_make(&r, NULL, first, NULL);
		if (mms_env.json) {
			mms_json_row(&r, first, "totals");
		} else {
			printf("Totals since mmscope was loaded\n");
			mms_print_header(true);
			mms_print_row("total", &r);
		}
		ret = MMS_EXIT_OK;
		goto free_snaps;
	}

	if (!mms_env.json)
		mms_print_header(false);
	ret = MMS_EXIT_OK;
	for (n = 0; !count || n < count; n++) {
		struct mms_snap *b = &s[n & 1];

		if (!mms_sleep_until(first->when + (double)interval * (n + 1)))
			break;
		mms_snap_free(b);
		/* Unloaded: the intervals shown still get their Average. */
		if (!mms_snap_take(b)) {
			ret = MMS_EXIT_ERR;
			break;
		}
		strftime(tbuf, sizeof(tbuf), "%H:%M:%S", localtime(&b->wall));
		if (mms_snap_reset(last, b)) {
			/*
			 * As sar's LINUX RESTART: the interval spans a reload,
			 * its figures are unknown, and the Average leaves it
			 * out.
			 */
			if (mms_env.json)
				mms_json_restart(b);
			else
				printf("%-8s mmscope RESTART (the counters went back: the module was reloaded)\n",
				       tbuf);
			last = b;
			continue;
		}
		mms_row_make(&r, last, b, acc);
		mms_row_add(&sum, &r, !shown++);
		last = b;
		if (mms_env.json) {
			mms_json_row(&r, b, "interval");
		} else {
			mms_print_row(tbuf, &r);
			fflush(stdout);
		}
	}
	/* As sar does, the average of the intervals shown. */
	if (shown) {
		if (acc->table_sum)
			mms_row_lat(&sum, acc);
		if (mms_env.json)
			mms_json_row(&sum, last, "average");
		else
			mms_print_row("Average:", &sum);
	}

free_snaps:
	for (n = 0; s && n < 3; n++)
		mms_snap_free(&s[n]);
	free(s);
	free(acc);
	return ret;
}
