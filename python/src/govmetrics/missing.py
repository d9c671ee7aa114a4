"""What aggregation does with missing children (C++ ``govmetrics::missing::<name>``)::

    Skip(min_share=0)   "skip"        skip missing children, renormalise the weights (COINr);
                                      NaN with a diagnostic below min_share available children
    Propagate()         "propagate"   any missing child makes the node missing
"""

from __future__ import annotations

from ._core import missing as _cm

Skip = _cm.Skip
Propagate = _cm.Propagate

#: Every missing-value policy by its C++ / methodology-file name.
registry: dict[str, type] = dict(_cm.registry)

__all__ = ["Skip", "Propagate", "registry"]
