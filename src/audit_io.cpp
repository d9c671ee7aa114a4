// govmetrics io: the tables of a statistical audit.
#include "govmetrics/io/audit.hpp"
#include "govmetrics/io/results.hpp"

#include <cstddef>
#include <string>

namespace govmetrics::io {

void write_stats(std::ostream& out, const std::vector<audit::statistics>& stats) {
  out << "code,min,max,mean,median,sd,skew,kurt,n_avail,n_nonzero,n_unique,n_same,frac_avail,"
         "frac_nonzero,frac_unique,frac_same,flag_avail,flag_nonzero,flag_unique,"
         "flag_skew_kurt\n";
  const auto flag = [](bool raised, const char* word) { return raised ? word : "ok"; };
  for (const auto& s : stats) {
    out << csv_field(s.code);
    for (double v : {s.min, s.max, s.mean, s.median, s.sd, s.skew, s.kurt})
      out << ',' << format_double(v);
    for (std::size_t v : {s.n_avail, s.n_nonzero, s.n_unique, s.n_same})
      out << ',' << v;
    for (double v : {s.frac_avail, s.frac_nonzero, s.frac_unique, s.frac_same})
      out << ',' << format_double(v);
    out << ',' << flag(s.low_avail, "LOW") << ',' << flag(s.low_nonzero, "LOW") << ','
        << flag(s.low_unique, "LOW") << ',' << flag(s.skew_kurt_out, "OUT") << '\n';
  }
}

void write_correlations(std::ostream& out, const std::vector<audit::correlation_row>& rows) {
  out << "method,a,b,r,p,n\n";
  for (const auto& r : rows) {
    out << detail::to_string(r.method) << ',' << csv_field(r.a) << ',' << csv_field(r.b) << ','
        << format_double(r.r) << ',' << format_double(r.p) << ',' << r.n << '\n';
  }
}

void write_cronbach(std::ostream& out, const std::vector<audit::cronbach_row>& rows) {
  out << "node,alpha,n_children,n_units\n";
  for (const auto& r : rows) {
    out << csv_field(r.node) << ',' << format_double(r.alpha) << ',' << r.n_children << ','
        << r.n_units << '\n';
  }
}

void write_effective_weights(std::ostream& out, const std::vector<audit::effective_weight>& rows) {
  out << "node,level,weight,effective_weight\n";
  for (const auto& r : rows) {
    out << csv_field(r.node) << ',' << r.level << ',' << format_double(r.weight) << ','
        << format_double(r.effective_weight) << '\n';
  }
}

} // namespace govmetrics::io
