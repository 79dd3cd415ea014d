// SPDX-License-Identifier: GPL-2.0
/*
 * report_test FILE: the record decoder against damaged copies of FILE (a
 * whole record file, from recgen), in process and in all three formats:
 *
 *   - FILE itself decodes whole (MMS_DEC_DONE);
 *   - every prefix of it is reported truncated, with a reason and an
 *     offset within the prefix;
 *   - 3000 copies with 1 to 4 bytes changed (a fixed pseudo-random
 *     sequence) decode whole, truncated or corrupt, with a reason and an
 *     offset within the file when not whole.
 *
 * tests/host/tool.sh builds it with AddressSanitizer and
 * UndefinedBehaviorSanitizer when the compiler has them, so that this
 * small corpus is a normal test of make check; `make fuzz` goes further.
 * Prints PASS/FAIL lines; exits 1 on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mms.h"
#include "recfile.h"
#include "report.h"

static FILE *devnull;

/* The result of decoding @buf in every format; -9 if they disagree. */
static int decode3(const uint8_t *buf, size_t len, int *bad_reason)
{
	int format, st = 0;

	*bad_reason = 0;
	for (format = MMS_REPORT_TEXT; format <= MMS_REPORT_PERFETTO; format++) {
		const char *why;
		size_t off;
		int s = mms_report_buf(buf, len, devnull, format, &why, &off);

		if (s != MMS_DEC_DONE && (!why || !*why || off > len))
			*bad_reason = 1;
		if (format > MMS_REPORT_TEXT && s != st)
			return -9;
		st = s;
	}
	return st;
}

int main(int argc, char **argv)
{
	uint8_t *buf, *copy;
	unsigned int seed = 7;
	size_t len, n;
	int st, bad, i, fails = 0;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: report_test FILE\n");
		return 2;
	}
	devnull = fopen("/dev/null", "w");
	f = fopen(argv[1], "rb");
	if (!f || !devnull) {
		perror(argv[1]);
		return 1;
	}
	buf = malloc(1 << 20);
	copy = malloc(1 << 20);
	len = fread(buf, 1, 1 << 20, f);
	fclose(f);

	st = decode3(buf, len, &bad);
	if (st != MMS_DEC_DONE) {
		printf("FAIL  host: tool-report-decoder: whole file: %d\n", st);
		return 1;
	}
	for (n = 0; n < len; n++) {
		memcpy(copy, buf, n);	/* a copy, so ASan sees its end */
		st = decode3(copy, n, &bad);
		if (st != MMS_DEC_TRUNCATED || bad) {
			printf("FAIL  host: tool-report-decoder: prefix of %zu bytes: %d%s\n",
			       n, st, bad ? ", no reason or a bad offset" : "");
			fails++;
			break;
		}
	}
	if (!fails)
		printf("PASS  host: tool-report-decoder: each of %zu prefixes is truncated\n", len);
	for (i = 0; i < 3000; i++) {
		int k, nk;

		memcpy(copy, buf, len);
		seed = seed * 1103515245 + 12345;
		nk = 1 + (seed >> 16) % 4;
		for (k = 0; k < nk; k++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 8) % len] = (uint8_t)(seed >> 24);
		}
		st = decode3(copy, len, &bad);
		if ((st != MMS_DEC_DONE && st != MMS_DEC_TRUNCATED &&
		     st != MMS_DEC_CORRUPT) || bad) {
			printf("FAIL  host: tool-report-decoder: corrupted copy %d: %d%s\n",
			       i, st, bad ? ", no reason or a bad offset" : "");
			fails++;
			break;
		}
	}
	if (i == 3000)
		printf("PASS  host: tool-report-decoder: 3000 corrupted copies\n");
	free(copy);
	free(buf);
	return fails ? 1 : 0;
}
