"""What the frameworks do (PyTorch, Keras), observed once outside the book and stored as data.

The book never imports PyTorch or TensorFlow; the listings and fine-tuning chapters
(:mod:`.ch_listings`, :mod:`.ch_finetuning`) read these observations from here.  Each
carries its provenance (versions, date, the source file and line that documents it).
:func:`torch_002_final` is the script behind :data:`TORCH_002_FINAL`; it needs torch
(``pip install torch==2.13.0``) and runs only in the tests, where torch is installed.
"""
from __future__ import annotations

__all__ = ['PROVENANCE', 'TORCH_BCE_MESSAGE', 'TORCH_BCE_SOURCES', 'TORCH_002_FINAL', 'KERAS_FIT_PARAMETERS', 'KERAS_FIT_SOURCES', 'KERAS_FIT_MESSAGE', 'KERAS_INPUT_SHAPE_WARNING', 'KERAS_DEFAULT_LR', 'torch_002_final']

#: How the framework behaviour below was observed (outside the book, in a throw-away virtual environment).
PROVENANCE = {
    "python": "3.11.7",
    "torch": "2.13.0+cpu (pip install torch==2.13.0)",
    "keras": "3.15.1 with KERAS_BACKEND=torch (pip install keras in the same environment); "
             "TensorFlow itself was not installed",
    "date": "2026-11-23",
}

#: PyTorch 2.13.0: ``nn.BCELoss()(output of shape (1, 1), torch.tensor([1.0]))``
TORCH_BCE_MESSAGE = (
    "ValueError: Using a target size (torch.Size([1])) that is different to the input size "
    "(torch.Size([1, 1])) is deprecated. Please ensure they have the same size."
)
#: where PyTorch 2.13.0 documents and enforces the rule
TORCH_BCE_SOURCES = (
    "torch/nn/modules/loss.py line 694 (BCELoss docstring, Shape: 'Target: (*), same shape as the input.'; "
    "rendered at https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html)",
    "torch/nn/functional.py lines 3614-3618 (binary_cross_entropy: "
    "'if target.size() != input.size(): raise ValueError(...)')",
)
#: the listing's network after its 1000 steps, computed by PyTorch 2.13.0 in float64 with the target
#: fixed to shape (1, 1), from the initial weights ``init_002(0)`` and the inputs ``inputs_002(1, 1000)``:
#: :func:`torch_002_final` is the script (the arrays copied into nn.Linear(2, 3) and nn.Linear(3, 1),
#: ReLU after the first and a sigmoid after the second, as the listing has them,
#: BCELoss, SGD(lr=0.01)); ``tests/test_listings.py`` runs it where torch is
#: installed and compares with these numbers, which were pasted from its output.
TORCH_002_FINAL = {
    "W1": [[0.39078217258464676, -0.1831614024286241], [-0.8151279903532725, -0.653382527998945],
           [0.31823244491699076, 0.3447107067730911]],
    "b1": [0.8381179804500142, 0.7937803969466304, -0.23421583415330757],
    "W2": [[0.9865572110810207, 0.9273554482569044, -0.2517301944649701]],
    "b2": [1.6872476351521595],
    "loss_first": 0.6861817648550027,
    "loss_last": 0.06798245786004442,
}

#: Keras 3.15.1, keras/src/trainers/trainer.py lines 548-566 (and the same parameters in
#: keras/src/backend/tensorflow/trainer.py line 315 and keras/src/backend/torch/trainer.py line 175):
#: ``Model.fit`` takes exactly these parameters and no ``**kwargs``.
KERAS_FIT_PARAMETERS = (
    "x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data",
    "shuffle", "class_weight", "sample_weight", "initial_epoch", "steps_per_epoch", "validation_steps",
    "validation_batch_size", "validation_freq",
)
#: where the signature is documented (the docstring under the signature lists the same arguments)
KERAS_FIT_SOURCES = (
    "Keras 3.15.1 keras/src/trainers/trainer.py lines 548-566 (rendered at "
    "https://keras.io/api/models/model_training_apis/)",
    "Keras 2 as packaged in tf-keras: keras-team/tf-keras, tf_keras/engine/training.py "
    "at commit 6add81a, Model.fit(x, y, batch_size, …, use_multiprocessing)",
)
#: Keras 3.15.1 (torch backend): ``model.fit(x, y, epochs=1, learning_rate=1e-4)``
KERAS_FIT_MESSAGE = "TypeError: TorchTrainer.fit() got an unexpected keyword argument 'learning_rate'"
#: Keras 3.15.1: ``Dense(64, activation='relu', input_shape=(784,))`` warns (keras/src/layers/layer.py line 286)
KERAS_INPUT_SHAPE_WARNING = (
    "UserWarning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential "
    "models, prefer using an `Input(shape)` object as the first layer in the model instead."
)
#: Keras 3.15.1 defaults: ``optimizer='sgd'`` is SGD(learning_rate=0.01) (keras/src/optimizers/sgd.py
#: line 45), ``optimizer='adam'`` is Adam(learning_rate=0.001).
KERAS_DEFAULT_LR = {"sgd": 0.01, "adam": 0.001}


def torch_002_final(steps: int = 1000) -> dict:
    """Article 002's listing run by PyTorch in float64, target shape fixed to (1, 1): the numbers of
    :data:`TORCH_002_FINAL` (the final weights, the first and the last loss)."""
    import torch
    from torch import nn

    from ..listings import init_002, inputs_002

    init = init_002(0)
    xs = inputs_002(1, steps)
    torch.manual_seed(0)
    l1, l2 = nn.Linear(2, 3).double(), nn.Linear(3, 1).double()
    with torch.no_grad():
        for layer, (W, b) in zip((l1, l2), ((init["W1"], init["b1"]), (init["W2"], init["b2"]))):
            layer.weight.copy_(torch.tensor(W, dtype=torch.float64))
            layer.bias.copy_(torch.tensor(b, dtype=torch.float64).reshape(-1))
    model = nn.Sequential(l1, nn.ReLU(), l2, nn.Sigmoid())
    loss_fn, opt = nn.BCELoss(), torch.optim.SGD(model.parameters(), lr=0.01)
    y = torch.tensor([[1.0]], dtype=torch.float64)
    losses = []
    for x in xs:
        opt.zero_grad()
        loss = loss_fn(model(torch.tensor(x, dtype=torch.float64).reshape(1, 2)), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return {"W1": l1.weight.detach().tolist(), "b1": l1.bias.detach().tolist(),
            "W2": l2.weight.detach().tolist(), "b2": l2.bias.detach().tolist(),
            "loss_first": losses[0], "loss_last": losses[-1]}
