"""The package's surface: names (a contract), the strategy registries (C++ name() <-> Python
class, one to one), stubs that match the modules, docstrings."""

from __future__ import annotations

import ast
import doctest
import keyword
from pathlib import Path

import pytest

import govmetrics as gm
from govmetrics import _core

PACKAGE_DIR = Path(gm.__file__).parent
PUBLIC_MODULES = ["normalize", "aggregate", "missing", "impute", "treat", "weights", "mcda", "plot", "sensitivity", "audit", "explain"]


def test_version_matches_the_cpp_library():
    assert gm.__version__ == "0.1.0"
    assert _core.cpp_version == gm.__version__


@pytest.mark.parametrize(
    "name",
    ["Methodology", "Node", "compute", "Result", "read_csv", "GovMetricsError", "SpecError",
     "DataError", "UnknownCodeError", "ParseError", *PUBLIC_MODULES],
)
def test_public_names(name):
    assert hasattr(gm, name)
    assert name in gm.__all__


def _pascal(cpp_name: str) -> str:
    out = "".join(part[:1].upper() + part[1:] for part in cpp_name.split("_"))
    return out + "_" if keyword.iskeyword(out) else out


@pytest.mark.parametrize(
    "family, module",
    [("normalize", gm.normalize), ("aggregate", gm.aggregate), ("missing", gm.missing),
     ("treat", gm.treat), ("impute", gm.impute), ("weights", gm.weights)],
)
def test_every_cpp_strategy_has_exactly_one_python_class(family, module):
    registry = getattr(_core, family).registry  # built from the C++ variant's alternatives
    assert registry, family
    assert module.registry == registry
    python_names = sorted(cls.__name__ for cls in registry.values())
    assert len(set(python_names)) == len(python_names)
    for cpp_name, cls in registry.items():
        assert cls.name == cpp_name  # the methodology-file key
        assert cls.__name__ == _pascal(cpp_name)
        assert getattr(module, cls.__name__) is cls
        assert cls.__module__ == f"govmetrics.{family}"
        assert cls.__name__ in module.__all__
    # and nothing else in the module looks like a strategy (missing.Screen is a pipeline option
    # bound from C++ missing::screen, not an alternative of missing::any)
    classes = {n for n in module.__all__ if isinstance(getattr(module, n), type)}
    extra = {"missing": {"Screen"}}.get(family, set())
    assert classes == {cls.__name__ for cls in registry.values()} | extra


def test_documented_strategy_names():
    assert gm.normalize.MinMax.name == "min_max"
    assert gm.normalize.ZScore.name == "z_score"
    assert gm.normalize.PercentileRank.name == "percentile_rank"
    assert gm.normalize.Goalposts.name == "goalposts"
    assert gm.normalize.Rank.name == "rank"
    assert gm.normalize.None_.name == "none"
    assert gm.aggregate.Arithmetic.name == "arithmetic"
    assert gm.missing.Skip.name == "skip"
    assert gm.weights.Explicit.name == "explicit"
    assert gm.weights.Equal.name == "equal"


def test_strategies_are_values():
    a = gm.normalize.MinMax(lo=0, hi=1)
    assert a == gm.normalize.MinMax(0, 1)
    assert a != gm.normalize.MinMax(lo=0, hi=2)
    assert a != gm.normalize.ZScore()
    assert hash(a) == hash(gm.normalize.MinMax(0.0, 1.0))
    assert (a.lo, a.hi) == (0.0, 1.0)
    assert repr(a) == "MinMax(lo=0.0, hi=1.0)"
    assert a.to_dict() == {"method": "min_max", "lo": 0.0, "hi": 1.0}
    g = gm.normalize.Goalposts(lo=10, hi=20, clip=False, scale=100)
    assert g.to_dict() == {"method": "goalposts", "lo": 10.0, "hi": 20.0, "clip": False, "scale": 100.0}
    with pytest.raises(AttributeError):
        a.lo = 5  # read-only: a strategy is a value


def test_strategies_pickle():
    import pickle

    for s in [gm.normalize.Goalposts(lo=1, hi=2, clip=False), gm.missing.Skip(min_share=0.25),
              gm.aggregate.Geometric()]:
        assert pickle.loads(pickle.dumps(s)) == s


@pytest.mark.parametrize("module", ["__init__", *PUBLIC_MODULES])
def test_stubs_declare_exactly_the_public_names(module):
    stub = PACKAGE_DIR / f"{module}.pyi"
    assert stub.exists(), stub
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    declared = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
        elif isinstance(node, ast.Assign):
            declared.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            declared.update((a.asname or a.name) for a in node.names if a.asname)
    obj = gm if module == "__init__" else getattr(gm, module)
    public = set(obj.__all__) - {"__all__"}
    missing = public - declared
    assert not missing, f"{module}.pyi lacks {sorted(missing)}"


def test_py_typed_marker_is_shipped():
    assert (PACKAGE_DIR / "py.typed").exists()
    assert (PACKAGE_DIR / "_core.pyi").exists()


@pytest.mark.parametrize("module", ["normalize", "weights", "mcda", "_result", "_methodology"])
def test_docstring_examples_run(module):
    mod = __import__(f"govmetrics.{module}", fromlist=["x"])
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    globs = {"gm": gm, "pd": __import__("pandas"), "np": __import__("numpy"),
             "Methodology": gm.Methodology}
    n = 0
    for test in finder.find(mod, globs=globs):
        test.globs.update(globs)
        runner.run(test)
        n += len(test.examples)
    assert n > 0
    assert runner.failures == 0


def test_public_callables_have_docstrings():
    for name in ["compute", "read_csv", "Methodology", "Result"]:
        assert getattr(gm, name).__doc__, name
    for mod in PUBLIC_MODULES:
        m = getattr(gm, mod)
        assert m.__doc__
        for name in m.__all__:
            obj = getattr(m, name)
            if callable(obj):
                assert obj.__doc__, f"{mod}.{name}"
