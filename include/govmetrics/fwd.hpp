// govmetrics: forward declarations and vocabulary. The defaults of every step live in
// pipeline_spec (pipeline/spec.hpp): missing::skip{0}, treat::none, normalize::min_max{0, 100},
// aggregate::arithmetic, weights::explicit_weights, rank::ties::min.
#pragma once

namespace govmetrics {
class column_view;
class mutable_column_view;
class dataset;
class dataset_view;
class name_list;
struct node;
class framework;
struct diagnostic;
struct prepared_data;
class result;
struct pipeline_spec;
struct run_options;
struct evaluation_plan;
struct evaluation_workspace;
template <class Missing, class Treat, class Normalize, class Aggregate>
class pipeline;
} // namespace govmetrics
