// SPDX-License-Identifier: GPL-2.0
#include "mms.h"

int mms_cmd_record(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return mms_unsupported("record", "stream");
}

int mms_cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return mms_unsupported("report", "stream");
}
