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

Optional keys: ``"learning_rate"`` (default 0.1) and ``"train_biases"``
(default true; false makes the step update the weights only, as Mazur's
worked example does).

Every problem raises :class:`bpnn.errors.BpnnError` with a message that names
the file and the place in it (``layers[1].bias``), never a traceback, and
never repeats more than a few dozen characters of the offending value.
Hostile files are refused cheaply: at most ``MAX_BYTES`` bytes are read
(``MAX_YAML_BYTES`` for YAML, whose parser is slower), devices, FIFOs and
sockets are refused without reading, YAML aliases may add at most
``MAX_ALIAS_NODES`` nodes, and duplicate keys are an error in JSON and
YAML alike.  YAML is read with the YAML 1.2 core schema's plain scalars
(``1:30`` and ``2024-01-01`` stay strings; ``yes`` is not a boolean).  The
path ``-`` reads standard input.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .activations import ACTIVATIONS
from .errors import BpnnError
from .losses import LOSSES
from .network import Network
from .registry import shorten
from .textfile import MAX_BYTES, read_text_file
from .values import HugeNumber, as_array, as_scalar, describe

__all__ = ["Spec", "load_spec", "parse_spec", "MAX_BYTES", "MAX_YAML_BYTES"]

MAX_YAML_BYTES = 2_000_000
MAX_ALIAS_NODES = 100_000
#: a spec's keys with what each holds (``bpnn trace --help`` prints them); the reader accepts these and no others
KEYS = {
    "layers": "a list of layers, from the first hidden layer to the output layer",
    "loss": "the loss function's name",
    "input": "one number per input unit (layer 0)",
    "target": "one number per output unit",
    "learning_rate": "η of the SGD step, a positive number; default 0.1",
    "train_biases": "true or false; false updates the weights only (Mazur's example); default true",
}
OPTIONAL = {"learning_rate", "train_biases"}
#: a layer's keys, all required
LAYER_KEYS = {
    "weights": "a matrix: weights[j][k] is the weight from unit k of the layer below to unit j",
    "bias": "one number per unit of the layer",
    "activation": "the activation function's name",
}
_KEYS, _OPTIONAL, _LAYER_KEYS = set(KEYS), OPTIONAL, set(LAYER_KEYS)


@dataclass
class Spec:
    network: Network
    loss: str
    x: np.ndarray
    t: np.ndarray
    learning_rate: float
    train_biases: bool = True


# ----------------------------------------------------------------------------- JSON
def _json_number(text: str):
    v = float(text)
    if math.isfinite(v) or not any(c.isdigit() for c in text):
        return v          # NaN, inf written as such are reported as what they are
    return HugeNumber(text)


def _json_int(text: str):
    return int(text) if len(text) <= 18 else _json_number(text)


def _json_object(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            shown = shorten(k)
            raise BpnnError(f"duplicate key {shown!r} in one object (a later value would silently replace the first)")
        out[k] = v
    return out


def _load_json(text: str, path: str):
    try:
        return json.loads(text, parse_constant=float, parse_float=_json_number, parse_int=_json_int,
                          object_pairs_hook=_json_object)
    except BpnnError as exc:
        raise BpnnError(f"{path}: {exc}") from None
    except RecursionError:
        raise BpnnError(f"{path}: JSON is nested too deeply to be a network spec") from None
    except json.JSONDecodeError as exc:
        raise BpnnError(f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None


# ----------------------------------------------------------------------------- YAML
def _yaml_loader():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        """SafeLoader with YAML 1.2 core plain scalars, duplicate keys refused, huge numbers kept for the message."""

        yaml_implicit_resolvers: dict = {}

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for key_node, _ in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                        key = (key_node.tag, key_node.value)
                        if key in seen:
                            shown = shorten(key_node.value)
                            raise BpnnError(f"duplicate key {shown!r} at line {key_node.start_mark.line + 1} "
                                            f"(a later value would silently replace the first)")
                        seen.add(key)
            return super().construct_mapping(node, deep=deep)

    def construct_int(loader, node):
        text = loader.construct_scalar(node)
        digits = text.lstrip("+-")
        if len(digits) > 18:
            return _json_number(text)
        return int(text)

    def construct_float(loader, node):
        text = loader.construct_scalar(node)
        low = text.lower()
        if low in (".inf", "+.inf"):
            return math.inf
        if low == "-.inf":
            return -math.inf
        if low == ".nan":
            return math.nan
        return _json_number(text)

    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    for tag, regexp, first in [
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
         list("-+0123456789.")),
    ]:
        Loader.add_implicit_resolver(tag, re.compile(regexp), first)
    # YAML 1.2 core resolves "1.0e5"-like ints and floats by the regexps above; everything else is a string
    return yaml, Loader


def _expanded_size(root) -> int:
    """Number of nodes the document would have with every alias written out (cycles refused)."""
    import yaml

    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            children = node.value if isinstance(node, yaml.SequenceNode) else (
                [n for kv in node.value for n in kv] if isinstance(node, yaml.MappingNode) else [])
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), 1 << 62)
            continue
        if key in sizes:
            continue
        if key in active:
            raise BpnnError(f"a YAML alias at line {node.start_mark.line + 1} refers to itself")
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            active.add(key)
            stack.append((node, True))
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
            for c in children:
                if id(c) in active:
                    raise BpnnError(f"a YAML alias at line {c.start_mark.line + 1} refers to a node that contains it")
                stack.append((c, False))
        else:
            sizes[key] = 1
    return sizes[id(root)], len(sizes)


def _load_yaml(text: str, path: str):
    yaml, Loader = _yaml_loader()
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        expanded, distinct = _expanded_size(node)
        if expanded - distinct > MAX_ALIAS_NODES:
            raise BpnnError(f"YAML aliases expand the document by {'over a billion' if expanded > 1e9 else expanded - distinct} "
                            f"nodes; at most {MAX_ALIAS_NODES} are allowed")
        return loader.construct_document(node)
    except BpnnError as exc:
        raise BpnnError(f"{path}: {exc}") from None
    except RecursionError:
        raise BpnnError(f"{path}: YAML is nested too deeply to be a network spec") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = str(getattr(exc, "problem", None) or exc).splitlines()[0][:120]
        raise BpnnError(f"{path}: not valid YAML{where}: {problem}") from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise BpnnError(f"{path}: not usable YAML: {str(exc).splitlines()[0][:120]}") from None
    finally:
        loader.dispose()


# ----------------------------------------------------------------------------- validation
def _keys(obj: dict, where: str, allowed: set, required: set, fail) -> None:
    for k in obj:
        if not isinstance(k, str):
            fail(f"{where}keys must be names (strings); got the key {describe(k)}")
    missing = sorted(required - set(obj))
    if missing:
        fail(f"{where}missing key{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    unknown = sorted(set(obj) - allowed)
    if unknown:
        shown = ", ".join(repr(shorten(k)) for k in unknown[:5])
        fail(f"{where}unknown key{'s' if len(unknown) > 1 else ''} {shown}; allowed: {', '.join(sorted(allowed))}")


def _name(v, where: str, table: dict, kind: str, fail) -> str:
    if not isinstance(v, str):
        fail(f"{where}: must be a name ({', '.join(sorted(table))}); got {describe(v)}")
    if v not in table:
        shown = shorten(v)
        fail(f"{where}: unknown {kind} {shown!r}; expected one of {', '.join(sorted(table))}")
    return v


def parse_spec(data: Any, source: str = "spec") -> Spec:
    """Validate a spec already loaded as Python data and build the network."""
    def fail(msg: str):
        raise BpnnError(f"{source}: {msg}")

    if not isinstance(data, dict):
        fail(f"the top level must be an object with keys {', '.join(sorted(_KEYS - _OPTIONAL))}; got {describe(data)}")
    _keys(data, "", _KEYS, _KEYS - _OPTIONAL, fail)
    layers = data["layers"]
    if not isinstance(layers, list) or not layers:
        fail(f"layers must be a non-empty list of layer objects; got {describe(layers)}")
    weights, biases, acts = [], [], []
    for i, layer in enumerate(layers):
        where = f"layers[{i}]"
        if not isinstance(layer, dict):
            fail(f"{where} must be an object with keys weights, bias, activation; got {describe(layer)}")
        _keys(layer, f"{where}: ", _LAYER_KEYS, _LAYER_KEYS, fail)
        try:
            W = as_array(layer["weights"], f"{where}.weights", (2,))
            b = as_array(layer["bias"], f"{where}.bias", (1, 2))
        except BpnnError as exc:
            fail(str(exc))
        acts.append(_name(layer["activation"], f"{where}.activation", ACTIVATIONS, "activation", fail))
        weights.append(W)
        biases.append(b)
    loss = _name(data["loss"], "loss", LOSSES, "loss", fail)
    try:
        x = as_array(data["input"], "input", (1,))
        t = as_array(data["target"], "target", (1,))
    except BpnnError as exc:
        fail(str(exc))
    lr = data.get("learning_rate", 0.1)
    if isinstance(lr, (bool, str)) or lr is None or not isinstance(lr, (int, float, HugeNumber)):
        fail(f"learning_rate must be a positive finite number; got {describe(lr)}")
    try:
        lr = as_scalar(lr, "learning_rate")
    except BpnnError as exc:
        fail(str(exc))
    if lr <= 0:
        fail(f"learning_rate must be a positive finite number; got {lr!r}")
    train_biases = data.get("train_biases", True)
    if not isinstance(train_biases, bool):
        fail(f"train_biases must be true or false; got {describe(train_biases)}")
    try:
        net = Network.from_weights(weights, biases, acts)
    except BpnnError as exc:
        # the engine numbers layers from 1; the spec's list from 0
        i = _layer_index(str(exc))
        fail(f"{exc} (layers[{i}] in the spec)" if i is not None else str(exc))
    if len(x) != net.sizes[0]:
        fail(f"input has {len(x)} values, but layers[0].weights has {net.sizes[0]} columns (one per input)")
    if len(t) != net.sizes[-1]:
        fail(f"target has {len(t)} values, but the last layer has {net.sizes[-1]} units")
    try:
        LOSSES[loss].check(net.layers[-1].activation, t, f"the output layer (layers[{net.L - 1}])")
    except BpnnError as exc:
        fail(str(exc))
    return Spec(net, loss, x, t, lr, train_biases)


def _layer_index(msg: str):
    m = re.match(r"layer (\d+):", msg)
    return int(m.group(1)) - 1 if m else None


def parse_text(text: str, path: str, yaml: bool = False):
    """The data of a JSON (or, with ``yaml=True``, YAML) text, read by the spec's rules: a duplicate key
    is an error (a later value would silently replace the first), numbers are checked as a spec's are,
    and every error names ``path``.  For other files of the same kind, such as the audit's names map."""
    return _load_yaml(text, path) if yaml else _load_json(text, path)


def load_spec(path: str | Path) -> Spec:
    """Read and validate a spec file (``.json``, or ``.yaml``/``.yml``; ``-`` reads JSON or YAML from standard input)."""
    if not isinstance(path, (str, Path)):
        raise BpnnError(f"the spec must be a file name (or '-' for standard input); got {describe(path)}")
    path = str(path)
    suffix = Path(path).suffix.lower()
    is_yaml = suffix in (".yaml", ".yml")
    text = read_text_file(path, "spec file", MAX_YAML_BYTES if is_yaml else MAX_BYTES)
    if path == "-" and not text.lstrip().startswith(("{", "[")):
        is_yaml = True
        if len(text.encode("utf-8")) > MAX_YAML_BYTES:
            raise BpnnError(f"-: a YAML spec is limited to {MAX_YAML_BYTES} bytes (JSON to {MAX_BYTES})")
    data = _load_yaml(text, path) if is_yaml else _load_json(text, path)
    return parse_spec(data, path)
