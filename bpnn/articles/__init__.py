"""The article machinery: everything that knows about the five articles and the book.

The engine (``bpnn`` itself: network, activations, losses, optimizers, ``fit``, spec
and trace) never imports this package; ``import bpnn`` loads none of it.  Here live:

- ``sources``: where the article files are, their lines;
- ``latexnum``, ``audit``, ``audit_net``,
  ``corpus``: ``bpnn audit`` and its test corpus;
- ``claims``: the registry of the articles' claims with their verdicts;
- ``proofs``: the sympy proofs and counterexamples the claims use;
- ``listings``, ``finetune``: the articles' code, run;
- ``report``, ``errata``, ``cellerrors``:
  how the book shows them.
"""
from .sources import ARTICLES, article_line, article_lines, seeds_dir

__all__ = ["ARTICLES", "article_line", "article_lines", "seeds_dir"]
