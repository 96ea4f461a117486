"""Time and memory of ``bpnn audit`` on hostile inputs (the budget: 5 s per MB and 1 GiB).

Each input is written to a temporary folder and audited in a fresh process; the script prints the
time of the audit and its report (the package already imported), its CPU time and the CPU seconds
per MB (inputs of 50 kB or more: below that the fixed start-up of the audit dominates), the wall
time of the process, the peak memory (from ``resource``) of each run and the exit status.  The
CPU time is the measure of the budget (5 s per MB) when other work shares the machine.

The second part times the shapes of the hostile inputs whose verdicts tests/test_audit_find.py
checks (``HOSTILE`` there), and two costs the suite once bounded with a clock (a matrix literal
of 80×80 printed numbers, tests/test_audit_tensor.py; a parenthesis never closed in math,
tests/test_audit_verdicts.py): each at 4 and at 16 times the size the suite checks it at (4 times is
the size the suite ran the first fourteen at before it stopped timing them), with the ratio of the
two times.  A pass that is linear in the input gives a ratio near 4, a quadratic one near 16: a
ratio above 8 or a time above the budget is marked "OVER".  (The matrix is counted in elements,
40×40 in the suite, and timed at 1 and 4 times that: 16 times would pass the audit's bound on
the elements of a literal.)

    python benchmarks/audit_hostile.py            # everything, a few minutes
    python benchmarks/audit_hostile.py --quick    # without the 10 MB article
"""
from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import resource, sys, time
from bpnn.cli import main
import bpnn.articles.audit.command  # imported before the clock starts: the audit's time is the audit's
t, c = time.perf_counter(), time.process_time()
try:
    rc = main(["audit", sys.argv[1]])
except SystemExit as exc:
    rc = exc.code
sys.stdout.flush()
print(f"@@ {time.perf_counter() - t:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} {rc} "
      f"{time.process_time() - c:.2f}", file=sys.stderr)
"""


def inputs(quick: bool) -> dict[str, str]:
    rng = random.Random(1)
    out = {
        "350-term sum": "$$ " + " + ".join(["0.001"] * 350) + " = 0.35 $$\n",
        "5000-term sum": "$$ " + " + ".join(["0.001"] * 5000) + " = 5 $$\n",
        "10 000 nested \\frac": "$$ " + "\\frac{1}{" * 10000 + "2" + "}" * 10000 + " = 0.5 $$\n",
        "4000 distinct formulas": "\n\n".join(
            f"$$ {rng.random():.6f} \\cdot {rng.random():.6f} + {i} = {rng.random():.4f} $$" for i in range(4000)) + "\n",
        "600 distinct rounded inputs": "".join(f"$a_{{{i}}} \\approx {rng.random():.4f}$\n\n" for i in range(600))
        + "$$ " + " + ".join(f"{rng.random():.4f}" for _ in range(600)) + " = 300 $$\n",
        "overflow and malformed numbers": "$1e400 = 7$\n\n$1.5.2 = 0.3$\n\n$1e = 1$\n\n$e^{1000} = 1$\n\n$① = 1$\n",
        # the prose reader and the math finder: each of these was quadratic or worse (backtracking
        # regular expressions, a copy of the rest of the text per opener)
        "x = 1 ( then 1 MB of letters": "x = 1 (" + "a" * 1_000_000 + "\n",
        "x = then 1 MB of digits": "x = " + "1" * 1_000_000 + "x = 2\n",
        "50 000 unclosed <!--": "<!--\n" * 50_000,
        "50 000 unclosed inline <!--": "a <!-- " * 50_000 + "\n",
        "100 000 unclosed \\(": "\\( a " * 100_000 + "\n",
        "20 000 \\[ blocks after text": "text\n\\[ 1 + 1 = 2 \\]\n\n" * 20_000,
        "triple \\sum, nested": "$$ " + "\\sum_{i=1}^{3}\\sum_{j=1}^{3}\\sum_{k=1}^{3} " * 1 + "\\sum_{l=1}^{2}" * 8
        + " 1 = 6912 $$\n" + "$$ \\sum_{i=1}^{1000}\\sum_{j=1}^{1000} 1 = 1000000 $$\n",
        "one 1 MB line of math": "$$ " + " + ".join(["0.5"] * 170_000) + " = 85000 $$\n",
        "one 1 MB line of prose sums": " ".join(["a = 1 + 1 = 2"] * 75_000) + "\n",
        "quotes and lists 40 deep, 2000 times": ("> " * 40 + "$1 + 1 = 2$\n\n"
                                                  + "".join("  " * i + "- x\n" for i in range(40)) + "\n") * 2000,
        "fences and code in block quotes": ("> ```\n> $$ x\n> ```\n>\n>     $$ y\n\n") * 20_000,
    }
    if not quick:
        line = ("$$ z_1 = 0.1 \\cdot 1 + 0.1 = 0.2 $$ and Jo1 = 1/2 * (0.75136507 - 0.01)^2 = 0.298371109 "
                "反向传播\n\n")
        out["10 MB article"] = line * (10_000_000 // len(line.encode()))
    return out


def _matrix_literal(elements: int) -> str:
    """A square matrix of ``elements`` printed numbers times a vector, = the exact product
    (tests/test_audit_tensor.py's large literal as one line of an article)."""
    from decimal import Decimal
    from math import isqrt

    n = isqrt(elements)

    rng = random.Random(0)
    W = [[Decimal(rng.randint(-1000, 1000)) / 1000 for _ in range(n)] for _ in range(n)]
    x = [Decimal(rng.randint(-1000, 1000)) / 1000 for _ in range(n)]
    y = [sum(w * v for w, v in zip(row, x)) for row in W]
    return ("$$ \\begin{bmatrix}" + " \\\\ ".join(" & ".join(f"{w:.3f}" for w in row) for row in W)
            + "\\end{bmatrix} [" + ", ".join(f"{v:.3f}" for v in x) + "] = [" + ", ".join(f"{v:f}" for v in y)
            + "] $$\n")


#: name: (the size the suite checks, the input at size n[, the multiples of it timed]);
#: tests/test_audit_find.py checks the first fourteen's verdicts at that size
SCALED = {
    "parenthesis then letters": (5_000, lambda n: "x = 1 (" + "a" * n + "\n"),
    "a long run of digits": (12_000, lambda n: "x = " + "1" * n + "x = 2\n"),
    "a long run of spaces": (12_500, lambda n: "x = 1" + " " * n + "x\n"),
    "unclosed comments": (12_500, lambda n: "<!--\n" * n),
    "unclosed inline comments": (12_500, lambda n: "a <!-- " * n),
    "unclosed \\(": (25_000, lambda n: "\\( a " * n + "\n"),
    "escaped characters": (25_000, lambda n: "\\* a " * n + "\n"),
    "unclosed \\[ in a paragraph": (5_000, lambda n: "text \\[ a " * n + "\\]\n"),
    "row breaks with a bracket": (5_000, lambda n: "$$ " + "a \\\\[" * n + " $$\n"),
    "percent and words before a chain": (7_500, lambda n: "10% of " * n + "1 = 1\n"),
    "decimal commas": (5_000, lambda n: "1,5 = 2 " * n + "\n"),
    "words after a chain": (10_000, lambda n: "y = 1 " + "word " * n + "3\n"),
    "chains between words": (10_000, lambda n: "a = 1 and " * n + "\n"),
    "a table of split math": (5_000, lambda n: "| a | b |\n|---|---|\n" + "| $|x| = 1$ | 2 |\n" * n),
    # in the suite with a bound on its time until the suite stopped timing: now here
    "$x = 1 ( then letters$": (3_000, lambda n: "$x = 1 (" + "a" * n + "$\n"),
    "a matrix literal times a vector": (1_600, _matrix_literal, (1, 4)),
}


def _audit(tmp: str, text: str) -> tuple[float, str, str, str, float]:
    """(size in MB, the audit's own time, peak memory in MB, exit status, the process's wall time)."""
    path = Path(tmp) / "article.md"
    path.write_text(text, encoding="utf-8")
    mb = path.stat().st_size / 1e6
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    stats = [ln for ln in proc.stderr.splitlines() if ln.startswith("@@")]
    inner, mem, rc, cpu = (stats[0].split()[1:] if stats else ("?", "?", str(proc.returncode), "?"))
    _CPU[0] = cpu
    return mb, inner, mem, rc, wall


_CPU = ["?"]      # the CPU time of the last audit (the audit's own process): the budget's measure on a busy machine


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in inputs(quick).items():
            mb, inner, mem, rc, wall = _audit(tmp, text)
            cpu = _CPU[0]
            rate = f"{float(cpu) / mb:5.1f} s/MB" if cpu != "?" and mb >= 0.05 else "     –    "
            print(f"{name:32s} {mb:7.2f} MB  audit {inner:>6} s, CPU {cpu:>6} s = {rate} (process {wall:5.2f} s)  "
                  f"peak {mem:>5} MB  exit {rc}")
        print("\nat 4× and 16× the size tests/ check them at (the ratio: 4 is linear, 16 quadratic)")
        for name, (n, make, *factors) in SCALED.items():
            runs = [_audit(tmp, make(k * n)) for k in (factors[0] if factors else (4, 16))]
            (mb4, t4, _, rc4, _), (mb16, t16, mem16, rc16, _) = runs
            try:
                ratio = float(t16) / max(float(t4), 0.01)
                over = ratio > 8 or float(t16) > 5 * max(mb16, 0.2)
            except ValueError:
                ratio, over = float("nan"), True
            print(f"{name:32s} {mb4:6.2f} MB {t4:>6} s, {mb16:6.2f} MB {t16:>6} s: ×{ratio:4.1f}  "
                  f"peak {mem16:>5} MB  exit {rc4} {rc16}{'  OVER' if over else ''}")


if __name__ == "__main__":
    main()
