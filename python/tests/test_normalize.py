"""gm.normalize functions over arrays, Series and DataFrames: hand-worked values, labels kept,
NaN kept, directions, errors; and the same numbers as the pipeline."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm

nan = np.nan


def test_min_max_array():
    out = gm.normalize.min_max(np.array([10.0, 20.0, 30.0]))
    assert isinstance(out, np.ndarray) and out.shape == (3,)
    assert out.tolist() == [0.0, 50.0, 100.0]
    assert gm.normalize.min_max([10, 20, 30], lo=1, hi=5).tolist() == [1.0, 3.0, 5.0]


def test_min_max_frame_keeps_labels_and_nan():
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0, nan], "b": [10.0, 40.0, 20.0, 30.0]},
                      index=pd.Index(["w", "x", "y", "z"], name="unit"))
    out = gm.normalize.min_max(df)
    assert isinstance(out, pd.DataFrame)
    assert out.index.equals(df.index) and out.index.name == "unit" and out.columns.equals(df.columns)
    assert out["a"].tolist()[:3] == [0.0, 50.0, 100.0] and np.isnan(out.loc["z", "a"])
    assert out["b"].tolist() == pytest.approx([0.0, 100.0, 100 / 3, 200 / 3], rel=1e-15)
    # per-column directions by label: b negative -> -b = -10, -40, -20, -30 (min -40, max -10)
    rev = gm.normalize.min_max(df, direction={"a": "positive", "b": -1})
    assert rev["b"].tolist() == pytest.approx([100.0, 0.0, 200 / 3, 100 / 3], rel=1e-15)
    assert rev["a"].equals(out["a"])
    assert df.loc["z", "b"] == 30.0  # the input is untouched


def test_series_in_series_out():
    s = pd.Series([3.0, 1.0, 2.0, 2.0], index=[10, 20, 30, 40], name="score")
    out = gm.normalize.rank(s)
    assert isinstance(out, pd.Series) and out.name == "score" and list(out.index) == [10, 20, 30, 40]
    # ascending, ties "min": 1 -> 1, 2 -> 2, 2 -> 2, 3 -> 4
    assert out.tolist() == [4.0, 1.0, 2.0, 2.0]


def test_z_score():
    assert gm.normalize.z_score([1.0, 2.0, 3.0]).tolist() == [-1.0, 0.0, 1.0]  # mean 2, sd 1
    assert gm.normalize.z_score([1.0, 2.0, 3.0], mean=100, sd=10).tolist() == [90.0, 100.0, 110.0]
    with pytest.raises(gm.DataError, match="zero standard deviation"):
        gm.normalize.z_score([2.0, 2.0, 2.0])


def test_rank_and_percentile_rank_keep_nan():
    out = gm.normalize.rank(np.array([3.0, nan, 1.0]))
    assert out[0] == 2.0 and np.isnan(out[1]) and out[2] == 1.0
    # (rank - 1) / (n - 1): ranks 4, 1, 2, 2 -> 1, 0, 1/3, 1/3
    assert gm.normalize.percentile_rank([3.0, 1.0, 2.0, 2.0]).tolist() == pytest.approx([1.0, 0.0, 1 / 3, 1 / 3], rel=1e-15)
    assert gm.normalize.rank([1.0, 2.0, 3.0], direction="negative").tolist() == [3.0, 2.0, 1.0]


def test_goalposts():
    x = [0.0, 5.0, 10.0, 15.0]
    assert gm.normalize.goalposts(x, lo=0, hi=10).tolist() == [0.0, 0.5, 1.0, 1.0]
    assert gm.normalize.goalposts(x, lo=0, hi=10, clip=False).tolist() == [0.0, 0.5, 1.0, 1.5]
    assert gm.normalize.goalposts(x, lo=0, hi=10, scale=100).tolist() == [0.0, 50.0, 100.0, 100.0]
    # negative: (x - hi) / (lo - hi) -> 1, 0.5, 0, -0.5 clipped to 0
    assert gm.normalize.goalposts(x, lo=0, hi=10, direction="negative").tolist() == [1.0, 0.5, 0.0, 0.0]


def test_two_dimensional_array_and_generic_apply():
    x = np.array([[1.0, 10.0], [2.0, 30.0], [3.0, 20.0]])
    out = gm.normalize.apply(x, "min_max")
    assert out.shape == (3, 2) and out[:, 1].tolist() == [0.0, 100.0, 50.0]
    out = gm.normalize.apply(x, {"method": "min_max", "lo": 0, "hi": 1}, direction=[1, -1])
    assert out[:, 1].tolist() == [1.0, 0.0, 0.5]
    assert gm.normalize.apply(x, gm.normalize.None_(), direction=-1)[:, 0].tolist() == [-1.0, -2.0, -3.0]


def test_errors():
    with pytest.raises(gm.DataError, match=r"^normalize::min_max: indicator 'b' has zero range"):
        gm.normalize.min_max(pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 3.0]}))
    with pytest.raises(gm.DataError, match=r"^normalize::min_max: column 'b' holds text \(dtype object, e\.g\. 'x'\)"):
        gm.normalize.min_max(pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]}))
    with pytest.raises(gm.DataError, match="empty"):
        gm.normalize.min_max(pd.DataFrame({"a": []}, dtype=float))
    with pytest.raises(gm.SpecError, match="3 directions given for 2 columns"):
        gm.normalize.min_max(np.ones((2, 2)) * [[1, 2]], direction=[1, 1, 1])
    with pytest.raises(gm.SpecError, match="unknown direction 'up'"):
        gm.normalize.min_max([1.0, 2.0], direction="up")
    with pytest.raises(gm.SpecError, match="'lo' must be less than 'hi'"):
        gm.normalize.min_max([1.0, 2.0], lo=1, hi=0)


def test_single_float_block_is_not_copied_on_the_way_in():
    from govmetrics._data import as_matrix

    rng = np.random.default_rng(1)
    df = pd.DataFrame({c: rng.random(5) for c in "abc"})  # one block, contiguous columns
    mat = as_matrix(df, "t")
    assert np.shares_memory(mat.values, df["a"].to_numpy())
    assert mat.values.flags.f_contiguous
    # a frame made from a C-ordered 2-D array has strided columns: converted once
    strided = pd.DataFrame(rng.random((5, 3)))
    assert not np.shares_memory(as_matrix(strided, "t").values, strided[0].to_numpy())


def test_same_numbers_as_the_pipeline(city_method, city_frame):
    res = gm.compute(city_method, city_frame)
    directions = {n.column: n.direction for n in city_method.nodes if n.is_indicator}
    raw = city_frame[city_method.columns]
    out = gm.normalize.min_max(raw, lo=0, hi=100, direction=directions)
    for n in city_method.nodes:
        if n.is_indicator:
            assert np.array_equal(out[n.column].to_numpy(), res.scores[n.code].to_numpy(), equal_nan=True)


def test_categorical_array_parameters():
    # bands x < 5 -> 0, 5 <= x < 8 -> 50, x >= 8 -> 100 (hand-worked)
    c = gm.normalize.Categorical(thresholds=[5, 8], scores=(0, 50, 100))
    assert c.thresholds == [5.0, 8.0] and c.scores == [0.0, 50.0, 100.0] and not c.right_closed
    assert c.to_dict() == {"method": "categorical", "thresholds": [5.0, 8.0],
                           "scores": [0.0, 50.0, 100.0], "right_closed": False}
    out = gm.normalize.apply(np.array([2.0, nan, 5.0, 11.0, 8.0]), c)
    assert out[[0, 2, 3, 4]].tolist() == [0.0, 50.0, 100.0, 100.0] and np.isnan(out[1])
    right = gm.normalize.apply(np.array([5.0, 8.0]), gm.normalize.Categorical([5, 8], [0, 50, 100], True))
    assert right.tolist() == [0.0, 50.0]
    # equal, hashable, picklable, numpy arrays accepted as sequences
    import pickle
    same = gm.normalize.Categorical(thresholds=np.array([5.0, 8.0]), scores=[0.0, 50.0, 100.0])
    assert same == c and hash(same) == hash(c) and pickle.loads(pickle.dumps(c)) == c
    with pytest.raises(gm.SpecError, match=r"parameter 'thresholds\[1\]' must be a number"):
        gm.normalize.Categorical(thresholds=[1, "x"], scores=[0, 1, 2])
    with pytest.raises(gm.SpecError, match=r"parameter 'scores' must be a sequence"):
        gm.normalize.Categorical(thresholds=[1], scores="01")
    with pytest.raises(gm.SpecError, match=r"'scores' needs 3 values \(got 2\)"):
        gm.normalize.Categorical(thresholds=[1, 2], scores=[0, 1])


def test_distance_to_reference_uses_row_labels():
    # reference u3 = 5, min 2: (x - 2) / 3 (hand-worked)
    df = pd.DataFrame({"a": [2.0, nan, 5.0, 11.0, 8.0]}, index=["u1", "u2", "u3", "u4", "u5"])
    out = gm.normalize.apply(df, gm.normalize.DistanceToReference(unit="u3"))
    assert out.loc[["u1", "u3", "u4", "u5"], "a"].tolist() == [0.0, 1.0, 3.0, 2.0]
    capped = gm.normalize.apply(df, gm.normalize.DistanceToReference("u3", True))
    assert capped.loc[["u1", "u3", "u4", "u5"], "a"].tolist() == [0.0, 1.0, 1.0, 1.0]
    with pytest.raises(gm.SpecError, match="the unit ids are needed"):
        gm.normalize.apply(df["a"].to_numpy(), gm.normalize.DistanceToReference(unit="u3"))
    with pytest.raises(gm.UnknownCodeError, match="reference unit 'XX' is not in the data"):
        gm.normalize.apply(df, gm.normalize.DistanceToReference(unit="XX"))
    with pytest.raises(gm.SpecError, match="parameter 'unit' must be a str"):
        gm.normalize.DistanceToReference(unit=3)
