"""bpnn.latexnum: article LaTeX is parsed (never evaluated as code) and refused when ambiguous."""
import math

import pytest

from bpnn.latexnum import LatexError, Unresolved, evaluate, parse


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
