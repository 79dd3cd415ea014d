/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event stream's in-kernel API: how a probe emits a record to
 * /dev/mmscope.  Records and their payloads are defined in
 * <linux/mmscope.h>.
 *
 * A probe that builds a payload of its own:
 *
 *	if (mms_stream_enabled(MMSCOPE_REC_OOM_KILL)) {
 *		struct mmscope_rec_oom_kill r = { ... };
 *
 *		mms_emit(MMSCOPE_REC_OOM_KILL, &r, sizeof(r));
 *	}
 *
 * mms_stream_enabled() is one load and one test of a mask, so a type
 * nobody wants costs a predictable branch.  It is true when the type is
 * being recorded or when the episode tracker needs it (reclaim entries and
 * exits, kswapd, compaction stalls, OOM kills), which it follows whether
 * or not they are recorded.  Counters and histograms never depend on it.
 *
 * Context: both may be called from any context, NMI included: the record
 * is reserved with a local cmpxchg on the current CPU's ring, written, and
 * committed; no lock, no allocation, no sleeping.  The episode tracker,
 * which takes a raw spinlock of its own, ignores events from NMI (no mm
 * event it follows fires there).
 */
#ifndef _MMSCOPE_STREAM_H
#define _MMSCOPE_STREAM_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

#include <linux/mmscope.h>

/* The types someone wants now: recorded ones and the episode tracker's. */
extern u64 mms_stream_want;

/**
 * mms_stream_enabled() - whether anyone wants records of @type now
 * @type: &enum mmscope_rec_type
 *
 * Return: true if mms_emit(@type, ...) would do anything.
 */
static __always_inline bool mms_stream_enabled(unsigned int type)
{
	return READ_ONCE(mms_stream_want) & MMSCOPE_REC_BIT(type);
}

void mms_emit(unsigned int type, const void *payload, size_t size);

/*
 * Typed helpers for the probes of probes_*.c, one line each there.  Each
 * tests mms_stream_enabled() inline and builds its record out of line.
 */
void __mms_stream_reclaim_begin(unsigned int type, int order, gfp_t gfp,
				int nid);
void __mms_stream_reclaim_end(unsigned int type, unsigned long nr_reclaimed);
void __mms_stream_kswapd(unsigned int type, int nid, int zid, int order,
			 gfp_t gfp);
void __mms_stream_lru_isolate(int highest_zoneidx, int order,
			      unsigned long nr_requested,
			      unsigned long nr_scanned,
			      unsigned long nr_skipped,
			      unsigned long nr_taken, int lru);
struct reclaim_stat;
void __mms_stream_lru_shrink_inactive(int nid, unsigned long nr_scanned,
				      unsigned long nr_reclaimed,
				      const struct reclaim_stat *stat,
				      int priority, int file);
void __mms_stream_lru_shrink_active(int nid, unsigned long nr_taken,
				    unsigned long nr_active,
				    unsigned long nr_deactivated,
				    unsigned long nr_referenced, int priority,
				    int file);
void __mms_stream_throttled(int nid, int usec_timeout, int usec_delayed,
			    int reason);
void __mms_stream_compact_try(int order, gfp_t gfp, int prio);
void __mms_stream_compact_run(unsigned int type, unsigned long zone_start,
			      unsigned long zone_end, bool sync, int status);
void __mms_stream_kcompactd(unsigned int type, int nid, int order,
			    int highest_zoneidx);
void __mms_stream_oom_victim(int pid, u32 uid);
void __mms_stream_compact_stall(int order, int prio, u32 gfp, int result,
				u64 duration_ns);
void __mms_stream_extfrag(unsigned long pfn, int alloc_order,
			  int fallback_order, int alloc_mt, int fallback_mt,
			  bool change_ownership);
void __mms_stream_wmark(int nid, int zid, const unsigned long *old_wmark,
			unsigned long old_boost, const unsigned long *wmark,
			unsigned long boost);

#define MMS_STREAM_CALL(type, fn, ...)				\
	do {								\
		if (mms_stream_enabled(type))				\
			fn(__VA_ARGS__);				\
	} while (0)

/* Direct, memcg, soft-limit and node reclaim entries (nid -1 if none). */
#define mms_stream_reclaim_begin(type, order, gfp, nid)			\
	MMS_STREAM_CALL(type, __mms_stream_reclaim_begin, type, order, gfp, nid)
/* Their exits: call before the task's reclaim context is freed. */
#define mms_stream_reclaim_end(type, nr_reclaimed)			\
	MMS_STREAM_CALL(type, __mms_stream_reclaim_end, type, nr_reclaimed)
/* wakeup_kswapd, kswapd wake and sleep (zid, order -1 for sleep). */
#define mms_stream_kswapd(type, nid, zid, order, gfp)			\
	MMS_STREAM_CALL(type, __mms_stream_kswapd, type, nid, zid, order, gfp)
#define mms_stream_lru_isolate(...)					\
	MMS_STREAM_CALL(MMSCOPE_REC_LRU_ISOLATE, __mms_stream_lru_isolate, \
			__VA_ARGS__)
#define mms_stream_lru_shrink_inactive(...)				\
	MMS_STREAM_CALL(MMSCOPE_REC_LRU_SHRINK_INACTIVE,		\
			__mms_stream_lru_shrink_inactive, __VA_ARGS__)
#define mms_stream_lru_shrink_active(...)				\
	MMS_STREAM_CALL(MMSCOPE_REC_LRU_SHRINK_ACTIVE,			\
			__mms_stream_lru_shrink_active, __VA_ARGS__)
#define mms_stream_throttled(...)					\
	MMS_STREAM_CALL(MMSCOPE_REC_THROTTLED, __mms_stream_throttled,	\
			__VA_ARGS__)
#define mms_stream_compact_try(...)					\
	MMS_STREAM_CALL(MMSCOPE_REC_COMPACT_TRY, __mms_stream_compact_try, \
			__VA_ARGS__)
/* COMPACT_BEGIN (status -1) or COMPACT_END. */
#define mms_stream_compact_stall(...)					\
	MMS_STREAM_CALL(MMSCOPE_REC_COMPACT_STALL, __mms_stream_compact_stall, \
			__VA_ARGS__)
#define mms_stream_extfrag(...)						\
	MMS_STREAM_CALL(MMSCOPE_REC_EXTFRAG, __mms_stream_extfrag, __VA_ARGS__)
#define mms_stream_wmark(...)						\
	MMS_STREAM_CALL(MMSCOPE_REC_WMARK, __mms_stream_wmark, __VA_ARGS__)
#define mms_stream_compact_run(type, ...)				\
	MMS_STREAM_CALL(type, __mms_stream_compact_run, type, __VA_ARGS__)
/* KCOMPACTD_WAKE or KCOMPACTD_SLEEP (order, highest_zoneidx -1). */
#define mms_stream_kcompactd(type, ...)					\
	MMS_STREAM_CALL(type, __mms_stream_kcompactd, type, __VA_ARGS__)
#define mms_stream_oom_victim(...)					\
	MMS_STREAM_CALL(MMSCOPE_REC_OOM_VICTIM, __mms_stream_oom_victim, \
			__VA_ARGS__)

int mms_stream_init(void);
void mms_stream_exit(void);

#endif /* _MMSCOPE_STREAM_H */
