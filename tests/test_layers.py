"""The engine and the article machinery are two layers, and imports go one way.

The engine is every module directly under ``bpnn/`` (network, activations, losses, optim,
train, gradcheck, spec, trace, values, datasets, symbolic, errors); the article machinery
is ``bpnn/articles/``.  The engine never imports ``bpnn.articles`` — not at the top of a
module and not inside a function — so it can be read, tested and reused without the
articles.  Only the command line (``bpnn/cli.py``), which offers ``check`` and ``audit``
beside ``trace``, reaches into both, and only inside the commands that need it.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "bpnn"
ENGINE = sorted(p for p in PKG.glob("*.py") if p.name not in ("cli.py", "__main__.py"))


def imported_modules(path: Path) -> list[tuple[int, str, bool]]:
    """(line, absolute module name, at module level?) of every import in a file of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = "bpnn" if path.parent == PKG else "bpnn." + ".".join(path.parent.relative_to(PKG).parts)
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            names = [mod] if node.module else [f"{mod}.{a.name}" for a in node.names]
            out += [(node.lineno, m, id(node) in top) for m in names]
    return out


def test_the_helper_resolves_relative_imports(tmp_path):
    # a test of the test: a relative import of the article package must be seen as one
    assert ("bpnn.articles.claims", ) == tuple(m for _, m, _ in imported_modules(PKG / "cli.py")
                                               if m == "bpnn.articles.claims")


@pytest.mark.parametrize("path", ENGINE, ids=lambda p: p.name)
def test_the_engine_never_imports_the_article_machinery(path):
    bad = [(line, m) for line, m, _ in imported_modules(path) if m == "bpnn.articles" or m.startswith("bpnn.articles.")]
    assert not bad, f"{path.name} imports the article machinery: {bad}"


def test_the_cli_imports_the_article_machinery_only_inside_its_commands():
    bad = [(line, m) for line, m, top in imported_modules(PKG / "cli.py") if m.startswith("bpnn.articles") and top]
    assert not bad, bad


def test_import_bpnn_loads_neither_sympy_nor_matplotlib_nor_the_claims():
    code = ("import sys, bpnn; bpnn.Network; bpnn.fit; "
            "print(sorted({m.split('.')[0] if not m.startswith('bpnn') else m for m in sys.modules "
            "if m.startswith(('sympy', 'matplotlib', 'bpnn.articles', 'mpmath', 'IPython'))}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
