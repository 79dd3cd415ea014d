// SPDX-License-Identifier: GPL-2.0
/*
 * kwatch OUTFILE
 *
 * Not a workload: the test rig's kernel log watcher, started by the guest's
 * /init before the tests.  It follows /dev/kmsg from the first record in
 * the buffer and appends each of the kernel's own records (not those that
 * programs wrote to /dev/kmsg) that reports trouble (WARNING, BUG, Oops,
 * lockup, stall, hung task, UBSAN) to OUTFILE as one line,
 * "[seconds] message".  Reading /dev/kmsg sees every record whatever the
 * console loglevel, and whether or not something ran `dmesg -c`.  If
 * records were overwritten before it read them, it says so in a last line
 * "kwatch: ...".  On SIGTERM it reads what is left and exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const prefix[] = {
	"WARNING: ", "BUG: ", "kernel BUG at ", "Oops", "Internal error: ",
	"general protection fault", "Unable to handle kernel ",
	"invalid opcode: ", "UBSAN: ", "watchdog: BUG: ",
};

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int trouble(const char *msg)
{
	size_t i;

	for (i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++)
		if (!strncmp(msg, prefix[i], strlen(prefix[i])))
			return 1;
	if (!strncmp(msg, "INFO: task ", 11) && strstr(msg, "blocked for more than"))
		return 1;
	if (!strncmp(msg, "rcu: INFO: ", 11) && strstr(msg, "stall"))
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_term };	/* no SA_RESTART */
	unsigned long lost = 0;
	char rec[8192 + 1];
	FILE *out;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: kwatch OUTFILE\n");
		return 2;
	}
	out = fopen(argv[1], "a");
	fd = open("/dev/kmsg", O_RDONLY);
	if (!out || fd < 0) {
		perror("kwatch");
		return 1;
	}
	sigaction(SIGTERM, &sa, NULL);

	for (;;) {
		unsigned long long usec;
		unsigned int prio;
		char *msg, *nl;
		ssize_t n;

		if (stop && !(fcntl(fd, F_GETFL) & O_NONBLOCK))
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0) {
			if (errno == EPIPE) {
				lost++;
				continue;
			}
			if (errno == EINTR)
				continue;
			break;		/* EAGAIN once stopping: all read */
		}
		rec[n] = '\0';
		/* "prio,seq,usec,flags[,...];message\n" then " KEY=value" lines */
		msg = strchr(rec, ';');
		if (!msg || sscanf(rec, "%u,%*u,%llu", &prio, &usec) != 2)
			continue;
		if (prio >> 3)
			continue;	/* not the kernel's: written to /dev/kmsg */
		msg++;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = '\0';
		if (trouble(msg)) {
			fprintf(out, "[%5llu.%06llu] %s\n", usec / 1000000, usec % 1000000, msg);
			fflush(out);
		}
	}
	if (lost)
		fprintf(out, "kwatch: records overwritten before read, %lu times\n", lost);
	fclose(out);
	return 0;
}
