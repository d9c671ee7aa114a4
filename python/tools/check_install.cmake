# Checks the install command documented in python/README.md on a scratch prefix:
#
#   cmake --install <build> --component python --prefix <PREFIX>
#
# then imports govmetrics from PREFIX alone (the build folder is not on the path) and runs the
# hand-worked three-unit example of the README (B = 75).
#
#   cmake -DBUILD_DIR=<build> -DPREFIX=<scratch folder> -DPYTHON=<python> -P check_install.cmake
cmake_minimum_required(VERSION 3.23)

foreach(var BUILD_DIR PREFIX PYTHON)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_install: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --component python
                        --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_install: cmake --install failed (${rc}):\n${out}\n${err}")
endif()

set(script [=[
import os, sys
import govmetrics as gm
prefix = os.path.realpath(sys.argv[1])
where = os.path.realpath(gm.__file__)
assert where.startswith(prefix + os.sep), f"imported from {where}, not from {prefix}"
assert os.path.exists(os.path.join(os.path.dirname(where), "py.typed"))
import pandas as pd
m = gm.Methodology(nodes=[gm.Node("index"),
                          gm.Node("broadband", parent="index", column="broadband"),
                          gm.Node("licence_days", parent="index", column="licence_days",
                                  direction="negative")])
data = pd.DataFrame({"broadband": [10.0, 20.0, 30.0], "licence_days": [9.0, 5.0, 7.0]},
                    index=["A", "B", "C"])
res = gm.compute(m, data)
assert res.scores.loc["B", "index"] == 75.0, res.scores
print("ok: govmetrics", gm.__version__, "imported from", os.path.dirname(where))
]=])
execute_process(COMMAND "${CMAKE_COMMAND}" -E env --unset=PYTHONPATH "PYTHONPATH=${PREFIX}"
                        "${PYTHON}" -c "${script}" "${PREFIX}"
                WORKING_DIRECTORY "${PREFIX}" # not the build folder: `python -c` imports from cwd
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_install: importing the installed package failed (${rc}):\n${out}\n${err}")
endif()
message(STATUS "${out}")
