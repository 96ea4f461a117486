"""The errata of the five articles: every registered claim and every line the audit flags.

The book's errata chapter only renders what this module computes when the book
builds: the claims come from the registry (:func:`bpnn.articles.claims.all_claims`, whatever
the chapters have registered), their verdicts from running their checks, and the
audit's verdicts from :func:`bpnn.articles.claims.audited.stored_audit` on the math stored in the
project (so the chapter builds without the articles at hand).

Arithmetic has one source of truth: an arithmetic claim's check asks the audit
(:mod:`bpnn.articles.claims.audited`), so a chapter cannot find an arithmetic error the
audit does not.  What remains to reconcile is coverage: where the audit calls a line
wrong, none of that line's claims is an arithmetic error, and a chapter's verdict says
the arithmetic as written is right (correct, carried, wrong formula), the row says so and
:func:`disagreements` lists it (a test fails until it is resolved).  Lines the audit
flags that no claim covers get rows of their own ("found by the audit").

Claims on lines that hold no LaTeX math (prose, code) are outside the audit's
reach: their rows say "not math" and are not disagreements.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .sources import ARTICLES
from .claims.registry import Claim, Verdict
from .report import badge, math_cell, text_cell

__all__ = ["Row", "ErrataArticle", "build", "disagreements", "article_markdown", "summary_markdown",
           "AUDIT_PAGE", "AUDIT_LABEL"]

#: where the errata sends readers for the audit's own findings
AUDIT_PAGE = "auditing"
AUDIT_LABEL = "audit-rules"

#: chapter verdicts that say the arithmetic as written is right
_ARITHMETIC_RIGHT = {Verdict.CORRECT, Verdict.CARRIED, Verdict.WRONG_FORMULA}


@dataclass
class Row:
    line: int
    what: str                 # the claim's quote (TeX) or the audited math
    stated: str | None
    true: str | None
    verdict: Verdict
    explained_in: str         # "docname#label"
    audit: str                # the audit's verdict on that line, or "not math"
    claim_id: str | None = None
    note: str = ""            # the disagreement, where there is one
    is_math: bool = True      # the quote is (part of) the line's LaTeX math, not prose or code

    @property
    def from_audit(self) -> bool:
        return self.claim_id is None


@dataclass
class ErrataArticle:
    source: str
    rows: list[Row] = field(default_factory=list)
    audit_summary: dict = field(default_factory=dict)

    @property
    def article(self) -> str:
        return self.source.split("_", 1)[0]

    @property
    def claim_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.from_audit]

    @property
    def audit_rows(self) -> list[Row]:
        return [r for r in self.rows if r.from_audit]

    @property
    def disagreements(self) -> list[Row]:
        return [r for r in self.rows if r.note]


def _squash(text: str) -> str:
    return "".join(text.split())


def _line_claims(claims: list[Claim]) -> dict[tuple[str, int], list[Claim]]:
    out: dict[tuple[str, int], list[Claim]] = {}
    for c in claims:
        out.setdefault((c.source, c.line), []).append(c)
    return out


def build(claims: Iterable[Claim] | None = None, audits=None) -> list[ErrataArticle]:
    """The errata of every article: rows ordered by line, claims first, then audit-only lines.

    ``claims`` defaults to the registry, ``audits`` (a list of
    :class:`bpnn.articles.audit.FileResult`) to the audit of the stored math.
    """
    from .claims import all_claims
    from .claims.audited import stored_audit

    claims = list(all_claims() if claims is None else claims)
    audits = {fr.name: fr for fr in (stored_audit() if audits is None else audits)}
    by_line = _line_claims(claims)
    sources = sorted(set(ARTICLES.values()) | {c.source for c in claims} | set(audits))
    result = []
    for source in sources:
        fr = audits.get(source)
        art = ErrataArticle(source, audit_summary=fr.summary if fr else {})
        lines_with_claims = sorted(line for (s, line) in by_line if s == source)
        for line in lines_with_claims:
            cs = sorted(by_line[(source, line)], key=lambda c: c.id)
            outcomes = {c.id: c.evaluate() for c in cs}
            r = fr.line(line) if fr else None
            audit_verdict = r.verdict if r else "not math"
            verdicts = {outcomes[c.id].verdict for c in cs}
            note = ""
            if r is not None:
                if (r.verdict == "wrong" and Verdict.ARITHMETIC not in verdicts
                        and verdicts & _ARITHMETIC_RIGHT):
                    found = ", ".join(sorted(v.value for v in verdicts & _ARITHMETIC_RIGHT))
                    note = f"the audit finds the arithmetic wrong ({r.detail}); the chapter says {found}"
            for c in cs:
                o = outcomes[c.id]
                is_math = r is not None and _squash(c.quote) in _squash(r.tex)
                art.rows.append(Row(line, c.quote, c.claimed, o.computed, o.verdict, c.explained_in,
                                    audit_verdict, c.id, note, is_math))
        if fr is not None:
            claimed_lines = set(lines_with_claims)
            for r in fr.lines:
                if r.verdict == "wrong" and r.line not in claimed_lines:
                    art.rows.append(Row(r.line, r.tex, r.stated, r.computed, Verdict.ARITHMETIC,
                                        f"{AUDIT_PAGE}#{AUDIT_LABEL}", "wrong"))
        art.rows.sort(key=lambda row: (row.line, row.from_audit, row.claim_id or ""))
        result.append(art)
    return result


def disagreements(errata: list[ErrataArticle] | None = None) -> list[str]:
    """Every line where the audit and a chapter disagree, as ``"file:line claim: why"``."""
    errata = build() if errata is None else errata
    return [f"{a.source}:{r.line} {r.claim_id}: {r.note}" for a in errata for r in a.disagreements]


# ----------------------------------------------------------------------------- rendering

def _code(text: str) -> str:
    """Prose or code as an inline code span (nothing in it is read as Markdown or math)."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    ticks = "``" if "`" in text else "`"
    return f"{ticks} {text} {ticks}" if ticks == "``" else f"`{text}`"


def _link(explained_in: str, text: str = "why") -> str:
    """A MyST cross-reference to the section that explains a verdict (checked by the build)."""
    if not explained_in:
        return "–"
    doc, _, label = explained_in.partition("#")
    if label:
        return f"{{ref}}`{text} <{label}>`"
    return f"{{doc}}`{text} <{doc}>`"


def article_markdown(art: ErrataArticle) -> str:
    """One article's errata table: line, claim, stated, true, verdict (with the link to its
    explanation under the badge), and the audit's verdict on that line.

    Six columns, so that the table fits the book's text column: the link to the section
    that explains a verdict sits under its badge instead of in a column of its own.
    """
    if not art.rows:
        return f"No claims are registered for {art.source} and the audit flags none of its lines."
    rows = ["| line | claim | stated | true | verdict | audit |",
            "|---:|---|---:|---:|---|---|"]
    for r in art.rows:
        audit = r.audit if not r.note else f"**{r.audit}: disagrees** – {text_cell(r.note)}"
        what = (math_cell(r.what) if r.is_math else _code(r.what)) + ("" if r.claim_id else " (found by the audit)")
        rows.append(f"| {r.line} | {what} | {text_cell(r.stated)} | {text_cell(r.true)} | "
                    f"{badge(r.verdict)}<br>{_link(r.explained_in)} | {audit} |")
    return "\n".join(rows)


def _counts(art: ErrataArticle) -> Counter:
    return Counter(r.verdict for r in art.claim_rows)


def summary_markdown(errata: list[ErrataArticle]) -> str:
    """The errata in figures: one column per article (and one for all), one row per figure —
    claims checked, correct, each kind of error, and the audit's figures.

    Transposed (figures down, articles across) so that it fits the book's text column:
    seven narrow columns instead of fifteen.
    """
    kinds = [v for v in Verdict if v not in (Verdict.CORRECT,)]
    labels = ["claims", badge(Verdict.CORRECT)] + [badge(v) for v in kinds] + \
        ["audit: math lines", "audit: checked", "audit: wrong", "audit: wrong, no claim", "audit and chapter disagree"]
    columns = []
    for art in errata:
        c = _counts(art)
        s = art.audit_summary
        columns.append([len(art.claim_rows), c[Verdict.CORRECT]] + [c[v] for v in kinds] +
                       [s.get("math_lines", 0), s.get("checked", 0), s.get("wrong", 0), len(art.audit_rows),
                        len(art.disagreements)])
    total = [sum(col[i] for col in columns) for i in range(len(labels))]
    rows = ["| | " + " | ".join(art.article for art in errata) + " | **all** |",
            "|---|" + "---:|" * (len(errata) + 1)]
    for i, label in enumerate(labels):
        rows.append(f"| {label} | " + " | ".join(str(col[i]) for col in columns) + f" | **{total[i]}** |")
    return "\n".join(rows)
