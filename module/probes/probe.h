/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe framework: every probe of the module is an entry of a
 * probe group's table, attached and detached by probes/registry.c.
 */
#ifndef _MMS_PROBES_PROBE_H
#define _MMS_PROBES_PROBE_H

#include <linux/kprobes.h>
#include <linux/types.h>

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

/*
 * A probe's post-attach hook: process context, after every probe of every
 * group is attached, for a probe that needs something done once it is live
 * (a read that shows its handler a kernel variable, say).
 */
typedef void (*mms_post_attach_t)(const void *arg);

/**
 * struct mms_tp_probe - one handler for one tracepoint, attached by name
 * @name: the tracepoint's name, as under /sys/kernel/tracing/events/
 * @func: the handler; %NULL when this kernel's headers offer no prototype
 *	we know, in which case @reason says why
 * @reason: why the probe is not attached, shown in debugfs
 * @tp: the kernel's tracepoint, once found by name
 * @state: what became of the probe
 * @err: errno returned by tracepoint_probe_register() on failure
 * @post_attach: called once every probe is attached, if this one is
 *	(see mms_probes_attach()); or %NULL
 * @post_arg: its argument
 * @end: for a begin event that opens per-task state (a task-table slot)
 *	which its end event closes, the end event's name, in the same
 *	group; or %NULL.  The two attach together or not at all, the end
 *	first, so that no state is opened that nothing would close.
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
	mms_post_attach_t post_attach;
	const void *post_arg;
	const char *end;
};

/**
 * struct mms_kp_probe - one kprobe, for what no tracepoint shows
 * @symbol: the probed function
 * @handler: kprobe pre-handler, run on entry to @symbol
 * @reason: why the probe is not attached, shown in debugfs
 * @kp: the kprobe
 * @state: what became of the probe
 * @err: errno returned by register_kprobe() on failure
 * @post_attach: called once every probe is attached, if this one is; or
 *	%NULL
 * @post_arg: its argument
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
	mms_post_attach_t post_attach;
	const void *post_arg;
};

/**
 * struct mms_krp_probe - one kretprobe, for a function's return and latency
 * @symbol: the probed function
 * @entry: entry handler, run on entry to @symbol; may fill the instance's
 *	data (@data_size bytes); returning nonzero skips @handler for the call
 * @handler: return handler
 * @data_size: bytes of per-instance data @entry and @handler share
 * @maxactive: instances that may be live at once (callers sleeping inside
 *	@symbol); calls beyond it are missed, counted in @krp.nmissed and
 *	shown in debugfs, never silently lost
 * @reason: why the probe is not attached, shown in debugfs
 * @krp: the kretprobe
 * @state: what became of the probe
 * @err: errno returned by register_kretprobe() on failure
 * @post_attach: called once every probe is attached, if this one is; or
 *	%NULL
 * @post_arg: its argument
 */
struct mms_krp_probe {
	const char *symbol;
	kretprobe_handler_t entry;
	kretprobe_handler_t handler;
	size_t data_size;
	int maxactive;
	const char *reason;
	struct kretprobe krp;
	enum mms_probe_state state;
	int err;
	mms_post_attach_t post_attach;
	const void *post_arg;
};

/**
 * struct mms_probe_group - the probes of one mm subsystem
 * @system: the trace system ("vmscan", "compaction", "oom")
 * @tps: its tracepoint probes
 * @nr_tps: number of entries in @tps
 * @kps: its kprobes
 * @nr_kps: number of entries in @kps
 * @krps: its kretprobes
 * @nr_krps: number of entries in @krps
 */
struct mms_probe_group {
	const char *system;
	struct mms_tp_probe *tps;
	unsigned int nr_tps;
	struct mms_kp_probe *kps;
	unsigned int nr_kps;
	struct mms_krp_probe *krps;
	unsigned int nr_krps;
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
/* A begin event whose per-task state the probe of @endname closes. */
#define MMS_TP_BEGIN(tpname, fn, endname)				\
	{ .name = #tpname, .func = (void *)(fn), .end = #endname }
#define MMS_TP_ABSENT(tpname, why)	{ .name = #tpname, .reason = (why) }
#define MMS_KPROBE(sym, fn)		{ .symbol = #sym, .handler = (fn) }
#define MMS_KRETPROBE(sym, ent, fn, type, max)				\
	{ .symbol = #sym, .entry = (ent), .handler = (fn),		\
	  .data_size = sizeof(type), .maxactive = (max) }
/* A kretprobe with a post-attach hook @hook, called with @arg. */
#define MMS_KRETPROBE_HOOK(sym, ent, fn, type, max, hook, arg)		\
	{ .symbol = #sym, .entry = (ent), .handler = (fn),		\
	  .data_size = sizeof(type), .maxactive = (max),		\
	  .post_attach = (hook), .post_arg = (arg) }
/* Reason of a probe whose event the target kernel's headers lack. */
#define MMS_REASON_NOT_IN_KERNEL	"absent in this kernel"
/* The registry's reasons, one string each, for views to tell apart. */
extern const char mms_probe_reason_disabled[];
extern const char mms_probe_reason_no_symbol[];

extern struct mms_probe_group mms_vmscan_group;
extern struct mms_probe_group mms_compaction_group;
extern struct mms_probe_group mms_oom_group;
extern struct mms_probe_group mms_zones_group;

extern struct mms_probe_group * const mms_probe_groups[];
extern const unsigned int mms_nr_probe_groups;

void mms_probes_attach(void);
void mms_probes_detach(void);
const char *mms_probe_state_name(enum mms_probe_state state);

#endif /* _MMS_PROBES_PROBE_H */
