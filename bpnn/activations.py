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
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import BpnnError

__all__ = ["Activation", "ACTIVATIONS", "get_activation", "sigmoid", "sigmoid_prime"]


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


@dataclass(frozen=True)
class Activation:
    """An activation function ``f`` with its derivative ``f'``.

    ``derivative`` is None for softmax, whose derivative is a Jacobian; use
    :meth:`backprop` to apply the transpose Jacobian to a gradient instead.
    """

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray], np.ndarray] | None
    #: f' written in terms of a = f(z) (sigmoid: a(1 − a), tanh: 1 − a²); the backward
    #: pass uses it to avoid evaluating f again.  Gives the same bits as ``derivative(z)``.
    derivative_from_a: Callable[[np.ndarray], np.ndarray] | None = None

    def __call__(self, z):
        return self.f(z)

    def backprop(self, z, a, grad_a):
        """Return δ = ∂L/∂z from ∂L/∂a (``grad_a``) for this layer."""
        if self.derivative_from_a is not None:
            return grad_a * self.derivative_from_a(a)
        if self.derivative is not None:
            return grad_a * self.derivative(z)
        # softmax: (J^T g)_i = a_i (g_i − Σ_k a_k g_k), per sample (column).
        return a * (grad_a - np.sum(a * grad_a, axis=0, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, lambda a: a * (1.0 - a)),
    "tanh": Activation("tanh", np.tanh, _tanh_prime, lambda a: 1.0 - a * a),
    "relu": Activation("relu", _relu, _relu_prime),
    "identity": Activation("identity", _identity, _ones_like),
    "softmax": Activation("softmax", softmax, None),
}


def get_activation(name: str | Activation, where: str = "") -> Activation:
    """Look an activation up by name; unknown names raise a clear error."""
    if isinstance(name, Activation):
        return name
    if isinstance(name, str) and name in ACTIVATIONS:
        return ACTIVATIONS[name]
    prefix = f"{where}: " if where else ""
    if not isinstance(name, str):
        from .values import describe

        raise BpnnError(f"{prefix}activation must be a name ({', '.join(sorted(ACTIVATIONS))}); got {describe(name)}")
    shown = name if len(name) <= 40 else name[:37] + "..."
    raise BpnnError(
        f"{prefix}unknown activation {shown!r}; expected one of {', '.join(sorted(ACTIVATIONS))}"
    )
