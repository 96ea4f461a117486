"""Named things the user picks by name (activations, losses): one registry type for both.

A :class:`Registry` is a dict from name to object.  ``register`` adds an object under its
``name``; ``lookup`` returns the object for a name (an object of the right type is returned
as it is) and refuses anything else with one line naming what was given and what exists.

>>> from bpnn.activations import ACTIVATIONS
>>> ACTIVATIONS.lookup("tanh").name
'tanh'
>>> ACTIVATIONS.lookup("tahn")
Traceback (most recent call last):
...
bpnn.errors.BpnnError: unknown activation 'tahn'; expected one of identity, relu, sigmoid, softmax, tanh
"""
from __future__ import annotations

from .errors import BpnnError

__all__ = ["Registry", "shorten"]


def shorten(text: str, width: int = 40) -> str:
    """``text`` cut to ``width`` characters with "..." (for echoing a user's value in a message)."""
    return text if len(text) <= width else text[: width - 3] + "..."


class Registry(dict):
    """Objects of type ``kind`` by their ``name``; ``what`` names them in messages ("activation")."""

    def __init__(self, kind: type, what: str):
        super().__init__()
        self.kind = kind
        self.what = what

    def register(self, item):
        """Make ``item`` known by its name everywhere (engine, specs, symbolic reference, proofs)."""
        if not isinstance(item, self.kind):
            raise BpnnError(f"register_{self.what} needs a {self.kind.__name__}; got {type(item).__name__}")
        self[item.name] = item
        return item

    def lookup(self, name, where: str = ""):
        """The object called ``name``; an object of the registry's type is returned as it is."""
        if isinstance(name, self.kind):
            return name
        if isinstance(name, str) and name in self:
            return self[name]
        prefix = f"{where}: " if where else ""
        names = ", ".join(sorted(self))
        if not isinstance(name, str):
            from .values import describe

            raise BpnnError(f"{prefix}{self.what} must be a name ({names}); got {describe(name)}")
        raise BpnnError(f"{prefix}unknown {self.what} {shorten(name)!r}; expected one of {names}")
