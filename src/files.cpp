// Input files read sanely, output files written as one transaction (io/files.hpp).
#include "govmetrics/io/files.hpp"

#include "govmetrics/config.hpp"
#include "govmetrics/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

namespace govmetrics::io {

namespace {

namespace fs = std::filesystem;

std::string path_in_quotes(const std::string& path) {
  return "'" + path + "'";
}

std::string reason(int err) {
  return std::generic_category().message(err);
}

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode))
    return "a directory";
  if (S_ISFIFO(mode))
    return "a FIFO (named pipe)";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  return "not a regular file";
}

/// Writes all of `content` to `fd`; the errno of the first failure, or 0.
int write_all(int fd, const std::string& content) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return errno;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return 0;
}

std::string normalised(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(fs::path(path), ec), ec);
  if (ec)
    p = fs::absolute(fs::path(path), ec).lexically_normal();
  return p.string();
}

struct pending {
  std::string target;
  std::string temporary; // empty for a direct write
  const std::string* content = nullptr;
};

void remove_temporaries(const std::vector<pending>& files) {
  for (const auto& f : files) {
    if (!f.temporary.empty())
      ::unlink(f.temporary.c_str());
  }
}

/// Creates and fills the temporary file of `target` (a regular file or absent); its name.
std::string write_temporary(const std::string& target, const std::string& content) {
  const fs::path t(target);
  fs::path dir = t.parent_path();
  if (dir.empty())
    dir = ".";
  std::string name = (dir / ("." + t.filename().string() + ".govmetrics-XXXXXX")).string();
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  // mkstemp opens with O_CREAT | O_EXCL: it never follows a link planted at the name.
  const int fd = ::mkstemp(buf.data());
  if (fd < 0) {
    const int err = errno;
    GOVMETRICS_THROW(data_error("io: cannot create a file next to " + path_in_quotes(target) +
                                " in " + path_in_quotes(dir.string()) + " (" + reason(err) + ")"));
  }
  const std::string tmp(buf.data());
  // The permissions an ordinary new file gets (0666 less the umask), or the existing file's.
  struct stat st {};
  mode_t mode = 0;
  if (::stat(target.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = static_cast<mode_t>(0666 & ~mask);
  }
  int err = ::fchmod(fd, mode) == 0 ? 0 : errno;
  if (err == 0)
    err = write_all(fd, content);
  if (err == 0 && ::fsync(fd) != 0)
    err = errno;
  if (::close(fd) != 0 && err == 0)
    err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    GOVMETRICS_THROW(
        data_error("io: cannot write " + path_in_quotes(target) + " (" + reason(err) + ")"));
  }
  return tmp;
}

/// Writes `content` into the existing non-regular file `target` (a device, a FIFO).
void write_direct(const std::string& target, const std::string& content) {
  const int fd = ::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    GOVMETRICS_THROW(data_error("io: cannot open " + path_in_quotes(target) + " for writing (" +
                                reason(err) + ")"));
  }
  int err = write_all(fd, content);
  if (::close(fd) != 0 && err == 0)
    err = errno;
  if (err != 0)
    GOVMETRICS_THROW(
        data_error("io: cannot write " + path_in_quotes(target) + " (" + reason(err) + ")"));
}

} // namespace

std::uint64_t max_input_bytes() {
  const char* s = std::getenv("GOVMETRICS_MAX_INPUT_BYTES");
  if (s == nullptr || *s == '\0')
    return default_max_input_bytes;
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (*s < '0' || *s > '9' || end == s || *end != '\0' || errno == ERANGE || v == 0) {
    GOVMETRICS_THROW(data_error("io: GOVMETRICS_MAX_INPUT_BYTES must be a positive integer "
                                "(a number of bytes), not '" +
                                std::string(s).substr(0, 40) + "'"));
  }
  return static_cast<std::uint64_t>(v);
}

std::string read_input_file(const std::string& path, const std::string& what) {
  return read_input_file(path, what, max_input_bytes());
}

std::string read_input_file(const std::string& path, const std::string& what,
                            std::uint64_t max_bytes) {
  if (path.empty())
    GOVMETRICS_THROW(data_error(what + ": the file name is empty"));
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    GOVMETRICS_THROW(
        data_error(what + ": cannot open " + path_in_quotes(path) + " (" + reason(err) + ")"));
  }
  if (S_ISDIR(st.st_mode))
    GOVMETRICS_THROW(
        data_error(what + ": cannot read " + path_in_quotes(path) + " (it is a directory)"));
  if (!S_ISREG(st.st_mode)) {
    GOVMETRICS_THROW(data_error(what + ": cannot read " + path_in_quotes(path) + " (it is " +
                                kind_of(st.st_mode) + ", not a regular file)"));
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_bytes) {
    GOVMETRICS_THROW(data_error(what + ": " + path_in_quotes(path) + " has " +
                                std::to_string(size) + " bytes, more than the limit of " +
                                std::to_string(max_bytes) +
                                " (set GOVMETRICS_MAX_INPUT_BYTES to raise it)"));
  }
  // O_NONBLOCK: should the file have been replaced by a FIFO since stat, open does not block.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    GOVMETRICS_THROW(
        data_error(what + ": cannot open " + path_in_quotes(path) + " (" + reason(err) + ")"));
  }
  struct stat st2 {};
  if (::fstat(fd, &st2) != 0 || !S_ISREG(st2.st_mode)) {
    ::close(fd);
    GOVMETRICS_THROW(data_error(what + ": cannot read " + path_in_quotes(path) +
                                " (it changed into something that is not a regular file)"));
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(size));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      const int err = errno;
      ::close(fd);
      GOVMETRICS_THROW(data_error(what + ": error while reading " + path_in_quotes(path) + " (" +
                                  reason(err) + ")"));
    }
    if (n == 0)
      break;
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      ::close(fd);
      GOVMETRICS_THROW(data_error(what + ": " + path_in_quotes(path) +
                                  " grew beyond the limit of " + std::to_string(max_bytes) +
                                  " bytes while being read (set GOVMETRICS_MAX_INPUT_BYTES)"));
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {};
  struct stat sb {};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  return normalised(a) == normalised(b);
}

void output_files::add(std::string path, std::string content) {
  if (path.empty())
    GOVMETRICS_THROW(data_error("io: an output file name is empty"));
  for (const auto& f : files_) {
    if (same_file(f.first, path)) {
      GOVMETRICS_THROW(data_error("io: two outputs go to the same file: " +
                                  path_in_quotes(f.first) + " and " + path_in_quotes(path)));
    }
  }
  files_.emplace_back(std::move(path), std::move(content));
}

std::vector<std::string> output_files::paths() const {
  std::vector<std::string> out;
  out.reserve(files_.size());
  for (const auto& f : files_)
    out.push_back(f.first);
  return out;
}

void output_files::commit() {
  std::vector<pending> work;
  work.reserve(files_.size());
  try {
    // 1. every regular (or new) target into its temporary file
    for (const auto& f : files_) {
      pending p;
      p.target = f.first;
      p.content = &f.second;
      struct stat st {};
      const bool exists = ::lstat(f.first.c_str(), &st) == 0;
      struct stat target {};
      const bool resolves = ::stat(f.first.c_str(), &target) == 0;
      if (resolves && S_ISDIR(target.st_mode)) {
        GOVMETRICS_THROW(
            data_error("io: cannot write " + path_in_quotes(f.first) + " (it is a directory)"));
      }
      if (resolves && !S_ISREG(target.st_mode)) {
        work.push_back(std::move(p)); // a device or FIFO: written directly below
        continue;
      }
      // A link to a regular file: the file it points to is replaced, the link stays.
      std::string where = f.first;
      if (exists && S_ISLNK(st.st_mode) && resolves) {
        std::error_code ec;
        const fs::path real = fs::canonical(fs::path(f.first), ec);
        if (!ec)
          where = real.string();
      }
      p.target = where;
      p.temporary = write_temporary(where, f.second);
      work.push_back(std::move(p));
    }
    // 2. direct writes (devices, FIFOs): nothing regular has been touched yet
    for (const auto& p : work) {
      if (p.temporary.empty())
        write_direct(p.target, *p.content);
    }
  } catch (...) {
    remove_temporaries(work);
    throw;
  }
  // 3. every temporary into place
  for (std::size_t i = 0; i < work.size(); ++i) {
    const auto& p = work[i];
    if (p.temporary.empty())
      continue;
    if (::rename(p.temporary.c_str(), p.target.c_str()) != 0) {
      const int err = errno;
      std::vector<pending> rest(work.begin() + static_cast<std::ptrdiff_t>(i), work.end());
      remove_temporaries(rest);
      GOVMETRICS_THROW(data_error("io: cannot move the output into place at " +
                                  path_in_quotes(p.target) + " (" + reason(err) + ")" +
                                  (i > 0 ? "; the outputs before it were written" : "")));
    }
  }
  files_.clear();
}

void output_files::commit_in_directory(const std::string& dir, const std::string& who) {
  if (dir.empty())
    GOVMETRICS_THROW(data_error(who + ": the output directory name is empty"));
  std::error_code ec;
  const bool created = std::filesystem::create_directories(dir, ec);
  if (ec) {
    GOVMETRICS_THROW(
        data_error(who + ": cannot create the directory '" + dir + "' (" + ec.message() + ")"));
  }
  try {
    commit();
  } catch (...) {
    if (created)
      std::filesystem::remove(dir, ec);
    throw;
  }
}

std::vector<std::string> write_tables(const std::string& dir, const std::string& who,
                                      const std::vector<table_writer>& tables) {
  output_files files;
  std::vector<std::string> names;
  for (const auto& [name, write] : tables) {
    std::ostringstream text;
    write(text);
    files.add((std::filesystem::path(dir) / name).string(), text.str());
    names.push_back(name);
  }
  files.commit_in_directory(dir, who);
  return names;
}

} // namespace govmetrics::io
