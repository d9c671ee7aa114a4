"""Outlier treatment strategies (C++ ``govmetrics::treat::<name>``)::

    None_()   "none"   the data pass unchanged
"""

from __future__ import annotations

from ._core import treat as _ct

None_ = _ct.None_

#: Every treatment strategy by its C++ name.
registry: dict[str, type] = dict(_ct.registry)

__all__ = ["None_", "registry"]
