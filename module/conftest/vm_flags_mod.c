// SPDX-License-Identifier: GPL-2.0
/*
 * A vma's flags change through vm_flags_mod() ("mm: introduce
 * vm_flags_{set|clear|mod}", 6.3); before, by writing vma->vm_flags.
 */
#include <linux/mm.h>

static void __used mms_conftest(struct vm_area_struct *vma)
{
	vm_flags_mod(vma, VM_DONTCOPY, VM_MAYWRITE);
}
