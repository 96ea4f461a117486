"""Finding the math where real articles put it (``bpnn.articles.audit.find``), and hostile inputs.

What the hostile inputs cost is measured by benchmarks/audit_hostile.py, not here.  The reference for each case is the same formula written the plain way (``$$ … $$`` after a blank
line, at the top level), whose verdict the audit's own tests establish; and line numbers counted by
hand in the test text."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from bpnn.articles import audit as A
from bpnn.cli import main
from bpnn.errors import BpnnError

ROOT = Path(__file__).resolve().parent.parent


def _pieces(text: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.kind, p.tex) for p in A.extract_math(text)[0]]


def _verdicts(text: str) -> dict[int, str]:
    return {r.line: r.verdict for r in A.audit_text(text).lines}


# ------------------------------------------------------------------ \[ … \] right after a paragraph

RIGHT = r"z_1 = w_1 x + b_1 = 0.8 \times 2.0 + 0 = 1.6"
WRONG = r"z_1 = w_1 x + b_1 = 0.8 \times 2.0 + 0 = 1.7"


@pytest.mark.parametrize("layout", [
    "The weighted input of the hidden unit is\n\\[ {tex} \\]\nand so on.\n",
    "The weighted input of the hidden unit is\n\\[\n{tex}\n\\]\nand so on.\n",
    "The weighted input of the hidden unit is\n\\[\n  {tex}\n  \\]\n",
    "The weighted input is \\[ {tex} \\] in the text.\n",
    "- a list item that says\n  \\[\n  {tex}\n  \\]\n",
    "> a quoted paragraph\n> \\[\n> {tex}\n> \\]\n",
])
def test_display_brackets_after_a_paragraph_are_one_equation(layout):
    text = layout.replace("{tex}", RIGHT)
    pieces = _pieces(text)
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if "0.8" in ln)
    assert pieces == [(line, "\\[", RIGHT)], pieces      # one piece, not prose split at \times
    # the same verdicts as the plain layout (one $$ block after a blank line)
    assert list(_verdicts(text).values()) == ["ok"]
    assert list(_verdicts(layout.replace("{tex}", WRONG)).values()) == ["wrong"]
    assert list(_verdicts("$$ " + WRONG + " $$\n").values()) == ["wrong"]


def test_no_false_alarm_in_a_correct_article_written_with_brackets():
    text = ("Given the weights\n\\[ w_1 = 0.8, \\quad b_1 = 0 \\]\nand the input\n\\[ x = 2.0 \\]\n"
            "the hidden unit computes\n\\[ z_1 = w_1 x + b_1 = 0.8 \\times 2.0 + 0 = 1.6 \\]\n"
            "then\n\\[ a_1 = 2 \\times z_1 = 3.2 \\]\n")
    v = _verdicts(text)
    assert v and "wrong" not in v.values() and "inconsistent" not in v.values(), v
    assert v[6] == "ok" and v[8] == "ok"


def test_row_break_with_spacing_is_not_an_opener():
    text = "$$\n\\begin{aligned} a &= 1 + 1 \\\\[2pt] &= 2 \\end{aligned}\n$$\n"
    assert A.extract_math(text)[0]          # no "never closed" for \\[2pt]


def test_many_identical_bracket_blocks_keep_their_own_lines():
    text = "\\[ 1 + 1 = 2 \\]\n\n" * 50
    assert [p[0] for p in _pieces(text)] == list(range(1, 100, 2))


# ------------------------------------------------------------------ tables, lists, block quotes

def test_math_in_a_table_is_read_cell_by_cell():
    text = "| step | value |\n|---|---|\n| z | $0.5 + 0.5 = 1$ |\n| a | $2 \\times 3 = 7$ |\n"
    assert _verdicts(text) == {3: "ok", 4: "wrong"}


def test_math_in_lists_and_block_quotes():
    text = ("1. first $1 + 1 = 2$\n2. second\n\n   $$\n   2 + 2 = 5\n   $$\n\n"
            "> quoted $3 + 3 = 6$\n>\n> $$ 4 + 4 = 9 $$\n")
    assert _verdicts(text) == {1: "ok", 5: "wrong", 8: "ok", 10: "wrong"}


@pytest.mark.parametrize("depth", [20, 30, 40])
@pytest.mark.parametrize("container", ["quote", "list", "ordered", "mixed"])
def test_math_nested_20_to_40_deep_is_found(depth, container):
    if container == "quote":
        text = "> " * depth + "$1 + 1 = 3$\n"
    elif container == "list":
        text = "".join("  " * i + "- x\n" for i in range(depth)) + "  " * depth + "- $1 + 1 = 3$\n"
    elif container == "ordered":
        text = "".join("   " * i + "1. x\n" for i in range(depth)) + "   " * depth + "1. $1 + 1 = 3$\n"
    else:
        text = "".join("  " * i + "- > x\n" for i in range(depth // 2)) + "  " * (depth // 2) + "- $1 + 1 = 3$\n"
    line = text.count("\n")
    assert _verdicts(text) == {line: "wrong"}


@pytest.mark.parametrize("text", [
    "> " * 150 + "$1 + 1 = 3$\n",
    "".join("  " * i + "- x\n" for i in range(80)) + "  " * 80 + "- $1 + 1 = 3$\n",
])
def test_math_nested_deeper_than_the_limit_is_reported_not_dropped(text, tmp_path, capsys):
    with pytest.raises(BpnnError, match=r"line \d+: lists or block quotes nested more than"):
        A.extract_math(text)
    p = tmp_path / "deep.md"
    p.write_text(text, encoding="utf-8")
    assert main(["audit", str(p)]) == 2
    assert "nested more than" in capsys.readouterr().err


# ------------------------------------------------------------------ code is code, wherever it is

@pytest.mark.parametrize("text", [
    "> ```\n> $$ x = 1\n> ```\n",                       # a fence inside a block quote
    ">     $$ x = 1\n",                                  # indented code inside a block quote
    "- item\n\n      $$ x = 1\n",                        # indented code inside a list item
    "    \\[ 1 + 1 = 3\n",                               # indented code at the top
    "<!-- $$ x = 1 -->\ntext\n",                        # a comment
    "text <!-- \\[ x --> more\n",
])
def test_code_and_comments_are_neither_math_nor_unclosed_math(text):
    assert A.extract_math(text)[0] == []


@pytest.mark.parametrize("text, line", [
    ("> quote\n> $$\n> x = 1\n\nafter\n", 2),
    ("text\n\n\\[ 1 + 1 = 2\n\nmore\n", 3),
])
def test_unclosed_math_outside_code_is_still_refused(text, line):
    with pytest.raises(BpnnError, match=f"line {line}: the math opened with"):
        A.extract_math(text)


# ------------------------------------------------------------------ hostile inputs: the right answer, whatever the shape
# Each of these took minutes or hours with the backtracking regular expressions the prose reader
# and the texmath plugin used (cubic or quadratic in the input), and the long run of digits with the
# text report's cutting of a word longer than a line (quadratic: 10 s for 50 000 digits); now each
# is one linear pass.  Here each input goes through ``bpnn audit`` (the text report included) and
# must get its verdicts, at a size (5 000 repetitions or more) where the backtracking ones would not
# finish.  What each costs, at 4 and 16 times these sizes (where a quadratic pass shows), is measured
# by benchmarks/audit_hostile.py (``python benchmarks/audit_hostile.py --quick``), not here.

NO_NUMBERS = ("unchecked", "no numbers")
NOT_READ = "not read in full"

#: name: (text, {line: (verdict, words of its detail)})
HOSTILE = {
    "parenthesis then letters": ("x = 1 (" + "a" * 5_000 + "\n", {}),
    "a long run of digits": ("x = " + "1" * 12_000 + "x = 2\n", {1: ("unparsed", "too large for a float")}),
    "a long run of spaces": ("x = 1" + " " * 12_500 + "x\n", {}),
    "unclosed comments": ("<!--\n" * 12_500, {}),
    "unclosed inline comments": ("a <!-- " * 12_500, {}),
    "unclosed \\(": ("\\( a " * 25_000 + "\n", {}),
    "escaped characters": ("\\* a " * 25_000 + "\n", {}),
    "unclosed \\[ in a paragraph": ("text \\[ a " * 5_000 + "\\]\n", {1: NO_NUMBERS}),
    "row breaks with a bracket": ("$$ " + "a \\\\[" * 5_000 + " $$\n", {1: NO_NUMBERS}),
    # the prose reader's look around a chain (bounded by the chains beside it)
    "percent and words before a chain": ("10% of " * 7_500 + "1 = 1\n", {1: ("unparsed", NOT_READ)}),
    "decimal commas": ("1,5 = 2 " * 5_000 + "\n", {1: ("unparsed", NOT_READ)}),
    "words after a chain": ("y = 1 " + "word " * 10_000 + "3\n", {1: ("unparsed", NOT_READ)}),
    "chains between words": ("a = 1 and " * 10_000 + "\n",
                             {1: ("unchecked", "no two sides with a value to compare")}),
    "a table of split math": ("| a | b |\n|---|---|\n" + "| $|x| = 1$ | 2 |\n" * 5_000,
                              {n: NO_NUMBERS for n in range(3, 5_003)}),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_inputs_get_their_verdicts(name, tmp_path, capsys, monkeypatch):
    from bpnn.articles.audit import command

    text, expected = HOSTILE[name]
    p = tmp_path / "hostile.md"
    p.write_text(text, encoding="utf-8")
    reported = []

    def format_table(results, *args, **kwargs):          # the results the text report is made of
        reported.extend(results)
        return real(results, *args, **kwargs)
    real = command.format_table
    monkeypatch.setattr(command, "format_table", format_table)
    monkeypatch.setenv("COLUMNS", "80")
    rc = main(["audit", str(p)])
    out, err = capsys.readouterr()
    assert rc == 0 and err == "", err[-2000:]              # nothing wrong in any of them, nothing refused
    (fr,) = reported
    assert {r.line: r.verdict for r in fr.lines} == {n: v for n, (v, _) in expected.items()}
    for r in fr.lines:
        assert expected[r.line][1] in r.detail, (r.line, r.detail[-200:])
    tail = " ".join(out[-600:].split())
    assert f"{len(fr.lines)} math lines" in tail, tail                       # the report went to its end
    assert max(len(line) for line in out.splitlines()) <= 80                 # and was wrapped


def _inline_children(md, text):
    return [(t.map, t.content, [(c.type, c.content) for c in t.children])
            for t in md.parse(text) if t.type == "inline"]


PLAIN_PARAGRAPHS = [
    ("a = 1 + 2 = 3\nb = 4  \n  c = 5 - 1 = 4\n\nplain words\nand more   \n end\n\n"
     "x < 3 and y! = 2 & z = 1 <!-- a -- b\n\na > b; c ] d\n\n"
     "escaped \\* and \\_ and \\# then *em* and `code` and [a](b) &amp; <b>x</b>\n"),
    "a = 1\n\tb = 2 + 1 = 3\n",                # a tab before a continuation line
    "> quoted\n\tlazy line\n\n- item\n\t\tmore = 1 + 1 = 2\n",
    "a \t \nb\n\nc\t  \nd\n\ne \u3000\nf\n",      # a tab or a wide space before the break
    "| a | b |\n|---|---|\n|  x = 1  | y \t |\n",
]


def test_paragraphs_come_out_as_markdown_it_reads_them():
    """The short way for plain paragraphs, and the linear joining of text tokens, give the tokens
    markdown-it's own inline tokenizer and text_join give: the reference is the same parser with
    markdown-it's core rules put back, so that both read the same blocks (every inline token,
    with math or without), on the real articles of the corpus, the five articles, and a few made
    up here."""
    from markdown_it.rules_core import inline, text_join

    from bpnn.articles.audit import find

    ours, ref = find._markdown(), find._markdown()
    ref.core.ruler.at("inline", inline)
    ref.core.ruler.at("text_join", text_join)
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/corpus").glob("*.md")) + seeds]
    plain = tokenized = 0
    for text in texts + PLAIN_PARAGRAPHS:
        a, b = _inline_children(ours, text), _inline_children(ref, text)
        assert a == b
        for _, content, _ in a:
            if find._needs_tokenizer(content):
                tokenized += 1
            else:
                plain += 1
    assert plain > 50 and tokenized > 20, (plain, tokenized)


def test_paragraphs_without_math_come_out_as_plain_commonmark_reads_them():
    """A paragraph without math is read as markdown-it without the math plugins and the project's
    rules reads it.  The math rules may group lines into blocks otherwise (an article whose ``$$``
    do not pair up, en-exam-prep-broken-brackets, has prose inside a display block and a formula
    read as a paragraph): paragraphs are compared where both parsers found the same one, and
    those are nearly all of them."""
    from markdown_it import MarkdownIt

    from bpnn.articles.audit import find

    ours, ref = find._markdown(), MarkdownIt("commonmark").enable("table")
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/corpus").glob("*.md")) + seeds]

    bare = re.compile(r"^[ \t]*\[[ \t]*$", re.M)      # a line that is only "[": \\[ without its backslash
    # (and MkDocs admonitions, "!!! note" with a body indented four spaces: Markdown for us, code for commonmark)
    admonition = re.compile(r"^(?:!!!|\?\?\?\+?) ", re.M)

    def no_math(content):
        return not any(m in content for m in ("$", "\\(", "\\[", "\\begin")) and not bare.search(content)

    same = other = 0
    for text in texts + PLAIN_PARAGRAPHS:
        a = {(str(m), c): k for m, c, k in _inline_children(ours, text) if no_math(c)}
        b = {(str(m), c): k for m, c, k in _inline_children(ref, text) if no_math(c)}
        for key in a.keys() & b.keys():
            assert a[key] == b[key], key
        same += len(a.keys() & b.keys())
        if not bare.search(text) and not admonition.search(text):
            # (lines that are only "[" and "]" around a formula are display math by design: the
            # paragraphs around them split there, so their grouping is not commonmark's)
            other += len(a.keys() ^ b.keys())
        if "$$" not in text and not bare.search(text) and not admonition.search(text):
            assert a.keys() == b.keys()
    assert same > 70 and other < same / 20, (same, other)


# ------------------------------------------------------------------ real articles, laid out as other posts lay them out
# Each article of the corpus (real published worked examples) is rewritten without moving any line:
# its display blocks as \[ … \] on the line right after a sentence, the whole article inside block
# quotes 1, 20 or 40 deep.  Every line must get the verdict the original layout gets.

CORPUS_FILES = sorted((ROOT / "tests" / "data" / "corpus").glob("*.md"))


def _brackets_after_prose(text: str) -> str:
    """Each display block of ``text`` that the reader reads as ``$$`` alone on a line, the formula
    (no blank line, no ``\\[`` or ``\\]`` in it), ``$$`` alone on a line, after a blank line at the
    top level, rewritten as ``\\[`` … ``\\]`` with the blank line replaced by a sentence.

    Which ``$$`` pair up is what the reader found (an article with ``$$`` inside its lines, as in
    ``x=$$0.05,\\ 0.10$$``, pairs a lone ``$$`` with the end of such a line, not with the next
    lone ``$$``); and the sentence must be prose: a blank line that ends an HTML block (after
    ``<summary>…</summary>``) or a table is kept, since a line of text there joins the HTML or the
    table (CommonMark, read by markdown-it without the math plugins)."""
    from markdown_it import MarkdownIt

    from bpnn.articles.audit import find

    plain = MarkdownIt("commonmark").enable("table")
    lines = text.split("\n")
    out = list(lines)
    for tok in find._markdown().parse(text):
        if tok.type != "math_block" or tok.level != 0 or tok.markup != "$$":
            continue
        i, j = tok.map[0], tok.map[1] - 1
        body = lines[i + 1:j]
        if (i == 0 or j <= i or lines[i - 1].strip() or lines[i].strip() != "$$" or lines[j].strip() != "$$"
                or any(not ln.strip() or "\\[" in ln or "\\]" in ln for ln in body)):
            continue
        trial = list(out)
        trial[i - 1], trial[i], trial[j] = "Then we have", "\\[", "\\]"
        if any(t.type == "paragraph_open" and t.map[0] <= i - 1 < t.map[1]
               for t in plain.parse("\n".join(trial))):
            out = trial
    return "\n".join(out)


def _verdict_lines(text: str) -> list[tuple[int, str, str | None, str | None]]:
    return [(r.line, r.verdict, r.stated, r.computed) for r in A.audit_text(text, "x.md").lines]


@functools.lru_cache(maxsize=None)
def _original_verdict_lines(path: Path) -> list[tuple[int, str, str | None, str | None]]:
    """The verdicts of a corpus article as published (computed once for the tests below)."""
    return _verdict_lines(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_real_articles_with_brackets_right_after_prose(path):
    text = path.read_text(encoding="utf-8")
    moved = _brackets_after_prose(text)
    if moved == text:
        pytest.skip("no $$ block alone on its lines after a blank line")
    assert "Then we have\n\\[" in moved
    assert _verdict_lines(moved) == _original_verdict_lines(path)


@pytest.mark.parametrize("depth", [1, 20, 40])
@pytest.mark.parametrize("path", CORPUS_FILES[:4] + CORPUS_FILES[-4:], ids=lambda p: p.stem)
def test_real_articles_inside_block_quotes(path, depth):
    text = path.read_text(encoding="utf-8")
    quoted = "\n".join(("> " * depth + ln) if ln.strip() else ">" * depth for ln in text.split("\n"))
    assert _verdict_lines(quoted) == _original_verdict_lines(path)


# ------------------------------------------------------------------ prose arithmetic: all or nothing

def _plain(text: str) -> list[tuple[str, str]]:
    """(tex, unread) of the prose pieces of ``text``."""
    return [(p.tex, p.unread) for p in A.extract_math(text)[0] if p.kind == "text"]


@pytest.mark.parametrize("sentence", [
    "We keep 10% of 100 = 10 of them.",           # not "100 = 10"
    "The weight is x = 2,5 in the German text.",   # a decimal comma: not "x = 2"
    "A total 2,5 + 1 = 3,5 here.",
    "Then 3 apples + 2 = 5 apples.",               # not "+ 2 = 5"
    "Write y = 10 times 3 for the batch.",         # not "y = 10"
    "The release v = 1.2.3 is out.",               # a version
    "It took t = 1:30 in all.",                    # a time
    "The ratio r = 3:2 = 1.5 holds.",              # a ratio
    "The date d = 2024-01-05 is fixed.",           # a date
    "Pages 1–5 = 5 pages.",                        # a range
    "The sum of 2 and 3 = 3 here.",                # not "3 = 3": a wrong "ok"
    "We add 2 with 3 = 3 here.",
    "The mass 5 kg = 5000 g here, and 5kg = 5000 too.",
])
def test_prose_chains_are_read_in_full_or_not_at_all(sentence):
    pieces = _plain(sentence)
    assert all(unread for _, unread in pieces), pieces       # never a part read as the whole
    verdicts = [x.verdict for x in A.audit_text(sentence + "\n").lines]
    assert "ok" not in verdicts and "wrong" not in verdicts, verdicts


def test_ten_percent_of_a_hundred_is_not_a_false_alarm():
    r = A.audit_text("We keep 10% of 100 = 10 of them.\n")
    assert [x.verdict for x in r.lines] == ["unparsed"]
    assert "not read in full" in r.lines[0].detail


@pytest.mark.parametrize("sentence, expected", [
    # real sentences of the corpus and the five articles: read as before
    ("Jo1 = 1/2 * (0.75136507 - 0.01)^2 = 0.298371109", "Jo1 = 1/2 * (0.75136507 - 0.01)^2 = 0.298371109"),
    ("Learning rate η = 0.5", "η = 0.5"),
    ("Inputs: x₁ = 0.05 | x₂ = 0.10", "x₁ = 0.05"),
    ("x₁ = 0.05 and x₂ = 0.10 are the inputs.", "x₁ = 0.05"),
    ("= 0.0075 + 0.020 + b₁ = 0.3825 (including bias)", "0.0075 + 0.020 + b₁ = 0.3825"),
    ("all units (β = 1), η = 0.5, biases are +1 inputs", "β = 1"),
    ("all units (β = 1), η = 0.5, biases are +1 inputs", "η = 0.5"),
    ("Then x = 3. And y = 4.", "x = 3"),
    ("Then x = 3. And y = 4.", "y = 4"),
    ("> If the model were more confident (P(cat) = 0.9):", "P(cat) = 0.9"),
    ("误差为 0.5−0.67=−0.17，然后", "0.5−0.67=−0.17"),
    ("Step 1. a = 2 is the start.", "a = 2"),
    ("The rate is 0.5 so x = 2 for now.", "x = 2"),
    ("So x = 2 where the rate is 0.5 then.", "x = 2"),
])
def test_prose_chains_read_in_full_stay_read(sentence, expected):
    pieces = _plain(sentence)
    assert (expected, "") in pieces, pieces


def test_a_formula_after_latex_in_prose_is_not_read_in_part():
    # zh-dtcms-four-layer.md, line 69: "\frac{1}{2}(1-0.8421)^2 = 0.0124" read without its ½ was a false alarm
    line = r"L = \frac{1}{2}(y_{true}-\hat{y})^2 = \frac{1}{2}(1-0.8421)^2 = 0.0124"
    pieces = _plain(line)
    assert pieces and all(unread for _, unread in pieces), pieces
    assert "wrong" not in [x.verdict for x in A.audit_text(line + "\n").lines]
    # a vector in prose is not three numbers: it is read whole (a list of numbers), or not at all
    assert _plain("* **Input:** x = [0.05, 0.10]") == [("x = [0.05, 0.10]", "")]


def test_real_articles_keep_their_prose_chains():
    """Every prose chain of the corpus's plain-text articles is still read (none became unread)."""
    for name in ("zh-zhwhong-jianshu.md", "en-fiqlab-plain.md", "en-primelearnpoint-plain.md",
                 "zh-gmyhf-geeksforgeeks.md"):
        text = (ROOT / "tests/data/corpus" / name).read_text(encoding="utf-8")
        pieces = [p for p in A.extract_math(text)[0] if p.kind == "text"]
        assert len(pieces) >= 5 and not [p for p in pieces if p.unread], name


# ------------------------------------------------------------------ tables: rows as chains; | inside math

VALUE_TABLE = ("| quantity | computation | value |\n|---|---|---|\n"
               "| $z_1$ | $0.15(0.05) + 0.20(0.10) + 0.35$ | 0.3775 |\n"      # 0.0075 + 0.02 + 0.35, by hand
               "| $z_2$ | $0.25(0.05) + 0.30(0.10) + 0.35$ | 0.3935 |\n")     # 0.3925: wrong


def test_a_table_row_under_a_value_header_is_one_chain():
    assert _pieces(VALUE_TABLE) == [(3, "$", "z_1 = 0.15(0.05) + 0.20(0.10) + 0.35 = 0.3775"),
                                    (4, "$", "z_2 = 0.25(0.05) + 0.30(0.10) + 0.35 = 0.3935")]
    plain = ("$$ z_1 = 0.15(0.05) + 0.20(0.10) + 0.35 = 0.3775 $$\n\n"
             "$$ z_2 = 0.25(0.05) + 0.30(0.10) + 0.35 = 0.3935 $$\n")
    assert list(_verdicts(VALUE_TABLE).values()) == list(_verdicts(plain).values()) == ["ok", "wrong"]


@pytest.mark.parametrize("text", [
    # a weight before and after an update: two columns of numbers, never one chain
    "| weight | before | after |\n|---|---|---|\n| $w_1$ | 0.15 | 0.149 |\n",
    "| weight | value | new value |\n|---|---|---|\n| $w_1$ | 0.15 | 0.149 |\n",
    "| epoch | value |\n|---|---|\n| $t = 1$ | 0.5 |\n",     # a label: not "t = 1 = 0.5"
    # no header that says "value": cells stay apart
    "| name | formula | gradient |\n|---|---|---|\n| $w_5$ | $\\partial L / \\partial w_5$ | 0.08 |\n",
])
def test_table_cells_are_not_joined_without_a_value_header(text):
    last = text.rstrip("|\n").rsplit("|", 1)[1].strip()          # the row's last cell
    assert not any(tex.endswith("= " + last) for _, _, tex in _pieces(text)), _pieces(text)
    assert "wrong" not in _verdicts(text).values()


def test_escaped_bar_inside_math_in_a_table_is_a_bar():
    text = "| a | b |\n|---|---|\n| $\\|x\\| = 2$ | 1 |\n"
    assert _pieces(text) == [(3, "$", "|x| = 2")]


def test_math_split_by_a_bar_in_a_table_is_reported_not_read_in_part():
    text = "| a | b |\n|---|---|\n| $|-2| + 1 = 3$ | 1 |\n"
    pieces = A.extract_math(text)[0]
    assert len(pieces) == 1 and "splits the table's cell" in pieces[0].unread
    r = A.audit_text(text)
    assert [x.verdict for x in r.lines] == ["unparsed"] and "splits" in r.lines[0].detail


def test_real_table_article_is_checked_row_by_row():
    text = (ROOT / "tests/data/corpus/en-study-group-table-ln.md").read_text(encoding="utf-8")
    v = _verdicts(text)
    assert [v[k] for k in range(23, 28)] == ["ok"] * 5, v


# ------------------------------------------------------------------ a display block that starts with "="

@pytest.mark.parametrize("result, verdict", [("1.1", "ok"), ("1.3", "wrong")])
def test_display_block_starting_with_a_relation_keeps_the_subject(result, verdict):
    text = f"$$ z = 0.5 \\times 2 + 0.1 $$\n$$ = {result} $$\n"
    # one chain written over two blocks: the formula with the value after it
    assert _pieces(text)[1] == (2, "$$", f"z = 0.5 \\times 2 + 0.1 = {result}")
    assert _verdicts(text)[2] == verdict
    assert list(_verdicts(f"$$ z = 0.5 \\times 2 + 0.1 = {result} $$\n").values()) == [verdict]


def test_display_continuation_without_a_name_is_left_alone():
    # en-obsidian-callouts-kl.md: "D_{KL}(P \| Q) = …" then "$$= 0.5 \times (-0.336) + …$$"
    text = "$$ D(P \\| Q) = 0.5 \\times \\ln 2 $$\n$$ = 0.3466 $$\n"
    assert _pieces(text)[1] == (2, "$$", "= 0.3466")
    # after prose the relation is not linked to an earlier display
    text = "$$ z = 0.5 \\times 2 $$\n\nso that $y$ is\n$$ = 3 $$\n"
    assert _pieces(text)[-1] == (4, "$$", "= 3")


# ------------------------------------------------------------------ \[ \] that lost their backslashes; lists in prose

def test_a_formula_between_bare_bracket_lines_is_display_math():
    # zh-dtcms-four-layer.md: the page's \[ and \] lost their backslashes; right after a paragraph line
    text = "激活:\n[\na = sigmoid(0.8) = 0.68997\n]\n损失:\n[\nL = \\frac{1}{2}(1-0.8421)^2 = 0.0124\n]\n"
    assert _pieces(text) == [(3, "\\[", "a = sigmoid(0.8) = 0.68997"),
                             (7, "\\[", "L = \\frac{1}{2}(1-0.8421)^2 = 0.0124")]
    assert [r.verdict for r in A.audit_text(text).lines] == ["ok", "slip"]     # 0.012466 printed 0.0124
    # several lines between the brackets are one display
    assert _pieces("[\nx = 1 +\n1 = 2\n]\n") == [(2, "\\[", "x = 1 + 1 = 2")]


@pytest.mark.parametrize("text", [
    "[\n1, 2, 3\n]\n",                          # a list laid out on lines: no relation
    "[\nsee the note, x = 2\n]\n",              # a sentence
    "[\n结果 x = 2\n]\n",                        # CJK text
    "[\n`x = 2`\n]\n",                          # code
    "[\n\"a=1\", \"b=2\"\n]\n",                  # strings
    "[\nx = 2\n\n]\n",                          # a blank line before the ]
    "[\nx = 2\n]: https://example.org\n",       # a link reference's label
    "    [\n    x = 2\n    ]\n",                # indented code
])
def test_bare_bracket_lines_around_anything_else_are_text(text):
    assert not [p for p in A.extract_math(text)[0] if p.kind == "\\["]


def test_the_bare_bracket_search_is_bounded():
    from bpnn.articles.audit.find import BARE_BRACKET_MAX_LINES

    # the search for the "]" stops after BARE_BRACKET_MAX_LINES lines (each "[" line costs at most that)
    text = "[\n" + "x = 1\n" * (BARE_BRACKET_MAX_LINES + 5) + "]\n"
    assert not [p for p in A.extract_math(text)[0] if p.kind == "\\["]
    text = "[\n" + "x = 1 +\n" * (BARE_BRACKET_MAX_LINES - 2) + "1\n]\n"
    assert [p.kind for p in A.extract_math(text)[0]] == ["\\["]


@pytest.mark.parametrize("line, tex", [
    ("z = [3.0, 1.0, -1.0]", "z = [3.0, 1.0, -1.0]"),
    ("P_i = [3.0,1.0,\u22121.0]", "P_i = [3.0,1.0,\u22121.0]"),
    ("softmax(P_i) = [0.88, 0.12, 0.00]", "softmax(P_i) = [0.88, 0.12, 0.00]"),
    ("原始输出(logits):z = [3.0, 1.0, -1.0]", "z = [3.0, 1.0, -1.0]"),
    ("W = [[0.1, 0.2], [0.3, 0.4]]", "W = [[0.1, 0.2], [0.3, 0.4]]"),
    ("z = [0.1+0.6+0.1, 0.2+0.8+0.2] = [0.8, 1.2]", "z = [0.1+0.6+0.1, 0.2+0.8+0.2] = [0.8, 1.2]"),
    ("M = [1, 2; 3, 4]", "M = [1, 2; 3, 4]"),
])
def test_a_list_of_numbers_in_prose_is_read_whole(line, tex):
    assert _plain(line) == [(tex, "")]


@pytest.mark.parametrize("line", [
    "x = [see 1, 2]",                # a word inside: no list of numbers
    "x = [1,, 2]",                   # an empty element
    "y = 2,5 and z = [1, 2",         # a decimal comma; a bracket never closed
])
def test_a_bracket_that_is_no_list_of_numbers_is_not_read_in_part(line):
    for tex, unread in _plain(line):
        assert unread or "," not in tex and "[" not in tex, (tex, unread)


def test_a_vector_in_prose_is_checked():
    # zh-tokepson-cnblogs-softmax: softmax([3, 1, -1]) = [0.8668, 0.1173, 0.0159] (mpmath), printed [0.88, 0.12, 0.00]
    fr = A.audit_text("z = [3.0, 1.0, -1.0]\n\nsoftmax(z) = [0.88, 0.12, 0.00]\n\nsoftmax(z) = [0.87, 0.12, 0.02]\n")
    assert fr.line(3).verdict == "wrong" and "element 1" in fr.line(3).detail and "element 3" in fr.line(3).detail
    assert fr.line(5).verdict == "ok"


def test_a_mkdocs_admonition_body_is_markdown_and_a_unit_is_no_factor():
    # en-mkdocs-admonition-ce: "!!! example" with a body indented four spaces (Python-Markdown's
    # admonition): the math in it is math, not an indented code block; -ln(0.1) = 2.302585 (printed 2.302)
    text = ("!!! example \"Cross-entropy\"\n    Some text.\n\n    \\[\n    H = -\\ln(0.1) \\approx 2.302\\ \\text{nats}\n"
            "    \\]\n")
    assert _pieces(text) == [(5, "\\[", "H = -\\ln(0.1) \\approx 2.302")]
    assert A.audit_text(text).line(5).verdict == "slip"
    # a plain indented block is still code
    assert _pieces("text\n\n    $$x = 1 + 1 = 3$$\n") == []


@pytest.mark.parametrize("tex, kept", [
    (r"x = 5\,\mathrm{kg}", "x = 5"),
    (r"y = 2 \quad \text{m}", "y = 2"),
    (r"x = 5\text{nats}", r"x = 5\text{nats}"),               # no space set: not read as a unit
    (r"x = 5\ \text{nats} + 1", r"x = 5\ \text{nats} + 1"),   # not at the end
    (r"y = 2\ \text{out y1}", r"y = 2\ \text{out y1}"),       # a name, not a word
])
def test_a_unit_after_the_last_number(tex, kept):
    assert _pieces(f"$${tex}$$\n") == [(1, "$$", kept)]


@pytest.mark.parametrize("text", [
    "Let $a = 2$. The sum $= 2 + 1 = 3$.\n",
    "* $a = 2$\n* Sum $= 2 + 1 = 3$\n",
    "$a = 2$\n\nSum $= 2 + 1 = 3$\n",
    "设 $a = 2$。总和 $= 2 + 1 = 3$。\n",
])
def test_words_right_before_an_equals_sign_are_its_left_side(text):
    """A formula that starts with "=" after words ("The sum $= 3$", found in a real Chinese softmax
    walk-through) has those words as its left side: it does not continue the formula before (which
    made "2 = 2 + 1" and a false alarm)."""
    from bpnn.articles import audit as A

    r = A.audit_text(text)
    assert [x.verdict for x in r.lines if x.verdict != "unchecked"] == ["ok"], [(x.verdict, x.detail) for x in r.lines]
    wrong = A.audit_text(text.replace("= 3$", "= 4$"))
    assert [x.verdict for x in wrong.lines if x.verdict != "unchecked"] == ["wrong"]


def test_an_equals_sign_after_a_formula_and_no_words_still_continues_it():
    from bpnn.articles import audit as A

    assert [x.verdict for x in A.audit_text("$$z = 0.5 \\cdot 0.3$$\n\n$$= 0.3$$\n").lines][-1] == "wrong"
    assert [x.verdict for x in A.audit_text("$$z = 0.5 \\cdot 0.3$$\n\n$$= 0.15$$\n").lines][-1] == "ok"


@pytest.mark.parametrize("mark", ["\\quad \\checkmark", "\\; \\checkmark", "\\checkmark", "~\\surd", " ✓", " ✔"])
def test_a_check_mark_after_a_formula_is_the_authors_tick(mark):
    """Seen in real notes: "= 2 \\quad \\checkmark" was unparsed (\\checkmark is no function)."""
    from bpnn.articles import audit as A

    assert [x.verdict for x in A.audit_text(f"$$a = 1 + 1 = 2 {mark}$$\n").lines] == ["ok"]
    assert [x.verdict for x in A.audit_text(f"$$a = 1 + 1 = 3 {mark}$$\n").lines] == ["wrong"]
