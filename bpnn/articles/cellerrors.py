"""Short error reports for notebook cells that fail on purpose.

A chapter that runs an article's code as printed shows it failing.  What a reader
needs from that cell is the error's type and message and the line that raised it
(the article's line where the code is the article's), not a traceback through the
build machine's files and the insides of NumPy or sympy.  :func:`short_errors`
installs an IPython exception handler that prints exactly that, for example::

    UnboundLocalError: cannot access local variable 'W1' where it is not associated with a value
      in train(), article 001, line 73:  hidden_layer_input = np.dot(X, W1) + b1

The cell still fails (its ``raises-exception`` tag tells the build and nbval to
expect that); only what it prints changes, and it names no path, so the stored
output is the same on every machine.

Where the line comes from:

* code compiled under a file name ``"<article 003, line 58>"`` (a listing's
  first line) counts its lines from there;
* a line of a cell whose text is the quote of a registered claim of that article
  (the claims registry records where each quoted line of code stands) gets the
  claim's line;
* any other line is reported as a line of the cell.
"""
from __future__ import annotations

import linecache
import re
import traceback

__all__ = ["short_errors", "describe"]

# the location line's words (the error's own "Type: message" is Python's and stays as it is).  ASCII
# punctuation in Chinese too: the book shows error output with Pygments' ipythontb lexer, which
# marks full-width punctuation (：，) as an error token, and the build treats that as a warning.
_WHERE = {
    "en": {"cell": "line {n} of the cell", "article": "article {a}, line {n}", "in": "in {f}(), {where}", "sep": ":  "},
    "zh": {"cell": "单元格第 {n} 行", "article": "文章 {a} 第 {n} 行", "in": "在 {f}() 中 ({where})", "sep": ":  "},
}

_ARTICLE_FILE = re.compile(r"^<article (\d{3}), line (\d+)>$")


def _code_lines(article: str | None) -> dict[str, int]:
    """Stripped quote → line, for the registered claims of ``article`` that quote one line of code."""
    if article is None:
        return {}
    from .claims import all_claims

    out: dict[str, int] = {}
    for c in all_claims():
        if c.article == article and "\n" not in c.quote.strip():
            out.setdefault(" ".join(c.quote.split()), c.line)
    return out


def _user_frame(tb):
    """The innermost frame that runs a cell's code or article code (not a library's)."""
    frames = traceback.extract_tb(tb)
    for fs in reversed(frames):
        name = fs.filename
        if _ARTICLE_FILE.match(name) or "ipykernel_" in name or name.startswith("<ipython-input") or name.startswith("<cell"):
            return fs
    return frames[-1] if frames else None


def describe(etype, value, tb, article: str | None = None, code_lines: dict[str, int] | None = None,
             lang: str = "en") -> list[str]:
    """The lines to show for an exception: ``Type: message`` and where it arose (see the module's doc).
    ``lang="zh"`` says where in Chinese (``在 train() 中，文章 001 第 73 行``)."""
    from .i18n import check_lang

    w = _WHERE[check_lang(lang)]
    code_lines = _code_lines(article) if code_lines is None else code_lines
    first = f"{etype.__name__}: {value}" if str(value) else etype.__name__
    if isinstance(value, SyntaxError):
        first = f"{etype.__name__}: {value.msg}"
        m = _ARTICLE_FILE.match(value.filename or "")
        text = (value.text or "").strip()
        if m and value.lineno:
            return [first, "  " + w["article"].format(a=m.group(1), n=int(m.group(2)) + value.lineno - 1) + w["sep"] + text]
        return [first, "  " + w["cell"].format(n=value.lineno) + w["sep"] + text] if value.lineno else [first]
    fs = _user_frame(tb)
    if fs is None:
        return [first]
    text = (fs.line or linecache.getline(fs.filename, fs.lineno) or "").strip()
    where = w["cell"].format(n=fs.lineno)
    m = _ARTICLE_FILE.match(fs.filename)
    if m:
        where = w["article"].format(a=m.group(1), n=int(m.group(2)) + fs.lineno - 1)
    elif " ".join(text.split()) in code_lines:
        where = w["article"].format(a=article, n=code_lines[" ".join(text.split())])
    if fs.name not in ("<module>", ""):
        where = w["in"].format(f=fs.name, where=where)
    return [first, f"  {where}" + (w["sep"] + text if text else "")]


def short_errors(article: str | None = None, shell=None, lang: str = "en") -> None:
    """Make every failing cell of this notebook print :func:`describe`'s lines instead of a traceback.

    ``article`` (``"001"``) lets a line of a cell that is a registered claim's quote be
    reported with the article's line number; ``lang`` is the language of the location line.
    Outside IPython this does nothing.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover
            return
        shell = get_ipython()
    if shell is None:
        return
    code_lines = _code_lines(article)

    def handler(ip, etype, value, tb, tb_offset=None):
        stb = describe(etype, value, tb, article, code_lines, lang)
        ip._showtraceback(etype, value, stb)  # the cell's error output (IPython only returns what a handler gives)
        return stb

    shell.set_custom_exc((Exception,), handler)
