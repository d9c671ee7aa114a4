// govmetrics io: the files of an uncertainty analysis (docs/uncertainty.md), written the same way
// by the command and by Python: CSV tables, and the binary state that shards save and `govmetrics
// merge` reads. Compiled into govmetrics::io.
#pragma once

#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/io/methodology.hpp"
#include "govmetrics/uncertainty/state.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace govmetrics::io {

/// `unit,node,nominal,mean,median,q05,q95,sd`: one row per unit and tracked node (node order,
/// then unit order); rank statistics, numbers in the shortest text that reads back exactly
/// (format_double; empty for NaN).
void write_rank_statistics(std::ostream& out, const std::vector<uncertainty::unit_statistics>& s);

/// `unit,node,nominal,mean,median,q05,q95,sd,score_nominal,score_mean,score_sd,score_median,
/// score_q05,score_q95`: the rank statistics and the score statistics (the score quantiles are
/// empty unless the state kept the scores).
void write_score_statistics(std::ostream& out, const std::vector<uncertainty::unit_statistics>& s);

/// `unit,node,rank,probability`: P(rank = k) over every replication, the rows with a probability
/// above 0, per tracked node, unit and rank.
void write_acceptability(std::ostream& out, const uncertainty::state& s);

/// `node,unit,other,probability`: P(unit ranks strictly above other) for every ordered pair of
/// distinct units, per tracked node; spec_error unless the state counted pairs.
void write_pairwise(std::ostream& out, const uncertainty::state& s);

/// The audit trail: `replication,failed,` then one column per sampled input value (weights as
/// `INPUT:CHILD`, normalised among the children; alternatives as `k:method`; exclusions as the
/// node left out or `none`), then `rank:UNIT@NODE` per tracked node and unit. spec_error unless
/// the state recorded the replications.
void write_replications(std::ostream& out, const uncertainty::state& s);

/// What state::identity holds for an analysis of `m` on `data`: "fnv1a64:" and a 64-bit digest
/// of the canonical methodology text (to_json) and of the data (unit ids, columns, labels and the
/// bits of every value). The command and Python compute the same, so their states merge.
std::string analysis_identity(const methodology& m, const dataset& data);

/// The state as bytes: a versioned little-endian binary format with a checksum
/// (docs/uncertainty.md).
std::string state_bytes(const uncertainty::state& s);

/// The state that state_bytes wrote; data_error naming `source` and the byte offset when the bytes
/// are not a state, are cut short, or fail the checksum.
uncertainty::state read_state_bytes(std::string_view bytes, const std::string& source);

} // namespace govmetrics::io
