/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The record file of "mmscope record" and its decoder.
 *
 * A file is a header, then chunks, each a struct mms_chunk and its
 * payload, padded with zeroes to a multiple of 8 bytes:
 *
 *   MMS_CHUNK_EVENTS  bytes as read() from /dev/mmscope: whole records,
 *                     each a struct mmscope_rec_header and its payload
 *   MMS_CHUNK_VIEWS   the text of the vmstat and counters views, read at
 *                     chunk.ts_ns (CLOCK_MONOTONIC)
 *   MMS_CHUNK_LOSS    struct mmscope_cpu_stats per CPU, at the end
 *   MMS_CHUNK_END     the last chunk: without it the file is truncated
 *
 * All integers are little-endian... as the machine that wrote them: the
 * header's byte-order mark tells a reader on another machine to refuse
 * the file rather than misread it.  Unknown chunk types are skipped.
 */
#ifndef MMS_RECFILE_H
#define MMS_RECFILE_H

#include <stddef.h>
#include <stdint.h>

#include <linux/mmscope.h>

#define MMS_FILE_MAGIC		"MMSCOPE\n"
#define MMS_FILE_VERSION	1
#define MMS_FILE_BOM		0x01020304u

/* Chunks larger than this are corrupt (the writer's are far smaller). */
#define MMS_CHUNK_MAX		(4u << 20)

/**
 * struct mms_file_header - the start of a record file (64 bytes)
 * @magic: MMS_FILE_MAGIC
 * @version: MMS_FILE_VERSION
 * @bom: MMS_FILE_BOM as the writer stored it
 * @header_size: sizeof(struct mms_file_header) of the writer
 * @abi_major: the module's ABI, from its debugfs version file
 * @abi_minor: likewise
 * @rec_header_size: sizeof(struct mmscope_rec_header), 0 without events
 * @start_realtime_ns: CLOCK_REALTIME when recording started
 * @start_mono_ns: CLOCK_MONOTONIC then
 * @nr_cpu_ids: the module's nr_cpu_ids, 0 without events
 * @flags: MMS_FILE_F_*
 * @reserved: 0
 */
struct mms_file_header {
	char magic[8];
	uint32_t version;
	uint32_t bom;
	uint32_t header_size;
	uint32_t abi_major;
	uint32_t abi_minor;
	uint32_t rec_header_size;
	uint64_t start_realtime_ns;
	uint64_t start_mono_ns;
	uint32_t nr_cpu_ids;
	uint32_t flags;
	uint8_t reserved[8];
};

/* The file has the event stream; without, only views. */
#define MMS_FILE_F_EVENTS	0x1

enum mms_chunk_type {
	MMS_CHUNK_EVENTS = 1,
	MMS_CHUNK_VIEWS = 2,
	MMS_CHUNK_LOSS = 3,
	MMS_CHUNK_END = 4,
};

/**
 * struct mms_chunk - a chunk's header (16 bytes)
 * @type: &enum mms_chunk_type
 * @size: payload bytes, padding excluded
 * @ts_ns: CLOCK_MONOTONIC when written
 */
struct mms_chunk {
	uint32_t type;
	uint32_t size;
	uint64_t ts_ns;
};

/* Every type's payload fits struct mms_event's (from the UAPI's list). */
#define MMS_REC_FITS(type, name, payload, fields)			\
	_Static_assert(sizeof(struct mmscope_rec_##payload) <=		\
		       MMSCOPE_MAX_PAYLOAD, #type " fits");
MMSCOPE_RECORDS(MMS_REC_FITS)
#undef MMS_REC_FITS

/**
 * struct mms_event - one decoded stream record
 * @h: its header
 * @u: its payload, zero-filled past what the record holds: read through
 *	the field descriptors derived from MMSCOPE_FIELDS_*() (report.c)
 */
struct mms_event {
	struct mmscope_rec_header h;
	union {
		uint8_t raw[MMSCOPE_MAX_PAYLOAD];
		uint64_t align;
	} u;
};

/**
 * struct mms_dec - a decoder over a whole file in memory
 * @buf: the file
 * @len: its length
 * @off: where the next chunk starts
 * @hdr: the file's header
 * @ended: the END chunk was seen
 * @err_off: where decoding failed
 */
struct mms_dec {
	const uint8_t *buf;
	size_t len;
	size_t off;
	struct mms_file_header hdr;
	int ended;
	size_t err_off;
};

/* Decoder results. */
#define MMS_DEC_OK		1	/* one more item */
#define MMS_DEC_DONE		0	/* no more, cleanly */
#define MMS_DEC_TRUNCATED	-1	/* the file ends too early */
#define MMS_DEC_CORRUPT		-2	/* not what the format allows */

/*
 * Check the file header.  Returns MMS_DEC_OK, or an error with @why set.
 */
int mms_dec_open(struct mms_dec *d, const void *buf, size_t len,
		 const char **why);

/*
 * The next chunk: its header in @c, its payload at @payload.  Unknown
 * chunk types are returned too (callers skip them).  MMS_DEC_DONE after
 * the END chunk; MMS_DEC_TRUNCATED if the file stops without one.
 */
int mms_dec_chunk(struct mms_dec *d, struct mms_chunk *c,
		  const uint8_t **payload, const char **why);

/*
 * The next stream record of an EVENTS chunk's payload, from *@off, into
 * @ev.  Returns MMS_DEC_OK (and advances *@off), MMS_DEC_DONE at the end,
 * or MMS_DEC_CORRUPT.  Records of a type or layout version this decoder
 * does not know are returned with their header and raw payload; the
 * caller counts them as skipped.
 */
int mms_dec_event(const uint8_t *payload, size_t len, size_t *off,
		  struct mms_event *ev, const char **why);

/* Whether this decoder knows @ev's type and layout version. */
int mms_event_known(const struct mms_event *ev);

/* The name of a record type ("direct_reclaim_end"), or NULL if unknown. */
const char *mms_event_name(unsigned int type);

#endif /* MMS_RECFILE_H */
