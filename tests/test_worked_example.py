"""Article 002 §4.2–4.3 (chapter book/worked-example-002): coverage, verdicts, the corrected example."""
from __future__ import annotations

import contextlib
import io
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import bpnn
from bpnn.articles import ARTICLES, article_lines
from bpnn.articles.claims import Verdict, claims_for
from bpnn.articles.claims import example_002 as we
from bpnn.articles.claims.kinds_002 import counterexample, derivative_check
from bpnn.articles.claims.tex import tex_symbols
from bpnn.errors import BpnnError

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "book" / "specs" / "002-corrected.json"
SRC = ARTICLES["002"]
LINES = article_lines(SRC)
needs_seeds = pytest.mark.skipif(LINES is None, reason="the articles (shared/seeds) are not here")

OWN = claims_for(chapter="worked_example")
SIG = claims_for(chapter="sigmoid")
S43 = [c for c in OWN + SIG if c.topic not in ("derivatives", "description")]
RANGES = {"v1": (132, 219), "v2": (523, 592)}


def _version_of(line):
    for v, (lo, hi) in RANGES.items():
        if lo <= line <= hi:
            return v
    return None


def _numeric_lines_by_scan(v):
    """Independent scan of the article text: lines after the §4.3 heading with an ASCII digit,
    once a leading list marker ("1. ") is removed."""
    # the section runs from its "### 4.3" heading to the next heading of any level
    starts = [n for n, text in enumerate(LINES, start=1) if text.startswith("### 4.3")]
    assert len(starts) == 2
    lo = starts[0 if v == "v1" else 1]
    hi = next(n for n in range(lo + 1, len(LINES) + 1) if LINES[n - 1].startswith("#")) - 1
    assert lo == RANGES[v][0] and hi >= RANGES[v][1]
    out = set()
    for n in range(lo + 1, hi + 1):
        text = re.sub(r"^\s*\d+\.\s+", "", LINES[n - 1])
        if re.search(r"[0-9]", text):
            out.add(n)
    return out


# ----------------------------------------------------------------- coverage
@needs_seeds
@pytest.mark.parametrize("v,expected", [("v1", 46), ("v2", 32)])
def test_every_numeric_line_is_registered(v, expected):
    scanned = _numeric_lines_by_scan(v)
    registered = {c.line for c in S43 if _version_of(c.line) == v}
    assert registered == scanned, (sorted(scanned - registered), sorted(registered - scanned))
    assert len(scanned) == expected


def test_claims_sit_in_their_version_and_no_sigmoid_claim_is_duplicated():
    for c in OWN:
        if c.topic not in ("derivatives", "description"):
            assert _version_of(c.line) == c.id.split("-")[1], c.id
    sig_lines = {c.line for c in SIG}
    # the sigmoid evaluations are registered once, by ch_sigmoid; this chapter adds no claim on them
    assert not sig_lines & {c.line for c in OWN}
    for c in OWN:   # the description claims of §4.2–4.3 sit in their version too
        if c.topic == "description":
            lo, hi = {"v1": (120, 219), "v2": (511, 592)}[c.id.split("-")[1]]
            assert lo <= c.line <= hi, c.id


@needs_seeds
def test_quotes_and_provenance_are_in_the_article():
    def line(n):
        return re.sub(r"\s+", " ", LINES[n - 1])

    for c in OWN:
        assert re.sub(r"\s+", " ", c.quote) in line(c.line), c.id
    for v, table in list(we.STATED.items()) + list(we.OUTPUT_PARAMS.items()):
        for name, (value, n, snippet) in table.items():
            assert snippet in line(n), (v, name)
            assert value.lstrip("-") in line(n), (v, name)
    for v, n in we.LAYOUT.items():
        for phrase in we.LAYOUT_PHRASES:
            assert phrase in LINES[n - 1]
    for v, (lx, lw, lb) in we.SETUP_LINES.items():
        assert we.SETUP_X in line(lx) and we.SETUP_W in line(lw) and we.SETUP_B in line(lb)


# ----------------------------------------------------------------- verdicts
def test_computed_verdicts_equal_reviewed():
    bad = [(c.id, c.evaluate().verdict, c.reviewed) for c in OWN if c.evaluate().verdict != c.reviewed]
    assert not bad


def test_verdict_counts():
    def counts(v):
        cnt = {}
        for c in S43:
            if _version_of(c.line) == v:
                cnt[c.evaluate().verdict] = cnt.get(c.evaluate().verdict, 0) + 1
        return cnt

    V = Verdict
    assert counts("v1") == {V.CORRECT: 4, V.ARITHMETIC: 30, V.WRONG_FORMULA: 14, V.INCONSISTENT: 19, V.CARRIED: 2}
    assert counts("v2") == {V.CORRECT: 4, V.ARITHMETIC: 20, V.WRONG_FORMULA: 7, V.INCONSISTENT: 8, V.CARRIED: 1}


# hand-written arithmetic (plain Python, not latexnum) for the values the claims compute
HAND = {
    "002-v1-L148-z5-arith": 0.5 * 1 + 0.5 * 2 + 0.5,
    "002-v1-L149-z6-arith": 0.6 * 1 + 0.6 * 2 + 0.6,
    "002-v1-L160-z7": 0.7 * 0.865 + 0.8 * 0.697 + 0.1,
    "002-v1-L161-z8": 0.9 * 0.436 + 0.1 * 0.286 + 0.2,
    "002-v1-L162-z9": 1.1 * 0.206 + 0.2 * 0.126 + 0.3,
    "002-v1-L176-delta6-arith": 0.126 * (1 - 0.126) * (1.1 * -0.049),
    "002-v1-L176-delta6-weight": 0.126 * (1 - 0.126) * (0.2 * -0.049),
    "002-v1-L177-delta5-arith": 0.206 * (1 - 0.206) * (0.9 * -0.049),
    "002-v1-L177-delta5-weight": 0.206 * (1 - 0.206) * (1.1 * -0.049),
    "002-v1-L181-dw71-arith": 0.865 * (1 - 0.865) * -0.049,
    "002-v1-L181-dw71-formula": 0.865 * -0.049,
    "002-v1-L184-dw72-arith": 0.697 * (1 - 0.697) * -0.049,
    "002-v1-L187-dw81-arith": 0.436 * (1 - 0.436) * -0.007,
    "002-v1-L193-dw91-arith": 0.206 * (1 - 0.206) * -0.004,
    "002-v1-L201-w71-arith": 0.1 - 0.1 * -0.003,
    "002-v1-L201-w71-old": 0.7 - 0.1 * -0.003,
    "002-v2-L547-z5": 0.5 * 0.865 + 0.6 * 0.697 + 0.1,
    "002-v2-L548-z6": 0.6 * 0.436 + 0.7 * 0.286 + 0.2,
    "002-v2-L562-delta5-arith": 0.951 * (1 - 0.951) * (0.6 * -0.049),
    "002-v2-L572-dw61-arith": 0.436 * (1 - 0.436) * -0.028,
    "002-v2-L587-b61-arith": 0.2 - 0.1 * -0.028,
}


@pytest.mark.parametrize("cid", sorted(HAND))
def test_true_values_by_hand(cid):
    o = next(c for c in OWN if c.id == cid).evaluate()
    assert abs(o.value - HAND[cid]) < 1e-12


def test_arithmetic_that_is_right_is_not_flagged():
    # lines 190 and 196 state −0.001 and −0.000; their numbers give −0.00143 and −0.00044: right to 3 decimals
    for cid, v, claimed in (("002-v1-L190-dw82-formula", 0.286 * (1 - 0.286) * -0.007, -0.001),
                            ("002-v1-L196-dw92-formula", 0.126 * (1 - 0.126) * -0.004, -0.000)):
        assert abs(v - claimed) <= 0.0005
        assert not any(c.id == cid.replace("formula", "arith") for c in OWN)


# ----------------------------------------------------------------- the article's network
def _dense_v1():
    """The article's v1 forward pass as a dense 2-6-1 engine network (zeros where there is no connection);
    the dead-end units z_8, z_9 cannot influence L and are left out."""
    W1 = [[0.1, 0], [0.2, 0], [0, 0.3], [0, 0.4], [0.5, 0.5], [0.6, 0.6]]
    b1 = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    W2 = [[0.7, 0.8, 0, 0, 0, 0]]
    b2 = [0.1]
    return bpnn.Network.from_weights([W1, W2], [b1, b2], ["sigmoid", "sigmoid"])


def test_article_network_matches_the_engine():
    net = _dense_v1()
    g = net.gradients([1.0, 2.0], [1.0], "bce")
    ref = we.article_network("v1")
    assert abs(net.predict([1.0, 2.0])[0] - ref["y"]) < 1e-12
    assert abs(g.delta[2][0] - ref["delta_7"]) < 1e-12
    for j in range(6):
        assert abs(g.delta[1][j] - ref[f"delta_{j + 1}"]) < 1e-12
    assert abs(g.grad_W[2][0, 0] - ref["g_w_71"]) < 1e-12
    assert abs(g.grad_W[2][0, 1] - ref["g_w_72"]) < 1e-12
    assert abs(g.grad_W[1][0, 0] - ref["g_w_11"]) < 1e-12
    # units 3–6 and the second-layer units 8, 9 do not reach y
    for name in ("delta_3", "delta_4", "delta_5", "delta_6", "delta_8", "delta_9", "g_w_81", "g_w_92", "g_b_91"):
        assert ref[name] == 0.0
    # with the engine's own sigmoid + cross-entropy, the output error is y − t (line 172's formula)
    assert abs(g.delta[2][0] - (net.predict([1.0, 2.0])[0] - 1)) < 1e-15


def test_stated_network_is_rejected_by_the_engine():
    w = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]
    with pytest.raises(BpnnError, match=r"bias has shape \(3, 2\)"):
        bpnn.Network.from_weights([w], [w], ["sigmoid"])
    with pytest.raises(BpnnError, match=r"input has shape \(2,\)"):
        bpnn.Network.random([1, 2, 1], "sigmoid", seed=0).forward([1, 2])


# ----------------------------------------------------------------- §4.2
def test_derivative_claims():
    for wrt, rhs, ok in (("x", r"f'(w \cdot x + b)", False), ("w", r"x \cdot f'(w \cdot x + b)", True),
                         ("b", r"f'(w \cdot x + b)", True)):
        for vector in (False, True):
            assert derivative_check(wrt, rhs, vector)[0] is ok, (wrt, vector)


def test_counterexample_really_differs():
    true, claimed = counterexample(w=2.0, x=1.0, b=0.0)
    h = 1e-6  # independent: central difference of σ(w x + b) in x
    fd = (bpnn.sigmoid(2.0 * (1 + h)) - bpnn.sigmoid(2.0 * (1 - h))) / (2 * h)
    assert abs(true - fd) < 1e-8
    assert abs(claimed - float(bpnn.sigmoid_prime(2.0))) < 1e-12
    assert abs(true - claimed) > 0.1


# ----------------------------------------------------------------- the corrected example
def _exact(data):
    from bpnn.symbolic import SymbolicNetwork

    R = lambda v: sp.Rational(str(v))  # noqa: E731
    Ws = [[[R(v) for v in row] for row in layer["weights"]] for layer in data["layers"]]
    bs = [[R(v) for v in layer["bias"]] for layer in data["layers"]]
    xs, ts, eta = [R(v) for v in data["input"]], [R(v) for v in data["target"]], R(data["learning_rate"])
    sizes = [len(xs)] + [len(w) for w in Ws]
    sym = SymbolicNetwork(sizes, "sigmoid")
    at = {}
    for l in range(1, len(sizes)):
        for i in range(sym.W[l].shape[0]):
            for j in range(sym.W[l].shape[1]):
                at[sym.W[l][i, j]] = Ws[l - 1][i][j]
        for i in range(sym.b[l].shape[0]):
            at[sym.b[l][i]] = bs[l - 1][i]
    gW, gb = sym.gradients(xs, ts, "half_sse", at)
    net = SymbolicNetwork(sizes, "sigmoid", weights=Ws, biases=bs)
    stepped = SymbolicNetwork(sizes, "sigmoid",
                              weights=[sp.Matrix(Ws[l - 1]) - eta * gW[l] for l in range(1, len(sizes))],
                              biases=[sp.Matrix(bs[l - 1]) - eta * gb[l] for l in range(1, len(sizes))])
    z, a = net.forward(xs)
    N = lambda e: float(sp.N(e, 30))  # noqa: E731
    return {"z": z, "a": a, "gW": gW, "gb": gb, "L0": N(net.loss(xs, ts)), "L1": N(stepped.loss(xs, ts)), "N": N}


def test_corrected_spec_follows_the_stated_reading():
    data = json.loads(SPEC.read_text())
    W = we.parse_matrix(we.SETUP_W)
    B = we.parse_matrix(we.SETUP_B)
    assert data["input"] == we.parse_vector(we.SETUP_X)
    assert data["layers"][0]["weights"] == [[W[0][0], W[1][0]], [W[0][1], W[1][1]]]  # rows 1–2, transposed
    assert data["layers"][1]["weights"] == [W[2]]                                     # row 3 (v2 line 547)
    assert data["layers"][0]["bias"] == B[0]
    assert data["layers"][1]["bias"] == [float(we.OUTPUT_PARAMS["v2"]["b_51"][0])] == [
        float(we.OUTPUT_PARAMS["v1"]["b_71"][0])]
    assert data["loss"] == "half_sse" and data["target"] == [1] and data["learning_rate"] == 0.1
    assert [layer["activation"] for layer in data["layers"]] == ["sigmoid", "sigmoid"]


def test_three_way_verification_of_the_corrected_example():
    from bpnn.gradcheck import numerical_gradients
    from bpnn.spec import load_spec

    spec = load_spec(SPEC)
    data = json.loads(SPEC.read_text())
    tr = bpnn.trace_step(spec.network, spec.x, spec.t, spec.loss, spec.learning_rate)
    ex = _exact(data)
    N = ex["N"]
    cd = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=1e-5)
    ra = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=1e-3)
    rb = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=5e-4)
    for l, L in enumerate(tr.layers, start=1):
        for j in range(len(L.z)):
            assert abs(L.z[j] - N(ex["z"][l][j])) < 1e-12
            assert abs(L.a[j] - N(ex["a"][l][j])) < 1e-12
            assert abs(L.delta[j] - N(ex["gb"][l][j])) < 1e-12
            assert abs(L.grad_b[j] - N(ex["gb"][l][j])) < 1e-12
            assert abs(cd[1][l][j] - N(ex["gb"][l][j])) < 1e-10
            assert abs((4 * rb[1][l][j] - ra[1][l][j]) / 3 - N(ex["gb"][l][j])) < 1e-12
        for (j, k), g in np.ndenumerate(L.grad_W):
            e = N(ex["gW"][l][j, k])
            assert abs(g - e) < 1e-12
            assert abs(cd[0][l][j, k] - e) < 1e-10
            assert abs((4 * rb[0][l][j, k] - ra[0][l][j, k]) / 3 - e) < 1e-12
    assert abs(tr.loss - ex["L0"]) < 1e-12 and abs(tr.loss_after - ex["L1"]) < 1e-12


def test_one_sgd_step_lowers_the_loss():
    data = json.loads(SPEC.read_text())
    ex = _exact(data)
    assert ex["L1"] < ex["L0"]
    from bpnn.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["trace", str(SPEC), "--json"]) == 0
    tr = json.loads(out.getvalue())
    assert tr["loss_after"] < tr["loss"]
    assert math.isclose(tr["loss"], ex["L0"], rel_tol=0, abs_tol=1e-12)


# ----------------------------------------------------------------- explanations take their facts from the data
def _hidden_z_lines_by_scan(v):
    r"""Independent scan: §4.3 lines of the form z_N = w_{..} \cdot x_… (a unit fed by the inputs)."""
    lo, hi = RANGES[v]
    return [n for n in range(lo, hi + 1) if re.search(r"z_\d+ = w_\{\d+\} \\cdot x_", LINES[n - 1])]


def _layout_line_by_scan(v):
    lo, hi = RANGES[v]
    return next(n for n in range(lo, hi + 1) if "输入层有一个神经元" in LINES[n - 1])


@needs_seeds
@pytest.mark.parametrize("v", ["v1", "v2"])
def test_setup_explanations_name_their_own_version(v):
    """002:528/529 once repeated v1's text ("line 134", "6 … hidden units"): each version's setup rows must
    name its own layout line and count its own hidden units, found here by scanning the article."""
    other = {"v1": "v2", "v2": "v1"}[v]
    line, other_line = _layout_line_by_scan(v), _layout_line_by_scan(other)
    n_hidden = len(_hidden_z_lines_by_scan(v))
    assert (line, n_hidden) == ({"v1": 134, "v2": 525}[v], {"v1": 6, "v2": 4}[v])   # the scan itself
    for part in ("x", "w", "b"):
        lx = we.SETUP_LINES[v][("x", "w", "b").index(part)]
        detail = claims_for(chapter="worked_example")
        c = next(c for c in detail if c.id == f"002-{v}-L{lx}-{part}")
        text = c.evaluate().detail
        assert f"line {line}" in text.lower() or f"Line {line}" in text, (c.id, text)
        assert f"line {other_line}" not in text.lower(), (c.id, text)
        if part != "x":
            assert f"{n_hidden} separate hidden units" in text, (c.id, text)
    layout = next(c for c in OWN if c.id == f"002-{v}-L{line}-layout").evaluate()
    assert f"computes {n_hidden} units" in layout.detail


@needs_seeds
def test_fit_error_names_the_backend_of_the_listing():
    """003:83 once showed the PyTorch backend's message for a TensorFlow listing."""
    from bpnn.articles.claims import kinds_listings as L

    src = article_lines(ARTICLES["003"])
    # independent reading of the listing: the import line right after the python fence before line 83
    fence = max(n for n in range(1, 83) if src[n - 1].startswith("```python"))
    imports = [t for t in src[fence:82] if t.startswith("import ")]
    assert imports == ["import tensorflow as tf"]
    out = next(c for c in claims_for(chapter="listings") if c.id == "003-L83-fit-learning-rate").evaluate()
    assert out.computed.startswith("TypeError: TensorFlowTrainer.fit()")
    assert "Torch" not in out.computed
    # the reproduction gives exactly what Keras 3.15.1 printed where it was observed (torch backend)
    assert L.fit_kwarg_error(L.OBSERVED_FIT_BACKEND, "learning_rate") == L.KERAS_FIT_MESSAGE
    assert L.fit_kwarg_error("tensorflow", "epochs") == ""
    import inspect
    assert tuple(inspect.signature(L._keras_fit).parameters)[1:] == L.KERAS_FIT_PARAMETERS


@needs_seeds
def test_description_data_are_on_their_lines():
    for v in ("v1", "v2"):
        for table in (we.GRADIENT_LINES[v], we.UPDATE_LINES[v]):
            for n, p in table.items():
                assert f"{p[0]}_{{{p[2:]}}}" in LINES[n - 1], (v, n, p)
        hg, hu = we.STEP_HEADINGS[v]
        assert "计算隐层权重和偏置的梯度" in LINES[hg - 1] and "更新权重和偏置" in LINES[hu - 1]
        for sym, n in we.DECLARED[v].items():
            assert n in we.SETUP_LINES[v] or n == we.LAYOUT[v]
        lo, hi = we.MODEL_PARTS[v]
        assert "输入信号" in LINES[lo - 1] and "激活函数" in LINES[hi - 1]
        assert we.A_LINE_TEX in LINES[we.A_LINE[v] - 1]
    from bpnn.articles.claims import kinds_listings as L
    for n, t in L.LISTING_002_LINES.items():
        assert LINES[n - 1] == t and LINES[n + L.V2_OFFSET - 1] == t, n


def test_description_checks_follow_the_units():
    # a network whose second layer reads the inputs would have no undeclared second-layer unit
    assert we.computed_layout("v1") == {"inputs": ["x_1", "x_2"], "hidden": [1, 2, 3, 4, 5, 6],
                                        "second": [7, 8, 9], "output": [7]}
    assert len(we.first_layer_params("v1")) == 12 and len(we.first_layer_params("v2")) == 8
    assert we.owner("v1", "b_72") is None and we.owner("v2", "w_61") == 6
    assert we.stated_layout() == (1, 2, 1)
    assert tex_symbols(r"\eta \cdot \frac{\partial L}{\partial w_{71}}") == ["η", "L", "w"]
