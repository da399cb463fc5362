# CMake toolchain file: cross-build for aarch64 Linux with Debian's GNU cross
# toolchain (gcc-aarch64-linux-gnu, libc6-dev-arm64-cross); tests run under
# qemu-user.  Usage:
#   cmake -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake \
#         -DIRQENTRY_CHECK_PREFIX=<prefix given to scripts/cross-check.sh>
set(IRQENTRY_TRIPLE aarch64-linux-gnu)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

# Only C is needed.  CXX is resolved only if a project enables it; set it
# anyway so that CMake fails loudly instead of silently using host c++.
set(CMAKE_C_COMPILER ${IRQENTRY_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${IRQENTRY_TRIPLE}-g++)

# Where a cross-built Check lives (scripts/cross-check.sh); env var as fallback.
set(IRQENTRY_CHECK_PREFIX "$ENV{IRQENTRY_CHECK_PREFIX}" CACHE PATH "Check install prefix for ${IRQENTRY_TRIPLE}")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES IRQENTRY_CHECK_PREFIX)

# Look for target headers/libraries only in the cross sysroot and Check prefix;
# programs (tools) come from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${IRQENTRY_TRIPLE} ${IRQENTRY_CHECK_PREFIX})
list(APPEND CMAKE_PREFIX_PATH ${IRQENTRY_CHECK_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static executables: a dynamic binary under qemu -L can mix the cross ld.so
# with a multiarch libc.so.6 and hang forever in forked children.
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/usr/${IRQENTRY_TRIPLE})
