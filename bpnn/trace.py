"""One full training step, traced: forward pass, loss, backward pass, SGD update.

:func:`trace_step` is what ``bpnn trace`` prints and what the book's chapters
use to show every intermediate value; :func:`format_table` renders it for
people, and :func:`to_json` gives the stable machine-readable form.

Per unit j of layer l the trace holds, in the book's notation:

==================  =========================  ==========================================
``--json`` key      book                       meaning
==================  =========================  ==========================================
``z``               z^(l)_j                    weighted input Σ_k w^(l)_jk a^(l-1)_k + b^(l)_j
``a``               a^(l)_j = f_l(z^(l)_j)     activation
``f_prime_z``       f_l'(z^(l)_j)              derivative of the activation at z (``null``
                                               for softmax, whose derivative is a Jacobian)
``dL_da``           ∂L/∂a^(l)_j                output layer: the loss's gradient (Mazur's
                                               ∂E_total/∂out_o1); hidden layers:
                                               Σ_i w^(l+1)_ij δ^(l+1)_i, the sum over the
                                               units above (∂E_total/∂out_h1)
``delta``           δ^(l)_j = ∂L/∂z^(l)_j      error term; ∂L/∂a ⊙ f'(z) for elementwise f
``grad_weights``    ∂L/∂w^(l)_jk = δ_j a_k     (a matrix, as ``weights[j][k]`` in the spec)
``grad_bias``       ∂L/∂b^(l)_j = δ^(l)_j
``new_weights``,    w − η ∂L/∂w, b − η ∂L/∂b   after the step (``new_bias`` equals the
``new_bias``                                   bias when ``train_biases`` is false)
``loss_terms``      L_j                        output layer only: unit j's share of the loss
                                               (½(a_j − t_j)² for half_sse; Mazur's E_o1)
==================  =========================  ==========================================

The top level has ``loss`` (L before the step), ``loss_after`` (L on the same
input after the step), ``train_biases`` and the spec's input, target,
loss name and learning rate.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from .errors import BpnnError
from .losses import get_loss, loss_grad, loss_terms
from .network import Network
from .optim import SGD
from .spec import Spec
from .termout import fit_cells, pad, wrap_line
from .values import describe

__all__ = ["StepTrace", "LayerTrace", "trace_step", "to_json", "format_table"]


@dataclass
class LayerTrace:
    """Layer l's values in one step; shapes as in :mod:`bpnn.network`.

    ``f_prime`` is f'(z) (None for softmax), ``grad_a`` is ∂L/∂a, and
    ``loss_terms`` (output layer only, else None) each unit's share of the loss.
    """

    number: int
    activation: str
    W: np.ndarray
    b: np.ndarray
    z: np.ndarray
    a: np.ndarray
    delta: np.ndarray
    grad_W: np.ndarray
    grad_b: np.ndarray
    new_W: np.ndarray
    new_b: np.ndarray
    f_prime: np.ndarray | None = None
    grad_a: np.ndarray | None = None
    loss_terms: np.ndarray | None = None


@dataclass
class StepTrace:
    x: np.ndarray
    t: np.ndarray
    loss_name: str
    learning_rate: float
    loss: float
    loss_after: float
    layers: list[LayerTrace]
    train_biases: bool = True

    @property
    def output(self) -> np.ndarray:
        return self.layers[-1].a


def trace_step(net: Network, x, t, loss: str = "half_sse", learning_rate: float = 0.1,
               train_biases: bool = True) -> StepTrace:
    """Run one SGD step on a *copy* of ``net`` and record every value (the network is not changed).

    ``train_biases=False`` updates the weights only.
    """
    if not isinstance(net, Network):
        raise BpnnError(f"trace_step needs a bpnn.Network; got {describe(net)}")
    loss_fn = get_loss(loss)
    opt = SGD(learning_rate, train_biases)
    net = net.copy()
    fwd = net.forward(x)
    bwd = net.backward(fwd, t, loss_fn)
    t = np.asarray(t, dtype=float)
    old = [(l.W.copy(), l.b.copy()) for l in net.layers]
    opt.step(net, bwd)
    loss_after = net.loss(fwd.a[0], t, loss_fn)
    L = net.L
    layers = []
    with np.errstate(all="ignore"):
        for l, layer in enumerate(net.layers, start=1):
            act = layer.activation
            f_prime = act.derivative(fwd.z[l]) if act.derivative is not None else None
            if l == L:
                grad_a = loss_grad(loss_fn, act, fwd.z[l], fwd.a[l], t)
                terms = loss_terms(loss_fn, act, fwd.z[l], fwd.a[l], t)
            else:
                grad_a = old[l][0].T @ bwd.delta[l + 1]
                terms = None
            layers.append(
                LayerTrace(
                    l, act.name, old[l - 1][0], old[l - 1][1], fwd.z[l], fwd.a[l],
                    bwd.delta[l], bwd.grad_W[l], bwd.grad_b[l], layer.W.copy(), layer.b.copy(),
                    f_prime, grad_a, terms,
                )
            )
    return StepTrace(np.asarray(fwd.a[0]), t, loss_fn.name, opt.lr, bwd.loss, loss_after, layers, opt.train_biases)


def trace_spec(spec: Spec) -> StepTrace:
    return trace_step(spec.network, spec.x, spec.t, spec.loss, spec.learning_rate, spec.train_biases)


def _fields(tr: StepTrace, conv) -> dict:
    if not isinstance(tr, StepTrace):
        raise BpnnError(f"the JSON form needs the StepTrace that trace_step returns; got {describe(tr)}")
    layers = []
    for L in tr.layers:
        d = {
            "layer": L.number,
            "activation": L.activation,
            "z": conv(L.z),
            "a": conv(L.a),
            "f_prime_z": None if L.f_prime is None else conv(L.f_prime),
            "dL_da": None if L.grad_a is None else conv(L.grad_a),
            "delta": conv(L.delta),
            "grad_weights": conv(L.grad_W),
            "grad_bias": conv(L.grad_b),
            "new_weights": conv(L.new_W),
            "new_bias": conv(L.new_b),
        }
        if L.loss_terms is not None:
            d["loss_terms"] = conv(L.loss_terms)
        layers.append(d)
    return {
        "input": conv(tr.x),
        "target": conv(tr.t),
        "loss_function": tr.loss_name,
        "learning_rate": tr.learning_rate,
        "train_biases": tr.train_biases,
        "loss": tr.loss,
        "loss_after": tr.loss_after,
        "layers": layers,
    }


def to_dict(tr: StepTrace) -> dict:
    """The ``--json`` form: plain lists with the spec's nesting (weights[j][k]); keys in the module docstring."""
    return _fields(tr, lambda arr: arr.tolist())


def _chunks(v, indent: int, level: int):
    """JSON pieces: ``indent`` at the levels of objects and of matrices; each row of numbers on one line.

    Arrays are written row by row (one C-encoder call each), so a large layer never exists as
    one big Python list or string.
    """
    pad = " " * (indent * (level + 1))
    end = " " * (indent * level)
    if isinstance(v, dict):
        yield "{\n"
        for i, (k, x) in enumerate(v.items()):
            yield f"{',' if i else ''}\n{pad}" if i else pad
            yield f"{json.dumps(k)}: "
            yield from _chunks(x, indent, level + 1)
        yield f"\n{end}}}"
    elif isinstance(v, list):
        yield "[\n"
        for i, x in enumerate(v):
            yield f",\n{pad}" if i else pad
            yield from _chunks(x, indent, level + 1)
        yield f"\n{end}]"
    elif isinstance(v, np.ndarray) and v.ndim == 2:
        yield "[\n"
        for i, row in enumerate(v):
            yield f",\n{pad}" if i else pad
            yield json.dumps(row.tolist(), separators=(", ", ": "))
        yield f"\n{end}]"
    elif isinstance(v, np.ndarray):
        yield json.dumps(v.tolist(), separators=(", ", ": "))
    else:
        yield json.dumps(v)


def write_json(tr: StepTrace, out) -> None:
    """Write the trace as JSON (the form of ``to_dict``) to a text stream, piece by piece."""
    buf, size = [], 0
    for piece in _chunks(_fields(tr, lambda arr: arr), 2, 0):
        buf.append(piece)
        size += len(piece)
        if size > 1 << 20:
            out.write("".join(buf))
            buf, size = [], 0
    out.write("".join(buf) + "\n")


def to_json(tr: StepTrace) -> str:
    """The trace as JSON (see ``to_dict``); rows of numbers are printed on one line each."""
    return "".join(_chunks(_fields(tr, lambda arr: arr), 2, 0))


def _f(v: float, digits: int) -> str:
    """Fixed point, as a hand calculation writes it; scientific notation from 1e15 on."""
    return f"{v: .{digits}f}" if abs(v) < 1e15 else f"{v: .{digits}e}"


#: text tables show at most this many rows per layer and section; ``--json`` is always complete
MAX_ROWS = 64


def _rows(n: int) -> tuple[range, int]:
    """Indices to show out of n, and how many are left out."""
    return (range(n), 0) if n <= MAX_ROWS else (range(MAX_ROWS), n - MAX_ROWS)


#: the table's words in each language (``bpnn trace --lang zh``); numbers and formulas are the same in both
LABELS = {
    "en": {
        "input": "input x", "target": "target t", "loss_name": "loss", "lr": "learning rate η",
        "forward": "Forward pass   z[l]_j = Σ_k W[l]_jk a[l-1]_k + b[l]_j ;  a[l]_j = f(z[l]_j) ;  f'(z[l]_j)",
        "layer": "layer", "unit": "unit", "activation": "activation", "delta": "delta",
        "softmax": "(— : softmax's derivative is a Jacobian, not one number per unit; δ uses all of it)",
        "terms": "loss terms L_j of the output units (they sum to L):", "loss": "loss L",
        "backward": "Backward pass  ∂L/∂a[L] from the loss; ∂L/∂a[l]_k = Σ_j W[l+1]_jk δ[l+1]_j ;  "
                    "δ[l] = ∂L/∂z[l] = ∂L/∂a[l] ⊙ f'(z[l])",
        "backward2": "               ∂L/∂b[l]_j = δ[l]_j ;  ∂L/∂W[l]_jk = δ[l]_j a[l-1]_k",
        "sgd": "SGD step       W ← W − η ∂L/∂W ;  b ← b − η ∂L/∂b",
        "sgd_frozen": "SGD step       W ← W − η ∂L/∂W ;  biases not updated (train_biases: false)",
        "param": "param", "value": "value", "gradient": "gradient", "new": "new value",
        "before": "loss before the step = ", "after": "loss after the step  = ",
        "more": "… {left} more {what} not shown (the text table shows {rows} per layer; --json lists every value)",
        "more_comma": ", … {left} more",
        "units_of": "units of layer {n}", "weights_of": "weights of layer {n}", "biases_of": "biases of layer {n}",
        "loss_terms": "loss terms",
    },
    "zh": {
        "input": "输入 x", "target": "目标值 t", "loss_name": "损失函数", "lr": "学习率 η",
        "forward": "前向传播       z[l]_j = Σ_k W[l]_jk a[l-1]_k + b[l]_j ；a[l]_j = f(z[l]_j) ；f'(z[l]_j)",
        "layer": "层", "unit": "神经元", "activation": "激活函数", "delta": "误差项 δ",
        "softmax": "（— ：softmax 的导数是雅可比矩阵，不是每个神经元一个数；δ 用到整个矩阵）",
        "terms": "输出层各神经元的损失项 L_j（其和为 L）：", "loss": "损失 L",
        "backward": "反向传播       ∂L/∂a[L] 由损失函数给出；∂L/∂a[l]_k = Σ_j W[l+1]_jk δ[l+1]_j ；"
                    "δ[l] = ∂L/∂z[l] = ∂L/∂a[l] ⊙ f'(z[l])",
        "backward2": "               ∂L/∂b[l]_j = δ[l]_j ；∂L/∂W[l]_jk = δ[l]_j a[l-1]_k",
        "sgd": "SGD 更新一步   W ← W − η ∂L/∂W ；b ← b − η ∂L/∂b",
        "sgd_frozen": "SGD 更新一步   W ← W − η ∂L/∂W ；偏置不更新（train_biases: false）",
        "param": "参数", "value": "数值", "gradient": "梯度", "new": "新值",
        "before": "更新前的损失 = ", "after": "更新后的损失 = ",
        "more": "… 另有 {left} 个{what}未显示（文本表每层最多显示 {rows} 行；--json 列出全部数值）",
        "more_comma": "，… 另有 {left} 个",
        "units_of": "第 {n} 层的神经元", "weights_of": "第 {n} 层的权重", "biases_of": "第 {n} 层的偏置",
        "loss_terms": "损失项",
    },
}


def format_table(tr: StepTrace, digits: int = 6, width: int | None = None, lang: str = "en") -> str:
    """A plain-text table of every value, in the order a hand calculation produces them.

    Layers with more than ``MAX_ROWS`` rows in a section are shortened with a note.  ``width``:
    the number of terminal columns to fit (None: lines are not wrapped; ``bpnn trace`` passes
    ``bpnn.termout.terminal_width()``): prose is wrapped, table rows move the cells that do not
    fit to an indented next line.  ``lang="zh"``: headers and labels in Chinese (Chinese
    characters count as two columns).
    """
    if not isinstance(tr, StepTrace):
        raise BpnnError(f"format_table needs the StepTrace that trace_step returns; got {describe(tr)}")
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or not 0 <= digits <= 17:
        raise BpnnError(f"digits must be a whole number from 0 to 17; got {describe(digits)}")
    if width is not None and (isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width < 20):
        raise BpnnError(f"width must be None or a whole number of at least 20 columns; got {describe(width)}")
    if lang not in LABELS:
        raise BpnnError(f"language {lang!r}: must be one of {', '.join(LABELS)}")
    T = LABELS[lang]
    w = digits + 6
    dash = f"{'—':>{w}}"
    items: list = []           # prose lines (str) and table rows (cells, indent)

    def row(*cells, indent=11):
        items.append((list(cells), indent))

    def more(left: int, what: str) -> None:
        if left:
            items.append(f"{'':>5} " + T["more"].format(left=left, what=what, rows=MAX_ROWS))

    xs = tr.x if tr.x.size <= MAX_ROWS else tr.x[:MAX_ROWS]
    ts = tr.t if tr.t.size <= MAX_ROWS else tr.t[:MAX_ROWS]
    cut = lambda arr: T["more_comma"].format(left=arr.size - MAX_ROWS) if arr.size > MAX_ROWS else ""
    head = [f"{T['input']} = [{', '.join(_f(v, digits).strip() for v in xs)}{cut(tr.x)}]",
            f"  {T['target']} = [{', '.join(_f(v, digits).strip() for v in ts)}{cut(tr.t)}]",
            f"  {T['loss_name']} = {tr.loss_name}", f"  {T['lr']} = {tr.learning_rate:g}"]
    items.append((head, 4))
    items.append("")
    items.append(T["forward"])
    row(pad(T["layer"], 5, True), pad(T["unit"], 4, True), f"{'z':>{w}}", f"{'a':>{w}}",
        f"{chr(102) + chr(39) + '(z)':>{w}}", "  " + T["activation"])
    for L in tr.layers:
        shown, left = _rows(len(L.z))
        for j in shown:
            fp = _f(L.f_prime[j], digits) if L.f_prime is not None else dash
            row(f"{L.number:>5}", f"{j + 1:>4}", f"{_f(L.z[j], digits):>{w}}", f"{_f(L.a[j], digits):>{w}}",
                f"{fp:>{w}}", f"  {L.activation}")
        more(left, T["units_of"].format(n=L.number))
    if any(L.f_prime is None for L in tr.layers):
        items.append(T["softmax"])
    last = tr.layers[-1]
    if last.loss_terms is not None:
        items.append(T["terms"])
        shown, left = _rows(len(last.loss_terms))
        for j in shown:
            row(f"{last.number:>5}", f"{j + 1:>4}", f"{_f(last.loss_terms[j], digits + 4):>{w + 4}}")
        more(left, T["loss_terms"])
    items.append(f"{T['loss']} = {_f(tr.loss, digits + 4).strip()}")
    items.append("")
    items.append(T["backward"])
    items.append(T["backward2"])
    row(pad(T["layer"], 5, True), pad(T["unit"], 4, True), f"{'∂L/∂a':>{w}}", pad(T["delta"], w, True))
    for L in reversed(tr.layers):
        shown, left = _rows(len(L.delta))
        for j in shown:
            ga = _f(L.grad_a[j], digits) if L.grad_a is not None else dash
            row(f"{L.number:>5}", f"{j + 1:>4}", f"{ga:>{w}}", f"{_f(L.delta[j], digits):>{w}}")
        more(left, T["units_of"].format(n=L.number))
    items.append("")
    items.append(T["sgd"] if tr.train_biases else T["sgd_frozen"])
    row(pad(T["param"], 12, True), pad(T["value"], w, True), pad(T["gradient"], w, True), pad(T["new"], w, True),
        indent=13)
    for L in tr.layers:
        n_out, n_in = L.W.shape
        sep = "" if max(n_out, n_in) < 10 else ","
        count = 0
        for j in range(n_out):
            for k in range(n_in):
                if count == MAX_ROWS:
                    break
                count += 1
                name = f"W[{L.number}]_{j + 1}{sep}{k + 1}"
                row(f"{name:>12}", f"{_f(L.W[j, k], digits):>{w}}", f"{_f(L.grad_W[j, k], digits):>{w}}",
                    f"{_f(L.new_W[j, k], digits):>{w}}", indent=13)
        more(L.W.size - count, T["weights_of"].format(n=L.number))
        shown, left = _rows(n_out)
        for j in shown:
            name = f"b[{L.number}]_{j + 1}"
            row(f"{name:>12}", f"{_f(L.b[j], digits):>{w}}", f"{_f(L.grad_b[j], digits):>{w}}",
                f"{_f(L.new_b[j], digits):>{w}}", indent=13)
        more(left, T["biases_of"].format(n=L.number))
    items.append("")
    items.append(f"{T['before']}{_f(tr.loss, digits + 4).strip()}")
    items.append(f"{T['after']}{_f(tr.loss_after, digits + 4).strip()}")
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out += wrap_line(item, width, indent=15 if item.startswith(("Forward", "Backward", "SGD", "前向", "反向"))
                             else None)
        else:
            cells, indent = item
            if indent == 4:   # the first line: its parts joined by two more spaces, each part wrapped
                for line in fit_cells(cells, width, 0):
                    out += wrap_line(line, width, indent=4)
            else:
                out += fit_cells(cells, width, indent)
    return "\n".join(out)
