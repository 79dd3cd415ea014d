# SPDX-License-Identifier: GPL-2.0
#
# mmscope top-level Makefile.
#
#   make                      build module/mmscope.ko for KDIR (default: the
#                             running kernel's headers; else TARGET's default)
#   make TARGET=NAME          build for a target of scripts/targets.conf,
#                             fetched into ~/.cache/mmscope, in build/NAME/
#   make demo                 boot the default target in QEMU, drive memory
#                             pressure, show mmscope beside /proc/vmstat
#   make bench [TARGET=NAME]  cost per event of the probes (ratios; no pass/fail)
#   make check                everything CI runs; ends with "N passed, N failed"
#   make check TARGETS=newest the same on the newest kernel of each series
#                             that Debian's archive serves (not the recorded)
#   make check-repeat N=3 [TARGET=NAME] [SCENARIOS="a b"]
#                             boot N times; list results that varied
#   make update-targets       rewrite scripts/targets.conf to the newest
#                             kernels the archive serves
#   make test TARGET=NAME     scenario tests on one target [SCENARIOS="a b"]
#   make kunit                KUnit suites (kunit/) in a KUnit kernel built
#                             from Debian's linux-source [KUNIT_TARGETS=...]
#   make check-debug          the debug kernel (KASAN, lockdep, UBSAN,
#                             kmemleak) runs the suites and every scenario
#   make check-stress [TARGETS="a b"]
#                             insmod/rmmod storm, concurrency, fuzzing,
#                             CPU hotplug, permissions, faults at full size
#                             on both amd64 targets and the PREEMPT_RT one
#   make build-all            build for every target (W=1)
#   make fetch                fetch every target
#   make checkpatch | sparse  style and static checks
#   make htmldocs             Documentation/ as HTML in build/htmldocs, with
#                             the headers' kernel-doc; any warning fails
#   make tools                the mmscope command, tools/ (ARCH=amd64|arm64)
#   make deb                  the Debian packages mmscope-dkms and
#                             mmscope-tools (debian/), in build/deb/
#   make dkms-check [TARGETS="a b"]  DKMS builds and installs the package's
#                             source against each target's headers, in a
#                             temporary tree (loads nothing)
#   make dkms-guest [TARGET=NAME]  the packages installed with apt in a
#                             Debian system (mmdebstrap, cached) booted
#                             with TARGET's kernel: DKMS builds, modprobe
#                             loads, mmscope stat reads (amd64, ~9 min)
#   make fuzz                 fuzz its record decoder (FUZZ_SECONDS=60)
#   make readme-samples       rewrite README.md's sample outputs from the
#                             last make check's run on debian-6.12-amd64
#   make clean
#
# Kbuild reads ./Kbuild and module/Kbuild; this file is never read by
# kbuild itself.

DEFAULT_TARGET := debian-6.12-amd64
KDIR ?= /lib/modules/$(shell uname -r)/build
SCRIPTS := $(CURDIR)/scripts

.PHONY: all module deps fetch build-all test check demo checkpatch sparse \
	clean help tools kunit check-debug bench fuzz update-targets \
	check-repeat htmldocs readme-samples deb dkms-check dkms-guest \
	check-stress

ifneq ($(TARGET),)
all module: deps
	$(SCRIPTS)/build-target.sh $(TARGET)
else ifneq ($(wildcard $(KDIR)/Makefile),)
all module:
	$(SCRIPTS)/conftest.sh module -C $(KDIR)
	$(MAKE) -C $(KDIR) M=$(CURDIR)/module modules
else
all module: deps
	@echo "mmscope: no kernel headers at $(KDIR): building for TARGET=$(DEFAULT_TARGET)"
	@echo "mmscope: (set KDIR=/path/to/headers, or TARGET=one of: $$($(SCRIPTS)/targets.sh))"
	$(SCRIPTS)/build-target.sh $(DEFAULT_TARGET)
endif

deps:
	$(SCRIPTS)/host-deps.sh

fetch: deps
	$(SCRIPTS)/fetch-target.sh $$($(SCRIPTS)/targets.sh)

build-all: deps
	for t in $$($(SCRIPTS)/targets.sh); do \
		$(SCRIPTS)/build-target.sh $$t || exit 1; done

test: deps
	MMSCOPE_SCENARIOS="$(SCENARIOS)" $(SCRIPTS)/check.sh $(or $(TARGET),$(DEFAULT_TARGET))

# TARGETS=newest: the newest kernel of each series; TARGETS="a b": those
# targets only (no KUnit stage).
ifeq ($(TARGETS),newest)
check: deps
	MMSCOPE_KERNELS=newest $(SCRIPTS)/check.sh
else
check: deps
	$(SCRIPTS)/check.sh $(TARGETS)
endif

check-repeat: deps
	MMSCOPE_SCENARIOS="$(SCENARIOS)" $(SCRIPTS)/check-repeat.sh $(or $(N),3) $(TARGET)

update-targets: deps
	$(SCRIPTS)/update-targets.sh

kunit: deps
	$(SCRIPTS)/kunit.sh $(KUNIT_TARGETS)

check-debug: deps
	$(SCRIPTS)/kunit.sh --debug

check-stress: deps
	$(SCRIPTS)/check-stress.sh $(TARGETS)

demo: deps
	$(SCRIPTS)/demo.sh $(or $(TARGET),$(DEFAULT_TARGET))

bench: deps
	$(SCRIPTS)/bench.sh $(or $(TARGET),$(DEFAULT_TARGET))

checkpatch: deps
	$(SCRIPTS)/checkpatch.sh

sparse: deps
	$(SCRIPTS)/build-target.sh $(or $(TARGET),$(DEFAULT_TARGET)) C=2

htmldocs: deps
	$(SCRIPTS)/htmldocs.sh

clean:
	rm -rf build module/generated
	-[ -f $(KDIR)/Makefile ] && $(MAKE) -C $(KDIR) M=$(CURDIR)/module clean

tools:
	$(MAKE) -C tools ARCH=$(or $(ARCH),amd64)

fuzz:
	$(MAKE) -C tools fuzz

readme-samples:
	$(SCRIPTS)/readme-samples.sh --update $(LOG)

deb: deps
	$(SCRIPTS)/deb.sh

ifeq ($(TARGETS),newest)
dkms-check: deb
	MMSCOPE_KERNELS=newest $(SCRIPTS)/dkms-check.sh
else
dkms-check: deb
	$(SCRIPTS)/dkms-check.sh $(TARGETS)
endif

dkms-guest: deb
	$(SCRIPTS)/guest-dkms.sh $(or $(TARGET),$(DEFAULT_TARGET))

help:
	@sed -n '3,/^$$/p' Makefile
