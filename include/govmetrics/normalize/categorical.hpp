// govmetrics: normalise `categorical{thresholds, scores, right_closed}` (thresholds to scores).
#pragma once

#include "govmetrics/normalize/detail.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// Maps each value to the score of the band it falls in. With thresholds t_1 < ... < t_k and
/// scores s_0, ..., s_k: y = s_0 for x < t_1, s_j for t_j <= x < t_{j+1}, s_k for x >= t_k. With
/// `right_closed` the bands are (t_j, t_{j+1}] instead: a value equal to a threshold takes the
/// lower band's score. Thresholds are in the indicator's original units and the scores are taken
/// as given for every direction: for a negative indicator give decreasing scores (the band of the
/// lowest values gets the highest score). Nothing is fitted to the data.
struct categorical {
  std::vector<double> thresholds;
  std::vector<double> scores;
  bool right_closed = false;

  static constexpr const char* name() noexcept { return "categorical"; }
  struct params {
    double sign; ///< the direction sign the pipeline applied, undone before banding
  };

  void validate() const {
    if (thresholds.empty()) {
      GOVMETRICS_THROW(spec_error("normalize::categorical: parameter 'thresholds' is required "
                                  "(at least one, e.g. {\"method\": \"categorical\", "
                                  "\"thresholds\": [50, 80], \"scores\": [0, 50, 100]})"));
    }
    for (std::size_t i = 0; i < thresholds.size(); ++i) {
      if (!std::isfinite(thresholds[i])) {
        GOVMETRICS_THROW(spec_error("normalize::categorical: 'thresholds[" + std::to_string(i) +
                                    "]' must be finite"));
      }
      if (i > 0 && !(thresholds[i - 1] < thresholds[i])) {
        GOVMETRICS_THROW(spec_error(
            "normalize::categorical: 'thresholds' must be strictly increasing (thresholds[" +
            std::to_string(i - 1) + "] " + govmetrics::detail::format_number(thresholds[i - 1]) +
            ", thresholds[" + std::to_string(i) + "] " +
            govmetrics::detail::format_number(thresholds[i]) + ")"));
      }
    }
    if (scores.size() != thresholds.size() + 1) {
      GOVMETRICS_THROW(
          spec_error("normalize::categorical: " +
                     govmetrics::detail::count_of(thresholds.size(), "threshold", "thresholds") +
                     " make " + std::to_string(thresholds.size() + 1) +
                     " bands, so 'scores' needs " + std::to_string(thresholds.size() + 1) +
                     " values (got " + std::to_string(scores.size()) + ")"));
    }
    for (std::size_t i = 0; i < scores.size(); ++i) {
      if (!std::isfinite(scores[i])) {
        GOVMETRICS_THROW(spec_error("normalize::categorical: 'scores[" + std::to_string(i) +
                                    "]' must be finite"));
      }
    }
  }

  params fit(const fit_input& in) const noexcept { return {sign_of(in.polarity)}; }

  double apply(const params& p, double x) const noexcept {
    const double v = x * p.sign; // back to the original units
    std::size_t band = 0;
    while (band < thresholds.size() &&
           (right_closed ? v > thresholds[band] : v >= thresholds[band]))
      ++band;
    return scores[band];
  }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    std::vector<std::pair<std::string, double>> out;
    out.reserve(2 * thresholds.size() + 2);
    for (std::size_t i = 0; i < thresholds.size(); ++i)
      out.emplace_back("threshold_" + std::to_string(i + 1), thresholds[i]);
    for (std::size_t i = 0; i < scores.size(); ++i)
      out.emplace_back("score_" + std::to_string(i), scores[i]);
    out.emplace_back("right_closed", right_closed ? 1.0 : 0.0);
    out.emplace_back("sign", p.sign);
    return out;
  }
};

static_assert(is_normalizer_v<categorical>,
              "normalize::categorical must model the normaliser concept");

} // namespace govmetrics::normalize
