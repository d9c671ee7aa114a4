"""Every C++ exception maps to its Python class, keeps its message, and is also the builtin a
Python user would catch."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm


def test_hierarchy():
    assert issubclass(gm.GovMetricsError, Exception)
    for cls, builtin in [(gm.SpecError, ValueError), (gm.DataError, ValueError),
                         (gm.UnknownCodeError, KeyError), (gm.ParseError, ValueError)]:
        assert issubclass(cls, gm.GovMetricsError)
        assert issubclass(cls, builtin)
        assert cls.__module__ == "govmetrics"
    assert not issubclass(gm.SpecError, gm.DataError)
    assert not issubclass(gm.UnknownCodeError, ValueError)


def test_spec_error_from_a_strategy_parameter():
    with pytest.raises(gm.SpecError) as info:
        gm.normalize.MinMax(lo=5, hi=1)
    assert isinstance(info.value, gm.GovMetricsError) and isinstance(info.value, ValueError)
    assert str(info.value).startswith("normalize::min_max: 'lo' must be less than 'hi' (lo 5")


def test_spec_error_for_an_unknown_parameter_names_the_known_ones():
    with pytest.raises(ValueError, match=r"^normalize::z_score: unknown parameter 'sigma' \(expected 'mean', 'sd'\)$"):
        gm.normalize.ZScore(sigma=2)


def test_spec_error_lists_every_problem_of_a_tree():
    with pytest.raises(gm.SpecError) as info:
        gm.Methodology(nodes=[gm.Node("a"), gm.Node("b", parent="zz", column="b"), gm.Node("a", parent="a")])
    msg = str(info.value)
    assert msg.startswith("framework: ")
    assert "duplicate code 'a'" in msg
    assert "node 'b' has unknown parent 'zz'" in msg


def test_spec_error_from_a_methodology_text_names_the_json_path():
    text = '{"govmetrics": 1, "nodes": [{"code": "r"}, {"code": "x", "parent": "r", "column": "x"}], "normalize": {"method": "minmax"}}'
    with pytest.raises(gm.SpecError) as info:
        gm.Methodology.from_json_string(text, source="m.json")
    msg = str(info.value)
    assert msg.startswith("methodology: 1 problem in m.json: $.normalize.method: unknown normalisation method 'minmax'")


def test_data_error_zero_range(tiny_method, tiny_frame):
    tiny_frame["broadband"] = 4.0
    with pytest.raises(gm.DataError) as info:
        gm.compute(tiny_method, tiny_frame)
    assert isinstance(info.value, ValueError)
    # the C++ message, intact (test_parity.py checks it equals the command's)
    assert str(info.value).startswith("normalize::min_max: indicator 'broadband' has zero range (3 units, all 4")


def test_data_error_non_positive_value_in_a_geometric_mean(tiny_method, tiny_frame):
    m = tiny_method.replace(aggregate=gm.aggregate.Geometric())
    with pytest.raises(gm.DataError, match=r"^aggregate::geometric: node 'index' needs positive values, but child 'broadband' is 0 for unit 'A'"):
        gm.compute(m, tiny_frame)


def test_unknown_code_error_keeps_its_message_unquoted(tiny_method, tiny_frame):
    res = gm.compute(tiny_method, tiny_frame)
    with pytest.raises(gm.UnknownCodeError) as info:
        res.score("nope")
    e = info.value
    assert isinstance(e, KeyError) and isinstance(e, gm.GovMetricsError)
    assert str(e) == "framework: unknown node 'nope'"  # a plain KeyError would add quotes
    assert e.args == ("framework: unknown node 'nope'",)
    try:
        res.rank("nope")
    except KeyError as k:  # catchable as the builtin
        assert "nope" in str(k)
    else:  # pragma: no cover
        pytest.fail("no KeyError")


def test_parse_error_carries_source_line_and_column():
    with pytest.raises(gm.ParseError) as info:
        gm.Methodology.from_json_string('{\n  "govmetrics": 1,\n  "nodes": [}', source="broken.json")
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, gm.GovMetricsError)
    assert str(e).startswith("methodology: invalid JSON (broken.json, line 3, column 13): syntax error")
    assert (e.source, e.line, e.column) == ("broken.json", 3, 13)


def test_parse_error_from_the_csv_reader(tmp_path, tiny_method):
    p = tmp_path / "bad.csv"
    p.write_text("unit,broadband,licence_days\nA,10,9\nB,2O,5\n", encoding="utf-8")
    with pytest.raises(gm.ParseError) as info:
        gm.compute(tiny_method, p)
    e = info.value
    assert str(e) == f"csv: '2O' is not a number ({p}, line 3, column 2 'broadband')"
    assert (e.source, e.line, e.column) == (str(p), 3, 2)


def test_base_class_catches_everything(tiny_method):
    caught = []
    for bad in [lambda: gm.normalize.ZScore(sd=0),
                lambda: gm.compute(tiny_method, pd.DataFrame({"broadband": [1.0], "licence_days": [1.0]}).iloc[:0]),
                lambda: gm.Methodology.from_json_string("[")]:
        try:
            bad()
        except gm.GovMetricsError as e:
            caught.append(type(e))
    assert caught == [gm.SpecError, gm.DataError, gm.ParseError]


def test_unreadable_file_is_a_data_error(tmp_path):
    with pytest.raises(gm.DataError, match=r"^methodology: cannot open '.*no_such\.json' \(No such file or directory\)$"):
        gm.Methodology.from_json(tmp_path / "no_such.json")


def test_errors_raised_in_python_are_the_same_classes(tiny_method):
    frame = pd.DataFrame({"broadband": ["high", "low"], "licence_days": [1.0, 2.0]})
    with pytest.raises(gm.DataError) as info:
        gm.compute(tiny_method, frame)
    assert isinstance(info.value, ValueError)
    with pytest.raises(gm.SpecError):
        gm.Methodology(nodes=[gm.Node("a")], normalize="no_such_method")
    with pytest.raises(gm.DataError, match="NaN"):
        gm.weights.entropy(np.array([[1.0, 2.0], [np.nan, 1.0]]))
