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

Both editions of the chapters (English and Chinese) call these functions; the
costly runs whose arguments are plain values (:func:`train_001`, :func:`lockstep_001`,
:func:`xor_seed_runs_001`, :func:`bpnn_001_losses`, and the per-step records
they are made of) are computed once per test run or book build for both
(:func:`bpnn.articles.session.shared_result`).  The listing's runs take all
their seeds side by side (:func:`_train_001`); the engine's side of the
lock-step comparison is :func:`bpnn.fit`'s own loop, recording its parameters
after every step, and the same run gives :func:`bpnn_001_losses` its curve.
Figures label themselves in the reader's language through :func:`bpnn.articles.figures.figure_lang`.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from ..errors import BpnnError
from ..network import Network
from ..optim import SGD
from ..train import _fit, fit
from .figures import figure_lang
from .i18n import check_lang
from .session import shared_result
from .sources import article_lines

__all__ = [
    "XOR_X", "XOR_Y", "init_001", "train_001", "predict_001", "predict_001_as_written", "bpnn_001",
    "lockstep_001", "learns_xor", "xor_seed_runs_001", "seed_table_001", "bpnn_001_losses", "plot_001",
    "init_002", "inputs_002", "train_002", "running_mean", "plot_002", "fit_minibatch", "listing_sha256",
    "keras_like_runs", "plot_004", 
]

# --------------------------------------------------------------------------- figures in two languages

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


@shared_result
def train_001(seed, epochs: int = 10000, learning_rate: float = 0.1, X=XOR_X, y=XOR_Y):
    """The listing with every defect fixed: returns (final parameters, MSE before each step).

    ``seed`` may also be a tuple of seeds: they are trained side by side, and the result is
    (parameters with a leading axis, one entry per seed; losses of shape (seeds, epochs)).  Each
    seed's numbers are those of training it alone, bit for bit (see :func:`_train_001`).

    Shared between the editions when ``X`` and ``y`` are left at their defaults (arrays are not
    plain arguments: a call that passes them always computes)."""
    if isinstance(seed, tuple):
        p, losses, _ = _train_001(seed, epochs, learning_rate, X, y)
        return p, losses
    p, losses, _ = _train_001((seed,), epochs, learning_rate, X, y)
    return {k: v[0].copy() for k, v in p.items()}, losses[0].copy()


def _train_001(seeds: tuple, epochs: int, learning_rate: float, X=XOR_X, y=XOR_Y, trajectory: bool = False):
    """:func:`_step_001` ``epochs`` times from each seed's :func:`init_001`, all seeds at once.

    The parameters of all seeds are stacked along a leading axis (W1 (S, 2, 3), b1 (S, 1, 3),
    W2 (S, 3, 1), b2 (S, 1, 1)) and every statement of the step runs once for all of them:
    ``@`` on stacks multiplies each seed's matrices as ``@`` does one seed's, the elementwise
    operations are the same, in the same order, and the sums over the samples run along the same
    axis, so each seed's numbers are those of :func:`_step_001` alone, bit for bit
    (tests/test_listings.py compares them; the chapter compares seed 0 with its own listing).
    Temporaries are reused (``out=``), which changes no number either.

    Returns (parameters {name: stacked array, biases as (S, n)}, losses (S, epochs): the MSE
    before each step, and where ``trajectory``, the parameters after each step as
    {name: array (epochs, S, …)}, else None).
    """
    inits = [init_001(s) for s in seeds]
    S = len(seeds)
    W1 = np.stack([p["W1"] for p in inits])
    b1 = np.stack([p["b1"] for p in inits])[:, None, :]
    W2 = np.stack([p["W2"] for p in inits])
    b2 = np.stack([p["b2"] for p in inits])[:, None, :]
    X, y = np.asarray(X), np.asarray(y)
    XT, W2T, n = X.T, W2.transpose(0, 2, 1), y.size
    losses = np.empty((S, epochs))
    traj = {k: np.empty((epochs, S) + v.shape[1:]) for k, v in
            (("W1", W1), ("b1", b1[:, 0]), ("W2", W2), ("b2", b2[:, 0]))} if trajectory else None
    lr = learning_rate
    matmul, add, subtract, multiply, divide, negative, exp = (
        np.matmul, np.add, np.subtract, np.multiply, np.divide, np.negative, np.exp)
    for e in range(epochs):
        h = matmul(X, W1)                                 # h = σ(X W1 + b1), as _sigmoid computes it
        add(h, b1, out=h)
        negative(h, out=h)
        exp(h, out=h)
        add(1.0, h, out=h)
        divide(1.0, h, out=h)
        o = matmul(h, W2)                                 # o = σ(h W2 + b2)
        add(o, b2, out=o)
        negative(o, out=o)
        exp(o, out=o)
        add(1.0, o, out=o)
        divide(1.0, o, out=o)
        err = subtract(y, o)
        losses[:, e] = add.reduce(multiply(err, err).reshape(S, -1), axis=1) / n   # np.mean((y - o) ** 2)
        output_delta = multiply(err, o, out=err)
        multiply(output_delta, subtract(1, o), out=output_delta)
        hidden_delta = matmul(output_delta, W2T)
        multiply(hidden_delta, h, out=hidden_delta)
        multiply(hidden_delta, subtract(1, h), out=hidden_delta)
        W2 += matmul(h.transpose(0, 2, 1), output_delta) * lr
        b2 += add.reduce(output_delta, axis=1, keepdims=True) * lr
        W1 += matmul(XT, hidden_delta) * lr
        b1 += add.reduce(hidden_delta, axis=1, keepdims=True) * lr
        if traj is not None:
            traj["W1"][e], traj["b1"][e], traj["W2"][e], traj["b2"][e] = W1, b1[:, 0], W2, b2[:, 0]
    return {"W1": W1, "b1": b1[:, 0], "W2": W2, "b2": b2[:, 0]}, losses, traj


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


@shared_result
def lockstep_001(seed: int, steps: int, loss: str = "half_sse", engine_lr: float = 0.1) -> np.ndarray:
    """Run the fixed listing (learning rate 0.1) and the engine (``loss``, ``engine_lr``) side by side.

    Returns the max |difference| over all parameters after each step: the listing's parameters
    after step s (:func:`_listing_steps_001`) against the engine's after its step s, taken by
    :func:`bpnn.fit`'s own loop (:func:`_engine_steps_001`).
    """
    return np.abs(_engine_steps_001(seed, steps, loss, engine_lr)[0] - _listing_steps_001(seed, steps)).max(axis=1)


@shared_result
def _listing_steps_001(seed: int, steps: int) -> np.ndarray:
    """The fixed listing's parameters after each of ``steps`` steps (learning rate 0.1), in the
    engine's layout: one row per step, W1ᵀ, b1, W2ᵀ, b2 raveled (13 numbers)."""
    _, _, t = _train_001((seed,), steps, 0.1, trajectory=True)
    return np.concatenate([t["W1"][:, 0].transpose(0, 2, 1).reshape(steps, -1), t["b1"][:, 0],
                           t["W2"][:, 0].transpose(0, 2, 1).reshape(steps, -1), t["b2"][:, 0]], axis=1)


@shared_result
def _engine_steps_001(seed: int, steps: int, loss: str, learning_rate: float) -> tuple:
    """:func:`bpnn_001`'s run, with its parameters after each step: (array (steps, 13), one row per
    step, W1, b1, W2, b2 raveled; the recorded MSE before each step, as :func:`bpnn_001` returns it)."""
    net = to_bpnn_001(init_001(seed))
    params = np.empty((steps, sum(p.size for p in net.parameters())))
    hist = _fit(net, XOR_X.T, XOR_Y.T, SGD(learning_rate), loss=loss, epochs=steps, record="mse", trajectory=params)
    return params, hist.losses


@shared_result
def bpnn_001_losses(seed: int, epochs: int = 10000, loss: str = "half_sse", learning_rate: float = 0.1) -> np.ndarray:
    """The loss curve of :func:`bpnn_001` (the recorded MSE before each step), shape (epochs,)."""
    return _engine_steps_001(seed, epochs, loss, learning_rate)[1]


@shared_result
def xor_seed_runs_001(seeds: int = 20, epochs: int = 10000, learning_rate: float = 0.1) -> list[tuple]:
    """The fixed listing trained from each seed 0 … seeds−1 (:func:`train_001`, all seeds side by side).

    Returns one tuple per seed, plain Python values: (seed, the MSE before the last step,
    the outputs for 00, 01, 10, 11 as a tuple of 4 floats, whether it learns XOR).
    """
    p, losses = train_001.uncached(tuple(range(seeds)), epochs, learning_rate)
    runs = []
    for seed in range(seeds):
        out = predict_001({k: v[seed] for k, v in p.items()}).ravel()
        runs.append((seed, float(losses[seed, -1]), tuple(float(v) for v in out), learns_xor(out)))
    return runs


_SEED_TABLE = {
    "en": ("| seed | final MSE | outputs for 00, 01, 10, 11 | learns XOR |", ", ", "yes", "**no**"),
    "zh": ("| 随机种子 | 最终 MSE | 对 00、01、10、11 的输出 | 学会 XOR |", ", ", "是", "**否**"),
}


def seed_table_001(runs, lang: str = "en") -> str:
    """A Markdown table of :func:`xor_seed_runs_001`'s runs, headed in ``lang``."""
    head, sep, yes, no = _SEED_TABLE[check_lang(lang)]
    rows = [head, "|---:|---:|---|---|"]
    for seed, final, out, ok in runs:
        rows.append(f"| {seed} | {final:.4f} | {sep.join(f'{v:.3f}' for v in out)} | {yes if ok else no} |")
    return "\n".join(rows)


_PLOT_001 = {
    "en": ("repaired listing (NumPy)", "bpnn, half_sse, η = 0.1", "step", "MSE on the four XOR patterns",
           "Listing 001 repaired, seed {seed}"),
    "zh": ("修正后的程序（NumPy）", "bpnn，half_sse，η = 0.1", "步数", "四个 XOR 样本上的 MSE",
           "文章 001 的程序（已修正），随机种子 {seed}"),
}


def plot_001(losses, engine_losses, seed: int = 0, lang: str = "en"):
    """The loss curves of the repaired listing and of the engine on one log-scale axis; returns the figure.

    Labels in ``lang`` where a font can draw them (:func:`figure_lang`)."""
    import matplotlib.pyplot as plt

    fixed, engine, xlabel, ylabel, title = _PLOT_001[figure_lang(lang)]
    steps = len(losses)
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.semilogy(np.arange(1, steps + 1), losses, color="tab:blue", lw=2.5, label=fixed)
    ax.semilogy(np.arange(1, steps + 1), engine_losses, color="tab:orange", lw=1, ls="--", label=engine)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title.format(seed=seed))
    ax.legend()
    return fig


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


def running_mean(v, k: int = 50) -> np.ndarray:
    """Mean of each ``k`` consecutive values of ``v``: shape (len(v) − k + 1,)."""
    return np.convolve(v, np.ones(k) / k, mode="valid")


_PLOT_002 = {
    "en": ("BCE of each step (constant label 1)", "running mean over {k} steps", "label [x1 + x2 > 0], running mean",
           "step", "binary cross-entropy", "Article 002's listing, target shape fixed, run in bpnn"),
    "zh": ("每一步的 BCE（标签恒为 1）", "{k} 步滑动平均", "标签 [x1 + x2 > 0]，滑动平均",
           "步数", "二元交叉熵", "文章 002 的程序，目标值形状已修正，在 bpnn 中运行"),
}


def plot_002(losses, losses_xy, k: int = 50, lang: str = "en"):
    """The loss of each step of :func:`train_002` with the constant label (``losses``) and the running
    means over ``k`` steps of it and of the run with the label [x1 + x2 > 0] (``losses_xy``)."""
    import matplotlib.pyplot as plt

    each, mean, mean_xy, xlabel, ylabel, title = _PLOT_002[figure_lang(lang)]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.plot(losses, color="0.8", lw=0.6, label=each)
    ax.plot(np.arange(k - 1, len(losses)), running_mean(losses, k), color="tab:blue", label=mean.format(k=k))
    ax.plot(np.arange(k - 1, len(losses_xy)), running_mean(losses_xy, k), color="tab:green", label=mean_xy)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend()
    return fig


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




_PLOT_004 = {
    "en": ("one call, {n} epochs", "first fit(), {n} epochs", "second fit() ('fine-tuning'), {n} epochs", "epoch",
           "mean training loss", "Article 004's two fit() calls, on a stand-in data set, in bpnn"),
    "zh": ("一次调用，{n} 轮", "第一次 fit()，{n} 轮", "第二次 fit()（“微调”），{n} 轮", "轮数",
           "平均训练损失", "文章 004 的两次 fit() 调用：替代数据集，在 bpnn 中运行"),
}


def plot_004(two, single, first: int = 5, lang: str = "en"):
    """The epoch losses of :func:`keras_like_runs`: the two calls (``two``, the first ``first`` epochs
    from the first call) against the single call (``single``); returns the figure."""
    import matplotlib.pyplot as plt

    one, call1, call2, xlabel, ylabel, title = _PLOT_004[figure_lang(lang)]
    n = len(single)
    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.plot(np.arange(1, n + 1), single, "o-", color="0.6", lw=3, label=one.format(n=n))
    ax.plot(np.arange(1, first + 1), two[:first], "s--", color="tab:blue", label=call1.format(n=first))
    ax.plot(np.arange(first + 1, len(two) + 1), two[first:], "s--", color="tab:red", label=call2.format(n=len(two) - first))
    ax.axvline(first + 0.5, color="0.8", lw=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend()
    return fig


def round_off_bound(x: float) -> str:
    """The smallest power of ten at or above ``|x|``, written ``1e-14``: how a book states round-off.

    The exact size of a round-off difference (5e-15 or 6e-15 after 10 000 steps) depends on the
    NumPy build and the processor's vector instructions, not on the mathematics; a page that printed
    it would change from one machine to the next.  Its power of ten is what the reader needs and
    is stable.  ``0`` gives ``"0"``; a non-finite ``x`` is refused.
    """
    x = abs(float(x))
    if not np.isfinite(x):
        raise BpnnError(f"round_off_bound: {x} is not a finite number")
    if x == 0.0:
        return "0"
    k = int(np.ceil(np.log10(x)))
    if 10.0 ** (k - 1) >= x:      # log10 rounded up past an exact power of ten
        k -= 1
    return f"1e{k:+03d}"
