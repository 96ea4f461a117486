"""Text for a terminal: how wide it is, how wide a text is in it, and progress while a computation runs.

Shared by the engine's ``bpnn trace`` and the article machinery's ``bpnn check`` and ``bpnn audit``
(it imports nothing from :mod:`bpnn.articles`).

* **Width.**  :func:`terminal_width` is the ``COLUMNS`` environment variable when it holds a whole
  number, else the width of the terminal, else 80 (output to a file or a pipe); never less than
  :data:`MIN_WIDTH`.
* **Columns, not characters.**  :func:`display_width` counts East Asian wide and full-width
  characters (Chinese) as two columns and combining marks as none; :func:`pad` and :func:`wrap`
  measure with it, so a Chinese table lines up and a Chinese line breaks at the right place.
* **Progress.**  :func:`progress` wraps an iterable in a ``tqdm`` bar on standard error when
  standard error is a terminal, and gives the iterable back untouched otherwise (a log file or a
  test sees nothing).
"""
from __future__ import annotations

import io
import os
import sys
import textwrap
import unicodedata

__all__ = ["MIN_WIDTH", "terminal_width", "display_width", "pad", "wrap", "wrap_line", "fit_cells", "progress"]

#: the narrowest width text is laid out for (a table of numbers cannot be read narrower)
MIN_WIDTH = 40


def terminal_width() -> int:
    """Columns to lay text out in: ``COLUMNS`` if set to a whole number, else the terminal's width, else 80."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return max(MIN_WIDTH, int(env))
    try:
        cols = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ is not None else 0
    except (OSError, ValueError, AttributeError):
        cols = 0
    return max(MIN_WIDTH, cols or 80)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters take two."""
    if text.isascii():          # no ASCII character is wide or combining: one column each
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else (0 if unicodedata.combining(ch) else 1)
               for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (right-aligned when ``right``)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap`` measured in terminal columns: the same lines for ASCII text; a line of
    Chinese (wide characters, few spaces) is broken between characters where it must be."""
    width = max(1, width)
    if display_width(text) == len(text):
        return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    lines: list[str] = []
    for word in text.split(" "):
        if lines and display_width(lines[-1]) + 1 + display_width(word) <= width:
            lines[-1] += " " + word
            continue
        lines.append("")
        for ch in word:
            if lines[-1] and display_width(lines[-1]) + display_width(ch) > width:
                lines.append("")
            lines[-1] += ch
    return lines


def wrap_line(line: str, width: int | None, indent: int | None = None) -> list[str]:
    """One line of prose fitted to ``width`` columns (None: left as it is).  Its continuation lines
    are indented by ``indent`` spaces (default: the line's own leading spaces, plus two)."""
    if width is None or display_width(line) <= width:
        return [line]
    lead = len(line) - len(line.lstrip(" "))
    more = lead + 2 if indent is None else indent
    more = min(more, width // 2)
    first = wrap(line.strip(" "), width - lead)
    if not first:
        return [line]
    out = [" " * lead + first[0]]
    rest = " ".join(first[1:])
    out += [" " * more + piece for piece in wrap(rest, width - more)] if rest else []
    return out


def fit_cells(cells: list[str], width: int | None, indent: int) -> list[str]:
    """A table row given as its cells (each already padded, joined by one space), laid out in
    ``width`` columns: cells that do not fit go on the next line, ``indent`` spaces in."""
    line = " ".join(cells)
    if width is None or display_width(line) <= width:
        return [line]
    out = [cells[0]]
    for cell in cells[1:]:
        if display_width(out[-1]) + 1 + display_width(cell) <= width or not out[-1].strip():
            out[-1] += " " + cell
        else:
            out.append(" " * indent + cell.lstrip(" ") if indent + display_width(cell.lstrip(" ")) <= width
                       else " " * indent + cell.strip())
    return out


def progress(iterable, total: int | None = None, desc: str = "", delay: float = 1.0):
    """``iterable`` with a progress bar on standard error when it is a terminal, shown once the
    loop has run ``delay`` seconds (a quick loop shows nothing); ``iterable`` itself otherwise."""
    stream = sys.stderr
    try:
        tty = stream is not None and stream.isatty()
    except (ValueError, OSError):
        tty = False
    if not tty:
        return iterable
    from tqdm import tqdm

    try:
        cols, rows = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        cols, rows = 0, 0
    # a terminal that reports no size (0 × 0) still gets a bar (tqdm would draw nothing)
    return tqdm(iterable, total=total, desc=desc, file=stream, leave=False, ncols=min(cols or 80, 100),
                nrows=rows or 24, mininterval=0.2, delay=delay)
