"""govmetrics.uncertainty: Monte Carlo uncertainty analysis (docs/uncertainty.md)."""

from __future__ import annotations

import json
import os
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._core import DataError
from ._data import frame_units, is_numeric_dtype, non_numeric_error
from ._methodology import Methodology
from ._result import _text_columns

__all__ = ["uncertainty", "UncertaintyResult"]

_F64 = np.dtype(np.float64)

_STATS = ["unit", "node", "nominal", "mean", "median", "q05", "q95", "sd", "ranked",
          "score_nominal", "score_mean", "score_sd"]


def uncertainty(
    methodology: Methodology | str | os.PathLike[str],
    data: pd.DataFrame | np.ndarray | str | os.PathLike[str],
    *,
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    nodes: Sequence[str] | None = None,
    inputs: Sequence[Mapping[str, Any]] | None = None,
    units: Sequence[Any] | None = None,
    columns: Sequence[str] | None = None,
) -> "UncertaintyResult":
    """Uncertainty analysis: the index recomputed ``runs`` times with the uncertain choices drawn
    at random, and each unit's rank distribution (the same engine, bits and CSV files as
    ``govmetrics uncertainty``).

    - ``inputs``: what varies, as the methodology file writes it (a list of dicts such as
      ``{"kind": "weights", "spread": 0.25}`` or ``{"kind": "aggregate", "alternatives":
      [{"method": "arithmetic"}, {"method": "geometric"}]}``); default: the methodology's
      ``"uncertainty"`` section.
    - ``runs`` and ``seed`` override the section's; ``threads`` (default: every core) and
      ``nodes`` (aggregate nodes whose ranks are tracked; default: the root) change no result.
    - ``data`` as for :func:`govmetrics.compute` (a DataFrame, a CSV path, a 2-D array with
      ``units`` and ``columns``).

    The work runs without the GIL. Raises SpecError naming the JSON path of a bad input (e.g.
    ``$.uncertainty.inputs[0]: 'spread' must be in [0, 1) (spread 1.5)``).
    """
    m = methodology if isinstance(methodology, Methodology) else Methodology.from_json(methodology)
    engine = m._engine
    if inputs is not None:
        doc = json.loads(m.to_json())
        section = dict(doc.get("uncertainty", {}))
        section["inputs"] = [dict(x) for x in inputs]
        doc["uncertainty"] = section
        engine = _core.io.parse_methodology(json.dumps(doc), "<uncertainty inputs>")
    def whole(name: str, value: Any, lo: int, hi: int) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
            raise _core.SpecError(f"uncertainty: {name!r} must be a whole number from {lo} to {hi}, got {value!r}")
        return int(value)

    opts = dict(runs=whole("runs", runs, 1, 2**40), seed=whole("seed", seed, 0, 2**64 - 1),
                threads=whole("threads", threads, 1, 1024) or 0,
                nodes=[nodes] if isinstance(nodes, str) else list(nodes or []))
    if isinstance(data, pd.DataFrame):
        if units is not None or columns is not None:
            raise TypeError("uncertainty: 'units' and 'columns' apply to numpy input only")
        ids, _, _ = frame_units(data, m._unit, m._reader)
        blocks, blkno, blkloc, names = m._reader.blocks(data, "uncertainty")
        text = _text_columns(data, engine.label_columns)
        return UncertaintyResult(engine.uncertainty_blocks(ids, blocks, blkno, blkloc, names, text, **opts))
    if isinstance(data, (str, os.PathLike)):
        if units is not None or columns is not None:
            raise TypeError("uncertainty: 'units' and 'columns' apply to numpy input only")
        return UncertaintyResult(engine.uncertainty_csv(os.fspath(data), **opts))
    if isinstance(data, np.ndarray):
        if data.dtype != _F64 and not is_numeric_dtype(data.dtype):
            raise non_numeric_error("uncertainty", "0", data, data.dtype)
        if data.ndim != 2:
            raise DataError(f"uncertainty: expected a 2-D array (units x indicators), got {data.ndim} dimension(s)")
        ids: Any = range(data.shape[0]) if units is None else list(units)
        names = None if columns is None else [str(c) for c in columns]
        return UncertaintyResult(engine.uncertainty_matrix(ids, data, names, **opts))
    raise TypeError(
        "uncertainty: data must be a pandas DataFrame, a 2-D numpy array or the path of a CSV "
        f"file, not {type(data).__name__}"
    )


class UncertaintyResult:
    """What :func:`govmetrics.uncertainty` returns: per tracked node and unit, the nominal rank and
    the rank distribution over the replications (docs/uncertainty.md)."""

    __slots__ = ("_core",)

    def __init__(self, core: Any) -> None:
        self._core = core

    @property
    def runs(self) -> int:
        return int(self._core.runs)

    @property
    def seed(self) -> int:
        return int(self._core.seed)

    @property
    def nodes(self) -> list[str]:
        """The tracked aggregate nodes."""
        return list(self._core.nodes)

    @property
    def rank_statistics(self) -> pd.DataFrame:
        """One row per tracked node and unit: unit, node, nominal, mean, median, q05, q95, sd
        (ranks; quantiles as R's type 7, exact from rank histograms), ranked (replications in
        which the unit had a rank), score_nominal, score_mean, score_sd."""
        df = pd.DataFrame(self._core.rank_statistics(), columns=_STATS)
        df["ranked"] = df["ranked"].astype(np.int64)
        return df

    @property
    def acceptability(self) -> pd.DataFrame:
        """P(rank = k): unit, node, rank, probability, for every probability above 0 (failed
        replications count as "no rank", so the probabilities of a unit sum to the share of
        replications that succeeded)."""
        return pd.DataFrame(self._core.acceptability(), columns=["unit", "node", "rank", "probability"])

    @property
    def rank_shifts(self) -> np.ndarray:
        """Every replication's mean absolute rank shift from the nominal ranks at the first tracked
        node, in replication order (NaN where the replication failed): COINr's scalar output."""
        return np.asarray(self._core.rank_shifts())

    @property
    def failures(self) -> dict[str, int]:
        """Replications that failed, counted per reason (the error's message)."""
        return dict(self._core.failures())

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write the rank statistics exactly as ``govmetrics uncertainty --out`` does
        (``unit,node,nominal,mean,median,q05,q95,sd``)."""
        _core.io.write_file_atomically(os.fspath(path), self._core.rank_statistics_csv())

    def acceptability_to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write P(rank = k) exactly as ``govmetrics uncertainty --acceptability-out`` does
        (``unit,node,rank,probability``)."""
        _core.io.write_file_atomically(os.fspath(path), self._core.acceptability_csv())

    def __repr__(self) -> str:
        failed = sum(self.failures.values())
        return (f"<govmetrics.UncertaintyResult: {self.runs} runs (seed {self.seed}), "
                f"{len(self._core.units)} units, nodes {self.nodes}, {failed} failed>")
