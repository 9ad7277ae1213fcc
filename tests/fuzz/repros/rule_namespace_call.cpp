#include <gradc/gradc.h>

#include "rule_namespace_call.hpp"

GRADC_GRAD
double f(double x) { return act::logistic(x); }
