"""The formulas the articles state in their sections 3–4, each checked against sympy.

Every check runs :mod:`bpnn.articles.proofs` on a small network with symbolic weights (2-3-2,
sigmoid, ½ squared error unless said otherwise): a right formula must agree with
``sympy.diff`` of the loss symbolically and at exact points; a wrong one is shown wrong
by the same comparison (numbers where it and the derivative disagree).

Conventions of the book (the engine's): ``W[l][j, k]`` is the weight *into* unit j of
layer l *from* unit k of layer l−1; the default loss is ``half_sse`` = ½Σ(a − t)²;
every optimizer descends, θ ← θ − η ∂L/∂θ (:mod:`bpnn.optim`).
"""
from __future__ import annotations

from functools import lru_cache

import sympy as sp

from ..sources import ARTICLES
from ..proofs import (
    activation_expr, article_004_grad_b, article_004_grad_W, chain_rule_gradients, check_forward_formula,
    check_loss_formula, compare_gradients, corrected_004, engine_sgd_agrees, step_direction,
)
from ...symbolic import SymbolicNetwork
from .registry import Claim, Outcome, Verdict

PAGE = "derivations"

#: the example every check uses unless it says otherwise
SIZES = (2, 3, 2)
ACT = "sigmoid"
LOSS = "half_sse"
X = sp.Matrix([sp.Rational(1, 2), -1])
T = sp.Matrix([sp.Rational(1, 5), sp.Rational(7, 10)])


def example_net(sizes=SIZES, act=ACT) -> SymbolicNetwork:
    return SymbolicNetwork(sizes, act)


# ------------------------------------------------------------------ the checks (cached: the book shows them too)
@lru_cache(maxsize=None)
def update_rules():
    """(article 000 line 26 read as the change, the descent rule of 000:32 / 003:48)."""
    article = step_direction(lambda eta, g: eta * g, "Δw = +η ∂L/∂w added to w")
    descent = step_direction(lambda eta, g: -eta * g, "w ← w − η ∂L/∂w")
    return article, descent


@lru_cache(maxsize=None)
def sgd_engine_error() -> float:
    return engine_sgd_agrees()


@lru_cache(maxsize=None)
def chain_rule_check():
    return compare_gradients(example_net(), X, T, LOSS, chain_rule_gradients,
                             "∂L/∂o_j · ∂o_j/∂w_ij for every weight", symbolic=True)


def article_mse(y, yhat, N):
    """003 line 38 transcribed: (1/N) Σ_{i=1}^{N} (y_i − ŷ_i)²."""
    return sp.Rational(1, N) * sp.Add(*[(y[i] - yhat[i]) ** 2 for i in range(N)])


@lru_cache(maxsize=None)
def mse_check():
    same_as_mse, _ = check_loss_formula(article_mse, "mse", 3)
    same_as_half, diff_half = check_loss_formula(article_mse, "half_sse", 3)
    return same_as_mse, same_as_half, diff_half


def article_forward(W, O_prev, b, act):
    """004 line 32 transcribed: O^(l) = σ(W^(l) O^(l-1) + b^(l)), σ applied to each entry."""
    return activation_expr(act, W * O_prev + b)


def article_002_neuron(W, x, b, act):
    """002 line 116 transcribed: y = f(w · x + b), the dot product of the weight and input vectors."""
    w = [W[0, k] for k in range(W.shape[1])]
    return activation_expr(act, sp.Matrix([[sp.Add(*[wk * xk for wk, xk in zip(w, x)]) + b[0]]]))


@lru_cache(maxsize=None)
def forward_check():
    return check_forward_formula(article_forward, SIZES, ACT), check_forward_formula(article_forward, (3, 4, 2), "tanh")


@lru_cache(maxsize=None)
def neuron_check():
    return check_forward_formula(article_002_neuron, (3, 1), "sigmoid")


@lru_cache(maxsize=None)
def grad_W_checks():
    """004 line 42 as written, and δ^(l)(O^(l-1))ᵀ, on the 2-3-2 example."""
    net = example_net()
    written = compare_gradients(net, X, T, LOSS, article_004_grad_W, "O^(l) (O^(l-1))ᵀ", symbolic=True)
    right = compare_gradients(net, X, T, LOSS, corrected_004, "δ^(l) (O^(l-1))ᵀ and δ^(l)", symbolic=True)
    return written, right


@lru_cache(maxsize=None)
def grad_b_checks():
    """004 line 46 as written (a^(l-1) read as O^(l-1)): undefined on 2-3-2, wrong on 1-1-1."""
    on_232 = compare_gradients(example_net(), X, T, LOSS, article_004_grad_b, "O^(l) O^(l-1) on 2-3-2")
    net111 = example_net((1, 1, 1))
    on_111 = compare_gradients(net111, sp.Matrix([sp.Rational(1, 2)]), sp.Matrix([sp.Rational(1, 5)]), LOSS,
                               article_004_grad_b, "O^(l) O^(l-1) on 1-1-1", symbolic=True)
    return on_232, on_111


# ------------------------------------------------------------------ outcomes
def _check_000_26() -> Outcome:
    article, descent = update_rules()
    if not (article.slope_is_plus_sq and descent.descends):
        return Outcome(Verdict.CORRECT, "adding η ∂L/∂w descends", "the check found no sign problem")
    return Outcome(
        Verdict.WRONG_FORMULA, "Δw = −η ∂L/∂w",
        "The article calls Δw the weight update amount, so w_new = w + Δw; adding +η ∂L/∂w climbs the loss "
        f"(slope +Σ(∂L/∂w)² along the step; at the example the loss goes from {article.loss_before:.6f} to "
        f"{article.loss_after:.6f}). The change is Δw = −η ∂L/∂w, as its own line 32 does. The formula is right "
        "only if Δw means the amount subtracted (w ← w − Δw), which the article does not say.",
    )


def _check_000_30() -> Outcome:
    article, descent = update_rules()      # article: the step +η ∂L/∂w, i.e. along the gradient
    if article.slope_is_plus_sq and descent.descends:
        return Outcome(
            Verdict.FALSE, "against the gradient",
            "A step in the direction of the gradient increases the loss (slope +Σ(∂L/∂w)² at the example); gradient "
            "descent minimises it by stepping in the opposite direction, −∂L/∂w, as the formula on line 32 does.",
        )
    return Outcome(Verdict.CORRECT, "along the gradient", "the check found a step along the gradient descending")


def _descent_outcome(line_note: str) -> Outcome:
    article, descent = update_rules()
    err = sgd_engine_error()
    if not descent.descends or err > 1e-12:
        return Outcome(Verdict.WRONG_FORMULA, "not a descent step", f"slope {descent.slope}, engine error {err}")
    return Outcome(
        Verdict.CORRECT, "θ ← θ − η ∂L/∂θ",
        f"Gradient descent: along the step the loss has slope −Σ(∂L/∂θ)² ≤ 0 (loss {descent.loss_before:.6f} → "
        f"{descent.loss_after:.6f} at the example, η = {descent.eta}); bpnn.optim.SGD makes the same step. {line_note}",
    )


def _check_001_26() -> Outcome:
    r = chain_rule_check()
    if not r.ok:
        return Outcome(Verdict.WRONG_FORMULA, "differs from sympy.diff", r.summary())
    return Outcome(
        Verdict.CORRECT, "holds for a weight into unit j",
        "True when w_ij is a weight into unit j (it reaches L only through o_j) and ∂L/∂o_j is the total derivative "
        "through every later unit; then ∂o_j/∂w_ij = f'(z_j)·o_i. " + r.summary() + ".",
    )


def _check_003_38() -> Outcome:
    same_as_mse, same_as_half, _ = mse_check()
    if not same_as_mse:
        return Outcome(Verdict.WRONG_FORMULA, "not the mean squared error", "differs from bpnn's mse")
    return Outcome(
        Verdict.CORRECT, "MSE, mean over N samples",
        "The mean squared error over N samples with one output each, identical to bpnn's mse. It is not the "
        "book's default half_sse = ½Σ(ŷ − y)²: the two differ by the factor 2/N, so their gradients "
        "(2/N)(ŷ_i − y_i) and ŷ_i − y_i differ by it too, and so does the step a given learning rate makes.",
    )


def _check_004_32() -> Outcome:
    (ok1, msg1), (ok2, msg2) = forward_check()
    if not (ok1 and ok2):
        return Outcome(Verdict.WRONG_FORMULA, "not the forward pass", f"{msg1}; {msg2}")
    return Outcome(
        Verdict.CORRECT, "O^(l) = f(W^(l) O^(l-1) + b^(l))",
        "Right with W^(l) of shape (n_l × n_{l-1}) (row j holds the weights into unit j) and σ applied entry by "
        "entry; " + msg1 + " (2-3-2 sigmoid; also 3-4-2 tanh).",
    )


def _check_002_116() -> Outcome:
    ok, msg = neuron_check()
    if not ok:
        return Outcome(Verdict.WRONG_FORMULA, "not one neuron's output", msg)
    return Outcome(Verdict.CORRECT, "y = f(Σ_k w_k x_k + b)",
                   "One neuron (one output unit): the dot product w·x = Σ_k w_k x_k plus the bias, through f; " + msg + ".")


def _check_004_42() -> Outcome:
    written, right = grad_W_checks()
    if written.ok or not right.ok:
        return Outcome(Verdict.CORRECT, "agrees with sympy.diff", written.summary())
    p, _, fv, dv = written.mismatches[0]
    return Outcome(
        Verdict.WRONG_FORMULA, "∂L/∂W^(l) = δ^(l) (O^(l-1))ᵀ",
        f"Missing the error term δ^(l) = ∂L/∂z^(l) in place of O^(l): the written formula does not even depend on "
        f"the target. At the first exact point of the 2-3-2 example it gives {fv:.6f} for ∂L/∂{p}, sympy.diff "
        f"gives {dv:.6f}; {len(written.mismatches)} of {written.n_params * written.n_points} values disagree. "
        f"With δ^(l): {right.summary()}.",
    )


def _check_004_46() -> Outcome:
    on_232, on_111 = grad_b_checks()
    if on_232.ok or on_111.ok:
        return Outcome(Verdict.CORRECT, "agrees with sympy.diff", on_111.summary())
    p, _, fv, dv = on_111.mismatches[0]
    return Outcome(
        Verdict.WRONG_FORMULA, "∂L/∂b^(l) = δ^(l)",
        "The symbol a^(l-1) is never defined in the article; read as O^(l-1), the product of two column vectors "
        f"O^(l) (n_l × 1) and O^(l-1) (n_(l-1) × 1) is not defined unless n_(l-1) = 1 (2-3-2: {on_232.error}). "
        f"Where it is defined (1-1-1 network) it is wrong: {fv:.6f} for ∂L/∂{p} against {dv:.6f} from sympy.diff. "
        "The bias gradient is the error term itself, δ^(l) (summed over a batch).",
    )


def _claim(cid, src, line, quote, check, reviewed, label, method, topic):
    return Claim(id=cid, source=ARTICLES[src], line=line, quote=quote, claimed=None, method=method, check=check,
                 reviewed=reviewed, explained_in=f"{PAGE}#{label}", topic=topic)


_SYM = "sympy.diff of the loss of a 2-3-2 sigmoid network with symbolic weights, symbolically and at exact points"
_STEP = "d/dη of the loss along the step, exactly, on a 2-3-2 sigmoid network; one engine SGD step"

CLAIMS = [
    _claim("000-L26-update-sign", "000", 26, r"\Delta w_{ij} = \eta \cdot \frac{\partial L}{\partial w_{ij}}",
           _check_000_26, Verdict.WRONG_FORMULA, "update-rules", _STEP, "update rule"),
    _claim("000-L30-direction", "000", 30, "通过在梯度方向上进行更新来最小化损失函数", _check_000_30,
           Verdict.FALSE, "update-rules", _STEP, "statement"),
    _claim("000-L32-gradient-descent", "000", 32, r"w_{ij} = w_{ij} - \eta \cdot \frac{\partial L}{\partial w_{ij}}",
           lambda: _descent_outcome("The index order w_ij (from unit i to unit j, line 28) is the transpose of the book's W[j, i]."),
           Verdict.CORRECT, "update-rules", _STEP, "update rule"),
    _claim("001-L26-chain-rule", "001", 26,
           r"\frac{\partial L}{\partial w_{ij}} = \frac{\partial L}{\partial o_{j}} \cdot \frac{\partial o_{j}}{\partial w_{ij}}",
           _check_001_26, Verdict.CORRECT, "chain-rule", _SYM, "chain rule"),
    _claim("002-v1-L116-neuron", "002", 116, r"y = f(w \cdot x + b)", _check_002_116, Verdict.CORRECT,
           "forward-pass", "unit-by-unit sums vs the formula (sympy); engine forward pass", "forward pass"),
    _claim("002-v2-L507-neuron", "002", 507, r"y = f(w \cdot x + b)", _check_002_116, Verdict.CORRECT,
           "forward-pass", "unit-by-unit sums vs the formula (sympy); engine forward pass", "forward pass"),
    _claim("003-L38-mse", "003", 38, r"L(y, \hat{y}) = \frac{1}{N} \sum_{i=1}^{N} (y_i - \hat{y}_i)^2",
           _check_003_38, Verdict.CORRECT, "mse-convention", "expanded and compared with bpnn's mse and half_sse (sympy)",
           "loss"),
    _claim("003-L48-sgd", "003", 48, r"\theta_{t+1} = \theta_t - \eta \nabla_{\theta} L(y, \hat{y})",
           lambda: _descent_outcome("'Stochastic' means the gradient is taken on one sample or a mini-batch; the step is the same."),
           Verdict.CORRECT, "update-rules", _STEP, "update rule"),
    _claim("004-L32-forward", "004", 32,
           r"\mathbf{O}^{(l)} = \sigma(\mathbf{W}^{(l)}\mathbf{O}^{(l-1)} + \mathbf{b}^{(l)})",
           _check_004_32, Verdict.CORRECT, "forward-pass", "unit-by-unit sums vs the matrix formula (sympy); engine forward pass",
           "forward pass"),
    _claim("004-L42-grad-W", "004", 42,
           r"\Delta \mathbf{W}^{(l)} = \frac{\partial \mathcal{L}}{\partial \mathbf{W}^{(l)}} = \mathbf{O}^{(l)}(\mathbf{O}^{(l-1)})^T",
           _check_004_42, Verdict.WRONG_FORMULA, "backward-004", _SYM, "backward pass"),
    _claim("004-L46-grad-b", "004", 46,
           r"\Delta \mathbf{b}^{(l)} = \frac{\partial \mathcal{L}}{\partial \mathbf{b}^{(l)}} = \mathbf{O}^{(l)}\mathbf{a}^{(l-1)}",
           _check_004_46, Verdict.WRONG_FORMULA, "backward-004", _SYM + "; also a 1-1-1 network", "backward pass"),
]


# ------------------------------------------------------------------ second reading (issue 13)
#: the symbols article 004 defines before and after its formulas: name -> (line, snippet of that line)
DEFINED_004 = {"O": (35, "$O^{(l)}$表示第$l$层输出"), "W": (35, "$W^{(l)}$表示第$l$层权重矩阵"),
               "b": (35, "$b^{(l)}$表示第$l$层偏置"), "σ": (35, r"$\sigma$表示激活函数"),
               "ΔW": (49, r"$\Delta W^{(l)}$表示第$l$层权重矩阵的梯度"),
               "Δb": (49, r"$\Delta b^{(l)}$表示第$l$层偏置的梯度"), "L": (49, r"$\mathcal{L}$表示损失函数")}


def _check_004_46_symbol() -> Outcome:
    from .tex import tex_symbols

    used = tex_symbols(r"\mathbf{O}^{(l)}\mathbf{a}^{(l-1)}")
    missing = [s for s in used if s not in DEFINED_004]
    if not missing:
        return Outcome(Verdict.CORRECT, "every symbol defined", "")
    return Outcome(
        Verdict.INCONSISTENT, f"{', '.join(missing)}^(l−1) never defined",
        f"Lines {DEFINED_004['O'][0]} and {DEFINED_004['ΔW'][0]} define {', '.join(DEFINED_004)}; "
        f"{', '.join(missing)}^(l−1) appears only here. Everywhere else the article calls the output of layer "
        "l−1 O^(l−1) (lines 32, 35, 42); if a^(l−1) is that output, the formula is the wrong one checked above, "
        "and if it is something else (the usual name of a layer's activation in other texts), the article never "
        "says so.")


CLAIMS.append(_claim("004-L46-undefined-a", "004", 46, r"\mathbf{a}^{(l-1)}", _check_004_46_symbol,
                     Verdict.INCONSISTENT, "backward-004", "symbols used against those the article defines",
                     "backward pass"))
