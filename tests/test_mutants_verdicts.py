"""Tests that kill mutants of bpnn/articles/audit/verdicts.py that the other tests let survive
(scripts/mutation.py).

The verdict logic is checked against its stated rules (the module's "rounding rules" and
:func:`classify`'s docstring) on inputs small enough to work out by hand: every expected value is
derived in the comment next to it, with fractions where the boundary matters.
"""
from __future__ import annotations

import gc
from fractions import Fraction

import pytest

from bpnn.articles import audit as A
from bpnn.articles.audit import verdicts as V
from bpnn.articles.audit.find import MathPiece
from bpnn.articles.audit.verdicts import (
    CONTINUE_LINES,
    FOLLOW_LINES,
    MAX_CORNERS,
    MAX_ROUNDED,
    MIN_ROUNDING_DIGITS,
    SLIP_MIN_DIGITS,
    VERDICTS,
    VERDICTS_ZH,
    Known,
    Sources,
    classify,
    half_unit,
    significant_digits,
    stated_half,
    verdict_label,
)
from bpnn.articles.latexnum import compile_side, literal_number
from bpnn.errors import BpnnError

F = Fraction


def lit(text):
    return literal_number(text)


def lines(text):
    return [(r.line, r.verdict) for r in A.audit_text(text).lines]


def last(text):
    return A.audit_text(text).lines[-1]


# ----------------------------------------------------------------------------- labels and small helpers
def test_verdict_labels():
    assert [verdict_label(v) for v in VERDICTS] == list(VERDICTS)
    assert verdict_label("slip", "zh") == "末位偏差" and verdict_label("not math", "zh") == "非数学式"
    assert verdict_label("nonsense") == "nonsense"                         # English: the verdict itself
    with pytest.raises(BpnnError, match="audit verdict 'nonsense': must be one of ok, slip, wrong, "
                                        "inconsistent, unchecked, unparsed, not math"):
        verdict_label("nonsense", "zh")
    with pytest.raises(BpnnError):
        verdict_label("ok", "fr")
    assert set(VERDICTS_ZH) == set(VERDICTS) | {"not math"}


def test_half_units_and_stated_halves():
    assert half_unit(0) == F(1, 2) and half_unit(3) == F(1, 2000)     # 0.865 ± 0.0005
    assert stated_half(lit("3"), approx=False) == 0                      # a whole number after = is exact
    assert stated_half(lit("3"), approx=True) == F(1, 2)                 # after ≈ it is rounded too
    assert stated_half(lit("3.0"), approx=False) == F(1, 20)
    assert stated_half(lit("0.25"), approx=True) == F(1, 200)


@pytest.mark.parametrize("printed, digits", [
    ("0.596884378", 9), ("0.40", 2), ("-0.000", 0), ("100", 3), ("0.0012", 2), ("+12", 2), ("1.5e3", 2),
    ("2.50E-4", 3), ("007", 1), ("10.0", 3),
])
def test_significant_digits(printed, digits):
    assert significant_digits(printed) == digits


def test_the_slip_and_rounding_thresholds_are_three_digits():
    assert SLIP_MIN_DIGITS == 3 and MIN_ROUNDING_DIGITS == 3


# ----------------------------------------------------------------------------- classify, at every boundary
@pytest.mark.parametrize("lo, hi, stated, printed, expect", [
    ("0.5", "0.6", "0.55", "0.55", "ok"),                   # inside the range
    ("0.5", "0.5", "0.5", "0.5", "ok"),                     # on it
    ("0.5", "0.6", "0.5", "0.5", "ok"), ("0.5", "0.6", "0.6", "0.6", "ok"),     # at either end
    ("0.3855", "0.3855", "0.385", "0.385", "ok"),           # exactly half a unit (0.0005) below: ok
    ("0.3845", "0.3845", "0.385", "0.385", "ok"),           # exactly half a unit above: ok
    ("0.38551", "0.38551", "0.385", "0.385", "slip"),       # 0.00051 below: truncated, 3 digits
    ("0.386", "0.386", "0.385", "0.385", "wrong"),          # exactly one unit below: not less than 2 halves
    ("0.3844", "0.3844", "0.385", "0.385", "wrong"),        # above the value: not a truncation, and no
    #                                                          rounding in steps gives 0.385 (0.3844 → 0.384)
    ("0.38449", "0.38449", "0.385", "0.385", "slip"),       # above, but rounded in steps: 0.38449 → 0.3845 → 0.385
    ("-0.38551", "-0.38551", "-0.385", "0.385", "slip"),    # towards zero, negative
    ("-0.3844", "-0.3844", "-0.385", "0.385", "wrong"),     # away from zero, no rounding gives it
    ("-0.38449", "-0.38449", "-0.385", "0.385", "slip"),    # rounded in steps: -0.3845, then -0.385
    ("0.1751", "0.1751", "0.17", "0.17", "wrong"),          # two significant digits: never a slip
    ("0.0051", "0.0051", "0", "0.000", "wrong"),            # zero is never a truncation
    ("3.4", "3.4", "3", "3", "wrong"),                      # = 3 claims exactness
])
def test_classify(lo, hi, stated, printed, expect):
    sv = F(stated)
    approx = False
    half = stated_half(lit(printed), approx)
    assert classify((F(lo), F(hi)), sv, half, lit(printed)) == expect


def test_classify_without_a_printed_number_or_a_half_is_never_a_slip():
    calc = (F("0.38551"), F("0.38551"))
    assert classify(calc, F("0.385"), F(1, 2000), None) == "wrong"
    assert classify(calc, F("0.385"), F(0), lit("0.385")) == "wrong"
    assert classify(calc, F("0.385"), F(1, 2000), lit("0.385")) == "slip"


# ----------------------------------------------------------------------------- where numbers come from (Sources)
def test_heading_between_is_after_a_and_up_to_b():
    s = Sources()
    s.headings = [5, 10]
    assert s.heading_between(1, 5) and s.heading_between(4, 10) and s.heading_between(5, 10)
    assert not s.heading_between(5, 9) and not s.heading_between(10, 20) and not s.heading_between(1, 4)


def _key(x: F) -> tuple:
    """Sources keys a value by its numerator and denominator (an exact value, hashed cheaply)."""
    return (x.numerator, x.denominator)


def test_data_computed_values_and_the_cache():
    s = Sources()
    s.add_computed(F("0.550"), F(1, 2000), 8, "0.550")
    o = s.literal(lit("0.550"))
    assert (o.lo, o.hi, o.ambiguous) == (F("0.5495"), F("0.5505"), False)
    assert o.note == "0.550: 0.550 ± 0.0005 (line 8)"
    assert s.literal(lit("0.550")) is o                        # cached by its text
    s.add_computed(F("0.550"), F(1, 2000), 9, "0.550")         # the same rounding again: the first line stays
    assert s.computed[_key(F("0.550"))] == {(F(1, 2000), "0.550"): 8}
    s.add_data(F("0.550"), 12)                                 # data too (rule 6): ambiguous
    o2 = s.literal(lit("0.550"))
    assert o2 is not o and o2.ambiguous and o2.note.endswith("; or data (line 12)")
    s.add_data(F("0.550"), 13)                                 # the first line of the data stays
    assert s.data[_key(F("0.550"))] == 12
    s.add_computed(F("0.25"), F(0), 14, "0.25")                # computed exactly: data
    assert s.data[_key(F("0.25"))] == 14 and _key(F("0.25")) not in s.computed
    s.clear()
    assert not s.data and not s.computed and not s._sorted and s.literal(lit("0.550")) is None
    assert s.last_side is None


def test_a_short_number_equal_to_a_rounded_result_is_ambiguous():
    s = Sources()
    s.add_computed(F("0.55"), F(1, 200), 3, "0.55")
    o = s.literal(lit("0.55"))
    assert o.ambiguous and o.note == "0.55: 0.55 ± 0.005 (line 3); or exact (too few digits to tell)"
    assert (o.lo, o.hi) == (F("0.545"), F("0.555"))


def test_a_shorter_rounding_needs_more_decimals_in_the_result_and_three_digits_here():
    s = Sources()
    s.add_computed(F("0.5498"), F(1, 20000), 2, "0.5498")
    o = s.literal(lit("0.550"))            # |0.5498 − 0.550| = 0.0002 ≤ 0.0005, and 0.5498 prints more decimals
    assert (o.lo, o.hi) == (F("0.54975"), F("0.550")) and o.note == "0.550: 0.550 rounds 0.5498 (line 2)"
    assert s.literal(lit("0.549")) is None                     # |0.5498 − 0.549| = 0.0008 > 0.0005: no rounding
    s2 = Sources()
    s2.add_computed(F("0.55"), F(1, 200), 2, "0.55")
    assert s2.literal(lit("0.550")) is None or s2.literal(lit("0.550")).lo == F("0.545")


def test_shorter_roundings_are_found_at_the_edge_of_half_a_unit():
    s = Sources()
    s.add_computed(F("0.12345"), F(1, 200000), 1, "0.12345")
    s.add_computed(F("0.12355"), F(1, 200000), 2, "0.12355")
    s.add_computed(F("0.12356"), F(1, 200000), 3, "0.12356")
    o = s.literal(lit("0.1235"))           # half a unit is 0.00005: 0.12345 and 0.12355 are at the edge, 0.12356 beyond
    assert o.note == "0.1235: 0.1235 rounds 0.12345 (line 1); 0.1235 rounds 0.12355 (line 2)"
    assert (o.lo, o.hi) == (F("0.123445"), F("0.123555"))


def test_parts_of_earlier_sides_rule_4():
    s = Sources()
    parts = [([F("0.06552"), F("0.4"), F("1")], F("0.33448"))]
    o = s.literal(lit("0.0655"), parts)                    # 0.06552 within 0.00005 of 0.0655: a rounding of a part
    assert (o.lo, o.hi) == (F("0.0655"), F("0.06552")) and not o.ambiguous
    assert o.note == "0.0655: rounds a part of an earlier side (0.06552)"
    o = s.literal(lit("0.0655"), [([F("-0.06552")], F(7))])        # a negated part counts too
    assert (o.lo, o.hi) == (F("0.0655"), F("0.06552"))
    assert s.literal(lit("0.334"), [([F("0.33448")], F("0.33448"))]) is None   # the whole side is no part
    assert s.literal(lit("0.0656"), parts) is None          # 0.00008 away: no
    o = s.literal(lit("0.07"), [([F("0.065")], F(9))])      # two digits: only possibly a rounding (rule 6)
    assert o.ambiguous and (o.lo, o.hi) == (F("0.065"), F("0.07"))
    s.add_data(F("0.07"), 1)                                 # ... but data of two digits is exact data
    assert s.literal(lit("0.07"), [([F("0.065")], F(9))]) is None


def test_two_parts_near_one_number_give_one_note():
    s = Sources()
    o = s.literal(lit("0.100"), [([F("0.0996"), F("0.1004")], F(5))])
    assert (o.lo, o.hi) == (F("0.0996"), F("0.1004"))
    assert o.note == "0.100: rounds a part of an earlier side (0.0996)"


def test_decimals_of_printed_numbers():
    assert V._decimals("0.5498") == 4 and V._decimals("-3") == 0 and V._decimals("1e-3") == 3
    assert V._decimals("+2.50") == 2 and V._decimals("junk") == 0


# ----------------------------------------------------------------------------- results
def test_known_values_made_from_floats_take_their_shortest_decimals():
    k = Known(0.1, 0.0005, 3, "0.1")
    assert k.exact == F(1, 10) and k.half_q == F(1, 2000)
    k = Known(0.1, 0.0, 3, "0.1")
    assert k.half_q == 0
    k = Known(0.1, 0.0005, 3, "0.1", F(3, 7), F(1, 3))
    assert k.exact == F(3, 7) and k.half_q == F(1, 3)


def test_a_side_is_exact_only_without_rounding_anywhere():
    s = V.Side("x", "value", exact=F(1), strict=(F(1), F(1)), loose=(F(1), F(1)))
    assert s.exactly and s.has_value
    assert not V.Side("x", "value", exact=F(1), err=F(1, 10 ** 40), strict=(F(1), F(1)), loose=(F(1), F(1))).exactly
    assert not V.Side("x", "value", strict=(F(0), F(1)), loose=(F(0), F(1))).exactly
    assert not V.Side("x", "value", strict=(F(1), F(1)), loose=(F(0), F(1))).exactly
    assert V.Side("x", "number").has_value and not V.Side("x", "unresolved").has_value
    assert not V.Side("x", "unparsed").has_value and not V.Side("", "empty").has_value


def test_file_results_count_and_find_lines():
    fr = A.audit_text("$1 + 1 = 2$\n\n$1 + 1 = 3$\n\n$a = b$\n\n$1 + 1 = 2$\n")
    assert fr.count("ok") == 2 and fr.count("wrong") == 1 and fr.count("unchecked") == 1
    assert fr.line(3).verdict == "wrong" and fr.line(4) is None and fr.line(7).verdict == "ok"
    s = fr.summary
    assert s == {"math_lines": 4, "with_numbers": 3, "parsed": 3, "checked": 3, "ok": 2, "slip": 0, "wrong": 1,
                 "inconsistent": 0, "unchecked": 1, "unparsed": 0}


def test_report_number_formats():
    assert V._g(0.5) == "0.5" and V._g(-0.0) == "0" and V._g(1234567.0) == "1.23457e+06"
    assert V._g(-1e-12) == "-1e-12" and V._g(2.0) == "2"
    assert V._short("a  b\n c") == "a b c"
    assert V._short("x" * 40) == "x" * 40 and V._short("x" * 41) == "x" * 39 + "…"
    assert V._short("abcdef", 4) == "abc…"


@pytest.mark.parametrize("value, stated, shown", [
    (0.41234, "0.385", "0.412"),          # as many decimals as the stated number
    (0.3851, "0.385", "0.3851"),          # more where the two would look equal
    (0.38500001, "0.385", "0.38500001"),
    (2.0, "3", "2"), (-1.25, "-1.3", "-1.25"),   # a tie in full (rounded away it reads -1.2)
    (-1.24, "-1.3", "-1.2"),
    (0.00001, "0.5", "0"),                # rounds to 0 (no "-0.0", no "0.0")
    (1e16, "1.5", "1e+16"), (0.5, "1e-3", "0.5"), (0.25, "x", "0.25"), (0.123456789, "0.123456789", "0.123457"),
])
def test_values_shown_like_the_stated_number(value, stated, shown):
    assert V._fmt_like(value, stated) == shown


def test_has_number_outside_subscripts():
    assert not V._has_number("w_{11}") and not V._has_number("w_1 x_2") and not V._has_number(r"W^{(0)} x")
    assert not V._has_number(r"\delta_\alpha") and not V._has_number("W^(1)")
    assert V._has_number("w_1 + 2") and V._has_number("x^2") and V._has_number("②")


# ----------------------------------------------------------------------------- reading one side
def _side(tex, memory=None, sources=None, nodes=()):
    return V._evaluate_side(tex, memory or {}, sources or Sources(), nodes)


def test_evaluate_side_statuses():
    assert _side("").status == "empty" and _side("").why == "not-read"
    s = _side("1e400")
    assert s.status == "unparsed" and "too large" in s.reason
    s = _side("-0.049")
    assert (s.status, s.printed, s.exact, s.strict, s.nodes) == ("number", "-0.049", F("-0.049"),
                                                                 (F("-0.049"), F("-0.049")), [F("-0.049")])
    s = _side(r"\mathbf{-0.2748}")
    assert (s.status, s.printed, s.exact) == ("number", "-0.2748", F("-0.2748"))
    s = _side(r"{0.5}")
    assert (s.status, s.printed, s.value) == ("number", "0.5", 0.5)
    s = _side("x + 1")
    assert s.status == "unresolved" and s.missing == ["x"] and s.why == "no-value"
    s = _side("1 + ")
    assert s.status == "unparsed" and s.why == "not-read"
    s = _side("10^{400}")
    assert s.status == "unparsed" and s.reason == "cannot be evaluated: too large for a float"
    s = _side("0^{-1}")
    assert s.status == "unparsed" and s.reason == "cannot be evaluated: division by zero"
    s = _side("0.5 + 0.25")
    assert (s.status, s.exact, s.strict, s.loose, s.err) == ("value", F(3, 4), (F(3, 4), F(3, 4)),
                                                             (F(3, 4), F(3, 4)), 0)
    assert list(s.nodes) == [F(1, 2), F(1, 4), F(3, 4)] and s.exactly


def test_a_lone_e_is_the_error_the_article_named():
    mem = {"e": Known(-0.049, 0.0005, 3, "-0.049", F("-0.049"), F(1, 2000))}
    s = _side("e", mem)
    assert (s.status, s.exact, s.strict) == ("value", F("-0.049"), (F("-0.0495"), F("-0.0485")))
    assert s.uses == ["e = -0.049 (line 3)"] and s.rounded == ["e = -0.049 ± 0.0005"]
    assert s.lo == pytest.approx(-0.0495) and s.hi == pytest.approx(-0.0485)
    s = _side("e")
    assert s.status == "unresolved" and s.missing == ["e"] and s.why == "no-value"
    mem["e"] = Known(2.0, 0.0, 1, "2")
    s = _side("e", mem)
    assert s.rounded == [] and s.strict == (F(2), F(2))


def test_the_letter_e_in_formulas():
    mem = {"e": Known(0.5, 0.0, 1, "0.5")}
    s = _side("2e", mem)                       # a quantity named e, doubled
    assert s.status == "value" and s.exact == 1
    s = _side("e^2", mem)                      # squared: the named quantity
    assert s.exact == F(1, 4)
    s = _side("2e")                            # no e given: Euler's number or a quantity? not guessed
    assert s.status == "unresolved" and s.why == "ambiguous-symbol"
    assert s.missing == ["e (Euler's number, or a quantity e the article has not given?)"]
    s = _side("e + e^{-1}", mem)               # both readings in one side
    assert s.status == "unresolved" and s.missing == ["e (Euler's number, or the e of line 1?)"]
    s = _side("e^{-1}", mem)                   # Euler's number, said so
    assert s.status == "value" and "e^{…} read as Euler's number, not the e of line 1" in s.uses
    s = _side("e^2")                           # e² without a named e: Euler's number squared
    assert s.status == "value" and abs(s.exact - F("7.389056098930650227230427460575")) < F(1, 10 ** 25)


def test_uses_and_rounded_inputs_are_reported():
    mem = {"a": Known(0.25, 0.0005, 4, "0.250", F(1, 4), F(1, 2000)), "b": Known(2.0, 0.0, 5, "2")}
    s = _side(r"a \cdot b + \sigma(0)", mem)
    assert s.uses == ["a = 0.250 (line 4)", "b = 2 (line 5)", "σ(…) read as the logistic function 1/(1+e^-z)"]
    assert s.rounded == ["a = 0.250 ± 0.0005"]
    # 0.25·2 + 0.5 = 1; a within ±0.0005 moves it by ±0.001
    assert s.strict[0] == pytest.approx(F("0.999")) and s.strict[1] == pytest.approx(F("1.001"))
    assert s.strict[0] < F("0.999") + F(1, 10 ** 9) and s.loose == s.strict


def test_a_printed_number_used_twice_is_one_input():
    src = Sources()
    src.add_computed(F("0.25"), F(1, 200), 1, "0.25")        # 0.25 ± 0.005, two digits: ambiguous
    s = _side("0.25 \\cdot 0.25", {}, src)
    # one value x ∈ [0.245, 0.255] squared: [0.060025, 0.065025] (not two independent factors)
    assert s.loose[0] == pytest.approx(F("0.060025"), rel=1e-9) and s.loose[1] == pytest.approx(F("0.065025"), rel=1e-9)
    assert s.strict == (F(1, 16), F(1, 16))                  # the strict reading: exact data


def test_too_many_numbers_in_one_side():
    tex = " + ".join(["1"] * 5001)
    s = _side(tex)
    assert s.status == "unparsed" and s.reason == "more than 5000 numbers in one side"
    assert _side(" + ".join(["1"] * 5000)).exact == 5000


# ----------------------------------------------------------------------------- bounds: corners, then first order
def _variables(n, h=0.001):
    return [("k", (k,), -h, h, False) for k in range(n)]


def test_every_corner_up_to_max_corners_then_first_order_bounds_doubled():
    """A sum of n printed numbers each ±h: the corners give exactly ±n·h; first-order bounds (beyond
    MAX_CORNERS inputs) are doubled: ±2·n·h (plus float noise of 1e-12 relative)."""
    assert MAX_CORNERS == 10
    for n, factor in ((MAX_CORNERS, 1), (MAX_CORNERS + 1, 2)):
        side = compile_side(" + ".join(["1"] * n))
        lo, hi = V._spread(side, {}, float(n), _variables(n))
        assert lo == pytest.approx(-factor * n * 0.001, rel=1e-6) and hi == pytest.approx(factor * n * 0.001, rel=1e-6)


def test_at_most_max_rounded_inputs_are_bounded():
    assert MAX_ROUNDED == 300
    side = compile_side(" + ".join(["1"] * 301))
    assert V._spread(side, {}, 301.0, _variables(301)) is None
    lo, hi = V._spread(side, {}, 301.0, _variables(300))
    assert lo == pytest.approx(-0.6, rel=1e-6) and hi == pytest.approx(0.6, rel=1e-6)
    assert V._spread(side, {}, 301.0, []) == (0.0, 0.0)


def test_named_inputs_in_the_bounds():
    side = compile_side("a \\cdot 3")
    mem = {"a": Known(0.5, 0.01, 1, "0.50")}
    for vs in ([("s", "a", -0.01, 0.01, False)], [("s", "a", -0.01, 0.01, False)] * 11):
        lo, hi = V._spread(side, mem, 1.5, vs[:1] if len(vs) == 1 else vs)
        assert lo < 0 < hi
    lo, hi = V._spread(side, mem, 1.5, [("s", "a", -0.01, 0.01, False)])
    assert lo == pytest.approx(-0.03, rel=1e-9) and hi == pytest.approx(0.03, rel=1e-9)


def test_the_float_noise_allowance_is_relative():
    side = compile_side("1e6 + x")
    mem = {"x": Known(0.0, 0.5, 1, "0")}
    lo, hi = V._spread(side, mem, 1e6, [("s", "x", -0.5, 0.5, False)])
    # ±0.5, widened by 1e-12 of the largest end (1e6 + 0.5): 1.0000005e-6
    assert hi == pytest.approx(0.5 + 1e-12 * (1e6 + 0.5), rel=1e-12)
    assert lo == pytest.approx(-0.5 - 1e-12 * (1e6 + 0.5), rel=1e-12)


def test_gap_between_ranges():
    assert V._gap((F(1), F(2)), (F(3), F(4))) == 1 and V._gap((F(3), F(4)), (F(1), F(2))) == 1
    assert V._gap((F(1), F(3)), (F(2), F(4))) == 0 and V._gap((F(1), F(2)), (F(2), F(3))) == 0


# ----------------------------------------------------------------------------- comparing two sides
def _num(text):
    return _side(text)


def test_compare_two_printed_numbers():
    assert V._compare(_num("0.50"), _num("0.5"), False) == "ok"         # the finer rounds to the coarser
    assert V._compare(_num("0.5"), _num("0.50"), False) == "ok"
    assert V._compare(_num("3.5"), _num("3"), False) == "wrong"         # = 3 is exact
    assert V._compare(_num("3.4"), _num("3"), True) == "ok"             # ≈ 3 rounds
    assert V._compare(_num("3.6"), _num("3"), True) == "wrong"


def test_compare_a_formula_with_a_number_either_way():
    f = _side("0.1 + 0.2")
    assert V._compare(f, _num("0.3"), False) == "ok" and V._compare(_num("0.3"), f, False) == "ok"
    assert V._compare(f, _num("0.31"), False) == "wrong" and V._compare(_num("0.31"), f, False) == "wrong"


def test_compare_two_formulas_by_their_ranges():
    assert V._compare(_side("0.1 + 0.2"), _side("0.6 / 2"), False) == "ok"
    assert V._compare(_side("0.1 + 0.2"), _side("0.6 / 3"), False) == "wrong"


def test_compare_a_transcendental_formula_uses_its_error_bound():
    s = _side(r"\ln 2")                 # 0.693147180559945…
    assert s.err > 0
    assert V._compare(s, _num("0.693147180559945"), False) == "ok"
    assert V._compare(s, _num("0.693147180559944"), False) == "wrong"


def test_agree_for_vector_elements():
    a = _num("0.50")
    b = _num("0.5")
    assert V._agree(a, b, "=") == "ok" and V._agree(_num("3.5"), _num("3"), "=") == "wrong"
    assert V._agree(_num("3.4"), _num("3"), r"\approx") == "ok"
    assert V._agree(_num("3.4"), _num("3"), r"= \approx") == "ok"
    v = _side("0.1 + 0.2")
    v.lo = v.hi = 0.30000000000000004
    assert V._agree(v, _num("0.3"), "=") == "ok" and V._agree(_num("0.3"), v, "=") == "ok"
    assert V._agree(v, _num("0.31"), "=") == "wrong"
    w = _side("0.3 + 0")
    w.lo, w.hi = 0.4, 0.5
    assert V._agree(v, w, "=") == "wrong"
    w.lo, w.hi = 0.2, 0.30000000000000004
    assert V._agree(v, w, "=") == "ok"


def test_tensor_scalars_take_their_origin_only_as_operands():
    src = Sources()
    src.add_computed(F("0.550"), F(1, 2000), 1, "0.550")
    s = V._tensor_scalar("0.550", {}, src, operand=True)
    assert (s.lo, s.hi) == (0.5495, 0.5505) and s.rounded == ["0.550: 0.550 ± 0.0005 (line 1)"]
    s = V._tensor_scalar("-0.550", {}, src, operand=True)
    assert (s.lo, s.hi) == (-0.5505, -0.5495)
    s = V._tensor_scalar("0.550", {}, src)          # stated: as printed
    assert (s.lo, s.hi) == (0.55, 0.55)
    src.add_computed(F("0.25"), F(1, 200), 2, "0.25")
    s = V._tensor_scalar("0.25", {}, src, operand=True)       # ambiguous: strict reading exact
    assert s.ambiguous and (s.lo, s.hi) == (0.25, 0.25)
    s = V._tensor_scalar("0.25", {}, src, loose=True, operand=True)
    assert s.ambiguous and (s.lo, s.hi) == (0.245, 0.255)
    s = V._tensor_scalar("0.25 \\cdot 2", {}, src, loose=True)
    assert s.ambiguous and s.lo == pytest.approx(0.49) and s.hi == pytest.approx(0.51)
    s = V._tensor_scalar("0.25 \\cdot 2", {}, src)
    assert s.ambiguous and s.lo == s.hi == 0.5


# ----------------------------------------------------------------------------- names, lists and vectors
@pytest.mark.parametrize("tex, name", [
    ("z_1", "z_1"), (r"\delta_7", "delta_7"), ("e", "e"), (r"\hat{y}", r"\hat{y}"), (" w ", "w"),
    ("0.5", None), ("-x", None), ("+x", None), ("(x)", None), (r"\left( x \right)", None), (r"\frac{1}{x}", None),
    (r"\sqrt{x}", None), (r"\sum_{i=1}^{2} i", None), ("x + 1", None), ("", None), ("|x|", None), ("[x]", None),
    ("x(", None), ("2x", None), (".5", None), ("−x", None),
])
def test_is_name(tex, name):
    assert V._is_name(tex) == name


def test_side_names():
    assert V._side_names("w - 0.5 g") == frozenset({"w", "g"})
    assert V._side_names("w") == frozenset() and V._side_names("1 +") == frozenset()
    assert V._side_names("a(1 - a)") == frozenset({"a"})


@pytest.mark.parametrize("tex, parts", [
    (r"w_7=0.3,\; w_8=-0.1,\; b=0.1", ["w_7=0.3", "w_8=-0.1", "b=0.1"]),
    (r"w_7=0.3; w_8=-0.1", ["w_7=0.3", "w_8=-0.1"]),
    (r"a = 1 \quad b = 2", ["a = 1", "b = 2"]), (r"a = 1 \qquad b = 2", ["a = 1", "b = 2"]),
    (r"a = 1 \text{ and } b = 2", ["a = 1", "b = 2"]), (r"a = 1 \text{和} b = 2", ["a = 1", "b = 2"]),
    (r"a = 1 \text{, } b = 2", ["a = 1", "b = 2"]), ("a = 1，b = 2", ["a = 1", "b = 2"]),
    (r"z = 0.5 \text{, so } a = 0.62", ["z = 0.5", "a = 0.62"]),
    (r"a = 1 \rightarrow b = 2", [r"a = 1 \rightarrow b = 2"]),
    ("a = 1 → b = 2", ["a = 1", "b = 2"]), ("a = 1 ⇒ b = 2", ["a = 1", "b = 2"]),
    (r"x = 1 \text{ (rounded)}", ["x = 1"]), (r"x = 1 \text{(rounded)}", ["x = 1"]),
    ("x = 2,5", ["x = 2,5"]),                            # a decimal comma? not split
    ("f(1, 2) = 3", ["f(1, 2) = 3"]), ("x = [1, 2]", ["x = [1, 2]"]), ("x = {1, 2}", ["x = {1, 2}"]),
    ("1, 2", ["1, 2"]), ("a = 1, 2", ["a = 1, 2"]),       # parts that are not chains: whole
    ("a = 1", ["a = 1"]), (r"a = \{1, 2\}", [r"a = \{1, 2\}"]),
    (r"\text{out} = 1, b = 2", [r"\text{out} = 1", "b = 2"]), (r"a = 1 \mbox{ so } b = 2", ["a = 1", "b = 2"]),
    (r"a = 1 \text{ 2 } b = 3", [r"a = 1 \text{ 2 } b = 3"]),     # a remark with a digit: not dropped
    (r"\, a = 1, \; b = 2 \,", ["a = 1", "b = 2"]),
])
def test_split_list(tex, parts):
    assert V.split_list(tex) == parts


def test_annotations():
    assert V._annotation(r"\text{ so } x", 0).group(0) == r"\text{ so }"
    assert V._annotation("→ x", 0).group(0) == "→"
    assert V._annotation(r"\text{out}", 0) is None and V._annotation(r"\text{x2 }", 0) is None
    assert V._annotation(r"\text{}", 0).group(0) == r"\text{}" and V._annotation(r"\text{a-b}", 0) is not None
    assert V._annotation("x", 0) is None


def test_vector_assignments():
    assert V._vector_assignment("[w_1, w_2, b_1] = [0.15, 0.20, 0.35]") == ["w_1 = 0.15", "w_2 = 0.20", "b_1 = 0.35"]
    parts = V._vector_assignment(r"\left[a, b\right] = \left[1, 2\right]")     # \right is dropped when read
    assert [p.replace(r"\right", "").strip() for p in parts] == ["a = 1", "b = 2"]
    assert V._vector_assignment("[a, b] = [1, 2, 3]") is None          # lengths differ
    assert V._vector_assignment("[a] = [1]") is None                   # one name: no list
    assert V._vector_assignment("[a, 2] = [1, 2]") is None             # not names
    assert V._vector_assignment("[a, b] = [f(1, 2), 3]") == ["a = f(1, 2)", "b = 3"]
    assert V._vector_assignment("a = [1, 2]") is None
    assert V._top_level_commas("a, {b, c}, (d, e)") == ["a", "{b, c}", "(d, e)"]


# ----------------------------------------------------------------------------- whole documents
def test_a_vector_assignment_defines_each_name():
    fr = A.audit_text("$[w_1, w_2] = [0.15, 0.20]$\n\n$w_1 + w_2 = 0.35$\n\n$w_1 + w_2 = 0.36$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "ok", "wrong"]


def test_a_tex_comment_or_an_unread_piece_is_not_read():
    fr = A.audit_text("$$1 + 1 = 2 % checked$$\n")
    assert fr.lines[0].verdict == "unparsed" and "a % (a TeX comment" in fr.lines[0].detail
    r = V._audit_piece(MathPiece(1, "inline", "1 + 1 = 3", unread="cut off"), {}, Sources())
    assert r.checks == [] and r.sides[0].status == "unparsed" and r.sides[0].reason == "cut off" and r.has_numbers


def _continued(first_line, line, tex):
    mem, src = {}, Sources()
    V._audit_chain(MathPiece(first_line, "$$", "0.5 + 0.25"), mem, src)
    return V._audit_chain(MathPiece(line, "$$", tex), mem, src)


def test_continuation_lines_within_four_lines():
    """A formula starting with "=" continues the last side of the chain before, up to 4 lines after it."""
    assert CONTINUE_LINES == 4
    r = _continued(1, 5, "= 0.76")                 # 0.5 + 0.25 = 0.76: 0.01 off at two decimals
    assert [c.verdict for c in r.checks] == ["wrong"] and r.checks[0].left == "0.5 + 0.25"
    assert [c.verdict for c in _continued(1, 5, "= 0.75").checks] == ["ok"]
    assert _continued(1, 6, "= 0.76").checks == []  # 5 lines after: not a continuation
    assert _continued(1, 1, "= 0.76").checks[0].verdict == "wrong"    # the same line
    assert _continued(3, 1, "= 0.76").checks == []  # before it: no
    mem, src = {}, Sources()
    V._audit_chain(MathPiece(1, "$$", "0.5 + 0.25 ="), mem, src)       # ends in "=": no last side to continue
    assert V._audit_chain(MathPiece(2, "$$", "= 0.76"), mem, src).checks == []


def test_a_formula_then_its_value_within_ten_lines():
    assert FOLLOW_LINES == 10
    text = "$a = 0.5$, $b = 0.25$\n\n$x = a + b$\n"
    near = text + "\n" * 9 + "$x = 0.75$\n"        # x's formula on line 3, its value on line 13: 10 lines
    fr = A.audit_text(near)
    assert fr.line(13).verdict == "ok" and fr.line(13).checks[0].left.startswith("x = a + b (line 3)")
    assert last(text + "\n" * 9 + "$x = 0.76$\n").verdict == "wrong"          # 0.75, not 0.76
    assert last(text + "\n" * 9 + "$x = 0.8$\n").verdict == "ok"              # 0.75 is within 0.8 ± 0.05
    far = text + "\n" * 10 + "$x = 0.76$\n"         # 11 lines: a new definition, which contradicts x = 0.75
    assert last(far).verdict == "inconsistent"
    assert V._follows_formula(None, 5) is None
    k = Known(1.0, 0.0, 3, "1", formula="a + b", lo_q=F(1), hi_q=F(1))
    assert V._follows_formula(k, 13) is k and V._follows_formula(k, 14) is None and V._follows_formula(k, 3) is None
    assert V._follows_formula(Known(1.0, 0.0, 3, "1"), 4) is None


def test_headings_of_level_one_and_two_start_over():
    text = "# A\n\n$w = 0.5$\n\n## B\n\n$2 w = 1$\n"
    assert last(text).verdict == "unchecked" and last(text).reason == "no-value"
    text3 = "# A\n\n$w = 0.5$\n\n### B\n\n$2 w = 1$\n"
    assert last(text3).verdict == "ok"
    # a redefinition under a later heading (any level) is a new example, not a contradiction
    assert last("$w = 0.5$\n\n### Case 2\n\n$w = 0.7$\n").verdict != "inconsistent"
    # within one section: a value computed earlier and contradicted is inconsistent; two plain definitions
    # (a second set of values, or a mistake?) leave the line unchecked with that reason
    assert last("$w = 0.2 + 0.3 = 0.5$\n\n$w = 0.7$\n").verdict == "inconsistent"
    assert (last("$w = 0.5$\n\n$w = 0.7$\n").verdict, last("$w = 0.5$\n\n$w = 0.7$\n").reason) == ("unchecked",
                                                                                                "redefined")


def test_a_redefinition_within_the_rounding_is_not_a_contradiction():
    assert last("$w = 0.5$\n\n$w = 0.5$\n").verdict != "inconsistent"
    assert last("$w \\approx 0.50$\n\n$w \\approx 0.504$\n").verdict != "inconsistent"   # within 0.005
    assert last("$w = 1/2 \\approx 0.50$\n\n$w \\approx 0.506$\n").verdict == "inconsistent"


def test_inconsistent_detail_names_both_values():
    r = last("$w = 0.2 + 0.3 = 0.5$\n\n$w = 0.7$\n")
    assert r.stated == "0.7" and r.computed == "0.5"
    assert r.detail == "w = 0.7 here but w = 0.5 on line 1"


def test_the_line_result_details():
    r = last("$1 + 1 = 2$\n")
    assert r.detail == "1 comparison agrees"
    r = last("$1 + 1 = 2 = 2.0$\n")
    assert r.detail == "2 comparisons agree" and r.verdict == "ok"
    r = last("$1 + 1 = 3$\n")
    assert r.verdict == "wrong" and r.stated == "3" and r.computed == "2" and r.detail == "1 + 1 gives 2, not 3"
    r = last("$3 = 1 + 1$\n")
    assert r.verdict == "wrong" and r.stated == "3" and r.computed == "2"
    r = last("$0.1 + 0.2 = 0.5 - 0.1$\n")
    assert r.verdict == "wrong" and r.detail == "0.1 + 0.2 gives 0.3 but 0.5 - 0.1 gives 0.4"
    assert (r.stated, r.computed) == ("0.4", "0.3")
    r = last("$1 + 1 = 2$ and $1 + \\cdots = 3$\n")
    assert r.verdict == "unparsed" and r.reason == "not-read"
    assert r.detail.endswith("; the other sides agree (1 comparison)")
    r = last("$a = b$\n")
    assert r.verdict == "unchecked" and r.detail == "no numbers"
    r = last("$x + 1 = 2$\n")
    assert r.detail == "no value for x"
    r = last("$z = 2$\n")
    assert r.detail == "no two sides with a value to compare"
    r = last("$\\ln 2 = 0.693$\n")
    assert r.verdict == "ok"


def test_a_slip_line():
    r = last("$\\frac{1}{3} = 0.3333$\n$\\frac{1}{3} = 0.33333$\n")
    assert r.verdict == "ok"
    r = last("$0.2748110836 \\cdot 1 = 0.274811083$\n")
    assert r.verdict == "slip" and r.stated == "0.274811083" and r.computed == "0.274811084"   # rounded, as printed
    assert r.detail.startswith("last digit off by less than one unit: ")


def test_a_wrong_line_also_names_its_other_findings():
    r = last("$w = 0.5$\n\n$w = 0.7$ and $1 + 1 = 3$\n")
    assert r.verdict == "wrong" and r.detail == "1 + 1 gives 2, not 3; w = 0.7 here but 0.5 on line 1"


def test_rounded_inputs_and_uses_are_appended_to_the_detail():
    r = last("$a \\approx 0.333$\n\n$3 a = 0.999$\n")
    assert r.verdict == "ok" and "; rounded inputs: a = 0.333 ± 0.0005" in r.detail
    assert r.detail.endswith("; uses a = 0.333 (line 1)")


def test_audit_text_restores_the_garbage_collector():
    before = gc.get_threshold()
    A.audit_text("$1 + 1 = 2$\n")
    assert gc.get_threshold() == before


def test_forget_a_name_and_its_elements_only():
    mem = {"z": 1, "z_1": 2, "z_2": 3, "zz": 4, "y_1": 5}
    V._forget(mem, "z")
    assert mem == {"zz": 4, "y_1": 5}
    V._forget(mem, "missing")
    assert mem == {"zz": 4, "y_1": 5}


def test_remember_a_formula_with_its_range():
    mem = {}
    side = _side("0.5 + 0.25")
    V._remember_formula(mem, "x", side, 7)
    k = mem["x"]
    assert (k.value, k.half, k.line, k.printed, k.exact, k.formula) == (0.75, 0.0, 7, "0.75", F(3, 4), "0.5 + 0.25")
    assert (k.lo_q, k.hi_q) == (F(3, 4), F(3, 4))
    mem["x_1"] = 1
    amb = V.Side("t", "value", exact=F(1), strict=(F(1), F(1)), loose=(F(0), F(2)))
    V._remember_formula(mem, "x", amb, 8)       # rule 6: precision unknown, so x is forgotten
    assert "x" not in mem and "x_1" not in mem


# ----------------------------------------------------------------------------- vectors compared element by element
def test_a_computed_element_stated_as_a_whole_number_after_approx_is_rounded():
    # 1.2·2 = 2.4 and 2.4·2 = 4.8; after ≈ a whole number is rounded (± 0.5): 2.4 ≈ 2 (0.4 off) and
    # 4.8 ≈ 5 (0.2 off) agree; after = it claims to be exact: 2.4 = 2 is wrong
    col = r"\begin{bmatrix} 1.2 \\ 2.4 \end{bmatrix} \cdot 2 "
    r = last("$$" + col + r"\approx \begin{bmatrix} 2 \\ 5 \end{bmatrix}$$" + "\n")
    assert r.verdict == "ok" and [c.verdict for c in r.checks] == ["ok", "ok"]
    r = last("$$" + col + r"= \begin{bmatrix} 2 \\ 5 \end{bmatrix}$$" + "\n")
    assert r.verdict == "wrong"


def test_two_printed_vectors_agree_where_the_finer_rounds_to_the_coarser_either_way_round():
    # 0.54 rounds to 0.5 at one decimal (0.04 ≤ 0.05): ok, whichever side prints the coarser number;
    # 0.56 rounds to 0.6, not 0.5 (0.06 > 0.05, and 0.5 has one significant digit: no slip): wrong
    for text in ("$$[0.5, 1] = [0.54, 1]$$\n", "$$[0.54, 1] = [0.5, 1]$$\n"):
        r = last(text)
        assert r.verdict == "ok" and [c.verdict for c in r.checks] == ["ok", "ok"]
    for text in ("$$[0.5, 1] = [0.56, 1]$$\n", "$$[0.56, 1] = [0.5, 1]$$\n"):
        assert last(text).verdict == "wrong"


def test_an_element_computed_as_zero_is_compared():
    # 2·[0.5, 0] = [1, 0] exactly: both elements agree; [1, 0.001] does not (0 is 0.001 from 0.001,
    # beyond its half unit 0.0005, and 0.001 has one significant digit: no slip)
    r = last("$$2 \\cdot [0.5, 0] = [1, 0]$$\n")
    assert r.verdict == "ok" and [c.verdict for c in r.checks] == ["ok", "ok"]
    assert last("$$2 \\cdot [0.5, 0] = [1, 0.001]$$\n").verdict == "wrong"


def test_two_printed_vectors_one_truncated_is_a_slip():
    # 0.2748110836 cut (not rounded) to 9 decimals is 0.274811083: 6e-10 below it, beyond the half
    # unit 5e-10 but less than one unit, towards zero, 9 significant digits: a slip
    r = last("$$[0.2748110836, 1] = [0.274811083, 1]$$\n")
    assert r.verdict == "slip" and [c.verdict for c in r.checks] == ["slip", "ok"]
    assert (r.stated, r.computed) == ("0.274811083", "0.274811084")


# ----------------------------------------------------------------------------- a chain: readings, relations, precision
THIRD = "$\\frac{1}{3} \\approx 0.33$\n\n"     # 1/3 = 0.333…, printed rounded: 0.33 ± 0.005 from here on (rule 3)


def test_an_undecided_comparison_names_its_verdict_under_each_reading():
    # 0.33 is a rounded result of two digits, or exact (rule 6). Exact: 0.33·3 = 0.99, and = 1 claims
    # exactness: wrong. Rounded: 3·[0.325, 0.335] = [0.975, 1.005] holds 1: ok
    r = last(THIRD + "$0.33 \\cdot 3 = 1$\n")
    assert (r.verdict, r.reason) == ("unchecked", "unknown-precision")
    assert r.checks[0].readings == ("wrong", "ok")
    assert "0.33 \\cdot 3 = 1 (ok with them read as rounded, wrong as exact)" in r.detail


def test_a_formula_then_its_value_is_one_equality():
    r = A.audit_text("$x = \\frac{1}{3}$\n\n$x = 0.333$\n").line(3)
    assert r.verdict == "ok" and len(r.checks) == 1
    c = r.checks[0]
    assert (c.left, c.relation, c.right) == ("x = \\frac{1}{3} (line 1)", "=", "0.333")


def test_the_printed_value_of_a_formula_that_does_not_give_it_exactly_is_a_rounded_result():
    # x = 1/3, then x = 0.333: 0.333 is 1/3 rounded (rule 3), 0.333 ± 0.0005 wherever it is used again.
    # 3·0.333 = 0.999, but 3·[0.3325, 0.3335] = [0.9975, 1.0005] holds 1: ok (read as data, 0.999 = 1
    # would be wrong: a whole number after = is exact); the same for the name x
    text = "$x = \\frac{1}{3}$\n\n$x = 0.333$\n\n$3 \\cdot 0.333 = 1$\n\n$3 x = 1$\n"
    fr = A.audit_text(text)
    assert fr.line(5).verdict == "ok" and fr.line(7).verdict == "ok"
    assert "0.333: 0.333 ± 0.0005 (line 3)" in fr.line(5).detail


def test_a_name_defined_by_two_equal_printed_numbers_is_exact():
    # w = 0.50 = 0.5: data, exactly 1/2; 2w = 1, and 1.04 ± 0.005 is 0.04 away: wrong
    fr = A.audit_text("$w = 0.50 = 0.5$\n\n$2 w = 1.04$\n")
    assert fr.line(1).verdict == "ok"
    r = fr.line(3)
    assert r.verdict == "wrong" and r.rounded_inputs == [] and (r.stated, r.computed) == ("1.04", "1.00")


def test_an_equality_of_two_formulas_without_numbers_is_not_checked():
    # w x = x w prints no number and defines no name: nothing to check, whatever w holds
    fr = A.audit_text("$w = 0.5$\n\n$w x = x w$\n\n$w y = 2$\n")
    r = fr.line(3)
    assert (r.verdict, r.reason, r.has_numbers) == ("unchecked", "no-numbers", False)
    assert fr.line(5).verdict == "unchecked" and fr.line(5).unresolved == ["y"]


def test_a_side_with_too_many_numbers_is_not_read():
    r = last("$" + " + ".join(["1"] * 5001) + " = 5001$\n")
    assert (r.verdict, r.reason, r.parsed) == ("unparsed", "not-read", False)
    assert r.detail == "1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 +…: more than 5000 numbers in one side"


def test_a_backslash_at_the_end_of_a_list_is_read_as_written():
    # "a = 1, b = 2 \" (a stray backslash closing a display): two definitions, the second unreadable
    fr = A.audit_text("$$a = 1, b = 2 \\\n$$\n")
    r = fr.lines[0]
    assert r.verdict == "unparsed" and r.detail.startswith("2 \\: ")
    assert V.split_list("a = 1, b = 2 \\") == ["a = 1", "b = 2 \\"]


# ----------------------------------------------------------------------------- the details of a line
AMBIGUOUS_DOT = "$[1, 2] \\cdot [3, 4] = [3, 4] \\cdot [1, 2]$"   # dot and element-wise agree, outer not


def test_the_line_is_parsed_only_where_every_side_is_read():
    assert A.audit_text("$1 + 1 = 2$\n").lines[0].parsed is True
    assert A.audit_text("$1 + \\cdots = 2$\n").lines[0].parsed is False


def test_two_unread_sides_are_listed_apart():
    r = last("$1 + \\cdots = 2$ and $2 + \\cdots = 3$\n")
    assert r.verdict == "unparsed"
    first, second = r.detail.split("; ")
    assert first.startswith("1 + \\cdots: ") and second.startswith("2 + \\cdots: ")
    r = last("$1 + 1 = 3$ and $1 + \\cdots = 2$ and $2 + \\cdots = 3$\n")
    assert r.verdict == "wrong"
    head, tail = r.detail.split("; sides not read: ")
    assert head == "1 + 1 gives 2, not 3"
    first, second = tail.split("; ")
    assert first.startswith("1 + \\cdots (") and second.startswith("2 + \\cdots (")


def test_an_ambiguous_reading_is_described():
    r = last(AMBIGUOUS_DOT + "\n")
    assert (r.verdict, r.reason) == ("unchecked", "ambiguous-reading")
    assert r.detail.startswith("ambiguous: agrees with [1, 2] \\cdot [3, 4] as the dot product")


def test_an_ambiguous_reading_and_an_undecided_comparison_on_one_line():
    r = last(THIRD + AMBIGUOUS_DOT + " and $0.33 \\cdot 3 = 1$\n")
    assert (r.verdict, r.reason) == ("unchecked", "ambiguous-reading")
    assert "(wrong); not decided (exact data or a rounded result?): 0.33 \\cdot 3 = 1;" in r.detail


def test_an_ambiguous_reading_in_a_list_leaves_the_line_unchecked():
    # the list's other chain, 1 + 1 = 2, agrees, but the line's first chain holds under some readings only
    r = last("$$[1, 2] \\cdot [3, 4] = [3, 4] \\cdot [1, 2], \\quad 1 + 1 = 2$$\n")
    assert (r.verdict, r.reason) == ("unchecked", "ambiguous-reading")


def test_a_wrong_line_says_what_it_could_not_decide():
    r = last(AMBIGUOUS_DOT + " and $1 + 1 = 3$\n")
    assert r.verdict == "wrong"
    assert r.detail.startswith("1 + 1 gives 2, not 3; not decided: ambiguous: agrees with ")


def test_an_inconsistent_line_also_names_its_slips():
    # w = 0.7 contradicts w = 0.5; 0.2748110836 truncated to 0.274811083 (see above) is a slip too
    r = last("$w = 0.2 + 0.3 = 0.5$\n\n$w = 0.7$ and $0.2748110836 \\cdot 1 = 0.274811083$\n")
    assert r.verdict == "inconsistent"
    assert r.detail == ("w = 0.7 here but w = 0.5 on line 1; last digit off: 0.2748110836 \\cdot 1 gives "
                        "0.274811084, not 0.274811083")


def test_an_inconsistent_line_with_an_undecided_comparison():
    # 2·0.3 = 0.6, but w was 0.5: the name's value disagrees (inconsistent, not wrong); 0.33·3 = 1 is
    # undecided (see above) and named with its two readings
    r = last(THIRD + "$w = 0.5$\n\n$2 \\cdot 0.3 = w$ and $0.33 \\cdot 3 = 1$\n")
    assert r.verdict == "inconsistent" and (r.stated, r.computed) == ("0.5", "0.6")
    assert r.detail.startswith("2 \\cdot 0.3 gives 0.6 but w gives 0.5; wrong under every reading of the numbers "
                               "that may be exact data or rounded results (the comparisons that depend on it: "
                               "0.33 \\cdot 3 = 1 (ok with them read as rounded, wrong as exact));")


def test_a_wrong_line_lists_each_undecided_comparison():
    # 0.33·6 = 1.98 exact (wrong against the exact 2), 6·[0.325, 0.335] = [1.95, 2.01] rounded (ok)
    r = last(THIRD + "$1 + 1 = 3$ and $0.33 \\cdot 3 = 1$ and $0.33 \\cdot 6 = 2$\n")
    assert r.verdict == "wrong"
    assert ("(the comparisons that depend on it: 0.33 \\cdot 3 = 1 (ok with them read as rounded, wrong as exact); "
            "0.33 \\cdot 6 = 2 (ok with them read as rounded, wrong as exact));") in r.detail


def test_a_wrong_formula_with_rounded_inputs_shows_their_range():
    # a ≈ 0.333 is a ± 0.0005: 3a is in [0.9975, 1.0005], printed like 0.9 as 1.0
    r = last("$a \\approx 0.333$\n\n$3 a = 0.9$\n")
    assert r.verdict == "wrong"
    assert r.detail.startswith("3 a gives 1.0 (inputs as rounded: 0.9975 to 1.0005), not 0.9; ")


# ----------------------------------------------------------------------------- bounds with more than MAX_CORNERS inputs
ELEVEN = ", ".join(f"$a_{{{k}}} \\approx 0.333$" for k in range(1, 12)) + "\n\n"    # each 0.333 ± 0.0005
SUM11 = " + ".join(f"a_{{{k}}}" for k in range(1, 12))


def test_a_sum_of_eleven_rounded_names_is_bounded_by_its_own_inputs():
    # 11·0.333 = 3.663; each name ± 0.0005 moves it by at most 0.0055; first-order bounds doubled:
    # [3.652, 3.674]. 3.67 lies in it; 3.70 ± 0.005 is 0.026 beyond it: wrong
    assert last(ELEVEN + f"${SUM11} = 3.67$\n").verdict == "ok"
    r = last(ELEVEN + f"${SUM11} = 3.70$\n")
    assert r.verdict == "wrong" and "(inputs as rounded: 3.652 to 3.674), not 3.70" in r.detail


def test_a_kink_is_bounded_on_the_side_its_rounded_input_moves_it():
    # a ≈ 0.100 (no calculation given): 0.100 ± 0.0005 (rule 3). u = 0.100 - 0.05·2 is 0 as printed and
    # anywhere in [-0.0005, 0.0005] as rounded; |u| + u is 0 for u ≤ 0 and 2u above: it reaches 0.001,
    # so "= 0.001" agrees. With ten more rounded inputs (multiplied by 0) the bounds are first-order
    # ones, doubled: the slope 2 of u ↦ |u| + u above 0 gives ± 2·2·0.0005 = ± 0.002
    kink = "|0.100 - 0.05 \\cdot 2| + 0.100 - 0.05 \\cdot 2"
    head = "$a_0 \\approx 0.100$\n\n"
    assert last(head + f"${kink} = 0.001$\n").verdict == "ok"
    # given by 1/9.99 = 0.1001…, carried as calculated u is 0.0001 and |u| + u 0.0002: not decided
    r = last("$\\frac{1}{9.99} \\approx 0.100$\n\n" + f"${kink} = 0.001$\n")
    assert (r.verdict, r.reason) == ("unchecked", "carried-precision")
    ten = ", ".join(f"$a_{{{k}}} \\approx 0.333$" for k in range(1, 11)) + "\n\n"
    many = f"{kink} + 0 \\cdot (" + " + ".join(f"a_{{{k}}}" for k in range(1, 11)) + ")"
    assert last(head + ten + f"${many} = 0.001$\n").verdict == "ok"
    r = last(head + ten + f"${many} = 0.003$\n")
    assert r.verdict == "wrong" and "(inputs as rounded: -0.002 to 0.002), not 0.003" in r.detail


# ----------------------------------------------------------------------------- stated results, slips and memory (second sample)
def test_a_vector_element_stated_whole_after_approx_is_rounded():
    # [3; 1] ≈ [1.2 + 2.1; 0.5 + 0.5]: after ≈ the stated 3 is 3 ± 0.5 and 1.2 + 2.1 = 3.3 lies in it;
    # after = a whole 3 claims to be exact and 3.3 is not 3
    left, right = "\\begin{bmatrix} 3 \\\\ 1 \\end{bmatrix}", "\\begin{bmatrix} 1.2 + 2.1 \\\\ 0.5 + 0.5 \\end{bmatrix}"
    assert last(f"${left} \\approx {right}$\n").verdict == "ok"
    r = last(f"${left} = {right}$\n")
    assert r.verdict == "wrong" and "gives 3 but" in r.detail and "gives 3.3" in r.detail


def test_a_result_stated_after_approx_is_rounded_where_it_is_used_again():
    # 1/8 + 1/8 = 0.25 stated ≈ 0.250: a rounded result (rule 3), 0.250 ± 0.0005 from here on;
    # 0.250 · 2 then lies in [0.499, 0.501], and 0.501 (± 0.0005) agrees only there: carried as
    # calculated (0.25) it is 0.5, so the line is not decided; 0.500 agrees under both readings
    r = last("$\\frac{1}{8} + \\frac{1}{8} \\approx 0.250$\n\n$0.250 \\cdot 2 = 0.501$\n")
    assert (r.verdict, r.reason) == ("unchecked", "carried-precision")
    assert r.rounded_inputs == ["0.250: 0.250 ± 0.0005 (line 1)"]
    r = last("$\\frac{1}{8} + \\frac{1}{8} \\approx 0.250$\n\n$0.250 \\cdot 2 = 0.500$\n")
    assert r.verdict == "ok" and r.rounded_inputs == ["0.250: 0.250 ± 0.0005 (line 1)"]
    r = last("$a \\approx 0.250$\n\n$0.250 \\cdot 2 = 0.501$\n")      # no calculation known: ± 0.0005
    assert r.verdict == "ok"


def test_a_whole_result_stated_after_approx_makes_its_later_decimal_form_uncertain():
    # 7/3 ≈ 2: a result rounded to a whole number, 2 ± 0.5 (rule 3); a later 2.0 is that value but
    # prints two significant digits (rule 6): 2.0 · 3 is 6 read as exact (≠ 7), [4.5, 7.5] read as
    # rounded (holds 7): undecided
    r = last("$\\frac{7}{3} \\approx 2$\n\n$2.0 \\cdot 3 = 7$\n")
    assert (r.verdict, r.reason) == ("unchecked", "unknown-precision")
    assert r.rounded_inputs == ["2.0: 2 ± 0.5 (line 1); or exact (too few digits to tell)"]


def test_a_result_stated_for_an_exact_formula_a_few_lines_before_is_exact():
    # z = w x + b = 0.5·0.25 + 0.125 = 0.25 exactly; "z = 0.250" states it exactly: data (rule 2), so a
    # later 0.250 · 4 is exactly 1, and 1.002 (± 0.0005) is 0.002 away: wrong
    text = "$w = 0.5$, $x = 0.25$, $b = 0.125$\n\n$z = w x + b$\n\n$z = 0.250$\n\n$0.250 \\cdot 4 = 1.002$\n"
    res = A.audit_text(text)
    assert res.lines[2].verdict == "ok"
    r = res.lines[3]
    assert r.verdict == "wrong" and (r.stated, r.computed) == ("1.002", "1.000")


def test_a_whole_number_long_after_a_formula_rounds_its_value():
    # z = w x + b = 2.3 (line 3); "z = 2" more than FOLLOW_LINES later is no stated result of it but a
    # plain definition; 2 printed whole is 2 ± 0.5, and 2.3 lies within: no contradiction
    pad = "".join(f"text {k}\n" for k in range(FOLLOW_LINES + 1))
    text = f"$w = 2$, $x = 1$, $b = 0.3$\n\n$z = w x + b$\n\n{pad}\n$z = 2$\n"
    r = last(text)
    assert (r.verdict, r.reason) == ("unchecked", "nothing-to-compare")
    assert A.audit_text(text).summary["inconsistent"] == 0


def test_a_defined_value_keeps_all_its_printed_digits():
    # w = 0.12345678901234567891 (20 decimals: more than a float holds); w + 0 is that value exactly
    long = "0.12345678901234567891"
    r = last(f"$w = {long}$\n\n$w + 0 = {long}$\n")
    assert r.verdict == "ok"
    r = last(f"$w = {long}$\n\n$w + 0 = 0.12345678901234567881$\n")     # 1e-19 off, half a unit 5e-21
    assert r.verdict == "wrong"


def test_a_percent_sign_makes_the_formula_unread():
    r = last("$0.5 % 2 = 1$\n")
    assert (r.verdict, r.reason) == ("unparsed", "not-read")
    assert r.detail == "0.5 % 2 = 1: a % (a TeX comment hides the rest of its line, or a percent sign) is not read"


def test_two_printed_numbers_the_coarser_truncating_the_finer_is_a_slip():
    # 0.2748110836 rounded to 9 decimals is 0.274811084; 0.274811083 truncates it (6e-10 away: more
    # than half a unit, less than one, toward zero): a slip
    r = last("$0.2748110836 = 0.274811083$\n")
    assert r.verdict == "slip" and (r.stated, r.computed) == ("0.274811083", "0.274811084")


def test_two_printed_numbers_the_finer_rounds_to_the_coarser_whichever_is_first():
    # 0.52 rounded to one decimal is 0.5: "0.5 = 0.52" agrees as "0.52 = 0.5" does; 0.56 does not
    assert last("$0.5 = 0.52$\n").verdict == "ok"
    assert last("$0.52 = 0.5$\n").verdict == "ok"
    assert last("$0.5 = 0.56$\n").verdict == "wrong"


LN2_60 = "0.693147180559945309417232121458176568075500134360255254120680"    # ln 2 to 60 decimals


def test_a_transcendental_value_agrees_with_its_correct_long_rounding():
    # ln 2 = 0.69314718055994530941723212145817656807550013436025525412068000949…: its 60-decimal
    # rounding lies within the error bound of the computed value (50 digits, bound ~1e-40) on either side
    assert last(f"$\\ln 2 = {LN2_60}$\n").verdict == "ok"
    assert last(f"${LN2_60} = \\ln 2$\n").verdict == "ok"


def test_a_transcendental_formula_with_a_rounded_name_uses_the_whole_range():
    # a ≈ 0.333 is 0.333 ± 0.0005: ln 2 + a lies in [1.0256472, 1.0266472]; 1.0257 is in it (near the
    # low end), 1.0255 is 0.00015 below it (more than 0.00005, more than one unit): wrong
    head = "$a \\approx 0.333$\n\n"
    assert last(head + "$\\ln 2 + a = 1.0257$\n").verdict == "ok"
    assert last(head + "$\\ln 2 + a = 1.0266$\n").verdict == "ok"
    assert last(head + "$\\ln 2 + a = 1.0255$\n").verdict == "wrong"


def test_a_whole_number_after_approx_rounds_a_formula():
    # 0.1 + 2.2 = 2.3, ≈ 2 (2 ± 0.5): ok; = 2 claims exactly 2: wrong
    assert last("$0.1 + 2.2 \\approx 2$\n").verdict == "ok"
    assert last("$0.1 + 2.2 = 2$\n").verdict == "wrong"


def test_a_formula_with_an_error_bound_equals_an_exact_formula():
    # √2·√2 is 2 (computed to 50 digits, with an error bound); 1 + 1 is exactly 2: they agree either way
    assert last("$\\sqrt{2} \\cdot \\sqrt{2} = 1 + 1$\n").verdict == "ok"
    assert last("$1 + 1 = \\sqrt{2} \\cdot \\sqrt{2}$\n").verdict == "ok"
    assert last("$1 + 1 = \\sqrt{2} \\cdot \\sqrt{3}$\n").verdict == "wrong"


def test_a_formula_that_cannot_be_evaluated_near_its_rounded_inputs_is_unparsed():
    # a ≈ 0.333 (± 0.0005) and the printed 0.333 (a rounded result: rule 3): a - 0.333 is 0 as printed
    # but negative at some of the ends of their ranges, where the square root has no real value
    r = last("$a \\approx 0.333$\n\n$\\sqrt{a - 0.333} = 0$\n")
    assert (r.verdict, r.reason) == ("unparsed", "not-read")
    assert r.detail.startswith("\\sqrt{a - 0.333}: cannot be evaluated near its printed inputs: ")


def test_too_many_rounded_inputs_are_refused_saying_how_many():
    names = ", ".join(f"$a_{{{k}}} \\approx 0.333$" for k in range(1, MAX_ROUNDED + 2))
    total = " + ".join(f"a_{{{k}}}" for k in range(1, MAX_ROUNDED + 2))
    r = last(f"{names}\n\n${total} + 1 = 101.233$\n")
    assert (r.verdict, r.reason) == ("unparsed", "not-read")
    assert r.detail == "a_{1} + a_{2} + a_{3} + a_{4} + a_{5} +…: 301 rounded inputs: too many to bound"


def test_several_undecided_comparisons_are_listed_apart():
    r = last(THIRD + "$0.33 \\cdot 3 = 1$ and $0.33 \\cdot 6 = 2$\n")
    assert (r.verdict, r.reason) == ("unchecked", "unknown-precision")
    assert ("which: 0.33 \\cdot 3 = 1 (ok with them read as rounded, wrong as exact); "
            "0.33 \\cdot 6 = 2 (ok with them read as rounded, wrong as exact); rounded inputs") in r.detail


def test_a_redefinition_beside_a_check_is_reported_with_it():
    # w = 1, then w = 0.5 (a second plain definition) on a line that also checks 1 + 1 = 2: the check
    # gives the verdict, and the new value is named in the detail
    r = last("$w = 1$\n\n$w = 0.5$ and $1 + 1 = 2$\n")
    assert r.verdict == "ok"
    assert r.detail == "1 comparison agrees; w = 0.5 here but 1 on line 1"


def test_a_slip_beside_an_undecided_comparison_names_it():
    r = last(THIRD + "$0.2748110836 = 0.274811083$ and $0.33 \\cdot 3 = 1$\n")
    assert r.verdict == "slip"
    assert "; not decided (exact data or a rounded result?): 0.33 \\cdot 3 = 1;" in r.detail


def test_a_checked_line_names_its_sides_without_a_value():
    r = last("$1 + 1 = 2$ and $q + 1 = 3$\n")
    assert r.verdict == "ok" and r.detail == "1 comparison agrees; sides without a value: q"


def test_a_line_of_several_formulas_shows_them_joined():
    res = A.audit_text("$1 + 1 = 2$ and $2 + 2 = 4$\n$3 + 3 = 6$ and $4 + 4 = 8$\n")
    assert [r.tex for r in res.lines] == ["1 + 1 = 2 ; 2 + 2 = 4", "3 + 3 = 6 ; 4 + 4 = 8"]


def test_a_value_rounded_in_steps_from_the_end_of_its_range_is_a_slip():
    # b ≈ 0.519 is 0.519 ± 0.0005: b/2 - 0.000252 lies in [0.258998, 0.259498]; 0.260 is 0.000502 above
    # it (more than half a unit), and 0.259498 → 0.2595 → 0.260 is a rounding in steps: a slip. From
    # the low end 0.258998 no rounding in steps gives 0.260
    r = last("$b \\approx 0.519$\n\n$\\frac{b}{2} - 0.000252 = 0.260$\n")
    assert r.verdict == "slip" and r.stated == "0.260"


def test_a_rounding_in_steps_goes_at_most_six_digits_further():
    # 0.2594444445 → 0.259444445 → 0.25944445 → … → 0.2595 → 0.260 (six digits more than 0.260): a slip;
    # 0.25944444445 needs seven: 0.260 is then 0.00056 from it, more than half a unit: wrong
    assert last("$0.2594444445 = 0.260$\n").verdict == "slip"
    assert last("$0.25944444445 = 0.260$\n").verdict == "wrong"


def test_a_comma_at_the_end_of_a_formula_ends_the_clause():
    # "$1 + 1 = 2,$": the comma ends a clause of the sentence (find._unbox), the number does not go on
    assert last("$1 + 1 = 2,$\n").verdict == "ok"
    assert last("$1 + 1 = 3,$\n").verdict == "wrong"
    r = last("$1 + 1 = 2,5$\n")           # a decimal comma: refused, never read as 2
    assert (r.verdict, r.reason) == ("unparsed", "not-read")


def test_a_decimal_comma_at_the_end_of_a_list_stays_in_its_chain():
    # "1 + 1 = 2 \text{ so } x = 2,5": two chains, the second refused (2,5: a decimal comma?)
    r = last("$1 + 1 = 2 \\text{ so } x = 2,5$\n")
    assert r.verdict == "unparsed" and r.detail.endswith("; the other sides agree (1 comparison)")
    r = last("$a = 1; b = 2,5$\n\n$a + 1 = 2$\n")          # a = 1 is read (and remembered) all the same
    assert r.verdict == "ok" and r.detail == "1 comparison agrees; uses a = 1 (line 1)"


def test_a_number_rounding_a_part_of_a_side_two_sides_before():
    # w = 0.12345 (data); 2 + 2w = 2(1 + w) = 2.2469; 1.123 rounds the part 1 + w = 1.12345 of the
    # second side (rule 4): 2·1.123 lies in [2.246, 2.2469], which meets both neighbours
    r = last("$w = 0.12345$\n\n$2 + 2 w = 2 (1 + w) = 2 \\cdot 1.123 = 2.246$\n")
    assert r.verdict == "ok" and "1.123: rounds a part of an earlier side (1.12345)" in r.detail


def test_a_vector_element_rounding_a_part_of_an_earlier_side():
    # the same in a vector: 2[1 + w; 1] = 2[1.123; 1], 1.123 rounding 1 + w = 1.12345 (rule 4)
    r = last("$w = 0.12345$\n\n$2 \\begin{bmatrix} 1 + w \\\\ 1 \\end{bmatrix} = "
             "2 \\begin{bmatrix} 1.123 \\\\ 1 \\end{bmatrix}$\n")
    assert r.verdict == "ok" and "1.123: rounds a part of an earlier side (1.12345)" in r.detail


def test_a_shorter_printing_of_the_same_result_is_that_result_once():
    # 1.1/2 = 0.55 stated ≈ 0.5500: 0.55 ± 0.00005 (rule 3); a later 0.550 is that same value: one origin
    r = last("$\\frac{1.1}{2} \\approx 0.5500$\n\n$0.550 \\cdot 2 = 1.10$\n")
    assert r.verdict == "ok" and r.rounded_inputs == ["0.550: 0.5500 ± 5e-05 (line 1)"]


# ---- the last survivors of the second sample (written by the lead)

def test_the_names_without_a_value_are_listed_with_commas():
    r = last("$y = w x + b = 2$\n")
    assert (r.verdict, r.reason, r.detail) == ("unchecked", "no-value", "no value for b, w, x")


def test_a_note_is_added_to_the_detail_of_an_ok_line():
    # log 1 = 0 whatever the base; the note says which logarithm was used
    r = last("$y = \\log 1 = 0$\n")
    assert r.verdict == "ok"
    assert r.detail == "1 comparison agrees; uses log read as the natural logarithm"


def test_a_name_between_two_names_is_still_a_plain_redefinition():
    # z = y = 0.7 defines z (and y) plainly: after z = 0.5, a second value or a mistake (reason "redefined")
    r = last("$$z = 0.5$$\n\n$$z = y = 0.7$$\n")
    assert (r.verdict, r.reason) == ("unchecked", "redefined")
    assert r.detail.startswith("z = 0.7 here but z = 0.5 on line 1")


def test_the_reading_taken_is_added_to_the_detail_of_an_ok_line():
    # [1, 2] · [3, 4] = [3, 8]: only the element-wise product has the shape of the stated side
    r = last("$[1, 2] \\cdot [3, 4] = [3, 8]$\n")
    assert r.verdict == "ok"
    assert r.detail == ("2 comparisons agree; read as: [1, 2] \\cdot [3, 4] as the element-wise product (the only "
                        "reading whose shapes fit the other sides)")


def test_a_chain_with_a_side_without_a_value_gives_its_name_no_value():
    # z = w x + b = 0.5 · 1.5 + 0.1 with x and b unknown: which side z equals cannot be checked, so z is not
    # remembered (0.85 would be a guess): 2 z = 1.9 stays unchecked ("no value for z"), never wrong
    text = "$w = 0.5$\n\n$$z = w x + b = 0.5 \\cdot 1.5 + 0.1$$\n\n$$y = 2 z = 1.9$$\n"
    r = last(text)
    assert (r.verdict, r.reason, r.detail) == ("unchecked", "no-value", "no value for z")


def test_an_undecided_line_says_why_in_words():
    # 0.0002 (one digit: data or a rounding of the part 0.00015138?) decides the comparison: unchecked
    r = last("$$L = \\frac{(0.9299 - 0.01)^2 + (1.0074 - 0.99)^2}{2} = 0.4231 + 0.0002 = 0.4233$$\n")
    assert (r.verdict, r.reason) == ("unchecked", "unknown-precision")
    assert r.detail.startswith("ambiguous: a number could be exact data or a rounded result, and the verdict "
                               "depends on which: ")
