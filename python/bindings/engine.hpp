// govmetrics Python bindings: a methodology resolved once for repeated runs (the C++ side of
// govmetrics.Methodology), shared by register_pipeline.cpp and register_io.cpp.
#pragma once

#include "bind_common.hpp"

#include <govmetrics/audit/data_sets.hpp>
#include <govmetrics/io/csv.hpp>
#include <govmetrics/io/methodology.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::python {

/// A validated methodology with its tree, evaluation plan and data options resolved: what
/// govmetrics.Methodology holds. Immutable once built, so runs may proceed without the GIL and in
/// parallel.
class engine {
public:
  /// Validates the tree (spec_error listing every problem) and every method choice.
  explicit engine(io::methodology m)
      : method_(std::move(m)),
        model_(std::make_shared<const framework>(method_.tree()), method_.spec),
        csv_(method_.data_options()),
        column_list_(std::make_shared<const name_list>(csv_.columns, "indicator code")) {}

  const io::methodology& method() const noexcept { return method_; }
  const std::shared_ptr<const framework>& tree() const noexcept { return model_.tree_ptr(); }
  const evaluation_plan& plan() const noexcept { return model_.plan(); }
  const govmetrics::model& model() const noexcept { return model_; }
  const io::csv_options& csv() const noexcept { return csv_; }
  /// The data columns the indicators read, in first-use order (no repeats).
  const std::vector<std::string>& columns() const noexcept { return csv_.columns; }
  /// The same, checked and indexed once, for the views of every run.
  const std::shared_ptr<const name_list>& column_list() const noexcept { return column_list_; }

  /// Normalise, aggregate and rank `data` (a dataset or a dataset_view). Call without the GIL.
  template <class Data>
  std::shared_ptr<result> run(const Data& data) const {
    if (data.n_units() == 0) {
      GOVMETRICS_THROW(data_error("compute: the data have no units (an empty table; " +
                                  std::to_string(data.n_indicators()) + " columns)"));
    }
    auto out = std::make_shared<result>();
    model_.run(data, *out);
    return out;
  }

private:
  io::methodology method_;
  govmetrics::model model_;
  io::csv_options csv_;
  std::shared_ptr<const name_list> column_list_;
};

/// The raw data of `r` from an n_units x n_indicators array in indicator order (views into it).
inline audit::named_columns raw_columns_of(const result& r, const f_array& raw) {
  const framework& fw = r.tree();
  const std::size_t n_ind = fw.indicators().size();
  if (raw.ndim() != 2 || static_cast<std::size_t>(raw.shape(0)) != r.n_units() ||
      static_cast<std::size_t>(raw.shape(1)) != n_ind) {
    GOVMETRICS_THROW(data_error("audit: the raw data must be " + std::to_string(r.n_units()) +
                                " units x " + std::to_string(n_ind) + " indicators (got " +
                                std::to_string(raw.ndim()) + " dimensions, shape " +
                                std::to_string(raw.ndim() > 0 ? raw.shape(0) : 0) + " x " +
                                std::to_string(raw.ndim() > 1 ? raw.shape(1) : 0) + ")"));
  }
  audit::named_columns out;
  for (std::size_t s = 0; s < n_ind; ++s) {
    out.codes.push_back(fw[fw.indicators()[s]].code);
    out.columns.push_back(column_view{raw.data() + s * r.n_units(), r.n_units()});
  }
  return out;
}

} // namespace govmetrics::python
