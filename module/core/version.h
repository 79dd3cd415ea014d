/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's version, shown by debugfs "version" and modinfo.
 */
#ifndef _MMS_CORE_VERSION_H
#define _MMS_CORE_VERSION_H

#define MMSCOPE_VERSION	"0.1.0"

#endif /* _MMS_CORE_VERSION_H */
