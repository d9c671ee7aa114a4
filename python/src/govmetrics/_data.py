"""Internal: pandas and numpy inputs turned into what the C++ core reads, without copies where
pandas allows.

A DataFrame stores its columns in 2-D "blocks", one per dtype, each of shape (columns, rows) and
C-contiguous, so every float64 column is already one contiguous run of doubles. The core reads
those runs in place (a ``govmetrics::dataset_view`` over column pointers): the frame's block
arrays and each needed column's (block, row) position cross the boundary, never the values.
Columns that are not float64 (integers, float32, nullable numbers) are converted once; text,
booleans, dates and categories are a ``DataError`` naming the column.
"""

from __future__ import annotations

import weakref
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._core import DataError, SpecError

__all__: list[str] = []

_F64 = np.dtype(np.float64)


# ---- dtypes ---------------------------------------------------------------------------------------
def _describe_non_numeric(values: Any, dtype: Any) -> str:
    """'text (dtype object, e.g. 'large_2')' and the like, for messages."""
    kind = getattr(dtype, "kind", "O")
    if kind == "b":
        what = "booleans"
    elif kind in "mM":
        what = "dates or durations"
    elif isinstance(dtype, pd.CategoricalDtype):
        what = "categories"
    else:
        what = "text"
    example = ""
    try:
        arr = np.asarray(values, dtype=object).ravel()
        for v in arr:
            if v is None or (isinstance(v, float) and np.isnan(v)):
                continue
            if not isinstance(v, (int, float, np.number)) or isinstance(v, (bool, np.bool_)):
                example = f", e.g. {v!r}"
                break
    except Exception:  # pragma: no cover - only shapes the message
        example = ""
    return f"{what} (dtype {dtype}{example})"


def is_numeric_dtype(dtype: Any) -> bool:
    """Numbers the core accepts: float64 as it is, integers and other floats after conversion."""
    if isinstance(dtype, np.dtype):
        return dtype.kind in "fiu"
    return bool(pd.api.types.is_numeric_dtype(dtype)) and not pd.api.types.is_bool_dtype(dtype)


def non_numeric_error(who: str, name: Any, values: Any, dtype: Any) -> DataError:
    return DataError(
        f"{who}: column {str(name)!r} holds {_describe_non_numeric(values, dtype)}, not numbers "
        "(convert it, e.g. with pandas.to_numeric, or leave it out)"
    )


def to_float_column(who: str, name: Any, values: Any, dtype: Any) -> np.ndarray:
    """One column as contiguous float64 (NaN for missing), or a DataError naming it."""
    if not is_numeric_dtype(dtype):
        raise non_numeric_error(who, name, values, dtype)
    if isinstance(values, np.ndarray):
        return np.ascontiguousarray(values, dtype=_F64)
    # pandas extension arrays (Int64, Float64, ...): pd.NA becomes NaN
    return np.ascontiguousarray(values.to_numpy(dtype=_F64, na_value=np.nan))


# ---- matrices (functional API) ------------------------------------------------------------------
class Matrix:
    """A 2-D float64 Fortran-ordered view of the input plus what is needed to label the output."""

    __slots__ = ("values", "index", "columns", "kind", "name")

    def __init__(self, values: np.ndarray, index: Any, columns: Any, kind: str, name: Any = None):
        self.values = values
        self.index = index
        self.columns = columns
        self.kind = kind  # "frame", "series", "array1", "array2"
        self.name = name


def as_matrix(x: Any, who: str) -> Matrix:
    """DataFrame, Series, 1-D or 2-D array (or nested sequence) -> Matrix (units x columns).

    A single-dtype float64 DataFrame is passed without a copy (``to_numpy`` of one block is a
    Fortran-ordered view); other numeric frames are converted once; text columns raise DataError.
    """
    if isinstance(x, pd.DataFrame):
        if x.shape[1] == 0 or x.shape[0] == 0:
            raise DataError(f"{who}: the table is empty ({x.shape[0]} rows x {x.shape[1]} columns)")
        all_float = True
        for j, dtype in enumerate(x.dtypes):
            if dtype != _F64:
                all_float = False
                if not is_numeric_dtype(dtype):
                    raise non_numeric_error(who, x.columns[j], x.iloc[:, j].to_numpy(), dtype)
        # one float64 block: a Fortran-ordered view, no copy
        values = x.to_numpy() if all_float else x.to_numpy(dtype=_F64, na_value=np.nan)
        return Matrix(np.asfortranarray(values), x.index, x.columns, "frame")
    if isinstance(x, pd.Series):
        if len(x) == 0:
            raise DataError(f"{who}: the series is empty")
        if x.dtype != _F64 and not is_numeric_dtype(x.dtype):
            raise non_numeric_error(who, x.name if x.name is not None else "0", x.to_numpy(), x.dtype)
        flat = x.to_numpy() if x.dtype == _F64 else x.to_numpy(dtype=_F64, na_value=np.nan)
        values = flat.reshape(-1, 1, order="F")
        return Matrix(values, x.index, None, "series", x.name)
    arr = np.asarray(x)
    if arr.dtype != _F64 and not is_numeric_dtype(arr.dtype):
        raise non_numeric_error(who, "0", arr, arr.dtype)
    if arr.ndim == 1:
        if arr.size == 0:
            raise DataError(f"{who}: the array is empty")
        return Matrix(np.asarray(arr, dtype=_F64).reshape(-1, 1), None, None, "array1")
    if arr.ndim == 2:
        if arr.size == 0:
            raise DataError(f"{who}: the array is empty (shape {arr.shape})")
        return Matrix(np.asfortranarray(arr, dtype=_F64), None, None, "array2")
    raise DataError(f"{who}: expected a 1-D or 2-D array, got {arr.ndim} dimensions")


def column_names(mat: Matrix) -> list[str]:
    """Names for messages: the frame's labels, the series name, or 0, 1, ..."""
    if mat.kind == "frame":
        return [str(c) for c in mat.columns]
    if mat.kind == "series" and mat.name is not None:
        return [str(mat.name)]
    return [str(j) for j in range(mat.values.shape[1])]


def per_column(value: Any, mat: Matrix, what: str, who: str) -> list[Any]:
    """A scalar, a sequence (one per column) or a mapping / Series by column label -> a list."""
    n = mat.values.shape[1]
    if isinstance(value, (str, bytes)) or np.isscalar(value):
        return [value] * n
    if isinstance(value, (pd.Series, Mapping)):
        if mat.kind != "frame":
            if isinstance(value, pd.Series):
                value = value.tolist()
            else:
                raise SpecError(f"{who}: {what} given by label, but the input has no column labels")
        else:
            mapping = value
            missing = [c for c in mat.columns if c not in mapping]
            if missing:
                raise SpecError(f"{who}: no {what} for column(s) {', '.join(repr(str(c)) for c in missing)}")
            return [mapping[c] for c in mat.columns]
    seq = list(value)
    if len(seq) != n:
        raise SpecError(f"{who}: {len(seq)} {what} given for {n} columns")
    return seq


def weights_vector(w: Any, mat: Matrix, who: str) -> list[float]:
    values = per_column(w, mat, "weights", who)
    out = []
    for v in values:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.number)):
            raise SpecError(f"{who}: weights must be numbers (got {v!r})")
        out.append(float(v))
    return out


def relabel(values: np.ndarray, mat: Matrix) -> Any:
    """The output array labelled like the input (DataFrame in, DataFrame out; Series, array)."""
    if mat.kind == "frame":
        return pd.DataFrame(values, index=mat.index, columns=mat.columns, copy=False)
    if mat.kind == "series":
        return pd.Series(values[:, 0], index=mat.index, name=mat.name, copy=False)
    if mat.kind == "array1":
        return np.ascontiguousarray(values[:, 0])
    return values


def criteria_labels(values: np.ndarray, mat: Matrix, name: str) -> Any:
    """One value per column: a Series by column label for frames, else an array."""
    if mat.kind == "frame":
        return pd.Series(values, index=mat.columns, name=name, copy=False)
    return values


def alternatives_frame(cols: dict, mat: Matrix) -> pd.DataFrame:
    """Named per-row outputs as a DataFrame indexed like the input's rows."""
    index = mat.index if mat.kind in ("frame", "series") else None
    return pd.DataFrame(cols, index=index)


# ---- data frames for a pipeline run -------------------------------------------------------------
class FrameReader:
    """Finds the methodology's columns in a DataFrame and hands over its blocks (per methodology).

    The column positions are cached for the last ``df.columns`` seen (an Index is immutable, so
    the same object means the same labels); block positions are read on every call, since a frame
    may be modified in place.
    """

    __slots__ = ("_names", "_names_index", "_columns_cache", "_index_cache", "_trim_cache",
                 "_zeros_cache", "__weakref__")

    def __init__(self, names: Sequence[str]):
        self._names = list(names)
        self._names_index = pd.Index(self._names, dtype=object)
        # Each cache is one tuple, replaced whole (atomic under the GIL), so threads sharing a
        # methodology never see a key from one call with the value of another.
        self._columns_cache: tuple[Any, np.ndarray, list[str] | None] | None = None
        self._index_cache: tuple[Any, Any] | None = None
        self._trim_cache: tuple[Any, pd.Index, list[Any]] | None = None
        self._zeros_cache: np.ndarray | None = None

    def trimmed_index(self, index: pd.Index) -> tuple[pd.Index, list[Any]]:
        """trimmed_index(index), worked out once per Index
        object: the same object (the index itself when nothing needed trimming) comes back on
        every call, so unit_ids' cache keeps hitting."""
        cache = self._trim_cache
        if cache is not None and cache[0]() is index:
            return cache[1], cache[2]
        out, trimmed = trimmed_index(index)
        self._trim_cache = (weakref.ref(index), out, trimmed)
        return out, trimmed

    def unit_ids(self, index: pd.Index) -> Any:
        """The unit ids of an Index as C++ strings, converted once per Index object (an Index is
        immutable, so the same object means the same labels)."""
        cache = self._index_cache
        if cache is not None and cache[0]() is index:
            return cache[1]
        ids = _core.UnitIds(index.tolist())
        self._index_cache = (weakref.ref(index), ids)
        return ids

    def _positions(self, columns: pd.Index, who: str) -> tuple[np.ndarray, list[str] | None]:
        cache = self._columns_cache
        if cache is not None and cache[0]() is columns:
            return cache[1], cache[2]
        if columns.is_unique:
            pos = np.asarray(columns.get_indexer(self._names_index), dtype=np.intp)
        else:
            found = []
            for name in self._names:
                try:
                    loc = columns.get_loc(name)
                except KeyError:
                    loc = -1
                if not isinstance(loc, (int, np.integer)):
                    raise DataError(f"{who}: the data have more than one column named {name!r}")
                found.append(int(loc))
            pos = np.asarray(found, dtype=np.intp)
        present: list[str] | None = None
        if (pos < 0).any():
            # Only the columns that exist cross over: the core names every absent one.
            present = [n for n, p in zip(self._names, pos) if p >= 0]
            pos = pos[pos >= 0]
        self._columns_cache = (weakref.ref(columns), pos, present)
        return pos, present

    def blocks(self, df: pd.DataFrame, who: str) -> tuple[list[np.ndarray], np.ndarray, np.ndarray, list[str] | None]:
        """(blocks, block number and row of each column, names of the columns or None for all)."""
        pos, present = self._positions(df.columns, who)
        mgr = getattr(df, "_mgr", None)
        blknos = getattr(mgr, "blknos", None)
        if blknos is None:  # pragma: no cover - other pandas internals: one copy per column
            return self._copied(df, pos, present, who)
        mgr_blocks = mgr.blocks
        if len(mgr_blocks) == 1 and len(pos) > 0:  # a frame of floats only: one block has them all
            vals = mgr_blocks[0].values
            if type(vals) is np.ndarray and vals.dtype == _F64 and vals.flags.c_contiguous:
                return [vals], self._zeros(len(pos)), np.asarray(mgr.blklocs[pos], dtype=np.int64), present
        nos = blknos[pos]
        locs = mgr.blklocs[pos]
        first = nos.tolist()
        if first and first.count(first[0]) == len(first):  # the usual case: one block has them all
            vals = mgr_blocks[first[0]].values
            if type(vals) is np.ndarray and vals.dtype == _F64 and vals.flags.c_contiguous:
                return [vals], np.zeros(len(first), dtype=np.int64), np.asarray(locs, dtype=np.int64), present
        blocks: list[np.ndarray] = []
        where: dict[int, int] = {}
        new_nos = np.empty(len(nos), dtype=np.int64)
        new_locs = np.asarray(locs, dtype=np.int64).copy()
        for j, (b, loc) in enumerate(zip(nos.tolist(), locs.tolist())):
            key = b
            if key in where:
                new_nos[j] = where[key]
                continue
            blk = mgr_blocks[b]
            vals = blk.values
            if type(vals) is np.ndarray and vals.ndim == 2:
                if vals.dtype != _F64:
                    if not is_numeric_dtype(vals.dtype):
                        name = df.columns[pos[j]]
                        raise non_numeric_error(who, name, vals[loc], vals.dtype)
                    vals = np.ascontiguousarray(vals, dtype=_F64)  # integers etc.: one copy
                elif not vals.flags.c_contiguous:
                    vals = np.ascontiguousarray(vals)
                where[key] = len(blocks)
                new_nos[j] = len(blocks)
                blocks.append(vals)
            else:
                # An extension array (nullable numbers, categories, strings...): one column.
                name = df.columns[pos[j]]
                col = to_float_column(who, name, vals, vals.dtype)
                new_nos[j] = len(blocks)
                new_locs[j] = 0
                blocks.append(col.reshape(1, -1))
        return blocks, new_nos, new_locs, present

    def _zeros(self, k: int) -> np.ndarray:
        """k zeros (block numbers when one block has every column), read-only, made once per k."""
        cache = self._zeros_cache
        if cache is not None and len(cache) == k:
            return cache
        zeros = np.zeros(k, dtype=np.int64)
        zeros.flags.writeable = False
        self._zeros_cache = zeros
        return zeros

    def _copied(self, df, pos, present, who):  # pragma: no cover - fallback path
        cols = []
        for p in pos:
            s = df.iloc[:, int(p)]
            cols.append(to_float_column(who, df.columns[p], s.to_numpy(), s.dtype))
        block = np.ascontiguousarray(np.vstack(cols)) if cols else np.empty((0, len(df)), dtype=_F64)
        return [block], np.zeros(len(cols), dtype=np.int64), np.arange(len(cols), dtype=np.int64), present


def trim_unit_ids(labels: list[Any]) -> tuple[list[Any], list[Any]]:
    """Unit ids with surrounding spaces and tabs removed, as the CSV reader of the command trims
    them (UN EGDI 2022 writes "Iraq "), and the ids (as trimmed) that needed it, in order (for
    the note the command also prints). Non-string labels are kept."""
    out = [v.strip(" \t") if isinstance(v, str) else v for v in labels]
    trimmed = [b for a, b in zip(labels, out) if a is not b and a != b]
    return (out if trimmed else labels), trimmed


def trimmed_index(index: pd.Index) -> tuple[pd.Index, list[Any]]:
    """``index`` with its string labels trimmed (trim_unit_ids; the index itself when none needed
    it), and the ids that were trimmed."""
    if index.dtype == object:
        ids, trimmed = trim_unit_ids(index.tolist())
        if trimmed:
            return pd.Index(ids, name=index.name), trimmed
    return index, []


def frame_units(df: pd.DataFrame, unit: str, reader: "FrameReader | None" = None) -> tuple[Any, Any, list[Any]]:
    """The unit labels: the methodology's unit column when the frame has it, else the index.
    String ids are trimmed of surrounding spaces and tabs, as the command's CSV reader does, so a
    file read by pandas gives the command's unit ids.

    Returns (labels for the C++ core, labels for the result: a pandas Index, or a (values, name)
    pair that the result turns into an Index only when asked, the ids that were trimmed).
    """
    if unit and unit in df.columns:
        col = df[unit]
        if isinstance(col, pd.DataFrame):
            raise DataError(f"compute: the data have more than one unit column named {unit!r}")
        values = col.to_numpy()
        trimmed: list[Any] = []
        if values.dtype == object:
            ids, trimmed = trim_unit_ids(values.tolist())
            if trimmed:
                values = np.array(ids, dtype=object)
        return values, (values, unit), trimmed
    if reader is not None:
        index, trimmed = reader.trimmed_index(df.index)
        return reader.unit_ids(index), index, trimmed
    index, trimmed = trimmed_index(df.index)
    return index.tolist(), index, trimmed
