/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope report --perfetto: writing a Chrome JSON trace (perfetto.c).
 */
#ifndef MMS_PERFETTO_H
#define MMS_PERFETTO_H

#include <stdint.h>

#include "fields.h"
#include "recfile.h"

/* Perfetto tracks for what is not a task's: per CPU and global. */
#define MMS_PF_GLOBAL	2000000000
#define MMS_PF_CPU	2100000000
/* CPUs whose track gets a name (CPU numbers above still get a track). */
#define MMS_PF_MAX_CPUS	4096

struct mms_json;

/**
 * struct mms_pf - a trace being written
 * @j: the JSON writer
 * @t0_ns: the recording's start, the trace's time 0
 * @cpu_named: the CPUs whose track has its name yet, a bit each
 */
struct mms_pf {
	struct mms_json *j;
	uint64_t t0_ns;
	uint8_t cpu_named[MMS_PF_MAX_CPUS / 8];
};

void mms_pf_open(struct mms_pf *pf, struct mms_json *j, uint64_t t0_ns);
void mms_pf_event(struct mms_pf *pf, const struct mms_event *ev,
		  const struct mms_fields *fs);
void mms_pf_counter_begin(struct mms_pf *pf, const char *name, uint64_t ts_ns);
void mms_pf_counter_end(struct mms_pf *pf);
void mms_pf_close(struct mms_pf *pf);

#endif /* MMS_PERFETTO_H */
