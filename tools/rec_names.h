/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The record types' names, as the mmscope command prints them: one table
 * for the command and the guest's stream reader (tests/workloads/mmsread.c),
 * derived from MMSCOPE_RECORDS() of <linux/mmscope_records.h>.
 */
#ifndef MMSCOPE_REC_NAMES_H
#define MMSCOPE_REC_NAMES_H

#include <linux/mmscope.h>

#define MMS_REC_NAME(type, name, payload, fields)	[MMSCOPE_REC_##type] = #name,

/* From the one list of record types, MMSCOPE_RECORDS() of the UAPI. */
static const char *const mms_rec_names[MMSCOPE_REC_NR] = {
	MMSCOPE_RECORDS(MMS_REC_NAME)
};

#undef MMS_REC_NAME

#endif /* MMSCOPE_REC_NAMES_H */
