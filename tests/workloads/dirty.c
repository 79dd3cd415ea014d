// SPDX-License-Identifier: GPL-2.0
/*
 * dirty FILE MiB
 *
 * Write MiB of data to FILE (created or truncated) and exit without fsync,
 * leaving dirty page cache for writeback and reclaim to deal with.
 * The data is not all zeroes, so no filesystem can elide it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MIB	(1 << 20)

int main(int argc, char **argv)
{
	static unsigned long buf[MIB / sizeof(unsigned long)];
	unsigned long mib, i, j;
	char *end;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: dirty FILE MiB\n");
		return 2;
	}
	mib = strtoul(argv[2], &end, 10);
	if (*end) {
		fprintf(stderr, "dirty: bad size '%s'\n", argv[2]);
		return 2;
	}
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "dirty: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (i = 0; i < mib; i++) {
		size_t left = sizeof(buf);
		char *p = (char *)buf;

		for (j = 0; j < sizeof(buf) / sizeof(buf[0]); j += 512)
			buf[j] = (i << 20) + j + 1;
		while (left) {
			ssize_t n = write(fd, p, left);

			if (n < 0) {
				if (errno == EINTR)
					continue;
				fprintf(stderr, "dirty: write after %lu MiB: %s\n", i, strerror(errno));
				return 1;
			}
			p += n;
			left -= n;
		}
	}
	printf("dirty: %d wrote %lu MiB to %s\n", getpid(), mib, argv[1]);
	return 0;
}
