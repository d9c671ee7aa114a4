"""govmetrics.dask: uncertainty and sensitivity analysis on a Dask cluster (docs/uncertainty.md,
docs/sensitivity.md).

The replications are cut into parts of whole blocks; each Dask task runs its blocks on a worker
(the same C++ engine, every core of the worker unless ``threads`` says otherwise) and returns the
mergeable state; the client merges the states. Because every replication draws from a stream
keyed by (seed, replication) and statistics read the blocks in order, the result equals a local
run of :func:`govmetrics.uncertainty` to the last bit, whatever the number of parts or workers.

Needs the ``distributed`` package (Debian: python3-distributed); govmetrics must be importable on
the workers.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._methodology import Methodology
from ._uncertainty import UncertaintyResult, _engine, _options, _run

__all__ = ["uncertainty", "sensitivity"]


def _part(method_json: str, data: Any, kind: str, units: Any, columns: Any,
          opts: dict[str, Any]) -> bytes:
    """One task: blocks [first_block, last_block) of the analysis, as state bytes."""
    m = Methodology.from_json_string(method_json, "<dask task>")
    if kind == "csv":  # the file's bytes travel with the task: workers need not share a disk
        import tempfile

        fd, path = tempfile.mkstemp(suffix=".csv")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            core = _run(m, m._engine, path, None, None, opts)
        finally:
            os.unlink(path)
    else:
        core = _run(m, m._engine, data, units, columns, opts)
    return bytes(core.state_bytes())


def _payload(data: Any) -> tuple[Any, str]:
    """What goes with each task: a CSV file's bytes (workers need not share a disk), or the data."""
    if isinstance(data, (str, os.PathLike)):
        with open(os.fspath(data), "rb") as f:
            return f.read(), "csv"
    return data, "memory"


def uncertainty(
    methodology: Methodology | str | os.PathLike[str],
    data: pd.DataFrame | np.ndarray | str | os.PathLike[str],
    *,
    client: Any,
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    nodes: Sequence[str] | None = None,
    inputs: Sequence[Any] | None = None,
    units: Sequence[Any] | None = None,
    columns: Sequence[str] | None = None,
    pairwise: bool = False,
    record: bool = False,
    score_quantiles: bool = False,
    parts: int | None = None,
) -> UncertaintyResult:
    """:func:`govmetrics.uncertainty` on the workers of a ``distributed.Client``: the same
    arguments, plus ``client`` and ``parts`` (how many tasks; default: twice the workers' threads,
    at most one per block); ``threads`` is per task (default 1: a worker runs as many tasks at
    once as it has threads). Returns the merged :class:`UncertaintyResult`, equal to a local run's
    to the last bit."""
    m = methodology if isinstance(methodology, Methodology) else Methodology.from_json(methodology)
    method_json = _core.io.to_json(_engine(m, inputs))
    # one thread per task by default: a worker runs as many tasks at once as it has threads
    opts = _options(runs, seed, 1 if threads is None else threads, nodes, pairwise, record,
                    score_quantiles)
    section = json.loads(method_json).get("uncertainty")
    total_runs = opts["runs"] if opts["runs"] is not None else (section or {}).get("runs")
    if section is None:
        raise _core.SpecError("uncertainty: the methodology has no \"uncertainty\" section and no "
                              "inputs were given (see docs/uncertainty.md)")
    n_blocks = math.ceil(total_runs / _core.uncertainty_block_size)
    if parts is None:
        cores = sum(client.nthreads().values()) or 1
        parts = 2 * cores
    if isinstance(parts, bool) or not isinstance(parts, (int, np.integer)) or parts < 1:
        raise _core.SpecError(f"uncertainty: 'parts' must be a whole number >= 1, got {parts!r}")
    parts = min(int(parts), n_blocks)
    payload, kind = _payload(data)
    # the payload goes with each task (scattering it once made workers fetch it from each other,
    # which failed under load in the tests: "failed to acquire keys")
    futures = []
    for k in range(parts):
        part_opts = dict(opts, first_block=k * n_blocks // parts, last_block=(k + 1) * n_blocks // parts)
        futures.append(client.submit(_part, method_json, payload, kind, units, columns,
                                     part_opts, pure=False))
    states = client.gather(futures)
    merged = None
    for k, b in enumerate(states):
        core = _core.uncertainty_state(b, f"<dask part {k + 1} of {parts}>")
        merged = core if merged is None else merged.merge(core)
    return UncertaintyResult(merged)


def sensitivity(
    methodology: Methodology | str | os.PathLike[str],
    data: pd.DataFrame | np.ndarray | str | os.PathLike[str],
    *,
    client: Any,
    n: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    bootstrap: int | None = None,
    confidence: float | None = None,
    nodes: Sequence[str] | None = None,
    dummy: bool | None = None,
    method: str | None = None,
    scramble: bool | None = None,
    inputs: Sequence[Any] | None = None,
    units: Sequence[Any] | None = None,
    columns: Sequence[str] | None = None,
    parts: int | None = None,
) -> Any:
    """:func:`govmetrics.sensitivity.analyze` on the workers of a ``distributed.Client``: each
    task evaluates whole blocks of the design's base points and returns their state; the client
    merges them and estimates. The same arguments, plus ``client`` and ``parts`` (default: twice
    the workers' threads, at most one per block); ``threads`` is per task (default 1). Equal to a
    local run to the last bit."""
    from .sensitivity import SensitivityResult, _analyze_options

    m = methodology if isinstance(methodology, Methodology) else Methodology.from_json(methodology)
    engine = _engine(m, inputs)
    method_json = _core.io.to_json(engine)
    opts = _analyze_options(n, seed, 1 if threads is None else threads, bootstrap, confidence, nodes,
                            dummy, method, scramble)
    section = json.loads(method_json).get("sensitivity") or {}
    total = opts["sensitivity"]["n"] or section.get("n", 1024)
    n_blocks = math.ceil(total / _core.sensitivity_block_size)
    if parts is None:
        parts = 2 * (sum(client.nthreads().values()) or 1)
    if isinstance(parts, bool) or not isinstance(parts, (int, np.integer)) or parts < 1:
        raise _core.SpecError(f"sensitivity: 'parts' must be a whole number >= 1, got {parts!r}")
    parts = min(int(parts), n_blocks)
    payload, kind = _payload(data)
    futures = []
    for k in range(parts):
        part_opts = dict(opts, first_block=k * n_blocks // parts, last_block=(k + 1) * n_blocks // parts)
        futures.append(client.submit(_part, method_json, payload, kind, units, columns, part_opts, pure=False))
    states = client.gather(futures)
    return SensitivityResult(_core.sensitivity_merge(
        states, [f"<dask part {k + 1} of {parts}>" for k in range(parts)], 0 if threads is None else int(threads)))
