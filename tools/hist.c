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
	char path[4096];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/histograms", mms_env.debugfs);
	dir = opendir(path);
	if (!dir)
		return mms_unsupported("hist", "histograms");
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			printf("%s\n", d->d_name);
	closedir(dir);
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

static void mms_hist_json(const char *name, const struct mms_hist *h,
			  const char *unit, uint64_t div, const uint64_t *slot,
			  unsigned int used)
{
	struct mms_json j;
	unsigned int i;

	mms_json_init(&j, stdout);
	mms_json_obj(&j, NULL);
	mms_json_str(&j, "name", name);
	mms_json_u64(&j, "count", h->count);
	mms_json_u64(&j, "sum_ns", h->sum_ns);
	mms_json_u64(&j, "min_ns", h->min_ns);
	mms_json_u64(&j, "max_ns", h->max_ns);
	mms_json_u64(&j, "p50_ns", h->p50_ns);
	mms_json_u64(&j, "p90_ns", h->p90_ns);
	mms_json_u64(&j, "p99_ns", h->p99_ns);
	mms_json_u64(&j, "p99.9_ns", h->p999_ns);
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
	(void)div;
}

static const struct option mms_hist_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ "msecs", no_argument, NULL, 'm' },
	{ "nsecs", no_argument, NULL, 'n' },
	{ 0 }
};

int mms_cmd_hist(int argc, char **argv)
{
	const char *unit = "usecs", *name, *why;
	uint64_t div = 1000, slot[MMS_SLOTS];
	int c, ret = MMS_EXIT_ERR;
	struct mms_hist *h;
	unsigned int used;
	char view[300];
	char *text;

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
	if (argc - optind > 1) {
		mms_usage_error("hist: one NAME at most");
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
	text = mms_source_read(view);
	if (!text)
		return MMS_EXIT_ERR;
	h = malloc(sizeof(*h));
	if (!h) {
		mms_err("out of memory");
		goto free_text;
	}
	if (mms_hist_parse(h, text, &why)) {
		mms_err("%s/%s: %s: use the mmscope command built with the module",
			mms_env.debugfs, view, why);
		goto free_hist;
	}
	used = mms_hist_slots(h, div, slot);
	if (mms_env.json) {
		mms_hist_json(name, h, unit, div, slot, used);
	} else {
		printf("%s: count %llu", name, (unsigned long long)h->count);
		if (h->count)
			printf(", avg %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us",
			       (double)h->sum_ns / (double)h->count / 1e3,
			       h->p50_ns / 1e3, h->p99_ns / 1e3, h->max_ns / 1e3);
		printf("\n");
		if (used)
			mms_print_log2(slot, used, unit);
	}
	ret = MMS_EXIT_OK;
free_hist:
	free(h);
free_text:
	free(text);
	return ret;
}
