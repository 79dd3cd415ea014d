# SPDX-License-Identifier: GPL-2.0
#
# mmscope_kerneldoc: a ``kernel-doc`` directive for mmscope's documentation.
#
#   .. kernel-doc:: include/uapi/linux/mmscope.h
#      :identifiers: mmscope_version mmscope_config
#
# runs the kernel's own scripts/kernel-doc (a perl script, taken from
# Debian's linux-source at build time: scripts/htmldocs.sh) on a file of
# the tree in reStructuredText mode and parses what it prints in place of
# the directive.  Options:
#
#   :identifiers: NAME...     only these functions, structures, enums,
#                             typedefs and macros (by default, every one)
#   :no-identifiers: NAME...  every one but these
#   :doc: TITLE               the "DOC: TITLE" section only
#
# Whatever kernel-doc says on stderr (a member without a description, a
# name that is not in the file, ...) becomes a Sphinx warning at the line
# of the header it names, so that sphinx-build -W fails on it.  The
# generated text keeps the header's line numbers, so a reStructuredText
# error inside a comment is reported at (or just after) the line of the
# comment's declaration, too.
#
# Configuration (conf.py):
#   kerneldoc_bin      path of scripts/kernel-doc (required)
#   kerneldoc_srctree  the directory the directive's path is relative to

import os
import re
import subprocess

import sphinx
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, switch_source_input
from sphinx.util.nodes import nested_parse_with_titles

__version__ = '1.0'

logger = logging.getLogger(__name__)

# ".. LINENO 42" (older kernel-doc: "#define LINENO 42"): -enable-lineno
# marks where in the source file the text after it comes from.
LINENO = re.compile(r'^(?:\.\. |#define )LINENO (\d+)$')
# "file.h:42: warning: ...": a diagnostic of kernel-doc.
DIAG = re.compile(r'^(?P<file>[^:\s]+):(?P<line>\d+): (?P<kind>warning|error): (?P<msg>.*)$')


def names(arg):
    """An option's value: names separated by blanks or commas."""
    return [n for n in re.split(r'[\s,]+', arg or '') if n]


class KernelDoc(SphinxDirective):
    """The kernel-doc directive: see the top of this file."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False
    option_spec = {
        'identifiers': directives.unchanged,
        'no-identifiers': directives.unchanged,
        'doc': directives.unchanged_required,
    }

    def fail(self, msg):
        logger.warning('kernel-doc: %s', msg, location=(self.env.docname, self.lineno))
        return []

    def selection(self):
        """kernel-doc's arguments that pick what the options name."""
        if 'doc' in self.options:
            return ['-function', self.options['doc'].strip()]
        sel = []
        for n in names(self.options.get('identifiers')):
            sel += ['-function', n]
        for n in names(self.options.get('no-identifiers')):
            sel += ['-nosymbol', n]
        return sel

    def run(self):
        cfg = self.env.config
        if not cfg.kerneldoc_bin or not os.path.isfile(cfg.kerneldoc_bin):
            return self.fail("no scripts/kernel-doc (kerneldoc_bin is '%s'): "
                             'build with make htmldocs' % cfg.kerneldoc_bin)
        rel = self.arguments[0]
        path = os.path.join(cfg.kerneldoc_srctree, rel)
        if not os.path.isfile(path):
            return self.fail('%s: no such file' % rel)
        # A change of the header rebuilds the page.
        self.env.note_dependency(os.path.abspath(path))

        sel = self.selection()
        cmd = [cfg.kerneldoc_bin, '-rst', '-enable-lineno', '-Wall',
               '-sphinx-version', sphinx.__version__] + sel + [rel]
        try:
            res = subprocess.run(cmd, cwd=cfg.kerneldoc_srctree, capture_output=True,
                                 text=True, check=False)
        except OSError as e:
            return self.fail('%s: %s' % (' '.join(cmd), e))

        for line in res.stderr.splitlines():
            m = DIAG.match(line)
            if m:
                # A location with a colon is taken as it is: FILE:LINE.
                logger.warning('kernel-doc: %s', m.group('msg'), location='%s:%s' % (
                    os.path.join(cfg.kerneldoc_srctree, m.group('file')), m.group('line')))
            elif line.strip():
                logger.warning('kernel-doc: %s', line, location=(self.env.docname, self.lineno))
        if res.returncode != 0:
            return self.fail('%s exited with status %d' % (' '.join(cmd), res.returncode))
        if not res.stdout.strip():
            return self.fail('%s: no kernel-doc comment%s' %
                             (rel, ' for ' + ' '.join(sel) if sel else ''))

        # The text, each line attributed to the line of the header that
        # the last LINENO marker named (docutils counts offsets from 0).
        text = StringList()
        src, offset = os.path.abspath(path), 0
        for out in res.stdout.splitlines():
            m = LINENO.match(out)
            if m:
                offset = max(int(m.group(1)) - 1, 0)
                continue
            text.append(out, src, offset)

        node = nodes.section()
        # Messages about the text name the header, not this page.
        with switch_source_input(self.state, text):
            nested_parse_with_titles(self.state, text, node)
        return node.children


def setup(app):
    app.add_config_value('kerneldoc_bin', '', 'env')
    app.add_config_value('kerneldoc_srctree', '', 'env')
    app.add_directive('kernel-doc', KernelDoc)
    return {
        'version': __version__,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }
