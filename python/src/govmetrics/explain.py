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

__all__ = ["Explanation", "FILES"]

#: The files ``Explanation.to_csv`` writes (those of ``govmetrics explain --out-dir``).
FILES = ("contributions.csv", "strengths.csv", "weaknesses.csv")


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
