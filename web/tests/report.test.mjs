// The HTML report in a real browser: Debian's headless Chromium driven by playwright-core.
//
//   node web/tests/report.test.mjs --report R.html --results RESULTS.csv --root DGI --dimension infra
//        --screenshot OUT.png [--screenshot-top TOP.png] [--illustrative] [--uncertainty]
//        [--sensitivity] [--not-decomposable] [--chromium /usr/bin/chromium]
//
// RESULTS.csv is `govmetrics run --out` of the same methodology and data (unit,node,score,rank):
// the expected rows, scores, ranks and orders come from it, not from the report. Checks: the page
// loads with no console error and no network request; the table has one row per unit, in rank
// order, with the run's exact scores and ranks; sorting by a dimension reorders the rows by its
// score (and reverses); the filter shows exactly the matching units; choosing a unit (in the list,
// or by clicking its row) updates the unit view; every chart is drawn; a screenshot is written.
// --screenshot-top writes the top 1500 px of the page as it opens. Prints the time the page took to open (navigation to every chart drawn). Exit 0: all passed.
import { chromium } from "playwright-core";
import { readFileSync, existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

function parseArgs(argv) {
  const out = { chromium: "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error("unexpected argument " + a);
    const key = a.slice(2);
    if (["illustrative", "uncertainty", "sensitivity", "not-decomposable"].includes(key)) out[key] = true;
    else out[key] = argv[++i];
  }
  for (const k of ["report", "results", "root", "dimension", "screenshot"]) {
    if (!out[k]) throw new Error("--" + k + " is required");
  }
  return out;
}

// A minimal RFC 4180 reader (the results file quotes fields with commas or quotes).
function readCsv(path) {
  const text = readFileSync(path, "utf8");
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (c !== "\r") field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const header = rows.shift();
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
}

const failures = [];
function check(ok, what) {
  if (ok) console.log("ok   " + what);
  else { console.log("FAIL " + what); failures.push(what); }
}

const args = parseArgs(process.argv.slice(2));
if (!existsSync(args.chromium)) {
  console.log("FAIL no Chromium at " + args.chromium + " (Debian: apt-get install chromium)");
  process.exit(1);
}
const reportPath = resolve(args.report);
const reportUrl = pathToFileURL(reportPath).href;

// expected values, from the run's CSV
const results = readCsv(args.results);
const units = [...new Set(results.map((r) => r.unit))];
const at = {};
for (const r of results) at[r.unit + "\u0000" + r.node] = r;
const rootRank = (u) => Number(at[u + "\u0000" + args.root].rank);
const byRank = [...units].sort((a, b) => rootRank(a) - rootRank(b) || units.indexOf(a) - units.indexOf(b));

const browser = await chromium.launch({
  executablePath: args.chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"]
});
let status = 1;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
  const page = await context.newPage();
  const consoleErrors = [];
  const requests = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push("uncaught: " + e.message));
  page.on("request", (r) => { if (r.url() !== reportUrl) requests.push(r.url()); });

  const t0 = Date.now();
  await page.goto(reportUrl, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  const openMs = Date.now() - t0;
  const inPage = await page.evaluate(() => performance.now());
  console.log(`report: ${statSync(reportPath).size} bytes; opened (navigation to every chart drawn) in ${openMs} ms (${Math.round(inPage)} ms by the page's clock)`);

  if (args["screenshot-top"]) { // the page as it opens, down to the first chart (the README's picture)
    await page.screenshot({ path: args["screenshot-top"], fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 1500 } });
    console.log("wrote " + args["screenshot-top"]);
  }

  // the table: one row per unit, in rank order, the run's numbers exactly
  const rowUnits = () => page.$$eval("#ranking-table tbody tr:not([hidden])",
    (trs) => trs.map((tr) => tr.children[1].textContent));
  const initial = await rowUnits();
  check(initial.length === units.length, `the table has one row per unit (${initial.length} rows, ${units.length} units)`);
  check(JSON.stringify(initial) === JSON.stringify(byRank), "the rows are in the run's rank order");
  const keys = await page.$$eval("#ranking-table thead th", (ths) => ths.map((t) => t.dataset.key));
  const nodeIndex = (code) => page.evaluate((c) => JSON.parse(
    document.getElementById("govmetrics-data").textContent).nodes.findIndex((n) => n.code === c), code);
  const rootIdx = await nodeIndex(args.root);
  const dimIdx = await nodeIndex(args.dimension);
  const column = (key) => page.$$eval("#ranking-table tbody tr:not([hidden])", (trs, k) => {
    const ths = [...document.querySelectorAll("#ranking-table thead th")];
    const j = ths.findIndex((t) => t.dataset.key === k);
    return trs.map((tr) => tr.children[j].dataset.value);
  }, key);
  const scores = await column("score:" + rootIdx);
  const ranks = await column("rank:" + rootIdx);
  const exact = initial.every((u, k) => scores[k] !== "" && ranks[k] !== "" &&
    Number(scores[k]) === Number(at[u + "\u0000" + args.root].score) && Number(ranks[k]) === rootRank(u));
  check(exact, `every unit's ${args.root} score and rank equal the run's (exactly)`);
  const dimScores = await column("score:" + dimIdx);
  check(initial.every((u, k) => dimScores[k] !== "" &&
    Number(dimScores[k]) === Number(at[u + "\u0000" + args.dimension].score)),
    `every unit's ${args.dimension} score equals the run's (exactly)`);
  check(keys.includes("score:" + dimIdx) && keys.includes("rank:" + dimIdx),
    `the table has ${args.dimension}'s score and rank`);

  // sorting by a dimension
  await page.click(`#ranking-table thead th[data-key="score:${dimIdx}"]`);
  const sorted = await rowUnits();
  const expectedDesc = [...units].sort((a, b) =>
    Number(at[b + "\u0000" + args.dimension].score) - Number(at[a + "\u0000" + args.dimension].score)
    || units.indexOf(a) - units.indexOf(b));
  check(JSON.stringify(sorted) !== JSON.stringify(initial), `sorting by ${args.dimension} reorders the rows`);
  check(JSON.stringify(sorted) === JSON.stringify(expectedDesc), `... highest ${args.dimension} score first`);
  check(await page.getAttribute(`#ranking-table thead th[data-key="score:${dimIdx}"]`, "aria-sort") === "descending",
    "... and the heading says so (aria-sort)");
  await page.click(`#ranking-table thead th[data-key="score:${dimIdx}"]`);
  const reversed = await rowUnits();
  const expectedAsc = [...units].sort((a, b) =>
    Number(at[a + "\u0000" + args.dimension].score) - Number(at[b + "\u0000" + args.dimension].score)
    || units.indexOf(a) - units.indexOf(b));
  check(JSON.stringify(reversed) === JSON.stringify(expectedAsc), "a second click sorts lowest first");

  // the filter
  const query = byRank[0].slice(-2);
  await page.fill("#filter", query);
  const filtered = await rowUnits();
  const expectedFilter = units.filter((u) => u.toLowerCase().includes(query.toLowerCase()));
  check(filtered.length === expectedFilter.length && filtered.every((u) => expectedFilter.includes(u)),
    `filtering by '${query}' shows exactly the ${expectedFilter.length} matching units`);
  await page.fill("#filter", "");
  check((await rowUnits()).length === units.length, "clearing the filter shows every unit again");

  // the unit view
  const last = byRank[byRank.length - 1];
  const before = await page.textContent("#unit-summary");
  await page.selectOption("#unit-select", { label: `${rootRank(last)}. ${last}` });
  const summary = await page.textContent("#unit-summary");
  check(summary !== before && summary.includes(last) && summary.includes(`rank ${rootRank(last)} of ${units.length}`),
    `choosing ${last} in the list updates the unit view ("${summary}")`);
  const nNodes = await page.evaluate(() => JSON.parse(document.getElementById("govmetrics-data").textContent).nodes.length);
  check((await page.$$("#unit-table tbody tr")).length === nNodes, `the unit view lists every node (${nNodes})`);
  const unitDim = await page.$eval(`#unit-table tbody tr[data-node="${args.dimension}"]`, (tr) => tr.children[3].textContent);
  check(Number(unitDim) === Number(at[last + "\u0000" + args.dimension].rank),
    `... with ${last}'s rank at ${args.dimension} (${unitDim})`);
  const listed = async (id) => page.$$eval(`#${id} li`, (lis) => lis.map((li) => li.textContent));
  const strong = await listed("strengths");
  const weak = await listed("weaknesses");
  check(strong.length > 0 && weak.length > 0 && ![...strong, ...weak].some((t) => t.startsWith("none")) &&
    [...strong, ...weak].every((t) => / rank \d+(\.5)? of \d+/.test(t)),
    `... its strengths and weaknesses (${strong.length} and ${weak.length}, each with its rank)`);
  const second = byRank[1];
  await page.click(`#ranking-table tbody tr[data-unit="${units.indexOf(second)}"]`);
  check((await page.textContent("#unit-summary")).includes(second) &&
    (await page.inputValue("#unit-select")) === String(units.indexOf(second)),
    `clicking ${second}'s row shows it in the unit view`);
  await page.waitForFunction(() => document.querySelector("#chart-unit svg") !== null);

  // charts and notices
  const charts = ["chart-distribution", "chart-correlations", "chart-unit"];
  if (args["not-decomposable"]) { // a median or column-wide aggregator at the root: a note, no bars
    const note = await page.textContent("#contributions-note");
    check(note.startsWith("No contributions to draw") && note.includes("not decomposable") &&
      (await page.$$("#chart-contributions svg")).length === 0,
      `no contributions chart, and the note says why ("${note}")`);
  } else {
    charts.unshift("chart-contributions");
  }
  if (args.uncertainty) charts.push("chart-uncertainty");
  if (args.sensitivity) charts.push("chart-sensitivity");
  for (const id of charts) {
    // the data's marks: items of Vega's mark groups, not of its axes or legends
    const marks = await page.$$eval(`#${id} svg g.role-mark > path, #${id} svg g.role-mark > line, #${id} svg g.role-mark > g > path`,
      (items) => items.filter((e) => !e.closest(".role-axis, .role-legend")).length);
    check(marks > 0, `chart ${id} is drawn (${marks} marks)`);
  }
  if (args.illustrative) {
    check(await page.isVisible("#illustrative") &&
      (await page.textContent("#illustrative")).includes("Illustrative data"),
      "the illustrative-data notice is shown");
  } else {
    check(!(await page.isVisible("#illustrative")), "no illustrative-data notice");
  }
  check(await page.isVisible("#uncertainty") === Boolean(args.uncertainty),
    "the uncertainty section is shown only with an analysis");
  check(await page.isVisible("#sensitivity") === Boolean(args.sensitivity),
    "the sensitivity section is shown only with an analysis");
  if (args.sensitivity) {
    const cells = await page.$$eval("#sensitivity-table tbody tr", (trs) =>
      trs.map((tr) => [tr.children[1].textContent, tr.children[3].textContent]));
    check(cells.length > 0 && cells.every(([s1, st]) => /^-?\d+\.\d{3}$/.test(s1) && /^-?\d+\.\d{3}$/.test(st)),
      `the sensitivity table lists ${cells.length} factors, each with its first- and total-order index`);
  }
  check(consoleErrors.length === 0, "no console errors" + (consoleErrors.length ? ": " + consoleErrors.join(" | ") : ""));
  check(requests.length === 0, "no network request" + (requests.length ? ": " + requests.join(" ") : ""));

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: args.screenshot, fullPage: true });
  check(existsSync(args.screenshot) && statSync(args.screenshot).size > 10000, "wrote the screenshot " + args.screenshot);
  status = failures.length ? 1 : 0;
} catch (e) {
  console.log("FAIL " + (e && e.stack ? e.stack : e));
  status = 1;
} finally {
  await browser.close();
}
console.log(failures.length ? `${failures.length} check(s) failed` : "all checks passed");
process.exit(status);
