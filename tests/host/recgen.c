// SPDX-License-Identifier: GPL-2.0
/*
 * recgen FILE: write a record file, as "mmscope record" writes them, with
 * one stream record of every type the UAPI defines (known values, listed
 * in tests/host/tool.sh's checks), one record of an unknown type and one
 * of an unknown layout version (to be skipped), two view snapshots one
 * second apart, a loss chunk for two CPUs, and the end mark.  The host
 * tests decode it, truncate and corrupt it; the fuzzer starts from it.
 *
 * recgen FILE overlap: instead, direct reclaim passes of three tasks on
 * one CPU, as sleeping reclaim makes them: task 10 in [2, 10] ms, task 20
 * in [6, 12] ms (it ran while 10 slept, and ended after it), task 30 in
 * [0, 13] ms, and task 40 in [11, 12.5] ms; Perfetto's tracks must nest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recfile.h"

static FILE *out;

static void put(const void *p, size_t n)
{
	if (fwrite(p, 1, n, out) != n) {
		perror("recgen");
		exit(1);
	}
}

static void chunk(uint32_t type, const void *payload, size_t len, uint64_t ts)
{
	static const char zero[8];
	struct mms_chunk c = { .type = type, .size = (uint32_t)len, .ts_ns = ts };

	put(&c, sizeof(c));
	put(payload, len);
	put(zero, (8 - len % 8) % 8);
}

static uint8_t events[64 << 10];
static size_t nevents;

#define T0	1000000000ull	/* the recording starts at 1 s */

static void rec(uint16_t type, uint16_t version, uint64_t ts, uint32_t cpu,
		int32_t pid, const void *payload, size_t len)
{
	struct mmscope_rec_header h = {
		.ts_ns = ts, .seq = nevents, .type = type, .version = version,
		.cpu = cpu, .pid = pid,
	};

	h.size = (uint16_t)((sizeof(h) + len + 7) & ~7u);
	memcpy(events + nevents, &h, sizeof(h));
	memcpy(events + nevents + sizeof(h), payload, len);
	memset(events + nevents + sizeof(h) + len, 0, h.size - sizeof(h) - len);
	nevents += h.size;
}

int main(int argc, char **argv)
{
	struct mms_file_header hdr = { .version = MMS_FILE_VERSION };
	struct mmscope_rec_reclaim rb = { .gfp = 0xcc0, .order = 0, .nid = -1,
					  .reclaimer = MMSCOPE_RECLAIMER_DIRECT };
	struct mmscope_rec_reclaim re = { .nr_reclaimed = 32, .duration_ns = 2500000,
					  .order = 0, .nid = -1,
					  .reclaimer = MMSCOPE_RECLAIMER_DIRECT };
	struct mmscope_rec_kswapd ks = { .run_ns = 7000000, .nid = 0, .zid = -1, .order = -1 };
	struct mmscope_rec_lru_isolate li = { 32, 40, 0, 32, 3, 0, 0, 0 };
	struct mmscope_rec_lru_shrink_inactive si = { .nr_scanned = 32, .nr_reclaimed = 30,
						      .nr_dirty = 2, .priority = 12, .file = 1 };
	struct mmscope_rec_lru_shrink_active sa = { .nr_taken = 16, .nr_deactivated = 16,
						    .priority = 12 };
	struct mmscope_rec_throttled th = { .nid = 0, .reason = 2, .usec_timeout = 100000,
					    .usec_delayed = 20000 };
	struct mmscope_rec_compact_stall cs = { .duration_ns = 900000, .order = 9, .prio = 1,
						.gfp = 0x140cca, .result = 2 };
	struct mmscope_rec_compact_run cr = { 0x1000, 0x10000, 400000, 1, 2, 0, 1 };
	struct mmscope_rec_kcompactd kc = { .nid = 0, .order = 9, .highest_zoneidx = 2 };
	struct mmscope_rec_extfrag ef = { 0x12345, 0, 9, 1, 0, 1, 0 };
	struct mmscope_rec_oom_kill ok = {
		.totalpages = 65536, .points = 60123, .victim_rss = 60000,
		.victim_pgtables = 123, .trigger_pid = 77, .victim_pid = 77,
		.victim_oom_score_adj = 0, .gfp = 0x140cca, .order = 0,
		.nr_candidates = 5, .decision_ns = 150000,
		.trigger_comm = "hog", .victim_comm = "hog\"q\\",
	};
	struct mmscope_rec_oom_victim ov = { .victim_pid = 77, .victim_uid = 0 };
	struct mmscope_rec_wmark wm = { 100, 125, 150, 0, 90, 112, 135, 0, 0, 1 };
	struct mmscope_rec_episode ep = {
		.start_ns = T0 + 100000000, .duration_ns = 600000000,
		.outcome = MMSCOPE_EPISODE_OOM, .nr_direct_stalls = 3,
		.oom_victim_pid = 77, .nr_tasks = 1,
		.tasks = { { .stall_ns = 5000000, .pid = 77, .nr_stalls = 3, .comm = "hog" } },
	};
	struct mmscope_cpu_stats loss[2] = {
		{ .cpu = 0, .produced = 20, .delivered = 18, .lost = 2, .overwritten = 2 },
		{ .cpu = 1, .produced = 5, .delivered = 5 },
	};
	uint8_t big[64] = { 0 };
	const char *views0 = "allocstall_normal 1\npgscan_kswapd 100\npgscan_direct 10\n"
			     "pgsteal_kswapd 90\npgsteal_direct 5\noom_mark_victim 0\n";
	const char *views1 = "allocstall_normal 4\npgscan_kswapd 300\npgscan_direct 50\n"
			     "pgsteal_kswapd 250\npgsteal_direct 25\noom_mark_victim 1\n";
	uint64_t ts = T0 + 200000000;
	int t;

	if (argc != 2 && (argc != 3 || strcmp(argv[2], "overlap"))) {
		fprintf(stderr, "usage: recgen FILE [overlap]\n");
		return 2;
	}
	out = fopen(argv[1], "wb");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	memcpy(hdr.magic, MMS_FILE_MAGIC, 8);
	hdr.bom = MMS_FILE_BOM;
	hdr.header_size = sizeof(hdr);
	hdr.abi_major = MMSCOPE_ABI_MAJOR;
	hdr.abi_minor = MMSCOPE_ABI_MINOR;
	hdr.rec_header_size = sizeof(struct mmscope_rec_header);
	hdr.start_realtime_ns = 1700000000ull * 1000000000ull;
	hdr.start_mono_ns = T0;
	hdr.nr_cpu_ids = 2;
	hdr.flags = MMS_FILE_F_EVENTS;
	put(&hdr, sizeof(hdr));
	chunk(MMS_CHUNK_VIEWS, views0, strlen(views0), T0);

	if (argc == 3) {
		static const struct { int32_t pid; uint64_t start, end; } p[] = {
			{ 10, 2000000, 10000000 }, { 20, 6000000, 12000000 },
			{ 40, 11000000, 12500000 }, { 30, 0, 13000000 },
		};

		for (t = 0; t < 4; t++) {
			re.duration_ns = p[t].end - p[t].start;
			rec(MMSCOPE_REC_DIRECT_RECLAIM_END, 1, T0 + p[t].end, 0,
			    p[t].pid, &re, sizeof(re));
		}
		chunk(MMS_CHUNK_EVENTS, events, nevents, T0 + 13000000);
		chunk(MMS_CHUNK_END, NULL, 0, T0 + 1000000000);
		return fclose(out) ? 1 : 0;
	}

	for (t = MMSCOPE_REC_DIRECT_RECLAIM_BEGIN; t <= MMSCOPE_REC_NODE_RECLAIM_END; t++)
		rec(t, 1, ts += 1000, 1, 77, t % 2 ? &rb : &re, sizeof(rb));
	rec(MMSCOPE_REC_WAKEUP_KSWAPD, 1, ts += 1000, 1, 77, &ks, sizeof(ks));
	rec(MMSCOPE_REC_KSWAPD_WAKE, 1, ts += 1000, 0, 30, &ks, sizeof(ks));
	rec(MMSCOPE_REC_KSWAPD_SLEEP, 1, ts += 10000000, 0, 30, &ks, sizeof(ks));
	rec(MMSCOPE_REC_LRU_ISOLATE, 1, ts += 1000, 0, 30, &li, sizeof(li));
	rec(MMSCOPE_REC_LRU_SHRINK_INACTIVE, 1, ts += 1000, 0, 30, &si, sizeof(si));
	rec(MMSCOPE_REC_LRU_SHRINK_ACTIVE, 1, ts += 1000, 0, 30, &sa, sizeof(sa));
	rec(MMSCOPE_REC_THROTTLED, 1, ts += 30000000, 1, 77, &th, sizeof(th));
	rec(MMSCOPE_REC_COMPACT_TRY, 1, ts += 1000, 1, 77, &cs, sizeof(cs));
	rec(MMSCOPE_REC_COMPACT_STALL, 1, ts += 1000000, 1, 77, &cs, sizeof(cs));
	rec(MMSCOPE_REC_COMPACT_BEGIN, 1, ts += 1000, 1, 77, &cr, sizeof(cr));
	rec(MMSCOPE_REC_COMPACT_END, 1, ts += 500000, 1, 77, &cr, sizeof(cr));
	rec(MMSCOPE_REC_KCOMPACTD_WAKE, 1, ts += 1000, 0, 31, &kc, sizeof(kc));
	rec(MMSCOPE_REC_KCOMPACTD_SLEEP, 1, ts += 1000, 0, 31, &kc, sizeof(kc));
	rec(MMSCOPE_REC_EXTFRAG, 1, ts += 1000, 1, 77, &ef, sizeof(ef));
	rec(MMSCOPE_REC_OOM_KILL, 1, ts += 1000, 1, 77, &ok, sizeof(ok));
	rec(MMSCOPE_REC_OOM_VICTIM, 1, ts += 1000, 1, 77, &ov, sizeof(ov));
	rec(MMSCOPE_REC_WMARK, 1, ts += 1000, 0, 1, &wm, sizeof(wm));
	rec(MMSCOPE_REC_EPISODE, 1, ts += 1000, 1, 77, &ep, sizeof(ep));
	/* Skipped: a type from the future, a layout version from the future. */
	rec(MMSCOPE_REC_NR + 5, 1, ts += 1000, 0, 1, big, sizeof(big));
	rec(MMSCOPE_REC_OOM_VICTIM, 2, ts += 1000, 0, 1, big, sizeof(big));
	chunk(MMS_CHUNK_EVENTS, events, nevents, ts);
	chunk(MMS_CHUNK_VIEWS, views1, strlen(views1), T0 + 1000000000);
	chunk(77, "future", 6, T0 + 1000000000);	/* unknown chunk: skipped */
	chunk(MMS_CHUNK_LOSS, loss, sizeof(loss), T0 + 1000000000);
	chunk(MMS_CHUNK_END, NULL, 0, T0 + 1000000000);
	if (fclose(out)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
