"""The check kinds that read article 002's worked example (:mod:`.example_002`): its setup, its network,
the names it uses and what §4.2–4.3 say in words.

The rows that name them are in :mod:`.ch_worked_example`; the kinds any chapter may name (arithmetic,
formulas, numbers used, the sigmoid) are in :mod:`.kinds`.
"""
from __future__ import annotations

import sympy as sp

from ...errors import BpnnError
from ..i18n import T
from ..latexsym import parse
from ..sources import ARTICLES
from .audited import comparison
from .example_002 import (
    A_LINE,
    A_LINE_TEX,
    BCE_LINE,
    DECLARED,
    FIRST_DL,
    GRADIENT_LINES,
    LAYOUT,
    LAYOUT_SIZES,
    MODEL_PARTS,
    NEURON_LINES,
    OUTPUT_PARAMS,
    OUTPUT_UNIT,
    SETUP_B,
    SETUP_LINES,
    SETUP_W,
    STATED,
    UNITS,
    UPDATE_LINES,
    article_network,
    computed_layout,
    first_layer_params,
    hidden_units,
    owner,
    parameter_values,
    parse_matrix,
    parse_vector,
    setup_entries_used,
    stated,
    stated_layout,
    truth,
)
from .kinds import arithmetic, zh_of
from .registry import Outcome, Verdict, fmt, kind
from .tex import tex_symbols

A002 = ARTICLES["002"]


# ------------------------------------------------------------------ §4.2: the derivatives of y = f(w·x + b)
F = sp.Function("f")


def _article_rhs(tex: str, vector: bool) -> sp.Expr:
    """The article's right-hand side, parsed; f' becomes the derivative of f; w·x becomes a dot product."""
    expr = parse(tex)
    xi = sp.Symbol("xi")
    w, x = sp.Symbol("w"), sp.Symbol("x")
    fprime = lambda u: sp.Subs(sp.Derivative(F(xi), xi), xi, u)  # noqa: E731
    expr = expr.replace(lambda e: isinstance(e, sp.core.function.AppliedUndef) and e.func.__name__ == "f'",
                        lambda e: fprime(e.args[0]))
    if vector:
        w1, w2, x1, x2 = sp.symbols("w_1 w_2 x_1 x_2", real=True)
        expr = expr.subs(w * x, w1 * x1 + w2 * x2)
        # what is left of x is the vector x itself
        expr = sp.Matrix([expr.subs(x, x1), expr.subs(x, x2)]) if expr.has(x) else expr
    return expr


def derivative_check(wrt: str, rhs_tex: str, vector: bool) -> tuple[bool, sp.Expr, sp.Expr]:
    """(agrees, sympy's derivative, the article's formula) for y = f(w·x + b)."""
    if not vector:
        w, x, b = sp.Symbol("w"), sp.Symbol("x"), sp.Symbol("b")
        y = F(w * x + b)
        true = sp.diff(y, {"x": x, "w": w, "b": b}[wrt]).doit()
        art = _article_rhs(rhs_tex, False).doit()
        return sp.simplify(true - art) == 0, true, art
    w1, w2, x1, x2 = sp.symbols("w_1 w_2 x_1 x_2", real=True)
    b = sp.Symbol("b")
    y = F(w1 * x1 + w2 * x2 + b)
    if wrt == "b":
        true = sp.diff(y, b).doit()
    else:
        vs = (x1, x2) if wrt == "x" else (w1, w2)
        true = sp.Matrix([sp.diff(y, s) for s in vs]).doit()
    art = _article_rhs(rhs_tex, True)
    art = art.doit() if hasattr(art, "doit") else art
    if isinstance(true, sp.MatrixBase) != isinstance(art, sp.MatrixBase):
        return False, true, art   # a scalar claimed for a vector (or the reverse)
    d = (true - art).applyfunc(sp.simplify) if isinstance(true, sp.MatrixBase) else sp.simplify(true - art)
    return (d == sp.zeros(*d.shape)) if isinstance(d, sp.MatrixBase) else d == 0, true, art


def counterexample(w=2.0, x=1.0, b=0.0):
    """∂y/∂x for y = σ(w·x + b) at numbers: (sympy's derivative, the article's f'(w·x + b))."""
    ws, xs, bs = sp.symbols("w x b")
    sig = 1 / (1 + sp.exp(-(ws * xs + bs)))
    true = sp.diff(sig, xs)
    zz = sp.Symbol("zz")
    art = sp.diff(1 / (1 + sp.exp(-zz)), zz).subs(zz, ws * xs + bs)
    at = {ws: sp.nsimplify(w), xs: sp.nsimplify(x), bs: sp.nsimplify(b)}
    return float(sp.N(true.subs(at), 30)), float(sp.N(art.subs(at), 30))


@kind("derivative")
def derivative(wrt: str, rhs: str) -> Outcome:
    """The article's ∂y/∂``wrt`` of y = f(w·x + b), ``rhs``, against sympy's, for a scalar and a vector x."""
    ok_s, _, _ = derivative_check(wrt, rhs, False)
    ok_v, _, _ = derivative_check(wrt, rhs, True)
    shown = {"x": "w·f'(w·x + b)", "w": "x·f'(w·x + b)", "b": "f'(w·x + b)"}[wrt]
    if ok_s and ok_v:
        return Outcome(Verdict.CORRECT, shown, T("sympy agrees for a scalar x and for a vector x (w·x a dot product)",
                                                 "无论 x 是标量还是向量（w·x 为点积），sympy 的结果都与之一致")
                       + (T("; x·f' is the vector x scaled by the number f' (not a dot product).",
                            "；x·f' 是向量 x 乘以数 f'（不是点积）。") if wrt == "w" else T(".", "。")))
    t, c = counterexample()
    return Outcome(Verdict.WRONG_FORMULA, shown, T(
        f"The chain rule brings down the inner derivative ∂(w·x + b)/∂x = w. For a vector x the "
        f"derivative is the vector w·f'(w·x + b), not one number. Counterexample, f = σ, w = 2, x = 1, "
        f"b = 0: sympy gives {fmt(t)}, the formula {fmt(c)}.",
        f"按链式法则还要乘上内层导数 ∂(w·x + b)/∂x = w。x 是向量时，导数是向量 w·f'(w·x + b)，而不是一个数。"
        f"反例：取 f = σ，w = 2，x = 1，b = 0，sympy 得 {fmt(t)}，这个公式却得 {fmt(c)}。"), t)


# ------------------------------------------------------------------ §4.3: the setup, the network, the names
@kind("missing-parameter")
def missing_parameter(version: str, name: str, unit: int, why) -> Outcome:
    """A parameter the forward pass does not have."""
    params = parameter_values(version)
    bias = UNITS[version][unit][1]
    if name in params:
        return Outcome(Verdict.CORRECT, T("a parameter", "是网络的参数"), why)
    return Outcome(Verdict.INCONSISTENT, T(f"no {name} in the network", f"网络中没有 {name}"),
                   T(f"z_{unit} has one bias, {bias}. {why}", f"z_{unit} 只有一个偏置 {bias}。{zh_of(why)}"))


@kind("setup-shape")
def setup_shape(version: str, part: str, tex: str) -> Outcome:
    """Shape of a setup line against the layout stated in words; every fact in the detail is
    taken from the data of ``version`` (its layout line, its z lines), so v1 and v2 cannot share a stale text."""
    n_in, n_hid, n_out = LAYOUT_SIZES
    line = LAYOUT[version]
    hid = hidden_units(version)
    z_range = f"z_{hid[0]}–z_{hid[-1]}"
    inputs = sorted({i for j in hid for _, i in UNITS[version][j][0]})
    if part == "x":
        x = parse_vector(tex)
        ok = len(x) == n_in
        return Outcome(Verdict.CORRECT if ok else Verdict.INCONSISTENT, T(f"{len(x)} inputs", f"{len(x)} 个输入"), T(
            f"Line {line} gives the input layer {n_in} neuron; x has {len(x)} components, and the "
            f"z lines use {len(inputs)} of them ({' and '.join(inputs)}).",
            f"第 {line} 行说输入层有 {n_in} 个神经元；x 却有 {len(x)} 个分量，计算 z 的各行用到了其中 "
            f"{len(inputs)} 个（{' 和 '.join(inputs)}）。"))
    M = parse_matrix(tex)
    shape = (len(M), len(M[0]))
    n_entries = shape[0] * shape[1]
    used = setup_entries_used(version, part)
    unused = n_entries - len(used)
    rest = "" if unused == 0 else f"; the other {unused} entries are used by none of them"
    rest_zh = "" if unused == 0 else f"；其余 {unused} 个元素没有任何神经元用到"
    if part == "w":
        fits = shape in ((n_hid, n_in), (n_out, n_hid))
        detail = T(f"A {n_in}-{n_hid}-{n_out} network (line {line}) has weight matrices of shape "
                   f"({n_hid}, {n_in}) and ({n_out}, {n_hid}); a {shape[0]}×{shape[1]} matrix is neither "
                   f"(it maps {shape[1]} inputs to {shape[0]} units). The z lines ({z_range}) use {len(used)} of "
                   f"its {n_entries} entries as the weights of {len(hid)} separate hidden units{rest}.",
                   f"第 {line} 行描述的 {n_in}-{n_hid}-{n_out} 网络，权重矩阵的形状应为 ({n_hid}, {n_in}) 和 "
                   f"({n_out}, {n_hid})；{shape[0]}×{shape[1]} 矩阵两者都不是（它把 {shape[1]} 个输入映射到 "
                   f"{shape[0]} 个神经元）。计算 z 的各行（{z_range}）把它 {n_entries} 个元素中的 {len(used)} 个"
                   f"分别用作 {len(hid)} 个互不相干的隐藏神经元的权重{rest_zh}。")
    else:
        fits = shape in ((n_hid, 1), (n_out, 1))
        detail = T(f"A bias is one number per unit: a {n_in}-{n_hid}-{n_out} network (line {line}) has {n_hid} "
                   f"hidden biases and {n_out} output bias. A {shape[0]}×{shape[1]} matrix is no layer's bias; the "
                   f"z lines ({z_range}) give {len(used)} of its {n_entries} entries to {len(hid)} separate hidden "
                   f"units{rest}.",
                   f"偏置是每个神经元一个数：第 {line} 行描述的 {n_in}-{n_hid}-{n_out} 网络有 {n_hid} 个隐藏层偏置和 "
                   f"{n_out} 个输出层偏置。{shape[0]}×{shape[1]} 矩阵不是任何一层的偏置；计算 z 的各行"
                   f"（{z_range}）把它 {n_entries} 个元素中的 {len(used)} 个分给了 {len(hid)} 个互不相干的"
                   f"隐藏神经元{rest_zh}。")
    return Outcome(Verdict.CORRECT if fits else Verdict.INCONSISTENT,
                   T(f"shape {shape[0]}×{shape[1]}", f"形状 {shape[0]}×{shape[1]}"), detail)


@kind("output-error")
def output_error(version: str, tex: str, claimed: str, qty: str, unit: int) -> Outcome:
    """δ = y − t: verify with sympy that it is ∂L/∂z for sigmoid + cross-entropy (not for ½ squared error)."""
    z, t = sp.symbols("z t", real=True)
    y = 1 / (1 + sp.exp(-z))
    bce = -(t * sp.log(y) + (1 - t) * sp.log(1 - y))
    if sp.simplify(sp.diff(bce, z) - (y - t)) != 0:
        raise BpnnError("y − t is not ∂L/∂z for sigmoid + cross-entropy?")
    half_sse = sp.Rational(1, 2) * (y - t) ** 2
    if sp.simplify(sp.diff(half_sse, z) - (y - t)) == 0:
        raise BpnnError("y − t is ∂L/∂z for ½ squared error?")
    ys, ts = stated(version, "y"), stated(version, "t")
    sse_delta = (ys - ts) * ys * (1 - ys)
    note = T(f"ŷ is the target t = {ts:g} here. With the loss the article's code uses (binary cross-entropy, "
             f"line {BCE_LINE[version]}), δ_{unit} = ∂L/∂z_{unit} = y − t exactly (sympy), so the formula is "
             f"right; with ½ squared error y − t would be ∂L/∂y, and δ_{unit} = (y − t)·y(1 − y) = "
             f"{fmt(sse_delta)} with the article's numbers. The value is wrong because y = {ys:g} is.",
             f"这里的 ŷ 是目标值 t = {ts:g}。用文章代码所用的损失函数（二元交叉熵，第 {BCE_LINE[version]} 行），"
             f"δ_{unit} = ∂L/∂z_{unit} 恰好等于 y − t（sympy 验证），所以公式没有错；若用带 ½ 的平方误差，"
             f"y − t 只是 ∂L/∂y，δ_{unit} 应为 (y − t)·y(1 − y)，代入文章的数字得 {fmt(sse_delta)}。"
             f"数值之所以错，是因为 y = {ys:g} 本身就错了。")
    return arithmetic(A002, STATED[version]["t"][1], tex, claimed, note=note, truth=truth(version, qty))()


@kind("output-name")
def output_name(version: str) -> Outcome:
    """The name the output-error line gives its δ (v2 line 558: δ_6) against the output unit."""
    unit = OUTPUT_UNIT[version]
    net = article_network(version)
    line = STATED[version]["t"][1]                 # the output-error line, y − t
    named = next(int(k[6:]) for k, (_, at, _) in STATED[version].items() if k.startswith("delta_") and at == line)
    value = comparison(A002, line, f"{STATED[version]['y'][0]} - {STATED[version]['t'][0]}",
                       STATED[version][f"delta_{named}"][0])
    hidden = next(at for k, (_, at, _) in STATED[version].items() if k == f"delta_{unit}")
    if named == unit:
        return Outcome(Verdict.CORRECT, fmt(net[f"delta_{unit}"]), T(
            f"The output unit is z_{unit}, and line {line} names its error δ_{unit}.",
            f"输出神经元是 z_{unit}，第 {line} 行也把它的误差项记作 δ_{unit}。"))
    yline, zero, left = STATED[version]['y'][1], abs(net[f'delta_{named}']), fmt(value.left_value)
    return Outcome(Verdict.INCONSISTENT, fmt(net[f"delta_{named}"]), T(
                   f"Line {yline} makes the output y = f(z_{unit}), so the output error is δ_{unit}; "
                   f"δ_{named} = ∂L/∂z_{named} is {zero:g} because z_{named} does not reach "
                   f"y. The value {left} (= y − t, right as a formula for the article's "
                   f"cross-entropy loss; arithmetic {'right' if value.ok else 'wrong'}) belongs to δ_{unit}; "
                   f"computed correctly it is {fmt(net[f'delta_{unit}'])}. Line {hidden} then treats z_{unit} as a "
                   "hidden unit.",
                   f"第 {yline} 行令输出 y = f(z_{unit})，所以输出层误差项是 δ_{unit}；δ_{named} = ∂L/∂z_{named} "
                   f"为 {zero:g}，因为 z_{named} 影响不到 y。数值 {left}（= y − t；对文章所用的交叉熵损失函数，"
                   f"这个公式是对的；算术{'没有错' if value.ok else '有错'}）属于 δ_{unit}，正确算出来是 "
                   f"{fmt(net[f'delta_{unit}'])}。第 {hidden} 行接着又把 z_{unit} 当成了隐藏神经元。"),
                   net[f"delta_{named}"])


# ------------------------------------------------------------------ what §4.2–4.3 say in words
@kind("layout-words")
def layout_words(version: str) -> Outcome:
    """The layout line 134 (v2: 525) words against the layers the z lines compute."""
    said = stated_layout()
    lay = computed_layout(version)
    comp = (len(lay["inputs"]), len(lay["hidden"]), len(lay["second"]))
    hid, sec = lay["hidden"], lay["second"]
    ok = comp == said
    return Outcome(
        Verdict.CORRECT if ok else Verdict.INCONSISTENT, T(f"{comp[0]} inputs, {comp[1]} + {comp[2]} units",
                           f"{comp[0]} 个输入，{comp[1]} + {comp[2]} 个神经元"), T(
            f"The words give {said[0]} input, {said[1]} hidden and {said[2]} output neuron. The forward pass that "
            f"follows reads {comp[0]} inputs ({', '.join(lay['inputs'])}), computes {comp[1]} units from them "
            f"(z_{hid[0]}–z_{hid[-1]}) and {comp[2]} units from those (z_{sec[0]}–z_{sec[-1]}), of which only "
            f"z_{OUTPUT_UNIT[version]} reaches the output y. Neither layer has the stated size; the setup claims "
            f"(lines {', '.join(map(str, SETUP_LINES[version]))}) show the same mismatch in the shapes.",
            f"文字说输入层有 {said[0]} 个、隐藏层有 {said[1]} 个、输出层有 {said[2]} 个神经元。随后的前向传播却读入 "
            f"{comp[0]} 个输入（{'、'.join(lay['inputs'])}），由它们算出 {comp[1]} 个神经元"
            f"（z_{hid[0]}–z_{hid[-1]}），再由这些算出 {comp[2]} 个神经元（z_{sec[0]}–z_{sec[-1]}），其中只有 "
            f"z_{OUTPUT_UNIT[version]} 影响输出 y。两层都不是所说的大小；给定数据的几条论断（第 "
            f"{'、'.join(map(str, SETUP_LINES[version]))} 行）在形状上显示出同样的不符。"))


@kind("sigmoid-words")
def sigmoid_words(version: str) -> Outcome:
    """"The activation is the sigmoid" against the formula the a lines evaluate (sympy)."""
    z = sp.Symbol("z_1")
    same = sp.simplify(parse(A_LINE_TEX) - 1 / (1 + sp.exp(-z))) == 0
    return Outcome(Verdict.CORRECT if same else Verdict.INCONSISTENT, "σ(z) = 1/(1 + e^(−z))", T(
        f"The a lines evaluate 1/(1 + e^(−z)) (line {A_LINE[version]} onwards; sympy: the same "
        "function as the sigmoid), and y = f(z) uses the same f. Only their numbers are wrong "
        "(sigmoid chapter).",
        f"计算 a 的各行用的是 1/(1 + e^(−z))（从第 {A_LINE[version]} 行起；sympy 验证它与 sigmoid 函数相同），"
        "y = f(z) 用的也是同一个 f。错的只是这些行的数值（见“sigmoid 神经元”一章）。"))


@kind("second-layer-declared")
def second_layer_declared(version: str, unit: int, line: int) -> Outcome:
    """The parameters of a second-layer unit's z line against the entries of the setup matrices."""
    terms, bias = UNITS[version][unit]
    params = [w for w, _ in terms] + [bias]
    W = parse_matrix(SETUP_W)
    rows, cols = len(W), len(W[0])
    undeclared = [p for p in params if not (int(p[2]) <= rows and int(p[3]) <= cols)]
    values = ", ".join(f"{p} = {OUTPUT_PARAMS[version][p][0]}" for p in params if p in OUTPUT_PARAMS[version])
    values_zh = "，".join(f"{p} = {OUTPUT_PARAMS[version][p][0]}" for p in params if p in OUTPUT_PARAMS[version])
    if not undeclared:
        return Outcome(Verdict.CORRECT, T("declared in the setup", "已在给定数据中声明"), "")
    lw, lb = SETUP_LINES[version][1:]
    # values that coincide with setup entries the hidden units leave unused (v2: the third row)
    mats = {"w": W, "b": parse_matrix(SETUP_B)}
    spare = {f"{k}_{r + 1}{c + 1}": mats[k][r][c] for k in "wb" for r in range(rows) for c in range(cols)
             if f"{k}_{r + 1}{c + 1}" not in setup_entries_used(version, k)}
    same = [f"{p} = {spare_name}" for p in undeclared if p in OUTPUT_PARAMS[version]
            for spare_name, val in spare.items()
            if spare_name[0] == p[0] and abs(val - float(OUTPUT_PARAMS[version][p][0])) < 1e-12][:2]
    coincide = (f" In value, {' and '.join(same)}, {'an entry' if len(same) == 1 else 'entries'} of the setup "
                f"that no hidden unit uses; the article never says that {'it is' if len(same) == 1 else 'they are'} "
                "meant." if same else "")
    coincide_zh = (f"从数值上看，{'，'.join(same)}，{'是' if len(same) == 1 else '都是'}给定矩阵中没有任何隐藏"
                   "神经元用到的元素；但文章从未说明这是有意为之。" if same else "")
    one = len(undeclared) == 1
    return Outcome(
        Verdict.INCONSISTENT, T(f"{len(undeclared)} of {len(params)} parameters undeclared",
              f"{len(params)} 个参数中有 {len(undeclared)} 个未声明"), T(
            f"z_{unit} uses {', '.join(params)}. The setup (lines {lw}–{lb}) gives w and b as {rows}×{cols} "
            f"matrices, whose entries are named w_11…w_{rows}{cols} and b_11…b_{rows}{cols}; "
            f"{', '.join(undeclared)} {'is' if one else 'are'} none of them and no earlier line "
            f"gives {'it' if one else 'them'} a value. The values appear for the first time "
            f"here, inside the arithmetic ({values}).{coincide}",
            f"z_{unit} 用到 {'、'.join(params)}。给定数据（第 {lw}–{lb} 行）把 w 和 b 给成 {rows}×{cols} 矩阵，"
            f"其元素记作 w_11…w_{rows}{cols} 和 b_11…b_{rows}{cols}；{'、'.join(undeclared)} 不在其中，前面也没有"
            f"哪一行给过{'它' if one else '它们'}值。这些值是在这一行的算式里第一次出现的（{values_zh}）。"
            f"{coincide_zh}"))


@kind("symbols-declared")
def symbols_declared(version: str, tex: str, what, value_note) -> Outcome:
    """The symbols of ``tex`` against those the example declares.  ``what`` and ``value_note`` are texts
    in both languages; the Chinese ``what`` is a name such as "学习率 η", put after a verb."""
    used = tex_symbols(tex)
    declared = DECLARED[version]
    missing = [s for s in used if s not in declared and s not in ("a", "y", "z", "δ")]
    lo, hi = MODEL_PARTS[version]
    if not missing:
        return Outcome(Verdict.CORRECT, T("declared", "已声明"), "")
    what_zh = zh_of(what)
    gap = "" if "\u4e00" <= what_zh[:1] <= "\u9fff" else " "     # a space before a symbol, none before Chinese
    return Outcome(
        Verdict.INCONSISTENT, T(f"{', '.join(missing)} never declared", f"{'、'.join(missing)} 从未声明"), T(
            f"The example declares {', '.join(f'{k} (line {n})' for k, n in declared.items())}, and §4.1 (lines "
            f"{lo}–{hi}) lists the model's parts as x, w, b and f. This line uses {what}, which no line of the "
            f"article declares; {value_note}",
            f"算例声明了 {'、'.join(f'{k}（第 {n} 行）' for k, n in declared.items())}，§4.1（第 {lo}–{hi} 行）"
            f"列出的模型组成部分也只有 x、w、b 和 f。这一行却用到了{gap}{what_zh}，文章没有任何一行声明过它；"
            f"{zh_of(value_note)}"))


@kind("derives-loss")
def derives_loss(version: str, formulas: tuple[tuple[int, str], ...]) -> Outcome:
    """A sentence announcing the gradients of the weights and biases against what §4.2 derives:
    ``formulas`` are its (line, quote) pairs."""
    with_y = [n for n, q in formulas if r"\partial y" in q]
    with_l = [n for n, q in formulas if r"\partial L" in q]
    if with_l:
        return Outcome(Verdict.CORRECT, T("∂L derived", "推导了 ∂L"), "")
    return Outcome(
        Verdict.INCONSISTENT, T("§4.2 stops at ∂y; §4.3 uses ∂L", "§4.2 只推到 ∂y；§4.3 却用 ∂L"), T(
            f"The sentence announces the gradients of the weights and biases. The section then derives "
            f"{len(with_y)} derivatives of the output y (lines {', '.join(map(str, with_y))}) and none of a loss: "
            f"the step ∂L/∂w = (∂L/∂y)·(∂y/∂w) is never written, and no loss L is defined, yet §4.3 uses ∂L/∂w "
            f"from line {FIRST_DL[version]} on. The gradient the update needs is that of the loss (chain rule; the "
            "derivations chapter works it out).",
            f"这句话说要计算权重和偏置的梯度，这一节接下来推导的却是输出 y 的 {len(with_y)} 个导数（第 "
            f"{'、'.join(map(str, with_y))} 行），没有一个是损失函数的导数：∂L/∂w = (∂L/∂y)·(∂y/∂w) 这一步从未"
            f"写出，也没有定义任何损失函数 L，而 §4.3 从第 {FIRST_DL[version]} 行起就在用 ∂L/∂w。更新需要的是"
            "损失函数的梯度（按链式法则求；“文章中的公式：证明或否证”一章给出了完整过程）。"))


@kind("step-parameters")
def step_parameters(version: str, step: str) -> Outcome:
    """The parameters whose gradient (``step`` "gradients") or update ("updates") §4.3 writes, against the
    units they belong to: a step that leaves out the first layer."""
    table = GRADIENT_LINES[version] if step == "gradients" else UPDATE_LINES[version]
    params = list(dict.fromkeys(table.values()))
    owners = {p: owner(version, p) for p in params}
    hid = set(hidden_units(version))
    first = first_layer_params(version)
    in_first = [p for p in params if owners[p] in hid]
    second = sorted({u for u in owners.values() if u is not None and u not in hid})
    orphans = [p for p in params if owners[p] is None]
    lines = sorted(table)
    head = (f"The {len(params)} parameters of this step (lines {lines[0]}–{lines[-1]}) belong to "
            f"z_{', z_'.join(map(str, second))}, the units computed from the first layer's outputs"
            + (f", or to no unit at all ({', '.join(orphans)})" if orphans else "")
            + f"; none of the {len(first)} parameters of the units z_{min(hid)}–z_{max(hid)} "
              f"({first[0]}…{first[-1]}, the setup matrices) gets "
            + ("a gradient." if step == "gradients" else "an update."))
    head_zh = (f"本步涉及的 {len(params)} 个参数（第 {lines[0]}–{lines[-1]} 行）属于 "
               f"z_{'、z_'.join(map(str, second))}，即由第一层的输出算出的神经元"
               + (f"，或者不属于任何神经元（{'、'.join(orphans)}）" if orphans else "")
               + f"；神经元 z_{min(hid)}–z_{max(hid)} 的 {len(first)} 个参数（{first[0]}…{first[-1]}，即开头给定的"
                 "矩阵）一个也没有"
               + ("求梯度。" if step == "gradients" else "更新。"))
    if in_first:
        return Outcome(Verdict.CORRECT, T("covers the first layer", "包括第一层"), "")
    out = OUTPUT_UNIT[version]
    if step == "gradients":
        return Outcome(Verdict.INCONSISTENT, T("no hidden-layer parameter", "没有隐藏层的参数"), T(
            "The heading says hidden-layer weights and biases. " + head
            + f" z_{out} is the output unit (y = f(z_{out})), so "
            "its weights are output-layer weights; the hidden layer's gradients are skipped.",
            "标题说的是隐藏层的权重和偏置。" + head_zh
            + f"z_{out} 是输出神经元（y = f(z_{out})），它的权重属于输出层；隐藏层的梯度被跳过了。"))
    return Outcome(Verdict.INCONSISTENT, T(f"0 of {len(first)} first-layer parameters updated",
                         f"第一层 {len(first)} 个参数中有 0 个被更新"), T(
        "The step announces the update of the network's weights and biases. " + head
        + " One step of gradient descent updates every parameter; the first layer's are left "
          "as they were.",
        "这一步的标题说要更新网络的权重和偏置。" + head_zh
        + "梯度下降的一步要更新所有参数，第一层的参数却原样未动。"))


@kind("unit-inputs")
def unit_inputs(version: str) -> Outcome:
    """The inputs each first-layer unit's z line reads (UNITS), against the article's own neuron, which
    combines all its inputs (y = f(w·x + b) with '·' a dot product; §3.2.1: each neuron takes the linear
    combination of its input signals)."""
    lay = computed_layout(version)
    inputs = lay["inputs"]
    reads = {j: sorted({i for _, i in UNITS[version][j][0]}) for j in lay["hidden"]}
    partial = [j for j, r in reads.items() if len(r) < len(inputs)]
    ln = NEURON_LINES[version]
    listed = "; ".join(f"z_{j}: {', '.join(r)}" for j, r in reads.items())
    listed_zh = "；".join(f"z_{j}：{'、'.join(r)}" for j, r in reads.items())
    n, m, k = len(partial), len(reads), len(inputs)
    if not partial:
        return Outcome(Verdict.CORRECT, T(f"every first-layer unit reads all {k} inputs",
                                          f"第一层每个神经元都读入全部 {k} 个输入"),
                       T(f"Inputs read: {listed}.", f"读入的输入：{listed_zh}。"))
    one = [j for j in partial if len(reads[j]) == 1]
    names = ", ".join(f"z_{j}" for j in partial)
    return Outcome(Verdict.INCONSISTENT, T(f"{n} of {m} first-layer units read fewer than the {k} inputs",
                                           f"第一层 {m} 个神经元中有 {n} 个读入的输入少于 {k} 个"), T(
        f"The article's neuron reads all its inputs: y = f(w·x + b) (line {ln['formula']}), where '·' is a dot "
        f"product (line {ln['dot']}), and the forward pass takes, for each neuron, the linear combination of its "
        f"input signals with weights and bias (line {ln['step']}); a layer of such neurons is fully connected, "
        f"each neuron having one weight per input. The worked example's z lines read: {listed}. So "
        f"{names} each take {'a single input' if len(one) == n else 'only some of the inputs'} and never combine "
        f"them all, and the first layer is "
        f"not a layer of the neurons the article defined (nor the fully connected layer nn.Linear(2, 3) of its "
        f"own code). A reader who follows the example learns a connection pattern that no formula of "
        f"the article describes.",
        f"文章定义的神经元读入它的全部输入：y = f(w·x + b)（第 {ln['formula']} 行），其中“·”是点积（第 "
        f"{ln['dot']} 行）；前向传播对每个神经元计算其输入信号与权重、偏置的线性组合（第 {ln['step']} 行）。"
        f"由这样的神经元组成的层是全连接的，每个神经元对每个输入各有一个权重。而算例中计算 z 的各行读入的是："
        f"{listed_zh}。所以 {'、'.join(f'z_{j}' for j in partial)} 各自{'只读一个输入' if len(one) == n else '只读部分输入'}，"
        f"从不把全部输入组合起来；第一层既不是"
        f"文章所定义的神经元组成的层，也不是文章自己代码里的全连接层 nn.Linear(2, 3)。照着算例学的读者学到的是"
        f"一种文章的任何公式都没有描述过的连接方式。"))
