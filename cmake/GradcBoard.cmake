# gradc_add_qemu_firmware: a firmware for QEMU's Cortex-M4F board (Arm MPS2
# AN386), built with the toolchain file gradc installs and run as a ctest.
#
#   cmake -S . -B build-m4 -DCMAKE_TOOLCHAIN_FILE=<prefix>/share/gradc/cmake/arm-none-eabi-cortex-m4f.cmake
#   gradc_add_qemu_firmware(<executable target> [NO_HEAP] [PASS_REGULAR_EXPRESSION <regex>])
#
# Adds the board's startup code (vector table, .data/.bss, FPU on, C++
# constructors, semihosting; compiled as C, or as C++ in a project without C) and linker script to <target>, names it
# <target>.elf, and registers the ctest <target> that runs it under
# qemu-system-arm: the program's stdout is the test's output, main's return
# value its exit status (a hung program fails after 120 s). NO_HEAP makes
# any call to malloc/new a link error (the proof that a firmware allocates
# nothing). Semihosting is newlib's rdimon: do not also link nosys.specs.
include_guard(GLOBAL)

# The board files: installed beside this file (share/gradc/board), or in a
# gradc checkout (samples/embedded/board).
if(EXISTS "${CMAKE_CURRENT_LIST_DIR}/../../../share/gradc/board/mps2-an386/startup.c")
  get_filename_component(GRADC_BOARD_DIR "${CMAKE_CURRENT_LIST_DIR}/../../../share/gradc/board/mps2-an386" ABSOLUTE)
else()
  get_filename_component(GRADC_BOARD_DIR "${CMAKE_CURRENT_LIST_DIR}/../samples/embedded/board" ABSOLUTE)
endif()

function(gradc_add_qemu_firmware target)
  cmake_parse_arguments(PARSE_ARGV 1 G "NO_HEAP" "PASS_REGULAR_EXPRESSION" "")
  if(G_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "gradc_add_qemu_firmware: unexpected arguments: ${G_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "gradc_add_qemu_firmware: '${target}' is not a target")
  endif()
  # (either language the project enabled: the toolchain file sets both)
  if(CMAKE_C_COMPILER_LOADED)
    set(compiler "${CMAKE_C_COMPILER}")
  else()
    set(compiler "${CMAKE_CXX_COMPILER}")
  endif()
  if(NOT compiler MATCHES "arm-none-eabi")
    message(FATAL_ERROR "gradc_add_qemu_firmware(${target}): configure with the board's toolchain file, "
                        "-DCMAKE_TOOLCHAIN_FILE=<gradc prefix>/share/gradc/cmake/arm-none-eabi-cortex-m4f.cmake")
  endif()
  set(ld "${GRADC_BOARD_DIR}/mps2_an386.ld")
  target_sources("${target}" PRIVATE "${GRADC_BOARD_DIR}/startup.c")
  if(NOT CMAKE_C_COMPILER_LOADED)
    set_source_files_properties("${GRADC_BOARD_DIR}/startup.c" TARGET_DIRECTORY "${target}" PROPERTIES LANGUAGE CXX)
  endif()
  set_target_properties("${target}" PROPERTIES SUFFIX .elf LINK_DEPENDS "${ld}")
  target_link_options("${target}" PRIVATE "-T${ld}" -nostartfiles --specs=rdimon.specs -Wl,--gc-sections)
  if(G_NO_HEAP)
    # Every allocation entry point wrapped to an undefined __wrap_<name>.
    set(no_heap malloc free calloc realloc reallocarray aligned_alloc memalign posix_memalign valloc pvalloc
        _Znwj _Znaj _ZnwjRKSt9nothrow_t _ZnajRKSt9nothrow_t _ZnwjSt11align_val_t _ZnajSt11align_val_t
        _ZdlPv _ZdaPv _ZdlPvj _ZdaPvj _ZdlPvSt11align_val_t _ZdaPvSt11align_val_t)
    list(TRANSFORM no_heap PREPEND "-Wl,--wrap=")
    target_link_options("${target}" PRIVATE ${no_heap})
  endif()
  find_program(GRADC_QEMU_SYSTEM_ARM qemu-system-arm)
  if(NOT GRADC_QEMU_SYSTEM_ARM)
    message(WARNING "gradc_add_qemu_firmware(${target}): qemu-system-arm not found; the firmware builds, "
                    "but its test will fail (Debian: apt install qemu-system-arm)")
    set(GRADC_QEMU_SYSTEM_ARM qemu-system-arm)
  endif()
  add_test(NAME "${target}" COMMAND bash "${GRADC_BOARD_DIR}/run.sh" "$<TARGET_FILE:${target}>")
  if(G_PASS_REGULAR_EXPRESSION)
    set_tests_properties("${target}" PROPERTIES PASS_REGULAR_EXPRESSION "${G_PASS_REGULAR_EXPRESSION}")
  endif()
endfunction()
