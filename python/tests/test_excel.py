"""Excel workbooks (docs/excel.md): ``govmetrics run --xlsx`` and ``Result.to_excel`` read back with
openpyxl, every number compared exactly with the command's CSV outputs."""

from __future__ import annotations

import math
import os
import subprocess

import pandas as pd
import pytest

import govmetrics as gm
from conftest import CITY_DATA, CITY_METHOD

openpyxl = pytest.importorskip("openpyxl")

SHEETS = ["scores", "ranks", "weights", "raw", "treated", "normalised", "methodology", "methods", "diagnostics"]


def cells(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}, wb


def same(a, b):
    # openpyxl 3.0.9 (Debian 12) writes floats with 16 significant digits: within 1e-15
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-15 * max(abs(a), abs(b))
    return a == b


@pytest.mark.cli
def test_command_workbook_equals_the_csv_outputs_and_python(tmp_path, city_method):
    cli = os.environ.get("GOVMETRICS_CLI")
    if not cli:
        pytest.skip("GOVMETRICS_CLI is not set (CTest sets it to the built command)")
    done = subprocess.run([cli, "run", str(CITY_METHOD), str(CITY_DATA), "--xlsx", str(tmp_path / "cli.xlsx"),
                           "--out", str(tmp_path / "long.csv"), "--weights-out", str(tmp_path / "w.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    book, wb = cells(tmp_path / "cli.xlsx")
    assert list(book) == SHEETS
    assert wb["scores"].freeze_panes == "B2" and wb["weights"].freeze_panes == "A2"
    assert wb["scores"].column_dimensions["A"].width >= len("Illustrative City 001")
    long = pd.read_csv(tmp_path / "long.csv", float_precision="round_trip")
    score = {(u, n): s for u, n, s in zip(long["unit"], long["node"], long["score"])}
    rank = {(u, n): r for u, n, r in zip(long["unit"], long["node"], long["rank"])}
    header = book["scores"][0]
    assert header[0] == "city" and header[1:] == list(city_method.codes)
    checked = 0
    for sheet, truth in (("scores", score), ("ranks", rank)):
        for row in book[sheet][1:]:
            for code, v in zip(header[1:], row[1:]):
                t = truth[(row[0], code)]
                assert (v is None and math.isnan(t)) or v == t, (sheet, row[0], code, v, t)
                checked += 1
    assert checked == 2 * 100 * len(city_method.codes)
    weights = pd.read_csv(tmp_path / "w.csv", float_precision="round_trip").set_index("node")["weight"]
    for node, parent, level, w, eff in book["weights"][1:]:
        assert w == weights[node]
    # Python writes the same bytes (C++ writer) and the same numbers (openpyxl)
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    res = gm.compute(city_method, frame)
    res.to_excel(tmp_path / "py.xlsx")
    assert (tmp_path / "py.xlsx").read_bytes() == (tmp_path / "cli.xlsx").read_bytes()
    res.to_excel(tmp_path / "op.xlsx", engine="openpyxl")
    other, wb2 = cells(tmp_path / "op.xlsx")
    assert list(other) == SHEETS and wb2["scores"].freeze_panes == "B2"
    for name in SHEETS:
        assert len(other[name]) == len(book[name]), name
        for r1, r2 in zip(book[name], other[name]):
            assert all(same(a, b) for a, b in zip(r1, r2)), (name, r1[:3], r2[:3])


def test_sheets_of_a_small_result(tmp_path):
    m = gm.Methodology(nodes=[gm.Node("I"), gm.Node("x", parent="I", column="x", unit="km"),
                              gm.Node("y", parent="I", column="y", weight=3, direction=-1)],
                       normalize=gm.normalize.None_())
    res = gm.compute(m, pd.DataFrame({"x": [1.0, float("nan"), 0.1 + 0.2], "y": [2.0, 4.0, 1.0]},
                                     index=["a", "b", "c"]))
    book, _ = cells(res.to_excel(tmp_path / "s.xlsx"))
    assert book["raw"][3] == ["c", 0.1 + 0.2, 1.0]  # 0.30000000000000004, not 0.3
    assert book["raw"][2][1] is None                 # missing stays empty
    assert book["normalised"][1] == ["a", 1.0, -2.0]
    assert book["weights"][1:] == [["I", None, 2.0, 1.0, 1.0], ["x", "I", 1.0, 0.25, 0.25],
                                   ["y", "I", 1.0, 0.75, 0.75]]
    meth = {r[0]: r for r in book["methodology"][1:]}
    assert meth["y"][4] == "negative" and meth["x"][7] == "km"
    assert dict((r[0], r[1]) for r in book["methods"][1:])["normalize"] == '{"method":"none"}'
    with pytest.raises(ValueError, match="engine must be"):
        res.to_excel(tmp_path / "t.xlsx", engine="xlsxwriter")
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.cli
def test_uncertainty_workbook_equals_the_command(tmp_path, city_method):
    cli = os.environ.get("GOVMETRICS_CLI")
    if not cli:
        pytest.skip("GOVMETRICS_CLI is not set (CTest sets it to the built command)")
    done = subprocess.run([cli, "uncertainty", str(CITY_METHOD), str(CITY_DATA), "--runs", "500", "--no-progress",
                           "--xlsx", str(tmp_path / "ua.xlsx"), "--out", str(tmp_path / "ua.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    book, _ = cells(tmp_path / "ua.xlsx")
    assert list(book) == SHEETS + ["uncertainty"]
    stats = pd.read_csv(tmp_path / "ua.csv", float_precision="round_trip")
    sheet = book["uncertainty"]
    assert sheet[0][:8] == list(stats.columns)
    assert len(sheet) - 1 == len(stats)
    for row, (_, ref) in zip(sheet[1:], stats.iterrows()):
        assert row[0] == ref["unit"] and row[1] == ref["node"]
        for v, r in zip(row[2:8], ref.iloc[2:8]):
            assert (v is None and math.isnan(r)) or v == r
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    res = gm.compute(city_method, frame)
    ures = gm.uncertainty(city_method, frame, runs=500)
    res.to_excel(tmp_path / "py.xlsx", uncertainty=ures)
    assert (tmp_path / "py.xlsx").read_bytes() == (tmp_path / "ua.xlsx").read_bytes()
