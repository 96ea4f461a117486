"""The Chinese twins of the sigmoid and four-equations chapters.

The four-equations checks are computed once per run for both editions
(:func:`bpnn.articles.session.shared_result` on :func:`proofs.check_networks`,
:func:`proofs.fused_checks`, :func:`proofs.perturbation_checks`) and rendered in either
language.  These tests check that the Chinese rendering carries the same numbers as the
English one and no English words, that a shared result is computed once and keeps both
languages through pickling, that the twin notebooks call the same package functions and use
their own (``zh-``) labels and glue names, and that the sigmoid figure never asks for glyphs
the machine's fonts lack.
"""
from __future__ import annotations

import json
import logging
import re
import warnings
from pathlib import Path

import pytest

from bpnn.articles import figures, proofs, session
from bpnn.articles.i18n import T, Text

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e-?\d+)?")
ENGLISH_WORDS = re.compile(r"\b(zero|NOT|network|activations|loss|batch|partials|exact|points|disagree|symbolic|"
                           r"engine|passes|undefined|wrong|equation|line)\b")

# two small networks: the number of parameters is counted by hand (weights n_l·n_{l-1} plus biases n_l)
SMALL = (((1, 1), "identity", "half_sse", 1, True),        # 1·1 + 1 = 2
         ((2, 2, 1), "sigmoid", "mse", 2, False))          # (2·2 + 2) + (1·2 + 1) = 9
SMALL_PARAMS = [2, 9]
NETS = (((2, 2, 2), "sigmoid", "half_sse"),)
TINY = (((1, 1), "sigmoid", "half_sse"),)


def _rows_of(table: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[2:]]


def _numbers(cells: list[str]) -> list[str]:
    return [n for c in cells for n in NUMBER.findall(c)]


def test_network_table_in_chinese_has_the_english_numbers_and_no_english():
    rows = proofs.check_networks(SMALL)
    assert [r["n_params"] for r in rows] == SMALL_PARAMS
    assert all(r["ok"] and r["disagree"] == 0 and r["engine_error"] < 1e-12 for r in rows)
    en, zh = proofs.networks_markdown(rows), proofs.networks_markdown(rows, lang="zh")
    assert len(_rows_of(en)) == len(_rows_of(zh)) == len(SMALL)
    for e, z in zip(_rows_of(en), _rows_of(zh)):
        assert _numbers(e[:7] + e[8:]) == _numbers(z[:7] + z[8:])
        assert {"–": "–", "zero": "差为 0", "NOT zero": "差不为 0"}[e[7]] == z[7]
    head = zh.splitlines()[0]
    assert all(CJK.search(c) for c in head.strip("|").split("|")), head
    assert not ENGLISH_WORDS.search(zh.replace("sympy", "")), zh
    assert "差为 0" in zh and "zero" in en             # the symbolic proof of the first network
    glue_en, glue_zh = proofs.networks_glue(rows), proofs.networks_glue(rows, lang="zh")
    assert glue_en["n_partials"] == glue_zh["n_partials"] == sum(p * 3 for p in SMALL_PARAMS)
    assert (glue_en["all_ok"], glue_zh["all_ok"]) == ("all", "全部")


def test_perturbation_table_in_chinese_matches_the_english_one():
    results = proofs.perturbation_checks(NETS, m=2, points=1)
    assert [name for name, _ in results] == list(proofs.PERTURBATIONS)
    assert all(c != "passes" for _, cells in results for c in cells), "a wrong equation passed"
    en = proofs.perturbations_markdown(results, NETS)
    zh = proofs.perturbations_markdown(results, NETS, lang="zh")
    assert en.splitlines()[0] == "| wrong equation | 2-2-2 sigmoid |"
    assert zh.splitlines()[0] == "| 错误的方程 | 2-2-2 sigmoid |"
    for (name, cells), e, z in zip(results, _rows_of(en), _rows_of(zh)):
        assert e[0] == str(name) and z[0] == name.zh
        for c, ce, cz in zip(cells, e[1:], z[1:]):
            if c == "undefined":
                assert (ce, cz) == ("undefined", "无定义")
            else:
                assert ce == f"{c} disagree" and cz == f"{c} 处不一致"
    assert not ENGLISH_WORDS.search(zh), zh


def test_every_perturbation_has_its_own_chinese_name():
    names = list(proofs.PERTURBATIONS)
    assert all(isinstance(n, Text) and CJK.search(n.zh) for n in names)
    assert len({n.zh for n in names}) == len(names)
    assert all(proofs.PERTURBATIONS[n].name.zh == n.zh for n in names)
    assert proofs.PERTURBATIONS["BP1 times 2"] is proofs.PERTURBATIONS[names[1]]   # plain English keys still work


def test_summary_in_chinese_states_the_same_counts():
    r = proofs.GradientCheck(T("BP1–BP4 on 2-2 [sigmoid]", "BP1–BP4，网络 2-2 [sigmoid]"), n_params=6, n_points=2,
                             mismatches=[("w", 0, 1.0, 2.0)] * 3, symbolic=False, symbolic_failures=[("w", 1)] * 4)
    en, zh = r.summary(), r.summary("zh")
    assert en == ("BP1–BP4 on 2-2 [sigmoid]: 6 partial derivatives at 2 exact points, 3 disagree; "
                  "symbolic difference is NOT 0 for 4")
    assert zh.startswith("BP1–BP4，网络 2-2 [sigmoid]：") and NUMBER.findall(zh.split("：")[1]) == ["2", "6", "3", "4", "0"]
    bad = proofs.GradientCheck(T("x", "某公式"), error="ShapeError: 2 × 3 and 2 × 3")
    assert bad.summary("zh") == "某公式：公式无定义（ShapeError: 2 × 3 and 2 × 3）"
    assert proofs.GradientCheck("plain label", n_params=1, n_points=1).summary("zh").startswith("plain label：")


def test_check_labels_are_bilingual_and_the_english_unchanged():
    r = proofs.check_equations([1, 1], "identity", "half_sse", points=1)
    assert str(r.label) == "BP1–BP4 on 1-1 [identity], half_sse, batch of 1"
    assert r.label.zh == "BP1–BP4，网络 1-1 [identity]，损失函数 half_sse，批量大小 1"
    fused = proofs.fused_equations("cross_entropy", "softmax")
    assert str(fused.name) == "BP1 fused (softmax + cross_entropy)" and CJK.search(fused.name.zh)


def test_a_shared_result_is_computed_once_and_keeps_both_languages(monkeypatch, tmp_path):
    calls = []
    real = proofs.check_equations

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(proofs, "check_equations", counting)
    monkeypatch.setenv(session.ENV, str(tmp_path))
    first = proofs.perturbation_checks(TINY, m=1, points=1)
    n = len(calls)
    assert n == len(proofs.PERTURBATIONS)
    second = proofs.perturbation_checks(TINY, m=1, points=1)          # read from the run's directory
    assert len(calls) == n and second == first
    assert all(isinstance(name, Text) and name.zh == f.zh for (name, _), (f, _) in zip(second, first))
    monkeypatch.delenv(session.ENV)
    proofs.perturbation_checks(TINY, m=1, points=1)                   # no run: computed again
    assert len(calls) == 2 * n


# --------------------------------------------------------------------------- the twin notebooks


def _cells(path: Path, kind: str) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == kind]


def test_four_equations_twin_calls_what_the_english_chapter_calls():
    calls = [set(re.findall(r"proofs\.(\w+)", "\n".join(_cells(p, "code"))))
             for p in (ROOT / "book" / "four-equations.ipynb", ROOT / "book" / "zh" / "four-equations.ipynb")]
    assert calls[0] == calls[1] and {"check_networks", "fused_checks", "perturbation_checks"} <= calls[0]
    zh_code = "\n".join(_cells(ROOT / "book" / "zh" / "four-equations.ipynb", "code"))
    assert "check_equations" not in zh_code and "for loss in" not in zh_code      # no copied computation


# --------------------------------------------------------------------------- the figure's font

def test_without_a_cjk_font_the_figure_keeps_english_labels(monkeypatch):
    monkeypatch.setattr(figures, "cjk_font", lambda: None)
    with figures.figure_language("zh") as lang:
        assert lang == "en"
    with figures.figure_language("en") as lang:
        assert lang == "en"


def test_chinese_figure_draws_without_missing_glyphs_or_font_notices(caplog):
    if figures.cjk_font() is None:
        pytest.skip("no CJK font on this machine: the figure keeps its English labels")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.INFO, "matplotlib"):
        warnings.simplefilter("always")
        with figures.figure_language("zh") as lang:
            assert lang == "zh"
            fig, ax = plt.subplots()
            ax.plot([-1.0, 3.0], [-0.5, 1.0], label=r"$\sigma(z)$")
            ax.set_xlabel("加权输入 z，激活值 a = σ(z)")
            ax.set_title("文章 002 第 4.3 节：sigmoid 函数求值")
            ax.legend()
            fig.canvas.draw()
            plt.close(fig)
    assert not [str(w.message) for w in caught if "Glyph" in str(w.message)]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_forward_formula_messages_in_both_languages():
    ok, msg = proofs.check_forward_formula(proofs.neuronwise_layer)
    assert ok and str(msg).startswith("every layer equals") and CJK.search(msg.zh) and "1e-12" in msg.zh
    bad, msg = proofs.check_forward_formula(lambda W, O, b, act: proofs.activation_expr(act, W.T * O + b))
    assert not bad and isinstance(msg, Text) and str(msg).startswith("layer 1: ") and msg.zh.startswith("第 1 层无定义（")
