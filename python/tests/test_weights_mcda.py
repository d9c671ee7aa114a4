"""gm.weights (objective weights) and gm.mcda on plain matrices: hand-worked values, labels, NaN,
and the reference cases of ../shared/reference/mcda (textbook conventions, 1e-9)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm

from conftest import shared_path


def test_std_dev_and_cv_hand_worked():
    m = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 4.0, 6.0]}, index=["x", "y", "z"])
    w = gm.weights.std_dev(m)  # sd (n - 1): 1 and 2
    assert isinstance(w, pd.Series) and list(w.index) == ["a", "b"] and w.name == "std_dev"
    assert w.tolist() == pytest.approx([1 / 3, 2 / 3], rel=1e-15)
    # cv: 1/2 and 2/4
    assert gm.weights.cv(m).tolist() == pytest.approx([0.5, 0.5], rel=1e-15)
    assert isinstance(gm.weights.std_dev(m.to_numpy()), np.ndarray)


def test_entropy_hand_worked():
    # a = 1, 1: e = 1, 1 - e = 0; b = 1, 3: p = 1/4, 3/4, e = -(p ln p summed) / ln 2;
    # c = 0, 2: p = 0, 1 (0 ln 0 = 0), e = 0, 1 - e = 1
    m = np.array([[1.0, 1.0, 0.0], [1.0, 3.0, 2.0]])
    e_b = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75)) / math.log(2)
    d = [0.0, 1 - e_b, 1.0]
    expected = [v / sum(d) for v in d]
    assert gm.weights.entropy(m).tolist() == pytest.approx(expected, rel=1e-12, abs=1e-15)
    # the other zero policy: a column with a zero gets e = 0 (it already does here)
    assert gm.weights.entropy(m, zeros="column_entropy_zero").tolist() == pytest.approx(expected, rel=1e-12, abs=1e-15)
    with pytest.raises(gm.SpecError, match="unknown zeros policy 'skip'"):
        gm.weights.entropy(m, zeros="skip")
    with pytest.raises(gm.DataError, match="negative value"):
        gm.weights.entropy(-m)


def test_critic_directions_and_labels():
    m = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 1.0, 3.0, 2.0], "c": [1.0, 3.0, 2.0, 5.0]})
    w = gm.weights.critic(m, ["positive", -1, 1])
    assert list(w.index) == ["a", "b", "c"] and w.sum() == pytest.approx(1.0, rel=1e-15)
    same = gm.weights.critic(m, {"a": 1, "b": "negative", "c": "positive"})
    assert same.equals(w)
    with pytest.raises(gm.SpecError, match="2 directions given for 3 columns"):
        gm.weights.critic(m, [1, 1])


def test_nan_and_text_are_data_errors():
    m = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [1.0, 2.0, 3.0]})
    for f in (gm.weights.entropy, gm.weights.std_dev, gm.weights.cv):
        with pytest.raises(gm.DataError, match=r"missing value \(NaN\) at alternative 1, criterion 0"):
            f(m)
    with pytest.raises(gm.DataError, match="NaN"):
        gm.mcda.topsis(m, [1, 1], [1, 1])
    with pytest.raises(gm.DataError, match="column 'b' holds text"):
        gm.weights.std_dev(m.assign(b=["x", "y", "z"]))


def test_topsis_hand_worked():
    # cost (negative) 250, 200, 300; quality 16, 16, 32; w = 1/2, 1/2, vector normalisation:
    # v_cost = 0.5 x / sqrt(192500), v_quality = 0.5 x / sqrt(1536)
    m = pd.DataFrame({"cost": [250.0, 200.0, 300.0], "quality": [16.0, 16.0, 32.0]}, index=["A", "B", "C"])
    out = gm.mcda.topsis(m, {"cost": 0.5, "quality": 0.5}, {"cost": "negative", "quality": "positive"})
    assert list(out.columns) == ["d_plus", "d_minus", "score", "rank"]
    assert list(out.index) == ["A", "B", "C"]
    vc = [0.5 * x / math.sqrt(192500) for x in (250, 200, 300)]
    vq = [0.5 * x / math.sqrt(1536) for x in (16, 16, 32)]
    best_c, worst_c, best_q, worst_q = min(vc), max(vc), max(vq), min(vq)
    for i, u in enumerate("ABC"):
        dp = math.hypot(vc[i] - best_c, vq[i] - best_q)
        dm = math.hypot(vc[i] - worst_c, vq[i] - worst_q)
        assert out.loc[u, "d_plus"] == pytest.approx(dp, rel=1e-12)
        assert out.loc[u, "score"] == pytest.approx(dm / (dp + dm), rel=1e-12)
    assert out["rank"].tolist() == [3.0, 2.0, 1.0]
    mm = gm.mcda.topsis(m.to_numpy(), [1, 1], [-1, 1], normalization="min_max")
    assert list(mm.index) == [0, 1, 2]
    with pytest.raises(gm.SpecError, match="unknown normalization 'l2'"):
        gm.mcda.topsis(m, [1, 1], [-1, 1], normalization="l2")


def test_vikor_hand_worked():
    # x = (1, 3), (2, 2), (3, 1), both positive, w = 1/2 each: f* = 3, f- = 1;
    # d_ij = w (f* - x) / 2: A1 (0.5, 0), A2 (0.25, 0.25), A3 (0, 0.5)
    # S = 0.5 for all (so that part of Q is 0); R = 0.5, 0.25, 0.5; Q = 0.5 (R - 0.25) / 0.25
    m = pd.DataFrame({"c1": [1.0, 2.0, 3.0], "c2": [3.0, 2.0, 1.0]}, index=["A1", "A2", "A3"])
    out = gm.mcda.vikor(m, [0.5, 0.5], "positive")
    assert list(out.columns) == ["S", "R", "Q", "rank", "compromise"]
    assert list(out.index) == ["A1", "A2", "A3"]
    assert out["S"].tolist() == [0.5, 0.5, 0.5]
    assert out["R"].tolist() == [0.5, 0.25, 0.5]
    assert out["Q"].tolist() == [0.5, 0.0, 0.5]
    assert out["rank"].tolist() == [2.0, 1.0, 2.0]
    # DQ = 1 / (3 - 1); C1: 0.5 - 0 >= DQ; C2: A2 is also best by S (all tied): {A2}
    assert out.attrs["dq"] == 0.5
    assert out.attrs["acceptable_advantage"] and out.attrs["acceptable_stability"]
    assert out["compromise"].tolist() == [False, True, False]
    assert gm.mcda.vikor(m, [0.5, 0.5], v=1.0)["Q"].tolist() == [0.0, 0.0, 0.0]
    with pytest.raises(gm.SpecError):
        gm.mcda.vikor(m, [0.5, 0.5], v=1.5)


def test_saw_wpm_grey_relational_hand_worked():
    m = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 30.0, 20.0]}, index=["x", "y", "z"])
    # min-max: a 0, 0.5, 1; b 0, 1, 0.5 -> SAW with w = 1/2: 0, 0.75, 0.75
    saw = gm.mcda.saw(m, [0.5, 0.5])
    assert list(saw.columns) == ["score", "rank"]
    assert saw["score"].tolist() == [0.0, 0.75, 0.75] and saw["rank"].tolist() == [3.0, 1.0, 1.0]
    # b negative: 1, 0, 0.5 -> 0.5, 0.25, 0.75
    assert gm.mcda.saw(m, [0.5, 0.5], [1, -1])["score"].tolist() == [0.5, 0.25, 0.75]
    # grey relational, rho 1/2: delta = 1 - r; xi = 0.5 / (delta + 0.5): 1/3, 1/2 or 1
    gra = gm.mcda.grey_relational(m, [1, 1])
    assert list(gra.columns) == ["grade", "rank"]
    assert gra["grade"].tolist() == pytest.approx([1 / 3, 0.75, 0.75], rel=1e-15)
    assert gra["rank"].tolist() == [3.0, 1.0, 1.0]
    # WPM: (2, 4) and (4, 2), w 1/2, the second criterion negative: sqrt(2/4), sqrt(4/2)
    p = gm.mcda.wpm(np.array([[2.0, 4.0], [4.0, 2.0]]), [0.5, 0.5], [1, -1])
    assert list(p.columns) == ["score", "log10_score", "rank"]
    assert p["score"].tolist() == pytest.approx([math.sqrt(0.5), math.sqrt(2.0)], rel=1e-14)
    assert p["log10_score"].tolist() == pytest.approx([-math.log10(2) / 2, math.log10(2) / 2], rel=1e-14)
    assert p["rank"].tolist() == [2.0, 1.0]
    with pytest.raises(gm.DataError):
        gm.mcda.wpm(np.array([[0.0, 4.0], [4.0, 2.0]]), [0.5, 0.5], [1, -1])
    z = gm.mcda.wpm(np.array([[0.0, 4.0], [4.0, 2.0]]), [0.5, 0.5], [1, -1], zeros="zero_score")
    assert z["score"].tolist()[0] == 0.0 and z["rank"].tolist() == [2.0, 1.0]


CASES = ["lit_tus2019_5x6", "lit_elsayed2017_12x5", "lit_opricovic2004_3x2", "skc_stock6x3", "egdi2022_193x3"]


def _case(name):
    matrix = pd.read_csv(shared_path(f"data/mcda_python_examples/{name}_matrix.csv"), index_col=0)
    criteria = pd.read_csv(shared_path(f"data/mcda_python_examples/{name}_criteria.csv"), index_col=0)
    return matrix.astype(float), criteria


@pytest.mark.shared
@pytest.mark.parametrize("name", CASES)
def test_reference_weights(name):
    matrix, criteria = _case(name)
    ref = pd.read_csv(shared_path(f"reference/mcda/{name}_weights.csv"), index_col=0)
    got = {
        "entropy.weights": gm.weights.entropy(matrix),
        "entropy_anyzero_e0.weights": gm.weights.entropy(matrix, zeros="column_entropy_zero"),
        "critic.weights": gm.weights.critic(matrix, criteria["type"]),
        "std.weights": gm.weights.std_dev(matrix),
        "cv.weights": gm.weights.cv(matrix),
    }
    for column, series in got.items():
        if column in ref.columns:
            assert list(series.index) == list(ref.index)
            np.testing.assert_allclose(series.to_numpy(), ref[column].to_numpy(), rtol=0, atol=1e-9, err_msg=column)


@pytest.mark.shared
@pytest.mark.parametrize("name", CASES)
def test_reference_topsis(name):
    matrix, criteria = _case(name)
    ref = pd.read_csv(shared_path(f"reference/mcda/{name}_alternatives.csv"), index_col=0)
    out = gm.mcda.topsis(matrix, criteria["weight"], criteria["type"])
    assert list(out.index) == list(ref.index)
    for col in ("d_plus", "d_minus", "score"):
        np.testing.assert_allclose(out[col].to_numpy(), ref[f"topsis_vector.{col}"].to_numpy(), rtol=0, atol=1e-9)
    assert out["rank"].tolist() == ref["topsis_vector.rank"].astype(float).tolist()


@pytest.mark.shared
@pytest.mark.parametrize("name", CASES)
def test_reference_vikor_saw_wpm_grey_relational(name):
    matrix, criteria = _case(name)
    ref = pd.read_csv(shared_path(f"reference/mcda/{name}_alternatives.csv"), index_col=0)
    w, d = criteria["weight"], criteria["type"]
    got = {
        "vikor": gm.mcda.vikor(matrix, w, d),
        "saw_minmax": gm.mcda.saw(matrix, w, d),
        "wpm": gm.mcda.wpm(matrix, w, d, zeros="zero_score"),
        "gra": gm.mcda.grey_relational(matrix, w, d).rename(columns={"grade": "score"}),
    }
    compared = 0
    for method, out in got.items():
        assert list(out.index) == list(ref.index)
        for col in out.columns:
            key = f"{method}.{col}"
            if key not in ref.columns:
                continue
            compared += 1
            if col == "rank":
                assert out[col].tolist() == ref[key].astype(float).tolist(), key
            else:
                np.testing.assert_allclose(out[col].to_numpy(), ref[key].to_numpy(), rtol=1e-9, atol=1e-9, err_msg=key)
    assert compared >= 10
