"""Multi-criteria decision analysis on a plain decision matrix (C++ ``govmetrics::mcda``).

``m``: rows = alternatives (units), columns = criteria (indicators), as a DataFrame (labels
kept: the output is a DataFrame indexed like ``m``'s rows) or a 2-D array. ``w``: one weight per
criterion (sequence, or dict / Series by column label). ``directions``: +1/-1 or
"positive"/"negative", one per criterion or one for all. NaN input is a DataError.

    topsis(m, w, directions, normalization="vector")   columns d_plus, d_minus, score, rank
    vikor(m, w, directions, v=0.5)                     columns S, R, Q, rank, compromise
    saw(m, w, directions)                              columns score, rank
    wpm(m, w, directions, zeros="error")               columns score, log10_score, rank
    grey_relational(m, w, directions, rho=0.5)         columns grade, rank

Ranks: 1 = best, ties "min" (VIKOR: by Q ascending, lower is better).

    >>> import govmetrics as gm, pandas as pd
    >>> m = pd.DataFrame({"cost": [250.0, 200.0, 300.0], "quality": [16.0, 16.0, 32.0]},
    ...                  index=["A", "B", "C"])
    >>> gm.mcda.topsis(m, [0.5, 0.5], ["negative", "positive"])["rank"].tolist()
    [3.0, 2.0, 1.0]

Adding a function of the C++ API: one m.def in python/bindings/register_mcda.cpp, one wrapper
here.
"""

from __future__ import annotations

from typing import Any

from ._core import mcda as _cm
from ._data import alternatives_frame, as_matrix, per_column, weights_vector

__all__ = ["topsis", "vikor", "saw", "wpm", "grey_relational"]


def topsis(m: Any, w: Any, directions: Any = "positive", *, normalization: str = "vector") -> Any:
    """TOPSIS (Hwang & Yoon 1981): normalise each criterion ("vector": x / ||x||, the default;
    or "min_max" with direction), weight, then the Euclidean distances to the ideal (d_plus) and
    anti-ideal (d_minus); score = d_minus / (d_plus + d_minus) in [0, 1], higher is better; rank 1
    = best, ties "min". Returns a DataFrame with columns d_plus, d_minus, score, rank."""
    mat = as_matrix(m, "mcda::topsis")
    weights = weights_vector(w, mat, "mcda::topsis")
    dirs = per_column(directions, mat, "directions", "mcda::topsis")
    return alternatives_frame(_cm.topsis(mat.values, weights, dirs, normalization), mat)


def vikor(m: Any, w: Any, directions: Any = "positive", *, v: float = 0.5) -> Any:
    """VIKOR (Opricovic 1998; Opricovic & Tzeng 2004) on the raw values: weighted regrets
    d_ij = w_j (f*_j - x_ij) / (f*_j - f-_j); S = sum_j d (group utility), R = max_j d (individual
    regret), Q = v (S - S*) / (S- - S*) + (1 - v) (R - R*) / (R- - R*); all three lower is
    better; rank by Q. Returns a DataFrame with columns S, R, Q, rank and ``compromise`` (True for
    the compromise solution set); ``.attrs`` holds ``dq`` (1 / (m - 1)),
    ``acceptable_advantage`` (C1), ``acceptable_stability`` (C2) and ``compromise_set`` (row
    positions in Q order)."""
    mat = as_matrix(m, "mcda::vikor")
    weights = weights_vector(w, mat, "mcda::vikor")
    dirs = per_column(directions, mat, "directions", "mcda::vikor")
    cols, info = _cm.vikor(mat.values, weights, dirs, float(v))
    out = alternatives_frame(cols, mat)
    out.attrs.update(info)
    return out


def saw(m: Any, w: Any, directions: Any = "positive") -> Any:
    """Simple additive weighting: min-max each criterion with its direction (1 = best), then
    score = sum_j w_j r_ij. Returns a DataFrame with columns score, rank."""
    mat = as_matrix(m, "mcda::saw")
    weights = weights_vector(w, mat, "mcda::saw")
    dirs = per_column(directions, mat, "directions", "mcda::saw")
    return alternatives_frame(_cm.saw(mat.values, weights, dirs), mat)


def wpm(m: Any, w: Any, directions: Any = "positive", *, zeros: str = "error") -> Any:
    """Weighted product model on the raw values: score = prod_j x_ij^(w_j), x_ij^(-w_j) for a
    negative criterion; log10_score = its log10 as a sum (never overflows); ranked by
    log10_score. ``zeros``: "error" (any value <= 0 is a DataError) or "zero_score" (a zero in a
    positive criterion makes the score 0). Returns columns score, log10_score, rank."""
    mat = as_matrix(m, "mcda::wpm")
    weights = weights_vector(w, mat, "mcda::wpm")
    dirs = per_column(directions, mat, "directions", "mcda::wpm")
    return alternatives_frame(_cm.wpm(mat.values, weights, dirs, zeros), mat)


def grey_relational(m: Any, w: Any, directions: Any = "positive", *, rho: float = 0.5) -> Any:
    """Grey relational analysis (Deng 1982) against the ideal sequence of ones: min-max with
    direction, delta = |1 - r|, xi = (delta_min + rho delta_max) / (delta + rho delta_max) over
    the whole matrix, grade = sum_j w_j xi_ij / sum_j w_j. Returns columns grade, rank."""
    mat = as_matrix(m, "mcda::grey_relational")
    weights = weights_vector(w, mat, "mcda::grey_relational")
    dirs = per_column(directions, mat, "directions", "mcda::grey_relational")
    return alternatives_frame(_cm.grey_relational(mat.values, weights, dirs, float(rho)), mat)
