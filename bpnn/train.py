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
For :class:`~bpnn.optim.SGD` and :class:`~bpnn.optim.Adam` the step runs on one
flat vector of all the parameters (the same numbers as their ``step``, bit for bit).
"""
from __future__ import annotations

import contextlib
import math
import numbers
from dataclasses import dataclass, field

import numpy as np

from .errors import BpnnError
from .losses import Loss, get_loss, loss_value
from .network import Network
from .optim import SGD, Adam, step_overflow_error
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


def _layer_numbers(freeze, net: Network) -> tuple:
    """``freeze`` as a tuple of layer numbers 1 … L: a list (or tuple, set, range) of whole numbers."""
    if isinstance(freeze, (str, bytes, dict)) or not hasattr(freeze, "__iter__"):
        raise BpnnError(f"freeze must be a list of layer numbers (1 … {net.L}), e.g. freeze=[1]; got {describe(freeze)}")
    out = []
    for i, l in enumerate(freeze):
        if isinstance(l, (bool, np.bool_)) or not isinstance(l, numbers.Integral) or not 1 <= l <= net.L:
            raise BpnnError(f"freeze[{i}] must be a layer number, a whole number from 1 to {net.L}; got {describe(l)}")
        out.append(int(l))
    return tuple(out)


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

    ``X`` has shape (n_0, m) and ``T`` (n_L, m): samples are columns.

    Examples
    --------
    XOR with a seeded 2-3-1 network; the loss falls:

    >>> import numpy as np, bpnn
    >>> X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    >>> T = np.array([[0, 1, 1, 0]], dtype=float)
    >>> net = bpnn.Network.random([2, 3, 1], ["tanh", "sigmoid"], seed=0)
    >>> hist = bpnn.fit(net, X, T, bpnn.SGD(0.5), loss="half_sse", epochs=200)
    >>> len(hist.losses), bool(hist.losses[-1] < hist.losses[0])
    (200, True)
    >>> bpnn.fit(net, X, T, bpnn.SGD(0.5), freeze=[1.5])
    Traceback (most recent call last):
    ...
    bpnn.errors.BpnnError: freeze[0] must be a layer number, a whole number from 1 to 2; got 1.5
    """
    return _fit(net, X, T, optimizer, loss=loss, epochs=epochs, batch_size=batch_size, shuffle=shuffle,
                freeze=freeze, record=record)


def _fit(net: Network, X, T, optimizer, *, loss="half_sse", epochs=1, batch_size=None, shuffle=None, freeze=(),
         record=None, trajectory: np.ndarray | None = None) -> History:
    """:func:`fit`, and where ``trajectory`` is an array of shape (steps, number of parameters), its row s
    receives the parameters after step s, in the order of :meth:`Network.parameters`, each raveled
    (W1, b1, W2, b2, …): what a lock-step comparison with other code reads (the steps are fit's own)."""
    if not isinstance(net, Network):
        raise BpnnError(f"fit needs a bpnn.Network; got {describe(net)}")
    if isinstance(optimizer, type) or not callable(getattr(optimizer, "step", None)):
        raise BpnnError(f"optimizer must be an optimizer object with a step(net, grads) method, such as "
                        f"bpnn.SGD(0.1); got {describe(optimizer) if not isinstance(optimizer, type) else 'the class ' + optimizer.__name__}")
    loss = get_loss(loss)
    rec = loss if record is None else get_loss(record)
    epochs = _whole(epochs, "epochs", 1)
    X = as_array(X, "X", (2,))
    n0 = net.sizes[0]
    if X.shape[0] != n0:
        raise BpnnError(f"X has shape {X.shape}; expected ({n0}, m): one column per sample")
    m = X.shape[1]
    if m == 0:
        raise BpnnError(f"X has shape {X.shape}: no samples; fit needs at least one column (one sample)")
    T = as_array(T, "T", (2,))
    if T.shape != (net.sizes[-1], m):
        raise BpnnError(f"T has shape {T.shape}; expected ({net.sizes[-1]}, {m}): one target column per sample")
    loss.check(net.layers[-1].activation, T, net.L)
    if rec is not loss:
        rec.check(net.layers[-1].activation, T, net.L)
    size = m if batch_size is None else _whole(batch_size, "batch_size", 1)
    if shuffle is None or isinstance(shuffle, np.random.Generator):
        rng = shuffle
    elif isinstance(shuffle, numbers.Integral) and not isinstance(shuffle, (bool, np.bool_)) and shuffle >= 0:
        rng = np.random.default_rng(int(shuffle))
    else:
        raise BpnnError(f"shuffle must be None, a seed (a whole number of at least 0) or a "
                        f"numpy.random.Generator; got {describe(shuffle)}")
    frozen = _layer_numbers(freeze, net)
    if getattr(optimizer, "_sizes", None) not in (None, tuple(net.sizes)):
        # a stateful optimizer of another network: refused before anything changes
        raise BpnnError(f"optimizer: this {type(optimizer).__name__} was used on a network with layer sizes "
                        f"{list(optimizer._sizes)} and holds its state; make a new one for layer sizes {net.sizes}")
    per_epoch = -(-m // size)
    if trajectory is not None and (not isinstance(trajectory, np.ndarray) or trajectory.shape != (
            epochs * per_epoch, sum(p.size for p in net.parameters()))):
        raise BpnnError(f"trajectory must be an array of shape ({epochs * per_epoch}, "
                        f"{sum(p.size for p in net.parameters())}): one row of parameters per step")
    was = [layer.trainable for layer in net.layers]
    for l in frozen:
        net._layer(l).trainable = False

    losses = np.empty(epochs * per_epoch)
    epoch_losses = np.empty(epochs)
    quiet = contextlib.nullcontext()
    out_act = net.layers[-1].activation
    forward, backward = net._forward, net._backward
    flat = None
    s = 0
    try:
        flat = _FlatSGD(net, optimizer) if type(optimizer) is SGD else (
            _FlatAdam(net, optimizer) if type(optimizer) is Adam else None)
        with np.errstate(all="ignore"):  # once for the whole fit; every overflow is still detected
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
                    fwd = forward(xb, quiet)
                    g = backward(fwd, tb, loss, _checked=quiet, _out=flat.grad_views if flat is not None else None)
                    losses[s] = g.loss if rec is loss else loss_value(rec, out_act, fwd.z[-1], fwd.a[-1], tb)
                    if flat is not None:
                        flat.step(net, g, fwd, tb, loss)
                    else:
                        optimizer.step(net, _checked_grads(net, g, fwd, tb, loss))
                    if trajectory is not None:
                        trajectory[s] = flat.theta if flat is not None else np.concatenate(
                            [p.ravel() for p in net.parameters()])
                    s += 1
        # each epoch's mean, as np.mean of its row (the same pairwise sum as a slice's mean)
        epoch_losses[:] = losses.reshape(epochs, per_epoch).mean(axis=1)
    finally:
        if flat is not None:
            flat.restore(net)
        for layer, t in zip(net.layers, was):
            layer.trainable = t
    return History(losses, epoch_losses, s, size, frozen)


def _checked_grads(net: Network, g, fwd, t, loss):
    """The gradient check the backward pass left to fit, for optimizers other than SGD and Adam
    (whose flat steps check the flat gradient themselves)."""
    if not all(np.isfinite(x).all() for x in (*g.grad_W[1:], *g.grad_b[1:])):
        raise net._gradient_overflow(fwd, t, loss, g)
    return g


class _Flat:
    """One flat parameter vector θ whose slices are the layers' W and b (the layers look into it
    during :func:`fit`), and one flat gradient vector G laid out like θ, which the backward pass
    writes into.  An optimizer's update and its finiteness check are then one operation each for
    the whole network (instead of a few per array), which is what makes a step on a small network
    cost about what a hand-written one does.  ``frozen``: the (lo, hi) slices left unchanged."""

    def __init__(self, net: Network, train_biases: bool = True):
        params, self.segments, offset = [], [], 0
        for l, layer in enumerate(net.layers, start=1):
            for key in ("W", "b"):
                p = getattr(layer, key)
                params.append(p)
                self.segments.append((l, key, offset, offset + p.size, p.shape))
                offset += p.size
        self.originals = params
        self.theta = np.concatenate([p.ravel() for p in params])
        for layer, (l, key, lo, hi, shape) in zip([x for x in net.layers for _ in (0, 1)], self.segments):
            setattr(layer, key, self.theta[lo:hi].reshape(shape))   # the layers now look into θ
        self.frozen = [(lo, hi) for (l, key, lo, hi, _) in self.segments
                       if not net.layers[l - 1].trainable or (key == "b" and not train_biases)]
        # the backward pass writes ∂L/∂W and ∂L/∂b of layer l into these views of one flat
        # vector G laid out like θ, so the step needs no concatenation
        self.G = np.empty_like(self.theta)
        self.grad_views = [None] + [
            tuple(self.G[lo:hi].reshape(shape) for (_, _, lo, hi, shape) in self.segments[2 * i:2 * i + 2])
            for i in range(len(net.layers))]

    def _grads(self, g) -> list:
        return [x for pair in zip(g.grad_W[1:], g.grad_b[1:]) for x in pair]

    def restore(self, net: Network) -> None:
        """Write θ back into the layers' own arrays and let the layers hold those again
        (so references taken before :func:`fit` see the trained values)."""
        layers = [x for x in net.layers for _ in (0, 1)]
        for layer, p, (l, key, lo, hi, shape) in zip(layers, self.originals, self.segments):
            p[...] = self.theta[lo:hi].reshape(shape)
            setattr(layer, key, p)


class _FlatSGD(_Flat):
    """Plain SGD on θ.  The numbers are those of :meth:`bpnn.optim.SGD.step`: the same
    subtraction on the same values.  A non-finite result (an overflowing gradient or update)
    raises before anything changes.
    """

    def __init__(self, net: Network, opt: SGD):
        super().__init__(net, opt.train_biases)
        self.lr = opt.lr

    def step(self, net: Network, g, fwd, t, loss) -> None:
        G = self.G                                       # g.grad_W, g.grad_b are views of it
        if self.frozen and not np.isfinite(G).all():     # a frozen layer's overflowing gradient is still an error
            raise net._gradient_overflow(fwd, t, loss, g)
        new = np.multiply(G, self.lr)                    # η g (G itself stays the gradient)
        for lo, hi in self.frozen:
            new[lo:hi] = 0.0                             # θ − 0 = θ: frozen parameters keep their bits
        np.subtract(self.theta, new, out=new)            # θ − η g
        # one pass: the sum of finite numbers is finite unless it overflows, which the
        # exact check below then clears
        if not math.isfinite(np.add.reduce(new)) and not np.isfinite(new).all():
            self._overflow(net, g, fwd, t, loss)
        self.theta[...] = new

    def _overflow(self, net, g, fwd, t, loss):
        grads = self._grads(g)
        if not all(np.isfinite(x).all() for x in grads):
            raise net._gradient_overflow(fwd, t, loss, g)
        for (l, key, lo, hi, _), gx in zip(self.segments, grads):
            if (lo, hi) in self.frozen:
                continue
            with np.errstate(all="ignore"):
                bad = not np.isfinite(self.theta[lo:hi] - self.lr * gx.ravel()).all()
            if bad:
                raise step_overflow_error(l, key, self.lr, gx)
        raise BpnnError("the SGD step overflows float64")  # pragma: no cover


class _FlatAdam(_Flat):
    """Adam on θ, with its moments m and v as flat vectors laid out like θ.

    The numbers are those of :meth:`bpnn.optim.Adam.step` (the same operations, elementwise, on
    the same values, in the same order): m ← β1 m + (1 − β1) g, v ← β2 v + ((1 − β2) g) g,
    θ ← θ − (η (m / c1)) / (√(v / c2) + ε), with c1 = 1 − β1ᵗ, c2 = 1 − β2ᵗ.  Frozen layers keep
    their parameters and their moments.  The gradient is checked first (as :func:`_checked_grads`
    does), the update before anything changes (as ``Adam.step`` does); the optimizer's own state
    (``m``, ``v``, ``t``) is written back when :func:`fit` ends, so a later call continues it.
    """

    def __init__(self, net: Network, opt: Adam):
        super().__init__(net)
        self.opt = opt
        self.t = opt.t
        self.M = np.zeros_like(self.theta)              # an absent moment is a zero one, as in Adam.step
        self.V = np.zeros_like(self.theta)
        for l, key, lo, hi, _ in self.segments:
            if (lo, hi) not in self.frozen:
                for flat, state in ((self.M, opt.m), (self.V, opt.v)):
                    if (l, key) in state:
                        flat[lo:hi] = state[(l, key)].ravel()

    def step(self, net: Network, g, fwd, t, loss) -> None:
        G = self.G
        if not math.isfinite(np.add.reduce(G)) and not np.isfinite(G).all():
            raise net._gradient_overflow(fwd, t, loss, g)
        opt = self.opt
        if opt._sizes is None:                          # as Adam.step's argument check records it
            opt._sizes = tuple(net.sizes)
        step = self.t + 1
        c1 = 1 - opt.beta1**step
        c2 = 1 - opt.beta2**step
        M = np.multiply(opt.beta1, self.M)
        M += np.multiply(1 - opt.beta1, G)
        V = np.multiply(opt.beta2, self.V)
        gg = np.multiply(1 - opt.beta2, G)
        gg *= G
        V += gg
        den = np.divide(V, c2)
        np.sqrt(den, out=den)
        den += opt.eps
        new = np.divide(M, c1)
        new *= opt.lr
        new /= den
        np.subtract(self.theta, new, out=new)
        for lo, hi in self.frozen:                       # frozen: parameters and moments keep their bits
            new[lo:hi] = self.theta[lo:hi]
            M[lo:hi] = self.M[lo:hi]
            V[lo:hi] = self.V[lo:hi]
        if not math.isfinite(np.add.reduce(new)) and not np.isfinite(new).all():
            for (l, key, lo, hi, _), gx in zip(self.segments, self._grads(g)):
                if (lo, hi) not in self.frozen and not np.isfinite(new[lo:hi]).all():
                    raise step_overflow_error(l, key, opt.lr, gx)
            raise BpnnError("the Adam step overflows float64")  # pragma: no cover
        self.theta[...] = new
        self.M, self.V, self.t = M, V, step

    def restore(self, net: Network) -> None:
        super().restore(net)
        opt = self.opt
        if self.t != opt.t:                              # at least one step: the state Adam.step would hold
            for l, key, lo, hi, shape in self.segments:
                if (lo, hi) not in self.frozen:
                    opt.m[(l, key)] = self.M[lo:hi].reshape(shape).copy()
                    opt.v[(l, key)] = self.V[lo:hi].reshape(shape).copy()
            opt.t = self.t
