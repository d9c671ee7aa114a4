// govmetrics io: the tables of a statistical audit (docs/audit.md), written the same way by the
// command and by Python. Compiled into govmetrics::io.
#pragma once

#include "govmetrics/audit.hpp"

#include <ostream>
#include <vector>

namespace govmetrics::io {

/// `code,min,max,mean,median,sd,skew,kurt,n_avail,n_nonzero,n_unique,n_same,frac_avail,
/// frac_nonzero,frac_unique,frac_same,flag_avail,flag_nonzero,flag_unique,flag_skew_kurt`: one row
/// per column, numbers in the shortest text that reads back exactly (empty for NaN), flags `ok`,
/// `LOW` or `OUT` (COINr's words).
void write_stats(std::ostream& out, const std::vector<audit::statistics>& stats);

/// `method,a,b,r,p,n`: one row per correlation (r and p empty when undefined).
void write_correlations(std::ostream& out, const std::vector<audit::correlation_row>& rows);

/// `node,alpha,n_children,n_units`.
void write_cronbach(std::ostream& out, const std::vector<audit::cronbach_row>& rows);

/// `node,level,weight,effective_weight`.
void write_effective_weights(std::ostream& out, const std::vector<audit::effective_weight>& rows);

} // namespace govmetrics::io
