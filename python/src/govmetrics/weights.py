"""Weights: the weighting schemes a Methodology uses, and objective (data-driven) weights of a
plain decision matrix.

Schemes (C++ ``govmetrics::weights::<name>``; ``Methodology(weights=...)`` for every aggregate
node, ``weights_overrides={"node": ...}`` or a node's ``"weights"`` key for one node)::

    Explicit()   "explicit"   the weights written on the nodes, normalised within each parent
    Equal()      "equal"      1 / (number of children) within each parent
    Entropy(zeros="zero_log_zero")                   "entropy"   (C++ entropy_method)
    Critic()                                         "critic"    (C++ critic_method)
    Std()                                            "std"       (C++ std_method)
    Cv()                                             "cv"        (C++ cv_method)
    Pca(mode="squared")                              "pca"       first principal component
    Ahp(matrix=[[1, 3], [1/3, 1]], order=[], max_cr=0.1, reciprocal_tol=0.01)   "ahp"
    Combined(objective="entropy", alpha=0.5, mode="linear")                    "combined"

The computed schemes (all but Explicit and Equal) weight a node's children from their values at
that point of the run (normalised indicators or child scores), on the units with every child
available; ``Result.weights`` holds the weights used and ``Result.weight_details`` how they were
obtained (units used, PCA variance explained and loadings, AHP consistency ratio).

Objective weights of a matrix ``m`` (rows = alternatives/units, columns = criteria/indicators),
each >= 0 and summing to 1, computed on the matrix as given (C++ ``weights/objective.hpp``)::

    entropy(m, zeros="zero_log_zero")   Shannon entropy; 0 ln 0 = 0; values must be >= 0
    critic(m, directions)                CRITIC (Diakoulaki et al. 1995), direction-aware
    std_dev(m)                           standard deviations (n - 1), normalised
    cv(m)                                coefficients of variation (sd / mean), normalised

A DataFrame gives a Series by column label; an array gives an array. NaN (a missing value) is a
DataError, never a silent zero; so are text columns. ``directions``: +1/-1 or
"positive"/"negative", one per column (sequence, or dict / Series by label) or one for all.

    >>> import govmetrics as gm, pandas as pd
    >>> m = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 2.0, 2.0]})
    >>> gm.weights.std_dev(m).tolist()
    [1.0, 0.0]
"""

from __future__ import annotations

from typing import Any

from ._core import weights as _cw
from ._data import as_matrix, criteria_labels, per_column

Explicit = _cw.Explicit
Equal = _cw.Equal
Entropy = _cw.Entropy
Critic = _cw.Critic
Std = _cw.Std
Cv = _cw.Cv
Pca = _cw.Pca
Ahp = _cw.Ahp
Combined = _cw.Combined

#: Every weighting scheme by its C++ / methodology-file name.
registry: dict[str, type] = dict(_cw.registry)

__all__ = [
    "Explicit",
    "Equal",
    "Entropy",
    "Critic",
    "Std",
    "Cv",
    "Pca",
    "Ahp",
    "Combined",
    "registry",
    "entropy",
    "critic",
    "std_dev",
    "cv",
]


def entropy(m: Any, *, zeros: str = "zero_log_zero") -> Any:
    """Entropy weights: p = x / sum(x) per column, e = -sum(p ln p) / ln(rows),
    w = (1 - e) / sum(1 - e). ``zeros``: "zero_log_zero" (0 ln 0 = 0, the default) or
    "column_entropy_zero" (a column with a zero gets e = 0). Direction is ignored."""
    mat = as_matrix(m, "weights::entropy")
    return criteria_labels(_cw.entropy(mat.values, zeros), mat, "entropy")


def critic(m: Any, directions: Any = "positive") -> Any:
    """CRITIC weights: min-max each column with its direction, C = sd * sum(1 - r) over the
    Pearson correlations r with the other columns, w = C / sum(C). Needs 2 columns."""
    mat = as_matrix(m, "weights::critic")
    dirs = per_column(directions, mat, "directions", "weights::critic")
    return criteria_labels(_cw.critic(mat.values, dirs), mat, "critic")


def std_dev(m: Any) -> Any:
    """Standard-deviation weights: sd (n - 1) of each column, normalised to sum 1."""
    mat = as_matrix(m, "weights::std_dev")
    return criteria_labels(_cw.std_dev(mat.values), mat, "std_dev")


def cv(m: Any) -> Any:
    """Coefficient-of-variation weights: sd (n - 1) / mean of each column, normalised to sum 1;
    each column's mean must be positive."""
    mat = as_matrix(m, "weights::cv")
    return criteria_labels(_cw.cv(mat.values), mat, "cv")
