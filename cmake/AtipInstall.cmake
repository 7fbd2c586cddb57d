# Installation: headers, the library, a CMake package and a pkg-config file.
set(ATIP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/atip)

install(TARGETS atip atip_cxx
  EXPORT atipTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/atip
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/capi/include/atip
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(FILES
  ${PROJECT_BINARY_DIR}/include/atip/version.hpp
  ${PROJECT_BINARY_DIR}/include/atip/atip_export.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/atip)

install(EXPORT atipTargets
  NAMESPACE atip::
  DESTINATION ${ATIP_CMAKE_DIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/atipConfig.cmake.in
  ${PROJECT_BINARY_DIR}/atipConfig.cmake
  INSTALL_DESTINATION ${ATIP_CMAKE_DIR})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/atipConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/atipConfig.cmake
  ${PROJECT_BINARY_DIR}/atipConfigVersion.cmake
  DESTINATION ${ATIP_CMAKE_DIR})

# atip.pc locates the prefix relative to its own directory (${pcfiledir}),
# so an install with another --prefix than the configured one still works.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  message(FATAL_ERROR "atip.pc needs CMAKE_INSTALL_LIBDIR and CMAKE_INSTALL_INCLUDEDIR relative to the prefix")
endif()
file(RELATIVE_PATH ATIP_PC_PREFIX_FROM_PCFILEDIR "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" ATIP_PC_PREFIX_FROM_PCFILEDIR "${ATIP_PC_PREFIX_FROM_PCFILEDIR}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/atip.pc.in
  ${PROJECT_BINARY_DIR}/atip.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/atip.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
