// SPDX-License-Identifier: GPL-2.0
/*
 * pipesz FIFO BYTES: set the capacity of the pipe behind FIFO, which
 * another process must hold open (or it is gone when we close it), to
 * BYTES with F_SETPIPE_SZ, and print the capacity the kernel gave.
 *
 * The zones scenario reads a kernel file and mmscope's view with one cat
 * into a FIFO that nobody drains until the cat is done, so that the read
 * writes no page-cache page; a pipe of 16 buffers holds too little for
 * the files of a two-node guest.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	long want;
	int fd, got;

	if (argc != 3) {
		fprintf(stderr, "usage: pipesz FIFO BYTES\n");
		return 2;
	}
	want = strtol(argv[2], &end, 0);
	if (*end || want <= 0) {
		fprintf(stderr, "pipesz: %s: not a size\n", argv[2]);
		return 2;
	}
	/* O_RDWR: opening a FIFO so never blocks for the other end. */
	fd = open(argv[1], O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	got = fcntl(fd, F_SETPIPE_SZ, (int)want);
	if (got < 0) {
		perror("F_SETPIPE_SZ");
		return 1;
	}
	printf("%d\n", got);
	close(fd);
	return 0;
}
