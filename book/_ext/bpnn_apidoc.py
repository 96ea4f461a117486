"""Sphinx extension for book/api.md: read bpnn's docstrings as the plain text they are.

The docstrings write absolute values and norms the mathematical way, ``|z|``
or ``|g − ĝ|``; reStructuredText reads ``|…|`` as a substitution reference and
fails the build (-W).  This hook escapes every bar outside inline literals
(````…````) before autodoc hands the docstring to docutils, so a docstring
author never has to think about it.  Lines that are table rows or line blocks
(starting with a bar) are left alone.
"""
from __future__ import annotations

import re

_LITERAL = re.compile(r"(``.+?``)")


def _escape_bars(line: str) -> str:
    if line.lstrip().startswith("|"):
        return line
    parts = _LITERAL.split(line)
    return "".join(p if p.startswith("``") and p.endswith("``") and len(p) >= 4 else re.sub(r"(?<!\\)\|", r"\\|", p)
                   for p in parts)


def _process(app, what, name, obj, options, lines):
    lines[:] = [_escape_bars(l) for l in lines]


def setup(app):
    app.connect("autodoc-process-docstring", _process)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
