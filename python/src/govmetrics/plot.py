"""Charts of a Result (matplotlib, an optional dependency: importing govmetrics never needs it).

Each function draws on ``ax`` when given, else on a new figure, and returns the Axes; save with
``ax.figure.savefig("chart.png")``. The same charts hang off a result as ``res.plot.<name>``::

    res.plot.ranking(top=20)        horizontal bars, stacked by each child's weighted contribution
    res.plot.profile(unit)          a unit's dimension scores against the median unit
    res.plot.distribution(node)     histogram of a node's scores
    res.plot.correlation(level=1)   heatmap of the correlations between the nodes of a level
    rank_shift(res_a, res_b)        how ranks move between two methodologies (slope chart)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from ._result import Result

__all__ = ["ResultPlot", "ranking", "profile", "distribution", "correlation", "rank_shift"]

_MISSING_MATPLOTLIB = (
    "govmetrics charts need matplotlib, which is not installed. Install it: "
    "'apt install python3-matplotlib' (Debian), or 'pip install govmetrics[plot]' / "
    "'pip install matplotlib'."
)


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError(_MISSING_MATPLOTLIB) from e
    return plt


def _axes(ax: Any, figsize: tuple[float, float], **kwargs: Any) -> Any:
    if ax is not None:
        return ax
    plt = _pyplot()
    _, ax = plt.subplots(figsize=figsize, **kwargs)
    return ax


def _label(result: "Result", code: str) -> str:
    for n in result.methodology.nodes:
        if n.code == code:
            return n.name or code
    return code


def _contributions(result: "Result", node: str) -> pd.DataFrame | None:
    """Each child's share of an arithmetic node's score, w_c s_c / sum(w over available
    children), which add up to the score; None when the node is not an arithmetic mean."""
    m = result.methodology
    kids = m.children(node)
    methods = result._core.methods
    if not kids or methods[m.codes.index(node)] != "arithmetic":
        return None
    s = result.scores[kids].to_numpy()
    w = result.weights.loc[kids, "weight"].to_numpy()
    avail = ~np.isnan(s)
    denom = (avail * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        parts = np.where(avail, s, 0.0) * w / denom[:, None]
    return pd.DataFrame(parts, index=result.units, columns=kids)


def ranking(result: "Result", top: int = 20, node: str | None = None, ax: Any = None) -> Any:
    """The best ``top`` units at a node (default the root) as horizontal bars, best on top. For
    an arithmetic node the bars are stacked by each child's weighted contribution (they add up to
    the score); otherwise plain bars of the score."""
    m = result.methodology
    code = m.root if node is None else node
    score = result.score(code)
    order = np.argsort(-np.nan_to_num(score.to_numpy(), nan=-np.inf), kind="stable")
    order = [i for i in order if not np.isnan(score.iloc[i])][:top]
    units = [str(u) for u in result.units[order]]
    ax = _axes(ax, (8.0, max(3.0, 0.32 * len(units) + 1.2)))
    y = np.arange(len(units))
    parts = _contributions(result, code)
    if parts is not None:
        left = np.zeros(len(units))
        for c in parts.columns:
            width = parts[c].to_numpy()[order]
            ax.barh(y, width, left=left, label=_label(result, c))
            left += width
        ax.legend(loc="lower right", fontsize="small", title="weighted contribution")
    else:
        ax.barh(y, score.to_numpy()[order], color="tab:blue")
    ranks = result.rank(code).to_numpy()[order]
    ax.set_yticks(y)
    ax.set_yticklabels([f"{r:g}. {u}" if not np.isnan(r) else u for r, u in zip(ranks, units)])
    ax.invert_yaxis()
    ax.set_xlabel(f"{_label(result, code)} score")
    ax.set_title(f"{_label(result, code)}: top {len(units)}")
    ax.figure.tight_layout()
    return ax


def profile(result: "Result", unit: Any, node: str | None = None, kind: str = "bar", ax: Any = None) -> Any:
    """One unit's scores on the children of a node (default the root's: the dimensions) against
    the median over all units. ``kind``: "bar" (grouped bars) or "radar"."""
    m = result.methodology
    code = m.root if node is None else node
    kids = m.children(code)
    if not kids:
        raise ValueError(f"profile: node {code!r} has no children")
    if unit not in result.units:
        from ._core import UnknownCodeError

        raise UnknownCodeError(f"profile: unknown unit {unit!r}")
    values = result.scores.loc[unit, kids].to_numpy(dtype=float)
    median = result.scores[kids].median().to_numpy(dtype=float)
    names = [_label(result, c) for c in kids]
    if kind == "radar":
        ax = _axes(ax, (6.0, 6.0), subplot_kw={"projection": "polar"})
        angles = np.linspace(0, 2 * np.pi, len(kids), endpoint=False)
        closed = np.append(angles, angles[0])
        for vals, lab, style in ((values, str(unit), "-"), (median, "median unit", "--")):
            ax.plot(closed, np.append(vals, vals[0]), style, label=lab)
            ax.fill(closed, np.append(vals, vals[0]), alpha=0.15)
        ax.set_xticks(angles)
        ax.set_xticklabels(names, fontsize="small")
    elif kind == "bar":
        ax = _axes(ax, (max(6.0, 1.4 * len(kids) + 2), 4.5))
        x = np.arange(len(kids))
        ax.bar(x - 0.2, values, width=0.4, label=str(unit))
        ax.bar(x + 0.2, median, width=0.4, label="median unit", color="tab:gray")
        ax.set_xticks(x)
        ax.set_xticklabels(names, rotation=20, ha="right", fontsize="small")
        ax.set_ylabel("score")
    else:
        raise ValueError(f"profile: kind must be 'bar' or 'radar', not {kind!r}")
    rank = result.rank(code).loc[unit]
    rank_text = "" if np.isnan(rank) else f" (rank {rank:g} at {_label(result, code)})"
    ax.set_title(f"{unit}{rank_text}")
    ax.legend(loc="best", fontsize="small")
    ax.figure.tight_layout()
    return ax


def distribution(result: "Result", node: str | None = None, bins: int = 20, ax: Any = None) -> Any:
    """Histogram of a node's scores (default the root) over the units, with the median marked."""
    code = result.methodology.root if node is None else node
    s = result.score(code).dropna()
    ax = _axes(ax, (7.0, 4.0))
    ax.hist(s.to_numpy(), bins=bins, color="tab:blue", alpha=0.8, edgecolor="white")
    med = float(s.median()) if len(s) else np.nan
    if not np.isnan(med):
        ax.axvline(med, color="black", linestyle="--", label=f"median {med:.2f}")
        ax.legend(loc="best", fontsize="small")
    ax.set_xlabel(f"{_label(result, code)} score")
    ax.set_ylabel("units")
    ax.set_title(f"{_label(result, code)}: distribution over {len(s)} units")
    ax.figure.tight_layout()
    return ax


def correlation(
    result: "Result", level: int | str | Sequence[str] = 1, method: str = "pearson", ax: Any = None
) -> Any:
    """Heatmap of the correlations between nodes: ``level`` is a depth below the root (1: the
    dimensions), "indicators", "aggregates", or a list of codes. ``method``: "pearson",
    "spearman" or "kendall" (pandas' ``DataFrame.corr``, pairwise complete)."""
    m = result.methodology
    if isinstance(level, str):
        if level == "indicators":
            codes = m.indicators
        elif level == "aggregates":
            codes = [c for c in m.codes if c not in set(m.indicators)]
        else:
            raise ValueError(f"correlation: level must be a depth, 'indicators', 'aggregates' or codes, not {level!r}")
    elif isinstance(level, (int, np.integer)):
        codes = m.level(int(level))
    else:
        codes = list(level)
    if len(codes) < 2:
        raise ValueError(f"correlation: level {level!r} has {len(codes)} node(s); need at least 2")
    corr = result.scores[codes].corr(method=method)
    size = max(4.5, 0.45 * len(codes) + 2.5)
    ax = _axes(ax, (size + 1.0, size))
    im = ax.imshow(corr.to_numpy(), vmin=-1.0, vmax=1.0, cmap="RdBu_r")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label=f"{method} correlation")
    ax.set_xticks(range(len(codes)))
    ax.set_yticks(range(len(codes)))
    ax.set_xticklabels(codes, rotation=45, ha="right", fontsize="small")
    ax.set_yticklabels(codes, fontsize="small")
    if len(codes) <= 12:
        values = corr.to_numpy()
        for i in range(len(codes)):
            for j in range(len(codes)):
                v = values[i, j]
                if not np.isnan(v):
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize="x-small",
                            color="white" if abs(v) > 0.6 else "black")
    ax.set_title(f"Correlations ({method}), level {level if not isinstance(level, list) else 'selected'}")
    ax.figure.tight_layout()
    return ax


def rank_shift(
    a: "Result",
    b: "Result",
    node: str | None = None,
    top: int | None = 20,
    labels: tuple[str, str] = ("A", "B"),
    ax: Any = None,
) -> Any:
    """Slope chart of the ranks at a node (default the root) under two results of the same units:
    one line per unit from its rank in ``a`` to its rank in ``b`` (green: up, red: down). With
    ``top``, only units in the top ``top`` of either result."""
    code = a.methodology.root if node is None else node
    cmp = a.compare(b, node=code, labels=("a", "b")).dropna()
    if top is not None:
        cmp = cmp[(cmp["rank_a"] <= top) | (cmp["rank_b"] <= top)]
    ax = _axes(ax, (7.0, max(4.0, 0.28 * len(cmp) + 1.5)))
    annotate = len(cmp) <= 40
    for unit, row in cmp.iterrows():
        shift = row["shift"]
        color = "tab:green" if shift > 0 else ("tab:red" if shift < 0 else "tab:gray")
        ax.plot([0, 1], [row["rank_a"], row["rank_b"]], "-o", color=color, markersize=3, linewidth=1.2)
        if annotate:
            ax.text(-0.03, row["rank_a"], f"{unit} ({row['rank_a']:g})", ha="right", va="center", fontsize="x-small")
            ax.text(1.03, row["rank_b"], f"({row['rank_b']:g}) {unit}", ha="left", va="center", fontsize="x-small")
    ax.set_xlim(-0.8 if annotate else -0.1, 1.8 if annotate else 1.1)
    ax.set_xticks([0, 1])
    ax.set_xticklabels(list(labels))
    ax.invert_yaxis()
    ax.set_ylabel(f"rank at {code}")
    moved = int((cmp["shift"] != 0).sum())
    ax.set_title(f"Rank shifts at {code}: {moved} of {len(cmp)} units move")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.figure.tight_layout()
    return ax


class ResultPlot:
    """``res.plot``: the charts above bound to one result."""

    __slots__ = ("_result",)

    def __init__(self, result: "Result") -> None:
        self._result = result

    def ranking(self, top: int = 20, node: str | None = None, ax: Any = None) -> Any:
        return ranking(self._result, top=top, node=node, ax=ax)

    def profile(self, unit: Any, node: str | None = None, kind: str = "bar", ax: Any = None) -> Any:
        return profile(self._result, unit, node=node, kind=kind, ax=ax)

    def distribution(self, node: str | None = None, bins: int = 20, ax: Any = None) -> Any:
        return distribution(self._result, node=node, bins=bins, ax=ax)

    def correlation(self, level: int | str | Sequence[str] = 1, method: str = "pearson", ax: Any = None) -> Any:
        return correlation(self._result, level=level, method=method, ax=ax)

    ranking.__doc__ = globals()["ranking"].__doc__
    profile.__doc__ = globals()["profile"].__doc__
    distribution.__doc__ = globals()["distribution"].__doc__
    correlation.__doc__ = globals()["correlation"].__doc__
