"""The check kinds of the listings chapters (:mod:`.ch_listings`): whether an article's code listing runs, and
if not, what stops it, without running article text.

The quoted lines are only *parsed* (``ast``, ``symtable``, ``compile``), and the errors are reproduced by
this module's own small programs that have the same shapes; what the frameworks do (PyTorch, Keras) was
observed once, outside the book, and is stored with its provenance in :mod:`.observations`.
"""
from __future__ import annotations

import ast
import re
import symtable
import textwrap
import types

import numpy as np

from ..i18n import T, Text
from ..listings import (
    init_002,
    inputs_002,
    lockstep_001,
    predict_001,
    predict_001_as_written,
    train_001,
    train_002,
)
from .observations import (
    KERAS_FIT_MESSAGE,
    KERAS_FIT_PARAMETERS,
    KERAS_FIT_SOURCES,
    PROVENANCE,
    TORCH_002_FINAL,
    TORCH_BCE_MESSAGE,
    TORCH_BCE_SOURCES,
)
from .registry import Outcome, Verdict, kind


def _error(fn) -> tuple[str, str]:
    """Run one of this module's own reproductions; return (exception name, message)."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we want the exact type and message
        return type(e).__name__, str(e)
    return "", ""


def _raised(message: str):
    """An error message as Python (or a framework) prints it, in both languages: verbatim, and in
    Chinese introduced as 报错 (the message itself is never translated)."""
    return T(message, f"报错 {message}")


def _scoping_demo():
    # this module's own three-line reproduction: a function that reads W1 and later does W1 += ...
    hidden = np.dot(np.ones((4, 2)), W1)  # noqa: F821,F823 - read before the assignment below
    W1 += hidden  # noqa: F821,F841 - the augmented assignment makes W1 local to the whole function


def _inplace_demo(target_shape, update_shape):
    def run():
        b = np.zeros(target_shape)
        b += np.zeros(update_shape)
    return run


def _names_read(line: str) -> list[str]:
    """Names a line of Python reads (parsed with ast, never run)."""
    tree = ast.parse(line.strip())
    return [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]


def _keywords(line: str) -> list[str]:
    tree = ast.parse(line.strip())
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    return [k.arg for k in call.keywords]


#: Keras 3 names the trainer class after the backend (keras/src/backend/<backend>/trainer.py, Keras 3.15.1)
KERAS_TRAINER_CLASS = {"tensorflow": "TensorFlowTrainer", "torch": "TorchTrainer", "jax": "JAXTrainer"}
#: the backend the torch observation above ran on (PROVENANCE["keras"])
OBSERVED_FIT_BACKEND = "torch"
#: how each Keras listing imports its framework: article -> (line, the import line as printed);
#: tests check the line against the article
LISTING_IMPORTS = {"000": (41, "import tensorflow as tf"), "003": (64, "import tensorflow as tf"),
                   "004": (56, "import tensorflow as tf")}


def listing_backend(article: str) -> str:
    """The Keras backend a listing runs on, read from its import line (parsed with ast, never run):
    ``tf.keras`` is Keras on the TensorFlow backend."""
    _, line = LISTING_IMPORTS[article]
    tree = ast.parse(line)
    mods = [a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
            for a in n.names] + [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    if any(m.split(".")[0] == "tensorflow" for m in mods):
        return "tensorflow"
    if any(m.split(".")[0] == "torch" for m in mods):
        return "torch"
    if any(m.split(".")[0] == "jax" for m in mods):
        return "jax"
    raise ValueError(f"article {article}, line {LISTING_IMPORTS[article][0]}: no framework import in {line!r}")


def _keras_fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
               validation_split=0.0, validation_data=None, shuffle=True, class_weight=None, sample_weight=None,
               initial_epoch=0, steps_per_epoch=None, validation_steps=None, validation_batch_size=None,
               validation_freq=1):
    """Keras 3.15.1's Model.fit signature (keras/src/trainers/trainer.py lines 548-566), body omitted;
    the tests check that its parameters are KERAS_FIT_PARAMETERS."""


def fit_kwarg_error(backend: str, keyword: str) -> str:
    """The TypeError Python raises when ``Model.fit`` of Keras 3 on ``backend`` gets ``keyword``.

    Reproduced, not run: a copy of :func:`_keras_fit` (exactly Keras's parameters, no ``**kwargs``)
    named like the backend trainer's method, called with the keyword. Python's own argument binding
    makes the message, as it does for the real method; the tests check that the torch case gives the
    message observed in Keras 3.15.1."""
    fit = types.FunctionType(_keras_fit.__code__, {}, "fit", _keras_fit.__defaults__)
    fit.__qualname__ = f"{KERAS_TRAINER_CLASS[backend]}.fit"
    try:
        fit(None, **{keyword: 1e-4})
    except TypeError as e:
        return f"TypeError: {e}"
    return ""


@kind("unbound-local")
def unbound_local(read_line: str, assign_line: str) -> Outcome:
    """A function that reads a name (``read_line``) and later assigns it in place (``assign_line``): its symbol table,
    and this module's own three-line reproduction of the error."""
    # The symbol table of a function holding the two quoted lines (lines 73 and 92 of train()).
    src = "def train(X, hidden_delta, learning_rate):\n" + textwrap.indent(f"{read_line}\n{assign_line}\n", "    ")
    table = symtable.symtable(src, "<001 train()>", "exec").lookup("train").get_namespaces()[0]
    w1 = table.lookup("W1")
    if not (w1.is_local() and w1.is_assigned() and not w1.is_global()):
        return Outcome(Verdict.CORRECT, T("W1 is not local to train()", "W1 不是 train() 的局部变量"), "")
    name, msg = _error(_scoping_demo)
    return Outcome(
        Verdict.DOES_NOT_RUN, _raised(f"{name}: {msg}"),
        T("Line 92 assigns W1 with +=, which makes W1 a local variable of train() for the whole function "
          "(likewise b1, W2, b2 on lines 90-93), so reading it on line 73 fails before any arithmetic. "
          "Smallest fix: declare global W1, b1, W2, b2 in train(), or pass the weights in.",
          "第 92 行用 += 给 W1 赋值，这就让 W1 在整个 train() 函数里都成了局部变量（第 90–93 行的 b1、W2、b2 "
          "同理），于是第 73 行读取 W1 时，还没做任何运算就出错了。最小的修改：在 train() 里声明 "
          "global W1, b1, W2, b2，或者把权重作为参数传进去。"),
    )


@kind("inplace-broadcast")
def inplace_update(update_shape: tuple, param_shape: tuple, name: str) -> Outcome:
    """An in-place ``+=`` of a keepdims sum of ``update_shape`` into a parameter of ``param_shape``."""
    # The listing draws b2 = randn(1) and b1 = randn(3); over 4 samples, np.sum(..., axis=0, keepdims=True)
    # of a (4, n) array has shape (1, n).
    summed = np.sum(np.zeros(update_shape), axis=0, keepdims=True).shape
    ename, msg = _error(_inplace_demo(param_shape, summed))
    if not ename:
        return Outcome(Verdict.CORRECT, T("the in-place update broadcasts", "原地更新可以广播"), "")
    return Outcome(
        Verdict.DOES_NOT_RUN, _raised(f"{ename}: {msg}"),
        T(f"{name} has shape {param_shape}, the keepdims sum has shape {summed}; an in-place += cannot grow "
          f"{name} to the broadcast shape. Smallest fix: drop keepdims=True.",
          f"{name} 的形状是 {param_shape}，带 keepdims 的求和结果形状是 {summed}；原地的 += 不能把 {name} "
          f"扩成广播后的形状。最小的修改：去掉 keepdims=True。"),
    )


@kind("prediction-without-sigmoid")
def prediction() -> Outcome:
    """001's test line as written (no output sigmoid) against the fixed listing trained with seed 0."""
    p, _ = train_001(0)
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    written = float(np.mean((y - predict_001_as_written(p)) ** 2))
    right = float(np.mean((y - predict_001(p)) ** 2))
    return Outcome(
        Verdict.WRONG_FORMULA,
        T(f"prints {written:.4f} (MSE of z2) instead of {right:.4f} (MSE of the output), seed 0",
          f"打印 {written:.4f}（z2 的 MSE），而不是 {right:.4f}（输出的 MSE），随机种子 0"),
        T("The test line stops at the output layer's weighted input z2 = h W2 + b2 and never applies the "
          "output sigmoid the network was trained with, so the printed MSE is of the wrong quantity "
          "(z2 is not confined to (0, 1)). Fix: wrap the line in sigmoid(...).",
          "测试这一行只算到输出层的加权输入 z2 = h W2 + b2，没有再套上训练时用的输出层 sigmoid 函数，"
          "所以打印出的 MSE 衡量的是一个错误的量（z2 并不限于 (0, 1) 之间）。修改：用 sigmoid(...) "
          "把这一行包起来。"),
        value=written, corrected=f"{right:.4f}",
    )


@kind("descent-lockstep")
def descent_lockstep() -> Outcome:
    """001's update sign: the fixed listing and bpnn's SGD in lock step, 200 steps."""
    # the fixed listing and the engine's SGD on half_sse (η = 0.1) or on the MSE (η = 0.2), 200 steps in lock step
    d_half = float(lockstep_001(0, 200, "half_sse", 0.1).max())
    d_mse = float(lockstep_001(0, 200, "mse", 0.2).max())
    if max(d_half, d_mse) > 1e-12:
        gap = max(d_half, d_mse)
        return Outcome(Verdict.WRONG_FORMULA, T(f"differs from descent by {gap:.1e}", f"与梯度下降相差 {gap:.1e}"), "")
    return Outcome(
        Verdict.CORRECT, T("descent on ½Σ(o − y)² with η = 0.1, i.e. on the MSE with η = 0.2",
                           "对 ½Σ(o − y)² 做梯度下降，η = 0.1；也就是对 MSE 做梯度下降，η = 0.2"),
        T("output_error = y − o is minus ∂(½Σ(o − y)²)/∂o, so adding it (+= on lines 90-93) steps downhill. "
          "The MSE the listing prints, (1/4)Σ(o − y)², has gradient (2/4)(o − y): the missing factor 2/n only "
          "rescales the learning rate (η_MSE = η·n/2 = 0.2). Checked: the fixed listing and bpnn's SGD agree "
          "to 1e-12 on every step of 200.",
          "output_error = y − o 恰好是 ∂(½Σ(o − y)²)/∂o 的相反数，所以把它加上去（第 90–93 行的 +=）"
          "就是沿梯度下降的方向走一步。程序打印的 MSE 即 (1/4)Σ(o − y)²，它的梯度是 (2/4)(o − y)：少掉的因子 2/n "
          "只是给学习率换了个尺度（η_MSE = η·n/2 = 0.2）。已核查：修正后的程序和 bpnn 的 SGD 在全部 200 步里"
          "每一步都吻合，差别不超过 1e-12。"),
    )


@kind("bce-shape")
def bce_shape() -> Outcome:
    """002's BCELoss call: the shapes of output and target, and the run with the target fixed against PyTorch's
    stored numbers."""
    # shapes as the listing builds them: x = torch.randn(1, 2) is one sample as a row, so layer2's
    # output is (1, 1); y = torch.tensor([1.0]) is (1,). BCELoss requires equal shapes.
    out_shape, target_shape = (1, 1), np.array([1.0]).shape
    if out_shape == target_shape:
        return Outcome(Verdict.CORRECT, T("shapes match", "形状一致"), "")
    # the run with the target fixed, on the engine, reproduces PyTorch's numbers (stored above)
    net, losses = train_002(init_002(0), inputs_002(1, 1000))
    got = [net.layers[0].W, net.layers[0].b, net.layers[1].W, net.layers[1].b]
    ref = [np.array(TORCH_002_FINAL[k]) for k in ("W1", "b1", "W2", "b2")]
    gap = max(float(np.max(np.abs(a - b))) for a, b in zip(got, ref))
    agree = "agree" if gap < 1e-12 else f"DISAGREE by {gap:.1e}"
    agree_zh = "都一致" if gap < 1e-12 else f"相差 {gap:.1e}，并不一致"
    return Outcome(
        Verdict.DOES_NOT_RUN, _raised(TORCH_BCE_MESSAGE),
        T(f"The output has shape {out_shape} and the target {target_shape}; BCELoss requires the same shape "
          f"({TORCH_BCE_SOURCES[0]}). Fix: y = torch.tensor([[1.0]]). With that fix, bpnn and PyTorch "
          f"{agree} on all weights after the 1000 steps (same initial weights and inputs).",
          f"输出的形状是 {out_shape}，目标值的形状是 {target_shape}；BCELoss 要求两者形状相同（出处："
          f"{TORCH_BCE_SOURCES[0]}）。修改：y = torch.tensor([[1.0]])。这样改过之后，训练 1000 步，"
          f"bpnn 和 PyTorch 最后的全部权重{agree_zh}（初始权重和输入都相同）。"),
    )


@kind("undefined-names")
def undefined_names(line: str, defined: set[str], intended: Text) -> Outcome:
    """``intended`` (a Text: both languages) says what the listing should have done."""
    missing = [n for n in dict.fromkeys(_names_read(line)) if n not in defined]
    if not missing:
        return Outcome(Verdict.CORRECT, T("every name is defined", "每个名字都有定义"), "")
    return Outcome(
        Verdict.DOES_NOT_RUN, _raised(f"NameError: name '{missing[0]}' is not defined"),
        T(f"The listing never defines {', '.join(missing)}; {intended}",
          f"程序从未定义 {'、'.join(missing)}；{intended.zh}"),
    )


@kind("shell-in-python")
def shell_in_python(command: str) -> Outcome:
    """A shell ``command`` in a block marked python: does Python parse it?"""
    try:
        compile(f"{command}\n", "<003 lines 57-59>", "exec")
    except SyntaxError as e:
        return Outcome(
            Verdict.DOES_NOT_RUN, _raised(f"SyntaxError: {e.msg}"),
            T("A shell command in a block marked python: Python cannot parse it. Run it in a shell "
              "(pip install tensorflow), or in Jupyter as %pip install tensorflow (IPython's automagic also "
              "accepts it without the %).",
              "一条 shell 命令放进了标为 python 的代码块：Python 无法解析它。应该在 shell 里运行"
              "（pip install tensorflow），或者在 Jupyter 里写成 %pip install tensorflow（IPython 的 "
              "automagic 也接受不带 % 的写法）。"),
        )
    return Outcome(Verdict.CORRECT, T("parses", "可以解析"), "")


@kind("fit-keyword")
def fit_keyword(article: str, call: str) -> Outcome:
    """The keyword arguments of a listing's fit() ``call`` against Keras's documented signature, with the message
    Python gives on the backend the listing imports."""
    bad = [k for k in _keywords(call)
           if k not in KERAS_FIT_PARAMETERS]
    if not bad:
        return Outcome(Verdict.CORRECT, T("fit() accepts every argument", "fit() 接受每一个参数"), "")
    backend = listing_backend(article)
    message = fit_kwarg_error(backend, bad[0])
    line, cls = LISTING_IMPORTS[article][0], KERAS_TRAINER_CLASS[backend]
    return Outcome(
        Verdict.DOES_NOT_RUN, _raised(message),
        T(f"The listing imports {backend} (line {line}), so this is Keras on the {backend} "
          f"backend, whose Model.fit is {cls}.fit. Model.fit has no parameter {bad[0]!r} "
          f"and no **kwargs: not in Keras 3 ({KERAS_FIT_SOURCES[0]}), nor in Keras 2 ({KERAS_FIT_SOURCES[1]}). "
          "Python itself raises the TypeError when binding the arguments; the message above is Python's for that "
          f"signature (observed on the {OBSERVED_FIT_BACKEND} backend as {KERAS_FIT_MESSAGE!r}; with TensorFlow "
          "2.15 or older, whose tf.keras is Keras 2, it names Model.fit). The learning rate belongs to the "
          "optimizer: compile again with optimizer=tf.keras.optimizers.Adam(1e-4), or set "
          "model.optimizer.learning_rate = 1e-4. (As written the listing already stops at line 80, NameError.)",
          f"程序导入的是 {backend}（第 {line} 行），所以这是以 {backend} 为后端的 Keras，它的 Model.fit "
          f"就是 {cls}.fit。Model.fit 没有名为 {bad[0]!r} 的参数，也不接受 **kwargs：Keras 3 没有"
          f"（出处：{KERAS_FIT_SOURCES[0]}），Keras 2 也没有（出处：{KERAS_FIT_SOURCES[1]}）。这个 TypeError "
          "是 Python 自己在绑定参数时抛出的；上面的报错就是 Python 对这个函数签名给出的信息（在 "
          f"{OBSERVED_FIT_BACKEND} 后端上实际看到的是 {KERAS_FIT_MESSAGE!r}；TensorFlow 2.15 及更早版本的 "
          "tf.keras 就是 Keras 2，报错里写的是 Model.fit）。学习率属于优化器：应该用 "
          "optimizer=tf.keras.optimizers.Adam(1e-4) 重新 compile，或者设置 "
          "model.optimizer.learning_rate = 1e-4。（按原样运行，程序在第 80 行就已经因 NameError 停下了。）"),
    )


# ---------------------------------------------------------------------------- 002: what the prose says the code does
#: v1 line -> the line as printed; v2 has the same lines 373 further down (hashes above)
LISTING_002_LINES = {
    231: "   conda create -n deep_learning python=3.8",
    232: "   conda activate deep_learning",
    253: "        self.layer1 = nn.Linear(2, 3)",
    255: "        self.layer2 = nn.Linear(3, 1)",
    260: "        x = self.relu(x)",
    262: "        x = self.sigmoid(x)",
    269: "loss_fn = nn.BCELoss()",
    270: "optimizer = optim.SGD(model.parameters(), lr=0.01)",
    275: "    x = torch.randn(1, 2)",
    276: "    y = torch.tensor([1.0])",
    289: "        print(f\"Epoch {epoch}, Loss: {loss.item()}\")",
    292: "print(model.layer1.weight)",
    293: "print(model.layer2.weight)",
}
V2_OFFSET = 373


def _call(line: str) -> ast.Call:
    return next(n for n in ast.walk(ast.parse(line.strip())) if isinstance(n, ast.Call))


def _dotted(node) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def _lines(version: str, *v1_lines: int) -> list[tuple[int, str]]:
    off = 0 if version == "v1" else V2_OFFSET
    return [(n + off, LISTING_002_LINES[n]) for n in v1_lines]


_RANDOM = {"rand", "randn", "randint", "rand_like", "randn_like", "normal", "bernoulli", "multinomial"}


@kind("prose-layout")
def layout_prose(quote: str, version: str) -> Outcome:
    """The layout a sentence states against the sizes of 002's nn.Linear layers (ast)."""
    sizes = [tuple(a.value for a in _call(t).args) for _, t in _lines(version, 253, 255)]
    code = (sizes[0][0], sizes[0][1], sizes[1][1])
    said = tuple(int(n) for n in re.findall(r"(\d+)个神经元", quote))
    (l1, _), (l2, _) = _lines(version, 253, 255)
    layout = f"{code[0]}-{code[1]}-{code[2]}"
    detail = T(f"nn.Linear{sizes[0]} (line {l1}) and nn.Linear{sizes[1]} (line {l2}): {layout}.",
               f"nn.Linear{sizes[0]}（第 {l1} 行）和 nn.Linear{sizes[1]}（第 {l2} 行）：{layout}。")
    return Outcome(Verdict.CORRECT if said == code else Verdict.INCONSISTENT, "-".join(map(str, code)), detail)


@kind("prose-activations")
def activation_prose(quote: str, version: str) -> Outcome:
    """The activations a sentence names against those 002's forward() applies (ast)."""
    (la, ta), (lb, tb) = _lines(version, 260, 262)
    acts = [_dotted(_call(t).func).split(".")[-1] for t in (ta, tb)]   # after layer1, after layer2
    said = [w.lower() for w in re.findall(r"(ReLU|Sigmoid|Tanh)", quote)]
    ok = said == [a.lower() for a in acts]
    return Outcome(Verdict.CORRECT if ok else Verdict.INCONSISTENT,
                   T(f"{acts[0]} (hidden), {acts[1]} (output)", f"{acts[0]}（隐藏层），{acts[1]}（输出层）"),
                   T(f"forward() applies self.{acts[0]} after layer1 (line {la}) and self.{acts[1]} after layer2 "
                     f"(line {lb}).",
                     f"forward() 在 layer1 之后调用 self.{acts[0]}（第 {la} 行），在 layer2 之后调用 "
                     f"self.{acts[1]}（第 {lb} 行）。"))


@kind("prose-loss-optimizer")
def loss_optimizer_prose(quote: str, version: str) -> Outcome:
    """The loss and optimizer a sentence names against those 002's listing builds (ast)."""
    (ll, tl), (lo, to) = _lines(version, 269, 270)
    loss, opt = (_dotted(_call(t).func).split(".")[-1] for t in (tl, to))
    ok = loss in quote and opt in quote
    return Outcome(Verdict.CORRECT if ok else Verdict.INCONSISTENT,
                   T(f"{loss}, {opt}", f"损失函数 {loss}，优化器 {opt}"),
                   T(f"Lines {ll} and {lo} build nn.{loss}() and optim.{opt}(…, lr=0.01).",
                     f"第 {ll} 行和第 {lo} 行分别构造 nn.{loss}() 和 optim.{opt}(…, lr=0.01)。"))


@kind("prose-random-labels")
def random_labels(quote: str, version: str) -> Outcome:
    """"Random inputs and labels" against which of 002's inputs and labels are random (ast)."""
    (lx, tx), (ly, ty) = _lines(version, 275, 276)
    x_random = _dotted(_call(tx).func).split(".")[-1] in _RANDOM
    y_call = _call(ty)
    y_random = _dotted(y_call.func).split(".")[-1] in _RANDOM
    y_value = ast.literal_eval(y_call.args[0]) if y_call.args else None
    if isinstance(y_value, list) and len(y_value) == 1:
        y_value = y_value[0]
    if "标签" in quote and "随机" in quote and x_random and not y_random:
        first, last = TORCH_002_FINAL["loss_first"], TORCH_002_FINAL["loss_last"]
        torch_version = PROVENANCE["torch"].split("+")[0]
        return Outcome(
            Verdict.FALSE, T(f"inputs random, label always {y_value}", f"输入是随机的，标签却始终是 {y_value}"),
            T(f"Only the inputs are random (line {lx}, torch.randn). The label is the constant {y_value} in "
              f"every step (line {ly}): the network is trained to answer 1 whatever its input, which it can "
              "learn through its output bias alone, so the run shows that the loss falls, not that the network "
              f"learns a relation between inputs and labels. (With the shape fixed, the loss falls from "
              f"{first:.3f} to {last:.3f}, PyTorch {torch_version}.)",
              f"只有输入是随机的（第 {lx} 行，torch.randn）。标签（目标值）在每一步都是常数 {y_value}"
              f"（第 {ly} 行）：网络被训练成不管输入是什么都回答 1，这单靠输出层的偏置就能学会，所以这次"
              "运行只能说明损失在下降，并不能说明网络学到了输入和标签之间的关系。（把形状改对以后，损失从 "
              f"{first:.3f} 降到 {last:.3f}，PyTorch {torch_version}。）"))
    return Outcome(Verdict.CORRECT, T("inputs and labels random", "输入和标签都是随机的"), "")


@kind("prose-printed-weights")
def printed_weights(quote: str, version: str) -> Outcome:
    """"The printed weights change gradually" against where 002's listing prints them (ast)."""
    prints = _lines(version, 292, 293)
    loop_print = _lines(version, 289)[0]
    indents = [len(t) - len(t.lstrip()) for _, t in prints]
    printed = [_dotted(_call(t).args[0]) for _, t in prints]
    once = all(i == 0 for i in indents)     # at module level: after the training loop, once
    if "逐渐" in quote and once:
        return Outcome(
            Verdict.FALSE, T("weights printed once, after training", "权重只在训练结束后打印一次"),
            T(f"The weights are printed once, after the loop ({', '.join(printed)}; lines {prints[0][0]}–"
              f"{prints[-1][0]}, not indented), and the biases not at all; inside the loop only the loss is "
              f"printed (line {loop_print[0]}). Nothing the listing prints shows the weights changing "
              "gradually, and nothing measures the model's performance. As written it also stops at its first "
              "step (the BCELoss shape error above).",
              f"权重只在循环结束后打印一次（{'、'.join(printed)}；第 {prints[0][0]}–{prints[-1][0]} 行，"
              f"没有缩进），偏置则根本没有打印；循环里只打印损失（第 {loop_print[0]} 行）。从程序打印的内容"
              "既看不出权重在逐步变化，也没有任何衡量模型表现的东西。而且按原样运行，它在第一步就停下了"
              "（即上面 BCELoss 的形状错误）。"))
    return Outcome(Verdict.CORRECT, T("weights printed during training", "训练过程中打印了权重"), "")


@kind("prose-install-anaconda")
def install_anaconda(quote: str, version: str) -> Outcome:
    """"Install Anaconda" against the conda commands under the heading."""
    cmds = _lines(version, 231, 232)
    subs = [t.split()[1] for _, t in cmds]
    installs = [s for s in subs if s == "install"]
    if "安装Anaconda" in quote and not installs:
        return Outcome(
            Verdict.FALSE, T(f"conda {' / '.join(subs)}: creates and activates an environment",
                             f"conda {' / '.join(subs)}：创建并激活一个环境"),
            T(f"The commands under this heading (lines {cmds[0][0]}–{cmds[-1][0]}) are conda {subs[0]} and conda "
              f"{subs[1]}: they create an environment named deep_learning with Python 3.8 and switch to it. "
              "They install nothing, and they need conda to be installed already (from the Anaconda or "
              "Miniconda installer). The heading describes a step the commands do not do.",
              f"这个标题下的命令（第 {cmds[0][0]}–{cmds[-1][0]} 行）是 conda {subs[0]} 和 conda {subs[1]}："
              "它们创建一个名为 deep_learning、使用 Python 3.8 的环境，并切换过去。它们什么也不安装，而且"
              "要求事先已经装好 conda（用 Anaconda 或 Miniconda 的安装程序）。标题说的这一步，命令并没有做。"))
    return Outcome(Verdict.CORRECT, T("installs", "安装了"), "")
