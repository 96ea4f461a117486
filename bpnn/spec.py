"""Network specs: a JSON (or YAML) file describing one network and one training example.

Format (``weights[j][k]`` is the weight from unit k of the previous layer to unit j)::

    {
      "layers": [
        {"weights": [[0.15, 0.20], [0.25, 0.30]], "bias": [0.35, 0.35], "activation": "sigmoid"},
        {"weights": [[0.40, 0.45], [0.50, 0.55]], "bias": [0.60, 0.60], "activation": "sigmoid"}
      ],
      "loss": "half_sse",
      "input": [0.05, 0.10],
      "target": [0.01, 0.99],
      "learning_rate": 0.5
    }

Every problem raises :class:`bpnn.errors.BpnnError` with a message that names
the file and the place in it (``layers[1].bias``), never a traceback.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .activations import ACTIVATIONS
from .errors import BpnnError
from .losses import LOSSES
from .network import Network

__all__ = ["Spec", "load_spec", "parse_spec", "read_text_file"]

MAX_BYTES = 10_000_000
_KEYS = {"layers", "loss", "input", "target", "learning_rate"}
_LAYER_KEYS = {"weights", "bias", "activation"}


@dataclass
class Spec:
    network: Network
    loss: str
    x: np.ndarray
    t: np.ndarray
    learning_rate: float


def read_text_file(path: str | Path, what: str = "file", max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file, refusing missing, empty, binary, huge and non-UTF-8 files clearly."""
    p = Path(path)
    if not p.exists():
        raise BpnnError(f"{path}: no such {what}")
    if p.is_dir():
        raise BpnnError(f"{path}: is a directory, not a file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise BpnnError(f"{path}: {what} is {size} bytes; the limit is {max_bytes} bytes")
        data = p.read_bytes()
    except OSError as exc:
        raise BpnnError(f"{path}: cannot read {what}: {exc.strerror}") from None
    if not data.strip():
        raise BpnnError(f"{path}: {what} is empty")
    if b"\x00" in data:
        raise BpnnError(f"{path}: {what} is binary (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BpnnError(f"{path}: {what} is not valid UTF-8 (line {line}, byte {exc.start})") from None
    return text.lstrip("\ufeff")


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _vector(v, where: str) -> list[float]:
    if not isinstance(v, list) or not v:
        raise BpnnError(f"{where} must be a non-empty list of numbers; got {_short(v)}")
    for i, x in enumerate(v):
        if not _is_number(x):
            raise BpnnError(f"{where}[{i}] must be a number; got {_short(x)}")
        if not math.isfinite(x):
            raise BpnnError(f"{where}[{i}] must be finite; got {x}")
    return [float(x) for x in v]


def _matrix(v, where: str) -> list[list[float]]:
    if not isinstance(v, list) or not v:
        raise BpnnError(f"{where} must be a non-empty list of rows; got {_short(v)}")
    rows = [_vector(r, f"{where}[{j}]") for j, r in enumerate(v)]
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        raise BpnnError(f"{where}: rows have different lengths {[len(r) for r in rows]}")
    return rows


def _short(v: Any) -> str:
    s = json.dumps(v) if not isinstance(v, float) or math.isfinite(v) else repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def parse_spec(data: Any, source: str = "spec") -> Spec:
    """Validate a spec already loaded as Python data and build the network."""
    def fail(msg: str):
        raise BpnnError(f"{source}: {msg}")

    if not isinstance(data, dict):
        fail(f"the top level must be an object with keys {sorted(_KEYS)}; got {type(data).__name__}")
    missing = sorted(_KEYS - set(data) - {"learning_rate"})
    if missing:
        fail(f"missing key{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        fail(f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; allowed: {', '.join(sorted(_KEYS))}")
    layers = data["layers"]
    if not isinstance(layers, list) or not layers:
        fail("layers must be a non-empty list of layer objects")
    weights, biases, acts = [], [], []
    for i, layer in enumerate(layers):
        where = f"layers[{i}]"
        if not isinstance(layer, dict):
            fail(f"{where} must be an object with keys weights, bias, activation")
        miss = sorted(_LAYER_KEYS - set(layer))
        if miss:
            fail(f"{where}: missing key{'s' if len(miss) > 1 else ''} {', '.join(miss)}")
        extra = sorted(set(layer) - _LAYER_KEYS)
        if extra:
            fail(f"{where}: unknown key{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}")
        try:
            W = _matrix(layer["weights"], f"{where}.weights")
            b = layer["bias"]
            if isinstance(b, list) and b and all(isinstance(r, list) for r in b):
                b = _matrix(b, f"{where}.bias")
            else:
                b = _vector(b, f"{where}.bias")
        except BpnnError as exc:
            fail(str(exc))
        act = layer["activation"]
        if act not in ACTIVATIONS:
            fail(f"{where}.activation: unknown activation {_short(act)}; expected one of {', '.join(sorted(ACTIVATIONS))}")
        weights.append(W)
        biases.append(b)
        acts.append(act)
    if data["loss"] not in LOSSES:
        fail(f"loss: unknown loss {_short(data['loss'])}; expected one of {', '.join(sorted(LOSSES))}")
    try:
        x = _vector(data["input"], "input")
        t = _vector(data["target"], "target")
    except BpnnError as exc:
        fail(str(exc))
    lr = data.get("learning_rate", 0.1)
    if not _is_number(lr) or not math.isfinite(lr) or lr <= 0:
        fail(f"learning_rate must be a positive finite number; got {_short(lr)}")
    try:
        net = Network.from_weights(weights, biases, acts)
    except BpnnError as exc:
        # the engine numbers layers from 1; the spec's list from 0
        fail(f"{exc} (layers[{_layer_index(str(exc))}] in the spec)" if _layer_index(str(exc)) is not None else str(exc))
    if len(x) != net.sizes[0]:
        fail(f"input has {len(x)} values, but layers[0].weights has {net.sizes[0]} columns (one per input)")
    if len(t) != net.sizes[-1]:
        fail(f"target has {len(t)} values, but the last layer has {net.sizes[-1]} units")
    return Spec(net, data["loss"], np.array(x), np.array(t), float(lr))


def _layer_index(msg: str):
    import re

    m = re.match(r"layer (\d+):", msg)
    return int(m.group(1)) - 1 if m else None


def load_spec(path: str | Path) -> Spec:
    """Read and validate a spec file (``.json``, or ``.yaml``/``.yml``)."""
    text = read_text_file(path, "spec file")
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except RecursionError:
            raise BpnnError(f"{path}: YAML is nested too deeply to be a network spec") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise BpnnError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    else:
        try:
            data = json.loads(text, parse_constant=lambda c: float(c))
        except RecursionError:
            raise BpnnError(f"{path}: JSON is nested too deeply to be a network spec") from None
        except json.JSONDecodeError as exc:
            raise BpnnError(f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    return parse_spec(data, str(path))
