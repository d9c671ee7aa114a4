// govmetrics: the "sensitivity" section of a methodology file: how a sensitivity analysis of the
// "uncertainty" section's inputs is run (docs/sensitivity.md). The command's options and Python's
// arguments override each setting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace govmetrics::sensitivity {

/// What a methodology file may say about its sensitivity analysis.
struct settings {
  std::size_t n = 1024;              ///< "n": base sample size (a power of two for Sobol')
  std::optional<std::uint64_t> seed; ///< "seed": default the uncertainty section's
  std::size_t bootstrap = 100;       ///< "bootstrap": resamples (0: no intervals)
  double confidence = 0.95;          ///< "confidence": of the intervals, in (0, 1)
  bool monte_carlo = false;          ///< "sampling": "sobol" (false) or "monte_carlo"
  bool scramble = true;              ///< "scramble": Sobol' points scrambled
  bool dummy = false;                ///< "dummy": add a factor that changes nothing
  std::vector<std::string> nodes;    ///< "nodes": tracked nodes (empty: the root)
};

} // namespace govmetrics::sensitivity
