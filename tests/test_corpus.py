"""`bpnn audit` on real published worked examples, against answer keys recomputed with mpmath.

The articles (excerpts with their sources) and the keys are in tests/data/corpus/; the keys are
written by tests/data/corpus/make_keys.py, which recomputes every numeric line by hand-written
mpmath arithmetic, independently of bpnn.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from bpnn.articles.corpus import CORPUS_DIR, articles, score

ARTICLES = articles()


def _make_keys():
    spec = importlib.util.spec_from_file_location("make_keys", CORPUS_DIR / "make_keys.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_corpus_is_real_and_varied():
    assert len(ARTICLES) >= 12
    langs = [a.language for a in ARTICLES]
    assert langs.count("zh") >= 5 and langs.count("en") >= 5
    for a in ARTICLES:
        assert a.source and a.title and a.author and a.notation, a.file


def test_stored_keys_are_what_the_script_computes():
    mod = _make_keys()
    fresh = {k.name: k.build() for k in mod.KEYS}
    stored = json.loads((CORPUS_DIR / "keys.json").read_text(encoding="utf-8"))
    assert fresh == stored, "tests/data/corpus/keys.json is stale: run python tests/data/corpus/make_keys.py"
    assert set(stored) == {a.file for a in ARTICLES}, "every article has a key and every key an article"


def test_the_keys_hold_real_errors():
    stored = json.loads((CORPUS_DIR / "keys.json").read_text(encoding="utf-8"))
    errors = sum(v["verdict"] in ("error", "inconsistent") for lines in stored.values() for v in lines.values())
    with_errors = sum(any(v["verdict"] in ("error", "inconsistent") for v in lines.values()) for lines in stored.values())
    assert errors >= 20 and with_errors >= 8


@pytest.mark.parametrize("article", ARTICLES, ids=[a.file for a in ARTICLES])
def test_audit_matches_the_key(article):
    sc = score(article)
    assert sc.missed == [], f"real errors not flagged on lines {sc.missed}"
    assert sc.false_alarms == [], f"false alarms on lines {sc.false_alarms}"
    assert sc.silent == [], f"checkable lines left unchecked (or skips reported wrongly) on lines {sc.silent}"
    assert sc.unkeyed == [], f"verdicts the key does not cover on lines {sc.unkeyed}"
    assert sc.recall == 1.0


def test_a_planted_slip_in_a_real_article_is_caught(tmp_path):
    """The comparison can fail: change one digit of a correct line and the audit must say wrong."""
    from bpnn.articles.audit import audit_file

    src = (CORPUS_DIR / "zh-charlotte77-cnblogs.md").read_text(encoding="utf-8")
    assert "=0.138498562 * 0.40=0.055399425" in src
    (tmp_path / "a.md").write_text(src.replace("=0.138498562 * 0.40=0.055399425", "=0.138498562 * 0.40=0.055399525"),
                                   encoding="utf-8")
    line = next(i + 1 for i, t in enumerate(src.splitlines()) if "=0.138498562 * 0.40=0.055399425" in t)
    assert audit_file(tmp_path / "a.md").line(line).verdict == "wrong"
