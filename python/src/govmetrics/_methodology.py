"""govmetrics.Methodology: an index tree and every method choice, validated once."""

from __future__ import annotations

import html
import json
import os
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._core import Node, SpecError
from ._data import FrameReader

__all__ = ["Methodology", "Node"]

_FAMILIES = {
    "normalize": _core.normalize.registry,
    "aggregate": _core.aggregate.registry,
    "missing": _core.missing.registry,
    "weights": _core.weights.registry,
    "treat": _core.treat.registry,
    "impute": _core.impute.registry,
}
_ARGS = ("normalize", "aggregate", "missing", "weights", "treat", "impute")


def as_strategy(value: Any, family: str) -> Any:
    """A strategy object from an instance, its class, its name ("min_max") or a dict
    ({"method": "min_max", "lo": 0, "hi": 1}), as in a methodology file."""
    registry = _FAMILIES[family]
    classes = tuple(registry.values())
    if isinstance(value, classes):
        return value
    if isinstance(value, type) and value in classes:
        return value()
    if isinstance(value, str):
        if value not in registry:
            raise SpecError(
                f"{family}: unknown method {value!r} (expected one of "
                + ", ".join(repr(k) for k in registry)
                + ")"
            )
        return registry[value]()
    if isinstance(value, Mapping):
        params = dict(value)
        if "method" not in params:
            raise SpecError(f"{family}: a dict needs the key 'method' (one of {', '.join(map(repr, registry))})")
        method = params.pop("method")
        if not isinstance(method, str) or method not in registry:
            return as_strategy(method, family)  # raises the unknown-method SpecError
        # construct with the parameters at once: some strategies (weights.Ahp) have no valid
        # default
        return registry[method](**params)
    raise SpecError(
        f"{family}: expected a govmetrics.{family} strategy such as "
        f"{next(iter(registry.values())).__name__}(), a method name or a dict, got {value!r}"
    )


_NODE_KEYS = ("code", "name", "parent", "weight", "direction", "column", "unit", "description", "labels",
              "denominator")


def _as_screen(value: Any) -> Any:
    """A missing.Screen from an instance or a dict ({"min_share": 0.9}), as in a methodology file."""
    if isinstance(value, _core.missing.Screen):
        return value
    if isinstance(value, Mapping):
        return _core.missing.Screen(**dict(value))
    raise SpecError(f"screen: expected govmetrics.missing.Screen(...) or a dict like {{'min_share': 0.9}}, got {value!r}")


def _node_from_mapping(d: Mapping[str, Any], position: int) -> tuple[Node, Any, Any, Any, Any]:
    d = dict(d)
    if "code" not in d:
        raise SpecError(f"methodology: node at position {position} has no 'code'")
    normalize = d.pop("normalize", None)
    aggregate = d.pop("aggregate", None)
    weights = d.pop("weights", None)
    impute = d.pop("impute", None)
    labels = dict(d.pop("labels", None) or {})
    kwargs = {}
    for key, value in d.items():
        if key in _NODE_KEYS:
            kwargs[key] = value
        elif key.startswith("name_") and len(key) > 5:
            labels[key] = value
        else:
            raise SpecError(
                f"methodology: node {d['code']!r} has an unknown key {key!r} "
                f"(expected one of {', '.join(map(repr, _NODE_KEYS))}, 'normalize', 'aggregate', "
                "'impute', 'weights' or a 'name_<language>' label)"
            )
    code = kwargs.pop("code")
    return Node(code, labels=labels, **kwargs), normalize, aggregate, impute, weights


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    if isinstance(v, str) and v.strip() == "":
        return True
    return v is pd.NA or v is pd.NaT


class Methodology:
    """An index tree (nodes) and every method choice of the pipeline, validated on construction.

    Build one from a methodology file, in code, or from a COINr-style metadata table::

        >>> import govmetrics as gm
        >>> m = gm.Methodology(
        ...     nodes=[gm.Node("index"),
        ...            gm.Node("broadband", parent="index", column="broadband"),
        ...            gm.Node("licence_days", parent="index", column="licence_days",
        ...                    direction="negative")],
        ...     normalize=gm.normalize.MinMax(lo=0, hi=100),
        ...     aggregate=gm.aggregate.Arithmetic())
        >>> m.codes
        ('index', 'broadband', 'licence_days')

    Every strategy argument also takes a method name (``"z_score"``) or a dict as in the file
    format (``{"method": "min_max", "lo": 0, "hi": 1}``); nodes may be dicts with the file's keys.
    A Methodology is immutable: ``replace(...)`` and ``with_weights(...)`` return new ones.

    Invalid trees and parameters raise ``SpecError`` listing every problem found.
    """

    __slots__ = ("_engine", "_reader", "_spec", "_codes", "_unit", "_node_index", "__weakref__")

    def __init__(
        self,
        nodes: Iterable[Node | Mapping[str, Any]],
        *,
        normalize: Any = None,
        aggregate: Any = None,
        missing: Any = None,
        weights: Any = None,
        treat: Any = None,
        ties: str = "min",
        ranks: str = "all",
        unit: str = "",
        name: str = "",
        description: str = "",
        normalize_overrides: Mapping[str, Any] | None = None,
        aggregate_overrides: Mapping[str, Any] | None = None,
        weights_overrides: Mapping[str, Any] | None = None,
        impute: Any = None,
        screen: Any = None,
        impute_overrides: Mapping[str, Any] | None = None,
        uncertainty: Mapping[str, Any] | None = None,
        sensitivity: Mapping[str, Any] | None = None,
    ) -> None:
        if isinstance(nodes, (str, bytes, pd.DataFrame)):
            raise SpecError(
                "methodology: 'nodes' must be a list of govmetrics.Node or dicts "
                "(use Methodology.from_json for a file, Methodology.from_frame for a table)"
            )
        node_list: list[Node] = []
        n_over = {k: as_strategy(v, "normalize") for k, v in (normalize_overrides or {}).items()}
        a_over = {k: as_strategy(v, "aggregate") for k, v in (aggregate_overrides or {}).items()}
        w_over = {k: as_strategy(v, "weights") for k, v in (weights_overrides or {}).items()}
        i_over = {k: as_strategy(v, "impute") for k, v in (impute_overrides or {}).items()}
        for i, n in enumerate(nodes):
            if isinstance(n, Node):
                node_list.append(n.copy())
                continue
            if not isinstance(n, Mapping):
                raise SpecError(f"methodology: node at position {i} is {n!r}, not a govmetrics.Node or a dict")
            node, nrm, agg, imp, wts = _node_from_mapping(n, i)
            if imp is not None:
                i_over[node.code] = as_strategy(imp, "impute")
            if nrm is not None:
                n_over[node.code] = as_strategy(nrm, "normalize")
            if agg is not None:
                a_over[node.code] = as_strategy(agg, "aggregate")
            if wts is not None:
                w_over[node.code] = as_strategy(wts, "weights")
            node_list.append(node)
        spec = _core.PipelineSpec(
            normalize=None if normalize is None else as_strategy(normalize, "normalize"),
            aggregate=None if aggregate is None else as_strategy(aggregate, "aggregate"),
            missing=None if missing is None else as_strategy(missing, "missing"),
            weights=None if weights is None else as_strategy(weights, "weights"),
            treat=None if treat is None else as_strategy(treat, "treat"),
            ties=ties,
            ranks=ranks,
            normalize_overrides=n_over,
            aggregate_overrides=a_over,
            weights_overrides=w_over,
            impute=None if impute is None else as_strategy(impute, "impute"),
            screen=None if screen is None else _as_screen(screen),
            impute_overrides=i_over,
        )
        engine = _core.Engine(node_list, spec, name=name, description=description, unit=unit or "")
        if uncertainty is not None or sensitivity is not None:
            # the sections as the file writes them, read by the file reader (the same checks, paths)
            doc = json.loads(_core.io.to_json(engine))
            if uncertainty is not None:
                doc["uncertainty"] = dict(uncertainty)
            if sensitivity is not None:
                doc["sensitivity"] = dict(sensitivity)
            engine = _core.io.parse_methodology(json.dumps(doc), "<methodology sections>")
        self._set(engine)

    def _set(self, engine: Any) -> None:
        self._engine = engine
        self._spec = engine.spec
        self._codes = tuple(engine.codes)
        self._unit = engine.unit
        self._node_index = pd.Index(self._codes, dtype=object, name="node")  # immutable: shared
        self._reader = FrameReader(engine.columns)

    @classmethod
    def _from_engine(cls, engine: Any) -> "Methodology":
        obj = cls.__new__(cls)
        obj._set(engine)
        return obj

    # ---- files ----------------------------------------------------------------------------------
    @classmethod
    def from_json(cls, path: str | os.PathLike[str]) -> "Methodology":
        """Read a methodology file (the JSON format of docs/methodology-file.md).

        Raises ParseError (invalid JSON, with line and column), SpecError (every other problem,
        each with its JSON path) or DataError (the file cannot be read).
        """
        return cls._from_engine(_core.io.read_methodology(os.fspath(path)))

    @classmethod
    def from_json_string(cls, text: str, source: str = "<string>") -> "Methodology":
        """Parse methodology JSON text; ``source`` names it in messages."""
        return cls._from_engine(_core.io.parse_methodology(text, source))

    @classmethod
    def from_coinr(cls, imeta: Any, idata: Any = None) -> "Methodology":
        """COINr's tables read as they are (docs/coinr.md), as ``govmetrics import-coinr``: iMeta
        (a CSV path or a DataFrame with COINr's columns iCode, iName, Level, Parent, Direction,
        Weight, Type, Unit, Target, Denominator) becomes the tree with names, directions, weights,
        units of measurement, targets and denominators, unit column ``uCode``; rows of Type Group,
        Denominator and Other name iData columns. With ``idata`` (path or DataFrame) its columns
        are checked against iMeta. Every row that cannot be mapped is an error naming it. The
        method choices are govmetrics' defaults (COINr's): add steps with ``replace(...)``."""
        return cls.from_json_string(*_coinr_import(imeta, idata)[:2])

    def to_json(self, path: str | os.PathLike[str] | None = None) -> str:
        """The methodology as JSON text; also written to ``path`` (atomically) when given."""
        text = _core.io.to_json(self._engine)
        if path is not None:
            _core.io.write_file_atomically(os.fspath(path), text)
        return text

    # ---- metadata tables ------------------------------------------------------------------------
    @classmethod
    def from_frame(cls, frame: pd.DataFrame, **kwargs: Any) -> "Methodology":
        """Build from a COINr-style metadata table, one row per node.

        Columns (case-insensitive; COINr's ``iCode``, ``iName``, ``Parent``, ``Direction``,
        ``Weight``, ``Type`` work too): ``code`` (required), ``parent`` (empty or NaN for the
        root), ``name``, ``direction`` (+1/-1 or "positive"/"negative"), ``weight`` (NaN: 1),
        ``column`` (the data column of an indicator), ``unit``, ``description``, ``denominator``
        (COINr's ``Denominator``: the data column an indicator is divided by), ``name_<lang>``
        labels. A row is an indicator when its ``column`` is given; without a ``column`` column,
        when ``type`` is "Indicator"; without either, when no row names it as parent (a leaf, whose
        data column is then its code). COINr rows of type Group, Denominator or Other are skipped;
        ``level`` and ``target`` are ignored. Other keyword arguments go to ``Methodology(...)``.

            >>> meta = pd.DataFrame({"code": ["index", "a", "b"], "parent": [None, "index", "index"],
            ...                      "direction": [None, 1, -1]})
            >>> Methodology.from_frame(meta).codes
            ('index', 'a', 'b')
        """
        if not isinstance(frame, pd.DataFrame):
            raise SpecError(f"methodology: from_frame expects a pandas DataFrame, got {type(frame).__name__}")
        aliases = {"icode": "code", "iname": "name", "indicator": "code"}
        ignored = {"level", "target"}
        known = {"code", "name", "parent", "direction", "weight", "column", "unit", "description", "type",
                 "denominator"}
        columns: dict[str, Any] = {}
        for c in frame.columns:
            key = str(c).strip().lower()
            key = aliases.get(key, key)
            if key in ignored:
                continue
            if key not in known and not (key.startswith("name_") and len(key) > 5):
                raise SpecError(
                    f"methodology: from_frame: unknown column {str(c)!r} (expected code, name, parent, "
                    "direction, weight, column, unit, description, type, denominator, level, target or "
                    "name_<lang>)"
                )
            if key in columns:
                raise SpecError(f"methodology: from_frame: two columns mean {key!r}")
            columns[key] = c
        if "code" not in columns:
            raise SpecError("methodology: from_frame: the table has no 'code' column (COINr: 'iCode')")
        rows = frame.to_dict("records")
        get = lambda row, key: None if key not in columns else row[columns[key]]  # noqa: E731
        kept = []
        for row in rows:
            t = get(row, "type")
            if not _is_missing(t) and str(t).strip().lower() in ("group", "denominator", "other"):
                continue
            kept.append(row)
        parents = {str(get(r, "parent")).strip() for r in kept if not _is_missing(get(r, "parent"))}
        nodes = []
        for i, row in enumerate(kept):
            code = get(row, "code")
            if _is_missing(code):
                raise SpecError(f"methodology: from_frame: row {i} has no code")
            code = str(code).strip()
            parent = get(row, "parent")
            column = get(row, "column")
            typ = get(row, "type")
            if not _is_missing(column):
                column = str(column)
            elif "column" in columns:
                column = ""
            elif "type" in columns:
                column = code if (not _is_missing(typ) and str(typ).strip().lower() == "indicator") else ""
            else:
                column = "" if code in parents else code
            weight = get(row, "weight")
            direction = get(row, "direction")
            if _is_missing(direction):
                direction = "positive"
            elif isinstance(direction, (float, np.floating)) and float(direction).is_integer():
                direction = int(direction)
            labels = {}
            for key, c in columns.items():
                if key.startswith("name_") and not _is_missing(row[c]):
                    labels[key] = str(row[c])
            text = lambda key: "" if _is_missing(get(row, key)) else str(get(row, key))  # noqa: E731
            nodes.append(
                Node(
                    code,
                    parent="" if _is_missing(parent) else str(parent).strip(),
                    column=column,
                    weight=1.0 if _is_missing(weight) else float(weight),
                    direction=direction,
                    name=text("name"),
                    unit=text("unit"),
                    description=text("description"),
                    labels=labels,
                    denominator=text("denominator") if column else "",
                )
            )
        return cls(nodes, **kwargs)

    def to_frame(self) -> pd.DataFrame:
        """The nodes as a metadata table (code, name, parent, direction, weight, column, unit,
        description, name_<lang> labels); ``Methodology.from_frame`` reads it back."""
        nodes = self.nodes
        label_keys: list[str] = []
        for n in nodes:
            for k in n.labels:
                if k not in label_keys:
                    label_keys.append(k)
        data: dict[str, list[Any]] = {k: [] for k in ("code", "name", "parent", "direction", "weight", "column", "unit", "description")}
        with_denominator = any(n.denominator for n in nodes)
        if with_denominator:
            data["denominator"] = []
        for k in label_keys:
            data[k] = []
        for n in nodes:
            if with_denominator:
                data["denominator"].append(n.denominator or None)
            data["code"].append(n.code)
            data["name"].append(n.name)
            data["parent"].append(n.parent or None)
            data["direction"].append(n.direction if n.is_indicator else None)
            data["weight"].append(n.weight)
            data["column"].append(n.column or None)
            data["unit"].append(n.unit)
            data["description"].append(n.description)
            for k in label_keys:
                data[k].append(n.labels.get(k))
        return pd.DataFrame(data)

    # ---- what it holds --------------------------------------------------------------------------
    @property
    def nodes(self) -> list[Node]:
        """The nodes in file order (copies: change them through ``replace(nodes=...)``)."""
        return self._engine.nodes

    @property
    def codes(self) -> tuple[str, ...]:
        """Node codes in framework (file) order: the columns of ``Result.scores``."""
        return self._codes

    @property
    def columns(self) -> list[str]:
        """The data columns the indicators read, in first-use order."""
        return list(self._engine.columns)

    @property
    def indicators(self) -> list[str]:
        """Codes of the indicator nodes, file order."""
        return [self._codes[i] for i in self._engine.indicators]

    @property
    def root(self) -> str:
        """Code of the root (the index)."""
        return self._codes[self._engine.root]

    def children(self, code: str) -> list[str]:
        """Codes of the children of a node, file order."""
        return [self._codes[i] for i in self._engine.children(self._position(code))]

    def parent(self, code: str) -> str:
        """Parent code ('' for the root)."""
        return self._engine.parents[self._position(code)]

    def depth(self, code: str) -> int:
        """Depth below the root (root 0, dimensions 1, ...)."""
        return int(self._engine.depths[self._position(code)])

    def level(self, depth: int) -> list[str]:
        """Codes of every node at a depth below the root, file order."""
        return [c for c, d in zip(self._codes, self._engine.depths) if d == depth]

    @property
    def dimensions(self) -> list[str]:
        """The root's children."""
        return self.children(self.root)

    def _position(self, code: str) -> int:
        try:
            return self._codes.index(code)
        except ValueError:
            raise _core.UnknownCodeError(f"methodology: unknown node {code!r}") from None

    @property
    def name(self) -> str:
        return self._engine.name

    @property
    def description(self) -> str:
        return self._engine.description

    @property
    def unit(self) -> str:
        """The data column holding unit ids ('' : the DataFrame index, or a CSV's first column)."""
        return self._unit

    @property
    def normalize(self) -> Any:
        return self._spec.normalize

    @property
    def aggregate(self) -> Any:
        return self._spec.aggregate

    @property
    def missing(self) -> Any:
        return self._spec.missing

    @property
    def weights(self) -> Any:
        return self._spec.weights

    @property
    def treat(self) -> Any:
        return self._spec.treat

    @property
    def ties(self) -> str:
        return self._spec.ties

    @property
    def ranks(self) -> str:
        return self._spec.ranks

    @property
    def normalize_overrides(self) -> dict[str, Any]:
        return dict(self._spec.normalize_overrides)

    @property
    def aggregate_overrides(self) -> dict[str, Any]:
        return dict(self._spec.aggregate_overrides)

    @property
    def weights_overrides(self) -> dict[str, Any]:
        """Weighting scheme per aggregate node code (the node's children), overriding ``weights``."""
        return dict(self._spec.weights_overrides)

    @property
    def impute(self) -> Any:
        """Imputation before treatment (govmetrics.impute; ``None_()`` by default)."""
        return self._spec.impute

    @property
    def screen(self) -> Any:
        """Coverage screening after imputation (govmetrics.missing.Screen; off by default)."""
        return self._spec.screen

    @property
    def impute_overrides(self) -> dict[str, Any]:
        return dict(self._spec.impute_overrides)

    @property
    def label_columns(self) -> list[str]:
        """Text columns of the data the methodology needs (e.g. the imputation group)."""
        return list(self._engine.label_columns)

    def node_weights(self) -> pd.Series:
        """Each node's weight within its parent as planned (normalised among siblings;
        ``weights=Equal()`` gives 1/n), by code. Schemes computed from the data or a pairwise
        matrix (``Entropy()``, ``Pca()``, ``Ahp(...)``, ...) show their prior here, the explicit
        weights; the weights a run used are in ``Result.weights``."""
        return pd.Series(self._engine.weights, index=pd.Index(self._codes, name="node"), name="weight")

    # ---- changes ----------------------------------------------------------------------------------
    @property
    def uncertainty(self) -> dict[str, Any] | None:
        """The ``"uncertainty"`` section (runs, seed, inputs) as the file writes it, or None
        (docs/uncertainty.md); ``gm.uncertainty`` uses it by default."""
        return json.loads(self.to_json()).get("uncertainty")

    @property
    def sensitivity(self) -> dict[str, Any] | None:
        """The ``"sensitivity"`` section (n, seed, bootstrap, confidence, sampling, scramble,
        dummy, nodes) as the file writes it, or None (docs/sensitivity.md);
        ``gm.sensitivity.analyze`` takes its settings from it by default."""
        return json.loads(self.to_json()).get("sensitivity")

    def _arguments(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "normalize": self.normalize,
            "aggregate": self.aggregate,
            "missing": self.missing,
            "weights": self.weights,
            "treat": self.treat,
            "ties": self.ties,
            "ranks": self.ranks,
            "unit": self.unit,
            "name": self.name,
            "description": self.description,
            "normalize_overrides": self.normalize_overrides,
            "aggregate_overrides": self.aggregate_overrides,
            "weights_overrides": self.weights_overrides,
            "impute": self.impute,
            "screen": self.screen,
            "impute_overrides": self.impute_overrides,
            "uncertainty": self.uncertainty,
            "sensitivity": self.sensitivity,
        }

    def replace(self, **changes: Any) -> "Methodology":
        """A new Methodology with some constructor arguments changed::

            m_eq = m.replace(weights=gm.weights.Equal(), name="equal weights")
        """
        args = self._arguments()
        unknown = set(changes) - set(args)
        if unknown:
            raise SpecError(f"methodology: replace() got unknown argument(s) {', '.join(sorted(unknown))}")
        args.update(changes)
        return Methodology(**args)

    def with_weights(self, weights: Mapping[str, float] | pd.Series, **changes: Any) -> "Methodology":
        """A new Methodology whose nodes carry these weights (by code; others unchanged)."""
        weights = dict(weights.items()) if isinstance(weights, pd.Series) else dict(weights)
        unknown = [c for c in weights if c not in self._codes]
        if unknown:
            raise _core.UnknownCodeError(f"methodology: unknown node(s) {', '.join(map(repr, unknown))}")
        nodes = self.nodes
        for n in nodes:
            if n.code in weights:
                n.weight = float(weights[n.code])
        return self.replace(nodes=nodes, **changes)

    def compute(self, data: Any, **kwargs: Any) -> Any:
        """``govmetrics.compute(self, data, ...)``."""
        from ._result import compute

        return compute(self, data, **kwargs)

    # ---- Python protocol --------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Methodology):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Methodology.from_json_string, (self.to_json(),))

    def _summary(self) -> str:
        n_ind = len(self._engine.indicators)
        return (
            f"{len(self._codes)} nodes, {n_ind} indicators; normalize {self.normalize!r}, "
            f"aggregate {self.aggregate!r}, missing {self.missing!r}, weights {self.weights!r}, "
            f"ties {self.ties!r}"
        )

    def __repr__(self) -> str:
        title = f"{self.name!r}: " if self.name else ""
        return f"<govmetrics.Methodology {title}{self._summary()}>"

    def _repr_html_(self) -> str:
        head = f"<p><strong>{html.escape(self.name or 'govmetrics.Methodology')}</strong><br>{html.escape(self._summary())}</p>"
        return head + self.to_frame().to_html(index=False, na_rep="")


def _coinr_text(table: Any, what: str) -> tuple[str, str]:
    """CSV text of a COINr table given as a path or a DataFrame, and its name for messages."""
    if table is None:
        return "", ""
    if isinstance(table, (str, os.PathLike)):
        path = os.fspath(table)
        with open(path, "rb") as f:
            return f.read().decode("utf-8"), path
    if isinstance(table, pd.DataFrame):
        frame = table if isinstance(table.index, pd.RangeIndex) else table.reset_index()
        return frame.to_csv(index=False, float_format="%.17g"), f"<{what} DataFrame>"
    raise TypeError(f"from_coinr: {what} must be a CSV path or a pandas DataFrame, not {type(table).__name__}")


def _coinr_import(imeta: Any, idata: Any) -> tuple[str, str, dict]:
    meta, meta_source = _coinr_text(imeta, "iMeta")
    data, data_source = _coinr_text(idata, "iData")
    d = _core.io.import_coinr(meta, meta_source, data, data_source)
    return d["methodology"], f"<COINr import of {meta_source}>", d
