"""Aggregation strategies (C++ ``govmetrics::aggregate::<name>``), used by a Methodology for
every aggregate node or per node (``aggregate_overrides``)::

    Arithmetic()   "arithmetic"   sum(w x) / sum(w) over the available children
    Geometric()    "geometric"    prod(x ^ (w / sum w)); needs x > 0 (DataError otherwise)
    Harmonic()     "harmonic"     sum(w) / sum(w / x); needs x > 0
"""

from __future__ import annotations

from ._core import aggregate as _ca

Arithmetic = _ca.Arithmetic
Geometric = _ca.Geometric
Harmonic = _ca.Harmonic
PowerMean = _ca.PowerMean
Median = _ca.Median

#: Every aggregation strategy by its C++ / methodology-file name.
registry: dict[str, type] = dict(_ca.registry)

__all__ = ["PowerMean", "Median", "Arithmetic", "Geometric", "Harmonic", "registry"]
