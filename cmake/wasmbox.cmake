# wasmbox_add_executable(<name> SOURCES <src>... [FILES <dir>] [PAGE])
#
# Builds <name>.wasm from the sources with wasmbox-cc/wasmbox-c++ (use the
# toolchain file wasmbox-toolchain.cmake). With FILES, also packs <dir>
# into the wasmbox image <name>.img beside the module (`wasmbox pack`),
# rebuilt when a file in it changes; `wasmbox run --image <name>.img
# <name>.wasm` gives the program its files, read as used. With PAGE, also emits <name>.html
# beside them, a page that runs the program in a terminal, and the files it
# loads in wasmbox/ (shared by all pages of the directory): serve the
# directory from any static server (`npx wasmbox serve DIR`).
function(wasmbox_add_executable name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "PAGE" "FILES" "SOURCES")
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "wasmbox_add_executable(${name}): no SOURCES")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wasmbox_add_executable(${name}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  add_executable(${name} ${arg_SOURCES})
  # wasmbox-cc links the guest library into every module: relink when it changes.
  file(GLOB_RECURSE guest_library CONFIGURE_DEPENDS "${WASMBOX_ROOT}/shim/guest/*")
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${guest_library})
  get_target_property(out_dir ${name} RUNTIME_OUTPUT_DIRECTORY)
  if(NOT out_dir)
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  if(arg_FILES)
    _wasmbox_pack_files(${name} "${arg_FILES}" "${out_dir}")
  endif()
  if(arg_PAGE)
    _wasmbox_emit_page(${name} "${out_dir}" "${arg_FILES}")
  endif()
endfunction()

# <name>.img from the files of <files_dir>.
function(_wasmbox_pack_files name files_dir out_dir)
  get_filename_component(dir "${files_dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${dir}")
    message(FATAL_ERROR "wasmbox_add_executable(${name}): FILES ${files_dir} is not a directory")
  endif()
  file(GLOB_RECURSE entries CONFIGURE_DEPENDS LIST_DIRECTORIES false RELATIVE "${dir}" "${dir}/*")
  set(image "${out_dir}/${name}.img")
  list(TRANSFORM entries PREPEND "${dir}/" OUTPUT_VARIABLE inputs)
  add_custom_command(
    OUTPUT "${image}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
    COMMAND "${WASMBOX_ROOT}/web/src/node/cli.js" pack "${dir}" -o "${image}"
    DEPENDS ${inputs} "${WASMBOX_ROOT}/web/dist/kernel.wasm"
    COMMENT "Packing ${files_dir} into ${name}.img"
    VERBATIM)
  add_custom_target(${name}_files DEPENDS "${image}")
  add_dependencies(${name} ${name}_files)
  set_target_properties(${name} PROPERTIES WASMBOX_IMAGE "${image}")
endfunction()

# <name>.html, the page runtime in wasmbox/ beside it, and wasmbox's
# Service Worker (for hosts and browsers with neither cross-origin
# isolation nor JSPI), whose scope, the page's folder, covers both.
function(_wasmbox_emit_page name out_dir files_dir)
  set(runtime_files app.js worker.js process-worker.js store-worker.js kernel.wasm kernel-shared.wasm xterm.css
                    service-worker.js)
  set(dist "${WASMBOX_ROOT}/web/dist")
  foreach(f ${runtime_files})
    if(NOT EXISTS "${dist}/${f}")
      message(FATAL_ERROR "wasmbox_add_executable(${name} PAGE): ${dist}/${f} is missing; "
                          "build wasmbox first (npm run build in its directory)")
    endif()
  endforeach()
  set(WASMBOX_NAME "${name}")
  set(WASMBOX_IMAGE "null")
  if(files_dir)
    set(WASMBOX_IMAGE "'${name}.img'")
  endif()
  configure_file("${WASMBOX_ROOT}/cmake/wasmbox-page.html" "${out_dir}/${name}.html" @ONLY)
  list(TRANSFORM runtime_files PREPEND "${dist}/" OUTPUT_VARIABLE sources)
  list(TRANSFORM runtime_files PREPEND "${out_dir}/wasmbox/" OUTPUT_VARIABLE copies)
  list(APPEND copies "${out_dir}/wasmbox-service-worker.js")
  # One copy per output directory, for all its pages.
  string(MD5 dir_id "${out_dir}")
  set(runtime_target "wasmbox_page_runtime_${dir_id}")
  if(NOT TARGET ${runtime_target})
    add_custom_command(
      OUTPUT ${copies}
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}/wasmbox"
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different ${sources} "${out_dir}/wasmbox/"
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${dist}/service-worker.js" "${out_dir}/wasmbox-service-worker.js"
      DEPENDS ${sources}
      COMMENT "Copying the page runtime into wasmbox/"
      VERBATIM)
    add_custom_target(${runtime_target} DEPENDS ${copies})
  endif()
  add_dependencies(${name} ${runtime_target})
endfunction()
