// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the whole of "mmscope report", in its three formats,
 * on arbitrary bytes.  Built and run by tests/host/fuzz.sh (make fuzz)
 * with AddressSanitizer and UndefinedBehaviorSanitizer.
 */
#include <stdint.h>
#include <stdio.h>

#include "mms.h"
#include "recfile.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	const char *why;
	size_t off;
	int format;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	for (format = MMS_REPORT_TEXT; format <= MMS_REPORT_PERFETTO; format++) {
		int st = mms_report_buf(data, size, devnull, format, &why, &off);

		/* Every failure says what and where, within the file. */
		if (st != MMS_DEC_DONE && (!why || off > size))
			__builtin_trap();
	}
	return 0;
}
