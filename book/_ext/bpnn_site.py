"""Sphinx extension: the book as a published site.

- ``html_baseurl`` (where the site lives, for ``sitemap.xml`` and the 404 page) is derived
  from ``repository.url`` in ``_config.yml``, the one place the repository's URL is written:
  ``https://github.com/OWNER/NAME`` is published by ``.github/workflows/book.yml`` at
  ``https://OWNER.github.io/NAME/`` (:func:`bpnn.articles.report.pages_url`).  An
  ``html.baseurl`` set in ``_config.yml`` wins.
- ``404.html`` of each edition, in its language, with absolute links (GitHub Pages serves the
  root's for a missing page at any depth, so relative links would lead nowhere; under ``zh/`` it
  sends the reader on to the Chinese one).  The Chinese edition's ``html_baseurl`` is the English
  one's with ``zh/`` (``bpnn_edition: zh`` in ``book/zh/_config.yml``).
- The Chinese figures' labels need a CJK font (:mod:`bpnn.articles.figures`; the ``book``
  extra installs one from PyPI).  When none is found the build warns, which ``-W`` makes an
  error, instead of silently drawing those figures with English labels.
- The execution cache is keyed on that font (:func:`bpnn.articles.figures.font_key`): when it
  changes, the cached runs of the Chinese notebooks (``book/zh/``, the only ones that draw
  Chinese labels) are dropped, so the build runs them again.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.util import logging

LOG = logging.getLogger(__name__)
FONT_KEY_FILE = "bpnn-font-key"


def _config_inited(app, config):
    from bpnn.articles.report import pages_url

    repo = (config.html_theme_options or {}).get("repository_url") or ""
    if not config.html_baseurl and repo:
        base = pages_url(repo)
        if base:
            # the Chinese edition (book/zh/_config.yml, bpnn_edition: zh) is published under zh/
            config.html_baseurl = base + ("zh/" if _edition(config) == "zh" else "")
    _check_font(app, config)


def _edition(config) -> str:
    return getattr(config, "bpnn_edition", "en") or "en"


def _cache_path(app, config) -> Path | None:
    path = getattr(config, "nb_execution_cache_path", "") or ""
    if getattr(config, "nb_execution_mode", "") != "cache":
        return None
    return Path(path) if path else Path(app.outdir).parent / ".jupyter_cache"


def _check_font(app, config) -> None:
    from bpnn.articles.figures import font_key

    key = font_key()
    if key == "none":
        LOG.warning("no CJK font found: the Chinese figures would be drawn with English labels. "
                    "Install the book extra (pip install -e \".[book]\", which brings the font "
                    "package mplfonts) or a system CJK font such as fonts-wqy-zenhei",
                    type="bpnn", subtype="font")
    cache = _cache_path(app, config)
    if cache is None:
        return
    stored = cache / FONT_KEY_FILE
    old = stored.read_text(encoding="utf-8") if stored.is_file() else None
    if old is not None and old != key:
        dropped = _drop_chinese_runs(app, cache)
        LOG.info(f"bpnn: the CJK font changed ({old} -> {key}): {dropped} cached Chinese notebook runs dropped")
    if old != key and cache.parent.is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        stored.write_text(key, encoding="utf-8")


def _drop_chinese_runs(app, cache: Path) -> int:
    """Remove the cached executions of the Chinese edition's notebooks; the count removed."""
    if not cache.is_dir():
        return 0
    import nbformat
    from jupyter_cache import get_cache

    jc = get_cache(str(cache))
    dropped = 0
    # from the root build, book/zh/; from the Chinese edition's own build, its folder
    zh = Path(app.srcdir) if _edition(app.config) == "zh" else Path(app.srcdir) / "book" / "zh"
    for nb_path in sorted(zh.glob("*.ipynb")):
        try:
            record = jc.match_cache_notebook(nbformat.read(str(nb_path), as_version=4))
        except KeyError:
            continue
        jc.remove_cache(record.pk)
        dropped += 1
    return dropped


NOT_FOUND = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading} — {title}</title>
<meta name="robots" content="noindex">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; padding: 0 1em; line-height: 1.6;
       color: #222; background: #fff; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #ddd; background: #121212; }} a {{ color: #8ab4f8; }} }}
</style>{script}</head>
<body>
<main>
<h1>{heading}</h1>
{body}
</main>
</body></html>
"""

# GitHub Pages serves the site's root 404.html for a missing page at any depth: under zh/ it sends
# the reader on to the Chinese edition's own 404 page
TO_ZH = """
<script>if (location.pathname.indexOf({zh!r}) === 0) location.replace({zh!r} + "404.html");</script>"""

BODY = {
    "en": ('<p>There is no page at this address. The book starts at its <a href="{base}book/intro.html">'
           'introduction</a>; the Chinese edition, its own site, at <a href="{base}zh/intro.html" '
           'hreflang="zh-CN" lang="zh-CN">引言</a>. A link in the book that led here is a mistake: please '
           '<a href="{issues}">report it</a>.</p>'),
    "zh": ('<p>此地址没有页面。中文版从<a href="{base}intro.html">引言</a>开始；英文版是另一个网站，从 '
           '<a href="{en}book/intro.html" hreflang="en" lang="en">Introduction</a> 开始。'
           '如果是书中的链接把你带到这里，请<a href="{issues}">报告这个错误</a>。</p>'),
}
HEADING = {"en": "Page not found", "zh": "页面不存在"}


def _base_path(baseurl: str) -> str:
    """The site's path on its server ("/NAME/" for https://OWNER.github.io/NAME/), "/" when unknown."""
    from urllib.parse import urlsplit

    path = urlsplit(baseurl).path if baseurl else "/"
    return path if path.endswith("/") else path + "/"


def _build_finished(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    repo = (app.config.html_theme_options or {}).get("repository_url") or ""
    issues = escape(repo.rstrip("/") + "/issues" if repo else "#")
    lang = _edition(app.config)
    base = _base_path(app.config.html_baseurl)
    english = base[:-len("zh/")] if lang == "zh" and base.endswith("/zh/") else base
    body = BODY[lang].format(base=escape(base), en=escape(english), issues=issues)
    script = TO_ZH.format(zh=base + "zh/") if lang == "en" else ""
    page = NOT_FOUND.format(lang="zh-CN" if lang == "zh" else "en", heading=HEADING[lang], body=body,
                            script=script, title=escape(app.config.html_title or app.config.project))
    (Path(app.outdir) / "404.html").write_text(page, encoding="utf-8")


def setup(app):
    # after jupyter-book's own config-inited handlers: it fills html_theme_options first
    app.connect("config-inited", _config_inited, priority=900)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
