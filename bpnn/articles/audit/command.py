"""``bpnn audit``: its command-line options and what they run."""
from __future__ import annotations

from ...errors import BpnnError
from .files import (
    audit_file,
    audit_stored,
    dump_extract,
    extract_files,
    read_article,
    refuse_overwriting_inputs,
    write_atomic,
)
from .report import format_markdown, format_table, strict_failures, to_json

# ----------------------------------------------------------------------------- command line

def _cmd_audit(args) -> int:
    if args.output and not args.extract:
        raise BpnnError("-o/--output goes with --extract only (the report goes to standard output; "
                        "--html takes its own file name)")
    if args.html and (args.extract or args.json or args.markdown):
        raise BpnnError("--html writes a page of its own: not with --extract, --json or --markdown")
    if args.extract:
        if args.stored or not args.files:
            raise BpnnError("--extract needs article files (and no --stored)")
        if args.output:
            refuse_overwriting_inputs(args.output, args.files, "the output")
        text = dump_extract(extract_files(args.files))
        if args.output:
            write_atomic(args.output, text)
        else:
            print(text, end="")
        return 0
    if args.html:
        if args.stored or len(args.files) != 1:
            raise BpnnError("--html reports on one article file (and not with --stored)")
        refuse_overwriting_inputs(args.html, [args.files[0], *(p for p in (args.spec, args.names) if p)], "--html")
    if args.stored:
        results = audit_stored(args.files)
    else:
        if not args.files:
            raise BpnnError("no files given (or use --stored for the five articles' stored math)")
        if bool(args.spec) != bool(args.names):
            raise BpnnError("--spec and --names go together: the network and the map of the article's names")
        places = values = None
        if args.spec:
            from ..audit_net import engine_values, load_names

            places = load_names(args.names)
            values = engine_values(args.spec, places)
        results = []
        for p in args.files:
            log: list = []
            fr = audit_file(p, math_only=args.math_only, log=log)
            if places is not None:
                from ..audit_net import check_named

                fr.named = check_named(log, values, places)
            results.append(fr)
    if args.html:
        from .html import mathjax_source, render_html

        page = render_html(read_article(args.files[0]), results[0], lang=args.lang, mathjax=mathjax_source())
        write_atomic(args.html, page)
    if args.json:
        text = to_json(results)
    elif args.markdown:
        text = format_markdown(results)
    else:
        text = format_table(results, verbose=not args.brief, lang=args.lang)
    print(text, end="" if text.endswith("\n") else "\n")
    bad_named = any(not c.ok for fr in results for c in fr.named)
    if bad_named or any(fr.count("wrong") or fr.count("inconsistent") for fr in results):
        return 1
    return 1 if args.strict and strict_failures(results) else 0


def add_parser(sub) -> None:
    """Add ``bpnn audit`` to the ``bpnn`` command's subparsers."""
    a = sub.add_parser(
        "audit", help="check the arithmetic of the LaTeX math in Markdown articles",
        description="Check every equation with numbers in Markdown articles: each side is parsed and "
                    "evaluated, and consecutive sides must agree. A number the article gives as data is exact; "
                    "a value it computed and printed rounded may lie within half a unit of its last digit "
                    "wherever it is used again; a stated result may differ from its calculation by half a "
                    "unit of its own last digit. Where the audit cannot tell, the line is unchecked, with "
                    "the reason. "
                    "Exit status: 0 nothing wrong, 1 something wrong (with --strict also: lines with "
                    "numbers left unchecked, unparsed lines and last-digit slips), 2 unusable input. "
                    "The text report wraps to the terminal's width (COLUMNS; 80 when not a terminal).")
    a.add_argument("files", nargs="*", metavar="FILE", help="Markdown files (with --stored: article ids such as 002)")
    fmt = a.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--markdown", action="store_true", help="print Markdown tables")
    a.add_argument("--brief", action="store_true", help="leave out math lines without numbers")
    a.add_argument("--spec", metavar="NET", help="a network spec (JSON/YAML): compare the article's named values "
                   "with the engine's trace of one step (needs --names)")
    a.add_argument("--names", metavar="MAP", help="YAML/JSON map from the article's names to trace places, "
                   "e.g. 'out_{o1}: a[2][0]', 'E_{total}: loss'")
    a.add_argument("--math-only", action="store_true",
                   help="check the LaTeX math only, not arithmetic written in plain text")
    a.add_argument("--stored", action="store_true",
                   help="audit the math of the five articles stored in the project (no article files needed)")
    a.add_argument("--extract", action="store_true",
                   help="print the math of the files as the JSON the project stores, instead of auditing")
    a.add_argument("-o", "--output", help="with --extract: write to this file (never one of the inputs)")
    a.add_argument("--strict", action="store_true",
                   help="also fail (exit 1) on lines with numbers left unchecked, unparsed lines and slips: "
                        "for CI on one's own articles")
    a.add_argument("--lang", choices=("en", "zh"), default="en",
                   help="language of the text report and of --html: en (default) or zh (中文)")
    a.add_argument("--html", metavar="REPORT.html",
                   help="also write the article as one self-contained web page with every math line's "
                        "verdict in the margin (one article file; needs sphinx-mathjax-offline)")
    a.set_defaults(func=_cmd_audit)
