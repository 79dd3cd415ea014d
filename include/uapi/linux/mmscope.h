/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mmscope: memory-pressure observability for Linux.
 *
 * The user-visible ABI of the mmscope module, shared verbatim by the module
 * and by tools/.  Every structure uses fixed-width types and explicit
 * padding; no kernel pointer ever crosses this boundary.
 *
 * The event stream, /dev/mmscope
 * -------------------------------
 * read() returns whole records, each a struct mmscope_rec_header followed
 * by the payload its type says (struct mmscope_rec_* below), hdr.size bytes
 * in all, always a multiple of 8.  A read never splits a record; a buffer
 * too small for the next record gets -EINVAL.  Records come per CPU in the
 * order they were produced there; sort by hdr.ts_ns to merge CPUs.
 *
 * Every CPU has its own ring of nr_slots slots of MMSCOPE_SLOT_SIZE bytes,
 * one record per slot.  hdr.seq numbers the records a CPU reserved,
 * consecutively from 0 (or from the last reset): a gap in hdr.seq between
 * two records of one CPU is records overwritten before anyone read them.
 * For every CPU, at any moment,
 *
 *	produced = delivered + lost + pending
 *
 * (struct mmscope_cpu_stats), and once drained pending = 0.
 *
 * A new record type, or a field added at the end of a payload (hdr.size
 * grows), raises MMSCOPE_ABI_MINOR; readers skip records by hdr.size and
 * ignore types they do not know.  Changing an existing field raises
 * MMSCOPE_ABI_MAJOR.
 */
#ifndef _UAPI_LINUX_MMSCOPE_H
#define _UAPI_LINUX_MMSCOPE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#include <linux/mmscope_records.h>

/*
 * The ABI version: the major changes when an existing layout or meaning
 * changes, the minor when something is only added.
 */
#define MMSCOPE_ABI_MAJOR	0
#define MMSCOPE_ABI_MINOR	2

/* Where the module's read-only debugfs views live. */
#define MMSCOPE_DEBUGFS_DIR	"/sys/kernel/debug/mmscope"

/* The event stream's character device. */
#define MMSCOPE_DEV		"/dev/mmscope"

/* Every record fits one slot: header + payload <= MMSCOPE_SLOT_SIZE. */
#define MMSCOPE_SLOT_SIZE	256
#define MMSCOPE_MAX_PAYLOAD	(MMSCOPE_SLOT_SIZE - 32)

/*
 * One read() returns at most this many bytes (whole records), however
 * large its buffer, as trace_pipe returns at most a page: the rest stays
 * pending for the next call.
 */
#define MMSCOPE_READ_MAX	(64 * 1024)

/* Slots per CPU: a power of two in [MIN, MAX]; DEFAULT at load. */
#define MMSCOPE_MIN_SLOTS	16
#define MMSCOPE_MAX_SLOTS	65536
#define MMSCOPE_DEFAULT_SLOTS	4096

/* hdr.seq of a slot nothing has been committed to (mmap readers). */
#define MMSCOPE_SEQ_NONE	(~(__u64)0)

#define MMSCOPE_COMM_LEN	16

/*
 * enum mmscope_rec_type - what a record reports; also its bit in the mask.
 * MMSCOPE_REC_NONE (0) is never emitted; MMSCOPE_REC_NR, the number of
 * types, is at most 64, the mask's width.
 */
enum mmscope_rec_type {
	MMSCOPE_REC_NONE,
	MMSCOPE_RECORDS(MMSCOPE_REC_ENUM_ENTRY)
	MMSCOPE_REC_NR
};

#define MMSCOPE_REC_BIT(t)	((__u64)1 << (t))

/* Every type this ABI defines. */
#define MMSCOPE_MASK_ALL	\
	((MMSCOPE_REC_BIT(MMSCOPE_REC_NR) - 1) & ~MMSCOPE_REC_BIT(MMSCOPE_REC_NONE))

/* High-rate types, off until asked for: LRU batches and extfrag. */
#define MMSCOPE_MASK_HIGH_RATE					\
	(MMSCOPE_REC_BIT(MMSCOPE_REC_LRU_ISOLATE) |			\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_LRU_SHRINK_INACTIVE) |		\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_LRU_SHRINK_ACTIVE) |		\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_WAKEUP_KSWAPD) |			\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_COMPACT_TRY) |			\
	 MMSCOPE_REC_BIT(MMSCOPE_REC_EXTFRAG))

/* What is recorded with no configuration at all. */
#define MMSCOPE_MASK_DEFAULT	(MMSCOPE_MASK_ALL & ~MMSCOPE_MASK_HIGH_RATE)

/**
 * struct mmscope_rec_header - the start of every record
 * @ts_ns: local_clock() on @cpu when the record was reserved, in ns
 * @seq: the record's number among those @cpu reserved since the last
 *	reset, from 0; a gap is records overwritten before being read
 * @size: bytes in the record, header included, a multiple of 8
 * @type: &enum mmscope_rec_type
 * @version: the layout version of @type's payload, 1 for every type so far
 * @flags: 0 (reserved)
 * @cpu: the CPU the event happened on
 * @pid: current's pid there (0 from an idle CPU's interrupts)
 */
struct mmscope_rec_header {
	__u64 ts_ns;
	__u64 seq;
	__u16 size;
	__u16 type;
	__u16 version;
	__u16 flags;
	__u32 cpu;
	__s32 pid;
};

/**
 * enum mmscope_reclaimer - who reclaims, as the kernel files its pages
 * @MMSCOPE_RECLAIMER_KSWAPD: kswapd
 * @MMSCOPE_RECLAIMER_DIRECT: global direct reclaim by an allocating task
 * @MMSCOPE_RECLAIMER_KHUGEPAGED: direct reclaim by khugepaged
 * @MMSCOPE_RECLAIMER_MEMCG: memcg reclaim (limits, memory.reclaim, soft limit)
 * @MMSCOPE_RECLAIMER_NODE: node reclaim (zone_reclaim_mode)
 */
enum mmscope_reclaimer {
	MMSCOPE_RECLAIMER_KSWAPD,
	MMSCOPE_RECLAIMER_DIRECT,
	MMSCOPE_RECLAIMER_KHUGEPAGED,
	MMSCOPE_RECLAIMER_MEMCG,
	MMSCOPE_RECLAIMER_NODE
};

/**
 * struct mmscope_rec_reclaim - one reclaim entry or exit (direct, memcg,
 *	memcg soft limit or node)
 * @nr_reclaimed: END: pages the kernel reports reclaimed; BEGIN: 0
 * @duration_ns: END: since the same task's BEGIN, 0 if not seen
 * @gfp: BEGIN: the allocation's gfp flags; END: 0
 * @order: the allocation order (END: that of the BEGIN, -1 if not seen)
 * @nid: NODE_RECLAIM_BEGIN: the node; otherwise -1
 * @reclaimer: &enum mmscope_reclaimer
 */
struct mmscope_rec_reclaim {
	__u64 nr_reclaimed;
	__u64 duration_ns;
	__u32 gfp;
	__s32 order;
	__s32 nid;
	__u32 reclaimer;
};

/**
 * struct mmscope_rec_kswapd - wakeup_kswapd, kswapd wake and sleep
 * @run_ns: KSWAPD_SLEEP: since this node's kswapd first woke after it
 *	last slept, 0 if not seen; otherwise 0
 * @nid: the node
 * @zid: the highest zone index asked for (-1 for KSWAPD_SLEEP)
 * @order: the order asked for (-1 for KSWAPD_SLEEP)
 * @gfp: WAKEUP_KSWAPD: the waking allocation's gfp flags; otherwise 0
 */
struct mmscope_rec_kswapd {
	__u64 run_ns;
	__s32 nid;
	__s32 zid;
	__s32 order;
	__u32 gfp;
};

/**
 * struct mmscope_rec_lru_isolate - one isolation batch from an LRU list
 * @nr_requested: pages asked for
 * @nr_scanned: pages scanned, as the tracepoint reports
 * @nr_skipped: pages skipped for their zone
 * @nr_taken: pages isolated
 * @highest_zoneidx: highest eligible zone index
 * @order: the reclaim's order
 * @lru: the LRU list index (enum lru_list)
 * @reclaimer: &enum mmscope_reclaimer
 */
struct mmscope_rec_lru_isolate {
	__u64 nr_requested;
	__u64 nr_scanned;
	__u64 nr_skipped;
	__u64 nr_taken;
	__s32 highest_zoneidx;
	__s32 order;
	__s32 lru;
	__u32 reclaimer;
};

/**
 * struct mmscope_rec_lru_shrink_inactive - one shrink_inactive_list() batch
 * @nr_scanned: pages scanned
 * @nr_reclaimed: pages reclaimed
 * @nr_dirty: dirty pages met
 * @nr_writeback: pages under writeback met
 * @nr_congested: dirty or writeback pages on a congested device
 * @nr_immediate: writeback pages marked for immediate reclaim
 * @nr_activate_anon: anon pages activated
 * @nr_activate_file: file pages activated
 * @nr_ref_keep: referenced pages kept
 * @nr_unmap_fail: pages that could not be unmapped
 * @nid: the node
 * @priority: the reclaim priority
 * @file: 0 anon, 1 file
 * @reclaimer: &enum mmscope_reclaimer
 */
struct mmscope_rec_lru_shrink_inactive {
	__u64 nr_scanned;
	__u64 nr_reclaimed;
	__u32 nr_dirty;
	__u32 nr_writeback;
	__u32 nr_congested;
	__u32 nr_immediate;
	__u32 nr_activate_anon;
	__u32 nr_activate_file;
	__u32 nr_ref_keep;
	__u32 nr_unmap_fail;
	__s32 nid;
	__s32 priority;
	__s32 file;
	__u32 reclaimer;
};

/**
 * struct mmscope_rec_lru_shrink_active - one shrink_active_list() batch
 * @nr_taken: pages isolated from the active list
 * @nr_active: pages moved back to the active list
 * @nr_deactivated: pages moved to the inactive list
 * @nr_referenced: referenced pages met
 * @nid: the node
 * @priority: the reclaim priority
 * @file: 0 anon, 1 file
 * @reclaimer: &enum mmscope_reclaimer
 */
struct mmscope_rec_lru_shrink_active {
	__u64 nr_taken;
	__u64 nr_active;
	__u64 nr_deactivated;
	__u64 nr_referenced;
	__s32 nid;
	__s32 priority;
	__s32 file;
	__u32 reclaimer;
};

/**
 * struct mmscope_rec_throttled - mm_vmscan_throttled
 * @nid: the node
 * @reason: VMSCAN_THROTTLE_* (0 writeback, 1 isolated, 2 nopror, 3 congested)
 * @usec_timeout: the timeout asked for, in us
 * @usec_delayed: how long the task was throttled, in us
 */
struct mmscope_rec_throttled {
	__s32 nid;
	__s32 reason;
	__s32 usec_timeout;
	__s32 usec_delayed;
};

/**
 * struct mmscope_rec_compact_stall - a direct compaction attempt
 * @duration_ns: COMPACT_STALL: how long try_to_compact_pages() ran; else 0
 * @order: the allocation order
 * @prio: the compaction priority (enum compact_priority)
 * @gfp: the allocation's gfp flags
 * @result: COMPACT_STALL: what it returned (enum compact_result, as the
 *	kernel numbers it); COMPACT_TRY: -1
 */
struct mmscope_rec_compact_stall {
	__u64 duration_ns;
	__s32 order;
	__s32 prio;
	__u32 gfp;
	__s32 result;
};

/**
 * struct mmscope_rec_compact_run - a per-zone compaction run
 * @zone_start: the zone's first pfn
 * @zone_end: the zone's end pfn
 * @duration_ns: COMPACT_END: since the run began, 0 if not known
 * @sync: 1 for synchronous compaction
 * @status: COMPACT_END: enum compact_result; COMPACT_BEGIN: -1
 * @nid: the node, -1 if not known
 * @zid: the zone index, -1 if not known
 */
struct mmscope_rec_compact_run {
	__u64 zone_start;
	__u64 zone_end;
	__u64 duration_ns;
	__u32 sync;
	__s32 status;
	__s32 nid;
	__s32 zid;
};

/**
 * struct mmscope_rec_kcompactd - kcompactd wakes or sleeps
 * @nid: the node
 * @order: the order asked for (-1 for sleep)
 * @highest_zoneidx: the highest zone index asked for (-1 for sleep)
 * @pad: 0
 */
struct mmscope_rec_kcompactd {
	__s32 nid;
	__s32 order;
	__s32 highest_zoneidx;
	__u32 pad;
};

/**
 * struct mmscope_rec_extfrag - mm_page_alloc_extfrag: a fallback allocation
 * @pfn: the first pfn of the page taken
 * @alloc_order: the order asked for
 * @fallback_order: the order of the block fallen back to
 * @alloc_migratetype: the migratetype asked for
 * @fallback_migratetype: the migratetype fallen back to
 * @change_ownership: 1 if the block changed migratetype
 * @pad: 0
 */
struct mmscope_rec_extfrag {
	__u64 pfn;
	__s32 alloc_order;
	__s32 fallback_order;
	__s32 alloc_migratetype;
	__s32 fallback_migratetype;
	__s32 change_ownership;
	__u32 pad;
};

/**
 * struct mmscope_rec_oom_kill - one OOM kill, summarised
 * @totalpages: the pages the badness was measured against
 * @points: the victim's badness (oom_badness())
 * @victim_rss: the victim's resident pages
 * @victim_swap: the victim's swap entries
 * @victim_pgtables: the victim's page-table pages
 * @decision_ns: from out_of_memory() to the kill, 0 if not known
 * @memcg_id: the cgroup id of the memcg that ran out, 0 for global OOM
 * @trigger_pid: the task whose allocation failed
 * @victim_pid: the task killed
 * @victim_uid: the victim's uid
 * @victim_oom_score_adj: the victim's oom_score_adj
 * @constraint: enum oom_constraint (0 none, 1 cpuset, 2 mempolicy, 3 memcg)
 * @gfp: the failed allocation's gfp flags
 * @order: its order (-1 for a sysrq or memory.max-triggered OOM)
 * @nr_candidates: tasks the killer considered
 * @trigger_comm: the triggering task's comm, NUL-padded
 * @victim_comm: the victim's comm, NUL-padded
 */
struct mmscope_rec_oom_kill {
	__u64 totalpages;
	__s64 points;
	__u64 victim_rss;
	__u64 victim_swap;
	__u64 victim_pgtables;
	__u64 decision_ns;
	__u64 memcg_id;
	__s32 trigger_pid;
	__s32 victim_pid;
	__u32 victim_uid;
	__s32 victim_oom_score_adj;
	__u32 constraint;
	__u32 gfp;
	__s32 order;
	__u32 nr_candidates;
	char trigger_comm[MMSCOPE_COMM_LEN];
	char victim_comm[MMSCOPE_COMM_LEN];
};

/**
 * struct mmscope_rec_oom_victim - oom:mark_victim
 * @victim_pid: the task marked as the OOM killer's victim
 * @victim_uid: its uid, or ~0 where the tracepoint does not give it
 */
struct mmscope_rec_oom_victim {
	__s32 victim_pid;
	__u32 victim_uid;
};

/**
 * struct mmscope_rec_wmark - a zone's watermarks changed
 * @min: the new min watermark, pages (boost not included)
 * @low: the new low watermark
 * @high: the new high watermark
 * @boost: the new watermark_boost
 * @old_min: min before the change
 * @old_low: low before
 * @old_high: high before
 * @old_boost: watermark_boost before
 * @nid: the node
 * @zid: the zone index
 */
struct mmscope_rec_wmark {
	__u64 min;
	__u64 low;
	__u64 high;
	__u64 boost;
	__u64 old_min;
	__u64 old_low;
	__u64 old_high;
	__u64 old_boost;
	__s32 nid;
	__s32 zid;
};

/**
 * enum mmscope_episode_outcome - how a pressure episode ended
 * @MMSCOPE_EPISODE_RECOVERED: no kswapd awake and no task in direct
 *	reclaim, then a second without a new sign of pressure; the
 *	episode's duration ends where that second began
 * @MMSCOPE_EPISODE_OOM: the OOM killer chose a victim
 */
enum mmscope_episode_outcome {
	MMSCOPE_EPISODE_RECOVERED = 1,
	MMSCOPE_EPISODE_OOM = 2
};

#define MMSCOPE_EPISODE_TOP	3

/**
 * struct mmscope_episode_task - a task that stalled in an episode
 * @stall_ns: its time in direct reclaim during the episode
 * @pid: the task, 0 for an unused entry
 * @nr_stalls: its direct reclaim entries during the episode
 * @comm: its comm, NUL-padded
 */
struct mmscope_episode_task {
	__u64 stall_ns;
	__s32 pid;
	__u32 nr_stalls;
	char comm[MMSCOPE_COMM_LEN];
};

/**
 * struct mmscope_episode_cgroup - a cgroup whose tasks stalled
 * @cgroup_id: the cgroup v2 id (its directory's inode number), 0 unused
 * @stall_ns: its tasks' time in direct reclaim during the episode
 */
struct mmscope_episode_cgroup {
	__u64 cgroup_id;
	__u64 stall_ns;
};

/**
 * struct mmscope_rec_episode - one memory-pressure episode, stitched from
 *	the first wakeup_kswapd (or direct reclaim) to recovery or an OOM kill
 * @start_ns: local_clock() of the episode's first event
 * @duration_ns: from it to the event that ended the episode
 * @kswapd_run_ns: time kswapd ran during the episode, summed over nodes
 * @direct_stall_ns: time tasks spent in direct reclaim, summed
 * @compact_stall_ns: time tasks spent in direct compaction, summed
 * @outcome: &enum mmscope_episode_outcome
 * @first_type: the &enum mmscope_rec_type that opened the episode
 * @nr_wakeup_kswapd: wakeup_kswapd events
 * @nr_kswapd_wakes: kswapd wake events
 * @nr_kswapd_runs: kswapd runs ended by a sleep
 * @nr_direct_stalls: direct reclaim entries that ended in the episode
 * @nr_retries: those by a task that had already stalled in the episode:
 *	the allocator looping back into reclaim
 * @nr_compact_stalls: direct compaction attempts that ended
 * @nr_tasks: distinct tasks that stalled (exact up to 16; beyond, an
 *	upper bound)
 * @oom_victim_pid: the OOM victim for outcome OOM, else 0
 * @tasks: the most-stalled tasks, most first
 * @cgroups: the most-stalled cgroups, most first
 */
struct mmscope_rec_episode {
	__u64 start_ns;
	__u64 duration_ns;
	__u64 kswapd_run_ns;
	__u64 direct_stall_ns;
	__u64 compact_stall_ns;
	__u32 outcome;
	__u32 first_type;
	__u32 nr_wakeup_kswapd;
	__u32 nr_kswapd_wakes;
	__u32 nr_kswapd_runs;
	__u32 nr_direct_stalls;
	__u32 nr_retries;
	__u32 nr_compact_stalls;
	__u32 nr_tasks;
	__s32 oom_victim_pid;
	struct mmscope_episode_task tasks[MMSCOPE_EPISODE_TOP];
	struct mmscope_episode_cgroup cgroups[MMSCOPE_EPISODE_TOP];
};

/*
 * ioctls
 * ------
 * Every command's number encodes its argument's size and direction: a
 * command of the right number but another size or direction is unknown.
 * Errors: ENOTTY unknown command; EFAULT bad pointer; EINVAL a value out
 * of range (unknown mask bit, mode, slot count not a power of two in
 * [MMSCOPE_MIN_SLOTS, MMSCOPE_MAX_SLOTS], CPU not possible, nonzero
 * padding); EBUSY resize while recording or while mapped.
 */
#define MMSCOPE_IOC_MAGIC	0xb6

/**
 * struct mmscope_version - MMSCOPE_IOC_VERSION
 * @major: MMSCOPE_ABI_MAJOR of the module
 * @minor: MMSCOPE_ABI_MINOR of the module
 * @header_size: sizeof(struct mmscope_rec_header)
 * @slot_size: MMSCOPE_SLOT_SIZE
 */
struct mmscope_version {
	__u32 major;
	__u32 minor;
	__u32 header_size;
	__u32 slot_size;
};

/* Overwrite the oldest records when full, or discard new ones. */
#define MMSCOPE_MODE_DISCARD	0
#define MMSCOPE_MODE_OVERWRITE	1

/**
 * struct mmscope_config - MMSCOPE_IOC_GET_CONFIG
 * @mask: the types being recorded (MMSCOPE_REC_BIT() of each)
 * @known_mask: every type this module knows (MMSCOPE_MASK_ALL of its ABI)
 * @default_mask: what is recorded after load and reset
 * @mode: MMSCOPE_MODE_*
 * @running: 1 while recording, 0 once stopped
 * @nr_slots: slots per CPU
 * @nr_cpu_ids: CPUs are numbered 0 .. nr_cpu_ids - 1
 * @mmap_size: bytes of one CPU's ring for mmap() (see MMSCOPE_MMAP_*)
 * @pad: 0
 */
struct mmscope_config {
	__u64 mask;
	__u64 known_mask;
	__u64 default_mask;
	__u32 mode;
	__u32 running;
	__u32 nr_slots;
	__u32 nr_cpu_ids;
	__u32 mmap_size;
	__u32 pad;
};

/**
 * struct mmscope_cpu_stats - MMSCOPE_IOC_CPU_STATS, one CPU's accounting
 * @cpu: in: the CPU
 * @pad: in: 0
 * @produced: records this CPU produced since the last reset, every
 *	mode: reserved in the ring plus discarded
 * @delivered: records read() returned
 * @lost: @discarded + @overwritten
 * @discarded: records not stored because the ring was full (discard mode)
 * @overwritten: records overwritten before read (overwrite mode)
 * @pending: records in the ring not yet read
 *
 * produced = delivered + lost + pending, exactly, whenever taken.
 */
struct mmscope_cpu_stats {
	__u32 cpu;
	__u32 pad;
	__u64 produced;
	__u64 delivered;
	__u64 lost;
	__u64 discarded;
	__u64 overwritten;
	__u64 pending;
};

#define MMSCOPE_IOC_VERSION	_IOR(MMSCOPE_IOC_MAGIC, 0x00, struct mmscope_version)
#define MMSCOPE_IOC_GET_CONFIG	_IOR(MMSCOPE_IOC_MAGIC, 0x01, struct mmscope_config)
/* Record the types of this mask (unknown bits: EINVAL). */
#define MMSCOPE_IOC_SET_MASK	_IOW(MMSCOPE_IOC_MAGIC, 0x02, __u64)
/* MMSCOPE_MODE_DISCARD or MMSCOPE_MODE_OVERWRITE. */
#define MMSCOPE_IOC_SET_MODE	_IOW(MMSCOPE_IOC_MAGIC, 0x03, __u32)
/* Slots per CPU; only while stopped and unmapped; empties the rings. */
#define MMSCOPE_IOC_RESIZE	_IOW(MMSCOPE_IOC_MAGIC, 0x04, __u32)
#define MMSCOPE_IOC_START	_IO(MMSCOPE_IOC_MAGIC, 0x05)
#define MMSCOPE_IOC_STOP	_IO(MMSCOPE_IOC_MAGIC, 0x06)
/* Empty every ring and zero every count (seq restarts from 0). */
#define MMSCOPE_IOC_RESET	_IO(MMSCOPE_IOC_MAGIC, 0x07)
#define MMSCOPE_IOC_CPU_STATS	_IOWR(MMSCOPE_IOC_MAGIC, 0x08, struct mmscope_cpu_stats)

/*
 * mmap(): read-only, one CPU's ring at a time, at offset
 * cpu * mmap_size, length mmap_size (struct mmscope_config).  The ring
 * starts with a struct mmscope_ring_page, then nr_slots slots of
 * MMSCOPE_SLOT_SIZE bytes from data_offset.  Slot (seq % nr_slots) holds
 * record seq when its hdr.seq reads seq both before and after copying it
 * (read hdr.seq, read barrier, copy, read barrier, read hdr.seq again);
 * records from head - nr_slots to head - 1 may be there.  A mapping only
 * observes: it consumes nothing and moves no count.
 */
struct mmscope_ring_page {
	__u64 head;
	__u64 tail;
	__u64 discarded;
	__u32 nr_slots;
	__u32 slot_size;
	__u32 data_offset;
	__u32 cpu;
};

#endif /* _UAPI_LINUX_MMSCOPE_H */
