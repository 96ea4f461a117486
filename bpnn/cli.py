"""The ``bpnn`` command: ``bpnn trace SPEC``, ``bpnn check``.

Exit status: 0 success; 1 the command ran and found a problem (``check``: a
computed verdict differs from the reviewed one); 2 unusable input, with one
line on stderr that names the file and the place.
"""
from __future__ import annotations

import argparse
import json
import sys

from .errors import BpnnError

__all__ = ["main"]


def _cmd_trace(args) -> int:
    from .spec import load_spec
    from .trace import format_table, trace_spec, write_json

    spec = load_spec(args.spec)
    try:
        tr = trace_spec(spec)
    except BpnnError as exc:  # overflow while computing: name the spec too
        raise BpnnError(f"{args.spec}: {exc}") from None
    if args.json:
        write_json(tr, sys.stdout)
    else:
        print(format_table(tr, args.digits))
    return 0


def _cmd_check(args) -> int:
    from .articles import checkcache

    for flag, value in (("--article", args.article), ("--chapter", args.chapter)):
        if value is not None and not value.strip():
            raise BpnnError(f"{flag} needs a value; an empty {flag} would silently mean 'all' "
                            f"(leave the option out to list every claim)")
    lang = args.lang
    ck = checkcache.key() if checkcache.enabled() else None
    why_not = checkcache.unusable(ck, lang) if ck is not None else None
    if why_not:   # something that is not the cache's file stands in its place: leave it alone
        print(f"bpnn check: the cache is not used ({why_not}); computing every verdict", file=sys.stderr)
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
        import shutil
        import textwrap

        if args.lang == "en":
            summary = ", ".join(f"{n} {v}" for v, n in order)
            print("\n" + textwrap.fill(f"{len(rows)} claims: {summary or 'none'}; {mismatches} differ from their reviewed verdict",
                                       max(60, shutil.get_terminal_size((100, 24)).columns)))
        else:
            summary = "，".join(f"{v} {n} 条" for v, n in order)
            print(f"\n共 {len(rows)} 条论断：{summary or '无'}；与复核结论不同的 {mismatches} 条")
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

    rows = []
    progress = sys.stderr.isatty()   # computing every verdict takes seconds: say so on a terminal
    for i, c in enumerate(claims, start=1):
        if progress:
            print(f"\rcomputing verdict {i}/{len(claims)}: {c.id[:40]:<40}", end="", file=sys.stderr, flush=True)
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
    if progress:
        print("\r" + " " * 70 + "\r", end="", file=sys.stderr, flush=True)
    # plain JSON values: a row printed from the cache is the row printed now
    return json.loads(json.dumps(rows, ensure_ascii=False))


def _shown(text: str) -> str:
    """A user's value for a message: quoted, and cut at 40 characters."""
    return repr(text if len(text) <= 40 else text[:37] + "...")
def _check_table(rows: list[dict], width: int | None = None, lang: str = "en") -> list[str]:
    """``bpnn check``'s table: id, line, verdict, then "claimed → true" in full, wrapped to the
    terminal's width (100 columns when it has none) under its own column instead of cut.
    Chinese characters take two columns (``lang="zh"`` names the verdicts in Chinese)."""
    import shutil

    from .articles.i18n import display_width, pad

    width = width or max(60, shutil.get_terminal_size((100, 24)).columns)
    key = "verdict" if lang == "en" else "verdict_label"
    head = ("id", "line", "verdict", "claimed → true") if lang == "en" else ("id", "行", "结论", "文中数值 → 真值")
    w_id = max([len(r["id"]) for r in rows] + [2])
    w_v = max([display_width(r[key]) for r in rows] + [display_width(head[2])])
    indent = w_id + 2 + 5 + 2 + w_v + 2
    text_width = max(20, width - indent)
    out = [f"{head[0]:<{w_id}}  {pad(head[1], 5, right=True)}  {pad(head[2], w_v)}  {head[3]}"]
    for r in rows:
        claimed = str(r["claimed"]) if r["claimed"] not in (None, "") else "–"
        text = f"{claimed} → {r['computed']}"
        if not r["matches_review"]:
            text += (f"   <-- reviewed as {r['reviewed']!r}" if lang == "en" else f"   <-- 复核结论为“{r['reviewed_label']}”")
        wrapped = _wrap(" ".join(text.split()), text_width) or [""]
        out.append(f"{r['id']:<{w_id}}  {r['line']:>5}  {pad(r[key], w_v)}  {wrapped[0]}")
        out += [" " * indent + more for more in wrapped[1:]]
    return out


def _wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap`` measured in terminal columns: the same lines for ASCII text; a line of
    Chinese (wide characters, few spaces) is broken between characters where it must be."""
    import textwrap

    from .articles.i18n import display_width

    if display_width(text) == len(text):
        return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    lines: list[str] = []
    for word in text.split(" "):
        if lines and display_width(lines[-1]) + 1 + display_width(word) <= width:
            lines[-1] += " " + word
            continue
        lines.append("")
        for ch in word:
            if lines[-1] and display_width(lines[-1]) + display_width(ch) > width:
                lines.append("")
            lines[-1] += ch
    return lines


def _digits(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= n <= 17:
        raise argparse.ArgumentTypeError(f"must be between 0 and 17, got {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bpnn", description="Backpropagation, worked and checked.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    t = sub.add_parser("trace", help="trace one forward pass, backward pass and SGD step of a network spec")
    t.add_argument("spec", help="network spec, JSON (or .yaml/.yml); - reads standard input")
    t.add_argument("--json", action="store_true", help="print the trace as JSON")
    t.add_argument("--digits", type=_digits, default=6, help="decimals in the table, 0 to 17 (default 6)")
    t.set_defaults(func=_cmd_trace)

    c = sub.add_parser("check", help="list every registered claim of the articles with its verdict")
    c.add_argument("--json", action="store_true", help="print JSON")
    c.add_argument("--article", help="only this article (000 … 004, or its file name)")
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


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BpnnError as exc:
        print(f"bpnn {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `bpnn check | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
