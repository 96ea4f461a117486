"""Plainly checkable statements of fact in the articles: history, citations, learning type, tools.

A fact is checked against a *record*: what the primary sources say (author, title,
venue, year), written down once in :data:`SOURCES` and :data:`RECORDS` with the
sources it rests on.  ``check()`` compares what the article states (parsed from the
quoted text: years, names, titles, keywords) with the record, so the verdict follows
from the data and changes if either side does.  A statement that no source can settle
gets ``not checkable``, and the record says why.

Fine-tuning statements (what it is, learning rates) are not here: the fine-tuning
chapter covers them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..i18n import T, Text
from ..sources import ARTICLES
from .registry import Claim, Outcome, Verdict

PAGE = "facts"


@dataclass(frozen=True)
class Source:
    key: str
    authors: str
    title: str
    venue: str
    year: int

    def cite(self) -> str:
        return f"{self.authors}, “{self.title}”, {self.venue}, {self.year}"


SOURCES = {s.key: s for s in [
    Source("linnainmaa1970", "S. Linnainmaa",
           "Algoritmin kumulatiivinen pyöristysvirhe yksittäisten pyöristysvirheiden Taylor-kehitelmänä "
           "(The representation of the cumulative rounding error of an algorithm as a Taylor expansion of the "
           "local rounding errors)", "Master's thesis, University of Helsinki", 1970),
    Source("linnainmaa1976", "S. Linnainmaa", "Taylor expansion of the accumulated rounding error",
           "BIT Numerical Mathematics 16(2):146–160", 1976),
    Source("werbos1974", "P. J. Werbos",
           "Beyond Regression: New Tools for Prediction and Analysis in the Behavioral Sciences",
           "PhD thesis, Harvard University", 1974),
    Source("werbos1982", "P. J. Werbos", "Applications of advances in nonlinear sensitivity analysis",
           "System Modeling and Optimization (Proc. 10th IFIP Conference, 1981), Lecture Notes in Control and "
           "Information Sciences 38, Springer", 1982),
    Source("werbos1990", "P. J. Werbos", "Backpropagation through time: what it does and how to do it",
           "Proceedings of the IEEE 78(10):1550–1560", 1990),
    Source("werbos1994", "P. J. Werbos",
           "The Roots of Backpropagation: From Ordered Derivatives to Neural Networks and Political Forecasting",
           "Wiley (book; reprints the 1974 thesis)", 1994),
    Source("schmidhuber2015", "J. Schmidhuber", "Deep learning in neural networks: An overview",
           "Neural Networks 61:85–117", 2015),
    Source("parker1985", "D. B. Parker", "Learning-logic",
           "Technical Report TR-47, Center for Computational Research in Economics and Management Science, MIT", 1985),
    Source("lecun1985", "Y. LeCun", "Une procédure d'apprentissage pour réseau à seuil asymétrique",
           "Proceedings of Cognitiva 85, 599–604", 1985),
    Source("rhw1986", "D. E. Rumelhart, G. E. Hinton, R. J. Williams",
           "Learning representations by back-propagating errors", "Nature 323:533–536 (doi:10.1038/323533a0)", 1986),
    Source("rhw1986pdp", "D. E. Rumelhart, G. E. Hinton, R. J. Williams",
           "Learning internal representations by error propagation",
           "Parallel Distributed Processing, Vol. 1 (eds. Rumelhart & McClelland), MIT Press, 318–362", 1986),
    Source("goodfellow2016", "I. Goodfellow, Y. Bengio, A. Courville", "Deep Learning", "MIT Press", 2016),
    Source("qiu2020", "邱锡鹏 (Qiu Xipeng)", "神经网络与深度学习 (Neural Networks and Deep Learning)",
           "机械工业出版社 (China Machine Press)", 2020),
    Source("robbins1951", "H. Robbins, S. Monro", "A stochastic approximation method",
           "Annals of Mathematical Statistics 22(3):400–407", 1951),
    Source("polyak1964", "B. T. Polyak", "Some methods of speeding up the convergence of iteration methods",
           "USSR Computational Mathematics and Mathematical Physics 4(5):1–17", 1964),
    Source("radford2018", "A. Radford, K. Narasimhan, T. Salimans, I. Sutskever",
           "Improving Language Understanding by Generative Pre-Training", "OpenAI technical report", 2018),
    Source("brown2020", "T. B. Brown et al.", "Language Models are Few-Shot Learners",
           "Advances in Neural Information Processing Systems 33 (NeurIPS)", 2020),
    Source("keras2019", "Keras team", "Keras 2.3.0 release notes (“the last major release of multi-backend Keras”)",
           "github.com/keras-team/keras, release 2.3.0", 2019),
    Source("keras2023", "Keras team", "Keras 3.0.0 release notes (backends: JAX, TensorFlow, PyTorch)",
           "github.com/keras-team/keras, release v3.0.0", 2023),
    Source("chauvin1995", "Y. Chauvin, D. E. Rumelhart (eds.)", "Backpropagation: Theory, Architectures, and Applications",
           "Lawrence Erlbaum Associates, Hillsdale NJ (reissued by Psychology Press)", 1995),
    Source("ng2017", "deeplearning.ai (A. Ng)",
           "Neural Networks and Deep Learning (course 1 of the Deep Learning Specialization)",
           "Coursera, coursera.org/specializations/deep-learning", 2017),
    Source("tf2019", "The TensorFlow Authors", "Transfer learning and fine-tuning (tutorial)",
           "tensorflow.org/tutorials/images/transfer_learning (notebook tensorflow/docs, "
           "site/en/tutorials/images/transfer_learning.ipynb)", 2019),
    Source("sklearnfaq", "scikit-learn developers",
           "Frequently Asked Questions: “Why is there no support for deep or reinforcement learning?”, "
           "“Will you add GPU support?”", "scikit-learn.org/stable/faq.html", 2024),
    Source("he2016", "K. He, X. Zhang, S. Ren, J. Sun", "Deep Residual Learning for Image Recognition",
           "Proc. IEEE Conference on Computer Vision and Pattern Recognition (CVPR), 770–778", 2016),
    Source("kirkpatrick1983", "S. Kirkpatrick, C. D. Gelatt, M. P. Vecchi", "Optimization by Simulated Annealing",
           "Science 220(4598):671–680", 1983),
    Source("griewank2008", "A. Griewank, A. Walther",
           "Evaluating Derivatives: Principles and Techniques of Algorithmic Differentiation (2nd ed.)",
           "SIAM, Philadelphia", 2008),
    Source("cybenko1989", "G. Cybenko", "Approximation by superpositions of a sigmoidal function",
           "Mathematics of Control, Signals and Systems 2(4):303–314", 1989),
    Source("hornik1989", "K. Hornik, M. Stinchcombe, H. White",
           "Multilayer feedforward networks are universal approximators", "Neural Networks 2(5):359–366", 1989),
    Source("lipton2018", "Z. C. Lipton", "The Mythos of Model Interpretability",
           "Communications of the ACM 61(10):36–43", 2018),
]}

#: other titles on backpropagation that a garbled citation may stand for: key -> title words
KNOWN_BP_TITLES = ["chauvin1995", "werbos1994", "rhw1986", "rhw1986pdp"]

#: Werbos's publications on backpropagation that the sources consulted list (none has the cited title)
WERBOS_TITLES = [SOURCES[k].title for k in ("werbos1974", "werbos1982", "werbos1990", "werbos1994")]


def _norm(title: str) -> str:
    """Compare titles ignoring case, hyphens, punctuation and quote marks."""
    t = unicodedata.normalize("NFKC", title).lower().replace("-", "")
    return re.sub(r"[^a-z0-9 ]+", "", re.sub(r"\s+", " ", t)).strip()


def _quoted_title(quote: str) -> str:
    m = re.search(r"“([^”]+)”", quote)
    return m.group(1) if m else quote


def _cites(*keys: str) -> Text:
    """The sources ``keys``, as the sentence that ends a detail (both languages; the entries stay as published)."""
    entries = [SOURCES[k].cite() for k in keys]
    return T(" Sources: " + "; ".join(entries) + ".", "来源：" + "；".join(entries) + "。")


# ------------------------------------------------------------------ checks
def _check_werbos_first(quote: str):
    def check() -> Outcome:
        years = [int(y) for y in re.findall(r"(\d{4})年", quote)]
        thesis = SOURCES["werbos1974"]
        if "Werbos" in quote and years == [thesis.year]:
            return Outcome(
                Verdict.CORRECT, T(f"Werbos, {thesis.year} (PhD thesis)", f"Werbos，{thesis.year} 年（博士论文）"),
                T("Werbos's 1974 Harvard thesis introduced the backward computation of derivatives (his 'ordered "
                  "derivatives') with a discussion of its use for neural networks, and is the usual attribution; his "
                  "first explicit application to neural networks was presented in 1981 and published in 1982. 'First' "
                  "holds for neural networks only: the general method, reverse-mode differentiation, was published by "
                  "Linnainmaa in 1970 (in English 1976) without reference to neural networks, with continuous-time "
                  "precursors in control theory around 1960 (Schmidhuber's 2015 survey gives the details).",
                  "Werbos 1974 年在哈佛大学的博士论文提出了反向计算导数的方法（他称之为“有序导数”），并讨论了它在"
                  "神经网络上的用途，通常就把反向传播的提出归于这篇论文；他第一次明确地把它用于神经网络，是在 1981 年"
                  "的会议报告中，1982 年发表。所以“最早”只对神经网络成立：一般的方法，即反向模式求导，Linnainmaa "
                  "在 1970 年就已发表（1976 年有英文版），与神经网络无关；控制论中在 1960 年前后还有连续时间形式的"
                  "前身（详见 Schmidhuber 2015 年的综述）。")
                + _cites("werbos1974", "werbos1982", "linnainmaa1970", "linnainmaa1976", "schmidhuber2015"),
            )
        return Outcome(Verdict.FALSE, T(f"Werbos, {thesis.year}", f"Werbos，{thesis.year} 年"),
                       T(f"the article says {years}", f"文章说的是 {years}") + _cites("werbos1974"))
    return check


def _check_rhw_improved(quote: str):
    def check() -> Outcome:
        rhw = SOURCES["rhw1986"]
        years = [int(y) for y in re.findall(r"(\d{4})年", quote)]
        names_ok = all(n in quote for n in ("Rumelhart", "Hinton", "Williams")) and years == [rhw.year]
        says_improved = "改进" in quote   # "improved"
        if names_ok and says_improved:
            return Outcome(
                Verdict.FALSE, T("rediscovered and popularised, 1986", "独立地重新发现并推广，1986 年"),
                T("The names and the year are right, the relation is not: Rumelhart, Hinton and Williams found the "
                  "method independently of Werbos (their Nature letter cites LeCun 1985 but not Werbos; Parker 1985 "
                  "found it too), and their contribution was to show that it makes hidden units learn useful internal "
                  "representations, which made it widely used. They did not improve Werbos's method (they added a "
                  "momentum term to plain gradient descent, which is not a change to backpropagation).",
                  "人名和年份都对，说的关系却不对：Rumelhart、Hinton 和 Williams 是独立于 Werbos 发现这一方法的"
                  "（他们在 Nature 上的论文引用了 LeCun 1985 年的工作，却没有引用 Werbos；Parker 在 1985 年也发现了"
                  "它）。他们的贡献是表明了这种方法能让隐藏单元学到有用的内部表示，这才使它广泛流行。他们并没有改进 "
                  "Werbos 的方法（他们在普通的梯度下降中加入了动量项，但这并不是对反向传播的改动）。")
                + _cites("rhw1986", "rhw1986pdp", "werbos1974", "parker1985", "lecun1985"),
            )
        return Outcome(Verdict.CORRECT if names_ok else Verdict.FALSE,
                       T(f"{rhw.authors}, {rhw.year}", f"{rhw.authors}，{rhw.year} 年"), _cites("rhw1986"))
    return check


def _check_title(quote: str, key: str | None, candidates: list[str] | None = None):
    def check() -> Outcome:
        cited = _quoted_title(quote)
        if key is not None:
            real = SOURCES[key]
            if _norm(cited) == _norm(real.title):
                return Outcome(Verdict.CORRECT, T(real.title, f"标题为“{real.title}”"), _cites(key))
            authors_ok = all(n.split()[-1] in quote for n in ("Rumelhart", "Hinton", "Williams"))
            return Outcome(
                Verdict.FALSE, T(real.title, f"标题为“{real.title}”"),
                T(f"The paper is real{' and the authors are right, but' if authors_ok else ', but the authors differ and'} "
                  f"its title is “{real.title}”, not “{cited}”.",
                  f"论文确实存在，{'作者也对，然而' if authors_ok else '但作者不对，标题也不对：'}它的标题是“{real.title}”，"
                  f"不是“{cited}”。") + _cites(key),
            )
        if any(_norm(cited) == _norm(t) for t in candidates or []):
            return Outcome(Verdict.CORRECT, T(cited, f"标题为“{cited}”"), "")
        near = nearest_title(cited)
        src = SOURCES[near]
        return Outcome(
            Verdict.FALSE, T(f"no such title; nearest: {src.title} ({src.authors}, {src.year})",
                             f"没有这个标题；最接近的是 {src.title}（{src.authors}，{src.year} 年）"),
            T("None of Werbos's publications on backpropagation has this title (his thesis, 1974; the first "
              "neural-network paper, 1982; backpropagation through time, 1990; The Roots of Backpropagation, 1994). "
              f"Of the titles on backpropagation in the record, the nearest (shared words) is “{src.title}”, a book "
              f"edited by {src.authors} ({src.year}), which is not by Werbos; “trade-offs” is in none of them. "
              "The citation is probably a garbled form of that book; a reader wanting Werbos should read The Roots "
              "of Backpropagation (1994), which reprints his thesis.",
              "Werbos 关于反向传播的著作中，没有一篇是这个标题（他的博士论文，1974 年；第一篇神经网络论文，1982 年；"
              "随时间反向传播，1990 年；The Roots of Backpropagation，1994 年）。在记录中关于反向传播的标题里，"
              f"最接近的（共有的词最多）是“{src.title}”，这是 {src.authors} 编的一本书（{src.year} 年），"
              "并非 Werbos 所著；这些标题中都没有“trade-offs”一词。这条引用很可能是那本书的标题被写乱了；"
              "想读 Werbos 本人著作的读者应当读 The Roots of Backpropagation（1994 年），书中重印了他的博士论文。")
            + _cites(near, "werbos1974", "werbos1982", "werbos1990", "werbos1994"),
        )
    return check


def _words(title: str) -> set[str]:
    return {w for w in _norm(title).split() if len(w) > 3}


def nearest_title(cited: str) -> str:
    """The key of the known backpropagation title sharing most (long) words with ``cited``."""
    return max(KNOWN_BP_TITLES, key=lambda k: (len(_words(SOURCES[k].title) & _words(cited)), k))


def _check_book(quote: str, key: str, names: tuple[str, ...]):
    def check() -> Outcome:
        src = SOURCES[key]
        if all(n in quote for n in names) and all(n in src.authors for n in names):
            return Outcome(Verdict.CORRECT, T(f"{src.authors}, {src.year}", f"{src.authors}，{src.year} 年"),
                           T("Author(s) right.", "作者正确。") + _cites(key))
        return Outcome(Verdict.FALSE, T(src.authors, f"作者：{src.authors}"), _cites(key))
    return check


def _check_learning_type(quote: str):
    """Backpropagation as the articles describe it minimises the error against target outputs: supervised."""
    def check() -> Outcome:
        why = T("Backpropagation computes the gradient of a loss that compares the network's output with a desired "
                "(target) output given with each example, which is what supervised learning means; the 1986 paper "
                "describes it exactly so. (The same gradient computation also trains networks whose targets are "
                "made from the inputs, e.g. autoencoders, but the articles describe learning from target values.)",
                "反向传播计算的是损失函数的梯度，而损失函数把网络的输出与每个样本附带的目标值相比较，这正是监督学习"
                "的含义；1986 年的论文也正是这样描述它的。（同样的梯度计算也能训练目标由输入本身构造的网络，例如"
                "自编码器，但这些文章描述的是从目标值中学习。）")
        supervised = T("supervised", "监督学习")
        if "无监督" in quote:          # "unsupervised"
            return Outcome(Verdict.FALSE, supervised,
                           why + T(" The sentence itself goes on to speak of the error against the actual target "
                                   "values.", "这句话本身接着就说到了输出与实际目标值之间的误差。")
                           + _cites("rhw1986", "goodfellow2016"))
        if "监督" in quote:            # "supervised"
            return Outcome(Verdict.CORRECT, supervised, why + _cites("rhw1986", "goodfellow2016"))
        return Outcome(Verdict.NOT_CHECKABLE, "–", T("no learning type stated", "没有说明学习类型"))
    return check


#: Keras backends by version: (versions, years, backends)
KERAS_BACKENDS = [
    ("1.x–2.3", "2015–2019", {"Theano", "TensorFlow", "CNTK"}),
    ("2.4–2.15 (tf.keras)", "2020–2023", {"TensorFlow"}),
    ("3.x", "2023–", {"JAX", "TensorFlow", "PyTorch"}),
]


def _check_keras(quote: str):
    def check() -> Outcome:
        claimed = {b for b in ("TensorFlow", "Theano", "CNTK", "JAX", "PyTorch") if b in quote}
        now = KERAS_BACKENDS[-1][2]
        then = KERAS_BACKENDS[0][2]
        backends = T("TensorFlow, JAX, PyTorch", "后端为 TensorFlow、JAX、PyTorch")
        if claimed <= now:
            return Outcome(Verdict.CORRECT, backends, _cites("keras2023"))
        if claimed <= then:
            versions, years = KERAS_BACKENDS[0][0], KERAS_BACKENDS[0][1]
            return Outcome(
                Verdict.FALSE, T("out of date since 2020", "自 2020 年起已过时"),
                T(f"True of Keras {versions} ({years}), which ran on Theano, TensorFlow or "
                  "CNTK. Keras 2.3 (2019) was the last multi-backend release and Theano's development had ended in "
                  "2017; from 2.4 Keras ran on TensorFlow only, and Keras 3 (2023) runs on JAX, TensorFlow or "
                  "PyTorch, not Theano. As a description of Keras since 2020 it is false.",
                  f"这对 Keras {versions}（{years}）成立，那时它运行在 Theano、TensorFlow 或 CNTK 上。Keras 2.3"
                  "（2019 年）是最后一个支持多后端的版本，而 Theano 的开发在 2017 年就已停止；从 2.4 起 Keras 只运行在 "
                  "TensorFlow 上，Keras 3（2023 年）则运行在 JAX、TensorFlow 或 PyTorch 上，不再支持 Theano。"
                  "作为对 2020 年以来的 Keras 的描述，这句话是错的。")
                + _cites("keras2019", "keras2023"),
            )
        return Outcome(Verdict.FALSE, backends, _cites("keras2023"))
    return check


def _fixed(verdict: Verdict, computed: Text, detail: Text):
    """For statements whose record is a reviewed reading of the sources cited in ``detail``."""
    def check() -> Outcome:
        return Outcome(verdict, computed, detail)
    return check


def _claim(cid, src, line, quote, check, reviewed, label, topic,
           method=T("compared with the primary sources", "与原始文献对照")):
    return Claim(id=cid, source=ARTICLES[src], line=line, quote=quote, claimed=None, method=method,
                 check=check, reviewed=reviewed, explained_in=f"{PAGE}#{label}", topic=topic)


_C, _F, _N, _I = Verdict.CORRECT, Verdict.FALSE, Verdict.NOT_CHECKABLE, Verdict.INCONSISTENT

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
        _claim(f"002-{_v}-L{_l_hist}-werbos-1974", "002", _l_hist, _WERBOS_Q, _check_werbos_first(_WERBOS_Q), _C,
               "history", "history"),
        _claim(f"002-{_v}-L{_l_hist}-rhw-1986", "002", _l_hist, _RHW_Q, _check_rhw_improved(_RHW_Q), _F,
               "history", "history"),
        _claim(f"002-{_v}-L{_l_books}-goodfellow", "002", _l_books, _GBC_Q,
               _check_book(_GBC_Q, "goodfellow2016", ("Goodfellow", "Bengio", "Courville")), _C, "citations", "citations"),
        _claim(f"002-{_v}-L{_l_books + 1}-qiu", "002", _l_books + 1, _QIU_Q,
               _check_book(_QIU_Q, "qiu2020", ("邱锡鹏",)), _C, "citations", "citations"),
        _claim(f"002-{_v}-L{_l_papers}-werbos-title", "002", _l_papers, _WERBOS_TITLE_Q,
               _check_title(_WERBOS_TITLE_Q, None, WERBOS_TITLES), _F, "citations", "citations",
               T("title compared with Werbos's publications and other titles on backpropagation",
                 "标题与 Werbos 的著作及其他关于反向传播的标题对照")),
        _claim(f"002-{_v}-L{_l_papers + 1}-rhw-title", "002", _l_papers + 1, _RHW_TITLE_Q,
               _check_title(_RHW_TITLE_Q, "rhw1986"), _F, "citations", "citations",
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
    _claim("003-L118-unsupervised", "003", 118, _UNSUP_Q, _check_learning_type(_UNSUP_Q), _F, "learning-type",
           "learning type"),
    _claim("004-L16-supervised", "004", 16, _SUP_Q, _check_learning_type(_SUP_Q), _C, "learning-type",
           "learning type"),
    _claim("000-L73-keras-theano", "000", 73, _KERAS0_Q, _check_keras(_KERAS0_Q), _F, "tools", "tools",
           _M_KERAS),
    _claim("001-L120-keras-theano", "001", 120, _KERAS1_Q, _check_keras(_KERAS1_Q), _F, "tools", "tools",
           _M_KERAS),
    _claim("001-L114-gpt-backprop", "001", 114, _GPT_Q, _fixed(
        _C, T("trained by gradient descent on backpropagated gradients", "用反向传播求得的梯度做梯度下降训练"),
        T("The GPT papers train a Transformer by minimising a language-modelling loss with the Adam optimizer, a "
          "gradient method; the gradients of a network's loss are computed by backpropagation (reverse-mode "
          "differentiation).",
          "GPT 系列论文用 Adam 优化器（一种梯度方法）最小化语言模型的损失函数来训练 Transformer；网络损失的梯度"
          "由反向传播（反向模式求导）计算。") + _cites("radford2018", "brown2020")), _C, "tools", "training"),
    _claim("000-L88-optimizers", "000", 88, _OPT_Q, _fixed(
        _C, T("gradient descent, SGD, momentum", "梯度下降、随机梯度下降（SGD）、动量法"),
        T("All three are used with backpropagated gradients: stochastic approximation (Robbins & Monro 1951), "
          "momentum (Polyak 1964), and the 1986 paper itself adds a momentum term to gradient descent. The list is "
          "incomplete ('等', etc.), which the article says; adaptive methods such as Adam are now the most used.",
          "这三种方法都配合反向传播求得的梯度使用：随机逼近（Robbins 与 Monro，1951 年）、动量法（Polyak，1964 年），"
          "1986 年的论文本身就在梯度下降中加入了动量项。这份列表并不完整，文章自己也写了“等”；如今用得最多的是 "
          "Adam 这类自适应方法。")
        + _cites("robbins1951", "polyak1964", "rhw1986")), _C, "learning-type", "training"),
    _claim("003-L9-most-common", "003", 9, _MOST_Q, _fixed(
        _N, "–",
        T("No measure of 'most commonly used' is given and no survey settles it. It also mixes up the network and "
          "the algorithm: backpropagation computes gradients; a network is trained with them.",
          "文章没有给出衡量“最常用”的标准，也没有哪项调查能对此下定论。这句话还把网络和算法混为一谈：反向传播"
          "计算梯度，网络是用这些梯度来训练的。")),
        _N, "not-checkable", "history"),
]


# ============================================================ added by the second reading (issue 13)
# Each check below reads what the sentence states (keywords, names, titles) or what the article's
# stored structure shows (bpnn/articles/data/article_structure.json, see .structure) and compares it with a
# record; the records cite their sources.

#: Coursera courses the articles name (Chinese title as printed -> English title, source key)
COURSERA = {"深度学习": ("Deep Learning Specialization", "ng2017"),
            "神经网络与深度学习": ("Neural Networks and Deep Learning", "ng2017")}

#: what each tool is for, from its own documentation: name -> (does deep learning / large models, source)
TOOL_SCOPE = {"Scikit-learn": (False, "sklearnfaq"), "TensorFlow": (True, "tf2019")}

#: optimisation methods by whether they use the gradient that backpropagation computes (record)
USES_GRADIENT = {"梯度下降": True, "随机梯度下降": True, "模拟退火": False}


def _check_coursera(quote: str):
    def check() -> Outcome:
        named = re.findall(r"《([^》]+)》", quote)
        missing = [t for t in named if t not in COURSERA]
        if named and not missing:
            pairs = [f"《{t}》 = {COURSERA[t][0]}" for t in named]
            return Outcome(Verdict.CORRECT, T("both are Coursera offerings", "两者都是 Coursera 上的课程"),
                           T(f"{'; '.join(pairs)}: the Deep Learning Specialization of deeplearning.ai, taught by "
                             "Andrew Ng, whose first course is Neural Networks and Deep Learning (on Coursera since "
                             "2017).",
                             f"{'；'.join(pairs)}：即 deeplearning.ai 的深度学习专项课程，由吴恩达（Andrew Ng）"
                             "讲授，其中第一门课就是 Neural Networks and Deep Learning（2017 年起在 Coursera 上开设）。")
                           + _cites("ng2017"))
        return Outcome(Verdict.FALSE, T(f"not found: {', '.join(missing)}", f"未找到：{'、'.join(missing)}"),
                       _cites("ng2017"))
    return check


def _check_tf_tutorial(quote: str):
    def check() -> Outcome:
        src = SOURCES["tf2019"]
        title = T(src.title, f"教程“{src.title}”")
        if "Transfer Learning" in quote and "微调" in quote:
            return Outcome(Verdict.CORRECT, title,
                           T(f"TensorFlow's tutorial “{src.title}” takes a network pretrained on ImageNet "
                             "(MobileNetV2), trains a new classifier on top with the base frozen, then unfreezes the "
                             "top layers of the base and fine-tunes them with a lower learning rate: what the sentence "
                             "says. Its name is “Transfer learning and fine-tuning”; “Transfer Learning” in the list "
                             "is that tutorial, not a tool.",
                             f"TensorFlow 的教程“{src.title}”取一个在 ImageNet 上预训练的网络（MobileNetV2），"
                             "先冻结这个基础网络，在它上面训练一个新的分类器，再解冻基础网络顶部的几层，用较低的学习率"
                             "对它们做微调：正是这句话所说的。教程的名称是“Transfer learning and fine-tuning”；"
                             "列表里的“Transfer Learning”指的就是这个教程，而不是一个工具。") + _cites("tf2019"))
        return Outcome(Verdict.FALSE, title, _cites("tf2019"))
    return check


def _check_tool_scope(quote: str, tool: str, purpose: str):
    """``purpose``: what the article recommends the tool for (a :class:`Text` gives the Chinese detail its words)."""
    def check() -> Outcome:
        deep, key = TOOL_SCOPE[tool]
        if tool in quote and not deep:
            purpose_zh = purpose.zh if isinstance(purpose, Text) else purpose
            return Outcome(Verdict.FALSE, T(f"{tool}: no deep learning, no GPU", f"{tool}：不做深度学习，不支持 GPU"),
                           T(f"The list recommends it for {purpose}. scikit-learn's own FAQ says deep learning is "
                             "outside its scope (it needs a rich vocabulary for architectures and GPUs, which do not "
                             "fit its design) and that it will not add GPU support; its only networks are small "
                             "multilayer perceptrons on the CPU (MLPClassifier, MLPRegressor). It is useful beside a "
                             "deep-learning framework (data splits, metrics), not for developing or fine-tuning large "
                             "models.",
                             f"文章的列表推荐把它用于{purpose_zh}。scikit-learn 自己的 FAQ 说，深度学习不在它的范围"
                             "之内（深度学习需要一套描述网络结构的丰富手段，还需要 GPU，这些都与它的设计不合），它也"
                             "不会支持 GPU；它仅有的神经网络是在 CPU 上运行的小型多层感知机（MLPClassifier、"
                             "MLPRegressor）。它适合在深度学习框架旁边使用（划分数据、计算指标），而不适合开发或微调"
                             "大模型。") + _cites(key))
        return Outcome(Verdict.CORRECT, T(tool, f"{tool} 适用"), _cites(key))
    return check


def _check_related_methods(quote: str):
    def check() -> Outcome:
        named = [m for m in USES_GRADIENT if m in quote and not (m == "梯度下降" and "随机梯度下降" in quote and
                                                                  quote.count("梯度下降") == 1)]
        unrelated = [m for m in named if not USES_GRADIENT[m]]
        if unrelated:
            return Outcome(
                Verdict.FALSE, T("simulated annealing uses no gradient", "模拟退火不使用梯度"),
                T("Backpropagation computes gradients; gradient descent uses them, so those two are indeed closely "
                  "related (and gradient descent is not a training method *other* than backpropagation: the two "
                  "work together). Simulated annealing is a derivative-free method: it proposes random moves and "
                  "accepts worse ones with probability exp(−ΔE/T) (the Metropolis rule), and uses no gradient at "
                  "all, so backpropagation gives it nothing.",
                  "反向传播计算梯度，梯度下降使用这些梯度，所以这两者确实密切相关（而且梯度下降并不是反向传播*之外*"
                  "的另一种训练方法：两者是配合使用的）。模拟退火是不用导数的方法：它随机地提出移动，并以概率 "
                  "exp(−ΔE/T) 接受更差的解（Metropolis 准则），完全不用梯度，所以反向传播对它毫无帮助。")
                + _cites("kirkpatrick1983", "goodfellow2016"))
        return Outcome(Verdict.CORRECT, T("gradient methods", "梯度方法"), _cites("goodfellow2016"))
    return check


@dataclass(frozen=True)
class KeywordRule:
    """A general statement judged by what it says: when the quote holds every one of ``keywords``,
    ``verdict``, ``computed`` and ``detail`` (followed by the sources ``cites``) apply, else ``otherwise``
    (verdict, computed, detail).  ``detail`` may name parameters of the claim's row (``{overfit_line}``)."""

    keywords: tuple[str, ...]
    verdict: Verdict
    computed: Text
    detail: Text
    cites: tuple[str, ...]
    otherwise: tuple[Verdict, str, Text]


def keyword_check(rule: KeywordRule, quote: str, **params):
    """The check kind of the rows of :data:`RULES`, written once."""
    def check() -> Outcome:
        if all(k in quote for k in rule.keywords):
            detail = T(rule.detail.format(**params), rule.detail.zh.format(**params))
            return Outcome(rule.verdict, rule.computed, detail + _cites(*rule.cites))
        return Outcome(*rule.otherwise)
    return check


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


# ---------------------------------------------------------------- structure (stored, see .structure)
from . import structure as _st  # noqa: E402


def _check_promise(article: str, quote: str, body: tuple[int, int]):
    """A promise in the introduction, against what the body (lines ``body``) contains."""
    def check() -> Outcome:
        st = _st.structure(article)
        lo, hi = body
        inside = lambda ns: [n for n in ns if lo <= n <= hi]  # noqa: E731
        broken: list[Text] = []           # "what: why", in both languages
        if any(k in quote for k in ("历史", "前世今生", "前身历史")):
            years = inside(st["year_lines"])
            hist = inside(st["keywords"]["历史"]) + inside(st["keywords"]["前世今生"])
            if not years:
                broken.append(T(f"history: no year anywhere in lines {lo}–{hi}"
                                + (f" (the word recurs only on line{'s' if len(hist) > 1 else ''} "
                                   f"{', '.join(map(str, hist))}, restating the promise)" if hist else ""),
                                f"历史：第 {lo}–{hi} 行中没有任何年份"
                                + (f"（这个词只在第 {'、'.join(map(str, hist))} 行再次出现，重复了这一承诺）"
                                   if hist else "")))
        if "微调" in quote:
            ft = inside(st["keywords"]["微调"])
            if not ft:
                broken.append(T(f"fine-tuning: the word 微调 does not occur in lines {lo}–{hi}",
                                f"微调：第 {lo}–{hi} 行中没有出现“微调”一词"))
        if "大模型" in quote:
            big = inside(st["keywords"]["大模型"])
            if not big:
                broken.append(T(f"large models: 大模型 does not occur in lines {lo}–{hi}",
                                f"大模型：第 {lo}–{hi} 行中没有出现“大模型”一词"))
        if broken:
            return Outcome(Verdict.FALSE,
                           T("not delivered: " + "; ".join(b.split(":")[0] for b in broken),
                             "没有兑现：" + "；".join(b.zh.split("：")[0] for b in broken)),
                           T("The introduction promises what the article never does. Found in the article's stored "
                             "structure: " + "; ".join(broken) + ".",
                             "引言许诺的内容，文章从头到尾都没有做到。从文章存储的结构中查得：" +
                             "；".join(b.zh for b in broken) + "。"))
        return Outcome(Verdict.CORRECT, T("delivered", "已兑现"), "")
    return check


def _check_example_section(article: str, line: int):
    """A heading or sentence announcing an example, against the numbers its section contains."""
    def check() -> Outcome:
        st = _st.structure(article)
        lo, hi = _st.section_of(article, line, level=2)
        nums = [n for n in st["value_lines"] if lo <= n <= hi]
        maths = [n for n in range(lo, hi + 1) if st["kinds"][n - 1] == "math"]
        if nums:
            return Outcome(Verdict.CORRECT, T(f"numbers on {len(nums)} lines", f"{len(nums)} 行给出了数值"), "")
        return Outcome(
            Verdict.FALSE, T(f"no example: no value given in lines {lo}–{hi}", f"没有例子：第 {lo}–{hi} 行没有给出任何数值"),
            T(f"The section (lines {lo}–{hi}) promises an example (举例说明 / 举个例子) and gives "
              f"{len(maths)} line{'s' if len(maths) != 1 else ''} of general formulas and no worked numbers: no line "
              "gives an input, weight or result a value (no decimal number, no '= number'). The worked examples of "
              "this book (chapter on article 002's example, and the corrected example there) show what one needs.",
              f"这一节（第 {lo}–{hi} 行）说要举例说明（“举例说明”或“举个例子”），给出的却只有 {len(maths)} 行一般"
              "公式，没有算出任何数值：没有一行给输入、权重或结果赋值（既没有小数，也没有“= 数字”）。本书的算例"
              "（讲文章 002 算例的那一章，以及那里更正后的算例）展示了一个例子应当给出什么。"))
    return check


def _check_code_explained(article: str, line: int):
    """A section promising code *and its detailed explanation*, against the sentences after the listing."""
    def check() -> Outcome:
        st = _st.structure(article)
        lo, hi = _st.section_of(article, line, level=2)
        fences = [n for n in range(lo, hi + 1) if st["kinds"][n - 1] == "fence"]
        after = fences[-1] if fences else lo
        prose = sum(st["sentences"][n - 1] for n in range(after + 1, hi + 1) if st["kinds"][n - 1] in ("prose", "list"))
        before = sum(st["sentences"][n - 1] for n in range(lo + 1, fences[0] if fences else hi + 1)
                     if st["kinds"][n - 1] in ("prose", "list"))
        if prose:
            return Outcome(Verdict.CORRECT, T(f"{prose} sentences after the listing", f"代码清单之后有 {prose} 句话"), "")
        return Outcome(
            Verdict.FALSE, T("no explanation: 0 sentences after the listing", "没有解释：代码清单之后 0 句话"),
            T(f"The heading promises a code example with a detailed explanation (详细解释说明). The section "
              f"(lines {lo}–{hi}) has {before} sentence{'s' if before != 1 else ''} introducing the listing and none "
              f"after it (the listing ends on line {after}): no line of the code is explained. The listings chapters "
              "of this book explain what each listing does and whether it runs.",
              f"标题许诺给出代码实例和“详细解释说明”。这一节（第 {lo}–{hi} 行）在代码清单之前有 {before} 句介绍，"
              f"清单之后一句也没有（清单在第 {after} 行结束）：代码没有一行得到解释。本书讲代码清单的几章说明了"
              "每段清单做什么、能否运行。"))
    return check


def _check_numbering(article: str, level: int):
    def check() -> Outcome:
        st = _st.structure(article)
        nums = [(n, num) for n, lv, num in st["heading_numbers"] if lv == level and num]
        seen: dict[str, int] = {}
        dup = []
        for n, num in nums:
            if num in seen:
                dup.append((num, seen[num], n))
            seen[num] = n
        if dup:
            num, a, b = dup[0]
            seq = ", ".join(num for _, num in nums)
            return Outcome(Verdict.INCONSISTENT,
                           T(f"section {num} twice (lines {a} and {b})", f"第 {num} 节出现两次（第 {a} 行和第 {b} 行）"),
                           T(f"The top-level sections are numbered {seq}: number {num} is used for two sections "
                             f"(the headings on lines {a} and {b}), so every section after the second is off by one.",
                             f"顶层各节的编号依次是 {seq}：编号 {num} 用在了两节上（第 {a} 行和第 {b} 行的标题），"
                             f"所以第二个第 {num} 节之后的各节，编号都比实际位置少了 1。"))
        return Outcome(Verdict.CORRECT, T("numbered in order", "编号连续"), "")
    return check


def _check_faq_answers(article: str, line: int):
    def check() -> Outcome:
        st = _st.structure(article)
        lo, hi = _st.section_of(article, line, level=2)
        q = [n for n in range(lo + 1, hi + 1) if st["kinds"][n - 1] == "list"]
        between = [n for n in range(q[0], q[-1] + 1) if st["kinds"][n - 1] in ("prose",)] if q else []
        if q and not between:
            return Outcome(Verdict.FALSE, T(f"{len(q)} questions, no answer", f"{len(q)} 个问题，没有回答"),
                           T(f"The section is titled 常见问题与解答 (questions and answers). It lists {len(q)} "
                             f"questions on consecutive lines {q[0]}–{q[-1]} with no line of answer between them; "
                             "the section's only other sentence is the article's closing remark.",
                             f"这一节的标题是“常见问题与解答”。它在连续的第 {q[0]}–{q[-1]} 行列出了 {len(q)} 个问题，"
                             "问题之间没有一行回答；这一节仅有的另一句话是文章的结束语。"))
        return Outcome(Verdict.CORRECT, T("answered", "有回答"), "")
    return check


def _s(cid, src, line, quote, check, reviewed, label, topic, method):
    return _claim(cid, src, line, quote, check, reviewed, label, topic, method)


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
    _s("000-L74-coursera", "000", 74, _COURSERA_Q, _check_coursera(_COURSERA_Q), _C, "citations", "citations",
       T("course titles compared with Coursera's catalogue", "课程名称与 Coursera 的课程目录对照")),
    _s("003-L108-tf-tutorial", "003", 108, _TF_Q, _check_tf_tutorial(_TF_Q), _C, "citations", "citations",
       T("compared with the tutorial on tensorflow.org", "与 tensorflow.org 上的教程对照")),
    _s("004-L95-scikit-learn", "004", 95, _SK_Q,
       _check_tool_scope(_SK_Q, "Scikit-learn", T("large-model development and fine-tuning (line 89)",
                                                  "大模型开发与微调（第 89 行）")), _F,
       "citations", "tools", T("compared with scikit-learn's own FAQ", "与 scikit-learn 自己的 FAQ 对照")),
    _s("000-L7-unlike-other-networks", "000", 7, _UNLIKE_Q, keyword_check(RULES["unlike-others"], _UNLIKE_Q), _F, "general-claims",
       "what backpropagation is", _M_REC),
    _s("001-L7-simulated-annealing", "001", 7, _SA_Q, _check_related_methods(_SA_Q), _F, "general-claims",
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
    _s(f"002-{v}-L{line}-{rule}", "002", line, q, keyword_check(RULES[rule], q, overfit_line=OVERFIT_LINE[v]), _C,
       "general-claims", "what backpropagation can do", _M_REC)
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
    _s(f"{a}-{'v1-' if (a, line) == ('002', 5) else 'v2-' if a == '002' else ''}L{line}-promise", a, line, q,
       _check_promise(a, q, body), _F, "structure", "structure", _M_STRUCT)
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
    _s(f"{a}-L{line}-no-example", a, line, q, _check_example_section(a, line), _F, "structure", "structure", _M_STRUCT)
    for a, line, q in EXAMPLE_PROMISES
]
#: headings that promise a listing with a detailed explanation
CODE_PROMISES = [
    ("000", 36, "## 5. 项目实践：代码实例和详细解释说明"),
    ("001", 41, "## 5. 项目实践：代码实例和详细解释说明"),
    ("004", 51, "## 5. 项目实践：代码实例和详细解释说明"),
]
CLAIMS += [
    _s(f"{a}-L{line}-no-explanation", a, line, q, _check_code_explained(a, line), _F, "structure", "structure",
       _M_STRUCT)
    for a, line, q in CODE_PROMISES
]
CLAIMS += [
    _s("003-L53-section-number", "003", 53, "## 4.项目实践：代码实例和详细解释说明", _check_numbering("003", 2), _I,
       "structure", "structure", _M_STRUCT),
    _s("004-L101-faq-no-answers", "004", 101, "## 9. 附录：常见问题与解答", _check_faq_answers("004", 101), _F,
       "structure", "structure", _M_STRUCT),
]
