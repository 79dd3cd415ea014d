// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope(8): show what the mmscope module sees of memory pressure.
 *
 * Subcommands read the module's views under /sys/kernel/debug/mmscope/;
 * see mmscope --help and the man page.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/mmscope.h>

#include "mms.h"
#include "opts.h"

volatile int mms_exiting;

struct mms_env mms_env = {
	.debugfs = MMSCOPE_DEBUGFS_DIR,
};

static const char mms_usage[] =
"Usage: mmscope [OPTIONS] COMMAND [ARGS]\n"
"\n"
"Show what the mmscope kernel module sees of memory pressure: reclaim,\n"
"compaction, OOM kills, latency histograms.\n"
"\n"
"Commands:\n"
"  stat [INTERVAL [COUNT]]  reclaim rates per interval, as sar -B shows them,\n"
"                           with p50 and p99 direct reclaim latency\n"
"  hist NAME [INTERVAL [COUNT]]  a latency histogram (direct_reclaim,\n"
"                           memcg_reclaim, kswapd_run, ...), or each\n"
"                           interval's; 'hist' lists them\n"
"  export --prometheus      every figure, for node_exporter's textfile collector\n"
"  export --openmetrics     the same as OpenMetrics 1.0 text\n"
"  export --json            the same as one JSON document\n"
"  record -o FILE [INTERVAL [COUNT]]  record the views to FILE ('-': stdout)\n"
"  report [--perfetto] FILE decode a recording ('-': stdin), or write a\n"
"                           Perfetto trace\n"
"  zones                    each zone's free pages against its watermarks\n"
"  frag                     free blocks, fragmentation and unusable index\n"
"                           per zone and order\n"
"  oom [--last N]           the last OOM kills, explained\n"
"  modparams                the module parameters this kernel's layout needs,\n"
"                           from its BTF: modprobe mmscope $(mmscope modparams)\n"
"\n"
"Options (before or after COMMAND):\n"
"  -j, --json               JSON output (stat: one object per line)\n"
"  -T, --timestamp          wall-clock time on each stat line\n"
"  -d, --debugfs DIR        the module's views (default " MMSCOPE_DEBUGFS_DIR ")\n"
"  -h, --help               this help\n"
"  -V, --version            versions of mmscope and of its ABI\n"
"\n"
"Examples:\n"
"  mmscope stat 1           # rates every second, until Ctrl-C\n"
"  mmscope stat 5 12        # twelve 5-second intervals, then their average\n"
"  mmscope stat             # totals since the module was loaded\n"
"  mmscope hist direct_reclaim       # direct reclaim latency, in usecs\n"
"  mmscope hist -m kswapd_run        # kswapd runs, in msecs\n"
"  mmscope --json hist direct_reclaim\n"
"  mmscope export --prometheus > /var/lib/prometheus/node-exporter/mmscope.prom.$$ &&\n"
"    mv /var/lib/prometheus/node-exporter/mmscope.prom.$$ /var/lib/prometheus/node-exporter/mmscope.prom\n"
"  mmscope record -o pressure.mms 1 60; mmscope report pressure.mms\n"
"  mmscope report --perfetto pressure.mms > pressure.json  # ui.perfetto.dev\n"
"\n"
"Exit status: 0 on success, 1 when the module, the system or a file is at\n"
"fault (one line on stderr says what to do), 2 on a bad command line.\n"
"See mmscope(8).\n";

#define MMS_COMMON_HELP							\
"  -j, --json               JSON output\n"					\
"  -T, --timestamp          wall-clock time on each stat line\n"		\
"  -d, --debugfs DIR        the module's views (default " MMSCOPE_DEBUGFS_DIR ")\n" \
"  -h, --help               this help\n"					\
"  -V, --version            versions of mmscope and of its ABI\n"

#define MMS_CMD_HELP_END						\
"\nOptions of every command:\n" MMS_COMMON_HELP				\
"\nSee mmscope --help for the other commands, and mmscope(8).\n"

static const char mms_stat_usage[] =
"Usage: mmscope stat [OPTIONS] [INTERVAL [COUNT]]\n"
"\n"
"Reclaim rates per INTERVAL seconds, as sar -B shows them, with p50 and p99\n"
"direct reclaim latency; COUNT intervals, then their average.  Without\n"
"INTERVAL, the totals since the module was loaded.\n"
"\n"
"Examples:\n"
"  mmscope stat 1           # rates every second, until Ctrl-C\n"
"  mmscope stat 5 12        # twelve 5-second intervals, then their average\n"
MMS_CMD_HELP_END;

static const char mms_hist_usage[] =
"Usage: mmscope hist [OPTIONS] [NAME [INTERVAL [COUNT]]]\n"
"\n"
"A latency histogram (direct_reclaim, memcg_reclaim, node_reclaim,\n"
"kswapd_run, ...), in usecs; without NAME, the list of them.  With\n"
"INTERVAL, what each INTERVAL seconds added, COUNT times (or until\n"
"Ctrl-C); -T stamps each.\n"
"\n"
"  -m, --msecs              in msecs\n"
"  -n, --nsecs              in nsecs\n"
"\n"
"Examples:\n"
"  mmscope hist direct_reclaim\n"
"  mmscope hist -m kswapd_run\n"
"  mmscope hist direct_reclaim 1 10  # ten 1-second intervals\n"
MMS_CMD_HELP_END;

static const char mms_export_usage[] =
"Usage: mmscope export [OPTIONS] --prometheus|--openmetrics|--json\n"
"\n"
"Every figure, for node_exporter's textfile collector (--prometheus), as\n"
"OpenMetrics 1.0 text (--openmetrics) or as one JSON document (--json).\n"
"\n"
"  -p, --prometheus         Prometheus text format\n"
"  -o, --openmetrics        OpenMetrics 1.0 text\n"
"\n"
"Example:\n"
"  mmscope export --prometheus > /var/lib/prometheus/node-exporter/mmscope.prom.$$ &&\n"
"    mv /var/lib/prometheus/node-exporter/mmscope.prom.$$ /var/lib/prometheus/node-exporter/mmscope.prom\n"
MMS_CMD_HELP_END;

static const char mms_record_usage[] =
"Usage: mmscope record [OPTIONS] -o FILE [INTERVAL [COUNT]]\n"
"\n"
"Record the event stream and the views, every INTERVAL seconds, to FILE.\n"
"\n"
"  -o, --output FILE        the recording; '-' for standard output\n"
"\n"
"Example:\n"
"  mmscope record -o pressure.mms 1 60; mmscope report pressure.mms\n"
"  mmscope record -o - 1 10 | mmscope report -\n"
MMS_CMD_HELP_END;

static const char mms_report_usage[] =
"Usage: mmscope report [OPTIONS] [--perfetto] FILE|-\n"
"\n"
"Decode a recording of mmscope record: its records and intervals as text\n"
"(or --json), or a Perfetto trace.\n"
"\n"
"  -p, --perfetto           a Chrome JSON trace, for ui.perfetto.dev\n"
"\n"
"Example:\n"
"  mmscope report --perfetto pressure.mms > pressure.json\n"
MMS_CMD_HELP_END;

static const char mms_zones_usage[] =
"Usage: mmscope zones [OPTIONS]\n"
"\n"
"Each zone's free pages against its watermarks, and the watermarks\n"
"decomposed into the kernel's formula.\n"
MMS_CMD_HELP_END;

static const char mms_frag_usage[] =
"Usage: mmscope frag [OPTIONS]\n"
"\n"
"Free blocks, fragmentation and unusable index per zone and order.\n"
MMS_CMD_HELP_END;

static const char mms_oom_usage[] =
"Usage: mmscope oom [OPTIONS]\n"
"\n"
"The last OOM kills, explained: what was asked, the candidates' ranking\n"
"with each badness term, the victim and what followed.\n"
"\n"
"  -n, --last N             the last N kills\n"
MMS_CMD_HELP_END;

static const char mms_modparams_usage[] =
"Usage: mmscope modparams [OPTIONS]\n"
"\n"
"The module parameters that describe this kernel's private layouts, read\n"
"from its BTF, on one line for insmod or modprobe: where struct\n"
"compact_control keeps the per-run scan totals that /proc/vmstat's\n"
"compact_*_scanned add up.  Loaded without them, the module's\n"
"compact_*_scanned come from events and are named *_events.\n"
"\n"
"  -b, --btf FILE           the BTF (default /sys/kernel/btf/vmlinux)\n"
"  -O, --offsetof S.MEMBER  print the byte offset and size of a member\n"
"\n"
"Example:\n"
"  modprobe mmscope $(mmscope modparams)\n"
MMS_CMD_HELP_END;

/* The running command's usage, for its --help; the whole tool's before. */
static const char *mms_cmd_usage = mms_usage;

void mms_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("mmscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool mms_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v == 0 || v > max)
		return false;
	*out = v;
	return true;
}

double mms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

bool mms_sleep_until(double deadline)
{
	while (!mms_exiting) {
		double left = deadline - mms_now();
		struct timespec ts;

		if (left <= 0)
			return true;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
	return false;
}

void mms_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mmscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("; see mmscope --help\n", stderr);
}

/*
 * --version: the command's version and ABI, then the loaded module's, as
 * its version view gives them (without reading anything else of it).
 */
static void mms_print_version(void)
{
	char path[4096], line[128], ver[128] = "", abi[128] = "";
	FILE *f;

	printf("mmscope %s, ABI %d.%d\n", MMS_TOOL_VERSION,
	       MMSCOPE_ABI_MAJOR, MMSCOPE_ABI_MINOR);
	snprintf(path, sizeof(path), "%s/version", mms_env.debugfs);
	f = fopen(path, "r");
	if (!f) {
		printf("module: not readable at %s (%s)\n", mms_env.debugfs,
		       strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "mmscope ", 8))
			snprintf(ver, sizeof(ver), "%s", line + 8);
		else if (!strncmp(line, "abi ", 4))
			snprintf(abi, sizeof(abi), "%s", line + 4);
	}
	fclose(f);
	printf("module: mmscope %s, ABI %s\n", *ver ? ver : "?", *abi ? abi : "?");
}

int mms_common_opt(int c, const char *arg, char **argv)
{
	switch (c) {
	case 'j':
		mms_env.json = true;
		return 0;
	case 'T':
		mms_env.timestamp = true;
		return 0;
	case 'd':
		mms_env.debugfs = arg;
		return 0;
	case 'h':
		fputs(mms_cmd_usage, stdout);
		exit(MMS_EXIT_OK);
	case 'V':
		mms_print_version();
		exit(MMS_EXIT_OK);
	default:
		/* A long option is named as given: "--last", not "-n". */
		if (optind > 0 && !strncmp(argv[optind - 1], "--", 2))
			mms_usage_error("option '%.*s' is unknown or lacks its argument",
					(int)strcspn(argv[optind - 1], "="),
					argv[optind - 1]);
		else if (optopt && optopt != '?')
			mms_usage_error("option '-%c' is unknown or lacks its argument",
					optopt);
		else
			mms_usage_error("option '%s' is unknown or lacks its argument",
					argv[optind - 1]);
		return -1;
	}
}

static const struct option mms_main_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ 0 }
};

static void mms_on_signal(int sig)
{
	(void)sig;
	mms_exiting = 1;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} mms_cmds[] = {
	{ "stat", mms_cmd_stat, mms_stat_usage },
	{ "hist", mms_cmd_hist, mms_hist_usage },
	{ "export", mms_cmd_export, mms_export_usage },
	{ "record", mms_cmd_record, mms_record_usage },
	{ "report", mms_cmd_report, mms_report_usage },
	{ "zones", mms_cmd_zones, mms_zones_usage },
	{ "frag", mms_cmd_frag, mms_frag_usage },
	{ "oom", mms_cmd_oom, mms_oom_usage },
	{ "modparams", mms_cmd_modparams, mms_modparams_usage },
};

int main(int argc, char **argv)
{
	struct sigaction sa;
	const char *env;
	size_t i;
	int c;

	opterr = 0;	/* mms_common_opt() says what is wrong, in one line */
	env = getenv("MMSCOPE_DEBUGFS");
	if (env && *env)
		mms_env.debugfs = env;

	/* "+": options up to the command are mmscope's own. */
	while ((c = getopt_long(argc, argv, "+" MMS_COMMON_SHORTOPTS,
				mms_main_opts, NULL)) != -1)
		if (mms_common_opt(c, optarg, argv))
			return MMS_EXIT_USAGE;
	if (optind >= argc) {
		fputs(mms_usage, stderr);
		return MMS_EXIT_USAGE;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mms_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	for (i = 0; i < ARRAY_SIZE(mms_cmds); i++) {
		if (strcmp(argv[optind], mms_cmds[i].name))
			continue;
		argc -= optind;
		argv += optind;
		optind = 0;	/* restart getopt for the subcommand */
		mms_cmd_usage = mms_cmds[i].usage;
		c = mms_cmds[i].run(argc, argv);
		if (fflush(stdout) || ferror(stdout)) {
			mms_err("cannot write the output: %s", strerror(errno));
			return MMS_EXIT_ERR;
		}
		return c;
	}
	mms_usage_error("unknown command '%s'", argv[optind]);
	return MMS_EXIT_USAGE;
}
