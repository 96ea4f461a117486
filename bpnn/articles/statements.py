"""Prose statements as claims: what the pages say in words about a computed result, checked.

The pages say things in words about what the book computes: "σ is strictly increasing", "all the
weighted inputs are positive", "the claimed activations shrink from line to line", "the
algorithm is older than its use for neural networks".  Typed by hand, such a sentence can turn
into its opposite in one edition and nobody sees it: 递增 (increasing) and 递减 (decreasing)
differ by one character.  Here each of them is a row, a :class:`Statement`:

* the page it is on and what it is about;
* the property it states, one of :data:`PROPERTIES`: increasing or decreasing, positive or
  negative, larger or smaller, equal or unequal, of every item it is about (``"all"``) or of
  some (``"some"``);
* a function that measures the thing with the engine, sympy, the audit or the records of the
  facts chapter, and returns an :class:`Evidence`;
* a sentence template in English and in Chinese, whose words for the property come from one
  phrase book (:data:`PHRASES`) or from the row's own pair of wordings (``own``), and whose
  numbers come from the evidence.

So the sentence of both editions is generated from the row: :meth:`Statement.check` decides the
property from the evidence (never guessed: what sympy cannot decide counts as not holding), and
:meth:`Statement.sentence` gives the sentence in either language, or raises
:class:`StatementFalse` when the check fails.  A page glues the sentences of its rows
(:func:`sentences`, ``glue(key, sentence)`` in its code and ``{glue:md}`key:myst``` in its
Markdown), so a page that would state something false fails to build, and the two editions
cannot say opposite things.

:func:`flipped` gives a row with the opposite property (increasing → decreasing, larger →
smaller), said of every item; ``tests/test_statements.py`` checks that every flipped row fails
its check (the checks can fail), that the phrase book's words mean their property in both
languages, and that the Chinese pages type no such word by hand outside a glued sentence.

Examples
--------
>>> s = get("sigmoid-increasing")
>>> s.check().holds
True
>>> s.sentence("en")
'$\\\\sigma$ is strictly increasing: a larger $z$ always gives a larger $\\\\sigma(z)$'
>>> flipped(s).check().holds
False
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Mapping

from ..errors import BpnnError
from .i18n import T, Text, check_lang, tr

__all__ = ["Property", "PROPERTIES", "PHRASES", "Evidence", "Check", "Statement", "StatementFalse",
           "Sentence", "STATEMENTS", "PAGES", "get", "for_page", "sentences", "flipped", "fill"]


class StatementFalse(BpnnError):
    """A page's statement does not hold: the page would print something false."""


# --------------------------------------------------------------------------- the properties


@dataclass(frozen=True)
class Property:
    """One property a statement can state, and the one it is flipped to.

    ``kind`` says which comparison decides it (``"monotonic"``, ``"sign"``, ``"order"``,
    ``"equality"``) and ``sense`` which way (+1 increasing, positive, larger, equal; -1 the
    opposite).
    """

    name: str
    opposite: str
    kind: str
    sense: int


PROPERTIES: dict[str, Property] = {p.name: p for p in (
    Property("increasing", "decreasing", "monotonic", +1),
    Property("decreasing", "increasing", "monotonic", -1),
    Property("positive", "negative", "sign", +1),
    Property("negative", "positive", "sign", -1),
    Property("larger", "smaller", "order", +1),
    Property("smaller", "larger", "order", -1),
    Property("equal", "unequal", "equality", +1),
    Property("unequal", "equal", "equality", -1),
)}

#: The words of each property, by form (how a sentence uses it).  A template names a form as
#: ⟨form⟩; a phrase may itself hold ⟨x⟩, ⟨y⟩, filled from the statement's evidence.  Every form
#: of a property exists for its opposite too, so a flipped row says the opposite words.
PHRASES: dict[str, dict[str, Text]] = {
    "increasing": {
        "strict": T("strictly increasing", "严格单调递增"),
        "gloss": T("a larger ⟨x⟩ always gives a larger ⟨y⟩", "⟨x⟩ 越大，⟨y⟩ 一定越大"),
        "seq": T("grow from line to line", "一行比一行大"),
        "seq_short": T("grow", "一行比一行大"),
        "noun": T("an increasing function", "递增函数"),
    },
    "decreasing": {
        "strict": T("strictly decreasing", "严格单调递减"),
        "gloss": T("a larger ⟨x⟩ always gives a smaller ⟨y⟩", "⟨x⟩ 越大，⟨y⟩ 一定越小"),
        "seq": T("shrink from line to line", "一行比一行小"),
        "seq_short": T("shrink", "一行比一行小"),
        "noun": T("a decreasing function", "递减函数"),
    },
    "positive": {"adj": T("positive", "正数")},
    "negative": {"adj": T("negative", "负数")},
    "larger": {
        "rel": T(">", ">"),
        "prep": T("above", "大于"),
        "time": T("more recent than", "更晚"),
    },
    "smaller": {
        "rel": T("<", "<"),
        "prep": T("below", "小于"),
        "time": T("older than", "更早"),
    },
    "equal": {
        "rel": T("=", "="),
        "adj": T("equal", "与之相等的"),
    },
    "unequal": {
        "rel": T(r"\neq", r"\neq"),
        "adj": T("unequal", "与之不等的"),
    },
}


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Evidence:
    """What a statement is about, measured.  Which fields are set says how it is decided.

    * ``values`` (with ``than`` and ``tol``): numbers, each compared with ``than`` (one number,
      or one per value) or with 0 (sign); equal means within ``tol`` (0: exactly, proved);
    * ``sequences``: for increasing / decreasing, each sequence in its order (line by line);
    * ``expr`` in ``symbol`` (sympy, the symbol real): a function of one real variable.  For
      increasing / decreasing its derivative's sign is proved by sympy, and ``engine`` (the
      same function computed by the engine) must be strictly monotonic on ``grid``.  For equal /
      unequal it is compared with ``than`` (an expression in ``symbol``): equal needs a proof
      that the difference is zero (:func:`bpnn.articles.proofs.is_identically_zero`) and
      ``engine`` within ``tol`` of ``than_engine`` on ``grid``; unequal needs a point of
      ``grid`` where they differ by more than ``tol``.  For
      larger / smaller than ``than``, "exactly when ``symbol`` is in ``where``" (an open
      half-line from a): sympy proves that ``expr`` is monotonic the right way and equals
      ``than`` at a, and the engine must agree at every point of ``grid``;
    * ``fields``: the numbers and words the sentence quotes (a ``str`` that needs no
      translation, or a :class:`~bpnn.articles.i18n.Text`).
    """

    values: tuple = ()
    than: Any = None
    tol: Any = 0
    sequences: tuple = ()
    expr: Any = None
    symbol: Any = None
    engine: Callable | None = None
    than_engine: Callable | None = None
    grid: tuple = ()
    where: Any = None
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """What :meth:`Statement.check` found: whether the property holds, for how many of the
    ``total`` items it holds (``count``), and, where it does not, why (``detail``)."""

    holds: bool
    count: int = 0
    total: int = 0
    detail: str = ""


class _Undecided(Exception):
    """sympy could not decide a comparison: the statement is not proved."""


def _exact(x):
    """A number as an exact sympy number (a float by its exact binary value)."""
    import sympy as sp

    if isinstance(x, sp.Basic):
        return x
    if isinstance(x, bool):
        raise BpnnError(f"a statement compares numbers, not {x!r}")
    if isinstance(x, int):
        return sp.Integer(x)
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    if isinstance(x, (Decimal, str)):
        return sp.Rational(str(x))
    try:
        return sp.Rational(float(x))        # float, NumPy float: the exact value of the double
    except (TypeError, ValueError):
        raise BpnnError(f"a statement compares numbers, not {x!r}") from None


def _decide(rel) -> bool:
    """A sympy relation between numbers as True or False, or :class:`_Undecided`."""
    import sympy as sp

    if rel is sp.true or rel is True:
        return True
    if rel is sp.false or rel is False:
        return False
    raise _Undecided(str(rel))


def _each(x, n: int) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x] * n


def _item_holds(prop: Property, v, than, tol) -> bool:
    import sympy as sp

    from .proofs import is_identically_zero

    v = _exact(v)
    if prop.kind == "sign":
        return _decide(v > 0) if prop.sense > 0 else _decide(v < 0)
    t = _exact(than)
    if prop.kind == "order":
        return _decide(v > t) if prop.sense > 0 else _decide(v < t)
    if prop.kind == "equality":
        tol = _exact(tol)
        if tol == 0:
            if prop.sense > 0:
                return is_identically_zero(v - t)
            return _decide(sp.Abs(v - t) > 0)     # unequal needs its own proof, not a failed one of equal
        within = _decide(sp.Abs(v - t) <= tol)
        return within if prop.sense > 0 else not within
    raise BpnnError(f"{prop.name}: not a property of single values")


def _decide_values(prop: Property, ev: Evidence, quantifier: str) -> Check:
    n = len(ev.values)
    if n == 0:
        return Check(False, 0, 0, "nothing to check: no values")
    thans, tols = _each(ev.than, n), _each(ev.tol, n)
    results, first_bad = [], ""
    for v, t, tol in zip(ev.values, thans, tols):
        ok = _item_holds(prop, v, t, tol)
        results.append(ok)
        if not ok and not first_bad:
            first_bad = f"{v} is not {prop.name}" + (f" (than {t}, within {tol})" if t is not None else "")
    count = sum(results)
    holds = count == n if quantifier == "all" else count >= 1
    return Check(holds, count, n, "" if holds else first_bad or f"none of the {n} values is {prop.name}")


def _decide_sequences(prop: Property, ev: Evidence) -> Check:
    bad = ""
    for seq in ev.sequences:
        if len(seq) < 2:
            return Check(False, 0, len(ev.sequences), f"a sequence of {len(seq)} says nothing about order")
        for a, b in zip(seq, seq[1:]):
            step = _exact(b) - _exact(a)
            if not (_decide(step > 0) if prop.sense > 0 else _decide(step < 0)):
                bad = bad or f"{a} then {b}"
    n = len(ev.sequences)
    return Check(not bad and n > 0, 0 if bad else n, n, f"not {prop.name}: {bad}" if bad else "")


def _grid(ev: Evidence):
    import numpy as np

    g = np.asarray(ev.grid, dtype=float)
    if g.size < 2:
        raise BpnnError("a statement about a function needs a grid of at least two points")
    return g


def _decide_function(prop: Property, ev: Evidence) -> Check:
    import numpy as np
    import sympy as sp

    from .proofs import is_identically_zero

    x, f = ev.symbol, ev.expr
    g = _grid(ev)
    if prop.kind == "monotonic":
        d = sp.diff(f, x)
        proved = (d.is_positive if prop.sense > 0 else d.is_negative) is True
        y = np.asarray(ev.engine(g), dtype=float)
        steps = np.diff(y) * prop.sense
        numeric = bool(np.all(steps > 0))
        if proved and numeric:
            return Check(True, 1, 1)
        why = [] if proved else [f"sympy does not prove d/d{x} = {d} {'> 0' if prop.sense > 0 else '< 0'}"]
        if not numeric:
            k = int(np.argmin(steps))
            why.append(f"the engine gives {y[k]!r} at {g[k]!r} and {y[k + 1]!r} at {g[k + 1]!r}")
        return Check(False, 0, 1, "; ".join(why))
    if prop.kind == "order":
        # "f(x) > c exactly when x > a" (or < a): proved from f's monotonicity and f(a) = c exactly
        # (sympy), so no equation solver is needed; the engine must agree at every grid point
        w = ev.where
        if not (isinstance(w, sp.Interval) and w.left_open and w.right_open and (w.inf == -sp.oo) != (w.sup == sp.oo)):
            raise BpnnError(f"'exactly when' needs an open half-line, not {w}")
        a, above = (w.inf, True) if w.sup == sp.oo else (w.sup, False)
        d = sp.diff(f, x)
        inc, dec = d.is_positive is True, d.is_negative is True
        at_a = is_identically_zero(f.subs(x, a) - ev.than)
        # larger above a: f increasing; larger below a: f decreasing (and the other way for smaller)
        want_increasing = above == (prop.sense > 0)
        ok_sym = at_a and (inc if want_increasing else dec)
        y = np.asarray(ev.engine(g), dtype=float)
        t, a_num = float(ev.than), float(a)
        engine_side = (y > t) if prop.sense > 0 else (y < t)
        inside = (g > a_num) if above else (g < a_num)
        ok_num = bool(np.array_equal(engine_side, inside))
        if ok_sym and ok_num:
            return Check(True, 1, 1)
        if not ok_sym:
            why = (f"f({a}) = {f.subs(x, a)} is not {ev.than}" if not at_a else
                   f"sympy does not prove f {'increasing' if want_increasing else 'decreasing'} (f' = {d})")
        else:
            why = "the engine disagrees on the grid"
        return Check(False, 0, 1, why)
    if prop.kind == "equality":
        a = np.asarray(ev.engine(g), dtype=float)
        b = np.asarray(ev.than_engine(g), dtype=float)
        gap = np.abs(a - b)
        witness = bool(np.any(gap > float(ev.tol)))
        if prop.sense < 0:       # unequal: a point where they differ, computed
            return Check(witness, int(witness), 1, "" if witness else
                         f"no point of the grid where they differ by more than {ev.tol}")
        zero = is_identically_zero(f - ev.than)
        if zero and not witness:
            return Check(True, 1, 1)
        return Check(False, 0, 1, f"no proof that {f} - ({ev.than}) is identically 0" if not zero
                     else f"the engine differs by {gap.max()!r} > {ev.tol}")
    raise BpnnError(f"{prop.name}: not a property of a function")


# --------------------------------------------------------------------------- statements


_SLOT = re.compile(r"⟨(\w+)⟩")


def fill(template: str, words: Mapping[str, Any], lang: str, what: str = "sentence") -> str:
    """``template`` with every ⟨name⟩ replaced by ``words[name]`` in ``lang``.

    A word is a :class:`~bpnn.articles.i18n.Text` (its ``lang`` text) or a string that needs no
    translation (a number, a formula); a word may hold ⟨names⟩ of its own, filled in turn.  An
    unknown name is an error, never left in the page.

    >>> fill("⟨a⟩ of ⟨b⟩", {"a": "3", "b": T("five", "五")}, "zh")
    '3 of 五'
    """
    out = template
    for _ in range(4):
        def one(m):
            name = m.group(1)
            if name not in words:
                raise BpnnError(f"{what}: no word for ⟨{name}⟩ (known: {', '.join(sorted(words))})")
            return tr(words[name], lang, f"{what}: ⟨{name}⟩")
        new = _SLOT.sub(one, out)
        if new == out:
            return out
        out = new
    raise BpnnError(f"{what}: its words fill each other without end")


class Sentence:
    """A generated sentence as a notebook shows it: Markdown (``{glue:md}`key:myst```, so its
    formulas are typeset) and, as plain text, the same text."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = str(text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.text)

    def _repr_markdown_(self) -> str:
        return self.text


@dataclass(frozen=True)
class Statement:
    """One statement a page makes about a computed result.

    Parameters
    ----------
    id : str
        Unique, and the page's glue key (``"zh-" + id`` in the Chinese twin).
    page : str
        The page (``book/<page>.ipynb`` and ``book/zh/<page>.ipynb``).
    prop : str
        The property stated, a key of :data:`PROPERTIES`.
    about : Text
        What the statement is about, in a few words.
    measure : callable
        Returns the :class:`Evidence`, computed (with the engine, sympy, the audit, the records).
    template : Text
        The sentence in both languages, with ⟨form⟩ for the property's words
        (:data:`PHRASES`), ⟨own⟩ for the row's own words, ⟨count⟩ and ⟨total⟩ for how many items
        have the property, and ⟨name⟩ for the evidence's ``fields``.
    method : Text
        How the statement is checked, in a few words.
    quantifier : str
        ``"all"`` (every item has the property) or ``"some"`` (at least one has).
    own : mapping, optional
        The row's own words for its property and for the opposite one (⟨own⟩), where the phrase
        book has none that fits the sentence.
    """

    id: str
    page: str
    prop: str
    about: Text
    measure: Callable[[], Evidence]
    template: Text
    method: Text
    quantifier: str = "all"
    own: Mapping[str, Text] = field(default_factory=dict)

    def __post_init__(self):
        if self.prop not in PROPERTIES:
            raise BpnnError(f"statement {self.id}: unknown property {self.prop!r}")
        if self.quantifier not in ("all", "some"):
            raise BpnnError(f"statement {self.id}: quantifier must be 'all' or 'some', not {self.quantifier!r}")
        if self.own and set(self.own) != {self.prop, PROPERTIES[self.prop].opposite}:
            raise BpnnError(f"statement {self.id}: its own words must be given for {self.prop} and its opposite")

    @property
    def property(self) -> Property:
        return PROPERTIES[self.prop]

    def evidence(self) -> Evidence:
        """What the statement is about, measured (computed once per process)."""
        return _measured(self.measure)

    def check(self) -> Check:
        """Whether the property holds of the evidence.  What sympy cannot decide does not hold."""
        ev, prop = self.evidence(), self.property
        try:
            if ev.expr is not None:
                return _decide_function(prop, ev)
            if ev.sequences:
                if prop.kind != "monotonic":
                    raise BpnnError(f"statement {self.id}: sequences are increasing or decreasing, not {prop.name}")
                return _decide_sequences(prop, ev)
            if prop.kind == "monotonic":
                raise BpnnError(f"statement {self.id}: {prop.name} needs a function or sequences")
            return _decide_values(prop, ev, self.quantifier)
        except _Undecided as e:
            return Check(False, 0, 0, f"sympy cannot decide {e}")

    def words(self, count: int = 0, total: int = 0) -> dict:
        """Every word the template may use: the property's phrases, the row's own words, the
        evidence's fields, ⟨count⟩ and ⟨total⟩."""
        out = dict(self.evidence().fields)
        out.update(PHRASES.get(self.prop, {}))
        if self.own:
            out["own"] = self.own[self.prop]
        out.setdefault("count", str(count))
        out.setdefault("total", str(total))
        return out

    def sentence(self, lang: str = "en") -> str:
        """The sentence in ``lang``, generated from the row and the computed result.

        Raises :class:`StatementFalse` when the check fails: a false statement is never printed.
        """
        c = self.check()
        if not c.holds:
            raise StatementFalse(f"statement {self.id} ({self.page}): {self.about} is not {self.prop}"
                                 f" ({self.quantifier}): {c.detail}")
        return fill(self.template.lang(check_lang(lang)), self.words(c.count, c.total), lang,
                    f"statement {self.id}")


@lru_cache(maxsize=None)
def _measured(measure: Callable[[], Evidence]) -> Evidence:
    ev = measure()
    if not isinstance(ev, Evidence):
        raise BpnnError(f"{getattr(measure, '__name__', measure)} must return an Evidence, not {type(ev).__name__}")
    return ev


def flipped(st: Statement) -> Statement:
    """``st`` with the opposite property, said of every item: increasing → decreasing, larger →
    smaller, equal → unequal; "some are below" → "all are above".  Where ``st`` holds, this
    one does not; a test checks that its check says so."""
    return replace(st, prop=st.property.opposite, quantifier="all")


# --------------------------------------------------------------------------- measurements

_SIGMOID_GRID = tuple(k / 100 for k in range(-2000, 2001))      # -20 … 20 by 0.01, 0 exactly


def _sigma():
    import sympy as sp

    z = sp.Symbol("z", real=True)
    return z, 1 / (1 + sp.exp(-z))


def _engine_sigmoid(g):
    from ..activations import sigmoid

    return sigmoid(g)


@lru_cache(maxsize=None)
def _sigmoid_table() -> tuple[dict, ...]:
    """Every sigmoid evaluation of article 002 that the sigmoid chapter's table lists: version,
    line, topic, the weighted input z (a named z at the value the audit took from an earlier
    line), the claimed value as printed, the audit's value and ``bpnn.sigmoid``'s."""
    from ..activations import sigmoid
    from .claims.audited import line_uses
    from .claims.ch_sigmoid import A002, ROWS
    from .claims.kinds import sigmoid as sigmoid_kind

    out = []
    for version, line, z, claimed, _, topic in ROWS:
        try:
            zv = float(z)
        except ValueError:
            zv = float({name: value for name, value, _ in line_uses(A002, line)}[z])
        out.append({"version": version, "line": line, "topic": topic, "z": zv, "claimed": claimed,
                    "true": sigmoid_kind(A002, line, z, claimed)().value, "engine": float(sigmoid(zv))})
    return tuple(out)


def _hidden_by_version() -> list[list[dict]]:
    rows = [r for r in _sigmoid_table() if r["topic"] == "hidden activations"]
    versions = sorted({r["version"] for r in rows})
    return [sorted((r for r in rows if r["version"] == v), key=lambda r: r["line"]) for v in versions]


def _half_unit(printed: str) -> Fraction:
    """Half a unit of the last printed digit of ``printed``: 0.0005 for 0.865 or -0.000."""
    exp = Decimal(printed).as_tuple().exponent
    return Fraction(1, 2) * Fraction(10) ** exp


def _m_sigmoid_function() -> Evidence:
    z, s = _sigma()
    return Evidence(expr=s, symbol=z, engine=_engine_sigmoid, grid=_SIGMOID_GRID,
                    fields={"x": "$z$", "y": r"$\sigma(z)$"})


def _m_sigmoid_at_zero() -> Evidence:
    import sympy as sp

    z, s = _sigma()
    return Evidence(values=(s.subs(z, 0), float(_engine_sigmoid(0.0))), than=sp.Rational(1, 2))


def _m_sigmoid_above_half() -> Evidence:
    import sympy as sp

    z, s = _sigma()
    return Evidence(expr=s, symbol=z, than=sp.Rational(1, 2), where=sp.Interval.open(0, sp.oo),
                    engine=_engine_sigmoid, grid=_SIGMOID_GRID)


def _m_sigmoid_symmetry() -> Evidence:
    import numpy as np

    z, s = _sigma()
    return Evidence(expr=s.subs(z, -z), symbol=z, than=1 - s, engine=lambda g: _engine_sigmoid(-g),
                    than_engine=lambda g: 1 - _engine_sigmoid(g), grid=_SIGMOID_GRID,
                    tol=4 * float(np.finfo(float).eps))


def _m_sigmoid_two_forms() -> Evidence:
    import numpy as np
    import sympy as sp

    z, s = _sigma()
    negative = tuple(g for g in _SIGMOID_GRID if g < 0)       # no overflow down to -20
    return Evidence(expr=s, symbol=z, than=sp.exp(z) / (1 + sp.exp(z)),
                    engine=lambda g: 1 / (1 + np.exp(-g)), than_engine=_engine_sigmoid, grid=negative,
                    tol=4 * float(np.finfo(float).eps))


def _m_weighted_inputs() -> Evidence:
    return Evidence(values=tuple(r["z"] for r in _sigmoid_table()))


def _m_true_activations() -> Evidence:
    rows = _sigmoid_table()
    # the audit's value and the engine's, each of them against ½
    return Evidence(values=tuple(r["true"] for r in rows) + tuple(r["engine"] for r in rows), than=Fraction(1, 2))


def _m_claimed_activations() -> Evidence:
    return Evidence(values=tuple(r["claimed"] for r in _sigmoid_table()), than=Fraction(1, 2))


def _m_inputs_by_line() -> Evidence:
    return Evidence(sequences=tuple(tuple(r["z"] for r in v) for v in _hidden_by_version()))


def _m_claimed_by_line() -> Evidence:
    return Evidence(sequences=tuple(tuple(r["claimed"] for r in v) for v in _hidden_by_version()))


def _m_crosses() -> Evidence:
    """The figure's red crosses (version 1's hidden activations, as claimed) against the curve
    (the true values): equal would mean within half a unit of the claimed value's last digit."""
    first = _hidden_by_version()[0]
    return Evidence(values=tuple(r["claimed"] for r in first), than=tuple(r["true"] for r in first),
                    tol=tuple(_half_unit(r["claimed"]) for r in first))


_OVERFLOW_Z = (-1000.0, -800.0, -710.0, -100.0, -20.0, -1.0, 0.0, 1.0, 20.0, 100.0, 710.0, 800.0, 1000.0)


def _m_overflow() -> Evidence:
    """The z of :data:`_OVERFLOW_Z` at which the literal ``1 / (1 + np.exp(-z))`` overflows."""
    import numpy as np

    z = np.array(_OVERFLOW_Z)
    with np.errstate(over="ignore"):
        over = np.isinf(np.exp(-z))
    return Evidence(values=tuple(float(v) for v in z[over]))


def _m_algorithm_older() -> Evidence:
    from .claims.ch_facts import SOURCES

    return Evidence(values=(SOURCES["linnainmaa1970"].year,), than=(SOURCES["werbos1974"].year,))


def _audit_line(n: int):
    from .claims.audited import stored_audit
    from .sources import ARTICLES

    fr = next(f for f in stored_audit() if f.name == ARTICLES["002"])
    return fr.line(n)


def _m_audit_151() -> Evidence:
    line = _audit_line(151)
    bad = next(c for c in line.checks if not c.ok)
    return Evidence(values=(bad.left_value,), than=(line.stated,), tol=(_half_unit(line.stated),),
                    fields={"computed": line.computed, "stated": line.stated})


def _m_audit_181() -> Evidence:
    line = _audit_line(181)
    lo, hi = next(c.left_range for c in line.checks if not c.ok)
    lo, hi = _exact(lo), _exact(hi)
    return Evidence(values=(line.stated,), than=((lo + hi) / 2,), tol=((hi - lo) / 2,),
                    fields={"stated": line.stated})


def _m_audit_190() -> Evidence:
    last = _audit_line(190).checks[-1]
    return Evidence(values=(last.left_value,), than=(last.right,), tol=(_half_unit(last.right),))


# --------------------------------------------------------------------------- the rows

_CHECK_SIGMOID_FN = T("sympy proves it for every real z; bpnn.sigmoid agrees on a grid of -20 … 20",
                      "sympy 对所有实数 z 证明；bpnn.sigmoid 在 -20 … 20 的网格上与之一致")

STATEMENTS: tuple[Statement, ...] = (
    # ---- the sigmoid neuron: the three properties of σ
    Statement("sigmoid-at-zero", "sigmoid-neuron", "equal", T("σ(0) and ½", "σ(0) 与 ½"), _m_sigmoid_at_zero,
              T(r"$\sigma(0) ⟨rel⟩ \tfrac12$", r"$\sigma(0) ⟨rel⟩ \tfrac12$"),
              T("sympy exactly; bpnn.sigmoid(0) exactly", "sympy 精确计算；bpnn.sigmoid(0) 也精确相等")),
    Statement("sigmoid-above-half", "sigmoid-neuron", "larger", T("σ(z) against ½", "σ(z) 与 ½ 比较"),
              _m_sigmoid_above_half,
              T(r"$\sigma(z) ⟨rel⟩ \tfrac12$ exactly when $z > 0$", r"$\sigma(z) ⟨rel⟩ \tfrac12$ 当且仅当 $z > 0$"),
              T("sympy solves the inequality over the reals; bpnn.sigmoid agrees on a grid",
                "sympy 在实数范围内解这个不等式；bpnn.sigmoid 在网格上与之一致")),
    Statement("sigmoid-increasing", "sigmoid-neuron", "increasing", T("σ", "σ"), _m_sigmoid_function,
              T(r"$\sigma$ is ⟨strict⟩: ⟨gloss⟩", r"$\sigma$ ⟨strict⟩：⟨gloss⟩"), _CHECK_SIGMOID_FN),
    Statement("sigmoid-symmetry", "sigmoid-neuron", "equal", T("σ(−z) and 1 − σ(z)", "σ(−z) 与 1 − σ(z)"),
              _m_sigmoid_symmetry,
              T(r"$\sigma(-z) ⟨rel⟩ 1 - \sigma(z)$", r"$\sigma(-z) ⟨rel⟩ 1 - \sigma(z)$"),
              T("sympy simplifies the difference to 0; bpnn.sigmoid agrees to 4 ulp on a grid",
                "sympy 把两者之差化简为 0；bpnn.sigmoid 在网格上相差不超过 4 ulp")),
    # ---- the sigmoid neuron: the article's evaluations against those properties
    Statement("sigmoid-inputs-positive", "sigmoid-neuron", "positive",
              T("the weighted inputs of the chapter's sigmoid evaluations", "本章各次 sigmoid 求值的加权输入"),
              _m_weighted_inputs, T("All the weighted inputs are ⟨adj⟩", "所有加权输入都是⟨adj⟩"),
              T("each z as the article writes it (a named z at the value the audit took)",
                "逐个检查文章写出的 z（有名字的 z 取审计所用的值）")),
    Statement("sigmoid-true-above-half", "sigmoid-neuron", "larger",
              T("the true activations of those evaluations", "这些求值的真值"), _m_true_activations,
              T(r"so every activation must lie ⟨prep⟩ $\tfrac12$", r"所以每个激活值都应⟨prep⟩ $\tfrac12$"),
              T("the audit's value and bpnn.sigmoid's, each against ½", "审计的值和 bpnn.sigmoid 的值逐个与 ½ 比较")),
    Statement("sigmoid-claimed-below-half", "sigmoid-neuron", "smaller",
              T("the activations the article states", "文章给出的激活值"), _m_claimed_activations,
              T(r"the article gives ⟨count⟩ of its ⟨total⟩ ⟨prep⟩ it",
                "文章给出的 ⟨total⟩ 个值中却有 ⟨count⟩ 个⟨prep⟩它"),
              T("each printed value against ½, exactly", "逐个把印出的值与 ½ 精确比较"), quantifier="some"),
    Statement("sigmoid-inputs-grow", "sigmoid-neuron", "increasing",
              T("the weighted inputs of the hidden activations, line by line", "隐藏层激活值的加权输入，逐行"),
              _m_inputs_by_line, T("the weighted inputs ⟨seq⟩", "加权输入⟨seq⟩"),
              T("consecutive lines of each version, exactly", "每个版本中相邻的两行，精确比较")),
    Statement("sigmoid-claimed-shrink", "sigmoid-neuron", "decreasing",
              T("the hidden activations the article states, line by line", "文章给出的隐藏层激活值，逐行"),
              _m_claimed_by_line, T("the claimed activations ⟨seq_short⟩", "文章给出的激活值却⟨seq⟩"),
              T("consecutive lines of each version, exactly", "每个版本中相邻的两行，精确比较")),
    Statement("sigmoid-cannot", "sigmoid-neuron", "increasing", T("σ", "σ"), _m_sigmoid_function,
              T("which ⟨noun⟩ cannot do", "⟨noun⟩不可能如此"), _CHECK_SIGMOID_FN),
    Statement("sigmoid-crosses-off", "sigmoid-neuron", "unequal",
              T("the figure's claimed values against the curve", "图中文章给出的值与曲线"), _m_crosses,
              T("⟨own⟩", "⟨own⟩"),
              T("each claimed value against the true one, within half a unit of its last digit",
                "逐个把文中数值与真值比较，容差为文中数值末位的半个单位"),
              own={"unequal": T("None does", "却没有一个落在上面"),
                   "equal": T("Every one does", "每一个都落在上面")}),
    Statement("sigmoid-overflow-negative", "sigmoid-neuron", "negative",
              T("the z at which 1 / (1 + np.exp(-z)) overflows", "使 1 / (1 + np.exp(-z)) 溢出的 z"), _m_overflow,
              T("overflows for large ⟨adj⟩ `z`", "遇到绝对值很大的⟨adj⟩ `z` 就会溢出"),
              T("np.exp(-z) at z = ±1, ±20, ±100, ±710, ±800, ±1000 and 0: which give inf",
                "在 z = ±1、±20、±100、±710、±800、±1000 和 0 处计算 np.exp(-z)，看哪些得到 inf")),
    Statement("sigmoid-two-forms", "sigmoid-neuron", "equal",
              T("1/(1 + e^{-z}) and e^z/(1 + e^z)", "1/(1 + e^{-z}) 与 e^z/(1 + e^z)"), _m_sigmoid_two_forms,
              T(r"for $z < 0$ the ⟨adj⟩ expression $e^{z}/(1+e^{z})$", r"$z < 0$ 时用⟨adj⟩ $e^{z}/(1+e^{z})$"),
              T("sympy simplifies the difference to 0; bpnn.sigmoid against the literal formula for z < 0",
                "sympy 把两者之差化简为 0；z < 0 时 bpnn.sigmoid 与照字面计算的公式比较")),
    # ---- the facts the articles state
    Statement("facts-algorithm-older", "facts", "smaller",
              T("the year of Linnainmaa's thesis against Werbos's", "Linnainmaa 的论文年份与 Werbos 的比较"),
              _m_algorithm_older,
              T("The algorithm itself is ⟨time⟩ its use for neural networks", "算法本身比它在神经网络上的应用⟨time⟩"),
              T("the years of the records linnainmaa1970 and werbos1974", "记录 linnainmaa1970 与 werbos1974 的年份")),
    # ---- auditing an article: what the prose says about lines 151, 181 and 190 of article 002
    Statement("audit-l151-not-stated", "auditing", "unequal",
              T("the value of line 151's expression against the stated 0.865", "第 151 行的式子的值与文中的 0.865"),
              _m_audit_151,
              T(r"$\frac{1}{1+e^{-0.2}}$ is ⟨computed⟩, ⟨own⟩ ⟨stated⟩",
                r"$\frac{1}{1+e^{-0.2}}$ 的值是 ⟨computed⟩，⟨own⟩ ⟨stated⟩"),
              T("the audit's value against the stated number, within half a unit of its last digit",
                "审计算出的值与文中数值比较，容差为文中数值末位的半个单位"),
              own={"unequal": T("not", "而不是"), "equal": T("that is", "也就是")}),
    Statement("audit-l181-outside", "auditing", "unequal",
              T("line 181's stated value against the range of its product", "第 181 行的文中数值与乘积的区间"),
              _m_audit_181, T("the article's $⟨stated⟩$ ⟨own⟩", "文章的 $⟨stated⟩$ ⟨own⟩"),
              T("the stated number against the audit's range, exactly", "文中数值与审计给出的区间精确比较"),
              own={"unequal": T("is outside it", "落在区间之外"), "equal": T("is inside it", "落在区间之内")}),
    Statement("audit-l190-rounds", "auditing", "equal",
              T("line 190's product against the stated value", "第 190 行的乘积与文中数值"), _m_audit_190,
              T("⟨own⟩", "⟨own⟩"),
              T("the product against the stated number, within half a unit of its last digit",
                "乘积与文中数值比较，容差为文中数值末位的半个单位"),
              own={"equal": T("which rounds to the stated value", "舍入后正好是文中数值"),
                   "unequal": T("which does not round to the stated value", "舍入后不是文中数值")}),
)

_BY_ID = {s.id: s for s in STATEMENTS}
if len(_BY_ID) != len(STATEMENTS):
    raise BpnnError("two statements share an id")

#: the pages that glue statements
PAGES: tuple[str, ...] = tuple(dict.fromkeys(s.page for s in STATEMENTS))


def get(statement_id: str) -> Statement:
    """The statement with this id."""
    try:
        return _BY_ID[statement_id]
    except KeyError:
        raise BpnnError(f"no statement {statement_id!r}") from None


def for_page(page: str) -> list[Statement]:
    """The statements of ``page`` (``"sigmoid-neuron"``), in the order they are registered."""
    return [s for s in STATEMENTS if s.page == page]


def sentences(page: str, lang: str = "en") -> dict[str, Sentence]:
    """Every statement of ``page`` as its sentence in ``lang``, keyed by statement id, for the
    page's ``glue`` calls.  Every statement is checked; if any fails, :class:`StatementFalse`
    names all that fail, and the page does not build."""
    check_lang(lang)
    rows = for_page(page)
    if not rows:
        raise BpnnError(f"no statements for the page {page!r}")
    out, false = {}, []
    for s in rows:
        try:
            out[s.id] = Sentence(s.sentence(lang))
        except StatementFalse as e:
            false.append(str(e))
    if false:
        raise StatementFalse("; ".join(false))
    return out
