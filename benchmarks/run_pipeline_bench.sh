#!/usr/bin/env bash
# Builds and runs the govmetrics pipeline benchmark (benchmarks/pipeline_bench.cpp) in its own
# Release build directory, then prints every benchmark's median and its ratio to the floor's median
# (BM_floor_read_once: one pass that reads all the input once), measured in the same run.
#
# This script installs nothing. It needs, already installed:
#   - CMake >= 3.23 and a C++17 compiler;
#   - Boost headers and nlohmann_json (the top-level project needs them at configure time);
#   - Google Benchmark with its CMake package (Debian/Ubuntu: apt-get install libbenchmark-dev);
#   - python3 (standard library only) or jq, for the summary table.
#
# Usage:   benchmarks/run_pipeline_bench.sh [extra --benchmark_* flags, e.g. --benchmark_filter=run]
# Environment (all optional):
#   GOVMETRICS_BENCH_BUILD_DIR  build directory (default: <repo>/build-bench, ignored by git)
#   GOVMETRICS_BENCH_OUT        JSON results file (default: <build dir>/pipeline_bench.json)
#   GOVMETRICS_BENCH_JOBS       parallel build jobs (default: number of CPUs)
#   GOVMETRICS_BENCH_UNITS      number of units (default 1000000; the README figures use the default)
# A full run takes about two minutes on a 2-core machine (plus a first build of about a minute).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "${script_dir}/.." && pwd)"
build_dir="${GOVMETRICS_BENCH_BUILD_DIR:-${repo_dir}/build-bench}"
out_json="${GOVMETRICS_BENCH_OUT:-${build_dir}/pipeline_bench.json}"
jobs="${GOVMETRICS_BENCH_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}"
repetitions=5

die() {
  echo "run_pipeline_bench.sh: $*" >&2
  exit 1
}

command -v cmake >/dev/null 2>&1 || die "cmake is not installed (CMake >= 3.23 is needed)"
summariser=""
if command -v python3 >/dev/null 2>&1; then
  summariser=python3
elif command -v jq >/dev/null 2>&1; then
  summariser=jq
else
  die "neither python3 nor jq is installed; one of them is needed for the summary table"
fi

# ---- configure ----------------------------------------------------------------------------------
mkdir -p "${build_dir}"
configure_log="${build_dir}/configure.log"
echo "== configuring ${build_dir} (Release, benchmarks on, tests off)"
if ! cmake -S "${repo_dir}" -B "${build_dir}" -DCMAKE_BUILD_TYPE=Release \
     -DGOVMETRICS_BUILD_BENCHMARKS=ON -DGOVMETRICS_BUILD_TESTS=OFF \
     -DGOVMETRICS_BUILD_EXAMPLES=OFF -DGOVMETRICS_BUILD_APPS=OFF >"${configure_log}" 2>&1; then
  cat "${configure_log}" >&2
  if grep -q "Google Benchmark" "${configure_log}"; then
    die "Google Benchmark (libbenchmark) is missing: apt-get install libbenchmark-dev"
  fi
  die "CMake configuration failed (log: ${configure_log})"
fi

# ---- build --------------------------------------------------------------------------------------
echo "== building govmetrics_bench_pipeline"
cmake --build "${build_dir}" --target govmetrics_bench_pipeline --parallel "${jobs}" ||
  die "the build failed"
exe="${build_dir}/benchmarks/govmetrics_bench_pipeline"
[[ -x "${exe}" ]] || die "the benchmark executable was not produced (${exe})"

# ---- run ----------------------------------------------------------------------------------------
echo "== running (${repetitions} repetitions each; medians; JSON in ${out_json})"
if command -v uptime >/dev/null 2>&1; then
  echo "   load before the run: $(uptime)"
fi
"${exe}" --benchmark_repetitions="${repetitions}" --benchmark_report_aggregates_only=true \
  --benchmark_out_format=json --benchmark_out="${out_json}" "$@"

# ---- summary ------------------------------------------------------------------------------------
echo
echo "== summary (medians of ${repetitions} repetitions; ratio = median / median of the floor)"
if [[ "${summariser}" == python3 ]]; then
  python3 - "${out_json}" <<'PY'
import json
import sys

FLOOR = "BM_floor_read_once"
GOAL = "BM_run_full"
GOAL_RATIO = 3.0

with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
ctx = doc.get("context", {})
rows, cvs, cpu = [], {}, {}
for b in doc.get("benchmarks", []):
    if b.get("run_type") != "aggregate":
        continue
    base = b["run_name"].split("/")[0]
    if b.get("aggregate_name") == "median":
        rows.append((base, float(b["real_time"]), b["time_unit"]))
        cpu[base] = float(b["cpu_time"])
    elif b.get("aggregate_name") == "cv":
        cvs[base] = 100.0 * float(b["real_time"])
floor = next((t for name, t, unit in rows if name == FLOOR), None)
if floor is None or not rows:
    sys.exit("no median for %s in %s (was it filtered out?)" % (FLOOR, sys.argv[1]))
print("date %s, host %s, %s CPUs at %s MHz, load average %s" % (
    ctx.get("date", "?"), ctx.get("host_name", "?"), ctx.get("num_cpus", "?"),
    ctx.get("mhz_per_cpu", "?"), ", ".join("%.2f" % x for x in ctx.get("load_avg", []))))
print("data: %s units x %s indicators, %s missing cells, seed %s" % (
    ctx.get("units", "?"), ctx.get("indicators", "?"), ctx.get("missing_cells", "?"),
    ctx.get("seed", "?")))
print()
print("%-32s %12s %7s %9s %12s" % ("benchmark", "median", "cv", "x floor", "cpu median"))
for name, t, unit in rows:
    cv = cvs.get(name)
    print("%-32s %9.1f %-2s %7s %8.1fx %9.1f %-2s" % (
        name, t, unit, "%.1f%%" % cv if cv is not None else "-", t / floor, cpu[name], unit))
goal = next((t for name, t, unit in rows if name == GOAL), None)
if goal is not None:
    ratio = goal / floor
    print()
    print("goal: %s within %.0fx of the floor: %s (%.1fx)" % (
        GOAL, GOAL_RATIO, "met" if ratio <= GOAL_RATIO else "NOT met", ratio))
load = ctx.get("load_avg", [])
cpus = ctx.get("num_cpus") or 1
if load and load[0] > 0.5 * cpus:
    print("note: the machine was busy (1-minute load %.2f on %s CPUs); medians may be inflated"
          % (load[0], cpus))
print("(times are wall-clock medians; 'cpu median' well below 'median' means the process waited")
print(" for a CPU, i.e. other load on the machine)")
PY
else
  jq -r --arg floor BM_floor_read_once '
    [.benchmarks[] | select(.run_type == "aggregate" and .aggregate_name == "median")
      | {name: (.run_name | split("/")[0]), t: .real_time, unit: .time_unit}] as $rows
    | ($rows | map(select(.name == $floor)) | .[0].t) as $f
    | "date \(.context.date), \(.context.num_cpus) CPUs, load average \(.context.load_avg)",
      "data: \(.context.units) units x \(.context.indicators) indicators",
      "",
      ($rows[] | "\(.name)\t\(.t * 10 | round / 10) \(.unit)\t\(.t / $f * 10 | round / 10)x floor")
  ' "${out_json}"
fi
