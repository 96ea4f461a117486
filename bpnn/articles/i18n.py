"""The book's two languages: English and Chinese (中文).

Every text a reader sees about a claim (how it is checked, what is right, a
described behaviour) exists in both languages.  Such a text is a :class:`Text`:
a ``str`` whose value is the English text, carrying its Chinese twin in
``.zh``.  Because it *is* the English string, everything that printed the
English text before (``bpnn check``, ``--json``, the English chapters) prints
it unchanged; the Chinese edition asks for the other language with
:func:`tr`.

Numbers and formulas need no translation: :func:`neutral` says when a text
holds nothing but those.  Anything else without a Chinese twin is an error in
the Chinese edition (:class:`MissingTranslation`), never silently English.

The glossary (``GLOSSARY``) fixes the Chinese term for each concept, so
that every chapter says 误差项 for δ and 学习率 for η; a test reads the Chinese
chapters for the variants each entry rules out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import BpnnError

__all__ = ["LANGS", "Text", "T", "tr", "neutral", "check_lang", "MissingTranslation",
           "Term", "GLOSSARY", "display_width", "pad"]

LANGS = ("en", "zh")


class MissingTranslation(BpnnError):
    """A text that the Chinese edition needs has no Chinese twin."""


class Text(str):
    """An English text (the string's value) with its Chinese twin (``.zh``).

    ``Text("the step without η", "缺少 η 的一步")`` compares, hashes, prints and
    formats as the English string.  Joining two ``Text`` with ``+`` joins both
    languages; anything else that builds a new string (``+`` with a plain
    string, an f-string, ``.format``) gives a plain English ``str``, which the
    tests then report as lacking its Chinese text.
    """

    zh: str

    def __new__(cls, en: str, zh: str):
        if not isinstance(en, str) or not isinstance(zh, str):
            raise TypeError("Text(en, zh) takes two strings")
        if bool(en.strip()) != bool(zh.strip()):
            raise ValueError(f"Text: one language is empty ({en!r} / {zh!r})")
        obj = super().__new__(cls, en)
        obj.zh = zh
        return obj

    def __getnewargs__(self):          # pickling keeps both languages
        return (str(self), self.zh)

    def __add__(self, other):
        if isinstance(other, Text):
            return Text(str(self) + str(other), self.zh + other.zh)
        return str(self) + other

    def __repr__(self) -> str:
        return f"Text({str(self)!r}, {self.zh!r})"

    def lang(self, lang: str) -> str:
        return self.zh if check_lang(lang) == "zh" else str(self)


def T(en: str, zh: str) -> Text:
    """Shorthand for ``Text(en, zh)``."""
    return Text(en, zh)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise BpnnError(f"language {lang!r}: must be one of {', '.join(LANGS)}")
    return lang


# A text is language-neutral when, once math ($…$) and code (`…`) are taken out, it has no word
# of three or more Latin letters other than the names of functions and values of mathematics.
_MATH_OR_CODE = re.compile(r"\$[^$]*\$|``.*?``|`[^`]*`")
_WORD = re.compile(r"[A-Za-z]{3,}")
_MATH_WORDS = frozenset("""exp log sin cos tan tanh sigmoid relu softmax max min sum nan inf NaN Inf
                        ReLU argmax dot""".split())


def neutral(text) -> bool:
    """True when ``text`` needs no translation: empty, or only numbers, symbols and formulas.

    ``"0.5498"``, ``"σ(0.2) = 0.5498"``, ``"w_71 − η·δ_7"``, ``"– → 3"`` are neutral;
    ``"no answer"`` is not.
    """
    if text is None:
        return True
    bare = _MATH_OR_CODE.sub(" ", str(text))
    return not any(w not in _MATH_WORDS for w in _WORD.findall(bare))


def tr(text, lang: str = "en", what: str = "text"):
    """``text`` in ``lang``: the English value, or the Chinese twin of a :class:`Text`.

    ``None`` and language-neutral strings come back unchanged in either language.
    A plain English string asked for in Chinese raises :class:`MissingTranslation`
    naming ``what`` it is (e.g. ``"claim 002-L151: detail"``).
    """
    if check_lang(lang) == "en" or text is None:
        return text if text is None or not isinstance(text, Text) else str(text)
    if isinstance(text, Text):
        return text.zh
    if neutral(text):
        return text
    raise MissingTranslation(f"{what} has no Chinese text: {str(text)[:80]!r}")


# --------------------------------------------------------------------------- terminal width

# one implementation, shared with the engine's bpnn trace (bpnn/termout.py)
from ..termout import display_width, pad  # noqa: E402

# --------------------------------------------------------------------------- glossary

@dataclass(frozen=True)
class Term:
    """One concept: its English and Chinese names, its symbol in the book's notation, and the
    Chinese variants the book does not use for it (a test looks for them in the chapters)."""

    en: str
    zh: str
    symbol: str = ""
    avoid: tuple[str, ...] = ()
    note: str = ""      # in Chinese: what the term means, or why this name


GLOSSARY: tuple[Term, ...] = (
    Term("backpropagation", "反向传播", "", ("逆传播", "后向传播", "反向传导"),
         "按链式法则从输出层向输入层逐层计算误差项和梯度的算法"),
    Term("forward pass", "前向传播", "", ("正向传播", "前向计算过程"), "由输入逐层计算 z 与 a，直到输出和损失"),
    Term("chain rule", "链式法则", "", ("连锁法则", "链导法则"), "复合函数求导：外层导数乘内层导数"),
    Term("neuron, unit", "神经元", "", ("神经单元",), ""),
    Term("layer", "层", "l", (), "第 l 层；输入层记为第 0 层"),
    Term("input layer", "输入层", "a^{(0)} = x", (), ""),
    Term("hidden layer", "隐藏层", "", ("隐层", "隐含层"), ""),
    Term("output layer", "输出层", "a^{(L)}", (), ""),
    Term("weight", "权重", "w^{(l)}_{jk}", ("权值",), "第 l−1 层单元 k 到第 l 层单元 j 的连接"),
    Term("bias", "偏置", "b^{(l)}_j", ("偏差项", "偏移量"), "“偏差”在统计里另有含义，这里不用"),
    Term("weighted input", "加权输入", "z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}", ("净输入",), "激活函数作用之前的值"),
    Term("activation", "激活值", "a^{(l)} = f(z^{(l)})", (), "激活函数的输出"),
    Term("activation function", "激活函数", "f", ("激励函数",), ""),
    Term("sigmoid", "sigmoid 函数", "\\sigma(z) = 1/(1+e^{-z})", ("S型函数", "S 型函数"), "又称 logistic 函数"),
    Term("loss", "损失", "L", (), "一个样本（或一批样本）上的误差度量"),
    Term("loss function", "损失函数", "L", ("代价函数", "成本函数"), "本书只说损失函数"),
    Term("squared error with ½", "带 ½ 的平方误差", "\\tfrac12\\sum_j (a_j - t_j)^2", (), "½ 使导数恰为 a − t"),
    Term("mean squared error", "均方误差", "\\mathrm{MSE}", ("均方差",), "对输出和样本求平均"),
    Term("cross-entropy", "交叉熵", "", (), ""),
    Term("target", "目标值", "t", ("期望输出", "标签值"), ""),
    Term("error term", "误差项", "\\delta^{(l)}_j = \\partial L/\\partial z^{(l)}_j", ("误差信号", "残差"),
         "损失对加权输入的偏导数；不是输出与目标之差"),
    Term("gradient", "梯度", "\\partial L/\\partial w", (), ""),
    Term("residual connection", "残差连接", "", (), "He 等人（2016）的 ResNet 中跨层相加的连接，与误差项无关"),
    Term("partial derivative", "偏导数", "\\partial", (), ""),
    Term("learning rate", "学习率", "\\eta", ("学习速率", "步长因子"), ""),
    Term("gradient descent", "梯度下降", "w \\leftarrow w - \\eta\\,\\partial L/\\partial w", (), "沿负梯度方向更新"),
    Term("stochastic gradient descent", "随机梯度下降", "\\mathrm{SGD}", (), ""),
    Term("minibatch", "小批量", "m", ("迷你批", "微批"), ""),
    Term("epoch", "轮", "", ("纪元", "时代"), "把全部训练样本用过一遍"),
    Term("fine-tuning", "微调", "", (), "在预训练网络上用新数据继续训练"),
    Term("pre-training", "预训练", "", (), ""),
    Term("overfitting", "过拟合", "", ("过度拟合",), ""),
    Term("batch size", "批量大小", "m", ("批大小",), "一个小批量中的样本数（d2l-zh 的译法）"),
    Term("one-hot", "独热", "", (), "只有一个分量为 1、其余为 0 的目标向量"),
    Term("Jacobian", "雅可比矩阵", "\\partial a/\\partial z", (),
         "向量值函数的全部一阶偏导数排成的矩阵；softmax 的导数不是逐元素的，就要用它表示"),
    Term("elementwise product", "逐元素乘积", "\\odot", (), "两个同形状的向量或矩阵对应元素相乘，又称 Hadamard 积"),
    Term("random seed", "随机种子", "", (), "固定它，程序每次运行抽到的随机数都相同，结果也就可以复现"),
    Term("freeze (a layer)", "冻结", "", (), "训练时不更新该层的参数"),
    Term("code listing", "代码清单", "", (), "文章中给出的一段完整代码"),
    Term("exact point", "精确点", "", (), "用有理数精确求值的检验点，没有舍入误差"),
    Term("audit", "审计", "", (), "bpnn audit 逐行核对文章中算式的算术；执行它的程序称审计程序"),
    Term("claim", "论断", "", ("断言", "主张"), "文章中一条可以核查的陈述"),
    Term("verdict", "结论", "", ("裁决", "判决"), "核查一条论断所得的结果"),
    Term("worked example", "算例", "", ("手算例子",), "逐步写出数值的完整计算"),
)
