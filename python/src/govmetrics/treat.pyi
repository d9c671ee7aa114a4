from typing import Any, ClassVar

class None_:
    name: ClassVar[str]
    def __init__(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

registry: dict[str, type]
__all__: list[str]
