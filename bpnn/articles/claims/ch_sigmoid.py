"""Claims of article 002 §4.3 that evaluate the sigmoid σ(z) = 1/(1 + e^{-z}).

Each claim's true value is computed twice, independently: by ``bpnn.sigmoid``
(floating point) and by parsing the article's own LaTeX with sympy and
evaluating it to 30 digits.  The two must agree to 1e-12 or the check fails.
"""
from __future__ import annotations

from ...activations import sigmoid
from ..sources import ARTICLES
from ...errors import BpnnError
from ..latexnum import evaluate
from .registry import Claim, Outcome, Verdict, numeric_outcome

A002 = ARTICLES["002"]
PAGE = "sigmoid-neuron"


def _sigmoid_check(expr_tex: str, claimed: str, z: float, values: dict[str, float] | None, note: str):
    def check() -> Outcome:
        exact = evaluate(expr_tex, values)
        engine = float(sigmoid(z))
        if abs(engine - exact) > 1e-12:
            raise BpnnError(f"sigmoid check disagrees with sympy: {engine} vs {exact}")
        return numeric_outcome(exact, claimed, note)

    return check


def _claim(cid, line, quote, expr_tex, claimed, reviewed, z, values=None, note="", topic="hidden activations"):
    return Claim(
        id=cid, source=A002, line=line, quote=quote, claimed=claimed,
        method="evaluate the article's own expression (sympy, 30 digits; bpnn.sigmoid must agree)",
        check=_sigmoid_check(expr_tex, claimed, z, values, note), reviewed=reviewed,
        explained_in=f"{PAGE}#sigmoid-claims", topic=topic,
    )


_AE = Verdict.ARITHMETIC

# (version, line, z as written in the exponent, claimed value)
_HIDDEN = [
    ("v1", 151, "0.2", "0.865"), ("v1", 152, "0.4", "0.697"), ("v1", 153, "0.9", "0.436"),
    ("v1", 154, "1.2", "0.286"), ("v1", 155, "1.5", "0.206"), ("v1", 156, "2.2", "0.126"),
    ("v2", 540, "0.2", "0.865"), ("v2", 541, "0.4", "0.697"), ("v2", 542, "0.9", "0.436"),
    ("v2", 543, "1.2", "0.286"),
]

CLAIMS = [
    _claim(
        f"002-{v}-L{line}-sigmoid", line,
        rf"\frac{{1}}{{1 + e^{{-{z}}}}} \approx {claimed}",
        rf"\frac{{1}}{{1 + e^{{-{z}}}}}", claimed, _AE, float(z),
    )
    for v, line, z, claimed in _HIDDEN
] + [
    # The output y = f(z_7) (v1) and y = f(z_5) (v2): the article states z = 1.676 two lines up
    # (v1 line 160, v2 line 547) and then evaluates σ at it.
    _claim(
        "002-v1-L164-sigmoid", 164, r"\frac{1}{1 + e^{-z_7}} \approx 0.951",
        r"\frac{1}{1 + e^{-z_7}}", "0.951", _AE, 1.676, {"z_7": 1.676},
        "z_7 = 1.676 as the article states it on line 160", topic="output",
    ),
    _claim(
        "002-v2-L550-sigmoid", 550, r"\frac{1}{1 + e^{-z_5}} \approx 0.951",
        r"\frac{1}{1 + e^{-z_5}}", "0.951", _AE, 1.676, {"z_5": 1.676},
        "z_5 = 1.676 as the article states it on line 547", topic="output",
    ),
]
