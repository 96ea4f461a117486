"""Finding the math in a Markdown document: display and inline math, environments, rows,
plain-text arithmetic; and splitting a chain at its relations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import BpnnError


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
_DELIMITED_ARRAY = re.compile(r"(?:\\left\s*)?[\[(]\s*\\begin\{array\}")
_REL_START = re.compile(r"^\s*(=|\\approx|≈|:=|\\simeq|\\le|\\ge|<|>)")


def _row_env_body(text: str):
    """The rows of a block made only of row environments (align, aligned, array, …), or None."""
    envs = [m.group(1) for m in _BEGIN.finditer(text)]
    if not envs:
        return None, False
    # (audit-vectors) an array inside brackets or parentheses, \left[\begin{array}{cc} … \end{array}\right],
    # is a matrix, not rows of equations: one piece, read by .tensor
    if "array" in envs and _DELIMITED_ARRAY.search(text):
        return None, True
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
                    from .verdicts import _is_name

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
    from ..latexnum import LatexError, bare_number

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


