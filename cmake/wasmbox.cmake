# wasmbox_add_executable(<name> SOURCES <src>... [FILES <dir>])
#
# Builds <name>.wasm from the sources with wasmbox-cc/wasmbox-c++ (use the
# toolchain file wasmbox-toolchain.cmake). With FILES, also packs <dir>
# into <name>.tar beside the module, rebuilt when a file in it changes;
# `wasmbox run --image <name>.tar <name>.wasm` unpacks it into the box's
# filesystem before the program starts.
function(wasmbox_add_executable name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "FILES" "SOURCES")
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
  if(NOT arg_FILES)
    return()
  endif()

  get_filename_component(dir "${arg_FILES}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${dir}")
    message(FATAL_ERROR "wasmbox_add_executable(${name}): FILES ${arg_FILES} is not a directory")
  endif()
  file(GLOB_RECURSE files CONFIGURE_DEPENDS LIST_DIRECTORIES false RELATIVE "${dir}" "${dir}/*")
  get_target_property(out_dir ${name} RUNTIME_OUTPUT_DIRECTORY)
  if(NOT out_dir)
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  set(image "${out_dir}/${name}.tar")
  list(TRANSFORM files PREPEND "${dir}/" OUTPUT_VARIABLE inputs)
  add_custom_command(
    OUTPUT "${image}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
    COMMAND "${CMAKE_COMMAND}" -E tar cf "${image}" --format=paxr -- ${files}
    WORKING_DIRECTORY "${dir}"
    DEPENDS ${inputs}
    COMMENT "Packing ${arg_FILES} into ${name}.tar"
    VERBATIM)
  add_custom_target(${name}_files DEPENDS "${image}")
  add_dependencies(${name} ${name}_files)
  set_target_properties(${name} PROPERTIES WASMBOX_IMAGE "${image}")
endfunction()
