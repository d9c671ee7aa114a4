// govmetrics io: the files of a sensitivity analysis.
#include "govmetrics/io/results.hpp"
#include "govmetrics/io/sensitivity.hpp"

#include "binary_state.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace govmetrics::io {

bool is_sensitivity_output(const std::string& name, sensitivity_outputs which) {
  switch (which) {
  case sensitivity_outputs::scalar:
    return name == "mean_abs_rank_shift";
  case sensitivity_outputs::ranks:
    return name.rfind("rank:", 0) == 0;
  case sensitivity_outputs::scores:
    return name.rfind("score:", 0) == 0;
  }
  return false;
}

void write_sensitivity_indices(std::ostream& out, const sensitivity::results& r,
                               sensitivity_outputs which) {
  out << "output,factor,first,total,first_lo,first_hi,total_lo,total_hi\n";
  const auto& e = r.estimates;
  for (std::size_t o = 0; o < r.outputs.size(); ++o) {
    if (!is_sensitivity_output(r.outputs[o], which))
      continue;
    for (std::size_t i = 0; i < r.factors.size(); ++i) {
      out << csv_field(r.outputs[o]) << ',' << csv_field(r.factors[i]) << ','
          << format_double(e.at(e.first, i, o)) << ',' << format_double(e.at(e.total, i, o)) << ','
          << format_double(e.at(e.first_lo, i, o)) << ',' << format_double(e.at(e.first_hi, i, o))
          << ',' << format_double(e.at(e.total_lo, i, o)) << ','
          << format_double(e.at(e.total_hi, i, o)) << '\n';
    }
  }
}

void write_sensitivity_convergence(std::ostream& out, const sensitivity::results& r,
                                   sensitivity_outputs which) {
  out << "n,output,factor,first,total\n";
  for (const auto& step : r.convergence) {
    for (std::size_t o = 0; o < r.outputs.size(); ++o) {
      if (!is_sensitivity_output(r.outputs[o], which))
        continue;
      for (std::size_t i = 0; i < r.factors.size(); ++i) {
        out << step.n << ',' << csv_field(r.outputs[o]) << ',' << csv_field(r.factors[i]) << ','
            << format_double(step.at(step.first, i, o)) << ','
            << format_double(step.at(step.total, i, o)) << '\n';
      }
    }
  }
}

// ---- the binary part (a shard's state)
// Layout (little-endian): magic "GMSASTATE\n", u32 version, the fields in the order below, a u64
// FNV-1a checksum of every byte before it.

namespace {
constexpr std::string_view part_magic = "GMSASTATE\n";
constexpr std::uint32_t part_version = 1;
} // namespace

bool is_sensitivity_state(std::string_view bytes) {
  return bytes.substr(0, part_magic.size()) == part_magic;
}

std::string part_bytes(const sensitivity::part& p) {
  binary::state_writer w;
  w.out += part_magic;
  w.u32(part_version);
  w.str(p.identity);
  w.u64(p.seed);
  w.u64(p.monte_carlo ? 1 : 0);
  w.u64(p.scramble ? 1 : 0);
  w.u64(p.n);
  w.u64(p.block_size);
  w.u64(p.bootstrap);
  w.u64(p.bootstrap_seed);
  w.f64(p.confidence);
  w.strings(p.factors);
  w.ints(p.groups);
  w.strings(p.outputs);
  w.u64(p.first_block);
  w.u64(p.last_block);
  w.doubles(p.y);
  w.ints(p.failed);
  w.u64(p.failures.size());
  for (const auto& [reason, count] : p.failures) {
    w.str(reason);
    w.u64(count);
  }
  w.u64(binary::fnv1a(w.out));
  return std::move(w.out);
}

sensitivity::part read_part_bytes(std::string_view bytes, const std::string& source) {
  binary::state_reader r(bytes, source, "sensitivity state");
  if (!is_sensitivity_state(bytes))
    r.fail("not a govmetrics sensitivity state (it does not start with GMSASTATE; written by "
           "'govmetrics sensitivity --state-out')");
  r.skip(part_magic.size());
  if (const std::uint32_t v = r.u32("the version"); v != part_version)
    r.fail("version " + std::to_string(v) + " (this build reads version " +
           std::to_string(part_version) + ")");
  if (bytes.size() < r.pos() + 8 ||
      binary::fnv1a(bytes.substr(0, bytes.size() - 8)) !=
          binary::state_reader(bytes.substr(bytes.size() - 8), source, "sensitivity state")
              .u64("the checksum")) {
    r.fail("the checksum does not match (the file is cut short or damaged)");
  }
  const auto count = [&](std::uint64_t x) {
    if (x > (std::uint64_t{1} << 48U))
      r.fail("impossible count " + std::to_string(x));
    return static_cast<std::size_t>(x);
  };
  sensitivity::part p;
  p.identity = r.str("the identity");
  p.seed = r.u64("the seed");
  p.monte_carlo = r.flag("the sampling");
  p.scramble = r.flag("the scrambling");
  p.n = count(r.u64("N"));
  p.block_size = count(r.u64("the block size"));
  p.bootstrap = count(r.u64("the bootstrap resamples"));
  if (p.bootstrap > 1000000)
    r.fail("impossible bootstrap resamples " + std::to_string(p.bootstrap));
  p.bootstrap_seed = r.u64("the bootstrap seed");
  p.confidence = r.f64("the confidence");
  p.factors = r.strings("the factors");
  p.groups = r.ints<std::size_t>("the factors' coordinates");
  p.outputs = r.strings("the outputs");
  p.first_block = count(r.u64("the first block"));
  p.last_block = count(r.u64("the last block"));
  p.y = r.doubles("the outputs' values");
  for (const std::uint64_t f : r.ints<std::uint64_t>("the failed base points")) {
    if (f > 1)
      r.fail("a failed flag is not 0 or 1");
    p.failed.push_back(static_cast<unsigned char>(f));
  }
  const std::size_t n_failures = r.size("the failures");
  for (std::size_t i = 0; i < n_failures; ++i) {
    std::string reason = r.str("a failure's reason");
    p.failures[reason] = count(r.u64("a failure's count"));
  }
  if (r.pos() + 8 != bytes.size())
    r.fail("unexpected bytes after the failures");
  // the sizes must fit together
  const std::size_t d = p.factors.size();
  if (p.block_size == 0 || p.n < 2 || p.groups.size() != d || p.outputs.empty() ||
      p.first_block > p.last_block || p.last_block > p.n_blocks() ||
      p.failed.size() != p.last_point() - p.first_point() ||
      p.y.size() != (d + 2) * p.failed.size() * p.outputs.size() ||
      !(p.confidence > 0.0 && p.confidence < 1.0)) {
    r.fail("the sizes do not fit together (N, blocks, factors, outputs and values)");
  }
  return p;
}

} // namespace govmetrics::io
