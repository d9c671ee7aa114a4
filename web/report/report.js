// govmetrics report: draws the page from the data govmetrics embedded (docs/report.md, "format 1").
// Plain DOM for the tables; Vega-Lite (through vega-embed) for the charts. No network access.
(function () {
  "use strict";

  const D = JSON.parse(document.getElementById("govmetrics-data").textContent);
  const nodes = D.nodes;
  const root = D.root;
  const units = D.units;
  const nUnits = units.length;
  const views = {};
  const pending = [];

  // ---- helpers -------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const k of Object.keys(attrs)) {
        if (attrs[k] === null || attrs[k] === undefined) continue;
        if (k === "text") e.textContent = attrs[k];
        else if (k === "className") e.className = attrs[k];
        else e.setAttribute(k, attrs[k]);
      }
    }
    for (const c of children || []) e.append(c);
    return e;
  }
  function isNum(x) { return typeof x === "number" && isFinite(x); }
  // scores: four significant digits (full precision in the cell's data-value)
  function fmt(x) {
    if (!isNum(x)) return "";
    if (Math.abs(x) >= 1e4) return x.toFixed(0);
    return String(Number(x.toPrecision(4)));
  }
  function fmtRank(x) { return isNum(x) ? String(x) : ""; }
  function nodeLabel(i) {
    const n = nodes[i];
    return n.name ? n.name : n.code;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  // Depth-first order of the tree from the root, with each node's depth.
  const order = [];
  (function walk(i, depth) {
    order.push([i, depth]);
    for (const c of nodes[i].children) walk(c, depth + 1);
  })(root, 0);
  const topNodes = [root].concat(nodes[root].children);

  const generation = {}; // per chart: the latest embed; an older one finishing late is dropped
  function embed(id, spec) {
    const target = document.getElementById(id);
    const mine = (generation[id] || 0) + 1;
    generation[id] = mine;
    if (views[id]) {
      views[id].finalize();
      delete views[id];
    }
    clear(target);
    const full = Object.assign({ config: { font: "system-ui, sans-serif", view: { stroke: null } } },
      spec);
    const p = vegaEmbed(target, full, { actions: false, renderer: "svg" })
      .then(function (res) {
        if (generation[id] !== mine) res.view.finalize(); // superseded while drawing
        else views[id] = res.view;
        return res;
      })
      .catch(function (err) {
        target.append(el("p", { className: "error", text: "chart failed: " + err }));
        console.error("govmetrics report: chart " + id + " failed:", err);
      });
    if (!document.body.hasAttribute("data-ready")) pending.push(p); // the first drawing only
    return p;
  }

  // ---- header --------------------------------------------------------------------------------
  document.getElementById("description").textContent = D.description || "";
  if (D.illustrative || D.notes.length) {
    const box = document.getElementById("illustrative");
    box.hidden = false;
    box.append(document.createTextNode(D.illustrative
      ? "Illustrative data: these results are an example of the method, not findings about real "
        + "units."
      : "Notes on the data:"));
    if (D.notes.length) box.append(el("ul", null, D.notes.map(function (n) {
      return el("li", { text: n });
    })));
    if (!D.illustrative) box.className = "notice plain";
  }

  // ---- ranking table -------------------------------------------------------------------------
  const table = document.getElementById("ranking-table");
  const tbody = table.querySelector("tbody");
  // columns: [key, heading, kind, node, first sort direction]
  const columns = [["rank:" + root, "rank", "rank", root, "ascending"],
    ["unit", D.unit_label, "unit", null, "ascending"],
    ["score:" + root, nodes[root].code, "score", root, "descending"]];
  for (const c of nodes[root].children) {
    columns.push(["score:" + c, nodes[c].code, "score", c, "descending"]);
    columns.push(["rank:" + c, "rank", "rank", c, "ascending"]);
  }
  const headRow = el("tr");
  for (const [key, heading, kind, node, first] of columns) {
    const th = el("th", {
      "data-key": key, "data-first": first, scope: "col",
      className: (kind === "unit" ? "" : "num") + (kind === "rank" && node !== root ? " sub" : ""),
      title: node === null ? "sort by " + D.unit_label
        : (kind === "rank" ? "rank at " : "score at ") + nodes[node].code + ": " + nodeLabel(node)
    });
    if (kind === "score") {
      // the node's name, its code beneath
      th.append(document.createTextNode(nodeLabel(node)));
      if (nodes[node].name) th.append(el("span", { className: "code", text: heading }));
    } else {
      th.textContent = kind === "rank" && node !== root ? "rank" : heading;
    }
    headRow.append(th);
  }
  table.querySelector("thead").append(headRow);

  const rows = [];
  for (let u = 0; u < nUnits; ++u) {
    const tr = el("tr", { "data-unit": String(u) });
    for (const [, , kind, node] of columns) {
      if (kind === "unit") {
        tr.append(el("td", { text: units[u] }));
        continue;
      }
      const v = kind === "rank" ? D.ranks[node][u] : D.scores[node][u];
      tr.append(el("td", {
        className: "num" + (kind === "rank" && node !== root ? " sub" : ""),
        "data-value": isNum(v) ? String(v) : "",
        text: kind === "rank" ? fmtRank(v) : fmt(v)
      }));
    }
    tr.addEventListener("click", function () { selectUnit(u, true); });
    rows.push(tr);
  }

  let sortKey = "rank:" + root;
  let sortDir = "ascending";
  function valueOf(u, key) {
    if (key === "unit") return units[u];
    const [kind, node] = key.split(":");
    return (kind === "rank" ? D.ranks : D.scores)[Number(node)][u];
  }
  function sortRows() {
    const sign = sortDir === "ascending" ? 1 : -1;
    const idx = rows.map(function (_, u) { return u; });
    idx.sort(function (a, b) {
      const x = valueOf(a, sortKey), y = valueOf(b, sortKey);
      const mx = x === null || x === undefined, my = y === null || y === undefined;
      if (mx !== my) return mx ? 1 : -1; // missing last, either way
      if (!mx && x !== y) {
        if (typeof x === "string") return sign * x.localeCompare(y);
        return sign * (x < y ? -1 : 1);
      }
      return a - b; // ties: data order
    });
    for (const u of idx) tbody.append(rows[u]);
    for (const th of headRow.children) {
      if (th.getAttribute("data-key") === sortKey) th.setAttribute("aria-sort", sortDir);
      else th.removeAttribute("aria-sort");
    }
  }
  for (const th of headRow.children) {
    th.addEventListener("click", function () {
      const key = th.getAttribute("data-key");
      if (key === sortKey) sortDir = sortDir === "ascending" ? "descending" : "ascending";
      else { sortKey = key; sortDir = th.getAttribute("data-first"); }
      sortRows();
    });
  }
  sortRows();

  const filter = document.getElementById("filter");
  function applyFilter() {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach(function (tr, u) {
      const hit = q === "" || units[u].toLowerCase().indexOf(q) >= 0;
      tr.hidden = !hit;
      if (hit) ++shown;
    });
    document.getElementById("shown").textContent = shown + " of " + nUnits + " units";
  }
  filter.addEventListener("input", applyFilter);
  applyFilter();

  // ---- charts --------------------------------------------------------------------------------
  const dims = nodes[root].children;
  // the decomposition at the root (explain::contributions): "not decomposable (...)" for medians
  // and column-wide aggregators; a unit whose parts are not all numbers gets no bar
  const how = dims.length ? D.how[dims[0]] : "";
  const decomposable = dims.length > 0 && how.indexOf("not decomposable") !== 0;
  const stack = [];
  let barless = 0;
  for (let u = 0; u < nUnits; ++u) {
    const r = D.ranks[root][u];
    if (!isNum(r)) continue;
    if (!dims.every(function (c) { return isNum(D.index_contribution[c][u]); })) {
      ++barless;
      continue;
    }
    dims.forEach(function (c, k) {
      stack.push({ unit: units[u], rank: r, dimension: nodeLabel(c), k: k,
        contribution: D.index_contribution[c][u], score: D.scores[root][u] });
    });
  }
  const rowStep = nUnits > 150 ? 6 : 13;
  if (decomposable && stack.length) {
    document.getElementById("contributions-note").textContent =
      "Bars add up to each unit's index score (" + how + ")." +
      (barless ? " " + barless + " ranked unit" + (barless === 1 ? " has" : "s have") +
        " no bar: a part is missing or undefined." : "");
    embed("chart-contributions", {
      data: { values: stack },
      mark: { type: "bar", tooltip: true },
      height: { step: rowStep },
      width: 720,
      encoding: {
        y: { field: "unit", type: "nominal", sort: { field: "rank", op: "min", order: "ascending" },
          title: null, axis: { labelLimit: 220, labelFontSize: nUnits > 150 ? 5 : 10 } },
        x: { field: "contribution", type: "quantitative", stack: "zero",
          title: "contribution to " + nodes[root].code },
        color: { field: "dimension", type: "nominal", sort: dims.map(nodeLabel),
          legend: { orient: "top", title: null } },
        order: { field: "k", type: "quantitative" }, // stacked in the tree's order
        tooltip: [{ field: "unit" }, { field: "rank", title: "rank" },
          { field: "dimension" }, { field: "contribution", format: ".4~g" },
          { field: "score", title: nodes[root].code, format: ".4~g" }]
      }
    });
  } else {
    document.getElementById("contributions-note").textContent =
      "No contributions to draw: " + (decomposable ? "no ranked unit has every part"
        : "the index's aggregation (" + nodes[root].aggregation + ") is " + how) + ".";
  }

  const dist = [];
  for (const c of dims) {
    for (let u = 0; u < nUnits; ++u) {
      const v = D.scores[c][u];
      if (isNum(v)) dist.push({ dimension: nodeLabel(c), score: v, unit: units[u] });
    }
  }
  embed("chart-distribution", {
    data: { values: dist },
    width: 720,
    height: { step: 34 },
    layer: [
      { mark: { type: "boxplot", extent: "min-max", size: 22, opacity: 0.55 },
        encoding: {
          y: { field: "dimension", type: "nominal", sort: dims.map(nodeLabel), title: null,
            axis: { labelLimit: 260 } },
          x: { field: "score", type: "quantitative", title: "score",
            scale: { zero: false } },
          color: { field: "dimension", type: "nominal", sort: dims.map(nodeLabel), legend: null } } },
      { mark: { type: "tick", opacity: 0.45, thickness: 1, size: 14 },
        encoding: {
          y: { field: "dimension", type: "nominal", sort: dims.map(nodeLabel) },
          x: { field: "score", type: "quantitative" },
          tooltip: [{ field: "unit" }, { field: "score", format: ".4~g" }] } }
    ]
  });

  // the audit's correlations: both orientations, the diagonal, in tree order
  const position = {};
  order.forEach(function (p, k) { position[nodes[p[0]].code] = k; });
  const cells = [];
  const seen = {};
  for (const c of D.correlations) {
    if (!isNum(c.r)) continue;
    for (const [a, b] of [[c.a, c.b], [c.b, c.a]]) {
      cells.push({ a: a, b: b, r: c.r, n: c.n, ia: position[a], ib: position[b] });
      seen[a] = seen[b] = true;
    }
  }
  for (const code of Object.keys(seen)) {
    cells.push({ a: code, b: code, r: 1, n: null, ia: position[code], ib: position[code] });
  }
  const nCodes = Object.keys(seen).length;
  const heat = {
    data: { values: cells },
    width: { step: nCodes > 40 ? 12 : 24 },
    height: { step: nCodes > 40 ? 12 : 24 },
    encoding: {
      x: { field: "a", type: "nominal", sort: { field: "ia", op: "min" }, title: null },
      y: { field: "b", type: "nominal", sort: { field: "ib", op: "min" }, title: null }
    },
    layer: [
      { mark: { type: "rect", tooltip: true },
        encoding: {
          color: { field: "r", type: "quantitative", title: "r",
            scale: { domain: [-1, 1], scheme: "redblue", reverse: true } },
          tooltip: [{ field: "a" }, { field: "b" }, { field: "r", format: ".3f" }, { field: "n" }] } }
    ]
  };
  if (nCodes <= 30) {
    heat.layer.push({ mark: { type: "text", fontSize: 8 },
      encoding: { text: { field: "r", type: "quantitative", format: ".2f" },
        color: { condition: { test: "abs(datum.r) > 0.6", value: "white" }, value: "black" } } });
  }
  if (cells.length) embed("chart-correlations", heat);
  else document.getElementById("chart-correlations").textContent = "No correlations to show.";

  // ---- uncertainty and sensitivity -----------------------------------------------------------
  if (D.uncertainty) {
    const U = D.uncertainty;
    document.getElementById("uncertainty").hidden = false;
    document.getElementById("toc-uncertainty").hidden = false;
    const node = U.nodes[0];
    document.getElementById("uncertainty-summary").textContent =
      U.runs + " replications (seed " + U.seed + ") varying " +
      (U.inputs.length ? U.inputs.map(function (s) { return "'" + s + "'"; }).join(", ")
        : "nothing") +
      (U.failed ? "; " + U.failed + " failed (" + Object.keys(U.failures).join(", ") + ")" : "") +
      ". Each unit's rank at " + node + ": median (dot), 5%-95% interval (line), nominal rank (tick).";
    const rowsU = U.rows.filter(function (r) { return r.node === node && isNum(r.nominal); });
    embed("chart-uncertainty", {
      data: { values: rowsU },
      height: { step: rowStep },
      width: 720,
      encoding: {
        y: { field: "unit", type: "nominal", sort: { field: "nominal", op: "min" }, title: null,
          axis: { labelLimit: 220, labelFontSize: nUnits > 150 ? 5 : 10 } }
      },
      layer: [
        { mark: { type: "rule", color: "#7f93b3" },
          encoding: { x: { field: "q05", type: "quantitative", title: "rank", scale: { zero: false } },
            x2: { field: "q95" } } },
        { mark: { type: "tick", color: "#c0392b", thickness: 2, size: 10 },
          encoding: { x: { field: "nominal", type: "quantitative" } } },
        { mark: { type: "point", filled: true, color: "#2f5d9b", tooltip: true },
          encoding: { x: { field: "median", type: "quantitative" },
            tooltip: [{ field: "unit" }, { field: "nominal" }, { field: "median" },
              { field: "q05" }, { field: "q95" }, { field: "mean", format: ".3f" }] } }
      ]
    });
  }
  if (D.sensitivity) {
    const S = D.sensitivity;
    document.getElementById("sensitivity").hidden = false;
    document.getElementById("toc-sensitivity").hidden = false;
    document.getElementById("sensitivity-summary").textContent =
      "Sobol' indices of " + S.output + " over " + S.n + " base points" +
      (S.dropped ? " (" + S.dropped + " dropped: a replication failed)" : "") +
      ": the share of its variance each choice explains alone (first order) and with its "
      + "interactions (total order)." +
      (S.failed ? " " + S.failed + " evaluations failed." : "") +
      (S.notes.length ? " Notes: " + S.notes.join("; ") + "." : "");
    const bars = [];
    for (const f of S.factors) {
      bars.push({ factor: f.factor, index: "first order", value: f.first, lo: f.first_lo,
        hi: f.first_hi });
      bars.push({ factor: f.factor, index: "total order", value: f.total, lo: f.total_lo,
        hi: f.total_hi });
    }
    embed("chart-sensitivity", {
      data: { values: bars },
      width: 560,
      height: { step: 14 },
      encoding: {
        y: { field: "factor", type: "nominal", title: null },
        yOffset: { field: "index", type: "nominal" }
      },
      layer: [
        { mark: { type: "bar", tooltip: true },
          encoding: { x: { field: "value", type: "quantitative", title: "Sobol' index" },
            color: { field: "index", type: "nominal", legend: { orient: "top", title: null } } } },
        { mark: { type: "rule" },
          encoding: { x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } } }
      ]
    });
    const sb = document.querySelector("#sensitivity-table tbody");
    const interval = function (lo, hi) {
      return isNum(lo) && isNum(hi) ? "[" + lo.toFixed(3) + ", " + hi.toFixed(3) + "]" : "";
    };
    for (const f of S.factors) {
      sb.append(el("tr", null, [el("td", { text: f.factor }),
        el("td", { className: "num", text: isNum(f.first) ? f.first.toFixed(3) : "" }),
        el("td", { text: interval(f.first_lo, f.first_hi) }),
        el("td", { className: "num", text: isNum(f.total) ? f.total.toFixed(3) : "" }),
        el("td", { text: interval(f.total_lo, f.total_hi) })]));
    }
  }

  // ---- unit view -----------------------------------------------------------------------------
  const select = document.getElementById("unit-select");
  const byRank = rows.map(function (_, u) { return u; });
  byRank.sort(function (a, b) {
    const x = D.ranks[root][a], y = D.ranks[root][b];
    if (isNum(x) !== isNum(y)) return isNum(x) ? -1 : 1;
    return isNum(x) && x !== y ? x - y : a - b;
  });
  for (const u of byRank) {
    const r = D.ranks[root][u];
    select.append(el("option", { value: String(u),
      text: (isNum(r) ? r + ". " : "") + units[u] }));
  }
  function standingItem(p, u) {
    const i = p[0];
    const n = nodes[i];
    // the raw value, in the indicator's own units (D.raw follows D.indicators)
    const slot = D.indicators.indexOf(i);
    const raw = slot >= 0 ? D.raw[slot][u] : null;
    return el("li", { text: nodeLabel(i) + " (" + n.code + "): rank " + p[1] + " of " + nUnits +
      (isNum(raw) ? ", " + fmt(raw) + (n.unit ? " " + n.unit : "") : "") });
  }
  function selectUnit(u, scroll) {
    select.value = String(u);
    for (const tr of rows) tr.classList.toggle("selected", tr === rows[u]);
    const r = D.ranks[root][u];
    document.getElementById("unit-summary").textContent = units[u] + ": " + nodes[root].code +
      " score " + fmt(D.scores[root][u]) + ", rank " + (isNum(r) ? r : "none") + " of " + nUnits;
    const body = document.querySelector("#unit-table tbody");
    clear(body);
    const chart = [];
    for (const [i, depth] of order) {
      const n = nodes[i];
      const tr = el("tr", { className: n.kind, "data-node": n.code }, [
        el("td", { className: "indent-" + Math.min(depth, 4), text: n.code }),
        el("td", { text: n.name }),
        el("td", { className: "num", text: fmt(D.scores[i][u]) }),
        el("td", { className: "num", text: fmtRank(D.ranks[i][u]) }),
        el("td", { className: "num", text: fmt(D.median[i]) }),
        el("td", { className: "num", text: fmt(D.best[i]) }),
        el("td", { className: "num", text: i === root ? "" : fmt(D.contribution[i][u]) }),
        el("td", { className: "num", text: fmt(D.index_contribution[i][u]) })]);
      body.append(tr);
      if (i !== root) {
        chart.push({ node: (depth > 1 ? "\u2003" : "") + n.code, k: chart.length, kind: n.kind,
          score: D.scores[i][u], median: D.median[i], name: n.name });
      }
    }
    for (const [id, list] of [["strengths", D.strengths[u]], ["weaknesses", D.weaknesses[u]]]) {
      const ol = document.getElementById(id);
      clear(ol);
      for (const p of list) ol.append(standingItem(p, u));
      if (!list.length) ol.append(el("li", { text: "none (no ranked indicator)" }));
    }
    embed("chart-unit", {
      data: { values: chart },
      width: 380,
      height: { step: 15 },
      encoding: { y: { field: "node", type: "nominal", sort: { field: "k", op: "min" }, title: null } },
      layer: [
        { mark: { type: "bar", tooltip: true },
          encoding: { x: { field: "score", type: "quantitative", title: "score" },
            color: { field: "kind", type: "nominal", legend: { orient: "top", title: null },
              scale: { domain: ["aggregate", "indicator"], range: ["#2f5d9b", "#9db4d6"] } },
            tooltip: [{ field: "node" }, { field: "name" }, { field: "score", format: ".4~g" },
              { field: "median", format: ".4~g" }] } },
        { mark: { type: "tick", color: "#c0392b", thickness: 2 },
          encoding: { x: { field: "median", type: "quantitative" } } }
      ]
    });
    document.body.setAttribute("data-unit", String(u));
    if (scroll) document.getElementById("unit-view").scrollIntoView();
  }
  select.addEventListener("change", function () { selectUnit(Number(select.value), false); });
  if (nUnits) selectUnit(byRank[0], false);

  // ---- methodology ---------------------------------------------------------------------------
  const treeBody = document.querySelector("#tree-table tbody");
  for (const [i, depth] of order) {
    const n = nodes[i];
    // further names (name_zh, ...); other labels (a COINr target) in the tooltip
    const keys = Object.keys(n.labels);
    const labels = keys.filter(function (k) { return k.indexOf("name") === 0; })
      .map(function (k) { return n.labels[k]; }).join("; ");
    const others = keys.filter(function (k) { return k.indexOf("name") !== 0; })
      .map(function (k) { return k + ": " + n.labels[k]; });
    const tip = [n.description || ""].concat(others).filter(Boolean).join("\n");
    const data = n.kind === "indicator"
      ? [n.column ? "column " + n.column : "", n.unit, n.denominator ? "per " + n.denominator : ""]
        .filter(Boolean).join("; ")
      : "";
    treeBody.append(el("tr", { className: n.kind }, [
      el("td", { className: "indent-" + Math.min(depth, 4), text: n.code }),
      el("td", { text: n.name + (labels ? " (" + labels + ")" : ""), title: tip || null }),
      el("td", { text: n.direction || "" }),
      el("td", { className: "num", text: i === root ? "" : fmt(n.weight_nominal) }),
      el("td", { className: "num", text: fmt(n.weight) }),
      el("td", { className: "num", text: fmt(n.effective_weight) }),
      el("td", { text: n.kind === "aggregate" ? n.aggregation : "" }),
      el("td", { text: data })]));
  }
  document.getElementById("settings").textContent = JSON.stringify(D.settings, null, 2);
  const diagBody = document.querySelector("#diagnostics-table tbody");
  for (const g of D.diagnostics) {
    diagBody.append(el("tr", null, [el("td", { text: g.level }), el("td", { text: g.stage }),
      el("td", { text: g.node }), el("td", { text: g.unit }), el("td", { text: g.message })]));
  }
  let summary = D.diagnostics.length + " diagnostic" + (D.diagnostics.length === 1 ? "" : "s");
  if (D.screened_units.length) summary += "; units screened out: " + D.screened_units.join(", ");
  if (D.screened_indicators.length) {
    summary += "; indicators screened out: " + D.screened_indicators.join(", ");
  }
  document.getElementById("diagnostics-summary").textContent = summary + ".";

  // Tells a reader's script (and the browser test) that every chart has been drawn.
  Promise.all(pending).then(function () {
    document.body.setAttribute("data-ready", "true");
  });
})();
