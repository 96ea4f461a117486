"""bpnn: a small NumPy backpropagation engine that shows its work.

See :mod:`bpnn.network` for the notation and shapes (column vectors,
``W[l]`` of shape (n_l, n_{l-1}), z = W a + b) and :mod:`bpnn.losses` for the
loss conventions (the ½ in ``half_sse``, sums versus means).
"""
from .activations import ACTIVATIONS, Activation, get_activation, sigmoid, sigmoid_prime
from .errors import BpnnError
from .gradcheck import max_relative_error, numerical_gradients
from .losses import LOSSES, Loss, get_loss
from .network import BackwardTrace, ForwardTrace, Layer, Network
from .optim import SGD, Adam, Momentum, sgd_step
from .trace import StepTrace, format_table, to_json, trace_step
from .train import History, fit

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "Activation", "get_activation", "sigmoid", "sigmoid_prime",
    "BpnnError", "max_relative_error", "numerical_gradients",
    "LOSSES", "Loss", "get_loss",
    "BackwardTrace", "ForwardTrace", "Layer", "Network",
    "SGD", "Adam", "Momentum", "sgd_step",
    "StepTrace", "format_table", "to_json", "trace_step",
    "History", "fit",
]
