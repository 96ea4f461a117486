"""Render claims for the book: tables of claimed vs true values with verdict badges.

Everything here returns text (Markdown or HTML) built from the registry at the
moment it is called, so a chapter never types a number or a verdict.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Iterable
from urllib.parse import urlencode

from .claims.registry import Claim, Verdict
from .i18n import T, check_lang, tr

__all__ = ["how_decided", "guarding_tests", "status_markdown", "gloss_html", "repository_url", "pages_url", "report_url", "report_link", "badge", "cell", "text_cell", "typeset_symbols", "math_cell", "claims_markdown", "verdict_counts", "counts_markdown", "legend_markdown"]

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
    Verdict.CORRECT: T("the statement is true as written", "这句话按原文所写是对的"),
    Verdict.ARITHMETIC: T("the expression as written does not give the stated value",
                          "按原文写出的算式算不出文中给出的数值"),
    Verdict.WRONG_FORMULA: T("the arithmetic is right but the formula is not the right one",
                             "计算本身没错，但用的公式不对"),
    Verdict.INCONSISTENT: T("it contradicts an earlier line of the same article", "与同一篇文章前面某一行相矛盾"),
    Verdict.CARRIED: T("wrong only because it uses an earlier wrong number", "计算本身没错，只因沿用了前面算错的数而出错"),
    Verdict.DOES_NOT_RUN: T("the code raises an error or cannot run as written", "代码按原文运行会报错，或根本无法运行"),
    Verdict.FALSE: T("a checkable statement of fact that is not so", "一条可以核实的事实陈述，但与事实不符"),
    Verdict.NOT_CHECKABLE: T("nothing definite enough to check; no verdict is given", "没有可以核查的确定内容，不下结论"),
}

# table headers and the words around a claim's explanation, in both languages
_WORDS = {
    "where": T("where", "位置"), "written": T("as written", "原文"), "claimed": T("claimed", "文中数值"),
    "true": T("true", "真值"), "verdict": T("verdict", "结论"), "right": T("what is right", "更正与说明"),
    "claims": T("claims", "论断数"), "total": T("total", "合计"), "meaning": T("meaning", "含义"),
    "fed": T("Fed correct numbers: {}.", "代入正确的数值：{}。"),
}


# ----------------------------------------------------------------------------- the published site
#: the issue form (.github/ISSUE_TEMPLATE/) that every claim row links to
REPORT_TEMPLATE = "mistake.yml"
_GITHUB = re.compile(r"^https://github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$")


@lru_cache(maxsize=1)
def repository_url() -> str | None:
    """``repository.url`` of the book's ``_config.yml`` (the one place it is written), or None when
    there is none (an installed package without its repository, or an empty URL)."""
    import yaml

    config = Path(__file__).resolve().parents[2] / "_config.yml"
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None
    url = str(((data.get("repository") or {}).get("url")) or "").strip()
    return url or None


def pages_url(repo: str) -> str | None:
    """Where GitHub Pages publishes a GitHub repository's site: ``https://github.com/OWNER/NAME``
    → ``https://owner.github.io/NAME/`` (``OWNER.github.io`` itself is published at the root);
    None for a URL that is not a GitHub repository's."""
    m = _GITHUB.match(repo or "")
    if not m:
        return None
    owner, name = m.group(1).lower(), m.group(2)
    return f"https://{owner}.github.io/" if name.lower() == f"{owner}.github.io" else f"https://{owner}.github.io/{name}/"


def report_url(ref: str, lang: str = "en") -> str | None:
    """The issue form for reporting a mistake in the book about claim ``ref`` (``"002:151"``), with
    the reference and a title filled in (GitHub issue forms read a field's ``id`` from the query);
    None without a GitHub repository URL."""
    repo = repository_url()
    if not repo or not _GITHUB.match(repo):
        return None
    title = f"{ref}: " + ("mistake in the book" if check_lang(lang) == "en" else "书中有误")
    query = urlencode({"template": REPORT_TEMPLATE, "claim": ref, "title": title})
    return f"{repo.rstrip('/')}/issues/new?{query}"


_REPORT_WORDS = T("Report a mistake in the book about {}", "报告本书关于 {} 的错误")


def report_link(ref: str, lang: str = "en") -> str:
    """A small link (⚑) after a claim's reference to :func:`report_url`; "" without a repository."""
    url = report_url(ref, lang)
    if url is None:
        return ""
    words = escape(tr(_REPORT_WORDS, lang).format(ref))
    # a no-break space: the reference (002:151) and its flag stay on one line
    return f'\u00a0<a class="bpnn-report" href="{escape(url)}" title="{words}" aria-label="{words}">⚑</a>'


def badge(v: Verdict, lang: str = "en") -> str:
    """An inline HTML badge for a verdict (styled by book/_static/verdicts.css), named in ``lang``."""
    v = Verdict(v)
    return f'<span class="verdict verdict-{_BADGE_CLASS[v]}">{v.label(lang)}</span>'


def cell(text) -> str:
    """Text for one Markdown table cell: pipes escaped, on one line, "–" when empty."""
    if text is None or text == "":
        return "–"
    return str(text).replace("|", r"\|").replace("\n", " ")


# ----------------------------------------------------------------------------- notation
# The claims' prose (what is right, true values) is plain text such as "δ_7 = ∂L/∂z_7"
# or "O^(l) = f(W^(l) O^(l-1) + b^(l))".  In the book every symbol is typeset as math,
# in the notation of the four-equations chapter: subscripts and parenthesised layer
# superscripts become TeX, Greek letters become their TeX names.
_GREEK = {"α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
          "η": r"\eta", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "σ": r"\sigma", "φ": r"\varphi",
          "Δ": r"\Delta", "Σ": r"\sum", "∇": r"\nabla", "ŷ": r"\hat{y}", "ô": r"\hat{o}"}
_BASE = "A-Za-z" + "".join(k for k in _GREEK if k not in "Σ∇")
_SUP = r"\^(?:\((?:[^()\s]|\([^()\s]*\))+\)|\{[^{}\s]+\}|\d)"
_SUB = r"_(?:\{[^{}\s]+\}|\d+|[a-z]{1,2}(?![A-Za-z])|[A-Z]{2,3}(?![A-Za-z]))"
# a one-letter symbol with at least one sub- or superscript (w_71, O^(l-1), n_{l-1}, w^(1)_11),
# or a Greek letter on its own (η, δ_7); never part of a longer name (x_train, half_sse, np.W1)
_SYMBOL = re.compile(rf"(?<![A-Za-z0-9_.\\])(?:[{_BASE}](?:{_SUP}|{_SUB}){{1,2}}|Δ[A-Za-z](?:{_SUP}|{_SUB}){{0,2}}(?![\w(])|[{''.join(_GREEK)}](?:{_SUB})?(?!\w))")
_PROTECTED = re.compile(r"(``.*?``|`[^`]*`|\$[^$]*\$)")


def _tex_symbol(sym: str) -> str:
    out = "".join(_GREEK.get(ch, ch) + (" " if ch in _GREEK and len(_GREEK[ch]) > 2 else "") for ch in sym[0]) + sym[1:]
    out = re.sub(r"\^\(((?:[^()]|\([^()]*\))+)\)", r"^{(\1)}", out)       # O^(l-1) -> O^{(l-1)}
    out = re.sub(r"_([a-z]{2}|\d{2,}|[A-Z]{2,3})(?![}\w])", lambda m: "_{" + (m.group(1) if not m.group(1).isupper() else rf"\mathrm{{{m.group(1)}}}") + "}", out)
    return out.strip()


_OPS = {"∂": r"\partial ", "·": r"\cdot ", "×": r"\times ", "−": "-", "≈": r"\approx ", "≤": r"\le ",
        "≥": r"\ge ", "²": "^2", "ᵀ": "^T", "′": "'", "→": r"\to ", "←": r"\leftarrow ", "⊙": r"\odot ",
        "…": r"\dots ", "½": r"\tfrac{1}{2}"}
_TOKEN = re.compile(rf"(?P<sym>{_SYMBOL.pattern})|(?P<num>\d+(?:\.\d+)?)|(?P<letter>(?<![\w.])[A-Za-z](?![\w]))"
                    rf"|(?P<op>[=+\-/(){''.join(_OPS)}])|(?P<space>[ ]+)")


def _runs(text: str):
    """Maximal formula-like runs: symbols, one-letter names, numbers and operators, holding at least one
    indexed symbol, Greek letter or ∂; yields (start, end, TeX)."""
    i, n = 0, len(text)
    while i < n:
        m = _TOKEN.match(text, i)
        if not m or m.group("space") or m.group("op") in (")", "/", "=", "+", "·", "×", "≈"):
            i += 1
            continue
        toks, j, strong = [], i, False
        while j < n:
            t = _TOKEN.match(text, j)
            if not t:
                break
            toks.append(t)
            strong |= bool(t.group("sym")) or t.group("op") == "∂"
            j = t.end()
        # trim trailing spaces and operators other than closing brackets and primes, then balance brackets
        while toks and (toks[-1].group("space") or (toks[-1].group("op") and toks[-1].group("op") not in ")²ᵀ′")):
            toks.pop()
        while toks and sum(t.group(0).count("(") - t.group(0).count(")") for t in toks) != 0:
            toks.pop()
            while toks and toks[-1].group("space"):
                toks.pop()
        strong = any(t.group("sym") or t.group("op") == "∂" for t in toks)
        if toks and strong:
            tex = "".join(_tex_symbol(t.group(0)) if t.group("sym") else _OPS.get(t.group(0), t.group(0)) for t in toks)
            yield toks[0].start(), toks[-1].end(), " ".join(tex.split())
            i = toks[-1].end()
        else:
            i = (toks[0].end() if toks else i + 1)


def _split_relations(tex: str) -> list[str]:
    """A long chain ``a = b = c`` as ``a =``, ``b =``, ``c``: separate formulas, so that a
    narrow table cell can break the line between them (inline MathJax never breaks)."""
    pieces, depth, start = [], 0, 0
    for m in re.finditer(r"\\(?:left|right|big|Big|bigg|Bigg)[lr]?(?![A-Za-z])\s*(?:\\[{}|]|\\[A-Za-z]+|.)"
                         r"|\\(?:begin|end)\{[^}]*\}|[(){}]|\\[{}]|=|\\approx(?![A-Za-z])|\\to(?![A-Za-z])"
                         r"|\\leftarrow(?![A-Za-z])", tex):
        tok = m.group(0)
        if tok in ("\\{", "\\}"):
            continue
        if tok.startswith(("\\left", "\\begin")):
            depth += 1
        elif tok.startswith(("\\right", "\\end")):
            depth -= 1
        elif tok.startswith(("\\big", "\\Big")):
            pass                      # \big( and friends: sized brackets, not groups
        elif tok in "({":
            depth += 1
        elif tok in ")}":
            depth -= 1
        elif depth == 0:
            pieces.append(tex[start:m.end()].strip())
            start = m.end()
    pieces.append(tex[start:].strip())
    pieces = [p for p in pieces if p]
    balanced = all(p.count("{") - p.count("\\{") == p.count("}") - p.count("\\}") for p in pieces)
    if not (len(tex) > 24 and depth == 0 and balanced):
        return [tex]
    return [q for p in pieces for q in (_split_products(p) if len(p) > 20 else [p])]


def _split_products(tex: str) -> list[str]:
    """A long side ``a \\cdot (1 - a) \\cdot b`` as one formula per factor or term (operator kept
    at the end of each), at the top level only; anything else unchanged."""
    pieces, depth, start = [], 0, 0
    for m in re.finditer(r"\\(?:left|right)(?![A-Za-z])|\\(?:begin|end)\{[^}]*\}|\\[{}]|[(){}]"
                         r"|\\cdot(?![A-Za-z])|\\times(?![A-Za-z])|(?<= )[+](?= )", tex):
        tok = m.group(0)
        if tok in ("\\{", "\\}"):
            continue
        if tok in ("\\left", "({") or tok.startswith("\\begin") or tok in "({":
            depth += 1
        elif tok == "\\right" or tok.startswith("\\end") or tok in ")}":
            depth -= 1
        elif depth == 0 and m.end() - start > 6:
            pieces.append(tex[start:m.end()].strip())
            start = m.end()
    pieces.append(tex[start:].strip())
    pieces = [p for p in pieces if p]
    ok = depth == 0 and all(p.count("{") - p.count("\\{") == p.count("}") - p.count("\\}") for p in pieces)
    return pieces if ok and len(pieces) > 1 else [tex]


def typeset_symbols(text: str) -> str:
    """Plain text with its formulas and indexed symbols turned into inline math.

    ``"δ_7 = ∂L/∂z_7, no b_72"`` → ``"$\\delta_7 = \\partial L/\\partial z_7$, no $b_{72}$"``: a run
    of symbols, one-letter names, numbers and operators that holds at least one indexed
    symbol (``w_71``, ``O^(l-1)``, ``n_{l-1}``), Greek letter or ∂ becomes one ``$…$``.
    Text inside backticks or already inside ``$…$`` is left alone, and so are longer
    names (``x_train``, ``half_sse``).
    """
    parts = _PROTECTED.split(str(text))
    for k in range(0, len(parts), 2):
        seg, out, last = parts[k], [], 0
        for a, b, tex in _runs(seg):
            out += [seg[last:a], " ".join(f"${piece}$" for piece in _split_relations(tex))]
            last = b
        parts[k] = "".join(out) + seg[last:]
    return "".join(parts)


# Chinese characters and punctuation end a word: a browser breaks a line between them anyway, and
# a number after one (…为 0.9638。) must not get a break inside it
_CJK_CHARS = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_LONG_WORD = re.compile(rf"(?<![\w/.])[^\s$`<>|\[\]{_CJK_CHARS}]{{18,}}")
_KEEP = re.compile(r"(\$[^$]*\$|``.*?``|`[^`]*`|\[[^\]]*\]\([^)]*\)|<[^>]+>)")


def _breakable(text: str) -> str:
    """Long words (paths, dotted names, URLs) with break opportunities (``<wbr>``) after
    ``/ . _ = ( ,``: a narrow cell wraps them instead of growing.  Math, code, links and
    HTML tags are left alone."""
    parts = _KEEP.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = _LONG_WORD.sub(lambda m: re.sub(r"([/._=(,])(?=.)", r"\1<wbr>", m.group(0)), parts[i])
    return "".join(parts)


def text_cell(text) -> str:
    """Prose for a table cell (see :func:`cell`): its symbols typeset (:func:`typeset_symbols`)
    and its long words breakable (``_breakable``)."""
    return cell(text) if text is None or text == "" else cell(_breakable(typeset_symbols(text)))


def math_cell(tex: str) -> str:
    """An article's formula as inline math inside a table cell (| and $ cannot appear raw).

    A long chain ``a = b = c`` becomes one formula per side (``$a =$ $b =$ $c$``), so that
    the cell can wrap between them: inline MathJax never breaks a line, and one long
    formula would make the table wider than the page's column.
    """
    tex = tex.replace("|", r"\vert ").replace("$", r"\$")
    return " ".join(f"${piece}$" for piece in _split_relations(tex))


def gloss_html(gloss: str, lang: str = "en") -> str:
    """What follows a quote in Chinese in an English table cell: a line break and its English gloss
    (``bpnn/articles/claims/glosses.py``), in quotation marks; "" in Chinese or without a gloss."""
    if check_lang(lang) != "en" or not gloss:
        return ""
    return f'<br><span class="bpnn-gloss" lang="en">“{escape(cell(gloss))}”</span>'


def short_source(c: Claim) -> str:
    return f"{c.article}:{c.line}"


def _w(key: str, lang: str) -> str:
    return tr(_WORDS[key], lang)


def claims_markdown(claims: Iterable[Claim], math: bool = True, detail: bool = True, lang: str = "en") -> str:
    """A Markdown table: where, as written, claimed, true, verdict (and what is right), in ``lang``.

    In Chinese (``lang="zh"``) every text comes from the claim's Chinese twin
    (:mod:`bpnn.articles.i18n`); a claim without one raises
    :class:`~bpnn.articles.i18n.MissingTranslation` instead of showing English.
    """
    check_lang(lang)
    # the explanation's column keeps a readable width (book/_static/verdicts.css, .bpnn-wide)
    head = (f"| {_w('where', lang)} | {_w('written', lang)} | {_w('claimed', lang)} | {_w('true', lang)} | {_w('verdict', lang)} |"
            + (f' <span class="bpnn-wide">{_w("right", lang)}</span> |' if detail else ""))
    sep = "|---|---|---:|---:|---|" + ("---|" if detail else "")
    rows = [head, sep]
    for c in claims:
        o = c.evaluate()
        written = (math_cell(c.quote) if math else f"`{cell(c.quote)}`") + gloss_html(c.gloss, lang)
        computed = tr(o.computed, lang, f"claim {c.id}: computed")
        row = f"| {short_source(c)}{report_link(short_source(c), lang)} | {written} | {text_cell(c.claimed)} | {text_cell(computed)} | {badge(o.verdict, lang)} |"
        if detail:
            extra = tr(o.detail, lang, f"claim {c.id}: detail")
            if o.corrected:
                fed = _w("fed", lang).format(tr(o.corrected, lang, f"claim {c.id}: corrected"))
                # after Chinese punctuation (。) no space: Chinese sentences follow each other directly
                extra = (f"{extra}{fed}" if extra.endswith(("。", "！", "？", "；")) else f"{extra} {fed}") if extra else fed
            row += f" {text_cell(extra)} |"
        rows.append(row)
    return "\n".join(rows)


def verdict_counts(claims: Iterable[Claim]) -> Counter:
    """How many claims have each computed verdict."""
    return Counter(c.evaluate().verdict for c in claims)


def counts_markdown(claims: Iterable[Claim], lang: str = "en") -> str:
    counts = verdict_counts(list(claims))
    rows = [f"| {_w('verdict', lang)} | {_w('claims', lang)} |", "|---|---:|"]
    for v in Verdict:
        if counts.get(v):
            rows.append(f"| {badge(v, lang)} | {counts[v]} |")
    rows.append(f"| **{_w('total', lang)}** | **{sum(counts.values())}** |")
    return "\n".join(rows)


def legend_markdown(lang: str = "en") -> str:
    rows = [f"| {_w('verdict', lang)} | {_w('meaning', lang)} |", "|---|---|"]
    rows += [f"| {badge(v, lang)} | {tr(_MEANING[v], lang)} |" for v in Verdict]
    return "\n".join(rows)



# ----------------------------------------------------------------------------- the status page
#: how a verdict is decided, by what the claim's check does (the first rule whose words its method
#: names): (key, words in the method, English, Chinese)
_HOW = (
    ("none", ("none (",), T("nothing to check", "无可核查")),
    ("sympy", ("sympy", "d/dη"), T("sympy proof", "sympy 证明")),
    ("audit", ("the audit", "audit's value"), T("audit of the arithmetic", "算术审计")),
    ("run", ("trained", "lock step", "the run", "sweep", "on the engine", "in-place update", "reproduction",
             "observed in"), T("code run", "运行代码")),
    ("code", ("(ast", "compile()", "(parsed", "parsed,"), T("reading the code", "解析代码")),
    ("lookup", ("compared with", "record of sources", "signature"), T("look-up in the sources", "查证文献")),
    ("structure", ("structure",), T("the article's structure", "文章的结构")),
)
_OWN_LINES = T("the article's own lines", "文章自身的前后文")
_TESTS_DIR = Path(__file__).resolve().parents[2] / "tests"
_PIN = "test_claims.py::test_computed_verdict_is_the_reviewed_verdict"


def how_decided(c: Claim, lang: str = "en") -> str:
    """The kind of check that decides claim ``c``'s verdict, in ``lang``, from the words of its method."""
    method = str(c.method)
    for _key, words, label in _HOW:
        if any(w in method for w in words):
            return tr(label, lang)
    return tr(_OWN_LINES, lang)


@lru_cache(maxsize=1)
def _test_texts() -> dict[str, str]:
    if not _TESTS_DIR.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(_TESTS_DIR.glob("test_*.py"))}


def guarding_tests(c: Claim) -> list[str]:
    """The tests that fail when claim ``c``'s verdict changes: the registry's pin (every claim) and every
    test file that names the claim's id (where this checkout has its tests)."""
    named = [name for name, text in _test_texts().items() if f'"{c.id}"' in text or f"'{c.id}'" in text]
    return [f"{_PIN}[{c.id}]"] + [n for n in named if n != "test_claims.py"]


_STATUS_WORDS = {
    "claim": T("claim", "论断"), "verdict": T("verdict", "结论"), "how": T("decided by", "判定方式"),
    "tests": T("guarded by", "守护它的测试"), "shown": T("shown in", "所在章节"),
}


def status_markdown(claims: Iterable[Claim], lang: str = "en") -> str:
    """The verification status of ``claims``: per claim its reference (with the report link), its id,
    its computed verdict, how that verdict is decided (:func:`how_decided`), the tests that guard it
    (:func:`guarding_tests`) and the chapter that explains it, in ``lang``."""
    check_lang(lang)
    w = {k: tr(v, lang) for k, v in _STATUS_WORDS.items()}
    rows = [f"| {w['claim']} | {w['verdict']} | {w['how']} | {w['tests']} | {w['shown']} |", "|---|---|---|---|---|"]
    for c in claims:
        o = c.evaluate()
        doc = (c.explained_in or "").partition("#")[0]
        shown = "–" if not doc else f"{{doc}}`{doc}`"
        # plain words (a code span in a cell may break anywhere, "test_claims.p|y")
        tests = "<br>".join(text_cell(t.partition("::")[0]) for t in guarding_tests(c))
        rows.append(f"| {short_source(c)}{report_link(short_source(c), lang)}<br>`{c.id}` | {badge(o.verdict, lang)} | "
                    f"{how_decided(c, lang)} | {tests} | {shown} |")
    return "\n".join(rows)
