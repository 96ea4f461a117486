"""A fully connected network, its forward pass and its backward pass.

Notation (the book's, and Nielsen's):

* layers are numbered l = 1 … L; layer 0 is the input;
* ``W[l]`` has shape ``(n_l, n_{l-1})``: ``W[l][j, k]`` is the weight from
  unit k of layer l−1 to unit j of layer l;
* ``b[l]`` has shape ``(n_l,)``;
* ``z[l] = W[l] @ a[l-1] + b[l]`` and ``a[l] = f_l(z[l])``, with ``a[0] = x``.

Vectors are column vectors: one sample is an array of shape ``(n_0,)``; a
batch of m samples is an array of shape ``(n_0, m)`` whose **columns** are the
samples.  All arithmetic is float64.

The backward pass computes the four equations of backpropagation:

* BP1  δ[L] = ∇_a L ⊙ f_L'(z[L])           (output error)
* BP2  δ[l] = (W[l+1]ᵀ δ[l+1]) ⊙ f_l'(z[l])  (error recursion)
* BP3  ∂L/∂b[l] = δ[l]                     (summed over the batch)
* BP4  ∂L/∂W[l] = δ[l] a[l-1]ᵀ

Lists in the traces are indexed by layer number, so ``trace.z[1]`` is z^(1);
entry 0 is the input for ``a`` and ``None`` for the others.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .activations import Activation, get_activation
from .errors import BpnnError
from .losses import Loss, get_loss, loss_value, output_delta
from .values import all_finite, as_array, as_scalar, describe, largest

__all__ = ["Layer", "Network", "ForwardTrace", "BackwardTrace"]


def _as_float_array(value, what: str, ndim=(0, 1, 2)) -> np.ndarray:
    return as_array(value, what, ndim)


_sum = np.add.reduce


def _all_finite(*arrays) -> bool:
    return all(map(all_finite, arrays))


@dataclass
class Layer:
    """One fully connected layer: weights ``W`` (n_out, n_in), bias ``b`` (n_out,), activation.

    ``trainable = False`` freezes the layer: optimizers leave it unchanged
    (its δ is still computed, so errors still flow through it to lower layers).
    """

    W: np.ndarray
    b: np.ndarray
    activation: Activation
    trainable: bool = True

    @property
    def shape(self) -> tuple[int, int]:
        return self.W.shape  # type: ignore[return-value]


@dataclass
class ForwardTrace:
    """Everything the forward pass computed: ``a[0]`` is the input, ``z[l]``, ``a[l]`` for l ≥ 1."""

    z: list
    a: list

    @property
    def output(self) -> np.ndarray:
        return self.a[-1]


@dataclass
class BackwardTrace:
    """Everything the backward pass computed, indexed by layer (entry 0 is None)."""

    loss: float
    delta: list
    grad_W: list
    grad_b: list


class Network:
    """A fully connected feed-forward network (see the module docstring for shapes)."""

    def __init__(self, layers: Sequence[Layer]):
        if isinstance(layers, (str, bytes, dict)) or not hasattr(layers, "__iter__"):
            raise BpnnError(f"Network needs a list of bpnn.Layer; got {describe(layers)} "
                            f"(Network.from_weights builds one from numbers)")
        layers = list(layers)
        if not layers:
            raise BpnnError("a network needs at least one layer")
        for i, layer in enumerate(layers, start=1):
            if not isinstance(layer, Layer):
                raise BpnnError(f"Network needs a list of bpnn.Layer; layer {i} is {describe(layer)} "
                                f"(Network.from_weights builds one from numbers)")
        self.layers = layers

    # ------------------------------------------------------------------ building
    @classmethod
    def from_weights(cls, weights, biases, activations) -> "Network":
        """Build a network from explicit numbers, e.g. an article's or your homework's.

        ``weights[i]`` is W of layer i+1, shape (n_{i+1}, n_i); ``biases[i]`` has
        shape (n_{i+1},) (a column (n, 1) is accepted too); ``activations[i]``
        is a name such as ``"sigmoid"``.  Shapes are checked layer by layer and
        a mismatch raises :class:`~bpnn.errors.BpnnError` naming the layer.

        Examples
        --------
        Matt Mazur's 2-2-2 network (his published step-by-step example):

        >>> import bpnn
        >>> net = bpnn.Network.from_weights(
        ...     weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
        ...     biases=[[0.35, 0.35], [0.60, 0.60]], activations=["sigmoid", "sigmoid"])
        >>> net.sizes
        [2, 2, 2]
        >>> bpnn.Network.from_weights([[[1.0, 2.0]]], [[0.0, 0.0]], ["sigmoid"])
        Traceback (most recent call last):
        ...
        bpnn.errors.BpnnError: layer 1: bias has shape (2,); expected (1,), one bias per unit of a layer of 1 units
        """
        for name, v in (("weights", weights), ("biases", biases), ("activations", activations)):
            if isinstance(v, (str, bytes, dict)) or not hasattr(v, "__len__") or not hasattr(v, "__iter__"):
                raise BpnnError(f"{name} must be a list with one entry per layer; got {describe(v)}")
        if not len(weights):
            raise BpnnError("a network needs at least one layer; weights is empty")
        if not (len(weights) == len(biases) == len(activations)):
            raise BpnnError(
                f"got {len(weights)} weight matrices, {len(biases)} biases and "
                f"{len(activations)} activations; there must be one of each per layer"
            )
        layers = []
        n_prev = None
        for i, (W, b, act) in enumerate(zip(weights, biases, activations), start=1):
            W = _as_float_array(W, f"layer {i}: weights", (2,))
            if W.ndim != 2 or W.size == 0:
                raise BpnnError(
                    f"layer {i}: weights must be a non-empty matrix (units in layer {i} × units in layer {i - 1}); "
                    f"got shape {W.shape}"
                )
            n_out, n_in = W.shape
            if n_prev is not None and n_in != n_prev:
                raise BpnnError(
                    f"layer {i}: weights have shape {W.shape}, so they expect {n_in} inputs, "
                    f"but layer {i - 1} has {n_prev} units; expected shape ({n_out}, {n_prev})"
                )
            b = _as_float_array(b, f"layer {i}: bias", (1, 2))
            if b.shape == (n_out, 1):
                b = b[:, 0]
            if b.shape != (n_out,):
                raise BpnnError(
                    f"layer {i}: bias has shape {b.shape}; expected ({n_out},), one bias per unit "
                    f"of a layer of {n_out} units"
                )
            layers.append(Layer(W.copy(), b.copy(), get_activation(act, f"layer {i}")))
            n_prev = n_out
        return cls(layers)

    @classmethod
    def random(cls, sizes: Sequence[int], activations, seed: int, scale: str | float = "xavier") -> "Network":
        """A network with seeded random weights and zero biases.

        ``sizes = [n_0, n_1, …, n_L]``.  ``activations`` is one name for every
        layer or a list of L names.  ``scale="xavier"`` draws W ~ N(0, 1/n_in);
        a number draws W ~ N(0, scale²).  The same seed always gives the same
        network (NumPy's ``default_rng``).
        """
        if isinstance(sizes, (str, bytes, dict)) or not hasattr(sizes, "__iter__"):
            raise BpnnError(f"sizes must be a list of layer widths such as [2, 3, 1]; got {describe(sizes)}")
        sizes = list(sizes)
        for i, n in enumerate(sizes):
            if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
                raise BpnnError(f"sizes[{i}] must be a whole number of units; got {describe(n)}")
        sizes = [int(n) for n in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise BpnnError(f"sizes must list at least two positive layer widths; got {sizes}")
        if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise BpnnError(f"seed must be a whole number of at least 0; got {describe(seed)}")
        if not (isinstance(scale, str) and scale == "xavier"):
            if isinstance(scale, str):
                raise BpnnError(f"scale must be 'xavier' or a positive number; got {describe(scale)}")
            try:
                ok = as_scalar(scale, "scale") > 0
            except BpnnError:
                ok = False
            if not ok:
                raise BpnnError(f"scale must be 'xavier' or a positive number; got {describe(scale)}")
        L = len(sizes) - 1
        if isinstance(activations, (str, Activation)):
            activations = [activations] * L
        if len(activations) != L:
            raise BpnnError(f"got {len(activations)} activations for {L} layers")
        rng = np.random.default_rng(seed)
        weights, biases = [], []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            std = 1.0 / np.sqrt(n_in) if scale == "xavier" else float(scale)
            weights.append(rng.normal(0.0, std, size=(n_out, n_in)))
            biases.append(np.zeros(n_out))
        return cls.from_weights(weights, biases, activations)

    def copy(self) -> "Network":
        return Network([Layer(l.W.copy(), l.b.copy(), l.activation, l.trainable) for l in self.layers])

    # ---------------------------------------------------------------- properties
    @property
    def sizes(self) -> list[int]:
        return [self.layers[0].W.shape[1]] + [l.W.shape[0] for l in self.layers]

    @property
    def L(self) -> int:
        """Number of layers with weights."""
        return len(self.layers)

    def freeze(self, *layer_numbers: int) -> None:
        """Freeze layers by number (1 … L): optimizers leave them unchanged."""
        for l in layer_numbers:
            self._layer(l).trainable = False

    def unfreeze(self, *layer_numbers: int) -> None:
        for l in layer_numbers or range(1, self.L + 1):
            self._layer(l).trainable = True

    def _layer(self, l: int) -> Layer:
        if isinstance(l, (bool, np.bool_)) or not (isinstance(l, (int, np.integer)) and 1 <= l <= self.L):
            raise BpnnError(f"layer number must be a whole number between 1 and {self.L}; got {describe(l)}")
        return self.layers[l - 1]

    def __repr__(self) -> str:
        acts = ", ".join(l.activation.name for l in self.layers)
        return f"Network(sizes={self.sizes}, activations=[{acts}])"

    # ------------------------------------------------------------------ checking
    def _check_input(self, x, what: str = "input") -> np.ndarray:
        x = _as_float_array(x, what, (1, 2))
        n0 = self.layers[0].W.shape[1]
        if x.ndim not in (1, 2) or x.shape[0] != n0:
            raise BpnnError(
                f"{what} has shape {x.shape}; expected ({n0},) for one sample or ({n0}, m) "
                f"for a batch of m samples as columns"
            )
        if x.ndim == 2 and x.shape[1] == 0:
            raise BpnnError(f"{what} has shape {x.shape}: no samples; a batch needs at least one column")
        return x

    def _check_trace(self, trace) -> None:
        """``trace`` must be a forward trace of a network of this one's sizes."""
        if not isinstance(trace, ForwardTrace):
            raise BpnnError(f"backward needs the ForwardTrace that forward(x) returns; got {describe(trace)}")
        ok = len(trace.a) == self.L + 1 and len(trace.z) == self.L + 1
        if ok:
            for l in range(self.L + 1):
                a = trace.a[l]
                n = self.sizes[l]
                if not isinstance(a, np.ndarray) or a.ndim not in (1, 2) or a.shape[0] != n or (
                        l and (not isinstance(trace.z[l], np.ndarray) or trace.z[l].shape != a.shape)):
                    ok = False
                    break
        if not ok:
            sizes = [x.shape[0] if isinstance(x, np.ndarray) and x.ndim else "?" for x in trace.a]
            raise BpnnError(f"backward was given the trace of another network (layer sizes {sizes}); this network "
                            f"has layer sizes {self.sizes}: pass the trace of this network's forward(x)")

    def _check_target(self, t, a) -> np.ndarray:
        t = _as_float_array(t, "target", (1, 2))
        if t.shape != a.shape:
            raise BpnnError(f"target has shape {t.shape}; the output layer gives shape {a.shape}")
        return t

    # ------------------------------------------------------------------ passes
    def forward(self, x) -> ForwardTrace:
        """Forward pass: z[l] = W[l] a[l-1] + b[l], a[l] = f(z[l]); returns the full trace.

        ``x`` has shape (n_0,) for one sample or (n_0, m) for m samples as columns;
        ``trace.z[l]`` and ``trace.a[l]`` are indexed by layer (``a[0]`` is the input).

        Examples
        --------
        >>> import bpnn
        >>> net = bpnn.Network.from_weights(
        ...     weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
        ...     biases=[[0.35, 0.35], [0.60, 0.60]], activations=["sigmoid", "sigmoid"])
        >>> trace = net.forward([0.05, 0.10])
        >>> trace.z[1].round(4)          # Mazur's net_h1, net_h2
        array([0.3775, 0.3925])
        >>> trace.a[2].round(8)          # out_o1, out_o2
        array([0.75136507, 0.77292847])
        """
        return self._forward(self._check_input(x))

    def _forward(self, x: np.ndarray, _quiet=None) -> ForwardTrace:
        """The forward pass on an already-checked float64 input (what :func:`bpnn.fit` calls;
        it passes a null context as ``_quiet`` because it silences warnings once for all steps)."""
        z: list = [None]
        a: list = [x]
        # one errstate for the whole pass (entering it costs about a microsecond); the
        # activations cannot overflow on finite z (sigmoid and softmax are written not to)
        with _quiet or np.errstate(over="ignore", invalid="ignore"):
            for l, layer in enumerate(self.layers, start=1):
                b = layer.b if x.ndim == 1 else layer.b[:, None]
                z_l = layer.W @ a[-1] + b
                # one pass: a sum of finite numbers is finite unless it overflows (then the exact check decides)
                if not math.isfinite(_sum(z_l, axis=None)) and not np.isfinite(z_l).all():
                    raise BpnnError(
                        f"layer {l}: the weighted input z = W a + b overflows float64 (largest |input| "
                        f"{np.max(np.abs(a[-1])):.3g}, largest |weight| {np.max(np.abs(layer.W)):.3g}); "
                        f"scale the inputs or weights down"
                    )
                z.append(z_l)
                a.append(layer.activation.f(z_l))
        return ForwardTrace(z, a)

    def predict(self, x) -> np.ndarray:
        return self.forward(x).output

    def loss(self, x, t, loss: str | Loss = "half_sse") -> float:
        loss = get_loss(loss)
        fwd = self.forward(x)
        a_L = fwd.output
        t = self._check_target(t, a_L)
        loss.check(self.layers[-1].activation, t, self.L)
        with np.errstate(all="ignore"):
            value = loss_value(loss, self.layers[-1].activation, fwd.z[-1], a_L, t)
        if not np.isfinite(value):
            raise self._loss_overflow(loss, a_L, t)
        return value

    @staticmethod
    def _loss_overflow(loss: Loss, a, t) -> BpnnError:
        with np.errstate(all="ignore"):
            d = largest(np.asarray(a) - np.asarray(t))
        return BpnnError(f"the loss {loss.name} overflows float64 (largest |a − t| = {d}, "
                         f"largest |a| = {largest(a)}); scale the weights, inputs or targets down")

    def backward(self, trace: ForwardTrace, t, loss: str | Loss = "half_sse") -> BackwardTrace:
        """Backward pass on a forward trace: δ, ∂L/∂W and ∂L/∂b for every layer (BP1–BP4).

        The target is checked against the output layer and the loss's domain
        (:meth:`bpnn.losses.Loss.check`); a value that overflows float64 anywhere
        raises one :class:`~bpnn.errors.BpnnError` naming the layer and the quantity.

        ``grads.delta[l]`` = δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾ (BP1, BP2), ``grads.grad_W[l]`` = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ
        (BP4, same shape as W⁽ˡ⁾), ``grads.grad_b[l]`` = δ⁽ˡ⁾ (BP3).

        Examples
        --------
        >>> import bpnn
        >>> net = bpnn.Network.from_weights(
        ...     weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
        ...     biases=[[0.35, 0.35], [0.60, 0.60]], activations=["sigmoid", "sigmoid"])
        >>> grads = net.backward(net.forward([0.05, 0.10]), [0.01, 0.99], "half_sse")
        >>> float(grads.grad_W[2][0, 0].round(9))   # Mazur's ∂E_total/∂w5
        0.082167041
        >>> float(grads.grad_W[1][0, 0].round(9))   # ∂E_total/∂w1
        0.000438568
        """
        loss = get_loss(loss)
        self._check_trace(trace)
        t = self._check_target(t, trace.a[self.L])
        loss.check(self.layers[-1].activation, t, self.L)
        return self._backward(trace, t, loss)

    def _backward(self, trace: ForwardTrace, t: np.ndarray, loss: Loss, _checked=None, _out=None) -> BackwardTrace:
        """The backward pass on checked arguments (what :meth:`backward` and :func:`bpnn.fit` call).

        ``_checked``: :func:`bpnn.fit` passes the context that silences floating-point warnings for
        all its steps; it has checked the targets once and checks the gradients in its own step.
        ``_out``: per layer, the views of its flat gradient vector that BP3 and BP4 write into."""
        z, a = trace.z, trace.a
        L = self.L
        delta: list = [None] * (L + 1)
        grad_W: list = [None] * (L + 1)
        grad_b: list = [None] * (L + 1)
        with _checked or np.errstate(all="ignore"):
            delta[L] = output_delta(loss, self.layers[L - 1].activation, z[L], a[L], t)      # BP1
            for l in range(L, 0, -1):
                a_prev = a[l - 1]
                if a_prev.ndim == 1:
                    grad_W[l] = np.outer(delta[l], a_prev)                                     # BP4
                    grad_b[l] = delta[l].copy()                                                # BP3
                elif _out is None:
                    grad_W[l] = delta[l] @ a_prev.T                                            # BP4
                    grad_b[l] = delta[l].sum(axis=1)                                           # BP3
                else:  # bpnn.fit: written straight into its flat gradient vector (same numbers)
                    grad_W[l] = np.matmul(delta[l], a_prev.T, out=_out[l][0])
                    grad_b[l] = _sum(delta[l], axis=1, out=_out[l][1])
                if l > 1:
                    W = self.layers[l - 1].W
                    delta[l - 1] = self.layers[l - 2].activation.backprop(z[l - 1], a[l - 1], W.T @ delta[l])  # BP2
            value = loss_value(loss, self.layers[L - 1].activation, z[L], a[L], t)
        out = BackwardTrace(value, delta, grad_W, grad_b)
        if not (math.isfinite(value) and (_checked is not None or _all_finite(*grad_W[1:], *grad_b[1:]))):
            raise self._gradient_overflow(trace, t, loss, out)
        return out

    def _gradient_overflow(self, trace: ForwardTrace, t, loss: Loss, g: BackwardTrace) -> BpnnError:
        """Name the first quantity of the backward pass that is not finite."""
        a = trace.a
        L = self.L
        if not np.isfinite(g.loss):
            return self._loss_overflow(loss, a[L], t)
        for l in range(L, 0, -1):
            if not np.isfinite(g.delta[l]).all():
                if l == L:
                    return BpnnError(f"layer {L}: the output error δ = ∂L/∂z overflows float64 (largest |a − t| = "
                                     f"{largest(a[L] - t)}); scale the weights, inputs or targets down")
                return BpnnError(f"layer {l}: the error δ = (Wᵀ δ[{l + 1}]) ⊙ f'(z) overflows float64 (largest "
                                 f"|W[{l + 1}]| = {largest(self.layers[l].W)}, largest |δ[{l + 1}]| = "
                                 f"{largest(g.delta[l + 1])}); scale the weights down")
            if not (np.isfinite(g.grad_W[l]).all() and np.isfinite(g.grad_b[l]).all()):
                return BpnnError(f"layer {l}: the weight gradient ∂L/∂W = δ a[{l - 1}]ᵀ overflows float64 (largest "
                                 f"|δ[{l}]| = {largest(g.delta[l])}, largest |a[{l - 1}]| = {largest(a[l - 1])}); "
                                 f"scale the weights or inputs down")
        return BpnnError("the backward pass overflows float64")  # pragma: no cover - one of the above applies

    def gradients(self, x, t, loss: str | Loss = "half_sse") -> BackwardTrace:
        """Forward then backward pass in one call."""
        return self.backward(self.forward(x), t, loss)

    # --------------------------------------------------------------- parameters
    def parameters(self) -> list[np.ndarray]:
        """[W1, b1, W2, b2, …], the arrays themselves (not copies)."""
        out = []
        for layer in self.layers:
            out += [layer.W, layer.b]
        return out
