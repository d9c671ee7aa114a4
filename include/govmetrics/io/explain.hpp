// govmetrics io: the tables that explain one unit (docs/explain.md), written the same way by the
// command and by Python. Compiled into govmetrics::io.
#pragma once

#include "govmetrics/explain.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace govmetrics::io {

/// `node,parent,score,rank,contribution,share,index_contribution`: framework order.
void write_contributions(std::ostream& out, const std::vector<explain::contribution>& rows);

/// `code,name,parent,rank,value,unit`: strengths best first, or weaknesses worst first.
void write_standings(std::ostream& out, const std::vector<explain::standing>& rows);

/// Writes contributions.csv, strengths.csv and weaknesses.csv into `dir` (created, with its
/// parents, when missing), all or none; returns the file names.
std::vector<std::string> write_explanation(const std::vector<explain::contribution>& contributions,
                                           const explain::strengths_weaknesses& sw,
                                           const std::string& dir);

} // namespace govmetrics::io
