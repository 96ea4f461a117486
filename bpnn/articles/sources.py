"""Where the five articles are, and how to read one line of them.

The articles are not part of the project (a fresh clone does not have them).
They live in ``../shared/seeds/`` beside the checkout; ``BPNN_SEEDS`` can point
elsewhere.  Claims name an article by its file name and a 1-based line number.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

__all__ = ["ARTICLES", "seeds_dir", "article_lines", "article_line"]

#: short id -> file name of the five articles
ARTICLES = {
    "000": "000_207a43eb0434719d.txt",
    "001": "001_955b3a92876e0bec.txt",
    "002": "002_509e2db27339cf03.txt",
    "003": "003_19dde283f7dc13dd.txt",
    "004": "004_18dff59cb543dc5b.txt",
}


def seeds_dir() -> Path | None:
    """The folder holding the articles, or None where this checkout has none."""
    env = os.environ.get("BPNN_SEEDS")
    if env:
        p = Path(env)
        return p if p.is_dir() else None
    here = Path(__file__).resolve().parent.parent
    for base in (Path.cwd(), *Path.cwd().parents, here, *here.parents):
        p = base / "shared" / "seeds"
        if p.is_dir() and (p / ARTICLES["000"]).exists():
            return p
    return None


@lru_cache(maxsize=None)
def article_lines(source: str) -> tuple[str, ...] | None:
    """All lines of an article (without line ends), or None where the articles are absent."""
    d = seeds_dir()
    if d is None or not (d / source).exists():
        return None
    return tuple((d / source).read_text(encoding="utf-8").splitlines())


def article_line(source: str, line: int) -> str | None:
    lines = article_lines(source)
    if lines is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1]
