// Tests of govmetrics/weights/ahp.hpp: AHP principal-eigenvector weights, consistency ratio with
// Saaty's random index, the checks of the pairwise matrix, and the pipeline strategy "ahp".
#include "govmetrics/weights/ahp.hpp"

#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_weights_ahp_test {

namespace {

using namespace govmetrics;
using mat = std::vector<std::vector<double>>;

/// A cyclic reciprocal 3x3 matrix [[1, a, 1/a], [1/a, 1, a], [a, 1/a, 1]]. By symmetry its
/// principal eigenvector is (1, 1, 1)/3 with eigenvalue 1 + a + 1/a (row sums), so by hand
/// CI = (a + 1/a - 2)/2 and CR = CI / 0.58.
mat cyclic(double a) {
  return {{1.0, a, 1.0 / a}, {1.0 / a, 1.0, a}, {a, 1.0 / a, 1.0}};
}

} // namespace

TEST_SUITE("weights::ahp") {
  TEST_CASE("Saaty's random index table (1980), n = 1..15") {
    const double ri[] = {0.0,  0.0,  0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                         1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
    for (std::size_t n = 1; n <= 15; ++n)
      CHECK(weights::random_index(n) == ri[n - 1]);
    CHECK_THROWS_AS(weights::random_index(16), spec_error);
    CHECK_THROWS_AS(weights::random_index(0), spec_error);
  }

  TEST_CASE("2 x 2: w = (a, 1)/(a + 1), always consistent") {
    const auto r = weights::ahp({{1.0, 3.0}, {1.0 / 3.0, 1.0}});
    REQUIRE(r.weights.size() == 2);
    CHECK(r.weights[0] == doctest::Approx(0.75).epsilon(1e-14));
    CHECK(r.weights[1] == doctest::Approx(0.25).epsilon(1e-14));
    CHECK(r.lambda_max == doctest::Approx(2.0).epsilon(1e-14));
    CHECK(r.consistency_ratio == 0.0);
  }

  TEST_CASE("consistent 3 x 3 (a_ij = w_i / w_j): w recovered, lambda_max = n, CR = 0") {
    // w = (4, 2, 1) / 7
    const auto r = weights::ahp({{1.0, 2.0, 4.0}, {0.5, 1.0, 2.0}, {0.25, 0.5, 1.0}});
    CHECK(r.weights[0] == doctest::Approx(4.0 / 7.0).epsilon(1e-14));
    CHECK(r.weights[1] == doctest::Approx(2.0 / 7.0).epsilon(1e-14));
    CHECK(r.weights[2] == doctest::Approx(1.0 / 7.0).epsilon(1e-14));
    CHECK(r.lambda_max == doctest::Approx(3.0).epsilon(1e-13));
    CHECK(std::abs(r.consistency_ratio) < 1e-13);
    CHECK(r.random_index == 0.58);
  }

  TEST_CASE("cyclic 3 x 3: equal weights and CR = (a + 1/a - 2)/2 / 0.58 by hand") {
    for (double a : {1.2, 2.0, 9.0}) {
      const auto r = weights::ahp(cyclic(a));
      for (double w : r.weights)
        CHECK(w == doctest::Approx(1.0 / 3.0).epsilon(1e-13));
      CHECK(r.lambda_max == doctest::Approx(1.0 + a + 1.0 / a).epsilon(1e-13));
      CHECK(r.consistency_index == doctest::Approx((a + 1.0 / a - 2.0) / 2.0).epsilon(1e-12));
      CHECK(r.consistency_ratio ==
            doctest::Approx((a + 1.0 / a - 2.0) / 2.0 / 0.58).epsilon(1e-12));
    }
  }

  TEST_CASE("published example: Saaty's 'wealth of nations' matrix") {
    // T. L. Saaty, The Analytic Hierarchy Process (McGraw-Hill 1980), the relative wealth of seven
    // nations (US, USSR, China, France, UK, Japan, West Germany); Saaty reports the principal
    // eigenvector (0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094) and lambda_max = 7.61, which
    // is printed to 3 (2) decimals: compared within half a unit of the last printed digit.
    const mat a = {{1, 4, 9, 6, 6, 5, 5},
                   {1.0 / 4, 1, 7, 5, 5, 3, 4},
                   {1.0 / 9, 1.0 / 7, 1, 1.0 / 5, 1.0 / 5, 1.0 / 7, 1.0 / 5},
                   {1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3},
                   {1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3},
                   {1.0 / 5, 1.0 / 3, 7, 3, 3, 1, 2},
                   {1.0 / 5, 1.0 / 4, 5, 3, 3, 1.0 / 2, 1}};
    const auto r = weights::ahp(a);
    const double published[] = {0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094};
    for (std::size_t i = 0; i < 7; ++i) {
      INFO("i = " << i << ", w = " << r.weights[i]);
      CHECK(std::abs(r.weights[i] - published[i]) <= 0.0005 + 1e-12);
    }
    CHECK(std::abs(r.lambda_max - 7.61) <= 0.005 + 1e-12);
    // CR = (lambda_max - 7)/6/1.32 from the same numbers
    CHECK(r.consistency_ratio == doctest::Approx((r.lambda_max - 7.0) / 6.0 / 1.32).epsilon(1e-14));
  }
}

TEST_SUITE("weights::ahp errors") {
  TEST_CASE(
      "not square, not positive, not reciprocal, diagonal not 1: spec_error naming the entry") {
    const auto message = [](const mat& a) {
      try {
        (void)weights::ahp(a);
      } catch (const spec_error& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(message({{1.0, 2.0}, {0.5}}) ==
          "weights::ahp: the matrix is not square (row 1 has 1 entries, there are 2 rows)");
    CHECK(message({}) == "weights::ahp: the pairwise comparison matrix is empty");
    CHECK(message({{1.0, -2.0}, {-0.5, 1.0}}) ==
          "weights::ahp: entry (0, 1) is -2 (pairwise comparisons must be positive and finite)");
    CHECK(message({{1.0, 0.0}, {1.0, 1.0}}).find("entry (0, 1) is 0") != std::string::npos);
    CHECK(message({{1.0, 3.0}, {3.0, 1.0}}) ==
          "weights::ahp: the matrix is not reciprocal: entry (0, 1) is 3 and entry (1, 0) is 3 "
          "(their product is 9, expected 1 within 0.01)");
    CHECK(message({{2.0, 1.0}, {1.0, 1.0}}).find("diagonal entry (0, 0) is 2") !=
          std::string::npos);
  }

  TEST_CASE("reciprocity tolerance: 0.3333 and 0.33 for 1/3 pass at 0.01, 0.3 does not") {
    CHECK_NOTHROW(weights::ahp({{1.0, 3.0}, {0.3333, 1.0}}));
    CHECK_NOTHROW(weights::ahp({{1.0, 3.0}, {0.33, 1.0}}));
    CHECK_THROWS_AS(weights::ahp({{1.0, 3.0}, {0.3, 1.0}}), spec_error);
    CHECK_NOTHROW(weights::ahp({{1.0, 3.0}, {0.3, 1.0}}, 0.1));
  }

  TEST_CASE("ahp_method: CR above max_cr is a spec_error quoting CR; max_cr raises the bar") {
    weights::ahp_method m;
    m.matrix = cyclic(2.0); // CR = 0.25 / 0.58 = 0.431
    try {
      m.validate();
      FAIL("no error");
    } catch (const spec_error& e) {
      CHECK(std::string(e.what()) ==
            "weights::ahp: the pairwise comparison matrix is too inconsistent: consistency ratio "
            "0.431 > max_cr 0.1 (lambda_max 3.5, CI 0.25, RI 0.58; revise the judgements or "
            "raise max_cr)");
    }
    m.max_cr = 0.5;
    CHECK_NOTHROW(m.validate());
    m.matrix = cyclic(1.2); // CR = 0.0287 <= 0.1
    m.max_cr = 0.1;
    CHECK_NOTHROW(m.validate());
    m.max_cr = -1.0;
    CHECK_THROWS_AS(m.validate(), spec_error);
    CHECK_THROWS_WITH_AS(weights::ahp_method{}.validate(),
                         doctest::Contains("no pairwise comparison matrix"), spec_error);
  }

  TEST_CASE("ahp_method: order names each element once and matches the matrix size") {
    weights::ahp_method m;
    m.matrix = {{1.0, 3.0}, {1.0 / 3.0, 1.0}};
    m.order = {"a"};
    CHECK_THROWS_WITH_AS(m.validate(), doctest::Contains("'order' names 1 elements"), spec_error);
    m.order = {"a", "a"};
    CHECK_THROWS_WITH_AS(m.validate(), doctest::Contains("'order' names 'a' twice"), spec_error);
  }
}

TEST_SUITE("weights::ahp_method::compute_into (the matrix solved once)") {
  // compute_into keeps the solution in a memo shared with copies; each call must give compute()'s
  // weights and consistency to the bit, and fields changed since the memo was made must be solved
  // again.
  bool same_details(const weights::details& a, const weights::details& b) {
    const auto bits = [](double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; };
    if (a.weights.size() != b.weights.size())
      return false;
    for (std::size_t c = 0; c < a.weights.size(); ++c) {
      if (!bits(a.weights[c], b.weights[c]))
        return false;
    }
    return bits(a.lambda_max, b.lambda_max) && bits(a.consistency_index, b.consistency_index) &&
           bits(a.consistency_ratio, b.consistency_ratio);
  }

  TEST_CASE("threads sharing one memo, through one method and through copies with other "
            "matrices, each get compute()'s weights at every call") {
    // The memo is read and replaced with atomic loads and stores of a shared_ptr: copies that
    // disagree replace it in turn, and every call must still answer for its own fields.
    weights::ahp_method a;
    a.matrix = {{1.0, 3.0, 5.0}, {1.0 / 3.0, 1.0, 2.0}, {0.2, 0.5, 1.0}};
    a.order = {"x", "y", "z"};
    weights::ahp_method b = a; // same memo, another matrix
    b.matrix = {{1.0, 0.5, 4.0}, {2.0, 1.0, 6.0}, {0.25, 1.0 / 6.0, 1.0}};
    weights::node_input in;
    in.node = "n";
    in.children = {"x", "y", "z"};
    const weights::details want_a = a.compute(in);
    const weights::details want_b = b.compute(in);
    REQUIRE_FALSE(same_details(want_a, want_b));
    const weights::ahp_method& shared_a = a;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        std::vector<double> scratch;
        weights::details d;
        const weights::ahp_method own = t % 2 == 0 ? a : b; // a copy: the same memo
        for (int k = 0; k < 2000; ++k) {
          const bool use_shared = k % 3 == 0;
          const weights::ahp_method& m = use_shared ? shared_a : own;
          m.compute_into(in, d, scratch);
          const bool is_a = use_shared || t % 2 == 0;
          if (!same_details(d, is_a ? want_a : want_b))
            ++wrong;
        }
      });
    }
    for (auto& th : threads)
      th.join();
    CHECK(wrong.load() == 0);
  }

  TEST_CASE("the same weights as compute(), in 'order', from the memo and after a change") {
    weights::ahp_method m;
    m.matrix = {{1.0, 3.0, 5.0}, {1.0 / 3.0, 1.0, 2.0}, {0.2, 0.5, 1.0}};
    m.order = {"z", "x", "y"};
    weights::node_input in;
    in.node = "n";
    in.children = {"x", "y", "z"};
    std::vector<double> scratch;
    weights::details d;
    for (int round = 0; round < 3; ++round) { // the first call solves, the others read the memo
      CAPTURE(round);
      m.compute_into(in, d, scratch);
      CHECK(same_details(d, m.compute(in)));
    }
    const auto kept = m.memoised();
    CHECK((kept == m.memoised())); // read, not solved again
    // z is the first row: the most important, 3 times x and 5 times y
    CHECK(d.weights[2] > d.weights[0]);
    CHECK(d.weights[0] > d.weights[1]);
    // a copy shares the memo while its fields are the same
    weights::ahp_method copy = m;
    CHECK((copy.memoised() == kept));
    // changed, it solves its own matrix (and keeps it in the shared memo); the original, whose
    // fields no longer match the memo, solves its own again: both stay right
    copy.matrix[0][1] = 2.0;
    copy.matrix[1][0] = 0.5;
    weights::details dc;
    copy.compute_into(in, dc, scratch);
    CHECK(same_details(dc, copy.compute(in)));
    CHECK_FALSE(same_details(dc, d));
    CHECK((copy.memoised() != kept));
    weights::details d2;
    m.compute_into(in, d2, scratch);
    CHECK(same_details(d2, d));
    // the errors are compute()'s, and `out` is left as it was
    in.children = {"x", "y", "w"};
    const std::string unknown =
        "weights::ahp: node 'n': child 'w' is not in 'order' (the children are 'x', 'y', 'w')";
    CHECK_THROWS_WITH_AS(m.compute(in), unknown.c_str(), spec_error);
    CHECK_THROWS_WITH_AS(m.compute_into(in, d2, scratch), unknown.c_str(), spec_error);
    CHECK(same_details(d2, d));
    in.children = {"x", "y"};
    CHECK_THROWS_WITH_AS(m.compute_into(in, d2, scratch),
                         "weights::ahp: node 'n' has 2 children but the matrix is 3 x 3",
                         spec_error);
    // an inconsistent matrix throws compute()'s error at every call and keeps no solution
    weights::ahp_method bad;
    bad.matrix = {{1.0, 9.0, 0.2}, {1.0 / 9.0, 1.0, 9.0}, {5.0, 1.0 / 9.0, 1.0}};
    in.children = {"a", "b", "c"};
    std::string message;
    try {
      (void)bad.compute(in);
    } catch (const spec_error& e) {
      message = e.what();
    }
    CHECK(message.find("too inconsistent") != std::string::npos);
    for (int round = 0; round < 2; ++round)
      CHECK_THROWS_WITH_AS(bad.compute_into(in, d2, scratch), message.c_str(), spec_error);
    CHECK((bad.memo->current == nullptr));
  }

  TEST_CASE(
      "still an aggregate: matrix and order in braces, as docs/methods/weights-ahp.md shows") {
    const weights::ahp_method m{{{1.0, 3.0}, {1.0 / 3.0, 1.0}}, {"services", "access"}};
    weights::node_input in;
    in.node = "n";
    in.children = {"access", "services"};
    std::vector<double> scratch;
    weights::details d;
    m.compute_into(in, d, scratch);
    // services is 3 times access: 0.75 and 0.25, exactly as the 2 x 2 eigenvector
    CHECK(d.weights[0] == doctest::Approx(0.25).epsilon(1e-14));
    CHECK(d.weights[1] == doctest::Approx(0.75).epsilon(1e-14));
  }
}

TEST_SUITE("weights::ahp_method in the pipeline") {
  // idx <- d1 (a, b), d2 (c, e, f)
  framework tree() {
    return framework({make_aggregate("idx"), make_aggregate("d1", "idx"),
                      make_aggregate("d2", "idx"), make_indicator("a", "d1"),
                      make_indicator("b", "d1"), make_indicator("c", "d2"),
                      make_indicator("e", "d2"), make_indicator("f", "d2")});
  }
  dataset data() {
    // two units, used raw (normalize::none)
    return dataset({"u1", "u2"}, {"a", "b", "c", "e", "f"},
                   {10.0, 20.0, 30.0, 40.0, 1.0, 2.0, 4.0, 5.0, 7.0, 8.0});
  }

  TEST_CASE("weights from the matrix at one node, in 'order'; CR in weight_details") {
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    weights::ahp_method m;
    m.matrix = {{1.0, 3.0}, {1.0 / 3.0, 1.0}};
    m.order = {"b", "a"}; // b is 3 times as important as a
    spec.weights_overrides["d1"] = m;
    const result r = run(tree(), data(), spec);
    const framework& fw = r.tree();
    CHECK(r.weights()[fw.index_of("b")] == doctest::Approx(0.75).epsilon(1e-14));
    CHECK(r.weights()[fw.index_of("a")] == doctest::Approx(0.25).epsilon(1e-14));
    // d1 = 0.25 a + 0.75 b: u1 0.25*10 + 0.75*30 = 25; u2 0.25*20 + 0.75*40 = 35
    CHECK(r.score("u1", "d1") == doctest::Approx(25.0).epsilon(1e-14));
    CHECK(r.score("u2", "d1") == doctest::Approx(35.0).epsilon(1e-14));
    const auto& d = r.weight_details("d1");
    CHECK(d.method == "ahp");
    CHECK(d.children == std::vector<std::string>{"a", "b"});
    CHECK(d.consistency_ratio == 0.0);
    CHECK(d.lambda_max == doctest::Approx(2.0));
    CHECK(r.weight_details("d2").method == "explicit");
    CHECK(std::isnan(r.weight_details("d2").consistency_ratio));
    CHECK_THROWS_AS(r.weight_details("a"), unknown_code_error);
  }

  TEST_CASE("size mismatch with the children, unknown child in order: spec_error naming the node") {
    pipeline_spec spec;
    weights::ahp_method m;
    m.matrix = {{1.0, 3.0}, {1.0 / 3.0, 1.0}};
    spec.weights_overrides["d2"] = m;
    CHECK_THROWS_WITH_AS(make_plan(tree(), spec),
                         "weights::ahp: node 'd2' has 3 children but the matrix is 2 x 2",
                         spec_error);
    spec.weights_overrides.clear();
    m.order = {"a", "x"};
    spec.weights_overrides["d1"] = m;
    CHECK_THROWS_WITH_AS(make_plan(tree(), spec),
                         "weights::ahp: node 'd1': child 'b' is not in 'order' (the children are "
                         "'a', 'b')",
                         spec_error);
    // a top-level AHP applies to every aggregate node: d2 has 3 children
    spec.weights_overrides.clear();
    m.order.clear();
    spec.weights = m;
    CHECK_THROWS_WITH_AS(make_plan(tree(), spec), doctest::Contains("node 'd2' has 3 children"),
                         spec_error);
    // an override on an indicator
    spec.weights = weights::explicit_weights{};
    spec.weights_overrides["a"] = weights::equal{};
    CHECK_THROWS_WITH_AS(make_plan(tree(), spec), doctest::Contains("which is an indicator"),
                         spec_error);
  }
}

} // namespace unit_weights_ahp_test
