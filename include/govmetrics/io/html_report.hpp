// govmetrics io: a self-contained interactive HTML report of a result (docs/report.md): the
// ranking as a sortable, filterable table, charts drawn by Vega-Lite (inlined: the file opens with
// no network access), a unit view, the audit's correlations, the methodology, the data stages'
// diagnostics and, when they ran, the uncertainty and sensitivity analyses. Compiled into the
// optional component govmetrics::report, which holds the charting library (web/package-lock.json)
// embedded at build time.
#pragma once

#include "govmetrics/audit/data_sets.hpp"
#include "govmetrics/io/methodology.hpp"
#include "govmetrics/pipeline/model.hpp"
#include "govmetrics/pipeline/result.hpp"
#include "govmetrics/sensitivity/engine.hpp"
#include "govmetrics/uncertainty/state.hpp"

#include <string>
#include <vector>

namespace govmetrics::io {

/// What a report shows besides the result itself.
struct html_report_options {
  /// Notes on the data (the `# ...` lines that open a data file); a note or the methodology's
  /// name or description that says "illustrative" or "synthetic" puts a notice at the top.
  std::vector<std::string> notes;
  /// A complete uncertainty analysis of the same methodology and data: rank intervals.
  const uncertainty::state* uncertainty = nullptr;
  /// The names of its inputs, in order (uncertainty::name_of of the spec's inputs).
  std::vector<std::string> uncertainty_inputs;
  /// A sensitivity analysis of the same methodology and data: Sobol' indices of its first output
  /// (the mean absolute rank shift).
  const sensitivity::results* sensitivity = nullptr;
};

/// The data the report's page draws, as JSON text (every number exact; NaN as null): the
/// documented "format 1" object of docs/report.md. html_report() embeds it.
std::string html_report_data(const methodology& m, const model& mod, const result& r,
                             const audit::named_columns& raw, const html_report_options& o = {});

/// The bytes of the report of result `r`, computed by `mod` from methodology `m`, whose raw data
/// are `raw` (audit::raw_columns): one HTML file with its scripts, styles and data inline. The
/// same inputs give the same bytes. spec_error when an analysis in `o` is of other units or nodes.
std::string html_report(const methodology& m, const model& mod, const result& r,
                        const audit::named_columns& raw, const html_report_options& o = {});

/// The versions of the inlined charting library, e.g. "vega 6.4.0, vega-lite 6.4.3, vega-embed
/// 7.3.0" (from web/package-lock.json at build time).
const char* html_report_libraries() noexcept;

} // namespace govmetrics::io
