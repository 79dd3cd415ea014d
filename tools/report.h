/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decoding a whole record file into a report: the entry point that
 * "mmscope report" and the fuzzer (tests/host/fuzz_report.c) share.
 */
#ifndef MMS_REPORT_H
#define MMS_REPORT_H

#include <stddef.h>
#include <stdio.h>

#define MMS_REPORT_TEXT		0
#define MMS_REPORT_JSON		1
#define MMS_REPORT_PERFETTO	2

/*
 * Decode the record file @buf of @len bytes and write its report to @out
 * in @format.  Returns MMS_DEC_DONE for a whole file, or
 * MMS_DEC_TRUNCATED / MMS_DEC_CORRUPT with @why and @err_off (a byte
 * offset) saying where and what, after reporting what came before.
 */
int mms_report_buf(const void *buf, size_t len, FILE *out, int format,
		   const char **why, size_t *err_off);

#endif /* MMS_REPORT_H */
