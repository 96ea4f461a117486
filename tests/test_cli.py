"""The command line as its users meet it (issue 20): streams that fail, Ctrl-C, a terminal's width,
Chinese, the help, and filters written the short way.

Streams and signals are tested through fresh processes (``python -m bpnn``) where the behaviour is
the process's own (a closed descriptor, /dev/full, a pipe closed by its reader, SIGINT), and in
process where a fake stream is enough.
"""
from __future__ import annotations

import io
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import bpnn
import bpnn.articles.claims as claims_pkg
from bpnn.activations import ACTIVATIONS
from bpnn.articles.claims.registry import Claim
from bpnn.cli import main
from bpnn.losses import LOSSES
from bpnn.spec import KEYS, LAYER_KEYS, parse_spec
from bpnn.termout import display_width, progress, terminal_width

ROOT = Path(__file__).resolve().parent.parent
MAZUR = ROOT / "tests" / "data" / "mazur.json"
NUMBER = re.compile(r"-?\d+\.\d+(?:e[+-]\d+)?")


def run(*argv, **kw):
    return subprocess.run([sys.executable, "-m", "bpnn", *argv], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, **kw)


def run_main(capsys, *argv):
    try:
        rc = main(list(argv))
    except SystemExit as exc:
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def big_spec(tmp_path):
    """A spec whose JSON trace is a few megabytes: far more than a pipe holds."""
    net = bpnn.Network.random([200, 200, 10], ["tanh", "softmax"], seed=0)
    layers = [{"weights": l.W.tolist(), "bias": l.b.tolist(), "activation": l.activation.name} for l in net.layers]
    t = [0.0] * 10
    t[3] = 1.0
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"layers": layers, "loss": "cross_entropy", "input": np.linspace(-1, 1, 200).tolist(),
                                "target": t}))
    return path


def one_line(err: str, *words) -> str:
    lines = err.strip("\n").splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


# ----------------------------------------------------------------------------- output that cannot be written
def test_a_closed_stdout_is_one_line_and_exit_2():
    proc = subprocess.run(f"{sys.executable} -m bpnn trace {MAZUR} >&-", shell=True, capture_output=False,
                          stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    one_line(proc.stderr, "bpnn trace: error:", "standard output is closed")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("flag", [[], ["--json"]], ids=["table", "json"])
def test_a_full_device_is_one_line_and_exit_2(flag):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "bpnn", "trace", str(MAZUR), *flag], stdout=full,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    one_line(proc.stderr, "bpnn trace: error:", "No space left on device")


def test_a_pipe_closed_early_is_one_line_and_not_exit_0(big_spec):
    """`bpnn trace big.json --json | head -1`: the reader goes away after one line."""
    proc = subprocess.Popen([sys.executable, "-m", "bpnn", "trace", str(big_spec), "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 2
    assert first == b"{\n"
    one_line(err, "bpnn trace: error:", "broken pipe")


class _BrokenPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


@pytest.fixture
def few_claims(monkeypatch):
    few = [c for c in claims_pkg.all_claims() if c.chapter in ("facts", "sigmoid")]
    monkeypatch.setattr(claims_pkg, "all_claims", lambda: few)
    return few


def test_a_broken_pipe_never_turns_a_mismatch_into_exit_0(few_claims, monkeypatch, capsys):
    """check finds a verdict that differs from its review (exit 1), then cannot print it: never exit 0."""
    real = Claim.evaluate

    def wrong(self):
        o = real(self)
        return type(o)(**{**o.__dict__, "verdict": next(v for v in type(o.verdict) if v != self.reviewed)}) \
            if hasattr(o, "__dict__") else o
    monkeypatch.setattr(Claim, "evaluate", wrong)
    assert main(["check", "--chapter", "sigmoid"]) == 1          # the mismatch, printed normally
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", _BrokenPipe())
    rc = main(["check", "--chapter", "sigmoid"])
    err = capsys.readouterr().err
    assert rc == 2
    one_line(err, "bpnn check: error:", "broken pipe")


# ----------------------------------------------------------------------------- Ctrl-C
#: the number of the read system call, where /proc/PID/syscall names the call a process is blocked in
_READ = {"x86_64": "0", "amd64": "0", "aarch64": "63", "arm64": "63"}.get(platform.machine().lower())


def _wait_until_reading_standard_input(proc: subprocess.Popen, fallback: float = 1.5) -> None:
    """Return once ``proc`` is blocked reading its standard input (Linux: /proc/PID/syscall says
    read(0, …)); where that cannot be seen, after ``fallback`` seconds (started and blocked by then)."""
    path = Path(f"/proc/{proc.pid}/syscall")
    end = time.monotonic() + 30
    while _READ is not None and time.monotonic() < end and proc.poll() is None:
        try:
            call = path.read_text().split()
        except OSError:
            break
        if call[:2] == [_READ, "0x0"]:
            return
        time.sleep(0.02)
    time.sleep(fallback)


def test_ctrl_c_while_trace_waits_for_its_input_is_exit_130():
    proc = subprocess.Popen([sys.executable, "-m", "bpnn", "trace", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)
    _wait_until_reading_standard_input(proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and out == ""
    assert err.strip() == "bpnn trace: interrupted"


def test_ctrl_c_while_check_computes_is_exit_130_and_leaves_no_temporary_file(few_claims, monkeypatch, capsys,
                                                                              tmp_path):
    monkeypatch.delenv("BPNN_NO_CACHE", raising=False)
    monkeypatch.setenv("BPNN_CACHE_DIR", str(tmp_path / "cache"))
    calls = []

    def interrupted(self):
        calls.append(self.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self)
    real = Claim.evaluate
    monkeypatch.setattr(Claim, "evaluate", interrupted)
    rc, out, err = run_main(capsys, "check")
    assert rc == 130 and out == "" and err.strip() == "bpnn check: interrupted"
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


# ----------------------------------------------------------------------------- options that do not go together
@pytest.mark.parametrize("argv,word", [(["--json", "--digits", "3"], "--digits"), (["--json", "--lang", "zh"], "--lang")])
def test_trace_refuses_table_options_with_json(argv, word, capsys):
    rc, out, err = run_main(capsys, "trace", str(MAZUR), *argv)
    assert rc == 2 and out == ""
    one_line(err, "bpnn trace: error:", word, "--json")


# ----------------------------------------------------------------------------- the terminal's width
def _numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("digits", ["6", "17"])
@pytest.mark.parametrize("columns", [40, 60, 80])
def test_trace_fits_the_width_and_keeps_every_number(columns, digits, lang, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "400")
    rc, wide, _ = run_main(capsys, "trace", str(MAZUR), "--digits", digits, "--lang", lang)
    monkeypatch.setenv("COLUMNS", str(columns))
    rc2, narrow, _ = run_main(capsys, "trace", str(MAZUR), "--digits", digits, "--lang", lang)
    assert rc == rc2 == 0
    assert max(display_width(line) for line in narrow.splitlines()) <= columns
    assert max(display_width(line) for line in wide.splitlines()) > columns     # there was something to wrap
    assert _numbers(narrow) == _numbers(wide)                                    # wrapped, not cut


def test_without_a_terminal_the_width_is_80(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    proc = run("trace", str(MAZUR))
    assert proc.returncode == 0
    assert max(display_width(line) for line in proc.stdout.splitlines()) <= 80
    assert terminal_width() >= 40


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_fits_the_width_counting_chinese_as_two(lang, few_claims, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "64")
    rc, out, _ = run_main(capsys, "check", "--lang", lang)
    assert rc == 0 and out.strip()
    too_wide = [line for line in out.splitlines() if display_width(line) > 64]
    assert not too_wide, too_wide[:3]
    if lang == "zh":
        assert any(display_width(line) != len(line) for line in out.splitlines())   # Chinese was measured


# ----------------------------------------------------------------------------- trace in Chinese
def test_trace_in_chinese_has_chinese_labels_and_the_same_numbers(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "200")
    _, en, _ = run_main(capsys, "trace", str(MAZUR))
    _, zh, _ = run_main(capsys, "trace", str(MAZUR), "--lang", "zh")
    for word in ("前向传播", "反向传播", "误差项", "学习率", "更新前的损失", "更新后的损失"):
        assert word in zh
    for word in ("Forward pass", "Backward pass", "loss after the step"):
        assert word not in zh
    assert _numbers(en) == _numbers(zh)


# ----------------------------------------------------------------------------- trace --help
def test_trace_help_lists_what_a_spec_holds_from_the_tables(capsys, monkeypatch):
    from bpnn.losses import Loss

    # a loss registered now appears: the list is read from the registry, not typed
    extra = Loss("test_only_loss", lambda a, t: 0.0, lambda a, t: a * 0)
    monkeypatch.setitem(LOSSES, extra.name, extra)
    with pytest.raises(SystemExit) as exc:
        main(["trace", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    for key in [*KEYS, *LAYER_KEYS, *ACTIVATIONS, *LOSSES]:
        assert re.search(rf"\b{key}\b", text), key
    assert "test_only_loss" in text


def test_the_example_in_trace_help_is_a_spec_that_runs(capsys):
    import yaml

    with pytest.raises(SystemExit):
        main(["trace", "--help"])
    text = capsys.readouterr().out
    lines = text.split("as YAML:\n", 1)[1].split("\n\n", 1)[0]
    spec = parse_spec(yaml.safe_load(lines), "help example")
    tr = bpnn.trace_spec(spec) if hasattr(bpnn, "trace_spec") else __import__("bpnn.trace").trace.trace_spec(spec)
    assert abs(tr.loss - 0.298371109) < 1e-9      # Mazur's E_total before the step


# ----------------------------------------------------------------------------- check --article 2
@pytest.mark.parametrize("short", ["2", "02", " 2 "])
def test_check_article_2_is_article_002(short, capsys):
    _, long_out, _ = run_main(capsys, "check", "--article", "002", "--chapter", "sigmoid", "--json")
    rc, out, err = run_main(capsys, "check", "--article", short, "--chapter", "sigmoid", "--json")
    assert rc == 0 and out == long_out and json.loads(out)["count"] > 0


# ----------------------------------------------------------------------------- progress
class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_on_a_terminal_and_nothing_elsewhere(monkeypatch):
    items = list(range(5))
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert progress(items, 5, "x") is items                     # not a terminal: the iterable itself
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    assert list(progress(items, 5, "computing", delay=0)) == items
    assert "computing" in tty.getvalue() and "/5" in tty.getvalue()


def test_check_prints_nothing_on_stderr_when_it_is_not_a_terminal(few_claims):
    proc = subprocess.run([sys.executable, "-c", "import sys\nfrom bpnn.cli import main\n"
                           "sys.exit(main(['check', '--chapter', 'sigmoid']))"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, env=dict(os.environ, BPNN_NO_CACHE="1"))
    assert proc.returncode == 0 and proc.stderr == ""


def _in_a_terminal(code: str, rows: int, cols: int) -> str:
    """Run Python ``code`` with a pseudo-terminal of rows × cols as its standard streams; what it shows."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:   # pragma: no cover - the child
        try:
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.chdir(ROOT)
            os.execv(sys.executable, [sys.executable, "-c", code])
        finally:
            os._exit(127)
    buf = b""
    while select.select([fd], [], [], 60)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    os.waitpid(pid, 0)
    return buf.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("rows,cols", [(24, 80), (0, 0)], ids=["80x24", "no-size"])
def test_progress_draws_a_bar_in_a_real_terminal(rows, cols):
    code = ("import time\nfrom bpnn.termout import progress\n"
            "for i in progress(range(12), 12, 'computing verdicts', delay=0.1):\n    time.sleep(0.04)\nprint('END')\n")
    shown = _in_a_terminal(code, rows, cols)
    bars = [x for x in shown.split("\r") if "computing verdicts" in x and "/12" in x]
    assert bars, shown[-300:]
    assert all(len(b.rstrip()) <= (cols or 80) for b in bars)
    assert "END" in shown


@pytest.mark.parametrize("argv,word", [(["trace", str(MAZUR), "--digits", "x"], "--digits"), (["frobnicate"], "frobnicate"),
                                       (["trace"], "spec"), (["check", "--lang", "fr"], "--lang"), ([], "COMMAND")],
                         ids=["digits", "command", "missing", "lang", "nothing"])
def test_usage_errors_are_one_line_too(argv, word, capsys):
    rc, out, err = run_main(capsys, *argv)
    assert rc == 2 and out == ""
    one_line(err, "error:", word, "--help")


def test_display_width_counts_columns_as_unicodedata_does():
    """The width of a text is the sum of its characters' columns (wide 2, combining 0, else 1), the
    fast path for ASCII included: every ASCII character, control characters too, counted alone."""
    import unicodedata

    def columns(text):
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
                   for ch in text)

    samples = ["".join(map(chr, range(128))), "z_1 = 0.5", "", "反向传播 z=0.5", "e\u0301", "ＡＢ ab", "\t\x00"]
    for text in samples:
        assert display_width(text) == columns(text), text
    assert display_width("反向") == 4 and display_width("e\u0301") == 1 and display_width("ab\x7f") == 3
