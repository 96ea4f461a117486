"""Claims of article 002, §4.2 and §4.3: the derivatives of y = f(w·x + b) and the
hand-worked forward and backward pass, in both versions of the article.

How a line's faults are split
-----------------------------
A numeric line of §4.3 reads ``quantity = formula = numbers ≈ stated value``.  It
can go wrong in three places, and each place that is wrong gets a claim of its
own, quoting that part of the line:

* the **formula** (symbols only): not what backpropagation gives for this
  quantity → *wrong formula*.  The right formula is named in the detail and
  evaluated with the article's own numbers (so that only the formula is fixed);
* the **numbers put in**: a number contradicting what an earlier line stated
  for the same quantity, or a parameter the forward pass does not have →
  *inconsistent*; the ``true`` column shows the line with the earlier number;
* the **arithmetic**: the numbers as written do not give the stated value to
  its printed precision → *arithmetic error*, as the audit finds it (:mod:`.audited`).

A line with none of these faults gets one claim: *correct* when its value is
also the true value, *carried* when it is wrong only because a number it uses
is an earlier line's wrong result.  A line with a fault of its own gets no
extra *carried* claim (its detail and its "fed correct numbers" value show the
inherited error).  What "right" means, and the true values, are those of the
network the article's own forward pass computes (:mod:`.example_002`).  The
sigmoid evaluations (v1 lines 151–156 and 164, v2 lines 540–543 and 550) are
registered in :mod:`.ch_sigmoid`; the chapter shows them in its tables.

Every text a reader sees (a claim's method, an outcome's words) is a
``T(english, chinese)`` built from the same computed values in both languages;
the English is what the chapter printed before the Chinese edition.

This module holds the rows: reference, quote, stated value, reviewed verdict,
texts, and the check kind each names with its parameters.  The article's data
and its network are in :mod:`.example_002`, the kinds in :mod:`.kinds` and
:mod:`.kinds_002`, the chapter's other tables in :mod:`bpnn.articles.tables`.
"""
from __future__ import annotations

from ..i18n import T, Text
from ..latexsym import evaluate
from ..sources import ARTICLES
from . import kinds, kinds_002
from .example_002 import (
    FIRST_DL,
    GRADIENT_LINES,
    LAYOUT,
    OUTPUT_PARAMS,
    OUTPUT_UNIT,
    SEC42,
    SETUP_B,
    SETUP_LINES,
    SETUP_W,
    SETUP_X,
    STATED,
    STEP_HEADINGS,
    UNITS,
    UPDATE_LINES,
    computed_layout,
    output_error_name,
    owner,
    stated,
    truth,
    where,
    zline,
)
from .registry import Check, Claim, Verdict

A002 = ARTICLES["002"]
PAGE = "worked-example-002"

#: the chapter's sections: topic -> label of the section that explains its claims
TOPICS = {
    "setup": "we-setup", "forward": "we-forward", "output error": "we-output-error",
    "hidden deltas": "we-hidden-deltas", "gradients": "we-gradients", "updates": "we-updates",
    "derivatives": "we-derivatives", "description": "we-description",
}

# ------------------------------------------------------------------ how each kind of row is checked (``method``)
M_ARITH = T("the audit evaluates the numbers as written and compares them to the printed precision",
            "审计程序按原文的数字计算，并在原文印出的精度上比较")
M_FORMULA = T("compare the formula with backpropagation's symbolically (sympy); evaluate the right one",
              "用 sympy 把公式与反向传播给出的公式做符号比较，并计算正确公式的值")
M_INCONS = T("compare the number used with the one an earlier line states",
             "把这里用的数与前面某一行给出的数比较")
M_PARAM = T("look the parameter up among those the forward pass uses",
            "在前向传播用到的参数中查找这个参数")
M_SETUP = T("compare the shape with the network the article describes in words (line 134, v2 line 525)",
            "把形状与文章用文字描述的网络比较（第 134 行，v2 第 525 行）")
#: a line checked as a formula and as arithmetic
M_FORMULA_ARITH = M_FORMULA + T("; ", "；") + M_ARITH
M_DERIVATIVE = T("differentiate y = f(w·x + b) with sympy (scalar and vector x); compare",
                 "用 sympy 对 y = f(w·x + b) 求导（x 为标量和向量两种情形），再作比较")
DM_SEC42 = T("the §4.2 formulas: derivatives of y or of a loss", "§4.2 的公式：求的是 y 的导数，还是损失函数的导数")
DM_LAYOUT = T("the layout in words against the units the z lines compute",
              "文字描述的网络结构与计算 z 的各行实际算出的神经元对照")
DM_SIGMOID = T("the a lines' formula against the sigmoid (sympy)", "计算 a 的各行所用公式与 sigmoid 函数对照（sympy）")
DM_PARAMS = T("the parameters used against the entries of the setup matrices", "所用参数与开头给定矩阵的元素对照")
DM_SYMBOLS = T("symbols used against those the example declares", "所用符号与算例声明过的符号对照")
DM_GRADIENTS = T("the owner of each parameter whose gradient the step writes (UNITS)",
                 "这一步写出梯度的每个参数各属于哪个神经元（UNITS）")
DM_UPDATES = T("the owner of each parameter the step updates (UNITS)", "这一步更新的每个参数各属于哪个神经元（UNITS）")


# ================================================================== the rows
#: §4.2: (the variable, the article's right-hand side, reviewed verdict), on the lines SEC42 of each version
DERIVATIVES = [("x", r"f'(w \cdot x + b)", Verdict.WRONG_FORMULA),
               ("w", r"x \cdot f'(w \cdot x + b)", Verdict.CORRECT),
               ("b", r"f'(w \cdot x + b)", Verdict.CORRECT)]

#: the first four z lines, from the line FIRST_Z[version] on: (unit, the numbers as written, stated value); all right
FIRST_Z = {"v1": 144, "v2": 535}
HIDDEN_Z = [(1, r"0.1 \cdot 1 + 0.1", "0.2"), (2, r"0.2 \cdot 1 + 0.2", "0.4"),
            (3, r"0.3 \cdot 2 + 0.3", "0.9"), (4, r"0.4 \cdot 2 + 0.4", "1.2")]

#: v1's z_5 and z_6, x_2 without a weight in the formula and numbers that do not add up:
#: (line, unit, weight, bias, the numbers as written, stated value, the weight's value)
UNWEIGHTED_Z = [(148, 5, "w_{31}", "b_{31}", r"0.5 \cdot 1 + 0.5 \cdot 2 + 0.5", "1.5", 0.5),
                (149, 6, "w_{32}", "b_{32}", r"0.6 \cdot 1 + 0.6 \cdot 2 + 0.6", "2.2", 0.6)]

#: the second layer's z lines: version -> [(line, unit, the numbers as written, stated value, reviewed verdict)]
SECOND_Z = {
    "v1": [(160, 7, r"0.7 \cdot 0.865 + 0.8 \cdot 0.697 + 0.1", "1.676", Verdict.ARITHMETIC),
           (161, 8, r"0.9 \cdot 0.436 + 0.1 \cdot 0.286 + 0.2", "0.686", Verdict.ARITHMETIC),
           (162, 9, r"1.1 \cdot 0.206 + 0.2 \cdot 0.126 + 0.3", "0.446", Verdict.ARITHMETIC)],
    "v2": [(547, 5, r"0.5 \cdot 0.865 + 0.6 \cdot 0.697 + 0.1", "1.676", Verdict.ARITHMETIC),
           (548, 6, r"0.6 \cdot 0.436 + 0.7 \cdot 0.286 + 0.2", "0.686", Verdict.ARITHMETIC)],
}

#: v1's hidden deltas: (line, unit, the weight it writes, the number it uses for it, the weight that number
#: should be, a_j as stated, stated value, the numbers as written)
HIDDEN_DELTAS = [
    (176, 6, "w_96", "1.1", "w_92", "0.126", "-0.007", r"0.126 \cdot (1 - 0.126) \cdot (1.1 \cdot -0.049)"),
    (177, 5, "w_95", "0.9", "w_91", "0.206", "-0.004", r"0.206 \cdot (1 - 0.206) \cdot (0.9 \cdot -0.049)"),
]

#: the gradient lines of backward step 3: version -> [(line, parameter, index of the δ the article uses,
#: stated value, kind, why)].  kind, for a weight: "formula" (the arithmetic as written is right) or
#: "formula+arith" (wrong too: an arithmetic claim as well); for a bias: "carried", "formula", "missing"
#: or "missing+formula".  In ``why``, {zline} is the line of the parameter's unit, {unreached} says that
#: unit does not reach y, {err} and {err_line} are the output error as stated and its line.
GRADIENTS = {
    "v1": [
        (181, "w_71", 7, "-0.003", "formula+arith", T(
            "z_7 = w_71·a_1 + …, so BP4 gives δ_7·a_1 — without the factor (1 − a_1). The value is a_1·δ_7 with the "
            "article's numbers.",
            "z_7 = w_71·a_1 + …，所以 BP4 给出 δ_7·a_1，并没有因子 (1 − a_1)。表中的值是用文章的数字算出的 a_1·δ_7。")),
        (182, "b_71", 7, "-0.049", "carried", T(
            "BP3: ∂L/∂b_71 = δ_7 is right; δ_7 = {err} is wrong (line {err_line}), so this is too.",
            "BP3：∂L/∂b_71 = δ_7 没有错；但 δ_7 = {err} 是错的（第 {err_line} 行），所以这一行也跟着错。")),
        (184, "w_72", 7, "-0.003", "formula+arith", T(
            "BP4 gives δ_7·a_2 — without the factor (1 − a_2). The value is a_2·δ_7 with the article's numbers.",
            "BP4 给出 δ_7·a_2，并没有因子 (1 − a_2)。表中的值是用文章的数字算出的 a_2·δ_7。")),
        (185, "b_72", 7, "-0.049", "missing", ""),
        (187, "w_81", 6, "-0.001", "formula+arith", T(
            "w_81 multiplies a_3 in z_8 (line {zline}), so BP4 gives δ_8·a_3; the line uses the error of hidden unit 6 "
            "and an extra factor (1 − a_3). {unreached}",
            "在 z_8 中 w_81 乘的是 a_3（第 {zline} 行），所以 BP4 给出 δ_8·a_3；这一行却用了隐藏神经元 6 的误差项，"
            "还多乘了一个因子 (1 − a_3)。{unreached}")),
        (188, "b_81", 6, "-0.007", "formula", T(
            "b_81 is z_8's bias (line {zline}): BP3 gives δ_8, not δ_6. {unreached}",
            "b_81 是 z_8 的偏置（第 {zline} 行）：BP3 给出的是 δ_8，不是 δ_6。{unreached}")),
        (190, "w_82", 6, "-0.001", "formula", T(
            "w_82 multiplies a_4 in z_8 (line {zline}), so BP4 gives δ_8·a_4. {unreached}",
            "在 z_8 中 w_82 乘的是 a_4（第 {zline} 行），所以 BP4 给出 δ_8·a_4。{unreached}")),
        (191, "b_82", 6, "-0.007", "missing+formula", T(
            "Read as a bias of z_8 (its index), its gradient would be δ_8, not δ_6. {unreached}",
            "若按下标把它看作 z_8 的偏置，它的梯度应是 δ_8，而不是 δ_6。{unreached}")),
        (193, "w_91", 5, "-0.000", "formula+arith", T(
            "w_91 multiplies a_5 in z_9 (line {zline}), so BP4 gives δ_9·a_5. {unreached} (The stated −0.000 matches 0 "
            "only by accident.)",
            "在 z_9 中 w_91 乘的是 a_5（第 {zline} 行），所以 BP4 给出 δ_9·a_5。{unreached}（文中的 −0.000 与 0 "
            "相符纯属巧合。）")),
        (194, "b_91", 5, "-0.004", "formula", T(
            "b_91 is z_9's bias (line {zline}): BP3 gives δ_9, not δ_5. {unreached}",
            "b_91 是 z_9 的偏置（第 {zline} 行）：BP3 给出的是 δ_9，不是 δ_5。{unreached}")),
        (196, "w_92", 5, "-0.000", "formula", T(
            "w_92 multiplies a_6 in z_9 (line {zline}), so BP4 gives δ_9·a_6. {unreached}",
            "在 z_9 中 w_92 乘的是 a_6（第 {zline} 行），所以 BP4 给出 δ_9·a_6。{unreached}")),
        (197, "b_92", 5, "-0.004", "missing+formula", T(
            "Read as a bias of z_9 (its index), its gradient would be δ_9, not δ_5. {unreached}",
            "若按下标把它看作 z_9 的偏置，它的梯度应是 δ_9，而不是 δ_5。{unreached}")),
    ],
    "v2": [
        (566, "w_51", 6, "-0.003", "formula+arith", T(
            "z_5 = w_51·a_1 + …, so BP4 gives (output error)·a_1 — without the factor (1 − a_1). The value is a_1·δ_6 "
            "with the article's numbers (δ_6 is its name for the output error).",
            "z_5 = w_51·a_1 + …，所以 BP4 给出输出层误差项乘以 a_1，并没有因子 (1 − a_1)。表中的值是用文章的数字算出的 "
            "a_1·δ_6（文章把输出层误差项记作 δ_6）。")),
        (567, "b_51", 6, "-0.049", "carried", T(
            "BP3: the gradient of the output bias b_51 is the output error, which the article calls δ_6 (line "
            "{err_line}); that value {err} is wrong, so this is too.",
            "BP3：输出偏置 b_51 的梯度就是输出层误差项，文章把它记作 δ_6（第 {err_line} 行）；那个值 {err} 是错的，"
            "所以这一行也跟着错。")),
        (569, "w_52", 6, "-0.003", "formula+arith", T(
            "BP4 gives (output error)·a_2 — without the factor (1 − a_2).",
            "BP4 给出输出层误差项乘以 a_2，并没有因子 (1 − a_2)。")),
        (570, "b_52", 6, "-0.049", "missing", ""),
        (572, "w_61", 5, "-0.001", "formula+arith", T(
            "w_61 multiplies a_3 in z_6 (line {zline}), so BP4 gives (∂L/∂z_6)·a_3. {unreached}",
            "在 z_6 中 w_61 乘的是 a_3（第 {zline} 行），所以 BP4 给出 (∂L/∂z_6)·a_3。{unreached}")),
        (573, "b_61", 5, "-0.028", "formula", T(
            "b_61 is z_6's bias (line {zline}): BP3 gives ∂L/∂z_6, not δ_5. {unreached}",
            "b_61 是 z_6 的偏置（第 {zline} 行）：BP3 给出的是 ∂L/∂z_6，不是 δ_5。{unreached}")),
        (575, "w_62", 5, "-0.001", "formula+arith", T(
            "w_62 multiplies a_4 in z_6 (line {zline}), so BP4 gives (∂L/∂z_6)·a_4. {unreached}",
            "在 z_6 中 w_62 乘的是 a_4（第 {zline} 行），所以 BP4 给出 (∂L/∂z_6)·a_4。{unreached}")),
        (576, "b_62", 5, "-0.028", "missing+formula", T(
            "Read as a bias of z_6 (its index), its gradient would be ∂L/∂z_6, not δ_5. {unreached}",
            "若按下标把它看作 z_6 的偏置，它的梯度应是 ∂L/∂z_6，而不是 δ_5。{unreached}")),
    ],
}

#: the update lines of step 4: version -> [(line, parameter, old value as printed, gradient as printed, stated new
#: value, kind)], kind 'ok' (old value consistent), 'old' (old value contradicts an earlier line) or 'missing'
#: (no such parameter)
UPDATES = {
    "v1": [(201, "w_71", "0.1", "-0.003", "0.103", "old"), (202, "b_71", "0.1", "-0.049", "0.149", "ok"),
           (204, "w_72", "0.2", "-0.003", "0.203", "old"), (205, "b_72", "0.2", "-0.049", "0.149", "missing"),
           (207, "w_81", "0.3", "-0.001", "0.301", "old"), (208, "b_81", "0.3", "-0.007", "0.307", "old"),
           (210, "w_82", "0.4", "-0.001", "0.401", "old"), (211, "b_82", "0.4", "-0.007", "0.407", "missing"),
           (213, "w_91", "0.5", "-0.000", "0.501", "old"), (214, "b_91", "0.5", "-0.004", "0.504", "old"),
           (216, "w_92", "0.6", "-0.000", "0.601", "old"), (217, "b_92", "0.6", "-0.004", "0.604", "missing")],
    "v2": [(580, "w_51", "0.5", "-0.003", "0.503", "ok"), (581, "b_51", "0.1", "-0.049", "0.149", "ok"),
           (583, "w_52", "0.6", "-0.003", "0.603", "ok"), (584, "b_52", "0.2", "-0.049", "0.149", "missing"),
           (586, "w_61", "0.6", "-0.001", "0.601", "ok"), (587, "b_61", "0.2", "-0.028", "0.228", "ok"),
           (589, "w_62", "0.7", "-0.001", "0.701", "ok"), (590, "b_62", "0.3", "-0.028", "0.328", "missing")],
}


# ================================================================== rows to claims
def _claim(v, line, part, quote, claimed, reviewed, check: Check, method, topic) -> Claim:
    return Claim(id=f"002-{v}-L{line}-{part}", source=A002, line=line, quote=quote, claimed=claimed, method=method,
                 check=check, reviewed=reviewed, explained_in=f"{PAGE}#{TOPICS[topic]}", topic=topic)


def arith(v, line, part, tex, claimed, *, reviewed, qty, topic, rel="=", note="", eta_note=None) -> Claim:
    """The numbers as written, ``tex``, give the stated value (quoted as ``tex rel claimed``); the audit decides."""
    return _claim(v, line, part, f"{tex} {rel} {claimed}", claimed, reviewed,
                  kinds.arithmetic(A002, line, tex, claimed, note=note, truth=truth(v, qty), without_eta=eta_note),
                  M_ARITH, topic)


def wrong_formula(v, line, part, *, quote, article, right, values, claimed, qty, topic, why, numbers=None) -> Claim:
    """The article's formula (``article``, TeX) against backpropagation's (``right``, evaluated at ``values``);
    ``qty`` names the true value in :func:`.example_002.article_network`."""
    return _claim(v, line, part, quote, claimed, Verdict.WRONG_FORMULA,
                  kinds.formula(article, right, values, why, truth=truth(v, qty), numbers=numbers), M_FORMULA, topic)


def incons(v, line, part, *, quote, name, used, tex, claimed, qty, topic, why) -> Claim:
    """The number ``used`` for ``name`` against the value an earlier line states; ``tex`` is the line's
    expression with ``p`` in place of that number."""
    return _claim(v, line, part, quote, claimed, Verdict.INCONSISTENT,
                  kinds.number_used(stated(v, name), used, tex, why, truth=truth(v, qty)), M_INCONS, topic)


def no_param(v, line, part, quote, name, unit, claimed, topic, why) -> Claim:
    return _claim(v, line, part, quote, claimed, Verdict.INCONSISTENT, kinds_002.missing_parameter(v, name, unit, why),
                  M_PARAM, topic)


def _minus(printed: str) -> str:
    """A stated number as the explanations print it (with a true minus sign)."""
    return printed.replace("-", "−")


def _plain(tex: str) -> str:
    return tex.replace("\\", "").replace("{", "").replace("}", "")


def _unreached(version: str, unit: int) -> Text:
    """That z_unit does not reach y; its error is named ∂L/∂z_unit where the article gives δ_unit to another unit."""
    out = OUTPUT_UNIT[version]
    if f"delta_{unit}" in STATED[version]:
        return T(f"z_{unit} does not reach y = f(z_{out}), so its error ∂L/∂z_{unit} is 0.",
                 f"z_{unit} 影响不到 y = f(z_{out})，所以它的误差项 ∂L/∂z_{unit} 为 0。")
    return T(f"z_{unit} does not reach y = f(z_{out}), so δ_{unit} = 0.",
             f"z_{unit} 影响不到 y = f(z_{out})，所以 δ_{unit} = 0。")


# ------------------------------------------------------------------ §4.2
def _derivatives(v) -> list[Claim]:
    return [Claim(id=f"002-{v}-L{line}-dyd{wrt}", source=A002, line=line,
                  quote=(f"\\frac{{\\partial y}}{{\\partial {wrt}}} = \\frac{{\\partial f(w \\cdot x + b)}}"
                         f"{{\\partial {wrt}}} = {rhs}"),
                  claimed=None, method=M_DERIVATIVE, check=kinds_002.derivative(wrt, rhs), reviewed=reviewed,
                  explained_in=f"{PAGE}#{TOPICS['derivatives']}", topic="derivatives")
            for line, (wrt, rhs, reviewed) in zip(SEC42[v], DERIVATIVES)]


# ------------------------------------------------------------------ §4.3, the forward pass
def _setup(v) -> list[Claim]:
    return [_claim(v, line, part, tex, None, Verdict.INCONSISTENT, kinds_002.setup_shape(v, part, tex), M_SETUP,
                   "setup")
            for line, part, tex in zip(SETUP_LINES[v], "xwb", (SETUP_X, SETUP_W, SETUP_B))]


def _hidden_z(v) -> list[Claim]:
    return [arith(v, FIRST_Z[v] + i, f"z{j}", tex, c, reviewed=Verdict.CORRECT, qty=f"z_{j}", topic="forward")
            for i, (j, tex, c) in enumerate(HIDDEN_Z)]


def _unweighted_z() -> list[Claim]:
    v, cl = "v1", []
    for line, j, w, b, tex, c, wv in UNWEIGHTED_Z:
        written = f"{w} \\cdot x_1 + x_2 + {b}"
        values = {_plain(w): wv, "x_1": 1, "x_2": 2, _plain(b): wv}
        as_written = evaluate(written, values)
        cl.append(wrong_formula(
            v, line, f"z{j}-formula", quote=written, article=written, right=f"{w} \\cdot x_1 + {w} \\cdot x_2 + {b}",
            values=values, claimed=c, qty=f"z_{j}", topic="forward",
            why=T(f"x_2 enters without a weight, so this is not a weighted input Σ w·x + b (as written it gives "
                  f"{as_written:g}). The numbers on the line weight x_2 by {wv:g} as well, i.e. compute "
                  f"w(x_1 + x_2) + b; that is the value shown.",
                  f"x_2 没有乘权重，所以这不是加权输入 Σ w·x + b（照原样算得 {as_written:g}）。这一行的数字给 x_2 "
                  f"也乘了 {wv:g}，算的其实是 w(x_1 + x_2) + b；表中给出的就是这个值。")))
        cl.append(arith(v, line, f"z{j}-arith", tex, c, reviewed=Verdict.ARITHMETIC, qty=f"z_{j}", topic="forward"))
    return cl


def _second_layer_z(v) -> list[Claim]:
    """The arithmetic claims of the second layer's z lines; each note is computed from the data: the
    output unit's weights appear here first, the other units are never used, and v2 states v1's values."""
    out, cl = OUTPUT_UNIT[v], []
    for line, j, tex, c, reviewed in SECOND_Z[v]:
        same = [(k, at) for at, k, _, c1, _ in SECOND_Z["v1"] if v != "v1" and c1 == c]
        if j == out:
            weights = [OUTPUT_PARAMS[v][w][0] for w, _ in UNITS[v][j][0]]
            note = (T(f"{c} is v1's z_{same[0][0]} (line {same[0][1]}), computed there with other weights.",
                      f"{c} 是 v1 的 z_{same[0][0]}（第 {same[0][1]} 行），那里用的是另一组权重。") if same
                    else T(f"The weights {', '.join(weights)} appear here for the first time.",
                           f"权重 {'、'.join(weights)} 在这里第一次出现。"))
        else:
            note = kinds.then(T(f"z_{j} is computed but never used: y = f(z_{out}).",
                          f"z_{j} 算出来了，却从未被使用：y = f(z_{out})。"),
                        T(f"{c} is v1's z_{same[0][0]} (line {same[0][1]}).",
                          f"{c} 就是 v1 的 z_{same[0][0]}（第 {same[0][1]} 行）。") if same else "")
        cl.append(arith(v, line, f"z{j}", tex, c, reviewed=reviewed, qty=f"z_{j}", topic="forward", note=note))
    return cl


# ------------------------------------------------------------------ §4.3, the output error and the hidden deltas
def _output_error_v1() -> list[Claim]:
    return [_claim("v1", 172, "delta7", r"\delta_7 = y - \hat{y} = 0.951 - 1 = -0.049", "-0.049", Verdict.CARRIED,
                   kinds_002.output_error("v1", r"0.951 - 1", "-0.049", "delta_7", 7), M_FORMULA_ARITH, "output error")]


def _hidden_deltas_v1() -> list[Claim]:
    """v1's two hidden deltas: a formula with the wrong δ, a weight that is not the one on its connection,
    and arithmetic that does not give the stated value."""
    v, cl = "v1", []
    for line, j, wname, used, right_w, a, c, atex in HIDDEN_DELTAS:
        wt = f"w_{{{wname[2:]}}}"
        art = f"a_{j} \\cdot (1 - a_{j}) \\cdot ({wt} \\cdot \\delta_7)"
        fed, out = owner(v, right_w), OUTPUT_UNIT[v]
        other = next(n for n, (val, _, _) in OUTPUT_PARAMS[v].items() if val == used and n != right_w)
        cl += [
            wrong_formula(
                v, line, f"delta{j}-formula", quote=art, article=art,
                right=f"a_{j} \\cdot (1 - a_{j}) \\cdot ({wt} \\cdot \\delta_{fed})",
                values={f"a_{j}": stated(v, f"a_{j}"), wname: stated(v, right_w), f"delta_{fed}": 0.0},
                claimed=c, qty=f"delta_{j}", topic="hidden deltas", why=T(
                    f"a_{j} feeds only z_{fed} (line {zline(v, fed)}, weight {right_w}), so BP2 gives "
                    f"δ_{j} = a_{j}(1 − a_{j})·{right_w}·δ_{fed} — not δ_{out}: a_{j} is not an input of z_{out} "
                    f"(line {zline(v, out)}). And z_{fed} does not reach y = f(z_{out}), so δ_{fed} = 0 and "
                    f"δ_{j} = 0.",
                    f"a_{j} 只是 z_{fed} 的输入（第 {zline(v, fed)} 行，权重 {right_w}），所以 BP2 给出 "
                    f"δ_{j} = a_{j}(1 − a_{j})·{right_w}·δ_{fed}，乘的不是 δ_{out}：a_{j} 并不是 "
                    f"z_{out} 的输入（第 {zline(v, out)} 行）。而 z_{fed} 影响不到 y = f(z_{out})，所以 "
                    f"δ_{fed} = 0，δ_{j} 也等于 0。")),
            incons(v, line, f"delta{j}-weight", quote=f"({used} \\cdot -0.049)", name=right_w, used=used,
                   tex=f"{a} \\cdot (1 - {a}) \\cdot (p \\cdot -0.049)", claimed=c, qty=f"delta_{j}",
                   topic="hidden deltas", why=T(
                       f"The weight from a_{j} into z_{fed} is {right_w} = {stated(v, right_w):g} (line "
                       f"{where(v, right_w)}); the line uses {used}, which line {where(v, other)} gives to another "
                       f"connection ({other}). The true column is the line's expression with the weight of line "
                       f"{where(v, right_w)}.",
                       f"从 a_{j} 到 z_{fed} 的权重是 {right_w} = {stated(v, right_w):g}（第 {where(v, right_w)} "
                       f"行）；这一行用的却是 {used}，而第 {where(v, other)} 行把这个数给了另一条连接（{other}）。"
                       f"“真值”一栏是把第 {where(v, right_w)} 行的权重代入这一行的表达式所得的值。")),
            arith(v, line, f"delta{j}-arith", atex, c, rel="\\approx", reviewed=Verdict.ARITHMETIC,
                  qty=f"delta_{j}", topic="hidden deltas"),
        ]
    return cl


def _deltas_v2() -> list[Claim]:
    """v2's output error, named δ_6 although the output unit is z_5, and the δ_5 it then computes as a
    hidden unit's."""
    v = "v2"
    out, z6 = OUTPUT_UNIT[v], zline(v, 6)
    err_line, err = STATED[v]["delta_6"][1], _minus(STATED[v]["delta_6"][0])     # the output error, named δ_6
    art = r"a_5 \cdot (1 - a_5) \cdot (w_{56} \cdot \delta_6)"
    return [
        _claim(v, 558, "delta6-name", r"\delta_6 = y - \hat{y}", "-0.049", Verdict.INCONSISTENT,
               kinds_002.output_name(v), M_INCONS, "output error"),
        wrong_formula(
            v, 562, "delta5-formula", quote=art, article=art, right=r"\delta_6",
            values={"delta_6": stated(v, "delta_6"), "a_5": stated(v, "a_5"), "w_56": 0.6}, claimed="-0.028",
            qty="delta_5", topic="hidden deltas", why=T(
                f"z_{out} is the output unit (y = f(z_{out}), line {STATED[v]['y'][1]}), so its error is the output "
                f"error of line {err_line} ({err}, which the article names δ_6), not a hidden-unit recursion; there "
                f"is no weight w_56: z_{out} feeds nothing (z_6 uses "
                f"{' and '.join(i for _, i in UNITS[v][6][0])}, line {z6}).",
                f"z_{out} 是输出神经元（y = f(z_{out})，第 {STATED[v]['y'][1]} 行），它的误差项就是第 {err_line} "
                f"行的输出层误差项（{err}，文章记作 δ_6），不用按隐藏神经元那样递推；权重 w_56 也不存在：z_{out} "
                f"不再输入任何神经元（z_6 用的是 {' 和 '.join(i for _, i in UNITS[v][6][0])}，第 {z6} 行）。")),
        arith(v, 562, "delta5-arith", r"0.951 \cdot (1 - 0.951) \cdot (0.6 \cdot -0.049)", "-0.028", rel="\\approx",
              reviewed=Verdict.ARITHMETIC, qty="delta_5", topic="hidden deltas"),
    ]


# ------------------------------------------------------------------ §4.3, the gradients and the updates
def _gradient_terms(v, param, used):
    """(unit, the δ the article uses, the right δ, its value as the article's numbers give it) as TeX names;
    the right δ of the output unit is the article's own name for the output error, and a unit whose δ_j
    the article gives to another unit is written δ_{z_j}."""
    unit = int(param[2])
    if unit == OUTPUT_UNIT[v]:
        name = output_error_name(v)
        return unit, rf"\delta_{used}", rf"\delta_{name}", stated(v, f"delta_{name}")
    right = rf"\delta_{{z_{unit}}}" if f"delta_{unit}" in STATED[v] else rf"\delta_{unit}"
    return unit, rf"\delta_{used}", right, 0.0


def _why(v, unit, template) -> Text | str:
    name = output_error_name(v)
    return kinds.fill(template, zline=zline(v, unit) if unit != OUTPUT_UNIT[v] else "", unreached=_unreached(v, unit),
                err=_minus(STATED[v][f"delta_{name}"][0]), err_line=STATED[v][f"delta_{name}"][1])


def _weight_gradient(v, line, wname, used, c, kind, template) -> list[Claim]:
    """A weight-gradient line: formula claim, and an arithmetic claim where the arithmetic is wrong."""
    unit, delta_art, delta_right, delta_right_val = _gradient_terms(v, wname, used)
    a = next(i for w, i in UNITS[v][unit][0] if w == wname)
    atex = f"{STATED[v][a][0]} \\cdot (1 - {STATED[v][a][0]}) \\cdot {STATED[v][f'delta_{used}'][0]}"
    arith_ok = kind == "formula"
    art = f"{a} \\cdot (1 - {a}) \\cdot {delta_art}"
    dr, da = _plain(delta_right), _plain(delta_art)
    vals = {a: stated(v, a), dr: delta_right_val}
    if da != dr:
        vals[da] = 0.0  # unused by the right formula
    why = T(f"∂L/∂{wname}: {_why(v, unit, template)}", f"∂L/∂{wname}：{kinds.zh_of(_why(v, unit, template))}")
    out = [wrong_formula(v, line, f"d{wname.replace('_', '')}-formula", quote=art, article=art,
                         right=f"{a} \\cdot {delta_right}", values=vals, claimed=c, qty=f"g_{wname}",
                         topic="gradients", why=why, numbers=(atex, c) if arith_ok else None)]
    if not arith_ok:
        out.append(arith(v, line, f"d{wname.replace('_', '')}-arith", atex, c, rel="\\approx",
                         reviewed=Verdict.ARITHMETIC, qty=f"g_{wname}", topic="gradients"))
    return out


def _bias_gradient(v, line, bname, used, c, kind, template) -> list[Claim]:
    """A bias-gradient line ∂L/∂b = δ: carried, wrong formula, and/or a parameter that does not exist."""
    unit, delta_art, delta_right, delta_right_val = _gradient_terms(v, bname, used)
    why = _why(v, unit, template)
    out, part = [], f"d{bname.replace('_', '')}"
    lhs = f"\\frac{{\\partial L}}{{\\partial b_{{{bname[2:]}}}}} = {delta_art}"
    if "missing" in kind:
        out.append(no_param(v, line, f"{part}-param", f"{lhs} \\approx {c}", bname, unit, c, "gradients",
                            T(f"L does not depend on {bname}.", f"L 与 {bname} 无关。")))
    if "formula" in kind:
        out.append(wrong_formula(v, line, f"{part}-formula", quote=lhs, article=delta_art, right=delta_right,
                                 values={_plain(delta_right): delta_right_val, _plain(delta_art): 0.0},
                                 claimed=c, qty=f"delta_{unit}", topic="gradients", why=why))
    if kind == "carried":
        out.append(_claim(v, line, part, f"{lhs} \\approx {c}", c, Verdict.CARRIED,
                          kinds.restated(c, truth(v, f"g_{bname}"), why), M_FORMULA_ARITH, "gradients"))
    return out


def _gradients(v) -> list[Claim]:
    """The claims of backward step 3, one or more per row of :data:`GRADIENTS`."""
    return [claim for line, param, used, c, kind, why in GRADIENTS[v]
            for claim in (_weight_gradient if param[0] == "w" else _bias_gradient)(v, line, param, used, c, kind, why)]


def _updates(v) -> list[Claim]:
    """The claims of update step 4, one to two per row of :data:`UPDATES`."""
    out = []
    for line, name, old, grad, new, kind in UPDATES[v]:
        part, qty = name.replace("_", ""), f"new_{name}" if kind != "missing" else None
        if kind == "old":
            out.append(incons(
                v, line, f"{part}-old", quote=f"\\approx {old} - 0.1", name=name, used=old,
                tex=f"p - 0.1 \\cdot {grad}", claimed=new, qty=qty, topic="updates", why=T(
                    f"{name} is {stated(v, name):g} on line {where(v, name)}, not {old}; "
                    f"{old} is an entry of the setup matrices (line {SETUP_LINES[v][1]}/{SETUP_LINES[v][2]}). "
                    f"The true column is the step from {stated(v, name):g}.",
                    f"第 {where(v, name)} 行的 {name} 是 {stated(v, name):g}，不是 {old}；{old} 是开头给定的矩阵"
                    f"里的元素（第 {SETUP_LINES[v][1]}/{SETUP_LINES[v][2]} 行）。“真值”一栏是从 "
                    f"{stated(v, name):g} 出发走的一步。")))
        elif kind == "missing":
            out.append(no_param(
                v, line, f"{part}-param", f"{name[0]}_{{{name[2:]}}} = {name[0]}_{{{name[2:]}}}",
                name, int(name[2]), new, "updates",
                T(f"Nothing in the forward pass uses {name}, and no earlier line gives it the value {old}.",
                  f"前向传播中没有用到 {name}，前面也没有哪一行给过它 {old} 这个值。")))
        out.append(arith(v, line, f"{part}-arith", f"{old} - 0.1 \\cdot {grad}", new, reviewed=Verdict.ARITHMETIC,
                         qty=qty, topic="updates", eta_note=(float(old), float(grad))))
    return out


# ------------------------------------------------------------------ §4.2–4.3 in words (second reading, issue 13)
# The network the words describe, the quantities the example uses without declaring them, and the steps it
# announces. Every fact in a detail is computed from the data (UNITS, LAYOUT, the setup lines), so the two
# versions cannot share a stale text.
def _descriptions(v) -> list[Claim]:
    out_err, upd, (hg, hu) = STATED[v]["t"][1], min(UPDATE_LINES[v]), STEP_HEADINGS[v]
    rows = [  # (line, id part, quote, check, method)
        (SEC42[v][0] - 2, "announces-gradients", "为了计算网络权重和偏置的梯度",
         kinds_002.derives_loss(v, tuple((c.line, c.quote) for c in _derivatives(v))), DM_SEC42),
        (LAYOUT[v], "layout", "输入层有一个神经元，隐层有两个神经元，输出层有一个神经元", kinds_002.layout_words(v), DM_LAYOUT),
        (LAYOUT[v], "sigmoid", "激活函数使用Sigmoid函数", kinds_002.sigmoid_words(v), DM_SIGMOID),
    ]
    for j in computed_layout(v)["second"]:
        (w1, a1), (w2, a2) = UNITS[v][j][0]
        line = OUTPUT_PARAMS[v][UNITS[v][j][1]][1]
        quote = f"w_{{{w1[2:]}}} \\cdot a_{a1[2:]} + w_{{{w2[2:]}}} \\cdot a_{a2[2:]} + b_{{{UNITS[v][j][1][2:]}}}"
        rows.append((line, f"z{j}-undeclared", quote, kinds_002.second_layer_declared(v, j, line), DM_PARAMS))
    rows += [
        (out_err, "target-undeclared", r"y - \hat{y}", kinds_002.symbols_declared(v, r"y - \hat{y}", "ŷ", T(
            "the numbers (0.951 − 1) make it the target, t = 1. (Elsewhere ŷ usually names the prediction, as in "
            "article 003, line 41; here y is the prediction.)",
            "从数字 0.951 − 1 看，它是目标值，t = 1。（ŷ 在别处通常指预测值，例如文章 003 第 41 行；这里的预测值"
            "是 y。）")), DM_SYMBOLS),
        (FIRST_DL[v], "loss-undeclared", r"\frac{\partial L}{\partial w_{" + GRADIENT_LINES[v][FIRST_DL[v]][2:] + "}}",
         kinds_002.symbols_declared(v, r"\frac{\partial L}{\partial w}", T("the loss L", "损失函数 L"), T(
             "the gradients are those of an unstated loss. δ = y − t (line "
             f"{out_err}) is ∂L/∂z for binary cross-entropy, the loss of the article's code; the chapter uses it.",
             f"这些梯度是一个没有写明的损失函数的梯度。δ = y − t（第 {out_err} 行）是二元交叉熵的 ∂L/∂z，"
             "而二元交叉熵正是文章代码所用的损失函数；本章就采用它。")), DM_SYMBOLS),
        (upd, "eta-undeclared", r"\eta \cdot \frac{\partial L}{\partial w_{" + UPDATE_LINES[v][upd][2:] + r"}} \approx",
         kinds_002.symbols_declared(v, r"\eta", T("the learning rate η", "学习率 η"), T(
             f"its value, 0.1, can only be read off the numbers of the update lines "
             f"({min(UPDATE_LINES[v])}–{max(UPDATE_LINES[v])}).",
             f"它的值 0.1 只能从更新各行（第 {min(UPDATE_LINES[v])}–{max(UPDATE_LINES[v])} 行）的数字中"
             "反推出来。")), DM_SYMBOLS),
        (hg, "gradients-skip-hidden", "计算隐层权重和偏置的梯度", kinds_002.step_parameters(v, "gradients"), DM_GRADIENTS),
        (hu, "update-skips-first-layer", "更新权重和偏置", kinds_002.step_parameters(v, "updates"), DM_UPDATES),
    ]
    return [_claim(v, line, part, quote, None, Verdict.CORRECT if part == "sigmoid" else Verdict.INCONSISTENT,
                   check, method, "description") for line, part, quote, check, method in rows]


CLAIMS = [claim for v in ("v1", "v2") for claim in _derivatives(v) + _setup(v) + _hidden_z(v)] + _unweighted_z()
CLAIMS += [claim for v in ("v1", "v2") for claim in _second_layer_z(v)] + _output_error_v1() + _hidden_deltas_v1()
CLAIMS += _deltas_v2() + [claim for v in ("v1", "v2") for claim in _gradients(v) + _updates(v) + _descriptions(v)]
