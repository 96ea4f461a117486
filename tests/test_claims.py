"""The claims registry: every claim's computed verdict is pinned to its reviewed verdict,
every quote is found on the article line it cites, and every claim points at a page that explains it."""
import dataclasses
import json
import pathlib
import re

import pytest
import yaml

from bpnn.articles import article_line, seeds_dir
from bpnn.claims import Verdict, agrees, all_claims, decimals
from bpnn.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLAIMS = all_claims()
IDS = [c.id for c in CLAIMS]


def _toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = {toc["root"]}

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.add(node["file"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(toc)
    return {f.removesuffix(".ipynb").removesuffix(".md") for f in files}


def test_registry_is_not_empty_and_ids_are_unique():
    assert len(CLAIMS) >= 12
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_computed_verdict_is_the_reviewed_verdict(claim):
    out = claim.evaluate()
    assert out.verdict == claim.reviewed, f"{claim.where}: computed {out.verdict}, reviewed {claim.reviewed}"
    assert out.computed, "a claim must show what was computed"
    if out.verdict not in (Verdict.CORRECT, Verdict.NOT_CHECKABLE):
        assert out.detail or out.corrected or out.value is not None, "a wrong claim must say what is right"


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.skipif(seeds_dir() is None, reason="the articles (../shared/seeds) are not beside this checkout")
@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_quote_is_on_the_cited_line(claim):
    line = article_line(claim.source, claim.line)
    assert line is not None, f"{claim.where}: no such line"
    assert _norm(claim.quote) in _norm(line), f"{claim.where}: {claim.quote!r} is not on that line: {line!r}"


@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_claim_points_at_a_page_in_the_book_with_that_label(claim):
    doc, _, label = claim.explained_in.partition("#")
    assert doc, f"{claim.id}: explained_in is empty"
    assert f"book/{doc}" in _toc_files(), f"{claim.id}: book/{doc} is not in _toc.yml"
    src = next((ROOT / "book").glob(f"{doc}.*"), None)
    assert src is not None and src.suffix in (".ipynb", ".md"), f"{claim.id}: no page book/{doc}"
    if label:
        text = src.read_text(encoding="utf-8")
        assert f"({label})=" in text, f"{claim.id}: no target ({label})= in {src.name}"


def test_claimed_numbers_are_plain_numbers_for_numeric_verdicts():
    for c in CLAIMS:
        if c.claimed is not None and c.reviewed in (Verdict.ARITHMETIC,):
            decimals(c.claimed)  # raises on anything that is not a printed number


@pytest.mark.parametrize(
    "claimed,value,ok",
    [("0.865", 0.8654, True), ("0.865", 0.86549, True), ("0.865", 0.8656, False), ("0.865", 0.5498, False),
     ("-0.049", -0.0490, True), ("2", 2.4, True), ("2", 2.6, False), ("0.103", 0.1003, False),
     ("-0.000", -0.00049, True), ("-0.000", 0.0006, False)],
)
def test_agrees_uses_the_printed_precision(claimed, value, ok):
    assert agrees(claimed, value) is ok


def test_bpnn_check_lists_every_claim(capsys):
    assert main(["check", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["count"] == len(CLAIMS) and out["mismatches"] == 0
    assert {r["id"] for r in out["claims"]} == set(IDS)


def test_bpnn_check_fails_when_a_verdict_flips(capsys, monkeypatch):
    from bpnn.claims import registry

    victim = CLAIMS[0]
    other = Verdict.CORRECT if victim.reviewed != Verdict.CORRECT else Verdict.ARITHMETIC
    flipped = dataclasses.replace(victim, reviewed=other)
    monkeypatch.setitem(registry._load(), victim.id, flipped)
    assert main(["check"]) == 1
    assert f"reviewed as '{other.value}'" in capsys.readouterr().out


def test_bpnn_check_unknown_article_exits_2(capsys):
    assert main(["check", "--article", "999"]) == 2
    assert "no registered claims for article '999'" in capsys.readouterr().err


def test_bpnn_check_wraps_instead_of_cutting(capsys, monkeypatch):
    """Every claim's true value is printed in full (wrapped under its column), and no line passes 100 columns."""
    monkeypatch.setenv("COLUMNS", "100")
    main(["check"])
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 100
    flat = " ".join(out.split())
    for c in CLAIMS:
        assert " ".join(str(c.evaluate().computed).split()) in flat, c.id
