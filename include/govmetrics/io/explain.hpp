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

/// `code,name,parent,unit,from,to,change,cost,lo,hi`: a target's changes, in the order chosen.
void write_target_changes(std::ostream& out, const std::vector<explain::target_change>& rows);

/// `key,value`: a target's goal and outcome (unit, node, rank_goal, score_goal, reachable,
/// method, reason, score_before, rank_before, score_after, rank_after, total_cost; with a
/// probability: probability_runs, probability_before, probability_after), then one
/// `unchanged:<code>` row per indicator that could not help, with the reason.
void write_target_summary(std::ostream& out, const explain::target_result& t);

/// Writes target.csv (the changes) and target_summary.csv into `dir` (created, with its parents,
/// when missing), both or none; returns the file names.
std::vector<std::string> write_target(const explain::target_result& t, const std::string& dir);

} // namespace govmetrics::io
