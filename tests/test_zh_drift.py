"""The two editions cannot drift: every Chinese chapter states the same formulas and cites the same
claims as its English original.

d2l-zh's readers keep finding formulas that are right in English and wrong in Chinese; here each
twin's prose (its Markdown cells) is compared with the English chapter's:

* the formulas: every ``$…$``, ``$$…$$`` and ``\\begin{equation}``/``align`` block, found with a
  Markdown parser (markdown-it with the dollarmath and amsmath plugins, the plugins MyST uses) and
  compared as LaTeX normalised for spacing (``\\,``, ``\\quad``, blanks, ``\\left``/``\\right``),
  for ``\\text{…}`` (whose words are in the page's language) and for a trailing ``=`` or
  punctuation;
* the claim references (``002:151``).

The verdicts and computed numbers are not prose: both editions print them from the same calls
(``tests/test_zh_twins.py`` checks the twins' code cells against the English ones).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

ROOT = Path(__file__).resolve().parent.parent
ZH_DIR = ROOT / "book" / "zh"
TWINS = sorted(p.stem for p in ZH_DIR.glob("*.ipynb") if (ROOT / "book" / p.name).is_file())
_MD = (MarkdownIt("commonmark").use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True)
       .use(amsmath_plugin))
_MATH = {"math_inline", "math_inline_double", "math_block", "math_block_label", "amsmath"}

#: formulas that only one edition writes, each with the reason it is not a drift:
#: (chapter, "en" or "zh", normalised formula) -> why
ONE_EDITION = {
    ("sigmoid-neuron", "zh", r"\delta"): "the Chinese text says which English key of the trace's output "
                                         "is which symbol (delta, the error term δ)",
    ("sigmoid-neuron", "zh", r"\eta"): "the same: the trace's English 'learning rate η' is the learning rate η",
}


def _markdown(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def _tokens(tokens):
    for t in tokens:
        yield t
        if t.children:
            yield from _tokens(t.children)


def normalise(tex: str) -> str:
    """A formula's LaTeX without what may differ between two faithful editions."""
    tex = re.sub(r"\\(?:text|mathrm|textrm|mbox|textbf|textit)\{[^{}]*\}", r"\\text{}", tex)
    tex = re.sub(r"\\[,;:! ]|\\q?quad(?![A-Za-z])|\\left(?![A-Za-z])|\\right(?![A-Za-z])|\\[bB]igg?[lr]?(?![A-Za-z])|\s+", "", tex)
    return re.sub(r"(?:[.,;:]|=)+$", "", tex)


def formulas(texts: list[str]) -> set[str]:
    """The normalised formulas of Markdown ``texts``."""
    return {normalise(t.content) for src in texts for t in _tokens(_MD.parse(src)) if t.type in _MATH} - {""}


def references(texts: list[str]) -> set[str]:
    return {m for src in texts for m in re.findall(r"(?<![\d.:])\d{3}:\d{1,4}(?!\d)", src)}


def test_normalise_keeps_what_matters():
    assert normalise(r"\delta = \partial L/\partial a \odot f'(z).") == normalise(r"\delta=\partial L /\partial a\odot f'(z)")
    assert normalise(r"\frac{\partial L}{\partial w} \quad \text{(one)}") == normalise(r"\frac{\partial L}{\partial w}\text{（一）}")
    assert normalise(r"z =") == "z"
    # a different index, sign or transpose is a different formula
    assert normalise(r"\partial L/\partial o_i") != normalise(r"\partial L/\partial o_j")
    assert normalise(r"W^T \delta") != normalise(r"W \delta")
    assert normalise(r"w - \eta g") != normalise(r"w + \eta g")


def test_formulas_are_found_across_lines_and_in_blocks():
    found = formulas(["so $a +\nb$ and\n\n$$\nc = d\n$$\n\n\\begin{equation}e\\end{equation}\n\nnot `$x$` in code"])
    assert found == {"a+b", "c=d", "e"} or found == {"a+b", "c=d", r"\begin{equation}e\end{equation}"}


def test_every_twin_is_compared():
    assert len(TWINS) >= 11


@pytest.mark.parametrize("name", TWINS)
def test_twin_states_the_same_formulas(name):
    en, zh = formulas(_markdown(ROOT / "book" / f"{name}.ipynb")), formulas(_markdown(ZH_DIR / f"{name}.ipynb"))
    only_en = sorted(f for f in en - zh if (name, "en", f) not in ONE_EDITION)
    only_zh = sorted(f for f in zh - en if (name, "zh", f) not in ONE_EDITION)
    assert not only_en and not only_zh, (f"book/{name}: formulas only in English: {only_en}; "
                                         f"only in Chinese: {only_zh}")


@pytest.mark.parametrize("name", TWINS)
def test_twin_cites_the_same_claims(name):
    en, zh = references(_markdown(ROOT / "book" / f"{name}.ipynb")), references(_markdown(ZH_DIR / f"{name}.ipynb"))
    assert en == zh, f"book/{name}: only in English {sorted(en - zh)}, only in Chinese {sorted(zh - en)}"


def test_every_exception_is_still_needed():
    """An entry of ONE_EDITION whose formula both editions now write (or neither) is stale."""
    stale = []
    for (name, lang, f) in ONE_EDITION:
        en, zh = formulas(_markdown(ROOT / "book" / f"{name}.ipynb")), formulas(_markdown(ZH_DIR / f"{name}.ipynb"))
        if not (f in (zh - en if lang == "zh" else en - zh)):
            stale.append((name, lang, f))
    assert not stale
