"""The check kinds any chapter may name: what a claim about a number or a formula is checked against.

A chapter's rows name one of these (``arithmetic(source=…, line=…, tex=…, claimed=…)`` makes the
``Check`` (:mod:`.registry`) that calls :func:`arithmetic` with those parameters; see
:func:`~.registry.kind`).  Every text a kind returns is a ``T(english, chinese)`` built from the
same computed values in both languages.

* :func:`arithmetic`: the numbers as written give the stated value (the audit decides, :mod:`.audited`);
  with a true value, a right computation from a wrong number is *carried*.
* :func:`restated`: a line that only restates an earlier value.
* :func:`formula`: the article's formula against the right one, as a symbolic identity (sympy).
* :func:`number_used`: a number put into a line against the value an earlier line states for it.
* :func:`sigmoid`: σ(z) as the article writes it, by the audit and by ``bpnn.sigmoid``.
* :func:`reading`: a statement with nothing to compute, whose verdict is a reviewed reading of the
  sources its detail cites; the row states the outcome.

A true value (``truth``) is any object whose ``value()`` gives it, computed only when the check runs
(:class:`.example_002.Truth` names a quantity of article 002's network).
"""
from __future__ import annotations

import sympy as sp

from ...activations import sigmoid as _sigmoid
from ...errors import BpnnError
from ..i18n import T, Text
from ..latexsym import evaluate, parse
from .audited import comparison, line_uses
from .registry import Outcome, Verdict, agrees, fmt, kind

__all__ = ["arithmetic", "restated", "formula", "number_used", "sigmoid", "sigmoid_expr", "reading",
           "zh_of", "then", "fill", "corrected"]


# ------------------------------------------------------------------ texts in both languages
def zh_of(text) -> str:
    """The Chinese of a text: a :class:`Text`'s twin, or a language-neutral string as it is."""
    return text.zh if isinstance(text, Text) else str(text)


def then(first, second) -> Text | str:
    """Two sentences one after the other: a space between them in English, none in Chinese
    (a Chinese sentence ends with its full stop).  Either may be empty."""
    if not first:
        return second
    if not second:
        return first
    return T(f"{first} {second}", f"{zh_of(first)}{zh_of(second)}")


def fill(template, **values) -> Text | str:
    """``template`` (a :class:`Text` with ``{name}`` fields, or "") filled in both languages: a
    :class:`Text` value gives its English to the English text and its Chinese to the Chinese one."""
    if not template:
        return template
    return T(str(template).format(**{k: str(v) for k, v in values.items()}),
             template.zh.format(**{k: zh_of(v) for k, v in values.items()}))


def corrected(true: float | None, shown: float | None) -> str | None:
    """The "fed correct numbers" value of an outcome: the true value, where it differs from the one shown."""
    if true is None or (shown is not None and abs(true - shown) < 5e-5):
        return None
    return fmt(true)


def _true(truth) -> float | None:
    return truth.value() if truth is not None else None


# ------------------------------------------------------------------ the kinds
@kind("arithmetic")
def arithmetic(source: str, line: int, tex: str, claimed: str, note="", truth=None,
               without_eta: tuple[float, float] | None = None) -> Outcome:
    """The numbers as written, ``tex``, against the stated value, as the audit judges them on
    ``source:line``: ARITHMETIC when they do not give it; else CORRECT, or CARRIED when the stated value
    is not the true one (``truth``).  ``note`` heads the detail; ``without_eta`` = (old value, gradient)
    of an update line adds that a wrong stated value is the step without η, where it is."""
    c = comparison(source, line, tex, claimed)
    value = c.left_value
    true = _true(truth)
    detail = note
    if without_eta is not None:
        old, grad = without_eta
        if agrees(claimed, old - grad) and not c.ok:
            detail = then(detail, T(
                f"The stated {claimed} is {old:g} − ({grad:g}), the step without η (as if η = 1).",
                f"文中的 {claimed} 等于 {old:g} − ({grad:g})，是没有乘 η 的一步（相当于 η = 1）。"))
    if not c.ok:
        return Outcome(Verdict.ARITHMETIC, fmt(value), detail, value, corrected(true, value))
    if true is None or agrees(claimed, true):
        return Outcome(Verdict.CORRECT, fmt(value), detail, value)
    return Outcome(Verdict.CARRIED, fmt(value), detail, value, fmt(true))


@kind("restated")
def restated(claimed: str, truth, why) -> Outcome:
    """A line that only restates an earlier value: CORRECT when it is the true value, else CARRIED."""
    value, true = float(claimed), truth.value()
    if agrees(claimed, true):
        return Outcome(Verdict.CORRECT, fmt(value), why, value)
    return Outcome(Verdict.CARRIED, fmt(value), why, value, fmt(true))


@kind("formula")
def formula(article: str, right: str, values: dict, why, truth=None,
            numbers: tuple[str, str] | None = None) -> Outcome:
    """The article's formula (TeX, symbols only) against the right one, as an identity (sympy):
    CORRECT or WRONG_FORMULA.  The value shown is the right formula evaluated at ``values`` (the
    article's own numbers, so that only the formula is fixed).  ``numbers`` = (the numbers as written,
    the stated value) adds that the line's arithmetic is right, where it is."""
    diff = sp.simplify(parse(article) - parse(right))
    right_value = evaluate(right, values)
    true = _true(truth)
    detail = why
    if numbers is not None:
        a_tex, a_claimed = numbers
        a_val = evaluate(a_tex, None)
        if agrees(a_claimed, a_val):
            detail = T(f"{detail} (Its arithmetic is right: the numbers give {fmt(a_val)}.)",
                       f"{zh_of(detail)}（算术本身没有错：这些数字算出来正是 {fmt(a_val)}。）")
    verdict = Verdict.CORRECT if diff == 0 else Verdict.WRONG_FORMULA
    return Outcome(verdict, fmt(right_value), detail, right_value, corrected(true, right_value))


@kind("number-used")
def number_used(stated: float, used: str, tex: str, why, truth=None) -> Outcome:
    """The number ``used`` on a line against the value ``stated`` by an earlier line for the same quantity:
    INCONSISTENT when they differ.  ``tex`` is the line's expression with ``p`` in place of that number;
    the value shown is that expression with the earlier line's number."""
    value = evaluate(tex, {"p": stated})
    true = _true(truth)
    verdict = Verdict.INCONSISTENT if abs(float(used) - stated) > 1e-12 else Verdict.CORRECT
    return Outcome(verdict, fmt(value), why, value, corrected(true, value))


def sigmoid_expr(z: str) -> str:
    """σ(z) as the articles write it, 1/(1 + e^{-z})."""
    return rf"\frac{{1}}{{1 + e^{{-{z}}}}}"


@kind("sigmoid")
def sigmoid(source: str, line: int, z: str, claimed: str) -> Outcome:
    """The audit's value of σ(z) as line ``line`` writes it, checked against ``bpnn.sigmoid`` (for a named z
    such as ``z_7``, at the value the audit took from an earlier line); the two must agree to 1e-12."""
    c = comparison(source, line, sigmoid_expr(z), claimed)
    note = ""
    try:
        z_value = float(z)
    except ValueError:      # a name: the value the audit took from an earlier line
        used = {name: (value, at) for name, value, at in line_uses(source, line)}
        if z not in used:
            raise BpnnError(f"{source}:{line}: the audit gives {z} no value") from None
        value, at = used[z]
        z_value = float(value)
        note = T(f"{z} = {value} as the article states it on line {at}",
                 f"{z} = {value}，取文章第 {at} 行所给的值")
    engine = float(_sigmoid(z_value))
    if abs(engine - c.left_value) > 1e-12:
        raise BpnnError(f"sigmoid check disagrees with the audit: {engine} vs {c.left_value}")
    return Outcome(Verdict.CORRECT if c.ok else Verdict.ARITHMETIC, fmt(c.left_value), note, c.left_value)


@kind("reading")
def reading(verdict: Verdict, computed, detail) -> Outcome:
    """A statement with nothing to compute (a definition, advice, a habit, a reading of a source): its verdict
    is a reviewed reading of the sources ``detail`` cites, and the row states the outcome."""
    return Outcome(verdict, computed, detail)
