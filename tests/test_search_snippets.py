"""The book's search page shows formulas in its snippets as text, not as raw TeX (book/_static/search-snippets.js).

Sphinx's search page writes under each hit a few lines of the page's HTML source, where a formula is
still the TeX that MathJax typesets later.  The script replaces each formula by a plain reading of it.
Checked in headless Chromium on the built site: every formula of the book read by the script has no TeX
left, a few readings are what a reader expects, and a real search's snippets have no raw TeX.
Skips like tests/test_browser.py where there is no built book or no Chromium (CI turns the skips into
failures with BPNN_REQUIRE_BROWSER=1).
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = Path(os.environ.get("BPNN_HTML", ROOT / "_build" / "html")).resolve()
SCRIPT = ROOT / "book" / "_static" / "search-snippets.js"
REQUIRE = os.environ.get("BPNN_REQUIRE_BROWSER") == "1"

# raw TeX in plain text: a math delimiter or a backslash command (a snippet may hold code, with braces)
RAW_TEX = re.compile(r"\\[()\[\]]|\$\$|\\[A-Za-z]+")
# and in a formula read as text, no brace either
RAW_TEX_OR_BRACE = re.compile(RAW_TEX.pattern + r"|[{}]")


def _chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _skip(reason: str):
    if REQUIRE:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> str:
    path = _chromium()
    if not path:
        _skip("no chromium on PATH (run .ci/install-browser)")
    return path


@pytest.fixture(scope="module")
def site() -> Path:
    if not (HTML / "search.html").is_file():
        _skip(f"no built book at {HTML} (run `jupyter-book build .` first)")
    if not (HTML / "_static" / "search-snippets.js").is_file():
        _skip("the built book predates book/_static/search-snippets.js: build it again")
    return HTML


def _dump(chromium: str, url: str, *extra: str) -> str:
    with tempfile.TemporaryDirectory(prefix="bpnn-chromium-") as profile:
        proc = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-extensions", f"--user-data-dir={profile}",
                               "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=20000",
                               *extra, "--dump-dom", url], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-1500:]
    return proc.stdout


def _formulas(site: Path) -> list[str]:
    found = set()
    # both editions: the English pages (book/) and the Chinese site's (zh/)
    for page in sorted([*site.glob("book/**/*.html"), *site.glob("zh/*.html")]):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<(span|div) class="math[^"]*">(.*?)</\1>', text, re.S):
            found.add(html.unescape(m.group(2)))
    return sorted(found)


EXAMPLES = {
    r"\(\sigma'(z) = \sigma(z)(1-\sigma(z))\)": "σ′(z) = σ(z)(1−σ(z))",
    r"\(\frac{\partial L}{\partial w_{ij}} = a_i \delta_j\)": "(∂ L)/(∂ w_ij) = a_i δ_j",
    r"\[\delta^{(l)} = ((W^{(l+1)})^T \delta^{(l+1)}) \odot f'(z^{(l)})\]":
        "δ^(l) = ((W^(l+1))ᵀ δ^(l+1)) ⊙ f′(z^(l))",
    r"\(x^2 + e^{-0.2} \approx 0.8187\)": "x² + e^(−0.2) ≈ 0.8187",
    r"\(W \in \mathbb{R}^{3 \times 2}\)": "W ∈ ℝ^(3 × 2)",
}


def _harness(tmp_path: Path, tex: list[str]) -> Path:
    page = tmp_path / "harness.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<script src='{SCRIPT.as_uri()}'></script></head><body><pre id='out'></pre><script>"
        f"const tex = {json.dumps(tex)};"
        "document.getElementById('out').textContent = JSON.stringify(tex.map(window.bpnnTexToText));"
        "</script></body></html>", encoding="utf-8")
    return page


def _read(chromium: str, tmp_path: Path, tex: list[str]) -> list[str]:
    dom = _dump(chromium, _harness(tmp_path, tex).as_uri(), "--allow-file-access-from-files")
    out = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert out, dom[-1500:]
    return json.loads(html.unescape(out.group(1)))


def test_the_raw_tex_detector():
    assert RAW_TEX.search(r"the derivative \(\sigma'(z)\) is")
    assert RAW_TEX.search(r"where \frac12 is")
    assert not RAW_TEX.search("the derivative σ′(z) = σ(z)(1−σ(z)) is")
    assert RAW_TEX_OR_BRACE.search("x^{(l)}") and not RAW_TEX.search('{"layers": []}')


def test_formulas_read_as_a_reader_expects(chromium, tmp_path):
    got = _read(chromium, tmp_path, list(EXAMPLES))
    assert dict(zip(EXAMPLES, got)) == EXAMPLES


def test_no_formula_of_the_book_keeps_tex(chromium, site, tmp_path):
    tex = _formulas(site)
    assert len(tex) > 100
    got = _read(chromium, tmp_path, tex)
    left = [(t[:80], g[:80]) for t, g in zip(tex, got) if RAW_TEX_OR_BRACE.search(g)]
    assert not left, left[:10]


@pytest.mark.parametrize("edition, query", [("en", "sigmoid"), ("zh", "sigmoid"), ("zh", "学习率")])
def test_search_snippets_show_no_raw_tex(chromium, site, edition, query):
    """Each site's own search page (the English one at the root, the Chinese one under zh/)."""
    page = site / "search.html" if edition == "en" else site / "zh" / "search.html"
    dom = _dump(chromium, page.as_uri() + "?q=" + quote(query), "--allow-file-access-from-files")
    snippets = [html.unescape(re.sub(r"<[^>]+>", "", s))
                for s in re.findall(r'<p class="context">(.*?)</p>', dom, re.S)]
    assert snippets, f"the search for {query!r} shows no snippet"
    raw = [s[:200] for s in snippets if RAW_TEX.search(s)]
    assert not raw, raw[:5]
