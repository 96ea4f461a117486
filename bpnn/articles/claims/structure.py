"""The articles' structure, as data: what each line is, how many sentences it holds, and a few
facts about it (headings, numbers, keywords) that claims about the articles' structure check.

The articles are not part of the project (a clone has no ``../shared``), so what the checks need
is extracted once by :func:`extract` and stored in ``bpnn/articles/data/article_structure.json``; the tests
extract it again from the articles where they are present and compare.  Nothing of the articles'
prose is stored: only line kinds, sentence counts, heading numbers and the line numbers where a
listed keyword occurs.

A *sentence* (the unit of reading that the errata counts) is: a heading; a piece of prose or of a
list item ended by 。！？ (or ?/!) or by the end of the line; a line of display math. Code lines and
code fences are not sentences; they are counted separately as code lines.

Line kinds: ``blank``, ``heading``, ``fence`` (a line opening or closing a code block), ``code``,
``math`` (display math: ``$$`` blocks and lines that are only ``\\[ … \\]``), ``list`` (a list
item), ``prose``.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["KEYWORDS", "extract", "structure", "sentences_in", "line_kind", "section_of"]

#: words whose lines are recorded (promises the articles make and what they would need)
KEYWORDS = ("微调", "大模型", "历史", "前世今生", "前身", "举例", "例子", "解答", "解释")

STORED = Path(__file__).resolve().parent.parent / "data" / "article_structure.json"

_SENT_END = re.compile(r"[。！？?!]")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST = re.compile(r"^\s*(\d+\.|[-*])\s+")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+")


def _strip_indices(text: str) -> str:
    """Text without sub- and superscripts (``w_{11}``, ``e^{-z}``, ``x_1``), so that what remains are numbers."""
    t = re.sub(r"[_\^]\{[^{}]*\}", " ", text)
    return re.sub(r"[_\^][\w\-]", " ", t)


def _sentences(text: str) -> int:
    parts = [p for p in _SENT_END.split(text) if re.search(r"[\w\u4e00-\u9fff]", p)]
    return max(1, len(parts)) if text.strip() else 0


def extract(lines: list[str] | tuple[str, ...]) -> dict:
    """Per-line kind and sentence count, headings, numbered items, and keyword lines of one article."""
    kinds: list[str] = []
    sentences: list[int] = []
    headings: list[list] = []
    in_code = in_math = False
    for n, raw in enumerate(lines, start=1):
        s = raw.strip()
        if in_code:
            if s.startswith("```"):
                in_code = False
                kinds.append("fence")
            else:
                kinds.append("code" if s else "blank")
            sentences.append(0)
            continue
        if s.startswith("```"):
            in_code = True
            kinds.append("fence")
            sentences.append(0)
            continue
        if s == "$$":
            in_math = not in_math
            kinds.append("fence")
            sentences.append(0)
            continue
        if not s:
            kinds.append("blank")
            sentences.append(0)
        elif in_math or (s.startswith(r"\[") and s.endswith(r"\]")):
            kinds.append("math")
            sentences.append(1)
        elif (m := _HEADING.match(s)):
            kinds.append("heading")
            sentences.append(1)
            headings.append([n, len(m.group(1)), m.group(2)])
        elif _LIST.match(raw):
            kinds.append("list")
            sentences.append(_sentences(_LIST.sub("", raw)))
        elif set(s) <= set("-=_ "):
            kinds.append("blank")        # a rule line
            sentences.append(0)
        else:
            kinds.append("prose")
            sentences.append(_sentences(s))
    keywords = {k: [n for n, t in enumerate(lines, start=1) if k in t] for k in KEYWORDS}
    years = [n for n, t in enumerate(lines, start=1) if kinds[n - 1] in ("prose", "list", "heading") and _YEAR.search(t)]
    decimals = [n for n, t in enumerate(lines, start=1)
                if kinds[n - 1] in ("math", "prose", "list") and _DECIMAL.search(_strip_indices(t))]
    # lines that give something a value: a decimal number, or "= <number>" (indices and exponents stripped)
    values = [n for n, t in enumerate(lines, start=1)
              if kinds[n - 1] in ("math", "prose", "list")
              and (_DECIMAL.search(_strip_indices(t)) or re.search(r"=\s*-?\d", _strip_indices(t)))]
    heading_numbers = []
    for n, level, text in headings:
        m = re.match(r"^(\d+(?:\.\d+)*)\.?", text)
        heading_numbers.append([n, level, m.group(1) if m else ""])
    return {
        "n_lines": len(lines),
        "kinds": kinds,
        "sentences": sentences,
        "headings": [[n, level] for n, level, _ in headings],
        "heading_numbers": heading_numbers,
        "keywords": keywords,
        "year_lines": years,
        "decimal_lines": decimals,
        "value_lines": values,
    }


@lru_cache(maxsize=None)
def structure(article: str) -> dict:
    """The stored structure of one article ("000" … "004")."""
    data = json.loads(STORED.read_text(encoding="utf-8"))
    if article not in data["articles"]:
        raise KeyError(f"no stored structure for article {article!r}")
    return data["articles"][article]


def line_kind(article: str, line: int) -> str:
    return structure(article)["kinds"][line - 1]


def sentences_in(article: str, lo: int, hi: int) -> int:
    """Sentences on lines lo..hi (inclusive)."""
    return sum(structure(article)["sentences"][lo - 1:hi])


def section_of(article: str, line: int, level: int | None = None) -> tuple[int, int]:
    """(first, last) line of the section holding ``line``: from its heading (of ``level`` or any
    level when None) to the line before the next heading of the same or a higher level."""
    st = structure(article)
    hs = [(n, lv) for n, lv in st["headings"] if level is None or lv <= level]
    start = max((n for n, lv in hs if n <= line), default=1)
    lv0 = next((lv for n, lv in st["headings"] if n == start), 1)
    nxt = [n for n, lv in st["headings"] if n > start and lv <= lv0]
    return start, (min(nxt) - 1 if nxt else st["n_lines"])


READING = Path(__file__).resolve().parent.parent / "data" / "reading.json"


@lru_cache(maxsize=None)
def reading() -> dict:
    """The record of the second reading (bpnn/articles/data/reading.json, written by scripts/build_reading.py)."""
    return json.loads(READING.read_text(encoding="utf-8"))


def _claim_lines(article: str, section: dict) -> set[int]:
    """Lines of a section that hold at least one claim (the claim ids end in their line: …-L<line>-…)."""
    return {int(re.search(r"-L(\d+)-", i).group(1)) for i in section["claims"] + section["added"]}


def reading_summary() -> list[dict]:
    """Per article: sections, sentences and code lines read, claims on those lines, and claims the reading added.

    Sentences and code lines are counted from the stored structure over the line ranges the record says
    were read, so the counts follow from the two files, not from a typed number."""
    rows = []
    for article, rec in reading()["articles"].items():
        st = structure(article)
        sents = code = 0
        for sec in rec["sections"]:
            lo, hi = sec["lines"]
            sents += sum(st["sentences"][lo - 1:hi])
            code += sum(1 for k in st["kinds"][lo - 1:hi] if k == "code")
        rows.append({
            "article": article,
            "sections": len(rec["sections"]),
            "sentences": sents,
            "code_lines": code,
            "claims": sum(len(s["claims"]) + len(s["added"]) for s in rec["sections"]),
            "added": sum(len(s["added"]) for s in rec["sections"]),
            "claim_lines": len({c for s in rec["sections"] for c in _claim_lines(article, s)}),
            "sections_without_claim": sum(1 for s in rec["sections"] if not s["claims"] and not s["added"]),
        })
    return rows
