# CMake toolchain file for programs that run in wasmbox: C and C++ are
# built by wasmbox-cc and wasmbox-c++ into .wasm modules.
#
#   cmake -B build -DCMAKE_TOOLCHAIN_FILE=<wasmbox>/cmake/wasmbox-toolchain.cmake \
#         [-DWASMBOX_TOOLCHAIN=wasi]
#
# WASMBOX_TOOLCHAIN picks the compiler underneath: emscripten (emcc, the
# default) or wasi (clang + wasi-libc + libc++). Then `include(wasmbox)`
# gives wasmbox_add_executable().
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)

get_filename_component(WASMBOX_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(WASMBOX_TOOLCHAIN "emscripten" CACHE STRING "The compiler under wasmbox-cc: emscripten or wasi")
set_property(CACHE WASMBOX_TOOLCHAIN PROPERTY STRINGS emscripten wasi)
# try_compile projects read this file again and need the same choice.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES WASMBOX_TOOLCHAIN)

set(CMAKE_C_COMPILER "${WASMBOX_ROOT}/web/src/toolchain/cc.js")
set(CMAKE_CXX_COMPILER "${WASMBOX_ROOT}/web/src/toolchain/cxx.js")
set(CMAKE_C_FLAGS_INIT "--toolchain=${WASMBOX_TOOLCHAIN}")
set(CMAKE_CXX_FLAGS_INIT "--toolchain=${WASMBOX_TOOLCHAIN}")
# Static libraries of wasm objects: LLVM's archiver serves both compilers.
find_program(CMAKE_AR NAMES llvm-ar-14 llvm-ar emar REQUIRED)
find_program(CMAKE_RANLIB NAMES llvm-ranlib-14 llvm-ranlib emranlib REQUIRED)
set(CMAKE_EXECUTABLE_SUFFIX_C .wasm)
set(CMAKE_EXECUTABLE_SUFFIX_CXX .wasm)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")
