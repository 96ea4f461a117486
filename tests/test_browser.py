"""The built book, as a reader's browser shows it (headless Chromium, no network).

Opens the intro, one chapter per article (the chapter that explains most of
that article's claims, found through the claims registry's ``explained_in``)
and the errata page, and fails when

* a formula is left as raw TeX (``\\(``, ``\\[``, ``$$`` or ``$…\\…$`` in the
  rendered text), MathJax typeset fewer formulas than the page has, or MathJax
  reports an error in one;
* an image does not load;
* an internal link points to a missing page or a missing anchor;
* on any page of the book, a table is wider than the article column at 1400 px,
  or, at 400 px, the page scrolls sideways or a table sticks out of the column
  other than inside its own scrolling wrapper (one Chromium run opens every page
  in an iframe of each width and measures it: :func:`measure_layout`);
* Chinese text is drawn as missing glyphs (distinct characters that give the same
  bitmap as a character no font has: the case without a CJK font);
* a page shows a path of the build machine or a frame inside an installed library.

Chromium runs with every host name unresolvable, so the pages must render from
the built site alone (MathJax included).  A screenshot of one chapter is kept
as ``_build/browser-test/chapter.png``.

Skips, with the reason, where there is no built book (``_build/html``; build it
with ``jupyter-book build .``), where the build is older than a notebook or the
configuration, or where there is no Chromium (``.ci/install-browser``): the
README's test command runs before any build.  CI builds the book and then runs
this file with ``BPNN_REQUIRE_BROWSER=1``, which turns every such skip into a
failure.  ``BPNN_HTML`` points at another built site, ``CHROMIUM`` at another
browser.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HTML = Path(os.environ.get("BPNN_HTML", ROOT / "_build" / "html")).resolve()
ARTIFACTS = HTML.parent / "browser-test"
# the Chinese edition is a site of its own, under zh/ of the English one (book/zh/_config.yml)
ZH = HTML / "zh"


def _chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _stale() -> str | None:
    """A source newer than every page of the build: the build is out of date (say which)."""
    pages = list(HTML.glob("**/*.html"))
    if not pages:
        return None
    built = max(p.stat().st_mtime for p in pages)
    sources = [ROOT / "_config.yml", ROOT / "_toc.yml", *(ROOT / "book").glob("**/*.ipynb"), *(ROOT / "book").glob("**/*.md")]
    newer = sorted(str(p.relative_to(ROOT)) for p in sources if p.is_file() and p.stat().st_mtime > built + 1)
    return ", ".join(newer[:3]) + (" …" if len(newer) > 3 else "") if newer else None


CHROMIUM = _chromium()
BUILT = (HTML / "book" / "intro.html").is_file()
STALE = _stale() if BUILT and "BPNN_HTML" not in os.environ else None
# CI sets BPNN_REQUIRE_BROWSER=1 after building the book: then nothing may be skipped
REQUIRED = os.environ.get("BPNN_REQUIRE_BROWSER", "") not in ("", "0")

if REQUIRED:
    assert BUILT, f"BPNN_REQUIRE_BROWSER is set but there is no built book at {HTML}"
    assert CHROMIUM, "BPNN_REQUIRE_BROWSER is set but chromium is not installed (.ci/install-browser)"
needs_build = pytest.mark.skipif(
    not REQUIRED and (not BUILT or bool(STALE)),
    reason=f"no built book at {HTML} (run `jupyter-book build .` first)" if not BUILT
    else f"the built book is older than {STALE}; rebuild it (`jupyter-book build .`) to test it")
needs_browser = pytest.mark.skipif(not REQUIRED and CHROMIUM is None, reason="no chromium on PATH (run .ci/install-browser)")


# ----------------------------------------------------------------------------- pages
def _chapter_per_article() -> list[tuple[str, str | None]]:
    """(article, docname) for each of the five articles; docname None where no chapter explains it."""
    from bpnn.articles import ARTICLES
    from bpnn.articles.claims import all_claims

    per_article: dict[str, Counter] = {a: Counter() for a in ARTICLES}
    for c in all_claims():
        doc = c.explained_in.split("#")[0]
        if doc and c.article in per_article:
            per_article[c.article][doc] += 1
    out, taken = [], set()
    for article, docs in per_article.items():
        built = sorted((-n, d) for d, n in docs.items() if _page(d).is_file())
        # the chapter that explains most of the article's claims, preferring one not opened yet
        fresh = [d for _, d in built if d not in taken]
        doc = fresh[0] if fresh else (built[0][1] if built else None)
        taken.add(doc)
        out.append((article, doc))
    return out


def _page(docname: str) -> Path:
    return HTML / "book" / f"{docname}.html"


def _missing(reason: str, id: str):
    """A page that should be tested but is not in the build: a skip, or under BPNN_REQUIRE_BROWSER a failure."""
    return pytest.param(None, id=id, marks=[] if REQUIRED else [pytest.mark.skip(reason=reason)])


def _pages():
    params = [pytest.param(_page("intro"), id="intro")]
    try:
        chapters = _chapter_per_article()
    except Exception as exc:  # the registry itself is tested elsewhere
        chapters = []
        params.append(_missing(f"claims registry failed: {exc}", "chapters"))
    for article, doc in chapters:
        if doc is None:
            params.append(_missing(f"no built chapter explains a claim of article {article}", f"article-{article}"))
        else:
            params.append(pytest.param(_page(doc), id=f"article-{article}-{doc}"))
    errata = sorted(HTML.glob("**/*errata*.html")) if BUILT else []
    if errata:
        params += [pytest.param(p, id=f"errata-{p.stem}") for p in errata]
    else:
        params.append(_missing("no errata page in the build", "errata"))
    if _page("api").is_file():  # the API reference, where it is in the table of contents
        params.append(pytest.param(_page("api"), id="api"))
    # each of those pages in the Chinese edition too
    twins = []
    for p in params:
        page = p.values[0]
        if page is not None and page.parent == HTML / "book":
            zh = ZH / page.name
            twins.append(pytest.param(zh, id=f"zh-{p.id}") if zh.is_file() else _missing(f"no Chinese twin {zh.name}", f"zh-{p.id}"))
    return params + twins


# ----------------------------------------------------------------------------- browser
# Injected at the end of each page (in a copy of the site): load every image
# eagerly, then record, once the page and MathJax are done, which images loaded.
_PROBE = """
<script>
(function () {
  for (const img of document.images) { img.loading = "eager"; }
  function mark() {
    for (const img of document.images) {
      img.setAttribute("data-bpnn-loaded", img.complete && img.naturalWidth > 0 ? "yes" : "no");
    }
    document.body.setAttribute("data-bpnn-probe", "done");
  }
  window.addEventListener("load", function () {
    const mj = window.MathJax && window.MathJax.startup && window.MathJax.startup.promise;
    (mj ? mj.then(mark, mark) : Promise.resolve().then(mark));
  });
})();
</script>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A copy of the built site (the probe is added to the copy, never to _build)."""
    dst = tmp_path_factory.mktemp("site") / "html"
    shutil.copytree(HTML, dst, symlinks=True)
    return dst


def _chromium_args(profile: str) -> list[str]:
    return [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-extensions", "--no-first-run", "--mute-audio", f"--user-data-dir={profile}",
            # no network at all: everything must come from the built site
            "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=15000"]


def dump_dom(page: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="bpnn-chromium-") as profile:
        proc = subprocess.run(_chromium_args(profile) + ["--dump-dom", page.as_uri()],
                              capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"chromium failed on {page.name}: {proc.stderr[-2000:]}"
    return proc.stdout


def screenshot(page: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bpnn-chromium-") as profile:
        subprocess.run(_chromium_args(profile) + ["--window-size=1280,1600", f"--screenshot={out}", page.as_uri()],
                       capture_output=True, text=True, timeout=120)


# ----------------------------------------------------------------------------- layout
# A page of its own that opens each built page in an iframe of a given width
# (the iframe is the page's viewport: 1400 px a desktop, 400 px a phone), waits
# for MathJax, and writes what it measured into its own DOM as JSON:
#   * the article column (article.bd-article) and every visible table's right
#     edge, and the nearest ancestor that scrolls horizontally (its wrapper);
#   * how wide the page is against its viewport (horizontal page scroll);
#   * whether Chinese text has glyphs: a few distinct CJK characters of the page,
#     drawn on a canvas in the font the page gives them, must give distinct
#     bitmaps that differ from the bitmap of a character no font has (U+10FFFD).
#     Without a CJK font every one of them is the same empty box ("tofu").
_LAYOUT = r"""<!doctype html><html><head><meta charset="utf-8"></head><body>
<pre id="bpnn-layout">pending</pre>
<script>
const JOBS = __JOBS__;
const sleep = ms => new Promise(r => setTimeout(r, ms));
function bitmap(d, font, ch) {
  const c = d.createElement("canvas"); c.width = 64; c.height = 64;
  const g = c.getContext("2d"); g.font = font; g.textBaseline = "top"; g.fillStyle = "#000";
  g.fillText(ch, 8, 8);
  const px = g.getImageData(0, 0, 64, 64).data;
  let h = 0, ink = 0;
  for (let i = 3; i < px.length; i += 4) { h = (h * 31 + px[i]) | 0; ink += px[i] > 0; }
  return h + ":" + ink;
}
function cjk(w, d) {
  const re = /[\u4e00-\u9fff]/g;
  const walker = d.createTreeWalker(d.body, NodeFilter.SHOW_TEXT);
  let node, el = null, chars = new Set();
  while ((node = walker.nextNode())) {
    const m = node.data.match(re);
    if (!m || !node.parentElement || !node.parentElement.getClientRects().length) continue;
    if (!el) el = node.parentElement;
    for (const ch of m) { if (chars.size < 8) chars.add(ch); }
    if (chars.size >= 8) break;
  }
  if (!el) return null;
  const cs = w.getComputedStyle(el);
  const font = "32px " + cs.fontFamily;
  const none = bitmap(d, font, "\u{10FFFD}"), none2 = bitmap(d, font, "\u{10FFFC}");
  const maps = [...chars].map(ch => [ch, bitmap(d, font, ch)]);
  const distinct = new Set(maps.map(m => m[1])).size;
  const missing = maps.filter(m => m[1] === none).map(m => m[0]);
  return {font: cs.fontFamily, chars: [...chars].join(""), distinct, missing: missing.join(""),
          detector_ok: none === none2, sample: el.textContent.trim().slice(0, 40)};
}
async function measure(url, width) {
  const f = document.createElement("iframe");
  f.style.cssText = "width:" + width + "px;height:900px;border:0;display:block";
  const loaded = new Promise(r => { f.onload = r; });
  f.src = url; document.body.appendChild(f);
  await loaded;
  const w = f.contentWindow, d = f.contentDocument;
  const mj = w.MathJax && w.MathJax.startup && w.MathJax.startup.promise;
  if (mj) { try { await mj; } catch (e) {} }
  await sleep(100);
  const col = d.querySelector("article.bd-article") || d.querySelector("main") || d.body;
  const cr0 = col.getBoundingClientRect(), ccs = w.getComputedStyle(col);
  // the column's content box: a table may not run into the padding either
  const cr = {left: cr0.left + parseFloat(ccs.paddingLeft), right: cr0.right - parseFloat(ccs.paddingRight)};
  const tables = [];
  col.querySelectorAll("table").forEach((t, i) => {
    const r = t.getBoundingClientRect();
    if (!r.width) return;                       // not displayed (e.g. a closed toggle)
    let wrap = null;
    for (let p = t.parentElement; p && p !== col; p = p.parentElement) {
      const ox = w.getComputedStyle(p).overflowX;
      if (ox === "auto" || ox === "scroll") { wrap = p; break; }
    }
    const head = (t.querySelector("tr") || t).innerText.replace(/\s+/g, " ").trim().slice(0, 70);
    const cols = [...(t.querySelector("tr") || t).children].map(c => c.innerText.trim().slice(0, 12) + " " + Math.round(c.getBoundingClientRect().width));
    // the widest thing in a cell (what keeps its column from narrowing), for the failure message
    let widest = null;
    t.querySelectorAll("td * *").forEach(e => {
      const w = e.getBoundingClientRect().width;
      if (!widest || w > widest.w) widest = {w: Math.round(w), what: e.tagName.toLowerCase() + " " + (e.textContent || "").trim().slice(0, 40)};
    });
    // cells whose Chinese text gets too little width: fewer than min(4, its Chinese characters)
    // characters a line (one character a line is the failure seen: "文中数值" stacked)
    const narrow = [];
    t.querySelectorAll("th, td").forEach(c => {
      const txt = c.innerText.trim(), han = (txt.match(/[\u4e00-\u9fff]/g) || []).length;
      if (han < 2) return;
      const cs = w.getComputedStyle(c);
      const inner = c.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (inner < Math.min(4, han) * parseFloat(cs.fontSize) * 0.95)
        narrow.push(txt.slice(0, 16) + " (" + Math.round(inner) + " px at " + cs.fontSize + ")");
    });
    tables.push({index: i, head, cols, widest, narrow, left: r.left, right: r.right, width: r.width,
                 wrap_right: wrap ? wrap.getBoundingClientRect().right : null});
  });
  // readable in the theme's light and dark modes: the contrast of every badge, table cell and
  // claim gloss with what is behind it (WCAG: at least 4.5)
  const contrast = {};
  if (width >= 1000) {
    const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = c => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
                       return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
    const behind = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(w.getComputedStyle(e).backgroundColor);
                                                                      if (c.length === 3 || c[3] > 0.5) return c; }
                           return [255, 255, 255]; };
    for (const mode of ["light", "dark"]) {
      d.documentElement.setAttribute("data-theme", mode);
      d.documentElement.setAttribute("data-mode", mode);
      await sleep(50);
      const low = [];
      let n = 0;
      col.querySelectorAll(".verdict, table td, table th, .bpnn-gloss, a.bpnn-report").forEach(el => {
        if (!el.getClientRects().length || !el.innerText.trim()) return;
        n += 1;
        const fg = rgb(w.getComputedStyle(el).color), bg = behind(el);
        const a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5 && low.length < 5) low.push(el.className + " " + el.innerText.trim().slice(0, 20) + " " + ratio.toFixed(2));
      });
      contrast[mode] = {checked: n, low};
    }
    d.documentElement.setAttribute("data-theme", "light");
  }
  // what sticks out of the viewport (the innermost elements), where the page scrolls sideways
  const vw = d.documentElement.clientWidth, wide = [];
  if (d.documentElement.scrollWidth > vw + 1) {
    for (const el of d.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      // hidden drawers (the page's contents on a phone) are laid out off-screen but never widen the page
      if (w.getComputedStyle(el).visibility === "hidden") continue;
      if (r.right > vw + 1 && r.width && ![...el.children].some(c => c.getBoundingClientRect().right > vw + 1)) {
        let clipped = false;
        for (let p = el.parentElement; p; p = p.parentElement) {
          const ox = w.getComputedStyle(p).overflowX;
          if (ox !== "visible" && p.getBoundingClientRect().right <= vw + 1) { clipped = true; break; }
        }
        if (!clipped && wide.length < 5) wide.push(el.tagName.toLowerCase() + "." + [...el.classList].join(".") + " " + (el.textContent || "").trim().slice(0, 40));
      }
    }
  }
  if (d.documentElement.scrollWidth > vw + 1 && !wide.length) {
    // nothing sticks out of the viewport itself: name the innermost box whose content is wider than it
    const over = e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && w.getComputedStyle(e).overflowX === "visible";
    for (const el of d.body.querySelectorAll("*")) {
      if (over(el) && ![...el.children].some(over) && wide.length < 5)
        wide.push(el.tagName.toLowerCase() + "." + [...el.classList].join(".") + " (content " + el.scrollWidth + " px in " + el.clientWidth + " px) " + (el.textContent || "").trim().slice(0, 40));
    }
  }
  const out = {url, width, col_left: cr.left, col_right: cr.right, wide,
               page_width: d.documentElement.scrollWidth, viewport: d.documentElement.clientWidth,
               tables, contrast, cjk: cjk(w, d)};
  f.remove();
  return out;
}
(async () => {
  const results = [];
  for (const [url, width] of JOBS) {
    try { results.push(await measure(url, width)); }
    catch (e) { results.push({url, width, error: String(e)}); }
  }
  document.getElementById("bpnn-layout").textContent = JSON.stringify(results);
})();
</script></body></html>
"""


def measure_layout(site: Path, pages: list[Path], widths=(1400, 400), env=None) -> list[dict]:
    """Run the layout page over ``pages`` (paths in ``site``) at each width; one dict per (page, width)."""
    import json

    jobs = [[p.relative_to(site).as_posix(), w] for p in pages for w in widths]
    harness = site / "_bpnn_layout.html"
    harness.write_text(_LAYOUT.replace("__JOBS__", json.dumps(jobs)), encoding="utf-8")
    args = [a for a in _chromium_args("PROFILE") if not a.startswith("--virtual-time-budget")]
    with tempfile.TemporaryDirectory(prefix="bpnn-chromium-") as profile:
        args = [a.replace("PROFILE", profile) for a in args]
        proc = subprocess.run(args + ["--allow-file-access-from-files", "--window-size=1500,1000",
                                      f"--virtual-time-budget={20000 * len(jobs)}", "--dump-dom", harness.as_uri()],
                              capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, f"chromium failed on the layout page: {proc.stderr[-2000:]}"
    m = re.search(r'<pre id="bpnn-layout">(.*?)</pre>', proc.stdout, re.S)
    assert m and m.group(1) != "pending", f"the layout page did not finish: {proc.stdout[-500:]}"
    return json.loads(html.unescape(m.group(1)))


def overflowing_tables(result: dict, slack: float = 1.0) -> list[str]:
    """Tables whose right edge passes the article column's (a table in a scrolling wrapper that fits counts as fitting
    only when ``result`` is a phone-width measurement; at desktop width every table itself must fit)."""
    bad = []
    for t in result["tables"]:
        over = t["right"] - result["col_right"]
        if over <= slack:
            continue
        if result["width"] < 800 and t["wrap_right"] is not None and t["wrap_right"] <= result["col_right"] + slack:
            continue  # on a phone a wide table may scroll inside its own wrapper
        bad.append(f"table {t['index']} ({t['head']!r}) is {over:.0f} px wider than the column; columns {t.get('cols')}, widest in a cell {t.get('widest')}")
    return bad


# ----------------------------------------------------------------------------- checks
_HIDDEN = re.compile(r"<(script|style|pre|code|textarea|mjx-container|noscript)\b.*?</\1\s*>", re.S | re.I)
_RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\$[^$<>\n]*\\[A-Za-z]+[^$<>\n]*\$")


def visible_text(dom: str) -> str:
    """The page's text outside code, scripts and typeset math."""
    return html.unescape(re.sub(r"<[^>]+>", " ", _HIDDEN.sub(" ", dom)))


def raw_tex(dom: str) -> list[str]:
    text = visible_text(dom)
    return [text[max(0, m.start() - 40): m.end() + 40].strip() for m in _RAW_TEX.finditer(text)]


def math_count(static_html: str) -> int:
    """Formulas Sphinx handed to MathJax: elements of class "math" (inline and display)."""
    return len(re.findall(r'class="math notranslate nohighlight"', static_html))


@lru_cache(maxsize=None)
def _ids(page: Path) -> frozenset[str]:
    text = page.read_text(encoding="utf-8")
    return frozenset(html.unescape(m) for m in re.findall(r'\bid="([^"]+)"', text))


def broken_links(page: Path, dom: str) -> list[str]:
    """Internal links (relative hrefs and #anchors) whose file or anchor does not exist in the built site."""
    bad = []
    for href in sorted(set(re.findall(r'<a\b[^>]*\bhref="([^"]*)"', dom))):
        href = html.unescape(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            continue
        target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            bad.append(f"{href} (no such file)")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
            bad.append(f"{href} (no anchor #{parts.fragment})")
    return bad


def _site_page(site: Path, page: Path) -> Path:
    """The page in the copied site, with the probe script appended."""
    copy = site / page.relative_to(HTML)
    text = copy.read_text(encoding="utf-8")
    if "data-bpnn-probe" not in text:
        copy.write_text(text.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    return copy


# ----------------------------------------------------------------------------- tests
@needs_build
@needs_browser
@pytest.mark.parametrize("page", _pages())
def test_page_renders(page: Path | None, site: Path, request):
    assert page is not None, f"{request.node.callspec.id}: no such page in the build (one chapter per article and the errata are required)"
    assert page.is_file(), f"{page} is not in the build"
    static = page.read_text(encoding="utf-8")
    dom = dump_dom(_site_page(site, page))
    problems = []

    assert 'data-bpnn-probe="done"' in dom, "the page did not finish loading (MathJax or the page hung)"

    expected = math_count(static)
    typeset = dom.count("<mjx-container")
    if typeset < expected:
        problems.append(f"MathJax typeset {typeset} of {expected} formulas")
    if "<mjx-merror" in dom or "data-mjx-error" in dom:
        errs = re.findall(r'data-mjx-error="([^"]*)"', dom)
        problems.append(f"MathJax could not typeset a formula: {sorted(set(errs))[:3]}")
    tex = raw_tex(dom)
    if tex:
        problems.append(f"{len(tex)} formulas left as raw TeX, e.g. {tex[:3]}")

    pipes = re.findall(r"\|\s*:?-{3,}:?\s*\|", visible_text(dom))
    if pipes:
        problems.append(f"{len(pipes)} Markdown tables left as raw text (|---|), e.g. {pipes[:2]}")

    imgs = re.findall(r"<img\b[^>]*>", dom)
    failed = [re.search(r'src="([^"]{0,120})', i).group(1) if 'src="' in i else i[:120]
              for i in imgs if 'data-bpnn-loaded="yes"' not in i]
    if failed:
        problems.append(f"{len(failed)} of {len(imgs)} images did not load: {failed[:5]}")

    links = broken_links(page, dom)
    if links:
        problems.append(f"{len(links)} broken internal links: {links[:5]}")

    assert not problems, f"{page.relative_to(HTML)}:\n  " + "\n  ".join(problems)


@needs_build
@needs_browser
def test_screenshot_of_a_chapter(site: Path):
    chapters = [doc for _, doc in _chapter_per_article() if doc]
    page = _page(chapters[0]) if chapters else _page("intro")
    out = ARTIFACTS / "chapter.png"
    out.unlink(missing_ok=True)
    screenshot(_site_page(site, page), out)
    assert out.is_file() and out.stat().st_size > 10_000, f"no screenshot of {page.name} at {out}"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@needs_build
def test_mathjax_is_served_by_the_site():
    """Every page loads MathJax from the site itself, and the file is there (no CDN)."""
    pages = sorted(HTML.glob("book/*.html"))
    assert pages
    for page in pages:
        srcs = re.findall(r'<script[^>]*src="([^"]*mathjax[^"]*)"', page.read_text(encoding="utf-8"), re.I)
        if not srcs:
            continue
        for src in srcs:
            assert not urlsplit(src).scheme, f"{page.name} loads MathJax from {src}"
            assert (page.parent / unquote(urlsplit(src).path)).resolve().is_file(), f"{page.name}: {src} is not in the build"


@needs_build
def test_notebook_pages_have_a_download_button():
    """Each notebook chapter offers its .ipynb for download, and the file is in the build."""
    notebooks = sorted((HTML / "_sources" / "book").glob("*.ipynb"))
    assert notebooks, "no notebook sources in the build"
    for nb in notebooks:
        page = HTML / "book" / (nb.name[: -len(".ipynb")] + ".html")
        text = page.read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]+\.ipynb)"[^>]*\n?\s*class="[^"]*btn-download-source-button', text)
        assert hrefs, f"{page.name} has no .ipynb download button"
        assert (page.parent / hrefs[0]).resolve().is_file(), f"{page.name}: {hrefs[0]} is missing"


@needs_build
def test_every_claim_points_at_a_built_anchor():
    """explained_in ("docname#label") of every registered claim names a page and an anchor that exist."""
    from bpnn.articles.claims import all_claims

    bad = []
    for c in all_claims():
        doc, _, label = c.explained_in.partition("#")
        page = _page(doc)
        if not page.is_file():
            bad.append(f"{c.id}: page {doc!r} is not in the build")
        elif label and re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") not in _ids(page) and label not in _ids(page):
            bad.append(f"{c.id}: no anchor #{label} in {doc}")
    assert not bad, "\n".join(bad)


def test_launch_links_need_a_repository():
    """sphinx-book-theme builds launch links only from repository.url: set both or neither
    (a launch provider without a repository crashes the 1.x theme; a URL without one shows no links)."""
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = (cfg.get("repository") or {}).get("url") or ""
    providers = [k for k in ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url")
                 if (cfg.get("launch_buttons") or {}).get(k)]
    assert bool(url) == bool(providers), f"repository.url={url!r} but launch providers {providers}"
    if url:
        assert urlsplit(url).netloc in ("github.com", "gitlab.com", "bitbucket.org"), url


# ----------------------------------------------------------------------------- the checks themselves
def test_raw_tex_detector():
    assert raw_tex("<p>see \\(x^2\\)</p>")
    assert raw_tex("<p>$$a=b$$</p>")
    assert raw_tex("<td>$\\frac{1}{2}$</td>")
    assert not raw_tex("<p>costs $5 and $6</p>")
    assert not raw_tex("<pre>\\(x\\)</pre><code>$$</code>")
    assert not raw_tex('<mjx-container class="MathJax">\\(x\\)</mjx-container> done')


def test_broken_link_detector(tmp_path):
    (tmp_path / "a.html").write_text('<h1 id="top">A</h1>', encoding="utf-8")
    page = tmp_path / "b.html"
    page.write_text('<p id="here"></p>', encoding="utf-8")
    dom = ('<a href="a.html#top">ok</a><a href="#here">ok</a><a href="https://x.org/">ext</a>'
           '<a href="c.html">bad</a><a href="a.html#nowhere">bad</a>')
    assert broken_links(page, dom) == ["a.html#nowhere (no anchor #nowhere)", "c.html (no such file)"]


@needs_build
def test_intro_shows_the_verdict_legend():
    """The intro's legend is a rendered table with one badge for each verdict."""
    from bpnn.articles.claims.registry import Verdict

    text = _page("intro").read_text(encoding="utf-8")
    tables = re.findall(r"<table\b.*?</table>", text, re.S)
    legend = [t for t in tables if "verdict verdict-" in t]
    assert legend, "the intro has no table of verdict badges"
    shown = set(re.findall(r'<span class="verdict verdict-[a-z]+">([^<]+)</span>', legend[0]))
    assert shown == {v.value for v in Verdict}, f"legend shows {sorted(shown)}"


def test_every_verdict_has_a_badge_style():
    """Each verdict's badge class (bpnn.articles.report) has a rule in book/_static/verdicts.css, and no rule is orphaned."""
    from bpnn.articles.claims.registry import Verdict
    from bpnn.articles.report import badge

    css = (ROOT / "book" / "_static" / "verdicts.css").read_text(encoding="utf-8")
    styled = set(re.findall(r"\.verdict-([a-z]+)\s*\{", css))
    used = {re.search(r'class="verdict verdict-([a-z]+)"', badge(v)).group(1) for v in Verdict}
    assert len(used) == len(Verdict), "two verdicts share a badge class"
    assert used == styled, f"badge classes without a style: {used - styled}; styles without a verdict: {styled - used}"


# ----------------------------------------------------------------------------- layout, fonts, paths
def _zh_chapters() -> list[Path]:
    """The Chinese site's chapters (zh/X.html for each book/zh/X source; not its search, index, 404 pages)."""
    names = {p.stem for p in (ROOT / "book" / "zh").iterdir() if p.suffix in (".ipynb", ".md")}
    return sorted(p for p in ZH.glob("*.html") if p.stem in names)


def _all_pages() -> list[Path]:
    """Every chapter of both editions (book/*.html and zh/*.html)."""
    return sorted([*(HTML / "book").glob("*.html"), *_zh_chapters()]) if BUILT else []


@pytest.fixture(scope="module")
def layout(site: Path) -> list[dict]:
    """Every page of the book at 1400 px and at 400 px, measured in one Chromium run."""
    pages = [_site_page(site, p) for p in _all_pages()]
    assert pages, "no pages in the build"
    results = measure_layout(site, pages)
    errors = [f"{r['url']} at {r['width']} px: {r['error']}" for r in results if "error" in r]
    assert not errors, "\n".join(errors)
    return results


@needs_build
@needs_browser
def test_every_table_fits_the_column_at_desktop_width(layout):
    """At 1400 px no table on any page is wider than the article column (nothing cut off, nothing to scroll)."""
    desktop = [r for r in layout if r["width"] == 1400]
    assert sum(len(r["tables"]) for r in desktop) > 20, "the pages show almost no tables: is the measurement broken?"
    bad = [f"{Path(r['url']).stem}: {msg}" for r in desktop for msg in overflowing_tables(r)]
    assert not bad, f"{len(bad)} tables overflow the {desktop[0]['col_right'] - desktop[0]['col_left']:.0f} px column:\n  " + "\n  ".join(bad)


@needs_build
@needs_browser
def test_pages_read_at_phone_width(layout):
    """At 400 px no page scrolls sideways; a table wider than the column scrolls inside its own wrapper."""
    phone = [r for r in layout if r["width"] == 400]
    bad = []
    for r in phone:
        if r["page_width"] > r["viewport"] + 1:
            bad.append(f"{Path(r['url']).stem}: the page is {r['page_width']} px wide in a {r['viewport']} px viewport"
                       f" (sticking out: {r['wide']})")
        bad += [f"{Path(r['url']).stem}: {msg}" for msg in overflowing_tables(r)]
    assert not bad, "\n  ".join(bad)


@needs_build
@needs_browser
def test_no_table_column_stacks_chinese_a_character_a_line(layout):
    """Every table cell with Chinese text is at least four characters wide (or as wide as its text),
    at 1400 px and at 400 px (where a wide table scrolls in its wrapper rather than squeeze a column)."""
    bad = [f"{Path(r['url']).stem} at {r['width']} px, table {t['index']} ({t['head'][:30]!r}): {cell}"
           for r in layout for t in r["tables"] for cell in t.get("narrow", [])]
    assert not bad, f"{len(bad)} cells too narrow for their Chinese text:\n  " + "\n  ".join(bad[:30])


@needs_build
@needs_browser
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_badges_and_tables_are_readable_in_both_colour_modes(layout, mode):
    """In the theme's light and dark modes every verdict badge, table cell and gloss has a contrast of
    at least 4.5 with its background (WCAG AA)."""
    desktop = [r for r in layout if r["width"] == 1400]
    assert sum(r["contrast"][mode]["checked"] for r in desktop) > 200, "almost nothing measured"
    bad = [f"{Path(r['url']).stem}: {r['contrast'][mode]['low']}" for r in desktop if r["contrast"][mode]["low"]]
    assert not bad, f"low contrast in {mode} mode:\n  " + "\n  ".join(bad)


@needs_build
@needs_browser
def test_chinese_text_has_glyphs(layout):
    """The articles' Chinese quotes render with real glyphs, not empty boxes (.ci/install-browser installs a CJK font)."""
    seen = [r for r in layout if r["width"] == 1400 and r.get("cjk")]
    assert seen, "no page shows Chinese text: the test would check nothing"
    assert all(r["cjk"]["detector_ok"] for r in seen), "two characters that no font has drew differently: the glyph check is unreliable here"
    bad = [f"{Path(r['url']).stem}: {r['cjk']['missing'] or r['cjk']['chars']} drawn as missing glyphs "
           f"({r['cjk']['distinct']} distinct bitmaps for {len(r['cjk']['chars'])} characters) in {r['cjk']['font']!r}"
           for r in seen if r["cjk"]["missing"] or r["cjk"]["distinct"] < len(r["cjk"]["chars"])]
    assert not bad, "Chinese renders as empty boxes (install a CJK font: .ci/install-browser):\n  " + "\n  ".join(bad)


# paths of the machine that built the book, and frames inside installed libraries
_MACHINE_PATH = re.compile(r"site-packages|dist-packages|\.venv/lib|(?<![\w.])/tmp/|/work/|/home/\w"
                           r"|/root/|~/\.|\.pyenv|/usr/lib/python"
                           r"|ipykernel_\d+|" + re.escape(str(ROOT)))


def machine_paths(text: str) -> list[str]:
    """Build-machine paths in a page's visible text (scripts and styles excluded)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.S | re.I)))
    return [text[max(0, m.start() - 50): m.end() + 30].replace("\n", " ") for m in _MACHINE_PATH.finditer(text)]


def test_machine_path_detector():
    assert machine_paths("<pre>File ~/.pyenv/versions/3.11.7/lib/python3.11/site-packages/sympy/core.py</pre>")
    assert machine_paths("<p>pip install torch in /tmp/torchenv</p>")
    assert machine_paths("File /tmp/ipykernel_4242/123.py:3")
    assert machine_paths("File <span>/work/main/bpnn/network.py:133</span>")
    assert not machine_paths('<p>see <a href="../_static/x.png">the figure</a>: sigmoid(z) = 1/(1 + e^-z)</p>')
    # the README's own commands are not paths of the build machine
    assert not machine_paths("<pre>.venv/bin/pip install -e .[notebook]; .venv/bin/jupyter execute book/x.ipynb</pre>")
    assert not machine_paths('<script src="/tmp/x.js"></script><p>ok</p>')


@needs_build
def test_no_page_shows_a_path_of_the_build_machine():
    """Cells that fail on purpose show the error's type and message, not tracebacks through this machine's files."""
    bad = {}
    for page in sorted(HTML.glob("**/*.html")):
        hits = machine_paths(page.read_text(encoding="utf-8"))
        if hits:
            bad[str(page.relative_to(HTML))] = hits[:3]
    assert not bad, "\n".join(f"{p}: {h}" for p, h in bad.items())


# ----------------------------------------------------------------------------- the two editions
def _lang_link(page: Path) -> tuple[str | None, str | None]:
    """The page's <html lang> and the target of its link to the other edition."""
    text = page.read_text(encoding="utf-8")
    lang = re.search(r'<html\b[^>]*\blang="([^"]+)"', text)
    link = re.search(r'<a class="bpnn-lang-switch" href="([^"]+)"', text)
    return (lang.group(1) if lang else None), (html.unescape(link.group(1)) if link else None)


@needs_build
def test_every_page_links_to_its_twin_in_the_other_language():
    """English page book/X.html links to zh/X.html (the Chinese site) and back, to the page itself
    or, where it has no twin, to the other edition's introduction; each site's <html lang> is its own."""
    pages = _all_pages()
    zh = [p for p in pages if p.parent.name == "zh"]
    assert len(zh) >= 11, f"the Chinese edition has only {len(zh)} pages"
    bad = []
    for page in pages:
        lang, href = _lang_link(page)
        is_zh = page.parent.name == "zh"
        if lang != ("zh-CN" if is_zh else "en"):
            bad.append(f"{page.relative_to(HTML)}: <html lang={lang!r}>")
        if href is None:
            bad.append(f"{page.relative_to(HTML)}: no link to the other edition")
            continue
        target = (page.parent / href).resolve()
        twin = (HTML / "book" / page.name) if is_zh else (ZH / page.name)
        expected = twin if twin.is_file() else (HTML / "book" / "intro.html" if is_zh else ZH / "intro.html")
        if not target.is_file():
            bad.append(f"{page.relative_to(HTML)}: its twin link {href} leads to no page")
        if target != expected.resolve():
            bad.append(f"{page.relative_to(HTML)}: links to {href}, not to {expected.relative_to(HTML)}")
    assert not bad, "\n".join(bad)


def _search(site: Path, query: str) -> list[str]:
    """The pages the built site's own search (search.html?q=…, Sphinx's searchtools.js) lists for ``query``
    (``site``: the English site, or its zh/ folder, the Chinese one)."""
    page = site / "search.html"
    url = page.as_uri() + "?q=" + quote(query)
    with tempfile.TemporaryDirectory(prefix="bpnn-chromium-") as profile:
        proc = subprocess.run(_chromium_args(profile) + ["--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-1000:]
    results = re.search(r'<ul class="search">(.*?)</ul>', proc.stdout, re.S)
    return re.findall(r'<a href="([^"?#]+)', results.group(1)) if results else []


@needs_build
@needs_browser
@pytest.mark.parametrize("query, edition", [("误差项", "zh"), ("学习率", "zh"), ("反向传播", "zh"), ("sigmoid", "zh"),
                                            ("backpropagation", "en"), ("sigmoid", "en")])
def test_each_site_searches_its_own_edition(site: Path, query: str, edition: str):
    """The Chinese site's search box finds a Chinese glossary term (and a Latin one) in its Chinese
    chapters, the English site's finds English chapters; neither lists a page of the other site."""
    found = _search(site / "zh" if edition == "zh" else site, query)
    assert found, f"the {edition} search for {query!r} finds nothing"
    other = [h for h in found if ("/book/" in h if edition == "zh" else "/zh/" in h)]
    assert not other, f"the {edition} site's search for {query!r} lists pages of the other site: {other[:5]}"


def _search_index(folder: Path) -> dict:
    import json

    text = (folder / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


@needs_build
def test_each_site_has_its_own_search_index():
    """searchindex.js of the English site lists the English chapters only; the Chinese site's the Chinese ones."""
    en, zh = _search_index(HTML), _search_index(ZH)
    en_docs, zh_docs = set(en["docnames"]), set(zh["docnames"])
    assert all(d.startswith("book/") for d in en_docs), sorted(en_docs)
    assert not any(re.search(r"[\u4e00-\u9fff]{2}", t) for t in en["titles"]), "a Chinese title in the English index"
    assert {p.stem for p in _zh_chapters()} <= zh_docs, sorted(zh_docs)
    assert not any(d.startswith("book/") for d in zh_docs)
    assert "误差项" in zh["terms"], "the glossary's terms are words of the Chinese index (jieba's dictionary)"


@needs_build
def test_the_themes_words_are_chinese_on_chinese_pages():
    """Contents, previous/next and the search box read in Chinese on the Chinese site, in English on the English one."""
    bad = []
    for page in _all_pages():
        text = page.read_text(encoding="utf-8")
        is_zh = page.parent.name == "zh"
        en_left = [en for en in ('placeholder="Search this book..."', "> Contents <", 'prev-next-subtitle">next',
                                 'title="Toggle primary sidebar"', 'title="Color mode"', 'title="Link to this heading"',
                                 'title="Suggest edit"', 'title="Launch on', "toggleHintShow = 'Click to show'")
                   if en in text]
        if is_zh and en_left:
            bad.append(f"{page.relative_to(HTML)}: still English: {en_left}")
        if not is_zh and ("搜索本书" in text or 'prev-next-subtitle">上一页' in text or 'title="配色"' in text):
            bad.append(f"{page.relative_to(HTML)}: an English page with the Chinese theme words")
    assert not bad, "\n".join(bad)


# ----------------------------------------------------------------------------- the published site
def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


@needs_build
def test_sitemap_and_404_page_live_under_the_derived_base_url():
    """Each site its own sitemap (the Chinese one's URLs under zh/) and its own 404 page in its
    language; the root's 404, which GitHub Pages serves for any missing address, sends a reader
    under zh/ on to the Chinese one."""
    from bpnn.articles.report import pages_url

    base = pages_url(_config()["repository"]["url"])
    path = urlsplit(base).path
    for folder, home, lang in ((HTML, "book/intro.html", "en"), (ZH, "zh/intro.html", "zh-CN")):
        urls = re.findall(r"<loc>([^<]+)</loc>", (folder / "sitemap.xml").read_text(encoding="utf-8"))
        assert base + home in urls, urls[:3]
        assert all(u.startswith(base) and u.startswith(base + "zh/") == (folder == ZH) for u in urls), urls[:3]
        page = (folder / "404.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page
        hrefs = re.findall(r'href="([^"]+)"', page)
        assert f"{path}book/intro.html" in hrefs and f"{path}zh/intro.html" in hrefs, hrefs
        assert all(h.startswith(("/", "https://")) for h in hrefs), "a 404 page is served at any depth: absolute links only"
    assert repr(f"{path}zh/") in (HTML / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in (ZH / "404.html").read_text(encoding="utf-8")


@needs_build
def test_notebook_pages_have_repository_and_launch_buttons():
    repo = _config()["repository"]["url"]
    text = (HTML / "book" / "sigmoid-neuron.html").read_text(encoding="utf-8")
    assert f'href="{repo}"' in text                                  # the repository button
    assert f"{repo}/issues/new" in html.unescape(text)               # the issue button
    assert "/edit/main/book/sigmoid-neuron.ipynb" in text            # the edit button
    assert "mybinder.org/v2/gh/" in text and "colab.research.google.com/github/" in text


_FIGURE = re.compile(r"<img\b[^>]*>", re.I)


@needs_build
def test_every_figure_has_meaningful_alt_text():
    """Every image of a chapter has an alt text of a sentence (not its file name, not empty), in its edition's language."""
    bad, seen = [], 0
    for page in _all_pages():
        for tag in _FIGURE.findall(page.read_text(encoding="utf-8")):
            if "logo" in tag:
                continue
            seen += 1
            alt = html.unescape((re.search(r'\balt="([^"]*)"', tag) or [None, ""])[1])
            words = alt.split() if page.parent.name != "zh" else re.findall(r"[\u4e00-\u9fff]", alt)
            if len(words) < 8 or re.search(r"\.(png|svg|jpe?g)\b|_build|/", alt):
                bad.append(f"{page.relative_to(HTML)}: alt={alt[:60]!r}")
    assert seen >= 14, f"only {seen} figures found"
    assert not bad, "\n".join(bad)


def raw_rst(dom: str) -> list[str]:
    """reStructuredText markup left in a page's visible text: ``literal`` double backticks, :role:`x`."""
    text = html.unescape(re.sub(r"<[^>]+>", "", _HIDDEN.sub(" ", dom)))
    return [text[max(0, m.start() - 30): m.end() + 30] for m in re.finditer(r"``[^`\n]+``|:(?:func|class|mod|meth|attr):`", text)]


def test_raw_rst_detector():
    assert raw_rst("<p>the update is ``W ← W − η ∂L/∂W``</p>")
    assert not raw_rst("<p>the update is <code>W ← W − η ∂L/∂W</code></p>")
    assert not raw_rst("<pre>``x``</pre>")


@needs_build
def test_no_page_shows_raw_rst():
    bad = {str(p.relative_to(HTML)): hits[:2] for p in _all_pages() if (hits := raw_rst(p.read_text(encoding="utf-8")))}
    assert not bad, bad


_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.S)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def english_beside_chinese(cell: str) -> bool:
    """Whether a table cell (HTML) that shows Chinese also says it in English: it has an English gloss
    (a ``bpnn-gloss`` span with English words), or its English letters outnumber its Chinese characters
    (a name with its romanisation, "邱锡鹏 (Qiu Xipeng)"; a title with its English description)."""
    gloss = re.search(r'class="bpnn-gloss"[^>]*>(.*?)</span>', cell, re.S)
    if gloss and re.search(r"[A-Za-z]{3,}", gloss.group(1)) and not _CJK_RE.search(gloss.group(1)):
        return True
    shown = html.unescape(re.sub(r"<[^>]+>", "", cell))
    return len(re.findall(r"[A-Za-z]", shown)) > len(_CJK_RE.findall(shown))


def test_english_beside_chinese_detector():
    assert not english_beside_chinese("<code>反向传播神经网络最早由Paul Werbos在1974年提出</code>")
    assert english_beside_chinese('<code>反向传播神经网络最早由Paul Werbos在1974年提出</code><br>'
                                  '<span class="bpnn-gloss" lang="en">“first proposed by Paul Werbos in 1974”</span>')
    assert not english_beside_chinese('<code>更新权重和偏置</code><br><span class="bpnn-gloss">“更新”</span>')
    assert english_beside_chinese("邱锡鹏 (Qiu Xipeng), 2020")


@needs_build
def test_every_claim_quoted_in_chinese_has_english_on_english_pages():
    """In the English edition a table cell that shows Chinese (a claim as written) also says it in English."""
    bad, quoted = [], 0
    for page in _all_pages():
        if page.parent.name == "zh":
            continue
        for cell in _CELL.findall(page.read_text(encoding="utf-8")):
            shown = html.unescape(re.sub(r"<[^>]+>", "", cell))
            if not _CJK_RE.search(shown):
                continue
            quoted += 1
            if not english_beside_chinese(cell):
                bad.append(f"{page.name}: {shown.strip()[:50]}")
    assert quoted >= 50, f"only {quoted} Chinese cells found on English pages"
    assert not bad, f"{len(bad)} cells:\n" + "\n".join(bad[:20])


@needs_build
def test_every_claim_row_links_to_the_issue_form():
    from urllib.parse import parse_qs

    rows = 0
    for page in ("book/worked-example-002", "book/errata", "zh/errata", "book/facts"):
        text = (HTML / f"{page}.html").read_text(encoding="utf-8")
        for href in re.findall(r'<a class="bpnn-report" href="([^"]+)"', text):
            q = parse_qs(urlsplit(html.unescape(href)).query)
            assert q["template"] == ["mistake.yml"] and re.fullmatch(r"\d{3}:\d+", q["claim"][0]), href
            rows += 1
    assert rows > 100


@needs_build
@needs_browser
def test_the_site_works_served_from_a_sub_path(tmp_path):
    """GitHub Pages serves a project's site under /NAME/: copied to a sub-folder and served over HTTP
    (python -m http.server from the parent folder), every page's styles, scripts and images load,
    MathJax typesets, and the links between the editions resolve."""
    import socket
    import sys
    import time
    import urllib.request

    sub = tmp_path / "srv" / "bpnn"
    shutil.copytree(HTML, sub)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(tmp_path / "srv")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        root = f"http://127.0.0.1:{port}/bpnn/"
        for _ in range(50):
            try:
                urllib.request.urlopen(root + "index.html", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        bad, checked = [], set()
        for rel in ("index.html", "book/intro.html", "zh/index.html", "zh/intro.html", "book/sigmoid-neuron.html",
                    "zh/errata.html", "zh/auditing.html"):
            url = root + rel
            page = urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
            for ref in re.findall(r'(?:href|src)="([^"#]+)', page):
                if ref.startswith(("http:", "https:", "mailto:", "data:", "javascript:")) or ref in checked:
                    continue
                if "<" in ref:      # href="…" written in a highlighted code cell, not a link
                    continue
                target = urllib.parse.urljoin(url, html.unescape(ref))
                checked.add(ref)
                if not target.startswith(root):
                    bad.append(f"{rel}: {ref} leaves the sub-path")
                    continue
                try:
                    urllib.request.urlopen(target, timeout=10)
                except OSError as e:
                    bad.append(f"{rel}: {ref}: {e}")
        assert not bad, "\n".join(bad[:20])
        with tempfile.TemporaryDirectory(prefix="bpnn-chromium-") as profile:
            args = [a for a in _chromium_args(profile) if not a.startswith("--host-resolver-rules")]
            dom = subprocess.run(args + ["--dump-dom", root + "book/sigmoid-neuron.html"],
                                 capture_output=True, text=True, timeout=120).stdout
        assert dom.count("<mjx-container") > 5, "MathJax did not typeset from the sub-path"
    finally:
        server.terminate()
        server.wait(timeout=10)


_PREV_NEXT = re.compile(r'<a class="(left-prev|right-next)"\s+href="([^"]+)"')


@needs_build
def test_previous_and_next_never_leave_an_edition():
    """The previous / next links at the foot of a page stay in its site: the English pages (book/) lead
    to English pages, the Chinese site's (zh/) to Chinese ones, each in its own table of contents' order."""
    bad, seen = [], 0
    for page in _all_pages():
        is_zh = page.parent == ZH
        for kind, href in _PREV_NEXT.findall(page.read_text(encoding="utf-8")):
            seen += 1
            target = (page.parent / html.unescape(href).split("#")[0]).resolve()
            if target.parent != (ZH if is_zh else HTML / "book") or not target.is_file():
                bad.append(f"{page.relative_to(HTML)}: {kind} -> {href}")
    assert seen > 40
    assert not bad, "\n".join(bad)
