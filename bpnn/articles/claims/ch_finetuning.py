"""Claims of articles 003 and 004 about fine-tuning, checked against a real run in bpnn.

The run (:mod:`bpnn.articles.finetune`, book page ``fine-tuning``): a 2-16-1 network is
pre-trained on one 2-D task (inside a disc or not), then adapted to a related
task (a moved, smaller disc) from 20 samples in three ways: from scratch,
top layer only (layer 1 frozen, smaller learning rate), and every layer
(smaller learning rate).  Definitions and advice are compared with that run
and with documented usage (the Keras guide to transfer learning and
fine-tuning, https://keras.io/guides/transfer_learning/, by F. Chollet:
fine-tuning "consists of unfreezing the entire model you obtained above (or
part of it), and re-training it on the new data with a very low learning
rate").
"""
from __future__ import annotations

import ast

import numpy as np

from ..finetune import FT, accuracy, finetune_comparison, finetune_data, lr_sweep, pretrained_model
from ..i18n import T
from ..listings import keras_like_runs
from ..sources import ARTICLES
from .observations import KERAS_DEFAULT_LR, KERAS_FIT_PARAMETERS
from .registry import Claim, Outcome, Verdict

A003, A004 = ARTICLES["003"], ARTICLES["004"]
PAGE = "fine-tuning"
KERAS_GUIDE = "Keras guide 'Transfer learning & fine-tuning' (keras.io/guides/transfer_learning)"
KERAS_GUIDE_ZH = "Keras 的指南《Transfer learning & fine-tuning》（keras.io/guides/transfer_learning）"


def _baseline() -> float:
    pre, _ = pretrained_model()
    _, _, (Xt, Tt) = finetune_data()
    return accuracy(pre, Xt, Tt)


def _check_definition_003() -> Outcome:
    return Outcome(
        Verdict.NOT_CHECKABLE, T("a definition; narrower than common usage", "这是一个定义；比通常的用法窄"),
        T(f"A definition is a convention, not a fact to test. It restricts fine-tuning to part of the parameters "
          f"and leaves out the new task or data; the {KERAS_GUIDE} describes re-training the entire model or part "
          "of it on new data, and this book's run fine-tunes both ways.",
          "定义是一种约定，不是可以检验的事实。这个定义把微调限定在部分参数上，却没有提到新的任务或新的数据；"
          f"{KERAS_GUIDE_ZH}说的是在新数据上重新训练整个模型或其中一部分，本书的实验两种做法都做了。"),
    )


def _check_definition_004() -> Outcome:
    return Outcome(
        Verdict.CORRECT, T("agrees with documented usage", "与文档中的用法一致"),
        T(f"Adjusting a pre-trained model for a specific task is what the {KERAS_GUIDE} describes, and what this "
          "book's run does.",
          f"针对特定任务调整预训练模型，正是 {KERAS_GUIDE_ZH}所描述的做法，也是本书的实验所做的。"),
    )


def _check_lr_advice(line: int) -> callable:
    def check() -> Outcome:
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
    return check


def _check_part_only() -> Outcome:
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


def _positional_names(line: str) -> list[str]:
    """Names passed positionally in the call on a line (parsed with ast, never run)."""
    call = next(n for n in ast.walk(ast.parse(line.strip())) if isinstance(n, ast.Call))
    return [a.id for a in call.args if isinstance(a, ast.Name)]


#: the articles' two fit() calls each (003 lines 80 and 83, 004 lines 71 and 74), as quoted in ch_listings
FIT_CALLS = {
    "003": ("model.fit(x_train, y_train, epochs=5)", "model.fit(x_train, y_train, epochs=5, learning_rate=1e-4)"),
    "004": ("model.fit(train_images, train_labels, epochs=5)", "model.fit(train_images, train_labels, epochs=10)"),
}
#: the listings contain no freezing and no second compile(): verified against the articles by tests/test_finetuning.py
NO_FREEZING = {"003": (63, 84), "004": (55, 75)}


def _check_003_listing_trains_everything() -> Outcome:
    first, second = (_positional_names(c) for c in FIT_CALLS["003"])
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


def _check_003_lr_sentence() -> Outcome:
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


def _check_ascent_phrase() -> Outcome:
    return Outcome(
        Verdict.NOT_CHECKABLE, T("ambiguous wording", "措辞含糊"),
        T("The backward pass computes the gradient and passes the error terms δ back layer by layer; it neither "
          "ascends nor descends (the next line, the update, descends). Read as 'gradient ascent' the phrase would "
          "be wrong, but it can also be read as 'the gradient's error signal passed back up the network', so no "
          "verdict is given.",
          "反向传播计算梯度，并把误差项 δ 一层一层往回传；它本身既不“上升”也不“下降”（下一行的参数更新才是"
          "下降）。如果读作“梯度上升”，这句话就错了；但它也可以理解为“把梯度里的误差沿网络往回传”，"
          "所以不下结论。"),
    )


def _check_004_refit() -> Outcome:
    first, second = (_positional_names(c) for c in FIT_CALLS["004"])
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


def _check_part_helps() -> Outcome:
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


def _claim(cid, source, line, quote, check, reviewed, method, topic, label="ft-claims"):
    return Claim(id=cid, source=source, line=line, quote=quote, claimed=None, method=method, check=check,
                 reviewed=reviewed, explained_in=f"{PAGE}#{label}", topic=topic)


CLAIMS = [
    _claim("003-L13-ft-definition", A003, 13, "对部分参数进行微小调整", _check_definition_003,
           Verdict.NOT_CHECKABLE, T("compared with documented usage and with the run", "与文档中的用法和本书的实验对照"), "definitions"),
    _claim("003-L21-gradient-ascent", A003, 21, "将梯度上升的误差反馈给前一层的节点", _check_ascent_phrase,
           Verdict.NOT_CHECKABLE, T("read against the backward pass", "对照反向传播实际做的事来读"), "003 steps"),
    _claim("003-L27-ft-lr-advice", A003, 27, "例如1e-4或1e-5", _check_lr_advice(27),
           Verdict.NOT_CHECKABLE, T("learning-rate sweep of the fine-tuning run", "在微调实验中扫描学习率"), "learning rate"),
    _claim("003-L28-ft-part", A003, 28, "通常只微调神经网络的部分参数，如全连接层的参数", _check_part_only,
           Verdict.NOT_CHECKABLE, T("top-only vs every layer in the run", "实验中只训练顶层与训练全部层的对比"), "what is trained"),
    _claim("003-L82-listing-trains-all", A003, 82, "# 微调模型", _check_003_listing_trains_everything,
           Verdict.INCONSISTENT, T("what the listing's second fit() would train, against lines 13 and 28", "程序的第二次 fit() 会训练哪些参数，与第 13 行和第 28 行对照"),
           "what the code does", label="ft-articles-code"),
    _claim("003-L86-ft-lr-sentence", A003, 86, "最后，我们使用微调学习率对模型进行微调", _check_003_lr_sentence,
           Verdict.FALSE, T("Keras's fit() signature", "Keras 中 fit() 的函数签名"), "what the code does", label="ft-articles-code"),
    _claim("003-L122-part-improves", A003, 122, "通过调整预训练模型的部分参数，我们可以使模型在特定类别上的准确性更高",
           _check_part_helps, Verdict.CORRECT, T("accuracy before and after top-layer fine-tuning in the run", "实验中只微调顶层之前和之后的准确率"),
           "what is trained"),
    _claim("003-L126-ft-lr-advice", A003, 126, "例如1e-4或1e-5", _check_lr_advice(126),
           Verdict.NOT_CHECKABLE, T("learning-rate sweep of the fine-tuning run", "在微调实验中扫描学习率"), "learning rate"),
    _claim("004-L7-ft-definition", A004, 7, "在预训练模型的基础上，针对特定任务进行调整和优化", _check_definition_004,
           Verdict.CORRECT, T("compared with documented usage and with the run", "与文档中的用法和本书的实验对照"), "definitions"),
    _claim("004-L74-refit-same-data", A004, 74, "model.fit(train_images, train_labels, epochs=10)", _check_004_refit,
           Verdict.INCONSISTENT, T("the two fit() calls vs one longer call, on the engine", "在 bpnn 引擎上对比两次 fit() 调用与一次更长的调用"), "what the code does",
           label="ft-articles-code"),
]
