"""Result.explain (govmetrics.explain): hand-worked contributions, strengths and weaknesses, byte
parity with ``govmetrics explain --out-dir``, errors. Definitions: docs/explain.md."""

from __future__ import annotations

import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from conftest import CITY_DATA, CITY_METHOD


def small() -> gm.Result:
    # index -> A (1): i1, i2; B (3): i3, i4 (negative); values as given.
    m = gm.Methodology(
        nodes=[gm.Node("index"), gm.Node("A", parent="index"), gm.Node("B", parent="index", weight=3),
               gm.Node("i1", parent="A", column="i1", name="first", unit="km"),
               gm.Node("i2", parent="A", column="i2"),
               gm.Node("i3", parent="B", column="i3"), gm.Node("i4", parent="B", column="i4", direction=-1)],
        normalize=gm.normalize.None_())
    x = pd.DataFrame({"i1": [1.0, 3.0, 2.0], "i2": [2.0, 5.0, 1.0], "i3": [7.0, 1.0, 3.0],
                      "i4": [4.0, 2.0, 9.0]}, index=["u1", "u2", "u3"])
    return gm.compute(m, x)


def test_contributions_add_up_through_the_tree():
    e = small().explain("u1")
    c = e.contributions.set_index("node")
    # u1: A = 1.5, B = (7 - 4) / 2 = 1.5, index = 0.25 A + 0.75 B = 1.5
    assert c.loc["index", "contribution"] == 1.5
    assert c.loc["A", "contribution"] == pytest.approx(0.375)
    assert c.loc["i1", "share"] == pytest.approx(1 / 3)
    assert c.loc["i4", "index_contribution"] == pytest.approx(-1.5)
    assert c.loc[["i1", "i2", "i3", "i4"], "index_contribution"].sum() == pytest.approx(1.5, abs=1e-15)
    for parent in ("index", "A", "B"):
        kids = c[c["parent"] == parent]
        assert kids["contribution"].sum() == pytest.approx(c.loc[parent, "score"], abs=1e-15)
    assert set(c["how"].iloc[1:]) == {"weighted values"}


def test_strengths_weaknesses_and_profile():
    e = small().explain("u1", top=2)
    # ranks of u1 among 3: i1 1 -> 3rd, i2 2 -> 2nd, i3 7 -> 1st, i4 -4 (direction; -2 -4 -9)
    # -> 2nd; equal ranks in indicator order
    assert list(e.strengths["code"]) == ["i3", "i2"]
    assert list(e.weaknesses["code"]) == ["i1", "i2"]
    w = e.weaknesses.iloc[0]
    assert (w["rank"], w["value"], w["name"], w["unit"], w["parent"]) == (3.0, 1.0, "first", "km", "A")
    p = e.profile.set_index("node")
    assert p.loc["i3", "median"] == 3.0 and p.loc["i3", "best"] == 7.0 and p.loc["i3", "rank"] == 1.0


@pytest.mark.cli
def test_to_csv_writes_the_bytes_of_the_command(tmp_path, city_method):
    cli = os.environ.get("GOVMETRICS_CLI")
    if not cli:
        pytest.skip("GOVMETRICS_CLI is not set (CTest sets it to the built command)")
    unit = "Illustrative City 042"
    done = subprocess.run([cli, "explain", str(CITY_METHOD), str(CITY_DATA), unit, "--top", "4",
                           "--out-dir", str(tmp_path / "cli")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    for name, res in (("path", gm.compute(city_method, CITY_DATA)), ("frame", gm.compute(city_method, frame))):
        written = res.explain(unit, top=4).to_csv(tmp_path / name)
        assert [os.path.basename(p) for p in written] == list(gm.explain.FILES)
        for f in gm.explain.FILES:
            assert (tmp_path / name / f).read_bytes() == (tmp_path / "cli" / f).read_bytes(), (name, f)


def test_plot_and_errors(tmp_path):
    res = small()
    ax = res.explain("u2").plot()
    assert len(ax.patches) == 2  # A and B
    with pytest.raises(gm.UnknownCodeError, match="unknown unit 'nowhere'"):
        res.explain("nowhere")
