// RUN: rm -f %t.hpp
// RUN: %expect-error %gradc %s -o %t.hpp -- %flags | %FileCheck %s
// RUN: not test -e %t.hpp
// A library function without a rule (declared only, in a system header) is
// not "define it in this file": the message points at the rules, by the path
// an installed gradc has them under (share/gradc/templates/rules.hpp).
#include <gradc/gradc.h>

#include <cmath>

GRADC_GRAD
double f(double x) {
  // CHECK: tables_library_no_rule.cpp:[[@LINE+1]]:10: error: cannot differentiate the call to 'std::tgamma': it is a library function gradc has no derivative rule for; write one with GRADC_RULE (see {{.*}}share/gradc/templates/rules.hpp
  return std::tgamma(x) * x;
}
