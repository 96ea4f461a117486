"""Every Chinese twin book/zh/X.ipynb against its English chapter book/X.ipynb: the same cells and tags,
its own labels and glue names (Sphinx labels are global: a twin reusing an English label would break the
build or link to the wrong edition), a Chinese title, and the book's Chinese typography.

One test file for all twins (the chapter-specific tests, e.g. that a twin calls what its English cells
call, stay in the tests of their chapter)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ZH_DIR = ROOT / "book" / "zh"
TWINS = sorted(p.stem for p in ZH_DIR.glob("*.ipynb") if (ROOT / "book" / p.name).is_file())
HAN = "\u4e00-\u9fff"


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(cells, kind: str) -> str:
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == kind)


def _labels(markdown: str) -> list[str]:
    return re.findall(r"^\(([^)\s]+)\)=\s*$", markdown, re.M) + re.findall(r"^:label:\s*(\S+)", markdown, re.M)


def _glue_patterns(code: str) -> list[str]:
    """The names the code glues, as patterns: an f-string's {…}, or what is added to a prefix, as a wildcard."""
    names = re.findall(r"""glue\((f?)["']([^"']+)["']""", code)
    patterns = [re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(n)) if f else re.escape(n) for f, n in names]
    # glue("zh-" + name, …): a prefix and a computed rest
    return patterns + [re.escape(p) + ".+" for p in re.findall(r"""glue\(["']([^"']+)["']\s*\+""", code)]


def test_every_english_chapter_has_its_twin():
    english = sorted(p.stem for p in (ROOT / "book").glob("*.ipynb"))
    assert english and TWINS == english, set(english) ^ set(TWINS)


@pytest.mark.parametrize("name", TWINS)
def test_twin_has_the_english_cells_and_tags(name):
    en, zh = _cells(ROOT / "book" / f"{name}.ipynb"), _cells(ZH_DIR / f"{name}.ipynb")
    assert [c["cell_type"] for c in zh] == [c["cell_type"] for c in en]
    assert [c["metadata"].get("tags") for c in zh] == [c["metadata"].get("tags") for c in en]


@pytest.mark.parametrize("name", TWINS)
def test_twin_has_a_chinese_title_and_its_own_labels_and_glue_names(name):
    en, zh = _cells(ROOT / "book" / f"{name}.ipynb"), _cells(ZH_DIR / f"{name}.ipynb")
    md, code = _text(zh, "markdown"), _text(zh, "code")
    assert re.match(rf"# .*[{HAN}]", md), f"the title is not Chinese: {md.splitlines()[0]!r}"
    assert _labels(md) == ["zh-" + x for x in _labels(_text(en, "markdown"))]
    made = _glue_patterns(code)
    assert all(p.startswith("zh\\-") for p in made), [p for p in made if not p.startswith("zh\\-")]
    used = re.findall(r"\{glue(?::\w+)?\}`([^`]+)`", md)
    assert all(u.startswith("zh-") for u in used), used
    missing = [u for u in used if not any(re.fullmatch(p, u) for p in made)]
    assert not missing, f"glued nowhere in the twin: {missing}"
    en_made = [n for n in re.findall(r"""glue\(["']([^"'{]+)["']""", _text(en, "code"))]
    unshown = [n for n in en_made if not any(re.fullmatch(p, "zh-" + n) for p in made)]
    assert not unshown, f"glued in English, not in the twin: {unshown}"
    refs = re.findall(r"\{(?:ref|numref|prf:ref)\}`(?:[^`<]*<)?([^`>]+)>?`", md)
    assert all(r.startswith("zh-") for r in refs), refs


@pytest.mark.parametrize("name", [*TWINS, "glossary"])
def test_chinese_typography(name):
    """No line break between two Chinese characters (a browser shows it as a space), and a space
    between a Chinese character and a Latin letter, digit, formula or code, as 第 151 行, not 第151行
    (report.typeset_symbols needs the space too).  An inline formula, role or code counts as a Latin
    word; display math, code blocks, labels and the articles' own words in “quotes” are taken out."""
    cells = _cells(ZH_DIR / f"{name}.ipynb")
    # a glued value that is itself Chinese (全部) is written without spaces, like any Chinese word
    chinese_glue = {o["metadata"]["scrapbook"]["name"] for c in cells for o in c.get("outputs", [])
                    if "scrapbook" in o.get("metadata", {})
                    and re.search(f"[{HAN}]", str(o.get("data", {}).get("application/papermill.record/text/plain", "")))}
    bad = []
    for i, c in enumerate(cells):
        if c["cell_type"] != "markdown":
            continue
        text = "".join(c["source"])
        bad += [f"cell {i}: line break in …{m.group(0)!r}" for m in re.finditer(rf"[{HAN}]\n[{HAN}]", text)]
        bare = re.sub(r"```.*?```|\$\$.*?\$\$|^\(.*\)=$|^:label:.*$|“[^”]*”", " ", text, flags=re.S | re.M)
        # a formula, a role or code counts as a Latin word: it needs its space too
        bare = re.sub(r"\{glue(?::\w+)?\}`([^`]+)`", lambda m: "汉" if m.group(1) in chinese_glue else "X", bare)
        bare = re.sub(r"\$[^$\n]*\$|(?:\{[\w:-]+\})?`[^`]*`", "X", bare)
        bad += [f"cell {i}: no space in {bare[max(0, m.start() - 6):m.end() + 6]!r}"
                for m in re.finditer(rf"[{HAN}][A-Za-z0-9]|[A-Za-z0-9][{HAN}]", bare)]
    assert not bad, "\n".join(bad)


def _figure_alts(path: Path) -> list[tuple[int, str | None]]:
    """(cell index, alt text) of every code cell whose stored outputs hold an image."""
    out = []
    for i, c in enumerate(_cells(path)):
        if c["cell_type"] == "code" and any(k.startswith("image/") for o in c.get("outputs", []) for k in o.get("data", {})):
            out.append((i, ((c.get("metadata", {}).get("mystnb") or {}).get("image") or {}).get("alt")))
    return out


@pytest.mark.parametrize("name", TWINS)
def test_every_figure_has_alt_text_in_its_editions_language(name):
    """A figure's alt text (cell metadata mystnb.image.alt, which myst-nb gives the <img>) says what the
    figure shows, in English in the English chapter and in Chinese in its twin; without it the page
    would give the image's file name."""
    en, zh = _figure_alts(ROOT / "book" / f"{name}.ipynb"), _figure_alts(ZH_DIR / f"{name}.ipynb")
    assert [i for i, _ in en] == [i for i, _ in zh]
    for (i, a), (_, b) in zip(en, zh):
        assert a and len(a.split()) >= 12 and not re.search(f"[{HAN}]", a), f"book/{name}.ipynb cell {i}: alt {a!r}"
        assert b and len(re.findall(f"[{HAN}]", b)) >= 20, f"book/zh/{name}.ipynb cell {i}: alt {b!r}"
