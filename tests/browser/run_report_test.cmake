# cmake -DCLI= -DNODE= -DCHROMIUM= -DHAVE_REPORT= -DSOURCE= -DOUT= -DROOT= -DDIMENSION=
#       (-DMETHOD= -DDATA= | -DIDATA= -DIMETA=) [-DREPORT_ARGS=a|b] [-DCHECK_ARGS=a|b]
#       -P run_report_test.cmake
# Writes the report with `govmetrics report` and the run's results with `govmetrics run --out`,
# then checks the page in headless Chromium (web/tests/report.test.mjs). Prints "SKIPPED: why"
# when a tool is missing, which fails the test under CI=true.
cmake_minimum_required(VERSION 3.23)

function(skip why)
  if("$ENV{CI}" STREQUAL "true")
    message(FATAL_ERROR "${why} (CI=true: the browser test must run; scripts/test.sh installs "
                        "chromium and runs npm ci --prefix web)")
  endif()
  message("SKIPPED: ${why}")
endfunction()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (exit ${rc})")
  endif()
endfunction()

if(NOT HAVE_REPORT)
  skip("govmetrics was built without the report (web/node_modules missing at configure time)")
  return()
endif()
if(NOT NODE OR NOT EXISTS "${NODE}")
  skip("node not found")
  return()
endif()
if(NOT EXISTS "${CHROMIUM}")
  skip("no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)")
  return()
endif()
if(NOT EXISTS "${SOURCE}/web/node_modules/playwright-core/package.json")
  skip("web/node_modules/playwright-core missing (npm ci --prefix web)")
  return()
endif()

file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
if(DEFINED IDATA)
  if(NOT EXISTS "${IDATA}")
    skip("${IDATA} not found (../shared beside the clone holds the public data)")
    return()
  endif()
  set(METHOD "${OUT}/method.json")
  set(DATA "${OUT}/data.csv")
  run("govmetrics import-coinr" "${CLI}" import-coinr "${IDATA}" "${IMETA}" --out "${METHOD}"
      --data-out "${DATA}")
endif()
string(REPLACE "|" ";" report_args "${REPORT_ARGS}")
string(REPLACE "|" ";" check_args "${CHECK_ARGS}")
run("govmetrics run" "${CLI}" run "${METHOD}" "${DATA}" --top 0 --out "${OUT}/results.csv")
run("govmetrics report" "${CLI}" report "${METHOD}" "${DATA}" --out "${OUT}/report.html"
    ${report_args})
run("the browser test" "${NODE}" "${SOURCE}/web/tests/report.test.mjs" --report
    "${OUT}/report.html" --results "${OUT}/results.csv" --root "${ROOT}" --dimension "${DIMENSION}"
    --screenshot "${OUT}/report.png" --screenshot-top "${OUT}/report_top.png"
    --chromium "${CHROMIUM}" ${check_args})
