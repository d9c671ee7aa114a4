include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(GOVMETRICS_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/govmetrics")
install(TARGETS govmetrics govmetrics_io EXPORT govmetricsTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
if(TARGET govmetrics_lp)
  install(TARGETS govmetrics_lp EXPORT govmetricsTargets
          ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
          FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()
if(TARGET govmetrics_report)
  install(TARGETS govmetrics_report EXPORT govmetricsTargets
          ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
          FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()
if(TARGET govmetrics_cli)
  install(TARGETS govmetrics_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()
install(EXPORT govmetricsTargets NAMESPACE govmetrics:: DESTINATION "${GOVMETRICS_CMAKE_DIR}")
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/govmetricsConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/govmetricsConfig.cmake"
                              INSTALL_DESTINATION "${GOVMETRICS_CMAKE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/govmetricsConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/govmetricsConfig.cmake"
              "${PROJECT_BINARY_DIR}/govmetricsConfigVersion.cmake"
        DESTINATION "${GOVMETRICS_CMAKE_DIR}")
