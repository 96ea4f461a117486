"""Run every notebook twice and check that the two runs give byte-identical notebooks.

    python scripts/check_notebooks_deterministic.py                  # every notebook under book/
    python scripts/check_notebooks_deterministic.py book/x.ipynb     # just these
    python scripts/check_notebooks_deterministic.py --stored         # also compare with the committed outputs
    python scripts/check_notebooks_deterministic.py --once           # one run, compared with the committed one (CI)
    python scripts/check_notebooks_deterministic.py --jobs 2         # notebooks in parallel

The notebooks are executed from copies (the files under book/ are never
rewritten), each in its own folder (book/, so relative paths work), with the
same code as scripts/execute_notebooks.py (scripts/notebooks.py: nbclient, no timing metadata).  Every
output is compared, images included: a timing, a memory address, an unseeded
random number or a set's iteration order shows up as a difference, with the
cell and the first differing line.  Consecutive stream outputs of one cell
(stdout, stderr) are joined before comparing: the kernel splits a cell's
printing into chunks by timing, which changes the file but not what anyone sees.

``--stored`` also compares the first run with the outputs committed in the
file, which finds notebooks whose stored outputs are stale (re-run
scripts/execute_notebooks.py on them).  ``--once`` runs each notebook once and
compares it with the committed outputs only (the committed file is the other
run): half the time, for CI, where a difference means non-deterministic *or*
stale outputs, both of which nbval would also trip over.

Exit status: 0 all deterministic (and, with --stored, up to date); 1 otherwise;
2 bad arguments.
"""
from __future__ import annotations

import argparse
import difflib
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from notebooks import ROOT, all_notebooks, execute, normalise, stored_form


def execute_copy(path: str, timeout: int) -> tuple[str, float]:
    """Execute a copy of the notebook in its own folder; return (stored form, seconds)."""
    t0 = time.perf_counter()
    nb = execute(Path(path), timeout)
    return stored_form(nb), time.perf_counter() - t0


def check(path: str, timeout: int, stored: bool, once: bool = False) -> tuple[str, list[str], float]:
    """Two runs of one notebook (or one, and the stored one): (path, problems, seconds)."""
    import nbformat

    problems = []
    try:
        first, t1 = execute_copy(path, timeout)
        if once:
            on_disk = stored_form(normalise(nbformat.read(path, as_version=4)))
            if on_disk != first:
                problems.append("the run differs from the stored outputs: " + first_difference(on_disk, first))
            return path, problems, t1
        second, t2 = execute_copy(path, timeout)
    except Exception as exc:  # a failing notebook is a finding, not a crash of this script
        return path, [f"does not run: {type(exc).__name__}: {str(exc).strip().splitlines()[-1][:300] if str(exc).strip() else ''}"], 0.0
    if first != second:
        problems.append("two runs differ: " + first_difference(first, second))
    if stored:
        on_disk = stored_form(normalise(nbformat.read(path, as_version=4)))
        if on_disk != first:
            problems.append("stored outputs are stale: " + first_difference(on_disk, first))
    return path, problems, t1 + t2


def first_difference(a: str, b: str) -> str:
    """Where two stored notebooks first differ: the cell number and the first differing lines."""
    import json

    ca, cb = json.loads(a)["cells"], json.loads(b)["cells"]
    for i, (x, y) in enumerate(zip(ca, cb)):
        if x != y:
            xa = json.dumps(x, indent=1, sort_keys=True).splitlines()
            yb = json.dumps(y, indent=1, sort_keys=True).splitlines()
            diff = [l for l in difflib.unified_diff(xa, yb, lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("---", "+++")]
            return f"cell {i} ({x.get('cell_type')}): " + " | ".join(s.strip()[:160] for s in diff[:2])
    if len(ca) != len(cb):
        return f"{len(ca)} vs {len(cb)} cells"
    return "notebook metadata differs"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="run each notebook twice and compare the outputs byte for byte")
    p.add_argument("notebooks", nargs="*", help="notebooks (default: every .ipynb under book/)")
    p.add_argument("--stored", action="store_true", help="also compare with the outputs stored in the file")
    p.add_argument("--once", action="store_true",
                   help="one run per notebook, compared with the stored outputs only (half the time)")
    p.add_argument("--jobs", type=int, default=1, help="notebooks run in parallel (default 1)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    args = p.parse_args(argv)

    if args.notebooks:
        paths = [Path(n).resolve() for n in args.notebooks]
        missing = [str(n) for n in paths if not n.is_file() or n.suffix != ".ipynb"]
        if missing:
            print(f"check_notebooks_deterministic: error: not a notebook: {', '.join(missing)}", file=sys.stderr)
            return 2
    else:
        paths = all_notebooks()
    if not paths:
        print("no notebooks found")
        return 0

    t0 = time.perf_counter()
    jobs = max(1, min(args.jobs, len(paths)))
    if jobs == 1:
        results = [check(str(q), args.timeout, args.stored, args.once) for q in paths]
    else:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(check, [str(q) for q in paths], [args.timeout] * len(paths),
                                    [args.stored] * len(paths), [args.once] * len(paths)))
    bad = 0
    for path, problems, secs in results:
        name = Path(path).relative_to(ROOT) if Path(path).is_relative_to(ROOT) else path
        if problems:
            bad += 1
            for prob in problems:
                print(f"FAIL {name}: {prob}")
        else:
            print(f"ok   {name} ({secs:.1f} s for {'one run' if args.once else 'two runs'})")
    print(f"{len(paths) - bad} of {len(paths)} notebooks deterministic"
          + (" and up to date" if args.stored or args.once else "") + f"; {time.perf_counter() - t0:.1f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
