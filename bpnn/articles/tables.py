"""The chapters' tables besides the claim tables of :mod:`.report`, in English or Chinese.

Built here once, so that a Chinese twin calls what its English chapter computes (in English each
gives exactly what the English chapter shows; the tests compare them with that notebook's stored
outputs).  For article 002's worked example (book/worked-example-002.ipynb and its twin): the
network the words describe against the one the numbers compute, the verdicts of §4.3 per step,
and the corrected example computed three ways.
"""
from __future__ import annotations

import sympy as sp

from .claims.example_002 import (
    LAYOUT,
    LAYOUT_SIZES,
    OUTPUT_PARAMS,
    OUTPUT_UNIT,
    SETUP_B,
    SETUP_W,
    SETUP_X,
    UNITS,
    hidden_units,
    parse_matrix,
    parse_vector,
    units_reaching_output,
)
from .claims.registry import Claim, Verdict
from .i18n import T, Text, check_lang
from .report import typeset_symbols

__all__ = ["STEPS", "VERSIONS", "version_of", "step_of", "network_markdown", "steps_markdown",
           "corrected_spec_from_article", "corrected_example", "corrected_markdown"]

# ============================================================ article 002's worked example
#: the sigmoid chapter's topics of article 002 that belong to §4.3's forward step
STEP_OF_SIGMOID = {"hidden activations": "forward", "output": "forward"}
#: the steps of §4.3, in the chapter's order, with their names in both languages
STEPS = {
    "setup": T("setup", "给定数据"), "forward": T("forward", "前向传播"),
    "output error": T("output error", "输出层误差项"), "hidden deltas": T("hidden deltas", "隐藏层误差项"),
    "gradients": T("gradients", "梯度"), "updates": T("updates", "更新"),
}
VERSIONS = {"v1": T("version 1", "版本 1"), "v2": T("version 2", "版本 2")}


def version_of(claim: Claim) -> str:
    """"v1" or "v2": the version of article 002 a claim of this chapter (or of 002's sigmoid lines) is on."""
    return claim.id.split("-")[1]


def step_of(claim: Claim) -> str:
    """The step of §4.3 (a key of :data:`STEPS`) or the topic of §4.2 / the description a claim belongs to."""
    return STEP_OF_SIGMOID.get(claim.topic, claim.topic) if claim.chapter == "sigmoid" else claim.topic


def network_markdown(lang: str = "en") -> str:
    """The network line 134 (v2: 525) describes in words against the one the numbers compute, both
    versions: a Markdown table in ``lang``, its symbols typeset."""
    zh = check_lang(lang) == "zh"
    sep = "、" if zh else ", "
    x, W, B = parse_vector(SETUP_X), parse_matrix(SETUP_W), parse_matrix(SETUP_B)
    hidden = {v: hidden_units(v) for v in UNITS}
    second = {v: [j for j in UNITS[v] if j not in hidden[v]] for v in UNITS}
    first_seen = {v: min(line for _, line, _ in OUTPUT_PARAMS[v].values()) for v in UNITS}
    zs = lambda units: sep.join(f"z_{j}" for j in units)  # noqa: E731
    params = {v: ("，" if zh else ", ").join(f"{n} = {val}" for n, (val, _, _) in OUTPUT_PARAMS[v].items())
              for v in UNITS}
    n_in, n_hid, n_out = LAYOUT_SIZES
    if zh:
        rows = [f"| | 第 {LAYOUT['v1']} 行（v2：第 {LAYOUT['v2']} 行）的说法 | 版本 1 | 版本 2 |", "|---|---|---|---|",
                f"| 输入 | {n_in} | {len(x)}（x = {x}） | {len(x)} |",
                f"| 隐藏神经元（由 x 算出的 z） | {n_hid} | {len(hidden['v1'])} 个：{zs(hidden['v1'])} | "
                f"{len(hidden['v2'])} 个：{zs(hidden['v2'])} |",
                f"| 第二层神经元（由 a 算出的 z） | {n_out} | {zs(second['v1'])} | {zs(second['v2'])} |",
                f"| 输出 | 一个神经元 | y = f(z_{OUTPUT_UNIT['v1']}) | y = f(z_{OUTPUT_UNIT['v2']}) |",
                f"| 影响到 y 的神经元 | 全部 | {zs(sorted(units_reaching_output('v1')))} | "
                f"{zs(sorted(units_reaching_output('v2')))} |",
                f"| 权重矩阵 w | 2×1 和 1×2 | {len(W)}×{len(W[0])}，元素逐个分给各神经元 | 同上 |",
                f"| 偏置 b | 2 个数和 1 个数 | {len(B)}×{len(B[0])} 矩阵，每个隐藏神经元用一个元素 | 同上 |",
                f"| 第二层的权重和偏置 | – | {params['v1']}，首次出现在第 {first_seen['v1']} 行 | "
                f"{params['v2']}，首次出现在第 {first_seen['v2']} 行 |"]
    else:
        rows = [f"| | line {LAYOUT['v1']} (v2: {LAYOUT['v2']}) says | version 1 | version 2 |", "|---|---|---|---|",
                f"| inputs | {n_in} | {len(x)} (x = {x}) | {len(x)} |",
                f"| hidden units (the z's computed from x) | {n_hid} | {len(hidden['v1'])}: {zs(hidden['v1'])} | "
                f"{len(hidden['v2'])}: {zs(hidden['v2'])} |",
                f"| second-layer units (z's computed from a's) | {n_out} | {zs(second['v1'])} | {zs(second['v2'])} |",
                f"| the output | one unit | y = f(z_{OUTPUT_UNIT['v1']}) | y = f(z_{OUTPUT_UNIT['v2']}) |",
                f"| units that reach y | all | {zs(sorted(units_reaching_output('v1')))} | "
                f"{zs(sorted(units_reaching_output('v2')))} |",
                f"| weight matrix w | 2×1 and 1×2 | {len(W)}×{len(W[0])}, entries used one by one | same |",
                f"| bias b | 2 and 1 numbers | a {len(B)}×{len(B[0])} matrix, one entry per hidden unit | same |",
                f"| second-layer weights and biases | – | {params['v1']}, first seen on line {first_seen['v1']} | "
                f"{params['v2']}, first seen on line {first_seen['v2']} |"]
    return typeset_symbols("\n".join(rows))


def steps_markdown(claims, lang: str = "en") -> str:
    """The verdicts of §4.3's claims counted per step (rows) and version (columns), named in ``lang``."""
    from collections import Counter

    order = list(Verdict)
    head = T("step", "步骤")
    rows = [f"| {head.lang(lang)} | {VERSIONS['v1'].lang(lang)} | {VERSIONS['v2'].lang(lang)} |", "|---|---|---|"]
    for s, name in STEPS.items():
        cells = []
        for v in VERSIONS:
            cnt = Counter(c.evaluate().verdict for c in claims if version_of(c) == v and step_of(c) == s)
            cells.append(("，" if lang == "zh" else ", ").join(
                f"{n} {verdict.label(lang)}" for verdict, n in sorted(cnt.items(), key=lambda kv: order.index(kv[0]))))
        rows.append(f"| {name.lang(lang)} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def corrected_spec_from_article(spec_path) -> bool:
    """Whether the corrected example's weights (book/specs/002-corrected.json) are the article's setup
    matrix as the chapter reads it: rows 1–2 transposed for the hidden layer, row 3 for the output."""
    import json
    from pathlib import Path

    data = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    W = parse_matrix(SETUP_W)
    l1, l2 = data["layers"]
    return (l1["weights"] == [[W[0][0], W[1][0]], [W[0][1], W[1][1]]] and l2["weights"] == [W[2]])


def corrected_example(spec_path) -> dict:
    """The corrected example's values three ways: the engine (float64, ``bpnn.trace_step``), sympy (the
    spec's numbers as Rationals, gradients by ``sympy.diff`` through ``bpnn.symbolic``) and central
    differences (``bpnn.gradcheck``: plain with h = 1e-5, Richardson-extrapolated from h = 1e-3 and 5e-4).

    Returns ``rows``: (name, engine, exact, plain differences or None, Richardson or None), the name a
    :class:`Text` where it has words; ``eng_vs_exact``, ``cd_plain``, ``cd_rich``: the largest
    differences from sympy; ``loss_before``, ``loss_after``, ``loss_drop``: exact losses (floats);
    ``lowered``: whether the step lowered the loss, in the engine and exactly.
    """
    import json
    from pathlib import Path

    import numpy as np

    from .. import trace_step
    from ..gradcheck import numerical_gradients
    from ..spec import load_spec
    from ..symbolic import SymbolicNetwork

    data = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    spec = load_spec(spec_path)
    tr = trace_step(spec.network, spec.x, spec.t, spec.loss, spec.learning_rate)

    R = lambda v: sp.Rational(str(v))  # noqa: E731
    Ws = [[[R(v) for v in row] for row in layer["weights"]] for layer in data["layers"]]
    bs = [[R(v) for v in layer["bias"]] for layer in data["layers"]]
    xs, ts, eta = [R(v) for v in data["input"]], [R(v) for v in data["target"]], R(data["learning_rate"])
    sizes = [len(xs)] + [len(w) for w in Ws]
    exact = SymbolicNetwork(sizes, "sigmoid", weights=Ws, biases=bs)
    ez, ea = exact.forward(xs)
    sym = SymbolicNetwork(sizes, "sigmoid")
    at = {}
    for l in (1, 2):
        for i in range(sym.W[l].shape[0]):
            for j in range(sym.W[l].shape[1]):
                at[sym.W[l][i, j]] = Ws[l - 1][i][j]
        for i, s in enumerate(sym.b[l]):
            at[s] = bs[l - 1][i]
    gW, gb = sym.gradients(xs, ts, "half_sse", at)
    L0 = exact.loss(xs, ts, "half_sse")
    stepped = SymbolicNetwork(sizes, "sigmoid",
                              weights=[sp.Matrix(Ws[l - 1]) - eta * gW[l] for l in (1, 2)],
                              biases=[sp.Matrix(bs[l - 1]) - eta * gb[l] for l in (1, 2)])
    L1 = stepped.loss(xs, ts, "half_sse")

    nW, nb = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=1e-5)
    W_a, b_a = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=1e-3)
    W_b, b_b = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=5e-4)
    rW = [None] + [(4 * W_b[l] - W_a[l]) / 3 for l in (1, 2)]
    rb = [None] + [(4 * b_b[l] - b_a[l]) / 3 for l in (1, 2)]

    N = lambda e: float(sp.N(e, 30))  # noqa: E731
    new = lambda what: T(f"new {what}", f"更新后的 {what}")  # noqa: E731
    rows = []
    for l, L in enumerate(tr.layers, start=1):
        for j in range(len(L.z)):
            rows.append((f"z[{l}]{j+1}", float(L.z[j]), N(ez[l][j]), None, None))
            rows.append((f"a[{l}]{j+1}", float(L.a[j]), N(ea[l][j]), None, None))
    for l, L in enumerate(tr.layers, start=1):
        for j in range(len(L.delta)):
            rows.append((f"δ[{l}]_{j+1}", float(L.delta[j]), N(gb[l][j]), float(nb[l][j]), float(rb[l][j])))
        for (j, k), g in np.ndenumerate(L.grad_W):
            rows.append((f"∂L/∂W[{l}]_{j+1}{k+1}", float(g), N(gW[l][j, k]), float(nW[l][j, k]), float(rW[l][j, k])))
        for j in range(len(L.grad_b)):
            rows.append((f"∂L/∂b[{l}]_{j+1}", float(L.grad_b[j]), N(gb[l][j]), float(nb[l][j]), float(rb[l][j])))
        for (j, k), w in np.ndenumerate(L.new_W):
            rows.append((new(f"W[{l}]_{j+1}{k+1}"), float(w), N(Ws[l - 1][j][k] - eta * gW[l][j, k]), None, None))
        for j in range(len(L.new_b)):
            rows.append((new(f"b[{l}]_{j+1}"), float(L.new_b[j]), N(bs[l - 1][j] - eta * gb[l][j]), None, None))
    rows.append((T("L before", "更新前的 L"), float(tr.loss), N(L0), None, None))
    rows.append((T("L after", "更新后的 L"), float(tr.loss_after), N(L1), None, None))
    return {
        "rows": rows,
        "eng_vs_exact": max(abs(e - s) for _, e, s, _, _ in rows),
        "cd_plain": max(abs(c - s) for _, _, s, c, _ in rows if c is not None),
        "cd_rich": max(abs(r - s) for _, _, s, _, r in rows if r is not None),
        "loss_before": N(L0), "loss_after": N(L1), "loss_drop": N(L0 - L1),
        "lowered": bool(tr.loss_after < tr.loss and N(L1) < N(L0)),
    }


def corrected_markdown(rows, lang: str = "en") -> str:
    """:func:`corrected_example`'s rows as a Markdown table in ``lang`` (ten decimals; "–" where none)."""
    f10 = lambda v: "–" if v is None else f"{v:.10f}"  # noqa: E731
    head = (T("| value | engine (float64) | sympy (exact) | central diff. h = 1e-5 | Richardson |",
              "| 量 | 引擎（float64） | sympy（精确） | 中心差分 h = 1e-5 | Richardson 外推 |").lang(lang)
            + "\n|---|---:|---:|---:|---:|")
    return "\n".join([head] + [f"| {n.lang(lang) if isinstance(n, Text) else n} | {f10(e)} | {f10(s)} | {f10(c)} | "
                               f"{f10(r)} |" for n, e, s, c, r in rows])
