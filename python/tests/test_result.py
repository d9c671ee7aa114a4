"""gm.Result: the tables, their shapes and order, weights, fitted parameters, diagnostics, display."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm


@pytest.fixture()
def tree_result(tree_method, tree_frame):
    return gm.compute(tree_method, tree_frame)


def test_scores_and_ranks_shape_and_order(city_method, city_frame):
    res = gm.compute(city_method, city_frame)
    for table in (res.scores, res.ranks):
        assert table.shape == (100, 23)
        assert list(table.columns) == list(city_method.codes)
        assert table.index.name == "city"
        assert table.index[0] == "Illustrative City 001"
        assert table.dtypes.eq(np.float64).all()
    assert res.scores is res.scores  # cached
    r = res.ranks["DGI"]
    assert sorted(r.dropna().tolist())[:3] == [1.0, 2.0, 3.0]
    assert len(res) == 100


def test_to_long(tree_result):
    long = tree_result.to_long()
    assert list(long.columns) == ["unit", "node", "score", "rank"]
    assert len(long) == 4 * 6
    # every unit at every node, framework order within each unit
    assert long["unit"].tolist()[:6] == ["U1"] * 6
    assert long["node"].tolist()[:6] == ["idx", "d1", "d2", "i1", "i2", "i3"]
    row = long[(long["unit"] == "U3") & (long["node"] == "d1")].iloc[0]
    assert (row["score"], row["rank"]) == (75.0, 2.0)
    assert np.isnan(long[(long["unit"] == "U4") & (long["node"] == "i1")]["score"]).all()


def test_weights(tree_result):
    w = tree_result.weights
    assert list(w.columns) == ["parent", "weight", "root_weight", "method"]
    assert w["method"].tolist() == ["", "explicit", "explicit", "explicit", "explicit", "explicit"]
    assert list(w.index) == ["idx", "d1", "d2", "i1", "i2", "i3"]
    # d1 3/(3+1), d2 1/4; i1, i2 1/2 within d1; i3 1 within d2
    assert w["weight"].tolist() == [1.0, 0.75, 0.25, 0.5, 0.5, 1.0]
    assert w["root_weight"].tolist() == [1.0, 0.75, 0.25, 0.375, 0.375, 0.25]
    assert w.loc["i3", "parent"] == "d2" and w.loc["idx", "parent"] == ""


def test_equal_weights_scheme(tree_method, tree_frame):
    res = gm.compute(tree_method.replace(weights=gm.weights.Equal()), tree_frame)
    assert res.weights["weight"].tolist() == [1.0, 0.5, 0.5, 0.5, 0.5, 1.0]
    # idx = (d1 + d2) / 2 for U2: (37.5 + 100/3) / 2
    assert res.scores.loc["U2", "idx"] == pytest.approx((37.5 + 100 / 3) / 2, rel=1e-15)


def test_params(tree_result):
    p = tree_result.params
    assert list(p.index) == ["i1", "i2", "i3"] and p.index.name == "indicator"
    assert p["method"].tolist() == ["min_max"] * 3
    # fitted on the direction-adjusted data: i3 is negative, so x' = -x, min -4, max -1
    assert p.loc["i1", ["min", "max", "lo", "hi"]].tolist() == [0.0, 10.0, 0.0, 100.0]
    assert p.loc["i3", ["min", "max"]].tolist() == [-4.0, -1.0]


def test_params_of_mixed_methods(tree_method, tree_frame):
    m = tree_method.replace(normalize_overrides={"i2": gm.normalize.ZScore()})
    p = gm.compute(m, tree_frame).params
    assert p.loc["i2", "method"] == "z_score"
    # x2 = 1, 2, 3, 5: mean 2.75, sd (n-1) sqrt(((1.75)^2 + 0.75^2 + 0.25^2 + 2.25^2)/3)
    assert p.loc["i2", "mean_x"] == 2.75
    assert p.loc["i2", "sd_x"] == pytest.approx(np.sqrt((1.75**2 + 0.75**2 + 0.25**2 + 2.25**2) / 3), rel=1e-15)
    assert np.isnan(p.loc["i1", "mean_x"]) and np.isnan(p.loc["i2", "min"])


def test_diagnostics_frame_even_when_empty(tiny_method, tiny_frame):
    d = gm.compute(tiny_method, tiny_frame).diagnostics
    assert d.empty and list(d.columns) == ["severity", "component", "node", "unit", "message"]


def test_ranks_only_at_the_root(tree_method, tree_frame):
    res = gm.compute(tree_method.replace(ranks="root"), tree_frame)
    assert res.ranks["idx"].tolist() == [4.0, 3.0, 2.0, 1.0]
    assert res.ranks[["d1", "i1"]].isna().all().all()
    assert res.rank_array("d1") is None
    assert res.rank("d1").isna().all()


def test_ties_policies(tiny_method, tiny_frame):
    # index scores 0, 75, 75
    assert gm.compute(tiny_method.replace(ties="dense"), tiny_frame).ranks["index"].tolist() == [2.0, 1.0, 1.0]
    assert gm.compute(tiny_method.replace(ties="average"), tiny_frame).ranks["index"].tolist() == [3.0, 1.5, 1.5]


def test_top_and_compare(tree_result, tree_method, tree_frame):
    top = tree_result.top(2)
    assert list(top.index) == ["U4", "U3"]
    assert list(top.columns) == ["rank", "idx", "d1", "d2"]
    other = gm.compute(tree_method.replace(weights=gm.weights.Equal()), tree_frame)
    cmp = tree_result.compare(other, labels=("explicit", "equal"))
    assert list(cmp.columns) == ["rank_explicit", "rank_equal", "shift"]
    assert cmp.index[0] == "U4"
    assert (cmp["shift"] == cmp["rank_explicit"] - cmp["rank_equal"]).all()


def test_to_csv_is_the_commands_format(tiny_method, tiny_frame, tmp_path):
    res = gm.compute(tiny_method, tiny_frame)
    text = res.to_csv(tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == text
    lines = text.splitlines()
    assert lines[0] == "unit,node,score,rank"
    assert lines[1:4] == ["A,index,0,3", "A,broadband,0,3", "A,licence_days,0,3"]
    assert lines[4] == "B,index,75,1"


def test_display(city_method, city_frame):
    res = gm.compute(city_method, city_frame)
    r = repr(res)
    assert r.startswith("<govmetrics.Result Urban digital governance index (illustrative): 100 units, 23 nodes (18 indicators); top 5:")
    assert "diagnostic(s)" in r
    html = res._repr_html_()
    top10 = res.ranks["DGI"].nsmallest(10).index
    assert all(u in html for u in top10)
    eleventh = res.ranks["DGI"].sort_values().index[10]
    assert eleventh not in html


def test_read_csv_with_the_cpp_reader(city_method):
    from conftest import CITY_DATA

    df = gm.read_csv(CITY_DATA, city_method)
    assert df.shape == (100, 18) and df.index.name == "city"
    assert list(df.columns) == city_method.columns
    assert df.isna().sum().sum() == 8
    pandas_df = pd.read_csv(CITY_DATA, comment="#", index_col="city")[city_method.columns]
    assert np.array_equal(df.to_numpy(), pandas_df.to_numpy(), equal_nan=True)
