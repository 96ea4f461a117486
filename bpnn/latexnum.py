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

import sympy as sp

from .errors import BpnnError

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


@lru_cache(maxsize=4096)
def parse(tex: str) -> sp.Expr:
    """Parse one side of an equation into a sympy expression (e is Euler's number)."""
    from sympy.parsing.latex import LaTeXParsingError, parse_latex

    src = _normalise(tex)
    if not src:
        raise LatexError("empty expression")
    try:
        expr = parse_latex(src)
    except LaTeXParsingError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise LatexError(f"cannot parse {tex!r}: {first}") from None
    except Exception as exc:  # the ANTLR backend raises a few other types on odd input
        raise LatexError(f"cannot parse {tex!r}: {type(exc).__name__}") from None
    if isinstance(expr, sp.core.relational.Relational):
        raise LatexError(f"{tex!r} is an equation, not an expression")
    return expr.subs(sp.Symbol("e"), sp.E)


def _symbol_name(sym: sp.Symbol) -> str:
    return sym.name.replace("{", "").replace("}", "")


def evaluate(tex: str, values: dict[str, float] | None = None) -> float:
    """The value of a numeric LaTeX expression, e.g. ``\\frac{1}{1 + e^{-0.2}}`` -> 0.5498….

    ``values`` maps symbol names as written without braces (``z_1``, ``w_11``)
    to numbers.
    """
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
