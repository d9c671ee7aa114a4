// govmetrics io: the files of a sensitivity analysis.
#include "govmetrics/io/results.hpp"
#include "govmetrics/io/sensitivity.hpp"

#include <cstddef>
#include <string>

namespace govmetrics::io {

bool is_sensitivity_output(const std::string& name, sensitivity_outputs which) {
  switch (which) {
  case sensitivity_outputs::scalar:
    return name == "mean_abs_rank_shift";
  case sensitivity_outputs::ranks:
    return name.rfind("rank:", 0) == 0;
  case sensitivity_outputs::scores:
    return name.rfind("score:", 0) == 0;
  }
  return false;
}

void write_sensitivity_indices(std::ostream& out, const sensitivity::results& r,
                               sensitivity_outputs which) {
  out << "output,factor,first,total,first_lo,first_hi,total_lo,total_hi\n";
  const auto& e = r.estimates;
  for (std::size_t o = 0; o < r.outputs.size(); ++o) {
    if (!is_sensitivity_output(r.outputs[o], which))
      continue;
    for (std::size_t i = 0; i < r.factors.size(); ++i) {
      out << csv_field(r.outputs[o]) << ',' << csv_field(r.factors[i]) << ','
          << format_double(e.at(e.first, i, o)) << ',' << format_double(e.at(e.total, i, o)) << ','
          << format_double(e.at(e.first_lo, i, o)) << ',' << format_double(e.at(e.first_hi, i, o))
          << ',' << format_double(e.at(e.total_lo, i, o)) << ','
          << format_double(e.at(e.total_hi, i, o)) << '\n';
    }
  }
}

void write_sensitivity_convergence(std::ostream& out, const sensitivity::results& r,
                                   sensitivity_outputs which) {
  out << "n,output,factor,first,total\n";
  for (const auto& step : r.convergence) {
    for (std::size_t o = 0; o < r.outputs.size(); ++o) {
      if (!is_sensitivity_output(r.outputs[o], which))
        continue;
      for (std::size_t i = 0; i < r.factors.size(); ++i) {
        out << step.n << ',' << csv_field(r.outputs[o]) << ',' << csv_field(r.factors[i]) << ','
            << format_double(step.at(step.first, i, o)) << ','
            << format_double(step.at(step.total, i, o)) << '\n';
      }
    }
  }
}

} // namespace govmetrics::io
