"""The four equations of backpropagation against sympy.diff, and the check's power to fail.

The reference is ``sympy.diff`` of a loss written out symbolically by
:mod:`bpnn.symbolic` (it never uses the equations).  The right equations must agree
with it on networks of several depths, widths, activations and losses; every wrong
version (from :data:`bpnn.articles.proofs.PERTURBATIONS` and a few written here) must not.
"""
from __future__ import annotations

import inspect

import pytest
import sympy as sp

from bpnn.articles import proofs
from bpnn.network import Network

CONFIGS = [
    ([1, 1], "identity", "half_sse", 1, True),
    ([2, 3, 2], "sigmoid", "half_sse", 2, True),
    ([2, 3, 2], "tanh", "mse", 2, False),
    ([3, 2, 2], ["relu", "identity"], "sse", 2, False),
    ([2, 2, 2], "sigmoid", "bce", 2, False),
    ([2, 3, 3], ["tanh", "softmax"], "cross_entropy", 2, True),
    ([2, 2, 3], ["sigmoid", "softmax"], "half_sse", 1, False),
    ([1, 2, 2, 1], ["tanh", "relu", "identity"], "half_sse", 2, False),
]


@pytest.mark.parametrize("sizes,acts,loss,m,sym", CONFIGS, ids=lambda v: str(v))
def test_equations_agree_with_sympy_diff(sizes, acts, loss, m, sym):
    r = proofs.check_equations(sizes, acts, loss, m=m, points=2, symbolic=sym)
    assert r.ok, r.summary()
    assert r.n_params == sum(sizes[i] * sizes[i + 1] + sizes[i + 1] for i in range(len(sizes) - 1))
    if sym:
        assert r.symbolic is True


@pytest.mark.parametrize("sizes,acts,loss,m,sym", CONFIGS, ids=lambda v: str(v))
def test_engine_gradients_agree_with_sympy_diff(sizes, acts, loss, m, sym):
    assert proofs.engine_gradient_error(sizes, acts, loss, m=m) < 1e-10


NETS = [([2, 3, 2], "sigmoid", "half_sse"), ([3, 3, 3], "tanh", "half_sse"),
        ([2, 3, 3], ["sigmoid", "softmax"], "cross_entropy")]


@pytest.mark.parametrize("name", list(proofs.PERTURBATIONS))
def test_every_perturbation_is_reported_wrong(name):
    eqs = proofs.PERTURBATIONS[name]
    for sizes, acts, loss in NETS:
        r = proofs.check_equations(sizes, acts, loss, eqs=eqs, m=2, points=1)
        assert not r.ok, f"{name} passed on {sizes} {acts}"


# perturbations written here, independently of bpnn.articles.proofs.PERTURBATIONS
_LOCAL = {
    "BP1 halved": dict(bp1=lambda *a: proofs.BP.bp1(*a) / 2),
    "BP1 with f' squared": dict(bp1=lambda loss, act, z, a, t: proofs.loss_grad_expr(loss, a, t).multiply_elementwise(
        proofs.derivative_expr(act, z).applyfunc(lambda v: v ** 2))),
    "BP2 with + instead of ⊙": dict(bp2=lambda W, d, act, z, a: W.T * d + proofs.derivative_expr(act, z)),
    "BP2 sign flipped": dict(bp2=lambda *a: -proofs.BP.bp2(*a)),
    "BP3 sign flipped": dict(bp3=lambda d: -proofs.BP.bp3(d)),
    "BP3 first sample only": dict(bp3=lambda d: d[:, 0]),
    "BP4 doubled": dict(bp4=lambda d, a: 2 * proofs.BP.bp4(d, a)),
    "BP4 with a squared": dict(bp4=lambda d, a: d * a.applyfunc(lambda v: v ** 2).T),
}


@pytest.mark.parametrize("name", list(_LOCAL))
def test_locally_written_perturbations_are_reported_wrong(name):
    eqs = proofs.replace(proofs.BP, name=name, **_LOCAL[name])
    for sizes, acts, loss in NETS[:2]:
        r = proofs.check_equations(sizes, acts, loss, eqs=eqs, m=2, points=1)
        assert not r.ok, f"{name} passed on {sizes} {acts}"


def test_symbolic_mode_alone_catches_a_wrong_equation():
    eqs = proofs.PERTURBATIONS["BP1 times 2"]
    r = proofs.check_equations([2, 2, 1], "sigmoid", "half_sse", eqs=eqs, points=1, symbolic=True)
    assert r.symbolic is False and r.symbolic_failures
    # compare_gradients does not re-prove what an exact point refuted: the symbolic test on its
    # own must still say "not zero" for every partial of the wrong equations, "zero" for the right
    net = proofs.SymbolicNetwork([2, 2, 1], "sigmoid")
    x, t = proofs._exact_data(net, 1, "half_sse", 0)
    L = net.loss(x, t, "half_sse")
    wrong = proofs._bp_builder(eqs)(net, x, t, "half_sse")
    right = proofs._bp_builder(proofs.BP)(net, x, t, "half_sse")
    for p in net.parameters():
        ref = sp.diff(L, p)
        assert not proofs.is_identically_zero(wrong[p] - ref), p
        assert proofs.is_identically_zero(right[p] - ref), p


def test_identity_test_is_exact_with_fractional_exponents():
    """exp of a sum becomes a product of powers; fractional ones are made integral before the
    polynomial test, so identities between them are still found, and near-identities are not."""
    u, v = sp.symbols("u v", real=True)
    e = sp.exp
    assert proofs.is_identically_zero(e(u / 2) * e(u / 3) - e(5 * u / 6))
    assert proofs.is_identically_zero(1 / (1 + e(-u / 2)) ** 2 - e(u) / (e(u / 2) + 1) ** 2)
    assert proofs.is_identically_zero((e(u / 3) + e(v)) ** 3 - e(u) - 3 * e(2 * u / 3 + v) - 3 * e(u / 3 + 2 * v) - e(3 * v))
    assert not proofs.is_identically_zero(e(u / 2) * e(u / 3) - e(4 * u / 5))
    assert not proofs.is_identically_zero((e(u / 3) + e(v)) ** 3 - e(u) - e(3 * v))
    # a float coefficient leaves the polynomial ring: the expansion decides, soundly
    assert proofs.is_identically_zero(sp.Float(0.5) * u * (u + 1) - sp.Float(0.5) * u ** 2 - sp.Float(0.5) * u)
    assert not proofs.is_identically_zero(sp.Float(0.5) * u * (u + 1) - u ** 2)


def test_fused_softmax_cross_entropy_output_error():
    fused = proofs.replace(proofs.BP, bp1=lambda loss, act, z, a, t: (a - t) / a.shape[1])
    assert proofs.check_equations([2, 3, 3], ["tanh", "softmax"], "cross_entropy", eqs=fused, m=2).ok
    # with a target whose column does not sum to 1, the fused form is no longer the gradient
    t = sp.Matrix([[sp.Rational(1, 2)], [sp.Rational(1, 2)], [sp.Rational(1, 2)]])
    r = proofs.check_equations([2, 3, 3], ["tanh", "softmax"], "cross_entropy", eqs=fused, m=1, t=t)
    assert not r.ok
    assert proofs.check_equations([2, 3, 3], ["tanh", "softmax"], "cross_entropy", m=1, t=t).ok


def test_relu_points_stay_away_from_the_kink():
    net = proofs.SymbolicNetwork([2, 3, 1], ["relu", "identity"])
    x = sp.Matrix([sp.Rational(1, 5), sp.Rational(-2, 5)])
    for seed in range(5):
        pt = proofs.rational_point(net.parameters(), seed)
        safe = proofs._relu_safe(net, x, pt)
        z, _ = net.forward(x)
        assert safe == all(abs(v.xreplace(pt)) >= sp.Rational(1, 50) for v in z[1])


def test_backward_source_names_the_four_equations():
    """The four-equations chapter shows these lines; they must keep their tags (backward runs
    _backward, the pass that bpnn.fit also calls)."""
    assert "self._backward(" in inspect.getsource(Network.backward)
    src = inspect.getsource(Network._backward)
    for tag in ("BP1", "BP2", "BP3", "BP4"):
        assert f"# {tag}" in src, tag
