"""Fine-tuning, worked for real: the training runs of the fine-tuning chapter.

A 2-16-1 network (tanh hidden layer, sigmoid output, binary cross-entropy) is
pre-trained with Adam on a source task (points inside one disc) and then
adapted to a related target task (a smaller, shifted disc, few training
points) in three ways: from scratch, top layer only (layer 1 frozen, smaller
learning rate), or every layer (smaller learning rate).  Every run is seeded;
the data come from :mod:`bpnn.datasets`.  Batches are columns, as everywhere in
:mod:`bpnn.network`.

Both editions of the chapter (English and Chinese) call these functions.  The
costly results with plain arguments (the pre-training, :func:`lr_sweep`,
:func:`finetune_summary`) are computed once per test run or book build for both
(:func:`bpnn.articles.session.shared_result`); the tables and figures take
``lang`` ("en" or "zh").
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..errors import BpnnError
from ..network import Network
from ..optim import Adam
from ..train import fit
from .i18n import check_lang
from .listings import figure_lang
from .session import shared_result

__all__ = [
    "FT", "FT_DATA", "fit_full_batch", "accuracy", "pretrain", "adapt", "finetune_data",
    "finetune_comparison", "pretrained_model", "lr_sweep", "finetune_summary",
    "WAY_NAMES", "WAY_COLORS", "comparison_table", "summary_table", "lr_table",
    "plot_tasks", "plot_curves", "plot_boundaries",
]

def fit_full_batch(net: Network, X, T, optimizer, steps: int, loss: str = "bce") -> np.ndarray:
    """``steps`` full-batch optimizer steps; returns the loss before each step."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise BpnnError(f"steps must be at least 1; got {steps!r}")
    return fit(net, X, T, optimizer, loss=loss, epochs=steps).losses


def accuracy(net: Network, X, T) -> float:
    """Fraction of samples whose output is on the target's side of 0.5 (one output unit)."""
    return float(np.mean((net.predict(X) > 0.5) == (np.asarray(T) > 0.5)))


#: the fine-tuning chapter's settings (one place, so the book and the tests agree)
FT = {
    "hidden": 16, "activations": ["tanh", "sigmoid"], "init_scale": 1.0,
    "pretrain_seed": 10, "pretrain_lr": 0.02, "pretrain_steps": 1500,
    "scratch_lr": 0.02, "finetune_lr": 0.002, "adapt_steps": 300,
}


def pretrain(X, T, settings=FT) -> tuple[Network, np.ndarray]:
    """Train a fresh 2-H-1 network on the source task with Adam; returns (network, loss curve)."""
    net = Network.random([2, settings["hidden"], 1], settings["activations"], seed=settings["pretrain_seed"],
                         scale=settings["init_scale"])
    return net, fit_full_batch(net, X, T, Adam(settings["pretrain_lr"]), settings["pretrain_steps"])


def adapt(how: str, pretrained: Network, X, T, scratch_seed: int, settings=FT, lr: float | None = None):
    """Train on the target task in one of three ways; returns (network, loss curve).

    * ``"scratch"``: a fresh network (``scratch_seed``), the pre-training learning rate;
    * ``"top"``: a copy of the pre-trained network with layer 1 frozen, the smaller learning rate;
    * ``"all"``: a copy of the pre-trained network, every layer trained, the smaller learning rate.
    """
    if how == "scratch":
        net = Network.random([2, settings["hidden"], 1], settings["activations"], seed=scratch_seed,
                             scale=settings["init_scale"])
        lr = settings["scratch_lr"] if lr is None else lr
    elif how in ("top", "all"):
        net = pretrained.copy()
        net.unfreeze()
        if how == "top":
            net.freeze(1)
        lr = settings["finetune_lr"] if lr is None else lr
    else:
        raise BpnnError(f"how must be 'scratch', 'top' or 'all'; got {how!r}")
    return net, fit_full_batch(net, X, T, Adam(lr), settings["adapt_steps"])


#: seeds of the fine-tuning chapter's data: source training set, target test set, target training sets
FT_DATA = {"source_n": 2000, "source_seed": 1, "test_n": 4000, "test_seed": 3, "target_seed0": 100,
           "scratch_seed0": 200}


#: target-task points of the chapter's comparison (the default of every function below, and its figure's label)
N_TARGET = 20


def finetune_data(n_target: int = N_TARGET, k: int = 0):
    """(source X, T), (target training X, T) for repeat ``k``, (target test X, T)."""
    from ..datasets import SOURCE_DISC, TARGET_DISC, disc_task

    src = disc_task(FT_DATA["source_n"], FT_DATA["source_seed"], SOURCE_DISC)
    tgt = disc_task(n_target, FT_DATA["target_seed0"] + k, TARGET_DISC)
    test = disc_task(FT_DATA["test_n"], FT_DATA["test_seed"], TARGET_DISC)
    return src, tgt, test


def finetune_comparison(pretrained: Network, n_target: int = N_TARGET, k: int = 0, lr: float | None = None,
                        ways=("scratch", "top", "all")) -> dict:
    """Adapt to the target task in each way; returns {way: (network, loss curve, test accuracy)}."""
    _, (X, T), (Xt, Tt) = finetune_data(n_target, k)
    out = {}
    for how in ways:
        net, curve = adapt(how, pretrained, X, T, FT_DATA["scratch_seed0"] + k, lr=lr if how != "scratch" else None)
        out[how] = (net, curve, accuracy(net, Xt, Tt))
    return out


@shared_result
def _pretrained_params():
    """The pre-training run as plain data: ([(W, b) of each layer], loss curve)."""
    (Xs, Ts), _, _ = finetune_data()
    net, curve = pretrain(Xs, Ts)
    return [(layer.W, layer.b) for layer in net.layers], curve


@lru_cache(maxsize=1)
def _pretrained_cached():
    params, curve = _pretrained_params()
    net = Network.from_weights([W for W, _ in params], [b for _, b in params], FT["activations"])
    return net, curve


def pretrained_model() -> tuple[Network, np.ndarray]:
    """The fine-tuning chapter's pre-trained network (a fresh copy) and its loss curve."""
    net, curve = _pretrained_cached()
    return net.copy(), curve.copy()


@shared_result
def lr_sweep(rates=(1e-1, 1e-2, 1e-3, 1e-4, 1e-5), ways=("top", "all"), n_target: int = N_TARGET, k: int = 0) -> dict:
    """Target-task test accuracy after fine-tuning at each learning rate: {(way, rate): accuracy}."""
    pre, _ = pretrained_model()
    out = {}
    for rate in rates:
        res = finetune_comparison(pre, n_target, k, lr=rate, ways=ways)
        for how in ways:
            out[(how, rate)] = res[how][2]
    return out


@shared_result
def finetune_summary(sizes=(10, 20, 40), repeats: int = 10) -> dict:
    """Test accuracy of each way over ``repeats`` draws of the target training set (and of the scratch
    initialisation), for each number of target points: {n: {way: (mean, worst)}}, plain floats."""
    pre, _ = pretrained_model()
    out = {}
    for n in sizes:
        accs = {h: [] for h in ("scratch", "top", "all")}
        for k in range(repeats):
            r = finetune_comparison(pre, n_target=n, k=k)
            for h in accs:
                accs[h].append(r[h][2])
        out[n] = {h: (float(np.mean(v)), float(np.min(v))) for h, v in accs.items()}
    return out


# --------------------------------------------------------------------------- tables and figures, in two languages

#: the three ways, as the chapter's tables and legends name them
WAY_NAMES = {
    "en": {"scratch": "scratch", "top": "top only (layer 1 frozen)", "all": "all layers"},
    "zh": {"scratch": "从头训练", "top": "只训练顶层（冻结第 1 层）", "all": "训练全部层"},
}
WAY_COLORS = {"scratch": "tab:gray", "top": "tab:blue", "all": "tab:red"}

_WORDS = {
    "en": {
        "cmp_head": "| way | trained parameters | learning rate | final training loss | training accuracy | test accuracy |",
        "not_adapted_row": "pre-trained, not adapted",
        "sum_head": "| target points | scratch: mean (worst) | top only: mean (worst) | all layers: mean (worst) |",
        "lr_head": "| learning rate | top only: test accuracy | all layers: test accuracy |",
        "lr_base": "(not adapted)",
        "task_src": "source task ({n} points)", "task_tgt": "target task ({n} points)", "label": "label {t}",
        "curve_label": "{name} (test acc. {acc:.3f})", "curve_x": "Adam step on the {n} target points",
        "curve_y": "training loss (BCE)", "curve_title": "Adapting to the target task",
        "panel_pre": "pre-trained, not adapted", "panel": "{title}\ntest acc. {acc:.3f}",
    },
    "zh": {
        "cmp_head": "| 方式 | 训练的参数个数 | 学习率 | 最终训练损失 | 训练准确率 | 测试准确率 |",
        "not_adapted_row": "预训练网络，未调整",
        "sum_head": "| 目标样本数 | 从头训练：平均（最差） | 只训练顶层：平均（最差） | 训练全部层：平均（最差） |",
        "lr_head": "| 学习率 | 只训练顶层：测试准确率 | 训练全部层：测试准确率 |",
        "lr_base": "（未调整）",
        "task_src": "源任务（{n} 个点）", "task_tgt": "目标任务（{n} 个点）", "label": "标签 {t}",
        "curve_label": "{name}，测试准确率 {acc:.3f}", "curve_x": "在 {n} 个目标样本上的 Adam 步数",
        "curve_y": "训练损失（BCE）", "curve_title": "适应目标任务",
        "panel_pre": "预训练网络，未调整", "panel": "{title}\n测试准确率 {acc:.3f}",
    },
}


def comparison_table(res: dict, pretrained: Network, train, base: float, settings=FT, lang: str = "en") -> str:
    """A Markdown table of :func:`finetune_comparison`'s result ``res`` on the target training set
    ``train`` = (X, T), with the pre-trained network's row (test accuracy ``base``) last."""
    X, T = train
    w, names = _WORDS[check_lang(lang)], WAY_NAMES[lang]
    rows = [w["cmp_head"], "|---|---:|---:|---:|---:|---:|"]
    for how, (net, curve, acc) in res.items():
        n_trained = sum(l.W.size + l.b.size for l in net.layers if l.trainable)
        lr = settings["scratch_lr"] if how == "scratch" else settings["finetune_lr"]
        rows.append(f"| {names[how]} | {n_trained} | {lr} | {curve[-1]:.4f} | {accuracy(net, X, T):.3f} | {acc:.3f} |")
    rows.append(f"| {w['not_adapted_row']} | 0 | – | – | {accuracy(pretrained, X, T):.3f} | {base:.3f} |")
    return "\n".join(rows)


def summary_table(summary: dict, lang: str = "en") -> str:
    """A Markdown table of :func:`finetune_summary`: mean (worst) test accuracy per way and size."""
    w = _WORDS[check_lang(lang)]
    rows = [w["sum_head"], "|---:|---:|---:|---:|"]
    for n, ways in summary.items():
        rows.append(f"| {n} | " + " | ".join(f"{ways[h][0]:.3f} ({ways[h][1]:.3f})" for h in ("scratch", "top", "all"))
                    + " |")
    return "\n".join(rows)


def lr_table(sweep: dict, rates, base: float, lang: str = "en") -> str:
    """A Markdown table of :func:`lr_sweep`'s test accuracies, with the unadapted network last."""
    w = _WORDS[check_lang(lang)]
    rows = [w["lr_head"], "|---:|---:|---:|"]
    rows += [f"| {r:g} | {sweep[('top', r)]:.3f} | {sweep[('all', r)]:.3f} |" for r in rates]
    rows.append(f"| {w['lr_base']} | {base:.3f} | {base:.3f} |")
    return "\n".join(rows)


def plot_tasks(source, target, lang: str = "en"):
    """The source and target training sets (each (X, T)) side by side, with their discs; returns the figure."""
    import matplotlib.pyplot as plt

    from ..datasets import SOURCE_DISC, TARGET_DISC

    w = _WORDS[figure_lang(lang)]
    fig, axes = plt.subplots(1, 2, figsize=(8, 4))
    for ax, (X, T, disc, title) in zip(axes, [(*source, SOURCE_DISC, w["task_src"]), (*target, TARGET_DISC, w["task_tgt"])]):
        ax.scatter(*X[:, T[0] == 1], s=8, color="tab:orange", label=w["label"].format(t=1))
        ax.scatter(*X[:, T[0] == 0], s=8, color="tab:purple", label=w["label"].format(t=0))
        ax.add_patch(plt.Circle(disc[:2], disc[2], fill=False, color="k", lw=1))
        ax.set_aspect("equal"); ax.set_xlim(-1, 1); ax.set_ylim(-1, 1); ax.set_title(title.format(n=X.shape[1]))
    # one legend for both panels, under them: inside a panel it covered the densest points
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, frameon=False)
    return fig


def plot_curves(res: dict, lang: str = "en", n_target: int = N_TARGET):
    """The training loss of each way of :func:`finetune_comparison` on ``n_target`` points (log scale);
    returns the figure."""
    import matplotlib.pyplot as plt

    lang = figure_lang(lang)
    w, names = _WORDS[lang], WAY_NAMES[lang]
    fig, ax = plt.subplots(figsize=(7, 3.8))
    for how, (net, curve, acc) in res.items():
        ax.plot(np.arange(1, len(curve) + 1), curve, color=WAY_COLORS[how],
                label=w["curve_label"].format(name=names[how], acc=acc))
    ax.set_yscale("log")
    ax.set_xlabel(w["curve_x"].format(n=n_target))
    ax.set_ylabel(w["curve_y"])
    ax.set_title(w["curve_title"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0, fontsize=8, frameon=False)
    return fig


def plot_boundaries(pretrained: Network, base: float, res: dict, train, lang: str = "en"):
    """Where the pre-trained network and each adapted one put the boundary (output 0.5), with the
    target disc and the target training points ``train`` = (X, T); returns the figure."""
    import matplotlib.pyplot as plt

    from ..datasets import TARGET_DISC

    lang = figure_lang(lang)
    w, names = _WORDS[lang], WAY_NAMES[lang]
    Xb, Tb = train
    g = np.linspace(-1, 1, 161)
    GX, GY = np.meshgrid(g, g)
    grid = np.vstack([GX.ravel(), GY.ravel()])
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.5))
    panels = [(w["panel_pre"], pretrained, base)] + [(names[h], res[h][0], res[h][2]) for h in res]
    for ax, (title, net, acc) in zip(axes, panels):
        ax.contourf(GX, GY, net.predict(grid).reshape(GX.shape), levels=[0, 0.5, 1], colors=["#efe6f7", "#fde5c8"])
        ax.add_patch(plt.Circle(TARGET_DISC[:2], TARGET_DISC[2], fill=False, color="k", lw=1))
        ax.scatter(*Xb[:, Tb[0] == 1], s=12, color="tab:orange"); ax.scatter(*Xb[:, Tb[0] == 0], s=12, color="tab:purple")
        ax.set_aspect("equal"); ax.set_title(w["panel"].format(title=title, acc=acc), fontsize=9)
        ax.set_xticks([]); ax.set_yticks([])
    return fig
