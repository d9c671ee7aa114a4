"""Uncertainty charts (gm.plot.rank_intervals, gm.plot.acceptability, gm.plot.UncertaintyPlot)
draw exactly the numbers of the UncertaintyResult, in nominal-rank order."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import govmetrics as gm  # noqa: E402

# idx over p (a, b) and q (c); weights drawn with spread 0.5. Nominal ranks at idx (weights 1, 1;
# p = (a + b) / 2): E 1, A 2 and B 2 (tied, min), D 4, C 5.
FRAME = pd.DataFrame({
    "id": ["A", "B", "C", "D", "E"],
    "a": [100.0, 0.0, 40.0, 70.0, 55.0],
    "b": [0.0, 100.0, 40.0, 20.0, 60.0],
    "c": [50.0, 50.0, 40.0, 50.0, 55.0],
})
ORDER = ["E", "A", "B", "D", "C"]


def methodology(ties: str = "min") -> gm.Methodology:
    doc = {"govmetrics": 1, "unit": "id", "rank": {"ties": ties}, "nodes": [
        {"code": "idx"}, {"code": "p", "parent": "idx"}, {"code": "q", "parent": "idx"},
        {"code": "a", "parent": "p", "column": "a"}, {"code": "b", "parent": "p", "column": "b"},
        {"code": "c", "parent": "q", "column": "c"}],
        "uncertainty": {"runs": 400, "seed": 1, "inputs": [{"kind": "weights", "spread": 0.5}]}}
    return gm.Methodology.from_json_string(json.dumps(doc))


@pytest.fixture(scope="module")
def ures():
    return gm.uncertainty(methodology(), FRAME, nodes=["idx", "p"])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def stats_of(ures, node):
    return ures.rank_statistics[ures.rank_statistics["node"] == node].set_index("unit")


def expected_acceptability(ures, node, units, ranks):
    """P(rank = k) laid out by hand from the acceptability table: rows units, columns ranks."""
    out = np.zeros((len(units), len(ranks)))
    for _, r in ures.acceptability[ures.acceptability["node"] == node].iterrows():
        if r["rank"] in ranks:
            out[units.index(r["unit"]), ranks.index(r["rank"])] += r["probability"]
    return out


def render(ax, path):
    ax.figure.savefig(path, dpi=80)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000, len(data)


def test_the_setup_has_the_nominal_order_the_tests_rely_on(ures):
    assert ures.nodes == ["idx", "p"]
    nominal = stats_of(ures, "idx")["nominal"]
    assert nominal.to_dict() == {"A": 2.0, "B": 2.0, "C": 5.0, "D": 4.0, "E": 1.0}
    # the weights really vary: some unit's 5-95% interval is wider than one rank
    s = stats_of(ures, "idx")
    assert (s["q95"] - s["q05"]).max() >= 2


def test_rank_intervals_draws_one_interval_per_unit_in_nominal_order(ures, tmp_path):
    ax = gm.plot.UncertaintyPlot(ures).rank_intervals()
    render(ax, tmp_path / "intervals.png")
    stats = stats_of(ures, "idx")
    assert [t.get_text() for t in ax.get_xticklabels()] == ORDER
    assert all(t.get_rotation() == 90 for t in ax.get_xticklabels())
    (segments,) = [c for c in ax.collections if c.get_label() == "5-95% interval"]
    segs = segments.get_segments()
    assert len(segs) == len(FRAME)
    for i, (seg, unit) in enumerate(zip(segs, ORDER)):
        assert seg[0][0] == seg[1][0] == i
        assert sorted([seg[0][1], seg[1][1]]) == [stats.loc[unit, "q05"], stats.loc[unit, "q95"]]
    lines = {line.get_label(): line for line in ax.lines}
    assert list(lines["median"].get_xdata()) == list(range(5))
    assert list(lines["median"].get_ydata()) == stats.loc[ORDER, "median"].tolist()
    assert list(lines["nominal"].get_ydata()) == [1.0, 2.0, 2.0, 4.0, 5.0]
    assert lines["median"].get_marker() != lines["nominal"].get_marker()
    assert lines["median"].get_linestyle() == "None" and lines["nominal"].get_linestyle() == "None"
    assert ax.yaxis_inverted()
    assert ax.get_ylabel() == "rank"
    assert ax.get_title() == "Rank intervals at idx (400 runs, 5-95%)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["5-95% interval", "median", "nominal"]


def test_rank_intervals_top_and_node(ures):
    ax = gm.plot.rank_intervals(ures, top=3)
    assert [t.get_text() for t in ax.get_xticklabels()] == ORDER[:3]
    assert len(ax.collections[0].get_segments()) == 3
    # a second tracked node: its own nominal order and medians
    p = stats_of(ures, "p")
    order = p.sort_values("nominal", kind="stable").index.tolist()
    assert order[0] == "E" and order[-1] == "C"  # p = (a + b) / 2 nominally: E 57.5, C 40
    ax = gm.plot.UncertaintyPlot(ures).rank_intervals(node="p")
    assert [t.get_text() for t in ax.get_xticklabels()] == order
    (median,) = [line for line in ax.lines if line.get_label() == "median"]
    assert list(median.get_ydata()) == p.loc[order, "median"].tolist()
    assert ax.get_title().startswith("Rank intervals at p (")


def test_rank_intervals_draws_on_the_given_axes(ures):
    fig, given = plt.subplots()
    assert gm.plot.UncertaintyPlot(ures).rank_intervals(ax=given) is given
    assert given.figure is fig and len(given.collections[0].get_segments()) == 5


@pytest.mark.parametrize("chart", ["rank_intervals", "acceptability"])
def test_an_untracked_node_is_a_value_error_naming_it(ures, chart):
    with pytest.raises(ValueError, match=r"'Atlantis'.*idx, p"):
        getattr(gm.plot.UncertaintyPlot(ures), chart)(node="Atlantis")
    with pytest.raises(ValueError, match="'q'"):  # an aggregate, but not tracked
        getattr(gm.plot, chart)(ures, node="q")


@pytest.mark.parametrize("top", [0, -1, 1.5])
def test_top_below_one_is_a_value_error(ures, top):
    with pytest.raises(ValueError, match="top must be a whole number >= 1"):
        gm.plot.rank_intervals(ures, top=top)


def test_acceptability_heatmap_is_the_rank_probabilities(ures, tmp_path):
    ax = gm.plot.UncertaintyPlot(ures).acceptability()
    render(ax, tmp_path / "acceptability.png")
    shown = np.asarray(ax.images[0].get_array())
    expected = expected_acceptability(ures, "idx", ORDER, [1.0, 2.0, 3.0, 4.0, 5.0])
    assert shown.shape == (5, 5)
    assert np.array_equal(shown, expected)
    assert (expected > 0).sum() >= 10  # a real spread of ranks, not a diagonal
    sums = shown.sum(axis=1)
    assert np.all(sums <= 1 + 1e-12) and np.allclose(sums, 1.0)  # no failed replication
    assert [t.get_text() for t in ax.get_yticklabels()] == ORDER
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2", "3", "4", "5"]
    assert ax.images[0].colorbar.ax.get_ylabel() == "P(rank = k)"


def test_cumulative_acceptability_and_max_rank(ures):
    fig, given = plt.subplots()
    ax = gm.plot.acceptability(ures, cumulative=True, ax=given)
    assert ax is given
    shown = np.asarray(ax.images[0].get_array())
    plain = expected_acceptability(ures, "idx", ORDER, [1.0, 2.0, 3.0, 4.0, 5.0])
    assert np.allclose(shown, np.cumsum(plain, axis=1), rtol=0, atol=1e-15)
    assert np.all(np.diff(shown, axis=1) >= 0) and np.allclose(shown[:, -1], 1.0)
    assert ax.images[0].colorbar.ax.get_ylabel() == "P(rank <= k)"
    # max_rank cuts the columns; the rows of P(rank = k) then sum to less than 1
    ax = gm.plot.UncertaintyPlot(ures).acceptability(max_rank=2)
    shown = np.asarray(ax.images[0].get_array())
    assert np.array_equal(shown, plain[:, :2])
    assert np.all(shown.sum(axis=1) <= 1 + 1e-12) and shown.sum(axis=1).min() < 1
    with pytest.raises(ValueError, match="max_rank"):
        gm.plot.acceptability(ures, max_rank=0)


def test_acceptability_of_half_ranks_uses_the_ranks_that_occur(tmp_path):
    # F duplicates C: under ties "average" the two always share a rank, so every rank of C is a half
    frame = pd.concat([FRAME, pd.DataFrame({"id": ["F"], "a": [40.0], "b": [40.0], "c": [40.0]})],
                      ignore_index=True)
    res = gm.uncertainty(methodology("average"), frame)
    acc = res.acceptability
    present = sorted(set(acc["rank"]))
    assert any(r != int(r) for r in present)
    c_ranks = set(acc.loc[acc["unit"] == "C", "rank"])
    assert c_ranks and all(r != int(r) for r in c_ranks)
    ax = gm.plot.acceptability(res)
    units = [t.get_text() for t in ax.get_yticklabels()]
    nominal = stats_of(res, "idx")["nominal"]
    assert units[:2] == ["E", "A"] and set(units[-2:]) == {"C", "F"}
    assert list(nominal.loc[units]) == sorted(nominal)
    assert [float(t.get_text()) for t in ax.get_xticklabels()] == present
    shown = np.asarray(ax.images[0].get_array())
    assert np.array_equal(shown, expected_acceptability(res, "idx", units, present))
    assert np.allclose(shown.sum(axis=1), 1.0)
    cum = np.asarray(gm.plot.acceptability(res, cumulative=True).images[0].get_array())
    assert np.allclose(cum, np.cumsum(shown, axis=1), rtol=0, atol=1e-15)
