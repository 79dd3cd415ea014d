// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope hist [NAME]: one of the module's latency histograms, drawn as
 * libbpf-tools' print_log2_hist() draws theirs: power-of-two slots of the
 * unit, 0 -> 1, 2 -> 3, 4 -> 7, ..., from 0 to the last non-empty slot,
 * bars of 40 stars scaled to the largest slot.
 *
 * The module's view is finer (eight buckets per power of two of ns); each
 * of its rows goes to the slot of the row's lower bound in the unit.  A
 * row straddling a power of two of the unit, as [15.36, 16.38] us does,
 * is counted whole in the lower slot: a slot's count can include values
 * up to one row (at most 12.5% of the value) above its upper bound.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mms.h"
#include "opts.h"

#define MMS_SLOTS	64

static unsigned int mms_log2(uint64_t v)
{
	unsigned int s = 0;

	while (v >>= 1)
		s++;
	return s;
}

/* Fold the rows into power-of-two slots of @div ns; returns slots used. */
static unsigned int mms_hist_slots(const struct mms_hist *h, uint64_t div,
				   uint64_t *slot)
{
	unsigned int i, s, used = 0;

	memset(slot, 0, MMS_SLOTS * sizeof(*slot));
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		if (!h->cnt[i])
			continue;
		s = mms_log2(mmscope_hist_bucket_min(i) / div);
		slot[s] += h->cnt[i];
		if (s + 1 > used)
			used = s + 1;
	}
	return used;
}

static void mms_print_stars(uint64_t val, uint64_t val_max, int width)
{
	int stars = (int)((val < val_max ? val : val_max) * width /
			  (val_max ? val_max : 1));
	int i;

	for (i = 0; i < stars; i++)
		putchar('*');
	for (; i < width; i++)
		putchar(' ');
	if (val > val_max)
		putchar('+');
}

static void mms_print_log2(const uint64_t *slot, unsigned int used,
			   const char *unit)
{
	int width = used <= 32 ? 10 : 20, stars = used <= 32 ? 40 : 20;
	uint64_t max = 0;
	unsigned int i;

	for (i = 0; i < used; i++)
		if (slot[i] > max)
			max = slot[i];
	printf("%*s%-*s : count    distribution\n", used <= 32 ? 5 : 15, "",
	       used <= 32 ? 19 : 29, unit);
	for (i = 0; i < used; i++) {
		unsigned long long low = (1ULL << (i + 1)) >> 1;
		unsigned long long high = (1ULL << (i + 1)) - 1;

		if (low == high)
			low -= 1;
		printf("%*llu -> %-*llu : %-8llu |", width, low, width, high,
		       (unsigned long long)slot[i]);
		mms_print_stars(slot[i], max, stars);
		printf("|\n");
	}
}

static int mms_hist_list(void)
{
	struct mms_json j;
	char path[4096];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/histograms", mms_env.debugfs);
	dir = opendir(path);
	if (!dir)
		return mms_unsupported("hist", "histograms");
	mms_json_init(&j, stdout);
	if (mms_env.json)
		mms_json_arr(&j, NULL);
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		if (mms_env.json)
			mms_json_str(&j, NULL, d->d_name);
		else
			printf("%s\n", d->d_name);
	}
	closedir(dir);
	if (mms_env.json) {
		mms_json_end_arr(&j);
		mms_json_done(&j);
	}
	return MMS_EXIT_OK;
}

static bool mms_hist_name_ok(const char *name)
{
	const char *p;

	if (!*name || *name == '.')
		return false;
	for (p = name; *p; p++)
		if (*p == '/')
			return false;
	return true;
}

/*
 * One histogram as JSON: the module's summary and rows; for an interval
 * (@secs > 0), one line (JSON Lines) with the interval's count and sum
 * and the percentiles of its rows (min and max do not subtract).
 */
static void mms_hist_json(const char *name, const struct mms_hist *h,
			  const char *unit, double secs, const uint64_t *slot,
			  unsigned int used)
{
	struct mms_json j;
	unsigned int i;

	mms_json_init(&j, stdout);
	j.compact = secs > 0;
	mms_json_obj(&j, NULL);
	mms_json_str(&j, "name", name);
	if (secs > 0) {
		mms_json_str(&j, "type", "interval");
		mms_json_double(&j, "interval_s", secs);
		mms_json_u64(&j, "count", h->table_sum);
		mms_json_u64(&j, "sum_ns", h->sum_ns);
		mms_json_u64(&j, "p50_ns", mms_hist_rows_percentile(h, 50000));
		mms_json_u64(&j, "p90_ns", mms_hist_rows_percentile(h, 90000));
		mms_json_u64(&j, "p99_ns", mms_hist_rows_percentile(h, 99000));
		mms_json_u64(&j, "p99.9_ns", mms_hist_rows_percentile(h, 99900));
	} else {
		mms_json_u64(&j, "count", h->count);
		mms_json_u64(&j, "sum_ns", h->sum_ns);
		mms_json_u64(&j, "min_ns", h->min_ns);
		mms_json_u64(&j, "max_ns", h->max_ns);
		mms_json_u64(&j, "p50_ns", h->p50_ns);
		mms_json_u64(&j, "p90_ns", h->p90_ns);
		mms_json_u64(&j, "p99_ns", h->p99_ns);
		mms_json_u64(&j, "p99.9_ns", h->p999_ns);
	}
	mms_json_str(&j, "unit", unit);
	mms_json_arr(&j, "log2");
	for (i = 0; i < used; i++) {
		uint64_t low = (1ULL << (i + 1)) >> 1, high = (1ULL << (i + 1)) - 1;

		if (low == high)
			low -= 1;
		mms_json_obj(&j, NULL);
		mms_json_u64(&j, "low", low);
		mms_json_u64(&j, "high", high);
		mms_json_u64(&j, "count", slot[i]);
		mms_json_end_obj(&j);
	}
	mms_json_end_arr(&j);
	/* The module's own rows, exact, in ns. */
	mms_json_arr(&j, "rows");
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		if (!h->cnt[i])
			continue;
		mms_json_obj(&j, NULL);
		mms_json_u64(&j, "low_ns", mmscope_hist_bucket_min(i));
		mms_json_u64(&j, "high_ns", mmscope_hist_bucket_max(h->last[i]));
		mms_json_u64(&j, "count", h->cnt[i]);
		mms_json_end_obj(&j);
	}
	mms_json_end_arr(&j);
	mms_json_end_obj(&j);
	mms_json_done(&j);
	fflush(stdout);
}

/* Read histogram view @view into @h: 0, or -1 after saying why. */
static int mms_hist_read(const char *view, struct mms_hist *h)
{
	const char *why;
	char *text = mms_source_read(view);
	int ret = 0;

	if (!text)
		return -1;
	if (mms_hist_parse(h, text, &why)) {
		mms_err("%s/%s: %s: use the mmscope command built with the module",
			mms_env.debugfs, view, why);
		ret = -1;
	}
	free(text);
	return ret;
}

/* Show @h: the whole histogram (@secs 0) or one interval's delta. */
static void mms_hist_show(const char *name, const struct mms_hist *h,
			  const char *unit, uint64_t div, double secs)
{
	uint64_t slot[MMS_SLOTS];
	unsigned int used = mms_hist_slots(h, div, slot);
	uint64_t n = secs > 0 ? h->table_sum : h->count;

	if (mms_env.json) {
		mms_hist_json(name, h, unit, secs, slot, used);
		return;
	}
	if (secs > 0 && mms_env.timestamp) {
		char tbuf[16];
		time_t t = time(NULL);

		strftime(tbuf, sizeof(tbuf), "%H:%M:%S", localtime(&t));
		printf("%-8s\n", tbuf);
	}
	printf("%s: count %llu", name, (unsigned long long)n);
	if (n && secs > 0)
		printf(" in %.2f s, avg %.1f us, p50 %.1f us, p99 %.1f us",
		       secs, (double)h->sum_ns / (double)n / 1e3,
		       mms_hist_rows_percentile(h, 50000) / 1e3,
		       mms_hist_rows_percentile(h, 99000) / 1e3);
	else if (n)
		printf(", avg %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us",
		       (double)h->sum_ns / (double)n / 1e3,
		       h->p50_ns / 1e3, h->p99_ns / 1e3, h->max_ns / 1e3);
	printf("\n");
	if (used)
		mms_print_log2(slot, used, unit);
	if (secs > 0) {
		printf("\n");
		fflush(stdout);
	}
}

/*
 * Every @interval seconds, @count times (0: until interrupted), the
 * histogram of what the interval added, as libbpf-tools' histogram tools
 * print theirs.  An interval across a reload is said, not shown.
 */
static int mms_hist_intervals(const char *name, const char *view,
			      const char *unit, uint64_t div,
			      unsigned long interval, unsigned long count)
{
	struct mms_hist *h = calloc(3, sizeof(*h));
	struct mms_hist *prev, *cur, *delta;
	double start, then;
	unsigned long n;
	int ret = MMS_EXIT_ERR;

	if (!h) {
		mms_err("out of memory");
		return MMS_EXIT_ERR;
	}
	prev = &h[0];
	cur = &h[1];
	delta = &h[2];
	start = mms_now();
	then = start;
	if (mms_hist_read(view, prev))
		goto free_hist;
	ret = MMS_EXIT_OK;
	for (n = 0; !count || n < count; n++) {
		struct mms_hist *t;

		if (!mms_sleep_until(start + (double)interval * (n + 1)))
			break;
		if (mms_hist_read(view, cur)) {
			ret = MMS_EXIT_ERR;
			break;
		}
		if (cur->count < prev->count) {
			if (mms_env.json)
				printf("{\"name\":\"%s\",\"type\":\"restart\"}\n", name);
			else
				printf("%s: RESTART (the counts went back: the module was reloaded)\n\n",
				       name);
		} else {
			*delta = *cur;
			mms_hist_sub(delta, prev);
			mms_hist_show(name, delta, unit, div, mms_now() - then);
		}
		then = mms_now();
		t = prev;
		prev = cur;
		cur = t;
	}
free_hist:
	free(h);
	return ret;
}

static const struct option mms_hist_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ "msecs", no_argument, NULL, 'm' },
	{ "nsecs", no_argument, NULL, 'n' },
	{ 0 }
};

int mms_cmd_hist(int argc, char **argv)
{
	unsigned long interval = 0, count = 0;
	const char *unit = "usecs", *name;
	int c, ret = MMS_EXIT_ERR;
	uint64_t div = 1000;
	struct mms_hist *h;
	char view[300];

	while ((c = getopt_long(argc, argv, MMS_COMMON_SHORTOPTS "mn",
				mms_hist_opts, NULL)) != -1) {
		if (c == 'm') {
			unit = "msecs";
			div = 1000000;
		} else if (c == 'n') {
			unit = "nsecs";
			div = 1;
		} else if (mms_common_opt(c, optarg, argv)) {
			return MMS_EXIT_USAGE;
		}
	}
	if (argc - optind > 3) {
		mms_usage_error("hist: unexpected '%s'", argv[optind + 3]);
		return MMS_EXIT_USAGE;
	}
	if (argc - optind > 1 &&
	    !mms_parse_uint(argv[optind + 1], 86400, &interval)) {
		mms_usage_error("hist: INTERVAL must be a whole number of seconds, 1 to 86400, not '%s'",
				argv[optind + 1]);
		return MMS_EXIT_USAGE;
	}
	if (argc - optind > 2 &&
	    !mms_parse_uint(argv[optind + 2], 1UL << 31, &count)) {
		mms_usage_error("hist: COUNT must be a positive whole number, not '%s'",
				argv[optind + 2]);
		return MMS_EXIT_USAGE;
	}
	if (!mms_source_open())
		return MMS_EXIT_ERR;
	if (optind == argc)
		return mms_hist_list();
	name = argv[optind];
	if (!mms_hist_name_ok(name)) {
		mms_usage_error("hist: '%s' is not a histogram name", name);
		return MMS_EXIT_USAGE;
	}
	snprintf(view, sizeof(view), "histograms/%s", name);
	if (!mms_source_has(view)) {
		if (!mms_source_has("histograms"))
			return mms_unsupported("hist", "histograms");
		mms_err("no histogram '%s': 'mmscope hist' lists them", name);
		return MMS_EXIT_ERR;
	}
	if (interval)
		return mms_hist_intervals(name, view, unit, div, interval, count);
	h = malloc(sizeof(*h));
	if (!h) {
		mms_err("out of memory");
		return MMS_EXIT_ERR;
	}
	if (!mms_hist_read(view, h)) {
		mms_hist_show(name, h, unit, div, 0);
		ret = MMS_EXIT_OK;
	}
	free(h);
	return ret;
}
