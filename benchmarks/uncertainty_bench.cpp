// govmetrics benchmark: replications per second of the uncertainty engine (issue 10).
// Case (a): 100 units x 40 indicators in 4 dimensions of 10; min-max 1..100; the weights of every
// node's children drawn uniformly within +-25 % of the nominal ones; the aggregation arithmetic or
// geometric (one factor, equally likely); ranks of the root only. Data from a fixed seed.
// Case (b): COINr's ASEM example_full (tests/reference/methodologies/coinr_asem_example_full.json
// on ../shared/data/coinr_asem/ASEM_iData.csv) with the inputs of COINr's sensitivity vignette:
// winsorisation up to 1-5 points, min-max 1-100 or z-score (10, 2), the weights of the children of
// the sub-indexes and of the index +-25 %, arithmetic or geometric mean. Registered only when the
// data is found (GOVMETRICS_SHARED_DIR, else the checkout's ../shared).
// Each benchmark iteration runs GOVMETRICS_BENCH_RUNS replications (default 100,000); the counter
// `us_per_replication` is the wall time of one replication, and `replications_per_second` the
// rate, on 1 thread and on every core. Measured, never asserted.

#include "govmetrics/govmetrics.hpp"
#include "govmetrics/io/csv.hpp"
#include "govmetrics/io/methodology.hpp"
#include "govmetrics/sensitivity.hpp"
#include "govmetrics/uncertainty.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

namespace gm = govmetrics;
namespace ua = govmetrics::uncertainty;

constexpr std::size_t n_units = 100;
constexpr std::size_t n_dimensions = 4;
constexpr std::size_t per_dimension = 10;
constexpr std::size_t default_runs = 100'000;

std::size_t runs_from_environment() {
  const char* s = std::getenv("GOVMETRICS_BENCH_RUNS");
  if (s == nullptr || *s == '\0')
    return default_runs;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(s, &end, 10);
  if (end == s || *end != '\0' || n < 1) {
    std::fprintf(stderr,
                 "uncertainty_bench: ignoring GOVMETRICS_BENCH_RUNS='%s' (need an integer >= 1)\n",
                 s);
    return default_runs;
  }
  return static_cast<std::size_t>(n);
}

std::shared_ptr<const gm::framework> make_framework() {
  std::vector<gm::node> nodes{gm::make_aggregate("index")};
  for (std::size_t d = 0; d < n_dimensions; ++d)
    nodes.push_back(
        gm::make_aggregate("d" + std::to_string(d + 1), "index", 1.0 + static_cast<double>(d % 2)));
  for (std::size_t j = 0; j < n_dimensions * per_dimension; ++j) {
    nodes.push_back(gm::make_indicator("i" + std::to_string(j + 1),
                                       "d" + std::to_string(j / per_dimension + 1),
                                       1.0 + static_cast<double>(j % 3)));
  }
  return std::make_shared<const gm::framework>(std::move(nodes));
}

std::shared_ptr<const gm::dataset> make_dataset() {
  std::vector<std::string> units;
  for (std::size_t u = 0; u < n_units; ++u)
    units.push_back("u" + std::to_string(u));
  std::vector<std::string> codes;
  for (std::size_t j = 0; j < n_dimensions * per_dimension; ++j)
    codes.push_back("i" + std::to_string(j + 1));
  ua::stream g(0x5EEDULL, 0);
  std::vector<double> values(units.size() * codes.size());
  for (double& v : values)
    v = 100.0 * g.uniform();
  return std::make_shared<const gm::dataset>(std::move(units), std::move(codes), std::move(values));
}

ua::spec make_spec(std::size_t runs) {
  ua::spec s;
  s.runs = runs;
  s.seed = 42;
  ua::weights_input w;
  w.spread = 0.25;
  s.inputs.push_back(w);
  ua::alternatives_input agg;
  agg.name = "aggregation";
  agg.alternatives =
      std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
  s.inputs.push_back(agg);
  return s;
}

/// Runs `an` per iteration and reports the replication rate.
void run_analysis(benchmark::State& state, const ua::analysis& an, std::size_t runs,
                  std::size_t threads) {
  for (auto _ : state) {
    ua::state s = an.run();
    benchmark::DoNotOptimize(s.rank_counts.data());
  }
  const double reps = static_cast<double>(runs) * static_cast<double>(state.iterations());
  state.counters["replications_per_second"] = benchmark::Counter(reps, benchmark::Counter::kIsRate);
  state.counters["us_per_replication"] =
      benchmark::Counter(reps / 1e6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["threads"] = static_cast<double>(threads);
  state.counters["runs"] = static_cast<double>(runs);
}

std::size_t threads_of(const benchmark::State& state) {
  const auto t = static_cast<std::size_t>(state.range(0));
  return t == 0 ? std::thread::hardware_concurrency() : t;
}

void BM_uncertainty_case_a(benchmark::State& state) {
  const std::size_t runs = runs_from_environment();
  gm::pipeline_spec base;
  base.normalize = gm::normalize::min_max{1.0, 100.0};
  ua::options opt;
  opt.threads = threads_of(state);
  const ua::analysis an(make_framework(), make_dataset(), base, make_spec(runs), opt);
  run_analysis(state, an, runs, opt.threads);
}

/// ../shared/data/coinr_asem/ASEM_iData.csv, or "" when it is not there.
std::string asem_data() {
  const char* dir = std::getenv("GOVMETRICS_SHARED_DIR");
  const std::string path =
      (dir != nullptr && *dir != '\0' ? std::string(dir)
                                      : std::string(GOVMETRICS_SOURCE_DIR) + "/../shared") +
      "/data/coinr_asem/ASEM_iData.csv";
  return std::ifstream(path).good() ? path : std::string();
}

void BM_uncertainty_case_b_asem(benchmark::State& state) {
  const std::size_t runs = runs_from_environment();
  const auto method =
      gm::io::read_methodology(std::string(GOVMETRICS_SOURCE_DIR) +
                               "/tests/reference/methodologies/coinr_asem_example_full.json");
  auto data =
      std::make_shared<const gm::dataset>(gm::io::read_csv(asem_data(), method.data_options()));
  ua::spec s;
  s.runs = runs;
  s.seed = 42;
  ua::alternatives_input treat;
  treat.name = "winsorisation";
  std::vector<gm::treat::any> points;
  for (std::size_t k = 1; k <= 5; ++k) {
    auto t = std::get<gm::treat::winsorise>(method.spec.treat);
    t.max_points = static_cast<double>(k);
    points.emplace_back(t);
  }
  treat.alternatives = points;
  s.inputs.push_back(treat);
  ua::alternatives_input norm;
  norm.name = "normalisation";
  norm.alternatives = std::vector<gm::normalize::any>{gm::normalize::min_max{1.0, 100.0},
                                                      gm::normalize::z_score{10.0, 2.0}};
  s.inputs.push_back(norm);
  ua::weights_input w;
  w.nodes = {"Conn", "Sust", "Index"};
  w.spread = 0.25;
  s.inputs.push_back(w);
  ua::alternatives_input agg;
  agg.name = "aggregation";
  agg.alternatives =
      std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
  s.inputs.push_back(agg);
  gm::pipeline_spec base = method.spec;
  base.ranks = gm::rank_scope::root;
  ua::options opt;
  opt.threads = threads_of(state);
  const ua::analysis an(std::make_shared<const gm::framework>(method.tree()), data, base, s, opt);
  run_analysis(state, an, runs, opt.threads);
}

/// GOVMETRICS_BENCH_SA_N: the sensitivity benchmark's base size (default 2^14).
std::size_t sensitivity_n() {
  const char* s = std::getenv("GOVMETRICS_BENCH_SA_N");
  if (s == nullptr || *s == '\0')
    return std::size_t{1} << 14U;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(s, &end, 10);
  if (end == s || *end != '\0' || n < 2 || (n & (n - 1)) != 0) {
    std::fprintf(stderr,
                 "uncertainty_bench: ignoring GOVMETRICS_BENCH_SA_N='%s' (need a power "
                 "of two >= 2)\n",
                 s);
    return std::size_t{1} << 14U;
  }
  return static_cast<std::size_t>(n);
}

/// Issue 11's benchmark: COINr's ASEM example_full with the vignette's four factors
/// (tests/reference/methodologies/coinr_asem_vignette.json), Sobol' indices of the mean absolute
/// rank shift at N = 2^14 (N (d + 2) = 98,304 evaluations) with 100 bootstrap resamples: the
/// whole analysis (design, evaluations, estimates, convergence). COINr: 0.15 s per evaluation.
void BM_sensitivity_asem(benchmark::State& state) {
  const auto method =
      gm::io::read_methodology(std::string(GOVMETRICS_SOURCE_DIR) +
                               "/tests/reference/methodologies/coinr_asem_vignette.json");
  auto data =
      std::make_shared<const gm::dataset>(gm::io::read_csv(asem_data(), method.data_options()));
  gm::sensitivity::options opt;
  opt.n = sensitivity_n();
  opt.threads = opt.estimator.threads = threads_of(state);
  opt.design.seed = method.uncertainty->seed;
  gm::pipeline_spec base = method.spec;
  base.ranks = gm::rank_scope::root;
  const gm::sensitivity::analysis an(std::make_shared<const gm::framework>(method.tree()), data,
                                     base, *method.uncertainty, opt);
  for (auto _ : state) {
    gm::sensitivity::results r = an.run();
    benchmark::DoNotOptimize(r.estimates.first.data());
  }
  const double evals = static_cast<double>(an.n_rows()) * static_cast<double>(state.iterations());
  state.counters["evaluations"] = static_cast<double>(an.n_rows());
  state.counters["us_per_evaluation"] =
      benchmark::Counter(evals / 1e6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  // COINr rebuilds the index per evaluation: 0.15 s each on this machine
  state.counters["times_faster_than_coinr"] =
      benchmark::Counter(evals * 0.15, benchmark::Counter::kIsRate);
  state.counters["threads"] = static_cast<double>(opt.threads);
}

} // namespace

// Arg: worker threads (0: every core).
BENCHMARK(BM_uncertainty_case_a)
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

int main(int argc, char** argv) {
  if (!asem_data().empty()) {
    benchmark::RegisterBenchmark("BM_sensitivity_asem", BM_sensitivity_asem)
        ->Arg(1)
        ->Arg(0)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(1)
        ->Repetitions(3)
        ->ReportAggregatesOnly(true);
    benchmark::RegisterBenchmark("BM_uncertainty_case_b_asem", BM_uncertainty_case_b_asem)
        ->Arg(1)
        ->Arg(0)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Repetitions(5)
        ->ReportAggregatesOnly(true);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
