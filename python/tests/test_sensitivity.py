"""gm.sensitivity (issue 11): the general estimator on functions with closed-form indices
(Ishigami, Sobol' G, a linear model), the design's layout and the published Sobol' points; the
analysis of an index from Python against the command (the same bytes), its tables and charts;
bad arguments refused with what is wrong."""

from __future__ import annotations

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
METHOD = EXAMPLE / "city_digital_governance.json"
DATA = EXAMPLE / "cities.csv"


def _cli() -> str:
    path = os.environ.get("GOVMETRICS_CLI")
    if not path:
        pytest.skip("GOVMETRICS_CLI is not set (the CTest entry sets it)")
    return path


def ishigami_truth(a: float = 7.0, b: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    v1 = 0.5 * (1 + b * math.pi**4 / 5) ** 2
    v2 = a * a / 8
    v13 = b * b * math.pi**8 * 8 / 225
    v = v1 + v2 + v13
    return np.array([v1 / v, v2 / v, 0.0]), np.array([(v1 + v13) / v, v2 / v, v13 / v])


def test_design_layout_and_published_points():
    x = gm.sensitivity.sobol_design(3, 8, scramble=False)
    assert x.shape == (8 * 5, 3)
    # A: the first 8 points of the first 3 coordinates of the 6-dimensional sequence; the
    # published sequence in each coordinate starts 0, 0.5, then 0.75 / 0.25
    assert list(x[:3, 0]) == [0.0, 0.5, 0.75]
    assert list(x[:3, 1]) == [0.0, 0.5, 0.25]
    a, b = x[:8], x[8:16]
    for i in range(3):
        ab = x[(2 + i) * 8:(3 + i) * 8]
        expected = a.copy()
        expected[:, i] = b[:, i]
        assert np.array_equal(ab, expected)
    s = gm.sensitivity.sobol_design(2, 1024, seed=5)
    assert (s >= 0).all() and (s < 1).all()
    # scrambled Sobol' points: each coordinate of A puts one point in each 1/1024 interval
    for c in range(2):
        assert np.array_equal(np.sort(np.floor(s[:1024, c] * 1024)), np.arange(1024))
    assert not np.array_equal(s, gm.sensitivity.sobol_design(2, 1024, seed=6))


def test_ishigami_indices_and_intervals():
    n = 2**13
    x = gm.sensitivity.sobol_design(3, n, seed=11)
    z = -math.pi + 2 * math.pi * x
    y = np.sin(z[:, 0]) + 7 * np.sin(z[:, 1]) ** 2 + 0.1 * z[:, 2] ** 4 * np.sin(z[:, 0])
    est = gm.sensitivity.sobol_indices(y, 3, bootstrap=200, seed=3)
    s, st = ishigami_truth()
    assert est.first.shape == (3,)
    assert np.abs(est.first - s).max() < 0.02
    assert np.abs(est.total - st).max() < 0.02
    assert (est.first_lo <= s).all() and (s <= est.first_hi).all()
    assert (est.total_lo <= st).all() and (st <= est.total_hi).all()
    assert est.n == n
    assert list(est.convergence["n"].unique()) == [n // 8, n // 4, n // 2, n]
    # the estimate from the last prefix is the estimate
    last = est.convergence[est.convergence["n"] == n]
    assert np.array_equal(last["first"].to_numpy(), est.first)


def test_sobol_g_and_linear_model_several_outputs():
    a = np.array([0, 1, 4.5, 9, 99, 99, 99, 99])
    d = len(a)
    n = 2**12
    x = gm.sensitivity.sobol_design(d, n)
    g = np.prod((np.abs(4 * x - 2) + a) / (1 + a), axis=1)
    w = np.arange(1, d + 1, dtype=float)
    lin = x @ w  # x_i ~ U(0, 1): S_i = ST_i = w_i^2 / sum w_j^2
    y = np.column_stack([g, lin])
    est = gm.sensitivity.sobol_indices(y, d, bootstrap=0)
    assert est.first.shape == (d, 2)
    vi = (1 / 3) / (1 + a) ** 2
    v = np.prod(1 + vi) - 1
    s = vi / v
    st = vi * np.prod(1 + vi) / (1 + vi) / v
    assert np.abs(est.first[:, 0] - s).max() < 0.02
    assert np.abs(est.total[:, 0] - st).max() < 0.02
    share = w**2 / (w**2).sum()
    assert np.abs(est.first[:, 1] - share).max() < 0.01
    assert np.abs(est.total[:, 1] - share).max() < 0.01
    assert np.isnan(est.first_lo).all()  # no bootstrap asked


def test_estimator_refuses_bad_shapes_and_values():
    with pytest.raises(gm.SpecError, match="N must be a power of two for Sobol' points \\(got 100; try 64 or 128\\)"):
        gm.sensitivity.sobol_design(2, 100)
    with pytest.raises(gm.SpecError, match="which is not N \\(d \\+ 2\\)"):
        gm.sensitivity.sobol_indices(np.zeros(50), 4)
    with pytest.raises(gm.SpecError, match="'confidence' must be a number between 0 and 1"):
        gm.sensitivity.sobol_indices(np.zeros(40), 2, confidence=1.5)
    with pytest.raises(gm.SpecError, match="'method' must be 'sobol' or 'monte_carlo'"):
        gm.sensitivity.sobol_design(2, 8, method="lhs")
    assert gm.sensitivity.sobol_design(2, 100, method="monte_carlo").shape == (400, 2)
    const = gm.sensitivity.sobol_indices(np.ones(40), 2)
    assert np.isnan(const.first).all()
    assert any("do not vary" in note for note in const.notes)


def test_analyze_matches_the_command_to_the_byte(tmp_path):
    cli = _cli()
    res = gm.sensitivity.analyze(str(METHOD), str(DATA), n=64, bootstrap=20, seed=9, dummy=True)
    assert res.factors == ["weights", "normalisation", "aggregation", "drop one infrastructure indicator", "dummy"]
    assert list(res.indices.columns) == ["output", "factor", "first", "total", "first_lo", "first_hi", "total_lo", "total_hi"]
    assert set(res.indices["output"]) == {"mean_abs_rank_shift"}
    assert res.by_unit["output"].str.startswith("rank:").all()
    assert res.by_unit["output"].str.endswith("@DGI").all()
    dummy = res.indices[res.indices["factor"] == "dummy"]
    assert (dummy["first"] == 0).all() and (dummy["total"] == 0).all()
    assert res.first.shape == (5, len(res.outputs))
    assert res.design_outputs.shape == (64 * 7, len(res.outputs))
    out, by_unit = tmp_path / "idx.csv", tmp_path / "units.csv"
    proc = subprocess.run([cli, "sensitivity", str(METHOD), str(DATA), "--n", "64", "--bootstrap", "20",
                           "--seed", "9", "--dummy", "--threads", "2", "--out", str(out),
                           "--by-unit-out", str(by_unit), "--no-progress"],
                          capture_output=True, text=True, check=True)
    assert "indices of the mean absolute rank shift" in proc.stdout
    py_out, py_units = tmp_path / "py_idx.csv", tmp_path / "py_units.csv"
    res.indices_to_csv(py_out)
    res.by_unit_to_csv(py_units)
    assert out.read_bytes() == py_out.read_bytes()
    assert by_unit.read_bytes() == py_units.read_bytes()
    # the DataFrame read by pandas from the command's file equals the property
    pd.testing.assert_frame_equal(pd.read_csv(out), res.indices)


def test_analyze_from_a_dataframe_equals_the_csv_path():
    frame = pd.read_csv(DATA, comment="#")
    a = gm.sensitivity.analyze(str(METHOD), str(DATA), n=16, bootstrap=0, threads=1)
    b = gm.sensitivity.analyze(str(METHOD), frame, n=16, bootstrap=0, threads=2)
    assert np.array_equal(a.design_outputs.to_numpy(), b.design_outputs.to_numpy(), equal_nan=True)


def test_analyze_errors():
    with pytest.raises(gm.SpecError, match="N must be a power of two"):
        gm.sensitivity.analyze(str(METHOD), str(DATA), n=100)
    with pytest.raises(gm.SpecError, match="'n' must be a whole number"):
        gm.sensitivity.analyze(str(METHOD), str(DATA), n=1.5)
    with pytest.raises(gm.UnknownCodeError):
        gm.sensitivity.analyze(str(METHOD), str(DATA), n=8, nodes=["nowhere"])


def test_sensitivity_charts():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    res = gm.sensitivity.analyze(str(METHOD), str(DATA), n=32, bootstrap=10)
    ax = res.plot.indices()
    assert len(ax.patches) == 2 * len(res.factors)  # first and total per factor
    assert [t.get_text() for t in ax.get_xticklabels()] == res.factors
    ax2 = res.plot.by_unit()
    assert ax2.images[0].get_array().shape == (100, len(res.factors))
    ax3 = res.plot.convergence()
    assert len(ax3.lines) == 2 * len(res.factors)
    with pytest.raises(ValueError, match="not a tracked node"):
        res.plot.by_unit(node="nowhere")
    plt.close("all")


def test_command_shards_merged_in_python_and_by_the_command(tmp_path):
    cli = _cli()
    one = tmp_path / "one.csv"
    subprocess.run([cli, "sensitivity", str(METHOD), str(DATA), "--n", "64", "--bootstrap", "15",
                    "--out", str(one), "--no-progress"], capture_output=True, text=True, check=True)
    states = []
    for k in (1, 2, 3):
        st = tmp_path / f"p{k}.state"
        proc = subprocess.run([cli, "sensitivity", str(METHOD), str(DATA), "--n", "64", "--bootstrap", "15",
                               "--shard", f"{k}/3", "--state-out", str(st), "--no-progress"],
                              capture_output=True, text=True, check=True)
        assert f"shard {k} of 3: base points" in proc.stdout
        states.append(st)
    merged = gm.sensitivity.SensitivityResult.from_states(list(reversed(states)))
    py = tmp_path / "py.csv"
    merged.indices_to_csv(py)
    assert py.read_bytes() == one.read_bytes()
    cmd = tmp_path / "cmd.csv"
    proc = subprocess.run([cli, "merge", *map(str, states), "--out", str(cmd)], capture_output=True, text=True,
                          check=True)
    assert "merged 3 states: sensitivity analysis, N = 64" in proc.stdout
    assert cmd.read_bytes() == one.read_bytes()
    # a missing shard is named; uncertainty-only options are refused for sensitivity states
    proc = subprocess.run([cli, "merge", str(states[0]), str(states[2]), "--out", str(tmp_path / "x.csv")],
                          capture_output=True, text=True)
    assert proc.returncode == 3
    assert "are in no part (a shard is missing)" in proc.stderr
    assert not (tmp_path / "x.csv").exists()
    proc = subprocess.run([cli, "merge", *map(str, states), "--acceptability-out", str(tmp_path / "y.csv")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "--acceptability-out applies to uncertainty states" in proc.stderr
    with pytest.raises(gm.DataError, match="not a govmetrics sensitivity state"):
        gm.sensitivity.SensitivityResult.from_states([b"GMUASTATE\n" + b"x" * 40])


def test_analyze_reports_progress_and_refuses_bad_progress():
    calls = []
    gm.sensitivity.analyze(str(METHOD), str(DATA), n=64, bootstrap=0, threads=2,
                           progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (4, 4)  # 64 base points in blocks of 16
    assert [d for d, _ in calls] == [1, 2, 3, 4]
    with pytest.raises(TypeError, match="sensitivity: progress must be True, False or a callable"):
        gm.sensitivity.analyze(str(METHOD), str(DATA), n=8, progress="yes")
