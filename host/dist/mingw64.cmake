# CMake toolchain file: cross-compile for 64-bit Windows with Debian's mingw-w64.
#
# Used by host/dist/win-deps.sh. The script exports:
#   MINGW_CC, MINGW_CXX      the compilers it chose (the -posix variants when installed)
#   MEDSKAPA_WIN_PREFIX      the prefix the dependencies are installed into
# so that CMake's try_compile sub-projects, which read this file again, see the same values.

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(_triple x86_64-w64-mingw32)

if(DEFINED ENV{MINGW_CC})
  set(CMAKE_C_COMPILER "$ENV{MINGW_CC}")
else()
  find_program(CMAKE_C_COMPILER NAMES ${_triple}-gcc-posix ${_triple}-gcc REQUIRED)
endif()
if(DEFINED ENV{MINGW_CXX})
  set(CMAKE_CXX_COMPILER "$ENV{MINGW_CXX}")
else()
  find_program(CMAKE_CXX_COMPILER NAMES ${_triple}-g++-posix ${_triple}-g++ REQUIRED)
endif()
set(CMAKE_RC_COMPILER ${_triple}-windres)
set(CMAKE_AR ${_triple}-ar CACHE FILEPATH "ar")
set(CMAKE_RANLIB ${_triple}-ranlib CACHE FILEPATH "ranlib")

# Look for headers, libraries and CMake packages only in the mingw runtime and in our prefix,
# never in the build machine's /usr; programs (pkg-config, python) come from the build machine.
set(CMAKE_FIND_ROOT_PATH /usr/${_triple})
if(DEFINED ENV{MEDSKAPA_WIN_PREFIX})
  list(APPEND CMAKE_FIND_ROOT_PATH "$ENV{MEDSKAPA_WIN_PREFIX}")
  list(APPEND CMAKE_PREFIX_PATH "$ENV{MEDSKAPA_WIN_PREFIX}")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
