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
inherited error).  The sigmoid evaluations (v1 lines 151–156 and 164, v2 lines
540–543 and 550) are registered in :mod:`.ch_sigmoid`; the chapter shows them in
its tables.

What "right" means
------------------
Formulas are judged against the four backpropagation equations on the network
that the article's own forward pass computes (lines 144–164, v2 535–550): each
``z`` line defines a unit, with exactly the inputs, weights and bias it names,
and the output is y = f(z_7) (v2: f(z_5)).  §4.3 never states its loss; the
only loss the article names is binary cross-entropy (its code, line 302 / 675),
with which the output error of a sigmoid unit is exactly δ = y − t.  Target
t = 1 (line 172: ``0.951 - 1``) and η = 0.1 (the update lines).

"Fed correct numbers" (``Outcome.corrected``) is the true value of the line's
quantity in that network, computed exactly with sympy (``sympy.diff`` of the
loss; independent of the engine and of the backpropagation equations).

Every text a reader sees (a claim's method, an outcome's words) is a
``T(english, chinese)`` built from the same computed values in both languages;
the English is what the chapter printed before the Chinese edition.  The end of
the module builds the chapter's other tables and the corrected example, in
either language, for book/worked-example-002.ipynb and its Chinese twin.
"""
from __future__ import annotations

import re
from functools import lru_cache

import sympy as sp

from ...errors import BpnnError
from ..i18n import T, Text, check_lang
from ..latexsym import evaluate, parse
from ..sources import ARTICLES
from .audited import comparison
from .registry import Claim, Outcome, Verdict, agrees, fmt
from .tex import tex_symbols

A002 = ARTICLES["002"]
PAGE = "worked-example-002"

C, AE, WF, IN, CA = (Verdict.CORRECT, Verdict.ARITHMETIC, Verdict.WRONG_FORMULA,
                     Verdict.INCONSISTENT, Verdict.CARRIED)

# ------------------------------------------------------------------ article data
#: line 134 / 525: the layout stated in words (input, hidden, output neurons);
#: tests check the phrases against the article
LAYOUT = {"v1": 134, "v2": 525}
LAYOUT_SIZES = (1, 2, 1)
LAYOUT_PHRASES = ("输入层有一个神经元", "隐层有两个神经元", "输出层有一个神经元")

SETUP_X = r"x = [1, 2]"
SETUP_W = r"w = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \\ 0.5 & 0.6 \end{bmatrix}"
SETUP_B = r"b = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \\ 0.5 & 0.6 \end{bmatrix}"
SETUP_LINES = {"v1": (136, 137, 138), "v2": (527, 528, 529)}


def parse_matrix(tex: str) -> list[list[float]]:
    """The entries of the first ``bmatrix`` in ``tex``, each evaluated by latexnum."""
    m = re.search(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", tex)
    if not m:
        raise BpnnError(f"no bmatrix in {tex!r}")
    rows = [r for r in m.group(1).split(r"\\")]
    return [[evaluate(cell) for cell in row.split("&")] for row in rows]


def parse_vector(tex: str) -> list[float]:
    m = re.search(r"\[([^\]]*)\]", tex)
    if not m:
        raise BpnnError(f"no [ … ] vector in {tex!r}")
    return [evaluate(v) for v in m.group(1).split(",")]


#: parameters of the second layer, as the forward pass states them:
#: name -> (value as printed, line, snippet of that line showing it)
OUTPUT_PARAMS = {
    "v1": {
        "w_71": ("0.7", 160, r"0.7 \cdot 0.865"), "w_72": ("0.8", 160, r"0.8 \cdot 0.697"),
        "b_71": ("0.1", 160, r"+ 0.1 = 1.676"),
        "w_81": ("0.9", 161, r"0.9 \cdot 0.436"), "w_82": ("0.1", 161, r"0.1 \cdot 0.286"),
        "b_81": ("0.2", 161, r"+ 0.2 = 0.686"),
        "w_91": ("1.1", 162, r"1.1 \cdot 0.206"), "w_92": ("0.2", 162, r"0.2 \cdot 0.126"),
        "b_91": ("0.3", 162, r"+ 0.3 = 0.446"),
    },
    "v2": {
        "w_51": ("0.5", 547, r"0.5 \cdot 0.865"), "w_52": ("0.6", 547, r"0.6 \cdot 0.697"),
        "b_51": ("0.1", 547, r"+ 0.1 = 1.676"),
        "w_61": ("0.6", 548, r"0.6 \cdot 0.436"), "w_62": ("0.7", 548, r"0.7 \cdot 0.286"),
        "b_61": ("0.2", 548, r"+ 0.2 = 0.686"),
    },
}

#: intermediate values the article states: name -> (value as printed, line, snippet)
STATED = {
    "v1": {
        "a_1": ("0.865", 151, r"\approx 0.865"), "a_2": ("0.697", 152, r"\approx 0.697"),
        "a_3": ("0.436", 153, r"\approx 0.436"), "a_4": ("0.286", 154, r"\approx 0.286"),
        "a_5": ("0.206", 155, r"\approx 0.206"), "a_6": ("0.126", 156, r"\approx 0.126"),
        "y": ("0.951", 164, r"\approx 0.951"), "t": ("1", 172, r"0.951 - 1"),
        "delta_7": ("-0.049", 172, r"= -0.049"), "delta_6": ("-0.007", 176, r"\approx -0.007"),
        "delta_5": ("-0.004", 177, r"\approx -0.004"),
    },
    "v2": {
        "a_1": ("0.865", 540, r"\approx 0.865"), "a_2": ("0.697", 541, r"\approx 0.697"),
        "a_3": ("0.436", 542, r"\approx 0.436"), "a_4": ("0.286", 543, r"\approx 0.286"),
        "y": ("0.951", 550, r"\approx 0.951"), "a_5": ("0.951", 550, r"y = f(z_5)"),
        "t": ("1", 558, r"0.951 - 1"),
        "delta_6": ("-0.049", 558, r"= -0.049"), "delta_5": ("-0.028", 562, r"\approx -0.028"),
    },
}

#: the units of the forward pass: z_j -> ([(weight, input), …], bias).  v1 z_5, z_6 are
#: taken as the numbers on lines 148/149 compute them (the same weight on x_1 and x_2).
UNITS = {
    "v1": {
        1: ([("w_11", "x_1")], "b_11"), 2: ([("w_12", "x_1")], "b_12"),
        3: ([("w_21", "x_2")], "b_21"), 4: ([("w_22", "x_2")], "b_22"),
        5: ([("w_31", "x_1"), ("w_31", "x_2")], "b_31"), 6: ([("w_32", "x_1"), ("w_32", "x_2")], "b_32"),
        7: ([("w_71", "a_1"), ("w_72", "a_2")], "b_71"), 8: ([("w_81", "a_3"), ("w_82", "a_4")], "b_81"),
        9: ([("w_91", "a_5"), ("w_92", "a_6")], "b_91"),
    },
    "v2": {
        1: ([("w_11", "x_1")], "b_11"), 2: ([("w_12", "x_1")], "b_12"),
        3: ([("w_21", "x_2")], "b_21"), 4: ([("w_22", "x_2")], "b_22"),
        5: ([("w_51", "a_1"), ("w_52", "a_2")], "b_51"), 6: ([("w_61", "a_3"), ("w_62", "a_4")], "b_61"),
    },
}
OUTPUT_UNIT = {"v1": 7, "v2": 5}
ETA = sp.Rational(1, 10)


def _rat(s: str) -> sp.Rational:
    return sp.Rational(s)


def parameter_values(version: str) -> dict[str, sp.Rational]:
    """Every parameter of the forward pass with the value the article gives it (exact)."""
    W = parse_matrix(SETUP_W)
    B = parse_matrix(SETUP_B)
    vals = {}
    for j in range(3):
        for k in range(2):
            vals[f"w_{j + 1}{k + 1}"] = sp.nsimplify(W[j][k])
            vals[f"b_{j + 1}{k + 1}"] = sp.nsimplify(B[j][k])
    vals.update({n: _rat(v) for n, (v, _, _) in OUTPUT_PARAMS[version].items()})
    used = {p for terms, b in UNITS[version].values() for p in [b] + [w for w, _ in terms]}
    return {n: v for n, v in vals.items() if n in used}


@lru_cache(maxsize=None)
def article_network(version: str) -> dict[str, float]:
    """True values in the network the article's forward pass computes, exactly (sympy).

    Keys: ``z_j``, ``a_j``, ``y``, ``L``, ``delta_j`` (= ∂L/∂z_j, taken as ∂L/∂ of
    z_j's bias), ``g_<param>`` (∂L/∂param) and ``new_<param>`` (after one SGD step,
    η = 0.1).  The loss is binary cross-entropy with t = 1 (see the module notes).
    """
    params = parameter_values(version)
    sym = {n: sp.Symbol(n, real=True) for n in params}
    x = parse_vector(SETUP_X)
    env: dict[str, sp.Expr] = {"x_1": sp.nsimplify(x[0]), "x_2": sp.nsimplify(x[1])}
    z: dict[int, sp.Expr] = {}
    for j, (terms, bias) in sorted(UNITS[version].items()):
        z[j] = sum(sym[w] * env[inp] for w, inp in terms) + sym[bias]
        env[f"a_{j}"] = 1 / (1 + sp.exp(-z[j]))
    y = env[f"a_{OUTPUT_UNIT[version]}"]
    t = 1
    L = -(t * sp.log(y) + (1 - t) * sp.log(1 - y))
    at = {sym[n]: v for n, v in params.items()}   # exact values; xreplace: plain substitution, no matching
    out: dict[str, float] = {}
    for j in z:
        out[f"z_{j}"] = float(sp.N(z[j].xreplace(at), 30))
        out[f"a_{j}"] = float(sp.N(env[f"a_{j}"].xreplace(at), 30))
        out[f"delta_{j}"] = float(sp.N(sp.diff(L, sym[UNITS[version][j][1]]).xreplace(at), 30))
    out["y"] = float(sp.N(y.xreplace(at), 30))
    out["L"] = float(sp.N(L.xreplace(at), 30))
    for n in params:
        g = sp.diff(L, sym[n]).xreplace(at)
        out[f"g_{n}"] = float(sp.N(g, 30))
        out[f"new_{n}"] = float(sp.N(params[n] - ETA * g, 30))
        out[f"old_{n}"] = float(params[n])
    return out


def _stated(version: str, name: str) -> float:
    if name in STATED[version]:
        return float(STATED[version][name][0])
    if name in OUTPUT_PARAMS[version]:
        return float(OUTPUT_PARAMS[version][name][0])
    raise BpnnError(f"article 002 {version} states no value for {name}")


def _where(version: str, name: str) -> int:
    return (STATED[version].get(name) or OUTPUT_PARAMS[version][name])[1]


def owner(version: str, param: str) -> int | None:
    """The unit whose z line uses ``param`` (as a weight or as its bias), or None."""
    for j, (terms, bias) in UNITS[version].items():
        if param == bias or any(w == param for w, _ in terms):
            return j
    return None


def _zline(version: str, unit: int) -> int:
    """The line of a second-layer unit's z (the line that states its bias)."""
    return OUTPUT_PARAMS[version][UNITS[version][unit][1]][1]


def _minus(printed: str) -> str:
    """A stated number as the explanations print it (with a true minus sign)."""
    return printed.replace("-", "−")


def _zh(text) -> str:
    """The Chinese of a text built here: a :class:`Text`'s twin, or a language-neutral string as it is."""
    return text.zh if isinstance(text, Text) else str(text)


def _then(first, second) -> Text | str:
    """Two sentences one after the other: a space between them in English, none in Chinese
    (a Chinese sentence ends with its full stop).  Either may be empty."""
    if not first:
        return second
    if not second:
        return first
    return T(f"{first} {second}", f"{_zh(first)}{_zh(second)}")


def _format(template, **values) -> Text | str:
    """``template`` (a :class:`Text` with ``{name}`` fields, or "") filled in both languages: a
    :class:`Text` value gives its English to the English text and its Chinese to the Chinese one."""
    if not template:
        return template
    return T(str(template).format(**{k: str(v) for k, v in values.items()}),
             template.zh.format(**{k: _zh(v) for k, v in values.items()}))


def _unreached(version: str, unit: int) -> Text:
    """That z_unit does not reach y; its error is named ∂L/∂z_unit where the article gives δ_unit to another unit."""
    out = OUTPUT_UNIT[version]
    if f"delta_{unit}" in STATED[version]:
        return T(f"z_{unit} does not reach y = f(z_{out}), so its error ∂L/∂z_{unit} is 0.",
                 f"z_{unit} 影响不到 y = f(z_{out})，所以它的误差项 ∂L/∂z_{unit} 为 0。")
    return T(f"z_{unit} does not reach y = f(z_{out}), so δ_{unit} = 0.",
             f"z_{unit} 影响不到 y = f(z_{out})，所以 δ_{unit} = 0。")


#: the line of each version's listing that names its loss (nn.BCELoss), the only loss the article names
BCE_LINE = {"v1": 302, "v2": 675}


def _corrected(true: float | None, shown: float | None) -> str | None:
    if true is None or (shown is not None and abs(true - shown) < 5e-5):
        return None
    return fmt(true)


# ------------------------------------------------------------------ checks
def _value_check(version, line, tex, claimed, qty, note="", eta_note=None):
    """Arithmetic of the numbers as written, as the audit judges it (:mod:`.audited`);
    CORRECT / CARRIED / ARITHMETIC."""
    def check() -> Outcome:
        c = comparison(A002, line, tex, claimed)
        value = c.left_value
        true = article_network(version)[qty] if qty else None
        detail = note
        if eta_note is not None:
            old, grad = eta_note
            if agrees(claimed, old - grad) and not c.ok:
                detail = _then(detail, T(
                    f"The stated {claimed} is {old:g} − ({grad:g}), the step without η (as if η = 1).",
                    f"文中的 {claimed} 等于 {old:g} − ({grad:g})，是没有乘 η 的一步（相当于 η = 1）。"))
        if not c.ok:
            return Outcome(AE, fmt(value), detail, value, _corrected(true, value))
        if true is None or agrees(claimed, true):
            return Outcome(C, fmt(value), detail, value)
        return Outcome(CA, fmt(value), detail, value, fmt(true))
    return check


def _carried_check(version, claimed, qty, why):
    """A line that only restates an earlier value: CORRECT when it is the true value, else CARRIED."""
    def check() -> Outcome:
        value, true = float(claimed), article_network(version)[qty]
        if agrees(claimed, true):
            return Outcome(C, fmt(value), why, value)
        return Outcome(CA, fmt(value), why, value, fmt(true))
    return check


def _formula_check(version, article_tex, right_tex, right_values, qty, why, arith=None):
    """Symbolic comparison of the article's formula with backpropagation's (as identities)."""
    def check() -> Outcome:
        diff = sp.simplify(parse(article_tex) - parse(right_tex))
        right_value = evaluate(right_tex, right_values)
        true = article_network(version)[qty] if qty else None
        detail = why
        if arith is not None:
            a_tex, a_claimed = arith
            a_val = evaluate(a_tex, None)
            if agrees(a_claimed, a_val):
                detail = T(f"{detail} (Its arithmetic is right: the numbers give {fmt(a_val)}.)",
                           f"{_zh(detail)}（算术本身没有错：这些数字算出来正是 {fmt(a_val)}。）")
        if diff == 0:
            return Outcome(C, fmt(right_value), detail, right_value, _corrected(true, right_value))
        return Outcome(WF, fmt(right_value), detail, right_value, _corrected(true, right_value))
    return check


def _inconsistent_check(version, name, used, tex, var, qty, why):
    """A number used for ``name`` against the value an earlier line states for it."""
    def check() -> Outcome:
        stated = _stated(version, name)
        value = evaluate(tex, {var: stated})
        true = article_network(version)[qty] if qty else None
        if abs(float(used) - stated) > 1e-12:
            return Outcome(IN, fmt(value), why, value, _corrected(true, value))
        return Outcome(C, fmt(value), why, value, _corrected(true, value))
    return check


def _missing_param_check(version, name, unit, why):
    """A parameter the forward pass does not have."""
    def check() -> Outcome:
        params = parameter_values(version)
        bias = UNITS[version][unit][1]
        if name in params:
            return Outcome(C, T("a parameter", "是网络的参数"), why)
        return Outcome(IN, T(f"no {name} in the network", f"网络中没有 {name}"),
                       T(f"z_{unit} has one bias, {bias}. {why}", f"z_{unit} 只有一个偏置 {bias}。{_zh(why)}"))
    return check


def hidden_units(version: str) -> list[int]:
    """The units of the first layer as the z lines compute them: those whose inputs are all x's."""
    return sorted(j for j, (terms, _) in UNITS[version].items() if all(i.startswith("x_") for _, i in terms))


def setup_entries_used(version: str, kind: str) -> list[str]:
    """The entries of the setup matrix ``kind`` ("w" or "b", 3×2, names w_jk / b_jk) the z lines use."""
    used = []
    for j in hidden_units(version):
        terms, bias = UNITS[version][j]
        for name in ([w for w, _ in terms] if kind == "w" else [bias]):
            if name not in used:
                used.append(name)
    return used


def _setup_check(kind, tex, version):
    """Shape of a setup line against the layout stated in words; every fact in the detail is
    taken from the data of ``version`` (its layout line, its z lines), so v1 and v2 cannot share a stale text."""
    def check() -> Outcome:
        n_in, n_hid, n_out = LAYOUT_SIZES
        line = LAYOUT[version]
        hid = hidden_units(version)
        z_range = f"z_{hid[0]}–z_{hid[-1]}"
        inputs = sorted({i for j in hid for _, i in UNITS[version][j][0]})
        if kind == "x":
            x = parse_vector(tex)
            ok = len(x) == n_in
            return Outcome(C if ok else IN, T(f"{len(x)} inputs", f"{len(x)} 个输入"), T(
                f"Line {line} gives the input layer {n_in} neuron; x has {len(x)} components, and the "
                f"z lines use {len(inputs)} of them ({' and '.join(inputs)}).",
                f"第 {line} 行说输入层有 {n_in} 个神经元；x 却有 {len(x)} 个分量，计算 z 的各行用到了其中 "
                f"{len(inputs)} 个（{' 和 '.join(inputs)}）。"))
        M = parse_matrix(tex)
        shape = (len(M), len(M[0]))
        n_entries = shape[0] * shape[1]
        used = setup_entries_used(version, kind)
        unused = n_entries - len(used)
        rest = "" if unused == 0 else f"; the other {unused} entries are used by none of them"
        rest_zh = "" if unused == 0 else f"；其余 {unused} 个元素没有任何神经元用到"
        if kind == "w":
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
        return Outcome(C if fits else IN, T(f"shape {shape[0]}×{shape[1]}", f"形状 {shape[0]}×{shape[1]}"), detail)
    return check


# ------------------------------------------------------------------ claim builders
def _mk(version, line, part, quote, claimed, reviewed, check, method, topic, label):
    return Claim(
        id=f"002-{version}-L{line}-{part}", source=A002, line=line, quote=quote, claimed=claimed,
        method=method, check=check, reviewed=reviewed, explained_in=f"{PAGE}#{label}", topic=topic,
    )


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

TOPICS = {
    "setup": "we-setup", "forward": "we-forward", "output error": "we-output-error",
    "hidden deltas": "we-hidden-deltas", "gradients": "we-gradients", "updates": "we-updates",
    "derivatives": "we-derivatives",
}


def arith(v, line, part, tex, claimed, *, reviewed, qty, topic, rel="=", note="", eta_note=None):
    """An arithmetic claim: the numbers as written, ``tex``, give the stated value (quoted as ``tex rel claimed``);
    the audit decides (:func:`_value_check`)."""
    quote = f"{tex} {rel} {claimed}"
    return _mk(v, line, part, quote, claimed, reviewed,
               _value_check(v, line, tex, claimed, qty, note, eta_note=eta_note), M_ARITH, topic, TOPICS[topic])


def formula(v, line, part, *, quote, article, right, values, claimed, qty, topic, why, arith_=None):
    """A *wrong formula* claim: the article's formula (``article``, TeX) against backpropagation's (``right``,
    evaluated at ``values``); ``qty`` names the true value in :func:`article_network`."""
    return _mk(v, line, part, quote, claimed, WF,
               _formula_check(v, article, right, values, qty, why, arith_), M_FORMULA, topic, TOPICS[topic])


def incons(v, line, part, *, quote, name, used, tex, claimed, qty, topic, why):
    """An *inconsistent* claim: the number ``used`` for ``name`` against the value an earlier line states;
    ``tex`` is the line's expression with ``p`` in place of that number."""
    return _mk(v, line, part, quote, claimed, IN,
               _inconsistent_check(v, name, used, tex, "p", qty, why), M_INCONS, topic, TOPICS[topic])


def no_param(v, line, part, quote, name, unit, claimed, topic, why):
    return _mk(v, line, part, quote, claimed, IN, _missing_param_check(v, name, unit, why), M_PARAM, topic,
               TOPICS[topic])


#: the second layer's z lines: version -> [(line, unit, the numbers as written, stated value, reviewed verdict)]
SECOND_Z = {
    "v1": [(160, 7, r"0.7 \cdot 0.865 + 0.8 \cdot 0.697 + 0.1", "1.676", AE),
           (161, 8, r"0.9 \cdot 0.436 + 0.1 \cdot 0.286 + 0.2", "0.686", AE),
           (162, 9, r"1.1 \cdot 0.206 + 0.2 \cdot 0.126 + 0.3", "0.446", AE)],
    "v2": [(547, 5, r"0.5 \cdot 0.865 + 0.6 \cdot 0.697 + 0.1", "1.676", AE),
           (548, 6, r"0.6 \cdot 0.436 + 0.7 \cdot 0.286 + 0.2", "0.686", AE)],
}


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
            note = _then(T(f"z_{j} is computed but never used: y = f(z_{out}).",
                           f"z_{j} 算出来了，却从未被使用：y = f(z_{out})。"),
                         T(f"{c} is v1's z_{same[0][0]} (line {same[0][1]}).",
                           f"{c} 就是 v1 的 z_{same[0][0]}（第 {same[0][1]} 行）。") if same else "")
        cl.append(arith(v, line, f"z{j}", tex, c, reviewed=reviewed, qty=f"z_{j}", topic="forward", note=note))
    return cl


# ------------------------------------------------------------------ version 1
def _setup(v):
    lx, lw, lb = SETUP_LINES[v]
    return [
        _mk(v, lx, "x", SETUP_X, None, IN, _setup_check("x", SETUP_X, v), M_SETUP, "setup", "we-setup"),
        _mk(v, lw, "w", SETUP_W, None, IN, _setup_check("w", SETUP_W, v), M_SETUP, "setup", "we-setup"),
        _mk(v, lb, "b", SETUP_B, None, IN, _setup_check("b", SETUP_B, v), M_SETUP, "setup", "we-setup"),
    ]


def _hidden_z(v, first):
    rows = [(1, r"0.1 \cdot 1 + 0.1", "0.2"), (2, r"0.2 \cdot 1 + 0.2", "0.4"),
            (3, r"0.3 \cdot 2 + 0.3", "0.9"), (4, r"0.4 \cdot 2 + 0.4", "1.2")]
    return [arith(v, first + i, f"z{j}", tex, c, reviewed=C, qty=f"z_{j}", topic="forward")
            for i, (j, tex, c) in enumerate(rows)]


def _update_lines(v, rows):
    """rows: (line, param, old as printed, gradient as printed, stated new, kind) with kind in
    'ok' (old value consistent), 'old' (old value contradicts an earlier line), 'missing' (no such param)."""
    out = []
    for line, name, old, grad, new, kind in rows:
        tex = f"{old} - 0.1 \\cdot {grad}"
        qty = f"new_{name}" if kind != "missing" else None
        if kind == "old":
            out.append(incons(
                v, line, f"{name.replace('_', '')}-old", quote=f"\\approx {old} - 0.1", name=name, used=old,
                tex=f"p - 0.1 \\cdot {grad}", claimed=new, qty=qty, topic="updates", why=T(
                    f"{name} is {_stated(v, name):g} on line {_where(v, name)}, not {old}; "
                    f"{old} is an entry of the setup matrices (line {SETUP_LINES[v][1]}/{SETUP_LINES[v][2]}). "
                    f"The true column is the step from {_stated(v, name):g}.",
                    f"第 {_where(v, name)} 行的 {name} 是 {_stated(v, name):g}，不是 {old}；{old} 是开头给定的矩阵"
                    f"里的元素（第 {SETUP_LINES[v][1]}/{SETUP_LINES[v][2]} 行）。“真值”一栏是从 "
                    f"{_stated(v, name):g} 出发走的一步。")))
        elif kind == "missing":
            unit = int(name[2])
            out.append(no_param(
                v, line, f"{name.replace('_', '')}-param", f"{name[0]}_{{{name[2:]}}} = {name[0]}_{{{name[2:]}}}",
                name, unit, new, "updates",
                T(f"Nothing in the forward pass uses {name}, and no earlier line gives it the value {old}.",
                  f"前向传播中没有用到 {name}，前面也没有哪一行给过它 {old} 这个值。")))
        out.append(arith(v, line, f"{name.replace('_', '')}-arith", tex, new, reviewed=AE, qty=qty, topic="updates",
                         eta_note=(float(old), float(grad))))
    return out


def _v1() -> list[Claim]:
    v = "v1"
    cl = _setup(v) + _hidden_z(v, 144)
    # z_5, z_6: x_2 without a weight in the formula; numbers that do not add up
    for line, j, w, b, tex, c, wv in ((148, 5, "w_{31}", "b_{31}", r"0.5 \cdot 1 + 0.5 \cdot 2 + 0.5", "1.5", 0.5),
                                      (149, 6, "w_{32}", "b_{32}", r"0.6 \cdot 1 + 0.6 \cdot 2 + 0.6", "2.2", 0.6)):
        written = f"{w} \\cdot x_1 + x_2 + {b}"
        as_written = evaluate(written, {w.replace("{", "").replace("}", ""): wv, "x_1": 1, "x_2": 2,
                                        b.replace("{", "").replace("}", ""): wv})
        cl.append(formula(
            v, line, f"z{j}-formula", quote=written, article=written, right=f"{w} \\cdot x_1 + {w} \\cdot x_2 + {b}",
            values={_plain(w): wv, "x_1": 1, "x_2": 2, _plain(b): wv}, claimed=c, qty=f"z_{j}", topic="forward",
            why=T(f"x_2 enters without a weight, so this is not a weighted input Σ w·x + b (as written it gives "
                  f"{as_written:g}). The numbers on the line weight x_2 by {wv:g} as well, i.e. compute "
                  f"w(x_1 + x_2) + b; that is the value shown.",
                  f"x_2 没有乘权重，所以这不是加权输入 Σ w·x + b（照原样算得 {as_written:g}）。这一行的数字给 x_2 "
                  f"也乘了 {wv:g}，算的其实是 w(x_1 + x_2) + b；表中给出的就是这个值。")))
        cl.append(arith(v, line, f"z{j}-arith", tex, c, reviewed=AE, qty=f"z_{j}", topic="forward"))
    cl += _second_layer_z(v) + [
        # output error
        _mk(v, 172, "delta7", r"\delta_7 = y - \hat{y} = 0.951 - 1 = -0.049", "-0.049", CA,
            _output_error_check(v, r"0.951 - 1", "-0.049", "delta_7", 7), M_FORMULA_ARITH,
            "output error", "we-output-error"),
    ]
    # hidden deltas
    for line, j, wname, used, right_w, a, c, atex in (
            (176, 6, "w_96", "1.1", "w_92", "0.126", "-0.007", r"0.126 \cdot (1 - 0.126) \cdot (1.1 \cdot -0.049)"),
            (177, 5, "w_95", "0.9", "w_91", "0.206", "-0.004", r"0.206 \cdot (1 - 0.206) \cdot (0.9 \cdot -0.049)")):
        wt = f"w_{{{wname[2:]}}}"
        art = f"a_{j} \\cdot (1 - a_{j}) \\cdot ({wt} \\cdot \\delta_7)"
        fed, out = owner(v, right_w), OUTPUT_UNIT[v]
        other = next(n for n, (val, _, _) in OUTPUT_PARAMS[v].items() if val == used and n != right_w)
        cl += [
            formula(v, line, f"delta{j}-formula", quote=art, article=art,
                    right=f"a_{j} \\cdot (1 - a_{j}) \\cdot ({wt} \\cdot \\delta_{fed})",
                    values={f"a_{j}": _stated(v, f"a_{j}"), wname: _stated(v, right_w), f"delta_{fed}": 0.0},
                    claimed=c, qty=f"delta_{j}", topic="hidden deltas", why=T(
                        f"a_{j} feeds only z_{fed} (line {_zline(v, fed)}, weight {right_w}), so BP2 gives "
                        f"δ_{j} = a_{j}(1 − a_{j})·{right_w}·δ_{fed} — not δ_{out}: a_{j} is not an input of z_{out} "
                        f"(line {_zline(v, out)}). And z_{fed} does not reach y = f(z_{out}), so δ_{fed} = 0 and "
                        f"δ_{j} = 0.",
                        f"a_{j} 只是 z_{fed} 的输入（第 {_zline(v, fed)} 行，权重 {right_w}），所以 BP2 给出 "
                        f"δ_{j} = a_{j}(1 − a_{j})·{right_w}·δ_{fed}，乘的不是 δ_{out}：a_{j} 并不是 "
                        f"z_{out} 的输入（第 {_zline(v, out)} 行）。而 z_{fed} 影响不到 y = f(z_{out})，所以 "
                        f"δ_{fed} = 0，δ_{j} 也等于 0。")),
            incons(v, line, f"delta{j}-weight", quote=f"({used} \\cdot -0.049)", name=right_w, used=used,
                   tex=f"{a} \\cdot (1 - {a}) \\cdot (p \\cdot -0.049)", claimed=c, qty=f"delta_{j}",
                   topic="hidden deltas", why=T(
                       f"The weight from a_{j} into z_{fed} is {right_w} = {_stated(v, right_w):g} (line "
                       f"{_where(v, right_w)}); the line uses {used}, which line {_where(v, other)} gives to another "
                       f"connection ({other}). The true column is the line's expression with the weight of line "
                       f"{_where(v, right_w)}.",
                       f"从 a_{j} 到 z_{fed} 的权重是 {right_w} = {_stated(v, right_w):g}（第 {_where(v, right_w)} "
                       f"行）；这一行用的却是 {used}，而第 {_where(v, other)} 行把这个数给了另一条连接（{other}）。"
                       f"“真值”一栏是把第 {_where(v, right_w)} 行的权重代入这一行的表达式所得的值。")),
            arith(v, line, f"delta{j}-arith", atex, c, rel="\\approx", reviewed=AE, qty=f"delta_{j}",
                  topic="hidden deltas"),
        ]
    cl += _gradients(v) + _update_lines(v, [
        (201, "w_71", "0.1", "-0.003", "0.103", "old"), (202, "b_71", "0.1", "-0.049", "0.149", "ok"),
        (204, "w_72", "0.2", "-0.003", "0.203", "old"), (205, "b_72", "0.2", "-0.049", "0.149", "missing"),
        (207, "w_81", "0.3", "-0.001", "0.301", "old"), (208, "b_81", "0.3", "-0.007", "0.307", "old"),
        (210, "w_82", "0.4", "-0.001", "0.401", "old"), (211, "b_82", "0.4", "-0.007", "0.407", "missing"),
        (213, "w_91", "0.5", "-0.000", "0.501", "old"), (214, "b_91", "0.5", "-0.004", "0.504", "old"),
        (216, "w_92", "0.6", "-0.000", "0.601", "old"), (217, "b_92", "0.6", "-0.004", "0.604", "missing"),
    ])
    return cl


def _output_error_check(v, tex, claimed, qty, unit):
    """δ = y − t: verify with sympy that it is ∂L/∂z for sigmoid + cross-entropy (not for ½ squared error)."""
    def check() -> Outcome:
        z, t = sp.symbols("z t", real=True)
        y = 1 / (1 + sp.exp(-z))
        bce = -(t * sp.log(y) + (1 - t) * sp.log(1 - y))
        if sp.simplify(sp.diff(bce, z) - (y - t)) != 0:
            raise BpnnError("y − t is not ∂L/∂z for sigmoid + cross-entropy?")
        half_sse = sp.Rational(1, 2) * (y - t) ** 2
        if sp.simplify(sp.diff(half_sse, z) - (y - t)) == 0:
            raise BpnnError("y − t is ∂L/∂z for ½ squared error?")
        ys, ts = _stated(v, "y"), _stated(v, "t")
        sse_delta = (ys - ts) * ys * (1 - ys)
        note = T(f"ŷ is the target t = {ts:g} here. With the loss the article's code uses (binary cross-entropy, "
                 f"line {BCE_LINE[v]}), δ_{unit} = ∂L/∂z_{unit} = y − t exactly (sympy), so the formula is "
                 f"right; with ½ squared error y − t would be ∂L/∂y, and δ_{unit} = (y − t)·y(1 − y) = "
                 f"{fmt(sse_delta)} with the article's numbers. The value is wrong because y = {ys:g} is.",
                 f"这里的 ŷ 是目标值 t = {ts:g}。用文章代码所用的损失函数（二元交叉熵，第 {BCE_LINE[v]} 行），"
                 f"δ_{unit} = ∂L/∂z_{unit} 恰好等于 y − t（sympy 验证），所以公式没有错；若用带 ½ 的平方误差，"
                 f"y − t 只是 ∂L/∂y，δ_{unit} 应为 (y − t)·y(1 − y)，代入文章的数字得 {fmt(sse_delta)}。"
                 f"数值之所以错，是因为 y = {ys:g} 本身就错了。")
        out = _value_check(v, STATED[v]["t"][1], tex, claimed, qty, note)()
        return out
    return check


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


def _output_error_name(v) -> int:
    """The index of the δ the output-error line (y − t) names (v1: 7, v2: 6)."""
    line = STATED[v]["t"][1]
    return next(int(k[6:]) for k, (_, at, _) in STATED[v].items() if k.startswith("delta_") and at == line)


def _gradient_terms(v, param, used):
    """(unit, the δ the article uses, the right δ, its value as the article's numbers give it) as TeX names;
    the right δ of the output unit is the article's own name for the output error, and a unit whose δ_j
    the article gives to another unit is written δ_{z_j}."""
    unit = int(param[2])
    if unit == OUTPUT_UNIT[v]:
        name = _output_error_name(v)
        return unit, rf"\delta_{used}", rf"\delta_{name}", _stated(v, f"delta_{name}")
    right = rf"\delta_{{z_{unit}}}" if f"delta_{unit}" in STATED[v] else rf"\delta_{unit}"
    return unit, rf"\delta_{used}", right, 0.0


def _why(v, unit, template) -> Text | str:
    name = _output_error_name(v)
    return _format(template, zline=_zline(v, unit) if unit != OUTPUT_UNIT[v] else "", unreached=_unreached(v, unit),
                   err=_minus(STATED[v][f"delta_{name}"][0]), err_line=STATED[v][f"delta_{name}"][1])


def _plain(tex: str) -> str:
    return tex.replace("\\", "").replace("{", "").replace("}", "")


def _about(param: str, why) -> Text:
    """``why`` headed by the gradient it is about: "∂L/∂w_71: …"."""
    return T(f"∂L/∂{param}: {why}", f"∂L/∂{param}：{_zh(why)}")


def _grad_pair(v, line, wname, used, c, kind, template):
    """A weight-gradient line: formula claim, and an arithmetic claim where the arithmetic is wrong."""
    unit, delta_art, delta_right, delta_right_val = _gradient_terms(v, wname, used)
    a = next(i for w, i in UNITS[v][unit][0] if w == wname)
    atex = f"{STATED[v][a][0]} \\cdot (1 - {STATED[v][a][0]}) \\cdot {STATED[v][f'delta_{used}'][0]}"
    arith_ok = kind == "formula"
    wt = f"{wname[0]}_{{{wname[2:]}}}"
    art = f"{a} \\cdot (1 - {a}) \\cdot {delta_art}"
    right = f"{a} \\cdot {delta_right}"
    dr, da = _plain(delta_right), _plain(delta_art)
    vals = {a: _stated(v, a), dr: delta_right_val}
    if da != dr:
        vals[da] = 0.0  # unused by the right formula
    out = [formula(v, line, f"d{wname.replace('_', '')}-formula", quote=art, article=art, right=right, values=vals,
                   claimed=c, qty=f"g_{wname}", topic="gradients", why=_about(_plain(wt), _why(v, unit, template)),
                   arith_=None if not arith_ok else (atex, c))]
    if not arith_ok:
        out.append(arith(v, line, f"d{wname.replace('_', '')}-arith", atex, c, rel="\\approx", reviewed=AE,
                         qty=f"g_{wname}", topic="gradients"))
    return out


def _bias_line(v, line, bname, used, c, kind, template):
    """A bias-gradient line ∂L/∂b = δ: carried, wrong formula, and/or a parameter that does not exist."""
    unit, delta_art, delta_right, delta_right_val = _gradient_terms(v, bname, used)
    why = _why(v, unit, template)
    out = []
    bt = f"b_{{{bname[2:]}}}"
    quote = f"\\frac{{\\partial L}}{{\\partial {bt}}} = {delta_art} \\approx {c}"
    if "missing" in kind:
        out.append(no_param(v, line, f"d{bname.replace('_', '')}-param", quote, bname, unit, c, "gradients",
                            T(f"L does not depend on {bname}.", f"L 与 {bname} 无关。")))
    if "formula" in kind:
        out.append(formula(v, line, f"d{bname.replace('_', '')}-formula",
                           quote=f"\\frac{{\\partial L}}{{\\partial {bt}}} = {delta_art}", article=delta_art,
                           right=delta_right, values={_plain(delta_right): delta_right_val, _plain(delta_art): 0.0},
                           claimed=c, qty=f"delta_{unit}", topic="gradients", why=why))
    if kind == "carried":
        out.append(_mk(v, line, f"d{bname.replace('_', '')}", quote, c, CA,
                       _carried_check(v, c, f"g_{bname}", why), M_FORMULA_ARITH, "gradients",
                       "we-gradients"))
    return out


def _gradients(v) -> list[Claim]:
    """The claims of backward step 3, one or more per row of :data:`GRADIENTS`."""
    return [claim for line, param, used, c, kind, why in GRADIENTS[v]
            for claim in (_grad_pair if param[0] == "w" else _bias_line)(v, line, param, used, c, kind, why)]


# ------------------------------------------------------------------ version 2
def _v2() -> list[Claim]:
    v = "v2"
    sv = lambda n: _stated(v, n)  # noqa: E731
    cl = _setup(v) + _hidden_z(v, 535) + _second_layer_z(v)
    cl += [
        _mk(v, 558, "delta6-name", r"\delta_6 = y - \hat{y}", "-0.049", IN,
            _output_name_check(v), M_INCONS, "output error", "we-output-error"),
    ]
    out, z6 = OUTPUT_UNIT[v], _zline(v, 6)
    err_line, err = STATED[v]["delta_6"][1], _minus(STATED[v]["delta_6"][0])     # the output error, named δ_6
    atex = r"0.951 \cdot (1 - 0.951) \cdot (0.6 \cdot -0.049)"
    cl += [
        formula(v, 562, "delta5-formula", quote=r"a_5 \cdot (1 - a_5) \cdot (w_{56} \cdot \delta_6)",
                article=r"a_5 \cdot (1 - a_5) \cdot (w_{56} \cdot \delta_6)", right=r"\delta_6",
                values={"delta_6": sv("delta_6"), "a_5": sv("a_5"), "w_56": 0.6}, claimed="-0.028", qty="delta_5",
                topic="hidden deltas", why=T(
                    f"z_{out} is the output unit (y = f(z_{out}), line {STATED[v]['y'][1]}), so its error is the output "
                    f"error of line {err_line} ({err}, which the article names δ_6), not a hidden-unit recursion; there "
                    f"is no weight w_56: z_{out} feeds nothing (z_6 uses "
                    f"{' and '.join(i for _, i in UNITS[v][6][0])}, line {z6}).",
                    f"z_{out} 是输出神经元（y = f(z_{out})，第 {STATED[v]['y'][1]} 行），它的误差项就是第 {err_line} "
                    f"行的输出层误差项（{err}，文章记作 δ_6），不用按隐藏神经元那样递推；权重 w_56 也不存在：z_{out} "
                    f"不再输入任何神经元（z_6 用的是 {' 和 '.join(i for _, i in UNITS[v][6][0])}，第 {z6} 行）。")),
        arith(v, 562, "delta5-arith", atex, "-0.028", rel="\\approx", reviewed=AE, qty="delta_5", topic="hidden deltas"),
    ]
    cl += _gradients(v)
    cl += _update_lines(v, [
        (580, "w_51", "0.5", "-0.003", "0.503", "ok"), (581, "b_51", "0.1", "-0.049", "0.149", "ok"),
        (583, "w_52", "0.6", "-0.003", "0.603", "ok"), (584, "b_52", "0.2", "-0.049", "0.149", "missing"),
        (586, "w_61", "0.6", "-0.001", "0.601", "ok"), (587, "b_61", "0.2", "-0.028", "0.228", "ok"),
        (589, "w_62", "0.7", "-0.001", "0.701", "ok"), (590, "b_62", "0.3", "-0.028", "0.328", "missing"),
    ])
    return cl


def _output_name_check(v):
    """The name the output-error line gives its δ (v2 line 558: δ_6) against the output unit."""
    def check() -> Outcome:
        unit = OUTPUT_UNIT[v]
        net = article_network(v)
        line = STATED[v]["t"][1]                 # the output-error line, y − t
        named = next(int(k[6:]) for k, (_, at, _) in STATED[v].items() if k.startswith("delta_") and at == line)
        value = comparison(A002, line, f"{STATED[v]['y'][0]} - {STATED[v]['t'][0]}", STATED[v][f"delta_{named}"][0])
        hidden = next(at for k, (_, at, _) in STATED[v].items() if k == f"delta_{unit}")
        if named == unit:
            return Outcome(C, fmt(net[f"delta_{unit}"]), T(
                f"The output unit is z_{unit}, and line {line} names its error δ_{unit}.",
                f"输出神经元是 z_{unit}，第 {line} 行也把它的误差项记作 δ_{unit}。"))
        yline, zero, left = STATED[v]['y'][1], abs(net[f'delta_{named}']), fmt(value.left_value)
        return Outcome(IN, fmt(net[f"delta_{named}"]), T(
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
    return check


# ------------------------------------------------------------------ §4.2
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


def _deriv_claim(v, line, wrt, rhs_tex, reviewed):
    quote = (f"\\frac{{\\partial y}}{{\\partial {wrt}}} = \\frac{{\\partial f(w \\cdot x + b)}}{{\\partial {wrt}}} "
             f"= {rhs_tex}")

    def check() -> Outcome:
        ok_s, true_s, _ = derivative_check(wrt, rhs_tex, False)
        ok_v, true_v, _ = derivative_check(wrt, rhs_tex, True)
        shown = {"x": "w·f'(w·x + b)", "w": "x·f'(w·x + b)", "b": "f'(w·x + b)"}[wrt]
        if ok_s and ok_v:
            return Outcome(C, shown, T("sympy agrees for a scalar x and for a vector x (w·x a dot product)",
                                       "无论 x 是标量还是向量（w·x 为点积），sympy 的结果都与之一致")
                           + (T("; x·f' is the vector x scaled by the number f' (not a dot product).",
                                "；x·f' 是向量 x 乘以数 f'（不是点积）。") if wrt == "w" else T(".", "。")))
        t, c = counterexample()
        return Outcome(WF, shown, T(
            f"The chain rule brings down the inner derivative ∂(w·x + b)/∂x = w. For a vector x the "
            f"derivative is the vector w·f'(w·x + b), not one number. Counterexample, f = σ, w = 2, x = 1, "
            f"b = 0: sympy gives {fmt(t)}, the formula {fmt(c)}.",
            f"按链式法则还要乘上内层导数 ∂(w·x + b)/∂x = w。x 是向量时，导数是向量 w·f'(w·x + b)，而不是一个数。"
            f"反例：取 f = σ，w = 2，x = 1，b = 0，sympy 得 {fmt(t)}，这个公式却得 {fmt(c)}。"), t)
    return Claim(id=f"002-{v}-L{line}-dyd{wrt}", source=A002, line=line, quote=quote, claimed=None,
                 method=T("differentiate y = f(w·x + b) with sympy (scalar and vector x); compare",
                          "用 sympy 对 y = f(w·x + b) 求导（x 为标量和向量两种情形），再作比较"),
                 check=check, reviewed=reviewed, explained_in=f"{PAGE}#we-derivatives", topic="derivatives")


def _derivatives(v, lines):
    lx, lw, lb = lines
    return [
        _deriv_claim(v, lx, "x", r"f'(w \cdot x + b)", WF),
        _deriv_claim(v, lw, "w", r"x \cdot f'(w \cdot x + b)", C),
        _deriv_claim(v, lb, "b", r"f'(w \cdot x + b)", C),
    ]


CLAIMS = _derivatives("v1", (124, 128, 130)) + _v1() + _derivatives("v2", (515, 519, 521)) + _v2()


# ============================================================ what §4.2–4.3 say in words (second reading, issue 13)
# The network the words describe, the quantities the example uses without declaring them, and the steps it
# announces. Every fact in a detail is computed from the data above (UNITS, LAYOUT, the setup lines), so the two
# versions cannot share a stale text.

DESC = "we-description"
TOPIC_DESC = "description"

#: what the example declares before it computes: symbol -> line, per version (the setup list and line 134's
#: activation; §4.1, lines 109–112 / 500–503, names the same four parts x, w, b, f)
DECLARED = {"v1": {"x": 136, "w": 137, "b": 138, "f": 134}, "v2": {"x": 527, "w": 528, "b": 529, "f": 525}}
MODEL_PARTS = {"v1": (109, 112), "v2": (500, 503)}

#: the §4.2 formulas (all of them) and the first line of §4.3 that uses ∂L: per version
SEC42 = {"v1": (124, 128, 130), "v2": (515, 519, 521)}
FIRST_DL = {"v1": 181, "v2": 566}

#: the parameters whose gradient (backward step 3) and update (step 4) §4.3 writes, by line
GRADIENT_LINES = {
    "v1": {181: "w_71", 182: "b_71", 184: "w_72", 185: "b_72", 187: "w_81", 188: "b_81", 190: "w_82", 191: "b_82",
           193: "w_91", 194: "b_91", 196: "w_92", 197: "b_92"},
    "v2": {566: "w_51", 567: "b_51", 569: "w_52", 570: "b_52", 572: "w_61", 573: "b_61", 575: "w_62", 576: "b_62"},
}
UPDATE_LINES = {
    "v1": {201: "w_71", 202: "b_71", 204: "w_72", 205: "b_72", 207: "w_81", 208: "b_81", 210: "w_82", 211: "b_82",
           213: "w_91", 214: "b_91", 216: "w_92", 217: "b_92"},
    "v2": {580: "w_51", 581: "b_51", 583: "w_52", 584: "b_52", 586: "w_61", 587: "b_61", 589: "w_62", 590: "b_62"},
}
#: the step headings: version -> (gradients heading line, update heading line)
STEP_HEADINGS = {"v1": (179, 199), "v2": (564, 578)}

_CN_NUM = {"一": 1, "两": 2, "二": 2, "三": 3}


def stated_layout() -> tuple[int, ...]:
    """The layout as line 134 words it, parsed from LAYOUT_PHRASES ("输入层有一个神经元" → 1)."""
    return tuple(_CN_NUM[re.search(r"有(.)个神经元", p).group(1)] for p in LAYOUT_PHRASES)


def computed_layout(version: str) -> dict[str, list]:
    """The layers the z lines compute: inputs read, first-layer units, second-layer units, the output unit."""
    hid = hidden_units(version)
    second = sorted(j for j in UNITS[version] if j not in hid)
    inputs = sorted({i for j in hid for _, i in UNITS[version][j][0]})
    return {"inputs": inputs, "hidden": hid, "second": second, "output": [OUTPUT_UNIT[version]]}


def first_layer_params(version: str) -> list[str]:
    out: list[str] = []
    for j in hidden_units(version):
        terms, bias = UNITS[version][j]
        for p in [w for w, _ in terms] + [bias]:
            if p not in out:
                out.append(p)
    return out


def _check_layout_words(version):
    def check() -> Outcome:
        said = stated_layout()
        lay = computed_layout(version)
        comp = (len(lay["inputs"]), len(lay["hidden"]), len(lay["second"]))
        hid, sec = lay["hidden"], lay["second"]
        ok = comp == said
        return Outcome(
            C if ok else IN, T(f"{comp[0]} inputs, {comp[1]} + {comp[2]} units",
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
    return check


#: the activation the a lines evaluate, as printed (v1 line 151, v2 line 540)
A_LINE_TEX = r"\frac{1}{1 + e^{-z_1}}"
A_LINE = {"v1": 151, "v2": 540}


def _check_sigmoid_words(version):
    def check() -> Outcome:
        z = sp.Symbol("z_1")
        same = sp.simplify(parse(A_LINE_TEX) - 1 / (1 + sp.exp(-z))) == 0
        return Outcome(C if same else IN, "σ(z) = 1/(1 + e^(−z))", T(
            f"The a lines evaluate 1/(1 + e^(−z)) (line {A_LINE[version]} onwards; sympy: the same "
            "function as the sigmoid), and y = f(z) uses the same f. Only their numbers are wrong "
            "(sigmoid chapter).",
            f"计算 a 的各行用的是 1/(1 + e^(−z))（从第 {A_LINE[version]} 行起；sympy 验证它与 sigmoid 函数相同），"
            "y = f(z) 用的也是同一个 f。错的只是这些行的数值（见“sigmoid 神经元”一章）。"))
    return check


def _check_second_layer_declared(version, unit, line):
    def check() -> Outcome:
        terms, bias = UNITS[version][unit]
        params = [w for w, _ in terms] + [bias]
        W = parse_matrix(SETUP_W)
        rows, cols = len(W), len(W[0])
        undeclared = [p for p in params if not (int(p[2]) <= rows and int(p[3]) <= cols)]
        values = ", ".join(f"{p} = {OUTPUT_PARAMS[version][p][0]}" for p in params if p in OUTPUT_PARAMS[version])
        values_zh = "，".join(f"{p} = {OUTPUT_PARAMS[version][p][0]}" for p in params if p in OUTPUT_PARAMS[version])
        if not undeclared:
            return Outcome(C, T("declared in the setup", "已在给定数据中声明"), "")
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
            IN, T(f"{len(undeclared)} of {len(params)} parameters undeclared",
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
    return check


def _check_symbol_declared(version, tex, what, value_note):
    """``what`` and ``value_note`` are texts in both languages; the Chinese ``what`` is a name such as
    "学习率 η", put after a verb."""
    def check() -> Outcome:
        used = tex_symbols(tex)
        declared = DECLARED[version]
        missing = [s for s in used if s not in declared and s not in ("a", "y", "z", "δ")]
        lo, hi = MODEL_PARTS[version]
        if not missing:
            return Outcome(C, T("declared", "已声明"), "")
        what_zh = _zh(what)
        gap = "" if "\u4e00" <= what_zh[:1] <= "\u9fff" else " "     # a space before a symbol, none before Chinese
        return Outcome(
            IN, T(f"{', '.join(missing)} never declared", f"{'、'.join(missing)} 从未声明"), T(
                f"The example declares {', '.join(f'{k} (line {n})' for k, n in declared.items())}, and §4.1 (lines "
                f"{lo}–{hi}) lists the model's parts as x, w, b and f. This line uses {what}, which no line of the "
                f"article declares; {value_note}",
                f"算例声明了 {'、'.join(f'{k}（第 {n} 行）' for k, n in declared.items())}，§4.1（第 {lo}–{hi} 行）"
                f"列出的模型组成部分也只有 x、w、b 和 f。这一行却用到了{gap}{what_zh}，文章没有任何一行声明过它；"
                f"{_zh(value_note)}"))
    return check


def _check_sec42_loss(version):
    def check() -> Outcome:
        lines = SEC42[version]
        quotes = [c.quote for c in _derivatives(version, lines)]
        with_y = [n for n, q in zip(lines, quotes) if r"\partial y" in q]
        with_l = [n for n, q in zip(lines, quotes) if r"\partial L" in q]
        if with_l:
            return Outcome(C, T("∂L derived", "推导了 ∂L"), "")
        return Outcome(
            IN, T("§4.2 stops at ∂y; §4.3 uses ∂L", "§4.2 只推到 ∂y；§4.3 却用 ∂L"), T(
                f"The sentence announces the gradients of the weights and biases. The section then derives "
                f"{len(with_y)} derivatives of the output y (lines {', '.join(map(str, with_y))}) and none of a loss: "
                f"the step ∂L/∂w = (∂L/∂y)·(∂y/∂w) is never written, and no loss L is defined, yet §4.3 uses ∂L/∂w "
                f"from line {FIRST_DL[version]} on. The gradient the update needs is that of the loss (chain rule; the "
                "derivations chapter works it out).",
                f"这句话说要计算权重和偏置的梯度，这一节接下来推导的却是输出 y 的 {len(with_y)} 个导数（第 "
                f"{'、'.join(map(str, with_y))} 行），没有一个是损失函数的导数：∂L/∂w = (∂L/∂y)·(∂y/∂w) 这一步从未"
                f"写出，也没有定义任何损失函数 L，而 §4.3 从第 {FIRST_DL[version]} 行起就在用 ∂L/∂w。更新需要的是"
                "损失函数的梯度（按链式法则求；“文章中的公式：证明或否证”一章给出了完整过程）。"))
    return check


def _check_step_params(version, kind):
    def check() -> Outcome:
        table = GRADIENT_LINES[version] if kind == "gradients" else UPDATE_LINES[version]
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
                + ("a gradient." if kind == "gradients" else "an update."))
        head_zh = (f"本步涉及的 {len(params)} 个参数（第 {lines[0]}–{lines[-1]} 行）属于 "
                   f"z_{'、z_'.join(map(str, second))}，即由第一层的输出算出的神经元"
                   + (f"，或者不属于任何神经元（{'、'.join(orphans)}）" if orphans else "")
                   + f"；神经元 z_{min(hid)}–z_{max(hid)} 的 {len(first)} 个参数（{first[0]}…{first[-1]}，即开头给定的"
                     "矩阵）一个也没有"
                   + ("求梯度。" if kind == "gradients" else "更新。"))
        if in_first:
            return Outcome(C, T("covers the first layer", "包括第一层"), "")
        out = OUTPUT_UNIT[version]
        if kind == "gradients":
            return Outcome(IN, T("no hidden-layer parameter", "没有隐藏层的参数"), T(
                "The heading says hidden-layer weights and biases. " + head
                + f" z_{out} is the output unit (y = f(z_{out})), so "
                "its weights are output-layer weights; the hidden layer's gradients are skipped.",
                "标题说的是隐藏层的权重和偏置。" + head_zh
                + f"z_{out} 是输出神经元（y = f(z_{out})），它的权重属于输出层；隐藏层的梯度被跳过了。"))
        return Outcome(IN, T(f"0 of {len(first)} first-layer parameters updated",
                             f"第一层 {len(first)} 个参数中有 0 个被更新"), T(
            "The step announces the update of the network's weights and biases. " + head
            + " One step of gradient descent updates every parameter; the first layer's are left "
              "as they were.",
            "这一步的标题说要更新网络的权重和偏置。" + head_zh
            + "梯度下降的一步要更新所有参数，第一层的参数却原样未动。"))
    return check


#: how each kind of description is checked (a claim's ``method``)
DM_SEC42 = T("the §4.2 formulas: derivatives of y or of a loss", "§4.2 的公式：求的是 y 的导数，还是损失函数的导数")
DM_LAYOUT = T("the layout in words against the units the z lines compute",
              "文字描述的网络结构与计算 z 的各行实际算出的神经元对照")
DM_SIGMOID = T("the a lines' formula against the sigmoid (sympy)", "计算 a 的各行所用公式与 sigmoid 函数对照（sympy）")
DM_PARAMS = T("the parameters used against the entries of the setup matrices", "所用参数与开头给定矩阵的元素对照")
DM_SYMBOLS = T("symbols used against those the example declares", "所用符号与算例声明过的符号对照")
DM_GRADIENTS = T("the owner of each parameter whose gradient the step writes (UNITS)",
                 "这一步写出梯度的每个参数各属于哪个神经元（UNITS）")
DM_UPDATES = T("the owner of each parameter the step updates (UNITS)", "这一步更新的每个参数各属于哪个神经元（UNITS）")


def _desc(v, line, part, quote, check, method):
    return Claim(id=f"002-{v}-L{line}-{part}", source=A002, line=line, quote=quote, claimed=None, method=method,
                 check=check, reviewed=IN if part not in ("sigmoid",) else C, explained_in=f"{PAGE}#{DESC}",
                 topic=TOPIC_DESC)


def _descriptions(v) -> list[Claim]:
    lay, sig = LAYOUT[v], LAYOUT[v]
    hg, hu = STEP_HEADINGS[v]
    out_err = STATED[v]["t"][1]
    upd = min(UPDATE_LINES[v])
    cl = [
        _desc(v, SEC42[v][0] - 2, "announces-gradients", "为了计算网络权重和偏置的梯度", _check_sec42_loss(v),
              DM_SEC42),
        _desc(v, lay, "layout", "输入层有一个神经元，隐层有两个神经元，输出层有一个神经元", _check_layout_words(v),
              DM_LAYOUT),
        _desc(v, sig, "sigmoid", "激活函数使用Sigmoid函数", _check_sigmoid_words(v),
              DM_SIGMOID),
    ]
    for j in computed_layout(v)["second"]:
        line = OUTPUT_PARAMS[v][UNITS[v][j][1]][1]
        w1, w2 = (w for w, _ in UNITS[v][j][0])
        quote = f"w_{{{w1[2:]}}} \\cdot a_{UNITS[v][j][0][0][1][2:]} + w_{{{w2[2:]}}} \\cdot " \
                f"a_{UNITS[v][j][0][1][1][2:]} + b_{{{UNITS[v][j][1][2:]}}}"
        cl.append(_desc(v, line, f"z{j}-undeclared", quote, _check_second_layer_declared(v, j, line),
                        DM_PARAMS))
    cl += [
        _desc(v, out_err, "target-undeclared", r"y - \hat{y}", _check_symbol_declared(
            v, r"y - \hat{y}", "ŷ", T(
                "the numbers (0.951 − 1) make it the target, t = 1. (Elsewhere ŷ usually names the prediction, as in "
                "article 003, line 41; here y is the prediction.)",
                "从数字 0.951 − 1 看，它是目标值，t = 1。（ŷ 在别处通常指预测值，例如文章 003 第 41 行；这里的预测值"
                "是 y。）")),
            DM_SYMBOLS),
        _desc(v, FIRST_DL[v], "loss-undeclared", r"\frac{\partial L}{\partial w_{" + GRADIENT_LINES[v][FIRST_DL[v]][2:] + "}}",
              _check_symbol_declared(
                  v, r"\frac{\partial L}{\partial w}", T("the loss L", "损失函数 L"), T(
                      "the gradients are those of an unstated loss. δ = y − t (line "
                      f"{out_err}) is ∂L/∂z for binary cross-entropy, the loss of the article's code; the chapter "
                      "uses it.",
                      f"这些梯度是一个没有写明的损失函数的梯度。δ = y − t（第 {out_err} 行）是二元交叉熵的 ∂L/∂z，"
                      "而二元交叉熵正是文章代码所用的损失函数；本章就采用它。")),
              DM_SYMBOLS),
        _desc(v, upd, "eta-undeclared",
              r"\eta \cdot \frac{\partial L}{\partial w_{" + UPDATE_LINES[v][upd][2:] + r"}} \approx",
              _check_symbol_declared(
                  v, r"\eta", T("the learning rate η", "学习率 η"), T(
                      f"its value, 0.1, can only be read off the numbers of the update lines "
                      f"({min(UPDATE_LINES[v])}–{max(UPDATE_LINES[v])}).",
                      f"它的值 0.1 只能从更新各行（第 {min(UPDATE_LINES[v])}–{max(UPDATE_LINES[v])} 行）的数字中"
                      "反推出来。")),
              DM_SYMBOLS),
        _desc(v, hg, "gradients-skip-hidden", "计算隐层权重和偏置的梯度", _check_step_params(v, "gradients"),
              DM_GRADIENTS),
        _desc(v, hu, "update-skips-first-layer", "更新权重和偏置", _check_step_params(v, "updates"),
              DM_UPDATES),
    ]
    return cl


CLAIMS += _descriptions("v1") + _descriptions("v2")


# ============================================================ the chapter's views, in either language
# What book/worked-example-002.ipynb and its Chinese twin book/zh/worked-example-002.ipynb show besides the
# claim tables: built here once, so that the twin calls what the English chapter computes (English output
# as the English chapter prints it; tests/test_zh_worked_example.py compares it with that notebook's outputs).

#: the sigmoid chapter's topics of article 002 that belong to §4.3's forward step
STEP_OF_SIGMOID = {"hidden activations": "forward", "output": "forward"}
#: the steps of §4.3, in the chapter's order, with their names in both languages
STEPS = {
    "setup": T("setup", "给定数据"), "forward": T("forward", "前向传播"),
    "output error": T("output error", "输出层误差项"), "hidden deltas": T("hidden deltas", "隐藏层误差项"),
    "gradients": T("gradients", "梯度"), "updates": T("updates", "更新"),
}
VERSIONS = {"v1": T("version 1", "版本 1"), "v2": T("version 2", "版本 2")}


def version_of(claim: Claim) -> str:
    """"v1" or "v2": the version of article 002 a claim of this chapter (or of 002's sigmoid lines) is on."""
    return claim.id.split("-")[1]


def step_of(claim: Claim) -> str:
    """The step of §4.3 (a key of :data:`STEPS`) or the topic of §4.2 / the description a claim belongs to."""
    return STEP_OF_SIGMOID.get(claim.topic, claim.topic) if claim.chapter == "sigmoid" else claim.topic


def units_reaching_output(version: str) -> set[int]:
    """The units whose z influences y, found by walking the forward pass backwards from the output."""
    live, todo = set(), [OUTPUT_UNIT[version]]
    while todo:
        j = todo.pop()
        live.add(j)
        todo += [int(inp[2:]) for _, inp in UNITS[version][j][0] if inp.startswith("a_")]
    return live


def network_markdown(lang: str = "en") -> str:
    """The network line 134 (v2: 525) describes in words against the one the numbers compute, both
    versions: a Markdown table in ``lang``, its symbols typeset."""
    from ..report import typeset_symbols

    zh = check_lang(lang) == "zh"
    sep = "、" if zh else ", "
    x, W, B = parse_vector(SETUP_X), parse_matrix(SETUP_W), parse_matrix(SETUP_B)
    hidden = {v: hidden_units(v) for v in UNITS}
    second = {v: [j for j in UNITS[v] if j not in hidden[v]] for v in UNITS}
    first_seen = {v: min(line for _, line, _ in OUTPUT_PARAMS[v].values()) for v in UNITS}
    zs = lambda units: sep.join(f"z_{j}" for j in units)  # noqa: E731
    params = {v: ("，" if zh else ", ").join(f"{n} = {val}" for n, (val, _, _) in OUTPUT_PARAMS[v].items())
              for v in UNITS}
    n_in, n_hid, n_out = LAYOUT_SIZES
    if zh:
        rows = [f"| | 第 {LAYOUT['v1']} 行（v2：第 {LAYOUT['v2']} 行）的说法 | 版本 1 | 版本 2 |", "|---|---|---|---|",
                f"| 输入 | {n_in} | {len(x)}（x = {x}） | {len(x)} |",
                f"| 隐藏神经元（由 x 算出的 z） | {n_hid} | {len(hidden['v1'])} 个：{zs(hidden['v1'])} | "
                f"{len(hidden['v2'])} 个：{zs(hidden['v2'])} |",
                f"| 第二层神经元（由 a 算出的 z） | {n_out} | {zs(second['v1'])} | {zs(second['v2'])} |",
                f"| 输出 | 一个神经元 | y = f(z_{OUTPUT_UNIT['v1']}) | y = f(z_{OUTPUT_UNIT['v2']}) |",
                f"| 影响到 y 的神经元 | 全部 | {zs(sorted(units_reaching_output('v1')))} | "
                f"{zs(sorted(units_reaching_output('v2')))} |",
                f"| 权重矩阵 w | 2×1 和 1×2 | {len(W)}×{len(W[0])}，元素逐个分给各神经元 | 同上 |",
                f"| 偏置 b | 2 个数和 1 个数 | {len(B)}×{len(B[0])} 矩阵，每个隐藏神经元用一个元素 | 同上 |",
                f"| 第二层的权重和偏置 | – | {params['v1']}，首次出现在第 {first_seen['v1']} 行 | "
                f"{params['v2']}，首次出现在第 {first_seen['v2']} 行 |"]
    else:
        rows = [f"| | line {LAYOUT['v1']} (v2: {LAYOUT['v2']}) says | version 1 | version 2 |", "|---|---|---|---|",
                f"| inputs | {n_in} | {len(x)} (x = {x}) | {len(x)} |",
                f"| hidden units (the z's computed from x) | {n_hid} | {len(hidden['v1'])}: {zs(hidden['v1'])} | "
                f"{len(hidden['v2'])}: {zs(hidden['v2'])} |",
                f"| second-layer units (z's computed from a's) | {n_out} | {zs(second['v1'])} | {zs(second['v2'])} |",
                f"| the output | one unit | y = f(z_{OUTPUT_UNIT['v1']}) | y = f(z_{OUTPUT_UNIT['v2']}) |",
                f"| units that reach y | all | {zs(sorted(units_reaching_output('v1')))} | "
                f"{zs(sorted(units_reaching_output('v2')))} |",
                f"| weight matrix w | 2×1 and 1×2 | {len(W)}×{len(W[0])}, entries used one by one | same |",
                f"| bias b | 2 and 1 numbers | a {len(B)}×{len(B[0])} matrix, one entry per hidden unit | same |",
                f"| second-layer weights and biases | – | {params['v1']}, first seen on line {first_seen['v1']} | "
                f"{params['v2']}, first seen on line {first_seen['v2']} |"]
    return typeset_symbols("\n".join(rows))


def steps_markdown(claims, lang: str = "en") -> str:
    """The verdicts of §4.3's claims counted per step (rows) and version (columns), named in ``lang``."""
    from collections import Counter

    order = list(Verdict)
    head = T("step", "步骤")
    rows = [f"| {head.lang(lang)} | {VERSIONS['v1'].lang(lang)} | {VERSIONS['v2'].lang(lang)} |", "|---|---|---|"]
    for s, name in STEPS.items():
        cells = []
        for v in VERSIONS:
            cnt = Counter(c.evaluate().verdict for c in claims if version_of(c) == v and step_of(c) == s)
            cells.append(("，" if lang == "zh" else ", ").join(
                f"{n} {verdict.label(lang)}" for verdict, n in sorted(cnt.items(), key=lambda kv: order.index(kv[0]))))
        rows.append(f"| {name.lang(lang)} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def corrected_spec_from_article(spec_path) -> bool:
    """Whether the corrected example's weights (book/specs/002-corrected.json) are the article's setup
    matrix as the chapter reads it: rows 1–2 transposed for the hidden layer, row 3 for the output."""
    import json
    from pathlib import Path

    data = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    W = parse_matrix(SETUP_W)
    l1, l2 = data["layers"]
    return (l1["weights"] == [[W[0][0], W[1][0]], [W[0][1], W[1][1]]] and l2["weights"] == [W[2]])


def corrected_example(spec_path) -> dict:
    """The corrected example's values three ways: the engine (float64, ``bpnn.trace_step``), sympy (the
    spec's numbers as Rationals, gradients by ``sympy.diff`` through ``bpnn.symbolic``) and central
    differences (``bpnn.gradcheck``: plain with h = 1e-5, Richardson-extrapolated from h = 1e-3 and 5e-4).

    Returns ``rows``: (name, engine, exact, plain differences or None, Richardson or None), the name a
    :class:`Text` where it has words; ``eng_vs_exact``, ``cd_plain``, ``cd_rich``: the largest
    differences from sympy; ``loss_before``, ``loss_after``, ``loss_drop``: exact losses (floats);
    ``lowered``: whether the step lowered the loss, in the engine and exactly.
    """
    import json
    from pathlib import Path

    import numpy as np

    from ... import trace_step
    from ...gradcheck import numerical_gradients
    from ...spec import load_spec
    from ...symbolic import SymbolicNetwork

    data = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    spec = load_spec(spec_path)
    tr = trace_step(spec.network, spec.x, spec.t, spec.loss, spec.learning_rate)

    R = lambda v: sp.Rational(str(v))  # noqa: E731
    Ws = [[[R(v) for v in row] for row in layer["weights"]] for layer in data["layers"]]
    bs = [[R(v) for v in layer["bias"]] for layer in data["layers"]]
    xs, ts, eta = [R(v) for v in data["input"]], [R(v) for v in data["target"]], R(data["learning_rate"])
    sizes = [len(xs)] + [len(w) for w in Ws]
    exact = SymbolicNetwork(sizes, "sigmoid", weights=Ws, biases=bs)
    ez, ea = exact.forward(xs)
    sym = SymbolicNetwork(sizes, "sigmoid")
    at = {}
    for l in (1, 2):
        for i in range(sym.W[l].shape[0]):
            for j in range(sym.W[l].shape[1]):
                at[sym.W[l][i, j]] = Ws[l - 1][i][j]
        for i, s in enumerate(sym.b[l]):
            at[s] = bs[l - 1][i]
    gW, gb = sym.gradients(xs, ts, "half_sse", at)
    L0 = exact.loss(xs, ts, "half_sse")
    stepped = SymbolicNetwork(sizes, "sigmoid",
                              weights=[sp.Matrix(Ws[l - 1]) - eta * gW[l] for l in (1, 2)],
                              biases=[sp.Matrix(bs[l - 1]) - eta * gb[l] for l in (1, 2)])
    L1 = stepped.loss(xs, ts, "half_sse")

    nW, nb = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=1e-5)
    W_a, b_a = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=1e-3)
    W_b, b_b = numerical_gradients(spec.network, spec.x, spec.t, spec.loss, h=5e-4)
    rW = [None] + [(4 * W_b[l] - W_a[l]) / 3 for l in (1, 2)]
    rb = [None] + [(4 * b_b[l] - b_a[l]) / 3 for l in (1, 2)]

    N = lambda e: float(sp.N(e, 30))  # noqa: E731
    new = lambda what: T(f"new {what}", f"更新后的 {what}")  # noqa: E731
    rows = []
    for l, L in enumerate(tr.layers, start=1):
        for j in range(len(L.z)):
            rows.append((f"z[{l}]{j+1}", float(L.z[j]), N(ez[l][j]), None, None))
            rows.append((f"a[{l}]{j+1}", float(L.a[j]), N(ea[l][j]), None, None))
    for l, L in enumerate(tr.layers, start=1):
        for j in range(len(L.delta)):
            rows.append((f"δ[{l}]_{j+1}", float(L.delta[j]), N(gb[l][j]), float(nb[l][j]), float(rb[l][j])))
        for (j, k), g in np.ndenumerate(L.grad_W):
            rows.append((f"∂L/∂W[{l}]_{j+1}{k+1}", float(g), N(gW[l][j, k]), float(nW[l][j, k]), float(rW[l][j, k])))
        for j in range(len(L.grad_b)):
            rows.append((f"∂L/∂b[{l}]_{j+1}", float(L.grad_b[j]), N(gb[l][j]), float(nb[l][j]), float(rb[l][j])))
        for (j, k), w in np.ndenumerate(L.new_W):
            rows.append((new(f"W[{l}]_{j+1}{k+1}"), float(w), N(Ws[l - 1][j][k] - eta * gW[l][j, k]), None, None))
        for j in range(len(L.new_b)):
            rows.append((new(f"b[{l}]_{j+1}"), float(L.new_b[j]), N(bs[l - 1][j] - eta * gb[l][j]), None, None))
    rows.append((T("L before", "更新前的 L"), float(tr.loss), N(L0), None, None))
    rows.append((T("L after", "更新后的 L"), float(tr.loss_after), N(L1), None, None))
    return {
        "rows": rows,
        "eng_vs_exact": max(abs(e - s) for _, e, s, _, _ in rows),
        "cd_plain": max(abs(c - s) for _, _, s, c, _ in rows if c is not None),
        "cd_rich": max(abs(r - s) for _, _, s, _, r in rows if r is not None),
        "loss_before": N(L0), "loss_after": N(L1), "loss_drop": N(L0 - L1),
        "lowered": bool(tr.loss_after < tr.loss and N(L1) < N(L0)),
    }


def corrected_markdown(rows, lang: str = "en") -> str:
    """:func:`corrected_example`'s rows as a Markdown table in ``lang`` (ten decimals; "–" where none)."""
    f10 = lambda v: "–" if v is None else f"{v:.10f}"  # noqa: E731
    head = (T("| value | engine (float64) | sympy (exact) | central diff. h = 1e-5 | Richardson |",
              "| 量 | 引擎（float64） | sympy（精确） | 中心差分 h = 1e-5 | Richardson 外推 |").lang(lang)
            + "\n|---|---:|---:|---:|---:|")
    return "\n".join([head] + [f"| {n.lang(lang) if isinstance(n, Text) else n} | {f10(e)} | {f10(s)} | {f10(c)} | "
                               f"{f10(r)} |" for n, e, s, c, r in rows])
