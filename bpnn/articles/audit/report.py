"""Reports of audit results: the terminal table, Markdown, JSON and the book's tables."""
from __future__ import annotations

import json
import re
from dataclasses import asdict

from .verdicts import FileResult, LineResult, VERDICTS_ZH, _short, _fmt_like


# ----------------------------------------------------------------------------- output

def _total(results: list[FileResult]) -> dict:
    keys = results[0].summary.keys() if results else []
    return {k: sum(r.summary[k] for r in results) for k in keys}


def _summary_line(s: dict) -> str:
    return (f"{s['math_lines']} math lines, {s['with_numbers']} with numbers, {s['parsed']} of those parsed, "
            f"{s['checked']} checked: {s['ok']} ok, {s['wrong']} wrong, {s['inconsistent']} inconsistent, "
            f"{s['unchecked']} unchecked, {s['unparsed']} unparsed")


WIDTH = 100


def format_table(results: list[FileResult], verbose: bool = True) -> str:
    """The readable report, at most 100 columns: one row per math line, then a summary per file.

    Long details are wrapped and long formulas shortened (``--json`` has them in full).
    """
    import textwrap

    out = []
    head = f"  {'line':>5}  {'verdict':<12}  {'stated':>12}  {'computed':>12}  "
    indent = " " * len(head)
    for fr in results:
        out.append(_short(fr.name, WIDTH))
        rows = [r for r in fr.lines if verbose or r.verdict != "unchecked" or r.has_numbers]
        if rows:
            out.append(head + "detail")
        for r in rows:
            detail = r.detail if r.verdict != "unchecked" or r.has_numbers else "no numbers"
            lines = textwrap.wrap(detail, WIDTH - len(head), break_long_words=True, break_on_hyphens=False) or [""]
            out.append(f"  {r.line:>5}  {r.verdict:<12}  {_short(r.stated or '', 12):>12}  "
                       f"{_short(r.computed or '', 12):>12}  {lines[0]}")
            out.extend(indent + ln for ln in lines[1:])
        out.extend(textwrap.wrap(_summary_line(fr.summary), WIDTH, initial_indent="  ", subsequent_indent="    "))
        if fr.named:
            out.append("  against the network:")
            out.append(f"  {'line':>5}  {'verdict':<12}  {'stated':>12}  {'engine':>12}  name (place)")
            for c in fr.named:
                row = (f"  {c.line:>5}  {'ok' if c.ok else 'wrong':<12}  {_short(c.stated, 12):>12}  "
                       f"{_fmt_like(c.engine, c.stated):>12}  {c.name} ({c.place})")
                out.append(row if len(row) <= WIDTH else row[:WIDTH - 1] + "…")
            bad = sum(not c.ok for c in fr.named)
            out.append(f"  {len(fr.named)} stated values compared with the network: {len(fr.named) - bad} agree, "
                       f"{bad} differ")
        out.append("")
    if len(results) > 1:
        out.extend(textwrap.wrap("all files: " + _summary_line(_total(results)), WIDTH, subsequent_indent="  "))
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def format_markdown(results: list[FileResult]) -> str:
    out = []
    for fr in results:
        out.append(f"### {fr.name}\n")
        out.append("| line | verdict | stated | computed | math | detail |")
        out.append("|---:|---|---:|---:|---|---|")
        for r in fr.lines:
            out.append(f"| {r.line} | {r.verdict} | {_md(r.stated or '')} | {_md(r.computed or '')} | "
                       f"`{_md(r.tex)}` | {_md(r.detail)} |")
        out.append("")
        out.append(_summary_line(fr.summary) + "\n")
    if len(results) > 1:
        out.append("**All files:** " + _summary_line(_total(results)) + "\n")
    return "\n".join(out)


# ----------------------------------------------------------------------------- for the book
# The auditing chapter's tables, in English or Chinese (``lang``).  The command's own output
# (format_table, format_markdown, to_json) stays English: it is what a reader's terminal shows.

_MEASURES = (("math lines", "数学式行数", "math_lines"), ("with numbers", "含数字", "with_numbers"),
             ("parsed", "可解析", "parsed"), ("checked", "已核查", "checked"), ("ok", VERDICTS_ZH["ok"], "ok"),
             ("wrong", VERDICTS_ZH["wrong"], "wrong"), ("inconsistent", VERDICTS_ZH["inconsistent"], "inconsistent"),
             ("unchecked", VERDICTS_ZH["unchecked"], "unchecked"), ("unparsed", VERDICTS_ZH["unparsed"], "unparsed"))


def _article_id(name: str) -> str:
    return name.split("_")[0]


def summary_markdown(results: list[FileResult], lang: str = "en") -> str:
    """The audit's figures: one column per file (named by its id, "002"), one row per count, in ``lang``.

    Transposed (counts down, files across) so that five articles fit the book's text column."""
    from ..i18n import check_lang

    zh = check_lang(lang) == "zh"
    rows = ["| | " + " | ".join(_article_id(r.name) for r in results) + " |", "|---|" + "---:|" * len(results)]
    for en_label, zh_label, key in _MEASURES:
        rows.append(f"| {zh_label if zh else en_label} | " + " | ".join(str(r.summary[key]) for r in results) + " |")
    return "\n".join(rows)


def symbolic_articles(results: list[FileResult]) -> list[str]:
    """The ids of the files in which the audit checked nothing (their formulas hold no numbers to compare)."""
    return [_article_id(r.name) for r in results if r.summary["checked"] == 0]


def _code_span(text: str) -> str:
    """Text as an inline code span (no math, no links), without backticks of its own."""
    return "`" + text.replace("`", "'").replace("|", "/") + "`"


def _short_source(source: str) -> str:
    """Where an article is: its site and first path segment, or the index id of a GitHub file."""
    url = re.search(r"https?://([^/\s]+)(/[^/\s]*)?", source)
    if url and not source.startswith("Markdown"):
        return _code_span(url.group(1).removeprefix("www.") + (url.group(2) or ""))
    ids = re.search(r"id (\d+)", source)
    return "GitHub file, index id " + ids.group(1) if ids else _code_span(source[:30])


def _short_notation(notation: str) -> str:
    return _code_span(re.split(r"[,:(]", notation)[0].strip()[:40])


_CORPUS_HEAD = {"en": ("article", "source", "lines keyed", "errors", "found", "false alarms", "silent skips"),
                "zh": ("文章", "来源", "有答案的行", "错误", "查出", "误报", "漏检")}
_LANGUAGE_ZH = {"en": "英文", "zh": "中文"}


def corpus_markdown(scores, lang: str = "en") -> str:
    """The audit against the corpus's answer keys (``bpnn.articles.corpus.score_all``): one row per
    article with its title, author, language and notation, where it is, and the figures, in ``lang``.

    Titles are the articles' own; in Chinese, an author the file does not name reads 未署名 and the
    language is named in Chinese."""
    from ..i18n import check_lang

    zh = check_lang(lang) == "zh"
    rows = ["| " + " | ".join(_CORPUS_HEAD[lang]) + " |", "|---|---|---:|---:|---:|---:|---:|"]
    for sc in scores:
        a = sc.article
        who = a.author.split(" (")[0].split(";")[0]
        language = a.language
        source = _short_source(a.source)
        if zh:
            who = {"not named": "未署名", "translator not named": "译者未署名"}.get(who.split(" in the ")[0], who)
            language = _LANGUAGE_ZH.get(language, language)
            source = source.replace("GitHub file, index id ", "GitHub 文件，索引号 ")
        rows.append(f"| {a.title.split(' (')[0]}<br><small>{who} · {language} · {_short_notation(a.notation)}</small> | "
                    f"{source} | {sc.key_lines} | {sc.errors} | {sc.found} | "
                    f"{len(sc.false_alarms)} | {len(sc.silent) + len(sc.unkeyed)} |")
    return "\n".join(rows)


def corpus_figures(scores) -> dict:
    """The corpus's totals: articles, errors in the keys, errors found, false alarms, silent skips."""
    return {"n": len(scores), "errors": sum(sc.errors for sc in scores), "found": sum(sc.found for sc in scores),
            "false": sum(len(sc.false_alarms) for sc in scores),
            "silent": sum(len(sc.silent) + len(sc.unkeyed) for sc in scores)}


def to_json(results: list[FileResult]) -> str:
    def line(r: LineResult) -> dict:
        d = asdict(r)
        d["checks"] = [asdict(c) for c in r.checks]
        return d

    data = {
        "files": [{"name": fr.name, "summary": fr.summary, "lines": [line(r) for r in fr.lines],
                   **({"named": [asdict(c) for c in fr.named]} if fr.named else {})} for fr in results],
        "summary": _total(results),
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


