// SPDX-License-Identifier: GPL-2.0
/*
 * mmsread: the guest tests' client of /dev/mmscope, built on
 * <linux/mmscope.h> alone.
 *
 *   mmsread ctl CMD...      run ioctls in order: stop, start, reset,
 *                           mask M (all, default, a number or type
 *                           names, joined by commas), mode discard|overwrite,
 *                           resize N
 *   mmsread config          the configuration, "name value" lines
 *   mmsread stats           per-CPU accounting, and whether
 *                           produced = delivered + lost + pending holds
 *   mmsread drain [-S F]    read with O_NONBLOCK until EAGAIN, then print
 *                           per-type counts and the seq gaps per CPU
 *   mmsread follow [-p] [-S F] [-d US] [-b BYTES]
 *                           blocking reads until SIGTERM, then drain; -p
 *                           waits in poll() and reads with O_NONBLOCK
 *                           instead; -d sleeps US between reads (a
 *                           deliberately slow reader), -b reads BYTES at
 *                           a time; -S writes "cpu seq" per record to F
 *   mmsread parse FILE [TIMES]
 *                           the same counts for a file of records; with
 *                           TIMES, write "type cpu pid ts_ns duration_ns"
 *                           there per record (duration_ns of the reclaim
 *                           ENDs, COMPACT_STALL and COMPACT_END, run_ns
 *                           of KSWAPD_SLEEP, else -)
 *   mmsread eagain          one O_NONBLOCK read, which must fail EAGAIN
 *   mmsread errors          every bad ioctl and mmap gets its errno
 *   mmsread caps            opens without CAP_PERFMON/CAP_SYS_ADMIN, and
 *                           as an unprivileged user, are refused
 *   mmsread mmap [TRIGGER]  map CPU 0's ring, write 1 to TRIGGER pinned
 *                           to CPU 0, and show the ring and CPU 0's stats
 *   mmsread privacy DIR     nobody can open any file under DIR
 *   mmsread bigread         one read() returns at most MMSCOPE_READ_MAX
 *   mmsread race N          poll() and a blocked read() while another
 *                           thread stops, resizes and restarts N times
 *   mmsread fuzz N SEED [DIR]
 *                           N seeded random operations on several fds
 *                           (ioctls of any number and argument, reads of
 *                           any length and buffer, mmap/munmap/mremap,
 *                           fork with mappings held, reopen, pread,
 *                           lseek, poll; with DIR, preads of its files
 *                           at random offsets): prints counts per
 *                           operation and errno, and "unexpected N", the
 *                           errors no documentation allows (must be 0);
 *                           MMSCOPE_FUZZ_DROP=ERRNO forbids one errno
 *   mmsread multi SECONDS THREADS [SEED]
 *                           threads with their own fds race resize,
 *                           reset, stop/start, mask, mode, poll, blocking
 *                           reads, mmap/mremap/munmap and CPU stats
 *   mmsread failnth N KO [PARAMS]
 *                           load KO with its N-th fault-capable call
 *                           failing (/proc/thread-self/fail-nth)
 *
 * Results are "name value" lines on stdout; exit status 0 on success.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>

#include <linux/mmscope.h>

#include "../../tools/rec_names.h"

#define MAX_CPUS	256

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static int open_dev(int flags)
{
	int fd = open(MMSCOPE_DEV, O_RDONLY | flags);

	if (fd < 0) {
		fprintf(stderr, "mmsread: open %s: %s\n", MMSCOPE_DEV,
			strerror(errno));
		exit(2);
	}
	return fd;
}

static void die_errno(const char *what)
{
	fprintf(stderr, "mmsread: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void xioctl(int fd, unsigned long cmd, void *arg, const char *what)
{
	if (ioctl(fd, cmd, arg))
		die_errno(what);
}

/* ---- reading records ---- */

struct tally {
	uint64_t types[MMSCOPE_REC_NR];
	uint64_t unknown, records, bytes, bad;
	uint64_t next_seq[MAX_CPUS];
	uint64_t seen[MAX_CPUS];
	uint64_t gaps[MAX_CPUS];
	uint64_t episodes_oom, episodes_recovered;
	FILE *seqs;
	FILE *times;
};

/* One "type cpu pid ts_ns duration_ns" line for parse's TIMES file. */
static void tally_time(FILE *f, const struct mmscope_rec_header *h)
{
	const void *p = h + 1;
	uint64_t dur;
	int timed = 1;

	switch (h->type) {
	case MMSCOPE_REC_DIRECT_RECLAIM_END:
	case MMSCOPE_REC_MEMCG_RECLAIM_END:
	case MMSCOPE_REC_MEMCG_SOFTLIMIT_END:
	case MMSCOPE_REC_NODE_RECLAIM_END:
		dur = ((const struct mmscope_rec_reclaim *)p)->duration_ns;
		break;
	case MMSCOPE_REC_COMPACT_STALL:
		dur = ((const struct mmscope_rec_compact_stall *)p)->duration_ns;
		break;
	case MMSCOPE_REC_COMPACT_END:
		dur = ((const struct mmscope_rec_compact_run *)p)->duration_ns;
		break;
	case MMSCOPE_REC_KSWAPD_SLEEP:
		dur = ((const struct mmscope_rec_kswapd *)p)->run_ns;
		break;
	default:
		timed = 0;
	}
	fprintf(f, "%s %u %d %" PRIu64, mms_rec_names[h->type], h->cpu,
		h->pid, (uint64_t)h->ts_ns);
	if (timed)
		fprintf(f, " %" PRIu64 "\n", dur);
	else
		fprintf(f, " -\n");
}

static void tally_record(struct tally *t, const struct mmscope_rec_header *h)
{
	unsigned int cpu = h->cpu;

	t->records++;
	t->bytes += h->size;
	if (h->type < MMSCOPE_REC_NR && mms_rec_names[h->type])
		t->types[h->type]++;
	else
		t->unknown++;
	if (cpu >= MAX_CPUS) {
		t->bad++;
		return;
	}
	/* Records of one CPU come in seq order; a jump is records lost. */
	if (t->seen[cpu] && h->seq < t->next_seq[cpu])
		t->bad++;
	else
		t->gaps[cpu] += h->seq - t->next_seq[cpu];
	t->seen[cpu]++;
	t->next_seq[cpu] = h->seq + 1;
	if (h->type == MMSCOPE_REC_EPISODE) {
		const struct mmscope_rec_episode *e = (const void *)(h + 1);

		if (e->outcome == MMSCOPE_EPISODE_OOM)
			t->episodes_oom++;
		else
			t->episodes_recovered++;
		printf("episode outcome %u duration_ns %" PRIu64
		       " stalls %u retries %u wakeups %u kswapd_runs %u tasks %u top_pid %d top_comm %.16s top_stall_ns %"
		       PRIu64 " oom_victim %d\n",
		       e->outcome, (uint64_t)e->duration_ns, e->nr_direct_stalls,
		       e->nr_retries, e->nr_wakeup_kswapd, e->nr_kswapd_runs,
		       e->nr_tasks, e->tasks[0].pid, e->tasks[0].comm,
		       (uint64_t)e->tasks[0].stall_ns, e->oom_victim_pid);
		printf("episode_totals kswapd_wakes %u compact_stalls %u kswapd_run_ns %" PRIu64
		       " direct_stall_ns %" PRIu64 " compact_stall_ns %" PRIu64 "\n",
		       e->nr_kswapd_wakes, e->nr_compact_stalls,
		       (uint64_t)e->kswapd_run_ns, (uint64_t)e->direct_stall_ns,
		       (uint64_t)e->compact_stall_ns);
	}
	if (t->seqs)
		fprintf(t->seqs, "%u %" PRIu64 "\n", cpu, (uint64_t)h->seq);
	if (t->times && h->type < MMSCOPE_REC_NR && mms_rec_names[h->type])
		tally_time(t->times, h);
}

/* Check and count the records of one read(); return 0 if all were whole. */
static int tally_buffer(struct tally *t, const char *buf, ssize_t n)
{
	ssize_t off = 0;

	while (off < n) {
		const struct mmscope_rec_header *h = (const void *)(buf + off);

		if (n - off < (ssize_t)sizeof(*h) || h->size < sizeof(*h) ||
		    h->size % 8 || h->size > n - off) {
			t->bad++;
			return -1;
		}
		tally_record(t, h);
		off += h->size;
	}
	return 0;
}

static void tally_print(const struct tally *t)
{
	unsigned int i;

	for (i = 0; i < MMSCOPE_REC_NR; i++)
		if (mms_rec_names[i])
			printf("type %s %" PRIu64 "\n", mms_rec_names[i], t->types[i]);
	for (i = 0; i < MAX_CPUS; i++)
		if (t->seen[i])
			printf("cpu %u read %" PRIu64 " gaps %" PRIu64
			       " next_seq %" PRIu64 "\n", i, t->seen[i],
			       t->gaps[i], t->next_seq[i]);
	printf("records %" PRIu64 "\nbytes %" PRIu64 "\nunknown %" PRIu64
	       "\nbad %" PRIu64 "\nepisodes_oom %" PRIu64
	       "\nepisodes_recovered %" PRIu64 "\n", t->records, t->bytes,
	       t->unknown, t->bad, t->episodes_oom, t->episodes_recovered);
}

/* Read until EAGAIN; return -1 on any other error. */
static int drain(int fd, struct tally *t, char *buf, size_t len)
{
	ssize_t n;

	for (;;) {
		n = read(fd, buf, len);
		if (n < 0)
			return errno == EAGAIN ? 0 : -1;
		if (n == 0) {
			fprintf(stderr, "mmsread: read returned 0\n");
			return -1;
		}
		tally_buffer(t, buf, n);
	}
}

static int cmd_read(int argc, char **argv, int follow)
{
	size_t len = 1 << 16;
	struct tally t = { 0 };
	struct sigaction sa;
	long delay_us = 0;
	int fd, opt, fl, use_poll = 0;
	char *buf;

	while ((opt = getopt(argc, argv, "S:d:b:p")) != -1) {
		switch (opt) {
		case 'p':
			use_poll = 1;
			break;
		case 'S':
			t.seqs = fopen(optarg, "w");
			if (!t.seqs)
				die_errno(optarg);
			break;
		case 'd':
			delay_us = strtol(optarg, NULL, 0);
			break;
		case 'b':
			len = strtoul(optarg, NULL, 0);
			break;
		default:
			return 2;
		}
	}
	buf = malloc(len);
	if (!buf)
		die_errno("malloc");
	/* No SA_RESTART: a blocked read() must return EINTR on SIGTERM. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fd = open_dev(follow && use_poll ? O_NONBLOCK : follow ? 0 : O_NONBLOCK);
	if (follow) {
		/* The shell waits for this line before it starts a workload. */
		printf("following\n");
		fflush(stdout);
	}
	while (follow && !stopping) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (use_poll && poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die_errno("poll");
		}
		n = read(fd, buf, len);
		if (n < 0) {
			/* EAGAIN: another reader was faster. */
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die_errno("read");
		}
		tally_buffer(&t, buf, n);
		if (delay_us)
			usleep(delay_us);
	}
	fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	if (drain(fd, &t, buf, len))
		die_errno("read");
	tally_print(&t);
	if (t.seqs)
		fclose(t.seqs);
	return t.bad ? 1 : 0;
}

/* Tally a file of records, as `cat /dev/mmscope` wrote it. */
static int cmd_parse(const char *path, const char *times)
{
	struct tally t = { 0 };
	size_t cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || !buf)
		die_errno(path);
	while ((n = read(fd, buf + len, cap - len)) > 0) {
		len += n;
		if (len == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				die_errno("realloc");
		}
	}
	if (times) {
		t.times = fopen(times, "w");
		if (!t.times)
			die_errno(times);
	}
	if (tally_buffer(&t, buf, len))
		printf("torn %zu bytes\n", len);
	tally_print(&t);
	if (t.times && fclose(t.times))
		die_errno(times);
	return t.bad ? 1 : 0;
}

/* ---- control ---- */

/* "all", "default", a number, or type names, joined by commas. */
static uint64_t parse_mask(const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	uint64_t mask = 0;
	unsigned int i;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "all")) {
			mask |= MMSCOPE_MASK_ALL;
			continue;
		}
		if (!strcmp(tok, "default")) {
			mask |= MMSCOPE_MASK_DEFAULT;
			continue;
		}
		for (i = 0; i < MMSCOPE_REC_NR; i++)
			if (mms_rec_names[i] && !strcmp(tok, mms_rec_names[i]))
				break;
		if (i < MMSCOPE_REC_NR)
			mask |= MMSCOPE_REC_BIT(i);
		else
			mask |= strtoull(tok, NULL, 0);
	}
	free(copy);
	return mask;
}

static int cmd_ctl(int argc, char **argv)
{
	int fd = open_dev(0), i;

	for (i = 1; i < argc; i++) {
		const char *c = argv[i];
		const char *a = i + 1 < argc ? argv[i + 1] : NULL;
		uint64_t mask;
		uint32_t v;

		if (!strcmp(c, "stop")) {
			xioctl(fd, MMSCOPE_IOC_STOP, NULL, c);
		} else if (!strcmp(c, "start")) {
			xioctl(fd, MMSCOPE_IOC_START, NULL, c);
		} else if (!strcmp(c, "reset")) {
			xioctl(fd, MMSCOPE_IOC_RESET, NULL, c);
		} else if (!strcmp(c, "mask") && a) {
			mask = parse_mask(a);
			xioctl(fd, MMSCOPE_IOC_SET_MASK, &mask, c);
			i++;
		} else if (!strcmp(c, "mode") && a) {
			v = !strcmp(a, "overwrite") ? MMSCOPE_MODE_OVERWRITE :
			    MMSCOPE_MODE_DISCARD;
			xioctl(fd, MMSCOPE_IOC_SET_MODE, &v, c);
			i++;
		} else if (!strcmp(c, "resize") && a) {
			v = strtoul(a, NULL, 0);
			xioctl(fd, MMSCOPE_IOC_RESIZE, &v, c);
			i++;
		} else {
			fprintf(stderr, "mmsread: bad ctl command %s\n", c);
			return 2;
		}
	}
	return 0;
}

static int cmd_config(void)
{
	struct mmscope_version v;
	struct mmscope_config c;
	int fd = open_dev(0);

	xioctl(fd, MMSCOPE_IOC_VERSION, &v, "version");
	xioctl(fd, MMSCOPE_IOC_GET_CONFIG, &c, "config");
	printf("abi %u.%u\nheader_size %u\nslot_size %u\n", v.major, v.minor,
	       v.header_size, v.slot_size);
	printf("mask 0x%" PRIx64 "\nknown_mask 0x%" PRIx64
	       "\ndefault_mask 0x%" PRIx64 "\nmode %u\nrunning %u\nnr_slots %u\nnr_cpu_ids %u\nmmap_size %u\n",
	       (uint64_t)c.mask, (uint64_t)c.known_mask,
	       (uint64_t)c.default_mask, c.mode, c.running, c.nr_slots,
	       c.nr_cpu_ids, c.mmap_size);
	return 0;
}

static int cmd_stats(void)
{
	struct mmscope_cpu_stats tot = { 0 };
	struct mmscope_config c;
	int fd = open_dev(0), broken = 0;
	unsigned int cpu;

	xioctl(fd, MMSCOPE_IOC_GET_CONFIG, &c, "config");
	for (cpu = 0; cpu < c.nr_cpu_ids; cpu++) {
		struct mmscope_cpu_stats s = { .cpu = cpu };

		if (ioctl(fd, MMSCOPE_IOC_CPU_STATS, &s)) {
			if (errno == EINVAL)	/* not a possible CPU */
				continue;
			die_errno("cpu stats");
		}
		printf("cpu %u produced %" PRIu64 " delivered %" PRIu64
		       " lost %" PRIu64 " discarded %" PRIu64
		       " overwritten %" PRIu64 " pending %" PRIu64 "\n", cpu,
		       (uint64_t)s.produced, (uint64_t)s.delivered,
		       (uint64_t)s.lost, (uint64_t)s.discarded,
		       (uint64_t)s.overwritten, (uint64_t)s.pending);
		if (s.produced != s.delivered + s.lost + s.pending ||
		    s.lost != s.discarded + s.overwritten)
			broken = 1;
		tot.produced += s.produced;
		tot.delivered += s.delivered;
		tot.lost += s.lost;
		tot.discarded += s.discarded;
		tot.overwritten += s.overwritten;
		tot.pending += s.pending;
	}
	printf("produced %" PRIu64 "\ndelivered %" PRIu64 "\nlost %" PRIu64
	       "\ndiscarded %" PRIu64 "\noverwritten %" PRIu64
	       "\npending %" PRIu64 "\nidentity %s\n", (uint64_t)tot.produced,
	       (uint64_t)tot.delivered, (uint64_t)tot.lost,
	       (uint64_t)tot.discarded, (uint64_t)tot.overwritten,
	       (uint64_t)tot.pending, broken ? "broken" : "exact");
	return broken;
}

static int cmd_eagain(void)
{
	int fd = open_dev(O_NONBLOCK);
	char buf[MMSCOPE_SLOT_SIZE];
	ssize_t n = read(fd, buf, sizeof(buf));

	printf("read %zd errno %s\n", n, n < 0 ? strerror(errno) : "-");
	return n < 0 && errno == EAGAIN ? 0 : 1;
}

/* ---- bad input ---- */

static int failures;
/* An address no process maps, hidden from the compiler. */
static volatile uintptr_t bad_ptr = 8;

static void expect(const char *name, int ret, int want)
{
	int got = ret < 0 ? errno : 0;

	if (got == want) {
		printf("ok %s %s\n", name, want ? strerror(want) : "0");
	} else {
		printf("FAIL %s: got %s, want %s\n", name,
		       got ? strerror(got) : "success",
		       want ? strerror(want) : "success");
		failures++;
	}
}

/* Records pending over every CPU. */
static uint64_t pending(int fd)
{
	struct mmscope_config c;
	uint64_t sum = 0;
	unsigned int cpu;

	xioctl(fd, MMSCOPE_IOC_GET_CONFIG, &c, "config");
	for (cpu = 0; cpu < c.nr_cpu_ids; cpu++) {
		struct mmscope_cpu_stats s = { .cpu = cpu };

		if (!ioctl(fd, MMSCOPE_IOC_CPU_STATS, &s))
			sum += s.pending;
	}
	return sum;
}

static int cmd_errors(void)
{
	int fd = open_dev(0);
	struct mmscope_cpu_stats s = { 0 };
	struct mmscope_config c;
	uint64_t mask;
	uint32_t v;
	char buf[8];
	void *p;

	xioctl(fd, MMSCOPE_IOC_GET_CONFIG, &c, "config");
	expect("unknown-command", ioctl(fd, _IO(MMSCOPE_IOC_MAGIC, 0x7f)), ENOTTY);
	expect("foreign-magic", ioctl(fd, _IO('T', 0x01)), ENOTTY);
	expect("wrong-size", ioctl(fd, _IOR(MMSCOPE_IOC_MAGIC, 0x01, uint32_t), &v),
	       ENOTTY);
	expect("wrong-direction", ioctl(fd, _IOW(MMSCOPE_IOC_MAGIC, 0x00,
					       struct mmscope_version), &c), ENOTTY);
	expect("bad-pointer-version", ioctl(fd, MMSCOPE_IOC_VERSION, (void *)8), EFAULT);
	expect("bad-pointer-config", ioctl(fd, MMSCOPE_IOC_GET_CONFIG, NULL), EFAULT);
	expect("bad-pointer-mask", ioctl(fd, MMSCOPE_IOC_SET_MASK, (void *)8), EFAULT);
	expect("bad-pointer-mode", ioctl(fd, MMSCOPE_IOC_SET_MODE, NULL), EFAULT);
	expect("bad-pointer-resize", ioctl(fd, MMSCOPE_IOC_RESIZE, NULL), EFAULT);
	expect("bad-pointer-stats", ioctl(fd, MMSCOPE_IOC_CPU_STATS, NULL), EFAULT);
	mask = MMSCOPE_REC_BIT(MMSCOPE_REC_NR);
	expect("mask-unknown-type", ioctl(fd, MMSCOPE_IOC_SET_MASK, &mask), EINVAL);
	mask = MMSCOPE_REC_BIT(MMSCOPE_REC_NONE);
	expect("mask-type-none", ioctl(fd, MMSCOPE_IOC_SET_MASK, &mask), EINVAL);
	v = 2;
	expect("mode-out-of-range", ioctl(fd, MMSCOPE_IOC_SET_MODE, &v), EINVAL);
	v = 1000;
	expect("resize-not-power-of-two", ioctl(fd, MMSCOPE_IOC_RESIZE, &v), EINVAL);
	v = MMSCOPE_MIN_SLOTS / 2;
	expect("resize-too-small", ioctl(fd, MMSCOPE_IOC_RESIZE, &v), EINVAL);
	v = MMSCOPE_MAX_SLOTS * 2;
	expect("resize-too-large", ioctl(fd, MMSCOPE_IOC_RESIZE, &v), EINVAL);
	v = c.nr_slots;
	if (c.running) {
		expect("resize-while-running", ioctl(fd, MMSCOPE_IOC_RESIZE, &v), EBUSY);
	} else {
		/* Stopped, but a ring is mapped: its memory must stay. */
		p = mmap(NULL, c.mmap_size, PROT_READ, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			die_errno("mmap");
		expect("resize-while-mapped", ioctl(fd, MMSCOPE_IOC_RESIZE, &v), EBUSY);
		munmap(p, c.mmap_size);
	}
	s.cpu = c.nr_cpu_ids;
	expect("stats-cpu-out-of-range", ioctl(fd, MMSCOPE_IOC_CPU_STATS, &s), EINVAL);
	s.cpu = 0;
	s.pad = 1;
	expect("stats-nonzero-padding", ioctl(fd, MMSCOPE_IOC_CPU_STATS, &s), EINVAL);
	/* The configuration is unchanged by all of that. */
	{
		struct mmscope_config after;

		xioctl(fd, MMSCOPE_IOC_GET_CONFIG, &after, "config");
		expect("config-unchanged", memcmp(&c, &after, sizeof(c)) ? -1 : 0, 0);
	}
	/* read(): a bad buffer or a short one loses nothing. */
	if (pending(fd)) {
		uint64_t before = pending(fd);
		int rfd = open_dev(O_NONBLOCK);

		expect("read-bad-pointer", read(rfd, (void *)(uintptr_t)bad_ptr, 4096) < 0 ? -1 : 0,
		       EFAULT);
		expect("read-buffer-too-small",
		       read(rfd, buf, sizeof(buf)) < 0 ? -1 : 0, EINVAL);
		expect("read-errors-lose-nothing",
		       pending(fd) >= before ? 0 : -1, 0);
		close(rfd);
	} else {
		printf("skip read-bad-pointer: nothing pending\n");
	}
	/* mmap() */
	p = mmap(NULL, c.mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	expect("mmap-shared-writable", p == MAP_FAILED ? -1 : 0, EACCES);
	p = mmap(NULL, c.mmap_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	expect("mmap-private-writable", p == MAP_FAILED ? -1 : 0, EPERM);
	/* A read-only mapping can never be made writable, even a private one. */
	p = mmap(NULL, c.mmap_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		die_errno("mmap private");
	expect("mprotect-private-writable",
	       mprotect(p, c.mmap_size, PROT_READ | PROT_WRITE), EACCES);
	munmap(p, c.mmap_size);
	/* A child does not inherit the stream: its copy faults. */
	p = mmap(NULL, c.mmap_size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die_errno("mmap shared");
	{
		pid_t pid = fork();
		int st = 0;

		if (pid == 0)
			_exit(*(volatile const char *)p == 0x5a ? 3 : 0);
		if (pid < 0 || waitpid(pid, &st, 0) < 0)
			die_errno("fork");
		errno = EFAULT;
		expect("mmap-not-inherited",
		       WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV ? -1 : 0,
		       EFAULT);
	}
	munmap(p, c.mmap_size);
	p = mmap(NULL, c.mmap_size + 4096, PROT_READ, MAP_SHARED, fd, 0);
	expect("mmap-wrong-length", p == MAP_FAILED ? -1 : 0, EINVAL);
	p = mmap(NULL, c.mmap_size, PROT_READ, MAP_SHARED, fd, 4096);
	expect("mmap-unaligned-offset", p == MAP_FAILED ? -1 : 0, EINVAL);
	p = mmap(NULL, c.mmap_size, PROT_READ, MAP_SHARED, fd,
		 (off_t)c.mmap_size * c.nr_cpu_ids);
	expect("mmap-cpu-out-of-range", p == MAP_FAILED ? -1 : 0, EINVAL);
	/* Opening for writing. */
	expect("open-for-writing", open(MMSCOPE_DEV, O_RDWR), EINVAL);
	return failures ? 1 : 0;
}

/* ---- privileges ---- */

/* Drop every capability from the effective and permitted sets. */
static int drop_caps(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2] = { { 0 } };

	return syscall(SYS_capset, &h, d);
}

static int child_open(int setuid_nobody)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (setuid_nobody ? setuid(65534) : drop_caps())
			_exit(100);
		_exit(open(MMSCOPE_DEV, O_RDONLY) < 0 ? errno : 0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int cmd_caps(void)
{
	int e = child_open(0);

	errno = e;
	expect("open-root-without-caps", e ? -1 : 0, EPERM);
	e = child_open(1);
	errno = e;
	expect("open-as-nobody", e ? -1 : 0, EACCES);
	return failures ? 1 : 0;
}

/*
 * privacy DIR: every file under DIR (one level of subdirectories deep)
 * is refused to an unprivileged user, even where the directory itself is
 * open to everyone.
 */
static char priv_paths[256][512];
static int priv_n;

/* Add DIR's files, and those of its subdirectories when DEPTH > 0. */
static void priv_collect(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	if (!d)
		die_errno(dir);
	while ((e = readdir(d)) && priv_n < 256) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR) {
			if (depth > 0)
				priv_collect(path, depth - 1);
			continue;
		}
		memcpy(priv_paths[priv_n++], path, sizeof(path));
	}
	closedir(d);
}

static int cmd_privacy(const char *dir)
{
	int i, st;
	pid_t pid;

	priv_collect(dir, 1);
	printf("files %d\n", priv_n);
	for (i = 0; i < priv_n; i++) {
		pid = fork();
		if (pid == 0) {
			if (setuid(65534))
				_exit(100);
			_exit(open(priv_paths[i], O_RDONLY) < 0 ? errno : 0);
		}
		if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
			die_errno("fork");
		errno = WEXITSTATUS(st);
		printf("%s: ", priv_paths[i]);
		expect("unprivileged-open", errno ? -1 : 0, EACCES);
	}
	return failures || !priv_n ? 1 : 0;
}

/*
 * bigread: one read() with a buffer far larger than MMSCOPE_READ_MAX
 * returns whole records, at most MMSCOPE_READ_MAX bytes of them, and no
 * fewer than a slot short of it while records are left pending.
 */
static int cmd_bigread(void)
{
	size_t len = 16 * MMSCOPE_READ_MAX;
	int fd = open_dev(O_NONBLOCK);
	uint64_t before = pending(fd), left;
	struct tally t = { 0 };
	char *buf = malloc(len);
	ssize_t n;

	if (!buf)
		die_errno("malloc");
	n = read(fd, buf, len);
	if (n < 0)
		die_errno("read");
	left = pending(fd);
	tally_buffer(&t, buf, n);
	printf("pending %" PRIu64 "\nread %zd\nrecords %" PRIu64
	       "\nleft %" PRIu64 "\nbad %" PRIu64 "\n", before, n,
	       t.records, left, t.bad);
	return n <= 0 || n > MMSCOPE_READ_MAX || t.bad ||
	       (left && n < MMSCOPE_READ_MAX - MMSCOPE_SLOT_SIZE);
}

/*
 * race ROUNDS: poll() and a blocked read() look at the rings, without the
 * stream's mutex, while another thread stops, resizes (16 and 32 slots in
 * turn) and restarts the stream ROUNDS times: no crash, and under KASAN
 * no use of a freed ring.  Ends with the stream stopped, at 32 slots.
 */
static volatile int race_done;

static void *race_poller(void *arg)
{
	struct pollfd p = { .fd = *(int *)arg, .events = POLLIN };
	unsigned long n = 0;

	while (!race_done) {
		poll(&p, 1, 0);
		n++;
	}
	return (void *)n;
}

static void *race_reader(void *arg)
{
	char buf[MMSCOPE_SLOT_SIZE * 4];
	unsigned long n = 0;

	while (!race_done)
		if (read(*(int *)arg, buf, sizeof(buf)) > 0)
			n++;
	return (void *)n;
}

static int cmd_race(int rounds)
{
	int pfd = open_dev(O_NONBLOCK), rfd = open_dev(0), cfd = open_dev(0);
	pthread_t poller, reader;
	struct sigaction sa;
	void *polls, *reads;
	uint32_t slots;
	int i;

	/* No SA_RESTART: SIGUSR1 ends the reader's blocked read() (EINTR). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGUSR1, &sa, NULL);
	if (pthread_create(&poller, NULL, race_poller, &pfd) ||
	    pthread_create(&reader, NULL, race_reader, &rfd))
		die_errno("pthread_create");
	for (i = 0; i < rounds; i++) {
		slots = i % 2 ? 32 : 16;
		xioctl(cfd, MMSCOPE_IOC_STOP, NULL, "stop");
		xioctl(cfd, MMSCOPE_IOC_RESIZE, &slots, "resize");
		xioctl(cfd, MMSCOPE_IOC_START, NULL, "start");
	}
	race_done = 1;
	/* The blocked reader returns with the records the restarts make. */
	xioctl(cfd, MMSCOPE_IOC_STOP, NULL, "stop");
	slots = 32;
	xioctl(cfd, MMSCOPE_IOC_RESIZE, &slots, "resize");
	xioctl(cfd, MMSCOPE_IOC_START, NULL, "start");
	while (pthread_tryjoin_np(reader, &reads)) {
		/* Wake it: a record of any default type, or a signal. */
		pthread_kill(reader, SIGUSR1);
		usleep(10000);
	}
	pthread_join(poller, &polls);
	xioctl(cfd, MMSCOPE_IOC_STOP, NULL, "stop");
	printf("rounds %d\npolls %lu\nreads %lu\n", rounds,
	       (unsigned long)polls, (unsigned long)reads);
	return 0;
}

/* ---- mmap ---- */

/* CPU 0's produced and discarded records, from MMSCOPE_IOC_CPU_STATS. */
static void cpu0_stats(int fd, uint64_t *produced, uint64_t *discarded)
{
	struct mmscope_cpu_stats s = { .cpu = 0 };

	xioctl(fd, MMSCOPE_IOC_CPU_STATS, &s, "cpu stats");
	*produced = s.produced;
	*discarded = s.discarded;
}

/*
 * Map CPU 0's ring and, given @trigger, make it record while mapped: pinned
 * to CPU 0, write 1 to it (/proc/sys/vm/compact_memory: compaction runs in the
 * writer, so its compact_begin/compact_end records, of the default mask,
 * go to CPU 0's ring).  Prints CPU 0's stats around the trigger, head
 * before it (head_before), before the scan (head) and after the scan
 * (head_after), and the records the scan found committed.  A writer runs
 * with preemption disabled, so none on CPU 0 is half done while this task
 * reads head there.
 */
static int cmd_mmap(const char *trigger)
{
	int fd = open_dev(0), t;
	const struct mmscope_ring_page *rp;
	struct mmscope_config c;
	uint64_t head0, head, head2, pos, ok = 0, i, p0, d0, p1, d1;
	const char *base;
	cpu_set_t cpus;

	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		die_errno("sched_setaffinity CPU 0");
	xioctl(fd, MMSCOPE_IOC_GET_CONFIG, &c, "config");
	base = mmap(NULL, c.mmap_size, PROT_READ, MAP_SHARED, fd, 0);
	if (base == MAP_FAILED)
		die_errno("mmap");
	rp = (const void *)base;
	cpu0_stats(fd, &p0, &d0);
	head0 = __atomic_load_n(&rp->head, __ATOMIC_ACQUIRE);
	if (trigger) {
		t = open(trigger, O_WRONLY);
		if (t < 0 || write(t, "1\n", 2) != 2)
			die_errno(trigger);
		close(t);
	}
	head = __atomic_load_n(&rp->head, __ATOMIC_ACQUIRE);
	cpu0_stats(fd, &p1, &d1);
	printf("nr_slots %u\nslot_size %u\ndata_offset %u\ncpu %u\nhead_before %" PRIu64
	       "\nhead %" PRIu64 "\ntail %" PRIu64 "\n", rp->nr_slots, rp->slot_size,
	       rp->data_offset, rp->cpu, head0, head, (uint64_t)rp->tail);
	printf("produced_before %" PRIu64 "\ndiscarded_before %" PRIu64
	       "\nproduced_after %" PRIu64 "\ndiscarded_after %" PRIu64 "\n",
	       p0, d0, p1, d1);
	pos = head > rp->nr_slots ? head - rp->nr_slots : 0;
	for (i = pos; i < head; i++) {
		const struct mmscope_rec_header *h = (const void *)
			(base + rp->data_offset +
			 (i % rp->nr_slots) * rp->slot_size);
		struct mmscope_rec_header copy;
		uint64_t s1 = __atomic_load_n(&h->seq, __ATOMIC_ACQUIRE);

		memcpy(&copy, h, sizeof(copy));
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (s1 == i && __atomic_load_n(&h->seq, __ATOMIC_RELAXED) == i &&
		    copy.cpu == 0 && copy.size >= sizeof(copy))
			ok++;
	}
	head2 = __atomic_load_n(&rp->head, __ATOMIC_ACQUIRE);
	printf("head_after %" PRIu64 "\nvisible %" PRIu64 "\n", head2, ok);
	return !(rp->nr_slots == c.nr_slots && rp->slot_size == MMSCOPE_SLOT_SIZE &&
		 rp->cpu == 0);
}

/* ---- fuzz: seeded random operations, every error a documented one ---- */

/* xorshift64*: the whole run follows from the seed. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* A number in [0, n). */
static uint64_t rnd_below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

/* A set of errnos a call may legitimately fail with: a bit each. */
typedef unsigned __int128 errset;
#define EB(e)		((errset)1 << (e))

enum fz_op {
	FZ_IOCTL, FZ_READ, FZ_MMAP, FZ_MUNMAP, FZ_MREMAP, FZ_TOUCH, FZ_FORK,
	FZ_REOPEN, FZ_PREAD, FZ_LSEEK, FZ_POLL, FZ_DEBUGFS, FZ_NR
};

static const char *const fz_op_names[FZ_NR] = {
	"ioctl", "read", "mmap", "munmap", "mremap", "touch", "fork",
	"reopen", "pread", "lseek", "poll", "debugfs_read",
};

#define FZ_FDS		4
#define FZ_MAPS		8
#define FZ_DBG_FILES	256
#define FZ_BUF		(256 * 1024)

struct fz_map {
	char *addr;
	size_t len;
	int prot;
};

struct fuzz {
	int fds[FZ_FDS];
	struct fz_map maps[FZ_MAPS];
	int dbg_fds[FZ_DBG_FILES];
	char dbg_names[FZ_DBG_FILES][512];
	int nr_dbg;
	char *buf;		/* FZ_BUF bytes, a PROT_NONE page after it */
	char *unmapped;		/* a page that was mapped and is no more */
	uint64_t ops[FZ_NR], ok[FZ_NR];
	uint64_t errs[FZ_NR][256];
	uint64_t unexpected, forks_segv, reads_bytes;
	uint64_t op_index;
};

/* Check one call's outcome against the errnos it may fail with. */
static void fz_check(struct fuzz *f, enum fz_op op, long ret, int err,
		     errset allowed, const char *what)
{
	f->ops[op]++;
	if (ret >= 0) {
		f->ok[op]++;
		return;
	}
	f->errs[op][err & 255]++;
	if (err > 0 && err < 128 && (allowed & EB(err)))
		return;
	f->unexpected++;
	if (f->unexpected <= 20)
		printf("unexpected op %" PRIu64 " %s: %s: %s (%d)\n",
		       f->op_index, fz_op_names[op], what, strerror(err), err);
}

/* The ioctls of <linux/mmscope.h> and what each may fail with. */
static const struct {
	unsigned int cmd;
	errset errs;
} fz_cmds[] = {
	{ MMSCOPE_IOC_VERSION, EB(EFAULT) },
	{ MMSCOPE_IOC_GET_CONFIG, EB(EFAULT) },
	{ MMSCOPE_IOC_SET_MASK, EB(EFAULT) | EB(EINVAL) },
	{ MMSCOPE_IOC_SET_MODE, EB(EFAULT) | EB(EINVAL) },
	{ MMSCOPE_IOC_RESIZE, EB(EFAULT) | EB(EINVAL) | EB(EBUSY) | EB(ENOMEM) },
	{ MMSCOPE_IOC_START, 0 },
	{ MMSCOPE_IOC_STOP, 0 },
	{ MMSCOPE_IOC_RESET, 0 },
	{ MMSCOPE_IOC_CPU_STATS, EB(EFAULT) | EB(EINVAL) },
};
#define FZ_NR_CMDS	(sizeof(fz_cmds) / sizeof(fz_cmds[0]))

/*
 * MMSCOPE_FUZZ_DROP=ERRNO (a number) takes that errno out of every
 * allowed list: the run must then count it as unexpected (a test of the
 * test).
 */
static errset fz_drop;

/*
 * Magics whose commands the VFS answers itself, before the driver
 * (do_vfs_ioctl(): FIONBIO, FIOCLEX, FIFREEZE, FS_IOC_*, FICLONE, FIBMAP,
 * FS_IOC_GETFSUUID): never sent, they would change the fd, not test it.
 */
static int fz_vfs_magic(unsigned int m)
{
	return m == 0x00 || m == 0x15 || m == 'T' || m == 'X' || m == 'f' ||
	       m == 0x94;
}

/* A command number: mmscope's own, mangled, or another driver's. */
static unsigned int fz_cmd(errset *allowed)
{
	unsigned int cmd, i, m;

	switch (rnd_below(8)) {
	case 0: case 1: case 2:
		i = rnd_below(FZ_NR_CMDS);
		/* Stopping, resetting and resizing wait for RCU: rarer. */
		if ((fz_cmds[i].cmd == MMSCOPE_IOC_STOP ||
		     fz_cmds[i].cmd == MMSCOPE_IOC_RESET) && rnd_below(8))
			i = 1;
		cmd = fz_cmds[i].cmd;
		break;
	case 3:		/* the right number, another size or direction */
		i = rnd_below(FZ_NR_CMDS);
		cmd = _IOC(rnd_below(4), MMSCOPE_IOC_MAGIC,
			   _IOC_NR(fz_cmds[i].cmd), rnd_below(1 << 14));
		break;
	case 4:		/* any number of mmscope's magic */
		cmd = _IOC(rnd_below(4), MMSCOPE_IOC_MAGIC, rnd_below(256),
			   rnd_below(1 << 14));
		break;
	case 5: case 6:	/* another magic */
		do
			m = rnd_below(256);
		while (m == MMSCOPE_IOC_MAGIC || fz_vfs_magic(m));
		cmd = _IOC(rnd_below(4), m, rnd_below(256), rnd_below(1 << 14));
		break;
	default:	/* 32 random bits */
		do
			cmd = rnd();
		while (fz_vfs_magic(_IOC_TYPE(cmd)));
		break;
	}
	*allowed = EB(ENOTTY);
	for (i = 0; i < FZ_NR_CMDS; i++)
		if (cmd == fz_cmds[i].cmd)
			*allowed = fz_cmds[i].errs;
	return cmd;
}

/* Addresses no process can use: kernel-looking, non-canonical, tiny. */
static const uint64_t fz_bad_addrs[] = {
	0x8, 0xfff, 0x1000, 0x0000800000000000ULL, 0x8000000000000000ULL,
	0xffff888000000000ULL, 0xffffffff81000000ULL, 0xffffc90000000000ULL,
	0xffff000000000000ULL, 0xffff800080000000ULL,
	0xfffffffffffff000ULL, ~0ULL,
};

/* A held mapping, or NULL. */
static struct fz_map *fz_some_map(struct fuzz *f)
{
	unsigned int i, s = rnd_below(FZ_MAPS);

	for (i = 0; i < FZ_MAPS; i++)
		if (f->maps[(s + i) % FZ_MAPS].addr)
			return &f->maps[(s + i) % FZ_MAPS];
	return NULL;
}

/* Fill the start of the buffer with a value a command might accept. */
static void fz_plausible(struct fuzz *f, unsigned int cmd)
{
	struct mmscope_cpu_stats s = { 0 };
	uint64_t mask;
	uint32_t v;

	switch (cmd) {
	case MMSCOPE_IOC_SET_MASK:
		mask = rnd_below(4) ? rnd() & MMSCOPE_MASK_ALL :
		       rnd_below(2) ? MMSCOPE_MASK_DEFAULT : rnd();
		memcpy(f->buf, &mask, sizeof(mask));
		break;
	case MMSCOPE_IOC_SET_MODE:
		v = rnd_below(3);
		memcpy(f->buf, &v, sizeof(v));
		break;
	case MMSCOPE_IOC_RESIZE:
		/* Powers of two up to 4096 slots, or any number. */
		v = rnd_below(4) ? 1u << rnd_below(13) : (uint32_t)rnd();
		memcpy(f->buf, &v, sizeof(v));
		break;
	case MMSCOPE_IOC_CPU_STATS:
		s.cpu = rnd_below(4) ? rnd_below(4) : (uint32_t)rnd();
		s.pad = rnd_below(8) ? 0 : (uint32_t)rnd();
		memcpy(f->buf, &s, sizeof(s));
		break;
	}
}

/* An argument: a good or bad pointer, or a number. */
static void *fz_arg(struct fuzz *f, unsigned int cmd)
{
	struct fz_map *m;
	unsigned int i;

	switch (rnd_below(10)) {
	case 0: case 1:
		fz_plausible(f, cmd);
		return f->buf;
	case 2:		/* random bytes */
		for (i = 0; i < 64; i += 8)
			*(uint64_t *)(f->buf + i) = rnd();
		return f->buf;
	case 3:
		return NULL;
	case 4:
		return f->unmapped;
	case 5:
		return (void *)(uintptr_t)fz_bad_addrs[rnd_below(
			sizeof(fz_bad_addrs) / sizeof(fz_bad_addrs[0]))];
	case 6:		/* straddling the guard page after the buffer */
		return f->buf + FZ_BUF - 1 - rnd_below(48);
	case 7:		/* a read-only mapping of a ring */
		m = fz_some_map(f);
		return m ? m->addr : f->buf;
	case 8:
		return f->buf + rnd_below(4096);
	default:
		return (void *)(uintptr_t)rnd();
	}
}

static int fz_fd(struct fuzz *f)
{
	return f->fds[rnd_below(FZ_FDS)];
}

static void fz_ioctl(struct fuzz *f)
{
	errset allowed;
	unsigned int cmd = fz_cmd(&allowed);
	void *arg = fz_arg(f, cmd);
	long ret = ioctl(fz_fd(f), cmd, arg);
	char what[64];

	snprintf(what, sizeof(what), "cmd 0x%08x arg %p", cmd, arg);
	fz_check(f, FZ_IOCTL, ret, errno, allowed & ~fz_drop, what);
}

/* A length: the edges of what read() handles, and odd sizes. */
static size_t fz_len(void)
{
	static const size_t lens[] = {
		0, 1, 7, 8, 9, 31, 32, 33, 255, 256, 257, 4095, 4096,
		MMSCOPE_READ_MAX - 1, MMSCOPE_READ_MAX, MMSCOPE_READ_MAX + 1,
	};

	switch (rnd_below(4)) {
	case 0:
		return rnd_below(FZ_BUF);
	case 1:		/* huge: beyond the buffer, even the address space */
		return rnd_below(2) ? (size_t)1 << (20 + rnd_below(44)) : rnd();
	default:
		return lens[rnd_below(sizeof(lens) / sizeof(lens[0]))];
	}
}

/* Where a read goes: mostly the buffer, else somewhere bad. */
static char *fz_dst(struct fuzz *f, size_t len)
{
	struct fz_map *m;

	switch (rnd_below(12)) {
	case 0:
		return NULL;
	case 1:
		return f->unmapped;
	case 2:
		return (char *)(uintptr_t)fz_bad_addrs[rnd_below(
			sizeof(fz_bad_addrs) / sizeof(fz_bad_addrs[0]))];
	case 3:
		m = fz_some_map(f);
		return m ? m->addr : f->buf;
	case 4:		/* ends in the guard page */
		return f->buf + FZ_BUF - 1 - rnd_below(300);
	default:
		return len < FZ_BUF ? f->buf + rnd_below(FZ_BUF - len) : f->buf;
	}
}

static void fz_read(struct fuzz *f)
{
	size_t len = fz_len();
	char *dst = fz_dst(f, len);
	ssize_t n = read(fz_fd(f), dst, len);
	char what[64];

	if (n > 0)
		f->reads_bytes += n;
	snprintf(what, sizeof(what), "len %zu to %p", len, dst);
	/* Nothing pending, the next record does not fit, a bad buffer. */
	fz_check(f, FZ_READ, n, errno,
		 (EB(EAGAIN) | EB(EINVAL) | EB(EFAULT)) & ~fz_drop, what);
	if (n > (ssize_t)MMSCOPE_READ_MAX) {
		f->unexpected++;
		printf("unexpected op %" PRIu64 " read: %zd bytes, over MMSCOPE_READ_MAX\n",
		       f->op_index, n);
	}
}

static size_t fz_mmap_size(struct fuzz *f)
{
	struct mmscope_config c;

	if (ioctl(f->fds[0], MMSCOPE_IOC_GET_CONFIG, &c))
		die_errno("config");
	return c.mmap_size;
}

static void fz_mmap(struct fuzz *f)
{
	static const int types[] = { MAP_SHARED, MAP_PRIVATE, MAP_SHARED_VALIDATE, 0 };
	static const int extras[] = { MAP_POPULATE, MAP_NORESERVE, MAP_LOCKED,
				      MAP_FIXED_NOREPLACE };
	size_t size = fz_mmap_size(f), len;
	int prot = 0, flags, i;
	void *hint = NULL, *p;
	uint64_t off;
	char what[96];

	if (rnd_below(8))
		prot |= PROT_READ;
	if (!rnd_below(6))
		prot |= PROT_WRITE;
	if (!rnd_below(8))
		prot |= PROT_EXEC;
	flags = types[rnd_below(8) ? rnd_below(2) : 2 + rnd_below(2)];
	for (i = 0; i < 4; i++)
		if (!rnd_below(12))
			flags |= extras[i];
	if (flags & MAP_FIXED_NOREPLACE)
		/* Somewhere held, or somewhere free: EEXIST or a mapping. */
		hint = rnd_below(2) ? f->buf : (char *)0x7e0000000000ULL;
	switch (rnd_below(6)) {
	case 0:
		len = rnd_below(4) ? size - 4096 * rnd_below(3) : rnd();
		break;
	case 1:
		len = size + 4096 * rnd_below(3);
		break;
	default:
		len = size;
	}
	switch (rnd_below(6)) {
	case 0:		/* a page within, or after, a CPU's ring */
		off = 4096 * rnd_below(3 * size / 4096);
		break;
	case 1:		/* anything page-aligned, or not */
		off = rnd_below(2) ? rnd() & ~4095ULL : rnd();
		break;
	default:	/* a CPU, possible or not */
		off = size * rnd_below(6);
	}
	p = mmap(hint, len, prot, flags, fz_fd(f), off);
	snprintf(what, sizeof(what), "len %zu prot %d flags 0x%x off 0x%" PRIx64,
		 len, prot, flags, off);
	/*
	 * EPERM writable, EINVAL length/offset/flags/CPU, EBUSY resizing;
	 * the mm's own: EACCES (shared writable on a read-only fd), ENOMEM,
	 * EOVERFLOW (offset + length), EEXIST (MAP_FIXED_NOREPLACE),
	 * EOPNOTSUPP (MAP_SHARED_VALIDATE with flags it refuses), EAGAIN
	 * (MAP_LOCKED beyond the lock limit).
	 */
	fz_check(f, FZ_MMAP, p == MAP_FAILED ? -1 : 0, errno,
		 (EB(EPERM) | EB(EINVAL) | EB(EBUSY) | EB(EACCES) | EB(ENOMEM) |
		  EB(EOVERFLOW) | EB(EEXIST) | EB(EOPNOTSUPP) | EB(EAGAIN)) & ~fz_drop,
		 what);
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < FZ_MAPS; i++)
		if (!f->maps[i].addr) {
			f->maps[i].addr = p;
			f->maps[i].len = len;
			f->maps[i].prot = prot;
			return;
		}
	munmap(p, len);
}

static void fz_munmap(struct fuzz *f)
{
	struct fz_map *m = fz_some_map(f);
	int ret;

	if (!m)
		return;
	if (m->len > 4096 && rnd_below(3) == 0) {
		/* Its first page only: the rest stays mapped. */
		ret = munmap(m->addr, 4096);
		fz_check(f, FZ_MUNMAP, ret, errno, 0, "first page");
		if (!ret) {
			m->addr += 4096;
			m->len -= 4096;
		}
		return;
	}
	ret = munmap(m->addr, m->len);
	fz_check(f, FZ_MUNMAP, ret, errno, 0, "whole");
	m->addr = NULL;
}

static void fz_mremap(struct fuzz *f)
{
	struct fz_map *m = fz_some_map(f);
	size_t len;
	void *p;
	int flags = 0;
	char what[64];

	if (!m)
		return;
	switch (rnd_below(4)) {
	case 0:		/* grow in place or moving: VM_DONTEXPAND says EFAULT */
		len = m->len + 4096;
		flags = rnd_below(2) ? MREMAP_MAYMOVE : 0;
		break;
	case 1:		/* shrink */
		len = m->len > 4096 ? m->len - 4096 : m->len;
		break;
	default:	/* move */
		len = m->len;
		flags = MREMAP_MAYMOVE;
	}
	p = mremap(m->addr, m->len, len, flags);
	snprintf(what, sizeof(what), "%zu -> %zu flags %d", m->len, len, flags);
	fz_check(f, FZ_MREMAP, p == MAP_FAILED ? -1 : 0, errno,
		 (EB(EFAULT) | EB(ENOMEM) | EB(EINVAL) | EB(EAGAIN)) & ~fz_drop,
		 what);
	if (p != MAP_FAILED) {
		m->addr = p;
		m->len = len;
	}
}

/* Read every page of a held mapping. */
static void fz_touch(struct fuzz *f)
{
	struct fz_map *m = fz_some_map(f);
	volatile const char *p;
	size_t i;
	unsigned int sum = 0;

	/* PROT_NONE (or exec-only) mappings are not read. */
	if (!m || !(m->prot & PROT_READ))
		return;
	p = (volatile const char *)m->addr;
	for (i = 0; i < m->len; i += 4096)
		sum += p[i];
	fz_check(f, FZ_TOUCH, sum & 0, 0, 0, "");
}

/*
 * fork() while mappings are held: the child has none of them
 * (VM_DONTCOPY), so touching one kills it with SIGSEGV; without one it
 * uses an inherited fd and exits 0.
 */
static void fz_fork(struct fuzz *f)
{
	struct fz_map *m = NULL;
	unsigned int i;

	for (i = 0; i < FZ_MAPS; i++)
		if (f->maps[i].addr && (f->maps[i].prot & PROT_READ))
			m = &f->maps[i];
	struct mmscope_config c;
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (m)
			_exit(*(volatile const char *)m->addr == 0x5a ? 3 : 4);
		_exit(ioctl(f->fds[0], MMSCOPE_IOC_GET_CONFIG, &c) ? 5 : 0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		die_errno("fork");
	if (m && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV) {
		f->forks_segv++;
		fz_check(f, FZ_FORK, 0, 0, 0, "");
	} else if (!m && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		fz_check(f, FZ_FORK, 0, 0, 0, "");
	} else {
		f->ops[FZ_FORK]++;
		f->unexpected++;
		printf("unexpected op %" PRIu64 " fork: child %s mapping: status 0x%x\n",
		       f->op_index, m ? "with" : "without", st);
	}
}

/* Close an fd and open it again, in a mode that may be refused. */
static void fz_reopen(struct fuzz *f)
{
	static const int modes[] = { O_RDONLY, O_RDONLY | O_CLOEXEC, O_RDWR, O_WRONLY };
	unsigned int i = rnd_below(FZ_FDS);
	int mode = modes[rnd_below(4)], fd;

	close(f->fds[i]);
	fd = open(MMSCOPE_DEV, mode | O_NONBLOCK);
	/* Read-only: a writable open is EINVAL. */
	fz_check(f, FZ_REOPEN, fd, errno,
		 ((mode & O_ACCMODE) == O_RDONLY ? 0 : EB(EINVAL)) & ~fz_drop,
		 mode & O_ACCMODE ? "writable" : "read-only");
	if (fd >= 0 && (mode & O_ACCMODE) != O_RDONLY) {
		f->unexpected++;
		printf("unexpected op %" PRIu64 " reopen: a writable open succeeded\n",
		       f->op_index);
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		fd = open_dev(O_NONBLOCK);
	f->fds[i] = fd;
}

/* The device is not seekable: pread and lseek are ESPIPE. */
static void fz_pread(struct fuzz *f)
{
	size_t len = fz_len() % FZ_BUF;
	ssize_t n = pread(fz_fd(f), f->buf, len, rnd_below(1 << 20));

	fz_check(f, FZ_PREAD, n, errno, EB(ESPIPE) & ~fz_drop, "");
}

static void fz_lseek(struct fuzz *f)
{
	off_t o = lseek(fz_fd(f), rnd_below(1 << 20), rnd_below(5));

	fz_check(f, FZ_LSEEK, o, errno, EB(ESPIPE) & ~fz_drop, "");
}

static void fz_poll(struct fuzz *f)
{
	unsigned int i, nfds = 1 + rnd_below(FZ_FDS);
	struct pollfd p[FZ_FDS];
	int n;

	for (i = 0; i < nfds; i++) {
		p[i].fd = f->fds[i];
		p[i].events = rnd();
		p[i].revents = 0;
	}
	n = poll(p, nfds, 0);
	fz_check(f, FZ_POLL, n, errno, 0, "");
	for (i = 0; n > 0 && i < nfds; i++)
		if (p[i].revents & (POLLERR | POLLNVAL) &&
		    ++f->unexpected <= 20)
			printf("unexpected op %" PRIu64 " poll: revents 0x%x\n",
			       f->op_index, p[i].revents);
}

/*
 * A view read at a random offset and length: seq_file's pread; EFAULT
 * for a bad buffer, EINVAL for a negative offset.
 */
static void fz_debugfs(struct fuzz *f)
{
	unsigned int i;
	size_t len = fz_len();
	char *dst = fz_dst(f, len);
	off_t off;
	ssize_t n;
	char what[200];

	if (!f->nr_dbg)
		return;
	i = rnd_below(f->nr_dbg);
	switch (rnd_below(6)) {
	case 0:
		off = rnd_below(64);
		break;
	case 1:
		off = (off_t)(rnd() >> 1);
		break;
	case 2:
		off = -(off_t)rnd_below(100) - 1;
		break;
	default:
		off = rnd_below(1 << 16);
	}
	n = pread(f->dbg_fds[i], dst, len, off);
	snprintf(what, sizeof(what), "%s off %lld len %zu to %p",
		 f->dbg_names[i], (long long)off, len, dst);
	fz_check(f, FZ_DEBUGFS, n, errno,
		 (EB(EFAULT) | EB(EINVAL) | EB(ENOMEM)) & ~fz_drop, what);
}

/* Open every file of DIR and of its subdirectories, for reading. */
static void fz_collect(struct fuzz *f, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	int fd;

	if (!d)
		die_errno(dir);
	while ((e = readdir(d)) && f->nr_dbg < FZ_DBG_FILES) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR) {
			if (depth > 0)
				fz_collect(f, path, depth - 1);
			continue;
		}
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;	/* not readable by design */
		f->dbg_fds[f->nr_dbg] = fd;
		memcpy(f->dbg_names[f->nr_dbg++], path, sizeof(path));
	}
	closedir(d);
}

static void fz_print(const struct fuzz *f, uint64_t seed, uint64_t n)
{
	unsigned int op, e;
	uint64_t per_errno[256] = { 0 };

	printf("seed %" PRIu64 "\noperations %" PRIu64 "\n", seed, n);
	for (op = 0; op < FZ_NR; op++) {
		printf("op %s %" PRIu64 " ok %" PRIu64, fz_op_names[op],
		       f->ops[op], f->ok[op]);
		for (e = 1; e < 256; e++)
			if (f->errs[op][e]) {
				printf(" %s %" PRIu64, strerrorname_np(e) ?
				       strerrorname_np(e) : "?", f->errs[op][e]);
				per_errno[e] += f->errs[op][e];
			}
		printf("\n");
	}
	for (e = 1; e < 256; e++)
		if (per_errno[e])
			printf("errno %s %" PRIu64 "\n", strerrorname_np(e) ?
			       strerrorname_np(e) : "?", per_errno[e]);
	printf("forks_segv %" PRIu64 "\nbytes_read %" PRIu64
	       "\ndebugfs_files %d\nunexpected %" PRIu64 "\n", f->forks_segv,
	       f->reads_bytes, f->nr_dbg, f->unexpected);
}

/*
 * fuzz N SEED [DIR]: N random operations on /dev/mmscope (and, with DIR,
 * preads of the files under DIR); every failure must be one the
 * operation documents.  The same SEED repeats the same operations.
 */
static int cmd_fuzz(uint64_t n, uint64_t seed, const char *dir)
{
	static struct fuzz f;
	const char *drop = getenv("MMSCOPE_FUZZ_DROP");
	unsigned int i;
	char *mem;
	uint64_t k;

	rng_state = seed ? seed : 1;
	if (drop && *drop)
		fz_drop = EB(atoi(drop));
	for (i = 0; i < FZ_FDS; i++)
		f.fds[i] = open_dev(O_NONBLOCK);
	mem = mmap(NULL, FZ_BUF + 2 * 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		die_errno("mmap buffer");
	f.buf = mem;
	f.unmapped = mem + FZ_BUF + 4096;
	if (mprotect(mem + FZ_BUF, 4096, PROT_NONE) ||
	    munmap(f.unmapped, 4096))
		die_errno("guard page");
	if (dir)
		fz_collect(&f, dir, 1);
	printf("seed %" PRIu64 " (repeat: mmsread fuzz %" PRIu64 " %" PRIu64 "%s%s)\n",
	       seed, n, seed, dir ? " " : "", dir ? dir : "");
	for (k = 0; k < n; k++) {
		unsigned int r = rnd_below(1000);

		f.op_index = k;
		if (r < 400)
			fz_ioctl(&f);
		else if (r < 600)
			fz_read(&f);
		else if (r < 660)
			fz_mmap(&f);
		else if (r < 700)
			fz_munmap(&f);
		else if (r < 730)
			fz_mremap(&f);
		else if (r < 760)
			fz_touch(&f);
		else if (r < 761)
			fz_fork(&f);
		else if (r < 776)
			fz_reopen(&f);
		else if (r < 796)
			fz_pread(&f);
		else if (r < 816)
			fz_lseek(&f);
		else if (r < 866)
			fz_poll(&f);
		else if (dir)
			fz_debugfs(&f);
		else
			fz_ioctl(&f);
	}
	for (i = 0; i < FZ_MAPS; i++)
		if (f.maps[i].addr)
			munmap(f.maps[i].addr, f.maps[i].len);
	fz_print(&f, seed, n);
	return f.unexpected ? 1 : 0;
}

/* ---- multi: threads with their own fds race every operation ---- */

enum mt_op {
	MT_RESIZE, MT_RESET, MT_STOP_START, MT_MASK, MT_MODE, MT_POLL,
	MT_READ, MT_READ_NB, MT_MMAP, MT_STATS, MT_NR
};

static const char *const mt_op_names[MT_NR] = {
	"resize", "reset", "stop_start", "set_mask", "set_mode", "poll",
	"blocking_read", "nonblocking_read", "mmap", "cpu_stats",
};

struct mt_thread {
	pthread_t tid;
	unsigned int id;
	uint64_t rng;
	int fd, nbfd;
	uint64_t ops[MT_NR], errs[MT_NR][256], unexpected, records, bad;
	uint64_t identity_broken, mremaps, touches;
	char *buf;
};

static volatile int mt_done;
static unsigned int mt_nr_cpu_ids;

static uint64_t mt_rnd(struct mt_thread *t, uint64_t n)
{
	t->rng ^= t->rng >> 12;
	t->rng ^= t->rng << 25;
	t->rng ^= t->rng >> 27;
	return n ? (t->rng * 0x2545f4914f6cdd1dULL) % n : 0;
}

/* One call's outcome: EINTR is always allowed (signals wake readers). */
static void mt_check(struct mt_thread *t, enum mt_op op, long ret,
		     errset allowed)
{
	int e = errno;

	if (ret >= 0)
		return;
	t->errs[op][e & 255]++;
	if (e == EINTR || (e > 0 && e < 128 && (allowed & EB(e))))
		return;
	t->unexpected++;
	if (t->unexpected <= 5)
		printf("unexpected thread %u %s: %s\n", t->id, mt_op_names[op],
		       strerror(e));
}

static void mt_mmap(struct mt_thread *t)
{
	struct mmscope_config c;
	volatile const char *p;
	size_t len;
	void *q;

	if (ioctl(t->fd, MMSCOPE_IOC_GET_CONFIG, &c)) {
		mt_check(t, MT_MMAP, -1, 0);
		return;
	}
	len = c.mmap_size;
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, t->fd,
		 (off_t)len * mt_rnd(t, c.nr_cpu_ids));
	/* EBUSY: a resize runs; EINVAL: it changed the size meanwhile. */
	mt_check(t, MT_MMAP, p == MAP_FAILED ? -1 : 0, EB(EBUSY) | EB(EINVAL));
	if (p == MAP_FAILED)
		return;
	(void)p[0];
	(void)p[len - 1];
	t->touches++;
	switch (mt_rnd(t, 3)) {
	case 0:		/* move */
		q = mremap((void *)p, len, len, MREMAP_MAYMOVE);
		mt_check(t, MT_MMAP, q == MAP_FAILED ? -1 : 0, EB(ENOMEM));
		if (q != MAP_FAILED) {
			p = q;
			t->mremaps++;
		}
		break;
	case 1:		/* grow: refused, the mapping cannot expand */
		q = mremap((void *)p, len, len + 4096, MREMAP_MAYMOVE);
		if (q != MAP_FAILED) {
			t->unexpected++;
			printf("unexpected thread %u: a ring mapping grew\n", t->id);
			munmap(q, len + 4096);
			return;
		}
		mt_check(t, MT_MMAP, -1, EB(EFAULT) | EB(ENOMEM));
		break;
	}
	usleep(mt_rnd(t, 2000));
	(void)p[0];
	munmap((void *)p, len);
}

static void mt_stats(struct mt_thread *t)
{
	unsigned int cpu;

	for (cpu = 0; cpu < mt_nr_cpu_ids; cpu++) {
		struct mmscope_cpu_stats s = { .cpu = cpu };

		if (ioctl(t->fd, MMSCOPE_IOC_CPU_STATS, &s)) {
			mt_check(t, MT_STATS, -1, EB(EINVAL));
			continue;
		}
		if (s.produced != s.delivered + s.lost + s.pending ||
		    s.lost != s.discarded + s.overwritten)
			t->identity_broken++;
	}
}

static void *mt_worker(void *arg)
{
	struct mt_thread *t = arg;
	struct pollfd p;
	struct tally tl = { 0 };
	uint64_t mask;
	uint32_t v;
	ssize_t n;
	int op;

	while (!mt_done) {
		op = mt_rnd(t, MT_NR);
		t->ops[op]++;
		switch (op) {
		case MT_RESIZE:
			/* EBUSY: another thread started again, or maps a ring. */
			v = 16u << mt_rnd(t, 7);
			mt_check(t, op, ioctl(t->fd, MMSCOPE_IOC_STOP), 0);
			mt_check(t, op, ioctl(t->fd, MMSCOPE_IOC_RESIZE, &v),
				 EB(EBUSY));
			mt_check(t, op, ioctl(t->fd, MMSCOPE_IOC_START), 0);
			break;
		case MT_RESET:
			mt_check(t, op, ioctl(t->fd, MMSCOPE_IOC_RESET), 0);
			break;
		case MT_STOP_START:
			mt_check(t, op, ioctl(t->fd, MMSCOPE_IOC_STOP), 0);
			usleep(mt_rnd(t, 1000));
			mt_check(t, op, ioctl(t->fd, MMSCOPE_IOC_START), 0);
			break;
		case MT_MASK:
			mask = mt_rnd(t, 3) ? (t->rng & MMSCOPE_MASK_ALL) :
			       mt_rnd(t, 2) ? MMSCOPE_MASK_ALL : MMSCOPE_MASK_DEFAULT;
			mt_check(t, op, ioctl(t->fd, MMSCOPE_IOC_SET_MASK, &mask), 0);
			break;
		case MT_MODE:
			v = mt_rnd(t, 2);
			mt_check(t, op, ioctl(t->fd, MMSCOPE_IOC_SET_MODE, &v), 0);
			break;
		case MT_POLL:
			p.fd = t->nbfd;
			p.events = POLLIN;
			mt_check(t, op, poll(&p, 1, mt_rnd(t, 20)), 0);
			break;
		case MT_READ:
		case MT_READ_NB:
			n = read(op == MT_READ ? t->fd : t->nbfd, t->buf,
				 MMSCOPE_READ_MAX);
			mt_check(t, op, n, op == MT_READ_NB ? EB(EAGAIN) : 0);
			if (n > 0 && tally_buffer(&tl, t->buf, n))
				t->bad++;
			break;
		case MT_MMAP:
			mt_mmap(t);
			break;
		case MT_STATS:
			mt_stats(t);
			break;
		}
	}
	t->records = tl.records;
	return NULL;
}

static void on_wake(int sig)
{
	(void)sig;
}

/*
 * multi SECONDS THREADS: THREADS threads, each with its own fds, race
 * every configuration change, reads, polls, mappings and statistics for
 * SECONDS while the system makes events; a blocked read is woken by
 * records or by SIGUSR1 every 20 ms.  Then every CPU's accounting must
 * hold: produced = delivered + lost + pending.
 */
static int cmd_multi(int seconds, int nthreads, uint64_t seed)
{
	struct mt_thread *th = calloc(nthreads, sizeof(*th));
	uint64_t ops[MT_NR] = { 0 }, unexpected = 0, broken = 0, bad = 0;
	uint64_t records = 0, mremaps = 0, per_errno[256] = { 0 };
	struct mmscope_config c;
	struct sigaction sa;
	int i, op, e, fd;
	time_t end;

	if (!th || nthreads < 1)
		return 2;
	fd = open_dev(0);
	xioctl(fd, MMSCOPE_IOC_GET_CONFIG, &c, "config");
	mt_nr_cpu_ids = c.nr_cpu_ids;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_wake;	/* no SA_RESTART: EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	printf("seed %" PRIu64 "\n", seed);
	for (i = 0; i < nthreads; i++) {
		th[i].id = i;
		th[i].rng = seed * 0x9e3779b97f4a7c15ULL + i + 1;
		th[i].fd = open_dev(0);
		th[i].nbfd = open_dev(O_NONBLOCK);
		th[i].buf = malloc(MMSCOPE_READ_MAX);
		if (!th[i].buf || pthread_create(&th[i].tid, NULL, mt_worker, &th[i]))
			die_errno("pthread_create");
	}
	end = time(NULL) + seconds;
	while (time(NULL) < end) {
		usleep(20000);
		for (i = 0; i < nthreads; i++)
			pthread_kill(th[i].tid, SIGUSR1);
	}
	mt_done = 1;
	for (i = 0; i < nthreads; i++) {
		while (pthread_tryjoin_np(th[i].tid, NULL)) {
			pthread_kill(th[i].tid, SIGUSR1);
			usleep(10000);
		}
		for (op = 0; op < MT_NR; op++) {
			ops[op] += th[i].ops[op];
			for (e = 0; e < 256; e++)
				per_errno[e] += th[i].errs[op][e];
		}
		unexpected += th[i].unexpected;
		broken += th[i].identity_broken;
		bad += th[i].bad;
		records += th[i].records;
		mremaps += th[i].mremaps;
	}
	for (op = 0; op < MT_NR; op++)
		printf("op %s %" PRIu64 "\n", mt_op_names[op], ops[op]);
	for (e = 1; e < 256; e++)
		if (per_errno[e])
			printf("errno %s %" PRIu64 "\n", strerrorname_np(e) ?
			       strerrorname_np(e) : "?", per_errno[e]);
	printf("records_read %" PRIu64 "\nbad %" PRIu64 "\nmremaps %" PRIu64
	       "\nidentity_broken_live %" PRIu64 "\nunexpected %" PRIu64 "\n",
	       records, bad, mremaps, broken, unexpected);
	return unexpected || broken || bad ? 1 : 0;
}

/*
 * failnth N KO [PARAMS]: load KO with the N-th fault-capable call of
 * this task failing (/proc/thread-self/fail-nth, CONFIG_FAULT_INJECTION):
 * prints the outcome and "injected 0" when the load made fewer than N
 * such calls, so that nothing was injected.
 */
static int cmd_failnth(int nth, const char *ko, const char *params)
{
	int fd = open(ko, O_RDONLY | O_CLOEXEC), ffd, ret, err;
	char buf[32];
	ssize_t n;

	ffd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (fd < 0 || ffd < 0)
		die_errno(fd < 0 ? ko : "/proc/thread-self/fail-nth");
	n = snprintf(buf, sizeof(buf), "%d", nth);
	if (write(ffd, buf, n) != n)
		die_errno("fail-nth");
	ret = syscall(SYS_finit_module, fd, params ? params : "", 0);
	err = errno;
	if (lseek(ffd, 0, SEEK_SET) < 0 || (n = read(ffd, buf, sizeof(buf) - 1)) < 0)
		die_errno("fail-nth");
	buf[n] = 0;
	/* Unspent: nothing was injected.  Then disarm it. */
	printf("nth %d ret %d errno %s injected %d\n", nth, ret,
	       ret ? strerrorname_np(err) : "-", atoi(buf) == 0);
	if (write(ffd, "0", 1) != 1)
		die_errno("fail-nth");
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "ctl"))
		return cmd_ctl(argc - 1, argv + 1);
	if (!strcmp(cmd, "config"))
		return cmd_config();
	if (!strcmp(cmd, "stats"))
		return cmd_stats();
	if (!strcmp(cmd, "drain"))
		return cmd_read(argc - 1, argv + 1, 0);
	if (!strcmp(cmd, "follow"))
		return cmd_read(argc - 1, argv + 1, 1);
	if (!strcmp(cmd, "parse") && (argc == 3 || argc == 4))
		return cmd_parse(argv[2], argc == 4 ? argv[3] : NULL);
	if (!strcmp(cmd, "eagain"))
		return cmd_eagain();
	if (!strcmp(cmd, "errors"))
		return cmd_errors();
	if (!strcmp(cmd, "caps"))
		return cmd_caps();
	if (!strcmp(cmd, "mmap") && argc <= 3)
		return cmd_mmap(argc == 3 ? argv[2] : NULL);
	if (!strcmp(cmd, "privacy") && argc == 3)
		return cmd_privacy(argv[2]);
	if (!strcmp(cmd, "bigread"))
		return cmd_bigread();
	if (!strcmp(cmd, "race") && argc == 3)
		return cmd_race(atoi(argv[2]));
	if (!strcmp(cmd, "fuzz") && (argc == 4 || argc == 5))
		return cmd_fuzz(strtoull(argv[2], NULL, 0),
				strtoull(argv[3], NULL, 0), argc == 5 ? argv[4] : NULL);
	if (!strcmp(cmd, "multi") && (argc == 4 || argc == 5))
		return cmd_multi(atoi(argv[2]), atoi(argv[3]),
				 argc == 5 ? strtoull(argv[4], NULL, 0) : 1);
	if (!strcmp(cmd, "failnth") && (argc == 4 || argc == 5))
		return cmd_failnth(atoi(argv[2]), argv[3], argc == 5 ? argv[4] : NULL);
	fprintf(stderr, "usage: mmsread ctl|config|stats|drain|follow|eagain|errors|caps|mmap [TRIGGER]|privacy DIR|bigread|race N|fuzz N SEED [DIR]|multi SECONDS THREADS [SEED]|failnth N KO [PARAMS]\n");
	return 2;
}
