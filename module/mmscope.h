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
	MMS_NR_COUNTERS
};

/**
 * struct mms_cpu_counters - one CPU's share of every counter
 * @v: event counts, indexed by &enum mms_counter
 *
 * Only the owning CPU writes its copy, with this_cpu operations, which are
 * safe against preemption, interrupts and NMIs; readers sum all copies.
 */
struct mms_cpu_counters {
	unsigned long v[MMS_NR_COUNTERS];
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
void mms_counters_snapshot(unsigned long *sum);

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

extern struct mms_probe_group mms_vmscan_group;
extern struct mms_probe_group mms_compaction_group;
extern struct mms_probe_group mms_oom_group;

extern struct mms_probe_group * const mms_probe_groups[];
extern const unsigned int mms_nr_probe_groups;

void mms_probes_attach(void);
void mms_probes_detach(void);
const char *mms_probe_state_name(enum mms_probe_state state);

void mms_debugfs_init(void);
void mms_debugfs_exit(void);

#endif /* _MMSCOPE_H */
