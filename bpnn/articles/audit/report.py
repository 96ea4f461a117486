"""Reports of audit results: the terminal table, Markdown, JSON and the book's tables."""
from __future__ import annotations

import json
import re
from dataclasses import asdict

from .verdicts import VERDICTS_ZH, FileResult, LineResult, _fmt_like

# ----------------------------------------------------------------------------- output

def _total(results: list[FileResult]) -> dict:
    keys = results[0].summary.keys() if results else []
    return {k: sum(r.summary[k] for r in results) for k in keys}


# ----------------------------------------------------------------------------- why lines stay unchecked
# verdicts.py gives unchecked and unparsed lines a short category key in ``LineResult.reason``
# (where it has one); where it does not, the key is read off the detail the line carries.

#: a short label for each reason key (``verdicts.REASONS`` explains each at length), in English and
#: in Chinese; tests/test_audit_report.py checks that every key verdicts gives has both
REASONS = {
    "no-numbers": ("no number printed", "没有数字"),
    "no-value": ("a symbol without a value", "符号没有值"),
    "ambiguous-symbol": ("a symbol with two meanings", "符号有两种含义"),
    "unknown-precision": ("data or rounded: cannot tell", "无法判断是原始数据还是舍入结果"),
    "carried-precision": ("a rounded result carried on: as printed or as calculated?", "沿用的舍入结果：按打印值还是按计算值？"),
    "ambiguous-reading": ("a notation with several readings", "记号有多种读法"),
    "redefined": ("a value defined again: new example or mistake?", "重新定义的值：新算例还是笔误？"),
    "not-read": ("a side not read", "有一边无法读取"),
    "nothing-to-compare": ("no two sides with a value", "没有两个有值的边"),
    "unparsed": ("not read", "无法读取"),
}


def line_reason(r: LineResult) -> str:
    """The short key saying why a line was not checked (``LineResult.reason`` where verdicts gives one)."""
    key = getattr(r, "reason", None)
    if key:
        return str(key)
    if r.verdict == "unparsed":
        return "unparsed"
    if r.detail.startswith("no value for"):
        return "no-value"
    return "nothing-to-compare"


def reason_label(key: str, lang: str = "en") -> str:
    en, zh = REASONS.get(key, (key.replace("-", " ").replace("_", " "), None))
    return (zh or en) if lang == "zh" else en


def unchecked_reasons(results: list[FileResult]) -> dict[str, dict[str, int]]:
    """Checkable lines (with numbers) left unchecked or unparsed, counted by reason:
    ``{"unchecked": {key: n, …}, "unparsed": {key: n, …}}``, largest first."""
    out: dict[str, dict[str, int]] = {"unchecked": {}, "unparsed": {}}
    for fr in results:
        for r in fr.lines:
            if r.verdict in out and r.has_numbers:
                k = line_reason(r)
                out[r.verdict][k] = out[r.verdict].get(k, 0) + 1
    return {v: dict(sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))) for v, d in out.items()}


def strict_failures(results: list[FileResult]) -> int:
    """Lines that only ``--strict`` makes fail: unchecked with numbers, unparsed, and slips."""
    return sum(1 for fr in results for r in fr.lines
               if (r.verdict == "unchecked" and r.has_numbers) or r.verdict in ("unparsed", "slip"))


_SUMMARY_ZH = ("{math_lines} 行数学式，{with_numbers} 行含数字，其中 {parsed} 行可解析，{checked} 行已核查：")


def _verdict_name(v: str, lang: str) -> str:
    return VERDICTS_ZH.get(v, v) if lang == "zh" else v


def _summary_line(s: dict, results: list[FileResult] | None = None, lang: str = "en") -> str:
    from .verdicts import VERDICTS

    shown = [v for v in VERDICTS if v in s]
    if lang == "zh":
        text = _SUMMARY_ZH.format(**s) + "，".join(f"{_verdict_name(v, lang)} {s[v]}" for v in shown)
    else:
        text = (f"{s['math_lines']} math lines, {s['with_numbers']} with numbers, {s['parsed']} of those parsed, "
                f"{s['checked']} checked: " + ", ".join(f"{s[v]} {v}" for v in shown))
    if results is not None:
        reasons = unchecked_reasons(results)
        for verdict, by in reasons.items():
            if not by:
                continue
            n = sum(by.values())
            parts = ", ".join(f"{reason_label(k, lang)} {c}" for k, c in by.items())
            if lang == "zh":
                text += f"；含数字而{_verdict_name(verdict, lang)}的 {n} 行：{parts}"
            else:
                text += f"; {n} with numbers {verdict}: {parts}"
    return text


WIDTH = 100        # the widest the table gets (a wide terminal gets no wider table)
MIN_WIDTH = 60


def terminal_width() -> int:
    """Columns for the text report: the terminal's width (``COLUMNS`` first), 80 when not a terminal,
    kept between ``MIN_WIDTH`` and ``WIDTH``."""
    import shutil

    return max(MIN_WIDTH, min(WIDTH, shutil.get_terminal_size((80, 24)).columns))


_WIDE_TOKEN = re.compile(r"\s+|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (a Chinese character takes two; a line
    may break between two Chinese characters, elsewhere only at spaces, or inside a word too long)."""
    from ..i18n import display_width

    if len(text) <= width and text.isascii() and "\n" not in text and "\t" not in text and text == text.strip() \
            and "  " not in text:
        return [text] if text else [""]      # fits as it is (what the loop below gives it)
    lines, cur, cur_w = [], "", 0
    for tok in _WIDE_TOKEN.findall(text):
        if tok.isspace():
            if cur:
                cur, cur_w = cur + " ", cur_w + 1
            continue
        w = display_width(tok)
        if cur_w + w > width and cur.strip():
            lines.append(cur.rstrip())
            cur, cur_w = "", 0
        if w > width:           # a word longer than a line: cut it (each character measured once)
            i = 0
            while w > width:
                k, kw = i, 0
                while k < len(tok) and kw + (cw := display_width(tok[k])) <= width:
                    kw += cw
                    k += 1
                lines.append(tok[i:k])
                i, w = k, w - kw
            tok = tok[i:]
        cur, cur_w = cur + tok, cur_w + w
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns with an ellipsis."""
    from ..i18n import display_width

    if (len(text) <= width and text.isascii()) or display_width(text) <= width:
        return text
    out, w = "", 0
    for ch in text:
        cw = display_width(ch)
        if w + cw > width - 1:
            break
        out, w = out + ch, w + cw
    return out + "…"


_DETAIL_ZH = (
    (re.compile(r"^no numbers$"), "无数字"),
    (re.compile(r"^1 comparison agrees"), "1 处比较一致"),
    (re.compile(r"^(\d+) comparisons agree"), r"\1 处比较一致"),
    (re.compile(r"^no value for "), "没有值的符号："),
    (re.compile(r"no two sides with a value to compare"), "没有两个有值的边可比较"),
    (re.compile(r"; sides without a value: "), "；没有值的边："),
    (re.compile(r"; sides not read: "), "；未能读取的边："),
    (re.compile(r"; uses "), "；用到 "),
    (re.compile(r" \(line (\d+)\)"), r"（第 \1 行）"),
    (re.compile(r" on line (\d+)"), r"（第 \1 行）"),
    (re.compile(r" here but "), " 此处，但 "),
    (re.compile(r" \(inputs as rounded: (\S+) to (\S+)\)"), r"（输入按舍入在 \1 至 \2 之间）"),
    (re.compile(r" gives "), " 得 "),
    (re.compile(r", not "), "，不是 "),
    (re.compile(r" but "), "，但 "),
)


def detail_text(detail: str, lang: str = "en") -> str:
    """A line's detail in ``lang``: in Chinese its fixed phrases are translated (formulas, numbers
    and names stay as they are; a phrase this table does not know stays English)."""
    if lang != "zh":
        return detail
    for pat, rep in _DETAIL_ZH:
        detail = pat.sub(rep, detail)
    return detail


_HEAD = {"en": ("line", "verdict", "stated", "computed", "detail"), "zh": ("行", "结论", "陈述值", "计算值", "说明")}
_WORDS = {
    "en": {"all": "all files: ", "network": "  against the network:", "engine": "engine", "name": "name (place)",
           "agree": "{n} stated values compared with the network: {a} agree, {b} differ", "ok": "ok",
           "wrong": "wrong"},
    "zh": {"all": "全部文件：", "network": "  与网络的计算比较：", "engine": "引擎值", "name": "名称（位置）",
           "agree": "{n} 个陈述值与网络比较：{a} 个一致，{b} 个不同", "ok": VERDICTS_ZH["ok"],
           "wrong": VERDICTS_ZH["wrong"]},
}


def format_table(results: list[FileResult], verbose: bool = True, width: int | None = None,
                 lang: str = "en") -> str:
    """The readable report: one row per math line, then a summary per file, in ``lang`` ("en", "zh").

    Every line fits ``width`` terminal columns (default ``bpnn.termout.terminal_width()``: the terminal's
    width, ``COLUMNS`` honoured, 80 when not a terminal; a Chinese character counts two).  Long
    details are wrapped and long formulas shortened (``--json`` has them in full).
    """
    from ..i18n import check_lang, display_width, pad

    lang = check_lang(lang)
    width = terminal_width() if width is None else max(MIN_WIDTH, int(width))
    words = _WORDS[lang]
    h = _HEAD[lang]
    head = f"  {pad(h[0], 5, True)}  {pad(h[1], 12)}  {pad(h[2], 12, True)}  {pad(h[3], 12, True)}  "
    indent = " " * display_width(head)
    detail_w = width - display_width(head)
    out = []
    for fr in results:
        out.append(_clip(fr.name, width))
        rows = [r for r in fr.lines if verbose or r.verdict != "unchecked" or r.has_numbers]
        if rows:
            out.append(head + h[4])
        for r in rows:
            detail = r.detail if r.verdict != "unchecked" or r.has_numbers else "no numbers"
            lines = wrap(detail_text(detail, lang), detail_w)
            out.append(f"  {r.line:>5}  {pad(_clip(_verdict_name(r.verdict, lang), 12), 12)}  "
                       f"{pad(_clip(r.stated or '', 12), 12, True)}  "
                       f"{pad(_clip(r.computed or '', 12), 12, True)}  {lines[0]}")
            out.extend(indent + ln for ln in lines[1:])
        out.extend("  " + ln for ln in wrap(_summary_line(fr.summary, [fr], lang), width - 2))
        if fr.named:
            out.append(words["network"])
            out.append(f"  {pad(h[0], 5, True)}  {pad(h[1], 12)}  {pad(h[2], 12, True)}  "
                       f"{pad(words['engine'], 12, True)}  {words['name']}")
            for c in fr.named:
                row = (f"  {c.line:>5}  {pad(words['ok'] if c.ok else words['wrong'], 12)}  "
                       f"{pad(_clip(c.stated, 12), 12, True)}  {pad(_clip(_fmt_like(c.engine, c.stated), 12), 12, True)}  "
                       f"{c.name} ({c.place})")
                out.append(_clip(row, width))
            bad = sum(not c.ok for c in fr.named)
            out.extend("  " + ln for ln in wrap(words["agree"].format(n=len(fr.named), a=len(fr.named) - bad, b=bad),
                                                 width - 2))
        out.append("")
    if len(results) > 1:
        first, *rest = wrap(words["all"] + _summary_line(_total(results), results, lang), width - 2)
        out.append(first)
        out.extend("  " + ln for ln in rest)
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
        out.append(_summary_line(fr.summary, [fr]) + "\n")
    if len(results) > 1:
        out.append("**All files:** " + _summary_line(_total(results), results) + "\n")
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
    return _code_span(re.split(r"[,:;]\s|\s\(", notation)[0].strip()[:40])


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
        "files": [{"name": fr.name, "summary": fr.summary, "not_checked_by_reason": unchecked_reasons([fr]),
                   "lines": [line(r) for r in fr.lines],
                   **({"named": [asdict(c) for c in fr.named]} if fr.named else {})} for fr in results],
        "summary": _total(results),
        "not_checked_by_reason": unchecked_reasons(results),
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


