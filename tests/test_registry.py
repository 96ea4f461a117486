"""One object per activation and per loss (issue 12, item 2).

A throwaway activation (softplus, f(z) = ln(1 + eᶻ), f'(z) = σ(z)) registered in
one place must be known everywhere: the spec reader, the engine (checked against
central differences), the symbolic reference (checked against ``sympy.diff``) and
the proofs of BP1–BP4.  Every fused output error a loss declares must agree with
the general BP1, in NumPy and in sympy.
"""
import subprocess
import sys

import numpy as np
import pytest

import bpnn
from bpnn.activations import ACTIVATIONS, Activation, register_activation, sigmoid
from bpnn.gradcheck import max_relative_error
from bpnn.losses import LOSSES


def _softplus(z):
    return np.logaddexp(0.0, z)


@pytest.fixture
def softplus():
    import sympy as sp

    act = register_activation(Activation(
        "softplus", _softplus, sigmoid,
        sympy_f=lambda v: sp.log(1 + sp.exp(v)), sympy_derivative=lambda v: 1 / (1 + sp.exp(-v))))
    yield act
    del ACTIVATIONS["softplus"]


def test_a_registered_activation_reaches_the_engine(softplus):
    net = bpnn.Network.random([3, 4, 2], ["softplus", "sigmoid"], seed=4)
    x = np.random.default_rng(4).normal(size=(3, 2))
    t = np.array([[0.2, 0.9], [0.7, 0.1]])
    assert max_relative_error(net, x, t, "half_sse") < 1e-7


def test_a_registered_activation_reaches_the_spec_reader(softplus):
    from bpnn.spec import parse_spec

    spec = parse_spec({"layers": [{"weights": [[0.5, -0.5]], "bias": [0.1], "activation": "softplus"}],
                       "loss": "half_sse", "input": [1.0, 2.0], "target": [0.3]})
    assert spec.network.layers[0].activation is softplus
    z = 0.5 - 1.0 + 0.1
    assert spec.network.predict(spec.x)[0] == pytest.approx(np.log1p(np.exp(z)), abs=1e-15)


def test_a_registered_activation_reaches_the_symbolic_reference(softplus):
    import sympy as sp

    from bpnn.symbolic import SymbolicNetwork

    rng = np.random.default_rng(9)
    Ws = [rng.normal(size=(3, 2)), rng.normal(size=(1, 3))]
    bs = [rng.normal(size=3), rng.normal(size=1)]
    x, t = rng.normal(size=2), np.array([0.4])
    g = bpnn.Network.from_weights(Ws, bs, ["softplus", "identity"]).gradients(x, t, "half_sse")
    sn = SymbolicNetwork([2, 3, 1], ["softplus", "identity"])
    params = {}
    for l in (1, 2):
        for (i, j), s in np.ndenumerate(np.array(sn.W[l].tolist(), dtype=object)):
            params[s] = sp.Float(Ws[l - 1][i, j], 40)
        for i in range(sn.sizes[l]):
            params[sn.b[l][i]] = sp.Float(bs[l - 1][i], 40)
    gW, _ = sn.gradients(sp.Matrix([sp.Float(v, 40) for v in x]), sp.Matrix([sp.Float(0.4, 40)]), "half_sse", params)
    for l in (1, 2):
        np.testing.assert_allclose(g.grad_W[l], np.array(gW[l].tolist(), dtype=float), rtol=0, atol=1e-12)


def test_a_registered_activation_reaches_the_proofs(softplus):
    from bpnn.articles import proofs

    assert proofs.check_equations([2, 3, 2], ["softplus", "sigmoid"], "half_sse", m=2).ok
    assert not proofs.check_equations([2, 3, 2], ["softplus", "sigmoid"], "half_sse", m=2,
                                      eqs=proofs.PERTURBATIONS["BP2 without f'(z)"]).ok


FUSED = [(loss.name, act) for loss in LOSSES.values() for act in loss.fused]


def test_every_fused_output_error_is_the_general_bp1_in_sympy():
    """BP1–BP4 with each declared fused output error against sympy.diff (3 exact points, and
    symbolically for softmax): :func:`proofs.fused_checks`, which the four-equations chapter shows;
    within one test run the chapter's notebook and this test compute it once between them."""
    from bpnn.articles import proofs

    checks = proofs.fused_checks()
    assert [str(r.label) for r in checks] == [
        f"BP1 fused ({act} + {loss}) on 2-3-3 [sigmoid-{act}], {loss}, batch of 2" for loss, act in FUSED]
    for r in checks:
        assert r.ok and r.n_params == 21 and r.n_points == 3, r.summary()
        assert r.symbolic is (True if "softmax" in str(r.label) else None), r.summary()


@pytest.mark.parametrize("loss,act", FUSED)
def test_every_fused_output_error_is_the_general_bp1(loss, act):
    L, A = LOSSES[loss], ACTIVATIONS[act]
    z = np.array([[0.3, -1.2], [2.0, 0.1], [-0.4, 0.5]])
    a = A(z)
    t = np.array([[0.2, 0.0], [0.5, 1.0], [0.3, 0.0]])
    np.testing.assert_allclose(L.fused[act](a, t), A.backprop(z, a, L.grad(a, t)), rtol=1e-12, atol=1e-15)


def test_import_bpnn_does_not_load_sympy():
    code = "import sys, bpnn; print('sympy' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout.split()
    assert out == ["False", "False"]
