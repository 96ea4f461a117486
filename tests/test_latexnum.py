"""bpnn.articles.latexnum: article LaTeX is parsed (never evaluated as code) and refused when ambiguous."""
import math
from fractions import Fraction as _F

import pytest
import sympy as sp

from bpnn.articles.latexnum import LatexError, compile_side
from bpnn.articles.latexsym import Unresolved, evaluate, parse


@pytest.mark.parametrize(
    "tex,value",
    [
        (r"\frac{1}{1 + e^{-0.2}}", 1 / (1 + math.exp(-0.2))),
        (r"0.126 \cdot (1 - 0.126) \cdot (1.1 \cdot -0.049)", 0.126 * (1 - 0.126) * (1.1 * -0.049)),
        (r"0.1 - 0.1 \cdot -0.003", 0.1 - 0.1 * -0.003),
        (r".5 + 1e-4", 0.5001),
    ],
)
def test_numeric_sides(tex, value):
    assert evaluate(tex) == pytest.approx(value, rel=1e-14)


def test_symbols_need_values_and_are_named():
    assert evaluate(r"\frac{1}{1 + e^{-z_1}}", {"z_1": 0.2}) == pytest.approx(1 / (1 + math.exp(-0.2)))
    with pytest.raises(Unresolved) as exc:
        evaluate(r"w_{11} \cdot x_1 + b_{11}")
    assert exc.value.names == ["b_11", "w_11", "x_1"]


@pytest.mark.parametrize("tex", [r"y - \hat{y}", r"\bar{x} + 1", r"\tilde{w}"])
def test_decorated_names_are_one_symbol_not_a_product(tex):
    # sympy's own LaTeX parser reads \hat{y} as the product hat·y; ours reads one name
    names = {s.name for s in parse(tex).free_symbols}
    assert not names & {"hat", "bar", "tilde"}
    assert any(n.startswith("\\") for n in names)


# ---- parse(): the sympy expression, compared with the expression built by hand in sympy

_w31, _x1, _x2, _b31 = sp.symbols("w_31 x_1 x_2 b_31")
_a6, _d7, _w96, _p, _z1, _w, _x, _b = sp.symbols("a_6 delta_7 w_96 p z_1 w x b")
_f1 = sp.Function("f'")


@pytest.mark.parametrize("tex, expected", [
    # the forms the worked-example chapter parses (article 002)
    (r"w_{31} \cdot x_1 + x_2 + b_{31}", _w31 * _x1 + _x2 + _b31),
    (r"a_6 \cdot (1 - a_6) \cdot (w_{96} \cdot \delta_7)", _a6 * (1 - _a6) * _w96 * _d7),
    (r"\frac{1}{1 + e^{-z_1}}", 1 / (1 + sp.exp(-_z1))),
    (r"x \cdot f'(w \cdot x + b)", _x * _f1(_w * _x + _b)),
    (r"p - 0.1 \cdot -0.003", _p - sp.Float("0.1") * sp.Float("-0.003")),   # printed decimals stay floats
    (r"\delta_{z_6}", sp.Symbol("delta_z_6")),
    # notation of other authors
    (r"\sigma(z_1) (1 - \sigma(z_1))", sp.exp(-_z1) / (1 + sp.exp(-_z1)) ** 2),
    (r"\frac{1}{2}(p - 0.5)^2", (_p - sp.Float("0.5")) ** 2 / 2),
    (r"\sqrt{p} + \ln p + \log_{10} 100", sp.sqrt(_p) + sp.log(_p) + 2),
    (r"\left( p \right) \times 2 \div 4", _p / 2),
    ("½ × (p − 1)²", (_p - 1) ** 2 / 2),
])
def test_parse_builds_the_expression_as_written(tex, expected):
    got = parse(tex)
    assert sp.simplify(got - expected) == 0, (got, expected)
    assert got.free_symbols == expected.free_symbols


def test_a_name_before_a_parenthesis_is_a_product_a_function_or_refused():
    # sympy's own LaTeX parser reads every name before a parenthesis as a function: a(1 - a) would be a(·)
    assert parse("a_6(1 - a_6)") == _a6 * (1 - _a6)           # the name stands alone too: a value
    assert parse("g(p)") == sp.Function("g")(_p)               # f and g: functions
    with pytest.raises(LatexError, match="product or a function"):
        parse("h(1 - p)")                                      # neither: ambiguous, refused


def _corpus_sides():
    """Every side of every formula in the corpus of real published examples (tests/data/corpus, each
    excerpt with its source), as the audit finds and splits them."""
    from bpnn.articles.audit import extract_math, split_chain
    from bpnn.articles.corpus import CORPUS_DIR

    sides = []
    for path in sorted(CORPUS_DIR.glob("*.md")):
        pieces, _ = extract_math(path.read_text(encoding="utf-8"))
        for piece in pieces:
            sides.extend((path.name, piece.line, s) for s in split_chain(piece.tex)[0])
    return sides


def test_every_corpus_formula_the_audit_reads_becomes_a_sympy_expression_or_a_clear_refusal():
    sides = _corpus_sides()
    read = [(name, line, s) for name, line, s in sides if _reads(s)]
    refused = []
    for name, line, s in read:
        try:
            parse(s)
        except LatexError as exc:                   # anything else (a crash) fails the test
            refused.append((name, line, s, str(exc)))
    # the only refusals: names written before a parenthesis that are neither values nor f/g, such as
    # input(h1) and output(o1) in one Jianshu post (sigma'(z), F(0.21), \text{softmax}(z) in others):
    # a product, a function or a label? not guessed
    assert all("could be a product or a function" in why for *_, why in refused), refused
    assert "zh-zhwhong-jianshu.md" in {name for name, *_ in refused}
    assert len(read) > 500 and len(refused) < 0.05 * len(read)
    # Mazur's derivative of the sigmoid, as his post writes it: a product, as the audit computes it
    mazur = [s for name, _, s in read if name.startswith("en-mazur") and s.strip() == "out_{h1}(1-out_{h1})"]
    assert mazur
    out_h1 = sp.Symbol("out_h1")
    assert parse(mazur[0]) == out_h1 * (1 - out_h1)


def _reads(side: str) -> bool:
    try:
        compile_side(side)
    except LatexError:
        return False
    return True


@pytest.mark.parametrize("tex", ["", "1 +", r"\frac{1}{", "a = b"])
def test_bad_latex_is_a_clear_error(tex):
    with pytest.raises(LatexError):
        evaluate(tex)


# ---- the audit's own parser (bpnn.articles.latexnum.compile_side): names, notation, hostile input



def _value(tex, **names):
    return compile_side(tex).value({}, lambda n, occ: names[n])


@pytest.mark.parametrize("tex, name", [
    (r"out_{h1}", "out_h1"), (r"\text{out}_{h1}", "out_h1"), (r"\mathrm{net}_{o1}", "net_o1"),
    (r"\operatorname{out}_{o2}", "out_o2"), ("w_5^+", "w_5^+"), ("w_{11}^{2+}", "w_11^2+"), ("w6+", "w_6^+"),
    (r"\delta_{o1}", "delta_o1"), ("E_{total}", "E_total"), ("{ out }_{h 1}", "out_h1"), ("w^{(2)}", "w^(2)"),
])
def test_names_are_names_not_products(tex, name):
    side = compile_side(tex)
    assert side.tree == ["s", name]


@pytest.mark.parametrize("tex, value", [
    ("1/2 * (0.75136507 - 0.01)^2", 0.5 * (0.75136507 - 0.01) ** 2),
    ("e^-0.3775", math.exp(-0.3775)),
    ("e^(-0.3775)", math.exp(-0.3775)),
    (r"\exp(-0.3775)", math.exp(-0.3775)),
    (r"\sum_{i=1}^{4} 0.5 i", 5.0),
    ("½ × (−0.747)²", 0.5 * 0.747 ** 2),
    ("2³ – 1", 7.0),
    ("3 ÷ 4 · 2", 1.5),
    (r"\left[1 + 2\right] \cdot 3", 9.0),
    (r"\frac{1}{2}\|0.01-0.75\|^2", 0.5 * 0.74 ** 2),
    (r"\sigma(0.3775)", 1 / (1 + math.exp(-0.3775))),
    (r"{\bf 2} \cdot \boldsymbol{3}", 6.0),
    (r"\ln 2 + \log_{10} 100", math.log(2) + 2),
])
def test_notation(tex, value):
    assert _value(tex) == pytest.approx(value, rel=1e-12)


def test_a_name_before_a_parenthesis_is_a_product_when_it_has_a_value():
    side = compile_side("a(1-a)")
    assert side.calls == {"a"} and side.unresolved({}) == ["a", "a(…)"]
    assert side.value({}, lambda n, occ: 0.25) == pytest.approx(0.1875)


@pytest.mark.parametrize("tex, reason", [
    ("1.5.2", "malformed number"), ("1e+", "malformed number"), ("3e-", "malformed number"),
    ("1e400", "too large"), ("1e-400", "too small"), ("①", "not supported"),
    (r"\cdots + 1", "elided"), ("x^23", "several characters"), ("2^1.5", "several characters"), ("0.5 0.3", "not a number"), ("a^b^c", "double exponent"),
    ("(1 + 2", "expected"), (r"\frac{1}{", "missing"),
])
def test_malformed_input_is_refused_with_its_reason(tex, reason):
    with pytest.raises(LatexError, match=reason):
        compile_side(tex)


def test_deep_nesting_and_long_sums_are_bounded():
    with pytest.raises(LatexError, match="nested|symbols"):
        compile_side("\\frac{1}{" * 300 + "2" + "}" * 300)
    side = compile_side(" + ".join(["0.001"] * 3000))     # thousands of terms: linear, no recursion
    assert side.value({}, lambda n, o: 0) == pytest.approx(3.0)


def test_overflow_is_an_error_not_a_value():
    for tex in ("e^{1000}", "10^{400}", r"1e300 \cdot 1e300", "(0 - 1)^{0.5}"):
        with pytest.raises((OverflowError, ValueError)):
            compile_side(tex).value({}, lambda n, o: 0)


def test_parse_never_hands_text_to_sympify(monkeypatch):
    # sympify of a string runs sympy's parse_expr, which ends in eval: parse() must never reach it
    import sympy.parsing.sympy_parser as sympy_parser

    def refuse(*args, **kwargs):
        raise AssertionError(f"sympify'd text: {args[0]!r}")
    monkeypatch.setattr(sympy_parser, "parse_expr", refuse)
    parse.cache_clear()
    for tex in (r"0.126 \cdot (1 - 0.126) \cdot (p \cdot -0.049)", r"\frac{1}{1 + e^{-0.2}} + 1e-4 + 12",
                r"x \cdot f'(w \cdot x + b)"):
        parse(tex)
    assert evaluate(r"\frac{1}{1 + e^{-0.2}}") == pytest.approx(1 / (1 + math.exp(-0.2)), rel=1e-15)


def test_conditional_probabilities_and_subscripted_pi_are_names():
    from bpnn.articles.latexnum import compile_side

    # P(y|x) is one quantity (a name), not P times (y|x) nor a call; \pi with a subscript is no constant
    assert compile_side(r"P(y|x)").tree == ["s", "P(y|x)"]
    assert compile_side(r"\pi_\theta(y_w^1|x)").tree[0] == "s"
    assert compile_side(r"p(y \mid x)").tree[0] == "s"
    assert compile_side(r"\pi_\text{ref}(y_w^2|x, y_w^1)").tree == ["s", "pi_ref(y_w^2|x, y_w^1)"]
    # bars in pairs are an absolute value; \pi alone is the constant
    assert compile_side(r"f(|x|)").tree[0] == "call"
    assert compile_side(r"\pi").tree == ["c", math.pi] or abs(compile_side(r"\pi").value({}, None) - math.pi) < 1e-15


def test_conditional_probability_names_are_remembered():
    from bpnn.articles.audit import audit_text

    fr = audit_text("$\\pi_\\theta(y^1|x) = 0.4$, $\\pi_\\theta(y^2|x, y^1) = 0.5$\n\n"
                    "$$\\pi_\\theta(y|x) = \\pi_\\theta(y^1|x) \\cdot \\pi_\\theta(y^2|x, y^1) = 0.4 \\times 0.5 = 0.2$$\n\n"
                    "$$P(y|x) = \\pi_\\theta(y^1|x) \\cdot \\pi_\\theta(y^2|x, y^1) = 0.3$$\n")
    assert fr.line(3).verdict == "ok" and fr.line(5).verdict == "wrong"


def test_two_numbers_set_apart_by_a_wide_space_are_refused():
    # "0.5 \quad 0.6" shows two numbers (a list?): never their product 0.3
    for tex in (r"0.5 \quad 0.6", r"(0.5 \qquad 0.6)", r"2 \enspace 3"):
        with pytest.raises(LatexError, match="set apart"):
            compile_side(tex)
    # a wide space before a name is spacing only
    assert compile_side(r"2 \quad x").tree[0] == "*"


# ---- \max and \min of two or more arguments

@pytest.mark.parametrize("tex, exact", [
    (r"\max(3, 0)", _F(3)),
    (r"\max(1,2,5,6)", _F(6)),
    (r"\min(0.5, 0.25)", _F(1, 4)),
    (r"\max(0.1, 0.2) + \min(0.1, 0.2)", _F(3, 10)),          # exactly 3/10 (0.30000000000000004 in floats)
    (r"\max\left(0, -0.3\right)", _F(0)),
    (r"\max\{0, 2\}", _F(2)),
    (r"\max\left\{ -1, -2 \right\}", _F(-1)),
    ("max(0, 1.5)", _F(3, 2)),                                  # plain text
    (r"\operatorname{min}(1/3, 0.5)", _F(1, 3)),
    (r"2\max(0.1, 0.2)^2", _F(2, 25)),                          # the power binds to the max: 2·0.2²
    (r"\max(z, 0)", _F(0)),                                     # z = -7/10: ReLU the other way round
    (r"\min(z, 0)", _F(-7, 10)),
    (r"\max(z, 0.5 z, -1)", _F(-7, 20)),
])
def test_max_and_min_are_evaluated_exactly_and_in_floats(tex, exact):
    side = compile_side(tex)
    value, err = side.exact(lambda n: _F(-7, 10))
    assert (value, err) == (exact, 0)
    assert side.value({}, lambda n, occ: -0.7) == pytest.approx(float(exact), abs=1e-15)


def test_max_with_a_transcendental_argument_is_computed_to_many_digits():
    value, err = compile_side(r"\max(1, e^{0.5}) - \min(1, e^{0.5})").exact(lambda n: None)
    assert abs(float(value) - (math.exp(0.5) - 1)) < 1e-15 and 0 < err < _F(1, 10 ** 30)


def test_max_parts_hold_its_arguments_and_its_value():
    # the parts of a side (rule 4 of the audit: a printed number may round one of them)
    nodes: list = []
    compile_side(r"\max(0.25, 0.5) + 1").exact(lambda n: None, nodes)
    assert {_F(1, 4), _F(1, 2), _F(1), _F(3, 2)} <= set(nodes)


def test_max_is_followed_at_the_corners_of_rounded_inputs():
    # max and min are increasing in each argument: their value at the corners of the rounded inputs bounds
    # them.  a = 0.67 ± 0.005 (a rounded result): max(a, 0.5) lies in [0.665, 0.675]
    from bpnn.articles.audit import audit_text

    fr = audit_text("$a = 2/3 \\approx 0.67$\n\n$\\max(a, 0.5) = 0.67$\n\n$\\max(a, 0.5) = 0.5$\n\n"
                    "$\\min(a, 0.9) = 0.67$\n\n$\\min(a, 0.9) = 0.9$\n\n$\\max(a, 0.8) = 0.8$\n")
    assert [r.verdict for r in fr.lines] == ["ok", "ok", "wrong", "ok", "wrong", "ok"]


@pytest.mark.parametrize("tex, reason", [
    (r"\max_{i} z_i", r"over an index \(\\max_\{…\}\)"),
    (r"\max_i 2", "over an index"),
    (r"\min z", "without parentheses"),
    (r"\max 3", "without parentheses"),
    (r"\max(3)", "of one argument"),
    (r"\max(1, 2", "expected"),
    (r"\max\{1, 2)", "not closed"),
])
def test_max_over_an_index_or_without_arguments_is_refused(tex, reason):
    with pytest.raises(LatexError, match=reason):
        compile_side(tex)


# ---- W[4]: a layer written in brackets right after a name

@pytest.mark.parametrize("tex, name", [
    ("dW[4]", "dW[4]"), ("W[4]", "W[4]"), ("A[2]", "A[2]"), ("W[ 4 ]", "W[4]"), ("W[4]^T", "W[4]^T"),
    ("dZ[3]_{1}", "dZ[3]_1"),
])
def test_a_layer_in_brackets_after_a_name_is_one_name(tex, name):
    from bpnn.articles.audit.verdicts import _is_name

    assert compile_side(tex).tree == ["s", name]
    assert _is_name(tex) == name


def test_bracketed_layers_are_names_of_their_own():
    side = compile_side("W[3] + 2 W[4] + W_4 + W^{[4]}")
    assert side.names == {"W[3]", "W[4]", "W_4", "W^[4]"}
    vals = {"W[3]": 1.0, "W[4]": 10.0, "W_4": 100.0, "W^[4]": 1000.0}
    assert side.value({}, lambda n, occ: vals[n]) == 1121.0


@pytest.mark.parametrize("tex, names, value", [
    ("W [4]", {"W"}, 2.0),                 # a space: W times [4] (a group), as before
    ("2[3]", set(), 6.0),                  # a number before the bracket
    (r"\sigma[2]", {"sigma"}, 1.0),        # a command, not a letter word
    ("f[x]", {"f", "x"}, 0.25),            # a letter inside: a product
    ("W[4.5]", {"W"}, 2.25),               # not a whole number
    (r"W \cdot [2]", {"W"}, 1.0),
])
def test_other_brackets_after_a_name_are_unchanged(tex, names, value):
    side = compile_side(tex)
    assert side.names == names
    assert side.value({}, lambda n, occ: 0.5) == value


@pytest.mark.parametrize("tex", ["x[1, 2]", "[1, 2]", r"W \cdot [1, 2]", "W [0.5, 0.2]"])
def test_lists_after_a_name_stay_refused_by_the_scalar_parser(tex):
    with pytest.raises(LatexError, match="a list or vector"):
        compile_side(tex)


def test_a_bracketed_layer_is_remembered_and_checked():
    # /tmp/trial4/min-bracket-scalar.md: "no value for z" (z times [1]); read as one name, the value stated a
    # few lines on is compared with its formula: 0.5 · 0.3 = 0.15, not 0.25
    from bpnn.articles.audit import audit_text

    fr = audit_text("$z[1] = 0.5 \\cdot 0.3$\n\n$z[1] = 0.25$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "wrong"]
    assert (fr.line(3).stated, fr.line(3).computed) == ("0.25", "0.15")
    fr = audit_text("$z[1] = 0.15$\n\n$z[2] = 0.25$\n\n$z[1] + z[2] = 0.4$\n\n$z[2] - z[1] = 0.2$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "unchecked", "ok", "wrong"]
