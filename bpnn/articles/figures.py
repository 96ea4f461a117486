"""Figure text in the reader's language, with a font that has its glyphs.

Matplotlib's default font (DejaVu Sans) has no Chinese characters: a Chinese
label would be drawn as empty boxes, and matplotlib would print a
"Glyph … missing" warning into the notebook's output.  :func:`cjk_font` finds
a font with Chinese glyphs (:data:`CJK_FONTS`; ``.ci/install-browser`` installs
WenQuanYi Zen Hei in CI), also among font files installed after matplotlib
cached its font list.  A Chinese figure is drawn only when there is one:
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

__all__ = ["CJK_FONTS", "cjk_font", "figure_lang", "figure_language", "label"]

#: fonts that can draw the Chinese figures' labels, in the order they are preferred
CJK_FONTS = ("WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
             "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "SimHei")


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
