// govmetrics benchmark: the run-time pipeline on 1,000,000 units x 20 indicators (a three-level
// tree: index -> 4 dimensions -> 5 indicators each; min-max, weighted arithmetic mean, ranks with
// ties "min"), next to a floor measured in the same binary and the same run: one pass that reads
// every input value once. See README.md for how to run it and how to read the ratios.
//
// The data are generated in-process from a fixed seed with our own splitmix64, so every run and
// every machine benchmarks the same numbers. GOVMETRICS_BENCH_UNITS=<n> changes the number of
// units (for profilers such as callgrind, which are too slow for a million); the published
// figures always use the default.

#include "govmetrics/govmetrics.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace gm = govmetrics;

constexpr std::size_t default_units = 1'000'000;
constexpr std::size_t n_dimensions = 4;
constexpr std::size_t per_dimension = 5;
constexpr std::size_t n_indicators = n_dimensions * per_dimension;
constexpr std::uint64_t seed = 0x60f3e7a1c0ffee01ULL;
/// One cell in `nan_one_in` is missing (about 1,000 per indicator at a million units).
constexpr std::uint64_t nan_one_in = 1000;
/// Indicators (0-based) whose higher raw value is worse.
constexpr std::size_t negative_a = 3;
constexpr std::size_t negative_b = 12;
constexpr int repetitions = 5;

/// Sebastiano Vigna's splitmix64: small, fast, and the same sequence on every platform.
class splitmix64 {
public:
  explicit splitmix64(std::uint64_t s) noexcept : state_(s) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }
  /// Uniform on [0, 1) with 53 random bits.
  double uniform() noexcept { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }

private:
  std::uint64_t state_;
};

std::size_t units_from_environment() {
  const char* s = std::getenv("GOVMETRICS_BENCH_UNITS");
  if (s == nullptr || *s == '\0')
    return default_units;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(s, &end, 10);
  if (end == s || *end != '\0' || n < 2) {
    std::fprintf(stderr,
                 "pipeline_bench: ignoring GOVMETRICS_BENCH_UNITS='%s' (need an integer "
                 ">= 2); using %zu units\n",
                 s, default_units);
    return default_units;
  }
  return static_cast<std::size_t>(n);
}

std::string indicator_code(std::size_t j) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "i%02zu", j + 1);
  return buf;
}

/// index -> d1..d4 (weights 1, 1, 2, 1) -> 5 indicators each (weights 1, 1, 1, 2, 1).
gm::framework make_framework() {
  std::vector<gm::node> nodes;
  nodes.push_back(gm::make_aggregate("index"));
  for (std::size_t d = 0; d < n_dimensions; ++d) {
    nodes.push_back(gm::make_aggregate("d" + std::to_string(d + 1), "index", d == 2 ? 2.0 : 1.0));
  }
  for (std::size_t j = 0; j < n_indicators; ++j) {
    const bool negative = j == negative_a || j == negative_b;
    nodes.push_back(
        gm::make_indicator(indicator_code(j), "d" + std::to_string(j / per_dimension + 1),
                           j % per_dimension == 3 ? 2.0 : 1.0,
                           negative ? gm::direction::negative : gm::direction::positive));
  }
  return gm::framework(std::move(nodes));
}

/// Column-major values. Most indicators are continuous with their own offset and scale; every
/// fifth (j % 5 == 2) is an integer 0..100 survey score, so ranking sees large tie groups.
gm::dataset make_dataset(std::size_t n_units) {
  std::vector<std::string> units;
  units.reserve(n_units);
  for (std::size_t u = 0; u < n_units; ++u) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "u%07zu", u);
    units.emplace_back(buf);
  }
  std::vector<std::string> codes;
  for (std::size_t j = 0; j < n_indicators; ++j)
    codes.push_back(indicator_code(j));

  std::vector<double> values(n_units * n_indicators);
  splitmix64 rng(seed);
  for (std::size_t j = 0; j < n_indicators; ++j) {
    const double offset = 10.0 * static_cast<double>(j);
    const double scale = 1.0 + static_cast<double>(j);
    double* col = values.data() + j * n_units;
    for (std::size_t u = 0; u < n_units; ++u) {
      const std::uint64_t r = rng.next();
      if (r % nan_one_in == 0) {
        col[u] = std::numeric_limits<double>::quiet_NaN();
      } else if (j % per_dimension == 2) {
        col[u] = static_cast<double>((r >> 32U) % 101U);
      } else {
        col[u] = offset + scale * static_cast<double>(r >> 11U) * 0x1.0p-53;
      }
    }
  }
  return gm::dataset(std::move(units), std::move(codes), std::move(values));
}

struct inputs_t {
  std::shared_ptr<const gm::framework> tree;
  gm::dataset data;
};

const inputs_t& inputs() {
  static const inputs_t in{std::make_shared<const gm::framework>(make_framework()),
                           make_dataset(units_from_environment())};
  return in;
}

const gm::framework& tree() {
  return *inputs().tree;
}
const gm::dataset& data() {
  return inputs().data;
}

/// Normalised data (with indicator ranks) shared by the evaluate benchmarks: prepared once.
const std::shared_ptr<const gm::prepared_data>& prepared() {
  static const std::shared_ptr<const gm::prepared_data> p =
      gm::prepare(inputs().tree, data(), gm::pipeline_spec{});
  return p;
}

gm::pipeline_spec spec_with(gm::rank_scope scope) {
  gm::pipeline_spec spec;
  spec.ranks = scope;
  return spec;
}

/// Input bytes per iteration (default: the whole data set), so that the JSON carries a throughput
/// next to each time.
void set_throughput(benchmark::State& state, std::size_t values = 0) {
  const std::size_t n = values != 0 ? values : data().values().size();
  const auto bytes = static_cast<std::int64_t>(n * sizeof(double));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
}

// ---- the floor ----------------------------------------------------------------------------------

/// Reads every input value once and sums them. Four independent partial sums (a fixed order, no
/// -ffast-math needed) keep the loop limited by memory bandwidth rather than by the latency of one
/// chain of additions, so this is the cost of touching 160 MB once. NaNs make the sum NaN; that
/// does not matter, it only has to be computed.
void BM_floor_read_once(benchmark::State& state) {
  const std::vector<double>& v = data().values();
  const double* p = v.data();
  const std::size_t n = v.size();
  for (auto _ : state) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += p[i];
      s1 += p[i + 1];
      s2 += p[i + 2];
      s3 += p[i + 3];
    }
    for (; i < n; ++i)
      s0 += p[i];
    double s = (s0 + s1) + (s2 + s3);
    benchmark::DoNotOptimize(s);
  }
  set_throughput(state);
}

// ---- the run-time path (pipeline_spec of std::variants) -----------------------------------------

/// The headline: normalise, aggregate and rank every node, as `govmetrics::run` does for Python,
/// the CLI and JSON methodologies. Each iteration allocates its result and frees it.
void BM_run_full(benchmark::State& state) {
  const gm::pipeline_spec spec;
  for (auto _ : state) {
    gm::result r = gm::run(tree(), data(), spec);
    benchmark::DoNotOptimize(r.score(tree().root()).data());
    benchmark::ClobberMemory();
  }
  set_throughput(state);
}

/// Normalise + aggregate + rank the index only (spec.ranks = rank_scope::root).
void BM_run_full_ranks_root(benchmark::State& state) {
  const gm::pipeline_spec spec = spec_with(gm::rank_scope::root);
  for (auto _ : state) {
    gm::result r = gm::run(tree(), data(), spec);
    benchmark::DoNotOptimize(r.score(tree().root()).data());
    benchmark::ClobberMemory();
  }
  set_throughput(state);
}

/// The weight-independent stage alone: normalise every indicator and rank it.
void BM_prepare(benchmark::State& state) {
  const gm::pipeline_spec spec;
  for (auto _ : state) {
    auto p = gm::prepare(inputs().tree, data(), spec);
    benchmark::DoNotOptimize(p->values.data());
    benchmark::ClobberMemory();
  }
  set_throughput(state);
}

/// Breakdown: `prepare` without indicator ranks (rank_scope::aggregates), i.e. normalisation only.
void BM_prepare_no_indicator_ranks(benchmark::State& state) {
  const gm::pipeline_spec spec = spec_with(gm::rank_scope::aggregates);
  for (auto _ : state) {
    auto p = gm::prepare(inputs().tree, data(), spec);
    benchmark::DoNotOptimize(p->values.data());
    benchmark::ClobberMemory();
  }
  set_throughput(state);
}

/// The Monte Carlo inner stage: aggregate (and rank) from prepared data, reusing the workspace and
/// the result, so a warm iteration allocates nothing.
void evaluate_with(benchmark::State& state, gm::rank_scope scope) {
  const auto& p = prepared();
  const gm::evaluation_plan plan = gm::make_plan(tree(), spec_with(scope));
  gm::evaluation_workspace ws;
  gm::result out;
  gm::evaluate(p, plan, ws, out); // warm-up: sizes ws and out
  for (auto _ : state) {
    gm::evaluate(p, plan, ws, out);
    benchmark::DoNotOptimize(out.score(tree().root()).data());
    benchmark::ClobberMemory();
  }
  set_throughput(state);
}

void BM_evaluate_all(benchmark::State& state) {
  evaluate_with(state, gm::rank_scope::all);
}
void BM_evaluate_aggregates(benchmark::State& state) {
  evaluate_with(state, gm::rank_scope::aggregates);
}
/// Breakdown: aggregation of the 5 aggregate nodes plus one ranking (the index).
void BM_evaluate_root(benchmark::State& state) {
  evaluate_with(state, gm::rank_scope::root);
}

/// Breakdown: `rank::rank_into` on one normalised continuous indicator column, warm workspace.
void BM_rank_one_column(benchmark::State& state) {
  const auto& p = prepared();
  const gm::column_view col = p->column(0);
  std::vector<double> out(col.size());
  gm::rank::workspace ws;
  gm::rank::rank_into(col, gm::rank::ties::min, out.data(), ws); // warm-up
  for (auto _ : state) {
    gm::rank::rank_into(col, gm::rank::ties::min, out.data(), ws);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_throughput(state, col.size()); // one column's bytes
}

// ---- the compile-time path, for comparison ------------------------------------------------------

void BM_pipeline_compile_time_run(benchmark::State& state) {
  const auto pl = gm::make_pipeline(gm::missing::skip{}, gm::treat::none{},
                                    gm::normalize::min_max{}, gm::aggregate::arithmetic{});
  for (auto _ : state) {
    gm::result r = pl.run(tree(), data());
    benchmark::DoNotOptimize(r.score(tree().root()).data());
    benchmark::ClobberMemory();
  }
  set_throughput(state);
}

void configure(benchmark::internal::Benchmark* b) {
  b->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Repetitions(repetitions)
      ->ReportAggregatesOnly(true);
}

} // namespace

BENCHMARK(BM_floor_read_once)->Apply(configure);
BENCHMARK(BM_run_full)->Apply(configure);
BENCHMARK(BM_run_full_ranks_root)->Apply(configure);
BENCHMARK(BM_prepare)->Apply(configure);
BENCHMARK(BM_prepare_no_indicator_ranks)->Apply(configure);
BENCHMARK(BM_evaluate_all)->Apply(configure);
BENCHMARK(BM_evaluate_aggregates)->Apply(configure);
BENCHMARK(BM_evaluate_root)->Apply(configure);
BENCHMARK(BM_rank_one_column)->Apply(configure);
BENCHMARK(BM_pipeline_compile_time_run)->Apply(configure);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  // Generate the data before any timing, and record its shape with the results.
  const gm::dataset& d = data();
  benchmark::AddCustomContext("govmetrics_version", gm::version());
  benchmark::AddCustomContext("units", std::to_string(d.n_units()));
  benchmark::AddCustomContext("indicators", std::to_string(d.n_indicators()));
  benchmark::AddCustomContext("missing_cells", std::to_string(d.count_missing()));
  char seed_hex[24];
  std::snprintf(seed_hex, sizeof seed_hex, "0x%016llx", static_cast<unsigned long long>(seed));
  benchmark::AddCustomContext("seed", seed_hex);
  benchmark::AddCustomContext("tree", "index -> 4 dimensions -> 5 indicators each");
  benchmark::AddCustomContext("method", "min_max 0..100, arithmetic, ranks ties=min, skip missing");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
