"""The chapters' exercises (bpnn.articles.exercises): stated data against the solutions, solutions against
independent references, and the checks that make a broken exercise fail the build.

* compute: the spec each notebook *shows* (its stored output) is the file on disk, and the solution the
  notebook shows agrees, value by value, with a forward and backward pass written here in mpmath;
* derive: every claim holds (sympy and random points), and a wrong claim is refused;
* find the error: the audit flags the planted line of every passage in both languages, and a passage
  whose "error" is in fact right is refused;
* the chapters of both editions end with their exercises; labels are unique; a sheet prints without
  solutions.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import mpmath
import pytest

from bpnn.articles import exercises as E
from bpnn.articles.i18n import T, tr
from bpnn.errors import BpnnError

ROOT = Path(__file__).resolve().parent.parent
COMPUTE = [ex for ex in E.EXERCISES if ex.kind == "compute"]
DERIVE = [ex for ex in E.EXERCISES if ex.kind == "derive"]
ERRORS = [ex for ex in E.EXERCISES if ex.kind == "find-error"]
NOTEBOOKS = [(c, lang) for c in E.CHAPTERS for lang in ("en", "zh")]


def _nb(chapter: str, lang: str) -> list[dict]:
    path = ROOT / "book" / ("zh" if lang == "zh" else "") / f"{chapter}.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _stored(key: str, lang: str) -> str:
    """The Markdown that the chapter's notebook stores for exercise ``key`` (exercise and solution)."""
    ex = E.get(key)
    for c in _nb(ex.chapter, lang):
        if c["cell_type"] == "code" and f'chapter_markdown("{key}"' in "".join(c["source"]):
            outs = [o for o in c["outputs"] if "text/markdown" in o.get("data", {})]
            assert outs, f"{ex.chapter} ({lang}): the cell of {key} has no stored output (execute the notebook)"
            return "".join(outs[0]["data"]["text/markdown"])
    raise AssertionError(f"{ex.chapter} ({lang}): no cell renders exercise {key}")


# ----------------------------------------------------------------------------- the set

def test_every_content_chapter_has_four_exercises_and_all_kinds_are_used():
    assert len(E.CHAPTERS) >= 8
    for chapter in E.CHAPTERS:
        assert len(E.by_chapter(chapter)) >= 4, chapter
    assert COMPUTE and DERIVE and ERRORS
    keys = [ex.key for ex in E.EXERCISES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("chapter,lang", NOTEBOOKS)
def test_chapter_ends_with_its_exercises(chapter, lang):
    cells = _nb(chapter, lang)
    arg = "" if lang == "en" else ', "zh"'
    want = [f'Markdown(exercises.chapter_markdown("{ex.key}"{arg}))' for ex in E.by_chapter(chapter)]
    tail = ["".join(c["source"]) for c in cells[-len(want):]]
    assert tail == want
    header = "".join(cells[-len(want) - 2]["source"])
    for ex in E.by_chapter(chapter):
        assert f"{{numref}}`{E.label(ex, 'ex', lang)}`" in header, f"the chapter's text does not refer to {ex.key}"
    for key, md in ((ex.key, _stored(ex.key, lang)) for ex in E.by_chapter(chapter)):
        assert f":label: {E.label(E.get(key), 'ex', lang)}" in md
        assert f"````{{solution}} {E.label(E.get(key), 'ex', lang)}" in md and ":class: dropdown" in md


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_solutions_page_collects_every_solution(lang):
    cells = json.loads((ROOT / "book" / ("zh" if lang == "zh" else "") / "solutions.ipynb").read_text("utf-8"))["cells"]
    text = "".join("".join(o["data"]["text/markdown"]) for c in cells if c["cell_type"] == "code"
                   for o in c["outputs"] if "text/markdown" in o.get("data", {}))
    for ex in E.EXERCISES:
        assert f"````{{solution}} {E.label(ex, 'ex', lang)}\n:class: dropdown" in text, ex.key


def test_labels_differ_between_editions():
    ex = E.EXERCISES[0]
    assert E.label(ex, "ex", "zh") == "zh-" + E.label(ex, "ex", "en")
    assert E.label(ex, "sol", "en") != E.label(ex, "ex", "en")


# ----------------------------------------------------------------------------- compute

def _act(name, z):
    if name == "sigmoid":
        return [1 / (1 + mpmath.exp(-v)) for v in z], [1 / (1 + mpmath.exp(-v)) * (1 - 1 / (1 + mpmath.exp(-v))) for v in z]
    if name == "tanh":
        return [mpmath.tanh(v) for v in z], [1 - mpmath.tanh(v) ** 2 for v in z]
    if name == "relu":
        return [max(v, 0) for v in z], [mpmath.mpf(1 if v > 0 else 0) for v in z]
    if name == "identity":
        return list(z), [mpmath.mpf(1)] * len(z)
    if name == "softmax":
        m = max(z)
        e = [mpmath.exp(v - m) for v in z]
        return [v / sum(e) for v in e], None
    raise AssertionError(name)


def _reference_step(spec: dict) -> dict:
    """One SGD step written from the definitions, in mpmath at 30 digits, independent of bpnn."""
    with mpmath.workdps(30):
        mp = mpmath.mpf
        a, zs, fps = [[mp(str(v)) for v in spec["input"]]], [], []
        layers = spec["layers"]
        for layer in layers:
            W = [[mp(str(w)) for w in row] for row in layer["weights"]]
            z = [sum(w * x for w, x in zip(row, a[-1])) + mp(str(b)) for row, b in zip(W, layer["bias"])]
            out, fp = _act(layer["activation"], z)
            zs.append(z), a.append(out), fps.append(fp)
        t = [mp(str(v)) for v in spec["target"]]
        y, loss = a[-1], spec["loss"]
        if loss == "half_sse":
            L, dLda = sum((p - q) ** 2 for p, q in zip(y, t)) / 2, [p - q for p, q in zip(y, t)]
        elif loss == "bce":
            L = -sum(q * mpmath.log(p) + (1 - q) * mpmath.log(1 - p) for p, q in zip(y, t))
            dLda = [(p - q) / (p * (1 - p)) for p, q in zip(y, t)]
        elif loss == "cross_entropy":
            L, dLda = -sum(q * mpmath.log(p) for p, q in zip(y, t)), [-q / p for p, q in zip(y, t)]
        else:
            raise AssertionError(loss)
        deltas = [None] * len(layers)
        grad_a = [None] * len(layers)
        for l in reversed(range(len(layers))):
            if l == len(layers) - 1:
                g = dLda
            else:
                W = layers[l + 1]["weights"]
                g = [sum(mp(str(W[i][k])) * deltas[l + 1][i] for i in range(len(W))) for k in range(len(W[0]))]
            grad_a[l] = g
            if fps[l] is None:                        # softmax: the Jacobian
                s = a[l + 1]
                deltas[l] = [sum(g[i] * s[i] * ((1 if i == j else 0) - s[j]) for i in range(len(s))) for j in range(len(s))]
            else:
                deltas[l] = [gi * fi for gi, fi in zip(g, fps[l])]
        return {"z": zs, "a": a[1:], "fp": fps, "loss": L, "grad_a": grad_a, "delta": deltas, "a_prev": a[:-1]}


def _table_rows(md: str, first_header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header row starts with ``first_header``."""
    lines = md.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("| " + first_header):
            rows = []
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                rows.append([c.strip() for c in row.strip("|").split("|")])
            return rows
    raise AssertionError(f"no table with header {first_header!r}")


@pytest.mark.parametrize("ex", COMPUTE, ids=lambda e: e.key)
def test_spec_file_is_the_stated_spec(ex):
    assert E.spec_path(ex).read_text("utf-8") == E.spec_json(ex.spec)
    for lang in ("en", "zh"):
        md = _stored(ex.key, lang)
        shown = re.search(r"```json\n(.*?)```", md, re.S)
        assert shown, f"{ex.key} ({lang}): no JSON in the stored exercise"
        assert json.loads(shown.group(1)) == json.loads(E.spec_path(ex).read_text("utf-8")), \
            f"{ex.key} ({lang}): the notebook shows another spec than book/specs/exercises/{ex.key}.json"
        # the table states the same weights
        for l, layer in enumerate(ex.spec["layers"], start=1):
            rows = _table_rows(md.split(f"{l}" + ("（" if lang == "zh" else " ("), 1)[1],
                               "单元" if lang == "zh" else "unit")
            assert [[float(v) for v in r[1:-1]] for r in rows] == [[float(w) for w in row] for row in layer["weights"]]
            assert [float(r[-1]) for r in rows] == [float(b) for b in layer["bias"]]


@pytest.mark.parametrize("ex", COMPUTE, ids=lambda e: e.key)
def test_stored_solution_agrees_with_an_mpmath_reference(ex):
    ref = _reference_step(ex.spec)
    eta = mpmath.mpf(str(ex.spec.get("learning_rate", 0.1)))
    train_b = ex.spec.get("train_biases", True)
    for lang in ("en", "zh"):
        md = _stored(ex.key, lang)
        head = "层 | 单元" if lang == "zh" else "layer | unit"
        fwd = _table_rows(md, head + " | $z$")
        bwd = _table_rows(md, head + r" | $\partial L")
        grads = _table_rows(md, ("层 | $j$" if lang == "zh" else "layer | $j$"))
        i = 0
        for l, z in enumerate(ref["z"]):
            for j in range(len(z)):
                _, _, zs, as_, fps = fwd[i]
                assert abs(float(zs) - float(z[j])) <= 1e-6 and abs(float(as_) - float(ref["a"][l][j])) <= 1e-6
                if ref["fp"][l] is not None:
                    assert abs(float(fps) - float(ref["fp"][l][j])) <= 1e-6
                _, _, ga, d, gb, nb = bwd[i]
                assert abs(float(ga) - float(ref["grad_a"][l][j])) <= 1e-6, (ex.key, l, j)
                assert abs(float(d) - float(ref["delta"][l][j])) <= 1e-6, (ex.key, l, j)
                assert abs(float(gb) - float(ref["delta"][l][j])) <= 1e-6
                b = mpmath.mpf(str(ex.spec["layers"][l]["bias"][j]))
                assert abs(float(nb) - float(b - eta * ref["delta"][l][j] if train_b else b)) <= 1e-6
                i += 1
        k = 0
        for l, layer in enumerate(ex.spec["layers"]):
            for j, row in enumerate(layer["weights"]):
                for c, w in enumerate(row):
                    g = ref["delta"][l][j] * ref["a_prev"][l][c]
                    _, _, _, _, gs, nw = grads[k]
                    assert abs(float(gs) - float(g)) <= 1e-6 and abs(float(nw) - float(mpmath.mpf(str(w)) - eta * g)) <= 1e-6
                    k += 1
        loss = re.search(r"\$L = ([0-9.]+)\$", md)
        assert loss and abs(float(loss.group(1)) - float(ref["loss"])) <= 1e-8


def test_a_spec_file_that_differs_is_refused(tmp_path, monkeypatch):
    ex = COMPUTE[0]
    monkeypatch.setattr(E, "SPEC_DIR", tmp_path)
    with pytest.raises(E.ExerciseError, match="missing"):
        E.solution_markdown(ex)
    changed = json.loads(E.spec_json(ex.spec))
    changed["layers"][0]["weights"][0][0] += 0.1
    (tmp_path / f"{ex.key}.json").write_text(json.dumps(changed), "utf-8")
    with pytest.raises(E.ExerciseError, match="differs from the spec the exercise states"):
        E.solution_markdown(ex)


def test_a_bad_spec_is_refused_at_once():
    with pytest.raises(BpnnError, match="activation"):
        E.compute_exercise("bad", {"layers": [{"weights": [[1]], "bias": [0], "activation": "sigmoidal"}],
                                   "loss": "half_sse", "input": [1], "target": [1]})


# ----------------------------------------------------------------------------- derive

@pytest.mark.parametrize("ex", DERIVE, ids=lambda e: e.key)
def test_derivation_holds(ex):
    checks = E.check_derivation(ex)
    assert checks and all(c["residual"] == "0" and c["max_diff"] < 1e-12 for c in checks)


def test_a_wrong_derivation_is_refused():
    import sympy

    z = sympy.Symbol("z", real=True)
    s = 1 / (1 + sympy.exp(-z))
    wrong = E.derive_exercise("wrong", T("x", "x"), T("x", "x"), lambda: [(sympy.Derivative(s, z), s * (1 + s))])
    with pytest.raises(E.ExerciseError, match="sympy leaves"):
        E.check_derivation(wrong)


def test_the_numeric_check_is_independent_of_sympy(monkeypatch):
    """A claim sympy cannot see through is still tested numerically: with simplify fooled into 0, the
    random points catch a wrong right side."""
    import sympy

    z = sympy.Symbol("z", real=True)
    wrong = E.derive_exercise("wrong", T("x", "x"), T("x", "x"),
                              lambda: [(sympy.Derivative(sympy.tanh(z), z), 1 - sympy.tanh(z))])
    monkeypatch.setattr(sympy, "simplify", lambda e: sympy.Integer(0))
    with pytest.raises(E.ExerciseError, match="random point"):
        E.check_derivation(wrong)


# ----------------------------------------------------------------------------- find the error

@pytest.mark.parametrize("ex", ERRORS, ids=lambda e: e.key)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_audit_flags_the_planted_error(ex, lang):
    result, planted = E.audit_passage(ex, lang)
    flagged = [r.line for r in result.lines if r.verdict in ("wrong", "inconsistent")]
    assert flagged == planted
    assert E.passage_path(ex, lang).read_text("utf-8") == tr(ex.passage, lang) + "\n"
    # the stored solution shows the audit's verdict on that line
    md = _stored(ex.key, lang)
    assert re.search(rf"\| {planted[0]} \| .* \| ({'有误' if lang == 'zh' else 'wrong'}) \|", md)


def test_a_passage_without_its_error_is_refused():
    ok = E.find_error_exercise("fine", T("$$z = 0.5 \\cdot 0.2 + 0.3 = 0.4$$\n", "$$z = 0.5 \\cdot 0.2 + 0.3 = 0.4$$\n"),
                               T("x", "x"), wrong=["0.4"])
    with pytest.raises(E.ExerciseError, match="must flag it"):
        E.audit_passage(ok)
    alarm = E.find_error_exercise("two", T("$$a = 1 + 1 = 3$$\n\n$$b = 2 + 2 = 5$$\n", "$$a = 1 + 1 = 3$$\n\n$$b = 2 + 2 = 5$$\n"),
                                  T("x", "x"), wrong=["= 3"])
    with pytest.raises(E.ExerciseError, match="line 3"):
        E.audit_passage(alarm)


# ----------------------------------------------------------------------------- sheets

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sheet_without_solutions(lang, capsys):
    assert E.main(["four-equations", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert out.count("## " + ("练习" if lang == "zh" else "Exercise")) == len(E.by_chapter("four-equations"))
    assert "{solution}" not in out and "{exercise}" not in out
    loss = f"{E.checked_trace(E.get('bp-1')).loss:.8f}"
    assert "sympy" not in out and loss not in out        # no solution: no proof, no traced loss
    assert loss in E.sheet_markdown("four-equations", lang, solutions=True)


def test_unknown_chapter_is_a_one_line_error():
    with pytest.raises(BpnnError, match="no chapter 'nope'"):
        E.by_chapter("nope")


# ----------------------------------------------------------------------------- in the browser
# A page of its own opens the built Solutions page in an iframe, finds the first solution, and
# records whether its body is shown: before any click, after clicking its toggle, after a second
# click.  Skips like tests/test_browser.py (no build, a stale build, no Chromium) unless
# BPNN_REQUIRE_BROWSER is set.
_TOGGLE = r"""<!doctype html><html><head><meta charset="utf-8"></head><body>
<pre id="bpnn-toggle">pending</pre>
<script>
const sleep = ms => new Promise(r => setTimeout(r, ms));
async function probe(url) {
  const f = document.createElement("iframe");
  f.style.cssText = "width:1200px;height:900px;border:0";
  const loaded = new Promise(r => { f.onload = r; });
  f.src = url; document.body.appendChild(f);
  await loaded; await sleep(300);
  const d = f.contentDocument;
  const sol = d.querySelector(".solution.dropdown");
  if (!sol) return {url, error: "no solution of class dropdown"};
  const body = sol.querySelector(".admonition-body, section, p:not(.admonition-title)");
  const shown = () => !!body && body.getClientRects().length > 0 && body.getBoundingClientRect().height > 0;
  const button = sol.querySelector(".toggle-button, button, .admonition-title");
  const states = [shown()];
  button.click(); await sleep(300); states.push(shown());
  button.click(); await sleep(300); states.push(shown());
  return {url, title: (sol.querySelector(".admonition-title") || sol).textContent.trim().slice(0, 60), states};
}
(async () => {
  const out = [];
  for (const url of __URLS__) { try { out.push(await probe(url)); } catch (e) { out.push({url, error: String(e)}); } }
  document.getElementById("bpnn-toggle").textContent = JSON.stringify(out);
})();
</script></body></html>
"""


def test_a_solution_opens_and_closes_in_the_browser(tmp_path):
    import html as _html
    import shutil
    import subprocess
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).parent))
    import test_browser as B

    if not (B.REQUIRED or (B.BUILT and not B.STALE and B.CHROMIUM)):
        pytest.skip("needs a current build of the book (_build/html) and chromium, as tests/test_browser.py")
    pages = ["book/solutions.html", "zh/solutions.html", "book/four-equations.html"]
    site = tmp_path / "html"
    shutil.copytree(B.HTML, site, symlinks=True)
    harness = site / "_bpnn_toggle.html"
    harness.write_text(_TOGGLE.replace("__URLS__", json.dumps(pages)), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="bpnn-chromium-") as profile:
        args = [a for a in B._chromium_args(profile) if not a.startswith("--virtual-time-budget")]
        proc = subprocess.run(args + ["--allow-file-access-from-files", "--virtual-time-budget=30000",
                                      "--dump-dom", harness.as_uri()], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    m = re.search(r'<pre id="bpnn-toggle">(.*?)</pre>', proc.stdout, re.S)
    assert m and m.group(1) != "pending", proc.stdout[-500:]
    for r in json.loads(_html.unescape(m.group(1))):
        assert r.get("states") == [False, True, False], r


# ----------------------------------------------------------------------------- the Sphinx hooks

def _built(name: str) -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import test_browser as B

    if not (B.REQUIRED or (B.BUILT and not B.STALE)):
        pytest.skip("needs a current build of the book (_build/html), as tests/test_browser.py")
    return (B.HTML / name).read_text(encoding="utf-8")


def test_chinese_exercises_are_numbered_from_one_and_worded_in_chinese():
    """The Chinese edition is a site of its own (book/zh/_config.yml, language zh_CN): sphinx-exercise
    numbers its exercises from 1 and words them from its zh_CN catalog, sphinx-togglebutton's hint is
    the edition's setting; nothing rewrites the pages after the build."""
    zh, en = _built("zh/sigmoid-neuron.html"), _built("book/sigmoid-neuron.html")
    numbers = [int(n) for n in re.findall(r'<span class="caption-number">练习 (\d+) </span>', zh)]
    assert numbers and numbers[0] == 1 and numbers == sorted(numbers), numbers
    assert "Exercise" not in re.sub(r"<[^>]+>", "", zh).replace("exercise", "")
    assert [int(n) for n in re.findall(r'<span class="caption-number">Exercise (\d+) </span>', en)][:1] == [1]
    solutions = _built("zh/solutions.html")
    assert "解答" in solutions and "Solution to" not in solutions and "toggleHintShow = '点击展开'" in solutions
    assert "toggleHintShow = 'Click to show'" in _built("book/solutions.html")
