"""Sphinx extension: the notebooks the build must run, run side by side before Sphinx reads them.

With ``execute_notebooks: cache`` myst-nb runs each notebook that its execution cache does not
hold when Sphinx reads that page, one after the other, although each runs in a kernel of its
own: on a machine with two cores the build waited about 100 s for 27 notebooks that two
kernels run in about half that.  The root build also runs the Chinese edition's notebooks
(``app.bpnn_extra_notebooks``, set by ``bpnn_editions``) into the same cache, so all 27 run side by
side before either edition's build reads a page.

When Sphinx is about to read the pages (``env-before-read-docs``), this extension takes every
notebook among them that the cache does not hold and runs it the way myst-nb does
(:func:`jupyter_cache.executors.utils.single_nb_execution` on the notebook as read, in the
notebook's own folder, with the book's ``timeout`` and ``allow_errors``), as many at a time as
the machine has cores (at most :data:`MAX_JOBS`; ``BPNN_BUILD_JOBS`` sets another number, 1 turns
this off).  Each notebook that succeeds is stored in the cache as myst-nb stores one it ran
(:meth:`~jupyter_cache.base.JupyterCacheAbstract.cache_notebook_bundle`, with its execution
time), so when Sphinx reads the page myst-nb finds it there ("Using cached notebook").  Nothing
else changes: the outputs are those of the same execution, and a notebook that fails here is not
stored, so myst-nb runs it again itself and fails the build with its usual report.

The kernels' numerical libraries use one thread each (``OPENBLAS_NUM_THREADS`` and the like,
unless the caller set them), as in the test suite: two kernels on two cores, each starting a
thread per core, would wait on each other.  The kernels inherit the environment, with it the
run's shared-results directory (``bpnn_editions``): a Chinese twin that starts while its English
page computes a shared result waits for it instead of computing it twice.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path, PurePosixPath

from sphinx.util import logging

LOG = logging.getLogger(__name__)
MAX_JOBS = 4
ENV_JOBS = "BPNN_BUILD_JOBS"


def jobs() -> int:
    """How many notebooks to run at once: ``BPNN_BUILD_JOBS`` if set, else the usable cores (≤ 4)."""
    raw = os.environ.get(ENV_JOBS, "").strip()
    if raw:
        try:
            n = int(raw)
        except ValueError:
            LOG.warning(f"bpnn: {ENV_JOBS}={raw!r} is not a whole number; running notebooks one at a time",
                        type="bpnn", subtype="prerun")
            return 1
        return max(1, n)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:          # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))


def _execute(path: str, timeout: int, allow_errors: bool) -> tuple[str, str | None, float, str | None]:
    """Run one notebook as myst-nb does (in a worker process).  Returns (path, the executed notebook
    as JSON or None, seconds, the error's description or None)."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    nb = nbformat.read(path, as_version=4)
    result = single_nb_execution(nb, cwd=str(Path(path).parent), allow_errors=allow_errors,
                                 timeout=timeout, meta_override=True)
    if result.err is not None:
        return path, None, result.time, f"{type(result.err).__name__}: {result.err}"[:500]
    return path, nbformat.writes(nb), result.time, None


def _order(paths: list[Path]) -> list[Path]:
    """English pages first (their twins read what they compute), each edition in reading order."""
    return sorted(paths, key=lambda p: "/zh/" in p.as_posix())


def _before_read(app, env, docnames) -> None:
    nb_config = getattr(env, "mystnb_config", None)     # myst-nb's settings, as it uses them
    if nb_config is None or nb_config.execution_mode != "cache" or nb_config.execution_in_temp:
        return
    n = jobs()
    if n < 2:
        return
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.cache.db import NbProjectRecord

    cache = get_cache(nb_config.execution_cache_path)
    todo = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix != ".ipynb" or any(PurePosixPath(path.as_posix()).match(pat) for pat in nb_config.execution_excludepatterns):
            continue
        try:
            cache.match_cache_notebook(nbformat.read(str(path), as_version=4))
        except KeyError:
            todo.append(path)
    # the other edition's notebooks (bpnn_editions: the Chinese edition is built from the same
    # cache right after), run here with these so that both editions' kernels share the cores
    for path in getattr(app, "bpnn_extra_notebooks", ()):
        try:
            cache.match_cache_notebook(nbformat.read(str(path), as_version=4))
        except KeyError:
            todo.append(Path(path))
    if len(todo) < 2:
        return
    n = min(n, len(todo))
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    LOG.info(f"bpnn: running {len(todo)} notebooks, {n} at a time, before reading them")
    start = time.perf_counter()
    failed = 0
    with ProcessPoolExecutor(max_workers=n, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_execute, str(p), int(nb_config.execution_timeout),
                               bool(nb_config.execution_allow_errors)) for p in _order(todo)]
        for future in as_completed(futures):
            try:
                path, text, seconds, error = future.result()
            except Exception as exc:        # a worker that died: myst-nb runs the notebook itself
                failed += 1
                LOG.info(f"bpnn: a notebook run failed in its worker ({type(exc).__name__}: {exc}); "
                         "it runs again when its page is read")
                continue
            if error is not None:
                failed += 1
                LOG.info(f"bpnn: {path} failed ({error}); it runs again when its page is read, to report it")
                continue
            record = cache.add_nb_to_project(path)
            NbProjectRecord.remove_tracebacks([record.pk], cache.db)
            cache.cache_notebook_bundle(
                CacheBundleIn(nbformat.reads(text, as_version=4), record.uri,
                              data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True)
            LOG.info(f"bpnn: {path} ran in {seconds:.2f} s")
    LOG.info(f"bpnn: {len(todo) - failed} of {len(todo)} notebooks ran in {time.perf_counter() - start:.1f} s")


def setup(app):
    app.connect("env-before-read-docs", _before_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
