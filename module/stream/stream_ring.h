/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One CPU's ring of the event stream: nr_slots fixed slots of
 * MMSCOPE_SLOT_SIZE bytes, one record each, after a page that a read-only
 * mmap() shows (struct mmscope_ring_page).
 *
 *   positions:  0 ........ tail ............ head ........>
 *                 delivered  |  pending records  |  free
 *                 or lost    |  (head - tail)    |
 *
 * Writers, on the ring's own CPU only, in any context down to NMI,
 * reserve position head with a local cmpxchg, mark the slot
 * (head % nr_slots) unwritten (hdr.seq = MMSCOPE_SEQ_NONE), write the
 * record and commit it by storing its position in hdr.seq with release
 * semantics.  A nested writer (an interrupt) simply takes the next
 * position.  In discard mode a writer that finds nr_slots records pending
 * does not reserve and counts the record discarded; in overwrite mode it
 * reuses the oldest slot, unless that slot is still being written by a
 * writer it interrupted: then it too discards its record, so that a slot
 * never holds two records under one seq.
 *
 * The reader (one at a time, under the stream's mutex) takes the record
 * at tail when its slot's hdr.seq reads tail before and after the copy,
 * like a seqcount read; a slot that a writer lapped meanwhile fails the
 * second check and that position is counted overwritten.  When head has
 * run more than nr_slots ahead, the positions it lapped are counted
 * overwritten at once.  Every position below tail is therefore exactly one
 * of delivered or overwritten, so for every CPU, at every moment,
 *
 *   produced (head + discarded) = delivered + lost + pending (head - tail)
 *
 * where lost = discarded + overwritten.
 */
#ifndef _MMSCOPE_STREAM_RING_H
#define _MMSCOPE_STREAM_RING_H

#include <asm/local64.h>
#include <linux/types.h>

#include <linux/mmscope.h>

/**
 * struct mms_ring_page - the kernel's view of struct mmscope_ring_page,
 *	the ring's first page, which mmap() shows read-only
 * @head: the next position to reserve; written by this CPU's writers
 * @tail: a copy of &mms_ring.tail for mmap readers; never read back
 * @discarded: records not stored for want of room (discard mode)
 * @nr_slots: slots in the ring, a power of two
 * @slot_size: MMSCOPE_SLOT_SIZE
 * @data_offset: where the slots start, from the page's start
 * @cpu: the ring's CPU
 */
struct mms_ring_page {
	local64_t head;
	u64 tail;
	local64_t discarded;
	u32 nr_slots;
	u32 slot_size;
	u32 data_offset;
	u32 cpu;
};

/**
 * struct mms_ring - one CPU's ring
 * @page: the mapped memory: the ring page, then the slots
 * @slots: the first slot
 * @mask: nr_slots - 1
 * @map_size: bytes of @page, page-aligned
 * @tail: the next position to read; only the reader writes it
 * @delivered: records read; only the reader writes it
 * @overwritten: records lost to overwriting; only the reader writes it
 * @corrupt: of @overwritten, committed slots that held no valid record
 *	(a writer's bug: never expected); only the reader writes it
 *
 * Only the reader side lives outside @page, so nothing user space can
 * see or write through a mapping is ever trusted by the kernel.
 */
struct mms_ring {
	struct mms_ring_page *page;
	u8 *slots;
	u64 mask;
	size_t map_size;
	u64 tail;
	u64 delivered;
	u64 overwritten;
	u64 corrupt;
};

/**
 * struct mms_ring_stats - one ring's accounting, at one moment
 * @produced: records produced: reserved plus discarded
 * @delivered: records read
 * @discarded: records discarded for want of room
 * @overwritten: records overwritten before being read
 * @pending: records reserved and not yet read or lost
 */
struct mms_ring_stats {
	u64 produced;
	u64 delivered;
	u64 discarded;
	u64 overwritten;
	u64 pending;
};

/* A record's size in its slot: header + payload rounded up to 8. */
static inline size_t mms_rec_size(size_t payload)
{
	return sizeof(struct mmscope_rec_header) + ALIGN(payload, 8);
}

size_t mms_ring_map_size(u32 nr_slots);
int mms_ring_alloc(struct mms_ring *r, u32 nr_slots, unsigned int cpu);
void mms_ring_free(struct mms_ring *r);
void mms_ring_reset(struct mms_ring *r);

struct mmscope_rec_header *mms_ring_reserve(struct mms_ring *r,
					    bool overwrite, u64 *pos);
void mms_ring_commit(struct mmscope_rec_header *hdr, u64 pos);
bool mms_ring_write(struct mms_ring *r, bool overwrite, unsigned int type,
		    const void *payload, size_t size);
u64 mms_ring_pending(const struct mms_ring *r);

int mms_ring_peek(struct mms_ring *r, void *buf);
void mms_ring_consume(struct mms_ring *r);
void mms_ring_stats(const struct mms_ring *r, struct mms_ring_stats *s);

int mms_stream_check_mask(u64 mask);
int mms_stream_check_mode(u32 mode);
int mms_stream_check_slots(u32 nr_slots);

#endif /* _MMSCOPE_STREAM_RING_H */
