// libFuzzer harness: a whole run (read, prepare, evaluate, rank, write) of a fixed methodology on
// fuzzed CSV data (scripts/fuzz.sh). Any input must give a result or a govmetrics::error; anything
// else is a bug. The first byte picks the normalisation and aggregation, so that every method's
// numerics meet hostile values (huge, tiny, subnormal, all equal, missing).
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/csv.hpp>
#include <govmetrics/io/methodology.hpp>
#include <govmetrics/io/results.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

namespace {

const char* const normalisers[] = {
    "min_max",     "z_score",         "rank",          "percentile_rank", "vector",
    "sum",         "fraction_of_max", "ratio_to_mean", "borda",           "none",
    "log_min_max", "distance_to_best"};
const char* const aggregators[] = {"arithmetic", "geometric", "harmonic", "median",
                                   "topsis",     "vikor",     "copeland", "grey_relational"};
const char* const missing[] = {"skip", "propagate"};

std::string methodology_text(std::uint8_t mode) {
  const std::string norm = normalisers[mode % 12U];
  const std::string agg = aggregators[(mode / 12U) % 8U];
  const std::string miss = missing[(mode / 96U) % 2U];
  return R"({"govmetrics": 1, "unit": "unit",
  "normalize": {"method": ")" +
         norm + R"("}, "aggregate": {"method": ")" + agg + R"("},
  "missing": {"method": ")" +
         miss + R"("},
  "nodes": [{"code": "I"}, {"code": "A", "parent": "I"}, {"code": "B", "parent": "I", "weight": 2},
            {"code": "x", "parent": "A", "column": "x"},
            {"code": "y", "parent": "A", "column": "y", "direction": "negative"},
            {"code": "z", "parent": "B", "column": "z", "weight": 3}]})";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace gm = govmetrics;
  namespace io = govmetrics::io;
  if (size == 0)
    return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const io::methodology m = io::parse_methodology(methodology_text(data[0]), "fuzz.json");
    const gm::dataset d = io::parse_csv(text, "fuzz.csv", m.data_options());
    const gm::result r = gm::run(m.tree(), d, m.spec);
    std::ostringstream out;
    io::write_results_long(out, r);
    io::write_weights(out, r);
    io::write_outputs_long(out, r);
  } catch (const gm::error&) {
  }
  return 0;
}
