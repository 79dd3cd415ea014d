// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope report [--json | --perfetto] FILE: decode a record file.
 *
 *   text        one line per stream record, then the view snapshots as
 *               per-interval rates (stat's columns), then a summary
 *   --json      the same as JSON Lines: one object per record and per
 *               interval, then a summary object
 *   --perfetto  a Chrome JSON trace, which ui.perfetto.dev opens: reclaim,
 *               compaction, kswapd runs and throttling as slices on a
 *               track per task and per CPU; OOM kills and other records
 *               as instants; the views' rates as counters; episodes on
 *               their own track
 *
 * A truncated or corrupt file is decoded up to the damage, which is then
 * named in one line with its offset; the exit status is then 1.  Output
 * stays well formed (the trace and JSON are closed).
 */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mms.h"
#include "opts.h"
#include "fields.h"
#include "perfetto.h"
#include "recfile.h"
#include "report.h"

/* Record files larger than this are refused (report reads them whole). */
#define MMS_REPORT_MAX	((size_t)1 << 30)

/**
 * struct mms_report - a report in progress
 * @out: where it goes
 * @format: MMS_REPORT_*
 * @hdr: the file's header
 * @events: records decoded
 * @skipped: records of types or layouts this mmscope does not know
 * @per_type: records by type
 * @snaps: view snapshots
 * @have_prev: whether @prev holds a snapshot
 * @prev: the previous snapshot's columns
 * @prev_avail: which were available
 * @prev_ts: its time
 * @lost: records lost, from the LOSS chunks: between the first and the
 *	last when there are two (record writes one at each end), else since
 *	the stream's last reset
 * @produced: records produced, likewise
 * @delivered: records read from the stream, likewise
 * @first_loss: the first LOSS chunk's sums: produced, delivered, lost
 * @nr_loss: LOSS chunks seen
 * @json: the JSON writer (json and perfetto formats)
 * @pf: the Perfetto trace (perfetto format)
 */
struct mms_report {
	FILE *out;
	int format;
	struct mms_file_header hdr;
	uint64_t events, skipped, per_type[MMSCOPE_REC_NR];
	uint64_t snaps;
	bool have_prev;
	uint64_t prev[MMS_STAT_NR_COLS];
	bool prev_avail[MMS_STAT_NR_COLS];
	uint64_t prev_ts;
	uint64_t lost, produced, delivered;
	uint64_t first_loss[3];
	unsigned int nr_loss;
	struct mms_json json;
	struct mms_pf pf;
};

/* Microseconds since the recording started (Perfetto's unit). */
static double mms_rel_us(const struct mms_report *r, uint64_t ts_ns)
{
	return ((double)ts_ns - (double)r->hdr.start_mono_ns) / 1e3;
}

static void mms_report_event(struct mms_report *r, const struct mms_event *ev)
{
	struct mms_fields fs;

	r->events++;
	if (!mms_event_known(ev)) {
		r->skipped++;
		return;
	}
	r->per_type[ev->h.type]++;
	mms_event_fields(ev, &fs);
	switch (r->format) {
	case MMS_REPORT_TEXT:
		fprintf(r->out, "%12.6f %4u %7d %-21s", mms_rel_us(r, ev->h.ts_ns) / 1e6,
			ev->h.cpu, ev->h.pid, mms_event_name(ev->h.type));
		mms_fields_text(r->out, &fs);
		fputc('\n', r->out);
		break;
	case MMS_REPORT_JSON:
		mms_json_obj(&r->json, NULL);
		mms_json_str(&r->json, "type", mms_event_name(ev->h.type));
		mms_json_u64(&r->json, "ts_ns", ev->h.ts_ns);
		mms_json_u64(&r->json, "seq", ev->h.seq);
		mms_json_u64(&r->json, "cpu", ev->h.cpu);
		mms_json_i64(&r->json, "pid", ev->h.pid);
		mms_fields_json(&r->json, &fs);
		mms_json_end_obj(&r->json);
		mms_json_done(&r->json);
		break;
	case MMS_REPORT_PERFETTO:
		mms_pf_event(&r->pf, ev, &fs);
		break;
	}
}

/* A views snapshot: the interval since the previous one, as rates. */
static void mms_report_views(struct mms_report *r, const struct mms_chunk *c,
			     const uint8_t *payload)
{
	uint64_t v[MMS_STAT_NR_COLS];
	bool avail[MMS_STAT_NR_COLS];
	struct mms_kvset kv = { 0 };
	char *text = malloc((size_t)c->size + 1);
	double secs;
	char key[48];
	int i;

	if (!text)
		return;
	memcpy(text, payload, c->size);
	text[c->size] = '\0';		/* text may hold NULs: parse stops */
	mms_kv_parse(&kv, text);
	free(text);
	mms_stat_figures(&kv, v, avail);
	mms_kv_free(&kv);
	r->snaps++;
	secs = r->have_prev && c->ts_ns > r->prev_ts ?
	       (double)(c->ts_ns - r->prev_ts) / 1e9 : 0;
	if (r->have_prev && secs > 0) {
		if (r->format == MMS_REPORT_TEXT) {
			fprintf(r->out, "%12.6f  interval %.3f s:", mms_rel_us(r, c->ts_ns) / 1e6,
				secs);
		} else if (r->format == MMS_REPORT_JSON) {
			mms_json_obj(&r->json, NULL);
			mms_json_str(&r->json, "type", "interval");
			mms_json_u64(&r->json, "ts_ns", c->ts_ns);
			mms_json_double(&r->json, "interval_s", secs);
		} else {
			mms_pf_counter_begin(&r->pf, "reclaim rates (per s)",
					     r->prev_ts);
		}
		for (i = 0; i < MMS_STAT_NR_COLS; i++) {
			bool ok = avail[i] && r->prev_avail[i] && v[i] >= r->prev[i];
			double rate = ok ? (double)(v[i] - r->prev[i]) / secs : 0;

			if (r->format == MMS_REPORT_TEXT) {
				if (ok)
					fprintf(r->out, " %s/s=%.2f", mms_stat_column(i), rate);
				else
					fprintf(r->out, " %s/s=-", mms_stat_column(i));
				continue;
			}
			snprintf(key, sizeof(key), "%s_per_s", mms_stat_column(i));
			if (ok)
				mms_json_double(&r->json, key, rate);
			else if (r->format == MMS_REPORT_JSON)
				mms_json_null(&r->json, key);
		}
		if (r->format == MMS_REPORT_TEXT) {
			fputc('\n', r->out);
		} else {
			if (r->format == MMS_REPORT_PERFETTO) {
				mms_pf_counter_end(&r->pf);
			} else {
				mms_json_end_obj(&r->json);
				mms_json_done(&r->json);
			}
		}
	}
	memcpy(r->prev, v, sizeof(v));
	memcpy(r->prev_avail, avail, sizeof(avail));
	r->prev_ts = c->ts_ns;
	r->have_prev = true;
}

static void mms_report_loss(struct mms_report *r, const struct mms_chunk *c,
			    const uint8_t *payload)
{
	struct mmscope_cpu_stats st;
	uint64_t sum[3] = { 0, 0, 0 };
	size_t off;

	for (off = 0; off + sizeof(st) <= c->size; off += sizeof(st)) {
		memcpy(&st, payload + off, sizeof(st));
		sum[0] += st.produced;
		sum[1] += st.delivered;
		sum[2] += st.lost;
	}
	if (!r->nr_loss++)
		memcpy(r->first_loss, sum, sizeof(sum));
	if (r->nr_loss == 1) {
		r->produced = sum[0];
		r->delivered = sum[1];
		r->lost = sum[2];
	} else {
		/* Counts only grow between resets; a reset reads as 0. */
		r->produced = sum[0] >= r->first_loss[0] ? sum[0] - r->first_loss[0] : 0;
		r->delivered = sum[1] >= r->first_loss[1] ? sum[1] - r->first_loss[1] : 0;
		r->lost = sum[2] >= r->first_loss[2] ? sum[2] - r->first_loss[2] : 0;
	}
}

static void mms_report_summary(struct mms_report *r, int status,
			       const char *why, size_t off)
{
	unsigned int t;

	if (r->format == MMS_REPORT_PERFETTO) {
		mms_pf_close(&r->pf);
		return;
	}
	if (r->format == MMS_REPORT_JSON) {
		mms_json_obj(&r->json, NULL);
		mms_json_str(&r->json, "type", "summary");
		mms_json_u64(&r->json, "events", r->events);
		mms_json_u64(&r->json, "skipped", r->skipped);
		mms_json_u64(&r->json, "snapshots", r->snaps);
		if (r->nr_loss) {
			mms_json_u64(&r->json, "produced", r->produced);
			mms_json_u64(&r->json, "delivered", r->delivered);
			mms_json_u64(&r->json, "lost", r->lost);
		} else {
			mms_json_null(&r->json, "lost");
		}
		mms_json_bool(&r->json, "complete", status == MMS_DEC_DONE);
		if (status != MMS_DEC_DONE) {
			mms_json_str(&r->json, "error", why);
			mms_json_u64(&r->json, "error_offset", off);
		}
		mms_json_obj(&r->json, "per_type");
		for (t = 0; t < MMSCOPE_REC_NR; t++)
			if (r->per_type[t])
				mms_json_u64(&r->json, mms_event_name(t), r->per_type[t]);
		mms_json_end_obj(&r->json);
		mms_json_end_obj(&r->json);
		mms_json_done(&r->json);
		return;
	}
	fprintf(r->out, "\n%llu records", (unsigned long long)r->events);
	if (r->skipped)
		fprintf(r->out, " (%llu of types this mmscope does not know, skipped)",
			(unsigned long long)r->skipped);
	fprintf(r->out, ", %llu view snapshots", (unsigned long long)r->snaps);
	if (r->nr_loss)
		fprintf(r->out,
			"; the module produced %llu records%s, delivered %llu%s and lost %llu",
			(unsigned long long)r->produced,
			r->nr_loss > 1 ? " while recording" : "",
			(unsigned long long)r->delivered,
			r->nr_loss > 1 ? " (with those pending when it began)" : "",
			(unsigned long long)r->lost);
	fputc('\n', r->out);
	for (t = 0; t < MMSCOPE_REC_NR; t++)
		if (r->per_type[t])
			fprintf(r->out, "  %-22s %llu\n", mms_event_name(t),
				(unsigned long long)r->per_type[t]);
}

int mms_report_buf(const void *buf, size_t len, FILE *out, int format,
		   const char **why, size_t *err_off)
{
	struct mms_report *r;
	struct mms_dec d;
	struct mms_chunk c;
	const uint8_t *payload;
	struct mms_event ev;
	int st;

	*why = NULL;
	*err_off = 0;
	st = mms_dec_open(&d, buf, len, why);
	if (st != MMS_DEC_OK)
		return st;
	r = calloc(1, sizeof(*r));
	if (!r) {
		*why = "out of memory";
		return MMS_DEC_CORRUPT;
	}
	r->out = out;
	r->format = format;
	r->hdr = d.hdr;
	mms_json_init(&r->json, out);
	r->json.compact = true;
	if (format == MMS_REPORT_PERFETTO)
		mms_pf_open(&r->pf, &r->json, d.hdr.start_mono_ns);
	else if (format == MMS_REPORT_TEXT) {
		fprintf(out, "mmscope record: module ABI %u.%u, %s\n",
			d.hdr.abi_major, d.hdr.abi_minor,
			d.hdr.flags & MMS_FILE_F_EVENTS ?
			"event stream and views" : "views only (the module had no event stream)");
		fprintf(out, "%12s %4s %7s %-21s %s\n", "TIME(s)", "CPU", "PID",
			"EVENT", "DETAILS");
	}
	while ((st = mms_dec_chunk(&d, &c, &payload, why)) == MMS_DEC_OK) {
		size_t off = 0;

		switch (c.type) {
		case MMS_CHUNK_EVENTS:
			while ((st = mms_dec_event(payload, c.size, &off, &ev,
						   why)) == MMS_DEC_OK)
				mms_report_event(r, &ev);
			if (st == MMS_DEC_CORRUPT) {
				d.err_off = (size_t)(payload - d.buf) + off;
				goto out;
			}
			break;
		case MMS_CHUNK_VIEWS:
			mms_report_views(r, &c, payload);
			break;
		case MMS_CHUNK_LOSS:
			mms_report_loss(r, &c, payload);
			break;
		default:
			break;	/* END, or a chunk type from the future */
		}
	}
out:
	*err_off = d.err_off;
	mms_report_summary(r, st, *why, d.err_off);
	free(r);
	return st;
}

static const struct option mms_report_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ "perfetto", no_argument, NULL, 'p' },
	{ 0 }
};

/*
 * The whole of @path ("-": standard input) in a malloc'ed buffer, its
 * length in *@len; NULL after saying why.
 */
static char *mms_report_slurp(const char *path, size_t *len)
{
	bool in = !strcmp(path, "-");
	size_t cap = 1 << 16;
	struct stat sb;
	char *buf;
	int fd;

	fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		mms_err("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (!in && (fstat(fd, &sb) || !S_ISREG(sb.st_mode))) {
		mms_err("%s is not a record file (not a regular file)", path);
		close(fd);
		return NULL;
	}
	*len = 0;
	buf = malloc(cap);
	while (buf) {
		ssize_t n;

		if (*len == cap) {
			char *nb = cap < MMS_REPORT_MAX ? realloc(buf, cap * 2) : NULL;

			if (!nb) {
				if (cap < MMS_REPORT_MAX)
					mms_err("out of memory reading %s",
						in ? "standard input" : path);
				else
					mms_err("%s is larger than 1 GiB: not a record file",
						in ? "standard input" : path);
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + *len, cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			mms_err("cannot read %s: %s", in ? "standard input" : path,
				strerror(errno));
			free(buf);
			buf = NULL;
			break;
		}
		if (!n)
			break;
		*len += (size_t)n;
	}
	if (!in)
		close(fd);
	return buf;
}

int mms_cmd_report(int argc, char **argv)
{
	int c, format = MMS_REPORT_TEXT, st, ret = MMS_EXIT_ERR;
	const char *path, *why;
	size_t len = 0, off;
	char *buf;

	while ((c = getopt_long(argc, argv, MMS_COMMON_SHORTOPTS "p",
				mms_report_opts, NULL)) != -1) {
		if (c == 'p')
			format = MMS_REPORT_PERFETTO;
		else if (mms_common_opt(c, optarg, argv))
			return MMS_EXIT_USAGE;
	}
	if (mms_env.json && format != MMS_REPORT_PERFETTO)
		format = MMS_REPORT_JSON;
	if (argc - optind != 1) {
		mms_usage_error("report: name one record file");
		return MMS_EXIT_USAGE;
	}
	path = argv[optind];
	buf = mms_report_slurp(path, &len);
	if (!buf)
		return MMS_EXIT_ERR;
	if (!strcmp(path, "-"))
		path = "standard input";
	if (!len) {
		mms_err("%s is empty: not a recording (mmscope record writes its header first)",
			path);
		free(buf);
		return MMS_EXIT_ERR;
	}
	if (len >= 8 && memcmp(buf, MMS_FILE_MAGIC, 8)) {
		mms_err("%s is not an mmscope recording (it does not begin with mmscope record's header)",
			path);
		free(buf);
		return MMS_EXIT_ERR;
	}
	st = mms_report_buf(buf, len, stdout, format, &why, &off);
	if (st == MMS_DEC_DONE) {
		ret = MMS_EXIT_OK;
	} else if (st == MMS_DEC_TRUNCATED) {
		mms_err("%s is truncated at byte %zu: %s; what came before was decoded",
			path, off, why);
	} else {
		mms_err("%s is corrupt at byte %zu: %s; what came before was decoded, record again",
			path, off, why);
	}
	free(buf);
	return ret;
}
