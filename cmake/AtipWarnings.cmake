# Warning and sanitizer flags shared by every atip target.
add_library(atip_warnings INTERFACE)
target_compile_options(atip_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic>)
if(ATIP_WARNINGS_AS_ERRORS)
  target_compile_options(atip_warnings INTERFACE -Werror)
endif()

if(ATIP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
