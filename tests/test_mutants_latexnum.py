"""Tests that kill mutants of bpnn/articles/latexnum.py that the other tests let survive (scripts/mutation.py).

The reference for every value is arithmetic done by hand (in the comment), Python's own float
arithmetic on the same numbers written as Python, or sympy / mpmath for the exact values: never the
parser's earlier output.  The grammar is TeX's: ``-2^2`` is −(2²), ``2^{3^2}`` is 2⁹, juxtaposition
multiplies, ``/`` and ``\\div`` associate to the left.
"""
import math
from fractions import Fraction

import mpmath
import pytest
import sympy as sp

from bpnn.articles import latexnum
from bpnn.articles.latexnum import (
    MAX_DEPTH,
    MAX_TERMS,
    LatexError,
    Literal,
    bare_number,
    compile_side,
    literal_number,
    normalise_unicode,
)


def _value(tex, **names):
    return compile_side(tex).value({}, lambda n, occ: names[n])


def _exact(tex, **names):
    return compile_side(tex).exact(lambda n: Fraction(names[n]))


# ----------------------------------------------------------------------------- precedence (TeX's)
@pytest.mark.parametrize("tex, value", [
    ("-2^2", -4.0),                 # the minus applies to 2²
    ("2^{3^2}", 512.0),             # 2⁹
    ("-x^2", -9.0),                 # x = 3: −(3²)
    ("(-2)^2", 4.0),
    ("-(2)^2", -4.0),
    ("+2^2", 4.0),
    ("--2", 2.0),
    ("2 - -3", 5.0),
    ("2^-1", 0.5), ("2^{-1}", 0.5), ("2^+1", 2.0),
    ("2 \\cdot 3^2", 18.0),         # the power first
    ("2^2 \\cdot 3", 12.0),
    ("6/2/3", 1.0),                 # (6/2)/3
    ("6 \\div 2 \\div 3", 1.0),
    ("2-3-4", -5.0),                # (2−3)−4
    ("2 - 3 + 4", 3.0),
    ("1/2 x", 1.5),                 # (1/2)·x
    ("2x^2", 18.0),                 # 2·(x²)
    ("2(1 - 0.5)", 1.0),            # juxtaposition
    ("2 \\times 3 \\ast 4", 24.0),
    ("x_12", 6.0),                  # x_1 · 2 (TeX subscripts one character), x_1 = 3
    ("{2}^{3}", 8.0),
    ("[1 + 2] \\cdot 2", 6.0),
])
def test_precedence(tex, value):
    assert _value(tex, x=3.0, x_1=3.0) == value


def test_a_double_exponent_is_refused():
    for tex in ("2^2^2", "a^b^c", "2^{2}^{2}"):
        with pytest.raises(LatexError, match="double exponent"):
            compile_side(tex)


# ----------------------------------------------------------------------------- functions and commands
@pytest.mark.parametrize("tex, value", [
    (r"\frac12", 0.5), (r"\frac123", 1.5), (r"\frac{1}{4}", 0.25), (r"\dfrac{3}{4}", 0.75),
    (r"\tfrac{1}{8}", 0.125), (r"\cfrac{1}{2}", 0.5), (r"\frac1x", 1 / 3),
    (r"\sqrt{16}", 4.0), (r"\sqrt 4", 2.0), (r"\sqrt[3]{8}", 2.0), (r"\sqrt[2]{9}", 3.0),
    (r"\log_2 8", 3.0), (r"\log_{10} 1000", 3.0), (r"\log_e 1", 0.0), (r"\ln 1", 0.0), (r"\log(1)", 0.0),
    (r"\exp(0)", 1.0), (r"\exp 1", math.e), (r"\sin 0", 0.0), (r"\cos 0", 1.0), (r"\tan 0", 0.0),
    (r"\tanh(0.5)", math.tanh(0.5)), (r"\sinh(0.5)", math.sinh(0.5)), (r"\cosh(0.5)", math.cosh(0.5)),
    ("exp(2)", math.exp(2)), ("ln(2)", math.log(2)), ("sqrt(9)", 3.0), ("sigmoid(0)", 0.5),
    ("tanh(1)", math.tanh(1)), ("sin(1)", math.sin(1)), ("cos(1)", math.cos(1)), ("log(1)", 0.0),
    (r"\sigma(0)", 0.5), ("σ(2)", 1 / (1 + math.exp(-2))), ("|-2|", 2.0), (r"\|-3\|", 3.0),
    (r"\lvert -4 \rvert", 4.0), (r"\lVert -5 \rVert", 5.0), (r"\vert -6 \vert", 6.0), (r"\Vert -7 \Vert", 7.0),
    (r"\pi", math.pi), ("e", math.e), ("e^{1}", math.e), ("2e", 2 * math.e),
    (r"\sum_{i=1}^{3} i^2", 14.0), (r"\sum_{k=0}^{2} 2", 6.0), (r"\sum_{j=2}^{1} 5", 0.0),
    (r"\left( 2 \right) \cdot \bigl( 3 \bigr)", 6.0), (r"\displaystyle 2 + \quad 3", 5.0),
    (r"\mathbf{2} \cdot \text{3}", 6.0), (r"\boldsymbol{-0.5}", -0.5),
    (r"0.088 \text{ nats}", 0.088), (r"(2 \text{ (rounded)})", 2.0),
])
def test_commands_and_functions(tex, value):
    assert _value(tex, x=3.0) == pytest.approx(value, rel=1e-15, abs=1e-300)


def test_sigmoid_far_below_zero_is_zero_not_an_overflow():
    # e^{700} is finite, e^{701} overflows a double: below −700 the logistic function is 0 to double precision
    assert _value("sigmoid(-700)") == pytest.approx(1 / (1 + math.exp(700)), rel=1e-12)
    assert _value("sigmoid(-701)") == 0.0
    assert _value(r"\sigma(-1000)") == 0.0


def test_log_with_an_unsupported_base_and_the_natural_log_note():
    with pytest.raises(LatexError, match=r"\\log with base '3' is not supported"):
        compile_side(r"\log_3 9")
    assert compile_side(r"\log 2").notes == ("log read as the natural logarithm",)
    assert compile_side(r"\ln 2").notes == ()
    assert compile_side(r"\log_{10} 2 + \log_2 2").notes == ()


@pytest.mark.parametrize("tex, reason", [
    (r"\{ 1 \}", r"braces \\{ \\} \(a set\), not one number"),
    (r"\begin{pmatrix} 1 \end{pmatrix}", "a pmatrix environment"),
    (r"\lim x", "a limit is not evaluated"), (r"\max_{i} x_i", r"a \\max over an index"),
    (r"\int x", "an integral is not evaluated"), (r"\nabla x", r"a gradient \(\\nabla\) is not evaluated"),
    (r"\foo", r"\\foo is not supported"), (r"\sum x", "without numeric bounds"),
    (r"\sum_{i=1} x", "without an upper bound"), (r"\sum_{i=a}^{3} x", "bounds are not whole numbers"),
    (r"\sum_{i=1}^{n} x", "bounds are not whole numbers"), (r"\sum_{i=1}^{1001} i", "more than 1000 terms"),
    (r"\frac{\partial E}{w}", r"a \\partial over something that is not a \\partial"),
    ("1, 2", "a list or vector, not one number"), ("1; 2", "a ';' inside a formula"),
    ("(1, 2)", "a list or vector, not one number"), ("(1 + 2", "expected '\\)' but found 'the end'"),
    ("(1 + 2]", "expected '\\)' but found '\\]'"), ("1 +", "an operand is missing at the end"),
    ("1 + )", "unexpected '\\)'"), ("1 )", "unexpected '\\)'"), ("x_", "an argument is missing at the end"),
    ("x_{1", "unbalanced braces"), (r"\frac1{", "unbalanced braces|missing"), (r"\frac{1.5}2", None),
    (r"\frac 1.5", r"\\frac followed by '1.5' without braces"), (r"\|1", r"\\\| … is not closed"),
    (r"\text{ or }", "."), (r"0.5 \text{ or } 0.6", "."), (r"\text{a-b}", "."), (r"\text{ or } 0.6", "."),
    (r"2 \text{ and } x", "text inside the formula"), (r"\text{x y}", None), ("x^23", "several characters"),
    ("1.", "malformed number '1.'"), ("1e", None), ("2 3.5 4", None),
    ("1.5 2.5", "TeX shows '1.52.5', which is not a number"), ("1{,}000", "unexpected ','"),
    ("1234\\,567", "digits apart, neither one number nor two"),
    ("0.5 \\qquad 0.6", "two numbers set apart by a space"),
    ("#", "the character '#' is not supported|unexpected"), ("\u2603", "the character '\u2603' is not supported"),
])
def test_refusals_name_their_reason(tex, reason):
    if reason is None:      # refused or read: never a crash
        try:
            compile_side(tex)
        except LatexError:
            pass
        return
    with pytest.raises(LatexError, match=reason):
        compile_side(tex)


# ----------------------------------------------------------------------------- numbers as TeX shows them
@pytest.mark.parametrize("tex, value", [
    ("2 3", 23.0), ("1\\,000", 1000.0), ("12\\,345", 12345.0), ("1\\,000.5", 1000.5),
    ("123456\\,789", 123456789.0), ("1~000", 1000.0), ("1\\;000", 1000.0), ("1\\:000", 1000.0),
    ("1\\ 000", 1000.0), ("1\\, 000", 1000.0),
    ("1 2.5", 12.5), ("1.5 2", 1.52),
])
def test_numbers_joined_as_tex_sets_them(tex, value):
    assert _value(tex) == value


def test_literal_numbers():
    lit = literal_number("0.865")
    assert lit == Literal("0.865", 0.865, 3) and lit.half_unit == pytest.approx(0.0005, rel=1e-15)
    assert literal_number("1.50").decimals == 2 and literal_number("1e-3").decimals == 3
    assert literal_number("1.5e2").decimals == 0 and literal_number("25e-2").value == 0.25
    assert literal_number("0.1").exact == Fraction(1, 10)
    assert literal_number("3").whole and not literal_number("3.0").whole and not literal_number("3e2").whole
    with pytest.raises(LatexError, match="malformed number 'x'"):
        literal_number("x")
    with pytest.raises(LatexError, match="the number 1e400 is too large for a float"):
        literal_number("1e400")
    with pytest.raises(LatexError, match="the number 1e-400 is too small for a float"):
        literal_number("1e-400")
    assert literal_number("0.000").value == 0.0          # zero itself is not "too small"
    assert literal_number("1e-320").value == 1e-320      # subnormal: still a float


def test_bare_numbers():
    assert bare_number("-0.049") == (-1, literal_number("0.049"))
    assert bare_number(" + 3 ") == (1, literal_number("3"))
    assert bare_number("−0.5") == (-1, literal_number("0.5"))          # the Unicode minus
    assert bare_number("1\\,000") == (1, literal_number("1000"))
    assert bare_number("- 1\\,000") == (-1, literal_number("1000"))
    assert bare_number("+ 2~000") == (1, literal_number("2000"))
    assert bare_number("x") is None and bare_number("1 + 2") is None and bare_number("2x") is None
    assert bare_number("1\\,000 + 1") is None
    # a number spread by spaces is looked at up to 200 characters of text; longer text is no bare number
    s = "1" + " " * 196 + "000"              # TeX shows 1000
    assert len(s) == 200 and bare_number(s) == (1, literal_number("1000"))
    assert bare_number(" " + s) is None


def test_normalise_unicode():
    assert normalise_unicode("abc") == "abc"
    assert normalise_unicode("x²") == "x^{2}" and normalise_unicode("x₁₂") == "x_{12}"
    assert normalise_unicode("x⁽²⁾") == "x^{(2)}" and normalise_unicode("x⁻¹") == "x^{-1}"
    assert normalise_unicode("2×3") == r"2 \times 3" and normalise_unicode("½") == "{(1/2)}"
    assert _value("½ + ¼ + ¾") == 1.5 and _value("6 ÷ 4") == 1.5 and _value("2 ⋅ 3 · 4 ∙ 5") == 120.0
    assert _value("3 – 1 — 1 − 1") == 0.0 and _value("（2）") == 2.0


# ----------------------------------------------------------------------------- names, calls and the letter e
def test_names_calls_and_functions_are_collected():
    s = compile_side(r"a(1 - a) + \exp(w_1) \cdot \sigma(z) + f(x) + |y|")
    assert s.names == {"a", "w_1", "z", "x", "y"} and s.calls == {"a", "f"}
    assert s.functions == {"exp", "sigmoid", "abs"} and s.uses_sigmoid
    assert s.unresolved({"a": 1, "w_1": 1, "z": 1, "x": 1, "y": 1}) == ["f(…)"]
    assert s.unresolved({"f": 1}) == ["a", "a(…)", "w_1", "x", "y", "z"]
    assert not compile_side("exp(1)").uses_sigmoid


def test_names_in_fonts_decorations_and_greek():
    assert compile_side(r"\hat{y}").tree == ["s", r"\hat{y}"]
    assert compile_side(r"\bar{x}_1").tree == ["s", r"\bar{x}_1"]
    assert compile_side(r"\delta_7").tree == ["s", "delta_7"]
    assert compile_side(r"\eta").tree == ["s", "eta"]
    assert compile_side(r"\pi_\theta").tree == ["s", "pi_theta"]
    assert compile_side(r"\pi_\text{ref}").tree == ["s", "pi_ref"]
    assert compile_side(r"w'").tree == ["s", "w'"] and compile_side(r"w^T").tree == ["s", "w^T"]
    assert compile_side(r"\text{out}_{h1}").tree == ["s", "out_h1"]
    assert compile_side(r"\frac{\partial E}{\partial w_5}").tree == ["s", r"\frac{\partial E}{\partial w_5}"]
    assert compile_side(r"\frac{dE}{dw}").tree[0] == "s"
    assert compile_side("w6").tree == ["s", "w_6"] and compile_side("w6+").tree == ["s", "w_6^+"]
    assert compile_side("x^{new}").tree == ["s", "x^new"]


def test_a_name_with_a_value_before_a_parenthesis_multiplies():
    assert _value("a(1 - a)", a=0.25) == 0.1875            # 0.25 · 0.75
    s = compile_side("g(2)")
    assert s.calls == {"g"} and s.names == set()
    with pytest.raises(ValueError):                          # a function without a value: no number
        s.value({}, lambda n, occ: (_ for _ in ()).throw(ValueError("no value")))


def test_occurrences_are_counted_in_reading_order():
    seen = []
    compile_side("a + b \\cdot a + c(1)").value({}, lambda n, occ: seen.append((n, occ)) or 1.0)
    assert seen == [("a", 1), ("b", 2), ("a", 3), ("c", 4)]


def test_bound_sum_variables_are_values_not_names():
    s = compile_side(r"\sum_{i=1}^{2} i \cdot x")
    assert s.names == {"x"}
    assert s.value({}, lambda n, occ: 10.0) == 30.0          # 1·10 + 2·10


@pytest.mark.parametrize("tex, kinds", [
    ("e", set()), ("2e", {"bare"}), ("e \\cdot x", {"bare"}), ("e^2", {"whole-power"}), ("e^{-z}", {"euler"}),
    ("e^{0.5}", {"euler"}), ("e^{2.0}", {"euler"}), ("1 + e^{2} + e^{-1}", {"whole-power", "euler"}),
    ("2e + e^{x}", {"bare", "euler"}), ("\\exp(1)", set()), ("x", set()), ("(e)^{x}", {"bare", "euler"}),
])
def test_the_letter_e(tex, kinds):
    s = compile_side(tex)
    assert s.e_kinds == frozenset(kinds) or tex in ("e", "(e)^{x}")
    assert s.uses_e == (tex not in ("\\exp(1)", "x"))


def test_a_lone_e_is_a_name_and_can_be_read_as_one():
    assert compile_side("e").lone_e and not compile_side("2e").lone_e and not compile_side("e_1").lone_e
    s = compile_side("2e + e^{x}").with_named_e()
    assert "e" in s.names and not s.uses_e and s.value({}, lambda n, o: {"e": 3.0, "x": 2.0}[n]) == 15.0
    t = compile_side("f(e) + |e| + \\sqrt{e}").with_named_e()
    assert t.value({}, lambda n, o: 4.0) == 16.0 + 4.0 + 2.0
    assert compile_side("e_1 + e'").names == {"e_1", "e'"}


# ----------------------------------------------------------------------------- evaluation
def test_evaluation_errors():
    with pytest.raises(ZeroDivisionError):
        _value("0^{-1}")
    with pytest.raises(ValueError, match="not a real number"):
        _value("(0 - 8)^{0.5}")
    with pytest.raises(OverflowError):
        _value("10^{400}")
    with pytest.raises(OverflowError):
        _value("x \\cdot 1e300", x=1e300)
    with pytest.raises(OverflowError):
        _value("1e308 + 1e308")
    with pytest.raises(OverflowError):
        _value("g(1e300)", g=1e300)
    with pytest.raises(OverflowError):
        _value("\\exp(1000)")
    assert _value("0^{0}") == 1.0 and _value("0^{2}") == 0.0


def test_printed_numbers_can_be_replaced_by_slot():
    s = compile_side("0.5 + 0.25 \\cdot 4")
    assert [lit.text for lit in s.literals] == ["0.5", "0.25", "4"]
    assert s.value({1: 0.5}, None) == 2.5 and s.value({0: 1.0, 2: 2.0}, None) == 1.5


def test_exact_values_are_fractions():
    assert _exact("0.1 + 0.2") == (Fraction(3, 10), 0)
    v, err = _exact("2^{53} + 1")
    assert v == 2 ** 53 + 1 and err == 0 and v % 2 == 1
    assert _exact("x / 3", x=Fraction(1)) == (Fraction(1, 3), 0)
    assert _exact("2^{-2} - |0 - 0.5|") == (Fraction(-1, 4), 0)
    assert _exact("g(3)", g=Fraction(1, 2)) == (Fraction(3, 2), 0)
    assert _exact(r"\sum_{i=1}^{3} i") == (Fraction(6), 0)


@pytest.mark.parametrize("tex, reference", [
    ("e^{0.5}", lambda m: m.exp(m.mpf(1) / 2)), (r"\sqrt{2}", lambda m: m.sqrt(2)), ("2^{0.5}", lambda m: m.sqrt(2)),
    (r"\pi", lambda m: m.pi), (r"\ln 3", lambda m: m.log(3)), (r"\log_{10} 3", lambda m: m.log10(3)),
    (r"\log_2 3", lambda m: m.log(3, 2)), ("sigmoid(1)", lambda m: 1 / (1 + m.exp(-1))), (r"\sin 1", lambda m: m.sin(1)),
    (r"\cos 1", lambda m: m.cos(1)), (r"\tan 1", lambda m: m.tan(1)), (r"\tanh 1", lambda m: m.tanh(1)),
    (r"\sinh 1", lambda m: m.sinh(1)), (r"\cosh 1", lambda m: m.cosh(1)), ("2e", lambda m: 2 * m.e),
    ("|1 - e|", lambda m: m.e - 1), ("0.1 \\cdot e", lambda m: m.e / 10), ("g(e)", lambda m: 2 * m.e),
    ("2^{0.5} \\cdot 10^{30}", lambda m: m.sqrt(2) * m.mpf(10) ** 30),
])
def test_exact_values_of_transcendental_formulas_are_bounded(tex, reference):
    """mpmath at 70 digits is the reference; the error bound must cover the difference and be tight (about
    10^-40 of the largest magnitude met)."""
    with mpmath.workdps(70):
        ref = reference(mpmath.mp)
        refq = Fraction(mpmath.nstr(ref, 70, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))
    v, err = compile_side(tex).exact(lambda n: Fraction(2))
    assert 0 < err <= Fraction(1, 10 ** 38) * max(abs(refq), 3)
    assert abs(v - refq) <= err + abs(refq) / 10 ** 65


def test_huge_powers_are_computed_by_mpmath():
    v, err = compile_side("3^{100001}").exact(lambda n: Fraction(0))
    assert err > 0 and abs(v / Fraction(3) ** 100001 - 1) < Fraction(1, 10 ** 40)


def test_exact_nodes_are_the_values_of_every_part():
    nodes = []
    v, err = compile_side("0.5 \\cdot (1 + 0.25)").exact(lambda n: Fraction(0), nodes)
    assert v == Fraction(5, 8) and err == 0
    # every sub-formula, and the product distributed over the sum: 0.5 · 1 and 0.5 · 0.25
    assert nodes == [Fraction(1, 2), Fraction(1), Fraction(1, 4), Fraction(5, 4), Fraction(1, 2), Fraction(1, 8),
                     Fraction(5, 8)]
    nodes = []
    v, err = compile_side("x + e^{0}").exact(lambda n: Fraction(1, 3), nodes)
    assert abs(v - Fraction(4, 3)) <= err
    assert nodes[0] == Fraction(1, 3) and Fraction(1) in nodes and all(isinstance(x, Fraction) for x in nodes)


def test_exact_refuses_what_has_no_real_value():
    with pytest.raises(ZeroDivisionError):
        _exact("0^{-1}")
    with pytest.raises(ZeroDivisionError):
        _exact("0^{-0.5}")
    with pytest.raises(ValueError, match="not a finite real number"):
        _exact("(0 - 1)^{0.5}")
    with pytest.raises(ValueError, match="not a finite real number"):
        _exact(r"\ln 0")
    with pytest.raises(ValueError, match=r"has no value"):
        compile_side("f(2)").exact(lambda n: (_ for _ in ()).throw(ValueError(f"{n}(…) has no value")))


def test_rational_powers_beyond_the_bit_budget_go_to_mpmath():
    # 3^(2·10^5) has about 317 000 bits: beyond _MAX_BITS, so mpmath computes it (with an error bound)
    v, err = _exact("3^{200000}")
    assert err > 0 and abs(v / Fraction(3) ** 200000 - 1) < Fraction(1, 10 ** 40)
    v, err = _exact("3^{1000}")
    assert err == 0 and v == 3 ** 1000
    big = " \\cdot ".join(["3^{1000}"] * 130)    # 130 · 1585 bits > 200 000: the product stops being exact
    v, err = _exact(big)
    assert err > 0 and abs(v / Fraction(3) ** 130000 - 1) < Fraction(1, 10 ** 38)


def test_mpf_fraction_is_exact():
    mp = latexnum._mp()
    assert latexnum._mpf_fraction(mp.mpf("0.5")) == Fraction(1, 2)
    assert latexnum._mpf_fraction(mp.mpf(-3)) == -3
    assert latexnum._mpf_fraction(mp.mpf(1) / 3) != Fraction(1, 3)        # a binary fraction near 1/3
    assert abs(latexnum._mpf_fraction(mp.mpf(1) / 3) - Fraction(1, 3)) < Fraction(1, 10 ** 49)


def test_the_exact_values_agree_with_sympy_on_a_formula_of_the_worked_example():
    tex = r"\frac{1}{1 + e^{-0.3775}} \cdot (1 - 0.75136507)"
    v, err = compile_side(tex).exact(lambda n: Fraction(0))
    ref = sp.Rational(1) / (1 + sp.exp(-sp.Rational(3775, 10000))) * (1 - sp.Rational(75136507, 10 ** 8))
    refq = Fraction(str(sp.N(ref, 60)))
    assert abs(v - refq) <= err + Fraction(1, 10 ** 55)


# ----------------------------------------------------------------------------- limits, at their value
def test_a_product_of_exactly_max_terms_factors_is_read_and_one_more_is_refused():
    assert MAX_TERMS == 5000
    assert _value(" \\cdot ".join(["1"] * 5000)) == 1.0
    with pytest.raises(LatexError, match="more than 5000 factors in one product"):
        compile_side(" \\cdot ".join(["1"] * 5001))


def test_a_sum_of_exactly_one_thousand_terms():
    assert _value(r"\sum_{i=1}^{1000} i") == 500500.0          # n(n+1)/2
    assert _value(r"\sum_{i=0}^{999} 1") == 1000.0
    with pytest.raises(LatexError, match="more than 1000 terms"):
        compile_side(r"\sum_{i=0}^{1000} 1")


def test_sixty_thousand_symbols_and_no_more():
    tex = "-" + "1+" * 29_999 + "1"          # 1 + 2·29 999 + 1 = 60 000 symbols; −1 + 29 999 ones
    assert _value(tex) == 29_998.0
    with pytest.raises(LatexError, match="more than 60000 symbols in one formula"):
        compile_side("--" + "1+" * 29_999 + "1")


def test_formulas_of_exactly_200000_characters():
    tex = " " * 199_999 + "1"
    assert _value(tex) == 1.0
    with pytest.raises(LatexError, match="more than 200 000 characters"):
        compile_side(" " + tex)


def test_nesting_depth_at_the_limit():
    """Each level of the grammar counts: an expression (1), a power (1), and per pair of parentheses the
    group (1), its expression (1) and the power inside (1): k parentheses around 2 nest 2 + 3k deep, and a
    leading minus adds one.  19 pairs with a minus: 60 = MAX_DEPTH (read); 20 pairs: 62 (refused)."""
    assert MAX_DEPTH == 60
    assert _value("-" + "(" * 19 + "2" + ")" * 19) == -2.0
    with pytest.raises(LatexError, match="nested more than 60 levels deep"):
        compile_side("(" * 20 + "2" + ")" * 20)
    with pytest.raises(LatexError, match="nested more than 60 levels deep"):
        compile_side("--" + "(" * 19 + "2" + ")" * 19)


def test_the_parse_cache_returns_the_same_side():
    assert compile_side("1 + 2") is compile_side("1 + 2")
    with pytest.raises(LatexError, match="empty expression"):
        compile_side("   ")


def test_two_thousands_separators():
    assert _value(r"1\,000\,000") == 1_000_000.0
    assert _value(r"12\,345\,678") == 12_345_678.0


def test_a_trailing_tag_is_no_factor():
    assert _value(r"0.75 \tag{1}") == 0.75


# ----------------------------------------------------------------------------- exact values: more cases
def test_a_number_in_e_notation_is_exact():
    # 2.5e-3 = 25/10 000 = 1/400; 1E2 = 100 (either case of the e)
    assert literal_number("2.5e-3").exact == Fraction(1, 400)
    assert literal_number("1E2").exact == 100
    assert _exact("2.5e-3 + 1.5E1") == (Fraction(1, 400) + 15, 0)


@pytest.mark.parametrize("tex, value", [
    (r"\sqrt{\frac{9}{4}}", Fraction(3, 2)),      # 3²/2²
    (r"\sqrt{0.25}", Fraction(1, 2)),
    (r"\sqrt{0}", Fraction(0)), (r"1 + \sqrt{0}", Fraction(1)),     # √0 = 0 exactly, within a sum too
    (r"\sqrt{1}", Fraction(1)),
    (r"\log_{10} 1000", Fraction(3)),             # 10³
    (r"\log_{10} 0.001", Fraction(-3)),           # 10⁻³
    (r"\log_{10} 1", Fraction(0)),
    (r"\log_2 8", Fraction(3)),                   # 2³
    (r"\log_2 \frac{1}{8}", Fraction(-3)),
    (r"\log_2 1", Fraction(0)),
    (r"\log_{10} 10^{400}", Fraction(400)),       # far beyond a float, still exact
    (r"\log_2 2^{4095}", Fraction(4095)),         # 4096 bits: the largest power looked at
    (r"\exp(0)", Fraction(1)), (r"\ln 1", Fraction(0)), (r"\sin 0", Fraction(0)), (r"\cos 0", Fraction(1)),
    (r"\tan 0", Fraction(0)), (r"\tanh 0", Fraction(0)), (r"\sinh 0", Fraction(0)), (r"\cosh 0", Fraction(1)),
    ("sigmoid(0)", Fraction(1, 2)), (r"\sigma(0)", Fraction(1, 2)),
    (r"\frac{1}{1 + e^{0}}", Fraction(1, 2)),     # e⁰ = 1 exactly
    (r"\frac{1}{1 + e^{-0}} - e^{1 - 1}", Fraction(-1, 2)),
])
def test_functions_at_their_rational_points_are_exact(tex, value):
    assert _exact(tex) == (value, 0)


def test_a_logarithm_of_a_power_beyond_4096_bits_is_computed_by_mpmath():
    # 2^4096 has 4097 bits: no longer factored exactly, but the value is still 4096 within its bound
    v, err = _exact(r"\log_2 2^{4096}")
    assert err > 0 and abs(v - 4096) <= err and abs(v - 4096) < Fraction(1, 10 ** 40)
    v, err = _exact(r"\log_{10} 3")                  # not a power of ten: irrational
    with mpmath.workdps(70):
        ref = Fraction(mpmath.nstr(mpmath.log10(3), 60))
    assert err > 0 and abs(v - ref) < Fraction(1, 10 ** 40)


def test_logarithms_and_roots_without_a_real_value():
    with pytest.raises(ValueError, match="not a finite real number"):
        _exact(r"\log_{10} 0")
    with pytest.raises(ValueError, match="not a finite real number"):
        _exact(r"\log_2 0")
    with pytest.raises(ValueError, match="not a finite real number"):
        _exact(r"\sqrt{0 - 4}")


def test_exact_special_refuses_what_it_does_not_know():
    with pytest.raises(latexnum._NotRational):
        latexnum._exact_special("erf", [Fraction(0)])
    with pytest.raises(latexnum._NotRational):
        latexnum._exact_special("sqrt", [Fraction(1), Fraction(4)])
    with pytest.raises(latexnum._NotRational):
        latexnum._exact_special("sqrt", [Fraction(2)])


def test_rational_powers_up_to_200000_bits_are_exact():
    # the budget counts the bits of the base (3: 2 bits, over 1: 1 bit) times the exponent:
    # 3 · 66 666 = 199 998 is within 200 000, 3 · 66 667 = 200 001 is not
    v, err = _exact("3^{66666}")
    assert err == 0 and v == 3 ** 66666
    v, err = _exact("3^{66667}")
    assert err > 0 and abs(v / Fraction(3) ** 66667 - 1) < Fraction(1, 10 ** 40)


def test_transcendental_exact_values_use_every_function():
    with mpmath.workdps(70):
        for tex, ref in [(r"\exp(0.5)", mpmath.exp(mpmath.mpf(1) / 2)), ("exp(1)", mpmath.e),
                         (r"\pi + 0^{0}", mpmath.pi + 1), (r"0^{0} \cdot \sqrt{2}", mpmath.sqrt(2))]:
            refq = Fraction(mpmath.nstr(ref, 70, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))
            v, err = _exact(tex)
            assert 0 < err and abs(v - refq) <= err + Fraction(1, 10 ** 60), tex


def test_the_error_bound_scales_with_the_largest_magnitude_met():
    # sin(0.001): every value met is below 0.001 (the literal 0.001 and sin 0.001 ≈ 0.000999999833),
    # so the bound is about 0.001 · 10^-40, far below 10^-40
    with mpmath.workdps(70):
        refq = Fraction(mpmath.nstr(mpmath.sin(mpmath.mpf(1) / 1000), 70, min_fixed=-mpmath.inf,
                                    max_fixed=mpmath.inf))
    v, err = _exact(r"\sin 0.001")
    assert 0 < err < Fraction(1, 10 ** 42) and abs(v - refq) <= err


def test_a_call_in_a_transcendental_formula_uses_the_value_of_its_name():
    # g = 3: g(π) = 3π; the names are looked up by name (a dict, not a constant)
    v, err = compile_side(r"g(\pi)").exact(lambda n: {"g": Fraction(3)}[n])
    with mpmath.workdps(70):
        refq = Fraction(mpmath.nstr(3 * mpmath.pi, 70, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))
    assert err > 0 and abs(v - refq) <= err


def test_the_nodes_of_a_transcendental_formula_keep_names_and_numbers_exact():
    nodes = []
    v, err = compile_side(r"x + \pi").exact(lambda n: {"x": Fraction(1, 3)}[n], nodes)
    assert err > 0 and nodes[0] == Fraction(1, 3)       # 1/3 itself, not its nearest binary fraction
    with mpmath.workdps(70):
        pi = Fraction(mpmath.nstr(mpmath.pi, 60))
    assert abs(v - Fraction(1, 3) - pi) < Fraction(1, 10 ** 40)
    nodes = []
    compile_side(r"0.1 \cdot \pi").exact(lambda n: Fraction(0), nodes)
    assert nodes[0] == Fraction(1, 10)


# ----------------------------------------------------------------------------- reading: more cases
def test_a_fraction_that_only_looks_like_a_derivative_on_one_side_is_a_quotient():
    # d·x/2 with d = 3, x = 4: 6; 1/dt with dt = 8 (one name): 1/8
    assert _value(r"\frac{d x}{2}", d=3.0, x=4.0) == 6.0
    assert _value(r"\frac{1}{dt}", dt=8.0) == 0.125
    assert compile_side(r"\frac{d x}{2}").names == {"d", "x"}


def test_a_thin_space_before_a_number_in_e_notation_is_no_thousands_separator():
    # 2 · 1e3 = 2000: only plain digit groups set apart are refused
    assert _value(r"2\,1e3") == 2000.0
    with pytest.raises(LatexError, match="digits apart"):
        compile_side(r"12\,34")


def test_reading_the_letter_e_as_a_name_keeps_the_other_constants():
    # e = 0.5: 2 − e = 1.5 (the −1 of the minus stays −1); π·e = π/2
    s = compile_side("2 - e").with_named_e()
    assert s.value({}, lambda n, o: {"e": 0.5}[n]) == 1.5
    t = compile_side(r"\pi \cdot e").with_named_e()
    assert t.value({}, lambda n, o: {"e": 0.5}[n]) == math.pi / 2
    assert t.names == {"e"}
    u = compile_side("f(e)").with_named_e()                 # f = 2, e = 3: the call keeps its name
    assert u.calls == {"f"} and u.value({}, lambda n, o: {"f": 2.0, "e": 3.0}[n]) == 6.0


def test_a_plain_text_updated_weight_in_parentheses():
    # w6+ is the updated weight w_6^+, also before a closing parenthesis
    s = compile_side("2(w6+)")
    assert s.calls == set() and s.names == {"w_6^+"}
    assert s.value({}, lambda n, o: {"w_6^+": 0.25}[n]) == 0.5


def test_words_in_an_mbox_are_refused_like_words_in_text():
    with pytest.raises(LatexError, match=r"text inside the formula \('and'\)"):
        compile_side(r"2 \mbox{ and } x")
    with pytest.raises(LatexError, match=r"text inside the formula \('and'\)"):
        compile_side(r"2 \textrm{ and } x")


def test_a_name_in_a_font_that_starts_with_a_capital_x_is_a_name():
    assert compile_side(r"\mathbf{X1}").tree == ["s", "X1"]
    assert compile_side(r"\mathrm{X2} + 1").names == {"X2"}
    assert _value(r"\mathbf{-2}") == -2.0 and _value(r"\text{+3}") == 3.0   # a signed number in a font


def test_nested_exponents_at_the_depth_limit():
    """An expression (1) and a power (1), then per braced exponent its expression (1) and power (1):
    k nested exponents nest 2 + 2k deep.  29: 60 = MAX_DEPTH (read, 1^{1^{…}} = 1); 30: 62 (refused)."""
    assert _value("1^{" * 29 + "1" + "}" * 29) == 1.0
    with pytest.raises(LatexError, match="nested more than 60 levels deep"):
        compile_side("1^{" * 30 + "1" + "}" * 30)


def test_a_function_in_parentheses_then_a_power_is_the_power_of_the_function():
    # \sin(0.5)^2 is (sin 0.5)², \exp(1)^2 is e², not exp(1²)
    assert _value(r"\sin(0.5)^2") == pytest.approx(math.sin(0.5) ** 2, rel=1e-15)
    assert _value(r"\exp(1)^2") == pytest.approx(math.e ** 2, rel=1e-15)
    assert _value("exp(1)^2") == pytest.approx(math.e ** 2, rel=1e-15)


def test_the_sum_refusals_say_exactly_why():
    with pytest.raises(LatexError, match=r"^a \\sum without numeric bounds is not evaluated$"):
        compile_side(r"\sum x")
    with pytest.raises(LatexError, match=r"^a \\sum without an upper bound is not evaluated$"):
        compile_side(r"\sum_{i=1} x")


def test_the_index_of_a_sum_is_a_name_again_after_the_sum():
    # \sum_{i=1}^{2} i is 1 + 2; the i after it is a quantity of the article (10): 3 + 10
    s = compile_side(r"\sum_{i=1}^{2} i + i")
    assert s.names == {"i"}
    assert s.value({}, lambda n, o: {"i": 10.0}[n]) == 13.0


def test_a_letter_set_apart_from_a_number_multiplies_it():
    # plain-text w6 is the name w_6; x\,2 (a space between) is x · 2
    assert _value(r"x \, 2", x=3.0) == 6.0
    assert _value(r"x\;4", x=3.0) == 12.0
    assert compile_side(r"x \, 2").names == {"x"}


def test_tags_and_labels_in_every_form_take_no_part_in_the_value():
    assert _value(r"0.75 \tag*{2}") == 0.75              # a starred tag: still no factor 2
    assert _value(r"0.75 \tag{(2)}") == 0.75             # a tag with its own parentheses
    assert _value(r"0.75 \label{eq:loss}") == 0.75       # a label with a colon
    assert _value(r"0.5 \label{a-b} + 0.25") == 0.75


def test_numbers_of_forty_characters_and_more():
    # read through Decimal: the decimals are still the printed ones
    lit = literal_number("0." + "1234567890" * 4)       # 42 characters, 40 decimals
    assert lit.decimals == 40 and lit.value == pytest.approx(0.123456789, rel=1e-9)
    assert lit.exact == Fraction(1234567890123456789012345678901234567890, 10 ** 40)
    big = literal_number("1" + "0" * 45)                # 10^45, a whole number
    assert big.decimals == 0 and big.value == 1e45 and big.exact == 10 ** 45
    # 5000…0e-42 (40 digits) is 0.005, its last printed digit in the place of 10^-42
    lit = literal_number("5" + "0" * 39 + "e-42")
    assert lit.decimals == 42 and lit.exact == Fraction(5, 1000)


def test_names_in_bases_and_exponents_are_collected():
    s = compile_side("x^{2} + y^{z} + 2^{w}")
    assert s.names == {"x", "y", "z", "w"}
    assert s.unresolved({"x": 1, "z": 1}) == ["w", "y"]


def test_symbols_that_end_a_product_name_themselves_when_refused():
    # after a number, \approx and an ellipsis end the formula's one value: the refusal names them
    with pytest.raises(LatexError, match=r"^unexpected '\\\\approx'$"):
        compile_side(r"2 \approx 3")
    with pytest.raises(LatexError, match=r"^unexpected '\\\\ldots'$"):
        compile_side(r"1 + 2 \ldots")
    with pytest.raises(LatexError, match=r"^unexpected '\\\\dots'$"):
        compile_side(r"1 + 2 \dots")
    with pytest.raises(LatexError, match=r"^an elided term \(\\cdots\) is not evaluated$"):
        compile_side(r"1 + \cdots")


def test_refusal_messages_word_for_word():
    with pytest.raises(LatexError, match=r"^braces \\{ \\} \(a set\), not one number$"):
        compile_side(r"\{ 1 \}")
    with pytest.raises(LatexError, match="^a list or vector, not one number$"):
        compile_side("1, 2")
    with pytest.raises(LatexError, match="^a ';' inside a formula$"):
        compile_side("1; 2")


def test_a_signed_product_set_in_a_font_is_read_as_arithmetic():
    # \mathbf{-2x} with x = 3: −2 · 3 = −6
    assert _value(r"\mathbf{-2x}", x=3.0) == -6.0
    assert _value(r"\boldsymbol{+3y}", y=0.5) == 1.5


def test_a_plain_text_star_multiplies_and_a_slash_divides():
    assert _value("2 * 4") == 8.0
    assert _value("3*x", x=0.5) == 1.5
    assert _value("2 * 4 / 8 * 3") == 3.0               # ((2·4)/8)·3


@pytest.mark.parametrize("tex", [r"0.75 \tag 1", r"0.75 \tag{1}", r"0.75 \tag*{A}", r"0.75 \label{eq:a}", r"0.75 \tag 12"])
def test_an_equation_number_takes_no_part_in_the_value(tex):
    """\\tag 1 without braces, ending a formula, was read as a factor 0 (0.75 \\tag 1 was 0)."""
    from bpnn.articles.latexnum import compile_side

    assert compile_side(tex).exact(lambda name: None) == (Fraction(3, 4), 0)


@pytest.mark.parametrize("tex", [r"0.75 \tag a", r"0.75 \label x", r"0.75 \tag{1", r"0.75 \tag"])
def test_an_equation_number_that_cannot_be_set_apart_is_refused(tex):
    from bpnn.articles.latexnum import LatexError, compile_side

    with pytest.raises(LatexError, match="tag|label|argument"):
        compile_side(tex).value({}, {})


# ----------------------------------------------------------------------------- second sample of survivors
def test_a_font_command_inside_a_subscript_is_not_part_of_the_name():
    # w_{\text{out}} is the weight w_out, as w_{out} is; \mathrm likewise
    assert compile_side(r"w_{\text{out}}").names == {"w_out"}
    assert compile_side(r"w_{\mathrm{h1}}").names == {"w_h1"}


def test_a_power_with_an_exponent_beyond_100000_is_left_to_mpmath():
    # 0^{100000}: a whole exponent at the limit, exactly 0 with no error; one past it the value
    # is computed by mpmath, whose error bound is the largest magnitude met (100001) × 10^-40
    assert compile_side("0^{100000}").exact(lambda n: None) == (Fraction(0), Fraction(0))
    assert compile_side("0^{100001}").exact(lambda n: None) == (Fraction(0), Fraction(100001, 10 ** 40))


def test_zero_with_an_exponent_beyond_decimals_range_is_still_zero():
    # 0 × 10^(10^20) is 0, printed as a whole number (no decimals)
    lit = literal_number("0e" + "9" * 20)
    assert lit.value == 0.0 and lit.decimals == 0


def test_a_product_beyond_a_floats_range_is_refused_by_name():
    with pytest.raises(OverflowError, match="^too large for a float$"):
        _value(r"1e308 \cdot 10")


def test_sums_of_20000_terms_in_all_are_read_and_one_more_is_refused():
    twenty = " + ".join([r"\sum_{i=1}^{1000} i"] * 20)      # 20 · (1000 · 1001 / 2)
    assert _value(twenty) == 20 * 500500
    with pytest.raises(LatexError, match=r"^nested \\sum of more than 20000 terms in all$"):
        compile_side(twenty + r" + \sum_{i=1}^{1} i")


def test_a_conditional_probability_with_a_bracket_group_is_one_name():
    assert compile_side("P(y|[x])").names == {"P(y|[x])"}


def test_a_decorating_superscript_with_blanks_in_it():
    # w_5^{2 +}: the decoration 2+ (as w_5^{2+}), not a power
    assert compile_side(r"w_5^{2 +}").names == {"w_5^2+"}


def test_text_after_an_odd_character_is_refused_not_skipped():
    # \text- is \text applied to "-": no name, no remark; {nats} after it is not its argument
    with pytest.raises(LatexError, match=r"^text inside the formula \('-'\)$"):
        compile_side(r"0.5 \text-{ nats}")


def test_a_trailing_remark_with_punctuation_is_passed_over():
    assert _value(r"0.5 \text{(rounded)}") == 0.5
    assert _value(r"0.5 \mbox{ nats}") == 0.5


def test_a_bracket_after_a_number_multiplies():
    assert _value("2[1 + 2]") == 6.0


def test_closing_bars_and_arrows_without_their_opening_are_refused_as_unexpected():
    with pytest.raises(LatexError, match=r"^unexpected '\\\\rvert'$"):
        compile_side(r"2 \rvert")
    with pytest.raises(LatexError, match=r"^unexpected '\\\\rVert'$"):
        compile_side(r"2 \rVert")
    with pytest.raises(LatexError, match=r"^unexpected '\\\\to'$"):
        compile_side(r"2 \to 3")


def test_a_bar_opened_by_lvert_must_be_closed_by_rvert():
    with pytest.raises(LatexError, match=r"^\\lvert … is not closed$"):
        compile_side(r"\lvert 2 \rVert")


def test_a_signed_decimal_without_a_leading_digit_set_in_a_font():
    assert _value(r"\mathbf{-.5}") == -0.5
    assert _value(r"\boldsymbol{+.25}") == 0.25


def test_a_power_after_a_function_argument_in_brackets_or_braces_raises_the_value():
    # \exp[1]^2 is (e¹)², as \exp(1)^2 is; not e^(1²)
    assert _value(r"\exp[1]^2") == math.exp(1.0) ** 2.0
    assert _value(r"\exp{1}^2") == math.exp(1.0) ** 2.0
    assert _value(r"\exp(1)^2") == math.exp(1.0) ** 2.0


def test_a_big_slash_divides():
    assert _value(r"6 \big/ 3") == 2.0
    assert _value(r"6 \middle/ 3") == 2.0


def test_a_name_set_in_a_group_takes_subscripts_and_decorations():
    assert compile_side(r"{out}_{h1}").names == {"out_h1"}
    assert compile_side(r"{ out }_{h 1}").names == {"out_h1"}
    assert compile_side(r"{w}^{+}").names == {"w^+"}


def test_a_subscript_digit_followed_by_an_exponent_is_refused_by_name():
    # x_1e5: TeX takes one character as the subscript, leaving "e5", which is no number
    with pytest.raises(LatexError, match="^a sub- or superscript of one character followed by 'e5'$"):
        compile_side("x_1e5")


@pytest.mark.parametrize("tex, value", [
    (r"\sum_{i=1}^{2} \frac12", Fraction(1)),          # was 3/2: the second term read \frac12 2
    (r"\sum_{i=1}^{3} \frac12", Fraction(3, 2)),
    (r"\sum_{i=1}^{4} \frac34", Fraction(3)),
    (r"\sum_{i=1}^{2} x_12", Fraction(2 * 5 * 2)),     # x_1 · 2 per term, x_1 = 5
])
def test_a_sum_reads_its_body_the_same_for_every_term(tex, value):
    """The body of a \\sum is read once per term; a token split by TeX's one-character rule (\\frac12,
    x_12) was split again at each reading."""
    assert compile_side(tex).exact(lambda name: Fraction(5))[0] == value
