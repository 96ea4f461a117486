"""Plant mistakes in the engine and check that the unit tests notice each one.

    python scripts/mutation_test.py              # every mutant; prints the score and the killing tests
    python scripts/mutation_test.py --list       # the mutants, without running anything
    python scripts/mutation_test.py -k sign      # only mutants whose name contains "sign"
    python scripts/mutation_test.py --json out.json

Each mutant is one textual change to one file of ``bpnn/`` (the forward pass,
the backward pass, the losses, the optimizers), applied to a temporary COPY of
the repository (never to the checkout itself).  The unit tests (``tests/``,
without the notebooks and the browser test) then run in the copy with
``PYTHONPATH`` pointing at it.  A mutant is *killed* when at least one test that
passes on the unmutated copy fails; it *survives* otherwise.  Tests that already
fail on the unmutated copy are ignored (and listed).

A mutation whose original text is no longer in the file (the engine changed) is
reported as "not applicable" rather than silently skipped; update the list.
Exit status: 0 when every applicable mutant is killed, 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".git", "_build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis",
                                ".venv", ".ipynb_checkpoints", "node_modules", ".jupyter_cache")


@dataclass(frozen=True)
class Mutant:
    """Replace ``old`` by ``new`` in ``file``.  ``old`` may be a tuple of alternatives
    (the engine's code as it was and as it is); the one that occurs exactly once is used,
    and ``new`` is then applied as a plain replacement of that text."""

    name: str
    file: str
    old: str | tuple
    new: str | tuple
    what: str

    def pick(self, text: str):
        """(old, new) that applies to this text, or None."""
        olds = self.old if isinstance(self.old, tuple) else (self.old,)
        news = self.new if isinstance(self.new, tuple) else (self.new,) * len(olds)
        for o, n in zip(olds, news):
            if text.count(o) == 1:
                return o, n
        return None


MUTANTS = [
    # --- the forward pass
    Mutant("forward-drop-bias", "bpnn/network.py",
           "layer.W @ a[-1] + b", "layer.W @ a[-1]",
           "forward pass forgets the bias: z = W a"),
    Mutant("forward-transpose-W", "bpnn/network.py",
           "layer.W @ a[-1] + b", "layer.W.T @ a[-1] + b",
           "forward pass uses Wᵀ (only runs for square layers)"),
    Mutant("forward-no-activation", "bpnn/network.py",
           ("a.append(layer.activation(z[-1]))", "a.append(layer.activation(z_l))", "a.append(layer.activation.f(z_l))"),
           ("a.append(z[-1])", "a.append(z_l)", "a.append(z_l)"),
           "forward pass skips the activation: a = z"),
    # where two spellings are listed, the first is the engine with /tmp/engine_patch.diff applied
    Mutant("sigmoid-negative-branch", "bpnn/activations.py",
           ("num = np.where(z >= 0, 1.0, e)", "np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))"),
           ("num = np.ones_like(e)", "np.where(z >= 0, 1.0 / (1.0 + e), 1.0 / (1.0 + e))"),
           "σ(z) wrong for z < 0 (gives σ(|z|))"),
    # --- the backward pass
    Mutant("drop-sigma-prime", "bpnn/activations.py",
           ("            return grad_a * self.derivative_from_a(a)\n        if self.derivative is not None:\n"
            "            return grad_a * self.derivative(z)", "return grad_a * self.derivative(z)"),
           ("            return grad_a\n        if self.derivative is not None:\n            return grad_a", "return grad_a"),
           "δ = ∂L/∂a without the factor f′(z) (BP1 and BP2)"),
    Mutant("sigmoid-prime-wrong", "bpnn/activations.py",
           ("sigmoid_prime, lambda a: a * (1.0 - a))", "    s = sigmoid(z)\n    return s * (1.0 - s)"),
           ("sigmoid_prime, lambda a: a)", "    s = sigmoid(z)\n    return s"),
           "σ′(z) = σ(z) instead of σ(z)(1 − σ(z))"),
    Mutant("tanh-prime-wrong", "bpnn/activations.py",
           ("_tanh_prime, lambda a: 1.0 - a * a)", "return 1.0 - t * t"), ("_tanh_prime, lambda a: 1.0 - a)", "return 1.0 - t"),
           "tanh′ = 1 − tanh instead of 1 − tanh²"),
    Mutant("softmax-jacobian-diagonal", "bpnn/activations.py",
           "return a * (grad_a - np.sum(a * grad_a, axis=0, keepdims=True))", "return a * grad_a",
           "softmax backprop keeps only the diagonal of the Jacobian"),
    Mutant("transpose-weight-gradient", "bpnn/network.py",
           "grad_W[l] = delta[l] @ a_prev.T", "grad_W[l] = (delta[l] @ a_prev.T).T",
           "∂L/∂W = (δ aᵀ)ᵀ for a batch (shape error unless square)"),
    Mutant("transpose-weight-gradient-1", "bpnn/network.py",
           "grad_W[l] = np.outer(delta[l], a_prev)", "grad_W[l] = np.outer(a_prev, delta[l])",
           "∂L/∂W = a δᵀ for one sample (shape error unless square)"),
    Mutant("bias-gradient-mean", "bpnn/network.py",
           "grad_b[l] = delta[l].sum(axis=1)", "grad_b[l] = delta[l].mean(axis=1)",
           "∂L/∂b averaged instead of summed over the batch"),
    Mutant("recursion-wrong-W", "bpnn/network.py",
           "W = self.layers[l - 1].W", "W = self.layers[l - 2].W",
           "error recursion uses W of layer l−1 instead of l+1 (off by one layer)"),
    Mutant("recursion-wrong-activation", "bpnn/network.py",
           "delta[l - 1] = self.layers[l - 2].activation.backprop(", "delta[l - 1] = self.layers[l - 1].activation.backprop(",
           "error recursion uses the next layer's activation (off by one layer)"),
    Mutant("recursion-stops-early", "bpnn/network.py",
           "if l > 1:", "if l > 2:",
           "error recursion stops one layer early (δ¹ never computed)"),
    Mutant("recursion-halved", "bpnn/network.py",
           "W.T @ delta[l]", "0.5 * (W.T @ delta[l])",
           "error recursion halves the propagated error"),
    # --- losses
    Mutant("half-sse-drop-half", "bpnn/losses.py",
           ("return 0.5 * float(np.add.reduce(d * d, axis=None))",),
           ("return float(np.add.reduce(d * d, axis=None))",),
           "half_sse value without the ½ (gradient unchanged)"),
    Mutant("half-sse-grad-doubled", "bpnn/losses.py",
           "def _half_sse_grad(a, t):\n    return a - t", "def _half_sse_grad(a, t):\n    return 2.0 * (a - t)",
           "half_sse gradient 2(a − t), i.e. the ½ dropped from the gradient"),
    Mutant("mse-drop-mean", "bpnn/losses.py",
           "return float(np.mean(d * d))", "return float(np.sum(d * d))",
           "mse value summed instead of averaged"),
    Mutant("mse-grad-drop-mean", "bpnn/losses.py",
           "return 2.0 * (a - t) / (n * m)", "return 2.0 * (a - t)",
           "mse gradient without the 1/(n·m)"),
    Mutant("half-sse-grad-sign", "bpnn/losses.py",
           "def _half_sse_grad(a, t):\n    return a - t", "def _half_sse_grad(a, t):\n    return t - a",
           "∂L/∂a = t − a (sign flipped)"),
    Mutant("fused-softmax-ce-no-mean", "bpnn/losses.py",
           ("        return (a - t) / m\n", "def _fused_ce(a, t):\n    _, m = _count(a)\n    return (a - t) / m\n"),
           ("        return a - t\n", "def _fused_ce(a, t):\n    _, m = _count(a)\n    return a - t\n"),
           "softmax + cross-entropy δᴸ without the 1/m"),
    Mutant("fused-sigmoid-bce-wrong-scale", "bpnn/losses.py",
           ("        return (a - t) / (n * m)\n", "def _fused_bce(a, t):\n    n, m = _count(a)\n    return (a - t) / (n * m)\n"),
           ("        return (a - t) / m\n", "def _fused_bce(a, t):\n    n, m = _count(a)\n    return (a - t) / m\n"),
           "sigmoid + bce δᴸ divided by m only"),
    # --- optimizers
    Mutant("sgd-sign-flip", "bpnn/optim.py",
           ("layer.W -= self.lr * grads.grad_W[l]", 'layer.W, lr * grads.grad_W[l], lr'),
           ("layer.W += self.lr * grads.grad_W[l]", 'layer.W, -lr * grads.grad_W[l], lr'),
           "SGD ascends: W ← W + η ∂L/∂W"),
    Mutant("sgd-bias-not-updated", "bpnn/optim.py",
           ("                layer.b -= self.lr * grads.grad_b[l]\n", "                    if self.train_biases:\n"),
           ("", "                    if False:\n"),
           "SGD leaves the biases unchanged"),
    Mutant("sgd-ignores-freeze", "bpnn/optim.py",
           ("            if layer.trainable:\n                layer.W -= self.lr",
            "                if layer.trainable:\n                    updates.append((l, \"W\""),
           ("            if True:\n                layer.W -= self.lr",
            "                if True:\n                    updates.append((l, \"W\""),
           "SGD updates frozen layers"),
    Mutant("momentum-no-velocity", "bpnn/optim.py",
           "v = g.copy() if v is None else self.beta * v + g", "v = g.copy()",
           "momentum forgets its velocity (plain SGD)"),
    Mutant("adam-no-bias-correction", "bpnn/optim.py",
           ("p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)", "self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)"),
           ("p -= self.lr * m / (np.sqrt(v) + self.eps)", "self.lr * m / (np.sqrt(v) + self.eps)"),
           "Adam without bias correction"),
    # --- the training loop's own SGD step (bpnn.fit)
    Mutant("fit-sgd-sign-flip", "bpnn/train.py",
           "        np.subtract(self.theta, new, out=new)", "        np.add(self.theta, new, out=new)",
           "fit's SGD step ascends"),
    Mutant("fit-ignores-freeze", "bpnn/train.py",
           ("            for lo, hi in self.frozen:\n", "        for lo, hi in self.frozen:\n"),
           ("            for lo, hi in ():\n", "        for lo, hi in ():\n"),
           "fit updates frozen layers (and biases with train_biases false)"),
    # fit's backward pass writes the gradients into its flat vector: the same equations, own lines
    Mutant("fit-weight-gradient-first-sample", "bpnn/network.py",
           "np.matmul(delta[l], a_prev.T, out=_out[l][0])", "np.matmul(delta[l][:, :1], a_prev.T[:1], out=_out[l][0])",
           "fit's ∂L/∂W from the batch's first sample only"),
    Mutant("fit-bias-gradient-mean", "bpnn/network.py",
           "_sum(delta[l], axis=1, out=_out[l][1])", "np.mean(delta[l], axis=1, out=_out[l][1])",
           "fit's ∂L/∂b averaged instead of summed over the batch"),
]


def copy_repo(dst: Path) -> None:
    shutil.copytree(ROOT, dst, ignore=IGNORE, symlinks=True)


def run_tests(copy: Path, timeout: int, first: bool = False) -> tuple[dict[str, str], float, str]:
    """Run tests/ in the copy; returns ({test id: outcome}, seconds, tail of output)."""
    xml = copy / "_mutation_junit.xml"
    env = dict(os.environ, PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1",
               OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env.pop("BPNN_HTML", None)
    if "BPNN_SEEDS" not in env:  # the copy is not beside shared/seeds: point it at the checkout's articles
        from bpnn.articles import seeds_dir

        seeds = seeds_dir()
        if seeds is not None:
            env["BPNN_SEEDS"] = str(seeds)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", "-o", "addopts=",
           "--ignore=tests/test_browser.py", f"--junitxml={xml}", "tests"] + (["-x"] if first else [])
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)
        tail = (proc.stdout + proc.stderr)[-1500:]
    except subprocess.TimeoutExpired:
        return {"<timeout>": "failed"}, time.perf_counter() - t0, "timeout"
    secs = time.perf_counter() - t0
    outcomes: dict[str, str] = {}
    if xml.exists():
        for case in ET.parse(xml).getroot().iter("testcase"):
            tid = f"{case.get('classname')}::{case.get('name')}"
            if case.find("failure") is not None or case.find("error") is not None:
                outcomes[tid] = "failed"
            elif case.find("skipped") is not None:
                outcomes[tid] = "skipped"
            else:
                outcomes[tid] = "passed"
        xml.unlink()
    if not outcomes:  # collection error: the whole suite is down, which kills the mutant
        outcomes["<collection>"] = "failed"
    return outcomes, secs, tail


def check_copy_is_used(copy: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(copy))
    out = subprocess.run([sys.executable, "-c", "import bpnn; print(bpnn.__file__)"], cwd=copy, env=env,
                         capture_output=True, text=True).stdout.strip()
    if not out.startswith(str(copy)):
        raise SystemExit(f"the copy's bpnn is not the one imported ({out}); refusing to run")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="mutation testing of the bpnn engine (in a temporary copy)")
    p.add_argument("-k", dest="pattern", help="only mutants whose name contains this")
    p.add_argument("--list", action="store_true", help="list the mutants and exit")
    p.add_argument("--json", help="write the results as JSON to this file")
    p.add_argument("--timeout", type=int, default=600, help="seconds per test run (default 600)")
    p.add_argument("--keep", action="store_true", help="keep the temporary copy")
    p.add_argument("-x", "--first", action="store_true",
                   help="stop each mutant's run at its first failing test (faster; names one killer only)")
    args = p.parse_args(argv)

    mutants = [m for m in MUTANTS if not args.pattern or args.pattern in m.name]
    if args.list:
        for m in mutants:
            print(f"{m.name:<32} {m.file:<22} {m.what}")
        return 0

    work = Path(tempfile.mkdtemp(prefix="bpnn-mut-"))
    base = work / "repo"
    copy_repo(base)
    check_copy_is_used(base)
    print(f"copy of the repository: {base}")
    baseline, secs, tail = run_tests(base, args.timeout)
    passing = {t for t, o in baseline.items() if o == "passed"}
    broken = sorted(t for t, o in baseline.items() if o == "failed")
    print(f"baseline: {len(passing)} tests pass, {len(broken)} fail (ignored), {secs:.1f} s")
    for t in broken:
        print(f"  already failing: {t}")
    if not passing:
        print(tail)
        raise SystemExit("no test passes on the unmutated copy")

    results = []
    originals = {}
    for m in mutants:
        path = base / m.file
        text = originals.setdefault(m.file, path.read_text(encoding="utf-8"))
        picked = m.pick(text)
        if picked is None:
            print(f"{m.name:<32} NOT APPLICABLE (the original text is not in {m.file} exactly once)")
            results.append({"name": m.name, "file": m.file, "what": m.what, "status": "not applicable", "killed_by": []})
            continue
        path.write_text(text.replace(*picked), encoding="utf-8")
        try:
            outcomes, secs, tail = run_tests(base, args.timeout, args.first)
        finally:
            path.write_text(text, encoding="utf-8")
        killers = sorted(t for t in passing if outcomes.get(t, "passed" if args.first else "failed") == "failed")
        if "<collection>" in outcomes or "<timeout>" in outcomes:
            killers = killers or sorted(outcomes)
        status = "killed" if killers else "SURVIVED"
        print(f"{m.name:<32} {status:<9} {len(killers):3d} tests  ({secs:.1f} s)  {m.what}")
        for t in killers[:4]:
            print(f"    {t}")
        if len(killers) > 4:
            print(f"    … and {len(killers) - 4} more")
        results.append({"name": m.name, "file": m.file, "what": m.what, "status": status.lower(),
                        "killed_by": killers})

    applicable = [r for r in results if r["status"] != "not applicable"]
    killed = [r for r in applicable if r["status"] == "killed"]
    print(f"\nmutation score: {len(killed)} / {len(applicable)} killed"
          + (f" ({len(results) - len(applicable)} not applicable)" if len(results) != len(applicable) else ""))
    for r in applicable:
        if r["status"] != "killed":
            print(f"  survived: {r['name']}: {r['what']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"score": [len(killed), len(applicable)], "mutants": results,
                                               "baseline_failing": broken}, indent=2), encoding="utf-8")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if len(killed) == len(applicable) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
