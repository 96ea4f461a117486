"""Claims of the articles' formulas in their sections 3–4 (update rules, chain rule, forward pass, losses,
004's backward pass), each checked against sympy.

The claims are rows (:data:`CLAIMS`); each names its check kind in :mod:`.kinds_derivations`, which
also holds the proofs the kinds run (on a 2-3-2 sigmoid network with symbolic weights, ½ squared error
unless said otherwise) and the checks' words in Chinese.  book/derivations.ipynb and its twin show
those proofs; they read them here.
"""
from __future__ import annotations

from ..i18n import Text
from ..sources import ARTICLES
from .kinds_derivations import (  # noqa: F401 - also what book/derivations.ipynb, its twin and the tests read
    LOSS,
    T,
    X,
    article_002_neuron,
    article_forward,
    article_mse,
    bias_gradient_formula,
    chain_rule,
    chain_rule_check,
    descent_step,
    example_net,
    forward_check,
    forward_formula,
    forward_message,
    grad_b_checks,
    grad_W_checks,
    gradient_direction,
    gradient_summary,
    label,
    mse_check,
    mse_formula,
    neuron_check,
    neuron_formula,
    sgd_engine_error,
    symbols_defined,
    update_rules,
    update_sign,
    weight_gradient_formula,
)
from .registry import Claim, Verdict

PAGE = "derivations"


def _claim(cid, src, line, quote, check, reviewed, section, method, topic):
    return Claim(id=cid, source=ARTICLES[src], line=line, quote=quote, claimed=None, method=method, check=check,
                 reviewed=reviewed, explained_in=f"{PAGE}#{section}", topic=topic)


_SYM = Text("sympy.diff of the loss of a 2-3-2 sigmoid network with symbolic weights, symbolically and at exact points",
            "对权重为符号的 2-3-2 sigmoid 网络，用 sympy.diff 求损失的导数，做符号比较，并在精确点上比较")
_STEP = Text("d/dη of the loss along the step, exactly, on a 2-3-2 sigmoid network; one engine SGD step",
             "在 2-3-2 sigmoid 网络上精确求损失沿这一步的 d/dη；再用引擎走一步 SGD")
_NEURON = Text("unit-by-unit sums vs the formula (sympy); engine forward pass",
               "逐单元求和与公式对照（sympy）；引擎的前向传播")

CLAIMS = [
    _claim("000-L26-update-sign", "000", 26, r"\Delta w_{ij} = \eta \cdot \frac{\partial L}{\partial w_{ij}}",
           update_sign(), Verdict.WRONG_FORMULA, "update-rules", _STEP, "update rule"),
    _claim("000-L30-direction", "000", 30, "通过在梯度方向上进行更新来最小化损失函数", gradient_direction(),
           Verdict.FALSE, "update-rules", _STEP, "statement"),
    _claim("000-L32-gradient-descent", "000", 32, r"w_{ij} = w_{ij} - \eta \cdot \frac{\partial L}{\partial w_{ij}}",
           descent_step(Text("The index order w_ij (from unit i to unit j, line 28) is the transpose of "
                             "the book's W[j, i].",
                             "文章的下标顺序 w_ij（从单元 i 到单元 j，第 28 行）是本书 W[j, i] 的转置。")),
           Verdict.CORRECT, "update-rules", _STEP, "update rule"),
    _claim("001-L26-chain-rule", "001", 26,
           r"\frac{\partial L}{\partial w_{ij}} = \frac{\partial L}{\partial o_{j}} \cdot \frac{\partial o_{j}}{\partial w_{ij}}",
           chain_rule(), Verdict.CORRECT, "chain-rule", _SYM, "chain rule"),
    _claim("002-v1-L116-neuron", "002", 116, r"y = f(w \cdot x + b)", neuron_formula(), Verdict.CORRECT,
           "forward-pass", _NEURON, "forward pass"),
    _claim("002-v2-L507-neuron", "002", 507, r"y = f(w \cdot x + b)", neuron_formula(), Verdict.CORRECT,
           "forward-pass", _NEURON, "forward pass"),
    _claim("003-L38-mse", "003", 38, r"L(y, \hat{y}) = \frac{1}{N} \sum_{i=1}^{N} (y_i - \hat{y}_i)^2",
           mse_formula(), Verdict.CORRECT, "mse-convention",
           Text("expanded and compared with bpnn's mse and half_sse (sympy)",
                "展开后与 bpnn 的 mse 和 half_sse 比较（sympy）"),
           "loss"),
    _claim("003-L48-sgd", "003", 48, r"\theta_{t+1} = \theta_t - \eta \nabla_{\theta} L(y, \hat{y})",
           descent_step(Text("'Stochastic' means the gradient is taken on one sample or a mini-batch; "
                             "the step is the same.",
                             "“随机”是指梯度在一个样本或一个小批量上求得；这一步本身相同。")),
           Verdict.CORRECT, "update-rules", _STEP, "update rule"),
    _claim("004-L32-forward", "004", 32,
           r"\mathbf{O}^{(l)} = \sigma(\mathbf{W}^{(l)}\mathbf{O}^{(l-1)} + \mathbf{b}^{(l)})",
           forward_formula(), Verdict.CORRECT, "forward-pass",
           Text("unit-by-unit sums vs the matrix formula (sympy); engine forward pass",
                "逐单元求和与矩阵公式对照（sympy）；引擎的前向传播"),
           "forward pass"),
    _claim("004-L42-grad-W", "004", 42,
           r"\Delta \mathbf{W}^{(l)} = \frac{\partial \mathcal{L}}{\partial \mathbf{W}^{(l)}} = \mathbf{O}^{(l)}(\mathbf{O}^{(l-1)})^T",
           weight_gradient_formula(), Verdict.WRONG_FORMULA, "backward-004", _SYM, "backward pass"),
    _claim("004-L46-grad-b", "004", 46,
           r"\Delta \mathbf{b}^{(l)} = \frac{\partial \mathcal{L}}{\partial \mathbf{b}^{(l)}} = \mathbf{O}^{(l)}\mathbf{a}^{(l-1)}",
           bias_gradient_formula(), Verdict.WRONG_FORMULA, "backward-004",
           _SYM + Text("; also a 1-1-1 network", "；另加一个 1-1-1 网络"), "backward pass"),
]


# ------------------------------------------------------------------ second reading (issue 13)
#: the symbols article 004 defines before and after its formulas: name -> (line, snippet of that line)
DEFINED_004 = {"O": (35, "$O^{(l)}$表示第$l$层输出"), "W": (35, "$W^{(l)}$表示第$l$层权重矩阵"),
               "b": (35, "$b^{(l)}$表示第$l$层偏置"), "σ": (35, r"$\sigma$表示激活函数"),
               "ΔW": (49, r"$\Delta W^{(l)}$表示第$l$层权重矩阵的梯度"),
               "Δb": (49, r"$\Delta b^{(l)}$表示第$l$层偏置的梯度"), "L": (49, r"$\mathcal{L}$表示损失函数")}

CLAIMS.append(_claim("004-L46-undefined-a", "004", 46, r"\mathbf{a}^{(l-1)}",
                     symbols_defined(r"\mathbf{O}^{(l)}\mathbf{a}^{(l-1)}", DEFINED_004),
                     Verdict.INCONSISTENT, "backward-004",
                     Text("symbols used against those the article defines", "所用的符号与文章定义过的符号对照"),
                     "backward pass"))
