"""The Chinese texts of the facts and derivations chapters (issue 14).

The claims' Chinese twins carry the same computed numbers as the English texts, are set with a
space between Chinese and Latin text, use the glossary's terms; the checks' own messages
(``gradient_summary``, ``forward_message``) say in Chinese what the English says; and the twin
notebooks book/zh/facts.ipynb and book/zh/derivations.ipynb call what the English chapters call,
with their own labels and glue names.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import sympy as sp

from bpnn.articles import proofs
from bpnn.articles.claims import ch_derivations as D
from bpnn.articles.claims import claims_for
from bpnn.articles.i18n import GLOSSARY, MissingTranslation, Text

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ("facts", "derivations")
CLAIMS = [c for ch in CHAPTERS for c in claims_for(chapter=ch)]
NUM = re.compile(r"\d+(?:\.\d+)?")
CJK = "[\u4e00-\u9fff]"
GLUED = re.compile(rf"{CJK}[A-Za-z0-9$\\]|[A-Za-z0-9$]{CJK}")
QUOTED = re.compile(r"“[^”]*”|《[^》]*》")


def _texts(c):
    o = c.evaluate()
    return [("method", c.method), ("computed", o.computed), ("detail", o.detail), ("corrected", o.corrected)]


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_chinese_text_has_every_number_of_the_english(claim):
    """Every number of an English text is in its Chinese twin as often (the twin is built from the same values)."""
    for what, t in _texts(claim):
        if isinstance(t, Text):
            missing = Counter(NUM.findall(str(t))) - Counter(NUM.findall(t.zh))
            assert not missing, f"{claim.id}: {what}: the Chinese text lacks {sorted(missing)}: {t.zh[:120]!r}"


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_chinese_text_spaces_latin_and_uses_the_glossary(claim):
    avoid = {v: term.zh for term in GLOSSARY for v in term.avoid}
    for what, t in _texts(claim):
        if not isinstance(t, Text):
            continue
        body = QUOTED.sub(" ", t.zh.split("来源：")[0])      # quotations and sources stay as printed
        assert not GLUED.findall(body), f"{claim.id}: {what}: no space between Chinese and {GLUED.findall(body)}"
        for v, term in avoid.items():
            assert v not in body, f"{claim.id}: {what}: {v!r} where the glossary says {term!r}"


def test_gradient_summary_in_chinese_counts_what_the_english_counts():
    """A right and a wrong gradient formula on a 1-1-1 network, checked here (not taken from the chapter)."""
    net = D.example_net((1, 1, 1))
    x, t = sp.Matrix([sp.Rational(1, 3)]), sp.Matrix([sp.Rational(3, 4)])
    right = proofs.compare_gradients(net, x, t, "half_sse", proofs.corrected_004, "δ^(l) (O^(l-1))ᵀ and δ^(l)",
                                     points=2, symbolic=True)
    wrong = proofs.compare_gradients(net, x, t, "half_sse", proofs.article_004_grad_W, "O^(l) (O^(l-1))ᵀ", points=2)
    assert right.ok and not wrong.ok
    for check in (right, wrong):
        en, zh = D.gradient_summary(check, "en"), D.gradient_summary(check, "zh")
        assert en == check.summary() and re.search(CJK, zh)
        assert not Counter(NUM.findall(en)) - Counter(NUM.findall(zh)), (en, zh)
        assert f"共 {check.n_params * check.n_points} 个值" in zh
        assert f"其中 {len(check.mismatches)} 个不一致" in zh
    assert "化简为 0" in D.gradient_summary(right, "zh")
    undefined = proofs.GradientCheck("O^(l) O^(l-1) on 2-3-2", error="ShapeError: Matrix size mismatch")
    assert D.gradient_summary(undefined, "zh") == "2-3-2 网络上的 O^(l) O^(l-1)：公式无定义（ShapeError: Matrix size mismatch）"
    with pytest.raises(MissingTranslation, match="check label 'a label nobody translated'"):
        D.gradient_summary(proofs.GradientCheck("a label nobody translated", n_params=1, n_points=1), "zh")


def test_forward_messages_in_chinese():
    ok, good = proofs.check_forward_formula(D.article_forward, (2, 2, 1), "tanh")
    bad_ok, bad = proofs.check_forward_formula(lambda W, O, b, act: proofs.activation_expr(act, W.T * O + b))
    assert ok and not bad_ok
    assert D.forward_message(good, "en") == good
    assert D.forward_message(good, "zh") == "每一层都等于逐单元求和的结果；引擎的输出与之相差不超过 1e-12"
    assert D.forward_message(bad, "zh").startswith("第 1 层无定义（ShapeError")
    assert D.forward_message("layer 2: differs from the unit-by-unit sums", "zh") == "第 2 层与逐单元求和的结果不同"
    assert D.forward_message("engine and symbolic forward pass differ by 3.0e-05", "zh") == "引擎与符号计算的前向传播相差 3.0e-05"
    with pytest.raises(MissingTranslation):
        D.forward_message("something proofs never says", "zh")


# ------------------------------------------------------------------ the twin notebooks
def _cells(path):
    return json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]


_CALLED = re.compile(r"\b(D|F|proofs|bpnn\.symbolic)\.(\w+)")
#: what the Chinese cells may call besides what the English ones call: the renderers of the checks' messages
_RENDERERS = {("D", "gradient_summary"), ("D", "forward_message"), ("D", "label")}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_twin_has_the_english_code_cells(chapter):
    """Same code cells, same tags; each Chinese cell calls the package functions its English cell calls."""
    en, zh = _cells(f"book/{chapter}.ipynb"), _cells(f"book/zh/{chapter}.ipynb")
    assert [c["cell_type"] for c in en] == [c["cell_type"] for c in zh]
    for i, (a, b) in enumerate(zip(en, zh)):
        assert a.get("metadata", {}).get("tags") == b.get("metadata", {}).get("tags"), f"cell {i}: tags"
        if a["cell_type"] == "code":
            calls_en = set(_CALLED.findall("".join(a["source"])))
            calls_zh = set(_CALLED.findall("".join(b["source"])))
            assert calls_en <= calls_zh, f"cell {i}: the Chinese cell does not call {calls_en - calls_zh}"
            assert calls_zh - calls_en <= _RENDERERS, f"cell {i}: the Chinese cell computes {calls_zh - calls_en}"
            if "claims_markdown(" in "".join(a["source"]) or "counts_markdown(" in "".join(a["source"]):
                assert 'lang="zh"' in "".join(b["source"]), f"cell {i}: a table not asked for in Chinese"
        else:
            assert re.search(CJK, "".join(b["source"])), f"cell {i}: a Markdown cell not in Chinese"

