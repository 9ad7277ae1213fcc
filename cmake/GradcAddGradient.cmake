# gradc_add_gradient: run gradc as a build step, like protoc or flatc.
#
#   gradc_add_gradient(<target> SOURCES <file>... [OUTPUT_DIR <dir>] [FRAME_LIMIT <bytes>] [EXTRA_ARGS <flag>...]
#                      [EMIT_CHECK] [SCOPE PRIVATE|PUBLIC|INTERFACE])
#   gradc_add_gradcheck(<test target> SOURCES <file>... [OUTPUT_DIR <dir>] [EXTRA_ARGS <flag>...])
#
# For each source (model.cpp), generates <OUTPUT_DIR>/model.grad.hpp with the
# gradients of the functions it marks GRADC_GRAD / GRADC_GRAD_WRT; a C source
# (model.c) gets C99, <OUTPUT_DIR>/model.grad.h, parsed with the C flags. OUTPUT_DIR
# defaults to ${CMAKE_CURRENT_BINARY_DIR}/gradc. <target> gets OUTPUT_DIR and
# the gradc runtime headers on its include path and is built after the headers,
# so its sources can `#include "model.grad.hpp"`.
#
# gradc parses each source the way <target> compiles it: with the target's
# include directories, compile definitions and language standard (CXX_STANDARD,
# CXX_EXTENSIONS; C_STANDARD, C_EXTENSIONS for a .c source), the machine flags
# of CMAKE_CXX_FLAGS / CMAKE_C_FLAGS (-mcpu= -march= -mfpu= -mfloat-abi= -mthumb
# ...) and, when cross-compiling, --target=<triple> and the cross compiler's
# header directories. EXTRA_ARGS (compiler flags) are
# appended last. EMIT_CHECK runs gradc with --emit-check (f_gradcheck beside
# each f_grad); gradc_add_gradcheck does that for a test executable.
#
# SCOPE (default PRIVATE) is how OUTPUT_DIR goes on <target>'s include path:
# PUBLIC or INTERFACE for a model library whose users include the header.
# A header another target's call already generates (an app and its test that
# share model.cpp) is shared, generated once with that first target's flags;
# give OUTPUT_DIR to generate it apart with this target's flags.
#
# All of <target>'s objects wait for its headers: CMake orders a target's
# compilations (and those of targets that use it) after any generated file one
# of them needs. To let the model and other sources compile while gradc runs,
# build them in a target of their own (an OBJECT library) and give
# gradc_add_gradient the target whose sources include the header
# (tests/cmake/consumer_test.sh, "only the includers wait").
#
# Regeneration is exact: gradc writes a depfile listing the source and every
# header it read, so editing any of them (or replacing gradc) regenerates the
# header, and nothing else does.
#
# Used through find_package(gradc) (installed gradc) or add_subdirectory(<gradc
# checkout>); both define the imported/alias targets gradc::gradc and
# gradc::runtime this function needs.
include_guard(GLOBAL)

if(CMAKE_VERSION VERSION_LESS 3.20)
  message(FATAL_ERROR "gradc_add_gradient needs CMake 3.20 or newer (add_custom_command DEPFILE)")
endif()

# Functions keep the policies in force where they are defined: DEPFILE with
# CMP0116 NEW (Ninja reads depfile paths as the Makefile generators do, no
# policy warning), whatever the calling project's cmake_minimum_required says.
cmake_policy(PUSH)
cmake_policy(VERSION 3.20...3.25)

# The target triple Clang must parse with when cross-compiling (lang: CXX or C).
function(_gradc_cross_triple lang out_var)
  set(triple "${CMAKE_${lang}_COMPILER_TARGET}")
  if(NOT triple AND CMAKE_${lang}_COMPILER_ID STREQUAL "GNU")
    execute_process(COMMAND "${CMAKE_${lang}_COMPILER}" -dumpmachine
                    OUTPUT_VARIABLE triple OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE rc ERROR_QUIET)
    if(NOT rc EQUAL 0)
      set(triple "")
    endif()
  endif()
  if(NOT triple)
    # arm-none-eabi-g++ (arm-none-eabi-gcc) -> arm-none-eabi
    get_filename_component(name "${CMAKE_${lang}_COMPILER}" NAME)
    if(name MATCHES "^(.+)-(g\\+\\+|c\\+\\+|clang\\+\\+|gcc|cc|clang)(-[0-9.]+)?$")
      set(triple "${CMAKE_MATCH_1}")
    endif()
  endif()
  set(${out_var} "${triple}" PARENT_SCOPE)
endfunction()

# Compiler flags that come from the toolchain rather than the target.
function(_gradc_toolchain_flags lang out_var)
  set(flags "")
  # Of CMAKE_CXX_FLAGS, only those that change what the compiler predefines or
  # how big types are; warnings and optimization are no business of gradc's.
  set(machine "^-(mcpu=|march=|mtune=|mfpu=|mfloat-abi=|mabi=|mthumb$|marm$|mlittle-endian$|mbig-endian$")
  string(APPEND machine "|f(no-)?short-enums$|f(no-)?exceptions$|f(no-)?rtti$|f(no-)?fast-math$|f(no-)?short-wchar$|f(no-)?signed-char$|f(no-)?unsigned-char$)")
  separate_arguments(cxx_flags UNIX_COMMAND "${CMAKE_${lang}_FLAGS}")
  foreach(flag IN LISTS cxx_flags)
    if(flag MATCHES "${machine}")
      list(APPEND flags "${flag}")
    endif()
  endforeach()
  if(CMAKE_CROSSCOMPILING)
    _gradc_cross_triple(${lang} triple)
    if(triple)
      list(PREPEND flags "--target=${triple}")
    else()
      message(WARNING "gradc_add_gradient: cross-compiling but cannot tell the target triple of "
                      "${CMAKE_${lang}_COMPILER}; set CMAKE_${lang}_COMPILER_TARGET or pass --target=... in EXTRA_ARGS")
    endif()
    if(CMAKE_SYSROOT)
      list(APPEND flags "--sysroot=${CMAKE_SYSROOT}")
    endif()
    # Clang does not find a GCC cross toolchain's C++ and C library headers by
    # itself: hand it the directories the cross compiler searches, except the
    # compiler's own builtin headers (stddef.h, arm_acle.h ...), which only
    # that compiler understands; Clang brings its own.
    foreach(dir IN LISTS CMAKE_${lang}_IMPLICIT_INCLUDE_DIRECTORIES)
      if(NOT dir MATCHES "/lib/gcc(-cross)?/[^/]+/[^/]+/include(-fixed)?/?$"
         AND NOT dir MATCHES "/lib/clang/[0-9.]+/include/?$")
        list(APPEND flags -isystem "${dir}")
      endif()
    endforeach()
  endif()
  set(${out_var} "${flags}" PARENT_SCOPE)
endfunction()

# The flags gradc parses a source of <lang> (CXX or C) with: <target>'s, as
# its compiler sees them, evaluated at generation time (these properties
# include the usage requirements of linked libraries).
function(_gradc_parse_flags target lang extra out_var)
  if(NOT CMAKE_${lang}_COMPILER_LOADED)
    message(FATAL_ERROR "gradc_add_gradient: enable the ${lang} language first (project(... LANGUAGES ${lang}))")
  endif()
  set(incs "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defs "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(std "$<TARGET_PROPERTY:${target},${lang}_STANDARD>")
  set(ext "$<TARGET_PROPERTY:${target},${lang}_EXTENSIONS>")
  # ${lang}_EXTENSIONS unset means CMake's default, ON: -std=gnu++NN, -std=gnuNN.
  set(std_kind "$<IF:$<OR:$<STREQUAL:${ext},>,$<BOOL:${ext}>>,gnu,c>")
  if(lang STREQUAL "CXX")
    string(APPEND std_kind "++")
  endif()
  _gradc_toolchain_flags(${lang} toolchain_flags)
  set(${out_var}
      "$<$<BOOL:${std}>:-std=${std_kind}${std}>"
      "$<$<BOOL:${defs}>:-D$<JOIN:${defs},$<SEMICOLON>-D>>"
      "$<$<BOOL:${incs}>:-I$<JOIN:${incs},$<SEMICOLON>-I>>"
      ${toolchain_flags}
      ${extra}
      PARENT_SCOPE)
endfunction()

function(gradc_add_gradient target)
  cmake_parse_arguments(PARSE_ARGV 1 G "EMIT_CHECK" "OUTPUT_DIR;SCOPE;FRAME_LIMIT" "SOURCES;EXTRA_ARGS")
  if(NOT G_SCOPE)
    set(G_SCOPE PRIVATE)
  elseif(NOT G_SCOPE MATCHES "^(PRIVATE|PUBLIC|INTERFACE)$")
    message(FATAL_ERROR "gradc_add_gradient(${target}): SCOPE must be PRIVATE, PUBLIC or INTERFACE")
  endif()
  if(G_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "gradc_add_gradient: unexpected arguments: ${G_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "gradc_add_gradient: '${target}' is not a target")
  endif()
  if(NOT G_SOURCES)
    message(FATAL_ERROR "gradc_add_gradient(${target}): no SOURCES")
  endif()
  if(NOT TARGET gradc::gradc OR NOT TARGET gradc::runtime)
    message(FATAL_ERROR "gradc_add_gradient: targets gradc::gradc and gradc::runtime are not defined; "
                        "call find_package(gradc) or add_subdirectory(<gradc checkout>) first")
  endif()

  if(NOT G_OUTPUT_DIR)
    set(G_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/gradc")
  endif()
  cmake_path(ABSOLUTE_PATH G_OUTPUT_DIR BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)
  file(MAKE_DIRECTORY "${G_OUTPUT_DIR}")  # Makefile generators do not create it; gradc does not either


  set(gradc_exe "$<TARGET_FILE:gradc::gradc>")
  set(gradc_options "")
  if(G_EMIT_CHECK)
    set(gradc_options --emit-check)
  endif()
  if(DEFINED G_FRAME_LIMIT)  # bytes of arrays on f_grad's stack (gradc --frame-limit; 0: no limit)
    list(APPEND gradc_options --frame-limit=${G_FRAME_LIMIT})
  endif()
  set(outputs "")
  set(owner_keys "")
  set(shared_generators "")
  foreach(source IN LISTS G_SOURCES)
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    cmake_path(GET source STEM LAST_ONLY name)
    cmake_path(GET source EXTENSION LAST_ONLY suffix)
    if(suffix STREQUAL ".c")  # C in, C99 out
      set(lang C)
      set(out "${G_OUTPUT_DIR}/${name}.grad.h")
    else()
      set(lang CXX)
      set(out "${G_OUTPUT_DIR}/${name}.grad.hpp")
    endif()
    _gradc_parse_flags("${target}" ${lang} "${G_EXTRA_ARGS}" flags)
    if(out IN_LIST outputs)
      message(FATAL_ERROR "gradc_add_gradient(${target}): two sources would both write ${out}; "
                          "call gradc_add_gradient again with another OUTPUT_DIR")
    endif()
    # Another target's call already generates this header (an app and its
    # test sharing model.cpp): share it rather than add a second rule for it.
    string(MAKE_C_IDENTIFIER "GRADC_OWNER_${out}" owner_key)
    get_property(owner GLOBAL PROPERTY "${owner_key}")
    if(owner)
      list(APPEND shared_generators "${owner}")
      continue()
    endif()
    list(APPEND outputs "${out}")
    list(APPEND owner_keys "${owner_key}")
    cmake_path(RELATIVE_PATH out BASE_DIRECTORY "${CMAKE_BINARY_DIR}" OUTPUT_VARIABLE shown)
    add_custom_command(
      OUTPUT "${out}"
      COMMAND "${gradc_exe}" ${gradc_options} "${source}" -o "${out}" --depfile "${out}.d" -- ${flags}
      DEPENDS "${source}" "${gradc_exe}"
      DEPFILE "${out}.d"
      COMMENT "gradc: generating ${shown}"
      COMMAND_EXPAND_LISTS
      VERBATIM)
  endforeach()

  # A custom target owns the generation, so the target can live in another
  # directory and several targets' compilations never race on one header.
  set(gen "${target}_gradc")
  set(n 1)
  while(TARGET "${gen}")
    math(EXPR n "${n} + 1")
    set(gen "${target}_gradc_${n}")
  endwhile()
  if(outputs)
    add_custom_target("${gen}" DEPENDS ${outputs})
    add_dependencies("${target}" "${gen}")
    foreach(key IN LISTS owner_keys)
      set_property(GLOBAL PROPERTY "${key}" "${gen}")
    endforeach()
  endif()
  if(shared_generators)
    list(REMOVE_DUPLICATES shared_generators)
    add_dependencies("${target}" ${shared_generators})
  endif()
  # The generated header repeats the source's #include lines as written, so
  # the sources' directories go on the path too.
  set(source_dirs "")
  foreach(source IN LISTS G_SOURCES)
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    cmake_path(GET source PARENT_PATH dir)
    list(APPEND source_dirs "${dir}")
  endforeach()
  list(REMOVE_DUPLICATES source_dirs)
  target_include_directories("${target}" ${G_SCOPE}
    "${G_OUTPUT_DIR}" ${source_dirs} "$<TARGET_PROPERTY:gradc::runtime,INTERFACE_INCLUDE_DIRECTORIES>")
endfunction()

# gradc_add_gradcheck(<test target> SOURCES <file>... [OUTPUT_DIR <dir>] [EXTRA_ARGS <flag>...])
# generates the sources' headers with --emit-check (f_gradcheck beside each
# f_grad; default directory ${CMAKE_CURRENT_BINARY_DIR}/gradc_check, apart from
# gradc_add_gradient's) for <test target>, an executable whose main calls the
# f_gradcheck functions at the user's points and returns non-zero on a failed
# check, and registers it as a ctest of the same name.
function(gradc_add_gradcheck target)
  cmake_parse_arguments(PARSE_ARGV 1 G "" "OUTPUT_DIR" "SOURCES;EXTRA_ARGS")
  if(G_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "gradc_add_gradcheck: unexpected arguments: ${G_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT G_OUTPUT_DIR)
    set(G_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/gradc_check")
  endif()
  gradc_add_gradient("${target}" SOURCES ${G_SOURCES} OUTPUT_DIR "${G_OUTPUT_DIR}" EXTRA_ARGS ${G_EXTRA_ARGS}
                     EMIT_CHECK)
  add_test(NAME "${target}" COMMAND "${target}")
endfunction()

cmake_policy(POP)
