"""Property-based tests of the engine (hypothesis): random shapes and values.

Every property compares the engine with something independent of it: central
differences of the loss, a forward pass written out here with plain NumPy, the
loss formulas written out here, the per-sample gradients summed by hand, the
first-order change of the loss along an SGD step, and the optimizers' update
rules re-implemented here.

Deterministic: ``derandomize=True`` (the examples are a function of the test
alone), no example database, a fixed number of examples, small networks; the
whole module runs in a few seconds.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bpnn
from bpnn.gradcheck import numerical_gradients

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=40,
                    suppress_health_check=[HealthCheck.too_slow])

SMOOTH = ["sigmoid", "tanh", "identity"]


# ----------------------------------------------------------------------------- strategies
@st.composite
def problems(draw, losses=("half_sse", "sse", "mse", "bce", "cross_entropy"), batch=True):
    """(network, x, t, loss): 1–3 layers of 1–4 units, one sample or a batch of 1–4 columns."""
    loss = draw(st.sampled_from(losses))
    n_layers = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 4)) for _ in range(n_layers + 1)]
    acts = [draw(st.sampled_from(SMOOTH)) for _ in range(n_layers)]
    if loss == "bce":
        acts[-1] = "sigmoid"
    if loss == "cross_entropy":
        acts[-1] = "softmax"
        sizes[-1] = max(sizes[-1], 2)
    m = draw(st.sampled_from([None, 1, 2, 3, 4])) if batch else None
    seed = draw(st.integers(0, 2**32 - 1))
    scale = draw(st.sampled_from([0.3, 1.0, 2.0]))
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, scale, (n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(0, scale, n_out) for n_out in sizes[1:]]
    net = bpnn.Network.from_weights(weights, biases, acts)
    shape_x = (sizes[0],) if m is None else (sizes[0], m)
    shape_t = (sizes[-1],) if m is None else (sizes[-1], m)
    x = rng.normal(0, 1, shape_x)
    if loss == "cross_entropy":
        k = rng.integers(0, sizes[-1], size=shape_t[1:] or None)
        t = np.zeros(shape_t)
        if m is None:
            t[k] = 1.0
        else:
            t[k, np.arange(m)] = 1.0
    elif loss == "bce":
        t = rng.uniform(0.05, 0.95, shape_t)
    else:
        t = rng.normal(0, 1, shape_t)
    return net, x, t, loss


# ----------------------------------------------------------------------------- independent references
def ref_activation(name, z):
    if name == "sigmoid":
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "identity":
        return z
    if name == "relu":
        return np.maximum(z, 0)
    if name == "softmax":
        e = np.exp(z - z.max(axis=0))
        return e / e.sum(axis=0)
    raise AssertionError(name)


def ref_forward(net, x):
    a = np.asarray(x, dtype=float)
    for layer in net.layers:
        W, b = layer.W, layer.b
        z = W @ a + (b if a.ndim == 1 else b[:, None])
        a = ref_activation(layer.activation.name, z)
    return a


def ref_loss(name, a, t):
    n = a.shape[0]
    m = 1 if a.ndim == 1 else a.shape[1]
    if name == "half_sse":
        return 0.5 * np.sum((a - t) ** 2)
    if name == "sse":
        return np.sum((a - t) ** 2)
    if name == "mse":
        return np.sum((a - t) ** 2) / (n * m)
    if name == "bce":
        return -np.sum(t * np.log(a) + (1 - t) * np.log(1 - a)) / (n * m)
    if name == "cross_entropy":
        return -np.sum(t * np.log(a)) / m
    raise AssertionError(name)


def assert_grads_close(g, n, what):
    # central differences with h = 1e-5 are good to about 1e-9 absolute on these small losses
    err = np.abs(g - n)
    tol = 1e-6 + 1e-5 * np.abs(n)
    assert np.all(err <= tol), f"{what}: analytic {g} vs central differences {n} (max error {err.max():.3g})"


# ----------------------------------------------------------------------------- properties
@SETTINGS
@given(problems())
def test_gradients_match_central_differences(p):
    net, x, t, loss = p
    grads = net.gradients(x, t, loss)
    num_W, num_b = numerical_gradients(net, x, t, loss, h=1e-5)
    for l in range(1, net.L + 1):
        assert grads.grad_W[l].shape == net.layers[l - 1].W.shape
        assert grads.grad_b[l].shape == net.layers[l - 1].b.shape
        assert_grads_close(grads.grad_W[l], num_W[l], f"∂L/∂W{l}")
        assert_grads_close(grads.grad_b[l], num_b[l], f"∂L/∂b{l}")


@SETTINGS
@given(problems())
def test_forward_pass_and_loss_match_a_plain_numpy_reference(p):
    net, x, t, loss = p
    trace = net.forward(x)
    np.testing.assert_allclose(trace.output, ref_forward(net, x), rtol=1e-12, atol=1e-14)
    assert len(trace.z) == len(trace.a) == net.L + 1 and trace.z[0] is None
    for l in range(1, net.L + 1):
        assert trace.z[l].shape == trace.a[l].shape == ((net.sizes[l],) + np.shape(x)[1:])
    np.testing.assert_allclose(net.loss(x, t, loss), ref_loss(loss, trace.output, t), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(net.gradients(x, t, loss).loss, ref_loss(loss, trace.output, t), rtol=1e-12, atol=1e-15)


@SETTINGS
@given(problems(losses=("half_sse", "sse", "mse"), batch=False), st.integers(2, 4))
def test_batch_gradient_is_the_sum_or_mean_of_sample_gradients(p, m):
    """A batch of m columns: Σ losses add the per-sample gradients, the mean loss averages them."""
    net, _, _, loss = p
    rng = np.random.default_rng(m)
    X = rng.normal(size=(net.sizes[0], m))
    T = rng.normal(size=(net.sizes[-1], m))
    batch = net.gradients(X, T, loss)
    per = [net.gradients(X[:, j], T[:, j], loss) for j in range(m)]
    factor = 1.0 / m if loss == "mse" else 1.0
    for l in range(1, net.L + 1):
        np.testing.assert_allclose(batch.grad_W[l], factor * sum(g.grad_W[l] for g in per), rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(batch.grad_b[l], factor * sum(g.grad_b[l] for g in per), rtol=1e-10, atol=1e-13)
        for j in range(m):
            np.testing.assert_allclose(batch.delta[l][:, j] / factor, per[j].delta[l], rtol=1e-10, atol=1e-13)


@SETTINGS
@given(problems(losses=("half_sse", "mse", "bce", "cross_entropy")))
def test_an_sgd_step_descends_as_first_order_theory_says(p):
    """L(θ − η g) − L(θ) = −η ‖g‖² + O(η²): the step goes downhill, by the right amount, in every parameter."""
    net, x, t, loss = p
    grads = net.gradients(x, t, loss)
    g2 = sum(float(np.sum(grads.grad_W[l] ** 2) + np.sum(grads.grad_b[l] ** 2)) for l in range(1, net.L + 1))
    if g2 < 1e-8:
        return
    eta = 1e-5 / max(1.0, g2)
    before = net.loss(x, t, loss)
    stepped = net.copy()
    bpnn.SGD(eta).step(stepped, grads)
    change = stepped.loss(x, t, loss) - before
    assert change < 0, "an SGD step with a tiny learning rate increased the loss"
    np.testing.assert_allclose(change, -eta * g2, rtol=2e-2)
    for l, (old, new) in enumerate(zip(net.layers, stepped.layers), start=1):
        np.testing.assert_allclose(new.W, old.W - eta * grads.grad_W[l], rtol=0, atol=1e-15)
        np.testing.assert_allclose(new.b, old.b - eta * grads.grad_b[l], rtol=0, atol=1e-15)


@SETTINGS
@given(problems(losses=("half_sse",)), st.data())
def test_frozen_layers_do_not_move_and_the_others_do(p, data):
    net, x, t, loss = p
    frozen = data.draw(st.integers(1, net.L))
    net.freeze(frozen)
    before = [(l.W.copy(), l.b.copy()) for l in net.layers]
    grads = net.gradients(x, t, loss)
    bpnn.SGD(0.1).step(net, grads)
    for l, (layer, (W, b)) in enumerate(zip(net.layers, before), start=1):
        if l == frozen:
            assert np.array_equal(layer.W, W) and np.array_equal(layer.b, b)
        else:
            np.testing.assert_allclose(layer.W, W - 0.1 * grads.grad_W[l], rtol=0, atol=1e-15)


@SETTINGS
@given(st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=1, max_size=20))
def test_sigmoid_is_bounded_symmetric_and_has_the_right_derivative(zs):
    z = np.array(zs)
    s = bpnn.sigmoid(z)
    assert np.all(np.isfinite(s)) and np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(bpnn.sigmoid(-z), 1 - s, atol=1e-15)
    np.testing.assert_allclose(s, ref_activation("sigmoid", z), rtol=1e-14, atol=1e-300)
    h = 1e-6
    np.testing.assert_allclose(bpnn.sigmoid_prime(z), (ref_activation("sigmoid", z + h) - ref_activation("sigmoid", z - h)) / (2 * h),
                               rtol=1e-6, atol=1e-10)


@SETTINGS
@given(st.sampled_from(["sigmoid", "tanh", "identity", "relu"]),
       st.lists(st.floats(-20, 20, allow_nan=False).filter(lambda v: abs(v) > 1e-3), min_size=1, max_size=10))
def test_activation_derivatives_match_central_differences(name, zs):
    act = bpnn.get_activation(name)
    z = np.array(zs)
    h = 1e-6
    num = (ref_activation(name, z + h) - ref_activation(name, z - h)) / (2 * h)
    g = np.linspace(-1, 1, z.size)
    np.testing.assert_allclose(act.backprop(z, act(z), g), g * num, rtol=1e-6, atol=1e-9)


@SETTINGS
@given(st.integers(2, 5), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_softmax_backprop_is_the_transposed_jacobian(n, m, seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 2, (n, m))
    g = rng.normal(0, 1, (n, m))
    act = bpnn.get_activation("softmax")
    a = act(z)
    h = 1e-6
    for j in range(m):
        J = np.empty((n, n))
        for k in range(n):
            dz = np.zeros(n)
            dz[k] = h
            J[:, k] = (ref_activation("softmax", z[:, j] + dz) - ref_activation("softmax", z[:, j] - dz)) / (2 * h)
        np.testing.assert_allclose(act.backprop(z, a, g)[:, j], J.T @ g[:, j], rtol=1e-5, atol=1e-9)


@SETTINGS
@given(st.sampled_from(["half_sse", "sse", "mse", "bce", "cross_entropy"]), st.integers(1, 4),
       st.sampled_from([None, 1, 3]), st.integers(0, 2**32 - 1))
def test_loss_gradients_match_central_differences(name, n, m, seed):
    rng = np.random.default_rng(seed)
    shape = (n,) if m is None else (n, m)
    a = rng.uniform(0.05, 0.95, shape)
    t = rng.uniform(0.05, 0.95, shape)
    loss = bpnn.get_loss(name)
    assert loss(a, t) == pytest.approx(ref_loss(name, a, t), rel=1e-12)
    h = 1e-6
    num = np.zeros(shape)
    for i in np.ndindex(shape):
        d = np.zeros(shape)
        d[i] = h
        num[i] = (ref_loss(name, a + d, t) - ref_loss(name, a - d, t)) / (2 * h)
    np.testing.assert_allclose(loss.grad(a, t), num, rtol=1e-6, atol=1e-9)


def _ref_momentum(params, grads_seq, lr, beta):
    v = [np.zeros_like(p) for p in params]
    params = [p.copy() for p in params]
    for grads in grads_seq:
        for i, g in enumerate(grads):
            v[i] = beta * v[i] + g
            params[i] = params[i] - lr * v[i]
    return params


def _ref_adam(params, grads_seq, lr, b1, b2, eps):
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    params = [p.copy() for p in params]
    for k, grads in enumerate(grads_seq, start=1):
        for i, g in enumerate(grads):
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            params[i] = params[i] - lr * (m[i] / (1 - b1**k)) / (np.sqrt(v[i] / (1 - b2**k)) + eps)
    return params


@SETTINGS
@given(problems(losses=("half_sse",), batch=False), st.sampled_from(["momentum", "adam"]))
def test_momentum_and_adam_follow_their_update_rules(p, which):
    """Three steps with fixed gradients, against the update rules written out here."""
    net, x, t, loss = p
    grads = net.gradients(x, t, loss)
    flat = []
    for l in range(1, net.L + 1):
        flat += [grads.grad_W[l], grads.grad_b[l]]
    start = [q.copy() for q in net.parameters()]
    if which == "momentum":
        opt = bpnn.Momentum(0.05, beta=0.9)
        want = _ref_momentum(start, [flat] * 3, 0.05, 0.9)
    else:
        opt = bpnn.Adam(0.01)
        want = _ref_adam(start, [flat] * 3, 0.01, 0.9, 0.999, 1e-8)
    for _ in range(3):
        opt.step(net, grads)
    for got, exp in zip(net.parameters(), want):
        np.testing.assert_allclose(got, exp, rtol=1e-12, atol=1e-15)
