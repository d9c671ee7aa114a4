"""Explaining one unit's result (``Result.explain(unit)``): its profile against the median and the
best, each node's contribution to its parent's score and to the index, its strengths and
weaknesses. The numbers come from the C++ core (``govmetrics/explain.hpp``), the same as
``govmetrics explain``; ``to_csv`` writes the command's files, byte for byte. Definitions:
docs/explain.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    from ._result import Result

__all__ = ["Explanation", "Target", "FILES", "TARGET_FILES"]

#: The files ``Explanation.to_csv`` writes (those of ``govmetrics explain --out-dir``).
FILES = ("contributions.csv", "strengths.csv", "weaknesses.csv")
#: The files ``Target.to_csv`` writes (those of ``govmetrics target --out-dir``).
TARGET_FILES = ("target.csv", "target_summary.csv")


class Explanation:
    """One unit's explanation.

    - ``profile``: per node (framework order) the unit's score and rank, the median and the best
      score;
    - ``contributions``: per node its part of its parent's score (``contribution``, ``share``)
      and of the index's (``index_contribution``), with the decomposition used (``how``);
    - ``strengths``, ``weaknesses``: the ``top`` indicators where the unit ranks best / worst
      (rank among the units, raw value, unit of measurement);
    - ``to_csv(directory)``: the files of ``govmetrics explain --out-dir``;
    - ``plot()``: the contributions of the index's children as a bar chart.
    """

    def __init__(self, result: "Result", unit: Any, raw: np.ndarray, top: int = 5) -> None:
        self._result = result
        self._unit = str(unit)
        self._raw = raw
        self._top = int(top)
        d = _core.audit.explain(result._methodology._engine, result._core, self._unit, raw, self._top, "")
        self.unit = self._unit
        self.profile = pd.DataFrame(d["profile"])
        self.contributions = pd.DataFrame(d["contributions"])
        self.strengths = pd.DataFrame(d["strengths"])
        self.weaknesses = pd.DataFrame(d["weaknesses"])

    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]:
        """Writes contributions.csv, strengths.csv and weaknesses.csv into ``directory`` (created
        if needed), all or none; returns the paths written."""
        _core.audit.explain(self._result._methodology._engine, self._result._core, self._unit,
                            self._raw, self._top, os.fspath(directory))
        return [os.path.join(os.fspath(directory), f) for f in FILES]

    def plot(self, node: str | None = None, ax: Any = None) -> Any:
        """Bars of each child's contribution to ``node`` (default the index), largest first."""
        from .plot import _axes

        m = self._result.methodology
        code = m.root if node is None else node
        c = self.contributions
        kids = c[c["parent"] == code].sort_values("contribution", ascending=False)
        ax = _axes(ax, (7.0, 0.45 * max(len(kids), 3) + 1.5))
        ax.barh(kids["node"][::-1], kids["contribution"][::-1], color="#4477aa")
        ax.set_xlabel(f"contribution to {code}")
        score = float(c.loc[c["node"] == code, "score"].iloc[0])
        ax.set_title(f"{self._unit}: {code} = {score:.2f}")
        ax.figure.tight_layout()
        return ax

    def __repr__(self) -> str:
        return f"<govmetrics.Explanation of {self._unit!r}>"


class Target:
    """What it would take for a unit to reach a rank (or a score) at a node
    (``Result.target(unit, rank=k)``; docs/explain.md), as ``govmetrics target``:

    - ``reachable``, ``reason`` (why not, or "already there"), ``method`` (``"lp"``: the exact
      least-cost answer of the linear case; ``"monotone_search"``; ``"none"``: nothing to do);
    - ``changes``: the indicators that change (code, name, parent, unit of measurement, from, to,
      change, cost, lo, hi), in the order chosen, in the units the normaliser receives;
    - ``unchanged``: the indicators under the node that could not help, with the reason;
    - ``score_before``, ``rank_before``, ``score_after``, ``rank_after``, ``total_cost``;
    - ``to_csv(directory)``: ``target.csv`` and ``target_summary.csv``; ``plot()``: the changes
      as shares of each indicator's observed range.
    """

    def __init__(self, result: "Result", unit: Any, raw: np.ndarray, *, rank: int | None = None,
                 score: float | None = None, node: str | None = None,
                 costs: dict[str, float] | None = None, fixed: Any = (),
                 bounds: dict[str, tuple[float, float]] | None = None) -> None:
        if (rank is None) == (score is None):
            raise ValueError("target: give exactly one of rank= and score=")
        if rank is not None and (isinstance(rank, bool) or int(rank) != rank or int(rank) < 1):
            raise ValueError(f"target: rank must be a whole number, 1 or more (got {rank!r})")
        if isinstance(fixed, str):
            fixed = [fixed]
        self._result = result
        self._raw = raw
        self._args = (
            str(unit), "" if node is None else str(node), 0 if rank is None else int(rank),
            float("nan") if score is None else float(score),
            {str(k): float(v) for k, v in (costs or {}).items()}, [str(c) for c in fixed],
            {str(k): (float(v[0]), float(v[1])) for k, v in (bounds or {}).items()},
        )
        d = self._call("")
        self.unit: str = d["unit"]
        self.node: str = d["node"]
        self.rank_goal: int | None = int(d["rank_goal"]) or None
        self.score_goal: float = float(d["score_goal"])
        self.reachable: bool = bool(d["reachable"])
        self.method: str = d["method"]
        self.reason: str = d["reason"]
        self.score_before: float = float(d["score_before"])
        self.rank_before: float = float(d["rank_before"])
        self.score_after: float = float(d["score_after"])
        self.rank_after: float = float(d["rank_after"])
        self.total_cost: float = float(d["total_cost"])
        self.changes = pd.DataFrame(d["changes"])
        self.unchanged = pd.DataFrame(d["unchanged"], columns=["code", "reason"])

    def _call(self, directory: str) -> dict:
        r = self._result
        return _core.audit.target(r._methodology._engine, r._core, self._args[0], self._raw, *self._args[1:],
                                  directory)

    def probability(self, data: Any, *, runs: int | None = None, seed: int | None = None,
                    inputs: Any = None, threads: int | None = None) -> dict[str, float]:
        """P(rank <= rank goal) at the target's node under the uncertainty inputs (the
        methodology's ``"uncertainty"`` section, or ``inputs`` as ``gm.uncertainty`` takes them),
        on ``data`` (the DataFrame or CSV path this result was computed from) as it is and with
        the unit's changed values (times its denominator where an indicator has one), same seed
        and runs: ``{"before": p0, "after": p1, "runs": n}``. As ``govmetrics target
        --probability``; every replication re-prepares the data (docs/explain.md)."""
        from ._result import read_csv
        from ._uncertainty import uncertainty

        if self.rank_goal is None:
            raise ValueError("target: a probability needs a rank goal (not a score)")
        if not self.reachable:
            raise ValueError("target: the target is unreachable; there are no new values to try")
        m = self._result.methodology
        frame = read_csv(data, m) if isinstance(data, (str, os.PathLike)) else data
        changed = frame.copy()
        ids = changed.index if not m.unit or m.unit not in changed.columns else changed[m.unit]
        rows = np.flatnonzero(np.asarray([str(i) for i in ids]) == self.unit)
        if len(rows) != 1:
            raise KeyError(f"target: unit '{self.unit}' is not (once) in the data")
        # the new data values, as explain::probability_of_target finds them (explain::raw_changes:
        # times the denominator; refused where the treatment changed the unit's value)
        nodes = {n.code: n for n in m.nodes}
        codes = [str(c) for c in self.changes["code"]]
        wanted = {nodes[c].column for c in codes} | {nodes[c].denominator for c in codes if nodes[c].denominator}
        values = {col: float(changed.iloc[rows[0]][col]) for col in wanted if col in changed.columns}
        for column, value in _core.audit.target_raw_changes(
                m._engine, self.unit, codes, [float(v) for v in self.changes["from"]],
                [float(v) for v in self.changes["to"]], values):
            changed.iloc[rows[0], changed.columns.get_loc(column)] = value
        kw = dict(runs=runs, seed=seed, inputs=inputs, threads=threads, nodes=[self.node])
        before = uncertainty(m, frame, **kw)
        after = uncertainty(m, changed, **kw)
        k = float(self.rank_goal)
        return {"before": float(before.rank_probability(k).get(self.unit, 0.0)),
                "after": float(after.rank_probability(k).get(self.unit, 0.0)),
                "runs": int(before.runs)}

    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]:
        """Writes target.csv and target_summary.csv into ``directory`` (created if needed), both
        or none, byte for byte as ``govmetrics target --out-dir``; returns the paths written."""
        self._call(os.fspath(directory))
        return [os.path.join(os.fspath(directory), f) for f in TARGET_FILES]

    def plot(self, ax: Any = None) -> Any:
        """Bars of each change as a share of the indicator's observed range (signed)."""
        from .plot import _axes

        c = self.changes
        ax = _axes(ax, (7.0, 0.45 * max(len(c), 3) + 1.5))
        if len(c):
            share = c["change"] / (c["hi"] - c["lo"])
            ax.barh(c["code"][::-1], share[::-1], color="#4477aa")
        ax.set_xlabel("change / bounds' width")
        goal = f"rank {self.rank_goal}" if self.rank_goal else f"score {self.score_goal:g}"
        state = "reachable" if self.reachable else "unreachable"
        ax.set_title(f"{self.unit} to {goal} at {self.node}: {state}, cost {self.total_cost:.3g}")
        ax.figure.tight_layout()
        return ax

    def __repr__(self) -> str:
        goal = f"rank {self.rank_goal}" if self.rank_goal else f"score {self.score_goal:g}"
        if not self.reachable:
            return f"<govmetrics.Target {self.unit!r} to {goal} at {self.node!r}: unreachable ({self.reason})>"
        return (f"<govmetrics.Target {self.unit!r} to {goal} at {self.node!r}: {len(self.changes)} change(s), "
                f"cost {self.total_cost:.4g}, rank {self.rank_before:g} -> {self.rank_after:g} ({self.method})>")
