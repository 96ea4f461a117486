"""The errata: built from the registry and the audit; no disagreement may stand."""
from __future__ import annotations

from pathlib import Path

import pytest

from bpnn.articles import errata as E
from bpnn.articles.audit import audit_stored
from bpnn.articles.claims import Claim, Outcome, Verdict, all_claims

ROOT = Path(__file__).resolve().parent.parent
A002 = "002_509e2db27339cf03.txt"


@pytest.fixture(scope="module")
def audits():
    return audit_stored()


@pytest.fixture(scope="module")
def book(audits):
    return E.build(audits=audits)


def test_no_disagreement_between_audit_and_chapters(book):
    """Where the audit and a chapter judge one line differently, one of them is wrong: resolve it."""
    problems = E.disagreements(book)
    assert not problems, "\n".join(problems)


def test_every_claim_appears_once(book):
    ids = [r.claim_id for a in book for r in a.claim_rows]
    assert sorted(ids) == sorted(c.id for c in all_claims())


def test_every_flagged_line_appears(book, audits):
    for fr in audits:
        art = next(a for a in book if a.source == fr.name)
        lines = {r.line for r in art.rows}
        for r in fr.lines:
            if r.verdict == "wrong":
                assert r.line in lines, f"{fr.name}:{r.line}"
        # audit-only rows are exactly the flagged lines no claim covers
        claim_lines = {r.line for r in art.claim_rows}
        assert {r.line for r in art.audit_rows} == {r.line for r in fr.lines if r.verdict == "wrong"} - claim_lines


def test_summary_counts_match_the_registry(book):
    from collections import Counter

    for art in book:
        expected = Counter(c.evaluate().verdict for c in all_claims() if c.source == art.source)
        got = Counter(r.verdict for r in art.claim_rows)
        assert got == expected, art.source
    # transposed: one column per article and one for all, one row per figure
    lines = E.summary_markdown(book).split("\n")
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header[1:] == [a.article for a in book] + ["**all**"]
    claims_row = [c.strip() for c in lines[2].strip("|").split("|")]
    assert claims_row[0] == "claims"
    assert claims_row[1:-1] == [str(len(a.claim_rows)) for a in book]
    assert claims_row[-1] == f"**{len(all_claims())}**"
    assert all(line.count("|") == len(book) + 3 for line in lines)


def test_rows_link_to_their_sections(book):
    text = "\n".join(E.article_markdown(a) for a in book)
    for c in all_claims():
        label = c.explained_in.partition("#")[2]
        if label:
            assert f"<{label}>`" in text, c.id
    # the audit-only rows send readers to the audit's rules, which must exist
    src = (ROOT / "book" / f"{E.AUDIT_PAGE}.ipynb").read_text(encoding="utf-8")
    assert f"({E.AUDIT_LABEL})=" in src


# --------------------------------------------------- the disagreement rules, on made-up claims

def _claim(line: int, verdict: Verdict, cid: str) -> Claim:
    return Claim(id=cid, source=A002, line=line, quote="x", claimed="1", method="test",
                 check=lambda: Outcome(verdict, "1"), reviewed=verdict, explained_in="sigmoid-neuron#sigmoid-claims")


@pytest.fixture
def fresh_cache():
    """Made-up claims must not stay in the registry's outcome cache."""
    from bpnn.articles.claims import registry

    yield
    for key in [k for k in registry._CACHE if k.startswith("test-")]:
        del registry._CACHE[key]


def _build_with(claims, audits, monkeypatch):
    from bpnn.articles.claims import registry

    reg = {c.id: c for c in claims}
    monkeypatch.setattr(registry, "_REGISTRY", reg)
    return E.build(claims=claims, audits=audits)


def test_arithmetic_verdicts_come_from_the_audit(monkeypatch):
    """An arithmetic claim asks the audit: flip the audit's comparison on one line and the claim's
    verdict follows (so a chapter cannot find an arithmetic error the audit does not, or miss one)."""
    import dataclasses

    from bpnn.articles.claims import audited, get_claim

    results = audited._results()
    for cid, line, now, then in (("002-v1-L201-w71-arith", 201, Verdict.ARITHMETIC, Verdict.CARRIED),
                                 ("002-v1-L144-z1", 144, Verdict.CORRECT, Verdict.ARITHMETIC),
                                 ("002-v1-L151-sigmoid", 151, Verdict.ARITHMETIC, Verdict.CORRECT)):
        assert get_claim(cid).check().verdict == now
        fr = results[A002]
        r = fr.line(line)
        flipped = dataclasses.replace(r, checks=[dataclasses.replace(c, ok=not c.ok) for c in r.checks])
        lines = [flipped if x is r else x for x in fr.lines]
        monkeypatch.setitem(results, A002, dataclasses.replace(fr, lines=lines))
        assert get_claim(cid).check().verdict == then, cid
        monkeypatch.undo()


def test_every_arithmetic_error_is_a_line_the_audit_flags(book, audits):
    flagged = {(fr.name, r.line) for fr in audits for r in fr.lines if r.verdict == "wrong"}
    for c in all_claims():
        if c.evaluate().verdict == Verdict.ARITHMETIC:
            assert (c.source, c.line) in flagged, c.id


def test_a_claim_the_audit_does_not_compare_is_an_error():
    from bpnn.articles.claims.audited import comparison
    from bpnn.errors import BpnnError

    with pytest.raises(BpnnError, match=r"002_509e2db27339cf03.txt:201: the audit does not compare"):
        comparison(A002, 201, r"0.1 - 0.1 \cdot -0.003", "0.104")
    with pytest.raises(BpnnError, match="no math on this line"):
        comparison(A002, 1, "1", "1")


def test_a_flagged_line_called_correct_is_a_disagreement(audits, monkeypatch, fresh_cache):
    # line 201 (0.1 - 0.1·-0.003 = 0.103) is wrong; a chapter calling it correct or carried disagrees
    for verdict in (Verdict.CORRECT, Verdict.CARRIED, Verdict.WRONG_FORMULA):
        book = _build_with([_claim(201, verdict, "test-b")], audits, monkeypatch)
        assert len(E.disagreements(book)) == 1, verdict


def test_agreement_and_non_math_lines_are_not_disagreements(audits, monkeypatch, fresh_cache):
    # line 144 is right and line 201 wrong as the audit sees them; line 3 is prose
    claims = [_claim(201, Verdict.ARITHMETIC, "test-c"), _claim(144, Verdict.CORRECT, "test-d"),
              _claim(3, Verdict.FALSE, "test-e"), _claim(201, Verdict.INCONSISTENT, "test-f")]
    book = _build_with(claims, audits, monkeypatch)
    assert E.disagreements(book) == []
    art = next(a for a in book if a.source == A002)
    assert next(r for r in art.rows if r.claim_id == "test-e").audit == "not math"


# --------------------------------------------------- one notation: symbols in prose are typeset

@pytest.mark.parametrize("text, tex", [
    ("no b_72 in the network", "no $b_{72}$ in the network"),
    # a long chain is one formula per side, so that a narrow cell can wrap between them
    ("δ_7 = ∂L/∂z_7 = y − t exactly", r"$\delta _7 =$ $\partial L/\partial z_7 =$ $y - t$ exactly"),
    ("O^(l) = f(W^(l) O^(l-1) + b^(l))", "$O^{(l)} =$ $f(W^{(l)} O^{(l-1)} + b^{(l)})$"),
    ("y = f(z_7)", "$y = f(z_7)$"),
    ("shape n_l × n_{l-1}", r"shape $n_l \times n_{l-1}$"),
    ("w^(1)_11 and w_ij", "$w^{(1)}_{11}$ and $w_{ij}$"),
    # names in code and plain numbers stay as they are
    ("x_train, half_sse, learning_rate, np.x_1", "x_train, half_sse, learning_rate, np.x_1"),
    ("`z_7` in code and $z_7$ already typeset", "`z_7` in code and $z_7$ already typeset"),
    ("| 2 (x = [1.0, 2.0]) | 3×2 |", "| 2 (x = [1.0, 2.0]) | 3×2 |"),
])
def test_symbols_in_prose_are_typeset(text, tex):
    from bpnn.articles.report import typeset_symbols

    assert typeset_symbols(text) == tex


def test_no_plain_indexed_symbol_in_the_tables(book):
    """Outside math and code, no z_7, b_72, O^(l-1) or n_{l-1} is left in the errata or the claims tables."""
    import re

    from bpnn.articles.report import claims_markdown

    text = "\n".join(E.article_markdown(a) for a in book) + claims_markdown(all_claims())
    plain = re.sub(r"\$[^$]*\$|``.*?``|`[^`]*`", "", text)
    left = re.findall(r"(?<![\w.\\])[A-Za-zδσηθΔ](?:_\{?\d+\}?|_\{[^}]*\}|\^\([^)]*\))(?!\w)", plain)
    assert not left, sorted(set(left))[:10]


@pytest.mark.parametrize("tex, cell", [
    (r"\frac{\partial L}{\partial b_{72}} = \delta_7 \approx -0.049", r"$\frac{\partial L}{\partial b_{72}} =$ $\delta_7 \approx$ $-0.049$"),
    (r"0.5 \cdot 1 + 0.5 \cdot 2 + 0.5 = 1.5", r"$0.5 \cdot$ $1 + 0.5 \cdot$ $2 + 0.5 =$ $1.5$"),
    (r"0.1 \cdot 1 + 0.1 = 0.2", r"$0.1 \cdot 1 + 0.1 = 0.2$"),   # short: one formula
    # never split inside a group, \left…\right or an environment
    (r"\left\{ a = b + c + d + e + f + g + h \right\} + x + y", r"$\left\{ a = b + c + d + e + f + g + h \right\} +$ $x + y$"),
    (r"\begin{aligned} a &= b + c + d + e + f \end{aligned} + x + y", r"$\begin{aligned} a &= b + c + d + e + f \end{aligned} +$ $x + y$"),
    (r"0.206 \cdot (1 - 0.206) \cdot (0.9 \cdot -0.049) \approx -0.007",
     r"$0.206 \cdot$ $(1 - 0.206) \cdot$ $(0.9 \cdot -0.049) \approx$ $-0.007$"),
])
def test_long_formulas_in_cells_break_between_relations(tex, cell):
    from bpnn.articles.report import math_cell

    assert math_cell(tex) == cell
