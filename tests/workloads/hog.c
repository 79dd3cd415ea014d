// SPDX-License-Identifier: GPL-2.0
/*
 * hog MiB [--touch-forever | --hold | --then-write FILE] [--thp] [--mlock]
 *     [--node N] [--pageout MiB]
 *
 * Map MiB of anonymous memory and write every page, to push the guest into
 * kswapd and direct reclaim and, past what RAM and swap hold, an OOM kill.
 * Memory is mapped in 16 MiB chunks with MAP_NORESERVE so that heuristic
 * overcommit never refuses the request up front: the point is to fault
 * the pages in, not to be turned away by mmap().
 *
 * Each page gets a distinct word so that zram cannot store it as a
 * same-filled page, yet it still compresses well.
 *
 *   --touch-forever  after the first pass, keep rewriting every page
 *   --hold           after the first pass, sleep until killed
 *   --then-write FILE  after the first pass, rewrite FILE's first page
 *                    once a second, forever: on a frozen filesystem the
 *                    write blocks in uninterruptible sleep, where even
 *                    SIGKILL cannot end the task (OOM reaper tests)
 *   --thp            madvise(MADV_HUGEPAGE): faults ask for huge pages,
 *                    which drives compaction
 *   --mlock          mlockall(MCL_CURRENT | MCL_FUTURE) first: reclaim
 *                    cannot take any of its pages, so its resident size
 *                    stays what it was once allocated (OOM tests that
 *                    compare a task's badness before and at the kill)
 *   --node N         mbind(MPOL_BIND) every chunk to NUMA node N: its pages
 *                    come from node N alone, so reclaim and the OOM killer
 *                    act on that node (NUMA scenarios)
 *   --pageout MiB    after the first pass, madvise(MADV_PAGEOUT) the first
 *                    MiB: reclaim writes those pages out to swap now, so
 *                    that the task holds swap entries for certain (OOM
 *                    tests of badness with swap)
 *
 * Progress goes to stdout with write(2), unbuffered, so that the last line
 * before an OOM kill is not lost in a stdio buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CHUNK_MIB	16UL
#define MIB		(1UL << 20)
#define REPORT_MIB	64UL
#define HOG_MPOL_BIND	2	/* MPOL_BIND of <linux/mempolicy.h> */
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21	/* <linux/mman.h>, Linux 5.4 */
#endif

/* MiB in chunk @i of @n for @mib in all: the last one holds what is left. */
static unsigned long chunk_mib(unsigned long i, unsigned long n, unsigned long mib)
{
	return i == n - 1 && mib % CHUNK_MIB ? mib % CHUNK_MIB : CHUNK_MIB;
}

static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		(void)!write(STDOUT_FILENO, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static void usage(void)
{
	say("usage: hog MiB [--touch-forever | --hold | --then-write FILE] [--thp] [--mlock] [--node N] [--pageout MiB]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long mib, nchunks, done = 0, pass = 0, i, off, pageout = 0;
	long page = sysconf(_SC_PAGESIZE);
	int touch_forever = 0, hold = 0, thp = 0, lock = 0;
	long node = -1;
	char **chunk, *end, *write_file = NULL;
	pid_t pid = getpid();

	if (argc < 2)
		usage();
	mib = strtoul(argv[1], &end, 10);
	if (*end || !mib)
		usage();
	for (i = 2; i < (unsigned long)argc; i++) {
		if (!strcmp(argv[i], "--touch-forever"))
			touch_forever = 1;
		else if (!strcmp(argv[i], "--hold"))
			hold = 1;
		else if (!strcmp(argv[i], "--thp"))
			thp = 1;
		else if (!strcmp(argv[i], "--mlock"))
			lock = 1;
		else if (!strcmp(argv[i], "--then-write") && i + 1 < (unsigned long)argc)
			write_file = argv[++i];
		else if (!strcmp(argv[i], "--pageout") && i + 1 < (unsigned long)argc)
			pageout = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--node") && i + 1 < (unsigned long)argc) {
			node = strtol(argv[++i], &end, 10);
			if (*end || node < 0 || node >= 64)
				usage();
		}
		else
			usage();
	}

	if (lock && mlockall(MCL_CURRENT | MCL_FUTURE)) {
		say("hog: %d: mlockall: %s\n", pid, strerror(errno));
		return 1;
	}
	nchunks = (mib + CHUNK_MIB - 1) / CHUNK_MIB;
	chunk = calloc(nchunks, sizeof(*chunk));
	if (!chunk) {
		say("hog: %d: out of memory for the chunk table\n", pid);
		return 1;
	}

	say("hog: %d allocating %lu MiB\n", pid, mib);
	for (i = 0; i < nchunks; i++) {
		unsigned long len = chunk_mib(i, nchunks, mib) * MIB;

		chunk[i] = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (chunk[i] == MAP_FAILED) {
			say("hog: %d mmap failed after %lu MiB: %s\n", pid, done, strerror(errno));
			return 1;
		}
		if (thp)
			madvise(chunk[i], len, MADV_HUGEPAGE);
		if (node >= 0) {
			unsigned long mask = 1UL << node;

			if (syscall(SYS_mbind, chunk[i], len, HOG_MPOL_BIND, &mask,
				    sizeof(mask) * 8, 0)) {
				say("hog: %d: mbind to node %ld: %s\n", pid, node, strerror(errno));
				return 1;
			}
		}
		for (off = 0; off < len; off += page)
			*(unsigned long *)(chunk[i] + off) = (i * CHUNK_MIB * MIB + off) ^ pid;
		done += len / MIB;
		if (done % REPORT_MIB == 0 || done == mib)
			say("hog: %d allocated %lu MiB\n", pid, done);
	}

	for (i = 0; i < nchunks && pageout; i++) {
		unsigned long cm = chunk_mib(i, nchunks, mib);
		unsigned long len = (pageout < cm ? pageout : cm) * MIB;

		if (madvise(chunk[i], len, MADV_PAGEOUT)) {
			say("hog: %d: madvise(MADV_PAGEOUT): %s\n", pid, strerror(errno));
			return 1;
		}
		pageout -= len / MIB;
	}
	if (write_file) {
		int fd = open(write_file, O_WRONLY | O_CREAT, 0600);

		if (fd < 0) {
			say("hog: %d: %s: %s\n", pid, write_file, strerror(errno));
			return 1;
		}
		say("hog: %d holding %lu MiB, writing %s\n", pid, mib, write_file);
		for (;;) {
			if (pwrite(fd, chunk[0], (size_t)page, 0) < 0)
				say("hog: %d: write: %s\n", pid, strerror(errno));
			sleep(1);
		}
	}
	if (hold) {
		say("hog: %d holding %lu MiB\n", pid, mib);
		for (;;)
			pause();
	}
	while (touch_forever) {
		pass++;
		for (i = 0; i < nchunks; i++) {
			unsigned long len = chunk_mib(i, nchunks, mib) * MIB;

			for (off = 0; off < len; off += page)
				*(unsigned long *)(chunk[i] + off) += 1;
		}
		if ((pass & (pass - 1)) == 0)
			say("hog: %d touched %lu MiB, pass %lu\n", pid, mib, pass);
	}
	say("hog: %d done\n", pid);
	return 0;
}
