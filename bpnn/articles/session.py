"""Compute an expensive result once per test run or book build, for both editions.

Every chapter exists twice, in English (``book/X.ipynb``) and in Chinese
(``book/zh/X.ipynb``), and both call the same package functions.  The costly
ones (the four equations checked on eleven networks, twenty training runs)
are decorated with :func:`shared_result`: inside one pytest run or one book
build, the first notebook that calls one computes it and the other edition's
notebook reads that result instead of computing it again.

Nothing outlives the run.  ``tests/conftest``'s hooks and the book's
``bpnn_shared`` extension create an empty directory when the run starts, name
it in the environment variable ``BPNN_SHARED_RESULTS`` (kernels inherit it)
and delete it when the run ends.  Without that variable, which is how a reader
runs a notebook, every call computes, as if this module did not exist.  So
each number in the book is still computed when the book builds and when the
tests run, by the code of that build.

The key of a result is the function's module and name and the ``repr`` of its
arguments; a lock file makes a second caller wait for the first instead of
computing the same thing beside it.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

__all__ = ["ENV", "shared_result", "start", "finish"]

ENV = "BPNN_SHARED_RESULTS"
R = TypeVar("R")


def shared_result(fn: Callable[..., R]) -> Callable[..., R]:
    """Decorate a deterministic function of plain arguments (numbers, strings, tuples): within
    one run (see the module's docstring) it runs once per distinct call; its result must pickle."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        where = os.environ.get(ENV)
        if not where or not os.path.isdir(where) or not _plain((args, kwargs)):
            return fn(*args, **kwargs)
        key = f"{fn.__module__}.{fn.__qualname__}{args!r}{sorted(kwargs.items())!r}"
        path = Path(where) / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".pickle")
        with _locked(path.with_suffix(".lock")):
            if path.exists():
                with open(path, "rb") as fh:
                    return pickle.load(fh)
            value = fn(*args, **kwargs)
            tmp = path.with_suffix(".tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            return value

    wrapper.uncached = fn          # the function itself, for tests that must compute
    return wrapper


def _plain(value) -> bool:
    """Arguments whose ``repr`` says all they hold (a NumPy array's ``repr`` leaves numbers out)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (tuple, list)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


class _locked:
    """An exclusive lock on a file (fcntl); where there is no fcntl, no lock: both compute."""

    def __init__(self, path: Path):
        self.path = path
        self.fh = None

    def __enter__(self):
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return self
        self.fh = open(self.path, "a+")
        fcntl.flock(self.fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        if self.fh is not None:
            import fcntl

            fcntl.flock(self.fh, fcntl.LOCK_UN)
            self.fh.close()
        return False


def start() -> str | None:
    """Begin a run: make the directory and name it in the environment.  Returns the directory
    when this call made it (the caller then ends the run with :func:`finish`), or ``None``
    when a run is already going on (a build started by the tests, say)."""
    if os.environ.get(ENV):
        return None
    where = tempfile.mkdtemp(prefix="bpnn-shared-")
    os.environ[ENV] = where
    return where


def finish(where: str | None) -> None:
    """End the run that :func:`start` began: delete its results and unset the variable."""
    if not where:
        return
    import shutil

    shutil.rmtree(where, ignore_errors=True)
    if os.environ.get(ENV) == where:
        del os.environ[ENV]
