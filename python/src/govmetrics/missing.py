"""What aggregation does with missing children (C++ ``govmetrics::missing::<name>``)::

    Skip(min_share=0)   "skip"        skip missing children, renormalise the weights (COINr);
                                      NaN with a diagnostic below min_share available children
    Propagate()         "propagate"   any missing child makes the node missing

Screening before treatment (not a missing-value policy: ``Methodology(screen=...)``)::

    Screen(min_share=0, indicator_min_share=0)
        a unit with a share of available indicators below min_share is screened out (kept with
        NaN everywhere and a warning); an indicator covering less than indicator_min_share of the
        remaining units becomes all-NaN. 0 turns a test off.
"""

from __future__ import annotations

from ._core import missing as _cm

Skip = _cm.Skip
Propagate = _cm.Propagate
Screen = _cm.Screen

#: Every missing-value policy by its C++ / methodology-file name.
registry: dict[str, type] = dict(_cm.registry)

__all__ = ["Skip", "Propagate", "Screen", "registry"]
