# Runs generate_cities and checks that its output is byte-for-byte the committed cities.csv.
# Usage: cmake -DGENERATOR=<exe> -DSEED=<n> -DEXPECTED=<committed csv> -DACTUAL=<output csv>
#              -P check_generator.cmake
foreach(var IN ITEMS GENERATOR SEED EXPECTED ACTUAL)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_generator.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${EXPECTED}")
  message(FATAL_ERROR "committed file not found: ${EXPECTED}")
endif()

file(REMOVE "${ACTUAL}")
execute_process(COMMAND "${GENERATOR}" --seed "${SEED}" --out "${ACTUAL}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate_cities --seed ${SEED} --out ${ACTUAL} failed (${rc}): ${err}")
endif()

file(READ "${EXPECTED}" expected_hex HEX)
file(READ "${ACTUAL}" actual_hex HEX)
if(expected_hex STREQUAL actual_hex)
  message(STATUS "OK: generate_cities --seed ${SEED} reproduces ${EXPECTED} byte for byte")
  return()
endif()

# Mismatch: report sizes and the first differing line to make the failure easy to read.
file(SIZE "${EXPECTED}" expected_size)
file(SIZE "${ACTUAL}" actual_size)
file(STRINGS "${EXPECTED}" expected_lines ENCODING UTF-8)
file(STRINGS "${ACTUAL}" actual_lines ENCODING UTF-8)
list(LENGTH expected_lines n_expected)
list(LENGTH actual_lines n_actual)
set(detail "")
set(line 0)
while(line LESS n_expected AND line LESS n_actual)
  list(GET expected_lines ${line} e)
  list(GET actual_lines ${line} a)
  if(NOT e STREQUAL a)
    math(EXPR shown "${line} + 1")
    set(detail "first difference at line ${shown}:\n  committed: ${e}\n  generated: ${a}\n")
    break()
  endif()
  math(EXPR line "${line} + 1")
endwhile()
if(detail STREQUAL "")
  string(CONCAT detail "the lines compare equal as text (${n_expected} vs ${n_actual} lines): line "
         "endings or trailing bytes differ (was cities.csv checked out with CRLF line endings?)\n")
endif()
message(FATAL_ERROR
        "generate_cities --seed ${SEED} does NOT reproduce the committed cities.csv\n"
        "  committed: ${EXPECTED} (${expected_size} bytes)\n"
        "  generated: ${ACTUAL} (${actual_size} bytes)\n"
        "${detail}"
        "If the generator was changed on purpose, regenerate the committed file with\n"
        "  generate_cities --seed ${SEED} --out examples/cities/cities.csv\n"
        "and update examples/cities/README.md.")
