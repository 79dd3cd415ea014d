/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event stream's in-kernel API: how a probe emits a record to
 * /dev/mmscope.  Records and their payloads are defined in
 * <linux/mmscope.h>.
 *
 * Each record type has one producer, a probe, which emits it in one
 * statement, with the payload structure that MMSCOPE_RECORDS() names for
 * the type (a mismatch does not compile):
 *
 *	mms_stream(KSWAPD_WAKE, .nid = nid, .zid = zid, .order = order);
 *
 * or, for a payload it has built itself (the OOM record, or a reclaim
 * exit that shares its figures with a histogram):
 *
 *	mms_stream_put(OOM_KILL, &r);
 *
 * Both test mms_stream_enabled() first, which is one load and one test
 * of a mask, so a type nobody wants costs a predictable branch.  It is true when the type is
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
 * struct mms_rec_payloads - the payload structure of each record type, as
 * MMSCOPE_RECORDS() of the UAPI names it: its member rec_<TYPE> points to
 * struct mmscope_rec_<payload>.  Never instantiated; mms_stream() and
 * mms_stream_put() take their types from it.
 */
struct mms_rec_payloads {
	MMSCOPE_RECORDS(MMSCOPE_REC_PAYLOAD_MEMBER)
};

/* The payload structure of MMSCOPE_REC_<TYPE>, and a pointer to it. */
#define MMS_REC_PAYLOAD(TYPE)						\
	typeof(*((struct mms_rec_payloads *)NULL)->rec_##TYPE)
#define MMS_REC_PAYLOAD_PTR(TYPE)					\
	typeof(((struct mms_rec_payloads *)NULL)->rec_##TYPE)

/**
 * mms_stream() - emit a record of MMSCOPE_REC_<@TYPE> built in place
 * @TYPE: the record type, as MMSCOPE_RECORDS() spells it (KSWAPD_WAKE)
 * @...: designated initialisers of its payload (.nid = nid, ...)
 *
 * The payload is built, on the stack, only when someone wants the type:
 * the arguments are not evaluated otherwise.  Fields not named are 0.
 */
#define mms_stream(TYPE, ...)						\
	do {								\
		if (mms_stream_enabled(MMSCOPE_REC_##TYPE)) {		\
			MMS_REC_PAYLOAD(TYPE) __mms_rec = { __VA_ARGS__ }; \
									\
			mms_emit(MMSCOPE_REC_##TYPE, &__mms_rec,	\
				 sizeof(__mms_rec));			\
		}							\
	} while (0)

/**
 * mms_stream_put() - emit a payload the caller has built
 * @TYPE: the record type, as MMSCOPE_RECORDS() spells it
 * @payload: a pointer to its payload structure (another type does not
 *	compile: the module builds with -Werror=incompatible-pointer-types)
 */
#define mms_stream_put(TYPE, payload)					\
	do {								\
		MMS_REC_PAYLOAD_PTR(TYPE) __mms_p = (payload);		\
									\
		if (mms_stream_enabled(MMSCOPE_REC_##TYPE))		\
			mms_emit(MMSCOPE_REC_##TYPE, __mms_p,		\
				 sizeof(*__mms_p));			\
	} while (0)

int mms_stream_init(void);
void mms_stream_exit(void);
int mms_stream_dev_init(void);
void mms_stream_dev_exit(void);

#endif /* _MMSCOPE_STREAM_H */
