"""Exercises at the end of the chapters, with solutions computed and checked when the book builds.

Three kinds, each made by one call:

* :func:`compute_exercise` — a small network given as a spec (the JSON of ``bpnn trace``).
  The exercise shows the spec as a table and as JSON, with a link to the file
  ``book/specs/exercises/KEY.json``; the solution is the engine's trace of exactly that
  file (:func:`bpnn.trace.trace_spec`): every z, a, f'(z), ∂L/∂a, δ, gradient and new
  parameter.  The solution refuses to render when the file on disk and the stated spec
  differ.
* :func:`derive_exercise` — a formula to derive.  The claim is a list of equations
  ``lhs = rhs`` of sympy expressions (``lhs`` usually an unevaluated ``sympy.Derivative``);
  the solution shows the derivation (prose written for the exercise), the sympy check
  (``simplify(lhs.doit() - rhs)`` must be 0) and a numeric check at seeded random points
  (``mpmath.diff`` at 30 digits for a derivative, independent of sympy's rules).
* :func:`find_error_exercise` — a short worked passage (Markdown with ``$$ … $$`` lines)
  with a planted error; the solution is ``bpnn audit``'s verdict on that very passage
  (:func:`bpnn.articles.audit.audit_text`) and the explanation.  Rendering fails when the
  audit no longer flags the planted line, or flags a line that is right.

Rendering (:func:`exercise_markdown`, :func:`solution_markdown`) gives MyST Markdown with the
``exercise`` and ``solution`` directives of sphinx-exercise; labels are ``ex-KEY`` and
``sol-KEY`` in English and ``zh-ex-KEY``, ``zh-sol-KEY`` in Chinese.  :func:`sheet_markdown`
gives a printable sheet (plain Markdown, no directives) with or without the solutions;
``python -m bpnn.articles.exercises CHAPTER [--lang zh] [--solutions]`` prints it.

Every number shown is computed here when the book builds: the spec's values are data, the
trace, the passages' results, the audit's verdicts and the numeric checks are computed.
All random points come from ``numpy.random.default_rng(seed)`` with the exercise's seed.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..errors import BpnnError
from .i18n import T, Text, check_lang, tr
from .session import shared_result

__all__ = ["ExerciseError", "Compute", "Derive", "FindError", "compute_exercise", "derive_exercise",
           "find_error_exercise", "exercise_markdown", "solution_markdown", "chapter_markdown",
           "solutions_markdown", "sheet_markdown", "spec_json", "spec_path", "passage_path",
           "write_files", "EXERCISES", "CHAPTERS", "by_chapter", "get", "label"]

ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "book" / "specs" / "exercises"
SPEC_URL = "specs/exercises"          # from a page in book/ (book/zh/ pages add ../)
DIGITS = 6                            # decimals of the traced values in a solution
DPS = 30                              # mpmath's working digits for the numeric checks


class ExerciseError(BpnnError):
    """An exercise whose solution does not hold (the build and the tests fail on it)."""


# ----------------------------------------------------------------------------- the three kinds

@dataclass(frozen=True)
class Compute:
    key: str
    chapter: str
    title: Text
    spec: dict
    ask: Text = T("", "")
    kind: str = "compute"


@dataclass(frozen=True)
class Derive:
    key: str
    chapter: str
    title: Text
    prompt: Text
    derivation: Text
    claims: Callable[[], list]          # () -> [(lhs, rhs), ...] of sympy expressions
    ranges: dict = field(default_factory=dict)   # symbol name -> (low, high) for the random points
    seed: int = 0
    points: int = 5
    kind: str = "derive"


@dataclass(frozen=True)
class FindError:
    key: str
    chapter: str
    title: Text
    passage: Text                       # Markdown; the math on lines of their own
    explanation: Text
    wrong: tuple = ()                   # the stated values that are wrong (as printed)
    kind: str = "find-error"


def compute_exercise(key: str, spec: dict, title=T("One step by hand", "手算一步"), ask=T("", ""),
                     chapter: str = "") -> Compute:
    """A *compute* exercise on the network of ``spec`` (the dict of a ``bpnn trace`` JSON file).

    The spec is checked now (:func:`bpnn.spec.parse_spec`), so a bad one fails at once."""
    from ..spec import parse_spec

    parse_spec(json.loads(spec_json(spec)), f"exercise {key}")
    return Compute(key, chapter, title, spec, ask)


def derive_exercise(key: str, prompt: Text, derivation: Text, claims: Callable[[], list],
                    title=T("Derive it", "推导"), ranges: dict | None = None, seed: int = 0,
                    points: int = 5, chapter: str = "") -> Derive:
    """A *derive* exercise: ``claims()`` returns ``[(lhs, rhs), …]``, the equations to prove."""
    return Derive(key, chapter, title, prompt, derivation, claims, dict(ranges or {}), seed, points)


def find_error_exercise(key: str, passage: Text, explanation: Text, wrong: Sequence[str] = (),
                        title=T("Find the error", "找错"), chapter: str = "") -> FindError:
    """A *find the error* exercise on ``passage`` (Markdown, math in ``$$ … $$`` lines).

    ``wrong`` lists the stated values that are wrong, as printed; each must be on one line
    only, and the audit must flag exactly those lines (see :func:`audit_passage`)."""
    return FindError(key, chapter, title, passage, explanation, tuple(wrong))


# ----------------------------------------------------------------------------- helpers

def label(ex, what: str = "ex", lang: str = "en") -> str:
    """The Sphinx label of an exercise (``what="ex"``) or of its solution (``"sol"``)."""
    return ("zh-" if check_lang(lang) == "zh" else "") + f"{what}-{ex.key}"


def _prefix(lang: str) -> str:
    return "../" if check_lang(lang) == "zh" else ""


def _num(v: float) -> str:
    """A datum as written in a spec: the shortest repr (0.5, -0.25, 1)."""
    v = float(v)
    return str(int(v)) if v.is_integer() else repr(v)


def _f(v: float, digits: int = DIGITS) -> str:
    s = f"{float(v):.{digits}f}"
    return "0." + "0" * digits if s == "-0." + "0" * digits else s


def spec_json(spec: dict) -> str:
    """The spec as the downloadable file holds it: one line per layer, a newline at the end."""
    lines = ["{", '  "layers": [']
    layers = spec["layers"]
    for i, layer in enumerate(layers):
        lines.append("    " + json.dumps(layer, ensure_ascii=False) + ("," if i < len(layers) - 1 else ""))
    lines.append("  ],")
    rest = [k for k in spec if k != "layers"]
    for i, k in enumerate(rest):
        lines.append(f"  {json.dumps(k)}: {json.dumps(spec[k])}" + ("," if i < len(rest) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def spec_path(ex: Compute) -> Path:
    return SPEC_DIR / f"{ex.key}.json"


def passage_path(ex: FindError, lang: str = "en") -> Path:
    return SPEC_DIR / (f"{ex.key}.md" if check_lang(lang) == "en" else f"{ex.key}.zh.md")


def write_files(exercises=None) -> list[Path]:
    """Write every compute exercise's spec and every passage (both languages) under book/specs/exercises."""
    SPEC_DIR.mkdir(parents=True, exist_ok=True)
    out = []
    for ex in exercises or EXERCISES:
        if isinstance(ex, Compute):
            spec_path(ex).write_text(spec_json(ex.spec), encoding="utf-8")
            out.append(spec_path(ex))
        elif isinstance(ex, FindError):
            for lang in ("en", "zh"):
                passage_path(ex, lang).write_text(tr(ex.passage, lang) + "\n", encoding="utf-8")
                out.append(passage_path(ex, lang))
    return out


def _fence(body: str, directive: str, argument: str, options: dict) -> str:
    opts = "".join(f":{k}: {v}\n" for k, v in options.items())
    return f"````{{{directive}}} {argument}\n{opts}\n{body.strip()}\n````\n"


# ----------------------------------------------------------------------------- compute

_ACT_ZH = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "identity": "恒等", "softmax": "softmax"}
_LOSS = {"half_sse": (r"\tfrac12\sum_j (a_j - t_j)^2", "half_sse"),
         "sse": (r"\sum_j (a_j - t_j)^2", "sse"),
         "mse": (r"\tfrac1n\sum_j (a_j - t_j)^2", "mse"),
         "bce": (r"-\sum_j \bigl(t_j \ln a_j + (1 - t_j)\ln(1 - a_j)\bigr)", "bce"),
         "cross_entropy": (r"-\sum_j t_j \ln a_j", "cross_entropy")}


def _spec_tables(spec: dict, lang: str) -> str:
    zh = lang == "zh"
    out = []
    for l, layer in enumerate(spec["layers"], start=1):
        W, b, act = layer["weights"], layer["bias"], layer["activation"]
        k = len(W[0])
        head = ["unit" if not zh else "单元"] + [f"$w^{{({l})}}_{{j{c}}}$" for c in range(1, k + 1)] + [f"$b^{{({l})}}_j$"]
        rows = [f"| {j} | " + " | ".join(_num(w) for w in W[j - 1]) + f" | {_num(b[j - 1])} |"
                for j in range(1, len(W) + 1)]
        cap = (f"层 {l}（激活函数 {_ACT_ZH.get(act, act)}，{len(W)} 个单元）：" if zh
               else f"Layer {l} ({act}, {len(W)} unit{'s' if len(W) > 1 else ''}):")
        out.append(cap + "\n\n| " + " | ".join(head) + " |\n|" + "---:|" * len(head) + "\n" + "\n".join(rows))
    x = ", ".join(_num(v) for v in spec["input"])
    t = ", ".join(_num(v) for v in spec["target"])
    loss_tex, loss_name = _LOSS[spec["loss"]]
    lr = _num(spec.get("learning_rate", 0.1))
    if zh:
        tail = (f"输入 $x = ({x})$，目标 $t = ({t})$，损失 $L = {loss_tex}$（`{loss_name}`），"
                f"学习率 $\\eta = {lr}$" + ("，只更新权重、不更新偏置" if spec.get("train_biases") is False else "") + "。")
    else:
        tail = (f"Input $x = ({x})$, target $t = ({t})$, loss $L = {loss_tex}$ (`{loss_name}`), "
                f"learning rate $\\eta = {lr}$" + (", weights updated, biases kept" if spec.get("train_biases") is False else "") + ".")
    return "\n\n".join(out) + "\n\n" + tail


def _link(name: str, lang: str, sheet: bool) -> str:
    """A link to a file of book/specs/exercises: a download in the book, the path on a printed sheet."""
    if sheet:
        return f"`book/{SPEC_URL}/{name}`"
    return f"{{download}}`{name} <{_prefix(lang)}{SPEC_URL}/{name}>`"


def _compute_body(ex: Compute, lang: str, sheet: bool = False) -> str:
    zh = lang == "zh"
    link = _link(f"{ex.key}.json", lang, sheet)
    if zh:
        intro = ("下面这个网络，$w^{(l)}_{jk}$ 是第 $l-1$ 层单元 $k$ 到第 $l$ 层单元 $j$ 的权重。"
                 "请手算一次前向传播、各层误差项 $\\delta$、各参数的梯度，以及一步随机梯度下降之后的参数。")
        json_cap = f"同一个网络的规格文件（{link}，可直接交给 `bpnn trace`）："
    else:
        intro = ("In the network below, $w^{(l)}_{jk}$ is the weight from unit $k$ of layer $l-1$ to unit $j$ "
                 "of layer $l$. By hand, do one forward pass, find the error terms $\\delta$ of every layer and "
                 "the gradients, and make one step of gradient descent.")
        json_cap = f"The same network as a spec ({link}, ready for `bpnn trace`):"
    ask = tr(ex.ask, lang) if str(ex.ask) else ""
    return (intro + (("" if zh else " ") + ask if ask else "") + "\n\n" + _spec_tables(ex.spec, lang) + "\n\n" + json_cap
            + "\n\n```json\n" + spec_json(ex.spec) + "```")


def checked_trace(ex: Compute):
    """The engine's trace of the spec file on disk; refuses when the file is not the stated spec."""
    from ..spec import load_spec
    from ..trace import trace_spec

    path = spec_path(ex)
    if not path.is_file():
        raise ExerciseError(f"exercise {ex.key}: its spec file {path} is missing (run write_files())")
    if json.loads(path.read_text(encoding="utf-8")) != json.loads(spec_json(ex.spec)):
        raise ExerciseError(f"exercise {ex.key}: {path} differs from the spec the exercise states")
    return trace_spec(load_spec(path))


def _vec(v) -> str:
    return ", ".join(_f(x) for x in np.ravel(v))


def _compute_solution(ex: Compute, lang: str) -> str:
    zh = lang == "zh"
    tr_ = checked_trace(ex)
    L = len(tr_.layers)
    fwd = ["| " + ("层 | 单元" if zh else "layer | unit") + " | $z$ | $a$ | $f'(z)$ |", "|---:|---:|---:|---:|---:|"]
    bwd = ["| " + ("层 | 单元" if zh else "layer | unit") + r" | $\partial L/\partial a$ | $\delta$ | "
           + r"$\partial L/\partial b$ | $b$ " + ("（更新后）" if zh else "after") + " |", "|---:|---:|---:|---:|---:|---:|"]
    grads = ["| " + ("层 | $j$ | $k$" if zh else "layer | $j$ | $k$") + r" | $w_{jk}$ | $\partial L/\partial w_{jk} = \delta_j a_k$ | $w_{jk}$ "
             + ("（更新后）" if zh else "after") + " |", "|---:|---:|---:|---:|---:|---:|"]
    for lt in tr_.layers:
        for j in range(len(lt.z)):
            fp = _f(lt.f_prime[j]) if lt.f_prime is not None else "–"
            fwd.append(f"| {lt.number} | {j + 1} | {_f(lt.z[j])} | {_f(lt.a[j])} | {fp} |")
            bwd.append(f"| {lt.number} | {j + 1} | {_f(lt.grad_a[j])} | {_f(lt.delta[j])} | {_f(lt.grad_b[j])} | {_f(lt.new_b[j])} |")
            for k in range(lt.W.shape[1]):
                grads.append(f"| {lt.number} | {j + 1} | {k + 1} | {_num(lt.W[j, k])} | {_f(lt.grad_W[j, k])} | {_f(lt.new_W[j, k])} |")
    terms = tr_.layers[-1].loss_terms
    cmd = f"`bpnn trace {ex.key}.json`"
    if zh:
        parts = [f"下表全部由引擎对规格文件（{cmd}）算出的一步得来，保留 {DIGITS} 位小数。",
                 "**前向传播**", "\n".join(fwd),
                 f"损失 $L = {_f(tr_.loss, 8)}$" + (f"（各输出单元的份额：{_vec(terms)}）" if terms is not None else "") + "。",
                 "**反向传播**：输出层的 $\\partial L/\\partial a$ 来自损失函数，隐藏层的是 $\\sum_i w_{ij}\\delta_i$；"
                 "$\\delta = \\partial L/\\partial z$。", "\n".join(bwd),
                 "**权重梯度与更新** $w \\leftarrow w - \\eta\\,\\partial L/\\partial w$：", "\n".join(grads),
                 f"更新之后，同一输入上的损失为 $L = {_f(tr_.loss_after, 8)}$。"]
    else:
        parts = [f"Every value below is the engine's trace of one step on the spec file ({cmd}), to {DIGITS} decimals.",
                 "**Forward pass**", "\n".join(fwd),
                 f"Loss $L = {_f(tr_.loss, 8)}$" + (f" (each output unit's share: {_vec(terms)})" if terms is not None else "") + ".",
                 "**Backward pass**: at the output $\\partial L/\\partial a$ comes from the loss, in a hidden layer it is "
                 "$\\sum_i w_{ij}\\delta_i$; $\\delta = \\partial L/\\partial z$.", "\n".join(bwd),
                 "**Weight gradients and the update** $w \\leftarrow w - \\eta\\,\\partial L/\\partial w$:", "\n".join(grads),
                 f"After the step the loss on the same input is $L = {_f(tr_.loss_after, 8)}$."]
    if L and tr_.layers[-1].activation == "softmax":
        parts.insert(3, "softmax 的导数是雅可比矩阵，所以 $f'(z)$ 一栏留空；输出层的 $\\delta$ 直接由损失与 softmax 合起来求出。" if zh
                     else "Softmax has a Jacobian, not an elementwise derivative, so $f'(z)$ is left empty; the output "
                          "$\\delta$ comes from the loss and the softmax together.")
    return "\n\n".join(parts)


# ----------------------------------------------------------------------------- derive

def check_derivation(ex: Derive) -> list[dict]:
    """Prove each claim with sympy and test it at seeded random points; raise ExerciseError if one fails.

    Returns one dict per claim: ``lhs``, ``rhs`` (LaTeX), ``residual`` (LaTeX of the simplified
    difference, "0"), ``max_diff`` (the largest |numeric lhs − rhs| over the points)."""
    import mpmath
    import sympy

    rng = np.random.default_rng(ex.seed)
    out = []
    for i, (shown_lhs, shown_rhs) in enumerate(ex.claims()):
        lhs, rhs = _explicit(shown_lhs), _explicit(shown_rhs)
        residual = sympy.simplify(lhs.doit() - rhs)
        if residual != 0:
            raise ExerciseError(f"exercise {ex.key}, claim {i + 1}: sympy leaves {residual} (expected 0)")
        syms = sorted(lhs.free_symbols | rhs.free_symbols, key=lambda s: s.name)
        rhs_f = sympy.lambdify(syms, rhs, "mpmath")
        if isinstance(lhs, sympy.Derivative):
            inner = sympy.lambdify(syms, lhs.expr, "mpmath")
            order = tuple(sum(1 for v in lhs.variables if v == s) for s in syms)
        else:
            inner, order = sympy.lambdify(syms, lhs, "mpmath"), None
        worst = 0.0
        with mpmath.workdps(DPS):
            for _ in range(ex.points):
                point = [mpmath.mpf(float(rng.uniform(*ex.ranges.get(s.name, (-2.0, 2.0))))) for s in syms]
                left = mpmath.diff(inner, point, order) if order else inner(*point)
                worst = max(worst, float(abs(left - rhs_f(*point))))
        if not worst < 1e-12:
            raise ExerciseError(f"exercise {ex.key}, claim {i + 1}: differs by {worst:.3g} at a random point")
        out.append({"lhs": sympy.latex(shown_lhs), "rhs": sympy.latex(shown_rhs), "residual": sympy.latex(residual),
                    "max_diff": worst, "symbols": [s.name for s in syms]})
    return out


@shared_result
def _book_derivation_checks(key: str) -> list[dict]:
    """check_derivation of the book's exercise ``key``; once per test run or book build (the chapter,
    its twin and both Solutions pages show the same checks; see :mod:`bpnn.articles.session`)."""
    return check_derivation(get(key))


def _derive_solution(ex: Derive, lang: str) -> str:
    zh = lang == "zh"
    # a book exercise's checks are shared within a run; anyone else's are computed here
    book = any(e is ex for e in EXERCISES)
    checks = _book_derivation_checks(ex.key) if book else check_derivation(ex)
    eqs = "\n\n".join(f"$$\n{c['lhs']} = {c['rhs']}\n$$" for c in checks)
    worst = max(c["max_diff"] for c in checks)
    import sympy

    names = sorted({n for c in checks for n in c["symbols"]})
    ranges = ("、" if zh else ", ").join(f"${sympy.latex(sympy.Symbol(n))} \\in [{_num(lo)}, {_num(hi)}]$"
                                        for n in names for lo, hi in [ex.ranges.get(n, (-2.0, 2.0))])
    if zh:
        return (tr(ex.derivation, lang) + "\n\n**sympy 核验**：对下面每个等式，"
                "`sympy.simplify(左边.doit() - 右边)` 的结果都是 $0$，因此等式恒成立。\n\n" + eqs
                + f"\n\n**数值核验**：用 `numpy.random.default_rng({ex.seed})` 随机取 {ex.points} 个点（{ranges}），"
                f"用 mpmath 以 {DPS} 位有效数字计算两边（导数由 `mpmath.diff` 做数值微分，不经过 sympy 的求导规则），"
                f"两边之差的最大值为 {worst:.1e}。")
    return (tr(ex.derivation, lang) + "\n\n**The sympy check**: for each equation below, "
            "`sympy.simplify(lhs.doit() - rhs)` gives $0$, so it holds identically.\n\n" + eqs
            + f"\n\n**The numeric check**: at {ex.points} points drawn with `numpy.random.default_rng({ex.seed})` "
            f"({ranges}), the two sides evaluated by mpmath at {DPS} digits (a derivative taken numerically by "
            f"`mpmath.diff`, not by sympy's rules) differ by at most {worst:.1e}.")


# ----------------------------------------------------------------------------- find the error

def audit_passage(ex: FindError, lang: str = "en"):
    """``bpnn audit`` on the passage; checks that it flags exactly the planted lines.

    Returns (FileResult, planted line numbers).  Raises ExerciseError when a planted line is
    not flagged wrong or inconsistent, or when any other line is (a false alarm), or when a
    line is unparsed (a line without arithmetic, such as ``$w = 0.5$``, may stay unchecked)."""
    from .audit import audit_text

    text = tr(ex.passage, lang)
    lines = text.splitlines()
    planted = []
    for w in ex.wrong:
        hits = [i + 1 for i, s in enumerate(lines) if w in s]
        if len(hits) != 1:
            raise ExerciseError(f"exercise {ex.key} ({lang}): the wrong value {w} is on {len(hits)} lines, not one")
        planted.append(hits[0])
    result = audit_text(text, name=f"{ex.key}.md")
    for r in result.lines:
        flagged = r.verdict in ("wrong", "inconsistent")
        if r.line in planted and not flagged:
            raise ExerciseError(f"exercise {ex.key} ({lang}): the audit calls the planted error on line "
                                f"{r.line} {r.verdict!r}; it must flag it")
        if r.line not in planted and r.verdict not in ("ok", "unchecked"):
            raise ExerciseError(f"exercise {ex.key} ({lang}): the audit calls line {r.line} {r.verdict!r}; "
                                "every line but the planted errors must be ok (or, without arithmetic, unchecked)")
    missing = set(planted) - {r.line for r in result.lines}
    if missing or not planted:
        raise ExerciseError(f"exercise {ex.key} ({lang}): the audit does not read line(s) {sorted(missing)}")
    return result, planted


def _error_body(ex: FindError, lang: str, sheet: bool = False) -> str:
    zh = lang == "zh"
    link = _link(passage_path(ex, lang).name, lang, sheet)
    head = (f"下面这段推算里有一处错误。找出它，说明错在哪里、正确的值是多少（原文：{link}）。" if zh
            else f"The passage below has an error. Find it, say what went wrong and give the right value (the passage: {link}).")
    quoted = "\n".join("> " + s if s else ">" for s in tr(ex.passage, lang).splitlines())
    return head + "\n\n" + quoted


def _error_solution(ex: FindError, lang: str) -> str:
    from .audit import verdict_label

    zh = lang == "zh"
    result, planted = audit_passage(ex, lang)
    rows = ["| " + ("行 | 式子 | 结论 | 文中数值 | 算出的值" if zh else "line | math | verdict | stated | computed") + " |",
            "|---:|---|---|---:|---:|"]
    for r in result.lines:
        tex = r.tex.replace("|", r"\vert ")
        rows.append(f"| {r.line} | ${tex}$ | {verdict_label(r.verdict, lang)} | {r.stated or '–'} | {r.computed or '–'} |")
    where = "、".join(str(p) for p in planted) if zh else ", ".join(str(p) for p in planted)
    cmd = f"`bpnn audit {passage_path(ex, lang).name}`"
    if zh:
        head = f"{cmd} 对这段文字的结论（第 {where} 行是埋下的错误）："
    else:
        head = f"What {cmd} says of the passage (line {where} holds the planted error):"
    return head + "\n\n" + "\n".join(rows) + "\n\n" + tr(ex.explanation, lang)


# ----------------------------------------------------------------------------- rendering

_KIND = {"compute": T("compute", "计算"), "derive": T("derive", "推导"), "find-error": T("find the error", "找错")}


def _title(ex, lang: str) -> str:
    kind = tr(_KIND[ex.kind], lang)
    return f"{kind[0].upper() + kind[1:]} · {tr(ex.title, lang)}" if lang == "en" else f"{kind} · {tr(ex.title, lang)}"


def exercise_body(ex, lang: str = "en", sheet: bool = False) -> str:
    """The statement of ``ex``; ``sheet=True`` names the files by path instead of linking them."""
    lang = check_lang(lang)
    if isinstance(ex, Compute):
        return _compute_body(ex, lang, sheet)
    if isinstance(ex, Derive):
        return tr(ex.prompt, lang)
    return _error_body(ex, lang, sheet)


def solution_body(ex, lang: str = "en") -> str:
    lang = check_lang(lang)
    if isinstance(ex, Compute):
        return _compute_solution(ex, lang)
    if isinstance(ex, Derive):
        return _derive_solution(ex, lang)
    return _error_solution(ex, lang)


def exercise_markdown(ex, lang: str = "en") -> str:
    """The ``exercise`` directive (labelled ``ex-KEY`` / ``zh-ex-KEY``) with its statement."""
    lang = check_lang(lang)
    return _fence(exercise_body(ex, lang), "exercise", _title(ex, lang), {"label": label(ex, "ex", lang)})


def solution_markdown(ex, lang: str = "en", labelled: bool = True) -> str:
    """The ``solution`` directive of ``ex``, closed until the reader opens it (a dropdown)."""
    lang = check_lang(lang)
    opts = {"label": label(ex, "sol", lang)} if labelled else {}
    opts["class"] = "dropdown"
    return _fence(solution_body(ex, lang), "solution", label(ex, "ex", lang), opts)


def chapter_markdown(key: str, lang: str = "en") -> str:
    """One exercise and its hidden solution, as a chapter's cell shows them."""
    ex = get(key)
    return exercise_markdown(ex, lang) + "\n" + solution_markdown(ex, lang)


def solutions_markdown(chapter: str, lang: str = "en") -> str:
    """Every solution of a chapter, for the Solutions page (unlabelled: the chapter's copies carry the labels)."""
    return "\n".join(solution_markdown(ex, lang, labelled=False) for ex in by_chapter(chapter))


def sheet_markdown(chapter_or_exercises, lang: str = "en", solutions: bool = False) -> str:
    """A printable sheet: plain Markdown without directives, numbered, solutions at the end if asked for."""
    lang = check_lang(lang)
    exs = by_chapter(chapter_or_exercises) if isinstance(chapter_or_exercises, str) else list(chapter_or_exercises)
    zh = lang == "zh"
    out = []
    for n, ex in enumerate(exs, start=1):
        out.append((f"## 练习 {n}　" if zh else f"## Exercise {n}. ") + _title(ex, lang) + "\n\n" + exercise_body(ex, lang, sheet=True))
    if solutions:
        out.append("# 解答" if zh else "# Solutions")
        for n, ex in enumerate(exs, start=1):
            out.append((f"## 练习 {n} 的解答" if zh else f"## Solution to exercise {n}") + "\n\n" + solution_body(ex, lang))
    return "\n\n".join(out) + "\n"


# ----------------------------------------------------------------------------- the book's exercises

def _sym(names: str):
    import sympy

    return sympy.symbols(names, real=True)


def _sigma(z):
    """The logistic function written out, 1/(1 + e^(-z))."""
    import sympy

    return 1 / (1 + sympy.exp(-z))


_SIGMA = None


def _s(z):
    """σ(z) as a sympy function that prints as σ; the checks replace it by 1/(1 + e^(-z)) first,
    so no derivative rule of σ is assumed anywhere."""
    global _SIGMA
    if _SIGMA is None:
        import sympy

        class sigma(sympy.Function):
            def _latex(self, printer):
                return r"\sigma\left(" + printer._print(self.args[0]) + r"\right)"

        _SIGMA = sigma
    return _SIGMA(z)


def _explicit(expr):
    """``expr`` with every σ written out as 1/(1 + e^(-z))."""
    return expr if _SIGMA is None else expr.replace(_SIGMA, _sigma)


def _claims_sigmoid_derivative():
    import sympy

    z, = _sym("z"),
    return [(sympy.Derivative(_sigma(z), z), _s(z) * (1 - _s(z)))]


def _claims_sigmoid_symmetry():
    z, = _sym("z"),
    return [(_s(-z), 1 - _s(z))]


def _claims_bias():
    import sympy

    w, a, b, t = _sym("w a b t")
    s = _s(w * a + b)
    return [(sympy.Derivative(sympy.Rational(1, 2) * (s - t) ** 2, b), (s - t) * s * (1 - s))]


def _claims_bp2():
    import sympy

    z1, z2, v1, v2, c, t = _sym("z_1 z_2 v_1 v_2 c t")
    a1, a2 = _s(z1), _s(z2)
    out = _s(v1 * a1 + v2 * a2 + c)
    L = sympy.Rational(1, 2) * (out - t) ** 2
    delta = (out - t) * out * (1 - out)
    return [(sympy.Derivative(L, z1), v1 * delta * a1 * (1 - a1)),
            (sympy.Derivative(L, z2), v2 * delta * a2 * (1 - a2))]


def _claims_output_weight():
    import sympy

    w, h, b, t = _sym("w h b t")
    y = _s(w * h + b)
    return [(sympy.Derivative(sympy.Rational(1, 2) * (y - t) ** 2, w), (y - t) * y * (1 - y) * h)]


def _claims_tanh():
    import sympy

    z, = _sym("z"),
    return [(sympy.Derivative(sympy.tanh(z), z), 1 - sympy.tanh(z) ** 2)]


def _claims_bce():
    import sympy

    z, t = _sym("z t")
    a = _s(z)
    L = -(t * sympy.log(a) + (1 - t) * sympy.log(1 - a))
    return [(sympy.Derivative(L, z), a - t)]


def _claims_mse():
    import sympy

    a1, a2, a3, t1, t2, t3 = _sym("a_1 a_2 a_3 t_1 t_2 t_3")
    L = ((a1 - t1) ** 2 + (a2 - t2) ** 2 + (a3 - t3) ** 2) / 3
    return [(sympy.Derivative(L, v), sympy.Rational(2, 3) * (v - t)) for v, t in ((a1, t1), (a2, t2), (a3, t3))]


def _claims_matrix_grad():
    import sympy

    a1, a2, t1, t2 = _sym("a_1 a_2 t_1 t_2")
    w = sympy.Matrix(2, 2, _sym("w_11 w_12 w_21 w_22"))
    b = sympy.Matrix(_sym("b_1 b_2"))
    z = w * sympy.Matrix([a1, a2]) + b
    y = z.applyfunc(_sigma)
    L = sympy.Rational(1, 2) * ((y[0] - t1) ** 2 + (y[1] - t2) ** 2)
    delta = [(y[j] - (t1, t2)[j]) * y[j] * (1 - y[j]) for j in range(2)]
    return [(sympy.Derivative(L, w[j, k]), delta[j] * (a1, a2)[k]) for j in range(2) for k in range(2)]


def _claims_softmax_ce():
    import sympy

    z1, z2, z3, t1, t2 = _sym("z_1 z_2 z_3 t_1 t_2")
    zs, ts = (z1, z2, z3), (t1, t2, 1 - t1 - t2)
    den = sum(sympy.exp(v) for v in zs)
    L = -sum(t * sympy.log(sympy.exp(v) / den) for t, v in zip(ts, zs))
    return [(sympy.Derivative(L, v), sympy.exp(v) / den - t) for v, t in zip(zs, ts)]


def _claims_weight_decay():
    import sympy

    w, x, b, t, lam = _sym("w x b t lambda")
    y = _s(w * x + b)
    L = sympy.Rational(1, 2) * (y - t) ** 2 + lam / 2 * w ** 2
    return [(sympy.Derivative(L, w), (y - t) * y * (1 - y) * x + lam * w)]


def _claims_sse():
    import sympy

    w, x, b, t = _sym("w x b t")
    y = _s(w * x + b)
    return [(sympy.Derivative((y - t) ** 2, w), 2 * (y - t) * y * (1 - y) * x)]


def _claims_chain():
    import sympy

    x, w1, w2, t = _sym("x w_1 w_2 t")
    h = _s(w1 * x)
    y = _s(w2 * h)
    L = sympy.Rational(1, 2) * (y - t) ** 2
    return [(sympy.Derivative(L, w1), (y - t) * y * (1 - y) * w2 * h * (1 - h) * x)]


def _sig(z: float) -> float:
    return float(1.0 / (1.0 + np.exp(-z)))


def _r(v: float, d: int = 4) -> str:
    return f"{v:.{d}f}"


def _passage(en: str, zh: str, **vals) -> Text:
    return T(en.format(**vals), zh.format(**vals))


def _error_sigmoid_off() -> FindError:
    w, x, b = 0.6, 0.5, 0.1
    z = w * x + b
    wrong = _r(1 - _sig(z))
    p = _passage(
        "A neuron with weight $w = {w}$ and bias $b = {b}$ receives the input $x = {x}$. Its weighted input is\n\n"
        "$$z = {w} \\cdot {x} + {b} = {z}$$\n\nand its activation\n\n$$a = \\frac{{1}}{{1 + e^{{-{z}}}}} = {bad}$$\n",
        "某个神经元的权重 $w = {w}$，偏置 $b = {b}$，输入 $x = {x}$。它的加权输入为\n\n"
        "$$z = {w} \\cdot {x} + {b} = {z}$$\n\n激活值为\n\n$$a = \\frac{{1}}{{1 + e^{{-{z}}}}} = {bad}$$\n",
        w=_num(w), x=_num(x), b=_num(b), z=_num(round(z, 10)), bad=wrong)
    e = _passage(
        "The weighted input is right. The activation is not: $z = {z} > 0$, so $\\sigma(z)$ must exceed "
        "$\\tfrac12$, and the stated {bad} is below it. The true value is $\\sigma({z}) = {good}$; the passage "
        "gives $1 - \\sigma(z) = \\sigma(-z)$, the value at the wrong sign of the exponent.",
        "加权输入没有算错，激活值错了：$z = {z} > 0$，$\\sigma(z)$ 必然大于 $\\tfrac12$，文中的 {bad} 却小于 $\\tfrac12$。"
        "正确的值是 $\\sigma({z}) = {good}$；文中给出的其实是 $1 - \\sigma(z) = \\sigma(-z)$，指数的符号弄反了。",
        z=_num(round(z, 10)), bad=wrong, good=_r(_sig(z)))
    return find_error_exercise("sigmoid-4", p, e, [wrong], T("A sigmoid value", "一个 sigmoid 函数值"))


def _error_missing_fprime() -> FindError:
    a, t = 0.7, 1.0
    bad = _r(a - t, 2)
    p = _passage(
        "The output unit has activation $a = {a}$ and target $t = {t}$. With the loss "
        "$\\tfrac12(a - t)^2$ and a sigmoid output, its error term is\n\n"
        "$$\\delta = (a - t)\\, a\\, (1 - a) = ({a} - {t}) \\cdot {a} \\cdot (1 - {a}) = {bad}$$\n",
        "输出单元的激活值 $a = {a}$，目标值 $t = {t}$。损失取 $\\tfrac12(a - t)^2$，输出层用 sigmoid，"
        "于是它的误差项为\n\n$$\\delta = (a - t)\\, a\\, (1 - a) = ({a} - {t}) \\cdot {a} \\cdot (1 - {a}) = {bad}$$\n",
        a=_num(a), t=_num(t), bad=bad)
    e = _passage(
        "The formula is right, its value is not: ${a} \\cdot (1 - {a}) = {fp}$, so "
        "$\\delta = ({d}) \\cdot {fp} = {good}$. The stated {bad} is $a - t$ alone: the factor "
        "$\\sigma'(z) = a(1 - a)$ was dropped in the arithmetic although the formula shows it.",
        "式子没错，数值错了：${a} \\cdot (1 - {a}) = {fp}$，所以 $\\delta = ({d}) \\cdot {fp} = {good}$。"
        "文中的 {bad} 只是 $a - t$，式子里写着 $\\sigma'(z) = a(1 - a)$，算的时候却漏乘了这个因子。",
        a=_num(a), fp=_r(a * (1 - a), 2), d=_r(a - t, 1), good=_r((a - t) * a * (1 - a), 3), bad=bad)
    return find_error_exercise("bp-4", p, e, [bad], T("An output error term", "输出层的误差项"))


def _error_extra_factor() -> FindError:
    d, h = 0.125, 0.6
    bad = _r(2 * d * h, 3)
    p = _passage(
        "The output unit's error term is $\\delta_o = {d}$ and the hidden unit feeding it has activation "
        "$h = {h}$. The gradient of the weight between them is\n\n"
        "$$\\frac{{\\partial E}}{{\\partial w}} = \\delta_o \\cdot h = {d} \\cdot {h} = {bad}$$\n",
        "输出单元的误差项 $\\delta_o = {d}$，连到它的隐藏单元激活值 $h = {h}$。两者之间那条权重的梯度是\n\n"
        "$$\\frac{{\\partial E}}{{\\partial w}} = \\delta_o \\cdot h = {d} \\cdot {h} = {bad}$$\n",
        d=_num(d), h=_num(h), bad=bad)
    e = _passage(
        "${d} \\cdot {h} = {good}$, half the stated {bad}: the result carries an extra factor 2, the 2 of "
        "$\\tfrac{{d}}{{da}}(a - t)^2$ counted although the loss has its $\\tfrac12$ to cancel it.",
        "${d} \\cdot {h} = {good}$，只有文中 {bad} 的一半：结果多乘了一个 2，即 $\\tfrac{{d}}{{da}}(a - t)^2$ 里的 2，"
        "而损失里本来已经有 $\\tfrac12$ 把它抵消了。",
        d=_num(d), h=_num(h), good=_r(d * h, 3), bad=bad)
    return find_error_exercise("we-3", p, e, [bad], T("A weight gradient", "一个权重梯度"))


def _error_update_sign() -> FindError:
    w, eta, g = 0.4, 0.5, 0.08
    bad = _r(w + eta * g, 2)
    p = _passage(
        "The weight $w = {w}$ has the gradient $\\partial E/\\partial w = {g}$. One step of gradient descent "
        "with learning rate $\\eta = {eta}$ gives\n\n$$w^+ = w - \\eta \\frac{{\\partial E}}{{\\partial w}} = "
        "{w} - {eta} \\cdot {g} = {bad}$$\n",
        "权重 $w = {w}$ 的梯度 $\\partial E/\\partial w = {g}$。学习率 $\\eta = {eta}$，做一步梯度下降：\n\n"
        "$$w^+ = w - \\eta \\frac{{\\partial E}}{{\\partial w}} = {w} - {eta} \\cdot {g} = {bad}$$\n",
        w=_num(w), eta=_num(eta), g=_num(g), bad=bad)
    e = _passage(
        "${w} - {eta} \\cdot {g} = {good}$. The stated {bad} is $w + \\eta g$: the step went up the gradient, "
        "which makes the loss larger (article 000 writes its update $\\Delta w = \\eta\\,\\partial L/\\partial w$ without the minus sign).",
        "${w} - {eta} \\cdot {g} = {good}$。文中的 {bad} 是 $w + \\eta g$：沿梯度方向往上走了一步，损失只会变大"
        "（文章 000 写的更新量 $\\Delta w = \\eta\\,\\partial L/\\partial w$ 也少了负号）。",
        w=_num(w), eta=_num(eta), g=_num(g), good=_r(w - eta * g, 2), bad=bad)
    return find_error_exercise("we-4", p, e, [bad], T("An update", "一次更新"))


def _error_bias_forgotten() -> FindError:
    w1, w2, x1, x2, b = 0.2, 0.4, 1.0, 0.5, 0.3
    bad = _r(w1 * x1 + w2 * x2, 2)
    p = _passage(
        "A hidden unit has weights $w_1 = {w1}$, $w_2 = {w2}$ and bias $b = {b}$; the input is "
        "$x_1 = {x1}$, $x_2 = {x2}$. Its weighted input:\n\n$$z = w_1 x_1 + w_2 x_2 + b = {w1} \\cdot {x1} + {w2} "
        "\\cdot {x2} + {b} = {bad}$$\n",
        "某个隐藏单元的权重 $w_1 = {w1}$、$w_2 = {w2}$，偏置 $b = {b}$，输入 $x_1 = {x1}$、$x_2 = {x2}$。它的加权输入：\n\n"
        "$$z = w_1 x_1 + w_2 x_2 + b = {w1} \\cdot {x1} + {w2} \\cdot {x2} + {b} = {bad}$$\n",
        w1=_num(w1), w2=_num(w2), x1=_num(x1), x2=_num(x2), b=_num(b), bad=bad)
    e = _passage(
        "The sum is ${good}$; the stated {bad} is the weighted sum without the bias ${b}$, which the formula "
        "writes but the arithmetic leaves out.",
        "正确的和是 ${good}$；文中的 {bad} 是没加偏置 ${b}$ 的加权和：式子里写了 $b$，算的时候却漏掉了。",
        good=_r(w1 * x1 + w2 * x2 + b, 2), bad=bad, b=_num(b))
    return find_error_exercise("l1-4", p, e, [bad], T("A weighted input", "一个加权输入"))


def _error_no_eta() -> FindError:
    w, eta, g = 0.35, 0.1, 0.2
    bad = _r(w - g, 2)
    p = _passage(
        "The training loop sets the learning rate to $\\eta = {eta}$. For the weight $w = {w}$, whose "
        "gradient is ${g}$, it computes\n\n$$w^+ = {w} - {eta} \\cdot {g} = {bad}$$\n",
        "训练循环把学习率设为 $\\eta = {eta}$。权重 $w = {w}$ 的梯度为 ${g}$，它算出\n\n"
        "$$w^+ = {w} - {eta} \\cdot {g} = {bad}$$\n",
        w=_num(w), eta=_num(eta), g=_num(g), bad=bad)
    e = _passage(
        "${w} - {eta} \\cdot {g} = {good}$. The stated {bad} is $w - g$: the learning rate was written "
        "in the formula and left out of the arithmetic, a step ten times too long.",
        "${w} - {eta} \\cdot {g} = {good}$。文中的 {bad} 是 $w - g$：式子里写了学习率，算的时候却没乘上，"
        "一步迈得大了十倍。",
        w=_num(w), eta=_num(eta), g=_num(g), good=_r(w - eta * g, 2), bad=bad)
    return find_error_exercise("fw-4", p, e, [bad], T("A step without its learning rate", "漏了学习率的一步"))


def _error_loss_half() -> FindError:
    a, t = 0.8, 0.2
    bad = _r((a - t) ** 2, 2)
    p = _passage(
        "After fine-tuning, the network outputs $a = {a}$ for a sample whose target is $t = {t}$. "
        "The loss used in training is $E = \\tfrac12 (a - t)^2$:\n\n"
        "$$E = \\frac{{1}}{{2}} ({a} - {t})^2 = {bad}$$\n",
        "微调之后，网络对一个目标值 $t = {t}$ 的样本输出 $a = {a}$。训练用的损失是 $E = \\tfrac12 (a - t)^2$：\n\n"
        "$$E = \\frac{{1}}{{2}} ({a} - {t})^2 = {bad}$$\n",
        a=_num(a), t=_num(t), bad=bad)
    e = _passage(
        "$\\tfrac12({a} - {t})^2 = {good}$; the stated {bad} is $(a - t)^2$, the loss without its $\\tfrac12$. "
        "Which loss a text means matters: its gradient, and so the learning rate that suits it, changes by "
        "the same factor 2.",
        "$\\tfrac12({a} - {t})^2 = {good}$；文中的 {bad} 是不带 $\\tfrac12$ 的 $(a - t)^2$。"
        "用的是哪一个损失并非小事：梯度会差同样的 2 倍，合适的学习率也随之不同。",
        a=_num(a), t=_num(t), good=_r((a - t) ** 2 / 2, 2), bad=bad)
    return find_error_exercise("ft-4", p, e, [bad], T("A loss value", "一个损失值"))


def _error_product() -> FindError:
    a, b, c = 0.25, 0.4, 0.5
    good_first = a * b
    bad = _r(good_first * c * 10, 2)
    p = _passage(
        "A reader checks a gradient from a blog post, written as one chain:\n\n"
        "$$g = {a} \\cdot {b} \\cdot {c} = {ab} \\cdot {c} = {bad}$$\n",
        "读者核对一篇博客里的梯度，原文写成一串等式：\n\n"
        "$$g = {a} \\cdot {b} \\cdot {c} = {ab} \\cdot {c} = {bad}$$\n",
        a=_num(a), b=_num(b), c=_num(c), ab=_r(good_first, 1), bad=bad)
    e = _passage(
        "The first step is right (${a} \\cdot {b} = {ab}$), the second is not: ${ab} \\cdot {c} = {good}$, ten "
        "times less than the stated {bad} (a decimal point slipped). The audit compares every pair of "
        "neighbouring sides, so it names the step that breaks the chain.",
        "第一步没错（${a} \\cdot {b} = {ab}$），第二步错了：${ab} \\cdot {c} = {good}$，是文中 {bad} 的十分之一"
        "（小数点错了一位）。审计逐对比较相邻的两边，所以能指出断在哪一步。",
        a=_num(a), b=_num(b), c=_num(c), ab=_r(good_first, 1), good=_r(good_first * c, 2), bad=bad)
    return find_error_exercise("au-1", p, e, [bad], T("A chain of equalities", "一串等式"))


def _error_total() -> FindError:
    e1, e2 = 0.2741, 0.0236
    bad = _r(e1 - e2)
    p = _passage(
        "The two output units contribute $E_{{o1}} = {e1}$ and $E_{{o2}} = {e2}$ to the error, so\n\n"
        "$$E_{{total}} = E_{{o1}} + E_{{o2}} = {e1} + {e2} = {bad}$$\n",
        "两个输出单元对误差的贡献分别是 $E_{{o1}} = {e1}$ 和 $E_{{o2}} = {e2}$，所以\n\n"
        "$$E_{{total}} = E_{{o1}} + E_{{o2}} = {e1} + {e2} = {bad}$$\n",
        e1=_r(e1), e2=_r(e2), bad=bad)
    e = _passage(
        "${e1} + {e2} = {good}$; the stated {bad} is the difference of the two terms, not their sum.",
        "${e1} + {e2} = {good}$；文中的 {bad} 是两项之差，不是两项之和。",
        e1=_r(e1), e2=_r(e2), good=_r(e1 + e2), bad=bad)
    return find_error_exercise("au-2", p, e, [bad], T("A total error", "总误差"))


def _build() -> list:
    C, D = compute_exercise, derive_exercise
    R = T
    exs = {
        "sigmoid-neuron": [
            C("sigmoid-1", {"layers": [{"weights": [[0.8]], "bias": [-0.2], "activation": "sigmoid"}],
                            "loss": "half_sse", "input": [0.5], "target": [1], "learning_rate": 0.5},
              R("One neuron, one step", "一个神经元，一步"),
              R("Before you start, say whether $a$ lies above or below $\\tfrac12$, and why.",
                "动手之前，先说说 $a$ 会大于还是小于 $\\tfrac12$，为什么。")),
            D("sigmoid-2", R("Show that the logistic function $\\sigma(z) = 1/(1 + e^{-z})$ satisfies "
                             "$\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$.",
                             "证明 logistic 函数 $\\sigma(z) = 1/(1 + e^{-z})$ 满足 "
                             "$\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$。"),
              R("Write $\\sigma(z) = (1 + e^{-z})^{-1}$ and apply the chain rule: "
                "$\\sigma'(z) = (1 + e^{-z})^{-2} e^{-z}$. Split the fraction: "
                "$\\frac{e^{-z}}{(1 + e^{-z})^2} = \\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}}$, "
                "and $\\frac{e^{-z}}{1 + e^{-z}} = 1 - \\frac{1}{1 + e^{-z}} = 1 - \\sigma(z)$.",
                "把 $\\sigma(z)$ 写成 $(1 + e^{-z})^{-1}$，由链式法则得 $\\sigma'(z) = (1 + e^{-z})^{-2} e^{-z}$。"
                "把这个分式拆开：$\\frac{e^{-z}}{(1 + e^{-z})^2} = \\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}}$，"
                "而 $\\frac{e^{-z}}{1 + e^{-z}} = 1 - \\frac{1}{1 + e^{-z}} = 1 - \\sigma(z)$。"),
              _claims_sigmoid_derivative, R("The derivative of the sigmoid", "sigmoid 的导数"),
              {"z": (-4.0, 4.0)}, seed=2),
            D("sigmoid-3", R("Show that $\\sigma(-z) = 1 - \\sigma(z)$, and use it to explain why a sigmoid "
                             "evaluated at a positive $z$ can never be below $\\tfrac12$.",
                             "证明 $\\sigma(-z) = 1 - \\sigma(z)$，并据此说明：$z$ 为正时，sigmoid 函数值为什么不可能小于 $\\tfrac12$。"),
              R("Multiply numerator and denominator of $\\sigma(-z) = \\frac{1}{1 + e^{z}}$ by $e^{-z}$: "
                "$\\sigma(-z) = \\frac{e^{-z}}{e^{-z} + 1} = 1 - \\frac{1}{1 + e^{-z}} = 1 - \\sigma(z)$. "
                "At $z = 0$ this gives $\\sigma(0) = \\tfrac12$; $\\sigma$ is increasing ($\\sigma' > 0$), so "
                "$z > 0$ gives $\\sigma(z) > \\tfrac12$ and, by the identity, $\\sigma(-z) < \\tfrac12$.",
                "把 $\\sigma(-z) = \\frac{1}{1 + e^{z}}$ 的分子分母同乘 $e^{-z}$："
                "$\\sigma(-z) = \\frac{e^{-z}}{e^{-z} + 1} = 1 - \\frac{1}{1 + e^{-z}} = 1 - \\sigma(z)$。"
                "令 $z = 0$ 得 $\\sigma(0) = \\tfrac12$；$\\sigma$ 单调递增（$\\sigma' > 0$），"
                "所以 $z > 0$ 时 $\\sigma(z) > \\tfrac12$，再由这个恒等式，$\\sigma(-z) < \\tfrac12$。"),
              _claims_sigmoid_symmetry, R("A symmetry", "一个对称性"), {"z": (-4.0, 4.0)}, seed=3),
            _error_sigmoid_off(),
        ],
        "four-equations": [
            C("bp-1", {"layers": [{"weights": [[0.1, 0.3], [0.2, -0.4]], "bias": [0.1, 0.2], "activation": "sigmoid"},
                                  {"weights": [[0.5, -0.6]], "bias": [0.3], "activation": "sigmoid"}],
                       "loss": "half_sse", "input": [1, 0.5], "target": [0], "learning_rate": 1},
              R("The four equations on a 2-2-1 network", "在 2-2-1 网络上用四个方程"),
              R("Name the equation (BP1–BP4) that each of your steps uses.",
                "每算一步，注明用的是 BP1–BP4 中的哪一个方程。")),
            D("bp-2", R("For one sigmoid unit $y = \\sigma(wa + b)$ with the loss $L = \\tfrac12 (y - t)^2$, "
                        "show that $\\partial L/\\partial b = \\delta$, where $\\delta = (y - t)\\,y\\,(1 - y)$ is the "
                        "unit's error term (BP3).",
                        "对单个 sigmoid 单元 $y = \\sigma(wa + b)$，损失 $L = \\tfrac12 (y - t)^2$，证明 "
                        "$\\partial L/\\partial b = \\delta$，其中 $\\delta = (y - t)\\,y\\,(1 - y)$ 是该单元的误差项（BP3）。"),
              R("With $z = wa + b$, the chain rule gives $\\frac{\\partial L}{\\partial b} = \\frac{\\partial L}{\\partial y}"
                "\\frac{dy}{dz}\\frac{\\partial z}{\\partial b} = (y - t)\\,\\sigma'(z) \\cdot 1$, and $\\sigma'(z) = y(1 - y)$. "
                "The last factor is 1 because $b$ enters $z$ with coefficient 1: the bias gradient is the error term itself.",
                "记 $z = wa + b$，由链式法则 $\\frac{\\partial L}{\\partial b} = \\frac{\\partial L}{\\partial y}"
                "\\frac{dy}{dz}\\frac{\\partial z}{\\partial b} = (y - t)\\,\\sigma'(z) \\cdot 1$，而 $\\sigma'(z) = y(1 - y)$。"
                "最后一个因子是 1，因为 $b$ 在 $z$ 中的系数是 1：偏置的梯度就是误差项本身。"),
              _claims_bias, R("The bias gradient", "偏置的梯度"),
              {"w": (-2.0, 2.0), "a": (0.0, 1.0), "b": (-1.0, 1.0), "t": (0.0, 1.0)}, seed=4),
            D("bp-3", R("A 2-1 output layer $y = \\sigma(v_1 a_1 + v_2 a_2 + c)$ sits on two sigmoid units "
                        "$a_j = \\sigma(z_j)$; the loss is $L = \\tfrac12 (y - t)^2$. Show BP2 for this network: "
                        "$\\partial L/\\partial z_j = v_j\\, \\delta\\, \\sigma'(z_j)$ with $\\delta = (y - t)\\,y\\,(1 - y)$.",
                        "两个 sigmoid 隐藏单元 $a_j = \\sigma(z_j)$ 之上是一个输出单元 $y = \\sigma(v_1 a_1 + v_2 a_2 + c)$，"
                        "损失 $L = \\tfrac12 (y - t)^2$。对这个网络证明 BP2："
                        "$\\partial L/\\partial z_j = v_j\\, \\delta\\, \\sigma'(z_j)$，其中 $\\delta = (y - t)\\,y\\,(1 - y)$。"),
              R("$z_j$ reaches $L$ only through $a_j$ and then through the output's weighted input "
                "$u = v_1 a_1 + v_2 a_2 + c$. So $\\frac{\\partial L}{\\partial z_j} = \\frac{\\partial L}{\\partial u}"
                "\\frac{\\partial u}{\\partial a_j}\\frac{da_j}{dz_j} = \\delta \\cdot v_j \\cdot \\sigma'(z_j)$. "
                "With several output units the middle factor becomes the sum $\\sum_i v_{ij}\\delta_i$, "
                "the $j$-th entry of $(W^{(l+1)})^{\\mathsf T}\\delta^{(l+1)}$.",
                "$z_j$ 只经由 $a_j$、再经由输出单元的加权输入 $u = v_1 a_1 + v_2 a_2 + c$ 影响 $L$，所以 "
                "$\\frac{\\partial L}{\\partial z_j} = \\frac{\\partial L}{\\partial u}\\frac{\\partial u}{\\partial a_j}"
                "\\frac{da_j}{dz_j} = \\delta \\cdot v_j \\cdot \\sigma'(z_j)$。"
                "输出单元不止一个时，中间那个因子变成求和 $\\sum_i v_{ij}\\delta_i$，"
                "也就是 $(W^{(l+1)})^{\\mathsf T}\\delta^{(l+1)}$ 的第 $j$ 个分量。"),
              _claims_bp2, R("The error of a hidden unit", "隐藏单元的误差项"),
              {"z_1": (-2.0, 2.0), "z_2": (-2.0, 2.0), "v_1": (-1.0, 1.0), "v_2": (-1.0, 1.0), "c": (-1.0, 1.0),
               "t": (0.0, 1.0)}, seed=5),
            _error_missing_fprime(),
        ],
        "worked-example-002": [
            C("we-1", {"layers": [{"weights": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], "bias": [0.1, 0.1, 0.1],
                                   "activation": "sigmoid"},
                                  {"weights": [[0.2, 0.3, 0.4]], "bias": [0.1], "activation": "sigmoid"}],
                       "loss": "half_sse", "input": [1, 2], "target": [1], "learning_rate": 0.5},
              R("A 2-3-1 network like the article's", "和文章同形的 2-3-1 网络"),
              R("The network has the shape of article 002's example, with its own numbers.",
                "网络的形状与文章 002 的算例相同，数值另取。")),
            D("we-2", R("An output unit $y = \\sigma(wh + b)$ is fed by a hidden unit of activation $h$; the loss is "
                        "$L = \\tfrac12 (y - t)^2$. Derive $\\partial L/\\partial w$ and write it as $\\delta \\cdot h$ (BP4).",
                        "输出单元 $y = \\sigma(wh + b)$ 的输入来自激活值为 $h$ 的隐藏单元，损失 $L = \\tfrac12 (y - t)^2$。"
                        "求 $\\partial L/\\partial w$，并把它写成 $\\delta \\cdot h$ 的形式（BP4）。"),
              R("$\\frac{\\partial L}{\\partial w} = (y - t) \\cdot \\sigma'(wh + b) \\cdot h$, three factors: the loss's "
                "slope, the sigmoid's slope $y(1 - y)$, and the input $h$ that the weight multiplies. The first two "
                "are $\\delta$. No factor 2 appears: the $\\tfrac12$ of the loss cancels the 2 of the square.",
                "$\\frac{\\partial L}{\\partial w} = (y - t) \\cdot \\sigma'(wh + b) \\cdot h$，共三个因子：损失的斜率、"
                "sigmoid 的斜率 $y(1 - y)$，以及这条权重所乘的输入 $h$。前两个因子合起来就是 $\\delta$。"
                "结果里没有因子 2：损失的 $\\tfrac12$ 正好抵消了平方求导得到的 2。"),
              _claims_output_weight, R("An output weight's gradient", "输出层权重的梯度"),
              {"w": (-2.0, 2.0), "h": (0.0, 1.0), "b": (-1.0, 1.0), "t": (0.0, 1.0)}, seed=6),
            _error_extra_factor(),
            _error_update_sign(),
        ],
        "derivations": [
            D("dv-1", R("Derive the derivative of $\\tanh z = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$ and write it "
                        "in terms of $\\tanh z$ itself, as the backward pass uses it.",
                        "求 $\\tanh z = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$ 的导数，并像反向传播那样，"
                        "用 $\\tanh z$ 本身把它表示出来。"),
              R("By the quotient rule, $\\tanh' z = \\frac{(e^{z} + e^{-z})^2 - (e^{z} - e^{-z})^2}{(e^{z} + e^{-z})^2}"
                " = 1 - \\tanh^2 z$. The backward pass therefore needs only the activation $a = \\tanh z$: "
                "$f'(z) = 1 - a^2$.",
                "由商的求导法则，$\\tanh' z = \\frac{(e^{z} + e^{-z})^2 - (e^{z} - e^{-z})^2}{(e^{z} + e^{-z})^2}"
                " = 1 - \\tanh^2 z$。所以反向传播只需要激活值 $a = \\tanh z$：$f'(z) = 1 - a^2$。"),
              _claims_tanh, R("The derivative of tanh", "tanh 的导数"), {"z": (-3.0, 3.0)}, seed=7),
            D("dv-2", R("For a sigmoid output $a = \\sigma(z)$ and the binary cross-entropy "
                        "$L = -\\bigl(t \\ln a + (1 - t) \\ln(1 - a)\\bigr)$, show that $\\partial L/\\partial z = a - t$.",
                        "输出层用 sigmoid，$a = \\sigma(z)$，损失取二元交叉熵 "
                        "$L = -\\bigl(t \\ln a + (1 - t) \\ln(1 - a)\\bigr)$。证明 $\\partial L/\\partial z = a - t$。"),
              R("$\\frac{\\partial L}{\\partial a} = -\\frac{t}{a} + \\frac{1 - t}{1 - a} = \\frac{a - t}{a(1 - a)}$, and "
                "$\\frac{da}{dz} = a(1 - a)$; the product is $a - t$. The sigmoid's slope cancels, which is why this "
                "pair learns quickly even when the output saturates.",
                "$\\frac{\\partial L}{\\partial a} = -\\frac{t}{a} + \\frac{1 - t}{1 - a} = \\frac{a - t}{a(1 - a)}$，"
                "又 $\\frac{da}{dz} = a(1 - a)$，相乘得 $a - t$。sigmoid 的斜率被约掉了，所以即使输出饱和，"
                "这对组合也学得很快。"),
              _claims_bce, R("Cross-entropy and the sigmoid", "交叉熵与 sigmoid"),
              {"z": (-3.0, 3.0), "t": (0.0, 1.0)}, seed=8),
            D("dv-3", R("The mean squared error over three outputs is $L = \\frac13 \\sum_{j=1}^{3} (a_j - t_j)^2$. "
                        "Find $\\partial L/\\partial a_j$ and compare it with the gradient of $\\tfrac12\\sum_j (a_j - t_j)^2$.",
                        "三个输出的均方误差为 $L = \\frac13 \\sum_{j=1}^{3} (a_j - t_j)^2$。求 $\\partial L/\\partial a_j$，"
                        "并与 $\\tfrac12\\sum_j (a_j - t_j)^2$ 的梯度比较。"),
              R("Only the $j$-th term depends on $a_j$: $\\frac{\\partial L}{\\partial a_j} = \\frac13 \\cdot 2 (a_j - t_j)"
                " = \\frac23 (a_j - t_j)$. The half sum of squares gives $a_j - t_j$; the two differ by the constant "
                "$\\frac{2}{n}$, which a learning rate $\\frac{n}{2}$ times larger absorbs.",
                "只有第 $j$ 项含 $a_j$：$\\frac{\\partial L}{\\partial a_j} = \\frac13 \\cdot 2 (a_j - t_j) = \\frac23 (a_j - t_j)$。"
                "带 ½ 的平方和给出的是 $a_j - t_j$；两者相差常数因子 $\\frac{2}{n}$，把学习率放大 $\\frac{n}{2}$ 倍就能抵消。"),
              _claims_mse, R("The mean squared error", "均方误差"),
              {"a_1": (0.0, 1.0), "a_2": (0.0, 1.0), "a_3": (0.0, 1.0), "t_1": (0.0, 1.0), "t_2": (0.0, 1.0),
               "t_3": (0.0, 1.0)}, seed=9),
            C("dv-4", {"layers": [{"weights": [[0.5, -0.5], [0.25, 0.75]], "bias": [0, 0.1], "activation": "tanh"},
                                  {"weights": [[1, -1]], "bias": [0.2], "activation": "sigmoid"}],
                       "loss": "bce", "input": [0.4, 0.8], "target": [1], "learning_rate": 0.1},
              R("tanh, sigmoid and cross-entropy", "tanh、sigmoid 与交叉熵"),
              R("Use the results of the two exercises above: $1 - a^2$ for tanh, and $a - t$ for the output.",
                "用上前面两道题的结论：tanh 的导数是 $1 - a^2$，输出层的误差项是 $a - t$。")),
        ],
        "listing-001-numpy": [
            C("l1-1", {"layers": [{"weights": [[0.2, -0.1, 0.4], [0.7, 0.3, -0.2]], "bias": [0, 0], "activation": "sigmoid"},
                                  {"weights": [[0.6, 0.9]], "bias": [0], "activation": "sigmoid"}],
                       "loss": "half_sse", "input": [1, 0, 1], "target": [1], "learning_rate": 1},
              R("One step of a 3-2-1 network", "3-2-1 网络的一步"),
              R("Write each step as the NumPy line that would compute it for the whole layer.",
                "每一步都写出对整层一次算完的那行 NumPy 代码。")),
            C("l1-2", {"layers": [{"weights": [[1, -1], [-0.5, 0.5]], "bias": [0, 0], "activation": "relu"},
                                  {"weights": [[0.5, 1]], "bias": [0], "activation": "identity"}],
                       "loss": "half_sse", "input": [0.6, 0.2], "target": [0.5], "learning_rate": 0.1},
              R("A ReLU layer", "一层 ReLU"),
              R("One hidden unit is switched off by the ReLU; what does that do to the gradients of its weights?",
                "有一个隐藏单元被 ReLU 关掉了；它的权重的梯度会怎样？")),
            D("l1-3", R("For a sigmoid layer $y = \\sigma(Wa + b)$ with two units and two inputs, and the loss "
                        "$L = \\tfrac12 \\sum_j (y_j - t_j)^2$, show that $\\partial L/\\partial w_{jk} = \\delta_j a_k$, "
                        "that is, $\\partial L/\\partial W = \\delta\\, a^{\\mathsf T}$ as one NumPy line "
                        "`np.outer(delta, a)`.",
                        "两个输入、两个单元的 sigmoid 层 $y = \\sigma(Wa + b)$，损失 $L = \\tfrac12 \\sum_j (y_j - t_j)^2$。"
                        "证明 $\\partial L/\\partial w_{jk} = \\delta_j a_k$，也就是 $\\partial L/\\partial W = \\delta\\, a^{\\mathsf T}$，"
                        "写成一行 NumPy 代码就是 `np.outer(delta, a)`。"),
              R("$w_{jk}$ appears only in $z_j = \\sum_k w_{jk} a_k + b_j$, with coefficient $a_k$, and $z_j$ reaches "
                "$L$ only through $y_j$. So $\\frac{\\partial L}{\\partial w_{jk}} = \\frac{\\partial L}{\\partial z_j} a_k = "
                "\\delta_j a_k$: the outer product of the column $\\delta$ and the row $a^{\\mathsf T}$, a matrix of the "
                "shape of $W$. Article 001's listing multiplies these in the other order, which fits only when the "
                "shapes happen to allow it.",
                "$w_{jk}$ 只出现在 $z_j = \\sum_k w_{jk} a_k + b_j$ 中，系数是 $a_k$；$z_j$ 又只经由 $y_j$ 影响 $L$。"
                "所以 $\\frac{\\partial L}{\\partial w_{jk}} = \\frac{\\partial L}{\\partial z_j} a_k = \\delta_j a_k$："
                "列向量 $\\delta$ 与行向量 $a^{\\mathsf T}$ 的外积，形状正好与 $W$ 相同。"
                "文章 001 的代码把两者的次序乘反了，只有形状碰巧允许时才不报错。"),
              _claims_matrix_grad, R("The weight gradient as a matrix", "矩阵形式的权重梯度"),
              {"a_1": (0.0, 1.0), "a_2": (0.0, 1.0), "t_1": (0.0, 1.0), "t_2": (0.0, 1.0), "b_1": (-1.0, 1.0),
               "b_2": (-1.0, 1.0)}, seed=10),
            _error_bias_forgotten(),
        ],
        "listings-frameworks": [
            C("fw-1", {"layers": [{"weights": [[0.2, -0.3], [0.4, 0.1], [-0.5, 0.6]], "bias": [0, 0, 0],
                                   "activation": "softmax"}],
                       "loss": "cross_entropy", "input": [1, 2], "target": [0, 1, 0], "learning_rate": 0.1},
              R("A softmax classifier", "一个 softmax 分类器"),
              R("This is the last layer of a Keras or PyTorch classifier with three classes; the sample belongs "
                "to class 2.", "这相当于 Keras 或 PyTorch 里三分类器的最后一层；样本属于第 2 类。")),
            D("fw-2", R("Let $a = \\operatorname{softmax}(z)$ over three classes and $L = -\\sum_j t_j \\ln a_j$ with "
                        "$t_1 + t_2 + t_3 = 1$. Show that $\\partial L/\\partial z_j = a_j - t_j$.",
                        "三个类别上 $a = \\operatorname{softmax}(z)$，损失 $L = -\\sum_j t_j \\ln a_j$，且 $t_1 + t_2 + t_3 = 1$。"
                        "证明 $\\partial L/\\partial z_j = a_j - t_j$。"),
              R("$\\ln a_i = z_i - \\ln \\sum_k e^{z_k}$, so $\\frac{\\partial \\ln a_i}{\\partial z_j} = [i = j] - a_j$ and "
                "$\\frac{\\partial L}{\\partial z_j} = -\\sum_i t_i([i = j] - a_j) = -t_j + a_j \\sum_i t_i = a_j - t_j$. "
                "The last step needs $\\sum_i t_i = 1$: with a target that is not a distribution the simple form is wrong.",
                "$\\ln a_i = z_i - \\ln \\sum_k e^{z_k}$，所以 $\\frac{\\partial \\ln a_i}{\\partial z_j} = [i = j] - a_j$，"
                "$\\frac{\\partial L}{\\partial z_j} = -\\sum_i t_i([i = j] - a_j) = -t_j + a_j \\sum_i t_i = a_j - t_j$。"
                "最后一步要用到 $\\sum_i t_i = 1$：目标值不是一个概率分布时，这个简洁的形式就不成立。"),
              _claims_softmax_ce, R("Softmax and cross-entropy", "softmax 与交叉熵"),
              {"z_1": (-2.0, 2.0), "z_2": (-2.0, 2.0), "z_3": (-2.0, 2.0), "t_1": (0.0, 0.5), "t_2": (0.0, 0.5)}, seed=11),
            D("fw-3", R("Frameworks offer weight decay: the loss becomes $L + \\frac{\\lambda}{2} w^2$. For one unit "
                        "$y = \\sigma(wx + b)$ and $L = \\tfrac12 (y - t)^2$, derive the gradient with respect to $w$.",
                        "框架大多提供权重衰减：损失变成 $L + \\frac{\\lambda}{2} w^2$。对单个单元 $y = \\sigma(wx + b)$、"
                        "$L = \\tfrac12 (y - t)^2$，求它对 $w$ 的梯度。"),
              R("The two terms are differentiated separately: the first gives $\\delta x$ as always, the second "
                "$\\lambda w$. The update $w \\leftarrow w - \\eta(\\delta x + \\lambda w) = (1 - \\eta\\lambda) w - \\eta\\delta x$ "
                "shrinks every weight by the factor $1 - \\eta\\lambda$ before the usual step, hence the name.",
                "两项分别求导：第一项照常得到 $\\delta x$，第二项得到 $\\lambda w$。更新 "
                "$w \\leftarrow w - \\eta(\\delta x + \\lambda w) = (1 - \\eta\\lambda) w - \\eta\\delta x$ "
                "先把每个权重缩小为 $1 - \\eta\\lambda$ 倍，再走通常的一步，“衰减”之名由此而来。"),
              _claims_weight_decay, R("Weight decay", "权重衰减"),
              {"w": (-2.0, 2.0), "x": (-1.0, 1.0), "b": (-1.0, 1.0), "t": (0.0, 1.0), "lambda": (0.0, 0.1)}, seed=12),
            _error_no_eta(),
        ],
        "fine-tuning": [
            C("ft-1", {"layers": [{"weights": [[0.9, -0.4], [0.3, 0.8]], "bias": [0.1, -0.1], "activation": "tanh"},
                                  {"weights": [[1.2, -0.7]], "bias": [0], "activation": "sigmoid"}],
                       "loss": "half_sse", "input": [0.5, -0.5], "target": [0], "learning_rate": 0.01},
              R("A small step on a trained network", "在训练好的网络上迈一小步"),
              R("Fine-tuning uses a small learning rate; how far does each weight move?",
                "微调用的学习率很小；每个权重移动了多少？")),
            C("ft-2", {"layers": [{"weights": [[0.9, -0.4], [0.3, 0.8]], "bias": [0.1, -0.1], "activation": "tanh"},
                                  {"weights": [[1.2, -0.7]], "bias": [0], "activation": "sigmoid"}],
                       "loss": "half_sse", "input": [0.5, -0.5], "target": [0], "learning_rate": 1,
                       "train_biases": False},
              R("The same network, a large step", "同一网络，一大步"),
              R("The network and sample of the previous exercise, with $\\eta = 1$ and the biases frozen. "
                "Compare the gradients and the steps with the previous exercise.",
                "网络和样本与上一题相同，只是 $\\eta = 1$，偏置冻结不动。把梯度和步长与上一题比较。")),
            D("ft-3", R("A text trains with $E = (y - t)^2$, another with $E = \\tfrac12 (y - t)^2$. For one unit "
                        "$y = \\sigma(wx + b)$, derive $\\partial E/\\partial w$ for the first and say which learning rate "
                        "makes the two trainings identical.",
                        "一篇文章用 $E = (y - t)^2$ 训练，另一篇用 $E = \\tfrac12 (y - t)^2$。对单个单元 $y = \\sigma(wx + b)$，"
                        "求前者的 $\\partial E/\\partial w$，并说明学习率取多少时两种训练完全相同。"),
              R("$\\frac{\\partial}{\\partial w}(y - t)^2 = 2(y - t) \\cdot y(1 - y) \\cdot x$, twice the gradient of the "
                "half square. A step with $\\eta$ on $(y - t)^2$ is the step with $2\\eta$ on $\\tfrac12 (y - t)^2$: "
                "a learning rate quoted without its loss says nothing.",
                "$\\frac{\\partial}{\\partial w}(y - t)^2 = 2(y - t) \\cdot y(1 - y) \\cdot x$，是带 ½ 的平方的梯度的两倍。"
                "在 $(y - t)^2$ 上用 $\\eta$ 走一步，等于在 $\\tfrac12 (y - t)^2$ 上用 $2\\eta$ 走一步："
                "只报学习率、不说用的是哪个损失，这个学习率就没有意义。"),
              _claims_sse, R("Half or whole", "带不带 ½"),
              {"w": (-2.0, 2.0), "x": (-1.0, 1.0), "b": (-1.0, 1.0), "t": (0.0, 1.0)}, seed=13),
            _error_loss_half(),
        ],
        "auditing": [
            _error_product(),
            _error_total(),
            C("au-3", {"layers": [{"weights": [[0.5]], "bias": [0], "activation": "sigmoid"},
                                  {"weights": [[2]], "bias": [-1], "activation": "sigmoid"}],
                       "loss": "half_sse", "input": [1], "target": [0.5], "learning_rate": 0.5},
              R("A chain of two neurons", "两个神经元串成一链"),
              R("Then write your work as Markdown with one equation per line and run `bpnn audit` on it.",
                "算完之后，把过程写成 Markdown（一行一个等式），再用 `bpnn audit` 检查一遍。")),
            D("au-4", R("For the chain $h = \\sigma(w_1 x)$, $y = \\sigma(w_2 h)$ with $L = \\tfrac12 (y - t)^2$, derive "
                        "$\\partial L/\\partial w_1$.",
                        "对链式网络 $h = \\sigma(w_1 x)$、$y = \\sigma(w_2 h)$，损失 $L = \\tfrac12 (y - t)^2$，"
                        "求 $\\partial L/\\partial w_1$。"),
              R("Follow $w_1$ to $L$: $w_1 \\to w_1 x \\to h \\to w_2 h \\to y \\to L$. One factor per arrow: "
                "$\\frac{\\partial L}{\\partial w_1} = (y - t) \\cdot y(1 - y) \\cdot w_2 \\cdot h(1 - h) \\cdot x$. "
                "Missing any one of the five is the commonest error in hand-worked examples; it is a formula "
                "error, so a written chain like this one is what lets an audit catch its arithmetic.",
                "从 $w_1$ 一路走到 $L$：$w_1 \\to w_1 x \\to h \\to w_2 h \\to y \\to L$，每个箭头贡献一个因子："
                "$\\frac{\\partial L}{\\partial w_1} = (y - t) \\cdot y(1 - y) \\cdot w_2 \\cdot h(1 - h) \\cdot x$。"
                "手算的例子最常见的错误就是漏掉这五个因子中的某一个；这是公式错误，把链条一项项写出来，审计才能核对它的算术。"),
              _claims_chain, R("Two layers of chain rule", "两层链式法则"),
              {"x": (-1.0, 1.0), "w_1": (-2.0, 2.0), "w_2": (-2.0, 2.0), "t": (0.0, 1.0)}, seed=14),
        ],
    }
    out = []
    for chapter, items in exs.items():
        for ex in items:
            out.append(type(ex)(**{**ex.__dict__, "chapter": chapter}))
    return out


EXERCISES: list = _build()
CHAPTERS: list[str] = list(dict.fromkeys(ex.chapter for ex in EXERCISES))


def by_chapter(chapter: str) -> list:
    found = [ex for ex in EXERCISES if ex.chapter == chapter]
    if not found:
        raise BpnnError(f"exercises: no chapter {chapter!r}; the chapters are {', '.join(CHAPTERS)}")
    return found


def get(key: str):
    for ex in EXERCISES:
        if ex.key == key:
            return ex
    raise BpnnError(f"exercises: no exercise {key!r}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bpnn.articles.exercises",
                                description="Print a chapter's exercises as a sheet (Markdown), without solutions "
                                            "unless --solutions is given.")
    p.add_argument("chapter", choices=CHAPTERS)
    p.add_argument("--lang", choices=["en", "zh"], default="en")
    p.add_argument("--solutions", action="store_true", help="append the solutions")
    args = p.parse_args(argv)
    try:
        sys.stdout.write(sheet_markdown(args.chapter, args.lang, args.solutions))
    except BpnnError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
