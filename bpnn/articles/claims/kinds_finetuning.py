"""The check kinds of the fine-tuning chapter (:mod:`.ch_finetuning`): claims about fine-tuning against a
real run in bpnn (:mod:`bpnn.articles.finetune`) and against Keras's documented ``fit()``.
"""
from __future__ import annotations

import ast

import numpy as np

from ..finetune import FT, accuracy, finetune_comparison, finetune_data, lr_sweep, pretrained_model
from ..i18n import T
from ..listings import keras_like_runs
from .observations import KERAS_DEFAULT_LR, KERAS_FIT_PARAMETERS
from .registry import Outcome, Verdict, kind


def _positional_names(line: str) -> list[str]:
    """Names passed positionally in the call on a line (parsed with ast, never run)."""
    call = next(n for n in ast.walk(ast.parse(line.strip())) if isinstance(n, ast.Call))
    return [a.id for a in call.args if isinstance(a, ast.Name)]


def _baseline() -> float:
    pre, _ = pretrained_model()
    _, _, (Xt, Tt) = finetune_data()
    return accuracy(pre, Xt, Tt)


@kind("learning-rate-sweep")
def lr_advice() -> Outcome:
    """Advice on fine-tuning learning rates against the sweep of the fine-tuning run (top layer, Adam)."""
    sweep = lr_sweep(rates=(1e-2, 1e-4, 1e-5), ways=("top",))
    base = _baseline()
    a4, a5, a2 = sweep[("top", 1e-4)], sweep[("top", 1e-5)], sweep[("top", 1e-2)]
    return Outcome(
        Verdict.NOT_CHECKABLE,
        T(f"advice; in this book's run (Adam, {FT['adapt_steps']} steps, top layer): accuracy {base:.3f} before, "
          f"{a4:.3f} at 1e-4, {a5:.3f} at 1e-5, {a2:.3f} at 1e-2",
          f"这是建议；本书的实验（Adam，{FT['adapt_steps']} 步，只训练顶层）中：微调前准确率 {base:.3f}，学习率 1e-4 时 "
          f"{a4:.3f}，1e-5 时 {a5:.3f}，1e-2 时 {a2:.3f}"),
        T("A learning rate is only small or large relative to an optimizer, a loss scale, a model and a number "
          "of steps, so a fixed 1e-4 or 1e-5 cannot be true or false in general. Lowering the rate for "
          "fine-tuning is common advice (the Keras guide fine-tunes an ImageNet-trained Xception model with Adam(1e-5)); in this "
          f"small example 1e-4 and 1e-5 barely move the network within the run's {FT['adapt_steps']} steps.",
          "学习率大还是小，只有相对于优化器、损失的尺度、模型和步数才谈得上，所以一个固定的 1e-4 或 1e-5 "
          "无所谓普遍的对错。微调时把学习率调低是常见的建议（Keras 的指南用 Adam(1e-5) 微调在 ImageNet "
          f"上训练过的 Xception 模型）；在这个小算例里，1e-4 和 1e-5 在 {FT['adapt_steps']} 步之内几乎没有让网络动起来。"),
    )


@kind("top-or-every-layer")
def part_only() -> Outcome:
    """Which part is fine-tuned, against the run: top layer only and every layer."""
    res = finetune_comparison(pretrained_model()[0])
    return Outcome(
        Verdict.NOT_CHECKABLE,
        T(f"a statement of habit; this run: top only {res['top'][2]:.3f}, everything {res['all'][2]:.3f}",
          f"说的是一种习惯；本书的实验：只训练顶层 {res['top'][2]:.3f}，训练全部层 {res['all'][2]:.3f}"),
        T("'Usually' states a habit, not a fact to test. Which part to train is a choice; in this run training "
          "every layer with the small rate does better than training the top alone. In the article's own listing "
          "(lines 63-84) every layer is a fully connected Dense layer, so 'the fully connected layers' would be "
          "the whole network.",
          "“通常”说的是一种习惯，不是可以检验的事实。训练哪一部分是一种选择；在本书的实验中，用小学习率训练"
          "全部层比只训练顶层效果更好。文章自己的程序（第 63–84 行）里每一层都是全连接的 Dense 层，所以"
          "“全连接层的参数”就是整个网络的参数。"),
    )


@kind("second-fit-same-data")
def listing_trains_everything(calls: tuple[str, str]) -> Outcome:
    """A listing's two fit() calls (``calls``, as printed): the second on the same data, nothing frozen."""
    first, second = (_positional_names(c) for c in calls)
    if first != second:
        return Outcome(Verdict.CORRECT, T("the second fit() uses other data", "第二次 fit() 用的是别的数据"), "")
    return Outcome(
        Verdict.INCONSISTENT,
        T(f"second fit(): the same data ({', '.join(second)}), nothing frozen",
          f"第二次 fit()：同样的数据（{'、'.join(second)}），什么也没冻结"),
        T("Line 13 defines fine-tuning as adjusting part of the parameters, and line 28 says to choose the part; the "
          "listing freezes nothing (no layer.trainable = False) and trains on the same data again, so, if it ran, "
          "it would update every parameter of every layer on the task it was just trained on.",
          "第 13 行把微调定义为调整部分参数，第 28 行又说要挑选调整哪一部分；程序却什么也没冻结（没有 "
          "layer.trainable = False），又在同样的数据上训练一遍，所以即使它能运行，也只是在刚刚训练过的"
          "同一个任务上更新每一层的每一个参数。"),
    )


@kind("fit-learning-rate")
def lr_sentence() -> Outcome:
    """Fine-tuning "with the fine-tuning learning rate" passed to fit(), against Keras's fit() signature."""
    accepted = "learning_rate" in KERAS_FIT_PARAMETERS
    if accepted:
        return Outcome(Verdict.CORRECT, T("fit() accepts learning_rate", "fit() 接受 learning_rate"), "")
    lr = KERAS_DEFAULT_LR["adam"]
    return Outcome(
        Verdict.FALSE, T("the fine-tuning learning rate is never applied", "微调用的学习率根本没有生效"),
        T("fit() has no learning_rate parameter, so line 83 raises TypeError and no fine-tuning happens; the "
          f"model keeps the optimizer it was compiled with (Adam, learning rate {lr}).",
          "fit() 没有 learning_rate 参数，所以第 83 行抛出 TypeError，微调根本没有发生；模型用的仍是 "
          f"compile 时的优化器（Adam，学习率 {lr}）。"),
    )


@kind("refit-continues-training")
def refit(calls: tuple[str, str]) -> Outcome:
    """Two fit() calls on the same data (``calls``) against one longer call, run on the engine."""
    first, second = (_positional_names(c) for c in calls)
    two, single, a, b = keras_like_runs()
    same = first == second and all(np.array_equal(x.W, y.W) and np.array_equal(x.b, y.b) for x, y in zip(a.layers, b.layers))
    if not same:
        return Outcome(Verdict.CORRECT, T("the second fit() differs from continued training",
                                          "第二次 fit() 与继续训练不同"), "")
    lr = KERAS_DEFAULT_LR["sgd"]
    return Outcome(
        Verdict.INCONSISTENT,
        T(f"fit(5) then fit(10) = fit(15), bit for bit (stand-in run); loss {two[4]:.4f} after epoch 5, "
          f"{two[-1]:.4f} after epoch 15",
          f"先 fit(5) 再 fit(10) 与一次 fit(15) 逐位相同（替代数据上的运行）；第 5 轮后损失 {two[4]:.4f}，"
          f"第 15 轮后 {two[-1]:.4f}"),
        T("Line 7 defines fine-tuning as adjusting a pre-trained model for a specific task; the second fit() "
          "uses the same data, the same task, the same optimizer (SGD, learning rate "
          f"{lr}) and trains every layer: it is ten more epochs of the same training. On a "
          "stand-in data set the two calls end with exactly the weights of one 15-epoch call.",
          "第 7 行把微调定义为针对特定任务调整预训练模型；而第二次 fit() 用的是同样的数据、同样的任务、"
          f"同样的优化器（SGD，学习率 {lr}），并且训练所有层：这不过是把同样的训练再做 10 轮。在一个替代"
          "数据集上，这两次调用结束时的权重与一次训练 15 轮的结果完全相同。"),
    )


@kind("top-layer-helps")
def part_helps() -> Outcome:
    """"Adjusting part of the parameters can raise the accuracy", against the top-layer fine-tuning run."""
    res = finetune_comparison(pretrained_model()[0])
    n = finetune_data()[1][0].shape[1]        # the target samples the comparison trained on (columns)
    base = _baseline()
    top = res["top"][2]
    verdict = Verdict.CORRECT if top > base else Verdict.FALSE
    return Outcome(
        verdict, T(f"top-layer fine-tuning: test accuracy {base:.3f} → {top:.3f}",
                   f"只微调顶层：测试准确率 {base:.3f} → {top:.3f}"),
        T("A 'can' statement: one example shows it. In this book's run, training only the top layer of the "
          f"pre-trained network on {n} samples of the new task raises its accuracy on that task; it is an example, "
          "not a guarantee (with more target data, training from scratch catches up).",
          f"这是“可以”式的陈述：一个实例就能说明。在本书的实验中，只用新任务的 {n} 个样本训练预训练网络的顶层，"
          "就提高了它在这个任务上的准确率；这是一个例子，不是保证（目标数据多了以后，从头训练会追上来）。"),
    )
