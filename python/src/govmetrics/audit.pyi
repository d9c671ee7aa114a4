import os
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from ._result import Result

__all__: list[str]

DATA_SETS: tuple[str, ...]
METHODS: tuple[str, ...]
FILES: tuple[str, ...]

def correlation_matrix(result: Result, codes: Sequence[str], method: str = ...) -> pd.DataFrame: ...

class Audit:
    def __init__(
        self,
        result: Result,
        raw: Callable[[], np.ndarray],
        *,
        skew: float = ...,
        kurtosis: float = ...,
        availability: float = ...,
        nonzero: float = ...,
        unique: float = ...,
        collinear: float = ...,
        importance_factor: float = ...,
    ) -> None: ...
    def stats(self, data_set: str = ...) -> pd.DataFrame: ...
    def correlations(self, methods: Sequence[str] = ...) -> pd.DataFrame: ...
    def correlation_matrix(self, codes: Sequence[str], method: str = ...) -> pd.DataFrame: ...
    @property
    def flags(self) -> pd.DataFrame: ...
    @property
    def cronbach(self) -> pd.DataFrame: ...
    @property
    def effective_weights(self) -> pd.DataFrame: ...
    @property
    def importance(self) -> pd.DataFrame: ...
    @property
    def remove(self) -> pd.DataFrame: ...
    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]: ...
