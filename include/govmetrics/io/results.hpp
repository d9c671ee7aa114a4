// govmetrics io: writing results (long format) and the weights used. Compiled into govmetrics::io.
#pragma once

#include "govmetrics/pipeline/result.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>

namespace govmetrics::io {

/// Shortest text that reads back as exactly `x` ("" for NaN).
std::string format_double(double x);

/// Quotes a CSV field when it holds a comma, a quote, CR or LF (RFC 4180).
std::string csv_field(const std::string& s);

/// Long results, header `unit,node,score,rank`: every unit at every node (framework order within
/// each unit), indicators included; full round-trip precision; missing scores and ranks empty.
void write_results_long(std::ostream& out, const result& r);

/// Extra outputs of the column-wide aggregators (result::outputs), header
/// `node,unit,output,value`: for every node with outputs (framework order), every output column
/// for every unit (value empty where the unit did not take part), then every node-level fact with
/// an empty unit. Only the header when no node has outputs.
void write_outputs_long(std::ostream& out, const result& r);

/// Number of data rows write_outputs_long writes for `r`.
std::size_t count_output_rows(const result& r);

/// Weights actually used, header `node,parent,weight`, normalised within each parent.
void write_weights(std::ostream& out, const result& r);

/// Writes `content` to `path` through a temporary file renamed into place, so that a failure never
/// leaves a partial file. data_error naming the path when it cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

} // namespace govmetrics::io
