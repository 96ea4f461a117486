"""Article LaTeX as sympy expressions, for the symbolic checks: the tree of the audit's parser
(:func:`bpnn.articles.latexnum.compile_side`) turned into sympy, never ``sympify`` of text.

:func:`parse` turns a formula into a sympy expression, and :func:`evaluate` computes that
expression to 30 digits.  The letter ``e`` is Euler's number; names are sympy symbols
named as written without braces (``w_{31}`` is ``w_31``, ``\\delta_{z_6}`` is
``delta_z_6``); ``f(…)``, ``g(…)`` and their primes (``f'(w \\cdot x + b)``) are
undefined functions, and a name that also stands alone is a value (``a(1 - a)`` is a
product).  Symbols can be given values (``{"z_1": 0.2}``); any that remain make
:class:`Unresolved` name them.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import BpnnError
from .latexnum import LatexError, compile_side

if TYPE_CHECKING:  # sympy is imported when first needed: it takes a good part of a second
    import sympy

__all__ = ["parse", "evaluate", "Unresolved"]


class Unresolved(BpnnError):
    """The expression has symbols without a value."""

    def __init__(self, names):
        self.names = sorted(names)
        super().__init__(f"symbols without a value: {', '.join(self.names)}")


def _sympy():
    import sympy

    return sympy


#: names read as undefined functions when a parenthesis follows: f(x), g'(z), f_1(u)
_FUNCTION_NAME = re.compile(r"[fg](?:_\w+)?'*")


@lru_cache(maxsize=4096)
def parse(tex: str) -> "sympy.Expr":
    """Parse one side of an equation into a sympy expression (e is Euler's number).

    The tree comes from :func:`bpnn.articles.latexnum.compile_side`, the parser the audit uses.  A name before
    a parenthesis is a product where the same name also stands alone in the formula
    (``out_{h1}(1 - out_{h1})``, ``a(1-a)``), an undefined function where it is f or g
    (``f'(w \\cdot x + b)``), and refused as ambiguous otherwise (``h(1 - a)``).  An
    equation, a list and whatever that parser refuses raise :class:`bpnn.articles.latexnum.LatexError` too.
    """
    side = compile_side(tex)
    return _to_sympy(side.tree, side.slots, tex, frozenset(side.names))


def _number(value: float):
    sp = _sympy()
    return sp.Integer(int(value)) if float(value).is_integer() else sp.Float(value)


def _to_sympy(tree, slots, tex: str, values: frozenset = frozenset()):
    """The sympy expression of one :class:`Side` tree (see :meth:`Side.value` for the tags);
    ``values``: the names that stand alone in it (a call of one of them is a product)."""
    sp = _sympy()
    funcs = {"exp": sp.exp, "ln": sp.log, "log10": lambda u: sp.log(u, 10), "log2": lambda u: sp.log(u, 2),
             "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "tanh": sp.tanh, "sinh": sp.sinh, "cosh": sp.cosh,
             "sqrt": sp.sqrt, "abs": sp.Abs, "sigmoid": lambda u: 1 / (1 + sp.exp(-u)),
             "max": sp.Max, "min": sp.Min}

    def conv(t):   # unevaluated, as written: sympy evaluates it when asked (evalf, simplify)
        tag = t[0]
        if tag == "k":   # a printed number (a checked number token, never sympify'd): as sympy reads it
            text = slots[t[1]][1].text
            return sp.Integer(int(text)) if text.isdigit() else sp.Float(text)
        if tag == "c":
            if len(t) > 2 and t[2] == "e":
                return sp.E
            if t[1] == math.pi:
                return sp.pi
            return _number(t[1])
        if tag == "s":
            return sp.Symbol(t[1])
        if tag == "+":
            return sp.Add(*[conv(a) for a in t[1]], evaluate=False)
        if tag == "*":
            return sp.Mul(*[conv(a) for a in t[1]], evaluate=False)
        if tag == "^":
            return sp.Pow(conv(t[1]), conv(t[2]), evaluate=False)
        if tag == "f":
            return funcs[t[1]](*[conv(a) for a in t[2]])
        if tag == "call":
            if t[1] in values:           # out_{h1}(1 - out_{h1}): the name is a value, so a product
                return sp.Mul(sp.Symbol(t[1]), conv(t[2]), evaluate=False)
            if not _FUNCTION_NAME.fullmatch(t[1]):
                raise LatexError(f"cannot parse {tex!r}: {t[1]}(…) could be a product or a function; "
                                 f"write {t[1]} \\cdot (…) for a product")
            return sp.Function(t[1])(conv(t[2]))
        raise LatexError(f"cannot parse {tex!r}: {tag!r}")

    return conv(tree)


def evaluate(tex: str, values: dict[str, float] | None = None) -> float:
    """The value of a numeric LaTeX expression, e.g. ``\\frac{1}{1 + e^{-0.2}}`` -> 0.5498….

    ``values`` maps symbol names as written without braces (``z_1``, ``w_11``)
    to numbers.  Computed by sympy to 30 digits, returned as a float.
    """
    sp = _sympy()
    expr = parse(tex)
    values = values or {}
    subs = {}
    missing = []
    for sym in expr.free_symbols:
        if sym.name in values:
            subs[sym] = sp.Float(values[sym.name], 30)
        else:
            missing.append(sym.name)
    if missing:
        raise Unresolved(missing)
    if expr.atoms(sp.core.function.AppliedUndef):
        raise Unresolved(sorted(f"{f.func.__name__}(…)" for f in expr.atoms(sp.core.function.AppliedUndef)))
    val = expr.xreplace(subs).evalf(30)
    if not val.is_real or not val.is_finite:
        raise LatexError(f"{tex!r} does not evaluate to a finite real number (got {val})")
    return float(val)


