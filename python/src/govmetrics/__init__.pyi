from . import aggregate as aggregate
from . import audit as audit
from . import explain as explain
from . import impute as impute
from . import mcda as mcda
from . import missing as missing
from . import normalize as normalize
from . import plot as plot
from . import sensitivity as sensitivity
from . import treat as treat
from . import ua as ua
from . import dask as dask
from . import weights as weights
from ._core import DataError as DataError
from ._core import GovMetricsError as GovMetricsError
from ._core import Node as Node
from ._core import ParseError as ParseError
from ._core import SpecError as SpecError
from ._core import UnknownCodeError as UnknownCodeError
from ._methodology import Methodology as Methodology
from ._result import Result as Result
from ._result import compute as compute
from ._result import read_csv as read_csv
from ._uncertainty import UncertaintyResult as UncertaintyResult
from ._uncertainty import uncertainty as uncertainty
from .audit import compare as compare

__version__: str
__all__: list[str]
