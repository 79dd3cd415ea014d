// SPDX-License-Identifier: GPL-2.0
/*
 * The event stream: its configuration, mms_emit(), the per-CPU rings it
 * writes, the episode tracker it feeds, and reading the rings out.
 *
 * Writers (probes, any context) see two masks, updated together under
 * mms_stream_mutex: mms_stream_record, the types stored (0 while
 * stopped), and mms_stream_want, those plus what the episode tracker needs
 * when episodes are recorded.  A writer runs with preemption disabled, so
 * once a mask is cleared, synchronize_rcu() waits for every writer that
 * could still be using the rings: only then are they reset or replaced.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <linux/irq_work.h>
#include <linux/moduleparam.h>
#include <linux/nospec.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include "stream/episode.h"
#include "stream/stream.h"
#include "stream/stream_core.h"

static unsigned int stream_slots = MMSCOPE_DEFAULT_SLOTS;
module_param(stream_slots, uint, 0444);
MODULE_PARM_DESC(stream_slots,
		 "event stream slots per CPU at load: a power of two in [16, 65536]");

/* What the episode tracker follows. */
#define MMS_EP_TYPES						\
	(MMSCOPE_REC_BIT(MMSCOPE_REC_DIRECT_RECLAIM_BEGIN) |		\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_DIRECT_RECLAIM_END) |		\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_WAKEUP_KSWAPD) |			\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_KSWAPD_WAKE) |			\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_KSWAPD_SLEEP) |			\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_COMPACT_STALL) |			\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_OOM_KILL) |			\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_OOM_VICTIM))

u64 mms_stream_want;
static u64 mms_stream_record_mask;

/* Serialises readers, ioctls and configuration changes. */
DEFINE_MUTEX(mms_stream_mutex);
DECLARE_WAIT_QUEUE_HEAD(mms_stream_wq);

/* The configuration, under mms_stream_mutex. */
static u64 mms_stream_mask = MMSCOPE_MASK_DEFAULT;
static u32 mms_stream_mode = MMSCOPE_MODE_DISCARD;
static u32 mms_stream_nr_slots;
static bool mms_stream_running;
static unsigned int mms_stream_next_cpu;

/* Mappings of the rings, and a resize in progress, which exclude each other. */
static atomic_t mms_stream_maps = ATOMIC_INIT(0);
static int mms_stream_resizing;

static DEFINE_PER_CPU(struct mms_ring, mms_rings);
static DEFINE_PER_CPU(struct irq_work, mms_stream_wake_work);

static DEFINE_RAW_SPINLOCK(mms_episode_lock);
static struct mms_episode mms_episode;

/* While episodes are recorded, a tick closes those that recovered. */
#define MMS_EP_TICK_MS	250
static void mms_stream_episode_tick(struct work_struct *work);
static DECLARE_DELAYED_WORK(mms_episode_tick_work, mms_stream_episode_tick);

/* Publish the masks writers test; mms_stream_mutex held. */
static void mms_stream_update(void)
{
	u64 rec = mms_stream_running ? mms_stream_mask : 0;
	u64 want = rec;
	unsigned long flags;

	if (rec & MMSCOPE_REC_BIT(MMSCOPE_REC_EPISODE)) {
		want |= MMS_EP_TYPES;
		/* Episodes were not followed: start from a clean state. */
		if (!(mms_stream_record_mask &
		      MMSCOPE_REC_BIT(MMSCOPE_REC_EPISODE))) {
			raw_spin_lock_irqsave(&mms_episode_lock, flags);
			mms_episode_init(&mms_episode);
			raw_spin_unlock_irqrestore(&mms_episode_lock, flags);
		}
	}
	WRITE_ONCE(mms_stream_record_mask, rec);
	WRITE_ONCE(mms_stream_want, want);
	if (rec & MMSCOPE_REC_BIT(MMSCOPE_REC_EPISODE))
		schedule_delayed_work(&mms_episode_tick_work,
				      msecs_to_jiffies(MMS_EP_TICK_MS));
}

/* Store one record in this CPU's ring. */
static void mms_stream_store(unsigned int type, const void *payload,
			     size_t size)
{
	struct mms_ring *r;

	preempt_disable_notrace();
	r = this_cpu_ptr(&mms_rings);
	/*
	 * Test the mask again with preemption off: once a stop has cleared
	 * it and synchronize_rcu() returned, no writer can be past here.
	 */
	if ((READ_ONCE(mms_stream_record_mask) & MMSCOPE_REC_BIT(type)) &&
	    likely(r->page) &&
	    mms_ring_write(r, READ_ONCE(mms_stream_mode) ==
			   MMSCOPE_MODE_OVERWRITE, type, payload, size) &&
	    mms_ring_pending(r) == (r->mask + 1) / 2)
		/* Wake readers once per half ring, not per record. */
		irq_work_queue(this_cpu_ptr(&mms_stream_wake_work));
	preempt_enable_notrace();
}

static u64 mms_current_cgroup_id(void)
{
#ifdef CONFIG_CGROUPS
	u64 id;

	rcu_read_lock();
	id = cgroup_id(task_dfl_cgroup(current));
	rcu_read_unlock();
	return id;
#else
	return 0;
#endif
}

/* Feed the tracker one event; record the episode if it ended one. */
static void mms_stream_episode_feed(const struct mms_ep_input *in)
{
	struct mmscope_rec_episode out;
	unsigned long flags;
	bool done;

	raw_spin_lock_irqsave(&mms_episode_lock, flags);
	done = mms_episode_feed(&mms_episode, in, &out);
	raw_spin_unlock_irqrestore(&mms_episode_lock, flags);
	if (done)
		mms_stream_store(MMSCOPE_REC_EPISODE, &out, sizeof(out));
}

/* Tell the episode tracker one event of a record. */
static void mms_stream_episode_note(unsigned int type, const void *payload)
{
	const struct mmscope_rec_reclaim *rc = payload;
	const struct mmscope_rec_kswapd *ks = payload;
	struct mms_ep_input in = { .rec_type = type, .ts_ns = local_clock() };

	switch (type) {
	case MMSCOPE_REC_DIRECT_RECLAIM_BEGIN:
		in.event = MMS_EP_DIRECT_BEGIN;
		break;
	case MMSCOPE_REC_DIRECT_RECLAIM_END:
		in.event = MMS_EP_DIRECT_END;
		in.duration_ns = rc->duration_ns;
		in.pid = task_pid_nr(current);
		in.comm = current->comm;
		in.cgroup_id = mms_current_cgroup_id();
		break;
	case MMSCOPE_REC_WAKEUP_KSWAPD:
		in.event = MMS_EP_WAKEUP_KSWAPD;
		in.nid = ks->nid;
		break;
	case MMSCOPE_REC_KSWAPD_WAKE:
		in.event = MMS_EP_KSWAPD_WAKE;
		in.nid = ks->nid;
		break;
	case MMSCOPE_REC_KSWAPD_SLEEP:
		in.event = MMS_EP_KSWAPD_SLEEP;
		in.nid = ks->nid;
		in.duration_ns = ks->run_ns;
		break;
	case MMSCOPE_REC_COMPACT_STALL:
		in.event = MMS_EP_COMPACT_STALL;
		in.duration_ns =
			((const struct mmscope_rec_compact_stall *)payload)->duration_ns;
		break;
	case MMSCOPE_REC_OOM_KILL:
		in.event = MMS_EP_OOM;
		in.pid = ((const struct mmscope_rec_oom_kill *)payload)->victim_pid;
		break;
	case MMSCOPE_REC_OOM_VICTIM:
		in.event = MMS_EP_OOM;
		in.pid = ((const struct mmscope_rec_oom_victim *)payload)->victim_pid;
		break;
	default:
		return;
	}
	mms_stream_episode_feed(&in);
}

/* A recovered episode ends after a quiet grace period: look for one. */
static void mms_stream_episode_tick(struct work_struct *work)
{
	struct mms_ep_input in = {
		.event = MMS_EP_TICK,
		.rec_type = MMSCOPE_REC_NONE,
	};

	if (!(READ_ONCE(mms_stream_record_mask) &
	      MMSCOPE_REC_BIT(MMSCOPE_REC_EPISODE)))
		return;
	if (READ_ONCE(mms_episode.recovering)) {
		in.ts_ns = local_clock();
		mms_stream_episode_feed(&in);
	}
	schedule_delayed_work(&mms_episode_tick_work,
			      msecs_to_jiffies(MMS_EP_TICK_MS));
}

/**
 * mms_emit() - emit one record to the event stream
 * @type: &enum mmscope_rec_type
 * @payload: the record's payload, the struct mmscope_rec_* of @type
 * @size: its size, at most %MMSCOPE_MAX_PAYLOAD
 *
 * Stores the record in the current CPU's ring if @type is recorded, and
 * tells the episode tracker if it follows @type.  See stream.h.
 *
 * Context: any, NMI included.
 */
void mms_emit(unsigned int type, const void *payload, size_t size)
{
	u64 rec = READ_ONCE(mms_stream_record_mask);

	if (WARN_ON_ONCE(type >= MMSCOPE_REC_NR || size > MMSCOPE_MAX_PAYLOAD))
		return;
	if ((MMS_EP_TYPES & MMSCOPE_REC_BIT(type)) &&
	    (rec & MMSCOPE_REC_BIT(MMSCOPE_REC_EPISODE)) && !in_nmi())
		mms_stream_episode_note(type, payload);
	if (rec & MMSCOPE_REC_BIT(type))
		mms_stream_store(type, payload, size);
}

static void mms_stream_wake(struct irq_work *w)
{
	wake_up_interruptible(&mms_stream_wq);
}

/**
 * mms_stream_has_data() - whether any ring holds a record to read
 *
 * Runs without mms_stream_mutex (poll(), a blocked read()'s wait, the
 * flush work), so a resize may swap the rings meanwhile: it frees the old
 * ones only after an RCU grace period, and a ring read half before and
 * half after the swap gives at worst a stale answer, which the caller's
 * next look corrects.
 *
 * Context: process; takes the RCU read lock.
 * Return: true if some CPU's ring has records pending.
 */
bool mms_stream_has_data(void)
{
	bool ret = false;
	int cpu;

	rcu_read_lock();
	for_each_possible_cpu(cpu) {
		struct mms_ring *r = per_cpu_ptr(&mms_rings, cpu);
		struct mms_ring_page *page = READ_ONCE(r->page);

		if (page && local64_read(&page->head) != READ_ONCE(r->tail)) {
			ret = true;
			break;
		}
	}
	rcu_read_unlock();
	return ret;
}

/* Bounce buffer for one record: used under mms_stream_mutex only. */
static u8 mms_stream_bounce[MMSCOPE_SLOT_SIZE] __aligned(8);

/**
 * mms_stream_read() - read whole records into a user buffer
 * @buf: the user buffer
 * @len: its size
 *
 * Drains one CPU's ring after another, starting one CPU further on at
 * each call so that no CPU starves the others, and at most
 * MMSCOPE_READ_MAX bytes, so that one call holds mms_stream_mutex for a
 * bounded time.  A record is consumed only once it has been copied out.
 *
 * Context: process; mms_stream_mutex held.
 * Return: bytes read (0 if there is nothing yet), -EINVAL if the next
 * record does not fit in @len, -EFAULT if @buf is bad.
 */
ssize_t mms_stream_read(char __user *buf, size_t len)
{
	unsigned int i, start = mms_stream_next_cpu;
	size_t done = 0;
	int size;

	len = min_t(size_t, len, MMSCOPE_READ_MAX);
	mms_stream_next_cpu = (start + 1) % nr_cpu_ids;
	for (i = 0; i < nr_cpu_ids; i++) {
		unsigned int cpu = (start + i) % nr_cpu_ids;
		struct mms_ring *r = per_cpu_ptr(&mms_rings, cpu);

		if (!cpu_possible(cpu) || !r->page)
			continue;
		while ((size = mms_ring_peek(r, mms_stream_bounce)) > 0) {
			if (size > len - done)
				return done ? done : -EINVAL;
			if (copy_to_user(buf + done, mms_stream_bounce, size))
				return done ? done : -EFAULT;
			mms_ring_consume(r);
			done += size;
		}
		cond_resched();
	}
	return done;
}

/**
 * mms_stream_get_config() - the stream's configuration
 * @c: filled in
 */
void mms_stream_get_config(struct mmscope_config *c)
{
	memset(c, 0, sizeof(*c));
	c->mask = mms_stream_mask;
	c->known_mask = MMSCOPE_MASK_ALL;
	c->default_mask = MMSCOPE_MASK_DEFAULT;
	c->mode = mms_stream_mode;
	c->running = mms_stream_running;
	c->nr_slots = mms_stream_nr_slots;
	c->nr_cpu_ids = nr_cpu_ids;
	c->mmap_size = mms_ring_map_size(mms_stream_nr_slots);
}

/**
 * mms_stream_set_mask() - choose the types recorded
 * @mask: MMSCOPE_REC_BIT()s
 *
 * Return: 0, or -EINVAL for an unknown type.
 */
int mms_stream_set_mask(u64 mask)
{
	int ret = mms_stream_check_mask(mask);

	if (ret)
		return ret;
	mms_stream_mask = mask;
	mms_stream_update();
	return 0;
}

/**
 * mms_stream_set_mode() - overwrite or discard when a ring is full
 * @mode: MMSCOPE_MODE_*
 *
 * Return: 0, or -EINVAL.
 */
int mms_stream_set_mode(u32 mode)
{
	int ret = mms_stream_check_mode(mode);

	if (ret)
		return ret;
	WRITE_ONCE(mms_stream_mode, mode);
	return 0;
}

/* Wait until no writer can be using the rings any more. */
static void mms_stream_quiesce(void)
{
	int cpu;

	synchronize_rcu();
	for_each_possible_cpu(cpu)
		irq_work_sync(per_cpu_ptr(&mms_stream_wake_work, cpu));
}

/**
 * mms_stream_start() - record (again)
 */
void mms_stream_start(void)
{
	mms_stream_running = true;
	mms_stream_update();
}

/**
 * mms_stream_stop() - stop recording; returns once no writer is left
 */
void mms_stream_stop(void)
{
	mms_stream_running = false;
	mms_stream_update();
	mms_stream_quiesce();
}

/**
 * mms_stream_reset() - empty every ring and zero every count
 *
 * Recording pauses meanwhile and resumes if it was on.
 */
void mms_stream_reset(void)
{
	bool running = mms_stream_running;
	int cpu;

	mms_stream_stop();
	for_each_possible_cpu(cpu) {
		struct mms_ring *r = per_cpu_ptr(&mms_rings, cpu);

		if (r->page)
			mms_ring_reset(r);
	}
	if (running)
		mms_stream_start();
}

static void mms_stream_free_rings(struct mms_ring *rings)
{
	int cpu;

	for_each_possible_cpu(cpu)
		mms_ring_free(&rings[cpu]);
	kfree(rings);
}

/**
 * mms_stream_resize() - give every CPU a new, empty ring
 * @nr_slots: slots per CPU
 *
 * Return: 0; -EINVAL for a bad size; -EBUSY while recording or while a
 * ring is mapped; -ENOMEM, the old rings kept.
 */
int mms_stream_resize(u32 nr_slots)
{
	struct mms_ring *fresh;
	int cpu, ret;

	ret = mms_stream_check_slots(nr_slots);
	if (ret)
		return ret;
	if (mms_stream_running)
		return -EBUSY;
	WRITE_ONCE(mms_stream_resizing, 1);
	smp_mb();	/* against mms_stream_map_get()'s inc-then-check */
	if (atomic_read(&mms_stream_maps)) {
		ret = -EBUSY;
		goto done;
	}
	fresh = kcalloc(nr_cpu_ids, sizeof(*fresh), GFP_KERNEL);
	if (!fresh) {
		ret = -ENOMEM;
		goto done;
	}
	for_each_possible_cpu(cpu) {
		ret = mms_ring_alloc(&fresh[cpu], nr_slots, cpu);
		if (ret) {
			mms_stream_free_rings(fresh);
			goto done;
		}
	}
	/*
	 * Stopped and quiesced: no writer; the mutex: no reader.  Only
	 * mms_stream_has_data() may still look at the old rings.
	 */
	for_each_possible_cpu(cpu) {
		struct mms_ring *r = per_cpu_ptr(&mms_rings, cpu);

		swap(*r, fresh[cpu]);
	}
	synchronize_rcu();
	mms_stream_free_rings(fresh);
	mms_stream_nr_slots = nr_slots;
done:
	WRITE_ONCE(mms_stream_resizing, 0);
	return ret;
}

/**
 * mms_stream_cpu_stats() - one CPU's accounting
 * @s: @s->cpu in, the rest out
 *
 * Return: 0, or -EINVAL for a CPU that cannot exist or nonzero padding.
 */
int mms_stream_cpu_stats(struct mmscope_cpu_stats *s)
{
	struct mms_ring_stats rs = {};
	struct mms_ring *r;
	unsigned int cpu;

	if (s->pad || s->cpu >= nr_cpu_ids || !cpu_possible(s->cpu))
		return -EINVAL;
	cpu = array_index_nospec(s->cpu, nr_cpu_ids);
	r = per_cpu_ptr(&mms_rings, cpu);
	if (r->page)
		mms_ring_stats(r, &rs);
	s->produced = rs.produced;
	s->delivered = rs.delivered;
	s->discarded = rs.discarded;
	s->overwritten = rs.overwritten;
	s->lost = rs.discarded + rs.overwritten;
	s->pending = rs.pending;
	return 0;
}

/**
 * mms_stream_map_get() - pin the rings' memory for a new mapping
 *
 * Called under the mm's mmap lock, so without mms_stream_mutex (readers
 * hold it while they fault on user memory): a resize in progress and a
 * new mapping exclude each other through a flag and a count instead.
 *
 * Return: true, or false if a resize is in progress.
 */
bool mms_stream_map_get(void)
{
	atomic_inc(&mms_stream_maps);
	smp_mb__after_atomic();	/* against mms_stream_resize() */
	if (READ_ONCE(mms_stream_resizing)) {
		atomic_dec(&mms_stream_maps);
		return false;
	}
	return true;
}

/**
 * mms_stream_map_dup() - a pinned mapping was copied
 */
void mms_stream_map_dup(void)
{
	atomic_inc(&mms_stream_maps);
}

/**
 * mms_stream_map_put() - a mapping went away
 */
void mms_stream_map_put(void)
{
	atomic_dec(&mms_stream_maps);
}

/**
 * mms_stream_ring_memory() - a CPU's ring memory, to map
 * @cpu: a possible CPU
 *
 * Context: mms_stream_map_get() holds.
 * Return: the vmalloc_user() memory.
 */
void *mms_stream_ring_memory(unsigned int cpu)
{
	return per_cpu_ptr(&mms_rings, cpu)->page;
}

/**
 * mms_stream_map_size() - bytes of one CPU's mapping
 *
 * Return: the size; stable while mms_stream_map_get() holds.
 */
size_t mms_stream_map_size(void)
{
	return mms_ring_map_size(READ_ONCE(mms_stream_nr_slots));
}

/**
 * mms_stream_init() - allocate the rings, start recording the default
 *	types
 *
 * /dev/mmscope is registered apart, by mms_stream_dev_init(), once
 * everything a file of it can reach is set up.
 *
 * Return: 0 or -ENOMEM.
 */
int mms_stream_init(void)
{
	int cpu, ret;

	if (mms_stream_check_slots(stream_slots)) {
		pr_warn("stream_slots=%u is not a power of two in [%u, %u]: using %u\n",
			stream_slots, MMSCOPE_MIN_SLOTS, MMSCOPE_MAX_SLOTS,
			MMSCOPE_DEFAULT_SLOTS);
		stream_slots = MMSCOPE_DEFAULT_SLOTS;
	}
	for_each_possible_cpu(cpu) {
		init_irq_work(per_cpu_ptr(&mms_stream_wake_work, cpu),
			      mms_stream_wake);
		ret = mms_ring_alloc(per_cpu_ptr(&mms_rings, cpu), stream_slots,
				     cpu);
		if (ret)
			goto free_rings;
	}
	mms_stream_nr_slots = stream_slots;
	mms_stream_bench();
	mutex_lock(&mms_stream_mutex);
	mms_stream_start();
	mutex_unlock(&mms_stream_mutex);
	return 0;

free_rings:
	for_each_possible_cpu(cpu)
		mms_ring_free(per_cpu_ptr(&mms_rings, cpu));
	return ret;
}

/**
 * mms_stream_exit() - stop, free the rings
 *
 * Context: /dev/mmscope is unregistered (mms_stream_dev_exit()) and the
 * probes are detached.
 */
void mms_stream_exit(void)
{
	int cpu;

	mutex_lock(&mms_stream_mutex);
	mms_stream_stop();
	mutex_unlock(&mms_stream_mutex);
	/* Stopped: the tick no longer re-arms itself. */
	cancel_delayed_work_sync(&mms_episode_tick_work);
	for_each_possible_cpu(cpu)
		mms_ring_free(per_cpu_ptr(&mms_rings, cpu));
}
