"""book/_ext/bpnn_prerun.py: the notebooks the build must run, run side by side before Sphinx reads them."""
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
pytest.importorskip("jupyter_cache")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def prerun(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "book" / "_ext"))
    import bpnn_prerun

    return bpnn_prerun


@pytest.mark.parametrize("value, expected", [("1", 1), ("3", 3), ("0", 1), ("-2", 1)])
def test_the_number_of_notebooks_run_at_once_can_be_set(prerun, monkeypatch, value, expected):
    monkeypatch.setenv(prerun.ENV_JOBS, value)
    assert prerun.jobs() == expected


def test_without_a_setting_it_is_the_usable_cores_at_most_four(prerun, monkeypatch):
    import os

    monkeypatch.delenv(prerun.ENV_JOBS, raising=False)
    assert prerun.jobs() == max(1, min(len(os.sched_getaffinity(0)), prerun.MAX_JOBS))


def test_english_pages_run_before_their_chinese_twins(prerun):
    paths = [Path("book/zh/a.ipynb"), Path("book/b.ipynb"), Path("book/zh/b.ipynb"), Path("book/a.ipynb")]
    assert prerun._order(paths) == [Path("book/b.ipynb"), Path("book/a.ipynb"),
                                    Path("book/zh/a.ipynb"), Path("book/zh/b.ipynb")]


def test_a_notebook_runs_as_myst_nb_runs_it(prerun, tmp_path):
    # the worker's result: the executed notebook, or the error that myst-nb will report again
    import nbformat

    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nprint(os.getcwd())")])
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    (tmp_path / "sub").mkdir()
    nbformat.write(good, tmp_path / "sub" / "good.ipynb")
    nbformat.write(bad, tmp_path / "bad.ipynb")
    path, text, seconds, error = prerun._execute(str(tmp_path / "sub" / "good.ipynb"), 60, False)
    assert error is None and seconds > 0
    out = nbformat.reads(text, as_version=4).cells[0].outputs[0]
    assert out.text.strip() == str(tmp_path / "sub")        # run in the notebook's own folder
    path, text, seconds, error = prerun._execute(str(tmp_path / "bad.ipynb"), 60, False)
    assert text is None and "ZeroDivisionError" in error


def test_the_book_loads_the_extension():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["local_extensions"].get("bpnn_prerun") == "book/_ext"
    assert config["sphinx"]["config"].get("nb_merge_streams") is True


# ----------------------------------------------------------------------------- the two editions
def _yaml(path):
    import yaml

    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def _toc_files(toc) -> list[str]:
    out = [toc["root"]]
    for part in toc.get("parts", []):
        for ch in part["chapters"]:
            out.append(ch["file"])
            out += [s["file"] for s in ch.get("sections", [])]
    return out


def test_each_edition_is_a_jupyter_book_of_its_own():
    """The English edition is the root project (language en, an English search index); the Chinese
    one is book/zh/ (language zh_CN: the theme's words from translation catalogs, a jieba search
    index), the same repository, the same extensions."""
    en, zh = _yaml("_config.yml"), _yaml("book/zh/_config.yml")
    assert en["sphinx"]["config"]["language"] == "en" and en["sphinx"]["config"]["html_search_language"] == "en"
    assert zh["sphinx"]["config"]["language"] == "zh_CN" and zh["sphinx"]["config"]["html_search_language"] == "zh"
    assert zh["sphinx"]["config"]["bpnn_edition"] == "zh" and "bpnn_edition" not in en["sphinx"]["config"]
    assert zh["repository"]["url"] == en["repository"]["url"] and zh["repository"]["path_to_book"] == "book/zh"
    assert zh["title"] != en["title"]
    for name in ("bpnn_site", "bpnn_editions", "bpnn_prerun"):
        assert (ROOT / en["sphinx"]["local_extensions"][name]).resolve() \
            == (ROOT / "book/zh" / zh["sphinx"]["local_extensions"][name]).resolve()
    assert (ROOT / "book/zh" / zh["sphinx"]["config"]["html_static_path"][0]).resolve() \
        == (ROOT / en["sphinx"]["config"]["html_static_path"][0]).resolve()
    assert zh["execute"]["execute_notebooks"] == en["execute"]["execute_notebooks"] == "cache"


def test_each_table_of_contents_holds_its_own_edition_only():
    en, zh = _toc_files(_yaml("_toc.yml")), _toc_files(_yaml("book/zh/_toc.yml"))
    assert all(f.startswith("book/") and not f.startswith("book/zh/") for f in en), en
    assert sorted(en) == sorted(f"book/{p.stem}" for p in (ROOT / "book").iterdir() if p.suffix in (".ipynb", ".md"))
    assert sorted(zh) == sorted(p.stem for p in (ROOT / "book/zh").iterdir() if p.suffix in (".ipynb", ".md"))


@pytest.fixture
def editions(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "book" / "_ext"))
    import bpnn_editions

    return bpnn_editions


class _App:
    def __init__(self, edition, srcdir, warningiserror=False, keep_going=True, nitpicky=True):
        class Config:
            pass

        self.config = Config()
        self.config.bpnn_edition = edition
        self.config.nitpicky = nitpicky
        self.srcdir = str(srcdir)
        self.warningiserror, self.keep_going = warningiserror, keep_going


def test_the_chinese_build_gets_the_root_builds_flags(editions, tmp_path):
    cmd = editions.chinese_build_command(_App("en", ROOT), ROOT / "book/zh", tmp_path)
    assert cmd[3:] == ["build", str(ROOT / "book/zh"), "--path-output", str(tmp_path), "-W", "-n", "--keep-going"]
    cmd = editions.chinese_build_command(_App("en", ROOT, warningiserror=True, keep_going=False, nitpicky=False),
                                         ROOT / "book/zh", tmp_path)
    assert cmd[-1] == "-W" and "-n" not in cmd and "--keep-going" not in cmd
    assert editions.chinese_build_command(_App("en", ROOT, keep_going=False, nitpicky=False),
                                          ROOT / "book/zh", tmp_path)[-1] == str(tmp_path)


def test_every_page_links_to_its_twin_on_the_other_site(editions):
    en, zh = _App("en", ROOT), _App("zh", ROOT / "book/zh")
    assert editions.twin_href(en, "book/sigmoid-neuron") == "../zh/sigmoid-neuron.html"
    assert editions.twin_href(zh, "sigmoid-neuron") == "../book/sigmoid-neuron.html"
    assert editions.twin_href(zh, "glossary") == "../book/intro.html"      # no English twin
    assert editions.twin_href(en, "genindex") is None
    for p in (ROOT / "book").iterdir():
        if p.suffix in (".ipynb", ".md"):
            href = editions.twin_href(en, f"book/{p.stem}")
            assert href.startswith("../zh/") and (ROOT / "book/zh" / href[len("../zh/"):]).with_suffix(p.suffix).is_file(), href


def test_no_theme_word_is_rewritten_after_the_build(editions):
    """The former THEME_ZH (sphinx-book-theme's exact strings replaced in the written pages) is gone: the
    Chinese edition's theme words come from Sphinx's language (zh_CN) and the themes' catalogs, and the few
    they lack from book/zh/_locale, a real catalog that Sphinx compiles when the build starts."""
    from babel.messages.pofile import read_po

    assert not hasattr(editions, "THEME_ZH") and not hasattr(editions, "_theme_words_in_chinese")
    zh = _yaml("book/zh/_config.yml")["sphinx"]["config"]
    po = ROOT / "book/zh" / zh["locale_dirs"][0] / "zh_CN" / "LC_MESSAGES" / "sphinx.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    messages = [m for m in catalog if m.id]
    assert messages and all(m.string and m.string != m.id for m in messages)
