// SPDX-License-Identifier: GPL-2.0
/*
 * pagecache FILE [passes]
 *
 * Read FILE from start to end `passes` times (default 1; 0 means forever),
 * so that its pages stay in, or keep coming back to, the page cache: file
 * LRU pressure and refaults for reclaim to work on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUFSZ	(1 << 20)

int main(int argc, char **argv)
{
	unsigned long passes = 1, pass;
	static char buf[BUFSZ];
	char *end;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: pagecache FILE [passes (0: forever)]\n");
		return 2;
	}
	if (argc == 3) {
		passes = strtoul(argv[2], &end, 10);
		if (*end) {
			fprintf(stderr, "pagecache: bad pass count '%s'\n", argv[2]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "pagecache: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (pass = 1; !passes || pass <= passes; pass++) {
		unsigned long long total = 0;
		ssize_t n;

		if (lseek(fd, 0, SEEK_SET) < 0) {
			fprintf(stderr, "pagecache: lseek: %s\n", strerror(errno));
			return 1;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			total += n;
		if (n < 0) {
			fprintf(stderr, "pagecache: read: %s\n", strerror(errno));
			return 1;
		}
		printf("pagecache: %d pass %lu read %llu MiB\n", getpid(), pass, total >> 20);
	}
	return 0;
}
