"""Sphinx extension: the book's two editions, English (book/X) and Chinese (book/zh/X).

- At the top of every page, a link to the same chapter in the other language
  (``中文`` on an English page, ``English`` on a Chinese one); a page without a
  twin links to the other edition's introduction.
- Chinese pages declare ``<html lang="zh-CN">``, so that browsers pick Chinese
  glyphs and screen readers a Chinese voice.
- The theme's own words on a Chinese page (Contents, previous/next, the search
  box, the buttons' tooltips) are Chinese too: Sphinx renders them in the
  build's one language, English, so the written Chinese pages get them replaced
  when the build ends (exact strings of sphinx-book-theme's templates only).
- The Chinese search index is built in linear time (:func:`_linear_chinese_search`): Sphinx
  7.4's own takes 60 of the build's 150 seconds.
- While the book builds, the notebooks' costly results are computed once for
  both editions (:mod:`bpnn.articles.session`): the run's directory is made when
  the build starts (the kernels the build starts inherit its name) and deleted
  when the build ends.
"""
from __future__ import annotations

import os
from html import escape

ZH = "book/zh/"


def twin(docname: str, found) -> str | None:
    """The other edition's page for ``docname``, or its introduction when there is no twin."""
    if docname.startswith(ZH):
        other = "book/" + docname[len(ZH):]
        return other if other in found else "book/intro"
    if docname.startswith("book/"):
        other = ZH + docname[len("book/"):]
        return other if other in found else ZH + "intro"
    return None


def edition(docname: str | None) -> str | None:
    """"zh" for a page of the Chinese edition, "en" for one of the English edition, None otherwise."""
    if not docname:
        return None
    return "zh" if docname.startswith(ZH) else "en" if docname.startswith("book/") else None


def _stay_in_the_edition(app, pagename, context) -> None:
    """Previous / next never lead into the other edition: the table of contents runs on from the
    English edition's last page into the Chinese introduction, so there the link is dropped."""
    relations = app.env.collect_relations().get(pagename)
    if not relations:
        return
    _parent, prev, nxt = relations
    here = edition(pagename)
    for key, doc in (("prev", prev), ("next", nxt)):
        if doc is not None and edition(doc) != here:
            context[key] = None


def _page_context(app, pagename, templatename, context, doctree):
    if doctree is None or "body" not in context:
        return
    _stay_in_the_edition(app, pagename, context)
    other = twin(pagename, app.env.found_docs)
    if other is None or other not in app.env.found_docs:
        return
    zh = pagename.startswith(ZH)
    if zh:
        context["language"] = "zh-CN"     # <html lang="zh-CN"> (the theme's layout reads it)
    href = escape(app.builder.get_relative_uri(pagename, other))
    label, hreflang, title = (("English", "en", "Read this page in English") if zh
                              else ("中文", "zh-CN", "阅读本页的中文版"))
    link = (f'<p class="bpnn-lang"><a class="bpnn-lang-switch" href="{href}" hreflang="{hreflang}" '
            f'lang="{hreflang}" title="{escape(title)}">{label}</a></p>\n')
    context["body"] = link + context["body"]


_RUN: dict[str, str | None] = {}


def _build_started(app, config):
    from bpnn.articles import session

    _RUN["dir"] = session.start()
    # every verdict in the book is computed when it builds: never bpnn check's cache
    # (bpnn.articles.checkcache; the notebooks' kernels inherit the variable)
    os.environ["BPNN_NO_CACHE"] = "1"
    if config.html_search_language == "zh":
        _search_dictionary(app, config)
        _linear_chinese_search()


class _TermSet(set):
    """A set that also answers to ``extend``, the one list method Sphinx's Chinese search calls."""

    extend = set.update


def _linear_chinese_search() -> None:
    """Sphinx 7.4's Chinese search (``sphinx.search.zh.SearchChinese``) keeps every Latin word of
    every page in one list, ``latin_terms``, and for every word it stems asks whether the word is
    in that list: quadratic in the size of the site (measured: 59 s of a 150 s build, profiled,
    for 30 000 stems).  Only membership is ever asked of that list, so the same class with a set
    in its place gives the same index (tests/test_publish.py compares them) in linear time.
    Registered in :data:`sphinx.search.languages`, where Sphinx looks the class up by language."""
    from sphinx.search import languages
    from sphinx.search.zh import SearchChinese

    if isinstance(languages.get("zh"), type) and issubclass(languages["zh"], SearchChinese) \
            and languages["zh"].__name__ == "SearchChineseLinear":
        return

    class SearchChineseLinear(SearchChinese):
        def init(self, options):
            super().init(options)
            self.latin_terms = _TermSet()

    languages["zh"] = SearchChineseLinear


def _search_dictionary(app, config) -> None:
    """Give jieba (which splits Chinese text into words for the search index) the glossary's
    terms as words, so that a reader typing 误差项 or 学习率 finds the pages that use them."""
    from pathlib import Path

    from bpnn.articles.i18n import GLOSSARY

    words = sorted({t.zh for t in GLOSSARY if " " not in t.zh} | {"误差项", "学习率", "链式法则"})
    path = Path(app.doctreedir) / "bpnn-search-words.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w} 100000\n" for w in words), encoding="utf-8")
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(path)}


# sphinx-book-theme 1.3 / pydata-sphinx-theme 0.17: the exact strings its templates write
THEME_ZH = (
    ('placeholder="Search this book..."', 'placeholder="搜索本书…"'),
    ('aria-label="Search this book..."', 'aria-label="搜索本书…"'),
    ('>Search<', '>搜索<'),
    ('title="Search"', 'title="搜索"'),
    ('aria-label="Search"', 'aria-label="搜索"'),
    ('> Contents <', '> 目录 <'),
    ('> Contents\n  <', '> 目录\n  <'),
    ('aria-label="On this page"', 'aria-label="本页目录"'),
    ('class="prev-next-subtitle">previous', 'class="prev-next-subtitle">上一页'),
    ('class="prev-next-subtitle">next', 'class="prev-next-subtitle">下一页'),
    ('title="Download source file"', 'title="下载源文件"'),
    ('title="Print to PDF"', 'title="打印为 PDF"'),
    ('aria-label="Download this page"', 'aria-label="下载本页"'),
    ('title="Fullscreen mode"', 'title="全屏"'),
    ('title="Toggle primary sidebar"', 'title="显示或隐藏侧栏"'),
    ('title="Color mode"', 'title="配色"'),
    ('aria-label="Color mode"', 'aria-label="配色"'),
    ('data-bs-title="Color mode"', 'data-bs-title="配色"'),
    ('title="Light"', 'title="浅色"'),
    ('title="Dark"', 'title="深色"'),
    ('title="System Settings"', 'title="跟随系统"'),
    ('title="Link to this heading"', 'title="链接到本标题"'),
)


def _theme_words_in_chinese(app) -> None:
    from pathlib import Path

    for page in sorted((Path(app.outdir) / ZH).glob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = text
        for en, zh in THEME_ZH:
            new = new.replace(en, zh)
        if new != text:
            page.write_text(new, encoding="utf-8")


def _build_finished(app, exception):
    from bpnn.articles import session

    session.finish(_RUN.pop("dir", None))
    if exception is None and app.builder.format == "html":
        _theme_words_in_chinese(app)


def setup(app):
    app.connect("config-inited", _build_started)
    app.connect("build-finished", _build_finished)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
