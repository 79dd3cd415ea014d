// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/mmscope: the event stream's character device.
 *
 * A misc device, mode 0600, opened read-only by holders of CAP_PERFMON or
 * CAP_SYS_ADMIN.  read() returns whole records, blocking unless
 * O_NONBLOCK; poll() says when some are pending; the ioctls of
 * <linux/mmscope.h> configure the stream; mmap() shows one CPU's ring
 * read-only.  Readers are woken in batches: by the writer that fills half
 * a ring (through irq_work, which is NMI-safe), and every
 * MMS_STREAM_FLUSH_MS by a delayed work while anyone waits.  Every open
 * file holds a reference on the module (.owner), so rmmod is refused
 * while one is open or mapped.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "generated/conftest.h"
#include "stream/stream.h"
#include "stream/stream_core.h"

#define MMS_STREAM_FLUSH_MS	50

static void mms_stream_flush(struct work_struct *work);
static DECLARE_DELAYED_WORK(mms_stream_flush_work, mms_stream_flush);

/* Wake waiting readers if there is anything, while anyone waits. */
static void mms_stream_flush(struct work_struct *work)
{
	if (!wq_has_sleeper(&mms_stream_wq))
		return;
	if (mms_stream_has_data())
		wake_up_interruptible(&mms_stream_wq);
	schedule_delayed_work(&mms_stream_flush_work,
			      msecs_to_jiffies(MMS_STREAM_FLUSH_MS));
}

static void mms_stream_arm_flush(void)
{
	schedule_delayed_work(&mms_stream_flush_work,
			      msecs_to_jiffies(MMS_STREAM_FLUSH_MS));
}

static int mms_dev_open(struct inode *inode, struct file *file)
{
	if (!perfmon_capable())
		return -EPERM;
	/* Read-only: no mapping may ever be made writable. */
	if (file->f_mode & FMODE_WRITE)
		return -EINVAL;
	return nonseekable_open(inode, file);
}

static ssize_t mms_dev_read(struct file *file, char __user *buf, size_t len,
			    loff_t *ppos)
{
	ssize_t ret;

	for (;;) {
		if (mutex_lock_interruptible(&mms_stream_mutex))
			return -ERESTARTSYS;
		ret = mms_stream_read(buf, len);
		mutex_unlock(&mms_stream_mutex);
		if (ret)
			return ret;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		mms_stream_arm_flush();
		if (wait_event_interruptible(mms_stream_wq,
					     mms_stream_has_data()))
			return -ERESTARTSYS;
		/* Another reader may have been faster, or a writer slower. */
		cond_resched();
	}
}

static __poll_t mms_dev_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &mms_stream_wq, wait);
	if (mms_stream_has_data())
		return EPOLLIN | EPOLLRDNORM;
	mms_stream_arm_flush();
	return 0;
}

static long mms_dev_ioctl_locked(unsigned int cmd, void __user *argp)
{
	struct mmscope_cpu_stats stats;
	struct mmscope_config config;
	struct mmscope_version v;
	u64 mask;
	u32 val;
	int ret;

	switch (cmd) {
	case MMSCOPE_IOC_VERSION:
		v = (struct mmscope_version) {
			.major = MMSCOPE_ABI_MAJOR,
			.minor = MMSCOPE_ABI_MINOR,
			.header_size = sizeof(struct mmscope_rec_header),
			.slot_size = MMSCOPE_SLOT_SIZE,
		};
		return copy_to_user(argp, &v, sizeof(v)) ? -EFAULT : 0;
	case MMSCOPE_IOC_GET_CONFIG:
		mms_stream_get_config(&config);
		return copy_to_user(argp, &config, sizeof(config)) ? -EFAULT : 0;
	case MMSCOPE_IOC_SET_MASK:
		if (copy_from_user(&mask, argp, sizeof(mask)))
			return -EFAULT;
		return mms_stream_set_mask(mask);
	case MMSCOPE_IOC_SET_MODE:
		if (copy_from_user(&val, argp, sizeof(val)))
			return -EFAULT;
		return mms_stream_set_mode(val);
	case MMSCOPE_IOC_RESIZE:
		if (copy_from_user(&val, argp, sizeof(val)))
			return -EFAULT;
		return mms_stream_resize(val);
	case MMSCOPE_IOC_START:
		mms_stream_start();
		return 0;
	case MMSCOPE_IOC_STOP:
		mms_stream_stop();
		return 0;
	case MMSCOPE_IOC_RESET:
		mms_stream_reset();
		return 0;
	case MMSCOPE_IOC_CPU_STATS:
		if (copy_from_user(&stats, argp, sizeof(stats)))
			return -EFAULT;
		ret = mms_stream_cpu_stats(&stats);
		if (ret)
			return ret;
		return copy_to_user(argp, &stats, sizeof(stats)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static long mms_dev_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	long ret;

	if (_IOC_TYPE(cmd) != MMSCOPE_IOC_MAGIC)
		return -ENOTTY;
	if (mutex_lock_interruptible(&mms_stream_mutex))
		return -ERESTARTSYS;
	ret = mms_dev_ioctl_locked(cmd, (void __user *)arg);
	mutex_unlock(&mms_stream_mutex);
	return ret;
}

static void mms_vma_open(struct vm_area_struct *vma)
{
	/* A copy of a live mapping (fork, split): the rings stay pinned. */
	mms_stream_map_dup();
}

static void mms_vma_close(struct vm_area_struct *vma)
{
	mms_stream_map_put();
}

static const struct vm_operations_struct mms_vm_ops = {
	.open = mms_vma_open,
	.close = mms_vma_close,
};

/*
 * A mapping stays read-only for its whole life (no mprotect(PROT_WRITE),
 * even of a MAP_PRIVATE one) and is not inherited across fork(), so a
 * child that drops privileges does not keep the stream.
 */
static void mms_vma_seal(struct vm_area_struct *vma)
{
#ifdef MMS_HAVE_VM_FLAGS_MOD
	vm_flags_mod(vma, VM_DONTCOPY | VM_DONTEXPAND | VM_DONTDUMP,
		     VM_MAYWRITE);
#else
	vma->vm_flags |= VM_DONTCOPY | VM_DONTEXPAND | VM_DONTDUMP;
	vma->vm_flags &= ~VM_MAYWRITE;
#endif
}

/*
 * Map CPU c's ring: offset c * mmap_size, length mmap_size, read-only.
 * Errors: EPERM for a writable mapping, EINVAL for another length or
 * offset, EBUSY while a resize runs.
 */
static int mms_dev_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long pages, cpu;
	size_t size;
	int ret;

	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	if (!mms_stream_map_get())
		return -EBUSY;
	size = mms_stream_map_size();
	pages = size >> PAGE_SHIFT;
	cpu = vma->vm_pgoff / pages;
	if (len != size || vma->vm_pgoff % pages || cpu >= nr_cpu_ids ||
	    !cpu_possible(cpu)) {
		ret = -EINVAL;
		goto put_map;
	}
	cpu = array_index_nospec(cpu, nr_cpu_ids);
	mms_vma_seal(vma);
	ret = remap_vmalloc_range(vma, mms_stream_ring_memory(cpu), 0);
	if (ret)
		goto put_map;
	vma->vm_ops = &mms_vm_ops;
	return 0;

put_map:
	mms_stream_map_put();
	return ret;
}

static const struct file_operations mms_dev_fops = {
	.owner = THIS_MODULE,
	.open = mms_dev_open,
	.read = mms_dev_read,
	.poll = mms_dev_poll,
	.unlocked_ioctl = mms_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = mms_dev_mmap,
};

static struct miscdevice mms_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mmscope",
	.fops = &mms_dev_fops,
	.mode = 0600,
};

/**
 * mms_stream_dev_init() - register /dev/mmscope
 *
 * Return: 0 or misc_register()'s error.
 */
int mms_stream_dev_init(void)
{
	return misc_register(&mms_miscdev);
}

/**
 * mms_stream_dev_exit() - unregister /dev/mmscope
 *
 * Context: no file of it is open (each holds a module reference).
 */
void mms_stream_dev_exit(void)
{
	misc_deregister(&mms_miscdev);
	cancel_delayed_work_sync(&mms_stream_flush_work);
}
