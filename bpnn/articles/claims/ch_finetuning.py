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

The claims are rows (:data:`CLAIMS`); each names its check kind: a run or a signature
(:mod:`.kinds_finetuning`), or a reviewed reading (:func:`.kinds.reading`).
"""
from __future__ import annotations

from ..i18n import T
from ..sources import ARTICLES
from . import kinds, kinds_finetuning
from .registry import Claim, Verdict

A003, A004 = ARTICLES["003"], ARTICLES["004"]
PAGE = "fine-tuning"
KERAS_GUIDE = "Keras guide 'Transfer learning & fine-tuning' (keras.io/guides/transfer_learning)"
KERAS_GUIDE_ZH = "Keras 的指南《Transfer learning & fine-tuning》（keras.io/guides/transfer_learning）"

#: the articles' two fit() calls each (003 lines 80 and 83, 004 lines 71 and 74), as quoted in ch_listings
FIT_CALLS = {
    "003": ("model.fit(x_train, y_train, epochs=5)", "model.fit(x_train, y_train, epochs=5, learning_rate=1e-4)"),
    "004": ("model.fit(train_images, train_labels, epochs=5)", "model.fit(train_images, train_labels, epochs=10)"),
}
#: the listings contain no freezing and no second compile(): verified against the articles by tests/test_finetuning.py
NO_FREEZING = {"003": (63, 84), "004": (55, 75)}


#: the readings of statements with nothing to compute (kinds.reading): verdict, what the book shows, why
DEFINITION_003 = kinds.reading(
    Verdict.NOT_CHECKABLE, T("a definition; narrower than common usage", "这是一个定义；比通常的用法窄"),
    T(f"A definition is a convention, not a fact to test. It restricts fine-tuning to part of the parameters "
      f"and leaves out the new task or data; the {KERAS_GUIDE} describes re-training the entire model or part "
      "of it on new data, and this book's run fine-tunes both ways.",
      "定义是一种约定，不是可以检验的事实。这个定义把微调限定在部分参数上，却没有提到新的任务或新的数据；"
      f"{KERAS_GUIDE_ZH}说的是在新数据上重新训练整个模型或其中一部分，本书的实验两种做法都做了。"))
DEFINITION_004 = kinds.reading(
    Verdict.CORRECT, T("agrees with documented usage", "与文档中的用法一致"),
    T(f"Adjusting a pre-trained model for a specific task is what the {KERAS_GUIDE} describes, and what this "
      "book's run does.",
      f"针对特定任务调整预训练模型，正是 {KERAS_GUIDE_ZH}所描述的做法，也是本书的实验所做的。"))
ASCENT_PHRASE = kinds.reading(
    Verdict.NOT_CHECKABLE, T("ambiguous wording", "措辞含糊"),
    T("The backward pass computes the gradient and passes the error terms δ back layer by layer; it neither "
      "ascends nor descends (the next line, the update, descends). Read as 'gradient ascent' the phrase would "
      "be wrong, but it can also be read as 'the gradient's error signal passed back up the network', so no "
      "verdict is given.",
      "反向传播计算梯度，并把误差项 δ 一层一层往回传；它本身既不“上升”也不“下降”（下一行的参数更新才是"
      "下降）。如果读作“梯度上升”，这句话就错了；但它也可以理解为“把梯度里的误差沿网络往回传”，"
      "所以不下结论。"))


def _claim(cid, source, line, quote, check, reviewed, method, topic, label="ft-claims"):
    return Claim(id=cid, source=source, line=line, quote=quote, claimed=None, method=method, check=check,
                 reviewed=reviewed, explained_in=f"{PAGE}#{label}", topic=topic)


M_USAGE = T("compared with documented usage and with the run", "与文档中的用法和本书的实验对照")
M_SWEEP = T("learning-rate sweep of the fine-tuning run", "在微调实验中扫描学习率")
CODE = "ft-articles-code"

CLAIMS = [
    _claim("003-L13-ft-definition", A003, 13, "对部分参数进行微小调整", DEFINITION_003, Verdict.NOT_CHECKABLE,
           M_USAGE, "definitions"),
    _claim("003-L21-gradient-ascent", A003, 21, "将梯度上升的误差反馈给前一层的节点", ASCENT_PHRASE, Verdict.NOT_CHECKABLE,
           T("read against the backward pass", "对照反向传播实际做的事来读"), "003 steps"),
    _claim("003-L27-ft-lr-advice", A003, 27, "例如1e-4或1e-5", kinds_finetuning.lr_advice(), Verdict.NOT_CHECKABLE,
           M_SWEEP, "learning rate"),
    _claim("003-L28-ft-part", A003, 28, "通常只微调神经网络的部分参数，如全连接层的参数", kinds_finetuning.part_only(),
           Verdict.NOT_CHECKABLE, T("top-only vs every layer in the run", "实验中只训练顶层与训练全部层的对比"),
           "what is trained"),
    _claim("003-L82-listing-trains-all", A003, 82, "# 微调模型",
           kinds_finetuning.listing_trains_everything(FIT_CALLS["003"]), Verdict.INCONSISTENT,
           T("what the listing's second fit() would train, against lines 13 and 28",
             "程序的第二次 fit() 会训练哪些参数，与第 13 行和第 28 行对照"), "what the code does", label=CODE),
    _claim("003-L86-ft-lr-sentence", A003, 86, "最后，我们使用微调学习率对模型进行微调", kinds_finetuning.lr_sentence(),
           Verdict.FALSE, T("Keras's fit() signature", "Keras 中 fit() 的函数签名"), "what the code does", label=CODE),
    _claim("003-L122-part-improves", A003, 122, "通过调整预训练模型的部分参数，我们可以使模型在特定类别上的准确性更高",
           kinds_finetuning.part_helps(), Verdict.CORRECT,
           T("accuracy before and after top-layer fine-tuning in the run", "实验中只微调顶层之前和之后的准确率"),
           "what is trained"),
    _claim("003-L126-ft-lr-advice", A003, 126, "例如1e-4或1e-5", kinds_finetuning.lr_advice(), Verdict.NOT_CHECKABLE,
           M_SWEEP, "learning rate"),
    _claim("004-L7-ft-definition", A004, 7, "在预训练模型的基础上，针对特定任务进行调整和优化", DEFINITION_004,
           Verdict.CORRECT, M_USAGE, "definitions"),
    _claim("004-L74-refit-same-data", A004, 74, FIT_CALLS["004"][1], kinds_finetuning.refit(FIT_CALLS["004"]),
           Verdict.INCONSISTENT, T("the two fit() calls vs one longer call, on the engine",
                                   "在 bpnn 引擎上对比两次 fit() 调用与一次更长的调用"), "what the code does", label=CODE),
]
