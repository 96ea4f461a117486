"""The engine's backward pass against two independent references.

1. central differences of the loss (bpnn.gradcheck), on seeded random networks,
   for every activation × loss combination that makes sense;
2. sympy: the same small network written out symbolically (bpnn.symbolic) and
   differentiated exactly, compared to 1e-12.
"""
import zlib

import numpy as np
import pytest
import sympy as sp

from bpnn import Network
from bpnn.gradcheck import max_relative_error
from bpnn.symbolic import SymbolicNetwork

HIDDEN = ["sigmoid", "tanh", "relu", "identity"]
# output activation -> losses that make sense for it (targets chosen to suit)
OUTPUT_LOSSES = {
    "sigmoid": ["half_sse", "sse", "mse", "bce"],
    "tanh": ["half_sse", "sse", "mse"],
    "identity": ["half_sse", "sse", "mse"],
    "relu": ["half_sse", "mse"],
    "softmax": ["cross_entropy", "half_sse", "mse"],
}
CASES = [(h, o, loss) for h in HIDDEN for o, losses in OUTPUT_LOSSES.items() for loss in losses]


def _data(rng, n_in, n_out, m, out_act):
    x = rng.normal(size=(n_in, m)) if m > 1 else rng.normal(size=n_in)
    shape = (n_out, m) if m > 1 else (n_out,)
    if out_act == "softmax":
        t = rng.random(size=shape)
        t = t / t.sum(axis=0)
    else:
        t = rng.random(size=shape)
    return x, t


def _away_from_relu_kinks(net, x):
    """Central differences are meaningless at a ReLU kink: require |z| > 1e-3 everywhere."""
    tr = net.forward(x)
    return all(np.min(np.abs(z)) > 1e-3 for z in tr.z[1:])


@pytest.mark.parametrize("hidden,output,loss", CASES)
@pytest.mark.parametrize("m", [1, 3])
def test_backward_matches_central_differences(hidden, output, loss, m):
    seed = zlib.crc32(f"{hidden}-{output}-{loss}-{m}".encode())
    for attempt in range(20):
        rng = np.random.default_rng([seed, attempt])
        sizes = [3, 4, 3, 2] if output != "relu" else [3, 4, 2]
        net = Network.random(sizes, [hidden] * (len(sizes) - 2) + [output], seed=int(rng.integers(2**31)))
        for layer in net.layers:
            layer.b[:] = rng.normal(scale=0.5, size=layer.b.shape)
        x, t = _data(rng, sizes[0], sizes[-1], m, output)
        if _away_from_relu_kinks(net, x):
            break
    else:  # pragma: no cover
        pytest.fail("no network away from ReLU kinks found")
    assert max_relative_error(net, x, t, loss) < 1e-7


def _sympy_reference(sizes, acts, Ws, bs, x, t, loss):
    sn = SymbolicNetwork(sizes, acts)
    params = {}
    for l in range(1, len(sizes)):
        for (i, j), s in np.ndenumerate(np.array(sn.W[l].tolist(), dtype=object)):
            params[s] = sp.Float(Ws[l - 1][i, j], 40)
        for i in range(sizes[l]):
            params[sn.b[l][i]] = sp.Float(bs[l - 1][i], 40)
    xs = sp.Matrix([sp.Float(v, 40) for v in x])
    ts = sp.Matrix([sp.Float(v, 40) for v in t])
    # sympy.diff with the weights symbolic, then the weights put in at once (xreplace): the same
    # values as SymbolicNetwork.gradients(..., params), whose sympy subs takes most of the time
    gW, gb = sn.gradients(xs, ts, loss)
    return [None] + [g.xreplace(params) for g in gW[1:]], [None] + [g.xreplace(params) for g in gb[1:]]


@pytest.mark.parametrize(
    "acts,loss",
    [
        (["sigmoid", "sigmoid"], "half_sse"),
        (["tanh", "identity"], "mse"),
        (["relu", "sigmoid"], "bce"),
        (["sigmoid", "softmax"], "cross_entropy"),
        (["tanh", "softmax"], "half_sse"),
    ],
)
def test_backward_matches_sympy_2_3_2(acts, loss):
    rng = np.random.default_rng(7)
    sizes = [2, 3, 2]
    Ws = [rng.normal(size=(3, 2)), rng.normal(size=(2, 3))]
    bs = [rng.normal(size=3), rng.normal(size=2)]
    x = rng.normal(size=2)
    t = np.array([0.3, 0.7])
    net = Network.from_weights(Ws, bs, acts)
    assert _away_from_relu_kinks(net, x)
    g = net.gradients(x, t, loss)
    gW, gb = _sympy_reference(sizes, acts, Ws, bs, x, t, loss)
    for l in (1, 2):
        np.testing.assert_allclose(g.grad_W[l], np.array(gW[l].tolist(), dtype=float), rtol=0, atol=1e-12)
        np.testing.assert_allclose(g.grad_b[l], np.array(gb[l].tolist(), dtype=float).ravel(), rtol=0, atol=1e-12)


def test_batch_gradient_is_sum_of_per_sample_gradients_for_sums():
    rng = np.random.default_rng(3)
    net = Network.random([2, 3, 1], "sigmoid", seed=3)
    X = rng.normal(size=(2, 5))
    T = rng.random(size=(1, 5))
    g = net.gradients(X, T, "half_sse")
    for l in (1, 2):
        total = sum(net.gradients(X[:, i], T[:, i], "half_sse").grad_W[l] for i in range(5))
        np.testing.assert_allclose(g.grad_W[l], total, atol=1e-14)
