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
          "score_nominal", "score_mean", "score_sd", "score_median", "score_q05", "score_q95"]


def _input_dict(x: Any) -> dict[str, Any]:
    """An input as the methodology file writes it: a dict, or an object of govmetrics.ua."""
    to_dict = getattr(x, "to_dict", None)
    if callable(to_dict):
        return dict(to_dict())
    if isinstance(x, Mapping):
        return dict(x)
    raise TypeError(
        "uncertainty: each input must be a dict like {'kind': 'weights', 'spread': 0.25} or an "
        f"object of govmetrics.ua (Weights, Alternatives, Exclude, Noise), not {type(x).__name__}"
    )


def _engine(m: Methodology, inputs: Sequence[Any] | None) -> Any:
    """The engine of `m`, with `inputs` in place of its "uncertainty" section's when given."""
    if inputs is None:
        return m._engine
    doc = json.loads(m.to_json())
    section = dict(doc.get("uncertainty", {}))
    section["inputs"] = [_input_dict(x) for x in inputs]
    doc["uncertainty"] = section
    return _core.io.parse_methodology(json.dumps(doc), "<uncertainty inputs>")


def _whole(name: str, value: Any, lo: int, hi: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise _core.SpecError(f"uncertainty: {name!r} must be a whole number from {lo} to {hi}, got {value!r}")
    return int(value)


def _options(runs: Any, seed: Any, threads: Any, nodes: Any, pairwise: bool, record: bool,
             score_quantiles: bool) -> dict[str, Any]:
    return dict(runs=_whole("runs", runs, 1, 2**40), seed=_whole("seed", seed, 0, 2**64 - 1),
                threads=_whole("threads", threads, 1, 1024) or 0,
                nodes=[nodes] if isinstance(nodes, str) else [str(n) for n in (nodes or [])],
                pairwise=bool(pairwise), record=bool(record), score_quantiles=bool(score_quantiles))


def _run(m: Methodology, engine: Any, data: Any, units: Any, columns: Any, opts: dict[str, Any]) -> Any:
    """Runs the engine's uncertainty analysis on `data` (what :func:`uncertainty` accepts) with the
    options dict of the bindings; the private UncertaintyRun."""
    if isinstance(data, pd.DataFrame):
        if units is not None or columns is not None:
            raise TypeError("uncertainty: 'units' and 'columns' apply to numpy input only")
        ids, _, _ = frame_units(data, m._unit, m._reader)
        blocks, blkno, blkloc, names = m._reader.blocks(data, "uncertainty")
        text = _text_columns(data, engine.label_columns)
        return engine.uncertainty_blocks(ids, blocks, blkno, blkloc, names, text, opts)
    if isinstance(data, (str, os.PathLike)):
        if units is not None or columns is not None:
            raise TypeError("uncertainty: 'units' and 'columns' apply to numpy input only")
        return engine.uncertainty_csv(os.fspath(data), opts)
    if isinstance(data, np.ndarray):
        if data.dtype != _F64 and not is_numeric_dtype(data.dtype):
            raise non_numeric_error("uncertainty", "0", data, data.dtype)
        if data.ndim != 2:
            raise DataError(f"uncertainty: expected a 2-D array (units x indicators), got {data.ndim} dimension(s)")
        ids: Any = range(data.shape[0]) if units is None else list(units)
        names = None if columns is None else [str(c) for c in columns]
        return engine.uncertainty_matrix(ids, data, names, opts)
    raise TypeError(
        "uncertainty: data must be a pandas DataFrame, a 2-D numpy array or the path of a CSV "
        f"file, not {type(data).__name__}"
    )


class _Progress:
    """A tqdm bar fed by the engine's block counter (called with the GIL, one call at a time)."""

    def __init__(self, bar: Any) -> None:
        self._bar = bar
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar.total != total:
            self._bar.total = total
        self._bar.update(done - self._done)
        self._done = done


def uncertainty(
    methodology: Methodology | str | os.PathLike[str],
    data: pd.DataFrame | np.ndarray | str | os.PathLike[str],
    *,
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    nodes: Sequence[str] | None = None,
    inputs: Sequence[Any] | None = None,
    units: Sequence[Any] | None = None,
    columns: Sequence[str] | None = None,
    pairwise: bool = False,
    record: bool = False,
    score_quantiles: bool = False,
    progress: Any = False,
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
    - ``pairwise=True`` counts P(unit i ranks above unit j) (``.pairwise``; n^2 per replication);
      ``record=True`` keeps every replication's sampled inputs and ranks (``.replications``, the
      audit trail); ``score_quantiles=True`` keeps every replication's scores so that
      ``rank_statistics`` has score quantiles (8 bytes per unit, node and replication).
    - ``progress=True`` shows a tqdm progress bar; a callable(done, total) is called with the
      blocks done instead.

    The work runs without the GIL. Raises SpecError naming the JSON path of a bad input (e.g.
    ``$.uncertainty.inputs[0]: 'spread' must be in [0, 1) (spread 1.5)``).
    """
    m = methodology if isinstance(methodology, Methodology) else Methodology.from_json(methodology)
    engine = _engine(m, inputs)
    opts = _options(runs, seed, threads, nodes, pairwise, record, score_quantiles)
    return UncertaintyResult(_run_reporting("uncertainty", progress, m, engine, data, units, columns, opts))


def _run_reporting(kind: str, progress: Any, m: Methodology, engine: Any, data: Any, units: Any,
                   columns: Any, opts: dict[str, Any]) -> Any:
    """:func:`_run` with ``progress``: False, True (a tqdm bar) or a callable(done, total);
    ``kind`` ("uncertainty", "sensitivity") names the bar and the errors."""
    if not progress:
        return _run(m, engine, data, units, columns, opts)
    if progress is True:
        try:
            from tqdm.auto import tqdm
        except ImportError as e:
            raise ImportError(f"{kind}: progress=True needs tqdm ('apt install python3-tqdm' "
                              "or 'pip install tqdm'); or pass a callable(done, total)") from e
        with tqdm(desc=kind, unit="block") as bar:
            return _run(m, engine, data, units, columns, dict(opts, progress=_Progress(bar)))
    if not callable(progress):
        raise TypeError(f"{kind}: progress must be True, False or a callable(done, total)")
    return _run(m, engine, data, units, columns, dict(opts, progress=progress))


class UncertaintyResult:
    """What :func:`govmetrics.uncertainty` returns: per tracked node and unit, the nominal rank and
    the rank distribution over the replications (docs/uncertainty.md). A result of some blocks
    only (a shard: :func:`govmetrics.dask.uncertainty` makes them) has a state but no statistics
    until the other shards are merged in (:meth:`merge`)."""

    __slots__ = ("_core",)

    def __init__(self, core: Any) -> None:
        self._core = core

    @classmethod
    def from_state(cls, state: bytes | str | os.PathLike[str]) -> "UncertaintyResult":
        """The result saved as a state (:meth:`state_bytes`, ``govmetrics uncertainty
        --state-out``): bytes, or the path of a state file."""
        if isinstance(state, (bytes, bytearray, memoryview)):
            return cls(_core.uncertainty_state(bytes(state), "<bytes>"))
        path = os.fspath(state)
        with open(path, "rb") as f:
            return cls(_core.uncertainty_state(f.read(), path))

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
    def units(self) -> list[str]:
        return list(self._core.units)

    @property
    def complete(self) -> bool:
        """Whether every block of replications is here (statistics need every block)."""
        return bool(self._core.complete)

    @property
    def rank_statistics(self) -> pd.DataFrame:
        """One row per tracked node and unit: unit, node, nominal, mean, median, q05, q95, sd
        (ranks; quantiles as R's type 7, exact from rank histograms), ranked (replications in
        which the unit had a rank), score_nominal, score_mean, score_sd, and score_median,
        score_q05, score_q95 (NaN unless run with ``score_quantiles=True``)."""
        df = pd.DataFrame(self._core.rank_statistics(), columns=_STATS)
        df["ranked"] = df["ranked"].astype(np.int64)
        return df

    @property
    def acceptability(self) -> pd.DataFrame:
        """P(rank = k): unit, node, rank, probability, for every probability above 0 (failed
        replications count as "no rank", so the probabilities of a unit sum to the share of
        replications that succeeded)."""
        return pd.DataFrame(self._core.acceptability(), columns=["unit", "node", "rank", "probability"])

    def rank_probability(self, k: float, node: str | None = None) -> pd.Series:
        """P(rank <= k) per unit at ``node`` (default: the first tracked node), e.g. the
        probability of being in the top 10."""
        node = self._node(node)
        acc = self.acceptability
        acc = acc[(acc["node"] == node) & (acc["rank"] <= k)]
        out = acc.groupby("unit", sort=False)["probability"].sum()
        return out.reindex(self.units, fill_value=0.0).rename(f"P(rank <= {k:g})")

    @property
    def pairwise(self) -> pd.DataFrame:
        """P(row unit ranks strictly above column unit) at the first tracked node, a units x units
        DataFrame (run with ``pairwise=True``); :meth:`pairwise_at` for other nodes."""
        return self.pairwise_at(None)

    def pairwise_at(self, node: str | None) -> pd.DataFrame:
        k = self.nodes.index(self._node(node))
        p = np.asarray(self._core.pairwise())[k]
        return pd.DataFrame(p, index=pd.Index(self.units, name="unit"),
                            columns=pd.Index(self.units, name="other"))

    @property
    def replications(self) -> pd.DataFrame:
        """The audit trail (run with ``record=True``): one row per replication (index from 1),
        ``failed``, one column per sampled input value (weights as ``INPUT:CHILD``, normalised
        among the children; alternatives as ``k:method``; exclusions as the node left out or
        ``none``), then ``rank:UNIT@NODE`` per tracked node and unit. The same table as
        ``govmetrics uncertainty --replications-out``."""
        columns, labels, draws, ranks, failed = self._core.replications()
        draws = np.asarray(draws)
        ranks = np.asarray(ranks)
        index = pd.RangeIndex(1, self.runs + 1, name="replication")
        out: dict[str, Any] = {"failed": np.asarray(failed, dtype=bool)}
        for c, (name, lab) in enumerate(zip(columns, labels)):
            x = draws[:, c]
            if lab:
                out[name] = pd.Categorical.from_codes(np.where(np.isnan(x), -1, x).astype(np.int64),
                                                      categories=list(lab))
            else:
                out[name] = x
        rank_names = [f"rank:{u}@{n}" for n in self.nodes for u in self.units]
        for c, name in enumerate(rank_names):
            out[name] = ranks[:, c]
        return pd.DataFrame(out, index=index)

    @property
    def rank_shifts(self) -> np.ndarray:
        """Every replication's mean absolute rank shift from the nominal ranks at the first tracked
        node, in replication order (NaN where the replication failed): COINr's scalar output."""
        return np.asarray(self._core.rank_shifts())

    @property
    def failures(self) -> dict[str, int]:
        """Replications that failed, counted per reason (the error's message)."""
        return dict(self._core.failures())

    @property
    def plot(self) -> Any:
        """Charts: ``rank_intervals()`` (units by nominal rank, median and 5-95% interval, like
        COINr's plot_uncertainty) and ``acceptability()`` (P(rank = k) heatmap); matplotlib."""
        from .plot import UncertaintyPlot

        return UncertaintyPlot(self)

    def merge(self, other: "UncertaintyResult") -> "UncertaintyResult":
        """A result holding the blocks of both (shards of one analysis); SpecError when they are
        of different analyses or share a block. The merged statistics equal one run's, bit for
        bit."""
        return UncertaintyResult(self._core.merge(other._core))

    def state_bytes(self) -> bytes:
        """The mergeable state, as ``govmetrics uncertainty --state-out`` writes it (``govmetrics
        merge`` reads it; :meth:`from_state` too)."""
        return bytes(self._core.state_bytes())

    def _node(self, node: str | None) -> str:
        nodes = self.nodes
        if node is None:
            return nodes[0]
        if node not in nodes:
            raise KeyError(f"uncertainty: node {node!r} is not tracked (tracked: {', '.join(nodes)}); "
                           "pass nodes=[...] to govmetrics.uncertainty")
        return node

    def _write(self, path: str | os.PathLike[str], text: str) -> None:
        _core.io.write_file_atomically(os.fspath(path), text)

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write the rank statistics exactly as ``govmetrics uncertainty --out`` does
        (``unit,node,nominal,mean,median,q05,q95,sd``)."""
        self._write(path, self._core.rank_statistics_csv())

    def acceptability_to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write P(rank = k) exactly as ``govmetrics uncertainty --acceptability-out`` does
        (``unit,node,rank,probability``)."""
        self._write(path, self._core.acceptability_csv())

    def pairwise_to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write ``node,unit,other,probability`` as ``--pairwise-out`` does."""
        self._write(path, self._core.pairwise_csv())

    def replications_to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write the audit trail as ``--replications-out`` does."""
        self._write(path, self._core.replications_csv())

    def scores_to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write rank and score statistics as ``--scores-out`` does (run with
        ``score_quantiles=True``: SpecError otherwise)."""
        if not self._core.scores_kept:
            raise _core.SpecError("uncertainty: scores_to_csv needs every replication's scores: run "
                                  "with score_quantiles=True")
        self._write(path, self._core.score_statistics_csv())

    def state_to_file(self, path: str | os.PathLike[str]) -> None:
        """Write the state as ``--state-out`` does."""
        _core.io.write_file_atomically(os.fspath(path), self._core.state_bytes())

    def __repr__(self) -> str:
        failed = sum(self.failures.values())
        part = "" if self.complete else f", {self._core.blocks} of {self._core.n_blocks} blocks"
        return (f"<govmetrics.UncertaintyResult: {self.runs} runs (seed {self.seed}), "
                f"{len(self._core.units)} units, nodes {self.nodes}, {failed} failed{part}>")
