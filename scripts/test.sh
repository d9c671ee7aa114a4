#!/usr/bin/env bash
# README command 2: every test. Builds with warnings as errors and runs the C++ unit, reference,
# CLI, example, header and consumer tests, the benchmarks' smoke runs and the Python tests (pytest,
# the notebook, the install check); checks formatting; then runs the C++ tests once more under
# AddressSanitizer + UndefinedBehaviorSanitizer, compiled by clang in a separate build directory
# that builds only the programs those tests run; then runs each libFuzzer harness for a short
# fixed time (scripts/fuzz.sh). Prints the wall time of every stage and the total.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

T0=$SECONDS
STAGE_TIMES=()
stage_start() {
  STAGE_NAME="$1"
  STAGE_T0=$SECONDS
  log "$1"
}
stage_end() {
  local s=$((SECONDS - STAGE_T0))
  STAGE_TIMES+=("$(printf '%-58s %3dm%02ds' "$STAGE_NAME" $((s / 60)) $((s % 60)))")
  log "$(printf '%s: %dm%02ds' "${STAGE_NAME%% (*}" $((s / 60)) $((s % 60)))"
}
print_times() {
  local t=$((SECONDS - T0)) line
  log "stage times (wall):"
  for line in "${STAGE_TIMES[@]}"; do
    log "  $line"
  done
  log "$(printf '  %-58s %3dm%02ds' total $((t / 60)) $((t % 60)))"
}
trap 'rc=$?; if [ "$rc" -ne 0 ]; then print_times; fi' EXIT

stage_start "0/4 packages (Debian, only those missing)"
ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${PYTHON_PACKAGES[@]}"
ensure_web_packages || die "npm not found or npm ci failed: the HTML report's charting library \
and its browser test come from the npm registry (install Node.js with npm)"
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
stage_end

stage_start "1/4 formatting (clang-format --dry-run --Werror)"
mapfile -t sources < <(git ls-files '*.hpp' '*.cpp' 2>/dev/null || find include src apps tests examples benchmarks -name '*.[ch]pp')
clang-format --dry-run --Werror "${sources[@]}"
stage_end

BUILD="${GOVMETRICS_BUILD_DIR:-$GOVMETRICS_ROOT/build/test}"
stage_start "2/4 build in $BUILD (Release, -Werror, Python, benchmarks)"
# No link-time optimisation for the Python module here: the tests do not need it and it costs
# minutes (a user's build keeps it: GOVMETRICS_PYTHON_LTO defaults to ON).
configure_and_build "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGOVMETRICS_WERROR=ON \
  -DGOVMETRICS_BUILD_PYTHON=ON "-DPython_EXECUTABLE=$PYTHON" -DGOVMETRICS_PYTHON_LTO=OFF \
  -DGOVMETRICS_BUILD_BENCHMARKS=ON
stage_end
stage_start "2/4 tests in $BUILD (ctest)"
ctest --test-dir "$BUILD" -j "$JOBS" --output-on-failure --no-tests=error
stage_end

ASAN="${GOVMETRICS_ASAN_DIR:-$GOVMETRICS_ROOT/build/asan-clang}"
stage_start "3/4 build in $ASAN (clang, AddressSanitizer + UBSan, -Werror)"
# clang++-14 (installed for the fuzzers): a second compiler's warnings, as errors, and faster
# instrumented -O0 compiles than GCC's (a unity batch of the unit tests: 22 s against 34 s).
# -O0 -g1: line numbers in reports; the tests run in seconds either way. Only the programs the
# C++ tests run are built, side by side (govmetrics_test_programs: the unit and reference tests
# and the command for the CLI tests); no examples, Python module, benchmarks, header check or
# consumer projects.
configure_and_build "$ASAN" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" -DGOVMETRICS_WERROR=ON -DGOVMETRICS_SANITIZE=ON \
  -DGOVMETRICS_INSTALL=OFF -DGOVMETRICS_BUILD_EXAMPLES=OFF -DGOVMETRICS_BUILD_PYTHON=OFF \
  -DGOVMETRICS_BUILD_BENCHMARKS=OFF -- govmetrics_test_programs
stage_end
stage_start "3/4 tests in $ASAN (ctest)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$ASAN" -j "$JOBS" --output-on-failure --no-tests=error
stage_end
stage_start "4/4 fuzzing (libFuzzer, ASan + UBSan, ${GOVMETRICS_FUZZ_SECONDS:-15}s per harness)"
# the CSV reader, the methodology reader and a whole run, each for a short fixed time after
# replaying its regression inputs (scripts/fuzz.sh; longer runs: scripts/fuzz.sh 600)
bash "$GOVMETRICS_ROOT/scripts/fuzz.sh" "${GOVMETRICS_FUZZ_SECONDS:-15}"
stage_end
print_times
log "all tests passed"
