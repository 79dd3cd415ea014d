// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope zones: each zone's free pages against its watermarks, drawn as
 * a ladder, with the decomposition of the watermarks into the kernel's
 * formula (the module's "zones" view);
 * mmscope frag: per zone and order, free blocks, blocks large enough,
 * fragmentation index and unusable index (its "frag" and "buddy" views).
 */
#include <stdlib.h>
#include <string.h>

#include "mms.h"
#include "opts.h"

#define MMS_BAR		50

/* A view's lines, parsed; the text is kept for the pointers. */
struct mms_view {
	char *text;
	struct mms_line *lines;
	int n;
};

static int mms_view_load(struct mms_view *v, const char *name)
{
	char *p, *line;
	int cap = 0;

	memset(v, 0, sizeof(*v));
	v->text = mms_source_read(name);
	if (!v->text)
		return -1;
	p = v->text;
	while ((line = mms_next_line(&p))) {
		if (v->n == cap) {
			struct mms_line *nl;

			cap = cap ? cap * 2 : 64;
			nl = realloc(v->lines, (size_t)cap * sizeof(*nl));
			if (!nl) {
				mms_err("out of memory");
				return -1;
			}
			v->lines = nl;
		}
		mms_line_parse(line, &v->lines[v->n++]);
	}
	return 0;
}

static void mms_view_free(struct mms_view *v)
{
	free(v->lines);
	free(v->text);
}

/* The first line of @type for the same node and zone as @l, or NULL. */
static const struct mms_line *mms_view_find(const struct mms_view *v,
					    const char *type,
					    const struct mms_line *l)
{
	const char *node = mms_line_get(l, "node"), *zone = mms_line_get(l, "zone");
	int i;

	for (i = 0; i < v->n; i++) {
		const struct mms_line *c = &v->lines[i];
		const char *cn = mms_line_get(c, "node"), *cz = mms_line_get(c, "zone");

		if (!strcmp(c->type, type) && cn && cz && node && zone &&
		    !strcmp(cn, node) && !strcmp(cz, zone))
			return c;
	}
	return NULL;
}

static void mms_json_line(struct mms_json *j, const char *key,
			  const struct mms_line *l)
{
	int i;

	mms_json_obj(j, key);
	for (i = 0; i < l->nf; i++)
		mms_json_value(j, l->key[i], l->val[i]);
	mms_json_end_obj(j);
}

static const char *mms_zone_state(uint64_t free, uint64_t min, uint64_t low,
				  uint64_t high)
{
	if (free < min)
		return "below min: allocations stall in direct reclaim";
	if (free < low)
		return "between min and low: kswapd is woken";
	if (free < high)
		return "between low and high: kswapd reclaims up to high";
	return "above high";
}

/*
 * The ladder: 0 .. 2 * high, linear, so that the watermarks are apart;
 * '#' up to the free pages ('>' at the end when there are more), and the
 * watermarks as m, l and h.
 */
static void mms_draw_ladder(uint64_t free, uint64_t min, uint64_t low,
			    uint64_t high)
{
	uint64_t top = high ? 2 * high : (free ? free : 1);
	char bar[MMS_BAR + 1];
	int i, f;

	f = free >= top ? MMS_BAR : (int)(free * MMS_BAR / top);
	for (i = 0; i < MMS_BAR; i++)
		bar[i] = i < f ? '#' : ' ';
	if (free > top)
		bar[MMS_BAR - 1] = '>';
	bar[MMS_BAR] = '\0';
	bar[(int)(min * (MMS_BAR - 1) / top)] = 'm';
	bar[(int)(low * (MMS_BAR - 1) / top)] = 'l';
	bar[(int)(high * (MMS_BAR - 1) / top)] = 'h';
	printf("    0 |%s| %llu\n", bar, (unsigned long long)top);
}

static void mms_print_decomp(const struct mms_line *d)
{
	const char *g = d ? mms_line_get(d, "formula") : NULL;

	if (!g)
		return;
	if (!strcmp(g, "unknown")) {
		printf("    decomposition: unknown (the module could not read min_free_kbytes or watermark_scale_factor)\n");
		return;
	}
	printf("    min = min_free_kbytes %s -> %s pages over all lowmem zones (%s pages), this zone's share by managed pages: %s\n",
	       mms_line_get(d, "min_free_kbytes") ?: "?",
	       mms_line_get(d, "pages_min") ?: "?",
	       mms_line_get(d, "lowmem_pages") ?: "?",
	       mms_line_get(d, "formula_min") ?: "?");
	printf("    gap = max(min/4 = %s, managed * watermark_scale_factor %s / 10000 = %s) = %s (%s)\n",
	       mms_line_get(d, "quarter") ?: "?",
	       mms_line_get(d, "watermark_scale_factor") ?: "?",
	       mms_line_get(d, "scaled") ?: "?", mms_line_get(d, "gap") ?: "?",
	       mms_line_get(d, "branch") ?: "?");
	printf("    low = min + gap = %s, high = min + 2 * gap = %s: %s\n",
	       mms_line_get(d, "formula_low") ?: "?",
	       mms_line_get(d, "formula_high") ?: "?",
	       !strcmp(g, "match") ? "the kernel's levels, exactly" :
	       "not the kernel's levels, which it computed when managed pages were different (at boot, before initrd and __init memory were freed)");
}

static const struct option mms_zone_opts[] = {
	MMS_COMMON_LONGOPTS,
	{ 0 }
};

static int mms_zone_cmd_open(int argc, char **argv, const char *what,
			     const char *view)
{
	int c;

	while ((c = getopt_long(argc, argv, MMS_COMMON_SHORTOPTS,
				mms_zone_opts, NULL)) != -1)
		if (mms_common_opt(c, optarg, argv))
			return MMS_EXIT_USAGE;
	if (optind < argc) {
		mms_usage_error("%s: unexpected '%s'", what, argv[optind]);
		return MMS_EXIT_USAGE;
	}
	if (!mms_source_open())
		return MMS_EXIT_ERR;
	if (!mms_source_has(view))
		return mms_unsupported(what, view);
	return MMS_EXIT_OK;
}

int mms_cmd_zones(int argc, char **argv)
{
	struct mms_json j;
	struct mms_view v;
	int i, ret, shown = 0;

	ret = mms_zone_cmd_open(argc, argv, "zones", "zones");
	if (ret)
		return ret;
	if (mms_view_load(&v, "zones")) {
		mms_view_free(&v);
		return MMS_EXIT_ERR;
	}
	if (mms_env.json) {
		mms_json_init(&j, stdout);
		mms_json_obj(&j, NULL);
		mms_json_arr(&j, "zones");
	}
	for (i = 0; i < v.n; i++) {
		const struct mms_line *l = &v.lines[i];
		uint64_t free, min, low, high, boost = 0, managed = 0;

		if (strcmp(l->type, "zone"))
			continue;
		mms_line_u64(l, "managed", &managed);
		if (!managed || !mms_line_u64(l, "free", &free) ||
		    !mms_line_u64(l, "min", &min) || !mms_line_u64(l, "low", &low) ||
		    !mms_line_u64(l, "high", &high))
			continue;	/* empty zones, or lines from the future */
		mms_line_u64(l, "boost", &boost);
		shown++;
		if (mms_env.json) {
			const struct mms_line *d = mms_view_find(&v, "decomp", l);

			mms_json_obj(&j, NULL);
			for (ret = 0; ret < l->nf; ret++)
				mms_json_value(&j, l->key[ret], l->val[ret]);
			if (d)
				mms_json_line(&j, "decomposition", d);
			mms_json_str(&j, "state", mms_zone_state(free, min, low, high));
			mms_json_end_obj(&j);
			continue;
		}
		printf("node %s zone %-8s free %llu pages of %llu managed: %s\n",
		       mms_line_get(l, "node"), mms_line_get(l, "zone"),
		       (unsigned long long)free, (unsigned long long)managed,
		       mms_zone_state(free, min, low, high));
		mms_draw_ladder(free, min, low, high);
		printf("    min %llu, low %llu, high %llu pages", (unsigned long long)min,
		       (unsigned long long)low, (unsigned long long)high);
		if (boost)
			printf(": the kernel's %s, %s, %s raised by watermark_boost %llu",
			       mms_line_get(l, "min_base") ?: "?",
			       mms_line_get(l, "low_base") ?: "?",
			       mms_line_get(l, "high_base") ?: "?",
			       (unsigned long long)boost);
		printf("\n");
		mms_print_decomp(mms_view_find(&v, "decomp", l));
		printf("\n");
	}
	if (mms_env.json) {
		mms_json_end_arr(&j);
		mms_json_end_obj(&j);
		mms_json_done(&j);
	}
	mms_view_free(&v);
	if (!shown) {
		mms_err("%s/zones has no populated zone: use the mmscope command built with the module",
			mms_env.debugfs);
		return MMS_EXIT_ERR;
	}
	return MMS_EXIT_OK;
}

int mms_cmd_frag(int argc, char **argv)
{
	struct mms_view v, b = { 0 };
	const char *zone = NULL, *node = NULL;
	struct mms_json j;
	int i, ret, shown = 0;

	ret = mms_zone_cmd_open(argc, argv, "frag", "frag");
	if (ret)
		return ret;
	if (mms_view_load(&v, "frag") ||
	    (mms_source_has("buddy") && mms_view_load(&b, "buddy"))) {
		mms_view_free(&v);
		mms_view_free(&b);
		return MMS_EXIT_ERR;
	}
	if (mms_env.json) {
		mms_json_init(&j, stdout);
		mms_json_obj(&j, NULL);
		mms_json_arr(&j, "frag");
	}
	for (i = 0; i < v.n; i++) {
		const struct mms_line *l = &v.lines[i], *bl = NULL;
		const char *n = mms_line_get(l, "node"), *z = mms_line_get(l, "zone");
		const char *o = mms_line_get(l, "order");
		int k;

		if (strcmp(l->type, "frag") || !n || !z || !o)
			continue;
		for (k = 0; k < b.n && !bl; k++) {
			const struct mms_line *c = &b.lines[k];
			const char *cn = mms_line_get(c, "node"), *cz = mms_line_get(c, "zone");
			const char *co = mms_line_get(c, "order");

			if (!strcmp(c->type, "buddy") && cn && cz && co &&
			    !strcmp(cn, n) && !strcmp(cz, z) && !strcmp(co, o))
				bl = c;
		}
		shown++;
		if (mms_env.json) {
			mms_json_obj(&j, NULL);
			for (k = 0; k < l->nf; k++)
				mms_json_value(&j, l->key[k], l->val[k]);
			if (bl)
				mms_json_value(&j, "nr_free", mms_line_get(bl, "nr_free") ?: "-");
			mms_json_end_obj(&j);
			continue;
		}
		if (!zone || strcmp(zone, z) || strcmp(node, n)) {
			zone = z;
			node = n;
			printf("%snode %s zone %s\n", shown > 1 ? "\n" : "", n, z);
			printf("%5s %12s %12s %12s %10s %10s\n", "order", "free_blocks",
			       "free_pages", "suitable", "frag_idx", "unusable");
		}
		printf("%5s %12s %12s %12s %10s %10s\n", o,
		       bl ? mms_line_get(bl, "nr_free") ?: "-" : "-",
		       mms_line_get(l, "free_pages") ?: "-",
		       mms_line_get(l, "suitable_blocks") ?: "-",
		       mms_line_get(l, "fragmentation_index") ?: "-",
		       mms_line_get(l, "unusable_index") ?: "-");
	}
	if (mms_env.json) {
		mms_json_end_arr(&j);
		mms_json_end_obj(&j);
		mms_json_done(&j);
	} else if (shown) {
		printf("\nfree_blocks: blocks of that order free (buddy); suitable: free blocks of that order or larger;\n"
		       "frag_idx: -1.000 when an allocation of that order succeeds, else towards 0 for lack of\n"
		       "memory, towards 1 for fragmentation; unusable: the share of free memory in smaller blocks.\n");
	}
	mms_view_free(&v);
	mms_view_free(&b);
	if (!shown) {
		mms_err("%s/frag has no frag line: use the mmscope command built with the module",
			mms_env.debugfs);
		return MMS_EXIT_ERR;
	}
	return MMS_EXIT_OK;
}
