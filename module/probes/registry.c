// SPDX-License-Identifier: GPL-2.0
/*
 * The probe registry: every probe of the module, tracepoint, kprobe or
 * kretprobe, is an entry of a group's table (probes/vmscan.c,
 * compaction.c, oom.c, zones.c) and is attached, reported and detached
 * here, by one path: disable=, the reasons debugfs "probes" shows, the
 * post-attach hooks and the detach order are the same for every probe.
 *
 * None of the vmscan, compaction or oom tracepoints is exported to modules,
 * so they are found with for_each_kernel_tracepoint() and attached with
 * tracepoint_probe_register().  Kprobes fill in what no tracepoint shows.
 * A tracepoint or function this kernel lacks, or one that refuses the
 * probe, degrades that probe alone: the load never fails for it, and
 * debugfs "probes" says why.
 */
#include <linux/bug.h>
#include <linux/kprobes.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "probes/probe.h"

static char *disable;
module_param(disable, charp, 0444);
MODULE_PARM_DESC(disable,
		 "comma-separated tracepoints and functions not to probe");

/* Whether @name is one of the comma-separated words of disable=. */
static bool mms_probe_disabled(const char *name)
{
	size_t len = strlen(name);
	const char *s = disable;

	while (s && *s) {
		if (!strncmp(s, name, len) && (s[len] == ',' || !s[len]))
			return true;
		s = strchr(s, ',');
		if (s)
			s++;
	}
	return false;
}

const char mms_probe_reason_disabled[] =
	"disabled by the disable= module parameter";
const char mms_probe_reason_no_symbol[] =
	"no such symbol in the running kernel (inlined or absent)";
/* mms_walk_tps()'s argument: which of the tracepoint probes to act on. */
#define MMS_TP_BEGINS	((void *)1UL)	/* begin events (.end set) */
#define MMS_TP_OTHERS	NULL		/* end events and unpaired ones */

static const char mms_probe_reason_no_end[] =
	"not attached: its end event is not";
static const char mms_probe_reason_no_begin[] =
	"not attached: its begin event is not";

struct mms_probe_group * const mms_probe_groups[] = {
	&mms_vmscan_group,
	&mms_compaction_group,
	&mms_oom_group,
	&mms_zones_group,
};

const unsigned int mms_nr_probe_groups = ARRAY_SIZE(mms_probe_groups);

/* Call @fn on every tracepoint probe of every group. */
static void mms_walk_tps(void (*fn)(struct mms_tp_probe *p, void *arg),
			 void *arg)
{
	unsigned int g, i;

	for (g = 0; g < mms_nr_probe_groups; g++)
		for (i = 0; i < mms_probe_groups[g]->nr_tps; i++)
			fn(&mms_probe_groups[g]->tps[i], arg);
}

/* Call @fn on every kprobe of every group. */
static void mms_walk_kps(void (*fn)(struct mms_kp_probe *k))
{
	unsigned int g, i;

	for (g = 0; g < mms_nr_probe_groups; g++)
		for (i = 0; i < mms_probe_groups[g]->nr_kps; i++)
			fn(&mms_probe_groups[g]->kps[i]);
}

/* Call @fn on every kretprobe of every group. */
static void mms_walk_krps(void (*fn)(struct mms_krp_probe *k))
{
	unsigned int g, i;

	for (g = 0; g < mms_nr_probe_groups; g++)
		for (i = 0; i < mms_probe_groups[g]->nr_krps; i++)
			fn(&mms_probe_groups[g]->krps[i]);
}

static void mms_tp_match_one(struct mms_tp_probe *p, void *arg)
{
	struct tracepoint *tp = arg;

	if (!p->tp && !strcmp(tp->name, p->name))
		p->tp = tp;
}

static void mms_tp_match(struct tracepoint *tp, void *priv)
{
	mms_walk_tps(mms_tp_match_one, tp);
}

/**
 * mms_probe_state_name() - name of a probe state, for debugfs
 * @state: the state
 *
 * Return: a static string.
 */
const char *mms_probe_state_name(enum mms_probe_state state)
{
	switch (state) {
	case MMS_PROBE_ATTACHED:
		return "attached";
	case MMS_PROBE_FAILED:
		return "failed";
	case MMS_PROBE_MISSING:
	default:
		return "missing";
	}
}

/* Why @p cannot be attached, whatever its pair; %NULL if it can. */
static const char *mms_tp_unavailable(const struct mms_tp_probe *p)
{
	if (!p->func)
		return p->reason;	/* set at build time */
	if (mms_probe_disabled(p->name))
		return mms_probe_reason_disabled;
	if (!p->tp)
		return "no such tracepoint in the running kernel";
	return NULL;
}

static void mms_tp_attach(struct mms_tp_probe *p, void *arg)
{
	bool begins = arg;
	const char *why;

	/* Ends and unpaired events first, then the begins. */
	if (!p->end != !begins)
		return;
	p->state = MMS_PROBE_MISSING;
	why = mms_tp_unavailable(p);
	if (why) {
		p->reason = why;
		return;
	}
	p->err = tracepoint_probe_register(p->tp, p->func, NULL);
	if (p->err) {
		p->state = MMS_PROBE_FAILED;
		p->reason = "tracepoint_probe_register() failed";
		return;
	}
	p->state = MMS_PROBE_ATTACHED;
	p->reason = NULL;
}

/* File what register_kprobe() or register_kretprobe() returned. */
static void mms_kp_registered(int err, enum mms_probe_state *state,
			      const char **reason, const char *failed)
{
	switch (err) {
	case 0:
		*state = MMS_PROBE_ATTACHED;
		*reason = NULL;
		break;
	case -ENOENT:
		*reason = mms_probe_reason_no_symbol;
		break;
	default:
		*state = MMS_PROBE_FAILED;
		*reason = failed;
		break;
	}
}

static void mms_kp_attach(struct mms_kp_probe *k)
{
	k->state = MMS_PROBE_MISSING;
	if (mms_probe_disabled(k->symbol)) {
		k->reason = mms_probe_reason_disabled;
		return;
	}
	memset(&k->kp, 0, sizeof(k->kp));
	k->kp.symbol_name = k->symbol;
	k->kp.pre_handler = k->handler;
	k->err = register_kprobe(&k->kp);
	mms_kp_registered(k->err, &k->state, &k->reason,
			  "register_kprobe() failed");
}

static void mms_krp_attach(struct mms_krp_probe *k)
{
	k->state = MMS_PROBE_MISSING;
	if (mms_probe_disabled(k->symbol)) {
		k->reason = mms_probe_reason_disabled;
		return;
	}
	memset(&k->krp, 0, sizeof(k->krp));
	k->krp.kp.symbol_name = k->symbol;
	k->krp.entry_handler = k->entry;
	k->krp.handler = k->handler;
	k->krp.data_size = k->data_size;
	k->krp.maxactive = k->maxactive;
	k->err = register_kretprobe(&k->krp);
	mms_kp_registered(k->err, &k->state, &k->reason,
			  "register_kretprobe() failed");
}

static void mms_krp_detach(struct mms_krp_probe *k)
{
	if (k->state != MMS_PROBE_ATTACHED)
		return;
	/* Returns once no handler of this kretprobe is running. */
	unregister_kretprobe(&k->krp);
	k->state = MMS_PROBE_MISSING;
	k->reason = "detached";
}

static void mms_kp_detach(struct mms_kp_probe *k)
{
	if (k->state != MMS_PROBE_ATTACHED)
		return;
	/* Returns once no handler of this kprobe is running. */
	unregister_kprobe(&k->kp);
	k->state = MMS_PROBE_MISSING;
	k->reason = "detached";
}

static void mms_tp_detach(struct mms_tp_probe *p, void *arg)
{
	bool begins = arg;

	/* Begins first (arg true), so that no end is missed after one. */
	if (!p->end != !begins || p->state != MMS_PROBE_ATTACHED)
		return;
	WARN_ON_ONCE(tracepoint_probe_unregister(p->tp, p->func, NULL));
	p->state = MMS_PROBE_MISSING;
	p->reason = "detached";
}

/* The tracepoint probe of @grp named @name, or %NULL. */
static struct mms_tp_probe *mms_tp_find(struct mms_probe_group *grp,
					const char *name)
{
	unsigned int i;

	for (i = 0; i < grp->nr_tps; i++)
		if (!strcmp(grp->tps[i].name, name))
			return &grp->tps[i];
	return NULL;
}

/*
 * Attach each begin event whose end event is attached, and leave
 * unattached the end of a begin that could not be: the pair is whole or
 * absent, so that no per-task state is opened that nothing closes.
 */
static void mms_tp_attach_begins(void)
{
	unsigned int g, i;

	for (g = 0; g < mms_nr_probe_groups; g++) {
		struct mms_probe_group *grp = mms_probe_groups[g];

		for (i = 0; i < grp->nr_tps; i++) {
			struct mms_tp_probe *p = &grp->tps[i];
			struct mms_tp_probe *end;

			if (!p->end)
				continue;
			end = mms_tp_find(grp, p->end);
			if (end && end->state == MMS_PROBE_ATTACHED)
				mms_tp_attach(p, MMS_TP_BEGINS);
			if (p->state == MMS_PROBE_ATTACHED)
				continue;
			if (!end || end->state != MMS_PROBE_ATTACHED) {
				/* Its own reason, if it has one, comes first. */
				p->state = MMS_PROBE_MISSING;
				p->reason = mms_tp_unavailable(p) ?:
					    mms_probe_reason_no_end;
				continue;
			}
			mms_tp_detach(end, MMS_TP_OTHERS);
			end->reason = mms_probe_reason_no_begin;
		}
	}
}

static void mms_tp_post_attach(struct mms_tp_probe *p, void *arg)
{
	if (p->state == MMS_PROBE_ATTACHED && p->post_attach)
		p->post_attach(p->post_arg);
}

static void mms_kp_post_attach(struct mms_kp_probe *k)
{
	if (k->state == MMS_PROBE_ATTACHED && k->post_attach)
		k->post_attach(k->post_arg);
}

static void mms_krp_post_attach(struct mms_krp_probe *k)
{
	if (k->state == MMS_PROBE_ATTACHED && k->post_attach)
		k->post_attach(k->post_arg);
}

/**
 * mms_probes_attach() - attach every probe that this kernel allows
 *
 * Probes that cannot attach are marked missing or failed, with a reason.
 * Once all are attached, the post-attach hook of each attached probe runs.
 *
 * Context: process context, module init.
 */
void mms_probes_attach(void)
{
	for_each_kernel_tracepoint(mms_tp_match, NULL);
	mms_walk_tps(mms_tp_attach, MMS_TP_OTHERS);
	mms_tp_attach_begins();
	mms_walk_kps(mms_kp_attach);
	mms_walk_krps(mms_krp_attach);
	mms_walk_tps(mms_tp_post_attach, NULL);
	mms_walk_kps(mms_kp_post_attach);
	mms_walk_krps(mms_krp_post_attach);
}

/**
 * mms_probes_detach() - detach every attached probe, and wait for handlers
 *	still running on other CPUs to return
 *
 * After this returns no handler runs, so the data they touch may be freed.
 *
 * Context: process context, may sleep.
 */
void mms_probes_detach(void)
{
	mms_walk_krps(mms_krp_detach);
	mms_walk_kps(mms_kp_detach);
	mms_walk_tps(mms_tp_detach, MMS_TP_BEGINS);
	mms_walk_tps(mms_tp_detach, MMS_TP_OTHERS);
	tracepoint_synchronize_unregister();
}
