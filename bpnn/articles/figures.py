"""Figure text in the reader's language, with a font that has its glyphs.

Matplotlib's default font (DejaVu Sans) has no Chinese characters: a Chinese
label would be drawn as empty boxes, and matplotlib would print a
"Glyph … missing" warning into the notebook's output.  :func:`cjk_font` looks
for a font with Chinese glyphs among the font files installed on the machine
(WenQuanYi, Noto CJK, Source Han, …; ``.ci/install-browser`` installs
WenQuanYi Zen Hei in CI), reading the directories themselves instead of
matplotlib's font cache, which does not see a font installed after the cache
was made.  :func:`label` gives a figure's text in Chinese when there is such
a font and in English otherwise, so a figure never shows missing glyphs.
"""
from __future__ import annotations

import functools
import re

from .i18n import Text, check_lang

__all__ = ["cjk_font", "label", "use_font"]

# file names of fonts with Chinese glyphs, most preferred first
_CJK_FILES = re.compile(r"(wqy-zenhei|wqy-microhei|NotoSansCJK|NotoSansSC|NotoSerifCJK|SourceHanSans|"
                        r"SourceHanSerif|msyh|simhei|PingFang|Hiragino Sans GB|DroidSansFallback)", re.I)


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs (registered with matplotlib), or None."""
    from matplotlib import font_manager

    files = sorted(f for f in font_manager.findSystemFonts() if _CJK_FILES.search(f))
    for path in files:
        try:
            font_manager.fontManager.addfont(path)
            name = font_manager.FontProperties(fname=path).get_name()
        except Exception:  # pragma: no cover - an unreadable font file: try the next
            continue
        if name:
            return name
    return None


def label(text: Text | str, lang: str = "en") -> str:
    """A figure's title, axis label or legend entry in ``lang``.

    In Chinese, the Chinese twin when a CJK font is installed (:func:`cjk_font`), else the
    English text: empty boxes would tell the reader nothing.
    """
    if check_lang(lang) == "zh" and isinstance(text, Text) and cjk_font():
        return text.zh
    return str(text)


class _WeightNote:
    """Drops matplotlib's "findfont: Failed to find font weight …" note about the CJK font."""

    def filter(self, record) -> bool:
        msg = record.getMessage()
        return not (msg.startswith("findfont: Failed to find font weight") and cjk_font() and cjk_font() in msg)


def use_font(lang: str = "en") -> None:
    """Make matplotlib draw text with the CJK font (Latin letters included) when ``lang`` is
    Chinese and such a font is installed; otherwise leave matplotlib's settings alone."""
    if check_lang(lang) == "zh" and cjk_font():
        import matplotlib

        # matplotlib's own font first, the CJK font as its fallback (per glyph, matplotlib >= 3.6):
        # Latin letters, digits and the minus sign look as in the English figures
        matplotlib.rcParams["font.family"] = ["DejaVu Sans", cjk_font()]
        # WenQuanYi Zen Hei's only weight is 500: matplotlib logs, for every text drawn, that it
        # found no weight 400 and took 500; that is what we want, so the message is dropped
        import logging

        log = logging.getLogger("matplotlib.font_manager")
        if not any(isinstance(f, _WeightNote) for f in log.filters):
            log.addFilter(_WeightNote())
