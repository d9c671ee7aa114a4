"""gm.dask.uncertainty and gm.dask.sensitivity on a distributed.LocalCluster with two worker
processes: the merged result equals a local run to the last bit (state, statistics, rank shifts;
the design's outputs and the indices)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm

# Debian's distributed 2022.12 on tornado 6.2 warns that make_current is deprecated
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cities"


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_equals_a_local_run_to_the_last_bit(client, tmp_path):
    m = gm.Methodology.from_json(EXAMPLE / "city_digital_governance.json")
    data = EXAMPLE / "cities.csv"
    local = gm.uncertainty(m, data, runs=2000, nodes=["DGI", "infra"], pairwise=True)
    for parts in (2, 5):
        remote = gm.dask.uncertainty(m, data, client=client, runs=2000, nodes=["DGI", "infra"],
                                     pairwise=True, parts=parts)
        assert remote.state_bytes() == local.state_bytes()
        assert remote.rank_statistics.equals(local.rank_statistics)
        assert np.array_equal(remote.rank_shifts, local.rank_shifts, equal_nan=True)
    # a DataFrame travels to the workers too
    frame = pd.DataFrame({"id": ["A", "B", "C"], "a": [100.0, 0.0, 40.0], "b": [0.0, 100.0, 40.0]})
    small = gm.Methodology.from_json_string(
        '{"govmetrics": 1, "unit": "id", "nodes": [{"code": "idx"}, '
        '{"code": "a", "parent": "idx", "column": "a"}, {"code": "b", "parent": "idx", "column": "b"}]}')
    inputs = [gm.ua.Weights(spread=0.5)]
    a = gm.uncertainty(small, frame, runs=3000, inputs=inputs)
    b = gm.dask.uncertainty(small, frame, client=client, runs=3000, inputs=inputs, parts=3)
    assert b.state_bytes() == a.state_bytes()
    with pytest.raises(gm.SpecError, match="'parts' must be a whole number"):
        gm.dask.uncertainty(small, frame, client=client, runs=10, inputs=inputs, parts=0)


def test_dask_sensitivity_equals_a_local_run_to_the_last_bit(client):
    m = gm.Methodology.from_json(EXAMPLE / "city_digital_governance.json")
    data = EXAMPLE / "cities.csv"
    local = gm.sensitivity.analyze(m, data, n=128, bootstrap=20, nodes=["DGI", "infra"])
    for parts in (2, 3):
        remote = gm.dask.sensitivity(m, data, client=client, n=128, bootstrap=20,
                                     nodes=["DGI", "infra"], parts=parts)
        assert np.array_equal(remote.design_outputs.to_numpy(), local.design_outputs.to_numpy(), equal_nan=True)
        pd.testing.assert_frame_equal(remote.by_unit, local.by_unit)
        pd.testing.assert_frame_equal(remote.indices, local.indices)
