# Sanitizer and fuzzer instrumentation for every target of the build.
#
# ATIP_SANITIZE takes:
#   OFF (or empty)        no sanitizer;
#   ON                    AddressSanitizer and UndefinedBehaviorSanitizer;
#   a comma list          the sanitizers to pass to -fsanitize=, for example
#                         "address,undefined" or "thread".
# Every report aborts (-fno-sanitize-recover=all), so a test with a finding
# fails instead of printing and passing.
#
# ATIP_BUILD_FUZZERS needs clang: every target gets libFuzzer's coverage
# instrumentation (-fsanitize=fuzzer-no-link) and the fuzz targets in
# tests/fuzz link libFuzzer's main. Without an explicit ATIP_SANITIZE it also
# turns on address,undefined, since a fuzzer without them misses most memory
# errors.

set(ATIP_SANITIZE_LIST "")
if(ATIP_SANITIZE)
  string(TOUPPER "${ATIP_SANITIZE}" _atip_sanitize_upper)
  if(_atip_sanitize_upper STREQUAL "ON" OR _atip_sanitize_upper STREQUAL "TRUE"
     OR _atip_sanitize_upper STREQUAL "YES" OR _atip_sanitize_upper STREQUAL "1")
    set(ATIP_SANITIZE_LIST "address,undefined")
  else()
    set(ATIP_SANITIZE_LIST "${ATIP_SANITIZE}")
  endif()
endif()
if(ATIP_BUILD_FUZZERS AND ATIP_SANITIZE_LIST STREQUAL "")
  set(ATIP_SANITIZE_LIST "address,undefined")
endif()

if(ATIP_BUILD_FUZZERS AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "ATIP_BUILD_FUZZERS=ON needs clang (libFuzzer); configure with "
                      "-DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14")
endif()

if(NOT ATIP_SANITIZE_LIST STREQUAL "")
  message(STATUS "atip: sanitizers ${ATIP_SANITIZE_LIST}")
  add_compile_options(-fsanitize=${ATIP_SANITIZE_LIST} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${ATIP_SANITIZE_LIST})
endif()

if(ATIP_BUILD_FUZZERS)
  add_compile_options(-fsanitize=fuzzer-no-link)
  add_link_options(-fsanitize=fuzzer-no-link)
endif()
