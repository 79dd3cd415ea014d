// SPDX-License-Identifier: GPL-2.0
/*
 * tpbench N [ROUNDS]
 *
 * Fire the oom:oom_score_adj_update tracepoint N times, as cheaply as user
 * space can: pwrite() "0" to /proc/self/oom_score_adj (each write fires
 * the event once, whatever the value).  ROUNDS times (default 5); prints
 * one line per round, "tpbench N NS" with NS the nanoseconds per write,
 * then "tpbench min NS".  The cost of a probe on that tracepoint is the
 * difference between runs with and without it (make bench).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	unsigned long n, i, rounds = 5, r;
	unsigned long long t, best = ~0ULL;
	char *end;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: tpbench N [ROUNDS]\n");
		return 2;
	}
	n = strtoul(argv[1], &end, 10);
	if (*end || !n) {
		fprintf(stderr, "tpbench: bad count '%s'\n", argv[1]);
		return 2;
	}
	if (argc == 3) {
		rounds = strtoul(argv[2], &end, 10);
		if (*end || !rounds) {
			fprintf(stderr, "tpbench: bad rounds '%s'\n", argv[2]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open("/proc/self/oom_score_adj", O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "tpbench: oom_score_adj: %s\n", strerror(errno));
		return 1;
	}
	for (r = 0; r < rounds; r++) {
		t = now_ns();
		for (i = 0; i < n; i++) {
			if (pwrite(fd, "0", 1, 0) != 1) {
				fprintf(stderr, "tpbench: write: %s\n", strerror(errno));
				return 1;
			}
		}
		t = (now_ns() - t) / n;
		if (t < best)
			best = t;
		printf("tpbench %lu %llu\n", n, t);
	}
	printf("tpbench min %llu\n", best);
	return 0;
}
