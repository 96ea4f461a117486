"""Reading symbol names out of an article's LaTeX, for the chapters that check declarations."""
from __future__ import annotations

import re

__all__ = ["tex_symbols"]

_TEX_NAMES = re.compile(r"\\hat\{(\w)\}|\\(eta|delta|sigma)\b|(?<![\\\w])([A-Za-z])(?![a-zA-Z])(?!\^)")


def tex_symbols(tex: str) -> list[str]:
    """Base names a LaTeX formula uses (\\hat{y} → "ŷ", \\eta → "η", w_{71} → "w"); commands and e^ skipped."""
    t = re.sub(r"\\(frac|partial|cdot|approx|left|right|mathbf|mathcal)\b", " ", tex)
    t = re.sub(r"_\{[^{}]*\}|_\w", " ", t)
    t = re.sub(r"\^\{[^{}]*\}|\^\(?[\w\-]+\)?", "^", t)      # superscripts (indices, exponents) dropped
    out = []
    for hat, greek, letter in _TEX_NAMES.findall(t):
        name = {"": None}.get(hat, None) if not hat else hat + "\u0302"
        name = name or ({"eta": "η", "delta": "δ", "sigma": "σ"}[greek] if greek else letter)
        if name and name not in out:
            out.append(name)
    return out
