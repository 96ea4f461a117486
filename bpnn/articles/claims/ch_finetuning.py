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

from ..sources import ARTICLES
from ..finetune import accuracy, finetune_comparison, finetune_data, lr_sweep, pretrained_model
from ..listings import keras_like_runs
from .observations import KERAS_DEFAULT_LR, KERAS_FIT_PARAMETERS
from .registry import Claim, Outcome, Verdict

A003, A004 = ARTICLES["003"], ARTICLES["004"]
PAGE = "fine-tuning"
KERAS_GUIDE = "Keras guide 'Transfer learning & fine-tuning' (keras.io/guides/transfer_learning)"


def _baseline() -> float:
    pre, _ = pretrained_model()
    _, _, (Xt, Tt) = finetune_data()
    return accuracy(pre, Xt, Tt)


def _check_definition_003() -> Outcome:
    return Outcome(
        Verdict.NOT_CHECKABLE, "a definition; narrower than common usage",
        f"A definition is a convention, not a fact to test. It restricts fine-tuning to part of the parameters "
        f"and leaves out the new task or data; the {KERAS_GUIDE} describes re-training the entire model or part "
        "of it on new data, and this book's run fine-tunes both ways.",
    )


def _check_definition_004() -> Outcome:
    return Outcome(
        Verdict.CORRECT, "agrees with documented usage",
        f"Adjusting a pre-trained model for a specific task is what the {KERAS_GUIDE} describes, and what this "
        "book's run does.",
    )


def _check_lr_advice(line: int) -> callable:
    def check() -> Outcome:
        sweep = lr_sweep(rates=(1e-2, 1e-4, 1e-5), ways=("top",))
        base = _baseline()
        return Outcome(
            Verdict.NOT_CHECKABLE,
            f"advice; in this book's run (Adam, 300 steps, top layer): accuracy {base:.3f} before, "
            f"{sweep[('top', 1e-4)]:.3f} at 1e-4, {sweep[('top', 1e-5)]:.3f} at 1e-5, {sweep[('top', 1e-2)]:.3f} at 1e-2",
            "A learning rate is only small or large relative to an optimizer, a loss scale, a model and a number "
            "of steps, so a fixed 1e-4 or 1e-5 cannot be true or false in general. Lowering the rate for "
            "fine-tuning is common advice (the Keras guide fine-tunes an ImageNet-trained Xception model with Adam(1e-5)); in this "
            "small example 1e-4 and 1e-5 barely move the network within the run's 300 steps.",
        )
    return check


def _check_part_only() -> Outcome:
    res = finetune_comparison(pretrained_model()[0])
    return Outcome(
        Verdict.NOT_CHECKABLE,
        f"a statement of habit; this run: top only {res['top'][2]:.3f}, everything {res['all'][2]:.3f}",
        "'Usually' states a habit, not a fact to test. Which part to train is a choice; in this run training "
        "every layer with the small rate does better than training the top alone. In the article's own listing "
        "(lines 63-84) every layer is a fully connected Dense layer, so 'the fully connected layers' would be "
        "the whole network.",
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
        return Outcome(Verdict.CORRECT, "the second fit() uses other data", "")
    return Outcome(
        Verdict.INCONSISTENT,
        f"second fit(): the same data ({', '.join(second)}), nothing frozen",
        "Line 13 defines fine-tuning as adjusting part of the parameters, and line 28 says to choose the part; the "
        "listing freezes nothing (no layer.trainable = False) and trains on the same data again, so, if it ran, "
        "it would update every parameter of every layer on the task it was just trained on.",
    )


def _check_003_lr_sentence() -> Outcome:
    accepted = "learning_rate" in KERAS_FIT_PARAMETERS
    if accepted:
        return Outcome(Verdict.CORRECT, "fit() accepts learning_rate", "")
    return Outcome(
        Verdict.FALSE, "the fine-tuning learning rate is never applied",
        "fit() has no learning_rate parameter, so line 83 raises TypeError and no fine-tuning happens; the "
        f"model keeps the optimizer it was compiled with (Adam, learning rate {KERAS_DEFAULT_LR['adam']}).",
    )


def _check_ascent_phrase() -> Outcome:
    return Outcome(
        Verdict.NOT_CHECKABLE, "ambiguous wording",
        "The backward pass computes the gradient and passes the error terms δ back layer by layer; it neither "
        "ascends nor descends (the next line, the update, descends). Read as 'gradient ascent' the phrase would "
        "be wrong, but it can also be read as 'the gradient's error signal passed back up the network', so no "
        "verdict is given.",
    )


def _check_004_refit() -> Outcome:
    first, second = (_positional_names(c) for c in FIT_CALLS["004"])
    two, single, a, b = keras_like_runs()
    same = first == second and all(np.array_equal(x.W, y.W) and np.array_equal(x.b, y.b) for x, y in zip(a.layers, b.layers))
    if not same:
        return Outcome(Verdict.CORRECT, "the second fit() differs from continued training", "")
    return Outcome(
        Verdict.INCONSISTENT,
        f"fit(5) then fit(10) = fit(15), bit for bit (stand-in run); loss {two[4]:.4f} after epoch 5, "
        f"{two[-1]:.4f} after epoch 15",
        "Line 7 defines fine-tuning as adjusting a pre-trained model for a specific task; the second fit() "
        "uses the same data, the same task, the same optimizer (SGD, learning rate "
        f"{KERAS_DEFAULT_LR['sgd']}) and trains every layer: it is ten more epochs of the same training. On a "
        "stand-in data set the two calls end with exactly the weights of one 15-epoch call.",
    )


def _check_part_helps() -> Outcome:
    res = finetune_comparison(pretrained_model()[0])
    base = _baseline()
    top = res["top"][2]
    verdict = Verdict.CORRECT if top > base else Verdict.FALSE
    return Outcome(
        verdict, f"top-layer fine-tuning: test accuracy {base:.3f} → {top:.3f}",
        "A 'can' statement: one example shows it. In this book's run, training only the top layer of the "
        "pre-trained network on 20 samples of the new task raises its accuracy on that task; it is an example, "
        "not a guarantee (with more target data, training from scratch catches up).",
    )


def _claim(cid, source, line, quote, check, reviewed, method, topic, label="ft-claims"):
    return Claim(id=cid, source=source, line=line, quote=quote, claimed=None, method=method, check=check,
                 reviewed=reviewed, explained_in=f"{PAGE}#{label}", topic=topic)


CLAIMS = [
    _claim("003-L13-ft-definition", A003, 13, "对部分参数进行微小调整", _check_definition_003,
           Verdict.NOT_CHECKABLE, "compared with documented usage and with the run", "definitions"),
    _claim("003-L21-gradient-ascent", A003, 21, "将梯度上升的误差反馈给前一层的节点", _check_ascent_phrase,
           Verdict.NOT_CHECKABLE, "read against the backward pass", "003 steps"),
    _claim("003-L27-ft-lr-advice", A003, 27, "例如1e-4或1e-5", _check_lr_advice(27),
           Verdict.NOT_CHECKABLE, "learning-rate sweep of the fine-tuning run", "learning rate"),
    _claim("003-L28-ft-part", A003, 28, "通常只微调神经网络的部分参数，如全连接层的参数", _check_part_only,
           Verdict.NOT_CHECKABLE, "top-only vs every layer in the run", "what is trained"),
    _claim("003-L82-listing-trains-all", A003, 82, "# 微调模型", _check_003_listing_trains_everything,
           Verdict.INCONSISTENT, "what the listing's second fit() would train, against lines 13 and 28",
           "what the code does", label="ft-articles-code"),
    _claim("003-L86-ft-lr-sentence", A003, 86, "最后，我们使用微调学习率对模型进行微调", _check_003_lr_sentence,
           Verdict.FALSE, "Keras's fit() signature", "what the code does", label="ft-articles-code"),
    _claim("003-L122-part-improves", A003, 122, "通过调整预训练模型的部分参数，我们可以使模型在特定类别上的准确性更高",
           _check_part_helps, Verdict.CORRECT, "accuracy before and after top-layer fine-tuning in the run",
           "what is trained"),
    _claim("003-L126-ft-lr-advice", A003, 126, "例如1e-4或1e-5", _check_lr_advice(126),
           Verdict.NOT_CHECKABLE, "learning-rate sweep of the fine-tuning run", "learning rate"),
    _claim("004-L7-ft-definition", A004, 7, "在预训练模型的基础上，针对特定任务进行调整和优化", _check_definition_004,
           Verdict.CORRECT, "compared with documented usage and with the run", "definitions"),
    _claim("004-L74-refit-same-data", A004, 74, "model.fit(train_images, train_labels, epochs=10)", _check_004_refit,
           Verdict.INCONSISTENT, "the two fit() calls vs one longer call, on the engine", "what the code does",
           label="ft-articles-code"),
]
