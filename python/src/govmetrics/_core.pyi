# Type stubs of the compiled extension govmetrics._core (private: use the govmetrics package).
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

__version__: str
cpp_version: str

class GovMetricsError(Exception): ...
class SpecError(GovMetricsError, ValueError): ...
class DataError(GovMetricsError, ValueError): ...
class UnknownCodeError(GovMetricsError, KeyError): ...

class ParseError(GovMetricsError, ValueError):
    source: str
    line: int
    column: int

class Node:
    code: str
    name: str
    parent: str
    weight: float
    direction: str
    column: str
    unit: str
    description: str
    labels: dict[str, str]
    denominator: str
    def __init__(
        self,
        code: str,
        *,
        parent: str = "",
        column: str = "",
        weight: float = 1.0,
        direction: str | int | float = "positive",
        name: str = "",
        unit: str = "",
        description: str = "",
        labels: Mapping[str, str] = ...,
        denominator: str = "",
    ) -> None: ...
    @property
    def is_indicator(self) -> bool: ...
    def copy(self) -> Node: ...

def check_nodes(nodes: Sequence[Node]) -> list[str]: ...

class PipelineSpec:
    normalize: Any
    aggregate: Any
    missing: Any
    weights: Any
    treat: Any
    impute: Any
    screen: Any
    ties: str
    ranks: str
    normalize_overrides: dict[str, Any]
    aggregate_overrides: dict[str, Any]
    impute_overrides: dict[str, Any]
    weights_overrides: dict[str, Any]
    def __init__(
        self,
        *,
        normalize: Any = None,
        aggregate: Any = None,
        missing: Any = None,
        weights: Any = None,
        treat: Any = None,
        ties: str = "min",
        ranks: str = "all",
        normalize_overrides: Mapping[str, Any] | None = None,
        aggregate_overrides: Mapping[str, Any] | None = None,
        impute: Any = None,
        screen: Any = None,
        impute_overrides: Mapping[str, Any] | None = None,
        weights_overrides: Mapping[str, Any] | None = None,
    ) -> None: ...

class UnitIds:
    def __init__(self, labels: Iterable[Any]) -> None: ...
    def __len__(self) -> int: ...
    def tolist(self) -> list[str]: ...

class Result:
    units: list[str]
    n_units: int
    n_nodes: int
    ties: str
    weights: npt.NDArray[np.float64]
    methods: list[str]
    def score(self, node: str | int) -> npt.NDArray[np.float64]: ...
    def rank(self, node: str | int) -> npt.NDArray[np.float64] | None: ...
    def scores_matrix(self) -> npt.NDArray[np.float64]: ...
    def ranks_matrix(self) -> npt.NDArray[np.float64]: ...
    def params(self) -> list[tuple[str, str, list[tuple[str, float]]]]: ...
    def diagnostics(self) -> list[tuple[str, str, str, str, str]]: ...
    def outputs(self, node: str | int) -> dict[str, npt.NDArray[np.float64]]: ...
    def facts(self, node: str | int) -> dict[str, float]: ...
    def weight_details(self) -> list[dict[str, Any]]: ...
    def denominated(self, code: str) -> npt.NDArray[np.float64] | None: ...
    def imputed(self, code: str) -> npt.NDArray[np.float64] | None: ...
    def screened(self, code: str) -> npt.NDArray[np.float64] | None: ...
    def imputation(self) -> list[tuple[str, str, str, int, list[str], int, list[str]]]: ...
    screened_units: list[str]
    screened_indicators: list[str]
    unit_shares: npt.NDArray[np.float64] | None

class UncertaintyRun:
    runs: int
    seed: int
    units: list[str]
    nodes: list[str]
    def rank_statistics(self) -> list[tuple[str, str, float, float, float, float, float, float, int, float, float, float]]: ...
    def acceptability(self) -> list[tuple[str, str, float, float]]: ...
    def rank_shifts(self) -> npt.NDArray[np.float64]: ...
    def failures(self) -> dict[str, int]: ...
    def rank_statistics_csv(self) -> str: ...
    def acceptability_csv(self) -> str: ...

class SensitivityRun:
    factors: list[str]
    outputs: list[str]
    n: int
    n_design: int
    dropped: int
    failures: dict[str, int]
    y: npt.NDArray[np.float64]
    estimates: dict[str, Any]
    convergence: list[dict[str, Any]]
    def indices_csv(self, which: str) -> str: ...
    def convergence_csv(self) -> str: ...

def sobol_design(d: int, n: int, seed: int, scramble: bool, method: str) -> npt.NDArray[np.float64]: ...
def sobol_indices(y: npt.ArrayLike, d: int, bootstrap: int, confidence: float, seed: int, threads: int) -> dict[str, Any]: ...

class Engine:
    def __init__(self, nodes: Sequence[Node], spec: PipelineSpec, *, name: str = "", description: str = "", unit: str = "") -> None: ...
    nodes: list[Node]
    spec: PipelineSpec
    name: str
    description: str
    unit: str
    layout: str
    columns: list[str]
    label_columns: list[str]
    codes: list[str]
    parents: list[str]
    depths: list[int]
    root: int
    indicators: list[int]
    weights: npt.NDArray[np.float64]
    def children(self, position: int) -> list[int]: ...
    def run_matrix(self, units: Iterable[Any] | UnitIds, x: npt.ArrayLike, names: Sequence[str] | None = None, labels: Mapping[str, Sequence[Any]] | None = None) -> Result: ...
    def run_blocks(self, units: Iterable[Any] | UnitIds, blocks: list[npt.NDArray[np.float64]], blkno: npt.NDArray[np.int64], blkloc: npt.NDArray[np.int64], names: Sequence[str] | None = None, labels: Mapping[str, Sequence[Any]] | None = None) -> Result: ...
    def run_csv(self, path: str) -> tuple[Result, list[str]]: ...
    def uncertainty_blocks(self, units: Iterable[Any] | UnitIds, blocks: list[npt.NDArray[np.float64]], blkno: npt.NDArray[np.int64], blkloc: npt.NDArray[np.int64], names: Sequence[str] | None = None, labels: Mapping[str, Sequence[Any]] | None = None, runs: int | None = None, seed: int | None = None, threads: int = 0, nodes: Sequence[str] = ()) -> UncertaintyRun: ...
    def uncertainty_matrix(self, units: Iterable[Any] | UnitIds, x: npt.ArrayLike, names: Sequence[str] | None = None, runs: int | None = None, seed: int | None = None, threads: int = 0, nodes: Sequence[str] = ()) -> UncertaintyRun: ...
    def uncertainty_csv(self, path: str, runs: int | None = None, seed: int | None = None, threads: int = 0, nodes: Sequence[str] = ()) -> UncertaintyRun: ...
    def matrix_addresses(self, units: Iterable[Any], x: npt.ArrayLike, names: Sequence[str] | None = None) -> list[int]: ...
    def block_addresses(self, units: Iterable[Any], blocks: list[npt.NDArray[np.float64]], blkno: npt.NDArray[np.int64], blkloc: npt.NDArray[np.int64], names: Sequence[str] | None = None) -> list[int]: ...
    def bench_matrix(self, units: Iterable[Any], x: npt.ArrayLike, repeat: int) -> float: ...

class _Submodule:
    registry: dict[str, type]
    def __getattr__(self, name: str) -> Any: ...

normalize: _Submodule
aggregate: _Submodule
missing: _Submodule
treat: _Submodule
impute: _Submodule
weights: _Submodule
mcda: Any
io: Any
audit: Any
