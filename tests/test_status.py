"""The verification-status page (book/status.ipynb and its twin): every claim with its verdict, how it
is decided, the tests that guard it and the chapter that shows it."""
from __future__ import annotations

import re
from pathlib import Path

from bpnn.articles.claims import all_claims
from bpnn.articles.claims.registry import Claim, Outcome, Verdict
from bpnn.articles.report import badge, guarding_tests, how_decided, status_markdown

ROOT = Path(__file__).resolve().parent.parent


def _rows(table: str) -> list[str]:
    return table.splitlines()[2:]


def test_every_claim_has_one_row_with_its_computed_verdict():
    claims = all_claims()
    for lang in ("en", "zh"):
        rows = _rows(status_markdown(claims, lang=lang))
        assert len(rows) == len(claims)
        for c, row in zip(claims, rows):
            assert f"`{c.id}`" in row and badge(c.evaluate().verdict, lang) in row, row[:120]


def test_every_claim_is_guarded_by_the_pin_and_the_pin_exists():
    pin = (ROOT / "tests" / "test_claims.py").read_text(encoding="utf-8")
    assert "def test_computed_verdict_is_the_reviewed_verdict(" in pin and "ids=IDS" in pin
    for c in all_claims():
        tests = guarding_tests(c)
        assert tests[0] == f"test_claims.py::test_computed_verdict_is_the_reviewed_verdict[{c.id}]"
        for name in tests[1:]:
            assert c.id in (ROOT / "tests" / name).read_text(encoding="utf-8")


def _claim(method: str) -> Claim:
    return Claim("test-x", "002_509e2db27339cf03.txt", 1, "x", None, method,
                 lambda: Outcome(Verdict.NOT_CHECKABLE, "–"))


def test_how_a_verdict_is_decided_follows_the_check():
    assert how_decided(_claim("sympy.diff of the loss")) == "sympy proof"
    assert how_decided(_claim("the audit evaluates the numbers as written")) == "audit of the arithmetic"
    assert how_decided(_claim("compared with the primary sources")) == "look-up in the sources"
    assert how_decided(_claim("names the line reads (ast) against the names")) == "reading the code"
    assert how_decided(_claim("the fixed listing trained with seed 0")) == "code run"
    assert how_decided(_claim("compare the number used with the one an earlier line states")) == "the article's own lines"
    assert how_decided(_claim("sympy.diff of the loss"), "zh") == "sympy 证明"


def _calls_audit(fn, depth: int = 4, seen=None) -> bool:
    """Whether a claim's check reaches the audit's comparison (bpnn.articles.claims.audited), read from
    the functions it calls (names in its code, its closure), independently of the method's words."""
    import functools
    import inspect

    from bpnn.articles.claims import audited

    seen = set() if seen is None else seen
    fn = fn.func if isinstance(fn, functools.partial) else fn
    code = getattr(fn, "__code__", None)
    if code is None or depth < 0 or code in seen:
        return False
    seen.add(code)
    g = fn.__globals__
    if any(g.get(n) is audited.comparison for n in code.co_names):
        return True
    called = [g.get(n) for n in code.co_names] + list(inspect.getclosurevars(fn).nonlocals.values())
    return any(inspect.isfunction(f) and f.__module__.startswith("bpnn.articles") and _calls_audit(f, depth - 1, seen)
               for f in called)


def test_claims_said_to_be_decided_by_the_audit_are():
    """Every claim the page attributes to the audit has a check that asks the audit, and nearly every
    claim whose check asks it is attributed to it (one also compares with an earlier line)."""
    claims = all_claims()
    said = [c for c in claims if how_decided(c) == "audit of the arithmetic"]
    asks = [c for c in claims if _calls_audit(c.check)]
    assert said and [c.id for c in said if c not in asks] == []
    assert len(said) >= 0.9 * len(asks)


def test_the_page_lists_every_notebooks_execution():
    for path in (ROOT / "book" / "status.ipynb", ROOT / "book" / "zh" / "status.ipynb"):
        assert re.search(r"```\{nb-exec-table\}", path.read_text(encoding="utf-8"))
