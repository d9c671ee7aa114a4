"""Weighting schemes at the nodes of a Methodology (gm.weights.Entropy, Critic, Std, Cv, Pca, Ahp,
Combined): classes, parameters, per-node overrides, Result.weights / weight_details, errors.
Expected values are worked out by hand in the comments."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm


def _method(**kwargs):
    """idx <- d (a weight 1, b weight 3), e (c); values used raw."""
    return gm.Methodology(
        nodes=[
            gm.Node("idx"),
            gm.Node("d", parent="idx"),
            gm.Node("e", parent="idx"),
            gm.Node("a", parent="d", column="a", weight=1),
            gm.Node("b", parent="d", column="b", weight=3),
            gm.Node("c", parent="e", column="c"),
        ],
        normalize="none",
        **kwargs,
    )


@pytest.fixture()
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"a": [1.0, 2.0, 3.0], "b": [2.0, 4.0, 9.0], "c": [1.0, 2.0, 3.0]}, index=["u1", "u2", "u3"]
    )


def test_classes_names_and_parameters():
    names = {
        gm.weights.Entropy: "entropy",
        gm.weights.Critic: "critic",
        gm.weights.Std: "std",
        gm.weights.Cv: "cv",
        gm.weights.Pca: "pca",
        gm.weights.Ahp: "ahp",
        gm.weights.Combined: "combined",
    }
    for cls, name in names.items():
        assert cls.name == name
        assert gm.weights.registry[name] is cls
    assert gm.weights.Entropy().zeros == "zero_log_zero"
    assert gm.weights.Pca().mode == "squared"
    c = gm.weights.Combined(objective="critic", alpha=0.25, mode="multiplicative")
    assert c.to_dict() == {"method": "combined", "objective": "critic", "alpha": 0.25, "mode": "multiplicative"}
    a = gm.weights.Ahp(matrix=[[1, 3], [1 / 3, 1]], order=["b", "a"])
    assert a.matrix == [[1.0, 3.0], [1 / 3, 1.0]]
    assert a.order == ["b", "a"] and a.max_cr == 0.1
    assert pickle.loads(pickle.dumps(a)) == a
    assert hash(a) == hash(gm.weights.Ahp(matrix=[[1, 3], [1 / 3, 1]], order=["b", "a"]))


def test_invalid_parameters_raise_spec_error():
    with pytest.raises(gm.SpecError, match="unknown mode 'abs'"):
        gm.weights.Pca(mode="abs")
    with pytest.raises(gm.SpecError, match="alpha is 2"):
        gm.weights.Combined(alpha=2)
    with pytest.raises(gm.SpecError, match="no pairwise comparison matrix"):
        gm.weights.Ahp()
    with pytest.raises(gm.SpecError, match="not reciprocal"):
        gm.weights.Ahp(matrix=[[1, 3], [3, 1]])
    with pytest.raises(gm.SpecError, match=r"consistency ratio 0.431 > max_cr 0.1"):
        # cyclic [[1, 2, 1/2], [1/2, 1, 2], [2, 1/2, 1]]: lambda = 3.5, CI 0.25, CR 0.25 / 0.58
        gm.weights.Ahp(matrix=[[1, 2, 0.5], [0.5, 1, 2], [2, 0.5, 1]])


def test_std_weights_at_one_node(frame):
    # a = 1, 2, 3: sd 1; b = 2, 4, 9: sd sqrt(13)
    res = gm.compute(_method(weights_overrides={"d": gm.weights.Std()}), frame)
    w = res.weights
    sb = math.sqrt(13)
    assert w.loc["a", "weight"] == pytest.approx(1 / (1 + sb), rel=1e-14)
    assert w.loc["b", "weight"] == pytest.approx(sb / (1 + sb), rel=1e-14)
    assert w.loc["a", "method"] == "std" and w.loc["d", "method"] == "explicit"
    assert w.loc["idx", "method"] == ""
    assert res.scores.loc["u1", "d"] == pytest.approx((1 + 2 * sb) / (1 + sb), rel=1e-14)
    # the methodology's planned weights are the explicit prior (1/4, 3/4)
    assert _method(weights_overrides={"d": gm.weights.Std()}).node_weights()["a"] == 0.25


def test_ahp_from_a_node_dict_and_weight_details(frame):
    m = gm.Methodology(
        nodes=[
            {"code": "idx"},
            {"code": "d", "parent": "idx", "weights": {"method": "ahp", "matrix": [[1, 3], [1 / 3, 1]], "order": ["b", "a"]}},
            {"code": "e", "parent": "idx"},
            {"code": "a", "parent": "d", "column": "a"},
            {"code": "b", "parent": "d", "column": "b"},
            {"code": "c", "parent": "e", "column": "c"},
        ],
        normalize="none",
        weights=gm.weights.Equal(),
    )
    assert m.weights_overrides["d"] == gm.weights.Ahp(matrix=[[1, 3], [1 / 3, 1]], order=["b", "a"])
    res = gm.compute(m, frame)
    # b is 3 times as important as a: 3/4, 1/4
    assert res.weights.loc["b", "weight"] == pytest.approx(0.75, rel=1e-14)
    det = res.weight_details
    assert det.loc[("d", "a"), "method"] == "ahp"
    assert det.loc[("d", "a"), "consistency_ratio"] == 0.0
    assert det.loc[("d", "b"), "lambda_max"] == pytest.approx(2.0, rel=1e-14)
    assert det.loc[("idx", "d"), "method"] == "equal"
    assert np.isnan(det.loc[("idx", "d"), "consistency_ratio"])
    assert list(det.index.get_level_values("node").unique()) == ["idx", "d", "e"]
    # the JSON round trip keeps the node's scheme
    back = gm.Methodology.from_json_string(m.to_json())
    assert back.weights_overrides == m.weights_overrides
    assert back == m


def test_pca_details_and_combined(frame):
    # x = 1, 2, 3, 4; y = 1, 3, 2, 4 (corr 0.8); z = 1, -1, -1, 1 (corr 0 with both):
    # PC1 = (1, 1, 0)/sqrt(2), eigenvalue 1.8, variance explained 0.6, squared weights 1/2, 1/2, 0
    m = gm.Methodology(
        nodes=[gm.Node("i"), gm.Node("x", parent="i", column="x"), gm.Node("y", parent="i", column="y"),
               gm.Node("z", parent="i", column="z")],
        weights=gm.weights.Pca(),
    )
    df = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [1.0, 3, 2, 4], "z": [1.0, -1, -1, 1]})
    det = gm.compute(m, df).weight_details
    assert det["variance_explained"].tolist() == pytest.approx([0.6] * 3, rel=1e-13)
    assert det["loading"].tolist() == pytest.approx([1 / math.sqrt(2), 1 / math.sqrt(2), 0.0], abs=1e-13)
    assert det["weight"].tolist() == pytest.approx([0.5, 0.5, 0.0], abs=1e-13)
    # combined linear, alpha 0.5, objective std on a, b: o = (1, sqrt 13)/(1 + sqrt 13), s = (1/4, 3/4)
    res = gm.compute(_method(weights_overrides={"d": gm.weights.Combined(objective="std")}), frame)
    sb = math.sqrt(13)
    assert res.weights.loc["a", "weight"] == pytest.approx(0.5 * 0.25 + 0.5 / (1 + sb), rel=1e-14)
    assert res.weight_details.loc[("d", "a"), "objective"] == pytest.approx(1 / (1 + sb), rel=1e-14)


def test_data_errors_name_the_node(frame):
    neg = frame.assign(a=[1.0, -2.0, 3.0])
    with pytest.raises(gm.DataError, match=r"node 'd': child 'a' is -2 for unit 'u2'"):
        gm.compute(_method(weights_overrides={"d": gm.weights.Entropy()}), neg)
    with pytest.raises(gm.DataError, match=r"node 'd' has 1 unit with every child available"):
        gm.compute(_method(weights_overrides={"d": "std"}), frame.assign(a=[1.0, np.nan, np.nan]))
    with pytest.raises(gm.SpecError, match=r"node 'e' has 1 children but the matrix is 2 x 2"):
        _method(weights=gm.weights.Ahp(matrix=[[1, 3], [1 / 3, 1]]))


def test_missing_values_use_complete_units_and_are_diagnosed(frame):
    # u2 lacks a: std from u1, u3 (a = 1, 3: sd sqrt 2; b = 2, 9: sd 7/sqrt 2) -> 2/9, 7/9
    res = gm.compute(_method(weights_overrides={"d": gm.weights.Std()}), frame.assign(a=[1.0, np.nan, 3.0]))
    assert res.weights.loc["a", "weight"] == pytest.approx(2 / 9, rel=1e-14)
    assert res.weight_details.loc[("d", "a"), "units_used"] == 2
    diags = res.diagnostics
    msg = diags[diags["component"] == "weights"]["message"].tolist()
    assert msg == ["weights: node 'd': children weighted by 'std' on 2 of 3 units (those with every child available) ('a' 0.2222, 'b' 0.7778)"]
