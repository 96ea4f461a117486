"""The Chinese search index of the book, built by book/_ext/bpnn_editions.py's linear-time
replacement of Sphinx's Chinese search language: the same words, stemmed the same way."""
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
pytest.importorskip("jieba")

EXT = Path(__file__).resolve().parent.parent / "book" / "_ext"

TEXTS = [
    "反向传播（backpropagation）用链式法则计算梯度：δ 是误差项，学习率 η 取 0.5。",
    "The network was trained with MSE; its loss has a minimum. It is what BP1 says.",
    "Sigmoid 的导数 σ'(z) = σ(z)(1−σ(z))，ReLU 在 0 处没有导数；was has its ies yes",
    "W1 and b1: the weights of layer 1 were updated 10000 times (x_1, x_2, y_hat).",
    "最后一段只有中文：权重更新的方向是负梯度方向。",
]


@pytest.fixture
def search_classes(monkeypatch):
    from sphinx.search import languages
    from sphinx.search.zh import SearchChinese

    monkeypatch.syspath_prepend(str(EXT))
    monkeypatch.setitem(languages, "zh", languages["zh"])     # restored after the test
    import bpnn_editions

    bpnn_editions._linear_chinese_search()
    fast = languages["zh"]
    assert fast is not SearchChinese and issubclass(fast, SearchChinese)
    return SearchChinese, fast


def test_the_linear_chinese_search_splits_and_stems_as_sphinx_does(search_classes):
    slow_cls, fast_cls = search_classes
    slow, fast = slow_cls({}), fast_cls({})
    slow.latin_terms = []          # Sphinx's class-level list, fresh for this comparison
    seen_unstemmed = 0
    for text in TEXTS:
        words_slow, words_fast = slow.split(text), fast.split(text)
        assert words_slow == words_fast
        stems_slow = [slow.stem(w) for w in words_slow]
        assert [fast.stem(w) for w in words_fast] == stems_slow
        # the case the list exists for: a Latin word of 3+ letters kept whole because its
        # stem would be shorter than 3 ("was", not "wa")
        seen_unstemmed += sum(1 for w, s in zip(words_slow, stems_slow)
                              if s == w.lower() and len(slow.stemmer.stemWord(w.lower())) < 3 <= len(w))
    assert seen_unstemmed >= 3
    assert isinstance(fast.latin_terms, set)


def test_registering_twice_keeps_one_replacement(search_classes):
    from sphinx.search import languages

    _slow, fast = search_classes
    sys.modules["bpnn_editions"]._linear_chinese_search()
    assert languages["zh"] is fast
