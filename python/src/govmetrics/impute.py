"""Imputation of missing values before treatment and normalisation (C++
``govmetrics::impute::<name>``)::

    None_()            "none"     missing cells stay missing (the default)
    Mean(group="")     "mean"     the indicator's mean over the units with data (COINr i_mean);
                                  within the unit's group when ``group`` names a text column of
                                  the data (COINr i_mean_grp)
    Median(group="")   "median"   the same with the median (COINr i_median / i_median_grp)

A group with no data for an indicator keeps its missing cells (a warning diagnostic says so); a
unit without a group label (empty, None or NaN) is a DataError.
"""

from __future__ import annotations

from ._core import impute as _ci

None_ = _ci.None_
Mean = _ci.Mean
Median = _ci.Median

#: Every imputation strategy by its C++ / methodology-file name.
registry: dict[str, type] = dict(_ci.registry)

__all__ = ["Mean", "Median", "None_", "registry"]
