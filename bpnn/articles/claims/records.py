"""The record of sources the facts chapter checks statements against (:mod:`.ch_facts`, :mod:`.kinds_facts`).

What the primary sources say (author, title, venue, year), written down once with the sources it rests
on, and the small records built from them: the titles on backpropagation, Keras's backends by version,
the courses, tools and methods the articles name.  A check compares what a sentence states with these,
so the verdict follows from the data and changes if either side does.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..i18n import T, Text

__all__ = ["Source", "SOURCES", "KNOWN_BP_TITLES", "WERBOS_TITLES", "KERAS_BACKENDS", "COURSERA", "TOOL_SCOPE",
           "USES_GRADIENT", "PYTORCH_PYTHON", "PYTORCH_LAST_PATCH",
           "PYTORCH_CHANNEL_LAST", "normalise_title", "quoted_title", "cites", "nearest_title"]


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
    Source("goodfellow2014", "I. Goodfellow, J. Pouget-Abadie, M. Mirza, B. Xu, D. Warde-Farley, S. Ozair, "
           "A. Courville, Y. Bengio", "Generative Adversarial Nets",
           "Advances in Neural Information Processing Systems 27 (NIPS), 2672–2680 "
           "(papers.neurips.cc/paper/5423-generative-adversarial-nets)", 2014),
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
    Source("pytorch2024conda", "PyTorch maintainers", "[Announcement] Deprecating PyTorch’s official Anaconda channel",
           "github.com/pytorch/pytorch/issues/138506", 2024),
    Source("pytorchrelease", "PyTorch maintainers", "Releasing PyTorch: release compatibility matrix",
           "github.com/pytorch/pytorch/blob/main/RELEASE.md#release-compatibility-matrix", 2024),
    Source("lipton2018", "Z. C. Lipton", "The Mythos of Model Interpretability",
           "Communications of the ACM 61(10):36–43", 2018),
]}

#: other titles on backpropagation that a garbled citation may stand for: key -> title words
KNOWN_BP_TITLES = ["chauvin1995", "werbos1994", "rhw1986", "rhw1986pdp"]

#: Werbos's publications on backpropagation that the sources consulted list (none has the cited title)
WERBOS_TITLES = [SOURCES[k].title for k in ("werbos1974", "werbos1982", "werbos1990", "werbos1994")]


def normalise_title(title: str) -> str:
    """Compare titles ignoring case, hyphens, punctuation and quote marks."""
    t = unicodedata.normalize("NFKC", title).lower().replace("-", "")
    return re.sub(r"[^a-z0-9 ]+", "", re.sub(r"\s+", " ", t)).strip()


def quoted_title(quote: str) -> str:
    m = re.search(r"“([^”]+)”", quote)
    return m.group(1) if m else quote


def cites(*keys: str) -> Text:
    """The sources ``keys``, as the sentence that ends a detail (both languages; the entries stay as published)."""
    entries = [SOURCES[k].cite() for k in keys]
    return T(" Sources: " + "; ".join(entries) + ".", "来源：" + "；".join(entries) + "。")


def _words(title: str) -> set[str]:
    return {w for w in normalise_title(title).split() if len(w) > 3}


def nearest_title(cited: str) -> str:
    """The key of the known backpropagation title sharing most (long) words with ``cited``."""
    return max(KNOWN_BP_TITLES, key=lambda k: (len(_words(SOURCES[k].title) & _words(cited)), k))


#: Keras backends by version: (versions, years, backends)
KERAS_BACKENDS = [
    ("1.x–2.3", "2015–2019", {"Theano", "TensorFlow", "CNTK"}),
    ("2.4–2.15 (tf.keras)", "2020–2023", {"TensorFlow"}),
    ("3.x", "2023–", {"JAX", "TensorFlow", "PyTorch"}),
]

#: Coursera courses the articles name (Chinese title as printed -> English title, source key)
COURSERA = {"深度学习": ("Deep Learning Specialization", "ng2017"),
            "神经网络与深度学习": ("Neural Networks and Deep Learning", "ng2017")}

#: what each tool is for, from its own documentation: name -> (does deep learning / large models, source)
TOOL_SCOPE = {"Scikit-learn": (False, "sklearnfaq"), "TensorFlow": (True, "tf2019")}

#: PyTorch releases around the end of the pytorch conda channel: minor version -> (oldest, newest Python), from the
#: release compatibility matrix (source "pytorchrelease"), and each minor version's last patch release
PYTORCH_PYTHON = {"2.3": ((3, 8), (3, 11)), "2.4": ((3, 8), (3, 12)), "2.5": ((3, 9), (3, 12))}
PYTORCH_LAST_PATCH = {"2.3": "2.3.1", "2.4": "2.4.1", "2.5": "2.5.1"}
#: the last PyTorch minor version published to the ``pytorch`` conda channel (source "pytorch2024conda")
PYTORCH_CHANNEL_LAST = "2.5"

#: optimisation methods by whether they use the gradient that backpropagation computes (record)
USES_GRADIENT = {"梯度下降": True, "随机梯度下降": True, "模拟退火": False}
