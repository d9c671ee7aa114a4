import os
from typing import Any

import numpy as np
import pandas as pd

from ._result import Result

__all__: list[str]

FILES: tuple[str, ...]
TARGET_FILES: tuple[str, ...]

class Explanation:
    unit: str
    profile: pd.DataFrame
    contributions: pd.DataFrame
    strengths: pd.DataFrame
    weaknesses: pd.DataFrame
    def __init__(self, result: Result, unit: Any, raw: np.ndarray, top: int = ...) -> None: ...
    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]: ...
    def plot(self, node: str | None = ..., ax: Any = ...) -> Any: ...

class Target:
    unit: str
    node: str
    rank_goal: int | None
    score_goal: float
    reachable: bool
    method: str
    reason: str
    score_before: float
    rank_before: float
    score_after: float
    rank_after: float
    total_cost: float
    changes: pd.DataFrame
    unchanged: pd.DataFrame
    def __init__(
        self,
        result: Result,
        unit: Any,
        raw: np.ndarray,
        *,
        rank: int | None = ...,
        score: float | None = ...,
        node: str | None = ...,
        costs: dict[str, float] | None = ...,
        fixed: Any = ...,
        bounds: dict[str, tuple[float, float]] | None = ...,
    ) -> None: ...
    def probability(
        self, data: Any, *, runs: int | None = ..., seed: int | None = ..., inputs: Any = ..., threads: int | None = ...
    ) -> dict[str, float]: ...
    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]: ...
    def plot(self, ax: Any = ...) -> Any: ...
