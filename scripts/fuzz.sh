#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz: the CSV reader, the methodology reader, a whole run)
# with clang under AddressSanitizer + UndefinedBehaviorSanitizer and runs each for SECONDS seconds
# (default 60; the three side by side, at once), after replaying the regression inputs in
# tests/fuzz/regressions/<harness>/.
#
#   scripts/fuzz.sh [SECONDS]
#
# Seeds: the bundled example data and the CLI tests' files, and ../shared/data when it is there
# (copied into the build folder, never into the project). The growing corpus stays in
# build/fuzz/corpus/<harness> between runs. A crash, a sanitizer report, a leak or a timeout stops
# the script with exit 1 and leaves the input in build/fuzz/artifacts/: copy it into
# tests/fuzz/regressions/<harness>/ with the fix, so that it is replayed from then on.
# Prints the executions of every harness at the end.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SECONDS_EACH="${1:-60}"
case "$SECONDS_EACH" in
  '' | *[!0-9]*) die "fuzz.sh: SECONDS must be a whole number of seconds, not '$SECONDS_EACH'" ;;
esac
ensure_packages "${BUILD_PACKAGES[@]}" clang-14 libclang-rt-14-dev
CLANG="$(command -v clang++-14 || command -v clang++)" || die "clang++ not found"

FUZZ="${GOVMETRICS_FUZZ_DIR:-$GOVMETRICS_ROOT/build/fuzz}"
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
log "building the fuzzers in $FUZZ ($CLANG)"
configure_and_build "$FUZZ" "-DCMAKE_CXX_COMPILER=$CLANG" -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS=$SAN" "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" -DGOVMETRICS_BUILD_FUZZERS=ON \
  -DGOVMETRICS_BUILD_TESTS=OFF -DGOVMETRICS_BUILD_APPS=OFF -DGOVMETRICS_BUILD_EXAMPLES=OFF \
  -DGOVMETRICS_INSTALL=OFF -DGOVMETRICS_WITH_CLP=OFF -DGOVMETRICS_WERROR=OFF \
  -- govmetrics_fuzz_csv govmetrics_fuzz_methodology govmetrics_fuzz_run

# seeds, rebuilt each time: a mode byte (see each harness) before every data file
SEEDS="$FUZZ/seeds"
rm -rf "$SEEDS"
mkdir -p "$SEEDS/csv" "$SEEDS/methodology" "$SEEDS/run" "$FUZZ/corpus" "$FUZZ/artifacts"
mapfile -t csvs < <(ls "$GOVMETRICS_ROOT"/examples/cities/*.csv "$GOVMETRICS_ROOT"/tests/cli/data/*.csv 2>/dev/null)
mapfile -t jsons < <(ls "$GOVMETRICS_ROOT"/examples/cities/*.json "$GOVMETRICS_ROOT"/tests/cli/data/*.json \
  "$GOVMETRICS_ROOT"/tests/reference/methodologies/*.json 2>/dev/null)
if [ -d "$GOVMETRICS_ROOT/../shared/data" ]; then
  mapfile -t -O "${#csvs[@]}" csvs < <(find "$GOVMETRICS_ROOT/../shared/data" -name '*.csv' -size -256k)
fi
i=0
for f in "${csvs[@]}"; do
  i=$((i + 1))
  { printf '\002'; head -c 65536 "$f"; } >"$SEEDS/csv/wide_$i"
  { printf '\003'; head -c 65536 "$f"; } >"$SEEDS/csv/long_$i"
  { printf '\000'; head -c 65536 "$f"; } >"$SEEDS/run/a_$i"
  { printf '\141'; head -c 65536 "$f"; } >"$SEEDS/run/b_$i"
done
# a run seed in the harness's own columns
printf '\000unit,x,y,z\na,1,2,3\nb,4,,6\nc,1e308,-1e308,5e-324\nd,0,0,0\n' >"$SEEDS/run/hand"
i=0
for f in "${jsons[@]}"; do
  i=$((i + 1))
  cp "$f" "$SEEDS/methodology/m_$i.json"
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
summary=()
for h in csv methodology run; do
  exe="$FUZZ/tests/fuzz/fuzz_$h"
  reg="$GOVMETRICS_ROOT/tests/fuzz/regressions/$h"
  if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
    log "fuzz_$h: replaying $(ls -A "$reg" | wc -l) regression inputs"
    "$exe" "$reg"/* >"$FUZZ/fuzz_${h}_regressions.log" 2>&1 ||
      { tail -40 "$FUZZ/fuzz_${h}_regressions.log" >&2; die "fuzz_$h: a regression input fails again"; }
  fi
done
# The three harnesses side by side (each a single process): SECONDS each, at once, not one after
# the other.
declare -A pid
for h in csv methodology run; do
  mkdir -p "$FUZZ/corpus/$h"
  log "fuzz_$h: ${SECONDS_EACH}s"
  "$FUZZ/tests/fuzz/fuzz_$h" -max_total_time="$SECONDS_EACH" -max_len=16384 -timeout=20 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$FUZZ/artifacts/${h}-" \
    "$FUZZ/corpus/$h" "$SEEDS/$h" >"$FUZZ/fuzz_$h.log" 2>&1 &
  pid[$h]=$!
done
failed=()
for h in csv methodology run; do
  wait "${pid[$h]}" || failed+=("$h")
done
for h in "${failed[@]}"; do
  tail -60 "$FUZZ/fuzz_$h.log" >&2
  log "fuzz_$h found a failure: the input is in $FUZZ/artifacts/ (log: $FUZZ/fuzz_$h.log)"
done
[ "${#failed[@]}" -eq 0 ] || die "fuzzing found a failure in: ${failed[*]}"
for h in csv methodology run; do
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$FUZZ/fuzz_$h.log" | grep -o '[0-9]*$' || echo '?')"
  cov="$(grep -o 'cov: [0-9]*' "$FUZZ/fuzz_$h.log" | tail -1 || true)"
  summary+=("fuzz_$h: $runs executions in ${SECONDS_EACH}s, $cov, corpus $(ls "$FUZZ/corpus/$h" | wc -l) inputs, no failure")
done
for line in "${summary[@]}"; do
  log "$line"
done
