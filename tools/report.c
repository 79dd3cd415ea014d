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
#include "recfile.h"
#include "report.h"

/* Record files larger than this are refused (report reads them whole). */
#define MMS_REPORT_MAX	((size_t)1 << 30)

/* Perfetto tracks for what is not a task's: per CPU and global. */
#define MMS_PF_GLOBAL	2000000000
#define MMS_PF_CPU	2100000000
/* CPUs whose track gets a name (CPU numbers above still get a track). */
#define MMS_PF_MAX_CPUS	4096

enum mms_kind { MMS_F_U64, MMS_F_S64, MMS_F_STR, MMS_F_HEX };

/**
 * struct mms_field - one decoded field of a record, for any output
 * @name: its name
 * @kind: how to print it
 * @u: unsigned or hex value
 * @i: signed value
 * @s: string, not necessarily NUL-terminated
 * @slen: its length
 */
struct mms_field {
	const char *name;
	enum mms_kind kind;
	uint64_t u;
	int64_t i;
	const char *s;
	size_t slen;
};

#define MMS_MAX_FIELDS	40

struct mms_fields {
	struct mms_field f[MMS_MAX_FIELDS];
	int n;
};

static void fu(struct mms_fields *fs, const char *name, uint64_t v)
{
	if (fs->n < MMS_MAX_FIELDS)
		fs->f[fs->n++] = (struct mms_field){ .name = name, .kind = MMS_F_U64, .u = v };
}

static void fi(struct mms_fields *fs, const char *name, int64_t v)
{
	if (fs->n < MMS_MAX_FIELDS)
		fs->f[fs->n++] = (struct mms_field){ .name = name, .kind = MMS_F_S64, .i = v };
}

static void fx(struct mms_fields *fs, const char *name, uint64_t v)
{
	if (fs->n < MMS_MAX_FIELDS)
		fs->f[fs->n++] = (struct mms_field){ .name = name, .kind = MMS_F_HEX, .u = v };
}

static void fstr(struct mms_fields *fs, const char *name, const char *s,
		 size_t max)
{
	if (fs->n < MMS_MAX_FIELDS)
		fs->f[fs->n++] = (struct mms_field){
			.name = name, .kind = MMS_F_STR, .s = s,
			.slen = strnlen(s, max),
		};
}

/* A string constant. */
static void flit(struct mms_fields *fs, const char *name, const char *s)
{
	fstr(fs, name, s, strlen(s));
}

static const char *const mms_reclaimer_names[] = {
	"kswapd", "direct", "khugepaged", "memcg", "node",
};

static void freclaimer(struct mms_fields *fs, uint32_t r)
{
	const char *n = r < 5 ? mms_reclaimer_names[r] : "unknown";

	flit(fs, "reclaimer", n);
}

/*
 * The fields of each record type, from the UAPI's MMSCOPE_FIELDS_*() lists
 * (LTTng declares each event's fields once the same way): name, how the
 * field reads, and where it is in the payload.
 */
enum mms_fd_kind {
	MMS_FD_DEC, MMS_FD_HEX, MMS_FD_STR, MMS_FD_RECLAIMER, MMS_FD_OUTCOME,
	MMS_FD_TASKS,
};

struct mms_field_desc {
	const char *name;
	uint8_t kind;
	uint8_t size;
	uint8_t sign;
	uint16_t off;
};

struct mms_fd_list {
	const struct mms_field_desc *d;
	int n;
};

#define MMS_FD_MEMBER(st, f)	(((struct mmscope_rec_##st *)0)->f)
#define MMS_FD_AT(st, f, k, sg)						\
	{ #f, MMS_FD_##k, sizeof(MMS_FD_MEMBER(st, f)), (sg),		\
	  offsetof(struct mmscope_rec_##st, f) },
#define MMS_FD_SIGNED(st, f)	\
	((__typeof__(MMS_FD_MEMBER(st, f)))-1 < (__typeof__(MMS_FD_MEMBER(st, f)))1)
#define MMS_FD_DEC_(st, f)	MMS_FD_AT(st, f, DEC, MMS_FD_SIGNED(st, f))
#define MMS_FD_HEX_(st, f)	MMS_FD_AT(st, f, HEX, MMS_FD_SIGNED(st, f))
#define MMS_FD_RECLAIMER_(st, f) MMS_FD_AT(st, f, RECLAIMER, 0)
#define MMS_FD_OUTCOME_(st, f)	MMS_FD_AT(st, f, OUTCOME, 0)
#define MMS_FD_STR_(st, f)	MMS_FD_AT(st, f, STR, 0)
#define MMS_FD_TASKS_(st, f)	MMS_FD_AT(st, f, TASKS, 0)
#define MMS_FD(st, f, kind)	MMS_FD_##kind##_(st, f)

#define MMS_FD_LIST(type, name, payload, fields)			\
	static const struct mms_field_desc mms_fd_##type[] = {		\
		MMSCOPE_FIELDS_##fields(MMS_FD, payload)		\
	};
MMSCOPE_RECORDS(MMS_FD_LIST)

#define MMS_FD_ENTRY(type, name, payload, fields)			\
	[MMSCOPE_REC_##type] = { mms_fd_##type,				\
				 (int)(sizeof(mms_fd_##type) /		\
				       sizeof(mms_fd_##type[0])) },
static const struct mms_fd_list mms_fd_table[MMSCOPE_REC_NR] = {
	MMSCOPE_RECORDS(MMS_FD_ENTRY)
};

/* A scalar field's value, sign-extended as its C type is. */
static uint64_t mms_fd_value(const struct mms_field_desc *d, const uint8_t *p)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64 = 0;

	switch (d->size) {
	case 1:
		memcpy(&u8, p, 1);
		return d->sign ? (uint64_t)(int64_t)(int8_t)u8 : u8;
	case 2:
		memcpy(&u16, p, 2);
		return d->sign ? (uint64_t)(int64_t)(int16_t)u16 : u16;
	case 4:
		memcpy(&u32, p, 4);
		return d->sign ? (uint64_t)(int64_t)(int32_t)u32 : u32;
	default:
		memcpy(&u64, p, sizeof(u64));
		return u64;
	}
}

static const char *mms_outcome_name(uint32_t o)
{
	return o == MMSCOPE_EPISODE_OOM ? "oom" :
	       o == MMSCOPE_EPISODE_RECOVERED ? "recovered" : "unknown";
}

/* The episode's top tasks, each that has a pid. */
static void mms_fd_tasks(struct mms_fields *fs,
			 const struct mmscope_episode_task *t)
{
	static const char *const pid_n[] = { "top1_pid", "top2_pid", "top3_pid" };
	static const char *const comm_n[] = { "top1_comm", "top2_comm", "top3_comm" };
	static const char *const ns_n[] = {
		"top1_stall_ns", "top2_stall_ns", "top3_stall_ns" };
	int k;

	for (k = 0; k < MMSCOPE_EPISODE_TOP; k++) {
		if (!t[k].pid)
			continue;
		fi(fs, pid_n[k], t[k].pid);
		fstr(fs, comm_n[k], t[k].comm, MMSCOPE_COMM_LEN);
		fu(fs, ns_n[k], t[k].stall_ns);
	}
}

static void mms_fd_add(struct mms_fields *fs, const struct mms_field_desc *d,
		       const uint8_t *payload)
{
	const uint8_t *p = payload + d->off;
	uint64_t v;

	switch (d->kind) {
	case MMS_FD_STR:
		fstr(fs, d->name, (const char *)p, d->size);
		return;
	case MMS_FD_TASKS:
		mms_fd_tasks(fs, (const struct mmscope_episode_task *)p);
		return;
	}
	v = mms_fd_value(d, p);
	switch (d->kind) {
	case MMS_FD_DEC:
		if (d->sign)
			fi(fs, d->name, (int64_t)v);
		else
			fu(fs, d->name, v);
		break;
	case MMS_FD_HEX:
		fx(fs, d->name, v);
		break;
	case MMS_FD_RECLAIMER:
		freclaimer(fs, (uint32_t)v);
		break;
	case MMS_FD_OUTCOME:
		flit(fs, d->name, mms_outcome_name((uint32_t)v));
		break;
	}
}

static void mms_event_fields(const struct mms_event *ev, struct mms_fields *fs)
{
	const struct mms_fd_list *l;
	int i;

	fs->n = 0;
	if (ev->h.type >= MMSCOPE_REC_NR)
		return;
	l = &mms_fd_table[ev->h.type];
	for (i = 0; i < l->n; i++)
		mms_fd_add(fs, &l->d[i], ev->u.raw);
}

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
 * @first: Perfetto: nothing written into traceEvents yet
 * @json: the JSON writer (json and perfetto formats)
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
	uint8_t cpu_named[MMS_PF_MAX_CPUS / 8];
};

/* Microseconds since the recording started (Perfetto's unit). */
static double mms_rel_us(const struct mms_report *r, uint64_t ts_ns)
{
	return ((double)ts_ns - (double)r->hdr.start_mono_ns) / 1e3;
}

static void mms_fields_json(struct mms_json *j, const struct mms_fields *fs)
{
	int i;

	for (i = 0; i < fs->n; i++) {
		const struct mms_field *f = &fs->f[i];

		switch (f->kind) {
		case MMS_F_U64:
		case MMS_F_HEX:
			mms_json_u64(j, f->name, f->u);
			break;
		case MMS_F_S64:
			mms_json_i64(j, f->name, f->i);
			break;
		case MMS_F_STR:
			mms_json_strn(j, f->name, f->s, f->slen);
			break;
		}
	}
}

static void mms_fields_text(FILE *out, const struct mms_fields *fs)
{
	int i;

	for (i = 0; i < fs->n; i++) {
		const struct mms_field *f = &fs->f[i];

		fprintf(out, " %s=", f->name);
		switch (f->kind) {
		case MMS_F_U64:
			fprintf(out, "%llu", (unsigned long long)f->u);
			break;
		case MMS_F_HEX:
			fprintf(out, "%#llx", (unsigned long long)f->u);
			break;
		case MMS_F_S64:
			fprintf(out, "%lld", (long long)f->i);
			break;
		case MMS_F_STR:
			/* Task names are anyone's: quote them as JSON does. */
			mms_json_write_string(out, f->s, f->slen);
			break;
		}
	}
}

/* A Perfetto event's common part; the caller adds args and closes it. */
static void mms_pf_begin(struct mms_report *r, const char *name,
			 const char *cat, char ph, double ts_us, int64_t pid,
			 int64_t tid)
{
	struct mms_json *j = &r->json;
	char p[2] = { ph, 0 };

	mms_json_obj(j, NULL);
	mms_json_str(j, "name", name);
	mms_json_str(j, "cat", cat);
	mms_json_str(j, "ph", p);
	mms_json_double(j, "ts", ts_us);
	mms_json_i64(j, "pid", pid);
	mms_json_i64(j, "tid", tid);
}

static void mms_pf_name_cpu(struct mms_report *r, uint32_t cpu)
{
	char name[32];

	if (cpu >= MMS_PF_MAX_CPUS || (r->cpu_named[cpu / 8] & (1u << (cpu % 8))))
		return;
	r->cpu_named[cpu / 8] |= (uint8_t)(1u << (cpu % 8));
	snprintf(name, sizeof(name), "CPU %u", cpu);
	mms_pf_begin(r, "thread_name", "__metadata", 'M', 0, MMS_PF_CPU,
		     MMS_PF_CPU + 1 + (int64_t)cpu);
	mms_json_obj(&r->json, "args");
	mms_json_str(&r->json, "name", name);
	mms_json_end_obj(&r->json);
	mms_json_end_obj(&r->json);
}

/* A slice of @dur_ns ending at the record, on its task's and CPU's tracks. */
static void mms_pf_slice(struct mms_report *r, const struct mms_event *ev,
			 const char *name, const char *cat, uint64_t dur_ns,
			 const struct mms_fields *fs)
{
	uint64_t start = ev->h.ts_ns > dur_ns ? ev->h.ts_ns - dur_ns : 0;
	int pass;

	mms_pf_name_cpu(r, ev->h.cpu);
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			mms_pf_begin(r, name, cat, 'X', mms_rel_us(r, start),
				     MMS_PF_CPU, MMS_PF_CPU + 1 + (int64_t)ev->h.cpu);
		else
			mms_pf_begin(r, name, cat, 'X', mms_rel_us(r, start),
				     ev->h.pid, ev->h.pid);
		mms_json_double(&r->json, "dur", (double)dur_ns / 1e3);
		mms_json_obj(&r->json, "args");
		mms_json_u64(&r->json, "cpu", ev->h.cpu);
		mms_json_i64(&r->json, "pid", ev->h.pid);
		mms_fields_json(&r->json, fs);
		mms_json_end_obj(&r->json);
		mms_json_end_obj(&r->json);
	}
}

/*
 * How Perfetto shows a record type: a slice of the duration that one of
 * its fields gives (in units of @unit_ns), ending at the record; nothing
 * for an entry whose exit carries the duration; else an instant event
 * under the type's own name.  Only presentation is said here: the fields
 * come from the UAPI's lists, like every other output's.
 */
struct mms_pf_style {
	const char *name;
	const char *cat;
	const char *dur_field;
	uint32_t unit_ns;
	bool hidden;
};

static const struct mms_pf_style mms_pf_styles[MMSCOPE_REC_NR] = {
	[MMSCOPE_REC_DIRECT_RECLAIM_BEGIN] = { .hidden = true },
	[MMSCOPE_REC_MEMCG_RECLAIM_BEGIN] = { .hidden = true },
	[MMSCOPE_REC_MEMCG_SOFTLIMIT_BEGIN] = { .hidden = true },
	[MMSCOPE_REC_NODE_RECLAIM_BEGIN] = { .hidden = true },
	[MMSCOPE_REC_COMPACT_BEGIN] = { .hidden = true },
	[MMSCOPE_REC_COMPACT_TRY] = { .hidden = true },
	[MMSCOPE_REC_DIRECT_RECLAIM_END] =
		{ "direct reclaim", "reclaim", "duration_ns", 1 },
	[MMSCOPE_REC_MEMCG_RECLAIM_END] =
		{ "memcg reclaim", "reclaim", "duration_ns", 1 },
	[MMSCOPE_REC_MEMCG_SOFTLIMIT_END] =
		{ "memcg reclaim", "reclaim", "duration_ns", 1 },
	[MMSCOPE_REC_NODE_RECLAIM_END] =
		{ "node reclaim", "reclaim", "duration_ns", 1 },
	[MMSCOPE_REC_KSWAPD_SLEEP] = { "kswapd run", "reclaim", "run_ns", 1 },
	[MMSCOPE_REC_THROTTLED] =
		{ "reclaim throttled", "reclaim", "usec_delayed", 1000 },
	[MMSCOPE_REC_COMPACT_STALL] =
		{ "direct compaction", "compaction", "duration_ns", 1 },
	[MMSCOPE_REC_COMPACT_END] =
		{ "compaction run", "compaction", "duration_ns", 1 },
};

/* The value of @ev's field @name, as its descriptor reads it; 0 if none. */
static int64_t mms_event_field(const struct mms_event *ev, const char *name)
{
	const struct mms_fd_list *l = &mms_fd_table[ev->h.type];
	int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->d[i].name, name))
			return (int64_t)mms_fd_value(&l->d[i],
						     ev->u.raw + l->d[i].off);
	return 0;
}

static void mms_pf_event(struct mms_report *r, const struct mms_event *ev,
			 const struct mms_fields *fs)
{
	const struct mms_pf_style *st = &mms_pf_styles[ev->h.type];
	struct mmscope_rec_episode ep;
	int64_t dur;

	if (st->hidden)
		return;
	if (st->dur_field) {
		dur = mms_event_field(ev, st->dur_field);
		mms_pf_slice(r, ev, st->name, st->cat,
			     dur > 0 ? (uint64_t)dur * st->unit_ns : 0, fs);
		return;
	}
	switch (ev->h.type) {
	case MMSCOPE_REC_EPISODE:
		/* Global, and it starts where it says. */
		memcpy(&ep, ev->u.raw, sizeof(ep));
		mms_pf_begin(r, "pressure episode", "episode", 'X',
			     mms_rel_us(r, ep.start_ns), MMS_PF_GLOBAL,
			     MMS_PF_GLOBAL);
		mms_json_double(&r->json, "dur", (double)ep.duration_ns / 1e3);
		break;
	case MMSCOPE_REC_OOM_KILL:
		/* Global: the whole timeline shows it. */
		mms_pf_begin(r, "OOM kill", "oom", 'i', mms_rel_us(r, ev->h.ts_ns),
			     ev->h.pid, ev->h.pid);
		mms_json_str(&r->json, "s", "g");
		break;
	default:
		mms_pf_begin(r, mms_event_name(ev->h.type), "mmscope", 'i',
			     mms_rel_us(r, ev->h.ts_ns), ev->h.pid, ev->h.pid);
		mms_json_str(&r->json, "s", "t");
		break;
	}
	mms_json_obj(&r->json, "args");
	mms_json_u64(&r->json, "cpu", ev->h.cpu);
	mms_json_i64(&r->json, "pid", ev->h.pid);
	mms_fields_json(&r->json, fs);
	mms_json_end_obj(&r->json);
	mms_json_end_obj(&r->json);
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
		mms_pf_event(r, ev, &fs);
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
			mms_pf_begin(r, "reclaim rates (per s)", "views", 'C',
				     mms_rel_us(r, r->prev_ts), MMS_PF_GLOBAL,
				     MMS_PF_GLOBAL);
			mms_json_obj(&r->json, "args");
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
			mms_json_end_obj(&r->json);
			if (r->format == MMS_REPORT_PERFETTO)
				mms_json_end_obj(&r->json);
			else
				mms_json_done(&r->json);
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

static void mms_pf_metadata(struct mms_report *r)
{
	mms_pf_begin(r, "process_name", "__metadata", 'M', 0, MMS_PF_GLOBAL,
		     MMS_PF_GLOBAL);
	mms_json_obj(&r->json, "args");
	mms_json_str(&r->json, "name", "mmscope: system");
	mms_json_end_obj(&r->json);
	mms_json_end_obj(&r->json);
	mms_pf_begin(r, "process_name", "__metadata", 'M', 0, MMS_PF_CPU,
		     MMS_PF_CPU);
	mms_json_obj(&r->json, "args");
	mms_json_str(&r->json, "name", "mmscope: CPUs");
	mms_json_end_obj(&r->json);
	mms_json_end_obj(&r->json);
}

static void mms_report_summary(struct mms_report *r, int status,
			       const char *why, size_t off)
{
	unsigned int t;

	if (r->format == MMS_REPORT_PERFETTO) {
		mms_json_end_arr(&r->json);
		mms_json_str(&r->json, "displayTimeUnit", "ms");
		mms_json_end_obj(&r->json);
		mms_json_done(&r->json);
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
	if (format == MMS_REPORT_PERFETTO) {
		r->json.compact = false;
		mms_json_obj(&r->json, NULL);
		mms_json_arr(&r->json, "traceEvents");
		mms_pf_metadata(r);
	} else if (format == MMS_REPORT_TEXT) {
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

int mms_cmd_report(int argc, char **argv)
{
	int c, format = MMS_REPORT_TEXT, fd, st, ret = MMS_EXIT_ERR;
	const char *path, *why;
	size_t len = 0, off;
	struct stat sb;
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
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		mms_err("cannot open %s: %s", path, strerror(errno));
		return MMS_EXIT_ERR;
	}
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode) ||
	    (uint64_t)sb.st_size > MMS_REPORT_MAX) {
		mms_err("%s is not a record file (not a regular file of at most 1 GiB)",
			path);
		close(fd);
		return MMS_EXIT_ERR;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (!buf) {
		mms_err("out of memory reading %s", path);
		close(fd);
		return MMS_EXIT_ERR;
	}
	while (len < (size_t)sb.st_size) {
		ssize_t n = read(fd, buf + len, (size_t)sb.st_size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
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
