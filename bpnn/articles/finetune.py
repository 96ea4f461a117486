"""Fine-tuning, worked for real: the training runs of the fine-tuning chapter.

A 2-16-1 network (tanh hidden layer, sigmoid output, binary cross-entropy) is
pre-trained with Adam on a source task (points inside one disc) and then
adapted to a related target task (a smaller, shifted disc, few training
points) in three ways: from scratch, top layer only (layer 1 frozen, smaller
learning rate), or every layer (smaller learning rate).  Every run is seeded;
the data come from :mod:`bpnn.datasets`.  Batches are columns, as everywhere in
:mod:`bpnn.network`.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..errors import BpnnError
from ..network import Network
from ..optim import Adam
from ..train import fit

__all__ = [
    "FT", "FT_DATA", "fit_full_batch", "accuracy", "pretrain", "adapt", "finetune_data",
    "finetune_comparison", "pretrained_model", "lr_sweep",
]

def fit_full_batch(net: Network, X, T, optimizer, steps: int, loss: str = "bce") -> np.ndarray:
    """``steps`` full-batch optimizer steps; returns the loss before each step."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise BpnnError(f"steps must be at least 1; got {steps!r}")
    return fit(net, X, T, optimizer, loss=loss, epochs=steps).losses


def accuracy(net: Network, X, T) -> float:
    """Fraction of samples whose output is on the target's side of 0.5 (one output unit)."""
    return float(np.mean((net.predict(X) > 0.5) == (np.asarray(T) > 0.5)))


#: the fine-tuning chapter's settings (one place, so the book and the tests agree)
FT = {
    "hidden": 16, "activations": ["tanh", "sigmoid"], "init_scale": 1.0,
    "pretrain_seed": 10, "pretrain_lr": 0.02, "pretrain_steps": 1500,
    "scratch_lr": 0.02, "finetune_lr": 0.002, "adapt_steps": 300,
}


def pretrain(X, T, settings=FT) -> tuple[Network, np.ndarray]:
    """Train a fresh 2-H-1 network on the source task with Adam; returns (network, loss curve)."""
    net = Network.random([2, settings["hidden"], 1], settings["activations"], seed=settings["pretrain_seed"],
                         scale=settings["init_scale"])
    return net, fit_full_batch(net, X, T, Adam(settings["pretrain_lr"]), settings["pretrain_steps"])


def adapt(how: str, pretrained: Network, X, T, scratch_seed: int, settings=FT, lr: float | None = None):
    """Train on the target task in one of three ways; returns (network, loss curve).

    * ``"scratch"``: a fresh network (``scratch_seed``), the pre-training learning rate;
    * ``"top"``: a copy of the pre-trained network with layer 1 frozen, the smaller learning rate;
    * ``"all"``: a copy of the pre-trained network, every layer trained, the smaller learning rate.
    """
    if how == "scratch":
        net = Network.random([2, settings["hidden"], 1], settings["activations"], seed=scratch_seed,
                             scale=settings["init_scale"])
        lr = settings["scratch_lr"] if lr is None else lr
    elif how in ("top", "all"):
        net = pretrained.copy()
        net.unfreeze()
        if how == "top":
            net.freeze(1)
        lr = settings["finetune_lr"] if lr is None else lr
    else:
        raise BpnnError(f"how must be 'scratch', 'top' or 'all'; got {how!r}")
    return net, fit_full_batch(net, X, T, Adam(lr), settings["adapt_steps"])


#: seeds of the fine-tuning chapter's data: source training set, target test set, target training sets
FT_DATA = {"source_n": 2000, "source_seed": 1, "test_n": 4000, "test_seed": 3, "target_seed0": 100,
           "scratch_seed0": 200}


def finetune_data(n_target: int = 20, k: int = 0):
    """(source X, T), (target training X, T) for repeat ``k``, (target test X, T)."""
    from ..datasets import SOURCE_DISC, TARGET_DISC, disc_task

    src = disc_task(FT_DATA["source_n"], FT_DATA["source_seed"], SOURCE_DISC)
    tgt = disc_task(n_target, FT_DATA["target_seed0"] + k, TARGET_DISC)
    test = disc_task(FT_DATA["test_n"], FT_DATA["test_seed"], TARGET_DISC)
    return src, tgt, test


def finetune_comparison(pretrained: Network, n_target: int = 20, k: int = 0, lr: float | None = None,
                        ways=("scratch", "top", "all")) -> dict:
    """Adapt to the target task in each way; returns {way: (network, loss curve, test accuracy)}."""
    _, (X, T), (Xt, Tt) = finetune_data(n_target, k)
    out = {}
    for how in ways:
        net, curve = adapt(how, pretrained, X, T, FT_DATA["scratch_seed0"] + k, lr=lr if how != "scratch" else None)
        out[how] = (net, curve, accuracy(net, Xt, Tt))
    return out


@lru_cache(maxsize=1)
def _pretrained_cached():
    (Xs, Ts), _, _ = finetune_data()
    return pretrain(Xs, Ts)


def pretrained_model() -> tuple[Network, np.ndarray]:
    """The fine-tuning chapter's pre-trained network (a fresh copy) and its loss curve."""
    net, curve = _pretrained_cached()
    return net.copy(), curve.copy()


def lr_sweep(rates=(1e-1, 1e-2, 1e-3, 1e-4, 1e-5), ways=("top", "all"), n_target: int = 20, k: int = 0) -> dict:
    """Target-task test accuracy after fine-tuning at each learning rate: {(way, rate): accuracy}."""
    pre, _ = pretrained_model()
    out = {}
    for rate in rates:
        res = finetune_comparison(pre, n_target, k, lr=rate, ways=ways)
        for how in ways:
            out[(how, rate)] = res[how][2]
    return out
