"""Deciding verdicts: each side evaluated with its rounding, consecutive sides compared, values
remembered from line to line.

The rounding rules (where a number's uncertainty comes from) are in one place: the section
"the rounding rules" below, class :class:`Sources` and function :func:`classify`.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from ...errors import BpnnError
from ..latexnum import LatexError, bare_number, compile_side, normalise_unicode
from .find import _APPROX, _EQ_RELATIONS, MathPiece, extract_math, split_chain

VERDICTS = ("ok", "slip", "wrong", "inconsistent", "unchecked", "unparsed")
#: the audit's verdicts (and the errata's "not math": a line the audit does not read) in Chinese
VERDICTS_ZH = {"ok": "无误", "slip": "末位偏差", "wrong": "有误", "inconsistent": "前后矛盾", "unchecked": "未核查",
               "unparsed": "无法解析", "not math": "非数学式"}
#: the reasons of an unchecked or unparsed line (``LineResult.reason``), a short key each
REASONS = {
    "no-numbers": "the math prints no number",
    "no-value": "a name in it has no value (the article gives none before)",
    "ambiguous-symbol": "a symbol could mean two things (the letter e: Euler's number or a named error)",
    "unknown-precision": "a printed number could be exact data or a rounded result, and the verdict depends on which",
    "carried-precision": "a rounded result used again, and the verdict depends on how the article carried it on: "
                         "as its calculation gives it, or as any number that rounds to what it printed",
    "not-read": "a side with numbers could not be read or evaluated",
    "nothing-to-compare": "no two sides with a value to compare",
    "redefined": "a name given a new value by a plain definition, as an earlier plain definition gave it another, "
                 "with no heading between: a second set of values or a mistake, which the audit cannot tell",
    "ambiguous-reading": "a notation with several readings (u \\cdot v for two vectors: dot, element-wise or "
                         "outer product) that match under some and not under others",
}
MAX_CORNERS = 10        # at most 2**10 evaluations per side for the rounding bounds
MAX_ROUNDED = 300       # beyond this many rounded inputs a side is not bounded (first-order bounds cost n²)
MAX_TERMS_SIDE = 5000


def verdict_label(verdict: str, lang: str = "en") -> str:
    """An audit verdict (one of ``VERDICTS``, or "not math") as the book prints it in ``lang``."""
    from ..i18n import check_lang

    if check_lang(lang) == "en":
        return verdict
    if verdict not in VERDICTS_ZH:
        raise BpnnError(f"audit verdict {verdict!r}: must be one of {', '.join(VERDICTS_ZH)}")
    return VERDICTS_ZH[verdict]


# ----------------------------------------------------------------------------- the rounding rules
#
# A number's uncertainty comes from where it came from, never from how many digits it prints.
#
# 1. A whole number (digits only: ``3``, the 1 of ``1 - a``, an exponent) is exact.
# 2. A number the article gave as data (a plain definition ``w_1 = 0.8``, ``\eta := 0.5``, a list
#    ``[w_1, w_2] = [0.15, 0.2]``) is exact, and so is every later occurrence of that value.
# 3. A number the article itself computed and printed rounded (``a \approx 0.550``, or a result
#    that its calculation does not give exactly) stands for that computation: wherever the same
#    value is substituted it may lie anywhere within half a unit of *that printed value*
#    (0.550 ± 0.0005).  A shorter rounding of it that keeps at least three significant digits
#    (0.550 for a printed 0.5498) lies between the two; a number of one or two significant digits
#    is within half a unit of too many values (0.4 of 0.35891648) to be taken for a rounding.  A name whose remembered value is such a result is rounded in the same way.
# 4. Within one chain ``A = B = C``, a number printed in B or C that is a shorter rounding of the
#    value of some part of an earlier side (1.8187 for the ``1 + e^{-0.2}`` written before it), with
#    at least three significant digits, is that value rounded, as in rule 3.  The value of a whole
#    earlier side is not such a part (it is what the sides are compared with).  A part's value
#    negated counts too (``0.1 + 0.0066`` for ``W - 0.5 \cdot (-0.0131)``: the sign moved across
#    the operator).  With fewer than three significant digits it is only possibly such a rounding
#    (rule 6), unless it is data (rule 2): then it is exact.
# 5. Any other number has no known source and is exact.
# 6. Where a number is data (rule 2) and could also be a rounded result (rules 3, 4), or where it
#    equals a rounded result (or rounds a part, rule 4) but prints fewer than three significant digits (one rounded 0.5 must
#    not make every later 0.5 fuzzy), the side is evaluated both ways, exact and rounded; where the
#    verdicts differ the line is *unchecked* (``unknown-precision``).  So is a number that a chain
#    the audit cannot evaluate ends in (``x = \lceil … \rceil = 4.0``, a prose chain not read in full):
#    its result, perhaps rounded, or data.
# 7. Within a chain, a number printed in a later side that is exactly the value of a part of an
#    earlier side depending on a rounded input (``\frac{1}{1 + 0.3679} = \frac{1}{1.3679}``, 0.3679
#    rounded) is known only to its own printed digits; parts that depend on no rounded input (found
#    by evaluating the side again with its rounded inputs nudged) stay exact.
# 8. Carried results.  Rules 3 and 4 let a rounded result used again lie anywhere within half a unit
#    of what was printed; an article more likely carried on what its calculation gave (or that value
#    rounded to more digits than it printed).  Each side is evaluated a third way, with every rounded
#    result (a name or a printed number) within the hull of its printed value and its calculation's
#    range widened by a tenth of its half unit (``_carried``); a comparison ok under rules 3-4 but
#    wrong so is not decided: the line is *unchecked* (``carried-precision``), never ok.
#
# Sides are computed exactly where every input is exact and the operations are rational (fractions:
# 0.1 + 0.2 is 3/10), and with mpmath at 50 digits otherwise (the error bound is carried along; see
# ``latexnum.Side.exact``).  A stated result (a bare number after ``=`` or ``\approx``) is itself
# printed rounded: it agrees with its calculation when it lies within half a unit of its last printed
# digit of the calculation's range (the range that the rounded inputs of rule 3 give); a whole number
# after ``=`` claims to be exact (``3.5 = 3`` is wrong), after ``\approx`` it is rounded too.  See
# :func:`classify` for the verdict of one comparison, and *slip* (a long value truncated, or rounded in steps, instead of
# rounded).

SLIP_MIN_DIGITS = 3     # a slip needs a stated value of at least this many significant digits
#: two formulas that differ by less than this part of their size agree: no printed digit shows the
#: difference (a dropped ε of 10^-8); a stated number is always compared exactly (``classify``)
NEGLIGIBLE = Fraction(1, 10 ** 9)
MIN_ROUNDING_DIGITS = 3  # a shorter rounding (rules 3 and 4) keeps at least this many significant digits


@lru_cache(maxsize=256)
def half_unit(printed_decimals: int) -> Fraction:
    """Half a unit in the last printed place, exactly: 0.865 -> 1/2000."""
    return Fraction(1, 2 * 10 ** printed_decimals)


def stated_half(lit, approx: bool) -> Fraction:
    """How far a stated (printed) result may lie from what it states: half a unit of its last printed
    digit, 0 for a whole number after ``=`` (it claims to be exact)."""
    if lit.whole and not approx:
        return Fraction(0)
    return half_unit(lit.decimals)


@lru_cache(maxsize=65536)
def significant_digits(printed: str) -> int:
    """Significant digits of a printed number: 0.596884378 has 9, 0.40 has 2, -0.000 has 0."""
    mantissa = re.split(r"[eE]", printed.lstrip("+-"))[0]
    return len(mantissa.replace(".", "").lstrip("0"))


def classify(calc: tuple, stated: Fraction, half: Fraction, lit=None) -> str:
    """The verdict of one comparison of a stated (printed) value with a calculation whose value lies
    in the range ``calc`` = ``(lo, hi)`` (fractions); ``half``: the stated value's own rounding
    (:func:`stated_half`); ``lit``: the stated number as printed (None: not a printed number).

    * ``ok``: the stated value lies within ``half`` of the range;
    * ``slip``: it is the range's value *truncated* to the printed digits instead of rounded
      (0.274811083 for 0.2748110836): beyond ``half`` but less than one unit of the last printed
      digit, on the side of zero, where the stated number prints at least :data:`SLIP_MIN_DIGITS`
      significant digits; or the range's value *rounded twice* (0.260 for 0.2594965, by way of
      0.2595: :func:`rounds_in_steps_to`), at most one unit away, with as many digits.  A last digit
      rounded the wrong way otherwise (0.301 for 0.3001: an addend a place off, in article 002) is
      an error, and one unit off at two digits (1.7 for 1.6) is a different number;
    * ``wrong`` otherwise."""
    lo, hi = calc
    if lo <= stated <= hi:
        return "ok"
    distance = lo - stated if stated < lo else stated - hi
    if distance <= half:
        return "ok"
    if (lit is not None and half > 0 and distance <= 2 * half and stated != 0
            and significant_digits(lit.text) >= SLIP_MIN_DIGITS):
        truncated = distance < 2 * half and (lo > stated if stated > 0 else hi < stated)
        if truncated or rounds_in_steps_to(hi if stated > hi else lo, stated, 2 * half):
            return "slip"
    return "wrong"


def _round_to(x: Fraction, step: Fraction) -> Fraction:
    """``x`` rounded to a multiple of ``step``, halves away from zero (as people round by hand)."""
    n = math.floor(abs(x) / step + Fraction(1, 2))
    return n * step if x >= 0 else -n * step


def rounds_in_steps_to(x: Fraction, stated: Fraction, unit: Fraction, extra: int = 6) -> bool:
    """Does ``x``, rounded to ``k`` more digits than ``unit`` and then one digit at a time down to
    ``unit``, give ``stated`` for some ``k`` from 1 to ``extra``?  (0.2594965 → 0.2595 → 0.260: the
    double rounding a hand calculation makes when it rounds an intermediate result, then rounds that.)
    Rounding is monotonic, so the end of a range nearest the stated value is the one to try."""
    for k in range(1, extra + 1):
        v = x
        for j in range(k, -1, -1):
            v = _round_to(v, unit / 10 ** j)
        if v == stated:
            return True
    return False


@dataclass(slots=True)
class Origin:
    """Where a printed number's uncertainty comes from: exact, or within ``[lo, hi]`` (fractions)."""

    lo: Fraction
    hi: Fraction
    note: str = ""            # "0.550 ± 0.0005 (line 8)" for the report
    ambiguous: bool = False   # data too (rule 6): exact in the strict reading
    #: where the number lies if the article carried on the value its calculation gave (or that value
    #: rounded to more digits than printed), not any number that rounds to it (``_carried``);
    #: None: [lo, hi]
    tight: tuple | None = None


class Sources:
    """What the audit knows, within one section of a document, of where numbers came from."""

    def __init__(self):
        # keyed by the value's (numerator, denominator): a pair of ints hashes much faster than a fraction
        self.data: dict[tuple, int] = {}                      # value -> line where given as data
        self.computed: dict[tuple, dict] = {}                 # value -> {(half, printed): first line}
        self._carried_range: dict[tuple, tuple] = {}          # the carried range of each, worked out once
        self.maybe: dict[tuple, dict] = {}                    # value -> {(half, printed): line}: data or a
                                                              # rounded result (a chain not evaluated)
        self.carried: dict[tuple, list | None] = {}           # (value, half, printed) -> the ranges of the
                                                              # calculations that printed it (None: one unknown)
        self._sorted: list[tuple] = []                        # the computed values (float, fraction), sorted
        self._cache: dict = {}                                # printed number -> origin (no parts)
        self.headings: list[int] = []                         # lines of the document's headings, sorted
        self.last_side: tuple | None = None                   # (line, tex) of the last side of the last chain

    def heading_between(self, a: int, b: int) -> bool:
        """Is there a heading (of any level) after line ``a`` and up to line ``b``?"""
        i = bisect.bisect_right(self.headings, a)
        return i < len(self.headings) and self.headings[i] <= b

    def clear(self) -> None:
        self.last_side = None
        self.data.clear()
        self.computed.clear()
        self.maybe.clear()
        self.carried.clear()
        self._carried_range.clear()
        self._sorted.clear()
        self._cache.clear()

    # Values are kept by magnitude: a number substituted into a formula is read unsigned, its sign
    # being an operator (``-0.01 \cdot 0.1`` substitutes 0.01), so data w = -0.01 makes a later
    # 0.01 data too, and a result printed -0.049 makes a later 0.049 rounded, whichever sign it has.

    def add_data(self, value: Fraction, line: int) -> None:
        value = abs(value)
        key = (value.numerator, value.denominator)
        if key not in self.data:
            self.data[key] = line
            self._cache.clear()

    def add_computed(self, value: Fraction, half: Fraction, line: int, printed: str, calc: tuple | None = None) -> None:
        """A result printed as ``printed``, rounded to ``half``; ``calc``: the range of the calculation
        that gave it (signed, as ``value``), where known (see ``_carried``)."""
        if half == 0:
            self.add_data(value, line)
            return
        if calc is not None and value < 0:
            calc = (-calc[1], -calc[0])
        value = abs(value)
        key = (value.numerator, value.denominator)
        known = self.computed.get(key)
        if known is None:
            bisect.insort(self._sorted, (float(value), value))
            known = self.computed[key] = {}
        if (half, printed) not in known:
            known[(half, printed)] = line
            self._cache.clear()
        # the calculations that printed it, for its carried range (worked out where it is used: _origin);
        # one with no known calculation leaves it all of ± half
        ckey = (key, half, printed)
        calcs = self.carried.get(ckey, [])
        if calcs is not None:
            self.carried[ckey] = calcs + [calc] if calc is not None and calc[0] >= 0 else None
            self._carried_range.pop(ckey, None)
        self._cache.clear()

    def add_maybe(self, value: Fraction, half: Fraction, line: int, printed: str) -> None:
        """A number a chain the audit cannot evaluate ends in (``x = \\lceil … \\rceil = 4.0``, a prose
        chain not read in full): its result, perhaps rounded, or data.  Where the article gives the
        same value as data (rule 2) it is that data; otherwise it is read both ways (rule 6)."""
        if half == 0:
            return
        value = abs(value)
        known = self.maybe.setdefault((value.numerator, value.denominator), {})
        if (half, printed) not in known:
            known[(half, printed)] = line
            self._cache.clear()

    def literal(self, lit, nodes: list[Fraction] = ()) -> Origin | None:
        """The origin of one printed number substituted in a formula; None where it is exact.
        ``nodes``: the sorted values of the parts of the earlier sides of the same chain (rule 4)."""
        if lit.whole:
            return None                                               # rule 1
        if not nodes:
            if lit.text not in self._cache:
                self._cache[lit.text] = self._origin(lit, ())
            return self._cache[lit.text]
        return self._origin(lit, nodes)

    def _origin(self, lit, nodes) -> Origin | None:
        v = lit.exact
        h = half_unit(lit.decimals)
        lo = hi = v
        tlo = thi = v           # the carried reading (Origin.tight)
        notes = []
        key = (v.numerator, v.denominator)
        data_line = self.data.get(key)
        for (half, printed), line in self.computed.get(key, {}).items():   # rule 3
            lo, hi = min(lo, v - half), max(hi, v + half)
            ckey = (key, half, printed)
            c = self._carried_range.get(ckey, False)
            if c is False:
                calcs = self.carried.get(ckey)
                ranges = [_carried(v, half, x) for x in calcs] if calcs else [None]
                c = self._carried_range[ckey] = (
                    (v - half, v + half) if any(r is None for r in ranges)
                    else (min(r[0] for r in ranges), max(r[1] for r in ranges)))
            tlo, thi = min(tlo, c[0]), max(thi, c[1])
            notes.append(f"{printed} ± {_g(float(half))} (line {line})")
        maybe = False
        if data_line is None:
            for (half, printed), line in self.maybe.get(key, {}).items():     # rule 6: data or a result
                lo, hi = min(lo, v - half), max(hi, v + half)
                tlo, thi = min(tlo, v - half), max(thi, v + half)
                notes.append(f"{printed} ± {_g(float(half))} (line {line}, its calculation not read)")
                maybe = True
        computed_lo, computed_hi = lo, hi
        digits = significant_digits(lit.text)
        long_enough = digits >= MIN_ROUNDING_DIGITS
        if long_enough and self._sorted:                               # rule 3: a shorter rounding
            # searched in floats (the list holds (float, fraction) pairs), each hit confirmed exactly;
            # the float bounds are widened by a few units in the last place of their rounding
            fv, fh = float(v), float(h)
            margin = 4 * math.ulp(abs(fv) + fh)
            i = bisect.bisect_left(self._sorted, (fv - fh - margin,))
            top = fv + fh + margin
            while i < len(self._sorted) and self._sorted[i][0] <= top:
                k = self._sorted[i][1]
                if k != v and abs(k - v) <= h:
                    for (half, printed), line in self.computed[k.numerator, k.denominator].items():
                        if _decimals(printed) > lit.decimals:
                            lo, hi = min(lo, k - half), max(hi, k + half)
                            notes.append(f"{lit.text} rounds {printed} (line {line})")
                i += 1
        if nodes and data_line is None:                                # rule 4 (rule 6 below if short)
            # a number that is data is that data, exact: a part of an earlier side that happens to round to
            # it (w = 1.00 given, and b = 0.995 a part) is no reason to doubt it (rule 1)
            if isinstance(nodes, ChainParts):
                near = nodes.near(v, lit.decimals)
            else:
                parts = _sorted_parts(nodes)
                near = parts[bisect.bisect_left(parts, v - h):bisect.bisect_right(parts, v + h)]
            for x in near:
                if x != v:
                    lo, hi = min(lo, x), max(hi, x)
                    if not notes or not notes[-1].startswith("rounds a part"):
                        notes.append(f"rounds a part of an earlier side ({_g(float(x))})")
            if isinstance(nodes, ChainParts) and nodes.is_uncertain(v) and (lo > v - h or hi < v + h):
                # the very value of a part of an earlier side, but that side has rounded inputs: the part
                # is known only to the digits printed here (1/(1 + 0.3679) = 1/1.3679 ≈ 0.73106, with
                # 0.3679 standing for e^-1: 1.3679 is 1.367879… rounded)
                lo, hi = min(lo, v - h), max(hi, v + h)
                notes.append(f"a part of an earlier side with rounded inputs, known to ± {_g(float(h))}")
        if lo == hi:
            return None                                                # rule 5
        # the carried reading narrows only what the printed results of rule 3 allow; every other
        # widening (a shorter rounding, a part of the chain) is the same in both readings
        tlo = min(tlo, lo) if lo < computed_lo else tlo
        thi = max(thi, hi) if hi > computed_hi else thi
        tight = None if (tlo, thi) == (lo, hi) else (min(tlo, v), max(thi, v))
        # rule 6: data too, or a value of one or two significant digits (a later 0.5 is not
        # necessarily the 0.5 that rounded a result: it may be exact)
        ambiguous = data_line is not None or digits < MIN_ROUNDING_DIGITS or maybe
        note = f"{lit.text}: " + "; ".join(dict.fromkeys(notes))
        if data_line is not None:
            note += f"; or data (line {data_line})"
        elif ambiguous:
            note += "; or exact (too few digits to tell)"
        return Origin(lo, hi, note, ambiguous, tight)


def _decimals(printed: str) -> int:
    from decimal import Decimal

    try:
        return max(0, -int(Decimal(printed.lstrip("+-")).as_tuple().exponent))
    except Exception:      # noqa: BLE001 - printed numbers were parsed once already
        return 0


# ----------------------------------------------------------------------------- results

@dataclass(slots=True)
class Known:
    """A value the document established: ``z_1 = … = 0.2`` on line 144."""

    value: float
    half: float        # rounding half-width (0 where the value is exact)
    line: int
    printed: str
    exact: Fraction | None = None     # the printed value exactly
    half_q: Fraction = Fraction(0)    # ``half`` exactly
    formula: str = ""                 # given by a formula (``X = w x + b``), not a printed number
    lo_q: Fraction | None = None      # for a formula: the range of its value
    hi_q: Fraction | None = None
    defined: bool = False             # given by a plain definition (w_1 = 0.5: no calculation in its chain)
    #: a printed result of a calculation: the range of that calculation (``calc``), from which
    #: ``tight`` is worked out where the name is used: where the value carried on may lie if the article
    #: carried the calculation's own value (or that value rounded to more digits than it printed) rather
    #: than any number that rounds to what it printed; offsets from ``exact``, within ``± half_q``
    #: (None: ± half_q)
    calc: tuple | None = None
    _tight: object = False

    @property
    def tight(self) -> tuple | None:
        if self._tight is False:
            rng = None if self.calc is None or not self.half_q else _carried(self.exact, self.half_q, self.calc)
            self._tight = None if rng is None else (rng[0] - self.exact, rng[1] - self.exact)
        return self._tight

    def __post_init__(self):     # made from floats alone: their shortest decimals
        if self.exact is None:
            self.exact = Fraction(repr(self.value))
        if self.half and not self.half_q:
            self.half_q = Fraction(repr(self.half))


@dataclass(slots=True)
class Side:
    tex: str
    status: str                  # number | value | unresolved | unparsed | empty
    value: float | None = None
    lo: float | None = None
    hi: float | None = None
    printed: str | None = None   # for a bare number: as printed, with its sign
    missing: list[str] = field(default_factory=list)
    reason: str = ""
    uses: list[str] = field(default_factory=list)
    rounded: list[str] = field(default_factory=list)
    literal: object = None       # for a bare number: its Literal
    exact: Fraction | None = None
    err: Fraction = Fraction(0)                  # bound of the evaluation's own error (mpmath)
    strict: tuple = ()                           # (lo, hi) fractions: rules 1-5, data read as data
    loose: tuple = ()                            # (lo, hi) fractions: ambiguous numbers read as rounded
    nodes: list = field(default_factory=list)    # sorted values of its parts (rule 4)
    why: str = ""                                # reason key where it has no value
    ambiguous: bool = False                      # (for .tensor) its strict and loose ranges differ
    #: the values among ``nodes`` that depend on a rounded input (a printed number with an origin, a
    #: rounded name): known only as well as those (rule 7, ``ChainParts.is_uncertain``); a function
    #: that works them out where they were not needed yet
    uncertain_nodes: object = frozenset()
    #: (lo, hi) fractions: the strict reading with each rounded name carried as its calculation gave it
    #: (``Known.tight``); empty where no name used has such a range (the strict range then)
    tight: tuple = ()

    @property
    def has_value(self) -> bool:
        return self.status in ("number", "value")

    @property
    def exactly(self) -> bool:
        """Its value is known exactly (no rounded input, no transcendental function)."""
        s, lo = self.strict, self.loose
        return (not self.err and (s[0] is s[1] or s[0] == s[1])
                and (lo is s or lo[0] is lo[1] or lo[0] == lo[1]))


@dataclass(slots=True)
class Check:
    """One comparison of two sides."""

    left: str
    relation: str
    right: str
    left_value: float
    right_value: float
    left_range: tuple[float, float]
    right_range: tuple[float, float]
    ok: bool
    by_name: bool = False        # one of the two sides is a name (its remembered value)
    verdict: str = ""            # ok | slip | wrong | undecided (the two readings of rule 6 differ)
    #: where undecided: the verdicts with the numbers of rule 6 read as exact data and as rounded results
    readings: tuple = ()
    #: undecided only by how a rounded result was carried on (``Known.tight``), not by rule 6
    carried: bool = False


@dataclass(slots=True)
class LineResult:
    line: int
    verdict: str                     # ok | slip | wrong | inconsistent | unchecked | unparsed
    tex: str                         # the math of the line (pieces joined by " ; ")
    stated: str | None = None        # for wrong: the printed value that disagrees
    computed: str | None = None      # for wrong: what the other side gives
    detail: str = ""
    checks: list[Check] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)
    rounded_inputs: list[str] = field(default_factory=list)
    has_numbers: bool = False
    parsed: bool = True
    reason: str = ""                 # for unchecked and unparsed: a key of REASONS


@dataclass
class FileResult:
    name: str
    lines: list[LineResult]
    named: list = field(default_factory=list)      # NamedCheck: stated values against a network (--spec)

    def count(self, verdict: str) -> int:
        return sum(r.verdict == verdict for r in self.lines)

    @property
    def summary(self) -> dict:
        with_numbers = [r for r in self.lines if r.has_numbers]
        return {
            "math_lines": len(self.lines),
            "with_numbers": len(with_numbers),
            "parsed": sum(r.verdict != "unparsed" for r in with_numbers),
            "checked": sum(r.verdict in ("ok", "slip", "wrong", "inconsistent") for r in self.lines),
            **{v: self.count(v) for v in VERDICTS},
        }

    def line(self, n: int) -> LineResult | None:
        for r in self.lines:
            if r.line == n:
                return r
        return None


def _g(x: float) -> str:
    """A computed value as the report prints it: 6 significant digits, no -0."""
    s = f"{x:.6g}"
    return "0" if s in ("-0", "0") else s


# ----------------------------------------------------------------------------- evaluation

_LABELS = re.compile(r"_(\{[^{}]*\}|\\[A-Za-z]+|.)|\^\{?\(\w{1,3}\)\}?")


@lru_cache(maxsize=65536)
def _has_number(tex: str) -> bool:
    """Does the text print a number outside subscripts (``w_{11}`` has none)?"""
    stripped = _LABELS.sub("", tex)   # W^{(0)}: a label
    return any(ch.isdigit() for ch in stripped)    # ² and ① count: refused visibly, never dropped


_SCIENTIFIC = re.compile(r"\s*([-+−]?)\s*(\d+(?:\.\d+)?)\s*(?:\\times|\\cdot|×|·|⋅|\*)\s*10\s*\^\s*"
                         r"(?:\{\s*([-+−]?)\s*(\d+)\s*\}|([-+−]?)(\d))\s*")


@lru_cache(maxsize=65536)
def _scientific(tex: str) -> tuple | None:
    """``(sign, literal)`` where a side is a number in scientific notation, ``2.04 \\times 10^{-6}``
    (also ``\\cdot``, ×, ·): a printed number like ``2.04e-6``, with its digits (rounded to half a
    unit of its last digit, 0.005e-6: it is not the exact product of 2.04 and a power of ten)."""
    from ..latexnum import literal_number

    if "10" not in tex:
        return None
    m = _SCIENTIFIC.fullmatch(tex)
    if m is None:
        return None
    sign = -1 if m.group(1) in ("-", "−") else 1
    esign, digits = (m.group(3), m.group(4)) if m.group(4) is not None else (m.group(5), m.group(6))
    exponent = ("-" if esign in ("-", "−") else "") + digits
    return sign, literal_number(f"{m.group(2)}e{exponent}")


def _evaluate_side(tex: str, memory: dict[str, Known], sources: Sources, nodes: list[Fraction] = ()) -> Side:
    """One side's value (exact, see :meth:`latexnum.Side.exact`) and its range under the rounding
    rules (:class:`Sources`); ``nodes``: the values of the parts of the earlier sides of its chain."""
    if not tex:
        return Side(tex, "empty", reason="an empty side", why="not-read")
    try:
        bn = bare_number(tex) or _scientific(tex)
    except LatexError as exc:          # 1e400: a number beyond a float's range is never "ok"
        return Side(tex, "unparsed", reason=str(exc), why="not-read")
    if bn is not None:
        sign, lit = bn
        v = sign * lit.value
        q = sign * lit.exact
        return Side(tex, "number", v, v, v, printed=("-" if sign < 0 else "") + lit.text, literal=lit,
                    exact=q, strict=(q, q), loose=(q, q), nodes=[q])
    try:
        side = compile_side(tex)
    except LatexError as exc:
        return Side(tex, "unparsed", reason=str(exc), why="not-read")
    lone = _lone_literal(side)
    if lone is not None:        # \mathbf{0.2748}, {-0.5}: a printed number in a font or a group
        sign, lit = lone
        q = sign * lit.exact
        return Side(tex, "number", sign * lit.value, sign * lit.value, sign * lit.value,
                    printed=("-" if sign < 0 else "") + lit.text, literal=lit, exact=q, strict=(q, q), loose=(q, q),
                    nodes=[q])
    if side.lone_e:   # "e = y - t" names an error e; Euler's number is only taken inside formulas
        if "e" not in memory:
            return Side(tex, "unresolved", missing=["e"], why="no-value")
        k = memory["e"]
        lo, hi = k.exact - k.half_q, k.exact + k.half_q
        return Side(tex, "value", k.value, k.value - k.half, k.value + k.half,
                    uses=[f"e = {k.printed} (line {k.line})"], exact=k.exact, strict=(lo, hi), loose=(lo, hi),
                    nodes=[k.exact], rounded=[f"e = {k.printed} ± {_g(k.half)}"] if k.half else [])
    notes = list(side.notes)
    kinds = side.e_kinds if side.uses_e else frozenset()
    if kinds:
        # the letter e: a quantity the article named e (e = y - t) where it stands alone or is squared,
        # Euler's number where it is raised to anything else (e^{-z}); both in one side: not guessed
        named = memory.get("e")
        where = f"the e of line {named.line}" if named is not None else "a quantity e the article has not given"
        if "bare" in kinds or ("whole-power" in kinds and named is not None):
            if "euler" in kinds or named is None:
                return Side(tex, "unresolved", missing=[f"e (Euler's number, or {where}?)"], why="ambiguous-symbol")
            side = side.with_named_e()
        elif named is not None:
            notes.append(f"e^{{…}} read as Euler's number, not {where}")
    missing = side.unresolved(memory)
    if missing:
        return Side(tex, "unresolved", missing=missing, why="no-value")
    if len(side.literals) > MAX_TERMS_SIDE:
        return Side(tex, "unparsed", reason=f"more than {MAX_TERMS_SIDE} numbers in one side", why="not-read")
    used: dict[str, None] = {}

    def record(name, occ):
        used[name] = None
        return memory[name].value

    try:
        point = side.value({}, record)       # in floats first: a side beyond a float's range is refused
        key = (tex, tuple((n, memory[n].exact) for n in sorted(side.names | side.calls) if n in memory),
               "e" in memory)
        cached = _EXACT_CACHE.get(key)
        if cached is None:
            part_values: list = []
            exact, err = side.exact(lambda n: memory[n].exact, part_values)
            if len(_EXACT_CACHE) > 20000:
                _EXACT_CACHE.clear()
            _EXACT_CACHE[key] = cached = (exact, err, tuple(part_values))
        exact, err, part_values = cached
    except OverflowError:
        return Side(tex, "unparsed", reason="cannot be evaluated: too large for a float", why="not-read")
    except (ZeroDivisionError, ValueError) as exc:
        return Side(tex, "unparsed", reason=f"cannot be evaluated: {exc}", why="not-read")
    uses = [f"{n} = {memory[n].printed} (line {memory[n].line})" for n in used]
    if side.uses_sigmoid:
        uses.append("σ(…) read as the logistic function 1/(1+e^-z)")
    uses.extend(notes)
    # the uncertain inputs (the rounding rules): printed numbers with an origin, rounded names
    origins: dict[str, tuple] = {}          # printed text -> (origin, slots)
    for k, (kind, item) in enumerate(side.slots):
        if kind != "lit":
            continue
        if item.text in origins:
            origins[item.text][1].append(k)          # the same printed number twice: one value
            continue
        o = sources.literal(item, nodes)
        if o is not None:
            origins[item.text] = (o, [k])
    rounded_here = [o.note for o, _ in origins.values()]
    variables = []      # (kind, key, lo offset, hi offset, ambiguous, carried (lo, hi) offsets or None)
    for o, slots in origins.values():
        v = side.slots[slots[0]][1].exact
        variables.append(("k", tuple(slots), float(o.lo - v), float(o.hi - v), o.ambiguous,
                          None if o.tight is None else (float(o.tight[0] - v), float(o.tight[1] - v))))
    for n in used:
        k = memory[n]
        if k.half:
            rounded_here.append(f"{n} = {k.printed} ± {_g(k.half)}")
            variables.append(("s", n, -k.half, k.half, False,
                              None if k.tight is None else (float(k.tight[0]), float(k.tight[1]))))
    try:
        strict_vars = [x for x in variables if not x[4]]
        strict = _spread(side, memory, point, strict_vars)
        loose = _spread(side, memory, point, variables) if any(x[4] for x in variables) else strict
        tight = None
        if any(x[5] is not None for x in strict_vars):
            # every rounded input carried as its calculation gave it (Known.tight, Origin.tight)
            tight = _spread(side, memory, point,
                            [x if x[5] is None else (x[0], x[1], x[5][0], x[5][1], x[4], None) for x in strict_vars])
    except (ZeroDivisionError, ValueError, OverflowError) as exc:
        return Side(tex, "unparsed", reason=f"cannot be evaluated near its printed inputs: {exc}", why="not-read")
    if strict is None or loose is None:
        return Side(tex, "unparsed", reason=f"{len(variables)} rounded inputs: too many to bound", why="not-read")
    s_lo, s_hi = (exact, exact) if strict == (0.0, 0.0) else (exact + Fraction(strict[0]), exact + Fraction(strict[1]))
    l_lo, l_hi = (s_lo, s_hi) if loose is strict else (exact + Fraction(loose[0]), exact + Fraction(loose[1]))
    t_range = () if tight is None else (exact + Fraction(tight[0]), exact + Fraction(tight[1]))
    uncertain = frozenset()
    if variables and part_values:
        # worked out only if a later side of the chain asks (ChainParts.is_uncertain): within one chain
        # the memory does not change
        lits, names = [k for o, slots in origins.values() for k in slots], [x[1] for x in variables if x[0] == "s"]
        uncertain = lambda: _dependent_parts(side, memory, lits, names, part_values)  # noqa: E731
    return Side(tex, "value", point, point + loose[0], point + loose[1], uses=uses, rounded=rounded_here,
                exact=exact, err=err, strict=(s_lo, s_hi), loose=(l_lo, l_hi), nodes=part_values, tight=t_range,
                uncertain_nodes=uncertain)


_NUDGE = Fraction(7, 3 * 10 ** 60)     # far below any printed digit, and no decimal fraction


def _dependent_parts(side, memory: dict[str, Known], slots: list[int], names: list[str], parts) -> frozenset:
    """The values among ``parts`` (the side's sub-formulas, as :meth:`latexnum.Side.exact` lists them)
    that change when the rounded inputs do: the side evaluated again with each printed number of
    ``slots`` and each name of ``names`` moved by a tiny amount, part by part.  Where the second
    evaluation lists its parts otherwise, every part is taken to depend on them."""
    import copy
    from types import SimpleNamespace

    if not parts:
        return frozenset()
    moved = copy.copy(side)
    moved.slots = list(side.slots)
    for k in slots:
        kind, lit = side.slots[k]
        moved.slots[k] = (kind, SimpleNamespace(text=lit.text, value=lit.value, decimals=lit.decimals,
                                                whole=lit.whole, exact=lit.exact + _NUDGE))
    nudged = set(names)
    again: list = []
    try:
        moved.exact(lambda n: memory[n].exact + (_NUDGE if n in nudged else 0), again)
    except (ZeroDivisionError, ValueError, OverflowError):
        again = []
    if len(again) != len(parts):
        return frozenset(parts)
    return frozenset(a for a, b in zip(parts, again) if a != b)


_EXACT_CACHE: dict = {}     # (tex, the values of its names) -> (exact value, error, parts)


class ChainParts:
    """The values of the parts of the earlier sides of one chain (rule 4), each with its negation, the
    value of a whole side left out: grown side by side, searched by the printed numbers of the later
    sides.  A part lies within half a unit of a number printed with d decimals only if it falls in one
    of the two cells ``floor(x·10^d)`` next to that number's: an index of cells per number of
    decimals, built once and extended as parts are added, makes a chain of n sides cost O(n) (the
    parts sorted anew for every side cost O(n²) on a line of 200 000 sides)."""

    def __init__(self):
        self._sides: list[tuple] = []                      # (parts, whole) of each side, as added
        self._taken = 0                                    # sides whose parts are in _values
        self._values: list[Fraction] = []
        self._seen: set = set()
        self._index: dict[int, tuple[int, dict]] = {}      # decimals -> (values indexed, cell -> values)
        self._checked = 0                                  # sides whose uncertain parts are in _uncertain
        self._uncertain: set = set()                       # (numerator, denominator) of parts of sides
                                                           # with rounded inputs, and of their negations

    def __bool__(self) -> bool:
        return bool(self._sides)

    def add(self, parts, whole=None, uncertain=frozenset()) -> None:
        """The parts of one side (its whole value ``whole`` left out: it is what is compared); read
        when a later number is searched for.  ``uncertain``: those of the parts that depend on rounded
        inputs, known only as well as those (``1 + 0.3679``, with 0.3679 rounded, is 1.3679 give or take)."""
        self._sides.append((parts, whole, uncertain))

    def is_uncertain(self, v: Fraction) -> bool:
        """Is ``v`` (or -v) a part of an earlier side with rounded inputs?  (Which parts depend on a
        rounded input is worked out here, the first time a number that is a part is asked about.)"""
        self._take_all()
        key = (v.numerator, v.denominator)
        if key not in self._seen:
            return False
        while self._checked < len(self._sides):
            parts, whole, uncertain = self._sides[self._checked]
            self._checked += 1
            if callable(uncertain):
                uncertain = uncertain()
            for u in uncertain:
                if isinstance(u, Fraction) and u != whole:
                    self._uncertain.update(((u.numerator, u.denominator), (-u.numerator, u.denominator)))
        return key in self._uncertain

    def _take_all(self) -> None:
        while self._taken < len(self._sides):
            self._take(*self._sides[self._taken])
            self._taken += 1

    def _take(self, parts, whole, _uncertain=None) -> None:     # (the uncertain parts: is_uncertain)
        seen, values = self._seen, self._values
        w = None if whole is None else (whole.numerator, whole.denominator)
        for v in parts:
            if isinstance(v, float):
                v = Fraction(repr(v))          # a part computed in floats (vectors): as its shortest decimal
            key = (v.numerator, v.denominator)      # (a pair of ints hashes faster than a fraction)
            if key == w or key in seen:
                continue
            seen.add(key)
            values.append(v)
            key = (-key[0], key[1])
            if key not in seen:
                seen.add(key)
                values.append(-v)

    def near(self, v: Fraction, decimals: int) -> list[Fraction]:
        """The parts within half a unit of the last of ``decimals`` decimals of ``v``, ascending."""
        self._take_all()
        scale = 10 ** decimals
        done, cells = self._index.get(decimals, (0, {}))
        for x in self._values[done:]:
            cells.setdefault(x.numerator * scale // x.denominator, []).append(x)
        self._index[decimals] = (len(self._values), cells)
        h = half_unit(decimals)
        a, b = v - h, v + h
        first, last = a.numerator * scale // a.denominator, b.numerator * scale // b.denominator
        return sorted(x for k in range(first, last + 1) for x in cells.get(k, ()) if a <= x <= b)


def _sorted_parts(nodes) -> list:
    """The values of the parts of a chain's earlier sides, sorted (once per list of parts); the value of a
    whole side is not one of its parts (it is what the next side is compared with)."""
    key = id(nodes)
    hit = _SORTED.get(key)
    if hit is not None and hit[0] is nodes:
        return hit[1]
    out = sorted({x for parts, whole, *_ in nodes for v in parts if v != whole for x in (v, -v)})   # ± (rule 4)
    _SORTED.clear()
    _SORTED[key] = (nodes, out)
    return out


_SORTED: dict = {}


def _lone_literal(side) -> tuple | None:
    """``(sign, literal)`` where a parsed side is one printed number, perhaps negated."""
    t = side.tree
    if t[0] == "k":
        return 1, side.slots[t[1]][1]
    if t[0] == "*" and len(t[1]) == 2 and t[1][0] == ["c", -1.0] and t[1][1][0] == "k":
        return -1, side.slots[t[1][1][1]][1]
    return None


def _spread(side, memory, point: float, variables) -> tuple[float, float] | None:
    """How far below and above ``point`` the side may lie with its uncertain inputs anywhere in their
    ranges: every combination of the ends of the ranges (up to :data:`MAX_CORNERS` inputs), else
    first-order bounds doubled; plus float noise.  None: too many inputs to bound."""
    if not variables:
        return 0.0, 0.0
    if len(variables) > MAX_ROUNDED:
        return None
    lo = hi = point
    if len(variables) <= MAX_CORNERS:
        for ends in itertools.product((2, 3), repeat=len(variables)):
            lv: dict[int, float] = {}
            sv: dict[str, float] = {}
            for var, end in zip(variables, ends):
                if var[0] == "k":
                    lv.update({k: side.slots[k][1].value + var[end] for k in var[1]})
                else:
                    sv[var[1]] = var[end]
            v = side.value(lv, lambda n, occ: memory[n].value + sv.get(n, 0.0))
            lo, hi = min(lo, v), max(hi, v)
    else:
        spread = 0.0
        for var in variables:
            h = max(abs(var[2]), abs(var[3]))
            step = h * 1e-3
            if var[0] == "k":
                v = side.value({k: side.slots[k][1].value + step for k in var[1]}, lambda n, occ: memory[n].value)
            else:
                v = side.value({}, lambda n, occ: memory[n].value + (step if n == var[1] else 0.0))
            spread += abs(v - point) / step * h
        lo, hi = point - 2 * spread, point + 2 * spread
    noise = 1e-12 * max(abs(lo), abs(hi))          # the float arithmetic of the bounds themselves
    return (lo - point) - noise, (hi - point) + noise


def _gap(a: tuple, b: tuple) -> Fraction:
    """The distance between two ranges (0 where they meet)."""
    return max(Fraction(0), a[0] - b[1], b[0] - a[1])


def _compare(a: Side, b: Side, approx: bool) -> str:
    """The verdict of two consecutive sides of a chain: ok, slip, wrong or undecided (rule 6)."""
    strict, loose = _compare_readings(a, b, approx)
    return strict if strict == loose else "undecided"


def _compare_readings(a: Side, b: Side, approx: bool) -> tuple[str, str]:
    """The verdicts of two consecutive sides with the numbers of rule 6 read as exact data (strict)
    and as rounded results (loose); the loose ranges hold every mixed reading, so a verdict of
    "wrong" there is wrong under every reading."""
    def one(ra, rb):
        if a.status == "number" and b.status == "number":
            # two printed numbers: the finer must round to the coarser (0.50 = 0.5, not 3.5 = 3)
            coarse, fine = (a, b) if stated_half(a.literal, approx) >= stated_half(b.literal, approx) else (b, a)
            return classify((fine.exact, fine.exact), coarse.exact, stated_half(coarse.literal, approx),
                            coarse.literal)
        for stated, calc, rc in ((b, a, ra), (a, b, rb)):
            if stated.status == "number":
                return classify((rc[0] - calc.err, rc[1] + calc.err) if calc.err else rc, stated.exact,
                                stated_half(stated.literal, approx), stated.literal)
        if not a.err and not b.err and ra[0] == ra[1] and rb[0] == rb[1]:
            gap = abs(ra[0] - rb[0])                          # two exact values
        else:
            gap = max(Fraction(0), _gap(ra, rb) - a.err - b.err)
        # two formulas: their ranges must meet, but for a difference no printed digit can show (a
        # term of 10^-8 dropped: 4.0 for \sqrt{16.0} + 10^{-8}, as Adam's ε is)
        scale = max(abs(ra[0]), abs(ra[1]), abs(rb[0]), abs(rb[1]))
        return "ok" if gap == 0 or gap <= NEGLIGIBLE * scale else "wrong"

    strict = one(a.strict, b.strict)
    if a.loose == a.strict and b.loose == b.strict:
        if strict == "ok" and (a.tight or b.tight):
            # ok with the rounded names anywhere their printed digits allow; where the article carried
            # their calculated values it may not be: not decided (never an "ok" that holds by rounding alone)
            tight = one(a.tight or a.strict, b.tight or b.strict)
            if tight == "wrong":        # (a slip is no error: carried so, the last digit is off)
                return tight, strict
        return strict, strict
    return strict, one(a.loose, b.loose)


def _tensor_scalar(tex: str, memory: dict[str, Known], sources: Sources, loose: bool = False,
                   operand: bool = False, nodes: list = ()) -> Side:
    """One scalar of a vector or matrix expression (an element of a literal, a factor), for .tensor:
    the side as :func:`_evaluate_side` gives it, with ``lo``/``hi`` the range of the strict reading
    of rule 6 (``loose``: the loose one) and ``ambiguous`` set where the two differ.  ``operand``: a
    printed number used in a computation takes its origin (rules 1-6); a stated one stays as printed."""
    import copy

    s = _evaluate_side(tex, memory, sources, nodes)
    s = copy.copy(s)
    s.ambiguous = False
    if s.status == "value":
        s.ambiguous = s.loose != s.strict
        lo, hi = s.loose if loose else s.strict
        s.lo, s.hi = float(lo - s.err), float(hi + s.err)
    elif s.status == "number" and operand and s.literal is not None:
        o = sources.literal(s.literal, nodes)
        if o is not None:
            s.ambiguous = o.ambiguous
            if loose or not o.ambiguous:
                sign = -1 if s.exact < 0 else 1
                lo, hi = sorted((sign * o.lo, sign * o.hi))
                s.lo, s.hi = float(lo), float(hi)
                s.rounded = [o.note]
    return s


def _agree(a, b, relation: str) -> str:
    """The verdict (:func:`classify`) of two scalars compared by .tensor: an element computed there
    (``value``, float bounds ``lo``/``hi``, widened by float noise) or a side of this module
    (``number``: a printed value, judged with its own rounding)."""
    approx = relation in _APPROX or any(r in relation for r in _APPROX)

    def rng(x):
        noise = 1e-12 * max(abs(x.lo), abs(x.hi))
        return Fraction(x.lo) - Fraction(noise), Fraction(x.hi) + Fraction(noise)

    a_num = getattr(a, "status", "") == "number" and getattr(a, "literal", None) is not None
    b_num = getattr(b, "status", "") == "number" and getattr(b, "literal", None) is not None
    if a_num and b_num and a.lo == a.hi and b.lo == b.hi:
        coarse, fine = (a, b) if stated_half(a.literal, approx) >= stated_half(b.literal, approx) else (b, a)
        return classify((fine.exact, fine.exact), coarse.exact, stated_half(coarse.literal, approx), coarse.literal)
    if b_num and b.lo == b.hi:
        return classify(rng(a), b.exact, stated_half(b.literal, approx), b.literal)
    if a_num and a.lo == a.hi:
        return classify(rng(b), a.exact, stated_half(a.literal, approx), a.literal)
    return "ok" if _gap(rng(a), rng(b)) == 0 else "wrong"      # two computed values: their ranges meet


@lru_cache(maxsize=65536)
def _is_name(tex: str) -> str | None:
    """The name where a side is one plain or opaque name (``z_1``, ``\\delta_7``, a derivative)."""
    from ..latexnum import LatexError, compile_side

    t = tex.lstrip()
    if not t or t[0] in "0123456789.+-−(|[" or t.startswith((r"\left", r"\frac{1", r"\sqrt", r"\sum")):
        return None          # a number or a formula: no name starts so (and parsing it would cost time)
    try:
        side = compile_side(tex)
    except LatexError:
        return None
    if side.lone_e:
        return "e"
    if side.tree[0] == "s":
        return side.tree[1]
    return None


@dataclass(slots=True)
class _PieceResult:
    checks: list[Check]
    sides: list[Side]
    has_numbers: bool
    inconsistent: list = field(default_factory=list)
    #: remarks on how the piece was read (a notation with several readings: which fit, the finding
    #: under each), added to the line's detail
    notes: list = field(default_factory=list)
    #: a notation whose readings disagree (one matches, another does not): the piece decides nothing
    ambiguous: list = field(default_factory=list)

    @classmethod
    def merged(cls, results: list) -> _PieceResult:
        """The pieces of one formula (a list of chains, the rows of a block) as one."""
        return cls([c for r in results for c in r.checks], [s for r in results for s in r.sides],
                   any(r.has_numbers for r in results), [x for r in results for x in r.inconsistent],
                   [n for r in results for n in r.notes], [a for r in results for a in r.ambiguous])


_LIST_SEP = re.compile(r"\\q?quad|\\text\{\s*(?:,|;|，|；|and|和|及)\s*\}|[,;，；]")
_TEXT_GROUP = re.compile(r"\\(?:text|mbox|textrm)\s*\{([^{}]*)\}|[→⇒⟶]")
_COMMAND = re.compile(r"\\[A-Za-z]+|\\.")
#: the characters a separator (``_LIST_SEP``) or a remark (``_TEXT_GROUP``) can start with: the
#: scan of :func:`split_list` tries the two patterns at these only (a matrix of 6 400 elements spent
#: a third of its audit trying them at every character)
_SEP_FIRST = frozenset("\\,;，；→⇒⟶")
_ENV_NAME = re.compile(r"\s*\{[^{}]*\}")
_EDGE_SPACE = re.compile(r"^(?:\\[,;:! ]|~)+|(?:\\[,;:! ]|~)+$")


def _annotation(tex: str, i: int) -> re.Match | None:
    """A remark set in the formula (``\text{ so }``, ``\text{(update)}``, an arrow →) at ``i``: text with no
    digit that is not a name (it has padding blanks or characters no name has).  ``\text{out}`` is a
    name, not a remark; a remark with digits in it is not dropped (the formula is then refused)."""
    m = _TEXT_GROUP.match(tex, i)
    if m is None:
        return None
    body = m.group(1)
    if body is None:
        return m                                  # an arrow
    if any(ch.isdigit() for ch in body):
        return None
    if body != body.strip() or re.search(r"[^A-Za-z0-9_ ]", body) or not body.strip():
        return m
    return None


def split_list(tex: str) -> list[str]:
    r"""``w_7=0.3,\; w_8=-0.1,\; b=0.1`` -> three chains; a formula that is not such a list stays whole.
    Remarks in text (``z = 0.5 \text{, so } a = 0.62``, ``… = 1 \text{ (rounded)}``, an arrow →) separate
    chains too; a comma between two digits (``2,5``: a decimal comma?) does not: the formula stays whole
    and is refused rather than read in part."""
    if not re.search(r"[,;，；→⇒⟶]|\\q?quad|\\text|\\mbox", tex):
        return [tex]
    parts, depth, start, i = [], 0, 0, 0
    remarks = False
    while i < len(tex):
        c = tex[i]
        if c == "\\" and i + 1 < len(tex) and tex[i + 1] in "{}":
            i += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and c in _SEP_FIRST:
            if c in ",，" and 0 < i < len(tex) - 1 and tex[i - 1].isdigit() and tex[i + 1].isdigit():
                i += 1
                continue
            m = _LIST_SEP.match(tex, i)
            if m is None:
                m = _annotation(tex, i)
                remarks = remarks or m is not None
            if m:
                parts.append(tex[start:i])
                start = i = m.end()
                continue
        if c == "\\":        # a command (\; \cdot): skip it whole
            m = _COMMAND.match(tex, i)
            cmd = m.group(0) if m else "\\"
            i += len(cmd)
            if cmd in ("\\begin", "\\end"):
                # an environment is one group: nothing inside it separates chains (the rows of an aligned
                # block that holds a matrix are split by .tensor, each row then split here)
                g = _ENV_NAME.match(tex, i)
                if g:
                    i = g.end()
                depth += 1 if cmd == "\\begin" else -1
            continue
        i += 1
    parts.append(tex[start:])
    parts = [_EDGE_SPACE.sub("", p.strip()).strip() for p in parts]
    parts = [p for p in parts if p]
    if parts and (remarks or len(parts) > 1) and all(len(split_chain(p)[0]) > 1 for p in parts):
        return parts
    if parts and remarks and len(parts) == 1:
        return parts
    return [tex]


@dataclass(slots=True)
class Inconsistency:
    name: str
    value: str        # as printed here
    line: int         # where it was given before
    before: str       # as printed there
    #: both values given by plain definitions (w_1 = 1 … w_1 = 0.5, no calculation, no heading between):
    #: a second set of values or a mistake, the audit cannot tell (the line is unchecked, not inconsistent)
    redefined: bool = False


_VECTOR_ASSIGN = re.compile(r"^\s*(?:\\left)?\[(?P<names>[^\[\]=]+)(?:\\right)?\]\s*=\s*"
                            r"(?:\\left)?\[(?P<values>[^\[\]=]+)(?:\\right)?\]\s*$")


def _top_level_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "{(":
            depth += 1
        elif c in "})":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _vector_assignment(tex: str) -> list[str] | None:
    """``[w_1, w_2, b_1] = [0.15, 0.20, 0.35]``: three definitions, name by name (else None)."""
    m = _VECTOR_ASSIGN.match(tex)
    if not m:
        return None
    names, values = _top_level_commas(m.group("names")), _top_level_commas(m.group("values"))
    if len(names) != len(values) or len(names) < 2 or any(_is_name(n) is None for n in names):
        return None
    return [f"{n} = {v}" for n, v in zip(names, values)]


_TEX_COMMENT = re.compile(r"(?<!\\)%")


def _audit_piece(piece: MathPiece, memory: dict[str, Known], sources: Sources, log: list | None = None) -> _PieceResult:
    if piece.unread:
        # found but not read (a prose chain cut off from text that belongs to it): never in part
        _unread_result(piece, sources)
        return _PieceResult([], [Side(piece.tex, "unparsed", reason=piece.unread, why="not-read")],
                            _has_number(piece.tex))
    if _TEX_COMMENT.search(piece.tex):
        # TeX hides the rest of a line after %, but the line breaks are gone here: not read at all
        return _PieceResult([], [Side(piece.tex, "unparsed", reason="a % (a TeX comment hides the rest of its line, "
                                      "or a percent sign) is not read", why="not-read")], _has_number(piece.tex))
    parts = _vector_assignment(piece.tex) or split_list(piece.tex)
    if len(parts) > 1 or parts[0] != piece.tex:
        results = [_audit_chain(MathPiece(piece.line, piece.kind, p), memory, sources, log) for p in parts]
        return _PieceResult.merged(results)
    return _audit_chain(piece, memory, sources, log)


_FORMULA_MARK = re.compile(r"[-+*/^\\\d]")


def _unread_result(piece: MathPiece, sources: Sources) -> None:
    """The number a chain the audit does not read ends in (``𝑦ˆ = 𝜎(𝑧) ≈ 0.6225`` cut off from its
    prose) may be the rounded result of that chain: where it is used again it is read both as data
    and as that result (rule 6), after ``\\approx`` as a result only, never as exact alone."""
    try:
        sides, rels = split_chain(piece.tex)
        bn = bare_number(sides[-1]) if len(sides) >= 2 else None
    except (LatexError, ValueError):
        return
    if bn is None:
        return
    sign, lit = bn
    value = sign * lit.exact
    approx = rels[-1] in _APPROX
    printed = ("-" if sign < 0 else "") + lit.text
    if approx:
        sources.add_computed(value, stated_half(lit, True), piece.line, printed)
    elif not lit.whole:
        sources.add_maybe(value, stated_half(lit, True), piece.line, printed)


CONTINUE_LINES = 4   # "= …" starting a formula at most this many lines after the last chain continues it


def _audit_chain(piece: MathPiece, memory: dict[str, Known], sources: Sources, log: list | None = None) -> _PieceResult:
    # a formula that starts with "=" (or ≈) continues the chain of the formula just before (a display
    # block per step: "$$D = a + b$$" then "$$= 0.5 + 0.3$$"): the last side before is its first side
    head, tail = split_chain(piece.tex)
    last, sources.last_side = sources.last_side, None
    if len(head) > 1 and not head[0].strip() and tail[0] in _EQ_RELATIONS and piece.kind != "text":
        # (prose chains are continued, or not, by find._link_continuations: line by line)
        if last is not None and 0 <= piece.line - last[0] <= CONTINUE_LINES and last[1].strip():
            piece = MathPiece(piece.line, piece.kind, last[1] + " " + piece.tex)
            head = [last[1]] + head[1:]
    if head and head[-1].strip():
        sources.last_side = (piece.line, head[-1])
    return _audit_chain_here(piece, memory, sources, log)


def _audit_chain_here(piece: MathPiece, memory: dict[str, Known], sources: Sources,
                      log: list | None = None) -> _PieceResult:
    # ---- BEGIN audit-vectors hook: a chain with a vector or matrix in it (a literal, or a name
    # that holds one) is audited by .tensor, element by element, each element judged by
    # :func:`classify` (:func:`_agree`) with the same rounding rules (:func:`_tensor_scalar`)
    from . import tensor

    if not tensor.scalar_chain(piece.tex, memory):
        result = tensor.audit_chain(piece, memory, sources, log=log, is_name=_is_name, agree=_agree,
                                    evaluate_side=lambda t, loose=False, operand=False, nodes=(): _tensor_scalar(
                                        t, memory, sources, loose, operand, nodes))
        if result is not None:
            return result
    # ---- END audit-vectors hook
    sides_tex, rels = split_chain(piece.tex)
    has_numbers = _has_number(piece.tex)
    all_eq = all(r in _EQ_RELATIONS for r in rels)
    if not has_numbers and not (len(sides_tex) == 2 and all_eq and memory):
        return _PieceResult([], [Side(t, "unresolved", why="no-numbers") for t in sides_tex], False)
    names = [_is_name(t) if len(sides_tex) > 1 else None for t in sides_tex]
    # the first side, where it is a name, is what the chain defines: not read from memory
    subject = names[0] if rels and rels[0] in _EQ_RELATIONS else None
    if not has_numbers:
        # "z = w x + b" prints no number but gives z a value where w, x and b have one (remembered)
        if subject is not None and names[1] is None:
            side = _evaluate_side(sides_tex[1], memory, sources)
            if side.status == "value":
                _remember_formula(memory, subject, side, piece.line)
            else:
                _forget(memory, subject)
        return _PieceResult([], [Side(t, "unresolved", why="no-numbers") for t in sides_tex], False)
    sides: list[Side] = []
    nodes = ChainParts()      # the parts of the earlier sides of the same run of "=" (rule 4)
    for j, t in enumerate(sides_tex):
        if j > 0 and rels[j - 1] not in _EQ_RELATIONS:
            nodes = ChainParts()
        if j == 0 and subject is not None:
            sides.append(Side(t, "unresolved", missing=[]))
            continue
        side = _evaluate_side(t, memory, sources, nodes)
        if side.has_value and side.status == "value":
            # its parts (its whole value is not a part), uncertain where the side has rounded inputs
            nodes.add(side.nodes, side.exact, side.uncertain_nodes)
        sides.append(side)
    checks: list[Check] = []
    prev: int | None = None
    for j, side in enumerate(sides):
        if j > 0 and rels[j - 1] not in _EQ_RELATIONS:
            prev = None
        if not side.has_value:
            continue
        if prev is not None:
            a = sides[prev]
            relation = " ".join(r for r in rels[prev:j])
            approx = any(r in _APPROX for r in rels[prev:j])
            as_exact, as_rounded = _compare_readings(a, side, approx)
            verdict = as_exact if as_exact == as_rounded else "undecided"
            carried = verdict == "undecided" and a.loose == a.strict and side.loose == side.strict
            checks.append(Check(a.tex, relation, side.tex, a.value, side.value, (a.lo, a.hi), (side.lo, side.hi),
                                verdict == "ok", names[prev] is not None or names[j] is not None, verdict,
                                (as_exact, as_rounded) if verdict == "undecided" else (), carried))
            # a printed result: exact where its calculation gives it exactly, else rounded (rule 3)
            if side.status == "number" and a.status == "value":
                if not approx and a.exactly and a.exact == side.exact:
                    sources.add_data(side.exact, piece.line)
                elif (not approx and not a.err and a.strict[0] == a.strict[1] == side.exact
                      and a.loose[0] != a.loose[1]):
                    # exact with its inputs read as data, rounded with them read as results (rule 6):
                    # so is this result
                    sources.add_maybe(side.exact, stated_half(side.literal, True), piece.line, side.printed)
                else:
                    sources.add_computed(side.exact, stated_half(side.literal, approx), piece.line, side.printed,
                                         _calc_range(a))
        prev = j
    inconsistent: list[Inconsistency] = []
    # remember "name = … = number" (and every name inside such a chain)
    if len(sides) >= 2 and sides[-1].status == "number" and all_eq:
        last = sides[-1]
        j = len(sides) - 1
        approx = any(r in _APPROX for r in rels)
        before = [s for s in sides[:-1] if s.has_value]
        follows = _follows_formula(memory.get(subject), piece.line) if subject is not None and not before else None
        if follows is not None:
            # "X = formula" a few lines before, "X = 0.7513" here: one chain, compared (a stated result)
            old = follows
            verdict = classify((old.lo_q, old.hi_q), last.exact, stated_half(last.literal, approx), last.literal)
            checks.append(Check(f"{subject} = {old.formula} (line {old.line})", "=", last.tex, old.value, last.value,
                                (float(old.lo_q), float(old.hi_q)), (last.value, last.value), verdict == "ok",
                                False, verdict))
            exact_equal = old.lo_q == old.hi_q == last.exact and not approx
            half = Fraction(0) if exact_equal else stated_half(last.literal, True)
            sources.add_computed(last.exact, half, piece.line, last.printed, (old.lo_q, old.hi_q))
        elif not before:
            # a plain definition "w_1 = 0.8" gives data (rule 2); "a \approx 0.55" a rounded value
            half = stated_half(last.literal, True) if approx else Fraction(0)
            # a formula without a value between (x = \lceil … \rceil = 38, y = f(z) = 0.62): the number
            # may be its result, rounded, or data; both where it is used again (rule 6)
            # (an operator, a command or a digit in it: P(cat) = 0.7 is a quantity's given value, σ(z) ≈ 0.62 a result)
            formula = any(names[i] is None and sides[i].status != "number"
                          and _FORMULA_MARK.search(normalise_unicode(sides[i].tex)) is not None
                          for i in range(0 if subject is None else 1, len(sides) - 1))
            if half and (subject is not None or formula):
                sources.add_computed(last.exact, half, piece.line, last.printed)
            elif formula:
                sources.add_maybe(last.exact, stated_half(last.literal, True), piece.line, last.printed)
            elif subject is not None:
                sources.add_data(last.exact, piece.line)
        elif not approx and before[-1].status == "value" and before[-1].exactly and before[-1].exact == last.exact:
            half = Fraction(0)
        elif before[-1].status == "number" and before[-1].exact == last.exact:
            half = Fraction(0) if not approx and all(s.status == "number" for s in before) else \
                stated_half(last.literal, True)
        else:
            half = stated_half(last.literal, True)
        calc = _calc_of(follows, before) if half and any(names[:-1]) else None
        # a plain definition: every side between the name and the number is a name or a number; a
        # formula there, even one without a value (w h + b, with w unknown), is a calculation
        plain = all(names[i] is not None or sides[i].status == "number" for i in range(1, len(sides) - 1))
        for k, name in enumerate(names[:-1]):
            if name is None:
                continue
            old = memory.get(name)
            # a name given a new value by a plain definition contradicts its earlier value; one
            # computed anew by a formula is a new calculation (a second example), checked on its own;
            # so is a plain definition under a later heading (of any level: exercises, cases), which
            # starts a new example (the memory itself is kept: a step under "#### Step 2" uses step 1)
            if (k == 0 and old is not None and old.line != piece.line and follows is None and not before
                    and plain and not sources.heading_between(old.line, piece.line)
                    and abs(old.exact - last.exact) > old.half_q + (stated_half(last.literal, True) if old.formula
                                                                     else half)
                    and name not in {n for s in sides for n in _side_names(s.tex)}):
                inconsistent.append(Inconsistency(name, last.printed, old.line, old.printed, redefined=old.defined))
            memory[name] = Known(last.value, float(half), piece.line, last.printed, last.exact, half,
                                 defined=plain and not before and follows is None, calc=calc)
            if log is not None:
                log.append((piece.line, name, last.printed, float(half)))
    elif (all_eq and subject is not None and len(sides) >= 2 and sides[-1].status == "value"
          and all(s.has_value for s in sides[1:])):
        _remember_formula(memory, subject, sides[-1], piece.line)
    elif subject is not None and all_eq:
        _forget(memory, subject)
    return _PieceResult(checks, sides, True, inconsistent)


def _carried(printed: Fraction, half: Fraction, calc: tuple) -> tuple | None:
    """Where a result printed as ``printed`` (rounded to ± ``half``) lies if the article carried on
    what its calculation (range ``calc``) gave, or that rounded to one more digit than printed or
    more: the hull of the printed value and ``calc`` widened by a tenth of ``half``, within ``± half``
    (absolute values, not offsets); None where that is all of ``± half``."""
    t = half / 10
    lo = max(printed - half, min(printed, calc[0] - t))
    hi = min(printed + half, max(printed, calc[1] + t))
    if (lo, hi) == (printed - half, printed + half):
        return None
    return lo, hi


def _calc_range(side: Side) -> tuple:
    """The range of a side's calculation as carried on: its loose range where rule 6 leaves its
    inputs' precision open, else with its rounded inputs carried as calculated; widened by its error."""
    lo, hi = (side.tight or side.strict) if side.loose == side.strict else side.loose
    return (lo - side.err, hi + side.err) if side.err else (lo, hi)


def _calc_of(follows: Known | None, before: list) -> tuple | None:
    """The range of the calculation a printed result states (see ``Known.calc``)."""
    if follows is not None:
        return follows.lo_q, follows.hi_q
    if before and before[-1].status == "value":
        return _calc_range(before[-1])     # a chain of rounded results: carried as calculated
    if before and before[-1].status == "number":
        return before[-1].exact, before[-1].exact
    return None


def _forget(memory: dict[str, Known], name: str) -> None:
    """``z = …`` with a value the audit cannot keep (a vector, a formula it cannot evaluate): the values
    remembered for z and for its elements z_1, z_2, … are stale, not used again."""
    memory.pop(name, None)
    for key in [k for k in memory if k.startswith(name + "_")]:
        del memory[key]


def _remember_formula(memory: dict[str, Known], name: str, side: Side, line: int) -> None:
    """"X = formula": X has the formula's value, exactly or within its range.  Where the range depends
    on a number that may be data or a rounded result (rule 6), X's precision is unknown: forgotten."""
    if side.loose != side.strict:
        _forget(memory, name)
        return
    lo, hi = side.strict[0] - side.err, side.strict[1] + side.err
    half = max(hi - side.exact, side.exact - lo)
    memory[name] = Known(float(side.exact), float(half), line, _g(float(side.exact)), side.exact, half,
                         formula=side.tex, lo_q=lo, hi_q=hi)


FOLLOW_LINES = 10    # "X = formula" and "X = 0.7513" at most this many lines apart are one chain


def _follows_formula(old: Known | None, line: int) -> Known | None:
    """The formula value that a definition ``X = number`` on ``line`` states the result of, if any."""
    if old is None or not old.formula or old.line == line or line - old.line > FOLLOW_LINES:
        return None
    return old


@lru_cache(maxsize=65536)
def _side_names(tex: str) -> frozenset:
    """The names a side uses (for telling an update w = w - … from a redefinition)."""
    from ..latexnum import LatexError, compile_side

    try:
        side = compile_side(tex)
    except LatexError:
        return frozenset()
    if side.tree[0] == "s":
        return frozenset()
    return frozenset(side.names) | frozenset(side.calls)


def audit_document(name: str, pieces: list[MathPiece], sections: list[tuple[int, int]] = (),
                   log: list | None = None) -> FileResult:
    """Audit the math pieces of one document (from a file or from the stored extract)."""
    memory: dict[str, Known] = {}
    sources = Sources()
    sources.headings = sorted(line for line, level in sections)
    resets = sorted(line for line, level in sections if level <= 2)
    results: list[LineResult] = []
    current: int | None = None
    prs: list[_PieceResult] = []
    texs: list[str] = []
    ri = 0
    for piece in sorted(pieces, key=lambda p: p.line):
        if piece.line != current:
            if current is not None:     # a line is done: its result, and its sides are let go
                results.append(_line_result(current, " ; ".join(texs), prs))
            current, prs, texs = piece.line, [], []
        while ri < len(resets) and resets[ri] < piece.line:
            memory.clear()
            sources.clear()
            ri += 1
        prs.append(_audit_piece(piece, memory, sources, log))
        texs.append(piece.tex)
    if current is not None:
        results.append(_line_result(current, " ; ".join(texs), prs))
    return FileResult(name, results)


def _short(tex: str, width: int = 40) -> str:
    """A formula shortened for the report (the full text is in --json)."""
    tex = " ".join(tex.split())
    return tex if len(tex) <= width else tex[: width - 1] + "…"


def _fmt_like(value: float, stated: str) -> str:
    """``value`` with as many decimals as ``stated`` prints, more where they would look equal."""
    m = re.fullmatch(r"-?(\d*)\.?(\d*)", stated.strip())
    if not m or "e" in stated.lower() or abs(value) >= 1e15:
        return _g(value)
    d = len(m.group(2))
    target = float(stated)
    for extra in range(0, 8):
        text = f"{value:.{d + extra}f}"
        # not a value that looks like the stated one, nor a tie rounded half a unit away (0.5
        # printed "0" against a stated 1, 0.75 printed "0.8": a digit more shows what it is)
        if float(text) != target and abs(float(text) - value) < 0.4999 * 10.0 ** -(d + extra):
            return "0" if float(text) == 0 else text
    return _g(value)


def _undecided_text(c: Check) -> str:
    """An undecided comparison (rule 6) and its verdict under each reading."""
    text = _short(c.left) + " " + c.relation + " " + _short(c.right)
    if len(c.readings) == 2 and c.carried:
        text += (f" ({c.readings[1]} with a rounded result carried as any number that rounds to what it printed, "
                 f"{c.readings[0]} with it carried as calculated)")
    elif len(c.readings) == 2:
        text += f" ({c.readings[1]} with them read as rounded, {c.readings[0]} as exact)"
    return text


def _line_result(line: int, tex: str, prs: list[_PieceResult]) -> LineResult:
    checks = [c for p in prs for c in p.checks]
    sides = [s for p in prs for s in p.sides]
    incons = [x for p in prs for x in p.inconsistent]
    contradictions = [x for x in incons if not x.redefined]
    redefined = [x for x in incons if x.redefined]
    notes = list(dict.fromkeys(n for p in prs for n in p.notes))
    ambiguous = list(dict.fromkeys(a for p in prs for a in p.ambiguous))
    has_numbers = any(p.has_numbers for p in prs)
    unparsed = [s for p in prs if p.has_numbers for s in p.sides if s.status in ("unparsed", "empty")
                and _has_number(s.tex)]
    missing = sorted({m for s in sides for m in s.missing})
    uses = list(dict.fromkeys(u for s in sides for u in s.uses))
    rounded = list(dict.fromkeys(r for s in sides for r in s.rounded))
    r = LineResult(line, "unchecked", tex, checks=checks, unresolved=missing, uses=uses,
                   rounded_inputs=rounded, has_numbers=has_numbers, parsed=not unparsed)
    bad = [c for c in checks if c.verdict == "wrong"]
    wrong = [c for c in bad if not c.by_name]
    slips = [c for c in checks if c.verdict == "slip"]
    undecided = [c for c in checks if c.verdict == "undecided"]
    by_tex = {s.tex: s for s in sides}
    formatted: dict = {}

    def fmt_like(value: float, stated: str) -> str:
        if (value, stated) not in formatted:
            formatted[value, stated] = _fmt_like(value, stated)
        return formatted[value, stated]

    def describe(c: Check) -> str:
        lo, hi = c.left_range
        rs = by_tex.get(c.right)
        if rs is not None and rs.status == "number":
            shown = fmt_like(c.left_value, rs.printed)
            rng = f" (inputs as rounded: {_g(lo)} to {_g(hi)})" if hi > lo and by_tex.get(c.left, None) is not None \
                and by_tex[c.left].status == "value" else ""
            return f"{_short(c.left)} gives {shown}{rng}, not {_short(c.right)}"
        return f"{_short(c.left)} gives {_g(c.left_value)} but {_short(c.right)} gives {_g(c.right_value)}"

    def stated_computed(c: Check) -> None:
        right, left = by_tex.get(c.right), by_tex.get(c.left)
        if right is not None and right.status == "number":
            r.stated, r.computed = right.printed, fmt_like(c.left_value, right.printed)
        elif left is not None and left.status == "number":
            r.stated, r.computed = left.printed, fmt_like(c.right_value, left.printed)
        else:
            r.stated, r.computed = _g(c.right_value), _g(c.left_value)

    if bad:
        stated_computed((wrong or bad)[0])
        r.verdict = "wrong" if wrong else "inconsistent"
        r.detail = "; ".join(describe(c) for c in (wrong or bad))
    elif contradictions:
        x = contradictions[0]
        r.verdict = "inconsistent"
        r.stated, r.computed = x.value, x.before
        r.detail = "; ".join(f"{x.name} = {x.value} here but {x.name} = {x.before} on line {x.line}"
                             for x in contradictions)
    elif redefined and not checks:
        r.reason = "redefined"
        r.detail = ("; ".join(f"{x.name} = {x.value} here but {x.name} = {x.before} on line {x.line}" for x in redefined)
                    + ": a second set of values or a mistake (the audit cannot tell); the new value is used from here")
    elif slips:
        stated_computed(slips[0])
        r.verdict = "slip"
        r.detail = "last digit off by less than one unit: " + "; ".join(describe(c) for c in slips)
    elif unparsed:
        # some comparisons agree, but a side with numbers was not read: never "ok"
        r.verdict = "unparsed"
        r.reason = "not-read"
        r.detail = "; ".join(dict.fromkeys(f"{_short(s.tex)}: {s.reason}" for s in unparsed))
        if checks:
            r.detail += f"; the other sides agree ({len(checks)} comparison{'s' if len(checks) > 1 else ''})"
    elif ambiguous:
        r.reason = "ambiguous-reading"
        r.detail = "; ".join(ambiguous)
        if undecided:
            r.detail += "; not decided (exact data or a rounded result?): " + "; ".join(
                _short(c.left) + " " + c.relation + " " + _short(c.right) for c in undecided)
    elif undecided and all(c.carried for c in undecided):
        r.reason = "carried-precision"
        r.detail = ("not decided: a rounded result is used again, and the verdict depends on whether the article "
                    "carried it as calculated or as any number that rounds to what it printed: "
                    + "; ".join(_undecided_text(c) for c in undecided))
    elif undecided:
        r.reason = "unknown-precision"
        r.detail = ("ambiguous: a number could be exact data or a rounded result, and the verdict depends on "
                    "which: " + "; ".join(_undecided_text(c) for c in undecided))
    elif checks:
        r.verdict = "ok"
        r.detail = "1 comparison agrees" if len(checks) == 1 else f"{len(checks)} comparisons agree"
    elif not has_numbers:
        r.reason = "no-numbers"
        r.detail = "no numbers"
    elif missing:
        r.reason = "ambiguous-symbol" if any(s.why == "ambiguous-symbol" for s in sides) else "no-value"
        r.detail = "no value for " + ", ".join(missing)
    else:
        r.reason = "nothing-to-compare"
        r.detail = "no two sides with a value to compare"
    if r.verdict in ("ok", "slip", "wrong", "inconsistent"):
        if incons and r.verdict != "inconsistent" or (incons and bad):
            r.detail += "; " + "; ".join(f"{x.name} = {x.value} here but {x.before} on line {x.line}" for x in incons)
        if r.verdict != "slip" and slips:
            r.detail += "; last digit off: " + "; ".join(describe(c) for c in slips)
        if undecided and r.verdict in ("wrong", "inconsistent") and bad:
            # a comparison wrong under both readings of rule 6 (the loose ranges hold every mixed one)
            r.detail += ("; wrong under every reading of the numbers that may be exact data or rounded results "
                         "(the comparisons that depend on it: " + "; ".join(_undecided_text(c) for c in undecided)
                         + ")")
        elif undecided:
            r.detail += "; not decided (exact data or a rounded result?): " + "; ".join(
                _short(c.left) + " " + c.relation + " " + _short(c.right) for c in undecided)
        if ambiguous:
            r.detail += "; not decided: " + "; ".join(ambiguous)
        if missing:
            r.detail += "; sides without a value: " + ", ".join(missing)
        if unparsed:
            r.detail += "; sides not read: " + "; ".join(dict.fromkeys(f"{_short(s.tex)} ({s.reason})" for s in unparsed))
    if notes:
        r.detail += "; " + "; ".join(notes)
    if rounded and r.verdict != "unchecked" or undecided:
        r.detail += "; rounded inputs: " + "; ".join(rounded)
    if uses:
        r.detail += "; uses " + ", ".join(uses)
    return r


# ----------------------------------------------------------------------------- files

def audit_text(text: str, name: str = "<text>", math_only: bool = False, log: list | None = None) -> FileResult:
    import gc

    # a long article makes many small objects: collect the young ones less often (the cyclic
    # collector's passes over them cost time, not memory)
    old = gc.get_threshold()
    gc.set_threshold(50_000, old[1], old[2])
    try:
        pieces, sections = extract_math(text, plain=not math_only)
        return audit_document(name, pieces, sections, log)
    finally:
        gc.set_threshold(*old)

