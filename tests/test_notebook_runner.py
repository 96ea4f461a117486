"""scripts/notebooks.py: a kernel that fails to start is started again; a notebook's own error is not
retried.  (CI once failed because two kernels starting at once collided on a port.)"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _runner():
    spec = importlib.util.spec_from_file_location("bpnn_scripts_notebooks", ROOT / "scripts" / "notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(1)")]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    return path


def _fake(failures: list[Exception]):
    """A stand-in for nbclient.execute that raises the given errors, one per call, then succeeds."""
    calls = []

    def run(nb, **kwargs):
        calls.append(kwargs)
        if len(calls) <= len(failures):
            raise failures[len(calls) - 1]
        nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    return run, calls


def test_a_kernel_that_dies_while_starting_is_started_again(notebook, capsys):
    m = _runner()
    run, calls = _fake([RuntimeError("Kernel died before replying to kernel_info")])
    nb = m.execute(notebook, timeout=5, _run=run)
    assert len(calls) == 2
    assert nb.cells[0].outputs[0]["text"] == "1\n"
    assert "failed to start" in capsys.readouterr().err


def test_start_failures_are_retried_a_bounded_number_of_times(notebook):
    m = _runner()
    err = RuntimeError("Kernel didn't respond in 60 seconds")
    run, calls = _fake([err] * 10)
    with pytest.raises(RuntimeError, match="didn't respond"):
        m.execute(notebook, timeout=5, attempts=3, _run=run)
    assert len(calls) == 3


@pytest.mark.parametrize("exc", [RuntimeError("some cell raised"), ValueError("Kernel died before replying to kernel_info"),
                                 TimeoutError("cell timed out")])
def test_errors_of_the_notebook_itself_are_not_retried(notebook, exc):
    m = _runner()
    run, calls = _fake([exc] * 3)
    with pytest.raises(type(exc)):
        m.execute(notebook, timeout=5, _run=run)
    assert len(calls) == 1


def _root_conftest():
    spec = importlib.util.spec_from_file_location("bpnn_root_conftest", ROOT / "conftest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_nbvals_kernel_start_is_retried_on_start_failures_only():
    c = _root_conftest()
    calls = []

    def start(*args, **kwargs):
        calls.append(args)
        if len(calls) < 3:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "km", "kc"

    assert c._retrying(start)("python3") == ("km", "kc") and len(calls) == 3

    def broken(*args, **kwargs):
        calls.append(args)
        raise RuntimeError("No such kernel named python4")

    calls.clear()
    with pytest.raises(RuntimeError, match="python4"):
        c._retrying(broken)()
    assert len(calls) == 1


def test_the_suite_runs_nbval_with_the_retrying_start():
    nbval_kernel = pytest.importorskip("nbval.kernel")
    assert hasattr(nbval_kernel.start_new_kernel, "__wrapped__")
