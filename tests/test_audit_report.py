"""``bpnn audit`` as its users meet it: files never overwritten, the report fitting the terminal in
the reader's language, silence made visible (unchecked lines by reason, ``--strict``), and the
pre-commit hook other people's repositories use."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bpnn.articles import audit as A
from bpnn.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "audit"
CORPUS = ROOT / "tests" / "data" / "corpus"

ARTICLE = ("# Example\n\n$w = 0.5$ and $x = 4$.\n\n$$ z = w x = 0.5 \\times 4 = 2 $$\n\n"
           "$$ y = q \\cdot 3 = 6 $$\n\n$$ 2 + 2 = 4 $$\n")
WRONG = ARTICLE + "\n$$ 3 \\times 3 = 10 $$\n"


def _columns(text: str) -> int:
    """Terminal columns, computed here independently of bpnn.articles.i18n."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.fixture()
def article(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


# ------------------------------------------------------------------ never overwrite an input

def _spellings(p: Path, tmp_path: Path) -> list[str]:
    link = tmp_path / "link.md"
    link.symlink_to(p)
    hard = tmp_path / "hard.md"
    os.link(p, hard)
    return [str(p), str(p.parent / "." / p.name), str(link), str(hard)]


def test_extract_onto_an_input_is_refused_whatever_the_spelling(article, tmp_path, capsys, monkeypatch):
    before = article.read_bytes()
    monkeypatch.chdir(tmp_path)
    for out in _spellings(article, tmp_path) + ["a.md"]:
        assert main(["audit", "--extract", str(article), "-o", out]) == 2, out
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "one of the input files" in err[0]
        assert article.read_bytes() == before


def test_html_onto_an_input_is_refused(article, capsys):
    before = article.read_bytes()
    assert main(["audit", str(article), "--html", str(article)]) == 2
    assert "one of the input files" in capsys.readouterr().err
    assert article.read_bytes() == before


def test_output_without_extract_is_refused(article, tmp_path, capsys):
    assert main(["audit", str(article), "-o", str(tmp_path / "x.json")]) == 2
    assert "-o/--output goes with --extract only" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_extract_replaces_its_output_whole(article, tmp_path):
    out = tmp_path / "math.json"
    out.write_text("old" * 10000, encoding="utf-8")
    out.chmod(0o640)
    assert main(["audit", "--extract", str(article), "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o640                                      # its mode kept
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"]["a.md"]["math"][0][2] == "w = 0.5"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "math.json"]     # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(article, tmp_path, monkeypatch, capsys):
    out = tmp_path / "math.json"
    out.write_text("the user's own file", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert main(["audit", "--extract", str(article), "-o", str(out)]) == 2
    assert "cannot write: No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the user's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "math.json"]


@pytest.mark.parametrize("where", ["no/such/folder/out.json", "."])
def test_unwritable_outputs_are_one_line(article, tmp_path, capsys, monkeypatch, where):
    monkeypatch.chdir(tmp_path)
    assert main(["audit", "--extract", str(article), "-o", where]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("bpnn audit: error: ")


# ------------------------------------------------------------------ the terminal's width, the reader's language

@pytest.mark.parametrize("columns", [60, 72, 80, 100])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_report_fits_the_terminal(columns, lang, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", str(columns))
    files = [str(CORPUS / "zh-charlotte77-cnblogs.md"), str(DATA / "planted.md")]
    main(["audit", "--lang", lang, *files])
    out = capsys.readouterr().out
    widths = [_columns(line) for line in out.splitlines()]
    assert max(widths) <= columns, [ln for ln in out.splitlines() if _columns(ln) > columns][:3]
    assert max(widths) >= columns - 12          # and uses the room it has


def test_not_a_terminal_means_80_columns(monkeypatch, capsys):
    monkeypatch.delenv("COLUMNS", raising=False)
    main(["audit", str(CORPUS / "zh-charlotte77-cnblogs.md")])
    widths = [_columns(line) for line in capsys.readouterr().out.splitlines()]
    assert 70 < max(widths) <= 80


def test_chinese_report(monkeypatch, capsys, tmp_path):
    p = tmp_path / "w.md"
    p.write_text(WRONG, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["audit", "--lang", "zh", str(p)]) == 1
    out = capsys.readouterr().out
    assert "结论" in out and "有误" in out and "无误" in out and "行数学式" in out
    assert " wrong " not in out and "math lines" not in out


# ------------------------------------------------------------------ silence made visible

def test_summary_counts_unchecked_lines_by_reason(article, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["audit", "--json", str(article)]) == 0
    data = json.loads(capsys.readouterr().out)
    lines = data["files"][0]["lines"]
    unchecked = [r for r in lines if r["verdict"] == "unchecked" and r["has_numbers"]]
    assert unchecked, "the example has a line with numbers it cannot check (q has no value)"
    assert sum(data["not_checked_by_reason"]["unchecked"].values()) == len(unchecked)
    main(["audit", str(article)])
    out = " ".join(capsys.readouterr().out.split())
    assert f"{len(unchecked)} with numbers unchecked:" in out


def test_strict_fails_on_lines_left_unchecked(article, tmp_path):
    assert main(["audit", str(article)]) == 0
    assert main(["audit", "--strict", str(article)]) == 1
    clean = tmp_path / "clean.md"
    clean.write_text("$$ 2 + 2 = 4 $$\n\n$$ 0.5 \\times 4 = 2 $$\n\nNo numbers here: $a = b$.\n", encoding="utf-8")
    assert main(["audit", "--strict", str(clean)]) == 0
    unparsed = tmp_path / "unparsed.md"
    unparsed.write_text("$$ 2 + 2 = 4 $$\n\n$$ 1.5.2 = 3 $$\n", encoding="utf-8")
    assert main(["audit", str(unparsed)]) == 0
    assert main(["audit", "--strict", str(unparsed)]) == 1


def test_strict_failures_counts_every_verdict_it_names():
    fr = A.audit_text(WRONG + "\n$$ 1.5.2 = 3 $$\n")
    from bpnn.articles.audit.report import strict_failures

    expected = sum(1 for r in fr.lines if (r.verdict == "unchecked" and r.has_numbers)
                   or r.verdict in ("unparsed", "slip"))
    assert strict_failures([fr]) == expected >= 2


# ------------------------------------------------------------------ pre-commit

SLOW = os.environ.get("BPNN_SLOW", "") not in ("", "0")


def test_pre_commit_hook_definition():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "bpnn-audit"]
    assert hook["entry"].split()[:3] == ["bpnn", "audit", "--strict"]
    assert hook["language"] == "python" and "markdown" in hook["types"]


@pytest.mark.skipif(not SLOW, reason="builds a hook environment (about a minute): set BPNN_SLOW=1")
@pytest.mark.skipif(shutil.which("git") is None, reason="no git")
def test_pre_commit_try_repo_on_a_sample_post(tmp_path):
    pre_commit = [sys.executable, "-m", "pre_commit"]
    blog = tmp_path / "blog"
    blog.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "init", "-q"], cwd=blog, check=True, env=env)
    (blog / "good.md").write_text("# Post\n\n$$ 0.5 \\times 4 = 2 $$\n", encoding="utf-8")
    subprocess.run(["git", "add", "good.md"], cwd=blog, check=True, env=env)
    ok = subprocess.run(pre_commit + ["try-repo", str(ROOT), "bpnn-audit", "--all-files"], cwd=blog,
                        capture_output=True, text=True, env=env, timeout=600)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (blog / "bad.md").write_text("# Post\n\n$$ 0.5 \\times 4 = 3 $$\n", encoding="utf-8")
    subprocess.run(["git", "add", "bad.md"], cwd=blog, check=True, env=env)
    bad = subprocess.run(pre_commit + ["try-repo", str(ROOT), "bpnn-audit", "--all-files"], cwd=blog,
                         capture_output=True, text=True, env=env, timeout=600)
    assert bad.returncode == 1 and "bad.md" in bad.stdout, bad.stdout + bad.stderr


def test_every_reason_the_verdicts_give_has_a_label_in_both_languages():
    """A reason key without a label would print as its key ("unknown precision") in English and, worse,
    in English on the Chinese pages."""
    from bpnn.articles.audit import report, verdicts

    for key in set(verdicts.REASONS) | {"unparsed"}:
        assert key in report.REASONS, key
        en, zh = report.REASONS[key]
        assert report.reason_label(key, "en") == en and en.strip()
        assert report.reason_label(key, "zh") == zh
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), (key, zh)


def test_wrap_gives_a_text_that_fits_as_it_is():
    """The short way of ``wrap`` for a text that fits (ASCII, single spaces) gives what its loop gives
    (a trailing blank sends the same text through the loop)."""
    import random
    import string

    from bpnn.articles.audit.report import _clip, wrap

    rng = random.Random(7)
    for _ in range(3000):
        t = " ".join("".join(rng.choice(string.ascii_letters + ".,;=0123456789")
                             for _ in range(rng.randint(1, 9))) for _ in range(rng.randint(0, 8)))
        w = rng.randint(1, 70)
        assert wrap(t, w) == wrap(t + " ", w), (t, w)
        assert all(len(line) <= w for line in wrap(t, w))
        assert _clip(t, w) == (t if len(t) <= w else _clip(t + "\u00e9", w))
