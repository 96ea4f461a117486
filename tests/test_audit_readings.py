r"""A notation with several readings is never guessed (issue 19): the audit judges the line under every
reading and says "wrong" only where it is wrong under each of them.

* ``u \cdot v`` for two vectors: articles write it for the dot, the element-wise and the outer
  product (tests/data/corpus/zh-kaifeng-llm-learn.md writes all three).  The readings whose shapes
  fit the chain are evaluated: wrong under all, wrong; ok under all, ok; under some, unchecked with
  the reason ``ambiguous-reading``;
* a printed number that may be exact data or a rounded result (rule 6 of ``verdicts``): a line whose
  verdict depends on it stays unchecked, and an error that is wrong either way is flagged;
* values that are exact although a transcendental function computes them (``1/(1+e^0)`` is 1/2), and
  a formula between two ``$$`` lines that markdown-it takes for prose after an unpaired ``$$``.

Every expected value here is worked out by hand in the comments.
"""
from __future__ import annotations

import pytest

from bpnn.articles import audit as A
from bpnn.articles.audit import tensor as T
from bpnn.articles.corpus import CORPUS_DIR

U_V = "$u = [0.5, 0.2]$\n\n$v = [0.4, 0.3]$\n\n"


def _line(text: str, n: int):
    r = A.audit_text(text).line(n)
    assert r is not None
    return r


# ------------------------------------------------------------------ u \cdot v for two vectors

def test_the_only_reading_whose_shapes_fit_is_taken_and_named():
    # u ⊙ v = [0.5·0.4, 0.2·0.3] = [0.2, 0.06]: a vector of 2 on the right, so neither the dot product
    # (a number) nor the outer product (2×2) fits
    r = _line(U_V + "$$d = u \\cdot v = [0.2, 0.06]$$\n", 5)
    assert r.verdict == "ok"
    assert "u \\cdot v as the element-wise product (the only reading whose shapes fit" in r.detail
    r = _line(U_V + "$$d = u \\cdot v = [0.2, 0.07]$$\n", 5)
    assert r.verdict == "wrong" and r.detail.startswith("element 2 of u \\cdot v gives 0.06, not")


def test_a_column_times_a_list_is_their_outer_product_where_only_that_fits():
    # [0.5; 0.25] · [1, 2] = [[0.5, 1], [0.25, 0.5]] (zh-kaifeng-llm-learn, line 42)
    head = "$x = [1, 2]$\n\n$$g = \\begin{bmatrix} 0.5 \\\\ 0.25 \\end{bmatrix} \\cdot x = \\begin{bmatrix} "
    assert _line(head + "0.5 & 1 \\\\ 0.25 & 0.5 \\end{bmatrix}$$\n", 3).verdict == "ok"
    r = _line(head + "0.5 & 1 \\\\ 0.25 & 0.6 \\end{bmatrix}$$\n", 3)
    assert r.verdict == "wrong" and "row 2, column 2" in r.detail and "as the outer product" in r.detail


def test_readings_that_disagree_leave_the_line_unchecked():
    # dot: 1·3 + 2·4 = 11 both sides; element-wise: [3, 8] both sides; outer: [[3, 4], [6, 8]] against
    # [[3, 6], [4, 8]]: the line holds under two readings and not under the third
    r = _line("$$[1, 2] \\cdot [3, 4] = [3, 4] \\cdot [1, 2]$$\n", 1)
    assert (r.verdict, r.reason) == ("unchecked", "ambiguous-reading")
    assert r.detail.startswith("ambiguous: agrees with [1, 2] \\cdot [3, 4] as the dot product")
    assert r.detail.endswith("as the outer product (wrong)")
    assert "ambiguous-reading" in A.verdicts.REASONS


def test_wrong_under_every_reading_is_wrong():
    # dot: 11 against 2·1 + 4·1 = 6; element-wise: [3, 8] against [2, 4]; outer: [[3, 4], [6, 8]]
    # against [[2, 2], [4, 4]]: wrong whatever the article meant
    r = _line("$$[1, 2] \\cdot [3, 4] = [2, 4] \\cdot [1, 1]$$\n", 1)
    assert r.verdict == "wrong" and "wrong under every reading: " in r.detail
    for reading in ("dot product", "element-wise product", "outer product"):
        assert reading in r.detail


def test_ok_under_every_reading_is_ok():
    r = _line("$$[1, 2] \\cdot [3, 4] = [1, 2] \\cdot [3, 4]$$\n", 1)
    assert r.verdict == "ok" and "agrees under every reading" in r.detail


def test_a_dot_product_compared_with_a_number_is_still_read():
    # 0.15·0.05 + 0.2·0.1 = 0.0275: only the dot product gives a number; nothing is said about readings
    r = _line("$$y = [0.15, 0.2] \\cdot [0.05, 0.1] = 0.0275$$\n", 1)
    assert r.verdict == "ok" and "reading" not in r.detail
    assert _line("$$y = [0.15, 0.2] \\cdot [0.05, 0.1] = 0.0285$$\n", 1).verdict == "wrong"


def test_a_name_given_an_ambiguous_product_is_not_remembered():
    # y = u · v is 11, [3, 8] or [[3, 4], [6, 8]]: y has no value afterwards (2 y cannot be checked)
    text = "$u = [1, 2]$\n\n$v = [3, 4]$\n\n$$y = u \\cdot v$$\n\n$$2 y = 22$$\n"
    r = _line(text, 7)
    assert r.verdict == "unchecked" and "y" in r.unresolved


def test_evaluate_alone_keeps_the_product_as_written():
    # without readings, T.evaluate reads u · v as NumPy's @ would (the dot product of two lists)
    def scalar(s, operand=False):
        return A.verdicts._tensor_scalar(s, {}, A.verdicts.Sources(), False, operand)
    scalar.operand_aware = True
    assert T.evaluate(r"[1, 2] \cdot [3, 4]", scalar).value == 11.0
    with pytest.raises(T.ShapeError):
        T.evaluate(r"[1, 2] \cdot [3, 4, 5]", scalar)


def test_every_combination_of_readings_is_run_once():
    # two places with three readings each: 9 runs, each combination once, the written one first
    seen = []

    def run(readings):
        readings.pick([(f"a{i}", lambda i=i: i) for i in range(3)])
        readings.pick([(f"b{i}", lambda i=i: i) for i in range(3)])
        seen.append(tuple(readings.used))
        return T._Run([], [None], [], [], {}, False, readings)

    runs = T._every_reading(run)
    assert len(runs) == 9 and seen[0] == (0, 0) and sorted(seen) == [(i, j) for i in range(3) for j in range(3)]


def test_too_many_readings_are_not_weighed():
    def run(readings):
        for _ in range(5):                 # 3**5 = 243 combinations > MAX_READINGS
            readings.pick([(f"x{i}", lambda i=i: i) for i in range(3)])
        return T._Run([], [None], [], [], {}, False, readings)

    runs = T._every_reading(run)
    assert runs[-1] is None
    chosen, note = T._judge_readings(runs, A.MathPiece(1, "$", "x"))
    assert note[0] == "ambiguous"


# ------------------------------------------------------------------ exact data or a rounded result (rule 6)

KAIFENG = (CORPUS_DIR / "zh-kaifeng-llm-learn.md").read_text(encoding="utf-8")


def test_a_line_whose_verdict_depends_on_rounding_stays_unchecked_and_says_why():
    # η·∂L/∂W_2 = 0.1·[0.0421, 0.0434] = [0.00421, 0.00434], printed 0.0042 and 0.0043 (two digits: a
    # rounding, or exact?): exact, 0.9 - 0.0042 = 0.8958 is 0.00001 from 0.9 - 0.00421; rounded, it agrees
    r = A.audit_text(KAIFENG).line(46)
    assert (r.verdict, r.reason) == ("unchecked", "unknown-precision")
    assert r.detail.startswith("ambiguous: ")
    assert "(ok with them read as rounded, wrong as exact)" in r.detail


def test_an_error_on_such_a_line_is_wrong_under_every_reading():
    # 0.8958 × 1.25 = 1.1198: far from 0.9 - 0.0042 read either way
    text = KAIFENG.replace("= [0.8958, 0.0957]", "= [1.1198, 0.0957]")
    r = A.audit_text(text).line(46)
    assert r.verdict == "wrong"
    assert "wrong under every reading of the numbers that may be exact data or rounded results" in r.detail


# ------------------------------------------------------------------ exact values of transcendental functions

@pytest.mark.parametrize("tex, value", [
    (r"\frac{1}{1+e^0}", "1/2"), (r"e^{0}", "1"), (r"\sigma(0)", "1/2"), (r"\exp(1 - 1)", "1"), (r"\ln(1)", "0"),
    (r"\sqrt{0.25}", "1/2"), (r"\sqrt{\frac{9}{4}}", "3/2"), (r"\log_{10}(1000)", "3"), (r"\log_2(0.125)", "-3"),
    (r"\cos(0)", "1"), (r"\tanh(0)", "0"),
])
def test_a_transcendental_function_at_a_point_where_it_is_rational_is_exact(tex, value):
    from fractions import Fraction

    from bpnn.articles.latexnum import compile_side

    assert compile_side(tex).exact(lambda n: None) == (Fraction(value), Fraction(0))


@pytest.mark.parametrize("tex", [r"e^{0.3}", r"\sqrt{2}", r"\sigma(1)", r"\ln(2)", r"\log_{10}(20)"])
def test_elsewhere_it_is_computed_with_an_error_bound(tex):
    from bpnn.articles.latexnum import compile_side

    assert compile_side(tex).exact(lambda n: None)[1] > 0


def test_a_result_that_its_calculation_gives_exactly_is_data_later():
    # en-postnetwork-softmax-ce: a = 1/(1+e^0) = 0.5 exactly, so the 0.5 of z = 0.4·0.5 + 0.1 is exact
    # (0.3), not 0.5 ± 0.05; 0.31 is an error, not a line whose verdict depends on rounding
    text = "$b = 0.5$\n\n$a = \\frac{1}{1+e^0} = 0.5$\n\n$z = 0.4(0.5) + 0.1 = {z}$\n"
    assert _line(text.replace("{z}", "0.31"), 5).verdict == "wrong"
    assert _line(text.replace("{z}", "0.3"), 5).verdict == "ok"


# ------------------------------------------------------------------ a formula between two $$ lines read as prose

STRAY = ("$$\ny=$$1,\\ 2$$, \\quad \\hat y=$$3,\\ 4$$\n$$\n\nSome words.\n\n"
         "$$\n\\text{MAE}=\\frac{0.2+0.1+0.6}{3}=\\frac{0.9}{3}={v}\n$$\n\nafter it\n")


def test_a_formula_between_two_dollar_lines_is_math_after_an_unpaired_dollar_pair():
    # en-exam-prep-broken-brackets, line 84: (0.2 + 0.1 + 0.6) / 3 = 0.9 / 3 = 0.3
    pieces = A.extract_math(STRAY.replace("{v}", "0.3"))[0]
    assert [(p.line, p.kind) for p in pieces if "MAE" in p.tex] == [(8, "$$")]
    assert _line(STRAY.replace("{v}", "0.3"), 8).verdict == "ok"
    assert _line(STRAY.replace("{v}", "0.4"), 8).verdict == "wrong"


def test_prose_between_two_dollar_lines_stays_prose():
    text = STRAY.replace("\\text{MAE}=\\frac{0.2+0.1+0.6}{3}=\\frac{0.9}{3}={v}", "the mean is 1 + 2 = 3 here")
    assert not any(p.kind == "$$" and p.line == 8 for p in A.extract_math(text)[0])
