"""Corrected versions of the articles' code listings.

Nothing here runs article text.  Each function is this book's own code,
written to do what a listing *meant* to do (with its defects fixed), so that
it can be compared with :mod:`bpnn`'s engine and with what the listing
actually does.

* Listing 001 (NumPy, a 2-3-1 sigmoid network on XOR): :func:`init_001`,
  :func:`train_001`, :func:`predict_001`, and :func:`bpnn_001` (the same run on
  the engine).  The listing keeps its own conventions: samples are *rows*,
  ``W1`` has shape (inputs, hidden) — the transpose of the engine's.
* Listing 002 (PyTorch, 2-3-1 ReLU/sigmoid with BCE, one random sample per
  step): :func:`init_002`, :func:`inputs_002`, :func:`train_002`.
* The Keras listings (000, 003, 004): :func:`fit_minibatch`, and
  :func:`keras_like_runs` (what 004's second ``fit`` call really does).

The fine-tuning chapter's own runs are in :mod:`bpnn.articles.finetune`.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from .sources import article_lines
from ..errors import BpnnError
from ..network import Network
from ..optim import SGD
from ..train import fit

__all__ = [
    "XOR_X", "XOR_Y", "init_001", "train_001", "predict_001", "predict_001_as_written", "bpnn_001",
    "lockstep_001", "learns_xor", "init_002", "inputs_002", "train_002", "fit_minibatch",
    "listing_sha256", "keras_like_runs",
]

# --------------------------------------------------------------------------- listing 001

#: XOR inputs as rows (the listing's convention) and targets as a column
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def _sigmoid(x):
    # the listing's own formula (overflow is impossible at the sizes used here)
    return 1.0 / (1.0 + np.exp(-x))


def init_001(seed: int) -> dict:
    """The listing's initial weights, drawn as it draws them, from a seeded generator.

    ``np.random.RandomState(seed).randn`` is the stream ``np.random.seed(seed)``
    followed by ``np.random.randn`` gives, so this is the listing with the
    seed fix applied: W1 (2, 3), b1 (3,), W2 (3, 1), b2 (1,).
    """
    rs = np.random.RandomState(seed)
    W1 = rs.randn(2, 3)
    b1 = rs.randn(3)
    W2 = rs.randn(3, 1)
    b2 = rs.randn(1)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def _step_001(p: dict, X, y, learning_rate: float) -> float:
    """One full-batch step of the listing, fixed; updates ``p`` in place, returns the MSE before it."""
    h = _sigmoid(X @ p["W1"] + p["b1"])
    o = _sigmoid(h @ p["W2"] + p["b2"])
    loss = float(np.mean((y - o) ** 2))
    output_delta = (y - o) * o * (1 - o)                 # = −∂(½Σ(o−y)²)/∂z2
    hidden_delta = (output_delta @ p["W2"].T) * h * (1 - h)
    p["W2"] += h.T @ output_delta * learning_rate
    p["b2"] += np.sum(output_delta, axis=0) * learning_rate   # fix: no keepdims
    p["W1"] += X.T @ hidden_delta * learning_rate
    p["b1"] += np.sum(hidden_delta, axis=0) * learning_rate   # fix: no keepdims
    return loss


def train_001(seed: int, epochs: int = 10000, learning_rate: float = 0.1, X=XOR_X, y=XOR_Y):
    """The listing with every defect fixed: returns (final parameters, MSE before each step)."""
    p = {k: v.copy() for k, v in init_001(seed).items()}
    losses = np.empty(epochs)
    for e in range(epochs):
        losses[e] = _step_001(p, X, y, learning_rate)
    return p, losses


def predict_001(p: dict, X=XOR_X) -> np.ndarray:
    """The network's output σ(σ(X W1 + b1) W2 + b2), shape (samples, 1)."""
    return _sigmoid(_sigmoid(X @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"])


def predict_001_as_written(p: dict, X=XOR_X) -> np.ndarray:
    """What the listing's test line computes: the output layer's weighted input, without σ."""
    return _sigmoid(X @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]


def learns_xor(pred) -> bool:
    """All four outputs on the right side of 0.5."""
    pred = np.asarray(pred).reshape(-1)
    return bool(np.all((pred > 0.5) == (XOR_Y.reshape(-1) > 0.5)))


def to_bpnn_001(p: dict) -> Network:
    """The listing's parameters as an engine network (weights transposed to (out, in))."""
    return Network.from_weights([p["W1"].T, p["W2"].T], [p["b1"], p["b2"]], ["sigmoid", "sigmoid"])


def bpnn_001(seed: int, epochs: int = 10000, loss: str = "half_sse", learning_rate: float = 0.1):
    """The same run on the engine: full-batch SGD on the four XOR samples (as columns)."""
    net = to_bpnn_001(init_001(seed))
    hist = fit(net, XOR_X.T, XOR_Y.T, SGD(learning_rate), loss=loss, epochs=epochs, record="mse")
    return net, hist.losses


def lockstep_001(seed: int, steps: int, loss: str = "half_sse", engine_lr: float = 0.1) -> np.ndarray:
    """Run the fixed listing (learning rate 0.1) and the engine (``loss``, ``engine_lr``) side by side.

    Returns the max |difference| over all parameters after each step.
    """
    p = {k: v.copy() for k, v in init_001(seed).items()}
    net = to_bpnn_001(p)
    opt = SGD(engine_lr)
    X, T = XOR_X.T, XOR_Y.T
    diffs = np.empty(steps)
    for s in range(steps):
        _step_001(p, XOR_X, XOR_Y, 0.1)
        opt.step(net, net.gradients(X, T, loss))
        l1, l2 = net.layers
        diffs[s] = max(np.max(np.abs(l1.W - p["W1"].T)), np.max(np.abs(l1.b - p["b1"])),
                       np.max(np.abs(l2.W - p["W2"].T)), np.max(np.abs(l2.b - p["b2"])))
    return diffs


# --------------------------------------------------------------------------- listing 002


def init_002(seed: int) -> dict:
    """Initial weights drawn the way PyTorch's ``nn.Linear`` draws them: U(−1/√fan_in, 1/√fan_in).

    Engine convention: W1 (3, 2), b1 (3,), W2 (1, 3), b2 (1,).
    """
    rng = np.random.default_rng(seed)
    k1, k2 = 1 / np.sqrt(2.0), 1 / np.sqrt(3.0)
    return {
        "W1": rng.uniform(-k1, k1, size=(3, 2)), "b1": rng.uniform(-k1, k1, size=3),
        "W2": rng.uniform(-k2, k2, size=(1, 3)), "b2": rng.uniform(-k2, k2, size=1),
    }


def inputs_002(seed: int, steps: int = 1000) -> np.ndarray:
    """The random input of each step, standard normal like ``torch.randn(1, 2)``: shape (steps, 2)."""
    return np.random.default_rng(seed).standard_normal((steps, 2))


def train_002(init: dict, xs: np.ndarray, learning_rate: float = 0.01, label=None):
    """One SGD step per row of ``xs`` on BCE, as the listing meant; returns (network, loss per step).

    ``label`` maps an input (2,) to its target (a float); None means the
    listing's constant target 1.0.
    """
    net = Network.from_weights([init["W1"], init["W2"]], [init["b1"], init["b2"]], ["relu", "sigmoid"])
    opt = SGD(learning_rate)
    losses = np.empty(len(xs))
    for i, x in enumerate(xs):
        t = np.array([1.0 if label is None else float(label(x))])
        g = net.gradients(x, t, "bce")
        losses[i] = g.loss
        opt.step(net, g)
    return net, losses


# --------------------------------------------------------------------------- Keras stand-in


def fit_minibatch(net: Network, X, T, optimizer, epochs: int, batch_size: int, rng, loss="cross_entropy"):
    """Shuffled mini-batch training, one optimizer step per batch, like Keras's ``fit``.

    Returns the mean training loss of each epoch (the mean over its batches,
    which is what Keras reports).  ``rng`` is a ``numpy.random.Generator``
    that is advanced, so two calls continue the same stream.
    """
    return fit(net, X, T, optimizer, loss=loss, epochs=epochs, batch_size=batch_size, shuffle=rng).epoch_losses


# --------------------------------------------------------------------------- article text


def listing_sha256(source: str, first: int, last: int) -> str | None:
    """SHA-256 of lines first … last (1-based, inclusive) of an article, or None where it is absent."""
    lines = article_lines(source)
    if lines is None:
        return None
    if not 1 <= first <= last <= len(lines):
        raise BpnnError(f"{source}: lines {first}–{last} are outside the article (1–{len(lines)})")
    return hashlib.sha256("\n".join(lines[first - 1:last]).encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def keras_like_runs(epochs_first: int = 5, epochs_second: int = 10, seed: int = 0, n: int = 256):
    """Article 004's two fit() calls on a stand-in data set, and one fit() of the total length.

    784-128-64-10 ReLU/ReLU/softmax, sparse categorical cross-entropy (= the engine's
    cross_entropy on one-hot columns), SGD with Keras's default learning rate 0.01, batches of 32.
    Returns (epoch losses of the two calls joined, epoch losses of the single call,
    the two final networks).  Cached: treat the results as read-only.
    """
    from ..datasets import gaussian_blobs, one_hot

    X, labels = gaussian_blobs(n, 784, 10, seed=seed, spread=2.0)
    T = one_hot(labels, 10)

    def fresh():
        return Network.random([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=seed + 1)

    a = fresh()
    rng_a = np.random.default_rng(seed + 2)
    opt_a = SGD(0.01)
    first = fit_minibatch(a, X, T, opt_a, epochs_first, 32, rng_a)
    second = fit_minibatch(a, X, T, opt_a, epochs_second, 32, rng_a)   # "微调模型": the same call again
    b = fresh()
    single = fit_minibatch(b, X, T, SGD(0.01), epochs_first + epochs_second, 32, np.random.default_rng(seed + 2))
    return np.concatenate([first, second]), single, a, b


