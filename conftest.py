"""Loaded by pytest before any test module (and before NumPy is imported): one BLAS thread.

The suite runs two workers (-n 2) on a 2-core machine, and nbval starts a kernel per
notebook.  With OpenBLAS's default of one thread per core, every worker and kernel
would start two threads for each matrix product, and on a busy machine the threads of
one process wait on each other: training runs then take ten times as long (measured:
the fine-tuning stand-in run 0.18 s with one thread, 1.8 s with two, on the loaded
machine).  The kernels nbval starts inherit this environment.  A value set by the
caller is kept.
"""
import os
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# The tests compute every verdict: bpnn check's cache of an earlier run (bpnn.articles.checkcache)
# is never read here, whatever the caller's environment says; tests/test_checkcache.py turns it on
# in a temporary directory of its own.
os.environ["BPNN_NO_CACHE"] = "1"


# --------------------------------------------------------------------------- the two editions
# Each chapter is a notebook twice: book/X.ipynb and its Chinese twin book/zh/X.ipynb.  Their
# costly results are computed once per run (bpnn.articles.session): the run's directory is made
# here, before the xdist workers start (they and their kernels inherit the variable), and the
# twins are scheduled as one scope, so that they run one after the other on the same worker
# and the second reads what the first computed instead of waiting on the other worker.

_SHARED_DIR = None


def pytest_configure(config):
    global _SHARED_DIR
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_TwinScheduler(), "bpnn-twin-scheduler")
    if not hasattr(config, "workerinput"):          # the controller (or a run without xdist)
        from bpnn.articles import session

        _SHARED_DIR = session.start()


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        from bpnn.articles import session

        session.finish(_SHARED_DIR)


def _twin_scope(nodeid: str) -> str:
    """The scope of a test for xdist's loadscope: its module, with book/zh/X.ipynb as book/X.ipynb."""
    module = nodeid.rsplit("::", 1)[0] if "::" in nodeid else nodeid
    return module.replace("book/zh/", "book/", 1) if module.startswith("book/zh/") else module


#: the slowest scopes of the suite (about 10 s or more each, measured with --durations=0), handed to
#: the two workers first: started last, one of them kept a worker busy after the other was done
_HEAVY_FIRST = ("tests/test_injection.py", "tests/test_four_equations.py", "book/four-equations.ipynb",
                "book/listing-001-numpy.ipynb", "book/worked-example-002.ipynb", "book/fine-tuning.ipynb",
                "tests/test_audit_html.py")


def pytest_collection_modifyitems(session, config, items):
    """The heavy scopes first (a stable sort: the order within a scope, and of the rest, is kept)."""
    rank = {scope: k for k, scope in enumerate(_HEAVY_FIRST)}
    items.sort(key=lambda item: rank.get(_twin_scope(item.nodeid), len(rank)))


class _TwinScheduler:
    """Registered only when xdist is loaded (``-p no:xdist`` knows no such hook)."""

    @staticmethod
    def pytest_xdist_make_scheduler(config, log):
        from xdist.scheduler import LoadScopeScheduling

        class TwinScopeScheduling(LoadScopeScheduling):
            def _split_scope(self, nodeid):
                return _twin_scope(nodeid)

        if config.getoption("dist") == "loadscope":
            return TwinScopeScheduling(config, log)
        return None


# --------------------------------------------------------------------------- kernels that fail to start
# Two kernels starting at once can collide on a port that jupyter_client chose for one of them and
# the other took before it was bound; the kernel then exits and nbval reports every cell of that
# notebook as failed.  (CI's determinism step lost a notebook that way; scripts/notebooks.py retries
# there.)  Here nbval's kernel start is retried the same way: only a start failure, at most three
# starts, nothing of the notebook has run yet.
_KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")


def _retrying(start, attempts: int = 3):
    def start_new_kernel(*args, **kwargs):
        for attempt in range(1, attempts + 1):
            try:
                return start(*args, **kwargs)
            except RuntimeError as exc:
                if attempt == attempts or not any(m in str(exc) for m in _KERNEL_START_FAILURES):
                    raise
    start_new_kernel.__wrapped__ = start
    return start_new_kernel


def _compile_package(config) -> None:
    """The package compiled to bytecode once, before the workers start: the suite starts some forty
    Python processes (workers, notebook kernels, the command line), and where the environment says
    not to write bytecode (``PYTHONDONTWRITEBYTECODE``) each compiled every module it imported
    anew, about 8 s of a 90 s suite on two cores.  Only ``__pycache__`` (ignored by git) is written."""
    if hasattr(config, "workerinput"):
        return
    import compileall

    compileall.compile_dir(str(Path(__file__).parent / "bpnn"), quiet=2)


def pytest_sessionstart(session):
    _compile_package(session.config)
    try:
        import nbval.kernel
    except ImportError:                     # nbval not installed: nothing to wrap
        return
    if not hasattr(nbval.kernel.start_new_kernel, "__wrapped__"):
        nbval.kernel.start_new_kernel = _retrying(nbval.kernel.start_new_kernel)
