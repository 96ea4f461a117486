"""Deciding verdicts: each side evaluated with its rounding, consecutive sides compared, values
remembered from line to line."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...errors import BpnnError
from .find import MathPiece, extract_math, split_chain, _EQ_RELATIONS, _APPROX



VERDICTS = ("ok", "wrong", "inconsistent", "unchecked", "unparsed")
#: the audit's verdicts (and the errata's "not math": a line the audit does not read) in Chinese
VERDICTS_ZH = {"ok": "无误", "wrong": "有误", "inconsistent": "前后矛盾", "unchecked": "未核查",
               "unparsed": "无法解析", "not math": "非数学式"}
MAX_CORNERS = 10        # at most 2**10 evaluations per side for the rounding bounds
MAX_ROUNDED = 300       # beyond this many rounded inputs a side is not bounded (first-order bounds cost n²)
MAX_TERMS_SIDE = 5000


def verdict_label(verdict: str, lang: str = "en") -> str:
    """An audit verdict (one of ``VERDICTS``, or "not math") as the book prints it in ``lang``."""
    from ..i18n import check_lang

    if check_lang(lang) == "en":
        return verdict
    if verdict not in VERDICTS_ZH:
        raise BpnnError(f"audit verdict {verdict!r}: must be one of {', '.join(VERDICTS_ZH)}")
    return VERDICTS_ZH[verdict]


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
    from ..latexnum import LatexError, bare_number, compile_side

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
    from ..latexnum import LatexError, compile_side

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
    # ---- BEGIN audit-vectors hook: a chain with a vector or matrix in it (a literal, or a name
    # that holds one) is audited by .tensor, element by element, with this module's scalar
    # evaluator and comparison; it remembers tensors in `memory` under tensor.TENSOR_KEY + name.
    from . import tensor

    result = tensor.audit_chain(piece, memory, rounded, log=log, is_name=_is_name, agree=_agree,
                                evaluate_side=lambda t, inter: _evaluate_side(t, memory, rounded, intermediate=inter))
    if result is not None:
        return result
    # ---- END audit-vectors hook
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
    from ..latexnum import LatexError, compile_side

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

