// Test support: locating the shared public data and reference outputs (`../shared` beside the
// clone), and skipping visibly when they are absent.
//
// The folder is the compile definition GOVMETRICS_SHARED_DIR (the CMake cache variable of the same
// name, by default `<source>/../shared`). When it is absent:
// - with the environment variable CI set to "true", a test that needs it FAILS with a message
//   saying where it was looked for (CI must never pass by skipping the reference tests);
// - otherwise the test case prints "skipped: ../shared not found at <path>" (a doctest MESSAGE,
//   which the console reporter always shows) and returns early. doctest 2.4.9 has no run-time skip,
//   so CMake marks such a test as skipped in CTest through the SKIP_REGULAR_EXPRESSION property
//   "skipped: ../shared not found" (see tests/reference/CMakeLists.txt).
//
// Use at the top of every test case that reads shared files:
//
//   TEST_CASE("...") {
//     GOVMETRICS_REQUIRE_SHARED_DATA();
//     const auto data = read_csv(govmetrics_test::shared_path("data/un_egdi_2022/x.csv"), opts);
//   }
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#ifndef GOVMETRICS_SHARED_DIR
#error "GOVMETRICS_SHARED_DIR must be defined (the folder holding data/ and reference/)"
#endif

namespace govmetrics_test {

/// The configured shared folder (GOVMETRICS_SHARED_DIR), as given.
inline std::string shared_dir() {
  return GOVMETRICS_SHARED_DIR;
}

/// True when the environment variable CI is exactly "true" (GitHub Actions, GitLab CI, ...).
inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

/// True when the shared folder exists (as a directory).
inline bool shared_dir_present() {
  std::error_code ec;
  return std::filesystem::is_directory(shared_dir(), ec);
}

/// The line a skipped test prints; CTest's SKIP_REGULAR_EXPRESSION matches its start.
inline std::string skip_message() {
  return "skipped: ../shared not found at " + shared_dir() +
         " (configure with -DGOVMETRICS_SHARED_DIR=<folder holding data/ and reference/>)";
}

/// The message of a failure in CI.
inline std::string ci_failure_message() {
  return "../shared not found at " + shared_dir() +
         " and CI=true: the reference tests must run in CI (configure with "
         "-DGOVMETRICS_SHARED_DIR=<folder holding data/ and reference/>)";
}

/// `rel` resolved against the shared folder. Throws std::runtime_error (failing the test with a
/// clear message) when the folder is absent: call GOVMETRICS_REQUIRE_SHARED_DATA() first to skip
/// instead.
inline std::string shared_path(const std::string& rel) {
  if (!shared_dir_present()) {
    throw std::runtime_error(running_in_ci()
                                 ? ci_failure_message()
                                 : "../shared not found at " + shared_dir() +
                                       " (use GOVMETRICS_REQUIRE_SHARED_DATA() to skip)");
  }
  return shared_dir() + "/" + rel;
}

} // namespace govmetrics_test

/// At the top of a test case: FAIL when the shared folder is absent and CI=true; otherwise, when it
/// is absent, print the skip message and return from the test case.
#define GOVMETRICS_REQUIRE_SHARED_DATA()                                                           \
  do {                                                                                             \
    if (!::govmetrics_test::shared_dir_present()) {                                                \
      if (::govmetrics_test::running_in_ci()) {                                                    \
        FAIL(::govmetrics_test::ci_failure_message());                                             \
      }                                                                                            \
      MESSAGE(::govmetrics_test::skip_message());                                                  \
      return;                                                                                      \
    }                                                                                              \
  } while (false)
