"""bpnn check's verdict cache (bpnn.articles.checkcache): a hit prints what a fresh run prints,
any change to the package, the articles or the libraries is a miss, and a bad cache is never an error.

The suite runs with the cache off (conftest.py); each test here turns it on in its own
temporary directory.  The claims are cut to two cheap chapters so that a "fresh" run
takes milliseconds; the full set is compared in benchmarks/run.py's check timing.
"""
import json
import shutil

import pytest

import bpnn.articles.claims as claims_pkg
from bpnn.articles import checkcache
from bpnn.articles.claims.registry import Claim
from bpnn.articles.sources import ARTICLES, seeds_dir
from bpnn.cli import main

pytestmark = pytest.mark.skipif(seeds_dir() is None, reason="the articles (../shared/seeds) are not beside this checkout")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.delenv("BPNN_NO_CACHE", raising=False)
    monkeypatch.setenv("BPNN_CACHE_DIR", str(tmp_path / "cache"))
    few = [c for c in claims_pkg.all_claims() if c.chapter in ("facts", "sigmoid")]
    assert {c.chapter for c in few} == {"facts", "sigmoid"}
    monkeypatch.setattr(claims_pkg, "all_claims", lambda: few)
    return tmp_path / "cache"


def _run(capsys, *argv):
    rc = main(["check", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def _no_evaluation(monkeypatch):
    def refuse(self):
        raise AssertionError(f"{self.id} was computed, not read from the cache")
    monkeypatch.setattr(Claim, "evaluate", refuse)


@pytest.mark.parametrize("argv", [["--json"], [], ["--json", "--lang", "zh"], ["--lang", "zh"]])
def test_a_second_run_prints_what_the_first_computed(cache, capsys, monkeypatch, argv):
    rc1, out1, err1 = _run(capsys, *argv)
    assert rc1 == 0 and "cache" not in err1
    assert len(list(cache.glob("check-*.json"))) == 1
    _no_evaluation(monkeypatch)
    rc2, out2, err2 = _run(capsys, *argv)
    assert (rc2, out2) == (rc1, out1)
    assert "from the cache" in err2 and "--fresh" in err2
    with pytest.raises(AssertionError, match="was computed"):
        _run(capsys, "--fresh", *argv)


def test_a_chapter_from_the_cache_is_the_chapter_computed(cache, capsys, monkeypatch):
    _run(capsys, "--json")
    _, cached, _ = _run(capsys, "--json", "--chapter", "sigmoid", "--article", "002")
    _, fresh, _ = _run(capsys, "--json", "--chapter", "sigmoid", "--article", "002", "--fresh")
    assert cached == fresh
    assert json.loads(cached)["count"] == sum(c.chapter == "sigmoid" for c in claims_pkg.all_claims())
    _no_evaluation(monkeypatch)
    assert _run(capsys, "--chapter", "nope")[0] == 2       # unknown chapter: still an error from the cache


def test_a_selection_is_computed_and_not_stored(cache, capsys):
    assert _run(capsys, "--chapter", "facts")[0] == 0
    assert not list(cache.glob("check-*.json"))


def test_any_change_to_an_article_or_to_a_package_file_is_a_new_key(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    monkeypatch.setenv("BPNN_SEEDS", str(seeds))
    before = checkcache.key()
    assert checkcache.key() == before                       # the same bytes: the same key
    art = seeds / ARTICLES["003"]
    art.write_bytes(art.read_bytes() + b" ")
    after_article = checkcache.key()
    assert after_article != before
    extra = tmp_path / "extra.py"
    extra.write_text("x = 1\n")
    files = checkcache._package_files()
    monkeypatch.setattr(checkcache, "_package_files", lambda: [*files, ("extra.py", extra)])
    with_file = checkcache.key()
    extra.write_text("x = 2\n")
    assert len({after_article, with_file, checkcache.key()}) == 3
    monkeypatch.setenv("BPNN_SEEDS", str(tmp_path / "nowhere"))
    assert checkcache.key() != with_file                    # articles absent: another key again


def test_a_new_key_computes_and_replaces_the_old_file(cache, capsys, monkeypatch):
    _run(capsys)
    old = list(cache.glob("check-*.json"))
    monkeypatch.setattr(checkcache, "key", lambda: "f" * 64)
    _run(capsys)
    new = list(cache.glob("check-*.json"))
    assert len(old) == len(new) == 1 and old != new and new[0].name.startswith("check-" + "f" * 40)


@pytest.mark.parametrize("damage", [
    "not json", '{"key": "other", "lang": "en", "rows": []}', '{"rows": 3}', "",
    "KEY [{}]", 'KEY [{"id": 1}]', "KEY 7", "DROP matches_review", "DROP _article", "TYPE matches_review",
])
def test_a_damaged_cache_file_is_computed_again(cache, capsys, damage):
    rc, fresh, _ = _run(capsys, "--json")
    (path,) = cache.glob("check-*.json")
    stored = json.loads(path.read_text())
    word, _, rest = damage.partition(" ")
    if word == "KEY":          # the right key, rows that are not rows
        damage = json.dumps(dict(stored, rows=json.loads(rest)))
    elif word == "DROP":       # the right key, one field missing from one row
        del stored["rows"][1][rest]
        damage = json.dumps(stored)
    elif word == "TYPE":
        stored["rows"][0][rest] = "yes"
        damage = json.dumps(stored)
    path.write_text(damage)
    rc2, out, err = _run(capsys, "--json")
    assert (rc2, out) == (rc, fresh) and "cache" not in err
    assert json.loads(path.read_text())["rows"]                 # stored again


def test_an_unwritable_cache_is_a_note_not_an_error(tmp_path, capsys, monkeypatch, cache):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("BPNN_CACHE_DIR", str(blocker / "cache"))   # a directory below a file
    rc, out, err = _run(capsys, "--json")
    assert rc == 0 and json.loads(out)["count"] > 0
    assert err.count("\n") == 1 and "not stored" in err and str(blocker) in err


def test_bpnn_no_cache_stores_nothing(cache, capsys, monkeypatch):
    monkeypatch.setenv("BPNN_NO_CACHE", "1")
    _run(capsys)
    assert not cache.exists()
