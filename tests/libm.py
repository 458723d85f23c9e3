"""Whether numpy's float64 transcendental functions give the C library's values on this machine.

core.kernels.smooth_part (the complete method's smooth-earth part, compiled) calls the C library's exp, log10, pow,
cos and arccos; numpy calls the same C functions on machines without AVX-512 (the bench and CI machines), so the
compiled and numpy paths agree bit for bit there, and the tests say so.  On AVX-512 numpy has its own vectorised
versions (SVML) that may differ in the last bit: the tests then compare within a tolerance far below anything a
coverage raster shows (:func:`same_values`).
"""
from __future__ import annotations

import functools
import math

import numpy as np


@functools.lru_cache(maxsize=1)
def numpy_is_libm() -> bool:
    """True when numpy's float64 exp, log10, power, cos and arccos equal Python's math functions (the C library's)
    on 20,000 random arguments in the ranges the coverage engine uses."""
    rng = np.random.default_rng(20261207)
    x = rng.uniform(1e-6, 1e4, 20000)
    c = rng.uniform(-1.0, 1.0, 20000)
    pairs = ((np.exp(-x / 60.0), [math.exp(v) for v in -x / 60.0]),
             (np.log10(x), [math.log10(v) for v in x]),
             (np.power(x, -1.0 / 3.0), [v ** (-1.0 / 3.0) for v in x]),
             (np.power(x, 1.425), [v ** 1.425 for v in x]),
             (np.power(x, 3.0), [v ** 3.0 for v in x]),
             (np.cos(c * 3.0), [math.cos(v) for v in c * 3.0]),
             (np.arccos(c), [math.acos(v) for v in c]))
    return all(np.array_equal(a, np.array(b)) for a, b in pairs)


def same_values(a, b, atol_db=1e-4) -> bool:
    """``a`` and ``b`` (arrays of one shape and type) are equal bit for bit where numpy uses the C library
    (:func:`numpy_is_libm`); else floats within ``atol_db`` (NaN where the other is NaN: float32 losses of ~100 dB
    have a last place of 8e-6 dB) and integers (a count of sites above a threshold) differing in at most 0.1 % of
    the cells."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    floating = np.issubdtype(a.dtype, np.floating)
    if numpy_is_libm():
        return bool(np.array_equal(a, b, equal_nan=floating))
    if floating:
        return bool(np.allclose(a, b, rtol=0.0, atol=atol_db, equal_nan=True))
    return bool(np.mean(a != b) <= 1e-3)
