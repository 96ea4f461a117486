"""User values to float64 arrays, with the same one-line errors for the API and for specs.

:func:`as_array` accepts a float64 array as it is (after a finiteness check:
the fast path the training loop relies on), a NumPy array of integers or
floats, or nested lists/tuples of Python or NumPy real numbers.  Everything
else is refused with a message that names the place (``weights[0][1]``) and
describes the offending value briefly (``got a string 'a'``): booleans,
strings, complex numbers, None, dictionaries, ragged nesting, non-finite
values and numbers too large for float64.  A message never contains more
than a few dozen characters of the value itself.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

from .errors import BpnnError
from .registry import shorten

__all__ = ["as_array", "as_scalar", "all_finite", "describe", "HugeNumber"]

_REAL_KINDS = "fiu"


class HugeNumber:
    """A number written in a file that float64 cannot hold (e.g. 400 digits); kept only to be reported."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        t = self.text
        return t if len(t) <= 24 else f"{t[:12]}…{t[-6:]} ({len(t)} characters)"


def describe(v) -> str:
    """A short description of any value for an error message (never the whole value)."""
    if v is None:
        return "null"
    if isinstance(v, bool) or isinstance(v, np.bool_):
        return f"a boolean ({bool(v)})"
    if isinstance(v, HugeNumber):
        return f"a number too large for float64: {v!r}"
    if isinstance(v, str):
        s = shorten(v)
        return f"a string {s!r}"
    if isinstance(v, (bytes, bytearray)):
        return f"binary data ({len(v)} bytes)"
    if isinstance(v, complex) or (isinstance(v, np.generic) and np.iscomplexobj(v)):
        return f"a complex number {v!r:.40}"
    if isinstance(v, numbers.Integral):
        s = str(int(v))
        return s if len(s) <= 24 else f"{s[:12]}…{s[-6:]} ({len(s)} digits)"
    if isinstance(v, numbers.Real):
        return repr(float(v))
    if isinstance(v, np.ndarray):
        return f"an array of {v.dtype} with shape {v.shape}"
    if isinstance(v, (list, tuple)):
        return f"a list of {len(v)} item{'s' * (len(v) != 1)}"
    if isinstance(v, dict):
        return f"an object with {len(v)} key{'s' * (len(v) != 1)}"
    if isinstance(v, (set, frozenset)):
        return f"a set of {len(v)} item{'s' * (len(v) != 1)}"
    import datetime

    if isinstance(v, (datetime.date, datetime.datetime)):
        return f"a date ({v.isoformat()[:32]})"
    return f"a {type(v).__name__}"


def _number(x, where: str) -> float:
    if isinstance(x, HugeNumber):
        raise BpnnError(f"{where} is too large for a float64 number ({x!r}); the largest is about 1.8e308")
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise BpnnError(f"{where} must be a number; got {describe(x)}")
    try:
        f = float(x)
    except OverflowError:
        raise BpnnError(f"{where} is too large for a float64 number ({len(str(abs(x)))} digits); "
                        f"the largest is about 1.8e308") from None
    if not math.isfinite(f):
        raise BpnnError(_not_finite(where, f))
    return f


def _not_finite(where: str, f) -> str:
    if math.isnan(f):
        return f"{where} is not a number (NaN); every value must be a finite number"
    return f"{where} must be finite; got {f}"


def as_scalar(value, what: str) -> float:
    """One finite real number (not a boolean, not a string)."""
    return _number(value, what)


_sum = np.add.reduce


def largest(arr) -> str:
    """The largest magnitude in an array, for messages (inf and nan shown as such): ``"1e+308"``."""
    arr = np.asarray(arr)
    with np.errstate(all="ignore"):
        m = np.nanmax(np.abs(arr)) if arr.size and not np.isnan(arr).all() else float("nan")
    return f"{float(m):.3g}"


def all_finite(arr: np.ndarray) -> bool:
    """Every entry finite?  One pass (a sum) in the usual case; the sum of finite numbers
    is finite unless it overflows, and then the exact elementwise check decides."""
    return math.isfinite(_sum(arr, axis=None)) or bool(np.isfinite(arr).all())


def _check_finite(arr: np.ndarray, what: str) -> np.ndarray:
    if not all_finite(arr):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        where = "".join(f"[{i}]" for i in bad)
        raise BpnnError(_not_finite(f"{what}{where}", float(arr[bad] if arr.ndim else arr)))
    return arr


def _depth_shape(value, what: str) -> tuple:
    """Shape of nested lists, checking rectangularity; raises naming the first ragged place."""
    shape = []
    v = value
    while isinstance(v, (list, tuple)):
        if not v:
            raise BpnnError(f"{what} must not be empty")
        shape.append(len(v))
        v = v[0]
    return tuple(shape)


def _walk(value, where: str, depth: int, out: list) -> None:
    """Validate nested lists of exactly ``depth`` levels, appending rows of floats to ``out``."""
    if depth == 0:
        out.append(_number(value, where))
        return
    if not isinstance(value, (list, tuple)):
        kind = "a list of numbers" if depth == 1 else "a list of rows"
        raise BpnnError(f"{where} must be {kind}; got {describe(value)}")
    if not value:
        raise BpnnError(f"{where} must not be empty")
    if depth == 1:
        types = set(map(type, value))
        if types <= {float, int}:
            # fast path for rows of plain numbers; big ints and non-finite floats are still checked below
            try:
                row = np.array(value, dtype=np.float64)
            except OverflowError:
                row = None
            if row is not None and np.isfinite(row).all():
                out.append(row)
                return
        for i, x in enumerate(value):
            _number(x, f"{where}[{i}]")
        out.append(np.array(value, dtype=np.float64))
        return
    for i, v in enumerate(value):
        _walk(v, f"{where}[{i}]", depth - 1, out)


_KIND = {0: "a number", 1: "a list of numbers", 2: "a list of rows (a matrix)"}


def _kinds(ndim) -> str:
    return " or ".join(_KIND.get(n, f"lists nested {n} deep") for n in ndim)


def as_array(value, what: str, ndim: tuple[int, ...] = (0, 1, 2)) -> np.ndarray:
    """``value`` as a finite float64 array whose number of dimensions is in ``ndim``.

    A float64 ndarray is returned as it is (no copy); callers copy what they keep.
    """
    if isinstance(value, np.ndarray):
        if isinstance(value, np.matrix):
            raise BpnnError(f"{what} is a numpy.matrix (its rows and columns stay 2-D, and * multiplies "
                            f"matrices); pass a plain array (np.asarray) instead")
        if isinstance(value, np.ma.MaskedArray):
            raise BpnnError(f"{what} is a masked array; its mask would be ignored: pass the values "
                            f"you mean (e.g. .filled() or .compressed())")
        if value.dtype == np.float64:
            arr = value
        elif value.dtype.kind in _REAL_KINDS:
            arr = value.astype(np.float64)
        else:
            kind = {"b": "booleans", "c": "complex numbers", "U": "strings", "S": "bytes", "O": "Python objects"}.get(
                value.dtype.kind, f"dtype {value.dtype}")
            raise BpnnError(f"{what} must be an array of real numbers; got an array of {kind}")
        if arr.ndim not in ndim:
            raise BpnnError(f"{what} must be {_kinds(ndim)}; got an array of shape {arr.shape}")
        return _check_finite(arr, what)
    if not isinstance(value, (list, tuple)):
        if 0 in ndim:
            return np.float64(_number(value, what))  # type: ignore[return-value]
        raise BpnnError(f"{what} must be {_kinds(ndim)}; got {describe(value)}")
    depth = 0
    v = value
    while isinstance(v, (list, tuple)) and v:
        depth += 1
        v = v[0]
    if isinstance(v, (list, tuple)):
        depth += 1  # an empty list at the bottom: reported by _walk
    if isinstance(v, np.ndarray):
        depth += v.ndim
        if depth in ndim:
            try:
                arr = np.array(value)
            except ValueError:
                raise BpnnError(f"{what}: rows have different shapes") from None
            return as_array(arr, what, ndim)
    if depth not in ndim:
        raise BpnnError(f"{what} must be {_kinds(ndim)}; got {_KIND.get(depth, f'lists nested {depth} deep')}")
    out: list = []
    _walk(value, what, depth, out)
    if depth == 1:
        return out[0]
    widths = {len(r) for r in out}
    if len(widths) != 1:
        lengths = [len(r) for r in out]
        shown = lengths if len(lengths) <= 10 else lengths[:10] + ["…"]
        raise BpnnError(f"{what}: rows have different lengths {shown}")
    arr = np.array(out)
    if depth > 2:
        shape = _depth_shape(value, what)
        if int(np.prod(shape)) != arr.size:
            raise BpnnError(f"{what}: nested lists have different lengths")
        arr = arr.reshape(shape)
    return arr
