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


def test_identity_test_never_claims_a_non_identity():
    """The polynomial-ring test must stay sound: "zero" for real identities only, "not zero" for
    expressions that vanish at many points, on a hypersurface, or nearly everywhere but not
    identically, and never "zero" for an expression that is nowhere defined."""
    x, y = sp.symbols("x y", real=True)
    zero = proofs.is_identically_zero
    s = 1 / (1 + sp.exp(-x))
    # identities: σ' = σ(1 − σ), σ(x) + σ(−x) = 1, softmax sums to 1 with Jacobian s_i (δ_ij − s_j)
    assert zero(sp.diff(s, x) - s * (1 - s))
    assert zero(1 / (1 + sp.exp(-x)) + 1 / (1 + sp.exp(x)) - 1)
    zs = sp.symbols("z1:4", real=True)
    S = [sp.exp(v) / sum(sp.exp(w) for w in zs) for v in zs]
    assert zero(sum(S) - 1)
    for i in range(3):
        for j in range(3):
            assert zero(sp.diff(S[i], zs[j]) - S[i] * (int(i == j) - S[j])), (i, j)
            assert not zero(sp.diff(S[i], zs[j]) - S[i] * (int(i != j) - S[j])), (i, j)
    # zero at the 21 integers −10 … 10 (and at every point a check might draw there), not identically
    assert not zero(sp.Mul(*[x - k for k in range(-10, 11)]))
    assert not zero(sp.expand(sp.Mul(*[x - sp.Rational(k, 7) for k in range(-14, 15)])))
    # zero only on the hypersurface x = y
    assert not zero(sp.exp(x) - sp.exp(y))
    assert not zero(sp.tanh(x) - sp.tanh(y))
    assert not zero((x - y) * s)
    assert not zero(1 / (1 + sp.exp(-x)) - 1 / (1 + sp.exp(-y)))
    # σ(1 − σ) off by 10⁻⁴⁰ x(x − 1): tiny everywhere, zero at two points
    assert not zero(sp.diff(s, x) - s * (1 - s) + sp.Rational(1, 10**40) * x * (x - 1))
    # an identity the replacement cannot see (cosh stays a function): "no" is allowed, an error is not
    assert zero(sp.tanh(x) ** 2 + 1 / sp.cosh(x) ** 2 - 1) in (True, False)
    # nowhere defined (a denominator that is the zero polynomial): never "zero"
    z1 = (x + 1) ** 2 - x ** 2 - 2 * x - 1
    z2 = (x - 1) ** 2 - x ** 2 + 2 * x - 1
    assert z1 != 0 and z2 != 0
    assert not zero(z1 / z2)
    assert not zero(x / z2 - x / z2 + z1 / z2)
    assert not zero(sp.Float(0.5) * z1 / z2)               # the together path (a float) agrees


def test_ring_form_agrees_with_together_on_right_and_wrong_equations():
    """The ring form decides exactly what sympy.together and an expansion decide, on the
    differences between sympy.diff and the right and the wrong equations of a softmax network."""
    net = proofs.SymbolicNetwork([2, 2, 3], ["tanh", "softmax"])
    x, t = proofs._exact_data(net, 1, "cross_entropy", 0)
    L = net.loss(x, t, "cross_entropy")
    for eqs, expected in ((proofs.BP, True), (proofs.PERTURBATIONS["BP2 without f'(z)"], False)):
        claimed = proofs._bp_builder(eqs)(net, x, t, "cross_entropy")
        diffs = [claimed[p] - sp.diff(L, p) for p in net.parameters()]
        new = proofs._are_zero(diffs, {})
        memo: dict = {}
        atomized = proofs._integral_powers_all([proofs._atomize(e, memo) for e in diffs])
        old = [a == 0 or proofs._together_is_zero(a) for a in atomized]
        assert new == old
        assert all(new) if expected else not all(new)
        if not expected:                                    # the first layer's partials are wrong
            assert not any(new[:6]) and all(new[6:])


def test_mp_evaluation_agrees_with_lambdify():
    """The straight-line mpmath evaluation (evaluate_at) gives lambdify's values to 50 digits,
    node kinds it does not know are handed to lambdify, and a complex value still raises."""
    import mpmath

    u, v = sp.symbols("u v", real=True)
    exprs = [sp.exp(-u) / (1 + sp.exp(-u)) ** 2, sp.log(1 + u ** 2) * sp.tanh(v) - sp.Rational(3, 7),
             sp.Max(0, u - v) * sp.Heaviside(u - v), sp.Piecewise((u, u > v), (v ** 2, True)),
             sp.Float("0.1", 40) * u ** -3 + sp.sqrt(1 + v ** 2), (u * v + 2) ** -2, sp.Integer(2) * v,
             sp.Heaviside(u - v) * v]
    pts = [{u: sp.Rational(3, 7), v: sp.Rational(-2, 5)}, {u: sp.Rational(-9, 7), v: sp.Rational(1, 3)},
           {u: sp.Rational(2, 3), v: sp.Rational(2, 3)}]                     # Heaviside(0) = 1/2
    ours = proofs.evaluate_at(exprs, [u, v], pts)
    with mpmath.workdps(50):
        ref = sp.lambdify([u, v], exprs, modules=["mpmath"], cse=True)
        for pt, row in zip(pts, ours):
            want = ref(*[mpmath.mpf(int(pt[s].p)) / int(pt[s].q) for s in (u, v)])
            assert all(abs(a - b) <= mpmath.mpf(10) ** -45 * (1 + abs(b)) for a, b in zip(row, want))
    with mpmath.workdps(50):
        assert ours[0][6] == mpmath.mpf(-4) / 5 and ours[1][2] == 0     # 2·(−2/5) at 50 digits; relu's 0
    # an integer raised to a negative power: 1/27 to 50 digits (lambdify's code computes 3 ** -3 as a
    # Python float here, 16 digits)
    (third_cubed,), = proofs.evaluate_at([(2 * sp.Heaviside(u) + 1) ** -3], [u], [{u: sp.Rational(1, 2)}])
    with mpmath.workdps(50):
        assert abs(third_cubed - mpmath.mpf(1) / 27) < mpmath.mpf(10) ** -49
    (erf_value,), = proofs.evaluate_at([sp.erf(u)], [u], [{u: sp.Rational(1, 2)}])   # lambdify's node
    with mpmath.workdps(50):
        assert abs(erf_value - mpmath.erf(mpmath.mpf(1) / 2)) < mpmath.mpf(10) ** -45
    with pytest.raises(TypeError):
        proofs.evaluate_at([sp.log(u)], [u], [{u: sp.Rational(-1, 2)}])


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


def test_relu_points_behind_smooth_layers_are_judged_as_exactly():
    """A relu layer after tanh and sigmoid layers: its pre-activations are transcendental at a
    point, judged from 50 digits; the verdict must be the exact comparison's, and at exactly the
    margin (a rational pre-activation |z| = 1/50) the exact one decides."""
    net = proofs.SymbolicNetwork([1, 2, 2, 2], ["tanh", "sigmoid", "relu"])
    x = sp.Matrix([[sp.Rational(3, 5), sp.Rational(-1, 5)]])
    z, _ = net.forward(x)
    verdicts = []
    for margin in (sp.Rational(1, 50), sp.Rational(1, 2)):
        for seed in range(0, 12000, 1000):
            pt = proofs.rational_point(net.parameters(), seed)
            exact = all(abs(v.xreplace(pt)) >= margin for v in z[3])
            verdicts.append(exact)
            assert proofs._relu_safe(net, x, pt, margin) == proofs._relu_safe(net, x, pt, margin, z=z) == exact, seed
    assert True in verdicts and False in verdicts
    one = proofs.SymbolicNetwork([1, 1], "relu")
    w, b = one.parameters()
    at_margin = {w: sp.Rational(1, 10), b: sp.Rational(0)}              # z = w·(1/5) = 1/50 exactly
    assert proofs._relu_safe(one, sp.Matrix([[sp.Rational(1, 5)]]), at_margin)
    assert not proofs._relu_safe(one, sp.Matrix([[sp.Rational(1, 5)]]), {w: sp.Rational(1, 10), b: -sp.Rational(1, 10**45)})


def test_backward_source_names_the_four_equations():
    """The four-equations chapter shows these lines; they must keep their tags (backward runs
    _backward, the pass that bpnn.fit also calls)."""
    assert "self._backward(" in inspect.getsource(Network.backward)
    src = inspect.getsource(Network._backward)
    for tag in ("BP1", "BP2", "BP3", "BP4"):
        assert f"# {tag}" in src, tag
