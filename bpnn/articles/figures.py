"""Figure text in the reader's language, with a font that has its glyphs.

Matplotlib's default font (DejaVu Sans) has no Chinese characters: a Chinese
label would be drawn as empty boxes, and matplotlib would print a
"Glyph … missing" warning into the notebook's output.  :func:`cjk_font` finds
a font with Chinese glyphs (:data:`CJK_FONTS`): first the one the ``book`` extra
installs from PyPI (Noto Sans CJK SC, shipped by the ``mplfonts`` package, :data:`PACKAGE_FONTS`),
so that building the book needs nothing from the system's package manager, then
the system's fonts, also those installed after matplotlib cached its font list.
When the book builds, ``book/_ext/bpnn_site.py`` warns (an error under ``-W``) if
there is none, and re-runs the Chinese notebooks when :func:`font_key` changes.  A Chinese figure is drawn only when there is one:
:func:`figure_lang` / :func:`figure_language` say which language the labels
should use ("en" when no such font is installed), so a figure never shows
missing glyphs.  Text is drawn in DejaVu Sans, matplotlib's own font, as in
the English figures, and the Chinese characters it lacks in the CJK font.  That
fallback does not reach mathtext: a Chinese label writes σ or η in Unicode,
never Chinese characters next to ``$…$``.
"""
from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from functools import lru_cache

from .i18n import Text, check_lang

__all__ = ["CJK_FONTS", "PACKAGE_FONTS", "cjk_font", "font_key", "figure_lang", "figure_language", "label"]

#: fonts that can draw the Chinese figures' labels, in the order they are preferred
CJK_FONTS = ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
             "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "SimHei")


#: CJK font files shipped inside Python packages: (distribution's import name, file inside it).
#: ``mplfonts`` (a dependency of the ``book`` extra) ships Noto Sans CJK SC, Regular.
PACKAGE_FONTS = (("mplfonts", "fonts/NotoSansCJKsc-Regular.otf"),)


def _package_font_files() -> list[str]:
    """The files of :data:`PACKAGE_FONTS` that are installed (found without importing the packages)."""
    import importlib.util
    from pathlib import Path

    files = []
    for module, name in PACKAGE_FONTS:
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        for folder in (spec.submodule_search_locations or []) if spec else []:
            path = Path(folder) / name
            if path.is_file():
                files.append(str(path))
    return files


def font_key() -> str:
    """What the Chinese figures depend on: the chosen CJK font's name and file (name, size), or
    ``"none"``.  The book's execution cache is keyed on it (``book/_ext/bpnn_site.py``)."""
    import os

    name = cjk_font()
    if name is None:
        return "none"
    from matplotlib import font_manager as fm

    path = next((f.fname for f in fm.fontManager.ttflist if f.name == name), "")
    size = os.path.getsize(path) if path and os.path.exists(path) else 0
    return f"{name}|{os.path.basename(path)}|{size}"


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first of :data:`CJK_FONTS` that matplotlib can use here, or None (looked up once).

    matplotlib's font list is cached on disk; a font installed after the cache was written is not in
    it, so the system's font files that the list lacks are added (for this process only) before
    giving up.  The chosen family's only weight is registered as its normal weight (WenQuanYi Zen
    Hei has one face, of weight 500), so that drawing a label logs no "Failed to find font weight".
    """
    from matplotlib import font_manager as fm

    manager = fm.fontManager
    known = {f.fname for f in manager.ttflist}
    for path in _package_font_files():
        if path not in known:
            try:
                manager.addfont(path)
            except Exception:  # noqa: BLE001 - a font file matplotlib cannot read is not one we can use
                pass
    names = {f.name for f in manager.ttflist}
    if not names.intersection(CJK_FONTS):
        known = {f.fname for f in manager.ttflist}
        for path in fm.findSystemFonts():
            if path not in known:
                try:
                    manager.addfont(path)
                except Exception:  # noqa: BLE001 - a font file matplotlib cannot read is not one we can use
                    pass
        names = {f.name for f in manager.ttflist}
    name = next((n for n in CJK_FONTS if n in names), None)
    if name is not None:
        faces = [i for i, f in enumerate(manager.ttflist) if f.name == name]
        if not any(manager.ttflist[i].weight in (400, "normal", "regular") for i in faces):
            for i in faces:
                manager.ttflist[i] = dataclasses.replace(manager.ttflist[i], weight=400)
    return name


def _rc(font: str) -> dict:
    # DejaVu Sans first, the CJK font as the fallback for the glyphs DejaVu lacks (Chinese).  The
    # fallback works for plain text only: mathtext (a label with $…$, a log axis's 10^{-2}) draws in
    # the first family, so a Chinese label writes its symbols in Unicode (σ, η), not in $…$.
    return {"font.family": ["DejaVu Sans", font]}


def figure_lang(lang: str = "en") -> str:
    """The language a figure's title, labels and legend are drawn in: ``lang``, or English when
    ``lang`` is "zh" and no CJK font is installed (so that no glyph is ever missing).

    For Chinese it sets matplotlib's fonts for the rest of the session (see the module's docstring);
    :func:`figure_language` does the same for one block only.
    """
    if check_lang(lang) == "en" or (font := cjk_font()) is None:
        return "en"
    import matplotlib as mpl

    mpl.rcParams.update(_rc(font))
    return "zh"


@contextmanager
def figure_language(lang: str = "zh"):
    """Like :func:`figure_lang`, for the figures drawn inside a ``with`` block: yields the language
    the labels should use, and restores matplotlib's settings afterwards.  Draw inside the block."""
    if check_lang(lang) == "en" or (font := cjk_font()) is None:
        yield "en"
        return
    import matplotlib.pyplot as plt

    with plt.rc_context(_rc(font)):
        yield "zh"


def label(text: Text | str, lang: str = "en") -> str:
    """A figure's title, axis label or legend entry: the Chinese twin when ``lang`` is "zh" and a
    CJK font is installed, else the English text."""
    if isinstance(text, Text) and figure_lang(lang) == "zh":
        return text.zh
    return str(text)
