"""Mutation testing with mutmut, module by module, and the score table.

    python scripts/mutation.py run                       # every module (hours on a small machine)
    python scripts/mutation.py run latexnum textfile     # some modules
    python scripts/mutation.py run spec --rerun survived # run again the mutants that survived (after new tests)
    python scripts/mutation.py report                    # the score table of the last runs
    python scripts/mutation.py report spec --survivors   # ... and the surviving mutants, with their diffs
    python scripts/mutation.py show bpnn.spec.x_parse_spec__mutmut_12

Needs ``pip install -e .[test,mutation]`` (mutmut is not needed by the test suite).

Each module has its own working directory ``.mutation/<module>/`` (git-ignored) that holds
links to ``bpnn/``, ``tests/``, ``book/`` and ``conftest.py`` and a copy of ``pyproject.toml``
whose ``[tool.mutmut]`` names that module's files and the unit tests that exercise it (the table
``MODULES`` below).  mutmut writes its mutants and results under ``.mutation/<module>/mutants/``
and keeps them: a second ``run`` tests only what is new or changed (or what ``--rerun`` names).

For every mutant mutmut runs only the tests that executed the mutated function (it records them
once per module, in a first run of the module's tests), fastest first, stopping at the first
failure.  A mutant is *killed* when a test fails, *survived* when all pass, *timeout* when the
tests run past 15 times their usual CPU time (an endless loop: detected), *no tests* when no test
of the module's selection executes the function (counted as not killed).

The score of a module is (killed + timeout) / (all mutants - equivalent mutants).  An equivalent
mutant cannot change what the code does (``EQUIVALENT`` below lists each with the reason); it is
neither killed nor counted.

Runs use one worker under ``nice -n 19`` by default (``--jobs`` to change it), and
``BPNN_SEEDS`` points at the articles beside the checkout (``../shared/seeds``) when unset.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"

ENGINE = ["bpnn/network.py", "bpnn/activations.py", "bpnn/losses.py", "bpnn/optim.py", "bpnn/train.py",
          "bpnn/values.py", "bpnn/trace.py"]

#: module -> (files mutated, tests run against the mutants: the unit tests that exercise them;
#: no notebooks, no browser, no command-line subprocesses)
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "engine": (ENGINE, ["tests/test_mutants_engine.py", "tests/test_engine.py", "tests/test_layers.py",
                        "tests/test_bad_input.py", "tests/test_losses_stable.py", "tests/test_doctests.py",
                        "tests/test_worked_example.py", "tests/test_properties.py", "tests/test_gradients.py",
                        "tests/test_four_equations.py"]),
    "latexnum": (["bpnn/articles/latexnum.py"], ["tests/test_mutants_latexnum.py", "tests/test_latexnum.py",
                                                 "tests/test_audit_verdicts.py"]),
    "verdicts": (["bpnn/articles/audit/verdicts.py"], ["tests/test_mutants_verdicts.py",
                                                       "tests/test_audit_verdicts.py", "tests/test_audit.py",
                                                       "tests/test_audit_tensor.py"]),
    "spec": (["bpnn/spec.py"], ["tests/test_mutants_spec.py", "tests/test_bad_input.py", "tests/test_engine.py"]),
    "textfile": (["bpnn/textfile.py"], ["tests/test_mutants_textfile.py", "tests/test_bad_input.py"]),
}

#: mutants that cannot change behaviour: (module, function, the changed line after mutation) -> reason.
#: Matched on the mutated line's text (not on mutmut's numbering, which moves when the code changes).
_NOCTTY = ("drops O_NOCTTY, which only matters when a process without a controlling terminal opens a terminal: "
           "nothing a test (or a user reading a spec) can observe")
_HAS_NOCTTY = "os.O_NOCTTY exists on every POSIX system: getattr's default is never used"
_CODEC = "codec names are case-insensitive in Python"
_OPEN = 'fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | {})'
_WHY = "Side.why is only ever compared with 'ambiguous-symbol'; an unparsed line's reason is set apart"
_POS = ("the position of the end token, or of an inserted token, is never read where it could differ (only after a word or a ^, which an inserted token never follows); the same position is used to find the insertion again")
_SORTED_CACHE = "only the cache: a miss recomputes the same sorted list"
_GC = ("a garbage-collector threshold during the audit: timing, not results (the old threshold is restored, and "
       "with the default (700, 10, 10) the two are the same anyway)")
_CAP = ("the cap only acts far above 10^9; both uses of the total (> 100 000 and > 1e9) decide the same, "
        "and totals above 10^9 are printed as 'over a billion', never as a number")
_SELF = ("unreachable: a node can only be met again while active through its own subtree, which the check "
         "'refers to a node that contains it' reports first (20 000 random cyclic documents never reached it)")
_LAYER = ("every error Network.from_weights raises for an input parse_spec lets through starts with 'layer N:', "
          "so the branch without a layer number is never taken")
_JSON_CONST = "json's default for NaN, Infinity and -Infinity is float's: the same values"
_DEEP = ("nothing calls this loader's construct_mapping with deep=True (PyYAML's only caller, construct_yaml_object, "
         "is not registered on SafeLoader): deep is always False, and None behaves as False")
_FIRST = "an X added to a resolver's first characters: no pattern matches a value that starts with X"
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("textfile", "_read_bytes", _OPEN.format('getattr(None, "O_NOCTTY", 0)')): _NOCTTY,
    ("textfile", "_read_bytes", _OPEN.format('getattr(os, "XXO_NOCTTYXX", 0)')): _NOCTTY,
    ("textfile", "_read_bytes", _OPEN.format('getattr(os, "o_noctty", 0)')): _NOCTTY,
    ("textfile", "_read_bytes", _OPEN.format('getattr(os, "O_NOCTTY", None)')): _HAS_NOCTTY,
    ("textfile", "_read_bytes", _OPEN.format('getattr(os, "O_NOCTTY", )')): _HAS_NOCTTY,
    ("textfile", "_read_bytes", _OPEN.format('getattr(os, "O_NOCTTY", 1)')): _HAS_NOCTTY,
    # the engine (judged by applying each mutant to a copy of the package; see the note of issue 22)
    ("engine", "_softmax_vjp", "return a * (grad_a - np.sum(a * grad_a, axis=0, keepdims=False))"):
        "the sum runs over the leading axis; with or without keepdims it broadcasts the same way: same values, same shape",
    ("engine", "sigmoid", "return np.where(z > 0, 1.0 / (1.0 + e), e / (1.0 + e))"):
        "the branches differ only at z = ±0, where both give 1/(1+1) = 0.5; NaN stays NaN",
    ("engine", "format_table",
     """row(pad(T["layer"], 5, True), pad(T["unit"], 4, False), f"{'∂L/∂a':>{w}}", pad(T["delta"], w, True))"""):
        "'unit' is 4 columns and '神经元' 6: pad adds nothing in either language shipped",
    ("engine", "format_table", "xs = tr.x if (tr.x.size <= MAX_ROWS) and False else tr.x[:MAX_ROWS]"):
        "where x.size <= 64, x.shape[0] is too: the slice holds all of x",
    ("engine", "_fit", "trajectory[s] = flat.theta if (flat is not None) and False else np.concatenate("):
        "during fit each layer's W and b are views into flat.theta in the same order: the concatenation is theta, "
        "bit for bit (only slower)",
    ("engine", "softmax", "return e / np.sum(e, axis=0, )"):
        "the sum runs over the leading axis: its shape broadcasts against e as the keepdims shape does "
        "(bit-identical over 1-, 2- and 3-D inputs)",
    ("engine", "Network.random", "ok = None"): "ok is only read as 'if not ok', and not None is not False",
    ("engine", "format_table", "ts = tr.t if tr.t.size < MAX_ROWS else tr.t[:MAX_ROWS]"):
        "they differ only at t.size == 64, where t[:64] is all of t",
    ("engine", "_FlatSGD._overflow", "with np.errstate(all=None):"):
        "_overflow runs only inside _fit's np.errstate(all='ignore'), which all=None leaves as it is",
    ("engine", "_walk", "out.append(_number(value, None))"):
        "the depth-0 branch is unreachable: as_array calls _walk for lists only, with depth >= 1",
    ("engine", "largest", 'm = np.nanmax(np.abs(arr)) if arr.size and not np.isnan(arr).all() else float("NAN")'):
        "float('NAN') is float('nan')",
    ("engine", "largest", "with np.errstate(all=None):"):
        "abs, isnan and nanmax of float arrays set no floating-point flag (checked under seterr(all='raise') "
        "with inf, nan, ±1e308, subnormals)",
    # the audit's verdicts (judged the same way)
    ("verdicts", "_audit_chain_here",
     'return _PieceResult([], [Side(None, "unresolved", why="no-numbers") for t in sides_tex], False)'):
        "a side's text is read only for unparsed or empty sides; these are unresolved",
    ("verdicts", "_evaluate_side", 'return Side(tex, "unparsed", reason=str(exc), )'): _WHY,
    ("verdicts", "_evaluate_side",
     'return Side(tex, "unparsed", reason=f"{len(variables)} rounded inputs: too many to bound", why="NOT-READ")'):
        _WHY,
    ("verdicts", "_evaluate_side", "kinds = side.e_kinds if (side.uses_e) or True else frozenset()"):
        "where uses_e is false, e_kinds is empty: uses_e finds every e node e_kinds can reach",
    ("verdicts", "_decimals", 'return max(0, -int(Decimal(printed.lstrip("XX+-XX")).as_tuple().exponent))'):
        "printed numbers never start with X",
    ("verdicts", "audit_text", "gc.set_threshold(50_000, old[2], old[2])"): _GC,
    ("verdicts", "audit_text", "gc.set_threshold(50001, old[1], old[2])"): _GC,
    ("verdicts", "classify", "if lo < stated <= hi:"):
        "at stated == lo the distance is 0 <= half: ok all the same",
    ("verdicts", "split_list",
     'if c in "XX,，XX" and 0 < i < len(tex) - 1 and tex[i - 1].isdigit() and tex[i + 1].isdigit():'):
        "c is one of the separators' first characters, never X",
    ("verdicts", "split_list",
     'if c in ",，" and 1 < i < len(tex) - 1 and tex[i - 1].isdigit() and tex[i + 1].isdigit():'):
        "a comma at i = 1 leaves a one-character first part, which is no chain: the formula stays whole either way",
    ("verdicts", "ChainParts._take", "seen.add(None)"):
        "only duplicates negated parts, which change neither the range's ends nor the (deduplicated) notes",
    ("verdicts", "ChainParts.near", "scale = 10 * decimals"):
        "the cells are built and looked up with the same scale; after the exact a <= x <= b filter any scale gives "
        "the same parts (only the speed differs)",
    ('verdicts', '_agree', 'a_num = getattr(a, "status", "") == "number" or getattr(a, "literal", None) is not None'):
        "nothing passed to _agree has a literal unless its status is 'number'",
    ('verdicts', '_agree', 'b_num = getattr(b, "status", None) == "number" and getattr(b, "literal", None) is not None'):
        "the defaults '' and None both differ from 'number'",
    ('verdicts', '_audit_chain_here', 'return _PieceResult([], [Side(t, "unresolved", why="no-numbers") for t in sides_tex], None)'):
        'has_numbers is only read for its truth value',
    ('verdicts', '_audit_chain_here', 'return _PieceResult([], [Side(t, "unresolved", why=None) for t in sides_tex], False)'):
        _WHY,
    ('verdicts', '_audit_chain_here', 'return _PieceResult([], [Side(t, None, why="no-numbers") for t in sides_tex], False)'):
        "a status None acts as 'unresolved': neither number nor value nor unparsed/empty, and has_numbers is False",
    ('verdicts', '_evaluate_side', 'return Side(tex, "unparsed", reason=f"more than {MAX_TERMS_SIDE} numbers in one side", )'):
        _WHY,
    ('verdicts', '_evaluate_side', 'return Side(tex, "unparsed", reason="cannot be evaluated: too large for a float", why=None)'):
        _WHY,
    ('verdicts', '_evaluate_side', 'return Side(tex, "unparsed", reason=f"cannot be evaluated near its printed inputs: {exc}", why="NOT-READ")'):
        _WHY,
    ('verdicts', '_evaluate_side', 'return Side(tex, "empty", why="not-read")'):
        "an empty side's reason is printed only for sides with a digit, which '' has none; an empty tensor cell is refused before",
    ('verdicts', '_fmt_like', 'if not m or "XXeXX" in stated.lower() or abs(value) >= 1e15:'):
        "the pattern before already fails on any text with an e: 'not m' returns first",
    ('verdicts', '_fmt_like', 'for extra in range(8):'):
        'range(8) is range(0, 8)',
    ('verdicts', '_sorted_parts', 'key = None'):
        _SORTED_CACHE,
    ('verdicts', '_sorted_parts', '_SORTED[key] = None'):
        _SORTED_CACHE,
    ('verdicts', '_sorted_parts', 'if hit is not None and hit[0] is not nodes:'):
        'unreachable from the audit: every caller passes a ChainParts or the default ()',
    ('verdicts', '_tensor_scalar', 's.ambiguous = None'):
        'ambiguous is only read for its truth value',
    ('verdicts', 'audit_document', 'texs: list[str] = None'):
        'texs is set to [] on the first piece, before it is read',
    ('verdicts', 'classify', 'if (lit is not None and half > 0 and distance < 2 * half and stated != 0'):
        'at exactly one unit, truncated is false and the nearest end is a multiple of the unit, which rounding in steps leaves unchanged: wrong either way',
    ('verdicts', 'classify', 'if (lit is not None and half > 0 and distance <= 3 * half and stated != 0'):
        'beyond one unit, truncated is false and rounding in steps moves a value by less than 0.56 unit: wrong either way',
    ('verdicts', 'split_list', 'if c == "\\\\" and i + 2 < len(tex) and tex[i + 1] in "{}":'):
        'differs only for \\{ or \\} at the very end, which the command branch skips the same way',
    ('verdicts', 'Sources._origin', 'margin = 4 * math.ulp(abs(fv) - fh)'):
        'only the float search window; every hit is confirmed exactly, and the margin stays >= 2 ulp for numbers of >= 3 significant digits',
    ('latexnum', '_exact_mp', 'raise ValueError(f"{t[2]}(…) has no value")'):
        'the final else of ev: every tag the parser builds is handled before it',
    ('latexnum', '_exact_special', 'while m >= 1 and m % base == 0:'):
        'm starts >= 1; at m == 1, 1 % base is 1 and the loop ends either way',
    ('latexnum', '_tokens', 'toks.append(_Tok("end", "", None))'):
        _POS,
    ('latexnum', '_Parser.group_expr', 'self._insert_rest(digits[1:], t.pos + 2)'):
        _POS,
    ('latexnum', '_Parser._name_suffix', 'return name, False'):
        'every caller discards the flag (name, _ = …)',
    ('latexnum', '_Parser.function', 'if fname == "SIGMOID":'):
        "both branches return the same ['f', fname, [arg]]",
    ('latexnum', '_Parser.parse', 'if t.kind == "op" and t.text in "XX,;XX":'):
        "op tokens are single punctuation characters or **: only ',' and ';' match either way",
    ('latexnum', '_Parser.peek', 'return self.toks[min(self.i + k, len(self.toks) + 1)]'):
        "peek(1) is called only at a '+', never the last token: min never takes the other bound",
    ("verdicts", "_line_result",
     'unparsed = [s for p in prs if p.has_numbers for s in p.sides if s.status in ("unparsed", "EMPTY")'):
        "an empty side has no digit, so the _has_number filter on the next line drops it either way",
    ("verdicts", "_evaluate_side",
     'return Side(tex, "unparsed", reason=f"cannot be evaluated near its printed inputs: {exc}", why=None)'): _WHY,
    ("verdicts", "_audit_chain_here",
     'return _PieceResult([], [Side(t, "unresolved", why="XXno-numbersXX") for t in sides_tex], False)'): _WHY,
    ("verdicts", "audit_document", "prs: list[_PieceResult] = None"):
        "prs is set to [] on the first piece, before it is read",
    ("verdicts", "rounds_in_steps_to", "for k in range(extra + 1):"):
        "k = 0 rounds once to the unit, which gives the stated value only within half a unit: classify has "
        "returned ok before",
    # spec.py (judged with the mutants applied, see the note of issue 22)
    ("spec", "_expanded_size", "[n for kv in node.value for n in kv] if (isinstance(node, yaml.MappingNode)) or True else [])"):
        "only sequence and mapping nodes are pushed as 'done'; sequences take the branch before, so the else is never reached",
    ("spec", "_expanded_size", "sizes[key] = min(1 + sum(sizes[id(c)] for c in children), 2 << 62)"): _CAP,
    ("spec", "_expanded_size", "sizes[key] = min(1 + sum(sizes[id(c)] for c in children), 1 << 63)"): _CAP,
    ("spec", "_expanded_size", "raise BpnnError(None)"): _SELF,
    ("spec", "_expanded_size", 'raise BpnnError(f"a YAML alias at line {node.start_mark.line - 1} refers to itself")'): _SELF,
    ("spec", "_expanded_size", 'raise BpnnError(f"a YAML alias at line {node.start_mark.line + 2} refers to itself")'): _SELF,
    ("spec", "_layer_index", "return int(m.group(1)) - 1 if (m) or True else None"): _LAYER,
    ("spec", "parse_spec", 'fail(f"{exc} (layers[{i}] in the spec)" if (i is not None) or True else str(exc))'): _LAYER,
    ("spec", "parse_spec", 'fail(f"{exc} (layers[{i}] in the spec)" if i is not None else str(None))'): _LAYER,
    ("spec", "_load_json", "return json.loads(text, parse_constant=None, parse_float=_json_number, parse_int=_json_int,"):
        _JSON_CONST,
    ("spec", "_load_json", "return json.loads(text, parse_float=_json_number, parse_int=_json_int,"): _JSON_CONST,
    ("spec", "_yaml_loader", "return super().construct_mapping(node, deep=None)"): _DEEP,
    ("spec", "_yaml_loader", "return super().construct_mapping(node, )"): _DEEP,
    ("spec", "_yaml_loader", '("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("XXtTfFXX")),'):
        _FIRST,
    ("spec", "_yaml_loader", '("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("XX-+0123456789XX")),'): _FIRST,
    ("spec", "_yaml_loader", 'list("XX-+0123456789.XX")),'): _FIRST,
    ("spec", "_yaml_loader", "Loader.add_implicit_resolver(tag, re.compile(regexp), None)"):
        "with no first characters every resolver is tried on every value, in the same order; the lists already "
        "hold every character each pattern can start with, and the patterns do not overlap (int before float)",
    ("textfile", "_read_bytes", "os.set_blocking(fd, False)"):
        "the descriptor is a regular file here (checked just above): O_NONBLOCK has no effect on regular files",
    ("textfile", "_read_bytes", "chunk = os.read(fd, min(2 << 20, max_bytes + 1 - total))"):
        "the size of one read (1 or 2 MiB): the bytes read and the limit are the same",
    ("textfile", "_read_bytes", "chunk = os.read(fd, min(1 << 21, max_bytes + 1 - total))"):
        "the size of one read (1 or 2 MiB): the bytes read and the limit are the same",
    ("textfile", "_utf16_or_32", 'if data.startswith((b"\\xff\\xfe\\x00\\x00", b"\\x00\\x00\\xfe\\xff")) and '
                                 'decodes("UTF-32"):'): _CODEC,
    ("textfile", "_utf16_or_32", 'if data.startswith((b"\\xff\\xfe", b"\\xfe\\xff")) and decodes("UTF-16"):'): _CODEC,
    ("textfile", "_utf16_or_32", 'for zeros, other, codec in ((head[0::2], head[1::2], "UTF-16-BE"), '
                                 '(head[1::2], head[0::2], "utf-16-le")):'): _CODEC,
    ("textfile", "_utf16_or_32", 'for zeros, other, codec in ((head[0::2], head[1::2], "utf-16-be"), '
                                 '(head[1::2], head[0::2], "UTF-16-LE")):'): _CODEC,
    ("textfile", "read_text_file", 'text = data.decode("UTF-8")'): _CODEC,
}

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout",
          -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout", 37: "type check", None: "not checked"}


def mutmut_bin() -> str:
    exe = Path(sys.executable).with_name("mutmut")
    return str(exe) if exe.exists() else "mutmut"


def _toml_list(items) -> str:
    return "[" + ", ".join(json.dumps(x) for x in items) + "]"


def _new_tests(module: str) -> str:
    return f"tests/test_mutants_{module}.py"


_FRESH = '''"""pytest plugin for mutmut runs, written by scripts/mutation.py: each run of a mutant's tests starts
with bpnn's caches empty, so that no result the unmutated code computed (in the process the mutant's
process was forked from) stands in for the mutant's own."""
import sys


def pytest_sessionstart(session):
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("bpnn"):
            continue
        for attr, value in list(vars(module).items()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
            elif isinstance(value, dict) and "CACHE" in attr.upper() and not attr.startswith("__"):
                value.clear()
'''


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return _toml_list(v)
    return json.dumps(v)


def prepare(module: str, baseline: bool = False) -> Path:
    """The module's working directory: links to the checkout, a copy of tests/ (``baseline``: without the
    module's own mutant-killing tests, tests/test_mutants_<module>.py, so that the score is that of the
    other tests) and a pyproject.toml whose [tool.mutmut] is the checkout's with this module's files
    and tests, and the plugin that empties bpnn's caches before each run of a mutant's tests."""
    import tomllib

    files, tests = MODULES[module]
    d = WORK / module
    d.mkdir(parents=True, exist_ok=True)
    for name in ("bpnn", "book", "conftest.py"):
        link = d / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name)
    if (d / "tests").is_symlink():
        (d / "tests").unlink()
    shutil.copytree(ROOT / "tests", d / "tests", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
    if baseline:
        (d / _new_tests(module)).write_text('"""Left out: the score of the other tests."""\n', encoding="utf-8")
    (d / "mutmut_fresh.py").write_text(_FRESH, encoding="utf-8")
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    cfg = dict(tomllib.loads(text)["tool"]["mutmut"])
    cfg["only_mutate"] = files
    cfg["pytest_add_cli_args_test_selection"] = tests
    cfg["also_copy"] = [*cfg.get("also_copy", []), "mutmut_fresh.py"]
    cfg["pytest_add_cli_args"] = [*cfg.get("pytest_add_cli_args", []), "-p", "mutmut_fresh"]
    text = re.split(r"(?m)^\[tool\.mutmut\]", text)[0].rstrip() + "\n\n[tool.mutmut]\n"
    text += "".join(f"{k} = {_toml_value(v)}\n" for k, v in cfg.items())
    pp = d / "pyproject.toml"
    if not pp.exists() or pp.read_text(encoding="utf-8") != text:
        pp.write_text(text, encoding="utf-8")
    return d


def results(module: str) -> dict[str, str]:
    """mutant name -> status, from mutmut's files of the module."""
    out: dict[str, str] = {}
    files, _ = MODULES[module]
    for f in files:
        meta = WORK / module / "mutants" / (f + ".meta")
        if not meta.exists():
            continue
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data.get("exit_code_by_key", {}).items():
            out[name] = STATUS.get(code, "suspicious")
    return out


_DIFFS: dict[tuple[str, str], str] = {}


def mutant_diff(module: str, name: str) -> str:
    """The diff of one mutant (mutmut's own, computed in this process: ``mutmut show`` costs a second each)."""
    key = (module, name)
    if key in _DIFFS:
        return _DIFFS[key]
    m = re.match(r"^(.*)\.x[_ǁ]", name)
    try:
        from mutmut.mutation.diff_apply import get_diff_for_mutant

        cwd = os.getcwd()
        os.chdir(WORK / module)
        try:
            diff = get_diff_for_mutant(name, path=Path(m.group(1).replace(".", "/") + ".py"))
        finally:
            os.chdir(cwd)
        diff = f"# {name}\n{diff}"
    except Exception:          # noqa: BLE001 - any trouble: ask mutmut itself
        diff = subprocess.run([mutmut_bin(), "show", name], cwd=WORK / module, capture_output=True,
                              text=True).stdout
    _DIFFS[key] = diff
    return diff


def _changed_line(diff: str) -> str:
    plus = [ln[1:].strip() for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    return plus[0] if plus else ""


def _function(name: str) -> str:
    m = re.search(r"\.x_?(.*)__mutmut_\d+$", name)
    return (m.group(1) if m else name).replace("ǁ", ".").strip(".")


def equivalents(module: str, names) -> dict[str, str]:
    """The mutants among ``names`` listed in EQUIVALENT, with their reasons."""
    funcs = {f for (m, f, _) in EQUIVALENT if m == module}
    if not funcs:
        return {}
    out = {}
    for n in names:
        if _function(n) not in funcs:
            continue
        line = _changed_line(mutant_diff(module, n))
        for (m, f, eq_line), why in EQUIVALENT.items():
            if m == module and f == _function(n) and eq_line == line:
                out[n] = why
    return out


_GENERATE = """
from mutmut.__main__ import copy_src_dir, copy_also_copy_files, setup_source_paths, create_mutants
copy_src_dir(); copy_also_copy_files(); setup_source_paths(); create_mutants(1)
"""


def mutant_names(module: str) -> list[str]:
    """Every mutant of the module, generated first where mutmut has not yet done so (mutmut's own
    generation step, without its test runs)."""
    names = results(module)
    if not names:
        d = prepare(module)
        subprocess.run([sys.executable, "-c", _GENERATE], cwd=d, check=True, stdout=subprocess.DEVNULL)
        names = results(module)
    return sorted(names)


def draw_sample(module: str, n: int, seed: int) -> list[str]:
    """A random sample of ``n`` of the module's mutants, the same for the same seed and the same code;
    kept in ``.mutation/<module>/sample.json`` for :func:`report`.  mutmut runs the mutants whose tests
    are fastest first, so the mutants a run stopped early has tested are no fair sample: this is."""
    import random

    names = mutant_names(module)
    kept = WORK / module / "sample.json"
    if kept.exists():
        # the sample drawn before with this seed and size stays the sample (its mutants that the code's
        # changes since have renamed or removed left out): a change of the code must not redraw it
        old = json.loads(kept.read_text(encoding="utf-8"))
        if old.get("seed") == seed and len(old.get("names", ())) == n:
            current = set(names)
            return [x for x in old["names"] if x in current]
    random.Random(seed).shuffle(names)      # a larger n with the same seed takes in the smaller sample
    picked = sorted(names[:n])
    (WORK / module / "sample.json").write_text(json.dumps({"seed": seed, "of": len(names), "names": picked},
                                                         indent=1), encoding="utf-8")
    return picked


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion k/n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def run(module: str, jobs: int, rerun: str | None, baseline: bool = False, sample: int = 0,
        seed: int = 1) -> float:
    d = prepare(module, baseline)
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)          # the mutants, not the checkout, must be imported
    seeds = ROOT.parent / "shared" / "seeds"
    if "BPNN_SEEDS" not in env and seeds.is_dir():
        env["BPNN_SEEDS"] = str(seeds)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")
    names: list[str] = []
    if sample:
        names = draw_sample(module, sample, seed)
        if not rerun:           # the sample's mutants that an earlier run has already tested keep their result
            done = results(module)
            names = [n for n in names if done.get(n) in (None, "not checked")]
            if not names:
                print(f"{module}: every mutant of the sample has a result")
                return 0.0
    if rerun:
        wanted = set(rerun.split(","))
        pool = set(names) if names else None
        names = sorted(n for n, s in results(module).items() if s in wanted and (pool is None or n in pool))
        if not names:
            print(f"{module}: no mutant is {rerun}")
            return 0.0
    cmd = ["nice", "-n", "19", mutmut_bin(), "run", "--max-children", str(jobs), *names]
    print(f"{module}: {' '.join(cmd[:6])}{' … ' + str(len(names)) + ' mutants' if names else ''}  (in {d})",
          flush=True)
    t0 = time.perf_counter()
    with open(d / "mutmut-run.log", "w", encoding="utf-8") as log:
        proc = subprocess.run(cmd, cwd=d, env=env, stdout=log, stderr=subprocess.STDOUT)
    secs = time.perf_counter() - t0
    print(f"{module}: mutmut exited with {proc.returncode} after {secs:.0f} s (log: {d / 'mutmut-run.log'})",
          flush=True)
    if baseline and proc.returncode == 0:
        (d / "baseline.json").write_text(json.dumps({"results": results(module), "seconds": secs}, indent=1),
                                         encoding="utf-8")
    return secs


def report(modules, survivors: bool, json_out: str | None) -> None:
    rows, data, samples = [], {}, []
    for module in modules:
        res = results(module)
        if not res:
            print(f"{module}: not run yet")
            continue
        counts: dict[str, int] = {}
        for s in res.values():
            counts[s] = counts.get(s, 0) + 1
        live = [n for n, s in res.items() if s not in ("killed", "timeout")]
        eq = equivalents(module, live)
        total = len(res) - len(eq)
        caught = counts.get("killed", 0) + counts.get("timeout", 0)
        score = caught / total if total else 1.0
        before = ""
        base = WORK / module / "baseline.json"
        if base.exists():
            b = json.loads(base.read_text(encoding="utf-8"))["results"]
            b_caught = sum(s in ("killed", "timeout") for n, s in b.items() if n not in eq)
            b_total = sum(n not in eq for n in b)
            before = f"{b_caught}/{b_total} = {100 * b_caught / b_total:.1f}%" if b_total else ""
        smp = WORK / module / "sample.json"
        sample_note = ""
        if smp.exists():
            sdata = json.loads(smp.read_text(encoding="utf-8"))
            tested = [n for n in sdata["names"] if res.get(n) not in (None, "not checked") and n not in eq]
            k = sum(res[n] in ("killed", "timeout") for n in tested)
            lo, hi = wilson(k, len(tested))
            sample_note = (f"random sample (seed {sdata['seed']}) of {len(sdata['names'])} of {sdata['of']} mutants, "
                           f"{len(tested)} run: {k}/{len(tested)} = {100 * k / max(1, len(tested)):.1f}% "
                           f"(95% interval {100 * lo:.1f}–{100 * hi:.1f}%)")
            data.setdefault(module, {})["sample"] = {"seed": sdata["seed"], "run": len(tested), "caught": k,
                                                     "interval": [lo, hi],
                                                     "survivors": sorted(n for n in tested
                                                                         if res[n] not in ("killed", "timeout"))}
            samples.append((module, sample_note))
        rows.append((module, len(res), counts.get("killed", 0), counts.get("timeout", 0), counts.get("survived", 0),
                     counts.get("no tests", 0), counts.get("not checked", 0) + counts.get("suspicious", 0)
                     + counts.get("skipped", 0), len(eq), f"{caught}/{total} = {100 * score:.1f}%", before))
        data.setdefault(module, {}).update({"counts": counts, "equivalent": eq, "score": score, "before": before,
                                            "survivors": sorted(n for n in live if n not in eq),
                                            "not_run": sorted(n for n in live if res[n] == "not checked")})
    print(f"{'module':<10} {'mutants':>8} {'killed':>7} {'timeout':>8} {'survived':>9} {'no tests':>9} "
          f"{'other':>6} {'equiv.':>7} {'score':>20} {'before the new tests':>22}")
    for m, n, k, t, s, nt, o, e, sc, bf in rows:
        print(f"{m:<10} {n:>8} {k:>7} {t:>8} {s:>9} {nt:>9} {o:>6} {e:>7} {sc:>20} {bf:>22}")
    for module, note in samples:
        print(f"{module}: {note}")
    if survivors:
        for module, d in data.items():
            run_live = [n for n in d["survivors"] if n not in set(d["not_run"])]
            print(f"\n== {module}: {len(run_live)} run and not killed"
                  + (f" ({len(d['not_run'])} not run, not listed)" if d["not_run"] else ""))
            for n in run_live:
                print(mutant_diff(module, n).rstrip())
            for n, why in d["equivalent"].items():
                print(f"equivalent: {n}: {why}")
    if json_out:
        Path(json_out).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="mutation testing of bpnn with mutmut, module by module")
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="run mutmut on modules (all by default), then print the table")
    r.add_argument("modules", nargs="*", metavar="module", help=", ".join(MODULES))
    r.add_argument("--jobs", type=int, default=1, help="mutmut workers (default 1)")
    r.add_argument("--baseline", action="store_true", help="without tests/test_mutants_<module>.py (the score "
                   "before those tests); the results are kept in .mutation/<module>/baseline.json")
    r.add_argument("--sample", type=int, default=0, metavar="N",
                   help="run a random sample of N mutants only (the score is then estimated, with its interval)")
    r.add_argument("--seed", type=int, default=1, help="the seed of --sample (default 1)")
    r.add_argument("--rerun", metavar="STATUS", help="run again the mutants of these statuses (comma-separated), "
                   "e.g. survived,no tests")
    q = sub.add_parser("report", help="the score table of the last runs")
    q.add_argument("modules", nargs="*", metavar="module", help=", ".join(MODULES))
    q.add_argument("--survivors", action="store_true", help="list the mutants not killed, with their diffs")
    q.add_argument("--json", help="write the results as JSON to this file")
    s = sub.add_parser("show", help="the diff of one mutant")
    s.add_argument("mutant")
    args = p.parse_args(argv)
    if args.cmd == "show":
        module = next((m for m, (files, _) in MODULES.items()
                       if any(args.mutant.startswith(f[:-3].replace("/", ".") + ".") for f in files)), None)
        if module is None:
            raise SystemExit(f"{args.mutant}: not a mutant of {', '.join(MODULES)}")
        print(mutant_diff(module, args.mutant))
        return 0
    modules = args.modules or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        raise SystemExit(f"unknown module {', '.join(unknown)}; the modules are {', '.join(MODULES)}")
    if args.cmd == "run":
        total = 0.0
        for m in modules:
            total += run(m, args.jobs, args.rerun, args.baseline, args.sample, args.seed)
        print(f"total: {total:.0f} s")
    report(modules, getattr(args, "survivors", False), getattr(args, "json", None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
