# Shared by the README's two commands: find the project, install missing Debian packages.
# shellcheck shell=bash
set -euo pipefail

GOVMETRICS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GOVMETRICS_ROOT
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

log() { printf '[govmetrics] %s\n' "$*" >&2; }
die() { printf '[govmetrics] error: %s\n' "$*" >&2; exit 1; }

# ensure_packages PKG...: installs the Debian packages that are not installed yet (idempotent).
ensure_packages() {
  local missing=()
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    die "missing packages (${missing[*]}) and no apt-get here: install them with your package manager"
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      die "missing packages (${missing[*]}): run as root or install them: apt-get install ${missing[*]}"
    fi
  fi
  log "installing Debian packages: ${missing[*]}"
  if [ ! -f /tmp/.govmetrics-apt-updated ]; then
    "${sudo[@]}" apt-get update -qq || die "apt-get update failed (is a Debian mirror reachable?)"
    touch /tmp/.govmetrics-apt-updated 2>/dev/null || true
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

# The packages every build needs.
BUILD_PACKAGES=(g++ make cmake pkg-config libboost-dev nlohmann-json3-dev libcli11-dev coinor-libclp-dev)
# The packages the tests need in addition (chromium and a font with Chinese glyphs: the HTML
# report's browser test and its screenshots).
TEST_PACKAGES=(doctest-dev clang-format libbenchmark-dev clang-14 libclang-rt-14-dev chromium
  fonts-wqy-zenhei)

# The packages the Python package and its tests need (Debian's Python: /usr/bin/python3).
PYTHON_PACKAGES=(python3-dev pybind11-dev python3-numpy python3-pandas python3-pytest
  python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel python3-tqdm
  python3-distributed python3-openpyxl)

# ensure_web_packages: installs web/package-lock.json's packages into web/node_modules with npm
# (the charting library the HTML report inlines at build time, and playwright-core for its browser
# test), unless the same lockfile was installed already. Returns 1 when npm is missing, 2 when
# npm ci fails (e.g. no registry): the callers decide whether that is fatal.
ensure_web_packages() {
  local web="$GOVMETRICS_ROOT/web"
  local stamp="$web/node_modules/.govmetrics-package-lock.json"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$web/package-lock.json"; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    return 1
  fi
  log "installing the report's charting library and browser driver (npm ci --prefix web)"
  if ! npm ci --prefix "$web" --no-audit --no-fund --loglevel=error >&2; then
    log "npm ci --prefix web failed (is the npm registry reachable?)"
    return 2
  fi
  cp "$web/package-lock.json" "$stamp"
}

# find_python: prints the path of a Python 3 that can import numpy and pandas (Debian's
# /usr/bin/python3 first: the `python3` first on PATH may be another interpreter without them).
find_python() {
  local candidates=(/usr/bin/python3)
  if command -v python3 >/dev/null 2>&1; then candidates+=("$(command -v python3)"); fi
  local py
  for py in "${candidates[@]}"; do
    if [ -x "$py" ] && "$py" -c 'import numpy, pandas' >/dev/null 2>&1; then
      printf '%s\n' "$py"
      return 0
    fi
  done
  return 1
}

# ccache, when installed, makes rebuilds cheap (it is optional: nothing installs it). The
# sloppiness lets it cache translation units compiled over the tests' precompiled header.
CCACHE_ARGS=()
if command -v ccache >/dev/null 2>&1 && [ "${GOVMETRICS_CCACHE:-1}" != 0 ]; then
  CCACHE_ARGS=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
fi

# configure_and_build BUILD_DIR [CMAKE ARGS...] [-- TARGETS...]
configure_and_build() {
  local dir="$1"
  shift
  local args=() targets=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    args+=("$1")
    shift
  done
  if [ "$#" -gt 0 ]; then
    shift
    targets=("$@")
  fi
  cmake -S "$GOVMETRICS_ROOT" -B "$dir" "${CCACHE_ARGS[@]}" "${args[@]}" >/dev/null
  if [ "${#targets[@]}" -gt 0 ]; then
    cmake --build "$dir" -j "$JOBS" --target "${targets[@]}"
  else
    cmake --build "$dir" -j "$JOBS"
  fi
}
