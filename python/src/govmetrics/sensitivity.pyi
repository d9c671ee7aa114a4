import os
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ._methodology import Methodology

__all__: list[str]

def sobol_design(d: int, n: int, *, seed: int = ..., scramble: bool = ..., method: str = ...) -> np.ndarray: ...

class SobolIndices:
    first: np.ndarray
    total: np.ndarray
    first_lo: np.ndarray
    first_hi: np.ndarray
    total_lo: np.ndarray
    total_hi: np.ndarray
    variance: Any
    n: int
    notes: list[str]
    convergence: pd.DataFrame
    def __init__(self, raw: dict[str, Any], vector: bool) -> None: ...

def sobol_indices(
    y: Any, d: int, *, bootstrap: int = ..., confidence: float = ..., seed: int = ..., threads: int | None = ...
) -> SobolIndices: ...
def analyze(
    methodology: Methodology | str | os.PathLike[str],
    data: pd.DataFrame | np.ndarray | str | os.PathLike[str],
    *,
    n: int | None = ...,
    seed: int | None = ...,
    threads: int | None = ...,
    bootstrap: int | None = ...,
    confidence: float | None = ...,
    nodes: Sequence[str] | None = ...,
    dummy: bool | None = ...,
    method: str | None = ...,
    scramble: bool | None = ...,
    inputs: Sequence[Any] | None = ...,
    units: Sequence[Any] | None = ...,
    columns: Sequence[str] | None = ...,
    progress: Any = ...,
) -> SensitivityResult: ...

class SensitivityResult:
    def __init__(self, core: Any) -> None: ...
    @classmethod
    def from_states(cls, states: Sequence[bytes | str | os.PathLike[str]], threads: int | None = ...) -> SensitivityResult: ...
    @property
    def factors(self) -> list[str]: ...
    @property
    def outputs(self) -> list[str]: ...
    @property
    def n(self) -> int: ...
    @property
    def failures(self) -> dict[str, int]: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def first(self) -> pd.DataFrame: ...
    @property
    def total(self) -> pd.DataFrame: ...
    @property
    def indices(self) -> pd.DataFrame: ...
    @property
    def by_unit(self) -> pd.DataFrame: ...
    @property
    def by_unit_scores(self) -> pd.DataFrame: ...
    @property
    def convergence(self) -> pd.DataFrame: ...
    @property
    def design_outputs(self) -> pd.DataFrame: ...
    def indices_to_csv(self, path: str | os.PathLike[str]) -> None: ...
    def by_unit_to_csv(self, path: str | os.PathLike[str]) -> None: ...
    @property
    def plot(self) -> Any: ...
