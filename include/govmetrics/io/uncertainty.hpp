// govmetrics io: the CSV files of an uncertainty analysis (docs/uncertainty.md), written the same
// way by the command and by Python. Compiled into govmetrics::io.
#pragma once

#include "govmetrics/uncertainty/engine.hpp"

#include <ostream>
#include <vector>

namespace govmetrics::io {

/// `unit,node,nominal,mean,median,q05,q95,sd`: one row per unit and tracked node (node order,
/// then unit order); rank statistics, numbers in the shortest text that reads back exactly
/// (format_double; empty for NaN).
void write_rank_statistics(std::ostream& out, const std::vector<uncertainty::unit_statistics>& s);

/// `unit,node,rank,probability`: P(rank = k) over every replication, the rows with a probability
/// above 0, per tracked node, unit and rank.
void write_acceptability(std::ostream& out, const uncertainty::state& s);

} // namespace govmetrics::io
