"""`bpnn audit`: verdicts on planted errors, the articles' stored math, exit codes, drift."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bpnn.articles import ARTICLES, seeds_dir
from bpnn.articles import audit as A
from bpnn.articles.latexnum import LatexError, compile_side
from bpnn.articles.latexsym import evaluate
from bpnn.cli import main
from bpnn.errors import BpnnError

DATA = Path(__file__).parent / "data" / "audit"


def sigma(z):
    return 1.0 / (1.0 + math.exp(-z))


def printed_close(text: str, value: float) -> bool:
    """``text`` is ``value`` printed to its own number of decimals (the report rounds to the stated digits)."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(float(text) - value) <= 0.5 * 10 ** -decimals * (1 + 1e-9) + 1e-15


# line -> (a snippet of that line, verdict, computed value or unresolved names or None)
# The computed values are worked out here with plain floats, independently of the parser.
PLANTED = {
    5: (r"z_1 = 0.1 \cdot 1 + 0.1 = 0.2", "ok", None),
    8: (r"\approx 0.550", "ok", None),                              # uses z_1 from line 5
    11: (r"\approx 0.865", "wrong", sigma(0.2)),
    13: (r"\approx -0.006", "ok", None),                            # \cdot -0.049
    15: (r"\approx -0.003", "wrong", 0.865 * (1 - 0.865) * -0.049),
    17: (r"= 0.103", "wrong", 0.1 - 0.1 * -0.003),                  # and a right one on the same line
    19: (r"0.9(1 - 0.9) = 0.9", "wrong", 0.9 * (1 - 0.9)),         # implicit multiplication
    21: (r"2 \times 10^{-2} = 0.02", "ok", None),
    23: (r"3 \times 0.5 = 1.6", "wrong", 1.5),
    25: (r".5 + .25 = 0.75", "ok", None),
    27: (r"1e-4 \cdot 100 = 0.01", "ok", None),
    29: (r"= 1.333", "ok", None),                                   # nested \frac
    31: (r"= 0.75", "wrong", (1 / 2) / (3 / 4)),
    33: (r"\sigma = \frac{1}{1 + e^{-z}}", "unchecked", ["z"]),     # sigma is what it defines
    35: (r"z = 0.5 - 0.5 = 0", "ok", None),
    37: (r"e^{-z}} = 0.5", "ok", None),                            # e^{-z} with z from line 35
    39: (r"e^{-z}} = 0.6", "wrong", sigma(0.0)),
    41: (r"\sum", "ok", None),                                    # a \sum with whole-number bounds
    43: (r"[1, 2]", "unchecked", None),                          # a vector given as data (tensor.py)
    45: (r"1000 \cdot 0.333 = 333.3", "ok", None),                 # 0.333 was printed rounded
    47: (r"1000 \cdot 0.125 = 125.3", "wrong", 125.0),             # 0.125 is data: exact
    49: (r"0.5 < 1", "unchecked", None),
    51: (r"y = f(x)", "unchecked", None),
    60: (r"s &= 1 + 2 = 3", "ok", None),
    61: (r"t &= 2 \cdot 3 = 7", "wrong", 6.0),
    65: (r"\approx -0.000", "ok", None),
    69: (r"e^{-z}} = 0.5", "unchecked", ["z"]),                     # a new section forgets z
    71: (r"e^{-0.3}", "wrong", sigma(0.2)),
}


@pytest.fixture(scope="module")
def planted():
    return A.audit_file(DATA / "planted.md")


def test_planted_reports_exactly_the_math_lines(planted):
    assert [r.line for r in planted.lines] == sorted(PLANTED)


@pytest.mark.parametrize("line", sorted(PLANTED))
def test_planted_verdict(planted, line):
    snippet, verdict, extra = PLANTED[line]
    text = (DATA / "planted.md").read_text(encoding="utf-8").splitlines()[line - 1]
    assert snippet in text, "the table above is out of step with planted.md"
    r = planted.line(line)
    assert r.verdict == verdict, r.detail
    if verdict == "wrong" and extra is not None:
        assert printed_close(r.computed, extra), (r.computed, extra)
    if verdict == "unchecked" and extra is not None:
        assert r.unresolved == extra


def test_planted_says_which_remembered_values_it_used(planted):
    assert planted.line(8).uses == ["z_1 = 0.2 (line 5)"]
    assert planted.line(37).uses == ["z = 0 (line 35)"]
    assert planted.line(69).uses == []


def test_planted_wrong_line_names_stated_and_computed(planted):
    r = planted.line(11)
    assert r.stated == "0.865" and r.computed == "0.550"      # as many decimals as the stated value
    assert "0.865" in r.detail and "0.550" in r.detail


def test_code_blocks_and_prices_are_not_math(planted):
    text = (DATA / "planted.md").read_text(encoding="utf-8").splitlines()
    code = [i + 1 for i, t in enumerate(text) if "echo" in t or "$((" in t]
    assert code and not set(code) & {r.line for r in planted.lines}
    assert planted.line(3) is None   # "$5 和 $10"


def test_summary_counts(planted):
    s = planted.summary
    verdicts = [v for _, v, _ in PLANTED.values()]
    assert s["math_lines"] == len(PLANTED)
    for v in A.VERDICTS:
        assert s[v] == verdicts.count(v)
    assert s["checked"] == s["ok"] + s["wrong"]


# ------------------------------------------------------------------ exit codes and formats

def test_exit_0_when_all_right(capsys):
    assert main(["audit", str(DATA / "correct.md")]) == 0
    out = capsys.readouterr().out
    # the summary is wrapped to the terminal's width: compared with its words joined by single spaces
    assert "3 checked: 3 ok, 0 slip, 0 wrong" in " ".join(out.split())


def test_exit_1_when_something_is_wrong(capsys):
    assert main(["audit", str(DATA / "planted.md")]) == 1
    out = capsys.readouterr().out
    assert "0.550" in out


@pytest.mark.parametrize("name, message", [
    ("missing.md", "no such file"),
    ("empty.md", "article is empty"),
    ("blank.md", "article is empty"),
    ("binary.md", "binary"),
    ("latin1.md", "not valid UTF-8"),
    ("unclosed.md", "never closed"),
])
def test_exit_2_for_unusable_input(capsys, name, message):
    assert main(["audit", str(DATA / name)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bpnn audit: error: ") and message in lines[0]
    assert name in lines[0]
    assert captured.out == ""


def test_exit_2_without_files(capsys):
    assert main(["audit"]) == 2
    assert "no files given" in capsys.readouterr().err


def test_json_output(capsys):
    assert main(["audit", "--json", str(DATA / "planted.md")]) == 1
    data = json.loads(capsys.readouterr().out)
    lines = {r["line"]: r for r in data["files"][0]["lines"]}
    assert {n: r["verdict"] for n, r in lines.items()} == {n: v for n, (_, v, _) in PLANTED.items()}
    assert data["summary"]["wrong"] == sum(v == "wrong" for _, v, _ in PLANTED.values())
    bad = [c for c in lines[11]["checks"] if not c["ok"]]
    assert bad and bad[0]["right"] == "0.865"


def test_markdown_output(capsys):
    assert main(["audit", "--markdown", str(DATA / "correct.md")]) == 0
    out = capsys.readouterr().out
    assert "| line | verdict |" in out and "| 5 | ok |" in out


# ------------------------------------------------------------------ parser details

def test_subscripts_are_part_of_names():
    side = compile_side(r"w_{11} \cdot x_1 + 0.5")
    assert [lit.text for lit in side.literals] == ["0.5"]
    assert side.names == {"w_11", "x_1"}


@pytest.mark.parametrize("tex, value", [
    (r"0.865 \cdot (1 - 0.865) \cdot -0.049", 0.865 * (1 - 0.865) * -0.049),
    (r"\frac{1}{1 + e^{-0.2}}", sigma(0.2)),
    (r"0.9(1 - 0.9)", 0.9 * 0.1),
    (r"2 \times 10^{-2}", 0.02),
    (r".5 + 1e-4", 0.5001),
    (r"\frac{1}{\frac{1}{2} + \frac{1}{4}}", 4 / 3),
    (r"\left(1 + 2\right) \cdot 3", 9.0),
    (r"\ln 2 + \sqrt{4}", math.log(2) + 2),
])
def test_compiled_sides_evaluate(tex, value):
    assert compile_side(tex).value({}, lambda n, o: None) == pytest.approx(value, rel=1e-12)
    assert evaluate(tex) == pytest.approx(value, rel=1e-12)   # the older sympy path agrees


@pytest.mark.parametrize("tex, reason", [
    (r"\sum_{i} x_i", r"\sum"),
    (r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}", "bmatrix"),
    (r"[1, 2]", "list"),
    (r"\partial L", "derivative"),
    ("1.5.2", "malformed number"),
    ("1e-", "malformed number"),
    ("1e400", "too large"),
])
def test_unsupported_forms_are_refused(tex, reason):
    with pytest.raises(LatexError, match=reason.replace("\\", "\\\\")):
        compile_side(tex)


def test_derivatives_and_hats_are_names():
    side = compile_side(r"w_{71} - \eta \cdot \frac{\partial L}{\partial w_{71}} + \hat{y}")
    assert side.names == {"w_71", "eta", r"\frac{\partial L}{\partial w_{71}}", r"\hat{y}"}


def test_chain_split_ignores_relations_in_braces():
    sides, rels = A.split_chain(r"a_{i=1} = 0.5 \approx 0.50 < 1")
    assert sides == ["a_{i=1}", "0.5", "0.50", "1"] and rels == ["=", "\\approx", "<"]


# ------------------------------------------------------------------ the five articles

A002 = ARTICLES["002"]


@pytest.fixture(scope="module")
def stored():
    return {fr.name: fr for fr in A.audit_stored()}


@pytest.mark.parametrize("line, verdict, value", [
    # 002 §4.3, first version, worked by hand with plain floats
    (144, "ok", None),
    (148, "wrong", 0.5 * 1 + 0.5 * 2 + 0.5),
    (151, "wrong", sigma(0.2)),
    (160, "wrong", 0.7 * 0.865 + 0.8 * 0.697 + 0.1),
    (164, "wrong", sigma(1.676)),         # z_7 = 1.676 remembered from line 160
    (172, "ok", None),
    (176, "wrong", 0.126 * (1 - 0.126) * (1.1 * -0.049)),
    (181, "wrong", 0.865 * (1 - 0.865) * -0.049),
    (182, "ok", None),
    (190, "ok", None),                    # 0.286·0.714·-0.007 = -0.00143 ≈ -0.001
    (193, "wrong", 0.206 * (1 - 0.206) * -0.004),   # -0.00065 is not -0.000
    (196, "ok", None),                    # -0.00044 ≈ -0.000
    (201, "wrong", 0.1 - 0.1 * -0.003),
    (213, "wrong", 0.5 - 0.1 * -0.000),
    # second version
    (535, "ok", None),
    (547, "wrong", 0.5 * 0.865 + 0.6 * 0.697 + 0.1),
    (550, "wrong", sigma(1.676)),
    (562, "wrong", 0.951 * (1 - 0.951) * (0.6 * -0.049)),
    (572, "wrong", 0.436 * (1 - 0.436) * -0.028),
    (587, "wrong", 0.2 - 0.1 * -0.028),
    (136, "unchecked", None),             # x = [1, 2]: a vector given as data (tensor.py)
])
def test_article_002_by_hand(stored, line, verdict, value):
    r = stored[A002].line(line)
    assert r.verdict == verdict, r.detail
    if value is not None:
        assert printed_close(r.computed, value), (r.computed, value)


def test_the_other_articles_have_nothing_wrong(stored):
    for name, fr in stored.items():
        if name != A002:
            assert fr.count("wrong") == 0, name
            assert fr.lines, name


def test_every_arithmetic_error_of_the_chapters_is_found(stored):
    """Every claim a chapter found to be an arithmetic error is on a line the audit flags."""
    from bpnn.articles.claims import Verdict, all_claims

    # the claims reviewed as arithmetic errors, each confirmed by its own check here (every other
    # claim's computed verdict is compared with its reviewed one in test_claims.py, so a claim
    # computed as an arithmetic error but reviewed otherwise fails there; evaluating all 239 here
    # would redo the whole registry's sympy work in a second process)
    claims = [c for c in all_claims() if c.reviewed == Verdict.ARITHMETIC]
    assert all(c.evaluate().verdict == Verdict.ARITHMETIC for c in claims)
    # the audit reads LaTeX math only: an error in prose or code is out of its reach
    on_math = [c for c in claims if c.source in stored and stored[c.source].line(c.line) is not None]
    assert on_math, "the registry has no arithmetic errors on math lines to compare with"
    missed = [f"{c.id} ({c.where}): audit says {stored[c.source].line(c.line).verdict}"
              for c in on_math if stored[c.source].line(c.line).verdict != "wrong"]
    assert not missed, "\n".join(missed)


def test_stored_math_is_current():
    """Where the articles are at hand (as in CI), re-extracting them gives the stored file."""
    d = seeds_dir()
    if d is None:
        pytest.skip("the articles (../shared/seeds) are not here")
    fresh = A.extract_files([d / name for name in sorted(ARTICLES.values())])
    how = "bpnn/articles/data/article_math.json is out of date: run " \
        "`bpnn audit --extract ../shared/seeds/*.txt -o bpnn/articles/data/article_math.json`"
    assert A.dump_extract(fresh) == A.STORED_MATH.read_text(encoding="utf-8"), how


def test_auditing_files_and_stored_math_agree(stored):
    d = seeds_dir()
    if d is None:
        pytest.skip("the articles (../shared/seeds) are not here")
    for name in ARTICLES.values():
        fr = A.audit_file(d / name)
        assert A.to_json([fr]) == A.to_json([stored[name]])


def test_stored_math_has_no_prose():
    data = json.loads(A.STORED_MATH.read_text(encoding="utf-8"))
    assert set(data["articles"]) == set(ARTICLES.values())
    for a in data["articles"].values():
        for line, kind, tex in a["math"]:
            assert kind in ("$$", "$", "\\[", "\\(", "env")
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in tex), (line, tex)


def test_stored_article_names(capsys):
    assert main(["audit", "--stored", "002", "--brief"]) == 1
    assert "002_" in capsys.readouterr().out
    assert main(["audit", "--stored", "999"]) == 2
    assert "no stored article" in capsys.readouterr().err
    with pytest.raises(BpnnError):
        A.audit_stored(["nope"])


@pytest.mark.parametrize("tex, verdict", [
    ("$1 = 1 = 2$", "wrong"),                  # two printed numbers: no slack beyond the coarser
    ("$0.5 = 0.50$", "ok"),
    ("$\\frac{1}{3} \\approx 0.33$", "ok"),
    ("$\\frac{1}{3} \\approx 0.34$", "wrong"),
    ("$\\log 100 = 2$", "wrong"),              # \\log is natural (issue 19): ln 100 = 4.6
    ("$\\log_{10} 100 = 2$", "ok"),
    ("$\\ln 100 = 2$", "wrong"),
    ("$\\frac{1}{0} = 1$", "unparsed"),
    ("$10^{1000} = 1$", "unparsed"),
    ("$(-8)^{1/3} = -2$", "unparsed"),
    ("$e \\approx 2.718$", "unchecked"),       # a lone e may name an error: not guessed
    ("$e^{1} \\approx 2.718$", "ok"),
    ("$x＝1$", "unparsed"),
    ("$0.5 < 1$", "unchecked"),
    ("$\\eta = 0.1$ 和 $0.1 \\cdot 3 = 0.3$", "ok"),
])
def test_one_line_verdicts(tex, verdict):
    fr = A.audit_text(tex + "\n")
    assert [r.verdict for r in fr.lines] == [verdict], fr.lines[0].detail


def test_definitions_are_exact_and_rounded_results_are_not():
    # eta = 0.2 is data: 1000·eta must give 200 exactly; a ≈ 0.2 is rounded (a = 0.2001): 1000·a may be 205
    # (a carried as 0.2001 rounded to 0.205 at worst, or as printed); 210 only if a had been 0.21, which
    # its calculation does not give: not decided; 300 under no reading
    fr = A.audit_text("$\\eta = 0.2$\n\n$1000 \\cdot \\eta = 210$\n\n"
                      "$a = \\frac{1}{5} + 0.0001 \\approx 0.2$\n\n$1000 \\cdot a = 205$\n\n$1000 \\cdot a = 300$\n\n"
                      "$1000 \\cdot a = 210$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "wrong", "ok", "ok", "wrong", "unchecked"]
    assert fr.line(7).uses == ["a = 0.2 (line 5)"]
    assert fr.line(11).reason == "carried-precision"


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    @settings(max_examples=60, deadline=None)
    @given(st.integers(1, 9999), st.integers(1, 9999), st.sampled_from([0.0, 0.003, -0.002, 0.0011]))
    def test_products_right_and_wrong(a, b, shift):
        """a·b printed to 4 decimals is ok; moved by more than half a unit it is wrong."""
        x, y = a / 1000, b / 1000
        stated = round(x * y, 4) + shift
        fr = A.audit_text(f"$$ {x:.3f} \\cdot {y:.3f} \\approx {stated:.4f} $$\n")
        assert fr.lines[0].verdict == ("ok" if shift == 0.0 else "wrong")


def test_a_lone_e_is_a_name_not_eulers_number():
    # issue 19: an e the article defined is that quantity where it stands alone or is squared; e^{-z}
    # is Euler's number; both readings in one side are not guessed
    fr = A.audit_text("$e = 0.951 - 1 = -0.049$\n\n$2 e = -0.098$\n\n$x = \\frac{1}{1 + e^{-0}} = 0.5$\n\n"
                      "$L = e^2 = 0.0024$\n\n$e^2 + e^{-1} = 1$\n")
    assert [r.verdict for r in fr.lines] == ["ok", "ok", "ok", "ok", "unchecked"]
    assert fr.line(3).uses == ["e = -0.049 (line 1)"]
    assert "Euler's number, not the e of line 1" in fr.line(5).uses[0]
    assert fr.line(9).unresolved == ["e (Euler's number, or the e of line 1?)"]
    assert fr.line(9).reason == "ambiguous-symbol"


def test_unicode_operators():
    fr = A.audit_text("$3 − 1 = 2$ 和 $2 × 3 = 6$ 和 $2 · 3 = 7$\n")
    assert fr.lines[0].verdict == "wrong" and len(fr.lines[0].checks) == 3


# ------------------------------------------------------------------ issue 10: hostile input, notation, names

def _one(text, **kw):
    fr = A.audit_text(text, **kw)
    return fr


@pytest.mark.parametrize("tex", ["$1e400 = 7$", "$7 = 1e400$", "$1.5.2 = 0.3$", "$1e- = 1$", "$e^{1000} = 1$",
                                 "$10^{400} = 10^{400}$", "$① = 1$", r"$1e300 \cdot 1e300 = 1e300$"])
def test_hostile_numbers_are_never_ok(tex):
    fr = A.audit_text(tex + "\n")
    assert [r.verdict for r in fr.lines] == ["unparsed"], fr.lines[0].detail


def test_long_sums_and_deep_nesting_finish_with_a_verdict():
    fr = A.audit_text("$$ " + " + ".join(["0.001"] * 350) + " = 0.35 $$\n\n$$ "
                      + "\\frac{1}{" * 10000 + "2" + "}" * 10000 + " = 0.5 $$\n")
    assert [r.verdict for r in fr.lines] == ["ok", "unparsed"]


def test_unicode_superscripts_and_minus_are_read():
    fr = A.audit_text("$2² + 1 = 5$ 和 $½ × (−0.747)² = 0.279$ 和 $2³ = 9$\n")
    assert fr.lines[0].verdict == "wrong" and len(fr.lines[0].checks) == 3
    assert [c.ok for c in fr.lines[0].checks] == [True, True, False]


@pytest.mark.parametrize("path, message", [("/dev/zero", "not a regular file")])
def test_devices_exit_2_at_once(path, message, capsys):
    if not Path(path).exists():
        pytest.skip(f"{path} is not here")
    assert main(["audit", path]) == 2
    assert message in capsys.readouterr().err


def test_a_named_pipe_exits_2_without_waiting(tmp_path):
    import os
    import subprocess
    import sys

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "bpnn", "audit", str(fifo)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr


def test_a_missing_file_is_named_as_a_file(capsys):
    assert main(["audit", "no/such/file.md"]) == 2
    assert "no such file: no/such/file.md" in capsys.readouterr().err


def test_no_parse_cache_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    A.audit_text(r"$$ \frac{1}{1 + e^{-0.2}} = 0.55 $$" + "\n")
    assert not (tmp_path / "cache").exists() and not (tmp_path / "home").exists()


def test_report_fits_100_columns_and_json_keeps_the_full_text(capsys):
    long = " + ".join(f"0.{i:03d}" for i in range(1, 80))
    text = f"$$ {long} = 1 $$\n"
    path = Path(__file__).parent / "data" / "audit" / "planted.md"
    fr = A.audit_text(text)
    out = A.format_table([fr, A.audit_file(path)])
    assert max(len(line) for line in out.splitlines()) <= 100
    data = json.loads(A.to_json([fr]))
    assert data["files"][0]["lines"][0]["tex"] == " ".join(f"{long} = 1".split())


def test_computed_value_has_the_digits_of_the_stated_one():
    fr = A.audit_text("Jo1 = 1/2 * (0.75136507 - 0.01)^2 = 0.298371109\n")
    r = fr.lines[0]
    assert r.verdict == "wrong" and r.stated == "0.298371109" and r.computed == "0.274811084"


def test_summary_counts_add_up():
    fr = A.audit_text("$1 + 1 = 2$ and $x = 1 + \\cdots = 3$\n\n$$ 2 \\cdot 2 = 5 $$\n\n$a = 1$\n\n$1.5.2 = 1$\n")
    s = fr.summary
    assert s["checked"] == s["ok"] + s["wrong"] + s["inconsistent"]
    assert s["checked"] <= s["parsed"] <= s["with_numbers"] <= s["math_lines"]
    assert s["parsed"] == s["with_numbers"] - s["unparsed"]
    assert all("not checked" not in r.detail for r in fr.lines if r.verdict == "ok")


# ---- finding math

def test_markdown_math_forms_are_all_seen():
    text = ("inline $ 1 + 1 = 3 $ with blanks, broken $2 +\n2 = 5$ over lines\n\n"
            "\\[ 2 \\cdot 3 = 7 \\]\n\nand \\( 4 - 1 = 2 \\) too\n\n"
            "\\begin{align}\na &= 1 + 1 = 3 \\\\\nb &= 2 \\cdot 2 = 4\n\\end{align}\n\n"
            "$$\n\\begin{array}{l}\nx = 0.5 + 0.5 = 1 \\\\\ny = 2 - 1 = 3\n\\end{array}\n$$\n\n"
            "`$1 + 1 = 5$` is code\n\n```\n$$ 1 = 2 $$\n```\n\n    $$ 9 = 8 $$ indented code\n")
    fr = A.audit_text(text)
    got = {r.line: r.verdict for r in fr.lines}
    # inline math broken over two lines is reported on the line where it starts (line 1)
    assert got == {1: "wrong", 4: "wrong", 6: "wrong", 9: "wrong", 10: "ok", 15: "ok", 16: "wrong"}
    assert len([c for c in fr.line(1).checks if not c.ok]) == 2


def test_array_rows_are_separate_chains():
    fr = A.audit_text("$$\\begin{array}{l}\na = 0.5 \\\\\n0.25 + 0.25 = 0.5\n\\end{array}$$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "ok"]


def test_plain_text_chains_and_math_only():
    text = "其中 Jo1 = 1/2 * (0.75136507 - 0.01)^2 = 0.298371109，然后\n\nw5+ = 0.40 - 0.5 * 0.082167041 = 0.35891648\n"
    fr = A.audit_text(text)
    assert [r.verdict for r in fr.lines] == ["wrong", "ok"]
    assert A.audit_text(text, math_only=True).lines == []


def test_plain_text_continuation_lines():
    text = "net_h1 = (w₁ · x₁) + b\n= (0.15 × 0.05) + 0.35\n= 0.0075 + 0.35\n= 0.3575\n\n= 0.5944\n= 0.5963\n"
    fr = A.audit_text(text)
    got = {r.line: r.verdict for r in fr.lines}
    assert got[3] == "ok" and got[4] == "ok" and got[6] == "unchecked" and got[7] == "unchecked"


# ---- names and memory

def test_names_are_remembered_and_used():
    fr = A.audit_text("$out_{h1} = 0.593269992$\n\n$\\text{out}_{h1}(1 - \\text{out}_{h1}) = 0.241300709$\n\n"
                      "$a = 0.5$\n\n$a(1-a) = 0.25$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "ok", "unchecked", "ok"]
    assert fr.lines[1].uses == ["out_h1 = 0.593269992 (line 1)"]


def test_redefining_a_name_is_inconsistent():
    fr = A.audit_text("$w_5 = 0.40$\n\n$\\frac{\\partial E}{\\partial h} = w_5 = -0.019$\n\n$w_5 = 0.35$\n\n"
                      "$w_5 = w_5 - 0.5 \\cdot 0.1 = 0.30$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "inconsistent", "inconsistent", "ok"]
    assert "line 1" in fr.lines[1].detail and "line 3" in fr.lines[2].detail
    assert main.__name__  # exit status 1 for an inconsistency is checked below


def test_inconsistent_exits_1(tmp_path, capsys):
    p = tmp_path / "a.md"
    p.write_text("$w_5 = 0.30 + 0.10 = 0.40$\n\n$w_5 = 0.35$\n", encoding="utf-8")
    assert main(["audit", str(p)]) == 1


def test_definition_lists_and_their_tolerance():
    fr = A.audit_text("$w_7=0.3,\\; w_8=-0.1,\\; b=0.1$\n\n$w_7 \\cdot 10 + b = 3.1$\n\n$w_8 \\cdot 1000 = -101$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "ok", "wrong"]   # data stays exact


def test_updated_weight_names():
    fr = A.audit_text("$w_5^+ = 0.4 - 0.5 \\cdot 0.082167041 = 0.35891648$\n\nw6+ = 0.45 - 0.5 * 0.0826676 = 0.4086662\n"
                      "\n$w_{11}^{2+} = w_5^+ + 1 = 1.35891648$\n")
    assert [r.verdict for r in fr.lines] == ["ok", "ok", "ok"]


# ---- against a network: --spec NET --names MAP

CORPUS = Path(__file__).parent / "data" / "corpus"
MAZUR = Path(__file__).parent / "data" / "mazur.json"
NAMES = CORPUS / "nets" / "mazur-names.yaml"


def test_named_values_agree_with_the_engine(capsys):
    argv = ["audit", str(CORPUS / "zh-charlotte77-cnblogs.md"), "--spec", str(MAZUR), "--names", str(NAMES), "--json"]
    assert main(argv) == 0
    named = json.loads(capsys.readouterr().out)["files"][0]["named"]
    by = {c["name"]: c for c in named}
    # Mazur's published values, recomputed here with plain floats
    h1 = sigma(0.15 * 0.05 + 0.20 * 0.10 + 0.35)
    assert by["out_h1"]["ok"] and by["out_h1"]["engine"] == pytest.approx(h1, rel=1e-12)
    assert by["E_total"]["ok"] and by["w_5^+"]["ok"] and by["w_1^+"]["ok"]
    assert len(named) >= 8


def test_a_wrong_name_map_makes_a_difference(tmp_path, capsys):
    wrong = tmp_path / "names.yaml"
    wrong.write_text("E_{o1}: loss\nout_{o1}: a[2][1]\n", encoding="utf-8")
    assert main(["audit", str(CORPUS / "zh-charlotte77-cnblogs.md"), "--spec", str(MAZUR), "--names", str(wrong)]) == 1
    out = capsys.readouterr().out
    assert "2 stated values compared with the network: 0 agree, 2 differ" in out
    assert max(len(line) for line in out.splitlines()) <= 100


@pytest.mark.parametrize("names, message", [
    ("out_{o1}: q[1]\n", "no place in the trace"),
    ("out_{o1}: a[7][0]\n", "no such place"),
    ("out_{o1}: a[1]\n", "index"),
    ("1 + 2: loss\n", "not a name"),
    ("- a\n- b\n", "mapping"),
])
def test_bad_name_maps_exit_2(names, message, tmp_path, capsys):
    p = tmp_path / "names.yaml"
    p.write_text(names, encoding="utf-8")
    assert main(["audit", str(CORPUS / "zh-charlotte77-cnblogs.md"), "--spec", str(MAZUR), "--names", str(p)]) == 2
    assert message in capsys.readouterr().err


def test_spec_needs_names(capsys):
    assert main(["audit", str(CORPUS / "zh-charlotte77-cnblogs.md"), "--spec", str(MAZUR)]) == 2
    assert "go together" in capsys.readouterr().err


def test_vector_assignments_define_each_name():
    fr = A.audit_text("$[w_1, w_2, b_1] = [0.15, 0.20, 0.35]$\n\n$w_1 \\cdot 0.05 + w_2 \\cdot 0.1 + b_1 = 0.3775$\n\n"
                      "$[1, 2] = [1, 2, 3]$\n")
    assert [r.verdict for r in fr.lines] == ["unchecked", "ok", "wrong"]      # 2 elements, not 3


def test_a_plain_definition_under_a_later_heading_starts_a_new_example():
    # exercises under ### headings each give r its own value: not a contradiction; within one section
    # (no heading between) a plain redefinition is a second set of values or a mistake: unchecked, with
    # that reason (it fails under --strict); the memory is kept across headings
    text = ("### Exercise 1\n\n$r = 0.5$\n\n### Exercise 2\n\n$r = 1.2$\n\n$2 r = 2.4$\n\n"
            "$r = 0.8$\n")
    fr = A.audit_text(text)
    assert [(r.line, r.verdict) for r in fr.lines] == [(3, "unchecked"), (7, "unchecked"), (9, "ok"),
                                                        (11, "unchecked")]
    assert fr.line(11).reason == "redefined"
    assert "line 7" in fr.line(11).detail
