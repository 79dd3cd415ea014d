// SPDX-License-Identifier: GPL-2.0
/*
 * Finding and reading the module's views, with one clear line for each
 * way that can fail: debugfs not mounted, module not loaded, permission
 * denied, an ABI this command does not speak, a view this module lacks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/mmscope.h>

#include "mms.h"

#define MMS_DEBUGFS_MOUNT	"/sys/kernel/debug"

/* Views are small; anything larger than this is not one of them. */
#define MMS_VIEW_MAX		(16 << 20)

static bool mms_debugfs_mounted(void)
{
	char line[512], dev[128], dir[256], type[64];
	bool found = false;
	FILE *f = fopen("/proc/mounts", "r");

	if (!f)
		return true;	/* cannot tell: let the read say what is wrong */
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %255s %63s", dev, dir, type) == 3 &&
		    !strcmp(dir, MMS_DEBUGFS_MOUNT) && !strcmp(type, "debugfs"))
			found = true;
	fclose(f);
	return found;
}

/* Explain why the view directory cannot be reached; @err is its errno. */
static void mms_explain_dir(int err)
{
	const char *dir = mms_env.debugfs;
	bool standard = !strcmp(dir, MMSCOPE_DEBUGFS_DIR);
	struct stat st;

	if (err == EACCES || err == EPERM) {
		mms_err("permission denied reading %s: debugfs is readable by root only; run mmscope as root",
			dir);
		return;
	}
	if (err != ENOENT && err != ENOTDIR) {
		mms_err("cannot read %s: %s", dir, strerror(err));
		return;
	}
	if (err == ENOTDIR) {
		mms_err("%s is not a directory: give --debugfs the module's debugfs directory",
			dir);
		return;
	}
	if (!standard) {
		mms_err("%s does not exist: give --debugfs the module's debugfs directory",
			dir);
		return;
	}
	if (!mms_debugfs_mounted()) {
		mms_err("debugfs is not mounted: mount it with 'mount -t debugfs none %s'",
			MMS_DEBUGFS_MOUNT);
		return;
	}
	if (stat("/sys/module/mmscope", &st) == 0) {
		mms_err("the mmscope module is loaded but %s is missing: reload the module (rmmod mmscope; modprobe mmscope)",
			dir);
		return;
	}
	mms_err("the mmscope module is not loaded: load it with 'modprobe mmscope' (or 'insmod mmscope.ko')");
}

bool mms_source_open(void)
{
	unsigned int major, minor;
	char path[4096];
	struct stat st;
	char *text;
	int fd;

	if (stat(mms_env.debugfs, &st) != 0) {
		mms_explain_dir(errno);
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		mms_explain_dir(ENOTDIR);
		return false;
	}
	snprintf(path, sizeof(path), "%s/version", mms_env.debugfs);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (errno == ENOENT)
			mms_err("%s is not an mmscope debugfs directory (no version file): reload the module",
				mms_env.debugfs);
		else
			mms_explain_dir(errno);
		return false;
	}
	close(fd);
	text = mms_source_read("version");
	if (!text)
		return false;
	if (!mms_parse_abi(text, &major, &minor)) {
		mms_err("%s has no 'abi MAJOR.MINOR' line: this module is not one mmscope knows; use the mmscope command built with it",
			path);
		free(text);
		return false;
	}
	free(text);
	if (major != MMSCOPE_ABI_MAJOR) {
		mms_err("ABI version mismatch: the module speaks ABI %u.%u, this mmscope ABI %u.%u; use the mmscope command built with the module",
			major, minor, MMSCOPE_ABI_MAJOR, MMSCOPE_ABI_MINOR);
		return false;
	}
	return true;
}

bool mms_source_has(const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", mms_env.debugfs, name);
	return access(path, F_OK) == 0;
}

char *mms_source_read(const char *name)
{
	size_t len = 0, cap = 8192;
	char path[4096], *buf;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", mms_env.debugfs, name);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (errno == EACCES || errno == EPERM)
			mms_err("permission denied reading %s: run mmscope as root",
				path);
		else if (errno == ENOENT && !mms_source_has("version"))
			mms_err("%s vanished: the mmscope module was unloaded",
				path);
		else
			mms_err("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(cap);
	if (!buf)
		goto out_of_memory;
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			char *nb;

			if (cap >= MMS_VIEW_MAX) {
				mms_err("%s is larger than %d MiB: not an mmscope view",
					path, MMS_VIEW_MAX >> 20);
				goto free_buf;
			}
			nb = realloc(buf, cap * 2);
			if (!nb)
				goto out_of_memory;
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			mms_err("cannot read %s: %s", path, strerror(errno));
			goto free_buf;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(fd);
	return buf;

out_of_memory:
	mms_err("out of memory reading %s", path);
free_buf:
	free(buf);
	close(fd);
	return NULL;
}

int mms_source_read_kv(const char *name, struct mms_kvset *set)
{
	size_t before = set->malformed, i = set->n;
	char *text = mms_source_read(name);
	int ret;

	if (!text)
		return -1;
	ret = mms_kv_parse(set, text);
	if (ret)
		mms_err("out of memory reading %s/%s", mms_env.debugfs, name);
	free(text);
	/* Said once per read, naming the first such figure: shown as '-'. */
	for (; !ret && set->malformed > before && i < set->n; i++)
		if (set->kv[i].malformed) {
			mms_err("%s/%s: the value of '%s' is not a number: shown as unavailable; use the mmscope command built with the module",
				mms_env.debugfs, name, set->kv[i].name);
			break;
		}
	return ret;
}

int mms_unsupported(const char *what, const char *view)
{
	mms_err("%s is not supported by this module version (it has no %s/%s): update the module",
		what, mms_env.debugfs, view);
	return MMS_EXIT_ERR;
}
