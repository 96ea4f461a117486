"""Reading articles from files, and the stored extract of the five articles' math."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ...errors import BpnnError
from .find import MathPiece, extract_math
from .verdicts import FileResult, audit_document, audit_text

STORED_MATH = Path(__file__).resolve().parent.parent / "data" / "article_math.json"
MAX_FILE_BYTES = 20_000_000



def read_article(path: str | Path) -> str:
    """An article's text; a missing file, a directory, a device, a pipe or a huge file is refused at once."""
    import os

    from ...textfile import read_text_file

    if path != "-" and not os.path.lexists(path):
        raise BpnnError(f"no such file: {path}")
    return read_text_file(path, "article", max_bytes=MAX_FILE_BYTES)


def audit_file(path: str | Path, math_only: bool = False, log: list | None = None) -> FileResult:
    text = read_article(path)
    try:
        return audit_text(text, Path(path).name, math_only=math_only, log=log)
    except BpnnError as exc:
        raise BpnnError(f"{path}: {exc}") from None


def extract_files(paths) -> dict:
    """The math of some files as the JSON the project stores (math only, with line numbers)."""
    articles = {}
    for path in paths:
        text = read_article(path)
        try:
            pieces, sections = extract_math(text, plain=False)
        except BpnnError as exc:
            raise BpnnError(f"{path}: {exc}") from None
        articles[Path(path).name] = {
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "lines": len(text.splitlines()),
            "sections": [[line, level] for line, level in sections],
            "math": [[p.line, p.kind, p.tex] for p in pieces],
        }
    return {
        "about": "The LaTeX math of the articles (math only, with 1-based line numbers), "
                 "extracted by `bpnn audit --extract`; `bpnn audit --stored` audits it.",
        "format": 2,
        "articles": dict(sorted(articles.items())),
    }


def dump_extract(data: dict) -> str:
    """The extract as text: one math line, section or parse per line (diffs stay readable)."""
    def j(x):
        return json.dumps(x, ensure_ascii=False)

    out = ["{", f' "about": {j(data["about"])},', f' "format": {j(data["format"])},', ' "articles": {']
    names = list(data["articles"])
    for i, name in enumerate(names):
        a = data["articles"][name]
        out.append(f'  {j(name)}: {{')
        out.append(f'   "sha256": {j(a["sha256"])},')
        out.append(f'   "lines": {j(a["lines"])},')
        out.append(f'   "sections": {j(a["sections"])},')
        out.append('   "math": [')
        out.append(",\n".join(f"    {j(m)}" for m in a["math"]))
        out.append("   ]")
        out.append("  }" + ("," if i < len(names) - 1 else ""))
    out.append(" }")
    out.append("}")
    return "\n".join(out) + "\n"


@lru_cache(maxsize=4)
def _load_stored(path: str) -> dict:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BpnnError(f"{p}: cannot read the stored math: {exc.strerror}") from None
    except ValueError as exc:
        raise BpnnError(f"{p}: the stored math is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != 2 or not isinstance(data.get("articles"), dict):
        raise BpnnError(f"{p}: not a stored-math file of format 2")
    return data


def stored_math(path: str | Path = STORED_MATH) -> dict:
    """The stored extract: ``{file name: {"math": [[line, kind, tex], …], "sections": …}}``."""
    return _load_stored(str(path))["articles"]


def _resolve_stored(names, articles: dict) -> list[str]:
    if not names:
        return list(articles)
    out = []
    for n in names:
        hits = [a for a in articles if a == n or a.split("_", 1)[0] == n or a == Path(n).name]
        if not hits:
            raise BpnnError(f"no stored article {n!r}; stored: {', '.join(articles)}")
        out.extend(hits)
    return out


def audit_stored(names=(), path: str | Path = STORED_MATH) -> list[FileResult]:
    """Audit the stored math of some articles (all five by default); no article files needed."""
    articles = stored_math(path)
    results = []
    for name in _resolve_stored(names, articles):
        a = articles[name]
        pieces = [MathPiece(int(line), kind, tex) for line, kind, tex in a["math"]]
        results.append(audit_document(name, pieces, [tuple(s) for s in a["sections"]]))
    return results




# ----------------------------------------------------------------------------- writing

def _same_file(a: str | Path, b: str | Path) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def refuse_overwriting_inputs(output: str | Path, inputs, what: str = "the output") -> None:
    """Refuse (``BpnnError``) an ``output`` path that is one of the ``inputs`` (same file through any
    link or spelling, or the same resolved path), or standard input/output given as ``-``."""
    if str(output) == "-":
        raise BpnnError(f"{what} '-': give a file name")
    for p in inputs:
        if str(p) != "-" and _same_file(output, p):
            raise BpnnError(f"{what} {output} is one of the input files ({p}): refusing to overwrite it")


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder renamed into place:
    the old file stays whole until the new one is complete; a failure leaves no partial file."""
    import os
    import tempfile

    path = Path(path)
    if path.is_dir():
        raise BpnnError(f"{path}: is a folder, not a file")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise BpnnError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:     # the mode of the file it replaces, else what a new file gets
            mode = os.stat(path).st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise BpnnError(f"{path}: cannot write: {exc.strerror}") from None


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
