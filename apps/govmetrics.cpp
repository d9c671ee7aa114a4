// The `govmetrics` command: run and validate methodology files on CSV data.
#include <govmetrics/explain/target_probability.hpp>
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/audit.hpp>
#include <govmetrics/io/coinr.hpp>
#include <govmetrics/io/csv.hpp>
#include <govmetrics/io/explain.hpp>
#include <govmetrics/io/files.hpp>
#ifdef GOVMETRICS_HAVE_REPORT
#include <govmetrics/io/html_report.hpp>
#endif
#include <govmetrics/io/methodology.hpp>
#include <govmetrics/io/results.hpp>
#include <govmetrics/io/sensitivity.hpp>
#include <govmetrics/io/uncertainty.hpp>
#include <govmetrics/io/xlsx.hpp>
#include <govmetrics/sensitivity.hpp>
#include <govmetrics/uncertainty.hpp>

#ifdef GOVMETRICS_HAVE_LP
#include <govmetrics/lp/clp.hpp>
#endif

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
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
#include <tuple>
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
/// The first lines `run` and `report` print: the title and sizes, the data file's notes, the
/// columns the methodology does not use.
void print_run_header(std::ostream& out, const loaded& l, const gm::result& r,
                      const std::string& data_path) {
  const std::string title =
      l.method.name.empty() ? l.tree->nodes()[l.tree->root()].code : l.method.name;
  out << title << "  (" << r.n_units() << " units, " << l.tree->indicators().size()
      << " indicators, " << l.tree->aggregation_order().size() << " aggregates)\n";
  for (const auto& note : gm::io::leading_comments(data_path))
    out << "note: " << note << '\n';
  print_unused_data(out, l.unused);
}

struct run_outputs {
  std::string results; ///< --out
  std::string weights; ///< --weights-out
  std::string outputs; ///< --outputs-out
  std::string xlsx;    ///< --xlsx
};

int cmd_run(const std::string& method_path, const std::string& data_path, const run_outputs& paths,
            std::size_t top, bool list_diagnostics) {
  const loaded l = load(method_path, data_path);
  const gm::pipeline_spec& spec = l.method.spec;
  const gm::result r = gm::model(l.tree, spec).run(l.data);

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
  if (!paths.xlsx.empty()) {
    files.add(paths.xlsx, gm::io::xlsx_workbook(gm::io::result_sheets(
                              l.method, r, gm::audit::raw_columns(*l.tree, l.data))));
  }

  std::ostream& out = std::cout;
  print_run_header(out, l, r, data_path);
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
  if (!paths.xlsx.empty())
    out << "wrote " << paths.xlsx
        << " (sheets scores, ranks, weights, raw, treated, normalised, methodology, methods, "
           "diagnostics)\n";
  return exit_ok;
}

/// --top: a non-negative integer that fits a size_t; the message of a usage error otherwise.
/// Parses a non-negative integer option; the usage problem, or empty.
std::string parse_count(const char* option, const char* what, const std::string& text,
                        std::size_t& value) {
  const std::string shown = "'" + text.substr(0, 40) + (text.size() > 40 ? "...'" : "'");
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    return std::string(option) + ": expected a non-negative integer (" + what + "), got " + shown;
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (errno == ERANGE || v > std::numeric_limits<std::size_t>::max())
    return std::string(option) + ": " + shown + " is too large (at most " +
           std::to_string(std::numeric_limits<std::size_t>::max()) + ")";
  value = static_cast<std::size_t>(v);
  return {};
}

std::string parse_top(const std::string& text, std::size_t& top) {
  return parse_count("--top", "units shown", text, top);
}

/// Parses a finite number of an option's value; the usage problem, or empty.
std::string parse_number(const std::string& option, const std::string& text, double& value) {
  errno = 0;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value))
    return option + ": expected a finite number, got '" + text.substr(0, 40) + "'";
  return {};
}

/// The usage problems of a command's output paths (option, path), checked before any work: an
/// option given an empty path, an output on the same file as an input or as another output.
std::string
check_output_paths(const CLI::App& cmd,
                   const std::vector<std::pair<std::string, std::string>>& inputs,
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
    for (const auto& [what, input] : inputs) {
      if (gm::io::same_file(path, input)) {
        return std::string(name) + " '" + path + "' is the same file as the input " + what + " '" +
               input + "': refusing to overwrite an input";
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

/// The options of `govmetrics uncertainty` and `govmetrics merge`.
struct uncertainty_args {
  std::string runs;    ///< --runs, empty: the file's
  std::string seed;    ///< --seed, empty: the file's
  std::string threads; ///< --threads, empty: every core
  std::vector<std::string> nodes;
  std::string shard;         ///< --shard K/N, empty: every replication
  std::string state_out;     ///< --state-out
  std::string out;           ///< --out: rank statistics
  std::string acceptability; ///< --acceptability-out
  std::string pairwise;      ///< --pairwise-out
  std::string replications;  ///< --replications-out
  std::string scores;        ///< --scores-out
  std::string xlsx;          ///< --xlsx: the run's workbook with the uncertainty sheet
  bool keep_pairwise = false;
  bool record = false;
  bool score_quantiles = false;
  bool no_progress = false;
  std::string top = "10";
};

/// K and N of `--shard K/N` (1 <= K <= N); the message of a usage error otherwise.
std::string parse_shard(const std::string& text, std::uint64_t& k, std::uint64_t& n) {
  const auto slash = text.find('/');
  if (slash == std::string::npos)
    return "--shard: expected K/N (the K-th of N equal parts, e.g. 2/4), got " +
           gm::detail::quoted(text, 40);
  std::string usage =
      parse_count("--shard", text.substr(slash + 1), 1, gm::uncertainty::analysis::max_shards, n);
  if (usage.empty())
    usage = parse_count("--shard", text.substr(0, slash), 1, n, k);
  return usage.empty() ? usage : usage + " (in --shard K/N, 1 <= K <= N)";
}

/// The usage error of `--shard K/N` (empty when there is none): K/N malformed, no --state-out
/// (`partial` says why one is needed), or an output file that needs `whole` with more than one
/// shard.
std::string shard_usage(const std::string& shard, const std::string& state_out,
                        std::initializer_list<std::pair<const char*, const std::string*>> outputs,
                        const char* partial, const char* whole) {
  if (shard.empty())
    return {};
  std::uint64_t k = 1;
  std::uint64_t n = 1;
  std::string usage = parse_shard(shard, k, n);
  if (usage.empty() && state_out.empty())
    usage = std::string("--shard needs --state-out (") + partial +
            "; merge the shards' states with govmetrics merge)";
  for (const auto& [option, path] : outputs) {
    if (usage.empty() && n > 1 && !path->empty())
      usage = std::string(option) + " needs " + whole + ": with --shard, write " +
              "--state-out and give it to govmetrics merge";
  }
  return usage;
}

/// A progress bar on stderr (rate, elapsed, remaining), redrawn at most ten times a second;
/// `runs`: the replications of this run (of this shard).
class progress_bar {
public:
  progress_bar(std::size_t runs, std::size_t block_size)
      : runs_(runs), block_size_(block_size), start_(std::chrono::steady_clock::now()) {}
  ~progress_bar() {
    if (drawn_)
      std::cerr << "\r\033[K" << std::flush;
  }
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;

  void operator()(std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100))
      return;
    last_ = now;
    drawn_ = true;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double share = static_cast<double>(done) / static_cast<double>(total);
    const double runs = static_cast<double>(std::min(done * block_size_, runs_));
    const int filled = static_cast<int>(share * 30.0);
    std::ostringstream line;
    line << std::fixed << std::setprecision(0) << "\r" << std::setw(3) << share * 100.0 << "% ["
         << std::string(static_cast<std::size_t>(filled), '#')
         << std::string(static_cast<std::size_t>(30 - filled), ' ') << "] "
         << static_cast<std::uint64_t>(runs) << " runs, " << (elapsed > 0 ? runs / elapsed : 0.0)
         << "/s, elapsed " << std::setprecision(1) << elapsed << " s, left "
         << (share > 0 ? elapsed * (1.0 - share) / share : 0.0) << " s\033[K";
    std::cerr << line.str() << std::flush;
  }

private:
  std::size_t runs_;
  std::size_t block_size_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

/// Adds the output files of a complete state to `files`; what `uncertainty` and `merge` write.
void add_uncertainty_files(gm::io::output_files& files, const uncertainty_args& args,
                           const gm::uncertainty::state& st,
                           const std::vector<gm::uncertainty::unit_statistics>& stats) {
  const auto add = [&](const std::string& path, auto&& write) {
    if (path.empty())
      return;
    std::ostringstream text;
    write(text);
    files.add(path, text.str());
  };
  add(args.out, [&](std::ostream& o) { gm::io::write_rank_statistics(o, stats); });
  add(args.acceptability, [&](std::ostream& o) { gm::io::write_acceptability(o, st); });
  add(args.pairwise, [&](std::ostream& o) { gm::io::write_pairwise(o, st); });
  add(args.replications, [&](std::ostream& o) { gm::io::write_replications(o, st); });
  if (!args.scores.empty() && !st.keep_scores) {
    throw gm::spec_error("--scores-out needs every replication's scores, which this state does not "
                         "keep: run the shards with --score-quantiles");
  }
  add(args.scores, [&](std::ostream& o) { gm::io::write_score_statistics(o, stats); });
}

/// The table of a complete state (the first tracked node, units by nominal rank), the failures,
/// and what was written.
void print_uncertainty(std::ostream& out, const uncertainty_args& args,
                       const gm::uncertainty::state& st,
                       const std::vector<gm::uncertainty::unit_statistics>& stats) {
  std::uint64_t top = 10;
  parse_count("--top", args.top, 0, std::numeric_limits<std::uint64_t>::max(), top);
  std::size_t failed = 0;
  for (const auto& [reason, n] : st.failures)
    failed += n;
  const std::size_t n = st.n_units();
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
  out << std::left << std::setw(static_cast<int>(width)) << "unit" << std::right
      << "  nominal  median  90% interval  P(top 10)\n";
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& u = stats[order[k]];
    const double top10 = gm::uncertainty::rank_at_most(st, 0, order[k], 10.0);
    std::ostringstream interval;
    interval << gm::io::format_double(u.q05) << " - " << gm::io::format_double(u.q95);
    out << std::left << std::setw(static_cast<int>(width)) << u.unit << std::right << "  "
        << std::setw(7) << gm::io::format_double(u.nominal) << "  " << std::setw(6)
        << gm::io::format_double(u.median) << "  " << std::setw(12) << interval.str() << "  "
        << std::setw(9) << std::fixed << std::setprecision(3) << top10 << std::defaultfloat << '\n';
  }
  if (failed > 0) {
    out << "failed: " << failed << " of " << st.runs
        << " replications (counted per reason; not in the statistics):\n";
    for (const auto& [reason, count] : st.failures)
      out << "  " << count << " x " << reason << '\n';
  }
}

void print_written(std::ostream& out, const uncertainty_args& args, std::size_t rows) {
  if (!args.out.empty())
    out << "wrote " << args.out << " (unit,node,nominal,mean,median,q05,q95,sd: " << rows
        << " rows)\n";
  if (!args.acceptability.empty())
    out << "wrote " << args.acceptability << " (unit,node,rank,probability)\n";
  if (!args.pairwise.empty())
    out << "wrote " << args.pairwise << " (node,unit,other,probability)\n";
  if (!args.replications.empty())
    out << "wrote " << args.replications << " (replication,failed,inputs...,rank:UNIT@NODE...)\n";
  if (!args.scores.empty())
    out << "wrote " << args.scores << " (rank and score statistics: " << rows << " rows)\n";
  if (!args.state_out.empty())
    out << "wrote " << args.state_out << " (the state: govmetrics merge reads it)\n";
  if (!args.xlsx.empty())
    out << "wrote " << args.xlsx << " (the run's sheets and 'uncertainty': " << rows << " rows)\n";
}

/// The file's "uncertainty" section with `--runs` and `--seed` applied (texts checked before;
/// empty: the file's). Used by `uncertainty` and `report`.
gm::uncertainty::spec uncertainty_spec_of(const loaded& l, const std::string& runs,
                                          const std::string& seed) {
  gm::uncertainty::spec spec = *l.method.uncertainty;
  std::uint64_t v = 0;
  if (!runs.empty() && parse_count("--runs", runs, 1, 1ULL << 40, v).empty())
    spec.runs = static_cast<std::size_t>(v);
  if (!seed.empty() &&
      parse_count("--seed", seed, 0, std::numeric_limits<std::uint64_t>::max(), v).empty())
    spec.seed = v;
  return spec;
}

/// The file's "sensitivity" section (or the defaults; seeds from the uncertainty section) with
/// `--n`, `--seed` (design and bootstrap) and `--threads` (evaluations and bootstrap) applied.
/// Used by `sensitivity` and `report`.
gm::sensitivity::options sensitivity_options_of(const loaded& l, const std::string& n,
                                                const std::string& seed,
                                                const std::string& threads) {
  gm::sensitivity::options opt = gm::sensitivity::options_from(
      l.method.sensitivity.value_or(gm::sensitivity::settings{}), l.method.uncertainty->seed);
  std::uint64_t v = 0;
  if (!n.empty() && parse_count("--n", n, 2, 1ULL << 40, v).empty())
    opt.n = static_cast<std::size_t>(v);
  if (!seed.empty() &&
      parse_count("--seed", seed, 0, std::numeric_limits<std::uint64_t>::max(), v).empty())
    opt.design.seed = opt.estimator.seed = v;
  if (!threads.empty() && parse_count("--threads", threads, 1, 1024, v).empty())
    opt.threads = opt.estimator.threads = static_cast<std::size_t>(v);
  return opt;
}

/// `govmetrics uncertainty`: Monte Carlo over the inputs of the file's "uncertainty" section.
int cmd_uncertainty(const std::string& method_path, const std::string& data_path,
                    const uncertainty_args& args) {
  const loaded l = load(method_path, data_path);
  if (!l.method.uncertainty) {
    throw gm::spec_error(method_path +
                         ": the methodology has no \"uncertainty\" section (what the analysis "
                         "varies; see docs/uncertainty.md)");
  }
  const gm::uncertainty::spec spec = uncertainty_spec_of(l, args.runs, args.seed);
  std::uint64_t v = 0;
  gm::uncertainty::options opt;
  if (!args.threads.empty() && parse_count("--threads", args.threads, 1, 1024, v).empty())
    opt.threads = static_cast<std::size_t>(v);
  opt.nodes = args.nodes;
  opt.identity = gm::io::analysis_identity(l.method, l.data);
  opt.pairwise = args.keep_pairwise || !args.pairwise.empty();
  opt.record = args.record || !args.replications.empty();
  opt.score_quantiles = args.score_quantiles || !args.scores.empty();
  std::uint64_t shard = 1;
  std::uint64_t shards = 1;
  if (!args.shard.empty())
    parse_shard(args.shard, shard, shards);

  gm::uncertainty::state st;
  {
    std::unique_ptr<progress_bar> bar;
    if (!args.no_progress && isatty(STDERR_FILENO) != 0) {
      const std::size_t nb = (spec.runs + opt.block_size - 1) / opt.block_size;
      const std::size_t first = static_cast<std::size_t>(shard - 1) * nb / shards;
      const std::size_t last = static_cast<std::size_t>(shard) * nb / shards;
      bar = std::make_unique<progress_bar>(std::min(spec.runs, last * opt.block_size) -
                                               std::min(spec.runs, first * opt.block_size),
                                           opt.block_size);
      opt.progress = [&bar](std::size_t done, std::size_t total) { (*bar)(done, total); };
    }
    const gm::uncertainty::analysis an(l.tree, std::make_shared<const gm::dataset>(l.data),
                                       l.method.spec, spec, opt);
    st = an.run_shard(static_cast<std::size_t>(shard - 1), static_cast<std::size_t>(shards));
  }

  gm::io::output_files files;
  std::vector<gm::uncertainty::unit_statistics> stats;
  if (st.complete()) {
    stats = gm::uncertainty::rank_statistics(st);
    add_uncertainty_files(files, args, st, stats);
    if (!args.xlsx.empty()) {
      const gm::result r = gm::model(l.tree, l.method.spec).run(l.data);
      auto sheets = gm::io::result_sheets(l.method, r, gm::audit::raw_columns(*l.tree, l.data));
      sheets.push_back(gm::io::uncertainty_sheet(stats));
      files.add(args.xlsx, gm::io::xlsx_workbook(sheets));
    }
  }
  if (!args.state_out.empty())
    files.add(args.state_out, gm::io::state_bytes(st));

  std::ostream& out = std::cout;
  const std::string title =
      l.method.name.empty() ? l.tree->nodes()[l.tree->root()].code : l.method.name;
  out << title << "  (" << l.data.n_units() << " units): uncertainty analysis, " << spec.runs
      << " replication" << (spec.runs == 1 ? "" : "s") << ", seed " << spec.seed << '\n';
  for (const auto& note : gm::io::leading_comments(data_path))
    out << "note: " << note << '\n';
  print_unused_data(out, l.unused);
  out << "inputs:";
  for (const auto& in : spec.inputs)
    out << " '" << gm::uncertainty::name_of(in) << "'";
  out << (spec.inputs.empty() ? " none (every replication is the nominal run)\n" : "\n");
  if (st.complete()) {
    print_uncertainty(out, args, st, stats);
  } else if (st.blocks.empty()) {
    out << "shard " << shard << " of " << shards << ": no replications (there are " << st.n_blocks()
        << " blocks of " << st.block_size << " for " << shards
        << " shards); its state is empty and merges as such\n";
  } else {
    const std::size_t first = st.blocks.begin()->first * st.block_size;
    const std::size_t last = std::min(st.runs, (st.blocks.rbegin()->first + 1) * st.block_size);
    out << "shard " << shard << " of " << shards << ": replications " << first + 1 << " to " << last
        << " (blocks " << st.blocks.begin()->first + 1 << " to " << st.blocks.rbegin()->first + 1
        << " of " << st.n_blocks() << "); merge the shards' states with govmetrics merge\n";
  }
  files.commit();
  print_written(out, args, stats.size());
  return exit_ok;
}

/// The options of `govmetrics sensitivity`.
struct sensitivity_args {
  // empty: the file's "sensitivity" section's setting, else the default
  std::string n;    ///< --n: base sample size (1024)
  std::string seed; ///< --seed (the uncertainty section's)
  std::string threads;
  std::string bootstrap;  ///< (100)
  std::string confidence; ///< (0.95)
  std::vector<std::string> nodes;
  bool dummy = false;
  bool monte_carlo = false;
  bool no_scramble = false;
  bool no_progress = false;
  std::string out;            ///< --out: indices of mean_abs_rank_shift
  std::string by_unit;        ///< --by-unit-out: indices of rank:UNIT@NODE
  std::string by_unit_scores; ///< --by-unit-scores-out: indices of score:UNIT@NODE
  std::string convergence;    ///< --convergence-out: mean_abs_rank_shift at N/8 .. N
  std::string shard;          ///< --shard K/N
  std::string state_out;      ///< --state-out
};

/// Adds the files of a sensitivity analysis's results to `files`.
void add_sensitivity_files(gm::io::output_files& files, const sensitivity_args& args,
                           const gm::sensitivity::results& r) {
  const auto add = [&](const std::string& path, auto&& write) {
    if (path.empty())
      return;
    std::ostringstream text;
    write(text);
    files.add(path, text.str());
  };
  using kind = gm::io::sensitivity_outputs;
  add(args.out, [&](std::ostream& o) { gm::io::write_sensitivity_indices(o, r, kind::scalar); });
  add(args.by_unit, [&](std::ostream& o) { gm::io::write_sensitivity_indices(o, r, kind::ranks); });
  add(args.by_unit_scores,
      [&](std::ostream& o) { gm::io::write_sensitivity_indices(o, r, kind::scores); });
  add(args.convergence,
      [&](std::ostream& o) { gm::io::write_sensitivity_convergence(o, r, kind::scalar); });
}

/// The table of the indices of mean_abs_rank_shift, their convergence, notes and failures.
void print_sensitivity(std::ostream& out, const gm::sensitivity::results& r,
                       const gm::sensitivity::estimator_options& est) {
  const auto& e = r.estimates;
  const std::size_t d = r.factors.size();
  std::size_t width = 6;
  for (const auto& f : r.factors)
    width = std::max(width, f.size());
  const int pct = static_cast<int>(std::lround(est.confidence * 100.0));
  // the node of the scalar: the first tracked node, that of the first rank output
  const std::string& first_rank = r.outputs.size() > 1 ? r.outputs[1] : r.outputs[0];
  const std::string node = first_rank.substr(first_rank.rfind('@') + 1);
  out << "indices of the mean absolute rank shift at '" << node << "' ("
      << (est.bootstrap > 0 ? std::to_string(pct) + "% bootstrap intervals, " +
                                  std::to_string(est.bootstrap) + " resamples"
                            : std::string("no intervals"))
      << "):\n";
  out << std::left << std::setw(static_cast<int>(width)) << "factor" << std::right
      << "  first   interval          total   interval\n";
  const auto fixed = [](double x) {
    if (std::isnan(x))
      return std::string("    -");
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << std::setw(6) << x;
    return s.str();
  };
  for (std::size_t i = 0; i < d; ++i) {
    out << std::left << std::setw(static_cast<int>(width)) << r.factors[i] << std::right << "  "
        << fixed(e.at(e.first, i, 0)) << "  [" << fixed(e.at(e.first_lo, i, 0)) << ", "
        << fixed(e.at(e.first_hi, i, 0)) << "]  " << fixed(e.at(e.total, i, 0)) << "  ["
        << fixed(e.at(e.total_lo, i, 0)) << ", " << fixed(e.at(e.total_hi, i, 0)) << "]\n";
  }
  out << "convergence (first / total at N/8, N/4, N/2, N):\n";
  for (std::size_t i = 0; i < d; ++i) {
    out << std::left << std::setw(static_cast<int>(width)) << r.factors[i] << std::right;
    for (const auto& step : r.convergence)
      out << "  " << fixed(step.at(step.first, i, 0)) << " /" << fixed(step.at(step.total, i, 0));
    out << '\n';
  }
  for (const auto& note : e.notes)
    out << "note: " << note << '\n';
  if (!r.failures.empty()) {
    out << "failed evaluations (their base points are dropped):\n";
    for (const auto& [reason, count] : r.failures)
      out << "  " << count << " x " << reason << '\n';
  }
}

void print_sensitivity_written(std::ostream& out, const sensitivity_args& args) {
  const char* header = " (output,factor,first,total,first_lo,first_hi,total_lo,total_hi)\n";
  if (!args.out.empty())
    out << "wrote " << args.out << header;
  if (!args.by_unit.empty())
    out << "wrote " << args.by_unit << header;
  if (!args.by_unit_scores.empty())
    out << "wrote " << args.by_unit_scores << header;
  if (!args.convergence.empty())
    out << "wrote " << args.convergence << " (n,output,factor,first,total)\n";
}

/// `govmetrics merge` of sensitivity states: the shards' parts merged; the same files and table
/// as one run.
int cmd_merge_sensitivity(const std::vector<std::string>& parts, const sensitivity_args& args) {
  std::vector<gm::sensitivity::part> all;
  for (const auto& path : parts) {
    const std::string bytes = gm::io::read_input_file(path, "sensitivity state");
    all.push_back(gm::io::read_part_bytes(bytes, path));
  }
  const gm::sensitivity::part first = all.front();
  gm::sensitivity::results r;
  try {
    r = gm::sensitivity::merge_parts(std::move(all));
  } catch (const gm::spec_error& e) {
    throw gm::spec_error(std::string(e.what()) + " (merging " + std::to_string(parts.size()) +
                         " state files)");
  }
  gm::io::output_files files;
  add_sensitivity_files(files, args, r);
  std::ostream& out = std::cout;
  out << "merged " << parts.size() << " state" << (parts.size() == 1 ? "" : "s")
      << ": sensitivity analysis, N = " << first.n << " (" << first.n * (first.factors.size() + 2)
      << " evaluations), "
      << (first.monte_carlo ? "Monte Carlo points"
                            : (first.scramble ? "scrambled Sobol' points" : "Sobol' points"))
      << ", seed " << first.seed << '\n';
  gm::sensitivity::estimator_options est;
  est.bootstrap = first.bootstrap;
  est.confidence = first.confidence;
  print_sensitivity(out, r, est);
  files.commit();
  print_sensitivity_written(out, args);
  return exit_ok;
}

/// `govmetrics sensitivity`: Sobol' indices of the factors of the file's "uncertainty" section.
int cmd_sensitivity(const std::string& method_path, const std::string& data_path,
                    const sensitivity_args& args) {
  const loaded l = load(method_path, data_path);
  if (!l.method.uncertainty) {
    throw gm::spec_error(method_path +
                         ": the methodology has no \"uncertainty\" section (its inputs are the "
                         "factors of a sensitivity analysis; see docs/sensitivity.md)");
  }
  const gm::uncertainty::spec spec = *l.method.uncertainty;
  // the file's "sensitivity" section (or the defaults), then the options
  gm::sensitivity::options opt = sensitivity_options_of(l, args.n, args.seed, args.threads);
  std::uint64_t v = 0;
  if (!args.bootstrap.empty() && parse_count("--bootstrap", args.bootstrap, 0, 1000000, v).empty())
    opt.estimator.bootstrap = static_cast<std::size_t>(v);
  if (!args.confidence.empty())
    opt.estimator.confidence = std::stod(args.confidence);
  if (!args.nodes.empty())
    opt.nodes = args.nodes;
  opt.dummy = opt.dummy || args.dummy;
  if (args.monte_carlo)
    opt.design.method = gm::sensitivity::sampling::monte_carlo;
  opt.design.scramble = opt.design.scramble && !args.no_scramble;
  opt.identity = gm::io::analysis_identity(l.method, l.data);

  std::uint64_t shard = 1;
  std::uint64_t shards = 1;
  if (!args.shard.empty())
    parse_shard(args.shard, shard, shards);
  gm::sensitivity::part part;
  {
    std::unique_ptr<progress_bar> bar;
    const std::size_t factors = spec.inputs.size() + (opt.dummy ? 1 : 0);
    if (!args.no_progress && isatty(STDERR_FILENO) != 0) {
      bar = std::make_unique<progress_bar>(opt.n * (factors + 2), opt.block_size * (factors + 2));
      opt.progress = [&bar](std::size_t done, std::size_t total) { (*bar)(done, total); };
    }
    const gm::sensitivity::analysis an(l.tree, std::make_shared<const gm::dataset>(l.data),
                                       l.method.spec, spec, opt);
    part = an.run_shard(static_cast<std::size_t>(shard - 1), static_cast<std::size_t>(shards));
  }
  std::ostream& out = std::cout;
  const std::string title =
      l.method.name.empty() ? l.tree->nodes()[l.tree->root()].code : l.method.name;
  out << title << "  (" << l.data.n_units() << " units): sensitivity analysis, N = " << opt.n
      << " (" << opt.n * (part.factors.size() + 2) << " evaluations), "
      << (opt.design.method == gm::sensitivity::sampling::sobol
              ? (opt.design.scramble ? "scrambled Sobol' points" : "Sobol' points")
              : "Monte Carlo points")
      << ", seed " << opt.design.seed << '\n';
  for (const auto& note : gm::io::leading_comments(data_path))
    out << "note: " << note << '\n';
  print_unused_data(out, l.unused);
  gm::io::output_files files;
  if (!args.state_out.empty())
    files.add(args.state_out, gm::io::part_bytes(part));
  if (shards > 1) {
    out << "shard " << shard << " of " << shards << ": base points " << part.first_point() + 1
        << " to " << part.last_point() << " of " << part.n << " (blocks " << part.first_block + 1
        << " to " << part.last_block << " of " << part.n_blocks()
        << "); merge the shards' states with govmetrics merge\n";
    files.commit();
    if (!args.state_out.empty())
      out << "wrote " << args.state_out << " (the state: govmetrics merge reads it)\n";
    return exit_ok;
  }
  const gm::sensitivity::results r = gm::sensitivity::merge_parts({std::move(part)}, opt.threads);
  add_sensitivity_files(files, args, r);
  print_sensitivity(out, r, opt.estimator);
  files.commit();
  print_sensitivity_written(out, args);
  if (!args.state_out.empty())
    out << "wrote " << args.state_out << " (the state: govmetrics merge reads it)\n";
  return exit_ok;
}

/// `govmetrics merge`: the states of the shards of one analysis, merged; the same files and table
/// as one run.
int cmd_merge(const std::vector<std::string>& parts, const uncertainty_args& args) {
  gm::uncertainty::state st;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string bytes = gm::io::read_input_file(parts[i], "uncertainty state");
    gm::uncertainty::state part = gm::io::read_state_bytes(bytes, parts[i]);
    if (i == 0) {
      st = std::move(part);
      continue;
    }
    try {
      st.merge(part);
    } catch (const gm::error& e) {
      throw gm::spec_error(parts[i] + ": " + e.what());
    }
  }
  if (!st.complete()) {
    std::vector<std::size_t> missing;
    for (std::size_t b = 0; b < st.n_blocks() && missing.size() < 5; ++b) {
      if (st.blocks.count(b) == 0)
        missing.push_back(b + 1);
    }
    std::string list;
    for (std::size_t b : missing)
      list += (list.empty() ? "" : ", ") + std::to_string(b);
    throw gm::spec_error("merge: the states hold " + std::to_string(st.blocks.size()) + " of " +
                         std::to_string(st.n_blocks()) + " blocks (missing " + list +
                         (st.n_blocks() - st.blocks.size() > missing.size() ? ", ..." : "") +
                         "); give the states of every shard");
  }
  const auto stats = gm::uncertainty::rank_statistics(st);
  gm::io::output_files files;
  add_uncertainty_files(files, args, st, stats);
  if (!args.state_out.empty())
    files.add(args.state_out, gm::io::state_bytes(st));
  std::ostream& out = std::cout;
  out << "merged " << parts.size() << " state" << (parts.size() == 1 ? "" : "s") << " ("
      << st.n_units() << " units): uncertainty analysis, " << st.runs << " replication"
      << (st.runs == 1 ? "" : "s") << ", seed " << st.seed << '\n';
  print_uncertainty(out, args, st, stats);
  files.commit();
  print_written(out, args, stats.size());
  return exit_ok;
}

/// `govmetrics weights`: per aggregate node (top-down, file order), each child's weight and the
/// method that produced it, with the AHP consistency and the PCA variance explained.
int cmd_weights(const std::string& method_path, const std::string& data_path) {
  const loaded l = load(method_path, data_path);
  const gm::pipeline_spec& spec = l.method.spec;
  const gm::result r = gm::model(l.tree, spec).run(l.data);
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

/// `govmetrics audit`: the statistical audit (docs/audit.md): a summary with the flags first, and
/// with --out-dir the tables as CSV (created with the directory when every table is ready).
int cmd_audit(const std::string& method_path, const std::string& data_path,
              const std::string& out_dir) {
  namespace audit = gm::audit;
  const loaded l = load(method_path, data_path);
  const gm::model m(l.tree, l.method.spec);
  const gm::result r = m.run(l.data);
  const gm::framework& fw = *l.tree;
  const audit::report rep = audit::make_report(r, audit::raw_columns(fw, l.data), {}, 0.9, &m);
  const auto& stats = rep.stats;
  const auto& corr = rep.correlations;
  const auto& siblings = rep.flags;
  const auto& alpha = rep.cronbach;

  std::ostream& out = std::cout;
  const std::string title = l.method.name.empty() ? fw[fw.root()].code : l.method.name;
  out << title << "  (" << r.n_units() << " units, " << fw.indicators().size() << " indicators, "
      << fw.aggregation_order().size() << " aggregates): audit\n";
  print_unused_data(out, l.unused);
  // flags first: the raw data's, then the treated data's skew and kurtosis, then correlations
  std::size_t n_flags = 0;
  const auto flag_line = [&](const char* set, const audit::statistics& s) {
    std::vector<std::string> why;
    if (s.low_avail)
      why.push_back("available for " + std::to_string(s.n_avail) + " of " +
                    std::to_string(s.n_units) + " units");
    if (s.low_nonzero)
      why.push_back("non-zero for " + std::to_string(s.n_nonzero) + " of " +
                    std::to_string(s.n_units) + " units");
    if (s.low_unique)
      why.push_back(std::to_string(s.n_unique) + " distinct values among " +
                    std::to_string(s.n_units) + " units");
    if (s.skew_kurt_out)
      why.push_back("skew " + fixed(s.skew, 2) + ", kurtosis " + fixed(s.kurt, 2));
    if (why.empty())
      return;
    ++n_flags;
    out << "  [" << set << "] '" << s.code << "': ";
    for (std::size_t k = 0; k < why.size(); ++k)
      out << (k ? "; " : "") << why[k];
    out << '\n';
  };
  out << "flags:\n";
  for (const auto& s : stats[0])
    flag_line("raw", s);
  // the treated data's skew and kurtosis, when a treatment ran (else they are the raw data's)
  for (const auto& s : r.prepared().treated.empty() ? std::vector<audit::statistics>{} : stats[1]) {
    if (s.skew_kurt_out) {
      audit::statistics only = s;
      only.low_avail = only.low_nonzero = only.low_unique = false;
      flag_line("treated", only);
    }
  }
  for (const auto& f : siblings) {
    ++n_flags;
    out << "  [correlation] '" << f.a << "' and '" << f.b << "' under '" << f.parent << "': r "
        << fixed(f.r, 3) << (f.flag == "collinear" ? " (collinear, |r| > 0.9)" : " (negative)")
        << '\n';
  }
  for (const auto& x : rep.importance) {
    if (x.flag != "over" && x.flag != "under")
      continue;
    ++n_flags;
    out << "  [importance] '" << x.node << "' on '" << x.output << "': explains "
        << fixed(100.0 * x.importance_share, 1) << "% of what its group explains, weight share "
        << fixed(100.0 * x.weight_share, 1) << "% (" << x.flag << ")\n";
  }
  std::size_t undefined = 0;
  for (const auto& c : corr)
    undefined += std::isnan(c.r) ? 1U : 0U;
  if (n_flags == 0)
    out << "  none\n";
  if (undefined > 0) {
    out << "note: " << undefined << " of " << corr.size()
        << " correlations are undefined (a constant node or fewer than 2 units with both "
           "values): empty in correlations.csv\n";
  }
  // the elements whose removal moves the root's ranks most
  {
    std::vector<const audit::removal*> moved;
    for (const auto& x : rep.removals) {
      if (!std::isnan(x.mean_abs_rank_change))
        moved.push_back(&x);
    }
    std::stable_sort(moved.begin(), moved.end(), [](const auto* a, const auto* b) {
      return a->mean_abs_rank_change > b->mean_abs_rank_change;
    });
    out << "removing one element (mean absolute rank change of '" << fw[fw.root()].code
        << "'), largest first:";
    for (std::size_t k = 0; k < moved.size() && k < 5; ++k)
      out << (k ? ", " : " ") << moved[k]->element << ' '
          << fixed(moved[k]->mean_abs_rank_change, 2);
    out << '\n';
    for (const auto& x : rep.removals) {
      if (std::isnan(x.mean_abs_rank_change))
        out << "note: '" << x.element << "' cannot be left out: " << x.why << '\n';
    }
  }
  out << "Cronbach's alpha (children of each aggregate):\n";
  for (const auto& a : alpha) {
    out << "  " << a.node << ": "
        << (std::isnan(a.alpha) ? "undefined (" + a.why + ")" : fixed(a.alpha, 3)) << " ("
        << a.n_children << " children, " << a.n_units << " complete units)\n";
  }
  out << "first principal component (share of variance; children of each aggregate, then each "
         "level):\n";
  for (const auto& p : rep.pca) {
    out << "  " << p.group << ": "
        << (p.eigenvalues.empty() ? "undefined (" + p.why + ")"
                                  : fixed(100.0 * p.variance_explained[0], 1) + "%")
        << " (" << p.codes.size() << " columns, " << p.n_units << " complete units)\n";
  }
  if (out_dir.empty()) {
    out << "write the tables with --out-dir DIR\n";
    return exit_ok;
  }
  gm::io::write_audit(rep, out_dir);
  out << "wrote";
  const auto names = gm::io::audit_file_names();
  for (std::size_t k = 0; k < names.size(); ++k)
    out << (k ? ", " : " ") << names[k];
  out << " in " << out_dir << " (correlations.csv: " << corr.size() << " rows)\n";
  return exit_ok;
}

/// `govmetrics explain`: one unit's profile, contributions, strengths and weaknesses
/// (docs/explain.md); with --out-dir the tables as CSV.
int cmd_explain(const std::string& method_path, const std::string& data_path,
                const std::string& unit_id, std::size_t top, const std::string& out_dir) {
  const loaded l = load(method_path, data_path);
  const gm::model m(l.tree, l.method.spec);
  const gm::result r = m.run(l.data);
  const gm::framework& fw = *l.tree;
  const std::size_t u = r.unit_index(unit_id);
  const auto contributions = gm::explain::contributions(m, r, u);
  const auto profile = gm::explain::profile(r, u);
  const auto sw = gm::explain::strengths(r, gm::audit::raw_columns(fw, l.data), u, top);

  std::ostream& out = std::cout;
  const std::string title = l.method.name.empty() ? fw[fw.root()].code : l.method.name;
  out << title << ": unit '" << unit_id << "' (" << r.n_units() << " units)\n";
  print_unused_data(out, l.unused);
  std::size_t w = 4;
  for (std::size_t i = 0; i < fw.size(); ++i)
    w = std::max(w, display_width(fw[i].code) + 2 * fw.depth(i));
  out << pad("node", w, false) << "     score   rank    median      best   contribution\n";
  // the tree in depth-first order, children indented under their parent
  std::vector<std::size_t> stack{fw.root()};
  while (!stack.empty()) {
    const std::size_t i = stack.back();
    stack.pop_back();
    const auto& p = profile[i];
    const auto& c = contributions[i];
    out << pad(std::string(2 * fw.depth(i), ' ') + p.node, w, false) << "  "
        << pad(fixed(p.score, 2), 8, true) << "  "
        << pad(std::isnan(p.rank) ? "-" : fixed(p.rank, 0), 5, true) << "  "
        << pad(fixed(p.median, 2), 8, true) << "  " << pad(fixed(p.best, 2), 8, true) << "  "
        << pad(std::isnan(c.share) ? "-" : fixed(100.0 * c.share, 1) + "%", 13, true) << '\n';
    const auto& kids = fw.children(i);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it)
      stack.push_back(*it);
  }
  out << "(contribution: the node's share of its parent's score; docs/explain.md)\n";
  const auto list = [&](const char* what, const std::vector<gm::explain::standing>& v) {
    out << what << ":\n";
    for (const auto& s : v) {
      out << "  " << s.code << " (" << (s.name.empty() ? s.code : s.name) << "): rank "
          << fixed(s.rank, 0) << " of " << r.n_units() << ", value "
          << gm::io::format_double(s.value) << (s.unit.empty() ? "" : " " + s.unit) << '\n';
    }
  };
  list("strengths", sw.strengths);
  list("weaknesses", sw.weaknesses);
  if (!out_dir.empty()) {
    const auto names = gm::io::write_explanation(contributions, sw, out_dir);
    out << "wrote";
    for (std::size_t k = 0; k < names.size(); ++k)
      out << (k ? ", " : " ") << names[k];
    out << " in " << out_dir << '\n';
  }
  return exit_ok;
}

int cmd_target(const std::string& method_path, const std::string& data_path,
               const std::string& unit_id, const gm::explain::target_options& options,
               bool probability, const std::string& out_dir) {
  const loaded l = load(method_path, data_path);
  if (probability && !l.method.uncertainty) {
    GOVMETRICS_THROW(gm::spec_error("target: --probability needs an \"uncertainty\" section in " +
                                    method_path + " (docs/uncertainty.md)"));
  }
  const gm::model m(l.tree, l.method.spec);
  const gm::result r = m.run(l.data);
  const gm::framework& fw = *l.tree;
  const std::size_t u = r.unit_index(unit_id);
  gm::explain::target_result t =
      gm::explain::find_target(m, r, gm::audit::raw_columns(fw, l.data), u, options);
  if (probability && t.reachable && t.rank_goal > 0) {
    const auto p =
        gm::explain::probability_of_target(l.tree, l.data, l.method.spec, *l.method.uncertainty, t);
    t.probability_before = p.before;
    t.probability_after = p.after;
    t.probability_runs = p.runs;
  }

  std::ostream& out = std::cout;
  const std::string title = l.method.name.empty() ? fw[fw.root()].code : l.method.name;
  out << title << ": unit '" << unit_id << "' at '" << t.node << "' (" << r.n_units()
      << " units): rank " << fixed(t.rank_before, 0) << ", score " << fixed(t.score_before, 2)
      << "; goal: "
      << (t.rank_goal > 0 ? "rank " + std::to_string(t.rank_goal)
                          : "score " + gm::io::format_double(t.score_goal))
      << '\n';
  print_unused_data(out, l.unused);
  if (!t.reachable) {
    out << "unreachable: " << t.reason << '\n';
  } else if (t.changes.empty()) {
    out << t.reason << '\n';
  } else {
    out << "reachable (" << (t.method == "lp" ? "least cost: linear programme" : "monotone search")
        << "): rank " << fixed(t.rank_after, 0) << ", score " << fixed(t.score_after, 2)
        << ", total cost " << gm::io::format_double(t.total_cost) << '\n';
    std::size_t w = 9;
    for (const auto& c : t.changes)
      w = std::max(w, display_width(c.code));
    out << pad("indicator", w, false) << "          from            to        change      cost\n";
    for (const auto& c : t.changes) {
      const auto shown = [](double x) { // 7 significant digits; the CSV has every digit
        std::ostringstream o;
        o << std::setprecision(7) << x;
        return o.str();
      };
      out << pad(c.code, w, false) << "  " << pad(shown(c.from), 12, true) << "  "
          << pad(shown(c.to), 12, true) << "  " << pad(shown(c.change), 12, true) << "  "
          << pad(fixed(c.cost, 4), 8, true) << (c.unit.empty() ? "" : "  " + c.unit) << '\n';
    }
  }
  for (const auto& [code, why] : t.unchanged)
    out << "  not changed: " << code << " (" << why << ")\n";
  if (t.probability_runs > 0) {
    out << "under the uncertainty inputs (" << t.probability_runs
        << " runs): P(rank <= " << t.rank_goal << ") " << fixed(t.probability_before, 3) << " now, "
        << fixed(t.probability_after, 3) << " with the changes\n";
  } else if (probability) {
    out << "no probability: " << (t.rank_goal == 0 ? "the goal is a score" : "nothing to change")
        << '\n';
  }
  if (!out_dir.empty()) {
    const auto names = gm::io::write_target(t, out_dir);
    out << "wrote " << names[0] << ", " << names[1] << " in " << out_dir << '\n';
  }
  return exit_ok;
}

int cmd_compare(const std::string& method_a, const std::string& method_b,
                const std::string& data_path, const std::string& node, std::size_t top,
                const std::string& out_dir) {
  const loaded la = load(method_a, data_path);
  const loaded lb = load(method_b, data_path);
  const gm::result ra = gm::model(la.tree, la.method.spec).run(la.data);
  const gm::result rb = gm::model(lb.tree, lb.method.spec).run(lb.data);
  const gm::audit::comparison c = gm::audit::compare(ra, rb);
  if (!node.empty() && std::find(c.nodes.begin(), c.nodes.end(), node) == c.nodes.end()) {
    GOVMETRICS_THROW(gm::unknown_code_error("compare: --node '" + node +
                                            "' is not a node of both methodologies"));
  }
  const std::string at = node.empty() ? (c.nodes.empty() ? std::string() : c.nodes.front()) : node;
  std::ostream& out = std::cout;
  out << "A: " << method_a << ", B: " << method_b << " on " << data_path << " (" << c.units.size()
      << " units in both)\n";
  const auto list = [&](const char* what, const std::vector<std::string>& v) {
    if (v.empty())
      return;
    out << what << " (" << v.size() << "):";
    for (std::size_t k = 0; k < v.size() && k < 10; ++k)
      out << ' ' << v[k];
    out << (v.size() > 10 ? " ...\n" : "\n");
  };
  list("units in A only, not compared", c.only_a_units);
  list("units in B only, not compared", c.only_b_units);
  list("nodes in A only", c.only_a_nodes);
  list("nodes in B only", c.only_b_nodes);
  std::size_t w = 4;
  for (const auto& s : c.summary)
    w = std::max(w, display_width(s.node));
  out << pad("node", w, false) << "  units  spearman  mean |shift|  max |shift|  moved\n";
  for (const auto& s : c.summary) {
    out << pad(s.node, w, false) << "  " << pad(std::to_string(s.n_units), 5, true) << "  "
        << pad(fixed(s.spearman, 4), 8, true) << "  " << pad(fixed(s.mean_abs_shift, 2), 12, true)
        << "  " << pad(fixed(s.max_abs_shift, 0), 11, true) << "  "
        << pad(std::to_string(s.n_moved), 5, true) << '\n';
  }
  if (!at.empty() && top > 0) {
    out << "largest movers at '" << at
        << "' (shift = rank under A - rank under B: positive moves up):\n";
    for (const auto& r : c.movers(at, top)) {
      out << "  " << r.unit << ": " << fixed(r.rank_a, 0) << " -> " << fixed(r.rank_b, 0) << " ("
          << (r.shift > 0 ? "+" : "") << fixed(r.shift, 0) << ")\n";
    }
  }
  if (!out_dir.empty()) {
    const auto names = gm::io::write_compare(c, out_dir);
    out << "wrote " << names[0] << ", " << names[1] << " in " << out_dir << '\n';
  }
  return exit_ok;
}

/// What `govmetrics report` was given besides its files.
struct report_args {
  std::string out;          ///< --out
  bool uncertainty = false; ///< --uncertainty
  bool sensitivity = false; ///< --sensitivity
  std::string runs;         ///< --runs (uncertainty)
  std::string n;            ///< --n (sensitivity)
  std::string seed;         ///< --seed (both)
  std::string threads;      ///< --threads (both)
};

/// `govmetrics report`: the self-contained HTML report of a run, with the file's uncertainty and
/// sensitivity analyses when asked (docs/report.md).
int cmd_report(const std::string& method_path, const std::string& data_path,
               const report_args& args) {
#ifndef GOVMETRICS_HAVE_REPORT
  (void)method_path;
  (void)data_path;
  (void)args;
  std::cerr << "govmetrics report: this govmetrics was built without the HTML report: its "
               "charting library (web/node_modules) was missing at build time; run "
               "`npm ci --prefix web` in the source tree and build again (docs/report.md)\n";
  return exit_usage;
#else
  const loaded l = load(method_path, data_path);
  const gm::model mod(l.tree, l.method.spec);
  const gm::result r = mod.run(l.data);
  gm::io::html_report_options opt;
  opt.notes = gm::io::leading_comments(data_path);
  if ((args.uncertainty || args.sensitivity) && !l.method.uncertainty) {
    throw gm::spec_error(method_path + ": --" + (args.uncertainty ? "uncertainty" : "sensitivity") +
                         " needs the methodology's \"uncertainty\" section (what the analyses "
                         "vary; see docs/uncertainty.md)");
  }
  const auto data = std::make_shared<const gm::dataset>(l.data);
  const std::string identity = gm::io::analysis_identity(l.method, l.data);
  // the sensitivity analysis is set up (its settings checked) before anything runs
  std::unique_ptr<gm::sensitivity::analysis> sa;
  gm::sensitivity::options so;
  if (args.sensitivity) {
    so = sensitivity_options_of(l, args.n, args.seed, args.threads);
    so.identity = identity;
    sa = std::make_unique<gm::sensitivity::analysis>(l.tree, data, l.method.spec,
                                                     *l.method.uncertainty, so);
  }
  gm::uncertainty::state st;
  if (args.uncertainty) {
    const gm::uncertainty::spec spec = uncertainty_spec_of(l, args.runs, args.seed);
    gm::uncertainty::options uo;
    std::uint64_t v = 0;
    if (!args.threads.empty() && parse_count("--threads", args.threads, 1, 1024, v).empty())
      uo.threads = static_cast<std::size_t>(v);
    uo.identity = identity;
    st = gm::uncertainty::analysis(l.tree, data, l.method.spec, spec, uo).run_shard(0, 1);
    opt.uncertainty = &st;
    for (const auto& in : spec.inputs)
      opt.uncertainty_inputs.push_back(gm::uncertainty::name_of(in));
  }
  gm::sensitivity::results sr;
  if (sa) {
    sr = gm::sensitivity::merge_parts({sa->run_shard(0, 1)}, so.threads);
    opt.sensitivity = &sr;
  }
  const std::string page =
      gm::io::html_report(l.method, mod, r, gm::audit::raw_columns(*l.tree, l.data), opt);
  gm::io::output_files files;
  files.add(args.out, page);
  files.commit();

  std::ostream& out = std::cout;
  print_run_header(out, l, r, data_path);
  if (args.uncertainty)
    out << "uncertainty analysis: " << st.runs << " replications, seed " << st.seed << '\n';
  if (args.sensitivity)
    out << "sensitivity analysis: N = " << sr.n_design << ", " << sr.factors.size() << " factors\n";
  out << "wrote " << args.out << " (" << page.size() << " bytes; charts by "
      << gm::io::html_report_libraries() << ", inlined: opens with no network access)\n";
  return exit_ok;
#endif
}

/// `govmetrics import-coinr`: COINr's iData and iMeta as a methodology file (and the data file it
/// reads), both or none (docs/coinr.md).
int cmd_import_coinr(const std::string& idata_path, const std::string& imeta_path,
                     const std::string& out_path, const std::string& data_out) {
  const std::string meta = gm::io::read_input_file(imeta_path, "coinr");
  const std::string data = gm::io::read_input_file(idata_path, "coinr");
  const gm::io::coinr_import im = gm::io::import_coinr(meta, imeta_path, data, idata_path);
  gm::io::output_files files;
  files.add(out_path, gm::io::to_json(im.method) + "\n");
  if (!data_out.empty())
    files.add(data_out, gm::io::coinr_data_csv(data, idata_path, im.data_columns));
  files.commit();
  std::ostream& out = std::cout;
  std::size_t n_ind = 0;
  for (const auto& n : im.method.nodes)
    n_ind += n.is_indicator() ? 1U : 0U;
  out << "imported " << imeta_path << ": " << im.method.nodes.size() << " nodes (" << n_ind
      << " indicators, " << im.method.nodes.size() - n_ind << " aggregates); group columns "
      << im.group_columns.size() << ", denominators " << im.denominator_columns.size()
      << ", other columns " << im.other_columns.size() << '\n';
  for (const auto& note : im.notes)
    out << "note: " << note << '\n';
  out << "wrote " << out_path << (data_out.empty() ? "" : " and " + data_out) << '\n';
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
      const gm::result r = gm::model(l.tree, l.method.spec).run(l.data);
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
  govmetrics audit method.json data.csv --out-dir audit/
  govmetrics explain method.json data.csv UNIT --out-dir unit/
  govmetrics report method.json data.csv --out report.html --uncertainty

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
  run->add_option("--xlsx", out_paths.xlsx,
                  "Write an Excel workbook: scores, ranks, weights, the data sets, the "
                  "methodology, the diagnostics (docs/excel.md)");
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

  std::string audit_method;
  std::string audit_data;
  std::string audit_dir;
  auto* audit_cmd = app.add_subcommand(
      "audit", "Statistical audit: statistics and flags per data set, correlations, Cronbach's "
               "alpha, effective weights");
  audit_cmd->add_option("METHOD", audit_method, "Methodology file (JSON)")->required();
  audit_cmd->add_option("DATA", audit_data, "Data file (CSV)")->required();
  audit_cmd->add_option("--out-dir", audit_dir,
                        "Write the tables (stats_raw.csv, stats_treated.csv, stats_normalised.csv, "
                        "stats_aggregated.csv, correlations.csv, cronbach.csv, "
                        "effective_weights.csv) into this directory (created if needed)");

  std::string explain_method;
  std::string explain_data;
  std::string explain_unit;
  std::string explain_dir;
  std::string explain_top = "5";
  auto* explain_cmd = app.add_subcommand(
      "explain", "Explain one unit: its profile, contributions, strengths and weaknesses");
  explain_cmd->add_option("METHOD", explain_method, "Methodology file (JSON)")->required();
  explain_cmd->add_option("DATA", explain_data, "Data file (CSV)")->required();
  explain_cmd->add_option("UNIT", explain_unit, "The unit's id")->required();
  explain_cmd
      ->add_option("--top", explain_top, "Strengths and weaknesses listed (a non-negative integer)")
      ->capture_default_str();
  explain_cmd->add_option("--out-dir", explain_dir,
                          "Write contributions.csv, strengths.csv and weaknesses.csv into this "
                          "directory (created if needed)");

  std::string target_method;
  std::string target_data;
  std::string target_unit;
  std::string target_dir;
  std::string target_rank;
  std::string target_score;
  std::string target_node;
  std::vector<std::string> target_fix;
  std::vector<std::string> target_costs;
  std::vector<std::string> target_bounds;
  bool target_probability = false;
  auto* target_cmd = app.add_subcommand(
      "target", "What it would take: the least costly indicator changes that bring a unit to a "
                "rank (or score) at a node");
  target_cmd->add_option("METHOD", target_method, "Methodology file (JSON)")->required();
  target_cmd->add_option("DATA", target_data, "Data file (CSV)")->required();
  target_cmd->add_option("UNIT", target_unit, "The unit's id")->required();
  target_cmd->add_option("--rank", target_rank, "The rank to reach (1 = best)");
  target_cmd->add_option("--score", target_score, "The score to reach (instead of --rank)");
  target_cmd->add_option("--node", target_node, "The aggregate node (default: the index)");
  target_cmd->add_option("--fix", target_fix, "Indicators that cannot change (repeatable)");
  target_cmd->add_option("--cost", target_costs,
                         "CODE=C: cost of changing the indicator by its whole observed range "
                         "(default 1; repeatable)");
  target_cmd->add_option("--bounds", target_bounds,
                         "CODE=LO:HI: bounds of the indicator's new value, in its own units "
                         "(default: its observed range; repeatable)");
  target_cmd->add_flag("--probability", target_probability,
                       "Also run the file's uncertainty analysis with and without the changes: "
                       "P(rank <= K)");
  target_cmd->add_option("--out-dir", target_dir,
                         "Write target.csv and target_summary.csv into this directory (created "
                         "if needed)");

  std::string coinr_idata;
  std::string coinr_imeta;
  std::string coinr_out;
  std::string coinr_data_out;
  auto* coinr_cmd = app.add_subcommand(
      "import-coinr", "COINr's iData and iMeta tables as a methodology file (and its data file)");
  coinr_cmd->add_option("IDATA", coinr_idata, "COINr's iData (CSV)")->required();
  coinr_cmd->add_option("IMETA", coinr_imeta, "COINr's iMeta (CSV)")->required();
  coinr_cmd->add_option("--out", coinr_out, "The methodology file to write (JSON)")->required();
  coinr_cmd->add_option("--data-out", coinr_data_out,
                        "Also write iData's columns as the data file (CSV) the methodology reads");

  std::string compare_a;
  std::string compare_b;
  std::string compare_data;
  std::string compare_dir;
  std::string compare_node;
  std::string compare_top = "10";
  auto* compare_cmd = app.add_subcommand(
      "compare", "Compare two methodologies on the same data: ranks and scores at every common "
                 "node, shifts, Spearman correlation, largest movers");
  compare_cmd->add_option("METHOD_A", compare_a, "First methodology file (JSON)")->required();
  compare_cmd->add_option("METHOD_B", compare_b, "Second methodology file (JSON)")->required();
  compare_cmd->add_option("DATA", compare_data, "Data file (CSV)")->required();
  compare_cmd->add_option("--node", compare_node,
                          "Node whose largest movers are listed "
                          "(default: the index)");
  compare_cmd->add_option("--top", compare_top, "Largest movers listed")->capture_default_str();
  compare_cmd->add_option("--out-dir", compare_dir,
                          "Write compare.csv and compare_summary.csv into this directory "
                          "(created if needed)");

  std::string report_method;
  std::string report_data;
  report_args rep_args;
  auto* report_cmd = app.add_subcommand(
      "report", "A self-contained interactive HTML report: the ranking, charts, a unit view, the "
                "audit's correlations, the methodology (docs/report.md)");
  report_cmd->add_option("METHOD", report_method, "Methodology file (JSON)")->required();
  report_cmd->add_option("DATA", report_data, "Data file (CSV)")->required();
  report_cmd->add_option("--out", rep_args.out, "The report to write (HTML)")->required();
  report_cmd->add_flag("--uncertainty", rep_args.uncertainty,
                       "Run the file's uncertainty analysis and show the rank intervals");
  report_cmd->add_flag("--sensitivity", rep_args.sensitivity,
                       "Run the file's sensitivity analysis and show the Sobol' indices");
  report_cmd->add_option("--runs", rep_args.runs,
                         "Replications of the uncertainty analysis (default: the file's)");
  report_cmd->add_option("--n", rep_args.n,
                         "Base sample size of the sensitivity analysis (default: the file's)");
  report_cmd->add_option("--seed", rep_args.seed, "Seed of the analyses (default: the file's)");
  report_cmd->add_option("--threads", rep_args.threads,
                         "Threads of the analyses (default: every core; results do not depend "
                         "on it)");

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
  ua_cmd->add_option("--shard", ua_args.shard,
                     "Run only the K-th of N equal parts of the replications (K/N, e.g. 2/4); "
                     "needs --state-out");
  ua_cmd->add_option("--state-out", ua_args.state_out,
                     "Write the mergeable state (binary) for govmetrics merge");
  const auto add_outputs = [](CLI::App* cmd, uncertainty_args& a) {
    cmd->add_option("--out", a.out,
                    "Write rank statistics (unit,node,nominal,mean,median,q05,q95,sd)");
    cmd->add_option("--acceptability-out", a.acceptability,
                    "Write P(rank = k) (unit,node,rank,probability; rows above 0)");
    cmd->add_option("--pairwise-out", a.pairwise,
                    "Write P(unit ranks above other) (node,unit,other,probability)");
    cmd->add_option("--replications-out", a.replications,
                    "Write every replication's sampled inputs and ranks (the audit trail)");
    cmd->add_option("--scores-out", a.scores,
                    "Write rank and score statistics with score quantiles");
    cmd->add_option("--top", a.top, "Units shown in the table")->capture_default_str();
  };
  add_outputs(ua_cmd, ua_args);
  ua_cmd->add_option("--xlsx", ua_args.xlsx,
                     "Write the run's Excel workbook with an 'uncertainty' sheet (docs/excel.md)");
  ua_cmd->add_flag("--pairwise", ua_args.keep_pairwise,
                   "Count P(unit i ranks above unit j) (implied by --pairwise-out)");
  ua_cmd->add_flag("--record", ua_args.record,
                   "Keep every replication's inputs and ranks (implied by --replications-out)");
  ua_cmd->add_flag("--score-quantiles", ua_args.score_quantiles,
                   "Keep every replication's scores for their quantiles (implied by --scores-out)");
  ua_cmd->add_flag("--no-progress", ua_args.no_progress,
                   "No progress bar (it shows only when stderr is a terminal)");

  std::string sa_method;
  std::string sa_data;
  sensitivity_args sa_args;
  auto* sa_cmd =
      app.add_subcommand("sensitivity", "Sensitivity analysis: Sobol' first- and total-order "
                                        "indices of the file's uncertain choices");
  sa_cmd->add_option("METHOD", sa_method, "Methodology file (JSON) with an \"uncertainty\" section")
      ->required();
  sa_cmd->add_option("DATA", sa_data, "Data file (CSV)")->required();
  sa_cmd->add_option("--n", sa_args.n,
                     "Base sample size N (a power of two for Sobol' points; default: the file's "
                     "\"sensitivity\" section's, else 1024)");
  sa_cmd->add_option("--seed", sa_args.seed,
                     "Seed of the design and the bootstrap (default: the uncertainty section's)");
  sa_cmd->add_option("--threads", sa_args.threads, "Worker threads (default: every core)");
  sa_cmd->add_option("--bootstrap", sa_args.bootstrap,
                     "Bootstrap resamples (0: no intervals; default: the file's, else 100)");
  sa_cmd->add_option("--confidence", sa_args.confidence,
                     "Level of the bootstrap intervals (default: the file's, else 0.95)");
  sa_cmd
      ->add_option("--nodes", sa_args.nodes,
                   "Aggregate nodes whose ranks and scores are outputs (default: the root)")
      ->delimiter(',');
  sa_cmd->add_flag("--dummy", sa_args.dummy,
                   "Add a factor that changes nothing (its indices show the estimator's floor)");
  sa_cmd->add_flag("--monte-carlo", sa_args.monte_carlo,
                   "Plain Monte Carlo base points instead of Sobol' points");
  sa_cmd->add_flag("--no-scramble", sa_args.no_scramble, "Sobol' points without scrambling");
  sa_cmd->add_option("--out", sa_args.out,
                     "Write the indices of mean_abs_rank_shift "
                     "(output,factor,first,total,first_lo,first_hi,total_lo,total_hi)");
  sa_cmd->add_option("--by-unit-out", sa_args.by_unit,
                     "Write the indices of every unit's rank (output rank:UNIT@NODE)");
  sa_cmd->add_option("--by-unit-scores-out", sa_args.by_unit_scores,
                     "Write the indices of every unit's score (output score:UNIT@NODE)");
  sa_cmd->add_option("--convergence-out", sa_args.convergence,
                     "Write the indices of mean_abs_rank_shift at N/8, N/4, N/2 and N "
                     "(n,output,factor,first,total)");
  sa_cmd->add_flag("--no-progress", sa_args.no_progress,
                   "No progress bar (it shows only when stderr is a terminal)");
  sa_cmd->add_option("--shard", sa_args.shard,
                     "Evaluate only the K-th of N equal parts of the design (K/N, e.g. 2/4); "
                     "needs --state-out");
  sa_cmd->add_option("--state-out", sa_args.state_out,
                     "Write the design's evaluations (binary) for govmetrics merge");

  std::vector<std::string> merge_parts;
  uncertainty_args merge_args;
  auto* merge_cmd = app.add_subcommand(
      "merge",
      "Merge the states of the shards of one uncertainty or sensitivity analysis (--shard K/N)");
  merge_cmd->add_option("PART", merge_parts, "State files written by --state-out")->required();
  merge_cmd->add_option("--state-out", merge_args.state_out,
                        "Write the merged state (uncertainty states)");
  add_outputs(merge_cmd, merge_args);
  sensitivity_args merge_sa;
  merge_cmd->add_option("--by-unit-out", merge_sa.by_unit,
                        "Sensitivity states: write the indices of every unit's rank");
  merge_cmd->add_option("--by-unit-scores-out", merge_sa.by_unit_scores,
                        "Sensitivity states: write the indices of every unit's score");
  merge_cmd->add_option("--convergence-out", merge_sa.convergence,
                        "Sensitivity states: write the indices at N/8, N/4, N/2 and N");

  // An unknown first word is named (CLI11 would only say that a subcommand is required).
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    if (word != "run" && word != "validate" && word != "weights" && word != "audit" &&
        word != "explain" && word != "target" && word != "compare" && word != "import-coinr" &&
        word != "uncertainty" && word != "sensitivity" && word != "merge" && word != "report") {
      std::cerr << "govmetrics: unknown command '" << word.substr(0, 60)
                << (word.size() > 60 ? "..." : "")
                << "' (the commands are run, validate, weights, audit, explain, target, compare, "
                   "import-coinr, uncertainty, sensitivity, merge and report; see "
                   "govmetrics "
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
        usage = check_output_paths(*run, {{"METHOD", method_path}, {"DATA", data_path}},
                                   {{"--out", &out_paths.results},
                                    {"--weights-out", &out_paths.weights},
                                    {"--outputs-out", &out_paths.outputs},
                                    {"--xlsx", &out_paths.xlsx}});
      if (!usage.empty()) {
        std::cerr << "govmetrics run: " << usage << '\n';
        return exit_usage;
      }
      return cmd_run(method_path, data_path, out_paths, top, list_diagnostics);
    }
    if (weights_cmd->parsed())
      return cmd_weights(weights_method, weights_data);
    if (explain_cmd->parsed()) {
      std::size_t k = 5;
      std::string usage = parse_top(explain_top, k);
      if (usage.empty() && explain_cmd->count("--out-dir") > 0 && explain_dir.empty())
        usage = "--out-dir: the directory name is empty";
      if (!usage.empty()) {
        std::cerr << "govmetrics explain: " << usage << '\n';
        return exit_usage;
      }
      return cmd_explain(explain_method, explain_data, explain_unit, k, explain_dir);
    }
    if (target_cmd->parsed()) {
      gm::explain::target_options o;
      o.node = target_node;
      o.fixed = target_fix;
      std::string usage;
      if ((target_cmd->count("--rank") > 0) == (target_cmd->count("--score") > 0))
        usage = "give exactly one of --rank and --score";
      if (usage.empty() && target_cmd->count("--rank") > 0) {
        usage = parse_count("--rank", "the rank to reach, 1 = best", target_rank, o.rank);
        if (usage.empty() && o.rank == 0)
          usage = "--rank: the best rank is 1";
      }
      if (usage.empty() && target_cmd->count("--score") > 0)
        usage = parse_number("--score", target_score, o.score);
      for (const std::string& c : target_costs) {
        const auto eq = c.find('=');
        if (!usage.empty())
          break;
        if (eq == std::string::npos || eq == 0) {
          usage = "--cost: expected CODE=C, got '" + c.substr(0, 40) + "'";
          break;
        }
        usage =
            parse_number("--cost " + c.substr(0, eq), c.substr(eq + 1), o.costs[c.substr(0, eq)]);
      }
      for (const std::string& b : target_bounds) {
        const auto eq = b.find('=');
        const auto colon = b.find(':', eq == std::string::npos ? 0 : eq);
        if (!usage.empty())
          break;
        if (eq == std::string::npos || eq == 0 || colon == std::string::npos) {
          usage = "--bounds: expected CODE=LO:HI, got '" + b.substr(0, 40) + "'";
          break;
        }
        auto& lh = o.bounds[b.substr(0, eq)];
        usage =
            parse_number("--bounds " + b.substr(0, eq), b.substr(eq + 1, colon - eq - 1), lh.first);
        if (usage.empty())
          usage = parse_number("--bounds " + b.substr(0, eq), b.substr(colon + 1), lh.second);
      }
      if (usage.empty() && target_cmd->count("--out-dir") > 0 && target_dir.empty())
        usage = "--out-dir: the directory name is empty";
      if (!usage.empty()) {
        std::cerr << "govmetrics target: " << usage << '\n';
        return exit_usage;
      }
      return cmd_target(target_method, target_data, target_unit, o, target_probability, target_dir);
    }
    if (coinr_cmd->parsed()) {
      const std::string usage =
          check_output_paths(*coinr_cmd, {{"IDATA", coinr_idata}, {"IMETA", coinr_imeta}},
                             {{"--out", &coinr_out}, {"--data-out", &coinr_data_out}});
      if (!usage.empty()) {
        std::cerr << "govmetrics import-coinr: " << usage << '\n';
        return exit_usage;
      }
      return cmd_import_coinr(coinr_idata, coinr_imeta, coinr_out, coinr_data_out);
    }
    if (compare_cmd->parsed()) {
      std::size_t k = 10;
      std::string usage = parse_top(compare_top, k);
      if (usage.empty() && compare_cmd->count("--out-dir") > 0 && compare_dir.empty())
        usage = "--out-dir: the directory name is empty";
      if (!usage.empty()) {
        std::cerr << "govmetrics compare: " << usage << '\n';
        return exit_usage;
      }
      return cmd_compare(compare_a, compare_b, compare_data, compare_node, k, compare_dir);
    }
    if (report_cmd->parsed()) {
      std::uint64_t ignored = 0;
      std::string usage =
          check_output_paths(*report_cmd, {{"METHOD", report_method}, {"DATA", report_data}},
                             {{"--out", &rep_args.out}});
      for (const auto& [option, text, lo, hi] :
           {std::tuple<const char*, const std::string*, std::uint64_t, std::uint64_t>{
                "--runs", &rep_args.runs, 1, 1ULL << 40},
            {"--n", &rep_args.n, 2, 1ULL << 40},
            {"--seed", &rep_args.seed, 0, std::numeric_limits<std::uint64_t>::max()},
            {"--threads", &rep_args.threads, 1, 1024}}) {
        if (usage.empty() && report_cmd->count(option) > 0)
          usage = parse_count(option, *text, lo, hi, ignored);
      }
      if (usage.empty() && !rep_args.runs.empty() && !rep_args.uncertainty)
        usage = "--runs applies to the uncertainty analysis: add --uncertainty";
      if (usage.empty() && !rep_args.n.empty() && !rep_args.sensitivity)
        usage = "--n applies to the sensitivity analysis: add --sensitivity";
      for (const char* option : {"--seed", "--threads"}) {
        if (usage.empty() && report_cmd->count(option) > 0 && !rep_args.uncertainty &&
            !rep_args.sensitivity)
          usage = std::string(option) + " applies to the analyses: add --uncertainty or "
                                        "--sensitivity";
      }
      if (!usage.empty()) {
        std::cerr << "govmetrics report: " << usage << '\n';
        return exit_usage;
      }
      return cmd_report(report_method, report_data, rep_args);
    }
    if (audit_cmd->parsed()) {
      if (audit_cmd->count("--out-dir") > 0 && audit_dir.empty()) {
        std::cerr << "govmetrics audit: --out-dir: the directory name is empty\n";
        return exit_usage;
      }
      return cmd_audit(audit_method, audit_data, audit_dir);
    }
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
        usage = shard_usage(ua_args.shard, ua_args.state_out,
                            {{"--out", &ua_args.out},
                             {"--acceptability-out", &ua_args.acceptability},
                             {"--pairwise-out", &ua_args.pairwise},
                             {"--replications-out", &ua_args.replications},
                             {"--scores-out", &ua_args.scores},
                             {"--xlsx", &ua_args.xlsx}},
                            "a shard's statistics are partial", "every replication");
      }
      if (usage.empty()) {
        usage = check_output_paths(*ua_cmd, {{"METHOD", ua_method}, {"DATA", ua_data}},
                                   {{"--out", &ua_args.out},
                                    {"--acceptability-out", &ua_args.acceptability},
                                    {"--pairwise-out", &ua_args.pairwise},
                                    {"--replications-out", &ua_args.replications},
                                    {"--scores-out", &ua_args.scores},
                                    {"--xlsx", &ua_args.xlsx},
                                    {"--state-out", &ua_args.state_out}});
      }
      if (!usage.empty()) {
        std::cerr << "govmetrics uncertainty: " << usage << '\n';
        return exit_usage;
      }
      return cmd_uncertainty(ua_method, ua_data, ua_args);
    }
    if (sa_cmd->parsed()) {
      std::uint64_t ignored = 0;
      std::string usage;
      const auto check = [&](const char* option, const std::string& text, std::uint64_t lo,
                             std::uint64_t hi) {
        if (usage.empty() && !text.empty())
          usage = parse_count(option, text, lo, hi, ignored);
      };
      check("--n", sa_args.n, 2, 1ULL << 40);
      check("--seed", sa_args.seed, 0, std::numeric_limits<std::uint64_t>::max());
      check("--threads", sa_args.threads, 1, 1024);
      check("--bootstrap", sa_args.bootstrap, 0, 1000000);
      if (usage.empty() && !sa_args.confidence.empty()) {
        char* end = nullptr;
        const double c = std::strtod(sa_args.confidence.c_str(), &end);
        if (end == sa_args.confidence.c_str() || *end != '\0' || !(c > 0.0 && c < 1.0))
          usage = "--confidence: expected a number between 0 and 1 (e.g. 0.95), got " +
                  gm::detail::quoted(sa_args.confidence, 40);
      }
      if (usage.empty() && sa_args.monte_carlo && sa_args.no_scramble)
        usage = "--no-scramble applies to Sobol' points, not to --monte-carlo";
      if (usage.empty()) {
        usage = shard_usage(sa_args.shard, sa_args.state_out,
                            {{"--out", &sa_args.out},
                             {"--by-unit-out", &sa_args.by_unit},
                             {"--by-unit-scores-out", &sa_args.by_unit_scores},
                             {"--convergence-out", &sa_args.convergence}},
                            "a shard's evaluations are part of the design", "the whole design");
      }
      if (usage.empty()) {
        usage = check_output_paths(*sa_cmd, {{"METHOD", sa_method}, {"DATA", sa_data}},
                                   {{"--out", &sa_args.out},
                                    {"--by-unit-out", &sa_args.by_unit},
                                    {"--by-unit-scores-out", &sa_args.by_unit_scores},
                                    {"--convergence-out", &sa_args.convergence},
                                    {"--state-out", &sa_args.state_out}});
      }
      if (!usage.empty()) {
        std::cerr << "govmetrics sensitivity: " << usage << '\n';
        return exit_usage;
      }
      return cmd_sensitivity(sa_method, sa_data, sa_args);
    }
    if (merge_cmd->parsed()) {
      std::uint64_t ignored = 0;
      std::string usage = parse_count("--top", merge_args.top, 0,
                                      std::numeric_limits<std::uint64_t>::max(), ignored);
      if (usage.empty()) {
        std::vector<std::pair<std::string, std::string>> inputs;
        for (const auto& part : merge_parts)
          inputs.emplace_back("PART", part);
        usage = check_output_paths(*merge_cmd, inputs,
                                   {{"--out", &merge_args.out},
                                    {"--acceptability-out", &merge_args.acceptability},
                                    {"--pairwise-out", &merge_args.pairwise},
                                    {"--replications-out", &merge_args.replications},
                                    {"--scores-out", &merge_args.scores},
                                    {"--state-out", &merge_args.state_out}});
      }
      // sensitivity states (GMSASTATE) or uncertainty states, by the first file's first bytes
      bool sensitivity = false;
      if (usage.empty()) {
        std::ifstream probe(merge_parts.front(), std::ios::binary);
        std::string head(16, '\0');
        probe.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(probe.gcount()));
        sensitivity = gm::io::is_sensitivity_state(head);
      }
      if (usage.empty() && !sensitivity) {
        for (const auto& [option, path] :
             {std::pair<const char*, const std::string*>{"--by-unit-out", &merge_sa.by_unit},
              {"--by-unit-scores-out", &merge_sa.by_unit_scores},
              {"--convergence-out", &merge_sa.convergence}}) {
          if (usage.empty() && !path->empty())
            usage = std::string(option) + " applies to sensitivity states; " + merge_parts.front() +
                    " is not one";
        }
      }
      if (usage.empty() && sensitivity) {
        for (const auto& [option, path] : {std::pair<const char*, const std::string*>{
                                               "--acceptability-out", &merge_args.acceptability},
                                           {"--pairwise-out", &merge_args.pairwise},
                                           {"--replications-out", &merge_args.replications},
                                           {"--scores-out", &merge_args.scores},
                                           {"--state-out", &merge_args.state_out}}) {
          if (usage.empty() && !path->empty())
            usage = std::string(option) + " applies to uncertainty states; " + merge_parts.front() +
                    " is a sensitivity state";
        }
        if (usage.empty()) {
          std::vector<std::pair<std::string, std::string>> inputs;
          for (const auto& part : merge_parts)
            inputs.emplace_back("PART", part);
          usage = check_output_paths(*merge_cmd, inputs,
                                     {{"--by-unit-out", &merge_sa.by_unit},
                                      {"--by-unit-scores-out", &merge_sa.by_unit_scores},
                                      {"--convergence-out", &merge_sa.convergence}});
        }
      }
      if (!usage.empty()) {
        std::cerr << "govmetrics merge: " << usage << '\n';
        return exit_usage;
      }
      if (sensitivity) {
        merge_sa.out = merge_args.out;
        return cmd_merge_sensitivity(merge_parts, merge_sa);
      }
      return cmd_merge(merge_parts, merge_args);
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
