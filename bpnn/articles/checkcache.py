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

The cache touches only its own files: names ``check-<40 hex digits>-<lang>.json`` that
begin with its marker (``{"bpnn check cache": ``).  Anything else in the folder, a user's
``check-list.json`` included, is never read, replaced or removed.  Where something that is
not such a file stands at the cache file's place (a directory, a named pipe, a device, a
symbolic link, a file without the marker), ``bpnn check`` says so in one line on stderr and
runs without the cache; it never opens a FIFO for waiting and never reads a file whole
without a bound (64 MB).
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import stat
import sys
import tempfile
from pathlib import Path

__all__ = ["enabled", "cache_dir", "key", "load", "save"]

FORMAT = 2      # the layout of the stored file; part of the key (2: the marker first)


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
    # each distribution's metadata parsed once (``d.metadata`` parses the file at every access,
    # and ``d.version`` is ``d.metadata["Version"]``)
    dists = sorted({f"{md['Name']}=={md['Version']}" for md in (d.metadata for d in metadata.distributions())
                    if md["Name"]}, key=str.lower)
    add("distributions", "\n".join(dists).encode())
    return h.hexdigest()


def _file(k: str, lang: str) -> Path:
    return cache_dir() / f"check-{k[:40]}-{lang}.json"


#: the names the cache gives its files, and the first bytes of every file it writes (its marker);
#: ``{"key": "<64 hex digits>"`` begins the files of the first format, written before the marker
_NAME = re.compile(r"check-[0-9a-f]{40}-[a-z]{2}\.json")
MARKER = '{"bpnn check cache": '
_OLD_MARKER = re.compile(rb'\{"key": "[0-9a-f]{64}"')
#: a file of the cache is at most this large (the whole set of claims is about 1 MB)
MAX_BYTES = 64_000_000


def _kind(mode: int) -> str:
    return ("a directory" if stat.S_ISDIR(mode) else "a symbolic link" if stat.S_ISLNK(mode)
            else "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a character device" if stat.S_ISCHR(mode)
            else "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "not a regular file")


def _open(path: Path):
    """(descriptor, None) of the regular file at ``path`` itself (a symbolic link is not followed; a FIFO is
    not waited on), or (None, why it is not used); (None, None) when there is no file there."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return None, None if isinstance(exc, NotADirectoryError) else f"{path}: {exc.strerror or exc}"
        if stat.S_ISREG(mode):
            return None, f"{path}: {exc.strerror or exc}"
        return None, f"{path} is {_kind(mode)}, not a regular file"
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        return None, f"{path} is {_kind(mode)}, not a regular file"
    return fd, None


def _ours(path: Path) -> tuple[bool, str | None]:
    """Is the file at ``path`` one this cache wrote (its name and its marker)?  (yes/no, why it is not usable).

    Reads at most its first bytes; never blocks on a FIFO and never follows a link.
    """
    if not _NAME.fullmatch(path.name):
        return False, f"{path.name} is not a name the cache gives its files"
    fd, why = _open(path)
    if fd is None:
        return False, why
    try:
        head = os.read(fd, 100)
    except OSError as exc:
        return False, f"{path}: {exc.strerror or exc}"
    finally:
        os.close(fd)
    if head.startswith(MARKER.encode()) or _OLD_MARKER.match(head):
        return True, None
    return False, f"{path} was not written by bpnn check (it lacks the cache's marker)"


def unusable(k: str, lang: str) -> str | None:
    """Why the cache file of this key and language must be neither read nor replaced, or None.

    Something that is not a regular file (a directory, a named pipe, a device, a symbolic link)
    or a file without the cache's marker stands where the cache would write: it is left alone.
    """
    path = _file(k, lang)
    try:
        os.lstat(path)
    except OSError:
        return None            # nothing there (or no directory yet): the cache can write it
    ours, why = _ours(path)
    return None if ours else why


def load(k: str, lang: str) -> tuple[list[dict], str] | None:
    """(rows, when they were computed) for this key and language, or None (absent, unreadable, other key,
    not a regular file, not written by the cache)."""
    path = _file(k, lang)
    fd, _ = _open(path)
    if fd is None:
        return None
    try:
        chunks, total = [], 0
        while total <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if total > MAX_BYTES or not raw.startswith(MARKER.encode()):
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
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
    """Store the rows of every claim; None when stored, else the reason it could not be.

    The rows are written to a temporary file in the cache folder and renamed into place, so a
    reader sees the old file or the whole new one.  A file in the way that the cache did not write
    (see :func:`unusable`) is never replaced.  Then the cache's files of other keys are removed:
    only those with the cache's names *and* its marker; nothing else in the folder is touched.
    """
    from datetime import datetime, timezone

    d = cache_dir()
    why = unusable(k, lang)
    if why:
        return why
    data = {"bpnn check cache": FORMAT, "key": k, "lang": lang,
            "computed": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "rows": rows}
    tmp = None
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".json.tmp", dir=d)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, _file(k, lang))     # atomic: a reader sees the old file or the whole new one
        tmp = None
    except OSError as exc:
        return f"{d}: {exc.strerror or exc}"
    finally:
        if tmp is not None and os.path.exists(tmp):     # an error or Ctrl-C while writing
            os.unlink(tmp)
    try:
        names = os.listdir(d)
    except OSError:
        return None
    for name in names:                  # files of other keys are never read again
        if _NAME.fullmatch(name) and not name.startswith(f"check-{k[:40]}-") and _ours(d / name)[0]:
            try:
                os.unlink(d / name)
            except OSError:
                pass
    return None
