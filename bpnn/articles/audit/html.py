"""``bpnn audit ARTICLE --html REPORT.html``: the audited article as one self-contained web page.

The article is rendered from its Markdown (markdown-it as the audit reads it; an article is
untrusted input, so raw HTML in it is shown as escaped text, HTML comments are left out as a blog
leaves them out, and images are shown as links instead of being fetched).  Each top-level block of the article is one row of the page: the block on the
left, and in the margin a badge for every math line in it with its verdict, the stated and the
computed value, the values it used and the lines they came from.  A summary at the top counts the
verdicts and links to every line that is wrong, inconsistent, a slip, unparsed or unchecked with
numbers in it.

Formulas are typeset by MathJax 3 (its SVG output, which needs no font files) embedded in the page
from the ``sphinx-mathjax-offline`` package, with its license; a Content-Security-Policy lets the
page load nothing from anywhere and run only the two scripts it carries (by their SHA-256).
"""
from __future__ import annotations

import base64
import hashlib
import html
from pathlib import Path

from ...errors import BpnnError
from .verdicts import VERDICTS, VERDICTS_ZH, FileResult, LineResult

_LICENSE = Path(__file__).resolve().parent / "MATHJAX-LICENSE.txt"

#: the verdicts the summary links to, line by line (a line unchecked without numbers is not listed)
FLAGGED = ("wrong", "inconsistent", "slip", "unparsed", "unchecked")

_LABELS = {
    "en": {"title": "Audit of {name}", "summary": "Summary", "lines": "math lines", "line": "line",
           "stated": "stated", "computed": "computed", "uses": "uses", "to_check": "Lines to look at",
           "none": "Nothing to look at: no line is wrong, inconsistent, unparsed or unchecked.",
           "other": "Math lines outside the rendered blocks", "mathjax": "Formulas typeset by MathJax 3.2.2 "
           "(Apache License 2.0; its text is in this file's source).", "made": "Made by bpnn audit.",
           "image": "image", "with_numbers": "with numbers", "no_numbers": "no numbers"},
    "zh": {"title": "{name} 的审计", "summary": "概要", "lines": "数学式行", "line": "第 {n} 行",
           "stated": "陈述值", "computed": "计算值", "uses": "用到", "to_check": "需要查看的行",
           "none": "没有需要查看的行：没有有误、前后矛盾、无法解析或未核查的行。",
           "other": "不在正文块中的数学式行", "mathjax": "公式由 MathJax 3.2.2 排版（Apache 2.0 许可证，"
           "全文见本文件源码）。", "made": "由 bpnn audit 生成。", "image": "图片", "with_numbers": "含数字",
           "no_numbers": "无数字"},
}


def _verdict_name(v: str, lang: str) -> str:
    return VERDICTS_ZH.get(v, v) if lang == "zh" else v


def _line_word(n: int, lang: str) -> str:
    return f"第 {n} 行" if lang == "zh" else f"line {n}"


def mathjax_source() -> tuple[str, str]:
    """MathJax 3's ``tex-svg.js`` and its license text; a clear error where the package is missing."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("sphinx-mathjax-offline")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise BpnnError("--html needs MathJax from the package sphinx-mathjax-offline: "
                        "pip install 'bpnn[html]' (or pip install sphinx-mathjax-offline==0.0.2)")
    js = Path(list(spec.submodule_search_locations)[0]) / "static" / "mathjax" / "tex-svg.js"
    try:
        return js.read_text(encoding="utf-8"), _LICENSE.read_text(encoding="utf-8")
    except OSError as exc:
        raise BpnnError(f"{js}: cannot read MathJax: {exc.strerror}") from None


def _md_renderer():
    """markdown-it as the audit reads articles (same math rules), raw HTML off, math kept as TeX
    between ``\\( \\)`` / ``\\[ \\]`` inside elements MathJax is told to process."""
    from .find import _markdown

    md = _markdown()            # raw HTML is parsed as the audit parses it, and shown as text (below)
    esc = html.escape

    def raw_html(self, tokens, idx, options, env):
        content = tokens[idx].content
        if content.lstrip().startswith("<!--"):
            # a comment is not shown on the article's own page either; what follows it on its line is
            end = content.rfind("-->")
            content = content[end + 3:] if end >= 0 else ""
            if not content.strip():
                return ""
        shown = esc(content)
        return f'<pre class="raw-html">{shown}</pre>\n' if tokens[idx].type == "html_block" else shown

    def inline(self, tokens, idx, options, env):
        return f'<span class="tex2jax_process">\\({esc(tokens[idx].content)}\\)</span>'

    def display(self, tokens, idx, options, env):
        return f'<div class="math tex2jax_process">\\[{esc(tokens[idx].content)}\\]</div>\n'

    def env_block(self, tokens, idx, options, env):
        return f'<div class="math tex2jax_process">{esc(tokens[idx].content)}</div>\n'

    def image(self, tokens, idx, options, env):
        tok = tokens[idx]
        alt = self.renderInlineAsText(tok.children or [], options, env)
        src = tok.attrGet("src") or ""
        word = env.get("_image_word", "image")
        return f'<a class="image" href="{esc(str(src))}">[{esc(word)}: {esc(alt)}]</a>'

    for name in ("math_inline",):
        md.add_render_rule(name, inline)
    for name in ("math_inline_double", "math_block", "math_block_label", "math_block_eqno"):
        md.add_render_rule(name, display)
    md.add_render_rule("amsmath", env_block)
    md.add_render_rule("image", image)
    md.add_render_rule("html_block", raw_html)
    md.add_render_rule("html_inline", raw_html)
    return md


def _badge(r: LineResult, lang: str) -> str:
    L = _LABELS[lang]
    esc = html.escape
    parts = [f'<div class="badge v-{esc(r.verdict)}" id="line-{r.line}">',
             f'<span class="verdict">{esc(_verdict_name(r.verdict, lang))}</span> '
             f'<a class="ln" href="#line-{r.line}">{esc(_line_word(r.line, lang))}</a>']
    if r.stated or r.computed:
        parts.append(f'<div class="vals">{esc(L["stated"])} <b>{esc(r.stated or "–")}</b> · '
                     f'{esc(L["computed"])} <b>{esc(r.computed or "–")}</b></div>')
    from .report import detail_text

    detail = r.detail if r.verdict != "unchecked" or r.has_numbers else "no numbers"
    uses = ""
    if "; uses " in detail:
        detail, uses = detail.split("; uses ", 1)
    if detail:
        parts.append(f'<div class="detail">{esc(detail_text(detail, lang))}</div>')
    for u in getattr(r, "uses", []) or ([uses] if uses else []):
        parts.append(f'<div class="uses">{esc(L["uses"])} <code>{esc(detail_text(u, lang))}</code>'
                     + _line_links(u) + "</div>")
    parts.append("</div>")
    return "".join(parts)


def _line_links(use: str) -> str:
    """``z_1 = 0.2 (line 5)``: a link to the badge of line 5."""
    import re

    m = re.search(r"\(line (\d+)\)\s*$", use)
    return f' <a class="from" href="#line-{m.group(1)}">↑{m.group(1)}</a>' if m else ""


def _blocks(tokens):
    """The top-level blocks of a token stream: ``(first line, end line, tokens)`` (lines 0-based)."""
    out, i = [], 0
    while i < len(tokens):
        tok = tokens[i]
        j = i
        if tok.nesting == 1:
            depth = 0
            while j < len(tokens):
                depth += tokens[j].nesting
                if depth == 0:
                    break
                j += 1
        m = tok.map or [None, None]
        out.append((m[0], m[1], tokens[i:j + 1]))
        i = j + 1
    return out


_CSS = """
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;
margin:0;color:#1d1d1f;background:#fff}
header{padding:1.2em 2em;border-bottom:1px solid #ddd;background:#f7f7f9}
header h1{font-size:1.35em;margin:0 0 .4em}
.counts span{display:inline-block;margin:0 .6em .3em 0;padding:.1em .55em;border-radius:.8em;font-size:.9em}
.flagged{margin:.5em 0 0;padding:0;list-style:none;columns:16em}
.flagged li{margin:.1em 0}
main{max-width:72em;margin:0 auto;padding:1em 2em}
.row{display:grid;grid-template-columns:minmax(0,1fr) 20em;gap:1.5em;border-bottom:1px dotted #eee;padding:.2em 0}
.margin{font-size:.82em}
.badge{border-left:4px solid #999;background:#f6f6f6;padding:.3em .5em;margin:.4em 0;border-radius:3px;
word-wrap:break-word;overflow-wrap:anywhere}
.badge:target{outline:3px solid #f4b400}
.verdict{font-weight:700;text-transform:uppercase;font-size:.85em;letter-spacing:.03em}
.v-ok{border-color:#2e7d32}.v-ok .verdict,.c-ok{color:#2e7d32}
.v-wrong{border-color:#c62828;background:#fdecea}.v-wrong .verdict,.c-wrong{color:#c62828}
.v-inconsistent{border-color:#ad1457;background:#fce4ec}.v-inconsistent .verdict,.c-inconsistent{color:#ad1457}
.v-slip{border-color:#ef6c00;background:#fff3e0}.v-slip .verdict,.c-slip{color:#ef6c00}
.v-unchecked{border-color:#757575}.v-unparsed{border-color:#6a1b9a}.v-unparsed .verdict,.c-unparsed{color:#6a1b9a}
.counts .c-ok{background:#e8f5e9}.counts .c-wrong{background:#fdecea}.counts .c-inconsistent{background:#fce4ec}
.counts .c-slip{background:#fff3e0}.counts .c-unchecked{background:#eee}.counts .c-unparsed{background:#f3e5f5}
.vals b{font-family:ui-monospace,monospace}
.uses code,.detail{font-size:.95em}
pre{background:#f5f5f5;padding:.6em;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em}
.math{overflow-x:auto}
footer{color:#777;font-size:.85em;padding:1em 2em;border-top:1px solid #ddd}
@media (max-width:50em){.row{grid-template-columns:1fr}}
"""

_CONFIG = ("window.MathJax={tex:{inlineMath:[['\\\\(','\\\\)']],displayMath:[['\\\\[','\\\\]']],"
           "processEscapes:false,processEnvironments:true},options:{ignoreHtmlClass:'tex2jax_ignore',"
           "processHtmlClass:'tex2jax_process'},svg:{fontCache:'global'},startup:{typeset:true}};")


def _script(js: str) -> tuple[str, str]:
    """A ``<script>`` element and its CSP hash source (``</script`` in the code is escaped)."""
    js = js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return f"<script>{js}</script>", f"'sha256-{digest}'"


def render_html(text: str, result: FileResult, lang: str = "en", mathjax: tuple[str, str] | None = None) -> str:
    """The report page for the article ``text`` audited as ``result`` (labels in ``lang``)."""
    from ..i18n import check_lang

    lang = check_lang(lang)
    L = _LABELS[lang]
    esc = html.escape
    js, license_text = mathjax if mathjax is not None else mathjax_source()
    md = _md_renderer()
    env = {"_image_word": L["image"]}
    tokens = md.parse(text, env)
    by_line: dict[int, LineResult] = {r.line: r for r in result.lines}
    placed: set[int] = set()
    rows = []
    for first, end, toks in _blocks(tokens):
        body = md.renderer.render(toks, md.options, env)
        badges = []
        if first is not None:
            for n in range(first + 1, end + 1):
                if n in by_line and n not in placed:
                    placed.add(n)
                    badges.append(_badge(by_line[n], lang))
        anchor = f' id="src-{first + 1}"' if first is not None else ""
        rows.append(f'<div class="row"{anchor}><div class="text">{body}</div>'
                    f'<div class="margin">{"".join(badges)}</div></div>')
    rest = [r for r in result.lines if r.line not in placed]
    if rest:
        rows.append(f'<h2>{esc(L["other"])}</h2><div class="row"><div class="text">'
                    + "".join(f'<p><code>{esc(r.tex)}</code></p>' for r in rest)
                    + '</div><div class="margin">' + "".join(_badge(r, lang) for r in rest) + "</div></div>")
    # the summary: counts, then a link to every line to look at
    s = result.summary
    counts = [f'<span class="c-math">{s["math_lines"]} {esc(L["lines"])}</span>',
              f'<span class="c-num">{s["with_numbers"]} {esc(L["with_numbers"])}</span>']
    counts += [f'<span class="c-{esc(v)}">{esc(_verdict_name(v, lang))} {result.count(v)}</span>' for v in VERDICTS]
    flagged = sorted((r for r in result.lines if r.verdict in FLAGGED and (r.verdict != "unchecked" or r.has_numbers)),
                     key=lambda r: (FLAGGED.index(r.verdict), r.line))

    items = "".join(
        f'<li><a class="to-line c-{esc(r.verdict)}" href="#line-{r.line}">{esc(_line_word(r.line, lang))}</a> '
        f'<span class="c-{esc(r.verdict)}">{esc(_verdict_name(r.verdict, lang))}</span>'
        + (f' <small>{esc(r.stated or "")} → {esc(r.computed or "")}</small>' if r.stated else "")
        + "</li>" for r in flagged)
    look = (f'<h2>{esc(L["to_check"])}</h2><ul class="flagged">{items}</ul>' if flagged
            else f'<p>{esc(L["none"])}</p>')
    from .report import reason_label, unchecked_reasons

    why = []
    for verdict, by in unchecked_reasons([result]).items():
        if by:
            parts = ", ".join(f"{reason_label(k, lang)} {n}" for k, n in by.items())
            why.append(f'<span class="c-{esc(verdict)}">{esc(_verdict_name(verdict, lang))}</span>'
                       f' ({esc(L["with_numbers"])}): {esc(parts)}')
    if why:
        look = f'<p class="reasons">{"<br>".join(why)}</p>' + look
    config_tag, config_hash = _script(_CONFIG)
    mj_tag, mj_hash = _script(js)
    csp = (f"default-src 'none'; script-src {config_hash} {mj_hash}; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    title = L["title"].format(name=result.name)
    license_comment = "<!--\n" + license_text.replace("--", "- -") + "\n-->"
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp, quote=False)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        '<body class="tex2jax_ignore">',
        f'<header><h1>{esc(title)}</h1><div class="counts">{"".join(counts)}</div>{look}</header>',
        "<main>",
        *rows,
        "</main>",
        f'<footer>{esc(L["made"])} {esc(L["mathjax"])}</footer>',
        config_tag,
        license_comment,
        mj_tag,
        "</body>",
        "</html>",
        "",
    ])
