"""gm.uncertainty's optional outputs against closed forms: pairwise probabilities, the audit trail
(every recorded replication's ranks recomputed from its recorded weights), score quantiles,
noise on the data; progress reporting; states saved, merged and read back, from Python and from
the command's shards, to the same bytes."""

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


def three_units(tmp_path: Path, section: dict | None = None, normalize: dict | None = None) -> tuple[Path, Path]:
    """root over a and b (weights 1, 1); A (100, 0), B (0, 100), C (40, 40)."""
    doc: dict = {"govmetrics": 1, "unit": "id", "nodes": [
        {"code": "idx"}, {"code": "a", "parent": "idx", "column": "a"},
        {"code": "b", "parent": "idx", "column": "b"}]}
    if normalize is not None:
        doc["normalize"] = normalize
    if section is not None:
        doc["uncertainty"] = section
    method = tmp_path / "m.json"
    method.write_text(json.dumps(doc), encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text("id,a,b\nA,100,0\nB,0,100\nC,40,40\n", encoding="utf-8")
    return method, data


def within(estimate: float, p: float, n: int) -> bool:
    return abs(estimate - p) < 5 * math.sqrt(p * (1 - p) / n) + 1e-12


def ratio_cdf(t: float, s: float) -> float:
    """P(u1 / (u1 + u2) <= t), u1, u2 iid U(1 - s, 1 + s): P(u1 <= c u2), c = t / (1 - t), by the
    midpoint rule over u2 (independent of the engine)."""
    a, b = 1.0 - s, 1.0 + s
    c = t / (1.0 - t)
    y = a + (np.arange(200_000) + 0.5) * (b - a) / 200_000
    return float(np.clip((c * y - a) / (b - a), 0.0, 1.0).mean())


def test_pairwise_probabilities_have_the_closed_form(tmp_path):
    # w_a = u_a / (u_a + u_b), u ~ U(0.5, 1.5): A above B iff w_a > 1/2 (1/2); A above C iff
    # 100 w_a > 40 (1 - 0.1875); C above B iff 100 (1 - w_a) < 40, i.e. w_a > 0.6 (0.1875)
    method, data = three_units(tmp_path, {"runs": 20000, "seed": 9, "inputs": [
        {"kind": "weights", "spread": 0.5}]})
    res = gm.uncertainty(gm.Methodology.from_json(method), data, pairwise=True)
    p = res.pairwise
    assert list(p.index) == ["A", "B", "C"] and list(p.columns) == ["A", "B", "C"]
    assert within(p.loc["A", "B"], 0.5, 20000)
    assert within(p.loc["A", "C"], 0.8125, 20000)
    assert within(p.loc["C", "B"], 0.1875, 20000)
    # no ties in this case: P(i above j) + P(j above i) = 1, and the diagonal is 0
    assert np.allclose(p.values + p.values.T, 1.0 - np.eye(3), atol=0, rtol=0)
    # P(A above C) is P(rank_C > rank_A) summed over the acceptability: consistent with it
    res.pairwise_to_csv(tmp_path / "pw.csv")
    table = pd.read_csv(tmp_path / "pw.csv")
    assert list(table.columns) == ["node", "unit", "other", "probability"]
    assert len(table) == 6
    row = table[(table.unit == "A") & (table.other == "C")]
    assert row.probability.iloc[0] == p.loc["A", "C"]
    with pytest.raises(gm.SpecError, match="pairwise probabilities were not counted"):
        gm.uncertainty(gm.Methodology.from_json(method), data, runs=10).pairwise


def test_every_recorded_replication_reproduces_its_ranks(tmp_path):
    method, data = three_units(tmp_path, {"runs": 3000, "seed": 4, "inputs": [
        {"name": "w", "kind": "weights", "spread": 0.5},
        {"name": "agg", "kind": "aggregate", "alternatives": [{"method": "arithmetic"}, {"method": "power_mean", "p": 2}]}]})
    res = gm.uncertainty(gm.Methodology.from_json(method), data, record=True)
    rep = res.replications
    assert len(rep) == 3000 and rep.index[0] == 1
    assert list(rep.columns[:4]) == ["failed", "w:a", "w:b", "agg"]
    assert np.allclose(rep["w:a"] + rep["w:b"], 1.0, rtol=0, atol=1e-15)
    assert set(rep["agg"].astype(str)) == {"1:arithmetic", "2:power_mean"}
    assert within((rep["agg"].astype(str) == "2:power_mean").mean(), 0.5, 3000)
    # recompute each replication from its recorded draws: scores, then ranks ("min" ties)
    x = np.array([[100.0, 0.0], [0.0, 100.0], [40.0, 40.0]])
    for _, row in rep.iterrows():
        w = np.array([row["w:a"], row["w:b"]])
        s = x @ w if str(row["agg"]) == "1:arithmetic" else np.sqrt((x ** 2) @ w)
        ranks = [1 + int((s > s[i]).sum()) for i in range(3)]
        assert [row[f"rank:{u}@idx"] for u in "ABC"] == ranks
    # the CSV has the same content, with the same header
    res.replications_to_csv(tmp_path / "rep.csv")
    text = (tmp_path / "rep.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "replication,failed,w:a,w:b,agg,rank:A@idx,rank:B@idx,rank:C@idx"
    assert len(text) == 3001
    with pytest.raises(gm.SpecError, match="not recorded"):
        gm.uncertainty(gm.Methodology.from_json(method), data, runs=10).replications


def test_score_quantiles_follow_the_weight_distribution(tmp_path):
    n = 20000
    method, data = three_units(tmp_path, {"runs": n, "seed": 11, "inputs": [
        {"kind": "weights", "spread": 0.5}]})
    m = gm.Methodology.from_json(method)
    res = gm.uncertainty(m, data, score_quantiles=True)
    a = res.rank_statistics.set_index("unit").loc["A"]
    # A scores 100 w_a: the engine's quantile q of the score sits at the q-th quantile of w_a
    for q, column in [(0.05, "score_q05"), (0.5, "score_median"), (0.95, "score_q95")]:
        assert within(ratio_cdf(a[column] / 100.0, 0.5), q, n)
    c = res.rank_statistics.set_index("unit").loc["C"]
    # C scores 40 w_a + 40 w_b: 40 up to the rounding of the weights
    for column in ("score_q05", "score_median", "score_q95"):
        assert abs(c[column] - 40.0) < 1e-12
    # without score_quantiles they are NaN; the other columns are the same bits
    plain_result = gm.uncertainty(m, data)
    plain = plain_result.rank_statistics
    with pytest.raises(gm.SpecError, match="scores_to_csv needs every replication's scores"):
        plain_result.scores_to_csv(tmp_path / "never.csv")
    assert not (tmp_path / "never.csv").exists()
    assert plain["score_median"].isna().all()
    cols = ["mean", "median", "q05", "q95", "sd", "score_mean", "score_sd"]
    assert plain[cols].equals(res.rank_statistics[cols])
    res.scores_to_csv(tmp_path / "scores.csv")
    header = (tmp_path / "scores.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("score_nominal,score_mean,score_sd,score_median,score_q05,score_q95")


def test_noise_on_the_data_has_the_closed_form_variance(tmp_path):
    # no normalisation, arithmetic mean of two indicators: score = (a + sd z1 + b + sd z2) / 2,
    # whose sd is sd / sqrt(2) and whose mean is the nominal score
    n = 8000
    method, data = three_units(tmp_path, {"runs": n, "seed": 2, "inputs": [
        {"kind": "data", "sd": 10.0}]}, normalize={"method": "none"})
    res = gm.uncertainty(gm.Methodology.from_json(method), data)
    stats = res.rank_statistics.set_index("unit")
    sd = 10.0 / math.sqrt(2.0)
    for unit, nominal in [("A", 50.0), ("B", 50.0), ("C", 40.0)]:
        assert abs(stats.loc[unit, "score_mean"] - nominal) < 5 * sd / math.sqrt(n)
        # the sd of a sample sd is about sd / sqrt(2 n)
        assert abs(stats.loc[unit, "score_sd"] - sd) < 5 * sd / math.sqrt(2 * n)
    # relative noise: x (1 + 0.1 z); C's score (40 + 4 z1 + 40 + 4 z2) / 2 has sd 4 / sqrt(2)
    res = gm.uncertainty(gm.Methodology.from_json(method), data, runs=n, inputs=[
        gm.ua.Noise(relative_sd=0.1)])
    c = res.rank_statistics.set_index("unit").loc["C"]
    assert abs(c["score_sd"] - 4.0 / math.sqrt(2.0)) < 5 * 4.0 / math.sqrt(4 * n)
    with pytest.raises(gm.SpecError, match=r"inputs\[0\]: give one of 'relative_sd'"):
        gm.uncertainty(gm.Methodology.from_json(method), data, inputs=[{"kind": "data"}])
    with pytest.raises(gm.SpecError, match=r"'idx' is not an indicator"):
        gm.uncertainty(gm.Methodology.from_json(method), data,
                       inputs=[{"kind": "data", "sd": 1, "indicators": ["idx"]}])


def test_ua_objects_write_the_file_form(tmp_path):
    method, data = three_units(tmp_path)
    m = gm.Methodology.from_json(method)
    objs = [gm.ua.Weights(spread=0.3, name="w"),
            gm.ua.Alternatives("aggregate", [{"method": "arithmetic"}, {"method": "power_mean", "p": 2}], probabilities=[0.25, 0.75]),
            gm.ua.Exclude(["a"])]
    dicts = [o.to_dict() for o in objs]
    a = gm.uncertainty(m, data, runs=500, inputs=objs)
    b = gm.uncertainty(m, data, runs=500, inputs=dicts)
    a.to_csv(tmp_path / "a.csv")
    b.to_csv(tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert dicts[1]["probabilities"] == [0.25, 0.75] and dicts[2]["nodes"] == ["a"]
    with pytest.raises(TypeError, match="each input must be a dict"):
        gm.uncertainty(m, data, inputs=[42])
    with pytest.raises(ValueError, match="unknown kind 'normalise'"):
        gm.uncertainty(m, data, inputs=[gm.ua.Alternatives("normalise", [{"method": "rank"}])])


def test_progress_reports_every_block(tmp_path):
    method, data = three_units(tmp_path, {"runs": 2000, "inputs": [{"kind": "weights"}]})
    m = gm.Methodology.from_json(method)
    calls: list[tuple[int, int]] = []
    res = gm.uncertainty(m, data, threads=2, progress=lambda done, total: calls.append((done, total)))
    assert [c[0] for c in calls] == list(range(1, 9)) and {c[1] for c in calls} == {8}
    quiet = gm.uncertainty(m, data, threads=2)
    assert res.rank_statistics.equals(quiet.rank_statistics)
    with pytest.raises(TypeError, match="progress must be True, False or a callable"):
        gm.uncertainty(m, data, progress="yes")
    pytest.importorskip("tqdm")
    bar = gm.uncertainty(m, data, progress=True)
    assert bar.rank_statistics.equals(quiet.rank_statistics)


def test_states_round_trip_and_merge_with_the_commands_shards(tmp_path):
    cli = _cli()
    method = EXAMPLE / "city_digital_governance.json"
    data = EXAMPLE / "cities.csv"
    m = gm.Methodology.from_json(method)
    whole = gm.uncertainty(m, data, runs=1500, pairwise=True, record=True)
    again = gm.UncertaintyResult.from_state(whole.state_bytes())
    assert again.state_bytes() == whole.state_bytes()
    parts = []
    for k in (1, 2, 3):
        part = tmp_path / f"p{k}.state"
        done = subprocess.run([cli, "uncertainty", str(method), str(data), "--runs", "1500",
                               "--shard", f"{k}/3", "--state-out", str(part), "--pairwise",
                               "--record", "--no-progress"],
                              capture_output=True, text=True, encoding="utf-8")
        assert done.returncode == 0, done.stderr
        parts.append(gm.UncertaintyResult.from_state(part))
    assert not parts[0].complete and "blocks" in repr(parts[0])
    with pytest.raises(gm.SpecError, match="merge the states of the other shards first"):
        parts[0].rank_statistics
    merged = parts[2].merge(parts[0]).merge(parts[1])
    assert merged.complete
    # the same bytes as one Python run: state, statistics, acceptability, pairs, audit trail
    assert merged.state_bytes() == whole.state_bytes()
    for write in ("to_csv", "acceptability_to_csv", "pairwise_to_csv", "replications_to_csv"):
        getattr(merged, write)(tmp_path / "m.csv")
        getattr(whole, write)(tmp_path / "w.csv")
        assert (tmp_path / "m.csv").read_bytes() == (tmp_path / "w.csv").read_bytes(), write
    with pytest.raises(gm.SpecError, match="is in both states"):
        merged.merge(parts[0])
    other = gm.uncertainty(m, data, runs=1500, seed=1, pairwise=True, record=True)
    with pytest.raises(gm.SpecError, match="two different analyses"):
        parts[0].merge(other)
    # govmetrics merge reads a state Python wrote
    whole.state_to_file(tmp_path / "py.state")
    done = subprocess.run([cli, "merge", str(tmp_path / "py.state"), "--out", str(tmp_path / "cli.csv")],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    whole.to_csv(tmp_path / "py.csv")
    assert (tmp_path / "cli.csv").read_bytes() == (tmp_path / "py.csv").read_bytes()
    # a damaged state is refused with its name
    damaged = tmp_path / "damaged.state"
    damaged.write_bytes(whole.state_bytes()[:-3])
    with pytest.raises(gm.DataError, match="damaged.state'.*checksum"):
        gm.UncertaintyResult.from_state(damaged)


def test_plots_hang_off_the_result(tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    method, data = three_units(tmp_path, {"runs": 300, "inputs": [{"kind": "weights", "spread": 0.5}]})
    res = gm.uncertainty(gm.Methodology.from_json(method), data)
    ax = res.plot.rank_intervals()
    # A and B tie first under equal weights (data order kept), C is third
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B", "C"]
    heat = res.plot.acceptability().get_images()[0].get_array()
    assert heat.shape == (3, 3)
