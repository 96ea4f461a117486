"""Checking gradient formulas against ``sympy.diff``: the machinery of the derivation chapters.

A *gradient formula* is anything that claims to give ∂L/∂θ for the parameters θ of a
network: the four equations of backpropagation (BP1–BP4), an article's
``∂L/∂W = O^(l) (O^(l-1))ᵀ``, a chain rule written for one weight.  Each is written as
a *builder*: a function ``build(net, x, t, loss)`` that returns a dict mapping parameter
symbols of a :class:`~bpnn.symbolic.SymbolicNetwork` to sympy expressions.
:func:`compare_gradients` then differentiates the loss with ``sympy.diff`` (the
independent reference; it never uses the formula) and compares the two

* at several exact random Rational points (parameters drawn as fractions; both sides
  evaluated to 50 significant digits, they must agree to 1e-30), and
* optionally symbolically: :func:`is_identically_zero` must prove ``formula − diff`` zero for every
  parameter.

A formula that raises (a matrix product whose shapes do not fit) is reported as such:
the formula is then not even defined.  The four equations are in :data:`BP` (an
:class:`Equations`), and perturbed versions are made with :func:`dataclasses.replace`,
so the same checking function judges the right equations and the wrong ones.

Conventions are the engine's (:mod:`bpnn.network`, :mod:`bpnn.losses`): ``W[l]`` is
(n_l × n_{l-1}), samples are columns, BP3 sums over the samples of a batch.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import lru_cache
from math import gcd
from typing import Callable

import mpmath
import sympy as sp

from ..errors import BpnnError
from ..symbolic import SymbolicNetwork, activation, activation_expr, loss_expr
from .i18n import T, Text, check_lang
from .session import shared_result

__all__ = [
    "derivative_expr", "loss_grad_expr", "activation_backprop", "Equations", "BP", "PERTURBATIONS",
    "bp_gradients", "check_equations", "compare_gradients", "GradientCheck", "rational_point", "gradient_dict",
    "evaluate_at", "is_identically_zero", "chain_rule_gradients", "article_004_grad_W", "article_004_grad_b",
    "corrected_004", "step_direction", "StepCheck", "engine_sgd_agrees", "engine_gradient_error",
    "check_loss_formula", "check_forward_formula", "neuronwise_layer", "replace",
    "CHAPTER_NETWORKS", "check_networks", "networks_glue", "networks_markdown", "fused_checks",
    "PERTURBATION_NETWORKS", "perturbation_checks", "perturbations_markdown", "backward_lines_markdown",
]


def _in(text, lang: str) -> str:
    """``text`` in ``lang``: the Chinese twin of a :class:`~bpnn.articles.i18n.Text`; any other
    string (a label a caller wrote in one language) as it is."""
    return text.zh if check_lang(lang) == "zh" and isinstance(text, Text) else str(text)



# ---------------------------------------------------------------- closed forms

def _expr(value) -> sp.Expr:
    """A sympy expression from a sympy object or a Python number; text is refused (never parsed here)."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BpnnError(f"expected a sympy expression or a number, got {type(value).__name__}")
    return sp.Integer(value) if isinstance(value, int) else sp.Float(value)


def _exact_data(net: SymbolicNetwork, m: int, loss: str, seed: int, x=None, t=None):
    """Seeded exact (Rational) inputs and targets for a batch of m samples, unless given.

    Targets suit the output: one-hot columns for softmax, values in (0, 1) for
    sigmoid or bce, anything else otherwise.
    """
    rng = random.Random(seed + 7)
    n0, nL = net.sizes[0], net.sizes[-1]
    if x is None:
        x = sp.Matrix(n0, m, lambda i, j: sp.Rational(rng.randint(-9, 9) or 1, 5))
    if t is None:
        out = net.activations[-1]
        if out == "softmax":
            t = sp.zeros(nL, m)
            for j in range(m):
                t[rng.randrange(nL), j] = 1
        elif out == "sigmoid" or loss == "bce":
            t = sp.Matrix(nL, m, lambda i, j: sp.Rational(rng.randint(1, 9), 10))
        else:
            t = sp.Matrix(nL, m, lambda i, j: sp.Rational(rng.randint(-9, 9), 5))
    return x, t

def derivative_expr(name: str, z: sp.Matrix) -> sp.Matrix:
    """f'(z) elementwise, in the activation's closed form (σ(1−σ), 1 − tanh², step, 1); not for softmax."""
    return activation(name).derivative_expr(z)


def loss_grad_expr(name: str, a: sp.Matrix, t: sp.Matrix) -> sp.Matrix:
    """∇_a L in the loss's closed form, with the reductions of :mod:`bpnn.losses`."""
    from ..losses import LOSSES

    if name not in LOSSES:
        raise BpnnError(f"unknown loss {name!r}")
    return LOSSES[name].grad_expr(a, t)


def activation_backprop(name: str, z: sp.Matrix, a: sp.Matrix, g: sp.Matrix) -> sp.Matrix:
    """(∂a/∂z)ᵀ g: g ⊙ f'(z) for elementwise f; for softmax, column by column a_i (g_i − Σ_k a_k g_k)."""
    return activation(name).backprop_expr(z, a, g)


# ---------------------------------------------------------------- BP1–BP4
def _bp1(loss, act, z, a, t):
    """BP1: δ^L = (∂a^L/∂z^L)ᵀ ∇_a L  (= ∇_a L ⊙ f'(z^L) for an elementwise f)."""
    return activation_backprop(act, z, a, loss_grad_expr(loss, a, t))


def _bp2(W_next, delta_next, act, z, a):
    """BP2: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f'(z^l)."""
    return activation_backprop(act, z, a, W_next.T * delta_next)


def _bp3(delta):
    """BP3: ∂L/∂b^l = δ^l, summed over the samples (columns)."""
    return delta * sp.ones(delta.shape[1], 1)


def _bp4(delta, a_prev):
    """BP4: ∂L/∂W^l = δ^l (a^{l-1})ᵀ."""
    return delta * a_prev.T


@dataclass(frozen=True)
class Equations:
    """The four equations as functions; replace one to test a wrong version of it.
    ``name`` may be a :class:`~bpnn.articles.i18n.Text` (English with a Chinese twin).

    ``bp1(loss, act, z_L, a_L, t)``, ``bp2(W_next, delta_next, act, z_l, a_l)``,
    ``bp3(delta_l)``, ``bp4(delta_l, a_prev)``; all take and return sympy matrices.
    """

    name: str = "BP1–BP4"
    bp1: Callable = _bp1
    bp2: Callable = _bp2
    bp3: Callable = _bp3
    bp4: Callable = _bp4


#: the four equations of backpropagation, as the engine computes them
BP = Equations()


def gradient_dict(net: SymbolicNetwork, grad_W: list, grad_b: list) -> dict:
    """{parameter symbol: expression} from per-layer matrices (entries None are skipped)."""
    out = {}
    for l in range(1, net.L + 1):
        for M, G in ((net.W[l], grad_W[l]), (net.b[l], grad_b[l])):
            if G is None:
                continue
            if G.shape != M.shape:
                raise sp.ShapeError(f"layer {l}: formula gives shape {G.shape}, parameter has shape {M.shape}")
            for i in range(M.shape[0]):
                for j in range(M.shape[1]):
                    out[M[i, j]] = G[i, j]
    return out


def bp_gradients(net: SymbolicNetwork, x, t, loss: str, eqs: Equations = BP):
    """δ, ∂L/∂W, ∂L/∂b of every layer from the four equations (symbolic); lists indexed by layer."""
    z, a = net.forward(x)
    T = sp.Matrix(t).reshape(*a[-1].shape)
    L = net.L
    delta = [None] * (L + 1)
    gW = [None] * (L + 1)
    gb = [None] * (L + 1)
    delta[L] = eqs.bp1(loss, net.activations[L - 1], z[L], a[L], T)
    for l in range(L, 0, -1):
        gW[l] = eqs.bp4(delta[l], a[l - 1])
        gb[l] = eqs.bp3(delta[l])
        if l > 1:
            delta[l - 1] = eqs.bp2(net.W[l], delta[l], net.activations[l - 2], z[l - 1], a[l - 1])
    return delta, gW, gb


def _bp_builder(eqs: Equations):
    def build(net, x, t, loss):
        _, gW, gb = bp_gradients(net, x, t, loss, eqs)
        return gradient_dict(net, gW, gb)

    return build


# ---------------------------------------------------------------- checking
def rational_point(symbols, seed: int, lo: int = -2, hi: int = 2, den: int = 7) -> dict:
    """A reproducible exact point: each symbol gets a fraction k/den in [lo, hi], never 0."""
    rng = random.Random(seed)
    out = {}
    for s in symbols:
        k = 0
        while k == 0:
            k = rng.randint(lo * den, hi * den)
        out[s] = sp.Rational(k, den)
    return out


DIGITS = 50


def evaluate_at(exprs: list, params: list, points: list) -> list:
    """Evaluate expressions at exact points with mpmath at 50 significant digits.

    Points are dicts {symbol: Rational}; Rationals become mpmath numbers p/q at
    working precision, so the only rounding is mpmath's at 50 digits.  The expressions
    are evaluated node by node, each distinct subexpression once per point
    (:func:`_mp_function`).
    """
    return _evaluate_with(_mp_function(exprs, params), params, points)


def _evaluate_with(f, params: list, points: list) -> list:
    out = []
    with mpmath.workdps(DIGITS):
        for pt in points:
            args = [mpmath.mpf(int(pt[p].p)) / int(pt[p].q) for p in params]
            out.append([mpmath.mpf(v) for v in f(*args)])   # a complex value raises: it would be a bug
    return out


class _NotCompiled(Exception):
    """An expression node :class:`_MpProgram` does not know; ``lambdify`` evaluates it instead."""


_MP_FUNCTIONS = {"exp": mpmath.exp, "log": mpmath.log, "tanh": mpmath.tanh, "sinh": mpmath.sinh,
                 "cosh": mpmath.cosh, "sin": mpmath.sin, "cos": mpmath.cos, "Abs": abs}
_MP_RELATIONS = {"StrictGreaterThan": lambda u, v: u > v, "GreaterThan": lambda u, v: u >= v,
                 "StrictLessThan": lambda u, v: u < v, "LessThan": lambda u, v: u <= v,
                 "Equality": lambda u, v: u == v, "Unequality": lambda u, v: u != v}


def _mp_add(*v):
    s = v[0]
    for u in v[1:]:
        s = s + u
    return s


def _mp_mul(*v):
    s = v[0]
    for u in v[1:]:
        s = s * u
    return s


def _mp_integer_power(u, k):
    return (mpmath.mpf(u) if isinstance(u, int) else u) ** k     # 2 ** -1 would be a Python float


def _mp_heaviside(u, h0=None):
    if u > 0:
        return 1
    if u < 0:
        return 0
    if h0 is None:
        raise ValueError("Heaviside(0) without a value at 0")
    return h0


def _mp_piecewise(*v):
    for value, cond in zip(v[::2], v[1::2]):
        if cond:
            return value
    raise ValueError("no condition of a Piecewise holds")


class _MpProgram:
    """The expressions as a straight-line program over their distinct subexpressions (a DAG: a
    subexpression shared by several expressions, or repeated inside one, is one step), run with
    mpmath at the caller's working precision.  The same arithmetic ``lambdify(..., "mpmath")``
    does, without its printing and common-subexpression search, which cost far more than the
    evaluation on these expressions.  Raises :class:`_NotCompiled` for a node it does not know."""

    def __init__(self, exprs: list, params: list):
        self.n_params = len(params)
        slot = {p: i for i, p in enumerate(params)}      # parameters are the first slots
        steps: list = []                                  # (function, argument slots)
        stack = [(e, False) for e in reversed(exprs)]
        while stack:
            e, ready = stack.pop()
            if e in slot:
                continue
            if not ready:
                stack.append((e, True))
                stack.extend((a, False) for a in reversed(self._children(e)) if a not in slot)
                continue
            slot[e] = len(params) + len(steps)
            steps.append((self._op(e), tuple(slot[a] for a in self._children(e))))
        self.steps = steps
        self.outputs = [slot[e] for e in exprs]

    @staticmethod
    def _children(e) -> tuple:
        if isinstance(e, sp.Piecewise):
            return tuple(x for pair in e.args for x in pair.args)
        if isinstance(e, sp.Basic) and (e.is_Atom or isinstance(e, (sp.Number, sp.NumberSymbol))):
            return ()
        return e.args

    @staticmethod
    def _op(e):
        if e is sp.true or e is sp.false:
            v = bool(e)
            return lambda: v
        if e.is_Integer:
            k = int(e)
            return lambda: k
        if e.is_Rational:
            p, q = int(e.p), int(e.q)
            return lambda: mpmath.mpf(p) / q
        if e.is_Float:
            return lambda: mpmath.mpf(e)
        if e is sp.E:
            return lambda: +mpmath.e
        if e is sp.pi:
            return lambda: +mpmath.pi
        if e.is_Atom:
            raise _NotCompiled(f"{type(e).__name__} {e}")
        name = type(e).__name__
        if e.is_Add:
            return _mp_add
        if e.is_Mul:
            return _mp_mul
        if e.is_Pow:
            return mpmath.power if not e.exp.is_Integer else _mp_integer_power
        if name in _MP_FUNCTIONS and len(e.args) == 1:
            return _MP_FUNCTIONS[name]
        if name in _MP_RELATIONS:
            return _MP_RELATIONS[name]
        if isinstance(e, (sp.Max, sp.Min)):
            return max if isinstance(e, sp.Max) else min
        if isinstance(e, sp.Heaviside):
            return _mp_heaviside
        if isinstance(e, sp.Piecewise):
            return _mp_piecewise
        raise _NotCompiled(name)

    def __call__(self, *args) -> list:
        if len(args) != self.n_params:
            raise TypeError(f"expected {self.n_params} values, got {len(args)}")
        vals = list(args)
        for fn, slots in self.steps:
            vals.append(fn(*[vals[i] for i in slots]))
        return [vals[i] for i in self.outputs]


def _mp_function(exprs: list, params: list) -> Callable:
    """f(*values of params) -> the values of ``exprs`` with mpmath (at the caller's precision).

    A :class:`_MpProgram`; where it meets a node it does not know, or its evaluation fails
    (a division by zero, a complex value), ``sympy.lambdify(..., modules=["mpmath"], cse=True)``,
    the judge of what the expressions' values are, evaluates instead."""
    params = list(params)
    exprs = [_expr(e) for e in exprs]
    slow = []

    def lambdified(*args):
        if not slow:
            slow.append(sp.lambdify(params, exprs, modules=["mpmath"], cse=True))
        return slow[0](*args)

    try:
        program = _MpProgram(exprs, params)
    except _NotCompiled:
        return lambdified

    def f(*args):
        try:
            out = program(*args)
            return [mpmath.mpf(v) for v in out]
        except (ArithmeticError, ValueError, TypeError):
            return lambdified(*args)

    return f


@lru_cache(maxsize=1024)
def _diff(expr, symbol):
    """``sympy.diff(expr, symbol)``, once per process for each (expression, symbol).

    Several checks differentiate the same loss (the 004 formulas, the chain rule and the
    update rules all use the 2-3-2 example): the reference derivative is the same
    expression every time, so it is derived once.
    """
    return sp.diff(expr, symbol)


@lru_cache(maxsize=128)
def _gradient_function(loss_expr_, params: tuple):
    """∇L (``sympy.diff`` of the loss) as one mpmath function of the parameters (:func:`_mp_function`),
    built once per process for a loss."""
    return _mp_function([_diff(loss_expr_, p) for p in params], list(params))


def _reference_values(loss_expr_, params: tuple, keys: tuple, points: tuple) -> list:
    """∂L/∂p for p in ``keys`` at each point (a tuple of Rationals in ``params`` order), 50 digits.

    The derivatives are taken and compiled once per process for a given loss (cached like
    :func:`_diff`) and evaluated at each call; rows are lists of mpmath numbers in ``keys`` order.
    """
    rows = _evaluate_with(_gradient_function(loss_expr_, params), list(params), [dict(zip(params, pt)) for pt in points])
    index = {p: i for i, p in enumerate(params)}
    return [[row[index[p]] for p in keys] for row in rows]


def _atomize(e, memo: dict):
    """Bottom-up: exp(c1·m1 + c2·m2 + …) -> D(m1)^c1 · D(m2)^c2 · …, tanh(u), log(u) -> fresh symbols."""
    if e.is_Atom:
        return e
    if e in memo:
        return memo[e]
    args = [_atomize(a, memo) for a in e.args]
    if isinstance(e, sp.exp):
        out = sp.Integer(1)
        for term in sp.Add.make_args(sp.expand(args[0])):
            c, mono = term.as_coeff_Mul()
            key = ("exp", mono)
            if key not in memo:
                memo[key] = sp.Dummy(positive=True)
            out *= memo[key] ** c
    elif isinstance(e, (sp.tanh, sp.log)):
        key = (e.func, args[0])
        if key not in memo:
            memo[key] = sp.Dummy()
        out = memo[key]
    else:
        out = e.func(*args)
    memo[e] = out
    return out


def is_identically_zero(expr) -> bool:
    """Is ``expr`` zero for every value of its symbols?  Sound: never a false "yes".

    Every exp(c₁m₁ + c₂m₂ + …) becomes D(m₁)^c₁ D(m₂)^c₂ … with one fresh positive symbol
    D(m) per monomial m (which is what exp of a sum is), and every tanh(u) and log(u) a
    fresh symbol per argument, innermost first, so equal subexpressions get equal
    symbols.  The result is a rational function of those symbols and the weights; if its
    numerator is the zero polynomial (built exactly in a polynomial ring,
    :func:`_rational_function_is_zero`) and no denominator is, the original is 0 wherever
    it is defined, whatever values the replaced functions take, so in particular for the
    true ones.  (A "no" could in principle be an identity this cannot see, e.g. one that
    needs 1 − tanh² = 1/cosh²; the exact-point comparison is then the judge.)
    """
    return _is_zero(_expr(expr), {})


def _is_zero(e, memo: dict) -> bool:
    """:func:`is_identically_zero` with a memo of replaced subexpressions that the caller may share
    between expressions (equal subexpressions get equal symbols, which is what soundness needs)."""
    return _are_zero([e], memo)[0]


def _are_zero(exprs: list, memo: dict) -> list[bool]:
    """:func:`is_identically_zero` of each of ``exprs``, with one memo of replaced subexpressions.

    After the replacement (:func:`_atomize`, and :func:`_integral_powers` done once for all, so
    that one symbol means one function everywhere), every expression is turned into numerator and
    denominator in one polynomial ring (:func:`_rational_function_is_zero`), a subexpression that
    several share converted once.  Where an expression is not a rational function with rational
    coefficients (a float, a function left, a symbolic power), ``sympy.together`` and an expansion
    of the numerator decide (:func:`_together_is_zero`)."""
    exprs = [_expr(e) for e in exprs]
    atomized = _integral_powers_all([_atomize(e, memo) for e in exprs])
    gens = sorted((n for n in _nodes(atomized) if n.is_Symbol), key=sp.default_sort_key)
    form = None
    if gens:
        from sympy.polys.domains import ZZ
        from sympy.polys.rings import ring

        form = _RingForm(ring(gens, ZZ)[0])
    out = []
    for e, a in zip(exprs, atomized):
        if e == 0 or a == 0:
            out.append(True)
            continue
        zero = _rational_function_is_zero(a, form) if a.free_symbols else None
        out.append(_together_is_zero(a) if zero is None else zero)
    return out


def _together_is_zero(a) -> bool:
    """Is the (replaced) expression ``a`` zero: the numerator of ``sympy.together(a)``, expanded."""
    num, den = sp.fraction(sp.together(a))
    if _polynomial_is_zero(den):                # 0/0 or x/0: nowhere defined, not "zero"
        return False
    zero = _polynomial_is_zero(num)
    return sp.expand(num) == 0 if zero is None else zero


class _NotRational(Exception):
    """A node the ring form cannot hold: a function, a float, a symbolic or fractional power."""


class _DivisionByZero(Exception):
    """A negative power of a base whose numerator is the zero polynomial: the expression is nowhere
    defined, and "identically zero" must not be claimed."""


def _rational_function_is_zero(a, form=None) -> bool | None:
    """Is ``a`` the zero rational function of its symbols (taken as independent)?  None when ``a`` is
    not a rational function with rational coefficients.

    ``a`` is written as s · N / (f₁^k₁ ⋯ f_r^k_r) bottom-up (:class:`_RingForm`; ``form``, if given,
    one whose ring holds the symbols of ``a``), s a nonzero rational number, N and every fᵢ in a
    sparse polynomial ring over the integers, every step exact: a sum over the least common
    multiple of its terms' factor products, a product by adding exponents, a negative power by
    moving the base's numerator into the denominator (refused when that numerator is the zero
    polynomial, where ``a`` would divide by zero).  So a = s N / D as rational functions with D a
    product of nonzero polynomials, and a is zero exactly when N is the zero polynomial: wherever
    ``a`` is defined, every fᵢ is nonzero.
    """
    if form is None:
        gens = sorted(a.free_symbols, key=sp.default_sort_key)
        if not gens:
            return None
        from sympy.polys.domains import ZZ
        from sympy.polys.rings import ring

        form = _RingForm(ring(gens, ZZ)[0])
    try:
        _, num, _ = form.form(a)
    except _NotRational:
        return None
    except _DivisionByZero:
        return False
    return not num


class _RingForm:
    """s · N / (f₁^k₁ ⋯ f_r^k_r) of sympy expressions: s a rational number, N and the fᵢ polynomials
    with integer coefficients in the ring ``R`` (over ZZ: integer arithmetic is far quicker than
    rational, and the rational constants live in s).

    A form is (s, N, {f: k}).  The factors f are primitive with a positive leading coefficient
    (their content and sign moved into s), so equal factors up to a constant are one key; none is
    constant or the zero polynomial.  Zero is (1, 0, {}).  Each distinct subexpression is
    converted once."""

    def __init__(self, R):
        self.R = R
        self.gen = dict(zip(R.symbols, R.gens))
        self.memo: dict = {}
        self.powers: dict = {}
        self.zero = (Fraction(1), R.zero, {})

    def form(self, e):
        out = self.memo.get(e)
        if out is None:
            out = self.memo[e] = self._form(e)
        return out

    def _pow(self, f, k: int):
        key = (f, k)
        out = self.powers.get(key)
        if out is None:
            out = self.powers[key] = f ** k
        return out

    @staticmethod
    def _combine(terms: list):
        """Σ sᵢ Nᵢ as (s, N) with integer N: s = 1/L, L the least common denominator of the sᵢ."""
        L = 1
        for si, _ in terms:
            L = L * si.denominator // gcd(L, si.denominator)
        N = terms[0][1].ring.zero
        for si, Ni in terms:
            N = N + Ni.mul_ground(si.numerator * (L // si.denominator))
        return Fraction(1, L), N

    def _form(self, e):
        R = self.R
        if e.is_Symbol:
            if e not in self.gen:
                raise _NotRational(str(e))
            return Fraction(1), self.gen[e], {}
        if e.is_Rational:
            return self.zero if e == 0 else (Fraction(int(e.p), int(e.q)), R.one, {})
        if e.is_Add:
            groups: dict = {}                        # the terms of each denominator
            for arg in e.args:
                si, Ni, d = self.form(arg)
                if Ni:
                    groups.setdefault(frozenset(d.items()), []).append((si, Ni))
            groups = {key: self._combine(terms) for key, terms in groups.items()}
            groups = {key: sN for key, sN in groups.items() if sN[1]}
            if not groups:
                return self.zero
            if len(groups) == 1:
                (key, (si, Ni)), = groups.items()
                return si, Ni, dict(key)
            common: dict = {}
            for key in groups:
                for f, k in key:
                    common[f] = max(common.get(f, 0), k)
            terms = []
            for key, (si, Ni) in groups.items():
                have = dict(key)
                for f, k in common.items():
                    if k > have.get(f, 0):
                        Ni = Ni * self._pow(f, k - have.get(f, 0))
                terms.append((si, Ni))
            si, Ni = self._combine(terms)
            return (si, Ni, common) if Ni else self.zero
        if e.is_Mul:
            forms = [self.form(arg) for arg in e.args]       # every factor, so that a 1/0 anywhere raises
            if any(not Ni for _, Ni, _ in forms):
                return self.zero
            s, N, den = Fraction(1), R.one, {}
            for si, Ni, d in forms:
                s, N = s * si, N * Ni
                for f, k in d.items():
                    den[f] = den.get(f, 0) + k
            return s, N, den
        if e.is_Pow and e.exp.is_Integer:
            k = int(e.exp)
            si, Ni, d = self.form(e.base)
            if k >= 0:
                return (si ** k, Ni ** k, {f: j * k for f, j in d.items()}) if Ni else self.zero
            if not Ni:
                raise _DivisionByZero(str(e))
            k = -k
            N = R.one
            for f, j in d.items():
                N = N * self._pow(f, j * k)
            c, f = Ni.primitive()
            if f.LC < 0:
                c, f = -c, -f
            s = (si * c) ** -k
            return (s, N, {}) if f.is_ground else (s, N, {f: k})
        raise _NotRational(type(e).__name__)


def _integral_powers(e):
    """Replace each positive symbol D that appears as D^(p/q) by E^q (E fresh and positive), q the
    least common denominator of its exponents in ``e``: if D = exp(m) then E = exp(m/q), so the
    expression is the same function, now with integer exponents only (a polynomial ring can hold it)."""
    return _integral_powers_all([e])[0]


def _integral_powers_all(exprs: list) -> list:
    """:func:`_integral_powers` of several expressions with one replacement (q the least common
    denominator of D's exponents in all of them), so that a symbol stands for the same function in each.
    Shared subexpressions are visited and rebuilt once (``atoms`` and ``xreplace`` walk a shared
    subtree once per occurrence)."""
    dens: dict = {}
    for pw in _nodes(exprs):
        if pw.is_Pow and pw.base.is_Symbol and pw.exp.is_Rational and not pw.exp.is_Integer and pw.base.is_positive:
            dens[pw.base] = sp.ilcm(dens.get(pw.base, 1), pw.exp.q)
    if not dens:
        return list(exprs)
    rep = {d: sp.Dummy(positive=True) ** q for d, q in dens.items()}
    memo: dict = {}
    return [_xreplace_shared(e, rep, memo) for e in exprs]


def _nodes(exprs: list) -> set:
    """Every distinct subexpression of ``exprs`` (each shared subtree walked once)."""
    seen: set = set()
    stack = list(exprs)
    while stack:
        e = stack.pop()
        if e not in seen:
            seen.add(e)
            stack.extend(e.args)
    return seen


def _xreplace_shared(e, rep: dict, memo: dict):
    """``e.xreplace(rep)``, each distinct subexpression rebuilt once (``memo`` may be shared)."""
    out = memo.get(e)
    if out is None:
        if e in rep:
            out = rep[e]
        elif not e.args:
            out = e
        else:
            args = [_xreplace_shared(a, rep, memo) for a in e.args]
            out = e.func(*args) if any(a is not b for a, b in zip(args, e.args)) else e
        memo[e] = out
    return out


def _polynomial_is_zero(num) -> bool | None:
    """Is ``num`` the zero polynomial in its symbols (taken as independent), with rational coefficients?

    Built in a sparse polynomial ring over QQ (sums, products and integer powers done in
    the ring, no ``sympy.expand`` of the tree, which is far slower on these numerators).
    None when ``num`` is not such a polynomial (a float, a non-integer power, a function):
    the caller then expands it.  "Zero" here is sound: a polynomial that is zero with its
    symbols independent is zero whatever values they take.
    """
    from sympy.polys.domains import QQ
    from sympy.polys.rings import ring

    gens = sorted(num.free_symbols, key=sp.default_sort_key)
    if not gens:
        return None
    try:
        R = ring(gens, QQ)[0]
        return R.from_expr(num) == 0
    except (ValueError, TypeError, sp.PolynomialError, sp.CoercionFailed):
        return None


@dataclass
class GradientCheck:
    """The result of comparing a gradient formula with sympy.diff of the loss."""

    label: str
    n_params: int = 0
    n_points: int = 0
    max_abs_diff: float = 0.0
    mismatches: list = field(default_factory=list)    # (parameter, point index, formula value, diff value)
    error: str | None = None                          # the formula could not be evaluated (shapes)
    symbolic: bool | None = None                      # True: simplify(formula − diff) == 0 for all
    symbolic_failures: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.mismatches and self.symbolic is not False and self.n_params > 0

    def summary(self, lang: str = "en") -> str:
        """One line: what was compared and how many values disagree, in ``lang`` ("en" or "zh");
        a :class:`~bpnn.articles.i18n.Text` label gives its Chinese twin in "zh"."""
        if check_lang(lang) == "zh":
            label = _in(self.label, "zh")
            if self.error:
                return f"{label}：公式无定义（{self.error}）"
            s = (f"{label}：在 {self.n_points} 个精确点上比较 {self.n_params} 个偏导数，"
                 f"{len(self.mismatches)} 处不一致")
            if self.symbolic is not None:
                s += ("；符号差化简为 0" if self.symbolic else
                      f"；符号差有 {len(self.symbolic_failures)} 个不为 0")
            return s
        if self.error:
            return f"{self.label}: formula not defined ({self.error})"
        s = (f"{self.label}: {self.n_params} partial derivatives at {self.n_points} exact points, "
             f"{len(self.mismatches)} disagree")
        if self.symbolic is not None:
            s += "; symbolic difference " + ("simplifies to 0" if self.symbolic else
                                            f"is NOT 0 for {len(self.symbolic_failures)}")
        return s


def _relu_safe(net: SymbolicNetwork, x, point: dict, margin=sp.Rational(1, 50), z=None) -> bool:
    """Is every pre-activation of a relu layer at least ``margin`` away from 0 at ``point``?
    ``z``: the pre-activations ``net.forward(x)`` gives, if the caller has them already."""
    if "relu" not in net.activations:
        return True
    if z is None:
        z, _ = net.forward(x)
    for l in range(1, net.L + 1):
        if net.activations[l - 1] != "relu":
            continue
        near = _near_margin(list(z[l]), point, margin)
        for v, n in zip(z[l], near):
            if n is None:                        # too close to call at 50 digits: exactly
                n = bool(abs(_expr(v).xreplace(point)) < margin)
            if n:
                return False
    return True


def _near_margin(exprs: list, point: dict, margin) -> list:
    """For each expression, |value at ``point``| < ``margin``?  Decided from a 50-digit evaluation
    where the value is more than 10⁻⁴⁰ from the margin (the evaluation errs by far less), None
    where it is not or the expressions cannot be evaluated so (the caller then compares exactly:
    with transcendental values sympy's exact comparison costs far more)."""
    syms = list(point)
    if not all(isinstance(point[p], sp.Rational) for p in syms) or not isinstance(margin, sp.Rational):
        return [None] * len(exprs)
    try:
        program = _MpProgram([_expr(e) for e in exprs], syms)
        with mpmath.workdps(DIGITS):
            values = [mpmath.mpf(v) for v in program(*[mpmath.mpf(int(point[p].p)) / int(point[p].q) for p in syms])]
            m = mpmath.mpf(int(margin.p)) / int(margin.q)
            gap = mpmath.mpf(10) ** -40
            return [None if abs(abs(v) - m) <= gap else bool(abs(v) < m) for v in values]
    except (_NotCompiled, ArithmeticError, ValueError, TypeError):
        return [None] * len(exprs)


def compare_gradients(net: SymbolicNetwork, x, t, loss: str, build: Callable, label: str = "formula",
                      points: int = 3, seed: int = 0, symbolic: bool = False) -> GradientCheck:
    """Compare ``build(net, x, t, loss)`` (a dict {symbol: ∂L/∂symbol claimed}) with sympy.diff of the loss.

    Points are exact Rationals (for relu, redrawn until every pre-activation is at least
    1/50 away from 0, where relu has no derivative).  ``symbolic=True`` also simplifies
    each difference; keep that to small networks.
    """
    res = GradientCheck(label)
    try:
        claimed = build(net, x, t, loss)
    except (sp.ShapeError, sp.NonSquareMatrixError, ValueError, TypeError) as exc:
        res.error = f"{type(exc).__name__}: {exc}"
        return res
    Lexpr = net.loss(x, t, loss)
    params = net.parameters()
    keys = list(claimed)
    res.n_params = len(keys)
    pts = []
    s = seed
    z = net.forward(x)[0] if "relu" in net.activations else None
    while len(pts) < points:
        pt = rational_point(params, s)
        s += 1000
        if _relu_safe(net, x, pt, z=z):
            pts.append(pt)
        if s > seed + 1000 * 50 * points:
            raise BpnnError("could not find points away from relu's kink")
    res.n_points = len(pts)
    values = evaluate_at([_expr(claimed[p]) for p in keys], params, pts)
    refs = _reference_values(Lexpr, tuple(params), tuple(keys), tuple(tuple(pt[p] for p in params) for pt in pts))
    worst = mpmath.mpf(0)
    refuted = set()
    for k, (row, ref_row) in enumerate(zip(values, refs)):
        for i, p in enumerate(keys):
            fv, dv = row[i], ref_row[i]
            d = abs(fv - dv)
            worst = max(worst, d)
            if d > mpmath.mpf("1e-30") * (1 + abs(dv)):
                res.mismatches.append((p, k, sp.Float(fv, 15), sp.Float(dv, 15)))
                refuted.add(p)
    res.max_abs_diff = float(worst)
    if symbolic:
        # A parameter whose two values differ at an exact point (by more than 1e-30 at 50 digits)
        # is already proved not identically equal: that point is the counterexample, and the
        # symbolic test could only answer "not zero" too.  The others are proved zero symbolically.
        todo = [p for p in keys if p not in refuted]
        zero = dict(zip(todo, _are_zero([_expr(claimed[p]) - _diff(Lexpr, p) for p in todo], {})))
        fails = [(p, claimed[p]) for p in keys if p in refuted or not zero[p]]
        res.symbolic = not fails
        res.symbolic_failures = fails
    return res


def check_equations(sizes, activations, loss: str, eqs: Equations = BP, m: int = 1, points: int = 3,
                    seed: int = 0, symbolic: bool = False, x=None, t=None) -> GradientCheck:
    """Check BP1–BP4 (or a perturbed version) on a network with symbolic weights and biases.

    Inputs and targets are fixed exact Rationals (a batch of ``m`` columns); targets for
    softmax outputs are one-hot, for sigmoid outputs inside (0, 1).
    """
    net = SymbolicNetwork(sizes, activations)
    x, t = _exact_data(net, m, loss, seed, x, t)
    acts = "-".join(net.activations)
    shape = "-".join(map(str, sizes))
    label = T(f"{eqs.name} on {shape} [{acts}], {loss}, batch of {m}",
              f"{_in(eqs.name, 'zh')}，网络 {shape} [{acts}]，损失函数 {loss}，批量大小 {m}")
    return compare_gradients(net, x, t, loss, _bp_builder(eqs), label, points, seed, symbolic)


# ---------------------------------------------------------------- the articles' formulas
def chain_rule_gradients(net: SymbolicNetwork, x, t, loss: str, wrong_unit: bool = False) -> dict:
    """001's chain rule ∂L/∂w_ij = ∂L/∂o_j · ∂o_j/∂w_ij for every weight of the network.

    w_ij is the weight from unit i (layer l−1) to unit j (layer l), so it is ``W[l][j, i]``.
    ∂L/∂o_j is the *total* derivative of the loss with respect to unit j's output,
    through every path to the output: the loss is rebuilt as a function of free
    symbols o_1 … o_{n_l} standing for a^(l), differentiated, and a^(l) substituted back.
    ``wrong_unit=True`` uses ∂L/∂o_i (the unit the weight comes from) instead, a
    deliberate mistake the tests feed to the same check.
    """
    z, a = net.forward(x)
    T = sp.Matrix(t).reshape(*a[-1].shape)
    out = {}
    for l in range(1, net.L + 1):
        n_l = net.sizes[l]
        o = sp.Matrix(n_l, 1, lambda j, _: sp.Symbol(f"o^({l})_{j + 1}"))
        if l == net.L:
            L_of_o = loss_expr(loss, o, T)
        else:
            upper = SymbolicNetwork(net.sizes[l:], net.activations[l:],
                                    weights=[net.W[k] for k in range(l + 1, net.L + 1)],
                                    biases=[net.b[k] for k in range(l + 1, net.L + 1)])
            L_of_o = upper.loss(o, T, loss)
        back = {o[j]: a[l][j] for j in range(n_l)}
        dL_do = [sp.diff(L_of_o, o[j]).xreplace(back) for j in range(n_l)]
        if wrong_unit and l > 1:
            n_prev = net.sizes[l - 1]
            o_prev = sp.Matrix(n_prev, 1, lambda j, _: sp.Symbol(f"o^({l - 1})_{j + 1}"))
            upper = SymbolicNetwork(net.sizes[l - 1:], net.activations[l - 1:],
                                    weights=[net.W[k] for k in range(l, net.L + 1)],
                                    biases=[net.b[k] for k in range(l, net.L + 1)])
            Lp = upper.loss(o_prev, T, loss)
            backp = {o_prev[j]: a[l - 1][j] for j in range(n_prev)}
            dL_do_prev = [sp.diff(Lp, o_prev[j]).xreplace(backp) for j in range(n_prev)]
        for j in range(n_l):
            for i in range(net.sizes[l - 1]):
                w = net.W[l][j, i]
                do_dw = sp.diff(a[l][j], w)
                first = dL_do_prev[i] if (wrong_unit and l > 1) else dL_do[j]
                out[w] = first * do_dw
    return out


def article_004_grad_W(net: SymbolicNetwork, x, t, loss: str) -> dict:
    """004 line 42 as written: ∂L/∂W^(l) = O^(l) (O^(l-1))ᵀ, O being the layer outputs a^(l)."""
    _, a = net.forward(x)
    return gradient_dict(net, [None] + [a[l] * a[l - 1].T for l in range(1, net.L + 1)], [None] * (net.L + 1))


def article_004_grad_b(net: SymbolicNetwork, x, t, loss: str) -> dict:
    """004 line 46 as written, reading the undefined a^(l-1) as O^(l-1): ∂L/∂b^(l) = O^(l) O^(l-1)."""
    _, a = net.forward(x)
    return gradient_dict(net, [None] * (net.L + 1), [None] + [a[l] * a[l - 1] for l in range(1, net.L + 1)])


def corrected_004(net: SymbolicNetwork, x, t, loss: str) -> dict:
    """What 004 lines 42 and 46 must say: δ^(l) (O^(l-1))ᵀ and δ^(l)."""
    _, gW, gb = bp_gradients(net, x, t, loss)
    return gradient_dict(net, gW, gb)


# ---------------------------------------------------------------- update rules
def _example(sizes, activations, loss, seed):
    net = SymbolicNetwork(sizes, activations)
    rng = random.Random(seed)
    x = sp.Matrix([sp.Rational(rng.randint(-9, 9) or 1, 5) for _ in range(sizes[0])])
    t = sp.Matrix([sp.Rational(rng.randint(1, 9), 10) for _ in range(sizes[-1])])
    return net, x, t


@dataclass
class StepCheck:
    """What one update rule does to the loss, at an exact point of a small network.

    The rule is written as the change it adds, θ_new = θ + change(η, ∂L/∂θ).
    ``slope`` is d/dη L(θ + Δθ(η)) at η = 0, obtained by substituting θ + Δθ(η) into
    the network's loss and differentiating in η (sympy); steepest descent with rate η
    has slope −Σ_p (∂L/∂p)², steepest ascent +Σ_p (∂L/∂p)².
    """

    label: str
    slope: float
    grad_sq: float            # Σ_p (∂L/∂p)² at the point
    slope_is_minus_sq: bool
    slope_is_plus_sq: bool
    eta: sp.Rational
    loss_before: float
    loss_after: float

    @property
    def descends(self) -> bool:
        """Steepest descent with rate η: slope −Σ(∂L/∂p)² and the example step lowers the loss."""
        return self.slope_is_minus_sq and self.loss_after < self.loss_before


def step_direction(change: Callable, label: str = "rule", sizes=(2, 3, 2), activations="sigmoid",
                   loss: str = "half_sse", eta=sp.Rational(1, 2), seed: int = 3) -> StepCheck:
    """Judge an update rule given as the change it adds: θ_new = θ + change(η, ∂L/∂θ)."""
    net, x, t = _example(sizes, activations, loss, seed)
    Lexpr = net.loss(x, t, loss)
    params = net.parameters()
    pt = rational_point(params, seed)
    with mpmath.workdps(DIGITS):
        gvals = _reference_values(Lexpr, tuple(params), tuple(params), (tuple(pt[p] for p in params),))[0]
        g_at = {p: sp.Float(v, DIGITS) for p, v in zip(params, gvals)}
        h = sp.Symbol("eta")
        along = Lexpr.xreplace({p: pt[p] + change(h, g_at[p]) for p in params})
        slope = sp.diff(along, h).xreplace({h: 0}).evalf(DIGITS)
        sq = sp.Add(*[g ** 2 for g in g_at.values()])
        tol = sp.Float("1e-30", DIGITS) * (1 + abs(sq))
        before = Lexpr.xreplace(pt).evalf(DIGITS)
        after = along.xreplace({h: eta}).evalf(DIGITS)
    return StepCheck(label, float(slope), float(sq), bool(abs(slope + sq) < tol), bool(abs(slope - sq) < tol),
                     eta, float(before), float(after))


def engine_sgd_agrees(sizes=(2, 3, 2), activations="sigmoid", loss: str = "half_sse", eta=sp.Rational(1, 2),
                      seed: int = 3) -> float:
    """max |engine SGD step − (θ − η ∂L/∂θ by sympy)| over all parameters, at an exact example point.

    The engine (:class:`bpnn.optim.SGD`, float64) gets the same weights as floats; the
    reference is θ − η·sympy.diff evaluated at 50 digits.
    """
    import numpy as np

    from ..network import Network
    from ..optim import SGD

    net, x, t = _example(sizes, activations, loss, seed)
    params = net.parameters()
    pt = rational_point(params, seed)
    Lexpr = net.loss(x, t, loss)
    gvals = _reference_values(Lexpr, tuple(params), tuple(params), (tuple(pt[p] for p in params),))[0]
    ref = {p: float(pt[p] - eta * sp.Float(v, DIGITS)) for p, v in zip(params, gvals)}
    L = net.L
    acts = net.activations
    W = [np.array(net.W[l].xreplace(pt).tolist(), dtype=float) for l in range(1, L + 1)]
    b = [np.array(net.b[l].xreplace(pt).tolist(), dtype=float)[:, 0] for l in range(1, L + 1)]
    eng = Network.from_weights(W, b, acts)
    xs = np.array([float(v) for v in x])
    ts = np.array([float(v) for v in t])
    SGD(float(eta)).step(eng, eng.gradients(xs, ts, loss))
    worst = 0.0
    for l in range(1, L + 1):
        for (i, j), s in np.ndenumerate(np.empty(net.W[l].shape)):
            worst = max(worst, abs(eng.layers[l - 1].W[i, j] - ref[net.W[l][i, j]]))
        for i in range(net.sizes[l]):
            worst = max(worst, abs(eng.layers[l - 1].b[i] - ref[net.b[l][i, 0]]))
    return worst


# ---------------------------------------------------------------- losses and forward passes
def check_loss_formula(formula: Callable, name: str = "mse", N: int = 3) -> tuple[bool, sp.Expr]:
    """Is ``formula(y, yhat, N)`` (y, ŷ lists of N symbols: N samples, one output each) the loss ``name``?

    Compared with :func:`bpnn.symbolic.loss_expr` on a 1 × N row of outputs (the
    engine's convention: samples are columns); returns (identical?, formula − reference).
    """
    y = [sp.Symbol(f"y_{i + 1}", real=True) for i in range(N)]
    yh = [sp.Symbol(f"yhat_{i + 1}", real=True) for i in range(N)]
    ref = loss_expr(name, sp.Matrix([yh]), sp.Matrix([y]))
    diff = sp.expand(formula(y, yh, N) - ref)
    return diff == 0, diff


def neuronwise_layer(W: sp.Matrix, O_prev: sp.Matrix, b: sp.Matrix, act: str) -> sp.Matrix:
    """One layer written unit by unit: o_j = f(Σ_k w_jk o_k + b_j), no matrix product."""
    n_out, n_in = W.shape
    z = sp.Matrix(n_out, 1, lambda j, _: sp.Add(*[W[j, k] * O_prev[k] for k in range(n_in)]) + b[j])
    return activation_expr(act, z)


def check_forward_formula(layer: Callable, sizes=(2, 3, 2), activations="sigmoid", seed: int = 5):
    """Does ``layer(W, O_prev, b, act)`` compute every layer of a network correctly?

    Compared symbolically, layer by layer, with the unit-by-unit sums of
    :func:`neuronwise_layer` (symbolic weights, symbolic input), and the composed output
    with the float engine (:meth:`bpnn.network.Network.forward`) at an exact point.
    Returns (ok, message); the message is a :class:`~bpnn.articles.i18n.Text` (English and Chinese).
    """
    import numpy as np

    from ..network import Network

    net = SymbolicNetwork(sizes, activations)
    x = sp.Matrix(sizes[0], 1, lambda i, _: sp.Symbol(f"x_{i + 1}", real=True))
    O = x
    for l in range(1, net.L + 1):
        act = net.activations[l - 1]
        try:
            out = layer(net.W[l], O, net.b[l], act)
        except (sp.ShapeError, ValueError, TypeError) as exc:
            return False, T(f"layer {l}: not defined ({type(exc).__name__}: {exc})",
                            f"第 {l} 层无定义（{type(exc).__name__}: {exc}）")
        ref = neuronwise_layer(net.W[l], O, net.b[l], act)
        if out.shape != ref.shape or any(not is_identically_zero(u - v) for u, v in zip(out, ref)):
            return False, T(f"layer {l}: differs from the unit-by-unit sums", f"第 {l} 层与逐单元求和的结果不同")
        O = ref
    pt = rational_point(net.parameters() + list(x), seed)
    W = [np.array(net.W[l].xreplace(pt).tolist(), dtype=float) for l in range(1, net.L + 1)]
    b = [np.array(net.b[l].xreplace(pt).tolist(), dtype=float)[:, 0] for l in range(1, net.L + 1)]
    eng = Network.from_weights(W, b, net.activations).forward(np.array([float(pt[v]) for v in x])).output
    sym = np.array([float(v.xreplace(pt).evalf(30)) for v in O])
    err = float(np.max(np.abs(eng - sym)))
    if err > 1e-12:
        return False, T(f"engine and symbolic forward pass differ by {err:.1e}", f"引擎与符号计算的前向传播相差 {err:.1e}")
    return True, T("every layer equals its unit-by-unit sums; the engine agrees within 1e-12",
                   "每一层都等于逐单元求和的结果；引擎的输出与之相差不超过 1e-12")


# ---------------------------------------------------------------- the engine against sympy
def engine_gradient_error(sizes, activations, loss: str, m: int = 1, seed: int = 0) -> float:
    """max |engine gradient − sympy.diff| over all parameters, at the first exact point :func:`check_equations` uses.

    The engine (:meth:`bpnn.network.Network.gradients`, float64) gets the point's
    weights, inputs and targets as floats; the reference is sympy.diff of the symbolic
    loss evaluated at 50 digits.
    """
    net = SymbolicNetwork(sizes, activations)
    x, t = _exact_data(net, m, loss, seed)
    return _engine_error(net, x, t, loss, m, seed)


def _engine_error(net: SymbolicNetwork, x, t, loss: str, m: int, seed: int, Lexpr=None, z=None) -> float:
    """:func:`engine_gradient_error` on a network and data already made; ``Lexpr`` and ``z`` (the
    loss and the pre-activations of ``x``) if the caller has them."""
    import numpy as np

    from ..network import Network

    params = net.parameters()
    s = seed
    if z is None and "relu" in net.activations:
        z = net.forward(x)[0]
    while True:
        pt = rational_point(params, s)
        if _relu_safe(net, x, pt, z=z):
            break
        s += 1000
    if Lexpr is None:
        Lexpr = net.loss(x, t, loss)
    ref = dict(zip(params, _reference_values(Lexpr, tuple(params), tuple(params), (tuple(pt[p] for p in params),))[0]))
    W = [np.array(net.W[l].xreplace(pt).tolist(), dtype=float) for l in range(1, net.L + 1)]
    b = [np.array(net.b[l].xreplace(pt).tolist(), dtype=float)[:, 0] for l in range(1, net.L + 1)]
    eng = Network.from_weights(W, b, net.activations)
    X = np.array(x.tolist(), dtype=float)
    Tt = np.array(t.tolist(), dtype=float)
    if m == 1:
        X, Tt = X[:, 0], Tt[:, 0]
    g = eng.gradients(X, Tt, loss)
    worst = 0.0
    for l in range(1, net.L + 1):
        for i in range(net.sizes[l]):
            for j in range(net.sizes[l - 1]):
                worst = max(worst, abs(g.grad_W[l][i, j] - float(ref[net.W[l][i, j]])))
            worst = max(worst, abs(g.grad_b[l][i] - float(ref[net.b[l][i, 0]])))
    return worst


def _no_transpose_bp2(W_next, delta_next, act, z, a):
    """BP2 with W instead of Wᵀ (only defined for square W)."""
    return activation_backprop(act, z, a, W_next * delta_next)


def _bp2_derivative_at_a(W_next, delta_next, act, z, a):
    """BP2 with f' evaluated at the activation a^(l) instead of z^(l): a common slip in code (σ'(σ(z)))."""
    return activation_backprop(act, a, a, W_next.T * delta_next)


def _wrong(en: str, zh: str, **equations) -> Equations:
    return replace(BP, name=T(en, zh), **equations)


#: wrong versions of the four equations; every one must be reported wrong by :func:`check_equations`.
#: The keys (and names) are :class:`~bpnn.articles.i18n.Text`: the English name, with its Chinese twin.
PERTURBATIONS = {e.name: e for e in (
    _wrong("BP1 without f'(z)", "BP1 缺少 f'(z)", bp1=lambda loss, act, z, a, t: loss_grad_expr(loss, a, t)),
    _wrong("BP1 times 2", "BP1 乘以 2", bp1=lambda *args: 2 * _bp1(*args)),
    _wrong("BP1 with the sign flipped", "BP1 符号取反", bp1=lambda *args: -_bp1(*args)),
    _wrong("BP2 without the transpose", "BP2 缺少转置", bp2=_no_transpose_bp2),
    _wrong("BP2 without f'(z)", "BP2 缺少 f'(z)", bp2=lambda W, d, act, z, a: W.T * d),
    _wrong("BP2 with f' at a instead of z", "BP2 在 a 而不是 z 处求 f'", bp2=_bp2_derivative_at_a),
    _wrong("BP3 times 2", "BP3 乘以 2", bp3=lambda d: 2 * _bp3(d)),
    _wrong("BP3 as the mean over the batch", "BP3 取批内平均", bp3=lambda d: _bp3(d) / d.shape[1]),
    _wrong("BP4 without the transpose", "BP4 缺少转置", bp4=lambda d, a: d * a),
    _wrong("BP4 with the factors swapped", "BP4 两个因子对调", bp4=lambda d, a: a * d.T),
    _wrong("BP4 with the sign flipped", "BP4 符号取反", bp4=lambda d, a: -_bp4(d, a)),
)}


def fused_equations(loss: str, activation: str) -> Equations:
    """BP1–BP4 with BP1 replaced by the loss's fused closed form for this output activation
    (:attr:`bpnn.losses.Loss.fused_sympy`), e.g. δ^L = (a − t)/m for softmax + cross_entropy."""
    from ..losses import LOSSES

    form = LOSSES[loss].fused_sympy.get(activation)
    if form is None:
        raise BpnnError(f"loss {loss!r} has no fused output error for {activation!r}")
    return replace(BP, name=T(f"BP1 fused ({activation} + {loss})", f"BP1 融合形式（{activation} + {loss}）"),
                   bp1=lambda _loss, _act, z, a, t: form(a, t))


# ---------------------------------------------------------------- the four-equations chapter
# What the chapter (book/four-equations.ipynb) and its Chinese twin (book/zh/four-equations.ipynb)
# compute and show.  The checks are the costly part (sympy on eleven networks, the perturbations):
# each is one function decorated with @shared_result that returns plain data, so that within one
# test run or book build the English notebook computes it and the Chinese one reads it.  The
# tables are rendered from that data in either language.

#: the networks the chapter checks BP1–BP4 on: (sizes, activations, loss, batch size, symbolic proof too?)
CHAPTER_NETWORKS = (
    ((1, 1), "identity", "half_sse", 1, True),
    ((2, 3, 2), "sigmoid", "half_sse", 1, True),
    ((2, 3, 2), "tanh", "mse", 2, True),
    ((3, 2, 2), ("relu", "identity"), "sse", 2, False),
    ((2, 2, 2), "sigmoid", "bce", 2, True),
    ((2, 3, 3), ("tanh", "softmax"), "cross_entropy", 2, True),
    ((2, 3, 3), ("sigmoid", "softmax"), "half_sse", 1, True),
    ((3, 4, 2), ("relu", "sigmoid"), "half_sse", 3, False),
    ((4, 1, 3), ("sigmoid", "tanh"), "mse", 1, True),
    ((2, 2, 2, 2), ("tanh", "sigmoid", "softmax"), "cross_entropy", 1, True),
    ((1, 2, 3, 2, 1), ("tanh", "sigmoid", "relu", "identity"), "half_sse", 2, False),
)


def _acts(activations):
    return activations if isinstance(activations, str) else list(activations)


@shared_result
def check_networks(configs=CHAPTER_NETWORKS) -> list[dict]:
    """BP1–BP4 against ``sympy.diff`` (:func:`check_equations`, 3 exact points, and symbolically where
    asked) and the engine against ``sympy.diff`` (:func:`engine_gradient_error`) on each network of
    ``configs`` ((sizes, activations, loss, batch size, symbolic?) each).

    One dict per network, plain data only: ``sizes``, ``activations`` (a name or a list), ``loss``,
    ``m``, ``n_params``, ``n_points``, ``disagree`` (mismatching partial derivatives × points),
    ``symbolic`` (None when not asked, else whether every difference simplified to 0),
    ``engine_error`` (max |engine − sympy.diff|) and ``ok``.
    """
    rows = []
    for sizes, acts, loss, m, sym in configs:
        # the network, data, loss and pre-activations once, for the check and the engine's comparison
        net = SymbolicNetwork(list(sizes), _acts(acts))
        x, t = _exact_data(net, m, loss, 0)
        Lexpr = net.loss(x, t, loss)
        z = net.forward(x)[0] if "relu" in net.activations else None
        r = check_equations(list(sizes), _acts(acts), loss, m=m, symbolic=sym, x=x, t=t)
        eng = _engine_error(net, x, t, loss, m, 0, Lexpr, z)
        rows.append({"sizes": list(sizes), "activations": _acts(acts), "loss": loss, "m": m,
                     "n_params": r.n_params, "n_points": r.n_points, "disagree": len(r.mismatches),
                     "symbolic": r.symbolic, "engine_error": float(eng), "ok": r.ok})
    return rows


_NETWORKS_HEAD = {
    "en": ("| network | activations | loss | batch | partials | exact points | disagree | symbolic | engine vs sympy |"),
    "zh": ("| 网络 | 激活函数 | 损失函数 | 批量大小 | 偏导数 | 精确点 | 不一致 | 符号证明 | 引擎与 sympy 之差 |"),
}
_SYMBOLIC = {"en": ("–", "zero", "NOT zero"), "zh": ("–", "差为 0", "差不为 0")}


def networks_markdown(rows: list[dict], lang: str = "en") -> str:
    """The chapter's table of :func:`check_networks` rows, in ``lang``."""
    none, zero, nonzero = _SYMBOLIC[check_lang(lang)]
    out = [_NETWORKS_HEAD[lang], "|---|---|---|---:|---:|---:|---:|---|---|"]
    for r in rows:
        acts = r["activations"] if isinstance(r["activations"], str) else ", ".join(r["activations"])
        sym = none if r["symbolic"] is None else (zero if r["symbolic"] else nonzero)
        eng = r["engine_error"]
        out.append(f"| {'-'.join(map(str, r['sizes']))} | {acts} | `{r['loss']}` | {r['m']} | {r['n_params']} | "
                   f"{r['n_points']} | {r['disagree']} | {sym} | {'< 1e-12' if eng < 1e-12 else f'{eng:.1e}'} |")
    return "\n".join(out)


def networks_glue(rows: list[dict], lang: str = "en") -> dict:
    """The numbers the chapter's prose quotes from :func:`check_networks` rows: how many networks,
    exact points per network, exact comparisons in all, and whether all pass (words, in ``lang``)."""
    all_ok = all(r["ok"] for r in rows)
    words = {"en": ("all", "NOT all"), "zh": ("全部", "并非全部")}[check_lang(lang)]
    return {"n_configs": len(rows), "n_points": rows[0]["n_points"],
            "n_partials": sum(r["n_params"] * r["n_points"] for r in rows),
            "all_ok": words[0] if all_ok else words[1]}


@shared_result
def fused_checks(sizes=(2, 3, 3), m: int = 2) -> list[GradientCheck]:
    """BP1–BP4 with BP1 replaced by each fused output error the losses declare
    (:func:`fused_equations`), on a network of ``sizes`` with a sigmoid hidden layer and that
    output activation, a batch of ``m``; symbolically too for softmax.  Labels are bilingual, so
    ``.summary(lang)`` speaks either language."""
    from ..losses import LOSSES

    out = []
    for loss in LOSSES.values():
        for act in loss.fused:
            r = check_equations(list(sizes), ["sigmoid", act], loss.name, m=m, symbolic=act == "softmax",
                                eqs=fused_equations(loss.name, act))
            r.mismatches = [tuple(str(v) for v in mm) for mm in r.mismatches]     # plain data
            r.symbolic_failures = [tuple(str(v) for v in f) for f in r.symbolic_failures]
            out.append(r)
    return out


#: the networks the perturbed equations are checked on: 2-3-2 sigmoid, 3-3-3 tanh (square matrices,
#: so a missing transpose still fits), 2-3-3 softmax with cross-entropy
PERTURBATION_NETWORKS = (
    ((2, 3, 2), "sigmoid", "half_sse"),
    ((3, 3, 3), "tanh", "half_sse"),
    ((2, 3, 3), ("sigmoid", "softmax"), "cross_entropy"),
)


@shared_result
def perturbation_checks(nets=PERTURBATION_NETWORKS, m: int = 2, points: int = 2) -> list[tuple]:
    """Each of :data:`PERTURBATIONS` checked by :func:`check_equations` on each network of ``nets``.

    One (name, results) pair per perturbation, ``name`` its bilingual name, ``results`` one entry
    per network: ``"passes"`` (the check did not catch it), ``"undefined"`` (the shapes do not fit)
    or the number of mismatching partial derivatives × points.
    """
    out = []
    for name, eqs in PERTURBATIONS.items():
        cells = []
        for sizes, acts, loss in nets:
            r = check_equations(list(sizes), _acts(acts), loss, eqs=eqs, m=m, points=points)
            cells.append("passes" if r.ok else ("undefined" if r.error else len(r.mismatches)))
        out.append((name, cells))
    return out


_PERTURB_WORDS = {"en": ("wrong equation", "passes (!)", "undefined", "{} disagree"),
                  "zh": ("错误的方程", "通过（！）", "无定义", "{} 处不一致")}


def perturbations_markdown(results: list[tuple], nets=PERTURBATION_NETWORKS, lang: str = "en") -> str:
    """The chapter's table of :func:`perturbation_checks` results on ``nets``, in ``lang``; a network's
    column is named by its sizes and its output activation."""
    head, passes, undefined, disagree = _PERTURB_WORDS[check_lang(lang)]
    cols = [f"{'-'.join(map(str, sizes))} {acts if isinstance(acts, str) else acts[-1]}" for sizes, acts, _ in nets]
    out = [f"| {head} | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, cells in results:
        words = [passes if c == "passes" else (undefined if c == "undefined" else disagree.format(c)) for c in cells]
        out.append(f"| {_in(name, lang)} | " + " | ".join(words) + " |")
    return "\n".join(out)


_BACKWARD_FORMULAS = {
    "BP1": "$\\delta^{(L)} = \\nabla_a L \\odot f_L'(z^{(L)})$",
    "BP2": "$\\delta^{(l)} = ((W^{(l+1)})^T \\delta^{(l+1)}) \\odot f_l'(z^{(l)})$",
    "BP3": "$\\partial L/\\partial b^{(l)} = \\delta^{(l)}$",
    "BP4": "$\\partial L/\\partial W^{(l)} = \\delta^{(l)} (a^{(l-1)})^T$",
}


def backward_lines_markdown(lang: str = "en") -> str:
    """A table of the lines of :meth:`bpnn.network.Network.backward` whose comment names BP1–BP4,
    read from its source, with each equation's formula; headers in ``lang``."""
    import inspect

    from ..network import Network

    head = {"en": "| equation | line of `Network.backward` |",
            "zh": "| 方程 | `Network.backward` 中的代码行 |"}[check_lang(lang)]
    # backward checks its arguments and runs _backward (which bpnn.fit calls directly): the
    # equations' lines are there
    src = (inspect.getsource(Network.backward) + inspect.getsource(Network._backward)).splitlines()
    rows = [head, "|---|---|"]
    for tag, formula in _BACKWARD_FORMULAS.items():
        for line in src:
            if line.rstrip().endswith("# " + tag):
                code = line.split("#")[0].strip().replace("|", "\\|")
                rows.append(f"| {tag}: {formula} | `{code}` |")
    return "\n".join(rows)
