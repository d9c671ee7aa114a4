// govmetrics io: the files of an uncertainty analysis.
#include "govmetrics/io/results.hpp"
#include "govmetrics/io/uncertainty.hpp"

#include "binary_state.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <sstream>
#include <string>

namespace govmetrics::io {

namespace {

void rank_columns(std::ostream& out, const uncertainty::unit_statistics& u) {
  out << csv_field(u.unit) << ',' << csv_field(u.node) << ',' << format_double(u.nominal) << ','
      << format_double(u.mean) << ',' << format_double(u.median) << ',' << format_double(u.q05)
      << ',' << format_double(u.q95) << ',' << format_double(u.sd);
}

} // namespace

void write_rank_statistics(std::ostream& out, const std::vector<uncertainty::unit_statistics>& s) {
  out << "unit,node,nominal,mean,median,q05,q95,sd\n";
  for (const auto& u : s) {
    rank_columns(out, u);
    out << '\n';
  }
}

void write_score_statistics(std::ostream& out, const std::vector<uncertainty::unit_statistics>& s) {
  out << "unit,node,nominal,mean,median,q05,q95,sd,score_nominal,score_mean,score_sd,"
         "score_median,score_q05,score_q95\n";
  for (const auto& u : s) {
    rank_columns(out, u);
    out << ',' << format_double(u.score_nominal) << ',' << format_double(u.score_mean) << ','
        << format_double(u.score_sd) << ',' << format_double(u.score_median) << ','
        << format_double(u.score_q05) << ',' << format_double(u.score_q95) << '\n';
  }
}

void write_acceptability(std::ostream& out, const uncertainty::state& s) {
  out << "unit,node,rank,probability\n";
  for (std::size_t k = 0; k < s.nodes.size(); ++k) {
    for (std::size_t u = 0; u < s.n_units(); ++u) {
      for (const auto& [rank, p] : uncertainty::acceptability(s, k, u)) {
        out << csv_field(s.units[u]) << ',' << csv_field(s.nodes[k]) << ',' << format_double(rank)
            << ',' << format_double(p) << '\n';
      }
    }
  }
}

void write_pairwise(std::ostream& out, const uncertainty::state& s) {
  out << "node,unit,other,probability\n";
  for (std::size_t k = 0; k < s.nodes.size(); ++k) {
    for (std::size_t i = 0; i < s.n_units(); ++i) {
      for (std::size_t j = 0; j < s.n_units(); ++j) {
        if (i == j)
          continue;
        out << csv_field(s.nodes[k]) << ',' << csv_field(s.units[i]) << ',' << csv_field(s.units[j])
            << ',' << format_double(uncertainty::above(s, k, i, j)) << '\n';
      }
    }
  }
}

void write_replications(std::ostream& out, const uncertainty::state& s) {
  uncertainty::detail::require_complete(s);
  if (!s.record) {
    GOVMETRICS_THROW(spec_error("uncertainty: the replications were not recorded (ask for them: "
                                "options::record, --replications-out, record=True)"));
  }
  out << "replication,failed";
  for (const auto& c : s.draw_columns)
    out << ',' << csv_field(c);
  for (const auto& node : s.nodes) {
    for (const auto& unit : s.units)
      out << ',' << csv_field("rank:" + unit + "@" + node);
  }
  out << '\n';
  const std::size_t d = s.draw_columns.size();
  const std::size_t per_run = s.nodes.size() * s.n_units();
  for (const auto& [index, b] : s.blocks) {
    const std::size_t first = index * s.block_size;
    const std::size_t n = b.shift.size();
    std::size_t next_failure = 0;
    for (std::size_t r = 0; r < n; ++r) {
      bool failed = false;
      if (next_failure < b.failed_at.size() && b.failed_at[next_failure] == first + r) {
        failed = true;
        ++next_failure;
      }
      out << first + r + 1 << ',' << (failed ? 1 : 0);
      for (std::size_t c = 0; c < d; ++c) {
        const double x = b.draws[r * d + c];
        const auto& labels = s.draw_labels[c];
        out << ',';
        if (!labels.empty() && !std::isnan(x))
          out << csv_field(labels.at(static_cast<std::size_t>(x)));
        else
          out << format_double(x);
      }
      for (std::size_t k = 0; k < per_run; ++k)
        out << ',' << format_double(b.ranks[r * per_run + k]);
      out << '\n';
    }
  }
}

// ---- the binary state
// Layout (little-endian): magic "GMUASTATE\n", u32 version, the fields in the order below
// (strings and vectors as a u64 count then the elements; doubles as their IEEE-754 bits), then
// a u64 FNV-1a checksum of every byte before it.

namespace {

constexpr std::string_view state_magic = "GMUASTATE\n";
constexpr std::uint32_t state_version = 1;

using binary::fnv1a;
using binary::state_reader;
using binary::state_writer;

} // namespace

std::string analysis_identity(const methodology& m, const dataset& data) {
  state_writer w;
  w.str(to_json(m));
  w.strings(data.units());
  w.strings(data.indicators());
  for (std::size_t j = 0; j < data.n_indicators(); ++j) {
    for (double x : data.column(j))
      w.f64(x);
  }
  for (const auto& [name, labels] : data.all_labels()) {
    w.str(name);
    w.strings(labels);
  }
  std::ostringstream out;
  out << "fnv1a64:" << std::hex << std::setw(16) << std::setfill('0') << fnv1a(w.out);
  return out.str();
}

std::string state_bytes(const uncertainty::state& s) {
  state_writer w;
  w.out += state_magic;
  w.u32(state_version);
  w.str(s.identity);
  w.u64(s.seed);
  w.u64(s.runs);
  w.u64(s.block_size);
  w.strings(s.units);
  w.strings(s.nodes);
  w.u64(static_cast<std::uint64_t>(s.ties));
  w.doubles(s.nominal_rank);
  w.doubles(s.nominal_score);
  w.u64(s.keep_scores ? 1 : 0);
  w.u64(s.pairwise ? 1 : 0);
  w.u64(s.record ? 1 : 0);
  w.strings(s.draw_columns);
  w.u64(s.draw_labels.size());
  for (const auto& labels : s.draw_labels)
    w.strings(labels);
  w.ints(s.rank_counts);
  w.ints(s.above);
  w.u64(s.failures.size());
  for (const auto& [reason, n] : s.failures) {
    w.str(reason);
    w.u64(n);
  }
  w.u64(s.blocks.size());
  for (const auto& [index, b] : s.blocks) {
    w.u64(index);
    w.u64(b.failed);
    w.ints(b.failed_at);
    w.doubles(b.score_sum);
    w.doubles(b.score_sum2);
    w.doubles(b.shift);
    w.doubles(b.scores);
    w.doubles(b.ranks);
    w.doubles(b.draws);
  }
  w.u64(fnv1a(w.out));
  return std::move(w.out);
}

uncertainty::state read_state_bytes(std::string_view bytes, const std::string& source) {
  state_reader r(bytes, source);
  if (bytes.substr(0, state_magic.size()) != state_magic)
    r.fail("not a govmetrics uncertainty state (it does not start with GMUASTATE; written by "
           "'govmetrics uncertainty --state-out')");
  r.skip(state_magic.size());
  if (const std::uint32_t v = r.u32("the version"); v != state_version)
    r.fail("version " + std::to_string(v) + " (this build reads version " +
           std::to_string(state_version) + ")");
  if (bytes.size() < r.pos() + 8 ||
      fnv1a(bytes.substr(0, bytes.size() - 8)) !=
          state_reader(bytes.substr(bytes.size() - 8), source).u64("the checksum")) {
    r.fail("the checksum does not match (the file is cut short or damaged)");
  }
  uncertainty::state s;
  s.identity = r.str("the identity");
  s.seed = r.u64("the seed");
  // counts of replications, not of bytes: bounded by the limits the writers use
  const std::uint64_t runs = r.u64("the runs");
  const std::uint64_t block_size = r.u64("the block size");
  if (runs < 1 || runs > (std::uint64_t{1} << 40U) || block_size < 1 ||
      block_size > (std::uint64_t{1} << 40U)) {
    r.fail("runs " + std::to_string(runs) + " or block size " + std::to_string(block_size) +
           " out of range");
  }
  s.runs = static_cast<std::size_t>(runs);
  s.block_size = static_cast<std::size_t>(block_size);
  s.units = r.strings("the units");
  s.nodes = r.strings("the nodes");
  const std::uint64_t ties = r.u64("the ties");
  if (ties > static_cast<std::uint64_t>(rank::ties::average))
    r.fail("unknown ties " + std::to_string(ties));
  s.ties = static_cast<rank::ties>(ties);
  s.nominal_rank = r.doubles("the nominal ranks");
  s.nominal_score = r.doubles("the nominal scores");
  s.keep_scores = r.flag("the flags");
  s.pairwise = r.flag("the flags");
  s.record = r.flag("the flags");
  s.draw_columns = r.strings("the recorded columns");
  const std::size_t n_labels = r.size("the recorded labels");
  for (std::size_t i = 0; i < n_labels; ++i)
    s.draw_labels.push_back(r.strings("the recorded labels"));
  s.rank_counts = r.ints<std::uint64_t>("the rank counts");
  s.above = r.ints<std::uint64_t>("the pairwise counts");
  const std::size_t n_failures = r.size("the failures");
  for (std::size_t i = 0; i < n_failures; ++i) {
    std::string reason = r.str("the failures");
    const std::uint64_t n = r.u64("the failures");
    if (n > s.runs)
      r.fail("more failures than replications");
    s.failures[reason] = static_cast<std::size_t>(n);
  }
  const std::size_t per_run = s.nodes.size() * s.n_units();
  if (s.nominal_rank.size() != per_run || s.nominal_score.size() != per_run ||
      s.rank_counts.size() != per_run * s.n_bins() ||
      s.above.size() != (s.pairwise ? s.nodes.size() * s.n_units() * s.n_units() : 0) ||
      s.draw_labels.size() != s.draw_columns.size()) {
    r.fail("its parts do not fit together");
  }
  const std::size_t n_blocks = r.size("the blocks");
  for (std::size_t i = 0; i < n_blocks; ++i) {
    const std::uint64_t index64 = r.u64("a block");
    if (index64 >= s.n_blocks())
      r.fail("block " + std::to_string(index64 + 1) + " of " + std::to_string(s.n_blocks()));
    const auto index = static_cast<std::size_t>(index64);
    const std::size_t first = index * s.block_size;
    const std::size_t expected = std::min(s.block_size, s.runs - first);
    uncertainty::state::block b;
    const std::uint64_t failed = r.u64("a block");
    if (failed > expected)
      r.fail("block " + std::to_string(index + 1) + " has more failures than replications");
    b.failed = static_cast<std::size_t>(failed);
    b.failed_at = r.ints<std::size_t>("a block");
    b.score_sum = r.doubles("a block");
    b.score_sum2 = r.doubles("a block");
    b.shift = r.doubles("a block");
    b.scores = r.doubles("a block");
    b.ranks = r.doubles("a block");
    b.draws = r.doubles("a block");
    const std::size_t runs_in = b.shift.size();
    bool failures_fit = true;
    for (std::size_t k = 0; k < b.failed_at.size() && failures_fit; ++k) {
      failures_fit = b.failed_at[k] >= first && b.failed_at[k] < first + runs_in &&
                     (k == 0 || b.failed_at[k - 1] < b.failed_at[k]);
    }
    const std::size_t d = s.draw_columns.size();
    for (std::size_t k = 0; k < b.draws.size() && d > 0; ++k) {
      const auto& labels = s.draw_labels[k % d];
      const double x = b.draws[k];
      if (!labels.empty() && !std::isnan(x) &&
          !(x >= 0.0 && x < static_cast<double>(labels.size()) && x == std::floor(x))) {
        r.fail("block " + std::to_string(index + 1) + ": value " + format_double(x) +
               " is not one of the " + std::to_string(labels.size()) + " labels of '" +
               s.draw_columns[k % d] + "'");
      }
    }
    if (b.score_sum.size() != per_run || b.score_sum2.size() != per_run ||
        b.failed_at.size() != b.failed || !failures_fit || runs_in != expected ||
        (s.keep_scores && b.scores.size() != runs_in * per_run) ||
        (s.record && (b.ranks.size() != runs_in * per_run ||
                      b.draws.size() != runs_in * s.draw_columns.size())) ||
        !s.blocks.emplace(index, std::move(b)).second) {
      r.fail("block " + std::to_string(index + 1) + " does not fit the state's shape");
    }
  }
  if (r.pos() + 8 != bytes.size())
    r.fail("unexpected bytes after the last block");
  return s;
}

} // namespace govmetrics::io
