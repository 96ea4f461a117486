"""bce after a sigmoid and cross_entropy after a softmax, computed from z, against mpmath at 50 digits.

The engine must give the loss, its per-unit terms and ∂L/∂a to a few ulps for every finite z
(|z| = 1, 25, 37, 800 and beyond), whereas ln of a probability that rounds to 1 (from z ≈ 36.7
on) or to 0 would lose every digit; the output error δ = ∂L/∂z = a − t stays within an ulp of
1 of the exact value (it is the fused form, unchanged).  The
references are computed here, independently of bpnn, from the definitions:
L = −[t ln σ(z) + (1 − t) ln(1 − σ(z))], L = −Σ t_j ln softmax(z)_j.
"""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

import bpnn
from bpnn.losses import get_loss, loss_grad, loss_terms, loss_value

DPS = 50   # digits of the references (set locally: other tests keep mpmath's own setting)

ZS = [1.0, -1.0, 25.0, -25.0, 37.0, -37.0, 800.0, -800.0, 1e308, -1e308]


def close(x, ref, ulps=4, scale=0.0):
    """x (a float) is within a few ulps of the exact ref (an mpf); values below float64's range round to 0.

    ``scale``: for a difference σ(z) − t of two numbers near ``scale``, ulps of ``scale`` (the rounding of
    σ(z) itself, which no formula on float64 z and t avoids when t is not 0 or 1).
    """
    ref_f = float(ref)
    if mp.isinf(ref) or abs(ref) > mp.mpf("1.7976931348623157e308"):
        return np.isinf(x) and np.sign(x) == mp.sign(ref)
    return abs(x - ref_f) <= ulps * np.spacing(max(abs(ref_f), scale)) + 1e-307


def sig(z):
    return 1 / (1 + mp.exp(-z))


@mp.workdps(DPS)
def bce_ref(z, t):
    z, t = mp.mpf(z), mp.mpf(t)
    s = sig(z)
    # ln(1 − σ(z)) = ln σ(−z): the same exact number, written so that 50 digits suffice at z = 1e308
    loss = -(t * mp.log(s) + (1 - t) * mp.log(sig(-z)))
    delta = s - t
    grad = -t / s + (1 - t) / sig(-z)
    return loss, delta, grad


@pytest.mark.parametrize("t", [0.0, 1.0, 0.25])
@pytest.mark.parametrize("z", ZS)
def test_bce_from_z_matches_mpmath(z, t):
    net = bpnn.Network.from_weights([[[z]]], [[0.0]], ["sigmoid"])
    loss, delta, grad = bce_ref(z, t)
    if t == 0.25 and abs(z) > 700:
        pytest.skip("the loss is about 0.75·|z| or 0.25·|z|: finite, checked; the gradient is beyond float64")
    g = net.gradients([1.0], [t], "bce")
    scale = t if t not in (0.0, 1.0) else 0.0
    assert close(g.loss, loss), (g.loss, loss)
    # δ = a − t, as every framework computes it: within an ulp of 1 of σ(z) − t, for every z
    assert abs(g.delta[1][0] - float(delta)) <= np.spacing(1.0), (g.delta[1][0], delta)
    assert abs(g.grad_b[1][0] - float(delta)) <= np.spacing(1.0)
    assert close(net.loss([1.0], [t], "bce"), loss)
    tr = bpnn.trace_step(net, [1.0], [t], "bce", 0.1)
    assert close(tr.layers[-1].loss_terms[0], loss)
    ga = tr.layers[-1].grad_a[0]
    if scale:   # (σ(z) − t) / (σ(z) σ(−z)): the cancellation of its numerator, relative
        assert abs(ga - float(grad)) <= 1e-13 * abs(float(grad)), (ga, grad)
    else:
        assert close(ga, grad, ulps=8), (ga, grad)


@pytest.mark.parametrize("z", [800.0, -800.0, 1e308])
def test_bce_far_from_the_target_is_finite_and_right(z):
    net = bpnn.Network.from_weights([[[z]]], [[0.0]], ["sigmoid"])
    t = 0.25
    loss, delta, _ = bce_ref(z, t)
    g = net.gradients([1.0], [t], "bce")
    assert close(g.loss, loss) and abs(g.delta[1][0] - float(delta)) <= np.spacing(1.0)


def test_the_issue_numbers():
    """The two wrong numbers of issue 20: bce at z = 37, t = 0 is 37.0; cross_entropy on logits (800, 0) is 800."""
    assert bpnn.Network.from_weights([[[37.0]]], [[0.0]], ["sigmoid"]).loss([1.0], [0.0], "bce") == 37.0
    soft = bpnn.Network.from_weights([[[800.0], [0.0]]], [[0.0, 0.0]], ["softmax"])
    assert soft.loss([1.0], [0.0, 1.0], "cross_entropy") == 800.0


@mp.workdps(DPS)
def ce_ref(z, t):
    z = [mp.mpf(v) for v in z]
    t = [mp.mpf(v) for v in t]
    zmax = max(z)
    lse = zmax + mp.log(mp.fsum(mp.exp(v - zmax) for v in z))
    log_a = [v - lse for v in z]
    a = [mp.exp(v) for v in log_a]
    loss = -mp.fsum(tj * la for tj, la in zip(t, log_a))
    delta = [aj - tj for aj, tj in zip(a, t)]
    grad = [-tj / aj if tj else mp.mpf(0) for aj, tj in zip(a, t)]
    terms = [-tj * la for tj, la in zip(t, log_a)]
    return loss, delta, grad, terms


CE_CASES = [((z, 0.0), t) for z in ZS for t in ((1.0, 0.0), (0.0, 1.0), (0.5, 0.5))]
CE_CASES += [((37.0, 0.0, -5.0), (0.0, 0.0, 1.0)), ((2.0, 1.0, 0.1), (0.7, 0.2, 0.1)), ((-800.0, 800.0, 799.0), (0.0, 1.0, 0.0))]


@pytest.mark.parametrize("z,t", CE_CASES, ids=[f"{z}-{t}" for z, t in CE_CASES])
def test_cross_entropy_from_z_matches_mpmath(z, t):
    n = len(z)
    # one input of 1 and zero weights: z is the bias
    net = bpnn.Network.from_weights([[[0.0]] * n], [list(z)], ["softmax"])
    loss, delta, grad, terms = ce_ref(z, t)
    g = net.gradients([1.0], list(t), "cross_entropy")
    assert close(g.loss, loss, ulps=6), (g.loss, loss)
    for j in range(n):   # δ = a − t: within an ulp of 1
        assert abs(g.delta[1][j] - float(delta[j])) <= np.spacing(1.0), (j, g.delta[1][j], delta[j])
    act = net.layers[-1].activation
    zz = np.array(z)
    a = act.f(zz)
    tt = np.array(t)
    ce = get_loss("cross_entropy")
    assert close(loss_value(ce, act, zz, a, tt), loss, ulps=6)
    with np.errstate(over="ignore"):
        gr = loss_grad(ce, act, zz, a, tt)
    for j in range(n):
        assert close(gr[j], grad[j], ulps=8), (j, gr[j], grad[j])
        assert close(loss_terms(ce, act, zz, a, tt)[j], terms[j], ulps=6)


def test_a_batch_is_the_mean_of_its_columns():
    """Batches (columns) go through the same forms: the loss of two columns is the mean of their losses."""
    net = bpnn.Network.from_weights([[[1.0], [0.0]]], [[0.0, 0.0]], ["softmax"])
    X = np.array([[800.0, 37.0]])
    T = np.array([[0.0, 1.0], [1.0, 0.0]])
    g = net.gradients(X, T, "cross_entropy")
    ref = (ce_ref((800.0, 0.0), (0.0, 1.0))[0] + ce_ref((37.0, 0.0), (1.0, 0.0))[0]) / 2
    assert close(g.loss, ref)
    sig_net = bpnn.Network.from_weights([[[1.0]]], [[0.0]], ["sigmoid"])
    g = sig_net.gradients(np.array([[37.0, -25.0]]), np.array([[0.0, 1.0]]), "bce")
    assert close(g.loss, (bce_ref(37.0, 0.0)[0] + bce_ref(-25.0, 1.0)[0]) / 2)


def test_fit_records_the_stable_loss():
    net = bpnn.Network.from_weights([[[37.0]]], [[0.0]], ["sigmoid"])
    h = bpnn.fit(net, np.array([[1.0]]), np.array([[0.0]]), bpnn.SGD(1e-300), loss="half_sse", record="bce")
    assert h.losses[0] == 37.0
