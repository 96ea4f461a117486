"""The Chinese twins of the code chapters (listing 001, the framework listings, fine-tuning).

Both editions call the same package functions; the costly runs are computed once per run
(bpnn.articles.session.shared_result) and read by the other edition; tables and figures come in
either language from the same numbers; a figure falls back to English labels when no CJK font is
installed, and never logs a missing glyph.
"""
from __future__ import annotations

import json
import logging
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from bpnn.articles import figures, session
from bpnn.articles import finetune as F
from bpnn.articles import listings as L

ROOT = Path(__file__).resolve().parent.parent
TWINS = ("listing-001-numpy", "listings-frameworks", "fine-tuning")
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")


def _code(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


@pytest.fixture
def shared_dir(tmp_path, monkeypatch):
    """A run's shared directory, as the conftest and the book build make it."""
    monkeypatch.setenv(session.ENV, str(tmp_path))
    return tmp_path


# ----------------------------------------------------------------------------- sharing


def test_second_edition_reads_the_seed_runs_instead_of_training(shared_dir, monkeypatch):
    first = L.xor_seed_runs_001(3, 300)
    assert len(list(shared_dir.glob("*.pickle"))) == 1

    def no_training(*args, **kwargs):
        raise AssertionError("the second call trained again")

    class Boom:
        uncached = staticmethod(no_training)

    monkeypatch.setattr(L, "train_001", Boom)
    assert L.xor_seed_runs_001(3, 300) == first


def test_seed_runs_agree_with_the_engine():
    """The fixed listing's runs (NumPy, the listing's conventions) against bpnn's engine on the same
    initial weights: the listing descends ½Σ(o − y)² with η = 0.1, the engine's half_sse with 0.1."""
    runs = L.xor_seed_runs_001.uncached(4, 500)
    for seed, final, out, learns in runs:
        net, losses = L.bpnn_001(seed, epochs=500)
        assert final == pytest.approx(float(losses[-1]), abs=1e-12)
        assert np.allclose(out, net.predict(L.XOR_X.T).ravel(), atol=1e-10)
        assert learns == bool(np.all((np.array(out) > 0.5) == (L.XOR_Y.ravel() > 0.5)))
    assert all(isinstance(v, float) for _, final, out, _ in runs for v in (final, *out))


def test_engine_losses_are_bpnn_001s():
    _, losses = L.bpnn_001(2, epochs=300, loss="mse", learning_rate=0.2)
    assert np.array_equal(L.bpnn_001_losses.uncached(2, 300, "mse", 0.2), losses)


def test_shared_pretraining_rebuilds_the_trained_network_bit_for_bit():
    (Xs, Ts), _, _ = F.finetune_data()
    direct, curve = F.pretrain(Xs, Ts)
    shared, shared_curve = F.pretrained_model()
    assert np.array_equal(curve, shared_curve)
    for a, b in zip(direct.layers, shared.layers):
        assert np.array_equal(a.W, b.W) and np.array_equal(a.b, b.b)
        assert a.activation.name == b.activation.name and b.trainable


def test_finetune_summary_is_the_mean_and_worst_of_the_comparisons():
    pre, _ = F.pretrained_model()
    got = F.finetune_summary.uncached((10,), repeats=2)
    accs = {h: [F.finetune_comparison(pre, n_target=10, k=k)[h][2] for k in range(2)] for h in ("scratch", "top", "all")}
    assert got == {10: {h: (sum(v) / 2, min(v)) for h, v in accs.items()}}


@pytest.mark.parametrize("name", TWINS)
def test_the_twin_makes_the_same_shared_calls(name):
    """A twin whose call differs from the English one (other arguments, keywords) would compute
    again instead of reading the English result: the calls of shared functions must be identical."""
    shared = [n for mod in (L, F) for n in dir(mod) if hasattr(getattr(mod, n), "uncached")]
    call = re.compile(r"\b[LF]\.(" + "|".join(shared) + r")\([^()]*(?:\([^()]*\)[^()]*)*\)")
    en = sorted(m.group(0) for src in _code(ROOT / "book" / f"{name}.ipynb") for m in call.finditer(src))
    zh = sorted(m.group(0) for src in _code(ROOT / "book" / "zh" / f"{name}.ipynb") for m in call.finditer(src))
    assert en == zh
    if name != "listings-frameworks":
        assert en, "the chapter calls no shared function"


# ----------------------------------------------------------------------------- tables


def _numbers(table: str) -> list[str]:
    return NUMBER.findall(re.sub(r"^\|.*\|\n\|[-:|]+\|\n", "", table))


def test_seed_table_has_the_same_numbers_in_both_languages():
    runs = [(0, 0.00321, (0.045, 0.938, 0.951, 0.068), True), (1, 0.12779, (0.039, 0.949, 0.499, 0.506), False)]
    en, zh = L.seed_table_001(runs), L.seed_table_001(runs, lang="zh")
    assert _numbers(en) == _numbers(zh) == ["0", "0.0032", "0.045", "0.938", "0.951", "0.068",
                                            "1", "0.1278", "0.039", "0.949", "0.499", "0.506"]
    assert en.count("| yes |") == 1 and en.count("**no**") == 1
    assert zh.count("| 是 |") == 1 and zh.count("**否**") == 1
    assert CJK.search(zh.splitlines()[0]) and not CJK.search(en)


def test_finetune_tables_have_the_same_numbers_in_both_languages():
    pre, _ = F.pretrained_model()
    _, (Xb, Tb), (Xt, Tt) = F.finetune_data()
    base = F.accuracy(pre, Xt, Tt)
    res = F.finetune_comparison(pre)
    summary = {10: {"scratch": (0.81, 0.75), "top": (0.87, 0.815), "all": (0.9, 0.85)}}
    sweep = {("top", 0.1): 0.9, ("all", 0.1): 0.95}
    for make in (lambda lang: F.comparison_table(res, pre, (Xb, Tb), base, lang=lang),
                 lambda lang: F.summary_table(summary, lang=lang),
                 lambda lang: F.lr_table(sweep, (0.1,), base, lang=lang)):
        en, zh = make("en"), make("zh")
        assert _numbers(en.replace("layer 1", "")) == _numbers(zh.replace("第 1 层", ""))
        assert CJK.search(zh) and not CJK.search(en)
    # the comparison's trained-parameter counts, by hand: 2-16-1 has 2·16 + 16 + 16 + 1 = 65, the top 17
    rows = F.comparison_table(res, pre, (Xb, Tb), base).splitlines()[2:5]
    assert [r.split("|")[2].strip() for r in rows] == ["65", "17", "65"]


def test_tables_refuse_an_unknown_language():
    with pytest.raises(Exception, match="language 'fr'"):
        L.seed_table_001([], lang="fr")


# ----------------------------------------------------------------------------- figures


def _texts(fig) -> list[str]:
    texts = [fig.axes[0].get_title(), fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()]
    legend = fig.axes[0].get_legend() or (fig.legends[0] if fig.legends else None)
    texts += [t.get_text() for t in legend.get_texts()] if legend else []
    return texts


def _draw(fig) -> list[str]:
    fig.canvas.draw()
    return _texts(fig)


def _figures(lang):
    pre, _ = F.pretrained_model()
    _, (Xb, Tb), _ = F.finetune_data()
    res = F.finetune_comparison(pre)
    curve = np.linspace(1, 0.1, 60)
    return [L.plot_001(curve, curve, lang=lang), L.plot_002(curve, curve, k=5, lang=lang),
            L.plot_004(curve[:15], curve[:15], first=5, lang=lang), F.plot_curves(res, lang=lang),
            F.plot_tasks((Xb, Tb), (Xb, Tb), lang=lang), F.plot_boundaries(pre, 0.5, res, (Xb, Tb), lang=lang)]


def test_chinese_figures_draw_every_glyph(caplog):
    pytest.importorskip("matplotlib")
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.use("Agg")
    if figures.cjk_font() is None:
        pytest.skip("no CJK font installed here (the fallback is tested below)")
    with caplog.at_level(logging.WARNING, logger="matplotlib"), warnings.catch_warnings():
        warnings.simplefilter("error")
        for fig in _figures("zh"):
            texts = _draw(fig)
            assert any(CJK.search(t) for t in texts), texts
            plt.close(fig)
    assert not caplog.records, [r.getMessage() for r in caplog.records]


def test_without_a_cjk_font_figures_keep_english_labels(monkeypatch):
    pytest.importorskip("matplotlib")
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.use("Agg")
    monkeypatch.setattr(figures, "cjk_font", lambda: None)
    assert figures.figure_lang("zh") == "en"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for zh, en in zip(_figures("zh"), _figures("en")):
            texts = _draw(zh)               # drawn: no warning (a missing glyph) either
            assert texts == _texts(en) and not any(CJK.search(t) for t in texts)
            plt.close(zh)
            plt.close(en)


# ----------------------------------------------------------------------------- the twins' Markdown

