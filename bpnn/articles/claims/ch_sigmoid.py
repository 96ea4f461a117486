"""Claims of article 002 §4.3 that evaluate the sigmoid σ(z) = 1/(1 + e^{-z}).

The claims are rows (:data:`ROWS`) read by one check kind, :func:`.kinds.sigmoid`.  Each value is
computed twice, independently: the audit evaluates the article's own LaTeX (:mod:`.audited`, the
one source of truth for arithmetic) and ``bpnn.sigmoid`` evaluates σ at the same z (for a named z
such as ``z_7``, at the value the audit took from an earlier line).  The two must agree to 1e-12 or
the check fails.
"""
from __future__ import annotations

from ..i18n import T
from ..sources import ARTICLES
from .kinds import sigmoid, sigmoid_expr
from .registry import Claim, Verdict

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

METHOD = T("the audit's value of the article's own expression; bpnn.sigmoid must agree",
           "由审计程序计算文章原式的值；bpnn.sigmoid 的结果必须与之一致")

CLAIMS = [
    Claim(id=f"002-{v}-L{line}-sigmoid", source=A002, line=line, quote=rf"{sigmoid_expr(z)} \approx {claimed}",
          claimed=claimed, method=METHOD, check=sigmoid(A002, line, z, claimed), reviewed=reviewed,
          explained_in=f"{PAGE}#sigmoid-claims", topic=topic)
    for v, line, z, claimed, reviewed, topic in ROWS
]
