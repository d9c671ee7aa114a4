#!/usr/bin/env bash
# README command 2: every test. Builds with warnings as errors and runs the C++ unit, reference,
# CLI, example, header and consumer tests and the Python tests (pytest, the notebook, the install
# check); checks formatting; then runs the C++ tests once more under AddressSanitizer +
# UndefinedBehaviorSanitizer in a separate build directory.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${PYTHON_PACKAGES[@]}"
cd "$GOVMETRICS_ROOT"
PYTHON="$(find_python)" || die "no Python 3 with numpy and pandas found (tried /usr/bin/python3 and \
python3 on PATH); on Debian: apt-get install ${PYTHON_PACKAGES[*]}"
log "Python for the bindings and their tests: $PYTHON"

if [ ! -d "$GOVMETRICS_ROOT/../shared" ]; then
  if [ "${CI:-}" = "true" ]; then
    die "../shared (public data and reference outputs) is missing, and CI=true requires it"
  fi
  log "note: ../shared not found: the reference tests will report themselves as skipped"
fi

log "1/3 formatting (clang-format --dry-run --Werror)"
mapfile -t sources < <(git ls-files '*.hpp' '*.cpp' 2>/dev/null || find include src apps tests examples benchmarks -name '*.[ch]pp')
clang-format --dry-run --Werror "${sources[@]}"

BUILD="${GOVMETRICS_BUILD_DIR:-$GOVMETRICS_ROOT/build/test}"
log "2/3 build and test in $BUILD (Release, warnings as errors, with the Python package)"
configure_and_build "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGOVMETRICS_WERROR=ON \
  -DGOVMETRICS_BUILD_PYTHON=ON "-DPython_EXECUTABLE=$PYTHON"
ctest --test-dir "$BUILD" -j "$JOBS" --output-on-failure --no-tests=error

ASAN="${GOVMETRICS_ASAN_DIR:-$GOVMETRICS_ROOT/build/asan}"
log "3/3 C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer in $ASAN"
# -O1 -g1: line numbers in reports, and a quicker build than RelWithDebInfo. Warnings are errors
# in the main build above; here they are only shown (-O1 has its own false positives).
configure_and_build "$ASAN" -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" \
  -DGOVMETRICS_WERROR=OFF \
  -DGOVMETRICS_SANITIZE=ON -DGOVMETRICS_INSTALL=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$ASAN" -j "$JOBS" --output-on-failure --no-tests=error
log "all tests passed"
