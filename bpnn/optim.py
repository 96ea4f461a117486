"""Optimizers: plain SGD, momentum and Adam.

Sign convention: every optimizer *descends*.  For SGD the update is
``W ← W − η ∂L/∂W`` (the step is minus the learning rate times the gradient).
Frozen layers (``layer.trainable = False``) are left unchanged, as are their
optimizer states.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

from .errors import BpnnError
from .network import BackwardTrace, Network
from .values import all_finite, as_scalar, describe, largest

__all__ = ["SGD", "Momentum", "Adam", "sgd_step"]


def _check_lr(lr) -> float:
    if isinstance(lr, (bool, np.bool_)) or not isinstance(lr, numbers.Real):
        raise BpnnError(f"learning rate must be a positive finite number; got {describe(lr)}")
    try:
        lr = float(lr)
    except OverflowError:
        raise BpnnError("learning rate must be a positive finite number; got a number too large for float64") from None
    if not math.isfinite(lr) or lr <= 0:
        raise BpnnError(f"learning rate must be a positive finite number; got {lr!r}")
    return lr


def step_overflow_error(l: int, key: str, lr: float, g) -> BpnnError:
    name = "∂L/∂W" if key == "W" else "∂L/∂b"
    return BpnnError(f"layer {l}: the update of {key} overflows float64 (learning rate {lr:.3g}, largest "
                     f"|{name}| = {largest(g)}); use a smaller learning rate")


def _check_step(opt, net, grads) -> None:
    """``net`` a Network and ``grads`` gradients of a network of its shape; a stateful optimizer
    (momentum, Adam) stays with the layer sizes of the network it first stepped."""
    who = type(opt).__name__
    if not isinstance(net, Network):
        raise BpnnError(f"{who}.step needs a bpnn.Network; got {describe(net)}")
    if not isinstance(grads, BackwardTrace):
        raise BpnnError(f"{who}.step needs the gradients that net.backward or net.gradients returns; "
                        f"got {describe(grads)}")
    L = net.L
    if len(grads.grad_W) != L + 1 or len(grads.grad_b) != L + 1 or any(
            getattr(grads.grad_W[l], "shape", None) != layer.W.shape
            or getattr(grads.grad_b[l], "shape", None) != layer.b.shape
            for l, layer in enumerate(net.layers, start=1)):
        shapes = [getattr(g, "shape", None) for g in grads.grad_W[1:]]
        raise BpnnError(f"{who}.step was given the gradients of another network (weight gradients of shapes "
                        f"{shapes}; this network's weights have shapes {[l.W.shape for l in net.layers]})")
    sizes = getattr(opt, "_sizes", False)
    if sizes is not False:
        if sizes is None:
            opt._sizes = tuple(net.sizes)
        elif sizes != tuple(net.sizes):
            raise BpnnError(f"this {who} optimizer was used on a network with layer sizes {list(sizes)} and holds "
                            f"its state; make a new {who} for the network with layer sizes {net.sizes}")


def _apply(updates) -> None:
    """Subtract every update, after checking that none overflows (nothing changes on an error)."""
    new = []
    with np.errstate(all="ignore"):
        for l, key, p, upd, lr, g in updates:
            q = p - upd
            if not all_finite(q):
                raise step_overflow_error(l, key, lr, g)
            new.append((p, q))
    for p, q in new:
        p[...] = q


class SGD:
    """θ ← θ − η ∇θ L.

    ``train_biases=False`` updates the weights only (as in Mazur's worked
    example); the biases keep their values.  The update subtracts: a positive
    gradient lowers the parameter.

    Examples
    --------
    >>> import bpnn
    >>> net = bpnn.Network.from_weights(
    ...     weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
    ...     biases=[[0.35, 0.35], [0.60, 0.60]], activations=["sigmoid", "sigmoid"])
    >>> grads = net.backward(net.forward([0.05, 0.10]), [0.01, 0.99], "half_sse")
    >>> bpnn.SGD(0.5, train_biases=False).step(net, grads)
    >>> float(net.layers[1].W[0, 0].round(8))     # Mazur's w5+
    0.35891648
    >>> float(net.layers[1].b[0])                 # the bias kept its value
    0.6
    """

    def __init__(self, lr: float, train_biases: bool = True):
        self.lr = _check_lr(lr)
        if not isinstance(train_biases, (bool, np.bool_)):
            raise BpnnError(f"train_biases must be true or false; got {describe(train_biases)}")
        self.train_biases = bool(train_biases)

    def step(self, net: Network, grads: BackwardTrace) -> None:
        _check_step(self, net, grads)
        lr = self.lr
        updates = []
        with np.errstate(all="ignore"):
            for l, layer in enumerate(net.layers, start=1):
                if layer.trainable:
                    updates.append((l, "W", layer.W, lr * grads.grad_W[l], lr, grads.grad_W[l]))
                    if self.train_biases:
                        updates.append((l, "b", layer.b, lr * grads.grad_b[l], lr, grads.grad_b[l]))
        _apply(updates)


class Momentum:
    """v ← β v + ∇θ L;  θ ← θ − η v   (heavy ball; v starts at 0)."""

    def __init__(self, lr: float, beta: float = 0.9):
        self.lr = _check_lr(lr)
        beta = as_scalar(beta, "momentum beta")
        if not 0 <= beta < 1:
            raise BpnnError(f"momentum beta must be in [0, 1); got {beta!r}")
        self.beta = beta
        self.v: dict = {}
        self._sizes = None       # the layer sizes of the network it steps (set by the first step)

    def step(self, net: Network, grads: BackwardTrace) -> None:
        _check_step(self, net, grads)
        updates, state = [], {}
        with np.errstate(all="ignore"):
            for l, layer in enumerate(net.layers, start=1):
                if not layer.trainable:
                    continue
                for key, p, g in (("W", layer.W, grads.grad_W[l]), ("b", layer.b, grads.grad_b[l])):
                    v = self.v.get((l, key))
                    v = g.copy() if v is None else self.beta * v + g
                    state[(l, key)] = v
                    updates.append((l, key, p, self.lr * v, self.lr, v))
        _apply(updates)
        self.v.update(state)


class Adam:
    """Adam (Kingma & Ba, 2015) with bias correction; defaults β1=0.9, β2=0.999, ε=1e-8."""

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.lr = _check_lr(lr)
        self.beta1, self.beta2, self.eps = (as_scalar(v, f"Adam {n}") for n, v in
                                            (("beta1", beta1), ("beta2", beta2), ("eps", eps)))
        for n, v in (("beta1", self.beta1), ("beta2", self.beta2)):
            if not 0 <= v < 1:
                raise BpnnError(f"Adam {n} must be in [0, 1); got {v!r}")
        if self.eps <= 0:
            raise BpnnError(f"Adam eps must be positive; got {self.eps!r}")
        self.m: dict = {}
        self.v: dict = {}
        self.t = 0
        self._sizes = None       # the layer sizes of the network it steps (set by the first step)

    def step(self, net: Network, grads: BackwardTrace) -> None:
        _check_step(self, net, grads)
        t = self.t + 1
        c1 = 1 - self.beta1**t
        c2 = 1 - self.beta2**t
        updates, ms, vs = [], {}, {}
        with np.errstate(all="ignore"):
            for l, layer in enumerate(net.layers, start=1):
                if not layer.trainable:
                    continue
                for key, p, g in (("W", layer.W, grads.grad_W[l]), ("b", layer.b, grads.grad_b[l])):
                    m = self.m.get((l, key), np.zeros_like(g))
                    v = self.v.get((l, key), np.zeros_like(g))
                    m = self.beta1 * m + (1 - self.beta1) * g
                    v = self.beta2 * v + (1 - self.beta2) * g * g
                    ms[(l, key)], vs[(l, key)] = m, v
                    updates.append((l, key, p, self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps), self.lr, g))
        _apply(updates)
        self.t = t
        self.m.update(ms)
        self.v.update(vs)


def sgd_step(net: Network, x, t, lr: float, loss="half_sse", train_biases: bool = True) -> BackwardTrace:
    """One SGD step on (x, t) in place; returns the gradients it used (computed before the step)."""
    if not isinstance(net, Network):
        raise BpnnError(f"sgd_step needs a bpnn.Network; got {describe(net)}")
    opt = SGD(lr, train_biases)
    grads = net.gradients(x, t, loss)
    opt.step(net, grads)
    return grads
