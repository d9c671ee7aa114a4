// govmetrics: the data sets an audit reads from a result: raw (as given), treated, normalised and
// aggregated, as named columns.
#pragma once

#include "govmetrics/core/column_view.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace govmetrics::audit {

/// The stages of the data an audit can describe (COINr's Raw, Treated, Normalised, Aggregated).
enum class data_set { raw, treated, normalised, aggregated };

constexpr const char* to_string(data_set s) noexcept {
  switch (s) {
  case data_set::raw:
    return "raw";
  case data_set::treated:
    return "treated";
  case data_set::normalised:
    return "normalised";
  case data_set::aggregated:
    return "aggregated";
  }
  return "raw";
}

inline data_set data_set_from_string(std::string_view s) {
  for (data_set d :
       {data_set::raw, data_set::treated, data_set::normalised, data_set::aggregated}) {
    if (s == to_string(d))
      return d;
  }
  GOVMETRICS_THROW(spec_error("audit: unknown data set '" + std::string(s) +
                              "' (expected 'raw', 'treated', 'normalised' or 'aggregated')"));
}

/// Columns with their node codes (views into the data or the result: keep those alive).
struct named_columns {
  std::vector<std::string> codes;
  std::vector<column_view> columns;
};

/// The indicators' columns of `data` (a dataset or a dataset_view) as given, in indicator order,
/// read in place. unknown_code_error naming the indicator whose column the data lack.
template <class Data>
named_columns raw_columns(const framework& fw, const Data& data) {
  named_columns out;
  for (std::size_t i : fw.indicators()) {
    const node& nd = fw[i];
    if (!data.has_indicator(nd.column)) {
      GOVMETRICS_THROW(unknown_code_error("audit: the data lack column '" + nd.column +
                                          "' of indicator '" + nd.code + "'"));
    }
    out.codes.push_back(nd.code);
    out.columns.push_back(data.column(data.indicator_index(nd.column)));
  }
  return out;
}

/// Data set `s` of result `r`, whose raw data are `raw` (raw_columns of the data `r` came from):
/// - raw: `raw`;
/// - treated: the treated indicators when a treatment ran; otherwise the last data stage that ran
///   (screened, imputed, denominated), otherwise `raw`;
/// - normalised: the normalised indicators (direction applied), in indicator order;
/// - aggregated: the normalised indicators, then the aggregate scores in aggregation order
///   (children before parents, the root last).
inline named_columns data_set_columns(const result& r, data_set s, const named_columns& raw) {
  const framework& fw = r.tree();
  const prepared_data& p = r.prepared();
  named_columns out;
  switch (s) {
  case data_set::raw:
    return raw;
  case data_set::treated: {
    const std::vector<double>* stage = !p.treated.empty()       ? &p.treated
                                       : !p.screened.empty()    ? &p.screened
                                       : !p.imputed.empty()     ? &p.imputed
                                       : !p.denominated.empty() ? &p.denominated
                                                                : nullptr;
    if (stage == nullptr)
      return raw;
    for (std::size_t s_ = 0; s_ < fw.indicators().size(); ++s_) {
      out.codes.push_back(fw[fw.indicators()[s_]].code);
      out.columns.push_back(p.stage_column(*stage, s_));
    }
    return out;
  }
  case data_set::normalised:
  case data_set::aggregated:
    for (std::size_t i : fw.indicators()) {
      out.codes.push_back(fw[i].code);
      out.columns.push_back(r.score(i));
    }
    if (s == data_set::aggregated) {
      for (std::size_t i : fw.aggregation_order()) {
        out.codes.push_back(fw[i].code);
        out.columns.push_back(r.score(i));
      }
    }
    return out;
  }
  return out;
}

} // namespace govmetrics::audit
