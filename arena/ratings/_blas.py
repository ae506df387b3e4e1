"""Hold BLAS at one thread while the Newton solver runs.

OpenBLAS parallelises LU factorisations from 100 x 100 up. For the many small systems solved here
that gains nothing on an idle machine, and when other processes keep the cores busy its spinning
threads make every solve far slower: 134 solves of 100 x 100 took 80 to 220 ms with two BLAS
threads on a loaded 2-core machine, 9 to 11 ms with one. threadpoolctl (installed with
scikit-learn) does the limiting when it is importable; without it the code runs unchanged, and an
operator can get the same effect with ``OPENBLAS_NUM_THREADS=1``.
"""

from __future__ import annotations

import functools
from contextlib import AbstractContextManager, nullcontext


@functools.cache
def _controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()  # scans the loaded BLAS libraries once (about 1.5 ms)


def one_blas_thread() -> AbstractContextManager:
    """Context manager: BLAS (numpy's and scipy's OpenBLAS) runs on one thread inside it."""
    controller = _controller()
    if controller is None:
        return nullcontext()
    return controller.limit(limits=1, user_api="blas")
