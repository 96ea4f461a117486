"""Central-difference gradient check.

∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h for every weight and bias, compared with
the backward pass array by array (each W[l] and each b[l] on its own) by the
norm-wise relative error ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖).  Comparing whole arrays
rather than single entries keeps the round-off of central differences (about
1e-11 absolute) from swamping entries that are themselves near zero, while a
mistake confined to one layer still shows in that layer's error.
"""
from __future__ import annotations

import math
from numbers import Real

import numpy as np

from .errors import BpnnError
from .network import Network

__all__ = ["numerical_gradients", "max_relative_error"]


def _step(h) -> float:
    """The difference step, refused unless a finite number > 0 (h = 0 divides by zero)."""
    if isinstance(h, bool) or not isinstance(h, Real) or not math.isfinite(h) or h <= 0:
        raise BpnnError(f"h = {h!r}: the difference step must be a finite number greater than 0 (e.g. 1e-5)")
    return float(h)


def numerical_gradients(net: Network, x, t, loss="half_sse", h: float = 1e-5):
    """Central differences for every parameter: returns (grad_W, grad_b) lists indexed by layer (entry 0 None).
    ``h`` > 0 is the step; anything else is refused with a :class:`~bpnn.errors.BpnnError`."""
    h = _step(h)
    net = net.copy()
    grad_W: list = [None]
    grad_b: list = [None]
    for layer in net.layers:
        out = []
        for p in (layer.W, layer.b):
            g = np.zeros_like(p)
            it = np.nditer(p, flags=["multi_index"])
            for _ in it:
                i = it.multi_index
                old = p[i]
                p[i] = old + h
                lp = net.loss(x, t, loss)
                p[i] = old - h
                lm = net.loss(x, t, loss)
                p[i] = old
                g[i] = (lp - lm) / (2 * h)
            out.append(g)
        grad_W.append(out[0])
        grad_b.append(out[1])
    return grad_W, grad_b


def max_relative_error(net: Network, x, t, loss="half_sse", h: float = 1e-5) -> float:
    """Largest norm-wise relative error, over the arrays W[1], b[1], …, between backprop and central differences."""
    analytic = net.gradients(x, t, loss)
    num_W, num_b = numerical_gradients(net, x, t, loss, h)
    worst = 0.0
    for l in range(1, net.L + 1):
        for g, n in ((analytic.grad_W[l], num_W[l]), (analytic.grad_b[l], num_b[l])):
            denom = max(float(np.linalg.norm(g) + np.linalg.norm(n)), 1e-300)
            worst = max(worst, float(np.linalg.norm(g - n)) / denom)
    return worst
