// govmetrics: the aggregation's record of a unit left missing at a node (missing_event), kept as
// data while evaluating and turned into diagnostic text only when read (describe()).
#pragma once

#include "govmetrics/detail/format.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/pipeline/diagnostic.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics {

/// One unit of one aggregate node left missing (NaN) by aggregation, as data: what
/// diagnostics() reports as an "aggregate" warning. Recording one allocates nothing (once the
/// vector holding it has the room).
struct missing_event {
  /// Why the unit is missing.
  enum class reason {
    no_child,       ///< no weighted child has data
    propagate,      ///< a child is missing and the missing policy propagates
    below_share,    ///< the share of children available is below the policy's min_share
    needs_complete, ///< a column-wide aggregator that runs on complete units only
  };
  std::size_t node = 0;      ///< framework position of the aggregate node
  std::size_t unit = 0;      ///< position of the unit
  std::size_t available = 0; ///< weighted children with data for this unit
  std::size_t weighted = 0;  ///< children with a non-zero weight
  reason why = reason::no_child;
  double min_share = 0.0;       ///< the policy's min_share (reason::below_share)
  const char* method = nullptr; ///< the aggregator's name (reason::needs_complete)
};

/// The diagnostic that `e` stands for: the warning an evaluation into a `result` reports.
inline diagnostic describe(const missing_event& e, const framework& fw,
                           const std::vector<std::string>& units) {
  const std::string& code = fw[e.node].code;
  const std::string& unit = units[e.unit];
  const double share =
      e.weighted == 0 ? 0.0 : static_cast<double>(e.available) / static_cast<double>(e.weighted);
  std::string why;
  switch (e.why) {
  case missing_event::reason::no_child:
    why = "no child has data";
    break;
  case missing_event::reason::propagate:
    why = "missing children propagate";
    break;
  case missing_event::reason::below_share:
    why = "share " + detail::format_number(share) + " < min_share " +
          detail::format_number(e.min_share);
    break;
  case missing_event::reason::needs_complete:
    why = std::string("'") + (e.method != nullptr ? e.method : "the aggregator") +
          "' needs every weighted child; it runs on the complete units";
    break;
  }
  return {diagnostic::level::warning, "aggregate", code, unit,
          "aggregate: node '" + code + "' is missing for unit '" + unit + "' (" +
              std::to_string(e.available) + " of " + std::to_string(e.weighted) +
              " children available; " + why + ")"};
}

} // namespace govmetrics
