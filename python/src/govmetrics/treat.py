"""Outlier treatment strategies (C++ ``govmetrics::treat::<name>``)::

    None_()   "none"   the data pass unchanged
"""

from __future__ import annotations

from ._core import treat as _ct

None_ = _ct.None_
Winsorise = _ct.Winsorise
Log = _ct.Log
Log1p = _ct.Log1p
BoxCox = _ct.BoxCox

#: Every treatment strategy by its C++ name.
registry: dict[str, type] = dict(_ct.registry)

__all__ = ["Winsorise", "Log", "Log1p", "BoxCox", "None_", "registry"]
