// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope export --prometheus | --openmetrics: every figure of the
 * module's views as metrics, for Prometheus.
 *
 * --prometheus writes the text exposition format 0.0.4, the one
 * node_exporter's textfile collector parses (a counter's family is named
 * with its _total suffix); --openmetrics writes OpenMetrics 1.0 (family
 * without _total, samples with it, "# EOF" at the end).  Otherwise the
 * two are the same:
 *
 *   mmscope_vmstat_<figure>_total   the vmstat view, named as /proc/vmstat
 *   mmscope_events_total{event=}    the counters view
 *   mmscope_<name>_seconds          each histogram, with buckets at the
 *                                   powers of two of ns from 2^10 (1 us)
 *                                   to 2^40, which the module's rows never
 *                                   straddle, so every bucket is exact
 *
 * A figure that reads "unavailable" is left out: no sample is better
 * than a wrong one.  export --json writes the views' figures (null for
 * unavailable ones) and each histogram's summary as one JSON document.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "mms.h"
#include "opts.h"

/* Histogram buckets: le = 2^k ns for k in [MMS_LE_FIRST, MMS_LE_LAST]. */
#define MMS_LE_FIRST	10
#define MMS_LE_LAST	40

static bool mms_om;	/* OpenMetrics rather than the 0.0.4 text format */

static void mms_family(const char *name, const char *type, const char *help)
{
	const char *suffix = !mms_om && !strcmp(type, "counter") ? "_total" : "";

	printf("# HELP %s%s %s\n", name, suffix, help);
	printf("# TYPE %s%s %s\n", name, suffix, type);
}

static bool mms_metric_name_ok(const char *s)
{
	for (; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

static int mms_export_vmstat(void)
{
	struct mms_kvset kv = { 0 };
	size_t i;

	if (mms_source_read_kv("vmstat", &kv))
		goto free_kv;
	for (i = 0; i < kv.n; i++) {
		char name[128];

		if (!kv.kv[i].avail || !mms_metric_name_ok(kv.kv[i].name))
			continue;
		snprintf(name, sizeof(name), "mmscope_vmstat_%s", kv.kv[i].name);
		mms_family(name, "counter",
			   "Counted by mmscope as /proc/vmstat counts the figure of the same name.");
		printf("%s_total %llu\n", name,
		       (unsigned long long)kv.kv[i].value);
	}
	mms_kv_free(&kv);
	return 0;
free_kv:
	mms_kv_free(&kv);
	return -1;
}

static int mms_export_counters(void)
{
	struct mms_kvset kv = { 0 };
	size_t i;

	if (mms_source_read_kv("counters", &kv))
		goto free_kv;
	mms_family("mmscope_events", "counter",
		   "Events mmscope counted, by the name of its counters view.");
	for (i = 0; i < kv.n; i++)
		if (kv.kv[i].avail && mms_metric_name_ok(kv.kv[i].name))
			printf("mmscope_events_total{event=\"%s\"} %llu\n",
			       kv.kv[i].name,
			       (unsigned long long)kv.kv[i].value);
	mms_kv_free(&kv);
	return 0;
free_kv:
	mms_kv_free(&kv);
	return -1;
}

/*
 * @ns in seconds, exactly: every whole number of ns is a decimal of at
 * most nine places, written without trailing zeros (2^30 ns is
 * 1.073741824, not 1.07374182).
 */
static void mms_print_le(uint64_t ns)
{
	char frac[16];
	int n;

	printf("%llu", (unsigned long long)(ns / 1000000000));
	if (!(ns % 1000000000))
		return;
	n = snprintf(frac, sizeof(frac), "%09llu",
		     (unsigned long long)(ns % 1000000000));
	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	printf(".%s", frac);
}

static int mms_export_hist(const char *name)
{
	struct mms_hist *h = malloc(sizeof(*h));
	uint64_t cum = 0;
	char view[300], fam[300];
	const char *why;
	unsigned int i, k;
	char *text;
	int ret = -1;

	if (!h) {
		mms_err("out of memory");
		return -1;
	}
	snprintf(view, sizeof(view), "histograms/%s", name);
	text = mms_source_read(view);
	if (!text)
		goto free_hist;
	if (mms_hist_parse(h, text, &why)) {
		mms_err("%s/%s: %s: use the mmscope command built with the module",
			mms_env.debugfs, view, why);
		goto free_text;
	}
	snprintf(fam, sizeof(fam), "mmscope_%s_seconds", name);
	mms_family(fam, "histogram", "Latency, as mmscope's histogram of the same name.");
	i = 0;
	for (k = MMS_LE_FIRST; k <= MMS_LE_LAST; k++) {
		uint64_t le = (uint64_t)1 << k;

		/* Rows wholly below le (in usecs, all that start below). */
		while (i < MMSCOPE_HIST_NR_BUCKETS &&
		       (!h->cnt[i] || mmscope_hist_bucket_max(h->last[i]) < le))
			cum += h->cnt[i++];
		printf("%s_bucket{le=\"", fam);
		mms_print_le(le);
		printf("\"} %llu\n", (unsigned long long)cum);
	}
	printf("%s_bucket{le=\"+Inf\"} %llu\n", fam,
	       (unsigned long long)h->table_sum);
	printf("%s_sum %.9f\n", fam, (double)h->sum_ns / 1e9);
	printf("%s_count %llu\n", fam, (unsigned long long)h->table_sum);
	ret = 0;
free_text:
	free(text);
free_hist:
	free(h);
	return ret;
}

static int mms_export_hists(void)
{
	char path[4096];
	struct dirent *d;
	DIR *dir;
	int ret = 0;

	snprintf(path, sizeof(path), "%s/histograms", mms_env.debugfs);
	dir = opendir(path);
	if (!dir)
		return 0;	/* a module without histograms */
	while ((d = readdir(dir)) && !ret)
		if (d->d_name[0] != '.' && mms_metric_name_ok(d->d_name))
			ret = mms_export_hist(d->d_name);
	closedir(dir);
	return ret;
}

/* export --json: the same figures, as one JSON document. */
static void mms_json_kv(struct mms_json *j, const char *key,
			const struct mms_kvset *kv)
{
	size_t i;

	mms_json_obj(j, key);
	for (i = 0; i < kv->n; i++) {
		if (kv->kv[i].avail)
			mms_json_u64(j, kv->kv[i].name, kv->kv[i].value);
		else
			mms_json_null(j, kv->kv[i].name);
	}
	mms_json_end_obj(j);
}

static int mms_export_json(void)
{
	struct mms_kvset vm = { 0 }, cnt = { 0 };
	struct mms_hist *h = malloc(sizeof(*h));
	char path[4096], view[300];
	struct mms_json j;
	struct dirent *d;
	const char *why;
	int ret = -1;
	DIR *dir;

	if (!h || mms_source_read_kv("vmstat", &vm) ||
	    mms_source_read_kv("counters", &cnt))
		goto free_all;
	mms_json_init(&j, stdout);
	mms_json_obj(&j, NULL);
	mms_json_kv(&j, "vmstat", &vm);
	mms_json_kv(&j, "counters", &cnt);
	mms_json_obj(&j, "histograms");
	snprintf(path, sizeof(path), "%s/histograms", mms_env.debugfs);
	dir = opendir(path);
	while (dir && (d = readdir(dir))) {
		char *text;

		if (d->d_name[0] == '.')
			continue;
		snprintf(view, sizeof(view), "histograms/%s", d->d_name);
		text = mms_source_read(view);
		if (!text || mms_hist_parse(h, text, &why)) {
			if (text)
				mms_err("%s/%s: %s", mms_env.debugfs, view, why);
			free(text);
			closedir(dir);
			goto free_all;
		}
		free(text);
		mms_json_obj(&j, d->d_name);
		mms_json_u64(&j, "count", h->count);
		mms_json_u64(&j, "sum_ns", h->sum_ns);
		mms_json_u64(&j, "min_ns", h->min_ns);
		mms_json_u64(&j, "max_ns", h->max_ns);
		mms_json_u64(&j, "p50_ns", h->p50_ns);
		mms_json_u64(&j, "p90_ns", h->p90_ns);
		mms_json_u64(&j, "p99_ns", h->p99_ns);
		mms_json_u64(&j, "p99.9_ns", h->p999_ns);
		mms_json_end_obj(&j);
	}
	if (dir)
		closedir(dir);
	mms_json_end_obj(&j);
	mms_json_end_obj(&j);
	mms_json_done(&j);
	ret = 0;
free_all:
	mms_kv_free(&vm);
	mms_kv_free(&cnt);
	free(h);
	return ret;
}

static const struct option mms_export_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ "prometheus", no_argument, NULL, 'p' },
	{ "openmetrics", no_argument, NULL, 'o' },
	{ 0 }
};

/*
 * mmscope_build_info: the tool's version and the module's, its ABI and
 * kernel, as labels of a gauge that is always 1 (the usual *_build_info).
 */
static int mms_export_build_info(void)
{
	const char *keys[] = { "mmscope", "abi", "kernel" };
	char val[3][64] = { "", "", "" };
	char *text = mms_source_read("version"), *p, *line;
	size_t k;

	if (!text)
		return -1;
	p = text;
	while ((line = mms_next_line(&p)))
		for (k = 0; k < ARRAY_SIZE(keys); k++) {
			size_t n = strlen(keys[k]);
			const char *v = line + n + 1;

			if (strncmp(line, keys[k], n) || line[n] != ' ')
				continue;
			/* Label values: no quote, backslash or newline here. */
			snprintf(val[k], sizeof(val[k]), "%.*s",
				 (int)strcspn(v, "\\\""), v);
		}
	free(text);
	mms_family("mmscope_build_info", "gauge",
		   "Versions of the mmscope command, the module, its ABI and the kernel; always 1.");
	printf("mmscope_build_info{version=\"%s\",module_version=\"%s\",abi=\"%s\",kernel=\"%s\"} 1\n",
	       MMS_TOOL_VERSION, val[0], val[1], val[2]);
	return 0;
}

int mms_cmd_export(int argc, char **argv)
{
	const char *chosen = NULL;
	int c;

	while ((c = getopt_long(argc, argv, MMS_COMMON_SHORTOPTS "po",
				mms_export_opts, NULL)) != -1) {
		if (c == 'p' || c == 'o' || c == 'j') {
			const char *f = c == 'p' ? "--prometheus" :
					c == 'o' ? "--openmetrics" : "--json";

			if (chosen && strcmp(chosen, f)) {
				mms_usage_error("export: one format at a time, not both %s and %s",
						chosen, f);
				return MMS_EXIT_USAGE;
			}
			chosen = f;
			mms_om = c == 'o';
			if (c == 'j')
				mms_env.json = true;
		} else if (mms_common_opt(c, optarg, argv)) {
			return MMS_EXIT_USAGE;
		}
	}
	/* --json given before the command. */
	if (mms_env.json && chosen && strcmp(chosen, "--json")) {
		mms_usage_error("export: one format at a time, not both --json and %s",
				chosen);
		return MMS_EXIT_USAGE;
	}
	if (!chosen && !mms_env.json) {
		mms_usage_error("export: say --prometheus, --openmetrics or --json");
		return MMS_EXIT_USAGE;
	}
	if (optind < argc) {
		mms_usage_error("export: unexpected '%s'", argv[optind]);
		return MMS_EXIT_USAGE;
	}
	if (!mms_source_open())
		return MMS_EXIT_ERR;
	if (mms_env.json)
		return mms_export_json() ? MMS_EXIT_ERR : MMS_EXIT_OK;
	if (mms_export_build_info() || mms_export_vmstat() ||
	    mms_export_counters() || mms_export_hists())
		return MMS_EXIT_ERR;
	if (mms_om)
		printf("# EOF\n");
	return MMS_EXIT_OK;
}
