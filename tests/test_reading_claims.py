"""The claims of the third reading (issue 21, point 10): their data is the articles' and their kinds can fail."""
import pytest

from bpnn.articles import ARTICLES, article_line, seeds_dir
from bpnn.articles.claims import Verdict, ch_facts, example_002, kinds_002
from bpnn.articles.claims.kinds_facts import listing_test_data

needs_seeds = pytest.mark.skipif(seeds_dir() is None, reason="the articles (../shared/seeds) are not here")


@needs_seeds
def test_listing_001_data_lines_are_the_articles():
    for line, text in ch_facts.DATA_001:
        assert article_line(ARTICLES["001"], line).strip() == text


@needs_seeds
@pytest.mark.parametrize("version", ["v1", "v2"])
def test_neuron_lines_say_what_the_kind_cites(version):
    ln = example_002.NEURON_LINES[version]
    assert r"y = f(w \cdot x + b)" in article_line(ARTICLES["002"], ln["formula"])
    assert "点积" in article_line(ARTICLES["002"], ln["dot"])
    assert "线性组合" in article_line(ARTICLES["002"], ln["step"])


def test_test_data_kind_tells_the_cases_apart():
    lines = (1, 2, 3, 4)
    xor_x, xor_y = "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])", "y = np.array([[0], [1], [1], [0]])"
    # the same arrays, every 2-bit input: correct (nothing unseen exists)
    assert listing_test_data(xor_x, xor_y, xor_x, xor_y, lines)().verdict == Verdict.CORRECT
    out = listing_test_data(xor_x, xor_y, xor_x, xor_y, lines)()
    assert "XOR" in str(out.detail)
    and_y = "y = np.array([[0], [0], [0], [1]])"
    out = listing_test_data(xor_x, and_y, xor_x, and_y, lines)()
    assert out.verdict == Verdict.CORRECT and "XOR" not in str(out.detail)
    # the same arrays, some inputs never seen: a test on the training data
    part_x, part_y = "X = np.array([[0, 0], [1, 1]])", "y = np.array([[0], [0]])"
    assert listing_test_data(part_x, part_y, part_x, part_y, lines)().verdict == Verdict.INCONSISTENT
    # different arrays: a real test
    out = listing_test_data(part_x, part_y, xor_x, xor_y, lines)()
    assert out.verdict == Verdict.CORRECT and "differ" in str(out.computed)
    with pytest.raises(ValueError):
        listing_test_data("X = [[0, 0]]", xor_y, xor_x, xor_y, lines)()


def test_unit_inputs_kind_passes_a_fully_connected_layer(monkeypatch):
    assert kinds_002.unit_inputs("v2")().verdict == Verdict.INCONSISTENT
    full = dict(example_002.UNITS["v2"])
    for j in (1, 2, 3, 4):
        full[j] = ([(f"w_{j}1", "x_1"), (f"w_{j}2", "x_2")], f"b_{j}")
    monkeypatch.setitem(example_002.UNITS, "v2", full)
    assert kinds_002.unit_inputs("v2")().verdict == Verdict.CORRECT


@needs_seeds
def test_conda_lines_are_the_articles():
    for _, env_no, env, inst in ch_facts._CONDA:
        assert article_line(ARTICLES["002"], env_no).strip() == env
        assert "-c pytorch" in article_line(ARTICLES["002"], inst)


@pytest.mark.parametrize("python,newest", [("3.8", "PyTorch 2.4.1 at most"), ("3.9", "PyTorch 2.5.1 at most"),
                                           ("3.12", "PyTorch 2.5.1 at most"), ("3.7", "no PyTorch")])
def test_conda_pytorch_kind_follows_the_record(python, newest):
    from bpnn.articles.claims.kinds_facts import conda_pytorch
    out = conda_pytorch("conda install pytorch -c pytorch", f"conda create -n e python={python}", 1)()
    assert out.verdict == Verdict.NOT_CHECKABLE and str(out.computed).startswith(newest)
