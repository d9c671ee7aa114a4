// govmetrics io: the files of a sensitivity analysis (docs/sensitivity.md), written the same way
// by the command and by Python. Compiled into govmetrics::io.
#pragma once

#include "govmetrics/sensitivity/engine.hpp"
#include "govmetrics/sensitivity/estimators.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace govmetrics::io {

/// Which outputs a table of indices holds, by the prefix of their names.
enum class sensitivity_outputs {
  scalar, ///< `mean_abs_rank_shift` (COINr's scalar)
  ranks,  ///< `rank:UNIT@NODE`
  scores  ///< `score:UNIT@NODE`
};

/// `output,factor,first,total,first_lo,first_hi,total_lo,total_hi`: one row per output (of the
/// kind asked for, in output order) and factor (factor order); numbers in the shortest text that
/// reads back exactly, empty for NaN.
void write_sensitivity_indices(std::ostream& out, const sensitivity::results& r,
                               sensitivity_outputs which);

/// `n,output,factor,first,total`: the indices of the outputs of the kind asked for at each prefix
/// of the design (N/8, N/4, N/2, N).
void write_sensitivity_convergence(std::ostream& out, const sensitivity::results& r,
                                   sensitivity_outputs which);

/// A shard's part as bytes (`govmetrics sensitivity --shard K/N --state-out`): a versioned
/// little-endian binary format ("GMSASTATE\n", the fields, an FNV-1a checksum), like the
/// uncertainty state (docs/sensitivity.md).
std::string part_bytes(const sensitivity::part& p);

/// The part that part_bytes wrote; data_error naming `source` and the byte offset when the bytes
/// are not a sensitivity state, are cut short, or fail the checksum.
sensitivity::part read_part_bytes(std::string_view bytes, const std::string& source);

/// Whether `bytes` start like a sensitivity state (what `govmetrics merge` checks first).
bool is_sensitivity_state(std::string_view bytes);

/// Whether output `name` is of kind `which`.
bool is_sensitivity_output(const std::string& name, sensitivity_outputs which);

} // namespace govmetrics::io
