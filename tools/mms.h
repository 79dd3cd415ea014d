/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope(8): the interfaces between the command's files.
 *
 *   mmscope.c    options, subcommands, errors
 *   source.c     finding and reading the module's debugfs views
 *   parse.c      parsing them ("name value" files, histograms)
 *   json.c       a JSON writer
 *   stat.c, hist.c, export.c, record.c   the subcommands
 */
#ifndef MMS_TOOL_H
#define MMS_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/mmscope_hist.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define __printf(a, b)	__attribute__((format(printf, a, b)))

#define MMS_TOOL_VERSION	"0.1.0"

/* Exit statuses. */
#define MMS_EXIT_OK	0
#define MMS_EXIT_ERR	1	/* the module, the system or a file */
#define MMS_EXIT_USAGE	2	/* the command line */

/* Set by the SIGINT/SIGTERM handler; subcommands that loop stop. */
extern volatile int mms_exiting;

/* The program's options common to every subcommand. */
struct mms_env {
	const char *debugfs;	/* the module's debugfs directory */
	bool json;
	bool timestamp;		/* -T: wall-clock time on each line */
};

extern struct mms_env mms_env;

/* Print "mmscope: MESSAGE" on stderr. */
void mms_err(const char *fmt, ...) __printf(1, 2);

/* ---- source.c ---- */

/*
 * Check that the module's views can be read: debugfs mounted, module
 * loaded, permission, ABI.  On failure, print one line saying what
 * happened and what to do, and return false.
 */
bool mms_source_open(void);

/* Whether the module has the view @name (a path under its directory). */
bool mms_source_has(const char *name);

/*
 * Read view @name into a NUL-terminated malloc'ed buffer.  On failure,
 * print why (naming the file) and return NULL.
 */
char *mms_source_read(const char *name);

struct mms_kvset;
/* Add the "name value" figures of view @name to @set: 0, or -1 said why. */
int mms_source_read_kv(const char *name, struct mms_kvset *set);

/* Say that this module version lacks @what (for @view); return exit status. */
int mms_unsupported(const char *what, const char *view);

/* ---- parse.c ---- */

/**
 * struct mms_kv - one "name value" figure
 * @name: its name
 * @value: its value, when @avail
 * @avail: false for a figure that reads "unavailable", or is malformed
 * @malformed: its value was neither a number nor "unavailable"
 */
struct mms_kv {
	char name[64];
	uint64_t value;
	bool avail;
	bool malformed;
};

/**
 * struct mms_kvset - the figures of one or more "name value" files
 * @kv: the figures, in file order
 * @n: how many
 * @cap: allocated
 * @malformed: figures whose value was malformed (counted, kept unavailable)
 */
struct mms_kvset {
	struct mms_kv *kv;
	size_t n;
	size_t cap;
	size_t malformed;
};

/*
 * Add every "name value" line of @text to @set; lines that are not one
 * name (letters, digits, '_', '.', '-') and one token are ignored, as are
 * comments (#).  A value that is neither an unsigned decimal nor
 * "unavailable" is malformed: the figure is kept, unavailable, and
 * counted in @set->malformed, so that nobody reads it as 0.  A name
 * already present keeps its first value.  Return 0, or -1 if out of
 * memory.
 */
int mms_kv_parse(struct mms_kvset *set, const char *text);
const struct mms_kv *mms_kv_find(const struct mms_kvset *set, const char *name);
void mms_kv_free(struct mms_kvset *set);

/* The "abi MAJOR.MINOR" line of the version view; false if absent. */
bool mms_parse_abi(const char *text, unsigned int *major, unsigned int *minor);

/**
 * struct mms_hist - a histogram as the module's view shows it
 * @count: values recorded (summary line "count")
 * @sum_ns: their sum
 * @min_ns: smallest
 * @max_ns: largest
 * @p50_ns: the module's median
 * @p90_ns: its 90th percentile
 * @p99_ns: its 99th percentile
 * @p999_ns: its 99.9th percentile
 * @div: the table's unit in ns (1, 1000 or 1000000)
 * @cnt: the table's rows: a row's count is kept at the index of its first
 *	bucket (in <linux/mmscope_hist.h>'s layout)
 * @last: for the first bucket of a row, the row's last bucket
 * @rows: number of non-empty rows
 * @table_sum: sum of the rows' counts
 *
 * The view's table merges the buckets whose lower bounds are the same
 * whole number of units; the rows are mapped back to those buckets, so
 * each row is known exactly as a range of nanoseconds.  In microseconds,
 * rows are single buckets from 8 us up (12.5% wide at most) and at most
 * 1 us wide below.
 */
struct mms_hist {
	uint64_t count, sum_ns, min_ns, max_ns;
	uint64_t p50_ns, p90_ns, p99_ns, p999_ns;
	uint64_t div;
	uint64_t cnt[MMSCOPE_HIST_NR_BUCKETS];
	uint16_t last[MMSCOPE_HIST_NR_BUCKETS];
	unsigned int rows;
	uint64_t table_sum;
};

/*
 * Parse a histogram view.  Return 0, or -1 if @text is not one (no
 * "count" line, an unknown unit, or a row that no bucket starts); then
 * @why says what is wrong.
 */
int mms_hist_parse(struct mms_hist *h, const char *text, const char **why);

/* @a less @b, row by row (the same view read twice); sums likewise. */
void mms_hist_sub(struct mms_hist *a, const struct mms_hist *b);
/* @a plus @b, row by row (intervals of the same view); sums likewise. */
void mms_hist_add(struct mms_hist *a, const struct mms_hist *b);

/*
 * A percentile of the rows, estimated as <linux/mmscope_hist.h> does
 * within a bucket, but over a whole row: exact where rows are single
 * buckets.  @per_100000 as there.  0 if empty.
 */
uint64_t mms_hist_rows_percentile(const struct mms_hist *h, uint32_t per_100000);

#define MMS_LINE_MAX_TOKENS	64

/**
 * struct mms_line - one line of a "TYPE key=value ..." view
 * @indent: leading spaces
 * @type: the first token when it has no '=' ("zone", "record"), else ""
 * @ntok: tokens after @type that have no '=' (table rows, headers)
 * @tok: those tokens
 * @nf: key=value fields
 * @key: their keys
 * @val: their values
 *
 * The pointers point into the line, which mms_line_parse() splits.
 */
struct mms_line {
	int indent;
	const char *type;
	int ntok;
	const char *tok[MMS_LINE_MAX_TOKENS];
	int nf;
	const char *key[MMS_LINE_MAX_TOKENS];
	const char *val[MMS_LINE_MAX_TOKENS];
};

/*
 * Split @line (NUL-terminated, no newline; modified) into @l.  Tokens past
 * MMS_LINE_MAX_TOKENS are ignored.
 */
void mms_line_parse(char *line, struct mms_line *l);
/* A field's value, or NULL. */
const char *mms_line_get(const struct mms_line *l, const char *key);
/* A field's value as an unsigned number; false if absent or not one. */
bool mms_line_u64(const struct mms_line *l, const char *key, uint64_t *v);
/*
 * Write @v as JSON under @key: a number if it is a decimal integer, null
 * for "-", else a string.
 */
struct mms_json;
void mms_json_value(struct mms_json *j, const char *key, const char *v);
/* The next line of *@text (split off, NUL-terminated), or NULL at the end. */
char *mms_next_line(char **text);

/* ---- json.c ---- */

/**
 * struct mms_json - a JSON writer with no allocation
 * @f: where to write
 * @depth: nesting depth
 * @first: per depth, whether nothing was written at that depth yet
 * @compact: everything on one line (JSON Lines), else indented
 */
struct mms_json {
	FILE *f;
	int depth;
	bool compact;
	bool first[32];
};

void mms_json_init(struct mms_json *j, FILE *f);
/* @key is NULL inside an array and at top level. */
void mms_json_obj(struct mms_json *j, const char *key);
void mms_json_arr(struct mms_json *j, const char *key);
void mms_json_end_obj(struct mms_json *j);
void mms_json_end_arr(struct mms_json *j);
void mms_json_u64(struct mms_json *j, const char *key, uint64_t v);
void mms_json_i64(struct mms_json *j, const char *key, int64_t v);
void mms_json_double(struct mms_json *j, const char *key, double v);
void mms_json_str(struct mms_json *j, const char *key, const char *s);
void mms_json_strn(struct mms_json *j, const char *key, const char *s, size_t n);
void mms_json_bool(struct mms_json *j, const char *key, bool v);
void mms_json_null(struct mms_json *j, const char *key);
/* End the document: a newline. */
void mms_json_done(struct mms_json *j);
/* Write @s as a JSON string, quoted and escaped, to @f. */
void mms_json_write_string(FILE *f, const char *s, size_t n);

/* ---- stat.c ---- */

/* stat's columns: pgscank pgscand pgsteal stalls compact_stalls oom_kills */
#define MMS_STAT_NR_COLS	6
/* The columns' values at one instant; avail[c] false if unavailable. */
void mms_stat_figures(const struct mms_kvset *kv, uint64_t *v, bool *avail);
/* Column @c's name, as in stat's JSON. */
const char *mms_stat_column(int c);

/* ---- btf.c ---- */

struct btf_type;

/**
 * struct mms_btf - a BTF file read whole, its types indexed by id
 * @data: the file
 * @size: its size
 * @strs: its string section
 * @str_len: the string section's size
 * @types: each type by id (@types[0], void, is unused)
 * @nr_types: number of ids, void included
 */
struct mms_btf {
	char *data;
	size_t size;
	const char *strs;
	uint32_t str_len;
	const struct btf_type **types;
	uint32_t nr_types;
};

/* Read and index the BTF at @path: 0, or -errno (-EPROTO: not BTF). */
int mms_btf_open(struct mms_btf *b, const char *path);
void mms_btf_close(struct mms_btf *b);
/*
 * The byte offset and size of scalar member @member of struct @st: 0, or
 * -ENOENT (no such struct), -ESRCH (no such member), -EINVAL (a bitfield
 * or not a scalar).
 */
int mms_btf_member(const struct mms_btf *b, const char *st,
		   const char *member, long *offset, long *size);

/* ---- subcommands ---- */

int mms_cmd_stat(int argc, char **argv);
int mms_cmd_hist(int argc, char **argv);
int mms_cmd_export(int argc, char **argv);
int mms_cmd_record(int argc, char **argv);
int mms_cmd_report(int argc, char **argv);
int mms_cmd_zones(int argc, char **argv);
int mms_cmd_frag(int argc, char **argv);
int mms_cmd_oom(int argc, char **argv);
int mms_cmd_modparams(int argc, char **argv);

/* CLOCK_MONOTONIC, in seconds. */
double mms_now(void);
/* Sleep until @deadline (mms_now()'s clock); false if told to exit. */
bool mms_sleep_until(double deadline);

/* Parse a strictly positive decimal integer argument; false if not one. */
bool mms_parse_uint(const char *s, unsigned long max, unsigned long *out);

#endif /* MMS_TOOL_H */
