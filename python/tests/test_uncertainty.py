"""gm.uncertainty: the same engine, bits and CSV files as `govmetrics uncertainty`; closed-form
probabilities; inputs given in code; errors naming the input's JSON path."""

from __future__ import annotations

import json
import math
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cities"


def _cli() -> str:
    path = os.environ.get("GOVMETRICS_CLI")
    if not path:
        pytest.skip("GOVMETRICS_CLI is not set (the CTest entry sets it)")
    return path


def three_units(tmp_path: Path, section: dict | None = None) -> tuple[Path, Path]:
    """root over a and b (weights 1, 1); A (100, 0), B (0, 100), C (40, 40): min-max 0..100 keeps
    the values."""
    doc = {"govmetrics": 1, "unit": "id", "nodes": [
        {"code": "idx"}, {"code": "a", "parent": "idx", "column": "a"},
        {"code": "b", "parent": "idx", "column": "b"}]}
    if section is not None:
        doc["uncertainty"] = section
    method = tmp_path / "m.json"
    method.write_text(json.dumps(doc), encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text("id,a,b\nA,100,0\nB,0,100\nC,40,40\n", encoding="utf-8")
    return method, data


def test_one_uncertain_weight_has_the_closed_form_rank_probabilities(tmp_path):
    # w_a = u_a / (u_a + u_b), u ~ U(0.5, 1.5): A first iff w_a > 1/2 (1/2), last iff w_a < 0.4
    # (0.1875), second otherwise (0.3125)
    method, data = three_units(tmp_path, {"runs": 40000, "seed": 3, "inputs": [
        {"kind": "weights", "spread": 0.5}]})
    res = gm.uncertainty(gm.Methodology.from_json(method), pd.read_csv(data))
    acc = res.acceptability
    a = acc[acc["unit"] == "A"].set_index("rank")["probability"]
    for rank, p in [(1.0, 0.5), (2.0, 0.3125), (3.0, 0.1875)]:
        assert abs(a[rank] - p) < 5 * math.sqrt(p * (1 - p) / 40000)
    stats = res.rank_statistics.set_index("unit")
    assert list(res.rank_statistics.columns[:8]) == ["unit", "node", "nominal", "mean", "median", "q05", "q95", "sd"]
    assert stats.loc["C", "score_mean"] == 40.0
    assert stats.loc["A", "nominal"] == 1.0 and stats.loc["C", "nominal"] == 3.0
    assert res.failures == {}
    assert res.rank_shifts.shape == (40000,)


def test_the_command_and_python_write_the_same_bytes(tmp_path):
    cli = _cli()
    method = EXAMPLE / "city_digital_governance.json"
    data = EXAMPLE / "cities.csv"
    out, acc = tmp_path / "cli_stats.csv", tmp_path / "cli_acc.csv"
    done = subprocess.run([cli, "uncertainty", str(method), str(data), "--runs", "600", "--nodes",
                           "DGI,infra", "--out", str(out), "--acceptability-out", str(acc)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    m = gm.Methodology.from_json(method)
    frame = pd.read_csv(data, comment="#", dtype={m.unit: str}, keep_default_na=False,
                        na_values=["", "NA", "NaN", "..", "-"], float_precision="round_trip")
    for threads in (1, 2):
        res = gm.uncertainty(m, frame, runs=600, nodes=["DGI", "infra"], threads=threads)
        res.to_csv(tmp_path / "py_stats.csv")
        res.acceptability_to_csv(tmp_path / "py_acc.csv")
        assert (tmp_path / "py_stats.csv").read_bytes() == out.read_bytes()
        assert (tmp_path / "py_acc.csv").read_bytes() == acc.read_bytes()
    # the CSV path through the C++ reader gives the same bytes too
    res = gm.uncertainty(m, data, runs=600, nodes=["DGI", "infra"])
    res.to_csv(tmp_path / "py_stats2.csv")
    assert (tmp_path / "py_stats2.csv").read_bytes() == out.read_bytes()
    assert res.runs == 600 and res.seed == 20200818 and res.nodes == ["DGI", "infra"]


def test_inputs_in_code_and_their_errors(tmp_path):
    method, data = three_units(tmp_path)
    m = gm.Methodology.from_json(method)
    frame = pd.read_csv(data)
    with pytest.raises(gm.SpecError, match="no \"uncertainty\" section"):
        gm.uncertainty(m, frame)
    res = gm.uncertainty(m, frame, runs=2000, seed=5, inputs=[
        {"kind": "exclude", "nodes": ["a"]}])
    # A scores 50 with both indicators, 0 with b alone: mean 25
    a = res.rank_statistics.set_index("unit").loc["A"]
    assert abs(a["score_mean"] - 25.0) < 5 * 25.0 / math.sqrt(2000)
    with pytest.raises(gm.SpecError, match=r"\$\.uncertainty\.inputs\[0\]: 'spread' must be in \[0, 1\) \(spread 1\.5\)"):
        gm.uncertainty(m, frame, inputs=[{"kind": "weights", "spread": 1.5}])
    with pytest.raises(gm.SpecError, match=r"\$\.uncertainty\.inputs\[0\]\.alternatives\[1\]\.method: unknown aggregation method 'geometrik'"):
        gm.uncertainty(m, frame, inputs=[{"kind": "aggregate", "alternatives": [
            {"method": "arithmetic"}, {"method": "geometrik"}]}])
    with pytest.raises(gm.SpecError, match=r"the root 'idx' cannot be excluded"):
        gm.uncertainty(m, frame, inputs=[{"kind": "exclude", "nodes": ["idx"]}])
    with pytest.raises(gm.SpecError, match="'runs' must be a whole number from 1 to 1099511627776, got 0"):
        gm.uncertainty(m, frame, runs=0, inputs=[{"kind": "weights"}])
    with pytest.raises(gm.SpecError, match="'threads' must be a whole number"):
        gm.uncertainty(m, frame, threads=True, inputs=[{"kind": "weights"}])
    # one node may be given as a string
    res = gm.uncertainty(m, frame, runs=10, nodes="idx", inputs=[{"kind": "weights"}])
    assert res.nodes == ["idx"]


def test_failures_are_counted_not_averaged(tmp_path):
    # min-max 0..100 gives zeros, which the geometric mean refuses
    method, data = three_units(tmp_path, {"runs": 1000, "inputs": [
        {"kind": "aggregate", "alternatives": [{"method": "arithmetic"}, {"method": "geometric"}]}]})
    res = gm.uncertainty(gm.Methodology.from_json(method), data)
    failed = sum(res.failures.values())
    assert abs(failed / 1000 - 0.5) < 5 * math.sqrt(0.25 / 1000)
    assert all("geometric" in reason for reason in res.failures)
    assert (res.rank_statistics["ranked"] == 1000 - failed).all()
    assert int(np.isnan(res.rank_shifts).sum()) == failed
