"""The check kind of every arithmetic claim: the audit's result for the claim's line.

An arithmetic claim (``0.1 - 0.1 \\cdot -0.003 = 0.103`` on 002:201) says that an expression
as written gives a stated value.  The audit (:mod:`bpnn.articles.audit`, run on the math
stored in the project) already compares every side of every chain with the next one, so
a claim does not evaluate its expression again: it looks up the audit's comparison of
its expression with its stated value (:func:`comparison`) and takes the verdict and the
computed value from there.  The audit is the one source of truth for arithmetic; the
claim keeps as data only where it is (file, line), what it quotes and states, and the
verdict a person gave after review.  A claim whose expression the audit does not compare
on that line is an error (the data and the audit have drifted apart), never a silent pass.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...errors import BpnnError

__all__ = ["stored_audit", "comparison", "line_uses"]


def _squash(text: str) -> str:
    return "".join(str(text).split())


@lru_cache(maxsize=None)
def _results() -> dict:
    from ..audit import audit_stored

    return {fr.name: fr for fr in audit_stored()}


def stored_audit() -> list:
    """The audit of the five articles' stored math (:func:`bpnn.articles.audit.audit_stored`), computed once."""
    return list(_results().values())


def _line(source: str, line: int):
    fr = _results().get(source)
    if fr is None:
        raise BpnnError(f"{source}: no stored math for this article, so the audit cannot check its arithmetic")
    r = fr.line(line)
    if r is None:
        raise BpnnError(f"{source}:{line}: the audit finds no math on this line")
    return r


def comparison(source: str, line: int, tex: str, claimed: str):
    """The audit's comparison (:class:`bpnn.articles.audit.Check`) of ``tex`` with the stated
    ``claimed`` on ``source:line``: ``.ok``, ``.left_value`` (what ``tex`` gives)."""
    r = _line(source, line)
    for c in r.checks:
        if _squash(c.left) == _squash(tex) and _squash(c.right) == _squash(claimed):
            return c
    found = "; ".join(f"{c.left} vs {c.right}" for c in r.checks) or "nothing"
    raise BpnnError(f"{source}:{line}: the audit does not compare {tex!r} with {claimed!r} (it compares: {found})")


_USE = re.compile(r"^(?P<name>\S+) = (?P<value>\S+) \(line (?P<line>\d+)\)$")


def line_uses(source: str, line: int) -> list[tuple[str, str, int]]:
    """The values the audit took from earlier lines for ``source:line``: (name, value as printed, line)."""
    return [(m["name"], m["value"], int(m["line"])) for u in _line(source, line).uses if (m := _USE.match(u))]
