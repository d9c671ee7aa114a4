// Tests of govmetrics/missing/screen.hpp: defaults, validation of both thresholds.
#include "govmetrics/missing/screen.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_missing_screen_test {

using namespace govmetrics;

TEST_SUITE("missing::screen") {
  TEST_CASE("off by default, on with either threshold") {
    CHECK_FALSE(missing::screen{}.active());
    CHECK(missing::screen{0.9, 0.0}.active());
    CHECK(missing::screen{0.0, 0.5}.active());
    CHECK(std::string(missing::screen::name()) == "screen");
    CHECK_NOTHROW(missing::screen{1.0, 1.0}.validate());
  }

  TEST_CASE("thresholds outside [0, 1] are a spec_error naming the parameter") {
    const missing::screen too_high{1.5, 0.0};
    const missing::screen negative{0.0, -0.25};
    const missing::screen not_a_number{std::numeric_limits<double>::quiet_NaN(), 0.0};
    CHECK_THROWS_WITH_AS(too_high.validate(),
                         "missing::screen: 'min_share' must be in [0, 1] (got 1.5)", spec_error);
    CHECK_THROWS_WITH_AS(negative.validate(),
                         "missing::screen: 'indicator_min_share' must be in [0, 1] (got -0.25)",
                         spec_error);
    CHECK_THROWS_AS(not_a_number.validate(), spec_error);
  }
}

} // namespace unit_missing_screen_test
