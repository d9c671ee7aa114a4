// Tests that an evaluation into a lean_result allocates nothing once its workspace and sink are
// warm (issue 10: "after warm-up an evaluation allocates nothing, column-wide aggregators and
// computed weights included"), and that an uncertainty analysis allocates nothing per
// replication. This program replaces the global operator new to count the allocations of every
// thread while a counter is armed; it is a program of its own so that the other tests keep the
// standard allocator, and the sanitizer build (whose runtime replaces operator new too) does not
// build it.
#include "govmetrics/pipeline/lean_result.hpp"
#include "govmetrics/pipeline/model.hpp"
#include "govmetrics/uncertainty.hpp"

#include "bits_helpers.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace {
// (every thread: an uncertainty analysis evaluates on worker threads; doctest runs the cases on
// one thread and allocates nothing on others while a counter is armed)
std::atomic<bool> counting{false};
std::atomic<std::size_t> allocations{0};

void* counted_allocation(std::size_t n) {
  if (counting)
    ++allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n))
    return p;
  throw std::bad_alloc();
}

void* counted_aligned_allocation(std::size_t n, std::align_val_t al) {
  if (counting)
    ++allocations;
  const auto a = static_cast<std::size_t>(al);
  const std::size_t size = (n + a - 1) / a * a; // aligned_alloc wants a multiple of the alignment
  if (void* p = std::aligned_alloc(a, size == 0 ? a : size))
    return p;
  throw std::bad_alloc();
}
} // namespace

void* operator new(std::size_t n) {
  return counted_allocation(n);
}
void* operator new[](std::size_t n) {
  return counted_allocation(n);
}
void* operator new(std::size_t n, std::align_val_t al) {
  return counted_aligned_allocation(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al) {
  return counted_aligned_allocation(n, al);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}

namespace alloc_evaluate_allocations_test {

namespace {

using namespace govmetrics;
using govmetrics_test::same_bits;

/// The allocations (operator new) made while `f` runs.
template <class F>
std::size_t allocations_of(F&& f) {
  allocations = 0;
  counting = true;
  try {
    f();
  } catch (...) {
    counting = false;
    throw;
  }
  counting = false;
  return allocations;
}

/// idx <- d1..d4, ten indicators each (the second of each dimension negative).
std::shared_ptr<const framework> tree() {
  std::vector<node> nodes{make_aggregate("idx")};
  for (int d = 1; d <= 4; ++d)
    nodes.push_back(make_aggregate("d" + std::to_string(d), "idx", 1.0 + d));
  for (int d = 1; d <= 4; ++d) {
    for (int k = 0; k < 10; ++k) {
      nodes.push_back(make_indicator("i" + std::to_string(d) + "_" + std::to_string(k),
                                     "d" + std::to_string(d), 1.0 + k % 3,
                                     k == 1 ? direction::negative : direction::positive));
    }
  }
  return std::make_shared<const framework>(framework(std::move(nodes)));
}

/// 60 units with ids longer than a short string's buffer, values from a fixed 64-bit LCG in
/// (1, 101); units 7 and 31 miss an indicator of d1 and d3 (so some nodes leave units out).
dataset data(const framework& fw) {
  std::vector<std::string> units;
  for (int u = 0; u < 60; ++u)
    units.push_back("a unit with a long identifier number " + std::to_string(u));
  std::vector<std::string> codes;
  for (std::size_t s = 0; s < fw.indicators().size(); ++s)
    codes.push_back(fw[fw.indicators()[s]].code);
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  std::vector<double> values(units.size() * codes.size());
  for (double& v : values) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    v = 1.0 + 100.0 * static_cast<double>(state >> 11) * 0x1.0p-53;
  }
  values[0 * units.size() + 7] = std::numeric_limits<double>::quiet_NaN();
  values[20 * units.size() + 31] = std::numeric_limits<double>::quiet_NaN();
  return dataset(units, codes, values);
}

/// Evaluates `spec` twice to warm up, then three times more: those allocate nothing and give the
/// first evaluation's scores and ranks to the bit.
void check_no_allocation(const pipeline_spec& spec) {
  const auto fw = tree();
  const model md(fw, spec);
  const auto prepared = md.prepare(data(*fw));
  lean_result lean({fw->index_of("idx"), fw->index_of("d1"), fw->index_of("d3")});
  evaluation_workspace ws;
  md.evaluate(prepared, ws, lean);
  std::vector<std::vector<double>> scores;
  std::vector<std::vector<double>> ranks;
  for (const char* code : {"idx", "d1", "d3"}) {
    const auto s = lean.score(fw->index_of(code));
    const auto r = lean.rank(fw->index_of(code));
    scores.emplace_back(s.begin(), s.end());
    ranks.emplace_back(r.begin(), r.end());
  }
  md.evaluate(prepared, ws, lean);
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    CHECK(allocations_of([&] { md.evaluate(prepared, ws, lean); }) == 0);
    int k = 0;
    for (const char* code : {"idx", "d1", "d3"}) {
      CAPTURE(code);
      const auto& s = scores[static_cast<std::size_t>(k)];
      const auto& r = ranks[static_cast<std::size_t>(k)];
      CHECK(same_bits(lean.score(fw->index_of(code)), column_view(s.data(), s.size())));
      CHECK(same_bits(lean.rank(fw->index_of(code)), column_view(r.data(), r.size())));
      ++k;
    }
  }
  // the checks above mean something only if the scores are numbers
  CHECK_FALSE(std::isnan(lean.score(fw->index_of("idx"))[0]));
}

/// AHP comparing four elements as 4 : 3 : 2 : 1 (a consistent matrix).
weights::ahp_method consistent_ahp() {
  weights::ahp_method ahp;
  const double w[] = {4.0, 3.0, 2.0, 1.0};
  ahp.matrix.assign(4, std::vector<double>(4));
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 4; ++j)
      ahp.matrix[i][j] = w[i] / w[j];
  }
  return ahp;
}

/// Four blocks of 256 replications, then four blocks of 1024, of weights perturbed at every node
/// and an aggregation alternative (arithmetic, geometric, TOPSIS, VIKOR) plus what `add_inputs`
/// adds: the 3,072 more replications would make at least 3,072 more allocations if a replication
/// made one. What the blocks themselves allocate (their state, a vector growing with the block)
/// is allowed.
template <class AddInputs>
void check_analysis_allocations(AddInputs&& add_inputs) {
  const auto fw = tree();
  const auto d = std::make_shared<const dataset>(data(*fw));
  pipeline_spec base;
  base.normalize = normalize::min_max{1.0, 100.0};
  std::size_t count[2] = {0, 0};
  int k = 0;
  for (std::size_t block : {256U, 1024U}) {
    uncertainty::spec s;
    s.runs = 4 * block;
    s.seed = 7;
    uncertainty::weights_input w;
    w.spread = 0.25;
    s.inputs.push_back(w);
    uncertainty::alternatives_input agg;
    agg.name = "aggregation";
    agg.alternatives = std::vector<aggregate::any>{aggregate::arithmetic{}, aggregate::geometric{},
                                                   aggregate::topsis{}, aggregate::vikor{}};
    s.inputs.push_back(agg);
    add_inputs(s);
    uncertainty::options opt;
    opt.threads = 1; // (with two, a worker that gets no block never warms up: counts vary)
    opt.block_size = block;
    opt.nodes = {"idx", "d1", "d2", "d3", "d4"};
    const uncertainty::analysis an(fw, d, base, s, opt);
    uncertainty::state st;
    count[k++] = allocations_of([&] { st = an.run(); });
    CHECK(st.runs == 4 * block);
  }
  CAPTURE(count[0]);
  CAPTURE(count[1]);
  CHECK(count[1] < count[0] + 64); // (fewer is possible: block allocations vary a little)
}

} // namespace

TEST_SUITE("allocations") {
  TEST_CASE("the counter counts") {
    CHECK(allocations_of([] { (void)std::make_unique<std::vector<double>>(10); }) == 2);
    CHECK(allocations_of([] {}) == 0);
  }

  TEST_CASE("per-unit aggregators, explicit weights") {
    const std::vector<aggregate::any> aggregators{aggregate::arithmetic{}, aggregate::geometric{},
                                                  aggregate::harmonic{}, aggregate::median{},
                                                  aggregate::power_mean{3.0}};
    for (const auto& a : aggregators) {
      CAPTURE(std::visit([](const auto& x) { return std::string(x.name()); }, a));
      pipeline_spec spec;
      spec.normalize = normalize::min_max{1.0, 100.0};
      spec.aggregate = a;
      check_no_allocation(spec);
    }
  }

  TEST_CASE("column-wide aggregators at the root and at a dimension") {
    const std::vector<aggregate::any> aggregators{
        aggregate::topsis{},          aggregate::topsis{"min_max"}, aggregate::vikor{},
        aggregate::vikor{0.2},        aggregate::borda{},           aggregate::copeland{},
        aggregate::grey_relational{}, aggregate::mazziotta_pareto{}};
    for (const auto& a : aggregators) {
      CAPTURE(std::visit([](const auto& x) { return std::string(x.name()); }, a));
      pipeline_spec spec;
      spec.normalize = normalize::min_max{1.0, 100.0};
      spec.aggregate_overrides["idx"] = a;
      spec.aggregate_overrides["d1"] = a;
      check_no_allocation(spec);
    }
    pipeline_spec ampi;
    ampi.normalize = normalize::min_max{1.0, 100.0};
    aggregate::mazziotta_pareto mp;
    mp.variant = "ampi";
    ampi.aggregate = mp;
    check_no_allocation(ampi);
  }

  TEST_CASE("switching between a column-wide and a per-unit aggregator, as alternatives do") {
    // An uncertainty analysis with aggregation alternatives evaluates one workspace and sink with
    // a different aggregator at a node from one replication to the next.
    const auto fw = tree();
    pipeline_spec a;
    a.normalize = normalize::min_max{1.0, 100.0};
    pipeline_spec b = a;
    a.aggregate_overrides["idx"] = aggregate::topsis{};
    a.aggregate_overrides["d1"] = aggregate::vikor{};
    b.aggregate = aggregate::geometric{};
    const model ma(fw, a);
    const model mb(fw, b);
    const auto prepared = ma.prepare(data(*fw));
    lean_result lean({fw->index_of("idx"), fw->index_of("d1")});
    evaluation_workspace ws;
    for (int round = 0; round < 2; ++round) {
      ma.evaluate(prepared, ws, lean);
      mb.evaluate(prepared, ws, lean);
    }
    for (int round = 0; round < 3; ++round) {
      CAPTURE(round);
      CHECK(allocations_of([&] { ma.evaluate(prepared, ws, lean); }) == 0);
      CHECK(allocations_of([&] { mb.evaluate(prepared, ws, lean); }) == 0);
    }
  }

  TEST_CASE("computed weights at every node: entropy, critic, std, cv, combined") {
    const std::vector<weights::any> schemes{
        weights::entropy_method{},  weights::critic_method{},
        weights::std_method{},      weights::cv_method{},
        weights::combined_method{}, weights::combined_method{"critic", 0.3, "multiplicative"}};
    for (const auto& w : schemes) {
      CAPTURE(weights::name_of(w));
      pipeline_spec spec;
      spec.normalize = normalize::min_max{1.0, 100.0};
      spec.weights = w;
      check_no_allocation(spec);
      spec.aggregate_overrides["idx"] = aggregate::topsis{};
      check_no_allocation(spec);
    }
  }

  TEST_CASE("AHP weights at the root (the matrix solved once), in the matrix's order and another") {
    weights::ahp_method ahp = consistent_ahp(); // d1..d4 as 4 : 3 : 2 : 1
    pipeline_spec spec;
    spec.normalize = normalize::min_max{1.0, 100.0};
    spec.weights_overrides["idx"] = ahp;
    check_no_allocation(spec);
    ahp.order = {"d4", "d3", "d2", "d1"};
    spec.weights_overrides["idx"] = ahp;
    check_no_allocation(spec);
  }

  TEST_CASE("an uncertainty analysis allocates nothing per replication") {
    // Weights perturbed at every node and an aggregation alternative between arithmetic,
    // geometric, TOPSIS and VIKOR; every aggregate node's ranks tracked.
    check_analysis_allocations([](uncertainty::spec&) {});
  }

  TEST_CASE("nor with AHP weights at the root among the alternatives (its copies share the memo)") {
    // The engine copies the plan's weighting schemes as a replication changes them: the copies of
    // an ahp_method share its solved matrix, so the choice between explicit and AHP weights at
    // the root costs no allocation per replication either.
    weights::ahp_method ahp = consistent_ahp();
    check_analysis_allocations([&](uncertainty::spec& s) {
      uncertainty::alternatives_input wts;
      wts.name = "root weights";
      wts.nodes = {"idx"};
      wts.alternatives = std::vector<weights::any>{weights::explicit_weights{}, ahp};
      s.inputs.push_back(wts);
    });
  }
}

} // namespace alloc_evaluate_allocations_test
