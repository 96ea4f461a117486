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

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
