// govmetrics io: the tables of a statistical audit (docs/audit.md), written the same way by the
// command and by Python. Compiled into govmetrics::io.
#pragma once

#include "govmetrics/audit.hpp"

#include <ostream>
#include <string>
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

/// `element,mean_abs_rank_change` (empty where the element cannot be left out).
void write_removals(std::ostream& out, const std::vector<audit::removal>& rows);

/// `node,parent,weight,effective_weight,correlation_ratio,pearson_r2,flag` (`parent`: the output
/// explained, the node's parent or the index).
void write_importance(std::ostream& out, const std::vector<audit::importance_row>& rows);

/// `group,component,eigenvalue,variance_explained,cumulative,n_units,note`: every component (1 =
/// the first) of every set; a set that cannot be analysed has one row with empty numbers and the
/// reason in `note`.
void write_pca(std::ostream& out, const std::vector<audit::principal_components_row>& rows);

/// `group,code,component,loading`: every column's loading on every component.
void write_pca_loadings(std::ostream& out,
                        const std::vector<audit::principal_components_row>& rows);

/// The file names of the audit's tables, in the order write_audit writes them: stats_raw.csv,
/// stats_treated.csv, stats_normalised.csv, stats_aggregated.csv, correlations.csv, cronbach.csv,
/// effective_weights.csv, importance.csv, remove.csv, pca.csv, pca_loadings.csv.
std::vector<std::string> audit_file_names();

/// Writes every table of `r` (remove.csv when it holds removals) into directory `dir` (created,
/// with its parents, when missing), all or none (output_files): on failure no table is left behind,
/// nor a directory this call created. data_error naming the directory or file and the system's
/// reason.
void write_audit(const audit::report& r, const std::string& dir);

/// `node,unit,score_a,score_b,rank_a,rank_b,shift`: every compared unit at every common node.
void write_comparison(std::ostream& out, const audit::comparison& c);

/// `node,n_units,spearman,mean_abs_shift,max_abs_shift,n_moved`: one row per common node.
void write_comparison_summary(std::ostream& out, const audit::comparison& c);

/// Writes compare.csv and compare_summary.csv into `dir` (created, with its parents, when
/// missing), both or none; returns the file names.
std::vector<std::string> write_compare(const audit::comparison& c, const std::string& dir);

} // namespace govmetrics::io
