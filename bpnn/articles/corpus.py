"""The corpus of real articles: ``bpnn audit`` scored against answer keys computed with mpmath.

The corpus lives in ``tests/data/corpus/`` of the repository: one Markdown excerpt per article,
each opening with a header comment that names its title, author, source, language and notation,
and ``keys.json``, written by ``make_keys.py`` there (the numbers of every checkable line
recomputed independently with mpmath).  :func:`score` compares an audit with a key line by line:

* *recall*: of the key's errors (and inconsistencies), how many lines the audit reports as wrong
  (or inconsistent);
* *false alarms*: lines the audit reports wrong or inconsistent that the key says are right;
* *silent skips*: lines the key says are checkable that the audit leaves unchecked or unparsed,
  and lines it must leave aside (a matrix, a name without value) that it reports differently;
* *unkeyed*: lines the audit checks (ok, wrong, inconsistent, unparsed) that the key does not
  cover, so that no verdict goes unverified.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BpnnError

__all__ = ["CORPUS_DIR", "Article", "Score", "articles", "score", "score_all"]

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "corpus"


@dataclass
class Article:
    file: str
    title: str
    author: str
    source: str
    language: str
    notation: str


@dataclass
class Score:
    article: Article
    key_lines: int
    errors: int
    found: int
    false_alarms: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    silent: list[int] = field(default_factory=list)
    unkeyed: list[int] = field(default_factory=list)
    borderline: int = 0

    @property
    def recall(self) -> float:
        return 1.0 if self.errors == 0 else self.found / self.errors

    @property
    def clean(self) -> bool:
        return not (self.false_alarms or self.missed or self.silent or self.unkeyed)


_FIELD = re.compile(r"^(title|author|source|language|notation):\s*(.*)$")


def _header(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"\s*<!--(.*?)-->", text, re.S)
    if not m:
        raise BpnnError(f"{path.name}: no header comment naming the article's source")
    fields: dict[str, str] = {}
    current = None
    for line in m.group(1).splitlines():
        fm = _FIELD.match(line.strip())
        if fm:
            current = fm.group(1)
            fields[current] = fm.group(2).strip()
        elif current and line.startswith(" ") and line.strip():
            fields[current] += " " + line.strip()
        elif line.strip():
            current = None
    missing = [k for k in ("title", "author", "source", "language", "notation") if not fields.get(k)]
    if missing:
        raise BpnnError(f"{path.name}: header lacks {', '.join(missing)}")
    return Article(path.name, fields["title"], fields["author"], fields["source"], fields["language"],
                   fields["notation"])


def articles(root: Path = CORPUS_DIR) -> list[Article]:
    """The corpus articles (sorted by file name), read from their headers."""
    if not root.is_dir():
        raise BpnnError(f"{root}: the corpus is not here (it is part of the repository, not of the package)")
    return [_header(p) for p in sorted(root.glob("*.md"))]


def _keys(root: Path) -> dict:
    try:
        return json.loads((root / "keys.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BpnnError(f"{root / 'keys.json'}: cannot read the answer keys ({exc})") from None


def score(article: Article, root: Path = CORPUS_DIR, key: dict | None = None) -> Score:
    """Audit one article and compare each line with its answer key."""
    from .audit import audit_file

    if key is None:
        key = _keys(root)[article.file]
    result = {r.line: r for r in audit_file(root / article.file).lines}
    sc = Score(article, len(key), 0, 0)
    for line_s, k in key.items():
        line = int(line_s)
        r = result.get(line)
        got = r.verdict if r is not None else None
        want = k["verdict"]
        if want in ("error", "inconsistent"):
            sc.errors += 1
            if got == ("wrong" if want == "error" else "inconsistent") or (want == "error" and got == "inconsistent"):
                sc.found += 1
            else:
                sc.missed.append(line)
        elif want == "ok":
            if got in ("wrong", "inconsistent"):
                sc.false_alarms.append(line)
            elif got != "ok":
                sc.silent.append(line)
        elif want == "borderline":
            sc.borderline += 1
            if got not in ("ok", "wrong"):
                sc.silent.append(line)
        elif want == "skip":
            if got in ("wrong", "inconsistent"):
                sc.false_alarms.append(line)
            elif got != k["expect"]:
                sc.silent.append(line)
    for line, r in result.items():
        if str(line) not in key and r.verdict in ("ok", "wrong", "inconsistent", "unparsed"):
            (sc.false_alarms if r.verdict in ("wrong", "inconsistent") else sc.unkeyed).append(line)
    return sc


def score_all(root: Path = CORPUS_DIR) -> list[Score]:
    keys = _keys(root)
    return [score(a, root, keys[a.file]) for a in articles(root)]
