"""Sensitivity analysis: Sobol' first- and total-order indices (docs/sensitivity.md).

Two levels:

- the general estimator, for any model: :func:`sobol_design` gives the points of a radial
  (Saltelli) design, the caller evaluates its model on every row, :func:`sobol_indices` estimates
  the indices from the outputs;
- :func:`analyze`, the sensitivity of an index to the uncertain choices of its methodology (the
  inputs of its ``"uncertainty"`` section are the factors), for COINr's scalar (the mean absolute
  rank shift) and every unit's rank and score at once; the same engine and bits as
  ``govmetrics sensitivity``.
"""

from __future__ import annotations

import io
import os
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._methodology import Methodology

__all__ = ["sobol_design", "sobol_indices", "SobolIndices", "analyze", "SensitivityResult"]


def _count(name: str, value: Any, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise _core.SpecError(f"sensitivity: {name!r} must be a whole number from {lo} to {hi}, got {value!r}")
    return int(value)


def _confidence(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or not 0.0 < float(value) < 1.0:
        raise _core.SpecError(f"sensitivity: 'confidence' must be a number between 0 and 1, got {value!r}")
    return float(value)


def _method(method: Any) -> str:
    if method not in ("sobol", "monte_carlo"):
        raise _core.SpecError(f"sensitivity: 'method' must be 'sobol' or 'monte_carlo', got {method!r}")
    return str(method)


def sobol_design(d: int, n: int, *, seed: int = 42, scramble: bool = True, method: str = "sobol") -> np.ndarray:
    """The radial (Saltelli) design of ``d`` factors on ``n`` base points: an array of shape
    ``(n * (d + 2), d)`` of points in [0, 1), rows in the order A (n rows), B (n rows), AB_1 (n
    rows), ..., AB_d (n rows); AB_i is A with column i from B. Base points from a Sobol' sequence
    (Joe and Kuo's direction numbers; linear matrix scrambling with a digital shift, seeded, unless
    ``scramble=False``; ``n`` a power of two) or, ``method="monte_carlo"``, independent uniforms.
    Map the columns to your factors' distributions (e.g. ``scipy.stats.norm.ppf``) and evaluate
    your model on every row; :func:`sobol_indices` does the rest."""
    d = _count("d", d, 1, 1 << 20)
    n = _count("n", n, 2, 1 << 40)
    if n * (d + 2) * d > 1 << 27:
        raise _core.SpecError(f"sensitivity: a design of n = {n} with d = {d} factors would hold "
                              f"{n * (d + 2) * d} numbers (at most {1 << 27}); use a smaller n")
    seed = _count("seed", seed, 0, 2**64 - 1)
    return _core.sobol_design(d, n, seed, bool(scramble), _method(method))


class SobolIndices:
    """What :func:`sobol_indices` returns. ``first`` and ``total`` (S_i and ST_i) and their
    bootstrap percentile intervals ``first_lo``, ``first_hi``, ``total_lo``, ``total_hi`` have
    shape (d,) for one output and (d, k) for k outputs; ``variance`` the variance of each output
    (y_A and y_B pooled, divisor 2N); ``n`` the base size; ``notes`` say which outputs got NaN
    (no variance, or missing values); ``convergence`` a DataFrame of the estimates at N/8, N/4,
    N/2 and N (columns n, factor, output, first, total)."""

    __slots__ = ("first", "total", "first_lo", "first_hi", "total_lo", "total_hi", "variance", "n",
                 "notes", "convergence")

    def __init__(self, raw: dict[str, Any], vector: bool) -> None:
        def shape(a: np.ndarray) -> np.ndarray:
            return a[:, 0].copy() if vector else a

        for key in ("first", "total", "first_lo", "first_hi", "total_lo", "total_hi"):
            setattr(self, key, shape(np.asarray(raw[key])))
        self.variance = np.asarray(raw["variance"])[0] if vector else np.asarray(raw["variance"])
        self.n = int(raw["n"])
        self.notes = list(raw["notes"])
        rows = []
        for step in raw.get("convergence", []):
            first = np.asarray(step["first"])
            total = np.asarray(step["total"])
            for i in range(first.shape[0]):
                for o in range(first.shape[1]):
                    rows.append((int(step["n"]), i, o, first[i, o], total[i, o]))
        self.convergence = pd.DataFrame(rows, columns=["n", "factor", "output", "first", "total"])

    def __repr__(self) -> str:
        return f"SobolIndices(n={self.n}, first={self.first!r}, total={self.total!r})"


def sobol_indices(y: Any, d: int, *, bootstrap: int = 100, confidence: float = 0.95, seed: int = 42,
                  threads: int | None = None) -> SobolIndices:
    """Sobol' indices from the outputs ``y`` of a model on the rows of :func:`sobol_design`
    (shape (n (d + 2),) for one output, or (n (d + 2), k) for k outputs at once):
    S_i = mean(y_B (y_ABi - y_A)) / V (Saltelli et al. 2010), ST_i = mean((y_A - y_ABi)^2) / (2 V)
    (Jansen 1999), V the variance of y_A and y_B pooled with divisor 2N (numpy.var, as SALib).
    ``bootstrap`` resamples of the base points (0: none) give percentile intervals at
    ``confidence``, seeded by ``seed``; ``threads`` changes no result. An output that does not vary
    (or has NaN in a row) gets NaN indices and a note."""
    arr = np.asarray(y, dtype=np.float64)
    if arr.ndim not in (1, 2):
        raise _core.SpecError(f"sensitivity: y must have shape (rows,) or (rows, k), got {arr.shape}")
    vector = arr.ndim == 1
    mat = np.ascontiguousarray(arr.reshape(-1, 1) if vector else arr)
    raw = _core.sobol_indices(mat, _count("d", d, 1, 1 << 20), _count("bootstrap", bootstrap, 0, 1_000_000),
                              _confidence(confidence), _count("seed", seed, 0, 2**64 - 1),
                              0 if threads is None else _count("threads", threads, 1, 1024))
    return SobolIndices(raw, vector)


def analyze(
    methodology: Methodology | str | os.PathLike[str],
    data: pd.DataFrame | np.ndarray | str | os.PathLike[str],
    *,
    n: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    bootstrap: int | None = None,
    confidence: float | None = None,
    nodes: Sequence[str] | None = None,
    dummy: bool | None = None,
    method: str | None = None,
    scramble: bool | None = None,
    inputs: Sequence[Any] | None = None,
    units: Sequence[Any] | None = None,
    columns: Sequence[str] | None = None,
    progress: Any = False,
) -> "SensitivityResult":
    """Sensitivity analysis of an index: Sobol' indices of each uncertain choice (the inputs of the
    methodology's ``"uncertainty"`` section, or ``inputs`` as for :func:`govmetrics.uncertainty`;
    each input is one factor) on a radial design of base size ``n`` (``n (d + 2)`` evaluations).
    Arguments left at None take the methodology's ``"sensitivity"`` section's settings, else the
    defaults: ``n=1024``, ``bootstrap=100``, ``confidence=0.95``, ``dummy=False``,
    ``method="sobol"``, ``scramble=True``.
    Outputs: the mean absolute rank shift from nominal at the first tracked node (COINr's scalar),
    and every unit's rank and score at each tracked node (``nodes``, default the root).
    ``seed`` (default: the section's) seeds the design and the bootstrap; ``dummy=True`` adds a
    factor that changes nothing. ``data`` as for :func:`govmetrics.compute`. The same bits as
    ``govmetrics sensitivity``; the work runs without the GIL; ``progress`` as for uncertainty."""
    from ._uncertainty import _engine, _run_reporting

    m = methodology if isinstance(methodology, Methodology) else Methodology.from_json(methodology)
    engine = _engine(m, inputs)
    opts = _analyze_options(n, seed, threads, bootstrap, confidence, nodes, dummy, method, scramble)
    return SensitivityResult(_run_reporting("sensitivity", progress, m, engine, data, units, columns, opts))


def _analyze_options(n: Any, seed: Any, threads: Any, bootstrap: Any, confidence: Any, nodes: Any,
                     dummy: Any, method: Any, scramble: Any) -> dict[str, Any]:
    """The options dict of the bindings (None: the methodology's "sensitivity" section's, else
    the default)."""
    return dict(
        seed=None if seed is None else _count("seed", seed, 0, 2**64 - 1),
        threads=0 if threads is None else _count("threads", threads, 1, 1024),
        nodes=[nodes] if isinstance(nodes, str) else [str(x) for x in (nodes or [])],
        sensitivity=dict(n=None if n is None else _count("n", n, 2, 1 << 40),
                         bootstrap=None if bootstrap is None else _count("bootstrap", bootstrap, 0, 1_000_000),
                         confidence=None if confidence is None else _confidence(confidence),
                         dummy=None if dummy is None else bool(dummy),
                         method=None if method is None else _method(method),
                         scramble=None if scramble is None else bool(scramble)),
    )


_COLUMNS = ["output", "factor", "first", "total", "first_lo", "first_hi", "total_lo", "total_hi"]


class SensitivityResult:
    """What :func:`analyze` returns (docs/sensitivity.md)."""

    __slots__ = ("_core",)

    def __init__(self, core: Any) -> None:
        self._core = core

    @classmethod
    def from_states(cls, states: Sequence[bytes | str | os.PathLike[str]], threads: int | None = None) -> "SensitivityResult":
        """The result of the shards' states (``govmetrics sensitivity --shard K/N --state-out``,
        or :func:`govmetrics.dask.sensitivity`'s tasks): bytes or paths, every block once, in any
        order; the same bits as one run."""
        blobs, sources = [], []
        for k, st in enumerate(states):
            if isinstance(st, (bytes, bytearray, memoryview)):
                blobs.append(bytes(st))
                sources.append(f"<state {k + 1}>")
            else:
                path = os.fspath(st)
                with open(path, "rb") as f:
                    blobs.append(f.read())
                sources.append(path)
        if not blobs:
            raise _core.SpecError("sensitivity: no states to merge")
        return cls(_core.sensitivity_merge(blobs, sources, 0 if threads is None else _count("threads", threads, 1, 1024)))

    @property
    def factors(self) -> list[str]:
        return list(self._core.factors)

    @property
    def outputs(self) -> list[str]:
        """``mean_abs_rank_shift``, then ``rank:UNIT@NODE`` and ``score:UNIT@NODE``."""
        return list(self._core.outputs)

    @property
    def n(self) -> int:
        """Base points used (the design's N less any dropped because an evaluation failed)."""
        return int(self._core.n)

    @property
    def failures(self) -> dict[str, int]:
        return dict(self._core.failures)

    @property
    def notes(self) -> list[str]:
        return list(self._core.estimates["notes"])

    def _table(self, key: str) -> pd.DataFrame:
        return pd.DataFrame(np.asarray(self._core.estimates[key]), index=self.factors, columns=self.outputs)

    @property
    def first(self) -> pd.DataFrame:
        """S_i: factor x output."""
        return self._table("first")

    @property
    def total(self) -> pd.DataFrame:
        """ST_i: factor x output."""
        return self._table("total")

    def _long(self, which: str) -> pd.DataFrame:
        return pd.read_csv(io.StringIO(self._core.indices_csv(which)), keep_default_na=False,
                           na_values=[""], dtype={"output": str, "factor": str})

    @property
    def indices(self) -> pd.DataFrame:
        """The indices of the mean absolute rank shift, as ``--out`` writes them: output, factor,
        first, total, first_lo, first_hi, total_lo, total_hi."""
        return self._long("scalar")

    @property
    def by_unit(self) -> pd.DataFrame:
        """The indices of every unit's rank (output ``rank:UNIT@NODE``), as ``--by-unit-out``."""
        return self._long("ranks")

    @property
    def by_unit_scores(self) -> pd.DataFrame:
        """The indices of every unit's score (output ``score:UNIT@NODE``)."""
        return self._long("scores")

    @property
    def convergence(self) -> pd.DataFrame:
        """The indices of the mean absolute rank shift at N/8, N/4, N/2 and N: n, output, factor,
        first, total."""
        return pd.read_csv(io.StringIO(self._core.convergence_csv()), keep_default_na=False, na_values=[""])

    @property
    def design_outputs(self) -> pd.DataFrame:
        """Every output on every row of the design (rows A, B, AB_1, ..., AB_d)."""
        return pd.DataFrame(np.asarray(self._core.y), columns=self.outputs)

    def indices_to_csv(self, path: str | os.PathLike[str]) -> None:
        """Writes :attr:`indices` with the bytes of ``--out``."""
        _write(path, self._core.indices_csv("scalar"))

    def by_unit_to_csv(self, path: str | os.PathLike[str]) -> None:
        """Writes :attr:`by_unit` with the bytes of ``--by-unit-out``."""
        _write(path, self._core.indices_csv("ranks"))

    @property
    def plot(self) -> Any:
        """Charts: ``plot.indices()``, ``plot.by_unit()``, ``plot.convergence()``."""
        from .plot import SensitivityPlot

        return SensitivityPlot(self)

    def __repr__(self) -> str:
        return f"SensitivityResult(n={self.n}, factors={self.factors!r}, outputs={len(self.outputs)})"


def _write(path: str | os.PathLike[str], text: str) -> None:
    _core.io.write_file_atomically(os.fspath(path), text)
