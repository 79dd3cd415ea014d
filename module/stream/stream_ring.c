// SPDX-License-Identifier: GPL-2.0
/*
 * The event stream's per-CPU rings: reserve, commit, read and exact loss
 * accounting (see stream_ring.h for the protocol), and the validation of
 * the values user space may set.  Plain functions on plain memory, so
 * that KUnit can drive them without probes or devices.
 */
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/smp.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "stream/stream_ring.h"

/* The kernel's view of the ring page is the ABI's, field for field. */
static_assert(offsetof(struct mms_ring_page, head) ==
	      offsetof(struct mmscope_ring_page, head));
static_assert(offsetof(struct mms_ring_page, tail) ==
	      offsetof(struct mmscope_ring_page, tail));
static_assert(offsetof(struct mms_ring_page, discarded) ==
	      offsetof(struct mmscope_ring_page, discarded));
static_assert(offsetof(struct mms_ring_page, nr_slots) ==
	      offsetof(struct mmscope_ring_page, nr_slots));
static_assert(offsetof(struct mms_ring_page, slot_size) ==
	      offsetof(struct mmscope_ring_page, slot_size));
static_assert(offsetof(struct mms_ring_page, data_offset) ==
	      offsetof(struct mmscope_ring_page, data_offset));
static_assert(offsetof(struct mms_ring_page, cpu) ==
	      offsetof(struct mmscope_ring_page, cpu));
static_assert(sizeof(local64_t) == sizeof(__u64));
static_assert(sizeof(struct mms_ring_page) == sizeof(struct mmscope_ring_page));
static_assert(sizeof(struct mmscope_rec_header) == 32);
static_assert(MMSCOPE_MAX_PAYLOAD ==
	      MMSCOPE_SLOT_SIZE - sizeof(struct mmscope_rec_header));
static_assert(MMSCOPE_REC_NR <= 64);
static_assert(sizeof(struct mmscope_rec_episode) <= MMSCOPE_MAX_PAYLOAD);
static_assert(sizeof(struct mmscope_rec_oom_kill) <= MMSCOPE_MAX_PAYLOAD);
static_assert(!(MMSCOPE_MIN_SLOTS & (MMSCOPE_MIN_SLOTS - 1)) &&
	      !(MMSCOPE_MAX_SLOTS & (MMSCOPE_MAX_SLOTS - 1)) &&
	      !(MMSCOPE_DEFAULT_SLOTS & (MMSCOPE_DEFAULT_SLOTS - 1)));

static struct mmscope_rec_header *mms_ring_slot(const struct mms_ring *r,
						u64 pos)
{
	return (struct mmscope_rec_header *)
		(r->slots + (pos & r->mask) * MMSCOPE_SLOT_SIZE);
}

/**
 * mms_ring_map_size() - bytes of a ring of @nr_slots slots, with its page
 * @nr_slots: slots
 *
 * Return: the size, page-aligned.
 */
size_t mms_ring_map_size(u32 nr_slots)
{
	return PAGE_ALIGN(PAGE_SIZE + (size_t)nr_slots * MMSCOPE_SLOT_SIZE);
}

/**
 * mms_ring_alloc() - allocate an empty ring
 * @r: the ring, zeroed or freed
 * @nr_slots: slots, checked by mms_stream_check_slots()
 * @cpu: the CPU it is for
 *
 * The memory is vmalloc_user()'s: zeroed, and mappable by
 * remap_vmalloc_range().
 *
 * Context: process context, may sleep.
 * Return: 0 or -ENOMEM.
 */
int mms_ring_alloc(struct mms_ring *r, u32 nr_slots, unsigned int cpu)
{
	memset(r, 0, sizeof(*r));
	r->map_size = mms_ring_map_size(nr_slots);
	r->page = vmalloc_user(r->map_size);
	if (!r->page)
		return -ENOMEM;
	r->slots = (u8 *)r->page + PAGE_SIZE;
	r->mask = nr_slots - 1;
	r->page->nr_slots = nr_slots;
	r->page->slot_size = MMSCOPE_SLOT_SIZE;
	r->page->data_offset = PAGE_SIZE;
	r->page->cpu = cpu;
	mms_ring_reset(r);
	return 0;
}

/**
 * mms_ring_free() - free a ring's memory
 * @r: the ring
 *
 * Context: no writer, reader or mapping may use it any more.
 */
void mms_ring_free(struct mms_ring *r)
{
	vfree(r->page);
	r->page = NULL;
	r->slots = NULL;
}

/**
 * mms_ring_reset() - empty a ring and zero its counts
 * @r: the ring
 *
 * Context: no writer or reader may be using it.
 */
void mms_ring_reset(struct mms_ring *r)
{
	u64 i;

	local64_set(&r->page->head, 0);
	local64_set(&r->page->discarded, 0);
	r->page->tail = 0;
	r->tail = 0;
	r->delivered = 0;
	r->overwritten = 0;
	r->corrupt = 0;
	for (i = 0; i <= r->mask; i++)
		mms_ring_slot(r, i)->seq = MMSCOPE_SEQ_NONE;
}

/**
 * mms_ring_reserve() - take the next slot for a record
 * @r: the current CPU's ring
 * @overwrite: reuse the oldest slot when full, rather than discard
 * @pos: set to the record's position, to pass to mms_ring_commit()
 *
 * Context: on @r's CPU with preemption disabled; any context, NMI
 * included (a nested writer takes the next position).
 * Return: the slot, marked unwritten, or %NULL if the record was
 * discarded (and counted so): in discard mode for want of room; in
 * overwrite mode when the slot to reuse is one that the writer this one
 * interrupted has reserved and not yet committed, as ftrace drops an
 * event that would overwrite its uncommitted page (commit_overrun).
 */
struct mmscope_rec_header *mms_ring_reserve(struct mms_ring *r,
					    bool overwrite, u64 *pos)
{
	struct mms_ring_page *p = r->page;
	struct mmscope_rec_header *hdr;
	u64 head;

	do {
		head = local64_read(&p->head);
		hdr = mms_ring_slot(r, head);
		/* Acquire: the reader is done with a slot it has passed. */
		if (!overwrite && head - smp_load_acquire(&r->tail) > r->mask)
			goto discard;
		/*
		 * Overwrite mode, a lap on: the slot is still being written
		 * by the writer this one interrupted (position head - nr_slots
		 * or earlier, never committed).  Taking it would leave two
		 * records in one slot under the older's seq.
		 */
		if (overwrite && head > r->mask &&
		    READ_ONCE(hdr->seq) == MMSCOPE_SEQ_NONE)
			goto discard;
	} while (local64_cmpxchg(&p->head, head, head + 1) != head);

	WRITE_ONCE(hdr->seq, MMSCOPE_SEQ_NONE);
	/* A reader that sees the new contents sees the slot unwritten. */
	smp_wmb();
	*pos = head;
	return hdr;

discard:
	local64_inc(&p->discarded);
	return NULL;
}

/**
 * mms_ring_commit() - publish a record written in a reserved slot
 * @hdr: the slot from mms_ring_reserve()
 * @pos: the position it gave
 *
 * Context: as mms_ring_reserve().
 */
void mms_ring_commit(struct mmscope_rec_header *hdr, u64 pos)
{
	/* Release: a reader that sees @pos sees the record written. */
	smp_store_release(&hdr->seq, pos);
}

/**
 * mms_ring_write() - write one whole record: reserve, fill, commit
 * @r: the current CPU's ring
 * @overwrite: reuse the oldest slot when full, rather than discard
 * @type: &enum mmscope_rec_type
 * @payload: the payload
 * @size: its size, at most %MMSCOPE_MAX_PAYLOAD
 *
 * Context: as mms_ring_reserve().
 * Return: true if stored, false if discarded.
 */
bool mms_ring_write(struct mms_ring *r, bool overwrite, unsigned int type,
		    const void *payload, size_t size)
{
	struct mmscope_rec_header *hdr;
	u64 pos;

	hdr = mms_ring_reserve(r, overwrite, &pos);
	if (!hdr)
		return false;
	hdr->ts_ns = local_clock();
	hdr->size = mms_rec_size(size);
	hdr->type = type;
	hdr->version = 1;
	hdr->flags = 0;
	hdr->cpu = raw_smp_processor_id();
	hdr->pid = task_pid_nr(current);
	memcpy(hdr + 1, payload, size);
	memset((u8 *)(hdr + 1) + size, 0, ALIGN(size, 8) - size);
	mms_ring_commit(hdr, pos);
	return true;
}

/**
 * mms_ring_pending() - records reserved and not yet read or lost
 * @r: the ring
 *
 * Return: head - tail, at most nr_slots unless writers lapped the reader.
 */
u64 mms_ring_pending(const struct mms_ring *r)
{
	return local64_read(&r->page->head) - READ_ONCE(r->tail);
}

/* Count positions tail .. @to - 1 as overwritten and move past them. */
static void mms_ring_skip(struct mms_ring *r, u64 to)
{
	r->overwritten += to - r->tail;
	/* Release: the slots passed are free for writers (discard mode). */
	smp_store_release(&r->tail, to);
	WRITE_ONCE(r->page->tail, to);
}

/**
 * mms_ring_peek() - copy the record at the tail, leaving it there
 * @r: the ring
 * @buf: MMSCOPE_SLOT_SIZE bytes
 *
 * Records that writers overwrote are counted and skipped on the way.
 * After the copy has been delivered, mms_ring_consume() moves past it;
 * a record not consumed (the copy to user space failed) stays, and is
 * either read again or counted overwritten.
 *
 * A committed slot that holds no valid record (never expected: a
 * writer's bug) is skipped, counted overwritten and in &mms_ring.corrupt.
 *
 * Context: the ring's only reader (the stream's mutex held); any CPU.
 * Return: the record's size, or 0 if there is none yet (the ring is
 * empty, or its oldest record is still being written).
 */
int mms_ring_peek(struct mms_ring *r, void *buf)
{
	const struct mmscope_rec_header *copy = buf;
	struct mmscope_rec_header *hdr;
	u64 head, seq;

	for (;;) {
		head = local64_read(&r->page->head);
		if (head == r->tail)
			return 0;
		if (head - r->tail > r->mask + 1) {
			/* Lapped: the oldest r->mask + 1 may still be there. */
			mms_ring_skip(r, head - (r->mask + 1));
			continue;
		}
		hdr = mms_ring_slot(r, r->tail);
		/* Acquire: pairs with mms_ring_commit()'s release. */
		seq = smp_load_acquire(&hdr->seq);
		if (seq != r->tail) {
			/*
			 * MMSCOPE_SEQ_NONE or an older position: the writer of
			 * this position, or of a later lap, is still at work;
			 * a later lap shows in head on the next pass.
			 */
			if (seq == MMSCOPE_SEQ_NONE || seq < r->tail) {
				if (local64_read(&r->page->head) - r->tail >
				    r->mask + 1)
					continue;
				return 0;
			}
			mms_ring_skip(r, r->tail + 1);	/* a later lap */
			continue;
		}
		memcpy(buf, hdr, MMSCOPE_SLOT_SIZE);
		/* The copy is complete before the slot is checked again. */
		smp_rmb();
		if (READ_ONCE(hdr->seq) != r->tail) {
			mms_ring_skip(r, r->tail + 1);	/* overwritten under us */
			continue;
		}
		if (copy->size < sizeof(*copy) || copy->size > MMSCOPE_SLOT_SIZE ||
		    copy->size % 8) {
			/* Never expected (a writer's bug): lose it, counted. */
			r->corrupt++;
			mms_ring_skip(r, r->tail + 1);
			continue;
		}
		return copy->size;
	}
}

/**
 * mms_ring_consume() - move past the record mms_ring_peek() returned
 * @r: the ring
 *
 * Context: as mms_ring_peek(), right after it returned a record.
 */
void mms_ring_consume(struct mms_ring *r)
{
	r->delivered++;
	/* Release: writers may reuse the slot once they see the new tail. */
	smp_store_release(&r->tail, r->tail + 1);
	WRITE_ONCE(r->page->tail, r->tail);
}

/**
 * mms_ring_stats() - a ring's accounting
 * @r: the ring
 * @s: filled in
 *
 * Context: the reader side held still (the stream's mutex held); writers
 * may run: produced and pending then come from one reading of head, so
 * the identity produced = delivered + discarded + overwritten + pending
 * holds exactly in every snapshot.
 */
void mms_ring_stats(const struct mms_ring *r, struct mms_ring_stats *s)
{
	u64 discarded = local64_read(&r->page->discarded);
	u64 head = local64_read(&r->page->head);

	s->delivered = r->delivered;
	s->overwritten = r->overwritten;
	s->discarded = discarded;
	s->pending = head - r->tail;
	s->produced = head + discarded;
}

/**
 * mms_stream_check_mask() - validate an event mask from user space
 * @mask: MMSCOPE_REC_BIT()s
 *
 * Return: 0, or -EINVAL for a bit of no known type.
 */
int mms_stream_check_mask(u64 mask)
{
	return mask & ~(u64)MMSCOPE_MASK_ALL ? -EINVAL : 0;
}

/**
 * mms_stream_check_mode() - validate a mode from user space
 * @mode: MMSCOPE_MODE_*
 *
 * Return: 0, or -EINVAL.
 */
int mms_stream_check_mode(u32 mode)
{
	return mode == MMSCOPE_MODE_DISCARD || mode == MMSCOPE_MODE_OVERWRITE ?
		0 : -EINVAL;
}

/**
 * mms_stream_check_slots() - validate a ring size from user space
 * @nr_slots: slots per CPU
 *
 * Return: 0, or -EINVAL unless a power of two in
 * [MMSCOPE_MIN_SLOTS, MMSCOPE_MAX_SLOTS].
 */
int mms_stream_check_slots(u32 nr_slots)
{
	if (nr_slots < MMSCOPE_MIN_SLOTS || nr_slots > MMSCOPE_MAX_SLOTS ||
	    !is_power_of_2(nr_slots))
		return -EINVAL;
	return 0;
}
