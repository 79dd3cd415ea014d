/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Options every subcommand accepts, so that "mmscope --json stat" and
 * "mmscope stat --json" mean the same.
 */
#ifndef MMS_OPTS_H
#define MMS_OPTS_H

#include <getopt.h>

#define MMS_COMMON_SHORTOPTS	"jTd:hV"
#define MMS_COMMON_LONGOPTS				\
	{ "json", no_argument, NULL, 'j' },		\
	{ "timestamp", no_argument, NULL, 'T' },	\
	{ "debugfs", required_argument, NULL, 'd' },	\
	{ "help", no_argument, NULL, 'h' },		\
	{ "version", no_argument, NULL, 'V' }

/*
 * Handle a common option (or getopt's '?', with opterr 0): 0 if handled,
 * -1 after saying what is wrong in one line; exits for --help and
 * --version.  @argv is what getopt_long() was given.
 */
int mms_common_opt(int c, const char *arg, char **argv);

/* "mmscope: WHAT; see mmscope --help" on stderr. */
void mms_usage_error(const char *fmt, ...) __printf(1, 2);

#endif /* MMS_OPTS_H */
