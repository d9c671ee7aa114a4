// Tests of govmetrics/weights/explicit.hpp: `explicit` (the framework's weights, normalised within
// each parent) and `equal` (1/m for each of a parent's m children).
#include "govmetrics/weights/any.hpp"
#include "govmetrics/weights/explicit.hpp"

#include "govmetrics/pipeline/pipeline.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_weights_explicit_test {

namespace {

using namespace govmetrics;

///   idx
///   +- d1 (w 3): a (w 2), b (w 6)
///   +- d2 (w 1): c (w 5)
///   +- d3 (w 0 -> explicit weight 0): e (w 1), f (w 1), g (w 2)
framework tree() {
  return framework({make_aggregate("idx"), make_aggregate("d1", "idx", 3.0),
                    make_aggregate("d2", "idx", 1.0), make_aggregate("d3", "idx", 0.0),
                    make_indicator("a", "d1", 2.0), make_indicator("b", "d1", 6.0),
                    make_indicator("c", "d2", 5.0), make_indicator("e", "d3", 1.0),
                    make_indicator("f", "d3", 1.0), make_indicator("g", "d3", 2.0)});
}

/// One unit: a 4, b 8, c 2, e 1, f 2, g 3 (used raw, normalize::none).
dataset data() {
  return dataset({"u1"}, {"a", "b", "c", "e", "f", "g"}, {4.0, 8.0, 2.0, 1.0, 2.0, 3.0});
}

double weight_of(const framework& fw, const std::vector<double>& w, const char* code) {
  return w[fw.index_of(code)];
}

} // namespace

TEST_SUITE("weights::explicit_weights") {
  TEST_CASE("name") {
    CHECK(std::string(weights::explicit_weights::name()) == "explicit");
    CHECK(weights::name_of(weights::any{}) == "explicit"); // the default alternative
    CHECK_NOTHROW(weights::explicit_weights{}.validate());
  }

  TEST_CASE("the framework's weights, normalised within each parent") {
    const framework fw = tree();
    const auto w = detail::node_weights(fw, weights::explicit_weights{});
    REQUIRE(w.size() == fw.size());
    // idx's children: 3, 1, 0 of 4 -> 0.75, 0.25, 0
    CHECK(weight_of(fw, w, "idx") == 1.0);
    CHECK(weight_of(fw, w, "d1") == 0.75);
    CHECK(weight_of(fw, w, "d2") == 0.25);
    CHECK(weight_of(fw, w, "d3") == 0.0);
    // d1's children: 2, 6 of 8 -> 0.25, 0.75
    CHECK(weight_of(fw, w, "a") == 0.25);
    CHECK(weight_of(fw, w, "b") == 0.75);
    // an only child gets 1 whatever its weight (5)
    CHECK(weight_of(fw, w, "c") == 1.0);
    // d3's children: 1, 1, 2 of 4
    CHECK(weight_of(fw, w, "e") == 0.25);
    CHECK(weight_of(fw, w, "f") == 0.25);
    CHECK(weight_of(fw, w, "g") == 0.5);
  }

  TEST_CASE("result.weights() holds the normalised weights, and the scores use them") {
    const framework fw = tree();
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    const result r = run(fw, data(), spec);
    CHECK(r.weights() == detail::node_weights(fw, weights::explicit_weights{}));
    // d1 = 0.25*4 + 0.75*8 = 7; d2 = 2; d3 = 0.25*1 + 0.25*2 + 0.5*3 = 2.25 (weight 0 above);
    // idx = 0.75*7 + 0.25*2 + 0*2.25 = 5.75
    CHECK(r.score("u1", "d1") == 7.0);
    CHECK(r.score("u1", "d2") == 2.0);
    CHECK(r.score("u1", "d3") == 2.25);
    CHECK(r.score("u1", "idx") == 5.75);
  }
}

TEST_SUITE("weights::equal") {
  TEST_CASE("name") {
    CHECK(std::string(weights::equal::name()) == "equal");
    CHECK(weights::name_of(weights::any{weights::equal{}}) == "equal");
    CHECK_NOTHROW(weights::equal{}.validate());
  }

  TEST_CASE("every child of a parent gets 1/m, whatever the nodes say") {
    const framework fw = tree();
    const auto w = detail::node_weights(fw, weights::equal{});
    CHECK(weight_of(fw, w, "idx") == 1.0);
    for (const char* code : {"d1", "d2", "d3", "e", "f", "g"}) {
      CAPTURE(code);
      CHECK(weight_of(fw, w, code) == 1.0 / 3.0);
    }
    CHECK(weight_of(fw, w, "a") == 0.5);
    CHECK(weight_of(fw, w, "b") == 0.5);
    CHECK(weight_of(fw, w, "c") == 1.0);
  }

  TEST_CASE("through the run-time and the compile-time pipelines") {
    const framework fw = tree();
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    spec.weights = weights::equal{};
    const result r = run(fw, data(), spec);
    CHECK(r.weights() == detail::node_weights(fw, weights::equal{}));
    // d1 = (4 + 8)/2 = 6; d2 = 2; d3 = (1 + 2 + 3)/3 = 2; idx = (6 + 2 + 2)/3 = 10/3
    CHECK(r.score("u1", "d1") == 6.0);
    CHECK(r.score("u1", "d3") == doctest::Approx(2.0).epsilon(1e-15));
    CHECK(r.score("u1", "idx") == doctest::Approx(10.0 / 3.0).epsilon(1e-15));

    const auto p =
        make_pipeline(missing::skip{}, treat::none{}, normalize::none{}, aggregate::arithmetic{});
    run_options opt;
    opt.weights = weights::equal{};
    const result rc = p.run(fw, data(), opt);
    CHECK(rc.weights() == r.weights());
    CHECK(rc.score("u1", "idx") == r.score("u1", "idx"));
  }
}

} // namespace unit_weights_explicit_test
