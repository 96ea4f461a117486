"""The runnable examples in the public API's docstrings (numpydoc "Examples" sections) are doctests.

Their expected values are published numbers (Matt Mazur's step-by-step example) or properties, not
whatever the code printed: a wrong sign or a lost factor in the engine makes them fail."""
import doctest
import importlib

import pytest

MODULES = ["bpnn.network", "bpnn.optim", "bpnn.train", "bpnn.activations", "bpnn.losses", "bpnn.trace", "bpnn.registry",
           "bpnn.spec", "bpnn.termout"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples failed in {name}"


def test_the_engine_has_examples():
    """The public entry points each carry at least one example."""
    import bpnn

    for obj in (bpnn.Network.from_weights, bpnn.Network.forward, bpnn.Network.backward, bpnn.SGD, bpnn.fit):
        assert ">>> " in (obj.__doc__ or ""), obj.__qualname__
