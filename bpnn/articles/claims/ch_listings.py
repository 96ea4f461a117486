"""Claims about the articles' code listings (section 5 of each article).

A listing "claims" to be a working program.  The claims are rows (:data:`CLAIMS`, the prose rows of
:data:`_PROSE` and :data:`LISTING_002_ROWS`); each names a check kind of :mod:`.kinds_listings`, which
decides whether the listing runs, and if not, what stops it, without running article text: the quoted
lines are only *parsed* (``ast``, ``symtable``, ``compile``), and the errors are reproduced by that
module's own small programs that have the same shapes.  What the frameworks do (PyTorch, Keras) was
observed once, outside the book, and is stored with its provenance (:mod:`.observations`); the book never
imports PyTorch or TensorFlow.
"""
from __future__ import annotations

from ..i18n import T
from ..sources import ARTICLES
from .kinds import reading
from .kinds_listings import (  # noqa: F401 - _keywords: tests/test_listings.py reads it here
    V2_OFFSET,
    _keywords,
    activation_prose,
    bce_shape,
    descent_lockstep,
    fit_keyword,
    inplace_update,
    install_anaconda,
    layout_prose,
    loss_optimizer_prose,
    prediction,
    printed_weights,
    random_labels,
    shell_in_python,
    unbound_local,
    undefined_names,
)
from .observations import (  # noqa: F401 - the notebooks read them as ch_listings' attributes
    KERAS_DEFAULT_LR,
    KERAS_FIT_MESSAGE,
    KERAS_FIT_PARAMETERS,
    KERAS_FIT_SOURCES,
    KERAS_INPUT_SHAPE_WARNING,
    PROVENANCE,
    TORCH_002_FINAL,
    TORCH_BCE_MESSAGE,
    TORCH_BCE_SOURCES,
)
from .registry import Claim, Verdict

A000, A001, A002, A003, A004 = (ARTICLES[k] for k in ("000", "001", "002", "003", "004"))
PAGE_NUMPY = "listing-001-numpy"
PAGE_FW = "listings-frameworks"
PAGE_FW_PROSE = f"{PAGE_FW}#fw-002-prose"

# ---------------------------------------------------------------------------- observations (data)

#: SHA-256 of the two versions of article 002's PyTorch listing (lines 244-294 and 617-667)
#: and of its two conda blocks; tests re-hash the article where it is present.
LISTING_002_SHA256 = {
    "v1 python (lines 244-294)": ((244, 294), "8b9568a65592fff3593044683a390597eb8efd0c1ec8257b6b94677bede9cfac"),
    "v2 python (lines 617-667)": ((617, 667), "8b9568a65592fff3593044683a390597eb8efd0c1ec8257b6b94677bede9cfac"),
    "v1 shell (lines 230-238)": ((230, 238), "8d6b162ed8d3e36032794251a90149be40e7f55900587ea25bbf6f99bc10bf7f"),
    "v2 shell (lines 603-611)": ((603, 611), "8d6b162ed8d3e36032794251a90149be40e7f55900587ea25bbf6f99bc10bf7f"),
}

#: What the 001 listing raised when the notebook ran it (Python 3.11.7, NumPy 2.4); the tests compare
#: these with the stored notebook outputs.
OBSERVED_001 = {
    "as written": ("UnboundLocalError", "cannot access local variable 'W1' where it is not associated with a value"),
    "fix 1": ("ValueError", "non-broadcastable output operand with shape (1,) doesn't match the broadcast shape (1,1)"),
    "fix 2": ("ValueError", "non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (1,3)"),
}

# ---------------------------------------------------------------------------- the rows
_L73 = "hidden_layer_input = np.dot(X, W1) + b1"
_L92 = "W1 += X.T.dot(hidden_delta) * learning_rate"
_L91 = "b2 += np.sum(output_delta, axis=0, keepdims=True) * learning_rate"
_L93 = "b1 += np.sum(hidden_delta, axis=0, keepdims=True) * learning_rate"
_L108 = "predictions = sigmoid(np.dot(X_test, W1) + b1).dot(W2) + b2"
_L83 = "output_error = y - output_layer_output"

#: conda commands: nothing the book can run (kinds.reading)
CONDA = reading(
    Verdict.NOT_CHECKABLE, T("shell commands, not run here", "shell 命令，这里不运行"),
    T("An environment set-up step for conda; it needs conda and network access, which the book's build "
      "does not have, so no verdict is given.",
      "这是用 conda 配置环境的一步；它需要 conda 和网络连接，本书构建时两样都没有，所以不下结论。"))

_M_INPLACE = T("the same in-place update on arrays of the listing's shapes",
               "在与程序中形状相同的数组上做同样的原地更新")
_M_NAMES = T("names the line reads (ast) against the names the listing defines",
             "这一行读取的名字（ast）与程序定义过的名字对照")
_M_NAMES_TF_MODEL = T("names the line reads (ast) against the names the listing defines (tf, model)",
                      "这一行读取的名字（ast）与程序定义过的名字（tf、model）对照")

CLAIMS = [
    # --- 001
    Claim(
        id="001-L73-unbound-local", source=A001, line=73, quote=_L73, claimed=None,
        method=T("symbol table of train() (parsed, not run) and a three-line reproduction",
                 "train() 的符号表（只解析，不运行），外加一个三行的复现程序"),
        check=unbound_local(_L73, _L92), reviewed=Verdict.DOES_NOT_RUN,
        explained_in=f"{PAGE_NUMPY}#l001-as-written", topic="001 NumPy listing",
    ),
    Claim(
        id="001-L91-b2-shape", source=A001, line=91, quote=_L91, claimed=None,
        method=_M_INPLACE,
        check=inplace_update((4, 1), (1,), "b2"), reviewed=Verdict.DOES_NOT_RUN,
        explained_in=f"{PAGE_NUMPY}#l001-defects", topic="001 NumPy listing",
    ),
    Claim(
        id="001-L93-b1-shape", source=A001, line=93, quote=_L93, claimed=None,
        method=_M_INPLACE,
        check=inplace_update((4, 3), (3,), "b1"), reviewed=Verdict.DOES_NOT_RUN,
        explained_in=f"{PAGE_NUMPY}#l001-defects", topic="001 NumPy listing",
    ),
    Claim(
        id="001-L83-descent", source=A001, line=83, quote=_L83, claimed=None,
        method=T("the fixed listing and bpnn's SGD in lock step, 200 steps",
                 "修正后的程序与 bpnn 的 SGD 同步运行 200 步，逐步对照"),
        check=descent_lockstep(), reviewed=Verdict.CORRECT,
        explained_in=f"{PAGE_NUMPY}#l001-bpnn", topic="001 NumPy listing",
    ),
    Claim(
        id="001-L108-prediction", source=A001, line=108, quote=_L108, claimed=None,
        method=T("the fixed listing trained with seed 0; the test line as written vs with the output sigmoid",
                 "用随机种子 0 训练修正后的程序；测试行按原样计算，与加上输出层 sigmoid 后的结果对比"),
        check=prediction(), reviewed=Verdict.WRONG_FORMULA,
        explained_in=f"{PAGE_NUMPY}#l001-defects", topic="001 NumPy listing",
    ),
    # --- 002: see LISTING_002_ROWS below
    # --- 000
    Claim(
        id="000-L54-undefined-data", source=A000, line=54,
        quote="model.fit(x_train, y_train, epochs=10, batch_size=32, validation_split=0.2)", claimed=None,
        method=_M_NAMES_TF_MODEL,
        check=undefined_names("model.fit(x_train, y_train, epochs=10, batch_size=32, validation_split=0.2)",
                              {"tf", "model"},
                              T("the data (784 inputs, 10 classes: MNIST-like) must be loaded first; line 57 "
                                "also reads x_test, y_test, never defined.",
                                "必须先载入数据（784 个输入、10 个类别，类似 MNIST）；第 57 行还读取了 x_test 和 "
                                "y_test，它们同样从未定义。")),
        reviewed=Verdict.DOES_NOT_RUN, explained_in=f"{PAGE_FW}#fw-000", topic="000 Keras listing",
    ),
    # --- 003
    Claim(
        id="003-L58-pip-in-python", source=A003, line=58, quote="pip install tensorflow", claimed=None,
        method=T("Python's compile() on the block (parsing only)", "用 Python 的 compile() 处理这个代码块（只解析）"),
        check=shell_in_python("pip install tensorflow"),
        reviewed=Verdict.DOES_NOT_RUN, explained_in=f"{PAGE_FW}#fw-003", topic="003 Keras listing",
    ),
    Claim(
        id="003-L80-undefined-data", source=A003, line=80, quote="model.fit(x_train, y_train, epochs=5)",
        claimed=None, method=_M_NAMES,
        check=undefined_names("model.fit(x_train, y_train, epochs=5)", {"tf", "create_model", "model"},
                              T("the listing stops here before its fine-tuning line.",
                                "程序在这里就停下了，走不到后面微调的那一行。")),
        reviewed=Verdict.DOES_NOT_RUN, explained_in=f"{PAGE_FW}#fw-003", topic="003 Keras listing",
    ),
    Claim(
        id="003-L83-fit-learning-rate", source=A003, line=83,
        quote="model.fit(x_train, y_train, epochs=5, learning_rate=1e-4)", claimed=None,
        method=T("keyword arguments (ast) against Keras's documented fit() signature; observed in Keras 3.15.1",
                 "关键字参数（ast）与 Keras 文档中 fit() 的签名对照；在 Keras 3.15.1 上实际观察过"),
        check=fit_keyword("003", "model.fit(x_train, y_train, epochs=5, learning_rate=1e-4)"),
        reviewed=Verdict.DOES_NOT_RUN,
        explained_in=f"{PAGE_FW}#fw-003", topic="003 Keras listing",
    ),
    # --- 004
    Claim(
        id="004-L71-undefined-data", source=A004, line=71, quote="model.fit(train_images, train_labels, epochs=5)",
        claimed=None, method=_M_NAMES_TF_MODEL,
        check=undefined_names("model.fit(train_images, train_labels, epochs=5)", {"tf", "model"},
                              T("the data must be loaded first.", "必须先载入数据。")),
        reviewed=Verdict.DOES_NOT_RUN, explained_in=f"{PAGE_FW}#fw-004", topic="004 Keras listing",
    ),
]


# ============================================================ article 002, §5: what the prose says the code does
# (added by the second reading, issue 13): each row names the kind that parses the code lines it needs
# (kinds_listings.LISTING_002_LINES, checked against the article by the tests).
_PROSE = [
    ("install-anaconda", 229, "安装Anaconda", install_anaconda, Verdict.FALSE,
     T("the conda sub-commands under the heading (parsed)", "标题下 conda 的子命令（解析）")),
    ("layout", 298, "输入层有2个神经元，隐层有3个神经元，输出层有1个神经元", layout_prose, Verdict.CORRECT,
     T("the sizes of nn.Linear (ast) against the sentence", "nn.Linear 的尺寸（ast）与这句话对照")),
    ("activations", 300, "我们在隐层和输出层分别使用了ReLU和Sigmoid激活函数", activation_prose, Verdict.CORRECT,
     T("the activations forward() applies (ast) against the sentence",
       "forward() 调用的激活函数（ast）与这句话对照")),
    ("loss-optimizer", 302, "我们使用BCELoss作为损失函数，使用SGD作为优化器", loss_optimizer_prose, Verdict.CORRECT,
     T("the loss and optimizer the listing builds (ast) against the sentence",
       "程序构造的损失函数和优化器（ast）与这句话对照")),
    ("random-labels", 304, "我们通过随机生成的输入和标签进行训练", random_labels, Verdict.FALSE,
     T("which of the listing's inputs and labels are random (ast)", "程序中的输入和标签哪些是随机的（ast）")),
    ("printed-weights", 306, "我们打印了网络的权重，可以看到经过多次迭代，权重逐渐发生了变化", printed_weights,
     Verdict.FALSE, T("where the listing prints the weights (ast, indentation)", "程序在哪里打印权重（ast，缩进）")),
]
for _v in ("v1", "v2"):
    for _name, _line, _q, _kind, _rev, _method in _PROSE:
        _ln = _line + (0 if _v == "v1" else V2_OFFSET)
        CLAIMS.append(Claim(
            id=f"002-{_v}-L{_ln}-{_name}", source=A002, line=_ln, quote=_q, claimed=None, method=_method,
            check=_kind(_q, _v), reviewed=_rev, explained_in=PAGE_FW_PROSE, topic="002 listing, what the prose says",
        ))


# ---------------------------------------------------------------------------- 002 (two identical versions)
_TORCH = PROVENANCE["torch"].split("+")[0]
_M_SHELL = T("none (shell set-up)", "无（shell 环境配置）")

#: the lines of article 002's PyTorch listing and shell blocks that are claims, in both versions:
#: (version, line, id suffix, quote, check, reviewed verdict, method, section label, topic)
LISTING_002_ROWS = [
    (v, line, part, quote, check, verdict, method, label, topic)
    for v, loss_line, create_line, install_line in (("v1", 280, 231, 237), ("v2", 653, 604, 610))
    for line, part, quote, check, verdict, method, label, topic in (
        (loss_line, "bce-shape", "loss = loss_fn(outputs, y)", bce_shape(), Verdict.DOES_NOT_RUN,
         T(f"shapes of output and target against BCELoss's documented rule; observed in PyTorch {_TORCH}",
           f"输出和目标值的形状与 BCELoss 文档中的规定对照；在 PyTorch {_TORCH} 上实际观察过"),
         "fw-002", "002 PyTorch listing"),
        (create_line, "conda-create", "conda create -n deep_learning python=3.8", CONDA,
         Verdict.NOT_CHECKABLE, _M_SHELL, "fw-002-shell", "002 shell blocks"),
        (install_line, "conda-install", "conda install pytorch torchvision torchaudio -c pytorch", CONDA,
         Verdict.NOT_CHECKABLE, _M_SHELL, "fw-002-shell", "002 shell blocks"),
    )
]
CLAIMS += [
    Claim(id=f"002-{v}-L{line}-{part}", source=A002, line=line, quote=quote, claimed=None, method=method,
          check=check, reviewed=verdict, explained_in=f"{PAGE_FW}#{label}", topic=topic)
    for v, line, part, quote, check, verdict, method, label, topic in LISTING_002_ROWS
]
