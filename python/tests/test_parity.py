"""Parity: Python gives the `govmetrics` command's numbers to the last bit (exact equality of
every score and rank, read back from the command's --out file), and its error messages."""

from __future__ import annotations

import csv
import json
import math
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm

from conftest import CITY_DATA, CITY_METHOD, SOURCE_DIR, shared_path

pytestmark = pytest.mark.cli

REFERENCE_METHODS = SOURCE_DIR / "tests" / "reference" / "methodologies"


def _cli() -> str:
    cli = os.environ.get("GOVMETRICS_CLI")
    if not cli:
        pytest.skip("GOVMETRICS_CLI is not set (CTest sets it to the built command)")
    return cli


def run_cli(*args: os.PathLike | str) -> subprocess.CompletedProcess:
    return subprocess.run([_cli(), *map(str, args)], capture_output=True, text=True, encoding="utf-8")


def cli_results(method: Path, data: Path, tmp_path: Path) -> tuple[dict, str]:
    out = tmp_path / "cli_results.csv"
    done = run_cli("run", method, data, "--out", out)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    values = {}
    with out.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            score = float(row["score"]) if row["score"] else math.nan
            rank = float(row["rank"]) if row["rank"] else math.nan
            values[(row["unit"], row["node"])] = (score, rank)
    return values, text


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b  # exact, not a tolerance


def assert_identical(res: gm.Result, expected: dict, unit_key=str) -> None:
    long = res.to_long()
    assert len(long) == len(expected)
    mismatches = []
    for unit, node, score, rank in long.itertuples(index=False):
        cli_score, cli_rank = expected[(unit_key(unit), node)]
        if not (same(score, cli_score) and same(rank, cli_rank)):
            mismatches.append((unit, node, score, cli_score, rank, cli_rank))
    assert not mismatches, mismatches[:5]


def _cases():
    yield pytest.param(CITY_METHOD, CITY_DATA, id="cities")
    yield pytest.param(REFERENCE_METHODS / "egdi_2022.json", "data/un_egdi_2022/EGOV_DATA_2022.csv",
                       marks=pytest.mark.shared, id="egdi_2022")
    yield pytest.param(REFERENCE_METHODS / "coinr_asem_v_notreat.json", "data/coinr_asem/ASEM_iData.csv",
                       marks=pytest.mark.shared, id="coinr_asem_v_notreat")
    yield pytest.param(REFERENCE_METHODS / "oecd_dgi_2023.json", "data/oecd_dgi_2023/oecd_dgi_2023.csv",
                       marks=pytest.mark.shared, id="oecd_dgi_2023_long_layout")


def _resolve(method, data):
    if not Path(method).exists():
        pytest.skip(f"{method} is not in this checkout")
    data = Path(data) if Path(data).is_absolute() else shared_path(str(data))
    return Path(method), data


@pytest.mark.parametrize("method, data", _cases())
def test_csv_path_matches_the_command(method, data, tmp_path):
    method, data = _resolve(method, data)
    expected, text = cli_results(method, data, tmp_path)
    res = gm.compute(gm.Methodology.from_json(method), data)
    assert_identical(res, expected)
    assert res.to_csv() == text  # byte for byte, as the command writes it


@pytest.mark.parametrize("method, data", _cases())
def test_dataframe_matches_the_command(method, data, tmp_path):
    method, data = _resolve(method, data)
    expected, _ = cli_results(method, data, tmp_path)
    m = gm.Methodology.from_json(method)
    # pandas' default float parser is not always correctly rounded (on the COINr data it is one
    # ulp off for 235 values); "round_trip" reads every decimal as the C++ reader does.
    frame = pd.read_csv(data, comment="#", dtype={m.unit: str}, keep_default_na=False,
                        na_values=["", "NA", "NaN", "..", "-"], float_precision="round_trip")
    # unit ids as pandas reads them ("Iraq " in EGDI 2022 keeps its space): compute trims them as
    # the command's CSV reader does, so the ids match without help
    layout = json.loads(Path(method).read_text(encoding="utf-8")).get("data", {})
    if layout.get("layout") == "long":  # a row per (unit, indicator, value): pivot to wide first
        frame = frame.pivot(index=m.unit, columns=layout.get("indicator", "indicator"),
                            values=layout.get("value", "value"))
        frame.columns.name = None
        frame = frame.apply(pd.to_numeric)
    res = gm.compute(m, frame)
    assert_identical(res, expected)


@pytest.mark.parametrize("method, data", _cases())
def test_numpy_matches_the_command(method, data, tmp_path):
    method, data = _resolve(method, data)
    expected, _ = cli_results(method, data, tmp_path)
    m = gm.Methodology.from_json(method)
    table = gm.read_csv(data, m)  # the C++ reader, then a Fortran-ordered float64 array
    x = np.asfortranarray(table.to_numpy())
    res = gm.compute(m, x, units=list(table.index), columns=list(table.columns))
    assert_identical(res, expected)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


TINY = ('{"govmetrics": 1, "nodes": [{"code": "index"}, '
        '{"code": "broadband", "parent": "index", "column": "broadband"}, '
        '{"code": "licence_days", "parent": "index", "column": "licence_days", "direction": "negative"}]}')


@pytest.mark.parametrize(
    "case, exc",
    [("zero_range", gm.DataError), ("bad_number", gm.ParseError), ("bad_json", gm.ParseError),
     ("unknown_method", gm.SpecError), ("missing_column", gm.DataError)],
)
def test_error_messages_are_the_commands(case, exc, tmp_path):
    method = _write(tmp_path / "m.json", TINY)
    data = _write(tmp_path / "d.csv", "unit,broadband,licence_days\nA,10,9\nB,20,5\nC,30,7\n")
    if case == "zero_range":
        data = _write(tmp_path / "d.csv", "unit,broadband,licence_days\nA,4,9\nB,4,5\nC,4,7\n")
    elif case == "bad_number":
        data = _write(tmp_path / "d.csv", "unit,broadband,licence_days\nA,10,9\nB,2O,5\n")
    elif case == "bad_json":
        method = _write(tmp_path / "m.json", TINY[:-3])
    elif case == "unknown_method":
        method = _write(tmp_path / "m.json", TINY[:-1] + ', "aggregate": {"method": "median_of_means"}}')
    elif case == "missing_column":
        data = _write(tmp_path / "d.csv", "unit,broadband\nA,10\nB,20\n")
    done = run_cli("run", method, data)
    assert done.returncode == 3, (done.stdout, done.stderr)
    with pytest.raises(exc) as info:
        gm.compute(gm.Methodology.from_json(method), data)
    message = str(info.value)
    assert message and message in done.stderr


def test_unit_ids_with_spaces_are_trimmed_like_the_command(tmp_path):
    """A CSV whose unit ids have surrounding spaces and tabs (as UN EGDI 2022 writes "Iraq "):
    pandas keeps them, the command trims them; compute trims them too, so both give the same ids."""
    method = tmp_path / "m.json"
    method.write_text(json.dumps({"govmetrics": 1, "unit": "id", "nodes": [
        {"code": "I"}, {"code": "x", "parent": "I", "column": "x"},
        {"code": "y", "parent": "I", "column": "y"}]}), encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text('id,x,y\n"Iraq ",1,5\n\tChad,2,4\n Peru ,3,9\n', encoding="utf-8")
    expected, _ = cli_results(method, data, tmp_path)
    assert {u for u, _ in expected} == {"Iraq", "Chad", "Peru"}
    frame = pd.read_csv(data, dtype={"id": str})
    assert frame["id"].tolist() == ["Iraq ", "\tChad", " Peru "]  # pandas keeps the spaces
    m = gm.Methodology.from_json(method)
    res = gm.compute(m, frame)
    assert_identical(res, expected)
    assert list(res.scores.index) == ["Iraq", "Chad", "Peru"]
    indexed = gm.compute(m, frame.set_index("id"))
    assert_identical(indexed, expected)
    assert list(indexed.scores.index) == ["Iraq", "Chad", "Peru"]
    # the note the command prints is the note every front end gives, word for word
    done = run_cli("run", method, data)
    assert done.returncode == 0, done.stderr
    note = "3 unit ids had surrounding spaces or tabs, trimmed: 'Iraq', 'Chad', 'Peru'"
    assert f"note: {note}\n" in done.stdout
    assert res.notes == [note]
    assert indexed.notes == [note]
    assert gm.compute(m, data).notes == [note]
    first = res.diagnostics.iloc[0]
    assert (first["severity"], first["component"], first["message"]) == ("info", "data", f"data: {note}")
    # nothing trimmed: no note
    assert gm.compute(m, frame.assign(id=["Iraq", "Chad", "Peru"])).notes == []

