// govmetrics io: the CSV files of an uncertainty analysis.
#include "govmetrics/io/results.hpp"
#include "govmetrics/io/uncertainty.hpp"

#include <cstddef>
#include <string>

namespace govmetrics::io {

void write_rank_statistics(std::ostream& out, const std::vector<uncertainty::unit_statistics>& s) {
  out << "unit,node,nominal,mean,median,q05,q95,sd\n";
  for (const auto& u : s) {
    out << csv_field(u.unit) << ',' << csv_field(u.node) << ',' << format_double(u.nominal) << ','
        << format_double(u.mean) << ',' << format_double(u.median) << ',' << format_double(u.q05)
        << ',' << format_double(u.q95) << ',' << format_double(u.sd) << '\n';
  }
}

void write_acceptability(std::ostream& out, const uncertainty::state& s) {
  out << "unit,node,rank,probability\n";
  for (std::size_t k = 0; k < s.nodes.size(); ++k) {
    for (std::size_t u = 0; u < s.n_units(); ++u) {
      for (const auto& [rank, p] : uncertainty::acceptability(s, k, u)) {
        out << csv_field(s.units[u]) << ',' << csv_field(s.nodes[k]) << ',' << format_double(rank)
            << ',' << format_double(p) << '\n';
      }
    }
  }
}

} // namespace govmetrics::io
