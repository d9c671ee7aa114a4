// The `govmetrics` command: run and validate methodology files on CSV data.
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/csv.hpp>
#include <govmetrics/io/files.hpp>
#include <govmetrics/io/methodology.hpp>
#include <govmetrics/io/results.hpp>
#include <govmetrics/io/uncertainty.hpp>

#ifdef GOVMETRICS_HAVE_LP
#include <govmetrics/lp/clp.hpp>
#endif

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace gm = govmetrics;

constexpr int exit_ok = 0;
constexpr int exit_usage = 2;
constexpr int exit_input = 3;
constexpr int exit_internal = 4;

/// Display width of UTF-8 text in a terminal: East Asian wide characters count 2.
std::size_t display_width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    unsigned cp = 0;
    std::size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6) {
      cp = c & 0x1FU;
      len = 2;
    } else if ((c >> 4) == 0xE) {
      cp = c & 0x0FU;
      len = 3;
    } else {
      cp = c & 0x07U;
      len = 4;
    }
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
    }
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
    w += wide ? 2 : 1;
    i += len;
  }
  return w;
}

std::string pad(const std::string& s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  if (w >= width)
    return s;
  const std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

std::string fixed(double x, int decimals) {
  if (std::isnan(x))
    return "NA";
  std::ostringstream os;
  os << std::fixed << std::setprecision(decimals) << x;
  return os.str();
}

/// The `# ...` lines that open a data file (the bundled illustrative data label themselves so).
std::vector<std::string> leading_comments(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
      line.erase(0, 3);
    first = false;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue; // blank lines before the header are skipped, as the CSV reader does
    if (line[0] != '#')
      break;
    line.erase(0, 1);
    if (!line.empty() && line[0] == ' ')
      line.erase(0, 1);
    out.push_back(line);
  }
  return out;
}

struct loaded {
  gm::io::methodology method;
  std::shared_ptr<const gm::framework> tree;
  gm::dataset data;
  gm::io::csv_report unused; ///< what the data hold that the methodology does not use
};

loaded load(const std::string& method_path, const std::string& data_path) {
  loaded l;
  l.method = gm::io::read_methodology(method_path);
  l.tree = std::make_shared<const gm::framework>(l.method.tree());
  l.data = gm::io::read_csv(data_path, l.method.data_options(), &l.unused);
  return l;
}

/// Notes on the data the methodology does not use (nothing is left out silently), and on unit ids
/// trimmed of surrounding blanks (io::csv_notes, which Python's Result.notes also gives).
void print_unused_data(std::ostream& out, const gm::io::csv_report& unused) {
  for (const auto& note : gm::io::csv_notes(unused))
    out << "note: " << note << '\n';
}

void print_table(std::ostream& out, const gm::io::methodology& m, const gm::result& r,
                 std::size_t top) {
  const gm::framework& fw = r.tree();
  const std::size_t root = fw.root();
  const auto& dims = fw.children(root);
  const gm::column_view score = r.score(root);
  const gm::column_view rank = r.rank(root);
  std::vector<std::size_t> order(r.n_units());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool na = std::isnan(score[a]);
    const bool nb = std::isnan(score[b]);
    if (na != nb)
      return nb;
    return !na && score[a] > score[b];
  });
  std::size_t unit_w = 4;
  const std::size_t shown = std::min(top, order.size());
  for (std::size_t k = 0; k < shown; ++k) {
    unit_w = std::max(unit_w, display_width(r.units()[order[k]]));
  }
  std::vector<std::size_t> col_w;
  for (std::size_t d : dims)
    col_w.push_back(std::max<std::size_t>(8, fw[d].code.size()));
  const std::string index_code = fw[root].code;
  const std::size_t index_w = std::max<std::size_t>(8, index_code.size());

  out << pad("rank", 5, true) << "  " << pad("unit", unit_w, false) << "  "
      << pad(index_code, index_w, true);
  for (std::size_t j = 0; j < dims.size(); ++j)
    out << "  " << pad(fw[dims[j]].code, col_w[j], true);
  out << '\n';
  for (std::size_t k = 0; k < shown; ++k) {
    const std::size_t u = order[k];
    out << pad(rank.empty() || std::isnan(rank[u])
                   ? "-"
                   : fixed(rank[u], rank[u] == std::floor(rank[u]) ? 0 : 1),
               5, true)
        << "  " << pad(r.units()[u], unit_w, false) << "  "
        << pad(fixed(score[u], 2), index_w, true);
    for (std::size_t j = 0; j < dims.size(); ++j) {
      out << "  " << pad(fixed(r.score(dims[j])[u], 2), col_w[j], true);
    }
    out << '\n';
  }
  if (!dims.empty()) {
    out << "columns:";
    for (std::size_t d : dims)
      out << "  " << fw[d].code << " = " << (fw[d].name.empty() ? fw[d].code : fw[d].name);
    out << '\n';
  }
  (void)m;
}

/// One line on the data stages and the treatment, e.g. "data: denominated 21 indicators; imputed
/// 64 cells in 20 indicators (mean by 'EurAsia_group'); screened out 0 units; treated: 18
/// indicators winsorised, 1 log_ct". Details stay in the diagnostics. Nothing when no stage ran.
void print_data_stages(std::ostream& out, const gm::pipeline_spec& spec, const gm::result& r) {
  const gm::prepared_data& p = r.prepared();
  std::vector<std::string> parts;
  if (!p.denominated.empty()) {
    std::size_t n = 0;
    for (std::size_t i : r.tree().indicators())
      n += r.tree()[i].denominator.empty() ? 0U : 1U;
    parts.push_back("denominated " + gm::detail::count_of(n, "indicator", "indicators"));
  }
  if (!p.imputed.empty()) {
    std::size_t cells = 0;
    std::size_t inds = 0;
    std::size_t left = 0;
    for (const auto& d : p.imputation) {
      cells += d.imputed();
      inds += d.imputed() > 0 ? 1U : 0U;
      left += d.left_missing;
    }
    std::string how = gm::impute::name_of(spec.impute);
    const std::string group = gm::impute::group_of(spec.impute);
    if (!group.empty())
      how += " by '" + group + "'";
    if (!spec.impute_overrides.empty())
      how += ", " + std::to_string(spec.impute_overrides.size()) + " per-indicator";
    parts.push_back("imputed " + gm::detail::count_of(cells, "cell", "cells") + " in " +
                    gm::detail::count_of(inds, "indicator", "indicators") + " (" + how + ")" +
                    (left > 0 ? "; " + std::to_string(left) + " left missing" : ""));
  }
  if (!p.screened.empty()) {
    std::string s =
        "screened out " + gm::detail::count_of(p.screened_units.size(), "unit", "units");
    if (spec.screen.indicator_min_share > 0.0) {
      s += " and " + gm::detail::count_of(p.screened_indicators.size(), "indicator", "indicators");
    }
    parts.push_back(s);
  }
  if (!p.treatment.empty()) {
    std::map<std::string, std::size_t> by;
    for (const auto& d : p.treatment) {
      if (d.log_ct)
        ++by["log_ct"];
      else if (d.winsorised)
        ++by["winsorised"];
      else if (d.method != "winsorise" && d.method != "none")
        ++by[d.method];
    }
    std::string s = "treated: ";
    if (by.empty())
      s += "no indicator changed";
    bool first = true;
    for (const auto& [what, n] : by) {
      s += (first ? "" : ", ") + gm::detail::count_of(n, "indicator", "indicators") + " " + what;
      first = false;
    }
    parts.push_back(s);
  }
  if (parts.empty())
    return;
  out << "data: ";
  for (std::size_t i = 0; i < parts.size(); ++i)
    out << (i ? "; " : "") << parts[i];
  out << '\n';
}

/// The outputs of `run` that were asked for, by option.
struct run_outputs {
  std::string results; ///< --out
  std::string weights; ///< --weights-out
  std::string outputs; ///< --outputs-out
};

int cmd_run(const std::string& method_path, const std::string& data_path, const run_outputs& paths,
            std::size_t top, bool list_diagnostics) {
  const loaded l = load(method_path, data_path);
  const gm::pipeline_spec& spec = l.method.spec;
  const auto plan = gm::make_plan(*l.tree, spec);
  const auto prepared = gm::prepare(l.tree, l.data, spec);
  gm::evaluation_workspace ws;
  gm::result r;
  gm::evaluate(prepared, plan, ws, r);

  // Every output is complete in memory before any file is touched; they are written together at
  // the end, as one transaction (io::output_files): all of them or none.
  gm::io::output_files files;
  if (!paths.results.empty()) {
    std::ostringstream text;
    gm::io::write_results_long(text, r);
    files.add(paths.results, text.str());
  }
  if (!paths.outputs.empty()) {
    std::ostringstream text;
    gm::io::write_outputs_long(text, r);
    files.add(paths.outputs, text.str());
  }
  if (!paths.weights.empty()) {
    std::ostringstream text;
    gm::io::write_weights(text, r);
    files.add(paths.weights, text.str());
  }

  std::ostream& out = std::cout;
  const std::string title =
      l.method.name.empty() ? l.tree->nodes()[l.tree->root()].code : l.method.name;
  out << title << "  (" << r.n_units() << " units, " << l.tree->indicators().size()
      << " indicators, " << l.tree->aggregation_order().size() << " aggregates)\n";
  for (const auto& note : leading_comments(data_path))
    out << "note: " << note << '\n';
  print_unused_data(out, l.unused);
  out << "method: normalize " << gm::normalize::name_of(spec.normalize) << ", aggregate "
      << gm::aggregate::name_of(spec.aggregate) << ", missing "
      << gm::missing::name_of(spec.missing) << ", weights " << gm::weights::name_of(spec.weights);
  if (!spec.weights_overrides.empty()) {
    out << " (overridden at " << spec.weights_overrides.size() << " node"
        << (spec.weights_overrides.size() == 1 ? "" : "s") << ")";
  }
  out << ", ties " << gm::rank::to_string(spec.ties) << '\n';
  print_data_stages(out, spec, r);
  out << "top " << std::min(top, r.n_units()) << " of " << r.n_units() << ":\n";
  print_table(out, l.method, r, top);

  // node-level facts of column-wide aggregators (e.g. VIKOR's compromise conditions)
  for (std::size_t i = 0; i < l.tree->size(); ++i) {
    const auto& facts = r.outputs(i).facts();
    if (facts.empty())
      continue;
    out << "node '" << (*l.tree)[i].code << "' (" << r.aggregation_methods()[i] << "):";
    for (std::size_t k = 0; k < facts.size(); ++k)
      out << (k ? ", " : " ") << facts[k].name << ' ' << gm::io::format_double(facts[k].value);
    out << '\n';
  }

  const auto diags = r.diagnostics();
  if (!diags.empty()) {
    out << diags.size() << " diagnostic" << (diags.size() == 1 ? "" : "s");
    if (list_diagnostics) {
      out << ":\n";
      for (const auto& d : diags)
        out << "  [" << gm::to_string(d.severity) << "] " << d.message << '\n';
    } else {
      out << " (list them with --diagnostics)\n";
    }
  }
  files.commit();
  if (!paths.results.empty()) {
    out << "wrote " << paths.results << " (unit,node,score,rank: " << r.n_units() * l.tree->size()
        << " rows)\n";
  }
  if (!paths.outputs.empty()) {
    out << "wrote " << paths.outputs << " (node,unit,output,value: " << gm::io::count_output_rows(r)
        << " rows)\n";
  }
  if (!paths.weights.empty())
    out << "wrote " << paths.weights << " (node,parent,weight)\n";
  return exit_ok;
}

/// --top: a non-negative integer that fits a size_t; the message of a usage error otherwise.
std::string parse_top(const std::string& text, std::size_t& top) {
  const std::string shown = "'" + text.substr(0, 40) + (text.size() > 40 ? "...'" : "'");
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    return "--top: expected a non-negative integer (units shown), got " + shown;
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (errno == ERANGE || v > std::numeric_limits<std::size_t>::max())
    return "--top: " + shown + " is too large (at most " +
           std::to_string(std::numeric_limits<std::size_t>::max()) + ")";
  top = static_cast<std::size_t>(v);
  return {};
}

/// The usage problems of a command's output paths (option, path), checked before any work: an
/// option given an empty path, an output on the same file as an input or as another output.
std::string
check_output_paths(const CLI::App& cmd, const std::string& method_path,
                   const std::string& data_path,
                   std::initializer_list<std::pair<const char*, const std::string*>> options) {
  std::vector<std::pair<std::string, std::string>> given; // option, path
  for (const auto& [name, path] : options) {
    if (cmd.count(name) == 0)
      continue;
    if (path->empty())
      return std::string(name) + ": the file name is empty";
    given.emplace_back(name, *path);
  }
  for (const auto& [name, path] : given) {
    for (const auto& [what, input] :
         {std::pair<const char*, const std::string*>{"METHOD", &method_path},
          {"DATA", &data_path}}) {
      if (gm::io::same_file(path, *input)) {
        return std::string(name) + " '" + path + "' is the same file as the input " + what + " '" +
               *input + "': refusing to overwrite an input";
      }
    }
  }
  for (std::size_t i = 0; i < given.size(); ++i) {
    for (std::size_t j = i + 1; j < given.size(); ++j) {
      if (gm::io::same_file(given[i].second, given[j].second)) {
        return given[i].first + " '" + given[i].second + "' and " + given[j].first + " '" +
               given[j].second + "' are the same file: each output needs its own";
      }
    }
  }
  return {};
}

/// A whole number in [lo, hi] given to `option`; the message of a usage error otherwise.
std::string parse_count(const char* option, const std::string& text, std::uint64_t lo,
                        std::uint64_t hi, std::uint64_t& value) {
  const std::string shown = gm::detail::quoted(text, 40);
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    return std::string(option) + ": expected a whole number, got " + shown;
  errno = 0;
  const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE || v < lo || v > hi) {
    return std::string(option) + ": " + shown + " is out of range (" + std::to_string(lo) + " to " +
           std::to_string(hi) + ")";
  }
  value = v;
  return {};
}

/// The options of `govmetrics uncertainty`.
struct uncertainty_args {
  std::string runs;    ///< --runs (overrides the file's), empty: the file's
  std::string seed;    ///< --seed (overrides the file's)
  std::string threads; ///< --threads, empty: every core
  std::vector<std::string> nodes;
  std::string out;           ///< --out: rank statistics
  std::string acceptability; ///< --acceptability-out
  std::string top = "10";
};

/// `govmetrics uncertainty`: Monte Carlo over the inputs of the file's "uncertainty" section.
int cmd_uncertainty(const std::string& method_path, const std::string& data_path,
                    const uncertainty_args& args) {
  const loaded l = load(method_path, data_path);
  if (!l.method.uncertainty) {
    throw gm::spec_error(method_path +
                         ": the methodology has no \"uncertainty\" section (what the analysis "
                         "varies; see docs/uncertainty.md)");
  }
  gm::uncertainty::spec spec = *l.method.uncertainty;
  std::uint64_t v = 0;
  if (!args.runs.empty() && parse_count("--runs", args.runs, 1, 1ULL << 40, v).empty())
    spec.runs = static_cast<std::size_t>(v);
  if (!args.seed.empty() &&
      parse_count("--seed", args.seed, 0, std::numeric_limits<std::uint64_t>::max(), v).empty())
    spec.seed = v;
  gm::uncertainty::options opt;
  if (!args.threads.empty() && parse_count("--threads", args.threads, 1, 1024, v).empty())
    opt.threads = static_cast<std::size_t>(v);
  opt.nodes = args.nodes;
  std::uint64_t top = 10;
  parse_count("--top", args.top, 0, std::numeric_limits<std::uint64_t>::max(), top);

  const gm::uncertainty::analysis an(l.tree, std::make_shared<const gm::dataset>(l.data),
                                     l.method.spec, spec, opt);
  const gm::uncertainty::state st = an.run();
  const auto stats = gm::uncertainty::rank_statistics(st, an.nominal());

  gm::io::output_files files;
  if (!args.out.empty()) {
    std::ostringstream text;
    gm::io::write_rank_statistics(text, stats);
    files.add(args.out, text.str());
  }
  if (!args.acceptability.empty()) {
    std::ostringstream text;
    gm::io::write_acceptability(text, st);
    files.add(args.acceptability, text.str());
  }

  std::ostream& out = std::cout;
  const std::string title =
      l.method.name.empty() ? l.tree->nodes()[l.tree->root()].code : l.method.name;
  out << title << "  (" << l.data.n_units() << " units): uncertainty analysis, " << spec.runs
      << " replication" << (spec.runs == 1 ? "" : "s") << ", seed " << spec.seed << '\n';
  for (const auto& note : leading_comments(data_path))
    out << "note: " << note << '\n';
  print_unused_data(out, l.unused);
  out << "inputs:";
  for (const auto& in : spec.inputs)
    out << " '" << gm::uncertainty::name_of(in) << "'";
  out << (spec.inputs.empty() ? " none (every replication is the nominal run)\n" : "\n");
  std::size_t failed = 0;
  for (const auto& [reason, n] : st.failures)
    failed += n;
  // the table: the first tracked node, units by nominal rank
  const std::size_t n = l.data.n_units();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double ra = stats[a].nominal;
    const double rb = stats[b].nominal;
    return std::isnan(rb) ? !std::isnan(ra) : (!std::isnan(ra) && ra < rb);
  });
  const std::size_t shown = static_cast<std::size_t>(std::min<std::uint64_t>(top, n));
  out << "node '" << stats.front().node << "', top " << shown << " of " << n
      << " by nominal rank:\n";
  std::size_t width = 4;
  for (std::size_t k = 0; k < shown; ++k)
    width = std::max(width, stats[order[k]].unit.size());
  const double ten = 10.0;
  out << std::left << std::setw(static_cast<int>(width)) << "unit" << std::right
      << "  nominal  median  90% interval  P(top 10)\n";
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& u = stats[order[k]];
    double top10 = 0.0;
    for (const auto& [rank, p] : gm::uncertainty::acceptability(st, 0, order[k]))
      top10 += rank <= ten ? p : 0.0;
    std::ostringstream interval;
    interval << gm::io::format_double(u.q05) << " - " << gm::io::format_double(u.q95);
    out << std::left << std::setw(static_cast<int>(width)) << u.unit << std::right << "  "
        << std::setw(7) << gm::io::format_double(u.nominal) << "  " << std::setw(6)
        << gm::io::format_double(u.median) << "  " << std::setw(12) << interval.str() << "  "
        << std::setw(9) << std::fixed << std::setprecision(3) << top10 << std::defaultfloat << '\n';
  }
  if (failed > 0) {
    out << "failed: " << failed << " of " << spec.runs
        << " replications (counted per reason; not in the statistics):\n";
    for (const auto& [reason, count] : st.failures)
      out << "  " << count << " x " << reason << '\n';
  }
  files.commit();
  if (!args.out.empty())
    out << "wrote " << args.out << " (unit,node,nominal,mean,median,q05,q95,sd: " << stats.size()
        << " rows)\n";
  if (!args.acceptability.empty())
    out << "wrote " << args.acceptability << " (unit,node,rank,probability)\n";
  return exit_ok;
}

/// `govmetrics weights`: per aggregate node (top-down, file order), each child's weight and the
/// method that produced it, with the AHP consistency and the PCA variance explained.
int cmd_weights(const std::string& method_path, const std::string& data_path) {
  const loaded l = load(method_path, data_path);
  const gm::pipeline_spec& spec = l.method.spec;
  const auto plan = gm::make_plan(*l.tree, spec);
  const auto prepared = gm::prepare(l.tree, l.data, spec);
  gm::evaluation_workspace ws;
  gm::result r;
  gm::evaluate(prepared, plan, ws, r);
  const gm::framework& fw = *l.tree;

  std::ostream& out = std::cout;
  const std::string title = l.method.name.empty() ? fw[fw.root()].code : l.method.name;
  out << title << "  (" << r.n_units() << " units, " << fw.aggregation_order().size()
      << " aggregates): weights of each node's children, summing to 1 within the node\n";
  for (std::size_t nd = 0; nd < fw.size(); ++nd) {
    if (fw.is_indicator(nd))
      continue;
    const gm::weights::details& d = r.weight_details()[fw.aggregate_slot(nd)];
    out << "node '" << d.node << "': " << d.method;
    if (d.units_used > 0) {
      out << " on " << d.units_used << " of " << d.units_total << " units";
      if (d.units_used < d.units_total)
        out << " (those with every child available)";
    }
    if (!std::isnan(d.variance_explained))
      out << ", first component explains " << fixed(d.variance_explained, 4) << " of the variance";
    if (!std::isnan(d.consistency_ratio)) {
      out << ", consistency ratio " << fixed(d.consistency_ratio, 4) << " (lambda_max "
          << fixed(d.lambda_max, 4) << ")";
    }
    out << '\n';
    std::size_t w = 5;
    for (const auto& c : d.children)
      w = std::max(w, display_width(c));
    out << "  " << pad("child", w, false) << "    weight";
    if (!d.loadings.empty())
      out << "  " << pad("loading", 9, true);
    if (!d.objective.empty())
      out << "  " << pad("objective", 9, true);
    out << '\n';
    for (std::size_t c = 0; c < d.children.size(); ++c) {
      out << "  " << pad(d.children[c], w, false) << "  " << pad(fixed(d.weights[c], 6), 8, true);
      if (!d.loadings.empty())
        out << "  " << pad(fixed(d.loadings[c], 6), 9, true);
      if (!d.objective.empty())
        out << "  " << pad(fixed(d.objective[c], 6), 9, true);
      out << '\n';
    }
  }
  return exit_ok;
}

int cmd_validate(const std::string& method_path, const std::string& data_path) {
  std::vector<std::string> problems;
  std::string text;
  try {
    text = gm::io::read_text_file(method_path);
  } catch (const gm::error& e) {
    std::cerr << "govmetrics: " << e.what() << '\n';
    return exit_input;
  }
  problems = gm::io::check_methodology(text, method_path);
  if (problems.empty() && !data_path.empty()) {
    try {
      const loaded l = load(method_path, data_path);
      const auto plan = gm::make_plan(*l.tree, l.method.spec);
      const auto prepared = gm::prepare(l.tree, l.data, l.method.spec);
      gm::evaluation_workspace ws;
      gm::result r;
      gm::evaluate(prepared, plan, ws, r);
      std::cout << "ok: " << method_path << " (" << l.tree->size() << " nodes, "
                << l.tree->indicators().size() << " indicators) and " << data_path << " ("
                << l.data.n_units() << " units, " << l.data.count_missing()
                << " missing cells) are valid\n";
      return exit_ok;
    } catch (const gm::error& e) {
      problems.emplace_back(e.what());
    }
  }
  if (problems.empty()) {
    std::cout << "ok: " << method_path << " is valid\n";
    return exit_ok;
  }
  std::cerr << "govmetrics: " << problems.size() << " problem" << (problems.size() == 1 ? "" : "s")
            << " found:\n";
  for (const auto& p : problems)
    std::cerr << "  " << p << '\n';
  return exit_input;
}

} // namespace

int main(int argc, char** argv) {
#ifdef GOVMETRICS_HAVE_LP
  gm::lp::use_clp(); // the solver of aggregate::benefit_of_doubt
#endif
  CLI::App app{"govmetrics " + std::string(gm::version()) +
               ": composite governance indices from a methodology file and CSV data"};
  app.footer(R"(Examples:
  govmetrics run examples/cities/city_digital_governance.json examples/cities/cities.csv --top 10
  govmetrics run method.json data.csv --out results.csv --weights-out weights.csv
  govmetrics validate method.json data.csv
  govmetrics weights method.json data.csv

Exit codes: 0 success, 2 usage error, 3 methodology or data error (message on stderr naming
the file and the line, column or JSON path), 4 internal error (please report it).
The methodology file format is documented in docs/methodology-file.md.)");
  app.set_version_flag("--version", std::string("govmetrics ") + gm::version());
  app.require_subcommand(1);

  std::string method_path;
  std::string data_path;
  run_outputs out_paths;
  std::string top_text = "10";
  std::size_t top = 10;
  bool list_diagnostics = false;

  auto* run = app.add_subcommand("run", "Compute scores and ranks at every node");
  run->add_option("METHOD", method_path, "Methodology file (JSON)")->required();
  run->add_option("DATA", data_path, "Data file (CSV)")->required();
  run->add_option("--out", out_paths.results,
                  "Write long results (unit,node,score,rank) to this CSV");
  run->add_option("--weights-out", out_paths.weights,
                  "Write the weights used (node,parent,weight)");
  run->add_option("--outputs-out", out_paths.outputs,
                  "Write the extra outputs of column-wide aggregators (TOPSIS distances, VIKOR S, "
                  "R, Q and conditions, ...) as node,unit,output,value");
  run->add_option(
         "--top", top_text,
         "Units shown in the table (a non-negative integer; more than the units shows all)")
      ->capture_default_str();
  run->add_flag("--diagnostics", list_diagnostics, "List every diagnostic");

  std::string validate_method;
  std::string validate_data;
  auto* validate = app.add_subcommand(
      "validate", "Check a methodology file (and data) and report every problem");
  validate->add_option("METHOD", validate_method, "Methodology file (JSON)")->required();
  validate->add_option("DATA", validate_data, "Data file (CSV)");

  std::string weights_method;
  std::string weights_data;
  auto* weights_cmd = app.add_subcommand(
      "weights", "Show the weights of every node's children and the method that produced them");
  weights_cmd->add_option("METHOD", weights_method, "Methodology file (JSON)")->required();
  weights_cmd->add_option("DATA", weights_data, "Data file (CSV)")->required();

  std::string ua_method;
  std::string ua_data;
  uncertainty_args ua_args;
  auto* ua_cmd = app.add_subcommand(
      "uncertainty", "Uncertainty analysis: rank intervals under the file's uncertain choices");
  ua_cmd->add_option("METHOD", ua_method, "Methodology file (JSON) with an \"uncertainty\" section")
      ->required();
  ua_cmd->add_option("DATA", ua_data, "Data file (CSV)")->required();
  ua_cmd->add_option("--runs", ua_args.runs, "Replications (overrides the file's \"runs\")");
  ua_cmd->add_option("--seed", ua_args.seed, "Seed (overrides the file's \"seed\")");
  ua_cmd->add_option("--threads", ua_args.threads, "Worker threads (default: every core)");
  ua_cmd
      ->add_option("--nodes", ua_args.nodes,
                   "Aggregate nodes whose ranks are tracked (default: the root)")
      ->delimiter(',');
  ua_cmd->add_option("--out", ua_args.out,
                     "Write rank statistics (unit,node,nominal,mean,median,q05,q95,sd)");
  ua_cmd->add_option("--acceptability-out", ua_args.acceptability,
                     "Write P(rank = k) (unit,node,rank,probability; rows above 0)");
  ua_cmd->add_option("--top", ua_args.top, "Units shown in the table")->capture_default_str();

  // An unknown first word is named (CLI11 would only say that a subcommand is required).
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    if (word != "run" && word != "validate" && word != "weights" && word != "uncertainty") {
      std::cerr << "govmetrics: unknown command '" << word.substr(0, 60)
                << (word.size() > 60 ? "..." : "")
                << "' (the commands are run, validate, weights and uncertainty; see govmetrics "
                   "--help)\n";
      return exit_usage;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  }

  try {
    if (run->parsed()) {
      std::string usage = parse_top(top_text, top);
      if (usage.empty())
        usage = check_output_paths(*run, method_path, data_path,
                                   {{"--out", &out_paths.results},
                                    {"--weights-out", &out_paths.weights},
                                    {"--outputs-out", &out_paths.outputs}});
      if (!usage.empty()) {
        std::cerr << "govmetrics run: " << usage << '\n';
        return exit_usage;
      }
      return cmd_run(method_path, data_path, out_paths, top, list_diagnostics);
    }
    if (weights_cmd->parsed())
      return cmd_weights(weights_method, weights_data);
    if (ua_cmd->parsed()) {
      std::uint64_t ignored = 0;
      std::string usage;
      const auto check = [&](const char* option, const std::string& text, std::uint64_t lo,
                             std::uint64_t hi) {
        if (usage.empty() && !text.empty())
          usage = parse_count(option, text, lo, hi, ignored);
      };
      check("--runs", ua_args.runs, 1, 1ULL << 40);
      check("--seed", ua_args.seed, 0, std::numeric_limits<std::uint64_t>::max());
      check("--threads", ua_args.threads, 1, 1024);
      check("--top", ua_args.top, 0, std::numeric_limits<std::uint64_t>::max());
      if (usage.empty()) {
        usage = check_output_paths(
            *ua_cmd, ua_method, ua_data,
            {{"--out", &ua_args.out}, {"--acceptability-out", &ua_args.acceptability}});
      }
      if (!usage.empty()) {
        std::cerr << "govmetrics uncertainty: " << usage << '\n';
        return exit_usage;
      }
      return cmd_uncertainty(ua_method, ua_data, ua_args);
    }
    return cmd_validate(validate_method, validate_data);
  } catch (const gm::error& e) {
    std::cerr << "govmetrics: " << e.what() << '\n';
    return exit_input;
  } catch (const std::exception& e) {
    std::cerr << "govmetrics: internal error: " << e.what() << '\n';
    return exit_internal;
  }
}
