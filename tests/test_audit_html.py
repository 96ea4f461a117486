"""``bpnn audit ARTICLE --html REPORT.html``: one self-contained page, safe with hostile articles,
checked as a reader's browser shows it (headless Chromium with every host name unresolvable, as
``tests/test_browser.py`` does; skipped where there is no Chromium unless ``BPNN_REQUIRE_BROWSER``)."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from bpnn.articles import audit as A
from bpnn.articles.audit.html import FLAGGED, render_html
from bpnn.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
PLANTED = ROOT / "tests" / "data" / "audit" / "planted.md"

HOSTILE = (
    "# Post <script>alert('title')</script>\n\n"
    "Text <script>alert(1)</script> and <img src=x onerror=alert(2)> and "
    "[link](javascript:alert(3)) and ![pic](http://example.com/tracker.png).\n\n"
    "<div onclick=\"alert(4)\">raw block</div>\n\n"
    "<!-- a hidden note --> <script>alert(6)</script>\n\n"
    "$$ 2 + 2 = 5 </script><script>alert(5)</script> $$\n\n"
    "$ 1 + 1 = 2 $ and \\( x = 3 \\) then\n\\[ 3 \\times 3 = 10 \\]\n"
)


def _page(text: str, lang: str = "en") -> tuple[str, A.FileResult]:
    fr = A.audit_text(text, "post.md")
    return render_html(text, fr, lang=lang), fr


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page, flags=re.I)


def test_article_text_is_escaped_and_nothing_is_fetched():
    page, _ = _page(HOSTILE)
    assert len(_scripts(page)) == 2                       # the MathJax configuration and MathJax itself
    tags = re.findall(r"<[a-zA-Z][^<>]*>", page)           # every element the page really has
    assert not [t for t in tags if re.search(r"\son\w+\s*=", t) or "javascript:" in t.lower()]
    assert not [t for t in tags if re.match(r"<(img|iframe|object|embed|link|div onclick)\b", t, re.I)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;script&gt;alert(6)&lt;/script&gt;" in page
    assert "hidden note" not in page                      # comments are left out, as a blog leaves them out
    # no element that loads anything: no src, no <link>, no url() or @import in the style
    assert not [t for t in tags if re.search(r"\s(src|srcset|background|poster)\s*=", t, re.I)]
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert "url(" not in style and "@import" not in style
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_every_flagged_line_is_linked_from_the_summary_and_has_a_badge():
    text = PLANTED.read_text(encoding="utf-8")
    fr = A.audit_file(PLANTED)
    page = render_html(text, fr)
    header = page.split("<main>")[0]
    flagged = [r.line for r in fr.lines if r.verdict in FLAGGED and (r.verdict != "unchecked" or r.has_numbers)]
    assert any(r.verdict == "wrong" for r in fr.lines)
    for n in flagged:
        assert f'href="#line-{n}"' in header, n
    linked = {int(n) for n in re.findall(r'class="to-line[^"]*" href="#line-(\d+)"', header)}
    assert linked == set(flagged)
    for r in fr.lines:                                     # every math line has exactly one badge
        assert page.count(f'id="line-{r.line}"') == 1, r.line
    for v in A.VERDICTS:
        assert f"{v} {fr.count(v)}<" in header
    unchecked = sum(r.verdict == "unchecked" and r.has_numbers for r in fr.lines)
    why = re.search(r'class="c-unchecked">unchecked</span> \(with numbers\): ([^<]*)', header)
    assert unchecked > 0 and sum(int(n) for n in re.findall(r" (\d+)(?:,|$)", why.group(1))) == unchecked


def test_badges_carry_stated_computed_and_the_values_used():
    text = "$w = 0.5$\n\n$$ z = w \\cdot 4 = 3 $$\n"
    page, fr = _page(text)
    r = fr.line(3)
    assert r.verdict == "wrong" and r.uses
    badge = page.split('id="line-3"')[1].split("</div></div>")[0]
    assert r.stated in badge and r.computed in badge
    assert "w = 0.5 (line 1)" in badge and 'href="#line-1"' in badge


def test_chinese_labels():
    page, fr = _page("$$ 2 + 2 = 5 $$\n", lang="zh")
    assert 'lang="zh-CN"' in page and "有误" in page and "需要查看的行" in page and "第 1 行" in page


def test_mathjax_license_travels_with_it():
    page, _ = _page("$$ 1 + 1 = 2 $$\n")
    assert "Apache License" in page and "The MathJax Consortium" in page and "TERMS AND CONDITIONS" in page


def test_command_writes_the_page(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["audit", str(PLANTED), "--html", str(out)]) == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "planted.md" in page
    assert main(["audit", str(PLANTED), str(CORPUS / "zh-charlotte77-cnblogs.md"), "--html", str(out)]) == 2
    assert "one article file" in capsys.readouterr().err


# ------------------------------------------------------------------ in a browser

def _chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


CHROMIUM = _chromium()
REQUIRED = os.environ.get("BPNN_REQUIRE_BROWSER", "") not in ("", "0")
needs_browser = pytest.mark.skipif(not REQUIRED and CHROMIUM is None,
                                   reason="no chromium on PATH (apt-get install chromium fonts-wqy-zenhei)")


def _chrome(args: list[str], page: Path) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="bpnn-chromium-") as profile:
        return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                               "--disable-background-networking", "--disable-extensions", "--no-first-run",
                               f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
                               "--virtual-time-budget=15000", "--enable-logging=stderr", "--v=0", *args,
                               page.as_uri()], capture_output=True, text=True, timeout=180)


# One Chromium run shows the three pages the tests below look at (starting Chromium costs more than
# showing a page): a page of its own opens each in an iframe, waits for its MathJax to finish, and
# writes each page's DOM (as --dump-dom would print it) into its own DOM; the badge page's iframe
# comes first, at the window's size, for the screenshot.
_SHOW = r"""<!doctype html><html><head><meta charset="utf-8">
<style>body{margin:0} iframe{display:block;border:0;width:1280px;height:900px}</style></head><body>
<script>
const PAGES = __PAGES__;
(async () => {
  for (const name of PAGES) {
    const f = document.createElement("iframe");
    const loaded = new Promise(r => { f.onload = r; });
    f.src = name + ".html"; document.body.appendChild(f);
    await loaded;
    const w = f.contentWindow, d = f.contentDocument;
    const mj = w.MathJax && w.MathJax.startup && w.MathJax.startup.promise;
    if (mj) { try { await mj; } catch (e) {} }
    const pre = document.createElement("pre");
    pre.id = "dom-" + name;
    pre.textContent = "<!DOCTYPE html>\n" + d.documentElement.outerHTML;
    document.body.appendChild(pre);
  }
  document.body.setAttribute("data-done", "yes");
})();
</script></body></html>
"""

BADGE_TEXT = "# Post\n\n$$ 2 \\times 3 = 7 $$\n\n$$ 1 + 1 = 2 $$\n"


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    """{"en"/"zh": (the report's file, its audit, its DOM in the browser), "badges": (file, audit, DOM),
    "shot": the screenshot (PNG), "stderr": Chromium's log} of one Chromium run."""
    folder = tmp_path_factory.mktemp("audit-html")
    source = CORPUS / "zh-charlotte77-cnblogs.md"
    text = source.read_text(encoding="utf-8") + "\n" + HOSTILE
    fr = A.audit_text(text, source.name)
    pages = {"badges": (BADGE_TEXT, A.audit_text(BADGE_TEXT, "post.md"), "en"),
             "en": (text, fr, "en"), "zh": (text, fr, "zh")}
    for name, (txt, res, lang) in pages.items():
        (folder / f"{name}.html").write_text(render_html(txt, res, lang=lang), encoding="utf-8")
    show = folder / "show.html"
    show.write_text(_SHOW.replace("__PAGES__", json.dumps(list(pages))), encoding="utf-8")
    shot = folder / "shot.png"
    proc = _chrome(["--allow-file-access-from-files", "--window-size=1280,900", "--virtual-time-budget=45000",
                    "--dump-dom", f"--screenshot={shot}"], show)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert 'data-done="yes"' in proc.stdout, proc.stdout[-1000:]
    if not shot.is_file():          # a Chromium that takes one command a run: the badge page on its own
        _chrome(["--window-size=1280,900", f"--screenshot={shot}"], folder / "badges.html")
    out = {"shot": shot, "stderr": proc.stderr}
    for name, (_, res, _) in pages.items():
        dom = re.search(f'<pre id="dom-{name}">(.*?)</pre>', proc.stdout, re.S).group(1)
        out[name] = (folder / f"{name}.html", res, html.unescape(dom))
    return out


@needs_browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_in_a_browser(shown, lang):
    page, fr, shown_dom = shown[lang]
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}"' in shown_dom
    dom = shown_dom.split("<footer")[0]                # the page, without the scripts' source
    # formulas typeset: one MathJax container per math element, no TeX error, no TeX left raw
    n_math = len(re.findall(r'class="(?:math )?tex2jax_process"', page.read_text(encoding="utf-8")))
    assert n_math > 10
    assert dom.count("<mjx-container") == n_math
    assert "data-mjx-error" not in dom and "mjx-merror" not in dom
    text_only = re.sub(r"<mjx-container.*?</mjx-container>", "", dom, flags=re.S)
    main_text = text_only.split("<main>")[1].split("</main>")[0]
    assert "\\(" not in re.sub(r"<code>.*?</code>|<pre>.*?</pre>", "", main_text, flags=re.S)
    # every wrong line linked from the summary, to a badge that exists
    header = dom.split("<main>")[0]
    for r in fr.lines:
        if r.verdict in ("wrong", "inconsistent"):
            assert f'href="#line-{r.line}"' in header and f'id="line-{r.line}"' in dom
    # nothing fetched, also after MathJax ran: no element of the page as the browser holds it loads
    # anything (the page's Content-Security-Policy would block it anyway, without a trace in the log)
    live_tags = re.findall(r"<[a-zA-Z][^<>]*>", dom)
    assert not [t for t in live_tags if re.search(r"\s(src|srcset|poster|background)\s*=", t, re.I)
                or re.match(r"<(img|iframe|object|embed|link|video|audio)\b", t, re.I)]
    assert not [t for t in live_tags if t.lower().startswith("<script")]   # none from the article


@needs_browser
def test_badges_are_visible(shown):
    """A screenshot of the page shows the wrong line's badge in its colour (#c62828 border)."""
    from PIL import Image

    _, fr, dom = shown["badges"]
    assert [r.verdict for r in fr.lines] == ["wrong", "ok"] and 'id="line-3"' in dom
    img = Image.open(shown["shot"]).convert("RGB")
    colours = {c for _, c in img.getcolors(maxcolors=1 << 20)}
    assert (198, 40, 40) in colours, "no red badge border on the page"
    assert (46, 125, 50) in colours, "no green (ok) badge border on the page"
