"""The article machinery: everything that knows about the five articles and the book.

The engine (``bpnn`` itself: network, activations, losses, optimizers, ``fit``, spec
and trace) never imports this package; ``import bpnn`` loads none of it.  Here live:

- :mod:`~bpnn.articles.sources`: where the article files are, their lines;
- :mod:`~bpnn.articles.latexnum`, :mod:`~bpnn.articles.audit`, :mod:`~bpnn.articles.audit_net`,
  :mod:`~bpnn.articles.corpus`: ``bpnn audit`` and its test corpus;
- :mod:`~bpnn.articles.claims`: the registry of the articles' claims with their verdicts;
- :mod:`~bpnn.articles.proofs`: the sympy proofs and counterexamples the claims use;
- :mod:`~bpnn.articles.listings`, :mod:`~bpnn.articles.finetune`: the articles' code, run;
- :mod:`~bpnn.articles.report`, :mod:`~bpnn.articles.errata`, :mod:`~bpnn.articles.cellerrors`:
  how the book shows them.
"""
from .sources import ARTICLES, article_line, article_lines, seeds_dir

__all__ = ["ARTICLES", "article_line", "article_lines", "seeds_dir"]
