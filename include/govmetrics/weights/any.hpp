// govmetrics: every weighting strategy of the run-time pipeline, as one std::variant.
#pragma once

#include "govmetrics/weights/ahp.hpp"
#include "govmetrics/weights/combined.hpp"
#include "govmetrics/weights/explicit.hpp"
#include "govmetrics/weights/objective_methods.hpp"
#include "govmetrics/weights/pca.hpp"

#include <string>
#include <type_traits>
#include <variant>

namespace govmetrics::weights {

/// A weighting scheme: `explicit` and `equal` read the framework; the others compute the weights
/// of each aggregate node's children during evaluation (data-driven, or AHP from a matrix).
using any = std::variant<explicit_weights, equal, entropy_method, critic_method, std_method,
                         cv_method, pca_method, ahp_method, combined_method>;

inline std::string name_of(const any& w) {
  return std::visit([](const auto& s) { return std::string(s.name()); }, w);
}

/// True for the schemes computed at each node during evaluation (everything but explicit/equal).
template <class S>
inline constexpr bool is_computed_v =
    !std::is_same_v<S, explicit_weights> && !std::is_same_v<S, equal>;

inline bool is_computed(const any& w) {
  return std::visit([](const auto& s) { return is_computed_v<std::decay_t<decltype(s)>>; }, w);
}

} // namespace govmetrics::weights
