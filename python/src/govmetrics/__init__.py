"""govmetrics: composite governance indices (scores and ranks at every level of an index tree),
with every method choice explicit, on the same C++ core as the ``govmetrics`` command, bit for bit.

    >>> import govmetrics as gm
    >>> m = gm.Methodology.from_json("examples/cities/city_digital_governance.json")  # doctest: +SKIP
    >>> res = gm.compute(m, "examples/cities/cities.csv")                             # doctest: +SKIP
    >>> res.scores, res.ranks, res.to_long(), res.weights, res.params, res.diagnostics  # doctest: +SKIP
    >>> res.plot.ranking(top=20)                                                     # doctest: +SKIP

Modules: ``normalize``, ``aggregate``, ``missing``, ``impute``, ``treat``, ``weights`` (strategies and
functions), ``mcda`` (multi-criteria functions on a plain matrix), ``plot`` (charts; matplotlib),
``uncertainty`` with ``ua`` (its inputs in code) and ``dask`` (the same on a Dask cluster).
Errors: ``GovMetricsError`` and its subclasses ``SpecError`` (also ValueError), ``DataError``
(also ValueError), ``UnknownCodeError`` (also KeyError), ``ParseError`` (also ValueError).
"""

from __future__ import annotations

from . import _core
from ._core import DataError, GovMetricsError, Node, ParseError, SpecError, UnknownCodeError
from . import aggregate, audit, explain, impute, mcda, missing, normalize, plot, sensitivity, treat, ua, weights
from ._methodology import Methodology
from ._result import Result, compute, read_csv
from ._uncertainty import UncertaintyResult, uncertainty
from .audit import compare

__version__: str = _core.__version__

__all__ = [
    "__version__",
    "GovMetricsError",
    "SpecError",
    "DataError",
    "UnknownCodeError",
    "ParseError",
    "Node",
    "Methodology",
    "Result",
    "compute",
    "read_csv",
    "uncertainty",
    "UncertaintyResult",
    "compare",
    "normalize",
    "aggregate",
    "missing",
    "impute",
    "treat",
    "weights",
    "mcda",
    "plot",
    "sensitivity",
    "audit",
    "explain",
    "ua",
    "dask",
]


def __getattr__(name: str) -> object:
    # govmetrics.dask imports nothing from Dask itself, but is loaded on first use all the same
    if name == "dask":
        import importlib

        return importlib.import_module(".dask", __name__)
    raise AttributeError(f"module 'govmetrics' has no attribute {name!r}")
