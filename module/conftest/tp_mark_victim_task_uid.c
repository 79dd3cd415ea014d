// SPDX-License-Identifier: GPL-2.0
/* oom:mark_victim(struct task_struct *task, uid_t uid): 6.1.192+, 6.12 */
#include <trace/events/oom.h>

static void probe(void *data, struct task_struct *task, uid_t uid) { }

static void __used mms_conftest(void)
{
	check_trace_callback_type_mark_victim(probe);
}
