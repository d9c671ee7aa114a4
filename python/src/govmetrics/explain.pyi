import os
from typing import Any

import numpy as np
import pandas as pd

from ._result import Result

__all__: list[str]

FILES: tuple[str, ...]

class Explanation:
    unit: str
    profile: pd.DataFrame
    contributions: pd.DataFrame
    strengths: pd.DataFrame
    weaknesses: pd.DataFrame
    def __init__(self, result: Result, unit: Any, raw: np.ndarray, top: int = ...) -> None: ...
    def to_csv(self, directory: str | os.PathLike[str]) -> list[str]: ...
    def plot(self, node: str | None = ..., ax: Any = ...) -> Any: ...
