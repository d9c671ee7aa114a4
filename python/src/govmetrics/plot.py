"""Charts of a Result and of an UncertaintyResult (matplotlib, an optional dependency: importing
govmetrics never needs it).

Each function draws on ``ax`` when given, else on a new figure, and returns the Axes; save with
``ax.figure.savefig("chart.png")``. The same charts hang off a result as ``res.plot.<name>`` and
off an uncertainty result as ``ures.plot.<name>``::

    res.plot.ranking(top=20)        horizontal bars, stacked by each child's weighted contribution
    res.plot.profile(unit)          a unit's dimension scores against the median unit
    res.plot.distribution(node)     histogram of a node's scores
    res.plot.correlation(level=1)   heatmap of the correlations between the nodes of a level
    rank_shift(res_a, res_b)        how ranks move between two methodologies (slope chart)
    ures.plot.rank_intervals()      each unit's 5-95% rank interval, median and nominal rank
    ures.plot.acceptability()       heatmap of P(rank = k) (or P(rank <= k)), units by nominal rank
    sres.plot.indices()             bars of S_i and ST_i per factor with bootstrap intervals
    sres.plot.by_unit()             heatmap of each unit's total index per factor
    sres.plot.convergence()         the indices at N/8, N/4, N/2 and N
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from ._result import Result
    from ._uncertainty import UncertaintyResult
    from .sensitivity import SensitivityResult

__all__ = ["ResultPlot", "ranking", "profile", "distribution", "correlation", "importance", "rank_shift",
           "UncertaintyPlot", "rank_intervals", "acceptability", "SensitivityPlot",
           "sensitivity_indices", "sensitivity_by_unit", "sensitivity_convergence"]

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
    "spearman" or "kendall" (the audit's correlations, ``govmetrics.audit.correlation_matrix``:
    pairwise complete, NaN where undefined)."""
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
    from .audit import correlation_matrix

    corr = correlation_matrix(result, codes, method)
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


def importance(result: "Result", node: str | None = None, ax: Any = None) -> Any:
    """Weight against importance for the children of ``node`` (default the index): paired bars of
    each child's weight share and its share of the correlation ratios (the audit's importance,
    docs/audit.md), flagged children marked. Bars that differ widely show a nominal weight that
    does not say what really drives the scores."""
    code = result.methodology.root if node is None else node
    imp = result.audit.importance
    rows = imp[imp["parent"] == code]
    if rows.empty:
        raise KeyError(f"plot.importance: '{code}' has no children in the importance table")
    ax = _axes(ax, (7.0, 0.5 * max(len(rows), 3) + 1.5))
    y = np.arange(len(rows))[::-1]
    ax.barh(y + 0.2, rows["weight_share"], height=0.4, color="#bbbbbb", label="weight share")
    ax.barh(y - 0.2, rows["importance_share"], height=0.4, color="#4477aa",
            label="importance share (correlation ratio)")
    labels = [f"{n} ({f})" if f != "ok" else str(n) for n, f in zip(rows["node"], rows["flag"])]
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.set_xlabel("share among the children")
    ax.set_title(f"Weight against importance at {code}")
    ax.legend(loc="lower right", fontsize="small")
    ax.figure.tight_layout()
    return ax


def _tracked(ures: "UncertaintyResult", node: str | None, what: str) -> str:
    nodes = ures.nodes
    code = nodes[0] if node is None else node
    if code not in nodes:
        raise ValueError(f"{what}: node {code!r} is not tracked (tracked nodes: {', '.join(nodes)}); "
                         "pass nodes=[...] to govmetrics.uncertainty to track it")
    return code


def _at_least_one(value: Any, name: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{what}: {name} must be a whole number >= 1, not {value!r}")
    return int(value)


def _by_nominal_rank(ures: "UncertaintyResult", code: str) -> pd.DataFrame:
    """The rank statistics of one node, best nominal rank first (ties in the data's order, units
    without a nominal rank last)."""
    stats = ures.rank_statistics
    stats = stats[stats["node"] == code]
    return stats.sort_values("nominal", kind="stable", na_position="last").reset_index(drop=True)


def rank_intervals(ures: "UncertaintyResult", node: str | None = None, top: int | None = None, ax: Any = None) -> Any:
    """Each unit's rank distribution at a tracked node (default the first, ``ures.nodes[0]``), as
    COINr's ``plot_uncertainty``: units along x by nominal rank (best first), a vertical line from
    the 5% to the 95% quantile of the rank, a dot at the median and a cross at the nominal rank;
    rank 1 at the top. With ``top``, only the best ``top`` units by nominal rank."""
    code = _tracked(ures, node, "rank_intervals")
    if top is not None:
        top = _at_least_one(top, "top", "rank_intervals")
    stats = _by_nominal_rank(ures, code)
    if top is not None:
        stats = stats.iloc[:top]
    units = [str(u) for u in stats["unit"]]
    x = np.arange(len(units))
    ax = _axes(ax, (max(6.0, 0.18 * len(units) + 2.0), 4.5))
    ax.vlines(x, stats["q05"].to_numpy(), stats["q95"].to_numpy(), color="tab:blue", linewidth=2.0,
              alpha=0.6, label="5-95% interval")
    ax.plot(x, stats["median"].to_numpy(), "o", color="tab:blue", markersize=5, label="median")
    ax.plot(x, stats["nominal"].to_numpy(), "x", color="tab:red", markersize=6, label="nominal")
    ax.set_xticks(x)
    ax.set_xticklabels(units, rotation=90, fontsize="small" if len(units) <= 40 else "x-small")
    ax.set_xlim(-0.7, len(units) - 0.3)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.invert_yaxis()
    ax.set_ylabel("rank")
    ax.set_xlabel(f"units by nominal rank at {code}")
    ax.set_title(f"Rank intervals at {code} ({ures.runs} runs, 5-95%)")
    ax.legend(loc="best", fontsize="small")
    ax.figure.tight_layout()
    return ax


def acceptability(
    ures: "UncertaintyResult",
    node: str | None = None,
    max_rank: int | None = None,
    ax: Any = None,
    cumulative: bool = False,
) -> Any:
    """Heatmap of the rank acceptability at a tracked node (default the first): P(rank = k), or
    P(rank <= k) with ``cumulative``, one row per unit by nominal rank (best on top), one column
    per rank k from 1 to ``max_rank`` (default: the number of units). When ties "average" gave
    half ranks, the columns are the rank values that occur, up to ``max_rank``. A row sums to the
    share of replications that ranked the unit, less the ranks beyond ``max_rank``."""
    code = _tracked(ures, node, "acceptability")
    stats = _by_nominal_rank(ures, code)
    units = list(stats["unit"])
    max_rank = len(units) if max_rank is None else _at_least_one(max_rank, "max_rank", "acceptability")
    acc = ures.acceptability
    acc = acc[acc["node"] == code]
    present = np.unique(acc["rank"].to_numpy(dtype=float))
    if np.all(present == np.floor(present)):
        columns = np.arange(1, max_rank + 1, dtype=float)
    else:
        columns = present[present <= max_rank]
        if not len(columns):
            raise ValueError(f"acceptability: no rank at {code!r} is <= max_rank {max_rank} (smallest {present[0]:g})")
    ranks = np.union1d(present, columns)
    table = np.zeros((len(units), len(ranks)))
    row = {u: i for i, u in enumerate(units)}
    np.add.at(table, (acc["unit"].map(row).to_numpy(dtype=np.int64),
                      np.searchsorted(ranks, acc["rank"].to_numpy(dtype=float))),
              acc["probability"].to_numpy(dtype=float))
    if cumulative:
        table = np.cumsum(table, axis=1)
    values = table[:, np.searchsorted(ranks, columns)]
    label = "P(rank <= k)" if cumulative else "P(rank = k)"
    rows, cols = values.shape
    ax = _axes(ax, (max(5.0, 0.3 * cols + 3.0), max(3.5, 0.25 * rows + 1.5)))
    im = ax.imshow(values, vmin=0.0, vmax=1.0, cmap="viridis", aspect="auto", interpolation="nearest")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label=label)
    step = max(1, int(np.ceil(cols / 30)))
    ax.set_xticks(range(0, cols, step))
    ax.set_xticklabels([f"{k:g}" for k in columns[::step]], fontsize="small")
    ax.set_yticks(range(rows))
    ax.set_yticklabels([str(u) for u in units], fontsize="small" if rows <= 40 else "x-small")
    if rows * cols <= 100:
        for i in range(rows):
            for j in range(cols):
                v = values[i, j]
                if v > 0:
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize="x-small",
                            color="black" if v > 0.6 else "white")
    ax.set_xlabel("rank k")
    ax.set_ylabel(f"units by nominal rank at {code}")
    ax.set_title(f"Rank acceptability at {code}: {label} ({ures.runs} runs)")
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

    def importance(self, node: str | None = None, ax: Any = None) -> Any:
        return importance(self._result, node=node, ax=ax)

    ranking.__doc__ = globals()["ranking"].__doc__
    importance.__doc__ = globals()["importance"].__doc__
    profile.__doc__ = globals()["profile"].__doc__
    distribution.__doc__ = globals()["distribution"].__doc__
    correlation.__doc__ = globals()["correlation"].__doc__


class UncertaintyPlot:
    """``ures.plot``: the uncertainty charts above bound to one uncertainty result."""

    __slots__ = ("_result",)

    def __init__(self, result: "UncertaintyResult") -> None:
        self._result = result

    def rank_intervals(self, node: str | None = None, top: int | None = None, ax: Any = None) -> Any:
        return rank_intervals(self._result, node=node, top=top, ax=ax)

    def acceptability(
        self, node: str | None = None, max_rank: int | None = None, ax: Any = None, cumulative: bool = False
    ) -> Any:
        return acceptability(self._result, node=node, max_rank=max_rank, ax=ax, cumulative=cumulative)

    rank_intervals.__doc__ = globals()["rank_intervals"].__doc__
    acceptability.__doc__ = globals()["acceptability"].__doc__


def _sensitivity_bars(sres: "SensitivityResult", output: str, ax: Any = None) -> Any:
    kind = {"rank": "ranks", "score": "scores"}.get(output.split(":", 1)[0], "scalar")
    table = sres._long(kind)
    table = table[table["output"] == output]
    if table.empty:
        raise ValueError(f"sensitivity: no output {output!r} (outputs: mean_abs_rank_shift, rank:UNIT@NODE, "
                         "score:UNIT@NODE)")
    factors = list(table["factor"])
    x = np.arange(len(factors))
    ax = _axes(ax, (max(5.0, 1.2 * len(factors) + 2.0), 4.0))
    for offset, key, label in ((-0.2, "first", "first order S_i"), (0.2, "total", "total order ST_i")):
        mid = table[key].to_numpy(dtype=float)
        lo = table[key + "_lo"].to_numpy(dtype=float)
        hi = table[key + "_hi"].to_numpy(dtype=float)
        err = None
        if not np.all(np.isnan(lo)):
            err = np.vstack([np.clip(mid - lo, 0, None), np.clip(hi - mid, 0, None)])
        ax.bar(x + offset, mid, width=0.4, label=label, yerr=err, capsize=3)
    ax.set_xticks(x)
    ax.set_xticklabels(factors, rotation=30, ha="right")
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.set_ylabel("Sobol' index")
    ax.set_title(f"Sensitivity of {output} (N = {sres.n})")
    ax.legend()
    ax.figure.tight_layout()
    return ax


def sensitivity_indices(sres: "SensitivityResult", output: str = "mean_abs_rank_shift", ax: Any = None) -> Any:
    """Bars of the first- and total-order indices of each factor for one output (default COINr's
    scalar, the mean absolute rank shift; or ``rank:UNIT@NODE``, ``score:UNIT@NODE``), with their
    bootstrap intervals as error bars (like COINr's ``plot_sensitivity``)."""
    return _sensitivity_bars(sres, output, ax)


def sensitivity_by_unit(sres: "SensitivityResult", node: str | None = None, order: str = "total",
                        ax: Any = None) -> Any:
    """Heatmap of each unit's ``order`` index (``"total"`` or ``"first"``) of its rank at ``node``
    (default: the first tracked node) per factor: units as rows (in data order), factors as
    columns."""
    if order not in ("total", "first"):
        raise ValueError(f"sensitivity: order must be 'total' or 'first', got {order!r}")
    table = sres._table(order)
    ranks = [c for c in table.columns if c.startswith("rank:")]
    nodes = [c.rsplit("@", 1)[1] for c in ranks]
    node = nodes[0] if node is None else node
    cols = [c for c, nd in zip(ranks, nodes) if nd == node]
    if not cols:
        raise ValueError(f"sensitivity: {node!r} is not a tracked node (tracked: {sorted(set(nodes))})")
    values = table[cols].to_numpy(dtype=float).T
    units = [c[len("rank:"):].rsplit("@", 1)[0] for c in cols]
    rows, ncols = values.shape
    ax = _axes(ax, (max(5.0, 0.9 * ncols + 3.0), max(3.5, 0.25 * rows + 1.5)))
    im = ax.imshow(values, vmin=0.0, vmax=max(1.0, float(np.nanmax(values)) if np.isfinite(values).any() else 1.0),
                   cmap="viridis", aspect="auto", interpolation="nearest")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label=f"{order}-order index of the rank")
    ax.set_xticks(range(ncols))
    ax.set_xticklabels(sres.factors, rotation=30, ha="right")
    ax.set_yticks(range(rows))
    ax.set_yticklabels(units, fontsize="small" if rows <= 40 else "x-small")
    ax.set_title(f"Sensitivity of each unit's rank at {node} ({order} order, N = {sres.n})")
    ax.figure.tight_layout()
    return ax


def sensitivity_convergence(sres: "SensitivityResult", ax: Any = None) -> Any:
    """The first- (dashed) and total-order (solid) indices of the mean absolute rank shift at N/8,
    N/4, N/2 and N (nested prefixes of the same design): lines that settle show N is enough."""
    conv = sres.convergence
    ax = _axes(ax, (6.0, 4.0))
    for factor, part in conv.groupby("factor", sort=False):
        line = ax.plot(part["n"], part["total"], marker="o", label=f"{factor} (total)")
        ax.plot(part["n"], part["first"], marker="x", linestyle="--", color=line[0].get_color(),
                label=f"{factor} (first)")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("base points N")
    ax.set_ylabel("Sobol' index")
    ax.set_title("Convergence of the indices of the mean absolute rank shift")
    ax.legend(fontsize="small")
    ax.figure.tight_layout()
    return ax


class SensitivityPlot:
    """``sres.plot``: the sensitivity charts bound to one sensitivity result."""

    __slots__ = ("_result",)

    def __init__(self, result: "SensitivityResult") -> None:
        self._result = result

    def indices(self, output: str = "mean_abs_rank_shift", ax: Any = None) -> Any:
        return sensitivity_indices(self._result, output=output, ax=ax)

    def by_unit(self, node: str | None = None, order: str = "total", ax: Any = None) -> Any:
        return sensitivity_by_unit(self._result, node=node, order=order, ax=ax)

    def convergence(self, ax: Any = None) -> Any:
        return sensitivity_convergence(self._result, ax=ax)

    indices.__doc__ = sensitivity_indices.__doc__
    by_unit.__doc__ = sensitivity_by_unit.__doc__
    convergence.__doc__ = sensitivity_convergence.__doc__
