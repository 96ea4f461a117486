"""The verdict cache of ``bpnn check``: a second run with nothing changed answers at once.

Computing every verdict takes seconds (sympy proofs, training runs).  ``bpnn check``
keeps the rows it printed in one JSON file per language, under a key that is a
SHA-256 over everything that can change a verdict:

- every file of the installed ``bpnn`` package (its code and its data), path and bytes;
- the bytes of the five articles where they are found (:func:`.sources.seeds_dir`),
  or the fact that they are absent;
- the Python version and platform, and the name and version of every installed
  distribution (NumPy, sympy, mpmath, markdown-it-py, …).

Any change to any of them is a new key, so the old file is never read again (it is
removed when the new one is written).  The verdicts are deterministic (seeded
training, exact or 30–50-digit arithmetic; the notebooks' outputs are checked to be
identical run to run), so a hit gives the rows a fresh computation would give.

Only ``bpnn check`` uses it.  The book build and the tests compute every verdict
afresh, always (the root ``conftest.py`` sets ``BPNN_NO_CACHE=1``).  ``bpnn check
--fresh`` computes everything now and rewrites the file; ``BPNN_NO_CACHE=1`` turns
the cache off; ``BPNN_CACHE_DIR`` moves it (default ``$XDG_CACHE_HOME/bpnn``, else
``~/.cache/bpnn``).  A file that cannot be read or written is never an error: the
verdicts are then computed, and a note on stderr says why nothing was stored.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

__all__ = ["enabled", "cache_dir", "key", "load", "save"]

FORMAT = 1      # the layout of the stored file; part of the key


def enabled() -> bool:
    return os.environ.get("BPNN_NO_CACHE", "").strip() in ("", "0")


def cache_dir() -> Path:
    env = os.environ.get("BPNN_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # the XDG base-directory spec: a relative path is to be ignored
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "bpnn"


def _package_files() -> list[tuple[str, Path]]:
    """(name inside the package, path) of every file of the installed ``bpnn`` package but bytecode."""
    import bpnn

    root = Path(bpnn.__file__).resolve().parent
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            if not f.endswith((".pyc", ".pyo")):
                path = Path(dirpath) / f
                out.append((path.relative_to(root).as_posix(), path))
    return out


def key() -> str:
    """The SHA-256 (hex) of the package, the articles, Python and the installed distributions."""
    from importlib import metadata

    from .sources import ARTICLES, seeds_dir

    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)

    add("format", str(FORMAT).encode())
    for name, path in _package_files():
        add("package:" + name, path.read_bytes())
    seeds = seeds_dir()
    for name in sorted(ARTICLES.values()):
        path = seeds / name if seeds is not None else None
        add("article:" + name, path.read_bytes() if path is not None and path.is_file() else b"<absent>")
    add("python", f"{sys.version}|{platform.platform()}|{platform.machine()}".encode())
    dists = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()
                    if d.metadata["Name"]}, key=str.lower)
    add("distributions", "\n".join(dists).encode())
    return h.hexdigest()


def _file(k: str, lang: str) -> Path:
    return cache_dir() / f"check-{k[:40]}-{lang}.json"


def load(k: str, lang: str) -> tuple[list[dict], str] | None:
    """(rows, when they were computed) for this key and language, or None (absent, unreadable, other key)."""
    try:
        data = json.loads(_file(k, lang).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != k or data.get("lang") != lang \
            or not isinstance(data.get("rows"), list) or not all(_is_row(r, lang) for r in data["rows"]):
        return None
    return data["rows"], str(data.get("computed", "?"))


#: what every stored row holds (bpnn.cli._compute_rows), and the type of the fields the command reads
_ROW_KEYS = {"id", "source", "line", "chapter", "quote", "claimed", "computed", "verdict", "reviewed",
             "matches_review", "method", "explained_in", "detail", "_article"}
_ROW_TYPES = {"id": str, "source": str, "chapter": str, "verdict": str, "reviewed": str, "matches_review": bool,
              "_article": str}


def _is_row(row, lang: str) -> bool:
    if not isinstance(row, dict):
        return False
    keys = _ROW_KEYS | ({"verdict_label", "reviewed_label"} if lang != "en" else set())
    return keys <= row.keys() and all(isinstance(row[k], t) for k, t in _ROW_TYPES.items())


def save(k: str, lang: str, rows: list[dict]) -> str | None:
    """Store the rows of every claim; None when stored, else the reason it could not be."""
    from datetime import datetime, timezone

    d = cache_dir()
    data = {"key": k, "lang": lang, "computed": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "rows": rows}
    tmp = None
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".json", dir=d)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, _file(k, lang))     # atomic: a reader sees the old file or the whole new one
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        return f"{d}: {exc.strerror or exc}"
    for old in d.glob("check-*.json"):        # files of other keys are never read again
        if not old.name.startswith(f"check-{k[:40]}-"):
            try:
                old.unlink()
            except OSError:
                pass
    return None
