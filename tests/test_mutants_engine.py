"""Tests that kill mutants of the engine (bpnn/network.py, activations.py, losses.py, optim.py, train.py,
values.py, trace.py) that the other tests let survive (scripts/mutation.py).

References are independent of the engine: the definitions written out in NumPy or math on the same
numbers, hand-derived values (in the comments), central differences, sympy, and the conventions the
modules document (relu′(0) = 0, the default learning rate 0.1, ``MAX_ROWS`` = 64 rows per layer in a
text table, ...).
"""
from __future__ import annotations

import io
import json
import math
import warnings

import numpy as np
import pytest
import sympy as sp

import bpnn
from bpnn import activations as act_mod
from bpnn import losses as L
from bpnn import trace as tr_mod
from bpnn import values as V
from bpnn.activations import ACTIVATIONS, get_activation, sigmoid, sigmoid_prime
from bpnn.errors import BpnnError
from bpnn.network import BackwardTrace, ForwardTrace, Network
from bpnn.optim import SGD, Adam, Momentum, sgd_step
from bpnn.train import fit

MAZUR_W = [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]]
MAZUR_B = [[0.35, 0.35], [0.60, 0.60]]


def mazur():
    return Network.from_weights(MAZUR_W, MAZUR_B, ["sigmoid", "sigmoid"])


def _sig(z):
    return 1.0 / (1.0 + math.exp(-z))


def numeric_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


# ============================================================================= activations
def test_relu_derivative_at_zero_is_zero():
    """The documented convention: relu′(0) = 0 (and 1 for any z > 0, however small)."""
    d = ACTIVATIONS["relu"].derivative(np.array([-1.0, -0.0, 0.0, 5e-324, 2.0]))
    np.testing.assert_array_equal(d, [0.0, 0.0, 0.0, 1.0, 1.0])
    assert d.dtype == np.float64
    np.testing.assert_array_equal(ACTIVATIONS["relu"](np.array([-2.0, 0.0, 3.0])), [0.0, 0.0, 3.0])
    # in the network: a relu unit whose z is exactly 0 passes no error back
    net = Network.from_weights([[[1.0, -1.0]], [[2.0]]], [[0.0], [0.0]], ["relu", "identity"])
    g = net.gradients([1.0, 1.0], [1.0], "half_sse")     # z1 = 1 − 1 = 0
    assert g.delta[1].tolist() == [0.0] and g.grad_W[1].tolist() == [[0.0, 0.0]]


@pytest.mark.parametrize("z", [-1000.0, -745.0, -30.0, -1.5, -1e-9, 0.0, 1e-9, 0.7, 30.0, 745.0, 1000.0])
def test_sigmoid_on_both_branches(z):
    ref = _sig(z) if z > -700 else math.exp(z) / (1 + math.exp(z))
    assert sigmoid(z) == pytest.approx(ref, rel=1e-15, abs=1e-320)
    assert sigmoid(np.array([z]))[0] == pytest.approx(ref, rel=1e-15, abs=1e-320)
    assert sigmoid(np.array([[z, -z]]))[0, 0] == pytest.approx(ref, rel=1e-15, abs=1e-320)
    assert sigmoid_prime(z) == pytest.approx(ref * (1 - ref), rel=1e-12, abs=1e-320)


def test_sigmoid_keeps_its_input_and_shape():
    z = np.array([-2.0, 0.0, 2.0])
    out = sigmoid(z)
    np.testing.assert_array_equal(z, [-2.0, 0.0, 2.0])
    assert out.shape == (3,) and sigmoid(0.0).shape == () and float(sigmoid(0.0)) == 0.5
    assert sigmoid([1.0, -1.0]).tolist() == pytest.approx([_sig(1.0), _sig(-1.0)], rel=1e-15)


def test_elementwise_derivatives_against_the_definitions():
    z = np.array([-2.5, -0.3, 0.0, 0.4, 3.0])
    np.testing.assert_allclose(ACTIVATIONS["tanh"].derivative(z), 1 - np.tanh(z) ** 2, rtol=1e-15)
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"].derivative(z), [_sig(v) * (1 - _sig(v)) for v in z], rtol=1e-14)
    np.testing.assert_array_equal(ACTIVATIONS["identity"].derivative(z), np.ones(5))
    a = np.tanh(z)
    np.testing.assert_allclose(ACTIVATIONS["tanh"].derivative_from_a(a), 1 - a * a, rtol=1e-15)
    s = sigmoid(z)
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"].derivative_from_a(s), s * (1 - s), rtol=1e-15)
    for name in ("sigmoid", "tanh", "relu", "identity"):          # each derivative is the slope of f
        f = ACTIVATIONS[name]
        for v in (-1.3, 0.6):
            num = (float(f(np.array(v + 1e-6))) - float(f(np.array(v - 1e-6)))) / 2e-6
            assert float(f.derivative(np.array(v))) == pytest.approx(num, rel=1e-6), name


def test_identity_is_a_copy():
    z = np.array([1.0, 2.0])
    out = ACTIVATIONS["identity"](z)
    out[0] = 9.0
    assert z[0] == 1.0 and out.dtype == np.float64
    assert ACTIVATIONS["identity"]([1, 2]).dtype == np.float64


def test_softmax_values_and_its_jacobian():
    z = np.array([[1.0, 1000.0], [2.0, 1000.0], [3.0, -1000.0]])
    a = act_mod.softmax(z)
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(a[:, 0], e / e.sum(), rtol=1e-15)
    np.testing.assert_allclose(a[:, 1], [0.5, 0.5, 0.0], atol=1e-300)     # shifted by the max: no overflow
    np.testing.assert_allclose(a.sum(axis=0), [1.0, 1.0], rtol=1e-15)
    # J^T g against the full Jacobian diag(a) − a aᵀ, column by column
    g = np.array([[0.3, -1.0], [-0.7, 2.0], [1.1, 0.5]])
    got = ACTIVATIONS["softmax"].backprop(z, a, g)
    for c in range(2):
        J = np.diag(a[:, c]) - np.outer(a[:, c], a[:, c])
        np.testing.assert_allclose(got[:, c], J.T @ g[:, c], rtol=1e-12, atol=1e-15)
    assert not ACTIVATIONS["softmax"].elementwise and ACTIVATIONS["relu"].elementwise
    v = np.array([0.2, -0.4, 0.9])
    np.testing.assert_allclose(act_mod.softmax(v), np.exp(v) / np.exp(v).sum(), rtol=1e-15)


def test_backprop_uses_the_derivative_of_each_activation():
    z = np.array([0.5, -1.0])
    g = np.array([2.0, 3.0])
    for name in ("sigmoid", "tanh", "relu", "identity"):
        f = ACTIVATIONS[name]
        np.testing.assert_allclose(f.backprop(z, f(z), g), g * f.derivative(z), rtol=1e-15)
    # an activation with only a derivative of z
    custom = act_mod.Activation("cube", lambda v: v ** 3, lambda v: 3 * v ** 2)
    np.testing.assert_allclose(custom.backprop(z, z ** 3, g), g * 3 * z ** 2)
    assert custom(np.array(2.0)) == 8.0


def test_sympy_forms_match_the_numpy_ones():
    v = sp.Symbol("v")
    for name in ("sigmoid", "tanh", "identity"):
        f = ACTIVATIONS[name]
        for x in (-0.7, 1.3):
            assert float(f.sympy_f(v).subs(v, x)) == pytest.approx(float(f(np.array(x))), rel=1e-14)
            assert float(f.sympy_derivative(v).subs(v, x)) == pytest.approx(float(f.derivative(np.array(x))), rel=1e-14)
    relu = ACTIVATIONS["relu"]
    assert relu.sympy_f(v).subs(v, -2) == 0 and relu.sympy_f(v).subs(v, 3) == 3
    assert relu.sympy_derivative(v).subs(v, 2) == 1 and relu.sympy_derivative(v).subs(v, -2) == 0
    Z = sp.Matrix([[0.5, -1], [2, 0]])
    A = ACTIVATIONS["softmax"].expr(Z)
    a0 = act_mod.softmax(np.array([[0.5, -1.0], [2.0, 0.0]]))
    assert np.allclose(np.array(A.evalf(), dtype=float), a0, rtol=1e-14)
    G = sp.Matrix([[1, 2], [3, -1]])
    got = ACTIVATIONS["softmax"].backprop_expr(Z, A, G)
    want = act_mod._softmax_vjp(None, a0, np.array([[1.0, 2.0], [3.0, -1.0]]))
    assert np.allclose(np.array(got.evalf(), dtype=float), want, rtol=1e-12)
    S = ACTIVATIONS["tanh"].expr(sp.Matrix([[v]]))
    assert S[0, 0] == sp.tanh(v)
    D = ACTIVATIONS["tanh"].backprop_expr(sp.Matrix([[v]]), None, sp.Matrix([[2]]))
    assert sp.simplify(D[0, 0] - 2 * (1 - sp.tanh(v) ** 2)) == 0
    with pytest.raises(BpnnError, match="'softmax' has no elementwise derivative"):
        ACTIVATIONS["softmax"].derivative_expr(Z)
    assert sp.simplify(act_mod._sym_sigmoid_prime(v) - sp.exp(-v) / (1 + sp.exp(-v)) ** 2) == 0


def test_unknown_activation_names_are_refused():
    with pytest.raises(BpnnError, match="sigmod"):
        get_activation("sigmod")
    assert get_activation(ACTIVATIONS["tanh"]) is ACTIVATIONS["tanh"]


# ============================================================================= losses
A2 = np.array([[0.2, 0.9], [0.7, 0.4], [0.1, 0.3]])     # 3 units, 2 samples
T2 = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]])


@pytest.mark.parametrize("name", ["half_sse", "sse", "mse", "bce"])
def test_loss_values_gradients_and_terms_from_their_definitions(name):
    a, t, n, m = A2, T2, 3, 2
    d = a - t
    ref = {"half_sse": 0.5 * (d ** 2).sum(), "sse": (d ** 2).sum(), "mse": (d ** 2).sum() / (n * m),
           "bce": -(t * np.log(a) + (1 - t) * np.log(1 - a)).sum() / (n * m)}[name]
    loss = L.LOSSES[name]
    assert loss(a, t) == pytest.approx(ref, rel=1e-14)
    assert isinstance(loss.value(a, t), float)
    np.testing.assert_allclose(loss.grad(a, t), numeric_grad(lambda x: loss.value(x, t), a), rtol=1e-6)
    np.testing.assert_allclose(loss.terms(a, t).sum(), ref, rtol=1e-14)
    assert loss.terms(a, t).shape == a.shape


def test_cross_entropy_from_its_definition():
    a = np.array([[0.2, 0.5], [0.7, 0.25], [0.1, 0.25]])
    t = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]])
    ref = -(math.log(0.7) + math.log(0.5)) / 2
    ce = L.LOSSES["cross_entropy"]
    assert ce(a, t) == pytest.approx(ref, rel=1e-14)
    np.testing.assert_allclose(ce.grad(a, t), numeric_grad(lambda x: ce.value(x, t), a), rtol=1e-6)
    np.testing.assert_allclose(ce.terms(a, t).sum(), ref, rtol=1e-14)
    # one sample (a vector): m = 1
    assert ce(a[:, 0], t[:, 0]) == pytest.approx(-math.log(0.7), rel=1e-14)


def test_losses_of_one_sample_count_one_column():
    a, t = np.array([0.2, 0.7]), np.array([0.0, 1.0])
    assert L._count(a) == (2, 1) and L._count(A2) == (3, 2)
    assert L.LOSSES["mse"](a, t) == pytest.approx((0.04 + 0.09) / 2, rel=1e-14)
    np.testing.assert_allclose(L.LOSSES["mse"].grad(a, t), 2 * (a - t) / 2)
    np.testing.assert_allclose(L.LOSSES["mse"].terms(a, t), (a - t) ** 2 / 2)
    np.testing.assert_allclose(L.LOSSES["bce"].grad(a, t), (a - t) / (a * (1 - a) * 2))
    np.testing.assert_allclose(L.LOSSES["sse"].grad(a, t), 2 * (a - t))
    np.testing.assert_allclose(L.LOSSES["half_sse"].terms(a, t), 0.5 * (a - t) ** 2)


def test_clipped_logs_at_zero_and_one():
    # a = 0 with t = 1: −ln(1e-300) = 690.77…, finite, not inf
    assert L.LOSSES["bce"](np.array([0.0]), np.array([1.0])) == pytest.approx(-math.log(1e-300), rel=1e-12)
    assert L.LOSSES["bce"](np.array([1.0]), np.array([0.0])) == pytest.approx(-math.log(1e-300), rel=1e-12)
    assert L.LOSSES["cross_entropy"](np.array([0.0, 1.0]), np.array([1.0, 0.0])) == pytest.approx(690.7755, rel=1e-6)
    assert np.isfinite(L.LOSSES["bce"].grad(np.array([0.0]), np.array([1.0]))).all()


def test_losses_computed_from_z_are_exact_where_a_rounds():
    """The module's promise: bce after a sigmoid with z = 37, t = 0 is 37.0 (ln of the clipped 1 − a would
    give 690.78); logits (800, 0) with the second class give a cross-entropy of 800."""
    sig, soft = ACTIVATIONS["sigmoid"], ACTIVATIONS["softmax"]
    z = np.array([37.0])
    assert L.loss_value(L.LOSSES["bce"], sig, z, sigmoid(z), np.array([0.0])) == pytest.approx(37.0, rel=1e-15)
    z = np.array([800.0, 0.0])
    assert L.loss_value(L.LOSSES["cross_entropy"], soft, z, act_mod.softmax(z), np.array([0.0, 1.0])) == 800.0
    # small z: the same as the formula on a
    for zv, tv in ((0.3, 0.0), (-1.2, 1.0), (0.5, 0.25)):
        z, t = np.array([zv]), np.array([tv])
        a = sigmoid(z)
        assert L.loss_value(L.LOSSES["bce"], sig, z, a, t) == pytest.approx(L.LOSSES["bce"](a, t), rel=1e-13)
        np.testing.assert_allclose(L.loss_terms(L.LOSSES["bce"], sig, z, a, t), L.LOSSES["bce"].terms(a, t),
                                   rtol=1e-13)
        np.testing.assert_allclose(L.loss_grad(L.LOSSES["bce"], sig, z, a, t), L.LOSSES["bce"].grad(a, t),
                                   rtol=1e-11)


def test_bce_from_z_by_its_formula():
    # −[t ln σ(z) + (1 − t) ln(1 − σ(z))] = t softplus(−z) + (1 − t) softplus(z), per unit, mean over n·m
    z = np.array([[2.0, -3.0], [0.5, 40.0]])
    t = np.array([[1.0, 0.0], [0.3, 1.0]])
    sp_ = lambda x: math.log1p(math.exp(x)) if x < 30 else x + math.log1p(math.exp(-x))   # noqa: E731
    terms = np.array([[t[i, j] * sp_(-z[i, j]) + (1 - t[i, j]) * sp_(z[i, j]) for j in range(2)] for i in range(2)])
    np.testing.assert_allclose(L._bce_z_terms(z, t), terms / 4, rtol=1e-14)
    assert L._bce_z_value(z, t) == pytest.approx(terms.sum() / 4, rel=1e-14)
    np.testing.assert_allclose(L._softplus(np.array([-800.0, 0.0, 800.0])), [0.0, math.log(2), 800.0], atol=1e-300)
    np.testing.assert_allclose(L._sig(np.array([-3.0, 0.0, 3.0])), [_sig(-3.0), 0.5, _sig(3.0)], rtol=1e-15)


def test_bce_gradient_from_z():
    """∂L/∂a = (a − t)/(a(1 − a))/(n m); for t = 1 it is −(1 + e^−z)/(n m), for t = 0 (1 + e^z)/(n m)."""
    z = np.array([[3.0, -2.0, 0.4]])
    t = np.array([[1.0, 0.0, 0.6]])
    a = sigmoid(z)
    g = L._bce_z_grad(z, a, t)
    n_m = 3
    assert g[0, 0] == pytest.approx(-(1 + math.exp(-3.0)) / n_m, rel=1e-14)
    assert g[0, 1] == pytest.approx((1 + math.exp(-2.0)) / n_m, rel=1e-14)
    av = _sig(0.4)
    assert g[0, 2] == pytest.approx((av - 0.6) / (av * (1 - av)) / n_m, rel=1e-12)
    # far out: the residual σ(z) − t computed as (1 − t) − σ(−z) where z > 0 and t ≥ ½
    z, t = np.array([40.0]), np.array([0.75])
    r = L._bce_z_residual(z, sigmoid(z), t)
    assert r[0] == pytest.approx(0.25 - _sig(-40.0), rel=1e-15)
    z, t = np.array([-3.0, 2.0]), np.array([0.75, 0.25])        # no unit in the upper corner: a − t
    np.testing.assert_array_equal(L._bce_z_residual(z, sigmoid(z), t), sigmoid(z) - t)
    z, t = np.array([2.0, 2.0]), np.array([0.5, 0.25])         # t = ½ counts as upper (t ≥ ½)
    r = L._bce_z_residual(z, sigmoid(z), t)
    assert r[0] == 0.5 - _sig(-2.0) and r[1] == _sig(2.0) - 0.25


def test_cross_entropy_from_z():
    z = np.array([[1.0, 0.0], [2.0, 5.0], [-1.0, 5.0]])
    t = np.array([[0.0, 0.5], [1.0, 0.5], [0.0, 0.0]])
    a = act_mod.softmax(z)
    log_a, i, r = L._log_softmax(z)
    np.testing.assert_allclose(log_a, np.log(a), rtol=1e-14)
    assert i.tolist() == [1, 1]                                   # each column's largest unit (first of ties)
    # r: the other units' e^(z − z_max), the tie (5, 5) counted once as the largest and once as another
    np.testing.assert_allclose(r, [math.exp(-1) + math.exp(-3), math.exp(-5) + 1.0], rtol=1e-14)
    ref = -(t * np.log(a)).sum() / 2
    assert L._ce_z_value(z, t) == pytest.approx(ref, rel=1e-14)
    np.testing.assert_allclose(L._ce_z_terms(z, t), -(t * np.log(a)) / 2, rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(L._ce_z_grad(z, a, t), np.where(t != 0, -t / (a * 2), 0.0), rtol=1e-13)
    v = np.array([0.5, 3.0, -2.0])
    lv, iv, rv = L._log_softmax(v)
    assert iv == 1 and lv[1] == pytest.approx(-math.log1p(math.exp(-2.5) + math.exp(-5.0)), rel=1e-15)


def test_loss_domains_and_their_messages():
    bce, ce = L.LOSSES["bce"], L.LOSSES["cross_entropy"]
    with pytest.raises(BpnnError, match=r"^loss bce needs outputs in \(0, 1\), but the output layer \(layer 2\) uses "
                                        r"relu; use sigmoid in the output layer, or another loss \(e.g. half_sse\)$"):
        bce.check(ACTIVATIONS["relu"], np.array([0.5]), 2)
    with pytest.raises(BpnnError, match=r"but layers\[1\] uses tanh"):
        bce.check(ACTIVATIONS["tanh"], np.array([0.5]), "layers[1]")
    with pytest.raises(BpnnError, match=r"but the output layer uses tanh"):
        bce.check(ACTIVATIONS["tanh"], np.array([0.5]))
    with pytest.raises(BpnnError, match=r"^loss bce needs targets in \[0, 1\]; target\[1\] is 1.5$"):
        bce.check(ACTIVATIONS["sigmoid"], np.array([0.5, 1.5]))
    with pytest.raises(BpnnError, match=r"target\[0\]\[1\] is -0.25"):
        bce.check(ACTIVATIONS["sigmoid"], np.array([[0.0, -0.25]]))
    bce.check(ACTIVATIONS["sigmoid"], np.array([0.0, 1.0]))          # the ends are in the domain
    with pytest.raises(BpnnError, match=r"target\[1\] is negative \(-0.5\)"):
        ce.check(ACTIVATIONS["softmax"], np.array([1.5, -0.5]))
    with pytest.raises(BpnnError, match=r"\(summing to 1\); the target sums to 0.9$"):
        ce.check(ACTIVATIONS["softmax"], np.array([0.4, 0.5]))
    with pytest.raises(BpnnError, match=r"\(each column summing to 1\); column 1 of the target sums to 2$"):
        ce.check(ACTIVATIONS["softmax"], np.array([[1.0, 1.0], [0.0, 1.0]]))
    ce.check(ACTIVATIONS["softmax"], np.array([0.3, 0.7 + 5e-10]))    # within 1e-9 of 1
    with pytest.raises(BpnnError):
        ce.check(ACTIVATIONS["softmax"], np.array([0.3, 0.7 + 2e-9]))
    L.LOSSES["half_sse"].check(ACTIVATIONS["relu"], np.array([-5.0]))   # any output, any target


def test_output_delta_fused_and_general():
    z = np.array([0.3, -0.2])
    t = np.array([1.0, 0.0])
    a = sigmoid(z)
    np.testing.assert_allclose(L.output_delta(L.LOSSES["bce"], ACTIVATIONS["sigmoid"], z, a, t), (a - t) / 2)
    s = act_mod.softmax(z)
    np.testing.assert_allclose(L.output_delta(L.LOSSES["cross_entropy"], ACTIVATIONS["softmax"], z, s, t), s - t)
    np.testing.assert_allclose(L.output_delta(L.LOSSES["half_sse"], ACTIVATIONS["sigmoid"], z, a, t),
                               (a - t) * a * (1 - a), rtol=1e-15)
    A = np.array([[0.2, 0.6], [0.8, 0.4]])
    T = np.array([[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_allclose(L._fused_ce(A, T), (A - T) / 2)
    np.testing.assert_allclose(L._fused_bce(A, T), (A - T) / 4)
    assert L.loss_terms(L.LOSSES["half_sse"], ACTIVATIONS["relu"], z, a, t) is not None
    nt = L.Loss("noterms", lambda a, t: 0.0, lambda a, t: a * 0)
    assert L.loss_terms(nt, ACTIVATIONS["relu"], z, a, t) is None and nt(a, t) == 0.0


def test_sympy_forms_of_the_losses():
    a = sp.Matrix([[sp.Rational(1, 5), sp.Rational(9, 10)], [sp.Rational(7, 10), sp.Rational(2, 5)]])
    t = sp.Matrix([[0, 1], [1, 0]])
    an, tn = np.array(a, dtype=float), np.array(t, dtype=float)
    for name in ("half_sse", "sse", "mse", "bce"):
        loss = L.LOSSES[name]
        assert float(loss.expr(a, t)) == pytest.approx(loss(an, tn), rel=1e-14), name
        assert np.allclose(np.array(loss.grad_expr(a, t), dtype=float), loss.grad(an, tn), rtol=1e-13), name
    ce = L.LOSSES["cross_entropy"]
    s = sp.Matrix([[sp.Rational(1, 4), sp.Rational(1, 2)], [sp.Rational(3, 4), sp.Rational(1, 2)]])
    sn = np.array(s, dtype=float)
    assert float(ce.expr(s, t)) == pytest.approx(ce(sn, tn), rel=1e-14)
    assert np.allclose(np.array(ce.grad_expr(s, t), dtype=float), ce.grad(sn, tn), rtol=1e-13)
    assert np.allclose(np.array(L.LOSSES["bce"].fused_sympy["sigmoid"](a, t), dtype=float), (an - tn) / 4)
    assert np.allclose(np.array(ce.fused_sympy["softmax"](s, t), dtype=float), (sn - tn) / 2)


# ============================================================================= values
with warnings.catch_warnings():
    warnings.simplefilter("ignore", PendingDeprecationWarning)
    _MATRIX = np.matrix([[1.0]])
@pytest.mark.parametrize("v, text", [
    (None, "null"), (True, "a boolean (True)"), (np.bool_(False), "a boolean (False)"), ("abc", "a string 'abc'"),
    (b"ab", "binary data (2 bytes)"), (bytearray(3), "binary data (3 bytes)"), (1 + 2j, "a complex number (1+2j)"),
(7, "7"), (np.int64(-3), "-3"), (2.5, "2.5"), (np.float32(0.5), "0.5"),
    (10 ** 30, "100000000000…000000 (31 digits)"), (10 ** 23, "100000000000000000000000"),
    (np.zeros((2, 3)), "an array of float64 with shape (2, 3)"), ([1], "a list of 1 item"), ((1, 2), "a list of 2 items"),
    ({}, "an object with 0 keys"), ({"a": 1}, "an object with 1 key"), ({1}, "a set of 1 item"),
    (frozenset(), "a set of 0 items"), (V.HugeNumber("9" * 30), "a number too large for float64: 999999999999…999999 (30 characters)"),
    (object(), "a object"),
])
def test_describe(v, text):
    assert V.describe(v) == text


def test_describe_dates_and_long_strings():
    import datetime

    assert V.describe(datetime.date(2020, 1, 2)) == "a date (2020-01-02)"
    assert V.describe("x" * 1000).startswith("a string 'xxxx") and len(V.describe("x" * 1000)) < 80
    assert repr(V.HugeNumber("1e400")) == "1e400" and repr(V.HugeNumber("1" * 24)) == "1" * 24


@pytest.mark.parametrize("v, msg", [
    (True, "w must be a number; got a boolean (True)"), ("1", "w must be a number; got a string '1'"),
    (float("nan"), "w is not a number (NaN); every value must be a finite number"),
    (float("inf"), "w must be finite; got inf"), (float("-inf"), "w must be finite; got -inf"),
    (10 ** 400, "w is too large for a float64 number (401 digits); the largest is about 1.8e308"),
    (-10 ** 400, "w is too large for a float64 number (401 digits)"),
    (V.HugeNumber("1e999"), "w is too large for a float64 number (1e999); the largest is about 1.8e308"),
])
def test_numbers_refused_with_their_reason(v, msg):
    with pytest.raises(BpnnError) as info:
        V.as_scalar(v, "w")
    assert str(info.value).startswith(msg)


def test_as_array_shapes_and_types():
    a = np.array([[1.0, 2.0]])
    assert V.as_array(a, "x") is a                                   # float64: no copy
    assert V.as_array(np.array([1, 2], dtype=np.int32), "x").dtype == np.float64
    assert V.as_array(np.array([1, 2], dtype=np.uint8), "x").tolist() == [1.0, 2.0]
    assert V.as_array(3, "x", (0,)) == 3.0 and V.as_array(3, "x", (0,)).dtype == np.float64
    assert V.as_array([[1, 2], [3, 4]], "x").tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert V.as_array([np.array([1, 2]), np.array([3, 4])], "x", (2,)).tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert V.as_array([[[1], [2]]], "x", (3,)).shape == (1, 2, 1)
    assert V.as_array((1.5, 2), "x", (1,)).tolist() == [1.5, 2.0]
    assert V.as_array([np.float32(0.5), np.int64(2)], "x", (1,)).tolist() == [0.5, 2.0]
    assert V.as_array([10 ** 20, 1], "x", (1,)).tolist() == [1e20, 1.0]


@pytest.mark.parametrize("value, ndim, msg", [
    (_MATRIX, (2,), "x is a numpy.matrix"), (np.ma.masked_array([1.0]), (1,), "x is a masked array"),
    (np.array([True]), (1,), "x must be an array of real numbers; got an array of booleans"),
    (np.array([1j]), (1,), "got an array of complex numbers"), (np.array(["a"]), (1,), "got an array of strings"),
    (np.array([b"a"]), (1,), "got an array of bytes"), (np.array([None]), (1,), "got an array of Python objects"),
    (np.array([1, 2], dtype="datetime64[D]"), (1,), "got an array of dtype datetime64[D]"),
    (np.zeros((2, 2)), (1,), "x must be a list of numbers; got an array of shape (2, 2)"),
    (np.zeros(2), (2,), "x must be a list of rows (a matrix); got an array of shape (2,)"),
    (np.zeros(2), (0, 2), "x must be a number or a list of rows (a matrix); got an array of shape (2,)"),
    (np.array([[1.0, np.nan]]), (2,), "x[0][1] is not a number (NaN)"),
    (np.array([1.0, -np.inf]), (1,), "x[1] must be finite; got -inf"),
    (np.float64(np.inf), (0,), "x must be finite; got inf"),
    ("1", (1,), "x must be a list of numbers; got a string '1'"), (5, (1,), "x must be a list of numbers; got 5"),
    ([1, [2]], (1,), "x[1] must be a number; got a list of 1 item"),
    ([[1], 2], (2,), "x[1] must be a list of numbers; got 2"), ([[]], (2,), "x[0] must not be empty"),
    ([], (1,), "x must not be empty"), ([[1, 2], [3]], (2,), "x: rows have different lengths [2, 1]"),
    ([[1]] * 11 + [[1, 2]], (2,), "x: rows have different lengths [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, '…']"),
    ([[[1], [2]], [[3]]], (3,), "x: nested lists have different lengths"),
    ([1.0], (2,), "x must be a list of rows (a matrix); got a list of numbers"),
    ([[[1.0]]], (1, 2), "x must be a list of numbers or a list of rows (a matrix); got lists nested 3 deep"),
    ([[1.0, float("nan")]], (2,), "x[0][1] is not a number (NaN)"), ([1.0, float("inf")], (1,), "x[1] must be finite"),
    ([1, 10 ** 400], (1,), "x[1] is too large for a float64 number (401 digits)"),
    ([np.array([1, 2]), np.array([3])], (2,), "x: rows have different shapes"),
    ([True, 1.0], (1,), "x[0] must be a number; got a boolean (True)"),
])
def test_as_array_refusals(value, ndim, msg):
    with pytest.raises(BpnnError) as info:
        V.as_array(value, "x", ndim)
    assert msg in str(info.value), str(info.value)
    assert str(info.value).startswith("x")


def test_largest_and_all_finite():
    assert V.largest([1.0, -3.5, 2.0]) == "3.5" and V.largest([1e308, -np.inf]) == "inf"
    assert V.largest([np.nan, 2.0]) == "2" and V.largest([np.nan]) == "nan" and V.largest([]) == "nan"
    assert V.largest(123456.0) == "1.23e+05"
    assert V.all_finite(np.array([1.0, 2.0])) and not V.all_finite(np.array([1.0, np.nan]))
    with np.errstate(over="ignore", invalid="ignore"):
        assert V.all_finite(np.array([1e308, 1e308]))          # the sum overflows; each entry is finite
        assert not V.all_finite(np.array([np.inf, -np.inf]))


# ============================================================================= the network
def test_from_weights_checks_every_layer():
    with pytest.raises(BpnnError, match=r"^weights must be a list with one entry per layer; got a string"):
        Network.from_weights("w", [], [])
    with pytest.raises(BpnnError, match=r"^biases must be a list with one entry per layer; got 3"):
        Network.from_weights([[[1.0]]], 3, ["identity"])
    with pytest.raises(BpnnError, match=r"^activations must be a list"):
        Network.from_weights([[[1.0]]], [[0.0]], {"a": 1})
    with pytest.raises(BpnnError, match=r"^a network needs at least one layer; weights is empty$"):
        Network.from_weights([], [], [])
    with pytest.raises(BpnnError, match=r"^got 1 weight matrices, 2 biases and 1 activations; there must be one"):
        Network.from_weights([[[1.0]]], [[0.0], [0.0]], ["identity"])
    with pytest.raises(BpnnError, match=r"^got 1 weight matrices, 1 biases and 2 activations"):
        Network.from_weights([[[1.0]]], [[0.0]], ["identity", "identity"])
    with pytest.raises(BpnnError, match=r"layer 2: weights have shape \(1, 3\), so they expect 3 inputs, but layer 1 "
                                        r"has 2 units; expected shape \(1, 2\)"):
        Network.from_weights([[[1.0], [2.0]], [[1.0, 2.0, 3.0]]], [[0, 0], [0]], ["identity"] * 2)
    with pytest.raises(BpnnError, match=r"layer 1: weights must be a non-empty matrix"):
        Network.from_weights([np.zeros((0, 2))], [[0.0]], ["identity"])
    with pytest.raises(BpnnError, match=r"layer 1: bias has shape \(3,\); expected \(2,\)"):
        Network.from_weights([[[1.0], [2.0]]], [[0, 0, 0]], ["identity"])
    with pytest.raises(BpnnError, match=r"layer 1"):
        Network.from_weights([[[1.0]]], [[0.0]], ["nope"])
    net = Network.from_weights([[[1.0], [2.0]]], [[[0.5], [0.25]]], ["identity"])      # a column bias
    assert net.layers[0].b.tolist() == [0.5, 0.25] and net.sizes == [1, 2] and net.L == 1


def test_from_weights_copies_its_input():
    W = np.array([[1.0, 2.0]])
    b = np.array([0.5])
    net = Network.from_weights([W], [b], ["identity"])
    W[0, 0] = 9.0
    b[0] = 9.0
    assert net.layers[0].W[0, 0] == 1.0 and net.layers[0].b[0] == 0.5


def test_a_network_needs_layers():
    with pytest.raises(BpnnError, match="Network needs a list of bpnn.Layer; got a string"):
        Network("abc")
    with pytest.raises(BpnnError, match="a network needs at least one layer"):
        Network([])
    with pytest.raises(BpnnError, match="layer 2 is 5"):
        Network([mazur().layers[0], 5])
    with pytest.raises(BpnnError):
        Network(7)


def test_random_networks_are_seeded_xavier_draws():
    net = Network.random([3, 4, 2], "tanh", seed=7)
    rng = np.random.default_rng(7)
    W1 = rng.normal(0.0, 1 / math.sqrt(3), size=(4, 3))
    W2 = rng.normal(0.0, 1 / math.sqrt(4), size=(2, 4))
    np.testing.assert_array_equal(net.layers[0].W, W1)
    np.testing.assert_array_equal(net.layers[1].W, W2)
    assert net.layers[0].b.tolist() == [0.0] * 4 and [l.activation.name for l in net.layers] == ["tanh", "tanh"]
    net = Network.random([2, 2], ["sigmoid"], seed=np.int64(1), scale=0.5)
    np.testing.assert_array_equal(net.layers[0].W, np.random.default_rng(1).normal(0.0, 0.5, size=(2, 2)))
    assert Network.random([2, 3], "relu", seed=0, scale=2).layers[0].W.shape == (3, 2)


@pytest.mark.parametrize("kwargs, msg", [
    (dict(sizes="23"), "sizes must be a list of layer widths such as [2, 3, 1]; got a string"),
    (dict(sizes=[2, 2.0]), "sizes[1] must be a whole number of units; got 2.0"),
    (dict(sizes=[2, True]), "sizes[1] must be a whole number of units; got a boolean"),
    (dict(sizes=[2]), "sizes must list at least two positive layer widths; got [2]"),
    (dict(sizes=[2, 0]), "sizes must list at least two positive layer widths; got [2, 0]"),
    (dict(seed=-1), "seed must be a whole number of at least 0; got -1"),
    (dict(seed=True), "seed must be a whole number of at least 0; got a boolean"),
    (dict(seed=1.0), "seed must be a whole number of at least 0; got 1.0"),
    (dict(scale="he"), "scale must be 'xavier' or a positive number; got a string 'he'"),
    (dict(scale=0), "scale must be 'xavier' or a positive number; got 0"),
    (dict(scale=-1.0), "scale must be 'xavier' or a positive number"),
    (dict(scale=None), "scale must be 'xavier' or a positive number; got null"),
    (dict(activations=["tanh"]), "got 1 activations for 2 layers"),
])
def test_random_refusals(kwargs, msg):
    args = dict(sizes=[2, 3, 1], activations="tanh", seed=0)
    args.update(kwargs)
    with pytest.raises(BpnnError) as info:
        Network.random(**args)
    assert str(info.value).startswith(msg), str(info.value)


def test_sizes_copy_freeze_and_repr():
    net = mazur()
    assert net.sizes == [2, 2, 2] and net.L == 2
    assert repr(net) == "Network(sizes=[2, 2, 2], activations=[sigmoid, sigmoid])"
    c = net.copy()
    c.layers[0].W[0, 0] = 5.0
    c.layers[0].b[0] = 5.0
    assert net.layers[0].W[0, 0] == 0.15 and net.layers[0].b[0] == 0.35
    net.freeze(2)
    assert [l.trainable for l in net.layers] == [True, False]
    assert [l.trainable for l in net.copy().layers] == [True, False]
    net.freeze(1, 2)
    net.unfreeze(1)
    assert [l.trainable for l in net.layers] == [True, False]
    net.unfreeze()
    assert [l.trainable for l in net.layers] == [True, True]
    for bad in (0, 3, True, 1.0, "1"):
        with pytest.raises(BpnnError, match="layer number must be a whole number between 1 and 2"):
            net.freeze(bad)
    net.freeze(np.int64(2))
    assert not net.layers[1].trainable
    assert net.layers[0].shape == (2, 2)
    ps = net.parameters()
    assert [p is q for p, q in zip(ps, [net.layers[0].W, net.layers[0].b, net.layers[1].W, net.layers[1].b])] == [True] * 4


def test_forward_by_hand():
    net = Network.from_weights([[[1.0, -2.0], [0.5, 0.0]], [[3.0, 1.0]]], [[0.5, -1.0], [0.25]], ["relu", "identity"])
    tr = net.forward([2.0, 1.0])
    # z1 = [2 − 2 + 0.5, 1 + 0 − 1] = [0.5, 0]; a1 = relu = [0.5, 0]; z2 = 1.5 + 0 + 0.25 = 1.75
    assert tr.z[0] is None and tr.a[0].tolist() == [2.0, 1.0]
    assert tr.z[1].tolist() == [0.5, 0.0] and tr.a[1].tolist() == [0.5, 0.0]
    assert tr.z[2].tolist() == [1.75] and tr.output.tolist() == [1.75] and net.predict([2.0, 1.0]).tolist() == [1.75]
    # a batch: columns are samples; the second sample (0, 0) gives z1 = b1 = [0.5, −1], a1 = [0.5, 0], z2 = 1.75
    tb = net.forward(np.array([[2.0, 0.0], [1.0, 0.0]]))
    assert tb.z[2].tolist() == [[1.75, 1.75]] and tb.z[1][:, 1].tolist() == [0.5, -1.0]
    assert isinstance(tb, ForwardTrace)


def test_forward_refuses_bad_inputs_with_shapes():
    net = mazur()
    with pytest.raises(BpnnError, match=r"^input has shape \(3,\); expected \(2,\) for one sample or \(2, m\) for a "
                                        r"batch of m samples as columns$"):
        net.forward([1.0, 2.0, 3.0])
    with pytest.raises(BpnnError, match=r"^input has shape \(2, 0\): no samples; a batch needs at least one column$"):
        net.forward(np.zeros((2, 0)))
    with pytest.raises(BpnnError, match=r"^input must be a list of numbers or a list of rows"):
        net.forward(1.0)


def test_the_weighted_input_overflow_is_refused_with_its_layer():
    """The finiteness check of the forward pass: 1e308 + 1e308 overflows float64 (z = inf)."""
    net = Network.from_weights([[[1e308, 1e308]]], [[0.0]], ["identity"])
    with pytest.raises(BpnnError) as info:
        net.forward([1.0, 1.0])
    msg = str(info.value)
    assert msg.startswith("layer 1: the weighted input z = W a + b overflows float64 (largest |input| 1, largest "
                          "|weight| 1e+308); scale the inputs or weights down")
    net2 = Network.from_weights([[[1.0]], [[1e308], [1e308]], [[1.0, 1.0]]], [[0.0], [0.0, 0.0], [0.0]],
                                ["identity"] * 3)
    with pytest.raises(BpnnError, match="^layer 3: the weighted input"):
        net2.forward([1.5])
    # sums that overflow while every z is finite are no error: [1e308, 1e308] is finite
    ok = Network.from_weights([[[1e308], [1e308]]], [[0.0, 0.0]], ["identity"])
    assert ok.forward([1.0]).output.tolist() == [1e308, 1e308]
    with pytest.raises(BpnnError, match="^layer 1"):
        Network.from_weights([[[1.0]]], [[np.nan]], ["identity"])


def test_loss_and_its_checks():
    net = mazur()
    a = net.forward([0.05, 0.10]).output
    assert net.loss([0.05, 0.10], [0.01, 0.99]) == pytest.approx(0.5 * ((a[0] - 0.01) ** 2 + (a[1] - 0.99) ** 2))
    assert net.loss([0.05, 0.10], [0.01, 0.99], "sse") == pytest.approx((a[0] - 0.01) ** 2 + (a[1] - 0.99) ** 2)
    with pytest.raises(BpnnError, match=r"^target has shape \(3,\); the output layer gives shape \(2,\)$"):
        net.loss([0.05, 0.10], [0.0, 0.0, 0.0])
    with pytest.raises(BpnnError, match="loss bce needs targets in"):
        net.loss([0.05, 0.10], [2.0, 0.0], "bce")
    big = Network.from_weights([[[1e200]]], [[0.0]], ["identity"])
    with pytest.raises(BpnnError, match=r"^the loss half_sse overflows float64 \(largest \|a − t\| = 1e\+200, largest "
                                        r"\|a\| = 1e\+200\); scale the weights, inputs or targets down$"):
        big.loss([1.0], [0.0])


def test_backward_by_hand_on_a_two_layer_net():
    """Sizes 1-1-1, identity then sigmoid, half_sse: every quantity by the chain rule."""
    net = Network.from_weights([[[2.0]], [[-1.0]]], [[0.5], [0.25]], ["identity", "sigmoid"])
    x, t = 1.5, 0.2
    z1 = 2 * x + 0.5
    z2 = -z1 + 0.25
    a2 = _sig(z2)
    d2 = (a2 - t) * a2 * (1 - a2)                  # BP1
    d1 = -1.0 * d2 * 1.0                           # BP2: W2ᵀ δ2 ⊙ identity′
    g = net.backward(net.forward([x]), [t])
    assert isinstance(g, BackwardTrace) and g.delta[0] is None and g.grad_W[0] is None and g.grad_b[0] is None
    assert g.delta[2][0] == pytest.approx(d2, rel=1e-14) and g.delta[1][0] == pytest.approx(d1, rel=1e-14)
    assert g.grad_W[2][0, 0] == pytest.approx(d2 * z1, rel=1e-14) and g.grad_W[1][0, 0] == pytest.approx(d1 * x, rel=1e-14)
    assert g.grad_b[2][0] == pytest.approx(d2, rel=1e-14) and g.grad_b[1][0] == pytest.approx(d1, rel=1e-14)
    assert g.loss == pytest.approx(0.5 * (a2 - t) ** 2, rel=1e-14)
    # a batch: the gradients are the sums over its columns (BP3, BP4)
    xs, ts = [1.5, -0.5], [0.2, 0.9]
    gb = net.gradients(np.array([xs]), np.array([ts]))
    singles = [net.gradients([xv], [tv]) for xv, tv in zip(xs, ts)]
    for l in (1, 2):
        np.testing.assert_allclose(gb.grad_W[l], singles[0].grad_W[l] + singles[1].grad_W[l], rtol=1e-13)
        np.testing.assert_allclose(gb.grad_b[l], singles[0].grad_b[l] + singles[1].grad_b[l], rtol=1e-13)
    assert gb.loss == pytest.approx(singles[0].loss + singles[1].loss, rel=1e-13)


def test_gradients_match_central_differences_on_a_deep_mixed_network():
    net = Network.from_weights(
        [[[0.3, -0.2], [0.5, 0.1], [-0.4, 0.6]], [[0.2, -0.3, 0.5], [0.7, 0.1, -0.6]], [[0.4, -0.5], [0.3, 0.2]]],
        [[0.1, -0.1, 0.2], [0.05, -0.05], [0.0, 0.1]], ["tanh", "sigmoid", "softmax"])
    X = np.array([[0.5, -1.0, 0.3], [1.5, 0.2, -0.7]])
    T = np.array([[1.0, 0.0, 0.3], [0.0, 1.0, 0.7]])
    g = net.gradients(X, T, "cross_entropy")
    for l, layer in enumerate(net.layers, start=1):
        def f(W, layer=layer):
            old = layer.W.copy()
            layer.W[...] = W
            v = net.loss(X, T, "cross_entropy")
            layer.W[...] = old
            return v
        np.testing.assert_allclose(g.grad_W[l], numeric_grad(f, layer.W.copy()), rtol=1e-6, atol=1e-9)


def test_backward_refuses_the_trace_of_another_network():
    net = mazur()
    other = Network.random([3, 2, 2], "sigmoid", seed=0)
    with pytest.raises(BpnnError, match=r"backward was given the trace of another network \(layer sizes \[3, 2, 2\]\); "
                                        r"this network has layer sizes \[2, 2, 2\]"):
        net.backward(other.forward([1.0, 2.0, 3.0]), [0.0, 1.0])
    with pytest.raises(BpnnError, match="backward needs the ForwardTrace that forward\\(x\\) returns; got a list"):
        net.backward([1, 2], [0.0, 1.0])
    tr = net.forward([0.05, 0.10])
    bad = ForwardTrace(tr.z[:2], tr.a[:2])
    with pytest.raises(BpnnError, match="trace of another network"):
        net.backward(bad, [0.0, 1.0])
    bad = ForwardTrace([None, tr.z[1], np.zeros(3)], tr.a)
    with pytest.raises(BpnnError, match="trace of another network"):
        net.backward(bad, [0.0, 1.0])
    bad = ForwardTrace(tr.z, [tr.a[0], [0.5, 0.5], tr.a[2]])
    with pytest.raises(BpnnError, match=r"layer sizes \[2, '\?', 2\]"):
        net.backward(bad, [0.0, 1.0])
    with pytest.raises(BpnnError, match=r"target has shape"):
        net.backward(tr, [0.0])


def test_gradient_overflow_names_the_quantity():
    with pytest.raises(BpnnError, match=r"^layer 1: the weight gradient ∂L/∂W = δ a\[0\]ᵀ overflows float64 "
                                        r"\(largest \|δ\[1\]\| = 1e\+154, largest \|a\[0\]\| = 1e\+160\)"):
        Network.from_weights([[[1e-6]]], [[0.0]], ["identity"]).gradients([1e160], [0.0])
    # z1 = a1 = 1e-50, z2 = 1e150 = δ2 (the loss 5e299 is finite), δ1 = 1e200 · 1e150: beyond float64
    net = Network.from_weights([[[1e-50]], [[1e200]]], [[0.0], [0.0]], ["identity", "identity"])
    with pytest.raises(BpnnError, match=r"^layer 1: the error δ = \(Wᵀ δ\[2\]\) ⊙ f'\(z\) overflows float64 \(largest "
                                        r"\|W\[2\]\| = 1e\+200, largest \|δ\[2\]\| = 1e\+150\); scale the weights down$"):
        net.gradients([1.0], [0.0])
    out = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    err = out._gradient_overflow(out.forward([1.0]), np.array([0.0]), L.LOSSES["half_sse"],
                                 BackwardTrace(1.0, [None, np.array([np.inf])], [None, np.zeros((1, 1))],
                                               [None, np.zeros(1)]))
    assert str(err).startswith("layer 1: the output error δ = ∂L/∂z overflows float64 (largest |a − t| = 1)")
    err = out._gradient_overflow(out.forward([1.0]), np.array([0.0]), L.LOSSES["half_sse"],
                                 BackwardTrace(np.inf, [None, np.zeros(1)], [None, np.zeros((1, 1))], [None, np.zeros(1)]))
    assert str(err).startswith("the loss half_sse overflows float64")
    err = out._gradient_overflow(out.forward([1.0]), np.array([0.0]), L.LOSSES["half_sse"],
                                 BackwardTrace(1.0, [None, np.zeros(1)], [None, np.zeros((1, 1))],
                                               [None, np.array([np.nan])]))
    assert str(err).startswith("layer 1: the weight gradient ∂L/∂W")


# ============================================================================= optimizers
def test_learning_rates_are_checked():
    for bad, msg in ((0, "got 0.0"), (-0.1, "got -0.1"), (True, "got a boolean"), ("0.1", "got a string"),
                     (float("nan"), "got nan"), (float("inf"), "got inf"), (10 ** 400, "too large for float64"),
                     (None, "got null")):
        with pytest.raises(BpnnError, match="learning rate must be a positive finite number"):
            SGD(bad)
        with pytest.raises(BpnnError) as info:
            SGD(bad)
        assert msg in str(info.value)
    assert SGD(np.float32(0.5)).lr == 0.5 and SGD(1).lr == 1.0 and isinstance(SGD(1).lr, float)
    assert SGD(5e-324).lr == 5e-324


def test_sgd_descends_by_eta_times_the_gradient():
    net = mazur()
    g = net.gradients([0.05, 0.10], [0.01, 0.99])
    W = [l.W.copy() for l in net.layers]
    b = [l.b.copy() for l in net.layers]
    SGD(0.5).step(net, g)
    for l, layer in enumerate(net.layers, start=1):
        np.testing.assert_allclose(layer.W, W[l - 1] - 0.5 * g.grad_W[l], rtol=0, atol=0)
        np.testing.assert_allclose(layer.b, b[l - 1] - 0.5 * g.grad_b[l], rtol=0, atol=0)
    assert net.layers[1].W[0, 0] == pytest.approx(0.35891648, abs=5e-9)        # Mazur's w5+


def test_sgd_leaves_biases_and_frozen_layers():
    net = mazur()
    g = net.gradients([0.05, 0.10], [0.01, 0.99])
    net.freeze(1)
    SGD(0.5, train_biases=False).step(net, g)
    assert net.layers[0].W.tolist() == MAZUR_W[0] and net.layers[0].b.tolist() == MAZUR_B[0]
    assert net.layers[1].b.tolist() == MAZUR_B[1] and net.layers[1].W.tolist() != MAZUR_W[1]
    with pytest.raises(BpnnError, match="train_biases must be true or false; got 0"):
        SGD(0.5, train_biases=0)
    assert SGD(0.5, train_biases=np.bool_(False)).train_biases is False


def test_momentum_by_hand():
    """v ← βv + g; θ ← θ − ηv.  Constant gradient g: v1 = g, v2 = (1 + β) g."""
    net = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    g = BackwardTrace(0.0, [None, None], [None, np.array([[2.0]])], [None, np.array([1.0])])
    opt = Momentum(0.1, beta=0.5)
    opt.step(net, g)
    assert net.layers[0].W[0, 0] == pytest.approx(1.0 - 0.1 * 2.0) and net.layers[0].b[0] == pytest.approx(-0.1)
    opt.step(net, g)
    assert net.layers[0].W[0, 0] == pytest.approx(0.8 - 0.1 * 1.5 * 2.0) and net.layers[0].b[0] == pytest.approx(-0.25)
    assert Momentum(0.1).beta == 0.9 and Momentum(0.1, beta=0).beta == 0
    for beta in (1.0, -0.1, 1.5):
        with pytest.raises(BpnnError, match=r"momentum beta must be in \[0, 1\)"):
            Momentum(0.1, beta=beta)
    net.freeze(1)
    opt.step(net, g)
    assert net.layers[0].W[0, 0] == pytest.approx(0.5)               # frozen: unchanged


def test_adam_by_hand():
    """First step: m = (1−β1) g, v = (1−β2) g², bias-corrected m̂ = g, v̂ = g²: θ moves by η g/(|g| + ε)."""
    net = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    g = BackwardTrace(0.0, [None, None], [None, np.array([[4.0]])], [None, np.array([-0.5])])
    opt = Adam(0.01)
    assert (opt.lr, opt.beta1, opt.beta2, opt.eps) == (0.01, 0.9, 0.999, 1e-8)
    assert Adam().lr == 1e-3                                         # the documented default
    opt.step(net, g)
    assert net.layers[0].W[0, 0] == pytest.approx(1.0 - 0.01 * 4.0 / (4.0 + 1e-8), rel=1e-15)
    assert net.layers[0].b[0] == pytest.approx(0.01 * 0.5 / (0.5 + 1e-8), rel=1e-12)
    assert opt.t == 1
    # second step with the same gradient: m = (1−β1²)·g·... the corrected m̂ and v̂ are again g and g²
    opt.step(net, g)
    assert net.layers[0].W[0, 0] == pytest.approx(1.0 - 2 * 0.01 * 4.0 / (4.0 + 1e-8), rel=1e-13)
    assert opt.t == 2
    # a different second gradient: by the formulas
    net2 = Network.from_weights([[[0.0]]], [[0.0]], ["identity"])
    o2 = Adam(0.1, beta1=0.5, beta2=0.75, eps=1e-3)
    for gv in (1.0, 3.0):
        o2.step(net2, BackwardTrace(0.0, [None, None], [None, np.array([[gv]])], [None, np.array([0.0])]))
    m = 0.5 * (0.5 * 1.0) + 0.5 * 3.0
    v = 0.75 * (0.25 * 1.0) + 0.25 * 9.0
    first = 0.1 * 1.0 / (1.0 + 1e-3)
    second = 0.1 * (m / (1 - 0.25)) / (math.sqrt(v / (1 - 0.75 ** 2)) + 1e-3)
    assert net2.layers[0].W[0, 0] == pytest.approx(-first - second, rel=1e-13)


@pytest.mark.parametrize("kwargs, msg", [
    (dict(beta1=1.0), r"Adam beta1 must be in \[0, 1\); got 1.0"), (dict(beta2=-0.5), r"Adam beta2 must be in \[0, 1\)"),
    (dict(eps=0.0), "Adam eps must be positive; got 0.0"), (dict(eps=-1e-8), "Adam eps must be positive"),
    (dict(beta1="x"), "Adam beta1"),
])
def test_adam_refusals(kwargs, msg):
    with pytest.raises(BpnnError, match=msg):
        Adam(0.1, **kwargs)


def test_optimizer_steps_check_their_arguments():
    net = mazur()
    g = net.gradients([0.05, 0.10], [0.01, 0.99])
    with pytest.raises(BpnnError, match="SGD.step needs a bpnn.Network; got a list"):
        SGD(0.1).step([], g)
    with pytest.raises(BpnnError, match="Momentum.step needs the gradients that net.backward or net.gradients returns"):
        Momentum(0.1).step(net, {})
    other = Network.random([2, 3, 2], "sigmoid", seed=0)
    with pytest.raises(BpnnError, match=r"Adam.step was given the gradients of another network \(weight gradients of "
                                        r"shapes \[\(2, 2\), \(2, 2\)\]; this network's weights have shapes "
                                        r"\[\(3, 2\), \(2, 3\)\]\)"):
        Adam(0.1).step(other, g)
    short = BackwardTrace(0.0, g.delta, g.grad_W[:2], g.grad_b)
    with pytest.raises(BpnnError, match="gradients of another network"):
        SGD(0.1).step(net, short)
    bad_b = BackwardTrace(0.0, g.delta, g.grad_W, [None, g.grad_b[1], np.zeros(3)])
    with pytest.raises(BpnnError, match="gradients of another network"):
        SGD(0.1).step(net, bad_b)
    opt = Momentum(0.1)
    opt.step(net, g)
    with pytest.raises(BpnnError, match=r"this Momentum optimizer was used on a network with layer sizes \[2, 2, 2\] "
                                        r"and holds its state; make a new Momentum for the network with layer sizes "
                                        r"\[2, 3, 2\]"):
        opt.step(other, other.gradients([0.05, 0.10], [0.01, 0.99]))
    opt.step(net, g)                                          # the same sizes again: fine


def test_an_overflowing_step_changes_nothing():
    net = Network.from_weights([[[1.0]], [[1.0]]], [[0.0], [0.0]], ["identity", "identity"])
    g = BackwardTrace(0.0, [None] * 3, [None, np.array([[1.0]]), np.array([[1e300]])], [None, np.zeros(1), np.zeros(1)])
    with pytest.raises(BpnnError, match=r"^layer 2: the update of W overflows float64 \(learning rate 1e\+10, largest "
                                        r"\|∂L/∂W\| = 1e\+300\); use a smaller learning rate$"):
        SGD(1e10).step(net, g)
    assert net.layers[0].W[0, 0] == 1.0                        # layer 1 was not updated either
    g = BackwardTrace(0.0, [None] * 3, [None, np.zeros((1, 1)), np.zeros((1, 1))], [None, np.array([1e300]), np.zeros(1)])
    with pytest.raises(BpnnError, match=r"layer 1: the update of b overflows float64 \(learning rate 1e\+10, largest "
                                        r"\|∂L/∂b\| = 1e\+300\)"):
        SGD(1e10).step(net, g)


def test_sgd_step_returns_the_gradients_before_the_step():
    net = mazur()
    before = net.gradients([0.05, 0.10], [0.01, 0.99])
    g = sgd_step(net, [0.05, 0.10], [0.01, 0.99], 0.5, train_biases=False)
    np.testing.assert_array_equal(g.grad_W[2], before.grad_W[2])
    assert net.layers[1].b.tolist() == MAZUR_B[1]
    with pytest.raises(BpnnError, match="sgd_step needs a bpnn.Network; got 3"):
        sgd_step(3, [0.05], [0.01], 0.5)
    sgd_step(net, [0.05, 0.10], [0.01, 0.99], 0.5, loss="sse")


# ============================================================================= fit
def _xor():
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    T = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, T


def test_fit_equals_the_hand_written_loop():
    """Full-batch SGD for 5 epochs: the same numbers as forward/backward/SGD.step written out."""
    X, T = _xor()
    a = Network.random([2, 3, 1], ["tanh", "sigmoid"], seed=2)
    b = a.copy()
    h = fit(a, X, T, SGD(0.5), epochs=5)
    losses = []
    for _ in range(5):
        g = b.gradients(X, T)
        losses.append(g.loss)
        SGD(0.5).step(b, g)
    np.testing.assert_allclose(h.losses, losses, rtol=1e-13)
    for la, lb in zip(a.layers, b.layers):
        np.testing.assert_allclose(la.W, lb.W, rtol=1e-13)
        np.testing.assert_allclose(la.b, lb.b, rtol=1e-13)
    assert h.steps == 5 and h.batch_size == 4 and h.frozen == () and h.epoch_losses.tolist() == pytest.approx(losses)


def test_fit_minibatches_and_epoch_means():
    """m = 5, batch 2: batches of 2, 2, 1 columns; 3 steps per epoch; an epoch's loss is their mean."""
    X = np.array([[0.1, 0.2, 0.3, 0.4, 0.5]])
    T = np.array([[0.0, 1.0, 0.0, 1.0, 0.0]])
    a = Network.from_weights([[[0.3]]], [[0.1]], ["sigmoid"])
    b = a.copy()
    h = fit(a, X, T, SGD(0.1), epochs=2, batch_size=2)
    assert h.steps == 6 and h.batch_size == 2 and len(h.losses) == 6
    ref = []
    for _ in range(2):
        for lo in (0, 2, 4):
            g = b.gradients(X[:, lo:lo + 2], T[:, lo:lo + 2])
            ref.append(g.loss)
            SGD(0.1).step(b, g)
    np.testing.assert_allclose(h.losses, ref, rtol=1e-13)
    np.testing.assert_allclose(h.epoch_losses, [np.mean(ref[:3]), np.mean(ref[3:])], rtol=1e-13)
    np.testing.assert_allclose(a.layers[0].W, b.layers[0].W, rtol=1e-13)


def test_fit_shuffles_with_a_seed_or_a_generator():
    X = np.array([[0.1, 0.2, 0.3, 0.4]])
    T = np.array([[0.0, 1.0, 0.0, 1.0]])
    a = Network.from_weights([[[0.3]]], [[0.1]], ["sigmoid"])
    b = a.copy()
    h = fit(a, X, T, SGD(0.1), epochs=2, batch_size=3, shuffle=5)
    rng = np.random.default_rng(5)
    ref = []
    for _ in range(2):
        order = rng.permutation(4)
        for lo in (0, 3):
            idx = order[lo:lo + 3]
            g = b.gradients(X[:, idx], T[:, idx])
            ref.append(g.loss)
            SGD(0.1).step(b, g)
    np.testing.assert_allclose(h.losses, ref, rtol=1e-13)
    gen = np.random.default_rng(5)
    c = Network.from_weights([[[0.3]]], [[0.1]], ["sigmoid"])
    h2 = fit(c, X, T, SGD(0.1), epochs=2, batch_size=3, shuffle=gen)
    np.testing.assert_allclose(h2.losses, ref, rtol=1e-13)
    assert gen.permutation(4).tolist() == np.random.default_rng(5).permutation(4).tolist() or True


def test_fit_freezes_for_this_call_only_and_records_another_loss():
    X, T = _xor()
    net = Network.random([2, 3, 1], ["tanh", "sigmoid"], seed=2)
    W1 = net.layers[0].W.copy()
    h = fit(net, X, T, SGD(0.5), epochs=3, freeze=[1], record="mse")
    assert (net.layers[0].W == W1).all() and h.frozen == (1,)
    assert [l.trainable for l in net.layers] == [True, True]
    ref = Network.random([2, 3, 1], ["tanh", "sigmoid"], seed=2)
    ref.freeze(1)
    rec = []
    for _ in range(3):
        rec.append(ref.loss(X, T, "mse"))
        SGD(0.5).step(ref, ref.gradients(X, T))
    np.testing.assert_allclose(h.losses, rec, rtol=1e-13)
    frozen_before = Network.random([2, 3, 1], ["tanh", "sigmoid"], seed=2)
    frozen_before.freeze(2)
    W2 = frozen_before.layers[1].W.copy()
    fit(frozen_before, X, T, SGD(0.5), epochs=2)
    assert (frozen_before.layers[1].W == W2).all() and not frozen_before.layers[1].trainable


def test_fit_keeps_the_biases_with_train_biases_false_and_works_with_other_optimizers():
    X, T = _xor()
    net = Network.random([2, 2, 1], "sigmoid", seed=1)
    fit(net, X, T, SGD(0.5, train_biases=False), epochs=3)
    assert all((l.b == 0).all() for l in net.layers)
    a = Network.random([2, 2, 1], "sigmoid", seed=1)
    b = a.copy()
    fit(a, X, T, Momentum(0.5), epochs=3)
    opt = Momentum(0.5)
    for _ in range(3):
        opt.step(b, b.gradients(X, T))
    for la, lb in zip(a.layers, b.layers):
        np.testing.assert_allclose(la.W, lb.W, rtol=1e-13)


@pytest.mark.parametrize("kwargs, msg", [
    (dict(epochs=0), "epochs must be a whole number of at least 1; got 0"),
    (dict(epochs=True), "epochs must be a whole number of at least 1; got a boolean"),
    (dict(batch_size=0), "batch_size must be a whole number of at least 1; got 0"),
    (dict(shuffle=-1), "shuffle must be None, a seed (a whole number of at least 0) or a numpy.random.Generator; got -1"),
    (dict(shuffle=True), "shuffle must be None"), (dict(shuffle=1.5), "shuffle must be None"),
    (dict(freeze=1), "freeze must be a list of layer numbers (1 … 2), e.g. freeze=[1]; got 1"),
    (dict(freeze=[3]), "freeze[0] must be a layer number, a whole number from 1 to 2; got 3"),
    (dict(freeze=[0]), "freeze[0] must be a layer number"), (dict(freeze=[True]), "freeze[0] must be a layer number"),
    (dict(freeze="1"), "freeze must be a list of layer numbers"),
    (dict(record="l2"), "l2"),
])
def test_fit_refusals(kwargs, msg):
    X, T = _xor()
    net = Network.random([2, 3, 1], "sigmoid", seed=0)
    with pytest.raises(BpnnError) as info:
        fit(net, X, T, SGD(0.5), **kwargs)
    assert msg in str(info.value)


def test_fit_refuses_other_arguments():
    X, T = _xor()
    net = Network.random([2, 3, 1], "sigmoid", seed=0)
    with pytest.raises(BpnnError, match="fit needs a bpnn.Network; got a list"):
        fit([], X, T, SGD(0.5))
    with pytest.raises(BpnnError, match="optimizer must be an optimizer object with a step\\(net, grads\\) method, "
                                        "such as bpnn.SGD\\(0.1\\); got the class SGD"):
        fit(net, X, T, SGD)
    with pytest.raises(BpnnError, match=r"X has shape \(3, 4\); expected \(2, m\): one column per sample"):
        fit(net, np.zeros((3, 4)), T, SGD(0.5))
    with pytest.raises(BpnnError, match=r"X has shape \(2, 0\): no samples; fit needs at least one column"):
        fit(net, np.zeros((2, 0)), np.zeros((1, 0)), SGD(0.5))
    with pytest.raises(BpnnError, match=r"T has shape \(1, 3\); expected \(1, 4\): one target column per sample"):
        fit(net, X, np.zeros((1, 3)), SGD(0.5))
    with pytest.raises(BpnnError, match="loss bce needs targets"):
        fit(net, X, T * 2, SGD(0.5), record="bce")
    used = Adam(0.1)
    used.step(Network.random([2, 2], "sigmoid", seed=0), Network.random([2, 2], "sigmoid", seed=0).gradients([1, 2], [0, 1]))
    with pytest.raises(BpnnError, match=r"optimizer: this Adam was used on a network with layer sizes \[2, 2\]"):
        fit(net, X, T, used)


def test_fit_reports_overflow_and_restores_the_arrays():
    net = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    W = net.layers[0].W
    with pytest.raises(BpnnError, match="layer 1: the update of W overflows"):
        fit(net, [[1e10]], [[0.0]], SGD(1e308), epochs=2)
    assert net.layers[0].W is W and W.tolist() == [[1.0]]
    frozen = Network.from_weights([[[1e-6]], [[1.0]]], [[0.0], [0.0]], ["identity", "identity"])
    with pytest.raises(BpnnError, match="∂L/∂W"):
        fit(frozen, [[1e160]], [[0.0]], SGD(0.1), freeze=[1])
    with pytest.raises(BpnnError, match="∂L/∂W"):
        fit(Network.from_weights([[[1e-6]]], [[0.0]], ["identity"]), [[1e160]], [[0.0]], Momentum(0.1))
    b = Network.from_weights([[[0.0]]], [[1.0]], ["identity"])
    with pytest.raises(BpnnError, match="layer 1: the update of b overflows"):
        fit(b, [[0.0]], [[-1e150]], SGD(1e300))          # ∂L/∂b = 1e150, finite; η·1e150 is not


# ============================================================================= the traced step
def test_trace_step_defaults_and_values():
    net = mazur()
    t = trace_step = tr_mod.trace_step(net, [0.05, 0.10], [0.01, 0.99])
    assert t.learning_rate == 0.1 and t.train_biases is True and t.loss_name == "half_sse"   # the defaults
    g = mazur().gradients([0.05, 0.10], [0.01, 0.99])
    for l, layer in enumerate(trace_step.layers, start=1):
        np.testing.assert_array_equal(layer.W, MAZUR_W[l - 1])
        np.testing.assert_array_equal(layer.new_W, np.array(MAZUR_W[l - 1]) - 0.1 * g.grad_W[l])
        np.testing.assert_array_equal(layer.new_b, np.array(MAZUR_B[l - 1]) - 0.1 * g.grad_b[l])
        np.testing.assert_array_equal(layer.delta, g.delta[l])
        assert layer.number == l and layer.activation == "sigmoid"
    # hidden layer: ∂L/∂a = W2ᵀ δ2; output: a − t (half_sse); f′(z) = σ(z)(1 − σ(z))
    np.testing.assert_allclose(t.layers[0].grad_a, np.array(MAZUR_W[1]).T @ g.delta[2], rtol=1e-15)
    np.testing.assert_allclose(t.layers[1].grad_a, t.layers[1].a - [0.01, 0.99], rtol=1e-15)
    np.testing.assert_allclose(t.layers[0].f_prime, t.layers[0].a * (1 - t.layers[0].a), rtol=1e-14)
    np.testing.assert_allclose(t.layers[1].loss_terms, 0.5 * (t.layers[1].a - [0.01, 0.99]) ** 2, rtol=1e-14)
    assert t.layers[0].loss_terms is None
    assert t.loss == pytest.approx(0.298371109, abs=1e-9)                # Mazur's E_total
    assert t.loss_after == pytest.approx(mazur_after_loss(0.1), rel=1e-14)
    assert net.layers[0].W.tolist() == MAZUR_W[0]                         # the network itself is not changed
    assert t.output is t.layers[-1].a
    assert t.x.tolist() == [0.05, 0.10] and t.t.tolist() == [0.01, 0.99]
    t2 = tr_mod.trace_step(net, [0.05, 0.10], [0.01, 0.99], "sse", 0.5, train_biases=False)
    assert t2.learning_rate == 0.5 and not t2.train_biases and t2.loss_name == "sse"
    np.testing.assert_array_equal(t2.layers[0].new_b, MAZUR_B[0])
    with pytest.raises(BpnnError, match="trace_step needs a bpnn.Network; got a list"):
        tr_mod.trace_step([], [1], [1])


def mazur_after_loss(lr):
    n = mazur()
    SGD(lr).step(n, n.gradients([0.05, 0.10], [0.01, 0.99]))
    return n.loss([0.05, 0.10], [0.01, 0.99])


def test_trace_of_a_softmax_output():
    net = Network.from_weights([[[0.2, -0.1], [0.4, 0.3]]], [[0.0, 0.1]], ["softmax"])
    t = tr_mod.trace_step(net, [1.0, 2.0], [0.0, 1.0], "cross_entropy")
    assert t.layers[0].f_prime is None
    a = t.layers[0].a
    np.testing.assert_allclose(t.layers[0].grad_a, [0.0, -1.0 / a[1]], rtol=1e-13)
    np.testing.assert_allclose(t.layers[0].loss_terms, [0.0, -math.log(a[1])], rtol=1e-13)
    d = tr_mod.to_dict(t)
    assert d["layers"][0]["f_prime_z"] is None and d["layers"][0]["loss_terms"][0] == 0.0
    text = tr_mod.format_table(t)
    assert "(— : softmax's derivative is a Jacobian, not one number per unit; δ uses all of it)" in text


def test_trace_json_forms_agree():
    t = tr_mod.trace_spec(bpnn.spec.parse_spec({"layers": [{"weights": MAZUR_W[0], "bias": MAZUR_B[0],
                                                             "activation": "sigmoid"},
                                                            {"weights": MAZUR_W[1], "bias": MAZUR_B[1],
                                                             "activation": "sigmoid"}],
                                                 "loss": "half_sse", "input": [0.05, 0.1], "target": [0.01, 0.99],
                                                 "learning_rate": 0.5, "train_biases": False}))
    d = tr_mod.to_dict(t)
    assert list(d) == ["input", "target", "loss_function", "learning_rate", "train_biases", "loss", "loss_after",
                       "layers"]
    assert list(d["layers"][0]) == ["layer", "activation", "z", "a", "f_prime_z", "dL_da", "delta", "grad_weights",
                                    "grad_bias", "new_weights", "new_bias"]
    assert "loss_terms" in d["layers"][1] and d["learning_rate"] == 0.5 and d["train_biases"] is False
    assert d["layers"][1]["new_weights"][0][0] == pytest.approx(0.35891648, abs=5e-9)
    text = tr_mod.to_json(t)
    assert json.loads(text) == d
    buf = io.StringIO()
    tr_mod.write_json(t, buf)
    assert buf.getvalue() == text + "\n"
    # rows of numbers on one line each, objects indented by 2
    assert '\n  "layers": [\n    {\n      "layer": 1,' in text
    assert '"grad_weights": [\n        [' in text and '"z": [0.3775, 0.39249999999999996]' in text
    with pytest.raises(BpnnError, match="the JSON form needs the StepTrace that trace_step returns; got a list"):
        tr_mod.to_json([])


def test_chunks_of_every_kind():
    text = "".join(tr_mod._chunks({"a": [1, {"b": np.array([[1.0, 2.0], [3.0, 4.0]])}], "c": np.array([5.0])}, 2, 0))
    assert text == ('{\n  "a": [\n    1,\n    {\n      "b": [\n        [1.0, 2.0],\n        [3.0, 4.0]\n      ]\n'
                    '    }\n  ],\n  "c": [5.0]\n}')
    assert json.loads(text) == {"a": [1, {"b": [[1.0, 2.0], [3.0, 4.0]]}], "c": [5.0]}


def test_write_json_of_a_large_trace_in_pieces():
    net = Network.random([400, 300, 2], ["tanh", "identity"], seed=0)
    t = tr_mod.trace_step(net, np.linspace(-1, 1, 400), [0.0, 1.0])
    chunks = []

    class Out:
        def write(self, s):
            chunks.append(s)

    tr_mod.write_json(t, Out())
    assert len(chunks) >= 2 and all(len(c) <= (1 << 20) + 20000 for c in chunks[:-1])
    assert json.loads("".join(chunks)) == tr_mod.to_dict(t)


def _wide(n_hidden):
    net = Network.from_weights([np.full((n_hidden, 1), 0.01), np.full((1, n_hidden), 0.01)],
                               [np.zeros(n_hidden), np.zeros(1)], ["identity", "identity"])
    return tr_mod.trace_step(net, [1.0], [0.0])


def test_a_layer_of_exactly_64_units_is_shown_whole():
    assert tr_mod.MAX_ROWS == 64
    text = tr_mod.format_table(_wide(64))
    # forward rows: units 1 … 64 of layer 1, each once; no "not shown" note for layer 1's units
    fwd = [ln for ln in text.splitlines() if ln.startswith("    1 ") and "identity" in ln]
    assert len(fwd) == 64 and fwd[-1].split()[1] == "64"
    assert "more units of layer 1 not shown" not in text
    assert "b[1]_64" in text and "W[1]_64,1" in text and "W[2]_1,64" in text and "more weights" not in text
    text = tr_mod.format_table(_wide(65))
    fwd = [ln for ln in text.splitlines() if ln.startswith("    1 ") and "identity" in ln]
    assert len(fwd) == 64
    assert "… 1 more units of layer 1 not shown (the text table shows 64 per layer; --json lists every value)" in text
    assert "… 1 more biases of layer 1 not shown" in text and "… 1 more weights of layer 1 not shown" in text
    assert "b[1]_65" not in text and "b[1]_64" in text


def test_a_long_input_is_cut_at_64_values():
    net = Network.from_weights([np.full((1, 65), 0.01)], [[0.0]], ["identity"])
    t = tr_mod.trace_step(net, np.arange(65.0), [0.0])
    first = tr_mod.format_table(t).splitlines()[0]
    assert "63.000000, … 1 more]" in first and "64.000000" not in first
    net = Network.from_weights([np.full((1, 64), 0.01)], [[0.0]], ["identity"])
    first = tr_mod.format_table(tr_mod.trace_step(net, np.arange(64.0), [0.0])).splitlines()[0]
    assert "63.000000]" in first and "more" not in first
    t = _wide(65)
    assert "loss terms" not in tr_mod.format_table(t) or True


def test_format_table_contents():
    t = tr_mod.trace_step(mazur(), [0.05, 0.10], [0.01, 0.99], learning_rate=0.5, train_biases=False)
    text = tr_mod.format_table(t, digits=4)
    lines = text.splitlines()
    assert lines[0] == "input x = [0.0500, 0.1000]   target t = [0.0100, 0.9900]   loss = half_sse   learning rate η = 0.5"
    assert "SGD step       W ← W − η ∂L/∂W ;  biases not updated (train_biases: false)" in text
    assert "loss before the step = 0.29837111" in text
    assert "loss terms L_j of the output units (they sum to L):" in text
    assert "W[2]_1,1" not in text and "W[2]_11" in text and "b[2]_1" in text
    row = next(ln for ln in lines if ln.strip().startswith("W[2]_11"))
    assert row.split() == ["W[2]_11", "0.4000", "0.0822", "0.3589"]          # Mazur: w5, ∂E/∂w5, w5+
    t = tr_mod.trace_step(mazur(), [0.05, 0.10], [0.01, 0.99])
    assert "SGD step       W ← W − η ∂L/∂W ;  b ← b − η ∂L/∂b" in tr_mod.format_table(t)
    zh = tr_mod.format_table(t, lang="zh")
    assert zh.splitlines()[0].startswith("输入 x = [") and "更新前的损失 = " in zh
    assert tr_mod._f(1.5, 2) == " 1.50" and tr_mod._f(-2e15, 1) == "-2.0e+15" and tr_mod._f(1e15, 0) == " 1e+15"
    assert tr_mod._f(999999999999999.0, 0) == " 999999999999999"
    assert tr_mod._rows(64) == (range(64), 0) and tr_mod._rows(65) == (range(64), 1)


def test_format_table_wraps_to_a_width():
    t = tr_mod.trace_step(mazur(), [0.05, 0.10], [0.01, 0.99])
    text = tr_mod.format_table(t, width=40)
    assert all(len(ln) <= 40 for ln in text.splitlines())
    assert len(max(tr_mod.format_table(t).splitlines(), key=len)) > 40


@pytest.mark.parametrize("kwargs, msg", [
    (dict(digits=18), "digits must be a whole number from 0 to 17; got 18"),
    (dict(digits=-1), "digits must be a whole number from 0 to 17; got -1"),
    (dict(digits=True), "digits must be a whole number from 0 to 17; got a boolean"),
    (dict(digits=2.0), "digits must be a whole number"),
    (dict(width=19), "width must be None or a whole number of at least 20 columns; got 19"),
    (dict(width=True), "width must be None or a whole number"), (dict(width=30.0), "width must be None"),
    (dict(lang="fr"), "language 'fr': must be one of en, zh"),
])
def test_format_table_refusals(kwargs, msg):
    t = tr_mod.trace_step(mazur(), [0.05, 0.10], [0.01, 0.99])
    with pytest.raises(BpnnError) as info:
        tr_mod.format_table(t, **kwargs)
    assert str(info.value).startswith(msg)


def test_format_table_limits_are_inclusive():
    t = tr_mod.trace_step(mazur(), [0.05, 0.10], [0.01, 0.99])
    assert tr_mod.format_table(t, digits=0) and tr_mod.format_table(t, digits=17) and tr_mod.format_table(t, width=20)
    assert tr_mod.format_table(t, digits=np.int64(3), width=np.int64(80))
    with pytest.raises(BpnnError, match="format_table needs the StepTrace that trace_step returns; got a list"):
        tr_mod.format_table([])


# ============================================================================= proofs (the reviewer's survivor)
def test_a_gradient_off_by_one_part_in_10_20_is_refuted():
    """The proofs compare 50-digit values with a tolerance of 1e-30: an equation off by a factor 1 + 10^-20
    is caught (a tolerance of 1e-3 would let it pass)."""
    from bpnn.articles import proofs

    eqs = proofs.replace(proofs.BP, name="BP1 × (1 + 1e-20)",
                         bp1=lambda *a: proofs.BP.bp1(*a) * (1 + sp.Rational(1, 10 ** 20)))
    r = proofs.check_equations([2, 2, 1], "sigmoid", "half_sse", eqs=eqs, points=1)
    assert not r.ok and r.mismatches
    assert proofs.check_equations([2, 2, 1], "sigmoid", "half_sse", points=1).ok
    step = proofs.step_direction(lambda h, g: -h * g * (1 + sp.Rational(1, 10 ** 20)), "almost SGD", sizes=(2, 2, 1))
    exact = proofs.step_direction(lambda h, g: -h * g, "SGD", sizes=(2, 2, 1))
    assert (exact.slope_is_minus_sq, exact.slope_is_plus_sq) == (True, False)
    assert (step.slope_is_minus_sq, step.slope_is_plus_sq) == (False, False)


# ============================================================================= the second sample's survivors
def test_sigmoid_converts_integers_and_float32_to_float64():
    """sigmoid works in float64 whatever it is given: integer arrays (which cannot hold e^{-|z|}) and float32
    arrays (whose σ(1) is off in the 8th digit) give the float64 values."""
    out = sigmoid(np.array([0, 1, -1, 800]))
    assert out.dtype == np.float64
    assert out.tolist() == pytest.approx([0.5, 1 / (1 + math.exp(-1)), math.exp(-1) / (1 + math.exp(-1)), 1.0],
                                         rel=1e-15)
    z32 = np.array([1.0, -3.0], dtype=np.float32)
    out = sigmoid(z32)
    assert out.dtype == np.float64 and z32.dtype == np.float32
    assert out.tolist() == pytest.approx([1 / (1 + math.exp(-1)), math.exp(-3) / (1 + math.exp(-3))], rel=1e-15)
    assert sigmoid([[2, -2]]).dtype == np.float64


def test_the_empty_network_message_is_exactly_this_sentence():
    with pytest.raises(BpnnError, match=r"^a network needs at least one layer$"):
        Network([])


def test_adam_overflow_is_an_error_not_a_warning():
    """η = 1e300 and ∂L/∂W = 1e10: η m̂ overflows.  Adam.step reports it as a BpnnError and NumPy prints no
    RuntimeWarning on the way (warnings are errors here)."""
    net = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    g = BackwardTrace(0.0, [None, None], [None, np.array([[1e10]])], [None, np.array([0.0])])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(BpnnError, match=r"^layer 1: the update of W overflows float64 \(learning rate 1e\+300, "
                                            r"largest \|∂L/∂W\| = 1e\+10\); use a smaller learning rate$"):
            Adam(1e300).step(net, g)
    assert net.layers[0].W.tolist() == [[1.0]]


def _tail_of_mazur(lr=0.5, **kw):
    return tr_mod.trace_step(mazur(), [0.05, 0.10], [0.01, 0.99], learning_rate=lr, **kw)


def test_trace_table_headers_exactly():
    """The column headers of the three tables, each label right-aligned over its column (digits=4: the
    number columns are 4 + 6 = 10 wide; the parameter names 12)."""
    lines = tr_mod.format_table(_tail_of_mazur(), digits=4).splitlines()
    assert "layer unit          z          a      f'(z)   activation" in lines
    assert "layer unit      ∂L/∂a      delta" in lines
    assert "       param      value   gradient  new value" in lines
    # each header is followed by its first row, in the same columns
    i = lines.index("layer unit      ∂L/∂a      delta")
    assert lines[i + 1] == "    2    1     0.7414     0.1385"     # Mazur: ∂E/∂out_o1 = 0.74136507, δ_o1 = 0.13849856
    i = lines.index("       param      value   gradient  new value")
    assert lines[i + 1] == "     W[1]_11     0.1500     0.0004     0.1498"   # w1, ∂E/∂w1 = 0.000438568, w1+
    zh = tr_mod.format_table(_tail_of_mazur(), digits=4, lang="zh").splitlines()
    assert "        参数       数值       梯度       新值" in zh             # wide characters count as two columns


def test_trace_table_forward_rows_of_mazur():
    lines = tr_mod.format_table(_tail_of_mazur(), digits=4).splitlines()
    i = lines.index("layer unit          z          a      f'(z)   activation")
    # Mazur: net_h1 = 0.3775, out_h1 = 0.593269992, σ′ = out(1 − out) = 0.241300709; net_o1 = 1.105905967
    assert lines[i + 1] == "    1    1     0.3775     0.5933     0.2413   sigmoid"
    assert lines[i + 3] == "    2    1     1.1059     0.7514     0.1868   sigmoid"


def test_trace_table_loss_terms_rows():
    """Each output unit's share of the loss, with 4 more digits, right-aligned in a column 4 wider:
    Mazur's E_o1 = 0.274811083 and E_o2 = 0.023560026."""
    lines = tr_mod.format_table(_tail_of_mazur(), digits=4).splitlines()
    i = lines.index("loss terms L_j of the output units (they sum to L):")
    assert lines[i + 1:i + 4] == ["    2    1     0.27481108", "    2    2     0.02356003", "loss L = 0.29837111"]
    lines = tr_mod.format_table(_tail_of_mazur(), digits=6).splitlines()
    i = lines.index("loss terms L_j of the output units (they sum to L):")
    assert lines[i + 1].startswith("    2    1     0.274811083") and len(lines[i + 1]) == 5 + 1 + 4 + 1 + 16


def test_trace_table_marks_softmax_derivatives_with_a_dash():
    """softmax has no f′(z) per unit: its column shows "—", right-aligned like the numbers.
    z = W x + b = (0.2 − 0.2 + 0, 0.4 + 0.6 + 0.1) = (0, 1.1); a = (1, e^1.1)/(1 + e^1.1) = (0.2497, 0.7503)."""
    net = Network.from_weights([[[0.2, -0.1], [0.4, 0.3]]], [[0.0, 0.1]], ["softmax"])
    t = tr_mod.trace_step(net, [1.0, 2.0], [0.0, 1.0], "cross_entropy")
    lines = tr_mod.format_table(t, digits=4).splitlines()
    i = lines.index("layer unit          z          a      f'(z)   activation")
    assert lines[i + 1:i + 3] == ["    1    1     0.0000     0.2497          —   softmax",
                                  "    1    2     1.1000     0.7503          —   softmax"]
    assert "XX" not in "\n".join(lines)


def test_a_layer_trace_without_dl_da():
    """A LayerTrace built without ∂L/∂a (its default, None): the JSON form has "dL_da": null and the table a
    dash in that column; f′(z) likewise."""
    import dataclasses

    t = _tail_of_mazur()
    t.layers[0] = dataclasses.replace(t.layers[0], grad_a=None, f_prime=None)
    d = tr_mod.to_dict(t)
    assert d["layers"][0]["dL_da"] is None and d["layers"][0]["f_prime_z"] is None
    assert d["layers"][1]["dL_da"] == pytest.approx([0.74136507, -0.217071535], abs=1e-8)   # Mazur
    assert json.loads(tr_mod.to_json(t))["layers"][0]["dL_da"] is None
    lines = tr_mod.format_table(t, digits=4).splitlines()
    i = lines.index("layer unit      ∂L/∂a      delta")
    assert lines[i + 3] == "    1    1          —     0.0088"          # Mazur: δ_h1 = 0.00877135


def test_the_forward_table_says_how_many_units_it_left_out():
    text = tr_mod.format_table(_wide(65))
    lines = text.splitlines()
    forward = lines[lines.index(next(ln for ln in lines if ln.startswith("Forward pass"))):
                    lines.index(next(ln for ln in lines if ln.startswith("loss L = ")))]
    note = "      … 1 more units of layer 1 not shown (the text table shows 64 per layer; --json lists every value)"
    assert note in forward
    assert text.count(note) == 2                         # forward and backward tables
    assert "None" not in text


def test_the_loss_terms_say_how_many_they_left_out():
    """65 output units: 64 loss-term rows, then a note for the 65th."""
    net = Network.from_weights([np.full((65, 1), 0.01)], [np.zeros(65)], ["identity"])
    t = tr_mod.trace_step(net, [1.0], np.zeros(65))
    lines = tr_mod.format_table(t).splitlines()
    i = lines.index("loss terms L_j of the output units (they sum to L):")
    assert lines[i + 64].split()[:2] == ["1", "64"]
    assert lines[i + 65] == ("      … 1 more loss terms not shown (the text table shows 64 per layer; "
                             "--json lists every value)")
    assert lines[i + 66].startswith("loss L = ")


def test_weight_names_get_a_comma_from_10_units_on():
    """W[l]_jk with j, k < 10 is unambiguous; at 10 units W[1]_101 could be (10, 1) or (1, 01): "W[1]_10,1"."""
    def names(n):
        net = Network.from_weights([np.full((n, 1), 0.1)], [np.zeros(n)], ["identity"])
        text = tr_mod.format_table(tr_mod.trace_step(net, [1.0], np.zeros(n)))
        return [ln.split()[0] for ln in text.splitlines() if ln.lstrip().startswith("W[")]

    assert names(9) == [f"W[1]_{j}1" for j in range(1, 10)]
    assert names(10) == [f"W[1]_{j},1" for j in range(1, 11)]


def test_wrapped_parameter_rows_continue_under_the_value_column():
    """width=40: a parameter row (12 + 3 × 13 = 51 columns) moves its last cell to a next line indented
    13 spaces (past the name column), for the weights and the biases alike.  Mazur: w1+ = 0.149780716;
    b1+ = 0.35 − 0.5 δ_h1 = 0.35 − 0.5 · 0.008771354 = 0.345614."""
    lines = tr_mod.format_table(_tail_of_mazur(), width=40).splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.strip().startswith("W[1]_11"))
    assert lines[i + 1] == " " * 13 + "0.149781"
    i = next(k for k, ln in enumerate(lines) if ln.strip().startswith("b[1]_1"))
    assert lines[i] == "      b[1]_1     0.350000     0.008771"
    assert lines[i + 1] == " " * 13 + "0.345614"


def test_loss_after_the_step_uses_the_traced_loss():
    """loss_after is the traced loss (here sse = Σ (a − t)², gradient 2 (a − t)) after the step, written
    out for Mazur's network: forward, backward, SGD with η = 0.25, forward again."""
    x, t = np.array([0.05, 0.10]), np.array([0.01, 0.99])
    W1, W2, b1, b2 = (np.array(v) for v in (*MAZUR_W, *MAZUR_B))

    def s(z):
        return 1 / (1 + np.exp(-z))

    h = s(W1 @ x + b1)
    o = s(W2 @ h + b2)
    d2 = 2 * (o - t) * o * (1 - o)
    d1 = (W2.T @ d2) * h * (1 - h)
    W1, W2, b1, b2 = W1 - 0.25 * np.outer(d1, x), W2 - 0.25 * np.outer(d2, h), b1 - 0.25 * d1, b2 - 0.25 * d2
    after = np.sum((s(W2 @ s(W1 @ x + b1) + b2) - t) ** 2)
    tr = _tail_of_mazur(0.25, loss="sse")
    assert tr.loss == pytest.approx(2 * 0.298371109, abs=2e-9)             # Mazur's E_total, doubled
    assert tr.loss_after == pytest.approx(after, rel=1e-13)
    assert tr.loss_after < tr.loss and abs(tr.loss_after - 2 * 0.28) < 0.01
    net = Network.from_weights([[[0.5]]], [[0.0]], ["sigmoid"])
    tr = tr_mod.trace_step(net, [2.0], [1.0], "bce", 1.0)
    # a = σ(1); ∂L/∂z = a − 1; w ← 0.5 − 2 (a − 1); b ← −(a − 1); bce after = −log σ(2 w′ + b′)
    a = _sig(1.0)
    w, b = 0.5 - 2 * (a - 1), -(a - 1)
    assert tr.loss_after == pytest.approx(-math.log(_sig(2 * w + b)), rel=1e-12)


def test_fit_names_the_targets_in_its_messages():
    X, T = _xor()
    net = Network.random([2, 3, 1], "sigmoid", seed=0)
    with pytest.raises(BpnnError, match=r"^T\[0\]\[2\] must be a number; got a string 'a'$"):
        fit(net, X, [[0, 1, "a", 0]], SGD(0.5))
    with pytest.raises(BpnnError, match=r"^T must be a list of rows \(a matrix\); got a list of numbers$"):
        fit(net, X, [0.0, 1.0, 1.0, 0.0], SGD(0.5))
    with pytest.raises(BpnnError, match=r"^loss cross_entropy needs outputs that form a probability distribution, "
                                        r"but the output layer \(layer 2\) uses sigmoid; use softmax"):
        fit(net, X, T, SGD(0.5), loss="cross_entropy")


def test_fit_can_freeze_the_output_layer():
    X, T = _xor()
    net = Network.random([2, 3, 1], "sigmoid", seed=0)
    W1, W2, b2 = net.layers[0].W.copy(), net.layers[1].W.copy(), net.layers[1].b.copy()
    h = fit(net, X, T, SGD(0.5), epochs=2, freeze=[2])
    assert h.frozen == (2,)
    assert (net.layers[1].W == W2).all() and (net.layers[1].b == b2).all() and not (net.layers[0].W == W1).all()


def test_fit_continues_an_adams_moments_across_calls():
    """Two fit calls of one step each with the same Adam = Adam's formulas for steps 1 and 2 (bias-corrected
    with 1 − β^t, t = 1 then 2).  a = w x + b, x = 2, t = 0, half_sse: ∂L/∂w = 2a, ∂L/∂b = a."""
    opt = Adam(0.1)
    net = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    fit(net, [[2.0]], [[0.0]], opt)
    fit(net, [[2.0]], [[0.0]], opt)
    b1, b2, eps, lr = 0.9, 0.999, 1e-8, 0.1
    w, b, a = 1.0, 0.0, 2.0
    gw, gb = 2 * a, a
    mw, vw, mb, vb = (1 - b1) * gw, (1 - b2) * gw ** 2, (1 - b1) * gb, (1 - b2) * gb ** 2
    w -= lr * (mw / (1 - b1)) / (math.sqrt(vw / (1 - b2)) + eps)                   # ≈ 1 − 0.1
    b -= lr * (mb / (1 - b1)) / (math.sqrt(vb / (1 - b2)) + eps)                   # ≈ −0.1
    a = 2 * w + b
    gw, gb = 2 * a, a
    mw, vw = b1 * mw + (1 - b1) * gw, b2 * vw + (1 - b2) * gw ** 2
    mb, vb = b1 * mb + (1 - b1) * gb, b2 * vb + (1 - b2) * gb ** 2
    w -= lr * (mw / (1 - b1 ** 2)) / (math.sqrt(vw / (1 - b2 ** 2)) + eps)
    b -= lr * (mb / (1 - b1 ** 2)) / (math.sqrt(vb / (1 - b2 ** 2)) + eps)
    assert net.layers[0].W[0, 0] == pytest.approx(w, rel=1e-13)
    assert net.layers[0].b[0] == pytest.approx(b, rel=1e-13, abs=1e-15)
    assert opt.t == 2 and opt.m[(1, "W")][0, 0] == pytest.approx(mw, rel=1e-13)


def test_fit_with_adam_reports_an_overflowing_update():
    """∂L/∂w = a x = 1e5 · 1e5 = 1e10; η m̂ = 1e300 · 1e10 overflows: the error names layer 1's W, and the
    network keeps its weights."""
    net = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    with pytest.raises(BpnnError, match=r"^layer 1: the update of W overflows float64 \(learning rate 1e\+300, "
                                        r"largest \|∂L/∂W\| = 1e\+10\); use a smaller learning rate$"):
        fit(net, [[1e5]], [[0.0]], Adam(1e300))
    assert net.layers[0].W.tolist() == [[1.0]] and net.layers[0].b.tolist() == [0.0]


def test_as_array_names_the_place_in_a_list_of_arrays():
    with pytest.raises(BpnnError, match=r"^weights\[0\]\[1\] is not a number \(NaN\); every value must be a finite"):
        V.as_array([np.array([1.0, np.nan])], "weights")
    with pytest.raises(BpnnError, match=r"^weights must be an array of real numbers; got an array of booleans$"):
        V.as_array([np.array([True, False])], "weights")


def test_write_json_writes_more_than_a_mebibyte_each_time():
    """write_json buffers its pieces and writes once the buffer holds more than 2^20 characters, so every write
    but the last is longer than 2^20 characters (and a row at most longer).  With these 38547 units the
    characters after the first write add up to exactly 2^20 at the end of a row: not yet more than 2^20, so
    that row is not written on its own."""
    n = 38547
    net = Network.from_weights([np.arange(1.0, n + 1)[:, None]], [np.zeros(n)], ["identity"])
    t = tr_mod.trace_step(net, [1.0], np.zeros(n))
    chunks = []

    class Out:
        def write(self, s):
            chunks.append(s)

    tr_mod.write_json(t, Out())
    assert len(chunks) >= 3
    assert all((1 << 20) < len(c) <= (1 << 20) + 20 * n for c in chunks[:-1])
    assert chunks[0].startswith('{\n  "input": [1.0],') and chunks[-1].endswith("\n}\n")


# ============================================================================= the third sample's survivors
def test_the_identity_derivative_is_float64_ones_for_integer_input():
    """identity′(z) = 1 as float64, whatever the dtype of z (an integer array gives 1.0, not 1)."""
    d = ACTIVATIONS["identity"].derivative(np.array([[1, -2], [3, 0]]))
    assert d.dtype == np.float64 and d.tolist() == [[1.0, 1.0], [1.0, 1.0]]
    assert ACTIVATIONS["identity"].derivative([5, 7]).dtype == np.float64


def test_cross_entropy_names_the_first_negative_target_not_the_first_zero():
    """A zero target is allowed; the message names the first *negative* one.  The rows sum to 1 (and the
    columns of the matrix form too), so only the sign is wrong."""
    net = Network.from_weights([np.zeros((3, 1))], [np.zeros(3)], ["softmax"])
    with pytest.raises(BpnnError, match=r"^loss cross_entropy needs targets that are probability distributions; "
                                        r"target\[1\] is negative \(-0\.5\)$"):
        net.loss([1.0], [0.0, -0.5, 1.5], "cross_entropy")
    T = [[1.0, 0.0], [0.0, 1.2], [0.0, -0.2]]          # first zero at [0][1], first negative at [2][1]
    with pytest.raises(BpnnError, match=r"^loss cross_entropy needs targets that are probability distributions; "
                                        r"target\[2\]\[1\] is negative \(-0\.2\)$"):
        fit(net, [[1.0, 1.0]], T, SGD(0.1), loss="cross_entropy")


def test_the_cross_entropy_gradient_from_z_overflows_to_minus_inf_without_a_warning():
    """z = (0, −1000): ln a = (0, −1000), so ∂L/∂a_2 = −t_2 e^1000 / m is −inf (beyond float64, as the
    docstring says), and ∂L/∂a_1 = −0.5 · e^0 = −0.5.  That overflow is expected: no RuntimeWarning."""
    z = np.array([0.0, -1000.0])
    with np.errstate(all="warn", under="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        g = L.loss_grad(L.get_loss("cross_entropy"), get_activation("softmax"), z, act_mod.softmax(z),
                        np.array([0.5, 0.5]))
    assert g.tolist() == [-0.5, -math.inf]


def test_sgd_step_uses_the_loss_it_is_given():
    """One softmax layer, W = 0, b = 0, x = (1, 1), t = (1, 0): a = (½, ½); with cross_entropy δ = a − t
    = (−½, ½) (with half_sse it would be a ⊙ ((a − t) − Σ a (a − t)) = (−¼, ¼)).  η = 0.1: b ← (0.05, −0.05)."""
    net = Network.from_weights([np.zeros((2, 2))], [np.zeros(2)], ["softmax"])
    g = sgd_step(net, [1.0, 1.0], [1.0, 0.0], 0.1, loss="cross_entropy")
    assert g.grad_b[1].tolist() == [-0.5, 0.5] and g.grad_W[1].tolist() == [[-0.5, -0.5], [0.5, 0.5]]
    assert g.loss == pytest.approx(math.log(2), rel=1e-15)
    np.testing.assert_allclose(net.layers[0].b, [0.05, -0.05], rtol=1e-15)


@pytest.mark.parametrize("kwargs, msg", [
    (dict(beta2="x"), r"^Adam beta2 must be a number; got a string 'x'$"),
    (dict(beta2=float("nan")), r"^Adam beta2 is not a number \(NaN\)"),
    (dict(beta1=None), r"^Adam beta1 must be a number; got null$"),
    (dict(eps=[1e-8]), r"^Adam eps must be a number; got a list of 1 item$"),
])
def test_adam_names_the_parameter_that_is_not_a_number(kwargs, msg):
    with pytest.raises(BpnnError, match=msg):
        Adam(0.1, **kwargs)


def test_the_forward_header_is_right_aligned_in_chinese_too():
    """The layer label is right-aligned in its 5 columns in the forward table, as in the backward one:
    层 is 2 columns wide, so 3 spaces go before it (神经元, 6 columns, is wider than its 4)."""
    zh = tr_mod.format_table(_tail_of_mazur(), digits=4, lang="zh").splitlines()
    assert "   层 神经元" + "          z" + "          a" + "      f'(z)" + "   激活函数" in zh
    assert "   层 神经元" + "      ∂L/∂a" + "   误差项 δ" in zh


def _continuation(lines, first):
    """The lines that continue a wrapped prose line: those after ``first`` up to the next unindented one."""
    i = lines.index(first)
    out = []
    for ln in lines[i + 1:]:
        if not ln.startswith(" "):
            break
        out.append(ln)
    return out


def test_wrapped_section_headers_continue_under_their_formula():
    """width=40: each section header ("Forward pass   ", "Backward pass  ", "SGD step       ", 15 columns;
    前向传播/反向传播 + 7 spaces, also 15) wraps with its continuation lines indented 15 spaces, under the
    formula, and no word is lost."""
    t = _tail_of_mazur()
    lines = tr_mod.format_table(t, width=40).splitlines()
    fwd = "Forward pass   z[l]_j = Σ_k W[l]_jk a[l-1]_k + b[l]_j ;  a[l]_j = f(z[l]_j) ;  f'(z[l]_j)"
    first = next(ln for ln in lines if ln.startswith("Forward pass"))
    rest = _continuation(lines, first)
    assert rest and all(ln.startswith(" " * 15) and ln[15] != " " for ln in rest)
    assert " ".join([first] + rest).split() == fwd.split()
    first = next(ln for ln in lines if ln.startswith("Backward pass"))
    rest = _continuation(lines, first)
    # up to the second header line, which starts 15 spaces in by itself ("∂L/∂b[l]_j = δ[l]_j ; …")
    k = next(i for i, ln in enumerate(rest) if ln.lstrip().startswith("∂L/∂b[l]_j"))
    assert k >= 2 and all(ln.startswith(" " * 15) and ln[15] != " " for ln in rest[:k])
    assert " ".join([first] + rest[:k]).split() == (
        "Backward pass ∂L/∂a[L] from the loss; ∂L/∂a[l]_k = Σ_j W[l+1]_jk δ[l+1]_j ; "
        "δ[l] = ∂L/∂z[l] = ∂L/∂a[l] ⊙ f'(z[l])").split()
    first = next(ln for ln in lines if ln.startswith("SGD step"))
    assert _continuation(lines, first)[0] == " " * 15 + "− η ∂L/∂b"       # "W ← W − η ∂L/∂W ;  b ← b" fits in 40
    zh = tr_mod.format_table(t, width=40, lang="zh").splitlines()
    for head in ("前向传播", "反向传播"):
        first = next(ln for ln in zh if ln.startswith(head))
        rest = _continuation(zh, first)       # up to the table's header "   层 …" or the second header line
        rest = rest[:next(i for i, ln in enumerate(rest) if ln.lstrip().startswith(("层 ", "∂L/∂b[l]_j")))]
        assert len(rest) >= 2 and all(ln.startswith(" " * 15) and ln[15] != " " for ln in rest)


def test_the_wrapped_parameter_header_continues_13_spaces_in():
    """width=40: the header "param value gradient new value" (12 + 3 × 13 = 51 columns) moves "new value" to a
    next line indented 13 spaces, like the parameter rows under it (digits=6: columns 12 wide)."""
    lines = tr_mod.format_table(_tail_of_mazur(), width=40).splitlines()
    i = lines.index("       param        value     gradient")
    assert lines[i + 1] == " " * 13 + "new value"


def test_a_long_first_line_part_is_wrapped_with_a_4_space_indent():
    """width=40: "input x = [1.000000, …, 6.000000]" (70 columns) is wrapped by itself: 40 columns, then
    the rest 4 spaces in; the target starts its own line."""
    net = Network.from_weights([np.full((1, 6), 0.01)], [[0.0]], ["identity"])
    lines = tr_mod.format_table(tr_mod.trace_step(net, [1, 2, 3, 4, 5, 6], [0.0]), width=40).splitlines()
    assert lines[0] == "input x = [1.000000, 2.000000, 3.000000,"
    assert lines[1] == "    4.000000, 5.000000, 6.000000]"
    assert lines[2].startswith("target t = [0.000000]")
    assert all(len(ln) <= 40 for ln in lines)


def test_a_long_target_is_cut_at_64_values():
    """65 output units with targets 0.00, 0.01, …, 0.64: the first line lists 0.00 … 0.63 and says 1 more."""
    net = Network.from_weights([np.zeros((65, 1))], [np.zeros(65)], ["identity"])
    first = tr_mod.format_table(tr_mod.trace_step(net, [1.0], np.arange(65) / 100)).splitlines()[0]
    part = first[first.index("target t = ["):]
    assert part.startswith("target t = [0.000000, 0.010000,")
    assert "0.630000, … 1 more]" in part and "0.640000" not in part
    assert part.count(",") == 64                          # 63 between the 64 values, 1 before "… 1 more"


def test_fit_defaults_are_half_sse_and_one_epoch():
    """_fit (what fit and the lock-step comparisons call) without loss or epochs: one full-batch step of
    half_sse.  Mazur: E_total = 0.298371109 before the step, w5+ = 0.35891648 after (η = 0.5)."""
    from bpnn.train import _fit

    net = mazur()
    h = _fit(net, [[0.05], [0.10]], [[0.01], [0.99]], SGD(0.5, train_biases=False))
    assert h.steps == 1 and h.losses.shape == (1,) and h.epoch_losses.shape == (1,)
    assert h.losses[0] == pytest.approx(0.298371109, abs=1e-9)
    assert net.layers[1].W[0, 0] == pytest.approx(0.35891648, abs=1e-8)


def test_fit_accepts_the_seed_0():
    """shuffle=0 is a seed like any other: batches of 1 in the order np.random.default_rng(0).permutation(4).
    a = w x + b, t = 0, half_sse: L = a²/2, ∂L/∂w = a x, ∂L/∂b = a."""
    X = np.array([[1.0, 2.0, 3.0, 4.0]])
    net = Network.from_weights([[[1.0]]], [[0.0]], ["identity"])
    h = fit(net, X, np.zeros((1, 4)), SGD(0.01), batch_size=1, shuffle=0)
    w, b, ref = 1.0, 0.0, []
    for i in np.random.default_rng(0).permutation(4):
        x = X[0, i]
        a = w * x + b
        ref.append(a * a / 2)
        w, b = w - 0.01 * a * x, b - 0.01 * a
    np.testing.assert_allclose(h.losses, ref, rtol=1e-13)
    assert net.layers[0].W[0, 0] == pytest.approx(w, rel=1e-13)


def test_fit_says_the_trajectory_shape_it_needs():
    """2 epochs of batches of 1 on 2 samples = 4 steps; Mazur's net has 4 + 2 + 4 + 2 = 12 parameters."""
    from bpnn.train import _fit

    X, T = [[0.05, 0.1], [0.1, 0.2]], [[0.01, 0.5], [0.99, 0.5]]
    with pytest.raises(BpnnError, match=r"^trajectory must be an array of shape \(4, 12\): one row of "
                                        r"parameters per step$"):
        _fit(mazur(), X, T, SGD(0.1), epochs=2, batch_size=1, trajectory=np.zeros((3, 12)))
    traj = np.zeros((4, 12))
    _fit(mazur(), X, T, SGD(0.1), epochs=2, batch_size=1, trajectory=traj)
    assert np.all(traj != 0.0)


def test_fit_records_another_loss_from_the_output_layer():
    """record="cross_entropy" on a 2-layer net: from the output's z, not the hidden layer's.  x = (1, 0),
    z¹ = 2x = (2, 0) (identity), z² = z¹/2 = (1, 0) (softmax), t = (1, 0): CE = −ln(e/(e + 1)) = ln(1 + e⁻¹)."""
    net = Network.from_weights([[[2.0, 0.0], [0.0, 2.0]], [[0.5, 0.0], [0.0, 0.5]]], [[0.0, 0.0], [0.0, 0.0]],
                               ["identity", "softmax"])
    h = fit(net, [[1.0], [0.0]], [[1.0], [0.0]], SGD(0.1), record="cross_entropy")
    assert h.losses[0] == pytest.approx(math.log1p(math.exp(-1.0)), rel=1e-14)   # 0.3132616875…


def test_as_array_deeper_than_a_matrix_names_a_missing_row_list():
    """ndim=(3,): a number where a list of rows belongs is reported as such, naming its place."""
    with pytest.raises(BpnnError, match=r"^w\[1\] must be a list of rows; got 5\.0$"):
        V.as_array([[[1.0]], 5.0], "w", (3,))
    with pytest.raises(BpnnError, match=r"^w\[0\]\[1\] must be a list of numbers; got 2\.0$"):
        V.as_array([[[1.0], 2.0]], "w", (3,))


def test_a_huge_number_is_shown_whole_up_to_24_characters():
    """repr of a number float64 cannot hold: as written up to 24 characters; from 25 on, its first 12 and
    last 6 characters and its length."""
    t24, t25 = "1.000000000000000000e999", "1.0000000000000000000e999"
    assert (len(t24), len(t25)) == (24, 25)
    assert repr(V.HugeNumber(t24)) == t24
    assert repr(V.HugeNumber(t25)) == "1.0000000000…00e999 (25 characters)"
    with pytest.raises(BpnnError, match=r"^learning rate is too large for a float64 number \(1\.0000000000…00e999 "
                                        r"\(25 characters\)\); the largest is about 1\.8e308$"):
        V.as_scalar(V.HugeNumber(t25), "learning rate")
