"""The registry of checkable claims.

A :class:`Claim` is one statement of one article that can be checked: where it
is (file, line, the text as written), what the article says (``claimed``), how
we check it (``method`` and the ``check`` function), and the verdict a person
gave after reviewing the check (``reviewed``).  The *computed* verdict and
value always come from running ``check()``; tests fail when the two differ, so
a change in the engine that flips a verdict cannot pass unnoticed.

A claim's ``check`` is data too: a ``Check``, the name of a *check kind* and the
parameters it is called with.  A kind is a function returning an :class:`Outcome`,
registered under its name with :func:`kind` (``kinds.py`` holds the kinds any chapter may
use, ``kinds_*.py`` those that read one chapter's data); :data:`KINDS` is the set of them.

Chapters register their claims in modules ``bpnn/articles/claims/ch_*.py``, each with a
module-level list ``CLAIMS``.
"""
from __future__ import annotations

import functools
import importlib
import inspect
import math
import pkgutil
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Callable

from ...errors import BpnnError
from ..i18n import check_lang
from ..session import shared_result

__all__ = [
    "Verdict", "Outcome", "Claim", "KINDS", "kind", "all_claims", "claims_for", "get_claim",
    "decimals", "agrees", "fmt", "numeric_outcome",
]


class Verdict(str, Enum):
    """What is wrong with a claim, if anything.  The value is what the book prints."""

    CORRECT = "correct"
    ARITHMETIC = "arithmetic error"      # the expression as written does not give the stated value
    WRONG_FORMULA = "wrong formula"      # the arithmetic is fine, the formula is not backpropagation's
    INCONSISTENT = "inconsistent"        # contradicts an earlier line of the same article
    CARRIED = "carried"                  # wrong only because an earlier wrong number was used
    DOES_NOT_RUN = "does not run"        # code that raises or cannot run as written
    FALSE = "false statement"            # a checkable fact that is not so
    NOT_CHECKABLE = "not checkable"      # stated, but nothing definite to check

    def __str__(self) -> str:
        return self.value

    def label(self, lang: str = "en") -> str:
        """The verdict's name as the book prints it in ``lang`` ("en" or "zh")."""
        return self.value if check_lang(lang) == "en" else _VERDICT_ZH[self]


# the Chinese names (bpnn.articles.i18n.GLOSSARY: 结论 is "verdict")
_VERDICT_ZH = {
    Verdict.CORRECT: "正确",
    Verdict.ARITHMETIC: "算术错误",
    Verdict.WRONG_FORMULA: "公式错误",
    Verdict.INCONSISTENT: "前后矛盾",
    Verdict.CARRIED: "沿用错误",
    Verdict.DOES_NOT_RUN: "无法运行",
    Verdict.FALSE: "不实陈述",
    Verdict.NOT_CHECKABLE: "无法核查",
}


@dataclass(frozen=True)
class Outcome:
    """What running a claim's check found.

    ``value`` is the true value where there is one number to show (float),
    ``computed`` is how the book prints it (or a short description of the
    behaviour found), and ``detail`` says what is right and why.
    ``corrected`` is the value the line gives when it is fed correct numbers
    or the correct formula, where that differs from ``value``.
    """

    verdict: Verdict
    computed: str
    detail: str = ""
    value: float | None = None
    corrected: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    source: str                 # article file name, e.g. "002_509e2db27339cf03.txt"
    line: int                   # 1-based line number in that file
    quote: str                  # the formula or number exactly as written on that line
    claimed: str | None         # the value the article states, as printed ("0.865"), or None
    method: str                 # how it is checked, in a few words
    check: Callable[[], Outcome] = field(repr=False, compare=False)
    reviewed: Verdict = Verdict.CORRECT   # the verdict after review; pinned by the tests
    explained_in: str = ""      # book page (docname, e.g. "sigmoid-neuron") and optional "#label"
    chapter: str = ""           # filled in by the registry: the ch_* module name
    topic: str = ""             # a short label for grouping inside a chapter
    gloss: str = ""             # filled in by the registry: a short English gloss of a quote in Chinese (glosses.py)

    def evaluate(self) -> Outcome:
        return _evaluate(self.id)

    @property
    def kind(self) -> str | None:
        """The name of the check kind that decides this claim (None for a check that is not a ``Check``)."""
        return self.check.kind if isinstance(self.check, Check) else None

    @property
    def article(self) -> str:
        return self.source.split("_", 1)[0]

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


# ----------------------------------------------------------------- check kinds
#: every check kind, by name: a function of keyword parameters returning an Outcome
KINDS: dict[str, Callable[..., Outcome]] = {}


class Check(functools.partial):
    """A claim's check as data: a kind of :data:`KINDS` applied to the parameters of the claim's row
    (``check.kind``, ``check.params``; calling it runs the kind).  The parameters are bound to the
    kind's signature when the check is made, so a row that names an unknown kind or passes a parameter
    the kind does not take fails at import, not when it is run.  (A ``functools.partial``, so that what
    inspects a check's code, as tests/test_status.py does, sees the kind's; left out of ``__all__``, and
    so of the API page, whose build cannot resolve that base class.)"""

    def __new__(cls, kind: str, params: dict):
        if kind not in KINDS:
            raise BpnnError(f"no check kind {kind!r}")
        inspect.signature(KINDS[kind]).bind(**params)
        check = super().__new__(cls, KINDS[kind], **params)
        check.kind = kind
        return check

    @property
    def params(self) -> dict:
        return dict(self.keywords)

    def __repr__(self) -> str:
        return f"Check({self.kind!r}, {self.params!r})"


def kind(name: str):
    """Register the decorated function as the check kind ``name``; what the decoration leaves in its place
    takes the function's arguments and returns the ``Check`` that calls it with them
    (``arithmetic(source=…, line=…)`` is ``Check("arithmetic", {"source": …, "line": …})``)."""
    def register(fn: Callable[..., Outcome]):
        if name in KINDS:
            raise BpnnError(f"check kind {name!r} is defined twice")
        KINDS[name] = fn
        signature = inspect.signature(fn)

        def make(*args, **kwargs) -> Check:
            params = dict(signature.bind(*args, **kwargs).arguments)
            for p in signature.parameters.values():     # a **keywords parameter: its keywords, flat
                if p.kind is p.VAR_KEYWORD:
                    params.update(params.pop(p.name, {}))
            return Check(name, params)

        make.__name__, make.__qualname__, make.__doc__ = fn.__name__, fn.__qualname__, fn.__doc__
        make.__module__, make.__wrapped__, make.kind = fn.__module__, fn, name
        return make
    return register


_CACHE: dict[str, Outcome] = {}
_REGISTRY: dict[str, Claim] | None = None


def _evaluate(claim_id: str) -> Outcome:
    """The claim's outcome, computed once per process; a chapter's claim once per test run or book
    build (:func:`bpnn.articles.session.shared_result`: the test workers and the notebooks' kernels of
    one run share it, and it is computed by that run's code).  A claim registered after the
    chapters were loaded (a test's own) is computed in its process only."""
    if claim_id not in _CACHE:
        _CACHE[claim_id] = _shared_outcome(claim_id) if claim_id in _CHAPTER_IDS else _run(claim_id)
    return _CACHE[claim_id]


def _run(claim_id: str) -> Outcome:
    claim = get_claim(claim_id)
    out = claim.check()
    if not isinstance(out, Outcome):
        raise BpnnError(f"claim {claim_id}: check returned {type(out).__name__}, not an Outcome")
    return out


@shared_result
def _shared_outcome(claim_id: str) -> Outcome:
    return _run(claim_id)


_CHAPTER_IDS: frozenset = frozenset()


def _load() -> dict[str, Claim]:
    global _REGISTRY
    if _REGISTRY is None:
        from . import __path__ as pkg_path
        from .glosses import GLOSSES

        reg: dict[str, Claim] = {}
        for mod in sorted(m.name for m in pkgutil.iter_modules(pkg_path) if m.name.startswith("ch_")):
            module = importlib.import_module(f"{__package__}.{mod}")
            for claim in module.CLAIMS:
                if claim.id in reg:
                    raise BpnnError(f"claim id {claim.id!r} is registered twice ({reg[claim.id].chapter} and {mod})")
                object.__setattr__(claim, "chapter", mod[3:])
                if not claim.gloss and claim.quote in GLOSSES:
                    object.__setattr__(claim, "gloss", GLOSSES[claim.quote])
                reg[claim.id] = claim
        _REGISTRY = reg
        global _CHAPTER_IDS
        _CHAPTER_IDS = frozenset(reg)
    return _REGISTRY


def all_claims() -> list[Claim]:
    """Every registered claim, ordered by article, line and id."""
    return sorted(_load().values(), key=lambda c: (c.source, c.line, c.id))


def claims_for(chapter: str | None = None, source: str | None = None) -> list[Claim]:
    return [c for c in all_claims() if (chapter is None or c.chapter == chapter) and (source is None or c.source == source or c.article == source)]


def get_claim(claim_id: str) -> Claim:
    reg = _load()
    if claim_id not in reg:
        raise BpnnError(f"no claim with id {claim_id!r}")
    return reg[claim_id]


# ----------------------------------------------------------------- numbers

_NUM = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def decimals(claimed: str) -> int:
    """How many decimal places a printed number shows ("0.865" -> 3, "2" -> 0, "1e-4" -> 4)."""
    s = claimed.strip()
    if not _NUM.match(s):
        raise BpnnError(f"{claimed!r} is not a plain number")
    try:
        exp = Decimal(s).as_tuple().exponent
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        raise BpnnError(f"{claimed!r} is not a plain number") from None
    return max(0, -int(exp))


def agrees(claimed: str, value: float, slack: float = 0.0) -> bool:
    """Does ``value`` round to the number as printed?

    "0.865" claims 0.865 ± 0.0005: a value agrees when |value − 0.865| ≤ half a
    unit in the last printed place (plus ``slack`` for inputs the article itself
    rounded, and a hair for binary floating point).
    """
    c = float(claimed)
    half = 0.5 * 10.0 ** (-decimals(claimed))
    return math.isfinite(value) and abs(value - c) <= half + slack + 1e-12 * max(1.0, abs(c))


def fmt(value: float, digits: int = 4) -> str:
    """How the book prints a true value: ``digits`` decimals, and no "-0.0000"."""
    s = f"{value:.{digits}f}"
    return s[1:] if s.startswith("-") and float(s) == 0 else s


def numeric_outcome(value: float, claimed: str, detail: str = "", digits: int = 4, slack: float = 0.0,
                    corrected: str | None = None) -> Outcome:
    """CORRECT if the claimed number agrees with ``value`` to its printed precision, else ARITHMETIC."""
    ok = agrees(claimed, value, slack)
    return Outcome(Verdict.CORRECT if ok else Verdict.ARITHMETIC, fmt(value, digits), detail, value, corrected)
