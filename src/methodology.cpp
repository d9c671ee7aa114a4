// govmetrics io: methodology files (JSON) read and written with nlohmann::json.
#include "govmetrics/io/methodology.hpp"
#include "govmetrics/io/files.hpp"

#include "govmetrics/config.hpp"
#include "govmetrics/detail/fields.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/pipeline/model.hpp"
#include "govmetrics/uncertainty/engine.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics::io {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

/// Collects every problem instead of stopping at the first.
struct problems {
  std::vector<std::string> list;
  void add(const std::string& path, const std::string& what) { list.push_back(path + ": " + what); }
};

std::string type_name(const json& j) {
  return j.is_number() ? "a number" : std::string(j.is_string() ? "a string" : j.type_name());
}

bool read_value(const json& j, const std::string& path, problems& p, double& out) {
  if (!j.is_number()) {
    p.add(path, "expected a number, got " + type_name(j));
    return false;
  }
  out = j.get<double>();
  if (!std::isfinite(out)) {
    p.add(path, "expected a finite number");
    return false;
  }
  return true;
}

bool read_value(const json& j, const std::string& path, problems& p, bool& out) {
  if (!j.is_boolean()) {
    p.add(path, "expected true or false, got " + type_name(j));
    return false;
  }
  out = j.get<bool>();
  return true;
}

bool read_value(const json& j, const std::string& path, problems& p, std::string& out) {
  if (!j.is_string()) {
    p.add(path, "expected a string, got " + type_name(j));
    return false;
  }
  out = j.get<std::string>();
  return true;
}

/// Reads a JSON array element by element with `read_value` (so nested arrays work), naming each
/// element's path (`path[i]`) in problems. An element that fails leaves the output unchanged.
template <class T>
bool read_value(const json& j, const std::string& path, problems& p, std::vector<T>& out) {
  if (!j.is_array()) {
    p.add(path, "expected an array, got " + type_name(j));
    return false;
  }
  std::vector<T> values(j.size());
  bool ok = true;
  for (std::size_t i = 0; i < j.size(); ++i)
    ok = read_value(j[i], path + "[" + std::to_string(i) + "]", p, values[i]) && ok;
  if (ok)
    out = std::move(values);
  return ok;
}

std::string join_keys(const std::set<std::string>& keys) {
  std::string s;
  for (const auto& k : keys)
    s += (s.empty() ? "'" : ", '") + k + "'";
  return s;
}

/// Reports keys of object `j` that are not in `known`.
void check_keys(const json& j, const std::string& path, const std::set<std::string>& known,
                problems& p, const std::string& context) {
  for (const auto& [key, value] : j.items()) {
    (void)value;
    if (known.count(key) == 0) {
      p.add(path + "." + key, "unknown key " + detail::quoted(key) + "" + context +
                                  " (expected one of " + join_keys(known) + ")");
    }
  }
}

/// winsorise's fallback as the methods issue specified it: `"fallback": "log_ct"` or `"none"`,
/// beside the boolean `log_fallback` that files written so far use. Both may be given if they
/// agree.
void read_winsorise_fallback(const json& j, const std::string& path, problems& p,
                             treat::winsorise& w) {
  const auto f = j.find("fallback");
  if (f == j.end())
    return;
  std::string v;
  if (!read_value(*f, path + ".fallback", p, v))
    return;
  if (v != "log_ct" && v != "none") {
    p.add(path + ".fallback",
          "unknown fallback " + detail::quoted(v) + " (expected 'log_ct' or 'none')");
    return;
  }
  const bool log_ct = v == "log_ct";
  if (j.find("log_fallback") != j.end() && w.log_fallback != log_ct) {
    p.add(path + ".fallback", "'fallback': " + detail::quoted(v) + " contradicts 'log_fallback': " +
                                  (w.log_fallback ? "true" : "false"));
    return;
  }
  w.log_fallback = log_ct;
}

/// Reads `{"method": name, params...}` into a strategy variant.
template <class Variant>
Variant parse_strategy(const json& j, const std::string& path, problems& p, const char* family) {
  Variant v{};
  if (!j.is_object()) {
    p.add(path, std::string("expected an object like {\"method\": ...}, got ") + type_name(j));
    return v;
  }
  const auto m = j.find("method");
  if (m == j.end()) {
    p.add(path, std::string("missing key 'method' (") + family +
                    " methods: " + govmetrics::detail::names_of<Variant>() + ")");
    return v;
  }
  std::string name;
  if (!read_value(*m, path + ".method", p, name))
    return v;
  if (!govmetrics::detail::emplace_by_name(name, v)) {
    p.add(path + ".method", std::string("unknown ") + family + " method " + detail::quoted(name) +
                                " (expected one of " + govmetrics::detail::names_of<Variant>() +
                                ")");
    return v;
  }
  std::visit(
      [&](auto& s) {
        std::set<std::string> known{"method"};
        if constexpr (std::is_same_v<std::decay_t<decltype(s)>, treat::winsorise>)
          known.insert("fallback");
        govmetrics::detail::for_each_field(s, [&](const char* key, auto& field) {
          known.insert(key);
          const auto f = j.find(key);
          if (f != j.end())
            read_value(*f, path + "." + key, p, field);
        });
        if constexpr (std::is_same_v<std::decay_t<decltype(s)>, treat::winsorise>)
          read_winsorise_fallback(j, path, p, s);
        check_keys(j, path, known, p, " for method " + detail::quoted(name) + "");
        try {
          s.validate();
        } catch (const error& e) {
          p.add(path, e.what());
        }
      },
      v);
  return v;
}

template <class Variant>
ordered_json write_strategy(const Variant& v) {
  ordered_json j;
  std::visit(
      [&](const auto& s) {
        j["method"] = s.name();
        govmetrics::detail::for_each_field(
            s, [&](const char* key, const auto& field) { j[key] = field; });
      },
      v);
  return j;
}

const std::set<std::string> top_keys{"govmetrics", "name",      "description", "unit",
                                     "nodes",      "normalize", "aggregate",   "missing",
                                     "weights",    "rank",      "data",        "treat",
                                     "impute",     "screen",    "uncertainty", "sensitivity"};
const std::set<std::string> node_keys{"code",   "name",   "parent",      "weight",    "direction",
                                      "column", "unit",   "description", "normalize", "aggregate",
                                      "treat",  "impute", "denominator", "weights",   "target"};

void parse_node(const json& j, const std::string& path, problems& p, methodology& m) {
  if (!j.is_object()) {
    p.add(path, "expected an object, got " + type_name(j));
    return;
  }
  node n;
  const auto code = j.find("code");
  if (code == j.end()) {
    p.add(path, "missing key 'code'");
  } else {
    read_value(*code, path + ".code", p, n.code);
  }
  for (const auto& [key, value] : j.items()) {
    const std::string kp = path + "." + key;
    if (key == "code")
      continue;
    if (key == "name") {
      read_value(value, kp, p, n.name);
    } else if (key == "parent") {
      read_value(value, kp, p, n.parent);
      if (n.parent.empty() && value.is_string())
        p.add(kp, "empty parent (omit it for the root)");
    } else if (key == "weight") {
      read_value(value, kp, p, n.weight);
    } else if (key == "direction") {
      std::string d;
      if (read_value(value, kp, p, d)) {
        if (d == "positive") {
          n.polarity = direction::positive;
        } else if (d == "negative") {
          n.polarity = direction::negative;
        } else {
          p.add(kp,
                "unknown direction " + detail::quoted(d) + " (expected 'positive' or 'negative')");
        }
      }
    } else if (key == "column") {
      read_value(value, kp, p, n.column);
      if (n.column.empty() && value.is_string())
        p.add(kp, "empty column name");
    } else if (key == "unit") {
      read_value(value, kp, p, n.unit);
    } else if (key == "description") {
      read_value(value, kp, p, n.description);
    } else if (key == "denominator") {
      read_value(value, kp, p, n.denominator);
      if (n.denominator.empty() && value.is_string())
        p.add(kp, "empty denominator column name (omit it for an indicator used as given)");
    } else if (key == "target") {
      double v = 0.0;
      if (read_value(value, kp, p, v)) {
        if (!std::isfinite(v))
          p.add(kp, "expected a finite number");
        n.labels["target"] = detail::format_number(v);
      }
    } else if (key.rfind("name_", 0) == 0 && key.size() > 5) {
      std::string label;
      if (read_value(value, kp, p, label))
        n.labels[key] = label;
    } else if (key != "normalize" && key != "aggregate" && key != "treat" && key != "impute" &&
               key != "weights") {
      p.add(kp, "unknown key " + detail::quoted(key) + " (expected one of " + join_keys(node_keys) +
                    " or a 'name_<language>' label)");
    }
  }
  const bool indicator = j.contains("column");
  if (const auto f = j.find("normalize"); f != j.end()) {
    if (!indicator) {
      p.add(path + ".normalize", "only an indicator (a node with 'column') may carry 'normalize'");
    } else {
      m.spec.normalize_overrides[n.code] =
          parse_strategy<normalize::any>(*f, path + ".normalize", p, "normalisation");
    }
  }
  if (const auto f = j.find("treat"); f != j.end()) {
    if (!indicator) {
      p.add(path + ".treat", "only an indicator (a node with 'column') may carry 'treat'");
    } else {
      m.spec.treat_overrides[n.code] =
          parse_strategy<treat::any>(*f, path + ".treat", p, "treatment");
    }
  }
  if (const auto f = j.find("impute"); f != j.end()) {
    if (!indicator) {
      p.add(path + ".impute", "only an indicator (a node with 'column') may carry 'impute'");
    } else {
      m.spec.impute_overrides[n.code] =
          parse_strategy<impute::any>(*f, path + ".impute", p, "imputation");
    }
  }
  if (!indicator && j.contains("target")) {
    p.add(path + ".target", "'target' applies to indicators only (nodes with 'column')");
  }
  if (!indicator && j.contains("denominator")) {
    p.add(path + ".denominator", "'denominator' applies to indicators only (nodes with 'column')");
  }
  if (const auto f = j.find("aggregate"); f != j.end()) {
    if (indicator) {
      p.add(path + ".aggregate", "an indicator (a node with 'column') cannot carry 'aggregate'");
    } else {
      m.spec.aggregate_overrides[n.code] =
          parse_strategy<aggregate::any>(*f, path + ".aggregate", p, "aggregation");
    }
  }
  if (const auto f = j.find("weights"); f != j.end()) {
    if (indicator) {
      p.add(path + ".weights", "an indicator (a node with 'column') cannot carry 'weights' (the "
                               "weights of a node's children are set on the node)");
    } else {
      m.spec.weights_overrides[n.code] =
          parse_strategy<weights::any>(*f, path + ".weights", p, "weighting");
    }
  }
  if (!indicator && j.contains("direction")) {
    p.add(path + ".direction", "'direction' applies to indicators only (nodes with 'column')");
  }
  m.nodes.push_back(std::move(n));
}

/// `{"min_share": 0.9, "indicator_min_share": 0}` (no "method": screening is one strategy).
void parse_screen(const json& j, const std::string& path, problems& p, methodology& m) {
  if (!j.is_object()) {
    p.add(path, "expected an object like {\"min_share\": 0.9}, got " + type_name(j));
    return;
  }
  std::set<std::string> known;
  govmetrics::detail::for_each_field(m.spec.screen, [&](const char* key, auto& field) {
    known.insert(key);
    const auto f = j.find(key);
    if (f != j.end())
      read_value(*f, path + "." + key, p, field);
  });
  check_keys(j, path, known, p, "");
  try {
    m.spec.screen.validate();
  } catch (const error& e) {
    p.add(path, e.what());
  }
}

void parse_rank(const json& j, const std::string& path, problems& p, methodology& m) {
  if (!j.is_object()) {
    p.add(path, "expected an object like {\"ties\": \"min\"}, got " + type_name(j));
    return;
  }
  check_keys(j, path, {"ties", "nodes"}, p, "");
  if (const auto t = j.find("ties"); t != j.end()) {
    std::string s;
    if (read_value(*t, path + ".ties", p, s)) {
      try {
        m.spec.ties = rank::ties_from_string(s);
      } catch (const error& e) {
        p.add(path + ".ties", e.what());
      }
    }
  }
  if (const auto t = j.find("nodes"); t != j.end()) {
    std::string s;
    if (read_value(*t, path + ".nodes", p, s)) {
      if (s == "all") {
        m.spec.ranks = rank_scope::all;
      } else if (s == "aggregates") {
        m.spec.ranks = rank_scope::aggregates;
      } else if (s == "root") {
        m.spec.ranks = rank_scope::root;
      } else {
        p.add(path + ".nodes", "unknown rank scope " + detail::quoted(s) +
                                   " (expected 'all', 'aggregates' or 'root')");
      }
    }
  }
}

void parse_data(const json& j, const std::string& path, problems& p, methodology& m) {
  if (!j.is_object()) {
    p.add(path, "expected an object like {\"layout\": \"wide\"}, got " + type_name(j));
    return;
  }
  check_keys(j, path, {"layout", "indicator", "value"}, p, "");
  if (const auto f = j.find("layout"); f != j.end()) {
    std::string s;
    if (read_value(*f, path + ".layout", p, s)) {
      if (s == "wide") {
        m.layout = csv_layout::wide;
      } else if (s == "long") {
        m.layout = csv_layout::long_;
      } else {
        p.add(path + ".layout",
              "unknown layout " + detail::quoted(s) + " (expected 'wide' or 'long')");
      }
    }
  }
  if (const auto f = j.find("indicator"); f != j.end()) {
    read_value(*f, path + ".indicator", p, m.indicator_column);
  }
  if (const auto f = j.find("value"); f != j.end())
    read_value(*f, path + ".value", p, m.value_column);
}

/// A whole number in [lo, hi] (runs, seed).
bool read_count(const json& j, const std::string& path, problems& p, std::uint64_t lo,
                std::uint64_t hi, std::uint64_t& out) {
  if (!j.is_number_unsigned()) {
    p.add(path, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                    ", got " + (j.is_number() ? j.dump() : type_name(j)));
    return false;
  }
  const auto v = j.get<std::uint64_t>();
  if (v < lo || v > hi) {
    p.add(path, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                    ", got " + std::to_string(v));
    return false;
  }
  out = v;
  return true;
}

/// `"*"` (empty: every node) or an array of node codes.
void read_nodes(const json& j, const std::string& path, problems& p, std::vector<std::string>& out,
                bool star) {
  if (star && j.is_string() && j.get<std::string>() == "*") {
    out.clear();
    return;
  }
  if (!j.is_array() || j.empty()) {
    p.add(path, std::string("expected ") + (star ? "\"*\" or " : "") +
                    "a non-empty array of node codes, got " +
                    (j.is_array() ? std::string("an empty array") : type_name(j)));
    return;
  }
  if (!read_value(j, path, p, out))
    return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!seen.insert(out[i]).second)
      p.add(path + "[" + std::to_string(i) + "]", detail::quoted(out[i]) + " is listed twice");
  }
}

template <class Variant>
std::vector<Variant> parse_alternatives(const json& j, const std::string& path, problems& p,
                                        const char* family) {
  std::vector<Variant> out;
  if (!j.is_array() || j.empty()) {
    p.add(path, "expected a non-empty array of methods like {\"method\": ...}, got " +
                    (j.is_array() ? std::string("an empty array") : type_name(j)));
    return out;
  }
  for (std::size_t i = 0; i < j.size(); ++i)
    out.push_back(parse_strategy<Variant>(j[i], path + "[" + std::to_string(i) + "]", p, family));
  return out;
}

/// One entry of "uncertainty": {"inputs": [...]}.
void parse_uncertainty_input(const json& j, const std::string& path, problems& p,
                             uncertainty::spec& s) {
  if (!j.is_object()) {
    p.add(path, "expected an object like {\"kind\": ...}, got " + type_name(j));
    return;
  }
  std::string kind;
  const auto k = j.find("kind");
  if (k == j.end()) {
    p.add(path, "missing key 'kind' (expected 'weights', 'normalize', 'aggregate', 'treat', "
                "'impute', 'weighting', 'missing', 'exclude' or 'data')");
    return;
  }
  if (!read_value(*k, path + ".kind", p, kind))
    return;
  std::string name = kind;
  if (const auto f = j.find("name"); f != j.end())
    read_value(*f, path + ".name", p, name);
  if (kind == "weights") {
    check_keys(j, path, {"name", "kind", "nodes", "distribution", "spread", "concentration"}, p,
               " for kind 'weights'");
    uncertainty::weights_input w;
    w.name = name;
    if (const auto f = j.find("nodes"); f != j.end())
      read_nodes(*f, path + ".nodes", p, w.nodes, true);
    if (const auto f = j.find("distribution"); f != j.end()) {
      std::string d;
      if (read_value(*f, path + ".distribution", p, d)) {
        if (d == "uniform") {
          w.distribution = uncertainty::weight_distribution::uniform;
        } else if (d == "dirichlet") {
          w.distribution = uncertainty::weight_distribution::dirichlet;
        } else if (d == "simplex") {
          w.distribution = uncertainty::weight_distribution::simplex;
        } else {
          p.add(path + ".distribution", "unknown distribution " + detail::quoted(d) +
                                            " (expected 'uniform', 'dirichlet' or 'simplex')");
        }
      }
    }
    if (const auto f = j.find("spread"); f != j.end())
      read_value(*f, path + ".spread", p, w.spread);
    if (const auto f = j.find("concentration"); f != j.end())
      read_value(*f, path + ".concentration", p, w.concentration);
    s.inputs.emplace_back(std::move(w));
    return;
  }
  if (kind == "exclude") {
    check_keys(j, path, {"name", "kind", "nodes"}, p, " for kind 'exclude'");
    uncertainty::exclude_input e;
    e.name = name;
    if (const auto f = j.find("nodes"); f != j.end())
      read_nodes(*f, path + ".nodes", p, e.nodes, false);
    else
      p.add(path, "missing key 'nodes' (the nodes to exclude, one at a time)");
    s.inputs.emplace_back(std::move(e));
    return;
  }
  if (kind == "data") {
    check_keys(j, path, {"name", "kind", "indicators", "relative_sd", "sd"}, p, " for kind 'data'");
    uncertainty::data_input d;
    d.name = name;
    if (const auto f = j.find("indicators"); f != j.end())
      read_nodes(*f, path + ".indicators", p, d.indicators, true);
    if (const auto f = j.find("relative_sd"); f != j.end())
      read_value(*f, path + ".relative_sd", p, d.relative_sd);
    if (const auto f = j.find("sd"); f != j.end())
      read_value(*f, path + ".sd", p, d.sd);
    s.inputs.emplace_back(std::move(d));
    return;
  }
  uncertainty::alternatives_input a;
  a.name = name;
  check_keys(j, path, {"name", "kind", "nodes", "alternatives", "probabilities"}, p,
             " for kind " + detail::quoted(kind));
  const auto alts = j.find("alternatives");
  if (alts == j.end()) {
    p.add(path, "missing key 'alternatives' (the methods to choose from)");
    return;
  }
  const std::string ap = path + ".alternatives";
  if (kind == "normalize") {
    a.alternatives = parse_alternatives<normalize::any>(*alts, ap, p, "normalisation");
  } else if (kind == "aggregate") {
    a.alternatives = parse_alternatives<aggregate::any>(*alts, ap, p, "aggregation");
  } else if (kind == "treat") {
    a.alternatives = parse_alternatives<treat::any>(*alts, ap, p, "treatment");
  } else if (kind == "impute") {
    a.alternatives = parse_alternatives<impute::any>(*alts, ap, p, "imputation");
  } else if (kind == "weighting") {
    a.alternatives = parse_alternatives<weights::any>(*alts, ap, p, "weighting");
  } else if (kind == "missing") {
    a.alternatives = parse_alternatives<missing::any>(*alts, ap, p, "missing-value");
  } else {
    p.add(path + ".kind", "unknown kind " + detail::quoted(kind) +
                              " (expected 'weights', 'normalize', 'aggregate', 'treat', 'impute', "
                              "'weighting', 'missing', 'exclude' or 'data')");
    return;
  }
  if (const auto f = j.find("nodes"); f != j.end())
    read_nodes(*f, path + ".nodes", p, a.nodes, true);
  if (const auto f = j.find("probabilities"); f != j.end())
    read_value(*f, path + ".probabilities", p, a.probabilities);
  s.inputs.emplace_back(std::move(a));
}

void parse_uncertainty(const json& j, const std::string& path, problems& p, methodology& m) {
  if (!j.is_object()) {
    p.add(path, "expected an object like {\"runs\": ..., \"inputs\": [...]}, got " + type_name(j));
    return;
  }
  check_keys(j, path, {"runs", "seed", "inputs"}, p, "");
  uncertainty::spec s;
  if (const auto f = j.find("runs"); f != j.end()) {
    std::uint64_t runs = s.runs;
    if (read_count(*f, path + ".runs", p, 1, std::uint64_t{1} << 40, runs))
      s.runs = static_cast<std::size_t>(runs);
  }
  if (const auto f = j.find("seed"); f != j.end())
    read_count(*f, path + ".seed", p, 0, std::numeric_limits<std::uint64_t>::max(), s.seed);
  if (const auto f = j.find("inputs"); f == j.end()) {
    p.add(path, "missing key 'inputs' (what the analysis varies)");
  } else if (!f->is_array()) {
    p.add(path + ".inputs", "expected an array of inputs, got " + type_name(*f));
  } else {
    for (std::size_t i = 0; i < f->size(); ++i) {
      const std::size_t before = p.list.size();
      parse_uncertainty_input((*f)[i], path + ".inputs[" + std::to_string(i) + "]", p, s);
      if (p.list.size() == before) {
        try { // parameters (spread, probabilities) named at the input's path
          uncertainty::spec one;
          one.inputs.push_back(s.inputs.back());
          uncertainty::validate(one);
        } catch (const error& e) {
          std::string what = e.what();
          const auto colon = what.find("): ");
          p.add(path + ".inputs[" + std::to_string(i) + "]",
                colon == std::string::npos ? what : what.substr(colon + 3));
        }
      }
    }
  }
  m.uncertainty = std::move(s);
}

void parse_sensitivity(const json& j, const std::string& path, problems& p, methodology& m) {
  if (!j.is_object()) {
    p.add(path, "expected an object like {\"n\": 4096, \"bootstrap\": 100}, got " + type_name(j));
    return;
  }
  check_keys(j, path,
             {"n", "seed", "bootstrap", "confidence", "sampling", "scramble", "dummy", "nodes"}, p,
             "");
  sensitivity::settings s;
  std::uint64_t v = 0;
  if (const auto f = j.find("n"); f != j.end() && read_count(*f, path + ".n", p, 2, 1ULL << 40, v))
    s.n = static_cast<std::size_t>(v);
  if (const auto f = j.find("seed");
      f != j.end() &&
      read_count(*f, path + ".seed", p, 0, std::numeric_limits<std::uint64_t>::max(), v))
    s.seed = v;
  if (const auto f = j.find("bootstrap");
      f != j.end() && read_count(*f, path + ".bootstrap", p, 0, 1000000, v))
    s.bootstrap = static_cast<std::size_t>(v);
  if (const auto f = j.find("confidence"); f != j.end()) {
    double c = 0.0;
    if (read_value(*f, path + ".confidence", p, c)) {
      if (c > 0.0 && c < 1.0)
        s.confidence = c;
      else
        p.add(path + ".confidence",
              "expected a number between 0 and 1 (e.g. 0.95), got " + detail::format_number(c));
    }
  }
  if (const auto f = j.find("sampling"); f != j.end()) {
    std::string method;
    if (read_value(*f, path + ".sampling", p, method)) {
      if (method == "monte_carlo")
        s.monte_carlo = true;
      else if (method != "sobol")
        p.add(path + ".sampling", "unknown sampling " + detail::quoted(method) +
                                      " (expected 'sobol' or 'monte_carlo')");
    }
  }
  if (const auto f = j.find("scramble"); f != j.end())
    read_value(*f, path + ".scramble", p, s.scramble);
  if (const auto f = j.find("dummy"); f != j.end())
    read_value(*f, path + ".dummy", p, s.dummy);
  if (const auto f = j.find("nodes"); f != j.end())
    read_nodes(*f, path + ".nodes", p, s.nodes, false);
  if (s.monte_carlo && j.contains("scramble") && !s.scramble) {
    p.add(path + ".scramble", "'scramble' applies to Sobol' points, not to monte_carlo sampling");
  }
  if (!s.monte_carlo && (s.n & (s.n - 1)) != 0)
    p.add(path + ".n",
          "N must be a power of two for Sobol' points (got " + std::to_string(s.n) + ")");
  m.sensitivity = std::move(s);
}

/// Finds keys given twice in one object, with the JSON path of that object, in one linear SAX pass
/// (nlohmann keeps the last of two equal keys silently; its callback parser rescans the parent
/// container at every object's end, which is quadratic on a long "nodes" array).
class duplicate_key_finder {
public:
  struct duplicate {
    std::string path; ///< of the object holding the key twice, e.g. "$.nodes[1]"
    std::string key;
  };
  std::vector<duplicate> found;

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return value(); }
  bool string(json::string_t&) { return value(); }
  bool binary(json::binary_t&) { return value(); }
  bool start_object(std::size_t) {
    value();
    frames_.push_back(frame{true, {}, {}, 0});
    return true;
  }
  bool key(json::string_t& k) {
    frame& f = frames_.back();
    if (!f.keys.insert(k).second)
      found.push_back({path_of_top(), k});
    f.key = k;
    return true;
  }
  bool end_object() {
    frames_.pop_back();
    return true;
  }
  bool start_array(std::size_t) {
    value();
    frames_.push_back(frame{false, {}, {}, 0});
    return true;
  }
  bool end_array() {
    frames_.pop_back();
    return true;
  }
  /// Records where the parse stopped (the DOM parse reports syntax errors; a number out of the
  /// range of a double is located from here, with the JSON path of the value).
  bool parse_error(std::size_t byte, const std::string& token, const nlohmann::detail::exception&) {
    error_byte = byte;
    error_token = token;
    error_path = path_of_value();
    return false;
  }
  std::size_t error_byte = 0; ///< 1-based byte offset of the parse error, 0 when none
  std::string error_token;
  std::string error_path;

private:
  struct frame {
    bool object;
    std::set<std::string> keys;
    std::string key;   ///< object: the key of the value being read
    std::size_t count; ///< array: the values started so far
  };
  std::vector<frame> frames_;

  bool value() {
    if (!frames_.empty() && !frames_.back().object)
      ++frames_.back().count;
    return true;
  }
  /// The path of the value being read.
  std::string path_of_value() const {
    std::string path = path_of_top();
    if (frames_.empty())
      return path;
    const frame& f = frames_.back();
    return path + (f.object ? "." + f.key : "[" + std::to_string(f.count) + "]");
  }
  /// The path of the innermost open object.
  std::string path_of_top() const {
    std::string path = "$";
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      if (frames_[i].object)
        path += "." + frames_[i].key;
      else
        path += "[" + std::to_string(frames_[i].count - 1) + "]";
    }
    return path;
  }
};

/// Parses into `m`, collecting problems; throws parse_error on invalid JSON.
void parse_into(std::string_view text, const std::string& source, methodology& m, problems& p) {
  json doc;
  // nlohmann reports a 1-based byte offset; turn it into a line and a column.
  const auto line_column = [&](std::size_t byte) {
    std::size_t line = 1;
    std::size_t col = 1;
    const std::size_t end = std::min<std::size_t>(byte == 0 ? 0 : byte - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return std::pair<std::size_t, std::size_t>(line, col);
  };
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const auto [line, col] = line_column(e.byte);
    std::string what = e.what();
    const auto pos = what.find("syntax error");
    if (pos != std::string::npos)
      what = what.substr(pos);
    GOVMETRICS_THROW(parse_error("methodology: invalid JSON (" + source + ", line " +
                                     std::to_string(line) + ", column " + std::to_string(col) +
                                     "): " + what,
                                 source, line, col));
  } catch (const json::exception& e) {
    // e.g. a number too large for a double ("1e999"): located by a SAX pass, which stops there.
    duplicate_key_finder where;
    json::sax_parse(text.begin(), text.end(), &where);
    if (where.error_byte == 0) {
      GOVMETRICS_THROW(
          parse_error("methodology: invalid JSON (" + source + "): " + e.what(), source, 0, 0));
    }
    // The lexer has read the token (error_byte bytes so far): it starts at the 1-based byte
    // error_byte - size + 1.
    const std::size_t start = where.error_byte >= where.error_token.size()
                                  ? where.error_byte - where.error_token.size() + 1
                                  : 1;
    const auto [line, col] = line_column(start);
    GOVMETRICS_THROW(parse_error("methodology: " + detail::quoted(where.error_token) + " at " +
                                     where.error_path + " is out of the range of a double (" +
                                     source + ", line " + std::to_string(line) + ", column " +
                                     std::to_string(col) + ")",
                                 source, line, col));
  }
  // Duplicate keys: nlohmann keeps the last one silently, so a second, linear pass finds them.
  duplicate_key_finder finder;
  json::sax_parse(text.begin(), text.end(), &finder);
  for (const auto& d : finder.found) {
    p.add(d.path, "key " + detail::quoted(d.key) +
                      " is given twice in one object (the last would silently win)");
  }
  if (!doc.is_object()) {
    p.add("$", "expected a JSON object at the top level, got " + type_name(doc));
    return;
  }
  check_keys(doc, "$", top_keys, p, "");
  if (const auto f = doc.find("govmetrics"); f == doc.end()) {
    p.add("$", "missing key 'govmetrics' (the format version, 1)");
  } else if (!f->is_number_integer() || f->get<long long>() != 1) {
    p.add("$.govmetrics", "unsupported format version " + f->dump() + " (this build reads 1)");
  }
  if (const auto f = doc.find("name"); f != doc.end())
    read_value(*f, "$.name", p, m.name);
  if (const auto f = doc.find("description"); f != doc.end()) {
    read_value(*f, "$.description", p, m.description);
  }
  if (const auto f = doc.find("unit"); f != doc.end())
    read_value(*f, "$.unit", p, m.unit_column);
  if (const auto f = doc.find("nodes"); f == doc.end()) {
    p.add("$", "missing key 'nodes' (the index tree)");
  } else if (!f->is_array()) {
    p.add("$.nodes", "expected an array of nodes, got " + type_name(*f));
  } else {
    m.nodes.reserve(f->size());
    for (std::size_t i = 0; i < f->size(); ++i) {
      parse_node((*f)[i], "$.nodes[" + std::to_string(i) + "]", p, m);
    }
  }
  if (const auto f = doc.find("impute"); f != doc.end()) {
    m.spec.impute = parse_strategy<impute::any>(*f, "$.impute", p, "imputation");
  }
  if (const auto f = doc.find("screen"); f != doc.end())
    parse_screen(*f, "$.screen", p, m);
  if (const auto f = doc.find("treat"); f != doc.end()) {
    m.spec.treat = parse_strategy<treat::any>(*f, "$.treat", p, "treatment");
  }
  if (const auto f = doc.find("normalize"); f != doc.end()) {
    m.spec.normalize = parse_strategy<normalize::any>(*f, "$.normalize", p, "normalisation");
  }
  if (const auto f = doc.find("aggregate"); f != doc.end()) {
    m.spec.aggregate = parse_strategy<aggregate::any>(*f, "$.aggregate", p, "aggregation");
  }
  if (const auto f = doc.find("missing"); f != doc.end()) {
    m.spec.missing = parse_strategy<missing::any>(*f, "$.missing", p, "missing-value");
  }
  if (const auto f = doc.find("weights"); f != doc.end()) {
    m.spec.weights = parse_strategy<weights::any>(*f, "$.weights", p, "weighting");
  }
  if (const auto f = doc.find("rank"); f != doc.end())
    parse_rank(*f, "$.rank", p, m);
  if (const auto f = doc.find("data"); f != doc.end())
    parse_data(*f, "$.data", p, m);
  if (const auto f = doc.find("uncertainty"); f != doc.end())
    parse_uncertainty(*f, "$.uncertainty", p, m);
  if (const auto f = doc.find("sensitivity"); f != doc.end()) {
    parse_sensitivity(*f, "$.sensitivity", p, m);
    if (doc.find("uncertainty") == doc.end())
      p.add("$.sensitivity", "needs an \"uncertainty\" section (its inputs are the factors)");
  }
  if (doc.contains("nodes") && doc["nodes"].is_array()) {
    for (const auto& problem : framework::check(m.nodes))
      p.add("$.nodes", problem);
  }
  // Checks that need the tree (e.g. an AHP matrix against the children of its nodes), once
  // everything else is valid.
  if (p.list.empty()) {
    const framework tree(m.nodes); // valid: checked above (built once; a 100,000-node tree costs)
    try {
      govmetrics::validate(tree, m.spec);
    } catch (const error& e) {
      p.add("$", e.what());
    }
    if (m.uncertainty) {
      try {
        uncertainty::analysis::check(tree, *m.uncertainty, m.spec);
      } catch (const error& e) {
        p.add("$.uncertainty", e.what());
      }
    }
    if (m.sensitivity) {
      for (std::size_t i = 0; i < m.sensitivity->nodes.size(); ++i) {
        const std::string& code = m.sensitivity->nodes[i];
        const std::string where = "$.sensitivity.nodes[" + std::to_string(i) + "]";
        if (!tree.contains(code))
          p.add(where, "unknown node " + detail::quoted(code));
        else if (tree.is_indicator(tree.index_of(code)))
          p.add(where, detail::quoted(code) + " is an indicator, not an aggregate node");
      }
    }
  }
}

} // namespace

csv_options methodology::data_options() const {
  csv_options o;
  o.unit_column = unit_column;
  o.layout = layout;
  o.indicator_column = indicator_column;
  o.value_column = value_column;
  const auto add = [](std::vector<std::string>& list, const std::string& column) {
    if (!column.empty() && std::find(list.begin(), list.end(), column) == list.end())
      list.push_back(column);
  };
  for (const node& n : nodes) {
    if (n.is_indicator())
      add(o.columns, n.column);
  }
  // Denominators are data columns too (after the indicators); group columns are text labels.
  for (const node& n : nodes) {
    if (n.is_indicator())
      add(o.columns, n.denominator);
  }
  add(o.label_columns, impute::group_of(spec.impute));
  for (const auto& [code, imp] : spec.impute_overrides) {
    (void)code;
    add(o.label_columns, impute::group_of(imp));
  }
  return o;
}

std::vector<std::string> check_methodology(std::string_view json_text, const std::string& source) {
  methodology m;
  problems p;
  try {
    parse_into(json_text, source, m, p);
  } catch (const parse_error& e) {
    return {e.what()};
  }
  for (auto& s : p.list)
    s = "methodology: " + s + " (" + source + ")";
  return p.list;
}

methodology parse_methodology(std::string_view json_text, const std::string& source) {
  methodology m;
  problems p;
  parse_into(json_text, source, m, p);
  if (!p.list.empty()) {
    std::string msg = "methodology: " + std::to_string(p.list.size()) +
                      (p.list.size() == 1 ? " problem in " : " problems in ") + source + ": ";
    for (std::size_t i = 0; i < p.list.size(); ++i)
      msg += (i ? "; " : "") + p.list[i];
    GOVMETRICS_THROW(spec_error(msg));
  }
  return m;
}

std::string read_text_file(const std::string& path) {
  // a regular file of at most max_input_bytes(): never a FIFO, a device or endless input
  return read_input_file(path, "methodology");
}

methodology read_methodology(const std::string& path) {
  const std::string text = read_text_file(path);
  return parse_methodology(text, path);
}

std::string to_json(const methodology& m) {
  ordered_json doc;
  doc["govmetrics"] = m.format;
  if (!m.name.empty())
    doc["name"] = m.name;
  if (!m.description.empty())
    doc["description"] = m.description;
  if (!m.unit_column.empty())
    doc["unit"] = m.unit_column;
  ordered_json nodes = ordered_json::array();
  for (const node& n : m.nodes) {
    ordered_json j;
    j["code"] = n.code;
    if (!n.name.empty())
      j["name"] = n.name;
    for (const auto& [k, v] : n.labels) {
      if (k != "target")
        j[k] = v;
    }
    if (!n.parent.empty())
      j["parent"] = n.parent;
    if (!n.parent.empty() || n.weight != 1.0)
      j["weight"] = n.weight;
    if (n.is_indicator()) {
      j["direction"] = to_string(n.polarity);
      j["column"] = n.column;
    }
    if (!n.unit.empty())
      j["unit"] = n.unit;
    if (!n.description.empty())
      j["description"] = n.description;
    if (!n.denominator.empty())
      j["denominator"] = n.denominator;
    if (const auto t = n.labels.find("target"); t != n.labels.end()) {
      double v = 0.0; // written by format_number: reads back exactly (locale-independent)
      std::from_chars(t->second.data(), t->second.data() + t->second.size(), v);
      j["target"] = v;
    }
    if (const auto it = m.spec.impute_overrides.find(n.code); it != m.spec.impute_overrides.end()) {
      j["impute"] = write_strategy(it->second);
    }
    if (const auto it = m.spec.treat_overrides.find(n.code); it != m.spec.treat_overrides.end()) {
      j["treat"] = write_strategy(it->second);
    }
    if (const auto it = m.spec.normalize_overrides.find(n.code);
        it != m.spec.normalize_overrides.end()) {
      j["normalize"] = write_strategy(it->second);
    }
    if (const auto it = m.spec.aggregate_overrides.find(n.code);
        it != m.spec.aggregate_overrides.end()) {
      j["aggregate"] = write_strategy(it->second);
    }
    if (const auto it = m.spec.weights_overrides.find(n.code);
        it != m.spec.weights_overrides.end()) {
      j["weights"] = write_strategy(it->second);
    }
    nodes.push_back(std::move(j));
  }
  doc["nodes"] = std::move(nodes);
  if (!std::holds_alternative<impute::none>(m.spec.impute))
    doc["impute"] = write_strategy(m.spec.impute);
  if (m.spec.screen.active()) {
    ordered_json sc;
    govmetrics::detail::for_each_field(
        m.spec.screen, [&](const char* key, const auto& field) { sc[key] = field; });
    doc["screen"] = std::move(sc);
  }
  if (!std::holds_alternative<treat::none>(m.spec.treat))
    doc["treat"] = write_strategy(m.spec.treat);
  doc["normalize"] = write_strategy(m.spec.normalize);
  doc["aggregate"] = write_strategy(m.spec.aggregate);
  doc["missing"] = write_strategy(m.spec.missing);
  doc["weights"] = write_strategy(m.spec.weights);
  const char* scope = m.spec.ranks == rank_scope::all          ? "all"
                      : m.spec.ranks == rank_scope::aggregates ? "aggregates"
                                                               : "root";
  doc["rank"] = {{"ties", rank::to_string(m.spec.ties)}, {"nodes", scope}};
  if (m.layout == csv_layout::long_) {
    doc["data"] = {
        {"layout", "long"}, {"indicator", m.indicator_column}, {"value", m.value_column}};
  }
  if (m.uncertainty) {
    const uncertainty::spec& s = *m.uncertainty;
    ordered_json u;
    u["runs"] = s.runs;
    u["seed"] = s.seed;
    ordered_json inputs = ordered_json::array();
    const auto nodes_of = [](const std::vector<std::string>& codes) {
      return codes.empty() ? ordered_json("*") : ordered_json(codes);
    };
    for (const auto& in : s.inputs) {
      ordered_json j;
      j["name"] = uncertainty::name_of(in);
      if (const auto* w = std::get_if<uncertainty::weights_input>(&in)) {
        j["kind"] = "weights";
        j["nodes"] = nodes_of(w->nodes);
        j["distribution"] = uncertainty::name_of(w->distribution);
        j["spread"] = w->spread;
        j["concentration"] = w->concentration;
      } else if (const auto* e = std::get_if<uncertainty::exclude_input>(&in)) {
        j["kind"] = "exclude";
        j["nodes"] = e->nodes;
      } else if (const auto* d = std::get_if<uncertainty::data_input>(&in)) {
        j["kind"] = "data";
        j["indicators"] = nodes_of(d->indicators);
        if (d->relative_sd > 0.0)
          j["relative_sd"] = d->relative_sd;
        if (d->sd > 0.0)
          j["sd"] = d->sd;
      } else {
        const auto& a = std::get<uncertainty::alternatives_input>(in);
        j["kind"] = a.kind();
        if (!a.nodes.empty())
          j["nodes"] = a.nodes;
        ordered_json alts = ordered_json::array();
        std::visit(
            [&](const auto& v) {
              for (const auto& x : v)
                alts.push_back(write_strategy(x));
            },
            a.alternatives);
        j["alternatives"] = std::move(alts);
        if (!a.probabilities.empty())
          j["probabilities"] = a.probabilities;
      }
      inputs.push_back(std::move(j));
    }
    u["inputs"] = std::move(inputs);
    doc["uncertainty"] = std::move(u);
  }
  if (m.sensitivity) {
    const sensitivity::settings& s = *m.sensitivity;
    ordered_json j;
    j["n"] = s.n;
    if (s.seed)
      j["seed"] = *s.seed;
    j["bootstrap"] = s.bootstrap;
    j["confidence"] = s.confidence;
    j["sampling"] = s.monte_carlo ? "monte_carlo" : "sobol";
    if (!s.monte_carlo)
      j["scramble"] = s.scramble;
    j["dummy"] = s.dummy;
    if (!s.nodes.empty())
      j["nodes"] = s.nodes;
    doc["sensitivity"] = std::move(j);
  }
  return doc.dump(2) + "\n";
}

} // namespace govmetrics::io
