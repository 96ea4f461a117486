"""The corpus of real articles: ``bpnn audit`` scored against answer keys computed with mpmath.

The corpus lives in ``tests/data/corpus/`` of the repository: one Markdown excerpt per article,
each opening with a header comment that names its title, author, source, language and notation,
and ``keys.json``, written by ``make_keys.py`` there (the numbers of every checkable line
recomputed independently with mpmath).  :func:`score` compares an audit with a key line by line:

* *recall*: of the key's errors (and inconsistencies), how many lines the audit reports as wrong
  (or inconsistent);
* *false alarms*: lines the audit reports wrong or inconsistent that the key says are right;
* *silent skips*: lines the key says are checkable that the audit leaves unchecked or unparsed,
  and lines it must leave aside (a matrix, a name without value) that it calls ``ok``;
* *slips*: stated results off by at most one unit of their last digit, which the audit must call
  ``slip`` (not ``wrong``, not ``ok``);
* *exit codes*: ``bpnn audit`` must exit 1 on an article exactly when its key holds an error;
* *unkeyed*: lines the audit checks (ok, wrong, inconsistent, unparsed) that the key does not
  cover, so that no verdict goes unverified.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BpnnError

__all__ = ["CORPUS_DIR", "Article", "Score", "articles", "score", "score_all", "totals"]

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "corpus"


@dataclass
class Article:
    file: str
    title: str
    author: str
    source: str
    language: str
    notation: str
    retrieved: str = ""          # the date the excerpt was taken (articles added for issue 19 give it)


@dataclass
class Score:
    """One article's audit compared with its key, line by line (lists hold line numbers)."""
    article: Article
    key_lines: int
    errors: int                  # key lines that are errors or inconsistencies
    found: int                   # of those, the lines the audit calls wrong or inconsistent
    false_alarms: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    silent: list[int] = field(default_factory=list)     # checkable lines left unchecked, skips reported wrongly
    unkeyed: list[int] = field(default_factory=list)
    borderline: int = 0
    checkable: int = 0           # key lines with a verdict to reach (ok, slip, error, borderline, inconsistent)
    unchecked: list[int] = field(default_factory=list)  # checkable lines the audit leaves unchecked or unparsed
    slips: int = 0
    slips_found: int = 0
    missed_slips: list[int] = field(default_factory=list)   # slips the audit calls ok
    exit_code: int = 0           # what ``bpnn audit`` returns on the article (1: something wrong)
    exit_expected: int = 0       # 1 iff the key holds an error or an inconsistency
    exit_either: bool = False    # no error, but the audit's wrongs all fall on lines whose key accepts them

    @property
    def recall(self) -> float:
        return 1.0 if self.errors == 0 else self.found / self.errors

    @property
    def exit_right(self) -> bool:
        return self.exit_code == self.exit_expected or self.exit_either

    @property
    def clean(self) -> bool:
        return not (self.false_alarms or self.missed or self.silent or self.unkeyed or self.missed_slips) \
            and self.exit_right


_FIELD = re.compile(r"^(title|author|source|retrieved|language|notation|excerpt):\s*(.*)$")


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
                   fields["notation"], fields.get("retrieved", ""))


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


_DEFAULT_ACCEPT = {"ok": {"ok"}, "slip": {"slip"}, "error": {"wrong", "inconsistent"},
                   "inconsistent": {"inconsistent"}, "borderline": {"ok", "wrong"}, "carried": {"ok", "wrong"}}


def score(article: Article, root: Path = CORPUS_DIR, key: dict | None = None) -> Score:
    """Audit one article and compare each line with its answer key.

    A line is right when the audit's verdict is one the key accepts (``accept``; an error may
    also be reported as an inconsistency).  Otherwise: an error or inconsistency not flagged is
    *missed* (also when the audit calls it a slip); a correct line or a slip called wrong or
    inconsistent, or a correct line called a slip, is a *false alarm*; a slip called ok is a
    *missed slip*; a checkable line left unchecked or unparsed is *unchecked* (and *silent*),
    unless its key accepts that (a line whose only comparison is carried from an earlier error).
    """
    from .audit import audit_file

    if key is None:
        key = _keys(root)[article.file]
    fr = audit_file(root / article.file)
    result = {r.line: r for r in fr.lines}
    sc = Score(article, len(key), 0, 0)
    for line_s, k in key.items():
        line = int(line_s)
        r = result.get(line)
        got = r.verdict if r is not None else None
        want = k["verdict"]
        if want == "skip":
            # a line the audit cannot check (a name without value, a matrix given as data): any verdict
            # that checks nothing is right; "ok" there would be a guess
            if got in ("wrong", "inconsistent", "slip"):
                sc.false_alarms.append(line)
            elif got not in (None, "unchecked", "unparsed"):
                sc.silent.append(line)
            continue
        sc.checkable += 1
        accept = set(k.get("accept") or _DEFAULT_ACCEPT[want])
        if "wrong" in accept and want in ("error", "inconsistent"):
            accept.add("inconsistent")
        if want in ("error", "inconsistent"):
            sc.errors += 1
        elif want == "slip":
            sc.slips += 1
        elif want == "borderline":
            sc.borderline += 1
        if got in accept:
            if want in ("error", "inconsistent"):
                sc.found += 1
            elif want == "slip":
                sc.slips_found += 1
            continue
        if got in (None, "unchecked", "unparsed"):
            sc.unchecked.append(line)
            sc.silent.append(line)
            if want in ("error", "inconsistent"):
                sc.missed.append(line)
        elif want in ("error", "inconsistent"):
            sc.missed.append(line)
        elif got in ("wrong", "inconsistent", "slip"):
            sc.false_alarms.append(line)
        else:
            # "ok" where the key wants a slip (or accepts only slip or wrong there)
            sc.missed_slips.append(line)
    for line, r in result.items():
        if str(line) not in key and r.verdict in ("ok", "wrong", "inconsistent", "slip", "unparsed"):
            (sc.false_alarms if r.verdict in ("wrong", "inconsistent", "slip") else sc.unkeyed).append(line)
    sc.exit_code = 1 if (fr.count("wrong") or fr.count("inconsistent")) else 0
    sc.exit_expected = 1 if sc.errors else 0
    flagged = {r.line for r in fr.lines if r.verdict in ("wrong", "inconsistent")}
    may = {int(n) for n, k in key.items() if "wrong" in set(k.get("accept") or _DEFAULT_ACCEPT.get(k["verdict"], ()))}
    sc.exit_either = not sc.errors and bool(flagged) and flagged <= may
    return sc


def score_all(root: Path = CORPUS_DIR) -> list[Score]:
    keys = _keys(root)
    return [score(a, root, keys[a.file]) for a in articles(root)]


def totals(scores: list[Score]) -> dict:
    """The corpus's figures over all articles: errors found, false alarms, unchecked share, exits."""
    checkable = sum(sc.checkable for sc in scores)
    unchecked = sum(len(sc.unchecked) for sc in scores)
    return {"articles": len(scores), "errors": sum(sc.errors for sc in scores),
            "found": sum(sc.found for sc in scores), "false_alarms": sum(len(sc.false_alarms) for sc in scores),
            "checkable": checkable, "unchecked": unchecked,
            "unchecked_share": unchecked / checkable if checkable else 0.0,
            "slips": sum(sc.slips for sc in scores), "slips_found": sum(sc.slips_found for sc in scores),
            "missed_slips": sum(len(sc.missed_slips) for sc in scores),
            "exit_wrong": [sc.article.file for sc in scores if not sc.exit_right]}
