"""Engine behaviour: activations, losses, optimizers, freezing, and clear errors for bad input."""
import json
import math
import re
import warnings

import numpy as np
import pytest

import bpnn
from bpnn import SGD, Adam, BpnnError, Momentum, Network
from bpnn.activations import ACTIVATIONS, softmax
from bpnn.cli import main
from bpnn.losses import LOSSES


# ------------------------------------------------------------------ activations
def test_sigmoid_is_stable_and_correct_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = bpnn.sigmoid(np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0]))
        d = bpnn.sigmoid_prime(np.array([-1000.0, 1000.0]))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert s[3] == pytest.approx(1 / (1 + math.exp(-1.0)), abs=1e-16)
    assert s[1] == pytest.approx(math.exp(-1.0) / (1 + math.exp(-1.0)), abs=1e-16)
    assert np.all(d == 0.0)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_derivatives_match_finite_differences(name):
    act = ACTIVATIONS[name]
    z = np.array([-2.3, -0.7, 0.4, 1.9])
    h = 1e-6
    numeric = (act(z + h) - act(z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(z), numeric, atol=1e-9)


def test_softmax_backprop_is_the_transpose_jacobian():
    z = np.array([0.3, -1.2, 2.0])
    a = softmax(z)
    J = np.diag(a) - np.outer(a, a)
    g = np.array([0.5, -0.25, 1.5])
    np.testing.assert_allclose(ACTIVATIONS["softmax"].backprop(z, a, g), J.T @ g, atol=1e-15)
    assert softmax(np.array([1000.0, 0.0])).tolist() == [1.0, 0.0]


# ------------------------------------------------------------------ losses
def test_loss_conventions():
    a = np.array([[0.2, 0.6], [0.9, 0.1]])   # 2 units, 2 samples (columns)
    t = np.array([[0.0, 1.0], [1.0, 0.0]])
    sq = (0.2**2 + 0.4**2 + 0.1**2 + 0.1**2)
    assert LOSSES["half_sse"](a, t) == pytest.approx(0.5 * sq)
    assert LOSSES["sse"](a, t) == pytest.approx(sq)
    assert LOSSES["mse"](a, t) == pytest.approx(sq / 4)
    bce = -(math.log(0.8) + math.log(0.6) + math.log(0.9) + math.log(0.9)) / 4
    assert LOSSES["bce"](a, t) == pytest.approx(bce)
    p = np.array([[0.7, 0.2], [0.3, 0.8]])
    assert LOSSES["cross_entropy"](p, t) == pytest.approx(-(math.log(0.3) + math.log(0.2)) / 2)


# ------------------------------------------------------------------ optimizers
def test_sgd_step_is_minus_lr_times_gradient_and_lowers_the_loss():
    net = Network.random([2, 3, 1], "sigmoid", seed=1)
    x, t = np.array([0.5, -0.2]), np.array([1.0])
    g = net.gradients(x, t)
    before = [p.copy() for p in net.parameters()]
    loss0 = net.loss(x, t)
    SGD(0.1).step(net, g)
    grads = [g.grad_W[1], g.grad_b[1], g.grad_W[2], g.grad_b[2]]
    for p0, p1, gp in zip(before, net.parameters(), grads):
        np.testing.assert_allclose(p1, p0 - 0.1 * gp, atol=1e-15)
    assert net.loss(x, t) < loss0


@pytest.mark.parametrize("opt", [lambda: Momentum(0.2), lambda: Adam(0.02)])
def test_momentum_and_adam_fit_a_smooth_function(opt):
    rng = np.random.default_rng(4)
    X = rng.uniform(-1, 1, size=(2, 32))
    T = 0.5 + 0.4 * np.sin(X[:1] + X[1:])
    net = Network.random([2, 8, 1], ["tanh", "sigmoid"], seed=4)
    start = net.loss(X, T, "mse")
    o = opt()
    for _ in range(500):
        o.step(net, net.gradients(X, T, "mse"))
    assert net.loss(X, T, "mse") < 0.05 * start


def test_adam_first_step_moves_each_parameter_by_lr():
    # with bias correction m̂ = g and v̂ = g², so Adam's first step is −lr·g/(|g| + eps)
    net = Network.random([2, 2, 1], "sigmoid", seed=2)
    x, t = np.array([0.3, 0.9]), np.array([1.0])
    g = net.gradients(x, t)
    W0 = net.layers[0].W.copy()
    Adam(0.01).step(net, g)
    gW = g.grad_W[1]
    np.testing.assert_allclose(net.layers[0].W - W0, -0.01 * gW / (np.abs(gW) + 1e-8), atol=1e-15)


def test_frozen_layer_is_unchanged_but_errors_flow_through_it():
    net = Network.random([2, 3, 2, 1], "sigmoid", seed=5)
    net.freeze(2)
    W2, b2, W1 = net.layers[1].W.copy(), net.layers[1].b.copy(), net.layers[0].W.copy()
    for opt in (SGD(0.5), Momentum(0.5), Adam(0.1)):
        opt.step(net, net.gradients([1.0, -1.0], [0.0]))
    assert np.array_equal(net.layers[1].W, W2) and np.array_equal(net.layers[1].b, b2)
    assert not np.array_equal(net.layers[0].W, W1)  # layer 1 still learns through frozen layer 2
    net.unfreeze()
    assert all(l.trainable for l in net.layers)


def test_random_init_is_seeded():
    a = Network.random([3, 4, 2], "tanh", seed=11)
    b = Network.random([3, 4, 2], "tanh", seed=11)
    c = Network.random([3, 4, 2], "tanh", seed=12)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert not np.array_equal(a.layers[0].W, c.layers[0].W)


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize(
    "build,message",
    [
        # article 002 §4.3 writes a 3×2 bias "matrix" for a layer of 3 units
        (lambda: Network.from_weights([[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]],
                                      [[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]], ["sigmoid"]),
         "layer 1: bias has shape (3, 2); expected (3,)"),
        (lambda: Network.from_weights([np.ones((3, 2)), np.ones((1, 2))], [np.zeros(3), np.zeros(1)],
                                      ["sigmoid", "sigmoid"]),
         "layer 2: weights have shape (1, 2), so they expect 2 inputs, but layer 1 has 3 units"),
        (lambda: Network.from_weights([[[1.0, float("nan")]]], [[0.0]], ["sigmoid"]),
         "layer 1: weights[0][1] is not a number (NaN)"),
        (lambda: Network.from_weights([[[1.0]]], [[0.0]], ["sigmod"]),
         "layer 1: unknown activation 'sigmod'"),
        (lambda: Network.random([2, 2], "relu", seed=0).loss([1.0, 2.0], [1.0, 0.0], "l2"),
         "unknown loss 'l2'"),
        (lambda: Network.random([2, 2], "relu", seed=0).forward([1.0, 2.0, 3.0]),
         "input has shape (3,); expected (2,) for one sample or (2, m)"),
        (lambda: Network.random([2, 2], "relu", seed=0).loss([1.0, 2.0], [1.0]),
         "target has shape (1,); the output layer gives shape (2,)"),
        (lambda: Network.random([2, 2], "relu", seed=0).forward([1.0, float("inf")]),
         "input[1] must be finite; got inf"),
        (lambda: SGD(-0.1), "learning rate must be a positive finite number"),
        (lambda: Network.random([2, 2], "relu", seed=0).freeze(3), "layer number must be a whole number between 1 and 1"),
    ],
)
def test_bad_input_raises_a_clear_error(build, message):
    with pytest.raises(BpnnError) as exc:
        build()
    assert message in str(exc.value)


# ------------------------------------------------------------------ bpnn trace exit codes
def _spec(tmp_path, data, name="spec.json"):
    p = tmp_path / name
    p.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(p)


GOOD = {
    "layers": [{"weights": [[0.1, 0.2]], "bias": [0.0], "activation": "sigmoid"}],
    "loss": "half_sse", "input": [1.0, 2.0], "target": [1.0], "learning_rate": 0.1,
}


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda d: d.pop("target"), "missing key target"),
        (lambda d: d.update(loss="hinge"), "loss: unknown loss 'hinge'"),
        (lambda d: d["layers"][0].update(bias=[0.0, 1.0]), "layers[0] in the spec"),
        (lambda d: d["layers"][0].update(activation="softplus"), "layers[0].activation: unknown activation"),
        (lambda d: d["layers"][0].update(weights=[[0.1, "x"]]), "layers[0].weights[0][1] must be a number"),
        (lambda d: d.update(input=[1.0]), "input has 1 values, but layers[0].weights has 2 columns"),
        (lambda d: d.update(learning_rate=0), "learning_rate must be a positive finite number"),
        (lambda d: d.update(extra=1), "unknown key 'extra'"),
    ],
)
def test_trace_bad_spec_exits_2_with_one_line(tmp_path, capsys, mutate, message):
    data = json.loads(json.dumps(GOOD))
    mutate(data)
    assert main(["trace", _spec(tmp_path, data)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("bpnn trace: error: ") and message in err, err


@pytest.mark.parametrize(
    "content,message",
    [("", "is empty"), ("{", "not valid JSON at line 1"), (b"\x00\x01", "binary"), (b"\xff\xfe{", "not valid UTF-8")],
)
def test_trace_unreadable_spec_exits_2(tmp_path, capsys, content, message):
    p = tmp_path / "s.json"
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["trace", str(p)]) == 2
    assert message in capsys.readouterr().err


def test_trace_missing_file_exits_2(tmp_path, capsys):
    assert main(["trace", str(tmp_path / "nope.json")]) == 2
    assert "no such spec file" in capsys.readouterr().err


def test_trace_reads_yaml(tmp_path, capsys):
    import yaml

    assert main(["trace", _spec(tmp_path, yaml.safe_dump(GOOD), "s.yaml"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["layers"][0]["z"] == pytest.approx([0.1 * 1.0 + 0.2 * 2.0])


# ------------------------------------------------------------------ the training loop
def _xor():
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    T = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, T


@pytest.mark.parametrize("make_opt", [lambda: SGD(0.5), lambda: SGD(0.5, train_biases=False),
                                      lambda: Momentum(0.1), lambda: Adam(0.01)])
def test_fit_full_batch_is_the_hand_loop(make_opt):
    """fit's steps are exactly the API's steps (gradients, then optimizer.step), loss recorded before each."""
    X, T = _xor()
    a = Network.random([2, 3, 1], "sigmoid", seed=5)
    b = a.copy()
    opt_a, opt_b = make_opt(), make_opt()
    expected = []
    for _ in range(25):
        g = a.gradients(X, T, "half_sse")
        expected.append(g.loss)
        opt_a.step(a, g)
    hist = bpnn.fit(b, X, T, opt_b, epochs=25)
    assert hist.losses.tolist() == expected and hist.steps == 25
    for p, q in zip(a.parameters(), b.parameters()):
        np.testing.assert_array_equal(p, q)


def test_fit_minibatches_shuffle_with_the_seed_and_keep_frozen_layers():
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(3, 10)), rng.random(size=(2, 10))
    net = Network.random([3, 4, 2], ["tanh", "sigmoid"], seed=1)
    W1 = net.layers[0].W.copy()
    ref = net.copy()
    hist = bpnn.fit(net, X, T, SGD(0.1), loss="mse", epochs=3, batch_size=4, shuffle=7, freeze=[1])
    assert hist.losses.shape == (9,) and hist.epoch_losses.shape == (3,)
    np.testing.assert_array_equal(net.layers[0].W, W1)            # frozen during the fit ...
    assert net.layers[0].trainable                                 # ... and trainable again afterwards
    order_rng = np.random.default_rng(7)                           # the same batches, by hand
    ref.freeze(1)
    losses = []
    for _ in range(3):
        order = order_rng.permutation(10)
        for s in range(0, 10, 4):
            idx = order[s:s + 4]
            g = ref.gradients(X[:, idx], T[:, idx], "mse")
            losses.append(g.loss)
            SGD(0.1).step(ref, g)
    assert hist.losses.tolist() == losses
    np.testing.assert_allclose(hist.epoch_losses, np.array(losses).reshape(3, 3).mean(axis=1), rtol=0, atol=0)
    for p, q in zip(ref.parameters(), net.parameters()):
        np.testing.assert_array_equal(p, q)


def test_fit_keeps_the_layers_own_arrays():
    X, T = _xor()
    net = Network.random([2, 3, 1], "sigmoid", seed=5)
    W = net.layers[0].W
    bpnn.fit(net, X, T, SGD(0.5), epochs=3)
    assert net.layers[0].W is W and not np.array_equal(W, Network.random([2, 3, 1], "sigmoid", seed=5).layers[0].W)


@pytest.mark.parametrize("kwargs,words", [
    (dict(epochs=0), "epochs must be a whole number"),
    (dict(batch_size=2.5), "batch_size must be a whole number"),
    (dict(shuffle="yes"), "shuffle must be None"),
    (dict(loss="bce", X=[[1.0, 2.0]]), "X has shape"),
    (dict(T=[[2.0, 0.0, 1.0, 0.0]], loss="bce"), "targets in [0, 1]"),
    (dict(opt="sgd"), "optimizer must be an optimizer object with a step"),
])
def test_fit_refuses_bad_arguments_before_the_first_step(kwargs, words):
    X, T = _xor()
    net = Network.random([2, 3, 1], "sigmoid", seed=5)
    before = [p.copy() for p in net.parameters()]
    X, T = kwargs.pop("X", X), kwargs.pop("T", T)
    opt = kwargs.pop("opt", SGD(0.5))
    with pytest.raises(BpnnError, match=re.escape(words)):
        bpnn.fit(net, X, T, opt, **kwargs)
    for p, q in zip(before, net.parameters()):
        np.testing.assert_array_equal(p, q)


def test_fit_reports_overflow_in_one_line_and_keeps_the_last_good_weights():
    net = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(BpnnError, match="update of W overflows"):
            bpnn.fit(net, [[1e10]], [[0.0]], SGD(1e308), epochs=2)
        with pytest.raises(BpnnError, match="∂L/∂W"):
            bpnn.fit(Network.from_weights([[[1e-6]]], [[0.0]], ["identity"]), [[1e160]], [[0.0]], SGD(0.1))
    assert net.layers[0].W.tolist() == [[1.0]]
