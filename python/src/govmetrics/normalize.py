"""Normalisation: the strategies a Methodology uses, and the same code as functions over numpy
arrays, Series and DataFrames.

Strategies (C++ ``govmetrics::normalize::<name>``; the name is the methodology-file key)::

    MinMax(lo=0, hi=100)          "min_max"           (x - min) / (max - min) * (hi - lo) + lo
    ZScore(mean=0, sd=1)          "z_score"           (x - mean(x)) / sd(x) * sd + mean, sd with n - 1
    Rank()                        "rank"              rank, ascending, ties "min"
    PercentileRank()              "percentile_rank"   (rank - 1) / (n - 1)
    Goalposts(lo, hi, clip, scale) "goalposts"        (x - lo) / (hi - lo), clipped to [0, 1], * scale
    None_()                       "none"              x (after the direction sign)
    Categorical(thresholds, scores, right_closed=False)
                                  "categorical"       the score of the band x falls in
    DistanceToReference(unit, cap=False)
                                  "distance_to_reference"  (x - min) / (x[unit] - min)

The others (DistanceToTarget, DistanceToBest, FractionOfMax, RatioToMean, Vector, Sum, LogMinMax,
Borda) are described in docs/methods/.

Functions normalise each column separately, with the pipeline's own fit/apply code: the
direction sign first (a "negative" column is multiplied by -1, so higher is always better), then
the fit on the column's non-missing values, then apply. NaN stays NaN. Labels are preserved:
DataFrame in, DataFrame out (same index and columns); Series in, Series out; arrays keep their
shape.

    >>> import govmetrics as gm, numpy as np
    >>> gm.normalize.min_max(np.array([10.0, 20.0, 30.0]))
    array([  0.,  50., 100.])
    >>> gm.normalize.min_max(np.array([9.0, 5.0, 7.0]), direction="negative")
    array([  0., 100.,  50.])
"""

from __future__ import annotations

from typing import Any

from ._core import normalize as _cn
from ._data import as_matrix, column_names, per_column, relabel
from ._methodology import as_strategy

MinMax = _cn.MinMax
ZScore = _cn.ZScore
Rank = _cn.Rank
PercentileRank = _cn.PercentileRank
Goalposts = _cn.Goalposts
None_ = _cn.None_
DistanceToTarget = _cn.DistanceToTarget
DistanceToBest = _cn.DistanceToBest
FractionOfMax = _cn.FractionOfMax
RatioToMean = _cn.RatioToMean
Vector = _cn.Vector
Sum = _cn.Sum
LogMinMax = _cn.LogMinMax
Borda = _cn.Borda
Categorical = _cn.Categorical
DistanceToReference = _cn.DistanceToReference

#: Every normalisation strategy by its C++ / methodology-file name.
registry: dict[str, type] = dict(_cn.registry)

__all__ = [
    "MinMax",
    "ZScore",
    "Rank",
    "PercentileRank",
    "Goalposts",
    "None_",
    "DistanceToTarget",
    "DistanceToBest",
    "DistanceToReference",
    "FractionOfMax",
    "RatioToMean",
    "Vector",
    "Sum",
    "LogMinMax",
    "Borda",
    "Categorical",
    "registry",
    "apply",
    "min_max",
    "z_score",
    "rank",
    "percentile_rank",
    "goalposts",
]


def apply(x: Any, method: Any, *, direction: Any = "positive") -> Any:
    """Normalise each column of ``x`` with ``method`` (a strategy, its name, or a dict).

    ``direction``: "positive"/"negative" or +1/-1 for every column, or one per column (a
    sequence, or a dict / Series by column label). The row labels of a DataFrame or Series are
    the unit ids that ``DistanceToReference(unit=...)`` looks up (as ``str``).
    """
    method = as_strategy(method, "normalize")
    who = f"normalize::{method.name}"
    mat = as_matrix(x, who)
    directions = per_column(direction, mat, "directions", who)
    units = None if mat.index is None else [str(u) for u in mat.index]
    return relabel(_cn.apply(method, mat.values, column_names(mat), directions, units), mat)


def min_max(x: Any, lo: float = 0.0, hi: float = 100.0, *, direction: Any = "positive") -> Any:
    """(x - min) / (max - min) * (hi - lo) + lo per column; zero range is a DataError."""
    return apply(x, MinMax(lo=lo, hi=hi), direction=direction)


def z_score(x: Any, mean: float = 0.0, sd: float = 1.0, *, direction: Any = "positive") -> Any:
    """(x - mean(x)) / sd(x) * sd + mean per column, sd(x) with n - 1; needs 2 values."""
    return apply(x, ZScore(mean=mean, sd=sd), direction=direction)


def rank(x: Any, *, direction: Any = "positive") -> Any:
    """Rank per column: ascending (the highest value gets the highest number), ties "min"."""
    return apply(x, Rank(), direction=direction)


def percentile_rank(x: Any, *, direction: Any = "positive") -> Any:
    """(rank - 1) / (n - 1) per column, n the number of non-missing values (0..1)."""
    return apply(x, PercentileRank(), direction=direction)


def goalposts(
    x: Any, lo: float, hi: float, *, clip: bool = True, scale: float = 1.0, direction: Any = "positive"
) -> Any:
    """(x - lo) / (hi - lo), clipped to [0, 1] when ``clip``, times ``scale``; for a negative
    column (x - hi) / (lo - hi), so the better goalpost still maps to ``scale``."""
    return apply(x, Goalposts(lo=lo, hi=hi, clip=clip, scale=scale), direction=direction)
