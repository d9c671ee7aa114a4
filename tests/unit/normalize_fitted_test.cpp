// Tests of govmetrics/normalize/fitted.hpp: a fitted_list describes a kept fit when it is first
// read, exactly as the fit's record made at once would (every built-in normaliser); copies, moves
// and first reads from several threads; a pipeline's params() read back.
#include "govmetrics/normalize/fitted.hpp"

#include "govmetrics/normalize/any.hpp"
#include "govmetrics/pipeline/engine.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <variant>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_fitted_test {

namespace {

namespace gm = govmetrics;
namespace nz = govmetrics::normalize;
using gm::column_view;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

const std::vector<std::string> units{"u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7"};
const std::vector<double> column{3.5, 1.0, nan_v, 8.25, 2.0, 6.0, 4.0, 7.5};

/// Every built-in normaliser, each set up to fit `column` in direction `d` (the defaults, except
/// those that need a parameter).
std::vector<nz::any> every_normaliser(gm::direction d) {
  std::vector<nz::any> out;
  const auto add = [&](auto n) { out.emplace_back(std::move(n)); };
  add(nz::min_max{1.0, 100.0});
  add(nz::z_score{10.0, 2.0});
  add(nz::none{});
  add(nz::rank{});
  add(nz::percentile_rank{});
  nz::goalposts g;
  g.lo = 0.0;
  g.hi = 10.0;
  add(g);
  nz::distance_to_target t;
  t.target = d == gm::direction::positive ? 9.0 : 0.5; // better than every value
  add(t);
  add(nz::distance_to_best{});
  add(nz::fraction_of_max{});
  add(nz::ratio_to_mean{});
  add(nz::vector{});
  add(nz::sum{});
  add(nz::log_min_max{});
  add(nz::borda{});
  nz::categorical c;
  c.thresholds = {2.0, 5.0};
  c.scores = {0.0, 50.0, 100.0};
  add(c);
  nz::distance_to_reference r;
  r.unit = "u3";
  add(r);
  REQUIRE(out.size() == std::variant_size_v<nz::any>); // one of each
  return out;
}

/// The record of normalising `column` with `norm`, made at once (detail::normalize_column).
nz::fitted record_of(const nz::any& norm, const gm::node& ind) {
  std::vector<double> y(column.size());
  return std::visit(
      [&](const auto& n) {
        return gm::detail::normalize_column(n, ind, column_view{column.data(), column.size()},
                                            y.data(), &units);
      },
      norm);
}

/// The same fit kept in `list` (described later).
void keep_in(nz::fitted_list& list, const nz::any& norm, const gm::node& ind) {
  std::vector<double> y(column.size());
  std::visit(
      [&](const auto& n) {
        list.add(ind.code, n,
                 gm::detail::normalize_values(n, ind, column_view{column.data(), column.size()},
                                              y.data(), &units));
      },
      norm);
}

void check_same(const nz::fitted& got, const nz::fitted& want) {
  CHECK(got.indicator == want.indicator);
  CHECK(got.method == want.method);
  REQUIRE(got.values.size() == want.values.size());
  for (std::size_t k = 0; k < want.values.size(); ++k) {
    CHECK(got.values[k].first == want.values[k].first);
    // the same doubles (NaN parameters, e.g. an unset target, compare by their bits' NaN-ness)
    const double a = got.values[k].second;
    const double b = want.values[k].second;
    CHECK(((a == b) || (a != a && b != b)));
  }
}

/// A list of every normaliser's fit (positive direction) and of three (negative direction), kept,
/// and the records made at once.
struct filled {
  nz::fitted_list list;
  std::vector<nz::fitted> want;
};
std::unique_ptr<filled> fill() {
  auto f = std::make_unique<filled>();
  const auto add = [&](const nz::any& norm, const std::string& code, gm::direction d) {
    const auto ind = gm::make_indicator(code, "idx", 1.0, d);
    f->want.push_back(record_of(norm, ind));
    keep_in(f->list, norm, ind);
  };
  const auto norms = every_normaliser(gm::direction::positive);
  for (std::size_t k = 0; k < norms.size(); ++k)
    add(norms[k], "i" + std::to_string(k), gm::direction::positive);
  const auto negative = every_normaliser(gm::direction::negative);
  // min_max, z_score, distance_to_target
  for (std::size_t k : {std::size_t{0}, std::size_t{1}, std::size_t{6}})
    add(negative[k], "n" + std::to_string(k), gm::direction::negative);
  return f;
}

} // namespace

TEST_SUITE("normalize::fitted_list") {
  TEST_CASE("a kept fit is described when first read, as at once, for every normaliser") {
    auto f = fill();
    REQUIRE(f->list.size() == f->want.size());
    // normalisers and parameters that are plain numbers wait; the others were described at once
    // (rank, percentile_rank and borda keep vectors in their parameters, categorical in itself,
    // distance_to_reference its unit's id)
    const std::size_t waiting = f->list.undescribed();
    CHECK(waiting == f->want.size() - 5);
    CHECK(f->list[0].method == "min_max"); // a read describes them all
    CHECK(f->list.undescribed() == 0);
    const std::vector<nz::fitted>& all = f->list.all();
    for (std::size_t i = 0; i < all.size(); ++i) {
      CAPTURE(i);
      check_same(all[i], f->want[i]);
    }
    CHECK(f->want[0].values.size() == 4); // min, max, lo, hi: the check above compared numbers
  }

  TEST_CASE("records described at once and kept ones keep their order") {
    nz::fitted_list list;
    list.push_back(nz::fitted{"a", "screened_out", {}});
    const auto ind = gm::make_indicator("b", "idx");
    keep_in(list, nz::min_max{}, ind);
    list.push_back(nz::fitted{"c", "screened_out", {}});
    REQUIRE(list.size() == 3);
    CHECK(list.undescribed() == 1);
    CHECK(list[0].indicator == "a");
    CHECK(list[1].indicator == "b");
    CHECK(list[1].values.size() == 4);
    CHECK(list[1].values[0].first == "min");
    CHECK(list[1].values[0].second == 1.0);
    CHECK(list[1].values[1].second == 8.25);
    CHECK(list[2].indicator == "c");
    list.clear();
    CHECK(list.empty());
    CHECK(list.undescribed() == 0);
  }

  TEST_CASE("copies and moves, before and after the first read") {
    auto f = fill();
    nz::fitted_list before(f->list); // copied while waiting: describes on its own
    CHECK(before.undescribed() == f->list.undescribed());
    nz::fitted_list assigned;
    assigned = f->list;
    const auto& read = f->list.all();
    nz::fitted_list after(f->list); // copied once described
    CHECK(after.undescribed() == 0);
    nz::fitted_list moved(std::move(before));
    CHECK(before.empty()); // NOLINT(bugprone-use-after-move): a moved-from list is empty
    for (const nz::fitted_list* l : {&moved, &assigned, &after}) {
      REQUIRE(l->size() == read.size());
      for (std::size_t i = 0; i < read.size(); ++i)
        check_same((*l)[i], f->want[i]);
    }
    nz::fitted_list move_assigned;
    move_assigned = std::move(assigned);
    REQUIRE(move_assigned.size() == read.size());
    check_same(move_assigned[5], f->want[5]);
  }

  TEST_CASE("first reads from several threads at once see the same records") {
    for (int round = 0; round < 50; ++round) {
      auto f = fill();
      std::vector<const std::vector<nz::fitted>*> seen(4, nullptr);
      std::vector<std::size_t> values(4, 0);
      std::vector<std::thread> threads;
      for (std::size_t t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
          const auto& all = f->list.all();
          seen[t] = &all;
          for (const auto& r : all)
            values[t] += r.values.size();
        });
      }
      for (auto& t : threads)
        t.join();
      std::size_t want_values = 0;
      for (const auto& r : f->want)
        want_values += r.values.size();
      for (std::size_t t = 0; t < 4; ++t) {
        CHECK(seen[t] == &f->list.all());
        CHECK(values[t] == want_values);
      }
      for (std::size_t i = 0; i < f->want.size(); ++i)
        check_same(f->list[i], f->want[i]);
    }
  }

  TEST_CASE("a run's params(): each indicator's min_max fit by name, from its own column") {
    const std::vector<gm::node> nodes{gm::make_aggregate("idx"), gm::make_indicator("a", "idx"),
                                      gm::make_indicator("b", "idx", 1.0, gm::direction::negative)};
    const gm::dataset d({"x", "y", "z"}, {"a", "b"}, {2.0, 5.0, nan_v, 10.0, -1.0, 4.0});
    gm::pipeline_spec spec;
    spec.normalize = nz::min_max{0.0, 10.0};
    const gm::result r = gm::run(gm::framework(nodes), d, spec);
    const auto& p = r.params();
    REQUIRE(p.size() == 2);
    CHECK(p[0].indicator == "a");
    CHECK(p[0].method == "min_max");
    REQUIRE(p[0].values.size() == 4);
    CHECK(p[0].values[0] == std::pair<std::string, double>{"min", 2.0});
    CHECK(p[0].values[1] == std::pair<std::string, double>{"max", 5.0});
    CHECK(p[0].values[2] == std::pair<std::string, double>{"lo", 0.0});
    CHECK(p[0].values[3] == std::pair<std::string, double>{"hi", 10.0});
    // b is negative: fitted on -b (-10, 1, -4)
    REQUIRE(p[1].values.size() == 4);
    CHECK(p[1].indicator == "b");
    CHECK(p[1].values[0] == std::pair<std::string, double>{"min", -10.0});
    CHECK(p[1].values[1] == std::pair<std::string, double>{"max", 1.0});
    // a copy of the result reads the same records
    const gm::result copy = r;
    CHECK(&copy.params() == &p); // the prepared data are shared, described once
  }
}

} // namespace unit_normalize_fitted_test
