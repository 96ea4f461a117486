"""`bpnn audit` on real published worked examples, against answer keys recomputed with mpmath.

The articles (excerpts with their sources) and the keys are in tests/data/corpus/; the keys are
written by tests/data/corpus/make_keys.py, which recomputes every numeric line by hand-written
mpmath arithmetic, independently of bpnn.  The targets of issue 19 are asserted over the whole
corpus: every error found, no false alarm, at most 5 % of checkable claims unchecked, every exit
code right (1 exactly when the key holds an error).
"""
from __future__ import annotations

import importlib.util
import json
import re

import pytest

from bpnn.articles.corpus import CORPUS_DIR, articles, score, score_all, totals

ARTICLES = articles()

# Set to True once the rewritten audit (issue 19) meets the corpus targets: the target test then
# holds as a plain assertion (with False it is expected to fail, strictly, so that an audit which
# meets the targets makes this switch visible).
AUDIT_TARGETS_MET = True

# Articles the current audit does not yet get right line by line (figures in the report of issue 19);
# every other article must stay right.  An article that becomes right is reported as an unexpected pass.
KNOWN_SHORT: set[str] = set()


def _make_keys():
    spec = importlib.util.spec_from_file_location("make_keys", CORPUS_DIR / "make_keys.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _body(a) -> str:
    text = (CORPUS_DIR / a.file).read_text(encoding="utf-8")
    return text[text.index("-->"):]


def test_the_corpus_is_real_and_varied():
    assert len(ARTICLES) >= 30
    langs = [a.language for a in ARTICLES]
    assert langs.count("zh") >= 10 and langs.count("en") >= 10
    for a in ARTICLES:
        assert a.source and a.title and a.author and a.notation, a.file
        assert "|" not in a.title, a.file                   # the corpus table in the book is a Markdown table
    vector = re.compile(r"\\begin\{[bp]matrix\}|\[\s*[-−]?\d*\.\d+\s*,\s*(\\[,;]\s*)?[-−]?\d*\.\d+")
    vectors = [a.file for a in ARTICLES if vector.search(_body(a))]
    assert len(vectors) >= 10, vectors
    logs = [a.file for a in ARTICLES
            if re.search(r"softmax|\\ln\b|\\log\b|\blog\s*\(|\bln\s*\(", _body(a), re.IGNORECASE)]
    assert len(logs) >= 5, logs
    assert sum(bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.retrieved)) for a in ARTICLES) >= 18


def test_stored_keys_are_what_the_script_computes():
    mod = _make_keys()
    fresh = {k.name: k.build() for k in mod.KEYS}
    stored = json.loads((CORPUS_DIR / "keys.json").read_text(encoding="utf-8"))
    assert fresh == stored, "tests/data/corpus/keys.json is stale: run python tests/data/corpus/make_keys.py"
    assert set(stored) == {a.file for a in ARTICLES}, "every article has a key and every key an article"


def test_the_keys_hold_real_errors_and_slips():
    stored = json.loads((CORPUS_DIR / "keys.json").read_text(encoding="utf-8"))
    verdicts = [v["verdict"] for lines in stored.values() for v in lines.values()]
    with_errors = sum(any(v["verdict"] in ("error", "inconsistent") for v in lines.values())
                      for lines in stored.values())
    assert verdicts.count("error") + verdicts.count("inconsistent") >= 30 and with_errors >= 15
    assert verdicts.count("slip") >= 8
    elements = [c["elem"] for lines in stored.values() for v in lines.values()
                for c in v.get("checks", []) if "elem" in c]
    assert len(elements) >= 60 and any("," in e for e in elements)      # vector elements and matrix cells


def _key_for(tmp_path, monkeypatch, text: str, *entries, data=()):
    """Build a key with make_keys' own rules for a small article written here."""
    mod = _make_keys()
    monkeypatch.setattr(mod, "HERE", tmp_path)
    (tmp_path / "a.md").write_text("<!--\n-->\n" + text, encoding="utf-8")
    return mod, mod.Key("a.md", list(entries), data=set(data)).build()


def test_key_rules_on_the_examples_of_issue_19(tmp_path, monkeypatch):
    """The rounding rule (issue 19, point 1) and the slip rule (point 2), on hand-checked cases."""
    mod = _make_keys()
    C, F = mod.C, mod.F
    text = ("$z_1 = 0.8 \\times 2.0 + 0 = 1.7$\n"           # 1.6: data are exact, so 1.7 is flagged
            "$z_1 = 0.8 \\times 2.0 + 0 = 1.6$\n"
            "$w_5 = 0.4 - 0.5 \\times (-0.03) = 0.385$\n"    # 0.415: the flipped sign is wrong
            "$w_5 = 0.4 - 0.5 \\times (-0.03) = 0.415$\n"
            "$E = 0.2748110836 = 0.274811083$\n"              # truncated instead of rounded: a slip
            "$x = 3.5 = 3$\n"                                 # a whole number claims no rounding
            "$s = 0.59 + 0.6 = 1.19$\n")

    def lin(a, b, c):
        return a * b + c

    _, key = _key_for(tmp_path, monkeypatch, text,
                      C("= 1.7$", F(lin, "0.8", "2.0", "0"), "1.7"), C("= 1.6$", F(lin, "0.8", "2.0", "0"), "1.6"),
                      C("= 0.385$", F(lambda w, n, g: w - n * g, "0.4", "0.5", "-0.03"), "0.385"),
                      C("= 0.415$", F(lambda w, n, g: w - n * g, "0.4", "0.5", "-0.03"), "0.415"),
                      C("0.2748110836 =", F(lambda x: x, "0.2748110836"), "0.274811083"),
                      C("3.5 = 3", F(lambda x: x, "3.5"), "3"),
                      C("0.59 + 0.6", F(lambda a, b: a + b, "0.59", "0.6"), "1.19"),
                      data={"0.8", "2.0", "0", "0.4", "0.5", "-0.03", "0.6"})
    got = {int(n): v["verdict"] for n, v in key.items()}
    # 1.7 for 1.6: one unit of its last digit, but two significant digits and away from zero (the
    # audit's slip rule, verdicts.classify: a truncation of >= 3 digits): an error
    assert got == {3: "error", 4: "ok", 5: "error", 6: "ok", 7: "slip", 8: "error", 9: "ok"}
    assert key["3"]["accept"] == ["wrong"]


def test_key_calls_a_result_rounded_twice_a_slip(tmp_path, monkeypatch):
    """0.2594451 printed 0.260 (by way of 0.259445, 0.25945, 0.2595): one digit off by rounding in
    steps, a slip (0.55 of a unit: clear of the key's borderline zone around half a unit); 0.3001
    printed 0.301 cannot come from rounding at all: an error.  The key's rule, and the audit's."""
    from bpnn.articles import audit as A

    mod = _make_keys()
    C, F = mod.C, mod.F
    text = ("$r = 0.2594451 \\approx 0.260$\n"
            "$w = 0.3 + 0.0001 = 0.301$\n")
    _, key = _key_for(tmp_path, monkeypatch, text, C("0.2594451", F(lambda x: x, "0.2594451"), "0.260"),
                      C("0.0001", F(lambda a, b: a + b, "0.3", "0.0001"), "0.301"), data={"0.3", "0.0001", "0.2594451"})
    assert {int(n): v["verdict"] for n, v in key.items()} == {3: "slip", 4: "error"}
    assert [r.verdict for r in A.audit_text(text).lines] == ["slip", "wrong"]


def test_a_printed_result_is_rounded_where_it_is_substituted(tmp_path, monkeypatch):
    """0.593 printed as a result stands for 0.5925..0.5935 later; the same number given as data is exact."""
    mod = _make_keys()
    C, F = mod.C, mod.F
    text = "$a = \\sigma(0.3775) = 0.593$\n$b = 2 \\times 0.593 = 1.187$\n"
    sig = mod.sig
    _, key = _key_for(tmp_path, monkeypatch, text, C("$a =", F(sig, "0.3775"), "0.593"),
                      C("$b =", F(lambda x: 2 * x, "0.593"), "1.187"), data={"2", "0.3775"})
    assert key["4"]["verdict"] == "ok"                       # 1.186 + up to 2 x 0.0005: 1.187 fits
    _, key = _key_for(tmp_path, monkeypatch, "$b = 2 \\times 0.593 = 1.187$\n",
                      C("$b =", F(lambda x: 2 * x, "0.593"), "1.187"), data={"2", "0.593"})
    # 0.593 as data: 1.186, and 1.187 is rounded up, not truncated: an error (the slip rule)
    assert key["3"]["verdict"] == "error" and key["3"]["accept"] == ["wrong"]
    _, key = _key_for(tmp_path, monkeypatch, "$b = 2 \\times 0.593 = 1.188$\n",
                      C("$b =", F(lambda x: 2 * x, "0.593"), "1.188"), data={"2", "0.593"})
    assert key["3"]["verdict"] == "error"


def _fake_audit(monkeypatch, verdicts: dict[int, str]):
    from bpnn.articles import audit
    from bpnn.articles.audit.verdicts import FileResult, LineResult

    def fake(path, *a, **k):
        return FileResult(str(path), [LineResult(n, v, "") for n, v in sorted(verdicts.items())])
    monkeypatch.setattr(audit, "audit_file", fake)


def test_scoring_counts_each_kind_of_miss(monkeypatch):
    """The score, on a made-up audit of one article: a slip called slip is right, an error called
    slip is missed, a slip called wrong is a false alarm, an unchecked line is unchecked."""
    key = {"10": {"verdict": "error", "accept": ["wrong"]}, "11": {"verdict": "slip", "accept": ["slip"]},
           "12": {"verdict": "slip", "accept": ["slip"]}, "13": {"verdict": "ok", "accept": ["ok"]},
           "14": {"verdict": "error", "accept": ["wrong"]}, "15": {"verdict": "slip", "accept": ["slip"]},
           "16": {"verdict": "ok", "accept": ["ok"]}, "17": {"verdict": "skip", "expect": "unchecked", "why": ""}}
    _fake_audit(monkeypatch, {10: "slip", 11: "slip", 12: "wrong", 13: "ok", 14: "inconsistent", 15: "ok",
                              16: "unchecked", 17: "unchecked", 20: "wrong"})
    sc = score(ARTICLES[0], key=key)
    assert (sc.errors, sc.found, sc.slips, sc.slips_found) == (2, 1, 3, 1)
    assert sc.missed == [10] and sc.false_alarms == [12, 20] and sc.missed_slips == [15]
    assert sc.unchecked == [16] and sc.checkable == 7
    assert sc.exit_code == 1 and sc.exit_expected == 1 and sc.exit_right


def test_exit_code_is_wrong_when_only_a_slip_is_flagged_wrong(monkeypatch):
    key = {"5": {"verdict": "slip", "accept": ["slip"]}, "6": {"verdict": "ok", "accept": ["ok"]}}
    _fake_audit(monkeypatch, {5: "wrong", 6: "ok"})
    sc = score(ARTICLES[0], key=key)
    assert sc.exit_code == 1 and sc.exit_expected == 0 and not sc.exit_right and sc.false_alarms == [5]


@pytest.fixture(scope="module")
def scores():
    got = score_all()
    print("\ncorpus, per article: errors found/in key, false alarms, unchecked/checkable, slips found/in key, exit")
    for s in got:
        print(f"  {s.article.file:36s} {s.found:2d}/{s.errors:<2d} FA {len(s.false_alarms):2d}  "
              f"unchecked {len(s.unchecked):2d}/{s.checkable:<3d} slips {s.slips_found}/{s.slips}  "
              f"exit {s.exit_code} (key {s.exit_expected}){'' if s.exit_right else '  WRONG'}")
    print("  totals:", totals(got))
    return got


@pytest.mark.xfail(not AUDIT_TARGETS_MET, strict=True, reason="issue 19: the audit is being rewritten")
def test_the_audit_meets_the_targets_over_the_corpus(scores):
    t = totals(scores)
    assert t["found"] == t["errors"], [(s.article.file, s.missed) for s in scores if s.missed]
    assert t["false_alarms"] == 0, [(s.article.file, s.false_alarms) for s in scores if s.false_alarms]
    assert t["unchecked_share"] <= 0.05, t
    assert t["exit_wrong"] == []
    assert t["missed_slips"] == 0 and t["slips_found"] == t["slips"]


@pytest.mark.parametrize("article", [pytest.param(a, id=a.file, marks=pytest.mark.xfail(
    reason="issue 19: not yet right with the current audit", strict=True) if a.file in KNOWN_SHORT else ())
    for a in ARTICLES])
def test_audit_matches_the_key(article):
    sc = score(article)
    assert sc.missed == [], f"real errors not flagged on lines {sc.missed}"
    assert sc.false_alarms == [], f"false alarms on lines {sc.false_alarms}"
    assert sc.missed_slips == [], f"slips called ok on lines {sc.missed_slips}"
    assert sc.exit_right, f"exit code {sc.exit_code}, key says {sc.exit_expected}"


def test_a_planted_slip_in_a_real_article_is_caught(tmp_path):
    """The comparison can fail: change one digit of a correct line and the audit must say wrong."""
    from bpnn.articles.audit import audit_file

    src = (CORPUS_DIR / "zh-charlotte77-cnblogs.md").read_text(encoding="utf-8")
    assert "=0.138498562 * 0.40=0.055399425" in src
    (tmp_path / "a.md").write_text(src.replace("=0.138498562 * 0.40=0.055399425", "=0.138498562 * 0.40=0.055399525"),
                                   encoding="utf-8")
    line = next(i + 1 for i, t in enumerate(src.splitlines()) if "=0.138498562 * 0.40=0.055399425" in t)
    assert audit_file(tmp_path / "a.md").line(line).verdict == "wrong"
