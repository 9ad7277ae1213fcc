# Helpers shared by tests/ and samples/.
#
# gradc_generate(<out-var> SOURCE <file.cpp> OUTPUT <file.hpp>)
#   Runs the freshly built gradc on SOURCE at build time. The output path is
#   returned in <out-var> so a target can list it as a source (making the
#   target depend on it).
function(gradc_generate out_var)
  cmake_parse_arguments(G "" "SOURCE;OUTPUT" "FLAGS" ${ARGN})
  add_custom_command(
    OUTPUT ${G_OUTPUT}
    COMMAND gradc ${G_SOURCE} -o ${G_OUTPUT} --
            -std=c++17 -I${PROJECT_SOURCE_DIR}/runtime/include ${G_FLAGS}
    DEPENDS gradc ${G_SOURCE}
    COMMENT "gradc ${G_SOURCE}"
    VERBATIM)
  set(${out_var} ${G_OUTPUT} PARENT_SCOPE)
endfunction()

find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_program(GRADC_CLANGXX NAMES clang++-19 clang++ REQUIRED)
find_program(GRADC_GXX NAMES g++ REQUIRED)
