/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A stream record's fields, decoded for any output: which fields each type
 * has, their kinds and where they are in the payload all come from the
 * UAPI's lists (MMSCOPE_FIELDS_*() of <linux/mmscope_records.h>).
 */
#ifndef MMS_FIELDS_H
#define MMS_FIELDS_H

#include <stdint.h>
#include <stdio.h>

#include "recfile.h"

struct mms_json;

enum mms_kind { MMS_F_U64, MMS_F_S64, MMS_F_STR, MMS_F_HEX };

/**
 * struct mms_field - one decoded field of a record, for any output
 * @name: its name
 * @kind: how to print it
 * @u: unsigned or hex value
 * @i: signed value
 * @s: string, not necessarily NUL-terminated
 * @slen: its length
 */
struct mms_field {
	const char *name;
	enum mms_kind kind;
	uint64_t u;
	int64_t i;
	const char *s;
	size_t slen;
};

#define MMS_MAX_FIELDS	40

struct mms_fields {
	struct mms_field f[MMS_MAX_FIELDS];
	int n;
};

void mms_event_fields(const struct mms_event *ev, struct mms_fields *fs);
int64_t mms_event_field(const struct mms_event *ev, const char *name);
void mms_fields_json(struct mms_json *j, const struct mms_fields *fs);
void mms_fields_text(FILE *out, const struct mms_fields *fs);

#endif /* MMS_FIELDS_H */
