"""Render claims for the book: tables of claimed vs true values with verdict badges.

Everything here returns text (Markdown or HTML) built from the registry at the
moment it is called, so a chapter never types a number or a verdict.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from .claims.registry import Claim, Verdict

__all__ = ["badge", "cell", "math_cell", "claims_markdown", "verdict_counts", "counts_markdown", "display_claims", "legend_markdown"]

_BADGE_CLASS = {
    Verdict.CORRECT: "correct",
    Verdict.ARITHMETIC: "arithmetic",
    Verdict.WRONG_FORMULA: "formula",
    Verdict.INCONSISTENT: "inconsistent",
    Verdict.CARRIED: "carried",
    Verdict.DOES_NOT_RUN: "norun",
    Verdict.FALSE: "false",
    Verdict.NOT_CHECKABLE: "unchecked",
}

_MEANING = {
    Verdict.CORRECT: "the statement is true as written",
    Verdict.ARITHMETIC: "the expression as written does not give the stated value",
    Verdict.WRONG_FORMULA: "the arithmetic is right but the formula is not the right one",
    Verdict.INCONSISTENT: "it contradicts an earlier line of the same article",
    Verdict.CARRIED: "wrong only because it uses an earlier wrong number",
    Verdict.DOES_NOT_RUN: "the code raises an error or cannot run as written",
    Verdict.FALSE: "a checkable statement of fact that is not so",
    Verdict.NOT_CHECKABLE: "nothing definite enough to check; no verdict is given",
}


def badge(v: Verdict) -> str:
    """An inline HTML badge for a verdict (styled by book/_static/verdicts.css)."""
    v = Verdict(v)
    return f'<span class="verdict verdict-{_BADGE_CLASS[v]}">{v.value}</span>'


def cell(text) -> str:
    """Text for one Markdown table cell: pipes escaped, on one line, "–" when empty."""
    if text is None or text == "":
        return "–"
    return str(text).replace("|", r"\|").replace("\n", " ")


def math_cell(tex: str) -> str:
    """An article's formula as inline math inside a table cell (| and $ cannot appear raw)."""
    return "$" + tex.replace("|", r"\vert ").replace("$", r"\$") + "$"


def short_source(c: Claim) -> str:
    return f"{c.article}:{c.line}"


def claims_markdown(claims: Iterable[Claim], math: bool = True, detail: bool = True) -> str:
    """A Markdown table: where, as written, claimed, true, verdict (and what is right)."""
    head = "| where | as written | claimed | true | verdict |" + (" what is right |" if detail else "")
    sep = "|---|---|---:|---:|---|" + ("---|" if detail else "")
    rows = [head, sep]
    for c in claims:
        o = c.evaluate()
        written = math_cell(c.quote) if math else f"`{cell(c.quote)}`"
        row = f"| {short_source(c)} | {written} | {cell(c.claimed)} | {cell(o.computed)} | {badge(o.verdict)} |"
        if detail:
            extra = o.detail
            if o.corrected:
                extra = f"{extra} Fed correct numbers: {o.corrected}." if extra else f"Fed correct numbers: {o.corrected}."
            row += f" {cell(extra)} |"
        rows.append(row)
    return "\n".join(rows)


def verdict_counts(claims: Iterable[Claim]) -> Counter:
    """How many claims have each computed verdict."""
    return Counter(c.evaluate().verdict for c in claims)


def counts_markdown(claims: Iterable[Claim]) -> str:
    counts = verdict_counts(list(claims))
    rows = ["| verdict | claims |", "|---|---:|"]
    for v in Verdict:
        if counts.get(v):
            rows.append(f"| {badge(v)} | {counts[v]} |")
    rows.append(f"| **total** | **{sum(counts.values())}** |")
    return "\n".join(rows)


def legend_markdown() -> str:
    rows = ["| verdict | meaning |", "|---|---|"]
    rows += [f"| {badge(v)} | {_MEANING[v]} |" for v in Verdict]
    return "\n".join(rows)


def display_claims(claims: Iterable[Claim], **kw):
    """Show a claims table in a notebook (IPython Markdown display)."""
    from IPython.display import Markdown, display

    display(Markdown(claims_markdown(list(claims), **kw)))
