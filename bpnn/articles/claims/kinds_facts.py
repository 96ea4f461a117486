"""The check kinds of the facts chapter (:mod:`.ch_facts`): what a sentence states (years, names, titles,
keywords) against the record of sources (:mod:`.records`), and what an article promises against its
stored structure (:mod:`.structure`).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ..i18n import T, Text
from . import structure
from .records import (
    COURSERA,
    KERAS_BACKENDS,
    PYTORCH_CHANNEL_LAST,
    PYTORCH_LAST_PATCH,
    PYTORCH_PYTHON,
    SOURCES,
    TOOL_SCOPE,
    USES_GRADIENT,
    cites,
    nearest_title,
    normalise_title,
    quoted_title,
)
from .registry import Outcome, Verdict, kind


@kind("werbos-first")
def werbos_first(quote: str) -> Outcome:
    """Who first proposed backpropagation, and when, against Werbos's thesis and its precursors."""
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
            + cites("werbos1974", "werbos1982", "linnainmaa1970", "linnainmaa1976", "schmidhuber2015"),
        )
    return Outcome(Verdict.FALSE, T(f"Werbos, {thesis.year}", f"Werbos，{thesis.year} 年"),
                   T(f"the article says {years}", f"文章说的是 {years}") + cites("werbos1974"))


@kind("rhw-relation")
def rhw_improved(quote: str) -> Outcome:
    """What Rumelhart, Hinton and Williams did in 1986, against their paper and its precursors."""
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
            + cites("rhw1986", "rhw1986pdp", "werbos1974", "parker1985", "lecun1985"),
        )
    return Outcome(Verdict.CORRECT if names_ok else Verdict.FALSE,
                   T(f"{rhw.authors}, {rhw.year}", f"{rhw.authors}，{rhw.year} 年"), cites("rhw1986"))


@kind("citation-title")
def citation_title(quote: str, key: str | None, candidates: list[str] | None = None) -> Outcome:
    """A cited title against the record: the title of the source ``key``, or (``key`` None) one of
    ``candidates``, and else the nearest title on backpropagation the record knows."""
    cited = quoted_title(quote)
    if key is not None:
        real = SOURCES[key]
        if normalise_title(cited) == normalise_title(real.title):
            return Outcome(Verdict.CORRECT, T(real.title, f"标题为“{real.title}”"), cites(key))
        authors_ok = all(n.split()[-1] in quote for n in ("Rumelhart", "Hinton", "Williams"))
        return Outcome(
            Verdict.FALSE, T(real.title, f"标题为“{real.title}”"),
            T(f"The paper is real{' and the authors are right, but' if authors_ok else ', but the authors differ and'} "
              f"its title is “{real.title}”, not “{cited}”.",
              f"论文确实存在，{'作者也对，然而' if authors_ok else '但作者不对，标题也不对：'}它的标题是“{real.title}”，"
              f"不是“{cited}”。") + cites(key),
        )
    if any(normalise_title(cited) == normalise_title(t) for t in candidates or []):
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
        + cites(near, "werbos1974", "werbos1982", "werbos1990", "werbos1994"),
    )


@kind("book-authors")
def book_authors(quote: str, key: str, names: tuple[str, ...]) -> Outcome:
    """A book's authors as cited (``names``) against the record of the source ``key``."""
    src = SOURCES[key]
    if all(n in quote for n in names) and all(n in src.authors for n in names):
        return Outcome(Verdict.CORRECT, T(f"{src.authors}, {src.year}", f"{src.authors}，{src.year} 年"),
                       T("Author(s) right.", "作者正确。") + cites(key))
    return Outcome(Verdict.FALSE, T(src.authors, f"作者：{src.authors}"), cites(key))


@kind("learning-type")
def learning_type(quote: str) -> Outcome:
    """Backpropagation as the articles describe it minimises the error against target outputs: supervised."""
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
                       + cites("rhw1986", "goodfellow2016"))
    if "监督" in quote:            # "supervised"
        return Outcome(Verdict.CORRECT, supervised, why + cites("rhw1986", "goodfellow2016"))
    return Outcome(Verdict.NOT_CHECKABLE, "–", T("no learning type stated", "没有说明学习类型"))


@kind("keras-backends")
def keras_backends(quote: str) -> Outcome:
    """The frameworks Keras is said to run on, against its release history."""
    claimed = {b for b in ("TensorFlow", "Theano", "CNTK", "JAX", "PyTorch") if b in quote}
    now = KERAS_BACKENDS[-1][2]
    then = KERAS_BACKENDS[0][2]
    backends = T("TensorFlow, JAX, PyTorch", "后端为 TensorFlow、JAX、PyTorch")
    if claimed <= now:
        return Outcome(Verdict.CORRECT, backends, cites("keras2023"))
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
            + cites("keras2019", "keras2023"),
        )
    return Outcome(Verdict.FALSE, backends, cites("keras2023"))


@kind("coursera-courses")
def coursera_courses(quote: str) -> Outcome:
    """Course titles, against the courses on Coursera."""
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
                       + cites("ng2017"))
    return Outcome(Verdict.FALSE, T(f"not found: {', '.join(missing)}", f"未找到：{'、'.join(missing)}"),
                   cites("ng2017"))


@kind("tf-tutorial")
def tf_tutorial(quote: str) -> Outcome:
    """What TensorFlow's tutorial is said to teach, against the tutorial."""
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
                         "列表里的“Transfer Learning”指的就是这个教程，而不是一个工具。") + cites("tf2019"))
    return Outcome(Verdict.FALSE, title, cites("tf2019"))


@kind("tool-scope")
def tool_scope(quote: str, tool: str, purpose: str) -> Outcome:
    """``purpose``: what the article recommends the tool for (a :class:`Text` gives the Chinese detail its words)."""
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
                         "大模型。") + cites(key))
    return Outcome(Verdict.CORRECT, T(tool, f"{tool} 适用"), cites(key))


@kind("related-methods")
def related_methods(quote: str) -> Outcome:
    """Training methods said to be closely related to backpropagation: do they use its gradient?"""
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
            + cites("kirkpatrick1983", "goodfellow2016"))
    return Outcome(Verdict.CORRECT, T("gradient methods", "梯度方法"), cites("goodfellow2016"))


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


@kind("keyword-rule")
def keyword_check(rule: KeywordRule, quote: str, **params) -> Outcome:
    """A general statement against a :class:`KeywordRule` (the rows of :data:`.ch_facts.RULES`)."""
    if all(k in quote for k in rule.keywords):
        detail = T(rule.detail.format(**params), rule.detail.zh.format(**params))
        return Outcome(rule.verdict, rule.computed, detail + cites(*rule.cites))
    return Outcome(*rule.otherwise)


@kind("promise-kept")
def promise(article: str, quote: str, body: tuple[int, int]) -> Outcome:
    """A promise in the introduction, against what the body (lines ``body``) contains."""
    st = structure.structure(article)
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


@kind("example-given")
def example_section(article: str, line: int) -> Outcome:
    """A heading or sentence announcing an example, against the numbers its section contains."""
    st = structure.structure(article)
    lo, hi = structure.section_of(article, line, level=2)
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


@kind("code-explained")
def code_explained(article: str, line: int) -> Outcome:
    """A section promising code *and its detailed explanation*, against the sentences after the listing."""
    st = structure.structure(article)
    lo, hi = structure.section_of(article, line, level=2)
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


@kind("section-numbering")
def numbering(article: str, level: int) -> Outcome:
    """The numbers of an article's headings at ``level``: a number used twice."""
    st = structure.structure(article)
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


@kind("faq-answered")
def faq_answers(article: str, line: int) -> Outcome:
    """A questions-and-answers section: are its questions answered?"""
    st = structure.structure(article)
    lo, hi = structure.section_of(article, line, level=2)
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


def _array_literal(code: str) -> list:
    """The nested list inside ``NAME = np.array([...])`` (a line of a listing), read with ``ast.literal_eval``."""
    m = re.fullmatch(r"\s*(\w+)\s*=\s*np\.array\((.*)\)\s*", code)
    if not m:
        raise ValueError(f"not an np.array assignment: {code!r}")
    return ast.literal_eval(m.group(2))


@kind("test-data")
def listing_test_data(quote: str, test_y: str, train_x: str, train_y: str, lines: tuple[int, int, int, int]) -> Outcome:
    """A listing's test data (``quote``: the inputs, ``test_y``: the targets) against its training data, read
    from the four assignment lines (``lines``: test inputs, test targets, training inputs, training targets)."""
    tx, ty, rx, ry = (_array_literal(c) for c in (quote, test_y, train_x, train_y))
    lt, lty, lr, lry = lines
    same = tx == rx and ty == ry
    n_in = len(rx[0])
    every = sorted(map(tuple, rx)) == sorted(
        tuple((k >> (n_in - 1 - b)) & 1 for b in range(n_in)) for k in range(2 ** n_in))
    if not same:
        return Outcome(Verdict.CORRECT, T("test data differ from the training data", "测试数据与训练数据不同"),
                       T(f"Lines {lt}–{lty} and {lr}–{lry} hold different arrays.",
                         f"第 {lt}–{lty} 行与第 {lr}–{lry} 行的数组不同。"))
    parity = all(list(t) == [sum(x) % 2] for x, t in zip(rx, ry))   # the targets are XOR (parity) of the bits
    if every and not parity:
        return Outcome(Verdict.CORRECT, T(f"the test set is the training set: all {len(rx)} inputs of {n_in} bits",
                                          f"测试集就是训练集：{n_in} 位输入的全部 {len(rx)} 种"), T(
            f"The test arrays (lines {lt}–{lty}) are the training arrays (lines {lr}–{lry}), and they hold every "
            f"possible {n_in}-bit input, so no unseen input exists: the test measures the fit to the whole table.",
            f"测试数组（第 {lt}–{lty} 行）就是训练数组（第 {lr}–{lry} 行），其中包含全部可能的 {n_in} 位输入，不存在没见过的"
            "输入：这个测试衡量的是对整张表的拟合。"))
    if every:
        return Outcome(Verdict.CORRECT, T(f"the test set is the training set: all {len(rx)} inputs of {n_in} bits",
                                          f"测试集就是训练集：{n_in} 位输入的全部 {len(rx)} 种"), T(
            f"The test arrays (lines {lt}–{lty}) are element for element the training arrays (lines {lr}–{lry}). "
            f"They are every one of the {len(rx)} possible {n_in}-bit inputs with their XOR targets, so no unseen "
            "input exists: the 'test' measures whether the network fits the XOR table it was trained on, which is "
            "what one can ask of XOR. It says nothing about generalisation, which a test normally measures on data "
            "kept apart from training.",
            f"测试数组（第 {lt}–{lty} 行）与训练数组（第 {lr}–{lry} 行）逐元素相同。它们是全部 {len(rx)} 种可能的 "
            f"{n_in} 位输入及其异或目标值，不存在没见过的输入：这里的“测试”衡量的是网络能否拟合它训练时用的异或真值表，"
            "对异或问题也只能这样问。它不能说明泛化能力；通常的测试要在训练之外另留的数据上进行。"))
    return Outcome(Verdict.INCONSISTENT, T("the test set is the training set", "测试集就是训练集"), T(
        f"The test arrays (lines {lt}–{lty}) are the training arrays (lines {lr}–{lry}), and other inputs exist: "
        "the 'test' measures the fit to the training data, not performance on unseen data.",
        f"测试数组（第 {lt}–{lty} 行）就是训练数组（第 {lr}–{lry} 行），而别的输入是存在的：这个“测试”衡量的是对训练"
        "数据的拟合，而不是在没见过的数据上的表现。"))


def _minor(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))


@kind("conda-pytorch")
def conda_pytorch(quote: str, env_line: str, env_line_no: int) -> Outcome:
    """``conda install pytorch … -c pytorch`` (``quote``) in the environment the article creates (``env_line``, on
    line ``env_line_no``: ``conda create … python=X.Y``), against the record: the newest PyTorch that channel
    holds for that Python."""
    if "-c pytorch" not in quote:
        raise ValueError(f"not an install from the pytorch channel: {quote!r}")
    py = _minor(re.search(r"python=(\d+\.\d+)", env_line).group(1))
    fits = [v for v, (lo, hi) in PYTORCH_PYTHON.items() if lo <= py <= hi and _minor(v) <= _minor(PYTORCH_CHANNEL_LAST)]
    newest = PYTORCH_LAST_PATCH[max(fits, key=_minor)] if fits else None
    pyv = ".".join(map(str, py))
    got = (T(f"PyTorch {newest} at most (Python {pyv})", f"至多 PyTorch {newest}（Python {pyv}）") if newest
           else T(f"no PyTorch for Python {pyv}", f"没有适用于 Python {pyv} 的 PyTorch"))
    last = PYTORCH_LAST_PATCH[PYTORCH_CHANNEL_LAST]
    first_without = min((v for v, (lo, _) in PYTORCH_PYTHON.items() if lo > py), key=_minor, default=None)
    return Outcome(Verdict.NOT_CHECKABLE, got, T(
        f"What the command can install today follows from two records. The pytorch channel is frozen: PyTorch "
        f"{PYTORCH_CHANNEL_LAST} was the last release published to it ({last} its last build), and newer releases "
        f"are installed with pip from PyPI or PyTorch's own index (or from conda-forge). And the environment "
        f"created on line {env_line_no} has Python {pyv}, which PyTorch {first_without} and later do not support "
        f"(Python {pyv} reached its end of life in October 2024). So in that environment the command gives PyTorch "
        f"{newest} at most, several releases behind the current one. Whether conda still resolves it needs conda "
        "and the network, which the book's build does not have, so no verdict is given; the article's listing "
        "itself needs nothing newer.",
        f"这条命令今天能装上什么，由两份记录决定。pytorch 频道已经冻结：PyTorch {PYTORCH_CHANNEL_LAST} 是发布到这个"
        f"频道的最后一个版本（最后一个构建是 {last}），更新的版本要用 pip 从 PyPI 或 PyTorch 自己的索引安装（或者从 "
        f"conda-forge 安装）。而第 {env_line_no} 行创建的环境用的是 Python {pyv}，PyTorch {first_without} 及以后的"
        f"版本都不支持它（Python {pyv} 已于 2024 年 10 月停止维护）。所以在这个环境里，这条命令至多装上 PyTorch "
        f"{newest}，比当前版本落后好几个版本。conda 现在是否还能解析成功，需要 conda 和网络连接才能知道，本书构建时"
        "两样都没有，所以不下结论；文章的程序本身并不需要更新的版本。") + cites("pytorch2024conda", "pytorchrelease"))
