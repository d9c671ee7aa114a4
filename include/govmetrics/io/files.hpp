// Reading input files sanely and writing output files as one transaction (compiled in
// govmetrics::io). Every front end (the command, Python's writers) goes through these.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::io {

/// What a reader loads at most, in bytes, unless GOVMETRICS_MAX_INPUT_BYTES says otherwise
/// (1 GiB).
inline constexpr std::uint64_t default_max_input_bytes = std::uint64_t{1} << 30U;

/// The limit in force: GOVMETRICS_MAX_INPUT_BYTES from the environment when it holds a positive
/// integer, else default_max_input_bytes. data_error when the variable is set to anything else.
std::uint64_t max_input_bytes();

/// The whole content of the input file `path`. `what` names the reader in messages ("csv",
/// "methodology"). data_error naming the path when it is absent, a directory, not a regular file
/// (a FIFO, a device, a socket: refused without being opened, so nothing blocks and nothing
/// endless is read), larger than `max_bytes`, or cannot be read.
std::string read_input_file(const std::string& path, const std::string& what,
                            std::uint64_t max_bytes);
/// The same with max_input_bytes().
std::string read_input_file(const std::string& path, const std::string& what);

/// True when `a` and `b` name the same file: the same device and inode when both exist, the same
/// normalised absolute path otherwise (also through symbolic links of the existing part).
bool same_file(const std::string& a, const std::string& b);

/// Output files written as one transaction. `add` only records; `commit` writes every regular
/// target to a temporary file created exclusively in the target's folder (never following a
/// link), flushes and syncs it, and renames all of them into place only after every one was
/// written. On any failure it removes the temporaries and leaves every existing file as it was.
/// A target that exists and is not a regular file (a character device such as /dev/null or
/// /dev/stdout, a FIFO) is written directly, never replaced. Errors are data_errors naming the
/// path and the system's reason (e.g. "No space left on device").
class output_files {
public:
  /// Records `content` for `path`. data_error when `path` is empty or is the same file as an
  /// output added before (two outputs on one path would keep only the last one).
  void add(std::string path, std::string content);

  /// The paths added so far, in order.
  std::vector<std::string> paths() const;

  /// Writes everything, as described above. The object is empty afterwards.
  void commit();

  /// commit() into directory `dir`, which is created (with its parents) when missing and removed
  /// again when the commit fails and this call created it: a failed run leaves nothing behind.
  /// data_error naming `who`, the directory and the system's reason when it cannot be created.
  void commit_in_directory(const std::string& dir, const std::string& who);

private:
  std::vector<std::pair<std::string, std::string>> files_;
};

/// One table of a directory of tables: its file name and what writes it.
using table_writer = std::pair<std::string, std::function<void(std::ostream&)>>;

/// Writes every table into directory `dir` (output_files::commit_in_directory: created when
/// missing, all or none) and returns the file names, in order.
std::vector<std::string> write_tables(const std::string& dir, const std::string& who,
                                      const std::vector<table_writer>& tables);

} // namespace govmetrics::io
