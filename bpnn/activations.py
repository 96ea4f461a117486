"""Activation functions and their derivatives.

Every activation maps the weighted input ``z`` of a layer to its activation
``a = f(z)``, elementwise except for softmax.  Arrays are float64 and keep the
shape of ``z``: ``(units,)`` for one sample or ``(units, m)`` for a batch whose
columns are samples (see :mod:`bpnn.network`).

The backward pass never calls ``derivative`` directly; it calls
``backprop(z, a, grad_a)``, which returns ``delta = dL/dz`` given ``grad_a =
dL/da``.  For an elementwise activation that is ``grad_a * f'(z)`` (the
Hadamard product of equation BP1/BP2 in the book); softmax, whose Jacobian is
not diagonal, overrides it.

**One object per activation.**  Each :class:`Activation` carries everything
any part of the project needs: the NumPy function and derivative the engine
uses, and the sympy forms (``sympy_f``, ``sympy_derivative``, and for a
non-elementwise activation ``sympy_columns`` and ``sympy_vjp``) that
``bpnn.symbolic`` and ``bpnn.proofs`` use.  The sympy forms import
sympy only when called, so ``import bpnn`` does not load it.  Adding an
activation is one call to :func:`register_activation`; the spec reader, the
engine, the symbolic reference and the proofs then all know it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import BpnnError
from .registry import Registry

__all__ = ["Activation", "ACTIVATIONS", "get_activation", "register_activation", "sigmoid", "sigmoid_prime"]


def sigmoid(z):
    """Logistic function 1 / (1 + e^{-z}), computed without overflow.

    For z >= 0 it uses 1/(1+e^{-z}); for z < 0 the algebraically equal
    e^{z}/(1+e^{z}).  Both only ever exponentiate -|z|, so z = ±1000 gives
    exactly 1.0 and 0.0 with no warning.
    """
    z = np.asarray(z, dtype=np.float64)
    if z.ndim == 0:
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    # the same operations (hence the same bits) in place, without computing both branches
    e = np.abs(z)
    np.negative(e, out=e)
    np.exp(e, out=e)
    num = np.where(z >= 0, 1.0, e)
    np.add(e, 1.0, out=e)
    return np.divide(num, e, out=num)


def sigmoid_prime(z):
    """σ'(z) = σ(z)(1 − σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def _tanh_prime(z):
    t = np.tanh(z)
    return 1.0 - t * t


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_prime(z):
    # Convention: the derivative at exactly z = 0 is taken as 0.
    return (np.asarray(z) > 0).astype(np.float64)


def _identity(z):
    return np.array(z, dtype=np.float64, copy=True)


def _ones_like(z):
    return np.ones_like(np.asarray(z, dtype=np.float64))


def softmax(z):
    """Softmax over the unit axis (axis 0), shifted by the max for stability."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def _softmax_vjp(z, a, grad_a):
    """(J^T g)_i = a_i (g_i − Σ_k a_k g_k), per sample (column)."""
    return a * (grad_a - np.sum(a * grad_a, axis=0, keepdims=True))


# ----------------------------------------------------------------------------- sympy forms (sympy imported lazily)
def _sp():
    import sympy

    return sympy


def _sym_sigmoid(v):
    return 1 / (1 + _sp().exp(-v))


def _sym_sigmoid_prime(v):
    s = _sym_sigmoid(v)
    return s * (1 - s)


def _sym_softmax_columns(z):
    """softmax of every column of a sympy matrix."""
    sp = _sp()
    out = sp.zeros(*z.shape)
    for c in range(z.shape[1]):
        col = [sp.exp(z[r, c]) for r in range(z.shape[0])]
        s = sum(col)
        for r in range(z.shape[0]):
            out[r, c] = col[r] / s
    return out


def _sym_softmax_vjp(z, a, g):
    """(∂a/∂z)ᵀ g column by column: a_i (g_i − Σ_k a_k g_k)."""
    sp = _sp()
    out = sp.zeros(*a.shape)
    for c in range(a.shape[1]):
        s = sum(a[k, c] * g[k, c] for k in range(a.shape[0]))
        for i in range(a.shape[0]):
            out[i, c] = a[i, c] * (g[i, c] - s)
    return out


@dataclass(frozen=True)
class Activation:
    """An activation function ``f`` with its derivative ``f'``, in NumPy and in sympy.

    ``derivative`` is None for softmax, whose derivative is a Jacobian; use
    :meth:`backprop` to apply the transpose Jacobian to a gradient instead
    (``vjp`` gives it for such an activation).

    The sympy forms: ``sympy_f(v)`` and ``sympy_derivative(v)`` map one sympy
    expression to f(v) and f'(v) (elementwise activations); a non-elementwise
    one gives ``sympy_columns(Z)`` (f of every column of a matrix) and
    ``sympy_vjp(Z, A, G)`` ((∂a/∂z)ᵀ g, column by column) instead.
    """

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray], np.ndarray] | None
    #: f' written in terms of a = f(z) (sigmoid: a(1 − a), tanh: 1 − a²); the backward
    #: pass uses it to avoid evaluating f again.  Gives the same bits as ``derivative(z)``.
    derivative_from_a: Callable[[np.ndarray], np.ndarray] | None = None
    vjp: Callable | None = None
    sympy_f: Callable | None = None
    sympy_derivative: Callable | None = None
    sympy_columns: Callable | None = None
    sympy_vjp: Callable | None = None

    @property
    def elementwise(self) -> bool:
        return self.derivative is not None

    def __call__(self, z):
        return self.f(z)

    def backprop(self, z, a, grad_a):
        """Return δ = ∂L/∂z from ∂L/∂a (``grad_a``) for this layer."""
        if self.derivative_from_a is not None:
            return grad_a * self.derivative_from_a(a)
        if self.derivative is not None:
            return grad_a * self.derivative(z)
        return self.vjp(z, a, grad_a)

    # sympy, for bpnn.symbolic and bpnn.proofs
    def expr(self, z):
        """f applied to a sympy matrix (columns are samples)."""
        if self.sympy_columns is not None:
            return self.sympy_columns(z)
        return z.applyfunc(self.sympy_f)

    def derivative_expr(self, z):
        """f'(z) elementwise for a sympy matrix; an error for a non-elementwise activation."""
        if self.sympy_derivative is None:
            raise BpnnError(f"{self.name!r} has no elementwise derivative (its derivative is a Jacobian)")
        return z.applyfunc(self.sympy_derivative)

    def backprop_expr(self, z, a, g):
        """(∂a/∂z)ᵀ g in sympy: g ⊙ f'(z) for an elementwise activation."""
        if self.sympy_vjp is not None:
            return self.sympy_vjp(z, a, g)
        return g.multiply_elementwise(self.derivative_expr(z))


ACTIVATIONS: Registry = Registry(Activation, "activation")


def register_activation(act: Activation) -> Activation:
    """Make an activation known by name everywhere (engine, specs, symbolic reference, proofs)."""
    return ACTIVATIONS.register(act)


for _a in (
    Activation("sigmoid", sigmoid, sigmoid_prime, lambda a: a * (1.0 - a),
               sympy_f=_sym_sigmoid, sympy_derivative=_sym_sigmoid_prime),
    Activation("tanh", np.tanh, _tanh_prime, lambda a: 1.0 - a * a,
               sympy_f=lambda v: _sp().tanh(v), sympy_derivative=lambda v: 1 - _sp().tanh(v) ** 2),
    Activation("relu", _relu, _relu_prime,
               sympy_f=lambda v: _sp().Max(0, v), sympy_derivative=lambda v: _sp().Piecewise((1, v > 0), (0, True))),
    Activation("identity", _identity, _ones_like, sympy_f=lambda v: v, sympy_derivative=lambda v: _sp().Integer(1)),
    Activation("softmax", softmax, None, vjp=_softmax_vjp,
               sympy_columns=_sym_softmax_columns, sympy_vjp=_sym_softmax_vjp),
):
    register_activation(_a)


def get_activation(name: str | Activation, where: str = "") -> Activation:
    """Look an activation up by name; unknown names raise a clear error."""
    return ACTIVATIONS.lookup(name, where)
