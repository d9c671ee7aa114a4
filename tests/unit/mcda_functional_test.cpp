// Tests of the functional multi-criteria API: core/matrix.hpp, weights/objective.hpp and
// mcda/{topsis,vikor,saw,wpm,grey_relational}.hpp. Hand-worked small examples (the arithmetic is in
// the comments), the documented edge-case conventions, and every error path with its exception
// type and message.
#include "govmetrics/mcda.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_mcda_functional_test {

namespace {

namespace gm = govmetrics;
using gm::data_error;
using gm::matrix;
using gm::matrix_view;
using gm::spec_error;
using dirs = std::vector<gm::direction>;
using vec = std::vector<double>;
constexpr auto pos = gm::direction::positive;
constexpr auto neg = gm::direction::negative;
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();
constexpr double eps = 1e-14;

/// Runs `f`, which must throw exactly `E` (not a sibling); returns what().
template <class E, class F>
std::string message_of(F f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    FAIL("wrong exception type, message: ", e.what());
    return {};
  }
  FAIL("no exception thrown");
  return {};
}

void check_close(const vec& got, const vec& want, double tol = eps) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("element ", i, ": got ", got[i], ", want ", want[i]);
    CHECK(std::fabs(got[i] - want[i]) <= tol);
  }
}

double sum(const vec& v) {
  double s = 0.0;
  for (double x : v)
    s += x;
  return s;
}

/// Opricovic & Tzeng (2004): f1 is a cost, f2 a benefit, equal weights.
matrix opricovic() {
  return matrix{{1, 3000}, {2, 3750}, {5, 4500}};
}
const dirs opricovic_dirs = {neg, pos};
const vec half = {0.5, 0.5};

} // namespace

TEST_SUITE("matrix") {
  TEST_CASE("row-wise initializer lists are stored column-major") {
    const matrix m{{1, 2, 3}, {4, 5, 6}};
    CHECK(m.rows() == 2);
    CHECK(m.cols() == 3);
    CHECK(m.values() == vec{1, 4, 2, 5, 3, 6});
    CHECK(m(1, 2) == 6);
    CHECK(m.column(1)[0] == 2);
    CHECK(m.column(1)[1] == 5);
    const matrix_view v = m.view();
    CHECK(v.data() == m.data()); // no copy
    CHECK(v(0, 2) == 3);
    CHECK(v.column(2).size() == 2);
    CHECK(v.size() == 6);
    CHECK_FALSE(v.empty());
  }

  TEST_CASE("a view over caller memory (zero-copy, column-major)") {
    const double data[] = {1, 2, 3, 10, 20, 30}; // 3 alternatives x 2 criteria
    const matrix_view v(data, 3, 2);
    CHECK(v(2, 0) == 3);
    CHECK(v(0, 1) == 10);
    CHECK(v.column(1).data() == data + 3);
    CHECK(matrix_view().empty());
    CHECK(matrix_view(data, 3, 0).empty());
  }

  TEST_CASE("owning constructors and mutation") {
    matrix m(2, 2, 7.0);
    CHECK(m.values() == vec{7, 7, 7, 7});
    m(0, 1) = 1.5;
    CHECK(m.values() == vec{7, 7, 1.5, 7});
    m.column(0)[1] = 3.0;
    CHECK(m(1, 0) == 3.0);
    const matrix c(2, 1, vec{4, 5});
    CHECK(c(1, 0) == 5);
    CHECK(matrix().empty());
  }

  TEST_CASE("shape errors") {
    CHECK(message_of<data_error>([] {
            matrix({{1, 2}, {3}});
          }) == "matrix: row 1 has 1 values, row 0 has 2 (rows must have equal lengths)");
    CHECK(message_of<data_error>([] {
            matrix(2, 2, vec{1, 2, 3});
          }) == "matrix: 3 values given for 2 rows x 2 columns");
  }
}

TEST_SUITE("weights::entropy") {
  TEST_CASE("hand-worked: 0 ln 0 = 0 and a constant criterion gets weight 0") {
    // columns (1, 3), (0, 2), (2, 2); m = 2 so e_j is the binary entropy in bits:
    // e0 = H(1/4, 3/4) = 0.811278..., e1 = H(0, 1) = 0, e2 = H(1/2, 1/2) = 1;
    // 1 - e = (0.188722, 1, 0) -> w = (0.158760, 0.841240, 0)
    const auto w = gm::weights::entropy(matrix{{1, 0, 2}, {3, 2, 2}});
    check_close(w, {0.1587603285713901, 0.84123967142861, 0.0});
    CHECK(w[2] == 0.0);
    CHECK(std::fabs(sum(w) - 1.0) <= eps);
  }

  TEST_CASE("zeros policy: column_entropy_zero (pymcdm) gives a column with a zero e_j = 0") {
    // columns (0, 1, 1) and (1, 2, 3), m = 3:
    // textbook: 1 - e0 = 1 - ln 2 / ln 3 = 0.369070; 1 - e1 = 0.079380 -> (0.822990, 0.177010)
    // column_entropy_zero: 1 - e0 = 1 -> (0.926458, 0.073542)
    const matrix m{{0, 1}, {1, 2}, {1, 3}};
    check_close(gm::weights::entropy(m), {0.8229900956958253, 0.1770099043041747});
    check_close(gm::weights::entropy(m, gm::weights::entropy_zeros::column_entropy_zero),
                {0.9264576403085685, 0.07354235969143154});
    // without zeros both policies agree
    const matrix p{{1, 1}, {1, 2}, {2, 3}};
    check_close(gm::weights::entropy(p),
                gm::weights::entropy(p, gm::weights::entropy_zeros::column_entropy_zero), 0.0);
  }

  TEST_CASE("entropy ignores direction and is invariant to the scale of a column") {
    const auto a = gm::weights::entropy(matrix{{1, 10}, {2, 30}, {4, 20}});
    const auto b = gm::weights::entropy(matrix{{1000, 10}, {2000, 30}, {4000, 20}});
    check_close(a, b, 1e-15);
  }

  TEST_CASE("policy names") {
    using gm::weights::entropy_zeros;
    CHECK(std::string(to_string(entropy_zeros::zero_log_zero)) == "zero_log_zero");
    CHECK(gm::weights::entropy_zeros_from_string("column_entropy_zero") ==
          entropy_zeros::column_entropy_zero);
    CHECK(gm::weights::entropy_zeros_from_string("zero_log_zero") == entropy_zeros::zero_log_zero);
    CHECK(message_of<spec_error>([] { gm::weights::entropy_zeros_from_string("skip"); }) ==
          "weights::entropy: unknown zeros policy 'skip' (expected 'zero_log_zero' or "
          "'column_entropy_zero')");
  }

  TEST_CASE("errors") {
    CHECK(message_of<data_error>([] {
            gm::weights::entropy(matrix{{1, 2}, {-1, 3}});
          }) ==
          "weights::entropy: negative value -1 at alternative 1, criterion 0 (entropy weights "
          "need values >= 0)");
    CHECK(message_of<data_error>([] {
            gm::weights::entropy(matrix{{1, 0}, {2, 0}});
          }) ==
          "weights::entropy: criterion 1 is all zero (2 alternatives); the shares x / sum(x) are "
          "undefined");
    CHECK(message_of<data_error>([] {
            gm::weights::entropy(matrix{{1, 5}, {1, 5}});
          }) ==
          "weights::entropy: every criterion has entropy 1 (each is constant); entropy weights "
          "are undefined");
  }
}

TEST_SUITE("weights::critic") {
  TEST_CASE("hand-worked, direction-aware") {
    // X = (1,10,5), (2,30,4), (3,20,1), (4,40,2); criterion 2 is a cost.
    // min-max with direction: r0 = (0, 1/3, 2/3, 1), r1 = (0, 2/3, 1/3, 1), r2 = (0, 1/4, 1, 3/4)
    // sigma (n-1) = (0.430331, 0.430331, 0.456435); Pearson r01 = 0.8, r02 = 0.840168,
    // r12 = 0.420084; C = sigma * sum(1 - r) -> w = (0.185129, 0.408599, 0.406273)
    const matrix x{{1, 10, 5}, {2, 30, 4}, {3, 20, 1}, {4, 40, 2}};
    const auto w = gm::weights::critic(x, {pos, pos, neg});
    check_close(w, {0.18512860338907636, 0.4085985959316251, 0.4062728006792985});
    CHECK(std::fabs(sum(w) - 1.0) <= eps);
    // treating criterion 2 as a benefit changes its correlations, hence the weights
    check_close(gm::weights::critic(x, {pos, pos, pos}),
                {0.2867435420668437, 0.22735701004335032, 0.48589944788980594});
  }

  TEST_CASE("two mirror-image criteria: r = -1, equal weights") {
    // normalised columns r and 1 - r: equal sigma, correlation -1, C_j = 2 sigma
    check_close(gm::weights::critic(matrix{{1, 1}, {2, 0}, {4, -2}}, {pos, pos}), {0.5, 0.5});
    // the same through direction: (1,2,3) and (2,4,6) with the second a cost
    check_close(gm::weights::critic(matrix{{1, 2}, {2, 4}, {3, 6}}, {pos, neg}), {0.5, 0.5});
  }

  TEST_CASE("errors") {
    CHECK(message_of<data_error>([] {
            gm::weights::critic(matrix{{1}, {2}}, {pos});
          }) ==
          "weights::critic: needs at least 2 criteria (got 1); with one criterion the conflict "
          "sum(1 - r) is 0");
    CHECK(message_of<data_error>([] {
            gm::weights::critic(matrix{{1, 7}, {2, 7}, {3, 7}}, {pos, pos});
          }) == "weights::critic: criterion 1 is constant (3 alternatives, all 7); min-max "
                "normalisation divides by its zero range (remove the criterion)");
    CHECK(message_of<data_error>([] {
            gm::weights::critic(matrix{{1, 2}, {2, 4}, {3, 6}}, {pos, pos});
          }) == "weights::critic: all criteria are perfectly correlated (C_j = 0 for every "
                "criterion); CRITIC weights are undefined");
    // y = 0.3 x + 0.7 in binary: the normalised columns differ by an ulp and rho = 1 - 2.2e-16;
    // without the 1e-12 slack the weights would be ratios of rounding noise
    matrix lin(4, 2);
    const double xs[] = {0.1, 0.7, 1.3, 2.9};
    for (std::size_t i = 0; i < 4; ++i) {
      lin(i, 0) = xs[i];
      lin(i, 1) = 0.3 * xs[i] + 0.7;
    }
    CHECK(message_of<data_error>([&] {
            gm::weights::critic(lin, {pos, pos});
          }) == "weights::critic: all criteria are perfectly correlated (C_j = 0 for every "
                "criterion); CRITIC weights are undefined");
    CHECK(message_of<spec_error>([] {
            gm::weights::critic(matrix{{1, 2}, {2, 3}}, {pos});
          }) == "weights::critic: 1 directions given for 2 criteria");
  }
}

TEST_SUITE("weights::std_dev") {
  TEST_CASE("hand-worked: sd ratio; a constant criterion gets weight 0") {
    // sd (n-1) = (sqrt 2, 2 sqrt 2, 0) -> (1/3, 2/3, 0)
    check_close(gm::weights::std_dev(matrix{{1, 2, 5}, {3, 6, 5}}), {1.0 / 3.0, 2.0 / 3.0, 0.0});
  }

  TEST_CASE("large offsets (compensated two-pass moments)") {
    // the same spread around 1e9 and around 0
    check_close(gm::weights::std_dev(matrix{{1e9 + 0.1, 0.1}, {1e9 + 0.3, 0.5}}),
                {1.0 / 3.0, 2.0 / 3.0}, 1e-6);
  }

  TEST_CASE("errors") {
    CHECK(message_of<data_error>([] {
            gm::weights::std_dev(matrix{{1, 5}, {1, 5}});
          }) == "weights::std_dev: every criterion is constant (standard deviation 0); weights are "
                "undefined");
  }
}

TEST_SUITE("weights::cv") {
  TEST_CASE("hand-worked: scale-free") {
    // means (2, 1.5), sd (sqrt 2, sqrt 2 / 2): cv = (0.7071, 0.4714) -> (0.6, 0.4)
    check_close(gm::weights::cv(matrix{{1, 1}, {3, 2}}), {0.6, 0.4});
    // (1,3) and (2,6) have the same cv; a constant column has cv 0
    check_close(gm::weights::cv(matrix{{1, 2, 5}, {3, 6, 5}}), {0.5, 0.5, 0.0});
  }

  TEST_CASE("errors") {
    CHECK(message_of<data_error>([] {
            gm::weights::cv(matrix{{1, -3}, {3, 1}});
          }) ==
          "weights::cv: criterion 1 has mean -1 (the coefficient of variation needs a positive "
          "mean)");
    CHECK(message_of<data_error>([] {
            gm::weights::cv(matrix{{1, -1}, {3, 1}});
          }) ==
          "weights::cv: criterion 1 has mean 0 (the coefficient of variation needs a positive "
          "mean)");
    CHECK(message_of<data_error>([] {
            gm::weights::cv(matrix{{1, 5}, {1, 5}});
          }) ==
          "weights::cv: every criterion is constant (coefficient of variation 0); weights are "
          "undefined");
  }
}

TEST_SUITE("mcda::topsis") {
  TEST_CASE("hand-worked, vector normalisation, ties") {
    // X = (3,4), (4,3), (0,0); both column norms are 5: r = (.6,.8), (.8,.6), (0,0);
    // v = r / 2; ideal (.4,.4), anti-ideal (0,0).
    // A0, A1: d+ = 0.1, d- = 0.5 -> 5/6; A2: d+ = sqrt(.32), d- = 0 -> 0
    const auto t = gm::mcda::topsis(matrix{{3, 4}, {4, 3}, {0, 0}}, half, {pos, pos});
    check_close(t.d_plus, {0.1, 0.1, std::sqrt(0.32)});
    check_close(t.d_minus, {0.5, 0.5, 0.0});
    check_close(t.score, {5.0 / 6.0, 5.0 / 6.0, 0.0});
    CHECK(t.rank == vec{1, 1, 3});
  }

  TEST_CASE("hand-worked, a cost criterion") {
    // as above with criterion 1 a cost: ideal (.4, 0), anti-ideal (0, .4).
    // A0 (.3,.4): d+ = sqrt(.17), d- = .3; A1 (.4,.3): d+ = .3, d- = sqrt(.17); A2: d+ = d- = .4
    const auto t = gm::mcda::topsis(matrix{{3, 4}, {4, 3}, {0, 0}}, half, {pos, neg});
    check_close(t.d_plus, {std::sqrt(0.17), 0.3, 0.4});
    check_close(t.d_minus, {0.3, std::sqrt(0.17), 0.4});
    check_close(t.score,
                {0.3 / (0.3 + std::sqrt(0.17)), std::sqrt(0.17) / (0.3 + std::sqrt(0.17)), 0.5});
    CHECK(t.rank == vec{3, 1, 2});
  }

  TEST_CASE("min-max normalisation (Opricovic & Tzeng 2004 data: 0.500/0.617/0.500)") {
    // r = (1, .75, 0) for the cost f1, (0, .5, 1) for f2; v = r / 2; ideal (.5,.5), anti (0,0)
    const auto t = gm::mcda::topsis(opricovic(), half, opricovic_dirs,
                                    gm::mcda::topsis_normalization::min_max);
    check_close(t.d_plus, {0.5, std::sqrt(0.078125), 0.5});
    check_close(t.d_minus, {0.5, std::sqrt(0.203125), 0.5});
    check_close(t.score,
                {0.5, std::sqrt(0.203125) / (std::sqrt(0.078125) + std::sqrt(0.203125)), 0.5});
    CHECK(t.rank == vec{2, 1, 2});
  }

  TEST_CASE("the closeness does not depend on the scale of the weights; d+ and d- do") {
    const auto a = gm::mcda::topsis(opricovic(), half, opricovic_dirs);
    const auto b = gm::mcda::topsis(opricovic(), {5, 5}, opricovic_dirs);
    check_close(a.score, b.score, 1e-15);
    CHECK(b.d_plus[0] == doctest::Approx(10 * a.d_plus[0]).epsilon(1e-14));
  }

  TEST_CASE("a zero weight, a constant criterion (vector), identical alternatives") {
    const matrix base{{3, 4}, {4, 3}, {0, 0}};
    const auto ref = gm::mcda::topsis(base, half, {pos, pos});
    // a third criterion with weight 0 changes nothing
    const auto zw =
        gm::mcda::topsis(matrix{{3, 4, 9}, {4, 3, 1}, {0, 0, 5}}, {0.5, 0.5, 0.0}, {pos, pos, neg});
    check_close(zw.score, ref.score);
    // a constant non-zero criterion is allowed with vector normalisation and contributes 0
    const auto cc =
        gm::mcda::topsis(matrix{{3, 4, 2}, {4, 3, 2}, {0, 0, 2}}, {0.5, 0.5, 1.0}, {pos, pos, pos});
    check_close(cc.score, ref.score);
    // identical rows tie exactly
    const auto id = gm::mcda::topsis(matrix{{1, 2}, {3, 1}, {1, 2}}, half, {pos, neg});
    CHECK(id.score[0] == id.score[2]);
    CHECK(id.rank[0] == id.rank[2]);
  }

  TEST_CASE("normalisation names") {
    using gm::mcda::topsis_normalization;
    CHECK(std::string(to_string(topsis_normalization::vector)) == "vector");
    CHECK(std::string(to_string(topsis_normalization::min_max)) == "min_max");
    CHECK(gm::mcda::topsis_normalization_from_string("min_max") == topsis_normalization::min_max);
    CHECK(gm::mcda::topsis_normalization_from_string("vector") == topsis_normalization::vector);
    CHECK(message_of<spec_error>([] { gm::mcda::topsis_normalization_from_string("sum"); }) ==
          "mcda::topsis: unknown normalization 'sum' (expected 'vector' or 'min_max')");
  }

  TEST_CASE("errors") {
    CHECK(message_of<data_error>([] {
            gm::mcda::topsis(matrix{{1, 0}, {2, 0}}, half, {pos, pos});
          }) == "mcda::topsis: criterion 1 is all zero (2 alternatives); vector normalisation "
                "divides by its zero norm (remove the criterion)");
    CHECK(message_of<data_error>([] {
            gm::mcda::topsis(matrix{{1, 5}, {2, 5}}, half, {pos, pos},
                             gm::mcda::topsis_normalization::min_max);
          }) == "mcda::topsis: criterion 1 is constant (2 alternatives, all 5); min-max "
                "normalisation divides by its zero range (remove the criterion)");
    CHECK(message_of<data_error>([] {
            gm::mcda::topsis(matrix{{1, 5}, {2, 5}}, {0.0, 1.0}, {pos, pos});
          }) == "mcda::topsis: every criterion with a positive weight is constant; the closeness "
                "d- / (d+ + d-) is 0 / 0 for every alternative");
  }
}

TEST_SUITE("mcda::vikor") {
  TEST_CASE("hand-worked: Opricovic & Tzeng (2004)") {
    // f1 (cost): f* = 1, f- = 5; f2: f* = 4500, f- = 3000.
    // A0: (0, .5) S .5 R .5; A1: (.125, .25) S .375 R .25; A2: (.5, 0) S .5 R .5
    // Q = (1, 0, 1); DQ = 1/2; A1 wins with both conditions
    const auto v = gm::mcda::vikor(opricovic(), half, opricovic_dirs);
    check_close(v.s, {0.5, 0.375, 0.5});
    check_close(v.r, {0.5, 0.25, 0.5});
    check_close(v.q, {1.0, 0.0, 1.0});
    CHECK(v.rank == vec{2, 1, 2});
    CHECK(v.dq == 0.5);
    CHECK(v.acceptable_advantage);
    CHECK(v.acceptable_stability);
    CHECK(v.compromise_set == std::vector<std::size_t>{1});
  }

  TEST_CASE("v weighs S against R") {
    const matrix x{{1, 8, 2}, {2, 7, 5}, {9, 1, 5}, {6, 2, 3}};
    const vec w(3, 1.0 / 3.0);
    const auto v0 = gm::mcda::vikor(x, w, {pos, pos, pos}, 0.0); // Q from R only
    const auto v1 = gm::mcda::vikor(x, w, {pos, pos, pos}, 1.0); // Q from S only
    // S = (2/3, 19/56, 1/3, 319/504), R = (1/3, 7/24, 1/3, 2/7)
    check_close(v1.s, {2.0 / 3.0, 19.0 / 56.0, 1.0 / 3.0, 319.0 / 504.0});
    check_close(v0.r, {1.0 / 3.0, 7.0 / 24.0, 1.0 / 3.0, 2.0 / 7.0});
    check_close(v0.q, {1.0, (7.0 / 24 - 2.0 / 7) / (1.0 / 3 - 2.0 / 7), 1.0, 0.0});
    CHECK(v0.rank == vec{3, 2, 3, 1});
    CHECK(v1.rank[2] == 1);
  }

  TEST_CASE("only C2 (stability) fails: the compromise set is {a', a''}") {
    // S* is A2 (1/3), R* is A3 (2/7); Q = (1, 1/14, 1/2, 151/336): a' = A1 is best by neither
    const auto v = gm::mcda::vikor(matrix{{1, 8, 2}, {2, 7, 5}, {9, 1, 5}, {6, 2, 3}},
                                   vec(3, 1.0 / 3.0), {pos, pos, pos});
    check_close(v.q, {1.0, 1.0 / 14.0, 0.5, 151.0 / 336.0});
    CHECK(v.rank == vec{4, 1, 3, 2});
    CHECK(v.acceptable_advantage); // 151/336 - 1/14 = 0.378 >= 1/3
    CHECK_FALSE(v.acceptable_stability);
    CHECK(v.compromise_set == std::vector<std::size_t>{1, 3});
  }

  TEST_CASE("C1 (advantage) fails: every alternative within DQ of a' joins") {
    // Q = (151/392, 1/2, 103/784, 1); order A2, A0, A1, A3; DQ = 1/3:
    // A0 - A2 = 0.254 < 1/3 (joins), A1 - A2 = 0.369 (does not); C2 fails too
    const auto v = gm::mcda::vikor(matrix{{3, 6, 2}, {1, 9, 8}, {7, 2, 6}, {6, 1, 1}},
                                   vec(3, 1.0 / 3.0), {pos, pos, pos});
    check_close(v.q, {151.0 / 392.0, 0.5, 103.0 / 784.0, 1.0});
    CHECK_FALSE(v.acceptable_advantage);
    CHECK_FALSE(v.acceptable_stability);
    CHECK(v.compromise_set == std::vector<std::size_t>{2, 0});
    // one criterion, Q = (1, 2/9, 1/9, 0): A3 leads by 1/9 < 1/3; A2 and A1 join, C2 holds
    const auto one = gm::mcda::vikor(matrix{{1}, {8}, {9}, {10}}, {1.0}, {pos});
    CHECK_FALSE(one.acceptable_advantage);
    CHECK(one.acceptable_stability);
    CHECK(one.compromise_set == std::vector<std::size_t>{3, 2, 1});
  }

  TEST_CASE("an advantage equal to DQ in exact arithmetic is acceptable despite rounding") {
    // v = 0: Q = (0, 1, 1/3, 1) in exact arithmetic; in binary Q(A2) = 0.33333333333333326,
    // one ulp below DQ = 1/3. The slack vikor_dq_slack makes C1 hold.
    const auto v =
        gm::mcda::vikor(matrix{{0, 5}, {2, 0}, {3, 2}, {3, 0}}, {0.2, 0.5}, {pos, pos}, 0.0);
    CHECK(v.q[2] < 1.0 / 3.0);
    CHECK(v.acceptable_advantage);
    CHECK(v.compromise_set == std::vector<std::size_t>{0});
  }

  TEST_CASE("a constant criterion contributes 0; all constant: Q = 0 and all tie") {
    const auto ref = gm::mcda::vikor(opricovic(), half, opricovic_dirs);
    const auto c = gm::mcda::vikor(matrix{{1, 3000, 7}, {2, 3750, 7}, {5, 4500, 7}},
                                   {0.5, 0.5, 0.5}, {neg, pos, pos});
    check_close(c.s, ref.s);
    check_close(c.r, ref.r);
    check_close(c.q, ref.q);
    const auto all = gm::mcda::vikor(matrix{{1, 7}, {1, 7}, {1, 7}}, half, {pos, neg});
    check_close(all.s, {0, 0, 0});
    check_close(all.q, {0, 0, 0});
    CHECK(all.rank == vec{1, 1, 1});
    CHECK_FALSE(all.acceptable_advantage);
    CHECK(all.compromise_set == std::vector<std::size_t>{0, 1, 2});
  }

  TEST_CASE("errors") {
    for (double bad : {-0.1, 1.5, nan_v}) {
      CAPTURE(bad);
      const std::string msg =
          message_of<spec_error>([&] { gm::mcda::vikor(opricovic(), half, opricovic_dirs, bad); });
      CHECK(msg.rfind("mcda::vikor: 'v' must be in [0, 1] (got ", 0) == 0);
    }
    CHECK(message_of<spec_error>([] { gm::mcda::vikor(opricovic(), half, opricovic_dirs, 2.0); }) ==
          "mcda::vikor: 'v' must be in [0, 1] (got 2)");
  }
}

TEST_SUITE("mcda::saw") {
  TEST_CASE("hand-worked (Opricovic & Tzeng 2004 data)") {
    // r = (1, .75, 0) and (0, .5, 1): scores (.5, .625, .5)
    const auto s = gm::mcda::saw(opricovic(), half, opricovic_dirs);
    check_close(s.score, {0.5, 0.625, 0.5});
    CHECK(s.rank == vec{2, 1, 2});
    // weights are used as given: doubling them doubles the score
    check_close(gm::mcda::saw(opricovic(), {1, 1}, opricovic_dirs).score, {1.0, 1.25, 1.0});
    // a zero weight removes the criterion's influence
    check_close(gm::mcda::saw(opricovic(), {0, 1}, opricovic_dirs).score, {0.0, 0.5, 1.0});
  }

  TEST_CASE("errors") {
    CHECK(message_of<data_error>([] {
            gm::mcda::saw(matrix{{1, 5}, {2, 5}}, {1, 0}, {pos, pos});
          }) == "mcda::saw: criterion 1 is constant (2 alternatives, all 5); min-max normalisation "
                "divides by its zero range (remove the criterion)");
  }
}

TEST_SUITE("mcda::wpm") {
  TEST_CASE("hand-worked") {
    // (2, 8) and (4, 2), w = .5: sqrt(16) = 4 and sqrt(8); with criterion 1 a cost:
    // sqrt(2/8) = .5 and sqrt(4/2)
    const matrix x{{2, 8}, {4, 2}};
    const auto a = gm::mcda::wpm(x, half, {pos, pos});
    check_close(a.score, {4.0, std::sqrt(8.0)});
    check_close(a.log10_score, {std::log10(4.0), std::log10(std::sqrt(8.0))});
    CHECK(a.rank == vec{1, 2});
    const auto b = gm::mcda::wpm(x, half, {pos, neg});
    check_close(b.score, {0.5, std::sqrt(2.0)});
    CHECK(b.rank == vec{2, 1});
  }

  TEST_CASE("a single alternative; very large values (log10_score does not overflow)") {
    const auto one = gm::mcda::wpm(matrix{{2, 3}}, {1, 1}, {pos, pos});
    check_close(one.score, {6.0});
    CHECK(one.rank == vec{1});
    const auto big = gm::mcda::wpm(matrix{{1e300, 1e300}, {1e299, 1e300}}, {1, 1}, {pos, pos});
    CHECK(std::isinf(big.score[0]));
    check_close(big.log10_score, {600.0, 599.0}, 1e-12);
    CHECK(big.rank == vec{1, 2});
  }

  TEST_CASE("zeros policy zero_score: 0^w = 0, log10 -inf, ranked last with ties") {
    const matrix x{{0, 4}, {1, 4}, {2, 0}, {3, 1}};
    const auto z = gm::mcda::wpm(x, {0.5, 0.5}, {pos, pos}, gm::mcda::wpm_zeros::zero_score);
    check_close(z.score, {0.0, 2.0, 0.0, std::sqrt(3.0)});
    CHECK(z.log10_score[0] == -inf_v);
    CHECK(z.log10_score[2] == -inf_v);
    CHECK(z.rank == vec{3, 1, 3, 2});
    // a zero in a criterion of weight 0 is a factor 1 under zero_score
    const auto w0 = gm::mcda::wpm(x, {1.0, 0.0}, {pos, neg}, gm::mcda::wpm_zeros::zero_score);
    check_close(w0.score, {0.0, 1.0, 2.0, 3.0});
    using gm::mcda::wpm_zeros;
    CHECK(std::string(to_string(wpm_zeros::error)) == "error");
    CHECK(std::string(to_string(wpm_zeros::zero_score)) == "zero_score");
    CHECK(gm::mcda::wpm_zeros_from_string("zero_score") == wpm_zeros::zero_score);
    CHECK(gm::mcda::wpm_zeros_from_string("error") == wpm_zeros::error);
    CHECK(message_of<spec_error>([] { gm::mcda::wpm_zeros_from_string("skip"); }) ==
          "mcda::wpm: unknown zeros policy 'skip' (expected 'error' or 'zero_score')");
  }

  TEST_CASE("errors") {
    CHECK(message_of<data_error>([] {
            gm::mcda::wpm(matrix{{1, 2}, {0, 3}}, half, {pos, pos});
          }) == "mcda::wpm: value 0 at alternative 1, criterion 0 (the weighted product needs "
                "values > 0; wpm_zeros::zero_score accepts zeros)");
    // the default rejects a zero also in a criterion of weight 0
    CHECK(message_of<data_error>([] {
            gm::mcda::wpm(matrix{{1, 2}, {0, 3}}, {0, 1}, {pos, pos});
          }) == "mcda::wpm: value 0 at alternative 1, criterion 0 (the weighted product needs "
                "values > 0; wpm_zeros::zero_score accepts zeros)");
    CHECK(message_of<data_error>([] {
            gm::mcda::wpm(matrix{{1, 2}, {1.5, -3}}, half, {pos, pos});
          }) == "mcda::wpm: value -3 at alternative 1, criterion 1 (the weighted product needs "
                "values > 0; wpm_zeros::zero_score accepts zeros)");
    CHECK(message_of<data_error>([] {
            gm::mcda::wpm(matrix{{1, 2}, {1.5, -3}}, half, {pos, pos},
                          gm::mcda::wpm_zeros::zero_score);
          }) == "mcda::wpm: value -3 at alternative 1, criterion 1 (the weighted product needs "
                "values >= 0)");
    CHECK(message_of<data_error>([] {
            gm::mcda::wpm(matrix{{1, 2}, {1.5, 0}}, half, {pos, neg},
                          gm::mcda::wpm_zeros::zero_score);
          }) == "mcda::wpm: value 0 at alternative 1, criterion 1 of a negative criterion "
                "(x^(-w) would divide by zero)");
  }
}

TEST_SUITE("mcda::grey_relational") {
  TEST_CASE("hand-worked (Opricovic & Tzeng 2004 data)") {
    // r = (1, .75, 0), (0, .5, 1); delta = 1 - r; dmin 0, dmax 1; xi = .5 / (delta + .5):
    // A0 (1, 1/3) -> 2/3; A1 (2/3, 1/2) -> 7/12; A2 (1/3, 1) -> 2/3
    const auto g = gm::mcda::grey_relational(opricovic(), half, opricovic_dirs);
    check_close(g.grade, {2.0 / 3.0, 7.0 / 12.0, 2.0 / 3.0});
    CHECK(g.rank == vec{1, 3, 1});
    // rho = 1: xi = 1 / (delta + 1): (1 + .5)/2, (.8 + 2/3)/2, (.5 + 1)/2
    check_close(gm::mcda::grey_relational(opricovic(), half, opricovic_dirs, 1.0).grade,
                {0.75, (0.8 + 2.0 / 3.0) / 2.0, 0.75});
  }

  TEST_CASE("grade = sum(w xi) / sum(w): the weights need not sum to 1") {
    check_close(gm::mcda::grey_relational(opricovic(), {1, 1}, opricovic_dirs).grade,
                {2.0 / 3.0, 7.0 / 12.0, 2.0 / 3.0});
    // w = (1, 3): (1 + 3/3)/4, (2/3 + 3/2)/4, (1/3 + 3)/4
    check_close(gm::mcda::grey_relational(opricovic(), {1, 3}, opricovic_dirs).grade,
                {0.5, (2.0 / 3.0 + 1.5) / 4.0, (1.0 / 3.0 + 3.0) / 4.0});
  }

  TEST_CASE("errors") {
    for (double bad : {0.0, -1.0, 1.5, nan_v}) {
      CAPTURE(bad);
      const std::string msg = message_of<spec_error>(
          [&] { gm::mcda::grey_relational(opricovic(), half, opricovic_dirs, bad); });
      CHECK(msg.rfind("mcda::grey_relational: 'rho' must be in (0, 1] (got ", 0) == 0);
    }
    CHECK(message_of<spec_error>([] {
            gm::mcda::grey_relational(opricovic(), half, opricovic_dirs, 0.0);
          }) == "mcda::grey_relational: 'rho' must be in (0, 1] (got 0)");
    CHECK(message_of<data_error>([] {
            gm::mcda::grey_relational(matrix{{3, 1}, {3, 2}}, half, {pos, pos});
          }) == "mcda::grey_relational: criterion 0 is constant (2 alternatives, all 3); min-max "
                "normalisation divides by its zero range (remove the criterion)");
  }
}

namespace {

/// Every function of the API, called with a matrix, weights and directions (ignored where the
/// function takes none), under its message prefix.
struct api_function {
  std::string name;
  std::size_t min_rows;
  bool takes_weights;
  bool takes_directions;
  std::function<void(matrix_view, const vec&, const dirs&)> call;
};

std::vector<api_function> all_functions() {
  return {
      {"weights::entropy", 2, false, false,
       [](matrix_view m, const vec&, const dirs&) { gm::weights::entropy(m); }},
      {"weights::critic", 2, false, true,
       [](matrix_view m, const vec&, const dirs& d) { gm::weights::critic(m, d); }},
      {"weights::std_dev", 2, false, false,
       [](matrix_view m, const vec&, const dirs&) { gm::weights::std_dev(m); }},
      {"weights::cv", 2, false, false,
       [](matrix_view m, const vec&, const dirs&) { gm::weights::cv(m); }},
      {"mcda::topsis", 2, true, true,
       [](matrix_view m, const vec& w, const dirs& d) { gm::mcda::topsis(m, w, d); }},
      {"mcda::vikor", 2, true, true,
       [](matrix_view m, const vec& w, const dirs& d) { gm::mcda::vikor(m, w, d); }},
      {"mcda::saw", 2, true, true,
       [](matrix_view m, const vec& w, const dirs& d) { gm::mcda::saw(m, w, d); }},
      {"mcda::wpm", 1, true, true,
       [](matrix_view m, const vec& w, const dirs& d) { gm::mcda::wpm(m, w, d); }},
      {"mcda::grey_relational", 2, true, true,
       [](matrix_view m, const vec& w, const dirs& d) { gm::mcda::grey_relational(m, w, d); }},
  };
}

} // namespace

TEST_SUITE("mcda errors common to every function") {
  TEST_CASE("a valid input passes every function") {
    const matrix x{{1, 2, 3}, {2, 1, 5}, {4, 3, 4}};
    for (const auto& f : all_functions()) {
      CAPTURE(f.name);
      CHECK_NOTHROW(f.call(x, {0.2, 0.3, 0.5}, {pos, neg, pos}));
    }
  }

  TEST_CASE("NaN anywhere is a data_error naming alternative and criterion, never a zero") {
    for (const auto& f : all_functions()) {
      CAPTURE(f.name);
      matrix x{{1, 2, 3}, {2, 1, 5}, {4, 3, 4}};
      x(1, 2) = nan_v;
      CHECK(message_of<data_error>([&] {
              f.call(x, {0.2, 0.3, 0.5}, {pos, neg, pos});
            }) == f.name + ": missing value (NaN) at alternative 1, criterion 2 (impute or remove "
                           "missing values first)");
    }
  }

  TEST_CASE("infinite values are a data_error") {
    for (const auto& f : all_functions()) {
      CAPTURE(f.name);
      matrix x{{1, 2, 3}, {2, 1, 5}, {4, 3, 4}};
      x(2, 0) = -inf_v;
      CHECK(message_of<data_error>([&] {
              f.call(x, {0.2, 0.3, 0.5}, {pos, neg, pos});
            }) == f.name + ": value -inf at alternative 2, criterion 0 (values must be finite)");
    }
  }

  TEST_CASE("an empty matrix, too few alternatives") {
    for (const auto& f : all_functions()) {
      CAPTURE(f.name);
      CHECK(message_of<data_error>([&] {
              f.call(matrix(0, 2), {0.5, 0.5}, {pos, pos});
            }) == f.name + ": the matrix is empty (0 alternatives x 2 criteria)");
      CHECK(message_of<data_error>([&] { f.call(matrix(3, 0), {}, {}); }) ==
            f.name + ": the matrix is empty (3 alternatives x 0 criteria)");
      if (f.min_rows == 2) {
        CHECK(message_of<data_error>([&] {
                f.call(matrix{{1, 2}}, {0.5, 0.5}, {pos, pos});
              }) == f.name + ": needs at least 2 alternatives (got 1)");
      } else {
        CHECK_NOTHROW(f.call(matrix{{1, 2}}, {0.5, 0.5}, {pos, pos}));
      }
    }
  }

  TEST_CASE("weights: wrong count, negative, non-finite, all zero") {
    const matrix x{{1, 2}, {2, 1}, {4, 3}};
    for (const auto& f : all_functions()) {
      if (!f.takes_weights)
        continue;
      CAPTURE(f.name);
      CHECK(message_of<spec_error>([&] {
              f.call(x, {1.0}, {pos, pos});
            }) == f.name + ": 1 weights given for 2 criteria");
      CHECK(message_of<spec_error>([&] {
              f.call(x, {0.5, -0.5}, {pos, pos});
            }) ==
            f.name + ": weight -0.5 of criterion 1 (weights must be finite and non-negative)");
      CHECK(message_of<spec_error>([&] {
              f.call(x, {nan_v, 0.5}, {pos, pos});
            }) == f.name + ": weight nan of criterion 0 (weights must be finite and non-negative)");
      CHECK(message_of<spec_error>([&] {
              f.call(x, {inf_v, 0.5}, {pos, pos});
            }) == f.name + ": weight inf of criterion 0 (weights must be finite and non-negative)");
      CHECK(message_of<spec_error>([&] {
              f.call(x, {0.0, 0.0}, {pos, pos});
            }) == f.name + ": all 2 weights are zero (at least one must be positive)");
      CHECK_NOTHROW(f.call(x, {0.0, 1.0}, {pos, pos}));
    }
  }

  TEST_CASE("directions: wrong count, invalid value") {
    const matrix x{{1, 2}, {2, 1}, {4, 3}};
    for (const auto& f : all_functions()) {
      if (!f.takes_directions)
        continue;
      CAPTURE(f.name);
      CHECK(message_of<spec_error>([&] {
              f.call(x, {0.5, 0.5}, {pos, neg, pos});
            }) == f.name + ": 3 directions given for 2 criteria");
      CHECK(message_of<spec_error>([&] {
              f.call(x, {0.5, 0.5}, {pos, static_cast<gm::direction>(0)});
            }) == f.name + ": direction of criterion 1 is neither positive nor negative (value 0)");
    }
  }

  TEST_CASE("tied alternatives get equal scores and the same (min) rank everywhere") {
    const matrix x{{1, 2, 3}, {2, 1, 5}, {1, 2, 3}, {4, 3, 4}};
    const vec w = {0.2, 0.3, 0.5};
    const dirs d = {pos, neg, pos};
    const auto t = gm::mcda::topsis(x, w, d);
    const auto v = gm::mcda::vikor(x, w, d);
    const auto s = gm::mcda::saw(x, w, d);
    const auto p = gm::mcda::wpm(x, w, d);
    const auto g = gm::mcda::grey_relational(x, w, d);
    for (const vec* r : {&t.rank, &v.rank, &s.rank, &p.rank, &g.rank})
      CHECK((*r)[0] == (*r)[2]);
    CHECK(t.score[0] == t.score[2]);
    CHECK(v.q[0] == v.q[2]);
    CHECK(s.score[0] == s.score[2]);
    CHECK(p.score[0] == p.score[2]);
    CHECK(g.grade[0] == g.grade[2]);
  }
}

} // namespace unit_mcda_functional_test
