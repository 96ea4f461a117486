"""One full training step, traced: forward pass, loss, backward pass, SGD update.

:func:`trace_step` is what ``bpnn trace`` prints and what the book's chapters
use to show every intermediate value; :func:`format_table` renders it for
people, and :func:`to_json` gives the stable machine-readable form.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from .losses import get_loss
from .network import Network
from .optim import SGD
from .spec import Spec

__all__ = ["StepTrace", "LayerTrace", "trace_step", "to_json", "format_table"]


@dataclass
class LayerTrace:
    """Layer l's values in one step; shapes as in :mod:`bpnn.network`."""

    number: int
    activation: str
    W: np.ndarray
    b: np.ndarray
    z: np.ndarray
    a: np.ndarray
    delta: np.ndarray
    grad_W: np.ndarray
    grad_b: np.ndarray
    new_W: np.ndarray
    new_b: np.ndarray


@dataclass
class StepTrace:
    x: np.ndarray
    t: np.ndarray
    loss_name: str
    learning_rate: float
    loss: float
    loss_after: float
    layers: list[LayerTrace]

    @property
    def output(self) -> np.ndarray:
        return self.layers[-1].a


def trace_step(net: Network, x, t, loss: str = "half_sse", learning_rate: float = 0.1) -> StepTrace:
    """Run one SGD step on a *copy* of ``net`` and record every value (the network is not changed)."""
    get_loss(loss)
    net = net.copy()
    fwd = net.forward(x)
    bwd = net.backward(fwd, t, loss)
    old = [(l.W.copy(), l.b.copy()) for l in net.layers]
    SGD(learning_rate).step(net, bwd)
    loss_after = net.loss(fwd.a[0], t, loss)
    layers = []
    for l, layer in enumerate(net.layers, start=1):
        layers.append(
            LayerTrace(
                l, layer.activation.name, old[l - 1][0], old[l - 1][1], fwd.z[l], fwd.a[l],
                bwd.delta[l], bwd.grad_W[l], bwd.grad_b[l], layer.W.copy(), layer.b.copy(),
            )
        )
    return StepTrace(np.asarray(fwd.a[0]), np.asarray(t, dtype=float), loss, float(learning_rate), bwd.loss, loss_after, layers)


def trace_spec(spec: Spec) -> StepTrace:
    return trace_step(spec.network, spec.x, spec.t, spec.loss, spec.learning_rate)


def to_dict(tr: StepTrace) -> dict:
    """The ``--json`` form: plain lists with the spec's nesting (weights[j][k])."""
    return {
        "input": tr.x.tolist(),
        "target": tr.t.tolist(),
        "loss_function": tr.loss_name,
        "learning_rate": tr.learning_rate,
        "loss": tr.loss,
        "loss_after": tr.loss_after,
        "layers": [
            {
                "layer": L.number,
                "activation": L.activation,
                "z": L.z.tolist(),
                "a": L.a.tolist(),
                "delta": L.delta.tolist(),
                "grad_weights": L.grad_W.tolist(),
                "grad_bias": L.grad_b.tolist(),
                "new_weights": L.new_W.tolist(),
                "new_bias": L.new_b.tolist(),
            }
            for L in tr.layers
        ],
    }


def to_json(tr: StepTrace) -> str:
    return json.dumps(to_dict(tr), indent=2)


def _f(v: float, digits: int) -> str:
    return f"{v: .{digits}f}"


def format_table(tr: StepTrace, digits: int = 6) -> str:
    """A plain-text table of every value, in the order a hand calculation produces them."""
    out = []
    out.append(f"input x = [{', '.join(_f(v, digits).strip() for v in tr.x)}]   "
               f"target t = [{', '.join(_f(v, digits).strip() for v in tr.t)}]   "
               f"loss = {tr.loss_name}   learning rate η = {tr.learning_rate:g}")
    out.append("")
    out.append("Forward pass   z[l]_j = Σ_k W[l]_jk a[l-1]_k + b[l]_j ;  a[l]_j = f(z[l]_j)")
    out.append(f"{'layer':>5} {'unit':>4} {'z':>{digits + 6}} {'a':>{digits + 6}}   activation")
    for L in tr.layers:
        for j in range(len(L.z)):
            out.append(f"{L.number:>5} {j + 1:>4} {_f(L.z[j], digits):>{digits + 6}} {_f(L.a[j], digits):>{digits + 6}}   {L.activation}")
    out.append(f"loss L = {tr.loss:.{digits + 4}f}")
    out.append("")
    out.append("Backward pass  δ[l] = ∂L/∂z[l];  ∂L/∂b[l] = δ[l];  ∂L/∂W[l]_jk = δ[l]_j a[l-1]_k")
    out.append(f"{'layer':>5} {'unit':>4} {'delta':>{digits + 6}}")
    for L in reversed(tr.layers):
        for j in range(len(L.delta)):
            out.append(f"{L.number:>5} {j + 1:>4} {_f(L.delta[j], digits):>{digits + 6}}")
    out.append("")
    out.append("SGD step       W ← W − η ∂L/∂W ;  b ← b − η ∂L/∂b")
    w = digits + 6
    out.append(f"{'param':>12} {'value':>{w}} {'gradient':>{w}} {'new value':>{w}}")
    for L in tr.layers:
        n_out, n_in = L.W.shape
        for j in range(n_out):
            for k in range(n_in):
                name = f"W[{L.number}]{j + 1}{k + 1}" if max(n_out, n_in) < 10 else f"W[{L.number}]{j + 1},{k + 1}"
                out.append(f"{name:>12} {_f(L.W[j, k], digits):>{w}} {_f(L.grad_W[j, k], digits):>{w}} {_f(L.new_W[j, k], digits):>{w}}")
        for j in range(n_out):
            name = f"b[{L.number}]{j + 1}"
            out.append(f"{name:>12} {_f(L.b[j], digits):>{w}} {_f(L.grad_b[j], digits):>{w}} {_f(L.new_b[j], digits):>{w}}")
    out.append("")
    out.append(f"loss before the step = {tr.loss:.{digits + 4}f}")
    out.append(f"loss after the step  = {tr.loss_after:.{digits + 4}f}")
    return "\n".join(out)
