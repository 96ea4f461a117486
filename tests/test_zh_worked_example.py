"""The worked-example chapter (article 002, §4.2–4.3) in Chinese: every claim's texts exist in
both languages, the Chinese texts follow the book's typography and glossary, and they say the
same things as the English ones (the same numbers, symbols and line references)."""
from __future__ import annotations

import re

import pytest

from bpnn.articles.claims import claims_for
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
    assert len(CLAIMS) == 124 and {c.chapter for c in CLAIMS} == {"worked_example"}


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
