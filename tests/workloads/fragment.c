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
 *    PMD (2 MiB with 4k pages, 32 MiB with 16k): each fault asks the
 *    allocator for a PMD-order page (order 9 with 4k pages), which with
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

/* The page size, and the size of a PMD-mapped huge page. */
static unsigned long page_size, hpage_size;

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

/* transparent_hugepage's PMD size, or 512 pages without THP. */
static unsigned long pmd_size(void)
{
	unsigned long v = 0;
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "r");

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v ? v : 512 * page_size;
}

int main(int argc, char **argv)
{
	char *page;
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
	page_size = sysconf(_SC_PAGESIZE);
	hpage_size = pmd_size();
	page = malloc(page_size);
	if (!page) {
		perror("fragment: malloc");
		return 1;
	}

	fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		fprintf(stderr, "fragment: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	a = mmap(NULL, anon ? anon : page_size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED) {
		perror("fragment: mmap");
		return 1;
	}
	/* Small pages only here: the holes must be order 0. */
	madvise(a, anon ? anon : page_size, MADV_NOHUGEPAGE);

	/* 1. Interleave anonymous and page-cache pages. */
	n = anon / page_size;
	nf = file / page_size;
	memset(page, 0x5a, page_size);
	for (i = 0, off = 0; i < n || off < nf * page_size; i++) {
		if (i < n)
			a[i * page_size] = 1;
		if (off < nf * page_size) {
			if (pwrite(fd, page, page_size, off) != (ssize_t)page_size) {
				perror("fragment: pwrite");
				return 1;
			}
			off += page_size;
		}
	}

	/* 2. Punch order-0 holes between the pages that stay. */
	for (i = 1; i < n; i += 2)
		madvise(a + i * page_size, page_size, MADV_DONTNEED);
	printf("fragmented: %lu anonymous pages kept, %lu freed, %lu file pages\n",
	       (n + 1) / 2, n / 2, nf);

	/* 3. PMD-order requests through THP faults. */
	if (thp) {
		h = mmap(NULL, thp + hpage_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (h == MAP_FAILED) {
			perror("fragment: mmap");
			return 1;
		}
		hp = (char *)(((unsigned long)h + hpage_size - 1) & ~(hpage_size - 1));
		if (madvise(hp, thp, MADV_HUGEPAGE))
			perror("fragment: MADV_HUGEPAGE");
		for (off = 0; off < thp; off += hpage_size)
			hp[off] = 1;
		printf("huge pages: %lu of %lu faults\n",
		       anon_huge_kib() / (hpage_size >> 10), thp / hpage_size);
	}

	/* 4. Keep it all while the caller compacts. */
	if (argc == 6) {
		printf("holding\n");
		while (read(0, page, page_size) > 0)
			;
		pause();
	}
	return 0;
}
