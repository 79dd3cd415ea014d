/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope internal interfaces: the layers are
 *
 *   probes_*.c   tracepoint handlers, one file per trace system
 *        |  mms_count()
 *        v
 *   counters.c   per-CPU event counters, summed on read
 *        ^
 *        |  mms_counters_snapshot()
 *   debugfs.c    read-only views
 *
 * and tracepoints.c, which finds the handlers' tracepoints by name and
 * attaches them.
 */
#ifndef _MMSCOPE_H
#define _MMSCOPE_H

#include <linux/kprobes.h>
#include <linux/mmzone.h>
#include <linux/percpu.h>
#include <linux/types.h>

#include "hist.h"

#define MMSCOPE_VERSION	"0.1.0"

/**
 * enum mms_counter - events mmscope counts
 * @MMS_ALLOCSTALL_FIRST: first of the allocstall_<zone> counters, one per
 *	zone up to ZONE_MOVABLE in &enum zone_type order: passes of global
 *	direct reclaim, counted exactly where /proc/vmstat counts them
 * @MMS_ALLOCSTALL_LAST: last of them (allocstall_movable)
 * @MMS_DIRECT_RECLAIM: direct reclaim entries (mm_vmscan_direct_reclaim_begin)
 * @MMS_DIRECT_RECLAIM_END: direct reclaim exits (mm_vmscan_direct_reclaim_end)
 * @MMS_DIRECT_RECLAIM_NONE: direct reclaim exits that reclaimed nothing
 * @MMS_DIRECT_RECLAIMED: pages direct reclaim reports reclaimed
 * @MMS_WAKEUP_KSWAPD: requests to wake kswapd (mm_vmscan_wakeup_kswapd)
 * @MMS_KSWAPD_WAKE: kswapd wake-ups (mm_vmscan_kswapd_wake)
 * @MMS_KSWAPD_SLEEP: kswapd going to sleep (mm_vmscan_kswapd_sleep)
 * @MMS_DIRECT_COMPACT: direct compaction attempts
 *	(mm_compaction_try_to_compact_pages)
 * @MMS_COMPACT_BEGIN: per-zone compaction runs started (mm_compaction_begin)
 * @MMS_COMPACT_END: per-zone compaction runs ended (mm_compaction_end)
 * @MMS_KCOMPACTD_WAKE: kcompactd wake-ups (mm_compaction_kcompactd_wake)
 * @MMS_OOM_MARK_VICTIM: tasks the OOM killer marked as victims (mark_victim)
 * @MMS_OOM_SCORE_ADJ_UPDATE: oom_score_adj writes (oom_score_adj_update)
 * @MMS_OOM_RECLAIM_RETRY_ZONE: per-zone reclaim retry verdicts of the page
 *	allocator (oom:reclaim_retry_zone)
 * @MMS_OOM_COMPACT_RETRY: compaction retry verdicts (oom:compact_retry)
 * @MMS_OOM_WAKE_REAPER: victims handed to the OOM reaper (oom:wake_reaper)
 * @MMS_OOM_START_REAPING: reaping attempts (oom:start_task_reaping)
 * @MMS_OOM_FINISH_REAPING: reaping passes done (oom:finish_task_reaping)
 * @MMS_OOM_SKIP_REAPING: reaping attempts skipped (oom:skip_task_reaping)
 * @MMS_MEMCG_RECLAIM: memcg reclaim entries (mm_vmscan_memcg_reclaim_begin)
 * @MMS_MEMCG_RECLAIM_END: memcg reclaim exits
 * @MMS_MEMCG_RECLAIMED: pages memcg reclaim reports reclaimed
 * @MMS_MEMCG_SOFTLIMIT: memcg soft-limit reclaim entries
 * @MMS_MEMCG_SOFTLIMIT_END: memcg soft-limit reclaim exits
 * @MMS_NODE_RECLAIM: node reclaim entries (mm_vmscan_node_reclaim_begin)
 * @MMS_NODE_RECLAIM_END: node reclaim exits
 * @MMS_NODE_RECLAIMED: pages node reclaim reports reclaimed
 * @MMS_LRU_ISOLATE: mm_vmscan_lru_isolate events
 * @MMS_LRU_ISOLATE_LRU_GEN: those from the multi-gen LRU (6.12)
 * @MMS_LRU_SHRINK_INACTIVE: mm_vmscan_lru_shrink_inactive events
 * @MMS_LRU_SHRINK_ACTIVE: mm_vmscan_lru_shrink_active events
 * @MMS_WRITE_FOLIO: mm_vmscan_write_folio events
 * @MMS_SHRINK_SLAB: mm_shrink_slab_start events (shrinker calls)
 * @MMS_SHRINK_SLAB_END: mm_shrink_slab_end events
 * @MMS_SLAB_SCANNED: objects shrinkers were asked to scan (total_scan)
 * @MMS_SLAB_FREED: objects shrinkers report freed (their return value)
 * @MMS_THROTTLED: mm_vmscan_throttled events
 * @MMS_LRU_GEN_EVICT: multi-gen LRU eviction passes (kprobe on
 *	evict_folios()); nonzero means the multi-gen LRU reclaims
 * @MMS_TASKCTX_LOST: reclaim entries not tracked because every slot of
 *	the task table was in use (their reclaimer may be misfiled)
 * @MMS_NR_COUNTERS: number of counters
 */
enum mms_counter {
	MMS_ALLOCSTALL_FIRST,
	MMS_ALLOCSTALL_LAST = MMS_ALLOCSTALL_FIRST + ZONE_MOVABLE,
	MMS_DIRECT_RECLAIM,
	MMS_DIRECT_RECLAIM_END,
	MMS_DIRECT_RECLAIM_NONE,
	MMS_DIRECT_RECLAIMED,
	MMS_WAKEUP_KSWAPD,
	MMS_KSWAPD_WAKE,
	MMS_KSWAPD_SLEEP,
	MMS_DIRECT_COMPACT,
	MMS_COMPACT_BEGIN,
	MMS_COMPACT_END,
	MMS_KCOMPACTD_WAKE,
	MMS_OOM_MARK_VICTIM,
	MMS_OOM_SCORE_ADJ_UPDATE,
	MMS_OOM_RECLAIM_RETRY_ZONE,
	MMS_OOM_COMPACT_RETRY,
	MMS_OOM_WAKE_REAPER,
	MMS_OOM_START_REAPING,
	MMS_OOM_FINISH_REAPING,
	MMS_OOM_SKIP_REAPING,
	MMS_MEMCG_RECLAIM,
	MMS_MEMCG_RECLAIM_END,
	MMS_MEMCG_RECLAIMED,
	MMS_MEMCG_SOFTLIMIT,
	MMS_MEMCG_SOFTLIMIT_END,
	MMS_NODE_RECLAIM,
	MMS_NODE_RECLAIM_END,
	MMS_NODE_RECLAIMED,
	MMS_LRU_ISOLATE,
	MMS_LRU_ISOLATE_LRU_GEN,
	MMS_LRU_SHRINK_INACTIVE,
	MMS_LRU_SHRINK_ACTIVE,
	MMS_WRITE_FOLIO,
	MMS_SHRINK_SLAB,
	MMS_SHRINK_SLAB_END,
	MMS_SLAB_SCANNED,
	MMS_SLAB_FREED,
	MMS_THROTTLED,
	MMS_LRU_GEN_EVICT,
	MMS_TASKCTX_LOST,
	MMS_NR_COUNTERS
};

/**
 * enum mms_reclaimer - who is reclaiming, as the kernel tells reclaimers apart
 * @MMS_RC_KSWAPD: kswapd (current_is_kswapd())
 * @MMS_RC_DIRECT: global direct reclaim by an allocating task
 * @MMS_RC_KHUGEPAGED: direct reclaim by khugepaged, which /proc/vmstat
 *	counts apart from other direct reclaim where it has
 *	pgscan_khugepaged (6.3+), and as direct reclaim before
 * @MMS_RC_MEMCG: memcg reclaim (memory.max/high, memory.reclaim, soft
 *	limit), which the kernel leaves out of pgscan/pgsteal_<reclaimer>
 * @MMS_RC_NODE: node reclaim (zone_reclaim_mode)
 * @MMS_NR_RECLAIMERS: number of reclaimers
 */
enum mms_reclaimer {
	MMS_RC_KSWAPD,
	MMS_RC_DIRECT,
	MMS_RC_KHUGEPAGED,
	MMS_RC_MEMCG,
	MMS_RC_NODE,
	MMS_NR_RECLAIMERS
};

/**
 * enum mms_reclaim_field - what reclaim did to one LRU type
 * @MMS_RF_SCANNED: pages scanned as the kernel counts pgscan_*: the
 *	inactive-list isolation's nr_scanned, or under the multi-gen LRU
 *	(6.12) its nr_taken, which is what scan_folios() counts
 * @MMS_RF_RECLAIMED: pages reclaimed (pgsteal_*)
 * @MMS_RF_TAKEN: pages isolated from inactive lists
 * @MMS_RF_SKIPPED: pages skipped for being in an ineligible zone
 * @MMS_RF_DIRTY: dirty pages met by shrink_folio_list()
 * @MMS_RF_WRITEBACK: pages under writeback met by it
 * @MMS_RF_CONGESTED: dirty or writeback pages on a congested device
 * @MMS_RF_IMMEDIATE: pages under writeback marked for immediate reclaim
 * @MMS_RF_ACTIVATED: pages moved back to the active list
 * @MMS_RF_REF_KEEP: referenced pages kept on the inactive list
 * @MMS_RF_UNMAP_FAIL: pages that could not be unmapped
 * @MMS_RF_REFILL_SCANNED: pages scanned on active lists (pgrefill)
 * @MMS_RF_DEACTIVATED: pages moved from active to inactive lists
 * @MMS_RF_REFERENCED: referenced pages found on active lists
 * @MMS_RF_WRITTEN: pages written out by reclaim (mm_vmscan_write_folio)
 * @MMS_NR_RF: number of fields
 */
enum mms_reclaim_field {
	MMS_RF_SCANNED,
	MMS_RF_RECLAIMED,
	MMS_RF_TAKEN,
	MMS_RF_SKIPPED,
	MMS_RF_DIRTY,
	MMS_RF_WRITEBACK,
	MMS_RF_CONGESTED,
	MMS_RF_IMMEDIATE,
	MMS_RF_ACTIVATED,
	MMS_RF_REF_KEEP,
	MMS_RF_UNMAP_FAIL,
	MMS_RF_REFILL_SCANNED,
	MMS_RF_DEACTIVATED,
	MMS_RF_REFERENCED,
	MMS_RF_WRITTEN,
	MMS_NR_RF
};

/* LRU types: index 0 anon, 1 file, as the kernel's ANON_AND_FILE arrays. */
#define MMS_NR_LRU_TYPES	2

/* Orders tracked one by one; higher orders share the last slot. */
#define MMS_NR_ORDERS		16

/**
 * struct mms_cpu_counters - one CPU's share of every counter
 * @v: event counts, indexed by &enum mms_counter
 * @reclaim: the reclaim matrix: reclaimer x LRU type x field
 * @wakeup_kswapd: wakeup_kswapd requests by zone index and order
 * @throttled: reclaim throttling events by reason (VMSCAN_THROTTLE_*)
 * @throttled_usecs: microseconds throttled, by reason
 *
 * Only the owning CPU writes its copy, with this_cpu operations, which are
 * safe against preemption, interrupts and NMIs; readers sum all copies.
 * Every member is an array of unsigned long, so the whole structure sums
 * as one array (see mms_counters_snapshot()).
 */
struct mms_cpu_counters {
	unsigned long v[MMS_NR_COUNTERS];
	unsigned long reclaim[MMS_NR_RECLAIMERS][MMS_NR_LRU_TYPES][MMS_NR_RF];
	unsigned long wakeup_kswapd[MAX_NR_ZONES][MMS_NR_ORDERS];
	unsigned long throttled[NR_VMSCAN_THROTTLE];
	unsigned long throttled_usecs[NR_VMSCAN_THROTTLE];
};

extern struct mms_cpu_counters __percpu *mms_pcpu_counters;
extern const char * const mms_counter_names[MMS_NR_COUNTERS];

/* Count one event: callable from any context, including NMI. */
static __always_inline void mms_count(enum mms_counter c)
{
	this_cpu_inc(mms_pcpu_counters->v[c]);
}

/* Add @n to a counter: callable from any context, including NMI. */
static __always_inline void mms_count_add(enum mms_counter c, unsigned long n)
{
	this_cpu_add(mms_pcpu_counters->v[c], n);
}

int mms_counters_init(void);
void mms_counters_exit(void);
void mms_counters_snapshot(struct mms_cpu_counters *sum);

/* Add @n to the reclaim matrix: callable from any context, including NMI. */
static __always_inline void mms_reclaim_add(enum mms_reclaimer rc, int file,
					    enum mms_reclaim_field f,
					    unsigned long n)
{
	this_cpu_add(mms_pcpu_counters->reclaim[rc][!!file][f], n);
}

enum mms_reclaimer mms_current_reclaimer(void);

/**
 * struct mms_taskctx - what one task is doing in reclaim, while it does it
 * @task: the task, or %NULL for a free slot
 * @start_ns: local_clock() when it entered
 * @kind: the reclaimer it is (&enum mms_reclaimer)
 * @order: the order it reclaims for
 */
struct mms_taskctx {
	struct task_struct *task;
	u64 start_ns;
	u32 kind;
	u32 order;
};

struct mms_taskctx *mms_taskctx_enter(enum mms_reclaimer kind, int order);
struct mms_taskctx *mms_taskctx_find(void);
void mms_taskctx_exit(struct mms_taskctx *ctx);

/**
 * enum mms_probe_state - what became of one probe at load time
 * @MMS_PROBE_MISSING: the kernel lacks the event (or a prototype we know)
 * @MMS_PROBE_FAILED: the event exists but attaching to it failed
 * @MMS_PROBE_ATTACHED: the probe is live
 */
enum mms_probe_state {
	MMS_PROBE_MISSING,
	MMS_PROBE_FAILED,
	MMS_PROBE_ATTACHED,
};

struct dentry;
struct tracepoint;

/**
 * struct mms_tp_probe - one handler for one tracepoint, attached by name
 * @name: the tracepoint's name, as under /sys/kernel/tracing/events/
 * @func: the handler; %NULL when this kernel's headers offer no prototype
 *	we know, in which case @reason says why
 * @reason: why the probe is not attached, shown in debugfs
 * @tp: the kernel's tracepoint, once found by name
 * @state: what became of the probe
 * @err: errno returned by tracepoint_probe_register() on failure
 *
 * Handlers' prototypes are checked at compile time against the target
 * kernel's own <trace/events/> headers (see MMS_TP_CHECK()).
 */
struct mms_tp_probe {
	const char *name;
	void *func;
	const char *reason;
	struct tracepoint *tp;
	enum mms_probe_state state;
	int err;
};

/**
 * struct mms_kp_probe - one kprobe, for what no tracepoint shows
 * @symbol: the probed function
 * @handler: kprobe pre-handler, run on entry to @symbol
 * @reason: why the probe is not attached, shown in debugfs
 * @kp: the kprobe
 * @state: what became of the probe
 * @err: errno returned by register_kprobe() on failure
 * @ret_handler: if set, the probe is a kretprobe: run on return from
 *	@symbol (and @handler is unused)
 * @entry_handler: the kretprobe's entry handler; a nonzero return skips
 *	@ret_handler for that call
 * @data_size: bytes of per-call data the entry handler passes on
 * @krp: the kretprobe
 *
 * Each kprobe is optional: a function this kernel inlined or lacks degrades
 * that probe alone.
 */
struct mms_kp_probe {
	const char *symbol;
	kprobe_pre_handler_t handler;
	const char *reason;
	struct kprobe kp;
	enum mms_probe_state state;
	int err;
	kretprobe_handler_t ret_handler;
	kretprobe_handler_t entry_handler;
	size_t data_size;
	struct kretprobe krp;
};

/**
 * struct mms_probe_group - the probes of one mm subsystem
 * @system: the trace system ("vmscan", "compaction", "oom")
 * @tps: its tracepoint probes
 * @nr_tps: number of entries in @tps
 * @kps: its kprobes
 * @nr_kps: number of entries in @kps
 */
struct mms_probe_group {
	const char *system;
	struct mms_tp_probe *tps;
	unsigned int nr_tps;
	struct mms_kp_probe *kps;
	unsigned int nr_kps;
};

/*
 * MMS_TP_CHECK() - fail the build if @fn does not match @tpname's TP_PROTO.
 * check_trace_callback_type_<tp>() is declared by the kernel's DECLARE_TRACE
 * for exactly this purpose; ccflags make the mismatch an error.
 */
#define MMS_TP_CHECK(tpname, fn)					\
	static inline void __maybe_unused mms_tp_check_##tpname(void)	\
	{								\
		check_trace_callback_type_##tpname(fn);			\
	}

#define MMS_TP_PROBE(tpname, fn)	{ .name = #tpname, .func = (void *)(fn) }
#define MMS_TP_ABSENT(tpname, why)	{ .name = #tpname, .reason = (why) }
#define MMS_KPROBE(sym, fn)		{ .symbol = #sym, .handler = (fn) }
#define MMS_KRETPROBE(sym, entry, ret, size)				\
	{ .symbol = #sym, .entry_handler = (entry), .ret_handler = (ret), \
	  .data_size = (size) }

extern struct mms_probe_group mms_vmscan_group;
extern struct mms_probe_group mms_compaction_group;
extern struct mms_probe_group mms_oom_group;
extern struct mms_probe_group mms_zones_group;

extern struct mms_probe_group * const mms_probe_groups[];
extern const unsigned int mms_nr_probe_groups;

void mms_probes_attach(void);
void mms_probes_detach(void);
const char *mms_probe_state_name(enum mms_probe_state state);

/**
 * enum mms_hist_id - the latency histograms
 * @MMS_H_DIRECT_RECLAIM: direct reclaim, begin to end
 * @MMS_H_MEMCG_RECLAIM: memcg reclaim, begin to end (soft limit included)
 * @MMS_H_NODE_RECLAIM: node reclaim, begin to end
 * @MMS_H_KSWAPD_RUN: kswapd, from its first wake after sleeping to its
 *	next sleep
 * @MMS_NR_HISTS: number of histograms
 */
enum mms_hist_id {
	MMS_H_DIRECT_RECLAIM,
	MMS_H_MEMCG_RECLAIM,
	MMS_H_NODE_RECLAIM,
	MMS_H_KSWAPD_RUN,
	MMS_NR_HISTS
};

extern struct mms_hist mms_hists[MMS_NR_HISTS];
extern const char * const mms_hist_names[MMS_NR_HISTS];
int mms_hists_init(void);
void mms_hists_free(void);
void mms_hists_debugfs_init(struct dentry *dir);

void mms_reclaim_debugfs_init(struct dentry *dir);
void mms_zones_debugfs_init(struct dentry *dir);

void mms_debugfs_init(void);
void mms_debugfs_exit(void);

#endif /* _MMSCOPE_H */
