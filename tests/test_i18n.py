"""The two languages: every claim's texts exist in English and Chinese, the glossary's
terms are used, the bilingual text type behaves, and `bpnn check --lang zh` prints Chinese."""
from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

from bpnn.articles.claims import Verdict, all_claims
from bpnn.articles.i18n import GLOSSARY, MissingTranslation, T, Text, display_width, neutral, tr
from bpnn.cli import main

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
CLAIMS = all_claims()


def _both(text, what: str) -> None:
    """``text`` is language-neutral, or a Text whose Chinese twin is Chinese."""
    if text is None or text == "" or (not isinstance(text, Text) and neutral(text)):
        return
    assert isinstance(text, Text), f"{what} has no Chinese text: {str(text)[:100]!r}"
    assert str(text).strip(), f"{what} has an empty English text"
    assert CJK.search(text.zh) or neutral(text.zh), f"{what}: the Chinese text has no Chinese: {text.zh[:100]!r}"


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_every_claim_has_both_languages(claim):
    assert isinstance(claim.method, Text), f"{claim.id}: method has no Chinese text: {claim.method!r}"
    _both(claim.method, f"{claim.id}: method")
    o = claim.evaluate()
    _both(o.computed, f"{claim.id}: computed")
    _both(o.detail, f"{claim.id}: detail")
    _both(o.corrected, f"{claim.id}: corrected")


def test_every_verdict_has_a_chinese_name():
    names = [v.label("zh") for v in Verdict]
    assert all(CJK.search(n) for n in names) and len(set(names)) == len(names)


def test_text_is_the_english_string_and_pickles_with_both():
    t = T("no answer", "没有回答")
    assert t == "no answer" and f"{t}" == "no answer" and json.dumps(t) == '"no answer"'
    assert tr(t, "zh") == "没有回答" and tr(t, "en") == "no answer"
    back = pickle.loads(pickle.dumps(t))
    assert isinstance(back, Text) and back.zh == "没有回答"
    both = t + T(".", "。")
    assert isinstance(both, Text) and both.zh == "没有回答。"
    assert type(t + " more") is str          # a plain string loses the twin: the test above then fails


def test_plain_english_is_refused_in_chinese_and_numbers_pass():
    with pytest.raises(MissingTranslation, match="claim X: detail"):
        tr("the step without η", "zh", "claim X: detail")
    for s in ("0.5498", "σ(0.2) = 0.5498", "w_71 − η·δ_7", "– → 3", "$\\frac{1}{2}$", "`np.dot(a, b)`"):
        assert neutral(s) and tr(s, "zh") == s
    with pytest.raises(Exception, match="language 'fr'"):
        tr("x", "fr")


def test_one_language_empty_is_refused():
    with pytest.raises(ValueError):
        T("something", "")


def test_display_width_counts_chinese_as_two_columns():
    assert display_width("结论") == 4 and display_width("ok") == 2


def test_glossary_is_consistent():
    zh = [t.zh for t in GLOSSARY]
    assert len(set(zh)) == len(zh), "two concepts share a Chinese name"
    for t in GLOSSARY:
        for variant in t.avoid:
            assert variant not in zh, f"{variant!r} is both a term and a variant to avoid"


def _zh_notebook_prose():
    for nb in sorted((ROOT / "book" / "zh").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                yield nb.name, i, "".join(cell["source"])


def test_chinese_chapters_use_the_glossary_terms():
    found = []
    variants = [v for t in GLOSSARY for v in t.avoid]
    # a term that contains a variant is that term, not the variant (残差连接 holds 残差, avoided for 误差项)
    holders = [t.zh for t in GLOSSARY if any(v in t.zh for v in variants)]
    for name, i, text in _zh_notebook_prose():
        for term in holders:
            text = text.replace(term, "□")
        for t in GLOSSARY:
            for variant in t.avoid:
                if variant in text:
                    found.append(f"book/zh/{name}, cell {i}: {variant!r} (the glossary says {t.zh!r})")
    assert not found, "\n".join(found)


def test_check_in_chinese(capsys):
    rc = main(["check", "--chapter", "sigmoid", "--lang", "zh"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "算术错误" in out and "共 " in out and "arithmetic error" not in out
    rc = main(["check", "--chapter", "sigmoid", "--lang", "zh", "--json"])
    rows = json.loads(capsys.readouterr().out)["claims"]
    assert rows and all(r["verdict"] in {v.value for v in Verdict} for r in rows)
    assert all(CJK.search(r["verdict_label"]) and CJK.search(r["method"]) for r in rows)


def test_figure_labels_fall_back_to_english_without_a_chinese_font(monkeypatch):
    from bpnn.articles import figures

    monkeypatch.setattr(figures, "cjk_font", lambda: None)
    assert figures.label(T("loss", "损失"), "zh") == "loss"
    assert figures.label(T("loss", "损失"), "en") == "loss"


def test_chinese_figure_draws_without_missing_glyphs():
    """With a CJK font installed, a Chinese label draws with no 'Glyph missing' warning or font note."""
    import logging
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    from bpnn.articles import figures

    if figures.cjk_font() is None:
        pytest.skip("no font with Chinese glyphs on this machine (.ci/install-browser installs one)")
    import matplotlib.pyplot as plt

    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("matplotlib").addHandler(handler)
    try:
        with warnings.catch_warnings(), figures.figure_language("zh") as lang:
            warnings.simplefilter("error")
            assert lang == "zh"
            fig, ax = plt.subplots()
            ax.set_title(figures.label(T("loss", "损失函数"), lang))
            ax.set_xlabel("学习率 η = −0.5，加权输入 z")
            ax.set_yscale("log")
            ax.plot([-1, 2], [-0.5, 1.5], label=r"$\sigma(z)$")
            ax.legend()
            fig.canvas.draw()
            plt.close(fig)
    finally:
        logging.getLogger("matplotlib").removeHandler(handler)
    assert not [r.getMessage() for r in records if r.levelno >= logging.WARNING]


# --------------------------------------------------------------------------- against d2l-zh
# The glossary against a terminology list nobody here wrote: d2l-zh's (tests/data/glossary/, with its
# source).  Where the book chooses another word, the reason is written here; any other difference fails.
D2L = ROOT / "tests" / "data" / "glossary" / "d2l_zh_terminology.txt"
DIFFERENT_ON_PURPOSE = {
    "bias": "偏置: 偏差 is also the statistical bias of an estimator; d2l-zh's own chapters write 偏置 "
            "(chapter_linear-networks/linear-regression.md: *偏置*（bias）)",
    "epoch": "轮: the short word (训练 10 轮); 迭代周期 names the same thing",
    "overfitting": "the list pairs 欠拟合 (underfitting) with overfitting and the other way round: a slip in that file",
}


def _d2l_pairs() -> dict[str, str]:
    pairs = {}
    for line in D2L.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            zh, en = line.split("，", 1)
            pairs[en.strip().lower()] = re.sub(r"[（(].*$", "", zh).strip()
    return pairs


def _our_term(en: str):
    for t in GLOSSARY:
        names = [n.strip().lower().replace("minibatch", "mini-batch") for n in re.split(r",|\(", t.en)]
        if en in names:
            return t
    return None


def test_glossary_agrees_with_d2l_zh_or_says_why_not():
    pairs = _d2l_pairs()
    assert len(pairs) >= 12
    unexplained, matched = [], 0
    for en, theirs in pairs.items():
        ours = _our_term(en)
        if ours is None:
            continue
        matched += 1
        if ours.zh != theirs and en not in DIFFERENT_ON_PURPOSE:
            unexplained.append(f"{en}: the book says {ours.zh}, d2l-zh {theirs}")
        if ours.zh == theirs and en in DIFFERENT_ON_PURPOSE:
            unexplained.append(f"{en}: listed as a difference, but both say {theirs}")
    assert matched >= 10, "the comparison found almost no shared terms: is the data file read right?"
    assert not unexplained, "\n".join(unexplained)


# --------------------------------------------------------------------------- English glosses
_ROW = re.compile(r"^\|(.*)\|$")


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", _ROW.match(row).group(1))]


def _english_tables() -> dict[str, str]:
    """Every kind of claims table the English edition prints, over every registered claim."""
    from bpnn.articles import errata
    from bpnn.articles.report import claims_markdown

    claims = all_claims()
    tables = {"claims, math": claims_markdown(claims), "claims, as code": claims_markdown(claims, math=False),
              "claims, short": claims_markdown(claims, math=False, detail=False)}
    for art in errata.build():
        tables[f"errata {art.article}"] = errata.article_markdown(art)
    return tables


def _unglossed_chinese(table: str) -> list[str]:
    """The cells of a claims table (its "as written" / "claim" column) that show Chinese and no
    English gloss beside it."""
    bad = []
    for row in table.splitlines()[2:]:
        quoted = _cells(row)[1]
        shown = re.sub(r"<[^>]+>", " ", quoted)
        if CJK.search(shown):
            gloss = re.search(r'<span class="bpnn-gloss" lang="en">“([^”]*)”</span>', quoted)
            if not gloss or CJK.search(gloss.group(1)) or not re.search(r"[A-Za-z]{3}", gloss.group(1)):
                bad.append(_cells(row)[0] + ": " + quoted[:60])
    return bad


def test_the_detector_of_unglossed_chinese_can_fail():
    head = "| where | as written |\n|---|---|\n"
    assert _unglossed_chinese(head + "| 001:3 | `反向传播` |")
    assert _unglossed_chinese(head + '| 001:3 | `反向传播`<br><span class="bpnn-gloss" lang="en">“反向”</span> |')
    assert not _unglossed_chinese(head + '| 001:3 | `反向传播`<br><span class="bpnn-gloss" lang="en">“backprop”</span> |')
    assert not _unglossed_chinese(head + "| 001:3 | $z = 1$ |")


def test_every_claim_quoted_in_chinese_has_an_english_gloss():
    from bpnn.articles.claims.glosses import GLOSSES

    quoted = [c for c in all_claims() if CJK.search(c.quote)]
    assert quoted
    assert [c.id for c in quoted if not c.gloss] == []
    assert [c.id for c in quoted if CJK.search(c.gloss)] == []
    # a gloss of a quote no claim makes any more is dead text
    assert set(GLOSSES) - {c.quote for c in all_claims()} == set()


def test_no_english_table_shows_chinese_without_english():
    bad = {name: cells for name, table in _english_tables().items() if (cells := _unglossed_chinese(table))}
    assert bad == {}


def test_the_chinese_edition_shows_no_gloss():
    from bpnn.articles.report import claims_markdown

    quoted = [c for c in all_claims() if CJK.search(c.quote)]
    assert "bpnn-gloss" not in claims_markdown(quoted, math=False, lang="zh")
    assert claims_markdown(quoted, math=False).count("bpnn-gloss") == len(quoted)


# --------------------------------------------------------------------------- the figures' CJK font
def test_the_cjk_font_comes_from_a_python_package():
    """The book extra's font package (mplfonts) provides Noto Sans CJK SC: no system font needed."""
    from bpnn.articles import figures

    files = figures._package_font_files()
    assert files, "no CJK font package installed: pip install -e '.[book]' installs mplfonts"
    assert figures.cjk_font() == "Noto Sans CJK SC"
    assert figures.font_key().startswith("Noto Sans CJK SC|")


def test_the_build_fails_under_W_without_a_cjk_font(monkeypatch, tmp_path):
    """book/_ext/bpnn_site.py warns (an error under -W) when no CJK font is found, and drops the
    Chinese notebooks' cached runs when the font changes."""
    import sys
    from types import SimpleNamespace

    from bpnn.articles import figures

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    try:
        import bpnn_site
    finally:
        sys.path.pop(0)
    warnings, dropped = [], []
    monkeypatch.setattr(bpnn_site.LOG, "warning", lambda msg, *a, **k: warnings.append(msg))
    monkeypatch.setattr(bpnn_site, "_drop_chinese_runs", lambda app, cache: dropped.append(cache) or 0)
    (tmp_path / "html").mkdir()
    app = SimpleNamespace(outdir=str(tmp_path / "html"), srcdir=str(ROOT))
    config = SimpleNamespace(nb_execution_mode="cache", nb_execution_cache_path="")

    bpnn_site._check_font(app, config)                       # first build: the key is stored
    assert warnings == [] and dropped == []
    assert (tmp_path / ".jupyter_cache" / bpnn_site.FONT_KEY_FILE).read_text() == figures.font_key()
    bpnn_site._check_font(app, config)                       # same font: nothing dropped
    assert dropped == []

    monkeypatch.setattr(figures, "font_key", lambda: "none")  # the font is gone
    bpnn_site._check_font(app, config)
    assert len(warnings) == 1 and "no CJK font" in warnings[0]
    assert dropped == [tmp_path / ".jupyter_cache"]
