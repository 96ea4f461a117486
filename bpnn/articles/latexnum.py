"""Read the LaTeX of an article without ``eval``: one recursive-descent parser.

Nothing in the text is ever executed.  :func:`compile_side` turns one side of an
equation into a small tree; the audit evaluates it in double precision
(:meth:`Side.value`), many times, to follow the rounding of each printed number, and
:mod:`bpnn.articles.latexsym` turns the same tree into a sympy expression for the
symbolic checks.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..errors import BpnnError

__all__ = ["LatexError"]


class LatexError(BpnnError):
    """The text is not LaTeX this parser understands."""


# --------------------------------------------------------------------------------------
# The audit's own parser: numeric LaTeX (and plain-text arithmetic) read by a small
# recursive-descent parser, in time linear in the text and with bounded nesting.
#
# ``compile_side(tex)`` returns a :class:`Side`: a tree of plain tuples/lists
# (no sympy, no cache) whose leaves are printed numbers ("k", slot), names ("s", name)
# and constants ("c", value).  Every printed number keeps its own slot, so that the
# rounding of each input can be followed through the formula.  Names are read as names:
# ``out_{h1}``, ``\text{out}_{h1}``, ``net_{o1}``, ``w_5^+``, ``w_{11}^{2+}``, ``w6``,
# ``\delta_{o1}``, ``\hat{y}``, a derivative ``\frac{\partial E}{\partial w_5}``.  A name
# followed by a parenthesis (``a(1-a)``) is a product where the name has a value and a
# function without one.  Whatever it cannot read it refuses with the reason
# (:class:`LatexError`): nothing is guessed or dropped.

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

__all__ += ["Literal", "Side", "compile_side", "literal_number", "bare_number", "NUMBER_RE",
            "normalise_unicode", "MAX_DEPTH", "MAX_TERMS"]

NUMBER_RE = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_BARE = re.compile(r"^\s*([+-]?)\s*((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*$")
MAX_DEPTH = 60          # nesting of groups, fractions and powers
MAX_TERMS = 5000        # numbers and names in one side
MAX_SUM_TERMS = 1000    # terms of one \sum with numeric bounds
MAX_SUM_EXPANSION = 20_000   # terms of all the \sum of one side, a nested one counted once per outer term
MAX_TOKENS = 60000      # symbols in one side


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

    @property
    def exact(self) -> Fraction:
        """The printed number exactly, as a fraction (``0.1`` is 1/10, not the nearest double): its
        digits over a power of ten (what ``Fraction(Decimal(text))`` gives, without the detour).
        Computed once per literal (kept in the instance; ``functools.cached_property`` takes a lock
        on every first access, which cost the audit a tenth of its time on formula-heavy texts)."""
        d = self.__dict__
        q = d.get("_exact")
        if q is None:
            q = d["_exact"] = _decimal_fraction(self.text)
        return q

    @property
    def whole(self) -> bool:
        """Printed as a whole number: digits only, no decimal point, no exponent (``3``, not ``3.0``)."""
        return self.text.isdigit()


def _decimal_fraction(text: str) -> Fraction:
    """A number printed as ``NUMBER_RE`` reads it (``12.5``, ``.5``, ``3.``, ``2.5e-3``) as a fraction."""
    mantissa, _, exponent = text.lower().partition("e")
    whole, _, decimals = mantissa.partition(".")
    shift = len(decimals) - (int(exponent) if exponent else 0)
    digits = int((whole or "0") + decimals)
    return Fraction(digits, 10 ** shift) if shift > 0 else Fraction(digits * 10 ** -shift)


_PLAIN_NUMBER = re.compile(r"(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?")


def literal_number(text: str) -> Literal:
    """A printed number; refused when malformed or beyond a float's range."""
    m = _PLAIN_NUMBER.fullmatch(text) if len(text) < 40 else None
    if m is not None and (m.group(1) or m.group(2)):
        # digits as NUMBER_RE reads them: what Decimal(text) gives, without building it
        value = float(text)
        if math.isfinite(value) and (value != 0.0 or not (m.group(1) + m.group(2)).strip("0")):
            exp = -len(m.group(2)) + (int(m.group(3)) if m.group(3) else 0)
            return Literal(text, value, max(0, -exp))
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise LatexError(f"malformed number {text!r}") from None
    value = float(d)
    if not math.isfinite(value):
        raise LatexError(f"the number {text} is too large for a float")
    if value == 0.0 and d != 0:
        raise LatexError(f"the number {text} is too small for a float")
    exp = d.as_tuple().exponent
    return Literal(text, value, max(0, -int(exp)))


@lru_cache(maxsize=65536)
def bare_number(tex: str) -> tuple[int, Literal] | None:
    """``(sign, literal)`` where a side is nothing but a number (``-0.049``), else None."""
    src = normalise_unicode(tex)
    m = _BARE.match(src)
    if m:
        return (-1 if m.group(1) == "-" else 1), literal_number(m.group(2))
    if len(src) > 200 or not re.search(r"\d\s*(?:\\[,;:! ]|~|\s)\s*\d", src):
        return None
    toks = [t for t in _tokens(src) if t.kind != "end"]     # 1\,000 as TeX sets it (2 3 is 23)
    sign = 1
    if toks and toks[0].kind == "op" and toks[0].text in "+-":
        sign = -1 if toks[0].text == "-" else 1
        toks = toks[1:]
    if len(toks) == 1 and toks[0].kind == "num":
        return sign, literal_number(toks[0].text)
    return None


# ---- Unicode: operators, superscripts, subscripts, fractions, Greek letters

_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾", "0123456789+-()"))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋", "0123456789+-"))
_UNI = {
    "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u00d7": r" \times ", "\u00b7": r" \cdot ",
    "\u22c5": r" \cdot ", "\u2219": r" \cdot ", "\u00f7": r" \div ", "\u00bd": r"{(1/2)}", "\u00bc": r"{(1/4)}",
    "\u00be": r"{(3/4)}", "\u2248": r" \approx ", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u03c3": r"\sigma ", "\u03b7": r"\eta ", "\u03b4": r"\delta ", "\u0394": r"\Delta ", "\u03b1": r"\alpha ",
    "\u03b8": r"\theta ", "\u03bb": r"\lambda ", "\u03b5": r"\epsilon ", "\u2202": r"\partial ",
    "\u2032": "'", "\u2019": "'", "\uff08": "(", "\uff09": ")",
}


_SUP_RUN = re.compile("[" + "".join(_SUP) + "]+")
_SUB_RUN = re.compile("[" + "".join(_SUB) + "]+")
_UNI_TABLE = str.maketrans(_UNI)


_MATH_ALNUM = re.compile("[\U0001D400-\U0001D7FF]")


def plain_letters(text: str) -> str:
    """``text`` with the letters and digits of Unicode's mathematical alphabets (𝑧, 𝐰, 𝟐, as text
    copied from a PDF has them) as the plain ones (NFKC), one character for one."""
    if text.isascii() or not _MATH_ALNUM.search(text):
        return text
    import unicodedata

    return _MATH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def normalise_unicode(tex: str) -> str:
    """Unicode operators, super- and subscript digits, ½ and Greek letters as LaTeX; the letters of
    the mathematical alphabets as plain ones (``plain_letters``)."""
    if tex.isascii():
        return tex
    tex = plain_letters(tex)
    tex = _SUP_RUN.sub(lambda m: "^{" + "".join(_SUP[c] for c in m.group(0)) + "}", tex)
    tex = _SUB_RUN.sub(lambda m: "_{" + "".join(_SUB[c] for c in m.group(0)) + "}", tex)
    return tex.translate(_UNI_TABLE)


# ---- tokens

_TOKEN = re.compile(
    r"(?P<space>\s+|\\[,;:! ]|~|&)"
    r"|(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<cmd>\\[A-Za-z]+|\\.)"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<op>\*\*|[-+*/^_()\[\]{}'|!,;:<>=.?\"#%$@`])"
    r"|(?P<other>.)", re.S)

_DROPPED = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
            "displaystyle", "textstyle", "quad", "qquad", "nonumber", "notag", "bf", "rm", "it", "limits",
            "middle", "enspace", "thinspace", "medspace", "thickspace", "negthinspace", "space"}
_FONT = {"text", "mathrm", "textrm", "operatorname", "textbf", "mathbf", "boldsymbol", "bm", "mathit",
         "textit", "mathsf", "mathtt", "texttt", "mbox", "mathcal", "mathbb", "pmb", "emph"}
_DECOR = {"hat", "bar", "tilde", "vec", "dot", "ddot", "overline", "widehat", "widetilde", "check", "breve"}
_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
    "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi",
    "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Sigma", "Phi", "Psi", "Omega", "Xi", "Pi",
    "varsigma", "varrho", "varpi", "ell",
}
_FUNCS = {"exp": math.exp, "ln": math.log, "log10": math.log10, "log2": math.log2, "sin": math.sin,
          "cos": math.cos, "tan": math.tan, "tanh": math.tanh, "sinh": math.sinh, "cosh": math.cosh,
          "sqrt": math.sqrt, "abs": abs}
_FUNC_CMDS = {"exp", "ln", "sin", "cos", "tan", "tanh", "sinh", "cosh", "log"}
_FUNC_WORDS = {"exp", "ln", "sin", "cos", "tan", "tanh", "sinh", "cosh", "log", "sqrt", "sigmoid"}
_REFUSED_HINT = {
    "cdots": "an elided term (\\cdots)", "ldots": "an elided term (\\ldots)", "dots": "an elided term (\\dots)",
    "vdots": "an elided term", "partial": "a derivative (\\partial) outside \\frac{\\partial …}{\\partial …}",
    "begin": "an environment (matrices and vectors are not evaluated)", "int": "an integral",
    "nabla": "a gradient (\\nabla)", "lim": "a limit", "prod": "a \\prod",
}
_DECORATION_SUP = re.compile(r"^(?:[+*'′]|\\prime|\\ast|\\star|\d*[+*]|\(\d+\)|\[\d+\]|\{\d+\}|new|old|T|\\top|"
                             r"\(\w+\)|\[\w+\])$")


@dataclass(slots=True)
class _Tok:
    kind: str     # num, cmd, word, op, end
    text: str
    pos: int


def _tokens(tex: str) -> list[_Tok]:
    toks: list[_Tok] = []
    num_end, grouped = -1, False     # where the last number token ends in ``tex``; whether it was joined by \,
    for m in _TOKEN.finditer(tex):
        kind = m.lastgroup
        text = m.group(0)
        if kind == "space":
            continue
        if kind == "other":
            raise LatexError(f"the character {text!r} is not supported here")
        if kind == "num":
            end = m.end()
            rest = tex[end:end + 2]
            # 1.5.2, 1e (an exponent without digits), 3,5 as a decimal comma is left to ","
            if rest[:1] == "." or (rest[:1].isdigit()):
                raise LatexError(f"malformed number {text + rest[:1]!r}…")
            if rest[:1] and rest[:1] in "eE" and rest[1:2] in ("+", "-"):
                raise LatexError(f"malformed number {text + rest!r} (an exponent without digits)")
            if text.endswith("."):
                raise LatexError(f"malformed number {text!r}")
            prev = toks[-1] if toks else None
            if (prev is not None and prev.kind == "cmd" and prev.text[1:] in _WIDE_CMDS and len(toks) >= 2
                    and toks[-2].kind == "num"):
                # "0.5 \quad 0.6": two numbers set apart (a list?), never their product
                raise LatexError(f"{toks[-2].text} {prev.text} {text}: two numbers set apart by a space, "
                                 "neither one number nor a product")
            if prev is not None and prev.kind == "num":
                # the gap is measured from where the previous number ends in the source (a joined
                # number is shorter than its source: 1\,000 is 1000)
                gap = tex[num_end:m.start()]
                joined = _joined_number(prev.text, gap, text, grouped)
                if joined is not None:     # TeX sets "2 3" as 23 and "1\,000" as 1 000
                    toks[-1] = _Tok("num", joined, prev.pos)
                    num_end, grouped = m.end(), not gap.isspace()
                    continue
            num_end, grouped = m.end(), False
        toks.append(_Tok(kind, text, m.start()))
        if len(toks) > MAX_TOKENS:
            raise LatexError(f"more than {MAX_TOKENS} symbols in one formula")
    toks.append(_Tok("end", "", len(tex)))
    return _without_labels(toks)


def _without_labels(toks: list[_Tok]) -> list[_Tok]:
    """The tokens without ``\\tag{…}``, ``\\tag*{…}`` and ``\\label{…}``: an equation's number or label
    prints beside it and takes no part in its value (``0.75 \\tag{1}`` is 0.75, and so is ``0.75 \\tag 1``
    at the end of a formula).  An unclosed group is left for the parser to refuse."""
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "cmd" and t.text in (r"\tag", r"\label"):
            j = i + 1
            if toks[j].kind == "op" and toks[j].text == "*":
                j += 1
            if toks[j].kind == "op" and toks[j].text == "{":
                depth = 0
                while toks[j].kind != "end":
                    if toks[j].kind == "op" and toks[j].text == "{":
                        depth += 1
                    elif toks[j].kind == "op" and toks[j].text == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                if toks[j].kind != "end":
                    i = j + 1
                    continue
            elif toks[j].kind == "num" and toks[j].text.isdigit() and toks[j + 1].kind == "end":
                # "\tag 1" without braces, ending the formula: TeX takes the next token as the number
                # (it was read as a factor 0, so 0.75 \tag 1 was 0)
                i = j + 1
                continue
        out.append(t)
        i += 1
    return out


_CLOSE = {"(": ")", "[": "]", "{": "}"}
_THIN = re.compile(r"(?:\\[,;: ]|~|\{,\}|\s)+")
_WIDE_CMDS = {"quad", "qquad", "enspace", "thickspace", "medspace", "space"}


def _joined_number(before: str, gap: str, after: str, grouped: bool = False) -> str | None:
    """Two numbers with only blanks between them are one number as TeX shows it (math mode ignores
    spaces): ``2 3`` is 23.  A thin space (``\\,``) between groups of three digits is a thousands
    separator (``1\\,000``).  Anything else that TeX would show as one odd number is refused."""
    if not gap:
        return None
    if gap.isspace():
        text = before + after
        if not re.fullmatch(r"\d+(?:\.\d+)?", text):
            raise LatexError(f"{before}{gap}{after!r}: TeX shows {text!r}, which is not a number")
        return text
    if _THIN.fullmatch(gap):
        if (re.fullmatch(r"\d{1,3}", before) or grouped and re.fullmatch(r"\d+", before)) \
                and re.fullmatch(r"\d{3}(?:\.\d+)?", after) or (
                re.fullmatch(r"\d+", before) and re.fullmatch(r"\d{3}(?:\.\d+)?", after) and len(before) % 3 == 0):
            return before + after
        if re.fullmatch(r"\d+(?:\.\d+)?", before) and re.fullmatch(r"\d+(?:\.\d+)?", after):
            raise LatexError(f"{before + gap + after!r}: digits apart, neither one number nor two")
    return None


class _Parser:
    """Recursive descent over the tokens of one side; builds the tree and its literal slots."""

    def __init__(self, tex: str):
        self.src = tex
        self.toks = _tokens(tex)
        self.i = 0
        self.depth = 0
        self.slots: list = []
        self.bound: dict[str, float] = {}    # \sum index variables
        self.sum_terms = 0                   # terms read by every \sum of the side, nested ones multiplied
        self.open_abs: list = []             # closers of the \| … \| groups being read
        self.notes: list[str] = []           # readings to report (\log as the natural logarithm)

    # -- helpers
    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def peek(self, k: int = 1) -> _Tok:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def next(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def skip_dropped(self) -> None:
        toks = self.toks
        while toks[self.i].kind == "cmd":
            text = toks[self.i].text
            if text[1:] in _DROPPED:
                self.i += 1
            elif text in (r"\text", r"\mbox", r"\textrm"):
                end = self._remark_end()
                if end is None:
                    return
                self.i = end
            else:
                return

    def _remark_end(self) -> int | None:
        """Where a remark set in text ends (``0.088 \\text{ nats}``, ``\\text{ (rounded)}``): a
        ``\\text{…}`` group at the end of the formula or of a group, with no digit, whose text has
        padding blanks or characters no name has; ``\\text{out}`` is a name.  None where the text
        here is not such a remark."""
        j = self.i + 1
        if not (self.toks[j].kind == "op" and self.toks[j].text == "{"):
            return None
        depth, k = 0, j
        while True:
            t = self.toks[k]
            if t.kind == "end":
                return None
            if t.kind == "op" and t.text == "{":
                depth += 1
            elif t.kind == "op" and t.text == "}":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        body = self.src[self.toks[j].pos + 1:self.toks[k].pos]
        if any(ch.isdigit() for ch in body) or not body.strip():
            return None
        after = self.toks[k + 1]
        if not (after.kind == "end" or after.kind == "op" and after.text in ")]}"):
            return None          # only a trailing remark is passed over: 0.5 \\text{ or } 0.6 is no product
        if body != body.strip() or re.search(r"[^A-Za-z0-9_ ]", body):
            return k + 1
        return None

    def is_op(self, *ops) -> bool:
        t = self.toks[self.i]
        if t.kind == "cmd":
            self.skip_dropped()
            t = self.toks[self.i]
        return t.kind == "op" and t.text in ops

    def expect(self, text: str) -> None:
        self.skip_dropped()
        if not (self.tok.kind == "op" and self.tok.text == text):
            got = self.tok.text or "the end"
            if got == ",":
                raise LatexError("a list or vector, not one number")
            raise LatexError(f"expected {text!r} but found {got!r}")
        self.i += 1

    def enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LatexError(f"nested more than {MAX_DEPTH} levels deep")

    def leave(self):
        self.depth -= 1

    def raw_group(self, split: bool = True) -> str:
        """The source text of a {…} group or of one token (for names and labels)."""
        self.skip_dropped()
        t = self.tok
        if t.kind == "op" and t.text == "{":
            depth = 0
            start = t.pos + 1
            while True:
                t = self.next()
                if t.kind == "end":
                    raise LatexError("unbalanced braces")
                if t.kind == "op" and t.text == "{":
                    depth += 1
                elif t.kind == "op" and t.text == "}":
                    depth -= 1
                    if depth == 0:
                        return self.src[start:t.pos]
        if t.kind == "end":
            raise LatexError("an argument is missing at the end")
        self.i += 1
        if t.kind == "num" and len(t.text) > 1 and split:
            # TeX takes one character: x_12 is x_1 followed by 2, x_.5 is x_. followed by 5
            rest = t.text[1:]
            if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", rest):
                raise LatexError(f"a sub- or superscript of one character followed by {rest!r}")
            self._insert_rest(rest, t.pos + 1)
            return t.text[:1]
        return t.text

    # -- grammar
    def parse(self):
        tree = self.expr()
        self.skip_dropped()
        if self.tok.kind != "end":
            t = self.tok
            if t.kind == "op" and t.text in ",;":
                raise LatexError("a list or vector, not one number" if t.text == "," else "a ';' inside a formula")
            raise LatexError(f"unexpected {t.text!r}")
        return tree

    def expr(self):
        self.enter()
        terms = [self.term()]
        while self.is_op("+", "-"):
            op = self.next().text
            t = self.term()
            terms.append(t if op == "+" else ["*", [["c", -1.0], t]])
        self.leave()
        return terms[0] if len(terms) == 1 else ["+", terms]

    def _starts_atom(self) -> bool:
        self.skip_dropped()
        t = self.tok
        if t.kind in ("num", "word"):
            return True
        if t.kind == "op":
            return t.text in ("(", "[", "{")
        if t.kind == "cmd":
            name = t.text[1:]
            if name in ("|", "lVert", "lvert", "vert", "Vert", "rvert", "rVert"):
                return not (self.open_abs and t.text in self.open_abs[-1]) and name not in ("rvert", "rVert")
            return name not in ("cdot", "times", "div", "ast", "approx", "to", "cdots", "ldots", "dots", "quad",
                                "qquad") and (name.isalpha() or name == "{")
        return False

    def term(self):
        factors = [self.unary()]
        while True:
            if self.is_op("*", "/"):
                op = self.next().text
                f = self.unary()
                factors.append(f if op == "*" else ["^", f, ["c", -1.0]])
            elif self.tok.kind == "cmd" and self.tok.text in (r"\cdot", r"\times", r"\ast"):
                self.i += 1
                factors.append(self.unary())
            elif self.tok.kind == "cmd" and self.tok.text == r"\div":
                self.i += 1
                factors.append(["^", self.unary(), ["c", -1.0]])
            elif self._starts_atom():
                factors.append(self.power())    # juxtaposition: 0.9(1 - 0.9), 2 w_1
            else:
                break
            if len(factors) > MAX_TERMS:
                raise LatexError(f"more than {MAX_TERMS} factors in one product")
        return factors[0] if len(factors) == 1 else ["*", factors]

    def unary(self):
        if self.is_op("-", "+"):
            op = self.next().text
            self.enter()
            u = self.unary()
            self.leave()
            return u if op == "+" else ["*", [["c", -1.0], u]]
        return self.power()

    def braced(self):
        """``{ expr }``: the expression inside a brace group (the current token is its ``{``)."""
        self.next()
        e = self.expr()
        self.expect("}")
        return e

    def exponent(self):
        self.skip_dropped()
        if self.is_op("{"):
            return self.braced()
        if self.is_op("-", "+"):    # e^-0.3775 (plain text)
            op = self.next().text
            a = self.power_base()
            return a if op == "+" else ["*", [["c", -1.0], a]]
        if self.tok.kind == "num" and len(self.tok.text) > 1 and self.src[self.tok.pos - 1:self.tok.pos] == "^":
            # TeX: x^23 is x² followed by 3, 2^1.5 is 2¹ followed by .5 -- refuse rather than guess
            raise LatexError(f"an exponent of several characters without braces (^{self.tok.text}): "
                             f"TeX raises only its first")
        return self.power_base()

    def power(self):
        self.enter()
        base = self.power_base()
        if self.is_op("^"):
            self.next()
            base = ["^", base, self.exponent()]
            if self.is_op("^"):
                raise LatexError("a double exponent (a^b^c) is ambiguous")
        self.leave()
        return base

    def power_base(self):
        self.skip_dropped()
        t = self.tok
        if t.kind == "num":
            self.i += 1
            lit = literal_number(t.text)
            self.slots.append(("lit", lit))
            return ["k", len(self.slots) - 1]
        if t.kind == "op" and t.text in ("(", "[", "{"):
            self.i += 1
            self.enter()
            inner = self.expr()
            self.expect(_CLOSE[t.text])
            self.leave()
            if t.text == "{" and inner[0] == "s" and (self.is_op("_") or self.is_op("^")):
                name, _ = self._name_suffix(inner[1])    # { out }_{h 1}: a name set in a group
                return self.maybe_call(name)
            return inner
        if t.kind == "op" and t.text == "|":
            self.i += 1
            inner = self.expr()
            self.expect("|")
            return ["f", "abs", [inner]]
        if t.kind == "cmd" and t.text in ("\\|", "\\lVert", "\\lvert", "\\vert", "\\Vert"):
            self.i += 1
            closer = {"\\|": ("\\|",), "\\lVert": ("\\rVert",), "\\lvert": ("\\rvert",),
                      "\\vert": ("\\vert",), "\\Vert": ("\\Vert",)}[t.text]
            self.open_abs.append(closer)
            inner = self.expr()
            self.open_abs.pop()
            self.skip_dropped()
            if not (self.tok.kind == "cmd" and self.tok.text in closer):
                raise LatexError(f"{t.text} … is not closed")
            self.i += 1
            return ["f", "abs", [inner]]
        if t.kind == "cmd":
            return self.command()
        if t.kind == "word":
            return self.word()
        if t.kind == "end":
            raise LatexError("an operand is missing at the end")
        raise LatexError(f"unexpected {t.text!r}")

    # -- names
    def _name_suffix(self, base: str) -> tuple[str, bool]:
        """Subscripts, primes and decorating superscripts (w_5^+, w^{(2)}) of a name."""
        name = base
        while True:
            self.skip_dropped()
            if self.is_op("_"):
                self.next()
                sub = self.raw_group()
                if sub.strip() in _SUB_FONTS and self.is_op("{"):
                    sub = self.raw_group()          # \pi_\text{ref}: the font's group is the subscript
                name += "_" + _clean_label(sub)
            elif self.is_op("'"):
                self.next()
                name += "'"
            elif self.is_op("^"):
                save = self.i
                self.next()
                sup = self.raw_group().strip()
                if _DECORATION_SUP.match(sup.replace(" ", "")):
                    name += "^" + _clean_label(sup)
                else:
                    self.i = save
                    break
            elif self.is_op("+") and self.src[self.tok.pos - 1:self.tok.pos].isalnum() and self._plus_is_decoration():
                self.next()      # plain text w6+ = …: the updated weight
                name += "^+"
            else:
                break
        return name, True

    def _plus_is_decoration(self) -> bool:
        nxt = self.peek()
        return nxt.kind == "end" or (nxt.kind == "op" and nxt.text in ("=", ")", ",", ";"))

    def word(self):
        t = self.next()
        w = t.text
        if self._bracket_index(t):
            # dW[4], A[2]: a layer written in brackets right after the name (Andrew Ng's notes): one name,
            # its own (not W_4, nor W^{[4]}, which an article may use for something else)
            w += "[" + self.toks[self.i + 1].text + "]"
            self.i += 3
            name, _ = self._name_suffix(w)
            return self.maybe_call(name)
        # letters then digits: w6, x1, out_h1 (plain text names)
        if self.tok.kind == "num" and self.tok.pos == t.pos + len(w) and re.fullmatch(r"\d+", self.tok.text):
            w = w + "_" + self.next().text
        if w in _FUNC_WORDS and self.is_op("("):
            return self.function(w)
        if w in ("max", "min") and self.is_op("("):
            return self.extremum(w)      # plain text max(0, z)
        if w == "e" and not (self.is_op("_") or self.is_op("'")):
            return ["c", math.e, "e"]
        name, _ = self._name_suffix(w)
        return self.maybe_call(name)

    def _bracket_index(self, word: _Tok) -> bool:
        """Is ``word`` followed, with no space, by a whole number in square brackets (``W[4]``)?  Not a
        list (``x[1, 2]``), not after a space (``W [4]``), not a letter inside (``f[x]``)."""
        toks, i = self.toks, self.i
        return (toks[i].kind == "op" and toks[i].text == "[" and toks[i].pos == word.pos + len(word.text)
                and toks[i + 1].kind == "num" and toks[i + 1].text.isdigit()
                and toks[i + 2].kind == "op" and toks[i + 2].text == "]")

    def _conditional_args(self) -> str | None:
        """At ``(``: the source up to its matching ``)`` where a ``|`` or ``\\mid`` stands at its top
        level (``P(y|x)``, ``\\pi_\\theta(y_w|x)``: a conditional probability, one quantity), else None."""
        depth, bars = 0, 0
        for k in range(self.i, min(len(self.toks), self.i + 400)):
            t = self.toks[k]
            if t.kind == "end":
                return None
            if t.text in ("(", "[", "{"):
                depth += 1
            elif t.text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    if bars != 1:          # f(|x|): bars in pairs are an absolute value
                        return None
                    src = self.src[self.tok.pos:t.pos + 1]
                    self.i = k + 1
                    return src
            elif depth == 1 and t.text in ("\\mid",):
                bars = 1 if bars == 0 else bars
            elif depth == 1 and t.text in ("|", "\\vert"):
                bars += 1
        return None

    def maybe_call(self, name: str):
        if self.is_op("(") and name not in self.bound:
            cond = self._conditional_args()
            if cond is not None:
                return ["s", _opaque(name + cond)]       # P(y|x): a name, not a call nor a product
            self.next()
            self.enter()
            arg = self.expr()
            self.expect(")")
            self.leave()
            # a(1 - a): a product where a has a value, f(x) a function where it has none
            return ["call", name, arg]
        if name in self.bound:
            return ["c", self.bound[name]]
        return ["s", name]

    def extremum(self, fname: str):
        r"""``\max(a, b, …)`` / ``\min(a, b, …)`` of two or more arguments in parentheses (or ``\{ … \}``):
        the largest / smallest of their values.  ``\max_{i}`` (over an index) and ``\max`` without
        parentheses (of what?) are refused, and so is one argument (the largest element of a vector?)."""
        self.skip_dropped()
        if self.is_op("_"):
            raise LatexError(f"a \\{fname} over an index (\\{fname}_{{…}}) is not evaluated")
        t = self.tok
        if t.kind == "op" and t.text == "(":
            closer = ")"
        elif t.kind == "cmd" and t.text == "\\{":
            closer = "\\}"
        else:
            raise LatexError(f"a \\{fname} without parentheses (of what?) is not evaluated")
        self.i += 1
        self.enter()
        args = [self.expr()]
        while self.is_op(","):
            self.i += 1
            args.append(self.expr())
            if len(args) > MAX_TERMS:
                raise LatexError(f"more than {MAX_TERMS} arguments of one \\{fname}")
        self.skip_dropped()
        if closer == ")":
            self.expect(")")
        elif self.tok.kind == "cmd" and self.tok.text == closer:
            self.i += 1
        else:
            raise LatexError(f"\\{fname}\\{{ … is not closed by \\}}")
        self.leave()
        if len(args) < 2:
            raise LatexError(f"a \\{fname} of one argument (its largest or smallest element?) is not evaluated")
        return ["f", fname, args]

    def function(self, fname: str, base=None):
        self.enter()
        if fname == "log":
            if base is None:
                self.notes.append("log read as the natural logarithm")
                base = "e"
            fname = {"10": "log10", "2": "log2", "e": "ln"}.get(base)
            if fname is None:
                raise LatexError(f"\\log with base {base!r} is not supported")
        self.skip_dropped()
        if self.is_op("(", "[", "{"):
            arg = self.power_base()
        else:
            arg = self.power()
        self.leave()
        if fname == "sigmoid":
            return ["f", "sigmoid", [arg]]
        return ["f", fname, [arg]]

    def command(self):
        t = self.next()
        name = t.text[1:]
        if name in _DROPPED:
            return self.power_base()
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            num_src, den_src = self._peek_groups(2)
            if num_src is not None and _is_derivative(num_src, den_src):
                self.raw_group()
                self.raw_group()
                return ["s", _opaque(r"\frac{%s}{%s}" % (num_src, den_src))]
            self.enter()
            num = self.group_expr()
            den = self.group_expr()
            self.leave()
            return ["*", [num, ["^", den, ["c", -1.0]]]]
        if name == "sqrt":
            if self.is_op("["):
                self.next()
                n = self.expr()
                self.expect("]")
                return ["^", self.group_expr(), ["^", n, ["c", -1.0]]]
            return ["f", "sqrt", [self.group_expr()]]
        if name in _FUNC_CMDS:
            base = None
            if name == "log" and self.is_op("_"):
                self.next()
                base = self.raw_group().strip()
            return self.function(name, base)
        if name in _FONT:
            save = self.i
            raw = self.raw_group()
            label = _clean_label(raw)
            if name in ("text", "mbox", "textrm") and raw != raw.strip() and not any(c.isdigit() for c in raw):
                raise LatexError(f"text inside the formula ({raw.strip()!r})")    # \text{ or }: words, no name
            if NUMBER_RE.fullmatch(label.lstrip("+-")) or (label and label.lstrip("+-")[:1].isdigit()):
                # \boldsymbol{3}, \text{0.5}: a number set in a font is the number
                self.i = save
                return self.group_expr()
            if not label or not re.fullmatch(r"[A-Za-z][\w ]*|[A-Za-z]+_?\w*", label):
                raise LatexError(f"text inside the formula ({label!r})")
            if label in ("max", "min") and (self.is_op("(") or self.tok.text == "\\{"):
                return self.extremum(label)          # \operatorname{max}(0, z)
            name_, _ = self._name_suffix(label.replace(" ", ""))
            return self.maybe_call(name_)
        if name in _DECOR:
            arg = self.raw_group()
            if name in ("overline", "bar", "dot") and arg.strip().isdigit():
                # 0.1\overline{6}: a repeating decimal (or a digit marked otherwise), never a name
                raise LatexError(f"\\{name}{{{arg}}}: a repeating decimal (or a marked digit) is not read")
            name_, _ = self._name_suffix(r"\%s{%s}" % (name, _opaque(arg)))
            return self.maybe_call(name_)
        if name in _GREEK:
            name_, _ = self._name_suffix(name)
            if name == "sigma" and name_ == "sigma" and self.is_op("("):
                return self.function("sigmoid")
            return self.maybe_call(name_)
        if name == "pi":
            if self.is_op("_"):       # \pi_\theta: a name (a policy, a probability), never the constant
                name_, _ = self._name_suffix(name)
                return self.maybe_call(name_)
            return ["c", math.pi]
        if name == "sum":
            return self.sum()
        if name in ("tag", "label"):
            # \tag{…} and \label{…}, and \tag 1 ending a formula, are gone before parsing
            # (_without_labels); any other form is refused, never read as a factor
            raise LatexError(f"\\{name} without a closed {{…}} after it: an equation number or label the audit cannot set apart")
        if name in ("max", "min"):
            return self.extremum(name)
        if name in ("{", "}"):
            raise LatexError("braces \\{ \\} (a set), not one number")
        if name == "begin":
            env = self.raw_group()
            raise LatexError(f"a {env} environment (matrices and vectors are not evaluated)")
        if name in _REFUSED_HINT:
            raise LatexError(_REFUSED_HINT[name] + " is not evaluated")
        raise LatexError(f"\\{name} is not supported")

    def _peek_groups(self, k: int):
        save = self.i
        try:
            out = [self.raw_group(split=False) for _ in range(k)]
        except LatexError:
            out = [None] * k
        self.i = save
        return out

    def _insert_rest(self, rest: str, pos: int) -> None:
        """The rest of a number TeX reads one character of (``\\frac12``, ``x_12``) as the next token,
        once: a second reading of the same tokens (the body of a ``\\sum``, read once per term, or a
        reading tried and undone) finds it there already (``\\sum_{i=1}^{2} \\frac12`` was 3/2)."""
        nxt = self.toks[self.i]
        if not (nxt.kind == "num" and nxt.pos == pos and nxt.text == rest):
            self.toks.insert(self.i, _Tok("num", rest, pos))

    def group_expr(self):
        self.skip_dropped()
        if self.is_op("{"):
            return self.braced()
        t = self.tok
        if t.kind == "num":      # \frac12
            self.i += 1
            digits = t.text
            if not digits.isdigit():
                raise LatexError(f"\\frac followed by {digits!r} without braces")
            self.slots.append(("lit", literal_number(digits[0])))
            if len(digits) > 1:
                self._insert_rest(digits[1:], t.pos + 1)
            return ["k", len(self.slots) - 1]
        return self.power_base()

    def sum(self):
        r"""``\sum_{i=1}^{3} body``: evaluated term by term when the bounds are whole numbers."""
        if not self.is_op("_"):
            raise LatexError(r"a \sum without numeric bounds is not evaluated")
        self.next()
        lower = self.raw_group()
        if not self.is_op("^"):
            raise LatexError(r"a \sum without an upper bound is not evaluated")
        self.next()
        upper = self.raw_group().strip()
        m = re.fullmatch(r"\s*([A-Za-z])\s*=\s*(\d+)\s*", lower)
        if not m or not upper.isdigit():
            raise LatexError(r"a \sum whose bounds are not whole numbers is not evaluated")
        var, lo, hi = m.group(1), int(m.group(2)), int(upper)
        if hi - lo + 1 > MAX_SUM_TERMS:
            raise LatexError(rf"a \sum of more than {MAX_SUM_TERMS} terms")
        start = self.i
        terms = []
        for k in range(lo, hi + 1):
            self.i = start
            self.bound[var] = float(k)
            terms.append(self.term())
            # nested sums multiply their terms (\sum_{i=1}^{1000}\sum_{j=1}^{1000}: a million): stop as
            # soon as the side holds more numbers, or more terms, than a side may (refused either way)
            self.sum_terms += 1
            if len(self.slots) > MAX_TERMS:
                raise LatexError(f"more than {MAX_TERMS} numbers in one side")
            if self.sum_terms > MAX_SUM_EXPANSION:
                raise LatexError(rf"nested \sum of more than {MAX_SUM_EXPANSION} terms in all")
        self.bound.pop(var, None)
        return ["+", terms] if terms else ["c", 0.0]


def _clean_label(text: str) -> str:
    """A subscript or text label as part of a name: ``{\\text{out}}`` -> ``out``, ``{h 1}`` -> ``h1``."""
    text = re.sub(r"\\(?:text|mathrm|operatorname|textrm|mathit|mathbf|boldsymbol|bm|rm|bf)\s*", "", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    return re.sub(r"[\s{}]", "", text)


_SUB_FONTS = {"\\text", "\\mathrm", "\\rm", "\\textrm", "\\mathit", "\\mathbf", "\\mathsf", "\\operatorname",
              "\\textit", "\\textbf"}


def _opaque(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*([{}_^])\s*", r"\1", text)


_DERIV = re.compile(r"^\s*(\\partial|\\mathrm\{d\}|d(?=\s*[A-Za-z\\]))")


def _is_derivative(num: str, den: str | None) -> bool:
    if den is None:
        return False
    a, b = _DERIV.match(num), _DERIV.match(den)
    if bool(a) != bool(b) and "\\partial" in (num + den):
        raise LatexError(r"a \partial over something that is not a \partial")
    return bool(a and b)


# ---- sides

_EVAL_FUNCS = dict(_FUNCS, sigmoid=lambda z: 1.0 / (1.0 + math.exp(-z)) if z >= -700 else 0.0,
                   max=max, min=min)       # \max(a, b, …): of two or more arguments (the parser's extremum)


class Side:
    """One parsed side of an equation, ready to evaluate many times (for rounding bounds).

    ``slots`` are the printed numbers in reading order, each ``("lit", Literal)``;
    ``names`` the names it needs (``z_1``, ``out_h1``, ``\\hat{y}``); ``calls`` the names
    written before a parenthesis (a product where the name has a value, a function where not).
    """

    def __init__(self, tex: str):
        self.tex = tex
        src = normalise_unicode(tex)
        if not src.strip():
            raise LatexError("empty expression")
        p = _Parser(src)
        self.tree = p.parse()
        self.slots = tuple(p.slots)
        self.notes = tuple(dict.fromkeys(p.notes))
        names: set[str] = set()
        calls: set[str] = set()
        funcs: set[str] = set()
        self._collect(self.tree, names, calls, funcs)
        self.names = names
        self.calls = calls
        self.functions = funcs
        self._uses_e: bool | None = None

    def _collect(self, t, names, calls, funcs):
        stack = [t]
        while stack:
            t = stack.pop()
            tag = t[0]
            if tag == "s":
                names.add(t[1])
            elif tag == "call":
                calls.add(t[1])
                stack.append(t[2])
            elif tag in ("+", "*"):
                stack.extend(t[1])
            elif tag == "f":
                funcs.add(t[1])
                stack.extend(t[2])
            elif tag == "^":
                stack.append(t[1])
                stack.append(t[2])

    @property
    def uses_e(self) -> bool:
        """Does the side use the letter e (taken as Euler's number)?"""
        if self._uses_e is None:
            # a node (or list) of the tree whose last item is the string "e": Euler's constant ["c", e, "e"]
            # or the name ["s", "e"] (what '"e"]' in json.dumps(tree) finds, without writing the tree out)
            found, stack = False, [self.tree]
            while stack and not found:
                x = stack.pop()
                found = bool(x) and isinstance(x[-1], str) and x[-1] == "e"
                stack.extend(y for y in x if isinstance(y, (list, tuple)))
            self._uses_e = found
        return self._uses_e

    @property
    def e_kinds(self) -> frozenset:
        """How the letter e is used: ``"bare"`` (2e, e·x: a quantity named e), ``"whole-power"``
        (e^2: the square of a quantity e, or Euler's number squared), ``"euler"`` (e^{-z}, e^{0.5}:
        Euler's number; an error e is not raised to such powers)."""
        kinds: set[str] = set()
        stack = [(self.tree, False)]
        while stack:
            t, is_base = stack.pop()
            tag = t[0]
            if tag == "c" and len(t) > 2 and t[2] == "e" and not is_base:
                kinds.add("bare")
            elif tag == "^":
                b, ex = t[1], t[2]
                if b[0] == "c" and len(b) > 2 and b[2] == "e":
                    whole = ex[0] == "k" and self.slots[ex[1]][1].whole
                    kinds.add("whole-power" if whole else "euler")
                    stack.append((b, True))
                else:
                    stack.append((b, False))
                stack.append((ex, False))
            elif tag in ("+", "*"):
                stack.extend((a, False) for a in t[1])
            elif tag == "f":
                stack.extend((a, False) for a in t[2])
            elif tag == "call":
                stack.append((t[2], False))
        return frozenset(kinds)

    def with_named_e(self) -> Side:
        """The same side with every letter e read as the name ``e`` (a quantity the article defined)."""
        import copy

        def conv(t):
            tag = t[0]
            if tag == "c" and len(t) > 2 and t[2] == "e":
                return ["s", "e"]
            if tag in ("+", "*"):
                return [tag, [conv(a) for a in t[1]]]
            if tag == "^":
                return ["^", conv(t[1]), conv(t[2])]
            if tag == "f":
                return ["f", t[1], [conv(a) for a in t[2]]]
            if tag == "call":
                return ["call", t[1], conv(t[2])]
            return t

        other = copy.copy(self)
        other.tree = conv(self.tree)
        other.names = set(self.names) | {"e"}
        other._uses_e = False
        return other

    @property
    def lone_e(self) -> bool:
        """The side is just ``e``: a name (an error e = y - t), not Euler's number."""
        return self.tree == ["c", math.e, "e"]

    @property
    def uses_sigmoid(self) -> bool:
        return "sigmoid" in self.functions

    @property
    def literals(self) -> list[Literal]:
        return [item for kind, item in self.slots if kind == "lit"]

    def unresolved(self, values: dict) -> list[str]:
        missing = {n for n in self.names if n not in values}
        missing |= {f"{c}(…)" for c in self.calls if c not in values}
        return sorted(missing)

    def value(self, lit_values: dict[int, float], sym_values) -> float:
        """Evaluate: ``lit_values`` slot -> value, ``sym_values(name, occurrence)`` -> value."""
        counter = [0]

        def fin(x):
            if isinstance(x, complex):
                raise ValueError("not a real number")
            if not math.isfinite(x):
                raise OverflowError("too large for a float")
            return x

        def ev(t):
            tag = t[0]
            if tag == "c":
                return t[1]
            if tag == "k":
                return lit_values.get(t[1], self.slots[t[1]][1].value)
            if tag == "s":
                counter[0] += 1
                return sym_values(t[1], counter[0])
            if tag == "call":
                counter[0] += 1
                return fin(sym_values(t[1], counter[0]) * ev(t[2]))
            if tag == "+":
                return fin(math.fsum(ev(a) for a in t[1]))
            if tag == "*":
                r = 1.0
                for a in t[1]:
                    r = fin(r * ev(a))
                return r
            if tag == "^":
                b, e = ev(t[1]), ev(t[2])
                if b == 0 and e < 0:
                    raise ZeroDivisionError("division by zero")
                return fin(b ** e)
            if tag == "f":
                return fin(_EVAL_FUNCS[t[1]](*[ev(a) for a in t[2]]))
            raise ValueError(f"{t[1]}(…) has no value")

        return float(ev(self.tree))

    def exact(self, sym_values, nodes: list | None = None) -> tuple[Fraction, Fraction]:
        """The value with every printed number and every remembered value taken exactly.

        ``sym_values(name)`` gives a name's value as a :class:`~fractions.Fraction`.  Returns
        ``(value, error)``, both fractions: where the formula is rational (+ − × ÷, whole powers) the
        value is exact and ``error`` is 0, so ``0.1 + 0.2`` is 3/10 and ``2^{53} + 1`` is odd; where it
        needs a transcendental function (exp, ln, σ, a root, e, π) it is computed by mpmath with
        ``EXACT_DIGITS`` significant digits and ``error`` bounds its rounding: every operation
        errs by at most one unit in the 50th digit of the largest magnitude met, and a formula has
        at most ``MAX_TOKENS`` operations, so ``error`` = largest magnitude × 10^-40 is safe by
        a factor of more than 10^5.  ``nodes`` (a list) receives the value of every sub-formula,
        the material of the audit's provenance rule for numbers printed within a chain.
        """
        try:
            return _exact_rational(self, sym_values, nodes), Fraction(0)
        except _NotRational:
            if nodes is not None:
                nodes.clear()
            return _exact_mp(self, sym_values, nodes)


EXACT_DIGITS = 50
_MAX_BITS = 200_000       # a rational value larger than this many bits is computed by mpmath instead


class _NotRational(Exception):
    pass


_CONSTANTS: dict[float, Fraction] = {}     # the constants of parsed sides (-1, bounds of sums) as fractions


def _exact_rational(side: Side, sym_values, nodes) -> Fraction:
    addends: dict[int, list[Fraction]] = {}      # id of a sum node -> its terms' values (for nodes)

    def ev(t):
        tag = t[0]
        if tag == "c":
            if len(t) > 2 and t[2] == "e" or t[1] == math.pi:
                raise _NotRational
            v = _CONSTANTS.get(t[1])
            if v is None:
                v = _CONSTANTS[t[1]] = Fraction(t[1])
        elif tag == "k":
            v = side.slots[t[1]][1].exact
        elif tag == "s":
            v = sym_values(t[1])
        elif tag == "call":
            v = sym_values(t[1]) * ev(t[2])
        elif tag == "+":
            terms = [ev(a) for a in t[1]]
            v = sum(terms, Fraction(0))
            if nodes is not None:
                addends[id(t)] = terms
        elif tag == "*":
            v = Fraction(1)
            factors = []
            for a in t[1]:
                f = ev(a)
                factors.append(f)
                v *= f
                if v.numerator.bit_length() + v.denominator.bit_length() > _MAX_BITS:
                    raise _NotRational
            if nodes is not None:
                # a product with a sum in it, distributed: each term times the other factors is a part
                # too (\frac{(a-t)^2 + (b-u)^2}{2} worked out as a²/2 + b²/2, then rounded term by term)
                for i, a in enumerate(t[1]):
                    terms = addends.get(id(a)) if a[0] == "+" else None
                    if terms and len(terms) <= 16:
                        rest = Fraction(1)
                        for k, f in enumerate(factors):
                            if k != i:
                                rest *= f
                        nodes.extend(term * rest for term in terms)
        elif tag == "^":
            if t[1][0] == "c" and len(t[1]) > 2 and t[1][2] == "e":
                # e^{…}: exactly 1 where the exponent is exactly 0 (e^0 = 1, so 1/(1+e^0) is 1/2)
                if ev(t[2]) != 0:
                    raise _NotRational
                v = Fraction(1)
                if nodes is not None:
                    nodes.append(v)
                return v
            b, e = ev(t[1]), ev(t[2])
            if e.denominator != 1 or abs(e.numerator) > 100_000:
                raise _NotRational
            if (b.numerator.bit_length() + b.denominator.bit_length()) * abs(e.numerator) > _MAX_BITS:
                raise _NotRational
            if b == 0 and e < 0:
                raise ZeroDivisionError("division by zero")
            v = b ** int(e)
        elif tag == "f":
            if t[1] == "abs":
                v = abs(ev(t[2][0]))
            elif t[1] in ("max", "min"):
                args = [ev(a) for a in t[2]]
                v = max(args) if t[1] == "max" else min(args)
            elif t[1] in _EXACT_AT or t[1] == "sqrt":
                v = _exact_special(t[1], [ev(a) for a in t[2]])
            else:
                raise _NotRational
        else:
            raise ValueError(f"{t[1]}(…) has no value")
        if nodes is not None:
            nodes.append(v)
        return v

    return ev(side.tree)


#: the transcendental functions at the rational points where their value is rational:
#: function -> {argument: value}
_EXACT_AT = {"exp": {Fraction(0): Fraction(1)}, "ln": {Fraction(1): Fraction(0)},
             "sin": {Fraction(0): Fraction(0)}, "tan": {Fraction(0): Fraction(0)},
             "tanh": {Fraction(0): Fraction(0)}, "sinh": {Fraction(0): Fraction(0)},
             "cos": {Fraction(0): Fraction(1)}, "cosh": {Fraction(0): Fraction(1)},
             "sigmoid": {Fraction(0): Fraction(1, 2)}, "log10": {}, "log2": {}}


def _exact_special(fname: str, args: list[Fraction]) -> Fraction:
    """A function's value where it is rational at a rational argument (exp(0) = 1, ln(1) = 0,
    σ(0) = 1/2, √(9/4) = 3/2, log₁₀(1000) = 3, log₂(1/8) = -3); else :class:`_NotRational`."""
    if len(args) != 1:
        raise _NotRational
    x = args[0]
    if fname == "sqrt":
        if x < 0:
            raise _NotRational
        n, d = math.isqrt(x.numerator), math.isqrt(x.denominator)
        if n * n != x.numerator or d * d != x.denominator:
            raise _NotRational
        return Fraction(n, d)
    if fname in ("log10", "log2") and x > 0:
        base = 10 if fname == "log10" else 2
        for q, sign in ((x, 1), (1 / x, -1)):
            if q.denominator == 1 and q.numerator.bit_length() <= 4096:
                k, m = 0, q.numerator
                while m > 1 and m % base == 0:
                    m //= base
                    k += 1
                if m == 1:
                    return Fraction(sign * k)
        raise _NotRational
    hit = _EXACT_AT.get(fname, {}).get(x)
    if hit is None:
        raise _NotRational
    return hit


_MP = None


def _mp():
    global _MP
    if _MP is None:
        import mpmath

        _MP = mpmath.MPContext()
        _MP.dps = EXACT_DIGITS
    return _MP


def _mpf_fraction(x) -> Fraction:
    """An mpmath number as the fraction it is exactly (its binary mantissa and exponent)."""
    sign, man, exp, _ = x._mpf_
    v = Fraction(int(man)) * (Fraction(2) ** int(exp))
    return -v if sign else v


def _exact_mp(side: Side, sym_values, nodes) -> tuple[Fraction, Fraction]:
    mp = _mp()
    biggest = [mp.mpf(0)]
    funcs = {"exp": mp.exp, "ln": mp.ln, "log10": mp.log10, "log2": lambda u: mp.log(u, 2), "sin": mp.sin,
             "cos": mp.cos, "tan": mp.tan, "tanh": mp.tanh, "sinh": mp.sinh, "cosh": mp.cosh,
             "sqrt": mp.sqrt, "abs": abs, "sigmoid": lambda u: 1 / (1 + mp.exp(-u)),
             "max": lambda *a: max(a), "min": lambda *a: min(a)}

    def frac(q: Fraction):
        return mp.mpf(q.numerator) / q.denominator

    def ev(t):
        tag = t[0]
        if tag == "c":
            v = mp.e if len(t) > 2 and t[2] == "e" else mp.pi if t[1] == math.pi else mp.mpf(t[1])
        elif tag == "k":
            v = frac(side.slots[t[1]][1].exact)
        elif tag == "s":
            v = frac(sym_values(t[1]))
        elif tag == "call":
            v = frac(sym_values(t[1])) * ev(t[2])
        elif tag == "+":
            v = mp.fsum(ev(a) for a in t[1])
        elif tag == "*":
            v = mp.mpf(1)
            for a in t[1]:
                v *= ev(a)
        elif tag == "^":
            b, e = ev(t[1]), ev(t[2])
            if b == 0 and e < 0:
                raise ZeroDivisionError("division by zero")
            v = mp.power(b, e)
        elif tag == "f":
            if t[1] not in funcs:
                raise ValueError(f"{t[1]}(…) has no value")
            v = funcs[t[1]](*[ev(a) for a in t[2]])
        else:
            raise ValueError(f"{t[1]}(…) has no value")
        if isinstance(v, mp.mpc) or not mp.isfinite(v):
            raise ValueError("not a finite real number")
        biggest[0] = max(biggest[0], abs(v))
        if nodes is not None:    # a printed number or a name: its exact value
            nodes.append(side.slots[t[1]][1].exact if tag == "k" else sym_values(t[1]) if tag == "s" else v)
        return v

    value = ev(side.tree)
    if nodes is not None:
        nodes[:] = [v if isinstance(v, Fraction) else _mpf_fraction(v) for v in nodes]
    return _mpf_fraction(value), _mpf_fraction(biggest[0]) * Fraction(1, 10 ** 40)


@lru_cache(maxsize=8192)
def compile_side(tex: str) -> Side:
    """Parse one side of an equation (cached in memory); raises :class:`LatexError` with the reason."""
    if len(tex) > 200_000:
        raise LatexError("a formula of more than 200 000 characters")
    return Side(tex)
