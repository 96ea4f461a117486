"""Small seeded synthetic data sets for the book's experiments.

Every function takes a ``seed`` and draws from its own
``numpy.random.default_rng(seed)``, so the same arguments always give the same
arrays.  Inputs come back in the engine's convention (see
:mod:`bpnn.network`): a batch of m samples is an array of shape ``(n_0, m)``
whose columns are the samples; targets are ``(n_L, m)``.

Two related 2-D tasks (:func:`disc_task`) are used by the fine-tuning chapter:
points drawn uniformly from the square [-1, 1]², labelled 1 inside a disc and
0 outside.  The *source* task and the *target* task differ only in the
disc's centre and radius, so features that locate the source disc's edge are
useful, but not sufficient, for the target disc.
"""
from __future__ import annotations

import numpy as np

from .errors import BpnnError

__all__ = ["disc_task", "SOURCE_DISC", "TARGET_DISC", "gaussian_blobs", "one_hot"]

#: (centre x, centre y, radius) of the source task's disc
SOURCE_DISC = (0.0, 0.0, 0.6)
#: (centre x, centre y, radius) of the target task's disc: moved and shrunk
TARGET_DISC = (0.25, 0.1, 0.45)


def _check_count(n, what="n") -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise BpnnError(f"{what} must be a positive whole number of samples; got {n!r}")
    return int(n)


def disc_task(n: int, seed: int, disc=SOURCE_DISC) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points uniform in [-1, 1]², label 1 inside ``disc = (cx, cy, r)``, else 0.

    Returns ``X`` of shape (2, n) and ``T`` of shape (1, n) (floats 0.0 / 1.0).
    """
    n = _check_count(n)
    try:
        cx, cy, r = (float(v) for v in disc)
    except (TypeError, ValueError):
        raise BpnnError(f"disc must be three numbers (centre x, centre y, radius); got {disc!r}") from None
    if not r > 0:
        raise BpnnError(f"disc radius must be positive; got {r!r}")
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(2, n))
    inside = (X[0] - cx) ** 2 + (X[1] - cy) ** 2 < r * r
    return X, inside.astype(np.float64)[None, :]


def one_hot(labels, classes: int) -> np.ndarray:
    """Integer labels (m,) -> one-hot columns (classes, m)."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise BpnnError(f"labels must be a 1-D array of whole numbers; got dtype {labels.dtype}, shape {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        raise BpnnError(f"labels must lie in 0 … {classes - 1}; got values from {labels.min()} to {labels.max()}")
    out = np.zeros((classes, labels.size))
    out[labels, np.arange(labels.size)] = 1.0
    return out


def gaussian_blobs(n: int, dim: int, classes: int, seed: int, spread: float = 1.0):
    """``n`` samples of ``classes`` Gaussian clusters in ``dim`` dimensions.

    Class centres are drawn from N(0, I/…) scaled so that neighbouring clusters
    overlap a little at ``spread = 1``.  Returns ``X`` (dim, n) and integer
    labels (n,).  A stand-in for the image data the Keras listings assume
    (784 inputs, 10 classes), which this book does not download.
    """
    n, dim, classes = _check_count(n), _check_count(dim, "dim"), _check_count(classes, "classes")
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 1.0, size=(classes, dim)) * (3.0 / np.sqrt(dim))
    labels = rng.integers(0, classes, size=n)
    X = centres[labels].T + rng.normal(0.0, float(spread) / np.sqrt(dim) * 1.5, size=(dim, n))
    return X, labels
