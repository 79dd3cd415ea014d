// SPDX-License-Identifier: GPL-2.0
/*
 * What tools/mmscope.c provides to the rest of the command, for tests and
 * the fuzzer that link the command's files without its main().
 */
#include <stdarg.h>

#include "mms.h"
#include "opts.h"

struct mms_env mms_env = { .debugfs = "/nonexistent" };
volatile int mms_exiting;

void mms_err(const char *fmt, ...)
{
	(void)fmt;
}

int mms_common_opt(int c, const char *arg, char **argv)
{
	(void)c;
	(void)arg;
	(void)argv;
	return -1;
}

void mms_usage_error(const char *fmt, ...)
{
	(void)fmt;
}

double mms_now(void)
{
	return 0;
}

bool mms_sleep_until(double deadline)
{
	(void)deadline;
	return false;
}

bool mms_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	(void)s;
	(void)max;
	(void)out;
	return false;
}
