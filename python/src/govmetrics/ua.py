"""govmetrics.ua: the inputs of an uncertainty analysis, built in code (docs/uncertainty.md).

Each object writes itself as the methodology file's ``"uncertainty"`` inputs do (``to_dict()``);
pass a list of them (or of such dicts) as ``inputs=`` to :func:`govmetrics.uncertainty`::

    gm.uncertainty(m, data, runs=10_000, inputs=[
        gm.ua.Weights(spread=0.25),
        gm.ua.Alternatives("normalize", [{"method": "min_max", "lo": 1, "hi": 100},
                                         {"method": "z_score", "mean": 10, "sd": 2}]),
        gm.ua.Alternatives("aggregate", [{"method": "arithmetic"}, {"method": "geometric"}]),
        gm.ua.Exclude(["fbb", "gfib"]),
        gm.ua.Noise(relative_sd=0.05),
    ])

Every value is checked by the same C++ code as the file's (SpecError with the JSON path).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

__all__ = ["Weights", "Alternatives", "Exclude", "Noise"]

_KINDS = ("normalize", "aggregate", "treat", "impute", "weighting", "missing")


def _nodes(nodes: Sequence[str] | str | None) -> Any:
    if nodes is None or nodes == "*":
        return "*"
    if isinstance(nodes, str):
        return [nodes]
    return [str(n) for n in nodes]


@dataclass(frozen=True)
class Weights:
    """The weights of the children of ``nodes`` (aggregate codes; default every aggregate node),
    drawn around the nominal ones: ``"uniform"`` (each times U(1 - spread, 1 + spread), then
    renormalised: COINr's noisy weights), ``"dirichlet"`` (centred, with ``concentration``) or
    ``"simplex"`` (uniform over all weight vectors)."""

    spread: float = 0.25
    nodes: Sequence[str] | str | None = None
    distribution: str = "uniform"
    concentration: float = 100.0
    name: str = "weights"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": "weights", "nodes": _nodes(self.nodes),
                "distribution": self.distribution, "spread": self.spread,
                "concentration": self.concentration}


@dataclass(frozen=True)
class Alternatives:
    """One of several methods for a stage (``kind``: normalize, aggregate, treat, impute,
    weighting or missing), drawn per replication, equally likely unless ``probabilities`` are
    given; for the whole index or for ``nodes`` (indicators for normalize, treat and impute;
    aggregate nodes for aggregate and weighting). Each alternative is a method dict such as
    ``{"method": "z_score", "mean": 10, "sd": 2}`` (the file's form)."""

    kind: str
    alternatives: Sequence[Any]
    nodes: Sequence[str] | str | None = None
    probabilities: Sequence[float] | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.kind not in _KINDS:
            raise ValueError(f"ua.Alternatives: unknown kind {self.kind!r} (expected one of {', '.join(_KINDS)})")
        out: dict[str, Any] = {"name": self.name or self.kind, "kind": self.kind,
                               "alternatives": [_method(a) for a in self.alternatives]}
        if self.nodes is not None and self.nodes != "*":
            out["nodes"] = _nodes(self.nodes)
        if self.probabilities is not None:
            out["probabilities"] = [float(p) for p in self.probabilities]
        return out


@dataclass(frozen=True)
class Exclude:
    """Each replication leaves out none or one of ``nodes`` (equally likely); the siblings'
    weights are renormalised."""

    nodes: Sequence[str] = field(default_factory=list)
    name: str = "exclude"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": "exclude", "nodes": _nodes(self.nodes)}


@dataclass(frozen=True)
class Noise:
    """Measurement error on the indicator values (kind ``"data"``): x (1 + relative_sd z) or
    x + sd z, z standard normal, per value and replication; ``indicators`` default every
    indicator. The data then differ in every replication, so each replication prepares them
    again (slower than the other inputs)."""

    relative_sd: float | None = None
    sd: float | None = None
    indicators: Sequence[str] | str | None = None
    name: str = "data"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": "data", "indicators": _nodes(self.indicators)}
        if self.relative_sd is not None:
            out["relative_sd"] = self.relative_sd
        if self.sd is not None:
            out["sd"] = self.sd
        return out


def _method(a: Any) -> Any:
    """A method as the file writes it: a dict, a method name, or a strategy object with to_dict."""
    to_dict = getattr(a, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return a
