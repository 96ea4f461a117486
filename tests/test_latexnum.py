"""bpnn.articles.latexnum: article LaTeX is parsed (never evaluated as code) and refused when ambiguous."""
import math

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
