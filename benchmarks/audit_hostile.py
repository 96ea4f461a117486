"""Time and memory of ``bpnn audit`` on hostile inputs (the budget: 5 s per MB and 1 GiB).

Each input is written to a temporary folder and audited in a fresh process; the script prints the
wall time and the peak memory (from ``resource``) of each run and the exit status.

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
t = time.perf_counter()
try:
    rc = main(["audit", sys.argv[1]])
except SystemExit as exc:
    rc = exc.code
sys.stdout.flush()
print(f"@@ {time.perf_counter() - t:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} {rc}",
      file=sys.stderr)
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


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in inputs(quick).items():
            path = Path(tmp) / "article.md"
            path.write_text(text, encoding="utf-8")
            mb = path.stat().st_size / 1e6
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True)
            wall = time.perf_counter() - t0
            stats = [ln for ln in proc.stderr.splitlines() if ln.startswith("@@")]
            inner, mem, rc = (stats[0].split()[1:] if stats else ("?", "?", proc.returncode))
            print(f"{name:32s} {mb:7.2f} MB  audit {inner:>6} s (process {wall:5.2f} s)  peak {mem:>5} MB  exit {rc}")


if __name__ == "__main__":
    main()
