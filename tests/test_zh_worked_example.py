"""The worked-example chapter (article 002, §4.2–4.3) in Chinese: every claim's texts exist in
both languages, the Chinese texts follow the book's typography and glossary, and they say the
same things as the English ones (the same numbers, symbols and line references)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bpnn.articles import tables
from bpnn.articles.claims import claims_for
from bpnn.articles.claims import example_002 as we
from bpnn.articles.claims.ch_worked_example import A002
from bpnn.articles.i18n import GLOSSARY, Text, neutral
from bpnn.articles.report import claims_markdown, counts_markdown

CLAIMS = claims_for(chapter="worked_example")
CJK = "\u4e00-\u9fff"
HAN = re.compile(f"[{CJK}]")


def _texts(claim):
    """(what, text) for every reader-facing text of ``claim`` that holds words."""
    o = claim.evaluate()
    for what, text in (("method", claim.method), ("computed", o.computed), ("detail", o.detail),
                       ("corrected", o.corrected)):
        if text is not None and text != "" and not (not isinstance(text, Text) and neutral(text)):
            yield what, text


def test_the_chapter_has_its_claims():
    """What the chapter claims, by meaning (not by count): claims of article 002 only, each quoting its own
    line, one id each; both versions of the article; and a claim on every line of §4.3 the chapter walks
    through: the layout and setup lines, each second-layer z line and each stated δ."""
    from bpnn.articles.sources import article_line

    assert {c.chapter for c in CLAIMS} == {"worked_example"} and {c.source for c in CLAIMS} == {A002}
    assert len({c.id for c in CLAIMS}) == len(CLAIMS)
    assert all(c.quote in (article_line(c.source, c.line) or "") for c in CLAIMS)
    lines = {c.line for c in CLAIMS}
    for v in ("v1", "v2"):
        expected = {we.LAYOUT[v], *we.SETUP_LINES[v]}
        expected |= {we.zline(v, j) for j, (_, bias) in we.UNITS[v].items() if bias in we.OUTPUT_PARAMS[v]}
        expected |= {line for name, (_, line, _) in we.STATED[v].items() if name.startswith("delta_")}
        assert expected <= lines, (v, sorted(expected - lines))


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_every_text_has_chinese(claim):
    assert isinstance(claim.method, Text)
    for what, text in _texts(claim):
        assert isinstance(text, Text), f"{claim.id}: {what} has no Chinese: {str(text)[:80]!r}"
        assert HAN.search(text.zh), f"{claim.id}: {what}: no Chinese in {text.zh!r}"


# a Chinese character glued to a Latin letter, digit or symbol (either side), or Latin punctuation after Chinese
_GLUED = re.compile(rf"[{CJK}][A-Za-z0-9_∂δησŷ±−(\[]|[A-Za-z0-9_∂δησŷ)\]][{CJK}]|[{CJK}][,;:!?]|[,;:!?][{CJK}]")


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_chinese_typography(claim):
    for what, text in _texts(claim):
        bad = [text.zh[max(0, m.start() - 8):m.end() + 8] for m in _GLUED.finditer(text.zh)]
        assert not bad, f"{claim.id}: {what}: no space between Chinese and a symbol or Latin punctuation: {bad}"


def test_chinese_texts_use_the_glossary_terms():
    found = [(c.id, what, v) for c in CLAIMS for what, text in _texts(c)
             for t in GLOSSARY for v in t.avoid if v in text.zh]
    assert not found, found


# numbers, indexed symbols and §-references: whatever the English text computes, the Chinese must state too
_FACT = re.compile(r"−?-?\d+(?:\.\d+)?|[A-Za-z]_\d+|[δ∂η]_?\d*|§\d\.\d")


def _facts(s: str) -> list[str]:
    return sorted(m.replace("−", "-") for m in _FACT.findall(s))


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_chinese_states_the_same_numbers_and_symbols(claim):
    """Each Chinese text holds the same numbers, symbols and line numbers as its English text,
    as a multiset: a number computed into one language only, or a translation that drops or
    changes one, fails.  (Counted words like 'one bias' are spelled as numerals in neither.)"""
    for what, text in _texts(claim):
        en, zh = _facts(str(text)), _facts(text.zh)
        assert en == zh, f"{claim.id}: {what}: English has {en}, Chinese {zh}"


def test_tables_in_chinese_have_no_english_text():
    md = claims_markdown(CLAIMS, lang="zh") + counts_markdown(CLAIMS, lang="zh")
    for row in md.splitlines()[2:]:
        prose = re.sub(r"\$[^$]*\$|<[^>]+>|`[^`]*`", " ", row)
        words = [w for w in re.findall(r"[A-Za-z]{4,}", prose) if w not in {"sympy", "sigmoid", "UNITS"}]
        assert not words, f"English words in a Chinese table row: {words}: {row[:160]}"


# ------------------------------------------------------------------ the chapter's views
# The Chinese twin calls these instead of repeating the English chapter's inline code; in English they must
# give exactly what book/worked-example-002.ipynb shows (its stored outputs, which nbval checks).
ROOT = Path(__file__).resolve().parent.parent
EN_NB = ROOT / "book" / "worked-example-002.ipynb"
SPEC = ROOT / "book" / "specs" / "002-corrected.json"


def _stored_markdown(source_starts: str) -> str:
    cells = json.loads(EN_NB.read_text(encoding="utf-8"))["cells"]
    hits = [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).startswith(source_starts)]
    assert len(hits) == 1, f"no single English cell starting with {source_starts!r}"
    return "".join(hits[0]["outputs"][0]["data"]["text/markdown"])


def _s43():
    both = sorted(claims_for(chapter="worked_example") + claims_for(chapter="sigmoid"), key=lambda c: (c.line, c.id))
    return [c for c in both if c.topic not in ("derivatives", "description")]


def test_network_table_in_english_is_the_chapters():
    assert tables.network_markdown() == _stored_markdown("def reaches_output")


def test_steps_table_in_english_is_the_chapters():
    assert tables.steps_markdown(_s43()) == _stored_markdown('steps = ["setup"')


@pytest.fixture(scope="module")
def corrected():
    return tables.corrected_example(str(SPEC))


def test_corrected_table_in_english_is_the_chapters(corrected):
    assert tables.corrected_markdown(corrected["rows"]) == _stored_markdown("def f10")


def test_corrected_example_against_hand_values(corrected):
    """Independent of the code: the forward pass by hand (math.exp) and ½(y − t)² for the spec's numbers."""
    import math

    s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    (w11, w12), (w21, w22) = spec["layers"][0]["weights"]
    b1, b2 = spec["layers"][0]["bias"]
    z1, z2 = w11 * 1 + w12 * 2 + b1, w21 * 1 + w22 * 2 + b2
    (v1, v2), = spec["layers"][1]["weights"]
    y = s(v1 * s(z1) + v2 * s(z2) + spec["layers"][1]["bias"][0])
    assert corrected["loss_before"] == pytest.approx(0.5 * (y - 1) ** 2, abs=1e-15)
    rows = {str(n): (e, x) for n, e, x, _, _ in corrected["rows"]}
    assert rows["a[2]1"][1] == pytest.approx(y, abs=1e-15)
    assert rows["δ[2]_1"][1] == pytest.approx((y - 1) * y * (1 - y), abs=1e-15)
    assert corrected["lowered"] and corrected["eng_vs_exact"] < 1e-12 and corrected["cd_rich"] < 1e-12


def test_views_in_chinese_have_no_english_words(corrected):
    md = "\n".join([tables.network_markdown("zh"), tables.steps_markdown(_s43(), "zh"),
                    tables.corrected_markdown(corrected["rows"], "zh")])
    prose = re.sub(r"\$[^$]*\$", " ", md)
    assert not [w for w in re.findall(r"[A-Za-z]{3,}", prose) if w not in {"sympy", "float", "Richardson"}]
    assert "更新后的 W[1]_11" in md and "前向传播" in md and "版本 2" in md


def test_views_refuse_an_unknown_language():
    with pytest.raises(Exception, match="language 'fr'"):
        tables.network_markdown("fr")


# ------------------------------------------------------------------ the Chinese twin notebook
ZH_NB = ROOT / "book" / "zh" / "worked-example-002.ipynb"


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_twin_prose_is_chinese_and_its_tables_are_asked_in_chinese():
    zh = _cells(ZH_NB)
    for c in zh:
        text = "".join(c["source"])
        if c["cell_type"] == "markdown":
            prose = re.sub(r"\$[^$]*\$|`[^`]*`|\{[a-z:]+\}|\([a-z0-9-]+\)=?", " ", text)
            assert HAN.search(prose), text[:80]
        for call in re.findall(r"(?:claims_markdown|counts_markdown|legend_markdown|network_markdown|"
                               r"steps_markdown|corrected_markdown)\((.*?)\)\)?$", text, flags=re.M | re.S):
            assert 'lang="zh"' in call, call[:120]

