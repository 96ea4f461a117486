"""Evaluate the numeric LaTeX of an article without ``eval``: parse it, then compute.

Uses sympy's LaTeX parser (ANTLR backend, ``antlr4-python3-runtime==4.11.*``),
which builds an expression tree from the text; nothing in the text is ever
executed.  The letter ``e`` is read by that parser as a plain symbol and is
replaced by Euler's number here.  Symbols can be given values (``{"z_1": 0.2}``);
any that remain make :class:`Unresolved` name them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import BpnnError

if TYPE_CHECKING:  # sympy is imported when first needed: it takes a good part of a second
    import sympy

__all__ = ["parse", "evaluate", "Unresolved", "LatexError"]


class LatexError(BpnnError):
    """The text is not LaTeX this parser understands."""


class Unresolved(BpnnError):
    """The expression has symbols without a value."""

    def __init__(self, names):
        self.names = sorted(names)
        super().__init__(f"symbols without a value: {', '.join(self.names)}")


_LEADING_DOT = re.compile(r"(?<![\d.])\.(\d)")
_SCI = re.compile(r"(\d(?:\.\d*)?)[eE]([+-]?\d+)(?![\d.])")


def _normalise(tex: str) -> str:
    tex = tex.strip()
    tex = _LEADING_DOT.sub(r"0.\1", tex)                 # .5 -> 0.5
    tex = _SCI.sub(r"(\1 \\cdot 10^{\2})", tex)          # 1e-4 -> (1 \cdot 10^{-4})
    tex = tex.replace(r"\left", "").replace(r"\right", "")
    tex = tex.replace(r"\,", " ").replace(r"\;", " ").replace(r"\!", "")
    return tex


def _sympy():
    import sympy

    return sympy


@lru_cache(maxsize=1)
def sympy_version() -> str:
    """The installed sympy's version, without importing sympy."""
    from importlib.metadata import version

    return version("sympy")


_ACCENT = re.compile(r"\\(?:hat|bar|tilde|vec|dot|ddot|widehat|widetilde|overline)\b")


@lru_cache(maxsize=4096)
def parse(tex: str) -> "sympy.Expr":
    """Parse one side of an equation into a sympy expression (e is Euler's number)."""
    from sympy.parsing.latex import LaTeXParsingError, parse_latex

    sp = _sympy()
    src = _normalise(tex)
    if not src:
        raise LatexError("empty expression")
    accent = _ACCENT.search(src)
    if accent:
        # sympy's parser would read \hat{y} as the product hat·y: refuse rather than guess
        raise LatexError(f"cannot parse {tex!r}: decorated name {accent.group(0)}…; give it a value by name instead")
    try:
        expr = parse_latex(src, strict=True)  # strict: no silent "recovery" that drops tokens
    except LaTeXParsingError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise LatexError(f"cannot parse {tex!r}: {first}") from None
    except Exception as exc:  # the ANTLR backend raises a few other types on odd input
        raise LatexError(f"cannot parse {tex!r}: {type(exc).__name__}") from None
    if isinstance(expr, sp.core.relational.Relational):
        raise LatexError(f"{tex!r} is an equation, not an expression")
    return expr.subs(sp.Symbol("e"), sp.E)


def _symbol_name(sym: "sympy.Symbol") -> str:
    return sym.name.replace("{", "").replace("}", "")


def evaluate(tex: str, values: dict[str, float] | None = None) -> float:
    """The value of a numeric LaTeX expression, e.g. ``\\frac{1}{1 + e^{-0.2}}`` -> 0.5498….

    ``values`` maps symbol names as written without braces (``z_1``, ``w_11``)
    to numbers.
    """
    sp = _sympy()
    expr = parse(tex)
    values = values or {}
    subs = {}
    missing = []
    for sym in expr.free_symbols:
        name = _symbol_name(sym)
        if name in values:
            subs[sym] = sp.Float(values[name], 30)
        else:
            missing.append(name)
    if missing:
        raise Unresolved(missing)
    val = expr.subs(subs).evalf(30)
    if not val.is_real or not val.is_finite:
        raise LatexError(f"{tex!r} does not evaluate to a finite real number (got {val})")
    return float(val)


# --------------------------------------------------------------------------------------
# Templates: the fast, checked path used by ``bpnn audit``.
#
# Every number literal of a side is replaced by a placeholder symbol before the text is
# parsed, so that (1) sides that differ only in their numbers share one parse (the ANTLR
# parser is slow; the parses are cached in memory and, as plain JSON trees, on disk),
# (2) sympy cannot fold or drop a number unnoticed: every placeholder must come back in
# the parsed tree, or the side is refused, and (3) each printed number keeps its own
# place in the tree, so the rounding of each input can be followed through the formula.
# Decorated names (\hat{y}, \mathbf{W}) and partial derivatives
# (\frac{\partial L}{\partial w_{71}}) become opaque names; commands outside a short
# list (\sum, \int, \nabla, \begin, \text, …) are refused rather than guessed at.

import json
import math
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

__all__ += ["Literal", "Side", "LatexError", "compile_side", "literal_number", "NUMBER_RE"]

NUMBER_RE = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_BARE = re.compile(r"^\s*([+-]?)\s*((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*$")

_PLACEHOLDER = "Xi"
_CACHE_VERSION = 1

#: commands copied through to the parser unchanged
_ALLOWED = {
    "frac", "cdot", "times", "div", "exp", "ln", "log", "sqrt", "pi", "sin", "cos", "tan",
    "tanh", "sinh", "cosh",
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
    "iota", "kappa", "lambda", "mu", "nu", "rho", "sigma", "tau", "upsilon", "phi", "varphi",
    "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Sigma", "Phi", "Psi", "Omega",
}
_FRAC_ALIASES = {"dfrac": "frac", "tfrac": "frac"}
_DROPPED = {"left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "quad", "qquad"}
_SPACING = {",", ";", "!", ":", " "}
#: decorations that make one opaque name of their argument
_DECOR = {"hat", "bar", "tilde", "vec", "dot", "ddot", "overline", "mathbf", "boldsymbol",
          "mathcal", "mathit", "mathrm", "bm"}
_FUNCS = {"exp": math.exp, "log": math.log, "sin": math.sin, "cos": math.cos, "tan": math.tan,
          "tanh": math.tanh, "sinh": math.sinh, "cosh": math.cosh, "Abs": abs}


@dataclass(frozen=True)
class Literal:
    """One number as the article prints it (without its sign): ``0.865`` has 3 decimals."""

    text: str
    value: float
    decimals: int

    @property
    def half_unit(self) -> float:
        """Half a unit in the last printed place: what the printed digits claim (0.865 ± 0.0005)."""
        return 0.5 * 10.0 ** (-self.decimals)


def literal_number(text: str) -> Literal:
    exp = Decimal(text).as_tuple().exponent
    return Literal(text, float(text), max(0, -int(exp)))


def bare_number(tex: str) -> tuple[int, Literal] | None:
    """``(sign, literal)`` where a side is nothing but a number (``-0.049``), else None."""
    m = _BARE.match(tex.replace(r"\,", "").replace(r"\!", ""))
    if not m:
        return None
    return (-1 if m.group(1) == "-" else 1), literal_number(m.group(2))


def _group(tex: str, i: int) -> tuple[str, int]:
    """The argument starting at ``tex[i]`` (after spaces): a {group}, a \\command or one char."""
    n = len(tex)
    while i < n and tex[i] == " ":
        i += 1
    if i >= n:
        raise LatexError("an argument is missing at the end")
    if tex[i] == "{":
        depth, j = 0, i
        while j < n:
            if tex[j] == "\\":
                j += 2
                continue
            if tex[j] == "{":
                depth += 1
            elif tex[j] == "}":
                depth -= 1
                if depth == 0:
                    return tex[i + 1:j], j + 1
            j += 1
        raise LatexError("unbalanced braces")
    if tex[i] == "\\":
        m = re.match(r"\\([A-Za-z]+|.)", tex[i:])
        return m.group(0), i + len(m.group(0))
    return tex[i], i + 1


def _opaque_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*([{}_^])\s*", r"\1", text)


_UNICODE_OPS = {"\u2212": "-", "\u00d7": r" \times ", "\u00b7": r" \cdot ", "\u22c5": r" \cdot ", "\u00f7": r" \div "}


def template(tex: str) -> tuple[str, tuple]:
    """Split a side into its parser text (numbers as placeholders) and its slots.

    Each slot is ``("lit", Literal)`` for a printed number or ``("name", str)`` for an
    opaque name; slot k is written ``{\\Xi_{k}}`` in the parser text.
    """
    for uni, ascii_ in _UNICODE_OPS.items():
        tex = tex.replace(uni, ascii_)
    out: list[str] = []
    slots: list = []

    def slot(item) -> str:
        slots.append(item)
        return "{\\%s_{%d}}" % (_PLACEHOLDER, len(slots) - 1)

    i, n = 0, len(tex)
    while i < n:
        c = tex[i]
        if c == "\\":
            m = re.match(r"\\([A-Za-z]+|.)", tex[i:])
            if not m:
                raise LatexError("a lone backslash at the end")
            name = m.group(1)
            j = i + len(m.group(0))
            if name in _SPACING:
                out.append(" ")
                i = j
                continue
            if name in _DROPPED:
                i = j
                continue
            name = _FRAC_ALIASES.get(name, name)
            if name == "frac":
                num, k = _group(tex, j)
                if num.lstrip().startswith(r"\partial"):
                    den, k2 = _group(tex, k)
                    if not den.lstrip().startswith(r"\partial"):
                        raise LatexError(r"a \partial over something that is not a \partial")
                    out.append(slot(("name", _opaque_name(r"\frac{%s}{%s}" % (num, den)))))
                    i = k2
                    continue
                out.append(r"\frac")
                i = j
                continue
            if name in _DECOR:
                arg, k = _group(tex, j)
                label = r"\%s{%s}" % (name, arg)
                # a subscript belongs to the decorated name: \hat{y}_i
                mm = re.match(r"\s*_", tex[k:])
                if mm:
                    sub, k = _group(tex, k + len(mm.group(0)))
                    label += "_{%s}" % sub
                out.append(slot(("name", _opaque_name(label))))
                i = k
                continue
            if name == _PLACEHOLDER:
                raise LatexError(r"\Xi is reserved by this tool")
            if name == "partial":
                raise LatexError(r"a derivative (\partial) outside \frac{\partial …}{\partial …}")
            if name in ("begin", "end"):
                env, _ = _group(tex, j)
                raise LatexError(f"a {env} environment (matrices and vectors are not evaluated)")
            if name not in _ALLOWED:
                raise LatexError(f"\\{name} is not supported")
            if name == "log" and not re.match(r"\s*_", tex[j:]):
                raise LatexError(r"\log without a base is ambiguous (e or 10): write \ln or \log_{10}")
            out.append(m.group(0))
            i = j
            continue
        if c == "_":
            sub, k = _group(tex, i + 1)
            out.append("_{%s}" % sub)
            i = k
            continue
        if c.isdigit() or (c == "." and i + 1 < n and tex[i + 1].isdigit()):
            m = NUMBER_RE.match(tex, i)
            out.append(slot(("lit", literal_number(m.group(0)))))
            i = m.end()
            rest = tex[i:].lstrip(" ")
            if rest.startswith("(") or rest.startswith(r"\left("):
                out.append(r" \cdot ")  # 0.9(1 - 0.9): a number times a parenthesis
            continue
        if c in "[],;":
            raise LatexError("a list or vector, not one number" if c != ";" else "a ';' inside a formula")
        if c in "<>!&%#~'" or ord(c) > 127:
            raise LatexError(f"the character {c!r} is not supported here")
        out.append(c)
        i += 1
    return "".join(out), tuple(slots)


# ---- compiled trees: plain tuples, evaluated here without sympy

def _to_tree(expr, nslots: int, seen: set):
    """A sympy expression as a plain nested list (JSON-able)."""
    from sympy.core.function import AppliedUndef

    sp = _sympy()
    if expr.is_Symbol:
        name = expr.name
        m = re.fullmatch(_PLACEHOLDER + r"_\{(\d+)\}", name)
        if m:
            k = int(m.group(1))
            if k >= nslots:
                raise LatexError("internal: placeholder out of range")
            seen.add(k)
            return ["k", k]
        if name == "e":
            return ["c", math.e, "e"]   # Euler's number, unless e stands alone (see Side.lone_e)
        if name == "pi":
            return ["c", math.pi]
        return ["s", name.replace("{", "").replace("}", "")]
    if expr.is_Integer or expr.is_Rational or expr.is_Float:
        return ["c", float(expr)]
    if expr is sp.E:
        return ["c", math.e]
    if expr is sp.pi:
        return ["c", math.pi]
    if expr.is_Add:
        return ["+", [_to_tree(a, nslots, seen) for a in expr.args]]
    if expr.is_Mul:
        return ["*", [_to_tree(a, nslots, seen) for a in expr.args]]
    if expr.is_Pow:
        return ["^", _to_tree(expr.args[0], nslots, seen), _to_tree(expr.args[1], nslots, seen)]
    if isinstance(expr, AppliedUndef):
        return ["u", str(expr.func), [_to_tree(a, nslots, seen) for a in expr.args]]
    fname = type(expr).__name__
    if fname == "log" and len(expr.args) == 2:   # the parser writes \ln x as log(x, E)
        return ["/", ["f", "log", [_to_tree(expr.args[0], nslots, seen)]],
                ["f", "log", [_to_tree(expr.args[1], nslots, seen)]]]
    if fname in _FUNCS:
        return ["f", fname, [_to_tree(a, nslots, seen) for a in expr.args]]
    raise LatexError(f"{fname} is not supported")


def _cache_path() -> Path | None:
    env = os.environ.get("BPNN_CACHE_DIR")
    if env == "":
        return None
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bpnn"
    return base / f"latex-trees-v{_CACHE_VERSION}.json"


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """Trees cached on disk are only reused by the same version of this module."""
    import hashlib

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


_TREES: dict[str, object] | None = None
_DIRTY = False


def _trees() -> dict:
    global _TREES
    if _TREES is None:
        _TREES = {}
        p = _cache_path()
        try:
            if p is not None and p.is_file():
                data = json.loads(p.read_text(encoding="utf-8"))
                if (data.get("sympy") == sympy_version() and data.get("version") == _CACHE_VERSION
                        and data.get("code") == _code_hash()):
                    _TREES = data["trees"]
        except (OSError, ValueError, KeyError, TypeError):
            _TREES = {}
    return _TREES


def save_cache() -> None:
    """Write the parse cache (parser text -> tree, or the parse error) to the user's cache folder."""
    global _DIRTY
    p = _cache_path()
    if not _DIRTY or p is None:
        return
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": _CACHE_VERSION, "sympy": sympy_version(), "code": _code_hash(),
                                   "trees": _trees()}),
                       encoding="utf-8")
        os.replace(tmp, p)
        _DIRTY = False
    except OSError:
        pass  # a cache that cannot be written only costs time


def parse_tree(text: str, nslots: int):
    """Parse a parser text with sympy (no cache): its tree, or ``{"error": reason}``."""
    from sympy.parsing.latex import LaTeXParsingError, parse_latex

    sp = _sympy()
    try:
        expr = parse_latex(text, strict=True)  # strict: no silent "recovery" that drops tokens
        if isinstance(expr, sp.core.relational.Relational):
            raise LatexError("an equation, not an expression")
        seen: set = set()
        tree = _to_tree(expr, nslots, seen)
        if len(seen) != nslots:
            raise LatexError("the parser dropped part of the expression")
        return tree
    except LaTeXParsingError as exc:
        return {"error": f"the LaTeX parser cannot read it ({(str(exc).splitlines() or ['syntax error'])[0]})"}
    except LatexError as exc:
        return {"error": str(exc)}
    except Exception as exc:  # the ANTLR backend raises a few other types on odd input
        return {"error": f"the LaTeX parser cannot read it ({type(exc).__name__})"}


def _tree_for(text: str, nslots: int):
    global _DIRTY
    trees = _trees()
    if text not in trees:
        trees[text] = parse_tree(text, nslots)
        _DIRTY = True
    tree = trees[text]
    if isinstance(tree, dict):
        raise LatexError(tree["error"])
    return tree


class Side:
    """One parsed side of an equation, ready to evaluate many times (for rounding bounds).

    ``slots`` are the printed numbers and opaque names in reading order; ``names`` the
    plain and opaque symbol names it needs (``z_1``, ``delta_7``, ``\\hat{y}``).
    """

    def __init__(self, tex: str):
        self.tex = tex
        text, self.slots = template(tex)
        if not text.strip():
            raise LatexError("empty expression")
        self.tree = _tree_for(text, len(self.slots))
        names: set[str] = set()
        funcs: set[str] = set()
        self._collect(self.tree, names, funcs)
        self.names = names
        self.functions = funcs
        # occurrences that can carry an uncertainty: literal slots and symbol leaves
        self._sym_leaves = self._count_symbols(self.tree)

    def _collect(self, t, names, funcs):
        tag = t[0]
        if tag == "s":
            names.add(t[1])
        elif tag == "k":
            kind, item = self.slots[t[1]]
            if kind == "name":
                names.add(item)
        elif tag == "u":
            funcs.add(t[1])
            for a in t[2]:
                self._collect(a, names, funcs)
        elif tag in ("+", "*", "f"):
            for a in t[-1]:
                self._collect(a, names, funcs)
        elif tag in ("^", "/"):
            self._collect(t[1], names, funcs)
            self._collect(t[2], names, funcs)

    @staticmethod
    def _count_symbols(t) -> int:
        tag = t[0]
        if tag == "s":
            return 1
        if tag in ("+", "*", "f", "u"):
            return sum(Side._count_symbols(a) for a in t[-1])
        if tag in ("^", "/"):
            return Side._count_symbols(t[1]) + Side._count_symbols(t[2])
        return 0

    @property
    def uses_e(self) -> bool:
        """Does the side use the letter e (taken as Euler's number)?"""
        return '["c", 2.718281828459045, "e"]' in json.dumps(self.tree)

    @property
    def lone_e(self) -> bool:
        """The side is just ``e``: a name (an error e = y - t), not Euler's number."""
        return self.tree == ["c", math.e, "e"]

    @property
    def literals(self) -> list[Literal]:
        return [item for kind, item in self.slots if kind == "lit"]

    def unresolved(self, values: dict) -> list[str]:
        missing = sorted(n for n in self.names if n not in values)
        return sorted(set(missing) | {f"{f}(…)" for f in self.functions})

    def value(self, lit_values: dict[int, float], sym_values) -> float:
        """Evaluate: ``lit_values`` slot -> value, ``sym_values(name, occurrence)`` -> value."""
        counter = [0]

        def ev(t):
            tag = t[0]
            if tag == "c":
                return t[1]
            if tag == "k":
                kind, item = self.slots[t[1]]
                if kind == "lit":
                    return lit_values.get(t[1], item.value)
                counter[0] += 1
                return sym_values(item, -t[1] - 1)
            if tag == "s":
                counter[0] += 1
                return sym_values(t[1], counter[0])
            if tag == "+":
                return math.fsum(ev(a) for a in t[1])
            if tag == "*":
                r = 1.0
                for a in t[1]:
                    r *= ev(a)
                return r
            if tag == "^":
                b, e = ev(t[1]), ev(t[2])
                if b == 0 and e < 0:
                    raise ZeroDivisionError("division by zero")
                r = b ** e
                if isinstance(r, complex):
                    raise ValueError("not a real number")
                return r
            if tag == "/":
                return ev(t[1]) / ev(t[2])
            if tag == "f":
                return _FUNCS[t[1]](*[ev(a) for a in t[2]])
            raise ValueError(f"{t[1]}(…) has no value")

        v = ev(self.tree)
        if not math.isfinite(v):
            raise ValueError("not a finite number")
        return float(v)


@lru_cache(maxsize=8192)
def compile_side(tex: str) -> Side:
    """Parse one side of an equation (cached); raises :class:`LatexError` with the reason."""
    return Side(tex)


def template_text(tex: str) -> str:
    """The parser text of a side (its numbers as placeholders): the key of the parse cache."""
    return template(tex)[0]


def parser_id() -> str:
    """Which parser made a tree: sympy's version and this module's code."""
    return f"sympy {sympy_version()}, latexnum {_code_hash()}"


def preload(trees: dict, made_by: str) -> None:
    """Seed the parse cache with trees made earlier by the same parser (e.g. shipped ones)."""
    if made_by != parser_id() or not isinstance(trees, dict):
        return
    cache = _trees()
    for k, v in trees.items():
        cache.setdefault(k, v)
