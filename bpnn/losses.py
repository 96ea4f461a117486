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
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import BpnnError

__all__ = ["Loss", "LOSSES", "get_loss", "output_delta"]

_EPS = 1e-300  # guards log(0); the clipped value only matters for a = 0 exactly


def _count(a):
    a = np.asarray(a)
    n = a.shape[0]
    m = a.shape[1] if a.ndim == 2 else 1
    return n, m


def _half_sse(a, t):
    d = a - t
    return 0.5 * float((d * d).sum())


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


@dataclass(frozen=True)
class Loss:
    """A loss ``value(a, t)`` with its gradient ``grad(a, t)`` = ∂L/∂a."""

    name: str
    value: Callable[[np.ndarray, np.ndarray], float]
    grad: Callable[[np.ndarray, np.ndarray], np.ndarray]

    def __call__(self, a, t):
        return self.value(a, t)


LOSSES: dict[str, Loss] = {
    "half_sse": Loss("half_sse", _half_sse, _half_sse_grad),
    "sse": Loss("sse", _sse, _sse_grad),
    "mse": Loss("mse", _mse, _mse_grad),
    "bce": Loss("bce", _bce, _bce_grad),
    "cross_entropy": Loss("cross_entropy", _ce, _ce_grad),
}


def get_loss(name: str | Loss) -> Loss:
    """Look a loss up by name; unknown names raise a clear error."""
    if isinstance(name, Loss):
        return name
    if isinstance(name, str) and name in LOSSES:
        return LOSSES[name]
    raise BpnnError(f"unknown loss {name!r}; expected one of {', '.join(sorted(LOSSES))}")


def output_delta(loss: Loss, activation, z, a, t):
    """δ^L = ∂L/∂z^L for the output layer (equation BP1).

    Uses the fused form for softmax + cross_entropy and sigmoid + bce, and
    the general ``activation.backprop(z, a, ∂L/∂a)`` otherwise.
    """
    if loss.name == "cross_entropy" and activation.name == "softmax":
        _, m = _count(a)
        return (a - t) / m
    if loss.name == "bce" and activation.name == "sigmoid":
        n, m = _count(a)
        return (a - t) / (n * m)
    return activation.backprop(z, a, loss.grad(a, t))
