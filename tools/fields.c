// SPDX-License-Identifier: GPL-2.0
/*
 * A stream record's fields, decoded for text, JSON and Perfetto output.
 * The descriptors are derived from the UAPI's lists, as LTTng declares
 * each event's fields once: nothing here names a record type.
 */
#include <stddef.h>
#include <string.h>

#include "mms.h"
#include "fields.h"

static void fu(struct mms_fields *fs, const char *name, uint64_t v)
{
	if (fs->n < MMS_MAX_FIELDS)
		fs->f[fs->n++] = (struct mms_field){ .name = name, .kind = MMS_F_U64, .u = v };
}

static void fi(struct mms_fields *fs, const char *name, int64_t v)
{
	if (fs->n < MMS_MAX_FIELDS)
		fs->f[fs->n++] = (struct mms_field){ .name = name, .kind = MMS_F_S64, .i = v };
}

static void fx(struct mms_fields *fs, const char *name, uint64_t v)
{
	if (fs->n < MMS_MAX_FIELDS)
		fs->f[fs->n++] = (struct mms_field){ .name = name, .kind = MMS_F_HEX, .u = v };
}

static void fstr(struct mms_fields *fs, const char *name, const char *s,
		 size_t max)
{
	if (fs->n < MMS_MAX_FIELDS)
		fs->f[fs->n++] = (struct mms_field){
			.name = name, .kind = MMS_F_STR, .s = s,
			.slen = strnlen(s, max),
		};
}

/* A string constant. */
static void flit(struct mms_fields *fs, const char *name, const char *s)
{
	fstr(fs, name, s, strlen(s));
}

static const char *const mms_reclaimer_names[] = {
	"kswapd", "direct", "khugepaged", "memcg", "node",
};

static void freclaimer(struct mms_fields *fs, uint32_t r)
{
	const char *n = r < 5 ? mms_reclaimer_names[r] : "unknown";

	flit(fs, "reclaimer", n);
}

/*
 * The fields of each record type, from the UAPI's MMSCOPE_FIELDS_*() lists
 * (LTTng declares each event's fields once the same way): name, how the
 * field reads, and where it is in the payload.
 */
enum mms_fd_kind {
	MMS_FD_DEC, MMS_FD_HEX, MMS_FD_STR, MMS_FD_RECLAIMER, MMS_FD_OUTCOME,
	MMS_FD_TASKS,
};

struct mms_field_desc {
	const char *name;
	uint8_t kind;
	uint8_t size;
	uint8_t sign;
	uint16_t off;
};

struct mms_fd_list {
	const struct mms_field_desc *d;
	int n;
};

#define MMS_FD_MEMBER(st, f)	(((struct mmscope_rec_##st *)0)->f)
#define MMS_FD_AT(st, f, k, sg)						\
	{ #f, MMS_FD_##k, sizeof(MMS_FD_MEMBER(st, f)), (sg),		\
	  offsetof(struct mmscope_rec_##st, f) },
#define MMS_FD_SIGNED(st, f)	\
	((__typeof__(MMS_FD_MEMBER(st, f)))-1 < (__typeof__(MMS_FD_MEMBER(st, f)))1)
#define MMS_FD_DEC_(st, f)	MMS_FD_AT(st, f, DEC, MMS_FD_SIGNED(st, f))
#define MMS_FD_HEX_(st, f)	MMS_FD_AT(st, f, HEX, MMS_FD_SIGNED(st, f))
#define MMS_FD_RECLAIMER_(st, f) MMS_FD_AT(st, f, RECLAIMER, 0)
#define MMS_FD_OUTCOME_(st, f)	MMS_FD_AT(st, f, OUTCOME, 0)
#define MMS_FD_STR_(st, f)	MMS_FD_AT(st, f, STR, 0)
#define MMS_FD_TASKS_(st, f)	MMS_FD_AT(st, f, TASKS, 0)
#define MMS_FD(st, f, kind)	MMS_FD_##kind##_(st, f)

#define MMS_FD_LIST(type, name, payload, fields)			\
	static const struct mms_field_desc mms_fd_##type[] = {		\
		MMSCOPE_FIELDS_##fields(MMS_FD, payload)		\
	};
MMSCOPE_RECORDS(MMS_FD_LIST)

#define MMS_FD_ENTRY(type, name, payload, fields)			\
	[MMSCOPE_REC_##type] = { mms_fd_##type,				\
				 (int)(sizeof(mms_fd_##type) /		\
				       sizeof(mms_fd_##type[0])) },
static const struct mms_fd_list mms_fd_table[MMSCOPE_REC_NR] = {
	MMSCOPE_RECORDS(MMS_FD_ENTRY)
};

/* A scalar field's value, sign-extended as its C type is. */
static uint64_t mms_fd_value(const struct mms_field_desc *d, const uint8_t *p)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64 = 0;

	switch (d->size) {
	case 1:
		memcpy(&u8, p, 1);
		return d->sign ? (uint64_t)(int64_t)(int8_t)u8 : u8;
	case 2:
		memcpy(&u16, p, 2);
		return d->sign ? (uint64_t)(int64_t)(int16_t)u16 : u16;
	case 4:
		memcpy(&u32, p, 4);
		return d->sign ? (uint64_t)(int64_t)(int32_t)u32 : u32;
	default:
		memcpy(&u64, p, sizeof(u64));
		return u64;
	}
}

static const char *mms_outcome_name(uint32_t o)
{
	return o == MMSCOPE_EPISODE_OOM ? "oom" :
	       o == MMSCOPE_EPISODE_RECOVERED ? "recovered" : "unknown";
}

/* The episode's top tasks, each that has a pid. */
static void mms_fd_tasks(struct mms_fields *fs,
			 const struct mmscope_episode_task *t)
{
	static const char *const pid_n[] = { "top1_pid", "top2_pid", "top3_pid" };
	static const char *const comm_n[] = { "top1_comm", "top2_comm", "top3_comm" };
	static const char *const ns_n[] = {
		"top1_stall_ns", "top2_stall_ns", "top3_stall_ns" };
	int k;

	for (k = 0; k < MMSCOPE_EPISODE_TOP; k++) {
		if (!t[k].pid)
			continue;
		fi(fs, pid_n[k], t[k].pid);
		fstr(fs, comm_n[k], t[k].comm, MMSCOPE_COMM_LEN);
		fu(fs, ns_n[k], t[k].stall_ns);
	}
}

static void mms_fd_add(struct mms_fields *fs, const struct mms_field_desc *d,
		       const uint8_t *payload)
{
	const uint8_t *p = payload + d->off;
	uint64_t v;

	switch (d->kind) {
	case MMS_FD_STR:
		fstr(fs, d->name, (const char *)p, d->size);
		return;
	case MMS_FD_TASKS:
		mms_fd_tasks(fs, (const struct mmscope_episode_task *)p);
		return;
	}
	v = mms_fd_value(d, p);
	switch (d->kind) {
	case MMS_FD_DEC:
		if (d->sign)
			fi(fs, d->name, (int64_t)v);
		else
			fu(fs, d->name, v);
		break;
	case MMS_FD_HEX:
		fx(fs, d->name, v);
		break;
	case MMS_FD_RECLAIMER:
		freclaimer(fs, (uint32_t)v);
		break;
	case MMS_FD_OUTCOME:
		flit(fs, d->name, mms_outcome_name((uint32_t)v));
		break;
	}
}

/**
 * mms_event_fields() - the fields of @ev's type, decoded from its payload
 * @ev: a record of a type mms_event_known() knows
 * @fs: where they go, in the order the UAPI's list gives them
 */
void mms_event_fields(const struct mms_event *ev, struct mms_fields *fs)
{
	const struct mms_fd_list *l;
	int i;

	fs->n = 0;
	if (ev->h.type >= MMSCOPE_REC_NR)
		return;
	l = &mms_fd_table[ev->h.type];
	for (i = 0; i < l->n; i++)
		mms_fd_add(fs, &l->d[i], ev->u.raw);
}

/**
 * mms_event_field() - one field of @ev, by name
 * @ev: a record of a type mms_event_known() knows
 * @name: the field's name in the UAPI's list
 *
 * Return: its value as its descriptor reads it (sign-extended if its C
 * type is signed); 0 if @ev's type has no such field.
 */
int64_t mms_event_field(const struct mms_event *ev, const char *name)
{
	const struct mms_fd_list *l = &mms_fd_table[ev->h.type];
	int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->d[i].name, name))
			return (int64_t)mms_fd_value(&l->d[i],
						     ev->u.raw + l->d[i].off);
	return 0;
}

/* @fs as members of the JSON object @j has open. */
void mms_fields_json(struct mms_json *j, const struct mms_fields *fs)
{
	int i;

	for (i = 0; i < fs->n; i++) {
		const struct mms_field *f = &fs->f[i];

		switch (f->kind) {
		case MMS_F_U64:
		case MMS_F_HEX:
			mms_json_u64(j, f->name, f->u);
			break;
		case MMS_F_S64:
			mms_json_i64(j, f->name, f->i);
			break;
		case MMS_F_STR:
			mms_json_strn(j, f->name, f->s, f->slen);
			break;
		}
	}
}

/* @fs as " name=value" pairs, strings quoted as JSON quotes them. */
void mms_fields_text(FILE *out, const struct mms_fields *fs)
{
	int i;

	for (i = 0; i < fs->n; i++) {
		const struct mms_field *f = &fs->f[i];

		fprintf(out, " %s=", f->name);
		switch (f->kind) {
		case MMS_F_U64:
			fprintf(out, "%llu", (unsigned long long)f->u);
			break;
		case MMS_F_HEX:
			fprintf(out, "%#llx", (unsigned long long)f->u);
			break;
		case MMS_F_S64:
			fprintf(out, "%lld", (long long)f->i);
			break;
		case MMS_F_STR:
			/* Task names are anyone's: quote them as JSON does. */
			mms_json_write_string(out, f->s, f->slen);
			break;
		}
	}
}
