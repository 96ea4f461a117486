"""The derivation and facts chapters: their checks are real.

Each article formula is checked by a function of :mod:`bpnn.articles.proofs` or
:mod:`bpnn.articles.claims.ch_derivations`.  Here the same functions are fed the right formula
and deliberately wrong versions of it (a factor, a sign, a missing transpose, the wrong
unit, the wrong loss convention), and must accept the first and reject every other.
The references are independent of the formulas: ``sympy.diff`` of a loss written out by
:mod:`bpnn.symbolic`, unit-by-unit sums, and the float engine.
"""
from __future__ import annotations

import re

import pytest
import sympy as sp

from bpnn.articles import proofs
from bpnn.articles.claims import Verdict, claims_for
from bpnn.articles.claims import ch_derivations as D
from bpnn.articles.claims import ch_facts as F


# ----------------------------------------------------------------------------- pinned verdicts
@pytest.mark.parametrize("chapter", ["derivations", "facts"])
def test_every_claim_of_the_chapter_has_its_reviewed_verdict(chapter):
    claims = claims_for(chapter=chapter)
    assert len(claims) >= 10
    for c in claims:
        assert c.evaluate().verdict == c.reviewed, c.id


def test_the_expected_formulas_are_covered():
    where = {(c.article, c.line) for c in claims_for(chapter="derivations")}
    for need in [("000", 26), ("000", 30), ("000", 32), ("001", 26), ("003", 38), ("003", 48), ("004", 32), ("004", 42),
                 ("004", 46)]:
        assert need in where, need


# ----------------------------------------------------------------------------- update rules
@pytest.mark.parametrize("change,kind", [
    (lambda h, g: -h * g, "descent"),        # 000:32, 003:48 — right
    (lambda h, g: h * g, "ascent"),          # 000:26 read as the change — sign flipped
    (lambda h, g: -2 * h * g, "neither"),    # a factor 2
    (lambda h, g: -h * g / 2, "neither"),    # a factor 1/2
    (lambda h, g: -h * g ** 2, "neither"),   # not the gradient
])
def test_step_direction_tells_descent_from_wrong_rules(change, kind):
    r = proofs.step_direction(change)
    assert r.slope_is_minus_sq == (kind == "descent")
    assert r.slope_is_plus_sq == (kind == "ascent")
    assert r.descends == (kind == "descent")
    if kind == "ascent":
        assert r.loss_after > r.loss_before
    if kind == "descent":
        assert r.loss_after < r.loss_before


def test_engine_sgd_step_is_the_descent_rule():
    assert proofs.engine_sgd_agrees() < 1e-12
    assert proofs.engine_sgd_agrees((1, 2, 1), "tanh", "mse", sp.Rational(1, 10), seed=5) < 1e-12


# ----------------------------------------------------------------------------- chain rule (001:26)
def test_chain_rule_right_and_with_the_wrong_unit():
    net = D.example_net()
    right = proofs.compare_gradients(net, D.X, D.T, D.LOSS, proofs.chain_rule_gradients, symbolic=True)
    assert right.ok and right.symbolic
    wrong = proofs.compare_gradients(net, D.X, D.T, D.LOSS,
                                     lambda *a: proofs.chain_rule_gradients(*a, wrong_unit=True), symbolic=True)
    assert not wrong.ok and wrong.mismatches and wrong.symbolic is False


def test_chain_rule_scaled_or_flipped_is_wrong():
    net = D.example_net()
    for factor in (2, -1, sp.Rational(1, 2)):
        r = proofs.compare_gradients(
            net, D.X, D.T, D.LOSS,
            lambda *a, f=factor: {k: f * v for k, v in proofs.chain_rule_gradients(*a).items()})
        assert not r.ok, factor


# ----------------------------------------------------------------------------- MSE (003:38)
def _sum_sq(y, yh, N):
    return sp.Add(*[(y[i] - yh[i]) ** 2 for i in range(N)])


@pytest.mark.parametrize("formula,is_mse,is_half", [
    (D.article_mse, True, False),
    (lambda y, yh, N: _sum_sq(y, yh, N), False, False),                     # no 1/N: sse
    (lambda y, yh, N: _sum_sq(y, yh, N) / 2, False, True),                  # ½ Σ: half_sse
    (lambda y, yh, N: _sum_sq(y, yh, N) / (2 * N), False, False),           # a factor ½ too many
    (lambda y, yh, N: _sum_sq(y, yh, N) / (N + 1), False, False),           # the wrong count
    (lambda y, yh, N: sp.Add(*[(y[i] - yh[i]) for i in range(N)]) ** 2 / N, False, False),  # square of the sum
])
def test_loss_formula_check(formula, is_mse, is_half):
    assert proofs.check_loss_formula(formula, "mse", 3)[0] is is_mse
    assert proofs.check_loss_formula(formula, "half_sse", 3)[0] is is_half


# ----------------------------------------------------------------------------- forward pass (004:32)
@pytest.mark.parametrize("layer,ok", [
    (D.article_forward, True),
    (lambda W, O, b, act: proofs.activation_expr(act, W.T * O + b), False),        # transposed weights
    (lambda W, O, b, act: proofs.activation_expr(act, W * O - b), False),          # sign of the bias
    (lambda W, O, b, act: proofs.activation_expr(act, W * O) + b, False),          # bias after the activation
    (lambda W, O, b, act: proofs.activation_expr(act, 2 * W * O + b), False),      # a factor 2
    (lambda W, O, b, act: W * O + b, False),                                       # no activation
])
def test_forward_formula_check(layer, ok):
    assert proofs.check_forward_formula(layer, (2, 3, 2), "sigmoid")[0] is ok
    assert proofs.check_forward_formula(layer, (3, 3, 3), "tanh")[0] is ok


def test_single_neuron_formula_of_002():
    assert proofs.check_forward_formula(D.article_002_neuron, (3, 1), "sigmoid")[0]
    wrong = lambda W, x, b, act: D.article_002_neuron(W, x, -b, act)  # noqa: E731
    assert not proofs.check_forward_formula(wrong, (3, 1), "sigmoid")[0]


# ----------------------------------------------------------------------------- backward pass (004:42, 004:46)
def test_004_weight_gradient_is_wrong_and_its_correction_right():
    written, right = D.grad_W_checks()
    assert not written.ok and written.symbolic is False and written.mismatches
    assert right.ok and right.symbolic


@pytest.mark.parametrize("perturb", [
    lambda gW: 2 * gW, lambda gW: -gW, lambda gW: gW / 2,
])
def test_perturbed_correct_weight_gradient_is_caught(perturb):
    net = D.example_net()

    def build(net, x, t, loss):
        _, gW, gb = proofs.bp_gradients(net, x, t, loss)
        return proofs.gradient_dict(net, [None] + [perturb(g) for g in gW[1:]], [None] * (net.L + 1))

    r = proofs.compare_gradients(net, D.X, D.T, D.LOSS, build, symbolic=True)
    assert not r.ok and r.symbolic is False


def test_weight_gradient_without_transpose_is_undefined():
    def build(net, x, t, loss):
        d, _, _ = proofs.bp_gradients(net, x, t, loss)
        _, a = net.forward(x)
        return proofs.gradient_dict(net, [None] + [d[l] * a[l - 1] for l in range(1, net.L + 1)], [None] * 3)

    r = proofs.compare_gradients(D.example_net(), D.X, D.T, D.LOSS, build)
    assert r.error is not None and not r.ok


def test_004_bias_gradient_undefined_then_wrong():
    on_232, on_111 = D.grad_b_checks()
    assert on_232.error and "ShapeError" in on_232.error
    assert on_111.error is None and on_111.mismatches and not on_111.ok


def test_formula_that_ignores_the_target_cannot_be_a_gradient():
    """At t = output the loss is at its minimum: every true gradient is 0, 004:42 is not."""
    net = D.example_net()
    pt = proofs.rational_point(net.parameters(), 0)
    z, a = net.forward(D.X)
    t = a[2].xreplace(pt)
    L = net.loss(D.X, t, "half_sse")
    assert all(sp.diff(L, w).xreplace(pt) == 0 for w in net.W[2])
    assert any(abs(v.xreplace(pt).evalf(20)) > 1e-3 for v in a[2] * a[1].T)


# ----------------------------------------------------------------------------- the zero test
def test_is_identically_zero_is_sound_and_useful():
    x, y = sp.symbols("x y", real=True)
    s = 1 / (1 + sp.exp(-x))
    assert proofs.is_identically_zero(sp.diff(s, x) - s * (1 - s))
    assert proofs.is_identically_zero(sp.exp(x) * sp.exp(2 * y) - sp.exp(x + 2 * y))
    assert proofs.is_identically_zero(sp.diff(sp.tanh(x), x) - (1 - sp.tanh(x) ** 2))
    assert not proofs.is_identically_zero(sp.diff(s, x) - 2 * s * (1 - s))
    assert not proofs.is_identically_zero(sp.exp(x) - 1 - x)
    assert not proofs.is_identically_zero(s - sp.Rational(1, 2))


# ----------------------------------------------------------------------------- facts
def test_title_check_compares_titles():
    assert F._check_title("“Learning representations by back-propagating errors” by Rumelhart, Hinton, Williams",
                          "rhw1986")().verdict == Verdict.CORRECT
    assert F._check_title("“Learning Representations by Back-Propagating Errors” by Rumelhart, Hinton, Williams",
                          "rhw1986")().verdict == Verdict.CORRECT
    assert F._check_title(F._RHW_TITLE_Q, "rhw1986")().verdict == Verdict.FALSE
    assert F._check_title("“Backpropagation through time: what it does and how to do it”", None,
                          F.WERBOS_TITLES)().verdict == Verdict.CORRECT
    werbos = F._check_title(F._WERBOS_TITLE_Q, None, F.WERBOS_TITLES)()
    assert werbos.verdict == Verdict.FALSE and F.SOURCES["chauvin1995"].title in werbos.computed


def test_fact_checks_react_to_what_the_sentence_says():
    assert F._check_werbos_first("反向传播神经网络最早由Paul Werbos在1974年提出")().verdict == Verdict.CORRECT
    assert F._check_werbos_first("反向传播神经网络最早由Paul Werbos在1986年提出")().verdict == Verdict.FALSE
    assert F._check_rhw_improved("并在1986年由Rumelhart、Hinton和Williams等人进行了改进")().verdict == Verdict.FALSE
    assert F._check_rhw_improved("并在1986年由Rumelhart、Hinton和Williams等人推广")().verdict == Verdict.CORRECT
    assert F._check_rhw_improved("并在1985年由Rumelhart、Hinton和Williams等人推广")().verdict == Verdict.FALSE
    assert F._check_learning_type("一种无监督学习算法")().verdict == Verdict.FALSE
    assert F._check_learning_type("一种监督学习方法")().verdict == Verdict.CORRECT
    assert F._check_keras("基于TensorFlow或Theano")().verdict == Verdict.FALSE
    assert F._check_keras("基于TensorFlow、JAX或PyTorch")().verdict == Verdict.CORRECT
    assert F._check_book("（Goodfellow、Bengio和Courville著）", "goodfellow2016",
                         ("Goodfellow", "Bengio", "Courville"))().verdict == Verdict.CORRECT
    assert F._check_book("（Goodfellow著）", "goodfellow2016",
                         ("Goodfellow", "Bengio", "Courville"))().verdict == Verdict.FALSE


def test_every_fact_verdict_cites_a_source_or_says_why_not():
    for c in claims_for(chapter="facts"):
        o = c.evaluate()
        if o.verdict == Verdict.NOT_CHECKABLE:
            assert o.detail
        elif c.topic == "structure":        # checked against the article itself: it must say where
            assert re.search(r"lines? \d+", o.detail), c.id
        else:
            assert "Sources:" in o.detail, c.id
