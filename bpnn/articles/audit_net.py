"""``bpnn audit ARTICLE --spec NET.json --names MAP.yaml``: the article's named values against a network.

The map (YAML or JSON) pairs a name as the article writes it with a place in the engine's trace of
one training step of the network in the spec (:func:`bpnn.trace.trace_spec`)::

    out_{h1}: a[1][0]                 # layer 1, unit 0 (0-based units), activation
    net_{o1}: z[2][0]                 # weighted input of layer 2, unit 0
    E_{total}: loss                   # the loss before the step (loss_after: after it)
    \\delta_{o1}: delta[2][0]
    \\frac{\\partial E_{total}}{\\partial w_5}: grad_W[2][0][0]    # ∂L/∂W of layer 2, row 0, column 0
    w_5^+: new_W[2][0][0]             # the weight after the step
    b_1: b[1][0]                      # also W, new_b, grad_b, x[k] (input), t[k] (target)

Layers are numbered from 1 (``a[0]`` is the input); ``W[l][j][k]`` is the weight from unit k of
layer l-1 to unit j of layer l, as in the spec.  Names are matched as the audit reads them
(``out_{h1}``, ``\\text{out}_{h1}`` and ``out_h1`` are one name).  Every value the article gives
a mapped name, on any line, is compared with the engine's value to the precision printed.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BpnnError

__all__ = ["NamedCheck", "load_names", "engine_values", "check_named"]

_PATH = re.compile(r"^(loss|loss_after|x|t|a|z|delta|W|b|grad_W|grad_b|new_W|new_b)((?:\[\d+\])*)$")
_DIMS = {"loss": 0, "loss_after": 0, "x": 1, "t": 1, "a": 2, "z": 2, "delta": 2, "b": 2, "grad_b": 2, "new_b": 2,
         "W": 3, "grad_W": 3, "new_W": 3}


@dataclass
class NamedCheck:
    line: int
    name: str
    stated: str
    place: str
    engine: float
    ok: bool


def load_names(path: str | Path) -> dict[str, str]:
    """The map file: article name -> trace place, names normalised as the audit reads them."""
    from ..spec import parse_text
    from ..textfile import read_text_file
    from .latexnum import LatexError, compile_side

    text = read_text_file(path, "names map")
    # the spec's readers: a duplicate key is an error (a later entry would silently replace the first)
    data = parse_text(text, str(path), yaml=Path(path).suffix.lower() in (".yaml", ".yml"))
    if not isinstance(data, dict) or not data:
        raise BpnnError(f"{path}: a names map is a mapping from names to places such as a[1][0]")
    out = {}
    for name, place in data.items():
        if not isinstance(name, str) or not isinstance(place, str):
            raise BpnnError(f"{path}: entry {name!r}: names and places must be text")
        if not _PATH.match(place.replace(" ", "")):
            raise BpnnError(f"{path}: {name!r}: {place!r} is no place in the trace "
                            "(loss, a[l][j], z[l][j], delta[l][j], W[l][j][k], new_W[l][j][k], …)")
        try:
            side = compile_side(name)
        except LatexError as exc:
            raise BpnnError(f"{path}: {name!r} is not a name the audit can read ({exc})") from None
        if side.tree[0] != "s":
            raise BpnnError(f"{path}: {name!r} is a formula, not a name")
        if side.tree[1] in out:
            raise BpnnError(f"{path}: {name!r} names the same value as an earlier entry "
                            f"(both read as {side.tree[1]!r}); keep one")
        out[side.tree[1]] = place.replace(" ", "")
    return out


def engine_values(spec_path: str | Path, places: dict[str, str]) -> dict[str, float]:
    """Each mapped name's value in the engine's trace of one step of the spec's network."""
    import numpy as np

    from ..spec import load_spec
    from ..trace import trace_spec

    tr = trace_spec(load_spec(spec_path))
    layers = tr.layers
    values = {}
    for name, place in places.items():
        m = _PATH.match(place)
        kind, idx = m.group(1), [int(i) for i in re.findall(r"\d+", m.group(2))]
        if len(idx) != _DIMS[kind]:
            raise BpnnError(f"{place}: {kind} takes {_DIMS[kind]} index(es), got {len(idx)}")
        try:
            if kind in ("loss", "loss_after"):
                v = getattr(tr, kind)
            elif kind in ("x", "t"):
                v = np.ravel(getattr(tr, kind))[idx[0]]
            else:
                l = idx[0]
                if kind == "a" and l == 0:
                    arr = tr.x
                else:
                    if not 1 <= l <= len(layers):
                        raise IndexError
                    arr = getattr(layers[l - 1], kind)
                arr = np.asarray(arr)
                v = np.ravel(arr)[idx[1]] if _DIMS[kind] == 2 else arr[idx[1], idx[2]]
        except IndexError:
            raise BpnnError(f"{place}: no such place in this network ({len(layers)} layers)") from None
        values[name] = float(v)
    return values


def check_named(assignments, values: dict[str, float], places: dict[str, str]) -> list[NamedCheck]:
    """Compare each ``(line, name, printed, half)`` the article states with the engine's value."""
    out = []
    for line, name, printed, half in assignments:
        if name not in values:
            continue
        v = values[name]
        stated = float(printed)
        tol = max(half, _stated_half(printed)) + 1e-12 * abs(v)
        out.append(NamedCheck(line, name, printed, places[name], v, math.isfinite(v) and abs(v - stated) <= tol))
    return out


def _stated_half(printed: str) -> float:
    """Half a unit of the last printed digit (``2.98e-3``: 5e-6); a whole number claims to be exact."""
    from decimal import Decimal, InvalidOperation

    text = printed.lstrip("+-")
    if text.isdigit():
        return 0.0
    try:
        exponent = Decimal(text).as_tuple().exponent
    except InvalidOperation:
        return 0.0
    return 0.5 * 10.0 ** exponent if isinstance(exponent, int) else 0.0
