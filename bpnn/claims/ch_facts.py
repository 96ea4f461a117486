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

from ..articles import ARTICLES
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
]}

#: Werbos's publications on backpropagation that the sources consulted list (none has the cited title)
WERBOS_TITLES = [SOURCES[k].title for k in ("werbos1974", "werbos1982", "werbos1990", "werbos1994")]


def _norm(title: str) -> str:
    """Compare titles ignoring case, hyphens, punctuation and quote marks."""
    t = unicodedata.normalize("NFKC", title).lower().replace("-", "")
    return re.sub(r"[^a-z0-9 ]+", "", re.sub(r"\s+", " ", t)).strip()


def _quoted_title(quote: str) -> str:
    m = re.search(r"“([^”]+)”", quote)
    return m.group(1) if m else quote


def _cites(*keys: str) -> str:
    return " Sources: " + "; ".join(SOURCES[k].cite() for k in keys) + "."


# ------------------------------------------------------------------ checks
def _check_werbos_first(quote: str):
    def check() -> Outcome:
        years = [int(y) for y in re.findall(r"(\d{4})年", quote)]
        thesis = SOURCES["werbos1974"]
        if "Werbos" in quote and years == [thesis.year]:
            return Outcome(
                Verdict.CORRECT, f"Werbos, {thesis.year} (PhD thesis)",
                "Werbos's 1974 Harvard thesis introduced the backward computation of derivatives (his 'ordered "
                "derivatives') with a discussion of its use for neural networks, and is the usual attribution; his "
                "first explicit application to neural networks was presented in 1981 and published in 1982. 'First' "
                "holds for neural networks only: the general method, reverse-mode differentiation, was published by "
                "Linnainmaa in 1970 (in English 1976) without reference to neural networks, with continuous-time "
                "precursors in control theory around 1960 (Schmidhuber's 2015 survey gives the details)."
                + _cites("werbos1974", "werbos1982", "linnainmaa1970", "linnainmaa1976", "schmidhuber2015"),
            )
        return Outcome(Verdict.FALSE, f"Werbos, {thesis.year}", f"the article says {years}" + _cites("werbos1974"))
    return check


def _check_rhw_improved(quote: str):
    def check() -> Outcome:
        rhw = SOURCES["rhw1986"]
        years = [int(y) for y in re.findall(r"(\d{4})年", quote)]
        names_ok = all(n in quote for n in ("Rumelhart", "Hinton", "Williams")) and years == [rhw.year]
        says_improved = "改进" in quote   # "improved"
        if names_ok and says_improved:
            return Outcome(
                Verdict.FALSE, "rediscovered and popularised, 1986",
                "The names and the year are right, the relation is not: Rumelhart, Hinton and Williams found the "
                "method independently of Werbos (their Nature letter cites LeCun 1985 but not Werbos; Parker 1985 "
                "found it too), and their contribution was to show that it makes hidden units learn useful internal "
                "representations, which made it widely used. They did not improve Werbos's method (they added a "
                "momentum term to plain gradient descent, which is not a change to backpropagation)."
                + _cites("rhw1986", "rhw1986pdp", "werbos1974", "parker1985", "lecun1985"),
            )
        return Outcome(Verdict.CORRECT if names_ok else Verdict.FALSE, f"{rhw.authors}, {rhw.year}", _cites("rhw1986"))
    return check


def _check_title(quote: str, key: str | None, candidates: list[str] | None = None):
    def check() -> Outcome:
        cited = _quoted_title(quote)
        if key is not None:
            real = SOURCES[key]
            if _norm(cited) == _norm(real.title):
                return Outcome(Verdict.CORRECT, real.title, _cites(key))
            authors_ok = all(n.split()[-1] in quote for n in ("Rumelhart", "Hinton", "Williams"))
            return Outcome(
                Verdict.FALSE, real.title,
                f"The paper is real and the authors are right{'' if authors_ok else ' (authors differ too)'}, but its "
                f"title is “{real.title}”, not “{cited}”." + _cites(key),
            )
        if any(_norm(cited) == _norm(t) for t in candidates or []):
            return Outcome(Verdict.CORRECT, cited, "")
        return Outcome(
            Verdict.NOT_CHECKABLE, "no such title found",
            "None of Werbos's publications on backpropagation in the sources consulted has this title (his "
            "thesis, 1974; the first neural-network paper, 1982; backpropagation through time, 1990; The Roots of "
            "Backpropagation, 1994), and the copies of the web searched for this book have no record of it. "
            "Absence from these sources does not prove that no such publication exists, so no verdict is given; "
            "a reader should cite the works listed instead." + _cites("werbos1974", "werbos1982", "werbos1990", "werbos1994"),
        )
    return check


def _check_book(quote: str, key: str, names: tuple[str, ...]):
    def check() -> Outcome:
        src = SOURCES[key]
        if all(n in quote for n in names) and all(n in src.authors for n in names):
            return Outcome(Verdict.CORRECT, f"{src.authors}, {src.year}", "Author(s) right." + _cites(key))
        return Outcome(Verdict.FALSE, src.authors, _cites(key))
    return check


def _check_learning_type(quote: str):
    """Backpropagation as the articles describe it minimises the error against target outputs: supervised."""
    def check() -> Outcome:
        why = ("Backpropagation computes the gradient of a loss that compares the network's output with a desired "
               "(target) output given with each example, which is what supervised learning means; the 1986 paper "
               "describes it exactly so. (The same gradient computation also trains networks whose targets are "
               "made from the inputs, e.g. autoencoders, but the articles describe learning from target values.)")
        if "无监督" in quote:          # "unsupervised"
            return Outcome(Verdict.FALSE, "supervised",
                           why + " The sentence itself goes on to speak of the error against the actual target "
                           "values." + _cites("rhw1986", "goodfellow2016"))
        if "监督" in quote:            # "supervised"
            return Outcome(Verdict.CORRECT, "supervised", why + _cites("rhw1986", "goodfellow2016"))
        return Outcome(Verdict.NOT_CHECKABLE, "–", "no learning type stated")
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
        if claimed <= now:
            return Outcome(Verdict.CORRECT, "TensorFlow, JAX, PyTorch", _cites("keras2023"))
        if claimed <= then:
            return Outcome(
                Verdict.FALSE, "out of date since 2020",
                f"True of Keras {KERAS_BACKENDS[0][0]} ({KERAS_BACKENDS[0][1]}), which ran on Theano, TensorFlow or "
                "CNTK. Keras 2.3 (2019) was the last multi-backend release and Theano's development had ended in "
                "2017; from 2.4 Keras ran on TensorFlow only, and Keras 3 (2023) runs on JAX, TensorFlow or "
                "PyTorch, not Theano. As a description of Keras since 2020 it is false."
                + _cites("keras2019", "keras2023"),
            )
        return Outcome(Verdict.FALSE, "TensorFlow, JAX, PyTorch", _cites("keras2023"))
    return check


def _fixed(verdict: Verdict, computed: str, detail: str):
    """For statements whose record is a reviewed reading of the sources cited in ``detail``."""
    def check() -> Outcome:
        return Outcome(verdict, computed, detail)
    return check


def _claim(cid, src, line, quote, check, reviewed, label, topic, method="compared with the primary sources"):
    return Claim(id=cid, source=ARTICLES[src], line=line, quote=quote, claimed=None, method=method,
                 check=check, reviewed=reviewed, explained_in=f"{PAGE}#{label}", topic=topic)


_C, _F, _N = Verdict.CORRECT, Verdict.FALSE, Verdict.NOT_CHECKABLE

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
               _check_title(_WERBOS_TITLE_Q, None, WERBOS_TITLES), _N, "citations", "citations",
               "title compared with Werbos's known publications"),
        _claim(f"002-{_v}-L{_l_papers + 1}-rhw-title", "002", _l_papers + 1, _RHW_TITLE_Q,
               _check_title(_RHW_TITLE_Q, "rhw1986"), _F, "citations", "citations",
               "title compared with the paper's (Nature 323:533)"),
    ]

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
           "backends compared with Keras's release history"),
    _claim("001-L120-keras-theano", "001", 120, _KERAS1_Q, _check_keras(_KERAS1_Q), _F, "tools", "tools",
           "backends compared with Keras's release history"),
    _claim("001-L114-gpt-backprop", "001", 114, _GPT_Q, _fixed(
        _C, "trained by gradient descent on backpropagated gradients",
        "The GPT papers train a Transformer by minimising a language-modelling loss with the Adam optimizer, a "
        "gradient method; the gradients of a network's loss are computed by backpropagation (reverse-mode "
        "differentiation)." + _cites("radford2018", "brown2020")), _C, "tools", "training"),
    _claim("000-L88-optimizers", "000", 88, _OPT_Q, _fixed(
        _C, "gradient descent, SGD, momentum",
        "All three are used with backpropagated gradients: stochastic approximation (Robbins & Monro 1951), "
        "momentum (Polyak 1964), and the 1986 paper itself adds a momentum term to gradient descent. The list is "
        "incomplete ('等', etc.), which the article says; adaptive methods such as Adam are now the most used."
        + _cites("robbins1951", "polyak1964", "rhw1986")), _C, "learning-type", "training"),
    _claim("003-L9-most-common", "003", 9, _MOST_Q, _fixed(
        _N, "–",
        "No measure of 'most commonly used' is given and no survey settles it. It also mixes up the network and "
        "the algorithm: backpropagation computes gradients; a network is trained with them."),
        _N, "not-checkable", "history"),
]
