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
 *   mmsread parse FILE      the same counts for a file of records
 *   mmsread eagain          one O_NONBLOCK read, which must fail EAGAIN
 *   mmsread errors          every bad ioctl and mmap gets its errno
 *   mmsread caps            opens without CAP_PERFMON/CAP_SYS_ADMIN, and
 *                           as an unprivileged user, are refused
 *   mmsread mmap            map CPU 0's ring and check what it shows
 *   mmsread privacy DIR     nobody can open any file under DIR
 *   mmsread bigread         one read() returns at most MMSCOPE_READ_MAX
 *   mmsread race N          poll() and a blocked read() while another
 *                           thread stops, resizes and restarts N times
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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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
};

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
	}
	if (t->seqs)
		fprintf(t->seqs, "%u %" PRIu64 "\n", cpu, (uint64_t)h->seq);
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
static int cmd_parse(const char *path)
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
	if (tally_buffer(&t, buf, len))
		printf("torn %zu bytes\n", len);
	tally_print(&t);
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

static int cmd_mmap(void)
{
	int fd = open_dev(0);
	const struct mmscope_ring_page *rp;
	struct mmscope_config c;
	uint64_t head, pos, ok = 0, i;
	const char *base;

	xioctl(fd, MMSCOPE_IOC_GET_CONFIG, &c, "config");
	base = mmap(NULL, c.mmap_size, PROT_READ, MAP_SHARED, fd, 0);
	if (base == MAP_FAILED)
		die_errno("mmap");
	rp = (const void *)base;
	head = __atomic_load_n(&rp->head, __ATOMIC_ACQUIRE);
	printf("nr_slots %u\nslot_size %u\ndata_offset %u\ncpu %u\nhead %" PRIu64
	       "\ntail %" PRIu64 "\n", rp->nr_slots, rp->slot_size,
	       rp->data_offset, rp->cpu, head, (uint64_t)rp->tail);
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
	printf("visible %" PRIu64 "\n", ok);
	return !(rp->nr_slots == c.nr_slots && rp->slot_size == MMSCOPE_SLOT_SIZE &&
		 rp->cpu == 0);
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
	if (!strcmp(cmd, "parse") && argc == 3)
		return cmd_parse(argv[2]);
	if (!strcmp(cmd, "eagain"))
		return cmd_eagain();
	if (!strcmp(cmd, "errors"))
		return cmd_errors();
	if (!strcmp(cmd, "caps"))
		return cmd_caps();
	if (!strcmp(cmd, "mmap"))
		return cmd_mmap();
	if (!strcmp(cmd, "privacy") && argc == 3)
		return cmd_privacy(argv[2]);
	if (!strcmp(cmd, "bigread"))
		return cmd_bigread();
	if (!strcmp(cmd, "race") && argc == 3)
		return cmd_race(atoi(argv[2]));
	fprintf(stderr, "usage: mmsread ctl|config|stats|drain|follow|eagain|errors|caps|mmap|privacy DIR|bigread|race N\n");
	return 2;
}
