"""The check kinds of the derivations chapter (:mod:`.ch_derivations`) and the proofs they run: the formulas
the articles state in their sections 3–4, each checked against sympy.

Every check runs :mod:`bpnn.articles.proofs` on a small network with symbolic weights (2-3-2,
sigmoid, ½ squared error unless said otherwise): a right formula must agree with
``sympy.diff`` of the loss symbolically and at exact points; a wrong one is shown wrong
by the same comparison (numbers where it and the derivative disagree).

Conventions of the book (the engine's): ``W[l][j, k]`` is the weight *into* unit j of
layer l *from* unit k of layer l−1; the default loss is ``half_sse`` = ½Σ(a − t)²;
every optimizer descends, θ ← θ − η ∂L/∂θ (:mod:`bpnn.optim`).
"""
from __future__ import annotations

import re
from functools import lru_cache

import sympy as sp

from ...symbolic import SymbolicNetwork
from ..i18n import MissingTranslation, Text, check_lang, tr
from ..proofs import (
    activation_expr,
    article_004_grad_b,
    article_004_grad_W,
    chain_rule_gradients,
    check_forward_formula,
    check_loss_formula,
    compare_gradients,
    corrected_004,
    engine_sgd_agrees,
    step_direction,
)
from ..session import shared_result
from .registry import Outcome, Verdict, kind
from .tex import tex_symbols

#: the example every check uses unless it says otherwise
SIZES = (2, 3, 2)
ACT = "sigmoid"
LOSS = "half_sse"
X = sp.Matrix([sp.Rational(1, 2), -1])
T = sp.Matrix([sp.Rational(1, 5), sp.Rational(7, 10)])


def example_net(sizes=SIZES, act=ACT) -> SymbolicNetwork:
    return SymbolicNetwork(sizes, act)


# ------------------------------------------------------------------ the checks' own words, in both languages
#: the labels of the checks below (and of the chapter's control), English -> both languages.  The module's
#: ``T`` is the target vector, so the bilingual text is written ``Text(en, zh)`` here.
LABELS = {t: t for t in [
    Text("∂L/∂o_j · ∂o_j/∂w_ij for every weight", "对每个权重取 ∂L/∂o_j · ∂o_j/∂w_ij"),
    Text("with dL/do_i (the unit the weight comes from) instead", "改用 dL/do_i（权重出发的那个单元）"),
    Text("δ^(l) (O^(l-1))ᵀ and δ^(l)", "δ^(l) (O^(l-1))ᵀ 与 δ^(l)"),
    Text("O^(l) O^(l-1) on 2-3-2", "2-3-2 网络上的 O^(l) O^(l-1)"),
    Text("O^(l) O^(l-1) on 1-1-1", "1-1-1 网络上的 O^(l) O^(l-1)"),
    Text("Δw = +η ∂L/∂w added to w", "把 Δw = +η ∂L/∂w 加到 w 上"),
    Text("w ← w − η ∂L/∂w", "w ← w − η ∂L/∂w"),
]}


def label(text: str, lang: str = "en") -> str:
    """A check's label (``GradientCheck.label``, ``StepCheck.label``) in ``lang``."""
    return tr(LABELS.get(text, text), lang, f"check label {text!r}")


def gradient_summary(check, lang: str = "en") -> str:
    """``check.summary()`` (a :class:`bpnn.articles.proofs.GradientCheck`) in ``lang``, from the same fields."""
    if check_lang(lang) == "en":
        return check.summary()
    name = label(check.label, lang)
    if check.error:
        return f"{name}：公式无定义（{check.error}）"
    s = (f"{name}：{check.n_params} 个偏导数在 {check.n_points} 个精确点上共 {check.n_params * check.n_points} 个值，"
         f"其中 {len(check.mismatches)} 个不一致")
    if check.symbolic is not None:
        s += ("；符号差化简为 0" if check.symbolic else f"；有 {len(check.symbolic_failures)} 个参数的符号差不为 0")
    return s


#: the messages of :func:`bpnn.articles.proofs.check_forward_formula`, read back into Chinese
_FORWARD_ZH = [
    (re.compile(r"every layer equals its unit-by-unit sums; the engine agrees within (\S+)$"),
     "每一层都等于逐单元求和的结果；引擎的输出与之相差不超过 {0}"),
    (re.compile(r"layer (\d+): not defined \((.*)\)$"), "第 {0} 层无定义（{1}）"),
    (re.compile(r"layer (\d+): differs from the unit-by-unit sums$"), "第 {0} 层与逐单元求和的结果不同"),
    (re.compile(r"engine and symbolic forward pass differ by (\S+)$"), "引擎与符号计算的前向传播相差 {0}"),
]


def forward_message(msg: str, lang: str = "en") -> str:
    """A message of ``check_forward_formula`` in ``lang``."""
    if check_lang(lang) == "en":
        return msg
    for pattern, zh in _FORWARD_ZH:
        m = pattern.match(msg)
        if m:
            return zh.format(*m.groups())
    raise MissingTranslation(f"forward-pass message has no Chinese text: {msg[:80]!r}")


def _fwd(msg: str) -> Text:
    return Text(msg, forward_message(msg, "zh"))


def _summ(check) -> Text:
    return Text(check.summary(), gradient_summary(check, "zh"))


# ------------------------------------------------------------------ the checks (cached: the book shows them too;
# shared between the two editions of the chapter within one test run or book build, bpnn.articles.session)
@lru_cache(maxsize=None)
@shared_result          # the English chapter computes it, its Chinese twin reads it
def update_rules():
    """(article 000 line 26 read as the change, the descent rule of 000:32 / 003:48)."""
    article = step_direction(lambda eta, g: eta * g, "Δw = +η ∂L/∂w added to w")
    descent = step_direction(lambda eta, g: -eta * g, "w ← w − η ∂L/∂w")
    return article, descent


@lru_cache(maxsize=None)
def sgd_engine_error() -> float:
    return engine_sgd_agrees()


@lru_cache(maxsize=None)
@shared_result          # the English chapter computes it, its Chinese twin reads it
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
@shared_result          # the English chapter computes it, its Chinese twin reads it
def forward_check():
    return check_forward_formula(article_forward, SIZES, ACT), check_forward_formula(article_forward, (3, 4, 2), "tanh")


@lru_cache(maxsize=None)
def neuron_check():
    return check_forward_formula(article_002_neuron, (3, 1), "sigmoid")


@lru_cache(maxsize=None)
@shared_result          # the English chapter computes it, its Chinese twin reads it
def grad_W_checks():
    """004 line 42 as written, and δ^(l)(O^(l-1))ᵀ, on the 2-3-2 example."""
    net = example_net()
    written = compare_gradients(net, X, T, LOSS, article_004_grad_W, "O^(l) (O^(l-1))ᵀ", symbolic=True)
    right = compare_gradients(net, X, T, LOSS, corrected_004, "δ^(l) (O^(l-1))ᵀ and δ^(l)", symbolic=True)
    return written, right


@lru_cache(maxsize=None)
@shared_result          # the English chapter computes it, its Chinese twin reads it
def grad_b_checks():
    """004 line 46 as written (a^(l-1) read as O^(l-1)): undefined on 2-3-2, wrong on 1-1-1."""
    on_232 = compare_gradients(example_net(), X, T, LOSS, article_004_grad_b, "O^(l) O^(l-1) on 2-3-2")
    net111 = example_net((1, 1, 1))
    on_111 = compare_gradients(net111, sp.Matrix([sp.Rational(1, 2)]), sp.Matrix([sp.Rational(1, 5)]), LOSS,
                               article_004_grad_b, "O^(l) O^(l-1) on 1-1-1", symbolic=True)
    return on_232, on_111


# ------------------------------------------------------------------ the kinds
@kind("update-sign")
def update_sign() -> Outcome:
    """Δw = +η ∂L/∂w read as the change of w: the slope of the loss along that step (exact)."""
    article, descent = update_rules()
    if not (article.slope_is_plus_sq and descent.descends):
        return Outcome(Verdict.CORRECT, Text("adding η ∂L/∂w descends", "加上 η ∂L/∂w 使损失下降"),
                       Text("the check found no sign problem", "检查没有发现符号问题"))
    return Outcome(
        Verdict.WRONG_FORMULA, "Δw = −η ∂L/∂w",
        Text("The article calls Δw the weight update amount, so w_new = w + Δw; adding +η ∂L/∂w climbs the loss "
             f"(slope +Σ(∂L/∂w)² along the step; at the example the loss goes from {article.loss_before:.6f} to "
             f"{article.loss_after:.6f}). The change is Δw = −η ∂L/∂w, as its own line 32 does. The formula is right "
             "only if Δw means the amount subtracted (w ← w − Δw), which the article does not say.",
             "文章把 Δw 称为权重的更新量，于是 w_new = w + Δw；而加上 +η ∂L/∂w 会让损失上升（沿这一步的斜率是 "
             f"+Σ(∂L/∂w)²；在示例网络上，损失从 {article.loss_before:.6f} 升到 {article.loss_after:.6f}）。"
             "权重的改变量应是 Δw = −η ∂L/∂w，正如文章自己第 32 行所写。只有把 Δw 理解为被减去的量"
             "（w ← w − Δw），这个公式才对，而文章并没有这样说明。"),
    )


@kind("gradient-direction")
def gradient_direction() -> Outcome:
    """"Update in the direction of the gradient": the slope of the loss along that step (exact)."""
    article, descent = update_rules()      # article: the step +η ∂L/∂w, i.e. along the gradient
    if article.slope_is_plus_sq and descent.descends:
        return Outcome(
            Verdict.FALSE, Text("against the gradient", "逆着梯度方向"),
            Text("A step in the direction of the gradient increases the loss (slope +Σ(∂L/∂w)² at the example); "
                 "gradient descent minimises it by stepping in the opposite direction, −∂L/∂w, as the formula on "
                 "line 32 does.",
                 "沿梯度方向走一步会使损失增大（在示例网络上斜率为 +Σ(∂L/∂w)²）；梯度下降是朝相反的方向 −∂L/∂w "
                 "走一步，从而使损失减小，第 32 行的公式正是这样做的。"),
        )
    return Outcome(Verdict.CORRECT, Text("along the gradient", "沿梯度方向"),
                   Text("the check found a step along the gradient descending", "检查发现沿梯度方向的一步使损失下降"))


@kind("descent-step")
def descent_step(line_note: Text) -> Outcome:
    """θ ← θ − η ∂L/∂θ: the loss descends along the step, and bpnn.optim.SGD makes the same step; ``line_note``
    ends the detail."""
    article, descent = update_rules()
    err = sgd_engine_error()
    if not descent.descends or err > 1e-12:
        return Outcome(Verdict.WRONG_FORMULA, Text("not a descent step", "不是下降的一步"),
                       Text(f"slope {descent.slope}, engine error {err}", f"斜率 {descent.slope}，引擎误差 {err}"))
    return Outcome(
        Verdict.CORRECT, "θ ← θ − η ∂L/∂θ",
        Text(f"Gradient descent: along the step the loss has slope −Σ(∂L/∂θ)² ≤ 0 (loss {descent.loss_before:.6f} → "
             f"{descent.loss_after:.6f} at the example, η = {descent.eta}); bpnn.optim.SGD makes the same step. "
             f"{line_note}",
             f"这是梯度下降：沿这一步，损失的斜率为 −Σ(∂L/∂θ)² ≤ 0（在示例网络上，η = {descent.eta}，损失 "
             f"{descent.loss_before:.6f} → {descent.loss_after:.6f}）；bpnn.optim.SGD 走的正是这一步。{line_note.zh}"),
    )


@kind("chain-rule")
def chain_rule() -> Outcome:
    """∂L/∂w_ij = ∂L/∂o_j · ∂o_j/∂w_ij for every weight, against sympy.diff of the loss."""
    r = chain_rule_check()
    if not r.ok:
        return Outcome(Verdict.WRONG_FORMULA, Text("differs from sympy.diff", "与 sympy.diff 不一致"), _summ(r))
    return Outcome(
        Verdict.CORRECT, Text("holds for a weight into unit j", "对进入单元 j 的权重成立"),
        Text("True when w_ij is a weight into unit j (it reaches L only through o_j) and ∂L/∂o_j is the total "
             "derivative through every later unit; then ∂o_j/∂w_ij = f'(z_j)·o_i. " + r.summary() + ".",
             "当 w_ij 是进入单元 j 的权重（它只经由 o_j 影响 L），并且 ∂L/∂o_j 是经过其后所有单元的全导数时，"
             "公式成立；这时 ∂o_j/∂w_ij = f'(z_j)·o_i。" + gradient_summary(r, "zh") + "。"),
    )


@kind("mse-formula")
def mse_formula() -> Outcome:
    """The article's loss formula, expanded and compared with bpnn's mse and half_sse (sympy)."""
    same_as_mse, same_as_half, _ = mse_check()
    if not same_as_mse:
        return Outcome(Verdict.WRONG_FORMULA, Text("not the mean squared error", "不是均方误差"),
                       Text("differs from bpnn's mse", "与 bpnn 的 mse 不同"))
    return Outcome(
        Verdict.CORRECT, Text("MSE, mean over N samples", "MSE，对 N 个样本求平均"),
        Text("The mean squared error over N samples with one output each, identical to bpnn's mse. It is not the "
             "book's default half_sse = ½Σ(ŷ − y)²: the two differ by the factor 2/N, so their gradients "
             "(2/N)(ŷ_i − y_i) and ŷ_i − y_i differ by it too, and so does the step a given learning rate makes.",
             "这是 N 个样本（每个样本一个输出）上的均方误差，与 bpnn 的 mse 完全相同。它不是本书默认的 "
             "half_sse = ½Σ(ŷ − y)²：两者相差因子 2/N，因此两者的梯度 (2/N)(ŷ_i − y_i) 与 ŷ_i − y_i 也相差这个因子，"
             "同一个学习率走出的步长同样如此。"),
    )


@kind("forward-formula")
def forward_formula() -> Outcome:
    """O^(l) = σ(W^(l) O^(l-1) + b^(l)) against the unit-by-unit sums and the engine's forward pass."""
    (ok1, msg1), (ok2, msg2) = forward_check()
    if not (ok1 and ok2):
        return Outcome(Verdict.WRONG_FORMULA, Text("not the forward pass", "不是前向传播"),
                       Text(f"{msg1}; {msg2}", f"{forward_message(msg1, 'zh')}；{forward_message(msg2, 'zh')}"))
    return Outcome(
        Verdict.CORRECT, "O^(l) = f(W^(l) O^(l-1) + b^(l))",
        Text("Right with W^(l) of shape (n_l × n_{l-1}) (row j holds the weights into unit j) and σ applied entry "
             "by entry; " + msg1 + " (2-3-2 sigmoid; also 3-4-2 tanh).",
             "当 W^(l) 的形状为 (n_l × n_{l-1})（第 j 行是进入单元 j 的权重）、σ 逐个元素作用时，公式正确；"
             + forward_message(msg1, "zh") + "（2-3-2 sigmoid 网络；3-4-2 tanh 网络也一样）。"),
    )


@kind("neuron-formula")
def neuron_formula() -> Outcome:
    """y = f(w·x + b) for one neuron against the unit-by-unit sum and the engine's forward pass."""
    ok, msg = neuron_check()
    if not ok:
        return Outcome(Verdict.WRONG_FORMULA, Text("not one neuron's output", "不是单个神经元的输出"), _fwd(msg))
    return Outcome(Verdict.CORRECT, "y = f(Σ_k w_k x_k + b)",
                   Text("One neuron (one output unit): the dot product w·x = Σ_k w_k x_k plus the bias, through f; "
                        + msg + ".",
                        "单个神经元（一个输出单元）：点积 w·x = Σ_k w_k x_k 加上偏置，再经过 f；"
                        + forward_message(msg, "zh") + "。"))


@kind("weight-gradient-formula")
def weight_gradient_formula() -> Outcome:
    """004's ∂L/∂W^(l) as written, and with δ^(l), against sympy.diff on the 2-3-2 example."""
    written, right = grad_W_checks()
    if written.ok or not right.ok:
        return Outcome(Verdict.CORRECT, Text("agrees with sympy.diff", "与 sympy.diff 一致"), _summ(written))
    p, _, fv, dv = written.mismatches[0]
    return Outcome(
        Verdict.WRONG_FORMULA, "∂L/∂W^(l) = δ^(l) (O^(l-1))ᵀ",
        Text(f"Missing the error term δ^(l) = ∂L/∂z^(l) in place of O^(l): the written formula does not even depend "
             f"on the target. At the first exact point of the 2-3-2 example it gives {fv:.6f} for ∂L/∂{p}, sympy.diff "
             f"gives {dv:.6f}; {len(written.mismatches)} of {written.n_params * written.n_points} values disagree. "
             f"With δ^(l): {right.summary()}.",
             f"公式在该写误差项 δ^(l) = ∂L/∂z^(l) 的位置写成了 O^(l)：这样写出的公式甚至与目标值无关。在 2-3-2 "
             f"示例网络的第一个精确点上，它给出的 ∂L/∂{p} 是 {fv:.6f}，sympy.diff 给出 {dv:.6f}；"
             f"{written.n_params * written.n_points} 个值中有 {len(written.mismatches)} 个不一致。"
             f"换成 δ^(l) 之后：{gradient_summary(right, 'zh')}。"),
    )


@kind("bias-gradient-formula")
def bias_gradient_formula() -> Outcome:
    """004's ∂L/∂b^(l) as written (a^(l-1) read as O^(l-1)) against sympy.diff, on 2-3-2 and 1-1-1."""
    on_232, on_111 = grad_b_checks()
    if on_232.ok or on_111.ok:
        return Outcome(Verdict.CORRECT, Text("agrees with sympy.diff", "与 sympy.diff 一致"), _summ(on_111))
    p, _, fv, dv = on_111.mismatches[0]
    return Outcome(
        Verdict.WRONG_FORMULA, "∂L/∂b^(l) = δ^(l)",
        Text("The symbol a^(l-1) is never defined in the article; read as O^(l-1), the product of two column vectors "
             f"O^(l) (n_l × 1) and O^(l-1) (n_(l-1) × 1) is not defined unless n_(l-1) = 1 (2-3-2: {on_232.error}). "
             f"Where it is defined (1-1-1 network) it is wrong: {fv:.6f} for ∂L/∂{p} against {dv:.6f} from "
             "sympy.diff. The bias gradient is the error term itself, δ^(l) (summed over a batch).",
             "文章从未定义符号 a^(l-1)；把它读作 O^(l-1)，那么两个列向量 O^(l)（n_l × 1）与 O^(l-1)"
             f"（n_(l-1) × 1）的乘积只有在 n_(l-1) = 1 时才有定义（2-3-2 网络：{on_232.error}）。在有定义的地方"
             f"（1-1-1 网络）它也是错的：它给出的 ∂L/∂{p} 是 {fv:.6f}，sympy.diff 给出 {dv:.6f}。"
             "偏置的梯度就是误差项本身 δ^(l)（对一个小批量则对其中各样本求和）。"),
    )


@kind("symbols-defined")
def symbols_defined(tex: str, definitions: dict) -> Outcome:
    """The symbols of ``tex`` against those the article defines (``definitions``: name -> (line, snippet))."""
    used = tex_symbols(tex)
    missing = [s for s in used if s not in definitions]
    if not missing:
        return Outcome(Verdict.CORRECT, Text("every symbol defined", "每个符号都有定义"), "")
    names, defined = ", ".join(missing), ", ".join(definitions)
    return Outcome(
        Verdict.INCONSISTENT, Text(f"{names}^(l−1) never defined", f"{names}^(l−1) 从未定义"),
        Text(f"Lines {definitions['O'][0]} and {definitions['ΔW'][0]} define {defined}; "
             f"{names}^(l−1) appears only here. Everywhere else the article calls the output of layer "
             "l−1 O^(l−1) (lines 32, 35, 42); if a^(l−1) is that output, the formula is the wrong one checked above, "
             "and if it is something else (the usual name of a layer's activation in other texts), the article never "
             "says so.",
             f"第 {definitions['O'][0]} 行和第 {definitions['ΔW'][0]} 行定义了 {defined}；{names}^(l−1) "
             "只在这里出现。文章在其他地方都把第 l−1 层的输出记作 O^(l−1)（第 32、35、42 行）。如果 a^(l−1) "
             "就是这个输出，公式就是上面检查过的那个错误公式；如果它指别的量（其他教材常用它表示一层的激活值），"
             "文章从未说明。"))
