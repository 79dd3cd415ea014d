// SPDX-License-Identifier: GPL-2.0
/*
 * The event stream ABI's layout, frozen: every record, the header and
 * every ioctl structure has the size and field offsets below on every
 * architecture this is compiled for (with -Wpadded -Werror: no implicit
 * padding anywhere).  A change here is an ABI change: raise
 * MMSCOPE_ABI_MAJOR, or add fields only at the end and raise the minor.
 */
#include <stddef.h>

#include <linux/mmscope.h>

#define SIZE(s, n)	_Static_assert(sizeof(struct s) == (n), #s " size")
#define OFF(s, f, n)	_Static_assert(offsetof(struct s, f) == (n), #s "." #f)

SIZE(mmscope_rec_header, 32);
OFF(mmscope_rec_header, seq, 8);
OFF(mmscope_rec_header, size, 16);
OFF(mmscope_rec_header, type, 18);
OFF(mmscope_rec_header, version, 20);
OFF(mmscope_rec_header, cpu, 24);
OFF(mmscope_rec_header, pid, 28);
SIZE(mmscope_rec_reclaim, 32);
SIZE(mmscope_rec_kswapd, 24);
SIZE(mmscope_rec_lru_isolate, 48);
SIZE(mmscope_rec_lru_shrink_inactive, 64);
SIZE(mmscope_rec_lru_shrink_active, 48);
SIZE(mmscope_rec_throttled, 16);
SIZE(mmscope_rec_compact_stall, 24);
SIZE(mmscope_rec_compact_run, 40);
SIZE(mmscope_rec_kcompactd, 16);
SIZE(mmscope_rec_extfrag, 32);
SIZE(mmscope_rec_oom_kill, 120);
OFF(mmscope_rec_oom_kill, trigger_comm, 88);
SIZE(mmscope_rec_oom_victim, 8);
SIZE(mmscope_rec_wmark, 72);
SIZE(mmscope_episode_task, 32);
SIZE(mmscope_episode_cgroup, 16);
SIZE(mmscope_rec_episode, 224);
OFF(mmscope_rec_episode, tasks, 80);
OFF(mmscope_rec_episode, cgroups, 176);
SIZE(mmscope_version, 16);
SIZE(mmscope_config, 48);
SIZE(mmscope_cpu_stats, 56);
SIZE(mmscope_ring_page, 40);
_Static_assert(sizeof(struct mmscope_rec_episode) <= MMSCOPE_MAX_PAYLOAD,
	       "episode fits a slot");
_Static_assert(MMSCOPE_REC_NR <= 64, "types fit the mask");
_Static_assert(MMSCOPE_REC_EPISODE == 26 && MMSCOPE_REC_NR == 27,
	       "type numbers are ABI");
_Static_assert(MMSCOPE_IOC_CPU_STATS ==
	       _IOWR(0xb6, 0x08, struct mmscope_cpu_stats), "ioctl numbers");

int main(void)
{
	return 0;
}
