// SPDX-License-Identifier: GPL-2.0
/*
 * fragment FILE ANON_MIB FILE_MIB THP_MIB [HOLD]
 *
 * Fragment physical memory, then ask for huge pages:
 *
 * 1. Interleave long-lived anonymous pages with page-cache pages of FILE:
 *    touch one anonymous page, write one page of FILE, and so on, until
 *    ANON_MIB and FILE_MIB are in memory, so that consecutive page frames
 *    alternate between the two.
 * 2. Free every other anonymous page (MADV_DONTNEED): free memory is now
 *    order-0 holes between pages that stay, which only compaction can
 *    merge back into high-order blocks.
 * 3. Fault THP_MIB of anonymous memory marked MADV_HUGEPAGE, one touch per
 *    2 MiB: each fault asks the allocator for an order-9 page, which with
 *    transparent_hugepage/defrag=always enters direct compaction and with
 *    defer wakes kswapd and kcompactd.
 * 4. With HOLD, print "holding" and keep everything until stdin closes or
 *    a signal ends the program, so that the caller can compact the
 *    fragmented memory (compact_memory, compaction_proactiveness).
 *
 * Prints how many of the huge-page faults got a huge page.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE	4096UL
#define HPAGE	(2UL << 20)

static unsigned long arg_mib(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*end) {
		fprintf(stderr, "fragment: bad size '%s'\n", s);
		exit(2);
	}
	return v << 20;
}

/* KiB of this process's anonymous memory in huge pages (smaps_rollup). */
static unsigned long anon_huge_kib(void)
{
	char line[256];
	unsigned long kib = 0;
	FILE *f = fopen("/proc/self/smaps_rollup", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %lu kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

int main(int argc, char **argv)
{
	static char page[PAGE];
	unsigned long anon, file, thp, i, n, nf, off;
	char *a, *h, *hp;
	int fd;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: fragment FILE ANON_MIB FILE_MIB THP_MIB [hold]\n");
		return 2;
	}
	anon = arg_mib(argv[2]);
	file = arg_mib(argv[3]);
	thp = arg_mib(argv[4]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		fprintf(stderr, "fragment: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	a = mmap(NULL, anon ? anon : PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED) {
		perror("fragment: mmap");
		return 1;
	}
	/* Small pages only here: the holes must be order 0. */
	madvise(a, anon ? anon : PAGE, MADV_NOHUGEPAGE);

	/* 1. Interleave anonymous and page-cache pages. */
	n = anon / PAGE;
	nf = file / PAGE;
	memset(page, 0x5a, sizeof(page));
	for (i = 0, off = 0; i < n || off < nf * PAGE; i++) {
		if (i < n)
			a[i * PAGE] = 1;
		if (off < nf * PAGE) {
			if (pwrite(fd, page, PAGE, off) != (ssize_t)PAGE) {
				perror("fragment: pwrite");
				return 1;
			}
			off += PAGE;
		}
	}

	/* 2. Punch order-0 holes between the pages that stay. */
	for (i = 1; i < n; i += 2)
		madvise(a + i * PAGE, PAGE, MADV_DONTNEED);
	printf("fragmented: %lu anonymous pages kept, %lu freed, %lu file pages\n",
	       (n + 1) / 2, n / 2, nf);

	/* 3. Order-9 requests through THP faults. */
	if (thp) {
		h = mmap(NULL, thp + HPAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (h == MAP_FAILED) {
			perror("fragment: mmap");
			return 1;
		}
		hp = (char *)(((unsigned long)h + HPAGE - 1) & ~(HPAGE - 1));
		if (madvise(hp, thp, MADV_HUGEPAGE))
			perror("fragment: MADV_HUGEPAGE");
		for (off = 0; off < thp; off += HPAGE)
			hp[off] = 1;
		printf("huge pages: %lu of %lu faults\n",
		       anon_huge_kib() / (HPAGE >> 10), thp / HPAGE);
	}

	/* 4. Keep it all while the caller compacts. */
	if (argc == 6) {
		printf("holding\n");
		while (read(0, page, sizeof(page)) > 0)
			;
		pause();
	}
	return 0;
}
