#!/usr/bin/env bash
# README command 1: build the `govmetrics` command and compute the illustrative city index.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${BUILD_PACKAGES[@]}"
# the HTML report (govmetrics report) needs its charting library from npm; without npm the
# command is built without it
ensure_web_packages ||
  log "note: no charting library from npm: building without the HTML report (docs/report.md)"
BUILD="${GOVMETRICS_BUILD_DIR:-$GOVMETRICS_ROOT/build/release}"
log "building in $BUILD"
configure_and_build "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGOVMETRICS_BUILD_TESTS=OFF \
  -DGOVMETRICS_BUILD_EXAMPLES=OFF >/dev/null
"$BUILD/apps/govmetrics" run \
  "$GOVMETRICS_ROOT/examples/cities/city_digital_governance.json" \
  "$GOVMETRICS_ROOT/examples/cities/cities.csv" --top 10 "$@"
