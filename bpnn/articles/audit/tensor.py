r"""Vectors and matrices in the audit: literals, products, element-wise functions, comparison
element by element.

What it reads
    Literals: ``[0.8808, 0.9084]`` (a vector without orientation, like a 1-D NumPy array),
    ``[0.8]^T`` (one element in brackets, transposed: a vector of one), ``[h; x]`` with ``h``
    and ``x`` vectors (their concatenation; a matrix inside is refused),
    ``(1.0, 0.5, -1.0)`` (the same), ``[[1, 2], [3, 4]]`` and ``[1, 2; 3, 4]`` (rows),
    ``\begin{bmatrix} … \end{bmatrix}`` and ``pmatrix``, ``Bmatrix``, ``matrix``, ``smallmatrix``,
    ``array`` (its column spec skipped): rows by ``\\``, columns by ``&``; one row is a 1×n row
    vector, one column an n×1 column vector.  ``vmatrix``/``Vmatrix`` are determinants: refused.
    ``\left[ … \right]`` and ``\left( … \right)`` around a matrix are only its delimiters.

    Every element is one scalar LaTeX expression, evaluated by the scalar evaluator the caller
    passes in (:func:`bpnn.articles.latexnum.compile_side` behind the audit's rounding rules);
    this module never reads a number itself.

What it computes (each element an interval ``[lo, hi]`` around its value)
    * ``+`` and ``-`` of equal shapes, or of a tensor and a number (the number added to every
      element: ``W x + 0.35`` with one bias for the layer);
    * products, written by juxtaposition, ``\cdot``, ``\times`` or ``*``: a number times a tensor
      scales it; two tensors are a matrix product where the inner sizes fit (a vector without
      orientation is a row on the left and a column on the right, as NumPy's ``@``), and two
      vectors of the same length are a dot product.  Where the matrix product does not fit
      and the reading is not a dot product, the shapes are reported ("shapes 2×3 and 2×1
      cannot be multiplied"); ``\times`` and ``*`` between two vectors (cross product? element
      by element?) are refused rather than guessed;
    * ``\cdot`` between two vectors has several readings: articles write it for the dot, the
      element-wise and the outer product.  The chain is evaluated under each combination of the
      readings whose shapes fit (:class:`Readings`, at most :data:`MAX_READINGS`): wrong under
      every one, it is wrong whatever was meant; agreeing under every one, ok; under some but not
      all, the line is unchecked (``ambiguous-reading``), saying which reading matches.  Where one
      reading alone fits the other sides, it is taken and named in the report;
    * ``\odot`` and ``\circ``: element by element (equal shapes); ``/``, ``\frac`` and ``\div``
      element by element by a number or a tensor of the same shape; ``^T``, ``^{T}``, ``^\top``,
      ``^\intercal``: transpose; a power of a tensor is element by element;
    * functions element by element: σ / ``\sigma`` / sigmoid (the logistic function), σ' (its
      derivative σ(1-σ)), ``\exp`` / ``e^{…}``, ``\tanh``, ``\ln``, ReLU, ``\max(0, ·)`` and
      ``\max(·, 0)``; softmax of a vector;
    * ``\max(a, b, …)`` and ``\min(a, b, …)`` (two or more arguments) element by element where a
      vector or matrix is among them (a number against every element; vectors or matrices of one
      shape); of numbers only they are the scalar parser's.  ``\max_{i}`` and ``\max z`` (over the
      elements? over an index?) are refused.

    The interval of a result is conservative (interval arithmetic over the inputs' intervals);
    elements that are data have zero width, so exact inputs give exact results.  Sizes are
    bounded (:data:`MAX_ELEMENTS` elements, :data:`MAX_PRODUCT` multiplications per product) and
    the cost is linear in the text.

Comparison
    Two tensors of the same shape (vectors compared as vectors, whatever their orientation)
    are compared element by element with the caller's scalar comparer (the audit's
    ``verdicts._agree``, i.e. ``verdicts.classify``): each element is ok, slip or wrong under the
    same rounding rules as a scalar, and each element that is not ok is reported with its row and
    column, the value stated and the value computed.  The rounding rules of ``verdicts`` apply to
    every element: a printed number used in a computation takes its origin (data exact, a printed
    result rounded, rule 4 on the parts of the chain's earlier sides, elements included); where a
    number may be read both ways (rule 6) the side is evaluated both ways and an element whose
    verdicts differ is *undecided* (the line unchecked, ``unknown-precision``).  Printed results
    are registered with ``verdicts.Sources``; a literal given to a name with no calculation before
    it is data.

    Two sides whose numbers of elements differ (``[1, 2] + [3, 4] = [4, 6, 8]``, a row times a
    column, 1×1, stated as a 2×2 matrix, a vector stated as one number) cannot be equal however
    their elements are arranged: the comparison is wrong, its detail the two numbers of elements
    ("number of elements of … gives 2 but number of elements of … gives 3").  As many elements in
    another arrangement (2×3 against 3×2, or where another reading of ``\cdot`` gives as many) are
    shapes that do not fit: reported, not judged.

:func:`audit_chain` is the audit's entry point: it takes over a chain ``a = … = …`` where one
of its sides holds a vector or a matrix (or ReLU, ``\max(0, ·)``, σ'), and leaves every other
chain to the scalar audit.  What a chain gives a name is remembered for later lines: a vector
or matrix (printed or computed), each name of a literal of names (``[z_1; z_2] = … = [0.37;
0.39]``), or a number (a dot product).  A name given another vector on a later line, by a
chain that does not use it, is *inconsistent* (the element is named).  Shapes that cannot be
multiplied or added, or compared though they hold as many elements, are reported with the reason
and never judged.  ``dW[4]``, ``A[2]`` (a layer in brackets right after a name, no space) is one
name, as the scalar parser reads it; ``W[0, 1]`` (whole numbers after a name: NumPy's index, or W
times a list?) is refused.

Once a name holds a vector, the scalars remembered for ``z_1``, ``z_2``, … are forgotten (``z_1``
may now be its first element: not guessed).

Limits (not guessed, so not read): a vector written as a list has no orientation, so an
article's ``x^T W`` with ``x`` meant as a row is not caught as a shape error; juxtaposition of two
vectors (``u v``) is read as their matrix product only, and ``\cdot`` between two matrices as the
matrix product only (not element by element); ``\times`` and ``*`` between two vectors, softmax of a matrix, ``\sum``
over vectors, determinants, and a σ the article defines otherwise (it is read as the logistic
function, and the row says so).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Protocol

import numpy as np

from ...errors import BpnnError

__all__ = ["TensorError", "Tensor", "Elem", "evaluate", "compare", "Mismatch", "audit_chain", "MAX_ELEMENTS",
           "TENSOR_KEY", "remembered_tensor", "has_tensor_syntax"]

#: an element that is one printed decimal number, signed or not (``0.25``, ``-1``, ``- 3.5``)
_PLAIN_NUMBER = re.compile(r"\s*-?\s*[0-9]+(?:\.[0-9]+)?\s*")
MAX_ELEMENTS = 10_000           # elements of one literal or result
MAX_PRODUCT = 1_000_000         # multiplications of one matrix product
MAX_NODES = 20_000              # nodes of one parsed side
MAX_DEPTH = 60
MAX_PARTS = 2_000               # values of sub-formulas kept per side for rule 4
TENSOR_KEY = "\x00tensor:"      # memory key prefix of a remembered tensor (never a parsed name)


class TensorError(BpnnError):
    """The vector or matrix expression cannot be read or evaluated (the reason says why)."""


class ShapeError(TensorError):
    """Shapes that do not fit (cannot be added, multiplied or compared): where a notation has several
    readings (:class:`Readings`), a reading that meets one is not what the article means."""


class Unresolved(Exception):
    def __init__(self, missing):
        super().__init__(", ".join(missing))
        self.missing = list(missing)


# ----------------------------------------------------------------------------- values

class ScalarLike(Protocol):
    """What the scalar evaluator returns for one element (the audit's ``Side``)."""

    status: str              # number | value | unresolved | unparsed | empty
    value: float | None
    lo: float | None
    hi: float | None


@dataclass
class Elem:
    """One computed element, shaped like the audit's ``Side`` so the scalar comparer takes it."""

    tex: str
    status: str
    value: float
    lo: float
    hi: float
    coarsest: float = 0.0
    printed: str | None = None
    missing: list = field(default_factory=list)
    uses: list = field(default_factory=list)
    rounded: list = field(default_factory=list)
    reason: str = ""

    @property
    def has_value(self) -> bool:
        return self.status in ("number", "value")


@dataclass
class Tensor:
    """A vector or matrix of intervals.  ``shape`` is ``(n,)`` for a vector without orientation,
    ``(rows, cols)`` otherwise; ``v``, ``lo``, ``hi`` are float arrays of that shape.  ``cells``
    holds the scalar results of a literal's elements (row by row) where the tensor is a literal
    read as stated numbers."""

    v: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    coarsest: float = 0.0
    cells: list | None = None
    uses: list = field(default_factory=list)
    rounded: list = field(default_factory=list)

    @property
    def shape(self) -> tuple:
        return self.v.shape

    @property
    def size(self) -> int:
        return int(self.v.size)

    def flat_elem(self, k: int, tex: str) -> Elem | object:
        if self.cells is not None:
            return self.cells[k]
        v, lo, hi = (float(a.flat[k]) for a in (self.v, self.lo, self.hi))
        return Elem(tex, "value", v, lo, hi, coarsest=self.coarsest)

    def printed(self, width: int = 60) -> str:
        def one(x):
            return f"{x:.6g}"
        if self.v.ndim == 1:
            s = "[" + ", ".join(one(x) for x in self.v[:20]) + (", …" if self.size > 20 else "") + "]"
        else:
            s = "[" + "; ".join(", ".join(one(x) for x in row[:10]) for row in self.v[:10]) + "]"
        return s if len(s) <= width else s[: width - 1] + "…"


def shape_text(shape: tuple) -> str:
    if len(shape) == 1:
        return f"vector of {shape[0]}"
    return f"{shape[0]}×{shape[1]}"


def _kind(shape: tuple) -> str:
    if len(shape) == 1:
        return shape_text(shape)
    return f"{shape_text(shape)} {'matrix' if 1 not in shape else 'vector'}"


def _merge_meta(out: Tensor, *ins) -> Tensor:
    for t in ins:
        if isinstance(t, Tensor):
            out.coarsest = max(out.coarsest, t.coarsest)
            out.uses += [u for u in t.uses if u not in out.uses]
            out.rounded += [u for u in t.rounded if u not in out.rounded]
        else:
            out.coarsest = max(out.coarsest, getattr(t, "coarsest", 0.0) or 0.0)
            out.uses += [u for u in (getattr(t, "uses", None) or []) if u not in out.uses]
            out.rounded += [u for u in (getattr(t, "rounded", None) or []) if u not in out.rounded]
    return out


def _as_arrays(x):
    """(v, lo, hi) of a tensor or of a scalar result."""
    if isinstance(x, Tensor):
        return x.v, x.lo, x.hi
    return np.float64(x.value), np.float64(x.lo), np.float64(x.hi)


def _finite(*arrays):
    for a in arrays:
        if not np.all(np.isfinite(a)):
            raise TensorError("cannot be evaluated: a value too large for a float")


def _interval_mul(a, b):
    """Element-wise interval product (broadcasting)."""
    (av, al, ah), (bv, bl, bh) = a, b
    with np.errstate(all="ignore"):
        c1, c2, c3, c4 = al * bl, al * bh, ah * bl, ah * bh        # (ufuncs broadcast; NaN propagates)
        return av * bv, np.minimum(np.minimum(c1, c2), np.minimum(c3, c4)), np.maximum(np.maximum(c1, c2),
                                                                                       np.maximum(c3, c4))


def _interval_div(a, b):
    (av, al, ah), (bv, bl, bh) = a, b
    if np.any((bl <= 0) & (bh >= 0)):
        raise TensorError("cannot be evaluated: division by a value that may be zero")
    with np.errstate(all="ignore"):
        recip = (1.0 / bv, 1.0 / bh, 1.0 / bl)
    return _interval_mul((av, al, ah), recip)


# ----------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"(?P<space>\s+|\\[,;:! ]|~|\\q?quad(?![A-Za-z]))"
    r"|(?P<begin>\\begin\s*\{[A-Za-z]+\*?\})"
    r"|(?P<endenv>\\end\s*\{[A-Za-z]+\*?\})"
    r"|(?P<row>\\\\|\\cr(?![A-Za-z]))"
    r"|(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<cmd>\\[A-Za-z]+|\\.)"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<op>.)", re.S)

_DROPPED = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
            "displaystyle", "textstyle", "limits", "middle"}
_MATRIX_ENVS = {"bmatrix", "pmatrix", "Bmatrix", "matrix", "smallmatrix", "array", "bmatrix*", "pmatrix*",
                "matrix*"}
_DET_ENVS = {"vmatrix", "Vmatrix", "vmatrix*", "Vmatrix*"}
_TRANSPOSE = {"T", r"\top", r"\intercal", r"\mathsf{T}", r"\mathrm{T}", r"\mathsf T", r"\rm T", r"\text{T}",
              r"\mathbf{T}", "t"}
_FONT = {"text", "mathrm", "textrm", "operatorname", "textbf", "mathbf", "boldsymbol", "bm", "mathit", "textit",
         "mathsf", "mathtt", "texttt", "mbox", "mathcal", "mathbb", "pmb", "emph", "vec", "hat", "bar", "tilde",
         "dot", "ddot", "overline", "widehat", "widetilde", "check", "breve"}
_OPS = {r"\cdot": "cdot", r"\times": "times", "*": "star", r"\ast": "star", r"\odot": "odot", r"\circ": "odot",
        "/": "div", r"\div": "div", r"\bullet": "cdot", "×": "times", "·": "cdot", "⋅": "cdot", "⊙": "odot"}
#: element-wise functions: name as written -> canonical
_FUNC_NAMES = {"sigma": "sigmoid", "sigmoid": "sigmoid", "exp": "exp", "tanh": "tanh", "relu": "relu",
               "ln": "ln", "softmax": "softmax", "max": "max", "min": "min", "sqrt": "sqrt"}


@dataclass
class _Tok:
    kind: str
    text: str
    pos: int
    end: int


def _tokens(tex: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(tex):
        kind = m.lastgroup
        if kind == "space":
            continue
        text = m.group(0)
        if kind == "cmd" and text[1:] in _DROPPED:
            continue
        if kind == "cmd" and text in _LIST_SPACES and out and out[-1].text in (",", ";"):
            continue            # [a, \quad b]: spacing after a separator of elements
        if text == "\u2212":
            text = "-"          # U+2212, the minus sign of plain text ([3.0, 1.0, −1.0]), as latexnum reads it
        out.append(_Tok(kind, text, m.start(), m.end()))
        if len(out) > 200_000:
            raise TensorError("more than 200 000 symbols in one formula")
    out.append(_Tok("eof", "", len(tex), len(tex)))
    return out


#: ``[0, 1]``, ``[2,3,1]``: whole numbers only, two or more, in square brackets (after a name: an index?)
_INDEX_LIST = re.compile(r"\[\s*\d+\s*(?:,\s*\d+\s*)+\]")
_LIST_SPACES = {r"\quad", r"\qquad", r"\,", r"\;", r"\:", r"\ ", r"\!"}
_ONE_IN_BRACKETS = re.compile(r"(?:\\left\s*)?\[")
_BRACKET_T = re.compile(r"\]\s*\^\s*(?:\{\s*)?(?:T\b|\\top|\\intercal)")


def has_tensor_syntax(tex: str) -> bool:
    """Does the text write a vector or matrix literal or an element-wise product (cheap test)?"""
    if "\\begin" in tex and re.search(r"\\begin\s*\{(?:[bBpvV]?matrix\*?|smallmatrix|array)\}", tex):
        return True
    if "\\odot" in tex or "\\circ" in tex:
        return True
    if "[" not in tex and "(" not in tex:
        return False
    if _BRACKET_T.search(tex):          # [0.8]^T: a vector of one element
        return True
    # a top-level comma or semicolon inside brackets or parentheses: [0.5, 0.6], (1, 2)^T
    depth = []
    for i, c in enumerate(tex):
        if c in "([{":
            depth.append("f" if c == "(" and _call_paren(tex, i) else c)
        elif c in ")]}":
            if depth:
                depth.pop()
        elif c in ",;" and depth and depth[-1] in "([":
            return True
    return False


def _call_paren(tex: str, i: int) -> bool:
    """Is the parenthesis at ``i`` the argument list of a function (``L(y, \\hat{y})``)?"""
    j = i - 1
    while j >= 0 and tex[j] == " ":
        j -= 1
    return j >= 0 and (tex[j].isalnum() or tex[j] in "}'_")


# ----------------------------------------------------------------------------- parser

# nodes: ("lit", start, end, rows, kind) rows = list of list of (start, end) cell spans, kind "1d" | "2d"
#        ("atom", start, end, name_or_None)  ("add", start, end, [(sign, node)])
#        ("mul", start, end, [(op, node)])   ("neg", start, end, node)   ("T", start, end, node)
#        ("pow", start, end, base, exp)      ("func", start, end, fname, node)   ("frac", start, end, num, den)
#        ("group", start, end, node)

class _Parser:
    def __init__(self, tex: str, is_tensor_name: Callable[[str], bool]):
        self.src = tex
        self.toks = _tokens(tex)
        self.i = 0
        self.depth = 0
        self.nodes = 0
        self.is_tensor_name = is_tensor_name
        self.tensorish: dict[int, bool] = {}

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def next(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def is_op(self, *texts) -> bool:
        return self.tok.kind == "op" and self.tok.text in texts

    def node(self, *parts, tensor: bool, own: bool = False):
        """A node; its flags: 1 its value is a vector or matrix, 2 this module evaluates it (a
        tensor, or a function the scalar parser does not read: ReLU, max(0, ·), σ')."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise TensorError(f"more than {MAX_NODES} parts in one formula")
        n = tuple(parts)
        if not own:
            for p in parts[3:]:
                kids = p if isinstance(p, list) else [p]
                for k in kids:
                    if isinstance(k, tuple) and len(k) == 2 and isinstance(k[1], tuple):
                        k = k[1]          # (sign, node) or (op, node)
                    if isinstance(k, tuple) and self.tensorish.get(id(k), 0) & 2:
                        own = True
        self.tensorish[id(n)] = (1 if tensor else 0) | (2 if tensor or own else 0)
        return n

    def t(self, n) -> bool:
        return bool(self.tensorish.get(id(n), 0) & 1)

    def enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise TensorError(f"nested more than {MAX_DEPTH} levels deep")

    def leave(self):
        self.depth -= 1

    def parse(self):
        n = self.expr()
        if self.tok.kind != "eof":
            raise TensorError(f"unexpected {self.tok.text!r}")
        return n

    def expr(self, stop=()):
        self.enter()
        start = self.tok.pos
        terms = []
        sign = 1
        if self.is_op("-", "+"):
            sign = -1 if self.next().text == "-" else 1
        terms.append((sign, self.term(stop)))
        while self.is_op("+", "-"):
            sign = -1 if self.next().text == "-" else 1
            terms.append((sign, self.term(stop)))
        self.leave()
        end = self.toks[self.i - 1].end
        if len(terms) == 1 and terms[0][0] == 1:
            return terms[0][1]
        if len(terms) == 1:
            return self.node("neg", start, end, terms[0][1], tensor=self.t(terms[0][1]))
        return self.node("add", start, end, terms, tensor=any(self.t(n) for _, n in terms))

    def _starts_atom(self, stop) -> bool:
        t = self.tok
        if t.kind in ("num", "word", "begin"):
            return True
        if t.kind == "op":
            return t.text in "([{" and t.text not in stop
        if t.kind == "cmd":
            return t.text not in _OPS and t.text[1:] not in ("approx", "to", "quad", "qquad") and t.text[1:].isalpha()
        return False

    def term(self, stop):
        start = self.tok.pos
        factors = [("first", self.unary(stop))]
        while True:
            t = self.tok
            if (t.kind == "cmd" and t.text in _OPS) or (t.kind == "op" and t.text in ("*", "/", "×", "·", "⋅", "⊙")):
                self.i += 1
                factors.append((_OPS[t.text], self.unary(stop)))
            elif self._starts_atom(stop):
                prev = factors[-1][1]
                self.call_paren = self.is_op("(") and prev[0] == "atom" and prev[3] is not None
                factors.append(("juxt", self.postfix(stop)))
            else:
                break
        end = self.toks[self.i - 1].end
        if len(factors) == 1:
            return factors[0][1]
        return self.node("mul", start, end, factors, tensor=any(self.t(n) for _, n in factors))

    def unary(self, stop):
        if self.is_op("-", "+"):
            t = self.next()
            self.enter()
            u = self.unary(stop)
            self.leave()
            if t.text == "+":
                return u
            return self.node("neg", t.pos, self.toks[self.i - 1].end, u, tensor=self.t(u))
        return self.postfix(stop)

    def postfix(self, stop):
        self.enter()
        start = self.tok.pos
        base = self.atom(stop)
        while self.is_op("^"):
            save = self.i
            self.next()
            sup = self.raw_group()
            if sup.replace(" ", "") in _TRANSPOSE or sup.strip() in _TRANSPOSE:
                if base[0] == "group" and _ONE_IN_BRACKETS.match(self.src, base[1]):
                    # [0.8]^T: brackets around one element, transposed, are a vector of one element
                    base = self.node("lit", base[1], base[2], _bracket_spans([[base[3]]]), "1d", tensor=True)
                base = self.node("T", start, self.toks[self.i - 1].end, base, tensor=self.t(base))
                continue
            self.i = save + 1
            exp = self.exponent()
            base = self.node("pow", start, self.toks[self.i - 1].end, base, exp, tensor=self.t(base) or self.t(exp))
        self.leave()
        return base

    def exponent(self):
        if self.is_op("{"):
            self.next()
            e = self.expr(stop=("}",))
            self.expect("}")
            return e
        if self.is_op("-", "+"):
            t = self.next()
            a = self.atom(())
            return a if t.text == "+" else self.node("neg", t.pos, self.toks[self.i - 1].end, a, tensor=self.t(a))
        t = self.tok
        if t.kind == "num":
            if len(t.text) > 1 and t.text[:1].isdigit():
                raise TensorError(f"an exponent of several digits without braces (^{t.text})")
        return self.atom(())

    def expect(self, text):
        if not self.is_op(text):
            raise TensorError(f"expected {text!r} but found {self.tok.text or 'the end'!r}")
        self.next()

    def raw_group(self) -> str:
        """The source of a {…} group or of one token (subscripts, superscripts, labels)."""
        t = self.tok
        if t.kind == "op" and t.text == "{":
            depth = 0
            start = t.end
            while True:
                t = self.next()
                if t.kind == "eof":
                    raise TensorError("unbalanced braces")
                if t.kind == "op" and t.text == "{":
                    depth += 1
                elif t.kind == "op" and t.text == "}":
                    depth -= 1
                    if depth == 0:
                        return self.src[start:t.pos]
        if t.kind == "eof":
            raise TensorError("an argument is missing at the end")
        self.i += 1
        if t.kind == "num":
            return t.text[:1]
        return t.text

    # -- atoms
    def atom(self, stop):
        t = self.tok
        if t.kind == "num":
            self.i += 1
            return self.node("atom", t.pos, t.end, None, tensor=False)
        if t.kind == "begin":
            return self.env_literal()
        if t.kind == "op" and t.text in "([":
            return self.bracket(t.text)
        if t.kind == "op" and t.text == "{":
            self.next()
            inner = self.expr(stop=("}",))
            self.expect("}")
            if self.is_op("_") and not self.t(inner):     # {out}_{h1}: a name set in a group
                self.name_suffix()
                return self.name_atom(t.pos)
            return self.node("group", t.pos, self.toks[self.i - 1].end, inner, tensor=self.t(inner))
        if t.kind == "op" and t.text == "|":
            raise TensorError("|…| (absolute value or determinant) is not evaluated for vectors")
        if t.kind == "word":
            return self.word()
        if t.kind == "cmd":
            return self.command()
        if t.kind == "eof":
            raise TensorError("an operand is missing at the end")
        raise TensorError(f"unexpected {t.text!r}")

    def name_suffix(self):
        while True:
            if self.is_op("_"):
                self.next()
                self.raw_group()
            elif self.is_op("'"):
                self.next()
            elif self.is_op("^"):
                save = self.i
                self.next()
                sup = self.raw_group().replace(" ", "")
                # (1), [2], {(l)}, +, *, new: decorations of a name; T is a transpose, 2 a power
                if re.fullmatch(r"\(\w+\)|\[\w+\]|\{\(\w+\)\}|[+*]|\\ast|\\star|\\prime|new|old|\d*[+*]", sup):
                    continue
                self.i = save
                return
            else:
                return

    def name_atom(self, start):
        end = self.toks[self.i - 1].end
        text = self.src[start:end]
        name = _canonical_name(text)
        return self.node("atom", start, end, name, tensor=name is not None and self.is_tensor_name(name))

    def word(self):
        t = self.next()
        low = t.text.lower()
        if low in _FUNC_NAMES and low not in ("sigma",) and self.is_op("("):
            return self.function(_FUNC_NAMES[low], t.pos)
        if t.text == "e" and self.is_op("^"):
            return self.node("atom", t.pos, t.end, None, tensor=False)     # e^{…}: the power reads it
        if (self.is_op("[") and self.tok.pos == t.end and self.toks[self.i + 1].kind == "num"
                and self.toks[self.i + 1].text.isdigit() and self.toks[self.i + 2].text == "]"
                and self.toks[self.i + 2].kind == "op"):
            self.i += 3        # dW[4]: a layer in brackets right after the name, one name (as latexnum reads it)
        elif self.is_op("[") and self.tok.pos == t.end and _INDEX_LIST.match(self.src, self.tok.pos):
            # W[0, 1] right after a name: NumPy's element (an index) or W times the list [0, 1]? not guessed
            # (read as a product, a matrix W times [0, 1] is a vector, "wrong" against the number stated)
            raise TensorError(f"{t.text}[…] right after a name, whole numbers inside: an index (as in NumPy) "
                              "or a product with a list? not guessed")
        elif self.tok.kind == "num" and self.tok.pos == t.end and self.tok.text.isdigit():
            self.i += 1        # w6: a plain-text name
        self.name_suffix()
        return self.name_atom(t.pos)

    def command(self):
        t = self.next()
        name = t.text[1:]
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            start = t.pos
            num_src = self._peek_group_src()
            if num_src is not None and re.match(r"\s*(\\partial|\\mathrm\{d\}|d(?=\s*[A-Za-z\\]))", num_src):
                self.raw_group()         # a derivative: a name (its value may be a remembered tensor)
                self.raw_group()
                self.name_suffix()
                return self.name_atom(start)
            num = self.group_expr()
            den = self.group_expr()
            return self.node("frac", start, self.toks[self.i - 1].end, num, den, tensor=self.t(num) or self.t(den))
        if name == "sqrt":
            if self.is_op("["):
                raise TensorError("a root with an index is not evaluated for vectors")
            arg = self.group_expr()
            return self.node("func", t.pos, self.toks[self.i - 1].end, "sqrt", arg, tensor=self.t(arg))
        if name in ("exp", "tanh", "ln", "max", "min"):
            return self.function(name, t.pos)
        if name == "sigma":
            save = self.i
            primes = 0
            while self.is_op("'") or (self.tok.kind == "cmd" and self.tok.text == r"\prime"):
                self.next()
                primes += 1
            if self.is_op("^"):
                self.next()
                sup = self.raw_group().replace(" ", "")
                if sup in ("'", r"\prime"):
                    primes += 1
                else:
                    self.i = save
            if primes <= 1 and self.is_op("("):
                return self.function("dsigmoid" if primes else "sigmoid", t.pos)
            self.i = save
        if name in ("text", "mathrm", "operatorname", "textrm", "mathit", "textit"):
            save = self.i
            label = re.sub(r"[\s{}\\]", "", self.raw_group()).lower()
            if label in _FUNC_NAMES and self.is_op("("):
                return self.function(_FUNC_NAMES[label], t.pos)
            self.i = save
        if name in _FONT:
            inner = self._peek_group_src()
            if inner is not None and ("\\begin" in inner or re.match(r"\s*[-+]?\s*[\d.]", inner)):
                return self.group_expr()      # \mathbf{\begin{bmatrix}…\end{bmatrix}}, \mathbf{3.0000}
            self.raw_group()
            self.name_suffix()
            return self.name_atom(t.pos)
        if name in ("begin",):
            raise TensorError("an environment that is not a matrix")
        if name in ("pi",):
            return self.node("atom", t.pos, t.end, None, tensor=False)
        if name.isalpha() and name not in ("sum", "prod", "int", "lim", "partial", "nabla", "cdots", "ldots",
                                           "dots", "vdots", "ddots", "det", "log", "min"):
            self.name_suffix()                 # \delta_1, \theta, \eta: names
            return self.name_atom(t.pos)
        raise TensorError(f"\\{name} is not evaluated for vectors and matrices")

    def _peek_group_src(self):
        save = self.i
        try:
            return self.raw_group()
        except TensorError:
            return None
        finally:
            self.i = save

    def group_expr(self):
        if self.is_op("{"):
            self.next()
            e = self.expr(stop=("}",))
            self.expect("}")
            return e
        t = self.tok
        if t.kind == "num":
            if not t.text.isdigit() or len(t.text) > 1:
                raise TensorError(f"\\frac followed by {t.text!r} without braces")
        return self.atom(())

    def function(self, fname, start):
        if fname in ("max", "min"):
            return self.extremum(fname, start)
        if self.is_op("("):
            self.next()
            arg = self.expr(stop=(")",))
            self.expect(")")
        elif self.is_op("["):
            arg = self.bracket("[")
        elif self.is_op("{"):
            arg = self.group_expr()
        else:
            arg = self.postfix(())
        return self.node("func", start, self.toks[self.i - 1].end, fname, arg, tensor=self.t(arg),
                         own=fname in ("relu", "dsigmoid"))

    def extremum(self, fname, start):
        r"""``\max(a, b, …)`` / ``\min(…)``: element by element.  ``\max(0, z)`` and ``\max(z, 0)`` are
        ReLU (evaluated here whatever ``z`` is, as before); any other form is left to the scalar parser
        unless a vector or matrix is among its arguments (then the arguments are taken element by element,
        a number against every element).  ``\max_{i}``, ``\max z`` and one argument are refused."""
        if self.is_op("_"):
            raise TensorError(rf"\{fname} over an index (\{fname}_{{…}}) is not evaluated")
        brace = self.tok.kind == "cmd" and self.tok.text == "\\{"
        if not (self.is_op("(") or brace):
            raise TensorError(rf"\{fname} without parentheses (of what?) is not evaluated")
        self.next()
        closer = "\\}" if brace else ")"
        stop = (",",) if brace else (",", ")")
        args = [self.expr(stop=stop)]
        while self.is_op(","):
            self.next()
            args.append(self.expr(stop=stop))
            if len(args) > MAX_ELEMENTS:
                raise TensorError(rf"more than {MAX_ELEMENTS} arguments of one \{fname}")
        if brace:
            if not (self.tok.kind == "cmd" and self.tok.text == closer):
                raise TensorError(rf"\{fname}\{{ … is not closed by \}}")
            self.next()
        else:
            self.expect(")")
        end = self.toks[self.i - 1].end
        if len(args) < 2:
            raise TensorError(rf"\{fname} of one argument (its largest or smallest element?) is not evaluated")
        zeros = [k for k, a in enumerate(args) if a[0] == "atom" and a[3] is None
                 and self.src[a[1]:a[2]].strip() in ("0", "0.0")]
        if fname == "max" and len(args) == 2 and zeros and len(zeros) < 2:
            arg = args[1 - zeros[0]]          # max(0, z) = max(z, 0): ReLU
            return self.node("func", start, end, "relu", arg, tensor=self.t(arg), own=True)
        return self.node("extremum", start, end, fname, args, tensor=any(self.t(a) for a in args))

    # -- literals
    def bracket(self, opener):
        closer = ")" if opener == "(" else "]"
        call, self.call_paren = getattr(self, "call_paren", False), False
        t = self.next()
        if self.is_op(closer):
            raise TensorError(f"an empty {opener}{closer}")
        first = self.expr(stop=(",", ";", closer))
        if self.is_op(closer):
            self.next()
            return self.node("group", t.pos, self.toks[self.i - 1].end, first, tensor=self.t(first))
        if call and opener == "(":
            raise TensorError("f(…, …) after a name: a function of several arguments, not a vector")
        rows = [[first]]
        while self.is_op(",", ";"):
            sep = self.next().text
            if sep == ";":
                if opener == "(":
                    raise TensorError("a ';' inside parentheses")
                rows.append([])
            rows[-1].append(self.expr(stop=(",", ";", closer)))
            if sum(len(r) for r in rows) > MAX_ELEMENTS:
                raise TensorError(f"more than {MAX_ELEMENTS} elements")
        self.expect(closer)
        end = self.toks[self.i - 1].end
        cells = [c for r in rows for c in r]
        if (len(rows) == 1 and opener == "[" and all(c[0] == "group" for c in cells)
                and all(_ONE_IN_BRACKETS.match(self.src, c[1]) for c in cells)
                and not any(self.t(c) for c in cells)):
            # [[0.9], [1.0]]: every element a list of one, in square brackets: rows of one element,
            # a column (as NumPy's np.array([[0.9], [1.0]])); [[0.9], 1.0] (some elements bracketed,
            # some not) stays a list of elements whose brackets only group
            cells = [self.node("lit", c[1], c[2], _bracket_spans([[c[3]]]), "1d", tensor=True) for c in cells]
        if all(c[0] == "lit" for c in cells) and len(rows) == 1:
            # [[1, 2], [3, 4]]: rows written as vectors
            sub = [c[3] for c in cells]
            if not all(len(s) == 1 and c[4] == "1d" for s, c in zip(sub, cells)):
                raise TensorError("a list of matrices is not one matrix")
            return self.node("lit", t.pos, end, [s[0] for s in sub], "2d", tensor=True)
        if any(self.t(c) for c in cells):
            raise TensorError("a vector or matrix inside a list of elements")
        if len(rows) == 1:
            return self.node("lit", t.pos, end, _bracket_spans(rows), "1d", tensor=True)
        return self.node("lit", t.pos, end, _bracket_spans(rows), "2d", tensor=True)

    def env_literal(self):
        t = self.next()
        env = re.sub(r"\\begin\s*\{|\}", "", t.text)
        if env in _DET_ENVS:
            raise TensorError(f"a {env} is a determinant, not a matrix: not evaluated")
        if env not in _MATRIX_ENVS:
            raise TensorError(f"a {env} environment inside a formula is not evaluated")
        if env.endswith("*") and self.is_op("["):      # bmatrix*[r]: an alignment option
            self.skip_bracket_option()
        if env == "array":
            self.raw_group()            # the column spec {cc}, {c|c}
        rows: list[list] = [[]]
        cell_start = self.tok.pos
        depth = 0
        count = 0
        while True:
            tok = self.tok
            if tok.kind == "eof":
                raise TensorError(f"\\begin{{{env}}} is not closed")
            if tok.kind == "begin":
                inner = re.sub(r"\\begin\s*\{|\}", "", tok.text)
                raise TensorError(f"a {inner} environment inside a {env}")
            if tok.kind == "op" and tok.text == "{":
                depth += 1
            elif tok.kind == "op" and tok.text == "}":
                depth -= 1
            at_top = depth == 0
            if at_top and tok.kind == "endenv":
                rows[-1].append((cell_start, tok.pos))
                self.next()
                break
            if at_top and (tok.kind == "row" or (tok.kind == "op" and tok.text == "&")):
                rows[-1].append((cell_start, tok.pos))
                count += 1
                if count > MAX_ELEMENTS:
                    raise TensorError(f"more than {MAX_ELEMENTS} elements")
                self.next()
                if tok.kind == "row":
                    if self.is_op("["):          # \\[2pt]: a row break with extra space
                        self.skip_bracket_option()
                    rows.append([])
                cell_start = self.tok.pos
                continue
            self.next()
        # a last \\ before \end leaves an empty row: not a row
        if len(rows) > 1 and len(rows[-1]) == 1 and not self.src[rows[-1][0][0]:rows[-1][0][1]].strip():
            rows.pop()
        for r in rows:
            for a, b in r:
                if not self.src[a:b].strip():
                    raise TensorError(f"an empty element in a {env}")
        return self.node("lit", t.pos, self.toks[self.i - 1].end, rows, "2d", tensor=True)

    def skip_bracket_option(self):
        self.next()
        n = 0
        while not self.is_op("]"):
            if self.tok.kind == "eof" or n > 20:
                raise TensorError("an unclosed [ option")
            self.next()
            n += 1
        self.next()


def _bracket_spans(rows):
    return [[(c[1], c[2]) for c in r] for r in rows]


def _canonical_name(text: str) -> str | None:
    """The audit's name for a name as written (``\\mathbf{W}^{(1)}`` -> ``W^(1)``), via the scalar parser."""
    from ..latexnum import LatexError, compile_side

    try:
        side = compile_side(text)
    except LatexError:
        return None
    if side.tree[0] == "s":
        return side.tree[1]
    if side.lone_e:
        return "e"
    return None


def parse(tex: str, is_tensor_name: Callable[[str], bool] = lambda n: False):
    """Parse one side; returns ``(tree, flags)``: per node (by ``id``) bit 1 "its value is a vector
    or matrix", bit 2 "this module evaluates it".  The tree is cached (it does not depend on
    what the document remembered); the flags are computed for ``is_tensor_name``.  Raises
    :class:`TensorError`."""
    tree, static = _parse_static(tex)
    if isinstance(tree, TensorError):
        raise TensorError(str(tree))
    names = _atom_names(tex)
    # the flags depend on the text and on which of its names hold a tensor: kept per parsed tree (the
    # tree itself is kept with them, so that its nodes' ids stay its own)
    key = (id(tree), tuple(is_tensor_name(n) for n in names))
    hit = _FLAGS.get(key)
    if hit is not None and hit[0] is tree:
        return tree, hit[1]
    flags = _flags(tree, static, is_tensor_name)
    if len(_FLAGS) > 20000:
        _FLAGS.clear()
    _FLAGS[key] = (tree, flags)
    return tree, flags


_FLAGS: dict = {}


@lru_cache(maxsize=16384)
def _atom_names(tex: str) -> tuple:
    """The names of the atoms of a side's parsed tree (each once, in a fixed order)."""
    tree, _ = _parse_static(tex)
    names, stack = {}, [tree]
    while stack:
        node = stack.pop()
        if node[0] == "atom" and node[3] is not None:
            names[node[3]] = None
        stack.extend(_children(node))
    return tuple(names)


@lru_cache(maxsize=16384)
def _parse_static(tex: str):
    p = _Parser(tex, lambda n: False)
    try:
        tree = p.parse()
    except TensorError as exc:
        return exc, {}
    return tree, p.tensorish


def _children(node):
    for p in node[3:]:
        for k in (p if isinstance(p, list) else [p]):
            if isinstance(k, tuple) and len(k) == 2 and isinstance(k[1], tuple):
                k = k[1]                      # (sign, node) or (op, node)
            if isinstance(k, tuple) and len(k) >= 3 and isinstance(k[0], str) and isinstance(k[1], int):
                yield k


def _flags(tree, static: dict, is_tensor_name) -> dict:
    """Bit 1: a tensor value (a literal, a remembered name, or built from one); bit 2: evaluated
    here (a tensor, or ReLU / max(0, ·) / σ' anywhere inside)."""
    out: dict = {}
    stack = [(tree, False)]
    while stack:
        node, done = stack.pop()
        if not done:
            stack.append((node, True))
            stack.extend((c, False) for c in _children(node))
            continue
        tag = node[0]
        kids = list(_children(node))
        tensor = tag == "lit" or (tag == "atom" and node[3] is not None and is_tensor_name(node[3]))
        if tag not in ("lit", "atom"):
            tensor = any(out.get(id(c), 0) & 1 for c in kids)
        own = tensor or bool(static.get(id(node), 0) & 2 and tag in ("func", "lit")) \
            or any(out.get(id(c), 0) & 2 for c in kids)
        out[id(node)] = (1 if tensor else 0) | (2 if own else 0)
    return out


# ----------------------------------------------------------------------------- evaluation

class _Evaluator:
    def __init__(self, src: str, tensorish: dict, scalar_eval, lookup, parts: list | None = None,
                 readings: Readings | None = None):
        self.readings = readings    # the choices at notations with several readings (None: the first)
        self.src = src
        self.tensorish = tensorish
        self.scalar_eval = scalar_eval
        self.lookup = lookup
        self.parts = parts          # receives the values of the sub-formulas (rule 4 of verdicts.py)

    def _record(self, x):
        if self.parts is None or len(self.parts) > MAX_PARTS:
            return x
        if isinstance(x, Tensor):
            self.parts.extend(float(v) for v in x.v.flat[:MAX_PARTS])
        elif getattr(x, "value", None) is not None:
            self.parts.append(float(x.value))
            self.parts.extend(getattr(x, "nodes", None) or [])
        return x

    def text(self, node) -> str:
        return self.src[node[1]:node[2]]

    def scalar(self, tex: str, operand: bool):
        """One scalar through the caller's evaluator: as an operand it is read inside a formula
        (a bare printed number there is data unless the rules make it rounded)."""
        if getattr(self.scalar_eval, "operand_aware", False):
            s = self.scalar_eval(tex, operand)
        else:
            s = self.scalar_eval("{" + tex + "}" if operand else tex)
        if s.status in ("number", "value"):
            if s.value is None or not math.isfinite(s.value):
                raise TensorError(f"{tex.strip()}: not a finite number")
            return s
        if s.status == "unresolved":
            raise Unresolved(s.missing or [tex.strip()])
        raise TensorError(f"{tex.strip()}: {s.reason or 'cannot be read'}")

    def cell(self, text: str, stated: bool):
        """One element of a literal: the scalar evaluator's, or this module's where it holds
        ReLU, max(0, ·) or σ'."""
        if _PLAIN_NUMBER.fullmatch(text):       # a printed number: no vector, no ReLU, nothing to parse here
            return self.scalar(text, operand=not stated)
        try:
            tree, marks = parse(text, lambda n: self.lookup(n) is not None)
        except TensorError:
            return self.scalar(text, operand=not stated)      # the scalar evaluator says why
        flags = marks.get(id(tree), 0)
        if flags & 1:
            if not self.stacking:
                raise TensorError(f"a vector or matrix inside an element ({text.strip()})")
            x = _Evaluator(text, marks, self.scalar_eval, self.lookup, self.parts, self.readings).ev(tree)
            if isinstance(x, Tensor) and _vector_len(x.shape) is None:
                raise TensorError(f"a matrix inside an element ({text.strip()})")
            return x
        if not flags & 2:
            return self.scalar(text, operand=not stated)
        return _Evaluator(text, marks, self.scalar_eval, self.lookup, self.parts, self.readings).ev(tree)

    def literal(self, node, stated: bool) -> Tensor:
        rows, kind = node[3], node[4]
        if kind == "1d":
            spans = rows[0] if len(rows) == 1 else None
        else:
            spans = None
        if kind == "2d":
            widths = {len(r) for r in rows}
            if len(widths) != 1:
                raise TensorError(f"rows of different lengths ({', '.join(str(len(r)) for r in rows)})")
        flat = spans if spans is not None else [c for r in rows for c in r]
        if len(flat) > MAX_ELEMENTS:
            raise TensorError(f"more than {MAX_ELEMENTS} elements")
        cells = []
        missing = []
        # [h_{t-1}; x_t]: a vector or a column of vectors is their concatenation (stacking)
        self.stacking = spans is not None or len(rows[0]) == 1
        for a, b in flat:
            try:
                cells.append(self.cell(self.src[a:b], stated))
            except Unresolved as exc:
                missing += [m for m in exc.missing if m not in missing]
        self.stacking = False
        if missing:
            raise Unresolved(missing)
        if any(isinstance(c, Tensor) for c in cells):
            flat_cells = []
            for c in cells:
                flat_cells += [c.flat_elem(k, "") for k in range(c.size)] if isinstance(c, Tensor) else [c]
            if len(flat_cells) > MAX_ELEMENTS:
                raise TensorError(f"more than {MAX_ELEMENTS} elements")
            shape = (len(flat_cells),) if spans is not None else (len(flat_cells), 1)
            v, lo, hi = (np.array([getattr(c, f) for c in flat_cells], dtype=float).reshape(shape)
                         for f in ("value", "lo", "hi"))
            return _merge_meta(Tensor(v, lo, hi), *cells)
        shape = (len(flat),) if spans is not None else (len(rows), len(rows[0]))
        v = np.array([c.value for c in cells], dtype=float).reshape(shape)
        lo = np.array([c.lo for c in cells], dtype=float).reshape(shape)
        hi = np.array([c.hi for c in cells], dtype=float).reshape(shape)
        out = Tensor(v, lo, hi, cells=cells if stated else None)
        return _merge_meta(out, *cells)

    force = False        # read the structure here even where no tensor is involved
    stacking = False     # the literal being read may hold vectors (concatenated)

    def ev(self, node):
        return self._record(self._ev(node))

    def _ev(self, node):
        if not self.tensorish.get(id(node), 0) & 2 and not (
                self.force and node[0] in ("add", "mul", "neg", "group", "frac", "pow", "T")):
            return self.scalar(self.text(node), operand=True)
        tag = node[0]
        if tag == "lit":
            return self.literal(node, stated=False)
        if tag == "atom":
            t = self.lookup(node[3])
            if t is None:
                raise Unresolved([node[3]])
            return t
        if tag == "group":
            return self.ev(node[3])
        if tag == "neg":
            return _neg(self.ev(node[3]))
        if tag == "add":
            acc = None
            for sign, n in node[3]:
                x = self.ev(n)
                x = x if sign > 0 else _neg(x)
                acc = x if acc is None else _add(acc, x, "added" if sign > 0 else "subtracted")
            return acc
        if tag == "mul":
            acc = None
            for op, n in node[3]:
                x = self.ev(n)
                if acc is not None and op == "cdot" and _vector_pair(acc, x):
                    acc = _vector_cdot(acc, x, self.readings, f"{_short(self.text(node), 40)}")
                else:
                    acc = x if acc is None else _product(acc, x, op)
            return acc
        if tag == "T":
            x = self.ev(node[3])
            if isinstance(x, Tensor) and x.v.ndim == 2:
                return _merge_meta(Tensor(x.v.T.copy(), x.lo.T.copy(), x.hi.T.copy()), x)
            if isinstance(x, Tensor) and x.v.ndim == 1 and node[3][0] == "atom":
                # x^T with x a name holding a list ([0.05, 0.10]): the article writes the transpose, so
                # it takes x as a column (the convention of the texts audited) and x^T is a 1×n row:
                # δ · x^T with δ a column is their outer product.  A literal [a, b]^T stays a vector
                # without orientation (the writer lays a column out as a row)
                n = x.v.shape[0]
                return _merge_meta(Tensor(x.v.reshape(1, n).copy(), x.lo.reshape(1, n).copy(),
                                          x.hi.reshape(1, n).copy()), x)
            return x
        if tag == "frac":
            return _product(self.ev(node[3]), self.ev(node[4]), "div")
        if tag == "pow":
            base, exp = node[3], node[4]
            if base[0] == "atom" and self.text(base).strip() == "e" and not self.tensorish.get(id(base), 0) & 1:
                return _func("exp", self.ev(exp))
            return _power(self.ev(base), self.ev(exp))
        if tag == "func":
            return _func(node[3], self.ev(node[4]))
        if tag == "extremum":
            return _extremum(node[3], [self.ev(a) for a in node[4]])
        raise TensorError(f"cannot evaluate {self.text(node)!r}")


def _scalar_elem(v, lo, hi, *ins) -> Elem:
    e = Elem("", "value", float(v), float(lo), float(hi))
    for x in ins:
        e.coarsest = max(e.coarsest, getattr(x, "coarsest", 0.0) or 0.0)
        e.uses += [u for u in (getattr(x, "uses", None) or []) if u not in e.uses]
        e.rounded += [u for u in (getattr(x, "rounded", None) or []) if u not in e.rounded]
    _finite(np.array([e.value, e.lo, e.hi]))
    return e


def _wrap(v, lo, hi, *ins):
    if np.ndim(v) == 0:
        return _scalar_elem(v, lo, hi, *ins)
    v, lo, hi = (np.array(a, dtype=float) for a in np.broadcast_arrays(v, lo, hi))
    _finite(v, lo, hi)
    return _merge_meta(Tensor(v, lo, hi), *ins)


def _neg(x):
    v, lo, hi = _as_arrays(x)
    return _wrap(-v, -hi, -lo, x)


def _vector_len(shape):
    if len(shape) == 1:
        return shape[0]
    if 1 in shape:
        return shape[0] * shape[1]
    return None


def _align(a, b, what: str):
    """Arrays of two operands of an element-wise operation, shapes checked."""
    A, B = _as_arrays(a), _as_arrays(b)
    sa, sb = np.shape(A[0]), np.shape(B[0])
    if sa == sb or not sa or not sb:
        return A, B
    la, lb = _vector_len(sa), _vector_len(sb)
    if la is not None and la == lb and (len(sa) == 1 or len(sb) == 1):
        shape = sa if len(sa) == 2 else sb          # a vector without orientation takes the other's
        return tuple(x.reshape(shape) for x in A), tuple(x.reshape(shape) for x in B)
    raise ShapeError(f"shapes {shape_text(sa)} and {shape_text(sb)} cannot be {what}")


def _add(a, b, what: str = "added"):
    (av, al, ah), (bv, bl, bh) = _align(a, b, what)
    return _wrap(av + bv, al + bl, ah + bh, a, b)


def _elementwise_mul(a, b):
    A, B = _align(a, b, "multiplied element by element")
    return _wrap(*_interval_mul(A, B), a, b)


def _product(a, b, op: str):
    ta, tb = isinstance(a, Tensor), isinstance(b, Tensor)
    if op == "div":
        A, B = _align(a, b, "divided element by element")
        return _wrap(*_interval_div(A, B), a, b)
    if op == "odot" or not (ta and tb):
        return _elementwise_mul(a, b)
    sa, sb = a.shape, b.shape
    if op == "star":
        raise TensorError("'*' between two vectors or matrices (a matrix product or element by element?) "
                          "is not guessed")
    if op == "times" and len(sa) == 1 and len(sb) == 1:
        raise TensorError(r"\times between two vectors (a cross product or element by element?) is not guessed")
    if sa[-1] == sb[0]:
        return _matmul(a, b)
    la, lb = _vector_len(sa), _vector_len(sb)
    if op == "cdot" and la is not None and la == lb:
        return _matmul(Tensor(a.v.reshape(-1), a.lo.reshape(-1), a.hi.reshape(-1)),
                       Tensor(b.v.reshape(-1), b.lo.reshape(-1), b.hi.reshape(-1)), meta=(a, b))
    raise ShapeError(f"shapes {shape_text(sa)} and {shape_text(sb)} cannot be multiplied")


class Readings:
    """The choices made at the notations of one chain that have several readings (``u \\cdot v`` for
    two vectors: their dot, element-wise or outer product), in the order the evaluation meets them.

    ``choice[k]`` picks the reading at the k-th such place (0, the first reading, past its end);
    ``counts``, ``used`` and ``labels`` record, per place met, how many readings it had, which one
    was taken and what it was.  :func:`audit_chain` runs a chain once per combination."""

    def __init__(self, choice=(), abort: bool = False):
        self.choice = list(choice)
        self.abort = abort           # stop the run at the first shapes that do not fit (not a reading)
        self.counts: list[int] = []
        self.used: list[int] = []
        self.labels: list[str] = []

    def pick(self, options: list[tuple[str, Callable]]):
        k = len(self.counts)
        i = self.choice[k] if k < len(self.choice) else 0
        self.counts.append(len(options))
        self.used.append(i)
        label, fn = options[i]
        self.labels.append(label)
        return fn()

    def replay(self, start: int, end: int) -> Readings:
        """A reader that makes again the choices made at places ``start`` to ``end`` (a side evaluated a
        second time, in the loose reading of the rounding rules)."""
        return Readings(self.used[start:end])


def _is_vector(x) -> bool:
    return isinstance(x, Tensor) and _vector_len(x.shape) is not None


def _vector_pair(a, b) -> bool:
    return _is_vector(a) and _is_vector(b)


def _flat(t: Tensor) -> Tensor:
    return Tensor(t.v.reshape(-1), t.lo.reshape(-1), t.hi.reshape(-1))


def _vector_cdot(a: Tensor, b: Tensor, readings: Readings | None, where: str):
    """``u \\cdot v`` for two vectors: articles write it for the dot product, the element-wise product
    and the outer product alike.  The first reading is the product as written (what NumPy's ``@``
    gives where the inner sizes fit: the dot product, or the outer product of a column and a row; the
    dot product of two vectors of the same length otherwise; else shapes that cannot be multiplied);
    the others, where their shapes allow them: the dot product (equal lengths), the element-wise
    product (equal shapes, or one of the two without orientation), the outer product ``u v^T`` (``u``
    not a row, ``v`` not a column).  Without ``readings`` only the first is taken."""
    sa, sb = a.shape, b.shape
    la, lb = _vector_len(sa), _vector_len(sb)

    def dot():
        if sa[-1] == sb[0] and (len(sa) == 1 or sa[0] == 1) and (len(sb) == 1 or sb[1] == 1):
            return _matmul(a, b)                   # a row times a column (1×1), a list times a column
        return _matmul(_flat(a), _flat(b), meta=(a, b))

    def outer():
        if la * lb > MAX_ELEMENTS:
            raise TensorError(f"an outer product of {la} and {lb} elements: more than {MAX_ELEMENTS} elements")
        col = Tensor(a.v.reshape(la, 1), a.lo.reshape(la, 1), a.hi.reshape(la, 1))
        row = Tensor(b.v.reshape(1, lb), b.lo.reshape(1, lb), b.hi.reshape(1, lb))
        return _matmul(col, row, meta=(a, b))

    def no_fit():
        raise ShapeError(f"shapes {shape_text(sa)} and {shape_text(sb)} cannot be multiplied")

    may_outer = not (len(sa) == 2 and sa[0] == 1 and la > 1) and not (len(sb) == 2 and sb[1] == 1 and lb > 1)
    column_row = len(sa) == 2 and len(sb) == 2 and sa[1] == 1 and sb[0] == 1 and sa[-1] == sb[0]
    if column_row and la * lb > 1:
        options = [("outer product", outer)]
    elif la == lb:
        options = [("dot product", dot)]
    else:
        options = [("product as written", no_fit)]
    if la == lb and options[0][0] != "dot product":
        options.append(("dot product", dot))
    if la == lb and (sa == sb or len(sa) == 1 or len(sb) == 1) and la > 1:
        options.append(("element-wise product", lambda: _elementwise_mul(a, b)))
    if may_outer and options[0][0] != "outer product" and la * lb > 1:
        options.append(("outer product", outer))
    if readings is None or len(options) == 1:
        return options[0][1]()
    return readings.pick([(f"{where} as the {label}", fn) for label, fn in options])


def _matmul(a: Tensor, b: Tensor, meta=None):
    m = 1 if a.v.ndim == 1 else a.shape[0]
    k = a.shape[-1]
    n = 1 if b.v.ndim == 1 else b.shape[1]
    if m * k * n > MAX_PRODUCT:
        raise TensorError(f"a product of {m}×{k} and {k}×{n}: more than {MAX_PRODUCT} multiplications")
    A = [x.reshape(m, k, 1) for x in (a.v, a.lo, a.hi)]
    B = [x.reshape(1, k, n) for x in (b.v, b.lo, b.hi)]
    pv, plo, phi = _interval_mul(A, B)
    v, lo, hi = pv.sum(axis=1), plo.sum(axis=1), phi.sum(axis=1)
    if a.v.ndim == 1 and b.v.ndim == 1:
        v, lo, hi = v[0, 0], lo[0, 0], hi[0, 0]
    elif a.v.ndim == 1:
        v, lo, hi = v[0], lo[0], hi[0]
    elif b.v.ndim == 1:
        v, lo, hi = v[:, 0], lo[:, 0], hi[:, 0]
    return _wrap(v, lo, hi, *(meta or (a, b)))


def _power(base, exp):
    (bv, bl, bh), (ev, el, eh) = _align(base, exp, "raised to a power element by element")
    whole = np.all(el == eh) and np.all(np.equal(np.mod(ev, 1), 0))
    if not whole and np.any(bl <= 0):
        raise TensorError("a power with a base that may be zero or negative")
    with np.errstate(all="ignore"):
        corners = np.stack(np.broadcast_arrays(bl ** el, bl ** eh, bh ** el, bh ** eh))
        v = bv ** ev
    lo, hi = corners.min(axis=0), corners.max(axis=0)
    if whole:
        straddle = (bl < 0) & (bh > 0) & (ev > 0)
        lo = np.where(straddle & (np.mod(ev, 2) == 0), 0.0, lo)
    return _wrap(v, lo, hi, base, exp)


def _sig(x):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


_MONOTONE = {"sigmoid": _sig, "exp": np.exp, "tanh": np.tanh, "relu": lambda x: np.maximum(x, 0.0),
             "ln": np.log, "sqrt": np.sqrt}


_SIGMOID_NOTE = "σ(…) read as the logistic function 1/(1+e^-z)"


def _func(fname: str, x):
    out = _func_values(fname, x)
    if fname in ("sigmoid", "dsigmoid") and _SIGMOID_NOTE not in out.uses:
        out.uses.append(_SIGMOID_NOTE)
    return out


def _func_values(fname: str, x):
    v, lo, hi = _as_arrays(x)
    if fname in _MONOTONE:
        if fname == "ln" and np.any(lo <= 0):
            raise TensorError("the logarithm of a value that may be zero or negative")
        if fname == "sqrt" and np.any(lo < 0):
            raise TensorError("the square root of a value that may be negative")
        f = _MONOTONE[fname]
        with np.errstate(over="ignore"):
            return _wrap(f(v), f(lo), f(hi), x)
    if fname == "dsigmoid":
        def d(z):
            s = _sig(z)
            return s * (1 - s)
        a, b = d(lo), d(hi)
        top = np.where((lo <= 0) & (hi >= 0), 0.25, np.maximum(a, b))
        return _wrap(d(v), np.minimum(a, b), top, x)
    if fname == "softmax":
        if np.ndim(v) == 0:
            raise TensorError("softmax of one number")
        if np.ndim(v) == 2 and 1 not in np.shape(v):
            raise TensorError("softmax of a matrix (by row or by column?) is not guessed")
        shape = np.shape(v)
        v, lo, hi = (a.reshape(-1) for a in (v, lo, hi))
        m = float(np.max(hi))
        ev_, el, eh = np.exp(v - m), np.exp(lo - m), np.exp(hi - m)
        sv = ev_ / ev_.sum()
        # each output is smallest with its own input low and every other high, and the reverse
        slo = el / (el + (eh.sum() - eh))
        shi = eh / (eh + (el.sum() - el))
        return _wrap(sv.reshape(shape), slo.reshape(shape), shi.reshape(shape), x)
    raise TensorError(f"{fname} is not evaluated for vectors")


def _extremum(fname: str, args: list):
    """``max`` / ``min`` of two or more arguments, element by element (a number against every element;
    tensors of one shape, or vectors of one length); the interval of each element is the max / min of
    the arguments' intervals (both functions are increasing in each argument)."""
    f = np.maximum if fname == "max" else np.minimum
    acc = args[0]
    for x in args[1:]:
        (av, al, ah), (bv, bl, bh) = _align(acc, x, f"compared element by element (\\{fname})")
        acc = _wrap(f(av, bv), f(al, bl), f(ah, bh), acc, x)
    return acc


def evaluate(tex: str, scalar_eval: Callable[[str], ScalarLike],
             lookup: Callable[[str], Tensor | None] = lambda name: None, parts: list | None = None,
             readings: Readings | None = None):
    """The value of one side: a :class:`Tensor`, or a scalar result (an :class:`Elem` or what
    ``scalar_eval`` returned) where the side is a number (a dot product, a scalar formula).
    ``readings``: the choices at notations with several readings (:class:`Readings`; without it,
    the first reading of each).

    ``scalar_eval(tex)`` evaluates one scalar LaTeX expression as the audit does (value and
    interval ``lo``–``hi``, status ``number`` for a bare printed number); ``lookup(name)`` gives a
    remembered tensor or None.  A side that is just a literal keeps its elements as stated
    (``Tensor.cells``), for comparison.  Raises :class:`TensorError` (the reason) or
    :class:`Unresolved` (the names without a value).  ``parts`` (a list) receives the values of
    its sub-formulas (floats or fractions), for rule 4 of the rounding rules.
    """
    tree, tensorish = parse(tex, lambda n: lookup(n) is not None)
    ev = _Evaluator(tex, tensorish, scalar_eval, lookup, parts, readings)
    root = tree
    while root[0] == "group":
        root = root[3]
    if root[0] == "lit":
        return ev.literal(root, stated=True)
    if not tensorish.get(id(tree), 0) & 2:
        try:
            return ev.scalar(tex, operand=False)
        except TensorError:
            # the scalar parser cannot read it (\odot between two names): read its structure here,
            # so that names without a value are reported as such
            ev.force = True
            return ev.ev(tree)
    return ev.ev(tree)


# ----------------------------------------------------------------------------- comparison

@dataclass
class Mismatch:
    """One element that disagrees: 1-based ``row``/``col`` (``col`` None for a vector)."""

    label: str
    row: int
    col: int | None
    left: object          # the element of the side before (computed)
    right: object         # the element of this side (often stated)


def element_label(shape: tuple, k: int) -> tuple[str, int, int | None]:
    if len(shape) == 1:
        return f"element {k + 1}", k + 1, None
    r, c = divmod(k, shape[1])
    if shape[1] == 1:
        return f"row {r + 1}", r + 1, None
    if shape[0] == 1:
        return f"column {c + 1}", c + 1, None
    return f"row {r + 1}, column {c + 1}", r + 1, c + 1


def pairs(left, right, left_tex: str = "", right_tex: str = ""):
    """The element pairs of two sides to compare (shapes checked): ``[(label, row, col, a, b)]``."""
    tl, tr = isinstance(left, Tensor), isinstance(right, Tensor)
    if not tl and not tr:
        return [("", 1, None, left, right)]
    if tl != tr:
        t = left if tl else right
        if t.size != 1:
            raise ShapeError(f"a {_kind(t.shape)} and a number cannot be compared")
        a = left.flat_elem(0, left_tex) if tl else left
        b = right.flat_elem(0, right_tex) if tr else right
        return [("", 1, None, a, b)]
    sa, sb = left.shape, right.shape
    if sa != sb:
        la, lb = _vector_len(sa), _vector_len(sb)
        if la is None or la != lb:
            raise ShapeError(f"shapes {shape_text(sa)} and {shape_text(sb)} cannot be compared")
    shape = sb if len(sb) == 2 and 1 not in sb else sa
    out = []
    for k in range(left.size):
        label, r, c = element_label(shape if len(shape) == 2 and 1 not in shape else sb, k)
        out.append((label, r, c, left.flat_elem(k, left_tex), right.flat_elem(k, right_tex)))
    return out


def _verdict_word(result) -> str:
    """The scalar comparer's answer as a verdict word: ok, slip, wrong or undecided (``True`` is ok,
    anything else that is not a verdict word is wrong: never a silent ok)."""
    if isinstance(result, str) and result in ("ok", "slip", "wrong", "undecided"):
        return result
    return "ok" if _agrees(result) else "wrong"


def _agrees(result) -> bool:
    """The scalar comparer's answer as "agrees": ``True``, ``"ok"`` or an object whose ``ok`` is
    True.  Anything else (``False``, ``"wrong"``, ``"slip"``, None) is not agreement: a comparer
    that answers with a verdict word can never turn into a silent "ok" here."""
    if result is True or (isinstance(result, str) and result == "ok") or (isinstance(result, np.bool_) and bool(result)):
        return True
    if isinstance(result, (bool, np.bool_, str)) or result is None:
        return False
    return getattr(result, "ok", False) is True


def compare(left, right, compare_scalar: Callable[[object, object, str], bool], relation: str = "=") -> list[Mismatch]:
    """The elements where ``left`` (computed) and ``right`` (stated) disagree, by ``compare_scalar``
    (the audit's rule for two scalars, rounding included).  Raises :class:`TensorError` where the
    shapes cannot be compared."""
    return [Mismatch(label, r, c, a, b) for label, r, c, a, b in pairs(left, right)
            if not _agrees(compare_scalar(a, b, relation))]


# ----------------------------------------------------------------------------- the audit's chains

@dataclass
class RememberedTensor:
    """A tensor the document gave a name (kept in the audit's memory under ``TENSOR_KEY + name``).
    ``value`` is NaN so that scalar code reading memory never mistakes it for a number."""

    tensor: Tensor
    line: int
    printed: str
    value: float = float("nan")
    half: float = 0.0
    #: the side it was computed from where it is a formula (not a literal of printed numbers): a
    #: later ``name = [numbers]`` a few lines on states its result (one chain, compared); "" else
    formula: str = ""


def remembered_tensor(memory: dict, name: str | None) -> RememberedTensor | None:
    """The tensor ``name`` holds, unless a scalar value given later replaced it."""
    if not name:
        return None
    t = memory.get(TENSOR_KEY + name)
    if t is None:
        return None
    s = memory.get(name)
    if s is not None and getattr(s, "line", -1) > t.line:
        return None
    return t


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_bare(tex: str) -> bool:
    """Is the text one printed number (``-0.25``)?  (A malformed one is not: its reading says why.)"""
    from ..latexnum import LatexError, bare_number

    try:
        return bare_number(tex) is not None
    except LatexError:
        return False


@lru_cache(maxsize=16384)
def _plain_scalar_text(tex: str) -> bool:
    """No vector or matrix literal, element-wise product, ReLU, max(0, ·) or σ' in the text."""
    return not has_tensor_syntax(tex) and not _OWN_FUNC.search(tex)


def scalar_chain(tex: str, memory: dict) -> bool:
    """Is the chain certainly none of this module's (no tensor in its text, none remembered)?  Then
    :func:`audit_chain` returns None for it: the audit need not call it."""
    return TENSOR_KEY not in memory and _plain_scalar_text(tex)


def audit_chain(piece, memory: dict, sources, *, evaluate_side, agree, is_name, log=None):
    """Audit one chain that holds a vector or a matrix; None where it holds none (the scalar
    audit takes it).

    ``evaluate_side(tex, loose=, operand=)`` is the audit's scalar evaluator (a ``Side``: status,
    value, lo, hi, printed, …; ``loose``: the loose reading of rule 6, see ``verdicts``; ``ambiguous``
    set where the two readings differ), ``sources`` the audit's :class:`verdicts.Sources` (printed
    results are registered there), ``agree(a, b, relation)`` its scalar comparison (a verdict word:
    ok, slip, wrong), ``is_name(tex)``
    the name a side is (or None).  Returns the audit's ``_PieceResult``: one ``Check`` per element
    compared (an element that disagrees is named by its row and column), the sides, and the
    values it remembers (a name given a vector or matrix, literal or computed).
    """

    from .find import _APPROX, _EQ_RELATIONS, split_chain
    from .verdicts import ChainParts, Check, Inconsistency, Known, Side, _PieceResult, stated_half

    tex = piece.tex
    syntax = has_tensor_syntax(tex)
    if not syntax and not _OWN_FUNC.search(tex):
        if TENSOR_KEY not in memory:
            return None
        if _scalar_only(tex, memory):        # the scalar parser reads it and it names no tensor
            return None
    rows = (_aligned_rows(tex, is_name) if _ROW_ENV_RE.search(tex) else _top_level_rows(tex)) if syntax else [tex]
    if len(rows) > 1:
        # "W = \begin{bmatrix}…\end{bmatrix} \\ b = …": a display block whose rows hold matrices
        # reaches here whole; each row is one equation (or list of equations)
        from .find import MathPiece
        from .verdicts import _audit_piece

        results = [_audit_piece(MathPiece(piece.line, piece.kind, r), memory, sources, log) for r in rows]
        return _PieceResult.merged(results)
    sides_tex, rels = split_chain(tex)
    used: dict[str, RememberedTensor] = {}

    def lookup(name):
        r = remembered_tensor(memory, name)
        if r is None:
            return None
        used[name] = r
        return r.tensor

    def is_tensor_name(name):
        return remembered_tensor(memory, name) is not None

    # which sides hold a tensor?
    tensorish_any = False
    failed = {}
    for j, t in enumerate(sides_tex):
        if not t.strip():
            continue
        try:
            tree, marks = parse(t, is_tensor_name)
        except TensorError as exc:
            if has_tensor_syntax(t):
                failed[j] = str(exc)
                tensorish_any = True
            continue
        if marks.get(id(tree), 0) & 2:
            tensorish_any = True
    if not tensorish_any:
        return None
    from .verdicts import _has_number

    if not _has_number(tex):
        return _PieceResult([], [Side(t, "unresolved", why="no-numbers") for t in sides_tex], False)

    split = _elementwise_definitions(sides_tex, rels, is_name)
    if split is not None:
        # [[w_1, w_2], [w_3, w_4]] = [[0.15, 0.2], [0.25, 0.3]]: one definition per element, each
        # audited as the scalar definition it is
        from .find import MathPiece
        from .verdicts import _audit_chain

        results = [_audit_chain(MathPiece(piece.line, piece.kind, d), memory, sources, log) for d in split]
        return _PieceResult.merged(results)
    names = [is_name(t) if len(sides_tex) > 1 else None for t in sides_tex]
    subject = names[0] if rels and rels[0] in _EQ_RELATIONS else None
    # [z_1; z_2] = W x + b = [0.3775; 0.3925]: a literal of names is what the chain defines
    name_cells = None
    if subject is None and len(sides_tex) > 2 and rels[0] in _EQ_RELATIONS and has_tensor_syntax(sides_tex[0]):
        lc = _literal_cells(sides_tex[0])
        if lc is not None and len(lc[1]) > 1 and all(is_name(c) is not None for c in lc[1]):
            name_cells = [is_name(c) for c in lc[1]]
            subject = ""                  # not evaluated; its names get the result below
    all_eq = all(r in _EQ_RELATIONS for r in rels)
    memo: dict = {}     # (side, choices made before it) -> its evaluation, for a side with no choice of its own
    scalars: dict = {}  # the scalar evaluations of the elements, kept across the runs (keys below)

    def run(readings: Readings):
        """The sides of the chain evaluated and compared with the choices ``readings`` makes.  A run
        other than the first stops at the first shapes that do not fit (it is not a reading)."""
        used.clear()
        shape_failed = False
        sides: list = []
        values: list = []
        loose_values: list = []      # the same sides read loosely (rule 6), where that reading differs
        chain_nodes = ChainParts()   # the parts of the earlier sides of the run of "=" (rule 4)
        at = [None]                  # (side, the choices made before it): what its chain_nodes hold

        def scalar_fn(loose, flag):
            def f(s, operand=False):
                # a printed number as stated does not depend on the parts of the earlier sides; anything
                # else does (rule 4), and those are the same in every run that made the same choices
                # before this side
                key = (s, loose) if not operand and _is_bare(s) else (at[0], s, loose, operand)
                out = scalars.get(key)
                if out is None:
                    out = scalars[key] = evaluate_side(s, loose=loose, operand=operand, nodes=chain_nodes)
                if getattr(out, "ambiguous", False):
                    flag.append(True)
                return out
            f.operand_aware = True
            return f

        def one_side(t):
            """(side, value, loose value, parts for rule 4, shapes failed)"""
            before = len(used)
            flag: list = []
            parts: list = []
            at[0] = (len(sides), tuple(readings.used))
            try:
                mark = len(readings.used)
                val = evaluate(t, scalar_fn(False, flag), lookup, parts, readings)
                loose = (evaluate(t, scalar_fn(True, []), lookup, None, readings.replay(mark, len(readings.used)))
                         if flag else val)
            except Unresolved as exc:
                return Side(t, "unresolved", missing=exc.missing, why="no-value"), None, None, [], False
            except TensorError as exc:
                bad_shape = isinstance(exc, ShapeError)
                if not has_tensor_syntax(t) and not _uses_tensor_name(t, is_tensor_name):
                    side = evaluate_side(t, nodes=chain_nodes)     # not a vector: the scalar audit reads it
                    val = side if side.status in ("number", "value") else None
                    loose = evaluate_side(t, loose=True, nodes=chain_nodes) if side.ambiguous else val
                    return side, val, loose, [], bad_shape
                side = Side(t, "unparsed", reason=str(exc), why="not-read")
                if not _has_number(t):     # a side without digits is not listed as unparsed: say why here
                    side.missing = [f"{_short(t, 40)} ({exc})"]
                return side, None, None, [], bad_shape
            except (ValueError, OverflowError, ZeroDivisionError, FloatingPointError) as exc:
                return Side(t, "unparsed", reason=f"cannot be evaluated: {exc}", why="not-read"), None, None, [], False
            uses = [f"{n} = {r.printed} (line {r.line})" for n, r in list(used.items())[before:]]
            if isinstance(val, Tensor):
                literal = val.cells is not None
                side = Side(t, "value", None, uses=list(dict.fromkeys(val.uses + uses)),
                            rounded=list(val.rounded))
                if literal and all(c.status == "number" for c in val.cells):
                    side.printed = val.printed()
            elif isinstance(val, Elem):
                side = Side(t, "value", val.value, val.lo, val.hi, uses=list(dict.fromkeys(val.uses + uses)),
                            rounded=list(val.rounded))
            else:
                side = val      # the scalar evaluator's own Side
            # its sub-formulas are parts for the later sides (rule 4); its own value is not a part
            whole = set(np.asarray(val.v, dtype=float).flat) if isinstance(val, Tensor) else {getattr(val, "value", None)}
            kept = [x for x in parts[:MAX_PARTS] if not (isinstance(x, float) and (x in whole or not math.isfinite(x)))]
            return side, val, loose, kept, False     # (floats made fractions where searched: ChainParts)

        for j, t in enumerate(sides_tex):
            if j > 0 and rels[j - 1] not in _EQ_RELATIONS:
                chain_nodes = ChainParts()
            if j == 0 and subject is not None:       # (subject "" : a literal of names)
                sides.append(Side(t, "unresolved", missing=[]))
                values.append(None)
                loose_values.append(None)
                continue
            if j in failed:
                sides.append(Side(t, "unparsed", reason=failed[j], why="not-read"))
                values.append(None)
                loose_values.append(None)
                continue
            # a side with no choice of its own evaluates alike in every run that made the same choices
            # before it (its parts for rule 4 come from those): evaluated once
            key = (j, tuple(readings.used))
            hit = memo.get(key)
            if hit is None:
                names_before = len(used)
                hit = one_side(t) + (list(used.items())[names_before:],)
                if len(readings.used) == len(key[1]):
                    memo[key] = hit
            else:
                for name, r in hit[5]:           # the names it used, as if evaluated again
                    used.setdefault(name, r)
            side, val, loose, kept, bad_shape, _ = hit
            if bad_shape:
                shape_failed = True
                if readings.abort:
                    return _Run(sides, values, [], [], {}, True, readings)
            if readings.abort and val is not None:
                # a reading whose shapes do not fit the side before it is not one: stop here, before the
                # later sides (and their readings) are evaluated
                prev = next((k for k in range(len(values) - 1, -1, -1) if values[k] is not None), None)
                if prev is not None and all(r in _EQ_RELATIONS for r in rels[prev:j]) and not _shapes_fit(values[prev], val):
                    return _Run(sides, values, [], [], {}, True, readings,
                                compare_fail="count" if _counts_differ(values[prev], val) else "shape")
            sides.append(side)
            values.append(val)
            loose_values.append(loose)
            if kept:
                chain_nodes.add(kept)

        # element-wise comparisons of consecutive sides
        checks = []
        extra_sides = []
        counted: list = []          # (check, side): sides wrong by their number of elements
        prev = None
        exact_cells: dict[int, list[bool]] = {}
        for j, val in enumerate(values):
            if j > 0 and rels[j - 1] not in _EQ_RELATIONS:
                prev = None
            if val is None:
                continue
            if prev is not None:
                a_tex, b_tex = sides_tex[prev], sides_tex[j]
                relation = " ".join(rels[prev:j])
                approx = any(r in _APPROX for r in rels[prev:j])
                try:
                    prs = pairs(values[prev], val, a_tex, b_tex)
                    loose_prs = prs if (loose_values[prev] is values[prev] and loose_values[j] is val) else \
                        pairs(loose_values[prev], loose_values[j], a_tex, b_tex)
                except TensorError as exc:
                    shape_failed = shape_failed or isinstance(exc, ShapeError)
                    by_count = isinstance(exc, ShapeError) and _counts_differ(values[prev], val)
                    if shape_failed and readings.abort:
                        return _Run(sides, values, [], [], {}, True, readings,
                                    compare_fail="count" if by_count else "shape")
                    prs = loose_prs = []
                    if by_count:
                        # [1, 2] + [3, 4] = [4, 6, 8]: no arrangement of the elements makes the two sides
                        # equal, whatever the orientation: wrong (the counts are what is compared)
                        na, nb = _count(values[prev]), _count(val)
                        check = Check(f"number of elements of {a_tex}", relation, f"number of elements of {b_tex}",
                                      float(na), float(nb), (float(na), float(na)), (float(nb), float(nb)), False,
                                      names[prev] is not None or names[j] is not None, "wrong")
                        checks.append(check)
                        counted.append((check, Side(b_tex, "unparsed", reason=str(exc), why="not-read")))
                    else:
                        extra_sides.append(Side(b_tex, "unparsed", reason=str(exc), why="not-read"))
                by_name = names[prev] is not None or names[j] is not None
                flags = []
                for (label, r, c, a, b), (_, _, _, la, lb) in zip(prs, loose_prs):
                    rel = "\\approx" if approx else "="
                    verdict = _verdict_word(agree(a, b, rel))
                    both = ()
                    if la is not a or lb is not b:
                        other = _verdict_word(agree(la, lb, rel))
                        if other != verdict:
                            both = (verdict, other)
                            verdict = "undecided"      # exact data or a rounded result? (rule 6)
                    ok = verdict == "ok"
                    lt = f"{label} of {a_tex}" if label else a_tex
                    rt = f"{label} of {b_tex}" if label else b_tex
                    checks.append(Check(lt, relation, rt, float(a.value), float(b.value), (float(a.lo), float(a.hi)),
                                        (float(b.lo), float(b.hi)), ok, by_name, verdict, both))
                    if verdict in ("wrong", "slip") and label:
                        extra_sides.append(_elem_side(Side, lt, a))
                        extra_sides.append(_elem_side(Side, rt, b))
                    flags.append(not approx and getattr(a, "status", "") == "value" and a.lo == a.hi
                                 and getattr(b, "status", "") == "number"
                                 and abs(a.value - b.value) <= 1e-12 * max(1.0, abs(b.value)))
                exact_cells[j] = flags
            prev = j
        return _Run(sides, values, checks, extra_sides, exact_cells, shape_failed, readings, counted=counted)

    # every combination of the readings of the notations that have several (u \cdot v: dot,
    # element-wise or outer product); the chain is judged over those whose shapes fit (verdicts below)
    runs = _every_reading(run)
    chosen, verdict_note = _judge_readings(runs, piece, checks_verdict=_piece_verdict)
    sides, values, checks, extra_sides, exact_cells = (chosen.sides, chosen.values, chosen.checks,
                                                       chosen.extra_sides, dict(chosen.exact_cells))
    if chosen.counted and any(r is not None and r.compare_fail == "shape" for r in runs):
        # another reading of the notation gives as many elements as the side stated, arranged otherwise
        # (u \cdot v as an outer product against a list): shapes that do not fit, not judged
        dropped = {id(c) for c, _ in chosen.counted}
        checks = [c for c in checks if id(c) not in dropped]
        extra_sides = extra_sides + [side for _, side in chosen.counted]
    elif chosen.counted and len(runs) > 1 and verdict_note is None:
        verdict_note = ("note", "no reading of the products gives as many elements as stated")
    fitting = [r for r in runs if not r.shape_failed] if len(runs) > 1 else []
    if len(fitting) > 1:
        # a printed result is exact only where its calculation gives it exactly under every reading
        for j in list(exact_cells):
            exact_cells[j] = [all(j in r.exact_cells and k < len(r.exact_cells[j]) and r.exact_cells[j][k]
                                  for r in fitting) for k in range(len(exact_cells[j]))]
    values_differ = len(fitting) > 1 and not _same_values([r.values[-1] for r in fitting])

    # printed results, and what the chain gives its names
    inconsistent: list = []
    last_j = len(values) - 1
    last = values[last_j] if values else None
    # "z = W a + b" on one line and "z = [0.8680, 1.0567]" (or the elements written out) a few lines
    # on, nothing in between giving z another value: one chain, as for a scalar (verdicts'
    # _follows_formula): the later side is compared with the formula, element by element, and its
    # printed numbers are results (rounded), not data
    follows = None
    if (subject and all_eq and isinstance(last, Tensor) and sum(v is not None for v in values) == 1
            and not any(_mentions(t, subject) for t in sides_tex[1:])):
        from .verdicts import FOLLOW_LINES
        old = remembered_tensor(memory, subject)
        if old is not None and old.formula and old.line != piece.line and piece.line - old.line <= FOLLOW_LINES:
            follows = old
            left_tex = f"{subject} = {_short(old.formula, 40)} (line {old.line})"
            try:
                prs = pairs(old.tensor, last, left_tex, sides_tex[last_j])
            except TensorError as exc:
                extra_sides.append(Side(sides_tex[last_j], "unparsed", reason=str(exc), why="not-read"))
                prs = []
            flags = []
            for label, r, c, a, b in prs:
                verdict = _verdict_word(agree(a, b, "="))
                lt = f"{label} of {left_tex}" if label else left_tex
                rt = f"{label} of {sides_tex[last_j]}" if label else sides_tex[last_j]
                checks.append(Check(lt, "=", rt, float(a.value), float(b.value), (float(a.lo), float(a.hi)),
                                    (float(b.lo), float(b.hi)), verdict == "ok", False, verdict))
                if verdict in ("wrong", "slip") and label:
                    extra_sides.append(_elem_side(Side, lt, a))
                    extra_sides.append(_elem_side(Side, rt, b))
                flags.append(a.lo == a.hi and getattr(b, "status", "") == "number"
                             and abs(a.value - b.value) <= 1e-12 * max(1.0, abs(b.value)))
            exact_cells[last_j] = flags
    # a plain definition (rule 2 of verdicts.py): a name given a literal with no calculation before it
    # (whatever follows: ``W = [...] \in \mathbb{R}^{2}``) gives data, exact
    # (``X = I = [...]``: every side between the name and the literal a name, as rule 2 of the scalars reads
    # ``x = y = 0.9``; such a name has no value yet, else it would be a calculation)
    first_value = next((j for j, v in enumerate(values) if v is not None), None)
    definition = (follows is None and subject is not None and rels[0] in ("=", ":=") and first_value is not None
                  and isinstance(values[first_value], Tensor) and values[first_value].cells is not None
                  and sum(v is not None for v in values) == 1
                  and all(names[k] is not None for k in range(1, first_value))
                  and all(r in ("=", ":=") for r in rels[:first_value]))
    run_start = 0        # where the run of "=" that side j is in begins
    for j, val in enumerate(values):
        if j > 0 and rels[j - 1] not in _EQ_RELATIONS:
            run_start = j
        if j == 0 or val is None or rels[j - 1] not in _EQ_RELATIONS:
            continue
        unknown = not definition and j not in exact_cells and all(v is None for v in values[run_start:j])
        cells = val.cells if isinstance(val, Tensor) else ([val] if getattr(val, "status", "") == "number" else [])
        flags = exact_cells.get(j, [])
        for k, c in enumerate(cells or []):
            if getattr(c, "status", "") != "number" or not c.printed:
                continue
            exact = (k < len(flags) and flags[k]) or definition
            value = getattr(c, "exact", None)
            if value is None or getattr(c, "literal", None) is None:
                continue
            if exact:
                sources.add_data(value, piece.line)       # rule 2 (or a result its calculation gives exactly)
            elif unknown:
                # no side before it has a value (``X = A B = [..]`` with A, B unknown; ``w[2](0,1) =
                # 0.341232``, its name not read): a result, perhaps rounded, or data (rule 6)
                sources.add_maybe(value, stated_half(c.literal, True), piece.line, c.printed)
            else:
                sources.add_computed(value, stated_half(c.literal, True), piece.line, c.printed)
    if values_differ and all_eq:
        # the readings give the chain's last side different values: what it gives its names is unknown
        from .verdicts import _forget
        for name in names[:-1]:
            if name:
                _forget(memory, name)
                memory.pop(TENSOR_KEY + name, None)
    elif last is not None and all_eq and len(values) >= 2:
        flags = exact_cells.get(last_j, [])
        if isinstance(last, Tensor):
            if last.cells is not None:
                half = np.zeros(last.size)
                for k, c in enumerate(last.cells):
                    exact = (k < len(flags) and flags[k]) or (definition and c.status == "number")
                    lit = getattr(c, "literal", None)
                    if exact:
                        half[k] = 0.0
                    elif c.status == "number" and lit is not None:
                        half[k] = float(stated_half(lit, True))
                    else:
                        half[k] = (c.hi - c.lo) / 2
                half = half.reshape(last.shape)
                kept = Tensor(last.v.copy(), last.v - half, last.v + half, coarsest=last.coarsest)
            else:
                kept = Tensor(last.v.copy(), last.lo.copy(), last.hi.copy(), coarsest=last.coarsest)
            printed = kept.printed(40)
            for k, name in enumerate(names[:-1]):
                if name is None:
                    continue
                old = remembered_tensor(memory, name)
                if (k == 0 and follows is None and last.cells is not None and old is not None and old.line != piece.line
                        and old.tensor.size == kept.size and not any(_mentions(t, name) for t in sides_tex[1:])):
                    tol = ((old.tensor.hi - old.tensor.lo).reshape(-1) / 2 + (kept.hi - kept.lo).reshape(-1) / 2
                           + 1e-12 * np.maximum(1.0, np.abs(kept.v.reshape(-1))))
                    diff = np.abs(old.tensor.v.reshape(-1) - kept.v.reshape(-1))
                    if np.any(diff > tol):
                        k_bad = int(np.argmax(diff > tol))
                        label = element_label(kept.shape, k_bad)[0]
                        inconsistent.append(Inconsistency(f"{name} ({label})", last.cells[k_bad].printed or
                                                          f"{kept.v.flat[k_bad]:.6g}", old.line,
                                                          f"{old.tensor.v.flat[k_bad]:.6g}"))
                # the scalars z_1, z_2, … remembered before are stale once z holds a vector: z_1 may now
                # be its first element or still the old value (not guessed: forgotten)
                from .verdicts import _forget
                _forget(memory, name)
                formula = "" if (last.cells is not None and all(c.status == "number" for c in last.cells)) \
                    else sides_tex[last_j]
                memory[TENSOR_KEY + name] = RememberedTensor(kept, piece.line, printed, formula=formula)
                memory[TENSOR_KEY] = memory[TENSOR_KEY + name]      # "some tensor is remembered": O(1) test
                # (not logged: the log holds "name = number" statements for --spec, one number each)
            if name_cells is not None and last.cells is not None and len(name_cells) == kept.size:
                for k, name in enumerate(name_cells):
                    c = last.cells[k]
                    h = float((kept.hi - kept.lo).flat[k]) / 2
                    memory[name] = Known(float(kept.v.flat[k]), h, piece.line, c.printed or f"{kept.v.flat[k]:.6g}")
                    if log is not None:
                        log.append((piece.line, name, memory[name].printed, h))
        elif getattr(last, "status", "") == "number":
            exact = bool(flags and flags[0]) or definition
            half = 0.0 if exact or getattr(last, "literal", None) is None else float(stated_half(last.literal, True))
            for name in names[:-1]:
                if name is None:
                    continue
                memory[name] = Known(last.value, half, piece.line, last.printed)
                if log is not None:
                    log.append((piece.line, name, last.printed, half))
    out = _PieceResult(checks, sides + extra_sides, True, inconsistent)
    if verdict_note is not None:
        kind, text = verdict_note
        if kind == "ambiguous":
            out.checks = []
            out.sides = [x for x in sides if x.status not in ("unparsed", "empty")]
            out.ambiguous.append(text)
        else:
            out.notes.append(text)
    return out


@dataclass
class _Run:
    """One chain evaluated and compared under one combination of readings."""

    sides: list
    values: list
    checks: list
    extra_sides: list
    exact_cells: dict
    shape_failed: bool          # a side or a comparison met shapes that do not fit
    readings: Readings
    #: where a run stopped at two sides that cannot be compared: "count" (their numbers of elements
    #: differ), "shape" (as many elements, arranged otherwise); None where it did not stop so
    compare_fail: str | None = None
    #: the checks "wrong" because two sides' numbers of elements differ, each with the side it replaces
    counted: list = field(default_factory=list)

    def described(self) -> str:
        """The readings taken at the places that have several, for the report."""
        return " and ".join(lab for lab, n in zip(self.readings.labels, self.readings.counts) if n > 1)


#: at most this many combinations of readings per chain (each is an evaluation of the chain)
MAX_READINGS = 64


def _every_reading(run) -> list[_Run]:
    """``run(Readings)`` for every combination of the readings of the chain's places with several,
    the first the product as written; depth first, each combination once.  Past ``MAX_READINGS``
    combinations the first run is returned with ``shape_failed`` unset and a marker (``None``) after
    it: too many readings to weigh."""
    first = run(Readings())
    if math.prod(first.readings.counts) > MAX_READINGS:
        return [first, None]             # too many already at the places the first reading meets
    runs = [first]
    stack = [first.readings.used[:k] + [j] for k in range(len(first.readings.counts) - 1, -1, -1)
             for j in range(first.readings.counts[k] - 1, 0, -1)]
    while stack:
        if len(runs) >= MAX_READINGS:
            return [first, None]
        prefix = stack.pop()
        r = run(Readings(prefix, abort=True))
        runs.append(r)
        used, counts = r.readings.used, r.readings.counts
        for k in range(len(counts) - 1, len(prefix) - 1, -1):
            for j in range(counts[k] - 1, 0, -1):
                stack.append(used[:k] + [j])
    return runs


def _same_values(values: list) -> bool:
    """Do the readings give the same value (shape and every element, interval included)?"""
    def arrays(x):
        if x is None:
            return None
        if isinstance(x, Tensor):
            return ("t", x.shape, x.v.tobytes(), x.lo.tobytes(), x.hi.tobytes())
        return ("s", getattr(x, "value", None), getattr(x, "lo", None), getattr(x, "hi", None))
    first = arrays(values[0])
    return all(arrays(v) == first for v in values[1:])


def _piece_verdict(piece, r: _Run):
    """The line verdict (``verdicts._line_result``) that this chain alone gets under one reading."""
    from .verdicts import _line_result, _PieceResult

    return _line_result(piece.line, piece.tex, [_PieceResult(r.checks, r.sides + r.extra_sides, True)])


def _count(x) -> int:
    """The number of elements of a side's value (a number is one)."""
    return x.size if isinstance(x, Tensor) else 1


def _counts_differ(a, b) -> bool:
    """Do two sides' values have different numbers of elements (no orientation can make them equal)?"""
    return _count(a) != _count(b)


def _shapes_fit(a, b) -> bool:
    """Can two sides be compared (:func:`pairs` without building the pairs)?"""
    ta, tb = isinstance(a, Tensor), isinstance(b, Tensor)
    if not ta and not tb:
        return True
    if ta != tb:
        return (a if ta else b).size == 1
    if a.shape == b.shape:
        return True
    la, lb = _vector_len(a.shape), _vector_len(b.shape)
    return la is not None and la == lb


def _judge_readings(runs: list, piece, checks_verdict=_piece_verdict):
    """The run whose checks and sides the chain reports, and a note ``(kind, text)`` or None.

    A notation with several readings is never guessed: every reading whose shapes fit the chain is
    judged.  Wrong under every one of them: wrong, whatever the article meant (the first such run is
    reported, with each reading's finding in the note).  Agreeing (or a slip) under every one: that
    verdict.  Under some but not all: ``("ambiguous", …)`` (the line is left unchecked, saying which
    reading matches and which does not).  Where only one reading fits, it is taken and named; where
    none fits, the product as written is reported (its shapes do not fit)."""
    if len(runs) == 1:
        return runs[0], None
    if runs[-1] is None:
        return runs[0], ("ambiguous", f"more than {MAX_READINGS} combinations of readings "
                                      "(u \\cdot v for vectors: dot, element-wise or outer product)")
    fitting = [r for r in runs if not r.shape_failed]
    if not fitting:
        return runs[0], None
    if len(fitting) == 1:
        r = fitting[0]
        if r is runs[0]:
            return r, None
        return r, ("note", f"read as: {r.described()} (the only reading whose shapes fit the other sides)")
    results = [checks_verdict(piece, r) for r in fitting]
    verdicts = [x.verdict for x in results]
    every = "; ".join(f"{r.described()}: {_short(x.detail, 120)}" for r, x in zip(fitting, results))
    if all(v in ("wrong", "inconsistent") for v in verdicts):
        k = verdicts.index("wrong") if "wrong" in verdicts else 0
        return fitting[k], ("note", f"wrong under every reading: {every}")
    if len(set(verdicts)) == 1 and verdicts[0] in ("ok", "slip"):
        return fitting[0], ("note", f"{'agrees' if verdicts[0] == 'ok' else 'a slip'} under every reading ("
                                    + "; ".join(r.described() for r in fitting) + ")")
    if len(set(verdicts)) == 1:
        return fitting[0], None
    good = [r.described() for r, v in zip(fitting, verdicts) if v == "ok"]
    bad = [f"{r.described()} ({v})" for r, v in zip(fitting, verdicts) if v != "ok"]
    text = "ambiguous: " + (f"agrees with {'; with '.join(good)}, but not" if good else "not ok")
    return fitting[0], ("ambiguous", f"{text} with {'; with '.join(bad)}")


def _elem_side(Side, tex, e):
    status = getattr(e, "status", "value")
    return Side(tex, status if status in ("number", "value") else "value", e.value, e.lo, e.hi,
                printed=getattr(e, "printed", None), literal=getattr(e, "literal", None),
                exact=getattr(e, "exact", None))


def _literal_cells(tex: str):
    """``(shape, [cell text])`` where a side is one literal (``\\left[ … \\right]`` allowed), else None."""
    try:
        tree, _ = parse(tex)
    except TensorError:
        return None
    while tree[0] == "group":
        tree = tree[3]
    if tree[0] != "lit":
        return None
    rows, kind = tree[3], tree[4]
    if kind == "2d" and len({len(r) for r in rows}) != 1:
        return None
    cells = [tex[a:b].strip() for r in rows for a, b in r]
    shape = (len(cells),) if kind == "1d" else (len(rows), len(rows[0]))
    return shape, cells


def _elementwise_definitions(sides_tex, rels, is_name) -> list[str] | None:
    """``[names] = [numbers]`` (any literal notation, same shape): ``["w_1 = 0.15", …]``, else None."""
    if len(sides_tex) != 2 or rels[0] not in ("=", ":=") or not has_tensor_syntax(sides_tex[0]):
        return None
    left = _literal_cells(sides_tex[0])
    if left is None:
        return None
    right = _literal_cells(sides_tex[1])
    if right is None or len(left[1]) != len(right[1]) or len(left[1]) < 2:
        return None
    if left[0] != right[0] and (_vector_len(left[0]) is None or _vector_len(left[0]) != _vector_len(right[0])):
        return None
    if any(is_name(c) is None for c in left[1]):
        return None
    return [f"{n} {rels[0]} {v}" for n, v in zip(left[1], right[1])]


_ROW_SCAN = re.compile(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}|\\\\|\\[{}]|\\.|[{}]")


def _top_level_rows(tex: str) -> list[str]:
    """The text split at ``\\\\`` outside every environment and brace group (rows of a display
    block that also holds a matrix); one part where there is no such row break."""
    if "\\\\" not in tex:
        return [tex]
    parts, depth, start = [], 0, 0
    for m in _ROW_SCAN.finditer(tex):
        tok = m.group(0)
        if tok.startswith("\\begin") or tok == "{":
            depth += 1
        elif tok.startswith("\\end") or tok == "}":
            depth -= 1
        elif tok == "\\\\" and depth == 0:
            parts.append(tex[start:m.start()])
            start = m.end()
    parts.append(tex[start:])
    parts = [p.strip() for p in parts]
    return [p for p in parts if p] or [tex]


def _uses_tensor_name(tex: str, is_tensor_name) -> bool:
    """Does the text name a remembered vector or matrix (a cheap scan of its names)?"""
    from ..latexnum import LatexError, compile_side

    try:
        side = compile_side(tex)
    except LatexError:
        return True         # cannot tell: keep the tensor reading's reason
    return any(is_tensor_name(n) for n in side.names | side.calls)


_ROW_ENV_RE = re.compile(r"\\begin\s*\{(?:aligned|align\*?|alignat\*?|gather\*?|gathered|split|equation\*?|eqnarray\*?)\}")
_ROW_ENV_TOKEN = re.compile(r"\\(?:begin|end)\s*\{(?:aligned|align\*?|alignat\*?|gather\*?|gathered|split|equation\*?"
                            r"|eqnarray\*?)\}(?:\{\d+\})?")
_REL_HEAD = re.compile(r"^\s*(=|\\approx|≈|:=|\\simeq)")


def _aligned_rows(tex: str, is_name) -> list[str]:
    """An ``aligned`` (or ``align``, ``split``, …) block that also holds a matrix, as its rows: the
    alignment ``&`` outside the matrices dropped, a row that starts with a relation continuing the
    row before (``z &= W x + b \\\\ &= \\begin{bmatrix}…\\end{bmatrix}``: ``z = W x + b = …``)."""
    from .find import split_chain

    body = _ROW_ENV_TOKEN.sub(" ", tex)
    out, depth, last = [], 0, 0
    for m in re.finditer(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}|\\[{}&]|\\.|[{}&]", body):
        tok = m.group(0)
        if tok.startswith("\\begin") or tok == "{":
            depth += 1
        elif tok.startswith("\\end") or tok == "}":
            depth -= 1
        elif tok == "&" and depth == 0:
            out.append(body[last:m.start()])
            out.append(" ")
            last = m.end()
    out.append(body[last:])
    rows = _top_level_rows("".join(out))
    chains: list[str] = []
    for row in rows:
        row = " ".join(row.split())
        if chains and _REL_HEAD.match(row):
            sides = split_chain(chains[-1])[0]
            head = sides[-1]
            if len(sides) > 1 and is_name(sides[0]) is not None:
                head = sides[0] + " = " + head
            row = head + " " + row
        chains.append(row)
    return chains


def _mentions(tex: str, name: str) -> bool:
    """Does a side use ``name`` (an update ``W = W - η …`` is not a contradiction of W)?"""
    try:
        tree, _ = parse(tex)
    except TensorError:
        return False
    stack = [tree]
    while stack:
        n = stack.pop()
        if not isinstance(n, tuple):
            continue
        if n[0] == "atom" and n[3] == name:
            return True
        for p in n[3:]:
            if isinstance(p, tuple):
                stack.append(p[1] if len(p) == 2 and isinstance(p[1], tuple) else p)
            elif isinstance(p, list):
                for q in p:
                    if isinstance(q, tuple):
                        stack.append(q[1] if len(q) == 2 and isinstance(q[1], tuple) else q)
    return False


_OWN_FUNC = re.compile(r"\\max|\\min|relu|\\sigma\s*(?:'|\^\s*\{?\s*(?:'|\\prime))", re.I)


def _scalar_only(tex: str, memory: dict) -> bool:
    """Cheap test (through the scalar parser's cache, which the scalar audit uses next): every side
    of the chain parses as a scalar formula and uses no name that holds a tensor."""
    from ..latexnum import LatexError, compile_side
    from .find import split_chain

    for t in split_chain(tex)[0]:
        if not t.strip():
            continue
        try:
            side = compile_side(t)
        except LatexError:
            return False
        if any(remembered_tensor(memory, n) is not None for n in side.names | side.calls):
            return False
    return True
