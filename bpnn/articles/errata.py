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
reach: their audit cell is a dash ("not math" inside) and they are not disagreements.

The rendering functions take ``lang`` ("en" or "zh"): the Chinese edition's tables have
Chinese headers, verdict names and texts (each claim's Chinese twin, see
:mod:`bpnn.articles.i18n`), and their links lead to the Chinese chapters' labels (``zh-…``).
:func:`build_all` is :func:`build` computed once per test run or book build for both editions
(:func:`bpnn.articles.session.shared_result`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .claims.registry import Claim, Verdict
from .i18n import T, Text, check_lang, tr
from .report import badge, gloss_html, math_cell, report_link, text_cell
from .session import shared_result
from .sources import ARTICLES

__all__ = ["Row", "ErrataArticle", "build", "build_all", "disagreements", "disagreements_markdown",
           "article_markdown", "summary_markdown", "reading_markdown", "AUDIT_PAGE", "AUDIT_LABEL"]

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
    note: str = ""            # the disagreement, where there is one (a Text: English and Chinese)
    is_math: bool = True      # the quote is (part of) the line's LaTeX math, not prose or code
    gloss: str = ""           # the claim's English gloss, where its quote is Chinese

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


def _zh(text) -> str:
    """The Chinese of a text that may be a :class:`~bpnn.articles.i18n.Text`; a plain string (an
    audit detail: formulas and numbers) as it is."""
    return text.zh if isinstance(text, Text) else str(text)


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
                    right = sorted(verdicts & _ARITHMETIC_RIGHT, key=lambda v: v.value)
                    found = ", ".join(v.value for v in right)
                    note = T(f"the audit finds the arithmetic wrong ({r.detail}); the chapter says {found}",
                             f"审计认为这一行的算术有误（{_zh(r.detail)}），章节的结论却是"
                             f"{'、'.join(v.label('zh') for v in right)}")
            for c in cs:
                o = outcomes[c.id]
                is_math = r is not None and _squash(c.quote) in _squash(r.tex)
                art.rows.append(Row(line, c.quote, c.claimed, o.computed, o.verdict, c.explained_in,
                                    audit_verdict, c.id, note, is_math, c.gloss))
        if fr is not None:
            claimed_lines = set(lines_with_claims)
            for r in fr.lines:
                if r.verdict == "wrong" and r.line not in claimed_lines:
                    art.rows.append(Row(r.line, r.tex, r.stated, r.computed, Verdict.ARITHMETIC,
                                        f"{AUDIT_PAGE}#{AUDIT_LABEL}", "wrong"))
        art.rows.sort(key=lambda row: (row.line, row.from_audit, row.claim_id or ""))
        result.append(art)
    return result


@shared_result
def build_all() -> list[ErrataArticle]:
    """:func:`build` of the registry and the stored audit, computed once per test run or book
    build for both editions (it evaluates every claim; the result pickles, Chinese texts included)."""
    return build()


def disagreements(errata: list[ErrataArticle] | None = None, lang: str = "en") -> list[str]:
    """Every line where the audit and a chapter disagree, as ``"file:line claim: why"`` (why in ``lang``)."""
    check_lang(lang)
    errata = build() if errata is None else errata
    return [f"{a.source}:{r.line} {r.claim_id}: {tr(r.note, lang, f'{a.source}:{r.line}: note')}"
            for a in errata for r in a.disagreements]


_AGREE = T("The audit and the chapters agree on every line they both judge.",
           "凡是审计与各章都判断过的行，两者的结论全部一致。")


def disagreements_markdown(errata: list[ErrataArticle], lang: str = "en") -> str:
    """The disagreements as a Markdown list, or one sentence saying there are none."""
    problems = disagreements(errata, lang)
    return "\n".join(f"* {p}" for p in problems) if problems else tr(_AGREE, lang)


# ----------------------------------------------------------------------------- rendering

def _code(text: str) -> str:
    """Prose or code as an inline code span (nothing in it is read as Markdown or math)."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    ticks = "``" if "`" in text else "`"
    return f"{ticks} {text} {ticks}" if ticks == "``" else f"`{text}`"


_WORDS = {
    "why": T("why", "原因"),
    "line": T("line", "行"), "claim": T("claim", "论断"), "stated": T("stated", "文中数值"),
    "true": T("true", "真值"), "verdict": T("verdict", "结论"), "audit": T("audit", "审计"),
    "found": T(" (found by the audit)", "（审计发现）"),
    "disagrees": T("{}: disagrees", "{}：不一致"),
    "none": T("No claims are registered for {} and the audit flags none of its lines.",
              "{} 没有登记任何论断，审计也没有标出它的任何一行。"),
    "claims": T("claims", "论断数"),
    "math_lines": T("audit: math lines", "审计：数学式行数"),
    "checked": T("audit: checked", "审计：已核查"),
    "wrong": T("audit: wrong", "审计：有误"),
    "no_claim": T("audit: wrong, no claim", "审计：有误且无论断"),
    "disagree": T("audit and chapter disagree", "审计与章节不一致"),
    "all": T("all", "合计"),
    "article": T("article", "文章"), "sections": T("sections", "小节数"), "sentences": T("sentences", "句数"),
    "code_lines": T("code lines", "代码行数"), "added": T("added", "补充论断"),
    "no_claim_sections": T("sections without claim", "无论断的小节"),
}


def _w(key: str, lang: str) -> str:
    return tr(_WORDS[key], lang)


def _link(explained_in: str, text: str = "why", lang: str = "en") -> str:
    """A MyST cross-reference to the section that explains a verdict (checked by the build).

    In Chinese the link goes to the Chinese chapter: its labels are the English ones prefixed
    with ``zh-`` and a document path is relative, so from ``zh/errata`` it names ``zh/<doc>``.
    """
    if not explained_in:
        return "–"
    doc, _, label = explained_in.partition("#")
    if label:
        return f"{{ref}}`{text} <{'zh-' if lang == 'zh' else ''}{label}>`"
    return f"{{doc}}`{text} <{doc}>`"


def article_markdown(art: ErrataArticle, lang: str = "en") -> str:
    """One article's errata table: line, claim, stated, true, verdict (with the link to its
    explanation under the badge), and the audit's verdict on that line, in ``lang``.

    Six columns, so that the table fits the book's text column: the link to the section
    that explains a verdict sits under its badge instead of in a column of its own.
    In Chinese a claim without its Chinese text raises
    :class:`~bpnn.articles.i18n.MissingTranslation`.
    """
    from .audit import verdict_label

    check_lang(lang)
    if not art.rows:
        return _w("none", lang).format(art.source)
    rows = [f"| {_w('line', lang)} | {_w('claim', lang)} | {_w('stated', lang)} | {_w('true', lang)} | "
            f"{_w('verdict', lang)} | {_w('audit', lang)} |",
            "|---:|---|---:|---:|---|---|"]
    for r in art.rows:
        # a line without math is outside the audit's reach: a dash, not a verdict-like "not math"
        audit = "–" if r.audit == "not math" else verdict_label(r.audit, lang)
        if r.note:
            note = tr(r.note, lang, f"{art.source}:{r.line}: note")
            audit = f"**{_w('disagrees', lang).format(audit)}** – {text_cell(note)}"
        what = (math_cell(r.what) if r.is_math else _code(r.what)) + ("" if r.claim_id else _w("found", lang))
        what += gloss_html(r.gloss, lang)
        true = tr(r.true, lang, f"claim {r.claim_id or art.source + ':' + str(r.line)}: computed")
        rows.append(f"| {r.line}{report_link(f'{art.article}:{r.line}', lang)} | {what} | {text_cell(r.stated)} | {text_cell(true)} | "
                    f"{badge(r.verdict, lang)}<br>{_link(r.explained_in, _w('why', lang), lang)} | {audit} |")
    return "\n".join(rows)


def _counts(art: ErrataArticle) -> Counter:
    return Counter(r.verdict for r in art.claim_rows)


def summary_markdown(errata: list[ErrataArticle], lang: str = "en") -> str:
    """The errata in figures: one column per article (and one for all), one row per figure —
    claims checked, correct, each kind of error, and the audit's figures.

    Transposed (figures down, articles across) so that it fits the book's text column:
    seven narrow columns instead of fifteen.
    """
    check_lang(lang)
    kinds = [v for v in Verdict if v not in (Verdict.CORRECT,)]
    labels = [_w("claims", lang), badge(Verdict.CORRECT, lang)] + [badge(v, lang) for v in kinds] + \
        [_w(k, lang) for k in ("math_lines", "checked", "wrong", "no_claim", "disagree")]
    columns = []
    for art in errata:
        c = _counts(art)
        s = art.audit_summary
        columns.append([len(art.claim_rows), c[Verdict.CORRECT]] + [c[v] for v in kinds] +
                       [s.get("math_lines", 0), s.get("checked", 0), s.get("wrong", 0), len(art.audit_rows),
                        len(art.disagreements)])
    total = [sum(col[i] for col in columns) for i in range(len(labels))]
    rows = ["| | " + " | ".join(art.article for art in errata) + f" | **{_w('all', lang)}** |",
            "|---|" + "---:|" * (len(errata) + 1)]
    for i, label in enumerate(labels):
        rows.append(f"| {label} | " + " | ".join(str(col[i]) for col in columns) + f" | **{total[i]}** |")
    return "\n".join(rows)


def reading_markdown(rows: list[dict], lang: str = "en") -> str:
    """The record of the reading (:func:`bpnn.articles.claims.structure.reading_summary`) as a table:
    per article its sections, sentences, code lines, claims, claims added by the second reading
    and sections that gave no claim."""
    keys = ("sections", "sentences", "code_lines", "claims", "added", "sections_without_claim")
    words = ("article", "sections", "sentences", "code_lines", "claims", "added", "no_claim_sections")
    out = ["| " + " | ".join(_w(w, lang) for w in words) + " |", "|---|" + "---:|" * len(keys)]
    out += ["| " + " | ".join([r["article"]] + [str(r[k]) for k in keys]) + " |" for r in rows]
    return "\n".join(out)
