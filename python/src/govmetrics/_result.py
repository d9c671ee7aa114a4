"""govmetrics.compute and govmetrics.Result."""

from __future__ import annotations

import html
import os
import tempfile
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._core import DataError
from ._data import frame_units, is_numeric_dtype, non_numeric_error
from ._methodology import Methodology

__all__ = ["compute", "Result"]

_F64 = np.dtype(np.float64)


def compute(
    methodology: Methodology | str | os.PathLike[str],
    data: pd.DataFrame | np.ndarray | str | os.PathLike[str],
    *,
    units: Sequence[Any] | None = None,
    columns: Sequence[str] | None = None,
) -> "Result":
    """Normalise, weight, aggregate and rank: scores and ranks of every unit at every node.

    ``methodology``: a Methodology or the path of a methodology file.

    ``data``:

    - a DataFrame with a row per unit: unit ids in the methodology's ``unit`` column when the frame
      has it, else in the index (whose labels, of any type, label the results); the indicator
      columns are read in place when they are float64 (no copy), converted once when they are
      other numbers; text columns raise DataError naming the column. Other columns are ignored.
    - the path of a CSV file, read by the same C++ reader as the ``govmetrics`` command with the
      methodology's data options (unit column, indicator columns, wide or long layout);
    - a 2-D numpy array (units x columns) with ``columns`` naming its columns (default: the
      methodology's ``columns``, in order) and ``units`` its rows (default 0, 1, ...); read in
      place when Fortran-ordered float64.

    NaN is a missing value: aggregation skips it (or propagates it, per ``missing``) and the result
    says so in ``diagnostics``. The heavy work runs without the GIL.

    The numbers are those of the ``govmetrics`` command, bit for bit, given the same input values:
    when pandas reads the CSV, pass ``float_precision="round_trip"`` (pandas' default parser can
    be one unit in the last place off for some decimals).

        >>> import govmetrics as gm, pandas as pd
        >>> m = gm.Methodology(nodes=[gm.Node("index"),
        ...     gm.Node("broadband", parent="index", column="broadband"),
        ...     gm.Node("licence_days", parent="index", column="licence_days", direction=-1)])
        >>> data = pd.DataFrame({"broadband": [10.0, 20, 30], "licence_days": [9.0, 5, 7]},
        ...                     index=["A", "B", "C"])
        >>> gm.compute(m, data).scores["index"].tolist()
        [0.0, 75.0, 75.0]
    """
    m = methodology if isinstance(methodology, Methodology) else Methodology.from_json(methodology)
    engine = m._engine
    if isinstance(data, pd.DataFrame):
        if units is not None or columns is not None:
            raise TypeError("compute: 'units' and 'columns' apply to numpy input only")
        ids, labels, trimmed = frame_units(data, m._unit, m._reader)
        blocks, blkno, blkloc, names = m._reader.blocks(data, "compute")
        text = _text_columns(data, engine.label_columns)
        notes = _core.io.csv_notes([str(t) for t in trimmed]) if trimmed else []
        return Result(engine.run_blocks(ids, blocks, blkno, blkloc, names, text), m, labels, notes,
                      raw=lambda: _raw_from_frame(data, m))
    if isinstance(data, (str, os.PathLike)):
        if units is not None or columns is not None:
            raise TypeError("compute: 'units' and 'columns' apply to numpy input only")
        core, notes = engine.run_csv(os.fspath(data))
        path = os.fspath(data)
        return Result(core, m, pd.Index(core.units, name=m.unit or "unit"), notes,
                      raw=lambda: _raw_from_frame(read_csv(path, m), m), source=path)
    if isinstance(data, np.ndarray):
        if data.dtype != _F64 and not is_numeric_dtype(data.dtype):
            raise non_numeric_error("compute", "0", data, data.dtype)
        if data.ndim != 2:
            raise DataError(f"compute: expected a 2-D array (units x indicators), got {data.ndim} dimension(s)")
        if units is None:
            labels: Any = pd.RangeIndex(data.shape[0], name=m.unit or "unit")
            ids: Any = range(data.shape[0])
        elif isinstance(units, pd.Index):
            labels, ids = units, m._reader.unit_ids(units)
        else:
            labels, ids = (units, m._unit or "unit"), units  # an Index only when asked for
        names = None if columns is None else [str(c) for c in columns]
        return Result(engine.run_matrix(ids, data, names), m, labels,
                      raw=lambda: _raw_from_matrix(data, names, m))
    raise TypeError(
        "compute: data must be a pandas DataFrame, a 2-D numpy array or the path of a CSV file, "
        f"not {type(data).__name__}"
    )


def _raw_from_frame(df: pd.DataFrame, m: Methodology) -> np.ndarray:
    """The indicators' columns of a wide frame as given (units x indicators, indicator order)."""
    out = []
    for col in _core.audit.indicator_columns(m._engine):
        if col not in df.columns:
            raise DataError(
                f"audit: the data lack column {col!r} (the raw statistics read the indicator "
                "columns of a wide table; for a long table pass the CSV path to compute)"
            )
        out.append(pd.to_numeric(df[col]).to_numpy(dtype=np.float64))
    return np.column_stack(out) if out else np.empty((len(df), 0))


def _raw_from_matrix(x: np.ndarray, names: Sequence[str] | None, m: Methodology) -> np.ndarray:
    """The indicators' columns of a units x columns array (columns named by ``names``, default the
    methodology's columns)."""
    names = list(m.columns) if names is None else list(names)
    pos = {n: k for k, n in enumerate(names)}
    cols = _core.audit.indicator_columns(m._engine)
    return np.column_stack([np.asarray(x[:, pos[c]], dtype=np.float64) for c in cols])


def _text_columns(df: pd.DataFrame, names: Sequence[str]) -> dict[str, list[Any]] | None:
    """The text (label) columns a methodology needs, e.g. the imputation group, as lists; a
    DataError naming an absent one."""
    if not names:
        return None
    out: dict[str, list[Any]] = {}
    for name in names:
        if name not in df.columns:
            raise DataError(
                f"compute: the data lack the text column {name!r} the methodology needs "
                "(e.g. the group of impute)"
            )
        col = df[name]
        if isinstance(col, pd.DataFrame):
            raise DataError(f"compute: the data have more than one column named {name!r}")
        out[name] = col.tolist()
    return out


def _input_addresses(methodology: Methodology, data: Any, *, units: Any = None, columns: Any = None) -> list[int]:
    """The addresses of the indicator columns the C++ core reads for ``compute(methodology,
    data)``, prepared exactly as compute prepares them (for the zero-copy tests)."""
    engine = methodology._engine
    if isinstance(data, pd.DataFrame):
        ids, _, _ = frame_units(data, methodology.unit, methodology._reader)
        blocks, blkno, blkloc, names = methodology._reader.blocks(data, "compute")
        return engine.block_addresses(ids, blocks, blkno, blkloc, names)
    ids = [str(i) for i in range(data.shape[0])] if units is None else list(units)
    return engine.matrix_addresses(ids, data, None if columns is None else list(columns))


class Result:
    """Scores and ranks of every unit at every node, with the weights, fitted normalisation
    parameters and diagnostics of the run.

    - ``scores``, ``ranks``: DataFrames units x nodes (framework order; indicator nodes hold their
      normalised values); ranks: 1 = best, ties per the methodology, NaN where not ranked;
    - ``to_long()``: columns unit, node, score, rank (the ``govmetrics run --out`` layout);
    - ``weights``, ``params``, ``diagnostics``: DataFrames;
    - ``score(node)``, ``rank(node)``: Series viewing the C++ result's memory (no copy);
    - ``outputs(node)``, ``facts(node)``: extra outputs of column-wide aggregators (TOPSIS, VIKOR,
      ...);
    - ``plot``: charts (matplotlib).
    """

    __slots__ = ("_core", "_methodology", "_unit_labels", "_scores", "_ranks", "_notes", "_raw",
                 "_source")

    def __init__(self, core: Any, methodology: Methodology, units: Any, notes: Sequence[str] = (),
                 raw: Any = None, source: str | None = None) -> None:
        self._core = core
        self._source = source  # the CSV file the data were read from, if any
        self._raw = raw  # a callable returning the raw indicator values (units x indicators)
        self._methodology = methodology
        self._unit_labels = units  # a pandas Index, or (values, name) made into one when needed
        self._scores: pd.DataFrame | None = None
        self._ranks: pd.DataFrame | None = None
        self._notes = list(notes)

    @property
    def _units(self) -> pd.Index:
        labels = self._unit_labels
        if not isinstance(labels, pd.Index):
            values, name = labels
            labels = self._unit_labels = pd.Index(list(values) if not isinstance(values, np.ndarray) else values, name=name)
        return labels

    # ---- tables ---------------------------------------------------------------------------------
    @property
    def methodology(self) -> Methodology:
        return self._methodology

    # ---- data stages ----------------------------------------------------------------------------
    def _stage(self, get: Any) -> pd.DataFrame | None:
        m = self._methodology
        codes = [m.codes[p] for p in m._engine.indicators]
        cols = {c: get(c) for c in codes}
        if any(v is None for v in cols.values()):
            return None
        return pd.DataFrame({c: np.array(v) for c, v in cols.items()}, index=self._units)

    @property
    def denominated(self) -> pd.DataFrame | None:
        """Indicators divided by their denominators (units x indicators; indicators without a
        denominator as given), or None when no indicator has a denominator."""
        return self._stage(self._core.denominated)

    @property
    def imputed(self) -> pd.DataFrame | None:
        """Indicators after imputation, or None when nothing was imputed."""
        return self._stage(self._core.imputed)

    @property
    def screened(self) -> pd.DataFrame | None:
        """Indicators after screening (screened-out units and indicators NaN), or None when
        screening was off."""
        return self._stage(self._core.screened)

    @property
    def imputation(self) -> pd.DataFrame:
        """What the imputation did, a row per imputed indicator: indicator, method, group,
        missing (cells before), imputed (cells filled), left_missing, units (imputed),
        empty_groups (groups without data)."""
        rows = [
            {"indicator": ind, "method": method, "group": group, "missing": missing,
             "imputed": len(units), "left_missing": left, "units": list(units),
             "empty_groups": list(empty)}
            for ind, method, group, missing, units, left, empty in self._core.imputation()
        ]
        cols = ["indicator", "method", "group", "missing", "imputed", "left_missing", "units", "empty_groups"]
        return pd.DataFrame(rows, columns=cols)

    @property
    def screened_units(self) -> list[str]:
        """Units screened out for low data availability (kept in every table with NaN)."""
        return list(self._core.screened_units)

    @property
    def screened_indicators(self) -> list[str]:
        """Indicators screened out for low coverage (all NaN)."""
        return list(self._core.screened_indicators)

    @property
    def units(self) -> pd.Index:
        """Unit labels, in data order (the index of every table)."""
        return self._units

    @property
    def nodes(self) -> pd.Index:
        """Node codes, framework order (the columns of ``scores`` and ``ranks``)."""
        return self._methodology._node_index

    @property
    def scores(self) -> pd.DataFrame:
        """Scores, units x nodes (indicators: normalised values)."""
        if self._scores is None:
            self._scores = pd.DataFrame(self._core.scores_matrix(), index=self._units, columns=self.nodes, copy=False)
        return self._scores

    @property
    def ranks(self) -> pd.DataFrame:
        """Ranks, units x nodes: 1 = best; ties per the methodology; NaN where not ranked."""
        if self._ranks is None:
            self._ranks = pd.DataFrame(self._core.ranks_matrix(), index=self._units, columns=self.nodes, copy=False)
        return self._ranks

    def score(self, node: str | None = None) -> pd.Series:
        """Scores of one node (default: the root) as a Series viewing the result's memory."""
        code = self._methodology.root if node is None else node
        return pd.Series(self._core.score(code), index=self._units, name=code, copy=False)

    def rank(self, node: str | None = None) -> pd.Series:
        """Ranks of one node (default: the root); all NaN when that node was not ranked."""
        code = self._methodology.root if node is None else node
        values = self._core.rank(code)
        if values is None:
            values = np.full(len(self._units), np.nan)
        return pd.Series(values, index=self._units, name=code, copy=False)

    def score_array(self, node: str) -> np.ndarray:
        """Scores of one node: a read-only numpy view of the C++ result (kept alive as its base)."""
        return self._core.score(node)

    def rank_array(self, node: str) -> np.ndarray | None:
        """Ranks of one node as a read-only view, or None when the node was not ranked."""
        return self._core.rank(node)

    def to_long(self) -> pd.DataFrame:
        """Columns unit, node, score, rank: every unit at every node (framework order within each
        unit), as ``govmetrics run --out`` writes them."""
        scores = self.scores.to_numpy()
        ranks = self.ranks.to_numpy()
        n, k = scores.shape
        return pd.DataFrame(
            {
                "unit": np.repeat(np.asarray(self._units, dtype=object), k),
                "node": np.tile(np.asarray(self._methodology.codes, dtype=object), n),
                "score": scores.ravel(order="C"),
                "rank": ranks.ravel(order="C"),
            }
        )

    @property
    def weights(self) -> pd.DataFrame:
        """Weights used, by node: ``parent``, ``weight`` (within the parent, siblings sum to 1;
        root 1), ``root_weight`` (the product along the path: the node's share of the index) and
        ``method`` (the weighting method of the parent that produced the weight: "explicit",
        "equal", "entropy", "pca", "ahp", ...; "" for the root). Weights computed from the data
        or a pairwise matrix are the ones this run used; see ``weight_details`` for how."""
        m = self._methodology
        w = np.asarray(self._core.weights, dtype=float)
        parents = [m.parent(c) for c in m.codes]
        pos = {c: i for i, c in enumerate(m.codes)}
        root_weight = np.empty_like(w)
        for i, c in enumerate(m.codes):
            v, p = w[i], parents[i]
            while p:
                v *= w[pos[p]]
                p = parents[pos[p]]
            root_weight[i] = v
        by_parent = {d["node"]: d["method"] for d in self._core.weight_details()}
        method = [by_parent.get(p, "") for p in parents]
        return pd.DataFrame(
            {"parent": parents, "weight": w, "root_weight": root_weight, "method": method},
            index=self.nodes,
        )

    @property
    def weight_details(self) -> pd.DataFrame:
        """How each aggregate node's children were weighted, one row per (node, child):
        ``method``, ``weight``, ``units_used`` / ``units_total`` (units with every child
        available, on which a data-driven method computed; 0 for explicit, equal, ahp),
        ``variance_explained`` and ``loading`` (pca), ``consistency_ratio`` and ``lambda_max``
        (ahp), ``objective`` (combined: the objective weights before mixing); NaN where a method
        has no such value. Rows in framework order of the nodes, children in framework order."""
        order = {c: i for i, c in enumerate(self._methodology.codes)}
        details = sorted(self._core.weight_details(), key=lambda d: order[d["node"]])
        rows = []
        for d in details:
            for k, child in enumerate(d["children"]):
                rows.append(
                    {
                        "node": d["node"],
                        "child": child,
                        "method": d["method"],
                        "weight": d["weights"][k],
                        "units_used": d["units_used"],
                        "units_total": d["units_total"],
                        "variance_explained": d["variance_explained"],
                        "loading": d["loadings"][k] if d["loadings"] else np.nan,
                        "consistency_ratio": d["consistency_ratio"],
                        "lambda_max": d["lambda_max"],
                        "objective": d["objective"][k] if d["objective"] else np.nan,
                    }
                )
        return pd.DataFrame(rows).set_index(["node", "child"])

    @property
    def params(self) -> pd.DataFrame:
        """Fitted normalisation parameters by indicator: ``method`` and one column per parameter
        (e.g. min_max: min, max, lo, hi), NaN where a method has no such parameter."""
        rows = []
        index = []
        for indicator, method, values in self._core.params():
            index.append(indicator)
            row: dict[str, Any] = {"method": method}
            row.update(dict(values))
            rows.append(row)
        return pd.DataFrame(rows, index=pd.Index(index, name="indicator"))

    @property
    def diagnostics(self) -> pd.DataFrame:
        """Noteworthy events of the run (missing values, nodes below the minimum data share, ...):
        columns severity, component, node, unit, message. The notes on the data as read
        (``notes``: unit ids trimmed, columns not used) come first, as severity "info",
        component "data"."""
        rows = [("info", "data", "", "", f"data: {n}") for n in self._notes]
        return pd.DataFrame(
            rows + list(self._core.diagnostics()), columns=["severity", "component", "node", "unit", "message"]
        )

    @property
    def notes(self) -> list[str]:
        """The command's notes on the data as read, word for word (it prints each as
        ``note: ...``): unit ids trimmed of surrounding spaces or tabs (from a DataFrame or a CSV
        file) and, from a CSV file, data columns not used and long-layout rows skipped."""
        return list(self._notes)

    def outputs(self, node: str | None = None) -> pd.DataFrame:
        """Extra per-unit outputs of a column-wide aggregator at a node (default the root): a
        DataFrame units x outputs, e.g. TOPSIS ``d_plus``, ``d_minus``, ``closeness``; VIKOR ``S``,
        ``R``, ``Q``, ``compromise``; NaN for units that did not take part. No columns for
        indicators and per-unit aggregators.

            >>> m = gm.Methodology(nodes=[gm.Node("index"),
            ...     gm.Node("a", parent="index", column="a"), gm.Node("b", parent="index", column="b")],
            ...     normalize=gm.normalize.None_(), aggregate=gm.aggregate.Vikor())
            >>> r = gm.compute(m, pd.DataFrame({"a": [0.0, 1, 2], "b": [2.0, 0, 1]}, index=["u1", "u2", "u3"]))
            >>> r.outputs()["Q"].tolist()
            [0.75, 1.0, 0.0]
            >>> r.facts()
            {'dq': 0.5, 'acceptable_advantage': 1.0, 'acceptable_stability': 1.0}
        """
        code = self._methodology.root if node is None else node
        return pd.DataFrame(self._core.outputs(code), index=self._units)

    def facts(self, node: str | None = None) -> dict[str, float]:
        """Node-level facts of a column-wide aggregator at a node (default the root), e.g. VIKOR's
        ``dq``, ``acceptable_advantage`` and ``acceptable_stability`` (1.0 = holds, 0.0 = fails)."""
        code = self._methodology.root if node is None else node
        return dict(self._core.facts(code))

    def top(self, n: int = 10, node: str | None = None) -> pd.DataFrame:
        """The best ``n`` units at a node (default the root): its rank and score, then the scores
        of its children."""
        m = self._methodology
        code = m.root if node is None else node
        kids = m.children(code)
        table = pd.DataFrame({"rank": self.ranks[code], code: self.scores[code]})
        for c in kids:
            table[c] = self.scores[c]
        order = np.argsort(-np.nan_to_num(table[code].to_numpy(), nan=-np.inf), kind="stable")
        return table.iloc[order[:n]]

    def compare(self, other: "Result", node: str | None = None, labels: tuple[str, str] = ("a", "b")) -> pd.DataFrame:
        """Ranks of a node (default the root) here and in ``other`` (same units) and the shift
        (positive: the unit moves up in ``other``), sorted by the rank here."""
        code = self._methodology.root if node is None else node
        a, b = labels
        ra = self.rank(code)
        rb = other.rank(code).reindex(ra.index)
        table = pd.DataFrame({f"rank_{a}": ra, f"rank_{b}": rb, "shift": ra - rb})
        return table.sort_values(f"rank_{a}", kind="stable")

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str:
        """The long results text (unit,node,score,rank; full precision) exactly as
        ``govmetrics run --out`` writes it; also written to ``path`` when given."""
        text = _core.io.results_long(self._core)
        if path is not None:
            _core.io.write_file_atomically(os.fspath(path), text)
        return text

    @property
    def audit(self) -> Any:
        """The statistical audit (``govmetrics.audit.Audit``): ``stats(data_set)``,
        ``correlations()``, ``correlation_matrix(codes)``, ``flags``, ``cronbach``,
        ``effective_weights``, ``to_csv(directory)``; ``audit_with(...)`` sets the thresholds.
        The raw statistics read the data this result was computed from (kept by reference)."""
        return self.audit_with()

    def audit_with(self, *, skew: float = 2.0, kurtosis: float = 3.5, availability: float = 0.65,
                   nonzero: float = 0.5, unique: float = 0.5, collinear: float = 0.9,
                   importance_factor: float = 2.0) -> Any:
        """The audit with other flag thresholds (docs/audit.md)."""
        from .audit import Audit

        if self._raw is None:
            raise ValueError("audit: this result does not know its raw data (compute it with govmetrics.compute)")
        return Audit(self, self._raw, skew=skew, kurtosis=kurtosis, availability=availability,
                     nonzero=nonzero, unique=unique, collinear=collinear,
                     importance_factor=importance_factor)

    def explain(self, unit: Any, top: int = 5) -> Any:
        """Why ``unit`` scores what it scores (``govmetrics.explain.Explanation``): its profile
        against the median and the best, each node's contribution to its parent and to the
        index, its ``top`` strengths and weaknesses (docs/explain.md)."""
        from .explain import Explanation

        if self._raw is None:
            raise ValueError("explain: this result does not know its raw data (compute it with govmetrics.compute)")
        raw = np.asfortranarray(self._raw(), dtype=np.float64)
        return Explanation(self, unit, raw, top)

    def to_excel(self, path: str | os.PathLike[str], engine: str = "govmetrics", *,
                 uncertainty: Any = None) -> str:
        """An Excel workbook of this result (docs/excel.md): sheets ``scores`` and ``ranks`` (a
        row per unit, its id first, a column per node), ``weights`` (nominal and effective),
        ``raw``, ``treated``, ``normalised``, ``methodology``, ``methods``, ``diagnostics``;
        numbers as numbers at full precision, header row and id column frozen, widths that fit.
        ``engine="govmetrics"`` writes the bytes of ``govmetrics run --xlsx`` (the C++ writer,
        every double exactly); ``engine="openpyxl"`` writes the same sheets through pandas and
        openpyxl, which prints numbers with 16 significant digits (openpyxl 3.0.9: within 1e-15
        relative of the exact value, not always exact). With ``uncertainty`` (a complete
        ``UncertaintyResult`` of this methodology and data) a sheet ``uncertainty`` follows, as
        ``govmetrics uncertainty --xlsx`` writes it. Written atomically; returns the path."""
        if self._raw is None:
            raise ValueError("to_excel: this result does not know its raw data (compute it with govmetrics.compute)")
        raw = np.asfortranarray(self._raw(), dtype=np.float64)
        target = os.fspath(path)
        if engine == "govmetrics":
            if uncertainty is None:
                data = _core.audit.xlsx(self._methodology._engine, self._core, raw)
            else:
                data = uncertainty._core.workbook(self._methodology._engine, self._core, raw)
            _core.io.write_file_atomically(target, data)
            return target
        if uncertainty is not None:
            raise ValueError("to_excel: the uncertainty sheet is written by engine='govmetrics'")
        if engine != "openpyxl":
            raise ValueError(f"to_excel: engine must be 'govmetrics' or 'openpyxl', not {engine!r}")
        from openpyxl.utils import get_column_letter

        sheets = _core.audit.xlsx_sheets(self._methodology._engine, self._core, raw)
        folder = os.path.dirname(os.path.abspath(target))
        fd, tmp = tempfile.mkstemp(prefix=".govmetrics-", suffix=".xlsx", dir=folder)
        os.close(fd)
        try:
            with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
                for name, header, rows, frozen in sheets:
                    frame = pd.DataFrame(rows, columns=header)
                    frame.to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, frozen))
                    ws = writer.sheets[name]
                    for j, column in enumerate(header):
                        cells = [column] + [r[j] for r in rows if j < len(r) and r[j] is not None]
                        width = max(len(repr(c)) if isinstance(c, float) else len(str(c)) for c in cells)
                        ws.column_dimensions[get_column_letter(j + 1)].width = min(max(width, 4), 80) + 2
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise
        return target

    def to_html(self, path: str | os.PathLike[str], *, uncertainty: Any = None,
                sensitivity: Any = None, notes: Sequence[str] | None = None) -> str:
        """A self-contained interactive HTML report of this result (docs/report.md): the ranking
        as a sortable, filterable table, charts (contributions, distributions, the audit's
        correlations), a unit view and the methodology; with ``uncertainty`` (an
        ``UncertaintyResult``) the rank intervals, with ``sensitivity`` (a
        ``SensitivityResult``) the Sobol' indices, both of this methodology and data. ``notes``
        on the data default to the ``# ...`` lines that open the CSV file the result was read
        from (a note saying "illustrative" or "synthetic" puts a notice at the top). The bytes
        of ``govmetrics report`` for the same inputs; opens with no network access. Written
        atomically; returns the path."""
        if self._raw is None:
            raise ValueError("to_html: this result does not know its raw data (compute it with govmetrics.compute)")
        if _core.html_report_libraries is None:
            raise RuntimeError(
                "to_html: this govmetrics was built without the HTML report: its charting library "
                "(web/node_modules) was missing at build time; run `npm ci --prefix web` in the "
                "source tree and build again (docs/report.md)")
        if notes is None:
            notes = _core.io.leading_comments(self._source) if self._source is not None else []
        elif isinstance(notes, str):
            notes = [notes]
        target = os.fspath(path)
        if self._source is not None and os.path.exists(target) and os.path.samefile(target, self._source):
            raise ValueError(f"to_html: '{target}' is the data file this result was read from: refusing to overwrite it")
        raw = np.asfortranarray(self._raw(), dtype=np.float64)
        data = _core.html_report(self._methodology._engine, self._core, raw, [str(n) for n in notes],
                                 None if uncertainty is None else uncertainty._core,
                                 None if sensitivity is None else sensitivity._core)
        _core.io.write_file_atomically(target, data)
        return target

    def target(self, unit: Any, rank: int | None = None, *, score: float | None = None,
               node: str | None = None, costs: dict[str, float] | None = None, fixed: Any = (),
               bounds: dict[str, tuple[float, float]] | None = None) -> Any:
        """What it would take for ``unit`` to reach ``rank`` (or ``score``) at ``node`` (default
        the index): the least costly indicator changes (``govmetrics.explain.Target``; costs per
        whole observed range, default 1; ``fixed`` indicators do not change; ``bounds`` in the
        indicators' own units, default their observed range). docs/explain.md."""
        from .explain import Target

        if self._raw is None:
            raise ValueError("target: this result does not know its raw data (compute it with govmetrics.compute)")
        raw = np.asfortranarray(self._raw(), dtype=np.float64)
        return Target(self, unit, raw, rank=rank, score=score, node=node, costs=costs, fixed=fixed, bounds=bounds)

    @property
    def plot(self) -> Any:
        """Charts: ``ranking(top=20)``, ``profile(unit)``, ``distribution(node)``,
        ``correlation(level)`` (matplotlib, an optional dependency)."""
        from .plot import ResultPlot

        return ResultPlot(self)

    # ---- display --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self._core.n_units)

    def _title(self) -> str:
        m = self._methodology
        name = m.name or m.root
        return f"{name}: {self._core.n_units} units, {len(m.codes)} nodes ({len(m.indicators)} indicators)"

    def __repr__(self) -> str:
        top = self.top(5)
        lines = [f"<govmetrics.Result {self._title()}; top {len(top)}:"]
        code = self._methodology.root
        for unit, row in top.iterrows():
            lines.append(f"  {row['rank']:>5g}  {unit}  {row[code]:.2f}")
        n_diag = len(self._core.diagnostics())
        if n_diag:
            lines.append(f"  {n_diag} diagnostic(s): see .diagnostics")
        return "\n".join(lines) + ">"

    def _repr_html_(self) -> str:
        top = self.top(10)
        n_diag = len(self._core.diagnostics())
        note = f" {n_diag} diagnostic(s) in <code>.diagnostics</code>." if n_diag else ""
        head = (
            f"<p><strong>{html.escape(self._title())}</strong><br>"
            f"Top {len(top)} at <code>{html.escape(self._methodology.root)}</code>.{note}</p>"
        )
        return head + top.to_html(float_format=lambda v: f"{v:.2f}", na_rep="NA")


def read_csv(path: str | os.PathLike[str], methodology: Methodology | None = None) -> pd.DataFrame:
    """Read a CSV file with the C++ reader of the ``govmetrics`` command (RFC 4180, ``#`` comment
    lines before the header, missing tokens "", NA, NaN, "..", "-"): a float64 DataFrame indexed
    by unit id. With a methodology: its unit column, its indicator columns only, its layout (wide
    or long). Without: the first column holds the unit ids, every other column must be numeric.
    Raises ParseError (malformed text or a bad number, with line and column) or DataError."""
    engine = None if methodology is None else methodology._engine
    units, names, values = _core.io.read_csv(os.fspath(path), engine)
    name = (methodology.unit if methodology is not None else "") or None
    return pd.DataFrame(values, index=pd.Index(units, name=name), columns=names, copy=False)
