# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration of mmscope's documentation: make htmldocs
# (scripts/htmldocs.sh), which builds with warnings as errors.

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sphinx'))

project = 'mmscope'
copyright = 'The mmscope authors'
author = 'The mmscope authors'
release = '0.1.0'

extensions = ['mmscope_kerneldoc']

root_doc = 'index'
source_suffix = '.rst'
exclude_patterns = ['sphinx']
templates_path = []
highlight_language = 'none'
primary_domain = 'c'
default_role = None

html_theme = 'alabaster'
html_static_path = []
html_show_sourcelink = False
html_copy_source = False

# The kernel-doc directive (sphinx/mmscope_kerneldoc.py): the kernel's
# scripts/kernel-doc, from Debian's linux-source (scripts/htmldocs.sh sets
# KERNELDOC), run on files under the top of the tree.
kerneldoc_bin = os.environ.get('KERNELDOC', '')
kerneldoc_srctree = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
