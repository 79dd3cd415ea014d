// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding record files (see recfile.h).  Everything here works on a
 * buffer and its length, checks every length against what is left before
 * reading, and never trusts a size it read: a truncated or corrupt file
 * ends decoding with a reason, never a crash (tests/host/fuzz.sh runs
 * libFuzzer on mms_decode_all() to keep it so).
 */
#include <string.h>

#include "recfile.h"
#include "rec_names.h"

const char *mms_event_name(unsigned int type)
{
	return type < MMSCOPE_REC_NR ? mms_rec_names[type] : NULL;
}

int mms_event_known(const struct mms_event *ev)
{
	return mms_event_name(ev->h.type) && ev->h.version == 1;
}

int mms_dec_open(struct mms_dec *d, const void *buf, size_t len,
		 const char **why)
{
	memset(d, 0, sizeof(*d));
	d->buf = buf;
	d->len = len;
	if (len < 8 || memcmp(buf, MMS_FILE_MAGIC, 8)) {
		*why = len < 8 && !memcmp(buf, MMS_FILE_MAGIC, len) ?
		       "the file ends inside its header" :
		       "not an mmscope record file (bad magic)";
		return len < 8 && !memcmp(buf, MMS_FILE_MAGIC, len) ?
		       MMS_DEC_TRUNCATED : MMS_DEC_CORRUPT;
	}
	if (len < sizeof(d->hdr)) {
		*why = "the file ends inside its header";
		return MMS_DEC_TRUNCATED;
	}
	memcpy(&d->hdr, buf, sizeof(d->hdr));
	if (d->hdr.bom != MMS_FILE_BOM) {
		*why = "written on a machine of the other byte order";
		return MMS_DEC_CORRUPT;
	}
	if (d->hdr.version != MMS_FILE_VERSION) {
		*why = "a record file version this mmscope does not know";
		return MMS_DEC_CORRUPT;
	}
	if (d->hdr.header_size < sizeof(d->hdr) || d->hdr.header_size % 8 ||
	    d->hdr.header_size > 4096) {
		*why = "a bad header size";
		return MMS_DEC_CORRUPT;
	}
	if (d->hdr.header_size > len) {
		*why = "the file ends inside its header";
		return MMS_DEC_TRUNCATED;
	}
	if ((d->hdr.flags & MMS_FILE_F_EVENTS) &&
	    d->hdr.rec_header_size != sizeof(struct mmscope_rec_header)) {
		*why = "stream records of a header size this mmscope does not know";
		return MMS_DEC_CORRUPT;
	}
	d->off = d->hdr.header_size;
	return MMS_DEC_OK;
}

int mms_dec_chunk(struct mms_dec *d, struct mms_chunk *c,
		  const uint8_t **payload, const char **why)
{
	size_t left, padded;

	if (d->ended)
		return MMS_DEC_DONE;
	d->err_off = d->off;
	left = d->len - d->off;
	if (left == 0) {
		*why = "the file ends without its end mark (the recording was interrupted)";
		return MMS_DEC_TRUNCATED;
	}
	if (left < sizeof(*c)) {
		*why = "the file ends inside a chunk header";
		return MMS_DEC_TRUNCATED;
	}
	memcpy(c, d->buf + d->off, sizeof(*c));
	if (c->size > MMS_CHUNK_MAX) {
		*why = "a chunk larger than any mmscope writes";
		return MMS_DEC_CORRUPT;
	}
	padded = ((size_t)c->size + 7) & ~(size_t)7;
	if (padded > left - sizeof(*c)) {
		*why = "the file ends inside a chunk";
		return MMS_DEC_TRUNCATED;
	}
	*payload = d->buf + d->off + sizeof(*c);
	d->off += sizeof(*c) + padded;
	if (c->type == MMS_CHUNK_END) {
		if (c->size) {
			*why = "an end mark with a payload";
			return MMS_DEC_CORRUPT;
		}
		d->ended = 1;
		if (d->off != d->len) {
			d->err_off = d->off;
			*why = "data after the end mark";
			return MMS_DEC_CORRUPT;
		}
	}
	return MMS_DEC_OK;
}

int mms_dec_event(const uint8_t *payload, size_t len, size_t *off,
		  struct mms_event *ev, const char **why)
{
	size_t left, size;

	if (*off >= len)
		return MMS_DEC_DONE;
	left = len - *off;
	if (left < sizeof(ev->h)) {
		*why = "a stream record cut short";
		return MMS_DEC_CORRUPT;
	}
	memset(ev, 0, sizeof(*ev));
	memcpy(&ev->h, payload + *off, sizeof(ev->h));
	size = ev->h.size;
	if (size < sizeof(ev->h) || size % 8 || size > MMSCOPE_SLOT_SIZE) {
		*why = "a stream record of an impossible size";
		return MMS_DEC_CORRUPT;
	}
	if (size > left) {
		*why = "a stream record cut short";
		return MMS_DEC_CORRUPT;
	}
	/* Newer payloads may be longer: their prefix is ours. */
	memcpy(&ev->u, payload + *off + sizeof(ev->h),
	       size - sizeof(ev->h) < sizeof(ev->u) ?
	       size - sizeof(ev->h) : sizeof(ev->u));
	*off += size;
	return MMS_DEC_OK;
}
