// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the event stream's pure logic: the per-CPU ring
 * (module/stream/stream_ring.c: reserve, commit, read, wrap, loss accounting,
 * the validation of user-supplied values) and the pressure-episode state
 * machine (module/stream/episode.c).  Built with those two files linked in and
 * include/uapi on the include path, as the module itself is.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/string.h>

#include "stream/episode.h"
#include "stream/stream_ring.h"

/* ---- rings ---- */

#define MMS_TEST_SLOTS	MMSCOPE_MIN_SLOTS

static struct mms_ring *mms_test_ring(struct kunit *test)
{
	struct mms_ring *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	if (mms_ring_alloc(r, MMS_TEST_SLOTS, 0))
		kunit_skip(test, "no memory for a ring");
	return r;
}

/* Write one record whose payload is @tag; false if it was discarded. */
static bool mms_test_write(struct mms_ring *r, bool overwrite, u64 tag)
{
	struct mmscope_rec_header *hdr;
	u64 pos;

	hdr = mms_ring_reserve(r, overwrite, &pos);
	if (!hdr)
		return false;
	hdr->size = mms_rec_size(sizeof(tag));
	hdr->type = MMSCOPE_REC_KSWAPD_WAKE;
	memcpy(hdr + 1, &tag, sizeof(tag));
	mms_ring_commit(hdr, pos);
	return true;
}

/* Read one record: its seq, and its tag through @tag; -1 if none. */
static s64 mms_test_read(struct kunit *test, struct mms_ring *r, u64 *tag)
{
	u8 buf[MMSCOPE_SLOT_SIZE];
	const struct mmscope_rec_header *h = (const void *)buf;
	int size = mms_ring_peek(r, buf);

	if (size <= 0)
		return -1;
	KUNIT_EXPECT_EQ(test, size, (int)mms_rec_size(sizeof(*tag)));
	memcpy(tag, h + 1, sizeof(*tag));
	mms_ring_consume(r);
	return h->seq;
}

static void mms_test_identity(struct kunit *test, struct mms_ring *r)
{
	struct mms_ring_stats s;

	mms_ring_stats(r, &s);
	KUNIT_EXPECT_EQ(test, s.produced,
			s.delivered + s.discarded + s.overwritten + s.pending);
}

static void mms_ring_test_fifo(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	struct mms_ring_stats s;
	u64 i, tag;

	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, mms_test_write(r, false, 100 + i));
	KUNIT_EXPECT_EQ(test, mms_ring_pending(r), 3);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), (s64)i);
		KUNIT_EXPECT_EQ(test, tag, 100 + i);
	}
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), -1);
	mms_ring_stats(r, &s);
	KUNIT_EXPECT_EQ(test, s.produced, 3);
	KUNIT_EXPECT_EQ(test, s.delivered, 3);
	KUNIT_EXPECT_EQ(test, s.pending, 0);
	mms_ring_free(r);
}

/* Wrapping many times round keeps order and counts. */
static void mms_ring_test_wrap(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	u64 i, tag;

	for (i = 0; i < 10 * MMS_TEST_SLOTS + 3; i++) {
		KUNIT_EXPECT_TRUE(test, mms_test_write(r, false, i));
		KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), (s64)i);
		KUNIT_EXPECT_EQ(test, tag, i);
	}
	mms_test_identity(test, r);
	mms_ring_free(r);
}

/*
 *   discard, 16 slots, 20 writes, no reads:
 *   [0 .. 15] stored, 16 .. 19 discarded; reads give 0 .. 15.
 */
static void mms_ring_test_discard(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	struct mms_ring_stats s;
	u64 i, tag;

	for (i = 0; i < MMS_TEST_SLOTS + 4; i++)
		KUNIT_EXPECT_EQ(test, mms_test_write(r, false, i),
				i < MMS_TEST_SLOTS);
	mms_test_identity(test, r);
	for (i = 0; i < MMS_TEST_SLOTS; i++)
		KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), (s64)i);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), -1);
	mms_ring_stats(r, &s);
	KUNIT_EXPECT_EQ(test, s.produced, MMS_TEST_SLOTS + 4);
	KUNIT_EXPECT_EQ(test, s.delivered, MMS_TEST_SLOTS);
	KUNIT_EXPECT_EQ(test, s.discarded, 4);
	KUNIT_EXPECT_EQ(test, s.overwritten, 0);
	KUNIT_EXPECT_EQ(test, s.pending, 0);
	/* Room again once read. */
	KUNIT_EXPECT_TRUE(test, mms_test_write(r, false, 7));
	mms_ring_free(r);
}

/*
 *   overwrite, 16 slots, 40 writes, no reads:
 *   0 .. 23 overwritten, reads give 24 .. 39.
 */
static void mms_ring_test_overwrite(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	struct mms_ring_stats s;
	u64 i, tag;

	for (i = 0; i < 40; i++)
		KUNIT_EXPECT_TRUE(test, mms_test_write(r, true, i));
	mms_test_identity(test, r);
	for (i = 24; i < 40; i++) {
		KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), (s64)i);
		KUNIT_EXPECT_EQ(test, tag, i);
	}
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), -1);
	mms_ring_stats(r, &s);
	KUNIT_EXPECT_EQ(test, s.produced, 40);
	KUNIT_EXPECT_EQ(test, s.delivered, 16);
	KUNIT_EXPECT_EQ(test, s.overwritten, 24);
	KUNIT_EXPECT_EQ(test, s.discarded, 0);
	mms_ring_free(r);
}

/* A reserved, uncommitted record holds the reader back, losing nothing. */
static void mms_ring_test_uncommitted(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	struct mmscope_rec_header *hdr;
	u64 pos, tag = 5;

	hdr = mms_ring_reserve(r, false, &pos);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	KUNIT_EXPECT_EQ(test, mms_ring_pending(r), 1);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), -1);
	hdr->size = mms_rec_size(sizeof(tag));
	memcpy(hdr + 1, &tag, sizeof(tag));
	mms_ring_commit(hdr, pos);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), 0);
	KUNIT_EXPECT_EQ(test, tag, 5);
	mms_test_identity(test, r);
	mms_ring_free(r);
}

/*
 * overwrite: the reader is at 0; a writer laps it and is still writing
 * position 16 (slot 0).  Position 0 is lost, 1 .. 15 are read, then 16
 * once committed.
 */
static void mms_ring_test_lap_in_progress(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	struct mmscope_rec_header *hdr;
	struct mms_ring_stats s;
	u64 i, pos, tag;

	for (i = 0; i < MMS_TEST_SLOTS; i++)
		mms_test_write(r, true, i);
	hdr = mms_ring_reserve(r, true, &pos);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	KUNIT_EXPECT_EQ(test, pos, MMS_TEST_SLOTS);
	for (i = 1; i < MMS_TEST_SLOTS; i++)
		KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), (s64)i);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), -1);
	hdr->size = mms_rec_size(sizeof(tag));
	mms_ring_commit(hdr, pos);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), MMS_TEST_SLOTS);
	mms_ring_stats(r, &s);
	KUNIT_EXPECT_EQ(test, s.overwritten, 1);
	KUNIT_EXPECT_EQ(test, s.delivered, MMS_TEST_SLOTS);
	mms_test_identity(test, r);
	mms_ring_free(r);
}

/*
 * overwrite: a writer reserves position 16 (slot 0) and is interrupted;
 * the writers nested in it fill positions 17 .. 31 and reach slot 0
 * again.  That slot is still being written: the nested record is
 * discarded, never stored over it, and once the interrupted writer
 * commits, everything from 16 on is read, nothing is left pending, and
 * every position is accounted for.
 */
static void mms_ring_test_nested_lap(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	struct mmscope_rec_header *hdr;
	struct mms_ring_stats s;
	u64 i, pos, tag = 0;

	for (i = 0; i < MMS_TEST_SLOTS; i++)
		mms_test_write(r, true, i);
	hdr = mms_ring_reserve(r, true, &pos);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	KUNIT_EXPECT_EQ(test, pos, MMS_TEST_SLOTS);
	for (i = 1; i < MMS_TEST_SLOTS; i++)
		KUNIT_EXPECT_TRUE(test, mms_test_write(r, true, 100 + i));
	KUNIT_EXPECT_FALSE(test, mms_test_write(r, true, 200));
	KUNIT_EXPECT_FALSE(test, mms_test_write(r, true, 201));
	hdr->size = mms_rec_size(sizeof(tag));
	tag = 77;
	memcpy(hdr + 1, &tag, sizeof(tag));
	mms_ring_commit(hdr, pos);

	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), MMS_TEST_SLOTS);
	KUNIT_EXPECT_EQ(test, tag, 77);
	for (i = 1; i < MMS_TEST_SLOTS; i++) {
		KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag),
				(s64)(MMS_TEST_SLOTS + i));
		KUNIT_EXPECT_EQ(test, tag, 100 + i);
	}
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), -1);
	KUNIT_EXPECT_EQ(test, mms_ring_pending(r), 0);
	mms_ring_stats(r, &s);
	KUNIT_EXPECT_EQ(test, s.discarded, 2);
	KUNIT_EXPECT_EQ(test, s.overwritten, MMS_TEST_SLOTS);
	KUNIT_EXPECT_EQ(test, s.delivered, MMS_TEST_SLOTS);
	mms_test_identity(test, r);
	/* The slot is free again: the next lap takes it. */
	KUNIT_EXPECT_TRUE(test, mms_test_write(r, true, 300));
	mms_ring_free(r);
}

/* A committed slot with no valid record is skipped and counted, never read. */
static void mms_ring_test_corrupt_slot(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	struct mmscope_rec_header *hdr;
	struct mms_ring_stats s;
	u64 pos, tag;

	hdr = mms_ring_reserve(r, false, &pos);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	hdr->size = 3;
	mms_ring_commit(hdr, pos);
	mms_test_write(r, false, 9);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), 1);
	KUNIT_EXPECT_EQ(test, tag, 9);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), -1);
	mms_ring_stats(r, &s);
	KUNIT_EXPECT_EQ(test, s.overwritten, 1);
	KUNIT_EXPECT_EQ(test, r->corrupt, 1);
	KUNIT_EXPECT_EQ(test, s.pending, 0);
	mms_test_identity(test, r);
	mms_ring_free(r);
}

/* A record peeked and not consumed (copy_to_user failed) stays. */
static void mms_ring_test_peek_keeps(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	u8 buf[MMSCOPE_SLOT_SIZE];
	u64 tag;

	mms_test_write(r, false, 9);
	KUNIT_EXPECT_GT(test, mms_ring_peek(r, buf), 0);
	KUNIT_EXPECT_GT(test, mms_ring_peek(r, buf), 0);
	KUNIT_EXPECT_EQ(test, mms_ring_pending(r), 1);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), 0);
	KUNIT_EXPECT_EQ(test, tag, 9);
	mms_ring_free(r);
}

static void mms_ring_test_reset(struct kunit *test)
{
	struct mms_ring *r = mms_test_ring(test);
	struct mms_ring_stats s;
	u64 i, tag;

	for (i = 0; i < 40; i++)
		mms_test_write(r, i & 1, i);
	mms_ring_reset(r);
	mms_ring_stats(r, &s);
	KUNIT_EXPECT_EQ(test, s.produced, 0);
	KUNIT_EXPECT_EQ(test, s.discarded, 0);
	KUNIT_EXPECT_EQ(test, s.pending, 0);
	mms_test_write(r, false, 3);
	KUNIT_EXPECT_EQ(test, mms_test_read(test, r, &tag), 0);
	mms_ring_free(r);
}

static void mms_ring_test_args(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mms_stream_check_mask(0), 0);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mask(MMSCOPE_MASK_ALL), 0);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mask(MMSCOPE_MASK_DEFAULT), 0);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mask(MMSCOPE_REC_BIT(MMSCOPE_REC_NONE)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mask(MMSCOPE_REC_BIT(MMSCOPE_REC_NR)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mask(BIT_ULL(63)), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mode(MMSCOPE_MODE_DISCARD), 0);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mode(MMSCOPE_MODE_OVERWRITE), 0);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mode(2), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_mode(~0U), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_slots(0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_slots(MMSCOPE_MIN_SLOTS / 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_slots(MMSCOPE_MIN_SLOTS), 0);
	KUNIT_EXPECT_EQ(test, mms_stream_check_slots(MMSCOPE_MIN_SLOTS + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_slots(1000), -EINVAL);
	KUNIT_EXPECT_EQ(test, mms_stream_check_slots(MMSCOPE_DEFAULT_SLOTS), 0);
	KUNIT_EXPECT_EQ(test, mms_stream_check_slots(MMSCOPE_MAX_SLOTS), 0);
	KUNIT_EXPECT_EQ(test, mms_stream_check_slots(MMSCOPE_MAX_SLOTS * 2), -EINVAL);
}

/* ---- episodes ---- */

static bool mms_ep(struct mms_episode *ep, enum mms_ep_event ev, u64 ts,
		   int nid, int pid, u64 dur, u64 cg,
		   struct mmscope_rec_episode *out)
{
	struct mms_ep_input in = {
		.event = ev, .rec_type = MMSCOPE_REC_WAKEUP_KSWAPD + ev,
		.ts_ns = ts, .nid = nid, .pid = pid, .duration_ns = dur,
		.cgroup_id = cg, .comm = "task",
	};

	return mms_episode_feed(ep, &in, out);
}

/*
 *   t=100 wakeup_kswapd(0)   open
 *   t=110 kswapd_wake(0)
 *   t=200 direct begin (pid 10)
 *   t=250 direct end (pid 10, 50 ns)
 *   t=500 kswapd_sleep(0, ran 390)   recovering
 *   t=500 + grace - 1  tick          still recovering
 *   t=500 + grace      tick          -> recovered, 400 ns
 */
static void mms_episode_test_recovered(struct kunit *test)
{
	struct mms_episode *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mmscope_rec_episode out;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	mms_episode_init(ep);
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_WAKEUP_KSWAPD, 100, 0, 0, 0, 0, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_WAKE, 110, 0, 0, 0, 0, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_BEGIN, 200, 0, 10, 0, 0, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_END, 250, 0, 10, 50, 7, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 500, 0, 0, 390, 0, &out));
	KUNIT_EXPECT_TRUE(test, ep->recovering);
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_TICK, 500 + MMS_EP_GRACE_NS - 1,
					0, 0, 0, 0, &out));
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_TICK, 500 + MMS_EP_GRACE_NS, 0, 0, 0,
				       0, &out));
	KUNIT_EXPECT_EQ(test, out.outcome, MMSCOPE_EPISODE_RECOVERED);
	KUNIT_EXPECT_EQ(test, out.start_ns, 100);
	KUNIT_EXPECT_EQ(test, out.duration_ns, 400);
	KUNIT_EXPECT_EQ(test, out.first_type, MMSCOPE_REC_WAKEUP_KSWAPD);
	KUNIT_EXPECT_EQ(test, out.nr_wakeup_kswapd, 1);
	KUNIT_EXPECT_EQ(test, out.nr_kswapd_wakes, 1);
	KUNIT_EXPECT_EQ(test, out.nr_kswapd_runs, 1);
	KUNIT_EXPECT_EQ(test, out.kswapd_run_ns, 390);
	KUNIT_EXPECT_EQ(test, out.nr_direct_stalls, 1);
	KUNIT_EXPECT_EQ(test, out.direct_stall_ns, 50);
	KUNIT_EXPECT_EQ(test, out.nr_retries, 0);
	KUNIT_EXPECT_EQ(test, out.nr_tasks, 1);
	KUNIT_EXPECT_EQ(test, out.tasks[0].pid, 10);
	KUNIT_EXPECT_STREQ(test, out.tasks[0].comm, "task");
	KUNIT_EXPECT_EQ(test, out.cgroups[0].cgroup_id, 7);
	KUNIT_EXPECT_EQ(test, out.cgroups[0].stall_ns, 50);
	KUNIT_EXPECT_EQ(test, out.tasks[1].pid, 0);
	/* Closed: a sleep or a tick alone opens nothing. */
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 3 * MMS_EP_GRACE_NS,
					0, 0, 0, 0, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_TICK, 4 * MMS_EP_GRACE_NS, 0, 0, 0,
					0, &out));
	KUNIT_EXPECT_FALSE(test, ep->active);
}

/* No recovery while a task reclaims or another node's kswapd runs. */
static void mms_episode_test_not_yet(struct kunit *test)
{
	struct mms_episode *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mmscope_rec_episode out;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	mms_episode_init(ep);
	mms_ep(ep, MMS_EP_KSWAPD_WAKE, 10, 0, 0, 0, 0, &out);
	mms_ep(ep, MMS_EP_KSWAPD_WAKE, 11, 1, 0, 0, 0, &out);
	mms_ep(ep, MMS_EP_DIRECT_BEGIN, 12, 0, 5, 0, 0, &out);
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 20, 0, 0, 1, 0, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_END, 30, 0, 5, 18, 0, &out));
	KUNIT_EXPECT_FALSE(test, ep->recovering);
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 40, 1, 0, 1, 0, &out));
	KUNIT_EXPECT_TRUE(test, ep->recovering);
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_TICK, 40 + MMS_EP_GRACE_NS, 0, 0, 0, 0,
				       &out));
	KUNIT_EXPECT_EQ(test, out.nr_kswapd_runs, 2);
	KUNIT_EXPECT_EQ(test, out.duration_ns, 30);
}

/* Retries, and the most-stalled tasks and cgroups first. */
static void mms_episode_test_top(struct kunit *test)
{
	struct mms_episode *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mmscope_rec_episode out;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	mms_episode_init(ep);
	mms_ep(ep, MMS_EP_KSWAPD_WAKE, 0, 0, 0, 0, 0, &out);
	for (i = 0; i < 3; i++) {	/* pid 1: 3 x 10 ns, cgroup 100 */
		mms_ep(ep, MMS_EP_DIRECT_BEGIN, 1, 0, 1, 0, 0, &out);
		mms_ep(ep, MMS_EP_DIRECT_BEGIN, 1, 0, 3, 0, 0, &out);
		mms_ep(ep, MMS_EP_DIRECT_END, 2, 0, 1, 10, 100, &out);
		mms_ep(ep, MMS_EP_DIRECT_END, 2, 0, 3, 1, 300, &out);
	}
	/* pid 2: once, 100 ns, cgroup 100 too */
	mms_ep(ep, MMS_EP_DIRECT_BEGIN, 3, 0, 2, 0, 0, &out);
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_END, 4, 0, 2, 100, 100, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 5, 0, 0, 0, 0, &out));
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_TICK, 5 + MMS_EP_GRACE_NS, 0, 0, 0, 0,
				       &out));
	KUNIT_EXPECT_EQ(test, out.first_type, MMSCOPE_REC_WAKEUP_KSWAPD + MMS_EP_KSWAPD_WAKE);
	KUNIT_EXPECT_EQ(test, out.nr_direct_stalls, 7);
	KUNIT_EXPECT_EQ(test, out.nr_retries, 4);
	KUNIT_EXPECT_EQ(test, out.nr_tasks, 3);
	KUNIT_EXPECT_EQ(test, out.direct_stall_ns, 133);
	KUNIT_EXPECT_EQ(test, out.tasks[0].pid, 2);
	KUNIT_EXPECT_EQ(test, out.tasks[1].pid, 1);
	KUNIT_EXPECT_EQ(test, out.tasks[1].nr_stalls, 3);
	KUNIT_EXPECT_EQ(test, out.tasks[1].stall_ns, 30);
	KUNIT_EXPECT_EQ(test, out.tasks[2].pid, 3);
	KUNIT_EXPECT_EQ(test, out.cgroups[0].cgroup_id, 100);
	KUNIT_EXPECT_EQ(test, out.cgroups[0].stall_ns, 130);
	KUNIT_EXPECT_EQ(test, out.cgroups[1].cgroup_id, 300);
	KUNIT_EXPECT_EQ(test, out.cgroups[2].cgroup_id, 0);
}

/* More tasks than followed: the biggest staller is still first. */
static void mms_episode_test_many_tasks(struct kunit *test)
{
	struct mms_episode *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mmscope_rec_episode out;
	int pid;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	mms_episode_init(ep);
	mms_ep(ep, MMS_EP_KSWAPD_WAKE, 0, 0, 0, 0, 0, &out);
	for (pid = 1; pid <= 3 * MMS_EP_TASKS; pid++) {
		mms_ep(ep, MMS_EP_DIRECT_BEGIN, 1, 0, pid, 0, 0, &out);
		mms_ep(ep, MMS_EP_DIRECT_END, 2, 0, pid, pid == 20 ? 1000 : pid,
		       pid, &out);
	}
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 9, 0, 0, 0, 0, &out));
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_TICK, 9 + MMS_EP_GRACE_NS, 0, 0, 0, 0,
				       &out));
	KUNIT_EXPECT_EQ(test, out.nr_direct_stalls, 3 * MMS_EP_TASKS);
	KUNIT_EXPECT_GE(test, out.nr_tasks, 3 * MMS_EP_TASKS);
	KUNIT_EXPECT_EQ(test, out.tasks[0].pid, 20);
	KUNIT_EXPECT_EQ(test, out.tasks[0].stall_ns, 1000);
	KUNIT_EXPECT_EQ(test, out.tasks[1].pid, 3 * MMS_EP_TASKS);
	KUNIT_EXPECT_EQ(test, out.cgroups[0].cgroup_id, 20);
}

/* An OOM kill ends the episode; what follows it opens no new one. */
static void mms_episode_test_oom(struct kunit *test)
{
	struct mms_episode *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mmscope_rec_episode out;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	mms_episode_init(ep);
	/* Nothing open: an OOM kill (say, of a memcg) is no episode. */
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_OOM, 1, 0, 41, 0, 0, &out));
	mms_ep(ep, MMS_EP_WAKEUP_KSWAPD, 10, 0, 0, 0, 0, &out);
	mms_ep(ep, MMS_EP_DIRECT_BEGIN, 20, 0, 9, 0, 0, &out);
	mms_ep(ep, MMS_EP_COMPACT_STALL, 25, 0, 9, 4, 0, &out);
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_OOM, 30, 0, 42, 0, 0, &out));
	KUNIT_EXPECT_EQ(test, out.outcome, MMSCOPE_EPISODE_OOM);
	KUNIT_EXPECT_EQ(test, out.oom_victim_pid, 42);
	KUNIT_EXPECT_EQ(test, out.duration_ns, 20);
	KUNIT_EXPECT_EQ(test, out.nr_compact_stalls, 1);
	KUNIT_EXPECT_EQ(test, out.compact_stall_ns, 4);
	/* A second OOM record of the same kill, and the stalls it ends. */
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_OOM, 31, 0, 42, 0, 0, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_END, 32, 0, 9, 12, 0, &out));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 33, 0, 0, 0, 0, &out));
	KUNIT_EXPECT_FALSE(test, ep->active);
	KUNIT_EXPECT_EQ(test, ep->inflight, 0);
	KUNIT_EXPECT_EQ(test, ep->awake, 0);
}

/*
 * kswapd gave up and sleeps: the allocator retries direct reclaim on its
 * way to the OOM killer.  Exits with nothing in flight are no recovery.
 */
static void mms_episode_test_kswapd_gave_up(struct kunit *test)
{
	struct mms_episode *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mmscope_rec_episode out;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	mms_episode_init(ep);
	for (i = 0; i < 4; i++) {
		mms_ep(ep, MMS_EP_DIRECT_BEGIN, 10 * i, 0, 77, 0, 0, &out);
		KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_END, 10 * i + 5,
						0, 77, 5, 0, &out));
		KUNIT_EXPECT_TRUE(test, ep->active);
	}
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_OOM, 100, 0, 77, 0, 0, &out));
	KUNIT_EXPECT_EQ(test, out.outcome, MMSCOPE_EPISODE_OOM);
	KUNIT_EXPECT_EQ(test, out.nr_direct_stalls, 4);
	KUNIT_EXPECT_EQ(test, out.nr_retries, 3);
	KUNIT_EXPECT_EQ(test, out.tasks[0].pid, 77);
	KUNIT_EXPECT_EQ(test, out.tasks[0].stall_ns, 20);
}

/* An exit whose entry was not seen neither opens nor underflows. */
static void mms_episode_test_unpaired_end(struct kunit *test)
{
	struct mms_episode *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mmscope_rec_episode out;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	mms_episode_init(ep);
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_END, 1, 0, 3, 5, 0, &out));
	KUNIT_EXPECT_FALSE(test, ep->active);
	KUNIT_EXPECT_EQ(test, ep->inflight, 0);
	/* Nodes past the tracked ones share the last bit. */
	mms_ep(ep, MMS_EP_KSWAPD_WAKE, 2, 1000, 0, 0, 0, &out);
	KUNIT_EXPECT_EQ(test, ep->awake, BIT_ULL(MMS_EP_NODES - 1));
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 3, 1000, 0, 0, 0, &out));
	KUNIT_EXPECT_EQ(test, ep->awake, 0);
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_TICK, 3 + MMS_EP_GRACE_NS, 0, 0, 0, 0,
				       &out));
	KUNIT_EXPECT_EQ(test, out.duration_ns, 1);
}

/*
 * Recovering, then pressure again after the grace period: the first
 * episode ends at its recovery and the event opens the next.
 *
 *   t=100 kswapd wake, t=200 sleep (recovering), t=200 + grace + 1 direct
 *   reclaim: episode [100, 200] recovered; a new one opened by direct
 *   reclaim.  Within the grace period the same event would have kept the
 *   first episode open.
 */
static void mms_episode_test_grace(struct kunit *test)
{
	struct mms_episode *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	struct mmscope_rec_episode out;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	mms_episode_init(ep);
	mms_ep(ep, MMS_EP_KSWAPD_WAKE, 100, 0, 0, 0, 0, &out);
	mms_ep(ep, MMS_EP_KSWAPD_SLEEP, 200, 0, 0, 0, 0, &out);
	/* Within the grace period: the same episode goes on. */
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_BEGIN, 300, 0, 5, 0, 0, &out));
	KUNIT_EXPECT_FALSE(test, ep->recovering);
	KUNIT_EXPECT_FALSE(test, mms_ep(ep, MMS_EP_DIRECT_END, 400, 0, 5, 100, 0, &out));
	KUNIT_EXPECT_TRUE(test, ep->recovering);
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_DIRECT_BEGIN, 400 + MMS_EP_GRACE_NS, 0,
				       6, 0, 0, &out));
	KUNIT_EXPECT_EQ(test, out.outcome, MMSCOPE_EPISODE_RECOVERED);
	KUNIT_EXPECT_EQ(test, out.start_ns, 100);
	KUNIT_EXPECT_EQ(test, out.duration_ns, 300);
	KUNIT_EXPECT_EQ(test, out.nr_direct_stalls, 1);
	KUNIT_EXPECT_TRUE(test, ep->active);
	KUNIT_EXPECT_EQ(test, ep->rec.start_ns, 400 + MMS_EP_GRACE_NS);
	KUNIT_EXPECT_EQ(test, ep->rec.first_type,
			MMSCOPE_REC_WAKEUP_KSWAPD + MMS_EP_DIRECT_BEGIN);
	/* An OOM kill now ends the new episode. */
	KUNIT_EXPECT_TRUE(test, mms_ep(ep, MMS_EP_OOM, 500 + MMS_EP_GRACE_NS, 0, 6, 0, 0,
				       &out));
	KUNIT_EXPECT_EQ(test, out.outcome, MMSCOPE_EPISODE_OOM);
	KUNIT_EXPECT_EQ(test, out.duration_ns, 100);
}

static struct kunit_case mms_stream_test_cases[] = {
	KUNIT_CASE(mms_ring_test_fifo),
	KUNIT_CASE(mms_ring_test_wrap),
	KUNIT_CASE(mms_ring_test_discard),
	KUNIT_CASE(mms_ring_test_overwrite),
	KUNIT_CASE(mms_ring_test_uncommitted),
	KUNIT_CASE(mms_ring_test_lap_in_progress),
	KUNIT_CASE(mms_ring_test_nested_lap),
	KUNIT_CASE(mms_ring_test_corrupt_slot),
	KUNIT_CASE(mms_ring_test_peek_keeps),
	KUNIT_CASE(mms_ring_test_reset),
	KUNIT_CASE(mms_ring_test_args),
	KUNIT_CASE(mms_episode_test_recovered),
	KUNIT_CASE(mms_episode_test_not_yet),
	KUNIT_CASE(mms_episode_test_top),
	KUNIT_CASE(mms_episode_test_many_tasks),
	KUNIT_CASE(mms_episode_test_oom),
	KUNIT_CASE(mms_episode_test_kswapd_gave_up),
	KUNIT_CASE(mms_episode_test_unpaired_end),
	KUNIT_CASE(mms_episode_test_grace),
	{}
};

static struct kunit_suite mms_stream_test_suite = {
	.name = "mmscope_stream",
	.test_cases = mms_stream_test_cases,
};

kunit_test_suite(mms_stream_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mmscope's event stream and episodes");
