// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing the module's debugfs views.
 *
 * debugfs is for people, so these parsers are lenient the way the views
 * change: figures are found by name, lines they do not know are skipped,
 * and a new figure or comment breaks nothing.  What they cannot make sense
 * of at all they refuse with a reason, never with a guess.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mms.h"

static bool mms_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-';
}

/* Parse an unsigned decimal of [s, e); false on anything else or overflow. */
static bool mms_parse_u64n(const char *s, const char *e, uint64_t *out)
{
	uint64_t v = 0;

	if (s == e)
		return false;
	for (; s < e; s++) {
		unsigned int d;

		if (*s < '0' || *s > '9')
			return false;
		d = (unsigned int)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

int mms_kv_parse(struct mms_kvset *set, const char *text)
{
	const char *line = text;

	while (*line) {
		const char *eol = strchr(line, '\n');
		const char *p = line, *ns, *ne, *vs, *ve;
		struct mms_kv kv;

		if (!eol)
			eol = line + strlen(line);
		ns = p;
		while (p < eol && mms_name_char(*p))
			p++;
		ne = p;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		vs = p;
		while (p < eol && !isspace((unsigned char)*p))
			p++;
		ve = p;
		while (p < eol && isspace((unsigned char)*p))
			p++;
		memset(&kv, 0, sizeof(kv));
		if (ne > ns && vs > ne && p == eol &&
		    (size_t)(ne - ns) < sizeof(kv.name)) {
			memcpy(kv.name, ns, (size_t)(ne - ns));
			if (mms_parse_u64n(vs, ve, &kv.value))
				kv.avail = true;
			else if (ve - vs != 11 || memcmp(vs, "unavailable", 11))
				kv.malformed = true;
			if (kv.name[0] && !mms_kv_find(set, kv.name)) {
				if (set->n == set->cap) {
					size_t cap = set->cap ? set->cap * 2 : 64;
					struct mms_kv *n;

					n = realloc(set->kv, cap * sizeof(*n));
					if (!n)
						return -1;
					set->kv = n;
					set->cap = cap;
				}
				set->kv[set->n++] = kv;
				set->malformed += kv.malformed;
			}
		}
		line = *eol ? eol + 1 : eol;
	}
	return 0;
}

const struct mms_kv *mms_kv_find(const struct mms_kvset *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->kv[i].name, name))
			return &set->kv[i];
	return NULL;
}

void mms_kv_free(struct mms_kvset *set)
{
	free(set->kv);
	memset(set, 0, sizeof(*set));
}

bool mms_parse_abi(const char *text, unsigned int *major, unsigned int *minor)
{
	const char *p = text;

	while (p && *p) {
		unsigned int a, b;
		char end;

		if (sscanf(p, "abi %u.%u%c", &a, &b, &end) == 3 && end == '\n') {
			*major = a;
			*minor = b;
			return true;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return false;
}

static const struct {
	const char *name;
	uint64_t div;
} mms_units[] = {
	{ "nsecs", 1 },
	{ "usecs", 1000 },
	{ "msecs", 1000000 },
};

/* The buckets whose lower bound is @lo units: [*first, *last]. */
static bool mms_row_buckets(uint64_t lo, uint64_t div, unsigned int *first,
			    unsigned int *last)
{
	unsigned int i;

	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++)
		if (mmscope_hist_bucket_min(i) / div >= lo)
			break;
	if (i == MMSCOPE_HIST_NR_BUCKETS || mmscope_hist_bucket_min(i) / div != lo)
		return false;
	*first = i;
	while (i + 1 < MMSCOPE_HIST_NR_BUCKETS &&
	       mmscope_hist_bucket_min(i + 1) / div == lo)
		i++;
	*last = i;
	return true;
}

int mms_hist_parse(struct mms_hist *h, const char *text, const char **why)
{
	const char *line = text;
	bool have_count = false, in_table = false;

	memset(h, 0, sizeof(*h));
	*why = NULL;
	while (*line) {
		const char *eol = strchr(line, '\n');
		char buf[256], name[32];
		unsigned long long a, b, c;
		size_t len;
		int n;

		if (!eol)
			eol = line + strlen(line);
		len = (size_t)(eol - line);
		if (len >= sizeof(buf))
			len = sizeof(buf) - 1;
		memcpy(buf, line, len);
		buf[len] = '\0';
		line = *eol ? eol + 1 : eol;

		if (!in_table) {
			size_t u;

			if (sscanf(buf, "%31s %llu%n", name, &a, &n) == 2 &&
			    buf[n] == '\0') {
				if (!strcmp(name, "count")) {
					h->count = a;
					have_count = true;
				} else if (!strcmp(name, "sum_ns")) {
					h->sum_ns = a;
				} else if (!strcmp(name, "min_ns")) {
					h->min_ns = a;
				} else if (!strcmp(name, "max_ns")) {
					h->max_ns = a;
				} else if (!strcmp(name, "p50_ns")) {
					h->p50_ns = a;
				} else if (!strcmp(name, "p90_ns")) {
					h->p90_ns = a;
				} else if (!strcmp(name, "p99_ns")) {
					h->p99_ns = a;
				} else if (!strcmp(name, "p99.9_ns")) {
					h->p999_ns = a;
				}
				continue;
			}
			if (!strstr(buf, " : count") ||
			    sscanf(buf, " %31s", name) != 1)
				continue;
			for (u = 0; u < ARRAY_SIZE(mms_units); u++)
				if (!strcmp(name, mms_units[u].name))
					h->div = mms_units[u].div;
			if (!h->div) {
				*why = "unknown unit in the table's header";
				return -1;
			}
			in_table = true;
			continue;
		}
		if (sscanf(buf, " %llu -> %llu : %llu%n", &a, &b, &c, &n) == 3) {
			unsigned int first, last;

			if (!mms_row_buckets(a, h->div, &first, &last) ||
			    b < a) {
				*why = "a table row that no bucket starts";
				return -1;
			}
			if (c && !h->cnt[first])
				h->rows++;
			h->cnt[first] += c;
			h->last[first] = (uint16_t)last;
			h->table_sum += c;
		}
		/* "..." lines and anything new are skipped. */
	}
	if (!have_count) {
		*why = "no \"count\" line";
		return -1;
	}
	if (!h->div)
		h->div = 1000;
	return 0;
}

void mms_hist_sub(struct mms_hist *a, const struct mms_hist *b)
{
	unsigned int i;

	a->rows = 0;
	a->table_sum = 0;
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		if (b->cnt[i] && !a->cnt[i])
			a->last[i] = b->last[i];
		a->cnt[i] = a->cnt[i] > b->cnt[i] ? a->cnt[i] - b->cnt[i] : 0;
		if (a->cnt[i])
			a->rows++;
		a->table_sum += a->cnt[i];
	}
	a->count = a->count > b->count ? a->count - b->count : 0;
	a->sum_ns -= b->sum_ns;
	/* min, max and the module's percentiles do not subtract. */
	a->min_ns = 0;
	a->max_ns = MMSCOPE_HIST_VALUE_MAX;
	a->p50_ns = 0;
	a->p90_ns = 0;
	a->p99_ns = 0;
	a->p999_ns = 0;
}

void mms_hist_add(struct mms_hist *a, const struct mms_hist *b)
{
	unsigned int i;

	a->rows = 0;
	a->table_sum = 0;
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		if (b->cnt[i] && !a->cnt[i])
			a->last[i] = b->last[i];
		a->cnt[i] += b->cnt[i];
		if (a->cnt[i])
			a->rows++;
		a->table_sum += a->cnt[i];
	}
	a->count += b->count;
	a->sum_ns += b->sum_ns;
	a->div = b->div;
	/* As for a difference: min and max are not known, nor percentiles. */
	a->min_ns = 0;
	a->max_ns = MMSCOPE_HIST_VALUE_MAX;
	a->p50_ns = 0;
	a->p90_ns = 0;
	a->p99_ns = 0;
	a->p999_ns = 0;
}

uint64_t mms_hist_rows_percentile(const struct mms_hist *h, uint32_t per_100000)
{
	uint64_t rank, seen = 0, lo, hi, w, n, r, v;
	unsigned int i;

	if (!h->table_sum)
		return 0;
	rank = mmscope_hist_rank(h->table_sum, per_100000);
	for (i = 0; i < MMSCOPE_HIST_NR_BUCKETS; i++) {
		if (!h->cnt[i])
			continue;
		if (rank - seen <= h->cnt[i])
			break;
		seen += h->cnt[i];
	}
	if (i == MMSCOPE_HIST_NR_BUCKETS)
		return 0;	/* not reached: rank <= table_sum */
	n = h->cnt[i];
	r = rank - seen;
	lo = mmscope_hist_bucket_min(i);
	if (h->last[i] >= MMSCOPE_HIST_OVERFLOW) {
		v = h->max_ns > lo && h->max_ns != MMSCOPE_HIST_VALUE_MAX ?
		    h->max_ns : lo;
	} else {
		hi = mmscope_hist_bucket_max(h->last[i]);
		w = hi - lo + 1;
		while (n >= ((uint64_t)1 << 27)) {
			n >>= 1;
			r >>= 1;
		}
		v = w * r / (n ? n : 1);
		v = lo + (v ? v - 1 : 0);
	}
	if (v < h->min_ns)
		v = h->min_ns;
	if (v > h->max_ns)
		v = h->max_ns;
	return v;
}

void mms_line_parse(char *line, struct mms_line *l)
{
	char *p = line;
	bool first = true;

	memset(l, 0, sizeof(*l));
	l->type = "";
	while (*p == ' ')
		p++;
	l->indent = (int)(p - line);
	while (*p) {
		char *tok = p, *eq;

		while (*p && !isspace((unsigned char)*p))
			p++;
		if (*p)
			*p++ = '\0';
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*tok)
			continue;
		eq = strchr(tok, '=');
		if (eq && eq != tok) {
			if (l->nf < MMS_LINE_MAX_TOKENS) {
				*eq = '\0';
				l->key[l->nf] = tok;
				l->val[l->nf++] = eq + 1;
			}
		} else if (first) {
			l->type = tok;
		} else if (l->ntok < MMS_LINE_MAX_TOKENS) {
			l->tok[l->ntok++] = tok;
		}
		first = false;
	}
}

const char *mms_line_get(const struct mms_line *l, const char *key)
{
	int i;

	for (i = 0; i < l->nf; i++)
		if (!strcmp(l->key[i], key))
			return l->val[i];
	return NULL;
}

bool mms_line_u64(const struct mms_line *l, const char *key, uint64_t *v)
{
	const char *s = mms_line_get(l, key);

	return s && mms_parse_u64n(s, s + strlen(s), v);
}

void mms_json_value(struct mms_json *j, const char *key, const char *v)
{
	uint64_t u;

	if (!strcmp(v, "-"))
		mms_json_null(j, key);
	else if (mms_parse_u64n(v, v + strlen(v), &u))
		mms_json_u64(j, key, u);
	else if (v[0] == '-' && mms_parse_u64n(v + 1, v + strlen(v), &u) &&
		 u <= (uint64_t)INT64_MAX)
		mms_json_i64(j, key, -(int64_t)u);
	else
		mms_json_str(j, key, v);
}

char *mms_next_line(char **text)
{
	char *line = *text, *eol;

	if (!line || !*line)
		return NULL;
	eol = strchr(line, '\n');
	if (eol) {
		*eol = '\0';
		*text = eol + 1;
	} else {
		*text = line + strlen(line);
	}
	return line;
}
