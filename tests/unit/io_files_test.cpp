// govmetrics::io files: inputs read sanely (regular files only, a size limit), outputs written as
// one transaction (all or nothing, nothing left behind, devices written in place).
#include <govmetrics/error.hpp>
#include <govmetrics/io/files.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_io_files_test {

namespace {

namespace fs = std::filesystem;
namespace gm = govmetrics;

/// A fresh empty folder under the temporary directory, removed at the end of the test case.
class scratch_dir {
public:
  scratch_dir() {
    std::string tmpl = (fs::temp_directory_path() / "govmetrics_io_files_XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    REQUIRE(::mkdtemp(buf.data()) != nullptr);
    path_ = buf.data();
  }
  ~scratch_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  /// The names of the entries in the folder, sorted.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_))
      out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

private:
  fs::path path_;
};

void write_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_SUITE("io::read_input_file") {
  TEST_CASE("a regular file is read whole") {
    scratch_dir d;
    write_text(d / "a.csv", std::string("x,y\n1,2\n\0z", 10));
    CHECK(gm::io::read_input_file(d / "a.csv", "csv", 100) == std::string("x,y\n1,2\n\0z", 10));
  }

  TEST_CASE("a FIFO is refused without being opened, so nothing blocks") {
    scratch_dir d;
    const std::string fifo = d / "pipe.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_THROWS_WITH_AS(
        gm::io::read_input_file(fifo, "methodology", 100),
        ("methodology: cannot read '" + fifo + "' (it is a FIFO (named pipe), not a regular file)")
            .c_str(),
        gm::data_error);
  }

  TEST_CASE("a character device such as /dev/zero is refused") {
    CHECK_THROWS_WITH_AS(
        gm::io::read_input_file("/dev/zero", "csv", 100),
        "csv: cannot read '/dev/zero' (it is a character device, not a regular file)",
        gm::data_error);
  }

  TEST_CASE("a directory, an absent file and an empty name are data_errors naming them") {
    scratch_dir d;
    CHECK_THROWS_WITH_AS(gm::io::read_input_file(d / ".", "csv", 100),
                         doctest::Contains("(it is a directory)"), gm::data_error);
    CHECK_THROWS_WITH_AS(
        gm::io::read_input_file(d / "none.csv", "csv", 100),
        ("csv: cannot open '" + (d / "none.csv") + "' (No such file or directory)").c_str(),
        gm::data_error);
    CHECK_THROWS_WITH_AS(gm::io::read_input_file("", "csv", 100), "csv: the file name is empty",
                         gm::data_error);
  }

  TEST_CASE("a file above the limit is refused with its size, the limit and how to raise it") {
    scratch_dir d;
    write_text(d / "big.csv", std::string(101, 'x'));
    CHECK(gm::io::read_input_file(d / "big.csv", "csv", 101).size() == 101);
    CHECK_THROWS_WITH_AS(gm::io::read_input_file(d / "big.csv", "csv", 100),
                         ("csv: '" + (d / "big.csv") +
                          "' has 101 bytes, more than the limit of 100 (set "
                          "GOVMETRICS_MAX_INPUT_BYTES to raise it)")
                             .c_str(),
                         gm::data_error);
  }

  TEST_CASE("the limit comes from GOVMETRICS_MAX_INPUT_BYTES, and a bad value is named") {
    ::unsetenv("GOVMETRICS_MAX_INPUT_BYTES");
    CHECK(gm::io::max_input_bytes() == gm::io::default_max_input_bytes);
    CHECK(gm::io::default_max_input_bytes == 1073741824U);
    ::setenv("GOVMETRICS_MAX_INPUT_BYTES", "12345", 1);
    CHECK(gm::io::max_input_bytes() == 12345U);
    for (const char* bad : {"0", "-5", "12k", "1e9", "99999999999999999999999"}) {
      ::setenv("GOVMETRICS_MAX_INPUT_BYTES", bad, 1);
      CHECK_THROWS_WITH_AS(gm::io::max_input_bytes(),
                           ("io: GOVMETRICS_MAX_INPUT_BYTES must be a positive integer (a number "
                            "of bytes), not '" +
                            std::string(bad) + "'")
                               .c_str(),
                           gm::data_error);
    }
    ::unsetenv("GOVMETRICS_MAX_INPUT_BYTES");
  }
}

TEST_SUITE("io::same_file") {
  TEST_CASE("the same file through different spellings and links, and files not yet there") {
    scratch_dir d;
    write_text(d / "a.csv", "1");
    write_text(d / "b.csv", "1");
    REQUIRE(::symlink((d / "a.csv").c_str(), (d / "link.csv").c_str()) == 0);
    CHECK(gm::io::same_file(d / "a.csv", d / "a.csv"));
    CHECK(gm::io::same_file(d / "a.csv", d / "./sub/../a.csv"));
    CHECK(gm::io::same_file(d / "a.csv", d / "link.csv"));
    CHECK_FALSE(gm::io::same_file(d / "a.csv", d / "b.csv"));
    CHECK(gm::io::same_file(d / "new.csv", d / "./new.csv"));
    CHECK_FALSE(gm::io::same_file(d / "new.csv", d / "new2.csv"));
  }
}

TEST_SUITE("io::output_files") {
  TEST_CASE("commit writes every file whole and leaves no temporary behind") {
    scratch_dir d;
    write_text(d / "old.csv", "old");
    gm::io::output_files files;
    files.add(d / "new.csv", "a,b\n1,2\n");
    files.add(d / "old.csv", "replaced");
    CHECK(files.paths() == std::vector<std::string>{d / "new.csv", d / "old.csv"});
    files.commit();
    CHECK(read_text(d / "new.csv") == "a,b\n1,2\n");
    CHECK(read_text(d / "old.csv") == "replaced");
    CHECK(d.entries() == std::vector<std::string>{"new.csv", "old.csv"});
    CHECK(files.paths().empty());
  }

  TEST_CASE("when one output cannot be written, no file is created or changed") {
    scratch_dir d;
    write_text(d / "keep.csv", "precious");
    gm::io::output_files files;
    files.add(d / "keep.csv", "new content");
    files.add(d / "fresh.csv", "new content");
    files.add(d / "no_dir/w.csv", "weights");
    CHECK_THROWS_WITH_AS(files.commit(),
                         ("io: cannot create a file next to '" + (d / "no_dir/w.csv") + "' in '" +
                          (d / "no_dir") + "' (No such file or directory)")
                             .c_str(),
                         gm::data_error);
    CHECK(read_text(d / "keep.csv") == "precious");
    CHECK(d.entries() == std::vector<std::string>{"keep.csv"});
  }

  TEST_CASE("two outputs on one file, and an empty name, are refused when added") {
    scratch_dir d;
    gm::io::output_files files;
    files.add(d / "s.csv", "1");
    CHECK_THROWS_WITH_AS(files.add(d / "./s.csv", "2"),
                         ("io: two outputs go to the same file: '" + (d / "s.csv") + "' and '" +
                          (d / "./s.csv") + "'")
                             .c_str(),
                         gm::data_error);
    CHECK_THROWS_WITH_AS(files.add("", "2"), "io: an output file name is empty", gm::data_error);
  }

  TEST_CASE("a directory as target is refused") {
    scratch_dir d;
    REQUIRE(fs::create_directory(d / "dir"));
    gm::io::output_files files;
    files.add(d / "dir", "1");
    CHECK_THROWS_WITH_AS(files.commit(),
                         ("io: cannot write '" + (d / "dir") + "' (it is a directory)").c_str(),
                         gm::data_error);
  }

  TEST_CASE("a character device is written in place, never replaced") {
    gm::io::output_files files;
    files.add("/dev/null", "discarded");
    files.commit();
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
  }

  TEST_CASE("a full device is reported as such") {
    struct stat st {};
    if (::stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode)) {
      MESSAGE("skipped: no /dev/full on this system");
      return;
    }
    gm::io::output_files files;
    files.add("/dev/full", "x");
    CHECK_THROWS_WITH_AS(files.commit(), "io: cannot write '/dev/full' (No space left on device)",
                         gm::data_error);
  }

  TEST_CASE("a link at the target stays a link; the file it points to gets the content") {
    scratch_dir d;
    write_text(d / "real.csv", "old");
    REQUIRE(::symlink((d / "real.csv").c_str(), (d / "link.csv").c_str()) == 0);
    gm::io::output_files files;
    files.add(d / "link.csv", "new");
    files.commit();
    CHECK(fs::is_symlink(d / "link.csv"));
    CHECK(read_text(d / "real.csv") == "new");
  }

  TEST_CASE("an existing file keeps its permissions; a new one gets 0666 less the umask") {
    scratch_dir d;
    write_text(d / "ro.csv", "old");
    REQUIRE(::chmod((d / "ro.csv").c_str(), 0640) == 0);
    const mode_t mask = ::umask(022);
    gm::io::output_files files;
    files.add(d / "ro.csv", "new");
    files.add(d / "new.csv", "new");
    files.commit();
    ::umask(mask);
    struct stat st {};
    REQUIRE(::stat((d / "ro.csv").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);
    REQUIRE(::stat((d / "new.csv").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0644);
  }
}

} // namespace unit_io_files_test
