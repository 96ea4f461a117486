"""bpnn check's verdict cache (bpnn.articles.checkcache): a hit prints what a fresh run prints,
any change to the package, the articles or the libraries is a miss, and a bad cache is never an error.

The suite runs with the cache off (conftest.py); each test here turns it on in its own
temporary directory.  The claims are cut to two cheap chapters so that a "fresh" run
takes milliseconds; the full set is compared in benchmarks/run.py's check timing.
"""
import json
import os
import shutil
import stat

import pytest

import bpnn.articles.claims as claims_pkg
from bpnn.articles import checkcache
from bpnn.articles.claims.registry import Claim
from bpnn.articles.sources import ARTICLES, seeds_dir
from bpnn.cli import main

pytestmark = pytest.mark.skipif(seeds_dir() is None, reason="the articles (../shared/seeds) are not beside this checkout")


@pytest.fixture(scope="module")
def tree_key():
    """The key of this checkout, computed once for the module: it hashes every file of the package and
    reads the metadata of every installed distribution, which costs more than the cut claims."""
    return checkcache.key()


@pytest.fixture
def uncut_key_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("BPNN_NO_CACHE", raising=False)
    monkeypatch.setenv("BPNN_CACHE_DIR", str(tmp_path / "cache"))
    few = [c for c in claims_pkg.all_claims() if c.chapter in ("facts", "sigmoid")]
    assert {c.chapter for c in few} == {"facts", "sigmoid"}
    monkeypatch.setattr(claims_pkg, "all_claims", lambda: few)
    return tmp_path / "cache"


@pytest.fixture
def cache(uncut_key_cache, monkeypatch, tree_key):
    """The cache on, in a folder of the test's own; the key is this checkout's, computed once (the tests
    of the key itself, and test_the_key_is_computed_at_each_run, compute it every time)."""
    monkeypatch.setattr(checkcache, "key", lambda: tree_key)
    return uncut_key_cache


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


def test_the_key_is_computed_at_each_run(uncut_key_cache, capsys, monkeypatch, tree_key):
    """Without the module's shortcut: the file is named by the key of the tree, and a change that makes
    another key (here, of the articles) is a miss."""
    _run(capsys, "--json")
    assert [p.name for p in uncut_key_cache.iterdir()] == [f"check-{tree_key[:40]}-en.json"]
    _, _, err = _run(capsys, "--json")
    assert "from the cache" in err
    monkeypatch.setenv("BPNN_SEEDS", str(uncut_key_cache / "nowhere"))
    _, _, err = _run(capsys, "--json")
    assert "from the cache" not in err


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
    "MARK not json", 'MARK {"key": "other", "lang": "en", "rows": []}', 'MARK {"rows": 3}', "MARK ",
    "KEY [{}]", 'KEY [{"id": 1}]', "KEY 7", "DROP matches_review", "DROP _article", "TYPE matches_review",
])
def test_a_damaged_cache_file_is_computed_again(cache, capsys, damage):
    rc, fresh, _ = _run(capsys, "--json")
    (path,) = cache.glob("check-*.json")
    stored = json.loads(path.read_text())
    word, _, rest = damage.partition(" ")
    if word == "MARK":         # the cache's marker, then anything
        damage = checkcache.MARKER + rest
    elif word == "KEY":        # the right key, rows that are not rows
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


# ----------------------------------------------------------------------------- the cache touches only its own files
def _cache_file(cache, lang="en"):
    return cache / f"check-{checkcache.key()[:40]}-{lang}.json"


def test_the_users_files_beside_the_cache_are_never_removed(cache, capsys, monkeypatch):
    """Issue 20: a cache folder shared with the user's own check-*.json lost them at the next key."""
    cache.mkdir(parents=True)
    mine = {"check-list.json": b'{"todo": 1}', "check-notes.json": b"", "check-" + "a" * 40 + "-en.json": b"[1, 2]",
            "check-" + "b" * 40 + "-zh.json": b'{"key": "' + b"b" * 64 + b'"}',
            ".check-x.json.tmp": b"mine too"}
    for name, data in mine.items():
        (cache / name).write_bytes(data)
    _run(capsys)                                        # stores this key's file
    monkeypatch.setattr(checkcache, "key", lambda: "f" * 64)
    _run(capsys)                                        # a new key: the old cache file goes
    left = {p.name for p in cache.iterdir()}
    assert set(mine) - {"check-" + "b" * 40 + "-zh.json"} <= left
    for name, data in mine.items():
        if name in left:
            assert (cache / name).read_bytes() == data
    assert sum(n.startswith("check-" + "f" * 40) for n in left) == 1


def test_an_older_cache_file_of_another_key_is_removed(cache, capsys):
    cache.mkdir(parents=True)
    old = cache / ("check-" + "c" * 40 + "-en.json")
    old.write_text(json.dumps({"key": "c" * 64, "lang": "en", "computed": "2026-01-01 00:00 UTC", "rows": []}))
    _run(capsys)
    assert not old.exists()


def test_a_file_without_the_marker_at_the_caches_place_is_left_alone(cache, capsys):
    path = _cache_file(cache)
    cache.mkdir(parents=True)
    path.write_text("my own notes")
    rc, out, err = _run(capsys, "--json")
    assert rc == 0 and json.loads(out)["count"] > 0
    assert path.read_text() == "my own notes"
    assert err.count("\n") == 1 and "not used" in err and "marker" in err


def _fifo(path):
    os.mkfifo(path)


def _dir(path):
    path.mkdir()


def _link_zero(path):
    path.symlink_to("/dev/zero")


def _link_file(path):
    target = path.parent / "elsewhere.json"
    target.write_text("the user's file")
    path.symlink_to(target)


@pytest.mark.parametrize("make,word", [(_fifo, "named pipe"), (_dir, "directory"), (_link_zero, "symbolic link"),
                                       (_link_file, "symbolic link")], ids=["fifo", "directory", "dev-zero", "link"])
def test_something_that_is_not_a_file_at_the_caches_place_means_no_cache(cache, capsys, make, word):
    """A FIFO must not block, /dev/zero must not be read (the issue's 2.9 GB), a directory or a link is not replaced."""
    cache.mkdir(parents=True)
    path = _cache_file(cache)
    make(path)
    rc, out, err = _run(capsys, "--json")
    assert rc == 0 and json.loads(out)["count"] > 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "not used" in lines[0] and word in lines[0], err
    assert path.is_symlink() or path.is_dir() or stat.S_ISFIFO(os.lstat(path).st_mode)
    if make is _link_file:
        assert (cache / "elsewhere.json").read_text() == "the user's file"


def test_a_cache_file_is_written_whole_and_begins_with_the_marker(cache, capsys):
    _run(capsys)
    path = _cache_file(cache)
    assert path.read_text(encoding="utf-8").startswith(checkcache.MARKER)
    assert [p.name for p in cache.iterdir()] == [path.name]       # no temporary file left behind


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
