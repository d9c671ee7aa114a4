from typing import Any, ClassVar, Mapping, Sequence, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

_Direction = str | int | float
_Directions = _Direction | Sequence[_Direction] | Mapping[Any, _Direction] | pd.Series

class Explicit:
    name: ClassVar[str]
    def __init__(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Equal:
    name: ClassVar[str]
    def __init__(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Entropy:
    name: ClassVar[str]
    zeros: str
    def __init__(self, zeros: str = ...) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Critic:
    name: ClassVar[str]
    def __init__(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Std:
    name: ClassVar[str]
    def __init__(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Cv:
    name: ClassVar[str]
    def __init__(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Pca:
    name: ClassVar[str]
    mode: str
    def __init__(self, mode: str = ...) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Ahp:
    name: ClassVar[str]
    matrix: list[list[float]]
    order: list[str]
    max_cr: float
    reciprocal_tol: float
    def __init__(
        self,
        matrix: Sequence[Sequence[float]] = ...,
        order: Sequence[str] = ...,
        max_cr: float = ...,
        reciprocal_tol: float = ...,
    ) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Combined:
    name: ClassVar[str]
    objective: str
    alpha: float
    mode: str
    def __init__(self, objective: str = ..., alpha: float = ..., mode: str = ...) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

registry: dict[str, type]
__all__: list[str]

@overload
def entropy(m: pd.DataFrame, *, zeros: str = ...) -> pd.Series: ...
@overload
def entropy(m: npt.ArrayLike, *, zeros: str = ...) -> npt.NDArray[np.float64]: ...
@overload
def critic(m: pd.DataFrame, directions: _Directions = ...) -> pd.Series: ...
@overload
def critic(m: npt.ArrayLike, directions: _Directions = ...) -> npt.NDArray[np.float64]: ...
@overload
def std_dev(m: pd.DataFrame) -> pd.Series: ...
@overload
def std_dev(m: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
@overload
def cv(m: pd.DataFrame) -> pd.Series: ...
@overload
def cv(m: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
