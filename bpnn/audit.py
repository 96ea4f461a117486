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
    checked.  Each side is parsed (:mod:`bpnn.latexnum`: sympy's LaTeX parser, no
    ``eval``) and evaluated where it has a value: a side made only of numbers, or one
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
import math
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import BpnnError

__all__ = [
    "MathPiece", "Check", "LineResult", "FileResult", "extract_math", "audit_text", "audit_file",
    "audit_document", "stored_math", "dump_extract", "audit_stored", "extract_files", "format_table",
    "format_markdown", "to_json", "add_parser", "STORED_MATH", "VERDICTS",
]

VERDICTS = ("ok", "wrong", "unchecked", "unparsed")
STORED_MATH = Path(__file__).resolve().parent / "data" / "article_math.json"
MAX_CORNERS = 10        # at most 2**10 evaluations per side for the rounding bounds


# ----------------------------------------------------------------------------- extraction

@dataclass(frozen=True)
class MathPiece:
    """One equation (or formula) of a document: its 1-based line, delimiter and TeX."""

    line: int
    kind: str        # "$$", "\\[", "$", "\\("
    tex: str


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s")
_MATRIX_ENV = re.compile(r"\\begin\{[a-zA-Z]*matrix\*?\}|\\begin\{(array|cases)\}")
_ALIGN_ENV = re.compile(r"\\(begin|end)\{(aligned|align\*?|gather\*?|gathered|split|equation\*?|eqnarray\*?)\}")


def _find_inline_dollar_close(s: str, start: int) -> int:
    """Index of the closing ``$`` of inline math opened just before ``start`` (pandoc's rule), or -1."""
    if start >= len(s) or s[start].isspace():
        return -1
    j = start
    while True:
        j = s.find("$", j)
        if j < 0:
            return -1
        if s[j - 1] == "\\":
            j += 1
            continue
        if not s[j - 1].isspace() and not (j + 1 < len(s) and s[j + 1].isdigit()) and j > start:
            return j
        j += 1


def _display_pieces(parts: list[tuple[int, str]], kind: str) -> list[MathPiece]:
    """The equations of one display block, given its text line by line."""
    text = "\n".join(t for _, t in parts)
    first_line = parts[0][0]

    def line_at(offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    if not text.strip():
        return []
    if _MATRIX_ENV.search(text) or "\\\\" not in text:
        off = len(text) - len(text.lstrip())
        return [MathPiece(line_at(off), kind, " ".join(text.split()))]
    body = _ALIGN_ENV.sub(lambda m: " " * len(m.group(0)), text)
    pieces = []
    pos = 0
    for row in re.split(r"(\\\\)", body):
        if row != "\\\\" and row.strip():
            off = pos + len(row) - len(row.lstrip())
            pieces.append(MathPiece(line_at(off), kind, " ".join(row.replace("&", " ").split())))
        pos += len(row)
    return pieces


def extract_math(text: str) -> tuple[list[MathPiece], list[tuple[int, int]]]:
    """The math of a Markdown text and its level-1/2 headings: ``(pieces, [(line, level)])``."""
    pieces: list[MathPiece] = []
    sections: list[tuple[int, int]] = []
    fence: str | None = None
    block: tuple[str, str, list] | None = None     # (kind, closer, [(line, text)])
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if block is None:
            m = _FENCE.match(raw)
            if fence is not None:
                if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                    fence = None
                continue
            if m:
                fence = m.group(1)
                continue
            h = _HEADING.match(raw)
            if h:
                if len(h.group(1)) <= 2:
                    sections.append((lineno, len(h.group(1))))
                continue
        s = raw
        pos = 0
        while pos <= len(s):
            if block is not None:
                kind, closer, parts = block
                j = s.find(closer, pos)
                if j < 0:
                    parts.append((lineno, s[pos:]))
                    break
                parts.append((lineno, s[pos:j]))
                pieces.extend(_display_pieces(parts, kind))
                block = None
                pos = j + len(closer)
                continue
            m = re.compile(r"`+|\\\$|\$\$|\\\[|\\\(|\$").search(s, pos)
            if not m:
                break
            tok = m.group(0)
            if tok.startswith("`"):
                end = s.find(tok, m.end())
                pos = len(s) + 1 if end < 0 else end + len(tok)
                continue
            if tok == "\\$":
                pos = m.end()
                continue
            if tok in ("$$", "\\["):
                block = (tok, "$$" if tok == "$$" else "\\]", [])
                pos = m.end()
                continue
            if tok == "\\(":
                end = s.find("\\)", m.end())
                if end < 0:
                    block = ("\\(", "\\)", [])
                    pos = m.end()
                    continue
                body = s[m.end():end]
                if body.strip():
                    pieces.append(MathPiece(lineno, "\\(", " ".join(body.split())))
                pos = end + 2
                continue
            # a single $
            end = _find_inline_dollar_close(s, m.end())
            if end < 0:
                pos = m.end()
                continue
            body = s[m.end():end]
            pieces.append(MathPiece(lineno, "$", " ".join(body.split())))
            pos = end + 1
    if block is not None:
        kind, closer, parts = block
        line = parts[0][0] if parts else len(text.splitlines())
        raise BpnnError(f"line {line}: the math opened with {kind} is never closed with {closer}")
    return pieces, sections


# ----------------------------------------------------------------------------- chains

_RELATIONS = re.compile(r"\\(approx|simeq|approxeq|doteq|neq|ne|leq|le|geq|ge|lt|gt|to|rightarrow|Rightarrow|"
                        r"implies|iff|in|sim|propto|equiv|ll|gg|mapsto|leftarrow|Leftarrow)(?![A-Za-z])"
                        r"|:=|=|≈|≠|≤|≥|<|>")
_EQ_RELATIONS = {"=", ":=", "\\approx", "≈", "\\simeq", "\\approxeq", "\\doteq"}
_APPROX = {"\\approx", "≈", "\\simeq", "\\approxeq", "\\doteq"}


def split_chain(tex: str) -> tuple[list[str], list[str]]:
    """``a = b \\approx c`` -> (["a", "b", "c"], ["=", "\\approx"]); only top-level relations split."""
    sides, rels = [], []
    depth = 0
    start = 0
    i = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\" and i + 1 < len(tex) and tex[i + 1] in "{}":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0:
            m = _RELATIONS.match(tex, i)
            if m and not (c == "\\" and re.match(r"\\(left|right)", tex[i:])):
                sides.append(tex[start:i].strip())
                rels.append(m.group(0))
                start = i = m.end()
                continue
        if c == "\\":
            m = re.match(r"\\[A-Za-z]+", tex[i:])
            i += len(m.group(0)) if m else 2
            continue
        i += 1
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


@dataclass
class LineResult:
    line: int
    verdict: str                     # ok | wrong | unchecked | unparsed
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

    def count(self, verdict: str) -> int:
        return sum(r.verdict == verdict for r in self.lines)

    @property
    def summary(self) -> dict:
        with_numbers = [r for r in self.lines if r.has_numbers]
        return {
            "math_lines": len(self.lines),
            "with_numbers": len(with_numbers),
            "parsed": sum(r.parsed for r in with_numbers),
            "checked": sum(r.verdict in ("ok", "wrong") for r in self.lines),
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

def _has_number(tex: str) -> bool:
    """Does the text print a number outside subscripts (``w_{11}`` has none)?"""
    stripped = re.sub(r"_(\{[^{}]*\}|\\[A-Za-z]+|.)", "", tex)
    return bool(re.search(r"\d", stripped))


def _evaluate_side(tex: str, memory: dict[str, Known], rounded: set[str]) -> Side:
    from .latexnum import LatexError, bare_number, compile_side

    if not tex:
        return Side(tex, "empty", reason="an empty side")
    bn = bare_number(tex)
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
    # the uncertain inputs: rounded literals and remembered values that were rounded
    lits = side.literals
    coarsest = max([lit.half_unit for lit in lits], default=0.0)
    lit_h = {}
    rounded_here = []
    for k, (kind, item) in enumerate(side.slots):
        if kind == "lit" and item.text in rounded:
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
    for n in used:
        if memory[n].half:
            rounded_here.append(f"{n} = {memory[n].printed} ± {_g(memory[n].half)}")
            coarsest = max(coarsest, memory[n].half)
    variables = [("k", k, h) for k, h in lit_h.items()]
    variables += [("s", occ, memory[name].half) for occ, name in occurrences.items() if memory[name].half]
    lo = hi = point
    try:
        if variables and len(variables) <= MAX_CORNERS:
            for signs in itertools.product((-1.0, 1.0), repeat=len(variables)):
                lv = {}
                sv = {}
                for (kind, key, h), sgn in zip(variables, signs):
                    (lv if kind == "k" else sv)[key] = sgn * h
                v = side.value({k: side.slots[k][1].value + d for k, d in lv.items()},
                               lambda n, occ: memory[n].value + sv.get(occ, 0.0))
                lo, hi = min(lo, v), max(hi, v)
        elif variables:
            spread = 0.0
            for kind, key, h in variables:
                step = h * 1e-3
                if kind == "k":
                    v = side.value({key: side.slots[key][1].value + step}, lambda n, occ: memory[n].value)
                else:
                    v = side.value({}, lambda n, occ: memory[n].value + (step if occ == key else 0.0))
                spread += abs(v - point) / step * h
            lo, hi = point - 2 * spread, point + 2 * spread
    except (ZeroDivisionError, ValueError, OverflowError) as exc:
        return Side(tex, "unparsed", reason=f"cannot be evaluated near its printed inputs: {exc}")
    return Side(tex, "value", point, lo, hi, uses=uses, rounded=rounded_here, coarsest=coarsest)


def _agree(a: Side, b: Side, relation: str) -> bool:
    eps = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    if a.status == "number" and b.status == "number":
        # two printed numbers: the finer must round to the coarser (0.50 = 0.5, not 1 = 2)
        return abs(a.value - b.value) <= max(a.coarsest, b.coarsest) + eps
    if a.lo - eps <= b.hi and b.lo - eps <= a.hi:
        return True
    if relation in _APPROX and a.status == "value" and b.status == "value":
        tol = max(a.coarsest, b.coarsest)
        return a.lo - tol - eps <= b.hi and b.lo - tol - eps <= a.hi
    return False


def _is_name(tex: str) -> str | None:
    """The name where a side is one plain or opaque name (``z_1``, ``\\delta_7``, a derivative)."""
    from .latexnum import LatexError, compile_side

    if _has_number(tex):
        return None
    try:
        side = compile_side(tex)
    except LatexError:
        return None
    t = side.tree
    if side.lone_e:
        return "e"
    if t[0] == "s":
        return t[1]
    if t[0] == "k" and side.slots[t[1]][0] == "name":
        return side.slots[t[1]][1]
    return None


@dataclass
class _PieceResult:
    checks: list[Check]
    sides: list[Side]
    has_numbers: bool


def _audit_piece(piece: MathPiece, memory: dict[str, Known], rounded: set[str]) -> _PieceResult:
    sides_tex, rels = split_chain(piece.tex)
    has_numbers = _has_number(piece.tex)
    if not has_numbers:
        return _PieceResult([], [Side(t, "unresolved") for t in sides_tex], False)
    sides = [_evaluate_side(t, memory, rounded) for t in sides_tex]
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
            checks.append(Check(a.tex, relation, side.tex, a.value, side.value, (a.lo, a.hi), (side.lo, side.hi), ok))
            if side.status == "number":
                exact_result[j] = (not approx and a.status == "value" and a.lo == a.hi
                                   and abs(a.value - side.value) <= 1e-12 * max(1.0, abs(side.value)))
        prev = j
    # a definition "name = number" states data, exactly
    if len(sides) == 2 and rels[0] in ("=", ":=") and sides[1].status == "number" and _is_name(sides_tex[0]):
        exact_result[1] = True
    # printed results that were rounded (or are not what their calculation gives)
    for j, side in enumerate(sides):
        if (j > 0 and side.status == "number" and rels[j - 1] in _EQ_RELATIONS
                and not exact_result.get(j, False) and "." in side.printed):
            rounded.add(side.printed.lstrip("-"))
    # remember "name = … = number"
    if len(sides) >= 2 and sides[-1].status == "number" and all(r in _EQ_RELATIONS for r in rels):
        name = _is_name(sides_tex[0])
        if name is not None:
            last = sides[-1]
            j = len(sides) - 1
            half = 0.0 if exact_result.get(j, False) else (last.hi - last.lo) / 2
            memory[name] = Known(last.value, half, piece.line, last.printed)
    return _PieceResult(checks, sides, True)


def audit_document(name: str, pieces: list[MathPiece], sections: list[tuple[int, int]] = ()) -> FileResult:
    """Audit the math pieces of one document (from a file or from the stored extract)."""
    _preload_stored()
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
        by_line.setdefault(piece.line, []).append(_audit_piece(piece, memory, rounded))
        tex_by_line.setdefault(piece.line, []).append(piece.tex)
    results = [_line_result(n, " ; ".join(tex_by_line[n]), prs) for n, prs in sorted(by_line.items())]
    from .latexnum import save_cache

    save_cache()
    return FileResult(name, results)


def _line_result(line: int, tex: str, prs: list[_PieceResult]) -> LineResult:
    checks = [c for p in prs for c in p.checks]
    sides = [s for p in prs for s in p.sides]
    has_numbers = any(p.has_numbers for p in prs)
    unparsed = [s for p in prs if p.has_numbers for s in p.sides if s.status in ("unparsed", "empty")
                and _has_number(s.tex)]
    missing = sorted({m for s in sides for m in s.missing})
    uses = list(dict.fromkeys(u for s in sides for u in s.uses))
    rounded = list(dict.fromkeys(r for s in sides for r in s.rounded))
    r = LineResult(line, "unchecked", tex, checks=checks, unresolved=missing, uses=uses,
                   rounded_inputs=rounded, has_numbers=has_numbers, parsed=not unparsed)
    bad = [c for c in checks if not c.ok]
    if bad:
        c = bad[0]
        r.verdict = "wrong"
        by_tex = {s.tex: s for s in sides}
        right, left = by_tex.get(c.right), by_tex.get(c.left)
        if right is not None and right.status == "number":
            r.stated, r.computed = right.printed, _g(c.left_value)
        elif left is not None and left.status == "number":
            r.stated, r.computed = left.printed, _g(c.right_value)
        else:
            r.stated, r.computed = _g(c.right_value), _g(c.left_value)
        parts = []
        for c in bad:
            lo, hi = c.left_range
            rng = f" (inputs as rounded: {_g(lo)} to {_g(hi)})" if hi > lo and by_tex.get(c.left, None) is not None \
                and by_tex[c.left].status == "value" else ""
            parts.append(f"{c.left} gives {_g(c.left_value)}{rng}, not {c.right}" if by_tex.get(c.right) is not None
                         and by_tex[c.right].status == "number"
                         else f"{c.left} gives {_g(c.left_value)} but {c.right} gives {_g(c.right_value)}")
        r.detail = "; ".join(parts)
    elif checks:
        r.verdict = "ok"
        r.detail = "1 comparison agrees" if len(checks) == 1 else f"{len(checks)} comparisons agree"
    elif unparsed:
        r.verdict = "unparsed"
        r.detail = "; ".join(dict.fromkeys(f"{s.tex}: {s.reason}" for s in unparsed))
    elif not has_numbers:
        r.detail = "no numbers"
    elif missing:
        r.detail = "no value for " + ", ".join(missing)
    else:
        r.detail = "no two sides with a value to compare"
    if r.verdict in ("ok", "wrong") and missing:
        r.detail += "; not checked (no value): " + ", ".join(missing)
    if uses:
        r.detail += "; uses " + ", ".join(uses)
    return r


# ----------------------------------------------------------------------------- files

def audit_text(text: str, name: str = "<text>") -> FileResult:
    pieces, sections = extract_math(text)
    return audit_document(name, pieces, sections)


def audit_file(path: str | Path) -> FileResult:
    from .spec import read_text_file

    text = read_text_file(path, "article")
    try:
        return audit_text(text, Path(path).name)
    except BpnnError as exc:
        raise BpnnError(f"{path}: {exc}") from None


def extract_files(paths) -> dict:
    """The math of some files as the JSON the project stores (math only, with line numbers)."""
    from .spec import read_text_file

    articles = {}
    for path in paths:
        text = read_text_file(path, "article")
        try:
            pieces, sections = extract_math(text)
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
                 "extracted by `bpnn audit --extract`; `bpnn audit --stored` audits it. "
                 "parse_cache holds the parser's trees of their sides (numbers as placeholders), "
                 "so that auditing them needs no slow parse.",
        "format": 1,
        "articles": dict(sorted(articles.items())),
        **_parse_cache(articles),
    }


def _parse_cache(articles: dict) -> dict:
    from .latexnum import LatexError, bare_number, parse_tree, parser_id, template

    trees = {}
    for a in articles.values():
        for _line, _kind, tex in a["math"]:
            for side in split_chain(tex)[0]:
                if not side or bare_number(side) is not None:
                    continue
                try:
                    text, slots = template(side)
                except LatexError:
                    continue
                if text.strip():
                    trees[text] = parse_tree(text, len(slots))
    return {"parser": parser_id(), "parse_cache": dict(sorted(trees.items()))}


def _preload_stored() -> None:
    """Seed the parse cache with the trees stored for the articles (a fresh parse is slow)."""
    try:
        data = _load_stored(str(STORED_MATH))
    except BpnnError:
        return
    from .latexnum import preload

    preload(data.get("parse_cache", {}), data.get("parser", ""))


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
    out.append(" },")
    out.append(f' "parser": {j(data["parser"])},')
    out.append(' "parse_cache": {')
    items = list(data["parse_cache"].items())
    out.append(",\n".join(f"  {j(k)}: {j(v)}" for k, v in items))
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
    if not isinstance(data, dict) or data.get("format") != 1 or not isinstance(data.get("articles"), dict):
        raise BpnnError(f"{p}: not a stored-math file of format 1")
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
            f"{s['checked']} checked: {s['ok']} ok, {s['wrong']} wrong, {s['unchecked']} unchecked, "
            f"{s['unparsed']} unparsed")


def format_table(results: list[FileResult], verbose: bool = True) -> str:
    """The readable report: one row per math line, then a summary per file."""
    out = []
    for fr in results:
        out.append(fr.name)
        rows = [r for r in fr.lines if verbose or r.verdict != "unchecked" or r.has_numbers]
        if rows:
            out.append(f"  {'line':>5}  {'verdict':<9}  {'stated':>8}  {'computed':>10}  detail")
        for r in rows:
            detail = r.detail if r.verdict != "unchecked" or r.has_numbers else "no numbers"
            out.append(f"  {r.line:>5}  {r.verdict:<9}  {r.stated or '':>8}  {r.computed or '':>10}  {detail}")
        out.append("  " + _summary_line(fr.summary))
        out.append("")
    if len(results) > 1:
        out.append("all files: " + _summary_line(_total(results)))
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


def to_json(results: list[FileResult]) -> str:
    def line(r: LineResult) -> dict:
        d = asdict(r)
        d["checks"] = [asdict(c) for c in r.checks]
        return d

    data = {
        "files": [{"name": fr.name, "summary": fr.summary, "lines": [line(r) for r in fr.lines]} for fr in results],
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
        results = [audit_file(p) for p in args.files]
    if args.json:
        text = to_json(results)
    elif args.markdown:
        text = format_markdown(results)
    else:
        text = format_table(results, verbose=not args.brief)
    print(text, end="" if text.endswith("\n") else "\n")
    return 1 if any(fr.count("wrong") for fr in results) else 0


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
    a.add_argument("--stored", action="store_true",
                   help="audit the math of the five articles stored in the project (no article files needed)")
    a.add_argument("--extract", action="store_true",
                   help="print the math of the files as the JSON the project stores, instead of auditing")
    a.add_argument("-o", "--output", help="with --extract: write to this file")
    a.set_defaults(func=_cmd_audit)
