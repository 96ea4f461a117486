"""Sphinx extension: the book's two editions, each its own site.

- The English edition is the root project (``_config.yml``, ``_toc.yml``: ``book/X``), published at
  the site's root; the Chinese edition is the Jupyter Book in ``book/zh/`` (its own ``_config.yml``
  and ``_toc.yml``, Sphinx's ``language`` ``zh_CN``), published under ``zh/``.  Each has its own
  table of contents, title, footer, search index, sitemap and 404 page, and previous / next stay in
  it, since each site's table of contents holds only its own pages.
- The README's one command (``jupyter-book build . -W -n --keep-going``) builds both: the root build
  starts ``jupyter-book build book/zh`` (same ``-W``, ``-n``, ``--keep-going``) as soon as the
  notebooks of both editions have run (``bpnn_prerun`` runs them together, into the one execution
  cache both builds use: ``BPNN_EXECUTION_CACHE``), so the two Sphinx builds read and write side by
  side; when the root build ends it waits for the Chinese one, copies its HTML into
  ``_build/html/zh/``, and fails with the Chinese build's messages (marked ``[zh]``) if it failed.
- At the top of every page, a link to the same chapter in the other site (``中文`` on an English
  page, ``English`` on a Chinese one); a page without a twin links to the other edition's
  introduction.
- The theme's words on the Chinese site come from the translations of Sphinx and of the themes
  (``language: zh_CN``; the few they lack from ``book/zh/_locale``), and ``<html lang="zh-CN">`` from
  Sphinx itself: nothing is rewritten after the build.
- The Chinese search index is built in linear time (:func:`_linear_chinese_search`): Sphinx
  7.4's own took 60 of the build's 150 seconds.
- While the book builds, the notebooks' costly results are computed once for both editions
  (:mod:`bpnn.articles.session`): the run's directory is made when the root build starts (the
  kernels and the Chinese build inherit its name) and deleted when the root build ends.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from html import escape
from pathlib import Path

from sphinx.errors import SphinxError
from sphinx.util import logging

LOG = logging.getLogger(__name__)
ZH = "book/zh"                  # the Chinese edition's project, from the root
ZH_URL = "zh/"                  # and where it is published, from the site's root
EN_DOCS = "book/"               # the English pages' folder, in the root project and on the site
CACHE_ENV = "BPNN_EXECUTION_CACHE"
ZH_OUTPUT = "zh-edition"        # the Chinese build's own folder, beside the root build's html/


class EditionError(SphinxError):
    category = "Chinese edition"


def edition(app) -> str:
    """"zh" in the Chinese edition's build, "en" in the root (English) one."""
    return app.config.bpnn_edition


def _has_page(folder: Path, name: str) -> bool:
    return any((folder / f"{name}{suffix}").is_file() for suffix in (".ipynb", ".md"))


def zh_project(app) -> Path | None:
    """The Chinese edition's project folder, seen from the root build (None when there is none)."""
    path = Path(app.srcdir) / ZH
    return path if (path / "_config.yml").is_file() and (path / "_toc.yml").is_file() else None


def twin_href(app, pagename: str) -> str | None:
    """The URL, relative to ``pagename``'s page, of the same chapter on the other site (its
    introduction when the chapter has no twin); None for a page that is not a chapter."""
    up = "../" * pagename.count("/")
    if edition(app) == "zh":
        english = Path(app.srcdir).parent          # book/
        name = pagename if _has_page(english, pagename) else "intro"
        return f"{up}../{EN_DOCS}{name}.html"
    if not pagename.startswith(EN_DOCS):
        return None
    chinese = Path(app.srcdir) / ZH
    name = pagename[len(EN_DOCS):]
    name = name if _has_page(chinese, name) else "intro"
    return f"{up}{ZH_URL}{name}.html"


def _page_context(app, pagename, templatename, context, doctree):
    if doctree is None or "body" not in context:
        return
    href = twin_href(app, pagename)
    if href is None:
        return
    zh = edition(app) == "zh"
    label, hreflang, title = (("English", "en", "Read this page in English") if zh
                              else ("中文", "zh-CN", "阅读本页的中文版"))
    link = (f'<p class="bpnn-lang"><a class="bpnn-lang-switch" href="{escape(href)}" hreflang="{hreflang}" '
            f'lang="{hreflang}" title="{escape(title)}">{label}</a></p>\n')
    context["body"] = link + context["body"]


_RUN: dict = {}


def _build_started(app, config):
    from bpnn.articles import session

    _RUN["dir"] = session.start()
    # every verdict in the book is computed when it builds: never bpnn check's cache
    # (bpnn.articles.checkcache; the notebooks' kernels inherit the variable)
    os.environ["BPNN_NO_CACHE"] = "1"
    if config.bpnn_edition == "zh" and not config.nb_execution_cache_path and os.environ.get(CACHE_ENV):
        # started by the root build: its execution cache, where every notebook has already run
        config.nb_execution_cache_path = os.environ[CACHE_ENV]
    _other_catalogs(app, config)
    _translate_search_box(config)
    if config.html_search_language == "zh":
        _search_dictionary(app, config)
        _linear_chinese_search()
    if config.bpnn_edition == "en" and zh_project(app) is not None:
        # bpnn_prerun runs these with the English ones, before either build reads a page
        app.bpnn_extra_notebooks = sorted((Path(app.srcdir) / ZH).glob("*.ipynb"))


def _other_catalogs(app, config) -> None:
    """The edition's catalogs of domains other than Sphinx's own (``booktheme``: sphinx-book-theme's
    header buttons): compiled here with babel, as Sphinx compiles ``sphinx.po`` itself, and added
    to their domain as a fallback after the theme's own translations."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    if not config.language or config.language == "en":
        return
    for folder in config.locale_dirs:
        base = Path(app.srcdir) / folder
        for po in sorted((base / config.language / "LC_MESSAGES").glob("*.po")):
            if po.stem == "sphinx":
                continue
            mo = po.with_suffix(".mo")
            if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
                with po.open("rb") as fh:
                    catalog = read_po(fh, locale=config.language, domain=po.stem)
                with mo.open("wb") as fh:
                    write_mo(fh, catalog)
            app.add_message_catalog(po.stem, str(base))


def _translate_search_box(config) -> None:
    """Jupyter Book writes the search box's placeholder as a literal ("Search this book...",
    ``html_theme_options["search_bar_text"]``); it is passed through Sphinx's translator like the
    theme's own words (the Chinese edition's catalog, ``book/zh/_locale``, has it)."""
    from sphinx.locale import _

    options = config.html_theme_options
    if isinstance(options, dict) and isinstance(options.get("search_bar_text"), str):
        config.html_theme_options = {**options, "search_bar_text": _(options["search_bar_text"])}


def _cache_path(app) -> str:
    path = getattr(app.config, "nb_execution_cache_path", "") or ""
    return str(Path(path).resolve() if path else (Path(app.outdir).parent / ".jupyter_cache").resolve())


def chinese_build_command(app, project: Path, out: Path) -> list[str]:
    """``jupyter-book build book/zh`` with this build's -W, -n and --keep-going (in this Python)."""
    cmd = [sys.executable, "-c", "import sys; from jupyter_book.cli.main import main; sys.exit(main())",
           "build", str(project), "--path-output", str(out)]
    # Sphinx keeps -W --keep-going as keep_going alone (warningiserror then False)
    if app.warningiserror or app.keep_going:
        cmd.append("-W")
    if app.config.nitpicky:
        cmd.append("-n")
    if app.keep_going:
        cmd.append("--keep-going")
    return cmd


def _start_chinese_build(app, env, docnames) -> None:
    """Once the notebooks have run (``bpnn_prerun`` handles this event first), start the Chinese
    edition's build beside this one."""
    if "proc" in _RUN or edition(app) != "en" or app.builder.format != "html":
        return
    project = zh_project(app)
    if project is None:
        return
    out = Path(app.outdir).parent / ZH_OUTPUT
    cmd = chinese_build_command(app, project, out)
    envvars = dict(os.environ)
    if getattr(app.config, "nb_execution_mode", "") == "cache":
        envvars[CACHE_ENV] = _cache_path(app)
    LOG.info(f"bpnn: building the Chinese edition beside this one: jupyter-book build {ZH} "
             f"{' '.join(cmd[5:])}")
    proc = subprocess.Popen(cmd, cwd=app.srcdir, env=envvars, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    tail: list[str] = []

    def relay():
        for line in proc.stdout:
            tail.append(line)
            del tail[:-60]
            sys.stdout.write("[zh] " + line)
            sys.stdout.flush()

    thread = threading.Thread(target=relay, daemon=True)
    thread.start()
    _RUN.update(proc=proc, thread=thread, tail=tail, out=out / "_build" / "html")


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _finish_chinese_build(app, exception) -> None:
    proc = _RUN.pop("proc", None)
    if proc is None:
        return
    if exception is not None:
        proc.terminate()
    proc.wait()
    _RUN.pop("thread").join()
    tail, html = _RUN.pop("tail"), _RUN.pop("out")
    if exception is not None:
        return
    if proc.returncode != 0:
        raise EditionError(f"the Chinese edition's build (jupyter-book build {ZH}) failed with exit "
                           f"status {proc.returncode}; its messages are above, marked [zh]. Its last lines:\n"
                           + "".join(tail[-15:]))
    target = Path(app.outdir) / ZH_URL
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(html, target, copy_function=_link_or_copy)
    LOG.info(f"bpnn: the Chinese edition is in {target}")


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
    from bpnn.articles.i18n import GLOSSARY

    words = sorted({t.zh for t in GLOSSARY if " " not in t.zh} | {"误差项", "学习率", "链式法则"})
    path = Path(app.doctreedir) / "bpnn-search-words.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w} 100000\n" for w in words), encoding="utf-8")
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(path)}


def _build_finished(app, exception):
    from bpnn.articles import session

    try:
        _finish_chinese_build(app, exception)
    finally:
        session.finish(_RUN.pop("dir", None))


def setup(app):
    # "en": the root project (the English edition); "zh": book/zh/_config.yml sets it
    app.add_config_value("bpnn_edition", "en", "env", [str])
    app.connect("config-inited", _build_started)
    # after bpnn_prerun's handler (priority 500): the notebooks of both editions have run
    app.connect("env-before-read-docs", _start_chinese_build, priority=900)
    app.connect("build-finished", _build_finished)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
