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
