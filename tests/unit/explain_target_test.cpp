// Tests of govmetrics/explain/target.hpp (the least costly change to reach a rank or a score) and
// govmetrics/audit/compare.hpp (two methodologies on the same data), on cases worked by hand.
#include "govmetrics/audit/compare.hpp"
#include "govmetrics/explain/target.hpp"

#include "govmetrics/pipeline/model.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_explain_target_test {

namespace {

namespace gm = govmetrics;
namespace ex = govmetrics::explain;

/// index = 0.5 x + 0.5 y (no normalisation).
std::shared_ptr<const gm::framework> two_indicators(gm::direction y_direction) {
  return std::make_shared<const gm::framework>(
      std::vector<gm::node>{gm::make_aggregate("index"), gm::make_indicator("x", "index", 1.0),
                            gm::make_indicator("y", "index", 1.0, y_direction)});
}

gm::pipeline_spec spec_with(gm::normalize::any n) {
  gm::pipeline_spec spec;
  spec.normalize = std::move(n);
  return spec;
}

// u1 (1, 1) = 1, u2 (4, 2) = 3, u3 (2, 3) = 2.5, u4 (3, 4) = 3.5; x and y both range over [1, 4].
const gm::dataset four_units({"u1", "u2", "u3", "u4"}, {"x", "y"}, {1, 4, 2, 3, 1, 2, 3, 4});

ex::target_result solve(const gm::model& m, const gm::dataset& d, std::size_t unit,
                        const ex::target_options& o) {
  const gm::result r = m.run(d);
  return ex::find_target(m, r, gm::audit::raw_columns(m.tree(), d), unit, o);
}

} // namespace

TEST_SUITE("target") {
  TEST_CASE("reachable only through both indicators: the linear programme's known optimum") {
    // u1 to rank 1 needs 0.5 (1 + dx) + 0.5 (1 + dy) >= 3.5 (u4's score; a tie ranks 1 under
    // ties "min"): dx + dy >= 5 with 0 <= dx, dy <= 3, so neither alone suffices. Costs per unit:
    // x 1/3, y 2/3 (cost 2 over the range 3): min dx/3 + 2 dy/3 gives dx = 3, dy = 2, cost 7/3.
    const gm::model m(two_indicators(gm::direction::positive), spec_with(gm::normalize::none{}));
    ex::target_options o;
    o.rank = 1;
    o.costs["y"] = 2.0;
    const ex::target_result t = solve(m, four_units, 0, o);
    REQUIRE(t.reachable);
    CHECK(t.method == "lp");
    CHECK(t.rank_before == 4);
    CHECK(t.score_before == 1.0);
    REQUIRE(t.changes.size() == 2);
    CHECK(t.changes[0].code == "x");
    CHECK(t.changes[0].from == 1.0);
    CHECK(t.changes[0].to == 4.0);
    CHECK(t.changes[0].cost == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(t.changes[1].code == "y");
    // the smallest double that reaches the tie: 3 - 1 ulp, as 0.5 x 4 + 0.5 y rounds to 3.5
    CHECK(t.changes[1].to == doctest::Approx(3.0).epsilon(1e-15));
    CHECK(t.changes[1].to <= 3.0);
    CHECK(t.changes[1].change == doctest::Approx(2.0).epsilon(1e-15));
    CHECK(t.changes[1].lo == 1.0);
    CHECK(t.changes[1].hi == 4.0);
    CHECK(t.total_cost == doctest::Approx(7.0 / 3.0).epsilon(1e-15));
    CHECK(t.score_after == 3.5);
    CHECK(t.rank_after == 1.0);
  }

  TEST_CASE("a score target, and costs that reverse the order") {
    // score 3 from u1: with y cheaper (x cost 4), y first to 4 (score 2.5), then x to 2:
    // cost 1 + 4 * 1/3.
    const gm::model m(two_indicators(gm::direction::positive), spec_with(gm::normalize::none{}));
    ex::target_options o;
    o.score = 3.0;
    o.costs["x"] = 4.0;
    const ex::target_result t = solve(m, four_units, 0, o);
    REQUIRE(t.reachable);
    REQUIRE(t.changes.size() == 2);
    CHECK(t.changes[0].code == "y");
    CHECK(t.changes[0].to == 4.0);
    CHECK(t.changes[1].code == "x");
    CHECK(t.changes[1].to == doctest::Approx(2.0).epsilon(1e-15));
    CHECK(t.total_cost == doctest::Approx(1.0 + 4.0 / 3.0).epsilon(1e-15));
    CHECK(t.score_after == 3.0);
    CHECK(t.rank_goal == 0);
    CHECK(t.score_goal == 3.0);
  }

  TEST_CASE("a negative indicator moves down, in its own units, through min-max normalisation") {
    // y negative: min-max of -y gives (4 - y) / 3, x gives (x - 1) / 3 (times 100). Means:
    // u1 (0, 1) 0.5, u2 (1, 2/3) 5/6, u3 (1/3, 1/3) 1/3, u4 (2/3, 0) 1/3. u3 to rank 2 needs
    // u1's 0.5. Moving x from 2 to 4 or y from 3 to 1 each gains 1/3 over a move of 2; y costs
    // 1.5, so x goes first: (x - 1) / 6 + 1/6 >= 0.5 gives x >= 3 (x alone suffices). With x
    // fixed: 1/6 + (4 - y) / 6 >= 0.5 gives y <= 2.
    const gm::model m(two_indicators(gm::direction::negative), spec_with(gm::normalize::min_max{}));
    ex::target_options o;
    o.rank = 2;
    o.costs["y"] = 1.5;
    const ex::target_result t = solve(m, four_units, 2, o);
    REQUIRE(t.reachable);
    CHECK(t.method == "lp");
    REQUIRE(t.changes.size() == 1);
    CHECK(t.changes[0].code == "x");
    CHECK(t.changes[0].to == doctest::Approx(3.0).epsilon(1e-14));
    CHECK(t.rank_after <= 2.0);

    ex::target_options fix_x;
    fix_x.rank = 2;
    fix_x.fixed = {"x"};
    const ex::target_result ty = solve(m, four_units, 2, fix_x);
    REQUIRE(ty.reachable);
    REQUIRE(ty.changes.size() == 1);
    CHECK(ty.changes[0].code == "y");
    CHECK(ty.changes[0].to == doctest::Approx(2.0).epsilon(1e-14));
    CHECK(ty.changes[0].change < 0.0);
    REQUIRE(ty.unchanged.size() == 1);
    CHECK(ty.unchanged[0].first == "x");
    CHECK(ty.unchanged[0].second == "fixed");
  }

  TEST_CASE("unreachable, already there, and bad requests") {
    const gm::model m(two_indicators(gm::direction::positive), spec_with(gm::normalize::none{}));
    ex::target_options o;
    o.rank = 1;
    o.fixed = {"y"};
    // x = 4, y = 1: 2.5, tied with u3: rank 3
    const ex::target_result t = solve(m, four_units, 0, o);
    CHECK_FALSE(t.reachable);
    CHECK(t.changes.empty());
    CHECK(t.reason.find("rank 3") != std::string::npos);
    CHECK(t.reason.find("score 2.5") != std::string::npos);

    ex::target_options there;
    there.rank = 2;
    const ex::target_result at = solve(m, four_units, 3, there);
    CHECK(at.reachable);
    CHECK(at.method == "none");
    CHECK(at.changes.empty());
    CHECK(at.rank_after == 1.0);

    ex::target_options bad;
    CHECK_THROWS_AS(solve(m, four_units, 0, bad), gm::spec_error); // neither rank nor score
    bad.rank = 5;
    CHECK_THROWS_AS(solve(m, four_units, 0, bad), gm::spec_error); // beyond the units
    bad.rank = 1;
    bad.costs["z"] = 1.0;
    CHECK_THROWS_AS(solve(m, four_units, 0, bad), gm::unknown_code_error);
    bad.costs = {{"x", 0.0}};
    CHECK_THROWS_AS(solve(m, four_units, 0, bad), gm::spec_error);
    bad.costs.clear();
    bad.node = "x";
    CHECK_THROWS_AS(solve(m, four_units, 0, bad), gm::spec_error); // an indicator
    bad.node.clear();
    bad.bounds["x"] = {3.0, 2.0};
    CHECK_THROWS_AS(solve(m, four_units, 0, bad), gm::spec_error);
    bad.bounds["x"] = {2.0, 4.0}; // u1's x is 1: outside
    CHECK_THROWS_WITH_AS(solve(m, four_units, 0, bad),
                         doctest::Contains("do not contain the unit's value 1"), gm::spec_error);
    CHECK_THROWS_AS(solve(m, four_units, 9, there), gm::unknown_code_error);
  }

  TEST_CASE("geometric aggregation: the monotone search meets the goal with the least last move") {
    gm::pipeline_spec spec = spec_with(gm::normalize::none{});
    spec.aggregate = gm::aggregate::geometric{};
    const gm::model m(two_indicators(gm::direction::positive), spec);
    ex::target_options o;
    o.rank = 1; // geometric: u4 sqrt(12) = 3.4641 is first; u1 needs sqrt(x y) >= sqrt(12)
    const ex::target_result t = solve(m, four_units, 0, o);
    REQUIRE(t.reachable);
    CHECK(t.method == "monotone_search");
    REQUIRE(t.changes.size() == 2);
    CHECK(t.changes[0].to == 4.0);
    CHECK(t.changes[1].to == doctest::Approx(3.0).epsilon(1e-14)); // 4 y >= 12
    CHECK(t.rank_after == 1.0);
  }
}

TEST_SUITE("compare") {
  TEST_CASE("two methodologies: scores, ranks, shifts and the summary") {
    // A: arithmetic (u1 1, u2 3, u3 2.5, u4 3.5: ranks 4, 2, 3, 1); B: x alone (weight of y 0)
    // gives 1, 4, 2, 3: ranks 4, 1, 3, 2.
    const auto fw = two_indicators(gm::direction::positive);
    const gm::model a(fw, spec_with(gm::normalize::none{}));
    auto fb = std::make_shared<const gm::framework>(std::vector<gm::node>{
        gm::make_aggregate("overall"), gm::make_indicator("x", "overall", 1.0),
        gm::make_indicator("z", "overall", 0.0)});
    const gm::dataset db({"u4", "u3", "u2", "u1", "u9"}, {"x", "z"},
                         {3, 2, 4, 1, 7, 0, 0, 0, 0, 0});
    const gm::model b(fb, spec_with(gm::normalize::none{}));
    const gm::audit::comparison c = gm::audit::compare(a.run(four_units), b.run(db));
    CHECK(c.units == std::vector<std::string>{"u1", "u2", "u3", "u4"});
    CHECK(c.only_b_units == std::vector<std::string>{"u9"});
    CHECK(c.only_a_units.empty());
    CHECK(c.nodes == std::vector<std::string>{"index", "x"});
    CHECK(c.only_a_nodes == std::vector<std::string>{"y"});
    CHECK(c.only_b_nodes == std::vector<std::string>{"z"});
    REQUIRE(c.rows.size() == 8);
    // B ranks with u9 (7) first: u1 5, u2 2, u3 4, u4 3
    CHECK(c.rows[0].unit == "u1");
    CHECK(c.rows[0].rank_a == 4.0);
    CHECK(c.rows[0].rank_b == 5.0);
    CHECK(c.rows[0].shift == -1.0); // down one place under B
    CHECK(c.rows[1].score_a == 3.0);
    CHECK(c.rows[1].score_b == 4.0);
    CHECK(c.rows[1].shift == 0.0);  // 2 and 2
    CHECK(c.rows[3].shift == -2.0); // u4: 1 -> 3
    const gm::audit::comparison_summary& s = c.summary[0];
    CHECK(s.node == "index");
    CHECK(s.n_units == 4);
    CHECK(s.mean_abs_shift == doctest::Approx((1.0 + 0.0 + 1.0 + 2.0) / 4.0));
    CHECK(s.max_abs_shift == 2.0);
    CHECK(s.n_moved == 3);
    // Spearman of (4, 2, 3, 1) and (5, 2, 4, 3): ranks (4, 2, 3, 1) and (4, 1, 3, 2):
    // d = 0, 1, 0, -1, rho = 1 - 6 * 2 / (4 * 15) = 0.8
    CHECK(s.spearman == doctest::Approx(0.8).epsilon(1e-14));
    const auto movers = c.movers("index", 2);
    REQUIRE(movers.size() == 2);
    CHECK(movers[0].unit == "u4");
    CHECK(movers[1].unit == "u1"); // |1| ties with u3; u1 first in A's unit order
  }
}

} // namespace unit_explain_target_test
