# lit configuration for gradc's golden and diagnostic tests.
#
# Substitutions:
#   %gradc          the tool under test
#   %flags          the compiler flags every test parses with
#   %FileCheck      LLVM's FileCheck
#   %expect-error   runs a command that must exit with status 1, stderr to stdout
#   %gxx            the C++ compiler the checks use (g++)
#   %cxx-check      compiles a generated header with g++ and clang++ at -Werror
#   %run-check      compiles a test's own main against its generated header and runs it
#   %run-check-sanitized  the same under -fsanitize=address,undefined, no recovery: one byte
#                   past a buffer or a misaligned store fails the test
import os
import lit.formats

config.name = "gradc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.gradc_obj_root

here = os.path.dirname(__file__)
flags = "-std=c++17 -I" + config.runtime_include
config.substitutions.append(("%gradc", config.gradc))
config.substitutions.append(("%flags", flags))
config.substitutions.append(("%gxx", config.gxx))
config.substitutions.append(("%FileCheck", config.filecheck + " --dump-input=fail"))
config.substitutions.append(("%expect-error", "bash " + os.path.join(here, "expect-error.sh")))
config.substitutions.append(
    ("%cxx-check",
     "bash " + os.path.join(here, "cxx-check.sh") + " " + config.gxx + " " + config.clangxx + " " +
     config.runtime_include))
# (before %run-check, which is a prefix of its name)
config.substitutions.append(
    ("%run-check-sanitized",
     "env ASAN_OPTIONS=detect_leaks=0 bash " + os.path.join(here, "run-check.sh") + " " + config.gxx + " " +
     config.runtime_include + " -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"))
config.substitutions.append(
    ("%run-check", "bash " + os.path.join(here, "run-check.sh") + " " + config.gxx + " " + config.runtime_include))
