// A downstream program: builds a tiny index with the header-only core and with a methodology
// text through govmetrics::io, and checks the numbers (worked by hand below).
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/methodology.hpp>
#ifdef GOVMETRICS_HAVE_LP
#include <govmetrics/lp/clp.hpp>
#endif

#include <cmath>
#include <cstdio>

int main() {
  namespace gm = govmetrics;
  // x = 1, 2, 3 -> min-max 0, 50, 100; y (negative) = 5, 4, 3 -> 0, 50, 100; index = mean.
  const gm::framework fw({gm::make_aggregate("I"), gm::make_indicator("x", "I"),
                          gm::make_indicator("y", "I", 1.0, gm::direction::negative)});
  const gm::dataset data({"a", "b", "c"}, {"x", "y"}, {1, 2, 3, 5, 4, 3});
  const gm::result r = gm::run(fw, data);
  const auto text = R"({"govmetrics": 1, "nodes": [{"code": "I"},
      {"code": "x", "parent": "I", "column": "x"},
      {"code": "y", "parent": "I", "column": "y", "direction": "negative"}]})";
  const gm::io::methodology m = gm::io::parse_methodology(text, "<consumer>");
  const gm::result r2 = gm::run(m.tree(), data, m.spec);
  const bool ok = r.score("b", "I") == 50.0 && r.score("c", "I") == 100.0 &&
                  r.rank("I")[2] == 1.0 && r2.score("b", "I") == 50.0;
  bool lp_ok = true;
#ifdef GOVMETRICS_HAVE_LP
  // benefit of the doubt through govmetrics::lp, values as given (normalize none): a (1, 3),
  // b (2, 2), c (3, 1) are on the frontier (weights 1/4, 1/4 give b exactly 1); d (1, 1) = b / 2
  // scores 1/2 (b's row 2 wx + 2 wy <= 1 bounds wx + wy).
  gm::lp::use_clp();
  gm::pipeline_spec spec;
  spec.normalize = gm::normalize::none{};
  spec.aggregate = gm::aggregate::benefit_of_doubt{};
  const gm::dataset bod({"a", "b", "c", "d"}, {"x", "y"}, {1, 2, 3, 1, 3, 2, 1, 1});
  const gm::framework fb(
      {gm::make_aggregate("I"), gm::make_indicator("x", "I"), gm::make_indicator("y", "I")});
  const gm::result rb = gm::run(fb, bod, spec);
  lp_ok = std::fabs(rb.score("a", "I") - 1.0) < 1e-9 &&
          std::fabs(rb.score("b", "I") - 1.0) < 1e-9 && std::fabs(rb.score("d", "I") - 0.5) < 1e-9;
  std::printf("govmetrics::lp consumer: %s\n", lp_ok ? "ok" : "WRONG");
#endif
  std::printf("govmetrics %s consumer: %s\n", gm::version(), ok ? "ok" : "WRONG");
  return ok && lp_ok ? 0 : 1;
}
