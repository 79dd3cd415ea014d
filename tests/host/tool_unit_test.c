// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the mmscope command's parsing and formatting:
 * tools/parse.c and tools/json.c, linked in.  Prints one "PASS  host:
 * tool-unit: CASE" or "FAIL  ..." line per case; exits 1 on any failure.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mms.h"

struct mms_env mms_env = { .debugfs = "/nonexistent" };
volatile int mms_exiting;

void mms_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int failures;

static void check(bool ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("PASS  host: tool-unit: %s\n", name);
		return;
	}
	failures++;
	printf("FAIL  host: tool-unit: %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* What the JSON writer makes of @s, as a malloc'ed string. */
static char *json_of(const char *s, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	mms_json_write_string(f, s, n);
	fclose(f);
	return buf;
}

static void test_json_escape(void)
{
	static const struct {
		const char *in;
		size_t n;
		const char *out;
	} cases[] = {
		{ "plain", 5, "\"plain\"" },
		{ "q\"b\\", 4, "\"q\\\"b\\\\\"" },
		{ "a\nb\tc\001\037\177", 8, "\"a\\nb\\tc\\u0001\\u001f\\u007f\"" },
		{ "nul\0x", 5, "\"nul\\u0000x\"" },
		{ "caf\xc3\xa9", 5, "\"caf\xc3\xa9\"" },			/* valid UTF-8 */
		{ "\xe2\x82\xac", 3, "\"\xe2\x82\xac\"" },			/* euro sign */
		{ "\xf0\x9f\x98\x80", 4, "\"\xf0\x9f\x98\x80\"" },		/* 4 bytes */
		{ "bad\xff", 4, "\"bad\\ufffd\"" },
		{ "\xc3", 1, "\"\\ufffd\"" },					/* cut short */
		{ "\xc0\xaf", 2, "\"\\ufffd\\ufffd\"" },			/* overlong */
		{ "\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"" },		/* surrogate */
		{ "\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },	/* > U+10FFFF */
	};
	size_t i;
	bool ok = true;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = json_of(cases[i].in, cases[i].n);

		if (strcmp(got, cases[i].out)) {
			check(false, "json-escape", "case %zu: got %s, want %s",
			      i, got, cases[i].out);
			ok = false;
		}
		free(got);
	}
	if (ok)
		check(true, "json-escape", "");
}

static void test_json_structure(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct mms_json j;
	const char *want = "{\"a\": 1, \"b\": [], \"c\": [{\"x\": null}, true], \"d\": -2, \"e\": 0.500, \"f\": null}\n";

	mms_json_init(&j, f);
	j.compact = true;
	mms_json_obj(&j, NULL);
	mms_json_u64(&j, "a", 1);
	mms_json_arr(&j, "b");
	mms_json_end_arr(&j);
	mms_json_arr(&j, "c");
	mms_json_obj(&j, NULL);
	mms_json_null(&j, "x");
	mms_json_end_obj(&j);
	mms_json_bool(&j, NULL, true);
	mms_json_end_arr(&j);
	mms_json_i64(&j, "d", -2);
	mms_json_double(&j, "e", 0.5);
	mms_json_double(&j, "f", 0.0 / 0.0);	/* NaN is not JSON */
	mms_json_end_obj(&j);
	mms_json_done(&j);
	fclose(f);
	check(!strcmp(buf, want), "json-structure", "got %s want %s", buf, want);
	free(buf);
}

static void test_kv_parse(void)
{
	const char *text =
		"# a comment 5\n"
		"alpha 1\n"
		"beta unavailable\n"
		"gamma 18446744073709551615\n"
		"delta 18446744073709551616\n"		/* overflows: malformed */
		"eps -3\n"				/* not unsigned: malformed */
		"zeta 1 2\n"				/* two values */
		"  eta 4\n"				/* leading space */
		"theta 7\tx\n"
		"alpha 99\n"				/* first one wins */
		"p99.9_ns 12\n"
		"iota\t8   \n"
		"kappa 5";				/* no final newline */
	struct mms_kvset set = { 0 };
	const struct mms_kv *kv;
	bool ok;

	mms_kv_parse(&set, text);
	ok = set.n == 8 && set.malformed == 2;
	ok = ok && (kv = mms_kv_find(&set, "alpha")) && kv->avail && kv->value == 1;
	ok = ok && (kv = mms_kv_find(&set, "beta")) && !kv->avail;
	ok = ok && (kv = mms_kv_find(&set, "gamma")) && kv->value == UINT64_MAX;
	/* Kept, unavailable, so that nobody reads them as 0. */
	ok = ok && (kv = mms_kv_find(&set, "delta")) && !kv->avail && kv->malformed;
	ok = ok && (kv = mms_kv_find(&set, "eps")) && !kv->avail && kv->malformed;
	ok = ok && (kv = mms_kv_find(&set, "beta")) && !kv->malformed;
	ok = ok && !mms_kv_find(&set, "zeta") && !mms_kv_find(&set, "eta") &&
	     !mms_kv_find(&set, "theta");
	ok = ok && (kv = mms_kv_find(&set, "p99.9_ns")) && kv->value == 12;
	ok = ok && (kv = mms_kv_find(&set, "iota")) && kv->value == 8;
	ok = ok && (kv = mms_kv_find(&set, "kappa")) && kv->value == 5;
	check(ok, "kv-parse", "%zu figures", set.n);
	mms_kv_free(&set);
}

static void test_abi(void)
{
	unsigned int a = 9, b = 9;
	bool ok;

	ok = mms_parse_abi("mmscope 0.1.0\nabi 0.1\nkernel x\n", &a, &b) &&
	     a == 0 && b == 1;
	ok = ok && mms_parse_abi("abi 12.34\n", &a, &b) && a == 12 && b == 34;
	ok = ok && !mms_parse_abi("mmscope 0.1.0\nabi x\n", &a, &b);
	ok = ok && !mms_parse_abi("abi 1.2", &a, &b);	/* not a whole line */
	check(ok, "abi-line", "");
}

/*
 * A histogram view as the module prints it, built here from a bucket
 * array in the module's way (rows merging the buckets that start at the
 * same whole number of units), to check that parsing maps every row back
 * to its buckets and that row percentiles equal the module's.
 */
static char *render(const __u64 *b, uint64_t div, const char *unit)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	uint64_t count = 0, min = 0, max = 0;
	unsigned int i, first = MMSCOPE_HIST_NR_BUCKETS, last = 0;

	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		count += b[i];
		if (b[i]) {
			if (first == MMSCOPE_HIST_NR_BUCKETS)
				first = i;
			last = i;
		}
	}
	if (count) {
		min = mmscope_hist_bucket_min(first);
		max = mmscope_hist_bucket_max(last) == MMSCOPE_HIST_VALUE_MAX ?
		      mmscope_hist_bucket_min(last) : mmscope_hist_bucket_max(last);
	}
	fprintf(f, "count %llu\nsum_ns 0\nmin_ns %llu\nmax_ns %llu\n",
		(unsigned long long)count, (unsigned long long)min,
		(unsigned long long)max);
	fprintf(f, "p50_ns %llu\np90_ns 0\np99_ns %llu\np99.9_ns 0\n\n",
		(unsigned long long)mmscope_hist_percentile_buckets(b, MMSCOPE_HIST_NR_BUCKETS, 50000, min, max),
		(unsigned long long)mmscope_hist_percentile_buckets(b, MMSCOPE_HIST_NR_BUCKETS, 99000, min, max));
	fprintf(f, "     %-19s : count    distribution\n", unit);
	for (i = first; count && i <= last; ) {
		uint64_t lo = mmscope_hist_bucket_min(i) / div, c = 0;

		do {
			c += b[i++];
		} while (i <= last && mmscope_hist_bucket_min(i) / div == lo);
		if (!c) {
			fprintf(f, "          ...\n");
			continue;
		}
		fprintf(f, "%10llu -> %-10llu : %-8llu |***|\n",
			(unsigned long long)lo,
			(unsigned long long)(mmscope_hist_bucket_max(i - 1) / div),
			(unsigned long long)c);
	}
	fclose(f);
	return buf;
}

static void test_hist_parse(void)
{
	static __u64 b[MMSCOPE_HIST_NR_BUCKETS];
	static struct mms_hist h, h2;
	const char *why = NULL;
	unsigned int i, seed = 1, trial;
	bool ok = true;
	char *text;

	for (trial = 0; trial < 200 && ok; trial++) {
		/* Values from 8.192 us up: single-bucket rows in usecs. */
		memset(b, 0, sizeof(b));
		for (i = 0; i < 1 + trial % 7; i++) {
			seed = seed * 1103515245 + 12345;
			b[88 + (seed >> 8) % 150] += 1 + (seed >> 4) % 1000;
		}
		text = render(b, 1000, "usecs");
		if (mms_hist_parse(&h, text, &why)) {
			check(false, "hist-parse", "trial %u: %s", trial, why);
			free(text);
			return;
		}
		for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++)
			if (h.cnt[i] != b[i] || (b[i] && h.last[i] != i))
				ok = false;
		ok = ok && mms_hist_rows_percentile(&h, 50000) == h.p50_ns &&
		     mms_hist_rows_percentile(&h, 99000) == h.p99_ns &&
		     h.table_sum == h.count;
		if (!ok)
			check(false, "hist-parse", "trial %u: rows or percentiles differ (p50 %llu vs %llu)",
			      trial,
			      (unsigned long long)mms_hist_rows_percentile(&h, 50000),
			      (unsigned long long)h.p50_ns);
		free(text);
	}
	if (ok)
		check(true, "hist-parse", "");

	/* Below 8 us rows merge buckets: each row is its buckets' range. */
	memset(b, 0, sizeof(b));
	for (i = 0; i < 80; i++)
		b[i] = i + 1;
	text = render(b, 1000, "usecs");
	ok = !mms_hist_parse(&h, text, &why);
	free(text);
	for (i = 0; ok && i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		if (!h.cnt[i])
			continue;
		/* A row's buckets all start at the same whole usec. */
		ok = mmscope_hist_bucket_min(i) / 1000 ==
		     mmscope_hist_bucket_min(h.last[i]) / 1000 &&
		     (h.last[i] + 1 >= MMSCOPE_HIST_NR_BUCKETS ||
		      mmscope_hist_bucket_min(h.last[i] + 1) / 1000 !=
		      mmscope_hist_bucket_min(i) / 1000);
	}
	ok = ok && h.table_sum == h.count && h.count == 80 * 81 / 2;
	check(ok, "hist-merged-rows", "%s", why ? why : "row ranges wrong");

	/* Subtracting the same view gives an empty one; subtracting less, the rest. */
	h2 = h;
	mms_hist_sub(&h2, &h);
	ok = h2.table_sum == 0 && h2.count == 0 &&
	     mms_hist_rows_percentile(&h2, 50000) == 0;
	memset(b, 0, sizeof(b));
	b[100] = 10;
	text = render(b, 1000, "usecs");
	mms_hist_parse(&h, text, &why);
	free(text);
	b[120] = 5;
	text = render(b, 1000, "usecs");
	mms_hist_parse(&h2, text, &why);
	free(text);
	mms_hist_sub(&h2, &h);
	ok = ok && h2.table_sum == 5 && h2.cnt[120] == 5 && !h2.cnt[100];
	/* All 5 in bucket 120: every percentile inside it. */
	ok = ok && mms_hist_rows_percentile(&h2, 50000) >= mmscope_hist_bucket_min(120) &&
	     mms_hist_rows_percentile(&h2, 99000) <= mmscope_hist_bucket_max(120);
	check(ok, "hist-sub", "");

	/* Overflow bucket, msecs and nsecs tables. */
	memset(b, 0, sizeof(b));
	b[3] = 2;
	b[MMSCOPE_HIST_OVERFLOW] = 1;
	text = render(b, 1, "nsecs");
	ok = !mms_hist_parse(&h, text, &why) && h.cnt[3] == 2 &&
	     h.cnt[MMSCOPE_HIST_OVERFLOW] == 1 && h.div == 1;
	free(text);
	text = render(b, 1000000, "msecs");
	ok = ok && !mms_hist_parse(&h, text, &why) && h.div == 1000000 &&
	     h.table_sum == 3;
	free(text);
	check(ok, "hist-units", "%s", why ? why : "");

	/* What is not a histogram view is refused, with a reason. */
	ok = mms_hist_parse(&h, "sum_ns 3\n", &why) && why;
	ok = ok && mms_hist_parse(&h, "count 1\n\n   furlongs : count    distribution\n", &why) && why;
	ok = ok && mms_hist_parse(&h, "count 1\n\n  usecs : count    distribution\n 132 -> 147 : 1 |*|\n", &why) && why;
	ok = ok && !mms_hist_parse(&h, "count 0\nnew_figure 7\n\n  usecs : count  distribution\nsomething new\n", &why);
	check(ok, "hist-refuse", "");
}

int main(void)
{
	test_json_escape();
	test_json_structure();
	test_kv_parse();
	test_abi();
	test_hist_parse();
	return failures ? 1 : 0;
}
