"""``bpnn audit FILE...``: check the arithmetic of the LaTeX math in a Markdown article.

What it reads
    Markdown with LaTeX math: display ``$$ … $$`` (on one line or spanning lines),
    ``\\[ … \\]``, inline ``\\( … \\)`` and ``$ … $``.  Fenced code blocks and inline
    code are skipped.  Each display block is one equation, reported at the line where
    its text starts; a block whose rows are separated by ``\\\\`` (an ``aligned``
    environment) is one equation per row.

What it checks
    Every equation is split into its sides at ``=``, ``\\approx`` (≈), ``\\simeq`` and
    ``:=``; other relations (``<``, ``\\neq``, ``\\to``, …) break the chain and are not
    checked.  Each side is parsed (:mod:`bpnn.articles.latexnum`: its own recursive-descent
    parser, no ``eval``) and evaluated where it has a value: a side made only of numbers, or one
    whose symbols the document has already given a value.  Consecutive sides that
    have a value must agree:

    * a bare printed number claims the precision it prints: ``0.865`` stands for
      any value in 0.865 ± 0.0005 (``2`` for 2 ± 0.5, ``1e-4`` for 1e-4 ± 5e-5);
    * an input that the article itself rounded is followed through the formula: a
      number counts as rounded where the document has printed that same number
      earlier as the inexact result of a calculation (after ``≈``, or where the
      calculation does not give it exactly), and a symbol whose remembered value
      was such a result is rounded the same way.  Each such occurrence may lie
      anywhere within half a unit of its last printed digit; the side's value is
      then an interval, the smallest and largest values over every combination of
      the ends of those ranges (first-order bounds, doubled, beyond 10 rounded
      inputs).  Numbers printed only as data (a weight 0.1, a learning rate) are exact,
      and so are whole numbers (the 1 of ``1 - a``, an exponent) and the value of a
      plain definition ``\\eta = 0.5``;
    * a side agrees with a printed number when its range reaches the number's
      range; two printed numbers agree when the finer rounds to the coarser
      (``0.50 = 0.5``, but not ``1 = 2``); two formulas agree when their ranges
      overlap, and ``≈`` between them allows half a unit of the coarsest number in
      them.

    Where an equation starts with a single name and ends with a printed number
    (``z_1 = … = 0.2``), that number is remembered as the name's value and used to
    evaluate later sides that need it (``\\frac{1}{1 + e^{-z_1}}``); the report names
    every value it used and the line it came from.  What is remembered is the value as
    printed, right or wrong: the audit checks each line's arithmetic as written.  A
    heading of level 1 or 2 starts afresh (an article can hold two versions of one
    example).

What it reports
    Every math line with one verdict: ``ok`` (at least one pair of sides compared,
    all agree), ``wrong`` (some pair disagrees; with the computed value), ``unchecked``
    (nothing to compare: no numbers, or symbols without a value, which it names),
    ``unparsed`` (a side with numbers that cannot be parsed or evaluated; with the
    reason).  Exit status: 0 nothing wrong, 1 something wrong, 2 unusable input.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import BpnnError

__all__ = [
    "MathPiece", "Check", "LineResult", "FileResult", "extract_math", "audit_text", "audit_file",
    "audit_document", "stored_math", "dump_extract", "audit_stored", "extract_files", "format_table",
    "format_markdown", "to_json", "add_parser", "STORED_MATH", "VERDICTS", "VERDICTS_ZH", "verdict_label",
    "summary_markdown", "symbolic_articles", "corpus_markdown", "corpus_figures",
]

VERDICTS = ("ok", "wrong", "inconsistent", "unchecked", "unparsed")
#: the audit's verdicts (and the errata's "not math": a line the audit does not read) in Chinese
VERDICTS_ZH = {"ok": "无误", "wrong": "有误", "inconsistent": "前后矛盾", "unchecked": "未核查",
               "unparsed": "无法解析", "not math": "非数学式"}
STORED_MATH = Path(__file__).resolve().parent / "data" / "article_math.json"
MAX_CORNERS = 10        # at most 2**10 evaluations per side for the rounding bounds
MAX_ROUNDED = 300       # beyond this many rounded inputs a side is not bounded (first-order bounds cost n²)
MAX_TERMS_SIDE = 5000
MAX_FILE_BYTES = 20_000_000


def verdict_label(verdict: str, lang: str = "en") -> str:
    """An audit verdict (one of ``VERDICTS``, or "not math") as the book prints it in ``lang``."""
    from .i18n import check_lang

    if check_lang(lang) == "en":
        return verdict
    if verdict not in VERDICTS_ZH:
        raise BpnnError(f"audit verdict {verdict!r}: must be one of {', '.join(VERDICTS_ZH)}")
    return VERDICTS_ZH[verdict]


# ----------------------------------------------------------------------------- extraction

@dataclass(frozen=True)
class MathPiece:
    """One equation (or formula) of a document: its 1-based line, delimiter and TeX."""

    line: int
    kind: str        # "$$", "\\[", "$", "\\("
    tex: str


_ROW_ENVS = ("aligned", "align", "align*", "alignat", "alignat*", "gather", "gather*", "gathered", "split",
             "equation", "equation*", "eqnarray", "eqnarray*", "array", "multline", "multline*", "flalign", "flalign*",
             "cases")
_BEGIN = re.compile(r"\\begin\{([a-zA-Z]+\*?)\}(\{[^{}]*\})?")
_END = re.compile(r"\\end\{([a-zA-Z]+\*?)\}")
_REL_START = re.compile(r"^\s*(=|\\approx|≈|:=|\\simeq|\\le|\\ge|<|>)")


def _row_env_body(text: str):
    """The rows of a block made only of row environments (align, aligned, array, …), or None."""
    envs = [m.group(1) for m in _BEGIN.finditer(text)]
    if not envs:
        return None, False
    if any(e not in _ROW_ENVS for e in envs):
        return None, True      # a matrix, cases, …: one piece, refused as a whole
    body = _BEGIN.sub(lambda m: " " * len(m.group(0)), text)
    body = _END.sub(lambda m: " " * len(m.group(0)), body)
    return body, any(e.startswith("multline") for e in envs)


def _display_pieces(text: str, first_line: int, kind: str) -> list[MathPiece]:
    """The equations of one display block: one chain per ``\\\\`` row (a row that starts with a
    relation continues the previous row's chain); a matrix or ``cases`` block is one piece."""
    def line_at(offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    if not text.strip():
        return []
    body, flag = _row_env_body(text)
    if body is None:
        if flag or "\\\\" not in text:
            off = len(text) - len(text.lstrip())
            return [MathPiece(line_at(off), kind, " ".join(text.split()))]
        body = text
    elif flag:    # multline: one equation over several rows
        off = len(body) - len(body.lstrip())
        return [MathPiece(line_at(off), kind, " ".join(body.replace("\\\\", " ").replace("&", " ").split()))]
    pieces: list[MathPiece] = []
    pos = 0
    for row in re.split(r"(\\\\(?:\[[^\]]*\])?)", body):
        if not row.startswith("\\\\") and row.strip():
            off = pos + len(row) - len(row.lstrip())
            tex = " ".join(row.replace("&", " ").split())
            tex = re.sub(r"\\(?:tag|label)\{[^{}]*\}|\\nonumber|\\notag", "", tex).strip()
            if tex:
                if pieces and _REL_START.match(tex):
                    # "a &= b \\ &= c": the row continues the chain; it keeps the chain's subject
                    # (a name on the left, not evaluated) so that the name gets the row's result
                    prev_sides = split_chain(pieces[-1].tex)[0]
                    head = prev_sides[-1]
                    if len(prev_sides) > 2 and _is_name(prev_sides[0]) is not None:
                        head = prev_sides[0] + " = " + head
                    tex = head + " " + tex
                pieces.append(MathPiece(line_at(off), kind, tex))
        pos += len(row)
    return pieces


def _markdown():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.amsmath import amsmath_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.texmath import texmath_plugin

    md = MarkdownIt("commonmark", {"maxNesting": 40})
    md.use(amsmath_plugin)
    # $ … $ with blanks inside is typeset by MathJax, so it is math; "$5 and $6" (prices) is not
    md.use(dollarmath_plugin, allow_space=True, allow_digits=False, double_inline=True)
    md.use(texmath_plugin, delimiters="brackets")
    return md


_MD = None
_HEADING_TAGS = {"h1": 1, "h2": 2}


def extract_math(text: str, plain: bool = True) -> tuple[list[MathPiece], list[tuple[int, int]]]:
    """The math of a Markdown text and its level-1/2 headings: ``(pieces, [(line, level)])``.

    Math is found with markdown-it (CommonMark) and its dollarmath, amsmath and texmath
    plugins: ``$ … $``, ``$$ … $$``, ``\\( … \\)``, ``\\[ … \\]`` and the ``\\begin{…}``
    environments; code (fenced, indented, inline) is not math.  With ``plain``, lines of the
    prose that are arithmetic chains ending in a number are pieces too (kind ``"text"``).
    """
    global _MD
    if _MD is None:
        _MD = _markdown()
    _check_unclosed(text)
    tokens = _MD.parse(text)
    lines = text.split("\n")
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)
    pieces: list[MathPiece] = []
    sections: list[tuple[int, int]] = []
    last_line = 0
    for k, tok in enumerate(tokens):
        if tok.map:
            last_line = tok.map[0]
        if tok.type == "heading_open" and tok.tag in _HEADING_TAGS:
            sections.append((tok.map[0] + 1, _HEADING_TAGS[tok.tag]))
        if tok.type in ("math_block", "math_block_label", "math_block_eqno", "amsmath"):
            if tok.map:
                start = tok.map[0]
            else:   # texmath's \[ … \] blocks carry no line map: find the text
                start = _find_line(text, offsets, tok.content, last_line)
            kind = {"amsmath": "env"}.get(tok.type, "$$")
            if tok.type != "amsmath" and tok.markup in ("\\[", "\\]"):
                kind = "\\["
            if tok.type != "amsmath" and not tok.map:
                kind = "\\["
            body = tok.content
            if tok.map:
                pieces.extend(_display_pieces(body, _content_line(lines, start, body), kind))
            else:
                pieces.extend(_display_pieces(body, start + 1, kind))
        elif tok.type == "inline" and tok.children is not None:
            line = tok.map[0] + 1
            for child in tok.children:
                if child.type in ("math_inline", "math_inline_double"):
                    tex = child.content
                    kind = "$" if child.markup in ("$", "$$") or not child.markup else "\\("
                    if child.markup == "$$" or child.type == "math_inline_double":
                        pieces.extend(_display_pieces(tex, line, "$$"))
                    elif tex.strip():
                        pieces.append(MathPiece(line, kind, " ".join(tex.split())))
                    line += tex.count("\n")
                elif child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "text":
                    if plain:
                        pieces.extend(_plain_pieces(child.content, line))
                    line += child.content.count("\n")
                elif child.type == "code_inline":
                    line += child.content.count("\n")
    if plain:
        _link_continuations(pieces)
        pieces = [p for p in pieces if p.kind != "text-head"]
    return pieces, sections


def _content_line(lines: list[str], start: int, body: str) -> int:
    """1-based line on which the text ``body`` of a display block opened on line ``start`` (0-based) begins."""
    src = (lines[start] if start < len(lines) else "").strip()
    opener_only = src in ("$$", "\\[") or re.fullmatch(r"\\begin\{[^}]*\}", src) is not None
    if opener_only and not body.startswith("\n") and not body.lstrip().startswith("\\begin"):
        return start + 2
    return start + 1


def _find_line(text: str, offsets: list[int], content: str, from_line: int) -> int:
    pos = text.find(content, offsets[min(from_line, len(offsets) - 1)])
    if pos < 0:
        pos = text.find(content)
    if pos < 0:
        return from_line
    import bisect

    return bisect.bisect_right(offsets, pos) - 1


def _check_unclosed(text: str) -> None:
    """A ``$$`` or ``\\[`` opened outside code and never closed is unusable input."""
    fence = None
    opened = None
    # HTML comments are not shown: blank them out, keeping the line count
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for lineno, raw in enumerate(text.split("\n"), start=1):
        m = re.match(r"^\s*(`{3,}|~{3,})", raw)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m and opened is None:
            fence = m.group(1)
            continue
        s = re.sub(r"`[^`]*`", "", raw).replace("\\$", "")
        for tok in re.findall(r"\$\$|\\\[|\\\]", s):
            if opened is None and tok in ("$$", "\\["):
                opened = (tok, lineno)
            elif opened is not None and ((opened[0] == "$$" and tok == "$$") or (opened[0] == "\\[" and tok == "\\]")):
                opened = None
    if opened is not None:
        closer = "$$" if opened[0] == "$$" else "\\]"
        raise BpnnError(f"line {opened[1]}: the math opened with {opened[0]} is never closed with {closer}")


# ---- plain-text arithmetic: Jo1 = 1/2 * (0.75136507 - 0.01)^2 = 0.298371109

_PLAIN_CHARS = r"A-Za-z0-9_.+\-*/^()\[\]= '×÷·⋅−–≈²³¹⁰⁴⁵⁶⁷⁸⁹⁻⁺₀₁₂₃₄₅₆₇₈₉½¼¾ση𝜎δηαθλε∂Δ’"
_PLAIN_SEG = re.compile(f"[{_PLAIN_CHARS}]+")
_MATH_WORDS = ("exp|ln|log|sin|cos|tanh|sigmoid|sqrt|e|eta|alpha|beta|gamma|delta|sigma|lambda|theta|epsilon|"
               "lr|tmp|net|out|in")
_PROSE_WORD = re.compile(r"(?:(?<=\s)|^)(?!(?:" + _MATH_WORDS + r")\b)[A-Za-z]{2,}(?=\s|$|[,.;:])(?!\s*[=≈])")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*[A-Za-z]{3,}[^()]*\)\s*$")
_BARE_END = re.compile(r"[-−–]?\s*(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$")


def _plain_pieces(text: str, first_line: int) -> list[MathPiece]:
    """Arithmetic chains in a run of prose: ``a = 1 + 2 = 3`` ending in a number, one piece each."""
    out = []
    for k, ln in enumerate(text.split("\n")):
        if "=" not in ln and "≈" not in ln:
            continue
        for m in _PLAIN_SEG.finditer(ln):
            seg = m.group(0)
            if "=" not in seg and "≈" not in seg:
                continue
            for chunk in _PROSE_WORD.split(seg):
                chunk = _TRAILING_NOTE.sub("", chunk).strip().rstrip(".,;:'’").strip()
                if not chunk or ("=" not in chunk and "≈" not in chunk):
                    continue
                if not re.search(r"\d", chunk) and not _REL_START.match(chunk):
                    continue
                if not _BARE_END.search(chunk):
                    if _REL_START.match(chunk) and re.search(r"\d", chunk):
                        out.append(MathPiece(first_line + k, "text", " ".join(chunk.split())))
                    elif re.match(r"^[A-Za-z][\w()₀-₉]*\s*=\s*\S", chunk):
                        # "net_h1 = (w₁ · x₁) + …": the head of a chain continued on the next lines
                        out.append(MathPiece(first_line + k, "text-head", " ".join(chunk.split())))
                    continue
                if chunk.count("(") != chunk.count(")") or chunk.count("[") != chunk.count("]"):
                    continue
                out.append(MathPiece(first_line + k, "text", " ".join(chunk.split())))
    return out


def _link_continuations(pieces: list[MathPiece]) -> None:
    """A plain-text chain that starts with ``=`` continues the chain of the line just before it where
    that line ends in a formula (an unfinished chain); after a line that ends in a number it stands
    alone (``= 0.5944`` then ``= 0.5963`` are two results, not a chain)."""
    from .latexnum import LatexError, bare_number

    for i, p in enumerate(pieces):
        if p.kind != "text" or not _REL_START.match(p.tex):
            continue
        prev = pieces[i - 1] if i else None
        last = split_chain(prev.tex)[0][-1] if prev is not None else ""
        try:
            ends_in_number = bare_number(last) is not None
        except LatexError:
            ends_in_number = True
        if (prev is not None and prev.kind in ("text", "text-head") and prev.line == p.line - 1 and last
                and not ends_in_number):
            pieces[i] = MathPiece(p.line, p.kind, f"{last} {p.tex}")
        else:
            pieces[i] = MathPiece(p.line, p.kind, _REL_START.sub("", p.tex, count=1).strip())


# ----------------------------------------------------------------------------- chains

_RELATIONS = re.compile(r"\\(approx|simeq|approxeq|doteq|neq|ne|leq|le|geq|ge|lt|gt|to|rightarrow|Rightarrow|"
                        r"implies|iff|in|sim|propto|equiv|ll|gg|mapsto|leftarrow|Leftarrow)(?![A-Za-z])"
                        r"|:=|=|≈|≠|≤|≥|<|>")
_EQ_RELATIONS = {"=", ":=", "\\approx", "≈", "\\simeq", "\\approxeq", "\\doteq"}
_APPROX = {"\\approx", "≈", "\\simeq", "\\approxeq", "\\doteq"}


_CHAIN_TOKEN = re.compile(r"\\[{}]|[{}]|\\[A-Za-z]+|\\.|:=|=|≈|≠|≤|≥|<|>")


def split_chain(tex: str) -> tuple[list[str], list[str]]:
    """``a = b \\approx c`` -> (["a", "b", "c"], ["=", "\\approx"]); only top-level relations split."""
    sides, rels = [], []
    depth = 0
    start = 0
    for m in _CHAIN_TOKEN.finditer(tex):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0 and _RELATIONS.fullmatch(tok):
            sides.append(tex[start:m.start()].strip())
            rels.append(tok)
            start = m.end()
    sides.append(tex[start:].strip())
    return sides, rels


# ----------------------------------------------------------------------------- results

@dataclass
class Known:
    """A value the document established: ``z_1 = … = 0.2`` on line 144."""

    value: float
    half: float        # rounding half-width (0 where the value is exact)
    line: int
    printed: str


@dataclass
class Side:
    tex: str
    status: str                  # number | value | unresolved | unparsed | empty
    value: float | None = None
    lo: float | None = None
    hi: float | None = None
    printed: str | None = None   # for a bare number: as printed, with its sign
    missing: list[str] = field(default_factory=list)
    reason: str = ""
    uses: list[str] = field(default_factory=list)
    rounded: list[str] = field(default_factory=list)
    coarsest: float = 0.0        # half unit of the coarsest literal in it

    @property
    def has_value(self) -> bool:
        return self.status in ("number", "value")


@dataclass
class Check:
    """One comparison of two sides."""

    left: str
    relation: str
    right: str
    left_value: float
    right_value: float
    left_range: tuple[float, float]
    right_range: tuple[float, float]
    ok: bool
    by_name: bool = False        # one of the two sides is a name (its remembered value)


@dataclass
class LineResult:
    line: int
    verdict: str                     # ok | wrong | inconsistent | unchecked | unparsed
    tex: str                         # the math of the line (pieces joined by " ; ")
    stated: str | None = None        # for wrong: the printed value that disagrees
    computed: str | None = None      # for wrong: what the other side gives
    detail: str = ""
    checks: list[Check] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)
    rounded_inputs: list[str] = field(default_factory=list)
    has_numbers: bool = False
    parsed: bool = True


@dataclass
class FileResult:
    name: str
    lines: list[LineResult]
    named: list = field(default_factory=list)      # NamedCheck: stated values against a network (--spec)

    def count(self, verdict: str) -> int:
        return sum(r.verdict == verdict for r in self.lines)

    @property
    def summary(self) -> dict:
        with_numbers = [r for r in self.lines if r.has_numbers]
        return {
            "math_lines": len(self.lines),
            "with_numbers": len(with_numbers),
            "parsed": sum(r.verdict != "unparsed" for r in with_numbers),
            "checked": sum(r.verdict in ("ok", "wrong", "inconsistent") for r in self.lines),
            **{v: self.count(v) for v in VERDICTS},
        }

    def line(self, n: int) -> LineResult | None:
        for r in self.lines:
            if r.line == n:
                return r
        return None


def _g(x: float) -> str:
    """A computed value as the report prints it: 6 significant digits, no -0."""
    s = f"{x:.6g}"
    return "0" if s in ("-0", "0") else s


# ----------------------------------------------------------------------------- evaluation

@lru_cache(maxsize=65536)
def _has_number(tex: str) -> bool:
    """Does the text print a number outside subscripts (``w_{11}`` has none)?"""
    stripped = re.sub(r"_(\{[^{}]*\}|\\[A-Za-z]+|.)", "", tex)
    return any(ch.isdigit() for ch in stripped)    # ² and ① count: refused visibly, never dropped


def _evaluate_side(tex: str, memory: dict[str, Known], rounded: set[str], intermediate: bool = False) -> Side:
    """One side's value and range.  ``intermediate``: the side follows another side with a value in
    an ``=`` chain, so its decimal numbers are results of the step before, printed rounded."""
    from .latexnum import LatexError, bare_number, compile_side

    if not tex:
        return Side(tex, "empty", reason="an empty side")
    try:
        bn = bare_number(tex)
    except LatexError as exc:          # 1e400: a number beyond a float's range is never "ok"
        return Side(tex, "unparsed", reason=str(exc))
    if bn is not None:
        sign, lit = bn
        v = sign * lit.value
        return Side(tex, "number", v, v - lit.half_unit, v + lit.half_unit,
                    printed=("-" if sign < 0 else "") + lit.text, coarsest=lit.half_unit)
    try:
        side = compile_side(tex)
    except LatexError as exc:
        return Side(tex, "unparsed", reason=str(exc))
    if side.lone_e:   # "e = y - t" names an error e; Euler's number is only taken inside formulas
        if "e" not in memory:
            return Side(tex, "unresolved", missing=["e"])
        k = memory["e"]
        return Side(tex, "value", k.value, k.value - k.half, k.value + k.half,
                    uses=[f"e = {k.printed} (line {k.line})"], coarsest=k.half)
    if side.uses_e and "e" in memory:   # the document named something e: do not guess which e this is
        return Side(tex, "unresolved", missing=[f"e (Euler's number, or the e of line {memory['e'].line}?)"])
    missing = side.unresolved(memory)
    if missing:
        return Side(tex, "unresolved", missing=missing)
    if len(side.literals) > MAX_TERMS_SIDE:
        return Side(tex, "unparsed", reason=f"more than {MAX_TERMS_SIDE} numbers in one side")
    # the uncertain inputs: rounded literals and remembered values that were rounded
    lits = side.literals
    coarsest = max([lit.half_unit for lit in lits], default=0.0)
    lit_h = {}
    rounded_here = []
    for k, (kind, item) in enumerate(side.slots):
        if kind == "lit" and (item.text in rounded or (intermediate and item.decimals > 0)):
            lit_h[k] = item.half_unit
            rounded_here.append(f"{item.text} ± {_g(item.half_unit)}")
    occurrences: dict[int, str] = {}

    def record(name, occ):
        occurrences[occ] = name
        return memory[name].value

    try:
        point = side.value({}, record)
    except OverflowError:
        return Side(tex, "unparsed", reason="cannot be evaluated: too large for a float")
    except (ZeroDivisionError, ValueError) as exc:
        return Side(tex, "unparsed", reason=f"cannot be evaluated: {exc}")
    used = sorted(set(occurrences.values()))
    uses = [f"{n} = {memory[n].printed} (line {memory[n].line})" for n in used]
    if side.uses_sigmoid:
        uses.append("σ(…) read as the logistic function 1/(1+e^-z)")
    for n in used:
        if memory[n].half:
            rounded_here.append(f"{n} = {memory[n].printed} ± {_g(memory[n].half)}")
            coarsest = max(coarsest, memory[n].half)
    # the same printed number twice in a side (x(1 - x)) is one rounded value, not two
    by_text: dict[str, list[int]] = {}
    for k in lit_h:
        by_text.setdefault(side.slots[k][1].text, []).append(k)
    variables = [("k", tuple(ks), lit_h[ks[0]]) for ks in by_text.values()]
    variables += [("s", occ, memory[name].half) for occ, name in occurrences.items() if memory[name].half]
    lo = hi = point
    try:
        if variables and len(variables) <= MAX_CORNERS:
            for signs in itertools.product((-1.0, 1.0), repeat=len(variables)):
                lv = {}
                sv = {}
                for (kind, key, h), sgn in zip(variables, signs):
                    if kind == "k":
                        lv.update({k: sgn * h for k in key})
                    else:
                        sv[key] = sgn * h
                v = side.value({k: side.slots[k][1].value + d for k, d in lv.items()},
                               lambda n, occ: memory[n].value + sv.get(occ, 0.0))
                lo, hi = min(lo, v), max(hi, v)
        elif len(variables) > MAX_ROUNDED:
            return Side(tex, "unparsed", reason=f"{len(variables)} rounded inputs: too many to bound")
        elif variables:
            spread = 0.0
            for kind, key, h in variables:
                step = h * 1e-3
                if kind == "k":
                    v = side.value({k: side.slots[k][1].value + step for k in key}, lambda n, occ: memory[n].value)
                else:
                    v = side.value({}, lambda n, occ: memory[n].value + (step if occ == key else 0.0))
                spread += abs(v - point) / step * h
            lo, hi = point - 2 * spread, point + 2 * spread
    except (ZeroDivisionError, ValueError, OverflowError) as exc:
        return Side(tex, "unparsed", reason=f"cannot be evaluated near its printed inputs: {exc}")
    return Side(tex, "value", point, lo, hi, uses=uses, rounded=rounded_here, coarsest=coarsest)


def _agree(a: Side, b: Side, relation: str) -> bool:
    eps = 1e-12 * max(abs(a.value), abs(b.value)) + 1e-300    # float noise only, relative
    if a.status == "number" and b.status == "number":
        # two printed numbers: the finer must round to the coarser (0.50 = 0.5, not 1 = 2)
        return abs(a.value - b.value) <= max(a.coarsest, b.coarsest) + eps
    if a.lo - eps <= b.hi and b.lo - eps <= a.hi:
        return True
    if relation in _APPROX and a.status == "value" and b.status == "value":
        tol = max(a.coarsest, b.coarsest)
        return a.lo - tol - eps <= b.hi and b.lo - tol - eps <= a.hi
    return False


@lru_cache(maxsize=65536)
def _is_name(tex: str) -> str | None:
    """The name where a side is one plain or opaque name (``z_1``, ``\\delta_7``, a derivative)."""
    from .latexnum import LatexError, compile_side

    t = tex.lstrip()
    if not t or t[0] in "0123456789.+-−(|[" or t.startswith((r"\left", r"\frac{1", r"\sqrt", r"\sum")):
        return None          # a number or a formula: no name starts so (and parsing it would cost time)
    try:
        side = compile_side(tex)
    except LatexError:
        return None
    if side.lone_e:
        return "e"
    if side.tree[0] == "s":
        return side.tree[1]
    return None


@dataclass
class _PieceResult:
    checks: list[Check]
    sides: list[Side]
    has_numbers: bool
    inconsistent: list = field(default_factory=list)


_LIST_SEP = re.compile(r"\\q?quad|\\text\{\s*(?:,|;|，|；|and|和|及)\s*\}|[,;，；]")


def split_list(tex: str) -> list[str]:
    r"""``w_7=0.3,\; w_8=-0.1,\; b=0.1`` -> three chains; a formula that is not such a list stays whole."""
    if not re.search(r"[,;，；]|\\q?quad|\\text", tex):
        return [tex]
    parts, depth, start, i = [], 0, 0, 0
    while i < len(tex):
        c = tex[i]
        if c == "\\" and i + 1 < len(tex) and tex[i + 1] in "{}":
            i += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0:
            m = _LIST_SEP.match(tex, i)
            if m:
                parts.append(tex[start:i])
                start = i = m.end()
                continue
        if c == "\\":        # a command (\; \cdot): skip it whole
            m = re.match(r"\\[A-Za-z]+|\\.", tex[i:])
            i += len(m.group(0)) if m else 1
            continue
        i += 1
    parts.append(tex[start:])
    parts = [p.strip() for p in parts]
    parts = [re.sub(r"^(\\[,;:! ]|~)+|(\\[,;:! ]|~)+$", "", p).strip() for p in parts]
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(len(split_chain(p)[0]) > 1 for p in parts):
        return parts
    return [tex]


@dataclass
class Inconsistency:
    name: str
    value: str        # as printed here
    line: int         # where it was given before
    before: str       # as printed there


_VECTOR_ASSIGN = re.compile(r"^\s*(?:\\left)?\[(?P<names>[^\[\]=]+)(?:\\right)?\]\s*=\s*"
                            r"(?:\\left)?\[(?P<values>[^\[\]=]+)(?:\\right)?\]\s*$")


def _top_level_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "{(":
            depth += 1
        elif c in "})":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _vector_assignment(tex: str) -> list[str] | None:
    """``[w_1, w_2, b_1] = [0.15, 0.20, 0.35]``: three definitions, name by name (else None)."""
    m = _VECTOR_ASSIGN.match(tex)
    if not m:
        return None
    names, values = _top_level_commas(m.group("names")), _top_level_commas(m.group("values"))
    if len(names) != len(values) or len(names) < 2 or any(_is_name(n) is None for n in names):
        return None
    return [f"{n} = {v}" for n, v in zip(names, values)]


def _audit_piece(piece: MathPiece, memory: dict[str, Known], rounded: set[str], log: list | None = None) -> _PieceResult:
    parts = _vector_assignment(piece.tex) or split_list(piece.tex)
    if len(parts) > 1:
        results = [_audit_chain(MathPiece(piece.line, piece.kind, p), memory, rounded, log) for p in parts]
        return _PieceResult([c for r in results for c in r.checks], [s for r in results for s in r.sides],
                            any(r.has_numbers for r in results),
                            [x for r in results for x in r.inconsistent])
    return _audit_chain(piece, memory, rounded, log)


def _audit_chain(piece: MathPiece, memory: dict[str, Known], rounded: set[str], log: list | None = None) -> _PieceResult:
    sides_tex, rels = split_chain(piece.tex)
    has_numbers = _has_number(piece.tex)
    if not has_numbers:
        return _PieceResult([], [Side(t, "unresolved") for t in sides_tex], False)
    all_eq = all(r in _EQ_RELATIONS for r in rels)
    names = [_is_name(t) if len(sides_tex) > 1 else None for t in sides_tex]
    # the first side, where it is a name, is what the chain defines: not read from memory
    subject = names[0] if rels and rels[0] in _EQ_RELATIONS else None
    sides: list[Side] = []
    seen_value = False
    for j, t in enumerate(sides_tex):
        if j > 0 and rels[j - 1] not in _EQ_RELATIONS:
            seen_value = False
        if j == 0 and subject is not None:
            sides.append(Side(t, "unresolved", missing=[]))
            continue
        side = _evaluate_side(t, memory, rounded, intermediate=seen_value)
        seen_value = seen_value or side.has_value
        sides.append(side)
    checks: list[Check] = []
    prev: int | None = None
    exact_result: dict[int, bool] = {}
    for j, side in enumerate(sides):
        if j > 0 and rels[j - 1] not in _EQ_RELATIONS:
            prev = None
        if not side.has_value:
            continue
        if prev is not None:
            a = sides[prev]
            relation = " ".join(r for r in rels[prev:j])
            approx = any(r in _APPROX for r in rels[prev:j])
            ok = _agree(a, side, "\\approx" if approx else "=")
            checks.append(Check(a.tex, relation, side.tex, a.value, side.value, (a.lo, a.hi), (side.lo, side.hi), ok,
                                names[prev] is not None or names[j] is not None))
            if side.status == "number":
                exact_result[j] = (not approx and a.status == "value" and a.lo == a.hi
                                   and abs(a.value - side.value) <= 1e-12 * max(1.0, abs(side.value)))
        prev = j
    # a definition "name = number" states data, exactly
    # (a value printed with 6 or more significant digits is a computed result stated without its
    # computation, rounded to print: out_{h2} = 0.596884378 is not data)
    if (len(sides) == 2 and rels[0] in ("=", ":=") and sides[1].status == "number" and subject is not None
            and _significant(sides[1].printed) < 6):
        exact_result[1] = True
    # printed results that were rounded (or are not what their calculation gives)
    for j, side in enumerate(sides):
        if (j > 0 and side.status == "number" and rels[j - 1] in _EQ_RELATIONS
                and not exact_result.get(j, False) and "." in side.printed):
            rounded.add(side.printed.lstrip("-"))
    inconsistent: list[Inconsistency] = []
    # remember "name = … = number" (and every name inside such a chain)
    if len(sides) >= 2 and sides[-1].status == "number" and all_eq:
        last = sides[-1]
        j = len(sides) - 1
        half = 0.0 if exact_result.get(j, False) else (last.hi - last.lo) / 2
        for k, name in enumerate(names[:-1]):
            if name is None:
                continue
            old = memory.get(name)
            if (k == 0 and old is not None and old.line != piece.line
                    and abs(old.value - last.value) > old.half + half + 1e-12 * max(1.0, abs(last.value))
                    and name not in {n for s in sides for n in _side_names(s.tex)}):
                inconsistent.append(Inconsistency(name, last.printed, old.line, old.printed))
            memory[name] = Known(last.value, half, piece.line, last.printed)
            if log is not None:
                log.append((piece.line, name, last.printed, half))
    return _PieceResult(checks, sides, True, inconsistent)


def _significant(printed: str) -> int:
    """Significant digits of a printed number: 0.596884378 has 9, 0.40 has 2, 1e-4 has 1."""
    mantissa = re.split(r"[eE]", printed.lstrip("+-"))[0]
    return len(mantissa.replace(".", "").lstrip("0")) or 1


@lru_cache(maxsize=65536)
def _side_names(tex: str) -> frozenset:
    """The names a side uses (for telling an update w = w - … from a redefinition)."""
    from .latexnum import LatexError, compile_side

    try:
        side = compile_side(tex)
    except LatexError:
        return frozenset()
    if side.tree[0] == "s":
        return frozenset()
    return frozenset(side.names) | frozenset(side.calls)


def audit_document(name: str, pieces: list[MathPiece], sections: list[tuple[int, int]] = (),
                   log: list | None = None) -> FileResult:
    """Audit the math pieces of one document (from a file or from the stored extract)."""
    memory: dict[str, Known] = {}
    rounded: set[str] = set()
    resets = sorted(line for line, level in sections if level <= 2)
    by_line: dict[int, list[_PieceResult]] = {}
    tex_by_line: dict[int, list[str]] = {}
    ri = 0
    for piece in sorted(pieces, key=lambda p: p.line):
        while ri < len(resets) and resets[ri] < piece.line:
            memory.clear()
            rounded.clear()
            ri += 1
        by_line.setdefault(piece.line, []).append(_audit_piece(piece, memory, rounded, log))
        tex_by_line.setdefault(piece.line, []).append(piece.tex)
    results = [_line_result(n, " ; ".join(tex_by_line[n]), prs) for n, prs in sorted(by_line.items())]
    return FileResult(name, results)


def _short(tex: str, width: int = 40) -> str:
    """A formula shortened for the report (the full text is in --json)."""
    tex = " ".join(tex.split())
    return tex if len(tex) <= width else tex[: width - 1] + "…"


def _fmt_like(value: float, stated: str) -> str:
    """``value`` with as many decimals as ``stated`` prints, more where they would look equal."""
    m = re.fullmatch(r"-?(\d*)\.?(\d*)", stated.strip())
    if not m or "e" in stated.lower() or abs(value) >= 1e15:
        return _g(value)
    d = len(m.group(2))
    target = float(stated)
    for extra in range(0, 8):
        text = f"{value:.{d + extra}f}"
        if float(text) != target:
            return "0" if float(text) == 0 else text
    return _g(value)


def _line_result(line: int, tex: str, prs: list[_PieceResult]) -> LineResult:
    checks = [c for p in prs for c in p.checks]
    sides = [s for p in prs for s in p.sides]
    incons = [x for p in prs for x in p.inconsistent]
    has_numbers = any(p.has_numbers for p in prs)
    unparsed = [s for p in prs if p.has_numbers for s in p.sides if s.status in ("unparsed", "empty")
                and _has_number(s.tex)]
    missing = sorted({m for s in sides for m in s.missing})
    uses = list(dict.fromkeys(u for s in sides for u in s.uses))
    rounded = list(dict.fromkeys(r for s in sides for r in s.rounded))
    r = LineResult(line, "unchecked", tex, checks=checks, unresolved=missing, uses=uses,
                   rounded_inputs=rounded, has_numbers=has_numbers, parsed=not unparsed)
    bad = [c for c in checks if not c.ok]
    wrong = [c for c in bad if not c.by_name]
    by_tex = {s.tex: s for s in sides}
    if wrong or bad:
        c = (wrong or bad)[0]
        r.verdict = "wrong" if wrong else "inconsistent"
        right, left = by_tex.get(c.right), by_tex.get(c.left)
        if right is not None and right.status == "number":
            r.stated, r.computed = right.printed, _fmt_like(c.left_value, right.printed)
        elif left is not None and left.status == "number":
            r.stated, r.computed = left.printed, _fmt_like(c.right_value, left.printed)
        else:
            r.stated, r.computed = _g(c.right_value), _g(c.left_value)
        parts = []
        for c in (wrong or bad):
            lo, hi = c.left_range
            rs = by_tex.get(c.right)
            shown = _fmt_like(c.left_value, rs.printed) if rs is not None and rs.status == "number" else _g(c.left_value)
            rng = f" (inputs as rounded: {_g(lo)} to {_g(hi)})" if hi > lo and by_tex.get(c.left, None) is not None \
                and by_tex[c.left].status == "value" else ""
            parts.append(f"{_short(c.left)} gives {shown}{rng}, not {_short(c.right)}" if rs is not None
                         and rs.status == "number"
                         else f"{_short(c.left)} gives {_g(c.left_value)} but {_short(c.right)} gives {_g(c.right_value)}")
        r.detail = "; ".join(parts)
    elif incons:
        x = incons[0]
        r.verdict = "inconsistent"
        r.stated, r.computed = x.value, x.before
        r.detail = "; ".join(f"{x.name} = {x.value} here but {x.name} = {x.before} on line {x.line}" for x in incons)
    elif checks:
        r.verdict = "ok"
        r.detail = "1 comparison agrees" if len(checks) == 1 else f"{len(checks)} comparisons agree"
    elif unparsed:
        r.verdict = "unparsed"
        r.detail = "; ".join(dict.fromkeys(f"{_short(s.tex)}: {s.reason}" for s in unparsed))
    elif not has_numbers:
        r.detail = "no numbers"
    elif missing:
        r.detail = "no value for " + ", ".join(missing)
    else:
        r.detail = "no two sides with a value to compare"
    if r.verdict in ("ok", "wrong", "inconsistent"):
        if incons and r.verdict != "inconsistent" or (incons and bad):
            r.detail += "; " + "; ".join(f"{x.name} = {x.value} here but {x.before} on line {x.line}" for x in incons)
        if missing:
            r.detail += "; sides without a value: " + ", ".join(missing)
        if unparsed:
            r.detail += "; sides not read: " + "; ".join(dict.fromkeys(f"{_short(s.tex)} ({s.reason})" for s in unparsed))
    if uses:
        r.detail += "; uses " + ", ".join(uses)
    return r


# ----------------------------------------------------------------------------- files

def audit_text(text: str, name: str = "<text>", math_only: bool = False, log: list | None = None) -> FileResult:
    import gc

    # a long article makes many small objects: collect the young ones less often (the cyclic
    # collector's passes over them cost time, not memory)
    old = gc.get_threshold()
    gc.set_threshold(50_000, old[1], old[2])
    try:
        pieces, sections = extract_math(text, plain=not math_only)
        return audit_document(name, pieces, sections, log)
    finally:
        gc.set_threshold(*old)


def read_article(path: str | Path) -> str:
    """An article's text; a missing file, a directory, a device, a pipe or a huge file is refused at once."""
    import os

    from ..textfile import read_text_file

    if path != "-" and not os.path.lexists(path):
        raise BpnnError(f"no such file: {path}")
    return read_text_file(path, "article", max_bytes=MAX_FILE_BYTES)


def audit_file(path: str | Path, math_only: bool = False, log: list | None = None) -> FileResult:
    text = read_article(path)
    try:
        return audit_text(text, Path(path).name, math_only=math_only, log=log)
    except BpnnError as exc:
        raise BpnnError(f"{path}: {exc}") from None


def extract_files(paths) -> dict:
    """The math of some files as the JSON the project stores (math only, with line numbers)."""
    articles = {}
    for path in paths:
        text = read_article(path)
        try:
            pieces, sections = extract_math(text, plain=False)
        except BpnnError as exc:
            raise BpnnError(f"{path}: {exc}") from None
        articles[Path(path).name] = {
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "lines": len(text.splitlines()),
            "sections": [[line, level] for line, level in sections],
            "math": [[p.line, p.kind, p.tex] for p in pieces],
        }
    return {
        "about": "The LaTeX math of the articles (math only, with 1-based line numbers), "
                 "extracted by `bpnn audit --extract`; `bpnn audit --stored` audits it.",
        "format": 2,
        "articles": dict(sorted(articles.items())),
    }


def dump_extract(data: dict) -> str:
    """The extract as text: one math line, section or parse per line (diffs stay readable)."""
    def j(x):
        return json.dumps(x, ensure_ascii=False)

    out = ["{", f' "about": {j(data["about"])},', f' "format": {j(data["format"])},', ' "articles": {']
    names = list(data["articles"])
    for i, name in enumerate(names):
        a = data["articles"][name]
        out.append(f'  {j(name)}: {{')
        out.append(f'   "sha256": {j(a["sha256"])},')
        out.append(f'   "lines": {j(a["lines"])},')
        out.append(f'   "sections": {j(a["sections"])},')
        out.append('   "math": [')
        out.append(",\n".join(f"    {j(m)}" for m in a["math"]))
        out.append("   ]")
        out.append("  }" + ("," if i < len(names) - 1 else ""))
    out.append(" }")
    out.append("}")
    return "\n".join(out) + "\n"


@lru_cache(maxsize=4)
def _load_stored(path: str) -> dict:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BpnnError(f"{p}: cannot read the stored math: {exc.strerror}") from None
    except ValueError as exc:
        raise BpnnError(f"{p}: the stored math is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != 2 or not isinstance(data.get("articles"), dict):
        raise BpnnError(f"{p}: not a stored-math file of format 2")
    return data


def stored_math(path: str | Path = STORED_MATH) -> dict:
    """The stored extract: ``{file name: {"math": [[line, kind, tex], …], "sections": …}}``."""
    return _load_stored(str(path))["articles"]


def _resolve_stored(names, articles: dict) -> list[str]:
    if not names:
        return list(articles)
    out = []
    for n in names:
        hits = [a for a in articles if a == n or a.split("_", 1)[0] == n or a == Path(n).name]
        if not hits:
            raise BpnnError(f"no stored article {n!r}; stored: {', '.join(articles)}")
        out.extend(hits)
    return out


def audit_stored(names=(), path: str | Path = STORED_MATH) -> list[FileResult]:
    """Audit the stored math of some articles (all five by default); no article files needed."""
    articles = stored_math(path)
    results = []
    for name in _resolve_stored(names, articles):
        a = articles[name]
        pieces = [MathPiece(int(line), kind, tex) for line, kind, tex in a["math"]]
        results.append(audit_document(name, pieces, [tuple(s) for s in a["sections"]]))
    return results


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
    from .i18n import check_lang

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
    from .i18n import check_lang

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


# ----------------------------------------------------------------------------- command line

def _cmd_audit(args) -> int:
    if args.extract:
        if args.stored or not args.files:
            raise BpnnError("--extract needs article files (and no --stored)")
        text = dump_extract(extract_files(args.files))
        if args.output:
            try:
                Path(args.output).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise BpnnError(f"{args.output}: cannot write: {exc.strerror}") from None
        else:
            print(text, end="")
        return 0
    if args.stored:
        results = audit_stored(args.files)
    else:
        if not args.files:
            raise BpnnError("no files given (or use --stored for the five articles' stored math)")
        if bool(args.spec) != bool(args.names):
            raise BpnnError("--spec and --names go together: the network and the map of the article's names")
        places = values = None
        if args.spec:
            from .audit_net import engine_values, load_names

            places = load_names(args.names)
            values = engine_values(args.spec, places)
        results = []
        for p in args.files:
            log: list = []
            fr = audit_file(p, math_only=args.math_only, log=log)
            if places is not None:
                from .audit_net import check_named

                fr.named = check_named(log, values, places)
            results.append(fr)
    if args.json:
        text = to_json(results)
    elif args.markdown:
        text = format_markdown(results)
    else:
        text = format_table(results, verbose=not args.brief)
    print(text, end="" if text.endswith("\n") else "\n")
    bad_named = any(not c.ok for fr in results for c in fr.named)
    return 1 if bad_named or any(fr.count("wrong") or fr.count("inconsistent") for fr in results) else 0


def add_parser(sub) -> None:
    """Add ``bpnn audit`` to the ``bpnn`` command's subparsers."""
    a = sub.add_parser(
        "audit", help="check the arithmetic of the LaTeX math in Markdown articles",
        description="Check every equation with numbers in Markdown articles: each side is parsed and "
                    "evaluated and consecutive sides must agree to the precision the article prints. "
                    "Exit status: 0 nothing wrong, 1 something wrong, 2 unusable input.")
    a.add_argument("files", nargs="*", metavar="FILE", help="Markdown files (with --stored: article ids such as 002)")
    fmt = a.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--markdown", action="store_true", help="print Markdown tables")
    a.add_argument("--brief", action="store_true", help="leave out math lines without numbers")
    a.add_argument("--spec", metavar="NET", help="a network spec (JSON/YAML): compare the article's named values "
                   "with the engine's trace of one step (needs --names)")
    a.add_argument("--names", metavar="MAP", help="YAML/JSON map from the article's names to trace places, "
                   "e.g. 'out_{o1}: a[2][0]', 'E_{total}: loss'")
    a.add_argument("--math-only", action="store_true",
                   help="check the LaTeX math only, not arithmetic written in plain text")
    a.add_argument("--stored", action="store_true",
                   help="audit the math of the five articles stored in the project (no article files needed)")
    a.add_argument("--extract", action="store_true",
                   help="print the math of the files as the JSON the project stores, instead of auditing")
    a.add_argument("-o", "--output", help="with --extract: write to this file")
    a.set_defaults(func=_cmd_audit)
