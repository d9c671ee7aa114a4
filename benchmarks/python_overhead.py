#!/usr/bin/env python3
"""What Python costs on top of the C++ core: gm.compute on 100 units x 40 indicators.

Measures, in one run (medians of repeated timings):

1. C++ alone: the bound Engine.bench_matrix loops N times inside C++ over exactly what
   gm.compute runs there (a dataset_view over the caller's columns, normalise, aggregate, rank
   every node) and returns nanoseconds per call; it copies and checks the unit ids at each call,
   which gm.compute given the same list of ids (or a DataFrame's index) does once;
2. gm.compute with numpy input (a Fortran-ordered float64 array) and with DataFrame input;
3. the same pipeline written in plain numpy (direction sign, min-max 0-100, weighted arithmetic
   means at two levels, ranks with ties "min" at every node), in two flavours: without missing
   values handling (the most favourable to numpy) and NaN-aware like govmetrics (skip missing
   children, renormalise weights). Its numbers are checked against govmetrics first.

Goals (issue 4): Python adds <= 20 us per call over C++; gm.compute >= 5x faster than plain numpy.
Goals (issue 10): C++ <= 30 us; gm.compute >= 10x faster than the NaN-aware numpy version.
Not a test: timings depend on the machine and its load (printed with the results).

    PYTHONPATH=build/python /usr/bin/python3 benchmarks/python_overhead.py [--repeat 15]

With --smoke it runs every variant once (the test command does, so the script cannot rot).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd

import govmetrics as gm

N_UNITS, N_DIMS, PER_DIM = 100, 5, 8  # 40 indicators in 5 dimensions


def make_problem(seed: int = 20240601):
    rng = np.random.default_rng(seed)
    units = [f"unit {i:03d}" for i in range(N_UNITS)]
    cols = [f"x{d}_{j}" for d in range(N_DIMS) for j in range(PER_DIM)]
    signs = np.where(rng.random(len(cols)) < 0.25, -1.0, 1.0)
    ind_w = rng.integers(1, 4, len(cols)).astype(float)
    dim_w = rng.integers(1, 4, N_DIMS).astype(float)
    latent = rng.normal(size=(N_UNITS, 1))
    x = np.asfortranarray(50 + 10 * latent * signs + 5 * rng.normal(size=(N_UNITS, len(cols))))
    nodes = [gm.Node("index")]
    nodes += [gm.Node(f"d{d}", parent="index", weight=dim_w[d]) for d in range(N_DIMS)]
    for k, c in enumerate(cols):
        d = k // PER_DIM
        nodes.append(gm.Node(f"i{k}", parent=f"d{d}", column=c, weight=ind_w[k],
                             direction="negative" if signs[k] < 0 else "positive"))
    m = gm.Methodology(nodes=nodes, normalize=gm.normalize.MinMax(lo=0, hi=100),
                       aggregate=gm.aggregate.Arithmetic(), missing=gm.missing.Skip(), ties="min")
    df = pd.DataFrame({c: x[:, k].copy() for k, c in enumerate(cols)}, index=pd.Index(units, name="unit"))
    return m, x, df, units, signs, ind_w, dim_w


def _rank_min(scores: np.ndarray) -> np.ndarray:
    """Ranks of every column, higher = 1, ties "min", NaN unranked (vectorised)."""
    n = scores.shape[0]
    key = np.where(np.isnan(scores), np.inf, -scores)
    order = np.argsort(key, axis=0, kind="stable")
    sv = np.take_along_axis(key, order, axis=0)
    new = np.ones_like(sv, dtype=bool)
    new[1:] = sv[1:] != sv[:-1]
    first = np.maximum.accumulate(np.where(new, np.arange(n)[:, None], 0), axis=0)
    ranks = np.empty_like(scores)
    np.put_along_axis(ranks, order, (first + 1).astype(float), axis=0)
    ranks[np.isnan(scores)] = np.nan
    return ranks


def numpy_pipeline(x, signs, ind_w, dim_w):
    """Plain numpy, no missing-value handling."""
    xs = x * signs
    mn, mx = xs.min(axis=0), xs.max(axis=0)
    norm = (xs - mn) / (mx - mn) * 100.0
    w = np.zeros((x.shape[1], N_DIMS))
    for d in range(N_DIMS):
        sl = slice(d * PER_DIM, (d + 1) * PER_DIM)
        w[sl, d] = ind_w[sl] / ind_w[sl].sum()
    dims = norm @ w
    index = dims @ (dim_w / dim_w.sum())
    scores = np.column_stack([index, dims, norm])  # framework order
    return scores, _rank_min(scores)


def numpy_pipeline_nan(x, signs, ind_w, dim_w):
    """Plain numpy, NaN-aware like govmetrics: skip missing children, renormalise weights."""
    xs = x * signs
    mn, mx = np.nanmin(xs, axis=0), np.nanmax(xs, axis=0)
    norm = (xs - mn) / (mx - mn) * 100.0

    def wmean(values, weights):
        avail = ~np.isnan(values)
        num = np.where(avail, values, 0.0) @ weights
        den = avail @ weights
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / den, np.nan)

    dims = np.column_stack([wmean(norm[:, d * PER_DIM:(d + 1) * PER_DIM], ind_w[d * PER_DIM:(d + 1) * PER_DIM])
                            for d in range(N_DIMS)])
    index = wmean(dims, dim_w)
    scores = np.column_stack([index, dims, norm])
    return scores, _rank_min(scores)


def per_call_us(fn, number: int) -> tuple[float, float]:
    """(thread CPU time, wall time) per call, in microseconds, over `number` calls. CPU time of
    the calling thread is the main figure: it does not count time spent descheduled on a loaded
    machine (gm.compute runs on the calling thread only, the GIL released or not)."""
    c0, w0 = time.thread_time_ns(), time.perf_counter_ns()
    for _ in range(number):
        fn()
    c1, w1 = time.thread_time_ns(), time.perf_counter_ns()
    return (c1 - c0) / number / 1000.0, (w1 - w0) / number / 1000.0


class _NoWork:
    """Stands in for the C++ engine and returns a finished result at once: gm.compute timed
    with it costs only its Python side (argument handling, pandas access, the Result). What
    gm.compute reads from the engine besides running it (e.g. ``label_columns``) comes from the
    real engine, so this stand-in follows the engine's interface as it grows."""

    def __init__(self, core, engine):
        self.core = core
        self._engine = engine

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def run_matrix(self, *args):
        return self.core

    def run_blocks(self, *args):
        return self.core


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15, help="timings per variant (median reported)")
    ap.add_argument("--number", type=int, default=300, help="calls per timing")
    ap.add_argument("--smoke", action="store_true",
                    help="one timing of one call per variant: checks that the script runs (the test "
                         "command uses it); its figures mean nothing")
    args = ap.parse_args()
    if args.smoke:
        args.repeat, args.number = 1, 1

    m, x, df, units, signs, ind_w, dim_w = make_problem()
    res = gm.compute(m, df)

    # the plain-numpy versions compute the same numbers
    for impl in (numpy_pipeline, numpy_pipeline_nan):
        s, r = impl(x, signs, ind_w, dim_w)
        np.testing.assert_allclose(s, res.scores.to_numpy(), rtol=0, atol=1e-9)
        assert np.array_equal(r, res.ranks.to_numpy()), impl.__name__
    assert np.array_equal(gm.compute(m, x, units=units).scores.to_numpy(), res.scores.to_numpy())

    engine = m._engine
    number, repeat = args.number, args.repeat
    for _ in range(3):  # warm up
        engine.bench_matrix(units, x, number)
        gm.compute(m, x, units=units)
        gm.compute(m, df)
        numpy_pipeline(x, signs, ind_w, dim_w)

    # interleave the variants so that load changes hit all of them alike
    variants = {
        "cpp": lambda: engine.bench_matrix(units, x, number),  # one call = `number` runs in C++
        "np": lambda: gm.compute(m, x, units=units),
        "df": lambda: gm.compute(m, df),
        "df_tables": lambda: gm.compute(m, df).scores,
        "ref": lambda: numpy_pipeline(x, signs, ind_w, dim_w),
        "ref_nan": lambda: numpy_pipeline_nan(x, signs, ind_w, dim_w),
    }
    # the Python side alone, measured directly (short calls, little noise): gm.compute around an
    # engine that does no work, plus the binding's conversions (unit ids to C++ strings, column
    # names, column pointers) that a real run adds before the C++ pipeline starts
    py_only = gm.Methodology._from_engine(engine)
    py_only._engine = _NoWork(res._core, engine)
    blocks = m._reader.blocks(df, "compute")
    variants.update({
        "np_py": lambda: gm.compute(py_only, x, units=units),
        "df_py": lambda: gm.compute(py_only, df),
        "np_conv": lambda: engine.matrix_addresses(units, x),
        "df_conv": lambda: engine.matrix_addresses(m._reader.unit_ids(df.index), x),
    })
    cpu: dict[str, list[float]] = {k: [] for k in variants}
    wall: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(repeat):
        for k, fn in variants.items():
            c, w = per_call_us(fn, 1 if k == "cpp" else number)
            if k == "cpp":
                c, w = c / number, w / number
            cpu[k].append(c)
            wall[k].append(w)
    med = {k: statistics.median(v) for k, v in cpu.items()}
    med_wall = {k: statistics.median(v) for k, v in wall.items()}
    # the overhead as the median of paired differences (each pair timed back to back)
    paired = {k: statistics.median(a - c for a, c in zip(cpu[k], cpu["cpp"])) for k in ("np", "df")}

    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"govmetrics {gm.__version__}, Python {sys.version.split()[0]}, numpy {np.__version__}, "
          f"pandas {pd.__version__}; {N_UNITS} units x {N_DIMS * PER_DIM} indicators "
          f"({len(m.codes)} nodes, every node ranked); medians of {repeat} timings of {number} calls "
          f"(thread CPU time; wall time in the last column); "
          f"load average {load[0]:.2f}, {os.cpu_count()} CPUs")
    print()
    rows = [
        ("C++ alone (Engine.bench_matrix, loop in C++)", med["cpp"]),
        ("gm.compute(m, ndarray)  [Fortran float64]", med["np"]),
        ("gm.compute(m, DataFrame)", med["df"]),
        ("gm.compute(m, DataFrame).scores  [+ table]", med["df_tables"]),
        ("plain numpy, no missing-value handling", med["ref"]),
        ("plain numpy, NaN-aware (as govmetrics)", med["ref_nan"]),
    ]
    keys = ["cpp", "np", "df", "df_tables", "ref", "ref_nan"]
    print(f"{'variant':50} {'CPU us':>8} {'- C++ us':>9} {'x C++':>7} {'numpy/this':>11} "
          f"{'numpyNaN/this':>14} {'wall us':>8}")
    for (name, us), k in zip(rows, keys):
        print(f"{name:50} {us:8.1f} {us - med['cpp']:9.1f} {us / med['cpp']:7.2f} "
              f"{med['ref'] / us:11.2f} {med['ref_nan'] / us:14.2f} {med_wall[k]:8.1f}")
    print()
    over_np, over_df = paired["np"], paired["df"]
    print(f"Python overhead over C++ (median of paired differences): numpy input {over_np:.1f} us, "
          f"DataFrame input {over_df:.1f} us "
          f"(goal <= 20 us): {'met' if max(over_np, over_df) <= 20 else 'NOT met'}")
    direct_np = med["np_py"] + med["np_conv"]
    direct_df = med["df_py"] + med["df_conv"]
    print(f"Python side measured directly (gm.compute around a no-work engine + the binding's "
          f"conversions): numpy input {med['np_py']:.1f} + {med['np_conv']:.1f} = {direct_np:.1f} us, "
          f"DataFrame input {med['df_py']:.1f} + {med['df_conv']:.1f} = {direct_df:.1f} us")
    speed_np, speed_df = med["ref"] / med["np"], med["ref"] / med["df"]
    print(f"plain numpy / gm.compute: numpy input {speed_np:.2f}x, DataFrame input {speed_df:.2f}x "
          f"(NaN-aware numpy: {med['ref_nan'] / med['np']:.2f}x, {med['ref_nan'] / med['df']:.2f}x) "
          f"(goal >= 5x): {'met' if min(speed_np, speed_df) >= 5 else 'NOT met'}")
    nan_np, nan_df = med["ref_nan"] / med["np"], med["ref_nan"] / med["df"]
    print(f"issue 10: C++ {med['cpp']:.1f} us (goal <= 30 us): "
          f"{'met' if med['cpp'] <= 30 else 'NOT met'}; NaN-aware numpy / gm.compute "
          f"{nan_np:.2f}x, {nan_df:.2f}x (goal >= 10x): "
          f"{'met' if min(nan_np, nan_df) >= 10 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
