#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packages.sh: the guest proof of the Debian packages, run at boot on the
# Debian system of scripts/guest-rootfs.sh (by its mmscope-guest-test
# service) from the second disk, which scripts/guest-dkms.sh fills with
# this script and the .deb files.  apt installs them, DKMS builds the
# module against the kernel's own headers package, modprobe loads it from
# updates/dkms, mmscope reads it, and the textfile service writes the
# metrics.  Markers and result lines as
# tests/guest/lib.sh prints them (scripts/vm.sh judges the run by them).
set -uo pipefail
debs=$(dirname "$0")
res() { echo "MMSCOPE-RESULT $*"; }
echo "MMSCOPE-GUEST-START target=debian-rootfs kernel=$(uname -r)"
kver=$(uname -r)

start=$(date +%s)
if DEBIAN_FRONTEND=noninteractive apt-get install -y \
	"$debs"/mmscope-dkms_*.deb "$debs"/mmscope-tools_*.deb; then
	res "PASS pkg-apt-install"
else
	res "FAIL pkg-apt-install: see above"
fi
echo "packages: apt install took $(( $(date +%s) - start )) s"
dkms status mmscope
if grep -q '^conftest: [0-9]* of [0-9]* features against ' \
	/var/lib/dkms/mmscope/*/"$kver"/*/log/make.log 2>/dev/null; then
	res "PASS pkg-dkms-conftest"
	grep -h '^conftest: ' /var/lib/dkms/mmscope/*/"$kver"/*/log/make.log
else
	res "FAIL pkg-dkms-conftest: no conftest line in DKMS's make.log"
fi
path=$(modinfo -n mmscope 2>/dev/null)
case $path in
/lib/modules/"$kver"/updates/dkms/mmscope.ko*) res "PASS pkg-dkms-installed" ;;
*) res "FAIL pkg-dkms-installed: modinfo -n mmscope says '$path'" ;;
esac
if modprobe mmscope && grep -q '^mmscope ' /proc/modules; then
	res "PASS pkg-modprobe"
else
	res "FAIL pkg-modprobe: $(dmesg | tail -n 3 | xargs)"
fi
# /etc/modprobe.d/mmscope.conf's install line passed this kernel's layout.
P=/sys/module/mmscope/parameters
want=$(mmscope modparams 2>&1)
got="cc_migrate_scanned_offset=$(cat $P/cc_migrate_scanned_offset) cc_free_scanned_offset=$(cat $P/cc_free_scanned_offset)"
if [ "$got" = "$want" ] &&
   grep -q '^scanned_from_kernel 1$' /sys/kernel/debug/mmscope/compaction; then
	res "PASS pkg-modprobe-layout"
else
	res "FAIL pkg-modprobe-layout: loaded with '$got', mmscope modparams says '$want', $(grep scanned_from_kernel /sys/kernel/debug/mmscope/compaction)"
fi
if out=$(mmscope stat) && echo "$out" && mmscope stat 1 2; then
	res "PASS pkg-mmscope-stat"
else
	res "FAIL pkg-mmscope-stat: see above"
fi
if mmscope hist | grep -qx direct_reclaim; then
	res "PASS pkg-mmscope-hist"
else
	res "FAIL pkg-mmscope-hist: no direct_reclaim in the list"
fi
# The textfile timer's service, as systemd runs it (ProtectSystem=strict):
# node_exporter's folder is prometheus-node-exporter's, made here.
mkdir -p /var/lib/prometheus/node-exporter
if systemctl start mmscope-textfile.service &&
   grep -q '^mmscope_vmstat_allocstall_movable_total ' \
	/var/lib/prometheus/node-exporter/mmscope.prom; then
	res "PASS pkg-textfile-service"
else
	res "FAIL pkg-textfile-service: $(systemctl status mmscope-textfile.service 2>&1 | tail -n 3 | xargs)"
fi
if systemctl enable --now mmscope-textfile.timer && systemctl is-active -q mmscope-textfile.timer; then
	res "PASS pkg-textfile-timer"
else
	res "FAIL pkg-textfile-timer: $(systemctl status mmscope-textfile.timer 2>&1 | tail -n 3 | xargs)"
fi
echo "MMSCOPE-GUEST-END"
