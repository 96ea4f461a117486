"""Benchmarks, run by one command:  python benchmarks/run.py  [--quick] [--only NAME ...]

Every ratio is measured in the same run, engine and reference interleaved
(15 rounds, the best round of each):

* ``step``   one bpnn SGD step inside ``bpnn.fit`` (the training loop: inputs checked
             once, every overflow still detected at every step) against a minimal
             hand-written NumPy step of the same network (XOR 2-3-1, batch 4; and
             784-128-10, batch 256, random data); targets ≤ 1.5× and ≤ 1.1×.  The
             stand-alone API step (``net.gradients`` + ``SGD.step``, which checks its
             arguments every call) is reported beside it.
             Both start from the same weights; the script first checks that the
             two steps give the same updated weights.
* ``torch``  the same two networks in PyTorch (CPU, float64, autograd), where
             torch is importable; skipped otherwise.
* ``audit``  ``bpnn audit`` on all five articles (a fresh process; target < 2 s),
             where the articles are beside the checkout; skipped otherwise.
* ``check``  ``bpnn check`` in a fresh process, 3 times with ``--fresh`` (every registered claim
             computed: sympy proofs, training runs) and 3 times with nothing changed (answered
             from its verdict cache, in a temporary directory; target ≤ 1 s); the two outputs
             must be identical.
* ``hostile`` ``bpnn trace`` on every hostile spec of tests/test_bad_input.py (HOSTILE) and on
             the largest specs the size limits admit (JSON, YAML), each in a fresh process:
             wall time and peak memory (targets: refusals ≤ 1 s; large specs ≤ 10 s and 1 GiB).
* ``finetune`` the fine-tuning chapter's whole comparison, computed in this process: the
             pre-training, each way on 20 target points, then on 10, 20 and 40 points ten draws
             each (CPU time of this process, so a busy machine does not count; target < 60 s).
* ``suite``  the whole test suite as the README runs it (target ≤ 90 s).
* ``build``  the book: a clean build and an unchanged rebuild into a temporary
             folder (targets ≤ 180 s and ≤ 20 s).

``--quick`` runs ``step``, ``torch``, ``audit``, ``check``, ``hostile`` and ``finetune`` only.  NumPy (and torch) use one
thread (OPENBLAS/OMP/MKL_NUM_THREADS=1 unless already set) so that ratios do not
depend on what else the machine is doing; ``--threads N`` changes that.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"xor": 1.5, "mnist": 1.1}


def _set_threads(n: int) -> None:
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(n))


# ----------------------------------------------------------------------------- timing
def _per_call(fn, number: int) -> float:
    t0 = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - t0) / number


def compare(fns: dict, seconds: float = 1.0, rounds: int = 15) -> dict:
    """Seconds per call of each function: interleaved rounds, the best round of each.

    The minimum (as ``timeit`` reports) estimates the cost of the code itself; on
    a shared machine the median mostly measures the neighbours."""
    for fn in fns.values():  # warm up and calibrate
        fn()
    slowest = max(_per_call(fn, 3) for fn in fns.values())
    number = max(1, int(seconds / rounds / max(slowest, 1e-9) / len(fns)))
    samples = {k: [] for k in fns}
    for _ in range(rounds):
        for k, fn in fns.items():
            samples[k].append(_per_call(fn, number))
    return {k: min(v) for k, v in samples.items()}


def _fmt_t(s: float) -> str:
    return f"{s * 1e6:9.1f} µs" if s < 1e-3 else f"{s * 1e3:9.3f} ms"


# ----------------------------------------------------------------------------- the networks
def problem(name: str):
    import numpy as np

    rng = np.random.default_rng(0)
    if name == "xor":
        sizes, X = [2, 3, 1], np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
        T = np.array([[0.0, 1.0, 1.0, 0.0]])
        lr = 0.5
    else:
        sizes, m = [784, 128, 10], 256
        X = rng.random((784, m))
        T = np.zeros((10, m))
        T[rng.integers(0, 10, m), np.arange(m)] = 1.0
        # small enough that thousands of steps do not saturate the sigmoids: saturated
        # units give subnormal numbers, whose slow arithmetic would be measured instead
        lr = 1e-4
    return sizes, X, T, lr


np = None  # NumPy, imported in main() after the thread count is set


def numpy_step(Ws, bs, X, T, lr):
    """A minimal hand-written SGD step: sigmoid layers, loss ½Σ(a − t)², batch as columns."""
    a = [X]
    for W, b in zip(Ws, bs):
        a.append(1.0 / (1.0 + np.exp(-(W @ a[-1] + b[:, None]))))
    d = (a[-1] - T) * a[-1] * (1.0 - a[-1])
    for l in range(len(Ws) - 1, -1, -1):
        gW, gb = d @ a[l].T, d.sum(axis=1)
        if l:
            d = (Ws[l].T @ d) * a[l] * (1.0 - a[l])
        Ws[l] -= lr * gW
        bs[l] -= lr * gb


def bench_step(results: dict) -> None:
    import numpy as np

    import bpnn

    print("\n== bpnn SGD step vs a hand-written NumPy step (same network, same data) ==")
    for name in ("xor", "mnist"):
        sizes, X, T, lr = problem(name)
        net = bpnn.Network.random(sizes, "sigmoid", seed=1)
        opt = bpnn.SGD(lr)
        Ws = [l.W.copy() for l in net.layers]
        bs = [l.b.copy() for l in net.layers]

        # the two steps must agree before their speed means anything
        ref = net.copy()
        opt.step(ref, ref.gradients(X, T, "half_sse"))
        Wc, bc = [w.copy() for w in Ws], [b.copy() for b in bs]
        numpy_step(Wc, bc, X, T, lr)
        for l, layer in enumerate(ref.layers):
            assert np.allclose(layer.W, Wc[l], rtol=1e-12, atol=1e-14), f"{name}: steps differ in W{l + 1}"
            assert np.allclose(layer.b, bc[l], rtol=1e-12, atol=1e-14), f"{name}: steps differ in b{l + 1}"

        # fit's steps give the same weights as the API's steps
        a, b = net.copy(), net.copy()
        for _ in range(3):
            opt.step(a, a.gradients(X, T, "half_sse"))
        bpnn.fit(b, X, T, opt, epochs=3)
        assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters())), f"{name}: fit differs"

        k = 200 if name == "xor" else 4   # steps per fit call

        def engine_fit():
            bpnn.fit(net, X, T, opt, epochs=k)

        def engine_api():
            opt.step(net, net.gradients(X, T, "half_sse"))

        def handwritten():
            numpy_step(Ws, bs, X, T, lr)

        t = compare({"fit": engine_fit, "api": engine_api, "numpy": handwritten},
                    seconds=3.0 if name == "mnist" else 2.0)
        t["fit"] /= k
        ratio = t["fit"] / t["numpy"]
        ok = "meets" if ratio <= TARGETS[name] else "MISSES"
        label = f"{name} {'-'.join(map(str, sizes))} batch {X.shape[1]}"
        print(f"{label:<28} bpnn.fit {_fmt_t(t['fit'])}/step  numpy {_fmt_t(t['numpy'])}  "
              f"ratio {ratio:5.2f}x  ({ok} target ≤ {TARGETS[name]}x);  API step {_fmt_t(t['api'])} "
              f"= {t['api'] / t['numpy']:.2f}x")
        results[f"step_{name}"] = (t["fit"], t["numpy"], ratio)


def bench_torch(results: dict) -> None:
    try:
        import torch
    except ImportError:
        print("\n== PyTorch: skipped (torch is not installed; it is optional) ==")
        return
    import numpy as np

    import bpnn

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    print(f"\n== bpnn SGD step vs PyTorch {torch.__version__} (CPU, float64, autograd) ==")
    for name in ("xor", "mnist"):
        sizes, X, T, lr = problem(name)
        net = bpnn.Network.random(sizes, "sigmoid", seed=1)
        opt = bpnn.SGD(lr)
        params = []
        for layer in net.layers:
            params += [torch.tensor(layer.W.copy(), requires_grad=True),
                       torch.tensor(layer.b.copy()[:, None], requires_grad=True)]
        Xt, Tt = torch.tensor(X), torch.tensor(T)

        def torch_step():
            a = Xt
            for i in range(0, len(params), 2):
                a = torch.sigmoid(params[i] @ a + params[i + 1])
            loss = 0.5 * ((a - Tt) ** 2).sum()
            loss.backward()
            with torch.no_grad():
                for p in params:
                    p -= lr * p.grad
                    p.grad = None

        # agreement first
        ref = net.copy()
        opt.step(ref, ref.gradients(X, T, "half_sse"))
        torch_step()
        assert np.allclose(params[0].detach().numpy(), ref.layers[0].W, rtol=1e-10, atol=1e-12), f"{name}: torch differs"

        def engine():
            opt.step(net, net.gradients(X, T, "half_sse"))

        t = compare({"bpnn": engine, "torch": torch_step}, seconds=2.0 if name == "mnist" else 1.0)
        ratio = t["bpnn"] / t["torch"]
        label = f"{name} {'-'.join(map(str, sizes))} batch {X.shape[1]}"
        print(f"{label:<28} bpnn {_fmt_t(t['bpnn'])}  torch {_fmt_t(t['torch'])}  ratio {ratio:5.2f}x")
        results[f"torch_{name}"] = (t["bpnn"], t["torch"], ratio)


def _articles() -> list[Path] | None:
    from bpnn.articles import ARTICLES, seeds_dir

    d = seeds_dir()
    return None if d is None else [d / f for f in ARTICLES.values()]


def bench_audit(results: dict) -> None:
    paths = _articles()
    if paths is None:
        print("\n== bpnn audit: skipped (the articles are not beside this checkout) ==")
        return
    cmd = [sys.executable, "-m", "bpnn", "audit", *map(str, paths)]
    print("\n== bpnn audit on all five articles (a fresh process each time, target < 2 s) ==")
    with tempfile.TemporaryDirectory(prefix="bpnn-bench-cache-") as cache:
        # cold: an empty user cache (only the parse trees stored in the package);
        # warm: the cache the cold run left behind
        env = dict(os.environ, BPNN_CACHE_DIR=cache)
        times = []
        for _ in range(4):
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
            times.append(time.perf_counter() - t0)
            if proc.returncode not in (0, 1):
                print(f"bpnn audit exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
                return
    cold, best = times[0], min(times[1:])
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    print(f"bpnn audit, 5 articles: cold cache {cold:.2f} s, warm best of 3 {best:.2f} s; "
          f"{'meets' if max(cold, best) < 2 else 'MISSES'} target < 2 s; exit {proc.returncode}")
    print(f"  {summary}")
    results["audit_cold"] = cold
    results["audit"] = best


def _measured(cmd: list[str]) -> tuple[float, float, int]:
    """(seconds, peak resident MiB, exit status) of one fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, proc.returncode


def _large_specs(tmp: Path) -> dict:
    """The largest specs the limits admit: one n × n identity layer of 1s (JSON: 10 MB; YAML: 2 MB)."""
    from bpnn.spec import MAX_BYTES, MAX_YAML_BYTES

    out = {}
    n = int((MAX_BYTES / 2.05) ** 0.5)  # "1," per number, and a little for the rest
    row = "[" + ",".join(["1"] * n) + "]"
    text = ('{"layers":[{"weights":[' + ",".join([row] * n) + '],"bias":' + row +
            ',"activation":"identity"}],"loss":"half_sse","input":' + row + ',"target":' + row + ',"learning_rate":1e-9}')
    assert len(text) <= MAX_BYTES
    (tmp / "large.json").write_text(text)
    out[f"largest JSON ({n}x{n}, {len(text) / 1e6:.1f} MB)"] = tmp / "large.json"
    n = int((MAX_YAML_BYTES / 3.1) ** 0.5)
    row = "[" + ", ".join(["1"] * n) + "]"
    text = (f"layers:\n- weights: [{', '.join([row] * n)}]\n  bias: {row}\n  activation: identity\n"
            f"loss: half_sse\ninput: {row}\ntarget: {row}\nlearning_rate: 1.0e-9\n")
    assert len(text) <= MAX_YAML_BYTES
    (tmp / "large.yaml").write_text(text)
    out[f"largest YAML ({n}x{n}, {len(text) / 1e6:.1f} MB)"] = tmp / "large.yaml"
    return out


def bench_hostile(results: dict) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    import test_bad_input as T

    print("\n== bpnn trace on hostile specs (fresh process each; targets: refusal ≤ 1 s, large spec ≤ 10 s and 1 GiB) ==")
    worst_t, worst_m = (0.0, ""), (0.0, "")
    with tempfile.TemporaryDirectory(prefix="bpnn-bench-hostile-") as tmp:
        tmp = Path(tmp)
        rows = []
        for i, (name, fname, content, _) in enumerate(T.HOSTILE):
            case = tmp / f"case{i}"
            case.mkdir()
            rows.append((name, T._write_case(case, fname, content), [], 2))
        for name, path in _large_specs(tmp).items():
            rows.append((name, path, [], 0))
            rows.append((name + " --json", path, ["--json"], 0))
        for name, path, extra, want in rows:
            t, mem, rc = _measured([sys.executable, "-m", "bpnn", "trace", str(path), *extra])
            flag = "" if rc == want else f"  UNEXPECTED exit {rc}"
            print(f"{name:<58} {t:6.2f} s {mem:7.0f} MiB  exit {rc}{flag}")
            worst_t = max(worst_t, (t, name))
            worst_m = max(worst_m, (mem, name))
    print(f"worst time {worst_t[0]:.2f} s ({worst_t[1]}); worst memory {worst_m[0]:.0f} MiB ({worst_m[1]})")
    results["hostile"] = (worst_t, worst_m)


def bench_check(results: dict) -> None:
    """``bpnn check`` in a fresh process: ``--fresh`` (every claim computed: sympy proofs, training
    runs) and a second run with nothing changed (answered from its verdict cache), in a cache
    directory of its own.  The cached output must be the computed output, byte for byte."""
    print("\n== bpnn check, a fresh process each time (3 runs each; target ≤ 1 s) ==")
    with tempfile.TemporaryDirectory() as d:
        env = {k: v for k, v in os.environ.items() if k != "BPNN_NO_CACHE"}
        env["BPNN_CACHE_DIR"] = d
        fresh, cached, outs = [], [], set()
        for argv, times in ((["--fresh"], fresh), ([], cached)):
            for _ in range(3):
                t0 = time.perf_counter()
                proc = subprocess.run([sys.executable, "-m", "bpnn", "check", *argv], cwd=ROOT,
                                      capture_output=True, text=True, env=env)
                times.append(time.perf_counter() - t0)
                if proc.returncode:
                    print(f"bpnn check {' '.join(argv)} exited {proc.returncode}:\n{proc.stderr[-2000:].strip()}")
                outs.add(proc.stdout)
    same = "identical" if len(outs) == 1 else "DIFFERENT"
    print(f"bpnn check --fresh (every verdict computed): {min(fresh):.2f}–{max(fresh):.2f} s")
    print(f"bpnn check (nothing changed: the cache):     {min(cached):.2f}–{max(cached):.2f} s  "
          f"{'meets' if max(cached) <= 1 else 'MISSES'} target ≤ 1 s; output {same} to the computed one")
    results["check"] = (min(cached), max(cached))
    results["check_fresh"] = (min(fresh), max(fresh))


def bench_finetune(results: dict) -> None:
    """What tests/test_finetuning.py once timed (test_whole_comparison_runs_well_under_a_minute)."""
    from bpnn.articles import finetune as F

    print("\n== the fine-tuning chapter's whole comparison, in this process (CPU time; target < 60 s) ==")
    cpu, wall = time.process_time(), time.perf_counter()
    (Xs, Ts), _, _ = F.finetune_data()
    pre, _ = F.pretrain(Xs, Ts)
    t_pre = time.process_time() - cpu
    F.finetune_comparison(pre, n_target=20, k=0)
    for n in (10, 20, 40):
        for k in range(10):
            F.finetune_comparison(pre, n_target=n, k=k)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"pre-training {t_pre:.2f} s, then 31 comparisons (3 ways × 300 Adam steps each): {cpu:.2f} s CPU "
          f"in all ({wall:.2f} s wall)  {'meets' if cpu < 60 else 'MISSES'} target < 60 s")
    results["finetune"] = cpu


def _timed(cmd: list[str], env=None) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    return time.perf_counter() - t0, proc.returncode, proc.stdout[-2000:] + "\n" + proc.stderr[-600:]


def bench_suite(results: dict) -> None:
    print("\n== the test suite, as the README runs it (python -m pytest; target ≤ 90 s) ==")
    env = dict(os.environ)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.pop(var, None)
    t, rc, tail = _timed([sys.executable, "-m", "pytest", "-q"], env)
    summary = [l.strip("= ") for l in tail.splitlines() if re.search(r"\d+ (passed|failed|error)", l)][-1:] or ["?"]
    print(f"python -m pytest: {t:.1f} s, exit {rc} ({summary[0]})  {'meets' if t <= 90 else 'MISSES'} target ≤ 90 s")
    results["suite"] = t


def bench_build(results: dict) -> None:
    if shutil.which("jupyter-book") is None:
        print("\n== book build: skipped (jupyter-book is not installed) ==")
        return
    print("\n== the book: clean build and unchanged rebuild (targets ≤ 180 s and ≤ 20 s) ==")
    with tempfile.TemporaryDirectory(prefix="bpnn-bench-book-") as out:
        cmd = ["jupyter-book", "build", ".", "--path-output", out, "-W", "-n", "--keep-going"]
        t1, rc1, tail1 = _timed(cmd)
        print(f"clean build:       {t1:6.1f} s, exit {rc1}  {'meets' if t1 <= 180 else 'MISSES'} target ≤ 180 s")
        t2, rc2, tail2 = _timed(cmd)
        print(f"unchanged rebuild: {t2:6.1f} s, exit {rc2}  {'meets' if t2 <= 20 else 'MISSES'} target ≤ 20 s")
        if rc1 or rc2:
            print((tail1 if rc1 else tail2).strip())
    results["build_clean"], results["build_rebuild"] = t1, t2


BENCHES = {"step": bench_step, "torch": bench_torch, "audit": bench_audit, "check": bench_check,
           "hostile": bench_hostile, "finetune": bench_finetune, "suite": bench_suite, "build": bench_build}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="only step, torch, audit, check, hostile and finetune")
    p.add_argument("--only", nargs="+", choices=list(BENCHES), help="run only these")
    p.add_argument("--threads", type=int, default=1, help="BLAS threads for NumPy and torch (default 1)")
    args = p.parse_args(argv)
    _set_threads(args.threads)
    global np
    import numpy as np

    names = args.only or (["step", "torch", "audit", "check", "hostile", "finetune"] if args.quick else list(BENCHES))
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs, "
          f"{os.environ['OPENBLAS_NUM_THREADS']} BLAS thread(s); {platform.platform()}")
    results: dict = {}
    for n in names:
        BENCHES[n](results)
    return 0


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))  # after PYTHONPATH, so a patched copy of bpnn can be measured
    sys.exit(main())
