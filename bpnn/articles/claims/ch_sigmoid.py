"""Claims of article 002 §4.3 that evaluate the sigmoid σ(z) = 1/(1 + e^{-z}).

The claims are rows (:data:`ROWS`) read by one check kind.  Each value is computed
twice, independently: the audit evaluates the article's own LaTeX (:mod:`.audited`,
the one source of truth for arithmetic) and ``bpnn.sigmoid`` evaluates σ at the same
z (for a named z such as ``z_7``, at the value the audit took from an earlier line).
The two must agree to 1e-12 or the check fails.
"""
from __future__ import annotations

from ...activations import sigmoid
from ...errors import BpnnError
from ..i18n import T
from ..sources import ARTICLES
from .audited import comparison, line_uses
from .registry import Claim, Outcome, Verdict, fmt

A002 = ARTICLES["002"]
PAGE = "sigmoid-neuron"

#: (version, line, z as written in the exponent, claimed value, reviewed verdict, topic)
ROWS = [
    ("v1", 151, "0.2", "0.865", Verdict.ARITHMETIC, "hidden activations"),
    ("v1", 152, "0.4", "0.697", Verdict.ARITHMETIC, "hidden activations"),
    ("v1", 153, "0.9", "0.436", Verdict.ARITHMETIC, "hidden activations"),
    ("v1", 154, "1.2", "0.286", Verdict.ARITHMETIC, "hidden activations"),
    ("v1", 155, "1.5", "0.206", Verdict.ARITHMETIC, "hidden activations"),
    ("v1", 156, "2.2", "0.126", Verdict.ARITHMETIC, "hidden activations"),
    # the output y = f(z_7) (v1) and y = f(z_5) (v2), at the z the article states two lines up
    ("v1", 164, "z_7", "0.951", Verdict.ARITHMETIC, "output"),
    ("v2", 540, "0.2", "0.865", Verdict.ARITHMETIC, "hidden activations"),
    ("v2", 541, "0.4", "0.697", Verdict.ARITHMETIC, "hidden activations"),
    ("v2", 542, "0.9", "0.436", Verdict.ARITHMETIC, "hidden activations"),
    ("v2", 543, "1.2", "0.286", Verdict.ARITHMETIC, "hidden activations"),
    ("v2", 550, "z_5", "0.951", Verdict.ARITHMETIC, "output"),
]


def _expr(z: str) -> str:
    return rf"\frac{{1}}{{1 + e^{{-{z}}}}}"


def sigmoid_check(line: int, z: str, claimed: str) -> Outcome:
    """The audit's value of σ(z) as line ``line`` writes it, checked against ``bpnn.sigmoid``."""
    c = comparison(A002, line, _expr(z), claimed)
    note = ""
    try:
        z_value = float(z)
    except ValueError:      # a name: the value the audit took from an earlier line
        used = {name: (value, at) for name, value, at in line_uses(A002, line)}
        if z not in used:
            raise BpnnError(f"{A002}:{line}: the audit gives {z} no value") from None
        value, at = used[z]
        z_value = float(value)
        note = T(f"{z} = {value} as the article states it on line {at}",
                 f"{z} = {value}，取文章第 {at} 行所给的值")
    engine = float(sigmoid(z_value))
    if abs(engine - c.left_value) > 1e-12:
        raise BpnnError(f"sigmoid check disagrees with the audit: {engine} vs {c.left_value}")
    return Outcome(Verdict.CORRECT if c.ok else Verdict.ARITHMETIC, fmt(c.left_value), note, c.left_value)


def _claim(v, line, z, claimed, reviewed, topic) -> Claim:
    return Claim(
        id=f"002-{v}-L{line}-sigmoid", source=A002, line=line, quote=rf"{_expr(z)} \approx {claimed}",
        claimed=claimed,
        method=T("the audit's value of the article's own expression; bpnn.sigmoid must agree",
                 "由审计程序计算文章原式的值；bpnn.sigmoid 的结果必须与之一致"),
        check=lambda: sigmoid_check(line, z, claimed), reviewed=reviewed,
        explained_in=f"{PAGE}#sigmoid-claims", topic=topic,
    )


CLAIMS = [_claim(*row) for row in ROWS]

