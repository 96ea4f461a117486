"""bpnn.articles.cellerrors: a cell that fails on purpose shows the error, its line, and no path."""
from __future__ import annotations

import linecache
import sys

import numpy as np
import pytest

from bpnn.articles.cellerrors import describe

LISTING = """\
def train(X):
    return np.dot(X, W1)

train(np.ones((2, 2)))
"""


def _raise(source: str, filename: str, glb=None):
    # IPython keeps each cell's source in linecache, as here
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        exec(compile(source, filename, "exec"), {"np": np} if glb is None else glb)
    except Exception:
        return sys.exc_info()
    pytest.fail("the code did not raise")


def test_article_code_is_reported_at_the_articles_line():
    etype, value, tb = _raise(LISTING, "<article 001, line 60>")
    lines = describe(etype, value, tb)
    assert lines[0] == "NameError: name 'W1' is not defined"
    assert lines[1] == "  in train(), article 001, line 61:  return np.dot(X, W1)"


def test_a_cell_line_that_a_claim_quotes_gets_the_claims_line():
    etype, value, tb = _raise(LISTING, "/tmp/ipykernel_4242/123.py")
    lines = describe(etype, value, tb, article="001", code_lines={"return np.dot(X, W1)": 73})
    assert lines[1] == "  in train(), article 001, line 73:  return np.dot(X, W1)"
    other = describe(etype, value, tb, article="001", code_lines={})
    assert other[1] == "  in train(), line 2 of the cell:  return np.dot(X, W1)"


def test_syntax_errors_name_the_article_line():
    etype, value, tb = _raise("pip install tensorflow\n", "<article 003, line 58>")
    assert describe(etype, value, tb) == ["SyntaxError: invalid syntax", "  article 003, line 58:  pip install tensorflow"]


def test_library_frames_and_paths_are_left_out():
    # the error arises deep inside NumPy; the report names the cell's line only
    etype, value, tb = _raise("a = np.ones((3, 1))\nb = np.ones((2, 1))\na @ b\n", "/tmp/ipykernel_4242/7.py")
    text = "\n".join(describe(etype, value, tb))
    assert text.startswith("ValueError: matmul: Input operand 1 has a mismatch")
    assert "line 3 of the cell:  a @ b" in text
    assert "/tmp" not in text and "site-packages" not in text and "numpy" not in text.split("\n", 1)[1]


def test_the_location_line_in_chinese():
    etype, value, tb = _raise(LISTING, "<article 001, line 60>")
    lines = describe(etype, value, tb, lang="zh")
    assert lines[0] == "NameError: name 'W1' is not defined"      # Python's own message, as Python prints it
    assert lines[1] == "  在 train() 中 (文章 001 第 61 行):  return np.dot(X, W1)"
    etype, value, tb = _raise("x = 1\ny = z\n", "/tmp/ipykernel_4242/9.py")
    assert describe(etype, value, tb, lang="zh")[1] == "  单元格第 2 行:  y = z"


def test_the_location_line_lexes_cleanly_in_both_languages():
    """The book shows error output with Pygments' ipythontb lexer; an error token is a build warning."""
    from pygments.lexers import get_lexer_by_name
    from pygments.token import Error

    lexer = get_lexer_by_name("ipythontb")
    etype, value, tb = _raise(LISTING, "<article 001, line 60>")
    for lang in ("en", "zh"):
        text = "\n".join(describe(etype, value, tb, lang=lang))
        assert not [v for t, v in lexer.get_tokens(text) if t is Error], (lang, text)
