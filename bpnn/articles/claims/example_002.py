"""Article 002's worked example (§4.2–4.3, both versions) as data, and the network its numbers compute.

What the article states, line by line: the layout in words, the setup lines, the second layer's
parameters and every intermediate value (each with its line and the snippet of that line that shows
it; the tests find each snippet on its line), the units each ``z`` line computes, and the lines the
descriptions of §4.2–4.3 refer to.  From these data alone, :func:`article_network` computes the true
values of the network the forward pass describes, exactly (sympy; independent of the engine and of
the backpropagation equations).  The chapter's rows (:mod:`.ch_worked_example`), its check kinds
(:mod:`.kinds_002`) and its tables (:mod:`bpnn.articles.tables`) read them here.

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
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from ...errors import BpnnError
from ..latexsym import evaluate

# ------------------------------------------------------------------ what the article states
#: line 134 / 525: the layout stated in words (input, hidden, output neurons);
#: tests check the phrases against the article
LAYOUT = {"v1": 134, "v2": 525}
LAYOUT_SIZES = (1, 2, 1)
LAYOUT_PHRASES = ("输入层有一个神经元", "隐层有两个神经元", "输出层有一个神经元")

SETUP_X = r"x = [1, 2]"
SETUP_W = r"w = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \\ 0.5 & 0.6 \end{bmatrix}"
SETUP_B = r"b = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \\ 0.5 & 0.6 \end{bmatrix}"
SETUP_LINES = {"v1": (136, 137, 138), "v2": (527, 528, 529)}


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
#: where each version defines what a neuron reads: the model y = f(w·x + b), the sentence saying '·' is a dot
#: product, and the forward-pass step "each neuron combines its input signals with weights and bias" (§3.2.1)
NEURON_LINES = {"v1": {"formula": 116, "dot": 118, "step": 70}, "v2": {"formula": 507, "dot": 509, "step": 461}}
ETA = sp.Rational(1, 10)


#: the line of each version's listing that names its loss (nn.BCELoss), the only loss the article names
BCE_LINE = {"v1": 302, "v2": 675}

# ------------------------------------------------------------------ what §4.2–4.3 say in words (second reading)
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

#: the activation the a lines evaluate, as printed (v1 line 151, v2 line 540)
A_LINE_TEX = r"\frac{1}{1 + e^{-z_1}}"
A_LINE = {"v1": 151, "v2": 540}

_CN_NUM = {"一": 1, "两": 2, "二": 2, "三": 3}


# ------------------------------------------------------------------ the network the numbers compute
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


@dataclass(frozen=True)
class Truth:
    """A quantity of :func:`article_network` (``qty``, e.g. ``"z_7"``) in one version: the true value a
    check kind compares a stated value with, computed when the check runs."""

    version: str
    qty: str

    def value(self) -> float:
        return article_network(self.version)[self.qty]


def truth(version: str, qty: str | None) -> Truth | None:
    return Truth(version, qty) if qty else None


# ------------------------------------------------------------------ look-ups
def stated(version: str, name: str) -> float:
    """The value the article states for ``name`` (an intermediate value or a second-layer parameter)."""
    if name in STATED[version]:
        return float(STATED[version][name][0])
    if name in OUTPUT_PARAMS[version]:
        return float(OUTPUT_PARAMS[version][name][0])
    raise BpnnError(f"article 002 {version} states no value for {name}")


def where(version: str, name: str) -> int:
    """The line that states ``name``."""
    return (STATED[version].get(name) or OUTPUT_PARAMS[version][name])[1]


def owner(version: str, param: str) -> int | None:
    """The unit whose z line uses ``param`` (as a weight or as its bias), or None."""
    for j, (terms, bias) in UNITS[version].items():
        if param == bias or any(w == param for w, _ in terms):
            return j
    return None


def zline(version: str, unit: int) -> int:
    """The line of a second-layer unit's z (the line that states its bias)."""
    return OUTPUT_PARAMS[version][UNITS[version][unit][1]][1]


def output_error_name(version: str) -> int:
    """The index of the δ the output-error line (y − t) names (v1: 7, v2: 6)."""
    line = STATED[version]["t"][1]
    return next(int(k[6:]) for k, (_, at, _) in STATED[version].items() if k.startswith("delta_") and at == line)


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


def units_reaching_output(version: str) -> set[int]:
    """The units whose z influences y, found by walking the forward pass backwards from the output."""
    live, todo = set(), [OUTPUT_UNIT[version]]
    while todo:
        j = todo.pop()
        live.add(j)
        todo += [int(inp[2:]) for _, inp in UNITS[version][j][0] if inp.startswith("a_")]
    return live
