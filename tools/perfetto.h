/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope report --perfetto: writing a Chrome JSON trace (perfetto.c).
 */
#ifndef MMS_PERFETTO_H
#define MMS_PERFETTO_H

#include <stdbool.h>
#include <stdint.h>

#include "fields.h"
#include "recfile.h"

/*
 * Perfetto processes: the tasks (a thread each, tid = the task's pid: the
 * stream does not carry thread groups), the CPUs (a thread per CPU and
 * lane) and the system's global tracks.
 */
#define MMS_PF_TASKS	1900000000
#define MMS_PF_GLOBAL	2000000000
#define MMS_PF_CPU	2100000000
/* CPUs with tracks of their own (CPU numbers above share the last). */
#define MMS_PF_MAX_CPUS	4096
/*
 * Lanes per CPU: a CPU's slices come from different tasks, and a task
 * that sleeps in reclaim lets another start a slice that ends after its
 * own; such a slice goes to the next lane, so that the slices of one
 * track always nest, as the trace format requires.
 */
#define MMS_PF_LANES	8
/* Top-level slices a lane remembers (the oldest are forgotten). */
#define MMS_PF_LANE_TOP	16
/* Task pids whose track has a name, a bit each (PID_MAX_LIMIT). */
#define MMS_PF_MAX_PID	(1 << 22)

struct mms_json;

/**
 * struct mms_pf_lane - the top-level slices of one CPU track
 * @start_ns: their starts, oldest first
 * @end_ns: their ends
 * @n: how many
 * @named: whether the track has its name yet
 */
struct mms_pf_lane {
	uint64_t start_ns[MMS_PF_LANE_TOP];
	uint64_t end_ns[MMS_PF_LANE_TOP];
	int n;
	bool named;
};

/**
 * struct mms_pf - a trace being written
 * @j: the JSON writer
 * @t0_ns: the recording's start, the trace's time 0
 * @cpu: per CPU, its lanes, allocated when it first has a slice
 * @task_named: the task pids whose track has its name, a bit each
 * @lanes_full: slices that no lane could take without overlap (put in
 *	the last lane)
 */
struct mms_pf {
	struct mms_json *j;
	uint64_t t0_ns;
	struct mms_pf_lane *cpu[MMS_PF_MAX_CPUS];
	uint8_t *task_named;
	uint64_t lanes_full;
};

void mms_pf_open(struct mms_pf *pf, struct mms_json *j, uint64_t t0_ns);
void mms_pf_event(struct mms_pf *pf, const struct mms_event *ev,
		  const struct mms_fields *fs);
void mms_pf_counter_begin(struct mms_pf *pf, const char *name, uint64_t ts_ns);
void mms_pf_counter_end(struct mms_pf *pf);
void mms_pf_close(struct mms_pf *pf);

#endif /* MMS_PERFETTO_H */
