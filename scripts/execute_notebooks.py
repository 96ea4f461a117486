"""Execute notebooks in place so they are committed with fresh outputs.

    python scripts/execute_notebooks.py                 # every notebook under book/
    python scripts/execute_notebooks.py book/x.ipynb    # just these

Run it after editing a notebook: nbval (in the test suite) compares each
notebook's stored outputs with a fresh run, so stored outputs must be current.
Notebooks are run by nbclient and stored as scripts/notebooks.py describes
(streams joined, no timing metadata), so re-running an unchanged notebook
changes nothing in the file.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from notebooks import ROOT, all_notebooks, execute


def main(argv: list[str]) -> int:
    paths = [Path(p).resolve() for p in argv] or all_notebooks()
    for p in paths:
        nbformat.write(execute(p), p)
        print(f"executed {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
