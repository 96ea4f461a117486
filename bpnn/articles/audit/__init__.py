"""``bpnn audit FILE...``: check the arithmetic of the LaTeX math in a Markdown article.

What it reads
    Markdown with LaTeX math: display ``$$ … $$`` (on one line or spanning lines),
    ``\\[ … \\]``, inline ``\\( … \\)`` and ``$ … $``.  Fenced code blocks and inline
    code are skipped.  Each display block is one equation, reported at the line where
    its text starts; a block whose rows are separated by ``\\\\`` (an ``aligned``
    environment) is one equation per row.

What it checks
    Every equation is split into its sides at ``=``, ``\\approx`` (≈), ``\\simeq`` and
    ``:=``; other relations (``<``, ``\\neq``, ``\\to``, …) break the chain and are not
    checked.  Each side is parsed (:mod:`bpnn.articles.latexnum`: its own recursive-descent
    parser, no ``eval``) and evaluated where it has a value: a side made only of numbers, or one
    whose symbols the document has already given a value.  Consecutive sides that
    have a value must agree:

    * a number's uncertainty comes from where it came from, never from how many digits it
      prints (the rules are in one place, ``verdicts``, section "the rounding rules"):
      whole numbers, data (``w_1 = 0.8``) and numbers of no known source are exact; a value
      the article computed and printed rounded (``a \\approx 0.550``) stands, wherever it is
      substituted, for anything within half a unit of that printed value; where a number could
      be either and the verdict depends on it, the line is unchecked (``unknown-precision``);
    * sides are computed exactly (fractions) where the operations are rational, with mpmath at
      50 digits where they are not;
    * a stated result agrees when it lies within half a unit of its last printed digit of the
      calculation's range (a whole number after ``=`` claims to be exact: ``3.5 = 3`` is wrong);
      a long value truncated, or rounded in steps (0.2594965 → 0.2595 → 0.260), instead of rounded
      is a *slip*, shown but not an error; two
      formulas agree when their ranges meet.

    Where an equation starts with a single name and ends with a printed number
    (``z_1 = … = 0.2``), that number is remembered as the name's value and used to
    evaluate later sides that need it (``\\frac{1}{1 + e^{-z_1}}``); the report names
    every value it used and the line it came from.  What is remembered is the value as
    printed, right or wrong: the audit checks each line's arithmetic as written.  A name
    given by a formula it can evaluate (``z = w x + b``) has that formula's value, and
    ``z = 0.85`` on one of the next lines is compared with it.  A heading of level 1 or 2
    starts afresh (an article can hold two versions of one example).

What it reports
    Every math line with one verdict: ``ok`` (at least one pair of sides compared,
    all agree), ``slip`` (a last digit truncated or rounded in steps; exit 0), ``wrong`` (some pair disagrees; with
    the computed value), ``unchecked``
    (nothing to compare: no numbers, or symbols without a value, which it names),
    ``unparsed`` (a side with numbers that cannot be parsed or evaluated; with the
    reason; a line with such a side is never ``ok``).  Unchecked and unparsed lines carry a
    ``reason`` key (``verdicts.REASONS``).  Exit status: 0 nothing wrong, 1 something wrong,
    2 unusable input.

The audit is one package with a module per job:

* ``find`` finds the math in a Markdown document and splits a chain at its relations;
* :mod:`bpnn.articles.latexnum` reads and evaluates one side of LaTeX;
* ``verdicts`` decides the verdicts (rounding, the values remembered from line to line);
* ``files`` reads articles from files and keeps the stored extract of the five articles;
* ``report`` writes the results (terminal table, Markdown, JSON, the book's tables);
* ``command`` is ``bpnn audit``'s command line.
"""
from __future__ import annotations

from .command import add_parser
from .files import (
                    MAX_FILE_BYTES,
                    STORED_MATH,
                    audit_file,
                    audit_stored,
                    dump_extract,
                    extract_files,
                    read_article,
                    stored_math,
)
from .find import MathPiece, extract_math, split_chain
from .report import (
                    corpus_figures,
                    corpus_markdown,
                    format_markdown,
                    format_table,
                    summary_markdown,
                    symbolic_articles,
                    to_json,
)
from .verdicts import (
                    VERDICTS,
                    VERDICTS_ZH,
                    Check,
                    FileResult,
                    LineResult,
                    audit_document,
                    audit_text,
                    split_list,
                    verdict_label,
)

__all__ = [
    "MathPiece", "Check", "LineResult", "FileResult", "extract_math", "audit_text", "audit_file",
    "audit_document", "stored_math", "dump_extract", "audit_stored", "extract_files", "format_table",
    "format_markdown", "to_json", "add_parser", "STORED_MATH", "VERDICTS", "VERDICTS_ZH", "verdict_label",
    "summary_markdown", "symbolic_articles", "corpus_markdown", "corpus_figures", "split_chain", "split_list",
    "read_article", "MAX_FILE_BYTES",
]
