"""The errata and the audit in Chinese: the same figures as in English, Chinese words around them,
links to the Chinese chapters, and twin notebooks that call what the English ones call."""
from __future__ import annotations

import ast
import json
import pickle
import re
from collections import Counter
from pathlib import Path

import pytest

from bpnn.articles import audit as A
from bpnn.articles import errata as E
from bpnn.articles.claims import Claim, Outcome, Verdict
from bpnn.articles.claims.audited import stored_audit
from bpnn.articles.i18n import MissingTranslation, T, Text
from bpnn.errors import BpnnError

ROOT = Path(__file__).resolve().parent.parent
A002 = "002_509e2db27339cf03.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table(md: str) -> list[list[str]]:
    return [_cells(ln) for ln in md.splitlines() if ln.startswith("|") and not set(ln) <= set("|-: ")]


def _words(html: str) -> str:
    """A cell's text without its HTML tags and code spans."""
    return re.sub(r"<[^>]+>|`[^`]*`", " ", html)


# ------------------------------------------------------------------ made-up claims (independent of
# the chapters' translations, which other modules own)

def _claim(cid: str, line: int, verdict: Verdict, computed, label: str = "sigmoid-claims") -> Claim:
    return Claim(id=cid, source=A002, line=line, quote="x", claimed="1", method=T("test", "测试"),
                 check=lambda: Outcome(verdict, computed, T("because", "因为")), reviewed=verdict,
                 explained_in=f"sigmoid-neuron#{label}")


@pytest.fixture
def made_up(monkeypatch):
    """Build the errata from made-up claims (on lines the audit judges) instead of the registry."""
    from bpnn.articles.claims import registry

    def build(claims):
        monkeypatch.setattr(registry, "_REGISTRY", {c.id: c for c in claims})
        return E.build(claims=claims, audits=stored_audit())

    yield build
    for key in [k for k in registry._CACHE if k.startswith("zh-test-")]:
        del registry._CACHE[key]


def _article(book, article="002"):
    return next(a for a in book if a.article == article)


def test_article_table_in_chinese(made_up):
    # line 151 is wrong for the audit; an arithmetic error there agrees with it
    book = made_up([_claim("zh-test-a", 151, Verdict.ARITHMETIC, T("0.55 exactly", "恰为 0.55"))])
    art = _article(book)
    en, zh = E.article_markdown(art), E.article_markdown(art, lang="zh")
    en_rows, zh_rows = _table(en), _table(zh)
    assert len(en_rows) == len(zh_rows) > 1
    assert en_rows[0] == ["line", "claim", "stated", "true", "verdict", "audit"]
    assert all(CJK.search(h) and not LATIN_WORD.search(h) for h in zh_rows[0])
    row_en = next(r for r in en_rows if _words(r[0]).split()[0] == "151" and "0.55 exactly" in r[3])
    row_zh = next(r for r in zh_rows if _words(r[0]).split()[0] == "151" and "恰为 0.55" in r[3])
    assert row_en[1] == row_zh[1] and row_en[2] == row_zh[2]          # the quote and the stated value
    assert Verdict.ARITHMETIC.label("zh") in row_zh[4] and "arithmetic error" in row_en[4]
    # the link goes to the Chinese chapter's label; the audit's verdict is named in Chinese
    assert "{ref}`why <sigmoid-claims>`" in row_en[4] and "{ref}`原因 <zh-sigmoid-claims>`" in row_zh[4]
    assert row_en[5] == "wrong" and row_zh[5] == A.VERDICTS_ZH["wrong"]
    # lines the audit flags with no claim lead to the Chinese audit chapter's rules
    found = [r for r in zh_rows if "审计发现" in r[1]]
    assert found and all(f"<zh-{E.AUDIT_LABEL}>" in r[4] for r in found)
    assert len(found) == sum("(found by the audit)" in r[1] for r in en_rows)


def test_a_claim_without_chinese_is_refused_not_shown_in_english(made_up):
    book = made_up([_claim("zh-test-b", 151, Verdict.ARITHMETIC, "the value as computed")])
    art = _article(book)
    assert "the value as computed" in E.article_markdown(art)
    with pytest.raises(MissingTranslation, match="zh-test-b"):
        E.article_markdown(art, lang="zh")


def test_a_disagreement_is_explained_in_both_languages(made_up):
    # the audit finds line 151 wrong; a chapter that calls it correct disagrees
    book = made_up([_claim("zh-test-c", 151, Verdict.CORRECT, "0.865")])
    en, zh = E.disagreements(book), E.disagreements(book, lang="zh")
    assert len(en) == len(zh) == 1
    assert en[0].startswith(f"{A002}:151 zh-test-c: ") and "the chapter says correct" in en[0]
    assert zh[0].startswith(f"{A002}:151 zh-test-c: ") and Verdict.CORRECT.label("zh") in zh[0]
    assert "审计" in zh[0] and "the audit" not in zh[0]
    note = _article(book).disagreements[0].note
    assert isinstance(note, Text)
    assert "不一致" in E.article_markdown(_article(book), lang="zh")
    assert E.disagreements_markdown(book, lang="zh") == f"* {zh[0]}"


def test_no_disagreement_says_so_in_each_language(made_up):
    book = made_up([_claim("zh-test-d", 151, Verdict.ARITHMETIC, "0.550")])
    en, zh = E.disagreements_markdown(book), E.disagreements_markdown(book, lang="zh")
    assert en.startswith("The audit and the chapters agree") and CJK.search(zh) and not LATIN_WORD.search(zh)


def test_errata_rows_pickle_with_their_chinese(made_up):
    """build_all shares the errata between the editions through pickle: the Chinese texts survive."""
    book = made_up([_claim("zh-test-e", 151, Verdict.CORRECT, T("seen", "看到"))])
    back = pickle.loads(pickle.dumps(book))
    assert E.article_markdown(_article(back), lang="zh") == E.article_markdown(_article(book), lang="zh")
    row = next(r for r in _article(back).rows if r.claim_id == "zh-test-e")
    assert isinstance(row.true, Text) and row.true.zh == "看到" and row.note.zh
    assert hasattr(E.build_all, "uncached")          # decorated with shared_result, no arguments


def test_summary_in_chinese_has_the_english_figures(made_up):
    book = made_up([_claim("zh-test-f", 151, Verdict.ARITHMETIC, "0.550"),
                    _claim("zh-test-g", 144, Verdict.CORRECT, "0.2")])
    en, zh = _table(E.summary_markdown(book)), _table(E.summary_markdown(book, lang="zh"))
    assert len(en) == len(zh) and all(len(a) == len(b) for a, b in zip(en, zh))
    for a, b in zip(en[1:], zh[1:]):
        assert a[1:] == b[1:]                          # every figure the same
        assert CJK.search(b[0]) and not LATIN_WORD.search(_words(b[0]))
    assert zh[0][-1] == "**合计**" and en[0][:-1] == zh[0][:-1]
    # the verdict rows name the verdicts in Chinese, in the same order
    assert [v.label("zh") for v in Verdict] == [re.sub(r"<[^>]+>", "", r[0]) for r in zh[2:2 + len(Verdict)]]


def test_reading_table_in_chinese():
    from bpnn.articles.claims.structure import reading_summary

    rows = reading_summary()
    en, zh = _table(E.reading_markdown(rows)), _table(E.reading_markdown(rows, lang="zh"))
    assert en[0][0] == "article" and all(CJK.search(h) for h in zh[0])
    assert [r[1:] for r in en] [1:] == [r[1:] for r in zh][1:]
    assert [int(r[2]) for r in zh[1:]] == [r["sentences"] for r in rows]


# ------------------------------------------------------------------ the audit's words

def test_audit_verdicts_have_chinese_names():
    names = [A.verdict_label(v, "zh") for v in (*A.VERDICTS, "not math")]
    assert all(CJK.search(n) for n in names) and len(set(names)) == len(names)
    assert all(A.verdict_label(v) == v for v in A.VERDICTS)
    # an audit verdict with the same meaning as a claim's verdict has the same name
    assert A.verdict_label("inconsistent", "zh") == Verdict.INCONSISTENT.label("zh")
    with pytest.raises(BpnnError, match="'maybe'"):
        A.verdict_label("maybe", "zh")


def test_audit_summary_in_chinese_has_the_english_figures():
    results = stored_audit()
    en, zh = _table(A.summary_markdown(results)), _table(A.summary_markdown(results, lang="zh"))
    assert en[0] == zh[0] == [""] + [r.name.split("_")[0] for r in results]
    for a, b in zip(en[1:], zh[1:]):
        assert a[1:] == b[1:] and CJK.search(b[0])
    # the figures are the audit's own counts of its lines
    for k, r in enumerate(results):
        assert int(zh[5][k + 1]) == sum(x.verdict == "ok" for x in r.lines)
    assert A.symbolic_articles(results) == [r.name.split("_")[0] for r in results
                                            if not any(x.checks for x in r.lines)]


def test_corpus_table_in_chinese():
    from bpnn.articles.corpus import score_all

    scores = score_all()
    en, zh = _table(A.corpus_markdown(scores)), _table(A.corpus_markdown(scores, lang="zh"))
    assert len(en) == len(zh) == len(scores) + 1
    assert all(CJK.search(h) for h in zh[0])
    for sc, a, b in zip(scores, en[1:], zh[1:]):
        assert a[2:] == b[2:] == [str(sc.key_lines), str(sc.errors), str(sc.found), str(len(sc.false_alarms)),
                                  str(len(sc.silent) + len(sc.unkeyed))]
        assert {"en": "英文", "zh": "中文"}[sc.article.language] in b[0]
        assert "not named" not in _words(b[0])
    figures = A.corpus_figures(scores)
    assert figures["n"] == len(scores) and figures["found"] == sum(int(r[4]) for r in en[1:])


# ------------------------------------------------------------------ the twin notebooks

TWINS = ("errata", "auditing")


def _nb(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _calls(source: str) -> Counter:
    """The functions a cell calls (by name, or attribute name), with how often."""
    out = Counter()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            out[f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "?")] += 1
    return out


@pytest.mark.parametrize("name", TWINS)
def test_twin_calls_what_the_english_chapter_calls(name):
    en, zh = _nb(ROOT / "book" / f"{name}.ipynb"), _nb(ROOT / "book" / "zh" / f"{name}.ipynb")
    assert [c["cell_type"] for c in en] == [c["cell_type"] for c in zh]
    for k, (a, b) in enumerate(zip(en, zh)):
        assert a["metadata"].get("tags", []) == b["metadata"].get("tags", []), f"cell {k}: tags"
        if a["cell_type"] == "code":
            sa, sb = "".join(a["source"]), "".join(b["source"])
            assert _calls(sa) == _calls(sb), f"cell {k}"
            # a function that renders text is asked for Chinese wherever it is called
            for fn in ("summary_markdown", "article_markdown", "reading_markdown", "disagreements_markdown",
                       "legend_markdown", "corpus_markdown"):
                assert sb.count(f"{fn}(") == len(re.findall(rf"{fn}\([^\n]*lang=\"zh\"\)", sb)), (k, fn)

