// govmetrics io: the self-contained HTML report (docs/report.md).
#include "govmetrics/io/html_report.hpp"

#include "report_assets.hpp"

#include "govmetrics/audit/correlations.hpp"
#include "govmetrics/audit/effective_weights.hpp"
#include "govmetrics/audit/levels.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/explain/contributions.hpp"
#include "govmetrics/explain/profile.hpp"
#include "govmetrics/explain/strengths.hpp"
#include "govmetrics/rank.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace govmetrics::io {

namespace {

using json = nlohmann::ordered_json;

/// A number, or null when it is not finite (JSON has no NaN).
json number(double x) {
  return std::isfinite(x) ? json(x) : json(nullptr);
}

json numbers(column_view c, std::size_t n) {
  json out = json::array();
  for (std::size_t u = 0; u < n; ++u)
    out.push_back(u < c.size() ? number(c[u]) : json(nullptr));
  return out;
}

bool says_illustrative(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find("illustrative") != std::string::npos ||
         text.find("synthetic") != std::string::npos;
}

/// Text safe inside an HTML element.
std::string html_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

/// JSON text safe inside a <script> element: '<', '>' and '&' only occur inside JSON strings,
/// where their \u escapes mean the same.
std::string script_safe(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
    case '<':
      out += "\\u003c";
      break;
    case '>':
      out += "\\u003e";
      break;
    case '&':
      out += "\\u0026";
      break;
    default:
      out += c;
    }
  }
  return out;
}

json uncertainty_json(const uncertainty::state& st, const result& r,
                      const std::vector<std::string>& inputs) {
  if (!st.complete())
    GOVMETRICS_THROW(spec_error("report: the uncertainty analysis is not complete (a shard: merge "
                                "the shards first)"));
  if (st.units != r.units()) {
    GOVMETRICS_THROW(spec_error("report: the uncertainty analysis is of other units (" +
                                std::to_string(st.units.size()) + ") than the result (" +
                                std::to_string(r.n_units()) + ")"));
  }
  const framework& fw = r.tree();
  const std::size_t n = r.n_units();
  for (std::size_t k = 0; k < st.nodes.size(); ++k) {
    const std::string& node = st.nodes[k];
    if (!fw.contains(node))
      GOVMETRICS_THROW(spec_error("report: the uncertainty analysis tracks node '" + node +
                                  "', which the methodology does not have"));
    // its nominal run is this result: same scores at every tracked node (else it is an analysis
    // of another methodology, or of other data for the same units)
    const column_view score = r.score(node);
    for (std::size_t u = 0; u < n; ++u) {
      const double a = st.nominal_score.at(k * n + u);
      const double b = score[u];
      if (!(a == b || (std::isnan(a) && std::isnan(b)))) {
        GOVMETRICS_THROW(spec_error("report: the uncertainty analysis's nominal score of unit '" +
                                    r.units()[u] + "' at '" + node + "' is " +
                                    govmetrics::detail::format_number(a) + ", the result's " +
                                    govmetrics::detail::format_number(b) +
                                    ": an analysis of another methodology or other data"));
      }
    }
  }
  json out;
  out["runs"] = st.runs;
  out["seed"] = std::to_string(st.seed); // as text: JavaScript numbers stop at 2^53
  out["inputs"] = inputs;
  out["nodes"] = st.nodes;
  std::size_t failed = 0;
  json failures = json::object();
  for (const auto& [reason, count] : st.failures) {
    failures[reason] = count;
    failed += count;
  }
  out["failed"] = failed;
  out["failures"] = failures;
  json rows = json::array();
  for (const auto& s : uncertainty::rank_statistics(st)) {
    rows.push_back({{"unit", s.unit},
                    {"node", s.node},
                    {"nominal", number(s.nominal)},
                    {"mean", number(s.mean)},
                    {"median", number(s.median)},
                    {"q05", number(s.q05)},
                    {"q95", number(s.q95)},
                    {"sd", number(s.sd)},
                    {"ranked", s.ranked}});
  }
  out["rows"] = std::move(rows);
  return out;
}

json sensitivity_json(const sensitivity::results& s, const result& r) {
  // outputs "rank:UNIT@NODE" and "score:UNIT@NODE" must be of this result's units and nodes
  const framework& fw = r.tree();
  const std::unordered_set<std::string> units(r.units().begin(), r.units().end());
  std::unordered_set<std::string> seen;
  for (const std::string& o : s.outputs) {
    const std::size_t colon = o.find(':');
    const std::size_t at = o.rfind('@');
    if (colon == std::string::npos || at == std::string::npos || at < colon)
      continue; // "mean_abs_rank_shift"
    const std::string unit = o.substr(colon + 1, at - colon - 1);
    const std::string node = o.substr(at + 1);
    seen.insert(unit);
    if (!fw.contains(node) || units.count(unit) == 0) {
      GOVMETRICS_THROW(spec_error("report: the sensitivity analysis has the output '" + o +
                                  "', of a unit or node the result does not have (an analysis "
                                  "of other data or another methodology)"));
    }
  }
  if (!seen.empty() && seen.size() != units.size()) {
    GOVMETRICS_THROW(spec_error("report: the sensitivity analysis has outputs of " +
                                std::to_string(seen.size()) + " units, the result " +
                                std::to_string(units.size()) + " (an analysis of other data)"));
  }
  json out;
  out["n"] = s.n;
  out["n_design"] = s.n_design;
  out["output"] = s.outputs.empty() ? std::string() : s.outputs.front();
  json factors = json::array();
  const auto& e = s.estimates;
  for (std::size_t i = 0; i < s.factors.size(); ++i) {
    const auto at = [&](const std::vector<double>& t) {
      return e.k == 0 || t.empty() ? json(nullptr) : number(e.at(t, i, 0));
    };
    factors.push_back({{"factor", s.factors[i]},
                       {"first", at(e.first)},
                       {"first_lo", at(e.first_lo)},
                       {"first_hi", at(e.first_hi)},
                       {"total", at(e.total)},
                       {"total_lo", at(e.total_lo)},
                       {"total_hi", at(e.total_hi)}});
  }
  out["factors"] = std::move(factors);
  std::size_t failed = 0;
  for (const auto& kv : s.failures)
    failed += kv.second;
  out["failed"] = failed;
  out["dropped"] = s.dropped;
  out["notes"] = e.notes;
  return out;
}

} // namespace

std::string html_report_data(const methodology& m, const model& mod, const result& r,
                             const audit::named_columns& raw, const html_report_options& o) {
  const framework& fw = r.tree();
  const std::size_t n = r.n_units();
  if (mod.tree().size() != fw.size())
    GOVMETRICS_THROW(spec_error("report: the model is not the one that computed the result"));
  if (raw.columns.size() != fw.indicators().size()) {
    GOVMETRICS_THROW(data_error("report: the raw data have " + std::to_string(raw.columns.size()) +
                                " columns for " + std::to_string(fw.indicators().size()) +
                                " indicators"));
  }
  for (std::size_t s = 0; s < raw.columns.size(); ++s) {
    if (raw.columns[s].size() != n) {
      GOVMETRICS_THROW(data_error("report: raw column '" +
                                  (s < raw.codes.size() ? raw.codes[s] : std::to_string(s)) +
                                  "' has " + std::to_string(raw.columns[s].size()) +
                                  " values for " + std::to_string(n) + " units"));
    }
  }
  json d;
  d["format"] = 1;
  d["title"] = m.name.empty() ? fw[fw.root()].code : m.name;
  d["description"] = m.description;
  d["unit_label"] = m.unit_column.empty() ? std::string("unit") : m.unit_column;
  d["notes"] = o.notes;
  bool illustrative = says_illustrative(m.name) || says_illustrative(m.description);
  for (const std::string& note : o.notes)
    illustrative = illustrative || says_illustrative(note);
  d["illustrative"] = illustrative;
  d["libraries"] = html_report_libraries();
  d["units"] = r.units();

  // the tree: names, directions, weights (the file's, the run's, effective), methods
  const std::vector<std::size_t> level = audit::levels(fw);
  std::vector<double> used(fw.size(), 1.0), effective(fw.size(), 1.0);
  for (const auto& e : audit::effective_weights(r)) {
    const std::size_t i = fw.index_of(e.node);
    used[i] = e.weight;
    effective[i] = e.effective_weight;
  }
  json nodes = json::array();
  for (std::size_t i = 0; i < fw.size(); ++i) {
    const node& nd = fw[i];
    json j;
    j["code"] = nd.code;
    j["name"] = nd.name;
    j["parent"] = nd.parent;
    j["level"] = level[i];
    j["kind"] = nd.is_indicator() ? "indicator" : "aggregate";
    j["children"] = fw.children(i);
    j["weight_nominal"] = number(nd.weight);
    j["weight"] = i == fw.root() ? json(nullptr) : number(used[i]);
    j["effective_weight"] = number(effective[i]);
    if (nd.is_indicator()) {
      j["direction"] = to_string(nd.polarity);
      j["column"] = nd.column;
      j["unit"] = nd.unit;
      j["denominator"] = nd.denominator;
    } else {
      j["aggregation"] = r.aggregation_methods()[i];
    }
    j["description"] = nd.description;
    json labels = json::object();
    for (const auto& [k, v] : nd.labels)
      labels[k] = v;
    j["labels"] = std::move(labels);
    nodes.push_back(std::move(j));
  }
  d["nodes"] = std::move(nodes);
  d["root"] = fw.root();

  // scores and ranks of every node ([node][unit]); nodes the run did not rank are ranked here,
  // as explain::strengths ranks them
  json scores = json::array(), ranks = json::array();
  std::vector<std::vector<double>> indicator_ranks(fw.indicators().size()); // for the strengths
  std::vector<double> buffer(n);
  rank::workspace ws;
  for (std::size_t i = 0; i < fw.size(); ++i) {
    scores.push_back(numbers(r.score(i), n));
    column_view rk = r.rank(i);
    if (rk.size() != n) {
      rank::rank_into(r.score(i), r.ties(), buffer.data(), ws);
      rk = column_view{buffer.data(), n};
      if (fw.is_indicator(i))
        indicator_ranks[fw.indicator_slot(i)] = buffer;
    }
    ranks.push_back(numbers(rk, n));
  }
  d["scores"] = std::move(scores);
  d["ranks"] = std::move(ranks);
  d["ranked"] = [&] {
    json out = json::array();
    for (std::size_t i = 0; i < fw.size(); ++i)
      out.push_back(r.rank(i).size() == n);
    return out;
  }();
  json median = json::array(), best = json::array();
  if (n > 0) {
    for (const auto& p : explain::profile(r, 0)) {
      median.push_back(number(p.median));
      best.push_back(number(p.best));
    }
  }
  d["median"] = std::move(median);
  d["best"] = std::move(best);

  // contributions ([node][unit]) to the parent's score and to the index; how per node
  std::vector<std::vector<double>> to_parent(fw.size(), std::vector<double>(n));
  std::vector<std::vector<double>> to_index(fw.size(), std::vector<double>(n));
  std::vector<std::string> how(fw.size());
  json strengths = json::array(), weaknesses = json::array();
  const auto standing_json = [&](const std::vector<explain::standing>& rows) {
    json out = json::array();
    for (const auto& s : rows)
      out.push_back({fw.index_of(s.code), number(s.rank)});
    return out;
  };
  for (std::size_t u = 0; u < n; ++u) {
    const auto c = explain::contributions(mod.plan(), r, u);
    for (std::size_t i = 0; i < fw.size(); ++i) {
      to_parent[i][u] = c[i].contribution;
      to_index[i][u] = c[i].index_contribution;
      if (how[i].empty())
        how[i] = c[i].how; // the first unit's that says (one with a score at the parent)
    }
    const auto sw = explain::strengths(r, raw, u, 5, &indicator_ranks);
    strengths.push_back(standing_json(sw.strengths));
    weaknesses.push_back(standing_json(sw.weaknesses));
  }
  json cp = json::array(), ci = json::array();
  for (std::size_t i = 0; i < fw.size(); ++i) {
    cp.push_back(numbers(column_view{to_parent[i].data(), n}, n));
    ci.push_back(numbers(column_view{to_index[i].data(), n}, n));
  }
  d["contribution"] = std::move(cp);
  d["index_contribution"] = std::move(ci);
  d["how"] = how;
  d["strengths"] = std::move(strengths);
  d["weaknesses"] = std::move(weaknesses);
  json raw_values = json::array();
  for (const column_view& c : raw.columns)
    raw_values.push_back(numbers(c, n));
  d["raw"] = std::move(raw_values);
  d["indicators"] = fw.indicators();

  // the audit's Pearson correlations (siblings' level and each node with its parent)
  json corr = json::array();
  for (const auto& row : audit::correlations(r)) {
    if (row.method != audit::correlation_method::pearson)
      continue;
    corr.push_back({{"a", row.a},
                    {"b", row.b},
                    {"r", number(row.r)},
                    {"p", number(row.p)},
                    {"n", row.n},
                    {"with_parent", row.with_parent}});
  }
  d["correlations"] = std::move(corr);

  // the method choices as the methodology file spells them, and the diagnostics
  json settings = json::object();
  const json file = json::parse(to_json(m));
  for (const auto& [key, value] : file.items())
    if (key != "nodes")
      settings[key] = value;
  d["settings"] = std::move(settings);
  json diags = json::array();
  for (const diagnostic& dg : r.diagnostics()) {
    diags.push_back({{"level", to_string(dg.severity)},
                     {"stage", dg.component},
                     {"node", dg.node},
                     {"unit", dg.unit},
                     {"message", dg.message}});
  }
  d["diagnostics"] = std::move(diags);
  d["screened_units"] = r.screened_units();
  d["screened_indicators"] = r.screened_indicators();

  d["uncertainty"] = o.uncertainty == nullptr
                         ? json(nullptr)
                         : uncertainty_json(*o.uncertainty, r, o.uncertainty_inputs);
  d["sensitivity"] = o.sensitivity == nullptr ? json(nullptr) : sensitivity_json(*o.sensitivity, r);
  return d.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string html_report(const methodology& m, const model& mod, const result& r,
                        const audit::named_columns& raw, const html_report_options& o) {
  const std::string data = script_safe(html_report_data(m, mod, r, raw, o));
  const framework& fw = r.tree();
  const std::string title = m.name.empty() ? fw[fw.root()].code : m.name;
  const std::string_view page = report_assets::page;
  std::string out;
  out.reserve(page.size() + data.size() + report_assets::vega.size() +
              report_assets::vega_lite.size() + report_assets::vega_embed.size() +
              report_assets::script.size() + report_assets::style.size() +
              report_assets::licenses.size() + 4096);
  std::size_t at = 0;
  while (at < page.size()) {
    const std::size_t open = page.find("{{", at);
    if (open == std::string_view::npos) {
      out.append(page.substr(at));
      break;
    }
    out.append(page.substr(at, open - at));
    const std::size_t close = page.find("}}", open);
    const std::string_view key = page.substr(open + 2, close - open - 2);
    if (key == "title")
      out += html_escape(title);
    else if (key == "style")
      out.append(report_assets::style);
    else if (key == "data")
      out += data;
    else if (key == "vega")
      out.append(report_assets::vega);
    else if (key == "vega_lite")
      out.append(report_assets::vega_lite);
    else if (key == "vega_embed")
      out.append(report_assets::vega_embed);
    else if (key == "script")
      out.append(report_assets::script);
    else if (key == "libraries")
      out += html_escape(report_assets::libraries);
    else if (key == "licenses")
      out += html_escape(report_assets::licenses);
    else
      GOVMETRICS_THROW(spec_error("report: the page template has an unknown marker {{" +
                                  std::string(key) + "}}"));
    at = close + 2;
  }
  return out;
}

const char* html_report_libraries() noexcept {
  return report_assets::libraries.data();
}

} // namespace govmetrics::io
