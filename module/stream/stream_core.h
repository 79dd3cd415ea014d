/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the event stream's state (stream.c) and its character device
 * (stream_dev.c).  Every function here but mms_stream_has_data() is called
 * with mms_stream_mutex held.
 */
#ifndef _MMSCOPE_STREAM_CORE_H
#define _MMSCOPE_STREAM_CORE_H

#include <linux/compiler_types.h>
#include <linux/mutex.h>
#include <linux/wait.h>

#include <linux/mmscope.h>
#include "stream/stream_ring.h"

extern struct mutex mms_stream_mutex;
extern wait_queue_head_t mms_stream_wq;

bool mms_stream_has_data(void);
ssize_t mms_stream_read(char __user *buf, size_t len);
void mms_stream_get_config(struct mmscope_config *c);
int mms_stream_set_mask(u64 mask);
int mms_stream_set_mode(u32 mode);
int mms_stream_resize(u32 nr_slots);
void mms_stream_start(void);
void mms_stream_stop(void);
void mms_stream_reset(void);
int mms_stream_cpu_stats(struct mmscope_cpu_stats *s);
bool mms_stream_map_get(void);
void mms_stream_map_dup(void);
void mms_stream_map_put(void);
void *mms_stream_ring_memory(unsigned int cpu);
size_t mms_stream_map_size(void);

void mms_stream_bench(void);

#endif /* _MMSCOPE_STREAM_CORE_H */
