"""Data stages from Python: denominate (Node.denominator), impute (govmetrics.impute), screen
(govmetrics.missing.Screen), a DataFrame with a text group column, and COINr's example_full."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from conftest import SOURCE_DIR, shared_path

EXAMPLE_FULL = SOURCE_DIR / "tests" / "reference" / "methodologies" / "coinr_asem_example_full.json"
REL = 1e-9  # the COINr README's tolerance: |ours - ref| <= 1e-9 * max(1, |ref|)


def _stages_method(**kwargs):
    return gm.Methodology(
        nodes=[gm.Node("idx"), gm.Node("x", parent="idx", column="x", denominator="pop"),
               gm.Node("y", parent="idx", column="y")],
        impute=gm.impute.Mean(group="region"),
        screen=gm.missing.Screen(min_share=0.5),
        **kwargs,
    )


def _stages_frame():
    return pd.DataFrame({
        "unit": ["a", "b", "c", "d"],
        "region": ["north", "north", "south", "south"],
        "pop": [10.0, 20, 0, 40],
        "x": [1.0, np.nan, 3, 8],
        "y": [5.0, 6, np.nan, 8],
    }).set_index("unit")


def test_strategy_classes_and_names():
    assert gm.impute.Mean.name == "mean"
    assert gm.impute.Median.name == "median"
    assert gm.impute.None_.name == "none"
    assert gm.impute.Mean(group="g").group == "g"
    assert gm.impute.Mean("g") == gm.impute.Mean(group="g")
    assert gm.impute.Mean(group="g").to_dict() == {"method": "mean", "group": "g"}
    assert gm.missing.Screen(min_share=0.9).min_share == 0.9
    assert "Screen" not in gm.missing.registry  # an option of the pipeline, not a policy
    with pytest.raises(gm.SpecError, match=r"missing::screen: 'min_share' must be in \[0, 1\] \(got 1.5\)"):
        gm.missing.Screen(min_share=1.5)
    with pytest.raises(gm.SpecError, match="parameter 'group' must be a str"):
        gm.impute.Mean(group=3)


def test_hand_computed_stages_on_a_dataframe_with_a_text_group():
    # x / pop = 0.1, NaN, 3/0 -> NaN (warned), 0.2; group means: b <- 0.1 (north), c <- 0.2
    # (south); y: c <- 8 (south). min-max: x 0 0 100 100, y 0 33.33 100 100.
    res = gm.compute(_stages_method(), _stages_frame())
    assert res.denominated["x"].tolist()[0] == pytest.approx(0.1)
    assert math.isnan(res.denominated["x"]["c"])
    assert res.imputed["x"].tolist() == pytest.approx([0.1, 0.1, 0.2, 0.2])
    assert res.imputed["y"].tolist() == pytest.approx([5, 6, 8, 8])
    assert res.screened_units == []
    assert res.scores["idx"].tolist() == pytest.approx([0, 50 / 3, 100, 100])
    imp = res.imputation.set_index("indicator")
    assert imp.loc["x", "imputed"] == 2 and imp.loc["x", "units"] == ["b", "c"]
    assert imp.loc["y", "group"] == "region"
    assert any("equal to 0 for 1 unit ('c')" in m for m in res.diagnostics["message"])


def test_a_screened_out_unit_stays_with_nan():
    frame = pd.DataFrame({"a": [1.0, 2, 3, np.nan], "b": [10.0, 20, 40, np.nan], "c": [5.0, np.nan, 7, 9]},
                         index=["u1", "u2", "u3", "u4"])
    m = gm.Methodology(nodes=[gm.Node("idx"), *(gm.Node(c, parent="idx", column=c) for c in "abc")],
                       screen={"min_share": 0.5})
    res = gm.compute(m, frame)
    assert res.screened_units == ["u4"]
    assert math.isnan(res.scores.loc["u4", "idx"])
    assert res.scores["c"].tolist()[:3:2] == [0.0, 100.0]  # u4's 9 is not in the fit


def test_errors_name_the_column_and_the_unit():
    frame = _stages_frame()
    with pytest.raises(gm.DataError, match="lack the text column 'region'"):
        gm.compute(_stages_method(), frame.drop(columns="region"))
    frame.loc["b", "region"] = None
    with pytest.raises(gm.DataError, match="unit 'b' has no group in column 'region'"):
        gm.compute(_stages_method(), frame)
    with pytest.raises(gm.SpecError, match="'denominator' applies to indicators only"):
        gm.Methodology.from_json_string(
            '{"govmetrics": 1, "nodes": [{"code": "i", "denominator": "p"}, '
            '{"code": "x", "parent": "i", "column": "x"}]}')


def test_methodology_round_trips_the_stages():
    m = _stages_method(impute_overrides={"y": "median"})
    assert m.label_columns == ["region"]
    assert m.columns == ["x", "y", "pop"]
    again = gm.Methodology.from_json_string(m.to_json())
    assert again == m
    assert again.impute == gm.impute.Mean(group="region")
    assert again.impute_overrides == {"y": gm.impute.Median()}
    assert again.screen.min_share == 0.5
    assert again.nodes[1].denominator == "pop"
    assert pickle.loads(pickle.dumps(m)) == m
    assert m.replace(screen=gm.missing.Screen()).screen.min_share == 0.0
    assert gm.Methodology.from_frame(m.to_frame(), impute=m.impute).nodes[1].denominator == "pop"


def _reference(name):
    return pd.read_csv(shared_path(f"reference/coinr_asem/{name}"), index_col="uCode",
                       float_precision="round_trip")


def _close(ours, ref):
    ours = ours.loc[ref.index, ref.columns].to_numpy(dtype=float)
    ref = ref.to_numpy(dtype=float)
    both_nan = np.isnan(ours) & np.isnan(ref)
    ok = both_nan | (np.abs(ours - ref) <= REL * np.maximum(1.0, np.abs(ref)))
    return bool(ok.all()), float(np.nanmax(np.abs(ours - ref) / np.maximum(1.0, np.abs(ref))))


@pytest.mark.shared
def test_coinr_example_full_from_a_dataframe():
    data = shared_path("data/coinr_asem/ASEM_iData.csv")
    frame = pd.read_csv(data, keep_default_na=False, na_values=["", "NA"], float_precision="round_trip")
    assert frame["EurAsia_group"].dtype == object  # a text column, passed as labels
    res = gm.compute(gm.Methodology.from_json(EXAMPLE_FULL), frame)
    for stage, file in [(res.denominated, "example_full_dset_Denominated.csv"),
                        (res.imputed, "example_full_dset_Imputed.csv"),
                        (res.screened, "example_full_dset_Screened.csv"),
                        (res.scores, "example_full_dset_Normalised.csv"),
                        (res.scores, "example_full_scores.csv")]:
        ok, worst = _close(stage, _reference(file))
        assert ok, (file, worst)
    assert res.screened_units == []
    before = _reference("example_full_dset_Denominated.csv")
    after = _reference("example_full_dset_Imputed.csv")
    assert res.imputation["imputed"].sum() == int(before.isna().sum().sum() - after.isna().sum().sum())
    ranks = _reference("example_full_ranks.csv")
    assert (res.ranks.loc[ranks.index, "Index"] == ranks["Index"]).all()


@pytest.mark.shared
def test_coinr_example_full_from_the_metadata_table():
    """The same pipeline built from COINr's iMeta (its Denominator column) in Python."""
    meta = pd.read_csv(shared_path("data/coinr_asem/ASEM_iMeta.csv"))
    m = gm.Methodology.from_frame(
        meta, unit="uCode", impute=gm.impute.Mean(group="EurAsia_group"),
        screen=gm.missing.Screen(min_share=0.9), treat=gm.treat.Winsorise())
    assert sum(1 for n in m.nodes if n.denominator) == 17
    frame = pd.read_csv(shared_path("data/coinr_asem/ASEM_iData.csv"), keep_default_na=False,
                        na_values=["", "NA"], float_precision="round_trip")
    res = gm.compute(m, frame)
    ok, worst = _close(res.scores, _reference("example_full_scores.csv"))
    assert ok, worst
