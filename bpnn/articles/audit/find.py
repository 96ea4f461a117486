"""Finding the math in a Markdown document: display and inline math, environments, rows,
plain-text arithmetic; and splitting a chain at its relations."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...errors import BpnnError

# ----------------------------------------------------------------------------- extraction

@dataclass(frozen=True)
class MathPiece:
    """One equation (or formula) of a document: its 1-based line, delimiter and TeX."""

    line: int
    kind: str        # "$$", "\\[", "$", "\\(", "text" (arithmetic in prose)
    tex: str
    #: why the piece is not read although it was found (a prose chain cut off from text that
    #: belongs to it): the audit leaves it unchecked with this reason; "" when it is read
    unread: str = ""


_ROW_ENVS = ("aligned", "align", "align*", "alignat", "alignat*", "gather", "gather*", "gathered", "split",
             "equation", "equation*", "eqnarray", "eqnarray*", "array", "multline", "multline*", "flalign", "flalign*",
             "cases")
_BEGIN = re.compile(r"\\begin\{([a-zA-Z]+\*?)\}(\{[^{}]*\})?")
_END = re.compile(r"\\end\{([a-zA-Z]+\*?)\}")
#: a row break ``\\\\`` with its optional spacing ``[2pt]`` (bounded: no scan to the end of the text
#: for a ``\\\\[`` that never closes)
_ROW_BREAK = re.compile(r"(\\\\(?:\[[^\]\n]{0,40}\])?)")
_NEWLINE = re.compile("\n")
_DELIMITED_ARRAY = re.compile(r"(?:\\left\s*)?[\[(]\s*\\begin\{array\}")
_REL_START = re.compile(r"^\s*(=|\\approx|≈|:=|\\simeq|\\le|\\ge|<|>)")
#: prose that ends in a word (Latin letters or CJK characters, then blanks): a formula right after it
#: that starts with a relation has these words as its left side ("The sum $= 3$", "总和 $= 3$")
_WORD_END = re.compile(r"[A-Za-z\u3400-\u9fff][ \t]*$")


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
    if "cases" in envs:
        begin, end = text.find("\\begin{cases}"), text.rfind("\\end{cases}")
        if text[:begin].strip() or (end >= 0 and text[end + len("\\end{cases}"):].strip()):
            # "L = -\sum_i \begin{cases} … \end{cases} = … ≈ 4.241": a value defined by cases inside a
            # formula, not rows of equations: one piece (its cases are not evaluated)
            return None, True
    body = _BEGIN.sub(lambda m: " " * len(m.group(0)), text)
    body = _END.sub(lambda m: " " * len(m.group(0)), body)
    return body, any(e.startswith("multline") for e in envs)


def _display_pieces(text: str, first_line: int, kind: str) -> list[MathPiece]:
    """The equations of one display block: one chain per ``\\\\`` row (a row that starts with a
    relation continues the previous row's chain); a matrix or ``cases`` block is one piece."""
    import bisect

    breaks = [m.start() for m in _NEWLINE.finditer(text)]

    def line_at(offset: int) -> int:       # one binary search per row (counting would be quadratic)
        return first_line + bisect.bisect_left(breaks, offset)

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
    for row in _ROW_BREAK.split(body):
        if not row.startswith("\\\\") and row.strip():
            off = pos + len(row) - len(row.lstrip())
            tex = " ".join(row.replace("&", " ").split())
            tex = re.sub(r"\\(?:tag|label)\{[^{}]*\}|\\nonumber|\\notag", "", tex).strip()
            if tex:
                if pieces and _REL_START.match(tex):
                    tex = _continued(pieces[-1].tex, tex)
                pieces.append(MathPiece(line_at(off), kind, tex))
        pos += len(row)
    return pieces


def _continued(prev: str, tex: str) -> str:
    """``tex`` (``= c``, a row or display block that starts with a relation) as the continuation of
    the chain ``prev``: ``a &= b \\\\ &= c`` gives ``b = c``, and where ``prev`` has more than two
    sides and a name on the left, ``a = c`` keeps the chain's subject (not evaluated) so that the
    name gets the row's result."""
    from .verdicts import _is_name

    prev_sides = split_chain(prev)[0]
    head = prev_sides[-1]
    if len(prev_sides) > 2 and _is_name(prev_sides[0]) is not None:
        head = prev_sides[0] + " = " + head
    return head + " " + tex


#: a unit set after a chain's last number: ``2.302\ \text{nats}``, ``5\,\mathrm{kg}``: a space command
#: between the number and a word in text or roman type (the way units are typeset), at the very end
_TRAILING_UNIT = re.compile(r"(\d\.?)\s*(?:\\[ ,;:]|\\q?quad(?![A-Za-z]))\s*"
                            r"\\(?:text|mathrm|textrm|mbox)\{\s*[A-Za-z]+(?:[ ][A-Za-z]+)?\s*\}\s*$")


#: a check mark at the end of a formula (``… = 2 \\quad \\checkmark``): the author's tick, not a factor
_TRAILING_CHECK = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad\b|~)*(?:\\checkmark\b|\\surd\b|✓|✔)\s*$")


#: a font command around a bracketed vector literal (``\\mathbf{[2.4, 1.4]}``): the same vector, set bold
_BOLD_LITERAL = re.compile(r"\\(?:mathbf|boldsymbol|bm|pmb|mathrm)\s*\{\s*((?:\\left\s*)?\[[^{}\[\]]*"
                           r"(?:\\right\s*)?\])\s*\}")


def _unwrap_literals(tex: str) -> str:
    """``tex`` with a font command around a bracketed literal of numbers and names dropped (only a
    literal with no braces or brackets inside it: a bold name or matrix is left as it is)."""
    return _BOLD_LITERAL.sub(r"\1", tex) if "[" in tex else tex


_BOXED = re.compile(r"\\boxed\s*\{")
_END_PUNCT = re.compile(r"(?<=[0-9A-Za-z}\])])\s*[.,;]\s*$")


def _unbox(tex: str) -> str:
    """``tex`` with each ``\\boxed{…}`` replaced by what it boxes (a box marks a result; the chain in
    it is the chain), and without a full stop, comma or semicolon that ends the formula (``0.25.``:
    the sentence ends, the number does not go on).  A box never closed is left as it is."""
    if "\\boxed" in tex:
        out, i = [], 0
        for m in _BOXED.finditer(tex):
            if m.start() < i:
                continue
            depth, j = 1, m.end()
            while j < len(tex) and depth:
                depth += {"{": 1, "}": -1}.get(tex[j], 0) if tex[j - 1] != "\\" else 0
                j += 1
            if depth:
                break
            out += [tex[i:m.start()], tex[m.end():j - 1]]
            i = j
        tex = "".join(out) + tex[i:]
    return _END_PUNCT.sub("", tex) if tex.rstrip()[-1:] in ".,;" else tex


def _drop_unit(tex: str) -> str:
    """``tex`` without a unit after its last number (``… \\approx 2.302\\ \\text{nats}`` -> ``… \\approx
    2.302``): a word set apart by a space command after the number it labels is not a factor.  Without
    the space (``2\\text{nats}``) or with anything after it, the text is left as it is (then a name).
    A check mark at the very end (``\\checkmark``, ``\\surd``, ✓, ✔) is dropped too."""
    tex = _TRAILING_CHECK.sub("", tex)
    if not tex.endswith("}"):
        return tex
    m = _TRAILING_UNIT.search(tex)
    return tex[:m.start()] + m.group(1) if m else tex


_DISPLAY_KINDS = ("$$", "\\[", "env")


def _link_displays(pieces: list[MathPiece]) -> None:
    """A display block that starts with a relation (``$$ z = w x + b $$`` then ``$$ = 0.7513 $$``)
    continues the chain of the display piece just before it, and gets that chain's subject where
    it is a name: ``z = 0.7513``, which the verdicts compare with what ``z`` was given (a formula is
    remembered).  Where the chain before ends in a formula with numbers, or this block goes on
    with more sides (``$$= 0.5 \\times 0.2297 = 0.11485$$``), that formula is repeated too: one chain
    written a block per step, each step compared with the one before.  After anything else (inline
    math, a prose chain), or with no name on the left, it is left as it is."""
    from ..latexnum import LatexError, bare_number
    from .verdicts import _has_number, _is_name

    for i in range(1, len(pieces)):
        p, prev = pieces[i], pieces[i - 1]
        if (p.kind in _DISPLAY_KINDS and prev.kind in _DISPLAY_KINDS and prev.line < p.line
                and p.tex.startswith("=")):
            sides, rels = split_chain(prev.tex)
            if len(sides) >= 2 and rels[0] in ("=", ":=") and _is_name(sides[0]) is not None:
                last = sides[-1].strip()
                try:
                    formula = bare_number(last) is None
                except LatexError:
                    formula = False
                if formula and rels[-1] == "=" and (p.tex.count("=") >= 2 or _has_number(last)):
                    # "$$g = 0.5 (2.667)^{-1.5}$$" then "$$= 0.5 \times 0.2297 = 0.11485$$", or a block per
                    # step ("$$= 0.50 \times 0.5 + 0.60$$", "$$= 0.20 + 0.60$$", "$$= 0.80$$"): one chain
                    # written over several blocks, each step compared with the one before it
                    pieces[i] = MathPiece(p.line, p.kind, sides[0] + " = " + last + " " + p.tex, p.unread)
                else:
                    pieces[i] = MathPiece(p.line, p.kind, sides[0] + " " + p.tex, p.unread)


#: lists and block quotes nested deeper than this many token levels (a list level is two: the list
#: and its item) are refused with their line, never skipped in silence (markdown-it would drop them)
MAX_NESTING = 100


def _is_escaped(src: str, pos: int) -> bool:
    """Is the character at ``pos`` escaped by an odd number of backslashes before it?"""
    n = 0
    while pos - n - 1 >= 0 and src[pos - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _bracket_inline(state, silent: bool) -> bool:
    r"""``\( … \)`` (inline) and ``\[ … \]`` inside a paragraph (display), found with ``str.find``:
    linear, and an opener without its closer is searched for once per paragraph, not once per opener."""
    src, pos = state.src, state.pos
    if src[pos] != "\\" or pos + 1 >= len(src) or src[pos + 1] not in "([" or _is_escaped(src, pos):
        return False
    opener = src[pos:pos + 2]
    closer = "\\)" if opener == "\\(" else "\\]"
    misses = state.env.setdefault("_bpnn_no_closer", {})
    if misses.get((id(src), closer), len(src) + 1) <= pos:
        return False
    end = src.find(closer, pos + 2)
    while end >= 0 and _is_escaped(src, end):
        end = src.find(closer, end + 1)
    if end < 0:
        misses[(id(src), closer)] = pos
        return False
    if not silent:
        token = state.push("math_inline" if opener == "\\(" else "math_inline_double", "math", 0)
        token.content = src[pos + 2:end]
        token.markup = opener
    state.pos = end + 2
    return True


def _bracket_block(state, start: int, end_line: int, silent: bool) -> bool:
    r"""A ``\[ … \]`` display block that starts a line: it may interrupt a paragraph (``\[`` on the
    line right after the text, no blank line between), a list item or a block quote.  The block
    ends on the line that ends with ``\]``; a blank line or the end of its container before that
    leaves the text to the paragraph (and to :func:`_check_unclosed`)."""
    begin = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("\\[", begin) or state.sCount[start] - state.blkIndent >= 4:
        return False          # not an opener, or indented code
    first = state.src[begin:state.eMarks[start]]
    rest = first[2:]
    parts = []
    line = start
    close = rest.find("\\]")
    if close >= 0:
        if rest[close + 2:].strip():
            return False      # text after the closer: the paragraph's inline rule reads it
        parts.append(rest[:close])
    else:
        parts.append(rest)
        while True:
            line += 1
            if line >= end_line:
                return False
            if state.isEmpty(line) or state.sCount[line] < state.blkIndent:
                return False
            text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
            stripped = text.rstrip()
            if stripped.endswith("\\]") and not _is_escaped(stripped, len(stripped) - 2):
                parts.append(stripped[:-2])
                break
            if "\\]" in text:
                return False  # closed inside the line with text after it: not a display block
            parts.append(text)
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = "\n".join(parts)
    token.markup = "\\["
    token.map = [start, line + 1]
    state.line = line + 1
    return True


#: a display block whose ``\\[`` and ``\\]`` lost their backslashes (a blog's HTML turned into
#: Markdown) is at most this many lines long; a longer run is not looked for (bounded cost)
BARE_BRACKET_MAX_LINES = 40
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]")
_TEX_RELATION = re.compile(r"=|≈|\\approx(?![A-Za-z])")
#: three words of letters in a row, outside braces: a sentence, not a formula
_SENTENCE = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}")
_BRACED = re.compile(r"\{[^{}]*\}")


def _is_bare_display(body: str) -> bool:
    """Is ``body``, the lines between a line that is only ``[`` and a line that is only ``]``, a
    formula whose ``\\[ … \\]`` lost their backslashes?  Only where it reads as math and as nothing
    else: a relation (``=``, ``≈``, ``\\approx``), no CJK text or full-width punctuation, no ``$``,
    backtick or double quote (math of another kind, code, a string), no three words in a row outside
    braces (a sentence).  A bracketed list in plain text has no line of its own for each bracket, and
    a link's ``]`` is followed by ``(`` or ``:``; a block that is not math stays text."""
    if not _TEX_RELATION.search(body):
        return False
    if _CJK.search(body) or any(c in body for c in "$`\""):
        return False
    flat = body
    for _ in range(3):
        flat = _BRACED.sub("{}", flat)
    return _SENTENCE.search(flat) is None


def _bare_bracket_block(state, start: int, end_line: int, silent: bool) -> bool:
    r"""Display math between a line that is only ``[`` and a line that is only ``]`` (the ``\[``
    and ``\]`` of a page whose backslashes were lost: blogs copied from HTML), where the lines
    between read as a formula and nothing else (:func:`_is_bare_display`).  Like ``\[``, it may
    follow a paragraph's last line; a blank line, a less indented line, another ``[`` line or more
    than ``BARE_BRACKET_MAX_LINES`` lines before the ``]`` leave the text to the paragraph."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    if state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]].rstrip() != "[":
        return False
    parts = []
    line = start
    while True:
        line += 1
        if line >= end_line or line - start > BARE_BRACKET_MAX_LINES:
            return False
        if state.isEmpty(line) or state.sCount[line] < state.blkIndent:
            return False
        text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]].rstrip()
        if text == "]":
            break
        if text == "[":
            return False
        parts.append(text)
    body = "\n".join(parts)
    if not parts or not _is_bare_display(body):
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = body
    token.markup = "["
    token.map = [start, line + 1]
    state.line = line + 1
    return True


def _too_deep(state, start: int, end_line: int, silent: bool) -> bool:
    """The first block rule: past ``MAX_NESTING`` levels, note the line (markdown-it would skip the rest)."""
    if state.level < MAX_NESTING:
        return False
    deep = state.env.setdefault("_bpnn_too_deep", [])
    deep.append(start + 1)
    state.line = end_line
    return True


#: characters that start an inline construct (math, code, escapes, emphasis, links and images);
#: ``<`` (HTML, autolinks) needs a ``>`` after it and ``&`` (entities) a ``;``, ``!`` only starts
#: an image before ``[``: a paragraph without these is plain text, and its lines are its tokens
_INLINE_SPECIAL = re.compile(r"[$\\`*_~\[]")


def _needs_tokenizer(content: str) -> bool:
    """Does this paragraph hold anything markdown-it's inline rules would act on?"""
    return (_INLINE_SPECIAL.search(content) is not None or ("<" in content and ">" in content)
            or ("&" in content and ";" in content))


def _inline_fast(state) -> None:
    """The core "inline" step, with a short way for plain paragraphs.

    markdown-it-py's inline tokenizer tries every inline rule at each character that may start
    one (``+``, ``=``, ``-``, …): about 20 µs each, so a megabyte of arithmetic in prose takes
    half a minute.  A paragraph with no character any rule acts on comes out as its lines, text
    and soft (or hard) breaks, exactly what the tokenizer gives it (a line loses the spaces and
    tabs that begin it, and before a break the spaces that end it: a break is hard after two or
    more); every other paragraph goes through the tokenizer."""
    from markdown_it.token import Token

    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if _needs_tokenizer(content):
            state.md.inline.parse(content, state.md, state.env, token.children)
            continue
        lines = content.split("\n")
        for i, ln in enumerate(lines):
            if i:
                hard = lines[i - 1].endswith("  ")
                token.children.append(Token("hardbreak" if hard else "softbreak", "br" if hard else "", 0))
                ln = ln.lstrip(" \t")    # markdown-it's newline rule skips spaces and tabs
            text = ln.rstrip(" ") if i < len(lines) - 1 else ln
            if text:
                token.children.append(Token("text", "", 0, content=text))


_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close"}
_STAR_BEFORE = re.compile(r"[0-9A-Za-z)\]]$")
_STAR_AFTER = re.compile(r"^(?:[0-9A-Za-z(\[−-]|\.[0-9])")


def _stars(state) -> None:
    """A core rule after "inline": an emphasis marker that is a star written between two operands
    (``a = 1*0.2 = 0.2; b = 2*0.2 = 0.4``, where CommonMark pairs the two stars as emphasis) is put
    back as the text it is, so that the chain of prose is read as written (a product; ``**`` a power).
    Emphasis of words (``**Answer:** …``, ``**[cat, dog]**.``) stays emphasis."""
    for inline_token in state.tokens:
        if inline_token.type != "inline" or not inline_token.children:
            continue
        children = inline_token.children
        for k, child in enumerate(children):
            if child.type in _EMPHASIS and child.markup in ("*", "**") and _arithmetic_star(children, k):
                child.type, child.content = "text", child.markup


def _arithmetic_star(children: list, k: int) -> bool:
    """Is the emphasis marker ``children[k]`` a star written between two operands (``2*0.2``,
    ``w1*x1``, ``(a)*(b)``), with no blank on either side, where it can only be a product?"""
    before = children[k - 1] if k else None
    after = children[k + 1] if k + 1 < len(children) else None
    return (before is not None and after is not None and before.type in ("text", "text_special")
            and after.type in ("text", "text_special", *_EMPHASIS)
            and _STAR_BEFORE.search(before.content or "") is not None
            and (after.type in _EMPHASIS and after.markup in ("*", "**")
                 or _STAR_AFTER.match(after.content or "") is not None))


def _text_join(state) -> None:
    """markdown-it's core "text_join" (escaped characters become text, adjacent text tokens one),
    joining each run once: markdown-it-py grows the first token's string one piece at a time,
    which is quadratic in the run (100 000 ``\\(`` in a paragraph took 6 s)."""
    for inline_token in state.tokens:
        if inline_token.type != "inline" or not inline_token.children:
            continue
        new_tokens, run = [], []
        for child in inline_token.children:
            if child.type == "text_special":
                child.type = "text"
            if child.type == "text":
                run.append(child)
                continue
            if run:
                run[0].content = "".join(t.content for t in run)
                new_tokens.append(run[0])
                run = []
            new_tokens.append(child)
        if run:
            run[0].content = "".join(t.content for t in run)
            new_tokens.append(run[0])
        inline_token.children = new_tokens


def _markdown():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.amsmath import amsmath_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING + 20})
    md.enable("table")       # GitHub's tables: math in a cell is read cell by cell
    md.core.ruler.at("inline", _inline_fast)
    md.core.ruler.at("text_join", _text_join)
    md.core.ruler.before("text_join", "bpnn_stars", _stars)
    md.block.ruler.before(md.block.ruler.get_all_rules()[0], "bpnn_too_deep", _too_deep)
    # MkDocs (Python-Markdown) admonitions, "!!! note" or "??? note" with a body indented four
    # spaces: the body is Markdown (math in it is math), not an indented code block
    md.use(admon_plugin)
    md.use(amsmath_plugin)
    # $ … $ with blanks inside is typeset by MathJax, so it is math; "$5 and $6" (prices) is not
    md.use(dollarmath_plugin, allow_space=True, allow_digits=False, double_inline=True)
    # \( … \) and \[ … \]: the project's own rules (linear; \[ may follow a paragraph's last line)
    md.inline.ruler.before("escape", "bpnn_brackets", _bracket_inline)
    md.block.ruler.before("fence", "bpnn_bracket_block", _bracket_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.before("fence", "bpnn_bare_bracket_block", _bare_bracket_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    return md


_MD = None
#: the level of a "section" that is the start of an example (``**例子：** …``, "Suppose $x = 2$"): no
#: heading, but like one it tells a second set of values from a contradiction (verdicts)
EXAMPLE_LEVEL = 7
_EXAMPLE_START = re.compile(r"\s*(?:\*\*|__)?\s*(?:例子|例题|示例|举例|例\s*\d+|Example|Worked example|Exercise|练习|习题)"
                            r"\s*\d*(?:\.\d+)*\s*(?:\*\*|__)?\s*[:：.．]", re.I)
#: words that give a value as a supposition, in the clause just before the formula
_SUPPOSE = re.compile(r"(?:假设|假如|假定|设想|suppose|assume|assuming|let us say|let's say)[^。.;；!?！？]*$", re.I)
_HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}   # (verdicts: levels <= 2 reset the memory)


def extract_math(text: str, plain: bool = True) -> tuple[list[MathPiece], list[tuple[int, int]]]:
    """The math of a Markdown text and its level-1/2 headings: ``(pieces, [(line, level)])``.

    Math is found with markdown-it (CommonMark with GitHub's tables) and its dollarmath and amsmath
    plugins, plus the project's own rules for ``\\( … \\)`` and ``\\[ … \\]``: ``$ … $``,
    ``$$ … $$``, ``\\( … \\)``, ``\\[ … \\]`` (also on the line right after a paragraph's text)
    and the ``\\begin{…}`` environments, in paragraphs, tables, lists and block quotes; code (fenced,
    indented, inline, also inside block quotes) is not math.  With ``plain``, lines of the prose
    that are arithmetic chains ending in a number are pieces too (kind ``"text"``); a chain cut off
    from text that belongs to it (``10% of 100 = 10``, ``x = 2,5``) is a piece with ``unread`` set,
    never a part of it read as the whole.  A table row under a "value" header is one chain (see
    ``_Table``); a display block that starts with ``=`` after another keeps its subject.

    Lists and block quotes nested more than ``MAX_NESTING`` levels deep, and ``$$`` or ``\\[``
    opened and never closed, are refused (:class:`~bpnn.errors.BpnnError` naming the line).
    """
    global _MD
    if _MD is None:
        _MD = _markdown()
    # 𝑧 = 𝑤 ⋅ 𝑥 + 𝑏 (a PDF copied as text) with plain letters, one for one: prose chains are read with them
    from ..latexnum import plain_letters

    text = plain_letters(text)
    env: dict = {}
    tokens = _MD.parse(text, env)
    if env.get("_bpnn_too_deep"):
        raise BpnnError(f"line {env['_bpnn_too_deep'][0]}: lists or block quotes nested more than "
                        f"{MAX_NESTING} levels deep; the audit does not read what is inside them")
    _check_unclosed(text, tokens)
    lines = text.split("\n")
    pieces: list[MathPiece] = []
    sections: list[tuple[int, int]] = []
    table = _Table()
    for tok in tokens:
        table.see(tok, pieces)
        if tok.type == "heading_open" and tok.tag in _HEADING_TAGS:
            sections.append((tok.map[0] + 1, _HEADING_TAGS[tok.tag]))
        if tok.type == "fence" and tok.info.strip().lower() == "math" and tok.map:
            # ```math … ```: GitLab's and GitHub's display math
            pieces.extend(_display_pieces(tok.content, tok.map[0] + 2, "$$"))
        elif plain and tok.type == "fence" and tok.info.strip().lower() in _PLAIN_FENCES and tok.map:
            # a fence without a language (or "text"): some articles set their arithmetic so; a line
            # that is nothing but an arithmetic chain ending in a number is read, anything else is code
            for k, code_line in enumerate(tok.content.split("\n")):
                pieces.extend(_code_span_chain(code_line.strip(), tok.map[0] + 2 + k))
        if tok.type in ("math_block", "math_block_label", "math_block_eqno", "amsmath"):
            start = tok.map[0]
            kind = "env" if tok.type == "amsmath" else ("\\[" if tok.markup in ("\\[", "[") else "$$")
            pieces.extend(_display_pieces(tok.content, _content_line(lines, start, tok.content), kind))
        elif tok.type == "inline" and tok.children is not None:
            if _EXAMPLE_START.match(tok.content):
                sections.append((tok.map[0] + 1, EXAMPLE_LEVEL))
            stray = _stray_display(tok, lines)
            first_piece = len(pieces)
            line = tok.map[0] + 1
            before = ""         # the prose since the last formula of this paragraph
            for child in tok.children:
                if child.type in ("math_inline", "math_inline_double"):
                    tex = child.content
                    if len(tex) >= 2 and tex[0] == tex[-1] == "`" and child.type == "math_inline":
                        tex = tex[1:-1]       # $`…`$: GitLab's and GitHub's inline math
                    if child.type == "math_inline_double":
                        pieces.extend(_display_pieces(tex, line,
                                                      "\\[" if child.markup == "\\[" else "$$"))
                    elif tex.strip():
                        kind = "\\(" if child.markup == "\\(" else "$"
                        flat = " ".join(tex.split())
                        if _SUPPOSE.search(before):
                            # "假设神经元输入为 $Z = 3$", "Suppose $x = 2$": a new example's values
                            sections.append((line + _leading_newlines(tex), EXAMPLE_LEVEL))
                        if _WORD_END.search(before) and _REL_START.match(flat):
                            # "The sum $= 2 + 1 = 3$": the words are its left side, not an earlier formula
                            flat = _REL_START.sub("", flat, count=1).strip()
                        if flat:
                            pieces.append(MathPiece(line + _leading_newlines(tex), kind, flat))
                    line += tex.count("\n")
                    before = ""
                elif child.type in ("softbreak", "hardbreak"):
                    line += 1
                    before += " "
                elif child.type == "text":
                    if plain:
                        pieces.extend(_plain_pieces(child.content, line))
                    line += child.content.count("\n")
                    before += child.content
                elif child.type in ("code_inline", "html_inline"):
                    if plain and child.type == "code_inline":
                        pieces.extend(_code_span_chain(child.content, line))
                    line += child.content.count("\n")
            if stray is not None:
                # the lines of the stray display block are its formula, not prose; the rest stays prose
                body, consumed = stray
                first = tok.map[0] + 1
                pieces[first_piece:] = (_display_pieces(body, first, "$$")
                                        + [p for p in pieces[first_piece:] if p.line >= first + consumed])
            table.cell(tok, pieces)
    pieces = [p if p.kind == "text" else MathPiece(p.line, p.kind, _drop_unit(_unwrap_literals(_unbox(p.tex))), p.unread)
              for p in pieces]
    _link_displays(pieces)
    if plain:
        _link_continuations(pieces)
        pieces = [p for p in pieces if p.kind != "text-head"]
    return pieces, sections


#: a table's last header cell that says its column holds the value of the row's formula
_VALUE_HEADERS = {"value", "values", "result", "results", "=", "answer", "值", "数值", "结果", "计算结果"}
_BARE_NUMBER = re.compile(r"[-−+]?\d+(?:\.\d+)?")
_UNREAD_TABLE = "not read: a | inside math splits the table's cell (GitHub splits it too; write \\| in a table)"


class _Table:
    """GitHub tables, row by row.  Cells are read one by one, except in two cases:

    * a table whose last header cell says "value" (or "result", "值", "结果", …) and whose other
      header cells do not: a row ``| $name$ | $formula$ … | number |`` (math in each cell before the
      last, the last a bare number) is one chain, ``name = formula = number``.  Without such a header
      cells are never joined (``| $w_1$ | 0.15 | 0.149 |`` may be a weight before and after an update),
      nor where a cell before the last ends in a number (``| $t = 1$ | 0.5 |``: a label, not a side);
    * a cell with an unpaired ``$`` (math split at a ``|`` that is not escaped): the row's math is
      one piece, not read, with the reason."""

    def __init__(self):
        self.header: list[str] = []
        self.in_head = False
        self.row: list | None = None
        self.row_start = 0
        self.row_line = 0

    def see(self, tok, pieces: list[MathPiece]) -> None:
        if tok.type == "thead_open":
            self.in_head, self.header = True, []
        elif tok.type == "thead_close":
            self.in_head = False
        elif tok.type == "tr_open":
            self.row, self.row_start = [], len(pieces)
            self.row_line = tok.map[0] + 1 if tok.map else 0
        elif tok.type == "tr_close" and self.row is not None:
            self._close(pieces)
            self.row = None

    def cell(self, tok, pieces: list[MathPiece]) -> None:
        if self.row is None:
            return
        if self.in_head:
            self.header.append(" ".join(tok.content.replace("*", " ").split()).lower())
            return
        kids = [c for c in tok.children if not (c.type == "text" and not c.content.strip())]
        content = tok.content.strip()
        if any(c.type == "text" and "$" in c.content for c in kids):
            self.row.append(("split", content))
        elif len(kids) == 1 and kids[0].type == "math_inline" and kids[0].content.strip():
            self.row.append(("math", " ".join(kids[0].content.split())))
        elif _BARE_NUMBER.fullmatch(content):
            self.row.append(("number", content))
        else:
            self.row.append(("other", content))

    def _close(self, pieces: list[MathPiece]) -> None:
        row = self.row
        if not row:
            return
        line = self.row_line or (pieces[self.row_start].line if len(pieces) > self.row_start else 0)
        if any(kind == "split" for kind, _ in row):
            texts = " | ".join(t for _, t in row)
            del pieces[self.row_start:]
            pieces.append(MathPiece(line, "$", texts, unread=_UNREAD_TABLE))
            return
        header = self.header
        if (len(row) >= 2 and len(header) == len(row) and header[-1] in _VALUE_HEADERS
                and not any(h in _VALUE_HEADERS for h in header[:-1])
                and all(kind == "math" for kind, _ in row[:-1]) and row[-1][0] == "number"
                and not any(_BARE_NUMBER.fullmatch(split_chain(t)[0][-1]) for _, t in row[:-1])):
            del pieces[self.row_start:]
            pieces.append(MathPiece(line, "$", " = ".join(t for _, t in row)))


_TEX_COMMAND = re.compile(r"\\[A-Za-z]{2,}")


def _stray_display(tok, lines: list[str]) -> tuple[str, int] | None:
    r"""A formula that starts a paragraph and ends at a line holding only ``$$``, right after a line
    holding only ``$$``: ``(formula, lines it takes with its closing $$)``, else None.

    markdown-it reads it as text: the ``$$`` before it closed an earlier block (an unpaired ``$$``
    inside a line above: ``y=$$-0.3,\ 0.5$$, \quad \hat y=$$…``), and the paragraph holds a ``$$``
    line of its own.  MathJax, which pairs the ``$$`` of a page in reading order, typesets the lines
    between as display math.  Taken only where they read as a formula and as nothing else
    (:func:`_is_bare_display`) and hold a TeX command (``\frac``, ``\text``): prose stays prose."""
    content = tok.content
    if not tok.map or tok.map[0] < 1 or "$$" not in content:
        return None
    before = lines[tok.map[0] - 1]
    if before[_CONTAINER_PREFIX.match(before).end():].strip() != "$$":
        return None
    rows = content.split("\n")
    close = next((k for k, row in enumerate(rows) if row.strip() == "$$"), 0)
    body = "\n".join(rows[:close])
    if close == 0 or "$" in body or not _TEX_COMMAND.search(body) or not _is_bare_display(body):
        return None
    return body, close + 1


def _leading_newlines(tex: str) -> int:
    """Lines before the first non-blank character of ``tex`` (0 when it starts on the opener's line)."""
    stripped = tex.lstrip()
    return tex[:len(tex) - len(stripped)].count("\n") if stripped else 0


_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")


def _content_line(lines: list[str], start: int, body: str) -> int:
    """1-based line on which the text ``body`` of a display block opened on line ``start`` (0-based)
    begins (block-quote markers ``>`` before the opener are not text)."""
    src = lines[start] if start < len(lines) else ""
    src = src[_CONTAINER_PREFIX.match(src).end():].strip()
    opener_only = src in ("$$", "\\[", "[") or re.fullmatch(r"\\begin\{[^}]*\}", src) is not None
    if opener_only and not body.startswith("\n") and not body.lstrip().startswith("\\begin"):
        return start + 2
    return start + 1


def _blank_comments(text: str) -> str:
    """HTML comments replaced by their line breaks (one pass with ``str.find``; an unclosed one is kept)."""
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[pos:start])
        out.append("\n" * text.count("\n", start, end))
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


_CODE_SPAN = re.compile(r"`[^`]*`")
_OPENERS = re.compile(r"\$\$|\\\[|\\\]")


def _check_unclosed(text: str, tokens) -> None:
    """A ``$$`` or ``\\[`` opened outside code and never closed is unusable input.

    Code is what markdown-it found to be code (fenced and indented blocks, also inside block
    quotes and lists) and HTML blocks; inline code spans and HTML comments are blanked.  One pass
    over the lines."""
    skip = bytearray(text.count("\n") + 1)
    for tok in tokens:
        if tok.type in ("fence", "code_block", "html_block") and tok.map:
            for k in range(tok.map[0], min(tok.map[1], len(skip))):
                skip[k] = 1
    opened = None
    for lineno, raw in enumerate(_blank_comments(text).split("\n"), start=1):
        if skip[lineno - 1]:
            continue
        # (a code span blanked, not cut out: $`a + b`$, GitLab's inline math, is no $$)
        s = _CODE_SPAN.sub(" ", raw).replace("\\$", "") if "`" in raw else raw.replace("\\$", "")
        s = s.replace("\\\\", "  ")           # \\[2pt] is a row break, not an opener
        for tok in _OPENERS.findall(s):
            if opened is None and tok in ("$$", "\\["):
                opened = (tok, lineno)
            elif opened is not None and ((opened[0] == "$$" and tok == "$$") or (opened[0] == "\\[" and tok == "\\]")):
                opened = None
    if opened is not None:
        closer = "$$" if opened[0] == "$$" else "\\]"
        raise BpnnError(f"line {opened[1]}: the math opened with {opened[0]} is never closed with {closer}")


# ---- plain-text arithmetic: Jo1 = 1/2 * (0.75136507 - 0.01)^2 = 0.298371109
#
# A chain in prose is taken only when it is read in full: from its first operand to its last number
# every token belongs to the arithmetic, and nothing just outside it would change what it says.
# ``10% of 100 = 10`` is not ``100 = 10``; ``x = 2,5`` (a decimal comma) is not ``x = 2``;
# ``3 apples + 2 = 5``, ``1:30``, ``3:2``, ``1.2.3``, ``2024-01-05``, ``1–5`` are not arithmetic.  A
# chain cut off like this is a piece marked ``unread`` (unchecked, "not read in full"), never a
# part of it read as if it were the whole.

_GREEK = "".join(chr(c) for c in range(0x391, 0x3AA)) + "".join(chr(c) for c in range(0x3B1, 0x3CA))
#: a comma and a semicolon that separate the elements (rows) of a list of numbers in prose
#: (``z = [3.0, 1.0, -1.0]``), set apart from the commas and semicolons that end a clause
#: (:func:`_protect_lists`); private-use characters, never in a text, restored in each piece's TeX
_LIST_SEP, _ROW_SEP = "\ue000", "\ue001"
_PLAIN_CHARS = (r"A-Za-z0-9_.+\-*/^()\[\]= '×÷·⋅−–≈²³¹⁰⁴⁵⁶⁷⁸⁹⁻⁺₀₁₂₃₄₅₆₇₈₉½¼¾𝜎∂Δ’" + _GREEK
                + _LIST_SEP + _ROW_SEP)
_PLAIN_SEG = re.compile(f"[{_PLAIN_CHARS}]+")
_MATH_WORDS = ("exp|ln|log|sin|cos|tanh|sigmoid|sqrt|e|eta|alpha|beta|gamma|delta|sigma|lambda|theta|epsilon|"
               "lr|tmp|net|out|in")
_PROSE_WORD = re.compile(r"(?:(?<=\s)|^)(?!(?:" + _MATH_WORDS + r")\b)[A-Za-z]{2,}(?=\s|$|[,.;:])(?!\s*[=≈])")
_LETTERS3 = re.compile(r"[A-Za-z]{3}")
#: a number of the chain that is no number: ``1.2.3`` (a version), ``05`` (a date, a time), ``1–5`` (a
#: range), ``5kg`` (a unit), ``2nd``
_NOT_A_NUMBER = re.compile(r"\d\.\d+\.\d|(?<![\d.])0\d|\d–\d|\d[A-Za-z]{2}")
_BINARY_START = set("+*/×÷·⋅^")
#: what ends a clause of prose: a chain's operands never reach past these
_HARD_STOPS = set(";!?|$`\"<>{}\\&#@") | set("，。；：、！？（）")
#: words that start a new clause: what stands beyond them is not an operand of the chain ("and",
#: "with", "by" may join operands: "the sum of 2 and 3 = 3" is not "3 = 3")
_CONNECTORS = {"so", "then", "thus", "hence", "where", "while", "since", "because", "whereas", "therefore",
               "if", "when"}
_UNREAD_EMPTY = "not read: two relations with nothing between them (an empty side)"
_UNREAD = "not read in full (the text around this chain belongs to it)"
_UNREAD_BRACKETS = "not read in full (a bracket closes outside the chain: a list or vector in prose)"


_LIST_INNER = frozenset("0123456789.+-−*/×·⋅^() \t")


def _protect_lists(ln: str) -> str:
    """``ln`` with the commas (semicolons) between the elements of each list of numbers in brackets
    replaced by ``_LIST_SEP`` (``_ROW_SEP``), so that the prose reader takes ``z = [3.0, 1.0, -1.0]``
    whole (and :mod:`.tensor` reads it as a vector) instead of cutting it at its commas.

    A list is ``[`` … ``]`` holding only numbers, arithmetic (``+ - − * / × · ^`` and parentheses),
    blanks and lists of the same kind (``[[0.1, 0.2], [0.3, 0.4]]``), every element holding a digit
    or a list: ``[1, 0, 0]``, ``[0.1+0.6+0.1, 0.2+0.8+0.2]``.  Anything else between the brackets (a
    word, a name, ``2,5`` with text around it) leaves its commas to the prose rules (a clause stop, a
    decimal comma: not read in full).  ``[2,5]`` is a list of two numbers, as in LaTeX.  One pass
    over the line, a stack of open brackets; a character that no list holds empties the stack."""
    if "[" not in ln or ("," not in ln and ";" not in ln):
        return ln
    out = None
    # a frame per open bracket: [start, element has a digit or a list, valid so far, own separators]
    stack: list[list] = []
    n = len(ln)
    for k, c in enumerate(ln):
        if c == "[":
            stack.append([k, False, True, []])
        elif c == "]":
            if not stack:
                continue
            frame = stack.pop()
            valid = frame[2] and frame[1]
            if valid and frame[3]:
                if out is None:
                    out = list(ln)
                for j in frame[3]:
                    out[j] = _LIST_SEP if ln[j] == "," else _ROW_SEP
            if stack:
                if valid:
                    stack[-1][1] = True
                else:
                    stack[-1][2] = False
        elif not stack:
            continue
        elif c in ",;":
            frame = stack[-1]
            if not frame[1]:
                frame[2] = False          # an empty element: [1,,2], [,1]
            frame[1] = False
            frame[3].append(k)
        elif c.isdecimal():
            stack[-1][1] = True
        elif c in _LIST_INNER:
            pass
        elif (c in "eE" and k > 0 and ln[k - 1].isdecimal() and k + 1 < n
              and (ln[k + 1].isdecimal() or ln[k + 1] in "+-")):
            pass                          # 1e-3
        else:
            stack.clear()                 # a word, a name: no open bracket here holds a list of numbers
    return ln if out is None else "".join(out)


def _restore_lists(tex: str) -> str:
    return tex.replace(_LIST_SEP, ",").replace(_ROW_SEP, ";")


def _ends_in_list(t: str) -> bool:
    """Does ``t`` (with lists protected) end in a list of numbers, ``… = [0.88, 0.12, 0.00]``?"""
    if not t.endswith("]"):
        return False
    depth = 0
    for i in range(len(t) - 1, -1, -1):
        c = t[i]
        if c == "]":
            depth += 1
        elif c == "[":
            depth -= 1
            if depth == 0:
                return False
        elif c in (_LIST_SEP, _ROW_SEP) and depth == 1:
            return True
    return False


def _drop_trailing_note(chunk: str) -> str:
    """``… = 0.5 (the output)``: a last parenthesis holding a word is a note, not math (no regular
    expression that could backtrack over a long parenthesis)."""
    s = chunk.rstrip()
    if not s.endswith(")"):
        return chunk
    i = s.rfind("(", 0, len(s) - 1)
    inner = s[i + 1:-1]
    if i < 0 or ")" in inner or not _LETTERS3.search(inner):
        return chunk
    return s[:i].rstrip()


def _ends_in_number(chunk: str) -> bool:
    """Does ``chunk`` end in a number (``… = 0.298``, ``… = 3.``) or a list of numbers (``… = [0.88,
    0.12]``, protected by :func:`_protect_lists`)?  Looks at its last two characters, or walks back
    over the list."""
    t = chunk.rstrip()
    return bool(t) and (t[-1].isdecimal() or (t[-1] == "." and len(t) > 1 and t[-2].isdecimal())
                        or _ends_in_list(t))


def _balanced(chunk: str) -> bool:
    """Brackets of ``chunk`` closed in order (``0.2] = [0.1`` is not)."""
    stack = []
    for c in chunk:
        if c in "([":
            stack.append(c)
        elif c in ")]" and (not stack or stack.pop() != ("(" if c == ")" else "[")):
            return False
    return not stack


def _is_stop(line: str, i: int) -> bool:
    """Does the character at ``i`` end a clause (``;``, CJK punctuation and script, or ``,``/``:``/``.``
    followed by a blank or the end)?  A comma, colon or point between two digits joins them."""
    c = line[i]
    if c in _HARD_STOPS or "\u2e80" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af":
        return True
    if c in ",:.":
        return i + 1 >= len(line) or line[i + 1] in " \t"
    return False


def _orphan_operand(fragment: str) -> bool:
    """Does ``fragment`` (text between a chain and the nearest clause stop, in reading order from the
    chain outward) hold a number or an operator with no relation of its own: an operand of the chain
    that a word cut off (``10% of`` before ``100 = 10``; ``times 3`` after ``y = 10``)?"""
    if "=" in fragment or "≈" in fragment:
        return False
    return any(c.isdecimal() or c in "%+*/×÷·⋅^" for c in fragment)


def _cut_off(line: str, a: int, b: int, note_end: int, lo: int, hi: int) -> bool:
    """Is the chain ``line[a:b]`` cut off from text that belongs to it?  ``note_end``: where a
    trailing note in parentheses after it ends (``b`` when there is none); ``lo``/``hi`` bound the
    look around (the previous and next chain), so that a line is scanned a bounded number of times."""
    chunk = line[a:b]
    if chunk[0] in _BINARY_START or _NOT_A_NUMBER.search(chunk):
        return True
    # glued on the left: "2,5", "1:30", "3:2", "10%=", a letter or a digit right before
    if a > 0 and not _REL_START.match(chunk):    # "y_{true}=1": a relation begins a new side
        c = line[a - 1]
        if c.isascii() and (c.isalnum() or c in "%}$\\^_"):
            return True
        if c in ",:./" and a > 1 and line[a - 2].isdecimal() and chunk[0].isdecimal():
            return True
    if b < len(line):
        c = line[b]
        if c.isascii() and (c.isalpha() or c == "%"):
            return True
        if c in ",:./" and b + 1 < len(line) and line[b + 1].isdecimal():
            return True
    # words between the chain and an operand of its own: "10% of 100 = 10", "y = 10 times 3"; a
    # word that starts a clause ("the rate is 0.5 and x = 2") stands between two statements
    i = a
    while i > lo and not _is_stop(line, i - 1):
        i -= 1
    before = line[i:a].split()
    if before and before[-1].lower() not in _CONNECTORS and _orphan_operand(line[i:a]):
        return True
    j = max(b, note_end)
    while j < hi and not _is_stop(line, j):
        j += 1
    after = line[max(b, note_end):j].split()
    return bool(after) and after[0].lower() not in _CONNECTORS and _orphan_operand(line[max(b, note_end):j])


def _chunks(ln: str):
    """``(start, text)`` of each run of plain arithmetic characters between prose words."""
    for m in _PLAIN_SEG.finditer(ln):
        seg, pos = m.group(0), m.start()
        if "=" not in seg and "≈" not in seg:
            continue
        last = 0
        for w in _PROSE_WORD.finditer(seg):
            yield from _sentences(pos + last, seg[last:w.start()])
            last = w.end()
        yield from _sentences(pos + last, seg[last:])


def _sentences(pos: int, chunk: str):
    """A run split where a sentence or a list label ends (``Step 1. a = 2``: ``a = 2``; a point then a blank)."""
    last = 0
    while True:
        i = chunk.find(". ", last)
        if i < 0:
            break
        yield pos + last, chunk[last:i + 1]
        last = i + 2
    yield pos + last, chunk[last:]


_PLAIN_FENCES = {"", "text", "txt", "plain", "plaintext"}
_CODE_ASSIGN = re.compile(r"==|[-+*/%<>!:]=|\*\*")


def _code_span_chain(code: str, line: int) -> list[MathPiece]:
    """An inline code span (or a line of a code block without a language) that is nothing but an
    arithmetic chain ending in a number (`` `z2 = 0.1*0.2 + 0.1*0.2 = 0.04` ``, how some articles set
    their arithmetic): that chain, read as prose is.  Code (``x += 0.1``, ``a == b``, ``2 ** 3``, a call, anything not read in full) is
    left alone, as code."""
    if ("=" not in code and "≈" not in code) or "\n" in code or _CODE_ASSIGN.search(code):
        return []
    found = _plain_pieces(code, line)
    if len(found) != 1 or found[0].unread or " ".join(code.split()) != found[0].tex:
        return []
    return found


def _plain_pieces(text: str, first_line: int) -> list[MathPiece]:
    """Arithmetic chains in a run of prose: ``a = 1 + 2 = 3`` ending in a number, one piece each;
    a chain not read in full is a piece with ``unread`` set (see above)."""
    out = []
    for k, ln in enumerate(text.split("\n")):
        if "=" not in ln and "≈" not in ln:
            continue
        ln = _protect_lists(ln)
        found = []
        for start, raw in _chunks(ln):
            chunk = _drop_trailing_note(raw).strip().rstrip(".,;:'’").strip()
            if not chunk or ("=" not in chunk and "≈" not in chunk):
                continue
            a = start + len(raw) - len(raw.lstrip())
            if (chunk.startswith("(") and chunk.endswith(")") and _balanced(chunk[1:-1])
                    and not _ends_in_number(chunk)):
                chunk, a = chunk[1:-1].strip(), a + 1 + len(chunk[1:-1]) - len(chunk[1:-1].lstrip())
            found.append((a, a + len(chunk), chunk, start + len(raw.rstrip())))
        for n, (a, b, chunk, raw_end) in enumerate(found):
            lo = found[n - 1][3] if n else 0
            hi = found[n + 1][0] if n + 1 < len(found) else len(ln)
            has_digit = any(c.isdecimal() for c in chunk)
            rel_start = _REL_START.match(chunk) is not None
            if not has_digit and not rel_start:
                continue
            tex = _restore_lists(" ".join(chunk.split()))
            if rel_start:
                if not has_digit:
                    continue
                # "= 0.5" at the start of a line continues the line before (see _link_continuations);
                # after text ("$x$ = 0.5", "\\hat{y} = σ(1.674) = 0.8421") the subject is a whole side
                # the prose reader does not see, and the rest of the chain stands on its own
                if _ends_in_number(chunk) and not _balanced(chunk):
                    out.append(MathPiece(first_line + k, "text", tex, unread=_UNREAD_BRACKETS))
                elif _cut_off(ln, a, b, raw_end, lo, hi):
                    out.append(MathPiece(first_line + k, "text", tex, unread=_UNREAD))
                else:
                    out.append(MathPiece(first_line + k, "text", tex))
                continue
            if not _ends_in_number(chunk):
                if re.match(r"^[A-Za-z][\w()₀-₉]*\s*=\s*\S", chunk):
                    # "net_h1 = (w₁ · x₁) + …": the head of a chain continued on the next lines
                    out.append(MathPiece(first_line + k, "text-head", tex))
                continue
            if not _balanced(chunk):
                out.append(MathPiece(first_line + k, "text", tex, unread=_UNREAD_BRACKETS))
                continue
            if _cut_off(ln, a, b, raw_end, lo, hi):
                out.append(MathPiece(first_line + k, "text", tex, unread=_UNREAD))
                continue
            out.append(MathPiece(first_line + k, "text", tex))
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
            pieces[i] = MathPiece(p.line, p.kind, f"{last} {p.tex}", p.unread or prev.unread)
        else:
            rest = _REL_START.sub("", p.tex, count=1).strip()
            # "= ≈ 0.5498" (a fraction's bar lost when a PDF became text): a relation with nothing
            # before it again is an empty side, not a chain that stands alone
            unread = p.unread or (_UNREAD_EMPTY if _REL_START.match(rest) else "")
            pieces[i] = MathPiece(p.line, p.kind, rest, unread)


# ----------------------------------------------------------------------------- chains

_RELATIONS = re.compile(r"\\(approx|simeq|approxeq|doteq|neq|ne|leq|le|geq|ge|lt|gt|to|rightarrow|Rightarrow|"
                        r"implies|iff|in|sim|propto|equiv|ll|gg|mapsto|leftarrow|Leftarrow)(?![A-Za-z])"
                        r"|:=|=|≈|≠|≤|≥|<|>")
_EQ_RELATIONS = {"=", ":=", "\\approx", "≈", "\\simeq", "\\approxeq", "\\doteq"}
_APPROX = {"\\approx", "≈", "\\simeq", "\\approxeq", "\\doteq"}


_CHAIN_TOKEN = re.compile(r"\\[{}]|[{}]|\\[A-Za-z]+|\\.|:=|=|≈|≠|≤|≥|<|>")


def split_chain(tex: str) -> tuple[list[str], list[str]]:
    """``a = b \\approx c`` -> (["a", "b", "c"], ["=", "\\approx"]); only top-level relations split."""
    sides, rels = _split_chain(tex)
    return list(sides), list(rels)


@lru_cache(maxsize=16384)
def _split_chain(tex: str) -> tuple[tuple, tuple]:
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
    return tuple(sides), tuple(rels)


