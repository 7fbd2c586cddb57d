# Warning flags shared by every atip target (sanitizers: AtipSanitizers.cmake).
add_library(atip_warnings INTERFACE)
target_compile_options(atip_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic>)
# GCC 12 reports -Wrestrict false positives inside libstdc++'s std::string
# at -O2 and above (GCC bug 105329), so that one warning is off for GCC.
target_compile_options(atip_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(ATIP_WARNINGS_AS_ERRORS)
  target_compile_options(atip_warnings INTERFACE -Werror)
endif()
