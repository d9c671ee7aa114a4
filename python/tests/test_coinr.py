"""Methodology.from_coinr (docs/coinr.md): COINr's iMeta and iData read as they are, the same file
as ``govmetrics import-coinr``, and with COINr's example_full steps the reference scores."""

from __future__ import annotations

import json
import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from conftest import SOURCE_DIR, shared_path

CLI_DATA = SOURCE_DIR / "tests" / "cli" / "data"


def test_small_tables_from_paths_and_frames():
    m = gm.Methodology.from_coinr(CLI_DATA / "coinr_imeta.csv", idata=CLI_DATA / "coinr_idata.csv")
    assert m.codes == ("Index", "infra", "bb", "lic")
    doc = json.loads(m.to_json())
    lic = [n for n in doc["nodes"] if n["code"] == "lic"][0]
    assert (lic["direction"], lic["weight"], lic["denominator"], lic["unit"]) == ("negative", 2.0, "pop", "days")
    bb = [n for n in doc["nodes"] if n["code"] == "bb"][0]
    assert bb["target"] == 90.0 and "target" not in lic
    frames = gm.Methodology.from_coinr(pd.read_csv(CLI_DATA / "coinr_imeta.csv"),
                                       idata=pd.read_csv(CLI_DATA / "coinr_idata.csv"))
    assert json.loads(frames.to_json())["nodes"] == doc["nodes"]
    # the imported methodology runs on iData as it is (uCode, the denominator divides)
    res = gm.compute(m, CLI_DATA / "coinr_idata.csv")
    assert list(res.scores.index) == ["A", "B", "C"]


def test_rows_that_cannot_be_mapped_are_errors():
    with pytest.raises(gm.DataError, match=r"unknown Type 'Indicatr' of 'bb' .*line 3, column 7 'Type'"):
        gm.Methodology.from_coinr(CLI_DATA / "coinr_imeta_bad.csv")
    meta = pd.read_csv(CLI_DATA / "coinr_imeta.csv")
    with pytest.raises(gm.DataError, match=r"iData \(<iData DataFrame>\) lacks the column\(s\) 'lic'"):
        gm.Methodology.from_coinr(meta, idata=pd.read_csv(CLI_DATA / "coinr_idata.csv").drop(columns="lic"))
    with pytest.raises(TypeError, match="CSV path or a pandas DataFrame"):
        gm.Methodology.from_coinr(42)


def test_asem_with_example_full_steps_equals_coinr(tmp_path):
    meta = shared_path("data/coinr_asem/ASEM_iMeta.csv")
    data = shared_path("data/coinr_asem/ASEM_iData.csv")
    imported = json.loads(gm.Methodology.from_coinr(meta, idata=data).to_json())
    hand = json.loads((SOURCE_DIR / "tests" / "reference" / "methodologies" /
                       "coinr_asem_example_full.json").read_text(encoding="utf-8"))
    for key in ("impute", "screen", "treat", "normalize", "aggregate", "missing", "weights", "rank"):
        imported[key] = hand[key]
    m = gm.Methodology.from_json_string(json.dumps(imported))
    res = gm.compute(m, data)
    ref = pd.read_csv(shared_path("reference/coinr_asem/example_full_scores.csv")).set_index("uCode")
    ours = res.scores.loc[ref.index, ref.columns]
    both = ref.notna().to_numpy()
    assert np.array_equal(ours.notna().to_numpy(), both)
    rel = np.abs(ours.to_numpy()[both] - ref.to_numpy()[both]) / np.maximum(1.0, np.abs(ref.to_numpy()[both]))
    assert rel.max() <= 1e-9

    cli = os.environ.get("GOVMETRICS_CLI")
    if cli:  # the command writes the same methodology
        done = subprocess.run([cli, "import-coinr", str(data), str(meta), "--out", str(tmp_path / "m.json")],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        from_cli = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
        assert from_cli == json.loads(gm.Methodology.from_coinr(meta, idata=data).to_json())
