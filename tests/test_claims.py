"""The claims registry: every claim's computed verdict is pinned to its reviewed verdict,
every quote is found on the article line it cites, and every claim points at a page that explains it."""
import dataclasses
import functools
import json
import pathlib
import re

import pytest
import yaml

from bpnn.articles import article_line, seeds_dir
from bpnn.articles.claims import Verdict, agrees, all_claims, decimals
from bpnn.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLAIMS = all_claims()
IDS = [c.id for c in CLAIMS]


@functools.lru_cache(maxsize=None)
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
        assert f"({label})=" in _page_text(src), f"{claim.id}: no target ({label})= in {src.name}"


@functools.lru_cache(maxsize=None)
def _page_text(src: pathlib.Path) -> str:
    return src.read_text(encoding="utf-8")


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


# ----------------------------------------------------------------- claims as rows: every check is a named kind
@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_every_claim_names_a_check_kind_from_the_set_of_kinds(claim):
    """A claim's check is data: the name of a kind of registry.KINDS and parameters that kind takes. A check
    written inline (a lambda, a closure) or a kind defined in a chapter module instead of a kinds module fails."""
    import inspect

    from bpnn.articles.claims.registry import KINDS, Check

    assert isinstance(claim.check, Check), f"{claim.id}: its check is {claim.check!r}, not a Check naming a kind"
    assert claim.kind in KINDS, f"{claim.id}: {claim.kind!r} is not a check kind"
    inspect.signature(KINDS[claim.kind]).bind(**claim.check.params)   # raises TypeError on a parameter it lacks
    assert re.fullmatch(r"bpnn\.articles\.claims\.kinds(_\w+)?", KINDS[claim.kind].__module__), \
        f"{claim.id}: kind {claim.kind!r} is defined in {KINDS[claim.kind].__module__}, not in a kinds module"


def test_a_row_naming_an_unknown_kind_or_parameter_fails_when_it_is_built():
    from bpnn.articles.claims import kinds
    from bpnn.articles.claims.registry import Check, kind
    from bpnn.errors import BpnnError

    with pytest.raises(BpnnError, match="no check kind 'no-such-kind'"):
        Check("no-such-kind", {})
    with pytest.raises(TypeError):
        Check("arithmetic", {"source": "002_x.txt"})              # required parameters missing
    with pytest.raises(TypeError):
        kinds.arithmetic("002_x.txt", 1, "1 + 1", "2", slack=0.1)  # a parameter the kind does not take
    with pytest.raises(BpnnError, match="defined twice"):
        kind("arithmetic")(lambda: None)
    made = kinds.restated("0.5", None, "why")
    assert (made.kind, made.params) == ("restated", {"claimed": "0.5", "truth": None, "why": "why"})


def test_bpnn_check_lists_every_claim(capsys):
    assert main(["check", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["count"] == len(CLAIMS) and out["mismatches"] == 0
    assert {r["id"] for r in out["claims"]} == set(IDS)


def test_bpnn_check_fails_when_a_verdict_flips(capsys, monkeypatch):
    from bpnn.articles.claims import registry

    victim = CLAIMS[0]
    other = Verdict.CORRECT if victim.reviewed != Verdict.CORRECT else Verdict.ARITHMETIC
    flipped = dataclasses.replace(victim, reviewed=other)
    monkeypatch.setitem(registry._load(), victim.id, flipped)
    assert main(["check"]) == 1
    # the table wraps its last column to the terminal's width: compare with the line breaks undone
    assert f"reviewed as '{other.value}'" in " ".join(capsys.readouterr().out.split())


def test_bpnn_check_unknown_article_exits_2(capsys):
    assert main(["check", "--article", "999"]) == 2
    assert "no registered claims for article '999'" in capsys.readouterr().err


# ----------------------------------------------------------------- the second reading (issue 13)
from bpnn.articles import ARTICLES, article_lines  # noqa: E402
from bpnn.articles.claims import structure as S  # noqa: E402

needs_seeds = pytest.mark.skipif(seeds_dir() is None, reason="the articles (../shared/seeds) are not here")


@needs_seeds
@pytest.mark.parametrize("article", sorted(ARTICLES))
def test_stored_structure_is_what_the_article_holds(article):
    fresh = S.extract(article_lines(ARTICLES[article]))
    stored = {k: v for k, v in S.structure(article).items() if k != "source"}
    # JSON turns tuples into lists; compare through JSON
    assert json.loads(json.dumps(fresh)) == stored, "re-run scripts/extract_structure.py"


@needs_seeds
@pytest.mark.parametrize("article,line,kind,sentences", [
    ("000", 3, "prose", 3),      # three sentences ending in 。
    ("002", 134, "prose", 2),    # "…一个神经元。激活函数使用Sigmoid函数。"
    ("002", 132, "heading", 1),
    ("002", 144, "math", 1),
    ("001", 73, "code", 0),
    ("001", 45, "fence", 0),
    ("000", 26, "math", 1),      # inside $$ … $$
    ("004", 103, "list", 1),
    ("002", 1, "blank", 0),      # spaces only
])
def test_line_kinds_and_sentence_counts_by_hand(article, line, kind, sentences):
    st = S.structure(article)
    assert (st["kinds"][line - 1], st["sentences"][line - 1]) == (kind, sentences)


def test_the_reading_covers_every_line_once():
    for article, rec in S.reading()["articles"].items():
        n = S.structure(article)["n_lines"]
        covered = [ln for s in rec["sections"] for ln in range(s["lines"][0], s["lines"][1] + 1)]
        assert covered == list(range(1, n + 1)), article
        assert all(s["no_claim"] for s in rec["sections"]), article


def test_the_reading_lists_every_claim_once_in_the_section_of_its_line():
    listed = {}
    for article, rec in S.reading()["articles"].items():
        for s in rec["sections"]:
            for cid in s["claims"] + s["added"]:
                assert cid not in listed, f"{cid} listed twice"
                listed[cid] = (article, s["lines"])
    assert set(listed) == set(IDS), (sorted(set(IDS) - set(listed)), sorted(set(listed) - set(IDS)))
    for c in CLAIMS:
        article, (lo, hi) = listed[c.id]
        assert c.article == article and lo <= c.line <= hi, c.id


def test_claim_ids_carry_their_line():
    # the reading's per-line counts read the line from the id
    for c in CLAIMS:
        assert re.search(rf"-L{c.line}-", c.id), c.id


def test_reading_summary_adds_up():
    rows = S.reading_summary()
    assert [r["article"] for r in rows] == sorted(ARTICLES)
    assert sum(r["claims"] for r in rows) == len(CLAIMS)
    for r in rows:
        st = S.structure(r["article"])
        assert r["sentences"] == sum(st["sentences"])       # every line was read
        assert 0 < r["added"] <= r["claims"]
        assert r["claim_lines"] == len({c.line for c in CLAIMS if c.article == r["article"]})


# ----------------------------------------------------------------- new checks react to what the text says
def test_structure_checks_react_to_the_structure(monkeypatch):
    from bpnn.articles.claims import kinds_facts as K

    assert K.numbering("003", 2)().verdict == Verdict.INCONSISTENT
    assert K.numbering("000", 2)().verdict == Verdict.CORRECT
    # 002's §4 has a worked example: the same check finds its numbers
    assert K.example_section("002", 103)().verdict == Verdict.CORRECT
    assert K.example_section("000", 20)().verdict == Verdict.FALSE
    # 002's §5 explains its listing (§5.3): not flagged
    assert K.code_explained("002", 221)().verdict == Verdict.CORRECT
    assert K.code_explained("004", 51)().verdict == Verdict.FALSE
    # a promise that the body keeps: 004 does mention fine-tuning after its introduction
    assert K.promise("004", "从零开始大模型开发与微调", (5, 107))().verdict == Verdict.CORRECT
    assert K.promise("004", "反向传播神经网络的前世今生", (5, 107))().verdict == Verdict.FALSE


def test_general_claim_checks_react_to_the_sentence():
    from bpnn.articles.claims import ch_facts as F
    from bpnn.articles.claims import kinds_facts as K
    from bpnn.articles.claims import records as R

    assert K.related_methods("与梯度下降有着密切的关系")().verdict == Verdict.CORRECT
    assert K.related_methods(F._SA_Q)().verdict == Verdict.FALSE
    scalable = F.RULES["scalable"]
    assert K.keyword_check(scalable, "可以通过增加隐层和神经元数量，提升模型的复杂度", overfit_line=356)().verdict \
        == Verdict.NOT_CHECKABLE
    out = K.keyword_check(scalable, F._SCALE1_Q, overfit_line=356)()
    assert out.verdict == Verdict.CORRECT and "line 356." in out.detail
    # every rule reacts to its sentence: without its first keyword, the other branch
    for name, rule in F.RULES.items():
        rows = [q for r, q, *_ in F.GENERAL_002 if r == name] or {"unlike-others": [F._UNLIKE_Q]}.get(name)
        assert rows, name
        assert K.keyword_check(rule, rows[0], overfit_line=1)().verdict == rule.verdict, name
        assert K.keyword_check(rule, rows[0].replace(rule.keywords[0], ""), overfit_line=1)().verdict \
            == rule.otherwise[0], name
    assert K.tool_scope("**TensorFlow**", "TensorFlow", "x")().verdict == Verdict.CORRECT
    assert K.coursera_courses("《深度学习》、《不存在的课》")().verdict == Verdict.FALSE
    assert R.nearest_title("The Roots of Backpropagation: From Ordered Derivatives") == "werbos1994"
    assert R.nearest_title(R.quoted_title(F._WERBOS_TITLE_Q)) == "chauvin1995"
def test_bpnn_check_wraps_instead_of_cutting(capsys, monkeypatch):
    """Every claim's true value is printed in full (wrapped under its column), and no line passes 100 columns."""
    monkeypatch.setenv("COLUMNS", "100")
    main(["check"])
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 100
    flat = " ".join(out.split())
    for c in CLAIMS:
        assert " ".join(str(c.evaluate().computed).split()) in flat, c.id


def test_chapters_do_not_import_each_other():
    """Shared data and helpers live in neutral modules (observations, tex, audited), not in a chapter."""
    import ast

    folder = pathlib.Path(__file__).resolve().parent.parent / "bpnn" / "articles" / "claims"
    for path in sorted(folder.glob("ch_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] + [a.name for a in node.names] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            assert not any(n.split(".")[-1].startswith("ch_") for n in names), f"{path.name} imports {names}"
