"""Optimizers: plain SGD, momentum and Adam.

Sign convention: every optimizer *descends*.  For SGD the update is
``W ← W − η ∂L/∂W`` (the step is minus the learning rate times the gradient).
Frozen layers (``layer.trainable = False``) are left unchanged, as are their
optimizer states.
"""
from __future__ import annotations

import math

import numpy as np

from .errors import BpnnError
from .network import BackwardTrace, Network

__all__ = ["SGD", "Momentum", "Adam", "sgd_step"]


def _check_lr(lr) -> float:
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        raise BpnnError(f"learning rate must be a number; got {lr!r}") from None
    if not math.isfinite(lr) or lr <= 0:
        raise BpnnError(f"learning rate must be a positive finite number; got {lr!r}")
    return lr


class SGD:
    """θ ← θ − η ∇θ L."""

    def __init__(self, lr: float):
        self.lr = _check_lr(lr)

    def step(self, net: Network, grads: BackwardTrace) -> None:
        for l, layer in enumerate(net.layers, start=1):
            if layer.trainable:
                layer.W -= self.lr * grads.grad_W[l]
                layer.b -= self.lr * grads.grad_b[l]


class Momentum:
    """v ← β v + ∇θ L;  θ ← θ − η v   (heavy ball; v starts at 0)."""

    def __init__(self, lr: float, beta: float = 0.9):
        self.lr = _check_lr(lr)
        if not 0 <= beta < 1:
            raise BpnnError(f"momentum beta must be in [0, 1); got {beta!r}")
        self.beta = float(beta)
        self.v: dict = {}

    def step(self, net: Network, grads: BackwardTrace) -> None:
        for l, layer in enumerate(net.layers, start=1):
            if not layer.trainable:
                continue
            for key, p, g in (("W", layer.W, grads.grad_W[l]), ("b", layer.b, grads.grad_b[l])):
                v = self.v.get((l, key))
                v = g.copy() if v is None else self.beta * v + g
                self.v[(l, key)] = v
                p -= self.lr * v


class Adam:
    """Adam (Kingma & Ba, 2015) with bias correction; defaults β1=0.9, β2=0.999, ε=1e-8."""

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.lr = _check_lr(lr)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)
        self.m: dict = {}
        self.v: dict = {}
        self.t = 0

    def step(self, net: Network, grads: BackwardTrace) -> None:
        self.t += 1
        c1 = 1 - self.beta1**self.t
        c2 = 1 - self.beta2**self.t
        for l, layer in enumerate(net.layers, start=1):
            if not layer.trainable:
                continue
            for key, p, g in (("W", layer.W, grads.grad_W[l]), ("b", layer.b, grads.grad_b[l])):
                m = self.m.get((l, key), np.zeros_like(g))
                v = self.v.get((l, key), np.zeros_like(g))
                m = self.beta1 * m + (1 - self.beta1) * g
                v = self.beta2 * v + (1 - self.beta2) * g * g
                self.m[(l, key)], self.v[(l, key)] = m, v
                p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)


def sgd_step(net: Network, x, t, lr: float, loss="half_sse") -> BackwardTrace:
    """One SGD step on (x, t) in place; returns the gradients it used (computed before the step)."""
    grads = net.gradients(x, t, loss)
    SGD(lr).step(net, grads)
    return grads
