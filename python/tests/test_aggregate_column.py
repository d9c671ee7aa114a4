"""Column-wide aggregators from Python: classes and stubs, parameters, Result.outputs/facts, the
mcda reference cases through compute (1e-9), hand-computed Copeland/Borda/MPI and benefit of the
doubt (CLP registered by the package)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from conftest import shared_path

COLUMN_WIDE = ["Topsis", "Vikor", "GreyRelational", "Copeland", "Borda", "MazziottaPareto", "BenefitOfDoubt"]


def one_level(aggregate, codes=("a", "b"), weights=None, directions=None):
    weights = weights or [1.0] * len(codes)
    directions = directions or ["positive"] * len(codes)
    nodes = [gm.Node("index")]
    for c, w, d in zip(codes, weights, directions):
        nodes.append(gm.Node(c, parent="index", column=c, weight=w, direction=d))
    return gm.Methodology(nodes=nodes, normalize=gm.normalize.None_(), aggregate=aggregate)


@pytest.mark.parametrize("name", COLUMN_WIDE)
def test_classes_exist_with_their_cpp_names(name):
    cls = getattr(gm.aggregate, name)
    assert cls.name in gm.aggregate.registry
    assert gm.aggregate.registry[cls.name] is cls


def test_text_parameters_and_validation():
    m = gm.aggregate.MazziottaPareto(variant="ampi", penalty="positive", goalposts="fixed", lo=0, hi=10)
    assert m.to_dict() == {"method": "mazziotta_pareto", "variant": "ampi", "penalty": "positive",
                           "goalposts": "fixed", "lo": 0.0, "hi": 10.0}
    assert gm.aggregate.Topsis().normalization == "vector"
    assert gm.aggregate.Topsis("min_max") == gm.aggregate.Topsis(normalization="min_max")
    with pytest.raises(gm.SpecError, match=r"parameter 'normalization' must be 'vector' or 'min_max' \(got 'sum'\)"):
        gm.aggregate.Topsis(normalization="sum")
    with pytest.raises(gm.SpecError, match="parameter 'variant' must be 'mpi' or 'ampi'"):
        gm.aggregate.MazziottaPareto(variant="x")
    with pytest.raises(gm.SpecError, match="must be a str"):
        gm.aggregate.Topsis(normalization=1)
    with pytest.raises(gm.SpecError, match=r"0 <= lower <= upper <= 1 \(lower 0.6, upper 0.5\)"):
        gm.aggregate.BenefitOfDoubt(lower=0.6, upper=0.5)
    with pytest.raises(gm.SpecError, match="'v' must be in"):
        gm.aggregate.Vikor(v=2)


def test_methodology_json_round_trip():
    m = one_level(gm.aggregate.MazziottaPareto(variant="ampi", penalty="positive"))
    again = gm.Methodology.from_json_string(m.to_json())
    assert again.to_json() == m.to_json()
    assert '"variant": "ampi"' in m.to_json()


def test_vikor_outputs_and_facts_hand_computed():
    # a: 0 1 2, b: 2 0 1 (see tests/unit/aggregate_vikor_test.cpp)
    data = pd.DataFrame({"a": [0.0, 1, 2], "b": [2.0, 0, 1]}, index=["u1", "u2", "u3"])
    r = gm.compute(one_level(gm.aggregate.Vikor()), data)
    out = r.outputs()
    assert list(out.columns) == ["S", "R", "Q", "compromise"]
    assert list(out.index) == ["u1", "u2", "u3"]
    np.testing.assert_allclose(out["S"], [0.5, 0.75, 0.25], atol=1e-12)
    np.testing.assert_allclose(out["Q"], [0.75, 1.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(r.scores["index"], [0.25, 0.0, 1.0], atol=1e-12)
    assert r.ranks["index"].tolist() == [2.0, 3.0, 1.0]
    assert r.facts() == {"dq": 0.5, "acceptable_advantage": 1.0, "acceptable_stability": 1.0}
    assert r.outputs("a").shape == (3, 0)
    assert r.facts("a") == {}


def test_copeland_with_missing_value_hand_computed():
    data = pd.DataFrame({"a": [1.0, 2, 3, np.nan], "b": [3.0, 2, 1, 5]}, index=["u1", "u2", "u3", "u4"])
    r = gm.compute(one_level(gm.aggregate.Copeland(), weights=[3, 2]), data)
    assert r.scores["index"].tolist() == [-3.0, -1.0, 1.0, -3.0]


def test_borda_and_mpi_hand_computed():
    data = pd.DataFrame({"a": [1.0, 2, 2, 5], "b": [4.0, 3, 2, 1]}, index=list("wxyz"))
    r = gm.compute(one_level(gm.aggregate.Borda(), weights=[3, 1]), data)
    np.testing.assert_allclose(r.scores["index"], [0.75, 1.25, 1.0, 2.25], atol=1e-12)
    data = pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 3, 6]})
    r = gm.compute(one_level(gm.aggregate.MazziottaPareto(variant="ampi")), data)
    np.testing.assert_allclose(r.scores["index"], [70.0, 85.0 - 225.0 / 85.0, 130.0], atol=1e-10)


def test_benefit_of_doubt_with_the_registered_clp_solver():
    assert gm.aggregate.lp_solver_available()
    data = pd.DataFrame({"a": [1.0, 0.5, 0.2, 0.4], "b": [0.2, 0.5, 1.0, 0.4]}, index=list("ABCD"))
    r = gm.compute(one_level(gm.aggregate.BenefitOfDoubt()), data)
    np.testing.assert_allclose(r.scores["index"], [1.0, 5 / 6, 1.0, 2 / 3], atol=1e-9)
    assert list(r.outputs().columns) == ["w_a", "w_b"]


def test_missing_child_gives_nan_and_a_warning():
    data = pd.DataFrame({"a": [3.0, 4, np.nan, 1], "b": [4.0, 3, 1, 2]}, index=list("pqrs"))
    r = gm.compute(one_level(gm.aggregate.Topsis()), data)
    assert np.isnan(r.scores.loc["r", "index"])
    assert np.isnan(r.outputs().loc["r", "d_plus"])
    d = r.diagnostics
    assert ((d["unit"] == "r") & (d["severity"] == "warning") & (d["component"] == "aggregate")).any()


@pytest.mark.shared
@pytest.mark.parametrize("name", ["lit_tus2019_5x6", "lit_elsayed2017_12x5", "skc_stock6x3"])
def test_mcda_references_through_compute(name):
    matrix = pd.read_csv(shared_path(f"data/mcda_python_examples/{name}_matrix.csv"), index_col=0)
    criteria = pd.read_csv(shared_path(f"data/mcda_python_examples/{name}_criteria.csv"), index_col=0)
    ref = pd.read_csv(shared_path(f"reference/mcda/{name}_alternatives.csv"), index_col=0)
    codes = list(matrix.columns)
    dirs = ["positive" if t > 0 else "negative" for t in criteria.loc[codes, "type"]]
    weights = list(criteria.loc[codes, "weight"])
    r = gm.compute(one_level(gm.aggregate.Topsis(), codes, weights, dirs), matrix)
    np.testing.assert_allclose(r.scores["index"], ref["topsis_vector.score"], atol=1e-9)
    np.testing.assert_allclose(r.outputs()["d_plus"], ref["topsis_vector.d_plus"], atol=1e-9)
    r = gm.compute(one_level(gm.aggregate.Vikor(), codes, weights, dirs), matrix)
    np.testing.assert_allclose(r.outputs()["Q"], ref["vikor.Q"], atol=1e-9)
    assert r.ranks["index"].tolist() == ref["vikor.rank"].astype(float).tolist()
    r = gm.compute(one_level(gm.aggregate.GreyRelational(), codes, weights, dirs), matrix)
    np.testing.assert_allclose(r.scores["index"], ref["gra.score"], atol=1e-9)
