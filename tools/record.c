// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope record -o FILE [INTERVAL [COUNT]]: write the event stream of
 * /dev/mmscope, when the module has one, and a snapshot of the vmstat and
 * counters views every INTERVAL seconds (default 1), to FILE, until COUNT
 * snapshots or Ctrl-C, with each CPU's loss accounting at both ends, and
 * an end mark.
 * The format is recfile.h's; "mmscope report" decodes it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "mms.h"
#include "opts.h"
#include "recfile.h"

#define MMS_READ_BUF	(64 << 10)

static uint64_t mms_clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Write all of @buf; false (said why) on error. */
static bool mms_write_all(int fd, const void *buf, size_t len,
			  const char *path)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			mms_err("cannot write %s: %s", path, strerror(errno));
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static bool mms_write_chunk(int fd, const char *path, uint32_t type,
			    const void *payload, size_t len)
{
	static const char zero[8];
	struct mms_chunk c = {
		.type = type,
		.size = (uint32_t)len,
		.ts_ns = mms_clock_ns(CLOCK_MONOTONIC),
	};

	return mms_write_all(fd, &c, sizeof(c), path) &&
	       mms_write_all(fd, payload, len, path) &&
	       mms_write_all(fd, zero, (8 - len % 8) % 8, path);
}

static bool mms_write_views(int fd, const char *path)
{
	char *vm = mms_source_read("vmstat"), *cnt = NULL, *both = NULL;
	bool ok = false;
	size_t a, b;

	if (!vm)
		return false;
	cnt = mms_source_read("counters");
	if (!cnt)
		goto free_all;
	a = strlen(vm);
	b = strlen(cnt);
	both = malloc(a + b + 1);
	if (!both) {
		mms_err("out of memory");
		goto free_all;
	}
	memcpy(both, vm, a);
	memcpy(both + a, cnt, b + 1);
	ok = mms_write_chunk(fd, path, MMS_CHUNK_VIEWS, both, a + b);
free_all:
	free(both);
	free(cnt);
	free(vm);
	return ok;
}

/*
 * Open the event stream: -1 if the module has none (an older module:
 * record views only), -2 after saying why it cannot be used.
 */
static int mms_stream_open(struct mmscope_config *cfg)
{
	struct mmscope_version v;
	int fd = open(MMSCOPE_DEV, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			return -1;
		if (errno == EPERM || errno == EACCES)
			mms_err("permission denied opening %s: run mmscope record as root (it needs CAP_PERFMON)",
				MMSCOPE_DEV);
		else
			mms_err("cannot open %s: %s", MMSCOPE_DEV, strerror(errno));
		return -2;
	}
	if (ioctl(fd, MMSCOPE_IOC_VERSION, &v)) {
		mms_err("%s does not answer MMSCOPE_IOC_VERSION (%s): it is not mmscope's stream",
			MMSCOPE_DEV, strerror(errno));
		goto close_fd;
	}
	if (v.major != MMSCOPE_ABI_MAJOR ||
	    v.header_size != sizeof(struct mmscope_rec_header)) {
		mms_err("ABI version mismatch: %s speaks ABI %u.%u, this mmscope ABI %d.%d; use the mmscope command built with the module",
			MMSCOPE_DEV, v.major, v.minor, MMSCOPE_ABI_MAJOR,
			MMSCOPE_ABI_MINOR);
		goto close_fd;
	}
	if (ioctl(fd, MMSCOPE_IOC_GET_CONFIG, cfg)) {
		mms_err("cannot read the stream's configuration: %s",
			strerror(errno));
		goto close_fd;
	}
	return fd;
close_fd:
	close(fd);
	return -2;
}

/* Move what the stream has into an EVENTS chunk; false on error. */
static bool mms_drain(int sfd, int fd, const char *path, char *buf,
		      uint64_t *bytes)
{
	for (;;) {
		ssize_t n = read(sfd, buf, MMS_READ_BUF);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return true;
		if (n < 0) {
			mms_err("cannot read %s: %s", MMSCOPE_DEV, strerror(errno));
			return false;
		}
		if (n == 0)
			return true;
		if (!mms_write_chunk(fd, path, MMS_CHUNK_EVENTS, buf, (size_t)n))
			return false;
		*bytes += (uint64_t)n;
	}
}

static bool mms_write_loss(int sfd, int fd, const char *path, uint32_t ncpu)
{
	struct mmscope_cpu_stats *st = calloc(ncpu ? ncpu : 1, sizeof(*st));
	uint32_t cpu, n = 0;
	bool ok;

	if (!st) {
		mms_err("out of memory");
		return false;
	}
	for (cpu = 0; cpu < ncpu; cpu++) {
		st[n].cpu = cpu;
		if (!ioctl(sfd, MMSCOPE_IOC_CPU_STATS, &st[n]))
			n++;	/* CPUs that are not possible: EINVAL */
	}
	ok = mms_write_chunk(fd, path, MMS_CHUNK_LOSS, st, n * sizeof(*st));
	free(st);
	return ok;
}

static const struct option mms_record_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ "output", required_argument, NULL, 'o' },
	{ 0 }
};

/**
 * struct mms_recording - a recording in progress
 * @path: the file
 * @interval: seconds between view snapshots
 * @count: snapshots to take after the first; 0 until interrupted
 * @fd: the file, open
 * @sfd: /dev/mmscope, open; -1 without a stream (views only)
 * @cfg: the stream's configuration
 * @buf: a read buffer for the stream, MMS_READ_BUF bytes
 * @bytes: stream bytes written
 * @start: CLOCK_MONOTONIC at the start, in ns
 * @n: intervals done
 */
struct mms_recording {
	const char *path;
	unsigned long interval;
	unsigned long count;
	int fd;
	int sfd;
	struct mmscope_config cfg;
	char *buf;
	uint64_t bytes;
	uint64_t start;
	unsigned long n;
};

/* Options and arguments into @r.  0, or MMS_EXIT_USAGE. */
static int mms_record_args(int argc, char **argv, struct mms_recording *r)
{
	int c;

	while ((c = getopt_long(argc, argv, MMS_COMMON_SHORTOPTS "o:",
				mms_record_opts, NULL)) != -1) {
		if (c == 'o')
			r->path = optarg;
		else if (mms_common_opt(c, optarg, argv))
			return MMS_EXIT_USAGE;
	}
	if (!r->path) {
		mms_usage_error("record: say where, with -o FILE");
		return MMS_EXIT_USAGE;
	}
	if (optind < argc && !mms_parse_uint(argv[optind++], 86400, &r->interval)) {
		mms_usage_error("record: INTERVAL must be a whole number of seconds, 1 to 86400");
		return MMS_EXIT_USAGE;
	}
	if (optind < argc && !mms_parse_uint(argv[optind++], 1UL << 31, &r->count)) {
		mms_usage_error("record: COUNT must be a positive whole number");
		return MMS_EXIT_USAGE;
	}
	if (optind < argc) {
		mms_usage_error("record: unexpected '%s'", argv[optind]);
		return MMS_EXIT_USAGE;
	}
	return 0;
}

/* The file's header, then the first loss figures and view snapshot. */
static bool mms_record_start(struct mms_recording *r, unsigned int major,
			     unsigned int minor)
{
	struct mms_file_header hdr;

	memset(&hdr, 0, sizeof(hdr));
	memcpy(hdr.magic, MMS_FILE_MAGIC, sizeof(hdr.magic));
	hdr.version = MMS_FILE_VERSION;
	hdr.bom = MMS_FILE_BOM;
	hdr.header_size = sizeof(hdr);
	hdr.abi_major = major;
	hdr.abi_minor = minor;
	hdr.start_realtime_ns = mms_clock_ns(CLOCK_REALTIME);
	r->start = mms_clock_ns(CLOCK_MONOTONIC);
	hdr.start_mono_ns = r->start;
	if (r->sfd >= 0) {
		hdr.flags = MMS_FILE_F_EVENTS;
		hdr.rec_header_size = sizeof(struct mmscope_rec_header);
		hdr.nr_cpu_ids = r->cfg.nr_cpu_ids;
	} else {
		fprintf(stderr, "mmscope: this module has no %s: recording its views only\n",
			MMSCOPE_DEV);
	}
	/* Loss accounting at both ends: report shows what happened between. */
	return mms_write_all(r->fd, &hdr, sizeof(hdr), r->path) &&
	       (r->sfd < 0 ||
		mms_write_loss(r->sfd, r->fd, r->path, r->cfg.nr_cpu_ids)) &&
	       mms_write_views(r->fd, r->path);
}

/* Drain the stream into the file until @deadline (or sleep, without one). */
static bool mms_record_wait(struct mms_recording *r, uint64_t deadline)
{
	for (;;) {
		uint64_t now = mms_clock_ns(CLOCK_MONOTONIC);
		struct pollfd p = { .fd = r->sfd, .events = POLLIN };
		int ms;

		if (now >= deadline || mms_exiting)
			return true;
		ms = (int)((deadline - now + 999999) / 1000000);
		if (r->sfd < 0) {
			struct timespec ts = {
				.tv_sec = ms / 1000,
				.tv_nsec = (ms % 1000) * 1000000L,
			};

			nanosleep(&ts, NULL);
			continue;
		}
		if (poll(&p, 1, ms) > 0 &&
		    !mms_drain(r->sfd, r->fd, r->path, r->buf, &r->bytes))
			return false;
	}
}

/* Every interval: the stream drained, then a view snapshot. */
static bool mms_record_intervals(struct mms_recording *r)
{
	for (r->n = 0; (!r->count || r->n < r->count) && !mms_exiting; r->n++) {
		uint64_t deadline = r->start +
			(uint64_t)r->interval * 1000000000ull * (r->n + 1);

		if (!mms_record_wait(r, deadline))
			return false;
		if (r->sfd >= 0 &&
		    !mms_drain(r->sfd, r->fd, r->path, r->buf, &r->bytes))
			return false;
		if (!mms_write_views(r->fd, r->path))
			return false;
	}
	return true;
}

/* The last of the stream, the loss figures, the end mark, on disk. */
static bool mms_record_finish(struct mms_recording *r)
{
	if (r->sfd >= 0 &&
	    (!mms_drain(r->sfd, r->fd, r->path, r->buf, &r->bytes) ||
	     !mms_write_loss(r->sfd, r->fd, r->path, r->cfg.nr_cpu_ids)))
		return false;
	if (!mms_write_chunk(r->fd, r->path, MMS_CHUNK_END, NULL, 0))
		return false;
	if (fsync(r->fd) && errno != EINVAL) {
		mms_err("cannot write %s: %s", r->path, strerror(errno));
		return false;
	}
	fprintf(stderr, "mmscope: recorded %lu snapshots and %llu bytes of events to %s\n",
		r->n + 1, (unsigned long long)r->bytes, r->path);
	return true;
}

int mms_cmd_record(int argc, char **argv)
{
	struct mms_recording r = { .interval = 1, .sfd = -1 };
	unsigned int major = 0, minor = 0;
	int ret = MMS_EXIT_ERR;
	char *ver;

	if (mms_record_args(argc, argv, &r))
		return MMS_EXIT_USAGE;
	if (!mms_source_open())
		return MMS_EXIT_ERR;
	ver = mms_source_read("version");
	if (!ver || !mms_parse_abi(ver, &major, &minor)) {
		free(ver);
		return MMS_EXIT_ERR;
	}
	free(ver);
	r.sfd = mms_stream_open(&r.cfg);
	if (r.sfd == -2)
		return MMS_EXIT_ERR;

	/* "-": standard output, as perf record -o - does. */
	if (!strcmp(r.path, "-")) {
		r.path = "standard output";
		r.fd = dup(STDOUT_FILENO);
		if (isatty(STDOUT_FILENO)) {
			mms_err("record -o -: standard output is a terminal; redirect it to a file or a pipe");
			if (r.fd >= 0)
				close(r.fd);
			goto close_stream;
		}
	} else {
		r.fd = open(r.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	}
	if (r.fd < 0) {
		mms_err("cannot create %s: %s", r.path, strerror(errno));
		goto close_stream;
	}
	r.buf = malloc(MMS_READ_BUF);
	if (!r.buf) {
		mms_err("out of memory");
		goto close_file;
	}
	if (mms_record_start(&r, major, minor) && mms_record_intervals(&r) &&
	    mms_record_finish(&r))
		ret = MMS_EXIT_OK;
	free(r.buf);
close_file:
	if (close(r.fd) && ret == MMS_EXIT_OK) {
		mms_err("cannot write %s: %s", r.path, strerror(errno));
		ret = MMS_EXIT_ERR;
	}
close_stream:
	if (r.sfd >= 0)
		close(r.sfd);
	return ret;
}
