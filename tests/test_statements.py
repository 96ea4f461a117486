"""The pages' prose statements about computed results (bpnn/articles/statements.py, issue 22 point 6).

A sentence such as "σ is strictly increasing" is a row with a check, and both editions glue the
sentence generated from the row, so that 递增 cannot turn into 递减 unseen:

* every statement's check holds, and the flipped statement (increasing → decreasing, larger →
  smaller, equal → unequal, "some below" → "all above") fails its check: the checks can fail;
* the phrase book's words and each row's own words mean their property, in both languages;
* the templates type no comparison word of their own (the property's words come from the row);
* each page and its twin show the sentence generated from the row (their stored glue outputs),
  glued in both editions, with the same formulas and code;
* the Chinese twins type no comparison word (递增, 递减, 大于, 小于, 正数, 负数, 相等, …) by hand
  outside a glued sentence, except where a reason is given below; the pages other helpers are
  converting (PENDING) may only lose such words.
"""
from __future__ import annotations

import doctest
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from bpnn.articles import statements as S
from bpnn.articles.i18n import Text

ROOT = Path(__file__).resolve().parent.parent
HAN = "\u4e00-\u9fff"
IDS = [s.id for s in S.STATEMENTS]


def _nb(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _page(page: str, lang: str) -> Path:
    return ROOT / "book" / ("zh/" if lang == "zh" else "") / f"{page}.ipynb"


# ------------------------------------------------------------------ every statement holds, its flip does not


@pytest.mark.parametrize("sid", IDS)
def test_statement_holds_and_has_its_sentence_in_both_languages(sid):
    s = S.get(sid)
    c = s.check()
    assert c.holds, f"{sid}: {c.detail}"
    en, zh = s.sentence("en"), s.sentence("zh")
    assert en and zh and "⟨" not in en + zh
    assert not re.search(f"[{HAN}]", en), en
    assert re.search(f"[{HAN}]", zh) or en == zh, zh        # a sentence of formulas only is both languages


@pytest.mark.parametrize("sid", IDS)
def test_flipped_statement_fails_its_check(sid):
    s = S.get(sid)
    f = S.flipped(s)
    assert f.prop == s.property.opposite and f.quantifier == "all"
    assert not f.check().holds, f"{sid}: flipped to {f.prop}, the check still holds: it cannot fail"
    with pytest.raises(S.StatementFalse, match=sid):
        f.sentence("zh")
    # the flipped row's words differ in both languages: a flip shows in the sentence
    for lang in ("en", "zh"):
        a = S.fill(s.template.lang(lang), s.words(1, 2), lang)
        b = S.fill(f.template.lang(lang), f.words(1, 2), lang)
        assert a != b, f"{sid}: {lang}: the flipped sentence reads the same: {a!r}"


def test_a_false_statement_stops_its_page(monkeypatch):
    """The reviewer's bug as a row: σ said to be decreasing.  The page's glue call raises."""
    bad = tuple(S.flipped(s) if s.id == "sigmoid-increasing" else s for s in S.STATEMENTS)
    monkeypatch.setattr(S, "STATEMENTS", bad)
    with pytest.raises(S.StatementFalse, match="sigmoid-increasing.*not decreasing"):
        S.sentences("sigmoid-neuron", "zh")


def test_undecided_comparison_does_not_hold():
    """What sympy cannot decide is not taken as true (never guessed)."""
    import sympy as sp

    x = sp.Symbol("x")          # no assumptions: x > 0 is undecided
    row = S.Statement("t-undecided", "none", "positive", Text("x", "x"), lambda: S.Evidence(values=(x,)),
                      Text("x is ⟨adj⟩", "x 是⟨adj⟩"), Text("-", "-"))
    c = row.check()
    assert not c.holds and "cannot decide" in c.detail


def test_empty_evidence_does_not_hold():
    row = S.Statement("t-empty", "none", "positive", Text("nothing", "无"), lambda: S.Evidence(values=()),
                      Text("⟨adj⟩", "⟨adj⟩"), Text("-", "-"))
    assert not row.check().holds


def test_module_examples():
    result = doctest.testmod(S, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0


# ------------------------------------------------------------------ the words mean their property

#: (must match, must not match) for each property's words, by language
MEANING = {
    "increasing": {"zh": (r"增|一定越大|比一[行步]大", r"减|一定越小|比一[行步]小"),
                   "en": (r"increas|grow|gives a larger", r"decreas|shrink|gives a smaller")},
    "decreasing": {"zh": (r"减|一定越小|比一[行步]小", r"增|一定越大|比一[行步]大"),
                   "en": (r"decreas|shrink|gives a smaller", r"increas|grow|gives a larger")},
    "positive": {"zh": (r"正", r"负"), "en": (r"positive", r"negative")},
    "negative": {"zh": (r"负", r"正"), "en": (r"negative", r"positive")},
    "larger": {"zh": (r"大|>|晚", r"小|<|早"), "en": (r"above|>|larger|more recent", r"below|<|smaller|older")},
    "smaller": {"zh": (r"小|<|早", r"大|>|晚"), "en": (r"below|<|smaller|older", r"above|>|larger|more recent")},
    "equal": {"zh": (r"=|相等|每一个都|也就是|之内|正好", r"\\neq|不|没有|之外"),
              "en": (r"=|\bequal|\bevery\b|that is|inside|rounds to", r"\\neq|unequal|\bnot\b|\bnone\b|outside")},
    "unequal": {"zh": (r"\\neq|不|没有|之外", r"(?<!\\neq)=|(?<!不)相等|每一个都|也就是|之内|正好"),
                "en": (r"\\neq|unequal|\bnot\b|\bnone\b|outside", r"(?<!\\neq)=|(?<!un)equal|\bevery\b|that is|inside|rounds to")},
}


def meaning_errors(prop: str, text: Text) -> list[str]:
    """What is wrong with ``text`` as words for ``prop``: a language whose words lack the
    property's mark, or carry the opposite's."""
    out = []
    for lang in ("en", "zh"):
        must, must_not = MEANING[prop][lang]
        words = text.lang(lang)
        if not re.search(must, words, re.I):
            out.append(f"{prop} {lang}: {words!r} does not say {prop}")
        if re.search(must_not, words, re.I):
            out.append(f"{prop} {lang}: {words!r} says the opposite of {prop}")
    return out


def test_every_property_has_its_meaning_test():
    assert set(MEANING) == set(S.PROPERTIES) == set(S.PHRASES)
    assert all(S.PROPERTIES[p.opposite].opposite == p.name for p in S.PROPERTIES.values())


@pytest.mark.parametrize("prop", sorted(S.PHRASES))
def test_phrase_book_words_mean_their_property(prop):
    opposite = S.PROPERTIES[prop].opposite
    assert set(S.PHRASES[prop]) == set(S.PHRASES[opposite]), "a form without its opposite"
    bad = []
    for form, words in S.PHRASES[prop].items():
        assert isinstance(words, Text)
        bad += [f"{form}: {e}" for e in meaning_errors(prop, words)]
        other = S.PHRASES[opposite][form]
        bad += [f"{form}: same words as {opposite} in {lang}" for lang in ("en", "zh")
                if words.lang(lang) == other.lang(lang)]
    assert not bad, bad


@pytest.mark.parametrize("sid", [s.id for s in S.STATEMENTS if s.own])
def test_a_rows_own_words_mean_their_property(sid):
    s = S.get(sid)
    bad = [e for prop, words in s.own.items() for e in meaning_errors(prop, words)]
    assert not bad, bad


def test_meaning_test_catches_the_reviewers_bug():
    """递增 planted as 递减 in the phrase book, or "above" as "below", is caught."""
    assert meaning_errors("increasing", Text("strictly increasing", "严格单调递减"))
    assert meaning_errors("increasing", Text("strictly decreasing", "严格单调递增"))
    assert meaning_errors("larger", Text("below", "大于"))
    assert meaning_errors("unequal", Text("None does", "每一个都落在上面"))
    assert not meaning_errors("increasing", S.PHRASES["increasing"]["strict"])


# ------------------------------------------------------------------ the comparison words a text may type

#: the comparison words of the kinds the statements cover, in Chinese (a glossary term such as
#: 梯度下降 "gradient descent" is not a statement)
KINDS = {
    "monotonic": r"递增|递减|单调|增大|减小|变大|变小|越大|越小|一[行步]比一[行步][大小]|(?<!梯度)(?<!最速)(?:上升|下降)",
    "sign": r"正数|负数|(?<![认作成称])为正(?![确是好常])|为负|正值|负值|(?<!真)正的|负的",
    "order": r"大于|小于|高于|低于|超过|更大|更小|更早|更晚|不到(?=\s*§)",
    "equality": r"等于|相等|相同|一致|吻合",
}
ZH_WORDS = re.compile("|".join(f"(?:{v})" for v in KINDS.values()))
EN_WORDS = re.compile(r"\b(?:increas\w*|decreas\w*|monoton\w*|positive|negative|larger|smaller|greater|less|"
                      r"above|below|grows?|shrinks?|equal\w*|older|newer|earlier|later|recent|exceeds?|"
                      r"agrees?|not|none|outside|inside|rounds?)\b", re.I)


def bare(markdown: str) -> str:
    """``markdown`` with what is not typed prose blanked (as §, keeping positions): code blocks and
    spans, display and inline math, and glued values ({glue:…}`…`, generated, not typed)."""
    return re.sub(r"```.*?```|\$\$.*?\$\$|\{glue(?::\w+)?\}`[^`]*`|`[^`]*`|\$[^$\n]*\$",
                  lambda m: "§" * len(m.group(0)), markdown, flags=re.S)


def typed_comparisons(markdown: str) -> list[tuple[int, str]]:
    """(position, word) of every comparison word typed by hand in Chinese ``markdown``."""
    return [(m.start(), m.group(0)) for m in ZH_WORDS.finditer(bare(markdown))]


def test_scan_finds_a_typed_comparison_and_skips_glued_ones():
    assert [w for _, w in typed_comparisons("* $\\sigma$ 严格单调递减：$z$ 越大，$\\sigma(z)$ 一定越小；")] == \
        ["单调", "递减", "越大", "越小"]
    assert typed_comparisons("* {glue:md}`zh-sigmoid-increasing:myst`；用梯度下降，`x 大于 y`，$a$ 认为正确") == []
    assert [w for _, w in typed_comparisons("相差都不到 $10^{-12}$，得不到结论")] == ["不到"]


@pytest.mark.parametrize("sid", IDS)
def test_template_types_no_comparison_word(sid):
    """A template's comparison words come from its row (⟨form⟩, ⟨own⟩), never typed in it."""
    s = S.get(sid)
    en, zh = (re.sub(r"⟨\w+⟩", " ", s.template.lang(lang)) for lang in ("en", "zh"))
    assert not EN_WORDS.findall(bare(en)), EN_WORDS.findall(bare(en))
    assert not ZH_WORDS.findall(bare(zh)), ZH_WORDS.findall(bare(zh))


# ------------------------------------------------------------------ the pages show the generated sentences

GLUE_MD = re.compile(r"\{glue:md\}`([^`:]+)(?::(\w+))?`")


def _stored_glue(cells) -> dict[str, str]:
    out = {}
    for c in cells:
        for o in c.get("outputs", []):
            name = o.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                out[name] = o["data"].get("application/papermill.record/text/markdown")
    return out


def _markdown(cells) -> str:
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.mark.parametrize("page", S.PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_shows_the_sentences_generated_from_its_rows(page, lang):
    cells = _nb(_page(page, lang))
    prefix = "zh-" if lang == "zh" else ""
    stored, md = _stored_glue(cells), _markdown(cells)
    used = Counter(key for key, _ in GLUE_MD.findall(md))
    fmt = {key: f for key, f in GLUE_MD.findall(md)}
    for s in S.for_page(page):
        key = prefix + s.id
        assert used[key] == 1, f"{_page(page, lang).name}: {key} is glued {used[key]} times in the Markdown"
        assert fmt[key] == "myst", f"{key}: glue it as {{glue:md}}`{key}:myst` (its formulas are MyST math)"
        assert stored.get(key) == s.sentence(lang), (f"{_page(page, lang)}: the stored sentence {key} is "
                                                     f"{stored.get(key)!r}, the row gives {s.sentence(lang)!r}")
    # the page's code asks for the sentences in its own language
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    call = f'statements.sentences("{page}", "zh")' if lang == "zh" else f'statements.sentences("{page}")'
    assert call in code


def test_every_page_with_statements_is_covered():
    assert set(S.PAGES) <= set(SCOPED)
    for page in S.PAGES:
        assert _page(page, "en").is_file() and _page(page, "zh").is_file()


_MATH_OR_CODE = re.compile(r"\$[^$]*\$|`[^`]*`")


@pytest.mark.parametrize("sid", IDS)
def test_both_editions_say_the_same_formulas_and_code(sid):
    s = S.get(sid)
    norm = lambda t: sorted(re.sub(r"\s+", "", m) for m in _MATH_OR_CODE.findall(t))     # noqa: E731
    assert norm(s.sentence("en")) == norm(s.sentence("zh"))


@pytest.mark.parametrize("sid", IDS)
def test_chinese_sentence_is_typeset(sid):
    """A space between a Chinese character and a Latin letter, a digit, a formula or code (as
    tests/test_zh_twins.py asks of the pages' typed text)."""
    zh = re.sub(r"\$[^$\n]*\$|`[^`]*`", "X", S.get(sid).sentence("zh"))
    assert not re.search(rf"[{HAN}][A-Za-z0-9]|[A-Za-z0-9][{HAN}]", zh), zh


# ------------------------------------------------------------------ no comparison typed by hand in the Chinese twins

#: the pages whose statements are rows: every comparison word typed by hand there is listed here,
#: with the phrase it stands in and why it is not a statement about a computed result
SCOPED = {
    "sigmoid-neuron": {
        "两者之差必须小于": "the tolerance the sigmoid check kind enforces (it raises beyond 1e-12): a rule, not a result",
    },
    "facts": {
        "更大的网络更容易过拟合": "a finding of the literature the page cites, not computed here",
    },
    "errata": {},
    "intro": {},
    "auditing": {
        "都核查它们是否相等": "what the audit does",
        "打印的内容完全相同": "the stored math against the article: tests/test_audit.py "
                            "test_auditing_files_and_stored_math_agree",
        "每一对相邻的两边都一致": "the definition of the verdict ok",
        "相差超过末位的半个单位": "the definition of the verdict slip",
        "小数位数与文中数值相同": "how a row prints its computed value",
        "两者看起来相同时": "how a row prints its computed value",
        "其他各边彼此一致": "the rule that an unread side makes a line unparsed",
        "行一致": "the count of lines with the verdict ok (glued)",
        "或者它等于某个舍入后的结果": "a rule of rounding",
        "这等于声明其绝对值小于": "what a printed -0.000 means, by the rounding rule; the line's verdict is "
                              "asserted in the page's code",
        "或者让它等于别的东西": "the definition of the verdict inconsistent",
        "做过比较且全部一致": "the definition of the verdict ok",
        "后来又被写成等于": "what the sample text above writes",
        "用的记号也各不相同": "the corpus's notations",
        "它的舍入规则与审计相同": "how the answer keys were made",
    },
}

#: the pages other helpers were editing when the statements came (issue 22): their comparison words
#: typed by hand, counted.  A count may only go down; each should become a row.
PENDING = {
    "derivations": {"小于": 1, "下降": 2, "上升": 2, "一致": 1, "相同": 1, "等于": 1},
    "fine-tuning": {"更小": 2, "相同": 3, "超过": 2, "等于": 1, "上升": 1, "下降": 2},
    "four-equations": {"相同": 1, "一致": 2, "小于": 2},
    "listing-001-numpy": {"等于": 1, "相同": 2, "吻合": 1, "超过": 1, "高于": 1, "低于": 1},
    "listings-frameworks": {"相同": 3, "变大": 1, "下降": 1},
    "solutions": {"相同": 1},
    "worked-example-002": {"相同": 2, "等于": 1, "不到": 4},
}

ZH_PAGES = sorted(p.stem for p in (ROOT / "book" / "zh").glob("*.ipynb"))


def _typed(page: str) -> list[tuple[int, int, str, str]]:
    """(cell, position, word, cell text) of every comparison word typed by hand in a Chinese twin."""
    out = []
    for i, c in enumerate(_nb(ROOT / "book" / "zh" / f"{page}.ipynb")):
        if c["cell_type"] == "markdown":
            text = "".join(c["source"])
            out += [(i, k, w, text) for k, w in typed_comparisons(text)]
    return out


def test_every_chinese_page_is_scoped_or_pending():
    assert set(SCOPED) | set(PENDING) <= set(ZH_PAGES)
    assert not set(SCOPED) & set(PENDING)


@pytest.mark.parametrize("page", sorted(SCOPED))
def test_scoped_twin_types_no_comparison_by_hand(page):
    """Every comparison word typed in the twin lies inside a phrase allowed (with its reason) above."""
    allowed, bad, used = SCOPED[page], [], set()
    for i, k, word, text in _typed(page):
        inside = [p for p in allowed for m in re.finditer(re.escape(p), text)
                  if m.start() <= k and k + len(word) <= m.end()]
        used.update(inside)
        if not inside:
            context = text[max(0, k - 12):k + len(word) + 8].replace("\n", " ")
            bad.append(f"book/zh/{page}.ipynb cell {i}: {word!r} typed in …{context}…")
    assert not bad, "comparison words typed by hand (make them rows of bpnn/articles/statements.py):\n" + "\n".join(bad)
    stale = set(allowed) - used
    assert not stale, f"allowed phrases no longer on the page: {sorted(stale)}"


@pytest.mark.parametrize("page", sorted(set(ZH_PAGES) - set(SCOPED)))
def test_other_twins_only_lose_typed_comparisons(page):
    counts = Counter(w for _, _, w, _ in _typed(page))
    more = {w: (n, PENDING.get(page, {}).get(w, 0)) for w, n in counts.items() if n > PENDING.get(page, {}).get(w, 0)}
    assert not more, (f"book/zh/{page}.ipynb types more comparison words than before (now, before): {more}; "
                      "make the new statement a row of bpnn/articles/statements.py")
