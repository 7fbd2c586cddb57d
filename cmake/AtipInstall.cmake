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

configure_file(${PROJECT_SOURCE_DIR}/cmake/atip.pc.in
  ${PROJECT_BINARY_DIR}/atip.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/atip.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
