"""Charts render to PNG (Agg) with real content; a clear message when matplotlib is missing."""

from __future__ import annotations

import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import govmetrics as gm  # noqa: E402


@pytest.fixture(scope="module")
def result():
    from conftest import CITY_DATA, CITY_METHOD

    return gm.compute(gm.Methodology.from_json(CITY_METHOD), CITY_DATA)


def render(ax, path):
    import matplotlib.image as mpimg

    ax.figure.savefig(path, dpi=80)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000, len(data)  # a real chart, not an empty canvas
    img = mpimg.imread(path)
    assert img.shape[0] > 200 and img.shape[1] > 300
    # more than a handful of distinct colours: something was drawn
    assert len(np.unique(img.reshape(-1, img.shape[-1])[:, :3], axis=0)) > 20
    return img


def test_ranking_stacks_the_weighted_contributions(result, tmp_path):
    ax = result.plot.ranking(top=20)
    render(ax, tmp_path / "ranking.png")
    assert len(ax.get_yticklabels()) == 20
    assert ax.get_yticklabels()[0].get_text().startswith("1. ")
    # 4 dimensions x 20 bars, and each bar's segments add up to the index score
    assert len(ax.patches) == 80
    best = result.ranks["DGI"].idxmin()
    ends = [p.get_x() + p.get_width() for p in ax.patches if abs(p.get_y() + p.get_height() / 2) < 1e-9]
    assert max(ends) == pytest.approx(result.scores.loc[best, "DGI"], rel=1e-12)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Digital infrastructure", "Digital administrative services", "Digital public services", "Digital life services"]


def test_ranking_of_a_non_arithmetic_node_is_plain_bars(tree_method, tree_frame, tmp_path):
    res = gm.compute(tree_method.replace(aggregate_overrides={"idx": gm.aggregate.Harmonic()},
                                         normalize=gm.normalize.MinMax(lo=1, hi=100)), tree_frame)
    ax = res.plot.ranking(top=3)
    assert len(ax.patches) == 3 and ax.get_legend() is None


@pytest.mark.parametrize("kind", ["bar", "radar"])
def test_profile(result, tmp_path, kind):
    unit = result.ranks["DGI"].idxmin()
    ax = result.plot.profile(unit, kind=kind)
    render(ax, tmp_path / f"profile_{kind}.png")
    assert ax.get_title().startswith(f"{unit} (rank 1 at")
    with pytest.raises(gm.UnknownCodeError):
        result.plot.profile("Atlantis")


def test_distribution(result, tmp_path):
    ax = result.plot.distribution("admin", bins=15)
    render(ax, tmp_path / "distribution.png")
    assert sum(p.get_height() for p in ax.patches) == result.scores["admin"].notna().sum()


def test_correlation(result, tmp_path):
    ax = result.plot.correlation(1)
    render(ax, tmp_path / "correlation.png")
    shown = ax.images[0].get_array()
    codes = ["infra", "admin", "public", "life"]
    # the audit's matrix exactly, and pandas' (an independent computation) to rounding
    assert np.array_equal(shown, gm.audit.correlation_matrix(result, codes).to_numpy())
    expected = result.scores[codes].corr().to_numpy()
    assert np.allclose(shown, expected, rtol=0, atol=1e-14)
    ax = result.plot.correlation("indicators", method="spearman")
    assert ax.images[0].get_array().shape == (18, 18)
    with pytest.raises(ValueError, match="need at least 2"):
        result.plot.correlation(0)


def test_rank_shift(result, tmp_path):
    other = gm.compute(result.methodology.replace(normalize=gm.normalize.ZScore()),
                       result.methodology.to_json and __import__("conftest").CITY_DATA)
    ax = gm.plot.rank_shift(result, other, top=15, labels=("min-max", "z-score"))
    render(ax, tmp_path / "rank_shift.png")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["min-max", "z-score"]
    assert ax.get_title().startswith("Rank shifts at DGI:")


def test_missing_matplotlib_gives_a_clear_message(result, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"govmetrics charts need matplotlib, which is not installed"):
        result.plot.ranking()
    # importing govmetrics itself never needs it
    assert gm.plot.__name__ == "govmetrics.plot"
