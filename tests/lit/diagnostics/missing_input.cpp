// A missing input is an error, and nothing is written.
// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %t.does-not-exist.cpp -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// CHECK: gradc: error: cannot read '{{.*}}does-not-exist.cpp': no such file
