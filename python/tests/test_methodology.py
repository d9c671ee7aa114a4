"""gm.Methodology: files, code, COINr-style metadata tables, immutability."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm

from conftest import CITY_METHOD


def test_from_json_reads_the_city_methodology(city_method):
    m = city_method
    assert m.name == "Urban digital governance index (illustrative)"
    assert m.unit == "city"
    assert m.root == "DGI"
    assert m.dimensions == ["infra", "admin", "public", "life"]
    assert len(m.indicators) == 18 and m.indicators[:2] == ["fbb", "bs5g"]
    assert m.columns[0] == "fixed_broadband_per_100"
    assert m.normalize == gm.normalize.MinMax(lo=0, hi=100)
    assert m.aggregate == gm.aggregate.Arithmetic()
    assert m.missing == gm.missing.Skip(min_share=0.5)
    assert m.weights == gm.weights.Explicit()
    assert m.ties == "min" and m.ranks == "all"
    lic = next(n for n in m.nodes if n.code == "lic")
    assert lic.direction == "negative" and lic.column == "business_licence_approval_days"
    assert next(n for n in m.nodes if n.code == "infra").labels == {"name_zh": "数字基础设施"}
    assert m.depth("DGI") == 0 and m.depth("infra") == 1 and m.depth("fbb") == 2
    assert m.parent("fbb") == "infra" and m.children("life") == ["mpay", "food", "retl", "park", "tqr"]
    assert m.level(1) == m.dimensions


def test_to_json_round_trips(city_method, tmp_path):
    out = tmp_path / "m.json"
    text = city_method.to_json(out)
    assert out.read_text(encoding="utf-8") == text
    again = gm.Methodology.from_json(out)
    assert again == city_method
    assert again.to_json() == text
    doc = json.loads(text)
    assert doc["govmetrics"] == 1 and doc["normalize"] == {"method": "min_max", "lo": 0.0, "hi": 100.0}
    assert doc["nodes"][1]["name_zh"] == "数字基础设施"


def test_construction_in_code_equals_the_file_form():
    m = gm.Methodology(
        nodes=[gm.Node("index"),
               gm.Node("a", parent="index", column="col_a", weight=2),
               gm.Node("b", parent="index", column="col_b", direction=-1)],
        normalize=gm.normalize.MinMax(lo=0, hi=100),
        aggregate=gm.aggregate.Arithmetic(),
        missing=gm.missing.Skip(min_share=0.5),
        weights=gm.weights.Explicit(),
        ties="dense",
        unit="id",
        name="demo",
    )
    text = (
        '{"govmetrics": 1, "name": "demo", "unit": "id", "nodes": ['
        '{"code": "index"},'
        '{"code": "a", "parent": "index", "weight": 2, "direction": "positive", "column": "col_a"},'
        '{"code": "b", "parent": "index", "weight": 1, "direction": "negative", "column": "col_b"}],'
        '"normalize": {"method": "min_max", "lo": 0, "hi": 100}, "aggregate": {"method": "arithmetic"},'
        '"missing": {"method": "skip", "min_share": 0.5}, "rank": {"ties": "dense"}}'
    )
    assert m == gm.Methodology.from_json_string(text)


def test_strategies_by_name_and_dict_and_nodes_as_dicts():
    m = gm.Methodology(
        nodes=[{"code": "r"},
               {"code": "x", "parent": "r", "column": "x", "name_zh": "甲",
                "normalize": {"method": "goalposts", "lo": 0, "hi": 10}},
               {"code": "y", "parent": "r", "column": "y", "direction": "negative"}],
        normalize="z_score",
        aggregate={"method": "geometric"},
        missing="propagate",
    )
    assert m.normalize == gm.normalize.ZScore()
    assert m.aggregate == gm.aggregate.Geometric()
    assert m.missing == gm.missing.Propagate()
    assert m.normalize_overrides == {"x": gm.normalize.Goalposts(lo=0, hi=10)}
    assert m.nodes[1].labels == {"name_zh": "甲"}
    with pytest.raises(gm.SpecError, match="unknown key 'colour'"):
        gm.Methodology(nodes=[{"code": "r"}, {"code": "x", "parent": "r", "column": "x", "colour": 1}])


def test_overrides_are_validated_against_the_tree():
    nodes = [gm.Node("r"), gm.Node("x", parent="r", column="x")]
    with pytest.raises(gm.SpecError, match="which is not an indicator"):
        gm.Methodology(nodes=nodes, normalize_overrides={"r": gm.normalize.Rank()})
    with pytest.raises(gm.UnknownCodeError, match="unknown node 'zz'"):
        gm.Methodology(nodes=nodes, aggregate_overrides={"zz": gm.aggregate.Harmonic()})


def test_invalid_ties_and_ranks():
    nodes = [gm.Node("r"), gm.Node("x", parent="r", column="x")]
    with pytest.raises(gm.SpecError, match=r"rank: unknown ties policy 'best' \(expected 'min', 'dense' or 'average'\)"):
        gm.Methodology(nodes=nodes, ties="best")
    with pytest.raises(gm.SpecError, match="unknown rank scope 'some'"):
        gm.Methodology(nodes=nodes, ranks="some")


def test_direction_values():
    for d, expected in [(1, "positive"), (-1, "negative"), ("+1", "positive"), (-1.0, "negative"),
                        ("negative", "negative"), (np.int64(-1), "negative")]:
        assert gm.Node("x", column="x", direction=d).direction == expected
    with pytest.raises(gm.SpecError, match="unknown direction 2"):
        gm.Node("x", column="x", direction=2)
    with pytest.raises(gm.SpecError, match="unknown direction 'up'"):
        gm.Node("x", column="x", direction="up")


def test_immutable_replace_and_with_weights(city_method):
    nodes = city_method.nodes
    nodes[1].weight = 99.0  # a copy: the methodology is unchanged
    assert city_method.nodes[1].weight == 1.0
    eq = city_method.replace(weights=gm.weights.Equal(), name="equal")
    assert eq.weights == gm.weights.Equal() and eq.name == "equal"
    assert city_method.weights == gm.weights.Explicit()
    heavy = city_method.with_weights({"infra": 2.0})
    w = heavy.node_weights()
    assert w["infra"] == 2.0 / 5.0 and w["admin"] == 1.0 / 5.0
    assert city_method.node_weights()["infra"] == 0.25
    with pytest.raises(gm.UnknownCodeError):
        city_method.with_weights({"nope": 1.0})
    with pytest.raises(gm.SpecError, match="unknown argument"):
        city_method.replace(colour="red")


def test_from_frame_coinr_style():
    meta = pd.DataFrame({
        "iCode": ["Index", "Conn", "Sust", "LPI", "Flights", "CO2"],
        "iName": ["Index", "Connectivity", "Sustainability", "Logistics", "Flights", "CO2 emissions"],
        "Parent": [np.nan, "Index", "Index", "Conn", "Conn", "Sust"],
        "Direction": [np.nan, np.nan, np.nan, 1, 1, -1],
        "Weight": [np.nan, 1, 0.5, 1, 1, 1],
        "Type": ["Aggregate", "Aggregate", "Aggregate", "Indicator", "Indicator", "Indicator"],
        "Level": [3, 2, 2, 1, 1, 1],
    })
    m = gm.Methodology.from_frame(meta, normalize="min_max")
    assert m.codes == ("Index", "Conn", "Sust", "LPI", "Flights", "CO2")
    assert m.indicators == ["LPI", "Flights", "CO2"]
    assert m.columns == ["LPI", "Flights", "CO2"]
    co2 = m.nodes[5]
    assert (co2.direction, co2.parent, co2.name) == ("negative", "Sust", "CO2 emissions")
    assert m.node_weights()["Sust"] == 0.5 / 1.5


def test_from_frame_plain_columns_and_round_trip(city_method):
    table = city_method.to_frame()
    assert list(table.columns[:6]) == ["code", "name", "parent", "direction", "weight", "column"]
    assert table.loc[0, "parent"] is None and table.loc[0, "direction"] is None
    again = gm.Methodology.from_frame(table, normalize=city_method.normalize,
                                      missing=city_method.missing, unit="city",
                                      name=city_method.name, description=city_method.description)
    # the table holds the tree; the file's uncertainty section comes separately
    assert again != city_method
    assert again.replace(uncertainty=city_method.uncertainty) == city_method
    assert city_method.replace(name="other").uncertainty == city_method.uncertainty


def test_from_frame_direction_words_and_leaves():
    meta = pd.DataFrame({"code": ["i", "a", "b"], "parent": ["", "i", "i"],
                         "direction": [None, "positive", "negative"]})
    m = gm.Methodology.from_frame(meta)
    assert m.indicators == ["a", "b"]  # leaves read the column of their code
    assert [n.direction for n in m.nodes[1:]] == ["positive", "negative"]
    with pytest.raises(gm.SpecError, match="unknown column 'colour'"):
        gm.Methodology.from_frame(meta.assign(colour=1))
    with pytest.raises(gm.SpecError, match="no 'code' column"):
        gm.Methodology.from_frame(meta.drop(columns="code"))


def test_pickle_and_repr(city_method):
    again = pickle.loads(pickle.dumps(city_method))
    assert again == city_method
    r = repr(city_method)
    assert r.startswith("<govmetrics.Methodology 'Urban digital governance index (illustrative)': 23 nodes, 18 indicators;")
    html = city_method._repr_html_()
    assert "<table" in html and "数字基础设施" in html


def test_methodology_path_accepted_by_compute(tiny_frame):
    res = gm.compute(CITY_METHOD, pd.read_csv(CITY_METHOD.parent / "cities.csv", comment="#"))
    assert res.methodology.root == "DGI"
