"""Result.target (govmetrics.explain.Target) and govmetrics.compare (govmetrics.audit.Comparison):
hand-worked answers, byte parity with ``govmetrics target`` / ``govmetrics compare --out-dir``,
errors. Definitions: docs/explain.md (targets) and docs/audit.md (comparing methodologies)."""

from __future__ import annotations

import json
import math
import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from conftest import CITY_DATA, CITY_METHOD

# 0.5 x + 0.5 y without normalisation: u1 1, u2 3, u3 2.5, u4 3.5; x and y range over [1, 4]
FOUR = pd.DataFrame({"x": [1.0, 4.0, 2.0, 3.0], "y": [1.0, 2.0, 3.0, 4.0]}, index=["u1", "u2", "u3", "u4"])


def two_indicators(aggregate=None) -> gm.Methodology:
    kw = {} if aggregate is None else {"aggregate": aggregate}
    return gm.Methodology(nodes=[gm.Node("I"), gm.Node("x", parent="I", column="x", unit="km"),
                                 gm.Node("y", parent="I", column="y")],
                          normalize=gm.normalize.None_(), **kw)


def test_target_reachable_only_through_both_indicators():
    # u1 to rank 1: dx + dy >= 5 with each move at most 3; costs per unit x 1/3, y 2/3, so the
    # linear programme's optimum is dx = 3, dy = 2: cost 1 + 4/3
    t = gm.compute(two_indicators(), FOUR).target("u1", rank=1, costs={"y": 2})
    assert t.reachable and t.method == "lp"
    assert list(t.changes["code"]) == ["x", "y"]
    assert t.changes["to"].tolist()[0] == 4.0
    assert t.changes["to"].tolist()[1] == pytest.approx(3.0, rel=1e-15)
    assert t.total_cost == pytest.approx(7 / 3, rel=1e-15)
    assert (t.rank_before, t.rank_after, t.score_after) == (4.0, 1.0, 3.5)
    assert t.changes.loc[0, "unit"] == "km"
    assert "rank 4.0 -> 1.0" not in repr(t) and "rank 4 -> 1" in repr(t)


def test_target_score_unreachable_and_already_there():
    res = gm.compute(two_indicators(), FOUR)
    t = res.target("u1", score=3.0, costs={"x": 4.0})  # y first to 4, then x to 2
    assert list(t.changes["code"]) == ["y", "x"]
    assert t.changes["to"].tolist()[1] == pytest.approx(2.0, rel=1e-15)
    assert t.rank_goal is None and t.score_goal == 3.0
    u = res.target("u1", rank=1, fixed="y")
    assert not u.reachable and u.changes.empty
    assert "rank 3 and score 2.5" in u.reason
    assert u.unchanged.to_dict("list") == {"code": ["y"], "reason": ["fixed"]}
    a = res.target("u4", rank=2)
    assert a.reachable and a.method == "none" and a.changes.empty and "already there" in a.reason


def test_target_monotone_search_for_geometric_aggregation():
    # geometric: u4 sqrt(12) first; u1 needs x y >= 12 with x at most 4: x = 4, y = 3
    t = gm.compute(two_indicators(gm.aggregate.Geometric()), FOUR).target("u1", rank=1)
    assert t.method == "monotone_search"
    assert t.changes["to"].tolist() == pytest.approx([4.0, 3.0], rel=1e-14)
    assert t.rank_after == 1.0


def test_target_errors():
    res = gm.compute(two_indicators(), FOUR)
    with pytest.raises(ValueError, match="exactly one of rank= and score="):
        res.target("u1")
    with pytest.raises(ValueError, match="1 or more"):
        res.target("u1", rank=0)
    with pytest.raises(gm.SpecError, match="beyond the 4 units"):
        res.target("u1", rank=5)
    with pytest.raises(gm.UnknownCodeError, match="'z' is fixed but is not an indicator"):
        res.target("u1", rank=1, fixed=["z"])
    with pytest.raises(gm.SpecError, match="lo <= hi"):
        res.target("u1", rank=1, bounds={"x": (4, 1)})
    with pytest.raises(gm.UnknownCodeError, match="unknown unit 'nowhere'"):
        res.target("nowhere", rank=1)


@pytest.mark.cli
def test_target_and_compare_write_the_bytes_of_the_command(tmp_path, city_method):
    cli = os.environ.get("GOVMETRICS_CLI")
    if not cli:
        pytest.skip("GOVMETRICS_CLI is not set (CTest sets it to the built command)")
    unit = "Illustrative City 061"
    done = subprocess.run([cli, "target", str(CITY_METHOD), str(CITY_DATA), unit, "--rank", "10", "--node", "infra",
                           "--fix", "bs5g", "--cost", "fbb=2", "--out-dir", str(tmp_path / "cli")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    for name, res in (("path", gm.compute(city_method, CITY_DATA)), ("frame", gm.compute(city_method, frame))):
        t = res.target(unit, rank=10, node="infra", fixed=["bs5g"], costs={"fbb": 2})
        written = t.to_csv(tmp_path / name)
        assert [os.path.basename(p) for p in written] == list(gm.explain.TARGET_FILES)
        for f in gm.explain.TARGET_FILES:
            assert (tmp_path / name / f).read_bytes() == (tmp_path / "cli" / f).read_bytes(), (name, f)

    # compare: the city methodology against itself with geometric aggregation (on min-max 1..100)
    geo = tmp_path / "geometric.json"
    spec = json.loads(CITY_METHOD.read_text(encoding="utf-8"))
    spec["aggregate"] = {"method": "geometric"}
    spec["normalize"] = {"method": "min_max", "lo": 1, "hi": 100}
    geo.write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run([cli, "compare", str(CITY_METHOD), str(geo), str(CITY_DATA), "--out-dir",
                           str(tmp_path / "cmp_cli")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    c = gm.compare(gm.compute(city_method, CITY_DATA), gm.compute(gm.Methodology.from_json(geo), frame))
    c.to_csv(tmp_path / "cmp_py")
    for f in gm.audit.COMPARE_FILES:
        assert (tmp_path / "cmp_py" / f).read_bytes() == (tmp_path / "cmp_cli" / f).read_bytes(), f


def test_compare_hand_worked():
    a = gm.compute(two_indicators(), FOUR)
    # B: x alone, on the units in another order and one more
    mb = gm.Methodology(nodes=[gm.Node("overall"), gm.Node("x", parent="overall", column="x")],
                        normalize=gm.normalize.None_())
    b = gm.compute(mb, pd.DataFrame({"x": [3.0, 2.0, 4.0, 1.0, 7.0]}, index=["u4", "u3", "u2", "u1", "u9"]))
    c = gm.compare(a, b)
    assert c.nodes == ["I", "x"]
    assert c.only_b_units == ["u9"] and c.only_a_nodes == ["y"] and c.only_b_nodes == []
    at_root = c.table[c.table["node"] == "I"].set_index("unit")
    # ranks under A 4, 2, 3, 1; under B (u9 first) 5, 2, 4, 3; shift = A - B
    assert at_root["shift"].tolist() == [-1.0, 0.0, -1.0, -2.0]
    s = c.summary.loc["I"]
    assert s["n_units"] == 4 and s["n_moved"] == 3 and s["max_abs_shift"] == 2.0
    assert s["mean_abs_shift"] == 1.0
    # Spearman of (4, 2, 3, 1) and (5, 2, 4, 3) = that of (4, 2, 3, 1) and (4, 1, 3, 2): 0.8
    assert s["spearman"] == pytest.approx(0.8, rel=1e-14)
    assert c.movers(k=2)["unit"].tolist() == ["u4", "u1"]
    # the same Spearman from pandas on the same columns
    assert s["spearman"] == pytest.approx(at_root["rank_a"].corr(at_root["rank_b"], method="spearman"), rel=1e-14)
    with pytest.raises(KeyError, match="not a node of both"):
        c.movers("y")
    assert "Spearman 0.8000" in repr(c)


def test_compare_plot_is_the_rank_shift_chart():
    pytest.importorskip("matplotlib")
    a = gm.compute(two_indicators(), FOUR)
    b = gm.compute(two_indicators(gm.aggregate.Geometric()), FOUR)
    ax = gm.compare(a, b).plot()
    assert len(ax.lines) == 4
    assert math.isfinite(gm.compare(a, b).summary.loc["I", "spearman"])
    assert np.all(gm.compare(a, a).table["shift"] == 0.0)


@pytest.mark.cli
def test_target_probability_equals_the_command(tmp_path, city_method):
    cli = os.environ.get("GOVMETRICS_CLI")
    if not cli:
        pytest.skip("GOVMETRICS_CLI is not set (CTest sets it to the built command)")
    unit = "Illustrative City 029"
    done = subprocess.run([cli, "target", str(CITY_METHOD), str(CITY_DATA), unit, "--rank", "10", "--probability",
                           "--out-dir", str(tmp_path / "cli")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    summary = dict(line.split(",", 1) for line in (tmp_path / "cli" / "target_summary.csv").read_text().splitlines()[1:])
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    res = gm.compute(city_method, frame)
    t = res.target(unit, rank=10)
    for data in (frame, CITY_DATA):
        p = t.probability(data)
        assert p["runs"] == int(summary["probability_runs"]) == 10000
        assert p["before"] == float(summary["probability_before"])
        assert p["after"] == float(summary["probability_after"])
    assert 0.0 <= p["before"] < p["after"] <= 1.0  # rank 77 -> 10 makes the top 10 likelier
    with pytest.raises(ValueError, match="rank goal"):
        res.target(unit, score=80.0).probability(frame)


def test_target_probability_refuses_values_the_treatment_changed():
    # a log treatment: the target's values are logs, which have no raw equivalent (as the command)
    m = gm.Methodology(nodes=[gm.Node("I"), gm.Node("x", parent="I", column="x"), gm.Node("y", parent="I", column="y")],
                       normalize=gm.normalize.None_(), treat=gm.treat.Log())
    t = gm.compute(m, FOUR).target("u1", rank=1)
    assert t.reachable and len(t.changes)
    inputs = [{"name": "w", "kind": "weights", "nodes": "*", "distribution": "uniform", "spread": 0.25}]
    with pytest.raises(gm.SpecError, match="was changed by the treatment .raw 1, treated 0.: its target value has no raw equivalent"):
        t.probability(FOUR, runs=10, inputs=inputs)
