"""gm.compute: inputs (DataFrame, CSV path, numpy), labels, missing values, bad inputs, zero copy,
memory ownership, the GIL. Expected numbers are worked by hand in the comments."""

from __future__ import annotations

import gc
import threading

import numpy as np
import pandas as pd
import pytest

import govmetrics as gm
from govmetrics._result import _input_addresses

from conftest import CITY_DATA


def _address(a: np.ndarray) -> int:
    return a.__array_interface__["data"][0]


# ---- hand-worked results --------------------------------------------------------------------------
def test_readme_example(tiny_method, tiny_frame):
    # broadband 10, 20, 30 -> 0, 50, 100; licence_days (negative) 9, 5, 7 -> 0, 100, 50;
    # index = mean -> A 0, B 75, C 75; ranks ties "min": B 1, C 1, A 3
    res = gm.compute(tiny_method, tiny_frame)
    assert res.scores["index"].tolist() == [0.0, 75.0, 75.0]
    assert res.scores["broadband"].tolist() == [0.0, 50.0, 100.0]
    assert res.scores["licence_days"].tolist() == [0.0, 100.0, 50.0]
    assert res.ranks["index"].tolist() == [3.0, 1.0, 1.0]
    assert res.ranks["licence_days"].tolist() == [3.0, 1.0, 2.0]
    assert list(res.scores.columns) == ["index", "broadband", "licence_days"]
    assert res.scores.columns.name == "node"


def test_an_unpickled_frame_computes_the_same(tiny_method, tiny_frame):
    # pickle (Dask, multiprocessing) gives the frame's blocks float64 dtype objects of their own,
    # equal to numpy's but not the same object: they were refused as "not float64" before
    import pickle

    again = pickle.loads(pickle.dumps(tiny_frame))
    assert gm.compute(tiny_method, again).scores.equals(gm.compute(tiny_method, tiny_frame).scores)


def test_two_levels_with_weights_and_a_missing_value(tree_method, tree_frame):
    # x1 0, 5, 10, NaN -> 0, 50, 100, NaN; x2 1, 2, 3, 5 -> 0, 25, 50, 100;
    # x3 negative 4, 3, 2, 1 -> 0, 100/3, 200/3, 100
    # d1 = mean(i1, i2) skipping NaN: 0, 37.5, 75, 100; d2 = i3
    # idx = (3 d1 + d2) / 4: 0, (112.5 + 100/3)/4, (225 + 200/3)/4, 100
    res = gm.compute(tree_method, tree_frame)
    s = res.scores
    assert list(s.index) == ["U1", "U2", "U3", "U4"] and s.index.name == "id"
    assert s["d1"].tolist() == [0.0, 37.5, 75.0, 100.0]
    assert s["d2"].tolist() == pytest.approx([0.0, 100 / 3, 200 / 3, 100.0], rel=1e-15)
    assert s["idx"].tolist() == pytest.approx([0.0, (112.5 + 100 / 3) / 4, (225 + 200 / 3) / 4, 100.0], rel=1e-14)
    assert np.isnan(s.loc["U4", "i1"])
    assert res.ranks["idx"].tolist() == [4.0, 3.0, 2.0, 1.0]
    assert res.ranks["i1"].tolist()[:3] == [3.0, 2.0, 1.0] and np.isnan(res.ranks.loc["U4", "i1"])
    d = res.diagnostics
    assert list(d.columns) == ["severity", "component", "node", "unit", "message"]
    assert d["message"].tolist() == ["data: indicator 'i1' is missing for 1 of 4 units ('U4')"]


def test_a_unit_below_min_share_stays_with_nan_and_a_diagnostic(tree_method, tree_frame):
    m = tree_method.replace(missing=gm.missing.Skip(min_share=0.6))
    res = gm.compute(m, tree_frame)
    assert list(res.units) == ["U1", "U2", "U3", "U4"]  # never dropped
    # d1 of U4 has 1 of 2 children (0.5 < 0.6) -> NaN; then idx of U4 has 1 of 2 -> NaN
    assert np.isnan(res.scores.loc["U4", "d1"]) and np.isnan(res.scores.loc["U4", "idx"])
    assert np.isnan(res.ranks.loc["U4", "idx"])
    assert res.ranks["idx"].tolist()[:3] == [3.0, 2.0, 1.0]
    warn = res.diagnostics[res.diagnostics["severity"] == "warning"]
    assert warn["node"].tolist() == ["d1", "idx"] and warn["unit"].tolist() == ["U4", "U4"]
    assert warn["message"].iloc[0].startswith("aggregate: node 'd1' is missing for unit 'U4' (1 of 2 children available; share 0.5 < min_share 0.")


def test_propagate(tree_method, tree_frame):
    res = gm.compute(tree_method.replace(missing="propagate"), tree_frame)
    assert np.isnan(res.scores.loc["U4", "d1"])
    assert res.scores.loc["U3", "d1"] == 75.0


# ---- labels ---------------------------------------------------------------------------------------
def test_index_labels_of_any_type_are_preserved(tiny_method, tiny_frame):
    frame = tiny_frame.set_axis(pd.Index([30, 10, 20], name="cid"), axis=0)
    res = gm.compute(tiny_method, frame)
    for table in (res.scores, res.ranks):
        assert table.index.equals(frame.index) and table.index.name == "cid"
        assert table.index.dtype == np.int64
    assert res.scores.loc[10, "index"] == 75.0
    assert res.score("index").index.equals(frame.index)
    assert res.to_long()["unit"].tolist()[:3] == [30, 30, 30]


def test_unit_column_of_the_methodology_is_used(tiny_frame):
    m = gm.Methodology(nodes=[gm.Node("index"), gm.Node("broadband", parent="index", column="broadband")],
                       unit="city")
    frame = tiny_frame.assign(city=["x", "y", "z"]).set_axis([7, 8, 9], axis=0)
    res = gm.compute(m, frame)
    assert list(res.units) == ["x", "y", "z"] and res.units.name == "city"
    # without that column, the index is used
    res2 = gm.compute(m, frame.drop(columns="city"))
    assert list(res2.units) == [7, 8, 9]


def test_chinese_unit_names_survive(tiny_method, tiny_frame, tmp_path):
    names = ["北京", "上海", "深圳"]
    res = gm.compute(tiny_method, tiny_frame.set_axis(names, axis=0))
    assert list(res.scores.index) == names
    assert res.scores.loc["上海", "index"] == 75.0
    assert res.to_csv().splitlines()[1].startswith("北京,index,0,")
    p = tmp_path / "zh.csv"
    p.write_text("城市,broadband,licence_days\n北京,10,9\n上海,20,5\n深圳,30,7\n", encoding="utf-8")
    res_csv = gm.compute(tiny_method, p)
    assert list(res_csv.units) == names and res_csv.units.name == "unit"
    assert res_csv.ranks.loc["深圳", "index"] == 1.0
    m = tiny_method.replace(nodes=[gm.Node("index", name="指数")] + tiny_method.nodes[1:])
    assert gm.Methodology.from_json_string(m.to_json()).nodes[0].name == "指数"


def test_extra_columns_and_column_order_do_not_matter(tiny_method, tiny_frame):
    base = gm.compute(tiny_method, tiny_frame).scores
    other = tiny_frame.assign(note=["a", "b", "c"], when=pd.Timestamp("2020-01-01"))[["note", "licence_days", "when", "broadband"]]
    assert gm.compute(tiny_method, other).scores.equals(base)


def test_csv_path_and_dataframe_agree(city_method, city_frame):
    a = gm.compute(city_method, CITY_DATA)
    b = gm.compute(city_method, city_frame)
    assert a.units.name == "city" and list(a.units) == list(b.units)
    assert np.array_equal(a.scores.to_numpy(), b.scores.to_numpy(), equal_nan=True)
    assert np.array_equal(a.ranks.to_numpy(), b.ranks.to_numpy(), equal_nan=True)


def test_numpy_input(tiny_method, tiny_frame):
    x = np.asfortranarray(tiny_frame[["broadband", "licence_days"]].to_numpy())
    res = gm.compute(tiny_method, x, units=["A", "B", "C"])
    assert res.scores["index"].tolist() == [0.0, 75.0, 75.0]
    res = gm.compute(tiny_method, x[:, ::-1].copy(order="F"), columns=["licence_days", "broadband"])
    assert res.scores["index"].tolist() == [0.0, 75.0, 75.0]
    assert list(res.units) == [0, 1, 2]
    with pytest.raises(gm.DataError, match=r"compute: the array is 3 x 2, but 2 unit ids and 2 column names"):
        gm.compute(tiny_method, x, units=["A", "B"])
    with pytest.raises(gm.DataError, match="2-D"):
        gm.compute(tiny_method, x[:, 0])


# ---- bad inputs -----------------------------------------------------------------------------------
def test_non_float_column_names_the_column(city_frame):
    m = gm.Methodology(nodes=[gm.Node("i"), gm.Node("t", parent="i", column="tier"),
                              gm.Node("f", parent="i", column="fixed_broadband_per_100")], unit="city")
    with pytest.raises(gm.DataError) as info:
        gm.compute(m, city_frame)
    assert str(info.value) == (
        "compute: column 'tier' holds text (dtype object, e.g. 'large_2'), not numbers "
        "(convert it, e.g. with pandas.to_numeric, or leave it out)")
    flags = city_frame.assign(tier=city_frame["tier"] == "megacity")
    with pytest.raises(gm.DataError, match=r"column 'tier' holds booleans \(dtype bool"):
        gm.compute(m, flags)
    cats = city_frame.assign(tier=city_frame["tier"].astype("category"))
    with pytest.raises(gm.DataError, match=r"column 'tier' holds categories"):
        gm.compute(m, cats)


def test_integer_and_nullable_columns_are_numbers(tiny_method, tiny_frame):
    base = gm.compute(tiny_method, tiny_frame).scores
    ints = tiny_frame.astype("int64")
    assert gm.compute(tiny_method, ints).scores.equals(base)
    nullable = tiny_frame.astype({"broadband": "Int64", "licence_days": "Float64"})
    nullable.loc["A", "broadband"] = pd.NA
    res = gm.compute(tiny_method, nullable)
    assert np.isnan(res.scores.loc["A", "broadband"]) and res.scores.loc["C", "broadband"] == 100.0


def test_duplicate_units(tiny_method, tiny_frame):
    with pytest.raises(gm.DataError) as info:
        gm.compute(tiny_method, tiny_frame.set_axis(["A", "B", "A"], axis=0))
    assert str(info.value) == "dataset_view: duplicate unit id 'A' (positions 0 and 2)"
    m = tiny_method.replace(unit="u")
    with pytest.raises(gm.DataError, match="duplicate unit id 'x'"):
        gm.compute(m, tiny_frame.assign(u=["x", "y", "x"]))


def test_missing_unit_id(tiny_method, tiny_frame):
    with pytest.raises(gm.DataError, match=r"compute: the unit id at position 1 is missing \(None\)"):
        gm.compute(tiny_method, tiny_frame.set_axis(["A", None, "C"], axis=0))


def test_unit_ids_given_with_an_array(tiny_method, tiny_frame):
    # a list, a tuple and a numpy object array give the same ids; labels that are not
    # text become their str(); a missing one and a repeated one are DataErrors naming them
    x = np.asfortranarray(tiny_frame[["broadband", "licence_days"]].to_numpy())
    want = gm.compute(tiny_method, x, units=["A", "B", "C"]).scores
    for units in (("A", "B", "C"), np.array(["A", "B", "C"], dtype=object)):
        got = gm.compute(tiny_method, x, units=units).scores
        assert got.to_numpy().tobytes() == want.to_numpy().tobytes()
    mixed = gm.compute(tiny_method, x, units=["A", 2, 3.5])
    assert list(mixed._core.units) == ["A", "2", "3.5"]
    with pytest.raises(gm.DataError, match=r"compute: the unit id at position 2 is missing \(nan\)"):
        gm.compute(tiny_method, x, units=("A", "B", float("nan")))
    with pytest.raises(gm.DataError, match=r"duplicate unit id 'B' \(positions 1 and 2\)"):
        gm.compute(tiny_method, x, units=["A", "B", "B"])


def test_unit_ids_of_a_list_given_again(tiny_method, tiny_frame):
    # the binding keeps the last list of str ids it converted: the same list again, a copy of it,
    # the list changed in place, a list of other str objects with the same text, and lists that
    # are not all str give each run its own ids
    x = np.asfortranarray(tiny_frame[["broadband", "licence_days"]].to_numpy())
    units = ["A", "B", "C"]
    first = gm.compute(tiny_method, x, units=units)
    assert list(first._core.units) == ["A", "B", "C"]
    assert list(gm.compute(tiny_method, x, units=units)._core.units) == ["A", "B", "C"]
    assert list(gm.compute(tiny_method, x, units=list(units))._core.units) == ["A", "B", "C"]
    units[1] = "Z"  # in place: the same list object, another item
    assert list(gm.compute(tiny_method, x, units=units)._core.units) == ["A", "Z", "C"]
    assert list(gm.compute(tiny_method, x, units=tuple(units))._core.units) == ["A", "Z", "C"]
    again = ["".join(["A"]), "".join(["Z"]), "".join(["C"])]  # new str objects, same text
    assert list(gm.compute(tiny_method, x, units=again)._core.units) == ["A", "Z", "C"]
    units.append("D")  # one more: the array has three rows
    with pytest.raises(gm.DataError):
        gm.compute(tiny_method, x, units=units)
    units.pop()

    class Label:  # not a str: its str() is called each time, and may differ
        calls = 0

        def __str__(self):
            Label.calls += 1
            return f"L{Label.calls}"

    odd = ["A", Label(), "C"]
    assert list(gm.compute(tiny_method, x, units=odd)._core.units) == ["A", "L1", "C"]
    assert list(gm.compute(tiny_method, x, units=odd)._core.units) == ["A", "L2", "C"]
    # a repeated id is an error every time, not only the first
    for _ in range(2):
        with pytest.raises(gm.DataError, match=r"duplicate unit id 'A' \(positions 0 and 2\)"):
            gm.compute(tiny_method, x, units=["A", "B", "A"])
    # the scores never depend on which path gave the ids
    assert gm.compute(tiny_method, x, units=units).scores.to_numpy().tobytes() == \
        first.scores.to_numpy().tobytes()


def test_empty_frames(tiny_method, tiny_frame):
    with pytest.raises(gm.DataError) as info:
        gm.compute(tiny_method, tiny_frame.iloc[:0])
    assert str(info.value) == "compute: the data have no units (an empty table; 2 columns)"
    with pytest.raises(gm.DataError) as info:
        gm.compute(tiny_method, pd.DataFrame(index=["A", "B"]))
    msg = str(info.value)  # the core names every absent column
    assert msg.startswith("pipeline: ") and "'broadband'" in msg and "'licence_days'" in msg
    with pytest.raises(gm.DataError, match="no units"):
        gm.compute(tiny_method, pd.DataFrame())


def test_missing_column(tiny_method, tiny_frame):
    with pytest.raises(gm.DataError) as info:
        gm.compute(tiny_method, tiny_frame.drop(columns="licence_days"))
    msg = str(info.value)
    assert msg.startswith("pipeline: ") and "'licence_days'" in msg and "'broadband'" not in msg


def test_wrong_input_type(tiny_method):
    with pytest.raises(TypeError, match="DataFrame, a 2-D numpy array or the path"):
        gm.compute(tiny_method, {"broadband": [1.0]})


# ---- zero copy, ownership, in-place changes -------------------------------------------------------
def test_dataframe_columns_are_read_in_place(city_method, city_frame):
    addresses = _input_addresses(city_method, city_frame)
    expected = [_address(city_frame[c].to_numpy()) for c in city_method.columns]
    assert addresses == expected
    # and they are the frame's own memory: one float64 block
    block = city_frame[city_method.columns[0]].to_numpy().base
    assert block is not None and block.dtype == np.float64
    assert all(np.shares_memory(city_frame[c].to_numpy(), block) for c in city_method.columns)


def test_split_blocks_are_read_in_place(tiny_method):
    frame = pd.DataFrame(index=["A", "B", "C"])
    frame["broadband"] = [10.0, 20.0, 30.0]  # one block per insertion
    frame["licence_days"] = [9.0, 5.0, 7.0]
    assert len(frame._mgr.blocks) == 2
    assert _input_addresses(tiny_method, frame) == [_address(frame[c].to_numpy()) for c in ["broadband", "licence_days"]]
    assert gm.compute(tiny_method, frame).scores["index"].tolist() == [0.0, 75.0, 75.0]


def test_fortran_numpy_is_read_in_place_and_c_order_is_converted(tiny_method):
    x = np.asfortranarray([[10.0, 9.0], [20.0, 5.0], [30.0, 7.0]])
    assert _input_addresses(tiny_method, x) == [_address(x), _address(x) + 3 * 8]
    c = np.ascontiguousarray(x)
    assert _input_addresses(tiny_method, c)[0] != _address(c)  # converted once
    assert gm.compute(tiny_method, c).scores["index"].tolist() == [0.0, 75.0, 75.0]


def test_result_arrays_view_cpp_memory_and_keep_it_alive(tiny_method, tiny_frame):
    res = gm.compute(tiny_method, tiny_frame)
    a = res.score_array("index")
    assert np.shares_memory(a, res.score_array("index"))  # the same C++ memory each time
    assert np.shares_memory(a, res.score("index").to_numpy())  # the Series too
    assert not a.flags.writeable and a.base is not None
    r = res.rank_array("index")
    assert r.tolist() == [3.0, 1.0, 1.0]
    del res
    gc.collect()
    assert a.tolist() == [0.0, 75.0, 75.0] and r.tolist() == [3.0, 1.0, 1.0]


def test_results_do_not_depend_on_the_input_afterwards(tiny_method, tiny_frame):
    res = gm.compute(tiny_method, tiny_frame)
    tiny_frame.loc["A", "broadband"] = 1000.0
    del tiny_frame
    gc.collect()
    assert res.scores["index"].tolist() == [0.0, 75.0, 75.0]


def test_new_index_labels_are_seen(tiny_method, tiny_frame):
    assert list(gm.compute(tiny_method, tiny_frame).units) == ["A", "B", "C"]
    tiny_frame.index = ["P", "Q", "R"]  # a new Index object
    res = gm.compute(tiny_method, tiny_frame)
    assert list(res.units) == ["P", "Q", "R"]
    assert res.to_csv().splitlines()[1].startswith("P,index,")  # the C++ side has them too


def test_in_place_changes_to_the_frame_are_seen(tiny_method, tiny_frame):
    assert gm.compute(tiny_method, tiny_frame).scores.loc["A", "index"] == 0.0
    tiny_frame.loc["A", "broadband"] = 40.0  # now the best broadband
    assert gm.compute(tiny_method, tiny_frame).scores.loc["A", "broadband"] == 100.0
    tiny_frame.insert(0, "extra", 1.0)  # new columns, new blocks
    assert gm.compute(tiny_method, tiny_frame).scores.loc["A", "broadband"] == 100.0


def test_long_runs_release_the_gil():
    # While the GIL is held, no other thread runs Python code; so if a spinning thread records
    # timestamps in the middle of a compute() call (the C++ normalise-aggregate-rank part, most of
    # the call), the call must have released the GIL there.
    import time

    n = 300_000
    rng = np.random.default_rng(7)
    x = np.asfortranarray(rng.random((n, 8)))
    nodes = [gm.Node("i")] + [gm.Node(f"c{j}", parent="i", column=f"c{j}") for j in range(8)]
    m = gm.Methodology(nodes=nodes)
    units = pd.RangeIndex(n)
    stamps: list[float] = []
    stop = threading.Event()
    started = threading.Event()

    def spin():
        started.set()
        while not stop.is_set():
            stamps.append(time.perf_counter())

    t = threading.Thread(target=spin)
    t.start()
    started.wait()
    try:
        t0 = time.perf_counter()
        res = gm.compute(m, x, units=units)
        t1 = time.perf_counter()
    finally:
        stop.set()
        t.join()
    assert len(res) == n
    lo, hi = t0 + 0.5 * (t1 - t0), t0 + 0.9 * (t1 - t0)
    inside = sum(1 for s in stamps if lo < s < hi)
    assert inside > 0, f"no Python ran during the middle of a {t1 - t0:.3f} s call"


def test_threads_share_a_methodology(city_method, city_frame):
    from concurrent.futures import ThreadPoolExecutor

    frames = [city_frame, city_frame[city_frame.columns[::-1]], city_frame.sample(frac=1.0, random_state=1)]
    expected = [gm.compute(city_method, f).scores for f in frames]
    assert not expected[2].equals(expected[0])  # shuffled rows: another order

    def run(i):
        return i, gm.compute(city_method, frames[i % 3]).scores

    with ThreadPoolExecutor(4) as pool:
        for i, scores in pool.map(run, range(60)):
            assert scores.equals(expected[i % 3]), i
