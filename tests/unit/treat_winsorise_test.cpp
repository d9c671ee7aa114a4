// treat::winsorise (COINr's qTreat) and the e1071 type-2 skewness and kurtosis it tests with,
// worked by hand; the treatment inside both pipelines, which agree to the last bit.
#include <govmetrics/govmetrics.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_treat_winsorise_test {

namespace gm = govmetrics;
using gm::treat::column_ref;
using gm::treat::winsorise;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

std::vector<double> iota(int from, int to) {
  std::vector<double> v;
  for (int i = from; i <= to; ++i)
    v.push_back(static_cast<double>(i));
  return v;
}

gm::treat::details treat(const winsorise& w, std::vector<double>& x, const char* code = "x") {
  return w.apply(column_ref{x.data(), x.size(), code, nullptr});
}
} // namespace

TEST_SUITE("detail::moments") {
  TEST_CASE("skewness and kurtosis are e1071 type 2, worked by formula") {
    // x = 1 2 3 4 10: mean 4, d = -3 -2 -1 0 6; sum d^2 = 50, sum d^3 = 180, sum d^4 = 1394, n = 5.
    // g1 = sqrt(5) 180 / 50^1.5; G1 = g1 sqrt(20) / 3 = 12 / sqrt(50).
    // r = 5 * 1394 / 50^2 = 2.788; G2 = (6 (2.788 - 3) + 6) 4 / (3 * 2) = 3.152.
    const std::vector<double> x{1, 2, nan_v, 3, 4, 10};
    const auto s = gm::detail::compute_shape(x.data(), x.size());
    CHECK(s.n == 5);
    CHECK(s.skew == doctest::Approx(12.0 / std::sqrt(50.0)).epsilon(1e-14));
    CHECK(s.kurtosis == doctest::Approx(3.152).epsilon(1e-14));
    CHECK(gm::detail::skewness(x.data(), x.size()) == s.skew);
    CHECK(gm::detail::kurtosis(x.data(), x.size()) == s.kurtosis);
  }
  TEST_CASE("a symmetric column has zero skewness; too few or equal values give NaN") {
    const std::vector<double> sym{1, 2, 3, 4, 5};
    CHECK(gm::detail::skewness(sym.data(), sym.size()) == doctest::Approx(0.0));
    // kurtosis of 1..5: r = 5 * 34 / 100 = 1.7; ((6)(-1.3) + 6) 4 / 6 = -1.2
    CHECK(gm::detail::kurtosis(sym.data(), sym.size()) == doctest::Approx(-1.2).epsilon(1e-14));
    const std::vector<double> three{1, 2, 10};
    CHECK(std::isfinite(gm::detail::skewness(three.data(), three.size())));
    CHECK(std::isnan(gm::detail::kurtosis(three.data(), three.size())));
    const std::vector<double> two{1, 2};
    CHECK(std::isnan(gm::detail::skewness(two.data(), two.size())));
    const std::vector<double> flat{3, 3, 3, 3, 3};
    CHECK(std::isnan(gm::detail::skewness(flat.data(), flat.size())));
    CHECK(std::isnan(gm::detail::kurtosis(flat.data(), flat.size())));
  }
  TEST_CASE("a large offset does not disturb the estimators") {
    std::vector<double> x{1, 2, 3, 4, 10};
    const auto a = gm::detail::compute_shape(x.data(), x.size());
    for (double& v : x)
      v += 1e8;
    const auto b = gm::detail::compute_shape(x.data(), x.size());
    CHECK(b.skew == doctest::Approx(a.skew).epsilon(1e-9));
    CHECK(b.kurtosis == doctest::Approx(a.kurtosis).epsilon(1e-9));
  }
}

TEST_SUITE("treat::winsorise") {
  TEST_CASE("defaults, name and validation") {
    const winsorise w;
    CHECK(w.skew == 2.0);
    CHECK(w.kurtosis == 3.5);
    CHECK(w.max_points == 5.0);
    CHECK(w.log_fallback);
    CHECK(std::string(winsorise::name()) == "winsorise");
    CHECK(gm::treat::is_treatment_v<winsorise>);
    CHECK_NOTHROW(w.validate());
    CHECK_THROWS_WITH_AS(winsorise{0.0}.validate(),
                         "treat::winsorise: 'skew' must be a positive number (skew 0)",
                         gm::spec_error);
    CHECK_THROWS_WITH_AS((winsorise{2.0, nan_v}.validate()),
                         "treat::winsorise: 'kurtosis' must be a finite number (kurtosis nan)",
                         gm::spec_error);
    CHECK_THROWS_WITH_AS((winsorise{2.0, 3.5, 2.5}.validate()),
                         "treat::winsorise: 'max_points' must be a whole number >= 1 (max_points "
                         "2.5)",
                         gm::spec_error);
    CHECK_THROWS_AS((winsorise{2.0, 3.5, 0.0}.validate()), gm::spec_error);
  }

  TEST_CASE("a passing column is left unchanged") {
    std::vector<double> x{1, 2, 3, 4, 10}; // skew 1.697 < 2
    const auto d = treat(winsorise{}, x);
    CHECK(d.tested);
    CHECK(d.pass_before);
    CHECK(d.pass_after);
    CHECK_FALSE(d.winsorised);
    CHECK_FALSE(d.changed());
    CHECK(d.points() == 0);
    CHECK(x == std::vector<double>{1, 2, 3, 4, 10});
  }

  TEST_CASE("one high point: 1..10, 30 -> 30 becomes 10") {
    // skew 2.5499, kurtosis 7.4481: fails; after 30 -> 10: skew -0.1276, kurtosis -1.3367.
    std::vector<double> x = iota(1, 10);
    x.push_back(nan_v);
    x.push_back(30);
    const auto d = treat(winsorise{}, x);
    CHECK(d.n == 11);
    CHECK(d.skew_before == doctest::Approx(2.5498827535849062).epsilon(1e-12));
    CHECK(d.kurtosis_before == doctest::Approx(7.448109558286088).epsilon(1e-12));
    CHECK_FALSE(d.pass_before);
    CHECK(d.winsorised);
    CHECK(d.points_high == 1);
    CHECK(d.points_low == 0);
    CHECK(d.high_units == std::vector<std::size_t>{11});
    CHECK(d.skew_winsorised == doctest::Approx(-0.127621659676086).epsilon(1e-12));
    CHECK(d.kurtosis_winsorised == doctest::Approx(-1.3366772177582986).epsilon(1e-12));
    CHECK(d.pass_winsorised);
    CHECK(d.pass_after);
    CHECK_FALSE(d.log_ct);
    CHECK(x[11] == 10.0);
    CHECK(std::isnan(x[10])); // missing stays missing
  }

  TEST_CASE("negative skew winsorises the low end: -100 becomes 1") {
    std::vector<double> x = iota(1, 10);
    x.insert(x.begin(), -100.0);
    const auto d = treat(winsorise{}, x);
    CHECK(d.skew_before == doctest::Approx(-3.2675665191422487).epsilon(1e-12));
    CHECK(d.points_low == 1);
    CHECK(d.points_high == 0);
    CHECK(d.low_units == std::vector<std::size_t>{0});
    CHECK(x[0] == 1.0);
    CHECK(d.pass_after);
  }

  TEST_CASE("tied extremes move together and count as points, even past max_points") {
    // 1..20, 100, 100: both 100s become 20 in one step: 2 points although max_points is 1.
    std::vector<double> x = iota(1, 20);
    x.push_back(100);
    x.push_back(100);
    const auto d = treat(winsorise{2.0, 3.5, 1.0}, x);
    CHECK(d.points_high == 2);
    CHECK(d.high_units == std::vector<std::size_t>{20, 21});
    CHECK(x[20] == 20.0);
    CHECK(x[21] == 20.0);
    CHECK(d.pass_winsorised);
    CHECK(d.skew_winsorised == doctest::Approx(-0.09449573196380336).epsilon(1e-12));
  }

  TEST_CASE("points are counted as COINr counts them: the last step's tied set") {
    // 1..20, 100, 101: step 1 moves 101 to 100 (still failing), step 2 moves both 100s to 20.
    std::vector<double> x = iota(1, 20);
    x.push_back(100);
    x.push_back(101);
    const auto d = treat(winsorise{}, x);
    CHECK(d.points() == 2);
    CHECK(d.high_units == std::vector<std::size_t>{20, 21});
    CHECK(x[20] == 20.0);
    CHECK(x[21] == 20.0);
  }

  TEST_CASE("the OR rule at the boundary: strict inequalities on both statistics") {
    std::vector<double> base = iota(1, 10);
    base.push_back(30);
    const auto s = gm::detail::compute_shape(base.data(), base.size());
    const double inf = std::numeric_limits<double>::infinity();
    {
      // |skew| == threshold and kurtosis == threshold: both tests fail -> winsorised
      std::vector<double> x = base;
      const auto d = treat(winsorise{s.skew, s.kurtosis}, x);
      CHECK_FALSE(d.pass_before);
      CHECK(d.winsorised);
    }
    {
      // kurtosis just below its threshold passes although |skew| >= its threshold
      std::vector<double> x = base;
      const auto d = treat(winsorise{s.skew, std::nextafter(s.kurtosis, inf)}, x);
      CHECK(d.pass_before);
      CHECK(x == base);
    }
    {
      // |skew| just below its threshold passes although kurtosis >= its threshold
      std::vector<double> x = base;
      const auto d = treat(winsorise{std::nextafter(s.skew, inf), s.kurtosis}, x);
      CHECK(d.pass_before);
      CHECK(x == base);
    }
  }

  TEST_CASE("still failing after max_points: undone, log_ct on the ORIGINAL column") {
    // 1..20, 100, 101 with max_points 1: 101 -> 100 still fails (skew 2.817, kurtosis 7.134);
    // log_ct: log(x - 1 + 0.01 * 100) = log(x).
    std::vector<double> x = iota(1, 20);
    x.push_back(100);
    x.push_back(101);
    const std::vector<double> original = x;
    const auto d = treat(winsorise{2.0, 3.5, 1.0}, x);
    CHECK(d.winsorised);
    CHECK(d.points_high == 1);
    CHECK_FALSE(d.pass_winsorised);
    CHECK(d.skew_winsorised == doctest::Approx(2.816999617055155).epsilon(1e-12));
    CHECK(d.log_ct);
    for (std::size_t i = 0; i < x.size(); ++i)
      CHECK(x[i] == doctest::Approx(std::log(original[i])).epsilon(1e-15));
    CHECK(x[0] == 0.0);
    CHECK(d.skew_after == doctest::Approx(0.14786857009606483).epsilon(1e-12));
    CHECK(d.kurtosis_after == doctest::Approx(1.1652601096905584).epsilon(1e-12));
    CHECK(d.pass_after);
    CHECK(d.changed());
  }

  TEST_CASE("without log_fallback the winsorised column is kept") {
    std::vector<double> x = iota(1, 20);
    x.push_back(100);
    x.push_back(101);
    const auto d = treat(winsorise{2.0, 3.5, 1.0, false}, x);
    CHECK_FALSE(d.log_ct);
    CHECK_FALSE(d.pass_after);
    CHECK(x[21] == 100.0);
  }

  TEST_CASE("log_ct is kept even when it still fails") {
    // Two far outliers on each side of a tight cluster defeat both stages.
    std::vector<double> x(40, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i)
      x[i] = static_cast<double>(i % 2);
    x.push_back(1000);
    x.push_back(1000);
    x.push_back(1000);
    x.push_back(1000);
    x.push_back(1000);
    x.push_back(1000);
    const auto d = treat(winsorise{0.1, -10.0, 1.0}, x);
    CHECK(d.log_ct);
    CHECK_FALSE(d.pass_after);
  }

  TEST_CASE("errors and untestable columns") {
    std::vector<double> x{1, 2, nan_v, 3};
    CHECK_THROWS_WITH_AS(treat(winsorise{}, x, "few"),
                         "treat::winsorise: indicator 'few' has 3 non-missing values of 4 "
                         "(skewness and kurtosis need at least 4)",
                         gm::data_error);
    std::vector<double> flat{2, 2, 2, 2, 2};
    const auto d = treat(winsorise{}, flat);
    CHECK_FALSE(d.tested);
    CHECK_FALSE(d.winsorised);
    CHECK(flat == std::vector<double>{2, 2, 2, 2, 2});
  }
}

TEST_SUITE("pipeline with treatment") {
  gm::framework small_tree() {
    return gm::framework({gm::make_aggregate("I"), gm::make_indicator("a", "I"),
                          gm::make_indicator("b", "I", 1.0, gm::direction::negative),
                          gm::make_indicator("c", "I")});
  }
  gm::dataset small_data() {
    std::vector<std::string> units;
    std::vector<double> v;
    for (int u = 1; u <= 12; ++u)
      units.push_back("u" + std::to_string(u));
    for (int u = 1; u <= 12; ++u) // a: one high outlier
      v.push_back(u == 12 ? 30.0 : static_cast<double>(u));
    for (int u = 1; u <= 12; ++u) // b: negative indicator, one low outlier in the raw data
      v.push_back(u == 1 ? -100.0 : static_cast<double>(u));
    for (int u = 1; u <= 12; ++u) // c: passes
      v.push_back(u == 5 ? nan_v : static_cast<double>(u % 5));
    return gm::dataset(units, {"a", "b", "c"}, v);
  }

  bool same_bits(gm::column_view x, gm::column_view y) {
    if (x.size() != y.size())
      return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (std::isnan(x[i]) && std::isnan(y[i]))
        continue;
      if (std::memcmp(&x[i], &y[i], sizeof(double)) != 0)
        return false;
    }
    return true;
  }

  TEST_CASE("compile-time and run-time pipelines with winsorise agree to the last bit") {
    const auto fw = small_tree();
    const auto data = small_data();
    const auto p = gm::make_pipeline(gm::missing::skip{}, winsorise{}, gm::normalize::min_max{},
                                     gm::aggregate::arithmetic{});
    const gm::result ct = p.run(fw, data);
    gm::pipeline_spec spec;
    spec.treat = winsorise{};
    const gm::result rt = gm::run(fw, data, spec);
    for (std::size_t i = 0; i < fw.size(); ++i) {
      CAPTURE(fw[i].code);
      CHECK(same_bits(ct.score(i), rt.score(i)));
      CHECK(same_bits(ct.rank(i), rt.rank(i)));
    }
    for (const char* code : {"a", "b", "c"})
      CHECK(same_bits(ct.treated(code), rt.treated(code)));
    REQUIRE(ct.treatment().size() == 3);
    REQUIRE(rt.treatment().size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
      CHECK(ct.treatment()[k].indicator == rt.treatment()[k].indicator);
      CHECK(ct.treatment()[k].points() == rt.treatment()[k].points());
    }
    const auto dc = ct.diagnostics();
    const auto dr = rt.diagnostics();
    REQUIRE(dc.size() == dr.size());
    for (std::size_t k = 0; k < dc.size(); ++k)
      CHECK(dc[k].message == dr[k].message);
  }

  TEST_CASE("treatment runs on the raw column, before the direction sign") {
    const auto fw = small_tree();
    gm::pipeline_spec spec;
    spec.treat = winsorise{};
    const gm::result r = gm::run(fw, small_data(), spec);
    // b: the raw low outlier -100 (negative skew) is winsorised to 2, then the sign flips it.
    CHECK(r.treated("b")[0] == 2.0);
    CHECK(r.treated("a")[11] == 11.0);
    CHECK(r.treatment()[1].points_low == 1);
    CHECK(r.treatment()[1].points_high == 0);
    // b normalised: -x min-max over -12..-2 -> unit 1 (x = 2) is 100.
    CHECK(r.score("u1", "b") == doctest::Approx(100.0));
    // c passes: unchanged, no diagnostic
    CHECK(r.treatment()[2].pass_before);
    std::size_t treat_diags = 0;
    for (const auto& d : r.diagnostics()) {
      if (d.component == "treat") {
        ++treat_diags;
        CHECK(d.message.rfind("treat: indicator '", 0) == 0);
      }
    }
    CHECK(treat_diags == 2);
  }

  TEST_CASE("per-indicator overrides, including none, and no treated data without treatment") {
    const auto fw = small_tree();
    gm::pipeline_spec spec;
    spec.treat = winsorise{};
    spec.treat_overrides["a"] = gm::treat::none{};
    const gm::result r = gm::run(fw, small_data(), spec);
    REQUIRE(r.treatment().size() == 2);
    CHECK(r.treatment()[0].indicator == "b");
    CHECK(r.treated("a")[11] == 30.0); // untreated: its values as given
    CHECK(r.score("u12", "a") == 100.0);

    const gm::result plain = gm::run(fw, small_data());
    CHECK(plain.treatment().empty());
    CHECK(plain.treated("a").size() == 0);

    gm::pipeline_spec bad;
    bad.treat_overrides["I"] = winsorise{};
    CHECK_THROWS_WITH_AS(gm::run(fw, small_data(), bad),
                         "pipeline: a treatment override is given for 'I', which is not an "
                         "indicator",
                         gm::spec_error);
    gm::pipeline_spec invalid;
    invalid.treat_overrides["a"] = winsorise{-1.0};
    CHECK_THROWS_AS(gm::run(fw, small_data(), invalid), gm::spec_error);
  }
}

} // namespace unit_treat_winsorise_test
