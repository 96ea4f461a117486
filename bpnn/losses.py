"""Loss functions, with their conventions spelled out.

``a`` is the output activation and ``t`` the target, both of shape
``(units,)`` for one sample or ``(units, m)`` for a batch of m samples stored
as columns.  ``value(a, t)`` returns a Python float; ``grad(a, t)`` returns
∂L/∂a with the shape of ``a``.

=================  ==========================================  ===================
name               L                                           reduction
=================  ==========================================  ===================
``half_sse``       ½ Σ (a − t)²                                 sum over units and samples
``sse``            Σ (a − t)²                                   sum over units and samples
``mse``            (1/(n·m)) Σ (a − t)²                         mean over units and samples
``bce``            −(1/(n·m)) Σ [t ln a + (1 − t) ln(1 − a)]    mean over units and samples
``cross_entropy``  −(1/m) Σ_samples Σ_units t ln a              mean over samples (use with softmax)
=================  ==========================================  ===================

``half_sse`` is the convention of most hand-worked examples: its gradient is
simply ``a − t``.  ``bce`` matches PyTorch's ``BCELoss`` and ``cross_entropy``
on softmax outputs matches ``CrossEntropyLoss`` (which takes logits).

:func:`output_delta` gives δ^L = ∂L/∂z^L, using the fused closed forms
(softmax + cross_entropy, sigmoid + bce: δ^L = (a − t)/scale) where they
apply, which avoids dividing by a or 1 − a.

**Computed from z.**  ``bce`` after a sigmoid and ``cross_entropy`` after a
softmax are computed from the output layer's weighted input z, not from the
rounded probability a: ln σ(z) = −softplus(−z), ln(1 − σ(z)) = −softplus(z)
and ln softmax(z)_j = z_j − logsumexp(z).  So z = 37, t = 0 gives a bce of
37.0 (ln of the clipped 1 − a would give 690.78), logits (800, 0) with the
second class give a cross-entropy of 800, and the values stay right to full
precision for every finite z.  The output error stays the fused
δ = (a − t)/scale of :func:`output_delta`, bit for bit what it was (and what
PyTorch computes): its absolute error is below an ulp of 1 for every z, which
is all a gradient step needs.  :func:`loss_value`, :func:`loss_grad` and
:func:`loss_terms` take (activation, z, a, t) and use these forms where the
loss has one for that activation (``Loss.on_z``); ``Loss.value(a, t)`` on
probabilities alone stays the clipped formula of the table above.

**One object per loss.**  Each :class:`Loss` carries its NumPy value,
gradient and per-unit terms, its domain (output activations, targets), its
fused output errors keyed by activation name (``fused``, NumPy, and
``fused_sympy``), and its sympy forms (``sympy_value``, ``sympy_grad``) that
``bpnn.symbolic`` and ``bpnn.proofs`` use; sympy is imported only when
those are called.  :func:`register_loss` adds one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .errors import BpnnError
from .registry import Registry

__all__ = ["Loss", "ZForm", "LOSSES", "get_loss", "register_loss", "output_delta", "loss_value", "loss_grad",
           "loss_terms"]

_EPS = 1e-300  # guards log(0); the clipped value only matters for a = 0 exactly


def _count(a):
    a = np.asarray(a)
    n = a.shape[0]
    m = a.shape[1] if a.ndim == 2 else 1
    return n, m


def _half_sse(a, t):
    d = a - t
    return 0.5 * float(np.add.reduce(d * d, axis=None))   # = (d * d).sum(), without the method's wrapper


def _sse(a, t):
    d = a - t
    return float(np.sum(d * d))


def _mse(a, t):
    d = a - t
    return float(np.mean(d * d))


def _bce(a, t):
    n, m = _count(a)
    return float(-np.sum(t * np.log(np.maximum(a, _EPS)) + (1 - t) * np.log(np.maximum(1 - a, _EPS))) / (n * m))


def _ce(a, t):
    _, m = _count(a)
    return float(-np.sum(t * np.log(np.maximum(a, _EPS))) / m)


def _half_sse_grad(a, t):
    return a - t


def _sse_grad(a, t):
    return 2.0 * (a - t)


def _mse_grad(a, t):
    n, m = _count(a)
    return 2.0 * (a - t) / (n * m)


def _bce_grad(a, t):
    n, m = _count(a)
    return (a - t) / (np.maximum(a * (1 - a), _EPS) * n * m)


def _ce_grad(a, t):
    _, m = _count(a)
    return -t / (np.maximum(a, _EPS) * m)


def _half_sse_terms(a, t):
    return 0.5 * (a - t) ** 2


def _sse_terms(a, t):
    return (a - t) ** 2


def _mse_terms(a, t):
    n, m = _count(a)
    return (a - t) ** 2 / (n * m)


def _bce_terms(a, t):
    n, m = _count(a)
    return -(t * np.log(np.maximum(a, _EPS)) + (1 - t) * np.log(np.maximum(1 - a, _EPS))) / (n * m)


def _ce_terms(a, t):
    _, m = _count(a)
    return -t * np.log(np.maximum(a, _EPS)) / m


def _first(mask) -> str:
    idx = tuple(int(i) for i in np.argwhere(mask)[0])
    return "".join(f"[{i}]" for i in idx)


def _bce_targets(t):
    bad = (t < 0) | (t > 1)
    if bad.any():
        i = _first(bad)
        return f"targets in [0, 1]; target{i} is {t[tuple(np.argwhere(bad)[0])]:.6g}"
    return None


def _ce_targets(t):
    if (t < 0).any():
        i = _first(t < 0)
        return f"targets that are probability distributions; target{i} is negative ({t[tuple(np.argwhere(t < 0)[0])]:.6g})"
    sums = t.sum(axis=0)
    bad = np.abs(sums - 1.0) > 1e-9
    if np.any(bad):
        if t.ndim == 1:
            return f"targets that are probability distributions (summing to 1); the target sums to {float(sums):.6g}"
        j = int(np.argwhere(bad)[0][0])
        return (f"targets that are probability distributions (each column summing to 1); "
                f"column {j} of the target sums to {float(sums[j]):.6g}")
    return None


# ----------------------------------------------------------------------------- losses computed from z
def _softplus(x):
    """ln(1 + e^x) without overflow or cancellation: max(x, 0) + ln(1 + e^−|x|)."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _sig(x):
    # σ(x), exponentiating only −|x| (the same formula as bpnn.activations.sigmoid)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _bce_z_elements(z, t):
    # −[t ln σ(z) + (1 − t) ln(1 − σ(z))] = t softplus(−z) + (1 − t) softplus(z); a zero weight adds 0
    return np.where(t != 0, t * _softplus(-z), 0.0) + np.where(t != 1, (1 - t) * _softplus(z), 0.0)


def _bce_z_value(z, t):
    n, m = _count(z)
    return float(np.sum(_bce_z_elements(z, t)) / (n * m))


def _bce_z_terms(z, t):
    n, m = _count(z)
    return _bce_z_elements(z, t) / (n * m)


def _bce_z_residual(z, a, t):
    """σ(z) − t to full precision: (1 − t) − σ(−z) where z > 0 and t ≥ ½ (1 − t is then exact)."""
    upper = (z > 0) & (t >= 0.5)
    if not upper.any():
        return a - t
    return np.where(upper, (1 - t) - _sig(-z), a - t)


def _bce_z_grad(z, a, t):
    """∂L/∂a = (a − t) / (a (1 − a)) / (n m) with a (1 − a) = σ(z) σ(−z); for t = 1 it is −1/a = −(1 + e^−z),
    for t = 0 it is 1/(1 − a) = 1 + e^z (exact where a rounds to 0 or 1; ±inf only beyond float64)."""
    n, m = _count(z)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore", under="ignore"):
        g = _bce_z_residual(z, a, t) / (_sig(z) * _sig(-z))
        g = np.where(t == 1, -(1 + np.exp(-z)), np.where(t == 0, 1 + np.exp(z), g))
    return g / (n * m)


def _log_softmax(z):
    """(ln softmax(z), index of each column's largest z, the sum of the other units' softmax / the largest's).

    ln a_j = (z_j − z_max) − ln(1 + r) with r = Σ_{k ≠ argmax} e^(z_k − z_max), so the largest unit's
    ln a is −ln1p(r), right to full precision even when r is far below an ulp of 1.
    """
    zmax = np.max(z, axis=0)
    i = np.argmax(z, axis=0)
    e = np.exp(z - zmax)
    if z.ndim == 1:
        e[i] = 0.0
    else:
        e[i, np.arange(z.shape[1])] = 0.0
    r = np.sum(e, axis=0)
    return (z - zmax) - np.log1p(r), i, r


def _ce_z_elements(z, t):
    log_a, _, _ = _log_softmax(z)
    return np.where(t != 0, -t * log_a, 0.0)


def _ce_z_value(z, t):
    _, m = _count(z)
    return float(np.sum(_ce_z_elements(z, t)) / m)


def _ce_z_terms(z, t):
    _, m = _count(z)
    return _ce_z_elements(z, t) / m


def _ce_z_grad(z, a, t):
    """∂L/∂a_j = −t_j / (a_j m), with 1/a_j = e^(−ln a_j) from z (0 where t_j = 0; −inf only beyond float64)."""
    _, m = _count(z)
    log_a, _, _ = _log_softmax(z)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.where(t != 0, -t * np.exp(-log_a), 0.0) / m


@dataclass(frozen=True)
class ZForm:
    """A loss written on the output layer's weighted input z for one output activation.

    ``value(z, t)`` is the loss (a float), ``terms(z, t)`` each unit's share and ``grad(z, a, t)``
    the gradient ∂L/∂a (shaped like z); ``a`` is f(z) as the forward pass computed it (used where
    it is exact enough).  The output error δ = ∂L/∂z is the loss's ``fused`` form.
    """

    value: Callable
    terms: Callable
    grad: Callable


@dataclass(frozen=True)
class Loss:
    """A loss ``value(a, t)`` with its gradient ``grad(a, t)`` = ∂L/∂a.

    ``terms(a, t)`` gives each output unit's share of the loss (they sum to the
    loss: for ``half_sse`` the term of unit j is ½(a_j − t_j)²).  ``output``
    names the output activations whose range the loss needs (None: any) and
    ``targets`` checks the target's domain, returning what is wrong or None.
    """

    name: str
    value: Callable[[np.ndarray, np.ndarray], float]
    grad: Callable[[np.ndarray, np.ndarray], np.ndarray]
    terms: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
    output: tuple[str, ...] | None = None
    output_range: str = ""
    targets: Callable[[np.ndarray], str | None] | None = None
    #: δ^L = ∂L/∂z^L in closed form for an output activation (name → function of a, t)
    fused: dict = field(default_factory=dict)
    #: the same closed forms for sympy matrices (name → function of A, T)
    fused_sympy: dict = field(default_factory=dict)
    #: L of sympy matrices A, T (columns are samples), and ∇_a L in closed form
    sympy_value: Callable | None = None
    sympy_grad: Callable | None = None
    #: the loss computed from z for an output activation (name → :class:`ZForm`); used by
    #: :func:`loss_value`, :func:`loss_grad` and :func:`loss_terms`
    on_z: dict = field(default_factory=dict)

    def __call__(self, a, t):
        return self.value(a, t)

    def expr(self, a, t):
        """The loss of sympy matrices (a, t) with this loss's reduction."""
        return self.sympy_value(a, t)

    def grad_expr(self, a, t):
        """∇_a L of sympy matrices in closed form."""
        return self.sympy_grad(a, t)

    def check(self, activation, t, layer: int | str | None = None) -> None:
        """Refuse an output activation or a target outside this loss's domain, saying what to change.

        ``layer`` is the output layer's number, or a phrase naming it (the spec says ``layers[1]``).
        """
        if self.output is not None and activation.name not in self.output:
            where = layer if isinstance(layer, str) else f"the output layer (layer {layer})" if layer else "the output layer"
            raise BpnnError(
                f"loss {self.name} needs {self.output_range}, but {where} uses {activation.name}; "
                f"use {' or '.join(self.output)} in the output layer, or another loss (e.g. half_sse)"
            )
        if self.targets is not None:
            problem = self.targets(t)
            if problem:
                raise BpnnError(f"loss {self.name} needs {problem}")


def _cells(a, t):
    n, m = a.shape
    return [(a[i, j], t[i, j]) for i in range(n) for j in range(m)], n, m


def _sym_matrix(a, fn):
    import sympy as sp

    n, m = a.shape
    return sp.Matrix(n, m, lambda i, j: fn(i, j))


def _sym_bce(a, t):
    import sympy as sp

    cells, n, m = _cells(a, t)
    return -sum(ti * sp.log(ai) + (1 - ti) * sp.log(1 - ai) for ai, ti in cells) / (n * m)


def _sym_ce(a, t):
    import sympy as sp

    cells, n, m = _cells(a, t)
    return -sum(ti * sp.log(ai) for ai, ti in cells) / m


def _sym_half_sse(a, t):
    import sympy as sp

    return sp.Rational(1, 2) * sum((ai - ti) ** 2 for ai, ti in _cells(a, t)[0])


def _sym_mse(a, t):
    cells, n, m = _cells(a, t)
    return sum((ai - ti) ** 2 for ai, ti in cells) / (n * m)


def _fused_ce(a, t):
    _, m = _count(a)
    return (a - t) / m


def _fused_bce(a, t):
    n, m = _count(a)
    return (a - t) / (n * m)


LOSSES: Registry = Registry(Loss, "loss")


def register_loss(loss: Loss) -> Loss:
    """Make a loss known by name everywhere (engine, specs, symbolic reference, proofs)."""
    return LOSSES.register(loss)


for _l in (
    Loss("half_sse", _half_sse, _half_sse_grad, _half_sse_terms,
         sympy_value=_sym_half_sse, sympy_grad=lambda a, t: a - t),
    Loss("sse", _sse, _sse_grad, _sse_terms,
         sympy_value=lambda a, t: sum((ai - ti) ** 2 for ai, ti in _cells(a, t)[0]),
         sympy_grad=lambda a, t: 2 * (a - t)),
    Loss("mse", _mse, _mse_grad, _mse_terms,
         sympy_value=_sym_mse, sympy_grad=lambda a, t: 2 * (a - t) / (a.shape[0] * a.shape[1])),
    Loss("bce", _bce, _bce_grad, _bce_terms, ("sigmoid",), "outputs in (0, 1)", _bce_targets,
         fused={"sigmoid": _fused_bce},
         fused_sympy={"sigmoid": lambda a, t: (a - t) / (a.shape[0] * a.shape[1])},
         sympy_value=_sym_bce, on_z={"sigmoid": ZForm(_bce_z_value, _bce_z_terms, _bce_z_grad)},
         sympy_grad=lambda a, t: _sym_matrix(a, lambda i, j: (a[i, j] - t[i, j]) / (
             a[i, j] * (1 - a[i, j]) * a.shape[0] * a.shape[1]))),
    Loss("cross_entropy", _ce, _ce_grad, _ce_terms, ("softmax",),
         "outputs that form a probability distribution", _ce_targets,
         fused={"softmax": _fused_ce},
         fused_sympy={"softmax": lambda a, t: (a - t) / a.shape[1]},
         sympy_value=_sym_ce, on_z={"softmax": ZForm(_ce_z_value, _ce_z_terms, _ce_z_grad)},
         sympy_grad=lambda a, t: _sym_matrix(a, lambda i, j: -t[i, j] / (a[i, j] * a.shape[1]))),
):
    register_loss(_l)


def get_loss(name: str | Loss) -> Loss:
    """Look a loss up by name; unknown names raise a clear error."""
    return LOSSES.lookup(name)


def output_delta(loss: Loss, activation, z, a, t):
    """δ^L = ∂L/∂z^L for the output layer (equation BP1).

    Uses the loss's fused form for this output activation where it has one
    (softmax + cross_entropy, sigmoid + bce: (a − t)/scale), and the general
    ``activation.backprop(z, a, ∂L/∂a)`` otherwise.
    """
    fused = loss.fused.get(activation.name)
    if fused is not None:
        return fused(a, t)
    return activation.backprop(z, a, loss.grad(a, t))


def loss_value(loss: Loss, activation, z, a, t) -> float:
    """L for the output layer's z and a = f(z): from z where the loss has a form for this activation."""
    zf = loss.on_z.get(activation.name)
    return zf.value(z, t) if zf is not None else loss.value(a, t)


def loss_grad(loss: Loss, activation, z, a, t):
    """∂L/∂a for the output layer, from z where the loss has a form for this activation."""
    zf = loss.on_z.get(activation.name)
    return zf.grad(z, a, t) if zf is not None else loss.grad(a, t)


def loss_terms(loss: Loss, activation, z, a, t):
    """Each output unit's share of L (None when the loss has no terms), from z where it can."""
    zf = loss.on_z.get(activation.name)
    if zf is not None:
        return zf.terms(z, t)
    return loss.terms(a, t) if loss.terms is not None else None
