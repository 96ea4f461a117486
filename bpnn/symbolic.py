"""The same networks in exact symbolic algebra (sympy), as an independent reference.

Nothing here shares code with :mod:`bpnn.network`: the forward pass is written
out as sympy expressions and gradients come from ``sympy.diff`` of the loss,
not from the four backpropagation equations.  That makes it a reference the
engine (and the formulas the articles state) can be checked against.

Shapes and conventions match the engine: ``W[l]`` is an (n_l × n_{l-1})
matrix, ``b[l]`` an n_l × 1 column, samples are columns; lists are indexed by
layer number with entry 0 unused (``None``) or the input.
"""
from __future__ import annotations

from typing import Sequence

import sympy as sp

from .errors import BpnnError

__all__ = ["SymbolicNetwork", "activation_expr", "loss_expr", "weight_symbols", "bias_symbols"]


def activation_expr(name: str, z: sp.Matrix) -> sp.Matrix:
    """f(z) for a column (or matrix of columns) of sympy expressions (the activation's own sympy form)."""
    return activation(name).expr(z)


def activation(name):
    """The registered :class:`~bpnn.activations.Activation` called ``name`` (its sympy forms)."""
    from .activations import ACTIVATIONS

    if name not in ACTIVATIONS:
        raise BpnnError(f"unknown activation {name!r}")
    return ACTIVATIONS[name]


def loss_expr(name: str, a: sp.Matrix, t: sp.Matrix) -> sp.Expr:
    """The loss with the conventions of :mod:`bpnn.losses` (the loss's own sympy form)."""
    from .losses import LOSSES

    if name not in LOSSES:
        raise BpnnError(f"unknown loss {name!r}")
    return LOSSES[name].expr(a, t)


def weight_symbols(l: int, n_out: int, n_in: int) -> sp.Matrix:
    """W^(l) as symbols w^(l)_jk (j: unit of layer l, k: unit of layer l−1), 1-based in the names."""
    return sp.Matrix(n_out, n_in, lambda j, k: sp.Symbol(f"w^({l})_{j + 1}{k + 1}", real=True))


def bias_symbols(l: int, n_out: int) -> sp.Matrix:
    return sp.Matrix(n_out, 1, lambda j, _: sp.Symbol(f"b^({l})_{j + 1}", real=True))


class SymbolicNetwork:
    """A fully connected network whose parameters are sympy symbols or exact numbers.

    ``SymbolicNetwork([2, 3, 2], "sigmoid")`` has symbolic weights and biases;
    pass ``weights`` / ``biases`` (nested lists, sympy Rationals welcome) to fix
    them.  ``x`` and ``t`` may be symbolic too.
    """

    def __init__(self, sizes: Sequence[int], activations, weights=None, biases=None):
        self.sizes = [int(n) for n in sizes]
        L = len(self.sizes) - 1
        if L < 1:
            raise BpnnError("a network needs at least one layer")
        self.activations = [activations] * L if isinstance(activations, str) else list(activations)
        if len(self.activations) != L:
            raise BpnnError(f"got {len(self.activations)} activations for {L} layers")
        self.W: list = [None]
        self.b: list = [None]
        for l in range(1, L + 1):
            n_out, n_in = self.sizes[l], self.sizes[l - 1]
            W = weight_symbols(l, n_out, n_in) if weights is None else sp.Matrix(weights[l - 1])
            b = bias_symbols(l, n_out) if biases is None else sp.Matrix(biases[l - 1]).reshape(n_out, 1)
            if W.shape != (n_out, n_in):
                raise BpnnError(f"layer {l}: weights have shape {W.shape}; expected {(n_out, n_in)}")
            self.W.append(W)
            self.b.append(b)

    @property
    def L(self) -> int:
        return len(self.sizes) - 1

    def parameters(self) -> list[sp.Symbol]:
        """Every free symbol among the weights and biases, layer by layer."""
        out: list = []
        for l in range(1, self.L + 1):
            for M in (self.W[l], self.b[l]):
                for e in M:
                    if isinstance(e, sp.Symbol) and e not in out:
                        out.append(e)
        return out

    def forward(self, x) -> tuple[list, list]:
        """z[l] = W[l] a[l-1] + b[l], a[l] = f(z[l]); returns (z, a) with a[0] = x (columns are samples)."""
        a0 = sp.Matrix(x)
        if a0.shape[0] != self.sizes[0]:
            a0 = a0.T if a0.shape[1] == self.sizes[0] else a0
        if a0.shape[0] != self.sizes[0]:
            raise BpnnError(f"input has shape {a0.shape}; expected {self.sizes[0]} rows")
        z: list = [None]
        a: list = [a0]
        for l in range(1, self.L + 1):
            ones = sp.ones(1, a[-1].shape[1])
            z.append(self.W[l] * a[-1] + self.b[l] * ones)
            a.append(activation_expr(self.activations[l - 1], z[-1]))
        return z, a

    def loss(self, x, t, loss: str = "half_sse") -> sp.Expr:
        _, a = self.forward(x)
        T = sp.Matrix(t)
        if T.shape != a[-1].shape:
            T = T.reshape(*a[-1].shape) if len(T) == len(a[-1]) else T
        if T.shape != a[-1].shape:
            raise BpnnError(f"target has shape {T.shape}; the output has shape {a[-1].shape}")
        return loss_expr(loss, a[-1], T)

    def gradients(self, x, t, loss: str = "half_sse", params: dict | None = None):
        """∂L/∂W[l] and ∂L/∂b[l] by ``sympy.diff`` of the loss (no backpropagation equations).

        With symbolic parameters, ``params`` maps each symbol to a value at which
        to evaluate (exactly); returns (grad_W, grad_b) lists indexed by layer.
        """
        Lexpr = self.loss(x, t, loss)
        grad_W: list = [None]
        grad_b: list = [None]
        for l in range(1, self.L + 1):
            gW = sp.zeros(*self.W[l].shape)
            gb = sp.zeros(*self.b[l].shape)
            for idx, M, G in ((None, self.W[l], gW), (None, self.b[l], gb)):
                for i in range(M.shape[0]):
                    for j in range(M.shape[1]):
                        s = M[i, j]
                        if not isinstance(s, sp.Symbol):
                            raise BpnnError("gradients() needs symbolic parameters; build the network without numbers")
                        g = sp.diff(Lexpr, s)
                        G[i, j] = g.subs(params) if params else g
            grad_W.append(gW)
            grad_b.append(gb)
        return grad_W, grad_b
