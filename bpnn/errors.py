"""The one exception type bpnn raises for bad input."""


class BpnnError(ValueError):
    """Bad input: the message names what is wrong and where (layer, shape, value, file, line)."""
