// SPDX-License-Identifier: GPL-2.0
/*
 * oom:mark_victim(int pid): up to 6.1.0, and stable kernels before the
 * backport of "mm, oom: add uid and more task fields to mark_victim"
 */
#include <trace/events/oom.h>

static void probe(void *data, int pid) { }

static void __used mms_conftest(void)
{
	check_trace_callback_type_mark_victim(probe);
}
