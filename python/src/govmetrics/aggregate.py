"""Aggregation strategies (C++ ``govmetrics::aggregate::<name>``), used by a Methodology for
every aggregate node or per node (``aggregate_overrides``).

Per-unit aggregators (one unit's children at a time)::

    Arithmetic()      "arithmetic"       sum(w x) / sum(w) over the available children
    Geometric()       "geometric"        prod(x ^ (w / sum w)); needs x > 0 (DataError otherwise)
    Harmonic()        "harmonic"         sum(w) / sum(w / x); needs x > 0
    PowerMean(p=1)    "power_mean"       (sum(w x^p) / sum(w))^(1/p)
    Median()          "median"           weighted median

Column-wide aggregators (every unit's children at once; units lacking a weighted child get NaN
and a warning, except Copeland; extra outputs in ``Result.outputs(node)`` and
``Result.facts(node)``)::

    Topsis(normalization="vector")     "topsis"            closeness d- / (d+ + d-); outputs
                                                           d_plus, d_minus, closeness
    Vikor(v=0.5)                       "vikor"             1 - Q; outputs S, R, Q, compromise;
                                                           facts dq, acceptable_advantage,
                                                           acceptable_stability
    GreyRelational(rho=0.5)            "grey_relational"   grey relational grade
    Copeland()                         "copeland"          weighted pairwise wins - losses;
                                                           outputs wins, losses
    Borda()                            "borda"             weighted Borda count
    MazziottaPareto(variant="mpi", penalty="negative", goalposts="data", lo=0, hi=100)
                                       "mazziotta_pareto"  MPI / AMPI; outputs mean, sd, cv
    BenefitOfDoubt(lower=0, upper=1)   "benefit_of_doubt"  per-unit LP (CLP); outputs w_<child>

Children arrive direction-corrected (higher = better) and every score is higher = better.
"""

from __future__ import annotations

from ._core import aggregate as _ca

Arithmetic = _ca.Arithmetic
Geometric = _ca.Geometric
Harmonic = _ca.Harmonic
PowerMean = _ca.PowerMean
Median = _ca.Median
Topsis = _ca.Topsis
Vikor = _ca.Vikor
GreyRelational = _ca.GreyRelational
Copeland = _ca.Copeland
Borda = _ca.Borda
MazziottaPareto = _ca.MazziottaPareto
BenefitOfDoubt = _ca.BenefitOfDoubt


def lp_solver_available() -> bool:
    """True when a linear-programming solver is registered (BenefitOfDoubt needs one; the
    package registers COIN-OR CLP when it was built with it)."""
    return bool(_ca.lp_solver_available())


#: Every aggregation strategy by its C++ / methodology-file name.
registry: dict[str, type] = dict(_ca.registry)

__all__ = [
    "PowerMean",
    "Median",
    "Arithmetic",
    "Geometric",
    "Harmonic",
    "Topsis",
    "Vikor",
    "GreyRelational",
    "Copeland",
    "Borda",
    "MazziottaPareto",
    "BenefitOfDoubt",
    "lp_solver_available",
    "registry",
]
