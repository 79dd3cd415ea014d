// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope report --perfetto: a Chrome JSON trace, which ui.perfetto.dev
 * opens.  Reclaim, compaction, kswapd runs and throttling are slices on a
 * track per task and per CPU, OOM kills and other records instants, the
 * views' rates counters, and episodes slices on a track of their own.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mms.h"
#include "fields.h"
#include "perfetto.h"

/* Microseconds since the recording started (Perfetto's unit). */
static double mms_pf_us(const struct mms_pf *pf, uint64_t ts_ns)
{
	return ((double)ts_ns - (double)pf->t0_ns) / 1e3;
}

/* A Perfetto event's common part; the caller adds args and closes it. */
static void mms_pf_begin(struct mms_pf *pf, const char *name,
			 const char *cat, char ph, double ts_us, int64_t pid,
			 int64_t tid)
{
	struct mms_json *j = pf->j;
	char p[2] = { ph, 0 };

	mms_json_obj(j, NULL);
	mms_json_str(j, "name", name);
	mms_json_str(j, "cat", cat);
	mms_json_str(j, "ph", p);
	mms_json_double(j, "ts", ts_us);
	mms_json_i64(j, "pid", pid);
	mms_json_i64(j, "tid", tid);
}

/* A thread_name metadata event: track @tid of process @pid is @name. */
static void mms_pf_name_thread(struct mms_pf *pf, int64_t pid, int64_t tid,
			       const char *name)
{
	mms_pf_begin(pf, "thread_name", "__metadata", 'M', 0, pid, tid);
	mms_json_obj(pf->j, "args");
	mms_json_str(pf->j, "name", name);
	mms_json_end_obj(pf->j);
	mms_json_end_obj(pf->j);
}

/* Task @pid's track, named "pid N" when first seen (or @comm, when known). */
static void mms_pf_name_task(struct mms_pf *pf, int32_t pid, const char *comm,
			     size_t len)
{
	char name[64];

	if (pid < 0 || pid >= MMS_PF_MAX_PID)
		return;
	if (!pf->task_named) {
		pf->task_named = calloc(MMS_PF_MAX_PID / 8, 1);
		if (!pf->task_named)
			return;
	}
	if (comm && len) {
		snprintf(name, sizeof(name), "%.*s %d", (int)len, comm, pid);
	} else {
		if (pf->task_named[pid / 8] & (1u << (pid % 8)))
			return;
		if (pid)
			snprintf(name, sizeof(name), "pid %d", pid);
		else
			snprintf(name, sizeof(name), "idle (interrupts)");
	}
	pf->task_named[pid / 8] |= (uint8_t)(1u << (pid % 8));
	mms_pf_name_thread(pf, MMS_PF_TASKS, pid, name);
}

/* The track (tid) of lane @lane of CPU @cpu. */
static int64_t mms_pf_cpu_tid(uint32_t cpu, int lane)
{
	return MMS_PF_CPU + 1 + (int64_t)lane * MMS_PF_MAX_CPUS + cpu;
}

/*
 * The lane of CPU @cpu for a slice [@start, @end]: the first in which it
 * nests.  The slices of a CPU come in the order of their ends, so the new
 * one ends after every slice a lane has; it fits if no top-level slice
 * there starts before it and ends after its start.  It then replaces the
 * top-level slices it contains.
 */
static int mms_pf_lane(struct mms_pf *pf, uint32_t cpu, uint64_t start,
		       uint64_t end)
{
	struct mms_pf_lane *l;
	int lane, i, keep;

	if (cpu >= MMS_PF_MAX_CPUS)
		cpu = MMS_PF_MAX_CPUS - 1;
	if (!pf->cpu[cpu]) {
		pf->cpu[cpu] = calloc(MMS_PF_LANES, sizeof(struct mms_pf_lane));
		if (!pf->cpu[cpu])
			return 0;
	}
	for (lane = 0; lane < MMS_PF_LANES; lane++) {
		l = &pf->cpu[cpu][lane];
		for (i = 0; i < l->n; i++)
			if (l->start_ns[i] < start && l->end_ns[i] > start)
				break;
		if (i == l->n)
			break;
	}
	if (lane == MMS_PF_LANES) {
		lane = MMS_PF_LANES - 1;
		pf->lanes_full++;
	}
	l = &pf->cpu[cpu][lane];
	for (keep = 0; keep < l->n && l->start_ns[keep] < start; keep++)
		;
	if (keep == MMS_PF_LANE_TOP) {
		memmove(l->start_ns, l->start_ns + 1,
			(MMS_PF_LANE_TOP - 1) * sizeof(l->start_ns[0]));
		memmove(l->end_ns, l->end_ns + 1,
			(MMS_PF_LANE_TOP - 1) * sizeof(l->end_ns[0]));
		keep--;
	}
	l->start_ns[keep] = start;
	l->end_ns[keep] = end;
	l->n = keep + 1;
	if (!l->named) {
		char name[32];

		l->named = true;
		if (lane)
			snprintf(name, sizeof(name), "CPU %u (%d)", cpu, lane + 1);
		else
			snprintf(name, sizeof(name), "CPU %u", cpu);
		mms_pf_name_thread(pf, MMS_PF_CPU, mms_pf_cpu_tid(cpu, lane), name);
	}
	return lane;
}

/* The event's args (its CPU, pid and fields), and the end of the event. */
static void mms_pf_args_end(struct mms_pf *pf, const struct mms_event *ev,
			    const struct mms_fields *fs)
{
	mms_json_obj(pf->j, "args");
	mms_json_u64(pf->j, "cpu", ev->h.cpu);
	mms_json_i64(pf->j, "pid", ev->h.pid);
	mms_fields_json(pf->j, fs);
	mms_json_end_obj(pf->j);
	mms_json_end_obj(pf->j);
}

/* A slice of @dur_ns ending at the record, on its task's and CPU's tracks. */
static void mms_pf_slice(struct mms_pf *pf, const struct mms_event *ev,
			 const char *name, const char *cat, uint64_t dur_ns,
			 const struct mms_fields *fs)
{
	uint64_t start = ev->h.ts_ns > dur_ns ? ev->h.ts_ns - dur_ns : 0;
	int lane = mms_pf_lane(pf, ev->h.cpu, start, ev->h.ts_ns);
	uint32_t cpu = ev->h.cpu < MMS_PF_MAX_CPUS ? ev->h.cpu : MMS_PF_MAX_CPUS - 1;
	int pass;

	mms_pf_name_task(pf, ev->h.pid, NULL, 0);
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			mms_pf_begin(pf, name, cat, 'X', mms_pf_us(pf, start),
				     MMS_PF_CPU, mms_pf_cpu_tid(cpu, lane));
		else
			mms_pf_begin(pf, name, cat, 'X', mms_pf_us(pf, start),
				     MMS_PF_TASKS, ev->h.pid);
		mms_json_double(pf->j, "dur", (double)dur_ns / 1e3);
		mms_pf_args_end(pf, ev, fs);
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

/*
 * The names records give their tasks: an OOM kill its victim's, an
 * episode its top stalled tasks'.  Each names that task's track.
 */
static void mms_pf_comms(struct mms_pf *pf, const struct mms_fields *fs)
{
	static const char *const pairs[][2] = {
		{ "victim_pid", "victim_comm" }, { "top1_pid", "top1_comm" },
		{ "top2_pid", "top2_comm" }, { "top3_pid", "top3_comm" },
	};
	const struct mms_field *pid, *comm;
	size_t k;
	int i;

	for (k = 0; k < ARRAY_SIZE(pairs); k++) {
		pid = NULL;
		comm = NULL;
		for (i = 0; i < fs->n; i++) {
			if (!strcmp(fs->f[i].name, pairs[k][0]))
				pid = &fs->f[i];
			else if (!strcmp(fs->f[i].name, pairs[k][1]) &&
				 fs->f[i].kind == MMS_F_STR)
				comm = &fs->f[i];
		}
		if (pid && comm && comm->slen)
			mms_pf_name_task(pf, (int32_t)(pid->kind == MMS_F_S64 ?
						      pid->i : (int64_t)pid->u),
					 comm->s, comm->slen);
	}
}

/**
 * mms_pf_event() - one stream record, as its type is shown
 * @pf: the trace
 * @ev: the record
 * @fs: its fields, as mms_event_fields() decoded them
 */
void mms_pf_event(struct mms_pf *pf, const struct mms_event *ev,
			 const struct mms_fields *fs)
{
	const struct mms_pf_style *st = &mms_pf_styles[ev->h.type];
	struct mmscope_rec_episode ep;
	int64_t dur;

	mms_pf_comms(pf, fs);
	if (st->hidden)
		return;
	if (st->dur_field) {
		dur = mms_event_field(ev, st->dur_field);
		mms_pf_slice(pf, ev, st->name, st->cat,
			     dur > 0 ? (uint64_t)dur * st->unit_ns : 0, fs);
		return;
	}
	switch (ev->h.type) {
	case MMSCOPE_REC_EPISODE:
		/* Global, and it starts where it says. */
		memcpy(&ep, ev->u.raw, sizeof(ep));
		mms_pf_begin(pf, "pressure episode", "episode", 'X',
			     mms_pf_us(pf, ep.start_ns), MMS_PF_GLOBAL,
			     MMS_PF_GLOBAL);
		mms_json_double(pf->j, "dur", (double)ep.duration_ns / 1e3);
		break;
	case MMSCOPE_REC_OOM_KILL:
		/* Global: the whole timeline shows it. */
		mms_pf_name_task(pf, ev->h.pid, NULL, 0);
		mms_pf_begin(pf, "OOM kill", "oom", 'i', mms_pf_us(pf, ev->h.ts_ns),
			     MMS_PF_TASKS, ev->h.pid);
		mms_json_str(pf->j, "s", "g");
		break;
	default:
		mms_pf_name_task(pf, ev->h.pid, NULL, 0);
		mms_pf_begin(pf, mms_event_name(ev->h.type), "mmscope", 'i',
			     mms_pf_us(pf, ev->h.ts_ns), MMS_PF_TASKS, ev->h.pid);
		mms_json_str(pf->j, "s", "t");
		break;
	}
	mms_pf_args_end(pf, ev, fs);
}


static void mms_pf_metadata(struct mms_pf *pf)
{
	mms_pf_begin(pf, "process_name", "__metadata", 'M', 0, MMS_PF_TASKS,
		     MMS_PF_TASKS);
	mms_json_obj(pf->j, "args");
	mms_json_str(pf->j, "name", "mmscope: tasks");
	mms_json_end_obj(pf->j);
	mms_json_end_obj(pf->j);
	mms_pf_begin(pf, "process_name", "__metadata", 'M', 0, MMS_PF_GLOBAL,
		     MMS_PF_GLOBAL);
	mms_json_obj(pf->j, "args");
	mms_json_str(pf->j, "name", "mmscope: system");
	mms_json_end_obj(pf->j);
	mms_json_end_obj(pf->j);
	mms_pf_begin(pf, "process_name", "__metadata", 'M', 0, MMS_PF_CPU,
		     MMS_PF_CPU);
	mms_json_obj(pf->j, "args");
	mms_json_str(pf->j, "name", "mmscope: CPUs");
	mms_json_end_obj(pf->j);
	mms_json_end_obj(pf->j);
}

/**
 * mms_pf_open() - start a trace: its object, its event array, and the
 *	names of its global and per-CPU tracks
 * @pf: the trace
 * @j: the JSON writer it goes to
 * @t0_ns: the recording's start (CLOCK_MONOTONIC), the trace's time 0
 */
void mms_pf_open(struct mms_pf *pf, struct mms_json *j, uint64_t t0_ns)
{
	memset(pf, 0, sizeof(*pf));
	pf->j = j;
	pf->t0_ns = t0_ns;
	j->compact = false;
	mms_json_obj(j, NULL);
	mms_json_arr(j, "traceEvents");
	mms_pf_metadata(pf);
}

/**
 * mms_pf_counter_begin() - a counter event on the global track; the
 *	caller adds its values and calls mms_pf_counter_end()
 * @pf: the trace
 * @name: the counter track's name
 * @ts_ns: when its values start to hold
 */
void mms_pf_counter_begin(struct mms_pf *pf, const char *name, uint64_t ts_ns)
{
	mms_pf_begin(pf, name, "views", 'C', mms_pf_us(pf, ts_ns),
		     MMS_PF_GLOBAL, MMS_PF_GLOBAL);
	mms_json_obj(pf->j, "args");
}

/* The end of a counter event that mms_pf_counter_begin() began. */
void mms_pf_counter_end(struct mms_pf *pf)
{
	mms_json_end_obj(pf->j);
	mms_json_end_obj(pf->j);
}

/* The end of the trace: its event array and its object. */
void mms_pf_close(struct mms_pf *pf)
{
	int c;

	for (c = 0; c < MMS_PF_MAX_CPUS; c++)
		free(pf->cpu[c]);
	free(pf->task_named);
	mms_json_end_arr(pf->j);
	mms_json_str(pf->j, "displayTimeUnit", "ms");
	mms_json_end_obj(pf->j);
	mms_json_done(pf->j);
}
