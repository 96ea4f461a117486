"""bpnn.articles.latexnum: article LaTeX is parsed (never evaluated as code) and refused when ambiguous."""
import math

import pytest

from bpnn.articles.latexnum import LatexError, Unresolved, evaluate, parse


@pytest.mark.parametrize(
    "tex,value",
    [
        (r"\frac{1}{1 + e^{-0.2}}", 1 / (1 + math.exp(-0.2))),
        (r"0.126 \cdot (1 - 0.126) \cdot (1.1 \cdot -0.049)", 0.126 * (1 - 0.126) * (1.1 * -0.049)),
        (r"0.1 - 0.1 \cdot -0.003", 0.1 - 0.1 * -0.003),
        (r".5 + 1e-4", 0.5001),
    ],
)
def test_numeric_sides(tex, value):
    assert evaluate(tex) == pytest.approx(value, rel=1e-14)


def test_symbols_need_values_and_are_named():
    assert evaluate(r"\frac{1}{1 + e^{-z_1}}", {"z_1": 0.2}) == pytest.approx(1 / (1 + math.exp(-0.2)))
    with pytest.raises(Unresolved) as exc:
        evaluate(r"w_{11} \cdot x_1 + b_{11}")
    assert exc.value.names == ["b_11", "w_11", "x_1"]


@pytest.mark.parametrize("tex", [r"y - \hat{y}", r"\bar{x} + 1", r"\tilde{w}"])
def test_decorated_names_are_refused_not_read_as_products(tex):
    # sympy's parser alone reads \hat{y} as hat·y
    with pytest.raises(LatexError, match="decorated name"):
        parse(tex)


@pytest.mark.parametrize("tex", ["", "1 +", r"\frac{1}{", "a = b"])
def test_bad_latex_is_a_clear_error(tex):
    with pytest.raises(LatexError):
        evaluate(tex)


# ---- the audit's own parser (bpnn.articles.latexnum.compile_side): names, notation, hostile input

from bpnn.articles.latexnum import compile_side  # noqa: E402


def _value(tex, **names):
    return compile_side(tex).value({}, lambda n, occ: names[n])


@pytest.mark.parametrize("tex, name", [
    (r"out_{h1}", "out_h1"), (r"\text{out}_{h1}", "out_h1"), (r"\mathrm{net}_{o1}", "net_o1"),
    (r"\operatorname{out}_{o2}", "out_o2"), ("w_5^+", "w_5^+"), ("w_{11}^{2+}", "w_11^2+"), ("w6+", "w_6^+"),
    (r"\delta_{o1}", "delta_o1"), ("E_{total}", "E_total"), ("{ out }_{h 1}", "out_h1"), ("w^{(2)}", "w^(2)"),
])
def test_names_are_names_not_products(tex, name):
    side = compile_side(tex)
    assert side.tree == ["s", name]


@pytest.mark.parametrize("tex, value", [
    ("1/2 * (0.75136507 - 0.01)^2", 0.5 * (0.75136507 - 0.01) ** 2),
    ("e^-0.3775", math.exp(-0.3775)),
    ("e^(-0.3775)", math.exp(-0.3775)),
    (r"\exp(-0.3775)", math.exp(-0.3775)),
    (r"\sum_{i=1}^{4} 0.5 i", 5.0),
    ("½ × (−0.747)²", 0.5 * 0.747 ** 2),
    ("2³ – 1", 7.0),
    ("3 ÷ 4 · 2", 1.5),
    (r"\left[1 + 2\right] \cdot 3", 9.0),
    (r"\frac{1}{2}\|0.01-0.75\|^2", 0.5 * 0.74 ** 2),
    (r"\sigma(0.3775)", 1 / (1 + math.exp(-0.3775))),
    (r"{\bf 2} \cdot \boldsymbol{3}", 6.0),
    (r"\ln 2 + \log_{10} 100", math.log(2) + 2),
])
def test_notation(tex, value):
    assert _value(tex) == pytest.approx(value, rel=1e-12)


def test_a_name_before_a_parenthesis_is_a_product_when_it_has_a_value():
    side = compile_side("a(1-a)")
    assert side.calls == {"a"} and side.unresolved({}) == ["a", "a(…)"]
    assert side.value({}, lambda n, occ: 0.25) == pytest.approx(0.1875)


@pytest.mark.parametrize("tex, reason", [
    ("1.5.2", "malformed number"), ("1e", "malformed number"), ("3e", "malformed number"),
    ("1e400", "too large"), ("1e-400", "too small"), ("①", "not supported"),
    (r"\cdots + 1", "elided"), ("x^23", "several digits"), ("a^b^c", "double exponent"),
    ("(1 + 2", "expected"), (r"\frac{1}{", "missing"),
])
def test_malformed_input_is_refused_with_its_reason(tex, reason):
    with pytest.raises(LatexError, match=reason):
        compile_side(tex)


def test_deep_nesting_and_long_sums_are_bounded():
    with pytest.raises(LatexError, match="nested|symbols"):
        compile_side("\\frac{1}{" * 300 + "2" + "}" * 300)
    side = compile_side(" + ".join(["0.001"] * 3000))     # thousands of terms: linear, no recursion
    assert side.value({}, lambda n, o: 0) == pytest.approx(3.0)


def test_overflow_is_an_error_not_a_value():
    for tex in ("e^{1000}", "10^{400}", r"1e300 \cdot 1e300", "(0 - 1)^{0.5}"):
        with pytest.raises((OverflowError, ValueError)):
            compile_side(tex).value({}, lambda n, o: 0)
