"""Error injection: every line of the corpus that its answer key calls correct, made wrong, must be flagged.

For each line of tests/data/corpus/ whose key (tests/data/corpus/make_keys.py) says it is right and
that ends in a stated result, the article's text is edited at that place, one edit at a time:

* *scale*: the stated result multiplied by 1.25 (printed with its own number of decimals);
* *sign*: the stated result with its sign flipped;
* *digit*: one digit of the stated result changed, at a place worth more than three times the
  comparison's rounding slack (so that the change is no slip);
* *operand*: a number substituted into the formula just before the result multiplied by 1.25,
  chosen so that the formula's value moves by more than three times the slack (an operand
  multiplied by zero is never chosen).

Each edit is checked against the key's own arithmetic (mpmath) to lie well beyond rounding, the
edited article is audited (``bpnn.articles.audit.audit_text``, the article cut after the paragraph
of the edited line: what follows cannot change that line's verdict), and the line must be flagged
``wrong`` or ``inconsistent``, never ``ok``.  A line the audit leaves unchecked or unparsed as
published is audited after the edit like any other: an edit can make it wrong under every reading
of its notation (``u \\cdot v`` for two vectors: dot, element-wise or outer product; a number that may
be exact data or a rounded result), and the audit must then say so; where it still cannot tell, the
edit counts as not flagged.
"""
from __future__ import annotations

import importlib.util
import re
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from mpmath import mpf

from bpnn.articles.audit import audit_text
from bpnn.articles.corpus import CORPUS_DIR

# Set to True once the rewritten audit (issue 19) flags every injected error: the tests below then
# hold as plain assertions (with False they are expected to fail, strictly: an unexpected pass fails
# the run, so that this switch is not forgotten).
AUDIT_TARGETS_MET = True
KINDS = ("scale", "sign", "digit", "operand")


def _make_keys():
    spec = importlib.util.spec_from_file_location("make_keys", CORPUS_DIR / "make_keys.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_SIGN = "-−–"                     # ASCII minus, Unicode minus, en dash: all written as minus signs
_AFTER_OP = re.compile(r"\s*(?:[-+−–*×·/^(_]|\\times|\\cdot|\\frac|\\ln|\\log|e\^)")
_BEFORE_OK = ("=", "\\approx", "≈", "[", ",", "&", "\\\\", "|", "{", "\\quad", ";")


def _tokens(line: str, number: str):
    """Start and end of every occurrence of ``number`` (unsigned) as a whole number in ``line``."""
    for m in re.finditer(r"(?<![0-9.])" + re.escape(number) + r"(?![0-9]|\.[0-9])", line):
        yield m.start(), m.end()


def _stated_place(line: str, stated: str):
    """Where the stated result is printed: the last occurrence that stands as a side of its own
    (after =, ≈, a bracket, a comma, a cell) and is not followed by an operator."""
    number = stated.lstrip("-")
    best = None
    for start, end in _tokens(line, number):
        s = start
        if s and line[s - 1] in _SIGN:
            s -= 1
        before = line[:s].rstrip()
        for wrapper in ("\\mathbf{", "\\boldsymbol{", "\\textbf{", "**", "("):
            if before.endswith(wrapper):
                before = before[: -len(wrapper)].rstrip()
        if not before.endswith(_BEFORE_OK) or _AFTER_OP.match(line[end:]):
            continue
        best = (s, end)
    return best


def _fmt(value: mpf, like: str) -> str:
    """``value`` printed with as many decimals as ``like``."""
    places = max(0, -Decimal(like.lstrip("-")).as_tuple().exponent)
    return f"{Decimal(str(value)):.{places}f}"


def _unit(text: str) -> mpf:
    exp = Decimal(text.lstrip("-")).as_tuple().exponent
    return mpf(10) ** min(int(exp), 0)


def _mutations(line: str, entry: dict, check: dict):
    """(kind, new line) for each edit of this key entry's stated result that lies beyond rounding."""
    sides = entry["sides"]
    stated = sides[-1]
    place = _stated_place(line, stated)
    if place is None:
        return
    start, end = place
    value = mpf(stated)
    slack = mpf(check["threshold"]) + _unit(stated)
    printed = line[start:end]

    def put(new_text: str) -> str:
        return line[:start] + new_text + line[end:]

    if value != 0:
        scaled = _fmt(value * mpf("1.25"), stated)
        if abs(mpf(scaled) - value) > 3 * slack:
            yield "scale", put(scaled)
        if 2 * abs(value) > 3 * slack:
            yield "sign", put(printed[1:] if printed[0] in _SIGN else "-" + printed)
    digits = printed.lstrip(_SIGN)
    point = digits.find(".") if "." in digits else len(digits)
    for i, ch in reversed(list(enumerate(digits))):
        if not ch.isdigit():
            continue
        worth = mpf(10) ** (point - i - (1 if i < point else 0))
        if worth > 3 * slack:
            new = digits[:i] + ("8" if ch == "9" else str(int(ch) + 1)) + digits[i + 1:]
            yield "digit", put(printed[: len(printed) - len(digits)] + new)
            break
    formula = sides[-2]
    if isinstance(formula, tuple):
        _, fn, args = formula
        base = fn(*[mpf(a) for a in args])
        for i, a in enumerate(args):
            if mpf(a) == 0:
                continue
            new_a = _fmt(mpf(a) * mpf("1.25"), a)
            moved = fn(*[mpf(new_a) if j == i else mpf(b) for j, b in enumerate(args)])
            if abs(moved - base) <= 3 * slack:
                continue
            spots = [(s, e) for s, e in _tokens(line[:start], a.lstrip("-"))]
            if not spots:
                continue
            s, e = spots[-1]
            yield "operand", line[:s] + new_a.lstrip("-") + line[e:]
            break


def _cut(lines: list[str], index: int) -> str:
    """The article up to the end of the paragraph holding line ``index`` (0-based), with its math closed."""
    for j in range(index + 1, len(lines)):
        if not lines[j].strip():
            head = "".join(lines[:j])
            if head.count("$$") % 2 == 0 and head.count("\\begin{") == head.count("\\end{"):
                return head
    return "".join(lines)


def _run_injections():
    """``(results, unchecked_before)``: ``(article, line, edit, verdict, edited line)`` per edit, and the
    verdict after the edit of each edit that fell on a line unchecked or unparsed as published."""
    mod = _make_keys()
    results = []
    unchecked_before = []
    for key in mod.KEYS:
        built = key.build()
        text = (CORPUS_DIR / key.name).read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        before = {r.line: r.verdict for r in audit_text(text, name=key.name).lines}
        for entry in key.lines:
            if "sides" not in entry or not isinstance(entry["sides"][-1], str):
                continue
            line_no = entry["line"]
            k = built[str(line_no)]
            if k["accept"] != ["ok"]:
                continue
            for kind, new_line in _mutations(lines[line_no - 1], entry, entry["last_check"]):
                mutated = lines[: line_no - 1] + [new_line] + lines[line_no:]
                fr = audit_text(_cut(mutated, line_no - 1), name=key.name)
                r = fr.line(line_no)
                results.append((key.name, line_no, kind, r.verdict if r else "none", new_line.strip()))
                if before.get(line_no) in (None, "unchecked", "unparsed"):
                    unchecked_before.append(r.verdict if r else "none")
    return results, unchecked_before


@pytest.fixture(scope="module")
def injections():
    res, unchecked_before = _run_injections()
    by = defaultdict(Counter)
    for name, _, kind, verdict, _ in res:
        by[name]["injected"] += 1
        by[name]["flagged" if verdict in ("wrong", "inconsistent") else verdict] += 1
    print("\nerror injection, per article (injected / flagged / came back ok / other verdicts):")
    for name in sorted(by):
        c = by[name]
        other = c["injected"] - c["flagged"] - c["ok"]
        print(f"  {name:38s} {c['injected']:4d} {c['flagged']:4d} {c['ok']:4d} {other:4d}")
    total = Counter(v for _, _, _, v, _ in res)
    print(f"  total {len(res)} injections: {dict(total)}")
    print(f"  of them on lines unchecked or unparsed as published: {len(unchecked_before)}, after the edit "
          f"{dict(Counter(unchecked_before))}")
    print("injected errors not flagged (article:line, edit, verdict, the edited line):")
    for name, line, kind, verdict, text in res:
        if verdict not in ("wrong", "inconsistent"):
            print(f"  {name}:{line} {kind} {verdict}: {text[:110]}")
    print("injected errors that came back ok (article:line, edit, the edited line):")
    for name, line, kind, verdict, text in res:
        if verdict == "ok":
            print(f"  {name}:{line} {kind}: {text[:110]}")
    return res


def test_injection_covers_every_kind_and_most_articles(injections):
    kinds = Counter(kind for _, _, kind, _, _ in injections)
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 50
    assert len({name for name, *_ in injections}) >= 25


def test_an_injected_edit_really_changes_the_article():
    """The edits land on the stated result: a scaled result replaces the printed one in place."""
    line = r"$$z_{h1} = 0.0075 + 0.0200 + 0.35 = 0.3775$$"
    entry = {"sides": (("f", lambda *x: sum(x), ("0.0075", "0.0200", "0.35")), "0.3775")}
    check = {"threshold": "0.0"}
    got = dict(_mutations(line, entry, check))
    assert got["scale"] == r"$$z_{h1} = 0.0075 + 0.0200 + 0.35 = 0.4719$$"
    assert got["sign"] == r"$$z_{h1} = 0.0075 + 0.0200 + 0.35 = -0.3775$$"
    # a change of one unit could pass for a slip: the digit changed is worth 0.001 > 3 x 0.0001
    assert got["digit"] == r"$$z_{h1} = 0.0075 + 0.0200 + 0.35 = 0.3785$$"
    assert got["operand"] == r"$$z_{h1} = 0.0094 + 0.0200 + 0.35 = 0.3775$$"
    assert _stated_place("σ(0.3775) = 0.593", "0.3775") is None


def test_no_injected_error_comes_back_ok(injections):      # holds with the rewritten audit: not gated
    ok = [(name, line, kind, text) for name, line, kind, verdict, text in injections if verdict == "ok"]
    assert ok == []


@pytest.mark.xfail(not AUDIT_TARGETS_MET, strict=True, reason="issue 19: the audit is being rewritten")
def test_every_injected_error_is_flagged(injections):
    missed = [(name, line, kind, verdict) for name, line, kind, verdict, _ in injections
              if verdict not in ("wrong", "inconsistent")]
    assert missed == []
