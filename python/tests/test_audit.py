"""Result.audit (govmetrics.audit): against COINr's audit tables on its ASEM example, byte parity
with ``govmetrics audit --out-dir``, hand-worked values, errors. Definitions: docs/audit.md."""

from __future__ import annotations

import math
import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from conftest import CITY_DATA, CITY_METHOD, SOURCE_DIR, shared_path

BASE = SOURCE_DIR / "tests" / "reference" / "methodologies" / "coinr_asem_base.json"


def r_signif(x: float, digits: int = 3) -> float:
    """R's signif (nmath fprec.c): scale by a power of ten, round half to even, scale back."""
    if not math.isfinite(x) or x == 0:
        return x
    sgn = -1.0 if x < 0 else 1.0
    a = abs(x)
    e10 = digits - 1 - math.floor(math.log10(a))
    if e10 > 0:
        p = 10.0 ** e10
        return sgn * float(np.rint(a * p)) / p
    p = 10.0 ** (-e10)
    return sgn * float(np.rint(a / p)) * p


@pytest.fixture(scope="module")
def asem() -> gm.Result:
    return gm.compute(BASE, shared_path("data/coinr_asem/ASEM_iData.csv"))


def test_raw_statistics_equal_coinr_get_stats(asem):
    ref = pd.read_csv(shared_path("reference/coinr_asem/base_stats_Raw.csv")).set_index("iCode")
    ours = asem.audit.stats("raw")
    assert len(ours) == 49
    pairs = {"Min": "min", "Max": "max", "Mean": "mean", "Median": "median", "Std": "sd", "Skew": "skew",
             "Kurt": "kurt", "N.Avail": "n_avail", "N.NonZero": "n_nonzero", "N.Unique": "n_unique",
             "N.Same": "n_same", "Frc.Avail": "frac_avail", "Frc.NonZero": "frac_nonzero",
             "Frc.Unique": "frac_unique", "Frc.Same": "frac_same"}
    for code, row in ref.iterrows():
        for theirs, mine in pairs.items():
            assert r_signif(float(ours.loc[code, mine])) == row[theirs], (code, theirs)
        assert ours.loc[code, "flag_avail"] == row["Flag.Avail"]
        assert ours.loc[code, "flag_nonzero"] == row["Flag.NonZero"]
        assert ours.loc[code, "flag_unique"] == row["Flag.Unique"]
        assert ours.loc[code, "flag_skew_kurt"] == row["Flag.SkewKurt"]
    assert (ours["flag_unique"] == "LOW").sum() == (ref["Flag.Unique"] == "LOW").sum() == 5


def test_correlations_cronbach_effective_weights_equal_coinr(asem):
    corr = asem.audit.correlations("pearson")
    parent = corr[corr["with_parent"]].set_index(["b", "a"])["r"]
    ref = pd.read_csv(shared_path("reference/coinr_asem/base_corr_L1_vs_parent.csv"))
    assert len(ref) == 49
    for _, row in ref.iterrows():
        assert parent[(row["Var1"], row["Var2"])] == pytest.approx(row["Correlation"], rel=1e-12, abs=1e-12)
    alpha = asem.audit.cronbach.set_index("node")["alpha"]
    for _, row in pd.read_csv(shared_path("reference/coinr_asem/base_cronbach.csv")).iterrows():
        assert alpha[row["group"]] == pytest.approx(row["cronbach"], rel=1e-12, abs=1e-12)
    eff = asem.audit.effective_weights.set_index("node")
    ref_w = pd.read_csv(shared_path("reference/coinr_asem/base_effective_weights.csv"))
    assert len(ref_w) == 60
    for _, row in ref_w.iterrows():
        assert eff.loc[row["iCode"], "effective_weight"] == pytest.approx(row["EffWeight"], rel=1e-12)
        assert eff.loc[row["iCode"], "level"] == row["Level"]


def test_principal_components_of_the_pillars_equal_coinr_get_pca(asem):
    ref = pd.read_csv(shared_path("reference/coinr_asem/base_PCA_weights_level2_all.csv"))
    ref = ref[ref["Level"] == 2].set_index("iCode")["Weight"]
    load = asem.audit.pca_loadings
    first = load[(load["group"] == "level:2") & (load["component"] == 1)].set_index("code")["loading"]
    assert sorted(first.index) == sorted(ref.index)
    for code, value in ref.items():
        assert first[code] == pytest.approx(value, rel=1e-9, abs=1e-9), code
    comp = asem.audit.pca
    level2 = comp[comp["group"] == "level:2"]
    assert level2["eigenvalue"].sum() == pytest.approx(8.0, rel=1e-13)
    assert level2["cumulative"].iloc[-1] == pytest.approx(1.0, rel=1e-13)
    assert (level2["n_units"] == 51).all() and (level2["note"] == "").all()
    # numpy's eigen decomposition of the same correlation matrix gives the same eigenvalues
    pillars = asem.scores[list(ref.index)]
    values = np.linalg.eigvalsh(np.corrcoef(pillars.to_numpy(), rowvar=False))[::-1]
    assert level2["eigenvalue"].to_numpy() == pytest.approx(values, rel=1e-12, abs=1e-12)


@pytest.mark.cli
def test_to_csv_writes_the_bytes_of_the_command(tmp_path, city_method):
    cli = os.environ.get("GOVMETRICS_CLI")
    if not cli:
        pytest.skip("GOVMETRICS_CLI is not set (CTest sets it to the built command)")
    done = subprocess.run([cli, "audit", str(CITY_METHOD), str(CITY_DATA), "--out-dir", str(tmp_path / "cli")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    for name, res in (("path", gm.compute(city_method, CITY_DATA)), ("frame", gm.compute(city_method, frame))):
        written = res.audit.to_csv(tmp_path / name)
        assert [os.path.basename(p) for p in written] == list(gm.audit.FILES)
        for f in gm.audit.FILES:
            assert (tmp_path / name / f).read_bytes() == (tmp_path / "cli" / f).read_bytes(), (name, f)


def test_hand_worked_alpha_correlations_and_a_constant_node():
    m = gm.Methodology(
        nodes=[gm.Node("index"), gm.Node("A", parent="index"), gm.Node("B", parent="index", weight=3),
               gm.Node("i1", parent="A", column="i1"), gm.Node("i2", parent="A", column="i2"),
               gm.Node("i3", parent="B", column="i3"), gm.Node("i4", parent="B", column="i4")],
        normalize=gm.normalize.None_())
    x = np.array([[1, 2, 7, 4], [2, 4, 7, 3], [3, 5, 7, 2], [4, 9, 7, 1]], dtype=float)
    res = gm.compute(m, x, columns=["i1", "i2", "i3", "i4"])
    # alpha of A: var 5/3 and 26/3, cov 11/3: 2 (1 - (31/3) / (53/3)) = 44/53
    alpha = res.audit.cronbach.set_index("node")
    assert alpha.loc["A", "alpha"] == pytest.approx(44 / 53, rel=1e-14)
    assert alpha.loc["A", "n_units"] == 4
    cm = res.audit.correlation_matrix(["i1", "i2", "i3"])
    assert cm.loc["i1", "i2"] == pytest.approx(11 / math.sqrt(130), rel=1e-14)
    assert math.isnan(cm.loc["i1", "i3"])  # i3 is constant: undefined, not 0
    eff = res.audit.effective_weights.set_index("node")["effective_weight"]
    assert eff["i3"] == pytest.approx(0.375)
    a = res.audit
    assert list(a.stats) == ["raw", "treated", "normalised", "aggregated"]  # res.audit.stats: a mapping
    assert a.stats["raw"] is a.stats("raw")  # computed once, callable too
    assert "treated" in a.stats and "scaled" not in a.stats
    raw = res.audit.stats("raw").loc["i2"]
    assert raw["n_unique"] == 4 and raw["median"] == 4.5 and raw["flag_unique"] == "ok"
    assert list(res.audit.stats("aggregated").index)[-1] == "index"
    # index = A/4 + 3B/4 with A = (i1 + i2)/2, B = (i3 + i4)/2: 4.5, 4.5, 4.375, 4.625, ranks
    # 2 2 4 1. Without A: B = 5.5 5 4.5 4 (ranks 1 2 3 4, changes 1 0 1 3: 1.25); without B: A
    # (4 3 2 1: 1.25); without i1: 4.625 4.75 4.625 5.25 (3 2 3 1: 0.5); without i2, i3: ranks
    # 1 2 3 4 (1.25); without i4: A/4 + 21/4 (4 3 2 1: 1.25). Every value is exact in binary.
    rem = res.audit.remove.set_index("element")
    assert list(rem.index) == ["A", "B", "i1", "i2", "i3", "i4"]
    assert (rem["n_units"] == 4).all()
    assert rem["mean_abs_rank_change"].tolist() == [1.25, 1.25, 0.5, 1.25, 1.25, 1.25]
    flags = res.audit.flags
    assert ((flags["flag"] == "collinear") & (flags["parent"] == "A")).any()  # r(i1, i2) = 0.965


def test_errors_name_what_is_wrong(city_method):
    res = gm.compute(city_method, CITY_DATA)
    with pytest.raises(ValueError, match="unknown data set 'scaled'"):
        res.audit.stats("scaled")
    with pytest.raises(gm.SpecError, match="threshold 'availability' is a share"):
        res.audit_with(availability=2.0).stats()
    with pytest.raises(gm.SpecError, match="unknown correlation method 'tau'"):
        res.audit.correlations("tau")


def test_importance_of_a_linear_index_matches_the_closed_form():
    # index = 0.5 x1 + 0.3 x2 + 0.2 x3 with independent uniforms: eta^2_i = w_i^2 / 0.38
    rng = np.random.default_rng(20261204)
    n = 1200
    x = rng.random((n, 3))
    m = gm.Methodology(
        nodes=[gm.Node("index"), gm.Node("x1", parent="index", column="x1", weight=5),
               gm.Node("x2", parent="index", column="x2", weight=3),
               gm.Node("x3", parent="index", column="x3", weight=2)],
        normalize=gm.normalize.None_())
    res = gm.compute(m, x, columns=["x1", "x2", "x3"])
    imp = res.audit.importance.set_index("node")
    assert list(imp["parent"]) == ["index"] * 3
    for code, w in (("x1", 0.5), ("x2", 0.3), ("x3", 0.2)):
        assert abs(imp.loc[code, "correlation_ratio"] - w * w / 0.38) < 0.03
        assert imp.loc[code, "weight"] == pytest.approx(w)
        # linear: Pearson's r^2 estimates the same quantity
        assert abs(imp.loc[code, "pearson_r2"] - w * w / 0.38) < 0.03
    # shares about 0.66, 0.24, 0.11 against weight shares 0.5, 0.3, 0.2
    assert imp.loc["x1", "flag"] == "ok"
    strict = res.audit_with(importance_factor=1.2).importance.set_index("node")
    assert strict.loc["x3", "flag"] == "under"
    assert strict.loc["x1", "flag"] == "over"


def test_importance_chart_pairs_weight_and_importance_shares(city_method):
    pytest.importorskip("matplotlib")
    res = gm.compute(city_method, CITY_DATA)
    ax = res.plot.importance()
    imp = res.audit.importance
    kids = imp[imp["parent"] == city_method.root]
    assert len(ax.patches) == 2 * len(kids)  # a weight bar and an importance bar per dimension
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == pytest.approx(sorted(list(kids["weight_share"]) + list(kids["importance_share"])))
    with pytest.raises(KeyError, match="no children"):
        res.plot.importance("fbb")
