# Compares the dynamic symbols that LIBRARY defines with the functions that
# HEADER declares with ATIP_EXPORT. Fails when the library exports a symbol
# the header does not declare (a leak of an internal or C++ symbol) or the
# header declares a function the library does not export.
#
#   cmake -DLIBRARY=libatip.so -DHEADER=atip.h -P check_symbols.cmake
foreach(variable IN ITEMS LIBRARY HEADER)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "check_symbols.cmake: set -D${variable}=...")
  endif()
endforeach()

find_program(NM_PROGRAM nm REQUIRED)
execute_process(COMMAND ${NM_PROGRAM} -D --defined-only ${LIBRARY}
  OUTPUT_VARIABLE nm_output RESULT_VARIABLE nm_result)
if(NOT nm_result EQUAL 0)
  message(FATAL_ERROR "nm -D --defined-only ${LIBRARY} failed (${nm_result})")
endif()

# nm lines read "<address> <type> <name>[@@version]".
set(exported "")
string(REPLACE "\n" ";" nm_lines "${nm_output}")
foreach(line IN LISTS nm_lines)
  if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] ([^@ ]+)")
    list(APPEND exported "${CMAKE_MATCH_1}")
  endif()
endforeach()

file(READ ${HEADER} header_text)
string(REGEX MATCHALL "ATIP_EXPORT[^;(]*[ *](atip_[a-z0-9_]+)\\(" declarations "${header_text}")
set(declared "")
foreach(declaration IN LISTS declarations)
  string(REGEX MATCH "(atip_[a-z0-9_]+)\\($" name "${declaration}")
  list(APPEND declared "${CMAKE_MATCH_1}")
endforeach()

list(SORT exported)
list(SORT declared)
list(LENGTH declared declared_count)
if(declared_count EQUAL 0)
  message(FATAL_ERROR "found no ATIP_EXPORT declarations in ${HEADER}")
endif()

set(extra ${exported})
list(REMOVE_ITEM extra ${declared})
set(missing ${declared})
list(REMOVE_ITEM missing ${exported})

if(extra OR missing)
  message(FATAL_ERROR "exported symbols differ from ${HEADER}\n"
    "  exported but not declared: ${extra}\n"
    "  declared but not exported: ${missing}")
endif()
message(STATUS "${declared_count} functions declared in atip.h, the same ${declared_count} exported by ${LIBRARY}")
