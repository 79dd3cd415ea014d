/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clock of every begin/end duration mmscope measures.
 *
 * Events are stamped with local_clock(), the trace's and dmesg's clock:
 * cheap, and monotonic on each CPU, but where the TSC is not stable (and
 * under emulation) CPUs disagree by microseconds, so a task that begins
 * on one CPU and ends on another could come out negative.  Durations are
 * taken on ktime_get_mono_fast_ns() instead: CLOCK_MONOTONIC, the same on
 * every CPU, NMI-safe, and the clock of bpftrace's nsecs.
 */
#ifndef _MMSCOPE_DURATION_H
#define _MMSCOPE_DURATION_H

#include <linux/timekeeping.h>
#include <linux/types.h>

/* Return: now, as the start of a duration. */
static inline u64 mms_dur_now(void)
{
	return ktime_get_mono_fast_ns();
}

/*
 * Return: nanoseconds since @start (of mms_dur_now()), never negative:
 * the fast clock can step back by a little across an update it races.
 */
static inline u64 mms_dur_since(u64 start)
{
	s64 d = (s64)(ktime_get_mono_fast_ns() - start);

	return d > 0 ? d : 0;
}

#endif /* _MMSCOPE_DURATION_H */
