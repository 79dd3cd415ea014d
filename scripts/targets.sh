#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# targets.sh: print the names of every target in scripts/targets.conf.
. "$(dirname "$0")/lib.sh"
target_names | xargs
