"""Plainly checkable statements of fact in the articles: history, citations, learning type, tools, and
what an article promises about itself.

A fact is checked against a *record*: what the primary sources say (author, title, venue, year),
written down once in :mod:`.records` with the sources it rests on.  The claims are rows
(:data:`CLAIMS`); each names its check kind (:mod:`.kinds_facts`), which compares what the article
states (parsed from the quoted text: years, names, titles, keywords) with the record, so the verdict
follows from the data and changes if either side does.  A statement that no source can settle gets
``not checkable`` (:func:`.kinds.reading`: the row says why).

Fine-tuning statements (what it is, learning rates) are not here: the fine-tuning chapter covers them.
"""
from __future__ import annotations

from ..i18n import T
from ..sources import ARTICLES
from .kinds import reading
from .kinds_002 import unit_inputs
from .kinds_facts import (
    KeywordRule,
    book_authors,
    citation_title,
    code_explained,
    conda_pytorch,
    coursera_courses,
    example_section,
    faq_answers,
    keras_backends,
    keyword_check,
    learning_type,
    listing_test_data,
    numbering,
    promise,
    related_methods,
    rhw_improved,
    tf_tutorial,
    tool_scope,
    werbos_first,
)
from .records import (  # noqa: F401 - also what book/facts.ipynb, its twin and the tests read here
    KERAS_BACKENDS,
    SOURCES,
    WERBOS_TITLES,
    cites,
    nearest_title,
    normalise_title,
    quoted_title,
)
from .registry import Claim, Verdict

PAGE = "facts"

#: the names book/facts.ipynb, its twin and tests/test_derivations.py call these by
_norm, _quoted_title = normalise_title, quoted_title
_check_werbos_first, _check_rhw_improved, _check_title = werbos_first, rhw_improved, citation_title
_check_book, _check_learning_type, _check_keras = book_authors, learning_type, keras_backends


def _claim(cid, src, line, quote, check, reviewed, label, topic,
           method=T("compared with the primary sources", "与原始文献对照")):
    return Claim(id=cid, source=ARTICLES[src], line=line, quote=quote, claimed=None, method=method,
                 check=check, reviewed=reviewed, explained_in=f"{PAGE}#{label}", topic=topic)


_WERBOS_Q = "反向传播神经网络最早由Paul Werbos在1974年提出"
_RHW_Q = "并在1986年由Rumelhart、Hinton和Williams等人进行了改进"
_WERBOS_TITLE_Q = "“Backpropagation Learning: Theory and Architectural Trade-Offs” by Paul J. Werbos"
_RHW_TITLE_Q = ("“Learning representations by backpropagation” by David E. Rumelhart, Geoffrey E. Hinton, "
                "and Ronald J. Williams")
_GBC_Q = "《深度学习》（Goodfellow、Bengio和Courville著）"
_QIU_Q = "《神经网络与深度学习》（邱锡鹏著）"

CLAIMS = []
for _v, _l_hist, _l_books, _l_papers in (("v1", 13, 328, 338), ("v2", 404, 701, 711)):
    CLAIMS += [
        _claim(f"002-{_v}-L{_l_hist}-werbos-1974", "002", _l_hist, _WERBOS_Q, werbos_first(_WERBOS_Q), Verdict.CORRECT,
               "history", "history"),
        _claim(f"002-{_v}-L{_l_hist}-rhw-1986", "002", _l_hist, _RHW_Q, rhw_improved(_RHW_Q), Verdict.FALSE,
               "history", "history"),
        _claim(f"002-{_v}-L{_l_books}-goodfellow", "002", _l_books, _GBC_Q,
               book_authors(_GBC_Q, "goodfellow2016", ("Goodfellow", "Bengio", "Courville")), Verdict.CORRECT,
               "citations", "citations"),
        _claim(f"002-{_v}-L{_l_books + 1}-qiu", "002", _l_books + 1, _QIU_Q,
               book_authors(_QIU_Q, "qiu2020", ("邱锡鹏",)), Verdict.CORRECT, "citations", "citations"),
        _claim(f"002-{_v}-L{_l_papers}-werbos-title", "002", _l_papers, _WERBOS_TITLE_Q,
               citation_title(_WERBOS_TITLE_Q, None, WERBOS_TITLES), Verdict.FALSE, "citations", "citations",
               T("title compared with Werbos's publications and other titles on backpropagation",
                 "标题与 Werbos 的著作及其他关于反向传播的标题对照")),
        _claim(f"002-{_v}-L{_l_papers + 1}-rhw-title", "002", _l_papers + 1, _RHW_TITLE_Q,
               citation_title(_RHW_TITLE_Q, "rhw1986"), Verdict.FALSE, "citations", "citations",
               T("title compared with the paper's (Nature 323:533)", "标题与论文的原标题（Nature 323:533）对照")),
    ]

_M_KERAS = T("backends compared with Keras's release history", "后端与 Keras 的发布历史对照")
_UNSUP_Q = "因为反向传播神经网络是一种无监督学习算法"
_SUP_Q = "反向传播神经网络是一种基于梯度下降法的监督学习方法"
_KERAS0_Q = "Keras是一个高级神经网络API，基于TensorFlow和Theano等深度学习框架"
_KERAS1_Q = "Keras：一个高级神经网络API，基于TensorFlow或Theano。"
_GPT_Q = "OpenAI的GPT系列模型就是通过反向传播训练的"
_OPT_Q = "BP网络的优化算法主要包括梯度下降、随机梯度下降、momentum等"
_MOST_Q = "反向传播神经网络是一种最常用的神经网络学习算法"

CLAIMS += [
    _claim("003-L118-unsupervised", "003", 118, _UNSUP_Q, learning_type(_UNSUP_Q), Verdict.FALSE, "learning-type",
           "learning type"),
    _claim("004-L16-supervised", "004", 16, _SUP_Q, learning_type(_SUP_Q), Verdict.CORRECT, "learning-type",
           "learning type"),
    _claim("000-L73-keras-theano", "000", 73, _KERAS0_Q, keras_backends(_KERAS0_Q), Verdict.FALSE, "tools", "tools",
           _M_KERAS),
    _claim("001-L120-keras-theano", "001", 120, _KERAS1_Q, keras_backends(_KERAS1_Q), Verdict.FALSE, "tools", "tools",
           _M_KERAS),
    _claim("001-L114-gpt-backprop", "001", 114, _GPT_Q, reading(
        Verdict.CORRECT, T("trained by gradient descent on backpropagated gradients", "用反向传播求得的梯度做梯度下降训练"),
        T("The GPT papers train a Transformer by minimising a language-modelling loss with the Adam optimizer, a "
          "gradient method; the gradients of a network's loss are computed by backpropagation (reverse-mode "
          "differentiation).",
          "GPT 系列论文用 Adam 优化器（一种梯度方法）最小化语言模型的损失函数来训练 Transformer；网络损失的梯度"
          "由反向传播（反向模式求导）计算。") + cites("radford2018", "brown2020")), Verdict.CORRECT, "tools", "training"),
    _claim("000-L88-optimizers", "000", 88, _OPT_Q, reading(
        Verdict.CORRECT, T("gradient descent, SGD, momentum", "梯度下降、随机梯度下降（SGD）、动量法"),
        T("All three are used with backpropagated gradients: stochastic approximation (Robbins & Monro 1951), "
          "momentum (Polyak 1964), and the 1986 paper itself adds a momentum term to gradient descent. The list is "
          "incomplete ('等', etc.), which the article says; adaptive methods such as Adam are now the most used.",
          "这三种方法都配合反向传播求得的梯度使用：随机逼近（Robbins 与 Monro，1951 年）、动量法（Polyak，1964 年），"
          "1986 年的论文本身就在梯度下降中加入了动量项。这份列表并不完整，文章自己也写了“等”；如今用得最多的是 "
          "Adam 这类自适应方法。")
        + cites("robbins1951", "polyak1964", "rhw1986")), Verdict.CORRECT, "learning-type", "training"),
    _claim("003-L9-most-common", "003", 9, _MOST_Q, reading(
        Verdict.NOT_CHECKABLE, "–",
        T("No measure of 'most commonly used' is given and no survey settles it. It also mixes up the network and "
          "the algorithm: backpropagation computes gradients; a network is trained with them.",
          "文章没有给出衡量“最常用”的标准，也没有哪项调查能对此下定论。这句话还把网络和算法混为一谈：反向传播"
          "计算梯度，网络是用这些梯度来训练的。")),
        Verdict.NOT_CHECKABLE, "not-checkable", "history"),
]


# ============================================================ added by the second reading (issue 13)
# Each row below names a kind that reads what the sentence states (keywords, names, titles) or what the
# article's stored structure shows (.structure), and compares it with a record (.records).

#: general statements about backpropagation, each judged by the words it uses against the record of sources
RULES = {
    "unlike-others": KeywordRule(
        ("与其他神经网络不同", "可解释性"), Verdict.FALSE,
        T("not a kind of network; interpretability is a known weakness", "不是一种网络；可解释性恰是公认的弱点"),
        T("Backpropagation is how almost every neural network is trained (feed-forward, convolutional, "
          "recurrent, Transformers): it computes the gradient of any differentiable computation, so a "
          "'BP network' is not a kind of network that differs from others. And neural networks trained "
          "this way are known for being hard to interpret: what their weights mean has no simple reading, "
          "which is why interpretability is a research field of its own.",
          "几乎所有神经网络（前馈网络、卷积网络、循环网络、Transformer）都是用反向传播训练的：它能求出任何可微"
          "计算的梯度，所以“BP 网络”并不是有别于其他网络的一种网络。而且这样训练出来的神经网络以难以解释著称："
          "它们的权重没有简单的含义，正因为如此，可解释性才自成一个研究领域。"), ("goodfellow2016", "lipton2018"),
        (Verdict.NOT_CHECKABLE, "–", T("no comparison stated", "没有做比较"))),
    "scalable": KeywordRule(
        ("增加隐层", "性能"), Verdict.CORRECT,
        T("can, not always: more layers can also lower performance", "可以，但并非总是如此：层数增加也可能降低性能"),
        T("Adding hidden layers and units raises what a network can represent, and a larger network often "
          "does perform better (the sentence says *can*, like 'may' on the local-optima line). It is no rule: "
          "He et al. found that plain networks trained by backpropagation got worse with depth (a 56-layer "
          "network had higher training and test error on CIFAR-10 than a 20-layer one) until residual "
          "connections were added, and a larger network overfits more easily, as the article itself says on "
          "line {overfit_line}.",
          "增加隐藏层和神经元能提高网络的表示能力，更大的网络也常常表现更好（句子说的是*可以*，就像关于局部最优"
          "那一行说的“可能”）。但这并不是规律：He 等人发现，用反向传播训练的普通网络随着加深反而变差（在 "
          "CIFAR-10 上，56 层网络的训练误差和测试误差都高于 20 层网络），直到加入捷径连接（shortcut connection）"
          "才得以解决；而且更大的网络更容易过拟合，文章自己在第 {overfit_line} 行也这样说。"), ("he2016", "goodfellow2016"),
        (Verdict.NOT_CHECKABLE, "–", T("no claim about performance", "没有关于性能的说法"))),
    "efficient": KeywordRule(
        ("快速", "梯度"), Verdict.CORRECT,
        T("exact gradient at a small multiple of the forward pass", "精确的梯度，代价只是前向传播的一个小倍数"),
        T("Backpropagation (reverse-mode differentiation) gives the gradient with respect to all weights, "
          "exact up to rounding, at a cost bounded by a small constant times one evaluation of the network "
          "(the 'cheap gradient principle'); finite differences would need one extra evaluation per weight "
          "and are only approximate.",
          "反向传播（反向模式求导）给出损失对全部权重的梯度，除舍入误差外是精确的，代价不超过网络一次求值的一个"
          "小常数倍（“廉价梯度原理”）；有限差分则每个权重都要多求值一次，而且只是近似值。"),
        ("griewank2008", "goodfellow2016"),
        (Verdict.NOT_CHECKABLE, "–", T("no claim about speed", "没有关于速度的说法"))),
    "universal": KeywordRule(
        ("非线性",), Verdict.CORRECT, T("nonlinear classification and regression", "非线性的分类与回归"),
        T("A network with one hidden layer of sigmoid units can approximate any continuous function on a "
          "bounded domain as closely as wanted (the universal approximation theorems), and the same "
          "networks are trained for classification (cross-entropy) and regression (squared error). "
          "Approximation in principle does not promise that training finds the weights.",
          "只有一个 sigmoid 隐藏层的网络，就能在有界区域上以任意精度逼近任何连续函数（万能逼近定理）；同样的网络"
          "既可以训练来做分类（交叉熵），也可以做回归（平方误差）。不过原则上能逼近，并不保证训练能找到那组权重。"),
        ("cybenko1989", "hornik1989"),
        (Verdict.NOT_CHECKABLE, "–", T("no claim about problem types", "没有关于问题类型的说法"))),
    "local-optima": KeywordRule(
        ("局部最优", "可能"), Verdict.CORRECT, T("may: the loss is not convex", "可能：损失函数不是凸的"),
        T("The loss of a network with hidden units is not convex in the weights, so gradient descent can "
          "stop in a local minimum; the 1986 paper reports it for rare cases. For large networks most "
          "critical points are saddle points rather than poor minima, but 'may' is right.",
          "带隐藏单元的网络，其损失函数对权重不是凸的，所以梯度下降可能停在局部极小值；1986 年的论文报告了少数"
          "这样的情形。对于大型网络，大多数临界点是鞍点而不是很差的极小值，但说“可能”是对的。"),
        ("rhw1986", "goodfellow2016"),
        (Verdict.NOT_CHECKABLE, "–", T("no claim", "没有相关说法"))),
}

_M_REC = T("what the sentence states, compared with the record of sources", "把句子所说的内容与文献记录对照")
_M_STRUCT = T("the article's stored structure (line kinds, headings, numbers, keywords; bpnn.articles.claims.structure)",
              "文章存储的结构（每行的类型、标题、数字、关键词；bpnn.articles.claims.structure）")

_COURSERA_Q = "《深度学习》、《神经网络与深度学习》"
_TF_Q = "谷歌的TensorFlow提供了Transfer Learning教程，介绍了如何使用预训练模型进行微调"
_SK_Q = "**Scikit-learn**"
_UNLIKE_Q = "与其他神经网络不同，BP网络具有良好的理论基础和数学可解释性"
_SA_Q = "它与其他神经网络训练方法，如梯度下降、模拟退火等，有着密切的关系"
_SCALE1_Q = "可以通过增加隐层和神经元数量，提升模型的复杂度和性能"
_EFF1_Q = "可以快速、准确地计算网络权重的梯度"
_EFF2_Q = "可以快速、准确地计算网络权重和偏置的梯度"
_UNI_Q = "适用于多种类型的非线性问题"
_LOC_Q = "反向传播神经网络可能陷入局部最优"

CLAIMS += [
    _claim("000-L74-coursera", "000", 74, _COURSERA_Q, coursera_courses(_COURSERA_Q), Verdict.CORRECT,
           "citations", "citations",
           T("course titles compared with Coursera's catalogue", "课程名称与 Coursera 的课程目录对照")),
    _claim("003-L108-tf-tutorial", "003", 108, _TF_Q, tf_tutorial(_TF_Q), Verdict.CORRECT, "citations", "citations",
           T("compared with the tutorial on tensorflow.org", "与 tensorflow.org 上的教程对照")),
    _claim("004-L95-scikit-learn", "004", 95, _SK_Q,
           tool_scope(_SK_Q, "Scikit-learn", T("large-model development and fine-tuning (line 89)",
                                               "大模型开发与微调（第 89 行）")), Verdict.FALSE,
           "citations", "tools", T("compared with scikit-learn's own FAQ", "与 scikit-learn 自己的 FAQ 对照")),
    _claim("000-L7-unlike-other-networks", "000", 7, _UNLIKE_Q, keyword_check(RULES["unlike-others"], _UNLIKE_Q),
           Verdict.FALSE, "general-claims", "what backpropagation is", _M_REC),
    _claim("001-L7-simulated-annealing", "001", 7, _SA_Q, related_methods(_SA_Q), Verdict.FALSE, "general-claims",
           "what backpropagation is", _M_REC),
]
#: article 002's general statements, one row per statement: (rule of RULES, quote, line in v1, line in v2)
GENERAL_002 = [
    ("efficient", _EFF1_Q, 19, 410), ("universal", _UNI_Q, 20, 411), ("scalable", _SCALE1_Q, 21, 412),
    ("efficient", _EFF2_Q, 86, 477), ("universal", _UNI_Q, 87, 478), ("scalable", _SCALE1_Q, 88, 479),
    ("local-optima", _LOC_Q, 92, 483),
]
#: where each version of article 002 says that a larger network overfits (named by the "scalable" rows)
OVERFIT_LINE = {"v1": 356, "v2": 729}
CLAIMS += [
    _claim(f"002-{v}-L{line}-{rule}", "002", line, q, keyword_check(RULES[rule], q, overfit_line=OVERFIT_LINE[v]),
           Verdict.CORRECT, "general-claims", "what backpropagation can do", _M_REC)
    for rule, q, l1, l2 in GENERAL_002 for v, line in (("v1", l1), ("v2", l2))
]

#: introductions' promises: (article, line, quote, body lines the promise is checked against)
PROMISES = [
    ("000", 3, "反向传播神经网络（Backpropagation Neural Network）的历史和发展，以及如何从零开始大模型开发与微调", (5, 91)),
    ("001", 3, "我们将探讨反向传播神经网络的前身历史，以及如何从零开始开发和微调大型模型", (5, 125)),
    ("002", 5, "本文将深入探讨大模型开发与微调的关键技术", (7, 386)),
    ("002", 396, "本文深入探讨了大模型开发与微调的关键技术", (398, 759)),
    ("004", 3, "以及反向传播神经网络的前世今生", (5, 107)),
]
CLAIMS += [
    _claim(f"{a}-{'v1-' if (a, line) == ('002', 5) else 'v2-' if a == '002' else ''}L{line}-promise", a, line, q,
           promise(a, q, body), Verdict.FALSE, "structure", "structure", _M_STRUCT)
    for a, line, q, body in PROMISES
]
#: headings and sentences that announce an example: (article, line, quote)
EXAMPLE_PROMISES = [
    ("000", 20, "## 4. 数学模型和公式详细讲解举例说明"),
    ("001", 21, "## 4. 数学模型和公式详细讲解举例说明"),
    ("001", 31, "举个例子，假设我们有一个简单的神经网络，其中只有一个隐藏层"),
    ("003", 31, "## 4.数学模型和公式详细讲解举例说明"),
    ("004", 23, "## 4. 数学模型和公式详细讲解举例说明"),
]
CLAIMS += [
    _claim(f"{a}-L{line}-no-example", a, line, q, example_section(a, line), Verdict.FALSE, "structure", "structure",
           _M_STRUCT)
    for a, line, q in EXAMPLE_PROMISES
]
#: headings that promise a listing with a detailed explanation
CODE_PROMISES = [
    ("000", 36, "## 5. 项目实践：代码实例和详细解释说明"),
    ("001", 41, "## 5. 项目实践：代码实例和详细解释说明"),
    ("004", 51, "## 5. 项目实践：代码实例和详细解释说明"),
]
CLAIMS += [
    _claim(f"{a}-L{line}-no-explanation", a, line, q, code_explained(a, line), Verdict.FALSE, "structure", "structure",
           _M_STRUCT)
    for a, line, q in CODE_PROMISES
]
CLAIMS += [
    _claim("003-L53-section-number", "003", 53, "## 4.项目实践：代码实例和详细解释说明", numbering("003", 2),
           Verdict.INCONSISTENT, "structure", "structure", _M_STRUCT),
    _claim("004-L101-faq-no-answers", "004", 101, "## 9. 附录：常见问题与解答", faq_answers("004", 101), Verdict.FALSE,
           "structure", "structure", _M_STRUCT),
]


# ============================================================ added by the third reading (issue 21, point 10)
# Statements a reader could be misled by that the second reading left unregistered: an outlook that names as
# backpropagation's competitor a family of models trained by it, a worked example whose first layer is not the
# layer the article defined, and a "test" on the training data.

_GEN_Q = "BP网络可能会面临新的竞争对手，如神经符号推理、生成式模型等"
_Z1_Q = r"z_1 = w_{11} \cdot x_1 + b_{11}"
#: listing 001's data lines: (line, text) for the test inputs, test targets, training inputs, training targets
DATA_001 = ((105, "X_test = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])"),
            (106, "y_test = np.array([[0], [1], [1], [0]])"),
            (98, "X_train = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])"),
            (99, "y_train = np.array([[0], [1], [1], [0]])"))
_M_UNITS = T("the inputs each first-layer z line reads (the worked example's UNITS), against the neuron the "
             "article defines", "第一层每个 z 行读入的输入（算例的 UNITS），与文章定义的神经元对照")
_M_DATA = T("the listing's test arrays against its training arrays (read with ast.literal_eval)",
            "把程序的测试数组与训练数组对照（用 ast.literal_eval 读取）")

CLAIMS += [
    _claim("000-L78-generative-competitors", "000", 78, _GEN_Q, reading(
        Verdict.FALSE, T("generative models are trained by backpropagation", "生成式模型正是用反向传播训练的"),
        T("Generative models are not an alternative to backpropagation: the ones that made the term familiar "
          "are trained with it. The generative adversarial nets paper states that when both of its networks are "
          "multilayer perceptrons the entire system can be trained with backpropagation; GPT (Generative "
          "Pre-Training) and its successors are Transformers trained by gradient methods on backpropagated "
          "gradients (article 001, line 114, says so itself), and the deep generative models of Goodfellow et "
          "al.'s chapter 20 (variational autoencoders and others) are trained the same way. A generative model is "
          "a kind of model, backpropagation a way to compute gradients: they do not compete. (Neuro-symbolic "
          "reasoning, the sentence's other example, is not judged here.)",
          "生成式模型并不是反向传播的替代方案：让这个词广为人知的那些生成式模型，正是用反向传播训练的。生成对抗网络"
          "的论文写明，当它的两个网络都是多层感知机时，整个系统都可以用反向传播训练；GPT（生成式预训练）及其后续"
          "模型是用反向传播求得的梯度、以梯度方法训练的 Transformer（文章 001 第 114 行自己也这么说）；Goodfellow "
          "等人书中第 20 章的深度生成模型（变分自编码器等）也是这样训练的。生成式模型是一类模型，反向传播是求梯度的"
          "方法，两者并不竞争。（句中另一个例子“神经符号推理”这里不作判断。）")
        + cites("goodfellow2014", "radford2018", "brown2020", "goodfellow2016")),
        Verdict.FALSE, "general-claims", "outlook"),
    *[_claim(f"002-{v}-L{line}-one-input-units", "002", line, _Z1_Q, unit_inputs(v), Verdict.INCONSISTENT,
             "structure", "structure", _M_UNITS) for v, line in (("v1", 144), ("v2", 535))],
    _claim("001-L105-test-is-train", "001", DATA_001[0][0], DATA_001[0][1],
           listing_test_data(DATA_001[0][1], DATA_001[1][1], DATA_001[2][1], DATA_001[3][1],
                             tuple(ln for ln, _ in DATA_001)), Verdict.CORRECT, "structure", "structure", _M_DATA),
]

#: article 002's environment set-up, in each version: (version, line of conda create, its text, line of conda install)
_CONDA = [("v1", 231, "conda create -n deep_learning python=3.8", 237),
          ("v2", 604, "conda create -n deep_learning python=3.8", 610)]
CLAIMS += [
    _claim(f"002-{v}-L{inst}-pytorch-channel", "002", inst, "-c pytorch", conda_pytorch("-c pytorch", env, env_no),
           Verdict.NOT_CHECKABLE, "tools", "tools",
           T("the Python of the environment and the pytorch channel, against PyTorch's release records",
             "环境的 Python 版本和 pytorch 频道，与 PyTorch 的发布记录对照"))
    for v, env_no, env, inst in _CONDA
]
