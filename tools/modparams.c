// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope modparams: the module parameters that describe this kernel's
 * private layouts, read from its BTF, for insmod and modprobe:
 *
 *   modprobe mmscope $(mmscope modparams)
 *
 * Today one layout: where struct compact_control (mm/internal.h) keeps
 * total_migrate_scanned and total_free_scanned, the per-run totals that
 * compact_zone() adds to /proc/vmstat's compact_*_scanned just before
 * mm_compaction_end.  With them the module reads those totals there, and
 * its compact_*_scanned are the kernel's, exactly.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mms.h"
#include "opts.h"

#define MMS_BTF_VMLINUX	"/sys/kernel/btf/vmlinux"

static const struct {
	const char *param;
	const char *member;
} mms_cc_params[] = {
	{ "cc_migrate_scanned_offset", "total_migrate_scanned" },
	{ "cc_free_scanned_offset", "total_free_scanned" },
};

static const struct option mms_modparams_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ "btf", required_argument, NULL, 'b' },
	{ "offsetof", required_argument, NULL, 'O' },
	{ 0 }
};

/* "STRUCT.MEMBER": its byte offset and size, on one line. */
static int mms_modparams_offsetof(const struct mms_btf *b, const char *arg)
{
	const char *dot = strchr(arg, '.');
	char st[128];
	long off, size;
	int err;

	if (!dot || dot == arg || !dot[1] || (size_t)(dot - arg) >= sizeof(st)) {
		mms_usage_error("modparams: --offsetof wants STRUCT.MEMBER, not '%s'",
				arg);
		return MMS_EXIT_USAGE;
	}
	memcpy(st, arg, dot - arg);
	st[dot - arg] = '\0';
	err = mms_btf_member(b, st, dot + 1, &off, &size);
	if (err) {
		mms_err("no scalar member %s in the BTF: %s", arg,
			err == -ENOENT ? "no such struct" :
			err == -ESRCH ? "no such member" :
			"a bitfield or not a scalar");
		return MMS_EXIT_ERR;
	}
	printf("%ld %ld\n", off, size);
	return MMS_EXIT_OK;
}

int mms_cmd_modparams(int argc, char **argv)
{
	const char *path = MMS_BTF_VMLINUX, *query = NULL;
	long off[ARRAY_SIZE(mms_cc_params)];
	struct mms_btf b;
	size_t i;
	int c, err, ret = MMS_EXIT_OK;

	while ((c = getopt_long(argc, argv, MMS_COMMON_SHORTOPTS "b:O:",
				mms_modparams_opts, NULL)) != -1) {
		if (c == 'b')
			path = optarg;
		else if (c == 'O')
			query = optarg;
		else if (mms_common_opt(c, optarg, argv))
			return MMS_EXIT_USAGE;
	}
	if (optind < argc) {
		mms_usage_error("modparams: unexpected '%s'", argv[optind]);
		return MMS_EXIT_USAGE;
	}
	err = mms_btf_open(&b, path);
	if (err) {
		mms_err("cannot read the kernel's BTF from %s: %s%s", path,
			err == -EPROTO ? "not BTF" : strerror(-err),
			err == -ENOENT ? " (a kernel without CONFIG_DEBUG_INFO_BTF)" : "");
		return MMS_EXIT_ERR;
	}
	if (query) {
		ret = mms_modparams_offsetof(&b, query);
		goto close_btf;
	}
	for (i = 0; i < ARRAY_SIZE(mms_cc_params); i++) {
		long size;

		err = mms_btf_member(&b, "compact_control",
				     mms_cc_params[i].member, &off[i], &size);
		if (err || size != sizeof(long)) {
			mms_err("struct compact_control has no unsigned long %s in %s: load the module without its parameters (compact_*_scanned then come from events)",
				mms_cc_params[i].member, path);
			ret = MMS_EXIT_ERR;
			goto close_btf;
		}
	}
	for (i = 0; i < ARRAY_SIZE(mms_cc_params); i++)
		printf("%s%s=%ld", i ? " " : "", mms_cc_params[i].param, off[i]);
	putchar('\n');
close_btf:
	mms_btf_close(&b);
	return ret;
}
