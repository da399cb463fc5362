# SPDX-License-Identifier: MIT
# Check, the unit-test framework of irqentry's own suites: Debian's package
# on the host (pkg-config), a static build from scripts/cross-check.sh for a
# cross target (IRQENTRY_CHECK_PREFIX, searched through the toolchain
# file's find root). Sets IRQENTRY_CHECK_FOUND and, when found, defines
# the irqentry_check target; never fails, the caller decides.
set(IRQENTRY_CHECK_FOUND FALSE)
if(CMAKE_CROSSCOMPILING)
  find_path(CHECK_INCLUDE_DIR check.h)
  find_library(CHECK_LIBRARY NAMES libcheck.a check)
  if(CHECK_INCLUDE_DIR AND CHECK_LIBRARY)
    add_library(irqentry_check INTERFACE)
    target_include_directories(irqentry_check INTERFACE ${CHECK_INCLUDE_DIR})
    target_link_libraries(irqentry_check INTERFACE ${CHECK_LIBRARY} -pthread rt m)
    set(IRQENTRY_CHECK_FOUND TRUE)
  endif()
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(CHECK QUIET IMPORTED_TARGET check)
  endif()
  if(CHECK_FOUND)
    add_library(irqentry_check INTERFACE)
    target_link_libraries(irqentry_check INTERFACE PkgConfig::CHECK)
    set(IRQENTRY_CHECK_FOUND TRUE)
  endif()
endif()
