"""The articles' code listings: the repaired 001 program, the 002 reproduction, the Keras diagnoses.

References are independent of the code under test where possible: finite differences for the
repaired listing's gradient, PyTorch's stored numbers for 002 (recomputed by PyTorch where it is installed), the articles' own text (parsed
with ast, never run) for the names and keywords the claims rely on, and the executed notebook's
stored outputs for the exceptions the 001 listing raises.
"""
import ast
import json
import pathlib

import numpy as np
import pytest

import bpnn
from bpnn.articles import ARTICLES, article_lines, seeds_dir
from bpnn.articles import listings as L
from bpnn.articles.claims import Verdict, claims_for, get_claim
from bpnn.articles.claims import ch_finetuning as CF
from bpnn.articles.claims import ch_listings as CL
from bpnn.errors import BpnnError

ROOT = pathlib.Path(__file__).resolve().parent.parent
NEEDS_SEEDS = pytest.mark.skipif(seeds_dir() is None, reason="the articles are not beside this checkout")


def _lines(key, first, last):
    return list(article_lines(ARTICLES[key])[first - 1:last])


# ------------------------------------------------------------------ 001: the repaired program


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_repaired_listing_and_bpnn_agree_step_by_step(seed):
    d = L.lockstep_001(seed, 3000, "half_sse", 0.1)
    assert d.max() < 1e-12
    # the engine's MSE with twice the rate is the same run; with the listing's rate it is not
    assert L.lockstep_001(seed, 300, "mse", 0.2).max() < 1e-12
    assert L.lockstep_001(seed, 300, "mse", 0.1).max() > 1e-3


def test_repaired_step_is_gradient_descent_on_half_sse_by_finite_differences():
    p = L.init_001(3)
    before = {k: v.copy() for k, v in p.items()}

    def half_sse(q):
        h = 1 / (1 + np.exp(-(L.XOR_X @ q["W1"] + q["b1"])))
        o = 1 / (1 + np.exp(-(h @ q["W2"] + q["b2"])))
        return 0.5 * np.sum((o - L.XOR_Y) ** 2)

    L._step_001(p, L.XOR_X, L.XOR_Y, 0.1)
    eps = 1e-6
    for key in before:
        num = np.zeros_like(before[key])
        for idx in np.ndindex(num.shape):
            up = {k: v.copy() for k, v in before.items()}
            dn = {k: v.copy() for k, v in before.items()}
            up[key][idx] += eps
            dn[key][idx] -= eps
            num[idx] = (half_sse(up) - half_sse(dn)) / (2 * eps)
        step = p[key] - before[key]
        np.testing.assert_allclose(step, -0.1 * num, atol=1e-9, rtol=1e-6)


def test_seeded_init_matches_numpy_global_seed_stream():
    np.random.seed(5)
    ref = [np.random.randn(2, 3), np.random.randn(3), np.random.randn(3, 1), np.random.randn(1)]
    got = L.init_001(5)
    for a, b in zip(ref, (got["W1"], got["b1"], got["W2"], got["b2"])):
        assert np.array_equal(a, b)


def test_learns_xor_and_engine_agree_on_every_seed():
    params, _ = L.train_001(tuple(range(20)), epochs=2000)       # the twenty seeds side by side
    for seed in range(20):
        net, _ = L.bpnn_001(seed, epochs=2000)
        out_listing = L.predict_001({k: v[seed] for k, v in params.items()}).ravel()
        out_engine = net.predict(L.XOR_X.T).ravel()
        np.testing.assert_allclose(out_engine, out_listing, atol=1e-12)
        assert L.learns_xor(out_engine) == L.learns_xor(out_listing)


def test_seeds_side_by_side_are_each_seed_alone_bit_for_bit():
    """train_001 trains a tuple of seeds as one stack of arrays (the chapter's seed table does); each
    seed's parameters and losses must be those of the listing's own step (_step_001: 2-D arrays, one
    seed) exactly, and so must one seed alone."""
    seeds, epochs = (0, 5, 19), 300
    stacked, stacked_losses = L.train_001(seeds, epochs=epochs)
    assert stacked["W1"].shape == (3, 2, 3) and stacked["b1"].shape == (3, 3) and stacked_losses.shape == (3, epochs)
    for i, seed in enumerate(seeds):
        p = {k: v.copy() for k, v in L.init_001(seed).items()}
        losses = [L._step_001(p, L.XOR_X, L.XOR_Y, 0.1) for _ in range(epochs)]
        alone, alone_losses = L.train_001(seed, epochs=epochs)
        for k in p:
            assert np.array_equal(stacked[k][i], p[k]) and np.array_equal(alone[k], p[k]) and alone[k].shape == p[k].shape
        assert stacked_losses[i].tolist() == losses == alone_losses.tolist()
    # the comparison can fail: one step more is another run
    p = {k: v.copy() for k, v in L.init_001(5).items()}
    for _ in range(epochs + 1):
        L._step_001(p, L.XOR_X, L.XOR_Y, 0.1)
    assert not np.array_equal(stacked["W1"][1], p["W1"])


def test_lockstep_is_the_listing_and_the_engine_compared_after_every_step():
    """lockstep_001 compares recorded parameters: the listing's after each step against those bpnn.fit
    reaches after the same number of its own steps, here recomputed the slow way (one engine API step
    and one listing step at a time)."""
    seed, steps = 4, 40
    p = {k: v.copy() for k, v in L.init_001(seed).items()}
    net = L.to_bpnn_001(p)
    opt = bpnn.SGD(0.2)
    expected = []
    for _ in range(steps):
        L._step_001(p, L.XOR_X, L.XOR_Y, 0.1)
        opt.step(net, net.gradients(L.XOR_X.T, L.XOR_Y.T, "mse"))
        l1, l2 = net.layers
        expected.append(max(np.max(np.abs(l1.W - p["W1"].T)), np.max(np.abs(l1.b - p["b1"])),
                            np.max(np.abs(l2.W - p["W2"].T)), np.max(np.abs(l2.b - p["b2"]))))
    assert L.lockstep_001(seed, steps, "mse", 0.2).tolist() == expected
    assert L.bpnn_001_losses(seed, steps, "mse", 0.2).tolist() == L.bpnn_001(seed, steps, "mse", 0.2)[1].tolist()
    assert np.array_equal(L._engine_steps_001(seed, steps, "mse", 0.2)[0][-1],
                          np.concatenate([x.ravel() for x in net.parameters()]))


def test_learns_xor_definition():
    assert L.learns_xor([0.1, 0.9, 0.8, 0.2])
    assert not L.learns_xor([0.1, 0.9, 0.49, 0.2])
    assert not L.learns_xor([0.6, 0.9, 0.8, 0.2])


def test_as_written_prediction_is_z_not_output():
    p, _ = L.train_001(0)
    z = L.predict_001_as_written(p)
    assert np.allclose(L.predict_001(p), 1 / (1 + np.exp(-z)))
    assert np.any(np.abs(z) > 1)  # not a probability


# ------------------------------------------------------------------ 001: the defects and the notebook


def _notebook(name):
    return json.loads((ROOT / "book" / f"{name}.ipynb").read_text(encoding="utf-8"))


def test_listing_001_errors_in_notebook_are_the_recorded_ones():
    nb = _notebook("listing-001-numpy")
    errors = [(o["ename"], o["evalue"]) for c in nb["cells"] if c["cell_type"] == "code"
              for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors == list(CL.OBSERVED_001.values())
    for c in nb["cells"]:
        raised = any(o["output_type"] == "error" for o in c.get("outputs", []))
        if c["cell_type"] == "code":
            assert raised == ("raises-exception" in c["metadata"].get("tags", [])), c["source"][:80]


def test_listing_001_defect_claims_reproduce_the_recorded_exceptions():
    got = [get_claim(i).evaluate().computed for i in
           ("001-L73-unbound-local", "001-L91-b2-shape", "001-L93-b1-shape")]
    assert got == [f"{n}: {m}" for n, m in CL.OBSERVED_001.values()]


@NEEDS_SEEDS
def test_notebook_runs_the_001_listing_as_written():
    """The raising cell is the article's lines 46-109 with only comment lines left out."""
    def code(lines):
        return [l.rstrip() for l in lines if l.strip() and not l.strip().startswith("#")]

    nb = _notebook("listing-001-numpy")
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code"
                and "raises-exception" in c["metadata"].get("tags", []))
    assert code("".join(cell["source"]).splitlines()) == code(_lines("001", 46, 109))


@NEEDS_SEEDS
def test_001_listing_assigns_weights_inside_train_with_augmented_assignment():
    tree = ast.parse("\n".join(_lines("001", 46, 109)))
    train = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "train")
    aug = {n.target.id for n in ast.walk(train) if isinstance(n, ast.AugAssign)}
    assert aug == {"W1", "b1", "W2", "b2"}
    assert not any(isinstance(n, (ast.Global, ast.Nonlocal)) for n in ast.walk(train))


# ------------------------------------------------------------------ 002


def test_002_bpnn_reproduces_pytorch():
    net, losses = L.train_002(L.init_002(0), L.inputs_002(1, 1000))
    got = [net.layers[0].W, net.layers[0].b, net.layers[1].W, net.layers[1].b]
    for g, key in zip(got, ("W1", "b1", "W2", "b2")):
        np.testing.assert_allclose(g, np.array(CL.TORCH_002_FINAL[key]), atol=1e-12, rtol=0)
    assert losses[0] == pytest.approx(CL.TORCH_002_FINAL["loss_first"], abs=1e-12)
    assert losses[-1] == pytest.approx(CL.TORCH_002_FINAL["loss_last"], abs=1e-12)


def test_002_pytorch_reference_is_what_pytorch_computes():
    """The pasted PyTorch numbers (observations.TORCH_002_FINAL) come from observations.torch_002_final;
    rerun it where torch is installed (``pip install torch==2.13.0``), skipped elsewhere."""
    pytest.importorskip("torch")
    from bpnn.articles.claims.observations import TORCH_002_FINAL, torch_002_final

    got = torch_002_final()
    assert set(got) == set(TORCH_002_FINAL)
    for key, value in TORCH_002_FINAL.items():
        np.testing.assert_allclose(np.array(got[key]), np.array(value), atol=1e-12, rtol=0, err_msg=key)


def test_002_init_is_within_pytorch_bounds():
    p = L.init_002(3)
    assert np.all(np.abs(p["W1"]) <= 1 / np.sqrt(2)) and np.all(np.abs(p["b1"]) <= 1 / np.sqrt(2))
    assert np.all(np.abs(p["W2"]) <= 1 / np.sqrt(3)) and np.all(np.abs(p["b2"]) <= 1 / np.sqrt(3))


@NEEDS_SEEDS
def test_002_listing_hashes_match_the_article():
    for (first, last), digest in CL.LISTING_002_SHA256.values():
        assert L.listing_sha256(ARTICLES["002"], first, last) == digest


@NEEDS_SEEDS
def test_002_target_is_one_dimensional_in_both_versions():
    for line in (276, 649):
        call = ast.parse(article_lines(ARTICLES["002"])[line - 1].strip()).body[0].value
        assert isinstance(call.args[0], ast.List) and len(call.args[0].elts) == 1
        assert not isinstance(call.args[0].elts[0], ast.List)   # [1.0], not [[1.0]]


def test_listing_sha256_rejects_bad_ranges():
    if seeds_dir() is None:
        assert L.listing_sha256(ARTICLES["002"], 1, 2) is None
    else:
        with pytest.raises(BpnnError, match="outside the article"):
            L.listing_sha256(ARTICLES["002"], 5, 10**6)


# ------------------------------------------------------------------ Keras listings


def _assigned_names(src):
    tree = ast.parse(src)
    names = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in n.names}
    return names


@NEEDS_SEEDS
@pytest.mark.parametrize("key,first,last,defined,missing", [
    ("000", 41, 57, {"tf", "model"}, {"x_train", "y_train", "x_test", "y_test"}),
    ("003", 64, 83, {"tf", "create_model", "model"}, {"x_train", "y_train"}),
    ("004", 56, 74, {"tf", "model"}, {"train_images", "train_labels"}),
])
def test_keras_listings_define_no_data(key, first, last, defined, missing):
    src = "\n".join(_lines(key, first, last))
    assigned = _assigned_names(src)
    assert assigned == defined
    read = {n.id for n in ast.walk(ast.parse(src)) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    assert missing <= read and not (missing & assigned)


@NEEDS_SEEDS
def test_003_pip_block_is_not_python():
    block = "\n".join(_lines("003", 58, 58))
    with pytest.raises(SyntaxError):
        compile(block, "<003>", "exec")
    assert _lines("003", 57, 57) == ["```python"]


@NEEDS_SEEDS
def test_fit_calls_quoted_by_the_claims_are_on_the_article_lines():
    for key, (a, b), lines in [("003", CF.FIT_CALLS["003"], (80, 83)), ("004", CF.FIT_CALLS["004"], (71, 74))]:
        assert [l.strip() for l in (_lines(key, lines[0], lines[0]) + _lines(key, lines[1], lines[1]))] == [a, b]


@NEEDS_SEEDS
def test_keras_listings_freeze_nothing_and_compile_once():
    for key, (first, last) in CF.NO_FREEZING.items():
        text = "\n".join(_lines(key, first, last))
        assert "trainable" not in text
        assert text.count(".compile(") == 1


def test_fit_keyword_check_can_fail():
    assert "learning_rate" not in CL.KERAS_FIT_PARAMETERS
    assert {"epochs", "batch_size", "validation_split"} <= set(CL.KERAS_FIT_PARAMETERS)
    assert CL._keywords("model.fit(x, y, epochs=5, learning_rate=1e-4)") == ["epochs", "learning_rate"]


def test_listing_claims_have_the_expected_verdict_mix():
    claims = claims_for(chapter="listings")
    articles = {c.article for c in claims}
    assert articles == {"000", "001", "002", "003", "004"}   # every listing has a verdict
    runs = [c for c in claims if c.reviewed == Verdict.DOES_NOT_RUN]
    assert {c.article for c in runs} == {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize("x, shown", [(6e-15, "1e-14"), (5e-15, "1e-14"), (1e-14, "1e-14"),
                                      (1.0000001e-14, "1e-13"), (-7e-16, "1e-15"), (4.0, "1e+01"),
                                      (1e-300, "1e-300"), (0.0, "0")])
def test_round_off_is_shown_by_the_power_of_ten_at_or_above_it(x, shown):
    # The pages print round-off through this bound: its last digit moves with the NumPy build
    # (5e-15 on one machine, 6e-15 on another), its power of ten does not.
    from bpnn.articles.listings import round_off_bound

    assert round_off_bound(x) == shown
    if x:
        assert abs(x) <= float(shown) < 10 * abs(x)


def test_round_off_bound_refuses_what_is_not_a_number():
    from bpnn.articles.listings import round_off_bound
    from bpnn.errors import BpnnError

    with pytest.raises(BpnnError, match="not a finite number"):
        round_off_bound(float("nan"))
