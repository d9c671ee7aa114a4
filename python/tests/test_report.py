"""The HTML report (docs/report.md): ``Result.to_html`` writes the bytes of ``govmetrics report``,
and the data the page draws are the result's own numbers. The page itself is checked in a real
browser by web/tests/report.test.mjs (CTest: browser.report_*)."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from govmetrics import _core
from conftest import CITY_DATA, CITY_METHOD

pytestmark = pytest.mark.skipif(_core.html_report_libraries is None,
                                reason="skipped: built without the HTML report (npm ci --prefix web)")

DATA_RE = re.compile(r'<script type="application/json" id="govmetrics-data">(.*?)</script>', re.S)


def embedded(html: str) -> dict:
    found = DATA_RE.findall(html)
    assert len(found) == 1
    return json.loads(found[0])


def file_comments(path) -> list[str]:
    # the '# ...' lines that open the file, read here independently of govmetrics
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            out.append(line[1:].rstrip("\n").removeprefix(" "))
    return out


@pytest.mark.cli
def test_python_writes_the_bytes_of_the_command(tmp_path):
    cli = os.environ.get("GOVMETRICS_CLI")
    if not cli:
        pytest.skip("GOVMETRICS_CLI is not set (CTest sets it to the built command)")
    done = subprocess.run([cli, "report", str(CITY_METHOD), str(CITY_DATA), "--out", str(tmp_path / "cli.html"),
                           "--uncertainty", "--runs", "300", "--sensitivity", "--n", "32", "--threads", "1"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "wrote " in done.stdout and "opens with no network access" in done.stdout
    res = gm.compute(CITY_METHOD, CITY_DATA)
    ua = gm.uncertainty(CITY_METHOD, CITY_DATA, runs=300, threads=2)
    sa = gm.sensitivity.analyze(CITY_METHOD, CITY_DATA, n=32, threads=2)
    assert res.to_html(tmp_path / "py.html", uncertainty=ua, sensitivity=sa) == str(tmp_path / "py.html")
    assert (tmp_path / "py.html").read_bytes() == (tmp_path / "cli.html").read_bytes()
    # from a DataFrame, with the file's notes given: the same bytes again
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    res2 = gm.compute(CITY_METHOD, frame)
    res2.to_html(tmp_path / "frame.html", uncertainty=ua, sensitivity=sa, notes=file_comments(CITY_DATA))
    assert (tmp_path / "frame.html").read_bytes() == (tmp_path / "cli.html").read_bytes()
    # a report without analyses, twice: the same bytes (no timestamps)
    subprocess.run([cli, "report", str(CITY_METHOD), str(CITY_DATA), "--out", str(tmp_path / "plain.html")],
                   check=True, capture_output=True)
    res.to_html(tmp_path / "plain_py.html")
    assert (tmp_path / "plain_py.html").read_bytes() == (tmp_path / "plain.html").read_bytes()


def test_the_page_draws_the_results_numbers(tmp_path, city_method):
    res = gm.compute(CITY_METHOD, CITY_DATA)
    html = Path(res.to_html(tmp_path / "r.html")).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Urban digital governance index (illustrative)</title>" in html
    # no address the browser could fetch: every script is inline (no script holds "</script"),
    # and outside them no src= and only in-page links
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert len(scripts) == 5 and all("src" not in attrs for attrs, _ in scripts)
    outside = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert "src=" not in outside and "<link" not in outside
    assert re.findall(r'href="([^"]*)"', outside) and all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', outside))
    d = embedded(html)
    assert d["format"] == 1 and d["illustrative"] is True
    assert d["notes"] == file_comments(CITY_DATA)
    assert d["units"] == list(res.scores.index)
    codes = [n["code"] for n in d["nodes"]]
    assert codes == list(city_method.codes)
    scores, ranks = res.scores, res.ranks
    for i, code in enumerate(codes):
        for u, unit in enumerate(d["units"]):
            s = scores.loc[unit, code]
            assert (d["scores"][i][u] is None and math.isnan(s)) or d["scores"][i][u] == s
            if code in ranks.columns:
                r = ranks.loc[unit, code]
                assert (d["ranks"][i][u] is None and math.isnan(r)) or d["ranks"][i][u] == r
    root = d["root"]
    assert d["nodes"][root]["code"] == "DGI" and d["nodes"][root]["children"] == [1, 2, 3, 4]
    # arithmetic means: the dimensions' contributions add up to each unit's index score
    for u in range(len(d["units"])):
        parts = [d["index_contribution"][c][u] for c in d["nodes"][root]["children"]]
        assert math.fsum(parts) == pytest.approx(d["scores"][root][u], rel=1e-13)
    # effective weights of the indicators add up to one (equal weights: 1/4 x 1/4 or 1/5)
    eff = {n["code"]: n["effective_weight"] for n in d["nodes"]}
    assert math.fsum(v for n, v in eff.items() if d["nodes"][codes.index(n)]["kind"] == "indicator") == \
        pytest.approx(1.0, abs=1e-15)
    assert eff["fbb"] == pytest.approx(1 / 16) and eff["onl"] == pytest.approx(1 / 20)
    # the raw values are the data file's
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    fbb = frame["fixed_broadband_per_100"].to_numpy()
    slot = d["indicators"].index(codes.index("fbb"))
    got = np.array([np.nan if v is None else v for v in d["raw"][slot]])
    assert np.array_equal(got, fbb, equal_nan=True)
    # strengths: the unit's best indicator ranks, best first
    for u in range(3):
        ranks_u = [r for _, r in d["strengths"][u]]
        assert ranks_u == sorted(ranks_u) and len(ranks_u) == 5
    assert d["settings"]["normalize"] == {"method": "min_max", "lo": 0, "hi": 100}
    assert d["uncertainty"] is None and d["sensitivity"] is None


def test_text_cannot_break_out_of_the_page(tmp_path):
    evil = "</script><script>alert(1)</script> & <b>"
    m = gm.Methodology(name=evil, nodes=[gm.Node("I", name=evil), gm.Node("x", parent="I", column="x"),
                                         gm.Node("y", parent="I", column="y")])
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [3.0, 1.0, 2.0]}, index=["a<", "b&", "c>"])
    html = Path(gm.compute(m, frame).to_html(tmp_path / "e.html", notes=[evil])).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert f"<title>{evil}" not in html and "<title>&lt;/script&gt;" in html
    d = embedded(html)
    assert d["title"] == evil and d["nodes"][0]["name"] == evil and d["notes"] == [evil]
    assert d["units"] == ["a<", "b&", "c>"]
    assert d["illustrative"] is False


def test_illustrative_notice_from_notes(tmp_path):
    m = gm.Methodology(nodes=[gm.Node("I"), gm.Node("x", parent="I", column="x")])
    res = gm.compute(m, pd.DataFrame({"x": [1.0, 2.0]}, index=["a", "b"]))
    d = embedded(Path(res.to_html(tmp_path / "a.html")).read_text(encoding="utf-8"))
    assert d["illustrative"] is False and d["notes"] == []
    d = embedded(Path(res.to_html(tmp_path / "b.html", notes="a Synthetic sample")).read_text(encoding="utf-8"))
    assert d["illustrative"] is True and d["notes"] == ["a Synthetic sample"]


def test_an_analysis_of_another_methodology_is_refused(tmp_path):
    # the same units, another aggregation: its nominal run is not this result
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    res = gm.compute(CITY_METHOD, frame)
    text = json.loads(CITY_METHOD.read_text(encoding="utf-8"))
    text["normalize"] = {"method": "min_max", "lo": 1, "hi": 100}
    other = gm.Methodology.from_json_string(json.dumps(text))
    ua = gm.uncertainty(other, frame, runs=10, threads=1)
    with pytest.raises(gm.SpecError, match="nominal score of unit .* an analysis of another methodology or other data"):
        res.to_html(tmp_path / "never.html", uncertainty=ua)
    assert os.listdir(tmp_path) == []
    # nor does to_html write over the data file it was read from
    res2 = gm.compute(CITY_METHOD, CITY_DATA)
    with pytest.raises(ValueError, match="is the data file this result was read from"):
        res2.to_html(CITY_DATA)


def test_analyses_of_other_data_are_refused(tmp_path):
    frame = pd.read_csv(CITY_DATA, comment="#", float_precision="round_trip")
    res = gm.compute(CITY_METHOD, frame)
    other = gm.uncertainty(CITY_METHOD, frame.iloc[:50], runs=20, threads=1)
    with pytest.raises(gm.SpecError, match="uncertainty analysis is of other units \\(50\\) than the result \\(100\\)"):
        res.to_html(tmp_path / "never.html", uncertainty=other)
    assert not (tmp_path / "never.html").exists()
    assert os.listdir(tmp_path) == []
