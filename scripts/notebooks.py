"""Running a notebook the way this project stores it: one definition, used by
scripts/execute_notebooks.py (which writes the result) and
scripts/check_notebooks_deterministic.py (which compares it).

A notebook is executed by nbclient (``nbclient.execute``, the library behind
``jupyter execute``) in its own folder, without timing metadata, and then
normalised the way it is committed:

* consecutive stream outputs of one cell (stdout, stderr) are joined: the kernel
  splits a cell's printing into chunks by timing, which would change the file from
  run to run but not what anyone sees;
* cell ``execution`` metadata and notebook ``widgets`` metadata are dropped.

``jupyter execute --inplace`` alone would store the split streams and the timing
metadata (nbclient records it unless told not to), so a re-run of an unchanged
notebook would rewrite the file; hence this thin layer.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["ROOT", "all_notebooks", "merge_streams", "normalise", "execute", "stored_form"]


def all_notebooks() -> list[Path]:
    """Every notebook under book/ (checkpoints and build output left out), sorted."""
    return sorted(p for p in (ROOT / "book").rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts and "_build" not in p.parts)


def merge_streams(outputs: list) -> list:
    """Join consecutive outputs of the same stream (stdout, stderr) into one."""
    merged = []
    for out in outputs:
        if out.get("output_type") == "stream" and isinstance(out.get("text"), list):
            out["text"] = "".join(out["text"])
        if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")):
            merged[-1]["text"] = merged[-1]["text"] + out["text"]
        else:
            merged.append(out)
    return merged


def normalise(nb):
    """The notebook as it is committed (in place; returns it)."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    nb.metadata.pop("widgets", None)
    return nb


#: what jupyter_client raises when a kernel dies or hangs while starting, before any cell runs.
#: Seen in CI with two kernels starting at once: the port the parent picked for the kernel was
#: taken by the time the kernel bound it ("Address already in use"), and the kernel exited.
KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")

#: how many times a notebook is started when its kernel fails to start
START_ATTEMPTS = 3


def is_kernel_start_failure(exc: BaseException) -> bool:
    """True for a kernel that failed to start (no cell of the notebook has run), false for anything
    a notebook itself can cause."""
    return isinstance(exc, RuntimeError) and any(m in str(exc) for m in KERNEL_START_FAILURES)


def execute(path: Path, timeout: int = 600, attempts: int = START_ATTEMPTS, _run=None):
    """Read ``path``, execute it with nbclient in its own folder, return the normalised notebook
    (the file itself is not written).

    A kernel that fails to start (:func:`is_kernel_start_failure`) is started again, up to
    ``attempts`` times in all, with the notebook read afresh: nothing of the notebook ran, so a new
    start changes no output.  Any other error, and the last start failure, is raised."""
    import sys

    import nbclient
    import nbformat

    run = _run or nbclient.execute
    for attempt in range(1, attempts + 1):
        nb = nbformat.read(path, as_version=4)
        try:
            run(nb, cwd=str(Path(path).parent), timeout=timeout, kernel_name="python3", record_timing=False)
        except Exception as exc:
            if attempt == attempts or not is_kernel_start_failure(exc):
                raise
            print(f"{path}: the kernel failed to start ({str(exc).strip()[:120]}); "
                  f"starting it again ({attempt + 1} of {attempts})", file=sys.stderr)
            continue
        return normalise(nb)
    raise AssertionError("unreachable")  # pragma: no cover


def stored_form(nb) -> str:
    """The text the notebook is stored as."""
    import nbformat

    return nbformat.writes(nb)
