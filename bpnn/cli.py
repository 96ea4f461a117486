"""The ``bpnn`` command: ``bpnn trace SPEC``, ``bpnn check``.

Exit status: 0 success; 1 the command ran and found a problem (``check``: a
computed verdict differs from the reviewed one); 2 unusable input, options
that do not go together, or output that could not be written (standard output
closed, full, or a pipe closed early: a broken pipe is never exit 0), with one
line on stderr that names the file and the place; 130 interrupted (Ctrl-C),
with one line on stderr.

Text output is laid out for the terminal's width (:func:`bpnn.termout.terminal_width`:
``COLUMNS``, else the terminal, else 80 columns), counting a Chinese character as two.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from .errors import BpnnError
from .registry import shorten

__all__ = ["main"]


def _cmd_trace(args) -> int:
    from .spec import load_spec
    from .termout import terminal_width
    from .trace import format_table, trace_spec, write_json

    if args.json and (args.digits is not None or args.lang is not None):
        flag = "--digits" if args.digits is not None else "--lang"
        raise BpnnError(f"{flag} shapes the text table; --json always writes every value in full, with "
                        f"English keys: use one or the other")
    spec = load_spec(args.spec)
    try:
        tr = trace_spec(spec)
    except BpnnError as exc:  # overflow while computing: name the spec too
        raise BpnnError(f"{args.spec}: {exc}") from None
    if args.json:
        write_json(tr, sys.stdout)
    else:
        print(format_table(tr, 6 if args.digits is None else args.digits, terminal_width(), args.lang or "en"))
    return 0


def _cmd_check(args) -> int:
    from .articles import checkcache

    for flag, value in (("--article", args.article), ("--chapter", args.chapter)):
        if value is not None and not value.strip():
            raise BpnnError(f"{flag} needs a value; an empty {flag} would silently mean 'all' "
                            f"(leave the option out to list every claim)")
    if args.article is not None and args.article.strip().isdigit() and len(args.article.strip()) <= 3:
        args.article = args.article.strip().zfill(3)      # 2 is article 002
    lang = args.lang
    ck = checkcache.key() if checkcache.enabled() else None
    why_not = checkcache.unusable(ck, lang) if ck is not None else None
    if why_not:   # something that is not the cache's file stands in its place: leave it alone
        print(f"bpnn check: the cache is not used ({why_not}); computing the verdicts now", file=sys.stderr)
        ck = None
    hit = checkcache.load(ck, lang) if ck is not None and not args.fresh else None
    if hit is not None:
        rows_all, when = hit
        index = [(r["_article"], r["source"], r["chapter"]) for r in rows_all]
    else:
        from .articles.claims import all_claims

        claims_all = all_claims()
        index = [(c.article, c.source, c.chapter) for c in claims_all]
    chosen = _select(index, args.article, args.chapter)
    if hit is not None:
        rows = [rows_all[i] for i in chosen]
        print(f"bpnn check: verdicts from the cache ({checkcache.cache_dir()}), computed {when} by this same "
              "code on the same articles and libraries; --fresh computes them now", file=sys.stderr)
    elif len(chosen) == len(claims_all) and ck is not None:
        rows = _compute_rows(claims_all, lang)
        why = checkcache.save(ck, lang, rows)
        if why:
            print(f"bpnn check: the verdicts were not stored for next time ({why})", file=sys.stderr)
    else:
        rows = _compute_rows([claims_all[i] for i in chosen], lang)
    rows = [{k: v for k, v in r.items() if k != "_article"} for r in rows]
    mismatches = sum(not r["matches_review"] for r in rows)
    if args.json:
        print(json.dumps({"claims": rows, "count": len(rows), "mismatches": mismatches}, indent=2, ensure_ascii=False))
    else:
        print("\n".join(_check_table(rows, lang=args.lang)))
        key = "verdict" if args.lang == "en" else "verdict_label"
        counts: dict[str, int] = {}
        for r in rows:
            counts[r[key]] = counts.get(r[key], 0) + 1
        order = sorted(counts.items(), key=lambda kv: -kv[1])
        from .termout import terminal_width, wrap

        if args.lang == "en":
            summary = ", ".join(f"{n} {v}" for v, n in order)
            text = f"{len(rows)} claims: {summary or 'none'}; {mismatches} differ from their reviewed verdict"
        else:
            summary = "，".join(f"{v} {n}\u00a0条" for v, n in order)   # a count stays with its unit
            text = f"共 {len(rows)} 条论断：{summary or '无'}；与复核结论不同的 {mismatches} 条"
        print("\n" + "\n".join(wrap(text, terminal_width())))
    return 1 if mismatches else 0


def _select(index: list[tuple[str, str, str]], article: str | None, chapter: str | None) -> list[int]:
    """Positions of the claims of ``article`` (short id or file name) and ``chapter``; each of
    ``index`` is (article, source file, chapter).  An unknown article or chapter is an error."""
    chapters = sorted({ch for _, _, ch in index})
    if chapter and chapter not in chapters:
        raise BpnnError(f"no chapter {_shown(chapter)}; chapters with claims: {', '.join(chapters)}")
    of_article = [i for i, (a, src, _) in enumerate(index) if not article or article in (a, src)]
    if article and not of_article:
        raise BpnnError(f"no registered claims for article {_shown(article)}")
    chosen = [i for i in of_article if not chapter or index[i][2] == chapter]
    if not chosen:
        where = sorted({index[i][2] for i in of_article})
        raise BpnnError(f"article {_shown(article)} has {len(of_article)} registered claims, none in chapter "
                        f"{_shown(chapter)}; its claims are in: {', '.join(where)}")
    return chosen


def _compute_rows(claims: list, lang: str) -> list[dict]:
    """Every claim's verdict computed now, as the rows ``bpnn check`` prints (with ``_article``)."""
    from .articles.i18n import tr
    from .termout import progress

    rows = []
    # computing every verdict takes seconds: a bar on stderr when it is a terminal (after a second), else nothing
    for c in progress(claims, len(claims), "bpnn check: computing verdicts" if lang == "en" else "bpnn check：计算结论"):
        o = c.evaluate()
        ok = o.verdict == c.reviewed
        rows.append({
            "id": c.id, "source": c.source, "line": c.line, "chapter": c.chapter, "quote": c.quote,
            "claimed": c.claimed, "computed": tr(o.computed, lang, f"claim {c.id}: computed"),
            "verdict": o.verdict.value, "reviewed": c.reviewed.value, "matches_review": ok,
            "method": tr(c.method, lang, f"claim {c.id}: method"), "explained_in": c.explained_in,
            "detail": tr(o.detail, lang, f"claim {c.id}: detail"),
        })
        if lang != "en":   # the machine-readable verdict stays English; its name in the language beside it
            rows[-1]["verdict_label"] = o.verdict.label(lang)
            rows[-1]["reviewed_label"] = c.reviewed.label(lang)
        rows[-1]["_article"] = c.article
    # plain JSON values: a row printed from the cache is the row printed now
    return json.loads(json.dumps(rows, ensure_ascii=False))


def _shown(text: str) -> str:
    """A user's value for a message: quoted, and cut at 40 characters."""
    return repr(shorten(text))
def _check_table(rows: list[dict], width: int | None = None, lang: str = "en") -> list[str]:
    """``bpnn check``'s table: id, line, verdict, then "claimed → true" in full, wrapped to the
    terminal's width (:func:`bpnn.termout.terminal_width`; 80 columns when it is not a terminal)
    under its own column instead of cut.  Chinese characters take two columns (``lang="zh"``
    names the verdicts in Chinese)."""
    from .termout import display_width, pad, terminal_width, wrap

    width = width or terminal_width()
    key = "verdict" if lang == "en" else "verdict_label"
    head = ("id", "line", "verdict", "claimed → true") if lang == "en" else ("id", "行", "结论", "文中数值 → 真值")
    w_id = max([len(r["id"]) for r in rows] + [2])
    w_v = max([display_width(r[key]) for r in rows] + [display_width(head[2])])
    indent = w_id + 2 + 5 + 2 + w_v + 2
    if width - indent < 20:        # a narrow terminal: the text goes under the row, indented a little
        indent = 4
    text_width = max(20, width - indent)
    out = [f"{head[0]:<{w_id}}  {pad(head[1], 5, right=True)}  {pad(head[2], w_v)}  {head[3]}"]
    if indent == 4:
        out = [out[0][: -len(head[3])].rstrip(), "    " + head[3]]
    for r in rows:
        claimed = str(r["claimed"]) if r["claimed"] not in (None, "") else "–"
        text = f"{claimed} → {r['computed']}"
        if not r["matches_review"]:
            text += (f"   <-- reviewed as {r['reviewed']!r}" if lang == "en" else f"   <-- 复核结论为“{r['reviewed_label']}”")
        wrapped = wrap(" ".join(text.split()), text_width) or [""]
        first = f"{r['id']:<{w_id}}  {r['line']:>5}  {pad(r[key], w_v)}  "
        if indent == 4:
            out.append(first.rstrip())
            out += ["    " + more for more in wrapped]
            continue
        out.append(first + wrapped[0])
        out += [" " * indent + more for more in wrapped[1:]]
    return out


def _wrap(text: str, width: int) -> list[str]:
    """:func:`bpnn.termout.wrap` (kept under its old name)."""
    from .termout import wrap

    return wrap(text, width)


def _digits(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= n <= 17:
        raise argparse.ArgumentTypeError(f"must be between 0 and 17, got {n}")
    return n


def _trace_epilog() -> str:
    """What a spec holds, and the activations and losses there are: from the tables the reader and the
    engine use (:data:`bpnn.spec.KEYS`, :data:`bpnn.activations.ACTIVATIONS`, :data:`bpnn.losses.LOSSES`)."""
    import textwrap

    from .activations import ACTIVATIONS
    from .losses import LOSSES
    from .spec import KEYS, LAYER_KEYS, OPTIONAL

    def rows(table, indent):
        out = []
        for k, text in table.items():
            opt = " (optional)" if k in OPTIONAL else ""
            out += textwrap.wrap(f"{k:<15} {text}{opt}", 78, initial_indent=" " * indent,
                                 subsequent_indent=" " * (indent + 16))
        return out

    lines = ["A spec is a JSON or YAML object with these keys:"] + rows(KEYS, 2)
    lines += ["each layer is an object with:"] + rows(LAYER_KEYS, 4)
    lines += textwrap.wrap("activations: " + ", ".join(sorted(ACTIVATIONS)), 78, subsequent_indent="  ")
    lines += textwrap.wrap("losses: " + ", ".join(sorted(LOSSES)), 78, subsequent_indent="  ")
    lines += ["", "example (Mazur's network, one step of SGD on the weights only), as YAML:",
              "  layers:",
              "    - {weights: [[0.15, 0.20], [0.25, 0.30]], bias: [0.35, 0.35], activation: sigmoid}",
              "    - {weights: [[0.40, 0.45], [0.50, 0.55]], bias: [0.60, 0.60], activation: sigmoid}",
              "  loss: half_sse",
              "  input: [0.05, 0.10]",
              "  target: [0.01, 0.99]",
              "  learning_rate: 0.5",
              "  train_biases: false",
              "",
              "  bpnn trace mazur.yaml               the table, fitted to the terminal",
              "  bpnn trace mazur.yaml --lang zh     the table in Chinese",
              "  bpnn trace mazur.yaml --json        every value, as JSON"]
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """argparse with its errors in one line, as every other error of the command (``bpnn trace: error: …``;
    ``bpnn trace --help`` shows the usage)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="bpnn", description="Backpropagation, worked and checked.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    t = sub.add_parser("trace", help="trace one forward pass, backward pass and SGD step of a network spec",
                       description="Trace one forward pass, backward pass and SGD step of the network a spec "
                                   "describes, every intermediate value in the order a hand calculation "
                                   "produces them.",
                       epilog=_trace_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("spec", help="network spec, JSON (or .yaml/.yml); - reads standard input")
    t.add_argument("--json", action="store_true", help="print the trace as JSON (every value, in full)")
    t.add_argument("--digits", type=_digits, default=None, help="decimals in the table, 0 to 17 (default 6)")
    t.add_argument("--lang", choices=("en", "zh"), default=None,
                   help="language of the table's headers and labels: en (default) or zh (中文)")
    t.set_defaults(func=_cmd_trace)

    c = sub.add_parser("check", help="list every registered claim of the articles with its verdict")
    c.add_argument("--json", action="store_true", help="print JSON")
    c.add_argument("--article", help="only this article (000 … 004, 2 for 002, or its file name)")
    c.add_argument("--chapter", help="only the claims of this chapter module (e.g. sigmoid)")
    c.add_argument("--lang", choices=("en", "zh"), default="en",
                   help="language of the verdict names and texts: en (default) or zh (中文)")
    c.add_argument("--fresh", action="store_true",
                   help="compute every verdict now, not from the cache of an earlier run "
                        "(the cache is keyed on bpnn's files, the articles and the library versions)")
    c.set_defaults(func=_cmd_check)

    from .articles.audit import add_parser as add_audit_parser

    add_audit_parser(sub)
    return p


class _OutputFailed(Exception):
    """Standard output could not take what a command wrote (closed, full, a pipe closed early)."""


class _GuardedOut:
    """``sys.stdout`` while a command runs: a failed write or flush becomes :class:`_OutputFailed`
    (so no handler of the command mistakes it for a problem with one of its files)."""

    def __init__(self, stream):
        self._stream = stream

    def _call(self, name, *a):
        if self._stream is None:
            raise _OutputFailed("standard output is closed")
        try:
            return getattr(self._stream, name)(*a)
        except BrokenPipeError:
            raise _OutputFailed("standard output was closed before everything was written (broken pipe)") from None
        except OSError as exc:
            raise _OutputFailed(f"cannot write to standard output: {exc.strerror or exc}") from None
        except ValueError as exc:      # a stream closed in this process
            raise _OutputFailed(f"cannot write to standard output: {exc}") from None

    def write(self, text):
        if not text and self._stream is None:
            return 0
        return self._call("write", text)

    def flush(self):
        if self._stream is None:       # nothing was written (a write would have failed already)
            return None
        return self._call("flush")

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _say(line: str) -> None:
    """One line on stderr, if stderr can take it."""
    try:
        if sys.stderr is not None:
            if sys.stderr.isatty():
                sys.stderr.write("\r\033[K")     # after a progress bar: a clean line
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _quiet_stdout() -> None:
    """After a failed write: point file descriptor 1 at /dev/null, so that Python's own flush at exit
    neither fails again nor prints a second message."""
    real = sys.__stdout__
    if real is None:
        return
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, real.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def main(argv=None) -> int:
    """The ``bpnn`` command.  Every failure ends with one line on stderr and an honest exit status
    (see the module docstring), whatever stdout is and whenever Ctrl-C comes."""
    first = list(argv if argv is not None else sys.argv[1:])[:1]
    command = first[0] if first and first[0] in ("trace", "check", "audit") else ""   # until argparse says
    saved = sys.stdout
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        command = args.command
        sys.stdout = _GuardedOut(saved)
        rc = args.func(args)
        sys.stdout.flush()
        return rc
    except BpnnError as exc:
        _say(f"bpnn {command}: error: {exc}")
        return 2
    except _OutputFailed as exc:
        if saved is sys.__stdout__:
            _quiet_stdout()
        _say(f"bpnn {command}: error: {exc}")
        return 2
    except KeyboardInterrupt:
        _say(f"bpnn {command}: interrupted" if command else "bpnn: interrupted")
        return 130
    finally:
        if isinstance(sys.stdout, _GuardedOut):
            sys.stdout = saved


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
