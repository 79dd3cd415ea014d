// SPDX-License-Identifier: GPL-2.0
/*
 * A small JSON writer: objects, arrays, numbers, strings.  Strings are
 * escaped as RFC 8259 asks (quote, backslash, control characters), and
 * bytes that are not valid UTF-8, which task names can hold, become
 * U+FFFD, so the output is always valid JSON whatever the input.
 */
#include <math.h>
#include <string.h>

#include "mms.h"

void mms_json_init(struct mms_json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	j->first[0] = true;
}

/* The length of the valid UTF-8 sequence at @s (of @n bytes), or 0. */
static size_t mms_utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

void mms_json_write_string(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	fputc('"', f);
	while (i < n) {
		unsigned char c = p[i];
		size_t len;

		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			i++;
		} else if (c == '\n') {
			fputs("\\n", f);
			i++;
		} else if (c == '\t') {
			fputs("\\t", f);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(f, "\\u%04x", c);
			i++;
		} else {
			len = mms_utf8_len(p + i, n - i);
			if (len)
				fwrite(p + i, 1, len, f);
			else
				fputs("\\ufffd", f);
			i += len ? len : 1;
		}
	}
	fputc('"', f);
}

/* Separator, indentation and key before a value. */
static void mms_json_pre(struct mms_json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->f);
	if (j->depth && !j->compact)
		fprintf(j->f, "\n%*s", 2 * j->depth, "");
	else if (j->depth && !j->first[j->depth])
		fputc(' ', j->f);
	j->first[j->depth] = false;
	if (key) {
		mms_json_write_string(j->f, key, strlen(key));
		fputs(": ", j->f);
	}
}

static void mms_json_open(struct mms_json *j, const char *key, char c)
{
	mms_json_pre(j, key);
	fputc(c, j->f);
	if (j->depth + 1 < (int)ARRAY_SIZE(j->first))
		j->depth++;
	j->first[j->depth] = true;
}

static void mms_json_close(struct mms_json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth)
		j->depth--;
	if (!empty && !j->compact)
		fprintf(j->f, "\n%*s", 2 * j->depth, "");
	fputc(c, j->f);
}

void mms_json_obj(struct mms_json *j, const char *key)
{
	mms_json_open(j, key, '{');
}

void mms_json_arr(struct mms_json *j, const char *key)
{
	mms_json_open(j, key, '[');
}

void mms_json_end_obj(struct mms_json *j)
{
	mms_json_close(j, '}');
}

void mms_json_end_arr(struct mms_json *j)
{
	mms_json_close(j, ']');
}

void mms_json_u64(struct mms_json *j, const char *key, uint64_t v)
{
	mms_json_pre(j, key);
	fprintf(j->f, "%llu", (unsigned long long)v);
}

void mms_json_i64(struct mms_json *j, const char *key, int64_t v)
{
	mms_json_pre(j, key);
	fprintf(j->f, "%lld", (long long)v);
}

void mms_json_double(struct mms_json *j, const char *key, double v)
{
	mms_json_pre(j, key);
	if (isfinite(v))
		fprintf(j->f, "%.3f", v);
	else
		fputs("null", j->f);	/* JSON has no NaN or infinity */
}

void mms_json_strn(struct mms_json *j, const char *key, const char *s, size_t n)
{
	mms_json_pre(j, key);
	mms_json_write_string(j->f, s, n);
}

void mms_json_str(struct mms_json *j, const char *key, const char *s)
{
	mms_json_strn(j, key, s, strlen(s));
}

void mms_json_bool(struct mms_json *j, const char *key, bool v)
{
	mms_json_pre(j, key);
	fputs(v ? "true" : "false", j->f);
}

void mms_json_null(struct mms_json *j, const char *key)
{
	mms_json_pre(j, key);
	fputs("null", j->f);
}

void mms_json_done(struct mms_json *j)
{
	fputc('\n', j->f);
	j->first[0] = true;
}
