"""The statistical audit of a result (``Result.audit``): statistics and data-quality flags of each
data set, correlations with p-values, Cronbach's alpha, effective weights. The numbers come from
the C++ audit (``govmetrics/audit.hpp``), the same as ``govmetrics audit``; ``to_csv`` writes the
command's files, byte for byte. Definitions: docs/audit.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    from ._result import Result

__all__ = ["Audit", "StatsTables", "Comparison", "compare", "correlation_matrix", "DATA_SETS", "METHODS", "FILES",
           "COMPARE_FILES"]

#: The data sets ``Audit.stats`` describes (docs/audit.md).
DATA_SETS = ("raw", "treated", "normalised", "aggregated")
#: The correlation methods.
METHODS = ("pearson", "spearman", "kendall")
#: The files ``Audit.to_csv`` writes (those of ``govmetrics audit --out-dir``).
FILES = ("stats_raw.csv", "stats_treated.csv", "stats_normalised.csv", "stats_aggregated.csv",
         "correlations.csv", "cronbach.csv", "effective_weights.csv", "importance.csv", "remove.csv",
         "pca.csv", "pca_loadings.csv")

#: The files ``Comparison.to_csv`` writes (those of ``govmetrics compare --out-dir``).
COMPARE_FILES = ("compare.csv", "compare_summary.csv")

_STATS_COLUMNS = ["min", "max", "mean", "median", "sd", "skew", "kurt", "n_avail", "n_nonzero",
                  "n_unique", "n_same", "frac_avail", "frac_nonzero", "frac_unique", "frac_same",
                  "flag_avail", "flag_nonzero", "flag_unique", "flag_skew_kurt"]


class StatsTables(Mapping[str, pd.DataFrame]):
    """The statistics tables of an audit by data set (``Audit.stats``): a read-only mapping from
    "raw", "treated", "normalised" and "aggregated" to DataFrames, each computed when first read;
    also callable, ``stats("raw")``."""

    def __init__(self, audit: "Audit") -> None:
        self._audit = audit
        self._tables: dict[str, pd.DataFrame] = {}

    def __getitem__(self, data_set: str) -> pd.DataFrame:
        if data_set not in self._tables:
            self._tables[data_set] = self._audit._stats_of(data_set)
        return self._tables[data_set]

    def __call__(self, data_set: str = "raw") -> pd.DataFrame:
        return self[data_set]

    def __iter__(self) -> Iterator[str]:
        return iter(DATA_SETS)

    def __len__(self) -> int:
        return len(DATA_SETS)

    def __contains__(self, data_set: object) -> bool:
        return data_set in DATA_SETS

    def __repr__(self) -> str:
        return f"<govmetrics.audit.StatsTables: {', '.join(DATA_SETS)}>"


def correlation_matrix(result: "Result", codes: Sequence[str], method: str = "pearson") -> pd.DataFrame:
    """The correlations between the given nodes of ``result`` (normalised indicators, aggregate
    scores), pairwise complete, by ``method`` ("pearson", "spearman", "kendall"); NaN where
    undefined (a constant node, fewer than 2 units with both values)."""
    codes = list(codes)
    n = len(result)
    x = np.column_stack([result.score_array(c) for c in codes]) if codes else np.empty((n, 0))
    r, _ = _core.audit.correlation_matrix(np.asfortranarray(x, dtype=np.float64), method)
    return pd.DataFrame(r, index=pd.Index(codes, name="node"), columns=codes)


class Audit:
    """The audit of one result. Thresholds of the flags (COINr ``get_stats``'s defaults):
    ``skew`` 2 and ``kurtosis`` 3.5 (both exceeded: ``flag_skew_kurt`` OUT), shares
    ``availability`` 0.65, ``nonzero`` 0.5, ``unique`` 0.5 (below: LOW); ``collinear`` 0.9 (|r|
    between siblings above it: flagged).

    - ``stats``: the statistics per data set, ``stats["raw"]`` (or ``stats("raw")``), each a
      DataFrame indexed by code with the columns of ``stats_*.csv``;
    - ``correlations(methods=("pearson", "spearman", "kendall"))``: method, a, b, r, p, n,
      with_parent (same-level pairs, then node-parent pairs);
    - ``correlation_matrix(codes, method="pearson")``: r between the given nodes (DataFrame);
    - ``flags``: flagged statistics (raw data; treated skew/kurtosis) and siblings;
    - ``cronbach``, ``effective_weights``, ``importance``, ``remove``: DataFrames;
    - ``to_csv(directory)``: the tables as ``govmetrics audit --out-dir`` writes them.
    """

    def __init__(self, result: "Result", raw: Callable[[], np.ndarray], *, skew: float = 2.0,
                 kurtosis: float = 3.5, availability: float = 0.65, nonzero: float = 0.5,
                 unique: float = 0.5, collinear: float = 0.9, importance_factor: float = 2.0) -> None:
        self._result = result
        self._raw_source = raw
        self._raw: np.ndarray | None = None
        self._t = dict(skew=float(skew), kurtosis=float(kurtosis), availability=float(availability),
                       nonzero=float(nonzero), unique=float(unique))
        self._collinear = float(collinear)
        self._factor = float(importance_factor)
        self._stats: StatsTables | None = None

    def _raw_values(self) -> np.ndarray:
        if self._raw is None:
            self._raw = np.asfortranarray(self._raw_source(), dtype=np.float64)
        return self._raw

    @property
    def stats(self) -> "StatsTables":
        """Statistics and flags per data set: ``stats["raw"]`` (also "treated", "normalised",
        "aggregated"), each a DataFrame indexed by code, computed when first read; ``stats()``
        and ``stats("treated")`` call it the same way."""
        if self._stats is None:
            self._stats = StatsTables(self)
        return self._stats

    def _stats_of(self, data_set: str) -> pd.DataFrame:
        if data_set not in DATA_SETS:
            raise ValueError(f"audit: unknown data set {data_set!r} (expected one of {', '.join(DATA_SETS)})")
        d = _core.audit.stats(self._result._core, data_set, self._raw_values(), **self._t)
        return pd.DataFrame({c: d[c] for c in _STATS_COLUMNS}, index=pd.Index(d["code"], name="code"))

    def correlations(self, methods: Sequence[str] = METHODS) -> pd.DataFrame:
        """Every same-level pair and every node with its parent, per method (pairwise complete
        observations; r and p NaN where undefined, never 0)."""
        if isinstance(methods, str):
            methods = [methods]
        return pd.DataFrame(_core.audit.correlations(self._result._core, list(methods)))

    def correlation_matrix(self, codes: Sequence[str], method: str = "pearson") -> pd.DataFrame:
        """The correlation matrix of the given nodes (as the pipeline holds them)."""
        return correlation_matrix(self._result, codes, method)

    @property
    def flags(self) -> pd.DataFrame:
        """What the command prints first: per flagged column of the raw data (and the treated
        data's skew and kurtosis) its flags, then siblings that are collinear or negatively
        correlated. Columns: data_set, code, other, parent, flag, value."""
        rows: list[dict[str, Any]] = []
        names = {"flag_avail": "low availability", "flag_nonzero": "few non-zero values",
                 "flag_unique": "few distinct values", "flag_skew_kurt": "skew and kurtosis"}
        sets = [("raw", list(names))]
        if _core.audit.treated(self._result._core):  # else the treated data are the raw data
            sets.append(("treated", ["flag_skew_kurt"]))
        for data_set, columns in sets:
            s = self.stats(data_set)
            for code, row in s.iterrows():
                for col in columns:
                    if row[col] != "ok":
                        value = row["skew"] if col == "flag_skew_kurt" else row[col.replace("flag_", "frac_")]
                        rows.append(dict(data_set=data_set, code=code, other="", parent="",
                                         flag=names[col], value=value))
        f = _core.audit.sibling_flags(self._result._core, self._collinear)
        for parent, a, b, r, flag in zip(f["parent"], f["a"], f["b"], f["r"], f["flag"]):
            rows.append(dict(data_set="aggregated", code=a, other=b, parent=parent, flag=flag, value=r))
        return pd.DataFrame(rows, columns=["data_set", "code", "other", "parent", "flag", "value"])

    @property
    def cronbach(self) -> pd.DataFrame:
        """Cronbach's alpha of every aggregate over its children (raw alpha, pairwise
        covariances; NaN with ``why`` when undefined)."""
        return pd.DataFrame(_core.audit.cronbach(self._result._core))

    @property
    def effective_weights(self) -> pd.DataFrame:
        """Every node's weight within its parent and its share of the index."""
        return pd.DataFrame(_core.audit.effective_weights(self._result._core))

    @property
    def importance(self) -> pd.DataFrame:
        """Each node's main effect on its parent (and, below the root's children, on the index):
        the correlation ratio by a local linear smoother, Pearson's r^2, the nominal and
        effective weights, and a flag where the importance share and the weight share differ by
        more than ``importance_factor`` (default 2): docs/audit.md."""
        return pd.DataFrame(_core.audit.importance(self._result._core, self._factor))

    @property
    def remove(self) -> pd.DataFrame:
        """Every node left out in turn (its siblings' weights renormalised): the mean absolute
        change of the root's ranks (COINr ``remove_elements``); NaN with ``why`` where the node
        cannot be left out (weights computed from the data at its parent, an only child)."""
        return pd.DataFrame(_core.audit.remove(self._result._methodology._engine, self._result._core))

    @property
    def pca(self) -> pd.DataFrame:
        """Principal components of every aggregate node's children, then of every level's nodes
        together (COINr ``get_PCA``): per group and component (1 = first) the eigenvalue of the
        correlation matrix, its share of the variance and the running share; ``note`` says why a
        group cannot be analysed. Loadings: ``pca_loadings``."""
        return pd.DataFrame(_core.audit.pca(self._result._core)["components"])

    @property
    def pca_loadings(self) -> pd.DataFrame:
        """Every column's loading on every component, per group (``group, code, component,
        loading``; each component's sign makes its loadings sum to a positive number)."""
        return pd.DataFrame(_core.audit.pca(self._result._core)["loadings"])

    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]:
        """Writes the audit's tables into ``directory`` (created if needed), all or none, as
        ``govmetrics audit --out-dir`` does; returns the paths written."""
        names = _core.audit.write(self._result._methodology._engine, self._result._core,
                                  self._raw_values(), os.fspath(directory), **self._t)
        return [os.path.join(os.fspath(directory), n) for n in names]

    def __repr__(self) -> str:
        return f"<govmetrics.Audit of {self._result._title()}>"


class Comparison:
    """Two results of the same data compared (``govmetrics.compare(a, b)``), as
    ``govmetrics compare``: units matched by id, nodes by code (the two roots with each other).

    - ``table``: per common node and unit the scores and ranks under A and B and ``shift`` =
      rank under A - rank under B (positive: the unit moves up under B, as ``Result.compare``);
    - ``summary``: per node (index) the units ranked under both, the Spearman correlation of the
      two rank columns, the mean and largest absolute shift, the units that moved;
    - ``movers(node, k)``: the ``k`` largest absolute shifts at ``node`` (default the index);
    - ``only_a_units``, ``only_b_units``, ``only_a_nodes``, ``only_b_nodes``: what one side has
      and the other lacks (listed, never dropped silently);
    - ``to_csv(directory)``: ``compare.csv`` and ``compare_summary.csv``;
    - ``plot(node, top)``: the rank-shift (slope) chart.
    """

    def __init__(self, a: "Result", b: "Result") -> None:
        self._a = a
        self._b = b
        d = _core.audit.compare(a._core, b._core, "")
        self.table = pd.DataFrame(d["rows"])
        self.summary = pd.DataFrame(d["summary"]).set_index("node")
        self.only_a_units: list[str] = list(d["only_a_units"])
        self.only_b_units: list[str] = list(d["only_b_units"])
        self.only_a_nodes: list[str] = list(d["only_a_nodes"])
        self.only_b_nodes: list[str] = list(d["only_b_nodes"])

    @property
    def nodes(self) -> list[str]:
        """The common nodes, in A's framework order (A's codes)."""
        return list(self.summary.index)

    def _node(self, node: str | None) -> str:
        code = self.nodes[0] if node is None and self.nodes else node
        if code not in self.summary.index:
            raise KeyError(f"compare: '{node}' is not a node of both results (common: {', '.join(self.nodes)})")
        return str(code)

    def movers(self, node: str | None = None, k: int = 10) -> pd.DataFrame:
        """The ``k`` units with the largest absolute shift at ``node`` (default the index); ties
        in A's unit order, units without a shift last."""
        code = self._node(node)
        rows = self.table[self.table["node"] == code].copy()
        rows["_abs"] = rows["shift"].abs().fillna(-1.0)
        rows = rows.sort_values("_abs", ascending=False, kind="stable").drop(columns="_abs")
        return rows.head(int(k)).reset_index(drop=True)

    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]:
        """Writes compare.csv and compare_summary.csv into ``directory`` (created if needed), both
        or none, byte for byte as ``govmetrics compare --out-dir``; returns the paths written."""
        _core.audit.compare(self._a._core, self._b._core, os.fspath(directory))
        return [os.path.join(os.fspath(directory), f) for f in COMPARE_FILES]

    def plot(self, node: str | None = None, top: int | None = 20, labels: tuple[str, str] = ("A", "B"),
             ax: Any = None) -> Any:
        """Slope chart of the ranks at ``node`` under A and B (``govmetrics.plot.rank_shift``)."""
        from .plot import rank_shift

        code = self._node(node)
        node_a = None if code == self._a.methodology.root else code
        return rank_shift(self._a, self._b, node=node_a, top=top, labels=labels, ax=ax)

    def __repr__(self) -> str:
        root = self.nodes[0] if self.nodes else "-"
        s = self.summary.loc[root] if self.nodes else None
        more = "" if s is None else f"; at {root}: Spearman {s['spearman']:.4f}, mean |shift| {s['mean_abs_shift']:.2f}"
        return f"<govmetrics.Comparison of {len(self.table['unit'].unique())} units at {len(self.nodes)} nodes{more}>"


def compare(a: "Result", b: "Result") -> Comparison:
    """Compares two results of the same data (two methodologies): ``Comparison``."""
    return Comparison(a, b)
