"""The training loop: :func:`fit` (minibatches, seeded shuffling, history, frozen layers).

``X`` has shape (n_0, m) and ``T`` shape (n_L, m): samples are columns, as
everywhere in :mod:`bpnn.network`.  Each step is one forward pass, one
backward pass and one ``optimizer.step`` on a batch of columns; the loss
recorded for a step is its value *before* the step (on that batch).

Everything is checked once, before the first step: the arrays (shape,
finiteness, real numbers), the loss's domain against the output layer and
the targets, the batch size, the epochs.  The steps then run on the checked
float64 arrays without converting or re-validating them; overflow is still
detected at every step (the forward pass checks z, the backward pass its
gradients, the optimizer its update), so no check is dropped, only repeated.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np

from .errors import BpnnError
from .losses import Loss, get_loss
from .network import Network
from .values import as_array, describe

__all__ = ["fit", "History"]


@dataclass
class History:
    """What :func:`fit` recorded.

    ``losses[s]``: the loss (``record``, by default the training loss) on step s's
    batch before step s; ``epoch_losses[e]``: the mean of epoch e's step losses
    (what Keras reports as an epoch's loss); ``steps``: steps taken.
    """

    losses: np.ndarray
    epoch_losses: np.ndarray
    steps: int = 0
    batch_size: int = 0
    frozen: tuple = field(default_factory=tuple)


def _whole(v, what: str, least: int) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < least:
        raise BpnnError(f"{what} must be a whole number of at least {least}; got {describe(v)}")
    return int(v)


def fit(net: Network, X, T, optimizer, *, loss: str | Loss = "half_sse", epochs: int = 1,
        batch_size: int | None = None, shuffle=None, freeze=(), record: str | Loss | None = None) -> History:
    """Train ``net`` in place; returns a :class:`History`.

    * ``batch_size=None``: full batch (one step per epoch); otherwise batches of
      ``batch_size`` columns, the last one smaller if m is not a multiple.
    * ``shuffle``: None keeps the order; a seed (int) or a ``numpy.random.Generator``
      draws ``rng.permutation(m)`` at the start of every epoch.  A Generator is
      advanced, so two calls with the same one continue the same stream.
    * ``freeze``: layer numbers (1 … L) left unchanged during this call (their δ
      still flows to the layers below); layers frozen before stay frozen.
    * ``record``: a loss name to record instead of the training loss (computed on
      the same forward pass, before the step).
    """
    if not isinstance(net, Network):
        raise BpnnError(f"fit needs a bpnn.Network; got {describe(net)}")
    if not callable(getattr(optimizer, "step", None)):
        raise BpnnError(f"optimizer must have a step(net, grads) method (bpnn.SGD, Momentum, Adam); got {describe(optimizer)}")
    loss = get_loss(loss)
    rec = loss if record is None else get_loss(record)
    epochs = _whole(epochs, "epochs", 1)
    X = as_array(X, "X", (2,))
    n0 = net.sizes[0]
    if X.shape[0] != n0:
        raise BpnnError(f"X has shape {X.shape}; expected ({n0}, m): one column per sample")
    m = X.shape[1]
    T = as_array(T, "T", (2,))
    if T.shape != (net.sizes[-1], m):
        raise BpnnError(f"T has shape {T.shape}; expected ({net.sizes[-1]}, {m}): one target column per sample")
    loss.check(net.layers[-1].activation, T, net.L)
    if rec is not loss:
        rec.check(net.layers[-1].activation, T, net.L)
    size = m if batch_size is None else _whole(batch_size, "batch_size", 1)
    if shuffle is None or isinstance(shuffle, np.random.Generator):
        rng = shuffle
    elif isinstance(shuffle, numbers.Integral) and not isinstance(shuffle, bool):
        rng = np.random.default_rng(int(shuffle))
    else:
        raise BpnnError(f"shuffle must be None, a seed or a numpy.random.Generator; got {describe(shuffle)}")
    frozen = tuple(int(l) for l in freeze)
    was = [layer.trainable for layer in net.layers]
    for l in frozen:
        net._layer(l).trainable = False

    per_epoch = -(-m // size)
    losses = np.empty(epochs * per_epoch)
    epoch_losses = np.empty(epochs)
    forward, backward, step = net._forward, net.backward, optimizer.step
    s = 0
    try:
        for e in range(epochs):
            order = rng.permutation(m) if rng is not None else None
            for start in range(0, m, size):
                if order is not None:
                    idx = order[start:start + size]
                    xb, tb = X[:, idx], T[:, idx]
                elif size == m:
                    xb, tb = X, T
                else:
                    xb, tb = X[:, start:start + size], T[:, start:start + size]
                fwd = forward(xb)
                g = backward(fwd, tb, loss, _checked=True)
                losses[s] = g.loss if rec is loss else rec(fwd.a[-1], tb)
                step(net, g)
                s += 1
            epoch_losses[e] = losses[s - per_epoch:s].mean()
    finally:
        for layer, t in zip(net.layers, was):
            layer.trainable = t
    return History(losses, epoch_losses, s, size, frozen)
