"""Fixtures of the govmetrics Python tests.

Environment (set by CTest, python/CMakeLists.txt): PYTHONPATH=<build>/python, GOVMETRICS_CLI (the
built command), GOVMETRICS_SOURCE_DIR, GOVMETRICS_SHARED_DIR (../shared), MPLBACKEND=Agg.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm

SOURCE_DIR = Path(os.environ.get("GOVMETRICS_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SHARED_DIR = Path(os.environ.get("GOVMETRICS_SHARED_DIR", SOURCE_DIR.parent / "shared"))
CITIES = SOURCE_DIR / "examples" / "cities"
CITY_METHOD = CITIES / "city_digital_governance.json"
CITY_DATA = CITIES / "cities.csv"


def shared_path(relative: str) -> Path:
    """A file under ../shared; skips the test when absent (fails when CI=true)."""
    p = SHARED_DIR / relative
    if not p.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{p} is missing and CI=true requires ../shared")
        pytest.skip(f"skipped: ../shared not found ({p})")
    return p


@pytest.fixture(scope="session")
def city_method() -> gm.Methodology:
    return gm.Methodology.from_json(CITY_METHOD)


@pytest.fixture()
def city_frame() -> pd.DataFrame:
    """The illustrative city data as a pandas user reads them (a fresh copy per test)."""
    return pd.read_csv(CITY_DATA, comment="#")


@pytest.fixture()
def tiny_method() -> gm.Methodology:
    """The README's three-unit example: broadband (positive), licence_days (negative)."""
    return gm.Methodology(
        nodes=[
            gm.Node("index"),
            gm.Node("broadband", parent="index", column="broadband"),
            gm.Node("licence_days", parent="index", column="licence_days", direction="negative"),
        ]
    )


@pytest.fixture()
def tiny_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"broadband": [10.0, 20.0, 30.0], "licence_days": [9.0, 5.0, 7.0]}, index=["A", "B", "C"]
    )


@pytest.fixture()
def tree_method() -> gm.Methodology:
    """Two levels, unequal weights, a negative indicator (hand-worked numbers in the tests)."""
    return gm.Methodology(
        nodes=[
            gm.Node("idx"),
            gm.Node("d1", parent="idx", weight=3),
            gm.Node("d2", parent="idx", weight=1),
            gm.Node("i1", parent="d1", column="x1"),
            gm.Node("i2", parent="d1", column="x2"),
            gm.Node("i3", parent="d2", column="x3", direction=-1),
        ],
        normalize=gm.normalize.MinMax(lo=0, hi=100),
        aggregate=gm.aggregate.Arithmetic(),
        missing=gm.missing.Skip(min_share=0.0),
        unit="id",
    )


@pytest.fixture()
def tree_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["U1", "U2", "U3", "U4"],
            "x1": [0.0, 5.0, 10.0, np.nan],
            "x2": [1.0, 2.0, 3.0, 5.0],
            "x3": [4.0, 3.0, 2.0, 1.0],
        }
    )


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
